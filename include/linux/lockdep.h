/* SPDX-License-Identifier: MIT */
/*
 * krt's lockdep keeps, per task, the stack of locks it holds. That answers lockdep_assert_held()
 * and its relatives exactly (a WARN when the current task does not hold the lock), catches
 * unbalanced unlocks ("bad unlock balance detected!"), and prints "N locks held by" listings in
 * reports. It does not build the kernel's lock-order graph.
 *
 * Lock implementations call lock_acquire_krt()/lock_release_krt() with the lock's address.
 */
#ifndef __LINUX_LOCKDEP_H
#define __LINUX_LOCKDEP_H

#include <linux/lockdep_types.h>
#include <linux/bug.h>

struct task_struct;

extern int debug_locks;
extern int debug_locks_silent;

/* Held-lock states returned by lockdep_is_held(). */
enum {
	LOCK_STATE_UNKNOWN = -1,
	LOCK_STATE_NOT_HELD,
	LOCK_STATE_HELD,
};

/**
 * lock_acquire_krt - record that current now holds @lock
 * @lock: the lock's address (the identity lockdep_is_held() is asked about)
 * @name: the lock's name for reports
 * @read: 0 exclusive, 1 shared, 2 shared-recursive
 * @wait_type: enum lockdep_wait_type of the lock
 * @ip: where it was taken
 */
void lock_acquire_krt(const void *lock, const char *name, int read, int wait_type,
		      unsigned long ip);
/* lock_release_krt - record that current released @lock (reports a release of a lock not held) */
void lock_release_krt(const void *lock, unsigned long ip);
/* Does current hold @lock with @read (-1: in any mode)? */
int lock_is_held_type(const void *lock, int read);
#define lock_is_held(lock) lock_is_held_type(lock, -1)

#define lockdep_is_held(lock) lock_is_held_type(lock, -1)
#define lockdep_is_held_type(lock, r) lock_is_held_type(lock, r)

#define lockdep_assert(cond)						\
	do {								\
		WARN_ON(debug_locks && !(cond));			\
	} while (0)

#define lockdep_assert_once(cond)					\
	do {								\
		WARN_ON_ONCE(debug_locks && !(cond));			\
	} while (0)

#define lockdep_assert_held(l) lockdep_assert(lockdep_is_held(l) != LOCK_STATE_NOT_HELD)
#define lockdep_assert_not_held(l) lockdep_assert(lockdep_is_held(l) != LOCK_STATE_HELD)
#define lockdep_assert_held_write(l) lockdep_assert(lockdep_is_held_type(l, 0))
#define lockdep_assert_held_read(l) lockdep_assert(lockdep_is_held_type(l, 1))
#define lockdep_assert_held_once(l) lockdep_assert_once(lockdep_is_held(l))
#define lockdep_assert_none_held_once() lockdep_assert_once(!current->lockdep_depth)

/* lockdep_map users (lock_map_acquire and friends): the map's address is the lock. */
#define lockdep_init_map(map, lname, key, sub)				\
	do {								\
		(map)->name = (lname);					\
	} while (0)
#define lock_map_acquire(l) lock_acquire_krt(l, (l)->name, 0, LD_WAIT_SLEEP, _THIS_IP_)
#define lock_map_acquire_read(l) lock_acquire_krt(l, (l)->name, 2, LD_WAIT_SLEEP, _THIS_IP_)
#define lock_map_acquire_tryread(l) lock_map_acquire_read(l)
#define lock_map_release(l) lock_release_krt(l, _THIS_IP_)
#define lock_map_assert_held(l) lockdep_assert(lock_is_held(l) != LOCK_STATE_NOT_HELD)

/* Class annotations only matter for the graph, which krt does not build. */
#define lockdep_set_class(lock, key) do { (void)(key); } while (0)
#define lockdep_set_class_and_name(lock, key, name) do { (void)(key); } while (0)
#define lockdep_set_class_and_subclass(lock, key, sub) do { (void)(key); } while (0)
#define lockdep_set_subclass(lock, sub) do { } while (0)
#define lockdep_set_novalidate_class(lock) do { } while (0)
#define lockdep_register_key(key) do { } while (0)
#define lockdep_unregister_key(key) do { } while (0)
#define lockdep_off() do { } while (0)
#define lockdep_on() do { } while (0)
#define lockdep_pin_lock(l) ((struct pin_cookie){ 0 })
#define lockdep_repin_lock(l, c) do { (void)(c); } while (0)
#define lockdep_unpin_lock(l, c) do { (void)(c); } while (0)
#define SINGLE_DEPTH_NESTING 1

struct pin_cookie {
	unsigned int val;
};

/* Print the locks @task holds, in the kernel's format. */
void debug_show_held_locks(struct task_struct *task);
void lockdep_print_held_locks(struct task_struct *task);
/* Turn lock debugging off after the first problem; returns whether it was on. */
int debug_locks_off(void);

#define DEBUG_LOCKS_WARN_ON(c)						\
	({								\
		int __ret = 0;						\
		if (!oops_in_progress && unlikely(c)) {			\
			if (debug_locks_off() && !debug_locks_silent)	\
				WARN(1, "DEBUG_LOCKS_WARN_ON(%s)", #c);	\
			__ret = 1;					\
		}							\
		__ret;							\
	})

#endif /* __LINUX_LOCKDEP_H */
