// SPDX-License-Identifier: MIT
/*
 * vmalloc: areas whose pages are really mapped twice (the vmalloc address and the direct map),
 * guard pages that fault, the API's variants, bad frees with the kernel's WARNs, deferred frees
 * from interrupt context, vmap()/vm_map_ram(), vrealloc(), and kvmalloc()'s choice between
 * kmalloc and vmalloc.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/kasan.h>
#include <linux/spinlock.h>
#include <linux/timer.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/vmstat.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/leak.h>
#include <krt/thread.h>
#include <krt/mm.h>

#include "arch/host/host.h"
#include "mm/internal.h"

/* ------------------------------------------------------------------------------------------ */
/* Areas and their two mappings */

static void vmalloc_maps_pages_twice(struct kunit *test)
{
	size_t size = 3 * PAGE_SIZE + 10;
	struct vm_struct *vm;
	struct page *page;
	char *p = vmalloc(size);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(p));
	KUNIT_EXPECT_FALSE(test, virt_addr_valid(p));
	KUNIT_EXPECT_EQ(test, (unsigned long)p & (PAGE_SIZE - 1), 0UL);
	vm = find_vm_area(p + 100);
	KUNIT_ASSERT_NOT_NULL(test, vm);
	KUNIT_EXPECT_PTR_EQ(test, vm->addr, (void *)p);
	/* The guard page is counted in the size, as the kernel counts it. */
	KUNIT_EXPECT_EQ(test, vm->size, 5 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, get_vm_area_size(vm), 4 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, vm->nr_pages, 4U);
	KUNIT_EXPECT_TRUE(test, vm->flags & VM_ALLOC);
	KUNIT_EXPECT_FALSE(test, vm->flags & VM_UNINITIALIZED);

	for (i = 0; i < 4; i++) {
		char *direct;

		page = vmalloc_to_page(p + i * PAGE_SIZE + 7);
		KUNIT_ASSERT_NOT_NULL(test, page);
		KUNIT_EXPECT_PTR_EQ(test, page, vm->pages[i]);
		KUNIT_EXPECT_EQ(test, vmalloc_to_pfn(p + i * PAGE_SIZE), page_to_pfn(page));
		direct = page_address(page);
		/* A write through one mapping is seen through the other, both ways. */
		p[i * PAGE_SIZE + 7] = 'a' + i;
		KUNIT_EXPECT_EQ(test, direct[7], 'a' + i);
		direct[8] = 'A' + i;
		KUNIT_EXPECT_EQ(test, p[i * PAGE_SIZE + 8], 'A' + i);
	}
	/* The guard page maps nothing. */
	KUNIT_EXPECT_NULL(test, vmalloc_to_page(p + 4 * PAGE_SIZE));
	vfree(p);
	KUNIT_EXPECT_NULL(test, find_vm_area(p));
	KUNIT_EXPECT_NULL(test, vmalloc_to_page(p));
}

static void vmalloc_variants(struct kunit *test)
{
	unsigned long *z = vzalloc(5 * PAGE_SIZE);
	char *u = vmalloc_user(100);
	char *d32 = vmalloc_32(2 * PAGE_SIZE);
	char *n = vzalloc_node(PAGE_SIZE, NUMA_NO_NODE);
	char *h = vmalloc_huge(PAGE_SIZE * 16, GFP_KERNEL);
	char *nofs = __vmalloc(PAGE_SIZE, GFP_NOFS);
	unsigned int i;
	size_t nonzero = 0;

	KUNIT_ASSERT_NOT_NULL(test, z);
	KUNIT_ASSERT_NOT_NULL(test, u);
	KUNIT_ASSERT_NOT_NULL(test, d32);
	KUNIT_ASSERT_NOT_NULL(test, n);
	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, nofs);
	for (i = 0; i < 5 * PAGE_SIZE / sizeof(*z); i++)
		nonzero += z[i] != 0;
	KUNIT_EXPECT_EQ(test, nonzero, 0UL);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(u, 100));
	KUNIT_EXPECT_TRUE(test, find_vm_area(u)->flags & VM_USERMAP);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(n, PAGE_SIZE));
	KUNIT_EXPECT_LE(test, page_zonenum(vmalloc_to_page(d32)), ZONE_DMA32);
	KUNIT_EXPECT_LE(test, page_zonenum(vmalloc_to_page(d32 + PAGE_SIZE)), ZONE_DMA32);
	KUNIT_EXPECT_TRUE(test, find_vm_area(h)->flags & VM_ALLOW_HUGE_VMAP);
	memset(h, 0x5a, PAGE_SIZE * 16);
	vfree(z);
	vfree(u);
	vfree(d32);
	vfree(n);
	vfree(h);
	vfree(nofs);
}

