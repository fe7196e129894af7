// SPDX-License-Identifier: MIT
/*
 * The GFP flags as Documentation/core-api/memory-allocation.rst describes them, exercised
 * through the real page allocator: watermarks and the reserves of GFP_ATOMIC and __GFP_HIGH,
 * kswapd and direct reclaim through shrinkers, the gfp mask a shrinker sees (NOFS, NOIO and the
 * memalloc scopes), NORETRY, RETRY_MAYFAIL, the OOM path and its notifiers, costly orders,
 * NOFAIL and its warnings, PF_MEMALLOC / __GFP_MEMALLOC / __GFP_NOMEMALLOC, warn_alloc() and
 * its ratelimit, might_alloc() in atomic context, and fail_page_alloc / fail-nth seen from
 * alloc_pages().
 *
 * Each case brings the zones GFP_KERNEL may use to exact free-page levels (lower zones empty,
 * the main zone at a level computed from its watermarks, for any mem=), holding the pages it
 * took, and gives everything back in the exit hook, also when the case failed half-way.
 *
 * kswapd may run at any time while memory is low (any allocation below the low watermark
 * wakes it) and may then call a shrinker registered here. The test caches therefore record
 * kswapd's calls apart from the test thread's, and those that must see direct reclaim alone
 * give kswapd nothing.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/notifier.h>
#include <linux/oom.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/shrinker.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <krt/mm.h>
#include <krt/panic.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>

#include "page_alloc_helpers.h"


#define FPA_DIR		"/sys/kernel/debug/fail_page_alloc/"
#define FAIL_NTH	"/proc/thread-self/fail-nth"
#define MAKE_IT_FAIL	"/proc/thread-self/make-it-fail"

/* ---------------------------------------------------------------------------------------- */
/* A cache of pages the test owns, with a shrinker that gives them back */

struct test_cache {
	spinlock_t lock;
	struct list_head pages;		/* through page->lru */
	unsigned long nr;
	bool direct_only;		/* kswapd finds nothing to reclaim */
	unsigned long per_round;	/* pages per direct reclaim round at most; 0: any */
	struct task_struct *owner;	/* the test thread: its calls are recorded apart */

	/* What the shrinker was asked, under @lock. */
	unsigned int owner_scans;
	unsigned long owner_freed;
	gfp_t owner_gfp;		/* sc->gfp_mask of the owner's last scan */
	unsigned long round;		/* the owner's allocstall count: one per reclaim round */
	unsigned long round_freed;
	unsigned int kswapd_scans;
	unsigned long kswapd_freed;
	unsigned int other_scans;

	struct shrinker *shrinker;
};

static unsigned long test_cache_count(struct shrinker *s, struct shrink_control *sc)
{
	struct test_cache *c = s->private_data;

	if (c->direct_only && (current->flags & PF_KSWAPD))
		return 0;
	return READ_ONCE(c->nr) ?: SHRINK_EMPTY;
}

static unsigned long test_cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct test_cache *c = s->private_data;
	bool kswapd = current->flags & PF_KSWAPD;
	bool owner = current == c->owner;
	unsigned long want = sc->nr_to_scan, n = 0;
	struct page *page, *next;
	LIST_HEAD(victims);

	if (c->direct_only && kswapd)
		return SHRINK_STOP;
	spin_lock(&c->lock);
	if (owner) {
		unsigned long round = pa_my_allocstalls();

		c->owner_scans++;
		c->owner_gfp = sc->gfp_mask;
		if (round != c->round) {
			c->round = round;
			c->round_freed = 0;
		}
		if (c->per_round)
			want = min(want, c->per_round - c->round_freed);
	} else if (kswapd) {
		c->kswapd_scans++;
	} else {
		c->other_scans++;
	}
	list_for_each_entry_safe(page, next, &c->pages, lru) {
		if (n == want)
			break;
		list_move(&page->lru, &victims);
		n++;
	}
	c->nr -= n;
	if (owner) {
		c->owner_freed += n;
		c->round_freed += n;
	} else if (kswapd) {
		c->kswapd_freed += n;
	}
	spin_unlock(&c->lock);

	/* Freed by the reclaiming task: its reclaim progress. */
	list_for_each_entry_safe(page, next, &victims, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	return n;
}

/* ---------------------------------------------------------------------------------------- */
/* Per-case state; the exit hook undoes whatever a case left behind */

struct oom_giver {
	struct notifier_block nb;
	int calls;
	int give_from_call;		/* give pages back from this call on (1-based); 0: never */
	unsigned long give;		/* pages per call */
	bool registered;
};

static struct gfp_test_ctx {
	struct kunit *test;
	struct pa_hold hold;
	struct zone *main;
	struct test_cache cache;
	struct oom_giver oom;
	bool knobs_touched;
} ctx;

static int oom_give(struct notifier_block *nb, unsigned long val, void *data)
{
	struct oom_giver *g = container_of(nb, struct oom_giver, nb);
	unsigned long *freed = data;

	g->calls++;
	if (g->give_from_call && g->calls >= g->give_from_call)
		*freed += pa_release_pages(&ctx.hold, ctx.main, g->give);
	return NOTIFY_OK;
}

static void oom_giver_register(struct kunit *test, int give_from_call, unsigned long give)
{
	ctx.oom.nb.notifier_call = oom_give;
	ctx.oom.calls = 0;
	ctx.oom.give_from_call = give_from_call;
	ctx.oom.give = give;
	KUNIT_ASSERT_EQ(test, register_oom_notifier(&ctx.oom.nb), 0);
	ctx.oom.registered = true;
}

/* Register the test cache's shrinker; the cache starts empty. */
static void cache_register(struct kunit *test, bool direct_only, unsigned long per_round)
{
	struct test_cache *c = &ctx.cache;
	struct shrinker *s = shrinker_alloc(0, "krt-gfp-test");

	KUNIT_ASSERT_NOT_NULL(test, s);
	c->direct_only = direct_only;
	c->per_round = per_round;
	c->owner = current;
	s->count_objects = test_cache_count;
	s->scan_objects = test_cache_scan;
	s->seeks = DEFAULT_SEEKS;
	s->private_data = c;
	c->shrinker = s;
	shrinker_register(s);
}

