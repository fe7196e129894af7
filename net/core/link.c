// SPDX-License-Identifier: MIT
/*
 * The link requests of rtnetlink, in process (<krt/link.h>): RTM_NEWLINK, RTM_DELLINK,
 * RTM_SETLINK and RTM_GETLINK.
 *
 * The front half of each call does what iproute2 does: it builds the request, a struct
 * nlmsghdr and struct ifinfomsg followed by IFLA_* attributes, in an sk_buff. The back half is
 * the kernel's handler, run under RTNL as rtnetlink_rcv_msg() runs it: the message is parsed
 * against the kernel's IFLA policy, the device found by index or name, the kind looked up and
 * validated, and the work handed to rtnl_newlink_create(), rtnl_delete_link(),
 * rtnl_group_dellink() or the setlink steps. A dump fills one RTM_NEWLINK message per device,
 * which the front half prints as "ip link show" does.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_link.h>
#include <linux/net.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/veth.h>
#include <net/netlink.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <krt/link.h>
#include "net/core/dev.h"

/* The largest maxtype of an rtnl_link_ops kind's own attributes. */
#define RTNL_MAX_TYPE		50

/* Longest kind name (the kernel's module name limit). */
#ifndef MODULE_NAME_LEN
#define MODULE_NAME_LEN		(64 - sizeof(unsigned long))
#endif

/* Setlink bookkeeping: what a failing request may already have changed. */
#define DO_SETLINK_MODIFIED	0x01
#define DO_SETLINK_NOTIFY	0x03

/* The kernel's ifla_policy, for the attributes krt's devices have. */
static const struct nla_policy ifla_policy[IFLA_MAX + 1] = {
	[IFLA_IFNAME]		= { .type = NLA_STRING, .len = IFNAMSIZ - 1 },
	[IFLA_ADDRESS]		= { .type = NLA_BINARY, .len = MAX_ADDR_LEN },
	[IFLA_BROADCAST]	= { .type = NLA_BINARY, .len = MAX_ADDR_LEN },
	[IFLA_MAP]		= { .len = sizeof(struct rtnl_link_ifmap) },
	[IFLA_MTU]		= { .type = NLA_U32 },
	[IFLA_LINK]		= { .type = NLA_U32 },
	[IFLA_MASTER]		= { .type = NLA_U32 },
	[IFLA_CARRIER]		= { .type = NLA_U8 },
	[IFLA_TXQLEN]		= { .type = NLA_U32 },
	[IFLA_WEIGHT]		= { .type = NLA_U32 },
	[IFLA_OPERSTATE]	= { .type = NLA_U8 },
	[IFLA_LINKMODE]		= { .type = NLA_U8 },
	[IFLA_LINKINFO]		= { .type = NLA_NESTED },
	[IFLA_NET_NS_PID]	= { .type = NLA_U32 },
	[IFLA_NET_NS_FD]	= { .type = NLA_U32 },
	[IFLA_IFALIAS]		= { .type = NLA_STRING, .len = IFALIASZ - 1 },
	[IFLA_AF_SPEC]		= { .type = NLA_NESTED },
	[IFLA_EXT_MASK]		= { .type = NLA_U32 },
	[IFLA_PROMISCUITY]	= { .type = NLA_U32 },
	[IFLA_NUM_TX_QUEUES]	= { .type = NLA_U32 },
	[IFLA_NUM_RX_QUEUES]	= { .type = NLA_U32 },
	[IFLA_GSO_MAX_SEGS]	= { .type = NLA_U32 },
	[IFLA_GSO_MAX_SIZE]	= { .type = NLA_U32 },
	[IFLA_CARRIER_CHANGES]	= { .type = NLA_U32 },	/* ignored */
	[IFLA_LINK_NETNSID]	= { .type = NLA_S32 },
	[IFLA_PROTO_DOWN]	= { .type = NLA_U8 },
	[IFLA_XDP]		= { .type = NLA_NESTED },
	[IFLA_EVENT]		= { .type = NLA_U32 },
	[IFLA_GROUP]		= { .type = NLA_U32 },
	[IFLA_TARGET_NETNSID]	= { .type = NLA_S32 },
	[IFLA_CARRIER_UP_COUNT]	= { .type = NLA_U32 },
	[IFLA_CARRIER_DOWN_COUNT] = { .type = NLA_U32 },
	[IFLA_MIN_MTU]		= { .type = NLA_U32 },
	[IFLA_MAX_MTU]		= { .type = NLA_U32 },
	[IFLA_PROP_LIST]	= { .type = NLA_NESTED },
	[IFLA_ALT_IFNAME]	= { .type = NLA_STRING, .len = ALTIFNAMSIZ - 1 },
	[IFLA_PERM_ADDRESS]	= { .type = NLA_REJECT },
	[IFLA_PROTO_DOWN_REASON] = { .type = NLA_NESTED },
	[IFLA_PARENT_DEV_NAME]	= { .type = NLA_NUL_STRING },
	[IFLA_GRO_MAX_SIZE]	= { .type = NLA_U32 },
};

static const struct nla_policy ifla_info_policy[IFLA_INFO_MAX + 1] = {
	[IFLA_INFO_KIND]	= { .type = NLA_STRING },
	[IFLA_INFO_DATA]	= { .type = NLA_NESTED },
	[IFLA_INFO_SLAVE_KIND]	= { .type = NLA_STRING },
	[IFLA_INFO_SLAVE_DATA]	= { .type = NLA_NESTED },
};