static void vmalloc_arrays_and_overflow(struct kunit *test)
{
	u32 *a = vmalloc_array(1000, sizeof(u32));
	u32 *c = vcalloc(1000, sizeof(u32));
	size_t many = SIZE_MAX / 2;

	OPTIMIZER_HIDE_VAR(many);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(c, 1000 * sizeof(u32)));
	KUNIT_EXPECT_NULL(test, vmalloc_array(many, 4));
	KUNIT_EXPECT_NULL(test, __vcalloc(many, 4, GFP_KERNEL));
	vfree(a);
	vfree(c);
}

/* ------------------------------------------------------------------------------------------ */
/* Faults */

enum fault_kind { FAULT_GUARD, FAULT_AFTER_VFREE, FAULT_NONE };

static void fault_child(void *arg)
{
	enum fault_kind kind = (long)arg;
	volatile char *p = vmalloc(2 * PAGE_SIZE);
	size_t past = 2 * PAGE_SIZE;

	OPTIMIZER_HIDE_VAR(past);
	if (!p)
		host_exit_now(3);
	p[2 * PAGE_SIZE - 1] = 1;
	switch (kind) {
	case FAULT_GUARD:
		p[past] = 1;			/* one byte past the area: the guard page */
		break;
	case FAULT_AFTER_VFREE:
		vfree((void *)p);
		p[0] = 1;			/* use after vfree() */
		break;
	case FAULT_NONE:
		vfree((void *)p);
		break;
	}
	host_exit_now(0);
}

static void vmalloc_guard_page_and_use_after_free_fault(struct kunit *test)
{
	int signo;

	KUNIT_EXPECT_EQ(test, host_run_in_child(fault_child, (void *)FAULT_NONE, &signo), 0);
	KUNIT_EXPECT_NE(test, host_run_in_child(fault_child, (void *)FAULT_GUARD, &signo), 0);
	/* An ASan build reports the access itself and exits; otherwise the host faults. */
	if (!IS_ENABLED(KRT_ASAN))
		KUNIT_EXPECT_EQ(test, signo, 11);
	KUNIT_EXPECT_NE(test, host_run_in_child(fault_child, (void *)FAULT_AFTER_VFREE, &signo),
			0);
	if (!IS_ENABLED(KRT_ASAN))
		KUNIT_EXPECT_EQ(test, signo, 11);
}

/* A forked child's writes through a vmalloc area stay in the child. */
static void fork_writer(void *arg)
{
	char *p = arg, *q = vmalloc(4 * PAGE_SIZE), *z;

	p[0] = 'C';
	p[PAGE_SIZE] = 'C';
	if (!q)
		host_exit_now(3);
	memset(q, 'C', 4 * PAGE_SIZE);
	vfree(q);
	/* A new area in the child shows the child's memory, zeroed, not the parent's. */
	z = vzalloc(16 * PAGE_SIZE);
	if (!z || !mem_is_zero(z, 16 * PAGE_SIZE))
		host_exit_now(5);
	vfree(z);
	host_exit_now(p[0] == 'C' ? 0 : 4);
}

static void vmalloc_fork_child_writes_are_its_own(struct kunit *test)
{
	char *p = vmalloc(2 * PAGE_SIZE), *q;
	int signo;

	KUNIT_ASSERT_NOT_NULL(test, p);
	/* Free pages that hold the parent's bytes, for the child's vzalloc() to get. */
	q = vmalloc(16 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, q);
	memset(q, 'P', 16 * PAGE_SIZE);
	vfree(q);
	p[0] = 'P';
	p[PAGE_SIZE] = 'P';
	KUNIT_EXPECT_EQ(test, host_run_in_child(fork_writer, p, &signo), 0);
	KUNIT_EXPECT_EQ(test, p[0], 'P');
	KUNIT_EXPECT_EQ(test, p[PAGE_SIZE], 'P');
	KUNIT_EXPECT_EQ(test, ((char *)page_address(vmalloc_to_page(p)))[0], 'P');
	vfree(p);
}

