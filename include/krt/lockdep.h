/* SPDX-License-Identifier: MIT */
/*
 * Test helpers for lock debugging. The first lockdep or CONFIG_DEBUG_SPINLOCK report switches
 * lock debugging off for the rest of the run (debug_locks = 0), as in the kernel. A test that
 * provokes a report on purpose calls krt_debug_locks_reset() afterwards, so that later checks
 * (and the next provoked report) work again.
 */
#ifndef _KRT_LOCKDEP_H
#define _KRT_LOCKDEP_H

/* Switch lock debugging back on after a report turned it off. */
void krt_debug_locks_reset(void);

#endif /* _KRT_LOCKDEP_H */
