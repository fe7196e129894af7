/* SPDX-License-Identifier: MIT */
/*
 * Wait queues and the wait_event() family, with the kernel's semantics and return values. A
 * waiter queues an entry on the head, sets its task state, checks its condition and calls
 * schedule(); wake_up() runs each entry's wake function (normally: make the task runnable).
 * The task state is a futex word underneath (kernel/sched/core.c), so a wake-up between the
 * condition check and schedule() is never lost.
 */
#ifndef _KRT_LINUX_WAIT_H
#define _KRT_LINUX_WAIT_H

/* The UAPI part (WNOHANG, __WALL...) for code that includes it through this name. */
#include_next <linux/wait.h>
/*
 * ...except its waitid() P_* macros: glibc's <sys/wait.h> declares the same names as enum
 * constants (same values), which these macros would break if it came after us.
 */
#undef P_ALL
#undef P_PID
#undef P_PGID
#undef P_PIDFD

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/stddef.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <asm/current.h>

typedef struct wait_queue_entry wait_queue_entry_t;

typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
				 void *key);
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key);

/* wait_queue_entry::flags */
#define WQ_FLAG_EXCLUSIVE	0x01	/* wake-one: counts against nr_exclusive */
#define WQ_FLAG_WOKEN		0x02	/* set by woken_wake_function() */
#define WQ_FLAG_CUSTOM		0x04
#define WQ_FLAG_DONE		0x08
#define WQ_FLAG_PRIORITY	0x10	/* queued at the head, consumes the wake-up first */

struct wait_queue_entry {
	unsigned int		flags;
	void			*private;	/* normally the waiting task */
	wait_queue_func_t	func;
	struct list_head	entry;
};

struct wait_queue_head {
	spinlock_t		lock;
	struct list_head	head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAITQUEUE_INITIALIZER(name, tsk)				\
	{								\
		.private = tsk,						\
		.func = default_wake_function,				\
		.entry = { NULL, NULL },				\
	}

#define DECLARE_WAITQUEUE(name, tsk)					\
	struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)				\
	{								\
		.lock = ___SPIN_LOCK_INITIALIZER(name.lock),		\
		.head = LIST_HEAD_INIT(name.head),			\
	}

#define DECLARE_WAIT_QUEUE_HEAD(name)					\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key);

#define init_waitqueue_head(wq_head)					\
	do {								\
		static struct lock_class_key __key;			\
		__init_waitqueue_head((wq_head), #wq_head, &__key);	\
	} while (0)

#define __WAIT_QUEUE_HEAD_INIT_ONSTACK(name) ({ init_waitqueue_head(&name); name; })
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name)				\
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INIT_ONSTACK(name)

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry, struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}

static inline void init_waitqueue_func_entry(struct wait_queue_entry *wq_entry,
					     wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
}

/*
 * waitqueue_active - is anybody queued? Lockless: only meaningful under the queue's lock, or
 * with a full barrier between setting the condition and this test (see wq_has_sleeper()).
 */
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

/* wq_has_single_sleeper - is exactly one entry queued? (call with the lock held) */
static inline bool wq_has_single_sleeper(struct wait_queue_head *wq_head)
{
	return list_is_singular(&wq_head->head);
}

/* wq_has_sleeper - waitqueue_active() with the barrier that makes it safe for a waker. */
static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	/* Orders the waker's condition store before the list load (pairs with the waiter's mb). */
	smp_mb();
	return waitqueue_active(wq_head);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry);
void add_wait_queue_priority(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);

/* The __ variants expect wq_head->lock held. Non-exclusive entries go before the others. */
static inline void __add_wait_queue(struct wait_queue_head *wq_head,
				    struct wait_queue_entry *wq_entry)
{
	struct list_head *pos = &wq_head->head;
	struct wait_queue_entry *wq;

	/* Behind any priority waiters, which keep the head of the queue. */
	list_for_each_entry(wq, &wq_head->head, entry) {
		if (!(wq->flags & WQ_FLAG_PRIORITY))
			break;
		pos = &wq->entry;
	}
	list_add(&wq_entry->entry, pos);
}

static inline void __add_wait_queue_exclusive(struct wait_queue_head *wq_head,
					      struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(wq_head, wq_entry);
}

static inline void __add_wait_queue_entry_tail(struct wait_queue_head *wq_head,
					       struct wait_queue_entry *wq_entry)
{
	list_add_tail(&wq_entry->entry, &wq_head->head);
}

