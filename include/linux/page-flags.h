/* SPDX-License-Identifier: MIT */
/*
 * Page flags (the kernel's PG_* bit numbers), page types (PGTY_* in the top byte of
 * page_type) and the compound-page accessors. The zone number lives in the top bits of
 * page->flags, as with the kernel's ZONES_PGSHIFT.
 */
#ifndef PAGE_FLAGS_H
#define PAGE_FLAGS_H

#include <linux/types.h>
#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/mm_types.h>
#include <linux/poison.h>

enum pageflags {
	PG_locked,
	PG_writeback,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_head,
	PG_waiters,
	PG_active,
	PG_workingset,
	PG_owner_priv_1,
	PG_owner_2,
	PG_arch_1,
	PG_reserved,
	PG_private,
	PG_private_2,
	PG_reclaim,
	PG_swapbacked,
	PG_unevictable,
	PG_mlocked,
	__NR_PAGEFLAGS,

	PG_readahead = PG_reclaim,
	PG_swapcache = PG_owner_priv_1,
	PG_checked = PG_owner_priv_1,
	PG_anon_exclusive = PG_owner_2,
	PG_mappedtodisk = PG_owner_2,
	PG_fscache = PG_private_2,
	PG_pinned = PG_owner_priv_1,
	PG_isolated = PG_reclaim,
	PG_reported = PG_uptodate,
	PG_has_hwpoisoned = PG_active,
	PG_large_rmappable = PG_workingset,
};

/* Flags a page must not have when it is freed. */
#define PAGE_FLAGS_CHECK_AT_FREE					\
	(1UL << PG_lru | 1UL << PG_locked | 1UL << PG_private |		\
	 1UL << PG_private_2 | 1UL << PG_writeback | 1UL << PG_reserved | \
	 1UL << PG_active | 1UL << PG_unevictable | 1UL << PG_mlocked |	\
	 1UL << PG_swapbacked)

/* Zone number: the top ZONES_WIDTH bits of page->flags. */
#define ZONES_WIDTH		2
#define ZONES_PGSHIFT		(BITS_PER_LONG - ZONES_WIDTH)
#define ZONES_MASK		((1UL << ZONES_WIDTH) - 1)

#define PAGE_MAPPING_ANON	0x1
#define PAGE_MAPPING_MOVABLE	0x2
#define PAGE_MAPPING_KSM	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)
#define PAGE_MAPPING_FLAGS	(PAGE_MAPPING_ANON | PAGE_MAPPING_MOVABLE)

static __always_inline unsigned long _compound_head(const struct page *page)
{
	unsigned long head = READ_ONCE(page->compound_head);

	if (unlikely(head & 1))
		return head - 1;
	return (unsigned long)page;
}

/* compound_head - the head page of the compound page @page belongs to (@page if none) */
#define compound_head(page)	((typeof(page))_compound_head(page))

static __always_inline int PageTail(const struct page *page)
{
	return READ_ONCE(page->compound_head) & 1;
}

static __always_inline int PageHead(const struct page *page)
{
	return test_bit(PG_head, &page->flags);
}

static __always_inline int PageCompound(const struct page *page)
{
	return PageHead(page) || PageTail(page);
}

static __always_inline void set_compound_head(struct page *page, struct page *head)
{
	WRITE_ONCE(page->compound_head, (unsigned long)head + 1);
}

static __always_inline void clear_compound_head(struct page *page)
{
	WRITE_ONCE(page->compound_head, 0);
}

static __always_inline void __SetPageHead(struct page *page)
{
	__set_bit(PG_head, &page->flags);
}

static __always_inline void __ClearPageHead(struct page *page)
{
	__clear_bit(PG_head, &page->flags);
}

static __always_inline bool folio_test_large(const struct folio *folio)
{
	return test_bit(PG_head, &folio->flags);
}

static __always_inline bool folio_test_head(const struct folio *folio)
{
	return folio_test_large(folio);
}

