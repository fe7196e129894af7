// SPDX-License-Identifier: MIT
/*
 * Device names and indexes: name validation, "%d" templates resolved to the lowest free unit,
 * the per-namespace name and ifindex hash tables, ifindex reservation (cyclic, as the kernel's
 * xarray allocation) and the lookup quartets by name and by index.
 */
#include <linux/netdevice.h>
#include <linux/bitmap.h>
#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "net/core/dev.h"

#define MAX_NETDEVICES	(8 * PAGE_SIZE)

/* An ifindex handed out by dev_index_reserve() and not yet released. */
struct ifindex_node {
	struct hlist_node node;
	int ifindex;
};

struct ifindex_table {
	struct hlist_head head[NETDEV_HASHENTRIES];
};

/**
 * netdev_name_hash_bucket - hash bucket of a device name
 * @name: NUL-terminated name
 */
unsigned int netdev_name_hash_bucket(const char *name)
{
	u32 h = 2166136261u;

	while (*name)
		h = (h ^ (u8)*name++) * 16777619u;
	return (h ^ (h >> 16)) & (NETDEV_HASHENTRIES - 1);
}

/**
 * netdev_name_hash_init - allocate a namespace's name, index and ifindex tables
 * @net: namespace being set up
 */
int netdev_name_hash_init(struct net *net)
{
	net->dev_name_head = kcalloc(NETDEV_HASHENTRIES, sizeof(struct hlist_head), GFP_KERNEL);
	net->dev_index_head = kcalloc(NETDEV_HASHENTRIES, sizeof(struct hlist_head), GFP_KERNEL);
	net->krt_ifindex_table = kzalloc(sizeof(struct ifindex_table), GFP_KERNEL);
	if (!net->dev_name_head || !net->dev_index_head || !net->krt_ifindex_table) {
		netdev_name_hash_free(net);
		return -ENOMEM;
	}
	return 0;
}

/**
 * netdev_name_hash_free - free the tables of a namespace without devices
 * @net: namespace being torn down
 */
void netdev_name_hash_free(struct net *net)
{
	kfree(net->dev_name_head);
	kfree(net->dev_index_head);
	kfree(net->krt_ifindex_table);
	net->dev_name_head = NULL;
	net->dev_index_head = NULL;
	net->krt_ifindex_table = NULL;
}

static struct ifindex_node *ifindex_find(struct net *net, int ifindex)
{
	struct ifindex_table *t = net->krt_ifindex_table;
	struct ifindex_node *n;

	hlist_for_each_entry(n, &t->head[ifindex & (NETDEV_HASHENTRIES - 1)], node)
		if (n->ifindex == ifindex)
			return n;
	return NULL;
}

/**
 * dev_index_reserve - reserve @ifindex, or the next free index after the last one given
 * @net: namespace (RTNL held)
 * @ifindex: wanted index, or 0 for any
 *
 * Returns the index, -EEXIST when a wanted index is taken, -EINVAL or -ENOMEM.
 */
int dev_index_reserve(struct net *net, int ifindex)
{
	struct ifindex_table *t = net->krt_ifindex_table;
	struct ifindex_node *n;
	int start;

	ASSERT_RTNL();
	if (ifindex < 0)
		return -EINVAL;
	if (ifindex) {
		if (ifindex_find(net, ifindex))
			return -EEXIST;
	} else {
		/* Cyclic: start after the last index handed out, wrap to 1 after INT_MAX. */
		start = net->ifindex;
		ifindex = start;
		do {
			ifindex = ifindex == INT_MAX ? 1 : ifindex + 1;
			if (!ifindex_find(net, ifindex))
				break;
		} while (ifindex != start);
		if (ifindex == start && ifindex_find(net, ifindex))
			return -EBUSY;
		net->ifindex = ifindex;
	}
	n = kmalloc(sizeof(*n), GFP_KERNEL);
	if (!n)
		return -ENOMEM;
	n->ifindex = ifindex;
	hlist_add_head(&n->node, &t->head[ifindex & (NETDEV_HASHENTRIES - 1)]);
	return ifindex;
}

/**
 * dev_index_release - give back an index from dev_index_reserve()
 * @net: namespace (RTNL held)
 * @ifindex: the index
 */
void dev_index_release(struct net *net, int ifindex)
{
	struct ifindex_node *n = ifindex_find(net, ifindex);

	if (WARN_ON(!n))
		return;
	hlist_del(&n->node);
	kfree(n);
}

/**
 * dev_valid_name - is @name acceptable as a device name
 * @name: candidate
 *
 * Non-empty, shorter than IFNAMSIZ, not "." or "..", and without '/', ':' or whitespace.
 */