/**
 * rtnl_nla_parse_ifinfomsg - parse a nested link description: struct ifinfomsg, then IFLA_*
 * @tb: IFLA_MAX + 1 pointers, filled
 * @nla_peer: the nest (veth's VETH_INFO_PEER)
 * @exterr: extended ack, may be NULL
 *
 * Returns 0, or -EINVAL / -ERANGE for a negative index or attributes the IFLA policy refuses.
 */
int rtnl_nla_parse_ifinfomsg(struct nlattr **tb, const struct nlattr *nla_peer,
			     struct netlink_ext_ack *exterr)
{
	const struct ifinfomsg *ifmp;
	const struct nlattr *attrs;
	size_t len;

	ifmp = nla_data(nla_peer);
	attrs = nla_data(nla_peer) + sizeof(struct ifinfomsg);
	len = nla_len(nla_peer) - sizeof(struct ifinfomsg);

	if (ifmp->ifi_index < 0) {
		NL_SET_ERR_MSG_ATTR(exterr, nla_peer, "ifindex can't be negative");
		return -EINVAL;
	}
	return nla_parse_deprecated(tb, IFLA_MAX, attrs, len, ifla_policy, exterr);
}

static struct net_device *rtnl_dev_get(struct net *net, struct nlattr *tb[])
{
	char ifname[ALTIFNAMSIZ];

	if (tb[IFLA_IFNAME])
		nla_strscpy(ifname, tb[IFLA_IFNAME], IFNAMSIZ);
	else if (tb[IFLA_ALT_IFNAME])
		nla_strscpy(ifname, tb[IFLA_ALT_IFNAME], ALTIFNAMSIZ);
	else
		return NULL;
	return __dev_get_by_name(net, ifname);
}

/* The address attributes must be long enough for the device (rtnetlink.c validate_linkmsg). */
static int validate_linkmsg(struct net_device *dev, struct nlattr *tb[],
			    struct netlink_ext_ack *extack)
{
	if (dev) {
		if (tb[IFLA_ADDRESS] && nla_len(tb[IFLA_ADDRESS]) < dev->addr_len)
			return -EINVAL;
		if (tb[IFLA_BROADCAST] && nla_len(tb[IFLA_BROADCAST]) < dev->addr_len)
			return -EINVAL;
	}
	return 0;
}

static unsigned int rtnl_dev_combine_flags(const struct net_device *dev,
					   const struct ifinfomsg *ifm)
{
	unsigned int flags = ifm->ifi_flags;

	/* Only the bits of ifi_change are changed. */
	if (ifm->ifi_change)
		flags = (flags & ifm->ifi_change) | (dev->flags & ~ifm->ifi_change);
	return flags;
}

/* The changes of RTM_SETLINK (and RTM_NEWLINK on an existing device), in the kernel's order. */
static int do_setlink(struct net_device *dev, struct ifinfomsg *ifm,
		      struct netlink_ext_ack *extack, struct nlattr **tb, int status)
{
	char ifname[IFNAMSIZ];
	int err = 0;

	if (tb[IFLA_IFNAME])
		nla_strscpy(ifname, tb[IFLA_IFNAME], IFNAMSIZ);
	else
		ifname[0] = '\0';

	/* No other namespace can be named: krt's have no pid or fd. */
	if (tb[IFLA_NET_NS_PID] || tb[IFLA_NET_NS_FD] || tb[IFLA_TARGET_NETNSID]) {
		err = -EOPNOTSUPP;
		goto errout;
	}
	/* No device has an I/O map to set. */
	if (tb[IFLA_MAP]) {
		err = -EOPNOTSUPP;
		goto errout;
	}

	if (tb[IFLA_ADDRESS]) {
		struct sockaddr *sa;
		int len;

		len = sizeof(sa_family_t) + max_t(size_t, dev->addr_len, sizeof(*sa));
		sa = kmalloc(len, GFP_KERNEL);
		if (!sa) {
			err = -ENOMEM;
			goto errout;
		}
		sa->sa_family = dev->type;
		memcpy(sa->sa_data, nla_data(tb[IFLA_ADDRESS]), dev->addr_len);
		err = dev_set_mac_address(dev, sa, extack);
		kfree(sa);
		if (err)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}

	if (tb[IFLA_MTU]) {
		err = dev_set_mtu_ext(dev, nla_get_u32(tb[IFLA_MTU]), extack);
		if (err < 0)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}

	if (tb[IFLA_GROUP]) {
		WRITE_ONCE(dev->group, nla_get_u32(tb[IFLA_GROUP]));
		status |= DO_SETLINK_NOTIFY;
	}

	/* Selected by index and named: a rename. */
	if (ifm->ifi_index > 0 && ifname[0]) {
		err = dev_change_name(dev, ifname);
		if (err < 0)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}

	if (tb[IFLA_BROADCAST]) {
		nla_memcpy(dev->broadcast, tb[IFLA_BROADCAST], dev->addr_len);
		call_netdevice_notifiers(NETDEV_CHANGEADDR, dev);
	}

	if (ifm->ifi_flags || ifm->ifi_change) {
		err = dev_change_flags(dev, rtnl_dev_combine_flags(dev, ifm), extack);
		if (err < 0)
			goto errout;
	}

