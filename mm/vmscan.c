// SPDX-License-Identifier: MIT
/*
 * Reclaim. krt has no page cache or LRU lists: what can be reclaimed is what the registered
 * shrinkers give back. Direct reclaim runs them from the allocating task at rising priority;
 * kswapd runs them in the background when a zone falls below its low watermark, until the
 * zones are above their high watermarks again. Progress is the pages freed meanwhile by the
 * reclaiming task (current->reclaim_state).
 */
#include <linux/mm.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/wait.h>
#include <linux/init.h>

#include <krt/mm.h>

#include "arch/host/host.h"
#include "kernel/kthread_internal.h"
#include "mm/internal.h"
#include "mm/page_alloc.h"

#define SWAP_CLUSTER_MAX 32UL

/**
 * zone_reclaimable_pages - pages reclaim could free in @zone
 * @zone: the zone
 *
 * Always 0 in krt: shrinkers count objects, not pages, and there are no LRU lists. The slow
 * path therefore treats reclaim progress as the sign that more is reclaimable.
 */
unsigned long zone_reclaimable_pages(struct zone *zone)
{
	return 0;
}

/**
 * pgdat_balanced - is a zone of @pgdat up to @highest_zoneidx above its high watermark?
 * @pgdat: the node
 * @order: the order kswapd was woken for
 * @highest_zoneidx: the highest zone the waking allocation could use
 */
bool pgdat_balanced(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	bool any = false;
	int i;

	for (i = 0; i <= highest_zoneidx; i++) {
		struct zone *zone = pgdat->node_zones + i;

		if (!managed_zone(zone))
			continue;
		any = true;
		if (zone_watermark_ok_safe(zone, order, high_wmark_pages(zone), highest_zoneidx))
			return true;
	}
	/* No populated zone to balance: nothing kswapd could do. */
	return !any;
}

/*
 * One reclaim pass: shrinkers at @priority, then the reclaimer's own per-thread pages back to
 * the zones so that the watermarks see them.
 */
static unsigned long shrink_node(gfp_t gfp_mask, struct mem_cgroup *memcg, int priority)
{
	unsigned long freed = shrink_slab(gfp_mask, 0, memcg, priority);

	drain_local_pages(NULL);
	return freed;
}

static unsigned long do_try_to_free(gfp_t gfp_mask, struct mem_cgroup *memcg,
				    unsigned long nr_to_reclaim, bool direct)
{
	struct reclaim_state rs = { 0 }, *prev = current->reclaim_state;
	int priority;

	current->reclaim_state = &rs;
	for (priority = DEF_PRIORITY; priority >= 0; priority--) {
		shrink_node(gfp_mask, memcg, priority);
		if (rs.reclaimed >= nr_to_reclaim)
			break;
	}
	current->reclaim_state = prev;
	/* Reclaim works again: kswapd may have given up, let it try once more. */
	if (rs.reclaimed)
		WRITE_ONCE(NODE_DATA(0)->kswapd_failures, 0);
	if (direct) {
		count_vm_events(PGSCAN_DIRECT, rs.reclaimed);
		count_vm_events(PGSTEAL_DIRECT, rs.reclaimed);
	}
	return rs.reclaimed;
}

/**
 * try_to_free_pages - direct reclaim for an allocation that failed
 * @zonelist: the allocation's zones
 * @order: its order
 * @gfp_mask: its effective flags (shrinkers see them: a GFP_NOFS caller's lack __GFP_FS)
 * @nodemask: its nodes
 *
 * Return: pages freed.
 */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				nodemask_t *nodemask)
{
	count_vm_event(ALLOCSTALL_DMA + gfp_zone(gfp_mask));
	return do_try_to_free(current_gfp_context(gfp_mask), NULL,
			      max(SWAP_CLUSTER_MAX, 1UL << order), true);
}

