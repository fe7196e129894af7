/* SPDX-License-Identifier: MIT */
/*
 * Timers with jiffies resolution (HZ=250: 4 ms). Callbacks run one at a time on krt's timer
 * thread with the preempt count raised by SOFTIRQ_OFFSET, as in the kernel's timer softirq:
 * in_serving_softirq() and in_interrupt() are true there, and sleeping (a GFP_KERNEL
 * allocation, mutex_lock, msleep) is reported as "sleeping function called from invalid
 * context".
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/list.h>
#include <linux/ktime.h>
#include <linux/jiffies.h>
#include <linux/stddef.h>
#include <linux/container_of.h>
#include <linux/stringify.h>
#include <linux/timer_types.h>

/*
 * POSIX declares timer_delete(timer_t) in <time.h>, which liburcu's headers pull in. Let the
 * host's declaration happen first under its own name, then give the kernel's its own symbol.
 */
#include <time.h>
#define timer_delete krt_timer_delete

/* timer->flags: the CPU bits are kept but krt has one timer base for all CPUs. */
#define TIMER_CPUMASK		0x0003FFFF
#define TIMER_MIGRATING		0x00040000
#define TIMER_BASEMASK		(TIMER_CPUMASK | TIMER_MIGRATING)
#define TIMER_DEFERRABLE	0x00080000
#define TIMER_PINNED		0x00100000
#define TIMER_IRQSAFE		0x00200000
#define TIMER_INIT_FLAGS	(TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)
#define TIMER_ARRAYSHIFT	22
#define TIMER_ARRAYMASK		0xFFC00000

#define TIMER_TRACE_FLAGMASK	\
	(TIMER_MIGRATING | TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)

#define __TIMER_INITIALIZER(_function, _flags) {			\
		.entry = { .next = NULL, .pprev = NULL },		\
		.function = (_function),				\
		.flags = (_flags),					\
		.lockdep_map = { .name = __FILE__ ":" __stringify(__LINE__) }, \
	}

#define DEFINE_TIMER(_name, _function)					\
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, struct lock_class_key *key);

static inline void init_timer_on_stack_key(struct timer_list *timer,
					   void (*func)(struct timer_list *), unsigned int flags,
					   const char *name, struct lock_class_key *key)
{
	init_timer_key(timer, func, flags, name, key);
}

#define __init_timer(_timer, _fn, _flags)				\
	init_timer_key((_timer), (_fn), (_flags), #_timer, NULL)
#define __init_timer_on_stack(_timer, _fn, _flags)			\
	init_timer_on_stack_key((_timer), (_fn), (_flags), #_timer, NULL)

/* timer_setup - prepare @timer to call @callback(@timer); @flags: TIMER_* init flags. */
#define timer_setup(timer, callback, flags)				\
	__init_timer((timer), (callback), (flags))
#define timer_setup_on_stack(timer, callback, flags)			\
	__init_timer_on_stack((timer), (callback), (flags))

static inline void destroy_timer_on_stack(struct timer_list *timer)
{
}

/* The structure that embeds @callback_timer as its member @timer_fieldname. */
#define from_timer(var, callback_timer, timer_fieldname)		\
	container_of(callback_timer, typeof(*var), timer_fieldname)
#define timer_container_of(var, callback_timer, timer_fieldname)	\
	container_of(callback_timer, typeof(*var), timer_fieldname)

/* timer_pending - is @timer queued (its callback not yet started)? */
static inline int timer_pending(const struct timer_list *timer)
{
	return !hlist_unhashed_lockless(&timer->entry);
}

void add_timer_on(struct timer_list *timer, int cpu);
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);

#define NEXT_TIMER_MAX_DELTA	((1UL << 30) - 1)

void add_timer(struct timer_list *timer);
void add_timer_local(struct timer_list *timer);
void add_timer_global(struct timer_list *timer);

int try_to_del_timer_sync(struct timer_list *timer);
int timer_delete_sync(struct timer_list *timer);
int timer_delete(struct timer_list *timer);
int timer_shutdown_sync(struct timer_list *timer);
int timer_shutdown(struct timer_list *timer);

static inline int del_timer_sync(struct timer_list *timer)
{
	return timer_delete_sync(timer);
}

static inline int del_timer(struct timer_list *timer)
{
	return timer_delete(timer);
}

#endif /* _LINUX_TIMER_H */
