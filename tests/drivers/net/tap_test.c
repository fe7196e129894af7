// SPDX-License-Identifier: MIT
/*
 * drivers/net/tap.c: a krt device bridged to a host TAP interface. Frames the host sends reach
 * krt's packet handlers, krt's transmits reach the host's stack (its ARP answers), the host's
 * ping is answered by the example responder, and deleting the device while the host floods it
 * stops cleanly.
 *
 * Namespaces: every case that touches the host enters a private host network namespace first.
 * KUnit runs each case on a thread of its own that ends with the case (lib/kunit/try-catch.c),
 * so the namespace is that thread's and nothing else in the process (or on the machine) sees
 * the TAP interfaces, addresses or programs. Cases skip, saying why, where the host permits no
 * namespace or no TAP interface.
 *
 * The responder is examples/ping-responder/responder.c, included here rather than linked:
 * examples are standalone programs outside libkrt, and the test must exercise exactly the code
 * that the example runs.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <linux/wait.h>
#include <net/rtnetlink.h>
#include <krt/link.h>
#include <krt/printk.h>
#include <krt/tap.h>

#include "examples/ping-responder/responder.c"

#define TAP_WAIT_MS		5000
#define TAP_PROGRAM_MS		20000
#define TAP_OUT_SIZE		8192
#define TAP_CAPTURE		16
#define TAP_CAPTURE_BYTES	128

/* 169.254.1.1 (the host side) and 169.254.1.2 (krt's side), network byte order. */
static const u8 tap_host_ip[4] = { 169, 254, 1, 1 };
static const u8 tap_krt_ip[4] = { 169, 254, 1, 2 };
static const u8 tap_peer_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x6b, 0x72, 0x74 };
/* IEEE 802 local experimental EtherType: nothing on the host answers it. */
#define ETH_P_TEST_TAP	0x88b5

/* ---- entering the namespace, making devices -------------------------------------------------- */

static void tap_enter_netns(struct kunit *test)
{
	int err = krt_tap_enter_private_netns();

	if (err)
		kunit_skip(test, "a private network namespace is not permitted here (unshare(CLONE_NEWNET)): %pe",
			   ERR_PTR(err));
}

static bool tap_not_permitted(int err)
{
	return err == -ENOENT || err == -EACCES || err == -EPERM;
}

static void tap_destroy_action(void *dev)
{
	krt_tap_destroy(dev);
}

/* A tap device deleted when the case ends (unless the case deletes it with tap_destroy()). */
static struct net_device *tap_create(struct kunit *test, const char *name, const char *host_name)
{
	struct net_device *dev = krt_tap_create(NULL, name, host_name);

	if (IS_ERR(dev) && tap_not_permitted(PTR_ERR(dev)))
		kunit_skip(test, "TAP interfaces are not permitted here (/dev/net/tun, TUNSETIFF): %pe",
			   dev);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(dev), "krt_tap_create(%s): %pe", name, dev);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, tap_destroy_action, dev), 0);
	return dev;
}

static void tap_destroy(struct kunit *test, struct net_device *dev)
{
	kunit_release_action(test, tap_destroy_action, dev);
}

/* Both sides up, the host side with 169.254.1.1/16. */
static void tap_bring_up(struct kunit *test, struct net_device *dev)
{
	int err;

	rtnl_lock();
	err = dev_open(dev, NULL);
	rtnl_unlock();
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_EQ(test, krt_tap_host_set_up(dev, true), 0);
	KUNIT_ASSERT_EQ(test, krt_tap_host_add_ipv4(dev, "169.254.1.1", 16), 0);
}

/* Run a host program in the namespace; skip when it is not installed. */
static int tap_run(struct kunit *test, char *const argv[], char *out)
{
	int ret = krt_tap_run_program(argv, TAP_PROGRAM_MS, out, TAP_OUT_SIZE);

	if (ret == -ENOENT)
		kunit_skip(test, "the host's %s is not installed", argv[0]);
	return ret;
}

/* `ip -o link show dev @name` in the host's namespace: its output, or NULL without the link. */
static const char *tap_host_link(struct kunit *test, const char *name)
{
	char *argv[] = { "ip", "-o", "link", "show", "dev", (char *)name, NULL };
	char *out = kunit_kzalloc(test, TAP_OUT_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, out);
	return tap_run(test, argv, out) == 0 ? out : NULL;
}

static bool tap_host_has_link(struct kunit *test, const char *name)
{
	return tap_host_link(test, name) != NULL;
}

/* Does the host kernel have IPv6? */
static bool tap_host_has_ipv6(struct kunit *test)
{
	char *argv[] = { "test", "-d", "/proc/sys/net/ipv6", NULL };

	return krt_tap_run_program(argv, TAP_PROGRAM_MS, NULL, 0) == 0;
}

static bool tap_dev_exists(const char *name)
{
	bool found;

	rtnl_lock();
	found = __dev_get_by_name(&init_net, name);
	rtnl_unlock();
	return found;
}

