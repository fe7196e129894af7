// SPDX-License-Identifier: MIT
/*
 * The files that show the slab caches, in Linux 6.12's formats:
 *
 *  - /proc/slabinfo: "slabinfo - version: 2.1", one line per cache on slab_caches (merged
 *    caches share their target's line, as they share its struct kmem_cache);
 *  - /sys/kernel/slab/<cache>/: SLUB's per-cache attributes (sizes, counts, flags), the
 *    owner summaries alloc_calls and free_calls, and the validate, shrink, failslab,
 *    min_partial and cpu_partial controls.
 *
 * krt's file registry has no directories of its own: every cache gets its files registered
 * when it is created (sysfs_slab_add()) and unregistered before it is freed
 * (sysfs_slab_remove()). The caches created before this file's initcall (the kmalloc caches
 * and the cache of caches) are added by it, as slab_late_init() does in the kernel.
 */
#define pr_fmt(fmt) "SLUB: " fmt

#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <linux/printk.h>
#include <krt/proc.h>

#include "arch/host/host.h"
#include "mm/slab.h"
#include "mm/slab_proc.h"
#include "mm/slub_debug.h"

#define SLAB_SYSFS_ROOT		"/sys/kernel/slab"

/* ---- /proc/slabinfo ----------------------------------------------------------------------- */

static void slabinfo_cache_show(struct seq_file *m, struct kmem_cache *s)
{
	unsigned long active, nr_objs, nr_slabs;

	/* Read first: objects only become active in slabs that are already counted. */
	active = kmem_cache_active_objects(s);
	host_mutex_lock(&s->node.list_lock);
	nr_objs = s->node.total_objects;
	nr_slabs = s->node.nr_slabs;
	host_mutex_unlock(&s->node.list_lock);
	/* A shrink between the two reads could leave fewer slots than objects counted. */
	active = min(active, nr_objs);

	seq_printf(m, "%-17s %6lu %6lu %6u %4u %4d", s->name, active, nr_objs, s->size,
		   s->objects, 1 << s->order);
	/* SLUB has none of SLAB's tunables, and every slab it counts is in use. */
	seq_printf(m, " : tunables %4u %4u %4u", 0, 0, 0);
	seq_printf(m, " : slabdata %6lu %6lu %6lu", nr_slabs, nr_slabs, 0UL);
	seq_putc(m, '\n');
}

static int slabinfo_show(struct seq_file *m, void *priv)
{
	struct kmem_cache *s;

	seq_puts(m, "slabinfo - version: 2.1\n");
	seq_puts(m, "# name            <active_objs> <num_objs> <objsize> <objperslab>");
	seq_puts(m, " <pagesperslab>");
	seq_puts(m, " : tunables <limit> <batchcount> <sharedfactor>");
	seq_puts(m, " : slabdata <active_slabs> <num_slabs> <sharedavail>\n");

	host_mutex_lock(&slab_mutex);
	list_for_each_entry(s, &slab_caches, list)
		slabinfo_cache_show(m, s);
	host_mutex_unlock(&slab_mutex);
	return 0;
}

static const struct krt_proc_ops slabinfo_ops = { .show = slabinfo_show };

/* ---- /sys/kernel/slab/<cache>/ ------------------------------------------------------------ */

/*
 * Every file's priv is its cache. sysfs_slab_remove() waits for the reads and writes in
 * progress, so the cache outlives them and the files need no reference of their own.
 */

enum slab_node_count {
	NODE_SLABS,		/* slabs */
	NODE_OBJECTS,		/* object slots in them */
	NODE_PARTIAL,		/* slabs on the partial list */
	NODE_PARTIAL_INUSE,	/* objects in use in those */
};

static unsigned long slab_node_count(struct kmem_cache *s, enum slab_node_count what)
{
	struct kmem_cache_node *n = &s->node;
	unsigned long x = 0;
	struct slab *slab;

	host_mutex_lock(&n->list_lock);
	switch (what) {
	case NODE_SLABS:
		x = n->nr_slabs;
		break;
	case NODE_OBJECTS:
		x = n->total_objects;
		break;
	case NODE_PARTIAL:
		x = n->nr_partial;
		break;
	case NODE_PARTIAL_INUSE:
		list_for_each_entry(slab, &n->partial, slab_list)
			x += slab->inuse;
		break;
	}
	host_mutex_unlock(&n->list_lock);
	return x;
}

