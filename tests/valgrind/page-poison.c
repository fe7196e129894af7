// SPDX-License-Identifier: MIT
/*
 * What the page allocator tells Valgrind memcheck (<linux/kasan.h>): free pages are NOACCESS,
 * new pages UNDEFINED, __GFP_ZERO pages DEFINED. Run under memcheck by scripts/check-valgrind.sh,
 * one mode per run; the script decides from memcheck's report whether the mode passed.
 *
 *   page-poison uaf      write to pages after freeing them: memcheck must report Invalid write
 *   page-poison clean    allocate, use, free properly: memcheck must report nothing
 *   page-poison uninit   branch on a zeroed page (defined) and on a fresh one (undefined): one
 *                        "Conditional jump ... uninitialised value", in branch_on_fresh_page()
 *
 * Not part of krt-tests (the Makefile leaves tests/valgrind/ out): each mode is meant to make
 * the tool report, which a KUnit case cannot check from the inside.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <krt/boot.h>
#include <krt/mm.h>

#include <stdio.h>
#include <string.h>

/* Order 0 is freed to the thread's list, order 4 straight to the buddy lists. */
#define BIG_ORDER 4

static noinline void write_after_free_pcp(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	char *p;

	if (!page)
		return;
	p = page_address(page);
	memset(p, 0x5a, PAGE_SIZE);
	__free_page(page);
	WRITE_ONCE(p[100], 1);		/* memcheck: Invalid write of size 1 */
}

static noinline void write_after_free_buddy(void)
{
	struct page *page = alloc_pages(GFP_KERNEL, BIG_ORDER);
	unsigned long *p;

	if (!page)
		return;
	p = page_address(page);
	memset(p, 0xa5, PAGE_SIZE << BIG_ORDER);
	__free_pages(page, BIG_ORDER);
	WRITE_ONCE(p[(PAGE_SIZE << BIG_ORDER) / sizeof(*p) - 1], 1);	/* Invalid write of size 8 */
}

static int mode_uaf(void)
{
	write_after_free_pcp();
	write_after_free_buddy();
	return 0;
}

/* Fill three quarters of memory with written pages (kswapd wakes), then free them all. */
static int fill_and_free(void)
{
	unsigned long i, n = totalram_pages() / 4 * 3;
	struct page *page, *next;
	LIST_HEAD(pages);

	for (i = 0; i < n; i++) {
		page = alloc_page(GFP_KERNEL | __GFP_NOWARN);
		if (!page)
			break;
		memset(page_address(page), i, PAGE_SIZE);
		list_add(&page->lru, &pages);
	}
	list_for_each_entry_safe(page, next, &pages, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	return i < n;
}

struct worker {
	struct completion done;
	int ret;
};

/* Another thread: its own per-thread lists, given back when it leaves. */
static int worker_fn(void *arg)
{
	struct worker *w = arg;

	w->ret = fill_and_free();
	complete(&w->done);
	return 0;
}

static int mode_clean(void)
{
	unsigned long addr, reported, sum = 0;
	struct page *pages[8];
	struct task_struct *t;
	struct folio *folio;
	struct worker w;
	unsigned int i;
	u32 *p;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_pages(GFP_KERNEL, i % 6);
		if (!pages[i])
			return 1;
		p = page_address(pages[i]);
		memset(p, i, PAGE_SIZE << (i % 6));
		sum += p[(PAGE_SIZE << (i % 6)) / sizeof(*p) - 1];
	}
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		__free_pages(pages[i], i % 6);

	addr = get_zeroed_page(GFP_KERNEL);
	if (!addr)
		return 1;
	if (*(u32 *)addr)		/* defined: zeroed */
		sum++;
	free_page(addr);

	folio = folio_alloc(GFP_KERNEL, 3);
	if (!folio)
		return 1;
	memset(folio_address(folio), 1, folio_size(folio));
	folio_put(folio);

	if (fill_and_free())
		return 1;
	init_completion(&w.done);
	t = kthread_run(worker_fn, &w, "vg-worker");
	if (IS_ERR(t))
		return 1;
	wait_for_completion(&w.done);
	if (w.ret)
		return 1;

	/* Free pageblocks go back to the host (holes punched), then are handed out again. */
	reported = krt_page_reporting_flush();
	for (i = 0; i < 4; i++) {
		addr = __get_free_pages(GFP_KERNEL, MAX_PAGE_ORDER);
		if (!addr)
			return 1;
		memset((void *)addr, 7, PAGE_SIZE << MAX_PAGE_ORDER);
		sum += *(u32 *)addr;
		free_pages(addr, MAX_PAGE_ORDER);
	}

	pr_info("page-poison clean: %lu pages given back to the host, checksum %lu\n",
		reported, sum);
	return 0;
}

static noinline int branch_on_zeroed_page(void)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	int ret = 0;

	if (!page)
		return -1;
	if (READ_ONCE(*(int *)page_address(page)) == 42) {	/* defined: no report */
		pr_info("page-poison: zeroed page holds 42\n");
		ret = 1;
	}
	__free_page(page);
	return ret;
}

static noinline int branch_on_fresh_page(void)
{
	struct page *page = alloc_page(GFP_KERNEL);
	int ret = 0;

	if (!page)
		return -1;
	if (READ_ONCE(*(int *)page_address(page)) == 42) {	/* undefined: reported */
		pr_info("page-poison: fresh page holds 42\n");
		ret = 1;
	}
	__free_page(page);
	return ret;
}

static int mode_uninit(void)
{
	int a = branch_on_zeroed_page();
	int b = branch_on_fresh_page();

	return a < 0 || b < 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	krt_boot(NULL);
	if (!strcmp(mode, "uaf"))
		return mode_uaf();
	if (!strcmp(mode, "clean"))
		return mode_clean();
	if (!strcmp(mode, "uninit"))
		return mode_uninit();
	fprintf(stderr, "usage: page-poison uaf|clean|uninit (run under valgrind)\n");
	return 2;
}