static struct rtnl_link_stats64 tap_stats(struct net_device *dev)
{
	struct rtnl_link_stats64 s;

	dev_get_stats(dev, &s);
	return s;
}

/* ---- a packet handler that records what a device sees ---------------------------------------- */

struct tap_frame {
	u8 data[TAP_CAPTURE_BYTES];	/* from the Ethernet header on */
	unsigned int len;
	u8 pkt_type;
	__be16 protocol;
	struct net_device *dev;
};

struct tap_sniffer {
	struct packet_type pt;
	struct net_device *dev;		/* frames of this device only */
	__be16 capture;			/* capture frames of this protocol (0: all) */
	spinlock_t lock;
	wait_queue_head_t wait;
	unsigned int frames;		/* every frame of @dev */
	unsigned int nr;		/* captured */
	struct tap_frame cap[TAP_CAPTURE];
};

static int tap_sniff_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
			 struct net_device *orig_dev)
{
	struct tap_sniffer *sn = container_of(pt, struct tap_sniffer, pt);
	const u8 *eth = skb_mac_header(skb);

	if (skb->dev != sn->dev)
		goto out;
	spin_lock_bh(&sn->lock);
	sn->frames++;
	if ((!sn->capture || skb->protocol == sn->capture) && sn->nr < TAP_CAPTURE) {
		struct tap_frame *f = &sn->cap[sn->nr++];

		f->len = skb_tail_pointer(skb) - eth;
		memcpy(f->data, eth, min_t(unsigned int, f->len, sizeof(f->data)));
		f->pkt_type = skb->pkt_type;
		f->protocol = skb->protocol;
		f->dev = skb->dev;
	}
	spin_unlock_bh(&sn->lock);
	wake_up(&sn->wait);
out:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

/* @bind: a handler of @dev (removed before the device goes), else one for every device. */
static void tap_sniff_start(struct tap_sniffer *sn, struct net_device *dev, bool bind,
			    u16 capture)
{
	memset(sn, 0, sizeof(*sn));
	spin_lock_init(&sn->lock);
	init_waitqueue_head(&sn->wait);
	sn->dev = dev;
	sn->capture = htons(capture);
	sn->pt.type = htons(ETH_P_ALL);
	sn->pt.dev = bind ? dev : NULL;
	sn->pt.func = tap_sniff_rcv;
	dev_add_pack(&sn->pt);
}

static void tap_sniff_stop(struct tap_sniffer *sn)
{
	dev_remove_pack(&sn->pt);
}

static unsigned int tap_sniff_frames(struct tap_sniffer *sn)
{
	unsigned int n;

	spin_lock_bh(&sn->lock);
	n = sn->frames;
	spin_unlock_bh(&sn->lock);
	return n;
}

typedef bool (*tap_match_t)(const struct tap_frame *f, const void *arg);

/* Copy the first captured frame that @match accepts into @out. */
static bool tap_sniff_find(struct tap_sniffer *sn, tap_match_t match, const void *arg,
			   struct tap_frame *out)
{
	bool found = false;
	unsigned int i;

	spin_lock_bh(&sn->lock);
	for (i = 0; i < sn->nr && !found; i++) {
		if (match(&sn->cap[i], arg)) {
			*out = sn->cap[i];
			found = true;
		}
	}
	spin_unlock_bh(&sn->lock);
	return found;
}

static bool tap_sniff_wait(struct tap_sniffer *sn, tap_match_t match, const void *arg,
			   struct tap_frame *out)
{
	return wait_event_timeout(sn->wait, tap_sniff_find(sn, match, arg, out),
				  msecs_to_jiffies(TAP_WAIT_MS)) > 0;
}

/* ---- frames ------------------------------------------------------------------------------------ */

static const struct responder_arp *tap_arp(const struct tap_frame *f)
{
	if (f->len < ETH_HLEN + sizeof(struct responder_arp) ||
	    get_unaligned_be16(f->data + 12) != ETH_P_ARP)
		return NULL;
	return (const struct responder_arp *)(f->data + ETH_HLEN);
}

/* An ARP request from the host for krt's address, broadcast. */
static bool tap_is_host_arp_request(const struct tap_frame *f, const void *host_mac)
{
	const struct responder_arp *a = tap_arp(f);

	return a && a->hdr.ar_op == htons(ARPOP_REQUEST) && !memcmp(a->sha, host_mac, ETH_ALEN) &&
	       !memcmp(a->spa, tap_host_ip, 4) && !memcmp(a->tpa, tap_krt_ip, 4);
}

/* The host's ARP reply, for krt's device (its MAC as the target). */
static bool tap_is_host_arp_reply(const struct tap_frame *f, const void *krt_mac)
{
	const struct responder_arp *a = tap_arp(f);

	return a && a->hdr.ar_op == htons(ARPOP_REPLY) && !memcmp(a->tha, krt_mac, ETH_ALEN) &&
	       !memcmp(a->spa, tap_host_ip, 4) && !memcmp(a->tpa, tap_krt_ip, 4);
}

/* An Ethernet frame to send or to inject as received. */
static struct sk_buff *tap_frame_skb(struct net_device *dev, const u8 *dst, const u8 *src,
				     u16 proto, const void *payload, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(ETH_HLEN + len, GFP_KERNEL);
	struct ethhdr *eth;

	if (!skb)
		return NULL;
	skb_reserve(skb, ETH_HLEN);
	skb_put_data(skb, payload, len);
	skb_reset_network_header(skb);
	eth = skb_push(skb, ETH_HLEN);
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, src, ETH_ALEN);
	eth->h_proto = htons(proto);
	skb->dev = dev;
	skb->protocol = htons(proto);
	return skb;
}

