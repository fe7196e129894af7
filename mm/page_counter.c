// SPDX-License-Identifier: MIT
/*
 * Hierarchical page counters. A charge walks from the counter to the root adding to each usage;
 * if any level would go above its max, the levels already charged are taken back, so a refused
 * charge leaves no trace but the failcnt of the level that refused it. Nothing takes a lock:
 * usage is atomic and max may change under a charge in flight (the kernel has the same race and
 * lets reclaim sort it out).
 */
#include <linux/page_counter.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <linux/bug.h>
#include <linux/export.h>

/* Remember the highest usage for memory.peak; a racy update only loses a concurrent peak. */
static void page_counter_note_peak(struct page_counter *c, long usage)
{
	if (usage > (long)READ_ONCE(c->watermark))
		WRITE_ONCE(c->watermark, usage);
}

/**
 * page_counter_cancel - take back a charge from @counter only (not its ancestors)
 * @counter: the counter
 * @nr_pages: pages to take back
 *
 * Going below zero means someone uncharged what was never charged: report it and clamp, so
 * that the counter stays usable.
 */
void page_counter_cancel(struct page_counter *counter, unsigned long nr_pages)
{
	long usage = atomic_long_sub_return(nr_pages, &counter->usage);

	if (WARN_ONCE(usage < 0, "page_counter underflow: %ld nr_pages=%lu\n", usage, nr_pages))
		atomic_long_set(&counter->usage, 0);
}
EXPORT_SYMBOL(page_counter_cancel);

/**
 * page_counter_charge - charge @nr_pages to @counter and its ancestors, ignoring the limits
 * @counter: the counter
 * @nr_pages: pages to charge
 *
 * For charges that may not fail (__GFP_NOFAIL, reclaim's own allocations): usage may end up
 * above max until memory is given back.
 */
void page_counter_charge(struct page_counter *counter, unsigned long nr_pages)
{
	struct page_counter *c;

	for (c = counter; c; c = c->parent)
		page_counter_note_peak(c, atomic_long_add_return(nr_pages, &c->usage));
}
EXPORT_SYMBOL(page_counter_charge);

/**
 * page_counter_try_charge - charge @nr_pages to @counter and its ancestors within their limits
 * @counter: the counter
 * @nr_pages: pages to charge
 * @fail: set to the counter whose max refused the charge
 *
 * Return: true if every level took the charge; false if one would have gone above its max
 * (its failcnt is incremented and nothing stays charged anywhere).
 */
bool page_counter_try_charge(struct page_counter *counter, unsigned long nr_pages,
			     struct page_counter **fail)
{
	struct page_counter *c, *undo;

	for (c = counter; c; c = c->parent) {
		long usage = atomic_long_add_return(nr_pages, &c->usage);

		/*
		 * Add first and check after: two racing charges may both be refused near the
		 * limit, but the limit is never exceeded, which is what matters.
		 */
		if (usage > (long)READ_ONCE(c->max)) {
			atomic_long_sub(nr_pages, &c->usage);
			WRITE_ONCE(c->failcnt, READ_ONCE(c->failcnt) + 1);
			*fail = c;
			for (undo = counter; undo != c; undo = undo->parent)
				page_counter_cancel(undo, nr_pages);
			return false;
		}
		page_counter_note_peak(c, usage);
	}
	return true;
}
EXPORT_SYMBOL(page_counter_try_charge);

/**
 * page_counter_uncharge - give back @nr_pages charged to @counter and its ancestors
 * @counter: the counter
 * @nr_pages: pages to give back
 */
void page_counter_uncharge(struct page_counter *counter, unsigned long nr_pages)
{
	struct page_counter *c;

	for (c = counter; c; c = c->parent)
		page_counter_cancel(c, nr_pages);
}
EXPORT_SYMBOL(page_counter_uncharge);

/**
 * page_counter_memparse - parse a cgroup limit written by a user
 * @buf: the text, whitespace already stripped
 * @max: the word that means "no limit" ("max")
 * @nr_pages: where the result goes, in pages (bytes rounded down to whole pages)
 *
 * Accepts @max or a byte count with an optional K/M/G/T/P/E suffix.
 *
 * Return: 0, or -EINVAL if @buf is neither.
 */
int page_counter_memparse(const char *buf, const char *max, unsigned long *nr_pages)
{
	unsigned long long bytes;
	char *end;

	if (!strcmp(buf, max)) {
		*nr_pages = PAGE_COUNTER_MAX;
		return 0;
	}
	bytes = memparse(buf, &end);
	/* Like the kernel, an empty string is 0 bytes. */
	if (*end != '\0')
		return -EINVAL;
	*nr_pages = min_t(unsigned long long, bytes / PAGE_SIZE, PAGE_COUNTER_MAX);
	return 0;
}
EXPORT_SYMBOL(page_counter_memparse);
