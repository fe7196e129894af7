// SPDX-License-Identifier: MIT
/*
 * rwlock_t. The lock word (see <linux/rwlock.h>) counts readers and carries three flags: a
 * writer holds it, a writer waits, someone sleeps on the futex. As with the kernel's queued
 * rwlock, a waiting writer holds back new readers in task context (so writers are not
 * starved) but not readers in interrupt context, which may nest inside a read section.
 * Waiters spin briefly and then sleep on the word; whoever leaves the lock free with sleepers
 * flagged wakes them all to compete again.
 *
 * Debug checks follow CONFIG_DEBUG_SPINLOCK ("BUG: rwlock ..."). Lock recursion that would
 * deadlock is reported (write after write with the kernel's "recursion" text, the mixed cases
 * as lockdep reports them) and then BUG()s instead of hanging.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

#include "arch/host/host.h"
#include "kernel/locking/locking.h"

#define RW_READERS_MASK (~(RWLOCK_READER - 1))
#define RW_FLAGS_MASK (RWLOCK_WWAITING | RWLOCK_SLEEPERS)

/**
 * __rwlock_init - initialise an rwlock
 * @lock: the lock
 * @name: its name for lockdep reports (rwlock_init() passes the lock expression)
 * @key: lock class key (unused)
 */
void __rwlock_init(rwlock_t *lock, const char *name, struct lock_class_key *key)
{
	lock->cnt = 0;
	lock->magic = RWLOCK_MAGIC;
	lock->owner = SPINLOCK_OWNER_INIT;
	lock->name = name;
}

static void rwlock_bug(rwlock_t *lock, const char *msg)
{
	struct task_struct *curr = current;

	if (!debug_locks_off())
		return;
	printk(KERN_EMERG "BUG: rwlock %s on CPU#%d, %s/%d, %p\n", msg, host_current_cpu(),
	       curr->comm, task_pid_nr(curr), lock);
	dump_stack();
}

static inline void check_magic(rwlock_t *lock)
{
	if (unlikely(READ_ONCE(lock->magic) != RWLOCK_MAGIC))
		rwlock_bug(lock, "bad magic");
}