static void tap_fill_arp(struct responder_arp *a, u16 op, const u8 *sha, const u8 *spa,
			 const u8 *tha, const u8 *tpa)
{
	memset(a, 0, sizeof(*a));
	a->hdr.ar_hrd = htons(ARPHRD_ETHER);
	a->hdr.ar_pro = htons(ETH_P_IP);
	a->hdr.ar_hln = ETH_ALEN;
	a->hdr.ar_pln = 4;
	a->hdr.ar_op = htons(op);
	memcpy(a->sha, sha, ETH_ALEN);
	memcpy(a->spa, spa, 4);
	memcpy(a->tha, tha, ETH_ALEN);
	memcpy(a->tpa, tpa, 4);
}

/* ---- the device ------------------------------------------------------------------------------ */

/* Registration opens the host interface; deletion closes it; open and close run the receiver. */
static void tap_create_open_delete(struct kunit *test)
{
	struct net_device *dev, *dev2;
	u8 host_mac[ETH_ALEN];
	const char *link;
	int err;

	tap_enter_netns(test);
	dev = tap_create(test, "ktap%d", NULL);
	KUNIT_EXPECT_STREQ(test, dev->name, "ktap0");
	KUNIT_EXPECT_TRUE(test, netif_is_krt_tap(dev));
	KUNIT_EXPECT_STREQ(test, dev->rtnl_link_ops->kind, KRT_TAP_KIND);
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_REGISTERED);
	KUNIT_EXPECT_TRUE(test, dev->needs_free_netdev);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1500u);
	KUNIT_EXPECT_EQ(test, dev->type, ARPHRD_ETHER);
	/* Named after the krt device when no host name is given. */
	KUNIT_EXPECT_STREQ(test, krt_tap_host_name(dev), "ktap0");
	KUNIT_EXPECT_TRUE(test, tap_host_has_link(test, "ktap0"));

	/* A random locally administered unicast address, not the host side's. */
	KUNIT_ASSERT_EQ(test, krt_tap_host_get_mac(dev, host_mac), 0);
	KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(dev->dev_addr));
	KUNIT_EXPECT_TRUE(test, is_local_ether_addr(dev->dev_addr));
	KUNIT_EXPECT_EQ(test, dev->addr_assign_type, NET_ADDR_RANDOM);
	KUNIT_EXPECT_FALSE(test, ether_addr_equal(dev->dev_addr, host_mac));

	/* No carrier while down; on while up. Twice: the receiver restarts. */
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(dev));
	rtnl_lock();
	err = dev_open(dev, NULL);
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(dev));
	dev_close(dev);
	KUNIT_EXPECT_FALSE(test, netif_carrier_ok(dev));
	err = dev_open(dev, NULL);
	KUNIT_EXPECT_EQ(test, err, 0);
	KUNIT_EXPECT_TRUE(test, netif_carrier_ok(dev));
	rtnl_unlock();

	/* The host side is the host's to configure. */
	KUNIT_EXPECT_EQ(test, krt_tap_host_get_flags(dev) & IFF_UP, 0);
	KUNIT_EXPECT_EQ(test, krt_tap_host_set_up(dev, true), 0);
	KUNIT_EXPECT_EQ(test, krt_tap_host_get_flags(dev) & IFF_UP, IFF_UP);
	KUNIT_EXPECT_EQ(test, krt_tap_host_set_mtu(dev, 1400), 0);
	KUNIT_EXPECT_EQ(test, krt_tap_host_add_ipv4(dev, "169.254.1.1", 16), 0);
	KUNIT_EXPECT_EQ(test, krt_tap_host_add_ipv4(dev, "169.254.1.1", 16), -EEXIST);
	if (tap_host_has_ipv6(test))
		KUNIT_EXPECT_EQ(test, krt_tap_host_add_ipv6(dev, "fe80::1", 64), 0);
	link = tap_host_link(test, "ktap0");
	KUNIT_ASSERT_NOT_NULL(test, link);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(link, " mtu 1400 "), "%s", link);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(link, "link/ether"), "%s", link);
	/* The krt side keeps its own MTU. */
	KUNIT_EXPECT_EQ(test, dev->mtu, 1500u);

	/* An explicit host name, with a unit number the host picks. */
	dev2 = tap_create(test, "ktap%d", "khost%d");
	KUNIT_EXPECT_STREQ(test, dev2->name, "ktap1");
	KUNIT_EXPECT_STREQ(test, krt_tap_host_name(dev2), "khost0");
	KUNIT_EXPECT_TRUE(test, tap_host_has_link(test, "khost0"));

	/* Deleting a device (up or down) removes its host interface with it. */
	tap_destroy(test, dev);
	KUNIT_EXPECT_FALSE(test, tap_dev_exists("ktap0"));
	KUNIT_EXPECT_FALSE(test, tap_host_has_link(test, "ktap0"));
	tap_destroy(test, dev2);
	KUNIT_EXPECT_FALSE(test, tap_host_has_link(test, "khost0"));
}

