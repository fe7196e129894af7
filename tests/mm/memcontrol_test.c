// SPDX-License-Identifier: MIT
/*
 * Memory cgroups: the hierarchy and its lifetime, the /sys/fs/cgroup files, limit parsing,
 * charging (hierarchical limits, events, force charges, set_active_memcg, the root), memcg
 * reclaim through a memcg-aware shrinker, and the memcg OOM report.
 *
 * Most cases charge struct pages of their own (zeroed, never given to the page allocator) with
 * __memcg_kmem_charge_page() directly, which is exactly what the allocator does after handing
 * out a __GFP_ACCOUNT page; later cases go through alloc_pages() end to end, and the last ones
 * charge slab objects (SLAB_ACCOUNT caches, kmalloc(GFP_KERNEL_ACCOUNT)) in bytes.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/memcontrol.h>
#include <linux/page_counter.h>
#include <linux/shrinker.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/oom.h>
#include <linux/kstrtox.h>
#include <krt/memcg.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>

#include "mm/internal.h"
#include "mm/slab.h"

#define CG "/sys/fs/cgroup/"

static struct mem_cgroup *memcg_new(struct kunit *test, struct mem_cgroup *parent,
				    const char *name)
{
	struct mem_cgroup *memcg = krt_memcg_create(parent, name);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, memcg);
	return memcg;
}

static void set_file(struct kunit *test, const char *path, const char *val)
{
	KUNIT_EXPECT_EQ(test, krt_proc_write(path, val, strlen(val)), (ssize_t)strlen(val));
}

static void expect_file(struct kunit *test, const char *path, const char *want)
{
	char buf[1024];

	KUNIT_ASSERT_GE(test, krt_proc_read(path, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, want);
}

static void expect_file_contains(struct kunit *test, const char *path, const char *needle)
{
	char buf[1024];

	KUNIT_ASSERT_GE(test, krt_proc_read(path, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, needle), "%s has no \"%s\"", path, needle);
}

static unsigned long long file_ull(struct kunit *test, const char *path)
{
	char buf[64];

	KUNIT_EXPECT_GT(test, krt_proc_read(path, buf, sizeof(buf)), 0);
	return simple_strtoull(buf, NULL, 10);
}

/* Charge @page (order @order) from the calling context, as the page allocator would. */
static int charge(struct page *page, gfp_t gfp, int order)
{
	return __memcg_kmem_charge_page(page, gfp | __GFP_ACCOUNT, order);
}

static void uncharge(struct page *page, int order)
{
	if (page->memcg_data)
		__memcg_kmem_uncharge_page(page, order);
}

/* ---- hierarchy and lifetime -------------------------------------------------------------- */

static void memcg_create_lookup_destroy(struct kunit *test)
{
	long before = krt_memcgs_in_use();
	struct mem_cgroup *a, *b, *found;

	a = memcg_new(test, NULL, "kt-a");
	b = memcg_new(test, a, "b");
	KUNIT_EXPECT_STREQ(test, krt_memcg_path(a), "/kt-a");
	KUNIT_EXPECT_STREQ(test, krt_memcg_path(b), "/kt-a/b");
	KUNIT_EXPECT_STREQ(test, krt_memcg_path(root_mem_cgroup), "/");
	KUNIT_EXPECT_PTR_EQ(test, parent_mem_cgroup(b), a);
	KUNIT_EXPECT_PTR_EQ(test, parent_mem_cgroup(a), root_mem_cgroup);
	KUNIT_EXPECT_TRUE(test, mem_cgroup_online(b));
	KUNIT_EXPECT_NE(test, mem_cgroup_id(a), mem_cgroup_id(b));
	KUNIT_EXPECT_EQ(test, krt_memcgs_in_use(), before + 2);

	/* Absolute, relative and sloppy spellings find the same memcg. */
	found = krt_memcg_lookup("/kt-a/b");
	KUNIT_EXPECT_PTR_EQ(test, found, b);
	mem_cgroup_put(found);
	found = krt_memcg_lookup("kt-a//b/");
	KUNIT_EXPECT_PTR_EQ(test, found, b);
	mem_cgroup_put(found);
	found = krt_memcg_lookup("/");
	KUNIT_EXPECT_PTR_EQ(test, found, root_mem_cgroup);
	mem_cgroup_put(found);
	KUNIT_EXPECT_NULL(test, krt_memcg_lookup("/kt-a/c"));

	/* A sibling name is taken; the same name elsewhere is not. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_memcg_create(NULL, "kt-a")), -EEXIST);

	/* rmdir of a parent with a child is refused, as in the kernel. */
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), -EBUSY);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(b), 0);
	KUNIT_EXPECT_NULL(test, krt_memcg_lookup("/kt-a/b"));
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), 0);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(root_mem_cgroup), -EINVAL);
	krt_memcg_settle();
	KUNIT_EXPECT_EQ(test, krt_memcgs_in_use(), before);
}

static void memcg_bad_names(struct kunit *test)
{
	static const char *const bad[] = { "", ".", "..", "a/b", "/", "a\nb" };
	char long_name[300];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(krt_memcg_create(NULL, bad[i])), -EINVAL,
				    "name \"%s\"", bad[i]);
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_memcg_create(NULL, long_name)), -EINVAL);
	long_name[255] = '\0';		/* NAME_MAX is fine */
	krt_memcg_destroy(memcg_new(test, NULL, long_name));
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_memcg_create(NULL, NULL)), -EINVAL);
}

static void memcg_attached_task_keeps_memcg_busy(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-busy");

	KUNIT_EXPECT_EQ(test, krt_memcg_attach(current, a), 0);
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_task(current), a);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), -EBUSY);
	KUNIT_EXPECT_EQ(test, krt_memcg_attach(current, NULL), 0);
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_task(current), root_mem_cgroup);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), 0);
}

/* A task_struct going away leaves its memcg (the hook for the task's last put). */
static void memcg_task_exit_detaches(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-exit");

	krt_memcg_attach(current, a);
	mem_cgroup_exit(current);
	KUNIT_EXPECT_NULL(test, current->memcg);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), 0);
}

/*
 * A destroyed memcg with charges is a "dying" memcg: offline, its files and name gone, the
 * struct alive until the last charge is given back.
 */
static void memcg_dying_memcg_lives_until_uncharged(struct kunit *test)
{
	long before = krt_memcgs_in_use();
	struct mem_cgroup *a, *again;
	struct page page = {};
	char buf[64];

	a = memcg_new(test, NULL, "kt-dying");
	krt_memcg_attach(current, a);
	KUNIT_ASSERT_EQ(test, charge(&page, GFP_KERNEL, 0), 0);
	krt_memcg_attach(current, NULL);

	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), 0);
	KUNIT_EXPECT_FALSE(test, mem_cgroup_online(a));
	KUNIT_EXPECT_EQ(test, krt_proc_read(CG "kt-dying/memory.current", buf, sizeof(buf)),
			-ENOENT);
	KUNIT_EXPECT_NULL(test, krt_memcg_lookup("/kt-dying"));
	/* Nothing new goes into a dying memcg. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(krt_memcg_create(a, "x")), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_memcg_attach(current, a), -ENOENT);
	/* The name is free again while the old one is dying. */
	again = memcg_new(test, NULL, "kt-dying");
	KUNIT_EXPECT_PTR_NE(test, again, a);
	krt_memcg_destroy(again);

	krt_memcg_settle();
	KUNIT_EXPECT_EQ(test, krt_memcgs_in_use(), before + 1);
	KUNIT_EXPECT_EQ(test, mem_cgroup_size(a), 1UL);
	uncharge(&page, 0);
	krt_memcg_settle();
	KUNIT_EXPECT_EQ(test, krt_memcgs_in_use(), before);
}

/* A context whose active memcg was destroyed charges its nearest online ancestor. */
static void memcg_dying_active_memcg_charges_parent(struct kunit *test)
{
	struct mem_cgroup *p = memcg_new(test, NULL, "kt-reparent");
	struct mem_cgroup *c = memcg_new(test, p, "c");
	struct mem_cgroup *old;
	struct page page = {};

	mem_cgroup_get(c);		/* the active memcg is pinned by its user */
	krt_memcg_destroy(c);
	old = set_active_memcg(c);
	KUNIT_EXPECT_EQ(test, charge(&page, GFP_KERNEL, 0), 0);
	set_active_memcg(old);
	KUNIT_EXPECT_PTR_EQ(test, page_memcg(&page), p);
	uncharge(&page, 0);
	mem_cgroup_put(c);
	krt_memcg_destroy(p);
}

/* ---- files ------------------------------------------------------------------------------- */