#define KRT_PAGEFLAG(uname, lname)						\
static __always_inline int Page##uname(const struct page *page)		\
{ return test_bit(PG_##lname, &page->flags); }					\
static __always_inline void SetPage##uname(struct page *page)			\
{ set_bit(PG_##lname, &page->flags); }						\
static __always_inline void ClearPage##uname(struct page *page)		\
{ clear_bit(PG_##lname, &page->flags); }					\
static __always_inline void __SetPage##uname(struct page *page)		\
{ __set_bit(PG_##lname, &page->flags); }					\
static __always_inline void __ClearPage##uname(struct page *page)		\
{ __clear_bit(PG_##lname, &page->flags); }					\
static __always_inline bool folio_test_##lname(const struct folio *folio)	\
{ return test_bit(PG_##lname, &folio->flags); }				\
static __always_inline void folio_set_##lname(struct folio *folio)		\
{ set_bit(PG_##lname, &folio->flags); }					\
static __always_inline void folio_clear_##lname(struct folio *folio)		\
{ clear_bit(PG_##lname, &folio->flags); }

KRT_PAGEFLAG(Locked, locked)
KRT_PAGEFLAG(Referenced, referenced)
KRT_PAGEFLAG(Uptodate, uptodate)
KRT_PAGEFLAG(Dirty, dirty)
KRT_PAGEFLAG(LRU, lru)
KRT_PAGEFLAG(Active, active)
KRT_PAGEFLAG(Reserved, reserved)
KRT_PAGEFLAG(Private, private)
KRT_PAGEFLAG(Reclaim, reclaim)
KRT_PAGEFLAG(SwapBacked, swapbacked)
KRT_PAGEFLAG(Unevictable, unevictable)
KRT_PAGEFLAG(Mlocked, mlocked)

/* Page types: the top byte of page_type, which otherwise holds the mapcount (-1). */
enum pagetype {
	PGTY_buddy	= 0xf0,
	PGTY_offline	= 0xf1,
	PGTY_table	= 0xf2,
	PGTY_guard	= 0xf3,
	PGTY_hugetlb	= 0xf4,
	PGTY_slab	= 0xf5,
	PGTY_zsmalloc	= 0xf6,
	PGTY_unaccepted	= 0xf7,
	PGTY_large_kmalloc = 0xf8,	/* the head page of a kmalloc() above 8 KiB */
	PGTY_mapcount_underflow = 0xff
};

/* page_type_has_type - does @page_type hold a PGTY_* rather than a mapcount? */
static inline bool page_type_has_type(unsigned int page_type)
{
	/* Signed, as the word doubles as a mapcount: -1 and 0.. are mapcounts, not types. */
	return (int)page_type < (int)((unsigned int)PGTY_mapcount_underflow << 24);
}

static inline bool page_has_type(const struct page *page)
{
	return page_type_has_type(READ_ONCE(page->page_type));
}

/* Written with WRITE_ONCE: the buddy allocator peeks at a neighbour's type without its owner. */
#define KRT_PAGE_TYPE(uname, lname)						\
static __always_inline bool Page##uname(const struct page *page)		\
{ return (READ_ONCE(page->page_type) >> 24) == PGTY_##lname; }		\
static __always_inline void __SetPage##uname(struct page *page)		\
{ WRITE_ONCE(page->page_type, (unsigned int)PGTY_##lname << 24); }		\
static __always_inline void __ClearPage##uname(struct page *page)		\
{ WRITE_ONCE(page->page_type, UINT_MAX); }					\
static __always_inline bool folio_test_##lname(const struct folio *folio)	\
{ return Page##uname(&folio->page); }

KRT_PAGE_TYPE(Buddy, buddy)
KRT_PAGE_TYPE(Offline, offline)
KRT_PAGE_TYPE(Table, table)
KRT_PAGE_TYPE(Guard, guard)
KRT_PAGE_TYPE(Slab, slab)
KRT_PAGE_TYPE(LargeKmalloc, large_kmalloc)

#endif /* PAGE_FLAGS_H */