/**
 * try_to_free_mem_cgroup_pages - reclaim for a memory cgroup over its limit
 * @memcg: the cgroup
 * @nr_pages: pages wanted
 * @gfp_mask: the charging allocation's flags
 * @reclaim_options: MEMCG_RECLAIM_* (krt has nothing to swap: ignored)
 *
 * Only memcg-aware shrinkers are asked, with sc->memcg set. Return: pages freed.
 */
unsigned long try_to_free_mem_cgroup_pages(struct mem_cgroup *memcg, unsigned long nr_pages,
					   gfp_t gfp_mask, unsigned int reclaim_options)
{
	unsigned int noreclaim_flag = memalloc_noreclaim_save();
	unsigned long freed;

	freed = do_try_to_free(current_gfp_context(gfp_mask), memcg,
			       max(nr_pages, SWAP_CLUSTER_MAX), true);
	memalloc_noreclaim_restore(noreclaim_flag);
	return freed;
}

/*
 * balance_pgdat - kswapd's work: reclaim until a zone is above its high watermark, at most a
 * full round of priorities. Returns whether the node ended balanced.
 */
static bool balance_pgdat(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	struct reclaim_state rs = { 0 };
	int priority;
	bool balanced;

	count_vm_event(PAGEOUTRUN);
	current->reclaim_state = &rs;
	for (priority = DEF_PRIORITY; priority >= 0; priority--) {
		if (pgdat_balanced(pgdat, order, highest_zoneidx))
			break;
		shrink_node(GFP_KERNEL, NULL, priority);
		/* Other threads' lists may hold what was freed on their behalf. */
		if (!pgdat_balanced(pgdat, order, highest_zoneidx))
			drain_all_pages(NULL);
	}
	current->reclaim_state = NULL;
	count_vm_events(PGSCAN_KSWAPD, rs.reclaimed);
	count_vm_events(PGSTEAL_KSWAPD, rs.reclaimed);
	balanced = pgdat_balanced(pgdat, order, highest_zoneidx);
	if (balanced || rs.reclaimed)
		WRITE_ONCE(pgdat->kswapd_failures, 0);
	else
		WRITE_ONCE(pgdat->kswapd_failures, READ_ONCE(pgdat->kswapd_failures) + 1);
	return balanced;
}

/*
 * After balancing, the kernel's kswapd naps for HZ/10 before it sleeps for good: woken during
 * the nap means memory ran low again at once (kswapd_low_wmark_hit_quickly); unbalanced after
 * it means the high watermark was lost quickly (kswapd_high_wmark_hit_quickly).
 */
static void kswapd_short_sleep(pg_data_t *pgdat, int order, int highest_zoneidx)
{
	long remaining = 0;
	DEFINE_WAIT(wait);

	prepare_to_wait(&pgdat->kswapd_wait, &wait, TASK_INTERRUPTIBLE);
	if (READ_ONCE(pgdat->kswapd_order) < 0 && !kthread_should_stop())
		remaining = schedule_timeout(HZ / 10);
	finish_wait(&pgdat->kswapd_wait, &wait);
	if (remaining || READ_ONCE(pgdat->kswapd_order) >= 0)
		count_vm_event(KSWAPD_LOW_WMARK_HIT_QUICKLY);
	else if (!pgdat_balanced(pgdat, order, highest_zoneidx))
		count_vm_event(KSWAPD_HIGH_WMARK_HIT_QUICKLY);
}

/* kswapd may be woken (set at boot, once the thread can be made) and has been started. */
static int kswapd_wanted, kswapd_started;
static void kswapd_start(pg_data_t *pgdat);