static void memcg_root_files(struct kunit *test)
{
	char buf[1024];

	/* cgroup v2: the root has memory.stat but no limits, usage or events of its own. */
	KUNIT_EXPECT_GT(test, krt_proc_read(CG "memory.stat", buf, sizeof(buf)), 0);
	KUNIT_EXPECT_TRUE(test, str_has_prefix(buf, "anon 0\nfile 0\nkernel "));
	KUNIT_EXPECT_EQ(test, krt_proc_read(CG "memory.max", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read(CG "memory.current", buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_read(CG "memory.events", buf, sizeof(buf)), -ENOENT);
}

static void memcg_new_files(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-files");
	struct mem_cgroup *b = memcg_new(test, a, "sub");

	expect_file(test, CG "kt-files/memory.max", "max\n");
	expect_file(test, CG "kt-files/memory.high", "max\n");
	expect_file(test, CG "kt-files/memory.current", "0\n");
	expect_file(test, CG "kt-files/memory.peak", "0\n");
	expect_file(test, CG "kt-files/memory.events",
		    "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
	expect_file(test, CG "kt-files/memory.events.local",
		    "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
	expect_file(test, CG "kt-files/sub/memory.max", "max\n");
	/* Read-only files refuse writes. */
	KUNIT_EXPECT_EQ(test, krt_proc_write(CG "kt-files/memory.current", "0", 1), -EACCES);
	KUNIT_EXPECT_EQ(test, krt_proc_write(CG "kt-files/memory.events", "0", 1), -EACCES);
	krt_memcg_destroy(b);
	krt_memcg_destroy(a);
}

struct limit_case {
	const char *in;
	const char *out;	/* what memory.max shows afterwards */
};

static const struct limit_case limit_cases[] = {
	{ "max", "max\n" },
	{ "max\n", "max\n" },		/* echo adds a newline */
	{ "4096", "4096\n" },
	{ "4097", "4096\n" },		/* rounded down to whole pages */
	{ "4095", "0\n" },
	{ "8k", "8192\n" },
	{ "8K", "8192\n" },
	{ "1M", "1048576\n" },
	{ "  3m  ", "3145728\n" },
	{ "1G", "1073741824\n" },
	{ "2T", "2199023255552\n" },
	{ "0x2000", "8192\n" },
	{ "0", "0\n" },
	{ "", "0\n" },			/* the kernel takes an empty write as 0 bytes */
	{ "9223372036854775807", "max\n" },	/* clamped to PAGE_COUNTER_MAX */
};

/* The input, quoted, with a newline spelled \n so that the KTAP line stays one line. */
static void limit_case_desc(const struct limit_case *c, char *desc)
{
	size_t n = 0;
	const char *p;

	desc[n++] = '"';
	for (p = c->in; *p && n < KUNIT_PARAM_DESC_SIZE - 4; p++) {
		if (*p == '\n') {
			desc[n++] = '\\';
			desc[n++] = 'n';
		} else {
			desc[n++] = *p;
		}
	}
	desc[n++] = '"';
	desc[n] = '\0';
}

KUNIT_ARRAY_PARAM(limit, limit_cases, limit_case_desc);

static void memcg_limit_parsing(struct kunit *test)
{
	const struct limit_case *c = test->param_value;
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-limit");

	set_file(test, CG "kt-limit/memory.max", c->in);
	expect_file(test, CG "kt-limit/memory.max", c->out);
	set_file(test, CG "kt-limit/memory.high", c->in);
	expect_file(test, CG "kt-limit/memory.high", c->out);
	krt_memcg_destroy(a);
}

static void memcg_limit_parsing_rejects(struct kunit *test)
{
	static const char *const bad[] = { "abc", "12Q", "-1", "1M1", "max1", "1 2" };
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-badlimit");
	unsigned int i;

	set_file(test, CG "kt-badlimit/memory.max", "1M");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		KUNIT_EXPECT_EQ_MSG(test, krt_proc_write(CG "kt-badlimit/memory.max", bad[i],
							 strlen(bad[i])), -EINVAL,
				    "\"%s\"", bad[i]);
		KUNIT_EXPECT_EQ(test, krt_proc_write(CG "kt-badlimit/memory.high", bad[i],
						     strlen(bad[i])), -EINVAL);
	}
	/* A rejected write changes nothing. */
	expect_file(test, CG "kt-badlimit/memory.max", "1048576\n");
	expect_file(test, CG "kt-badlimit/memory.high", "max\n");
	krt_memcg_destroy(a);
}

static void memcg_page_counter_memparse(struct kunit *test)
{
	unsigned long nr;

	KUNIT_EXPECT_EQ(test, page_counter_memparse("max", "max", &nr), 0);
	KUNIT_EXPECT_EQ(test, nr, PAGE_COUNTER_MAX);
	KUNIT_EXPECT_EQ(test, page_counter_memparse("64K", "max", &nr), 0);
	KUNIT_EXPECT_EQ(test, nr, 16UL);
	KUNIT_EXPECT_EQ(test, page_counter_memparse("64X", "max", &nr), -EINVAL);
	KUNIT_EXPECT_EQ(test, PAGE_COUNTER_MAX, (unsigned long)(LONG_MAX / PAGE_SIZE));
}

/* ---- charging ---------------------------------------------------------------------------- */

static void memcg_charge_counts_up_the_hierarchy(struct kunit *test)
{
	struct mem_cgroup *p = memcg_new(test, NULL, "kt-hier");
	struct mem_cgroup *c = memcg_new(test, p, "c");
	struct page pages[2] = {};

	krt_memcg_attach(current, c);
	KUNIT_EXPECT_EQ(test, charge(&pages[0], GFP_KERNEL, 0), 0);
	KUNIT_EXPECT_EQ(test, charge(&pages[1], GFP_KERNEL, 2), 0);
	krt_memcg_attach(current, NULL);

	KUNIT_EXPECT_EQ(test, pages[0].memcg_data, (unsigned long)c | MEMCG_DATA_KMEM);
	KUNIT_EXPECT_TRUE(test, PageMemcgKmem(&pages[1]));
	KUNIT_EXPECT_PTR_EQ(test, page_memcg(&pages[1]), c);
	expect_file(test, CG "kt-hier/c/memory.current", "20480\n");
	expect_file(test, CG "kt-hier/memory.current", "20480\n");
	expect_file_contains(test, CG "kt-hier/memory.stat", "\nkernel 20480\n");

	uncharge(&pages[1], 2);
	KUNIT_EXPECT_EQ(test, pages[1].memcg_data, 0UL);
	expect_file(test, CG "kt-hier/memory.current", "4096\n");
	uncharge(&pages[0], 0);
	expect_file(test, CG "kt-hier/memory.current", "0\n");
	/* memory.peak remembers the high point. */
	expect_file(test, CG "kt-hier/c/memory.peak", "20480\n");
	krt_memcg_destroy(c);
	krt_memcg_destroy(p);
}

/* Tasks of the root cgroup are not charged at all, as in the kernel. */
static void memcg_root_is_not_charged(struct kunit *test)
{
	struct page page = {};

	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_EQ(test, charge(&page, GFP_KERNEL, 0), 0);
	KUNIT_EXPECT_EQ(test, page.memcg_data, 0UL);
	/* The allocator only uncharges pages with memcg_data; an uncharged one is left alone. */
	memcg_kmem_uncharge_page(&page, 0);
}

static void memcg_set_active_memcg_redirects(struct kunit *test)
{
	struct mem_cgroup *own = memcg_new(test, NULL, "kt-own");
	struct mem_cgroup *other = memcg_new(test, NULL, "kt-other");
	struct mem_cgroup *old, *cur;
	struct page a = {}, b = {}, c = {};

	krt_memcg_attach(current, own);
	KUNIT_EXPECT_EQ(test, charge(&a, GFP_KERNEL, 0), 0);
	old = set_active_memcg(other);
	cur = get_mem_cgroup_from_current();
	KUNIT_EXPECT_PTR_EQ(test, cur, other);
	mem_cgroup_put(cur);
	KUNIT_EXPECT_EQ(test, charge(&b, GFP_KERNEL, 0), 0);
	/* An active root memcg means "do not charge", whatever the task's own memcg. */
	set_active_memcg(root_mem_cgroup);
	KUNIT_EXPECT_EQ(test, charge(&c, GFP_KERNEL, 0), 0);
	set_active_memcg(old);
	krt_memcg_attach(current, NULL);

	KUNIT_EXPECT_PTR_EQ(test, page_memcg(&a), own);
	KUNIT_EXPECT_PTR_EQ(test, page_memcg(&b), other);
	KUNIT_EXPECT_EQ(test, c.memcg_data, 0UL);
	KUNIT_EXPECT_EQ(test, mem_cgroup_size(own), 1UL);
	KUNIT_EXPECT_EQ(test, mem_cgroup_size(other), 1UL);
	uncharge(&a, 0);
	uncharge(&b, 0);
	krt_memcg_destroy(own);
	krt_memcg_destroy(other);
}

/*
 * A charge that may not block fails at once over memory.max: no reclaim, no OOM. The "max"
 * event belongs to the memcg whose limit refused it (here the parent) and its ancestors.
 */
static void memcg_nowait_over_max_fails(struct kunit *test)
{
	struct mem_cgroup *p = memcg_new(test, NULL, "kt-nowait");
	struct mem_cgroup *c = memcg_new(test, p, "c");
	struct page pages[3] = {};

	set_file(test, CG "kt-nowait/memory.max", "8K");
	krt_memcg_attach(current, c);
	KUNIT_EXPECT_EQ(test, charge(&pages[0], GFP_NOWAIT, 0), 0);
	KUNIT_EXPECT_EQ(test, charge(&pages[1], GFP_NOWAIT, 0), 0);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, charge(&pages[2], GFP_NOWAIT, 0), -ENOMEM);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("out of memory"));
	krt_printk_capture_end();
	krt_memcg_attach(current, NULL);

	KUNIT_EXPECT_EQ(test, pages[2].memcg_data, 0UL);
	expect_file(test, CG "kt-nowait/memory.current", "8192\n");
	expect_file(test, CG "kt-nowait/memory.events",
		    "low 0\nhigh 0\nmax 1\noom 0\noom_kill 0\noom_group_kill 0\n");
	expect_file(test, CG "kt-nowait/c/memory.events",
		    "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
	KUNIT_EXPECT_EQ(test, READ_ONCE(p->memory.failcnt), 1UL);

	/* A limit on the child itself: the child counts it, the parent sees it in its subtree. */
	set_file(test, CG "kt-nowait/memory.max", "max");
	set_file(test, CG "kt-nowait/c/memory.max", "8192");	/* its usage: no room left */
	krt_memcg_attach(current, c);
	KUNIT_EXPECT_EQ(test, charge(&pages[2], GFP_NOWAIT, 0), -ENOMEM);
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(c, MEMCG_MAX), 1UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(p, MEMCG_MAX), 2UL);
	expect_file(test, CG "kt-nowait/memory.events.local",
		    "low 0\nhigh 0\nmax 1\noom 0\noom_kill 0\noom_group_kill 0\n");

	uncharge(&pages[0], 0);
	uncharge(&pages[1], 0);
	krt_memcg_destroy(c);
	krt_memcg_destroy(p);
}

/* __GFP_HIGH (GFP_ATOMIC) and reclaim's own PF_MEMALLOC allocations overshoot the limit. */
static void memcg_force_charges(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-force");
	struct page pages[3] = {};
	unsigned int noreclaim;

	set_file(test, CG "kt-force/memory.max", "4K");
	krt_memcg_attach(current, a);
	KUNIT_EXPECT_EQ(test, charge(&pages[0], GFP_KERNEL, 0), 0);
	KUNIT_EXPECT_EQ(test, charge(&pages[1], GFP_ATOMIC, 0), 0);
	noreclaim = memalloc_noreclaim_save();
	KUNIT_EXPECT_EQ(test, charge(&pages[2], GFP_KERNEL, 0), 0);
	memalloc_noreclaim_restore(noreclaim);
	krt_memcg_attach(current, NULL);

	expect_file(test, CG "kt-force/memory.current", "12288\n");
	expect_file(test, CG "kt-force/memory.max", "4096\n");
	/* Forced charges still count as hitting the limit. */
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_MAX), 2UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 0UL);
	uncharge(&pages[0], 0);
	uncharge(&pages[1], 0);
	uncharge(&pages[2], 0);
	krt_memcg_destroy(a);
}

