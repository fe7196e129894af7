// SPDX-License-Identifier: MIT
/*
 * Reference tracker: every tracked reference on an object is a small record holding the stack
 * that took it, linked in the object's directory. Releasing moves the record, now stamped with
 * the releasing stack, to a bounded quarantine (oldest evicted first), so that releasing it a
 * second time can be reported with both stacks. Listing the live records grouped by stack is
 * what names the holders of a leaked reference.
 *
 * References taken without a tracker (NULL @trackerp) and references whose tracker could not be
 * allocated are only counted (dir->no_tracker, dir->untracked, both biased by one), so that
 * ref_tracker_dir_exit() can check that they were balanced too.
 *
 * The leak counter "tracked references" counts live records in all directories, so the KUnit
 * runner fails a case that returns with one still held.
 */
#define pr_fmt(fmt) "ref_tracker: " fmt

#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/export.h>
#include <linux/init.h>
#include <linux/lockdep.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/ref_tracker.h>
#include <linux/slab.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <krt/leak.h>

/* Frames kept per stack, and room for one stack printed as text (the kernel's sizes). */
#define REF_TRACKER_STACK_ENTRIES	16
#define REF_TRACKER_STACK_TEXT		1024
/* Stack groups shown by ref_tracker_dir_exit() and ref_tracker_dir_snprint(). */
#define REF_TRACKER_REPORT_LIMIT	16

struct ref_tracker {
	struct list_head	head;		/* in dir->list while live, dir->quarantine after */
	bool			dead;		/* released */
	depot_stack_handle_t	alloc_stack_handle;
	depot_stack_handle_t	free_stack_handle;
};

/* Live trackers in all directories: the "tracked references" leak counter. */
static atomic_long_t ref_trackers_live = ATOMIC_LONG_INIT(0);

/* Live trackers grouped by allocation stack, at most @limit groups. */
struct ref_tracker_stats {
	int total;		/* live trackers, including those of groups beyond the limit */
	int count;		/* groups filled in @stacks */
	struct {
		depot_stack_handle_t stack_handle;
		unsigned int count;
	} stacks[];
};

/* Called with dir->lock held, hence the non-sleeping allocation. */
static struct ref_tracker_stats *ref_tracker_get_stats(struct ref_tracker_dir *dir,
						       unsigned int limit)
{
	struct ref_tracker_stats *stats;
	struct ref_tracker *tracker;
	unsigned int i;

	stats = kmalloc(struct_size(stats, stacks, limit), GFP_NOWAIT | __GFP_NOWARN);
	if (!stats)
		return ERR_PTR(-ENOMEM);
	stats->total = 0;
	stats->count = 0;

	/* Newest first: the groups come in the order of their most recent member. */
	list_for_each_entry(tracker, &dir->list, head) {
		stats->total++;
		for (i = 0; i < stats->count; i++)
			if (stats->stacks[i].stack_handle == tracker->alloc_stack_handle)
				break;
		if (i == stats->count) {
			if (i >= limit)
				continue;	/* only counted in total: "skipped" */
			stats->stacks[i].stack_handle = tracker->alloc_stack_handle;
			stats->stacks[i].count = 0;
			stats->count++;
		}
		stats->stacks[i].count++;
	}
	return stats;
}

/* Where a report goes: printk (buf == NULL) or a caller's buffer. */
struct ref_tracker_ostream {
	char *buf;
	int size;
	int used;
};

static __printf(2, 3) void ref_tracker_ostream_add(struct ref_tracker_ostream *os,
						   const char *fmt, ...)
{
	int room = os->size - os->used;
	va_list args;
	int ret;

	va_start(args, fmt);
	ret = vsnprintf(os->buf + os->used, room, fmt, args);
	va_end(args);
	/* A line that did not fit fills the buffer: nothing more will be added. */
	os->used += min(ret, room);
}