/* Move @nr held pages of the main zone into the cache (free pages do not change). */
static void cache_fill(struct kunit *test, unsigned long nr)
{
	struct test_cache *c = &ctx.cache;
	LIST_HEAD(list);
	unsigned long moved = pa_move_pages(&ctx.hold, ctx.main, nr, &list);

	KUNIT_ASSERT_EQ(test, moved, nr);
	spin_lock(&c->lock);
	list_splice(&list, &c->pages);
	c->nr += moved;
	c->round = pa_my_allocstalls();
	c->round_freed = 0;
	spin_unlock(&c->lock);
}

static void cache_reset_stats(void)
{
	struct test_cache *c = &ctx.cache;

	spin_lock(&c->lock);
	c->owner_scans = 0;
	c->owner_freed = 0;
	c->owner_gfp = 0;
	c->kswapd_scans = 0;
	c->kswapd_freed = 0;
	c->other_scans = 0;
	c->round = pa_my_allocstalls();
	c->round_freed = 0;
	spin_unlock(&c->lock);
}

/* Give the cache's pages back into the hold (so that the exit hook frees them). */
static void cache_empty_into_hold(void)
{
	struct test_cache *c = &ctx.cache;
	struct page *page, *next;

	spin_lock(&c->lock);
	list_for_each_entry_safe(page, next, &c->pages, lru) {
		list_move(&page->lru, &ctx.hold.pages);
		ctx.hold.nr++;
	}
	c->nr = 0;
	spin_unlock(&c->lock);
}

/*
 * Empty the zones below the main one and bring the main zone to @level free pages. Skips the
 * case when the main zone has a high-atomic reserve (its free pages are out of the test's
 * reach and would be counted by some watermark checks and not by others).
 */
static void setup_level(struct kunit *test, unsigned long level)
{
	if (READ_ONCE(ctx.main->nr_reserved_highatomic))
		kunit_skip(test, "zone %s has a high-atomic reserve", ctx.main->name);
	KUNIT_ASSERT_TRUE_MSG(test, pa_setup(&ctx.hold, level),
			      "cannot bring zone %s to %lu free pages (now %lu)", ctx.main->name,
			      level, pa_zone_free(ctx.main));
}

/* Bring the main zone (back) to @level; the lower zones stay empty. */
static void set_level(struct kunit *test, unsigned long level)
{
	KUNIT_ASSERT_TRUE_MSG(test, pa_set_level(&ctx.hold, ctx.main, level),
			      "cannot bring zone %s to %lu free pages (now %lu)", ctx.main->name,
			      level, pa_zone_free(ctx.main));
}

static unsigned long wmark_min(void)
{
	return min_wmark_pages(ctx.main);
}

static unsigned long reserve(void)
{
	return pa_reserve(ctx.main);
}

/* The exact first line warn_alloc() prints for a failure of this thread. */
static const char *warn_line(char *buf, size_t size, unsigned int order, const char *mode)
{
	snprintf(buf, size,
		 "%s: page allocation failure: order:%u, mode:%s, nodemask=(null),cpuset=/,"
		 "mems_allowed=0\n", current->comm, order, mode);
	return buf;
}

static bool warned(unsigned int order, const char *mode)
{
	char line[256];

	return krt_printk_capture_contains(warn_line(line, sizeof(line), order, mode));
}

static int gfp_test_init(struct kunit *test)
{
	memset(&ctx, 0, sizeof(ctx));
	ctx.test = test;
	pa_hold_init(&ctx.hold);
	spin_lock_init(&ctx.cache.lock);
	INIT_LIST_HEAD(&ctx.cache.pages);
	ctx.main = pa_main_zone();
	if (!ctx.main)
		return -ENODEV;
	krt_warn_alloc_ratelimit_reset();
	krt_oom_ratelimit_reset();
	krt_might_sleep_ratelimit_reset();
	krt_kswapd_reset_failures();
	return 0;
}

/* fail_page_alloc knobs a case may change, with their defaults. */
static const struct {
	const char *name;
	const char *value;
} fpa_defaults[] = {
	{ "probability", "0" },
	{ "interval", "1" },
	{ "times", "1" },
	{ "space", "0" },
	{ "verbose", "2" },
	{ "task-filter", "N" },
	{ "ignore-gfp-wait", "Y" },
	{ "ignore-gfp-highmem", "Y" },
	{ "min-order", "1" },
};

static ssize_t knob_write(const char *name, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), FPA_DIR "%s", name);
	return krt_proc_write(path, value, strlen(value));
}

static void set_knob(struct kunit *test, const char *name, const char *value)
{
	ctx.knobs_touched = true;
	KUNIT_ASSERT_EQ_MSG(test, knob_write(name, value), (ssize_t)strlen(value),
			    "writing \"%s\" to " FPA_DIR "%s", value, name);
}

static void gfp_test_exit(struct kunit *test)
{
	unsigned int i;

	krt_printk_capture_end();
	if (ctx.oom.registered)
		unregister_oom_notifier(&ctx.oom.nb);
	/* shrinker_free() waits for a scan kswapd may be running. */
	shrinker_free(ctx.cache.shrinker);
	cache_empty_into_hold();
	pa_release_all(&ctx.hold);
	krt_page_reporting_flush();
	if (ctx.knobs_touched) {
		/* probability first: the attr is off before the other knobs change under it. */
		for (i = 0; i < ARRAY_SIZE(fpa_defaults); i++)
			KUNIT_EXPECT_EQ_MSG(test, knob_write(fpa_defaults[i].name,
							     fpa_defaults[i].value),
					    (ssize_t)strlen(fpa_defaults[i].value),
					    "restoring %s", fpa_defaults[i].name);
	}
	krt_warn_alloc_ratelimit_reset();
	krt_oom_ratelimit_reset();
	krt_kswapd_reset_failures();
}

/* Allocate and free at once: did it succeed? */
static bool try_alloc(gfp_t gfp, unsigned int order)
{
	struct page *page = alloc_pages(gfp, order);

	if (!page)
		return false;
	__free_pages(page, order);
	return true;
}

/* ---------------------------------------------------------------------------------------- */
/* Watermarks and reserves */

/*
 * GFP_NOWAIT may not go below the min watermark: it fails at min (no report: NOWAIT includes
 * __GFP_NOWARN) and succeeds one page above. GFP_ATOMIC still succeeds at min.
 */
static void gfp_nowait_fails_below_min(struct kunit *test)
{
	unsigned long min = wmark_min() + reserve();

	setup_level(test, min + 1);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_NOWAIT, 0));

	set_level(test, min);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_NOWAIT, 0));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page allocation failure"));
	set_level(test, min);
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_ATOMIC, 0));
	krt_printk_capture_end();
}

