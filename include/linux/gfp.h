/* SPDX-License-Identifier: MIT */
/*
 * GFP helpers and the page allocator's API: alloc_pages() and friends (mm/page_alloc.c), zone
 * selection from the zone modifiers, and migrate types from the mobility hints.
 */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/kconfig.h>
#include <linux/types.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>
#include <linux/mmdebug.h>

#ifndef alloc_hooks
#define alloc_hooks(_do_alloc) _do_alloc
#endif

struct page;
struct folio;

/* default_gfp() is GFP_KERNEL, default_gfp(flags) is flags. */
#define __default_gfp(a, b, ...) b
#define default_gfp(...) __default_gfp(, ##__VA_ARGS__, GFP_KERNEL)

/**
 * gfpflags_allow_blocking - may an allocation with @gfp_flags sleep?
 * @gfp_flags: the allocation flags
 *
 * True when direct reclaim is allowed, which is what "blocking" means for allocations.
 */
static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

/**
 * gfp_nested_mask - flags for an allocation made inside another one
 * @flags: the outer allocation's flags
 *
 * Keeps the context bits (KERNEL/ATOMIC/NOLOCKDEP) and makes the inner allocation fail fast
 * and silently without touching the reserves, so that the outer one can fail cleanly.
 */
static inline gfp_t gfp_nested_mask(gfp_t flags)
{
	return ((flags & (GFP_KERNEL | GFP_ATOMIC | __GFP_NOLOCKDEP)) |
		(__GFP_NORETRY | __GFP_NOMEMALLOC | __GFP_NOWARN));
}

/* gfp_has_io_fs - may the allocation both start IO and call into file systems? */
static inline bool gfp_has_io_fs(gfp_t gfp)
{
	return (gfp & (__GFP_IO | __GFP_FS)) == (__GFP_IO | __GFP_FS);
}

/* gfp_compaction_allowed - may the allocation compact memory? (needs __GFP_IO) */
static inline bool gfp_compaction_allowed(gfp_t gfp_mask)
{
	return IS_ENABLED(CONFIG_COMPACTION) && (gfp_mask & __GFP_IO);
}

/**
 * gfp_migratetype - the migrate type the mobility hints of @gfp_flags ask for
 * @gfp_flags: the allocation flags
 *
 * Neither hint: UNMOVABLE; __GFP_MOVABLE: MOVABLE; __GFP_RECLAIMABLE: RECLAIMABLE. Both at
 * once is a caller bug.
 */
static inline int gfp_migratetype(const gfp_t gfp_flags)
{
	VM_WARN_ON((gfp_flags & (__GFP_RECLAIMABLE | __GFP_MOVABLE)) ==
		   (__GFP_RECLAIMABLE | __GFP_MOVABLE));
	return (__force unsigned long)(gfp_flags & (__GFP_RECLAIMABLE | __GFP_MOVABLE)) >> 3;
}

/* The "bad" zone-modifier combinations: two of DMA/DMA32/HIGHMEM at once. */
#define GFP_ZONE_BAD ((1 << (___GFP_DMA | ___GFP_HIGHMEM)) |			\
		      (1 << (___GFP_DMA | ___GFP_DMA32)) |				\
		      (1 << (___GFP_DMA32 | ___GFP_HIGHMEM)) |				\
		      (1 << (___GFP_DMA | ___GFP_DMA32 | ___GFP_HIGHMEM)) |		\
		      (1 << (___GFP_MOVABLE | ___GFP_HIGHMEM | ___GFP_DMA)) |		\
		      (1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_DMA)) |		\
		      (1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_HIGHMEM)) |	\
		      (1 << (___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_DMA | ___GFP_HIGHMEM)))

/**
 * gfp_zone - the highest zone an allocation with @flags may use
 * @flags: the allocation flags; only the zone modifiers matter
 *
 * x86-64 without HIGHMEM: __GFP_HIGHMEM alone means NORMAL, and MOVABLE|HIGHMEM means
 * ZONE_MOVABLE. Two of DMA/DMA32/HIGHMEM at once is a bug (the kernel's VM_BUG_ON); krt
 * WARNs once and uses NORMAL, so that the caller keeps running.
 */
static inline enum zone_type gfp_zone(gfp_t flags)
{
	unsigned int bits = (__force unsigned int)(flags & GFP_ZONEMASK);

	if (unlikely((GFP_ZONE_BAD >> bits) & 1)) {
		VM_WARN_ON_ONCE(1);
		return ZONE_NORMAL;
	}
	if (bits & ___GFP_DMA)
		return ZONE_DMA;
	if (bits & ___GFP_DMA32)
		return ZONE_DMA32;
	if ((bits & (___GFP_MOVABLE | ___GFP_HIGHMEM)) == (___GFP_MOVABLE | ___GFP_HIGHMEM))
		return ZONE_MOVABLE;
	return ZONE_NORMAL;
}

