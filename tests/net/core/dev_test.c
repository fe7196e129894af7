// SPDX-License-Identifier: MIT
/*
 * struct net_device lifetime: the two flows of Documentation/networking/netdevices.rst written
 * as the document writes them, the order of ndo_init/ndo_uninit and of the notifier events,
 * every registration failure path, the deferred free, unregister misuse, a leaked reference
 * reported with its holder, batching of grace periods, names, indexes, MTU rules and
 * namespaces.
 */
#include <kunit/test.h>
#include <linux/netdevice.h>
#include <linux/completion.h>
#include <linux/etherdevice.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/rtnetlink.h>
#include <krt/kunit.h>
#include <krt/panic.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include "net/core/dev.h"

/* What happened, in order: one short word per event, separated by spaces. */
static char evlog[1024];

static void ev(const char *what)
{
	size_t len = strlen(evlog);

	snprintf(evlog + len, sizeof(evlog) - len, "%s%s", len ? " " : "", what);
}

static void ev_rtnl(const char *what)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%s%s", what, rtnl_is_locked() ? "+rtnl" : "");
	ev(buf);
}

struct tdev_priv {
	int init_ret;			/* what ndo_init returns */
	int open_ret;
	bool init_checks_hidden;	/* ndo_init asserts the device is not findable yet */
	struct kunit *test;
};

static int tdev_init(struct net_device *dev)
{
	struct tdev_priv *p = netdev_priv(dev);

	ev_rtnl("init");
	if (p->init_checks_hidden)
		KUNIT_EXPECT_NULL(p->test, __dev_get_by_name(dev_net(dev), dev->name));
	return p->init_ret;
}

static void tdev_uninit(struct net_device *dev)
{
	ev_rtnl("uninit");
}

static int tdev_open(struct net_device *dev)
{
	struct tdev_priv *p = netdev_priv(dev);

	ev("open");
	return p->open_ret;
}

static int tdev_open_plain(struct net_device *dev)
{
	ev("open");
	return 0;
}

static int tdev_stop(struct net_device *dev)
{
	ev("stop");
	return 0;
}

static netdev_tx_t tdev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops tdev_ops = {
	.ndo_init = tdev_init,
	.ndo_uninit = tdev_uninit,
	.ndo_open = tdev_open,
	.ndo_stop = tdev_stop,
	.ndo_start_xmit = tdev_xmit,
};

static void tdev_destructor(struct net_device *dev)
{
	ev_rtnl("destructor");
}

static void tdev_setup(struct net_device *dev)
{
	dev->netdev_ops = &tdev_ops;
	dev->mtu = 1500;
	dev->min_mtu = 68;
	dev->max_mtu = 9000;
}

static struct net_device *tdev_alloc(struct kunit *test, const char *name)
{
	struct net_device *dev = alloc_netdev(sizeof(struct tdev_priv), name, NET_NAME_USER,
					      tdev_setup);
	struct tdev_priv *p;

	KUNIT_ASSERT_NOT_NULL(test, dev);
	p = netdev_priv(dev);
	p->test = test;
	return dev;
}

/* A notifier that logs every event and can veto one. */
struct tnotifier {
	struct notifier_block nb;
	unsigned long veto_event;
	int veto_err;
	bool only_tdev;		/* ignore devices that are not ours */
};

static int tnotifier_call(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct tnotifier *t = container_of(nb, struct tnotifier, nb);
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	char buf[64];

	if (t->only_tdev && dev->netdev_ops != &tdev_ops)
		return NOTIFY_DONE;
	snprintf(buf, sizeof(buf), "%s", netdev_cmd_to_name(event));
	ev(buf);
	if (event == NETDEV_REGISTER) {
		/* Visible by name and index before NETDEV_REGISTER is sent. */
		if (__dev_get_by_name(dev_net(dev), dev->name) != dev)
			ev("NOT-VISIBLE");
	}
	if (t->veto_event == event)
		return notifier_from_errno(t->veto_err);
	return NOTIFY_DONE;
}

static void tnotifier_register(struct kunit *test, struct tnotifier *t)
{
	memset(t, 0, sizeof(*t));
	t->nb.notifier_call = tnotifier_call;
	t->only_tdev = true;
	KUNIT_ASSERT_EQ(test, register_netdevice_notifier(&t->nb), 0);
}

static int dev_test_init(struct kunit *test)
{
	evlog[0] = '\0';
	krt_clear_warn_once();
	return 0;
}

/* Flow 1 of the document: probe()/remove() of a simple driver, without RTNL held. */
struct my_device_priv {
	int setup_done;
};

static struct net_device *flow1_dev;

static const struct net_device_ops flow1_ops = {
	.ndo_open = tdev_open_plain,
	.ndo_stop = tdev_stop,
	.ndo_start_xmit = tdev_xmit,
};

static void flow1_setup(struct net_device *dev)
{
	ether_setup(dev);
	dev->netdev_ops = &flow1_ops;
}

static int probe(void)
{
	struct my_device_priv *priv;
	struct net_device *dev;
	int err;

	dev = alloc_netdev_mqs(sizeof(*priv), "myeth%d", NET_NAME_ENUM, flow1_setup, 1, 1);
	if (!dev)
		return -ENOMEM;
	priv = netdev_priv(dev);

	/* ... do all device setup before calling register_netdev() ... */
	priv->setup_done = 1;

	err = register_netdev(dev);
	if (err)
		goto err_undo;

	/* net_device is visible to the user! */
	flow1_dev = dev;
	return 0;

err_undo:
	/* ... undo the device setup ... */
	priv->setup_done = 0;
	free_netdev(dev);
	return err;
}

