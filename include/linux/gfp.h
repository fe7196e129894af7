/* SPDX-License-Identifier: MIT */
/*
 * GFP helpers. The page allocator (alloc_pages() and friends, zones, migrate types) comes with
 * krt's page allocator; until then this header carries the flag helpers that do not need one.
 */
#ifndef __LINUX_GFP_H
#define __LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/kconfig.h>
#include <linux/types.h>

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

#endif /* __LINUX_GFP_H */
