/* SPDX-License-Identifier: MIT */
/*
 * Ethernet devices: ether_setup() and the alloc_etherdev family, the Ethernet header_ops,
 * eth_type_trans() for drivers' receive paths, and the MAC address helpers.
 *
 * The address helpers work on byte arrays of ETH_ALEN bytes and make no alignment demands (the
 * kernel's versions want u16 alignment for their word loads; krt's compile to the same code on
 * x86 through memcpy-based loads).
 */
#ifndef _LINUX_ETHERDEVICE_H
#define _LINUX_ETHERDEVICE_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/random.h>
#include <linux/netdevice.h>
#include <linux/if_ether.h>
#include <linux/if_arp.h>
#include <linux/skbuff.h>
#include <linux/unaligned.h>
#include <asm/byteorder.h>

extern const struct header_ops eth_header_ops;

int eth_header(struct sk_buff *skb, struct net_device *dev, unsigned short type,
	       const void *daddr, const void *saddr, unsigned int len);
int eth_header_parse(const struct sk_buff *skb, const struct net_device *dev,
		     unsigned char *haddr);
__be16 eth_header_parse_protocol(const struct sk_buff *skb);
__be16 eth_type_trans(struct sk_buff *skb, struct net_device *dev);
int eth_prepare_mac_addr_change(struct net_device *dev, void *p);
void eth_commit_mac_addr_change(struct net_device *dev, void *p);
int eth_mac_addr(struct net_device *dev, void *p);
int eth_validate_addr(struct net_device *dev);
void ether_setup(struct net_device *dev);
struct net_device *alloc_etherdev_mqs(int sizeof_priv, unsigned int txqs, unsigned int rxqs);
#define alloc_etherdev(sizeof_priv) alloc_etherdev_mq(sizeof_priv, 1)
#define alloc_etherdev_mq(sizeof_priv, count) alloc_etherdev_mqs(sizeof_priv, count, count)
ssize_t sysfs_format_mac(char *buf, const unsigned char *addr, int len);

/* Reserved addresses of IEEE 802.1Q (01:80:c2:00:00:0X) and the IP multicast prefixes. */
static const u8 eth_reserved_addr_base[ETH_ALEN] __aligned(2) = {
	0x01, 0x80, 0xc2, 0x00, 0x00, 0x00
};
#define eth_stp_addr eth_reserved_addr_base

static const u8 eth_ipv4_mcast_addr_base[ETH_ALEN] __aligned(2) = {
	0x01, 0x00, 0x5e, 0x00, 0x00, 0x00
};

static const u8 eth_ipv6_mcast_addr_base[ETH_ALEN] __aligned(2) = {
	0x33, 0x33, 0x00, 0x00, 0x00, 0x00
};

/**
 * ether_addr_to_u64 - the address as a number, first byte most significant
 * @addr: six-byte Ethernet address
 */
static inline u64 ether_addr_to_u64(const u8 *addr)
{
	u64 u = 0;
	int i;

	for (i = 0; i < ETH_ALEN; i++)
		u = u << 8 | addr[i];
	return u;
}

/**
 * u64_to_ether_addr - the inverse of ether_addr_to_u64()
 * @u: number (the low 48 bits are used)
 * @addr: receives the six-byte address
 */
static inline void u64_to_ether_addr(u64 u, u8 *addr)
{
	int i;

	for (i = ETH_ALEN - 1; i >= 0; i--) {
		addr[i] = u & 0xff;
		u >>= 8;
	}
}

/**
 * is_link_local_ether_addr - is @addr one of 01:80:c2:00:00:00 .. 01:80:c2:00:00:0f?
 * @addr: six-byte Ethernet address
 */
static inline bool is_link_local_ether_addr(const u8 *addr)
{
	return !memcmp(addr, eth_reserved_addr_base, ETH_ALEN - 1) && !(addr[5] & 0xf0);
}

/**
 * is_zero_ether_addr - is @addr 00:00:00:00:00:00?
 * @addr: six-byte Ethernet address
 */
static inline bool is_zero_ether_addr(const u8 *addr)
{
	return (get_unaligned((const u32 *)addr) | get_unaligned((const u16 *)(addr + 4))) == 0;
}

/**
 * is_multicast_ether_addr - is the group bit (bit 0 of the first byte) set? Broadcast is one.
 * @addr: six-byte Ethernet address
 */
static inline bool is_multicast_ether_addr(const u8 *addr)
{
	return addr[0] & 0x01;
}

