// SPDX-License-Identifier: MIT
/*
 * The device's struct device and /sys/class/net/<name>/: the attributes of Linux 6.12's
 * net/core/net-sysfs.c (net_class_attrs and the statistics group) in its formats, as virtual
 * files of krt's registry (<krt/proc.h>).
 *
 * The struct device is added at registration and deleted at unregistration, keeping one
 * reference for the todo runner; its release (netdev_release()) is when struct net_device's
 * memory goes.
 *
 * How krt differs from the kernel, and why:
 *
 *  - Every read or write of a file holds a tracked reference to the device (the registry's
 *    get/put hooks), the way an open sysfs file pinned the device when netdevices.rst wrote
 *    "rmmod mydriver </sys/class/net/myeth/mtu". So a reader that is slow (a driver's
 *    ndo_get_stats64) keeps an unregistered device alive: unregister_netdev() waits for it in
 *    netdev_wait_allrefs, which names the reader's stack, and the memory is freed after it.
 *  - Hence the removal of a directory never waits for the operations in flight on its files
 *    (kernfs would drain them in device_del(), under RTNL): netdev_unregister_kobject() marks the
 *    directory dead, so that no new operation starts (-ENOENT, as for a missing file), and the
 *    last operation in flight removes the files when it ends. A new directory of the same name
 *    (a device registered or renamed to it) waits for that.
 *  - The kernel's handlers that need RTNL (carrier, and every store) take it with rtnl_trylock()
 *    and restart the system call when it is busy, so that they never hold a file active while
 *    waiting for RTNL. krt's registry cannot restart a call; the handlers poll rtnl_trylock()
 *    instead and give up with -ENODEV (what a restarted call on a removed sysfs file gets) once
 *    their directory is dead. Nothing that holds RTNL waits for an operation on a live
 *    directory, so polling always ends.
 *  - The statistics are read without rcu_read_lock(): the reference pins the device, and a
 *    reader inside ndo_get_stats64 would otherwise hold up every synchronize_net().
 *  - krt has no per-process network namespace: /sys/class/net shows the devices of init_net, as
 *    /proc/net/dev does; devices of other namespaces have no directory.
 *  - A renamed device gets a new directory (the registry has no rename), from
 *    netdev_rename_kobject(), which dev_change_name() calls where the kernel calls
 *    device_rename(). A write in flight on the old directory during a rename fails -ENODEV.
 *  - No capability checks: krt has no credentials.
 */
#include <linux/kernel.h>
#include <linux/hashtable.h>
#include <linux/init.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/if_link.h>
#include <linux/refcount.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/delay.h>
#include <krt/proc.h>
#include "net/core/dev.h"

#define NET_SYSFS_ROOT	"/sys/class/net"

struct netdev_attr;
struct netdev_sysfs_dir;

/* One file: the priv its operations get from the registry. */
struct netdev_sysfs_file {
	struct netdev_sysfs_dir *dir;
	const struct netdev_attr *attr;
};

/* One directory /sys/class/net/<name>/ of one device. */
struct netdev_sysfs_dir {
	struct net_device *dev;
	char name[IFNAMSIZ];
	struct hlist_node hnode;	/* in netdev_sysfs_dirs while current (RTNL) */
	struct list_head zombie;	/* on netdev_sysfs_zombies while dead, files not removed */
	struct mutex lock;		/* inflight and dead */
	unsigned int inflight;		/* reads and writes between get and put */
	bool dead;
	/*
	 * The memory's users: the device's registration and each operation in flight. A mutex's
	 * unlock may still touch it after another task took it, so the task that finds the
	 * directory idle under the lock must not be the one to free it on its own.
	 */
	refcount_t users;
	struct krt_proc_entry *entry;	/* the directory and all its files, in the registry */
	struct netdev_sysfs_file files[];
};

/* A device's current directory; only RTNL holders look it up or change it. */
static DEFINE_HASHTABLE(netdev_sysfs_dirs, 8);