static void remove(void)
{
	unregister_netdev(flow1_dev);
	free_netdev(flow1_dev);
}

static void dev_seed_flow_simple_driver(struct kunit *test)
{
	struct net_device *found;
	int ifindex;

	KUNIT_ASSERT_EQ(test, probe(), 0);
	KUNIT_EXPECT_STREQ(test, flow1_dev->name, "myeth0");
	KUNIT_EXPECT_EQ(test, flow1_dev->reg_state, NETREG_REGISTERED);

	/* Visible right away: lookups find it and users can open it. */
	found = dev_get_by_name(&init_net, "myeth0");
	KUNIT_EXPECT_PTR_EQ(test, found, flow1_dev);
	ifindex = flow1_dev->ifindex;
	KUNIT_EXPECT_GT(test, ifindex, 0);
	KUNIT_EXPECT_PTR_EQ(test, dev_get_by_index_rcu(&init_net, ifindex), flow1_dev);
	dev_put(found);
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_open(flow1_dev, NULL), 0);
	rtnl_unlock();
	KUNIT_EXPECT_TRUE(test, flow1_dev->flags & IFF_UP);

	/* unregister_netdev() closes it; when it returns nobody uses it any more. */
	unregister_netdev(flow1_dev);
	KUNIT_EXPECT_EQ(test, flow1_dev->reg_state, NETREG_UNREGISTERED);
	KUNIT_EXPECT_FALSE(test, flow1_dev->flags & IFF_UP);
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(flow1_dev), 1);
	KUNIT_EXPECT_NULL(test, dev_get_by_name(&init_net, "myeth0"));
	KUNIT_EXPECT_NULL(test, dev_get_by_index(&init_net, ifindex));
	free_netdev(flow1_dev);
	KUNIT_EXPECT_STREQ(test, evlog, "open stop");

	/* remove() as the document writes it. */
	evlog[0] = '\0';
	KUNIT_ASSERT_EQ(test, probe(), 0);
	remove();
	KUNIT_EXPECT_STREQ(test, evlog, "");
}

/* Flow 2 of the document: a device created under RTNL, freed by the core. */
struct my_obj {
	int magic;
};

struct my_link_priv {
	struct my_obj *obj;
	int inited;
};

static int some_init_calls, some_uninit_calls, destructor_calls, destructor_with_rtnl;
static bool fail_some_obj_create;

static int some_init(struct my_link_priv *priv)
{
	some_init_calls++;
	priv->inited = 1;
	return 0;
}

static void some_uninit(struct my_link_priv *priv)
{
	some_uninit_calls++;
	priv->inited = 0;
}

static struct my_obj *some_obj_create(void)
{
	struct my_obj *obj;

	if (fail_some_obj_create)
		return NULL;
	obj = kzalloc(sizeof(*obj), GFP_KERNEL);
	if (obj)
		obj->magic = 0x5eed;
	return obj;
}

static void some_obj_destroy(struct my_obj *obj)
{
	WARN_ON(obj->magic != 0x5eed);
	kfree(obj);
}

static void my_setup(struct net_device *dev)
{
	dev->needs_free_netdev = true;
}

static void my_destructor(struct net_device *dev)
{
	struct my_link_priv *priv = netdev_priv(dev);

	destructor_calls++;
	destructor_with_rtnl += rtnl_is_locked();
	some_obj_destroy(priv->obj);
	some_uninit(priv);
}

static struct net_device *flow2_dev;

static int create_link(const char *name)
{
	struct my_link_priv *priv;
	struct net_device *dev;
	int err;

	ASSERT_RTNL();

	dev = alloc_netdev(sizeof(*priv), name, NET_NAME_UNKNOWN, my_setup);
	if (!dev)
		return -ENOMEM;
	priv = netdev_priv(dev);

	/* Implicit constructor */
	err = some_init(priv);
	if (err)
		goto err_free_dev;

	priv->obj = some_obj_create();
	if (!priv->obj) {
		err = -ENOMEM;
		goto err_some_uninit;
	}
	/* End of constructor, set the destructor: */
	dev->priv_destructor = my_destructor;

	err = register_netdevice(dev);
	if (err)
		/* register_netdevice() calls destructor on failure */
		goto err_free_dev;

	/* If anything fails now unregister_netdevice() (or unregister_netdev())
	 * will take care of calling my_destructor and free_netdev().
	 */
	flow2_dev = dev;
	return 0;

err_some_uninit:
	some_uninit(priv);
err_free_dev:
	free_netdev(dev);
	return err;
}

static void flow2_reset(void)
{
	some_init_calls = some_uninit_calls = destructor_calls = destructor_with_rtnl = 0;
	fail_some_obj_create = false;
}