/* A file showing an unsigned value of the cache. */
#define SLAB_UINT_SHOW(_name, _expr)						\
static int _name##_show(struct seq_file *m, void *priv)			\
{										\
	struct kmem_cache *s = priv;						\
										\
	seq_printf(m, "%u\n", (unsigned int)(_expr));				\
	return 0;								\
}

/* A file showing one of the node's counters. */
#define SLAB_COUNT_SHOW(_name, _what)						\
static int _name##_show(struct seq_file *m, void *priv)			\
{										\
	seq_printf(m, "%lu\n", slab_node_count(priv, _what));			\
	return 0;								\
}

/* A file showing whether the cache has a flag: 0 or 1. */
#define SLAB_FLAG_SHOW(_name, _flag)						\
static int _name##_show(struct seq_file *m, void *priv)			\
{										\
	struct kmem_cache *s = priv;						\
										\
	seq_printf(m, "%d\n", !!(READ_ONCE(s->flags) & (_flag)));		\
	return 0;								\
}

SLAB_UINT_SHOW(slab_size, s->size)
SLAB_UINT_SHOW(object_size, s->object_size)
SLAB_UINT_SHOW(objs_per_slab, s->objects)
SLAB_UINT_SHOW(order, s->order)
SLAB_UINT_SHOW(align, s->align)
SLAB_UINT_SHOW(usersize, s->usersize)
SLAB_UINT_SHOW(min_partial, READ_ONCE(s->min_partial))

SLAB_COUNT_SHOW(slabs, NODE_SLABS)
SLAB_COUNT_SHOW(total_objects, NODE_OBJECTS)
SLAB_COUNT_SHOW(partial, NODE_PARTIAL)
SLAB_COUNT_SHOW(objects_partial, NODE_PARTIAL_INUSE)

SLAB_FLAG_SHOW(reclaim_account, SLAB_RECLAIM_ACCOUNT)
SLAB_FLAG_SHOW(hwcache_align, SLAB_HWCACHE_ALIGN)
SLAB_FLAG_SHOW(cache_dma, SLAB_CACHE_DMA)
SLAB_FLAG_SHOW(destroy_by_rcu, SLAB_TYPESAFE_BY_RCU)
SLAB_FLAG_SHOW(sanity_checks, SLAB_CONSISTENCY_CHECKS)
SLAB_FLAG_SHOW(trace, SLAB_TRACE)
SLAB_FLAG_SHOW(red_zone, SLAB_RED_ZONE)
SLAB_FLAG_SHOW(poison, SLAB_POISON)
SLAB_FLAG_SHOW(store_user, SLAB_STORE_USER)
SLAB_FLAG_SHOW(failslab, SLAB_FAILSLAB)

/* Objects handed out; objects waiting in threads' caches are free, as SLUB's per-CPU ones. */
static int objects_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%u\n", kmem_cache_active_objects(priv));
	return 0;
}

/* krt's per-thread caches hold objects, not slabs: no CPU slabs, no CPU partial slabs. */
static int cpu_slabs_show(struct seq_file *m, void *priv)
{
	seq_puts(m, "0\n");
	return 0;
}

static int cpu_partial_show(struct seq_file *m, void *priv)
{
	seq_puts(m, "0\n");
	return 0;
}

static int slabs_cpu_partial_show(struct seq_file *m, void *priv)
{
	seq_puts(m, "0(0)\n");
	return 0;
}

static int ctor_show(struct seq_file *m, void *priv)
{
	struct kmem_cache *s = priv;

	if (s->ctor)
		seq_printf(m, "%pS\n", s->ctor);
	return 0;
}

/* The other users a cache was merged with. */
static int aliases_show(struct seq_file *m, void *priv)
{
	struct kmem_cache *s = priv;
	int refcount = READ_ONCE(s->refcount);

	seq_printf(m, "%d\n", refcount < 0 ? 0 : refcount - 1);
	return 0;
}

/* validate and shrink read as empty files: they are commands. */
static int empty_show(struct seq_file *m, void *priv)
{
	return 0;
}

/* "1..." runs the full consistency check of a debug cache's slabs. */
static ssize_t validate_store(void *priv, const char *buf, size_t len)
{
	struct kmem_cache *s = priv;
	long ret;

	if (!len)
		return 0;
	if (buf[0] != '1' || !(s->flags & SLAB_DEBUG_FLAGS))
		return -EINVAL;
	ret = validate_slab_cache(s);
	return ret < 0 ? ret : len;
}

