// SPDX-License-Identifier: MIT
/*
 * Giving free memory back to the host, like the kernel's free page reporting for virtual
 * machines: a while (2 s) after pageblock-sized blocks became free, they are taken off the
 * free lists, their memory is discarded (hole punched in the memfd), and they go back marked
 * PG_reported so they are not discarded again. The process's RSS follows what is in use.
 */
#include <linux/mm.h>
#include <linux/workqueue.h>
#include <linux/spinlock.h>
#include <linux/init.h>
#include <linux/mutex.h>
#include <linux/kasan.h>

#include "arch/host/host.h"
#include <krt/mm.h>

#include "mm/internal.h"
#include "mm/page_alloc.h"

#define PAGE_REPORTING_DELAY	(2 * HZ)
#define REPORT_BATCH		4

static atomic_long_t isolated_pages;
static atomic_t reporting_pending;
static unsigned long reported_pages_total;
static DEFINE_MUTEX(reporting_lock);

static void page_reporting_work_fn(struct work_struct *work);
static DECLARE_DELAYED_WORK(page_reporting_work, page_reporting_work_fn);

/**
 * krt_page_reporting_isolated - free pages off the lists while being given back to the host
 */
long krt_page_reporting_isolated(void)
{
	return atomic_long_read(&isolated_pages);
}

/* Take up to REPORT_BATCH unreported free blocks of @order off @zone's lists. */
static int isolate_unreported(struct zone *zone, unsigned int order, struct page **pages,
			      int *mts)
{
	int n;

	spin_lock(&zone->lock);
	n = krt_isolate_reportable(zone, order, pages, mts, REPORT_BATCH);
	atomic_long_add((long)n << order, &isolated_pages);
	spin_unlock(&zone->lock);
	return n;
}

/* Put the reported blocks back; they merge with buddies freed meanwhile. */
static void putback_reported(struct zone *zone, unsigned int order, struct page **pages,
			     int *mts, int n)
{
	int i;

	spin_lock(&zone->lock);
	for (i = 0; i < n; i++)
		krt_putback_reported(zone, pages[i], order, mts[i]);
	atomic_long_sub((long)n << order, &isolated_pages);
	spin_unlock(&zone->lock);
}

/**
 * krt_page_reporting_flush - give every free, unreported pageblock back to the host now
 *
 * Per-thread lists are drained first so that their pages can merge into whole blocks.
 * Return: the pages given back.
 */
unsigned long krt_page_reporting_flush(void)
{
	struct page *pages[REPORT_BATCH];
	int mts[REPORT_BATCH];
	unsigned long total = 0;
	struct zone *zone;

	drain_all_pages(NULL);
	mutex_lock(&reporting_lock);
	for_each_populated_zone(zone) {
		unsigned int order;

		for (order = pageblock_order; order < NR_PAGE_ORDERS; order++) {
			int n, i;

			while ((n = isolate_unreported(zone, order, pages, mts)) > 0) {
				for (i = 0; i < n; i++) {
					size_t len = PAGE_SIZE << order;

					host_physmem_discard(page_to_phys(pages[i]), len);
					/* Discarded memory reads as zeroes: ASan may keep it poisoned. */
					kasan_poison_range(page_address(pages[i]), len);
				}
				putback_reported(zone, order, pages, mts, n);
				total += (unsigned long)n << order;
			}
		}
	}
	reported_pages_total += total;
	mutex_unlock(&reporting_lock);
	return total;
}

static void page_reporting_work_fn(struct work_struct *work)
{
	atomic_set(&reporting_pending, 0);
	krt_page_reporting_flush();
}

/**
 * page_reporting_notify_free - a block of @order became free
 * @order: its order after merging
 *
 * Pageblock-sized blocks and larger start the delayed report, once.
 */
void page_reporting_notify_free(unsigned int order)
{
	if (order < pageblock_order || !system_wq)
		return;
	if (atomic_read(&reporting_pending) || atomic_xchg(&reporting_pending, 1))
		return;
	schedule_delayed_work(&page_reporting_work, PAGE_REPORTING_DELAY);
}

/**
 * krt_page_reporting_settle - do a pending report now rather than in a while
 *
 * For the leak checker: a scheduled report is a pending timer, and the report it would make
 * is what a test that frees memory expects to happen anyway.
 */
void krt_page_reporting_settle(void)
{
	if (cancel_delayed_work_sync(&page_reporting_work)) {
		atomic_set(&reporting_pending, 0);
		krt_page_reporting_flush();
	}
}

/**
 * krt_page_reporting_mark_boot_blocks - boot: every free block is untouched memory already
 */
void krt_page_reporting_mark_boot_blocks(void)
{
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned int order, mt;

		spin_lock(&zone->lock);
		for (order = pageblock_order; order < NR_PAGE_ORDERS; order++)
			for (mt = 0; mt < MIGRATE_TYPES; mt++) {
				struct page *page;

				list_for_each_entry(page, &zone->free_area[order].free_list[mt],
						    buddy_list)
					__set_bit(PG_reported, &page->flags);
			}
		spin_unlock(&zone->lock);
	}
}