static void dev_seed_flow_under_rtnl(struct kunit *test)
{
	long live = atomic_long_read(&netdev_live_count);
	struct net_device *held;

	flow2_reset();
	rtnl_lock();
	KUNIT_ASSERT_EQ(test, create_link("net%d"), 0);
	KUNIT_EXPECT_STREQ(test, flow2_dev->name, "net0");
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live + 1);

	/* Unregistering under RTNL: the destructor and the free wait for rtnl_unlock(). */
	held = flow2_dev;
	rtnl_lock();
	unregister_netdevice(held);
	KUNIT_EXPECT_EQ(test, held->reg_state, NETREG_UNREGISTERING);
	KUNIT_EXPECT_EQ(test, destructor_calls, 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);
	/* The todo runner calls priv_destructor after dropping RTNL. */
	KUNIT_EXPECT_EQ(test, destructor_with_rtnl, 0);
	KUNIT_EXPECT_EQ(test, some_uninit_calls, 1);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live);

	/* The constructor failing: the driver undoes and frees, no destructor ran. */
	flow2_reset();
	fail_some_obj_create = true;
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, create_link("net%d"), -ENOMEM);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, some_uninit_calls, 1);
	KUNIT_EXPECT_EQ(test, destructor_calls, 0);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live);
}

/* register_netdevice() failing calls the destructor, under RTNL; the caller frees. */
static void dev_seed_flow_register_failure_calls_destructor(struct kunit *test)
{
	long live = atomic_long_read(&netdev_live_count);
	struct tnotifier t;

	tnotifier_register(test, &t);
	t.only_tdev = false;
	t.veto_event = NETDEV_POST_INIT;
	t.veto_err = -EBUSY;
	flow2_reset();
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, create_link("net%d"), -EBUSY);
	KUNIT_EXPECT_EQ(test, destructor_calls, 1);
	KUNIT_EXPECT_EQ(test, destructor_with_rtnl, 1);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, some_uninit_calls, 1);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live);
	unregister_netdevice_notifier(&t.nb);
}

/* ndo_init runs under RTNL before the device is visible; the full order of both phases. */
static void dev_register_unregister_order(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "ord%d");
	struct tdev_priv *p = netdev_priv(dev);
	struct tnotifier t;

	p->init_checks_hidden = true;
	tnotifier_register(test, &t);
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	KUNIT_EXPECT_STREQ(test, evlog, "init+rtnl POST_INIT REGISTER");

	evlog[0] = '\0';
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_open(dev, NULL), 0);
	KUNIT_EXPECT_EQ(test, dev_open(dev, NULL), 0);	/* already up: nothing happens */
	rtnl_unlock();
	KUNIT_EXPECT_STREQ(test, evlog, "PRE_UP open UP");

	evlog[0] = '\0';
	unregister_netdev(dev);
	KUNIT_EXPECT_STREQ(test, evlog,
			   "GOING_DOWN stop DOWN UNREGISTER PRE_UNINIT uninit+rtnl");
	free_netdev(dev);
	unregister_netdevice_notifier(&t.nb);
}

static void expect_register_fails(struct kunit *test, const char *name, int err)
{
	long live = atomic_long_read(&netdev_live_count);
	struct net_device *dev = tdev_alloc(test, name);

	dev->priv_destructor = tdev_destructor;
	evlog[0] = '\0';
	KUNIT_EXPECT_EQ_MSG(test, register_netdev(dev), err, "name \"%s\"", name);
	/* A name error comes before ndo_init: no callback at all. */
	KUNIT_EXPECT_STREQ_MSG(test, evlog, "", "name \"%s\"", name);
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_UNINITIALIZED);
	free_netdev(dev);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live);
}

static void dev_register_name_errors(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "taken0");

	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	expect_register_fails(test, "taken0", -EEXIST);
	expect_register_fails(test, "", -EINVAL);
	expect_register_fails(test, ".", -EINVAL);
	expect_register_fails(test, "..", -EINVAL);
	expect_register_fails(test, "a/b", -EINVAL);
	expect_register_fails(test, "a:b", -EINVAL);
	expect_register_fails(test, "a b", -EINVAL);
	expect_register_fails(test, "a\tb", -EINVAL);
	expect_register_fails(test, "eth%d%d", -EINVAL);
	expect_register_fails(test, "eth%s", -EINVAL);
	expect_register_fails(test, "eth%", -EINVAL);
	unregister_netdev(dev);
	free_netdev(dev);
}

static void dev_register_ndo_init_failure(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "initfail%d");
	struct tdev_priv *p = netdev_priv(dev);

	dev->priv_destructor = tdev_destructor;
	p->init_ret = -ENOSPC;
	KUNIT_EXPECT_EQ(test, register_netdev(dev), -ENOSPC);
	/* No ndo_uninit and no priv_destructor when ndo_init failed. */
	KUNIT_EXPECT_STREQ(test, evlog, "init+rtnl");
	free_netdev(dev);

	/* A positive return from ndo_init is -EIO. */
	evlog[0] = '\0';
	dev = tdev_alloc(test, "initfail%d");
	p = netdev_priv(dev);
	p->init_ret = 1;
	KUNIT_EXPECT_EQ(test, register_netdev(dev), -EIO);
	free_netdev(dev);
}

static void dev_register_post_init_veto(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "veto%d");
	struct tnotifier t;

	tnotifier_register(test, &t);
	t.veto_event = NETDEV_POST_INIT;
	t.veto_err = -EPERM;
	dev->priv_destructor = tdev_destructor;
	KUNIT_EXPECT_EQ(test, register_netdev(dev), -EPERM);
	KUNIT_EXPECT_STREQ(test, evlog, "init+rtnl POST_INIT uninit+rtnl destructor+rtnl");
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_UNINITIALIZED);
	KUNIT_EXPECT_NULL(test, dev_get_by_name(&init_net, "veto0"));
	free_netdev(dev);
	unregister_netdevice_notifier(&t.nb);
}

