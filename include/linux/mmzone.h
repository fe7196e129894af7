/* SPDX-License-Identifier: MIT */
/*
 * Zones and the node that holds them. krt's physical memory is one node (0) split into zones
 * by pfn as on x86-64: DMA below 16 MiB, DMA32 below 4 GiB, NORMAL above, and MOVABLE carved
 * from the top by movablecore=/kernelcore=. Each zone has a buddy free area per order and
 * migrate type, watermarks and counters.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/atomic.h>
#include <linux/numa.h>
#include <linux/page-flags.h>

#define MAX_PAGE_ORDER		10
#define NR_PAGE_ORDERS		(MAX_PAGE_ORDER + 1)
#define MAX_ORDER_NR_PAGES	(1 << MAX_PAGE_ORDER)
#define pageblock_order		9
#define pageblock_nr_pages	(1UL << pageblock_order)
#define PAGE_ALLOC_COSTLY_ORDER	3

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the number of types on the per-cpu lists */
	MIGRATE_HIGHATOMIC = MIGRATE_PCPTYPES,
	MIGRATE_TYPES
};

extern const char * const migratetype_names[MIGRATE_TYPES];

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;
};

enum zone_stat_item {
	NR_FREE_PAGES,
	NR_ZONE_LRU_BASE,
	NR_ZONE_INACTIVE_ANON = NR_ZONE_LRU_BASE,
	NR_ZONE_ACTIVE_ANON,
	NR_ZONE_INACTIVE_FILE,
	NR_ZONE_ACTIVE_FILE,
	NR_ZONE_UNEVICTABLE,
	NR_ZONE_WRITE_PENDING,
	NR_MLOCK,
	NR_BOUNCE,
	NR_FREE_CMA_PAGES,
	NR_VM_ZONE_STAT_ITEMS
};

enum node_stat_item {
	NR_LRU_BASE,
	NR_INACTIVE_ANON = NR_LRU_BASE,
	NR_ACTIVE_ANON,
	NR_INACTIVE_FILE,
	NR_ACTIVE_FILE,
	NR_UNEVICTABLE,
	NR_SLAB_RECLAIMABLE_B,
	NR_SLAB_UNRECLAIMABLE_B,
	NR_ISOLATED_ANON,
	NR_ISOLATED_FILE,
	NR_ANON_MAPPED,
	NR_FILE_MAPPED,
	NR_FILE_PAGES,
	NR_FILE_DIRTY,
	NR_WRITEBACK,
	NR_SHMEM,
	NR_KERNEL_STACK_KB,
	NR_PAGETABLE,
	NR_KERNEL_MISC_RECLAIMABLE,
	NR_FOLL_PIN_ACQUIRED,
	NR_FOLL_PIN_RELEASED,
	NR_VM_NODE_STAT_ITEMS
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	WMARK_PROMO,
	NR_WMARK
};

enum zone_type {
	ZONE_DMA,
	ZONE_DMA32,
	ZONE_NORMAL,
	ZONE_MOVABLE,
	__MAX_NR_ZONES
};

#define MAX_NR_ZONES		__MAX_NR_ZONES
#define ZONES_SHIFT		2

struct pglist_data;

struct zone {
	/* Read-mostly: the allocation fast path reads these. */
	unsigned long _watermark[NR_WMARK];
	unsigned long watermark_boost;
	unsigned long nr_reserved_highatomic;
	unsigned long nr_free_highatomic;	/* free pages on the MIGRATE_HIGHATOMIC lists */
	long lowmem_reserve[MAX_NR_ZONES];
	int node;
	int idx;			/* ZONE_DMA... (zone_idx() without a division) */
	struct pglist_data *zone_pgdat;
	unsigned char *pageblock_mt;	/* migrate type of every pageblock */
	unsigned long zone_start_pfn;
	atomic_long_t managed_pages;
	unsigned long spanned_pages;
	unsigned long present_pages;
	const char *name;
	int pcp_high;			/* per-cpu list limits for this zone */
	int pcp_batch;