/* Above memory.high the charge succeeds and a "high" event is counted. */
static void memcg_over_high_counts_event(struct kunit *test)
{
	struct mem_cgroup *p = memcg_new(test, NULL, "kt-high");
	struct mem_cgroup *c = memcg_new(test, p, "c");
	struct page pages[2] = {};

	set_file(test, CG "kt-high/memory.high", "4096");
	krt_memcg_attach(current, c);
	KUNIT_EXPECT_EQ(test, charge(&pages[0], GFP_NOWAIT, 0), 0);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(p, MEMCG_HIGH), 0UL);
	KUNIT_EXPECT_EQ(test, charge(&pages[1], GFP_NOWAIT, 0), 0);
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(p, MEMCG_HIGH), 1UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(c, MEMCG_HIGH), 0UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(p, MEMCG_MAX), 0UL);
	expect_file(test, CG "kt-high/memory.current", "8192\n");
	uncharge(&pages[0], 0);
	uncharge(&pages[1], 0);
	krt_memcg_destroy(c);
	krt_memcg_destroy(p);
}

/* split_page() of a charged block: each piece carries (and later gives back) its share. */
static void memcg_split_page(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-split");
	struct page pages[4] = {};
	int i;

	krt_memcg_attach(current, a);
	KUNIT_EXPECT_EQ(test, charge(&pages[0], GFP_KERNEL, 2), 0);
	krt_memcg_attach(current, NULL);
	split_page_memcg(pages, 2, 0);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_PTR_EQ(test, page_memcg(&pages[i]), a);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), 0);
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, mem_cgroup_size(a), 4UL - i);
		uncharge(&pages[i], 0);
	}
	/* The leak checker sees the memcg freed with the last piece. */
}

/* Threads charging and uncharging at once never keep usage above max, and it ends at 0. */
struct charge_thread_arg {
	struct mem_cgroup *memcg;
	unsigned long over_max;		/* times usage was seen above the limit */
	unsigned long refused;
};

static int charge_thread(void *data)
{
	struct charge_thread_arg *arg = data;
	struct mem_cgroup *old = set_active_memcg(arg->memcg);
	struct page pages[4] = {};
	int round, i;

	for (round = 0; round < 2000; round++) {
		for (i = 0; i < 4; i++)
			if (charge(&pages[i], GFP_NOWAIT, 0))
				arg->refused++;
		/*
		 * A charge adds first and takes back when over the limit (as the kernel's
		 * page_counter does), so each of the 3 threads may overshoot by one page for a
		 * moment; more than that would be a real overcharge.
		 */
		if (mem_cgroup_size(arg->memcg) > 6 + 3)
			arg->over_max++;
		for (i = 0; i < 4; i++)
			uncharge(&pages[i], 0);
	}
	set_active_memcg(old);
	return 0;
}

static void memcg_concurrent_charges(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-concurrent");
	struct charge_thread_arg args[3] = {};
	struct task_struct *t[3];
	int i;

	set_file(test, CG "kt-concurrent/memory.max", "24K");	/* 6 pages for 3 x 4 */
	for (i = 0; i < 3; i++) {
		args[i].memcg = a;
		t[i] = krt_thread_create(charge_thread, &args[i], "memcg-charge");
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t[i]);
	}
	for (i = 0; i < 3; i++) {
		krt_thread_join(t[i]);
		KUNIT_EXPECT_EQ(test, args[i].over_max, 0UL);
	}
	KUNIT_EXPECT_EQ(test, mem_cgroup_size(a), 0UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_MAX),
			args[0].refused + args[1].refused + args[2].refused);
	krt_memcg_destroy(a);
}

/* ---- reclaim and OOM --------------------------------------------------------------------- */

/*
 * A memcg-aware cache of charged pages: its shrinker gives back the charges of pages that
 * belong to the memcg under pressure or one of its descendants.
 */
#define CACHE_PAGES 8

struct charged_cache {
	struct page pages[CACHE_PAGES];
	bool reclaimable;
	int scan_calls;
	struct mem_cgroup *last_memcg;
};

static bool in_subtree(struct mem_cgroup *memcg, struct mem_cgroup *root)
{
	for (; memcg; memcg = parent_mem_cgroup(memcg))
		if (memcg == root)
			return true;
	return false;
}

static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc)
{
	struct charged_cache *cache = s->private_data;
	unsigned long n = 0;
	int i;

	if (!cache->reclaimable)
		return SHRINK_EMPTY;
	for (i = 0; i < CACHE_PAGES; i++)
		if (page_memcg(&cache->pages[i]) &&
		    in_subtree(page_memcg(&cache->pages[i]), sc->memcg))
			n++;
	return n ? n : SHRINK_EMPTY;
}

static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct charged_cache *cache = s->private_data;
	unsigned long freed = 0;
	int i;

	cache->scan_calls++;
	cache->last_memcg = sc->memcg;
	for (i = 0; i < CACHE_PAGES && freed < sc->nr_to_scan; i++) {
		struct page *page = &cache->pages[i];

		if (page_memcg(page) && in_subtree(page_memcg(page), sc->memcg)) {
			uncharge(page, 0);
			freed++;
		}
	}
	mm_account_reclaimed_pages(freed);
	return freed;
}

static struct shrinker *cache_shrinker(struct kunit *test, struct charged_cache *cache)
{
	struct shrinker *s = shrinker_alloc(SHRINKER_MEMCG_AWARE, "krt-test-memcg-cache");

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->count_objects = cache_count;
	s->scan_objects = cache_scan;
	s->batch = 1;		/* a small cache: let reclaim scan it page by page */
	s->private_data = cache;
	shrinker_register(s);
	return s;
}

