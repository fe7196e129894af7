// SPDX-License-Identifier: MIT
/*
 * The page allocator: a buddy allocator per zone with migrate types and pageblock stealing,
 * per-thread lists for orders up to PAGE_ALLOC_COSTLY_ORDER (the kernel's per-cpu lists),
 * watermark checks with the kernel's reserve arithmetic, and the GFP slow path: kswapd, direct
 * reclaim, retries, the OOM path, __GFP_NOFAIL and warn_alloc().
 *
 * Locking: zone->lock guards a zone's free areas. A thread's own lists need no lock for the
 * thread itself; drain_all_pages() takes them over from other threads with an asymmetric
 * handshake (pcp_enter()/pcp_drain_begin()). Free pages on per-thread lists are not in
 * NR_FREE_PAGES, as in the kernel.
 */
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/kasan.h>
#include <linux/oom.h>
#include <linux/memcontrol.h>
#include <linux/fault-inject.h>
#include <linux/panic.h>
#include <linux/init.h>
#include <linux/mutex.h>
#include <krt/leak.h>
#include <krt/tsan.h>

#include "arch/host/host.h"
#include <krt/mm.h>

#include "mm/internal.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"

gfp_t gfp_allowed_mask __read_mostly = GFP_BOOT_MASK;

const char * const migratetype_names[MIGRATE_TYPES] = {
	"Unmovable", "Movable", "Reclaimable", "HighAtomic",
};

/* The zone a plain request (no zone modifier) starts with; set once memory is up. */
static struct zone *plain_zone __read_mostly;

/* Pages the free checks quarantined ("Bad page state"): leaked on purpose, like the kernel. */
static atomic_long_t bad_pages;

/* ---------------------------------------------------------------------------------------- */
/* Reports */

/*
 * bad_page - a page failed a consistency check on free or allocation. Printed as the kernel
 * does; the caller leaves the page out of the free lists so nothing else is corrupted.
 */
static void bad_page(struct page *page, const char *reason)
{
	pr_alert("BUG: Bad page state in process %s  pfn:%05lx\n", current->comm,
		 page_to_pfn(page));
	dump_page(page, reason);
	dump_stack();
	add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE);
	if (PageBuddy(page))
		__ClearPageBuddy(page);
}

/**
 * krt_page_ref_underflow - a put found no reference left on @page
 * @page: the page (already free, or never allocated)
 *
 * The kernel's VM_BUG_ON_PAGE(page_ref_count(page) == 0); krt restores the count, reports
 * a "Bad page state" and leaves the page alone.
 */
void krt_page_ref_underflow(struct page *page)
{
	atomic_inc(&page->_refcount);
	bad_page(page, "VM_BUG_ON_PAGE(page_ref_count(page) == 0)");
}

/* Tell ASan / Valgrind that a block is free, or handed out (@init: zeroed). */
static __always_inline void poison_pages(struct page *page, unsigned int order)
{
#ifdef KRT_ASAN
	kasan_poison_range(page_address(page), PAGE_SIZE << order);
#else
	if (unlikely(krt_running_on_valgrind))
		kasan_poison_range(page_address(page), PAGE_SIZE << order);
#endif
}

static __always_inline void unpoison_pages(struct page *page, unsigned int order, bool init)
{
#ifdef KRT_ASAN
	kasan_unpoison_range(page_address(page), PAGE_SIZE << order, init);
#else
	if (unlikely(krt_running_on_valgrind))
		kasan_unpoison_range(page_address(page), PAGE_SIZE << order, init);
#endif
}

/* ---------------------------------------------------------------------------------------- */
/* Buddy primitives (zone->lock held) */

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	set_page_private(page, order);
	__SetPageBuddy(page);
}

static inline bool page_is_buddy(struct page *page, struct page *buddy, unsigned int order)
{
	if (!PageBuddy(buddy) || buddy_order(buddy) != order)
		return false;
	return page_zonenum(page) == page_zonenum(buddy);
}

/*
 * A free block's list is remembered in its ->index (unused while free), so that moving or
 * taking it keeps the per-type counts right whatever its pageblock says meanwhile.
 */
static inline void account_highatomic(struct zone *zone, int migratetype, long nr)
{
	if (unlikely(migratetype == MIGRATE_HIGHATOMIC))
		WRITE_ONCE(zone->nr_free_highatomic, zone->nr_free_highatomic + nr);
}

static inline void add_to_free_list(struct page *page, struct zone *zone, unsigned int order,
				    int migratetype, bool tail)
{
	struct free_area *area = &zone->free_area[order];

	if (tail)
		list_add_tail(&page->buddy_list, &area->free_list[migratetype]);
	else
		list_add(&page->buddy_list, &area->free_list[migratetype]);
	page->index = migratetype;
	account_highatomic(zone, migratetype, 1L << order);
	WRITE_ONCE(area->nr_free, area->nr_free + 1);
}

static inline void move_to_free_list(struct page *page, struct zone *zone, unsigned int order,
				     int migratetype)
{
	account_highatomic(zone, page->index, -(1L << order));
	list_move_tail(&page->buddy_list, &zone->free_area[order].free_list[migratetype]);
	page->index = migratetype;
	account_highatomic(zone, migratetype, 1L << order);
}

static inline void del_page_from_free_list(struct page *page, struct zone *zone,
					   unsigned int order)
{
	list_del(&page->buddy_list);
	account_highatomic(zone, page->index, -(1L << order));
	page->index = 0;
	__ClearPageBuddy(page);
	__clear_bit(PG_reported, &page->flags);
	set_page_private(page, 0);
	WRITE_ONCE(zone->free_area[order].nr_free, zone->free_area[order].nr_free - 1);
}

static inline struct page *get_page_from_free_area(struct free_area *area, int migratetype)
{
	return list_first_entry_or_null(&area->free_list[migratetype], struct page, buddy_list);
}

static inline bool free_area_empty(struct free_area *area, int migratetype)
{
	return list_empty(&area->free_list[migratetype]);
}

static inline bool migratetype_is_mergeable(int mt)
{
	return mt < MIGRATE_PCPTYPES;
}

/* Set the migrate type of every pageblock of the block of @order at @page. */
static void change_pageblock_range(struct page *page, unsigned int order, int migratetype)
{
	unsigned long nr = order >= pageblock_order ? 1UL << (order - pageblock_order) : 1;

	while (nr--) {
		set_pageblock_migratetype(page, migratetype);
		page += pageblock_nr_pages;
	}
}

/*
 * __free_one_page - put a free block into the buddy lists, merging it with free buddies.
 * Returns the order of the merged block.
 */
static unsigned int __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
				    unsigned int order, int migratetype, bool tail)
{
	while (order < MAX_PAGE_ORDER) {
		unsigned long buddy_pfn = pfn ^ (1UL << order);
		struct page *buddy = page + (buddy_pfn - pfn);

		if (buddy_pfn >= max_pfn || !page_is_buddy(page, buddy, order))
			break;
		if (order >= pageblock_order) {
			int buddy_mt = get_pfnblock_migratetype(buddy, buddy_pfn);

			if (migratetype != buddy_mt && (!migratetype_is_mergeable(migratetype) ||
							!migratetype_is_mergeable(buddy_mt)))
				break;
		}
		del_page_from_free_list(buddy, zone, order);
		pfn &= buddy_pfn;
		page = pfn_to_page(pfn);
		order++;
	}
	if (order >= pageblock_order)
		change_pageblock_range(page, order, migratetype);
	set_buddy_order(page, order);
	add_to_free_list(page, zone, order, migratetype, tail);
	return order;
}

/* Split a block of order @high taken from the lists down to @low, freeing the upper halves. */
static inline void expand(struct zone *zone, struct page *page, unsigned int low,
			  unsigned int high, int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, migratetype, false);
		set_buddy_order(&page[size], high);
	}
}

static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order, int migratetype)
{
	unsigned int current_order;

	for (current_order = order; current_order < NR_PAGE_ORDERS; current_order++) {
		struct free_area *area = &zone->free_area[current_order];
		struct page *page = get_page_from_free_area(area, migratetype);

		if (!page)
			continue;
		del_page_from_free_list(page, zone, current_order);
		expand(zone, page, order, current_order, migratetype);
		return page;
	}
	return NULL;
}

/* Where a migrate type borrows from when its own lists are empty. */
static const int fallbacks[MIGRATE_PCPTYPES][MIGRATE_PCPTYPES - 1] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE, MIGRATE_MOVABLE },
};

static bool can_steal_fallback(unsigned int order, int start_mt)
{
	if (order >= pageblock_order)
		return true;
	return order >= pageblock_order / 2 || start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE;
}

static int find_suitable_fallback(struct free_area *area, unsigned int order, int start_mt,
				  bool *can_steal)
{
	int i;

	if (area->nr_free == 0)	/* zone->lock held */
		return -1;
	for (i = 0; i < MIGRATE_PCPTYPES - 1; i++) {
		int fallback_mt = fallbacks[start_mt][i];

		if (free_area_empty(area, fallback_mt))
			continue;
		*can_steal = can_steal_fallback(order, start_mt);
		return fallback_mt;
	}
	return -1;
}

/*
 * Move every free block of the pageblock holding @page to @migratetype's lists. Returns how
 * many free pages the pageblock had.
 */
static unsigned long move_freepages_block(struct zone *zone, struct page *page, int migratetype)
{
	unsigned long pfn = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	unsigned long end = pfn + pageblock_nr_pages, moved = 0;

	if (pfn < zone->zone_start_pfn || end > zone_end_pfn(zone))
		return 0;
	while (pfn < end) {
		struct page *p = pfn_to_page(pfn);

		if (!PageBuddy(p)) {
			pfn++;
			continue;
		}
		move_to_free_list(p, zone, buddy_order(p), migratetype);
		moved += 1UL << buddy_order(p);
		pfn += 1UL << buddy_order(p);
	}
	return moved;
}

