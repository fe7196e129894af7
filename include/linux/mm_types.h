/* SPDX-License-Identifier: MIT */
/*
 * struct page and struct folio. Every page frame of krt's physical memory has a struct page in
 * mem_map; a folio is the head page of a compound page seen as one object, and its first and
 * second tail pages carry the large-folio fields (order, mapcounts, pincount) as in the kernel.
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/build_bug.h>
#include <asm/page.h>

struct address_space;
struct mem_cgroup;

struct page {
	unsigned long flags;		/* PG_* bits, zone number in the top bits */
	union {
		struct {	/* page cache, anonymous, free and per-cpu-list pages */
			union {
				struct list_head lru;
				struct {
					void *__filler;
					unsigned int mlock_count;
				};
				struct list_head buddy_list;
				struct list_head pcp_list;
			};
			struct address_space *mapping;
			union {
				pgoff_t index;
				unsigned long share;
			};
			unsigned long private;	/* buddy order while PageBuddy */
		};
		struct {	/* tail pages of a compound page */
			unsigned long compound_head;	/* head | 1 */
		};
		struct rcu_head rcu_head;
	};
	union {
		unsigned int page_type;	/* PGTY_* << 24 when typed, else the mapcount */
		atomic_t _mapcount;
	};
	atomic_t _refcount;
	unsigned long memcg_data;
};

static_assert(sizeof(struct page) == 64, "struct page is one cache line, as on x86-64");

/*
 * struct folio - a head page and the fields its tail pages hold for it. The layout lines up
 * with page[0], page[1] and page[2] of the compound page.
 */
struct folio {
	union {
		struct {
			unsigned long flags;
			union {
				struct list_head lru;
				struct {
					void *__filler;
					unsigned int mlock_count;
				};
			};
			struct address_space *mapping;
			pgoff_t index;
			union {
				void *private;
				unsigned long swap;
			};
			atomic_t _mapcount;
			atomic_t _refcount;
			unsigned long memcg_data;
		};
		struct page page;
	};
	union {
		struct {	/* page[1] */
			unsigned long _flags_1;
			unsigned long _head_1;
			atomic_t _large_mapcount;
			atomic_t _entire_mapcount;
			atomic_t _nr_pages_mapped;
			atomic_t _pincount;
			unsigned int _folio_nr_pages;
		};
		struct page __page_1;
	};
	union {
		struct {	/* page[2] */
			unsigned long _flags_2;
			unsigned long _head_2;
			void *_hugetlb_subpool;
			void *_hugetlb_cgroup;
			void *_hugetlb_cgroup_rsvd;
			void *_hugetlb_hwpoison;
		};
		struct {
			unsigned long _flags_2a;
			unsigned long _head_2a;
			struct list_head _deferred_list;
		};
		struct page __page_2;
	};
};

static_assert(offsetof(struct folio, _refcount) == offsetof(struct page, _refcount),
	      "folio and page refcounts overlap");
static_assert(offsetof(struct folio, _head_1) == sizeof(struct page) +
	      offsetof(struct page, compound_head), "tail page 1's compound_head lines up");
static_assert(offsetof(struct folio, memcg_data) == offsetof(struct page, memcg_data),
	      "folio and page memcg_data overlap");

#define page_folio(p)	((struct folio *)compound_head(p))
#define folio_page(folio, n)	(&(folio)->page + (n))

#endif /* _LINUX_MM_TYPES_H */
