/* SPDX-License-Identifier: MIT */
/*
 * Helpers for page allocator tests: bring the zones an allocation may use to exact free-page
 * levels relative to their watermarks, holding the pages taken on a list, and give them back.
 *
 * The levels are exact: NR_FREE_PAGES of a zone after every thread's per-thread lists were
 * drained and every free pageblock was reported to the host (so that page reporting's delayed
 * work has nothing to isolate while a test probes a watermark). The pages are taken with
 * __GFP_MEMALLOC and without any reclaim bit: below every watermark if need be, without waking
 * kswapd and without a failure report. They are split into single pages, so that any number
 * of them can be given back.
 *
 * Everything works for any mem=: the zones, watermarks and reserves are read, not assumed.
 */
#ifndef _TESTS_MM_PAGE_ALLOC_HELPERS_H
#define _TESTS_MM_PAGE_ALLOC_HELPERS_H

#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <krt/mm.h>

/* Pages a test holds: single pages linked through page->lru. */
struct pa_hold {
	struct list_head pages;
	unsigned long nr;
};

static inline void pa_hold_init(struct pa_hold *h)
{
	INIT_LIST_HEAD(&h->pages);
	h->nr = 0;
}

/* The highest zone index of GFP_KERNEL-like allocations (ZONE_NORMAL). */
static inline enum zone_type pa_kernel_zoneidx(void)
{
	return gfp_zone(GFP_KERNEL);
}

/* The zone a GFP_KERNEL allocation tries first: the highest populated one up to NORMAL. */
static inline struct zone *pa_main_zone(void)
{
	struct zonelist *zl = node_zonelist(numa_node_id(), GFP_KERNEL);
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, zl, pa_kernel_zoneidx())
		return zone;
	return NULL;
}

/* The zone modifier that makes @zone the first choice of an allocation. */
static inline gfp_t pa_zone_gfp(const struct zone *zone)
{
	switch (zone_idx(zone)) {
	case ZONE_DMA:
		return __GFP_DMA;
	case ZONE_DMA32:
		return __GFP_DMA32;
	case ZONE_MOVABLE:
		return __GFP_HIGHMEM | __GFP_MOVABLE;
	default:
		return 0;
	}
}

/* The protection GFP_KERNEL-like allocations must leave in @zone (lowmem_reserve). */
static inline unsigned long pa_reserve(const struct zone *zone)
{
	return READ_ONCE(zone->lowmem_reserve[pa_kernel_zoneidx()]);
}

/* What the min watermark shrinks to with __GFP_HIGH (ALLOC_MIN_RESERVE): half of it. */
static inline unsigned long pa_high_min(const struct zone *zone)
{
	unsigned long min = min_wmark_pages(zone);

	return min - min / 2;
}

/* ... and for non-blocking __GFP_HIGH (GFP_ATOMIC: MIN_RESERVE + NON_BLOCK): 3/8 of it. */
static inline unsigned long pa_atomic_min(const struct zone *zone)
{
	unsigned long min = pa_high_min(zone);

	return min - min / 4;
}

/* Free pages of @zone with every per-thread list drained. */
static inline unsigned long pa_zone_free(struct zone *zone)
{
	page_alloc_drain_all();
	return zone_page_state(zone, NR_FREE_PAGES);
}

/* Take one block of 2^@order pages from @zone (nowhere else) and hold its pages. */
static inline bool pa_take(struct pa_hold *h, struct zone *zone, unsigned int order)
{
	struct page *page = alloc_pages(pa_zone_gfp(zone) | __GFP_MEMALLOC | __GFP_NOWARN, order);
	unsigned long i;

	if (!page)
		return false;
	if (page_zone(page) != zone) {
		__free_pages(page, order);
		return false;
	}
	split_page(page, order);
	for (i = 0; i < (1UL << order); i++)
		list_add(&page[i].lru, &h->pages);
	h->nr += 1UL << order;
	return true;
}