/* Failures leave nothing behind: no krt device, no host interface, no descriptor. */
static void tap_create_errors(struct kunit *test)
{
	struct net_device *dev, *other;

	tap_enter_netns(test);
	dev = tap_create(test, "ktap%d", "kbusy0");

	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_tap_create(NULL, "ktap9", "a-name-longer-than-15")),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_tap_create(NULL, "bad/name", NULL)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_tap_create(NULL, dev->name, "kother0")), -EEXIST);
	KUNIT_EXPECT_FALSE(test, tap_host_has_link(test, "kother0"));

	/* The host refuses a second descriptor on one TAP interface: ndo_init fails. */
	krt_printk_capture_begin(false);
	other = krt_tap_create(NULL, "ktap7", "kbusy0");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("ktap7"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		": cannot create host TAP interface kbusy0: -EBUSY\n"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, PTR_ERR(other), -EBUSY);
	KUNIT_EXPECT_FALSE(test, tap_dev_exists("ktap7"));

	/* The name is free again, and the first device still works. */
	other = tap_create(test, "ktap7", NULL);
	KUNIT_EXPECT_STREQ(test, krt_tap_host_name(other), "ktap7");
	KUNIT_EXPECT_EQ(test, krt_tap_host_set_up(dev, true), 0);
}

/* The helpers refuse devices that are not taps. */
static void tap_helpers_reject_other_devices(struct kunit *test)
{
	struct net_device *dev = alloc_etherdev(0);
	u8 mac[ETH_ALEN];

	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_FALSE(test, netif_is_krt_tap(dev));
	KUNIT_EXPECT_FALSE(test, netif_is_krt_tap(NULL));
	KUNIT_EXPECT_STREQ(test, krt_tap_host_name(dev), "");
	KUNIT_EXPECT_EQ(test, krt_tap_host_set_up(dev, true), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_tap_host_get_flags(dev), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_tap_host_get_mac(dev, mac), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_tap_host_set_mtu(dev, 1400), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_tap_host_add_ipv4(dev, "169.254.1.1", 16), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_tap_host_add_ipv6(dev, "fe80::1", 64), -EINVAL);
	free_netdev(dev);
}

/* "ip link add NAME type tap" through the link API, and "ip link del". */
static void tap_link_api(struct kunit *test)
{
	struct krt_link_req req = {
		.kind = KRT_TAP_KIND,
		.link = { .name = "ltap0", .up = true },
	};
	struct net_device *dev;
	int err;

	tap_enter_netns(test);
	err = krt_link_add(NULL, &req, NULL);
	if (tap_not_permitted(err))
		kunit_skip(test, "TAP interfaces are not permitted here (/dev/net/tun, TUNSETIFF): %pe",
			   ERR_PTR(err));
	KUNIT_ASSERT_EQ(test, err, 0);

	rtnl_lock();
	dev = __dev_get_by_name(&init_net, "ltap0");
	KUNIT_EXPECT_NOT_NULL(test, dev);
	if (dev) {
		KUNIT_EXPECT_TRUE(test, netif_is_krt_tap(dev));
		KUNIT_EXPECT_TRUE(test, dev->flags & IFF_UP);
		KUNIT_EXPECT_TRUE(test, netif_carrier_ok(dev));
		KUNIT_EXPECT_STREQ(test, krt_tap_host_name(dev), "ltap0");
	}
	rtnl_unlock();
	KUNIT_EXPECT_TRUE(test, tap_host_has_link(test, "ltap0"));

	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "ltap0", NULL), 0);
	KUNIT_EXPECT_FALSE(test, tap_host_has_link(test, "ltap0"));
}

/* ---- traffic --------------------------------------------------------------------------------- */

