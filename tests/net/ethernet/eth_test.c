// SPDX-License-Identifier: MIT
/*
 * The Ethernet layer: ether_setup() defaults, the MAC address helpers, building and parsing
 * headers, eth_type_trans() classification and protocol, and the MAC address callbacks.
 */
#include <kunit/test.h>
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/sprintf.h>
#include <linux/string.h>

static const u8 dev_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0xaa, 0xbb, 0xcc };
static const u8 peer_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x11, 0x22, 0x33 };
static const u8 bcast_mac[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
static const u8 mcast_mac[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
static const u8 zero_mac[ETH_ALEN];

static struct net_device *eth_test_dev(struct kunit *test)
{
	struct net_device *dev = alloc_etherdev(0);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	eth_hw_addr_set(dev, dev_mac);
	return dev;
}

/* A frame for @dev's receive path: Ethernet header to @dst, type/length @proto, @payload. */
static struct sk_buff *eth_test_frame(struct kunit *test, struct net_device *dev, const u8 *dst,
				      u16 proto, const void *payload, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(64 + ETH_HLEN + len, GFP_KERNEL);
	struct ethhdr *eth;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 32);
	eth = skb_put(skb, ETH_HLEN);
	memcpy(eth->h_dest, dst, ETH_ALEN);
	memcpy(eth->h_source, peer_mac, ETH_ALEN);
	eth->h_proto = htons(proto);
	if (len)
		skb_put_data(skb, payload, len);
	return skb;
}

static void eth_setup_defaults(struct kunit *test)
{
	struct net_device *dev = alloc_etherdev(16);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_STREQ(test, dev->name, "eth%d");
	KUNIT_EXPECT_EQ(test, dev->name_assign_type, NET_NAME_ENUM);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1500);
	KUNIT_EXPECT_EQ(test, dev->min_mtu, ETH_MIN_MTU);
	KUNIT_EXPECT_EQ(test, dev->min_mtu, 68);
	KUNIT_EXPECT_EQ(test, dev->max_mtu, ETH_DATA_LEN);
	KUNIT_EXPECT_EQ(test, dev->type, ARPHRD_ETHER);
	KUNIT_EXPECT_EQ(test, dev->hard_header_len, ETH_HLEN);
	KUNIT_EXPECT_EQ(test, dev->addr_len, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, dev->tx_queue_len, DEFAULT_TX_QUEUE_LEN);
	KUNIT_EXPECT_EQ(test, dev->flags, IFF_BROADCAST | IFF_MULTICAST);
	KUNIT_EXPECT_TRUE(test, dev->priv_flags & IFF_TX_SKB_SHARING);
	/* alloc_netdev's defaults survive; a non-zero tx_queue_len means a queue. */
	KUNIT_EXPECT_TRUE(test, dev->priv_flags & IFF_XMIT_DST_RELEASE);
	KUNIT_EXPECT_FALSE(test, dev->priv_flags & IFF_NO_QUEUE);
	KUNIT_EXPECT_MEMEQ(test, dev->broadcast, bcast_mac, ETH_ALEN);
	KUNIT_EXPECT_PTR_EQ(test, dev->header_ops, &eth_header_ops);
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(dev->dev_addr));
	KUNIT_EXPECT_EQ(test, dev->num_tx_queues, 1);
	free_netdev(dev);

	dev = alloc_etherdev_mqs(0, 4, 2);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->num_tx_queues, 4);
	KUNIT_EXPECT_EQ(test, dev->num_rx_queues, 2);
	free_netdev(dev);

	dev = alloc_etherdev_mq(0, 3);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->num_tx_queues, 3);
	KUNIT_EXPECT_EQ(test, dev->num_rx_queues, 3);
	free_netdev(dev);
}