/* With vmalloc_fault_report, a fault in the vmalloc range is reported before the process dies. */
static void fault_report_child(void *arg)
{
	volatile char *p = vmalloc(PAGE_SIZE);
	size_t past = PAGE_SIZE + 8;

	OPTIMIZER_HIDE_VAR(past);
	if (!p || vmalloc_fault_report_enable())
		host_exit_now(3);
	p[past] = 1;
	host_exit_now(0);
}

static noinline void *fault_report_caller(void)
{
	void *p = vmalloc(2 * PAGE_SIZE);

	barrier();
	return p;
}

static void vmalloc_fault_report(struct kunit *test)
{
	char *p = fault_report_caller(), want[200];
	int signo;

	KUNIT_ASSERT_NOT_NULL(test, p);
	/* The report, as the handler prints it. */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, vmalloc_fault_describe((unsigned long)p + 2 * PAGE_SIZE + 16, 2));
	snprintf(want, sizeof(want), "BUG: unable to handle page fault for address: %px\n",
		 p + 2 * PAGE_SIZE + 16);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(want));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"#PF: supervisor write access in kernel mode\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"#PF: error_code(0x0002) - not-present page\n"));
	snprintf(want, sizeof(want),
		 "vmalloc: %px is 16 bytes past the end of the vmalloc area 0x%px-0x%px (its guard page), allocated by fault_report_caller",
		 p + 2 * PAGE_SIZE + 16, p, p + 2 * PAGE_SIZE);
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(want), "%s",
			      krt_printk_capture_text());
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Oops: 0002 [#1]"));
	krt_printk_capture_end();
	/* Addresses outside the range are not vmalloc's to report. */
	KUNIT_EXPECT_FALSE(test, vmalloc_fault_describe((unsigned long)test, 0));
	vfree(p);

	/* For real, in a child: reported, then the fault kills it. */
	KUNIT_EXPECT_NE(test, host_run_in_child(fault_report_child, NULL, &signo), 0);
	if (!IS_ENABLED(KRT_ASAN))
		KUNIT_EXPECT_EQ(test, signo, 11);
}

/* ------------------------------------------------------------------------------------------ */
/* Bad frees */

static void vmalloc_bad_vfree_reported(struct kunit *test)
{
	char *p = vmalloc(PAGE_SIZE);
	char *k = kmalloc(64, GFP_KERNEL);
	char want[96];

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, k);
	krt_printk_capture_begin(false);
	vfree(p + 1);
	snprintf(want, sizeof(want), "Trying to vfree() bad address (%p)", p + 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(want));
	snprintf(want, sizeof(want), "Trying to vfree() nonexistent vm area (%p)", p + 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(want));
	KUNIT_EXPECT_NOT_NULL(test, find_vm_area(p));

	vfree(p);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("Trying to vfree()"), 2U);
	vfree(p);
	snprintf(want, sizeof(want), "Trying to vfree() nonexistent vm area (%p)", p);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(want));
	/* Never page aligned (objects are 64-byte aligned): both WARNs, whatever k is. */
	vunmap(k + 8);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Trying to vunmap() nonexistent vm area"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING: CPU: "), 5U);
	krt_printk_capture_end();
	/* The kmalloc object was not touched. */
	kfree(k);
}

/* vfree_atomic() of a bad pointer: reported by the deferred free, nothing written or freed. */
static void vmalloc_bad_vfree_atomic_reported(struct kunit *test)
{
	char *p = vmalloc(1), *k = kmalloc(32, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, k);
	memset(k, 'k', 32);
	krt_printk_capture_begin(false);
	vfree_atomic(k);
	/* A one-byte area: the deferred free writes nothing into it. */
	vfree_atomic(p);
	/* The deferred frees run on the system workqueue, soon. */
	for (i = 0; i < 200; i++) {
		if (!find_vm_area(p) &&
		    krt_printk_capture_contains("Trying to vfree() nonexistent vm area"))
			break;
		msleep(5);
	}
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Trying to vfree() nonexistent vm area"));
	krt_printk_capture_end();
	KUNIT_EXPECT_TRUE(test, memchr_inv(k, 'k', 32) == NULL);
	KUNIT_EXPECT_NULL(test, find_vm_area(p));
	kfree(k);
}

