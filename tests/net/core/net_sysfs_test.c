// SPDX-License-Identifier: MIT
/*
 * /sys/class/net/<name>/: the files appear at registration and go at unregistration, show
 * what Linux 6.12 shows in its formats, follow the device's state, take writes with the
 * kernel's checks and errors, move with a rename, and pin the device while a read or write is
 * in flight: the netdevices.rst case "rmmod mydriver </sys/class/net/myeth/mtu", where the
 * driver unregisters a device that a reader holds.
 */
#include <kunit/test.h>
#include <linux/netdevice.h>
#include <linux/completion.h>
#include <linux/etherdevice.h>
#include <linux/delay.h>
#include <linux/if_link.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>
#include "net/core/dev.h"

#define TIMEOUT_FILE	"/proc/sys/net/core/netdev_unregister_timeout_secs"

/* Files per device: 17 attributes and 24 statistics. */
#define NR_FILES	41

static const char * const stat_names[] = {
	"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_errors", "tx_errors",
	"rx_dropped", "tx_dropped", "multicast", "collisions", "rx_length_errors",
	"rx_over_errors", "rx_crc_errors", "rx_frame_errors", "rx_fifo_errors",
	"rx_missed_errors", "tx_aborted_errors", "tx_carrier_errors", "tx_fifo_errors",
	"tx_heartbeat_errors", "tx_window_errors", "rx_compressed", "tx_compressed",
	"rx_nohandler",
};

static const size_t stat_offsets[] = {
	offsetof(struct rtnl_link_stats64, rx_packets),
	offsetof(struct rtnl_link_stats64, tx_packets),
	offsetof(struct rtnl_link_stats64, rx_bytes),
	offsetof(struct rtnl_link_stats64, tx_bytes),
	offsetof(struct rtnl_link_stats64, rx_errors),
	offsetof(struct rtnl_link_stats64, tx_errors),
	offsetof(struct rtnl_link_stats64, rx_dropped),
	offsetof(struct rtnl_link_stats64, tx_dropped),
	offsetof(struct rtnl_link_stats64, multicast),
	offsetof(struct rtnl_link_stats64, collisions),
	offsetof(struct rtnl_link_stats64, rx_length_errors),
	offsetof(struct rtnl_link_stats64, rx_over_errors),
	offsetof(struct rtnl_link_stats64, rx_crc_errors),
	offsetof(struct rtnl_link_stats64, rx_frame_errors),
	offsetof(struct rtnl_link_stats64, rx_fifo_errors),
	offsetof(struct rtnl_link_stats64, rx_missed_errors),
	offsetof(struct rtnl_link_stats64, tx_aborted_errors),
	offsetof(struct rtnl_link_stats64, tx_carrier_errors),
	offsetof(struct rtnl_link_stats64, tx_fifo_errors),
	offsetof(struct rtnl_link_stats64, tx_heartbeat_errors),
	offsetof(struct rtnl_link_stats64, tx_window_errors),
	offsetof(struct rtnl_link_stats64, rx_compressed),
	offsetof(struct rtnl_link_stats64, tx_compressed),
	offsetof(struct rtnl_link_stats64, rx_nohandler),
};

/* ---- a test driver: Ethernet, counters it makes up, a stats read that can block ----------- */

struct sdev_priv {
	u64 stats_base;			/* counter i reads stats_base + i */
	bool block_stats;		/* the next ndo_get_stats64 blocks ... */
	struct completion stats_entered;	/* ... after completing this */
	struct completion stats_release;	/* ... until this completes */
};

static atomic_t destructor_calls;

static void sdev_get_stats64(struct net_device *dev, struct rtnl_link_stats64 *s)
{
	struct sdev_priv *p = netdev_priv(dev);
	unsigned int i;

	if (READ_ONCE(p->block_stats)) {
		WRITE_ONCE(p->block_stats, false);
		complete(&p->stats_entered);
		wait_for_completion(&p->stats_release);
	}
	for (i = 0; i < ARRAY_SIZE(stat_offsets); i++)
		*(u64 *)((u8 *)s + stat_offsets[i]) = p->stats_base + i;
}

static int sdev_change_carrier(struct net_device *dev, bool new_carrier)
{
	if (new_carrier)
		netif_carrier_on(dev);
	else
		netif_carrier_off(dev);
	return 0;
}