/* Fill the cache up to @n pages charged to @memcg. */
static void cache_fill(struct kunit *test, struct charged_cache *cache, struct mem_cgroup *memcg,
		       int n)
{
	struct mem_cgroup *old = set_active_memcg(memcg);
	int i;

	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ(test, charge(&cache->pages[i], GFP_KERNEL, 0), 0);
	set_active_memcg(old);
}

/* Charge free slots of the cache until @memcg has @n pages charged. */
static void cache_refill(struct kunit *test, struct charged_cache *cache,
			 struct mem_cgroup *memcg, unsigned long n)
{
	struct mem_cgroup *old = set_active_memcg(memcg);
	int i;

	for (i = 0; i < CACHE_PAGES && mem_cgroup_size(memcg) < n; i++)
		if (!cache->pages[i].memcg_data)
			KUNIT_EXPECT_EQ(test, charge(&cache->pages[i], GFP_NOWAIT, 0), 0);
	set_active_memcg(old);
}

static void cache_empty(struct charged_cache *cache)
{
	int i;

	for (i = 0; i < CACHE_PAGES; i++)
		uncharge(&cache->pages[i], 0);
}

/* Over memory.max, reclaim within the memcg makes room and the charge succeeds. */
static void memcg_reclaim_makes_room(struct kunit *test)
{
	struct charged_cache *cache = kunit_kzalloc(test, sizeof(*cache), GFP_KERNEL);
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-reclaim");
	struct shrinker *s;
	struct page page = {};

	KUNIT_ASSERT_NOT_NULL(test, cache);
	set_file(test, CG "kt-reclaim/memory.max", "16K");
	cache_fill(test, cache, a, 4);
	cache->reclaimable = true;
	s = cache_shrinker(test, cache);

	krt_printk_capture_begin(false);
	krt_memcg_attach(current, a);
	KUNIT_EXPECT_EQ(test, charge(&page, GFP_KERNEL, 0), 0);
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("out of memory"));
	krt_printk_capture_end();

	KUNIT_EXPECT_GT(test, cache->scan_calls, 0);
	KUNIT_EXPECT_PTR_EQ(test, cache->last_memcg, a);
	KUNIT_EXPECT_PTR_EQ(test, page_memcg(&page), a);
	KUNIT_EXPECT_LE(test, mem_cgroup_size(a), 4UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_MAX), 1UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 0UL);

	shrinker_free(s);
	uncharge(&page, 0);
	cache_empty(cache);
	krt_memcg_destroy(a);
}

/*
 * Nothing reclaimable: the memcg OOM report is printed (never a global OOM) and the charge
 * fails; events max and oom are counted.
 */
static void memcg_oom_when_nothing_reclaimable(struct kunit *test)
{
	struct charged_cache *cache = kunit_kzalloc(test, sizeof(*cache), GFP_KERNEL);
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-oom");
	struct shrinker *s;
	struct page page = {};

	KUNIT_ASSERT_NOT_NULL(test, cache);
	set_file(test, CG "kt-oom/memory.max", "8K");
	cache_fill(test, cache, a, 2);
	s = cache_shrinker(test, cache);	/* registered, but gives nothing back */

	krt_printk_capture_begin(false);
	krt_memcg_attach(current, a);
	KUNIT_EXPECT_EQ(test, charge(&page, GFP_KERNEL, 0), -ENOMEM);
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Memory cgroup out of memory"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(",oom_memcg=/kt-oom"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("global_oom"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"memory: usage 8kB, limit 8kB, failcnt "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Memory cgroup stats for /kt-oom:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("\nkernel 8192\n"));
	krt_printk_capture_end();

	KUNIT_EXPECT_EQ(test, page.memcg_data, 0UL);
	/* As in the kernel, every reclaim round over the limit counts a "max" event. */
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_MAX), MAX_RECLAIM_RETRIES + 1UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 1UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM_KILL), 0UL);

	shrinker_free(s);
	cache_empty(cache);
	krt_memcg_destroy(a);
}

struct no_oom_case {
	const char *name;
	gfp_t gfp;
	int order;
	unsigned long max_events;	/* reclaim rounds */
};

static const struct no_oom_case no_oom_cases[] = {
	{ "NORETRY", GFP_KERNEL | __GFP_NORETRY, 0, 1 },
	{ "RETRY_MAYFAIL", GFP_KERNEL | __GFP_RETRY_MAYFAIL, 0, MAX_RECLAIM_RETRIES + 1 },
	{ "costly order", GFP_KERNEL, PAGE_ALLOC_COSTLY_ORDER + 1, MAX_RECLAIM_RETRIES + 1 },
};

static void no_oom_case_desc(const struct no_oom_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(no_oom, no_oom_cases, no_oom_case_desc);

/* NORETRY, RETRY_MAYFAIL and costly orders fail after reclaim without a memcg OOM. */
static void memcg_fails_without_oom(struct kunit *test)
{
	const struct no_oom_case *c = test->param_value;
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-nooom");
	struct page page = {};

	set_file(test, CG "kt-nooom/memory.max", "0");
	krt_printk_capture_begin(false);
	krt_memcg_attach(current, a);
	KUNIT_EXPECT_EQ(test, charge(&page, c->gfp, c->order), -ENOMEM);
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("out of memory"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_MAX), c->max_events);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 0UL);
	krt_memcg_destroy(a);
}

/* __GFP_NOFAIL goes through the memcg OOM and is then charged above the limit anyway. */
static void memcg_nofail_charges_after_oom(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-nofail");
	struct page page = {};

	set_file(test, CG "kt-nofail/memory.max", "0");
	krt_printk_capture_begin(false);
	krt_memcg_attach(current, a);
	KUNIT_EXPECT_EQ(test, charge(&page, GFP_KERNEL | __GFP_NOFAIL, 0), 0);
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Memory cgroup out of memory"));
	krt_printk_capture_end();
	KUNIT_EXPECT_PTR_EQ(test, page_memcg(&page), a);
	expect_file(test, CG "kt-nofail/memory.current", "4096\n");
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 1UL);
	uncharge(&page, 0);
	krt_memcg_destroy(a);
}

/* Lowering memory.max below usage reclaims; with nothing reclaimable it is a memcg OOM. */
static void memcg_max_write_below_usage(struct kunit *test)
{
	struct charged_cache *cache = kunit_kzalloc(test, sizeof(*cache), GFP_KERNEL);
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-shrinkmax");
	struct shrinker *s;

	KUNIT_ASSERT_NOT_NULL(test, cache);
	cache_fill(test, cache, a, 4);
	cache->reclaimable = true;
	s = cache_shrinker(test, cache);
	set_file(test, CG "kt-shrinkmax/memory.max", "8K");
	KUNIT_EXPECT_LE(test, file_ull(test, CG "kt-shrinkmax/memory.current"), 8192ULL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 0UL);

	/*
	 * Reclaim may have emptied the cache (it aims for a batch, not just the excess). Charge
	 * two pages again, which the cache now holds on to: lowering the limit to 0 OOMs, and the
	 * limit is set all the same.
	 */
	cache->reclaimable = false;
	cache_refill(test, cache, a, 2);
	KUNIT_EXPECT_EQ(test, mem_cgroup_size(a), 2UL);
	krt_printk_capture_begin(false);
	set_file(test, CG "kt-shrinkmax/memory.max", "0");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Memory cgroup out of memory"));
	krt_printk_capture_end();
	expect_file(test, CG "kt-shrinkmax/memory.max", "0\n");
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 1UL);

	shrinker_free(s);
	cache_empty(cache);
	krt_memcg_destroy(a);
}

/* The report helpers on their own, in the kernel's words. */
static void memcg_oom_report_text(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-report");
	struct mem_cgroup *b = memcg_new(test, a, "b");
	struct page page = {};

	set_file(test, CG "kt-report/memory.max", "1M");
	krt_memcg_attach(current, b);
	KUNIT_EXPECT_EQ(test, charge(&page, GFP_KERNEL, 1), 0);

	krt_printk_capture_begin(false);
	pr_info("oom-kill:constraint=CONSTRAINT_MEMCG");
	mem_cgroup_print_oom_context(a, current);
	pr_cont("\n");
	mutex_lock(&oom_lock);
	mem_cgroup_print_oom_meminfo(a);
	mutex_unlock(&oom_lock);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"oom-kill:constraint=CONSTRAINT_MEMCG,oom_memcg=/kt-report,task_memcg=/kt-report/b\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"memory: usage 8kB, limit 1024kB, failcnt 0\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"swap: usage 0kB, limit 9007199254740988kB, failcnt 0\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"Memory cgroup stats for /kt-report:\nanon 0\nfile 0\nkernel 8192\n"));
	krt_printk_capture_reset();
	mem_cgroup_print_oom_context(NULL, NULL);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), ",global_oom");
	krt_printk_capture_end();

	krt_memcg_attach(current, NULL);
	uncharge(&page, 1);
	krt_memcg_destroy(b);
	krt_memcg_destroy(a);
}

/* ---- end to end, through the page allocator ------------------------------------------------ */

