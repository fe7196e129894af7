// SPDX-License-Identifier: MIT
/*
 * The /proc views of the page allocator's counters and free lists, in Linux 6.12's formats:
 * /proc/vmstat (every counter, "name value"), /proc/buddyinfo (free blocks per order),
 * /proc/pagetypeinfo (free blocks per migrate type and order, pageblocks per migrate type)
 * and /proc/zoneinfo (watermarks, protection, counters and per-thread lists of every zone).
 *
 * Free lists are read under the zone lock, one zone (or one list) at a time, and printed after
 * the lock is dropped. krt has one node and no NUMA counters: the files look as on a kernel
 * built without CONFIG_NUMA.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/spinlock.h>
#include <linux/seq_file.h>
#include <krt/proc.h>

#include "mm/internal.h"
#include "mm/page_alloc.h"

/* The kernel's defaults for vm.dirty_ratio and vm.dirty_background_ratio (percent). */
#define KRT_DIRTY_RATIO			20
#define KRT_DIRTY_BACKGROUND_RATIO	10

/* The free-list walk of /proc/pagetypeinfo stops counting here, as the kernel's does. */
#define PAGETYPEINFO_LIST_CAP		100000

static unsigned long node_page_state_pages(struct pglist_data *pgdat, enum node_stat_item item)
{
	unsigned long x = node_page_state(pgdat, item);

	if (item == NR_SLAB_RECLAIMABLE_B || item == NR_SLAB_UNRECLAIMABLE_B)
		x >>= PAGE_SHIFT;
	return x;
}

/*
 * The kernel's global_dirty_limits() for a task that is not real-time: the dirtyable memory
 * (free pages above the reserves plus the file LRU) times the dirty ratios, kept within 32
 * bits, the background limit below the foreground one.
 */
static void global_dirty_limits(unsigned long *pbackground, unsigned long *pdirty)
{
	unsigned long ratio = (KRT_DIRTY_RATIO * PAGE_SIZE) / 100;
	unsigned long bg_ratio = (KRT_DIRTY_BACKGROUND_RATIO * PAGE_SIZE) / 100;
	unsigned long avail = global_zone_page_state(NR_FREE_PAGES);
	unsigned long thresh, bg_thresh;

	avail -= min(avail, READ_ONCE(NODE_DATA(0)->totalreserve_pages));
	avail += global_node_page_state(NR_INACTIVE_FILE);
	avail += global_node_page_state(NR_ACTIVE_FILE);
	avail += 1;

	thresh = ratio * avail / PAGE_SIZE;
	bg_thresh = bg_ratio * avail / PAGE_SIZE;
	if (thresh > UINT_MAX)
		thresh = UINT_MAX;
	if (bg_thresh >= thresh)
		bg_thresh = thresh / 2;
	*pdirty = thresh;
	*pbackground = bg_thresh;
}

/* /proc/vmstat */

static int vmstat_show(struct seq_file *m, void *priv)
{
	unsigned long events[NR_VM_EVENT_ITEMS];
	unsigned long dirty, background;
	int i;

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_zone_stat_names[i], global_zone_page_state(i));
	for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_node_stat_names[i], global_node_page_state_pages(i));

	global_dirty_limits(&background, &dirty);
	seq_printf(m, "nr_dirty_threshold %lu\n", dirty);
	seq_printf(m, "nr_dirty_background_threshold %lu\n", background);
	/* mem_map is set up at boot, outside the page allocator, and never grows. */
	seq_printf(m, "nr_memmap_pages %lu\n", 0UL);
	seq_printf(m, "nr_memmap_boot_pages %lu\n",
		   DIV_ROUND_UP(max_pfn * sizeof(struct page), PAGE_SIZE));

	all_vm_events(events);
	events[PGPGIN] /= 2;	/* sectors -> kbytes */
	events[PGPGOUT] /= 2;
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		seq_printf(m, "%s %lu\n", vm_event_names[i], events[i]);
	/* Deprecated, kept by the kernel so that parsers that expect it still find it. */
	seq_puts(m, "nr_unstable 0\n");
	return 0;
}

/* /proc/buddyinfo */

