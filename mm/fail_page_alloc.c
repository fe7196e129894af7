// SPDX-License-Identifier: MIT
/*
 * fail_page_alloc: fault injection for the page allocator. The allocator asks
 * should_fail_alloc_page() before it looks for memory and returns NULL, without an allocation
 * failure report, when the answer is yes. Boot parameter fail_page_alloc=<interval>,
 * <probability>,<space>,<times>; knobs in /sys/kernel/debug/fail_page_alloc/.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/fault-inject.h>
#include <linux/gfp_types.h>
#include <linux/export.h>
#include <linux/printk.h>

static struct {
	struct fault_attr attr;

	bool ignore_gfp_highmem;
	bool ignore_gfp_reclaim;
} fail_page_alloc = {
	.attr = FAULT_ATTR_INITIALIZER,
	/* Blocking requests can reclaim their way out: by default only the others fail. */
	.ignore_gfp_reclaim = true,
	.ignore_gfp_highmem = true,
};

/*
 * min-order: order 0 is the hot path everything depends on, so by default it is left alone.
 * Outside the struct because the allocator's fast path reads it (fail_page_alloc_exempt()).
 */
u32 fail_page_alloc_min_order = 1;

static int __init setup_fail_page_alloc(char *str)
{
	return setup_fault_attr(&fail_page_alloc.attr, str);
}
__setup("fail_page_alloc=", setup_fail_page_alloc);

/**
 * should_fail_alloc_page - should the page allocator fail this request?
 * @gfp_mask: the request's GFP flags
 * @order: the request's order
 *
 * The capability's own filters come first, so an armed fail-nth does not count requests they
 * exempt: orders below min-order, __GFP_NOFAIL, __GFP_HIGHMEM with ignore-gfp-highmem, and
 * __GFP_DIRECT_RECLAIM with ignore-gfp-wait. The rest goes to should_fail_ex() with
 * 1 << @order pages as the size; __GFP_NOWARN requests fail without a report.
 *
 * Return: true if the allocator must return NULL.
 */
bool should_fail_alloc_page(gfp_t gfp_mask, unsigned int order)
{
	int flags = 0;

	if (fail_page_alloc_exempt(order))
		return false;
	if (gfp_mask & __GFP_NOFAIL)
		return false;
	if (READ_ONCE(fail_page_alloc.ignore_gfp_highmem) && (gfp_mask & __GFP_HIGHMEM))
		return false;
	if (READ_ONCE(fail_page_alloc.ignore_gfp_reclaim) && (gfp_mask & __GFP_DIRECT_RECLAIM))
		return false;

	/* The caller asked for silence about its failures; an injected one is no exception. */
	if (gfp_mask & __GFP_NOWARN)
		flags |= FAULT_NOWARN;

	return should_fail_ex(&fail_page_alloc.attr, 1 << order, flags);
}
EXPORT_SYMBOL_GPL(should_fail_alloc_page);

/* Kept for the life of the process (and so not a leak to LeakSanitizer). */
static struct dentry *fail_page_alloc_dir __used;

static int __init fail_page_alloc_debugfs(void)
{
	struct dentry *dir;
	int ret;

	dir = fault_create_debugfs_attr("fail_page_alloc", NULL, &fail_page_alloc.attr);
	if (IS_ERR(dir)) {
		pr_warn("fail_page_alloc: cannot create its debugfs files: %pe\n", dir);
		return PTR_ERR(dir);
	}
	ret = krt_fault_debugfs_create_bool("ignore-gfp-wait", dir,
					    &fail_page_alloc.ignore_gfp_reclaim);
	if (!ret)
		ret = krt_fault_debugfs_create_bool("ignore-gfp-highmem", dir,
						    &fail_page_alloc.ignore_gfp_highmem);
	if (!ret)
		ret = krt_fault_debugfs_create_u32("min-order", dir, &fail_page_alloc_min_order);
	if (ret) {
		pr_warn("fail_page_alloc: cannot create its debugfs files: %pe\n", ERR_PTR(ret));
		krt_fault_remove_debugfs_attr(dir);
		return ret;
	}
	fail_page_alloc_dir = dir;
	return 0;
}
late_initcall(fail_page_alloc_debugfs);
