// SPDX-License-Identifier: MIT
/*
 * Reader-writer semaphores. The count word holds the number of readers, the writer bit and a
 * "waiters" flag; the owner word the writing task. Uncontended down/up are one atomic operation
 * each (acquire/release, so ThreadSanitizer sees the edges). Contended lockers queue in FIFO
 * order on wait_list under wait_lock and sleep in the task-state protocol; whoever frees the
 * lock grants it to the waiters at the head of the queue (one writer, or all the readers up to
 * the next writer) and wakes them. While anybody waits, new readers queue too, so writers are
 * not starved.
 *
 * Checks: CONFIG_DEBUG_RWSEMS's DEBUG_RWSEMS_WARN_ON reports (magic, up_read of a semaphore not
 * read-held, up_write/downgrade by a task that does not hold it for writing), lockdep's
 * unlock-balance report, and self-deadlocks: taking a semaphore for writing that the task
 * already holds, or for reading while it holds it for writing, is reported the way lockdep does
 * and BUG()s; a second read lock is reported but let through ahead of waiting writers, so it
 * cannot deadlock on them.
 */
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/sched.h>

#include "kernel/locking/locking.h"

#define RWSEM_READER_MASK	(~(RWSEM_READER_BIAS - 1))
#define RWSEM_LOCK_MASK		(RWSEM_WRITER_LOCKED | RWSEM_READER_MASK)
/* krt does not spin on a running owner, so no owner is ever "non-spinnable". */
#define RWSEM_NONSPINNABLE	0L

enum rwsem_waiter_type {
	RWSEM_WAITING_FOR_WRITE,
	RWSEM_WAITING_FOR_READ,
};

struct rwsem_waiter {
	struct list_head list;
	struct task_struct *task;
	enum rwsem_waiter_type type;
	u32 granted;		/* set (release) by whoever hands the lock over */
};

#define DEBUG_RWSEMS_WARN_ON(c, sem)					\
	({								\
		bool __c = !!(c);					\
		if (!debug_locks_silent &&				\
		    WARN_ONCE(__c, "DEBUG_RWSEMS_WARN_ON(%s): count = 0x%lx, magic = 0x%lx, owner = 0x%lx, curr 0x%lx, list %sempty\n", \
			      #c, atomic_long_read(&(sem)->count),	\
			      (unsigned long)(sem)->magic,		\
			      atomic_long_read(&(sem)->owner), (long)current, \
			      list_empty(&(sem)->wait_list) ? "" : "not ")) \
			debug_locks_off();				\
		__c;							\
	})

static inline struct task_struct *rwsem_owner(struct rw_semaphore *sem)
{
	return (struct task_struct *)atomic_long_read(&sem->owner);
}

static inline bool rwsem_test_oflags(struct rw_semaphore *sem, long flags)
{
	return atomic_long_read(&sem->owner) & flags;
}

static inline bool is_rwsem_reader_owned(struct rw_semaphore *sem)
{
	return (atomic_long_read(&sem->count) & RWSEM_READER_MASK) != 0;
}

/**
 * __init_rwsem - initialise a reader-writer semaphore (use init_rwsem())
 * @sem: the semaphore
 * @name: its name for lockdep reports
 * @key: lock class key (unused)
 */
void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key)
{
	sem->dep_map.name = name;
	sem->dep_map.wait_type_inner = LD_WAIT_SLEEP;
	atomic_long_set(&sem->count, RWSEM_UNLOCKED_VALUE);
	atomic_long_set(&sem->owner, 0);
	raw_spin_lock_init(&sem->wait_lock);
	INIT_LIST_HEAD(&sem->wait_list);
	sem->magic = sem;
}

/* A semaphore that was never initialised is all zeroes: make its wait list usable. */
static void rwsem_check_init(struct rw_semaphore *sem)
{
	if (unlikely(!sem->wait_list.next))
		INIT_LIST_HEAD(&sem->wait_list);
}

static void rwsem_grant_waiter(struct rwsem_waiter *w)
{
	struct task_struct *task = w->task;

	/* Once granted is set the waiter may return and its task exit: keep the task alive. */
	get_task_struct(task);
	list_del(&w->list);
	smp_store_release(&w->granted, 1);
	/* Pairs with set_current_state() in rwsem_wait(): see granted, or be woken. */
	smp_mb();
	wake_up_process(task);
	put_task_struct(task);
}

/*
 * With wait_lock held: hand the lock to the waiters at the head of the queue while it can be
 * had - one writer, or the readers up to the next writer - and keep the waiters flag in step
 * with the queue.
 */
