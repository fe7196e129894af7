/* SPDX-License-Identifier: MIT */
/*
 * Pages and folios: where a page's memory is, which zone it belongs to, its order, and the
 * reference operations (get_page(), put_page(), folio_put()...). The last put frees the page to
 * the page allocator.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/mm_types.h>
#include <linux/page-flags.h>
#include <linux/page_ref.h>
#include <linux/mmdebug.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include <linux/vmstat.h>
#include <asm/page.h>

#define PAGE_ALIGN(addr)	ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr)	IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)

extern atomic_long_t _totalram_pages;

/* totalram_pages - the pages the page allocator manages */
static inline unsigned long totalram_pages(void)
{
	return (unsigned long)atomic_long_read(&_totalram_pages);
}

static inline enum zone_type page_zonenum(const struct page *page)
{
	return (page->flags >> ZONES_PGSHIFT) & ZONES_MASK;
}

static inline enum zone_type folio_zonenum(const struct folio *folio)
{
	return page_zonenum(&folio->page);
}

static inline struct zone *page_zone(const struct page *page)
{
	return &NODE_DATA(0)->node_zones[page_zonenum(page)];
}

static inline struct zone *folio_zone(const struct folio *folio)
{
	return page_zone(&folio->page);
}

static inline pg_data_t *page_pgdat(const struct page *page)
{
	return NODE_DATA(0);
}

static inline int page_to_nid(const struct page *page)
{
	return 0;
}

static inline int folio_nid(const struct folio *folio)
{
	return 0;
}

static inline void set_page_zone(struct page *page, enum zone_type zone)
{
	page->flags &= ~(ZONES_MASK << ZONES_PGSHIFT);
	page->flags |= (unsigned long)zone << ZONES_PGSHIFT;
}

/* page_address - the direct-map address of @page (every krt page is lowmem) */
static inline void *page_address(const struct page *page)
{
	return page_to_virt(page);
}

#define lowmem_page_address(page)	page_address(page)
#define nth_page(page, n)		((page) + (n))
#define page_private(page)		((page)->private)

static inline void set_page_private(struct page *page, unsigned long private)
{
	page->private = private;
}

static inline void *folio_address(const struct folio *folio)
{
	return page_address(&folio->page);
}

static inline struct folio *virt_to_folio(const void *x)
{
	struct page *page = virt_to_page(x);

	return page_folio(page);
}

/* Allocations from the emergency reserves are marked in lru.next bit 1, as in the kernel. */
static inline void set_page_pfmemalloc(struct page *page)
{
	page->lru.next = (void *)BIT(1);
}

static inline void clear_page_pfmemalloc(struct page *page)
{
	page->lru.next = NULL;
}

/**
 * page_is_pfmemalloc - did @page come from the emergency reserves (ALLOC_NO_WATERMARKS)?
 * @page: a page just allocated
 */
static inline bool page_is_pfmemalloc(const struct page *page)
{
	return (uintptr_t)page->lru.next & BIT(1);
}

/* folio_order - log2 of the folio's pages (0 for a single page) */
static inline unsigned int folio_order(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return 0;
	return folio->_flags_1 & 0xff;
}

/* compound_order - the order of @page's compound page, 0 if @page is not a head page */
static inline unsigned int compound_order(const struct page *page)
{
	return folio_order((const struct folio *)page);
}

static inline long folio_nr_pages(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return 1;
	return folio->_folio_nr_pages;
}

static inline unsigned long compound_nr(const struct page *page)
{
	return folio_nr_pages((const struct folio *)page);
}

static inline unsigned long page_size(const struct page *page)
{
	return PAGE_SIZE << compound_order(page);
}

static inline unsigned int page_shift(const struct page *page)
{
	return PAGE_SHIFT + compound_order(page);
}

static inline size_t folio_size(const struct folio *folio)
{
	return PAGE_SIZE << folio_order(folio);
}

static inline unsigned long folio_pfn(const struct folio *folio)
{
	return page_to_pfn(&folio->page);
}