	if (tb[IFLA_CARRIER]) {
		err = dev_change_carrier(dev, nla_get_u8(tb[IFLA_CARRIER]));
		if (err)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}

	if (tb[IFLA_TXQLEN]) {
		err = dev_change_tx_queue_len(dev, nla_get_u32(tb[IFLA_TXQLEN]));
		if (err)
			goto errout;
		status |= DO_SETLINK_MODIFIED;
	}

errout:
	if (status & DO_SETLINK_MODIFIED) {
		if (err < 0)
			net_warn_ratelimited("A link change request failed with some changes committed already. Interface %s may have been left with an inconsistent configuration, please check.\n",
					     dev->name);
	}
	return err;
}

/* RTM_NEWLINK (RTNL held). */
static int rtnl_newlink(struct net *net, struct nlmsghdr *nlh, struct netlink_ext_ack *extack)
{
	struct nlattr *linkinfo[IFLA_INFO_MAX + 1];
	const struct rtnl_link_ops *ops;
	char kind[MODULE_NAME_LEN];
	struct nlattr **tb, **data;
	struct net_device *dev;
	struct ifinfomsg *ifm;
	bool link_specified;
	int err;

	/* Both attribute tables together are too big for the stack, as in the kernel. */
	tb = kmalloc_array(IFLA_MAX + 1 + RTNL_MAX_TYPE + 1, sizeof(*tb), GFP_KERNEL);
	if (!tb)
		return -ENOMEM;

	err = nlmsg_parse_deprecated(nlh, sizeof(*ifm), tb, IFLA_MAX, ifla_policy, extack);
	if (err < 0)
		goto out;

	ifm = nlmsg_data(nlh);
	if (ifm->ifi_index > 0) {
		link_specified = true;
		dev = __dev_get_by_index(net, ifm->ifi_index);
	} else if (ifm->ifi_index < 0) {
		NL_SET_ERR_MSG(extack, "ifindex can't be negative");
		err = -EINVAL;
		goto out;
	} else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) {
		link_specified = true;
		dev = rtnl_dev_get(net, tb);
	} else {
		link_specified = false;
		dev = NULL;
	}

	if (tb[IFLA_LINKINFO]) {
		err = nla_parse_nested_deprecated(linkinfo, IFLA_INFO_MAX, tb[IFLA_LINKINFO],
						  ifla_info_policy, NULL);
		if (err < 0)
			goto out;
	} else {
		memset(linkinfo, 0, sizeof(linkinfo));
	}

	if (linkinfo[IFLA_INFO_KIND]) {
		nla_strscpy(kind, linkinfo[IFLA_INFO_KIND], sizeof(kind));
		ops = rtnl_link_ops_get(kind);
	} else {
		kind[0] = '\0';
		ops = NULL;
	}

	data = NULL;
	if (ops) {
		err = -EINVAL;
		if (ops->maxtype > RTNL_MAX_TYPE)
			goto out;
		if (ops->maxtype && linkinfo[IFLA_INFO_DATA]) {
			data = tb + IFLA_MAX + 1;
			err = nla_parse_nested_deprecated(data, ops->maxtype,
							  linkinfo[IFLA_INFO_DATA], ops->policy,
							  extack);
			if (err < 0)
				goto out;
		}
		if (ops->validate) {
			err = ops->validate(tb, data, extack);
			if (err < 0)
				goto out;
		}
	}

	if (dev) {
		if (nlh->nlmsg_flags & NLM_F_EXCL) {
			err = -EEXIST;
			goto out;
		}
		err = -EOPNOTSUPP;
		if (nlh->nlmsg_flags & NLM_F_REPLACE)
			goto out;
		err = validate_linkmsg(dev, tb, extack);
		if (err < 0)
			goto out;
		err = -EOPNOTSUPP;
		if (linkinfo[IFLA_INFO_DATA]) {
			if (!ops || ops != dev->rtnl_link_ops || !ops->changelink)
				goto out;
			err = ops->changelink(dev, tb, data, extack);
			if (err < 0)
				goto out;
		}
		err = do_setlink(dev, ifm, extack, tb, 0);
		goto out;
	}

	if (!(nlh->nlmsg_flags & NLM_F_CREATE)) {
		/* No such device, and not asked to create one (krt has no group changelink). */
		err = -ENODEV;
		if (!link_specified && tb[IFLA_GROUP])
			err = -EOPNOTSUPP;
		goto out;
	}
	err = -EOPNOTSUPP;
	if (tb[IFLA_MAP] || tb[IFLA_PROTINFO])
		goto out;
	if (!ops) {
		/* krt has no modules to load for an unknown kind. */
		NL_SET_ERR_MSG(extack, "Unknown device type");
		goto out;
	}
	/* Namespaces are named by pid or fd, which krt's don't have. */
	if (tb[IFLA_NET_NS_PID] || tb[IFLA_NET_NS_FD] || tb[IFLA_TARGET_NETNSID] ||
	    tb[IFLA_LINK_NETNSID])
		goto out;

	err = rtnl_newlink_create(net, ops, ifm, tb, data, extack);
out:
	kfree(tb);
	return err;
}

