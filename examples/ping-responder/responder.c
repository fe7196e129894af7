// SPDX-License-Identifier: MIT
/*
 * The ping responder: two packet handlers on one device.
 *
 *   ETH_P_ARP  a request "who has <addr>?" gets a reply "<addr> is at <dev's MAC>", sent
 *              straight back to the asker's MAC (no ARP cache: the request says where to go)
 *   ETH_P_IP   an ICMP echo request to <addr> gets an echo reply with the same identifier,
 *              sequence number and data, sent back to the Ethernet source of the request
 *
 * Everything is written against krt's sk_buff API as a kernel driver would: the handlers run
 * in the receive softirq (the backlog thread), read the request at skb->data (eth_type_trans()
 * pulled the Ethernet header, eth_hdr() still finds it), build each reply in a new sk_buff
 * (alloc_skb, skb_reserve for the link-layer header, skb_put for the payload, skb_push for the
 * Ethernet header) and hand it to dev_queue_xmit(). The IPv4 header and ICMP checksums are
 * computed here: the RFC 1071 ones' complement sum.
 *
 * Malformed or foreign frames are ignored (counted), never answered: a wrong IPv4 header
 * checksum, a fragment, options the replies would not carry, a request for another address.
 */
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/icmp.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/string.h>

#include "responder.h"

/* frag_off bits (the kernel's <net/ip.h>). */
#define RESPONDER_IP_MF		0x2000
#define RESPONDER_IP_OFFSET	0x1fff
#define RESPONDER_TTL		64

/* ARP for IPv4 over Ethernet: the fixed header and the four addresses after it. */
struct responder_arp {
	struct arphdr	hdr;
	u8		sha[ETH_ALEN];
	u8		spa[4];
	u8		tha[ETH_ALEN];
	u8		tpa[4];
} __packed;

/*
 * The Internet checksum (RFC 1071) of @len bytes: the ones' complement of the ones' complement
 * sum of the big-endian 16-bit words. Summing data that includes a correct checksum gives 0.
 */
static __sum16 responder_csum(const void *data, unsigned int len)
{
	const u8 *p = data;
	u32 sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += (p[0] << 8) | p[1];
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (__force __sum16)htons(~sum & 0xffff);
}

/* A reply with room for the Ethernet header in front and the minimum frame size. */
static struct sk_buff *responder_alloc(unsigned int payload)
{
	unsigned int room = max_t(unsigned int, payload, ETH_ZLEN - ETH_HLEN);
	struct sk_buff *skb = alloc_skb(ETH_HLEN + room, GFP_ATOMIC);

	if (skb)
		skb_reserve(skb, ETH_HLEN);
	return skb;
}

/* Pad to the Ethernet minimum, put the Ethernet header in front, send. Consumes @skb. */
static void responder_xmit(struct ping_responder *r, struct sk_buff *skb, const u8 *dest,
			   __be16 proto, atomic_t *sent)
{
	struct ethhdr *eth;

	if (skb->len < ETH_ZLEN - ETH_HLEN)
		skb_put_zero(skb, ETH_ZLEN - ETH_HLEN - skb->len);
	skb_reset_network_header(skb);
	eth = skb_push(skb, ETH_HLEN);
	memcpy(eth->h_dest, dest, ETH_ALEN);
	memcpy(eth->h_source, r->dev->dev_addr, ETH_ALEN);
	eth->h_proto = proto;
	skb->dev = r->dev;
	skb->protocol = proto;
	if (dev_queue_xmit(skb) == NET_XMIT_SUCCESS)
		atomic_inc(sent);
	else
		atomic_inc(&r->tx_errors);
}

static int responder_arp_rcv(struct sk_buff *skb, struct net_device *dev,
			     struct packet_type *pt, struct net_device *orig_dev)
{
	struct ping_responder *r = container_of(pt, struct ping_responder, arp_pt);
	const struct responder_arp *req;
	struct responder_arp *rep;
	struct sk_buff *reply;

	if (skb->pkt_type == PACKET_OTHERHOST || !pskb_may_pull(skb, sizeof(*req)))
		goto ignore;
	req = (const struct responder_arp *)skb->data;
	if (req->hdr.ar_hrd != htons(ARPHRD_ETHER) || req->hdr.ar_pro != htons(ETH_P_IP) ||
	    req->hdr.ar_hln != ETH_ALEN || req->hdr.ar_pln != 4 ||
	    req->hdr.ar_op != htons(ARPOP_REQUEST) || memcmp(req->tpa, &r->addr, 4))
		goto ignore;

