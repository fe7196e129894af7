/* SPDX-License-Identifier: MIT */
/*
 * Spinlocks with the kernel's API and context rules: every variant raises the emulated preempt
 * count (the _bh ones also disable softirqs, the _irq/_irqsave ones the emulated interrupt
 * flag), so might_sleep() inside a spinlock reports "sleeping function called from invalid
 * context" as it does in the kernel. krt is built with CONFIG_DEBUG_SPINLOCK: recursion, unlock
 * by another task and double unlock are reported with the kernel's texts (and krt neither
 * deadlocks on recursion nor unlocks a lock that is not locked). Lockdep records every lock
 * held, so lockdep_assert_held() works on spinlocks.
 *
 * The lock word is a futex: waiters spin briefly, then sleep, so a holder that the host
 * deschedules does not make the other CPUs burn their time slice.
 */
#ifndef __LINUX_SPINLOCK_H
#define __LINUX_SPINLOCK_H

#include <linux/compiler.h>
#include <linux/typecheck.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/atomic.h>
#include <linux/spinlock_types.h>
#include <linux/cleanup.h>
#include <asm/barrier.h>

/* --- the lock word and its debug checks (kernel/locking/spinlock_debug.c) -------------------- */

void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name, struct lock_class_key *key,
			  short inner);
/* Take/release the lock word only: no preempt count, no lockdep (CONFIG_DEBUG_SPINLOCK checks). */
void do_raw_spin_lock(raw_spinlock_t *lock);
int do_raw_spin_trylock(raw_spinlock_t *lock);
void do_raw_spin_unlock(raw_spinlock_t *lock);

/* --- the locking API proper (kernel/locking/spinlock.c) -------------------------------------- */