/* RTM_DELLINK (RTNL held): by index, by name, or a whole group. */
static int rtnl_dellink(struct net *net, struct nlmsghdr *nlh, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct net_device *dev = NULL;
	struct ifinfomsg *ifm;
	int err;

	err = nlmsg_parse_deprecated(nlh, sizeof(*ifm), tb, IFLA_MAX, ifla_policy, extack);
	if (err < 0)
		return err;

	err = -EINVAL;
	ifm = nlmsg_data(nlh);
	if (ifm->ifi_index > 0) {
		dev = __dev_get_by_index(net, ifm->ifi_index);
	} else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME]) {
		dev = rtnl_dev_get(net, tb);
	} else if (tb[IFLA_GROUP]) {
		u32 group = nla_get_u32(tb[IFLA_GROUP]);

		/* The default group holds every device: the kernel refuses to delete it. */
		if (!group)
			return -EPERM;
		return rtnl_group_dellink(net, group);
	} else {
		return err;
	}

	if (!dev)
		return -ENODEV;
	return rtnl_delete_link(dev, 0, nlh);
}

/* RTM_SETLINK (RTNL held). */
static int rtnl_setlink(struct net *net, struct nlmsghdr *nlh, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[IFLA_MAX + 1];
	struct net_device *dev;
	struct ifinfomsg *ifm;
	int err;

	err = nlmsg_parse_deprecated(nlh, sizeof(*ifm), tb, IFLA_MAX, ifla_policy, extack);
	if (err < 0)
		return err;

	ifm = nlmsg_data(nlh);
	if (ifm->ifi_index > 0)
		dev = __dev_get_by_index(net, ifm->ifi_index);
	else if (tb[IFLA_IFNAME] || tb[IFLA_ALT_IFNAME])
		dev = rtnl_dev_get(net, tb);
	else
		return -EINVAL;
	if (!dev)
		return -ENODEV;

	err = validate_linkmsg(dev, tb, extack);
	if (err < 0)
		return err;
	return do_setlink(dev, ifm, extack, tb, 0);
}

/* ---- the request side ------------------------------------------------------------------------ */

static size_t link_attrs_size(const struct krt_link_attrs *a)
{
	size_t size = 6 * nla_total_size(sizeof(u32));

	if (a->name)
		size += nla_total_size(strlen(a->name) + 1);
	if (a->address)
		size += nla_total_size(a->addr_len ? a->addr_len : ETH_ALEN);
	return size;
}

static bool link_attrs_empty(const struct krt_link_attrs *a)
{
	return !a->name && !a->address && !a->mtu && !a->txqlen && !a->group &&
	       !a->num_tx_queues && !a->num_rx_queues && !a->ifindex && !a->up && !a->down &&
	       !a->zero;
}

static void link_fill_ifinfomsg(struct ifinfomsg *ifm, const struct krt_link_attrs *a)
{
	memset(ifm, 0, sizeof(*ifm));
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_index = a->ifindex;
	if (a->up) {
		ifm->ifi_change |= IFF_UP;
		ifm->ifi_flags |= IFF_UP;
	} else if (a->down) {
		ifm->ifi_change |= IFF_UP;
		ifm->ifi_flags &= ~IFF_UP;
	}
}

/* The IFLA_* attributes of @a; creation only ones (queues) when @create. */
static int link_put_attrs(struct sk_buff *skb, const struct krt_link_attrs *a, bool create)
{
	if (a->name && nla_put_string(skb, IFLA_IFNAME, a->name))
		return -EMSGSIZE;
	if (a->address &&
	    nla_put(skb, IFLA_ADDRESS, a->addr_len ? a->addr_len : ETH_ALEN, a->address))
		return -EMSGSIZE;
	if ((a->mtu || (a->zero & KRT_LINK_MTU)) && nla_put_u32(skb, IFLA_MTU, a->mtu))
		return -EMSGSIZE;
	if ((a->txqlen || (a->zero & KRT_LINK_TXQLEN)) && nla_put_u32(skb, IFLA_TXQLEN, a->txqlen))
		return -EMSGSIZE;
	if ((a->group || (a->zero & KRT_LINK_GROUP)) && nla_put_u32(skb, IFLA_GROUP, a->group))
		return -EMSGSIZE;
	if (create && a->num_tx_queues && nla_put_u32(skb, IFLA_NUM_TX_QUEUES, a->num_tx_queues))
		return -EMSGSIZE;
	if (create && a->num_rx_queues && nla_put_u32(skb, IFLA_NUM_RX_QUEUES, a->num_rx_queues))
		return -EMSGSIZE;
	return 0;
}

/* An RTM_NEWLINK request as "ip link add" sends it. */
static struct sk_buff *link_build_newlink(const struct krt_link_req *req)
{
	bool peer = req->peer_empty || !link_attrs_empty(&req->peer);
	struct nlattr *linkinfo, *data, *nest;
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;
	size_t size;

	size = sizeof(*ifm) + link_attrs_size(&req->link) + 3 * nla_total_size(0) +
	       nla_total_size(strlen(req->kind) + 1) + NLA_ALIGN(sizeof(*ifm)) +
	       link_attrs_size(&req->peer);
	skb = nlmsg_new(size, GFP_KERNEL);
	if (!skb)
		return ERR_PTR(-ENOMEM);

	nlh = nlmsg_put(skb, 0, 0, RTM_NEWLINK, sizeof(*ifm),
			NLM_F_REQUEST | NLM_F_CREATE | NLM_F_EXCL | NLM_F_ACK);
	if (!nlh)
		goto nospace;
	link_fill_ifinfomsg(nlmsg_data(nlh), &req->link);
	if (link_put_attrs(skb, &req->link, true))
		goto nospace;

