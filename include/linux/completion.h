/* SPDX-License-Identifier: MIT */
/*
 * Completions: "wait until X has happened" with the kernel's semantics. complete() lets one
 * waiter through (counting, so N complete() calls let N waiters through); complete_all() lets
 * every present and future waiter through until reinit_completion().
 */
#ifndef __LINUX_COMPLETION_H
#define __LINUX_COMPLETION_H

#include <linux/types.h>
#include <linux/wait.h>

/*
 * @done counts the complete() calls not yet consumed by a waiter (UINT_MAX after
 * complete_all()); waiters queue on @wait, whose lock also protects @done.
 */
struct completion {
	unsigned int done;
	struct wait_queue_head wait;
};

#define init_completion_map(x, m) init_completion(x)
static inline void complete_acquire(struct completion *x) {}
static inline void complete_release(struct completion *x) {}

#define COMPLETION_INITIALIZER(work) { 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }

#define COMPLETION_INITIALIZER_ONSTACK_MAP(work, map)			\
	(*({ init_completion_map(&(work), &(map)); &(work); }))

#define COMPLETION_INITIALIZER_ONSTACK(work)				\
	(*({ init_completion(&work); &work; }))

#define DECLARE_COMPLETION(work) struct completion work = COMPLETION_INITIALIZER(work)

#define DECLARE_COMPLETION_ONSTACK(work)				\
	struct completion work = COMPLETION_INITIALIZER_ONSTACK(work)
#define DECLARE_COMPLETION_ONSTACK_MAP(work, map)			\
	struct completion work = COMPLETION_INITIALIZER_ONSTACK_MAP(work, map)

/* init_completion - initialise a (dynamically allocated) completion: not done, no waiters */
static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

/* reinit_completion - make a completion "not done" again (no waiter may be using it) */
static inline void reinit_completion(struct completion *x)
{
	WRITE_ONCE(x->done, 0);
}

void wait_for_completion(struct completion *x);
void wait_for_completion_io(struct completion *x);
int wait_for_completion_interruptible(struct completion *x);
int wait_for_completion_killable(struct completion *x);
int wait_for_completion_state(struct completion *x, unsigned int state);
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout);
unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout);
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout);
long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout);
bool try_wait_for_completion(struct completion *x);
bool completion_done(struct completion *x);

void complete(struct completion *x);
void complete_on_current_cpu(struct completion *x);
void complete_all(struct completion *x);

#endif /* __LINUX_COMPLETION_H */