/* Poll the word a while, then flag sleepers and sleep until it changes. Returns its value. */
static u32 rw_wait(rwlock_t *lock, u32 v, int *spins)
{
	if ((*spins)++ < KRT_LOCK_SPINS) {
		cpu_relax();
		return __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
	}
	if (!(v & RWLOCK_SLEEPERS)) {
		if (!__atomic_compare_exchange_n(&lock->cnt, &v, v | RWLOCK_SLEEPERS, false,
						 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			return v;
		v |= RWLOCK_SLEEPERS;
	}
	host_futex_wait(&lock->cnt, v, -1);
	return __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
}

/* @v is the word after a release: if that left the lock free, wake whoever sleeps on it. */
static void rw_wake(rwlock_t *lock, u32 v)
{
	while ((v & RWLOCK_SLEEPERS) && !(v & ~RW_FLAGS_MASK)) {
		if (__atomic_compare_exchange_n(&lock->cnt, &v, v & ~RWLOCK_SLEEPERS, false,
						__ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
			host_futex_wake(&lock->cnt, INT_MAX);
			return;
		}
	}
}

static void rw_read_acquire(rwlock_t *lock, bool bypass)
{
	u32 v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
	int spins = 0;

	for (;;) {
		if (!(v & RWLOCK_WLOCKED) && (bypass || !(v & RWLOCK_WWAITING))) {
			if (__atomic_compare_exchange_n(&lock->cnt, &v, v + RWLOCK_READER, false,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				return;
			continue;
		}
		v = rw_wait(lock, v, &spins);
	}
}

static void rw_write_acquire(rwlock_t *lock)
{
	u32 v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);
	int spins = 0;

	for (;;) {
		if (!(v & ~RW_FLAGS_MASK)) {
			/* Free: take it, clearing "writer waits" (other writers set it again). */
			u32 locked = RWLOCK_WLOCKED | (v & RWLOCK_SLEEPERS);

			if (__atomic_compare_exchange_n(&lock->cnt, &v, locked, false,
							__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				return;
			continue;
		}
		if (!(v & RWLOCK_WWAITING)) {
			if (__atomic_compare_exchange_n(&lock->cnt, &v, v | RWLOCK_WWAITING, false,
							__ATOMIC_RELAXED, __ATOMIC_RELAXED))
				v |= RWLOCK_WWAITING;
			continue;
		}
		v = rw_wait(lock, v, &spins);
	}
}

static void do_read_lock(rwlock_t *lock, unsigned long ip)
{
	struct held_lock *hl;
	bool bypass = in_interrupt();

	check_magic(lock);
	hl = krt_held_lock_find(lock);
	if (unlikely(hl || READ_ONCE(lock->owner) == current)) {
		if (READ_ONCE(lock->owner) == current || !hl->read) {
			/* Read inside our own write section: that can never succeed. */
			krt_report_recursive_locking(lock, lock->name, LD_WAIT_CONFIG, ip);
			BUG();
		}
		/*
		 * A second read in task context would wait behind a waiting writer, which waits for
		 * our first read: lockdep reports it; krt then lets the reader in.
		 */
		if (!bypass)
			krt_report_recursive_locking(lock, lock->name, LD_WAIT_CONFIG, ip);
		bypass = true;
	}
	rw_read_acquire(lock, bypass);
	lock_acquire_krt(lock, lock->name, in_interrupt() ? 2 : 1, LD_WAIT_CONFIG, ip);
}

static int do_read_trylock(rwlock_t *lock, unsigned long ip)
{
	u32 v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	while (!(v & (RWLOCK_WLOCKED | RWLOCK_WWAITING))) {
		if (__atomic_compare_exchange_n(&lock->cnt, &v, v + RWLOCK_READER, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			lock_acquire_krt(lock, lock->name, in_interrupt() ? 2 : 1, LD_WAIT_CONFIG,
					 ip);
			return 1;
		}
	}
	return 0;
}

/* Returns false (nothing released) when no reader holds @lock. */
static bool do_read_unlock(rwlock_t *lock, unsigned long ip)
{
	u32 v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	check_magic(lock);
	/* Reports "bad unlock balance" when this task holds no read lock on @lock. */
	lock_release_krt(lock, ip);
	do {
		if (!(v & RW_READERS_MASK) || (v & RWLOCK_WLOCKED)) {
			rwlock_bug(lock, "already unlocked");
			return false;
		}
	} while (!__atomic_compare_exchange_n(&lock->cnt, &v, v - RWLOCK_READER, false,
					      __ATOMIC_RELEASE, __ATOMIC_RELAXED));
	rw_wake(lock, v - RWLOCK_READER);
	return true;
}

static void do_write_lock(rwlock_t *lock, unsigned long ip)
{
	struct task_struct *curr = current;
	struct held_lock *hl;

	check_magic(lock);
	if (unlikely(READ_ONCE(lock->owner) == curr)) {
		rwlock_bug(lock, "recursion");
		BUG();
	}
	hl = krt_held_lock_find(lock);
	if (unlikely(hl)) {
		/* A write inside our own read section waits for ourselves. */
		krt_report_recursive_locking(lock, lock->name, LD_WAIT_CONFIG, ip);
		BUG();
	}
	rw_write_acquire(lock);
	WRITE_ONCE(lock->owner, curr);
	lock_acquire_krt(lock, lock->name, 0, LD_WAIT_CONFIG, ip);
}

static int do_write_trylock(rwlock_t *lock, unsigned long ip)
{
	u32 v = __atomic_load_n(&lock->cnt, __ATOMIC_RELAXED);

	while (!(v & ~RW_FLAGS_MASK)) {
		if (__atomic_compare_exchange_n(&lock->cnt, &v,
						RWLOCK_WLOCKED | (v & RWLOCK_SLEEPERS), false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			WRITE_ONCE(lock->owner, current);
			lock_acquire_krt(lock, lock->name, 0, LD_WAIT_CONFIG, ip);
			return 1;
		}
	}
	return 0;
}

/*
 * Returns false (nothing released) when no writer holds @lock. A lock written by another task
 * is reported ("wrong owner") and released, as the kernel does.
 */
static bool do_write_unlock(rwlock_t *lock, unsigned long ip)
{
	struct task_struct *curr = current;
	bool mine = READ_ONCE(lock->owner) == curr;
	u32 v;

	check_magic(lock);
	if (unlikely(!mine))
		rwlock_bug(lock, "wrong owner");
	if (unlikely(!(__atomic_load_n(&lock->cnt, __ATOMIC_RELAXED) & RWLOCK_WLOCKED)))
		return false;
	if (mine)
		lock_release_krt(lock, ip);
	WRITE_ONCE(lock->owner, SPINLOCK_OWNER_INIT);
	v = __atomic_and_fetch(&lock->cnt, ~RWLOCK_WLOCKED, __ATOMIC_RELEASE);
	rw_wake(lock, v);
	return true;
}

/**
 * _raw_read_lock - read_lock(): disable preemption and take @lock for reading
 * @lock: the lock
 */
void _raw_read_lock(rwlock_t *lock)
{
	preempt_disable();
	do_read_lock(lock, _RET_IP_);
}

/**
 * _raw_read_lock_bh - read_lock_bh()
 * @lock: the lock
 */
void _raw_read_lock_bh(rwlock_t *lock)
{
	local_bh_disable();
	preempt_disable();
	do_read_lock(lock, _RET_IP_);
}

/**
 * _raw_read_lock_irq - read_lock_irq()
 * @lock: the lock
 */
void _raw_read_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	preempt_disable();
	do_read_lock(lock, _RET_IP_);
}

/**
 * _raw_read_lock_irqsave - read_lock_irqsave()
 * @lock: the lock
 *
 * Returns the saved interrupt state.
 */
unsigned long _raw_read_lock_irqsave(rwlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	preempt_disable();
	do_read_lock(lock, _RET_IP_);
	return flags;
}

/**
 * _raw_read_trylock - read_trylock(): take @lock for reading if no writer holds or waits for it
 * @lock: the lock
 *
 * Returns 1 with the lock read-held and preemption disabled, 0 with nothing changed.
 */
int _raw_read_trylock(rwlock_t *lock)
{
	preempt_disable();
	if (do_read_trylock(lock, _RET_IP_))
		return 1;
	preempt_enable();
	return 0;
}

/**
 * _raw_read_unlock - read_unlock()
 * @lock: the lock
 */
void _raw_read_unlock(rwlock_t *lock)
{
	if (do_read_unlock(lock, _RET_IP_))
		preempt_enable();
}

/**
 * _raw_read_unlock_bh - read_unlock_bh()
 * @lock: the lock
 */
void _raw_read_unlock_bh(rwlock_t *lock)
{
	if (!do_read_unlock(lock, _RET_IP_))
		return;
	preempt_enable();
	local_bh_enable();
}

/**
 * _raw_read_unlock_irq - read_unlock_irq()
 * @lock: the lock
 */
void _raw_read_unlock_irq(rwlock_t *lock)
{
	if (!do_read_unlock(lock, _RET_IP_))
		return;
	local_irq_enable();
	preempt_enable();
}

/**
 * _raw_read_unlock_irqrestore - read_unlock_irqrestore()
 * @lock: the lock
 * @flags: the saved interrupt state
 */
void _raw_read_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
{
	if (!do_read_unlock(lock, _RET_IP_))
		return;
	local_irq_restore(flags);
	preempt_enable();
}

/**
 * _raw_write_lock - write_lock(): disable preemption and take @lock exclusively
 * @lock: the lock
 */
void _raw_write_lock(rwlock_t *lock)
{
	preempt_disable();
	do_write_lock(lock, _RET_IP_);
}

/**
 * _raw_write_lock_nested - write_lock_nested()
 * @lock: the lock
 * @subclass: lockdep subclass
 */
void _raw_write_lock_nested(rwlock_t *lock, int subclass)
{
	preempt_disable();
	do_write_lock(lock, _RET_IP_);
}

/**
 * _raw_write_lock_bh - write_lock_bh()
 * @lock: the lock
 */
void _raw_write_lock_bh(rwlock_t *lock)
{
	local_bh_disable();
	preempt_disable();
	do_write_lock(lock, _RET_IP_);
}

/**
 * _raw_write_lock_irq - write_lock_irq()
 * @lock: the lock
 */
void _raw_write_lock_irq(rwlock_t *lock)
{
	local_irq_disable();
	preempt_disable();
	do_write_lock(lock, _RET_IP_);
}

/**
 * _raw_write_lock_irqsave - write_lock_irqsave()
 * @lock: the lock
 *
 * Returns the saved interrupt state.
 */
unsigned long _raw_write_lock_irqsave(rwlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	preempt_disable();
	do_write_lock(lock, _RET_IP_);
	return flags;
}

/**
 * _raw_write_trylock - write_trylock(): take @lock exclusively if nobody holds it
 * @lock: the lock
 *
 * Returns 1 with the lock held and preemption disabled, 0 with nothing changed.
 */
int _raw_write_trylock(rwlock_t *lock)
{
	preempt_disable();
	if (do_write_trylock(lock, _RET_IP_))
		return 1;
	preempt_enable();
	return 0;
}

/**
 * _raw_write_unlock - write_unlock()
 * @lock: the lock
 */
void _raw_write_unlock(rwlock_t *lock)
{
	if (do_write_unlock(lock, _RET_IP_))
		preempt_enable();
}

/**
 * _raw_write_unlock_bh - write_unlock_bh()
 * @lock: the lock
 */
void _raw_write_unlock_bh(rwlock_t *lock)
{
	if (!do_write_unlock(lock, _RET_IP_))
		return;
	preempt_enable();
	local_bh_enable();
}

/**
 * _raw_write_unlock_irq - write_unlock_irq()
 * @lock: the lock
 */
void _raw_write_unlock_irq(rwlock_t *lock)
{
	if (!do_write_unlock(lock, _RET_IP_))
		return;
	local_irq_enable();
	preempt_enable();
}

/**
 * _raw_write_unlock_irqrestore - write_unlock_irqrestore()
 * @lock: the lock
 * @flags: the saved interrupt state
 */
void _raw_write_unlock_irqrestore(rwlock_t *lock, unsigned long flags)
{
	if (!do_write_unlock(lock, _RET_IP_))
		return;
	local_irq_restore(flags);
	preempt_enable();
}