	linkinfo = nla_nest_start(skb, IFLA_LINKINFO);
	if (!linkinfo || nla_put_string(skb, IFLA_INFO_KIND, req->kind))
		goto nospace;
	if (peer) {
		struct ifinfomsg peer_ifm;

		/* VETH_INFO_PEER: an ifinfomsg and the other end's attributes. */
		data = nla_nest_start(skb, IFLA_INFO_DATA);
		nest = data ? nla_nest_start(skb, VETH_INFO_PEER) : NULL;
		link_fill_ifinfomsg(&peer_ifm, &req->peer);
		if (!nest || nla_put_nohdr(skb, sizeof(peer_ifm), &peer_ifm) ||
		    link_put_attrs(skb, &req->peer, true))
			goto nospace;
		nla_nest_end(skb, nest);
		nla_nest_end(skb, data);
	}
	nla_nest_end(skb, linkinfo);
	nlmsg_end(skb, nlh);
	return skb;

nospace:
	nlmsg_free(skb);
	return ERR_PTR(-EMSGSIZE);
}

/* A request of @type for one device: by @ifindex, or by IFLA_IFNAME when it is 0. */
static struct sk_buff *link_build_req(int type, int ifindex, const struct krt_link_attrs *a,
				      const char *name)
{
	struct krt_link_attrs none = {};
	struct nlmsghdr *nlh;
	struct sk_buff *skb;

	if (!a)
		a = &none;
	skb = nlmsg_new(sizeof(struct ifinfomsg) + link_attrs_size(a) +
			(name ? nla_total_size(strlen(name) + 1) : 0), GFP_KERNEL);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	nlh = nlmsg_put(skb, 0, 0, type, sizeof(struct ifinfomsg), NLM_F_REQUEST | NLM_F_ACK);
	if (!nlh)
		goto nospace;
	link_fill_ifinfomsg(nlmsg_data(nlh), a);
	((struct ifinfomsg *)nlmsg_data(nlh))->ifi_index = ifindex;
	if (name && nla_put_string(skb, IFLA_IFNAME, name))
		goto nospace;
	if (link_put_attrs(skb, a, false))
		goto nospace;
	nlmsg_end(skb, nlh);
	return skb;

nospace:
	nlmsg_free(skb);
	return ERR_PTR(-EMSGSIZE);
}

/**
 * krt_link_add - create a device of kind @req->kind ("ip link add")
 * @net: namespace, NULL for init_net
 * @req: kind and attributes of the device (and of its peer, for veth)
 * @extack: receives the kernel's reason on failure, may be NULL
 *
 * Returns 0, -EEXIST when the name is taken, -EOPNOTSUPP for an unknown kind, or the error of
 * the kind's validate/newlink or of registration.
 */
int krt_link_add(struct net *net, const struct krt_link_req *req, struct netlink_ext_ack *extack)
{
	struct sk_buff *skb;
	int err;

	if (!req->kind)
		return -EINVAL;
	skb = link_build_newlink(req);
	if (IS_ERR(skb))
		return PTR_ERR(skb);
	rtnl_lock();
	err = rtnl_newlink(net ?: &init_net, nlmsg_hdr(skb), extack);
	rtnl_unlock();
	nlmsg_free(skb);
	return err;
}

static int link_del(struct net *net, struct sk_buff *skb, struct netlink_ext_ack *extack)
{
	int err;

	if (IS_ERR(skb))
		return PTR_ERR(skb);
	rtnl_lock();
	err = rtnl_dellink(net ?: &init_net, nlmsg_hdr(skb), extack);
	/* The deleted devices are waited for and freed here. */
	rtnl_unlock();
	nlmsg_free(skb);
	return err;
}

/**
 * krt_link_del - delete a device through its kind's dellink ("ip link del NAME")
 * @net: namespace, NULL for init_net
 * @name: device name
 * @extack: receives the kernel's reason on failure, may be NULL
 *
 * Deleting one end of a veth pair deletes both. When it returns the devices are unregistered
 * and (with needs_free_netdev) freed. Returns 0, -ENODEV, or -EOPNOTSUPP for a device that was
 * not created through rtnl_link_ops.
 */
int krt_link_del(struct net *net, const char *name, struct netlink_ext_ack *extack)
{
	return link_del(net, link_build_req(RTM_DELLINK, 0, NULL, name), extack);
}

/**
 * krt_link_del_group - delete every device of a group as one batch ("ip link del group N")
 * @net: namespace, NULL for init_net
 * @group: device group (not 0, the default group: -EPERM)
 * @extack: receives the kernel's reason on failure, may be NULL
 *
 * Returns 0, -ENODEV when no device is in the group, or -EOPNOTSUPP (nothing deleted) when one
 * of them has no dellink.
 */
int krt_link_del_group(struct net *net, unsigned int group, struct netlink_ext_ack *extack)
{
	struct krt_link_attrs a = { .group = group, .zero = KRT_LINK_GROUP };

	return link_del(net, link_build_req(RTM_DELLINK, 0, &a, NULL), extack);
}

