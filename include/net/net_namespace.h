/* SPDX-License-Identifier: MIT */
/*
 * Network namespaces: each has its own device list, name and ifindex tables and notifier chain.
 * init_net always exists; copy_net_ns()/put_net() make and drop others. Destroying a namespace
 * unregisters its devices as one batch (default_device_exit_batch in the kernel).
 */
#ifndef _KRT_NET_NET_NAMESPACE_H
#define _KRT_NET_NET_NAMESPACE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/notifier.h>
#include <linux/refcount.h>
#include <linux/ref_tracker.h>
#include <linux/types.h>
#include <linux/rwsem.h>
#include <linux/workqueue.h>
#include <net/net_trackers.h>

#define NETDEV_HASHBITS		8
#define NETDEV_HASHENTRIES	(1 << NETDEV_HASHBITS)

struct ns_common {
	refcount_t count;
	unsigned int inum;
};

struct net {
	refcount_t passive;			/* keeps the struct, not the namespace */
	struct ns_common ns;
	struct list_head list;			/* net_namespace_list */
	struct list_head exit_list;
	struct list_head dev_base_head;
	struct hlist_head *dev_name_head;
	struct hlist_head *dev_index_head;
	void *krt_ifindex_table;		/* reserved ifindexes */
	int ifindex;				/* last ifindex given (cyclic allocation) */
	unsigned int dev_base_seq;
	struct raw_notifier_head netdev_chain;
	struct work_struct cleanup_work;
	bool dying;
	struct rcu_head krt_rcu;
	char krt_name[32];			/* for messages: "init_net" or "net:[N]" */
};

extern struct net init_net;
extern struct list_head net_namespace_list;
/* Held (for writing) while pernet operations or link kinds come and go. */
extern struct rw_semaphore pernet_ops_rwsem;

struct user_namespace;
struct net *copy_net_ns(unsigned long flags, struct user_namespace *user_ns, struct net *old_net);
struct net *krt_net_create(void);
void __put_net(struct net *net);
struct net *get_net_ns_by_id(const struct net *net, int id);

/**
 * get_net - take a reference on a namespace
 * @net: namespace
 */
static inline struct net *get_net(struct net *net)
{
	refcount_inc(&net->ns.count);
	return net;
}

/**
 * maybe_get_net - take a reference unless the namespace is already dying
 * @net: namespace
 */
static inline struct net *maybe_get_net(struct net *net)
{
	if (!refcount_inc_not_zero(&net->ns.count))
		net = NULL;
	return net;
}

/**
 * put_net - drop a namespace reference; the last one tears the namespace down (from a work item)
 * @net: namespace
 */
static inline void put_net(struct net *net)
{
	if (refcount_dec_and_test(&net->ns.count))
		__put_net(net);
}

static inline bool net_eq(const struct net *a, const struct net *b)
{
	return a == b;
}

static inline int check_net(const struct net *net)
{
	return refcount_read(&net->ns.count) != 0;
}

void net_ns_barrier(void);
int krt_net_count(void);

/* Per-namespace subsystem hooks (a subset of struct pernet_operations). */
struct pernet_operations {
	struct list_head list;
	int (*init)(struct net *net);
	void (*pre_exit)(struct net *net);
	void (*exit)(struct net *net);
	void (*exit_batch)(struct list_head *net_exit_list);
	void (*exit_batch_rtnl)(struct list_head *net_exit_list, struct list_head *dev_kill_list);
	unsigned int * const id;
	const size_t size;
};

int register_pernet_subsys(struct pernet_operations *ops);
void unregister_pernet_subsys(struct pernet_operations *ops);
int register_pernet_device(struct pernet_operations *ops);
void unregister_pernet_device(struct pernet_operations *ops);

#define for_each_net(VAR)	list_for_each_entry(VAR, &net_namespace_list, list)
#define for_each_net_rcu(VAR)	list_for_each_entry_rcu(VAR, &net_namespace_list, list)

#endif /* _KRT_NET_NET_NAMESPACE_H */