/*
 * Take a free block of @fallback_mt for @start_mt. A big enough block, or a pageblock that is
 * mostly free, becomes @start_mt's as a whole (fewer mixed pageblocks); otherwise only the
 * block itself moves.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page, unsigned int order,
				    int start_mt, bool whole_block)
{
	unsigned long free;

	if (order >= pageblock_order) {
		change_pageblock_range(page, order, start_mt);
		move_to_free_list(page, zone, order, start_mt);
		return;
	}
	if (whole_block) {
		free = move_freepages_block(zone, page, start_mt);
		if (free >= pageblock_nr_pages / 2) {
			set_pageblock_migratetype(page, start_mt);
			return;
		}
		/* Not claimed: the other free blocks go back where they were. */
		move_freepages_block(zone, page, get_pageblock_migratetype(page));
	}
	move_to_free_list(page, zone, order, start_mt);
}

static bool __rmqueue_fallback(struct zone *zone, int order, int start_mt,
			       unsigned int alloc_flags)
{
	int current_order, min_order = order, fallback_mt = -1;
	bool can_steal = false;
	struct page *page;

	/* Under ALLOC_NOFRAGMENT only whole pageblocks may change type. */
	if (order < pageblock_order && (alloc_flags & ALLOC_NOFRAGMENT))
		min_order = pageblock_order;

	/* Largest first: stealing big blocks keeps migrate types from mixing. */
	for (current_order = MAX_PAGE_ORDER; current_order >= min_order; current_order--) {
		fallback_mt = find_suitable_fallback(&zone->free_area[current_order],
						     current_order, start_mt, &can_steal);
		if (fallback_mt == -1)
			continue;
		if (!can_steal)
			break;
		goto do_steal;
	}
	if (alloc_flags & ALLOC_NOFRAGMENT)
		return false;
	for (current_order = order; current_order < NR_PAGE_ORDERS; current_order++) {
		fallback_mt = find_suitable_fallback(&zone->free_area[current_order],
						     current_order, start_mt, &can_steal);
		if (fallback_mt != -1)
			break;
	}
	if (current_order >= NR_PAGE_ORDERS)
		return false;
	can_steal = false;
do_steal:
	page = get_page_from_free_area(&zone->free_area[current_order], fallback_mt);
	steal_suitable_fallback(zone, page, current_order, start_mt, can_steal);
	return true;
}

static struct page *__rmqueue(struct zone *zone, unsigned int order, int migratetype,
			      unsigned int alloc_flags)
{
	struct page *page;

	do {
		page = __rmqueue_smallest(zone, order, migratetype);
	} while (!page && __rmqueue_fallback(zone, order, migratetype, alloc_flags));
	return page;
}

/**
 * krt_isolate_reportable - take free unreported blocks of @order off @zone's lists
 * @zone: the zone (its lock held)
 * @order: the order, at least pageblock_order
 * @pages: where to store them
 * @mts: their lists' migrate types
 * @max: at most this many
 *
 * Only while the zone stays above its min watermark: giving memory back to the host must not
 * make allocations fail. Returns how many were isolated (NR_FREE_PAGES no longer counts them).
 */
int krt_isolate_reportable(struct zone *zone, unsigned int order, struct page **pages,
			   int *mts, int max)
{
	int n = 0, mt;

	for (mt = 0; mt < MIGRATE_TYPES && n < max; mt++) {
		struct page *page, *next;

		list_for_each_entry_safe(page, next, &zone->free_area[order].free_list[mt],
					 buddy_list) {
			if (test_bit(PG_reported, &page->flags))
				continue;
			if (!zone_watermark_ok(zone, 0, min_wmark_pages(zone) + (1UL << order), 0, 0))
				return n;
			del_page_from_free_list(page, zone, order);
			mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
			pages[n] = page;
			mts[n] = mt;
			if (++n == max)
				return n;
		}
	}
	return n;
}

/**
 * krt_putback_reported - return a block isolated by krt_isolate_reportable()
 * @zone: its zone (lock held)
 * @page: the block
 * @order: its order
 * @mt: the list it came from
 *
 * It merges with buddies freed meanwhile; only a block that stayed whole is marked reported.
 */
void krt_putback_reported(struct zone *zone, struct page *page, unsigned int order, int mt)
{
	unsigned long pfn = page_to_pfn(page);

	if (__free_one_page(page, pfn, zone, order, mt, true) == order)
		__set_bit(PG_reported, &page->flags);
	mod_zone_page_state(zone, NR_FREE_PAGES, 1L << order);
}

/* ---------------------------------------------------------------------------------------- */
/* Per-thread lists */

struct krt_mm_thread {
	struct per_cpu_pages pcp[MAX_NR_ZONES];
	struct list_head node;
};

static __thread struct krt_mm_thread *mm_thread __attribute__((tls_model("initial-exec")));
static LIST_HEAD(mm_threads);
static DEFINE_SPINLOCK(mm_threads_lock);

/*
 * The per-thread lists are private to their thread (and its lock): plain list operations,
 * without CONFIG_DEBUG_LIST's validation, keep the fast path short.
 */
static __always_inline void pcp_list_add(struct page *page, struct list_head *head)
{
	struct list_head *next = head->next;

	page->pcp_list.next = next;
	page->pcp_list.prev = head;
	next->prev = &page->pcp_list;
	WRITE_ONCE(head->next, &page->pcp_list);
}

static __always_inline void pcp_list_del(struct page *page)
{
	struct list_head *prev = page->pcp_list.prev, *next = page->pcp_list.next;

	next->prev = prev;
	WRITE_ONCE(prev->next, next);
}

static inline unsigned int order_to_pindex(int migratetype, unsigned int order)
{
	return order * MIGRATE_PCPTYPES + migratetype;
}

static inline unsigned int pindex_to_order(unsigned int pindex)
{
	return pindex / MIGRATE_PCPTYPES;
}

/* With membarrier, the owner's side of the handshake is plain stores and loads. */
static bool pcp_membarrier __read_mostly;

/*
 * pcp_enter - the owning thread starts using its lists. False while another thread drains
 * them: the caller then goes to the buddy lists instead.
 *
 * Dekker's handshake with the drainer: owner "active = 1; read drain", drainer "drain = 1;
 * read active". The drainer's membarrier() is the full barrier the owner's side would need,
 * so the owner's side is two plain accesses (or an exchange when the host has no membarrier).
 */
static __always_inline bool pcp_enter(struct per_cpu_pages *pcp)
{
	if (likely(pcp_membarrier))
		WRITE_ONCE(pcp->active, 1);
	else
		__atomic_exchange_n(&pcp->active, 1, __ATOMIC_SEQ_CST);
	barrier();
	/* Acquire: nothing of the lists may be read before a drain's end is seen. */
	if (unlikely(__atomic_load_n(&pcp->drain, __ATOMIC_ACQUIRE))) {
		__atomic_store_n(&pcp->active, 0, __ATOMIC_RELEASE);
		return false;
	}
	/* Pairs with the release at the end of a drain (the handshake, spelt out for TSan). */
	krt_tsan_acquire(pcp);
	return true;
}

/* pcp_leave - the owner is done: its list writes are visible before @active clears */
static __always_inline void pcp_leave(struct per_cpu_pages *pcp)
{
	krt_tsan_release(pcp);
	__atomic_store_n(&pcp->active, 0, __ATOMIC_RELEASE);
}

/* The owner needs its lists (exit, drain_local_pages): wait out a drain in progress. */
static void pcp_enter_wait(struct per_cpu_pages *pcp)
{
	while (!pcp_enter(pcp))
		cpu_relax();
}

static inline void pcp_set_count(struct per_cpu_pages *pcp, int count)
{
	WRITE_ONCE(pcp->count, count);
}

/* The drainer side: after this, each marked pcp's owner is outside or will stay out. */
static void pcp_drain_fence(void)
{
	if (!pcp_membarrier) {
		smp_mb();
		return;
	}
	/* The owners rely on it: without it both sides could edit the same list. */
	if (host_membarrier())
		panic("krt: membarrier() failed after it was set up\n");
}


/* Wait until the owner of @pcp (marked for drain, fenced) has left its lists. */
static void pcp_drain_wait(struct per_cpu_pages *pcp)
{
	while (__atomic_load_n(&pcp->active, __ATOMIC_ACQUIRE))
		cpu_relax();
	krt_tsan_acquire(pcp);
}

static void pcp_drain_end(struct per_cpu_pages *pcp)
{
	krt_tsan_release(pcp);
	__atomic_store_n(&pcp->drain, 0, __ATOMIC_RELEASE);
}

/*
 * fork(): the child gets a copy of memory but only the forking thread. Nothing may be half
 * done in the copy, so the allocator is quiesced around the fork: every thread's lists taken
 * over as for a drain, and every zone locked. (Registered before the other subsystems' fork
 * handlers, so this prepare runs last and the parent/child halves first: see mm_fork_init.)
 */
static bool mm_fork_quiesced;

static void mm_fork_prepare(void)
{
	struct krt_mm_thread *t;
	int z;

	/*
	 * The slab allocator first: a thread holding its locks may be waiting for pages, and
	 * its child half must run once memory is private.
	 */
	slab_fork_prepare();
	vmalloc_fork_prepare();
	if (!READ_ONCE(plain_zone))
		return;		/* memory is not set up yet */
	mm_fork_quiesced = true;
	spin_lock(&mm_threads_lock);
	list_for_each_entry(t, &mm_threads, node)
		for (z = 0; z < MAX_NR_ZONES; z++)
			WRITE_ONCE(t->pcp[z].drain, 1);
	pcp_drain_fence();
	list_for_each_entry(t, &mm_threads, node)
		for (z = 0; z < MAX_NR_ZONES; z++)
			pcp_drain_wait(&t->pcp[z]);
	for (z = 0; z < MAX_NR_ZONES; z++)
		spin_lock(&NODE_DATA(0)->node_zones[z].lock);
}

