// SPDX-License-Identifier: MIT
/*
 * Leak counters (<krt/leak.h>): subsystems register a count of outstanding things; KUnit
 * samples them all before and after every test case.
 *
 * Registration may happen early in boot, before the registering thread has a task_struct, so
 * the list is guarded by a plain test-and-set lock rather than a mutex. The counters' settle()
 * may sleep (rcu_barrier()), so it runs outside that lock: counters are static objects that are
 * not unregistered while a snapshot is being taken.
 */
#include <linux/atomic.h>
#include <linux/list.h>
#include <krt/leak.h>

#include "arch/host/host.h"
#include "kunit-internal.h"

static LIST_HEAD(krt_leak_counters);
static atomic_t krt_leak_lock = ATOMIC_INIT(0);

static void krt_leak_list_lock(void)
{
	while (atomic_xchg_acquire(&krt_leak_lock, 1))
		host_yield();
}

static void krt_leak_list_unlock(void)
{
	atomic_set_release(&krt_leak_lock, 0);
}

/**
 * krt_leak_counter_register - have @c checked around every KUnit test case.
 * @c: the counter, with its name and read function set (settle is optional).
 */
void krt_leak_counter_register(struct krt_leak_counter *c)
{
	krt_leak_list_lock();
	list_add_tail(&c->list, &krt_leak_counters);
	krt_leak_list_unlock();
}

/**
 * krt_leak_counter_unregister - stop checking @c.
 * @c: a registered counter.
 */
void krt_leak_counter_unregister(struct krt_leak_counter *c)
{
	krt_leak_list_lock();
	list_del_init(&c->list);
	krt_leak_list_unlock();
}

/* The registered counters, up to @max of them. */
static int krt_leak_collect(struct krt_leak_counter **counters, int max)
{
	struct krt_leak_counter *c;
	int n = 0;

	krt_leak_list_lock();
	list_for_each_entry(c, &krt_leak_counters, list) {
		if (n == max)
			break;
		counters[n++] = c;
	}
	krt_leak_list_unlock();
	return n;
}

/**
 * kunit_leak_sample - settle every counter, then read them all.
 * @samples: receives the counters and their values.
 * @max: room in @samples.
 *
 * All settle() calls come before the first read(), since settling one subsystem (an RCU
 * barrier) may free things another one counts.
 */
int kunit_leak_sample(struct kunit_leak_sample *samples, int max)
{
	struct krt_leak_counter *counters[KUNIT_LEAK_MAX_COUNTERS];
	int n, i;

	if (max > KUNIT_LEAK_MAX_COUNTERS)
		max = KUNIT_LEAK_MAX_COUNTERS;
	n = krt_leak_collect(counters, max);
	for (i = 0; i < n; i++)
		if (counters[i]->settle)
			counters[i]->settle();
	for (i = 0; i < n; i++) {
		samples[i].counter = counters[i];
		samples[i].value = counters[i]->read();
	}
	return n;
}

/**
 * krt_leak_snapshot - settle every counter and read them.
 * @values: receives up to @max values.
 * @names: receives their names (may be NULL).
 * @max: room in the arrays.
 *
 * Returns how many counters were read.
 */
int krt_leak_snapshot(long *values, const char **names, int max)
{
	struct kunit_leak_sample samples[KUNIT_LEAK_MAX_COUNTERS];
	int n, i;

	n = kunit_leak_sample(samples, max);
	for (i = 0; i < n; i++) {
		values[i] = samples[i].value;
		if (names)
			names[i] = samples[i].counter->name;
	}
	return n;
}

/**
 * krt_leak_read - settle every counter and read the one called @name
 * @name: the counter's name ("net devices", "sk_buffs", ...)
 *
 * Returns its value, or -ENOENT when no counter has that name.
 */
long krt_leak_read(const char *name)
{
	struct kunit_leak_sample samples[KUNIT_LEAK_MAX_COUNTERS];
	int n, i;

	n = kunit_leak_sample(samples, KUNIT_LEAK_MAX_COUNTERS);
	for (i = 0; i < n; i++)
		if (!strcmp(samples[i].counter->name, name))
			return samples[i].value;
	return -ENOENT;
}
