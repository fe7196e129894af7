/* SPDX-License-Identifier: MIT */
/*
 * Shared by the /proc/meminfo and /proc/vmstat suites: bringing the page allocator's counters
 * to rest, and living with page reporting's delayed work.
 *
 * A free that merges into a pageblock arms page reporting's 2-second delayed work, which the
 * runner's leak check sees as a pending timer. The suites arm it once in suite_init, so that
 * it is usually pending already when a case starts; a case that armed it anew waits in exit
 * for it to run (it has nothing left to do: every case settles, which reports every block).
 */
#ifndef _TESTS_MM_VMSTAT_TEST_HELPERS_H
#define _TESTS_MM_VMSTAT_TEST_HELPERS_H

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <krt/leak.h>
#include <krt/mm.h>

/* Per-thread lists back to the zones, free blocks reported: the counters are at rest. */
static inline void vmstat_settle(void)
{
	krt_page_reporting_flush();
}

static inline long vmstat_pending_timers(void)
{
	long values[64];
	const char *names[64];
	int n = krt_leak_snapshot(values, names, 64), i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "pending timers"))
			return values[i];
	return 0;
}

/* suite_init: arm page reporting now (a max-order free), so that cases find it pending. */
static inline int vmstat_suite_init(struct kunit_suite *suite)
{
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_PAGE_ORDER);

	if (page)
		__free_pages(page, MAX_PAGE_ORDER);
	vmstat_settle();
	return 0;
}

/* init: remember how many timers were pending. */
static inline int vmstat_case_init(struct kunit *test)
{
	test->priv = (void *)vmstat_pending_timers();
	return 0;
}

/* exit: wait (at most 3 s) for a reporting timer this case armed to run. */
static inline void vmstat_case_exit(struct kunit *test)
{
	int i;

	vmstat_settle();
	for (i = 0; i < 300 && vmstat_pending_timers() > (long)test->priv; i++)
		msleep(10);
}

#endif /* _TESTS_MM_VMSTAT_TEST_HELPERS_H */