/* "1..." gives the cache's empty slabs back to the page allocator. */
static ssize_t shrink_store(void *priv, const char *buf, size_t len)
{
	if (!len)
		return 0;
	if (buf[0] != '1')
		return -EINVAL;
	kmem_cache_shrink(priv);
	return len;
}

/* "1..." makes the cache subject to failslab's cache-filter, anything else not. */
static ssize_t failslab_store(void *priv, const char *buf, size_t len)
{
	struct kmem_cache *s = priv;

	if (!len)
		return 0;
	/* The merged users did not ask for it. */
	if (READ_ONCE(s->refcount) > 1)
		return -EINVAL;
	if (buf[0] == '1')
		WRITE_ONCE(s->flags, s->flags | SLAB_FAILSLAB);
	else
		WRITE_ONCE(s->flags, s->flags & ~SLAB_FAILSLAB);
	return len;
}

/* The number of empty slabs the cache keeps on its partial list. */
static ssize_t min_partial_store(void *priv, const char *buf, size_t len)
{
	struct kmem_cache *s = priv;
	unsigned long min;
	int err;

	err = kstrtoul_from_user(buf, len, 10, &min);
	if (err)
		return err;
	WRITE_ONCE(s->min_partial, min);
	return len;
}

/* No CPU partial slabs in krt: only 0 is accepted, as by a kernel without them. */
static ssize_t cpu_partial_store(void *priv, const char *buf, size_t len)
{
	unsigned int objects;
	int err;

	err = kstrtouint_from_user(buf, len, 10, &objects);
	if (err)
		return err;
	return objects ? -EINVAL : len;
}

/*
 * The call sites of a SLAB_STORE_USER cache's objects (-ENOSYS for other caches), rendered by
 * mm/slub_debug.c. A sysfs file holds at most a page, as the kernel's did: lines that do not
 * fit are left out.
 */
static int slab_calls_show(struct seq_file *m, struct kmem_cache *s, bool alloc)
{
	size_t room = min_t(size_t, m->size - m->count, PAGE_SIZE);
	ssize_t n;

	n = slab_locations_show(s, m->buf + m->count, room, alloc);
	if (n < 0)
		return n;
	m->count += min_t(size_t, n, room ? room - 1 : 0);
	return 0;
}

static int alloc_calls_show(struct seq_file *m, void *priv)
{
	return slab_calls_show(m, priv, true);
}

static int free_calls_show(struct seq_file *m, void *priv)
{
	return slab_calls_show(m, priv, false);
}

struct slab_attr {
	const char *name;
	struct krt_proc_ops ops;
};

#define SLAB_ATTR_RO(_name)	{ #_name, { .show = _name##_show } }
#define SLAB_ATTR(_name)	{ #_name, { .show = _name##_show, .write = _name##_store } }
#define SLAB_ATTR_CMD(_name)	{ #_name, { .show = empty_show, .write = _name##_store } }

/*
 * Linux 6.12's attributes, less the NUMA, KFENCE and CONFIG_SLUB_STATS ones, plus alloc_calls
 * and free_calls, which 6.12 has replaced by debugfs files with stack traces.
 */
static const struct slab_attr slab_attrs[] = {
	SLAB_ATTR_RO(slab_size),
	SLAB_ATTR_RO(object_size),
	SLAB_ATTR_RO(objs_per_slab),
	SLAB_ATTR_RO(order),
	SLAB_ATTR(min_partial),
	SLAB_ATTR(cpu_partial),
	SLAB_ATTR_RO(objects_partial),
	SLAB_ATTR_RO(partial),
	SLAB_ATTR_RO(cpu_slabs),
	SLAB_ATTR_RO(ctor),
	SLAB_ATTR_RO(aliases),
	SLAB_ATTR_RO(align),
	SLAB_ATTR_RO(hwcache_align),
	SLAB_ATTR_RO(reclaim_account),
	SLAB_ATTR_RO(destroy_by_rcu),
	SLAB_ATTR_CMD(shrink),
	SLAB_ATTR_RO(slabs_cpu_partial),
	SLAB_ATTR_RO(total_objects),
	SLAB_ATTR_RO(objects),
	SLAB_ATTR_RO(slabs),
	SLAB_ATTR_RO(sanity_checks),
	SLAB_ATTR_RO(trace),
	SLAB_ATTR_RO(red_zone),
	SLAB_ATTR_RO(poison),
	SLAB_ATTR_RO(store_user),
	SLAB_ATTR_CMD(validate),
	SLAB_ATTR_RO(alloc_calls),
	SLAB_ATTR_RO(free_calls),
	SLAB_ATTR_RO(cache_dma),
	SLAB_ATTR(failslab),
	SLAB_ATTR_RO(usersize),
};