static inline bool is_multicast_ether_addr_64bits(const u8 *addr)
{
	return is_multicast_ether_addr(addr);
}

/**
 * is_local_ether_addr - is the locally-administered bit (bit 1 of the first byte) set?
 * @addr: six-byte Ethernet address
 */
static inline bool is_local_ether_addr(const u8 *addr)
{
	return 0x02 & addr[0];
}

/**
 * is_broadcast_ether_addr - is @addr ff:ff:ff:ff:ff:ff?
 * @addr: six-byte Ethernet address
 */
static inline bool is_broadcast_ether_addr(const u8 *addr)
{
	return (get_unaligned((const u16 *)addr) & get_unaligned((const u16 *)(addr + 2)) &
		get_unaligned((const u16 *)(addr + 4))) == 0xffff;
}

/**
 * is_unicast_ether_addr - is @addr an individual (not group) address?
 * @addr: six-byte Ethernet address
 */
static inline bool is_unicast_ether_addr(const u8 *addr)
{
	return !is_multicast_ether_addr(addr);
}

/**
 * is_valid_ether_addr - may @addr be a device's address: neither zero nor multicast
 * (broadcast is multicast)?
 * @addr: six-byte Ethernet address
 */
static inline bool is_valid_ether_addr(const u8 *addr)
{
	return !is_multicast_ether_addr(addr) && !is_zero_ether_addr(addr);
}

/**
 * eth_proto_is_802_3 - is @proto an EtherType (>= 0x0600) rather than an 802.3 length?
 * @proto: the type/length field, network order
 */
static inline bool eth_proto_is_802_3(__be16 proto)
{
	/* Only the high byte decides: 0x0600 has a zero low byte. */
	return (ntohs(proto) & 0xff00) >= ETH_P_802_3_MIN;
}

/**
 * eth_random_addr - a random, locally administered, unicast address
 * @addr: receives six bytes
 */
static inline void eth_random_addr(u8 *addr)
{
	get_random_bytes(addr, ETH_ALEN);
	addr[0] &= 0xfe;	/* individual, not group */
	addr[0] |= 0x02;	/* locally administered */
}

/**
 * eth_broadcast_addr - set @addr to ff:ff:ff:ff:ff:ff
 * @addr: six-byte Ethernet address
 */
static inline void eth_broadcast_addr(u8 *addr)
{
	memset(addr, 0xff, ETH_ALEN);
}

/**
 * eth_zero_addr - set @addr to 00:00:00:00:00:00
 * @addr: six-byte Ethernet address
 */
static inline void eth_zero_addr(u8 *addr)
{
	memset(addr, 0x00, ETH_ALEN);
}

/**
 * ether_addr_copy - copy an Ethernet address
 * @dst: destination (six bytes)
 * @src: source (six bytes)
 */
static inline void ether_addr_copy(u8 *dst, const u8 *src)
{
	memcpy(dst, src, ETH_ALEN);
}

/**
 * eth_hw_addr_set - set @dev's Ethernet address
 * @dev: network device
 * @addr: six-byte address
 */
static inline void eth_hw_addr_set(struct net_device *dev, const u8 *addr)
{
	dev_addr_mod(dev, 0, addr, ETH_ALEN);
}

/**
 * eth_hw_addr_random - give @dev a random address and mark it NET_ADDR_RANDOM
 * @dev: network device
 */
static inline void eth_hw_addr_random(struct net_device *dev)
{
	u8 addr[ETH_ALEN];

	eth_random_addr(addr);
	eth_hw_addr_set(dev, addr);
	dev->addr_assign_type = NET_ADDR_RANDOM;
}

/**
 * eth_hw_addr_inherit - copy @src's address (and its assign type) to @dst
 * @dst: device to set
 * @src: device to copy from
 */
static inline void eth_hw_addr_inherit(struct net_device *dst, struct net_device *src)
{
	dst->addr_assign_type = src->addr_assign_type;
	eth_hw_addr_set(dst, src->dev_addr);
}

/**
 * eth_hw_addr_gen - set @dev's address to @base_addr + @id
 * @dev: network device
 * @base_addr: base address
 * @id: offset added to the address as a 48-bit number
 */
static inline void eth_hw_addr_gen(struct net_device *dev, const u8 *base_addr, unsigned int id)
{
	u8 addr[ETH_ALEN];

	u64_to_ether_addr(ether_addr_to_u64(base_addr) + id, addr);
	eth_hw_addr_set(dev, addr);
}