static netdev_tx_t sdev_xmit(struct sk_buff *skb, struct net_device *dev)
{
	dev_kfree_skb(skb);
	return NETDEV_TX_OK;
}

static const struct net_device_ops sdev_ops = {
	.ndo_start_xmit = sdev_xmit,
	.ndo_get_stats64 = sdev_get_stats64,
	.ndo_change_carrier = sdev_change_carrier,
};

/* Without ndo_change_carrier. */
static const struct net_device_ops sdev_plain_ops = {
	.ndo_start_xmit = sdev_xmit,
	.ndo_get_stats64 = sdev_get_stats64,
};

static void sdev_destructor(struct net_device *dev)
{
	atomic_inc(&destructor_calls);
}

static const u8 sdev_addr[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x5a };

static void sdev_setup(struct net_device *dev)
{
	struct sdev_priv *p = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &sdev_ops;
	dev->priv_destructor = sdev_destructor;
	dev_addr_set(dev, sdev_addr);
	init_completion(&p->stats_entered);
	init_completion(&p->stats_release);
}

static struct net_device *sdev_alloc(struct kunit *test, const char *name, unsigned char assign)
{
	struct net_device *dev = alloc_netdev(sizeof(struct sdev_priv), name, assign, sdev_setup);

	KUNIT_ASSERT_NOT_NULL(test, dev);
	return dev;
}

static struct net_device *sdev_create(struct kunit *test, const char *name)
{
	struct net_device *dev = sdev_alloc(test, name, NET_NAME_ENUM);

	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	return dev;
}

static void sdev_destroy(struct net_device *dev)
{
	unregister_netdev(dev);
	free_netdev(dev);
}

/* ---- helpers ------------------------------------------------------------------------------ */

static char rbuf[256];

/* Read /sys/class/net/<dev>/<file> into rbuf; returns what krt_proc_read() returns. */
static ssize_t sread(const char *dev, const char *file)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/class/net/%s/%s", dev, file);
	rbuf[0] = '\0';
	return krt_proc_read(path, rbuf, sizeof(rbuf));
}

static ssize_t swrite(const char *dev, const char *file, const char *text)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/class/net/%s/%s", dev, file);
	return krt_proc_write(path, text, strlen(text));
}

#define EXPECT_FILE(test, dev, file, text)						\
	do {										\
		ssize_t __n = sread(dev, file);						\
		KUNIT_EXPECT_EQ_MSG(test, __n, (ssize_t)strlen(text), "%s/%s", dev, file); \
		KUNIT_EXPECT_STREQ_MSG(test, rbuf, text, "%s/%s", dev, file);		\
	} while (0)

#define EXPECT_FILE_ERR(test, dev, file, err)						\
	KUNIT_EXPECT_EQ_MSG(test, sread(dev, file), (ssize_t)(err), "%s/%s", dev, file)

struct prefix_count {
	const char *prefix;
	int n;
};

static int count_fn(const char *path, void *arg)
{
	struct prefix_count *pc = arg;

	if (!strncmp(path, pc->prefix, strlen(pc->prefix)))
		pc->n++;
	return 0;
}

/* How many registered files /sys/class/net/<name>/ has. */
static int files_of(const char *name)
{
	char prefix[64];
	struct prefix_count pc = { .prefix = prefix };

	snprintf(prefix, sizeof(prefix), "/sys/class/net/%s/", name);
	krt_proc_for_each(count_fn, &pc);
	return pc.n;
}

static bool wait_until(bool (*cond)(void *), void *arg, unsigned int ms)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms);

	while (!cond(arg)) {
		if (time_after(jiffies, end))
			return false;
		msleep(1);
	}
	return true;
}

static long live_netdevs(void)
{
	return atomic_long_read(&netdev_live_count);
}

static int net_sysfs_test_init(struct kunit *test)
{
	atomic_set(&destructor_calls, 0);
	return 0;
}

/* ---- cases -------------------------------------------------------------------------------- */

