/* SPDX-License-Identifier: MIT */
/*
 * Link management in process: what "ip link add/del/set/show" ask the kernel over rtnetlink
 * (RTM_NEWLINK, RTM_DELLINK, RTM_SETLINK, RTM_GETLINK), as C calls. Each call builds the
 * request message with its IFLA_* attributes (<net/netlink.h>), then the kernel side takes
 * RTNL, parses it against the kernel's policy and runs the kernel's path: rtnl_link_ops lookup,
 * ->validate, rtnl_newlink_create() / rtnl_delete_link() / the setlink steps. The devices of
 * a deletion are freed before the call returns (rtnl_unlock() runs the todo list).
 *
 * Errors are the kernel's: -EEXIST (name in use), -EOPNOTSUPP (unknown kind, or a device
 * without rtnl_link_ops), -ENODEV (no such device), -EINVAL/-ERANGE (bad attributes), and
 * whatever the driver answers. @extack, when given, receives the kernel's reason text, which
 * iproute2 prints as "Error: <text>.".
 */
#ifndef _KRT_LINK_H
#define _KRT_LINK_H

#include <linux/types.h>

struct net;
struct netlink_ext_ack;

/* Send these attributes even though their value is 0 (struct krt_link_attrs.zero). */
#define KRT_LINK_MTU		(1U << 0)
#define KRT_LINK_TXQLEN		(1U << 1)
#define KRT_LINK_GROUP		(1U << 2)

/*
 * One device's attributes. Unset (zero) fields are not sent: the kind's defaults apply on
 * creation, the device keeps its value on a change. To send a zero MTU, txqlen or group, set
 * its KRT_LINK_* bit in @zero.
 */
struct krt_link_attrs {
	const char *name;		/* IFLA_IFNAME; on creation NULL means "<kind>%d" */
	const u8 *address;		/* IFLA_ADDRESS, @addr_len bytes */
	unsigned int addr_len;		/* 0: ETH_ALEN */
	unsigned int mtu;		/* IFLA_MTU */
	unsigned int txqlen;		/* IFLA_TXQLEN */
	unsigned int group;		/* IFLA_GROUP */
	unsigned int num_tx_queues;	/* IFLA_NUM_TX_QUEUES (creation only) */
	unsigned int num_rx_queues;	/* IFLA_NUM_RX_QUEUES (creation only) */
	int ifindex;			/* creation: wanted ifindex, 0 for the next free one */
	bool up;			/* bring the device up (IFF_UP in ifi_flags/ifi_change) */
	bool down;			/* take it down (change only) */
	unsigned int zero;		/* KRT_LINK_* */
};

struct krt_link_req {
	const char *kind;		/* IFLA_INFO_KIND: "dummy", "veth", ... */
	struct krt_link_attrs link;
	/* veth: the other end (IFLA_INFO_DATA/VETH_INFO_PEER), sent when any field is set */
	struct krt_link_attrs peer;
	bool peer_empty;		/* send VETH_INFO_PEER even so ("type veth peer") */
};

/* NULL @net means init_net in every call below. */
int krt_link_add(struct net *net, const struct krt_link_req *req, struct netlink_ext_ack *extack);
int krt_link_del(struct net *net, const char *name, struct netlink_ext_ack *extack);
int krt_link_del_group(struct net *net, unsigned int group, struct netlink_ext_ack *extack);
int krt_link_set(struct net *net, const char *name, const struct krt_link_attrs *attrs,
		 struct netlink_ext_ack *extack);

/*
 * "ip link show [dev NAME]": the lines iproute2 prints, for one device or (NULL @name) all of
 * @net in ifindex order. Returns the length of the whole text (like snprintf: @buf holds at
 * most @size - 1 bytes of it, NUL-terminated), or -ENODEV.
 */
ssize_t krt_link_show(struct net *net, const char *name, char *buf, size_t size);

#endif /* _KRT_LINK_H */