/* Dead directories whose files are still registered, and the wait for them to go. */
static DEFINE_MUTEX(netdev_sysfs_zombie_lock);
static LIST_HEAD(netdev_sysfs_zombies);
static unsigned long netdev_sysfs_zombie_gen;
static DECLARE_WAIT_QUEUE_HEAD(netdev_sysfs_zombie_wq);

/* ---- the attributes ------------------------------------------------------------------------ */

struct netdev_attr {
	const char *name;		/* path below the directory */
	int (*show)(struct net_device *dev, struct seq_file *m, const struct netdev_sysfs_file *f);
	int (*set)(struct net_device *dev, unsigned long val);	/* NULL: read-only */
	int (*precheck)(struct net_device *dev);	/* a store's early refusal, optional */
	size_t offset;			/* into struct rtnl_link_stats64, for statistics */
};

static const char fmt_hex[] = "%#x\n";
static const char fmt_dec[] = "%d\n";
static const char fmt_u64[] = "%llu\n";

/* A device whose unregistration has not started. */
static bool dev_isalive(const struct net_device *dev)
{
	return READ_ONCE(dev->reg_state) <= NETREG_REGISTERED;
}

/* A plain field: -EINVAL once the device is going away, as netdev_show(). */
#define NETDEV_FIELD_SHOW(field, format)						\
static int field##_show(struct net_device *dev, struct seq_file *m,			\
			const struct netdev_sysfs_file *f)				\
{											\
	if (!dev_isalive(dev))								\
		return -EINVAL;								\
	seq_printf(m, format, READ_ONCE(dev->field));					\
	return 0;									\
}

NETDEV_FIELD_SHOW(addr_assign_type, fmt_dec)
NETDEV_FIELD_SHOW(addr_len, fmt_dec)
NETDEV_FIELD_SHOW(ifindex, fmt_dec)
NETDEV_FIELD_SHOW(type, fmt_dec)
NETDEV_FIELD_SHOW(link_mode, fmt_dec)
NETDEV_FIELD_SHOW(mtu, fmt_dec)
NETDEV_FIELD_SHOW(flags, fmt_hex)
NETDEV_FIELD_SHOW(tx_queue_len, fmt_dec)
NETDEV_FIELD_SHOW(group, fmt_dec)

static int iflink_show(struct net_device *dev, struct seq_file *m, const struct netdev_sysfs_file *f)
{
	seq_printf(m, fmt_dec, dev_get_iflink(dev));
	return 0;
}

/* Devices named without telling how (NET_NAME_UNKNOWN) have no answer. */
static int name_assign_type_show(struct net_device *dev, struct seq_file *m,
				 const struct netdev_sysfs_file *f)
{
	if (READ_ONCE(dev->name_assign_type) == NET_NAME_UNKNOWN || !dev_isalive(dev))
		return -EINVAL;
	seq_printf(m, fmt_dec, READ_ONCE(dev->name_assign_type));
	return 0;
}

/* sysfs_format_mac(): addr_len bytes as "%*phC" (not %pM: any address length). */
static int mac_show(struct seq_file *m, const unsigned char *addr, int len)
{
	seq_printf(m, "%*phC\n", len, addr);
	return 0;
}

static int address_show(struct net_device *dev, struct seq_file *m, const struct netdev_sysfs_file *f)
{
	if (!dev_isalive(dev))
		return -EINVAL;
	return mac_show(m, dev->dev_addr, dev->addr_len);
}

static int broadcast_show(struct net_device *dev, struct seq_file *m,
			  const struct netdev_sysfs_file *f)
{
	if (!dev_isalive(dev))
		return -EINVAL;
	return mac_show(m, dev->broadcast, dev->addr_len);
}

static int dormant_show(struct net_device *dev, struct seq_file *m, const struct netdev_sysfs_file *f)
{
	if (!netif_running(dev))
		return -EINVAL;
	seq_printf(m, fmt_dec, test_bit(__LINK_STATE_DORMANT, &dev->state) ? 1 : 0);
	return 0;
}