static int buddyinfo_show(struct seq_file *m, void *priv)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long nr_free[NR_PAGE_ORDERS];
	struct zone *zone;
	unsigned int order;

	for_each_populated_zone(zone) {
		spin_lock(&zone->lock);
		for (order = 0; order < NR_PAGE_ORDERS; order++)
			nr_free[order] = zone->free_area[order].nr_free;
		spin_unlock(&zone->lock);

		seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (order = 0; order < NR_PAGE_ORDERS; order++)
			seq_printf(m, "%6lu ", nr_free[order]);
		seq_putc(m, '\n');
	}
	return 0;
}

/* /proc/pagetypeinfo */

/* Entries on one free list, counted under the zone lock; @overflow: stopped at the cap. */
static unsigned long count_free_list(struct zone *zone, unsigned int order, int mt,
				     bool *overflow)
{
	struct list_head *curr;
	unsigned long n = 0;

	*overflow = false;
	spin_lock(&zone->lock);
	list_for_each(curr, &zone->free_area[order].free_list[mt]) {
		if (++n >= PAGETYPEINFO_LIST_CAP) {
			*overflow = true;
			break;
		}
	}
	spin_unlock(&zone->lock);
	return n;
}

static void pagetypeinfo_showfree(struct seq_file *m, struct pglist_data *pgdat)
{
	struct zone *zone;
	unsigned int order;
	int mt;

	seq_printf(m, "%-43s ", "Free pages count per migrate type at order");
	for (order = 0; order < NR_PAGE_ORDERS; order++)
		seq_printf(m, "%6d ", order);
	seq_putc(m, '\n');

	for_each_populated_zone(zone) {
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			seq_printf(m, "Node %4d, zone %8s, type %12s ", pgdat->node_id,
				   zone->name, migratetype_names[mt]);
			for (order = 0; order < NR_PAGE_ORDERS; order++) {
				bool overflow;
				unsigned long n = count_free_list(zone, order, mt, &overflow);

				seq_printf(m, "%s%6lu ", overflow ? ">" : "", n);
			}
			seq_putc(m, '\n');
		}
	}
}