static inline void __add_wait_queue_entry_tail_exclusive(struct wait_queue_head *wq_head,
							 struct wait_queue_entry *wq_entry)
{
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue_entry_tail(wq_head, wq_entry);
}

static inline void __remove_wait_queue(struct wait_queue_head *wq_head,
				       struct wait_queue_entry *wq_entry)
{
	list_del(&wq_entry->entry);
}

int __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr, void *key);
void __wake_up_on_current_cpu(struct wait_queue_head *wq_head, unsigned int mode, void *key);
void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);
void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);
void __wake_up_locked_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);
void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode);

#define wake_up(x)			__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)		__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)			__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x)		__wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x)		__wake_up_locked((x), TASK_NORMAL, 0)
#define wake_up_sync(x)			__wake_up_sync(x, TASK_NORMAL)

#define wake_up_interruptible(x)	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr)	__wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x)	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_interruptible_sync(x)	__wake_up_sync((x), TASK_INTERRUPTIBLE)

/* Poll wake-ups carry the event mask as the key. */
#define poll_to_key(m) ((void *)(uintptr_t)(m))
#define key_to_poll(m) ((unsigned int)(uintptr_t)(void *)(m))
#define wake_up_poll(x, m)		__wake_up(x, TASK_NORMAL, 1, poll_to_key(m))
#define wake_up_poll_on_current_cpu(x, m) __wake_up_on_current_cpu(x, TASK_NORMAL, poll_to_key(m))
#define wake_up_locked_poll(x, m)	__wake_up_locked_key((x), TASK_NORMAL, poll_to_key(m))
#define wake_up_interruptible_poll(x, m) __wake_up(x, TASK_INTERRUPTIBLE, 1, poll_to_key(m))
#define wake_up_interruptible_sync_poll(x, m) \
	__wake_up_sync_key((x), TASK_INTERRUPTIBLE, poll_to_key(m))
#define wake_up_interruptible_sync_poll_locked(x, m) \
	__wake_up_locked_sync_key((x), TASK_INTERRUPTIBLE, poll_to_key(m))

/*
 * The wait_event() machinery. ___wait_event() loops: queue the entry and set the task state
 * (prepare_to_wait_event(), which also notices pending signals for interruptible states),
 * test the condition, run @cmd (normally schedule()). Its value is @ret, or -ERESTARTSYS when
 * a signal ended an interruptible wait. Timeout variants keep the remaining jiffies in __ret,
 * and ___wait_cond_timeout() makes a condition that came true just as time ran out count as
 * success (1).
 */
#define ___wait_cond_timeout(condition)					\
	({								\
		bool __cond = (condition);				\
		if (__cond && !__ret)					\
			__ret = 1;					\
		__cond || !__ret;					\
	})

#define ___wait_is_interruptible(state)					\
	(!__builtin_constant_p(state) ||				\
	 ((state) & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);

#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd)	\
	({								\
		struct wait_queue_entry __wq_entry;			\
		long __ret = ret;					\
									\
		init_wait_entry(&__wq_entry, (exclusive) ? WQ_FLAG_EXCLUSIVE : 0); \
		for (;;) {						\
			long __int = prepare_to_wait_event(&(wq_head), &__wq_entry, \
							   (state));	\
									\
			if (condition)					\
				break;					\
			if (___wait_is_interruptible(state) && __int) {	\
				__ret = __int;				\
				break;					\
			}						\
			cmd;						\
		}							\
		finish_wait(&(wq_head), &__wq_entry);			\
		__ret;							\
	})

#define __wait_event(wq_head, condition)				\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule())

/*
 * wait_event - sleep (uninterruptibly) until @condition is true
 * @wq_head: the wait queue to wait on; wake_up() it after changing the condition
 * @condition: an expression, evaluated again after every wake-up
 */
#define wait_event(wq_head, condition)					\
	do {								\
		might_sleep();						\
		if (condition)						\
			break;						\
		__wait_event(wq_head, condition);			\
	} while (0)

#define __io_wait_event(wq_head, condition) __wait_event(wq_head, condition)
#define io_wait_event(wq_head, condition) wait_event(wq_head, condition)

#define __wait_event_timeout(wq_head, condition, timeout)		\
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_UNINTERRUPTIBLE, 0, \
		      timeout, __ret = schedule_timeout(__ret))

