/* SPDX-License-Identifier: MIT */
/*
 * Waiting for grace periods through callbacks: struct rcu_synchronize, wakeme_after_rcu() and
 * synchronize_rcu_mult(), for code that waits for several flavours at once. krt has one
 * flavour; waiting through call_rcu() also waits for the callbacks queued before.
 */
#ifndef _LINUX_SCHED_RCUPDATE_WAIT_H
#define _LINUX_SCHED_RCUPDATE_WAIT_H

#include <linux/rcupdate.h>
#include <linux/completion.h>
#include <linux/array_size.h>
#include <linux/sched.h>

struct rcu_synchronize {
	struct rcu_head head;
	struct completion completion;
};

/* wakeme_after_rcu - the callback that completes a struct rcu_synchronize */
void wakeme_after_rcu(struct rcu_head *head);

/*
 * __wait_rcu_gp - queue wakeme_after_rcu() with each distinct function of @crcu_array (@n of
 * them) and wait, in @state, until all have run.
 */
void __wait_rcu_gp(bool checktiny, unsigned int state, int n, call_rcu_func_t *crcu_array,
		   struct rcu_synchronize *rs_array);

#define _wait_rcu_gp(checktiny, state, ...)					\
	do {									\
		call_rcu_func_t __crcu_array[] = { __VA_ARGS__ };		\
		struct rcu_synchronize __rs_array[ARRAY_SIZE(__crcu_array)];	\
		__wait_rcu_gp(checktiny, state, ARRAY_SIZE(__crcu_array), __crcu_array, \
			      __rs_array);					\
	} while (0)

#define wait_rcu_gp(...) _wait_rcu_gp(false, TASK_UNINTERRUPTIBLE, __VA_ARGS__)
#define wait_rcu_gp_state(state, ...) _wait_rcu_gp(false, state, __VA_ARGS__)

/**
 * synchronize_rcu_mult - wait for the grace periods of several call_rcu()-like functions
 * @...: the functions (call_rcu, ...), each waited for once
 */
#define synchronize_rcu_mult(...) _wait_rcu_gp(false, TASK_UNINTERRUPTIBLE, __VA_ARGS__)

/* cond_resched_rcu - let others run in the middle of a long RCU read-side section */
static inline void cond_resched_rcu(void)
{
	rcu_read_unlock();
	cond_resched();
	rcu_read_lock();
}

#endif /* _LINUX_SCHED_RCUPDATE_WAIT_H */