/**
 * krt_link_set - change a device ("ip link set dev NAME ...")
 * @net: namespace, NULL for init_net
 * @name: the device
 * @attrs: what to change: name (a rename), address, mtu, group, txqlen, up or down (NULL:
 *	   nothing, the device is only looked up)
 * @extack: receives the kernel's reason on failure, may be NULL
 *
 * Changes are applied in the kernel's order (address, MTU, group, name, flags, txqlen) and a
 * failure leaves the earlier ones in place, as the kernel does. Returns 0, -ENODEV, or the
 * error of the first change that failed.
 */
int krt_link_set(struct net *net, const char *name, const struct krt_link_attrs *attrs,
		 struct netlink_ext_ack *extack)
{
	static const struct krt_link_attrs none;
	struct net_device *dev;
	struct sk_buff *skb;
	int err;

	if (!attrs)
		attrs = &none;
	if (attrs->up && attrs->down)
		return -EINVAL;
	if (!net)
		net = &init_net;

	rtnl_lock();
	/* As iproute2: the device is named by its index, so IFLA_IFNAME can rename it. */
	dev = __dev_get_by_name(net, name);
	if (!dev) {
		err = -ENODEV;
		goto unlock;
	}
	skb = link_build_req(RTM_SETLINK, dev->ifindex, attrs, NULL);
	if (IS_ERR(skb)) {
		err = PTR_ERR(skb);
		goto unlock;
	}
	err = rtnl_setlink(net, nlmsg_hdr(skb), extack);
	nlmsg_free(skb);
unlock:
	rtnl_unlock();
	return err;
}

/* ---- RTM_GETLINK and "ip link show" ---------------------------------------------------------- */

/* The message of one device, and what iproute2's link cache knows about the device it links to. */
struct link_show_ent {
	struct sk_buff *skb;
	int ifindex;
	char link_name[IFNAMSIZ];
	unsigned int link_flags;
};

static size_t if_nlmsg_size(const struct net_device *dev)
{
	return NLMSG_ALIGN(sizeof(struct ifinfomsg)) +
	       nla_total_size(IFNAMSIZ) +		/* IFLA_IFNAME */
	       2 * nla_total_size(MAX_ADDR_LEN) +	/* IFLA_ADDRESS, IFLA_BROADCAST */
	       nla_total_size(IFNAMSIZ) +		/* IFLA_QDISC */
	       12 * nla_total_size(sizeof(u32)) +	/* the numbers */
	       3 * nla_total_size(sizeof(u8)) +	/* OPERSTATE, LINKMODE, CARRIER */
	       nla_total_size(0) +			/* IFLA_LINKINFO */
	       nla_total_size(MODULE_NAME_LEN);		/* IFLA_INFO_KIND */
}

/* rtnl_fill_ifinfo(): the RTM_NEWLINK message describing @dev (RTNL held). */
static int rtnl_fill_ifinfo(struct sk_buff *skb, struct net_device *dev)
{
	struct ifinfomsg *ifm;
	struct nlmsghdr *nlh;
	int iflink;

	ASSERT_RTNL();
	nlh = nlmsg_put(skb, 0, 0, RTM_NEWLINK, sizeof(*ifm), 0);
	if (!nlh)
		return -EMSGSIZE;
	ifm = nlmsg_data(nlh);
	ifm->ifi_family = AF_UNSPEC;
	ifm->ifi_type = dev->type;
	ifm->ifi_index = dev->ifindex;
	ifm->ifi_flags = dev_get_flags(dev);
	ifm->ifi_change = 0;

	if (nla_put_string(skb, IFLA_IFNAME, dev->name) ||
	    nla_put_u32(skb, IFLA_TXQLEN, READ_ONCE(dev->tx_queue_len)) ||
	    nla_put_u8(skb, IFLA_OPERSTATE,
		       netif_running(dev) ? READ_ONCE(dev->operstate) : IF_OPER_DOWN) ||
	    nla_put_u8(skb, IFLA_LINKMODE, READ_ONCE(dev->link_mode)) ||
	    nla_put_u32(skb, IFLA_MTU, READ_ONCE(dev->mtu)) ||
	    nla_put_u32(skb, IFLA_MIN_MTU, READ_ONCE(dev->min_mtu)) ||
	    nla_put_u32(skb, IFLA_MAX_MTU, READ_ONCE(dev->max_mtu)) ||
	    nla_put_u32(skb, IFLA_GROUP, READ_ONCE(dev->group)) ||
	    nla_put_u32(skb, IFLA_NUM_TX_QUEUES, dev->num_tx_queues) ||
	    nla_put_u32(skb, IFLA_NUM_RX_QUEUES, dev->num_rx_queues) ||
	    nla_put_u8(skb, IFLA_CARRIER, netif_carrier_ok(dev)))
		goto nla_put_failure;

	/*
	 * krt has no qdiscs; every device transmits as the kernel's noqueue devices do, and a
	 * device that is down has the noop qdisc.
	 */
	if (nla_put_string(skb, IFLA_QDISC, (dev->flags & IFF_UP) ? "noqueue" : "noop"))
		goto nla_put_failure;

	iflink = dev_get_iflink(dev);
	if (iflink != dev->ifindex && nla_put_u32(skb, IFLA_LINK, iflink))
		goto nla_put_failure;

	if (dev->addr_len) {
		if (nla_put(skb, IFLA_ADDRESS, dev->addr_len, dev->dev_addr) ||
		    nla_put(skb, IFLA_BROADCAST, dev->addr_len, dev->broadcast))
			goto nla_put_failure;
	}

	if (dev->rtnl_link_ops) {
		struct nlattr *linkinfo = nla_nest_start_noflag(skb, IFLA_LINKINFO);

		if (!linkinfo || nla_put_string(skb, IFLA_INFO_KIND, dev->rtnl_link_ops->kind))
			goto nla_put_failure;
		nla_nest_end(skb, linkinfo);
	}
	nlmsg_end(skb, nlh);
	return 0;

nla_put_failure:
	nlmsg_cancel(skb, nlh);
	return -EMSGSIZE;
}

