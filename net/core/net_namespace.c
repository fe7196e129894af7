// SPDX-License-Identifier: MIT
/*
 * Network namespaces. init_net is static and always there; krt_net_create() (copy_net_ns())
 * makes more. The last put_net() tears a namespace down from a work item: its devices are
 * unregistered as one batch, then the pernet exit hooks run and the struct goes after a grace
 * period. pernet_operations give subsystems per-namespace state.
 */
#include <linux/netdevice.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/rwsem.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <krt/leak.h>
#include "net/core/dev.h"

DECLARE_RWSEM(pernet_ops_rwsem);
struct list_head net_namespace_list = { &init_net.list, &init_net.list };
static LIST_HEAD(pernet_list);
static atomic_t net_ns_count = ATOMIC_INIT(0);
static unsigned int net_ns_inum = 0xf0000000;	/* proc_ns inode numbers start high */

static struct hlist_head init_net_name_head[NETDEV_HASHENTRIES];
static struct hlist_head init_net_index_head[NETDEV_HASHENTRIES];
static struct {
	struct hlist_head head[NETDEV_HASHENTRIES];
} init_net_ifindex_table;

struct net init_net = {
	.passive = REFCOUNT_INIT(1),
	.ns.count = REFCOUNT_INIT(1),
	.ns.inum = 0xf0000000,
	.list = { &net_namespace_list, &net_namespace_list },
	.exit_list = LIST_HEAD_INIT(init_net.exit_list),
	.dev_base_head = LIST_HEAD_INIT(init_net.dev_base_head),
	.dev_name_head = init_net_name_head,
	.dev_index_head = init_net_index_head,
	.krt_ifindex_table = &init_net_ifindex_table,
	.netdev_chain = RAW_NOTIFIER_INIT(init_net.netdev_chain),
	.krt_name = "init_net",
};

static struct workqueue_struct *netns_wq;

static int ops_init(const struct pernet_operations *ops, struct net *net)
{
	return ops->init ? ops->init(net) : 0;
}

static void ops_exit(const struct pernet_operations *ops, struct net *net)
{
	LIST_HEAD(one);

	if (ops->pre_exit)
		ops->pre_exit(net);
	if (ops->exit)
		ops->exit(net);
	if (ops->exit_batch) {
		list_add(&net->exit_list, &one);
		ops->exit_batch(&one);
		list_del_init(&net->exit_list);
	}
}

/* Unregister every device of @net in one batch (default_device_exit_batch in the kernel). */
static void net_unregister_devices(struct net *net)
{
	LIST_HEAD(dev_kill_list);

	rtnl_lock();
	rtnl_link_unregister_all_net(net, &dev_kill_list);
	unregister_netdevice_many(&dev_kill_list);
	rtnl_unlock();
}

/**
 * krt_net_create - create a network namespace (what unshare(CLONE_NEWNET) does to a task)
 *
 * Returns the namespace with one reference (put_net() it), or an ERR_PTR.
 */
struct net *krt_net_create(void)
{
	struct pernet_operations *ops;
	struct net *net;
	int err;

	net = kzalloc(sizeof(*net), GFP_KERNEL);
	if (!net)
		return ERR_PTR(-ENOMEM);
	refcount_set(&net->passive, 1);
	refcount_set(&net->ns.count, 1);
	INIT_LIST_HEAD(&net->dev_base_head);
	INIT_LIST_HEAD(&net->exit_list);
	RAW_INIT_NOTIFIER_HEAD(&net->netdev_chain);
	err = netdev_name_hash_init(net);
	if (err) {
		kfree(net);
		return ERR_PTR(err);
	}

	down_write(&pernet_ops_rwsem);
	list_for_each_entry(ops, &pernet_list, list) {
		err = ops_init(ops, net);
		if (err) {
			list_for_each_entry_continue_reverse(ops, &pernet_list, list)
				ops_exit(ops, net);
			up_write(&pernet_ops_rwsem);
			netdev_name_hash_free(net);
			kfree(net);
			return ERR_PTR(err);
		}
	}
	rtnl_lock();
	net->ns.inum = ++net_ns_inum;
	snprintf(net->krt_name, sizeof(net->krt_name), "net:[%u]", net->ns.inum);
	list_add_tail_rcu(&net->list, &net_namespace_list);
	__rtnl_unlock();
	up_write(&pernet_ops_rwsem);
	atomic_inc(&net_ns_count);
	return net;
}