/*
 * GFP_ATOMIC (__GFP_HIGH without direct reclaim) may use 5/8 of the min reserve: it succeeds
 * while more than 3/8 of min is free and fails (with a report) at 3/8.
 */
static void gfp_atomic_reserve(struct kunit *test)
{
	unsigned long amin = pa_atomic_min(ctx.main) + reserve();

	setup_level(test, amin + 1);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_ATOMIC, 0));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page allocation failure"));

	set_level(test, amin);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC, 0));
	KUNIT_EXPECT_TRUE(test, warned(0, "0x820(GFP_ATOMIC)"));
	/* Below min already, a plain non-blocking request gets nothing. */
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_NOWAIT, 0));
	krt_printk_capture_end();
}

/*
 * __GFP_HIGH is ALLOC_MIN_RESERVE: half of the min reserve. Only a request that also cannot
 * block (no __GFP_DIRECT_RECLAIM, no __GFP_NOMEMALLOC) gets the extra quarter (ALLOC_NON_BLOCK),
 * so a blocking __GFP_HIGH request fails at min/2 where __GFP_HIGH alone still succeeds.
 */
static void gfp_high_half_reserve(struct kunit *test)
{
	const gfp_t blocking_high = GFP_KERNEL | __GFP_HIGH | __GFP_NORETRY | __GFP_NOWARN;
	unsigned long hmin = pa_high_min(ctx.main) + reserve();

	setup_level(test, hmin + 1);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, try_alloc(blocking_high, 0));
	set_level(test, hmin + 1);
	KUNIT_EXPECT_TRUE(test, try_alloc(__GFP_HIGH | __GFP_NOMEMALLOC | __GFP_NOWARN, 0));

	set_level(test, hmin);
	KUNIT_EXPECT_FALSE(test, try_alloc(blocking_high, 0));
	KUNIT_EXPECT_FALSE(test, try_alloc(__GFP_HIGH | __GFP_NOMEMALLOC | __GFP_NOWARN, 0));
	/* Without direct reclaim, __GFP_HIGH is GFP_ATOMIC's reserve: 3/8 of min. */
	KUNIT_EXPECT_TRUE(test, try_alloc(__GFP_HIGH | __GFP_NOWARN, 0));
	/* And below min a request without __GFP_HIGH fails either way. */
	set_level(test, hmin);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN, 0));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page allocation failure"));
	krt_printk_capture_end();
}

/* ---------------------------------------------------------------------------------------- */
/* kswapd and direct reclaim */

/*
 * GFP_NOWAIT below the low watermark wakes kswapd, which calls the shrinkers in the background
 * until the zone is above its high watermark, and then stops (the cache keeps the rest).
 */
static void gfp_nowait_wakes_kswapd(struct kunit *test)
{
	unsigned long level = wmark_min() + reserve();
	unsigned long high = high_wmark_pages(ctx.main) + reserve();
	unsigned long deficit = high + 1 - level;
	unsigned long size = 4 * deficit + 512;
	unsigned long runs, steal, scan;
	struct page *page;
	int i;

	cache_register(test, false, 0);
	setup_level(test, level);
	cache_fill(test, size);
	KUNIT_ASSERT_EQ(test, pa_zone_free(ctx.main), level);

	krt_kswapd_reset_failures();
	runs = krt_vm_event_read(PAGEOUTRUN);
	steal = krt_vm_event_read(PGSTEAL_KSWAPD);
	scan = krt_vm_event_read(PGSCAN_KSWAPD);

	page = alloc_page(GFP_NOWAIT);
	/* kswapd may already have freed enough: the result itself is not the point here. */
	if (page)
		__free_page(page);

	/* kswapd counts its steal when its run ends; wait for a run that reached high. */
	for (i = 0; i < 2000; i++) {
		if (krt_vm_event_read(PGSTEAL_KSWAPD) - steal >= deficit &&
		    zone_watermark_ok_safe(ctx.main, 0, high_wmark_pages(ctx.main),
					   pa_kernel_zoneidx()))
			break;
		msleep(5);
	}
	KUNIT_EXPECT_GE(test, krt_vm_event_read(PAGEOUTRUN), runs + 1);
	KUNIT_EXPECT_GE(test, krt_vm_event_read(PGSTEAL_KSWAPD) - steal, deficit);
	KUNIT_EXPECT_GE(test, krt_vm_event_read(PGSCAN_KSWAPD) - scan, deficit);
	KUNIT_EXPECT_TRUE(test, zone_watermark_ok_safe(ctx.main, 0, high_wmark_pages(ctx.main),
						       pa_kernel_zoneidx()));
	spin_lock(&ctx.cache.lock);
	KUNIT_EXPECT_GE(test, ctx.cache.kswapd_scans, 1U);
	KUNIT_EXPECT_GE(test, ctx.cache.kswapd_freed, deficit);
	/* It stopped once balanced: not the whole cache. */
	KUNIT_EXPECT_GT(test, ctx.cache.nr, 0UL);
	/* NOWAIT never reclaims itself. */
	KUNIT_EXPECT_EQ(test, ctx.cache.owner_scans, 0U);
	spin_unlock(&ctx.cache.lock);
}

/*
 * Direct reclaim from the test thread with @gfp: the zone at min, a cache of 64 pages that only
 * direct reclaim may shrink. Returns the mask the shrinker saw (0 if it was not called).
 */
static gfp_t direct_reclaim_probe(struct kunit *test, gfp_t gfp)
{
	unsigned long level = wmark_min() + reserve();
	unsigned long stalls, steal, scan;
	struct page *page;
	gfp_t seen;

	set_level(test, level);
	cache_fill(test, 64);
	cache_reset_stats();
	KUNIT_EXPECT_EQ(test, pa_zone_free(ctx.main), level);
	stalls = pa_my_allocstalls();
	steal = pa_my_event(PGSTEAL_DIRECT);
	scan = pa_my_event(PGSCAN_DIRECT);

	page = alloc_page(gfp);
	KUNIT_EXPECT_NOT_NULL_MSG(test, page, "gfp %#x", (__force unsigned int)gfp);
	if (page)
		__free_page(page);

	KUNIT_EXPECT_EQ(test, pa_my_allocstalls(), stalls + 1);
	spin_lock(&ctx.cache.lock);
	KUNIT_EXPECT_GE(test, ctx.cache.owner_scans, 1U);
	KUNIT_EXPECT_GE(test, ctx.cache.owner_freed, 1UL);
	/* Progress is what the reclaiming task freed: exactly the cache's pages. */
	KUNIT_EXPECT_EQ(test, pa_my_event(PGSTEAL_DIRECT) - steal, ctx.cache.owner_freed);
	KUNIT_EXPECT_EQ(test, pa_my_event(PGSCAN_DIRECT) - scan, ctx.cache.owner_freed);
	seen = ctx.cache.owner_gfp;
	spin_unlock(&ctx.cache.lock);
	cache_empty_into_hold();
	return seen;
}

