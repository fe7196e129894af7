/* SPDX-License-Identifier: MIT */
/* Shared by krt's lock implementations in kernel/locking/. */
#ifndef _KERNEL_LOCKING_LOCKING_H
#define _KERNEL_LOCKING_LOCKING_H

#include <linux/types.h>
#include <linux/lockdep.h>
#include <linux/spinlock_types.h>

/*
 * How many times a waiter polls a busy lock word before it sleeps on the futex: long enough to
 * ride out a short critical section on another CPU, short enough not to waste a time slice
 * when the holder was descheduled.
 */
#define KRT_LOCK_SPINS 100

/*
 * krt_held_lock_find - the entry for @lock in current's held-lock stack, or NULL
 *
 * The stack is kept whether or not lock debugging is still on, so this also works after a
 * report switched debug_locks off (lock_is_held_type() answers "unknown" then).
 */
struct held_lock *krt_held_lock_find(const void *lock);

/* Print one lock the way lockdep lists held locks (after a " #N: " prefix). */
void krt_lockdep_print_lock(const void *lock, const char *name, int wait_type, unsigned long ip);

/*
 * krt_report_recursive_locking - lockdep's "possible recursive locking detected" report
 * @lock: the lock current tries to take again
 * @name: its name
 * @wait_type: LD_WAIT_SPIN or LD_WAIT_SLEEP
 * @ip: where the new acquisition happens
 *
 * Printed once (it switches debug_locks off, as lockdep does after its first report).
 */
void krt_report_recursive_locking(const void *lock, const char *name, int wait_type,
				  unsigned long ip);

/*
 * krt_raw_spin_unlock - release a raw spinlock's word after the CONFIG_DEBUG_SPINLOCK checks
 *
 * Returns false, having reported it, when the lock was not locked: the caller then leaves the
 * preempt count and interrupt flag alone too. With @lockdep, also pops lockdep's entry.
 */
bool krt_raw_spin_unlock(raw_spinlock_t *lock, bool lockdep, unsigned long ip);

#endif /* _KERNEL_LOCKING_LOCKING_H */
