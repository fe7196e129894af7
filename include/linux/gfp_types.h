/* SPDX-License-Identifier: MIT */
/*
 * GFP ("get free pages") flags: how an allocation may behave. The bit numbers, names and
 * composite masks are the kernel's (Linux 6.12, x86-64, CONFIG_LOCKDEP on, CONFIG_KASAN_HW_TAGS
 * and CONFIG_SLAB_OBJ_EXT off). gfp_t itself is in <linux/types.h>.
 */
#ifndef __LINUX_GFP_TYPES_H
#define __LINUX_GFP_TYPES_H

#include <linux/bits.h>
#include <linux/types.h>

enum {
	___GFP_DMA_BIT,
	___GFP_HIGHMEM_BIT,
	___GFP_DMA32_BIT,
	___GFP_MOVABLE_BIT,
	___GFP_RECLAIMABLE_BIT,
	___GFP_HIGH_BIT,
	___GFP_IO_BIT,
	___GFP_FS_BIT,
	___GFP_ZERO_BIT,
	___GFP_UNUSED_BIT,	/* 0x200u unused */
	___GFP_DIRECT_RECLAIM_BIT,
	___GFP_KSWAPD_RECLAIM_BIT,
	___GFP_WRITE_BIT,
	___GFP_NOWARN_BIT,
	___GFP_RETRY_MAYFAIL_BIT,
	___GFP_NOFAIL_BIT,
	___GFP_NORETRY_BIT,
	___GFP_MEMALLOC_BIT,
	___GFP_COMP_BIT,
	___GFP_NOMEMALLOC_BIT,
	___GFP_HARDWALL_BIT,
	___GFP_THISNODE_BIT,
	___GFP_ACCOUNT_BIT,
	___GFP_ZEROTAGS_BIT,
	___GFP_NOLOCKDEP_BIT,	/* CONFIG_LOCKDEP */
	___GFP_LAST_BIT
};

/* Plain integer masks; use the __GFP_ and GFP_ names below. */
#define ___GFP_DMA		BIT(___GFP_DMA_BIT)
#define ___GFP_HIGHMEM		BIT(___GFP_HIGHMEM_BIT)
#define ___GFP_DMA32		BIT(___GFP_DMA32_BIT)
#define ___GFP_MOVABLE		BIT(___GFP_MOVABLE_BIT)
#define ___GFP_RECLAIMABLE	BIT(___GFP_RECLAIMABLE_BIT)
#define ___GFP_HIGH		BIT(___GFP_HIGH_BIT)
#define ___GFP_IO		BIT(___GFP_IO_BIT)
#define ___GFP_FS		BIT(___GFP_FS_BIT)
#define ___GFP_ZERO		BIT(___GFP_ZERO_BIT)
#define ___GFP_DIRECT_RECLAIM	BIT(___GFP_DIRECT_RECLAIM_BIT)
#define ___GFP_KSWAPD_RECLAIM	BIT(___GFP_KSWAPD_RECLAIM_BIT)
#define ___GFP_WRITE		BIT(___GFP_WRITE_BIT)
#define ___GFP_NOWARN		BIT(___GFP_NOWARN_BIT)
#define ___GFP_RETRY_MAYFAIL	BIT(___GFP_RETRY_MAYFAIL_BIT)
#define ___GFP_NOFAIL		BIT(___GFP_NOFAIL_BIT)
#define ___GFP_NORETRY		BIT(___GFP_NORETRY_BIT)
#define ___GFP_MEMALLOC		BIT(___GFP_MEMALLOC_BIT)
#define ___GFP_COMP		BIT(___GFP_COMP_BIT)
#define ___GFP_NOMEMALLOC	BIT(___GFP_NOMEMALLOC_BIT)
#define ___GFP_HARDWALL		BIT(___GFP_HARDWALL_BIT)
#define ___GFP_THISNODE		BIT(___GFP_THISNODE_BIT)
#define ___GFP_ACCOUNT		BIT(___GFP_ACCOUNT_BIT)
#define ___GFP_ZEROTAGS		BIT(___GFP_ZEROTAGS_BIT)
#define ___GFP_SKIP_ZERO	0	/* CONFIG_KASAN_HW_TAGS off */
#define ___GFP_SKIP_KASAN	0	/* CONFIG_KASAN_HW_TAGS off */
#define ___GFP_NOLOCKDEP	BIT(___GFP_NOLOCKDEP_BIT)
#define ___GFP_NO_OBJ_EXT	0	/* CONFIG_SLAB_OBJ_EXT off */