/* A memcg-aware cache of real pages; its shrinker frees those of the memcg under pressure. */
struct page_cache {
	struct page *pages[CACHE_PAGES];
	bool reclaimable;
	int scan_calls;
};

static unsigned long page_cache_count(struct shrinker *s, struct shrink_control *sc)
{
	struct page_cache *cache = s->private_data;
	unsigned long n = 0;
	int i;

	if (!cache->reclaimable)
		return SHRINK_EMPTY;
	for (i = 0; i < CACHE_PAGES; i++)
		if (cache->pages[i] && in_subtree(page_memcg(cache->pages[i]), sc->memcg))
			n++;
	return n ? n : SHRINK_EMPTY;
}

static unsigned long page_cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct page_cache *cache = s->private_data;
	unsigned long freed = 0;
	int i;

	cache->scan_calls++;
	for (i = 0; i < CACHE_PAGES && freed < sc->nr_to_scan; i++) {
		struct page *page = cache->pages[i];

		if (page && in_subtree(page_memcg(page), sc->memcg)) {
			cache->pages[i] = NULL;
			/* The page allocator credits the freed page to the reclaiming task. */
			__free_page(page);
			freed++;
		}
	}
	return freed;
}

static void page_cache_free(struct page_cache *cache)
{
	int i;

	for (i = 0; i < CACHE_PAGES; i++) {
		if (cache->pages[i])
			__free_page(cache->pages[i]);
		cache->pages[i] = NULL;
	}
}

/* GFP_KERNEL_ACCOUNT pages are charged when allocated and uncharged when freed. */
static void memcg_alloc_pages_charged(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-alloc");
	struct page *acct, *plain;

	krt_memcg_attach(current, a);
	acct = alloc_pages(GFP_KERNEL_ACCOUNT, 2);
	plain = alloc_pages(GFP_KERNEL, 0);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, acct);
	KUNIT_ASSERT_NOT_NULL(test, plain);

	KUNIT_EXPECT_PTR_EQ(test, page_memcg(acct), a);
	KUNIT_EXPECT_TRUE(test, PageMemcgKmem(acct));
	KUNIT_EXPECT_EQ(test, plain->memcg_data, 0UL);
	expect_file(test, CG "kt-alloc/memory.current", "16384\n");
	__free_pages(acct, 2);
	__free_page(plain);
	expect_file(test, CG "kt-alloc/memory.current", "0\n");
	/* A dying memcg goes away with its last page. */
	krt_memcg_attach(current, a);
	acct = alloc_page(GFP_KERNEL_ACCOUNT);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, acct);
	krt_memcg_destroy(a);
	__free_page(acct);
}

/* __free_pages() of a charged block whose first page someone still holds: all uncharged. */
static void memcg_free_pages_with_extra_ref(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-extra-ref");
	struct page *page;

	krt_memcg_attach(current, a);
	page = alloc_pages(GFP_KERNEL_ACCOUNT, 2);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	expect_file(test, CG "kt-extra-ref/memory.current", "16384\n");
	get_page(page);
	__free_pages(page, 2);
	/* Pages 1-3 went back at once; the first one is still held and charged. */
	expect_file(test, CG "kt-extra-ref/memory.current", "4096\n");
	put_page(page);
	expect_file(test, CG "kt-extra-ref/memory.current", "0\n");
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), 0);
}

static void memcg_alloc_pages_active_memcg(struct kunit *test)
{
	struct mem_cgroup *own = memcg_new(test, NULL, "kt-alloc-own");
	struct mem_cgroup *other = memcg_new(test, NULL, "kt-alloc-other");
	struct mem_cgroup *old;
	struct page *page;

	krt_memcg_attach(current, own);
	old = set_active_memcg(other);
	page = alloc_page(GFP_KERNEL_ACCOUNT);
	set_active_memcg(old);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_PTR_EQ(test, page_memcg(page), other);
	expect_file(test, CG "kt-alloc-own/memory.current", "0\n");
	expect_file(test, CG "kt-alloc-other/memory.current", "4096\n");
	__free_page(page);
	expect_file(test, CG "kt-alloc-other/memory.current", "0\n");
	krt_memcg_destroy(own);
	krt_memcg_destroy(other);
}

/*
 * Over memory.max: memcg reclaim frees the cache's pages and the allocation succeeds; with
 * nothing reclaimable it fails with the memcg OOM report and never a global OOM.
 */
static void memcg_alloc_pages_reclaim_then_oom(struct kunit *test)
{
	struct page_cache *cache = kunit_kzalloc(test, sizeof(*cache), GFP_KERNEL);
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-alloc-max");
	struct shrinker *s;
	struct page *page, *fail;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, cache);
	set_file(test, CG "kt-alloc-max/memory.max", "16K");
	krt_memcg_attach(current, a);
	for (i = 0; i < 4; i++)
		cache->pages[i] = alloc_page(GFP_KERNEL_ACCOUNT);
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_NOT_NULL(test, cache->pages[i]);
	/* Full: an allocation that may not block fails at once, quietly. */
	krt_printk_capture_begin(false);
	fail = alloc_page(GFP_NOWAIT | __GFP_ACCOUNT);
	KUNIT_EXPECT_NULL(test, fail);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("out of memory"));
	krt_printk_capture_end();

	cache->reclaimable = true;
	s = shrinker_alloc(SHRINKER_MEMCG_AWARE, "krt-test-memcg-pages");
	KUNIT_ASSERT_NOT_NULL(test, s);
	s->count_objects = page_cache_count;
	s->scan_objects = page_cache_scan;
	s->batch = 1;
	s->private_data = cache;
	shrinker_register(s);

	krt_printk_capture_begin(false);
	page = alloc_page(GFP_KERNEL_ACCOUNT);
	KUNIT_EXPECT_NOT_NULL(test, page);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("out of memory"));
	krt_printk_capture_end();
	KUNIT_EXPECT_GT(test, cache->scan_calls, 0);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 0UL);

	/* Fill up again with pages the cache will not give back. */
	cache->reclaimable = false;
	for (i = 0; i < CACHE_PAGES; i++)
		if (!cache->pages[i] && mem_cgroup_size(a) < 4)
			cache->pages[i] = alloc_page(GFP_KERNEL_ACCOUNT);
	KUNIT_EXPECT_EQ(test, mem_cgroup_size(a), 4UL);
	krt_printk_capture_begin(false);
	fail = alloc_page(GFP_KERNEL_ACCOUNT);
	KUNIT_EXPECT_NULL(test, fail);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Memory cgroup out of memory"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(",oom_memcg=/kt-alloc-max"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"memory: usage 16kB, limit 16kB, failcnt "));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("global_oom"));
	krt_printk_capture_end();
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_GE(test, krt_memcg_event(a, MEMCG_MAX), 2UL);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 1UL);
	KUNIT_EXPECT_EQ(test, mem_cgroup_size(a), 4UL);

	shrinker_free(s);
	if (page)
		__free_page(page);
	page_cache_free(cache);
	expect_file(test, CG "kt-alloc-max/memory.current", "0\n");
	krt_memcg_destroy(a);
}

/* ---- slab objects ------------------------------------------------------------------------ */

/* The value of @key in the memory.stat file @path. */
static unsigned long long stat_value(struct kunit *test, const char *path, const char *key)
{
	char buf[1024], needle[64];
	const char *p;

	KUNIT_EXPECT_GT(test, krt_proc_read(path, buf, sizeof(buf)), 0);
	snprintf(needle, sizeof(needle), "\n%s ", key);
	p = strstr(buf, needle);
	KUNIT_EXPECT_NOT_NULL_MSG(test, p, "%s has no \"%s\"", path, key);
	return p ? simple_strtoull(p + strlen(needle), NULL, 10) : 0;
}

/* memory.current of a memcg charged with @bytes of slab objects: whole pages. */
static unsigned long long pages_of(unsigned long long bytes)
{
	return DIV_ROUND_UP(bytes, PAGE_SIZE) * PAGE_SIZE;
}

#define KMALLOC_OBJS	12

/*
 * kmalloc(GFP_KERNEL_ACCOUNT) comes from a kmalloc-cg-* cache and charges each object's size:
 * memory.current grows by the pages the bytes fill, memory.stat shows the bytes, and freeing
 * everything brings both back to where they started.
 */