	spinlock_t lock ____cacheline_aligned;
	struct free_area free_area[NR_PAGE_ORDERS];
	unsigned long flags;

	atomic_long_t vm_stat[NR_VM_ZONE_STAT_ITEMS] ____cacheline_aligned;
};

struct zoneref {
	struct zone *zone;
	int zone_idx;
};

/* A zone fallback order: the preferred zone first, NULL-terminated. */
struct zonelist {
	struct zoneref _zonerefs[MAX_NR_ZONES + 1];
};

enum {
	ZONELIST_FALLBACK,
	ZONELIST_NOFALLBACK,	/* __GFP_THISNODE */
	MAX_ZONELISTS
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct zonelist node_zonelists[MAX_ZONELISTS];
	int nr_zones;
	unsigned long node_start_pfn;
	unsigned long node_present_pages;
	unsigned long node_spanned_pages;
	int node_id;

	/* kswapd: woken below the low watermark, reclaims to the high one (mm/vmscan.c). */
	wait_queue_head_t kswapd_wait;
	wait_queue_head_t pfmemalloc_wait;
	struct task_struct *kswapd;
	int kswapd_order;		/* -1: no request pending */
	int kswapd_highest_zoneidx;	/* -1: no request pending */
	int kswapd_failures;
	unsigned long totalreserve_pages;

	atomic_long_t vm_stat[NR_VM_NODE_STAT_ITEMS];
} pg_data_t;

extern struct pglist_data contig_page_data;
#define NODE_DATA(nid)		(&contig_page_data)

static inline unsigned long zone_managed_pages(const struct zone *zone)
{
	return (unsigned long)atomic_long_read(&zone->managed_pages);
}

static inline bool managed_zone(const struct zone *zone)
{
	return zone_managed_pages(zone);
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->present_pages;
}

static inline unsigned long wmark_pages(const struct zone *z, enum zone_watermarks i)
{
	return READ_ONCE(z->_watermark[i]) + READ_ONCE(z->watermark_boost);
}

#define min_wmark_pages(z)	wmark_pages(z, WMARK_MIN)
#define low_wmark_pages(z)	wmark_pages(z, WMARK_LOW)
#define high_wmark_pages(z)	wmark_pages(z, WMARK_HIGH)

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

static inline bool zone_spans_pfn(const struct zone *zone, unsigned long pfn)
{
	return zone->zone_start_pfn <= pfn && pfn < zone_end_pfn(zone);
}

#define zone_idx(zone)		((zone)->idx)
#define zone_to_nid(zone)	((zone)->node)

static inline struct zone *zonelist_zone(struct zoneref *zoneref)
{
	return zoneref->zone;
}

static inline int zonelist_zone_idx(struct zoneref *zoneref)
{
	return zoneref->zone_idx;
}

/* for_each_zone_zonelist - each zone of @zlist at or below @highidx, in fallback order */
#define for_each_zone_zonelist(zone, z, zlist, highidx)			\
	for (z = (zlist)->_zonerefs; ((zone) = zonelist_zone(z)) != NULL; z++)	\
		if (zonelist_zone_idx(z) > (int)(highidx)) continue; else

#define for_each_populated_zone(zone)						\
	for (zone = contig_page_data.node_zones;				\
	     zone < contig_page_data.node_zones + MAX_NR_ZONES; zone++)		\
		if (!populated_zone(zone)) continue; else

#define for_each_online_pgdat(pgdat)						\
	for (pgdat = &contig_page_data; pgdat; pgdat = NULL)

#define for_each_migratetype_order(order, type)				\
	for (order = 0; order < NR_PAGE_ORDERS; order++)			\
		for (type = 0; type < MIGRATE_TYPES; type++)

bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags);
bool zone_watermark_ok_safe(struct zone *z, unsigned int order, unsigned long mark,
			    int highest_zoneidx);
void wakeup_kswapd(struct zone *zone, gfp_t gfp_mask, int order, enum zone_type highest_zoneidx);

#endif /* _LINUX_MMZONE_H */