/* A NETDEV_REGISTER veto unregisters the device; the caller's free_netdev() still works. */
static void dev_register_register_veto(struct kunit *test)
{
	long live = atomic_long_read(&netdev_live_count);
	struct net_device *dev = tdev_alloc(test, "rveto%d");
	struct tnotifier t;

	tnotifier_register(test, &t);
	t.veto_event = NETDEV_REGISTER;
	t.veto_err = -EADDRINUSE;
	dev->priv_destructor = tdev_destructor;
	dev->needs_free_netdev = true;	/* ignored: the caller frees after a failed register */
	KUNIT_EXPECT_EQ(test, register_netdev(dev), -EADDRINUSE);
	KUNIT_EXPECT_STREQ(test, evlog,
			   "init+rtnl POST_INIT REGISTER UNREGISTER PRE_UNINIT uninit+rtnl destructor");
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_UNREGISTERED);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live + 1);
	free_netdev(dev);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live);

	/* Under RTNL, free_netdev() right after the failure defers to the todo runner. */
	evlog[0] = '\0';
	dev = tdev_alloc(test, "rveto%d");
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, register_netdevice(dev), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_UNREGISTERING);
	free_netdev(dev);
	KUNIT_EXPECT_TRUE(test, dev->needs_free_netdev);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live + 1);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live);
	unregister_netdevice_notifier(&t.nb);
}

/* free_netdev() of a registered device is a BUG; the device is left intact. */
static struct net_device *bug_dev;

static void dev_inner_free_registered(struct kunit *test)
{
	free_netdev(bug_dev);
}

static struct kunit_case dev_inner_cases[] = {
	KUNIT_CASE(dev_inner_free_registered),
	{}
};

static struct kunit_suite dev_inner_suite = {
	.name = "netdev_inner",
	.test_cases = dev_inner_cases,
};

static void dev_free_registered_is_bug(struct kunit *test)
{
	struct kunit_krt_result result = {};

	bug_dev = tdev_alloc(test, "bug%d");
	KUNIT_ASSERT_EQ(test, register_netdev(bug_dev), 0);
	krt_printk_capture_begin(false);
	kunit_krt_capture_begin();
	kunit_run_suite_krt(&dev_inner_suite, &result);
	kunit_krt_capture_end();
	KUNIT_EXPECT_EQ(test, result.failed, 1UL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("kernel BUG at net/core/dev.c:"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, bug_dev->reg_state, NETREG_REGISTERED);
	KUNIT_EXPECT_PTR_EQ(test, dev_get_by_name_rcu(&init_net, "bug0"), bug_dev);
	unregister_netdev(bug_dev);
	free_netdev(bug_dev);
}

static void dev_unregister_twice_warns(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "twice%d");
	unsigned long warns;

	dev->needs_free_netdev = false;
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	krt_printk_capture_begin(false);
	rtnl_lock();
	unregister_netdevice(dev);
	warns = krt_warn_count();
	unregister_netdevice(dev);
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);
	rtnl_unlock();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"unregister_netdevice: device twice0/"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("is not registered (unregistering)"));

	/* After the todo ran, once more: still reported, nothing else happens. */
	krt_printk_capture_reset();
	unregister_netdev(dev);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("is not registered (unregistered)"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_UNREGISTERED);
	free_netdev(dev);

	/* A never registered device in a batch: WARN, skipped. */
	dev = tdev_alloc(test, "never%d");
	krt_printk_capture_begin(false);
	warns = krt_warn_count();
	rtnl_lock();
	unregister_netdevice(dev);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_UNINITIALIZED);
	free_netdev(dev);
}

/* A holder that lets go after @delay_ms, from another thread. */
struct late_put {
	struct net_device *dev;
	netdevice_tracker *tracker;
	unsigned int delay_ms;
	struct completion done;
};

static int late_put_fn(void *arg)
{
	struct late_put *lp = arg;

	msleep(lp->delay_ms);
	netdev_put(lp->dev, lp->tracker);
	complete(&lp->done);
	return 0;
}

/* The barriers keep the holds from becoming tail calls, which would hide these frames. */
static noinline void leaky_driver_takes_ref(struct net_device *dev)
{
	dev_hold(dev);
	barrier();
}

static noinline void tracked_user_takes_ref(struct net_device *dev, netdevice_tracker *tracker)
{
	netdev_hold(dev, tracker, GFP_KERNEL);
	barrier();
}

static void dev_leaked_ref_reported_with_holder(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "leak%d");
	netdevice_tracker tracker;
	struct late_put lp, lp2;
	struct task_struct *t;
	char old[16] = "10\n";
	const char *text;

	dev->needs_free_netdev = true;
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	krt_proc_read("/proc/sys/net/core/netdev_unregister_timeout_secs", old, sizeof(old));
	KUNIT_ASSERT_EQ(test, krt_proc_write("/proc/sys/net/core/netdev_unregister_timeout_secs",
					     "1", 1), 1);

	leaky_driver_takes_ref(dev);
	tracked_user_takes_ref(dev, &tracker);
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(dev), 4);

	/* The holders let go after 2.5 s and 3 s; unregister waits for them and reports. */
	lp = (struct late_put){ .dev = dev, .tracker = NULL, .delay_ms = 2500 };
	lp2 = (struct late_put){ .dev = dev, .tracker = &tracker, .delay_ms = 3000 };
	init_completion(&lp.done);
	init_completion(&lp2.done);
	t = kthread_run(late_put_fn, &lp, "late_put");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	t = kthread_run(late_put_fn, &lp2, "late_put2");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));

	krt_printk_capture_begin(false);
	evlog[0] = '\0';
	unregister_netdev(dev);
	KUNIT_EXPECT_TRUE(test, completion_done(&lp.done));
	KUNIT_EXPECT_TRUE(test, completion_done(&lp2.done));
	text = krt_printk_capture_text();
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text,
		"unregister_netdevice: waiting for leak0 to become free. Usage count = 3\n") != NULL,
		"%s", text);
	/* The tracked holder and the untracked dev_hold() holder are both named. */
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text, "tracked_user_takes_ref") != NULL, "%s", text);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text, "leaky_driver_takes_ref") != NULL, "%s", text);
	KUNIT_EXPECT_TRUE(test, strstr(text, "ref_tracker: leak%d@") != NULL);
	krt_printk_capture_end();
	/* The NETDEV_UNREGISTER rebroadcast went out at least once a second (seen by "uninit"
	 * only once: ndo_uninit is not repeated).
	 */
	KUNIT_EXPECT_STREQ(test, evlog, "uninit+rtnl");
	krt_proc_write("/proc/sys/net/core/netdev_unregister_timeout_secs", old, strlen(old));
}