static int testing_show(struct net_device *dev, struct seq_file *m, const struct netdev_sysfs_file *f)
{
	if (!netif_running(dev))
		return -EINVAL;
	seq_printf(m, fmt_dec, test_bit(__LINK_STATE_TESTING, &dev->state) ? 1 : 0);
	return 0;
}

static const char *const operstates[] = {
	"unknown",
	"notpresent",
	"down",
	"lowerlayerdown",
	"testing",
	"dormant",
	"up",
};

/* RFC 2863 state; a device that is not running is "down" whatever linkwatch last said. */
static int operstate_show(struct net_device *dev, struct seq_file *m,
			  const struct netdev_sysfs_file *f)
{
	unsigned char operstate = READ_ONCE(dev->operstate);

	if (!netif_running(dev))
		operstate = IF_OPER_DOWN;
	if (operstate >= ARRAY_SIZE(operstates))
		return -EINVAL;
	seq_printf(m, "%s\n", operstates[operstate]);
	return 0;
}

static int netdev_sysfs_rtnl_lock(struct netdev_sysfs_dir *dir);

/* The carrier after the pending link events, under RTNL; a device that is down has none. */
static int carrier_show(struct net_device *dev, struct seq_file *m, const struct netdev_sysfs_file *f)
{
	int ret = netdev_sysfs_rtnl_lock(f->dir);

	if (ret)
		return ret;
	ret = -EINVAL;
	if (netif_running(dev)) {
		linkwatch_sync_dev(dev);
		seq_printf(m, fmt_dec, netif_carrier_ok(dev) ? 1 : 0);
		ret = 0;
	}
	rtnl_unlock();
	return ret;
}

/* One counter of dev_get_stats(). */
static int netstat_show(struct net_device *dev, struct seq_file *m, const struct netdev_sysfs_file *f)
{
	struct rtnl_link_stats64 temp;
	const struct rtnl_link_stats64 *stats;

	if (!dev_isalive(dev))
		return -EINVAL;
	stats = dev_get_stats(dev, &temp);
	seq_printf(m, fmt_u64, *(const u64 *)((const u8 *)stats + f->attr->offset));
	return 0;
}

static int change_mtu(struct net_device *dev, unsigned long new_mtu)
{
	return dev_set_mtu(dev, (int)new_mtu);
}

static int change_flags(struct net_device *dev, unsigned long new_flags)
{
	return dev_change_flags(dev, (unsigned int)new_flags, NULL);
}

static int change_tx_queue_len(struct net_device *dev, unsigned long new_len)
{
	return dev_change_tx_queue_len(dev, new_len);
}

static int change_group(struct net_device *dev, unsigned long new_group)
{
	WRITE_ONCE(dev->group, (int)new_group);
	return 0;
}

static int change_carrier(struct net_device *dev, unsigned long new_carrier)
{
	if (!netif_running(dev))
		return -EINVAL;
	return dev_change_carrier(dev, new_carrier != 0);
}

/* Refused before parsing, as carrier_store() does, without touching RTNL. */
static int carrier_precheck(struct net_device *dev)
{
	return dev->netdev_ops->ndo_change_carrier ? 0 : -EOPNOTSUPP;
}

#define NETDEV_ATTR_RO(_name)		{ .name = #_name, .show = _name##_show }
#define NETDEV_ATTR_RW(_name, _set)	{ .name = #_name, .show = _name##_show, .set = _set }
#define NETSTAT_ATTR(_name)								\
	{ .name = "statistics/" #_name, .show = netstat_show,				\
	  .offset = offsetof(struct rtnl_link_stats64, _name) }

