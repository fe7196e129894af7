// SPDX-License-Identifier: MIT
/*
 * Timers. One timer base for the whole process: pending timers sit in a binary min-heap ordered
 * by expiry (jiffies), and one kthread ("ktimers/0") sleeps with schedule_timeout() until the
 * earliest one is due, then runs the expired callbacks one by one in emulated softirq context
 * (preempt count + SOFTIRQ_OFFSET), as the kernel's timer softirq does. The thread starts with
 * the first timer, so a process that never uses timers has no timer thread.
 *
 * Like the kernel, the callback of a timer never runs concurrently with itself, a timer may be
 * re-armed (even from its own callback), timer_delete_sync() waits for a running callback, and
 * a shut-down timer (function == NULL) silently ignores re-arming.
 */
#include <linux/timer.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/lockdep.h>
#include <linux/panic.h>
#include <krt/leak.h>

#include "arch/host/host.h"
#include "kernel/kthread_internal.h"

#define TIMER_IDX_NONE		UINT_MAX
/* What entry.pprev holds while a timer is pending: any non-NULL value marks it hashed. */
#define TIMER_PENDING_MARK(t)	(&(t)->entry.next)

#define MOD_TIMER_PENDING_ONLY	0x01
#define MOD_TIMER_REDUCE	0x02
#define MOD_TIMER_NOTPENDING	0x04

/* A task waiting in timer_delete_sync() for a running callback to return. */
struct timer_sync_waiter {
	struct list_head node;
	struct task_struct *task;
	const struct timer_list *timer;
	bool done;
};

struct timer_base {
	raw_spinlock_t lock;
	struct timer_list **heap;
	unsigned int nr;
	unsigned int cap;
	/* The timer whose callback runs now (only the timer thread runs callbacks). */
	struct timer_list *running_timer;
	struct task_struct *thread;
	bool thread_started;
	/* The timer thread sleeps until @sleep_until (if @sleeping): an earlier timer wakes it. */
	bool sleeping;
	bool sleep_forever;
	unsigned long sleep_until;
	struct list_head sync_waiters;
};

static struct timer_base timer_base = {
	.lock = __RAW_SPIN_LOCK_INITIALIZER(timer_base.lock),
	.sync_waiters = LIST_HEAD_INIT(timer_base.sync_waiters),
};

/* --- the heap (base->lock held) -------------------------------------------------------------- */

static inline bool timer_earlier(const struct timer_list *a, const struct timer_list *b)
{
	return time_before(a->expires, b->expires);
}

static inline void heap_set(struct timer_base *base, unsigned int i, struct timer_list *t)
{
	base->heap[i] = t;
	t->krt_heap_idx = i;
}

static void heap_sift_up(struct timer_base *base, unsigned int i)
{
	struct timer_list *t = base->heap[i];

	while (i > 0) {
		unsigned int parent = (i - 1) / 2;

		if (!timer_earlier(t, base->heap[parent]))
			break;
		heap_set(base, i, base->heap[parent]);
		i = parent;
	}
	heap_set(base, i, t);
}

static void heap_sift_down(struct timer_base *base, unsigned int i)
{
	struct timer_list *t = base->heap[i];

	for (;;) {
		unsigned int child = 2 * i + 1;

		if (child >= base->nr)
			break;
		if (child + 1 < base->nr && timer_earlier(base->heap[child + 1], base->heap[child]))
			child++;
		if (!timer_earlier(base->heap[child], t))
			break;
		heap_set(base, i, base->heap[child]);
		i = child;
	}
	heap_set(base, i, t);
}

static void enqueue_timer(struct timer_base *base, struct timer_list *timer)
{
	if (base->nr == base->cap) {
		unsigned int cap = base->cap ? 2 * base->cap : 64;
		struct timer_list **heap = host_realloc(base->heap, cap * sizeof(*heap));

		/* mod_timer() cannot fail in the kernel; a host short of a few KiB is lost. */
		if (!heap)
			panic("timer: out of memory for the timer heap (%u timers)\n", base->nr);
		base->heap = heap;
		base->cap = cap;
	}
	WRITE_ONCE(base->nr, base->nr + 1);
	heap_set(base, base->nr - 1, timer);
	heap_sift_up(base, base->nr - 1);
	WRITE_ONCE(timer->entry.pprev, TIMER_PENDING_MARK(timer));
}

static void detach_timer(struct timer_base *base, struct timer_list *timer)
{
	unsigned int i = timer->krt_heap_idx;
	struct timer_list *last;

	WRITE_ONCE(base->nr, base->nr - 1);
	last = base->heap[base->nr];
	if (i != base->nr) {
		heap_set(base, i, last);
		if (i > 0 && timer_earlier(last, base->heap[(i - 1) / 2]))
			heap_sift_up(base, i);
		else
			heap_sift_down(base, i);
	}
	timer->krt_heap_idx = TIMER_IDX_NONE;
	WRITE_ONCE(timer->entry.pprev, NULL);
}