/* Every file exists right after register_netdev() and shows the kernel's text. */
static void net_sysfs_files_after_register(struct kunit *test)
{
	struct net_device *dev = sdev_create(test, "sfs%d");
	struct sdev_priv *p = netdev_priv(dev);
	char text[32], file[64];
	unsigned int i;

	KUNIT_EXPECT_EQ(test, files_of(dev->name), NR_FILES);

	snprintf(text, sizeof(text), "%d\n", dev->ifindex);
	EXPECT_FILE(test, dev->name, "ifindex", text);
	EXPECT_FILE(test, dev->name, "iflink", text);
	EXPECT_FILE(test, dev->name, "type", "1\n");
	EXPECT_FILE(test, dev->name, "mtu", "1500\n");
	EXPECT_FILE(test, dev->name, "flags", "0x1002\n");
	EXPECT_FILE(test, dev->name, "tx_queue_len", "1000\n");
	EXPECT_FILE(test, dev->name, "addr_len", "6\n");
	EXPECT_FILE(test, dev->name, "addr_assign_type", "0\n");
	EXPECT_FILE(test, dev->name, "name_assign_type", "1\n");
	EXPECT_FILE(test, dev->name, "link_mode", "0\n");
	EXPECT_FILE(test, dev->name, "netdev_group", "0\n");
	EXPECT_FILE(test, dev->name, "address", "02:11:22:33:44:5a\n");
	EXPECT_FILE(test, dev->name, "broadcast", "ff:ff:ff:ff:ff:ff\n");
	/* A device that is down: operstate "down", and no carrier, dormant or testing. */
	EXPECT_FILE(test, dev->name, "operstate", "down\n");
	EXPECT_FILE_ERR(test, dev->name, "carrier", -EINVAL);
	EXPECT_FILE_ERR(test, dev->name, "dormant", -EINVAL);
	EXPECT_FILE_ERR(test, dev->name, "testing", -EINVAL);

	/* Each counter is its own field of dev_get_stats(). */
	p->stats_base = 1000;
	for (i = 0; i < ARRAY_SIZE(stat_names); i++) {
		snprintf(file, sizeof(file), "statistics/%s", stat_names[i]);
		snprintf(text, sizeof(text), "%u\n", 1000 + i);
		EXPECT_FILE(test, dev->name, file, text);
	}
	/* No other files. */
	EXPECT_FILE_ERR(test, dev->name, "statistics/nonsense", -ENOENT);
	sdev_destroy(dev);
}

/* The files go with the device, and a device in another namespace has none. */
static void net_sysfs_files_vanish(struct kunit *test)
{
	struct net_device *dev = sdev_create(test, "sfsgone");
	struct net_device *other;
	struct net *net;

	EXPECT_FILE(test, "sfsgone", "mtu", "1500\n");
	unregister_netdev(dev);
	EXPECT_FILE_ERR(test, "sfsgone", "mtu", -ENOENT);
	EXPECT_FILE_ERR(test, "sfsgone", "statistics/rx_packets", -ENOENT);
	KUNIT_EXPECT_EQ(test, files_of("sfsgone"), 0);
	free_netdev(dev);
	KUNIT_EXPECT_EQ(test, atomic_read(&destructor_calls), 1);

	net = krt_net_create();
	KUNIT_ASSERT_FALSE(test, IS_ERR(net));
	other = sdev_alloc(test, "sfsns", NET_NAME_USER);
	other->needs_free_netdev = true;
	dev_net_set(other, net);
	KUNIT_ASSERT_EQ(test, register_netdev(other), 0);
	KUNIT_EXPECT_EQ(test, files_of("sfsns"), 0);
	/* The same name in init_net has its own files. */
	dev = sdev_create(test, "sfsns");
	KUNIT_EXPECT_EQ(test, files_of("sfsns"), NR_FILES);
	put_net(net);
	net_ns_barrier();
	KUNIT_EXPECT_EQ(test, files_of("sfsns"), NR_FILES);
	sdev_destroy(dev);
	KUNIT_EXPECT_EQ(test, files_of("sfsns"), 0);
	/* A name the kernel does not know how it was given has no name_assign_type. */
	dev = sdev_alloc(test, "sfsunk", NET_NAME_UNKNOWN);
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	EXPECT_FILE_ERR(test, "sfsunk", "name_assign_type", -EINVAL);
	sdev_destroy(dev);
}

static void run_linkwatch(void)
{
	rtnl_lock();
	linkwatch_run_queue();
	rtnl_unlock();
}

