// SPDX-License-Identifier: MIT
/*
 * Shrinkers: the caches reclaim may ask to give objects back, and shrink_slab(), which decides
 * how much to ask each of them for, the kernel's way.
 *
 * The list of registered shrinkers is an RCU list: shrink_slab() walks it under
 * rcu_read_lock() and pins each shrinker (a refcount) for the time its callbacks run, with the
 * RCU read lock dropped, since callbacks may sleep. shrinker_free() drops the registration's
 * reference, waits until the pins are gone, unlinks the shrinker and frees it after a grace
 * period, so a walk standing on it can still step to the next one.
 *
 * Each registered shrinker also appears in debugfs, as the kernel's CONFIG_SHRINKER_DEBUG:
 * /sys/kernel/debug/shrinker/<name>-<id>/count and .../scan.
 *
 * krt simplification: there is no per-memcg shrinker bitmap and no per-memcg deferred work. A
 * memcg reclaim (a memcg other than the root) calls every SHRINKER_MEMCG_AWARE shrinker with
 * sc->memcg set and no others, and does not carry scan work over to the next pass. The debugfs
 * files know only the root: "count" has one line "0 <count>", "scan" takes memcg id 0.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/numa.h>
#include <linux/find.h>
#include <linux/bitops.h>
#include <linux/vmstat.h>
#include <linux/memcontrol.h>
#include <krt/proc.h>

#include "internal.h"

#define SHRINK_BATCH 128

#define SHRINKER_DEBUGFS_ROOT "/sys/kernel/debug/shrinker"
/* Ids of the debugfs directories; a shrinker beyond this many simply has none. */
#define SHRINKER_DEBUGFS_IDS (1 << 16)

/* Serialises registration and freeing; readers of shrinker_list use RCU instead. */
static DEFINE_MUTEX(shrinker_mutex);
static LIST_HEAD(shrinker_list);
static DECLARE_BITMAP(shrinker_debugfs_ids, SHRINKER_DEBUGFS_IDS);

/* Take the carried-over scan work so that a concurrent pass does not do it twice. */
static long take_nr_deferred(struct shrinker *shrinker, struct shrink_control *sc)
{
	int nid = (shrinker->flags & SHRINKER_NUMA_AWARE) ? sc->nid : 0;

	return atomic_long_xchg(&shrinker->nr_deferred[nid], 0);
}

static void give_back_nr_deferred(struct shrinker *shrinker, struct shrink_control *sc, long nr)
{
	int nid = (shrinker->flags & SHRINKER_NUMA_AWARE) ? sc->nid : 0;

	atomic_long_add(nr, &shrinker->nr_deferred[nid]);
}

/*
 * One shrinker, one pass: scan (freeable >> priority) * 4 / seeks objects plus a share of the
 * work earlier passes left over, in batches. Returns the objects freed, or SHRINK_EMPTY.
 */
