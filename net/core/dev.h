/* SPDX-License-Identifier: MIT */
/* Private interfaces between the files of net/core (as the kernel's net/core/dev.h). */
#ifndef _KRT_NET_CORE_DEV_H
#define _KRT_NET_CORE_DEV_H

#include <linux/netdevice.h>

/* net/core/dev.c */
void list_netdevice(struct net_device *dev);
void unlist_netdevice(struct net_device *dev);
void unregister_netdevice_many_notify(struct list_head *head, u32 portid,
				      const struct nlmsghdr *nlh);
extern atomic_long_t netdev_live_count;	/* struct net_device allocated, not yet released */
extern struct list_head net_todo_list;

/* net/core/dev_name.c */
unsigned int netdev_name_hash_bucket(const char *name);
int netdev_name_hash_init(struct net *net);
void netdev_name_hash_free(struct net *net);
int dev_index_reserve(struct net *net, int ifindex);
void dev_index_release(struct net *net, int ifindex);

/* net/core/dev_notify.c */
int call_netdevice_notifiers_mtu(unsigned long val, struct net_device *dev, u32 arg);
int call_netdevice_register_net_notifiers(struct notifier_block *nb, struct net *net);
void call_netdevice_unregister_net_notifiers(struct notifier_block *nb, struct net *net);

unsigned long krt_synchronize_net_count(void);

/* net/core/link_watch.c */
void linkwatch_init_dev(struct net_device *dev);
void linkwatch_fire_event(struct net_device *dev);
void linkwatch_run_queue(void);
void linkwatch_sync_dev(struct net_device *dev);

/* net/core/dev_rx.c: drop the packets of @dev still waiting in the receive backlog. */
void dev_rx_flush_backlog(struct net_device *dev);

/* net/core/net-sysfs.c: /sys/class/net/<name>/ */
int netdev_register_kobject(struct net_device *dev);
void netdev_unregister_kobject(struct net_device *dev);
int netdev_rename_kobject(struct net_device *dev);
void netdev_release(struct device *d);


/* net/core/rtnetlink.c */
void rtnl_link_unregister_all_net(struct net *net, struct list_head *dev_kill_list);
int rtnl_newlink_create(struct net *net, const struct rtnl_link_ops *ops, struct ifinfomsg *ifm,
			struct nlattr **tb, struct nlattr **data, struct netlink_ext_ack *extack);
int rtnl_group_dellink(const struct net *net, int group);

#endif /* _KRT_NET_CORE_DEV_H */