static void mm_fork_resume(void)
{
	struct krt_mm_thread *t;
	int z;

	if (!mm_fork_quiesced)
		return;
	mm_fork_quiesced = false;
	for (z = MAX_NR_ZONES - 1; z >= 0; z--)
		spin_unlock(&NODE_DATA(0)->node_zones[z].lock);
	list_for_each_entry(t, &mm_threads, node)
		for (z = 0; z < MAX_NR_ZONES; z++)
			pcp_drain_end(&t->pcp[z]);
	spin_unlock(&mm_threads_lock);
}

/*
 * In the child, the other threads' lists stay (drainable); membarrier needs registering again,
 * or the owner side falls back to exchanges (the child is single-threaded: switching is safe).
 */
static void mm_fork_child(void)
{
	bool up = mm_fork_quiesced;

	/* Before anything writes to memory: the child's writes must not reach the parent. */
	if (up && host_physmem_fork_child())
		panic("krt: cannot make physical memory private in a forked child\n");
	mm_fork_resume();
	if (up)
		pcp_membarrier = host_membarrier_init();
	vmalloc_fork_child();
	slab_fork_child();
}

static void mm_fork_parent(void)
{
	mm_fork_resume();
	vmalloc_fork_parent();
	slab_fork_parent();
}

/*
 * Registered before every other subsystem's fork handlers (KRT_CONSTRUCTOR_FIRST): prepare
 * handlers run in reverse order, so the allocator is quiesced last, after RCU & co. have
 * waited for their threads — which may be freeing pages meanwhile — and resumed first.
 */
static KRT_CONSTRUCTOR_FIRST void mm_fork_init(void)
{
	host_atfork(mm_fork_prepare, mm_fork_parent, mm_fork_child);
}

/* Set once the thread's lists were given back: later frees go straight to the zones. */
static __thread bool mm_thread_gone;

static noinline struct krt_mm_thread *mm_thread_alloc(void)
{
	struct krt_mm_thread *t;
	int z, i;

	if (mm_thread_gone)
		return NULL;
	/* The task's exit hook gives the lists back: make sure there is a task. */
	(void)current;
	t = host_zalloc(sizeof(*t));
	if (!t)
		return NULL;
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (i = 0; i < NR_PCP_LISTS; i++)
			INIT_LIST_HEAD(&t->pcp[z].lists[i]);
	spin_lock(&mm_threads_lock);
	list_add(&t->node, &mm_threads);
	spin_unlock(&mm_threads_lock);
	mm_thread = t;
	return t;
}

static __always_inline struct per_cpu_pages *this_pcp(int zone_idx)
{
	struct krt_mm_thread *t = mm_thread;

	if (unlikely(!t)) {
		t = mm_thread_alloc();
		if (!t)
			return NULL;
	}
	return &t->pcp[zone_idx];
}

/*
 * Give @count pages (at least) of @pcp (ours) back to the buddy lists of @zone. NR_FREE_PAGES
 * goes up before the list's count goes down, so that a reader of both never misses pages.
 * Returns true when a pageblock-sized block was formed: the caller notifies page reporting
 * once it has left its lists.
 */
static bool free_pcppages_bulk(struct zone *zone, int count, struct per_cpu_pages *pcp)
{
	unsigned int pindex = 0;
	unsigned long freed = 0;
	bool report = false;

	count = min(pcp->count, count);
	if (count <= 0)
		return false;
	spin_lock(&zone->lock);
	while (count > 0) {
		struct list_head *list;

		do {
			pindex = (pindex + 1) % NR_PCP_LISTS;
			list = &pcp->lists[pindex];
		} while (list_empty(list));
		do {
			struct page *page = list_last_entry(list, struct page, pcp_list);
			unsigned int order = pindex_to_order(pindex);
			unsigned long pfn = page_to_pfn(page);

			pcp_list_del(page);
			count -= 1 << order;
			freed += 1UL << order;
			if (__free_one_page(page, pfn, zone, order,
					    get_pfnblock_migratetype(page, pfn), false) >=
			    pageblock_order)
				report = true;
		} while (count > 0 && !list_empty(list));
	}
	mod_zone_page_state(zone, NR_FREE_PAGES, freed);
	pcp_set_count(pcp, pcp->count - freed);
	spin_unlock(&zone->lock);
	return report;
}

/**
 * drain_local_pages - give the calling thread's listed pages back to the buddy lists
 * @zone: only this zone's list, or NULL for all
 */
void drain_local_pages(struct zone *zone)
{
	struct krt_mm_thread *t = mm_thread;
	bool report = false;
	int z;

	if (!t)
		return;
	for (z = 0; z < MAX_NR_ZONES; z++) {
		struct per_cpu_pages *pcp = &t->pcp[z];

		if (zone && zone != &NODE_DATA(0)->node_zones[z])
			continue;
		pcp_enter_wait(pcp);
		report |= free_pcppages_bulk(&NODE_DATA(0)->node_zones[z], pcp->count, pcp);
		pcp_leave(pcp);
	}
	if (report)
		page_reporting_notify_free(pageblock_order);
}

/**
 * drain_all_pages - give every thread's listed pages back to the buddy lists
 * @zone: only this zone's lists, or NULL for all
 *
 * Direct reclaim does this before it gives up: free pages stranded on other threads' lists
 * are free memory too. One process-wide barrier covers all the threads.
 */
void drain_all_pages(struct zone *zone)
{
	struct krt_mm_thread *t;
	bool report = false;
	int z;

	spin_lock(&mm_threads_lock);
	list_for_each_entry(t, &mm_threads, node)
		for (z = 0; z < MAX_NR_ZONES; z++)
			if (!zone || zone == &NODE_DATA(0)->node_zones[z])
				WRITE_ONCE(t->pcp[z].drain, 1);
	pcp_drain_fence();
	list_for_each_entry(t, &mm_threads, node)
		for (z = 0; z < MAX_NR_ZONES; z++) {
			struct per_cpu_pages *pcp = &t->pcp[z];

			if (zone && zone != &NODE_DATA(0)->node_zones[z])
				continue;
			pcp_drain_wait(pcp);
			report |= free_pcppages_bulk(&NODE_DATA(0)->node_zones[z], pcp->count,
						     pcp);
			pcp_drain_end(pcp);
		}
	spin_unlock(&mm_threads_lock);
	if (report)
		page_reporting_notify_free(pageblock_order);
}

/**
 * page_alloc_drain_all - drain_all_pages(NULL): every thread's listed pages back to the zones
 *
 * For tests and tools that want NR_FREE_PAGES to count every free page.
 */
void page_alloc_drain_all(void)
{
	drain_all_pages(NULL);
}

/**
 * krt_mm_thread_exit - the calling thread leaves krt: its listed pages go back to the zones
 */
void krt_mm_thread_exit(void)
{
	struct krt_mm_thread *t = mm_thread;
	bool report = false;

	if (!t)
		return;
	/*
	 * Off the list and the pages back in one step under the lock: no drainer can look at
	 * these lists afterwards, and krt_pcp_free_pages() never sees the pages in neither place
	 * (the "pages" leak counter would count them as used by whoever reads it meanwhile).
	 */
	spin_lock(&mm_threads_lock);
	list_del(&t->node);
	mm_thread = NULL;
	mm_thread_gone = true;
	for (int z = 0; z < MAX_NR_ZONES; z++)
		report |= free_pcppages_bulk(&NODE_DATA(0)->node_zones[z], t->pcp[z].count,
					     &t->pcp[z]);
	spin_unlock(&mm_threads_lock);
	if (report)
		page_reporting_notify_free(pageblock_order);
	host_free(t);
}

static unsigned long pcp_free_pages_locked(struct zone *zone)
{
	struct krt_mm_thread *t;
	unsigned long n = 0;

	list_for_each_entry(t, &mm_threads, node)
		n += READ_ONCE(t->pcp[zone_idx(zone)].count);
	return n;
}

/**
 * krt_pcp_free_pages - free pages on every thread's lists for @zone
 * @zone: the zone
 *
 * Read without stopping the owners: exact when none is in the middle of an allocation or a
 * free, never short of pages in transit (see rmqueue_bulk() and free_pcppages_bulk()).
 */
unsigned long krt_pcp_free_pages(struct zone *zone)
{
	unsigned long n;

	spin_lock(&mm_threads_lock);
	n = pcp_free_pages_locked(zone);
	spin_unlock(&mm_threads_lock);
	return n;
}

/* ---------------------------------------------------------------------------------------- */
/* Freeing */

static inline void set_alloc_order(struct page *page, unsigned int order)
{
	set_page_alloc_record(page, order + 1);
}

/* Check a tail page of a compound page on free; the kernel's free_tail_page_prepare(). */
static bool free_tail_page_prepare(struct page *head, struct page *page)
{
	struct folio *folio = (struct folio *)head;
	bool bad = false;

	switch (page - head) {
	case 1:
		if (unlikely(atomic_read(&folio->_entire_mapcount) + 1)) {
			bad_page(page, "nonzero entire_mapcount");
			bad = true;
		} else if (unlikely(atomic_read(&folio->_nr_pages_mapped))) {
			bad_page(page, "nonzero nr_pages_mapped");
			bad = true;
		} else if (unlikely(atomic_read(&folio->_pincount))) {
			bad_page(page, "nonzero pincount");
			bad = true;
		}
		break;
	case 2:
		break;
	default:
		if (page->mapping != TAIL_MAPPING) {
			bad_page(page, "corrupted mapping in tail page");
			bad = true;
		}
		break;
	}
	if (unlikely(!PageTail(page))) {
		bad_page(page, "PageTail not set");
		bad = true;
	} else if (unlikely(compound_head(page) != head)) {
		bad_page(page, "compound_head not consistent");
		bad = true;
	}
	page->mapping = NULL;
	clear_compound_head(page);
	return bad;
}

