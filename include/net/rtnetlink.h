/* SPDX-License-Identifier: MIT */
/*
 * rtnl_link_ops: how a kind of virtual device ("dummy", "veth") is created and deleted. krt has
 * no netlink socket; <krt/link.h> is the in-process RTM_NEWLINK/RTM_DELLINK.
 */
#ifndef _KRT_NET_RTNETLINK_H
#define _KRT_NET_RTNETLINK_H

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

struct nlattr;
struct nla_policy;

struct rtnl_link_ops {
	struct list_head list;
	const char *kind;
	size_t priv_size;
	struct net_device *(*alloc)(struct nlattr *tb[], const char *ifname,
				    unsigned char name_assign_type, unsigned int num_tx_queues,
				    unsigned int num_rx_queues);
	void (*setup)(struct net_device *dev);
	bool netns_refund;
	unsigned int maxtype;
	const struct nla_policy *policy;
	int (*validate)(struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack);
	int (*newlink)(struct net *src_net, struct net_device *dev, struct nlattr *tb[],
		       struct nlattr *data[], struct netlink_ext_ack *extack);
	int (*changelink)(struct net_device *dev, struct nlattr *tb[], struct nlattr *data[],
			  struct netlink_ext_ack *extack);
	void (*dellink)(struct net_device *dev, struct list_head *head);
	size_t (*get_size)(const struct net_device *dev);
	struct net *(*get_link_net)(const struct net_device *dev);
	unsigned int (*get_num_tx_queues)(void);
	unsigned int (*get_num_rx_queues)(void);
};

int __rtnl_link_register(struct rtnl_link_ops *ops);
void __rtnl_link_unregister(struct rtnl_link_ops *ops);
int rtnl_link_register(struct rtnl_link_ops *ops);
void rtnl_link_unregister(struct rtnl_link_ops *ops);
const struct rtnl_link_ops *rtnl_link_ops_get(const char *kind);

struct net_device *rtnl_create_link(struct net *net, const char *ifname,
				    unsigned char name_assign_type,
				    const struct rtnl_link_ops *ops, struct nlattr *tb[],
				    struct netlink_ext_ack *extack);
int rtnl_configure_link(struct net_device *dev, const struct ifinfomsg *ifm, u32 portid,
			const struct nlmsghdr *nlh);
int rtnl_delete_link(struct net_device *dev, u32 portid, const struct nlmsghdr *nlh);
int rtnl_nla_parse_ifinfomsg(struct nlattr **tb, const struct nlattr *nla_peer,
			     struct netlink_ext_ack *exterr);

#define MODULE_ALIAS_RTNL_LINK(kind)

#endif /* _KRT_NET_RTNETLINK_H */