/* The values follow the device's state. */
static void net_sysfs_values_follow(struct kunit *test)
{
	struct net_device *dev = sdev_create(test, "sfs%d");
	struct sdev_priv *p = netdev_priv(dev);
	u8 addr[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x01 };

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_set_mtu(dev, 1280), 0);
	KUNIT_EXPECT_EQ(test, dev_change_tx_queue_len(dev, 500), 0);
	KUNIT_EXPECT_EQ(test, dev_open(dev, NULL), 0);
	dev_addr_set(dev, addr);
	rtnl_unlock();
	EXPECT_FILE(test, dev->name, "mtu", "1280\n");
	EXPECT_FILE(test, dev->name, "tx_queue_len", "500\n");
	EXPECT_FILE(test, dev->name, "address", "02:00:00:00:00:01\n");
	/* dev->flags, not dev_get_flags(): no IFF_RUNNING or IFF_LOWER_UP. */
	EXPECT_FILE(test, dev->name, "flags", "0x1003\n");
	/* Up, carrier never reported by the driver: RFC 2863 "unknown", as a dummy device. */
	EXPECT_FILE(test, dev->name, "operstate", "unknown\n");
	EXPECT_FILE(test, dev->name, "carrier", "1\n");
	EXPECT_FILE(test, dev->name, "dormant", "0\n");
	EXPECT_FILE(test, dev->name, "testing", "0\n");

	/* carrier syncs the pending link event itself; operstate follows linkwatch. */
	netif_carrier_off(dev);
	EXPECT_FILE(test, dev->name, "carrier", "0\n");
	EXPECT_FILE(test, dev->name, "operstate", "down\n");
	netif_carrier_on(dev);
	run_linkwatch();
	EXPECT_FILE(test, dev->name, "carrier", "1\n");
	EXPECT_FILE(test, dev->name, "operstate", "up\n");
	set_bit(__LINK_STATE_DORMANT, &dev->state);
	EXPECT_FILE(test, dev->name, "dormant", "1\n");
	clear_bit(__LINK_STATE_DORMANT, &dev->state);

	p->stats_base = 7;
	EXPECT_FILE(test, dev->name, "statistics/rx_packets", "7\n");
	EXPECT_FILE(test, dev->name, "statistics/rx_nohandler", "30\n");
	dev_core_stats_rx_nohandler_inc(dev);
	EXPECT_FILE(test, dev->name, "statistics/rx_nohandler", "31\n");

	rtnl_lock();
	dev_close(dev);
	rtnl_unlock();
	EXPECT_FILE(test, dev->name, "operstate", "down\n");
	EXPECT_FILE_ERR(test, dev->name, "carrier", -EINVAL);
	sdev_destroy(dev);
}

/* Writes go through the core's setters, with their checks and errors. */
static void net_sysfs_writes(struct kunit *test)
{
	struct net_device *dev = sdev_create(test, "sfs%d");
	const char *n = dev->name;

	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", "1400"), 4);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1400);
	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", "1300\n"), 5);
	EXPECT_FILE(test, n, "mtu", "1300\n");
	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", "0x500"), 5);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1280);
	/* Outside min_mtu..max_mtu (68..1500), not a number, too big for unsigned long. */
	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", "1501"), -EINVAL);
	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", "67"), -EINVAL);
	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", "-1"), -EINVAL);
	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", "abc"), -EINVAL);
	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", ""), -EINVAL);
	KUNIT_EXPECT_EQ(test, swrite(n, "mtu", "99999999999999999999999"), -ERANGE);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1280);

	KUNIT_EXPECT_EQ(test, swrite(n, "tx_queue_len", "32\n"), 3);
	EXPECT_FILE(test, n, "tx_queue_len", "32\n");
	KUNIT_EXPECT_EQ(test, swrite(n, "tx_queue_len", "4294967296"), -ERANGE);
	KUNIT_EXPECT_EQ(test, dev->tx_queue_len, 32);

	/* carrier: only with ndo_change_carrier, only while up. */
	KUNIT_EXPECT_EQ(test, swrite(n, "carrier", "0"), -EINVAL);
	KUNIT_EXPECT_EQ(test, swrite(n, "flags", "0x1003"), 6);
	KUNIT_EXPECT_TRUE(test, dev->flags & IFF_UP);
	KUNIT_EXPECT_TRUE(test, netif_running(dev));
	KUNIT_EXPECT_EQ(test, swrite(n, "carrier", "0"), 1);
	EXPECT_FILE(test, n, "carrier", "0\n");
	KUNIT_EXPECT_EQ(test, swrite(n, "carrier", "1"), 1);
	EXPECT_FILE(test, n, "carrier", "1\n");
	KUNIT_EXPECT_EQ(test, swrite(n, "flags", "0x1002"), 6);
	KUNIT_EXPECT_FALSE(test, netif_running(dev));
	EXPECT_FILE(test, n, "operstate", "down\n");

	KUNIT_EXPECT_EQ(test, swrite(n, "netdev_group", "5"), 1);
	KUNIT_EXPECT_EQ(test, dev->group, 5);
	EXPECT_FILE(test, n, "netdev_group", "5\n");

	/* Read-only files. */
	KUNIT_EXPECT_EQ(test, swrite(n, "ifindex", "7"), -EACCES);
	KUNIT_EXPECT_EQ(test, swrite(n, "statistics/rx_packets", "0"), -EACCES);
	sdev_destroy(dev);

	/* A driver without ndo_change_carrier: refused before the value is even parsed. */
	dev = sdev_alloc(test, "sfs%d", NET_NAME_ENUM);
	dev->netdev_ops = &sdev_plain_ops;
	KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
	KUNIT_EXPECT_EQ(test, swrite(dev->name, "carrier", "junk"), -EOPNOTSUPP);
	sdev_destroy(dev);
}

