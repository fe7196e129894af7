/* SPDX-License-Identifier: MIT */
/*
 * Mutexes with the kernel's API and CONFIG_DEBUG_MUTEXES/lockdep checks: every lock operation
 * may sleep (might_sleep()), the owner is tracked, unlock by another task WARNs, unlocking an
 * unlocked mutex is reported and ignored, and taking a mutex the task already holds is reported
 * as lockdep does and then BUG()s instead of hanging forever.
 */
#ifndef __LINUX_MUTEX_H
#define __LINUX_MUTEX_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/mutex_types.h>
#include <linux/cleanup.h>
#include <asm/current.h>

#define __MUTEX_INITIALIZER(lockname)					\
	{								\
		.dep_map = { .name = #lockname,				\
			     .wait_type_inner = LD_WAIT_SLEEP },	\
		.owner = ATOMIC_LONG_INIT(0),				\
		.wait_lock = __RAW_SPIN_LOCK_INITIALIZER(lockname.wait_lock), \
		.wait_list = LIST_HEAD_INIT(lockname.wait_list),	\
		.magic = &lockname,					\
	}

#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name, struct lock_class_key *key);

/* mutex_init - initialise @mutex (unlocked); lockdep reports name it by the expression. */
#define mutex_init(mutex)						\
	do {								\
		static struct lock_class_key __key;			\
		__mutex_init((mutex), #mutex, &__key);			\
	} while (0)

#define mutex_init_with_key(mutex, key) __mutex_init((mutex), #mutex, (key))

void mutex_destroy(struct mutex *lock);
bool mutex_is_locked(struct mutex *lock);
unsigned long mutex_get_owner(struct mutex *lock);

void mutex_lock(struct mutex *lock);
int __must_check mutex_lock_interruptible(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);
void mutex_lock_io(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

/* Subclasses and nest locks only matter for lockdep's graph, which krt does not build. */
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass) mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass) mutex_lock_killable(lock)
#define mutex_lock_io_nested(lock, subclass) mutex_lock_io(lock)
#define mutex_lock_nest_lock(lock, nest_lock)				\
	do {								\
		(void)(nest_lock);					\
		mutex_lock(lock);					\
	} while (0)

int atomic_dec_and_mutex_lock(atomic_t *cnt, struct mutex *lock);

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
DEFINE_GUARD_COND(mutex, _try, mutex_trylock(_T))
DEFINE_GUARD_COND(mutex, _intr, mutex_lock_interruptible(_T) == 0)

#endif /* __LINUX_MUTEX_H */