/*
 * wait_event_timeout - wait_event() for at most @timeout jiffies
 *
 * Returns 0 if @condition was still false when the time ran out, 1 if it came true as the time
 * ran out, otherwise the jiffies left (at least 1).
 */
#define wait_event_timeout(wq_head, condition, timeout)			\
	({								\
		long __ret = timeout;					\
		might_sleep();						\
		if (!___wait_cond_timeout(condition))			\
			__ret = __wait_event_timeout(wq_head, condition, timeout); \
		__ret;							\
	})

#define __wait_event_cmd(wq_head, condition, cmd1, cmd2)		\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			    cmd1; schedule(); cmd2)

/* wait_event_cmd - wait_event() running @cmd1 before and @cmd2 after each sleep */
#define wait_event_cmd(wq_head, condition, cmd1, cmd2)			\
	do {								\
		if (condition)						\
			break;						\
		__wait_event_cmd(wq_head, condition, cmd1, cmd2);	\
	} while (0)

#define __wait_event_exclusive_cmd(wq_head, condition, cmd1, cmd2)	\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 1, 0, \
			    cmd1; schedule(); cmd2)

#define wait_event_exclusive_cmd(wq_head, condition, cmd1, cmd2)	\
	do {								\
		if (condition)						\
			break;						\
		__wait_event_exclusive_cmd(wq_head, condition, cmd1, cmd2); \
	} while (0)

#define __wait_event_interruptible(wq_head, condition)			\
	___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, schedule())

/*
 * wait_event_interruptible - sleep until @condition is true or a signal arrives
 *
 * Returns 0 when @condition became true, -ERESTARTSYS when a signal interrupted the wait.
 */
#define wait_event_interruptible(wq_head, condition)			\
	({								\
		int __ret = 0;						\
		might_sleep();						\
		if (!(condition))					\
			__ret = __wait_event_interruptible(wq_head, condition); \
		__ret;							\
	})

#define __wait_event_interruptible_timeout(wq_head, condition, timeout) \
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_INTERRUPTIBLE, 0, \
		      timeout, __ret = schedule_timeout(__ret))

/*
 * wait_event_interruptible_timeout - wait_event_interruptible() for at most @timeout jiffies
 *
 * Returns 0 on timeout with @condition false, 1 if it came true as the time ran out, the
 * jiffies left (at least 1) otherwise, or -ERESTARTSYS when a signal interrupted the wait.
 */
#define wait_event_interruptible_timeout(wq_head, condition, timeout)	\
	({								\
		long __ret = timeout;					\
		might_sleep();						\
		if (!___wait_cond_timeout(condition))			\
			__ret = __wait_event_interruptible_timeout(wq_head, condition, \
								   timeout); \
		__ret;							\
	})

#define __wait_event_interruptible_exclusive(wq, condition)		\
	___wait_event(wq, condition, TASK_INTERRUPTIBLE, 1, 0, schedule())

#define wait_event_interruptible_exclusive(wq, condition)		\
	({								\
		int __ret = 0;						\
		might_sleep();						\
		if (!(condition))					\
			__ret = __wait_event_interruptible_exclusive(wq, condition); \
		__ret;							\
	})

#define __wait_event_killable_exclusive(wq, condition)			\
	___wait_event(wq, condition, TASK_KILLABLE, 1, 0, schedule())

#define wait_event_killable_exclusive(wq, condition)			\
	({								\
		int __ret = 0;						\
		might_sleep();						\
		if (!(condition))					\
			__ret = __wait_event_killable_exclusive(wq, condition); \
		__ret;							\
	})

/* krt has no freezer: a freezable wait is an interruptible one. */
#define __wait_event_freezable(wq_head, condition)			\
	___wait_event(wq_head, condition, (TASK_INTERRUPTIBLE | TASK_FREEZABLE), 0, 0, \
		      schedule())

#define wait_event_freezable(wq_head, condition)			\
	({								\
		int __ret = 0;						\
		might_sleep();						\
		if (!(condition))					\
			__ret = __wait_event_freezable(wq_head, condition); \
		__ret;							\
	})

#define __wait_event_freezable_timeout(wq_head, condition, timeout)	\
	___wait_event(wq_head, ___wait_cond_timeout(condition),		\
		      (TASK_INTERRUPTIBLE | TASK_FREEZABLE), 0, timeout,	\
		      __ret = schedule_timeout(__ret))