static void memcg_kmalloc_account_charged(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-kmalloc");
	struct kmem_cache *s = kmalloc_slab(700, GFP_KERNEL_ACCOUNT);
	unsigned long long start;
	void *objs[KMALLOC_OBJS];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_TRUE(test, str_has_prefix(s->name, "kmalloc-cg-"));
	KUNIT_EXPECT_TRUE(test, s->flags & SLAB_ACCOUNT);
	start = file_ull(test, CG "kt-kmalloc/memory.current");
	KUNIT_EXPECT_EQ(test, start, 0ULL);

	krt_memcg_attach(current, a);
	for (i = 0; i < KMALLOC_OBJS; i++) {
		objs[i] = kmalloc(700, GFP_KERNEL_ACCOUNT);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(objs[i]), a);
		KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-kmalloc/memory.current"),
				start + pages_of((i + 1ULL) * s->size));
	}
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-kmalloc/memory.stat", "slab"),
			(unsigned long long)KMALLOC_OBJS * s->size);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-kmalloc/memory.stat",
					 "slab_unreclaimable"),
			(unsigned long long)KMALLOC_OBJS * s->size);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-kmalloc/memory.stat", "slab_reclaimable"),
			0ULL);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-kmalloc/memory.stat", "kernel"),
			pages_of((unsigned long long)KMALLOC_OBJS * s->size));

	/* Freed from the root: the objects' memcg is uncharged, whoever frees them. */
	for (i = 0; i < KMALLOC_OBJS; i++) {
		kfree(objs[i]);
		KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-kmalloc/memory.current"),
				start + pages_of((KMALLOC_OBJS - i - 1ULL) * s->size));
	}
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-kmalloc/memory.stat", "slab"), 0ULL);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(a), 0);
}

/* Without __GFP_ACCOUNT, kmalloc() is not charged; nor is anything the root allocates. */
static void memcg_kmalloc_unaccounted_not_charged(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-kmalloc-plain");
	void *plain, *root_acct;

	root_acct = kmalloc(64, GFP_KERNEL_ACCOUNT);
	krt_memcg_attach(current, a);
	plain = kmalloc(64, GFP_KERNEL);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_ASSERT_NOT_NULL(test, root_acct);
	KUNIT_EXPECT_NULL(test, mem_cgroup_from_slab_obj(plain));
	KUNIT_EXPECT_NULL(test, mem_cgroup_from_slab_obj(root_acct));
	expect_file(test, CG "kt-kmalloc-plain/memory.current", "0\n");
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-kmalloc-plain/memory.stat", "slab"), 0ULL);
	/* Freeing an uncharged object from inside a memcg uncharges nothing either. */
	krt_memcg_attach(current, a);
	kfree(plain);
	kfree(root_acct);
	krt_memcg_attach(current, NULL);
	expect_file(test, CG "kt-kmalloc-plain/memory.current", "0\n");
	krt_memcg_destroy(a);
}

struct acct_cache_case {
	const char *name;
	unsigned int size;
	slab_flags_t flags;
	const char *stat;	/* the memory.stat key the bytes go to */
};

static const struct acct_cache_case acct_cache_cases[] = {
	{ "unreclaimable 200", 200, SLAB_ACCOUNT, "slab_unreclaimable" },
	{ "reclaimable 200", 200, SLAB_ACCOUNT | SLAB_RECLAIM_ACCOUNT, "slab_reclaimable" },
	{ "unreclaimable 24", 24, SLAB_ACCOUNT, "slab_unreclaimable" },
	{ "unreclaimable 3000", 3000, SLAB_ACCOUNT, "slab_unreclaimable" },
};

static void acct_cache_case_desc(const struct acct_cache_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(acct_cache, acct_cache_cases, acct_cache_case_desc);

#define CACHE_OBJS	40

/*
 * A SLAB_ACCOUNT cache charges every object, GFP_KERNEL or not, to the allocating task's memcg
 * and every ancestor below the root; the bytes go to the cache's memory.stat key.
 */
static void memcg_slab_account_cache(struct kunit *test)
{
	const struct acct_cache_case *c = test->param_value;
	struct mem_cgroup *p = memcg_new(test, NULL, "kt-cache");
	struct mem_cgroup *a = memcg_new(test, p, "a");
	struct kmem_cache *s;
	void **objs;
	int i;

	objs = kunit_kcalloc(test, CACHE_OBJS, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	s = kmem_cache_create("kt-memcg-acct", c->size, 0, c->flags, NULL);
	KUNIT_ASSERT_NOT_NULL(test, s);

	krt_memcg_attach(current, a);
	for (i = 0; i < CACHE_OBJS; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-cache/a/memory.current"),
				pages_of((i + 1ULL) * s->size));
	}
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(objs[CACHE_OBJS / 2]), a);
	KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-cache/memory.current"),
			pages_of((unsigned long long)CACHE_OBJS * s->size));
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-cache/a/memory.stat", c->stat),
			(unsigned long long)CACHE_OBJS * s->size);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-cache/memory.stat", c->stat),
			(unsigned long long)CACHE_OBJS * s->size);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-cache/a/memory.stat", "slab"),
			(unsigned long long)CACHE_OBJS * s->size);

	/* Every other object first, then the rest: the count follows the bytes still out. */
	for (i = 0; i < CACHE_OBJS; i += 2)
		kmem_cache_free(s, objs[i]);
	KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-cache/a/memory.current"),
			pages_of((unsigned long long)(CACHE_OBJS / 2) * s->size));
	for (i = 1; i < CACHE_OBJS; i += 2)
		kmem_cache_free(s, objs[i]);
	expect_file(test, CG "kt-cache/a/memory.current", "0\n");
	expect_file(test, CG "kt-cache/memory.current", "0\n");
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-cache/a/memory.stat", "slab"), 0ULL);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-cache/memory.stat", "slab"), 0ULL);
	kmem_cache_destroy(s);
	krt_memcg_destroy(a);
	krt_memcg_destroy(p);
}

/* Bulk allocation goes through the same charge, object by object. */
static void memcg_slab_bulk_charged(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-bulk");
	struct kmem_cache *s = kmem_cache_create("kt-memcg-bulk", 100, 0, SLAB_ACCOUNT, NULL);
	void *objs[16];

	KUNIT_ASSERT_NOT_NULL(test, s);
	krt_memcg_attach(current, a);
	KUNIT_ASSERT_EQ(test, kmem_cache_alloc_bulk(s, GFP_KERNEL, ARRAY_SIZE(objs), objs),
			(int)ARRAY_SIZE(objs));
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-bulk/memory.stat", "slab"),
			(unsigned long long)ARRAY_SIZE(objs) * s->size);
	kmem_cache_free_bulk(s, ARRAY_SIZE(objs), objs);
	expect_file(test, CG "kt-bulk/memory.current", "0\n");
	kmem_cache_destroy(s);
	krt_memcg_destroy(a);
}

struct slab_max_case {
	const char *name;
	gfp_t gfp;
	unsigned long max_events;	/* reclaim rounds of the refused charge */
};

static const struct slab_max_case slab_max_cases[] = {
	{ "NORETRY", GFP_KERNEL_ACCOUNT | __GFP_NORETRY, 1 },
	{ "RETRY_MAYFAIL", GFP_KERNEL_ACCOUNT | __GFP_RETRY_MAYFAIL, MAX_RECLAIM_RETRIES + 1 },
	{ "NOWAIT", GFP_NOWAIT | __GFP_ACCOUNT, 1 },
};

static void slab_max_case_desc(const struct slab_max_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(slab_max, slab_max_cases, slab_max_case_desc);

#define MAX_OBJS	(2 * PAGE_SIZE / 64)

/*
 * memory.max counts bytes of objects, in whole pages: with 8K, exactly 8K worth of 64-byte
 * objects fit and the next one fails (NULL) without a memcg OOM. Freeing one makes room again.
 */
static void memcg_kmalloc_over_max_fails(struct kunit *test)
{
	const struct slab_max_case *c = test->param_value;
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-kmalloc-max");
	struct kmem_cache *s = kmalloc_slab(64, GFP_KERNEL_ACCOUNT);
	unsigned int fit, i;
	void **objs;
	void *fail;

	KUNIT_ASSERT_NOT_NULL(test, s);
	fit = 2 * PAGE_SIZE / s->size;
	objs = kunit_kcalloc(test, fit, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	set_file(test, CG "kt-kmalloc-max/memory.max", "8K");

	krt_memcg_attach(current, a);
	for (i = 0; i < fit; i++) {
		objs[i] = kmalloc(64, c->gfp);
		KUNIT_ASSERT_NOT_NULL_MSG(test, objs[i], "object %u of %u", i, fit);
	}
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_MAX), 0UL);
	krt_printk_capture_begin(false);
	fail = kmalloc(64, c->gfp);
	KUNIT_EXPECT_NULL(test, fail);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("out of memory"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_MAX), c->max_events);
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 0UL);
	expect_file(test, CG "kt-kmalloc-max/memory.current", "8192\n");
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-kmalloc-max/memory.stat", "slab"),
			(unsigned long long)fit * s->size);

	/* A free makes room for exactly one more. */
	kfree(objs[0]);
	objs[0] = kmalloc(64, c->gfp);
	KUNIT_EXPECT_NOT_NULL(test, objs[0]);
	krt_memcg_attach(current, NULL);

	kfree(fail);
	for (i = 0; i < fit; i++)
		kfree(objs[i]);
	expect_file(test, CG "kt-kmalloc-max/memory.current", "0\n");
	krt_memcg_destroy(a);
}