static int link_show_fill(struct net *net, struct net_device *dev, struct link_show_ent *ent)
{
	int iflink, err;

	ent->skb = nlmsg_new(if_nlmsg_size(dev), GFP_KERNEL);
	if (!ent->skb)
		return -ENOMEM;
	/*
	 * Report the carrier state the device will honour: apply its pending link event first,
	 * as the kernel's RTM_GETLINK does. krt does it for dumps too, so that a script sees what
	 * the kernel's immediate linkwatch run would have shown by its next command.
	 */
	linkwatch_sync_dev(dev);
	err = rtnl_fill_ifinfo(ent->skb, dev);
	if (WARN_ON(err < 0))
		return err;
	ent->ifindex = dev->ifindex;
	ent->link_name[0] = '\0';
	ent->link_flags = 0;
	iflink = dev_get_iflink(dev);
	if (iflink && iflink != dev->ifindex) {
		struct net_device *link = __dev_get_by_index(net, iflink);

		if (link) {
			strscpy(ent->link_name, link->name, IFNAMSIZ);
			ent->link_flags = dev_get_flags(link);
		} else {
			snprintf(ent->link_name, IFNAMSIZ, "if%d", iflink);
		}
	}
	return 0;
}

static int link_show_cmp(const void *a, const void *b)
{
	const struct link_show_ent *x = a, *y = b;

	return x->ifindex - y->ifindex;
}

/* Text being printed; @len counts what did not fit too. */
struct link_show_buf {
	char *buf;
	size_t size;
	size_t len;
};

static __printf(2, 3) void out(struct link_show_buf *sb, const char *fmt, ...)
{
	size_t room = sb->len < sb->size ? sb->size - sb->len : 0;
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(room ? sb->buf + sb->len : NULL, room, fmt, args);
	va_end(args);
	if (n > 0)
		sb->len += n;
}

static const char *const oper_states[] = {
	"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
};

static const struct {
	unsigned short type;
	const char *name;
} ll_types[] = {
	{ ARPHRD_ETHER, "ether" },
	{ ARPHRD_LOOPBACK, "loopback" },
	{ ARPHRD_NONE, "none" },
	{ ARPHRD_VOID, "void" },
	{ ARPHRD_PPP, "ppp" },
	{ ARPHRD_TUNNEL, "ipip" },
	{ ARPHRD_TUNNEL6, "tunnel6" },
	{ ARPHRD_SIT, "sit" },
	{ ARPHRD_IPGRE, "gre" },
	{ ARPHRD_IEEE802, "ieee802" },
};

/* The flags as iproute2 lists them, in its order. */
static void show_flags(struct link_show_buf *sb, unsigned int flags, bool mdown)
{
	static const struct {
		unsigned int flag;
		const char *name;
	} names[] = {
		{ IFF_LOOPBACK, "LOOPBACK" }, { IFF_BROADCAST, "BROADCAST" },
		{ IFF_POINTOPOINT, "POINTOPOINT" }, { IFF_MULTICAST, "MULTICAST" },
		{ IFF_NOARP, "NOARP" }, { IFF_ALLMULTI, "ALLMULTI" }, { IFF_PROMISC, "PROMISC" },
		{ IFF_MASTER, "MASTER" }, { IFF_SLAVE, "SLAVE" }, { IFF_DEBUG, "DEBUG" },
		{ IFF_DYNAMIC, "DYNAMIC" }, { IFF_AUTOMEDIA, "AUTOMEDIA" },
		{ IFF_PORTSEL, "PORTSEL" }, { IFF_NOTRAILERS, "NOTRAILERS" }, { IFF_UP, "UP" },
		{ IFF_LOWER_UP, "LOWER_UP" }, { IFF_DORMANT, "DORMANT" }, { IFF_ECHO, "ECHO" },
	};
	unsigned int i;

	out(sb, "<");
	if ((flags & IFF_UP) && !(flags & IFF_RUNNING))
		out(sb, flags ? "%s," : "%s", "NO-CARRIER");
	flags &= ~IFF_RUNNING;
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (flags & names[i].flag) {
			flags &= ~names[i].flag;
			out(sb, flags ? "%s," : "%s", names[i].name);
		}
	}
	if (flags)
		out(sb, "%x", flags);
	if (mdown)
		out(sb, ",%s", "M-DOWN");
	out(sb, "> ");
}

static void show_lladdr(struct link_show_buf *sb, const struct nlattr *nla)
{
	const u8 *addr = nla_data(nla);
	int i;

	for (i = 0; i < nla_len(nla); i++)
		out(sb, i ? ":%02x" : "%02x", addr[i]);
}