static const char *page_bad_reason(struct page *page)
{
	/* A page type (slab, offline...) must be cleared by its owner before the free. */
	if (unlikely(atomic_read(&page->_mapcount) != -1))
		return "nonzero mapcount";
	if (unlikely(page->mapping != NULL))
		return "non-NULL mapping";
	if (unlikely(page_ref_count(page) != 0))
		return "nonzero _refcount";
	if (unlikely(page->flags & PAGE_FLAGS_CHECK_AT_FREE))
		return "PAGE_FLAGS_CHECK_AT_FREE flag(s) set";
	if (unlikely(page->memcg_data))
		return "page still charged to cgroup";
	return NULL;
}

/*
 * free_pages_prepare_slow - a block failed the quick free checks: a compound page, a typed
 * or charged page, or something wrong. Returns false when the block must not be freed: it
 * was reported and stays out of the free lists.
 */
static noinline bool free_pages_prepare_slow(struct page *page, unsigned int *orderp)
{
	unsigned int recorded = page_alloc_record(page);
	unsigned int order = *orderp;
	const char *reason;
	bool bad = false;
	int i;

	if (unlikely(recorded != order + 1)) {
		char why[96];

		if (!recorded) {
			bad_page(page, "page is not allocated (double free or foreign page)");
			return false;
		}
		snprintf(why, sizeof(why), "freed with order %u, allocated with order %u", order,
			 recorded - 1);
		bad_page(page, why);
		/* Free what was allocated: the whole block, no more, no less. */
		order = recorded - 1;
		*orderp = order;
	}

	if (unlikely(page->memcg_data) && !PageSlab(page))
		__memcg_kmem_uncharge_page(page, order);

	if (PageHead(page)) {
		if (unlikely(compound_order(page) != order)) {
			bad_page(page, "compound order does not match the freed order");
			return false;
		}
		for (i = 1; i < (1 << order); i++)
			bad |= free_tail_page_prepare(page, page + i);
		/* page[1]'s flags word held the folio's order and second-page flags. */
		page[1].flags &= ~((1UL << __NR_PAGEFLAGS) - 1);
		page[1].index = 0;
		if (order > 1) {
			page[2].lru.next = NULL;
			page[2].lru.prev = NULL;
		}
		__ClearPageHead(page);
	}
	reason = page_bad_reason(page);
	if (unlikely(reason || bad)) {
		if (reason)
			bad_page(page, reason);
		atomic_long_add(1L << order, &bad_pages);
		return false;
	}
	page->flags &= ~(((1UL << __NR_PAGEFLAGS) - 1) | KRT_ALLOC_ORDER_MASK);
	poison_pages(page, order);
	return true;
}

/*
 * free_pages_prepare - check and clean a block before it goes back. The common case (a plain
 * page freed with the order it was allocated with, nothing left in it) is one combined test.
 */
static __always_inline bool free_pages_prepare(struct page *page, unsigned int *orderp)
{
	if (unlikely((page_alloc_record(page) != *orderp + 1) |
		     !!(page->flags & (PAGE_FLAGS_CHECK_AT_FREE | 1UL << PG_head)) |
		     !!page->memcg_data | !!page->mapping |
		     (atomic_read(&page->_mapcount) != -1) | !!page_ref_count(page)))
		return free_pages_prepare_slow(page, orderp);
	page->flags &= ~(((1UL << __NR_PAGEFLAGS) - 1) | KRT_ALLOC_ORDER_MASK);
	poison_pages(page, *orderp);
	return true;
}

static __always_inline void count_freed(unsigned int order)
{
	struct task_struct *t = pcpu_hot.current_task;

	count_vm_events(PGFREE, 1L << order);
	if (unlikely(t && t->reclaim_state))
		t->reclaim_state->reclaimed += 1UL << order;
}

static void free_one_page(struct zone *zone, struct page *page, unsigned long pfn,
			  unsigned int order)
{
	unsigned int merged;

	spin_lock(&zone->lock);
	merged = __free_one_page(page, pfn, zone, order, get_pfnblock_migratetype(page, pfn),
				 false);
	mod_zone_page_state(zone, NR_FREE_PAGES, 1L << order);
	spin_unlock(&zone->lock);
	if (merged >= pageblock_order)
		page_reporting_notify_free(merged);
}

/* A checked block goes to this thread's list (small orders) or straight to the buddy lists. */
static __always_inline void free_checked_block(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long pfn = page_to_pfn(page);
	struct per_cpu_pages *pcp;
	int mt, high;

	count_freed(order);
	if (order > PAGE_ALLOC_COSTLY_ORDER || !(pcp = this_pcp(page_zonenum(page)))) {
		free_one_page(zone, page, pfn, order);
		return;
	}
	mt = get_pfnblock_migratetype(page, pfn);
	if (unlikely(mt >= MIGRATE_PCPTYPES))
		mt = MIGRATE_MOVABLE;
	if (unlikely(!pcp_enter(pcp))) {
		free_one_page(zone, page, pfn, order);
		return;
	}
	pcp_list_add(page, &pcp->lists[order_to_pindex(mt, order)]);
	pcp_set_count(pcp, pcp->count + (1 << order));
	high = READ_ONCE(zone->pcp_high);
	if (unlikely(pcp->count >= high)) {
		bool report = free_pcppages_bulk(zone, pcp->count - high +
						 READ_ONCE(zone->pcp_batch), pcp);

		pcp_leave(pcp);
		if (report)
			page_reporting_notify_free(pageblock_order);
		return;
	}
	pcp_leave(pcp);
}

/* Free a block whose reference count already reached zero. */
static __always_inline void free_frozen_pages(struct page *page, unsigned int order)
{
	if (!free_pages_prepare(page, &order))
		return;
	free_checked_block(page, order);
}

static void __free_pages_general(struct page *page, unsigned int order);

/**
 * __free_pages - drop a reference on a block of 2^@order pages; the last one frees it
 * @page: the first page, as alloc_pages() returned it
 * @order: the order it was allocated with
 *
 * If someone else still holds a reference on a non-compound block, only the first page stays
 * allocated (until that reference goes) and the rest is freed now, as in the kernel.
 */
void __free_pages(struct page *page, unsigned int order)
{
	/* The common case, a single page, without the general path's register spills. */
	if (likely(!order && !PageHead(page))) {
		int r = atomic_dec_return(&page->_refcount);

		if (likely(r == 0))
			free_frozen_pages(page, 0);
		else if (unlikely(r < 0))
			krt_page_ref_underflow(page);
		return;
	}
	__free_pages_general(page, order);
}

static noinline void __free_pages_general(struct page *page, unsigned int order)
{
	unsigned int o;

	if (unlikely(order > MAX_PAGE_ORDER)) {
		bad_page(page, "freed with an order above MAX_PAGE_ORDER");
		return;
	}
	if (PageHead(page) || !order || page_alloc_record(page) != order + 1) {
		if (put_page_testzero(page))
			free_frozen_pages(page, order);
		return;
	}
	/* The only reference (the usual case): the block goes back whole. */
	if (page_ref_freeze(page, 1)) {
		free_frozen_pages(page, order);
		return;
	}
	/*
	 * A non-compound block: someone may hold a reference on its first page. Split the
	 * record before dropping ours, since their put may free that page at any moment; then
	 * the rest goes now and the first page when its last reference does.
	 */
	set_page_alloc_record(page, 1);
	for (o = 0; o < order; o++)
		set_page_alloc_record(page + (1 << o), o + 1);
	/* A charged block: the rest is uncharged now, the first page when it goes. */
	if (unlikely(page->memcg_data))
		memcg_kmem_uncharge_pages_keep(page, (1UL << order) - 1);
	if (put_page_testzero(page))
		free_frozen_pages(page, 0);
	for (o = order; o-- > 0;)
		free_frozen_pages(page + (1 << o), o);
}

/**
 * free_pages - free a block by its direct-map address
 * @addr: what __get_free_pages() returned (0 is ignored)
 * @order: the order it was allocated with
 */
void free_pages(unsigned long addr, unsigned int order)
{
	if (addr == 0)
		return;
	if (WARN_ON_ONCE(!virt_addr_valid(addr)))
		return;
	__free_pages(virt_to_page((void *)addr), order);
}

/**
 * __folio_put - free a folio whose last reference went
 * @folio: the folio
 */
void __folio_put(struct folio *folio)
{
	free_frozen_pages(&folio->page, folio_order(folio));
}

/* ---------------------------------------------------------------------------------------- */
/* Allocating */

static inline void prep_compound_page(struct page *page, unsigned int order)
{
	struct folio *folio = (struct folio *)page;
	int i, nr = 1 << order;

	__SetPageHead(page);
	for (i = 1; i < nr; i++) {
		struct page *p = page + i;

		p->mapping = TAIL_MAPPING;
		set_compound_head(p, page);
		set_page_private(p, 0);
	}
	folio->_flags_1 = (folio->_flags_1 & ~0xffUL) | order;
	folio->_folio_nr_pages = nr;
	atomic_set(&folio->_large_mapcount, -1);
	atomic_set(&folio->_entire_mapcount, -1);
	atomic_set(&folio->_nr_pages_mapped, 0);
	atomic_set(&folio->_pincount, 0);
	if (order > 1)
		INIT_LIST_HEAD(&folio->_deferred_list);
}