/* ---- the caches' directories ---------------------------------------------------------------- */

/* The files of one cache. */
struct slab_files {
	struct list_head list;
	struct kmem_cache *s;
	unsigned int nr;
	struct krt_proc_entry *entries[ARRAY_SIZE(slab_attrs)];
};

/* slab_files_lock guards the list and slab_files_ready; taken inside slab_mutex. */
DEFINE_HOST_MUTEX_FORK_SAFE(slab_files_lock);
static LIST_HEAD(slab_files_list);
static bool slab_files_ready;

static struct slab_files *slab_files_find(struct kmem_cache *s)
{
	struct slab_files *f;

	list_for_each_entry(f, &slab_files_list, list)
		if (f->s == s)
			return f;
	return NULL;
}

static void slab_files_remove(struct slab_files *f)
{
	while (f->nr)
		krt_proc_remove(f->entries[--f->nr]);
}

static int slab_files_create(struct slab_files *f, const char *dir)
{
	char path[256];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(slab_attrs); i++) {
		struct krt_proc_entry *e;

		if (snprintf(path, sizeof(path), SLAB_SYSFS_ROOT "/%s/%s", dir,
			     slab_attrs[i].name) >= sizeof(path))
			return -ENAMETOOLONG;
		e = krt_proc_create(path, &slab_attrs[i].ops, f->s);
		if (IS_ERR(e))
			return PTR_ERR(e);
		f->entries[f->nr++] = e;
	}
	return 0;
}

/**
 * sysfs_slab_add - create the files of cache @s
 * @s: a cache being created
 *
 * Creates /sys/kernel/slab/<name>/. A '/' in the name becomes '!', as kobject names do.
 * Before the boot initcall has run this does nothing: the initcall adds every cache on
 * slab_caches. Adding a cache twice is harmless. Called with slab_mutex held; takes only this
 * file's lock and the file registry's.
 *
 * Return: 0; -EEXIST when another cache of the same name has the directory (@s then has
 * none), -ENAMETOOLONG or -ENOMEM.
 */
int sysfs_slab_add(struct kmem_cache *s)
{
	struct slab_files *f;
	char *dir;
	int err = 0;

	host_mutex_lock(&slab_files_lock);
	if (!slab_files_ready || slab_files_find(s))
		goto out_unlock;
	err = -ENOMEM;
	f = host_zalloc(sizeof(*f));
	dir = host_alloc(strlen(s->name) + 1);
	if (!f || !dir)
		goto out_free;
	f->s = s;
	strreplace(strcpy(dir, s->name), '/', '!');

	err = slab_files_create(f, dir);
	if (err) {
		slab_files_remove(f);
		goto out_free;
	}
	list_add_tail(&f->list, &slab_files_list);
	host_free(dir);
	host_mutex_unlock(&slab_files_lock);
	return 0;

out_free:
	host_free(dir);
	host_free(f);
out_unlock:
	host_mutex_unlock(&slab_files_lock);
	return err;
}

/**
 * sysfs_slab_remove - remove the files of cache @s
 * @s: a cache being destroyed
 *
 * Waits for the reads and writes of @s's files in progress, so @s may be freed afterwards.
 * Call it before the cache is shut down and released. May be called with slab_mutex held: the
 * files' operations never take it. A cache without files is ignored.
 */
void sysfs_slab_remove(struct kmem_cache *s)
{
	struct slab_files *f;

	/* Held while removing, so a new cache of the same name finds the paths free. */
	host_mutex_lock(&slab_files_lock);
	f = slab_files_find(s);
	if (f) {
		list_del(&f->list);
		slab_files_remove(f);
	}
	host_mutex_unlock(&slab_files_lock);
	host_free(f);
}

static int __init slab_proc_init(void)
{
	struct kmem_cache *s;
	int err;

	err = PTR_ERR_OR_ZERO(krt_proc_create("/proc/slabinfo", &slabinfo_ops, NULL));
	if (err)
		return err;

	host_mutex_lock(&slab_mutex);
	host_mutex_lock(&slab_files_lock);
	slab_files_ready = true;
	host_mutex_unlock(&slab_files_lock);
	list_for_each_entry(s, &slab_caches, list) {
		if (sysfs_slab_add(s))
			pr_err("Unable to add boot slab %s to sysfs\n", s->name);
	}
	host_mutex_unlock(&slab_mutex);
	return 0;
}
fs_initcall(slab_proc_init);