static void eth_addr_predicates(struct kunit *test)
{
	static const u8 local_mcast[ETH_ALEN] = { 0x03, 0, 0, 0, 0, 1 };
	static const u8 global[ETH_ALEN] = { 0x00, 0x1b, 0x21, 0x01, 0x02, 0x03 };
	static const u8 stp[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x0e };
	static const u8 not_ll[ETH_ALEN] = { 0x01, 0x80, 0xc2, 0x00, 0x00, 0x10 };
	u8 buf[ETH_ALEN + 1];

	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(zero_mac));
	KUNIT_EXPECT_FALSE(test, is_zero_ether_addr(global));

	KUNIT_EXPECT_TRUE(test, is_multicast_ether_addr(mcast_mac));
	KUNIT_EXPECT_TRUE(test, is_multicast_ether_addr(bcast_mac));
	KUNIT_EXPECT_TRUE(test, is_multicast_ether_addr(local_mcast));
	KUNIT_EXPECT_FALSE(test, is_multicast_ether_addr(dev_mac));

	KUNIT_EXPECT_TRUE(test, is_broadcast_ether_addr(bcast_mac));
	KUNIT_EXPECT_FALSE(test, is_broadcast_ether_addr(mcast_mac));

	KUNIT_EXPECT_TRUE(test, is_unicast_ether_addr(dev_mac));
	KUNIT_EXPECT_TRUE(test, is_unicast_ether_addr(zero_mac));
	KUNIT_EXPECT_FALSE(test, is_unicast_ether_addr(bcast_mac));

	KUNIT_EXPECT_TRUE(test, is_local_ether_addr(dev_mac));
	KUNIT_EXPECT_TRUE(test, is_local_ether_addr(local_mcast));
	KUNIT_EXPECT_FALSE(test, is_local_ether_addr(global));

	/* Valid: neither zero nor multicast (broadcast being multicast). */
	KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(dev_mac));
	KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(global));
	KUNIT_EXPECT_FALSE(test, is_valid_ether_addr(zero_mac));
	KUNIT_EXPECT_FALSE(test, is_valid_ether_addr(mcast_mac));
	KUNIT_EXPECT_FALSE(test, is_valid_ether_addr(bcast_mac));

	KUNIT_EXPECT_TRUE(test, is_link_local_ether_addr(stp));
	KUNIT_EXPECT_TRUE(test, is_link_local_ether_addr(eth_stp_addr));
	KUNIT_EXPECT_FALSE(test, is_link_local_ether_addr(not_ll));

	KUNIT_EXPECT_TRUE(test, ether_addr_is_ipv4_mcast(mcast_mac));
	KUNIT_EXPECT_FALSE(test, ether_addr_is_ipv6_mcast(mcast_mac));

	/* No alignment demands: an odd address works too. */
	ether_addr_copy(buf + 1, dev_mac);
	KUNIT_EXPECT_MEMEQ(test, buf + 1, dev_mac, ETH_ALEN);
	KUNIT_EXPECT_TRUE(test, ether_addr_equal(buf + 1, dev_mac));
	buf[6] ^= 1;
	KUNIT_EXPECT_FALSE(test, ether_addr_equal(buf + 1, dev_mac));
	buf[6] ^= 1;
	buf[1] ^= 0x80;
	KUNIT_EXPECT_FALSE(test, ether_addr_equal(buf + 1, dev_mac));

	eth_broadcast_addr(buf);
	KUNIT_EXPECT_TRUE(test, is_broadcast_ether_addr(buf));
	eth_zero_addr(buf);
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(buf));

	KUNIT_EXPECT_EQ(test, ether_addr_to_u64(global), 0x001b21010203ULL);
	u64_to_ether_addr(0x0200000000ffULL, buf);
	eth_addr_inc(buf);
	KUNIT_EXPECT_EQ(test, ether_addr_to_u64(buf), 0x020000000100ULL);
	eth_addr_dec(buf);
	KUNIT_EXPECT_EQ(test, ether_addr_to_u64(buf), 0x0200000000ffULL);

	KUNIT_EXPECT_TRUE(test, eth_proto_is_802_3(htons(ETH_P_IP)));
	KUNIT_EXPECT_TRUE(test, eth_proto_is_802_3(htons(0x0600)));
	KUNIT_EXPECT_FALSE(test, eth_proto_is_802_3(htons(0x05dc)));
	/* Only the high byte counts (the kernel masks the low one). */
	KUNIT_EXPECT_FALSE(test, eth_proto_is_802_3(htons(0x05ff)));
}