static const struct netdev_attr netdev_attrs[] = {
	NETDEV_ATTR_RO(type),
	NETDEV_ATTR_RO(iflink),
	NETDEV_ATTR_RO(ifindex),
	NETDEV_ATTR_RO(name_assign_type),
	NETDEV_ATTR_RO(addr_assign_type),
	NETDEV_ATTR_RO(addr_len),
	NETDEV_ATTR_RO(link_mode),
	NETDEV_ATTR_RO(address),
	NETDEV_ATTR_RO(broadcast),
	NETDEV_ATTR_RO(dormant),
	NETDEV_ATTR_RO(testing),
	NETDEV_ATTR_RO(operstate),
	{ .name = "netdev_group", .show = group_show, .set = change_group },
	{ .name = "carrier", .show = carrier_show, .set = change_carrier,
	  .precheck = carrier_precheck },
	NETDEV_ATTR_RW(mtu, change_mtu),
	NETDEV_ATTR_RW(flags, change_flags),
	NETDEV_ATTR_RW(tx_queue_len, change_tx_queue_len),
	NETSTAT_ATTR(rx_packets),
	NETSTAT_ATTR(tx_packets),
	NETSTAT_ATTR(rx_bytes),
	NETSTAT_ATTR(tx_bytes),
	NETSTAT_ATTR(rx_errors),
	NETSTAT_ATTR(tx_errors),
	NETSTAT_ATTR(rx_dropped),
	NETSTAT_ATTR(tx_dropped),
	NETSTAT_ATTR(multicast),
	NETSTAT_ATTR(collisions),
	NETSTAT_ATTR(rx_length_errors),
	NETSTAT_ATTR(rx_over_errors),
	NETSTAT_ATTR(rx_crc_errors),
	NETSTAT_ATTR(rx_frame_errors),
	NETSTAT_ATTR(rx_fifo_errors),
	NETSTAT_ATTR(rx_missed_errors),
	NETSTAT_ATTR(tx_aborted_errors),
	NETSTAT_ATTR(tx_carrier_errors),
	NETSTAT_ATTR(tx_fifo_errors),
	NETSTAT_ATTR(tx_heartbeat_errors),
	NETSTAT_ATTR(tx_window_errors),
	NETSTAT_ATTR(rx_compressed),
	NETSTAT_ATTR(tx_compressed),
	NETSTAT_ATTR(rx_nohandler),
};

/* ---- pinning: one tracked device reference per operation in flight ------------------------- */

/*
 * The registry's get and put hooks get no per-operation cookie, so the trackers of the calling
 * thread's operations are kept on a small per-thread stack: a thread's operations nest (a
 * handler may read another file), so put always matches the newest get.
 */
#define NETDEV_SYSFS_PIN_DEPTH	4

struct netdev_sysfs_pin {
	struct netdev_sysfs_dir *dir;
	netdevice_tracker tracker;
};

static __thread struct netdev_sysfs_pin netdev_sysfs_pins[NETDEV_SYSFS_PIN_DEPTH];
static __thread unsigned int netdev_sysfs_nr_pins;
static __thread unsigned int netdev_sysfs_untracked_pins;	/* beyond the stack: dev_hold() */

static void netdev_sysfs_dir_remove_files(struct netdev_sysfs_dir *dir);
static void netdev_sysfs_dir_put(struct netdev_sysfs_dir *dir);

/*
 * Called by the registry with its lock held. The hold is taken under dir->lock, where the
 * device cannot be unregistered past netdev_unregister_kobject() without seeing it.
 */
static bool netdev_sysfs_get(void *priv)
{
	struct netdev_sysfs_file *file = priv;
	struct netdev_sysfs_dir *dir = file->dir;

	mutex_lock(&dir->lock);
	if (dir->dead) {
		mutex_unlock(&dir->lock);
		return false;
	}
	dir->inflight++;
	refcount_inc(&dir->users);
	if (netdev_sysfs_nr_pins < NETDEV_SYSFS_PIN_DEPTH) {
		struct netdev_sysfs_pin *pin = &netdev_sysfs_pins[netdev_sysfs_nr_pins++];

		pin->dir = dir;
		netdev_hold(dir->dev, &pin->tracker, GFP_KERNEL);
	} else {
		netdev_sysfs_untracked_pins++;
		dev_hold(dir->dev);
	}
	mutex_unlock(&dir->lock);
	return true;
}