#define wait_event_freezable_timeout(wq_head, condition, timeout)	\
	({								\
		long __ret = timeout;					\
		might_sleep();						\
		if (!___wait_cond_timeout(condition))			\
			__ret = __wait_event_freezable_timeout(wq_head, condition, timeout); \
		__ret;							\
	})

#define __wait_event_freezable_exclusive(wq, condition)			\
	___wait_event(wq, condition, (TASK_INTERRUPTIBLE | TASK_FREEZABLE), 1, 0, schedule())

#define wait_event_freezable_exclusive(wq, condition)			\
	({								\
		int __ret = 0;						\
		might_sleep();						\
		if (!(condition))					\
			__ret = __wait_event_freezable_exclusive(wq, condition); \
		__ret;							\
	})

/* wait_event_idle - wait_event() that does not count as load (TASK_IDLE) */
#define wait_event_idle(wq_head, condition)				\
	do {								\
		might_sleep();						\
		if (!(condition))					\
			(void)___wait_event(wq_head, condition, TASK_IDLE, 0, 0, schedule()); \
	} while (0)

#define wait_event_idle_exclusive(wq_head, condition)			\
	do {								\
		might_sleep();						\
		if (!(condition))					\
			(void)___wait_event(wq_head, condition, TASK_IDLE, 1, 0, schedule()); \
	} while (0)

#define __wait_event_idle_timeout(wq_head, condition, timeout)		\
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_IDLE, 0, timeout, \
		      __ret = schedule_timeout(__ret))

#define wait_event_idle_timeout(wq_head, condition, timeout)		\
	({								\
		long __ret = timeout;					\
		might_sleep();						\
		if (!___wait_cond_timeout(condition))			\
			__ret = __wait_event_idle_timeout(wq_head, condition, timeout); \
		__ret;							\
	})

#define __wait_event_idle_exclusive_timeout(wq_head, condition, timeout) \
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_IDLE, 1, timeout, \
		      __ret = schedule_timeout(__ret))

#define wait_event_idle_exclusive_timeout(wq_head, condition, timeout)	\
	({								\
		long __ret = timeout;					\
		might_sleep();						\
		if (!___wait_cond_timeout(condition))			\
			__ret = __wait_event_idle_exclusive_timeout(wq_head, condition, \
								    timeout); \
		__ret;							\
	})

#define __wait_event_killable(wq, condition)				\
	___wait_event(wq, condition, TASK_KILLABLE, 0, 0, schedule())

/*
 * wait_event_killable - sleep until @condition is true or a fatal signal (SIGKILL) arrives
 *
 * Returns 0 when @condition became true, -ERESTARTSYS when SIGKILL interrupted the wait.
 */
#define wait_event_killable(wq_head, condition)				\
	({								\
		int __ret = 0;						\
		might_sleep();						\
		if (!(condition))					\
			__ret = __wait_event_killable(wq_head, condition); \
		__ret;							\
	})

#define __wait_event_state(wq, condition, state)			\
	___wait_event(wq, condition, state, 0, 0, schedule())

/* wait_event_state - wait in task @state; -ERESTARTSYS if a signal that @state allows came */
#define wait_event_state(wq_head, condition, state)			\
	({								\
		int __ret = 0;						\
		might_sleep();						\
		if (!(condition))					\
			__ret = __wait_event_state(wq_head, condition, state); \
		__ret;							\
	})

#define __wait_event_killable_timeout(wq_head, condition, timeout)	\
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_KILLABLE, 0, timeout, \
		      __ret = schedule_timeout(__ret))

#define wait_event_killable_timeout(wq_head, condition, timeout)	\
	({								\
		long __ret = timeout;					\
		might_sleep();						\
		if (!___wait_cond_timeout(condition))			\
			__ret = __wait_event_killable_timeout(wq_head, condition, timeout); \
		__ret;							\
	})

/*
 * The _lock_irq variants are entered with @lock (a spinlock_t, not a pointer) held with
 * spin_lock_irq(); it is dropped around each sleep and held again when they return.
 */
#define __wait_event_lock_irq(wq_head, condition, lock, cmd)		\
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, \
			    spin_unlock_irq(&lock); cmd; schedule(); spin_lock_irq(&lock))

#define wait_event_lock_irq_cmd(wq_head, condition, lock, cmd)		\
	do {								\
		if (condition)						\
			break;						\
		__wait_event_lock_irq(wq_head, condition, lock, cmd);	\
	} while (0)