/* Areas reserved without pages, and vm_map_ram() areas, which vfree() does not know. */
static void vmalloc_get_vm_area_and_map_ram(struct kunit *test)
{
	struct vm_struct *area = get_vm_area(3 * PAGE_SIZE, VM_IOREMAP);
	struct page *page = alloc_page(GFP_KERNEL);
	char *v;

	KUNIT_ASSERT_NOT_NULL(test, area);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_or_module_addr(area->addr));
	KUNIT_EXPECT_EQ(test, area->size, 4 * PAGE_SIZE);
	KUNIT_EXPECT_PTR_EQ(test, find_vm_area(area->addr), area);
	/* Nothing is mapped there. */
	KUNIT_EXPECT_NULL(test, vmalloc_to_page(area->addr));
	free_vm_area(area);
	KUNIT_EXPECT_FALSE(test, is_vmalloc_addr(test));

	v = vm_map_ram(&page, 1, NUMA_NO_NODE);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_NULL(test, find_vm_area(v));
	KUNIT_EXPECT_PTR_EQ(test, vmalloc_to_page(v), page);
	krt_printk_capture_begin(false);
	vfree(v);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Trying to vfree() nonexistent vm area"));
	krt_printk_capture_end();
	/* Still mapped: vfree() left it alone. */
	v[0] = 'r';
	KUNIT_EXPECT_EQ(test, ((char *)page_address(page))[0], 'r');
	vm_unmap_ram(v, 1);
	__free_page(page);
	/* Sizes no area can have. */
	KUNIT_EXPECT_NULL(test, get_vm_area(ULONG_MAX - PAGE_SIZE, VM_IOREMAP));
}

/* ------------------------------------------------------------------------------------------ */
/* vfree() from atomic context */

struct deferred {
	struct timer_list timer;
	void *p;
	struct completion done;
};

static void vfree_from_timer(struct timer_list *t)
{
	struct deferred *d = from_timer(d, t, timer);

	vfree(d->p);
	complete(&d->done);
}

static void vmalloc_vfree_deferred_from_atomic(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	struct deferred d;
	void *a = vmalloc(PAGE_SIZE), *b = vmalloc(PAGE_SIZE);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	krt_printk_capture_begin(false);
	/* vfree_atomic() under a spinlock, vfree() with softirqs off: both deferred, no report. */
	spin_lock(&lock);
	vfree_atomic(a);
	spin_unlock(&lock);
	spin_lock_bh(&lock);
	vfree(b);
	spin_unlock_bh(&lock);

	/* From a timer callback (softirq context). */
	d.p = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, d.p);
	init_completion(&d.done);
	timer_setup(&d.timer, vfree_from_timer, 0);
	mod_timer(&d.timer, jiffies + 1);
	wait_for_completion(&d.done);
	timer_delete_sync(&d.timer);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	/* The leak checker's settle step runs the deferred frees; so does this. */
	msleep(20);
}

/* vfree() under a plain spinlock may sleep: the kernel's report, as might_sleep() gives it. */
static void vmalloc_vfree_in_atomic_reported(struct kunit *test)
{
	DEFINE_SPINLOCK(lock);
	void *p = vmalloc(PAGE_SIZE);

	KUNIT_ASSERT_NOT_NULL(test, p);
	krt_printk_capture_begin(false);
	spin_lock(&lock);
	vfree(p);
	spin_unlock(&lock);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: sleeping function called from invalid context"));
	krt_printk_capture_end();
}

/* ------------------------------------------------------------------------------------------ */
/* vmap() and vm_map_ram() */

static void vmalloc_vmap_aliases_pages(struct kunit *test)
{
	struct page *pages[3];
	unsigned int i;
	char *v;

	for (i = 0; i < 3; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
		memset(page_address(pages[i]), 'x' + i, PAGE_SIZE);
	}
	v = vmap(pages, 3, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(v));
	KUNIT_EXPECT_EQ(test, v[0], 'x');
	KUNIT_EXPECT_EQ(test, v[PAGE_SIZE], 'y');
	KUNIT_EXPECT_EQ(test, v[2 * PAGE_SIZE + 5], 'z');
	KUNIT_EXPECT_PTR_EQ(test, vmalloc_to_page(v + PAGE_SIZE + 1), pages[1]);
	KUNIT_EXPECT_TRUE(test, find_vm_area(v)->flags & VM_MAP);
	v[PAGE_SIZE + 3] = '!';
	KUNIT_EXPECT_EQ(test, ((char *)page_address(pages[1]))[3], '!');
	vunmap(v);
	/* vunmap() leaves the pages to their owner. */
	KUNIT_EXPECT_EQ(test, page_ref_count(pages[0]), 1);
	for (i = 0; i < 3; i++)
		__free_page(pages[i]);

	/* vm_map_ram() for a short-lived mapping. */
	pages[0] = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages[0]);
	memset(page_address(pages[0]), 'q', PAGE_SIZE);
	v = vm_map_ram(pages, 1, NUMA_NO_NODE);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_EXPECT_EQ(test, v[100], 'q');
	vm_unmap_ram(v, 1);
	__free_page(pages[0]);
}

