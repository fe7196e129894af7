/* SPDX-License-Identifier: MIT */
/*
 * Shrinkers (mm/shrinker.c): callbacks that let reclaim ask a cache to give objects back. The
 * 6.12 API: shrinker_alloc() names and allocates one, the owner fills in count_objects,
 * scan_objects (and optionally seeks, batch, private_data), shrinker_register() makes it
 * visible to reclaim, shrinker_free() waits for running scans and frees it.
 *
 *	s = shrinker_alloc(0, "my-cache");
 *	s->count_objects = my_count;
 *	s->scan_objects = my_scan;
 *	s->private_data = cache;
 *	shrinker_register(s);
 *	...
 *	shrinker_free(s);
 */
#ifndef _LINUX_SHRINKER_H
#define _LINUX_SHRINKER_H

#include <linux/atomic.h>
#include <linux/types.h>
#include <linux/refcount.h>
#include <linux/completion.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/compiler.h>

struct mem_cgroup;
struct krt_proc_entry;

/* What reclaim tells a shrinker about the current call. */
struct shrink_control {
	/* The flags of the allocation reclaim works for: no __GFP_FS → do not call into FS. */
	gfp_t gfp_mask;

	/* The node being shrunk (always 0 in krt; only meaningful for SHRINKER_NUMA_AWARE). */
	int nid;

	/* How many objects scan_objects should look at; set before every call. */
	unsigned long nr_to_scan;

	/* How many it did look at: preset to nr_to_scan, the shrinker may lower it. */
	unsigned long nr_scanned;

	/* The memcg under pressure, for SHRINKER_MEMCG_AWARE shrinkers; NULL for global reclaim. */
	struct mem_cgroup *memcg;
};

/* scan_objects: no progress possible now (e.g. would deadlock); stop this reclaim pass. */
#define SHRINK_STOP (~0UL)
/* count_objects: nothing at all to free (0 means "cannot tell / skip this time"). */
#define SHRINK_EMPTY (~0UL - 1)

/*
 * A cache reclaim may shrink.
 *
 * @count_objects returns how many objects could be freed, SHRINK_EMPTY if none, or 0 to be
 * skipped this time. It must not block on locks reclaim might hold.
 * @scan_objects is only called after a non-zero count; it tries to free up to sc->nr_to_scan
 * objects and returns how many it freed, or SHRINK_STOP to end this reclaim pass for it.
 */
struct shrinker {
	unsigned long (*count_objects)(struct shrinker *shrinker, struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *shrinker, struct shrink_control *sc);

	long batch;	/* objects per scan_objects call; 0 means SHRINK_BATCH */
	int seeks;	/* cost of recreating an object; 0: trim half of them freely */
	unsigned int flags;

	/*
	 * 1 while registered plus one per running scan. shrinker_free() drops the first and waits
	 * on @done for the others, then frees the structure after an RCU grace period.
	 */
	refcount_t refcount;
	struct completion done;
	struct rcu_head rcu;

	void *private_data;

	/* Internal. */
	struct list_head list;
	int debugfs_id;
	const char *name;
	struct krt_proc_entry *debugfs_count;
	struct krt_proc_entry *debugfs_scan;
	/* Scan work carried over from passes that could not do it, per node. */
	atomic_long_t *nr_deferred;
};

#define DEFAULT_SEEKS 2	/* when in doubt */

/* Internal flags. */
#define SHRINKER_REGISTERED	BIT(0)
#define SHRINKER_ALLOCATED	BIT(1)

/* Flags for shrinker_alloc(). */
#define SHRINKER_NUMA_AWARE	BIT(2)
#define SHRINKER_MEMCG_AWARE	BIT(3)
/* Objects are not slab objects (meaningful only together with SHRINKER_MEMCG_AWARE). */
#define SHRINKER_NONSLAB	BIT(4)

__printf(2, 3)
struct shrinker *shrinker_alloc(unsigned int flags, const char *fmt, ...);
void shrinker_register(struct shrinker *shrinker);
void shrinker_free(struct shrinker *shrinker);

/*
 * shrinker_try_get - pin a registered shrinker found under rcu_read_lock(); fails once
 * shrinker_free() has started.
 */
static inline bool shrinker_try_get(struct shrinker *shrinker)
{
	return refcount_inc_not_zero(&shrinker->refcount);
}

/* shrinker_put - drop a pin; the last one lets shrinker_free() go on. */
static inline void shrinker_put(struct shrinker *shrinker)
{
	if (refcount_dec_and_test(&shrinker->refcount))
		complete(&shrinker->done);
}

__printf(2, 3)
int shrinker_debugfs_rename(struct shrinker *shrinker, const char *fmt, ...);

#endif /* _LINUX_SHRINKER_H */