/* Give back up to @nr held pages of @zone (any zone if NULL). Returns how many. */
static inline unsigned long pa_release_pages(struct pa_hold *h, struct zone *zone,
					     unsigned long nr)
{
	struct page *page, *next;
	unsigned long done = 0;

	list_for_each_entry_safe(page, next, &h->pages, lru) {
		if (done == nr)
			break;
		if (zone && page_zone(page) != zone)
			continue;
		list_del(&page->lru);
		h->nr--;
		__free_page(page);
		done++;
	}
	return done;
}

/* Give every held page back, and the per-thread lists to the zones. */
static inline void pa_release_all(struct pa_hold *h)
{
	pa_release_pages(h, NULL, ULONG_MAX);
	page_alloc_drain_all();
}

/* Hand @nr held pages of @zone over to @list (through page->lru). Returns how many. */
static inline unsigned long pa_move_pages(struct pa_hold *h, struct zone *zone,
					  unsigned long nr, struct list_head *list)
{
	struct page *page, *next;
	unsigned long done = 0;

	list_for_each_entry_safe(page, next, &h->pages, lru) {
		if (done == nr)
			break;
		if (page_zone(page) != zone)
			continue;
		list_move(&page->lru, list);
		h->nr--;
		done++;
	}
	return done;
}

/*
 * pa_set_level - make NR_FREE_PAGES of @zone exactly @target, taking or giving back pages
 * @h: where the taken pages are held
 * @zone: the zone
 * @target: the free pages wanted
 *
 * Return: true if the zone is at @target (with the per-thread lists drained and every free
 * pageblock reported), false if it could not get there (a reserve out of reach, or too few
 * held pages to give back).
 */
static inline bool pa_set_level(struct pa_hold *h, struct zone *zone, unsigned long target)
{
	unsigned int order = MAX_PAGE_ORDER;
	unsigned long free;

	for (;;) {
		free = pa_zone_free(zone);
		if (free <= target)
			break;
		while (order > 0 && (1UL << order) > free - target)
			order--;
		if (!pa_take(h, zone, order)) {
			if (!order)
				break;
			order--;
		}
	}
	if (free < target && pa_release_pages(h, zone, target - free) != target - free)
		return false;
	/* Report the free blocks now: page reporting must not isolate them while we probe. */
	krt_page_reporting_flush();
	return zone_page_state(zone, NR_FREE_PAGES) == target;
}

/*
 * pa_setup - empty every zone below the main one (GFP_KERNEL's first choice) and bring the
 * main zone to @target free pages. Returns false if that did not work out.
 */
static inline bool pa_setup(struct pa_hold *h, unsigned long target)
{
	struct zonelist *zl = node_zonelist(numa_node_id(), GFP_KERNEL);
	struct zone *main = pa_main_zone();
	struct zoneref *z;
	struct zone *zone;

	/* Lowest first, so that filling a higher zone cannot fall back into a lower one. */
	for (z = zl->_zonerefs; z->zone; z++)
		;
	while (z-- > zl->_zonerefs) {
		zone = z->zone;
		if (zone_idx(zone) > (int)pa_kernel_zoneidx() || zone == main)
			continue;
		if (!pa_set_level(h, zone, 0))
			return false;
	}
	return pa_set_level(h, main, target);
}

/* The calling thread's count of a VM event (allocstall, kswapd wake-ups... are counted there). */
static inline unsigned long pa_my_event(enum vm_event_item item)
{
	return krt_vm_events_this_thread()[item];
}

/* All ALLOCSTALL_* counters summed: the caller's zone decides which one moves. */
static inline unsigned long pa_my_allocstalls(void)
{
	return pa_my_event(ALLOCSTALL_DMA) + pa_my_event(ALLOCSTALL_DMA32) +
	       pa_my_event(ALLOCSTALL_NORMAL) + pa_my_event(ALLOCSTALL_MOVABLE);
}

#endif /* _TESTS_MM_PAGE_ALLOC_HELPERS_H */