	reply = responder_alloc(sizeof(*rep));
	if (!reply) {
		atomic_inc(&r->tx_errors);
		goto out;
	}
	rep = skb_put(reply, sizeof(*rep));
	rep->hdr = req->hdr;
	rep->hdr.ar_op = htons(ARPOP_REPLY);
	memcpy(rep->sha, dev->dev_addr, ETH_ALEN);
	memcpy(rep->spa, &r->addr, 4);
	memcpy(rep->tha, req->sha, ETH_ALEN);
	memcpy(rep->tpa, req->spa, 4);
	responder_xmit(r, reply, req->sha, htons(ETH_P_ARP), &r->arp_replies);
	goto out;

ignore:
	atomic_inc(&r->ignored);
out:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/* Is @skb an intact ICMP echo request to r->addr? Then return its IP header. */
static const struct iphdr *responder_echo_request(struct ping_responder *r, struct sk_buff *skb)
{
	const struct icmphdr *icmp;
	const struct iphdr *iph;
	unsigned int ihl, tot_len;

	if (skb->pkt_type != PACKET_HOST || !pskb_may_pull(skb, sizeof(*iph)))
		return NULL;
	iph = (const struct iphdr *)skb->data;
	ihl = iph->ihl * 4;
	tot_len = ntohs(iph->tot_len);
	if (iph->version != 4 || ihl < sizeof(*iph) || tot_len < ihl + sizeof(*icmp) ||
	    tot_len > skb->len)
		return NULL;
	if (responder_csum(iph, ihl))
		return NULL;
	if (iph->daddr != r->addr || iph->protocol != IPPROTO_ICMP ||
	    (iph->frag_off & htons(RESPONDER_IP_MF | RESPONDER_IP_OFFSET)))
		return NULL;
	icmp = (const struct icmphdr *)((const u8 *)iph + ihl);
	if (icmp->type != ICMP_ECHO || icmp->code != 0 || responder_csum(icmp, tot_len - ihl))
		return NULL;
	return iph;
}

static int responder_ip_rcv(struct sk_buff *skb, struct net_device *dev,
			    struct packet_type *pt, struct net_device *orig_dev)
{
	struct ping_responder *r = container_of(pt, struct ping_responder, ip_pt);
	const struct iphdr *iph = responder_echo_request(r, skb);
	unsigned int icmp_len;
	struct icmphdr *icmp;
	struct sk_buff *reply;
	struct iphdr *rip;

	if (!iph) {
		atomic_inc(&r->ignored);
		goto out;
	}
	icmp_len = ntohs(iph->tot_len) - iph->ihl * 4;
	reply = responder_alloc(sizeof(*rip) + icmp_len);
	if (!reply) {
		atomic_inc(&r->tx_errors);
		goto out;
	}

	/* A plain 20-byte header: the request's options are not echoed. */
	rip = skb_put(reply, sizeof(*rip));
	memset(rip, 0, sizeof(*rip));
	rip->version = 4;
	rip->ihl = sizeof(*rip) / 4;
	rip->tos = iph->tos;
	rip->tot_len = htons(sizeof(*rip) + icmp_len);
	rip->id = htons((u16)atomic_inc_return(&r->ip_id));
	rip->ttl = RESPONDER_TTL;
	rip->protocol = IPPROTO_ICMP;
	rip->saddr = r->addr;
	rip->daddr = iph->saddr;
	rip->check = responder_csum(rip, sizeof(*rip));

	/* Same identifier, sequence and data; only the type and the checksum change. */
	icmp = skb_put_data(reply, (const u8 *)iph + iph->ihl * 4, icmp_len);
	icmp->type = ICMP_ECHOREPLY;
	icmp->code = 0;
	icmp->checksum = 0;
	icmp->checksum = responder_csum(icmp, icmp_len);

	responder_xmit(r, reply, eth_hdr(skb)->h_source, htons(ETH_P_IP), &r->echo_replies);
out:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/**
 * ping_responder_start - answer ARP and ping for @addr on @dev
 * @r: the responder's state (zeroed here)
 * @dev: the device to answer on; a tracked reference is held until ping_responder_stop()
 * @addr: the IPv4 address to answer for, network byte order
 */
void ping_responder_start(struct ping_responder *r, struct net_device *dev, __be32 addr)
{
	memset(r, 0, sizeof(*r));
	r->dev = dev;
	r->addr = addr;
	netdev_hold(dev, &r->dev_tracker, GFP_KERNEL);

	/* Bound to @dev: frames of other devices never reach these handlers. */
	r->arp_pt.type = htons(ETH_P_ARP);
	r->arp_pt.dev = dev;
	r->arp_pt.func = responder_arp_rcv;
	r->ip_pt.type = htons(ETH_P_IP);
	r->ip_pt.dev = dev;
	r->ip_pt.func = responder_ip_rcv;
	dev_add_pack(&r->arp_pt);
	dev_add_pack(&r->ip_pt);
}

/**
 * ping_responder_stop - stop answering and release the device
 * @r: a started responder
 *
 * When this returns no handler runs any more (dev_remove_pack() waits for them).
 */
void ping_responder_stop(struct ping_responder *r)
{
	dev_remove_pack(&r->ip_pt);
	dev_remove_pack(&r->arp_pt);
	netdev_put(r->dev, &r->dev_tracker);
	r->dev = NULL;
}