/* The 1 s rebroadcast of NETDEV_UNREGISTER lets a notifier drop the reference it holds. */
struct ref_dropper {
	struct notifier_block nb;
	struct net_device *dev;
	netdevice_tracker tracker;
	int unregister_events;
};

static int ref_dropper_call(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct ref_dropper *r = container_of(nb, struct ref_dropper, nb);
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (dev != r->dev || event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	/* Let go only on the rebroadcast, as a lazy subsystem would. */
	if (++r->unregister_events == 2)
		netdev_put(dev, &r->tracker);
	return NOTIFY_DONE;
}

static void dev_unregister_rebroadcast(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "rebr%d");
	struct ref_dropper r = { .nb.notifier_call = ref_dropper_call, .dev = dev };

	dev->needs_free_netdev = true;
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	KUNIT_ASSERT_EQ(test, register_netdevice_notifier(&r.nb), 0);
	netdev_hold(dev, &r.tracker, GFP_KERNEL);
	unregister_netdev(dev);
	KUNIT_EXPECT_EQ(test, r.unregister_events, 2);
	unregister_netdevice_notifier(&r.nb);
}

/* Unregistering 100 devices costs the grace periods of one. */
static void dev_batch_unregister_shares_grace_periods(struct kunit *test)
{
	struct net_device *devs[100];
	unsigned long before, one, many;
	LIST_HEAD(kill);
	int i;

	for (i = 0; i < ARRAY_SIZE(devs); i++) {
		devs[i] = tdev_alloc(test, "batch%d");
		devs[i]->needs_free_netdev = true;
		KUNIT_ASSERT_EQ(test, register_netdev(devs[i]), 0);
	}
	KUNIT_EXPECT_STREQ(test, devs[99]->name, "batch99");

	before = krt_synchronize_net_count();
	unregister_netdev(devs[0]);
	one = krt_synchronize_net_count() - before;

	before = krt_synchronize_net_count();
	rtnl_lock();
	for (i = 1; i < ARRAY_SIZE(devs); i++)
		unregister_netdevice_queue(devs[i], &kill);
	unregister_netdevice_many(&kill);
	rtnl_unlock();
	many = krt_synchronize_net_count() - before;

	KUNIT_EXPECT_EQ(test, one, 2UL);
	KUNIT_EXPECT_EQ(test, many, one);
}

/* A notifier registered late hears about existing devices; unregistering replays removal. */
static void dev_notifier_replay(struct kunit *test)
{
	struct net_device *a = tdev_alloc(test, "rpa%d"), *b = tdev_alloc(test, "rpb%d");
	struct tnotifier t, v;

	KUNIT_ASSERT_EQ(test, register_netdev(a), 0);
	KUNIT_ASSERT_EQ(test, register_netdev(b), 0);
	rtnl_lock();
	dev_open(b, NULL);
	rtnl_unlock();

	evlog[0] = '\0';
	tnotifier_register(test, &t);
	KUNIT_EXPECT_STREQ(test, evlog, "REGISTER REGISTER UP");

	evlog[0] = '\0';
	KUNIT_EXPECT_EQ(test, unregister_netdevice_notifier(&t.nb), 0);
	KUNIT_EXPECT_STREQ(test, evlog, "UNREGISTER GOING_DOWN DOWN UNREGISTER");

	/* A veto during the replay rolls back what was told and fails the registration. */
	memset(&v, 0, sizeof(v));
	v.nb.notifier_call = tnotifier_call;
	v.only_tdev = true;
	v.veto_event = NETDEV_UP;	/* UP cannot veto: only REGISTER's result counts */
	evlog[0] = '\0';
	KUNIT_EXPECT_EQ(test, register_netdevice_notifier(&v.nb), 0);
	KUNIT_EXPECT_EQ(test, unregister_netdevice_notifier(&v.nb), 0);
	v.veto_event = NETDEV_REGISTER;
	v.veto_err = -ENOMEM;
	evlog[0] = '\0';
	KUNIT_EXPECT_EQ(test, register_netdevice_notifier(&v.nb), -ENOMEM);
	KUNIT_EXPECT_STREQ(test, evlog, "REGISTER");

	rtnl_lock();
	unregister_netdevice(a);
	unregister_netdevice(b);
	rtnl_unlock();
	free_netdev(a);
	free_netdev(b);
}

