// SPDX-License-Identifier: MIT
/*
 * Mutexes. The owner word holds the owning task, plus MUTEX_FLAG_WAITERS while tasks wait: the
 * uncontended lock and unlock are one compare-and-exchange each (acquire/release, so the mutex
 * is a happens-before edge for ThreadSanitizer). A contended locker queues on wait_list under
 * wait_lock and sleeps in the task-state protocol; unlock wakes the first waiter, which then
 * competes for the lock again.
 *
 * Checks (CONFIG_DEBUG_MUTEXES and lockdep): might_sleep() on every lock, the magic of an
 * initialised mutex, unlock by a non-owner (the kernel's DEBUG_LOCKS_WARN_ON), unlock of an
 * unlocked mutex (lockdep's "bad unlock balance"; krt then leaves the mutex alone), and locking
 * a mutex the task already holds (lockdep's "possible recursive locking detected", then BUG()
 * where the kernel would hang).
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>

#include "kernel/locking/locking.h"

#define MUTEX_FLAG_WAITERS	0x01UL
#define MUTEX_FLAGS		0x07UL

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
};

static inline struct task_struct *__owner_task(unsigned long owner)
{
	return (struct task_struct *)(owner & ~MUTEX_FLAGS);
}

/**
 * __mutex_init - initialise a mutex (use mutex_init())
 * @lock: the mutex
 * @name: its name for lockdep reports
 * @key: lock class key (unused)
 */
void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key)
{
	lock->dep_map.name = name;
	lock->dep_map.wait_type_inner = LD_WAIT_SLEEP;
	atomic_long_set(&lock->owner, 0);
	raw_spin_lock_init(&lock->wait_lock);
	INIT_LIST_HEAD(&lock->wait_list);
	lock->magic = lock;
}

/**
 * mutex_is_locked - is the mutex locked (by anyone)?
 * @lock: the mutex
 */
bool mutex_is_locked(struct mutex *lock)
{
	return __owner_task(atomic_long_read(&lock->owner)) != NULL;
}

/**
 * mutex_get_owner - the task holding @lock, as an unsigned long (0 when unlocked)
 * @lock: the mutex
 */
unsigned long mutex_get_owner(struct mutex *lock)
{
	return (unsigned long)__owner_task(atomic_long_read(&lock->owner));
}

/**
 * mutex_destroy - mark a mutex unusable
 * @lock: the mutex, which must not be locked
 */
void mutex_destroy(struct mutex *lock)
{
	DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock));
	lock->magic = NULL;
}

static __always_inline bool mutex_trylock_fast(struct mutex *lock, struct task_struct *curr)
{
	long zero = 0;

	return atomic_long_try_cmpxchg_acquire(&lock->owner, &zero, (long)curr);
}

/* Take the mutex if nobody owns it, keeping the flags. */
static bool __mutex_trylock(struct mutex *lock, struct task_struct *curr)
{
	long owner = atomic_long_read(&lock->owner);

	do {
		if (__owner_task(owner))
			return false;
	} while (!atomic_long_try_cmpxchg_acquire(&lock->owner, &owner,
						  (long)curr | (owner & MUTEX_FLAGS)));
	return true;
}

/* A mutex that was never initialised is all zeroes: make its wait list usable. */
static void mutex_check_init(struct mutex *lock)
{
	if (unlikely(!lock->wait_list.next))
		INIT_LIST_HEAD(&lock->wait_list);
}

/* With wait_lock held: give the first waiter a chance at the now free lock. */
static void mutex_wake_first(struct mutex *lock)
{
	struct mutex_waiter *w;

	w = list_first_entry_or_null(&lock->wait_list, struct mutex_waiter, list);
	if (w)
		wake_up_process(w->task);
}