/* The host's ARP request (its ping of 169.254.1.2) arrives in krt's receive path. */
static void tap_host_frames_reach_krt(struct kunit *test)
{
	char *ping_argv[] = { "ping", "-n", "-c", "1", "-W", "1", "169.254.1.2", NULL };
	char *out = kunit_kzalloc(test, TAP_OUT_SIZE, GFP_KERNEL);
	struct tap_sniffer *sn = kunit_kzalloc(test, sizeof(*sn), GFP_KERNEL);
	struct rtnl_link_stats64 s;
	struct net_device *dev;
	struct tap_frame f = {};
	u8 host_mac[ETH_ALEN];
	bool found;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, sn);
	tap_enter_netns(test);
	dev = tap_create(test, "ktap%d", NULL);
	tap_bring_up(test, dev);
	KUNIT_ASSERT_EQ(test, krt_tap_host_get_mac(dev, host_mac), 0);

	tap_sniff_start(sn, dev, true, ETH_P_ARP);
	/* Nobody answers: ping fails, but only after the host asked for 169.254.1.2. */
	ret = tap_run(test, ping_argv, out);
	KUNIT_EXPECT_NE_MSG(test, ret, 0, "%s", out);
	found = tap_sniff_wait(sn, tap_is_host_arp_request, host_mac, &f);
	tap_sniff_stop(sn);
	KUNIT_ASSERT_TRUE_MSG(test, found, "no ARP request from the host in %d ms", TAP_WAIT_MS);

	/* eth_type_trans() classified it; it came from the host's side of the pair. */
	KUNIT_EXPECT_PTR_EQ(test, f.dev, dev);
	KUNIT_EXPECT_EQ(test, ntohs(f.protocol), ETH_P_ARP);
	KUNIT_EXPECT_EQ(test, f.pkt_type, PACKET_BROADCAST);
	KUNIT_EXPECT_TRUE(test, is_broadcast_ether_addr(f.data));
	KUNIT_EXPECT_MEMEQ(test, f.data + ETH_ALEN, host_mac, ETH_ALEN);

	s = tap_stats(dev);
	KUNIT_EXPECT_GE(test, s.rx_packets, 1ull);
	KUNIT_EXPECT_GE(test, s.rx_bytes, 42ull);
	KUNIT_EXPECT_EQ(test, s.rx_errors, 0ull);
}

/* krt transmits an ARP request; the host's kernel answers it, back into krt. */
static void tap_krt_frames_reach_host(struct kunit *test)
{
	struct tap_sniffer *sn = kunit_kzalloc(test, sizeof(*sn), GFP_KERNEL);
	struct rtnl_link_stats64 s;
	const struct responder_arp *a;
	struct responder_arp req;
	struct net_device *dev;
	struct sk_buff *skb;
	struct tap_frame f = {};
	u8 host_mac[ETH_ALEN];
	bool found;

	KUNIT_ASSERT_NOT_NULL(test, sn);
	tap_enter_netns(test);
	dev = tap_create(test, "ktap%d", NULL);
	tap_bring_up(test, dev);
	KUNIT_ASSERT_EQ(test, krt_tap_host_get_mac(dev, host_mac), 0);
	tap_sniff_start(sn, dev, true, ETH_P_ARP);

	/* "Who has 169.254.1.1? Tell 169.254.1.2", padded to the Ethernet minimum. */
	tap_fill_arp(&req, ARPOP_REQUEST, dev->dev_addr, tap_krt_ip, (const u8[ETH_ALEN]){ 0 },
		     tap_host_ip);
	skb = tap_frame_skb(dev, dev->broadcast, dev->dev_addr, ETH_P_ARP, &req, sizeof(req));
	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_put_zero(skb, ETH_ZLEN - skb->len);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(skb), NET_XMIT_SUCCESS);

	found = tap_sniff_wait(sn, tap_is_host_arp_reply, dev->dev_addr, &f);
	tap_sniff_stop(sn);
	KUNIT_ASSERT_TRUE_MSG(test, found, "no ARP reply from the host in %d ms", TAP_WAIT_MS);
	a = tap_arp(&f);
	KUNIT_EXPECT_MEMEQ(test, a->sha, host_mac, ETH_ALEN);
	/* Unicast to krt's device: PACKET_HOST. */
	KUNIT_EXPECT_MEMEQ(test, f.data, dev->dev_addr, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, f.pkt_type, PACKET_HOST);

	s = tap_stats(dev);
	KUNIT_EXPECT_GE(test, s.tx_packets, 1ull);
	KUNIT_EXPECT_GE(test, s.tx_bytes, (u64)ETH_ZLEN);
	KUNIT_EXPECT_EQ(test, s.tx_dropped, 0ull);

	/* With the host side down the host refuses frames: counted as tx_dropped. */
	KUNIT_ASSERT_EQ(test, krt_tap_host_set_up(dev, false), 0);
	skb = tap_frame_skb(dev, dev->broadcast, dev->dev_addr, ETH_P_ARP, &req, sizeof(req));
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, tap_stats(dev).tx_dropped, s.tx_dropped + 1);
	KUNIT_EXPECT_EQ(test, tap_stats(dev).tx_packets, s.tx_packets);
}