/* An operation from another thread, with its result. */
struct sysfs_op {
	const char *path;
	const char *text;		/* write this; NULL: read */
	char buf[64];
	ssize_t ret;
};

static noinline int sysfs_reader_fn(void *arg)
{
	struct sysfs_op *op = arg;

	if (op->text)
		op->ret = krt_proc_write(op->path, op->text, strlen(op->text));
	else
		op->ret = krt_proc_read(op->path, op->buf, sizeof(op->buf));
	return 0;
}

static struct task_struct *start_op(struct kunit *test, struct sysfs_op *op, const char *path,
				    const char *text)
{
	struct task_struct *t;

	op->path = path;
	op->text = text;
	op->ret = 1234;
	t = krt_thread_create(sysfs_reader_fn, op, "sysfs_op");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	return t;
}

struct refcnt_wait {
	struct net_device *dev;
	int count;
};

static bool refcnt_is(void *arg)
{
	struct refcnt_wait *w = arg;

	return netdev_refcnt_read(w->dev) == w->count;
}

/* A write that waits for RTNL gets it when it is free. */
static void net_sysfs_write_waits_for_rtnl(struct kunit *test)
{
	struct net_device *dev = sdev_create(test, "sfsrtnl");
	struct refcnt_wait w = { .dev = dev, .count = 3 };
	struct sysfs_op op;
	struct task_struct *t;

	rtnl_lock();
	t = start_op(test, &op, "/sys/class/net/sfsrtnl/mtu", "1000");
	/* Registered (2) + the writer's pin. */
	KUNIT_EXPECT_TRUE(test, wait_until(refcnt_is, &w, 5000));
	msleep(20);
	KUNIT_EXPECT_EQ(test, op.ret, 1234);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1500);
	rtnl_unlock();
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, op.ret, 4);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1000);
	sdev_destroy(dev);
}

/*
 * A write and a carrier read wait for RTNL while its holder unregisters the device: no
 * deadlock. The unregistration does not wait for them under RTNL; they notice the directory
 * is gone and fail with -ENODEV, and the todo runner waits for their references.
 */
static void net_sysfs_rtnl_waiters_during_unregister(struct kunit *test)
{
	struct net_device *dev = sdev_create(test, "sfsdl");
	struct refcnt_wait w = { .dev = dev, .count = 4 };
	struct sysfs_op wr, rd;
	struct task_struct *t1, *t2;
	long live = live_netdevs();

	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_open(dev, NULL), 0);
	t1 = start_op(test, &wr, "/sys/class/net/sfsdl/mtu", "1000");
	t2 = start_op(test, &rd, "/sys/class/net/sfsdl/carrier", NULL);
	KUNIT_EXPECT_TRUE(test, wait_until(refcnt_is, &w, 5000));
	unregister_netdevice(dev);
	/* The files are closed to new users at once. */
	EXPECT_FILE_ERR(test, "sfsdl", "mtu", -ENOENT);
	rtnl_unlock();
	krt_thread_join(t1);
	krt_thread_join(t2);
	KUNIT_EXPECT_EQ(test, wr.ret, -ENODEV);
	KUNIT_EXPECT_EQ(test, rd.ret, -ENODEV);
	KUNIT_EXPECT_EQ(test, files_of("sfsdl"), 0);
	free_netdev(dev);
	KUNIT_EXPECT_EQ(test, live_netdevs(), live - 1);
}