/* GFP_KERNEL below min reclaims directly: the shrinker runs in the allocating task. */
static void gfp_kernel_direct_reclaim(struct kunit *test)
{
	cache_register(test, true, 0);
	setup_level(test, wmark_min() + reserve());
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, direct_reclaim_probe(test, GFP_KERNEL), GFP_KERNEL);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page allocation failure"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));
	krt_printk_capture_end();
}

/*
 * A shrinker sees the reclaiming allocation's effective mask: __GFP_FS clear for GFP_NOFS and
 * inside memalloc_nofs_save(), __GFP_IO clear too for GFP_NOIO and memalloc_noio_save().
 */
static void gfp_reclaim_sees_context(struct kunit *test)
{
	unsigned int flags, flags2;
	gfp_t seen;

	cache_register(test, true, 0);
	setup_level(test, wmark_min() + reserve());
	krt_printk_capture_begin(false);

	seen = direct_reclaim_probe(test, GFP_NOFS);
	KUNIT_EXPECT_EQ(test, seen, GFP_NOFS);
	KUNIT_EXPECT_FALSE(test, seen & __GFP_FS);
	KUNIT_EXPECT_TRUE(test, seen & __GFP_IO);

	seen = direct_reclaim_probe(test, GFP_NOIO);
	KUNIT_EXPECT_EQ(test, seen, GFP_NOIO);
	KUNIT_EXPECT_FALSE(test, seen & (__GFP_FS | __GFP_IO));

	flags = memalloc_nofs_save();
	seen = direct_reclaim_probe(test, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, seen, GFP_NOFS);
	/* Nested: noio inside nofs clears IO as well; its restore leaves nofs in force. */
	flags2 = memalloc_noio_save();
	seen = direct_reclaim_probe(test, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, seen, GFP_NOIO);
	memalloc_noio_restore(flags2);
	seen = direct_reclaim_probe(test, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, seen, GFP_NOFS);
	memalloc_nofs_restore(flags);

	seen = direct_reclaim_probe(test, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, seen, GFP_KERNEL);
	krt_printk_capture_end();
}

/*
 * GFP_KERNEL & ~__GFP_RECLAIM: no reclaim at all, not even waking kswapd; it fails below min
 * with a report although the cache could give memory back.
 */
static void gfp_no_reclaim_at_all(struct kunit *test)
{
	const gfp_t gfp = GFP_KERNEL & ~__GFP_RECLAIM;
	unsigned long level = wmark_min() + reserve();
	unsigned long stalls, runs;

	cache_register(test, true, 0);
	setup_level(test, level);
	cache_fill(test, 64);
	cache_reset_stats();
	KUNIT_ASSERT_EQ(test, pa_zone_free(ctx.main), level);
	krt_kswapd_reset_failures();
	stalls = pa_my_allocstalls();
	runs = krt_vm_event_read(PAGEOUTRUN);

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, try_alloc(gfp, 0));
	KUNIT_EXPECT_TRUE(test, warned(0, "0xc0(__GFP_IO|__GFP_FS)"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, pa_my_allocstalls(), stalls);
	/* No __GFP_KSWAPD_RECLAIM: kswapd was not woken (give it time to show if it was). */
	msleep(20);
	KUNIT_EXPECT_EQ(test, krt_vm_event_read(PAGEOUTRUN), runs);
	spin_lock(&ctx.cache.lock);
	KUNIT_EXPECT_EQ(test, ctx.cache.owner_scans, 0U);
	spin_unlock(&ctx.cache.lock);
}

/* The deficit the retry cases start from and the pages their cache gives back per round. */
#define RETRY_DEFICIT	40UL
#define RETRY_PER_ROUND	8UL

/* Zone @RETRY_DEFICIT pages short of passing min; a cache giving 8 pages per reclaim round. */
static void setup_trickle(struct kunit *test, unsigned long cache_pages)
{
	unsigned long pass = wmark_min() + reserve() + 1;

	if (pass < 2 * RETRY_DEFICIT)
		kunit_skip(test, "min watermark of %s too small (%lu pages)", ctx.main->name,
			   wmark_min());
	if (!ctx.cache.shrinker) {
		setup_level(test, pass - RETRY_DEFICIT);
		cache_register(test, true, RETRY_PER_ROUND);
	} else {
		set_level(test, pass - RETRY_DEFICIT);
	}
	cache_fill(test, cache_pages);
	cache_reset_stats();
	KUNIT_ASSERT_EQ(test, pa_zone_free(ctx.main), pass - RETRY_DEFICIT);
}

/*
 * __GFP_NORETRY: one round of reclaim. It made progress (8 pages), not enough: the request
 * fails without retrying and without the OOM path.
 */
static void gfp_noretry_one_round(struct kunit *test)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_NORETRY;
	unsigned long stalls;

	setup_trickle(test, 4 * RETRY_DEFICIT);
	oom_giver_register(test, 0, 0);
	stalls = pa_my_allocstalls();

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, try_alloc(gfp, 0));
	KUNIT_EXPECT_EQ(test, pa_my_allocstalls(), stalls + 1);
	KUNIT_EXPECT_EQ(test, ctx.cache.owner_freed, RETRY_PER_ROUND);
	KUNIT_EXPECT_EQ(test, ctx.oom.calls, 0);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));
	KUNIT_EXPECT_TRUE(test, warned(0, "0x10cc0(GFP_KERNEL|__GFP_NORETRY)"));
	krt_printk_capture_end();
}

/*
 * __GFP_RETRY_MAYFAIL: retries as long as reclaim makes progress, so 8 pages a round get it
 * through a 40-page deficit; once the cache is empty it fails, and never invokes the OOM path.
 */