static void vmalloc_vmap_put_pages(struct kunit *test)
{
	struct page **pages = kcalloc(2, sizeof(*pages), GFP_KERNEL);
	void *v;

	KUNIT_ASSERT_NOT_NULL(test, pages);
	pages[0] = alloc_page(GFP_KERNEL);
	pages[1] = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages[0]);
	KUNIT_ASSERT_NOT_NULL(test, pages[1]);
	/* The mapping takes the array and the page references over: vfree() releases them. */
	v = vmap(pages, 2, VM_MAP | VM_MAP_PUT_PAGES, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	memset(v, 1, 2 * PAGE_SIZE);
	vfree(v);
}

/* ------------------------------------------------------------------------------------------ */
/* vrealloc() and kvmalloc() */

static void vmalloc_vrealloc(struct kunit *test)
{
	char *p = vmalloc(100), *q;

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 'v', 100);
	/* Within the area's page: the same address. */
	q = vrealloc(p, 3000, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, q, p);
	KUNIT_EXPECT_EQ(test, find_vm_area(q)->requested_size, 3000UL);
	/* Beyond it: a new area with the contents. */
	q = vrealloc(p, 3 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_PTR_NE(test, q, p);
	KUNIT_EXPECT_EQ(test, q[99], 'v');
	/* Shrinking with __GFP_ZERO clears what was dropped. */
	q[50] = 'w';
	p = vrealloc(q, 40, GFP_KERNEL | __GFP_ZERO);
	KUNIT_EXPECT_PTR_EQ(test, p, q);
	/* Grown back in place, the dropped bytes read as zeroes. */
	p = vrealloc(p, 100, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, p, q);
	KUNIT_EXPECT_EQ(test, p[50], 0);
	KUNIT_EXPECT_EQ(test, p[39], 'v');
	KUNIT_EXPECT_NULL(test, vrealloc(p, 0, GFP_KERNEL));
}

static void vmalloc_kvmalloc_chooses(struct kunit *test)
{
	size_t big = 8UL << 20;
	char *small = kvmalloc(100, GFP_KERNEL);
	char *mid = kvmalloc(64 * 1024, GFP_KERNEL);
	char *huge = kvzalloc(big, GFP_KERNEL);
	char *p;

	KUNIT_ASSERT_NOT_NULL(test, small);
	KUNIT_ASSERT_NOT_NULL(test, mid);
	KUNIT_ASSERT_NOT_NULL(test, huge);
	/* kmalloc first: small and middle sizes come from kmalloc while it can serve them. */
	KUNIT_EXPECT_FALSE(test, is_vmalloc_addr(small));
	KUNIT_EXPECT_FALSE(test, is_vmalloc_addr(mid));
	/* Beyond KMALLOC_MAX_SIZE: vmalloc. */
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(huge));
	KUNIT_EXPECT_TRUE(test, huge[0] == 0 && huge[big - 1] == 0);
	/* Non-blocking requests get no vmalloc fallback. */
	KUNIT_EXPECT_NULL(test, kvmalloc(big, GFP_ATOMIC));
	/* Crazy sizes are refused with a WARN, unless __GFP_NOWARN. */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_NULL(test, kvmalloc((size_t)INT_MAX + 1, GFP_KERNEL | __GFP_NOWARN));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();

	/* kvrealloc() across the kmalloc/vmalloc boundary keeps the contents. */
	memset(mid, 'm', 64 * 1024);
	p = kvrealloc(mid, big, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(p));
	KUNIT_EXPECT_EQ(test, p[64 * 1024 - 1], 'm');
	kvfree(small);
	kvfree(p);
	kvfree_sensitive(huge, big);
}

/*
 * kvmalloc()'s decision for each GFP class: kmalloc while it serves, vmalloc when kmalloc
 * fails (forced with fail-nth) for blocking classes, nothing for non-blocking ones.
 */