static void rwsem_grant(struct rw_semaphore *sem)
{
	struct rwsem_waiter *w, *tmp;
	long c;

	list_for_each_entry_safe(w, tmp, &sem->wait_list, list) {
		c = atomic_long_read(&sem->count);
		if (w->type == RWSEM_WAITING_FOR_WRITE) {
			do {
				if (c & RWSEM_LOCK_MASK)
					goto out;
			} while (!atomic_long_try_cmpxchg_acquire(&sem->count, &c,
								  c | RWSEM_WRITER_LOCKED));
			atomic_long_set(&sem->owner, (long)w->task);
			rwsem_grant_waiter(w);
			break;
		}
		do {
			if (c & RWSEM_WRITER_LOCKED)
				goto out;
		} while (!atomic_long_try_cmpxchg_acquire(&sem->count, &c,
							  c + RWSEM_READER_BIAS));
		rwsem_grant_waiter(w);
	}
out:
	if (list_empty(&sem->wait_list))
		atomic_long_andnot(RWSEM_FLAG_WAITERS, &sem->count);
}

static void rwsem_wake(struct rw_semaphore *sem)
{
	raw_spin_lock(&sem->wait_lock);
	rwsem_check_init(sem);
	rwsem_grant(sem);
	raw_spin_unlock(&sem->wait_lock);
}

/*
 * Queue @w (wait_lock held, dropped here) and sleep until the lock is granted or, in an
 * interruptible @state, a signal arrives (-EINTR).
 */
static int rwsem_wait(struct rw_semaphore *sem, struct rwsem_waiter *w, unsigned int state)
{
	struct task_struct *curr = current;

	w->task = curr;
	w->granted = 0;
	list_add_tail(&w->list, &sem->wait_list);
	atomic_long_or(RWSEM_FLAG_WAITERS, &sem->count);
	/* The lock may have been released before we queued. */
	rwsem_grant(sem);
	raw_spin_unlock(&sem->wait_lock);

	for (;;) {
		set_current_state(state);
		if (smp_load_acquire(&w->granted))
			break;
		if (signal_pending_state(state, curr)) {
			raw_spin_lock(&sem->wait_lock);
			if (smp_load_acquire(&w->granted)) {
				/* Granted meanwhile: we hold the lock now, keep it. */
				raw_spin_unlock(&sem->wait_lock);
				break;
			}
			list_del(&w->list);
			/* Waiters behind us may be able to go now. */
			rwsem_grant(sem);
			raw_spin_unlock(&sem->wait_lock);
			__set_current_state(TASK_RUNNING);
			return -EINTR;
		}
		schedule();
	}
	__set_current_state(TASK_RUNNING);
	return 0;
}

/* Take a read lock: fast path, then the queue. Returns 0 or -EINTR. */
static int __down_read(struct rw_semaphore *sem, unsigned int state)
{
	struct rwsem_waiter waiter;
	long c = atomic_long_read(&sem->count);

	while (!(c & (RWSEM_WRITER_LOCKED | RWSEM_FLAG_WAITERS))) {
		if (atomic_long_try_cmpxchg_acquire(&sem->count, &c, c + RWSEM_READER_BIAS))
			return 0;
	}
	raw_spin_lock(&sem->wait_lock);
	rwsem_check_init(sem);
	if (list_empty(&sem->wait_list)) {
		c = atomic_long_read(&sem->count);
		while (!(c & RWSEM_WRITER_LOCKED)) {
			if (atomic_long_try_cmpxchg_acquire(&sem->count, &c,
							    c + RWSEM_READER_BIAS)) {
				raw_spin_unlock(&sem->wait_lock);
				return 0;
			}
		}
	}
	waiter.type = RWSEM_WAITING_FOR_READ;
	return rwsem_wait(sem, &waiter, state);
}

/* Take a write lock: fast path, then the queue. Returns 0 or -EINTR. */
static int __down_write(struct rw_semaphore *sem, unsigned int state)
{
	struct task_struct *curr = current;
	struct rwsem_waiter waiter;
	long c = RWSEM_UNLOCKED_VALUE;

	if (atomic_long_try_cmpxchg_acquire(&sem->count, &c, RWSEM_WRITER_LOCKED))
		goto owned;
	raw_spin_lock(&sem->wait_lock);
	rwsem_check_init(sem);
	if (list_empty(&sem->wait_list)) {
		c = atomic_long_read(&sem->count);
		while (!(c & RWSEM_LOCK_MASK)) {
			if (atomic_long_try_cmpxchg_acquire(&sem->count, &c,
							    c | RWSEM_WRITER_LOCKED)) {
				raw_spin_unlock(&sem->wait_lock);
				goto owned;
			}
		}
	}
	waiter.type = RWSEM_WAITING_FOR_WRITE;
	/* A granted writer finds itself set as owner by the granter. */
	return rwsem_wait(sem, &waiter, state);
owned:
	atomic_long_set(&sem->owner, (long)curr);
	return 0;
}