static void gfp_retry_mayfail(struct kunit *test)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_RETRY_MAYFAIL;
	unsigned long stalls, rounds = RETRY_DEFICIT / RETRY_PER_ROUND;

	/* Enough to free over several rounds: it succeeds after exactly that many. */
	setup_trickle(test, 2 * RETRY_DEFICIT);
	oom_giver_register(test, 0, 0);
	stalls = pa_my_allocstalls();
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, try_alloc(gfp, 0));
	KUNIT_EXPECT_EQ(test, pa_my_allocstalls(), stalls + rounds);
	KUNIT_EXPECT_EQ(test, ctx.cache.owner_freed, rounds * RETRY_PER_ROUND);
	cache_empty_into_hold();

	/* Not enough at all: 3 rounds with progress, one without, then failure. */
	setup_trickle(test, 3 * RETRY_PER_ROUND);
	stalls = pa_my_allocstalls();
	KUNIT_EXPECT_FALSE(test, try_alloc(gfp, 0));
	KUNIT_EXPECT_EQ(test, pa_my_allocstalls(), stalls + 4);
	KUNIT_EXPECT_EQ(test, ctx.cache.nr, 0UL);
	KUNIT_EXPECT_EQ(test, ctx.oom.calls, 0);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));
	KUNIT_EXPECT_TRUE(test, warned(0, "0x4cc0(GFP_KERNEL|__GFP_RETRY_MAYFAIL)"));
	krt_printk_capture_end();
}

/* ---------------------------------------------------------------------------------------- */
/* The OOM path */

/*
 * A non-costly GFP_KERNEL request with nothing to reclaim reaches the OOM path: the notifiers
 * are called, and when one gives memory back the request succeeds.
 */
static void gfp_kernel_oom_notifier_frees(struct kunit *test)
{
	struct page *page;

	setup_level(test, wmark_min() + reserve());
	oom_giver_register(test, 1, 8);
	krt_printk_capture_begin(false);
	page = alloc_page(GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, page);
	if (page)
		__free_page(page);
	KUNIT_EXPECT_EQ(test, ctx.oom.calls, 1);
	/* Memory came back: no report (krt has nothing to kill; see Documentation). */
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page allocation failure"));
	krt_printk_capture_end();
}

/* ... and when none does, the OOM report, then the failure report. */
static void gfp_kernel_oom_fails(struct kunit *test)
{
	const char *text, *oom, *fail;
	char head[192], line[256];
	struct page *page;

	setup_level(test, wmark_min() + reserve());
	oom_giver_register(test, 0, 0);
	krt_printk_capture_begin(false);
	page = alloc_page(GFP_KERNEL);
	KUNIT_EXPECT_NULL(test, page);
	if (page)
		__free_page(page);
	KUNIT_EXPECT_EQ(test, ctx.oom.calls, 1);
	snprintf(head, sizeof(head),
		 "%s invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n",
		 current->comm);
	warn_line(line, sizeof(line), 0, "0xcc0(GFP_KERNEL)");
	text = krt_printk_capture_text();
	oom = strstr(text, head);
	fail = strstr(text, line);
	KUNIT_EXPECT_NOT_NULL(test, oom);
	KUNIT_EXPECT_NOT_NULL(test, fail);
	KUNIT_EXPECT_TRUE(test, oom && fail && oom < fail);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("invoked oom-killer"), 1U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("page allocation failure"), 1U);
	krt_printk_capture_end();
}

/* A costly order (4) never reaches the OOM path: it fails after reclaim, with a report. */
static void gfp_costly_order_no_oom(struct kunit *test)
{
	unsigned long stalls;

	setup_level(test, wmark_min() + reserve());
	oom_giver_register(test, 1, 32);
	stalls = pa_my_allocstalls();
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_KERNEL, 4));
	KUNIT_EXPECT_EQ(test, pa_my_allocstalls(), stalls + 1);
	KUNIT_EXPECT_EQ(test, ctx.oom.calls, 0);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));
	KUNIT_EXPECT_TRUE(test, warned(4, "0xcc0(GFP_KERNEL)"));
	krt_printk_capture_end();
}

/*
 * A global OOM of a GFP_NOFS (or GFP_NOIO) request does not kill and reports nothing; the
 * allocator counts it as progress and keeps trying (the kernel's NOFS requests are effectively
 * no-fail). Here the third OOM round's notifier call gives memory back.
 */
static void gfp_nofs_oom_does_not_kill(struct kunit *test)
{
	static const gfp_t masks[] = { GFP_NOFS, GFP_NOIO };
	unsigned int i;

	setup_level(test, wmark_min() + reserve());
	oom_giver_register(test, 3, 8);
	krt_printk_capture_begin(false);
	for (i = 0; i < ARRAY_SIZE(masks); i++) {
		struct page *page;

		set_level(test, wmark_min() + reserve());
		ctx.oom.calls = 0;
		page = alloc_page(masks[i]);
		KUNIT_EXPECT_NOT_NULL(test, page);
		if (page)
			__free_page(page);
		KUNIT_EXPECT_EQ(test, ctx.oom.calls, 3);
	}
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Out of memory"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page allocation failure"));
	krt_printk_capture_end();
}

/* ---------------------------------------------------------------------------------------- */
/* __GFP_NOFAIL */

struct freer {
	unsigned int delay_ms;
	unsigned long pages;
	bool freed;
};

static int freer_fn(void *data)
{
	struct freer *f = data;

	msleep(f->delay_ms);
	WRITE_ONCE(f->freed, true);
	pa_release_pages(&ctx.hold, ctx.main, f->pages);
	return 0;
}

/*
 * __GFP_NOFAIL with no memory anywhere, not even in the reserves: the request waits until
 * another thread frees memory, then succeeds.
 */
static void gfp_nofail_waits_for_memory(struct kunit *test)
{
	struct freer f = { .delay_ms = 200, .pages = 64 };
	struct task_struct *t;
	struct page *page;
	u64 start, waited;

	setup_level(test, 0);
	krt_printk_capture_begin(false);
	start = ktime_get_ns();
	t = krt_thread_create(freer_fn, &f, "gfp-test-freer");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	page = alloc_page(GFP_KERNEL | __GFP_NOFAIL);
	waited = ktime_get_ns() - start;
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	krt_printk_capture_end();

	KUNIT_EXPECT_NOT_NULL(test, page);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(f.freed));
	KUNIT_EXPECT_GE(test, waited, (u64)f.delay_ms * NSEC_PER_MSEC);
	if (page)
		__free_page(page);
}