static void eth_random_addresses(struct kunit *test)
{
	struct net_device *dev = alloc_etherdev(0);
	u8 a[ETH_ALEN], b[ETH_ALEN];
	bool differ = false;
	int i;

	for (i = 0; i < 64; i++) {
		eth_random_addr(a);
		eth_random_addr(b);
		KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(a));
		KUNIT_EXPECT_TRUE(test, is_local_ether_addr(a));
		KUNIT_EXPECT_TRUE(test, is_unicast_ether_addr(a));
		differ |= !ether_addr_equal(a, b);
	}
	KUNIT_EXPECT_TRUE(test, differ);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->addr_assign_type, NET_ADDR_PERM);
	eth_hw_addr_random(dev);
	KUNIT_EXPECT_EQ(test, dev->addr_assign_type, NET_ADDR_RANDOM);
	KUNIT_EXPECT_TRUE(test, is_valid_ether_addr(dev->dev_addr));
	KUNIT_EXPECT_TRUE(test, is_local_ether_addr(dev->dev_addr));
	KUNIT_EXPECT_EQ(test, eth_validate_addr(dev), 0);

	eth_hw_addr_gen(dev, dev_mac, 0x105);
	KUNIT_EXPECT_EQ(test, ether_addr_to_u64(dev->dev_addr), ether_addr_to_u64(dev_mac) + 0x105);
	free_netdev(dev);
}

struct pkt_type_case {
	const u8 *dst;
	unsigned char pkt_type;
};

/* The destination decides pkt_type; the header is pulled and the mac header set. */
static void eth_type_trans_classifies(struct kunit *test)
{
	const struct pkt_type_case cases[] = {
		{ dev_mac, PACKET_HOST },
		{ bcast_mac, PACKET_BROADCAST },
		{ mcast_mac, PACKET_MULTICAST },
		{ peer_mac, PACKET_OTHERHOST },
	};
	struct net_device *dev = eth_test_dev(test);
	static const u8 payload[20] = { 0x45 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		struct sk_buff *skb = eth_test_frame(test, dev, cases[i].dst, ETH_P_IP, payload,
						     sizeof(payload));
		unsigned char *frame = skb->data;

		KUNIT_EXPECT_EQ(test, (int)skb->pkt_type, PACKET_HOST);
		KUNIT_EXPECT_EQ(test, ntohs(eth_type_trans(skb, dev)), ETH_P_IP);
		KUNIT_EXPECT_EQ_MSG(test, (int)skb->pkt_type, (int)cases[i].pkt_type, "case %u", i);
		KUNIT_EXPECT_PTR_EQ(test, skb->dev, dev);
		KUNIT_EXPECT_PTR_EQ(test, skb_mac_header(skb), frame);
		KUNIT_EXPECT_PTR_EQ(test, (unsigned char *)eth_hdr(skb), frame);
		KUNIT_EXPECT_PTR_EQ(test, skb->data, frame + ETH_HLEN);
		KUNIT_EXPECT_EQ(test, skb->len, sizeof(payload));
		kfree_skb(skb);
	}

	/* A pkt_type set earlier is kept when the frame is for this host (as the kernel). */
	{
		struct sk_buff *skb = eth_test_frame(test, dev, dev_mac, ETH_P_IP, payload,
						     sizeof(payload));

		skb->pkt_type = PACKET_OUTGOING;
		eth_type_trans(skb, dev);
		KUNIT_EXPECT_EQ(test, (int)skb->pkt_type, PACKET_OUTGOING);
		kfree_skb(skb);
	}

	/* A changed device address changes the classification. */
	{
		struct sk_buff *skb = eth_test_frame(test, dev, peer_mac, ETH_P_IP, payload,
						     sizeof(payload));

		eth_hw_addr_set(dev, peer_mac);
		eth_type_trans(skb, dev);
		KUNIT_EXPECT_EQ(test, (int)skb->pkt_type, PACKET_HOST);
		kfree_skb(skb);
	}
	free_netdev(dev);
}