static int veto_changename(struct notifier_block *nb, unsigned long event, void *ptr)
{
	return event == NETDEV_CHANGENAME ? notifier_from_errno(-EPERM) : NOTIFY_DONE;
}

/* A rename moves the directory; a vetoed rename moves it back. */
static void net_sysfs_rename_moves_dir(struct kunit *test)
{
	struct net_device *dev = sdev_create(test, "sfsold");
	struct notifier_block veto = { .notifier_call = veto_changename };
	char text[16];

	snprintf(text, sizeof(text), "%d\n", dev->ifindex);
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_change_name(dev, "sfsnew"), 0);
	rtnl_unlock();
	KUNIT_EXPECT_EQ(test, files_of("sfsold"), 0);
	KUNIT_EXPECT_EQ(test, files_of("sfsnew"), NR_FILES);
	EXPECT_FILE_ERR(test, "sfsold", "ifindex", -ENOENT);
	EXPECT_FILE(test, "sfsnew", "ifindex", text);
	EXPECT_FILE(test, "sfsnew", "name_assign_type", "4\n");	/* NET_NAME_RENAMED */
	KUNIT_EXPECT_STREQ(test, dev_name(&dev->dev), "sfsnew");
	KUNIT_EXPECT_EQ(test, swrite("sfsnew", "mtu", "1400"), 4);
	KUNIT_EXPECT_EQ(test, dev->mtu, 1400);

	/* A template picks a free unit; the old name can be taken by another device. */
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_change_name(dev, "sfsnew%d"), 0);
	rtnl_unlock();
	KUNIT_EXPECT_STREQ(test, dev->name, "sfsnew0");
	EXPECT_FILE(test, "sfsnew0", "ifindex", text);
	KUNIT_EXPECT_EQ(test, files_of("sfsnew"), 0);
	KUNIT_EXPECT_EQ(test, files_of("sfsnew0"), NR_FILES);

	/* NETDEV_CHANGENAME vetoed: the kernel renames back, and the directory follows. */
	KUNIT_ASSERT_EQ(test, register_netdevice_notifier(&veto), 0);
	rtnl_lock();
	KUNIT_EXPECT_EQ(test, dev_change_name(dev, "sfsveto"), -EPERM);
	rtnl_unlock();
	unregister_netdevice_notifier(&veto);
	KUNIT_EXPECT_STREQ(test, dev->name, "sfsnew0");
	KUNIT_EXPECT_EQ(test, files_of("sfsveto"), 0);
	KUNIT_EXPECT_EQ(test, files_of("sfsnew0"), NR_FILES);
	EXPECT_FILE(test, "sfsnew0", "ifindex", text);
	sdev_destroy(dev);
	KUNIT_EXPECT_EQ(test, files_of("sfsnew0"), 0);
}

/*
 * The seed document's "rmmod mydriver </sys/class/net/myeth/mtu": a reader holds the device
 * (here inside the driver's ndo_get_stats64) while the driver unregisters and frees it.
 * unregister_netdev() waits and names the reader, the memory stays valid for the reader, and
 * the device is freed exactly once, after the reader is done.
 */
static int unregister_fn(void *arg)
{
	struct net_device *dev = arg;

	unregister_netdev(dev);
	free_netdev(dev);
	return 0;
}

static bool capture_has(void *arg)
{
	return krt_printk_capture_contains(arg);
}