/* The host's ping of 169.254.1.2, answered by the example's responder in krt. */
static void tap_host_ping_answered(struct kunit *test)
{
	/* The example runs "ping -c 3 169.254.1.2"; a shorter interval keeps the test quick. */
	char *ping_argv[] = { "ping", "-n", "-c", "3", "-i", "0.2", "-W", "2", "169.254.1.2",
			      NULL };
	char *out = kunit_kzalloc(test, TAP_OUT_SIZE, GFP_KERNEL);
	struct ping_responder *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct net_device *dev;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, r);
	tap_enter_netns(test);
	dev = tap_create(test, "ktap%d", NULL);
	tap_bring_up(test, dev);

	ping_responder_start(r, dev, *(const __be32 *)tap_krt_ip);
	ret = tap_run(test, ping_argv, out);
	ping_responder_stop(r);

	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "%s", out);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(out, "3 packets transmitted, 3 received, 0% packet loss"),
				  "%s", out);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->echo_replies), 3);
	KUNIT_EXPECT_GE(test, atomic_read(&r->arp_replies), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->tx_errors), 0);
	KUNIT_EXPECT_GE(test, tap_stats(dev).tx_packets, 4ull);
}

/* The host deletes its interface under krt: the receiver reports it once and idles. */
static void tap_host_side_deleted(struct kunit *test)
{
	char *del_argv[] = { "ip", "link", "del", "dev", "ktap0", NULL };
	char *out = kunit_kzalloc(test, TAP_OUT_SIZE, GFP_KERNEL);
	struct rtnl_link_stats64 s;
	struct net_device *dev;
	struct sk_buff *skb;
	u8 payload[ETH_ZLEN - ETH_HLEN] = {};
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, out);
	tap_enter_netns(test);
	dev = tap_create(test, "ktap%d", NULL);
	tap_bring_up(test, dev);

	krt_printk_capture_begin(false);
	ret = tap_run(test, del_argv, out);
	KUNIT_EXPECT_EQ_MSG(test, ret, 0, "%s", out);
	KUNIT_EXPECT_FALSE(test, tap_host_has_link(test, "ktap0"));
	/* Several polls of the dead descriptor: still one message. */
	msleep(200);
	s = tap_stats(dev);
	KUNIT_EXPECT_GE(test, s.rx_errors, 1ull);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("reading host TAP interface ktap0: -EBADFD"),
			1u);
	krt_printk_capture_end();

	/* What krt sends now goes nowhere: dropped and counted. */
	skb = tap_frame_skb(dev, dev->broadcast, dev->dev_addr, ETH_P_TEST_TAP, payload,
			    sizeof(payload));
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, dev_queue_xmit(skb), NET_XMIT_SUCCESS);
	KUNIT_EXPECT_EQ(test, tap_stats(dev).tx_dropped, s.tx_dropped + 1);

	/* krt's device is still there and goes away cleanly. */
	KUNIT_EXPECT_TRUE(test, tap_dev_exists("ktap0"));
	tap_destroy(test, dev);
	KUNIT_EXPECT_FALSE(test, tap_dev_exists("ktap0"));
}

/* Deleting the device while the host floods it: the receiver stops, nothing arrives after. */
struct tap_kill_ctx {
	struct tap_sniffer sn;
	struct net_device *dev;
	unsigned int frames_before;	/* frames seen when the deletion started */
	unsigned int frames_after;	/* ... and when it had finished */
	bool flooding;			/* the host program was still running at the deletion */
	bool host_done;
	bool destroyed;
};

static int tap_kill_thread(void *data)
{
	struct tap_kill_ctx *c = data;

	/* Wait until the flood is under way (or give up and delete anyway). */
	wait_event_timeout(c->sn.wait, tap_sniff_frames(&c->sn) >= 50,
			   msecs_to_jiffies(TAP_WAIT_MS));
	c->frames_before = tap_sniff_frames(&c->sn);
	c->flooding = !READ_ONCE(c->host_done);
	krt_tap_destroy(c->dev);
	c->frames_after = tap_sniff_frames(&c->sn);
	c->destroyed = true;
	while (!kthread_should_stop())
		schedule_timeout_interruptible(msecs_to_jiffies(10));
	return 0;
}