/**
 * copy_net_ns - the kernel's entry point: a new namespace when CLONE_NEWNET is in @flags
 * @flags: clone flags
 * @user_ns: owning user namespace (unused)
 * @old_net: the current namespace
 */
struct net *copy_net_ns(unsigned long flags, struct user_namespace *user_ns, struct net *old_net)
{
	if (!(flags & CLONE_NEWNET))
		return get_net(old_net);
	return krt_net_create();
}

static void net_free(struct rcu_head *head)
{
	struct net *net = container_of(head, struct net, krt_rcu);

	netdev_name_hash_free(net);
	kfree(net);
}

static void cleanup_net(struct work_struct *work)
{
	struct net *net = container_of(work, struct net, cleanup_work);
	struct pernet_operations *ops;

	down_read(&pernet_ops_rwsem);
	rtnl_lock();
	list_del_rcu(&net->list);
	__rtnl_unlock();
	synchronize_rcu();

	net_unregister_devices(net);
	list_for_each_entry_reverse(ops, &pernet_list, list)
		ops_exit(ops, net);
	up_read(&pernet_ops_rwsem);

	WARN_ON(!list_empty(&net->dev_base_head));
	atomic_dec(&net_ns_count);
	if (refcount_dec_and_test(&net->passive))
		call_rcu(&net->krt_rcu, net_free);
}

/**
 * __put_net - the last reference to @net is gone: tear it down from a work item
 * @net: namespace (not init_net)
 */
void __put_net(struct net *net)
{
	if (WARN_ON(net == &init_net))
		return;
	net->dying = true;
	INIT_WORK(&net->cleanup_work, cleanup_net);
	queue_work(netns_wq, &net->cleanup_work);
}

/**
 * net_ns_barrier - wait for every namespace teardown queued so far
 */
void net_ns_barrier(void)
{
	if (netns_wq)
		flush_workqueue(netns_wq);
}

/**
 * krt_net_count - namespaces alive besides init_net
 */
int krt_net_count(void)
{
	return atomic_read(&net_ns_count);
}

static int register_pernet(struct pernet_operations *ops)
{
	struct net *net;
	int err = 0;

	down_write(&pernet_ops_rwsem);
	list_add_tail(&ops->list, &pernet_list);
	for_each_net(net) {
		err = ops_init(ops, net);
		if (err)
			break;
	}
	if (err) {
		list_for_each_entry_continue_reverse(net, &net_namespace_list, list)
			ops_exit(ops, net);
		list_del(&ops->list);
	}
	up_write(&pernet_ops_rwsem);
	return err;
}

static void unregister_pernet(struct pernet_operations *ops)
{
	struct net *net;

	down_write(&pernet_ops_rwsem);
	list_del(&ops->list);
	for_each_net(net)
		ops_exit(ops, net);
	up_write(&pernet_ops_rwsem);
}

/**
 * register_pernet_subsys - add per-namespace hooks; init runs for every existing namespace
 * @ops: hooks
 */
int register_pernet_subsys(struct pernet_operations *ops)
{
	return register_pernet(ops);
}

/**
 * unregister_pernet_subsys - remove per-namespace hooks; exit runs for every namespace
 * @ops: hooks
 */
void unregister_pernet_subsys(struct pernet_operations *ops)
{
	unregister_pernet(ops);
}

/**
 * register_pernet_device - as register_pernet_subsys(), for device drivers
 * @ops: hooks
 */
int register_pernet_device(struct pernet_operations *ops)
{
	return register_pernet(ops);
}

/**
 * unregister_pernet_device - as unregister_pernet_subsys(), for device drivers
 * @ops: hooks
 */
void unregister_pernet_device(struct pernet_operations *ops)
{
	unregister_pernet(ops);
}

static long netns_leak_read(void)
{
	return atomic_read(&net_ns_count);
}

static struct krt_leak_counter netns_leak_counter = {
	.name = "net namespaces",
	.read = netns_leak_read,
	.settle = net_ns_barrier,
};

static int __init net_ns_init(void)
{
	netns_wq = alloc_ordered_workqueue("netns", WQ_MEM_RECLAIM);
	if (!netns_wq)
		return -ENOMEM;
	krt_leak_counter_register(&netns_leak_counter);
	return 0;
}
core_initcall(net_ns_init);