/* One report line, with the "ref_tracker: " prefix either way. */
#define ref_tracker_out(os, fmt, ...)						\
	do {									\
		if ((os)->buf)							\
			ref_tracker_ostream_add(os, pr_fmt(fmt), ##__VA_ARGS__);\
		else								\
			pr_err(fmt, ##__VA_ARGS__);				\
	} while (0)

static void ref_tracker_dir_report(struct ref_tracker_dir *dir, unsigned int display_limit,
				   struct ref_tracker_ostream *os)
{
	struct ref_tracker_stats *stats;
	unsigned int i;
	int skipped;
	char *text;

	lockdep_assert_held(&dir->lock);

	if (list_empty(&dir->list))
		return;

	stats = ref_tracker_get_stats(dir, display_limit);
	if (IS_ERR(stats)) {
		ref_tracker_out(os, "%s@%pK: couldn't get stats, error %pe\n", dir->name, dir,
				stats);
		return;
	}

	/* Without this buffer the kernel still prints each group, with "(null)" for its stack. */
	text = kmalloc(REF_TRACKER_STACK_TEXT, GFP_NOWAIT | __GFP_NOWARN);
	skipped = stats->total;
	for (i = 0; i < stats->count; i++) {
		if (text && !stack_depot_snprint(stats->stacks[i].stack_handle, text,
						 REF_TRACKER_STACK_TEXT, 4))
			text[0] = '\0';
		ref_tracker_out(os, "%s@%pK has %d/%d users at\n%s\n", dir->name, dir,
				stats->stacks[i].count, stats->total, text);
		skipped -= stats->stacks[i].count;
	}
	if (skipped)
		ref_tracker_out(os, "%s@%pK skipped reports about %d/%d users.\n", dir->name, dir,
				skipped, stats->total);
	kfree(text);
	kfree(stats);
}

/**
 * ref_tracker_dir_print_locked - print the live trackers of @dir, grouped by stack
 * @dir: the directory, whose lock the caller holds
 * @display_limit: most stack groups to show; the others are summed in a "skipped" line
 */
void ref_tracker_dir_print_locked(struct ref_tracker_dir *dir, unsigned int display_limit)
{
	struct ref_tracker_ostream os = {};

	ref_tracker_dir_report(dir, display_limit, &os);
}
EXPORT_SYMBOL(ref_tracker_dir_print_locked);

/**
 * ref_tracker_dir_print - print the live trackers of @dir, grouped by stack
 * @dir: the directory
 * @display_limit: most stack groups to show; the others are summed in a "skipped" line
 */
void ref_tracker_dir_print(struct ref_tracker_dir *dir, unsigned int display_limit)
{
	unsigned long flags;

	spin_lock_irqsave(&dir->lock, flags);
	ref_tracker_dir_print_locked(dir, display_limit);
	spin_unlock_irqrestore(&dir->lock, flags);
}
EXPORT_SYMBOL(ref_tracker_dir_print);

/**
 * ref_tracker_dir_snprint - write the report of ref_tracker_dir_print() into a buffer
 * @dir: the directory
 * @buf: the buffer
 * @size: its size
 *
 * Shows up to 16 stack groups. A line that does not fit is cut and ends the report.
 *
 * Return: the number of characters written (@size when the report was cut).
 */
int ref_tracker_dir_snprint(struct ref_tracker_dir *dir, char *buf, size_t size)
{
	struct ref_tracker_ostream os = { .buf = buf, .size = size };
	unsigned long flags;

	spin_lock_irqsave(&dir->lock, flags);
	ref_tracker_dir_report(dir, REF_TRACKER_REPORT_LIMIT, &os);
	spin_unlock_irqrestore(&dir->lock, flags);
	return os.used;
}
EXPORT_SYMBOL(ref_tracker_dir_snprint);

/**
 * ref_tracker_dir_exit - tear down a tracker directory
 * @dir: the directory
 *
 * Frees the quarantine. Trackers still live are reported (up to 16 stack groups), freed, and
 * WARNed about; so are unbalanced untracked references. Using @dir afterwards WARNs.
 */
void ref_tracker_dir_exit(struct ref_tracker_dir *dir)
{
	struct ref_tracker *tracker, *next;
	unsigned long flags;
	bool leak = false;

	dir->dead = true;
	spin_lock_irqsave(&dir->lock, flags);
	list_for_each_entry_safe(tracker, next, &dir->quarantine, head) {
		list_del(&tracker->head);
		kfree(tracker);
		dir->quarantine_avail++;
	}
	if (!list_empty(&dir->list)) {
		ref_tracker_dir_print_locked(dir, REF_TRACKER_REPORT_LIMIT);
		leak = true;
		list_for_each_entry_safe(tracker, next, &dir->list, head) {
			list_del(&tracker->head);
			kfree(tracker);
			atomic_long_dec(&ref_trackers_live);
		}
	}
	spin_unlock_irqrestore(&dir->lock, flags);
	WARN_ON_ONCE(leak);
	WARN_ON_ONCE(refcount_read(&dir->untracked) != 1);
	WARN_ON_ONCE(refcount_read(&dir->no_tracker) != 1);
}
EXPORT_SYMBOL(ref_tracker_dir_exit);

/**
 * ref_tracker_alloc - record a new reference in @dir
 * @dir: the directory
 * @trackerp: receives the tracker; NULL takes an untracked reference (only counted)
 * @gfp: allocation context; one that may reclaim never fails
 *
 * The caller's stack is recorded. When no tracker can be allocated, *@trackerp is set to NULL
 * and the reference is counted as untracked; ref_tracker_free() accepts that NULL.
 *
 * Return: 0, or -ENOMEM when the tracker could not be allocated.
 */
int ref_tracker_alloc(struct ref_tracker_dir *dir, struct ref_tracker **trackerp, gfp_t gfp)
{
	unsigned long entries[REF_TRACKER_STACK_ENTRIES];
	gfp_t tracker_gfp = gfp | __GFP_NOWARN;
	struct ref_tracker *tracker;
	unsigned int nr_entries;
	unsigned long flags;

	WARN_ON_ONCE(dir->dead);

	if (!trackerp) {
		refcount_inc(&dir->no_tracker);
		return 0;
	}
	/* Callers that can wait get a tracker for sure: a lost one makes reports unreliable. */
	if (gfp & __GFP_DIRECT_RECLAIM)
		tracker_gfp |= __GFP_NOFAIL;
	tracker = kzalloc(sizeof(*tracker), tracker_gfp);
	*trackerp = tracker;
	if (unlikely(!tracker)) {
		pr_err_once("memory allocation failure, unreliable refcount tracker.\n");
		refcount_inc(&dir->untracked);
		return -ENOMEM;
	}
	/* Skip this function: the first frame is in the caller taking the reference. */
	nr_entries = stack_trace_save(entries, ARRAY_SIZE(entries), 1);
	tracker->alloc_stack_handle = stack_depot_save(entries, nr_entries, gfp);

	spin_lock_irqsave(&dir->lock, flags);
	list_add(&tracker->head, &dir->list);
	atomic_long_inc(&ref_trackers_live);
	spin_unlock_irqrestore(&dir->lock, flags);
	return 0;
}
EXPORT_SYMBOL_GPL(ref_tracker_alloc);

/**
 * ref_tracker_free - release a reference recorded in @dir
 * @dir: the directory
 * @trackerp: the tracker ref_tracker_alloc() gave; NULL releases an untracked reference
 *
 * The tracker is kept in the quarantine with the releasing stack, so that a second release
 * while it is still there is reported ("reference already released.") with both stacks and a
 * WARN. A tracker evicted from the quarantine has been freed: releasing it again is a
 * use-after-free, as in the kernel.
 *
 * Return: 0; -EEXIST for a reference whose tracker could not be allocated (*@trackerp NULL);
 * -EINVAL for a second release.
 */
int ref_tracker_free(struct ref_tracker_dir *dir, struct ref_tracker **trackerp)
{
	unsigned long entries[REF_TRACKER_STACK_ENTRIES];
	depot_stack_handle_t stack_handle;
	struct ref_tracker *tracker, *evicted = NULL;
	unsigned int nr_entries;
	unsigned long flags;

	WARN_ON_ONCE(dir->dead);

	if (!trackerp) {
		refcount_dec(&dir->no_tracker);
		return 0;
	}
	tracker = *trackerp;
	if (!tracker) {
		refcount_dec(&dir->untracked);
		return -EEXIST;
	}
	/* Outside the lock: saving a new stack may allocate. */
	nr_entries = stack_trace_save(entries, ARRAY_SIZE(entries), 1);
	stack_handle = stack_depot_save(entries, nr_entries, GFP_NOWAIT | __GFP_NOWARN);

	spin_lock_irqsave(&dir->lock, flags);
	if (tracker->dead) {
		pr_err("reference already released.\n");
		if (tracker->alloc_stack_handle) {
			pr_err("allocated in:\n");
			stack_depot_print(tracker->alloc_stack_handle);
		}
		if (tracker->free_stack_handle) {
			pr_err("freed in:\n");
			stack_depot_print(tracker->free_stack_handle);
		}
		spin_unlock_irqrestore(&dir->lock, flags);
		WARN_ON_ONCE(1);
		return -EINVAL;
	}
	tracker->dead = true;
	tracker->free_stack_handle = stack_handle;
	atomic_long_dec(&ref_trackers_live);

	list_move_tail(&tracker->head, &dir->quarantine);
	if (dir->quarantine_avail) {
		dir->quarantine_avail--;
	} else {
		/* Full: the oldest released tracker makes room (it may be this one). */
		evicted = list_first_entry(&dir->quarantine, struct ref_tracker, head);
		list_del(&evicted->head);
	}
	spin_unlock_irqrestore(&dir->lock, flags);

	kfree(evicted);
	return 0;
}
EXPORT_SYMBOL_GPL(ref_tracker_free);

static long ref_trackers_live_read(void)
{
	return atomic_long_read(&ref_trackers_live);
}

static struct krt_leak_counter ref_tracker_leak_counter = {
	.name = "tracked references",
	.read = ref_trackers_live_read,
};

static int __init ref_tracker_leak_counter_init(void)
{
	krt_leak_counter_register(&ref_tracker_leak_counter);
	return 0;
}
early_initcall(ref_tracker_leak_counter_init);