static void dev_open_close_rules(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "oc%d");
	struct tdev_priv *p = netdev_priv(dev);
	struct tnotifier t;

	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	tnotifier_register(test, &t);
	evlog[0] = '\0';

	rtnl_lock();
	/* ndo_open failing leaves the device down and sends no NETDEV_UP. */
	p->open_ret = -EIO;
	KUNIT_EXPECT_EQ(test, dev_open(dev, NULL), -EIO);
	KUNIT_EXPECT_FALSE(test, dev->flags & IFF_UP);
	KUNIT_EXPECT_FALSE(test, netif_running(dev));
	p->open_ret = 0;

	/* NETDEV_PRE_UP may veto. */
	t.veto_event = NETDEV_PRE_UP;
	t.veto_err = -EACCES;
	KUNIT_EXPECT_EQ(test, dev_open(dev, NULL), -EACCES);
	t.veto_event = 0;

	/* Closing a closed device does nothing. */
	dev_close(dev);
	KUNIT_EXPECT_STREQ(test, evlog, "PRE_UP open PRE_UP");

	/* A detached device cannot be opened. */
	netif_device_detach(dev);
	KUNIT_EXPECT_EQ(test, dev_open(dev, NULL), -ENODEV);
	netif_device_attach(dev);

	KUNIT_EXPECT_EQ(test, dev_change_flags(dev, dev->flags | IFF_UP, NULL), 0);
	KUNIT_EXPECT_TRUE(test, dev_get_flags(dev) & IFF_UP);
	KUNIT_EXPECT_TRUE(test, dev_get_flags(dev) & IFF_RUNNING);
	netif_carrier_off(dev);
	KUNIT_EXPECT_FALSE(test, dev_get_flags(dev) & IFF_RUNNING);
	netif_carrier_on(dev);
	evlog[0] = '\0';
	dev_close(dev);
	KUNIT_EXPECT_STREQ(test, evlog, "GOING_DOWN stop DOWN");
	rtnl_unlock();

	unregister_netdevice_notifier(&t.nb);
	unregister_netdev(dev);
	free_netdev(dev);
}

static void dev_mtu_rules(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "mtu%d");
	struct tnotifier t;

	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	tnotifier_register(test, &t);
	evlog[0] = '\0';
	krt_printk_capture_begin(false);
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 67), -EINVAL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("mtu0: mtu less than device minimum"));
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 9001), -EINVAL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"mtu0: mtu greater than device maximum"));
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, -1), -EINVAL);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1500U);
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 1500), 0);	/* same: no events */
	KUNIT_EXPECT_STREQ(test, evlog, "");

	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 9000), 0);
	KUNIT_EXPECT_EQ(test, dev->mtu, 9000U);
	KUNIT_EXPECT_STREQ(test, evlog, "PRECHANGEMTU CHANGEMTU");

	/* PRECHANGEMTU vetoes before anything changes. */
	evlog[0] = '\0';
	t.veto_event = NETDEV_PRECHANGEMTU;
	t.veto_err = -EBUSY;
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 1280), -EBUSY);
	KUNIT_EXPECT_EQ(test, dev->mtu, 9000U);
	KUNIT_EXPECT_STREQ(test, evlog, "PRECHANGEMTU");

	/* A CHANGEMTU veto restores the old MTU and announces it again. */
	evlog[0] = '\0';
	t.veto_event = NETDEV_CHANGEMTU;
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 1280), -EBUSY);
	KUNIT_EXPECT_EQ(test, dev->mtu, 9000U);
	KUNIT_EXPECT_STREQ(test, evlog, "PRECHANGEMTU CHANGEMTU CHANGEMTU");
	t.veto_event = 0;

	/* max_mtu 0 means no upper limit. */
	dev->max_mtu = 0;
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 65535), 0);
	KUNIT_EXPECT_EQ(test, dev->mtu, 65535U);
	rtnl_unlock();
	krt_printk_capture_end();

	unregister_netdevice_notifier(&t.nb);
	unregister_netdev(dev);
	free_netdev(dev);
}

static void dev_name_allocation(struct kunit *test)
{
	struct net_device *d[4], *probe_dev;
	int i;

	for (i = 0; i < 3; i++) {
		d[i] = tdev_alloc(test, "na%d");
		KUNIT_ASSERT_EQ(test, register_netdev(d[i]), 0);
	}
	KUNIT_EXPECT_STREQ(test, d[2]->name, "na2");

	/* The lowest free unit is reused. */
	unregister_netdev(d[1]);
	free_netdev(d[1]);
	d[1] = tdev_alloc(test, "na%d");
	KUNIT_ASSERT_EQ(test, register_netdev(d[1]), 0);
	KUNIT_EXPECT_STREQ(test, d[1]->name, "na1");

	/* Names that only look like units do not count ("na01", "na1x"). */
	d[3] = tdev_alloc(test, "na03");
	KUNIT_ASSERT_EQ(test, register_netdev(d[3]), 0);

	probe_dev = tdev_alloc(test, "x");
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_alloc_name(probe_dev, "na%d"), 3);
	KUNIT_EXPECT_STREQ(test, probe_dev->name, "na3");
	KUNIT_EXPECT_EQ(test, dev_alloc_name(probe_dev, "na1"), -ENFILE);
	KUNIT_EXPECT_EQ(test, dev_alloc_name(probe_dev, "fresh"), 0);
	KUNIT_EXPECT_EQ(test, dev_alloc_name(probe_dev, "na%d%d"), -EINVAL);
	KUNIT_EXPECT_EQ(test, dev_alloc_name(probe_dev, "x%dy"), 0);
	KUNIT_EXPECT_STREQ(test, probe_dev->name, "x0y");
	rtnl_unlock();
	free_netdev(probe_dev);

	KUNIT_EXPECT_TRUE(test, dev_valid_name("eth0"));
	KUNIT_EXPECT_TRUE(test, dev_valid_name("123456789012345"));
	KUNIT_EXPECT_FALSE(test, dev_valid_name("1234567890123456"));

	for (i = 0; i < 4; i++) {
		unregister_netdev(d[i]);
		free_netdev(d[i]);
	}
}

