/* SPDX-License-Identifier: MIT */
/*
 * The page allocator's private state shared by mm/mm_init.c, mm/page_alloc.c,
 * mm/page_reporting.c and the /proc files: the per-pfn allocation order record, pageblock
 * migrate types and the per-thread page lists.
 */
#ifndef __MM_PAGE_ALLOC_H
#define __MM_PAGE_ALLOC_H

#include <linux/mm.h>
#include <linux/mmzone.h>

/*
 * The allocation record, in spare bits of page->flags: 0 when the page is free (or a tail of
 * an allocation), order + 1 at the head of an allocation. It lets the allocator refuse a
 * double free or a free with the wrong order even for non-compound pages, which struct page
 * cannot tell otherwise. Only the allocator writes it, while it owns the page.
 */
#define KRT_ALLOC_ORDER_SHIFT	40
#define KRT_ALLOC_ORDER_MASK	(0xfUL << KRT_ALLOC_ORDER_SHIFT)

static inline unsigned int page_alloc_record(const struct page *page)
{
	return (page->flags & KRT_ALLOC_ORDER_MASK) >> KRT_ALLOC_ORDER_SHIFT;
}

static inline void set_page_alloc_record(struct page *page, unsigned int record)
{
	page->flags = (page->flags & ~KRT_ALLOC_ORDER_MASK) |
		      ((unsigned long)record << KRT_ALLOC_ORDER_SHIFT);
}
void krt_init_single_page(unsigned long pfn, enum zone_type zone);
void krt_free_boot_block(struct zone *zone, unsigned long pfn, unsigned int order);
void mm_core_init(void);
void krt_page_alloc_enable_fast_path(void);

static inline int get_pfnblock_migratetype(const struct page *page, unsigned long pfn)
{
	struct zone *zone = page_zone(page);

	return READ_ONCE(zone->pageblock_mt[(pfn - zone->zone_start_pfn) >> pageblock_order]);
}

static inline int get_pageblock_migratetype(const struct page *page)
{
	return get_pfnblock_migratetype(page, page_to_pfn(page));
}

static inline void set_pageblock_migratetype(struct page *page, int migratetype)
{
	struct zone *zone = page_zone(page);

	WRITE_ONCE(zone->pageblock_mt[(page_to_pfn(page) - zone->zone_start_pfn) >>
				      pageblock_order], migratetype);
}

static inline unsigned int buddy_order(const struct page *page)
{
	return page_private(page);
}

/* The per-thread ("per-cpu") lists: orders 0..PAGE_ALLOC_COSTLY_ORDER, per pcp migrate type. */
#define NR_PCP_LISTS	(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))

/*
 * The owning thread uses its lists without atomic instructions: it marks itself @active and
 * checks @drain; another thread that drains sets @drain, makes the owners' stores visible with
 * a process-wide barrier (membarrier) and waits until @active is clear (mm/page_alloc.c).
 */
struct per_cpu_pages {
	int active;		/* the owner is inside a list operation */
	int drain;		/* another thread owns the lists for a drain */
	int count;		/* pages on the lists */
	struct list_head lists[NR_PCP_LISTS];
};

/* Free pages sitting on per-thread lists, per zone (read without stopping the owners). */
unsigned long krt_pcp_free_pages(struct zone *zone);

/* Page reporting (mm/page_reporting.c): give free pageblocks back to the host. */
void page_reporting_notify_free(unsigned int order);
/* Report every free unreported block now; returns pages given back. */
unsigned long krt_page_reporting_flush(void);
void krt_page_reporting_mark_boot_blocks(void);
int krt_isolate_reportable(struct zone *zone, unsigned int order, struct page **pages,
			   int *mts, int max);
void krt_putback_reported(struct zone *zone, struct page *page, unsigned int order, int mt);
void krt_page_reporting_settle(void);
/* Pages taken off the free lists while being given back (not in use, not free). */
long krt_page_reporting_isolated(void);
/* The calling thread leaves krt (kernel/sched): its listed pages go back to the zones. */
void krt_mm_thread_exit(void);
void krt_vm_events_thread_exit(void);

#endif /* __MM_PAGE_ALLOC_H */
