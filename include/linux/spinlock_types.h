/* SPDX-License-Identifier: MIT */
#ifndef __LINUX_SPINLOCK_TYPES_H
#define __LINUX_SPINLOCK_TYPES_H

#include <linux/spinlock_types_raw.h>

typedef struct spinlock {
	struct raw_spinlock rlock;
} spinlock_t;

#define ___SPIN_LOCK_INITIALIZER(lockname) { .rlock = __RAW_SPIN_LOCK_INITIALIZER(lockname) }
#define __SPIN_LOCK_UNLOCKED(lockname) ((spinlock_t)___SPIN_LOCK_INITIALIZER(lockname))
#define DEFINE_SPINLOCK(x) spinlock_t x = ___SPIN_LOCK_INITIALIZER(x)

/* rwlock_t: a reader count and a writer flag in one futex word, with the writer's owner. */
typedef struct {
	u32 cnt;
	unsigned int magic;
	void *owner;
	const char *name;
} rwlock_t;

#define RWLOCK_MAGIC 0xdeaf1eed
#define __RW_LOCK_INITIALIZER(lockname) \
	{ .cnt = 0, .magic = RWLOCK_MAGIC, .owner = SPINLOCK_OWNER_INIT, .name = #lockname }
#define __RW_LOCK_UNLOCKED(lockname) ((rwlock_t)__RW_LOCK_INITIALIZER(lockname))
#define DEFINE_RWLOCK(x) rwlock_t x = __RW_LOCK_INITIALIZER(x)

#endif /* __LINUX_SPINLOCK_TYPES_H */