static int kswapd(void *p)
{
	pg_data_t *pgdat = p;

	WRITE_ONCE(pgdat->kswapd, current);
	current->flags |= PF_MEMALLOC | PF_KSWAPD;
	while (!kthread_should_stop()) {
		int order, highest_zoneidx;
		DEFINE_WAIT(wait);

		prepare_to_wait(&pgdat->kswapd_wait, &wait, TASK_INTERRUPTIBLE);
		if (READ_ONCE(pgdat->kswapd_order) < 0 && !kthread_should_stop())
			schedule();
		finish_wait(&pgdat->kswapd_wait, &wait);
		if (kthread_should_stop())
			break;

		order = xchg(&pgdat->kswapd_order, -1);
		highest_zoneidx = xchg(&pgdat->kswapd_highest_zoneidx, -1);
		if (order < 0)
			continue;
		if (highest_zoneidx < 0)
			highest_zoneidx = MAX_NR_ZONES - 1;
		if (!balance_pgdat(pgdat, order, highest_zoneidx))
			continue;
		kswapd_short_sleep(pgdat, order, highest_zoneidx);
	}
	current->flags &= ~(PF_MEMALLOC | PF_KSWAPD);
	return 0;
}

/* Raise *@p to @v unless it is already higher (several wakers at once). */
static void raise_to(int *p, int v)
{
	int cur = READ_ONCE(*p);

	while (cur < v && !__atomic_compare_exchange_n(p, &cur, v, false, __ATOMIC_RELAXED,
						       __ATOMIC_RELAXED))
		;
}

/**
 * wakeup_kswapd - an allocation went below a low watermark: let kswapd reclaim
 * @zone: the zone the allocation wanted
 * @gfp_mask: its flags
 * @order: its order
 * @highest_zoneidx: the highest zone it may use
 */
void wakeup_kswapd(struct zone *zone, gfp_t gfp_mask, int order, enum zone_type highest_zoneidx)
{
	pg_data_t *pgdat = zone->zone_pgdat;

	if (!managed_zone(zone) || !READ_ONCE(kswapd_wanted))
		return;
	raise_to(&pgdat->kswapd_highest_zoneidx, highest_zoneidx);
	raise_to(&pgdat->kswapd_order, order);
	/* Hopeless, or nothing to do: do not spin kswapd (the request stays for its next run). */
	if (READ_ONCE(pgdat->kswapd_failures) >= MAX_RECLAIM_RETRIES)
		return;
	if (pgdat_balanced(pgdat, order, highest_zoneidx))
		return;
	if (unlikely(!READ_ONCE(kswapd_started)))
		kswapd_start(pgdat);
	wake_up_interruptible(&pgdat->kswapd_wait);
}

/**
 * krt_kswapd_reset_failures - let kswapd try again after it gave up (tests, new shrinkers)
 */
void krt_kswapd_reset_failures(void)
{
	WRITE_ONCE(NODE_DATA(0)->kswapd_failures, 0);
}

/*
 * Start kswapd unless it runs: at boot, and in a forked child on its first wake-up. Any context
 * may call this (the thread is not waited for), and a lost race just returns.
 */
static void kswapd_start(pg_data_t *pgdat)
{
	int err;

	if (cmpxchg(&kswapd_started, 0, 1))
		return;
	err = krt_kthread_spawn(kswapd, pgdat, "kswapd0");
	if (err) {
		pr_err("Failed to start kswapd on node 0, ret=%d\n", err);
		WRITE_ONCE(kswapd_started, 0);
	}
}

/*
 * A forked child has none of the parent's threads. It starts a kswapd of its own only when it
 * needs one: a child that allocates nothing (or execs) creates no thread, and in a sanitizer
 * build whose allocator does not survive fork() (GCC 12's ASan) it does not malloc either.
 */
static void kswapd_fork_child(void)
{
	pg_data_t *pgdat = NODE_DATA(0);

	pgdat->kswapd = NULL;
	init_waitqueue_head(&pgdat->kswapd_wait);
	pgdat->kswapd_order = -1;
	pgdat->kswapd_highest_zoneidx = -1;
	kswapd_started = 0;
}

static int __init kswapd_init(void)
{
	pg_data_t *pgdat = NODE_DATA(0);

	pgdat->kswapd_order = -1;
	pgdat->kswapd_highest_zoneidx = -1;
	host_atfork(NULL, NULL, kswapd_fork_child);
	WRITE_ONCE(kswapd_wanted, 1);
	kswapd_start(pgdat);
	return 0;
}
subsys_initcall(kswapd_init);