/* Type field below 0x0600 is an 802.3 length: raw 802.3 (0xFFFF payload) or 802.2 LLC. */
static void eth_type_trans_802_3(struct kunit *test)
{
	static const u8 ipx[4] = { 0xff, 0xff, 0x00, 0x20 };
	static const u8 llc[4] = { 0x42, 0x42, 0x03, 0x00 };
	static const u8 arp[28] = { 0x00, 0x01 };
	struct net_device *dev = eth_test_dev(test);
	struct sk_buff *skb;

	skb = eth_test_frame(test, dev, dev_mac, sizeof(ipx), ipx, sizeof(ipx));
	KUNIT_EXPECT_EQ(test, eth_type_trans(skb, dev), htons(ETH_P_802_3));
	kfree_skb(skb);

	skb = eth_test_frame(test, dev, dev_mac, sizeof(llc), llc, sizeof(llc));
	KUNIT_EXPECT_EQ(test, eth_type_trans(skb, dev), htons(ETH_P_802_2));
	kfree_skb(skb);

	/* Too short to look at the payload: LLC. */
	skb = eth_test_frame(test, dev, dev_mac, 0, NULL, 0);
	KUNIT_EXPECT_EQ(test, eth_type_trans(skb, dev), htons(ETH_P_802_2));
	KUNIT_EXPECT_EQ(test, skb->len, 0);
	kfree_skb(skb);

	skb = eth_test_frame(test, dev, bcast_mac, ETH_P_ARP, arp, sizeof(arp));
	KUNIT_EXPECT_EQ(test, eth_type_trans(skb, dev), htons(ETH_P_ARP));
	KUNIT_EXPECT_EQ(test, (int)skb->pkt_type, PACKET_BROADCAST);
	kfree_skb(skb);
	free_netdev(dev);
}