/*
 * Called by the registry after the operation left the file. The last operation on a dead
 * directory removes its files; the device reference goes after that, so that a waiting
 * unregistration sees the files gone when it returns.
 */
static void netdev_sysfs_put(void *priv)
{
	struct netdev_sysfs_file *file = priv;
	struct netdev_sysfs_dir *dir = file->dir;
	struct net_device *dev = dir->dev;
	struct netdev_sysfs_pin *pin = NULL;
	netdevice_tracker tracker = NULL;
	bool last;

	if (netdev_sysfs_untracked_pins)
		netdev_sysfs_untracked_pins--;
	else if (!WARN_ON_ONCE(!netdev_sysfs_nr_pins))
		pin = &netdev_sysfs_pins[--netdev_sysfs_nr_pins];
	if (pin) {
		WARN_ON_ONCE(pin->dir != dir);
		tracker = pin->tracker;
	}

	mutex_lock(&dir->lock);
	dir->inflight--;
	last = dir->dead && !dir->inflight;
	mutex_unlock(&dir->lock);
	if (last)
		netdev_sysfs_dir_remove_files(dir);
	netdev_sysfs_dir_put(dir);

	if (pin)
		netdev_put(dev, &tracker);
	else
		dev_put(dev);
}

/*
 * Take RTNL for a handler. A handler runs with its device pinned; it must not block on RTNL
 * while the holder of RTNL waits for the directory to go (see the top of the file), so it polls
 * and gives up once the directory is dead.
 */
static int netdev_sysfs_rtnl_lock(struct netdev_sysfs_dir *dir)
{
	for (;;) {
		/* Dead first: a restarted call finds the file gone, whoever holds RTNL. */
		if (READ_ONCE(dir->dead))
			return -ENODEV;
		if (rtnl_trylock())
			return 0;
		usleep_range(50, 200);
	}
}

static int netdev_sysfs_show(struct seq_file *m, void *priv)
{
	struct netdev_sysfs_file *file = priv;

	return file->attr->show(file->dir->dev, m, file);
}

/* netdev_store(): parse, take RTNL, apply to a device that is still alive (else 0 bytes). */
static ssize_t netdev_sysfs_write(void *priv, const char *buf, size_t len)
{
	struct netdev_sysfs_file *file = priv;
	const struct netdev_attr *attr = file->attr;
	struct net_device *dev = file->dir->dev;
	unsigned long val;
	char *text;
	int ret;

	if (attr->precheck) {
		ret = attr->precheck(dev);
		if (ret)
			return ret;
	}
	text = kmemdup_nul(buf, len, GFP_KERNEL);
	if (!text)
		return -ENOMEM;
	ret = kstrtoul(text, 0, &val);
	kfree(text);
	if (ret)
		return ret;

	ret = netdev_sysfs_rtnl_lock(file->dir);
	if (ret)
		return ret;
	if (dev_isalive(dev)) {
		ret = attr->set(dev, val);
		if (!ret)
			ret = len;
	}
	rtnl_unlock();
	return ret;
}

static const struct krt_proc_ops netdev_sysfs_ro_ops = {
	.show = netdev_sysfs_show,
	.get = netdev_sysfs_get,
	.put = netdev_sysfs_put,
};

static const struct krt_proc_ops netdev_sysfs_rw_ops = {
	.show = netdev_sysfs_show,
	.write = netdev_sysfs_write,
	.get = netdev_sysfs_get,
	.put = netdev_sysfs_put,
};

/* ---- directories ---------------------------------------------------------------------------- */

static struct netdev_sysfs_dir *netdev_sysfs_lookup(const struct net_device *dev)
{
	struct netdev_sysfs_dir *dir;

	hash_for_each_possible(netdev_sysfs_dirs, dir, hnode, (unsigned long)dev)
		if (dir->dev == dev)
			return dir;
	return NULL;
}