/*
 * Zone modifiers: which physical memory zone the memory may come from. __GFP_MOVABLE is also
 * a mobility hint (the page can be migrated or reclaimed).
 */
#define __GFP_DMA	((__force gfp_t)___GFP_DMA)
#define __GFP_HIGHMEM	((__force gfp_t)___GFP_HIGHMEM)
#define __GFP_DMA32	((__force gfp_t)___GFP_DMA32)
#define __GFP_MOVABLE	((__force gfp_t)___GFP_MOVABLE)
#define GFP_ZONEMASK	(__GFP_DMA | __GFP_HIGHMEM | __GFP_DMA32 | __GFP_MOVABLE)

/*
 * Page mobility and placement: __GFP_RECLAIMABLE (slab pages a shrinker can free),
 * __GFP_WRITE (the caller will dirty the page), __GFP_HARDWALL (enforce the cpuset),
 * __GFP_THISNODE (no fallback to other nodes), __GFP_ACCOUNT (charge to the memory cgroup).
 */
#define __GFP_RECLAIMABLE ((__force gfp_t)___GFP_RECLAIMABLE)
#define __GFP_WRITE	((__force gfp_t)___GFP_WRITE)
#define __GFP_HARDWALL	((__force gfp_t)___GFP_HARDWALL)
#define __GFP_THISNODE	((__force gfp_t)___GFP_THISNODE)
#define __GFP_ACCOUNT	((__force gfp_t)___GFP_ACCOUNT)
#define __GFP_NO_OBJ_EXT ((__force gfp_t)___GFP_NO_OBJ_EXT)

/*
 * Watermark modifiers: __GFP_HIGH may use part of the emergency reserve, __GFP_MEMALLOC all
 * of it, __GFP_NOMEMALLOC none (and wins over __GFP_MEMALLOC).
 */
#define __GFP_HIGH	((__force gfp_t)___GFP_HIGH)
#define __GFP_MEMALLOC	((__force gfp_t)___GFP_MEMALLOC)
#define __GFP_NOMEMALLOC ((__force gfp_t)___GFP_NOMEMALLOC)

/*
 * Reclaim modifiers: __GFP_IO may start physical IO, __GFP_FS may call into file systems,
 * __GFP_DIRECT_RECLAIM may reclaim itself, which means it may sleep ("blocking"),
 * __GFP_KSWAPD_RECLAIM wakes kswapd at the low watermark. __GFP_RETRY_MAYFAIL retries while
 * reclaim makes progress but may fail (no OOM kill), __GFP_NOFAIL never fails (and needs
 * direct reclaim), __GFP_NORETRY gives up after one light attempt.
 */
#define __GFP_IO	((__force gfp_t)___GFP_IO)
#define __GFP_FS	((__force gfp_t)___GFP_FS)
#define __GFP_DIRECT_RECLAIM ((__force gfp_t)___GFP_DIRECT_RECLAIM)
#define __GFP_KSWAPD_RECLAIM ((__force gfp_t)___GFP_KSWAPD_RECLAIM)
#define __GFP_RECLAIM	((__force gfp_t)(___GFP_DIRECT_RECLAIM | ___GFP_KSWAPD_RECLAIM))
#define __GFP_RETRY_MAYFAIL ((__force gfp_t)___GFP_RETRY_MAYFAIL)
#define __GFP_NOFAIL	((__force gfp_t)___GFP_NOFAIL)
#define __GFP_NORETRY	((__force gfp_t)___GFP_NORETRY)