void _raw_spin_lock(raw_spinlock_t *lock);
void _raw_spin_lock_nested(raw_spinlock_t *lock, int subclass);
void _raw_spin_lock_bh(raw_spinlock_t *lock);
void _raw_spin_lock_irq(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave(raw_spinlock_t *lock);
unsigned long _raw_spin_lock_irqsave_nested(raw_spinlock_t *lock, int subclass);
int _raw_spin_trylock(raw_spinlock_t *lock);
int _raw_spin_trylock_bh(raw_spinlock_t *lock);
void _raw_spin_unlock(raw_spinlock_t *lock);
void _raw_spin_unlock_bh(raw_spinlock_t *lock);
void _raw_spin_unlock_irq(raw_spinlock_t *lock);
void _raw_spin_unlock_irqrestore(raw_spinlock_t *lock, unsigned long flags);

#define raw_spin_lock_init(lock) __raw_spin_lock_init((lock), #lock, NULL, LD_WAIT_SPIN)

#define raw_spin_is_locked(lock) (READ_ONCE((lock)->val) != 0)
/* Contended: a waiter had to go to sleep on the lock word. */
#define raw_spin_is_contended(lock) (READ_ONCE((lock)->val) > 1)

#define raw_spin_lock(lock) _raw_spin_lock(lock)
#define raw_spin_lock_nested(lock, subclass) _raw_spin_lock_nested(lock, subclass)
#define raw_spin_lock_nest_lock(lock, nest_lock)			\
	do {								\
		(void)(nest_lock);					\
		_raw_spin_lock(lock);					\
	} while (0)
#define raw_spin_lock_bh(lock) _raw_spin_lock_bh(lock)
#define raw_spin_lock_irq(lock) _raw_spin_lock_irq(lock)
#define raw_spin_lock_irqsave(lock, flags)				\
	do {								\
		typecheck(unsigned long, flags);			\
		flags = _raw_spin_lock_irqsave(lock);			\
	} while (0)
#define raw_spin_lock_irqsave_nested(lock, flags, subclass)		\
	do {								\
		typecheck(unsigned long, flags);			\
		flags = _raw_spin_lock_irqsave_nested(lock, subclass);	\
	} while (0)

#define raw_spin_trylock(lock) __cond_lock(lock, _raw_spin_trylock(lock))
#define raw_spin_trylock_bh(lock) __cond_lock(lock, _raw_spin_trylock_bh(lock))
#define raw_spin_trylock_irq(lock)					\
	({								\
		local_irq_disable();					\
		raw_spin_trylock(lock) ? 1 : ({ local_irq_enable(); 0; }); \
	})
#define raw_spin_trylock_irqsave(lock, flags)				\
	({								\
		local_irq_save(flags);					\
		raw_spin_trylock(lock) ? 1 : ({ local_irq_restore(flags); 0; }); \
	})

#define raw_spin_unlock(lock) _raw_spin_unlock(lock)
#define raw_spin_unlock_bh(lock) _raw_spin_unlock_bh(lock)
#define raw_spin_unlock_irq(lock) _raw_spin_unlock_irq(lock)
#define raw_spin_unlock_irqrestore(lock, flags)				\
	do {								\
		typecheck(unsigned long, flags);			\
		_raw_spin_unlock_irqrestore(lock, flags);		\
	} while (0)

#define assert_raw_spin_locked(lock) BUG_ON(!raw_spin_is_locked(lock))

/* --- spinlock_t: the same lock behind the kernel's type-checked wrappers --------------------- */

static __always_inline raw_spinlock_t *spinlock_check(spinlock_t *lock)
{
	return &lock->rlock;
}

#define spin_lock_init(_lock)						\
	do {								\
		spinlock_check(_lock);					\
		__raw_spin_lock_init(&(_lock)->rlock, #_lock, NULL, LD_WAIT_CONFIG); \
	} while (0)

static __always_inline void spin_lock(spinlock_t *lock)
{
	raw_spin_lock(&lock->rlock);
}

static __always_inline void spin_lock_bh(spinlock_t *lock)
{
	raw_spin_lock_bh(&lock->rlock);
}

static __always_inline int spin_trylock(spinlock_t *lock)
{
	return raw_spin_trylock(&lock->rlock);
}

#define spin_lock_nested(lock, subclass) raw_spin_lock_nested(spinlock_check(lock), subclass)
#define spin_lock_nest_lock(lock, nest_lock) \
	raw_spin_lock_nest_lock(spinlock_check(lock), nest_lock)

static __always_inline void spin_lock_irq(spinlock_t *lock)
{
	raw_spin_lock_irq(&lock->rlock);
}

#define spin_lock_irqsave(lock, flags) raw_spin_lock_irqsave(spinlock_check(lock), flags)
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	raw_spin_lock_irqsave_nested(spinlock_check(lock), flags, subclass)

static __always_inline void spin_unlock(spinlock_t *lock)
{
	raw_spin_unlock(&lock->rlock);
}

static __always_inline void spin_unlock_bh(spinlock_t *lock)
{
	raw_spin_unlock_bh(&lock->rlock);
}

static __always_inline void spin_unlock_irq(spinlock_t *lock)
{
	raw_spin_unlock_irq(&lock->rlock);
}

static __always_inline void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	raw_spin_unlock_irqrestore(&lock->rlock, flags);
}

static __always_inline int spin_trylock_bh(spinlock_t *lock)
{
	return raw_spin_trylock_bh(&lock->rlock);
}

static __always_inline int spin_trylock_irq(spinlock_t *lock)
{
	return raw_spin_trylock_irq(&lock->rlock);
}

#define spin_trylock_irqsave(lock, flags) raw_spin_trylock_irqsave(spinlock_check(lock), flags)

static __always_inline int spin_is_locked(spinlock_t *lock)
{
	return raw_spin_is_locked(&lock->rlock);
}

static __always_inline int spin_is_contended(spinlock_t *lock)
{
	return raw_spin_is_contended(&lock->rlock);
}

#define assert_spin_locked(lock) assert_raw_spin_locked(&(lock)->rlock)

/* Should a long holder drop the lock for a moment to let a waiter in? */
static inline int spin_needbreak(spinlock_t *lock)
{
	return spin_is_contended(lock);
}

/* --- decrement and lock on reaching zero (lib/dec_and_lock.c) -------------------------------- */

int _atomic_dec_and_lock(atomic_t *atomic, spinlock_t *lock);
int _atomic_dec_and_lock_irqsave(atomic_t *atomic, spinlock_t *lock, unsigned long *flags);
int _atomic_dec_and_raw_lock(atomic_t *atomic, raw_spinlock_t *lock);
int _atomic_dec_and_raw_lock_irqsave(atomic_t *atomic, raw_spinlock_t *lock,
				     unsigned long *flags);

#define atomic_dec_and_lock(atomic, lock) __cond_lock(lock, _atomic_dec_and_lock(atomic, lock))
#define atomic_dec_and_lock_irqsave(atomic, lock, flags) \
	__cond_lock(lock, _atomic_dec_and_lock_irqsave(atomic, lock, &(flags)))
#define atomic_dec_and_raw_lock(atomic, lock) \
	__cond_lock(lock, _atomic_dec_and_raw_lock(atomic, lock))
#define atomic_dec_and_raw_lock_irqsave(atomic, lock, flags) \
	__cond_lock(lock, _atomic_dec_and_raw_lock_irqsave(atomic, lock, &(flags)))

#include <linux/rwlock.h>

/* --- scope-based locking: guard(spinlock)(&lock), scoped_guard(spinlock_irqsave, &lock) ----- */

DEFINE_LOCK_GUARD_1(raw_spinlock, raw_spinlock_t, raw_spin_lock(_T->lock),
		    raw_spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1_COND(raw_spinlock, _try, raw_spin_trylock(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_nested, raw_spinlock_t,
		    raw_spin_lock_nested(_T->lock, SINGLE_DEPTH_NESTING), raw_spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_irq, raw_spinlock_t, raw_spin_lock_irq(_T->lock),
		    raw_spin_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1_COND(raw_spinlock_irq, _try, raw_spin_trylock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_bh, raw_spinlock_t, raw_spin_lock_bh(_T->lock),
		    raw_spin_unlock_bh(_T->lock))
DEFINE_LOCK_GUARD_1_COND(raw_spinlock_bh, _try, raw_spin_trylock_bh(_T->lock))
DEFINE_LOCK_GUARD_1(raw_spinlock_irqsave, raw_spinlock_t,
		    raw_spin_lock_irqsave(_T->lock, _T->flags),
		    raw_spin_unlock_irqrestore(_T->lock, _T->flags), unsigned long flags)
DEFINE_LOCK_GUARD_1_COND(raw_spinlock_irqsave, _try,
			 raw_spin_trylock_irqsave(_T->lock, _T->flags))

DEFINE_LOCK_GUARD_1(spinlock, spinlock_t, spin_lock(_T->lock), spin_unlock(_T->lock))
DEFINE_LOCK_GUARD_1_COND(spinlock, _try, spin_trylock(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irq, spinlock_t, spin_lock_irq(_T->lock), spin_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1_COND(spinlock_irq, _try, spin_trylock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_bh, spinlock_t, spin_lock_bh(_T->lock), spin_unlock_bh(_T->lock))
DEFINE_LOCK_GUARD_1_COND(spinlock_bh, _try, spin_trylock_bh(_T->lock))
DEFINE_LOCK_GUARD_1(spinlock_irqsave, spinlock_t, spin_lock_irqsave(_T->lock, _T->flags),
		    spin_unlock_irqrestore(_T->lock, _T->flags), unsigned long flags)
DEFINE_LOCK_GUARD_1_COND(spinlock_irqsave, _try, spin_trylock_irqsave(_T->lock, _T->flags))

DEFINE_LOCK_GUARD_1(read_lock, rwlock_t, read_lock(_T->lock), read_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(read_lock_irq, rwlock_t, read_lock_irq(_T->lock), read_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(read_lock_irqsave, rwlock_t, read_lock_irqsave(_T->lock, _T->flags),
		    read_unlock_irqrestore(_T->lock, _T->flags), unsigned long flags)
DEFINE_LOCK_GUARD_1(write_lock, rwlock_t, write_lock(_T->lock), write_unlock(_T->lock))
DEFINE_LOCK_GUARD_1(write_lock_irq, rwlock_t, write_lock_irq(_T->lock),
		    write_unlock_irq(_T->lock))
DEFINE_LOCK_GUARD_1(write_lock_irqsave, rwlock_t, write_lock_irqsave(_T->lock, _T->flags),
		    write_unlock_irqrestore(_T->lock, _T->flags), unsigned long flags)

#endif /* __LINUX_SPINLOCK_H */
