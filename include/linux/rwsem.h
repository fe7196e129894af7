/* SPDX-License-Identifier: MIT */
/*
 * Reader-writer semaphores with the kernel's API: sleeping locks, many readers or one writer,
 * FIFO hand-off to waiters (a waiting writer holds back new readers). CONFIG_DEBUG_RWSEMS
 * checks report with the kernel's "DEBUG_RWSEMS_WARN_ON(...)" text; lockdep records readers
 * (read=1) and writers, so lockdep_assert_held_read()/_write() work on them.
 */
#ifndef _LINUX_RWSEM_H
#define _LINUX_RWSEM_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/cleanup.h>
#include <asm/current.h>

/*
 * @count: readers in units of RWSEM_READER_BIAS, plus RWSEM_WRITER_LOCKED and
 * RWSEM_FLAG_WAITERS. @owner: the writing task. @dep_map comes first so that lockdep sees one
 * address whether code names the semaphore or its dep_map.
 */
struct rw_semaphore {
	struct lockdep_map	dep_map;
	atomic_long_t		count;
	atomic_long_t		owner;
	raw_spinlock_t		wait_lock;
	struct list_head	wait_list;
	void			*magic;
};

#define RWSEM_WRITER_LOCKED	(1UL << 0)
#define RWSEM_FLAG_WAITERS	(1UL << 1)
#define RWSEM_READER_SHIFT	8
#define RWSEM_READER_BIAS	(1UL << RWSEM_READER_SHIFT)
#define RWSEM_UNLOCKED_VALUE	0UL

#define __RWSEM_INITIALIZER(lockname)					\
	{								\
		.dep_map = { .name = #lockname, .wait_type_inner = LD_WAIT_SLEEP }, \
		.count = ATOMIC_LONG_INIT(RWSEM_UNLOCKED_VALUE),	\
		.owner = ATOMIC_LONG_INIT(0),				\
		.wait_lock = __RAW_SPIN_LOCK_INITIALIZER(lockname.wait_lock), \
		.wait_list = LIST_HEAD_INIT((lockname).wait_list),	\
		.magic = &(lockname),					\
	}

#define DECLARE_RWSEM(name) struct rw_semaphore name = __RWSEM_INITIALIZER(name)

void __init_rwsem(struct rw_semaphore *sem, const char *name, struct lock_class_key *key);

#define init_rwsem(sem)							\
	do {								\
		static struct lock_class_key __key;			\
		__init_rwsem((sem), #sem, &__key);			\
	} while (0)

/* Is the semaphore held, for reading or writing? */
static inline int rwsem_is_locked(struct rw_semaphore *sem)
{
	return (atomic_long_read(&sem->count) & ~RWSEM_FLAG_WAITERS) != 0;
}

/* Does anybody wait for it? */
static inline int rwsem_is_contended(struct rw_semaphore *sem)
{
	return (atomic_long_read(&sem->count) & RWSEM_FLAG_WAITERS) != 0;
}

static inline void rwsem_assert_held_nolockdep(const struct rw_semaphore *sem)
{
	WARN_ON(!rwsem_is_locked((struct rw_semaphore *)sem));
}

static inline void rwsem_assert_held_write_nolockdep(const struct rw_semaphore *sem)
{
	WARN_ON(!(atomic_long_read(&sem->count) & RWSEM_WRITER_LOCKED));
}

#define rwsem_assert_held(sem) lockdep_assert_held(sem)
#define rwsem_assert_held_write(sem) lockdep_assert_held_write(sem)

void down_read(struct rw_semaphore *sem);
int __must_check down_read_interruptible(struct rw_semaphore *sem);
int __must_check down_read_killable(struct rw_semaphore *sem);
int down_read_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);

void down_write(struct rw_semaphore *sem);
int __must_check down_write_killable(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);

/* Read locks taken and released by different tasks (not tracked by lockdep). */
void down_read_non_owner(struct rw_semaphore *sem);
void up_read_non_owner(struct rw_semaphore *sem);

/* Subclasses and nest locks only matter for lockdep's graph, which krt does not build. */
#define down_read_nested(sem, subclass) down_read(sem)
#define down_read_killable_nested(sem, subclass) down_read_killable(sem)
#define down_write_nested(sem, subclass) down_write(sem)
#define down_write_killable_nested(sem, subclass) down_write_killable(sem)
#define down_write_nest_lock(sem, nest_lock)				\
	do {								\
		(void)(nest_lock);					\
		down_write(sem);					\
	} while (0)

DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD_COND(rwsem_read, _try, down_read_trylock(_T))
DEFINE_GUARD_COND(rwsem_read, _intr, down_read_interruptible(_T) == 0)
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))
DEFINE_GUARD_COND(rwsem_write, _try, down_write_trylock(_T))

#endif /* _LINUX_RWSEM_H */