static __always_inline void prep_new_page(struct page *page, unsigned int order,
					  gfp_t gfp_flags, unsigned int alloc_flags)
{
	bool zero = gfp_flags & __GFP_ZERO;

	set_page_private(page, 0);
	set_page_count(page, 1);
	set_alloc_order(page, order);
	unpoison_pages(page, order, zero);
	if (zero)
		memset(page_address(page), 0, PAGE_SIZE << order);
	if (order && (gfp_flags & __GFP_COMP))
		prep_compound_page(page, order);
	if (alloc_flags & ALLOC_NO_WATERMARKS)
		set_page_pfmemalloc(page);
	else
		clear_page_pfmemalloc(page);
}

/*
 * Take @count blocks of @order from the buddy lists onto @list of @pcp (ours). The list's
 * count goes up before NR_FREE_PAGES goes down, so that a reader of both never misses pages.
 * Returns how many.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
			struct per_cpu_pages *pcp, struct list_head *list, int migratetype,
			unsigned int alloc_flags)
{
	int i;

	spin_lock(&zone->lock);
	for (i = 0; i < count; i++) {
		struct page *page = __rmqueue(zone, order, migratetype, alloc_flags);

		if (unlikely(!page))
			break;
		list_add_tail(&page->pcp_list, list);
	}
	pcp_set_count(pcp, pcp->count + (i << order));
	mod_zone_page_state(zone, NR_FREE_PAGES, -((long)i << order));
	spin_unlock(&zone->lock);
	return i;
}

static __always_inline struct page *rmqueue_pcplist(struct zone *zone, unsigned int order, int migratetype,
				    unsigned int alloc_flags)
{
	struct per_cpu_pages *pcp = this_pcp(zone_idx(zone));
	struct list_head *list;
	struct page *page;

	if (unlikely(!pcp) || unlikely(!pcp_enter(pcp)))
		return NULL;
	list = &pcp->lists[order_to_pindex(migratetype, order)];
	if (list_empty(list)) {
		int batch = max(READ_ONCE(zone->pcp_batch) >> order, 2);
		int got = rmqueue_bulk(zone, order, batch, pcp, list, migratetype, alloc_flags);

		if (unlikely(!got)) {
			pcp_leave(pcp);
			return NULL;
		}
	}
	page = list_first_entry(list, struct page, pcp_list);
	pcp_list_del(page);
	pcp_set_count(pcp, pcp->count - (1 << order));
	pcp_leave(pcp);
	return page;
}

static struct page *rmqueue_buddy(struct zone *zone, unsigned int order,
				  unsigned int alloc_flags, int migratetype)
{
	struct page *page = NULL;

	spin_lock(&zone->lock);
	if (alloc_flags & ALLOC_HIGHATOMIC)
		page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	if (!page) {
		page = __rmqueue(zone, order, migratetype, alloc_flags);
		/* Non-blocking and OOM allocations may still use the high-atomic reserve. */
		if (!page && (alloc_flags & (ALLOC_OOM | ALLOC_NON_BLOCK)))
			page = __rmqueue_smallest(zone, order, MIGRATE_HIGHATOMIC);
	}
	if (page)
		mod_zone_page_state(zone, NR_FREE_PAGES, -(1L << order));
	spin_unlock(&zone->lock);
	return page;
}

static inline struct page *rmqueue(struct zone *zone, unsigned int order, gfp_t gfp_flags,
				   unsigned int alloc_flags, int migratetype)
{
	struct page *page = NULL;

	if (likely(order <= PAGE_ALLOC_COSTLY_ORDER))
		page = rmqueue_pcplist(zone, order, migratetype, alloc_flags);
	if (!page)
		page = rmqueue_buddy(zone, order, alloc_flags, migratetype);
	if (page)
		count_vm_events(PGALLOC_DMA + zone_idx(zone), 1L << order);
	return page;
}

/* Free pages an allocation may not count: its own block's worth, and others' reserves. */
static inline long __zone_watermark_unusable_free(struct zone *z, unsigned int order,
						  unsigned int alloc_flags)
{
	long unusable = (1 << order) - 1;

	if (likely(!(alloc_flags & ALLOC_RESERVES)))
		unusable += READ_ONCE(z->nr_free_highatomic);
	return unusable;
}

static bool __zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
				int highest_zoneidx, unsigned int alloc_flags, long free_pages)
{
	long min = mark;
	unsigned int o;
	int mt;

	free_pages -= __zone_watermark_unusable_free(z, order, alloc_flags);
	if (unlikely(alloc_flags & ALLOC_RESERVES)) {
		/* __GFP_HIGH: half the min reserve; non-blocking ones (GFP_ATOMIC) a bit more. */
		if (alloc_flags & ALLOC_MIN_RESERVE) {
			min -= min / 2;
			if (alloc_flags & ALLOC_NON_BLOCK)
				min -= min / 4;
		}
		if (alloc_flags & ALLOC_OOM)
			min -= min / 2;
	}
	if (free_pages <= min + READ_ONCE(z->lowmem_reserve[highest_zoneidx]))
		return false;
	if (!order)
		return true;
	for (o = order; o < NR_PAGE_ORDERS; o++) {
		struct free_area *area = &z->free_area[o];

		if (!READ_ONCE(area->nr_free))
			continue;
		for (mt = 0; mt < MIGRATE_PCPTYPES; mt++)
			if (!free_area_empty(area, mt))
				return true;
		if ((alloc_flags & (ALLOC_HIGHATOMIC | ALLOC_OOM)) &&
		    !free_area_empty(area, MIGRATE_HIGHATOMIC))
			return true;
	}
	return false;
}

/**
 * zone_watermark_ok - would an allocation of @order leave @z above @mark?
 * @z: the zone
 * @order: the allocation's order
 * @mark: a watermark in pages (min_wmark_pages() ...)
 * @highest_zoneidx: the highest zone the allocation may use (selects lowmem_reserve)
 * @alloc_flags: ALLOC_* reserve flags
 */
bool zone_watermark_ok(struct zone *z, unsigned int order, unsigned long mark,
		       int highest_zoneidx, unsigned int alloc_flags)
{
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags,
				   zone_page_state(z, NR_FREE_PAGES));
}

/**
 * zone_watermark_ok_safe - zone_watermark_ok() without reserve flags
 * @z: the zone
 * @order: the order
 * @mark: the watermark
 * @highest_zoneidx: the highest usable zone
 */
bool zone_watermark_ok_safe(struct zone *z, unsigned int order, unsigned long mark,
			    int highest_zoneidx)
{
	return zone_watermark_ok(z, order, mark, highest_zoneidx, 0);
}

static __always_inline bool zone_watermark_fast(struct zone *z, unsigned int order,
						unsigned long mark, int highest_zoneidx,
						unsigned int alloc_flags)
{
	long free_pages = zone_page_state(z, NR_FREE_PAGES);

	if (!order) {
		long usable = free_pages - __zone_watermark_unusable_free(z, 0, alloc_flags);

		if (usable > (long)(mark + READ_ONCE(z->lowmem_reserve[highest_zoneidx])))
			return true;
	}
	return __zone_watermark_ok(z, order, mark, highest_zoneidx, alloc_flags, free_pages);
}

/* Set aside the pageblock of a successful high-order atomic allocation, up to 1% of a zone. */
static void reserve_highatomic_pageblock(struct page *page, unsigned int order,
					 struct zone *zone)
{
	unsigned long max_managed = zone_managed_pages(zone) / 100 + pageblock_nr_pages;
	int mt;

	if (READ_ONCE(zone->nr_reserved_highatomic) >= max_managed)
		return;
	spin_lock(&zone->lock);
	if (zone->nr_reserved_highatomic >= max_managed)
		goto out;
	mt = get_pageblock_migratetype(page);
	if (!migratetype_is_mergeable(mt))
		goto out;
	if (order < pageblock_order) {
		move_freepages_block(zone, page, MIGRATE_HIGHATOMIC);
		set_pageblock_migratetype(page, MIGRATE_HIGHATOMIC);
		WRITE_ONCE(zone->nr_reserved_highatomic,
			   zone->nr_reserved_highatomic + pageblock_nr_pages);
	} else {
		change_pageblock_range(page, order, MIGRATE_HIGHATOMIC);
		WRITE_ONCE(zone->nr_reserved_highatomic,
			   zone->nr_reserved_highatomic + (1UL << order));
	}
out:
	spin_unlock(&zone->lock);
}

/*
 * Give high-atomic pageblocks back to @ac's migrate type when memory is short. With @force
 * even the last one goes. Returns true if a block was given back.
 */
static bool unreserve_highatomic_pageblock(const struct alloc_context *ac, bool force)
{
	struct zoneref *z;
	struct zone *zone;
	unsigned int order;

	for_each_zone_zonelist(zone, z, ac->zonelist, ac->highest_zoneidx) {
		if (!force && READ_ONCE(zone->nr_reserved_highatomic) <= pageblock_nr_pages)
			continue;
		spin_lock(&zone->lock);
		for (order = 0; order < NR_PAGE_ORDERS; order++) {
			struct free_area *area = &zone->free_area[order];
			struct page *page = get_page_from_free_area(area, MIGRATE_HIGHATOMIC);
			unsigned long size;

			if (!page)
				continue;
			size = max(pageblock_nr_pages, 1UL << order);
			WRITE_ONCE(zone->nr_reserved_highatomic, zone->nr_reserved_highatomic -
				   min(size, zone->nr_reserved_highatomic));
			if (order < pageblock_order) {
				move_freepages_block(zone, page, ac->migratetype);
				set_pageblock_migratetype(page, ac->migratetype);
			} else {
				change_pageblock_range(page, order, ac->migratetype);
				move_to_free_list(page, zone, order, ac->migratetype);
			}
			spin_unlock(&zone->lock);
			return true;
		}
		spin_unlock(&zone->lock);
	}
	return false;
}