static int detach_if_pending(struct timer_base *base, struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	detach_timer(base, timer);
	return 1;
}

/* --- the timer thread ------------------------------------------------------------------------ */

static void call_timer_fn(struct timer_list *timer, void (*fn)(struct timer_list *))
{
	/* The timer may be freed by its callback: lockdep gets a copy of its map. */
	struct lockdep_map lockdep_map = timer->lockdep_map;
	int count = preempt_count();

	if (!lockdep_map.name)
		lockdep_map.name = "timer";
	lock_map_acquire(&lockdep_map);
	fn(timer);
	lock_map_release(&lockdep_map);

	if (count != preempt_count()) {
		WARN_ONCE(1, "timer: %pS preempt leak: %08x -> %08x\n", fn, count, preempt_count());
		/* Give the timer thread back its count; a lock kept by the callback stays held. */
		pcpu_hot.preempt_count = count;
	}
}

static void wake_sync_waiters(struct timer_base *base, struct timer_list *timer)
{
	struct timer_sync_waiter *w, *tmp;

	list_for_each_entry_safe(w, tmp, &base->sync_waiters, node) {
		if (w->timer != timer)
			continue;
		list_del_init(&w->node);
		WRITE_ONCE(w->done, true);
		wake_up_process(w->task);
	}
}

static void expire_timers(struct timer_base *base, unsigned long now)
{
	while (base->nr && time_after_eq(now, base->heap[0]->expires)) {
		struct timer_list *timer = base->heap[0];
		void (*fn)(struct timer_list *);

		detach_timer(base, timer);
		fn = timer->function;
		if (WARN_ON_ONCE(!fn))
			continue;
		WRITE_ONCE(base->running_timer, timer);

		/* Softirq context for the callback; irqsafe timers also keep interrupts off. */
		__preempt_count_add(SOFTIRQ_OFFSET);
		if (timer->flags & TIMER_IRQSAFE) {
			raw_spin_unlock(&base->lock);
			call_timer_fn(timer, fn);
			raw_spin_lock(&base->lock);
		} else {
			raw_spin_unlock_irq(&base->lock);
			call_timer_fn(timer, fn);
			raw_spin_lock_irq(&base->lock);
		}
		__preempt_count_sub(SOFTIRQ_OFFSET);

		WRITE_ONCE(base->running_timer, NULL);
		if (!list_empty(&base->sync_waiters))
			wake_sync_waiters(base, timer);
	}
}

static int timer_thread(void *arg)
{
	struct timer_base *base = arg;

	raw_spin_lock_irq(&base->lock);
	WRITE_ONCE(base->thread, current);
	for (;;) {
		long timeout = MAX_SCHEDULE_TIMEOUT;
		unsigned long now = jiffies;

		expire_timers(base, now);
		if (base->nr) {
			/* Callbacks take time: more timers may be due already. */
			now = jiffies;
			if (time_after_eq(now, base->heap[0]->expires))
				continue;
			timeout = (long)(base->heap[0]->expires - now);
		}
		base->sleeping = true;
		base->sleep_forever = timeout == MAX_SCHEDULE_TIMEOUT;
		base->sleep_until = now + timeout;
		/* State before unlocking: an enqueue's wake-up cannot get lost. */
		set_current_state(TASK_IDLE);
		raw_spin_unlock_irq(&base->lock);
		schedule_timeout(timeout);
		raw_spin_lock_irq(&base->lock);
		base->sleeping = false;
	}
	return 0;
}

/* A timer was queued (base->lock held): start the thread or wake it if it sleeps too long. */
static void timer_base_kick(struct timer_base *base, struct timer_list *timer)
{
	if (!base->thread_started) {
		int err = krt_kthread_spawn(timer_thread, base, "ktimers/0");

		if (err)
			pr_err("timer: cannot start the timer thread: %d\n", err);
		else
			base->thread_started = true;
		return;
	}
	if (base->thread && base->sleeping && base->heap[0] == timer &&
	    (base->sleep_forever || time_before(timer->expires, base->sleep_until))) {
		base->sleeping = false;
		wake_up_process(base->thread);
	}
}

/* --- the API --------------------------------------------------------------------------------- */

/**
 * init_timer_key - initialise a timer
 * @timer: the timer
 * @func: its callback
 * @flags: TIMER_DEFERRABLE, TIMER_PINNED, TIMER_IRQSAFE
 * @name: name for lockdep reports
 * @key: lockdep class key (unused)
 */
