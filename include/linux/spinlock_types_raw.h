/* SPDX-License-Identifier: MIT */
#ifndef __LINUX_SPINLOCK_TYPES_RAW_H
#define __LINUX_SPINLOCK_TYPES_RAW_H

#include <linux/types.h>

/*
 * A raw spinlock: a futex word (0 free, 1 held, 2 held with sleepers) so that a holder that the
 * host deschedules does not make waiters burn a CPU, plus the debug fields of
 * CONFIG_DEBUG_SPINLOCK (owner task, for recursion and wrong-owner reports) and a lockdep name.
 */
typedef struct raw_spinlock {
	u32 val;
	unsigned int magic;
	void *owner;
	const char *name;
} raw_spinlock_t;

#define SPINLOCK_MAGIC 0xdead4ead
#define SPINLOCK_OWNER_INIT ((void *)-1L)

#define __RAW_SPIN_LOCK_INITIALIZER(lockname)				\
	{ .val = 0, .magic = SPINLOCK_MAGIC, .owner = SPINLOCK_OWNER_INIT, .name = #lockname }
#define __RAW_SPIN_LOCK_UNLOCKED(lockname) \
	((raw_spinlock_t)__RAW_SPIN_LOCK_INITIALIZER(lockname))
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = __RAW_SPIN_LOCK_INITIALIZER(x)

#endif /* __LINUX_SPINLOCK_TYPES_RAW_H */
