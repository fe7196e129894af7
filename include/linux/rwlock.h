/* SPDX-License-Identifier: MIT */
/*
 * rwlock_t: a spinning reader-writer lock with the kernel's API (include via <linux/spinlock.h>).
 * Like the kernel's queued rwlock, readers in task context wait behind a waiting writer while
 * readers in interrupt context do not. All variants raise the preempt count as spinlocks do.
 * Debug checks report "BUG: rwlock ..." with the kernel's texts.
 */
#ifndef __LINUX_RWLOCK_H
#define __LINUX_RWLOCK_H

#ifndef __LINUX_SPINLOCK_H
#error "Please do not include this file directly: include <linux/spinlock.h>."
#endif

/*
 * The lock word (rwlock_t.cnt): the number of readers counts in units of RWLOCK_READER; the low
 * bits say that a writer holds the lock, that someone sleeps on the futex word, that a writer
 * waits (which holds back new readers in task context).
 */
#define RWLOCK_WWAITING	0x1U
#define RWLOCK_SLEEPERS	0x2U
#define RWLOCK_WLOCKED	0x4U
#define RWLOCK_READER	0x8U

void __rwlock_init(rwlock_t *lock, const char *name, struct lock_class_key *key);
#define rwlock_init(lock) __rwlock_init((lock), #lock, NULL)

void _raw_read_lock(rwlock_t *lock);
void _raw_read_lock_bh(rwlock_t *lock);
void _raw_read_lock_irq(rwlock_t *lock);
unsigned long _raw_read_lock_irqsave(rwlock_t *lock);
int _raw_read_trylock(rwlock_t *lock);
void _raw_read_unlock(rwlock_t *lock);
void _raw_read_unlock_bh(rwlock_t *lock);
void _raw_read_unlock_irq(rwlock_t *lock);
void _raw_read_unlock_irqrestore(rwlock_t *lock, unsigned long flags);

void _raw_write_lock(rwlock_t *lock);
void _raw_write_lock_nested(rwlock_t *lock, int subclass);
void _raw_write_lock_bh(rwlock_t *lock);
void _raw_write_lock_irq(rwlock_t *lock);
unsigned long _raw_write_lock_irqsave(rwlock_t *lock);
int _raw_write_trylock(rwlock_t *lock);
void _raw_write_unlock(rwlock_t *lock);
void _raw_write_unlock_bh(rwlock_t *lock);
void _raw_write_unlock_irq(rwlock_t *lock);
void _raw_write_unlock_irqrestore(rwlock_t *lock, unsigned long flags);

#define read_lock(lock) _raw_read_lock(lock)
#define read_lock_bh(lock) _raw_read_lock_bh(lock)
#define read_lock_irq(lock) _raw_read_lock_irq(lock)
#define read_lock_irqsave(lock, flags)					\
	do {								\
		typecheck(unsigned long, flags);			\
		flags = _raw_read_lock_irqsave(lock);			\
	} while (0)
#define read_trylock(lock) __cond_lock(lock, _raw_read_trylock(lock))
#define read_unlock(lock) _raw_read_unlock(lock)
#define read_unlock_bh(lock) _raw_read_unlock_bh(lock)
#define read_unlock_irq(lock) _raw_read_unlock_irq(lock)
#define read_unlock_irqrestore(lock, flags)				\
	do {								\
		typecheck(unsigned long, flags);			\
		_raw_read_unlock_irqrestore(lock, flags);		\
	} while (0)

#define write_lock(lock) _raw_write_lock(lock)
#define write_lock_nested(lock, subclass) _raw_write_lock_nested(lock, subclass)
#define write_lock_bh(lock) _raw_write_lock_bh(lock)
#define write_lock_irq(lock) _raw_write_lock_irq(lock)
#define write_lock_irqsave(lock, flags)					\
	do {								\
		typecheck(unsigned long, flags);			\
		flags = _raw_write_lock_irqsave(lock);			\
	} while (0)
#define write_trylock(lock) __cond_lock(lock, _raw_write_trylock(lock))
#define write_trylock_irqsave(lock, flags)				\
	({								\
		local_irq_save(flags);					\
		write_trylock(lock) ? 1 : ({ local_irq_restore(flags); 0; }); \
	})
#define write_unlock(lock) _raw_write_unlock(lock)
#define write_unlock_bh(lock) _raw_write_unlock_bh(lock)
#define write_unlock_irq(lock) _raw_write_unlock_irq(lock)
#define write_unlock_irqrestore(lock, flags)				\
	do {								\
		typecheck(unsigned long, flags);			\
		_raw_write_unlock_irqrestore(lock, flags);		\
	} while (0)

/* Does anybody wait for @lock? */
#define rwlock_is_contended(lock) \
	((READ_ONCE((lock)->cnt) & (RWLOCK_WWAITING | RWLOCK_SLEEPERS)) != 0)

/* Should a long holder drop the lock for a moment to let a waiter in? */
static inline int rwlock_needbreak(rwlock_t *lock)
{
	return rwlock_is_contended(lock);
}

#endif /* __LINUX_RWLOCK_H */