static void vmalloc_kvmalloc_gfp_classes(struct kunit *test)
{
	static const struct {
		gfp_t gfp;
		bool blocking;
	} classes[] = {
		{ GFP_KERNEL, true }, { GFP_NOFS, true }, { GFP_NOIO, true },
		{ GFP_KERNEL | __GFP_RETRY_MAYFAIL, true }, { GFP_NOWAIT, false },
		{ GFP_ATOMIC, false },
	};
	const char *nth = "/proc/thread-self/fail-nth";
	const char *fpa_wait = "/sys/kernel/debug/fail_page_alloc/ignore-gfp-wait";
	const char *fslab_wait = "/sys/kernel/debug/failslab/ignore-gfp-wait";
	unsigned int i;
	void *p;

	/* Let fail-nth fail blocking allocations too (the knobs' default spares them). */
	KUNIT_ASSERT_EQ(test, krt_proc_write(fpa_wait, "N", 1), 1);
	KUNIT_ASSERT_EQ(test, krt_proc_write(fslab_wait, "N", 1), 1);
	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		gfp_t gfp = classes[i].gfp | __GFP_NOWARN;

		/* Small: kmalloc, whatever the class. */
		p = kvmalloc(100, gfp);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_FALSE(test, is_vmalloc_addr(p));
		kvfree(p);
		/* 64 KiB: kmalloc while it serves ... */
		p = kvmalloc(64 * 1024, gfp);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_FALSE(test, is_vmalloc_addr(p));
		kvfree(p);
		/* ... vmalloc when it fails, if the class may block. */
		KUNIT_ASSERT_EQ(test, krt_proc_write(nth, "1", 1), 1);
		p = kvmalloc(64 * 1024, gfp);
		krt_proc_write(nth, "0", 1);
		KUNIT_EXPECT_EQ_MSG(test, p && is_vmalloc_addr(p), classes[i].blocking,
				    "class %u", i);
		if (!classes[i].blocking)
			KUNIT_EXPECT_NULL(test, p);
		kvfree(p);
		/* Beyond kmalloc: vmalloc, or nothing. */
		p = kvmalloc(8 << 20, gfp);
		KUNIT_EXPECT_EQ_MSG(test, p && is_vmalloc_addr(p), classes[i].blocking,
				    "class %u", i);
		kvfree(p);
	}
	krt_proc_write(fpa_wait, "Y", 1);
	krt_proc_write(fslab_wait, "Y", 1);
}

/* A request larger than all of memory: the kernel's message, nothing allocated. */
static void vmalloc_too_large_reported(struct kunit *test)
{
	unsigned long size = (totalram_pages() + 1) << PAGE_SHIFT;

	krt_warn_alloc_ratelimit_reset();
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_NULL(test, vmalloc(size));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("vmalloc error: size "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(", exceeds total pages"));
	krt_printk_capture_end();
}

/* ------------------------------------------------------------------------------------------ */
/* /proc/vmallocinfo and /proc/meminfo */

static noinline void *vmallocinfo_caller(unsigned long size)
{
	void *p = vmalloc(size);

	barrier();
	return p;
}

static unsigned long meminfo_kb(struct kunit *test, char *buf, size_t len, const char *key)
{
	unsigned long kb = 0;
	char *line;

	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/meminfo", buf, len), 0);
	line = strstr(buf, key);
	KUNIT_ASSERT_NOT_NULL(test, line);
	KUNIT_EXPECT_EQ(test, sscanf(line + strlen(key), " %lu kB", &kb), 1);
	return kb;
}