bool dev_valid_name(const char *name)
{
	if (*name == '\0')
		return false;
	if (strnlen(name, IFNAMSIZ) == IFNAMSIZ)
		return false;
	if (!strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	while (*name) {
		if (*name == '/' || *name == ':' || isspace(*name))
			return false;
		name++;
	}
	return true;
}

/* The unit @name uses under template @fmt ("eth%d"), or -1; the round trip must be exact. */
static int name_unit(const char *fmt, const char *name)
{
	const char *pct = strchr(fmt, '%');
	size_t prefix = pct - fmt;
	char buf[IFNAMSIZ];
	long unit = 0;
	const char *p;

	if (strncmp(name, fmt, prefix))
		return -1;
	p = name + prefix;
	if (!isdigit(*p))
		return -1;
	while (isdigit(*p) && unit < MAX_NETDEVICES)
		unit = unit * 10 + (*p++ - '0');
	if (unit >= MAX_NETDEVICES)
		return -1;
	snprintf(buf, IFNAMSIZ, fmt, (int)unit);
	return strncmp(buf, name, IFNAMSIZ) ? -1 : (int)unit;
}

static int __dev_alloc_name(struct net *net, const char *name, char *res)
{
	struct net_device *d;
	unsigned long *inuse;
	char buf[IFNAMSIZ];
	const char *p;
	int i;

	/* Exactly one "%d" and no other '%'. */
	p = strchr(name, '%');
	if (!p || p[1] != 'd' || strchr(p + 2, '%'))
		return -EINVAL;

	inuse = bitmap_zalloc(MAX_NETDEVICES, GFP_ATOMIC);
	if (!inuse)
		return -ENOMEM;
	for_each_netdev(net, d) {
		i = name_unit(name, d->name);
		if (i >= 0)
			__set_bit(i, inuse);
	}
	i = find_first_zero_bit(inuse, MAX_NETDEVICES);
	bitmap_free(inuse);
	if (i == MAX_NETDEVICES)
		return -ENFILE;

	/* @res and @name may be the same buffer. */
	strscpy(buf, name, IFNAMSIZ);
	snprintf(res, IFNAMSIZ, buf, i);
	return i;
}

static int dev_prep_valid_name(struct net *net, struct net_device *dev, const char *want_name,
			       char *out_name, int dup_errno)
{
	if (!dev_valid_name(want_name))
		return -EINVAL;
	if (strchr(want_name, '%'))
		return __dev_alloc_name(net, want_name, out_name);
	if (__dev_get_by_name(net, want_name))
		return -dup_errno;
	if (out_name != want_name)
		strscpy(out_name, want_name, IFNAMSIZ);
	return 0;
}

/**
 * dev_alloc_name - resolve a "%d" template (or check a fixed name) for @dev
 * @dev: device, in its namespace
 * @name: template or name
 *
 * Returns the unit chosen (0 for a fixed name), -EINVAL, -ENFILE when no unit is free or the
 * fixed name is taken, -ENOMEM.
 */
int dev_alloc_name(struct net_device *dev, const char *name)
{
	return dev_prep_valid_name(dev_net(dev), dev, name, dev->name, ENFILE);
}

/**
 * dev_get_valid_name - set @dev's name from @name, as registration does
 * @net: namespace
 * @dev: device
 * @name: template or name
 *
 * Returns 0, -EINVAL, -EEXIST (fixed name in use), -ENFILE or -ENOMEM.
 */
int dev_get_valid_name(struct net *net, struct net_device *dev, const char *name)
{
	int ret = dev_prep_valid_name(net, dev, name, dev->name, EEXIST);

	return ret < 0 ? ret : 0;
}

/**
 * __dev_get_by_name - find a device by name (RTNL held); no reference taken
 * @net: namespace
 * @name: name
 */
struct net_device *__dev_get_by_name(struct net *net, const char *name)
{
	struct net_device *dev;

	hlist_for_each_entry(dev, &net->dev_name_head[netdev_name_hash_bucket(name)], name_hlist)
		if (!strncmp(dev->name, name, IFNAMSIZ))
			return dev;
	return NULL;
}

/**
 * dev_get_by_name_rcu - find a device by name under rcu_read_lock(); no reference taken
 * @net: namespace
 * @name: name
 */
struct net_device *dev_get_by_name_rcu(struct net *net, const char *name)
{
	struct net_device *dev;

	hlist_for_each_entry_rcu(dev, &net->dev_name_head[netdev_name_hash_bucket(name)],
				 name_hlist)
		if (!strncmp(dev->name, name, IFNAMSIZ))
			return dev;
	return NULL;
}

/**
 * dev_get_by_name - find a device by name and take an (untracked) reference
 * @net: namespace
 * @name: name
 *
 * The caller must dev_put() the result.
 */
struct net_device *dev_get_by_name(struct net *net, const char *name)
{
	/* An untracked reference: no tracker to allocate, only the holder's stack to keep. */
	return netdev_get_by_name(net, name, NULL, GFP_ATOMIC);
}

/**
 * netdev_get_by_name - find a device by name and take a tracked reference
 * @net: namespace
 * @name: name
 * @tracker: tracker for the reference
 * @gfp: allocation mode for the tracker
 */
struct net_device *netdev_get_by_name(struct net *net, const char *name,
				      netdevice_tracker *tracker, gfp_t gfp)
{
	struct net_device *dev;

	rcu_read_lock();
	dev = dev_get_by_name_rcu(net, name);
	if (dev)
		netdev_refcnt_hold(dev);
	rcu_read_unlock();
	if (dev)
		netdev_tracker_alloc(dev, tracker, gfp);
	return dev;
}

/**
 * __dev_get_by_index - find a device by ifindex (RTNL held); no reference taken
 * @net: namespace
 * @ifindex: index
 */
struct net_device *__dev_get_by_index(struct net *net, int ifindex)
{
	struct net_device *dev;

	hlist_for_each_entry(dev, &net->dev_index_head[ifindex & (NETDEV_HASHENTRIES - 1)],
			     index_hlist)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

/**
 * dev_get_by_index_rcu - find a device by ifindex under rcu_read_lock(); no reference taken
 * @net: namespace
 * @ifindex: index
 */
struct net_device *dev_get_by_index_rcu(struct net *net, int ifindex)
{
	struct net_device *dev;

	hlist_for_each_entry_rcu(dev, &net->dev_index_head[ifindex & (NETDEV_HASHENTRIES - 1)],
				 index_hlist)
		if (dev->ifindex == ifindex)
			return dev;
	return NULL;
}

/**
 * dev_get_by_index - find a device by ifindex and take an (untracked) reference
 * @net: namespace
 * @ifindex: index
 */
struct net_device *dev_get_by_index(struct net *net, int ifindex)
{
	/* An untracked reference: no tracker to allocate, only the holder's stack to keep. */
	return netdev_get_by_index(net, ifindex, NULL, GFP_ATOMIC);
}

/**
 * netdev_get_by_index - find a device by ifindex and take a tracked reference
 * @net: namespace
 * @ifindex: index
 * @tracker: tracker for the reference
 * @gfp: allocation mode for the tracker
 */
struct net_device *netdev_get_by_index(struct net *net, int ifindex,
				       netdevice_tracker *tracker, gfp_t gfp)
{
	struct net_device *dev;

	rcu_read_lock();
	dev = dev_get_by_index_rcu(net, ifindex);
	if (dev)
		netdev_refcnt_hold(dev);
	rcu_read_unlock();
	if (dev)
		netdev_tracker_alloc(dev, tracker, gfp);
	return dev;
}

/**
 * dev_get_iflink - the ifindex of the device @dev is linked to (its own for most)
 * @dev: network device
 */
int dev_get_iflink(const struct net_device *dev)
{
	if (dev->netdev_ops && dev->netdev_ops->ndo_get_iflink)
		return dev->netdev_ops->ndo_get_iflink(dev);
	return READ_ONCE(dev->ifindex);
}

/**
 * dev_change_name - rename a device (RTNL held)
 * @dev: network device
 * @newname: new name or template
 *
 * Returns 0, -EBUSY for a running device that may not be renamed live, or a name error.
 */
int dev_change_name(struct net_device *dev, const char *newname)
{
	struct net *net = dev_net(dev);
	unsigned char old_assign_type;
	char oldname[IFNAMSIZ];
	int err, ret;

	ASSERT_RTNL();
	if (!strncmp(newname, dev->name, IFNAMSIZ))
		return 0;
	memcpy(oldname, dev->name, IFNAMSIZ);
	err = dev_get_valid_name(net, dev, newname);
	if (err < 0)
		return err;
	if (oldname[0] && !strchr(oldname, '%'))
		netdev_info(dev, "renamed from %s%s\n", oldname,
			    dev->flags & IFF_UP ? " (while UP)" : "");
	old_assign_type = dev->name_assign_type;
	dev->name_assign_type = NET_NAME_RENAMED;

rollback:
	ret = netdev_rename_kobject(dev);
	if (ret) {
		memcpy(dev->name, oldname, IFNAMSIZ);
		dev->name_assign_type = old_assign_type;
		return ret;
	}
	hlist_del_rcu(&dev->name_hlist);
	synchronize_net();
	hlist_add_head_rcu(&dev->name_hlist, &net->dev_name_head[netdev_name_hash_bucket(dev->name)]);

	ret = call_netdevice_notifiers(NETDEV_CHANGENAME, dev);
	ret = notifier_to_errno(ret);
	if (ret) {
		if (err >= 0) {
			err = ret;
			memcpy(dev->name, oldname, IFNAMSIZ);
			strscpy(oldname, newname, IFNAMSIZ);
			dev->name_assign_type = old_assign_type;
			old_assign_type = NET_NAME_RENAMED;
			goto rollback;
		}
		netdev_err(dev, "name change rollback failed: %d\n", ret);
	}
	return err;
}
