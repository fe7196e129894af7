// SPDX-License-Identifier: MIT
/*
 * failslab: fault injection for slab allocations. The allocator asks should_failslab() before
 * it allocates an object (after failslab_active(), its cheap test) and returns NULL when the
 * answer is non-zero. Large kmallocs (above KMALLOC_MAX_CACHE_SIZE) are page allocations and
 * answer to fail_page_alloc instead. Boot parameter failslab=<interval>,<probability>,<space>,
 * <times>; knobs in /sys/kernel/debug/failslab/.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/fault-inject.h>
#include <linux/gfp_types.h>
#include <linux/printk.h>
#include <linux/slab.h>

#include "mm/slab.h"

/* Outside the struct below because failslab_active() reads its probability inline. */
struct fault_attr failslab_attr = FAULT_ATTR_INITIALIZER;

static struct {
	bool ignore_gfp_reclaim;
	bool cache_filter;
} failslab = {
	/* Blocking requests can reclaim their way out: by default only the others fail. */
	.ignore_gfp_reclaim = true,
	/* Every cache may fail, not only those created with SLAB_FAILSLAB. */
	.cache_filter = false,
};

static int __init setup_failslab(char *str)
{
	return setup_fault_attr(&failslab_attr, str);
}
__setup("failslab=", setup_failslab);

/**
 * should_failslab - should the slab allocator fail this allocation?
 * @s: the cache allocated from
 * @gfpflags: the request's GFP flags
 *
 * The capability's own filters come first, so an armed fail-nth does not count the requests
 * they exempt: __GFP_NOFAIL always, __GFP_DIRECT_RECLAIM with ignore-gfp-wait, and caches
 * without SLAB_FAILSLAB with cache-filter. The rest goes to should_fail_ex() with the cache's
 * object size as the size; __GFP_NOWARN requests fail without a report.
 *
 * Return: -ENOMEM if the allocator must return NULL, 0 otherwise.
 */
int should_failslab(struct kmem_cache *s, gfp_t gfpflags)
{
	int flags = 0;

	/* Never the bootstrap cache of struct kmem_cache itself. */
	if (unlikely(s == kmem_cache))
		return 0;
	if (gfpflags & __GFP_NOFAIL)
		return 0;
	if (READ_ONCE(failslab.ignore_gfp_reclaim) && (gfpflags & __GFP_DIRECT_RECLAIM))
		return 0;
	if (READ_ONCE(failslab.cache_filter) && !(s->flags & SLAB_FAILSLAB))
		return 0;

	/* The caller asked for silence about its failures; an injected one is no exception. */
	if (gfpflags & __GFP_NOWARN)
		flags |= FAULT_NOWARN;

	return should_fail_ex(&failslab_attr, s->object_size, flags) ? -ENOMEM : 0;
}
EXPORT_SYMBOL_GPL(should_failslab);

/* Kept for the life of the process (and so not a leak to LeakSanitizer). */
static struct dentry *failslab_dir __used;

static int __init failslab_debugfs_init(void)
{
	struct dentry *dir;
	int ret;

	dir = fault_create_debugfs_attr("failslab", NULL, &failslab_attr);
	if (IS_ERR(dir)) {
		pr_warn("failslab: cannot create its debugfs files: %pe\n", dir);
		return PTR_ERR(dir);
	}
	ret = krt_fault_debugfs_create_bool("ignore-gfp-wait", dir, &failslab.ignore_gfp_reclaim);
	if (!ret)
		ret = krt_fault_debugfs_create_bool("cache-filter", dir, &failslab.cache_filter);
	if (ret) {
		pr_warn("failslab: cannot create its debugfs files: %pe\n", ERR_PTR(ret));
		krt_fault_remove_debugfs_attr(dir);
		return ret;
	}
	failslab_dir = dir;
	return 0;
}
late_initcall(failslab_debugfs_init);
