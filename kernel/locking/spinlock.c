// SPDX-License-Identifier: MIT
/*
 * The spinlock API: the context bookkeeping around the lock word. Every variant raises the
 * preempt count; _bh also disables softirqs and _irq/_irqsave the emulated interrupt flag, in
 * the kernel's order (context first, then the lock; on unlock the lock first). Each lock held
 * is recorded in lockdep's held-lock stack.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>

#include "kernel/locking/locking.h"

static __always_inline void spin_acquired(raw_spinlock_t *lock, unsigned long ip)
{
	lock_acquire_krt(lock, lock->name, 0, LD_WAIT_SPIN, ip);
}

/**
 * _raw_spin_lock - raw_spin_lock()/spin_lock(): disable preemption and take @lock
 * @lock: the lock
 */
void _raw_spin_lock(raw_spinlock_t *lock)
{
	preempt_disable();
	do_raw_spin_lock(lock);
	spin_acquired(lock, _RET_IP_);
}

/**
 * _raw_spin_lock_nested - spin_lock_nested(): like spin_lock() (subclasses are for lockdep's
 * graph, which krt does not build)
 * @lock: the lock
 * @subclass: lockdep subclass
 */
void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass)
{
	preempt_disable();
	do_raw_spin_lock(lock);
	spin_acquired(lock, _RET_IP_);
}

/**
 * _raw_spin_lock_bh - spin_lock_bh(): disable softirqs and preemption, take @lock
 * @lock: the lock
 */
void _raw_spin_lock_bh(raw_spinlock_t *lock)
{
	local_bh_disable();
	preempt_disable();
	do_raw_spin_lock(lock);
	spin_acquired(lock, _RET_IP_);
}

/**
 * _raw_spin_lock_irq - spin_lock_irq(): disable interrupts and preemption, take @lock
 * @lock: the lock
 */
void _raw_spin_lock_irq(raw_spinlock_t *lock)
{
	local_irq_disable();
	preempt_disable();
	do_raw_spin_lock(lock);
	spin_acquired(lock, _RET_IP_);
}

/**
 * _raw_spin_lock_irqsave - spin_lock_irqsave(): save and disable interrupts, take @lock
 * @lock: the lock
 *
 * Returns the saved interrupt state for spin_unlock_irqrestore().
 */
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock)
{
	unsigned long flags;

	local_irq_save(flags);
	preempt_disable();
	do_raw_spin_lock(lock);
	spin_acquired(lock, _RET_IP_);
	return flags;
}

/**
 * _raw_spin_lock_irqsave_nested - spin_lock_irqsave_nested()
 * @lock: the lock
 * @subclass: lockdep subclass
 *
 * Returns the saved interrupt state.
 */
unsigned long _raw_spin_lock_irqsave_nested(raw_spinlock_t *lock, int subclass)
{
	unsigned long flags;

	local_irq_save(flags);
	preempt_disable();
	do_raw_spin_lock(lock);
	spin_acquired(lock, _RET_IP_);
	return flags;
}

/**
 * _raw_spin_trylock - spin_trylock(): take @lock if it is free, without waiting
 * @lock: the lock
 *
 * Returns 1 with the lock held and preemption disabled, 0 with nothing changed.
 */
int _raw_spin_trylock(raw_spinlock_t *lock)
{
	preempt_disable();
	if (do_raw_spin_trylock(lock)) {
		spin_acquired(lock, _RET_IP_);
		return 1;
	}
	preempt_enable();
	return 0;
}

/**
 * _raw_spin_trylock_bh - spin_trylock_bh()
 * @lock: the lock
 *
 * Returns 1 with the lock held and softirqs disabled, 0 with nothing changed.
 */
int _raw_spin_trylock_bh(raw_spinlock_t *lock)
{
	local_bh_disable();
	preempt_disable();
	if (do_raw_spin_trylock(lock)) {
		spin_acquired(lock, _RET_IP_);
		return 1;
	}
	preempt_enable();
	local_bh_enable();
	return 0;
}