static inline unsigned long folio_page_idx(const struct folio *folio, const struct page *page)
{
	return page - &folio->page;
}

static inline int folio_mapcount(const struct folio *folio)
{
	if (!folio_test_large(folio))
		return page_has_type(&folio->page) ? 0 : atomic_read(&folio->_mapcount) + 1;
	return atomic_read(&folio->_large_mapcount) + 1;
}

static inline void page_mapcount_reset(struct page *page)
{
	atomic_set(&page->_mapcount, -1);
}

/* A refcount of 0, or within 127 of wrapping: taking a reference would be a bug. */
static inline bool folio_ref_zero_or_close_to_overflow(struct folio *folio)
{
	return ((unsigned int)folio_ref_count(folio) + 127u <= 127u);
}

/* Reports a put that found the refcount at zero (the page was already free); undoes it. */
void krt_page_ref_underflow(struct page *page);
/* __folio_put - the last reference is gone: give the folio back to the page allocator */
void __folio_put(struct folio *folio);

/**
 * folio_get - take a reference on @folio
 * @folio: the folio; must already hold a reference
 *
 * A folio with no references (free) or about to overflow is reported and left alone.
 */
static inline void folio_get(struct folio *folio)
{
	if (unlikely(folio_ref_zero_or_close_to_overflow(folio))) {
		VM_BUG_ON_FOLIO(folio_ref_zero_or_close_to_overflow(folio), folio);
		return;
	}
	folio_ref_inc(folio);
}

/* get_page - take a reference on the folio @page belongs to */
static inline void get_page(struct page *page)
{
	folio_get(page_folio(page));
}

/* try_get_page - get_page() that refuses (WARN, false) a page without references */
static inline __must_check bool try_get_page(struct page *page)
{
	page = compound_head(page);
	if (WARN_ON_ONCE(page_ref_count(page) <= 0))
		return false;
	page_ref_inc(page);
	return true;
}

static inline bool get_page_unless_zero(struct page *page)
{
	return page_ref_add_unless(page, 1, 0);
}

static inline bool folio_put_testzero(struct folio *folio)
{
	int r = atomic_dec_return(&folio->_refcount);

	if (likely(r > 0))
		return false;
	if (likely(r == 0))
		return true;
	krt_page_ref_underflow(&folio->page);
	return false;
}

static inline bool put_page_testzero(struct page *page)
{
	return folio_put_testzero((struct folio *)page);
}

/**
 * folio_put - drop a reference on @folio; the last one frees it
 * @folio: the folio
 *
 * A put on a folio that has no references left is reported ("Bad page state") and ignored.
 */
static inline void folio_put(struct folio *folio)
{
	if (folio_put_testzero(folio))
		__folio_put(folio);
}

/* folio_put_refs - drop @refs references on @folio at once */
static inline void folio_put_refs(struct folio *folio, int refs)
{
	int r = atomic_sub_return(refs, &folio->_refcount);

	if (likely(r > 0))
		return;
	if (r == 0) {
		__folio_put(folio);
		return;
	}
	/* krt_page_ref_underflow() gives back the last one. */
	atomic_add(refs - 1, &folio->_refcount);
	krt_page_ref_underflow(&folio->page);
}

/* put_page - drop a reference on the folio @page belongs to */
static inline void put_page(struct page *page)
{
	folio_put(page_folio(page));
}

/* show_mem - print the state of physical memory (free pages per zone and order, counters) */
void __show_mem(unsigned int flags, nodemask_t *nodemask, int max_zone_idx);
static inline void show_mem(void)
{
	__show_mem(0, NULL, MAX_NR_ZONES - 1);
}

#define SHOW_MEM_FILTER_NODES	0x0001u

/* Report a failed allocation the kernel's way (mm/page_alloc.c); ratelimited, NOWARN-silenced. */
__printf(3, 4) void warn_alloc(gfp_t gfp_mask, nodemask_t *nodemask, const char *fmt, ...);

#endif /* _LINUX_MM_H */