/*
 * Action modifiers: __GFP_NOWARN suppresses allocation-failure reports, __GFP_COMP builds
 * compound-page metadata, __GFP_ZERO returns zeroed memory, __GFP_ZEROTAGS also zeroes memory
 * tags, __GFP_SKIP_ZERO / __GFP_SKIP_KASAN are KASAN hardware-tag hints.
 */
#define __GFP_NOWARN	((__force gfp_t)___GFP_NOWARN)
#define __GFP_COMP	((__force gfp_t)___GFP_COMP)
#define __GFP_ZERO	((__force gfp_t)___GFP_ZERO)
#define __GFP_ZEROTAGS	((__force gfp_t)___GFP_ZEROTAGS)
#define __GFP_SKIP_ZERO	((__force gfp_t)___GFP_SKIP_ZERO)
#define __GFP_SKIP_KASAN ((__force gfp_t)___GFP_SKIP_KASAN)

/* Leave this allocation out of lockdep's reclaim tracking. */
#define __GFP_NOLOCKDEP	((__force gfp_t)___GFP_NOLOCKDEP)

#define __GFP_BITS_SHIFT ___GFP_LAST_BIT
#define __GFP_BITS_MASK ((__force gfp_t)((1 << __GFP_BITS_SHIFT) - 1))

/*
 * The combinations callers use:
 * GFP_ATOMIC	cannot sleep, may use part of the reserves (interrupts, spinlocks)
 * GFP_KERNEL	normal kernel allocations; may sleep and reclaim
 * GFP_KERNEL_ACCOUNT	GFP_KERNEL charged to the memory cgroup
 * GFP_NOWAIT	cannot sleep, no reserves, no failure report
 * GFP_NOIO	may reclaim but start no IO
 * GFP_NOFS	may reclaim and do IO but not call into file systems
 * GFP_USER	user-space memory the kernel also touches
 * GFP_DMA, GFP_DMA32	from the DMA zones (kmalloc has no DMA32 caches)
 * GFP_HIGHUSER, GFP_HIGHUSER_MOVABLE	user pages, may be highmem (and movable)
 * GFP_TRANSHUGE_LIGHT, GFP_TRANSHUGE	transparent huge pages (light: no reclaim)
 */
#define GFP_ATOMIC	(__GFP_HIGH | __GFP_KSWAPD_RECLAIM)
#define GFP_KERNEL	(__GFP_RECLAIM | __GFP_IO | __GFP_FS)
#define GFP_KERNEL_ACCOUNT (GFP_KERNEL | __GFP_ACCOUNT)
#define GFP_NOWAIT	(__GFP_KSWAPD_RECLAIM | __GFP_NOWARN)
#define GFP_NOIO	(__GFP_RECLAIM)
#define GFP_NOFS	(__GFP_RECLAIM | __GFP_IO)
#define GFP_USER	(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HARDWALL)
#define GFP_DMA		__GFP_DMA
#define GFP_DMA32	__GFP_DMA32
#define GFP_HIGHUSER	(GFP_USER | __GFP_HIGHMEM)
#define GFP_HIGHUSER_MOVABLE	(GFP_HIGHUSER | __GFP_MOVABLE | __GFP_SKIP_KASAN)
#define GFP_TRANSHUGE_LIGHT	((GFP_HIGHUSER_MOVABLE | __GFP_COMP | \
				  __GFP_NOMEMALLOC | __GFP_NOWARN) & ~__GFP_RECLAIM)
#define GFP_TRANSHUGE	(GFP_TRANSHUGE_LIGHT | __GFP_DIRECT_RECLAIM)

#endif /* __LINUX_GFP_TYPES_H */