/**
 * ether_addr_equal - are two Ethernet addresses the same?
 * @addr1: six-byte address
 * @addr2: six-byte address
 */
static inline bool ether_addr_equal(const u8 *addr1, const u8 *addr2)
{
	u32 fold = get_unaligned((const u32 *)addr1) ^ get_unaligned((const u32 *)addr2);

	fold |= get_unaligned((const u16 *)(addr1 + 4)) ^ get_unaligned((const u16 *)(addr2 + 4));
	return fold == 0;
}

static inline bool ether_addr_equal_64bits(const u8 *addr1, const u8 *addr2)
{
	return ether_addr_equal(addr1, addr2);
}

static inline bool ether_addr_equal_unaligned(const u8 *addr1, const u8 *addr2)
{
	return ether_addr_equal(addr1, addr2);
}

/**
 * ether_addr_equal_masked - are the bits of @mask the same in both addresses?
 * @addr1: six-byte address
 * @addr2: six-byte address
 * @mask: six-byte mask
 */
static inline bool ether_addr_equal_masked(const u8 *addr1, const u8 *addr2, const u8 *mask)
{
	int i;

	for (i = 0; i < ETH_ALEN; i++)
		if ((addr1[i] ^ addr2[i]) & mask[i])
			return false;
	return true;
}

static inline bool ether_addr_is_ipv4_mcast(const u8 *addr)
{
	static const u8 mask[ETH_ALEN] = { 0xff, 0xff, 0xff, 0x80, 0x00, 0x00 };

	return ether_addr_equal_masked(addr, eth_ipv4_mcast_addr_base, mask);
}

static inline bool ether_addr_is_ipv6_mcast(const u8 *addr)
{
	static const u8 mask[ETH_ALEN] = { 0xff, 0xff, 0x00, 0x00, 0x00, 0x00 };

	return ether_addr_equal_masked(addr, eth_ipv6_mcast_addr_base, mask);
}

static inline bool ether_addr_is_ip_mcast(const u8 *addr)
{
	return ether_addr_is_ipv4_mcast(addr) || ether_addr_is_ipv6_mcast(addr);
}

static inline void eth_addr_dec(u8 *addr)
{
	u64_to_ether_addr(ether_addr_to_u64(addr) - 1, addr);
}

static inline void eth_addr_inc(u8 *addr)
{
	u64_to_ether_addr(ether_addr_to_u64(addr) + 1, addr);
}

static inline void eth_addr_add(u8 *addr, long offset)
{
	u64_to_ether_addr(ether_addr_to_u64(addr) + offset, addr);
}

/**
 * is_etherdev_addr - is @addr @dev's address? (krt keeps one address per device)
 * @dev: network device
 * @addr: six-byte address
 */
static inline bool is_etherdev_addr(const struct net_device *dev, const u8 addr[ETH_ALEN])
{
	return ether_addr_equal(addr, dev->dev_addr);
}

/**
 * compare_ether_header - compare two Ethernet headers: 0 when destination, source and type
 * are the same
 * @a: ETH_HLEN bytes
 * @b: ETH_HLEN bytes
 */
static inline unsigned long compare_ether_header(const void *a, const void *b)
{
	return memcmp(a, b, ETH_HLEN) != 0;
}

/**
 * eth_skb_pkt_type - classify a received frame by its destination: unchanged (PACKET_HOST from
 * allocation) when it is @dev's address, else PACKET_BROADCAST, PACKET_MULTICAST or
 * PACKET_OTHERHOST
 * @skb: buffer whose mac header is set
 * @dev: receiving device
 */
static inline void eth_skb_pkt_type(struct sk_buff *skb, const struct net_device *dev)
{
	const struct ethhdr *eth = eth_hdr(skb);

	if (unlikely(!ether_addr_equal_64bits(eth->h_dest, dev->dev_addr))) {
		if (unlikely(is_multicast_ether_addr_64bits(eth->h_dest))) {
			if (ether_addr_equal_64bits(eth->h_dest, dev->broadcast))
				skb->pkt_type = PACKET_BROADCAST;
			else
				skb->pkt_type = PACKET_MULTICAST;
		} else {
			skb->pkt_type = PACKET_OTHERHOST;
		}
	}
}

static inline struct ethhdr *eth_skb_pull_mac(struct sk_buff *skb)
{
	struct ethhdr *eth = (struct ethhdr *)skb->data;

	skb_pull_inline(skb, ETH_HLEN);
	return eth;
}

#endif /* _LINUX_ETHERDEVICE_H */