static int down_read_common(struct rw_semaphore *sem, unsigned int state, unsigned long ip)
{
	struct held_lock *hl;
	int ret;

	might_sleep();
	DEBUG_RWSEMS_WARN_ON(sem->magic != sem, sem);
	hl = krt_held_lock_find(sem);
	if (unlikely(rwsem_owner(sem) == current || (hl && !hl->read))) {
		/* Reading inside our own write section can never succeed. */
		krt_report_recursive_locking(sem, sem->dep_map.name, LD_WAIT_SLEEP, ip);
		BUG();
	}
	if (unlikely(hl)) {
		/*
		 * A second read lock would queue behind a waiting writer that waits for our first
		 * one. lockdep reports it; krt then lets the reader in (no writer can hold it).
		 */
		krt_report_recursive_locking(sem, sem->dep_map.name, LD_WAIT_SLEEP, ip);
		atomic_long_add_return_acquire(RWSEM_READER_BIAS, &sem->count);
		goto acquired;
	}
	ret = __down_read(sem, state);
	if (ret)
		return ret;
acquired:
	lock_acquire_krt(sem, sem->dep_map.name, 1, LD_WAIT_SLEEP, ip);
	return 0;
}

static int down_write_common(struct rw_semaphore *sem, unsigned int state, unsigned long ip)
{
	int ret;

	might_sleep();
	DEBUG_RWSEMS_WARN_ON(sem->magic != sem, sem);
	if (unlikely(rwsem_owner(sem) == current || krt_held_lock_find(sem))) {
		/* Writing needs everybody else out, including ourselves. */
		krt_report_recursive_locking(sem, sem->dep_map.name, LD_WAIT_SLEEP, ip);
		BUG();
	}
	ret = __down_write(sem, state);
	if (ret)
		return ret;
	lock_acquire_krt(sem, sem->dep_map.name, 0, LD_WAIT_SLEEP, ip);
	return 0;
}

/**
 * down_read - take the semaphore for reading, sleeping as long as needed
 * @sem: the semaphore
 */
