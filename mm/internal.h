/* SPDX-License-Identifier: MIT */
/*
 * What the parts of krt's memory management share and nobody else needs: the page allocator's
 * ALLOC_* flags and masks, the reclaim entry points, and the hooks between the page allocator,
 * reclaim, the OOM path and memcg.
 */
#ifndef __MM_INTERNAL_H
#define __MM_INTERNAL_H

#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/nodemask.h>

struct mem_cgroup;

/* The flags reclaim and the slow path look at; the rest of a caller's mask is irrelevant. */
#define GFP_RECLAIM_MASK (__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS |	\
			  __GFP_NOWARN | __GFP_RETRY_MAYFAIL | __GFP_NOFAIL |	\
			  __GFP_NORETRY | __GFP_MEMALLOC | __GFP_NOMEMALLOC |	\
			  __GFP_NOLOCKDEP)
#define GFP_BOOT_MASK (__GFP_BITS_MASK & ~(__GFP_RECLAIM | __GFP_IO | __GFP_FS))
#define GFP_CONSTRAINT_MASK (__GFP_HARDWALL | __GFP_THISNODE)
#define GFP_SLAB_BUG_MASK (__GFP_DMA32 | __GFP_HIGHMEM | ~__GFP_BITS_MASK)

/* WARN_ON_ONCE that __GFP_NOWARN silences. */
#define WARN_ON_ONCE_GFP(cond, gfp)	({					\
	static bool __section_data_once __warned;				\
	int __ret_warn_once = !!(cond);						\
	if (unlikely(!((gfp) & __GFP_NOWARN) && __ret_warn_once && !__warned)) { \
		__warned = true;						\
		WARN_ON(1);							\
	}									\
	unlikely(__ret_warn_once);						\
})

#define MAX_RECLAIM_RETRIES	16

/* alloc_flags: which watermark, and which reserves an allocation may use. */
#define ALLOC_WMARK_MIN		WMARK_MIN
#define ALLOC_WMARK_LOW		WMARK_LOW
#define ALLOC_WMARK_HIGH	WMARK_HIGH
#define ALLOC_NO_WATERMARKS	0x04
#define ALLOC_WMARK_MASK	(ALLOC_NO_WATERMARKS - 1)
#define ALLOC_OOM		0x08
#define ALLOC_NON_BLOCK		0x10
#define ALLOC_MIN_RESERVE	0x20
#define ALLOC_CPUSET		0x40
#define ALLOC_CMA		0x80
#define ALLOC_NOFRAGMENT	0x100
#define ALLOC_HIGHATOMIC	0x200
#define ALLOC_KSWAPD		0x800
#define ALLOC_RESERVES		(ALLOC_NON_BLOCK | ALLOC_MIN_RESERVE | ALLOC_HIGHATOMIC | ALLOC_OOM)

static_assert(ALLOC_MIN_RESERVE == (__force unsigned int)__GFP_HIGH, "__GFP_HIGH is copied");
static_assert(ALLOC_KSWAPD == (__force unsigned int)__GFP_KSWAPD_RECLAIM, "copied too");

/* What one allocation attempt is about, passed down the slow path. */
struct alloc_context {
	struct zonelist *zonelist;
	nodemask_t *nodemask;
	struct zoneref *preferred_zoneref;
	int migratetype;
	enum zone_type highest_zoneidx;
};

/*
 * Pages freed while a task reclaims are its progress (current->reclaim_state). The page
 * allocator's free path credits them itself.
 */
struct reclaim_state {
	unsigned long reclaimed;
};


/**
 * mm_account_reclaimed_pages - credit @pages to the reclaiming task
 * @pages: how many pages a shrinker gave back other than through the page allocator
 *
 * Pages freed with __free_pages() and friends are credited already; calling this for them
 * would count them twice (the kernel's slab calls it because its page free does not count).
 */
static inline void mm_account_reclaimed_pages(unsigned long pages)
{
	if (current->reclaim_state)
		current->reclaim_state->reclaimed += pages;
}

/*
 * shrink_slab - ask the registered shrinkers to free objects (mm/shrinker.c)
 * @gfp_mask: the reclaiming allocation's effective flags (shrinkers see them in sc->gfp_mask)
 * @nid: the node (0)
 * @memcg: the memcg under pressure, or NULL for global reclaim
 * @priority: DEF_PRIORITY (12) for a light pass down to 0 for the hardest
 *
 * Return: how many objects the shrinkers reported freed.
 */
#define DEF_PRIORITY 12
unsigned long shrink_slab(gfp_t gfp_mask, int nid, struct mem_cgroup *memcg, int priority);

/*
 * try_to_free_pages - direct reclaim for an allocation (mm/vmscan.c): shrinkers at rising
 * priority until @nr pages were freed. Returns the pages freed.
 */
unsigned long try_to_free_pages(struct zonelist *zonelist, int order, gfp_t gfp_mask,
				nodemask_t *nodemask);
/* The same for a memory cgroup over its limit: shrinkers see @memcg in sc->memcg. */
unsigned long try_to_free_mem_cgroup_pages(struct mem_cgroup *memcg, unsigned long nr_pages,
					   gfp_t gfp_mask, unsigned int reclaim_options);
#define MEMCG_RECLAIM_MAY_SWAP		(1 << 1)

/* Is some zone of the node at or below @highest_zoneidx above its high watermark? */
bool pgdat_balanced(pg_data_t *pgdat, int order, int highest_zoneidx);
unsigned long zone_reclaimable_pages(struct zone *zone);

/* mm/page_alloc.c internals used by reclaim and the /proc files. */
extern int min_free_kbytes;
extern int watermark_scale_factor;
void setup_per_zone_wmarks(void);
unsigned long krt_pcp_free_pages(struct zone *zone);

/* Pages handed out and not yet freed: the runner's "pages" leak counter. */
long krt_pages_in_use(void);

/* mm/oom_kill.c: the panic_on_oom sysctl. */
extern int sysctl_panic_on_oom;

/* mm/vmalloc.c */
void vmalloc_init(void);
void vmalloc_fork_prepare(void);
void vmalloc_fork_parent(void);
void vmalloc_fork_child(void);
bool vmalloc_fault_describe(unsigned long addr, unsigned long error_code);
int vmalloc_fault_report_enable(void);

#endif /* __MM_INTERNAL_H */