void init_timer_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags, const char *name, struct lock_class_key *key)
{
	if (WARN_ON_ONCE(flags & ~TIMER_INIT_FLAGS))
		flags &= TIMER_INIT_FLAGS;
	timer->entry.next = NULL;
	timer->entry.pprev = NULL;
	timer->function = func;
	timer->flags = flags;
	timer->expires = 0;
	timer->krt_heap_idx = TIMER_IDX_NONE;
	timer->lockdep_map.name = name ?: "timer";
	timer->lockdep_map.wait_type_inner = 0;
}

static int __mod_timer(struct timer_list *timer, unsigned long expires, unsigned int options)
{
	struct timer_base *base = &timer_base;
	unsigned long flags;
	int ret = 0;

	/* A first use of krt boots it: not under the timer lock. */
	(void)current;
	raw_spin_lock_irqsave(&base->lock, flags);
	/* A shut-down timer stays off. */
	if (!timer->function)
		goto out_unlock;

	if (!(options & MOD_TIMER_NOTPENDING) && timer_pending(timer)) {
		if (timer->expires == expires) {
			ret = 1;
			goto out_unlock;
		}
		if ((options & MOD_TIMER_REDUCE) && time_before_eq(timer->expires, expires)) {
			ret = 1;
			goto out_unlock;
		}
	}

	ret = detach_if_pending(base, timer);
	if (!ret && (options & MOD_TIMER_PENDING_ONLY))
		goto out_unlock;

	timer->expires = expires;
	enqueue_timer(base, timer);
	timer_base_kick(base, timer);
out_unlock:
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/**
 * mod_timer_pending - change the expiry of a pending timer; an inactive one stays inactive
 * @timer: the timer
 * @expires: new absolute expiry in jiffies
 *
 * Returns 1 if the timer was pending and was modified, 0 otherwise.
 */
int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_TIMER_PENDING_ONLY);
}

/**
 * mod_timer - (re)arm a timer to expire at @expires
 * @timer: the timer
 * @expires: absolute expiry in jiffies
 *
 * Returns 0 if the timer was inactive, 1 if it was pending (and has been moved).
 */
int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, 0);
}

/**
 * timer_reduce - arm a timer, or move it earlier if it is pending later than @expires
 * @timer: the timer
 * @expires: absolute expiry in jiffies
 *
 * Returns 0 if the timer was inactive, 1 if it was pending.
 */
int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, MOD_TIMER_REDUCE);
}

/**
 * add_timer - arm an inactive timer at timer->expires
 * @timer: the timer (WARNs and does nothing if it is pending)
 */
void add_timer(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	__mod_timer(timer, timer->expires, MOD_TIMER_NOTPENDING);
}

/**
 * add_timer_local - add_timer() pinned to the current CPU (one timer base in krt)
 * @timer: the timer
 */
void add_timer_local(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	timer->flags |= TIMER_PINNED;
	__mod_timer(timer, timer->expires, MOD_TIMER_NOTPENDING);
}

/**
 * add_timer_global - add_timer() without CPU pinning
 * @timer: the timer
 */
void add_timer_global(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	timer->flags &= ~TIMER_PINNED;
	__mod_timer(timer, timer->expires, MOD_TIMER_NOTPENDING);
}

/**
 * add_timer_on - add_timer() on CPU @cpu
 * @timer: the timer
 * @cpu: the CPU (krt has one timer base; the callback runs on the timer thread)
 */
void add_timer_on(struct timer_list *timer, int cpu)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	timer->flags = (timer->flags & ~TIMER_BASEMASK) | TIMER_PINNED |
		       ((unsigned int)cpu & TIMER_CPUMASK);
	__mod_timer(timer, timer->expires, MOD_TIMER_NOTPENDING);
}

static int __timer_delete(struct timer_list *timer, bool shutdown)
{
	struct timer_base *base = &timer_base;
	unsigned long flags;
	int ret = 0;

	/* With @shutdown, lock even if not pending: a concurrent re-arm must see function NULL. */
	if (timer_pending(timer) || shutdown) {
		raw_spin_lock_irqsave(&base->lock, flags);
		ret = detach_if_pending(base, timer);
		if (shutdown)
			timer->function = NULL;
		raw_spin_unlock_irqrestore(&base->lock, flags);
	}
	return ret;
}

/**
 * timer_delete - deactivate a timer without waiting for a running callback
 * @timer: the timer
 *
 * Returns 1 if the timer was pending, 0 if not.
 */
int timer_delete(struct timer_list *timer)
{
	return __timer_delete(timer, false);
}