static void pagetypeinfo_showblockcount(struct seq_file *m, struct pglist_data *pgdat)
{
	unsigned long count[MIGRATE_TYPES];
	struct zone *zone;
	int mt;

	seq_printf(m, "\n%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		seq_printf(m, "%12s ", migratetype_names[mt]);
	seq_putc(m, '\n');

	for_each_populated_zone(zone) {
		unsigned long nblocks = DIV_ROUND_UP(zone->spanned_pages, pageblock_nr_pages);
		unsigned long i;

		memset(count, 0, sizeof(count));
		/* Block types change under the zone lock (fallback stealing, highatomic). */
		spin_lock(&zone->lock);
		for (i = 0; i < nblocks; i++) {
			unsigned int type = READ_ONCE(zone->pageblock_mt[i]);

			if (type < MIGRATE_TYPES)
				count[type]++;
		}
		spin_unlock(&zone->lock);

		seq_printf(m, "Node %d, zone %8s ", pgdat->node_id, zone->name);
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			seq_printf(m, "%12lu ", count[mt]);
		seq_putc(m, '\n');
	}
}

static int pagetypeinfo_show(struct seq_file *m, void *priv)
{
	struct pglist_data *pgdat = NODE_DATA(0);

	seq_printf(m, "Page block order: %d\n", pageblock_order);
	seq_printf(m, "Pages per block:  %lu\n", pageblock_nr_pages);
	seq_putc(m, '\n');
	pagetypeinfo_showfree(m, pgdat);
	pagetypeinfo_showblockcount(m, pgdat);
	/* "Number of mixed blocks" needs page_owner, which krt does not have (nor prints). */
	return 0;
}

/* /proc/zoneinfo */

static bool is_zone_first_populated(struct pglist_data *pgdat, struct zone *zone)
{
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		if (populated_zone(&pgdat->node_zones[i]))
			return zone == &pgdat->node_zones[i];
	return false;
}

/* What zoneinfo prints of a zone, copied under the zone lock. */
struct zone_snapshot {
	unsigned long wmark[NR_WMARK];
	unsigned long boost;
	long lowmem_reserve[MAX_NR_ZONES];
	int pcp_high, pcp_batch;
};

static void zoneinfo_show_zone(struct seq_file *m, struct pglist_data *pgdat, struct zone *zone)
{
	struct zone_snapshot s;
	unsigned long pcp_count = 0;
	int i;

	/* The per-thread list locks nest outside the zone lock: count them first. */
	if (populated_zone(zone))
		pcp_count = krt_pcp_free_pages(zone);
	spin_lock(&zone->lock);
	for (i = 0; i < NR_WMARK; i++)
		s.wmark[i] = wmark_pages(zone, i);
	s.boost = zone->watermark_boost;
	for (i = 0; i < MAX_NR_ZONES; i++)
		s.lowmem_reserve[i] = zone->lowmem_reserve[i];
	s.pcp_high = zone->pcp_high;
	s.pcp_batch = zone->pcp_batch;
	spin_unlock(&zone->lock);

	seq_printf(m, "Node %d, zone %8s", pgdat->node_id, zone->name);
	if (is_zone_first_populated(pgdat, zone)) {
		seq_puts(m, "\n  per-node stats");
		for (i = 0; i < NR_VM_NODE_STAT_ITEMS; i++)
			seq_printf(m, "\n      %-12s %lu", vm_node_stat_names[i],
				   node_page_state_pages(pgdat, i));
	}
	seq_printf(m,
		   "\n  pages free     %lu"
		   "\n        boost    %lu"
		   "\n        min      %lu"
		   "\n        low      %lu"
		   "\n        high     %lu"
		   "\n        promo    %lu"
		   "\n        spanned  %lu"
		   "\n        present  %lu"
		   "\n        managed  %lu"
		   "\n        cma      %lu",
		   zone_page_state(zone, NR_FREE_PAGES), s.boost, s.wmark[WMARK_MIN],
		   s.wmark[WMARK_LOW], s.wmark[WMARK_HIGH], s.wmark[WMARK_PROMO],
		   zone->spanned_pages, zone->present_pages, zone_managed_pages(zone), 0UL);

	seq_printf(m, "\n        protection: (%ld", s.lowmem_reserve[0]);
	for (i = 1; i < MAX_NR_ZONES; i++)
		seq_printf(m, ", %ld", s.lowmem_reserve[i]);
	seq_putc(m, ')');

	/* Nothing else means anything for an empty zone. */
	if (!populated_zone(zone)) {
		seq_putc(m, '\n');
		return;
	}

	for (i = 0; i < NR_VM_ZONE_STAT_ITEMS; i++)
		seq_printf(m, "\n      %-12s %lu", vm_zone_stat_names[i], zone_page_state(zone, i));

	/*
	 * krt's "CPUs" are threads, created and gone at any time: one pageset stands for all of
	 * them, with the pages on every thread's list. Counters are exact atomics, so there is no
	 * per-cpu threshold to fold.
	 */
	seq_printf(m,
		   "\n  pagesets"
		   "\n    cpu: %i"
		   "\n              count: %lu"
		   "\n              high:  %i"
		   "\n              batch: %i"
		   "\n  vm stats threshold: %d",
		   0, pcp_count, s.pcp_high, s.pcp_batch, 0);
	seq_printf(m,
		   "\n  node_unreclaimable:  %u"
		   "\n  start_pfn:           %lu",
		   READ_ONCE(pgdat->kswapd_failures) >= MAX_RECLAIM_RETRIES,
		   zone->zone_start_pfn);
	seq_putc(m, '\n');
}

/* Every zone, populated or not: lowmem_reserve_ratio applies to all of them. */
static int zoneinfo_show(struct seq_file *m, void *priv)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		zoneinfo_show_zone(m, pgdat, &pgdat->node_zones[i]);
	return 0;
}

static const struct krt_proc_ops vmstat_ops = { .show = vmstat_show };
static const struct krt_proc_ops buddyinfo_ops = { .show = buddyinfo_show };
static const struct krt_proc_ops pagetypeinfo_ops = { .show = pagetypeinfo_show };
static const struct krt_proc_ops zoneinfo_ops = { .show = zoneinfo_show };

static int __init vmstat_proc_init(void)
{
	static const struct {
		const char *path;
		const struct krt_proc_ops *ops;
	} files[] = {
		{ "/proc/vmstat", &vmstat_ops },
		{ "/proc/buddyinfo", &buddyinfo_ops },
		{ "/proc/pagetypeinfo", &pagetypeinfo_ops },
		{ "/proc/zoneinfo", &zoneinfo_ops },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		struct krt_proc_entry *e = krt_proc_create(files[i].path, files[i].ops, NULL);

		if (IS_ERR(e))
			return PTR_ERR(e);
	}
	return 0;
}
fs_initcall(vmstat_proc_init);