static void tap_unregister_while_host_sends(struct kunit *test)
{
	/* Broadcast echo requests every 2 ms for a second: no ARP needed, nobody answers. */
	char *flood_argv[] = { "ping", "-q", "-n", "-b", "-i", "0.002", "-w", "1",
			       "169.254.255.255", NULL };
	char *out = kunit_kzalloc(test, TAP_OUT_SIZE, GFP_KERNEL);
	struct tap_kill_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct task_struct *t;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, out);
	KUNIT_ASSERT_NOT_NULL(test, c);
	tap_enter_netns(test);
	c->dev = tap_create(test, "ktap%d", NULL);
	tap_bring_up(test, c->dev);
	/* Not bound to the device: it outlives it and sees that nothing comes after. */
	tap_sniff_start(&c->sn, c->dev, false, 0);

	/* The killer deletes the device: that needs no namespace. The host program needs this
	 * thread's. */
	kunit_remove_action(test, tap_destroy_action, c->dev);
	t = kthread_run(tap_kill_thread, c, "tap-kill");
	if (IS_ERR(t)) {
		tap_sniff_stop(&c->sn);
		krt_tap_destroy(c->dev);
		KUNIT_FAIL_AND_ABORT(test, "kthread_run: %pe", t);
	}
	get_task_struct(t);

	ret = krt_tap_run_program(flood_argv, TAP_PROGRAM_MS, out, TAP_OUT_SIZE);
	WRITE_ONCE(c->host_done, true);
	/* Returns once the killer has deleted the device (it waits no longer than TAP_WAIT_MS). */
	KUNIT_EXPECT_EQ(test, kthread_stop_put(t), 0);
	tap_sniff_stop(&c->sn);
	if (ret == -ENOENT)
		kunit_skip(test, "the host's ping is not installed");

	KUNIT_EXPECT_TRUE(test, c->destroyed);
	KUNIT_EXPECT_GE_MSG(test, c->frames_before, 50u, "ping: %d\n%s", ret, out);
	KUNIT_EXPECT_TRUE_MSG(test, c->flooding, "the flood ended before the deletion");
	/* Nothing was delivered for the device once its deletion had returned. */
	KUNIT_EXPECT_EQ(test, c->sn.frames, c->frames_after);
	KUNIT_EXPECT_FALSE(test, tap_dev_exists("ktap0"));
	KUNIT_EXPECT_FALSE(test, tap_host_has_link(test, "ktap0"));
}

/* ---- the responder's answers, frame by frame (no host needed: a dummy device) ---------------- */

static bool tap_is_outgoing(const struct tap_frame *f, const void *proto)
{
	return f->pkt_type == PACKET_OUTGOING &&
	       get_unaligned_be16(f->data + 12) == *(const u16 *)proto;
}

/* An independent RFC 1071 sum: 0 over data that carries a correct checksum. */
static u16 tap_csum(const u8 *p, unsigned int len)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get_unaligned_be16(p + i);
	if (len & 1)
		sum += p[len - 1] << 8;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/* An echo request from tap_peer_mac/169.254.1.1 to @dst, id 0x1234 seq 7, 16 data bytes. */
static unsigned int tap_build_echo(u8 *pkt, const u8 *dst)
{
	unsigned int i, len = 20 + 8 + 16;

	memset(pkt, 0, len);
	pkt[0] = 0x45;
	put_unaligned_be16(len, pkt + 2);
	put_unaligned_be16(0x4242, pkt + 4);
	pkt[8] = 64;
	pkt[9] = IPPROTO_ICMP;
	memcpy(pkt + 12, tap_host_ip, 4);
	memcpy(pkt + 16, dst, 4);
	put_unaligned_be16(tap_csum(pkt, 20), pkt + 10);
	pkt[20] = ICMP_ECHO;
	put_unaligned_be16(0x1234, pkt + 24);
	put_unaligned_be16(7, pkt + 26);
	for (i = 0; i < 16; i++)
		pkt[28 + i] = 'a' + i;
	put_unaligned_be16(tap_csum(pkt + 20, 8 + 16), pkt + 22);
	return len;
}

static void tap_inject(struct kunit *test, struct net_device *dev, const u8 *dst, u16 proto,
		       const void *payload, unsigned int len)
{
	struct sk_buff *skb = tap_frame_skb(dev, dst, tap_peer_mac, proto, payload, len);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb->protocol = eth_type_trans(skb, dev);
	netif_receive_skb(skb);
}