void down_read(struct rw_semaphore *sem)
{
	down_read_common(sem, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

/**
 * down_read_interruptible - take the semaphore for reading unless a signal arrives
 * @sem: the semaphore
 *
 * Returns 0 with the read lock held, -EINTR if a signal was pending while it had to wait.
 */
int down_read_interruptible(struct rw_semaphore *sem)
{
	return down_read_common(sem, TASK_INTERRUPTIBLE, _RET_IP_);
}

/**
 * down_read_killable - take the semaphore for reading unless a fatal signal arrives
 * @sem: the semaphore
 *
 * Returns 0 with the read lock held, -EINTR if SIGKILL was pending while it had to wait.
 */
int down_read_killable(struct rw_semaphore *sem)
{
	return down_read_common(sem, TASK_KILLABLE, _RET_IP_);
}

/**
 * down_read_trylock - take the semaphore for reading if that needs no waiting
 * @sem: the semaphore
 *
 * Fails when a writer holds it or anybody waits for it. Returns 1 on success, 0 otherwise.
 */
int down_read_trylock(struct rw_semaphore *sem)
{
	long c = atomic_long_read(&sem->count);

	DEBUG_RWSEMS_WARN_ON(sem->magic != sem, sem);
	while (!(c & (RWSEM_WRITER_LOCKED | RWSEM_FLAG_WAITERS))) {
		if (atomic_long_try_cmpxchg_acquire(&sem->count, &c, c + RWSEM_READER_BIAS)) {
			lock_acquire_krt(sem, sem->dep_map.name, 1, LD_WAIT_SLEEP, _RET_IP_);
			return 1;
		}
	}
	return 0;
}

/* Drop one read lock; false (and a report) if nobody holds it for reading. */
static bool __up_read(struct rw_semaphore *sem)
{
	long c = atomic_long_read(&sem->count);

	DEBUG_RWSEMS_WARN_ON(sem->magic != sem, sem);
	do {
		if (DEBUG_RWSEMS_WARN_ON(!is_rwsem_reader_owned(sem), sem))
			return false;
	} while (!atomic_long_try_cmpxchg_release(&sem->count, &c, c - RWSEM_READER_BIAS));
	c -= RWSEM_READER_BIAS;
	/* The last reader left and somebody waits: hand the lock over. */
	if ((c & (RWSEM_LOCK_MASK | RWSEM_FLAG_WAITERS)) == RWSEM_FLAG_WAITERS)
		rwsem_wake(sem);
	return true;
}

/**
 * up_read - release a read lock
 * @sem: the semaphore
 *
 * Releasing a semaphore that is not read-held is reported and changes nothing.
 */
void up_read(struct rw_semaphore *sem)
{
	lock_release_krt(sem, _RET_IP_);
	__up_read(sem);
}

/**
 * down_write - take the semaphore for writing, sleeping as long as needed
 * @sem: the semaphore
 */
void down_write(struct rw_semaphore *sem)
{
	down_write_common(sem, TASK_UNINTERRUPTIBLE, _RET_IP_);
}

/**
 * down_write_killable - take the semaphore for writing unless a fatal signal arrives
 * @sem: the semaphore
 *
 * Returns 0 with the write lock held, -EINTR if SIGKILL was pending while it had to wait.
 */
int down_write_killable(struct rw_semaphore *sem)
{
	return down_write_common(sem, TASK_KILLABLE, _RET_IP_);
}

/**
 * down_write_trylock - take the semaphore for writing if it is free and nobody waits
 * @sem: the semaphore
 *
 * Returns 1 on success, 0 otherwise.
 */
int down_write_trylock(struct rw_semaphore *sem)
{
	long c = RWSEM_UNLOCKED_VALUE;

	DEBUG_RWSEMS_WARN_ON(sem->magic != sem, sem);
	if (!atomic_long_try_cmpxchg_acquire(&sem->count, &c, RWSEM_WRITER_LOCKED))
		return 0;
	atomic_long_set(&sem->owner, (long)current);
	lock_acquire_krt(sem, sem->dep_map.name, 0, LD_WAIT_SLEEP, _RET_IP_);
	return 1;
}

/**
 * up_write - release the write lock
 * @sem: the semaphore
 *
 * Releasing a semaphore that another task write-holds is reported (and done, as in the
 * kernel); releasing one that is not write-held is reported and changes nothing.
 */
void up_write(struct rw_semaphore *sem)
{
	long c;

	lock_release_krt(sem, _RET_IP_);
	DEBUG_RWSEMS_WARN_ON(sem->magic != sem, sem);
	DEBUG_RWSEMS_WARN_ON((rwsem_owner(sem) != current) &&
			     !rwsem_test_oflags(sem, RWSEM_NONSPINNABLE), sem);
	if (!(atomic_long_read(&sem->count) & RWSEM_WRITER_LOCKED))
		return;
	atomic_long_set(&sem->owner, 0);
	c = atomic_long_fetch_and_release(~RWSEM_WRITER_LOCKED, &sem->count);
	if (c & RWSEM_FLAG_WAITERS)
		rwsem_wake(sem);
}

/**
 * downgrade_write - turn the write lock current holds into a read lock, atomically
 * @sem: the semaphore
 *
 * Readers waiting at the head of the queue get in at once.
 */
void downgrade_write(struct rw_semaphore *sem)
{
	struct held_lock *hl;
	unsigned long ip = _RET_IP_;
	long c;

	if (DEBUG_RWSEMS_WARN_ON(rwsem_owner(sem) != current, sem) &&
	    !(atomic_long_read(&sem->count) & RWSEM_WRITER_LOCKED))
		return;
	hl = krt_held_lock_find(sem);
	if (hl) {
		ip = hl->acquire_ip;
		lock_release_krt(sem, ip);
		lock_acquire_krt(sem, sem->dep_map.name, 1, LD_WAIT_SLEEP, ip);
	}
	atomic_long_set(&sem->owner, 0);
	c = atomic_long_fetch_add_release(RWSEM_READER_BIAS - RWSEM_WRITER_LOCKED, &sem->count);
	if (c & RWSEM_FLAG_WAITERS)
		rwsem_wake(sem);
}

/**
 * down_read_non_owner - down_read() for a lock another task will release
 * @sem: the semaphore
 *
 * Not recorded by lockdep; release it with up_read_non_owner().
 */
void down_read_non_owner(struct rw_semaphore *sem)
{
	might_sleep();
	DEBUG_RWSEMS_WARN_ON(sem->magic != sem, sem);
	__down_read(sem, TASK_UNINTERRUPTIBLE);
}

/**
 * up_read_non_owner - release a read lock taken with down_read_non_owner()
 * @sem: the semaphore
 */
void up_read_non_owner(struct rw_semaphore *sem)
{
	__up_read(sem);
}
