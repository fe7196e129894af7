/* SPDX-License-Identifier: MIT */
/*
 * Leak counters. Subsystems register a counter of outstanding things (slab objects, pages,
 * vmalloc areas, pins, pending RCU callbacks, tracked references); the KUnit runner reads all of
 * them before and after every test case and fails the case when one grew.
 */
#ifndef _KRT_LEAK_H
#define _KRT_LEAK_H

#include <linux/types.h>

struct krt_leak_counter {
	const char *name;		/* e.g. "kmalloc objects" */
	long (*read)(void);		/* how many are outstanding now */
	/* Optional: finish deferred work first (e.g. rcu_barrier()) so that read() is exact. */
	void (*settle)(void);
	struct list_head list;
};

void krt_leak_counter_register(struct krt_leak_counter *c);
void krt_leak_counter_unregister(struct krt_leak_counter *c);

/* Run every settle() and fill @values (up to @max) with every counter's read(). */
int krt_leak_snapshot(long *values, const char **names, int max);

/* Run every settle() and read the counter called @name; -ENOENT if there is none. */
long krt_leak_read(const char *name);

#endif /* _KRT_LEAK_H */