static void net_sysfs_reader_holds_device(struct kunit *test)
{
	long live = live_netdevs();
	struct net_device *dev = sdev_create(test, "sfsrm");
	struct sdev_priv *p = netdev_priv(dev);
	char old[16] = "10\n";
	struct task_struct *reader, *rm;
	struct sysfs_op op;
	const char *text;

	KUNIT_ASSERT_EQ(test, live_netdevs(), live + 1);
	krt_proc_read(TIMEOUT_FILE, old, sizeof(old));
	KUNIT_ASSERT_EQ(test, krt_proc_write(TIMEOUT_FILE, "1", 1), 1);

	p->stats_base = 42;
	WRITE_ONCE(p->block_stats, true);
	reader = start_op(test, &op, "/sys/class/net/sfsrm/statistics/rx_packets", NULL);
	wait_for_completion(&p->stats_entered);
	KUNIT_EXPECT_EQ(test, netdev_refcnt_read(dev), 3);

	krt_printk_capture_begin(false);
	rm = krt_thread_create(unregister_fn, dev, "rmmod");
	KUNIT_ASSERT_FALSE(test, IS_ERR(rm));

	/* unregister_netdev() waits for the reader, and says who it is. */
	KUNIT_EXPECT_TRUE(test, wait_until(capture_has,
		"unregister_netdevice: waiting for sfsrm to become free. Usage count = 2\n",
		10000));
	/* The tracker dump follows the line: the reader's stack, up to the read. */
	KUNIT_EXPECT_TRUE(test, wait_until(capture_has, "sysfs_reader_fn", 5000));
	text = krt_printk_capture_text();
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text, "ref_tracker: sfs") != NULL, "%s", text);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text, "netdev_sysfs_get") != NULL, "%s", text);
	KUNIT_EXPECT_TRUE_MSG(test, strstr(text, "krt_proc_read") != NULL, "%s", text);
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, dev->reg_state, NETREG_UNREGISTERED);
	KUNIT_EXPECT_EQ(test, atomic_read(&destructor_calls), 0);
	KUNIT_EXPECT_EQ(test, live_netdevs(), live + 1);
	/* Nobody new gets in; the reader's file is still registered. */
	EXPECT_FILE_ERR(test, "sfsrm", "mtu", -ENOENT);
	KUNIT_EXPECT_EQ(test, files_of("sfsrm"), NR_FILES);
	/* The reader still uses the device's memory (ASan would see a use after free). */
	KUNIT_EXPECT_STREQ(test, dev->name, "sfsrm");

	complete(&p->stats_release);
	krt_thread_join(reader);
	KUNIT_EXPECT_EQ(test, op.ret, 3);
	KUNIT_EXPECT_STREQ(test, op.buf, "42\n");
	krt_thread_join(rm);

	KUNIT_EXPECT_EQ(test, atomic_read(&destructor_calls), 1);
	KUNIT_EXPECT_EQ(test, live_netdevs(), live);
	KUNIT_EXPECT_EQ(test, files_of("sfsrm"), 0);
	krt_proc_write(TIMEOUT_FILE, old, strlen(old));
}

/* A device registered under the name of a device whose files a reader still uses waits. */
static int register_fn(void *arg)
{
	return register_netdev(arg);
}

static bool not_registered(void *arg)
{
	struct net_device *dev = arg;

	return READ_ONCE(dev->reg_state) != NETREG_REGISTERED;
}

static void net_sysfs_same_name_waits_for_old_files(struct kunit *test)
{
	long live = live_netdevs();
	struct net_device *dev = sdev_create(test, "sfsre");
	struct sdev_priv *p = netdev_priv(dev);
	struct task_struct *reader, *rm, *reg;
	struct net_device *dev2;
	struct sysfs_op op;
	char text[16];

	WRITE_ONCE(p->block_stats, true);
	reader = start_op(test, &op, "/sys/class/net/sfsre/statistics/tx_packets", NULL);
	wait_for_completion(&p->stats_entered);
	rm = krt_thread_create(unregister_fn, dev, "rmmod");
	KUNIT_ASSERT_FALSE(test, IS_ERR(rm));
	KUNIT_EXPECT_TRUE(test, wait_until(not_registered, dev, 5000));

	dev2 = sdev_alloc(test, "sfsre", NET_NAME_USER);
	reg = krt_thread_create(register_fn, dev2, "register");
	KUNIT_ASSERT_FALSE(test, IS_ERR(reg));
	msleep(100);
	/* The new device waits for the old files: nothing answers at that name meanwhile. */
	KUNIT_EXPECT_EQ(test, READ_ONCE(dev2->reg_state), NETREG_UNINITIALIZED);
	EXPECT_FILE_ERR(test, "sfsre", "ifindex", -ENOENT);

	complete(&p->stats_release);
	krt_thread_join(reader);
	KUNIT_EXPECT_STREQ(test, op.buf, "1\n");
	KUNIT_EXPECT_EQ(test, krt_thread_join(reg), 0);
	krt_thread_join(rm);
	snprintf(text, sizeof(text), "%d\n", dev2->ifindex);
	EXPECT_FILE(test, "sfsre", "ifindex", text);
	KUNIT_EXPECT_EQ(test, files_of("sfsre"), NR_FILES);
	sdev_destroy(dev2);
	KUNIT_EXPECT_EQ(test, atomic_read(&destructor_calls), 2);
	KUNIT_EXPECT_EQ(test, live_netdevs(), live);
}