static void vmalloc_proc_files(struct kunit *test)
{
	size_t len = 256 * 1024;
	char *buf = kvmalloc(len, GFP_KERNEL), *v, *line, want[160];
	struct page *page = alloc_page(GFP_KERNEL);
	unsigned long used0, used1;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_NOT_NULL(test, page);
	used0 = meminfo_kb(test, buf, len, "VmallocUsed:");
	KUNIT_EXPECT_EQ(test, meminfo_kb(test, buf, len, "VmallocTotal:"),
			(unsigned long)(VMALLOC_TOTAL >> 10));
	v = vmallocinfo_caller(3 * PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, v);
	used1 = meminfo_kb(test, buf, len, "VmallocUsed:");
	KUNIT_EXPECT_EQ(test, used1 - used0, 3 * PAGE_SIZE >> 10);

	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/vmallocinfo", buf, len), 0);
	/* Size with the guard page, the caller, the pages and the kind. */
	snprintf(want, sizeof(want), "0x%pK-0x%pK   16384 vmallocinfo_caller", v,
		 v + 4 * PAGE_SIZE);
	line = strstr(buf, want);
	KUNIT_ASSERT_NOT_NULL_MSG(test, line, "no \"%s\" in:\n%s", want, buf);
	*strchrnul(line, '\n') = '\0';
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, "/0x"), "no caller offset in %s", line);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(line, " pages=3 vmalloc"), "%s", line);
	vfree(v);

	/* A freed area stays listed until it is purged. */
	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/vmallocinfo", buf, len), 0);
	snprintf(want, sizeof(want), "0x%pK-0x%pK   16384 unpurged vm_area", v,
		 v + 4 * PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, want));
	krt_vmalloc_purge();
	/* Possibly empty now. */
	KUNIT_ASSERT_GE(test, krt_proc_read("/proc/vmallocinfo", buf, len), 0);
	KUNIT_EXPECT_NULL(test, strstr(buf, want));
	KUNIT_EXPECT_EQ(test, meminfo_kb(test, buf, len, "VmallocUsed:"), used0);

	/* vmap() and vm_map_ram() areas. */
	v = vmap(&page, 1, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/vmallocinfo", buf, len), 0);
	snprintf(want, sizeof(want), "0x%pK-0x%pK    8192 vmalloc_proc_files+", v,
		 v + 2 * PAGE_SIZE);
	line = strstr(buf, want);
	KUNIT_ASSERT_NOT_NULL_MSG(test, line, "no \"%s\" in:\n%s", want, buf);
	KUNIT_EXPECT_NOT_NULL(test, strstr(line, " vmap\n"));
	vunmap(v);
	v = vm_map_ram(&page, 1, NUMA_NO_NODE);
	KUNIT_ASSERT_NOT_NULL(test, v);
	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/vmallocinfo", buf, len), 0);
	snprintf(want, sizeof(want), "0x%pK-0x%pK    4096 vm_map_ram\n", v, v + PAGE_SIZE);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, want));
	vm_unmap_ram(v, 1);
	__free_page(page);
	kvfree(buf);
}

/* ------------------------------------------------------------------------------------------ */
/* Leaks and memory pressure */

/* The per-case leak checker's "vmalloc areas" counter, after its settle step. */
static long vmalloc_areas_counted(struct kunit *test)
{
	const char *names[32];
	long values[32];
	int i, n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "vmalloc areas"))
			return values[i];
	KUNIT_FAIL(test, "no \"vmalloc areas\" leak counter");
	return -1;
}

static void vmalloc_leak_counter(struct kunit *test)
{
	long before = vmalloc_areas_counted(test);
	void *a = vmalloc(PAGE_SIZE), *b = kvmalloc(8 << 20, GFP_KERNEL), *c;
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, page);
	c = vmap(&page, 1, VM_MAP, PAGE_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	/* 8 MiB has a page array of 16 KiB, itself vmalloc'ed (a "vpages" area), as the kernel. */
	KUNIT_EXPECT_EQ(test, vmalloc_areas_counted(test), before + 4);
	vfree(a);
	kvfree(b);
	vunmap(c);
	__free_page(page);
	/* A deferred free counts once it is done: the settle step waits for it. */
	a = vmalloc(PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, a);
	vfree_atomic(a);
	KUNIT_EXPECT_EQ(test, vmalloc_areas_counted(test), before);
}

/* More than the free memory, without the OOM path: the kernel's message, nothing kept. */
static void vmalloc_out_of_memory_reported(struct kunit *test)
{
	/* Not above all of memory (another message), but more than is free: krt uses some. */
	unsigned long size = (totalram_pages() - 8) << PAGE_SHIFT;
	long areas = vmalloc_areas_counted(test);

	KUNIT_ASSERT_GT(test, size >> PAGE_SHIFT, global_zone_page_state(NR_FREE_PAGES));
	krt_warn_alloc_ratelimit_reset();
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_NULL(test, __vmalloc(size, GFP_KERNEL | __GFP_RETRY_MAYFAIL));
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(", failed to allocate pages"),
			      "%s", krt_printk_capture_text());
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("vmalloc error: size "));
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, vmalloc_areas_counted(test), areas);
}