/* __GFP_NOFAIL of order 2 (> 1) is warned about, once, and still served. */
static void gfp_nofail_order2_warns_once(struct kunit *test)
{
	/* Below low (slow path), above min for an order-2 block. */
	unsigned long level = low_wmark_pages(ctx.main) + reserve();
	struct page *page;
	unsigned int o;
	bool block = false;

	if (low_wmark_pages(ctx.main) - wmark_min() < 16)
		kunit_skip(test, "low and min watermarks of %s too close", ctx.main->name);
	setup_level(test, level);
	for (o = 2; o < NR_PAGE_ORDERS; o++)
		block |= READ_ONCE(ctx.main->free_area[o].nr_free) != 0;
	if (!block)
		kunit_skip(test, "no free block of order >= 2 left in %s", ctx.main->name);

	krt_clear_warn_once();
	krt_printk_capture_begin(false);
	page = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 2);
	KUNIT_EXPECT_NOT_NULL(test, page);
	if (page)
		__free_pages(page, 2);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING: "), 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" at mm/page_alloc.c:"));
	krt_printk_capture_reset();

	set_level(test, level);
	page = alloc_pages(GFP_KERNEL | __GFP_NOFAIL, 2);
	KUNIT_EXPECT_NOT_NULL(test, page);
	if (page)
		__free_pages(page, 2);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING: "), 0U);
	krt_printk_capture_end();
}

/*
 * __GFP_NOFAIL without __GFP_DIRECT_RECLAIM cannot be honoured: a WARN, and NULL after all
 * (with the failure report).
 */
static void gfp_nofail_atomic_warns_and_fails(struct kunit *test)
{
	struct page *page;

	setup_level(test, pa_atomic_min(ctx.main) + reserve());
	krt_clear_warn_once();
	krt_printk_capture_begin(false);
	page = alloc_page(GFP_ATOMIC | __GFP_NOFAIL);
	KUNIT_EXPECT_NULL(test, page);
	if (page)
		__free_page(page);
	KUNIT_EXPECT_GE(test, krt_printk_capture_count("WARNING: "), 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" at mm/page_alloc.c:"));
	KUNIT_EXPECT_TRUE(test, warned(0, "0x8820(GFP_ATOMIC|__GFP_NOFAIL)"));
	krt_printk_capture_end();
}

/* ---------------------------------------------------------------------------------------- */
/* Reserves for reclaimers: PF_MEMALLOC, __GFP_MEMALLOC, __GFP_NOMEMALLOC */

#define ALMOST_EMPTY 4UL

/*
 * Inside memalloc_noreclaim_save() (PF_MEMALLOC) an allocation may take every reserve
 * (ALLOC_NO_WATERMARKS), and when even those are gone it fails rather than recurse into
 * reclaim, though a cache could give memory back.
 */
static void gfp_pf_memalloc(struct kunit *test)
{
	unsigned long stalls;
	unsigned int flags;
	struct page *page;

	cache_register(test, true, 0);
	setup_level(test, ALMOST_EMPTY);
	cache_fill(test, 64);
	cache_reset_stats();
	stalls = pa_my_allocstalls();

	krt_printk_capture_begin(false);
	flags = memalloc_noreclaim_save();
	KUNIT_EXPECT_TRUE(test, current->flags & PF_MEMALLOC);
	page = alloc_page(GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, page);
	KUNIT_EXPECT_TRUE(test, page && page_is_pfmemalloc(page));
	if (page)
		__free_page(page);

	set_level(test, 0);
	page = alloc_page(GFP_KERNEL);
	KUNIT_EXPECT_NULL(test, page);
	if (page)
		__free_page(page);
	memalloc_noreclaim_restore(flags);
	KUNIT_EXPECT_FALSE(test, current->flags & PF_MEMALLOC);
	KUNIT_EXPECT_TRUE(test, warned(0, "0xcc0(GFP_KERNEL)"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));
	krt_printk_capture_end();

	KUNIT_EXPECT_EQ(test, pa_my_allocstalls(), stalls);
	spin_lock(&ctx.cache.lock);
	KUNIT_EXPECT_EQ(test, ctx.cache.owner_scans, 0U);
	spin_unlock(&ctx.cache.lock);
}

/* __GFP_MEMALLOC gives the same access to every reserve, blocking or not, without reclaim. */
static void gfp_memalloc_flag(struct kunit *test)
{
	static const gfp_t masks[] = {
		GFP_KERNEL | __GFP_MEMALLOC, GFP_ATOMIC | __GFP_MEMALLOC,
		GFP_NOWAIT | __GFP_MEMALLOC, GFP_NOFS | __GFP_MEMALLOC,
	};
	unsigned long stalls;
	unsigned int i;

	cache_register(test, true, 0);
	setup_level(test, ALMOST_EMPTY);
	cache_fill(test, 64);
	cache_reset_stats();
	stalls = pa_my_allocstalls();
	for (i = 0; i < ARRAY_SIZE(masks); i++) {
		struct page *page;

		set_level(test, ALMOST_EMPTY);
		page = alloc_page(masks[i]);
		KUNIT_EXPECT_NOT_NULL_MSG(test, page, "gfp %#x", (__force unsigned int)masks[i]);
		KUNIT_EXPECT_TRUE(test, page && page_is_pfmemalloc(page));
		if (page)
			__free_page(page);
	}
	KUNIT_EXPECT_EQ(test, pa_my_allocstalls(), stalls);
	spin_lock(&ctx.cache.lock);
	KUNIT_EXPECT_EQ(test, ctx.cache.owner_scans, 0U);
	spin_unlock(&ctx.cache.lock);
}

/* __GFP_NOMEMALLOC beats both PF_MEMALLOC and __GFP_MEMALLOC. */
static void gfp_nomemalloc_beats_memalloc(struct kunit *test)
{
	unsigned int flags;

	setup_level(test, ALMOST_EMPTY);
	krt_printk_capture_begin(false);
	/* The level is far below every watermark: only the no-watermark reserve would do. */
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_ATOMIC | __GFP_MEMALLOC, 0));
	set_level(test, ALMOST_EMPTY);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOMEMALLOC, 0));
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_KERNEL | __GFP_MEMALLOC | __GFP_NOMEMALLOC |
					   __GFP_NORETRY, 0));
	flags = memalloc_noreclaim_save();
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_KERNEL | __GFP_NOMEMALLOC, 0));
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC | __GFP_NOMEMALLOC, 0));
	memalloc_noreclaim_restore(flags);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));
	krt_printk_capture_end();
}