static bool netdev_sysfs_zombie_named(const char *name)
{
	struct netdev_sysfs_dir *dir;

	list_for_each_entry(dir, &netdev_sysfs_zombies, zombie)
		if (!strcmp(dir->name, name))
			return true;
	return false;
}

/*
 * Wait until no dead directory called @name keeps files (RTNL held). The operations it waits
 * for do not need RTNL to end: the handlers that poll for it give up on a dead directory.
 */
static void netdev_sysfs_wait_name_free(const char *name)
{
	unsigned long gen;
	bool busy;

	for (;;) {
		mutex_lock(&netdev_sysfs_zombie_lock);
		busy = netdev_sysfs_zombie_named(name);
		gen = netdev_sysfs_zombie_gen;
		mutex_unlock(&netdev_sysfs_zombie_lock);
		if (!busy)
			return;
		wait_event(netdev_sysfs_zombie_wq, READ_ONCE(netdev_sysfs_zombie_gen) != gen);
	}
}

/* Remove the files of a dead directory nobody operates on any more. */
static void netdev_sysfs_dir_remove_files(struct netdev_sysfs_dir *dir)
{
	krt_proc_remove(dir->entry);

	mutex_lock(&netdev_sysfs_zombie_lock);
	if (!list_empty(&dir->zombie)) {
		list_del(&dir->zombie);
		WRITE_ONCE(netdev_sysfs_zombie_gen, netdev_sysfs_zombie_gen + 1);
		wake_up_all(&netdev_sysfs_zombie_wq);
	}
	mutex_unlock(&netdev_sysfs_zombie_lock);
}

/* Drop one user of @dir's memory; the last frees it. */
static void netdev_sysfs_dir_put(struct netdev_sysfs_dir *dir)
{
	if (!refcount_dec_and_test(&dir->users))
		return;
	mutex_destroy(&dir->lock);
	kfree(dir);
}

/*
 * Stop new operations on @dir's files and remove them: now if none is in flight, else when
 * the last one ends (it may wait for anything, RTNL included, and we may hold RTNL). Drops the
 * registration's use of the memory.
 */
static void netdev_sysfs_dir_retire(struct netdev_sysfs_dir *dir)
{
	bool idle;

	mutex_lock(&dir->lock);
	WRITE_ONCE(dir->dead, true);
	idle = !dir->inflight;
	if (!idle) {
		mutex_lock(&netdev_sysfs_zombie_lock);
		list_add_tail(&dir->zombie, &netdev_sysfs_zombies);
		mutex_unlock(&netdev_sysfs_zombie_lock);
	}
	mutex_unlock(&dir->lock);
	if (idle)
		netdev_sysfs_dir_remove_files(dir);
	netdev_sysfs_dir_put(dir);
}

/* The files of every directory, in netdev_attrs' order (built once, under RTNL). */
static struct krt_proc_dir_file netdev_sysfs_table[ARRAY_SIZE(netdev_attrs)];

/* Create /sys/class/net/<dev->name>/ with every attribute (RTNL held). */
static struct netdev_sysfs_dir *netdev_sysfs_dir_create(struct net_device *dev)
{
	const unsigned int n = ARRAY_SIZE(netdev_attrs);
	struct netdev_sysfs_dir *dir;
	char path[sizeof(NET_SYSFS_ROOT) + IFNAMSIZ];
	struct krt_proc_entry *entry;
	unsigned int i;

	if (!netdev_sysfs_table[0].ops) {
		for (i = 0; i < n; i++) {
			netdev_sysfs_table[i].name = netdev_attrs[i].name;
			netdev_sysfs_table[i].ops = netdev_attrs[i].set ? &netdev_sysfs_rw_ops :
						    &netdev_sysfs_ro_ops;
		}
	}
	dir = kzalloc(struct_size(dir, files, n), GFP_KERNEL);
	if (!dir)
		return ERR_PTR(-ENOMEM);
	dir->dev = dev;
	strscpy(dir->name, dev->name, sizeof(dir->name));
	INIT_LIST_HEAD(&dir->zombie);
	mutex_init(&dir->lock);
	refcount_set(&dir->users, 1);
	for (i = 0; i < n; i++) {
		dir->files[i].dir = dir;
		dir->files[i].attr = &netdev_attrs[i];
	}