/* __GFP_NOFAIL: with memory exhausted, vmalloc() waits until some is freed, then succeeds. */
struct nofail_ctx {
	void *p;
	struct completion started;
};

static int nofail_vmalloc(void *arg)
{
	struct nofail_ctx *ctx = arg;

	complete(&ctx->started);
	ctx->p = __vmalloc(64 * PAGE_SIZE, GFP_KERNEL | __GFP_NOFAIL);
	return 0;
}

static void vmalloc_nofail_waits_for_memory(struct kunit *test)
{
	struct nofail_ctx ctx = {};
	struct task_struct *t;
	LIST_HEAD(hoard);
	struct page *page, *next;
	unsigned long n = 0;

	/* Take every free page, reserves included (NOFAIL may dip into those). */
	while ((page = alloc_page(GFP_ATOMIC | __GFP_MEMALLOC | __GFP_NOWARN))) {
		list_add(&page->lru, &hoard);
		n++;
	}
	KUNIT_EXPECT_GT(test, n, 1000UL);
	init_completion(&ctx.started);
	krt_printk_capture_begin(false);
	t = krt_thread_create(nofail_vmalloc, &ctx, "vmalloc-nofail");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&ctx.started);
	msleep(50);
	/* Still waiting: there is nothing to give it. */
	KUNIT_EXPECT_NULL(test, READ_ONCE(ctx.p));
	list_for_each_entry_safe(page, next, &hoard, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	krt_printk_capture_end();
	KUNIT_ASSERT_NOT_NULL(test, ctx.p);
	KUNIT_EXPECT_TRUE(test, is_vmalloc_addr(ctx.p));
	memset(ctx.p, 1, 64 * PAGE_SIZE);
	vfree(ctx.p);
}

/* ------------------------------------------------------------------------------------------ */
/* Concurrency */

#define VM_THREADS	2
#define VM_ROUNDS	200

static int vmalloc_churn(void *arg)
{
	unsigned int i;
	char *p;

	for (i = 0; i < VM_ROUNDS; i++) {
		p = vmalloc(((i % 7) + 1) * PAGE_SIZE);
		if (!p)
			return -ENOMEM;
		p[0] = (char)i;
		if (vmalloc_to_page(p) == NULL)
			return -EFAULT;
		vfree(p);
	}
	return 0;
}

static void vmalloc_concurrent(struct kunit *test)
{
	struct task_struct *t[VM_THREADS];
	unsigned int i;

	for (i = 0; i < VM_THREADS; i++) {
		t[i] = krt_thread_create(vmalloc_churn, NULL, "vmalloc-churn");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < VM_THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	krt_vmalloc_purge();
}

static struct kunit_case vmalloc_test_cases[] = {
	KUNIT_CASE(vmalloc_maps_pages_twice),
	KUNIT_CASE(vmalloc_variants),
	KUNIT_CASE(vmalloc_arrays_and_overflow),
	KUNIT_CASE(vmalloc_guard_page_and_use_after_free_fault),
	KUNIT_CASE(vmalloc_fork_child_writes_are_its_own),
	KUNIT_CASE(vmalloc_fault_report),
	KUNIT_CASE(vmalloc_bad_vfree_reported),
	KUNIT_CASE(vmalloc_bad_vfree_atomic_reported),
	KUNIT_CASE(vmalloc_get_vm_area_and_map_ram),
	KUNIT_CASE(vmalloc_vfree_deferred_from_atomic),
	KUNIT_CASE(vmalloc_vfree_in_atomic_reported),
	KUNIT_CASE(vmalloc_vmap_aliases_pages),
	KUNIT_CASE(vmalloc_vmap_put_pages),
	KUNIT_CASE(vmalloc_vrealloc),
	KUNIT_CASE(vmalloc_kvmalloc_chooses),
	KUNIT_CASE(vmalloc_kvmalloc_gfp_classes),
	KUNIT_CASE(vmalloc_too_large_reported),
	KUNIT_CASE(vmalloc_proc_files),
	KUNIT_CASE(vmalloc_leak_counter),
	KUNIT_CASE(vmalloc_out_of_memory_reported),
	KUNIT_CASE_SLOW(vmalloc_nofail_waits_for_memory),
	KUNIT_CASE(vmalloc_concurrent),
	{}
};

static struct kunit_suite vmalloc_test_suite = {
	.name = "vmalloc",
	.test_cases = vmalloc_test_cases,
};
kunit_test_suite(vmalloc_test_suite);