/**
 * _raw_spin_unlock - spin_unlock(): release @lock and enable preemption
 * @lock: the lock
 *
 * Unlocking a lock that is not locked is reported and does nothing at all.
 */
void _raw_spin_unlock(raw_spinlock_t *lock)
{
	if (!krt_raw_spin_unlock(lock, true, _RET_IP_))
		return;
	preempt_enable();
}

/**
 * _raw_spin_unlock_bh - spin_unlock_bh()
 * @lock: the lock
 */
void _raw_spin_unlock_bh(raw_spinlock_t *lock)
{
	if (!krt_raw_spin_unlock(lock, true, _RET_IP_))
		return;
	preempt_enable();
	local_bh_enable();
}

/**
 * _raw_spin_unlock_irq - spin_unlock_irq(): release @lock, enable interrupts and preemption
 * @lock: the lock
 */
void _raw_spin_unlock_irq(raw_spinlock_t *lock)
{
	if (!krt_raw_spin_unlock(lock, true, _RET_IP_))
		return;
	local_irq_enable();
	preempt_enable();
}

/**
 * _raw_spin_unlock_irqrestore - spin_unlock_irqrestore()
 * @lock: the lock
 * @flags: the interrupt state spin_lock_irqsave() saved
 */
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags)
{
	if (!krt_raw_spin_unlock(lock, true, _RET_IP_))
		return;
	local_irq_restore(flags);
	preempt_enable();
}

/**
 * _atomic_dec_and_lock - atomic_dec_and_lock(): decrement @atomic, taking @lock if it drops to 0
 * @atomic: the counter
 * @lock: the lock to hold when the counter reaches zero
 *
 * Returns 1 with @lock held if the counter reached zero, 0 (lock not held) otherwise.
 */
int _atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock)
{
	/* Not the last reference: no need for the lock. */
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	spin_lock(lock);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_unlock(lock);
	return 0;
}

/**
 * _atomic_dec_and_lock_irqsave - atomic_dec_and_lock_irqsave()
 * @atomic: the counter
 * @lock: the lock
 * @flags: receives the saved interrupt state when the lock is returned held
 *
 * Returns 1 with @lock held (interrupts disabled) if the counter reached zero.
 */
int _atomic_dec_and_lock_irqsave(atomic_t *atomic, spinlock_t *lock, unsigned long *flags)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	spin_lock_irqsave(lock, *flags);
	if (atomic_dec_and_test(atomic))
		return 1;
	spin_unlock_irqrestore(lock, *flags);
	return 0;
}

/**
 * _atomic_dec_and_raw_lock - atomic_dec_and_raw_lock()
 * @atomic: the counter
 * @lock: the raw lock
 *
 * Returns 1 with @lock held if the counter reached zero.
 */
int _atomic_dec_and_raw_lock(atomic_t *atomic, raw_spinlock_t *lock)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	raw_spin_lock(lock);
	if (atomic_dec_and_test(atomic))
		return 1;
	raw_spin_unlock(lock);
	return 0;
}

/**
 * _atomic_dec_and_raw_lock_irqsave - atomic_dec_and_raw_lock_irqsave()
 * @atomic: the counter
 * @lock: the raw lock
 * @flags: receives the saved interrupt state when the lock is returned held
 *
 * Returns 1 with @lock held (interrupts disabled) if the counter reached zero.
 */
int _atomic_dec_and_raw_lock_irqsave(atomic_t *atomic, raw_spinlock_t *lock,
				     unsigned long *flags)
{
	if (atomic_add_unless(atomic, -1, 1))
		return 0;
	raw_spin_lock_irqsave(lock, *flags);
	if (atomic_dec_and_test(atomic))
		return 1;
	raw_spin_unlock_irqrestore(lock, *flags);
	return 0;
}