/* Over memory.max with plain GFP_KERNEL: the memcg OOM report, and still NULL. */
static void memcg_kmalloc_over_max_oom(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-kmalloc-oom");
	void *p;

	set_file(test, CG "kt-kmalloc-oom/memory.max", "0");
	krt_printk_capture_begin(false);
	krt_memcg_attach(current, a);
	p = kmalloc(128, GFP_KERNEL_ACCOUNT);
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Memory cgroup out of memory"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(",oom_memcg=/kt-kmalloc-oom"));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, krt_memcg_event(a, MEMCG_OOM), 1UL);
	expect_file(test, CG "kt-kmalloc-oom/memory.current", "0\n");
	kfree(p);
	krt_memcg_destroy(a);
}

/* set_active_memcg() chooses the memcg of slab charges too, over the task's own. */
static void memcg_kmalloc_active_memcg(struct kunit *test)
{
	struct mem_cgroup *own = memcg_new(test, NULL, "kt-kmalloc-own");
	struct mem_cgroup *other = memcg_new(test, NULL, "kt-kmalloc-other");
	struct mem_cgroup *old;
	void *p;

	krt_memcg_attach(current, own);
	old = set_active_memcg(other);
	p = kmalloc(512, GFP_KERNEL_ACCOUNT);
	set_active_memcg(old);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(p), other);
	expect_file(test, CG "kt-kmalloc-own/memory.current", "0\n");
	expect_file(test, CG "kt-kmalloc-other/memory.current", "4096\n");
	kfree(p);
	expect_file(test, CG "kt-kmalloc-other/memory.current", "0\n");
	krt_memcg_destroy(own);
	krt_memcg_destroy(other);
}

struct slab_free_arg {
	struct mem_cgroup *memcg;	/* the thread's memcg */
	struct kmem_cache *cache;
	void **objs;			/* to free, or to allocate into */
	int nr;
	bool alloc;
};

static int slab_free_thread(void *data)
{
	struct slab_free_arg *arg = data;
	int i;

	krt_memcg_attach(current, arg->memcg);
	for (i = 0; i < arg->nr; i++) {
		if (arg->alloc)
			arg->objs[i] = kmem_cache_alloc(arg->cache, GFP_KERNEL);
		else
			kmem_cache_free(arg->cache, arg->objs[i]);
	}
	krt_memcg_attach(current, NULL);
	return 0;
}

#define XTHREAD_OBJS	20

/*
 * An object is uncharged from the memcg it was charged to, whichever thread (in whichever
 * memcg) frees it.
 */
static void memcg_slab_freed_by_other_thread(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-xthread-a");
	struct mem_cgroup *b = memcg_new(test, NULL, "kt-xthread-b");
	struct kmem_cache *s = kmem_cache_create("kt-memcg-xthread", 300, 0, SLAB_ACCOUNT, NULL);
	void *objs_a[XTHREAD_OBJS], *objs_b[XTHREAD_OBJS];
	struct slab_free_arg arg = { .cache = s, .nr = XTHREAD_OBJS };
	unsigned long long bytes;
	struct task_struct *t;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	bytes = pages_of((unsigned long long)XTHREAD_OBJS * s->size);

	/* Allocated here in a, freed by a thread in b. */
	krt_memcg_attach(current, a);
	for (i = 0; i < XTHREAD_OBJS; i++) {
		objs_a[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs_a[i]);
	}
	KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-xthread-a/memory.current"), bytes);

	/* Allocated by a thread in b, freed here in a. */
	arg.memcg = b;
	arg.objs = objs_b;
	arg.alloc = true;
	t = krt_thread_create(slab_free_thread, &arg, "memcg-slab-alloc");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	krt_thread_join(t);
	for (i = 0; i < XTHREAD_OBJS; i++) {
		KUNIT_ASSERT_NOT_NULL(test, objs_b[i]);
		KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(objs_b[i]), b);
	}
	KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-xthread-b/memory.current"), bytes);

	for (i = 0; i < XTHREAD_OBJS; i++)
		kmem_cache_free(s, objs_b[i]);
	KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-xthread-a/memory.current"), bytes);
	expect_file(test, CG "kt-xthread-b/memory.current", "0\n");
	krt_memcg_attach(current, NULL);

	arg.objs = objs_a;
	arg.alloc = false;
	t = krt_thread_create(slab_free_thread, &arg, "memcg-slab-free");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	krt_thread_join(t);
	expect_file(test, CG "kt-xthread-a/memory.current", "0\n");
	expect_file(test, CG "kt-xthread-b/memory.current", "0\n");
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-xthread-a/memory.stat", "slab"), 0ULL);
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-xthread-b/memory.stat", "slab"), 0ULL);

	kmem_cache_destroy(s);
	krt_memcg_destroy(a);
	krt_memcg_destroy(b);
}

/*
 * A memcg destroyed while objects are charged to it lives on (dying) until the last one is
 * freed; meanwhile a context whose active memcg is the dying one charges the parent.
 */
static void memcg_slab_dying_memcg(struct kunit *test)
{
	long before = krt_memcgs_in_use();
	struct mem_cgroup *p = memcg_new(test, NULL, "kt-slab-dying");
	struct mem_cgroup *c = memcg_new(test, p, "c");
	struct mem_cgroup *old;
	void *mine, *later;

	krt_memcg_attach(current, c);
	mine = kmalloc(256, GFP_KERNEL_ACCOUNT);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, mine);
	mem_cgroup_get(c);		/* the active memcg is pinned by its user */
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(c), 0);
	KUNIT_EXPECT_FALSE(test, mem_cgroup_online(c));
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(mine), c);

	old = set_active_memcg(c);
	later = kmalloc(256, GFP_KERNEL_ACCOUNT);
	set_active_memcg(old);
	KUNIT_ASSERT_NOT_NULL(test, later);
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(later), p);
	mem_cgroup_put(c);

	krt_memcg_settle();
	KUNIT_EXPECT_EQ(test, krt_memcgs_in_use(), before + 2);
	/* One page for c's object, one for p's own: the byte stocks are per memcg. */
	expect_file(test, CG "kt-slab-dying/memory.current", "8192\n");
	kfree(mine);
	krt_memcg_settle();
	KUNIT_EXPECT_EQ(test, krt_memcgs_in_use(), before + 1);
	expect_file(test, CG "kt-slab-dying/memory.current", "4096\n");
	kfree(later);
	expect_file(test, CG "kt-slab-dying/memory.current", "0\n");
	krt_memcg_destroy(p);
	krt_memcg_settle();
	KUNIT_EXPECT_EQ(test, krt_memcgs_in_use(), before);
}

/*
 * kmalloc(GFP_KERNEL_ACCOUNT) above KMALLOC_MAX_CACHE_SIZE is a charged compound page, which
 * mem_cgroup_from_slab_obj() finds too.
 */
static void memcg_kmalloc_large_charged(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-kmalloc-large");
	void *p;

	krt_memcg_attach(current, a);
	p = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL_ACCOUNT);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(p), a);
	KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-kmalloc-large/memory.current"),
			(unsigned long long)PAGE_SIZE << get_order(KMALLOC_MAX_CACHE_SIZE + 1));
	kfree(p);
	expect_file(test, CG "kt-kmalloc-large/memory.current", "0\n");
	krt_memcg_destroy(a);
}

/*
 * kmem_cache_charge() charges an object after the fact: once (a second call changes nothing),
 * never one of the plain kmalloc-* caches, and a large kmalloc by its pages.
 */
static void memcg_kmem_cache_charge_after_alloc(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-charge-after");
	struct kmem_cache *s = kmem_cache_create("kt-memcg-charge", 300, 0, 0, NULL);
	void *obj, *small, *large;

	KUNIT_ASSERT_NOT_NULL(test, s);
	obj = kmem_cache_alloc(s, GFP_KERNEL);
	small = kmalloc(64, GFP_KERNEL);
	large = kmalloc(KMALLOC_MAX_CACHE_SIZE + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_ASSERT_NOT_NULL(test, small);
	KUNIT_ASSERT_NOT_NULL(test, large);
	KUNIT_EXPECT_NULL(test, mem_cgroup_from_slab_obj(obj));

	krt_memcg_attach(current, a);
	KUNIT_EXPECT_TRUE(test, kmem_cache_charge(obj, GFP_KERNEL));
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(obj), a);
	KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-charge-after/memory.current"),
			pages_of(s->size));
	KUNIT_EXPECT_TRUE(test, kmem_cache_charge(obj, GFP_KERNEL));
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-charge-after/memory.stat", "slab"),
			(unsigned long long)s->size);
	KUNIT_EXPECT_TRUE(test, kmem_cache_charge(small, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, mem_cgroup_from_slab_obj(small));
	KUNIT_EXPECT_TRUE(test, kmem_cache_charge(large, GFP_KERNEL));
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(large), a);
	krt_memcg_attach(current, NULL);
	KUNIT_EXPECT_EQ(test, file_ull(test, CG "kt-charge-after/memory.current"),
			pages_of(s->size) +
			((unsigned long long)PAGE_SIZE << get_order(KMALLOC_MAX_CACHE_SIZE + 1)));

	kmem_cache_free(s, obj);
	kfree(small);
	kfree(large);
	expect_file(test, CG "kt-charge-after/memory.current", "0\n");
	kmem_cache_destroy(s);
	krt_memcg_destroy(a);
}