/* gfp_zonelist - the fallback list, or with __GFP_THISNODE the no-fallback one */
static inline int gfp_zonelist(gfp_t flags)
{
	return (flags & __GFP_THISNODE) ? ZONELIST_NOFALLBACK : ZONELIST_FALLBACK;
}

static inline struct zonelist *node_zonelist(int nid, gfp_t flags)
{
	return NODE_DATA(nid)->node_zonelists + gfp_zonelist(flags);
}

/* gfp_pfmemalloc_allowed - may an allocation with @gfp_mask use every reserve? */
bool gfp_pfmemalloc_allowed(gfp_t gfp_mask);

/* The flags allowed now: GFP_BOOT_MASK before the page allocator is up, then all. */
extern gfp_t gfp_allowed_mask;

struct page *__alloc_pages_noprof(gfp_t gfp, unsigned int order, int preferred_nid,
				  nodemask_t *nodemask);
#define __alloc_pages(...)		alloc_hooks(__alloc_pages_noprof(__VA_ARGS__))
struct folio *__folio_alloc_noprof(gfp_t gfp, unsigned int order, int preferred_nid,
				   nodemask_t *nodemask);
#define __folio_alloc(...)		alloc_hooks(__folio_alloc_noprof(__VA_ARGS__))

unsigned long alloc_pages_bulk_noprof(gfp_t gfp, int preferred_nid, nodemask_t *nodemask,
				      int nr_pages, struct list_head *page_list,
				      struct page **page_array);
#define __alloc_pages_bulk(...)	alloc_hooks(alloc_pages_bulk_noprof(__VA_ARGS__))

/**
 * alloc_pages_bulk_array - allocate up to @nr_pages order-0 pages into @page_array
 * @gfp: the allocation flags
 * @nr_pages: the size of @page_array
 * @page_array: filled where it holds NULL; entries already set are kept
 *
 * Return: how many entries of @page_array are set now (may be fewer than @nr_pages).
 */
#define alloc_pages_bulk_array(_gfp, _nr_pages, _page_array)			\
	__alloc_pages_bulk(_gfp, numa_mem_id(), NULL, _nr_pages, NULL, _page_array)
#define alloc_pages_bulk_list(_gfp, _nr_pages, _list)				\
	__alloc_pages_bulk(_gfp, numa_mem_id(), NULL, _nr_pages, _list, NULL)

static inline struct page *alloc_pages_node_noprof(int nid, gfp_t gfp_mask, unsigned int order)
{
	if (nid == NUMA_NO_NODE)
		nid = numa_mem_id();
	return __alloc_pages_noprof(gfp_mask, order, nid, NULL);
}
#define alloc_pages_node(...)		alloc_hooks(alloc_pages_node_noprof(__VA_ARGS__))
#define __alloc_pages_node(...)		alloc_hooks(alloc_pages_node_noprof(__VA_ARGS__))

static inline struct page *alloc_pages_noprof(gfp_t gfp_mask, unsigned int order)
{
	return __alloc_pages_noprof(gfp_mask, order, numa_node_id(), NULL);
}
#define alloc_pages(...)		alloc_hooks(alloc_pages_noprof(__VA_ARGS__))
#define alloc_page(gfp_mask)		alloc_pages(gfp_mask, 0)

static inline struct folio *folio_alloc_noprof(gfp_t gfp, unsigned int order)
{
	return __folio_alloc_noprof(gfp, order, numa_node_id(), NULL);
}
#define folio_alloc(...)		alloc_hooks(folio_alloc_noprof(__VA_ARGS__))

unsigned long get_free_pages_noprof(gfp_t gfp_mask, unsigned int order);
#define __get_free_pages(...)		alloc_hooks(get_free_pages_noprof(__VA_ARGS__))
#define __get_free_page(gfp_mask)	__get_free_pages((gfp_mask), 0)
unsigned long get_zeroed_page_noprof(gfp_t gfp_mask);
#define get_zeroed_page(...)		alloc_hooks(get_zeroed_page_noprof(__VA_ARGS__))

void *alloc_pages_exact_noprof(size_t size, gfp_t gfp_mask) __alloc_size(1);
#define alloc_pages_exact(...)		alloc_hooks(alloc_pages_exact_noprof(__VA_ARGS__))
void free_pages_exact(void *virt, size_t size);

void __free_pages(struct page *page, unsigned int order);
void free_pages(unsigned long addr, unsigned int order);
#define __free_page(page)		__free_pages((page), 0)
#define free_page(addr)			free_pages((addr), 0)

void split_page(struct page *page, unsigned int order);
void page_alloc_drain_all(void);
void drain_all_pages(struct zone *zone);
void drain_local_pages(struct zone *zone);

/* nr_free_pages - free pages in the buddy lists of every zone (not counting per-cpu lists) */
unsigned long nr_free_pages(void);

#endif /* __LINUX_GFP_H */