static int __mutex_lock_common(struct mutex *lock, unsigned int state, unsigned long ip)
{
	struct task_struct *curr = current;
	struct mutex_waiter waiter;
	int ret = 0;

	might_sleep();
	DEBUG_LOCKS_WARN_ON(lock->magic != lock);

	if (mutex_trylock_fast(lock, curr))
		goto acquired;
	if (unlikely(__owner_task(atomic_long_read(&lock->owner)) == curr)) {
		krt_report_recursive_locking(lock, lock->dep_map.name, LD_WAIT_SLEEP, ip);
		BUG();
	}

	raw_spin_lock(&lock->wait_lock);
	mutex_check_init(lock);
	if (__mutex_trylock(lock, curr)) {
		raw_spin_unlock(&lock->wait_lock);
		goto acquired;
	}
	waiter.task = curr;
	list_add_tail(&waiter.list, &lock->wait_list);
	atomic_long_or(MUTEX_FLAG_WAITERS, &lock->owner);

	for (;;) {
		/* The state is set before the attempt: an unlock after it wakes us for sure. */
		set_current_state(state);
		if (__mutex_trylock(lock, curr))
			break;
		if (signal_pending_state(state, curr)) {
			ret = -EINTR;
			break;
		}
		raw_spin_unlock(&lock->wait_lock);
		schedule();
		raw_spin_lock(&lock->wait_lock);
	}
	__set_current_state(TASK_RUNNING);
	list_del(&waiter.list);
	if (list_empty(&lock->wait_list))
		atomic_long_andnot(MUTEX_FLAG_WAITERS, &lock->owner);
	else if (ret && !__owner_task(atomic_long_read(&lock->owner)))
		/* We may have taken the wake-up meant for the lock we now give up on. */
		mutex_wake_first(lock);
	raw_spin_unlock(&lock->wait_lock);
	if (ret)
		return ret;

acquired:
	lock_acquire_krt(lock, lock->dep_map.name, 0, LD_WAIT_SLEEP, ip);
	return 0;
}

/**
 * mutex_lock - acquire the mutex, sleeping until it is available
 * @lock: the mutex
 *
 * Must not be called from atomic context (reported by might_sleep()).
 */
void mutex_lock(struct mutex *lock)
{
	__mutex_lock_common(lock, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

/**
 * mutex_lock_io - mutex_lock() accounted as waiting for I/O
 * @lock: the mutex
 */
void mutex_lock_io(struct mutex *lock)
{
	__mutex_lock_common(lock, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

/**
 * mutex_lock_interruptible - acquire the mutex, unless a signal arrives while waiting
 * @lock: the mutex
 *
 * Returns 0 with the mutex held, or -EINTR if a signal was pending while it had to wait.
 */
int mutex_lock_interruptible(struct mutex *lock)
{
	return __mutex_lock_common(lock, TASK_INTERRUPTIBLE, _RET_IP_);
}

/**
 * mutex_lock_killable - acquire the mutex, unless a fatal signal arrives while waiting
 * @lock: the mutex
 *
 * Returns 0 with the mutex held, or -EINTR if SIGKILL was pending while it had to wait.
 */
int mutex_lock_killable(struct mutex *lock)
{
	return __mutex_lock_common(lock, TASK_KILLABLE, _RET_IP_);
}

/**
 * mutex_trylock - acquire the mutex if it is free, without waiting
 * @lock: the mutex
 *
 * Returns 1 with the mutex held, 0 if it is locked (also when current holds it).
 */
int mutex_trylock(struct mutex *lock)
{
	DEBUG_LOCKS_WARN_ON(lock->magic != lock);
	if (!__mutex_trylock(lock, current))
		return 0;
	lock_acquire_krt(lock, lock->dep_map.name, 0, LD_WAIT_SLEEP, _RET_IP_);
	return 1;
}

/**
 * mutex_unlock - release the mutex
 * @lock: the mutex, held by current
 *
 * Releasing a mutex that another task holds WARNs (and releases it, as the kernel does);
 * releasing an unlocked mutex is reported and changes nothing.
 */
void mutex_unlock(struct mutex *lock)
{
	long owner = atomic_long_read(&lock->owner);
	long expected = (long)current;

	if (unlikely(!__owner_task(owner))) {
		/* lockdep sees a release of a lock this task does not hold. */
		lock_release_krt(lock, _RET_IP_);
		return;
	}
	if (!DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current))
		lock_release_krt(lock, _RET_IP_);

	if (atomic_long_try_cmpxchg_release(&lock->owner, &expected, 0))
		return;
	/* Drop the owner, keep the flags; wake a waiter if there is one. */
	owner = atomic_long_fetch_and_release(MUTEX_FLAGS, &lock->owner);
	if (owner & MUTEX_FLAG_WAITERS) {
		raw_spin_lock(&lock->wait_lock);
		mutex_wake_first(lock);
		raw_spin_unlock(&lock->wait_lock);
	}
}

/**
 * atomic_dec_and_mutex_lock - decrement @cnt, taking @lock if it drops to zero
 * @cnt: the counter
 * @lock: the mutex to hold when the counter reaches zero
 *
 * Returns 1 with @lock held if the counter reached zero, 0 (not held) otherwise.
 */
int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock)
{
	/* Not the last reference: no need for the lock. */
	if (atomic_add_unless(cnt, -1, 1))
		return 0;
	mutex_lock(lock);
	if (!atomic_dec_and_test(cnt)) {
		mutex_unlock(lock);
		return 0;
	}
	return 1;
}