/**
 * timer_shutdown - deactivate a timer and ignore any later attempt to arm it
 * @timer: the timer
 *
 * Does not wait for a running callback. Returns 1 if the timer was pending, 0 if not.
 */
int timer_shutdown(struct timer_list *timer)
{
	return __timer_delete(timer, true);
}

/* 0/1: deleted (was it pending?); -1: the callback is running, try again. */
static int __try_to_del_timer_sync(struct timer_list *timer, bool shutdown)
{
	struct timer_base *base = &timer_base;
	unsigned long flags;
	int ret = -1;

	raw_spin_lock_irqsave(&base->lock, flags);
	if (base->running_timer != timer)
		ret = detach_if_pending(base, timer);
	if (shutdown)
		timer->function = NULL;
	raw_spin_unlock_irqrestore(&base->lock, flags);
	return ret;
}

/**
 * try_to_del_timer_sync - deactivate a timer unless its callback is running
 * @timer: the timer
 *
 * Returns 0 if the timer was not pending, 1 if it was and is now deactivated, -1 if its
 * callback is running (nothing done).
 */
int try_to_del_timer_sync(struct timer_list *timer)
{
	return __try_to_del_timer_sync(timer, false);
}

/* Sleep until the callback of @timer (running now) returns. */
static void wait_for_running_timer(struct timer_base *base, struct timer_list *timer)
{
	struct timer_sync_waiter w = { .task = current, .timer = timer };
	unsigned long flags;

	raw_spin_lock_irqsave(&base->lock, flags);
	if (base->running_timer != timer) {
		raw_spin_unlock_irqrestore(&base->lock, flags);
		return;
	}
	list_add_tail(&w.node, &base->sync_waiters);
	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (READ_ONCE(w.done))
			break;
		raw_spin_unlock_irqrestore(&base->lock, flags);
		schedule();
		raw_spin_lock_irqsave(&base->lock, flags);
	}
	__set_current_state(TASK_RUNNING);
	raw_spin_unlock_irqrestore(&base->lock, flags);
}

static int __timer_delete_sync(struct timer_list *timer, bool shutdown)
{
	struct timer_base *base = &timer_base;
	int ret;

	/* Don't use it in hardirq context: the callback could never finish. */
	WARN_ON(in_hardirq() && !(timer->flags & TIMER_IRQSAFE));

	/*
	 * From the timer's own callback the kernel deadlocks (lockdep reports recursion on the
	 * timer's map). krt reports it and deletes without waiting for itself.
	 */
	if (READ_ONCE(base->running_timer) == timer && current == READ_ONCE(base->thread)) {
		WARN(1, "timer: %ps: timer_delete_sync() called from the timer's own callback would wait forever\n",
		     timer->function);
		return shutdown ? timer_shutdown(timer) : timer_delete(timer);
	}

	for (;;) {
		ret = __try_to_del_timer_sync(timer, shutdown);
		if (ret >= 0)
			return ret;
		/* In atomic context spin as the kernel does; otherwise sleep until it returns. */
		if (preemptible())
			wait_for_running_timer(base, timer);
		else
			cpu_relax();
	}
}

/**
 * timer_delete_sync - deactivate a timer and wait for its running callback to finish
 * @timer: the timer
 *
 * The caller must prevent re-arming and must not hold locks the callback takes. Must not be
 * called from the timer's own callback (reported).
 * Returns 1 if the timer was pending, 0 if not.
 */
int timer_delete_sync(struct timer_list *timer)
{
	return __timer_delete_sync(timer, false);
}

/**
 * timer_shutdown_sync - timer_delete_sync() and ignore any later attempt to arm the timer
 * @timer: the timer
 *
 * Returns 1 if the timer was pending, 0 if not.
 */
int timer_shutdown_sync(struct timer_list *timer)
{
	return __timer_delete_sync(timer, true);
}

static long pending_timers_read(void)
{
	return READ_ONCE(timer_base.nr);
}

static struct krt_leak_counter pending_timers_counter = {
	.name = "pending timers",
	.read = pending_timers_read,
};

/*
 * A forked child (the KUnit runner's --isolate) has no timer thread: the first timer armed in
 * the child starts one (and it also runs the timers that were pending at the fork).
 */
static void timers_fork_child(void)
{
	struct timer_base *base = &timer_base;

	raw_spin_lock_init(&base->lock);
	base->thread_started = false;
	WRITE_ONCE(base->thread, NULL);
	base->sleeping = false;
	WRITE_ONCE(base->running_timer, NULL);
	INIT_LIST_HEAD(&base->sync_waiters);
}

static int __init init_timers(void)
{
	host_atfork(NULL, NULL, timers_fork_child);
	krt_leak_counter_register(&pending_timers_counter);
	return 0;
}
early_initcall(init_timers);