/* print_linkinfo() of "ip link show", from the RTM_NEWLINK message. */
static void link_show_one(struct link_show_buf *sb, const struct link_show_ent *ent)
{
	struct nlmsghdr *nlh = nlmsg_hdr(ent->skb);
	struct ifinfomsg *ifm = nlmsg_data(nlh);
	struct nlattr *tb[IFLA_MAX + 1];
	const char *type = NULL;
	bool mdown = false;
	unsigned int i;

	if (nlmsg_parse_deprecated(nlh, sizeof(*ifm), tb, IFLA_MAX, NULL, NULL) < 0 ||
	    !tb[IFLA_IFNAME])
		return;

	out(sb, "%d: ", ifm->ifi_index);
	if (tb[IFLA_LINK] && nla_get_u32(tb[IFLA_LINK])) {
		out(sb, "%s@%s: ", (char *)nla_data(tb[IFLA_IFNAME]), ent->link_name);
		mdown = !(ent->link_flags & IFF_UP);
	} else if (tb[IFLA_LINK]) {
		out(sb, "%s@NONE: ", (char *)nla_data(tb[IFLA_IFNAME]));
	} else {
		out(sb, "%s: ", (char *)nla_data(tb[IFLA_IFNAME]));
	}
	show_flags(sb, ifm->ifi_flags, mdown);
	if (tb[IFLA_MTU])
		out(sb, "mtu %u ", nla_get_u32(tb[IFLA_MTU]));
	if (tb[IFLA_QDISC])
		out(sb, "qdisc %s ", (char *)nla_data(tb[IFLA_QDISC]));
	if (tb[IFLA_OPERSTATE]) {
		u8 state = nla_get_u8(tb[IFLA_OPERSTATE]);

		if (state < ARRAY_SIZE(oper_states))
			out(sb, "state %s ", oper_states[state]);
		else
			out(sb, "state %#x ", state);
	}
	if (tb[IFLA_LINKMODE]) {
		u8 mode = nla_get_u8(tb[IFLA_LINKMODE]);

		if (mode == IF_LINK_MODE_DEFAULT)
			out(sb, "mode DEFAULT ");
		else if (mode == IF_LINK_MODE_DORMANT)
			out(sb, "mode DORMANT ");
		else
			out(sb, "mode %d ", mode);
	}
	if (tb[IFLA_GROUP]) {
		u32 group = nla_get_u32(tb[IFLA_GROUP]);

		if (group)
			out(sb, "group %u ", group);
		else
			out(sb, "group default ");
	}
	if (tb[IFLA_TXQLEN] && nla_get_u32(tb[IFLA_TXQLEN]))
		out(sb, "qlen %u", nla_get_u32(tb[IFLA_TXQLEN]));

	for (i = 0; i < ARRAY_SIZE(ll_types); i++)
		if (ll_types[i].type == ifm->ifi_type)
			type = ll_types[i].name;
	if (type)
		out(sb, "\n    link/%s ", type);
	else
		out(sb, "\n    link/[%u] ", ifm->ifi_type);
	if (tb[IFLA_ADDRESS])
		show_lladdr(sb, tb[IFLA_ADDRESS]);
	if (tb[IFLA_BROADCAST]) {
		out(sb, (ifm->ifi_flags & IFF_POINTOPOINT) ? " peer " : " brd ");
		show_lladdr(sb, tb[IFLA_BROADCAST]);
	}
	out(sb, "\n");
}

/**
 * krt_link_show - "ip link show [dev NAME]" as text
 * @net: namespace, NULL for init_net
 * @name: one device, or NULL for all of @net (in ifindex order)
 * @buf: output, NUL-terminated when @size > 0
 * @size: size of @buf
 *
 * The devices are described under RTNL (RTM_GETLINK messages) and printed after it is dropped.
 * Returns the length of the whole text (larger than @size - 1 when it was cut short),
 * -ENODEV when @name does not exist, or -ENOMEM.
 */
ssize_t krt_link_show(struct net *net, const char *name, char *buf, size_t size)
{
	struct link_show_buf sb = { .buf = buf, .size = size };
	struct link_show_ent *ents = NULL;
	struct net_device *dev;
	unsigned int nr = 0, i;
	ssize_t ret = 0;

	if (!net)
		net = &init_net;
	if (size)
		buf[0] = '\0';

	rtnl_lock();
	if (name) {
		dev = __dev_get_by_name(net, name);
		if (!dev) {
			ret = -ENODEV;
			goto unlock;
		}
		ents = kzalloc(sizeof(*ents), GFP_KERNEL);
		if (!ents) {
			ret = -ENOMEM;
			goto unlock;
		}
		nr = 1;
		ret = link_show_fill(net, dev, &ents[0]);
	} else {
		unsigned int count = 0;

		for_each_netdev(net, dev)
			count++;
		ents = kcalloc(count ?: 1, sizeof(*ents), GFP_KERNEL);
		if (!ents) {
			ret = -ENOMEM;
			goto unlock;
		}
		for_each_netdev(net, dev) {
			ret = link_show_fill(net, dev, &ents[nr++]);
			if (ret)
				break;
		}
	}
unlock:
	rtnl_unlock();

	if (!ret) {
		sort(ents, nr, sizeof(*ents), link_show_cmp, NULL);
		for (i = 0; i < nr; i++)
			link_show_one(&sb, &ents[i]);
		ret = sb.len;
	}
	for (i = 0; i < nr; i++)
		kfree_skb(ents[i].skb);
	kfree(ents);
	return ret;
}