/* Readers and writers hammer the files of a device that comes and goes. */
struct hammer {
	atomic_t stop;
	atomic_t ok, gone;
	atomic_t bad;
};

static int hammer_fn(void *arg)
{
	static const char * const files[] = {
		"/sys/class/net/sfsh/mtu", "/sys/class/net/sfsh/carrier",
		"/sys/class/net/sfsh/statistics/rx_packets", "/sys/class/net/sfsh/operstate",
		"/sys/class/net/sfsh/address",
	};
	struct hammer *h = arg;
	unsigned int i = 0;
	char buf[64];
	ssize_t ret;

	while (!atomic_read(&h->stop)) {
		const char *path = files[i++ % ARRAY_SIZE(files)];

		if (i % 7 == 0)
			ret = krt_proc_write("/sys/class/net/sfsh/mtu", "1400", 4);
		else
			ret = krt_proc_read(path, buf, sizeof(buf));
		if (ret > 0)
			atomic_inc(&h->ok);
		else if (ret == -ENOENT || ret == -ENODEV || ret == -EINVAL || ret == 0)
			atomic_inc(&h->gone);
		else
			atomic_inc(&h->bad);
	}
	return 0;
}

struct ok_wait {
	struct hammer *h;
	int from;
};

static bool ok_grew(void *arg)
{
	struct ok_wait *w = arg;

	return atomic_read(&w->h->ok) > w->from;
}

static void net_sysfs_stress(struct kunit *test)
{
	long live = live_netdevs();
	struct task_struct *t[3];
	struct hammer h = {};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		t[i] = krt_thread_create(hammer_fn, &h, "hammer");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < 100; i++) {
		struct net_device *dev = sdev_alloc(test, "sfsh", NET_NAME_USER);

		dev->needs_free_netdev = true;
		KUNIT_ASSERT_EQ(test, register_netdev(dev), 0);
		if (i % 2) {
			rtnl_lock();
			dev_open(dev, NULL);
			rtnl_unlock();
		}
		/* Now and then, let the hammers in before the device goes. */
		if (i % 10 == 0) {
			struct ok_wait w = { .h = &h, .from = atomic_read(&h.ok) };

			KUNIT_EXPECT_TRUE(test, wait_until(ok_grew, &w, 5000));
		}
		unregister_netdev(dev);
	}
	atomic_set(&h.stop, 1);
	for (i = 0; i < ARRAY_SIZE(t); i++)
		krt_thread_join(t[i]);
	KUNIT_EXPECT_EQ(test, atomic_read(&h.bad), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&h.ok), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&destructor_calls), 100);
	KUNIT_EXPECT_EQ(test, live_netdevs(), live);
	KUNIT_EXPECT_EQ(test, files_of("sfsh"), 0);
}

static struct kunit_case net_sysfs_test_cases[] = {
	KUNIT_CASE(net_sysfs_files_after_register),
	KUNIT_CASE(net_sysfs_files_vanish),
	KUNIT_CASE(net_sysfs_values_follow),
	KUNIT_CASE(net_sysfs_writes),
	KUNIT_CASE(net_sysfs_write_waits_for_rtnl),
	KUNIT_CASE(net_sysfs_rtnl_waiters_during_unregister),
	KUNIT_CASE(net_sysfs_rename_moves_dir),
	KUNIT_CASE_SLOW(net_sysfs_reader_holds_device),
	KUNIT_CASE(net_sysfs_same_name_waits_for_old_files),
	KUNIT_CASE_SLOW(net_sysfs_stress),
	{}
};

static struct kunit_suite net_sysfs_test_suite = {
	.name = "net_sysfs",
	.init = net_sysfs_test_init,
	.test_cases = net_sysfs_test_cases,
};
kunit_test_suite(net_sysfs_test_suite);