static inline unsigned int alloc_flags_nofragment(struct zone *zone, gfp_t gfp_mask)
{
	unsigned int alloc_flags = (__force unsigned int)(gfp_mask & __GFP_KSWAPD_RECLAIM);

	/* Prefer the lower zone to mixing migrate types in ZONE_NORMAL. */
	if (zone && zone_idx(zone) == ZONE_NORMAL &&
	    populated_zone(&zone->zone_pgdat->node_zones[ZONE_DMA32]))
		alloc_flags |= ALLOC_NOFRAGMENT;
	return alloc_flags;
}

static struct page *get_page_from_freelist(gfp_t gfp_mask, unsigned int order,
					   unsigned int alloc_flags,
					   const struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;
	bool no_fallback;

retry:
	no_fallback = alloc_flags & ALLOC_NOFRAGMENT;
	for_each_zone_zonelist(zone, z, ac->zonelist, ac->highest_zoneidx) {
		struct page *page;
		unsigned long mark;

		mark = wmark_pages(zone, alloc_flags & ALLOC_WMARK_MASK);
		if (!zone_watermark_fast(zone, order, mark, ac->highest_zoneidx, alloc_flags) &&
		    !(alloc_flags & ALLOC_NO_WATERMARKS))
			continue;
		page = rmqueue(zone, order, gfp_mask, alloc_flags, ac->migratetype);
		if (page) {
			prep_new_page(page, order, gfp_mask, alloc_flags);
			if (unlikely(alloc_flags & ALLOC_HIGHATOMIC) && order)
				reserve_highatomic_pageblock(page, order, zone);
			return page;
		}
	}
	if (no_fallback) {
		alloc_flags &= ~ALLOC_NOFRAGMENT;
		goto retry;
	}
	return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* The slow path */

static DEFINE_RATELIMIT_STATE(nopage_rs, 10 * HZ, 1);

/**
 * warn_alloc - report an allocation failure (unless __GFP_NOWARN or ratelimited)
 * @gfp_mask: the failed allocation's flags
 * @nodemask: its node mask (NULL: all)
 * @fmt: what failed, e.g. "page allocation failure: order:%u"
 *
 * Prints "<comm>: <text>, mode:<gfp>(<names>), nodemask=(null),cpuset=/,mems_allowed=0", a
 * backtrace and show_mem(). One report per 10 seconds.
 */
void warn_alloc(gfp_t gfp_mask, nodemask_t *nodemask, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	if ((gfp_mask & __GFP_NOWARN) || !__ratelimit(&nopage_rs))
		return;
	/* A DMA request on a machine without a DMA zone fails by design. */
	if ((gfp_mask & __GFP_DMA) && !managed_zone(&NODE_DATA(0)->node_zones[ZONE_DMA]))
		return;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	if (nodemask)
		pr_warn("%s: %pV, mode:%#x(%pGg), nodemask=%*pbl,cpuset=/,mems_allowed=0\n",
			current->comm, &vaf, gfp_mask, &gfp_mask, MAX_NUMNODES,
			nodemask->bits);
	else
		pr_warn("%s: %pV, mode:%#x(%pGg), nodemask=(null),cpuset=/,mems_allowed=0\n",
			current->comm, &vaf, gfp_mask, &gfp_mask);
	va_end(args);
	dump_stack();
	__show_mem(0, nodemask, gfp_zone(gfp_mask));
}

/**
 * krt_warn_alloc_ratelimit_reset - let the next warn_alloc() print (tests)
 */
void krt_warn_alloc_ratelimit_reset(void)
{
	ratelimit_state_init(&nopage_rs, 10 * HZ, 1);
}

static inline unsigned int gfp_to_alloc_flags(gfp_t gfp_mask, unsigned int order)
{
	unsigned int alloc_flags = ALLOC_WMARK_MIN | ALLOC_CPUSET;

	alloc_flags |= (__force unsigned int)(gfp_mask & (__GFP_HIGH | __GFP_KSWAPD_RECLAIM));
	if (!(gfp_mask & __GFP_DIRECT_RECLAIM)) {
		/* Cannot sleep: may go below min, but only __GFP_HIGH gets the reserve. */
		if (!(gfp_mask & __GFP_NOMEMALLOC)) {
			alloc_flags |= ALLOC_NON_BLOCK;
			if (order > 0 && (alloc_flags & ALLOC_MIN_RESERVE))
				alloc_flags |= ALLOC_HIGHATOMIC;
		}
		if (alloc_flags & ALLOC_MIN_RESERVE)
			alloc_flags &= ~ALLOC_CPUSET;
	}
	return alloc_flags;
}

static inline int __gfp_pfmemalloc_flags(gfp_t gfp_mask)
{
	if (unlikely(gfp_mask & __GFP_NOMEMALLOC))
		return 0;
	if (gfp_mask & __GFP_MEMALLOC)
		return ALLOC_NO_WATERMARKS;
	if (in_serving_softirq() && (current->flags & PF_MEMALLOC))
		return ALLOC_NO_WATERMARKS;
	if (!in_interrupt() && (current->flags & PF_MEMALLOC))
		return ALLOC_NO_WATERMARKS;
	return 0;
}

/**
 * gfp_pfmemalloc_allowed - may an allocation with @gfp_mask use every reserve?
 * @gfp_mask: the flags
 */
bool gfp_pfmemalloc_allowed(gfp_t gfp_mask)
{
	return !!__gfp_pfmemalloc_flags(gfp_mask);
}

static void wake_all_kswapds(unsigned int order, gfp_t gfp_mask,
			     const struct alloc_context *ac)
{
	struct zoneref *z;
	struct zone *zone;

	for_each_zone_zonelist(zone, z, ac->zonelist, ac->highest_zoneidx) {
		wakeup_kswapd(zone, gfp_mask, order, ac->highest_zoneidx);
		break;	/* one node: one kswapd */
	}
}

static unsigned long __perform_reclaim(gfp_t gfp_mask, unsigned int order,
				       const struct alloc_context *ac)
{
	unsigned int noreclaim_flag;
	unsigned long progress;

	fs_reclaim_acquire(gfp_mask);
	noreclaim_flag = memalloc_noreclaim_save();
	progress = try_to_free_pages(ac->zonelist, order, gfp_mask, ac->nodemask);
	memalloc_noreclaim_restore(noreclaim_flag);
	fs_reclaim_release(gfp_mask);
	return progress;
}

static struct page *__alloc_pages_direct_reclaim(gfp_t gfp_mask, unsigned int order,
						 unsigned int alloc_flags,
						 const struct alloc_context *ac,
						 unsigned long *did_some_progress)
{
	struct page *page;
	bool drained = false;

	*did_some_progress = __perform_reclaim(gfp_mask, order, ac);
retry:
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	/*
	 * Pages may sit on other threads' lists or in the high-atomic reserve. The kernel drains
	 * only after progress; per-thread lists strand more pages than per-cpu ones, so krt
	 * drains either way.
	 */
	if (!page && !drained) {
		unreserve_highatomic_pageblock(ac, false);
		drain_all_pages(NULL);
		drained = true;
		goto retry;
	}
	return page;
}

/*
 * should_reclaim_retry - is another reclaim round worth it? krt has no LRU lists whose size
 * would estimate what reclaim can still free, so progress stands for it: retry while reclaim
 * frees pages, but at most PROGRESS_RETRIES rounds in a row without the allocation
 * succeeding (shrinkers that always free a little must not keep a request looping forever).
 * Otherwise retry only while the free pages alone could pass the min watermark, at most
 * MAX_RECLAIM_RETRIES times.
 */
#define PROGRESS_RETRIES	(4 * MAX_RECLAIM_RETRIES)

static bool should_reclaim_retry(gfp_t gfp_mask, unsigned int order,
				 const struct alloc_context *ac, unsigned int alloc_flags,
				 bool did_some_progress, int *no_progress_loops,
				 int *progress_loops)
{
	struct zoneref *z;
	struct zone *zone;
	bool ret = false;

	if (did_some_progress && order <= PAGE_ALLOC_COSTLY_ORDER)
		*no_progress_loops = 0;
	else
		(*no_progress_loops)++;
	if (*no_progress_loops > MAX_RECLAIM_RETRIES)
		goto out;
	if (did_some_progress && ++(*progress_loops) <= PROGRESS_RETRIES) {
		ret = true;
		goto out;
	}
	for_each_zone_zonelist(zone, z, ac->zonelist, ac->highest_zoneidx) {
		unsigned long available = zone_reclaimable_pages(zone) +
					  zone_page_state_snapshot(zone, NR_FREE_PAGES);

		if (__zone_watermark_ok(zone, order, min_wmark_pages(zone), ac->highest_zoneidx,
					alloc_flags, available)) {
			ret = true;
			break;
		}
	}
out:
	if (!ret && unreserve_highatomic_pageblock(ac, true))
		ret = true;
	if (ret && (current->flags & PF_WQ_WORKER))
		schedule_timeout_uninterruptible(1);
	return ret;
}

static struct page *__alloc_pages_may_oom(gfp_t gfp_mask, unsigned int order,
					  const struct alloc_context *ac,
					  unsigned long *did_some_progress)
{
	struct oom_control oc = {
		.zonelist = ac->zonelist,
		.nodemask = ac->nodemask,
		.memcg = NULL,
		.gfp_mask = gfp_mask,
		.order = order,
	};
	struct page *page;

	*did_some_progress = 0;
	/* Someone else handles an OOM: count it as progress and let them work. */
	if (!mutex_trylock(&oom_lock)) {
		*did_some_progress = 1;
		schedule_timeout_uninterruptible(1);
		return NULL;
	}
	/* A last try at the high watermark catches memory freed since we failed. */
	page = get_page_from_freelist((gfp_mask | __GFP_HARDWALL) & ~__GFP_DIRECT_RECLAIM, order,
				      ALLOC_WMARK_HIGH | ALLOC_CPUSET, ac);
	if (page)
		goto out;
	if (current->flags & PF_DUMPCORE)
		goto out;
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		goto out;
	if (gfp_mask & (__GFP_RETRY_MAYFAIL | __GFP_THISNODE))
		goto out;
	if (ac->highest_zoneidx < ZONE_NORMAL &&
	    populated_zone(&NODE_DATA(0)->node_zones[ZONE_NORMAL]))
		goto out;
	if (out_of_memory(&oc) || WARN_ON_ONCE_GFP(gfp_mask & __GFP_NOFAIL, gfp_mask)) {
		*did_some_progress = 1;
		/* NOFAIL may dip into all the reserves before it waits again. */
		if (gfp_mask & __GFP_NOFAIL)
			page = get_page_from_freelist(gfp_mask, order,
						      ALLOC_NO_WATERMARKS | ALLOC_CPUSET, ac);
		/*
		 * Nobody was killed (krt kills nothing; a !__GFP_FS OOM is not even tried): wait a
		 * tick for memory to come back rather than spinning through reclaim.
		 */
		if (!page)
			schedule_timeout_uninterruptible(1);
	}
out:
	mutex_unlock(&oom_lock);
	return page;
}

static struct page *__alloc_pages_slowpath(gfp_t gfp_mask, unsigned int order,
					   struct alloc_context *ac)
{
	bool can_direct_reclaim = gfp_mask & __GFP_DIRECT_RECLAIM;
	bool nofail = gfp_mask & __GFP_NOFAIL;
	const bool costly_order = order > PAGE_ALLOC_COSTLY_ORDER;
	unsigned long did_some_progress;
	unsigned int alloc_flags;
	int no_progress_loops, progress_loops = 0;
	int reserve_flags;
	struct page *page;

	if (unlikely(nofail)) {
		/* Larger NOFAIL units, NOFAIL that cannot sleep, NOFAIL in reclaim: bugs. */
		WARN_ON_ONCE(order > 1);
		WARN_ON_ONCE(!can_direct_reclaim);
		WARN_ON_ONCE(current->flags & PF_MEMALLOC);
	}

	no_progress_loops = 0;
	alloc_flags = gfp_to_alloc_flags(gfp_mask, order);
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(order, gfp_mask, ac);
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		goto got_pg;

retry:
	if (alloc_flags & ALLOC_KSWAPD)
		wake_all_kswapds(order, gfp_mask, ac);
	reserve_flags = __gfp_pfmemalloc_flags(gfp_mask);
	if (reserve_flags)
		alloc_flags = reserve_flags | (alloc_flags & ALLOC_KSWAPD);
	page = get_page_from_freelist(gfp_mask, order, alloc_flags, ac);
	if (page)
		goto got_pg;

	if (!can_direct_reclaim)
		goto nopage;
	/* Reclaim allocating memory must not recurse into reclaim. */
	if (current->flags & PF_MEMALLOC)
		goto nopage;

	page = __alloc_pages_direct_reclaim(gfp_mask, order, alloc_flags, ac,
					    &did_some_progress);
	if (page)
		goto got_pg;

	if (gfp_mask & __GFP_NORETRY)
		goto nopage;
	/* Costly orders retry only with RETRY_MAYFAIL and compaction, which krt lacks. */
	if (costly_order)
		goto nopage;
	if (should_reclaim_retry(gfp_mask, order, ac, alloc_flags, did_some_progress > 0,
				 &no_progress_loops, &progress_loops))
		goto retry;

	page = __alloc_pages_may_oom(gfp_mask, order, ac, &did_some_progress);
	if (page)
		goto got_pg;
	if (did_some_progress) {
		no_progress_loops = 0;
		goto retry;
	}

nopage:
	if (unlikely(nofail)) {
		/* NOFAIL without direct reclaim cannot be honoured: it fails after all. */
		if (!can_direct_reclaim)
			goto fail;
		page = get_page_from_freelist(gfp_mask, order, ALLOC_MIN_RESERVE | ALLOC_CPUSET,
					      ac);
		if (page)
			goto got_pg;
		/* cond_resched() would spin here; wait a tick for memory to come back. */
		schedule_timeout_uninterruptible(1);
		goto retry;
	}
fail:
	warn_alloc(gfp_mask, ac->nodemask, "page allocation failure: order:%u", order);
got_pg:
	return page;
}

static __always_inline bool prepare_alloc_pages(gfp_t gfp_mask, unsigned int order, int preferred_nid,
				       nodemask_t *nodemask, struct alloc_context *ac)
{
	ac->highest_zoneidx = gfp_zone(gfp_mask);
	ac->zonelist = node_zonelist(preferred_nid, gfp_mask);
	ac->nodemask = nodemask;
	ac->migratetype = gfp_migratetype(gfp_mask);

	might_alloc(gfp_mask);
	/* An injected failure is silent: no warn_alloc(). */
	if (should_fail_alloc_page(gfp_mask, order))
		return false;
	ac->preferred_zoneref = ac->zonelist->_zonerefs;
	while (ac->preferred_zoneref->zone &&
	       ac->preferred_zoneref->zone_idx > (int)ac->highest_zoneidx)
		ac->preferred_zoneref++;
	return true;
}

static struct page *__alloc_pages_general(gfp_t gfp, unsigned int order, int preferred_nid,
					  nodemask_t *nodemask);


/*
 * alloc_page_fast - the common case in few instructions: an order-0 page for a plain request
 * (no zone modifier, no accounting, no fault injection possible) from this thread's list,
 * with the zone above its low watermark. Anything else returns NULL and the caller takes the
 * general path, which decides everything again from scratch.
 */
static __always_inline struct page *alloc_page_fast(gfp_t gfp)
{
	struct task_struct *t = pcpu_hot.current_task;
	struct krt_mm_thread *mt = mm_thread;
	struct zone *zone = READ_ONCE(plain_zone);
	struct per_cpu_pages *pcp;
	struct list_head *list;
	struct page *page;
	long usable;
	int migratetype;

	if (unlikely(!t || !mt || !zone ||
		     (gfp & (__GFP_DMA | __GFP_DMA32 | __GFP_HIGHMEM | __GFP_ACCOUNT)) ||
		     (gfp & (__GFP_MOVABLE | __GFP_RECLAIMABLE)) ==
		     (__GFP_MOVABLE | __GFP_RECLAIMABLE) ||
		     (t->flags & PF_MEMALLOC_PIN) || !fail_page_alloc_exempt(0)))
		return NULL;
	might_alloc(gfp);

	usable = zone_page_state(zone, NR_FREE_PAGES) - READ_ONCE(zone->nr_free_highatomic);
	if (unlikely(usable <= (long)(low_wmark_pages(zone) +
				       READ_ONCE(zone->lowmem_reserve[ZONE_NORMAL]))))
		return NULL;

	migratetype = (__force unsigned int)(gfp & (__GFP_RECLAIMABLE | __GFP_MOVABLE)) >> 3;
	pcp = &mt->pcp[zone->idx];
	list = &pcp->lists[order_to_pindex(migratetype, 0)];
	if (unlikely(!pcp_enter(pcp)))
		return NULL;
	if (unlikely(list_empty(list))) {
		pcp_leave(pcp);
		return NULL;
	}
	page = list_first_entry(list, struct page, pcp_list);
	pcp_list_del(page);
	pcp_set_count(pcp, pcp->count - 1);
	pcp_leave(pcp);

	count_vm_events(PGALLOC_DMA + zone->idx, 1);
	prep_new_page(page, 0, gfp, 0);
	return page;
}

/**
 * __alloc_pages_noprof - allocate 2^@order contiguous pages
 * @gfp: how (GFP_KERNEL, GFP_ATOMIC, zone modifiers, __GFP_ZERO, __GFP_COMP...)
 * @order: log2 of the number of pages, at most MAX_PAGE_ORDER
 * @preferred_nid: the node (krt has one, 0)
 * @nodemask: allowed nodes, or NULL
 *
 * Return: the first page with a reference count of one, or NULL.
 */
struct page *__alloc_pages_noprof(gfp_t gfp, unsigned int order, int preferred_nid,
				  nodemask_t *nodemask)
{
	if (likely(!order && !nodemask)) {
		struct page *page = alloc_page_fast(gfp);

		if (likely(page))
			return page;
	}
	return __alloc_pages_general(gfp, order, preferred_nid, nodemask);
}

/* Everything but the fast path: zone choice, watermarks, the slow path, memcg charging. */
static noinline struct page *__alloc_pages_general(gfp_t gfp, unsigned int order,
						   int preferred_nid, nodemask_t *nodemask)
{
	struct alloc_context ac;
	unsigned int alloc_flags;
	struct page *page;

	if (WARN_ON_ONCE_GFP(order > MAX_PAGE_ORDER, gfp))
		return NULL;
	gfp &= gfp_allowed_mask;
	gfp = current_gfp_context(gfp);
	if (!prepare_alloc_pages(gfp, order, preferred_nid, nodemask, &ac))
		return NULL;
	if (unlikely(!ac.preferred_zoneref->zone))
		return NULL;

	alloc_flags = ALLOC_WMARK_LOW | alloc_flags_nofragment(ac.preferred_zoneref->zone, gfp);
	page = get_page_from_freelist(gfp, order, alloc_flags, &ac);
	if (unlikely(!page)) {
		ac.nodemask = nodemask;
		page = __alloc_pages_slowpath(gfp, order, &ac);
	}
	if (unlikely(gfp & __GFP_ACCOUNT) && page &&
	    unlikely(__memcg_kmem_charge_page(page, gfp, order) != 0)) {
		__free_pages(page, order);
		page = NULL;
	}
	return page;
}

/**
 * __folio_alloc_noprof - allocate a folio of 2^@order pages
 * @gfp: the flags (__GFP_COMP is added)
 * @order: the order
 * @preferred_nid: the node
 * @nodemask: allowed nodes, or NULL
 */
struct folio *__folio_alloc_noprof(gfp_t gfp, unsigned int order, int preferred_nid,
				   nodemask_t *nodemask)
{
	return (struct folio *)__alloc_pages_noprof(gfp | __GFP_COMP, order, preferred_nid,
						    nodemask);
}

/**
 * get_free_pages_noprof - allocate 2^@order pages and return their address
 * @gfp_mask: the flags (__GFP_HIGHMEM is ignored: the result must have an address)
 * @order: the order
 *
 * Return: the direct-map address, or 0.
 */
unsigned long get_free_pages_noprof(gfp_t gfp_mask, unsigned int order)
{
	struct page *page = alloc_pages_noprof(gfp_mask & ~__GFP_HIGHMEM, order);

	return page ? (unsigned long)page_address(page) : 0;
}

/**
 * get_zeroed_page_noprof - allocate one zeroed page and return its address
 * @gfp_mask: the flags
 */
unsigned long get_zeroed_page_noprof(gfp_t gfp_mask)
{
	return get_free_pages_noprof(gfp_mask | __GFP_ZERO, 0);
}

/**
 * split_page - make a non-compound block of 2^@order pages into single pages
 * @page: the block's first page
 * @order: its order
 *
 * Each page can then be freed on its own with __free_page().
 */
void split_page(struct page *page, unsigned int order)
{
	int i;

	if (PageCompound(page)) {
		VM_BUG_ON_PAGE(PageCompound(page), page);
		return;
	}
	if (WARN_ON_ONCE(!page_ref_count(page)))
		return;
	for (i = 1; i < (1 << order); i++) {
		set_page_count(page + i, 1);
		set_alloc_order(page + i, 0);
	}
	set_alloc_order(page, 0);
	split_page_memcg(page, order, 0);
}

static void *make_alloc_exact(unsigned long addr, unsigned int order, size_t size)
{
	if (addr) {
		unsigned long nr = DIV_ROUND_UP(size, PAGE_SIZE);
		struct page *page = virt_to_page((void *)addr);

		split_page(page, order);
		for (page += nr; page < virt_to_page((void *)addr) + (1 << order); page++)
			__free_pages(page, 0);
	}
	return (void *)addr;
}

/**
 * alloc_pages_exact_noprof - allocate exactly @size bytes of contiguous pages
 * @size: bytes (rounded up to pages)
 * @gfp_mask: the flags; __GFP_COMP makes no sense here and is dropped with a warning
 *
 * Return: the address, or NULL. Free with free_pages_exact().
 */
void *alloc_pages_exact_noprof(size_t size, gfp_t gfp_mask)
{
	unsigned int order = get_order(size);

	if (WARN_ON_ONCE(gfp_mask & (__GFP_COMP | __GFP_HIGHMEM)))
		gfp_mask &= ~(__GFP_COMP | __GFP_HIGHMEM);
	return make_alloc_exact(get_free_pages_noprof(gfp_mask, order), order, size);
}

/**
 * free_pages_exact - free memory from alloc_pages_exact()
 * @virt: the address it returned
 * @size: the size that was asked for
 */
void free_pages_exact(void *virt, size_t size)
{
	unsigned long addr = (unsigned long)virt;
	unsigned long end = addr + PAGE_ALIGN(size);

	while (addr < end) {
		free_page(addr);
		addr += PAGE_SIZE;
	}
}

/**
 * alloc_pages_bulk_noprof - allocate many order-0 pages at once
 * @gfp: the flags
 * @preferred_nid: the node
 * @nodemask: allowed nodes, or NULL
 * @nr_pages: the number wanted (the size of @page_array)
 * @page_list: a list to add the pages to, or NULL
 * @page_array: an array to fill where it holds NULL, or NULL
 *
 * Takes what the calling thread's list and one zone-lock round give, then falls back to
 * single allocations for the first missing page only, as the kernel does.
 *
 * Return: for @page_array, how many of its entries are set; for @page_list, how many pages
 * were added.
 */
unsigned long alloc_pages_bulk_noprof(gfp_t gfp, int preferred_nid, nodemask_t *nodemask,
				      int nr_pages, struct list_head *page_list,
				      struct page **page_array)
{
	struct alloc_context ac;
	struct per_cpu_pages *pcp;
	struct zoneref *z;
	struct zone *zone;
	int nr_populated = 0, nr_account = 0;
	unsigned int alloc_flags = ALLOC_WMARK_LOW;

	while (page_array && nr_populated < nr_pages && page_array[nr_populated])
		nr_populated++;
	if (unlikely(nr_pages <= 0) || (page_array && nr_populated == nr_pages))
		return nr_populated;
	if (nr_pages - nr_populated == 1 || (gfp & __GFP_ACCOUNT))
		goto failed;

	gfp &= gfp_allowed_mask;
	gfp = current_gfp_context(gfp);
	if (!prepare_alloc_pages(gfp, 0, preferred_nid, nodemask, &ac))
		goto out;
	alloc_flags |= alloc_flags_nofragment(ac.preferred_zoneref->zone, gfp);

	zone = NULL;
	for_each_zone_zonelist(zone, z, ac.zonelist, ac.highest_zoneidx) {
		/* Room for all of them above the low watermark, or the slow path decides. */
		if (zone_watermark_fast(zone, 0, low_wmark_pages(zone) + nr_pages - nr_populated,
					ac.highest_zoneidx, alloc_flags))
			break;
	}
	if (!zone)
		goto failed;
	pcp = this_pcp(zone_idx(zone));
	if (!pcp || !pcp_enter(pcp))
		goto failed;

	while (nr_populated < nr_pages) {
		struct list_head *list = &pcp->lists[order_to_pindex(ac.migratetype, 0)];
		struct page *page;

		if (page_array && page_array[nr_populated]) {
			nr_populated++;
			continue;
		}
		if (list_empty(list)) {
			int want = max(nr_pages - nr_populated, READ_ONCE(zone->pcp_batch));
			int got = rmqueue_bulk(zone, 0, want, pcp, list, ac.migratetype,
					       alloc_flags);

			if (!got)
				break;
		}
		page = list_first_entry(list, struct page, pcp_list);
		list_del(&page->pcp_list);
		pcp_set_count(pcp, pcp->count - 1);
		prep_new_page(page, 0, gfp, 0);
		nr_account++;
		if (page_list)
			list_add(&page->lru, page_list);
		else
			page_array[nr_populated] = page;
		nr_populated++;
	}
	pcp_leave(pcp);
	count_vm_events(PGALLOC_DMA + zone_idx(zone), nr_account);
out:
	return nr_populated;

failed:
	{
		struct page *page = __alloc_pages_noprof(gfp, 0, preferred_nid, nodemask);

		if (page) {
			if (page_list)
				list_add(&page->lru, page_list);
			else
				page_array[nr_populated] = page;
			nr_populated++;
		}
	}
	goto out;
}

/* ---------------------------------------------------------------------------------------- */
/* Boot, counters, leak accounting */

/**
 * krt_free_boot_block - boot: hand a block of free memory to the buddy lists
 * @zone: its zone
 * @pfn: its first page frame
 * @order: its order
 *
 * Called by mm/mm_init.c before anything else runs.
 */
void __init krt_free_boot_block(struct zone *zone, unsigned long pfn, unsigned int order)
{
	struct page *page = pfn_to_page(pfn);

	poison_pages(page, order);
	spin_lock(&zone->lock);
	__free_one_page(page, pfn, zone, order, get_pfnblock_migratetype(page, pfn), true);
	mod_zone_page_state(zone, NR_FREE_PAGES, 1L << order);
	spin_unlock(&zone->lock);
}

/**
 * krt_page_alloc_enable_fast_path - memory is up: plain requests may take the fast path
 *
 * The fast path starts at the first zone of the fallback list a plain (ZONE_NORMAL) request
 * may use, as the general path does.
 */
void __init krt_page_alloc_enable_fast_path(void)
{
	struct zonelist *zl = &NODE_DATA(0)->node_zonelists[ZONELIST_FALLBACK];
	struct zoneref *z = zl->_zonerefs;

	while (z->zone && z->zone_idx > ZONE_NORMAL)
		z++;
	WRITE_ONCE(plain_zone, z->zone);
	pcp_membarrier = host_membarrier_init();

}

/**
 * nr_free_pages - free pages in the buddy lists of every zone
 */
unsigned long nr_free_pages(void)
{
	return global_zone_page_state(NR_FREE_PAGES);
}

/**
 * krt_pages_in_use - pages handed out and not yet freed (the "pages" leak counter)
 *
 * Managed pages minus free ones (buddy lists, per-thread lists, blocks being given back to the
 * host), minus pages quarantined by a "Bad page state" report, and minus the slab allocator's
 * slabs (whose objects the "slab objects" counter counts).
 */
long krt_pages_in_use(void)
{
	struct zone *zone;
	long used = 0;

	if (!mem_map)
		return 0;
	/* The lock an exiting thread gives its lists back under: see krt_mm_thread_exit(). */
	spin_lock(&mm_threads_lock);
	for_each_populated_zone(zone)
		used += zone_managed_pages(zone) - zone_page_state(zone, NR_FREE_PAGES) -
			pcp_free_pages_locked(zone);
	spin_unlock(&mm_threads_lock);
	return used - atomic_long_read(&bad_pages) - krt_page_reporting_isolated() -
	       krt_slab_pages();
}

static struct krt_leak_counter pages_leak_counter = {
	.name = "pages",
	.read = krt_pages_in_use,
	.settle = krt_page_reporting_settle,
};

static int __init page_alloc_leak_init(void)
{
	krt_leak_counter_register(&pages_leak_counter);
	return 0;
}
core_initcall(page_alloc_leak_init);