static void dev_ifindex_allocation(struct kunit *test)
{
	struct net_device *a = tdev_alloc(test, "ifa%d"), *b = tdev_alloc(test, "ifb%d");
	struct net_device *c = tdev_alloc(test, "ifc%d");
	int ia;

	KUNIT_ASSERT_EQ(test, register_netdev(a), 0);
	ia = a->ifindex;
	unregister_netdev(a);
	free_netdev(a);

	/* Indexes are handed out cyclically: a freed one is not reused at once. */
	KUNIT_ASSERT_EQ(test, register_netdev(b), 0);
	KUNIT_EXPECT_GT(test, b->ifindex, ia);

	/* A wanted index that is taken fails with -EEXIST. */
	c->ifindex = b->ifindex;
	evlog[0] = '\0';
	KUNIT_EXPECT_EQ(test, register_netdev(c), -EEXIST);
	KUNIT_EXPECT_STREQ(test, evlog, "init+rtnl uninit+rtnl");
	free_netdev(c);

	unregister_netdev(b);
	free_netdev(b);
}

static void dev_tracked_refs(struct kunit *test)
{
	struct net_device *dev = tdev_alloc(test, "trk%d");
	struct net_device *found;
	netdevice_tracker tr;

	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(dev), 2);	/* alloc + registered */

	/* The tracker is allocated after the RCU lookup: GFP_KERNEL may sleep there. */
	krt_printk_capture_begin(false);
	found = netdev_get_by_name(&init_net, "trk0", &tr, GFP_KERNEL);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("sleeping function called"));
	krt_printk_capture_end();
	KUNIT_EXPECT_PTR_EQ(test, found, dev);
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(dev), 3);
	netdev_put(found, &tr);
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(dev), 2);

	/* A second put through the same tracker is reported, the count untouched. */
	krt_printk_capture_begin(false);
	netdev_tracker_free(dev, &tr);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("reference already released"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(dev), 2);

	found = netdev_get_by_index(&init_net, dev->ifindex, &tr, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, found, dev);
	netdev_ref_replace(found, NULL, &tr, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(dev), 2);

	netdev_hold(NULL, &tr, GFP_KERNEL);	/* NULL devices are fine */
	netdev_put(NULL, &tr);
	KUNIT_EXPECT_NULL(test, dev_get_by_name(&init_net, "nosuch"));
	KUNIT_EXPECT_NULL(test, netdev_get_by_index(&init_net, 0x7ffffff0, &tr, GFP_KERNEL));

	unregister_netdev(dev);
	free_netdev(dev);
}

static void dev_alloc_checks(struct kunit *test)
{
	struct net_device *dev;

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_NULL(test, alloc_netdev_mqs(0, "q%d", NET_NAME_ENUM, tdev_setup, 0, 1));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"alloc_netdev: Unable to allocate device with zero queues\n"));
	KUNIT_EXPECT_NULL(test, alloc_netdev_mqs(0, "q%d", NET_NAME_ENUM, tdev_setup, 1, 0));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"alloc_netdev: Unable to allocate device with zero RX queues\n"));
	krt_printk_capture_end();

	dev = alloc_netdev_mq(100, "q%d", NET_NAME_ENUM, tdev_setup, 4);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->num_tx_queues, 4U);
	KUNIT_EXPECT_EQ(test, dev->num_rx_queues, 4U);
	KUNIT_EXPECT_EQ(test, dev->priv_len, 100U);
	KUNIT_EXPECT_PTR_EQ(test, netdev_priv(dev), (void *)dev->priv);
	KUNIT_EXPECT_EQ(test, (unsigned long)netdev_priv(dev) % 8, 0UL);
	/* A zero tx_queue_len means "no queue". */
	KUNIT_EXPECT_TRUE(test, dev->priv_flags & IFF_NO_QUEUE);
	KUNIT_EXPECT_EQ(test, dev->tx_queue_len, (unsigned int)DEFAULT_TX_QUEUE_LEN);
	KUNIT_EXPECT_STREQ(test, dev->name, "q%d");
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(dev), 1);
	KUNIT_EXPECT_PTR_EQ(test, dev_net(dev), &init_net);
	free_netdev(dev);

	dev = alloc_netdev_dummy(0);
	KUNIT_ASSERT_NOT_NULL(test, dev);
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_DUMMY);
	free_netdev(dev);
}