static unsigned long do_shrink_slab(struct shrink_control *sc, struct shrinker *shrinker,
				    int priority, bool defer)
{
	long batch_size = shrinker->batch ? shrinker->batch : SHRINK_BATCH;
	unsigned long count, freed = 0;
	long freeable, nr = 0, total_scan, scanned = 0, next_deferred;
	unsigned long long delta;

	count = shrinker->count_objects(shrinker, sc);
	if (count == 0 || count == SHRINK_EMPTY)
		return count;
	freeable = (long)min_t(unsigned long, count, LONG_MAX / 4);

	if (defer)
		nr = take_nr_deferred(shrinker, sc);

	if (shrinker->seeks) {
		delta = (unsigned long long)(freeable >> priority) * 4;
		delta /= shrinker->seeks;
	} else {
		/* Free to recreate (no IO): trim hard so they do not push out what costs IO. */
		delta = freeable / 2;
	}

	total_scan = (nr >> priority) + (long)delta;
	total_scan = min(total_scan, 2 * freeable);

	/*
	 * Normally at least a whole batch per call; but when the target covers the whole cache
	 * (high pressure on a small cache) scan it even if it is smaller than a batch, or small
	 * caches spread over many shrinkers would never be freed.
	 */
	while (total_scan >= batch_size || total_scan >= freeable) {
		unsigned long ret;
		unsigned long nr_to_scan = min(batch_size, total_scan);

		sc->nr_to_scan = nr_to_scan;
		sc->nr_scanned = nr_to_scan;
		ret = shrinker->scan_objects(shrinker, sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;

		count_vm_events(SLABS_SCANNED, sc->nr_scanned);
		total_scan -= sc->nr_scanned;
		scanned += sc->nr_scanned;

		cond_resched();
	}

	if (!defer)
		return freed;

	/*
	 * Carry over the new work (delta) this pass did not do, minus old deferred work it did,
	 * bounded by twice the cache size so that a long-blocked shrinker is not then emptied.
	 */
	next_deferred = max_t(long, nr + (long)delta - scanned, 0);
	next_deferred = min(next_deferred, 2 * freeable);
	give_back_nr_deferred(shrinker, sc, next_deferred);
	return freed;
}

/**
 * shrink_slab - ask the registered shrinkers to free objects
 * @gfp_mask: the reclaiming allocation's effective flags, passed on in sc->gfp_mask
 * @nid: the node under pressure (0)
 * @memcg: the memory cgroup under pressure, or NULL (or the root) for global reclaim
 * @priority: DEF_PRIORITY for a light pass, down to 0 for the hardest one
 *
 * Global reclaim calls every shrinker; memcg reclaim only the SHRINKER_MEMCG_AWARE ones. Either
 * way sc->memcg is @memcg. Each scanned object counts as a SLABS_SCANNED vm event.
 *
 * Context: may sleep; shrinkers may be registered and freed meanwhile.
 * Return: the number of objects the shrinkers reported freed.
 */
unsigned long shrink_slab(gfp_t gfp_mask, int nid, struct mem_cgroup *memcg, int priority)
{
	/* The root memcg's reclaim is global reclaim, as in the kernel. */
	bool memcg_reclaim = memcg && !mem_cgroup_is_root(memcg);
	unsigned long ret, freed = 0;
	struct shrinker *shrinker;

	rcu_read_lock();
	list_for_each_entry_rcu(shrinker, &shrinker_list, list) {
		struct shrink_control sc = {
			.gfp_mask = gfp_mask,
			.nid = nid,
			.memcg = memcg,
		};

		if (!shrinker_try_get(shrinker))
			continue;	/* being freed, or not set up yet */
		if (memcg_reclaim && !(shrinker->flags & SHRINKER_MEMCG_AWARE)) {
			shrinker_put(shrinker);
			continue;
		}

		/* The pin keeps the shrinker; its callbacks may sleep. */
		rcu_read_unlock();
		ret = do_shrink_slab(&sc, shrinker, priority, !memcg_reclaim);
		if (ret == SHRINK_EMPTY)
			ret = 0;
		freed += ret;

		/*
		 * Back under RCU before unpinning: once unpinned the shrinker may be unlinked, and
		 * only the grace period keeps it (and its ->next) valid for the walk.
		 */
		rcu_read_lock();
		shrinker_put(shrinker);
	}
	rcu_read_unlock();
	cond_resched();
	return freed;
}

/* debugfs: "count" prints "<memcg id> <objects per node>", root (0) only, if not zero. */
static int shrinker_debugfs_count_show(struct seq_file *m, void *priv)
{
	struct shrinker *shrinker = priv;
	struct shrink_control sc = {
		.gfp_mask = GFP_KERNEL,
		.nid = 0,
	};
	unsigned long nr;

	nr = shrinker->count_objects(shrinker, &sc);
	if (nr == SHRINK_EMPTY)
		nr = 0;
	if (nr)
		seq_printf(m, "0 %lu\n", nr);
	return 0;
}

/* debugfs: "scan" takes "<memcg id> <nid> <nr_to_scan>" and calls scan_objects once. */
static ssize_t shrinker_debugfs_scan_write(void *priv, const char *buf, size_t len)
{
	struct shrinker *shrinker = priv;
	struct shrink_control sc = {
		.gfp_mask = GFP_KERNEL,
	};
	unsigned long ino, nr_to_scan = 0;
	char kbuf[72];
	int nid;

	memcpy(kbuf, buf, min(len, sizeof(kbuf) - 1));
	kbuf[min(len, sizeof(kbuf) - 1)] = '\0';
	if (sscanf(kbuf, "%lu %d %lu", &ino, &nid, &nr_to_scan) != 3)
		return -EINVAL;
	if (nid < 0 || nid >= nr_node_ids)
		return -EINVAL;
	if (nr_to_scan == 0)
		return len;
	/* Only the root (0) exists here: krt's memcgs have no cgroup inode numbers. */
	if (ino != 0)
		return (shrinker->flags & SHRINKER_MEMCG_AWARE) ? -ENOENT : -EINVAL;

	sc.nid = nid;
	sc.nr_to_scan = nr_to_scan;
	sc.nr_scanned = nr_to_scan;
	shrinker->scan_objects(shrinker, &sc);
	return len;
}

/* Pin the shrinker for one debugfs access; fails once shrinker_free() has begun. */
static bool shrinker_debugfs_get(void *priv)
{
	return shrinker_try_get(priv);
}

static void shrinker_debugfs_put(void *priv)
{
	shrinker_put(priv);
}

static const struct krt_proc_ops shrinker_debugfs_count_ops = {
	.show = shrinker_debugfs_count_show,
	.get = shrinker_debugfs_get,
	.put = shrinker_debugfs_put,
};

static const struct krt_proc_ops shrinker_debugfs_scan_ops = {
	.write = shrinker_debugfs_scan_write,
	.get = shrinker_debugfs_get,
	.put = shrinker_debugfs_put,
};

/* Create the shrinker's debugfs files; called with shrinker_mutex held. */
static void shrinker_debugfs_add(struct shrinker *shrinker)
{
	char path[192];
	int id;

	lockdep_assert_held(&shrinker_mutex);
	id = find_first_zero_bit(shrinker_debugfs_ids, SHRINKER_DEBUGFS_IDS);
	if (id >= SHRINKER_DEBUGFS_IDS) {
		shrinker->debugfs_id = -1;
		return;
	}
	__set_bit(id, shrinker_debugfs_ids);
	shrinker->debugfs_id = id;

	if (shrinker->count_objects) {
		snprintf(path, sizeof(path), SHRINKER_DEBUGFS_ROOT "/%s-%d/count",
			 shrinker->name, id);
		shrinker->debugfs_count = krt_proc_create(path, &shrinker_debugfs_count_ops,
							  shrinker);
	}
	if (shrinker->scan_objects) {
		snprintf(path, sizeof(path), SHRINKER_DEBUGFS_ROOT "/%s-%d/scan",
			 shrinker->name, id);
		shrinker->debugfs_scan = krt_proc_create(path, &shrinker_debugfs_scan_ops,
							 shrinker);
	}
}

struct shrinker_debugfs_files {
	struct krt_proc_entry *count;
	struct krt_proc_entry *scan;
	int id;
};

/* Take the files off the shrinker (mutex held); removed later without the mutex. */
static struct shrinker_debugfs_files shrinker_debugfs_detach(struct shrinker *shrinker)
{
	struct shrinker_debugfs_files files = {
		.count = shrinker->debugfs_count,
		.scan = shrinker->debugfs_scan,
		.id = shrinker->debugfs_id,
	};

	lockdep_assert_held(&shrinker_mutex);
	shrinker->debugfs_count = NULL;
	shrinker->debugfs_scan = NULL;
	shrinker->debugfs_id = -1;
	return files;
}

/*
 * Removing waits for reads and writes in progress, whose callbacks might register or free
 * shrinkers themselves: so never with shrinker_mutex held. The id is released only afterwards,
 * or a new shrinker of the same name could find the old paths still taken.
 */
static void shrinker_debugfs_remove(struct shrinker_debugfs_files files)
{
	krt_proc_remove(files.count);
	krt_proc_remove(files.scan);
	if (files.id >= 0) {
		mutex_lock(&shrinker_mutex);
		__clear_bit(files.id, shrinker_debugfs_ids);
		mutex_unlock(&shrinker_mutex);
	}
}

/**
 * shrinker_debugfs_rename - give a shrinker a new name (and debugfs directory)
 * @shrinker: the shrinker
 * @fmt: printf format of the new name
 *
 * Return: 0, or -ENOMEM.
 */
int shrinker_debugfs_rename(struct shrinker *shrinker, const char *fmt, ...)
{
	struct shrinker_debugfs_files old = { .id = -1 };
	const char *new, *prev;
	va_list ap;

	va_start(ap, fmt);
	new = kvasprintf_const(GFP_KERNEL, fmt, ap);
	va_end(ap);
	if (!new)
		return -ENOMEM;

	mutex_lock(&shrinker_mutex);
	prev = shrinker->name;
	shrinker->name = new;
	if (shrinker->flags & SHRINKER_REGISTERED) {
		old = shrinker_debugfs_detach(shrinker);
		shrinker_debugfs_add(shrinker);
	}
	mutex_unlock(&shrinker_mutex);

	shrinker_debugfs_remove(old);
	kfree_const(prev);
	return 0;
}

/**
 * shrinker_alloc - allocate a shrinker
 * @flags: SHRINKER_NUMA_AWARE, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB
 * @fmt: printf format of its name (the debugfs directory is "<name>-<id>")
 *
 * The caller sets count_objects and scan_objects (and optionally seeks, batch, private_data),
 * then calls shrinker_register(). seeks starts as DEFAULT_SEEKS, batch as 0 (SHRINK_BATCH).
 *
 * Return: the shrinker, or NULL when memory ran out.
 */
struct shrinker *shrinker_alloc(unsigned int flags, const char *fmt, ...)
{
	struct shrinker *shrinker;
	va_list ap;

	shrinker = kzalloc(sizeof(*shrinker), GFP_KERNEL);
	if (!shrinker)
		return NULL;

	va_start(ap, fmt);
	shrinker->name = kvasprintf_const(GFP_KERNEL, fmt, ap);
	va_end(ap);
	if (!shrinker->name)
		goto err;

	/* One counter per node even for memcg-aware ones: global reclaim carries work over. */
	shrinker->nr_deferred = kcalloc(nr_node_ids, sizeof(*shrinker->nr_deferred), GFP_KERNEL);
	if (!shrinker->nr_deferred)
		goto err_name;

	shrinker->flags = (flags & (SHRINKER_NUMA_AWARE | SHRINKER_MEMCG_AWARE |
				    SHRINKER_NONSLAB)) | SHRINKER_ALLOCATED;
	shrinker->seeks = DEFAULT_SEEKS;
	shrinker->debugfs_id = -1;
	INIT_LIST_HEAD(&shrinker->list);
	return shrinker;

err_name:
	kfree_const(shrinker->name);
err:
	kfree(shrinker);
	return NULL;
}

/**
 * shrinker_register - make a shrinker from shrinker_alloc() visible to reclaim
 * @shrinker: the shrinker, with its callbacks set
 *
 * From here on, reclaim in any thread may call its callbacks.
 */
void shrinker_register(struct shrinker *shrinker)
{
	if (unlikely(!(shrinker->flags & SHRINKER_ALLOCATED))) {
		pr_warn("Must use shrinker_alloc() to dynamically allocate the shrinker\n");
		return;
	}

	/*
	 * Everything a walker reads is written before list_add_tail_rcu() publishes the shrinker;
	 * the walker reads it only after pinning, so flags never change under its eyes.
	 */
	init_completion(&shrinker->done);
	mutex_lock(&shrinker_mutex);
	shrinker->flags |= SHRINKER_REGISTERED;
	list_add_tail_rcu(&shrinker->list, &shrinker_list);
	shrinker_debugfs_add(shrinker);
	mutex_unlock(&shrinker_mutex);

	/* Set up completely: lookups may pin it from now on. */
	refcount_set(&shrinker->refcount, 1);
}

static void shrinker_free_rcu_cb(struct rcu_head *head)
{
	struct shrinker *shrinker = container_of(head, struct shrinker, rcu);

	kfree(shrinker->nr_deferred);
	kfree(shrinker);
}

/**
 * shrinker_free - unregister (if registered) and free a shrinker
 * @shrinker: the shrinker from shrinker_alloc(), registered or not; NULL is ignored
 *
 * Waits for the reclaim passes and debugfs accesses running its callbacks; when it returns, no
 * callback runs or will run again, so whatever private_data points to may be freed.
 *
 * Context: may sleep; must not be called from the shrinker's own callbacks.
 */
void shrinker_free(struct shrinker *shrinker)
{
	struct shrinker_debugfs_files files = { .id = -1 };

	if (!shrinker)
		return;

	if (shrinker->flags & SHRINKER_REGISTERED) {
		/* Drop the registration's reference, then wait for the pins of running scans. */
		shrinker_put(shrinker);
		wait_for_completion(&shrinker->done);
	}

	mutex_lock(&shrinker_mutex);
	if (shrinker->flags & SHRINKER_REGISTERED) {
		list_del_rcu(&shrinker->list);
		files = shrinker_debugfs_detach(shrinker);
		shrinker->flags &= ~SHRINKER_REGISTERED;
	}
	kfree_const(shrinker->name);
	shrinker->name = NULL;
	mutex_unlock(&shrinker_mutex);

	shrinker_debugfs_remove(files);

	/* A shrink_slab() walk may still stand on it: free after a grace period. */
	call_rcu(&shrinker->rcu, shrinker_free_rcu_cb);
}
