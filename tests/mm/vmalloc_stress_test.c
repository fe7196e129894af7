// SPDX-License-Identifier: MIT
/*
 * vmalloc under concurrency: threads allocating, looking up and freeing areas of the shared
 * vmalloc range at once, some frees deferred (vfree_atomic()), while /proc/vmallocinfo is read.
 * Built into the stress binary, which also runs under TSan.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/atomic.h>
#include <krt/proc.h>
#include <krt/thread.h>

#ifdef KRT_TSAN
#define ROUNDS	100
#else
#define ROUNDS	1000
#endif
#define THREADS	3

struct churn_ctx {
	atomic_t errors;
	atomic_t running;
};

static int vmalloc_churn_fn(void *arg)
{
	struct churn_ctx *ctx = arg;
	unsigned int i, pages;
	char *p;

	for (i = 0; i < ROUNDS; i++) {
		pages = (i % 5) + 1;
		p = vmalloc(pages * PAGE_SIZE);
		if (!p) {
			atomic_inc(&ctx->errors);
			break;
		}
		p[0] = (char)i;
		p[pages * PAGE_SIZE - 1] = (char)i;
		/* The area and its pages, seen through the lookups. */
		if (find_vm_area(p + PAGE_SIZE / 2)->addr != p ||
		    *(char *)page_address(vmalloc_to_page(p)) != (char)i)
			atomic_inc(&ctx->errors);
		if (i & 1)
			vfree(p);
		else
			vfree_atomic(p);
	}
	atomic_dec(&ctx->running);
	return 0;
}

static void vmalloc_stress_churn(struct kunit *test)
{
	struct task_struct *t[THREADS];
	struct churn_ctx ctx;
	size_t len = 64 * 1024;
	char *buf = kvmalloc(len, GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	atomic_set(&ctx.errors, 0);
	atomic_set(&ctx.running, THREADS);
	for (i = 0; i < THREADS; i++) {
		t[i] = krt_thread_create(vmalloc_churn_fn, &ctx, "vmalloc-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	while (atomic_read(&ctx.running))
		krt_proc_read("/proc/vmallocinfo", buf, len);
	for (i = 0; i < THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx.errors), 0);
	krt_vmalloc_purge();
	kvfree(buf);
}

static struct kunit_case vmalloc_stress_test_cases[] = {
	KUNIT_CASE_SLOW(vmalloc_stress_churn),
	{}
};

static struct kunit_suite vmalloc_stress_test_suite = {
	.name = "vmalloc_stress",
	.test_cases = vmalloc_stress_test_cases,
};
kunit_test_suite(vmalloc_stress_test_suite);