#define wait_event_lock_irq(wq_head, condition, lock)			\
	do {								\
		if (condition)						\
			break;						\
		__wait_event_lock_irq(wq_head, condition, lock, );	\
	} while (0)

#define __wait_event_interruptible_lock_irq(wq_head, condition, lock, cmd) \
	___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0,	\
		      spin_unlock_irq(&lock); cmd; schedule(); spin_lock_irq(&lock))

#define wait_event_interruptible_lock_irq_cmd(wq_head, condition, lock, cmd) \
	({								\
		int __ret = 0;						\
		if (!(condition))					\
			__ret = __wait_event_interruptible_lock_irq(wq_head, condition, \
								    lock, cmd); \
		__ret;							\
	})

#define wait_event_interruptible_lock_irq(wq_head, condition, lock)	\
	({								\
		int __ret = 0;						\
		if (!(condition))					\
			__ret = __wait_event_interruptible_lock_irq(wq_head, condition, \
								    lock, ); \
		__ret;							\
	})

#define __wait_event_lock_irq_timeout(wq_head, condition, lock, timeout, state) \
	___wait_event(wq_head, ___wait_cond_timeout(condition), state, 0, timeout, \
		      spin_unlock_irq(&lock); __ret = schedule_timeout(__ret);	\
		      spin_lock_irq(&lock))

#define wait_event_interruptible_lock_irq_timeout(wq_head, condition, lock, timeout) \
	({								\
		long __ret = timeout;					\
		if (!___wait_cond_timeout(condition))			\
			__ret = __wait_event_lock_irq_timeout(wq_head, condition, lock, \
							      timeout, TASK_INTERRUPTIBLE); \
		__ret;							\
	})

#define wait_event_lock_irq_timeout(wq_head, condition, lock, timeout)	\
	({								\
		long __ret = timeout;					\
		if (!___wait_cond_timeout(condition))			\
			__ret = __wait_event_lock_irq_timeout(wq_head, condition, lock, \
							      timeout, TASK_UNINTERRUPTIBLE); \
		__ret;							\
	})

/*
 * The _locked variants are entered with the wait queue's own lock held (plain or _irq) and
 * return with it held; do_wait_intr*() drop it around each sleep.
 */
int do_wait_intr(wait_queue_head_t *wq, wait_queue_entry_t *wait);
int do_wait_intr_irq(wait_queue_head_t *wq, wait_queue_entry_t *wait);

#define __wait_event_interruptible_locked(wq, condition, exclusive, fn)	\
	({								\
		int __ret;						\
		DEFINE_WAIT(__wait);					\
		if (exclusive)						\
			__wait.flags |= WQ_FLAG_EXCLUSIVE;		\
		do {							\
			__ret = fn(&(wq), &__wait);			\
			if (__ret)					\
				break;					\
		} while (!(condition));					\
		__remove_wait_queue(&(wq), &__wait);			\
		__set_current_state(TASK_RUNNING);			\
		__ret;							\
	})

#define wait_event_interruptible_locked(wq, condition)			\
	((condition) ? 0 : __wait_event_interruptible_locked(wq, condition, 0, do_wait_intr))
#define wait_event_interruptible_locked_irq(wq, condition)		\
	((condition) ? 0 : __wait_event_interruptible_locked(wq, condition, 0, do_wait_intr_irq))
#define wait_event_interruptible_exclusive_locked(wq, condition)	\
	((condition) ? 0 : __wait_event_interruptible_locked(wq, condition, 1, do_wait_intr))
#define wait_event_interruptible_exclusive_locked_irq(wq, condition)	\
	((condition) ? 0 : __wait_event_interruptible_locked(wq, condition, 1, do_wait_intr_irq))

/* Entries that leave the queue when they are woken. */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			       int state);
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode, long timeout);
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *key);

#define DEFINE_WAIT_FUNC(name, function)				\
	struct wait_queue_entry name = {				\
		.private = current,					\
		.func = function,					\
		.entry = LIST_HEAD_INIT((name).entry),			\
	}

#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

#define init_wait(wait)							\
	do {								\
		(wait)->private = current;				\
		(wait)->func = autoremove_wake_function;		\
		INIT_LIST_HEAD(&(wait)->entry);				\
		(wait)->flags = 0;					\
	} while (0)

#endif /* _KRT_LINUX_WAIT_H */