static void tap_responder_frames(struct kunit *test)
{
	struct krt_link_req req = {
		.kind = "dummy",
		.link = { .name = "prdummy0", .up = true },
	};
	struct tap_sniffer *sn = kunit_kzalloc(test, sizeof(*sn), GFP_KERNEL);
	struct ping_responder *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	const u8 other_ip[4] = { 169, 254, 1, 3 };
	const struct responder_arp *a;
	struct responder_arp arp;
	struct net_device *dev;
	struct tap_frame f = {};
	u8 pkt[64], bad[64];
	unsigned int len;
	u16 proto;
	u8 *ip;

	KUNIT_ASSERT_NOT_NULL(test, sn);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_EQ(test, krt_link_add(NULL, &req, NULL), 0);
	dev = dev_get_by_name(&init_net, "prdummy0");
	KUNIT_ASSERT_NOT_NULL(test, dev);
	ping_responder_start(r, dev, *(const __be32 *)tap_krt_ip);
	tap_sniff_start(sn, dev, true, 0);

	/* ARP: for us (broadcast) is answered, to the asker; for another address is not. */
	tap_fill_arp(&arp, ARPOP_REQUEST, tap_peer_mac, tap_host_ip, (const u8[ETH_ALEN]){ 0 },
		     tap_krt_ip);
	tap_inject(test, dev, dev->broadcast, ETH_P_ARP, &arp, sizeof(arp));
	memcpy(arp.tpa, other_ip, 4);
	tap_inject(test, dev, dev->broadcast, ETH_P_ARP, &arp, sizeof(arp));
	KUNIT_EXPECT_EQ(test, atomic_read(&r->arp_replies), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->ignored), 1);
	proto = ETH_P_ARP;
	KUNIT_ASSERT_TRUE(test, tap_sniff_find(sn, tap_is_outgoing, &proto, &f));
	a = tap_arp(&f);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, f.len, (unsigned int)ETH_ZLEN);
	KUNIT_EXPECT_MEMEQ(test, f.data, tap_peer_mac, ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, f.data + ETH_ALEN, dev->dev_addr, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, ntohs(a->hdr.ar_op), ARPOP_REPLY);
	KUNIT_EXPECT_MEMEQ(test, a->sha, dev->dev_addr, ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, a->spa, tap_krt_ip, 4);
	KUNIT_EXPECT_MEMEQ(test, a->tha, tap_peer_mac, ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, a->tpa, tap_host_ip, 4);

	/* An echo request to us, unicast: one echo reply with the same id, sequence and data. */
	len = tap_build_echo(pkt, tap_krt_ip);
	tap_inject(test, dev, dev->dev_addr, ETH_P_IP, pkt, len);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->echo_replies), 1);
	proto = ETH_P_IP;
	KUNIT_ASSERT_TRUE(test, tap_sniff_find(sn, tap_is_outgoing, &proto, &f));
	ip = f.data + ETH_HLEN;
	/* Padded to the Ethernet minimum; the IP length says what counts. */
	KUNIT_EXPECT_EQ(test, f.len, (unsigned int)max(ETH_ZLEN, ETH_HLEN + len));
	KUNIT_EXPECT_MEMEQ(test, f.data, tap_peer_mac, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, ip[0], 0x45);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(ip + 2), len);
	KUNIT_EXPECT_EQ(test, ip[9], IPPROTO_ICMP);
	KUNIT_EXPECT_MEMEQ(test, ip + 12, tap_krt_ip, 4);
	KUNIT_EXPECT_MEMEQ(test, ip + 16, tap_host_ip, 4);
	KUNIT_EXPECT_EQ(test, tap_csum(ip, 20), 0);
	KUNIT_EXPECT_EQ(test, ip[20], ICMP_ECHOREPLY);
	KUNIT_EXPECT_EQ(test, ip[21], 0);
	KUNIT_EXPECT_EQ(test, tap_csum(ip + 20, len - 20), 0);
	KUNIT_EXPECT_MEMEQ(test, ip + 24, pkt + 24, len - 24);

	/* Not answered: another address, a bad header checksum, a fragment, a bad ICMP sum,
	 * an echo reply, a frame for another host. */
	tap_build_echo(bad, other_ip);
	tap_inject(test, dev, dev->dev_addr, ETH_P_IP, bad, len);
	memcpy(bad, pkt, len);
	bad[10] ^= 1;
	tap_inject(test, dev, dev->dev_addr, ETH_P_IP, bad, len);
	memcpy(bad, pkt, len);
	put_unaligned_be16(0x2000, bad + 6);
	put_unaligned_be16(0, bad + 10);
	put_unaligned_be16(tap_csum(bad, 20), bad + 10);
	tap_inject(test, dev, dev->dev_addr, ETH_P_IP, bad, len);
	memcpy(bad, pkt, len);
	bad[30] ^= 1;
	tap_inject(test, dev, dev->dev_addr, ETH_P_IP, bad, len);
	memcpy(bad, pkt, len);
	bad[20] = ICMP_ECHOREPLY;
	put_unaligned_be16(0, bad + 22);
	put_unaligned_be16(tap_csum(bad + 20, len - 20), bad + 22);
	tap_inject(test, dev, dev->dev_addr, ETH_P_IP, bad, len);
	tap_inject(test, dev, tap_peer_mac, ETH_P_IP, pkt, len);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->echo_replies), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->ignored), 1 + 6);
	KUNIT_EXPECT_EQ(test, atomic_read(&r->tx_errors), 0);

	tap_sniff_stop(sn);
	ping_responder_stop(r);
	/* The responder's reference is gone: deletion does not wait. */
	dev_put(dev);
	KUNIT_EXPECT_EQ(test, krt_link_del(NULL, "prdummy0", NULL), 0);
}

static struct kunit_case tap_test_cases[] = {
	KUNIT_CASE(tap_create_open_delete),
	KUNIT_CASE(tap_create_errors),
	KUNIT_CASE(tap_helpers_reject_other_devices),
	KUNIT_CASE(tap_link_api),
	KUNIT_CASE(tap_host_frames_reach_krt),
	KUNIT_CASE(tap_krt_frames_reach_host),
	KUNIT_CASE(tap_host_ping_answered),
	KUNIT_CASE(tap_host_side_deleted),
	KUNIT_CASE(tap_unregister_while_host_sends),
	KUNIT_CASE(tap_responder_frames),
	{}
};

static struct kunit_suite tap_test_suite = {
	.name = "tap",
	.test_cases = tap_test_cases,
};
kunit_test_suite(tap_test_suite);