static void eth_header_build_and_parse(struct kunit *test)
{
	struct net_device *dev = eth_test_dev(test);
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	u8 haddr[ETH_ALEN];
	struct ethhdr *eth;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 64);
	skb_put_zero(skb, 10);

	/* Known destination: a complete header, source from the device. */
	KUNIT_EXPECT_EQ(test, dev_hard_header(skb, dev, ETH_P_IP, peer_mac, NULL, 10), ETH_HLEN);
	KUNIT_EXPECT_EQ(test, skb->len, 10 + ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	KUNIT_EXPECT_MEMEQ(test, eth->h_dest, peer_mac, ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, eth->h_source, dev_mac, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, eth->h_proto, htons(ETH_P_IP));

	skb_reset_mac_header(skb);
	skb->dev = dev;
	KUNIT_EXPECT_EQ(test, eth_header_parse(skb, dev, haddr), ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, haddr, dev_mac, ETH_ALEN);
	memset(haddr, 0, sizeof(haddr));
	KUNIT_EXPECT_EQ(test, dev_parse_header(skb, haddr), ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, haddr, dev_mac, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, dev_parse_header_protocol(skb), htons(ETH_P_IP));
	KUNIT_EXPECT_TRUE(test, dev_has_header(dev));
	skb_pull(skb, ETH_HLEN);

	/* Unknown destination: -ETH_HLEN, the caller resolves it; explicit source used. */
	KUNIT_EXPECT_EQ(test, eth_header(skb, dev, ETH_P_IPV6, NULL, peer_mac, 10), -ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	KUNIT_EXPECT_MEMEQ(test, eth->h_source, peer_mac, ETH_ALEN);
	skb_pull(skb, ETH_HLEN);

	/* Nobody resolves addresses on an IFF_NOARP device: zero destination, complete. */
	dev->flags |= IFF_NOARP;
	KUNIT_EXPECT_EQ(test, eth_header(skb, dev, ETH_P_IP, NULL, NULL, 10), ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(eth->h_dest));
	skb_pull(skb, ETH_HLEN);

	/* 802.3 and 802.2 carry the length. */
	KUNIT_EXPECT_EQ(test, eth_header(skb, dev, ETH_P_802_3, bcast_mac, NULL, 10), ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	KUNIT_EXPECT_EQ(test, ntohs(eth->h_proto), 10);
	skb_pull(skb, ETH_HLEN);
	KUNIT_EXPECT_EQ(test, eth_header(skb, dev, ETH_P_802_2, bcast_mac, NULL, 7), ETH_HLEN);
	eth = (struct ethhdr *)skb->data;
	KUNIT_EXPECT_EQ(test, ntohs(eth->h_proto), 7);

	/* No header_ops: nothing to build. */
	dev->header_ops = NULL;
	KUNIT_EXPECT_EQ(test, dev_hard_header(skb, dev, ETH_P_IP, peer_mac, NULL, 10), 0);
	KUNIT_EXPECT_FALSE(test, dev_has_header(dev));
	kfree_skb(skb);
	free_netdev(dev);
}

static void eth_mac_addr_rules(struct kunit *test)
{
	struct net_device *dev = eth_test_dev(test);
	struct sockaddr sa = { .sa_family = ARPHRD_ETHER };

	memcpy(sa.sa_data, peer_mac, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, eth_mac_addr(dev, &sa), 0);
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, peer_mac, ETH_ALEN);

	memcpy(sa.sa_data, mcast_mac, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, eth_mac_addr(dev, &sa), -EADDRNOTAVAIL);
	memcpy(sa.sa_data, zero_mac, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, eth_prepare_mac_addr_change(dev, &sa), -EADDRNOTAVAIL);
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, peer_mac, ETH_ALEN);

	/* A running device changes its address only with IFF_LIVE_ADDR_CHANGE. */
	memcpy(sa.sa_data, dev_mac, ETH_ALEN);
	set_bit(__LINK_STATE_START, &dev->state);
	KUNIT_EXPECT_EQ(test, eth_mac_addr(dev, &sa), -EBUSY);
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, peer_mac, ETH_ALEN);
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE;
	KUNIT_EXPECT_EQ(test, eth_mac_addr(dev, &sa), 0);
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, dev_mac, ETH_ALEN);
	clear_bit(__LINK_STATE_START, &dev->state);

	memcpy(sa.sa_data, peer_mac, ETH_ALEN);
	eth_commit_mac_addr_change(dev, &sa);
	KUNIT_EXPECT_MEMEQ(test, dev->dev_addr, peer_mac, ETH_ALEN);

	KUNIT_EXPECT_EQ(test, eth_validate_addr(dev), 0);
	eth_hw_addr_set(dev, zero_mac);
	KUNIT_EXPECT_EQ(test, eth_validate_addr(dev), -EADDRNOTAVAIL);
	eth_hw_addr_set(dev, mcast_mac);
	KUNIT_EXPECT_EQ(test, eth_validate_addr(dev), -EADDRNOTAVAIL);
	free_netdev(dev);
}

static void eth_format_mac(struct kunit *test)
{
	char buf[PAGE_SIZE];

	KUNIT_EXPECT_EQ(test, sysfs_format_mac(buf, dev_mac, ETH_ALEN), 18);
	KUNIT_EXPECT_STREQ(test, buf, "02:00:00:aa:bb:cc\n");
	snprintf(buf, sizeof(buf), "%pM", bcast_mac);
	KUNIT_EXPECT_STREQ(test, buf, "ff:ff:ff:ff:ff:ff");
}

static struct kunit_case eth_test_cases[] = {
	KUNIT_CASE(eth_setup_defaults),
	KUNIT_CASE(eth_addr_predicates),
	KUNIT_CASE(eth_random_addresses),
	KUNIT_CASE(eth_type_trans_classifies),
	KUNIT_CASE(eth_type_trans_802_3),
	KUNIT_CASE(eth_header_build_and_parse),
	KUNIT_CASE(eth_mac_addr_rules),
	KUNIT_CASE(eth_format_mac),
	{}
};

static struct kunit_suite eth_test_suite = {
	.name = "eth",
	.test_cases = eth_test_cases,
};
kunit_test_suite(eth_test_suite);
