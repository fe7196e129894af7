/* SPDX-License-Identifier: MIT */
/*
 * Reference tracker (lib/ref_tracker.c): a directory of the references taken on one object,
 * each remembering the stack that took it. Putting a reference twice is reported with both
 * stacks (freed trackers wait in a bounded quarantine for that), and references still held when
 * the directory is torn down are listed by holder. krt always has CONFIG_REF_TRACKER.
 */
#ifndef _LINUX_REF_TRACKER_H
#define _LINUX_REF_TRACKER_H

#include <linux/gfp_types.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/stackdepot.h>
#include <linux/string.h>
#include <linux/types.h>

/* Not in <linux/kconfig.h> yet: code testing IS_ENABLED(CONFIG_REF_TRACKER) includes this. */
#ifndef CONFIG_REF_TRACKER
#define CONFIG_REF_TRACKER 1
#endif

struct ref_tracker;

struct ref_tracker_dir {
	spinlock_t		lock;
	unsigned int		quarantine_avail;	/* room left in @quarantine */
	refcount_t		untracked;	/* 1 + references whose tracker could not be allocated */
	refcount_t		no_tracker;	/* 1 + references taken without a tracker */
	bool			dead;		/* ref_tracker_dir_exit() has run */
	struct list_head	list;		/* live trackers, newest first */
	struct list_head	quarantine;	/* released trackers, oldest first */
	char			name[32];
};

/**
 * ref_tracker_dir_init - set up a tracker directory
 * @dir: the directory
 * @quarantine_count: how many released trackers to keep for double-release reports
 * @name: shown in reports (truncated to 31 characters)
 */
static inline void ref_tracker_dir_init(struct ref_tracker_dir *dir,
					unsigned int quarantine_count,
					const char *name)
{
	INIT_LIST_HEAD(&dir->list);
	INIT_LIST_HEAD(&dir->quarantine);
	spin_lock_init(&dir->lock);
	dir->quarantine_avail = quarantine_count;
	dir->dead = false;
	refcount_set(&dir->untracked, 1);
	refcount_set(&dir->no_tracker, 1);
	strscpy(dir->name, name, sizeof(dir->name));
	stack_depot_init();
}

void ref_tracker_dir_exit(struct ref_tracker_dir *dir);
void ref_tracker_dir_print_locked(struct ref_tracker_dir *dir, unsigned int display_limit);
void ref_tracker_dir_print(struct ref_tracker_dir *dir, unsigned int display_limit);
int ref_tracker_dir_snprint(struct ref_tracker_dir *dir, char *buf, size_t size);
int ref_tracker_alloc(struct ref_tracker_dir *dir, struct ref_tracker **trackerp, gfp_t gfp);
int ref_tracker_free(struct ref_tracker_dir *dir, struct ref_tracker **trackerp);

#endif /* _LINUX_REF_TRACKER_H */