	netdev_sysfs_wait_name_free(dir->name);
	snprintf(path, sizeof(path), NET_SYSFS_ROOT "/%s", dir->name);
	/* One registry entry for the directory: a device's 41 files cost one registration. */
	entry = krt_proc_create_dir(path, netdev_sysfs_table, n, dir->files,
				    sizeof(dir->files[0]));
	if (IS_ERR(entry)) {
		/* Nothing was registered, so nobody can be reading. */
		netdev_sysfs_dir_put(dir);
		return ERR_CAST(entry);
	}
	dir->entry = entry;
	return dir;
}

/* Only init_net's devices are shown (see the top of the file). */
static bool netdev_sysfs_shown(const struct net_device *dev)
{
	return net_eq(dev_net(dev), &init_net);
}

/**
 * netdev_register_kobject - add the device's struct device and its sysfs directory
 * @dev: network device being registered (RTNL held)
 *
 * Return: 0 or a negative errno; on failure the struct device is initialised but not added,
 * and its reference is the caller's (free_netdev() drops it).
 */
int netdev_register_kobject(struct net_device *dev)
{
	struct device *d = &dev->dev;
	struct netdev_sysfs_dir *dir;
	int err;

	ASSERT_RTNL();
	device_initialize(d);
	d->release = netdev_release;
	d->init_name = dev->name;
	dev_set_drvdata(d, dev);
	err = device_add(d);
	if (err)
		return err;

	if (!netdev_sysfs_shown(dev))
		return 0;
	dir = netdev_sysfs_dir_create(dev);
	if (IS_ERR(dir)) {
		device_del(d);
		return PTR_ERR(dir);
	}
	hash_add(netdev_sysfs_dirs, &dir->hnode, (unsigned long)dev);
	return 0;
}

/**
 * netdev_unregister_kobject - remove the device's sysfs directory and struct device, keeping
 * one reference to the struct device for the todo runner
 * @dev: network device being unregistered (RTNL held)
 *
 * Does not wait for reads and writes in flight on the device's files: they hold the device,
 * so the todo runner waits for them; the last of them removes the files.
 */
void netdev_unregister_kobject(struct net_device *dev)
{
	struct device *d = &dev->dev;
	struct netdev_sysfs_dir *dir;

	ASSERT_RTNL();
	dir = netdev_sysfs_lookup(dev);
	if (dir) {
		hash_del(&dir->hnode);
		netdev_sysfs_dir_retire(dir);
	}
	get_device(d);
	device_del(d);
}

/**
 * netdev_rename_kobject - move the device's sysfs directory to its new name (RTNL held)
 * @dev: registered network device whose dev->name was just changed
 *
 * What device_rename() is to dev_change_name() in the kernel: called after the new name is in
 * dev->name and before NETDEV_CHANGENAME, and called again after the old name is put back when
 * a notifier vetoes the change. The new directory is complete before the old one goes; a
 * device whose directory already has that name (or that has none) is left alone.
 *
 * Return: 0, or a negative errno with the old directory still in place (the caller restores
 * the old name).
 */
int netdev_rename_kobject(struct net_device *dev)
{
	struct netdev_sysfs_dir *old, *dir;
	int err;

	ASSERT_RTNL();
	old = netdev_sysfs_lookup(dev);
	if (!old || !strcmp(old->name, dev->name))
		return 0;
	dir = netdev_sysfs_dir_create(dev);
	if (IS_ERR(dir))
		return PTR_ERR(dir);
	err = dev_set_name(&dev->dev, "%s", dev->name);
	if (err) {
		netdev_sysfs_dir_retire(dir);
		return err;
	}
	hash_del(&old->hnode);
	hash_add(netdev_sysfs_dirs, &dir->hnode, (unsigned long)dev);
	netdev_sysfs_dir_retire(old);
	return 0;
}