static void dev_rtnl_helpers(struct kunit *test)
{
	refcount_t r = REFCOUNT_INIT(2);
	unsigned long warns = krt_warn_count();

	krt_printk_capture_begin(false);
	ASSERT_RTNL();
	KUNIT_EXPECT_EQ(test, krt_warn_count(), warns + 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("RTNL: assertion failed at "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("tests/net/core/dev_test.c ("));
	krt_printk_capture_end();

	KUNIT_EXPECT_FALSE(test, rtnl_is_locked());
	KUNIT_EXPECT_EQ(test, rtnl_trylock(), 1);
	KUNIT_EXPECT_TRUE(test, rtnl_is_locked());
	KUNIT_EXPECT_TRUE(test, lockdep_rtnl_is_held());
	__rtnl_unlock();
	KUNIT_EXPECT_EQ(test, rtnl_lock_killable(), 0);
	rtnl_unlock();

	KUNIT_EXPECT_FALSE(test, refcount_dec_and_rtnl_lock(&r));
	KUNIT_EXPECT_FALSE(test, rtnl_is_locked());
	KUNIT_EXPECT_TRUE(test, refcount_dec_and_rtnl_lock(&r));
	KUNIT_EXPECT_TRUE(test, rtnl_is_locked());
	rtnl_unlock();
}

/* Namespaces: separate name tables and notifiers; destroying one unregisters its devices. */
static void dev_namespaces(struct kunit *test)
{
	long live = atomic_long_read(&netdev_live_count);
	struct net_device *a, *b, *c, *d;
	struct tnotifier t;
	struct net *net;
	int n = 0;

	/* copy_net_ns(): the same namespace, referenced, without CLONE_NEWNET. */
	net = copy_net_ns(0, NULL, &init_net);
	KUNIT_EXPECT_PTR_EQ(test, net, &init_net);
	KUNIT_EXPECT_EQ(test, refcount_read(&init_net.ns.count), 2U);
	put_net(net);

	net = copy_net_ns(CLONE_NEWNET, NULL, &init_net);
	KUNIT_ASSERT_FALSE(test, IS_ERR(net));
	KUNIT_EXPECT_PTR_NE(test, net, &init_net);
	KUNIT_EXPECT_EQ(test, krt_net_count(), 1);

	memset(&t, 0, sizeof(t));
	t.nb.notifier_call = tnotifier_call;
	KUNIT_ASSERT_EQ(test, register_netdevice_notifier_net(net, &t.nb), 0);

	a = tdev_alloc(test, "same");
	b = tdev_alloc(test, "same");
	c = tdev_alloc(test, "other%d");
	d = tdev_alloc(test, "other%d");
	b->needs_free_netdev = c->needs_free_netdev = d->needs_free_netdev = true;
	dev_net_set(b, net);
	dev_net_set(c, net);
	dev_net_set(d, net);
	KUNIT_ASSERT_EQ(test, register_netdev(a), 0);
	KUNIT_EXPECT_STREQ(test, evlog, "init+rtnl");	/* not told about init_net's devices */
	KUNIT_ASSERT_EQ(test, register_netdev(b), 0);	/* same name, other namespace */
	KUNIT_ASSERT_EQ(test, register_netdev(c), 0);
	KUNIT_ASSERT_EQ(test, register_netdev(d), 0);
	KUNIT_EXPECT_STREQ(test, d->name, "other1");

	KUNIT_EXPECT_PTR_EQ(test, __dev_get_by_name(&init_net, "same"), a);
	KUNIT_EXPECT_PTR_EQ(test, __dev_get_by_name(net, "same"), b);
	KUNIT_EXPECT_NULL(test, __dev_get_by_name(&init_net, "other0"));
	KUNIT_EXPECT_PTR_EQ(test, __dev_get_by_index(net, c->ifindex), c);
	rcu_read_lock();
	for_each_netdev_rcu(net, a)
		n++;
	rcu_read_unlock();
	a = __dev_get_by_name(&init_net, "same");
	KUNIT_EXPECT_EQ(test, n, 3);

	/* Destroying the namespace unregisters its three devices as one batch. */
	evlog[0] = '\0';
	put_net(net);
	net_ns_barrier();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live + 1);
	KUNIT_EXPECT_EQ(test, krt_net_count(), 0);

	unregister_netdev(a);
	free_netdev(a);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&netdev_live_count), live);
}

static struct kunit_case dev_test_cases[] = {
	KUNIT_CASE(dev_seed_flow_simple_driver),
	KUNIT_CASE(dev_seed_flow_under_rtnl),
	KUNIT_CASE(dev_seed_flow_register_failure_calls_destructor),
	KUNIT_CASE(dev_register_unregister_order),
	KUNIT_CASE(dev_register_name_errors),
	KUNIT_CASE(dev_register_ndo_init_failure),
	KUNIT_CASE(dev_register_post_init_veto),
	KUNIT_CASE(dev_register_register_veto),
	KUNIT_CASE(dev_free_registered_is_bug),
	KUNIT_CASE(dev_unregister_twice_warns),
	KUNIT_CASE_SLOW(dev_leaked_ref_reported_with_holder),
	KUNIT_CASE_SLOW(dev_unregister_rebroadcast),
	KUNIT_CASE(dev_batch_unregister_shares_grace_periods),
	KUNIT_CASE(dev_notifier_replay),
	KUNIT_CASE(dev_open_close_rules),
	KUNIT_CASE(dev_mtu_rules),
	KUNIT_CASE(dev_name_allocation),
	KUNIT_CASE(dev_ifindex_allocation),
	KUNIT_CASE(dev_tracked_refs),
	KUNIT_CASE(dev_alloc_checks),
	KUNIT_CASE(dev_rtnl_helpers),
	KUNIT_CASE(dev_namespaces),
	{}
};

static struct kunit_suite dev_test_suite = {
	.name = "netdev",
	.init = dev_test_init,
	.test_cases = dev_test_cases,
};
kunit_test_suite(dev_test_suite);