/* ---------------------------------------------------------------------------------------- */
/* Reports */

/*
 * warn_alloc(): the exact text, a backtrace and the memory summary; one report per 10 s
 * (krt_warn_alloc_ratelimit_reset() re-arms it); __GFP_NOWARN silences it without using up
 * the ratelimit.
 */
static void gfp_warn_alloc_text_and_ratelimit(struct kunit *test)
{
	unsigned long level = pa_atomic_min(ctx.main) + reserve();
	char line[256];

	setup_level(test, level);
	krt_warn_alloc_ratelimit_reset();
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC, 0));
	warn_line(line, sizeof(line), 0, "0x820(GFP_ATOMIC)");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(line));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Call Trace:\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Mem-Info:\n"));
	KUNIT_EXPECT_TRUE(test, strstr(krt_printk_capture_text(), line) <
				strstr(krt_printk_capture_text(), "Mem-Info:\n"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("page allocation failure"), 1U);

	/* Within 10 s: nothing more. */
	set_level(test, level);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC, 0));
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC, 1));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("page allocation failure"), 1U);

	/* Re-armed: __GFP_NOWARN prints nothing and leaves the next report its turn. */
	krt_warn_alloc_ratelimit_reset();
	krt_printk_capture_reset();
	set_level(test, level);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC | __GFP_NOWARN, 0));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	set_level(test, level);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC, 1));
	KUNIT_EXPECT_TRUE(test, warned(1, "0x820(GFP_ATOMIC)"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("page allocation failure"), 1U);
	krt_printk_capture_end();
}

static DEFINE_SPINLOCK(gfp_test_lock);

/* might_alloc(): a blocking allocation in atomic context is reported even when it succeeds. */
static void gfp_blocking_under_spinlock(struct kunit *test)
{
	struct page *page;

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock(&gfp_test_lock);
	page = alloc_page(GFP_ATOMIC);
	if (page)
		__free_page(page);
	page = alloc_page(GFP_NOWAIT);
	if (page)
		__free_page(page);
	spin_unlock(&gfp_test_lock);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	spin_lock(&gfp_test_lock);
	page = alloc_page(GFP_KERNEL);
	spin_unlock(&gfp_test_lock);
	KUNIT_EXPECT_NOT_NULL(test, page);
	if (page)
		__free_page(page);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: sleeping function called from invalid context at include/linux/sched/mm.h:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("in_atomic(): 1, irqs_disabled(): 0"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("gfp_test_lock"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG: sleeping function called"), 1U);
	krt_printk_capture_end();
	krt_might_sleep_ratelimit_reset();
}

/* ---------------------------------------------------------------------------------------- */
/* Scopes */

static void gfp_memalloc_scopes_nest(struct kunit *test)
{
	unsigned int fs, fs2, io, io2, rec, rec2, pin;

	KUNIT_EXPECT_EQ(test, PF_MEMALLOC, 0x800U);
	KUNIT_EXPECT_EQ(test, PF_MEMALLOC_NOFS, 0x40000U);
	KUNIT_EXPECT_EQ(test, PF_MEMALLOC_NOIO, 0x80000U);
	KUNIT_EXPECT_EQ(test, PF_MEMALLOC_PIN, 0x10000000U);
	KUNIT_ASSERT_FALSE(test, current->flags & (PF_MEMALLOC | PF_MEMALLOC_NOFS |
						   PF_MEMALLOC_NOIO | PF_MEMALLOC_PIN));
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_KERNEL);

	fs = memalloc_nofs_save();
	KUNIT_EXPECT_EQ(test, fs, PF_MEMALLOC_NOFS);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_NOFS);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_ATOMIC), GFP_ATOMIC);
	fs2 = memalloc_nofs_save();
	KUNIT_EXPECT_EQ(test, fs2, 0U);
	io = memalloc_noio_save();
	KUNIT_EXPECT_EQ(test, io, PF_MEMALLOC_NOIO);
	/* NOIO wins over NOFS. */
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_NOIO);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_USER), GFP_NOIO | __GFP_HARDWALL);
	io2 = memalloc_noio_save();
	KUNIT_EXPECT_EQ(test, io2, 0U);
	memalloc_noio_restore(io2);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_NOIO);
	memalloc_noio_restore(io);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_NOFS);
	/* The inner nofs restore keeps the outer scope. */
	memalloc_nofs_restore(fs2);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_NOFS);
	memalloc_nofs_restore(fs);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_KERNEL);
	KUNIT_EXPECT_FALSE(test, current->flags & (PF_MEMALLOC_NOFS | PF_MEMALLOC_NOIO));

	rec = memalloc_noreclaim_save();
	KUNIT_EXPECT_EQ(test, rec, PF_MEMALLOC);
	rec2 = memalloc_noreclaim_save();
	KUNIT_EXPECT_EQ(test, rec2, 0U);
	memalloc_noreclaim_restore(rec2);
	KUNIT_EXPECT_TRUE(test, current->flags & PF_MEMALLOC);
	/* PF_MEMALLOC does not change the mask: it changes the reserves and reclaim. */
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_KERNEL);
	KUNIT_EXPECT_TRUE(test, gfp_pfmemalloc_allowed(GFP_KERNEL));
	KUNIT_EXPECT_FALSE(test, gfp_pfmemalloc_allowed(GFP_KERNEL | __GFP_NOMEMALLOC));
	memalloc_noreclaim_restore(rec);
	KUNIT_EXPECT_FALSE(test, current->flags & PF_MEMALLOC);
	KUNIT_EXPECT_FALSE(test, gfp_pfmemalloc_allowed(GFP_KERNEL));
	KUNIT_EXPECT_TRUE(test, gfp_pfmemalloc_allowed(GFP_KERNEL | __GFP_MEMALLOC));

	pin = memalloc_pin_save();
	KUNIT_EXPECT_EQ(test, pin, PF_MEMALLOC_PIN);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_HIGHUSER_MOVABLE),
			GFP_HIGHUSER_MOVABLE & ~__GFP_MOVABLE);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_KERNEL), GFP_KERNEL);
	memalloc_pin_restore(pin);
	KUNIT_EXPECT_EQ(test, current_gfp_context(GFP_HIGHUSER_MOVABLE), GFP_HIGHUSER_MOVABLE);
}

