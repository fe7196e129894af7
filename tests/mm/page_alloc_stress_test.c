// SPDX-License-Identifier: MIT
/*
 * Two threads allocating and freeing pages at once (orders 0..4, compound or not, bulk), one
 * of them draining the other's per-thread list now and then: no page is handed out twice
 * (each thread stamps its pages and checks the stamp before freeing), no "Bad page state", and
 * every page comes back. Runs under TSan in make check.
 */
#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/string.h>
#include <krt/mm.h>
#include <krt/printk.h>
#include <krt/thread.h>

#define STRESS_LIVE	64
#define STRESS_ITERS	20000

struct stress_ctx {
	int id;
	int errors;
	int allocated;
};

struct live_block {
	struct page *page;
	unsigned int order;
	unsigned long stamp;
};

static void stamp_block(struct live_block *b, unsigned long stamp)
{
	unsigned long *first = page_address(b->page);
	unsigned long *last = (unsigned long *)((char *)first + (PAGE_SIZE << b->order)) - 1;

	b->stamp = stamp;
	WRITE_ONCE(*first, stamp);
	WRITE_ONCE(*last, ~stamp);
}

static bool check_block(struct live_block *b)
{
	unsigned long *first = page_address(b->page);
	unsigned long *last = (unsigned long *)((char *)first + (PAGE_SIZE << b->order)) - 1;

	return READ_ONCE(*first) == b->stamp && READ_ONCE(*last) == ~b->stamp &&
	       page_ref_count(b->page) == 1;
}

static void free_block(struct live_block *b)
{
	if (PageHead(b->page))
		folio_put(page_folio(b->page));
	else
		__free_pages(b->page, b->order);
	b->page = NULL;
}

static int stress_fn(void *data)
{
	struct stress_ctx *c = data;
	struct live_block live[STRESS_LIVE] = { };
	struct page *bulk[16];
	unsigned long stamp = (unsigned long)c->id << 32;
	int i, j, n;

	for (i = 0; i < STRESS_ITERS; i++) {
		struct live_block *b = &live[get_random_u32_below(STRESS_LIVE)];
		unsigned int r = get_random_u32();

		if (b->page) {
			if (!check_block(b))
				c->errors++;
			free_block(b);
			continue;
		}
		b->order = r % 5;
		b->page = alloc_pages(GFP_KERNEL | ((r & 32) ? __GFP_COMP : 0) |
				      ((r & 64) ? __GFP_MOVABLE : 0), b->order);
		if (!b->page)
			continue;
		c->allocated++;
		stamp_block(b, ++stamp);

		if ((r & 1023) == 7) {
			memset(bulk, 0, sizeof(bulk));
			n = alloc_pages_bulk_array(GFP_KERNEL, ARRAY_SIZE(bulk), bulk);
			for (j = 0; j < n; j++)
				if (bulk[j])
					__free_page(bulk[j]);
		}
		/* One thread drains every list now and then, the other's included. */
		if (c->id == 1 && (r & 511) == 3)
			drain_all_pages(NULL);
	}
	for (i = 0; i < STRESS_LIVE; i++) {
		if (!live[i].page)
			continue;
		if (!check_block(&live[i]))
			c->errors++;
		free_block(&live[i]);
	}
	return 0;
}

static void page_alloc_stress_two_threads(struct kunit *test)
{
	struct stress_ctx ctx[2] = { { .id = 1 }, { .id = 2 } };
	struct task_struct *t[2];
	long used = krt_pages_in_use();
	int i;

	krt_printk_capture_begin(false);
	for (i = 0; i < 2; i++) {
		t[i] = krt_thread_create(stress_fn, &ctx[i], "page-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < 2; i++) {
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
		KUNIT_EXPECT_EQ_MSG(test, ctx[i].errors, 0, "thread %d saw a page change hands", i);
		KUNIT_EXPECT_GT(test, ctx[i].allocated, STRESS_ITERS / 4);
	}
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Bad page state"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("WARNING"));
	krt_printk_capture_end();
	/* The threads ended: their lists went back. */
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	page_alloc_drain_all();
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
}

static struct kunit_case page_alloc_stress_test_cases[] = {
	KUNIT_CASE(page_alloc_stress_two_threads),
	{}
};

static struct kunit_suite page_alloc_stress_test_suite = {
	.name = "page_alloc_stress",
	.test_cases = page_alloc_stress_test_cases,
};
kunit_test_suite(page_alloc_stress_test_suite);