/*
 * A slab's vector goes when no charged object is left on it and the leak checker settles
 * (krt_memcg_settle()), so that a case which freed all it charged leaves no kmalloc object
 * behind; the next charge on the slab installs a new vector.
 */
static void memcg_slab_vector_reaped(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-slab-reap");
	struct kmem_cache *s = kmem_cache_create("kt-memcg-reap", 500, 0, SLAB_ACCOUNT, NULL);
	struct slab *slab;
	void *p, *q, *plain;

	KUNIT_ASSERT_NOT_NULL(test, s);
	/* The root's object is not charged, and keeps the slab alive. */
	plain = kmem_cache_alloc(s, GFP_KERNEL);
	krt_memcg_attach(current, a);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	q = kmem_cache_alloc(s, GFP_KERNEL);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, q);
	slab = virt_to_slab(p);
	KUNIT_ASSERT_PTR_EQ(test, virt_to_slab(q), slab);
	KUNIT_ASSERT_PTR_EQ(test, virt_to_slab(plain), slab);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(slab->obj_exts) & MEMCG_DATA_OBJEXTS);
	KUNIT_EXPECT_NULL(test, mem_cgroup_from_slab_obj(plain));

	/* A charged object is left: the vector stays. */
	kmem_cache_free(s, q);
	krt_memcg_settle();
	KUNIT_EXPECT_NE(test, READ_ONCE(slab->obj_exts), 0UL);
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(p), a);
	kmem_cache_free(s, p);
	krt_memcg_settle();
	KUNIT_EXPECT_EQ(test, READ_ONCE(slab->obj_exts), 0UL);
	expect_file(test, CG "kt-slab-reap/memory.current", "0\n");

	/* Charged again: a new vector. */
	krt_memcg_attach(current, a);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	krt_memcg_attach(current, NULL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_EQ(test, mem_cgroup_from_slab_obj(p), a);
	KUNIT_EXPECT_NE(test, READ_ONCE(virt_to_slab(p)->obj_exts), 0UL);
	expect_file(test, CG "kt-slab-reap/memory.current", "4096\n");
	kmem_cache_free(s, p);
	kmem_cache_free(s, plain);
	expect_file(test, CG "kt-slab-reap/memory.current", "0\n");
	kmem_cache_destroy(s);
	krt_memcg_destroy(a);
}

#define RACE_THREADS	4
#define RACE_ROUNDS	10000
#define RACE_OBJS	8

struct slab_race_arg {
	struct mem_cgroup *memcg;
	size_t size;
	void *objs[RACE_OBJS];
	void *volatile *handoff;	/* a slot shared with the next thread */
	unsigned long failed;
};

static int slab_race_thread(void *data)
{
	struct slab_race_arg *arg = data;
	int round, i, n;

	krt_memcg_attach(current, arg->memcg);
	for (round = 0; round < RACE_ROUNDS; round++) {
		/* Between rounds a slab may have no charged object: its vector can be reaped. */
		n = 1 + round % RACE_OBJS;
		for (i = 0; i < n; i++) {
			arg->objs[i] = kmalloc(arg->size, GFP_KERNEL_ACCOUNT);
			if (!arg->objs[i])
				arg->failed++;
		}
		for (i = 0; i < n; i++)
			kfree(arg->objs[i]);
		/* Now and then an object (of another cache) is freed by another thread. */
		if (round % 4 == 0)
			kfree(xchg(arg->handoff, kmalloc(160, GFP_KERNEL_ACCOUNT)));
	}
	krt_memcg_attach(current, NULL);
	return 0;
}

static int slab_reap_thread(void *data)
{

	/* The leak checker's settle step, which frees unused vectors, runs against charges. */
	while (!READ_ONCE(*(bool *)data))
		krt_memcg_settle();
	return 0;
}

/*
 * Threads charging, uncharging and freeing each other's objects from the same slabs, while
 * unused vectors are reaped: nothing is lost, and memory.current ends where it started.
 */
static void memcg_slab_concurrent(struct kunit *test)
{
	struct mem_cgroup *a = memcg_new(test, NULL, "kt-slab-race");
	struct slab_race_arg *args = kunit_kcalloc(test, RACE_THREADS, sizeof(*args), GFP_KERNEL);
	void *volatile handoff[RACE_THREADS] = {};
	struct task_struct *t[RACE_THREADS], *reaper;
	bool done = false;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, args);
	reaper = krt_thread_create(slab_reap_thread, &done, "memcg-reap");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, reaper);
	for (i = 0; i < RACE_THREADS; i++) {
		args[i].memcg = a;
		/* A kmalloc cache each: a slab is often without a charged object between rounds. */
		args[i].size = 16 << i;
		args[i].handoff = &handoff[(i + 1) % RACE_THREADS];
		t[i] = krt_thread_create(slab_race_thread, &args[i], "memcg-slab-race");
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t[i]);
	}
	for (i = 0; i < RACE_THREADS; i++) {
		krt_thread_join(t[i]);
		KUNIT_EXPECT_EQ(test, args[i].failed, 0UL);
	}
	WRITE_ONCE(done, true);
	krt_thread_join(reaper);
	for (i = 0; i < RACE_THREADS; i++)
		kfree(handoff[i]);
	expect_file(test, CG "kt-slab-race/memory.current", "0\n");
	KUNIT_EXPECT_EQ(test, stat_value(test, CG "kt-slab-race/memory.stat", "slab"), 0ULL);
	krt_memcg_destroy(a);
}

static struct kunit_case memcontrol_test_cases[] = {
	KUNIT_CASE(memcg_create_lookup_destroy),
	KUNIT_CASE(memcg_bad_names),
	KUNIT_CASE(memcg_attached_task_keeps_memcg_busy),
	KUNIT_CASE(memcg_task_exit_detaches),
	KUNIT_CASE(memcg_dying_memcg_lives_until_uncharged),
	KUNIT_CASE(memcg_dying_active_memcg_charges_parent),
	KUNIT_CASE(memcg_root_files),
	KUNIT_CASE(memcg_new_files),
	KUNIT_CASE_PARAM(memcg_limit_parsing, limit_gen_params),
	KUNIT_CASE(memcg_limit_parsing_rejects),
	KUNIT_CASE(memcg_page_counter_memparse),
	KUNIT_CASE(memcg_charge_counts_up_the_hierarchy),
	KUNIT_CASE(memcg_root_is_not_charged),
	KUNIT_CASE(memcg_set_active_memcg_redirects),
	KUNIT_CASE(memcg_nowait_over_max_fails),
	KUNIT_CASE(memcg_force_charges),
	KUNIT_CASE(memcg_over_high_counts_event),
	KUNIT_CASE(memcg_split_page),
	KUNIT_CASE(memcg_concurrent_charges),
	KUNIT_CASE(memcg_reclaim_makes_room),
	KUNIT_CASE(memcg_oom_when_nothing_reclaimable),
	KUNIT_CASE_PARAM(memcg_fails_without_oom, no_oom_gen_params),
	KUNIT_CASE(memcg_nofail_charges_after_oom),
	KUNIT_CASE(memcg_max_write_below_usage),
	KUNIT_CASE(memcg_oom_report_text),
	KUNIT_CASE(memcg_alloc_pages_charged),
	KUNIT_CASE(memcg_free_pages_with_extra_ref),
	KUNIT_CASE(memcg_alloc_pages_active_memcg),
	KUNIT_CASE(memcg_alloc_pages_reclaim_then_oom),
	KUNIT_CASE(memcg_kmalloc_account_charged),
	KUNIT_CASE(memcg_kmalloc_unaccounted_not_charged),
	KUNIT_CASE_PARAM(memcg_slab_account_cache, acct_cache_gen_params),
	KUNIT_CASE(memcg_slab_bulk_charged),
	KUNIT_CASE_PARAM(memcg_kmalloc_over_max_fails, slab_max_gen_params),
	KUNIT_CASE(memcg_kmalloc_over_max_oom),
	KUNIT_CASE(memcg_kmalloc_active_memcg),
	KUNIT_CASE(memcg_slab_freed_by_other_thread),
	KUNIT_CASE(memcg_slab_dying_memcg),
	KUNIT_CASE(memcg_kmalloc_large_charged),
	KUNIT_CASE(memcg_kmem_cache_charge_after_alloc),
	KUNIT_CASE(memcg_slab_vector_reaped),
	KUNIT_CASE(memcg_slab_concurrent),
	{}
};

static struct kunit_suite memcontrol_test_suite = {
	.name = "memcontrol",
	.test_cases = memcontrol_test_cases,
};
kunit_test_suite(memcontrol_test_suite);