/* ---------------------------------------------------------------------------------------- */
/* Fault injection seen from alloc_pages() */

static void set_proc(struct kunit *test, const char *path, const char *value)
{
	KUNIT_ASSERT_EQ_MSG(test, krt_proc_write(path, value, strlen(value)),
			    (ssize_t)strlen(value), "writing \"%s\" to %s", value, path);
}

/*
 * fail_page_alloc at probability 100 (confined to this task): with ignore-gfp-wait=N a
 * GFP_KERNEL request of at least min-order fails, silently (no warn_alloc); with
 * ignore-gfp-wait=Y it does not; __GFP_NOFAIL never fails; orders below min-order never do.
 */
static void gfp_fail_page_alloc(struct kunit *test)
{
	set_knob(test, "task-filter", "Y");
	set_proc(test, MAKE_IT_FAIL, "1");
	set_knob(test, "verbose", "0");
	set_knob(test, "times", "-1");
	set_knob(test, "ignore-gfp-wait", "N");
	set_knob(test, "min-order", "1");
	set_knob(test, "probability", "100");

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_KERNEL, 1));
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_KERNEL, 3));
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC, 1));
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_KERNEL, 0));
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_KERNEL | __GFP_NOFAIL, 1));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	set_knob(test, "min-order", "0");
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_KERNEL, 0));
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_KERNEL | __GFP_NOFAIL, 0));

	set_knob(test, "ignore-gfp-wait", "Y");
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_KERNEL, 0));
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_KERNEL, 2));
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_ATOMIC, 0));
	KUNIT_EXPECT_FALSE(test, try_alloc(GFP_NOWAIT, 2));
	/* No warn_alloc for an injected failure, whatever the flags. */
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();

	/* The default min-order 1 spares order 0 again; probability 0 fails nothing. */
	set_knob(test, "min-order", "1");
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_ATOMIC, 0));
	set_knob(test, "probability", "0");
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_ATOMIC, 1));
	set_proc(test, MAKE_IT_FAIL, "0");
}

/*
 * fail-nth: "1" fails the next page allocation that gets past fail_page_alloc's own filters
 * (here GFP_KERNEL and order 0 do not: ignore-gfp-wait and min-order 1 are the defaults), and
 * reads back 0 once it was injected.
 */
static void gfp_fail_nth(struct kunit *test)
{
	char buf[16];
	bool ok1, ok2, ok3;

	ctx.knobs_touched = true;
	set_knob(test, "verbose", "0");
	krt_printk_capture_begin(false);
	set_proc(test, FAIL_NTH, "1");
	ok1 = try_alloc(GFP_KERNEL, 1);
	ok2 = try_alloc(GFP_ATOMIC, 0);
	ok3 = try_alloc(GFP_ATOMIC, 1);
	KUNIT_EXPECT_TRUE(test, ok1);
	KUNIT_EXPECT_TRUE(test, ok2);
	KUNIT_EXPECT_FALSE(test, ok3);
	KUNIT_EXPECT_GT(test, krt_proc_read(FAIL_NTH, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "0\n");
	/* Injected once: the next one succeeds. */
	KUNIT_EXPECT_TRUE(test, try_alloc(GFP_ATOMIC, 1));

	/* "2": the second qualifying request fails; before it, 1 is left. */
	set_proc(test, FAIL_NTH, "2");
	ok1 = try_alloc(GFP_ATOMIC, 2);
	KUNIT_EXPECT_GT(test, krt_proc_read(FAIL_NTH, buf, sizeof(buf)), 0);
	ok2 = try_alloc(GFP_NOWAIT, 1);
	KUNIT_EXPECT_TRUE(test, ok1);
	KUNIT_EXPECT_STREQ(test, buf, "1\n");
	KUNIT_EXPECT_FALSE(test, ok2);
	KUNIT_EXPECT_GT(test, krt_proc_read(FAIL_NTH, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "0\n");

	/* With ignore-gfp-wait=N, GFP_KERNEL requests count too. */
	set_knob(test, "ignore-gfp-wait", "N");
	set_proc(test, FAIL_NTH, "1");
	ok1 = try_alloc(GFP_KERNEL, 1);
	KUNIT_EXPECT_FALSE(test, ok1);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page allocation failure"));
	krt_printk_capture_end();
}

static struct kunit_case gfp_test_cases[] = {
	KUNIT_CASE(gfp_nowait_fails_below_min),
	KUNIT_CASE(gfp_atomic_reserve),
	KUNIT_CASE(gfp_high_half_reserve),
	KUNIT_CASE(gfp_nowait_wakes_kswapd),
	KUNIT_CASE(gfp_kernel_direct_reclaim),
	KUNIT_CASE(gfp_reclaim_sees_context),
	KUNIT_CASE(gfp_no_reclaim_at_all),
	KUNIT_CASE(gfp_noretry_one_round),
	KUNIT_CASE(gfp_retry_mayfail),
	KUNIT_CASE(gfp_kernel_oom_notifier_frees),
	KUNIT_CASE(gfp_kernel_oom_fails),
	KUNIT_CASE(gfp_costly_order_no_oom),
	KUNIT_CASE(gfp_nofs_oom_does_not_kill),
	KUNIT_CASE(gfp_nofail_waits_for_memory),
	KUNIT_CASE(gfp_nofail_order2_warns_once),
	KUNIT_CASE(gfp_nofail_atomic_warns_and_fails),
	KUNIT_CASE(gfp_pf_memalloc),
	KUNIT_CASE(gfp_memalloc_flag),
	KUNIT_CASE(gfp_nomemalloc_beats_memalloc),
	KUNIT_CASE(gfp_warn_alloc_text_and_ratelimit),
	KUNIT_CASE(gfp_blocking_under_spinlock),
	KUNIT_CASE(gfp_memalloc_scopes_nest),
	KUNIT_CASE(gfp_fail_page_alloc),
	KUNIT_CASE(gfp_fail_nth),
	{}
};

static struct kunit_suite gfp_test_suite = {
	.name = "gfp",
	.init = gfp_test_init,
	.exit = gfp_test_exit,
	.test_cases = gfp_test_cases,
};
kunit_test_suite(gfp_test_suite);
