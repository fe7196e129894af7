/* SPDX-License-Identifier: MIT */
/*
 * Rate limiting: at most @burst events per @interval jiffies per ratelimit_state. __ratelimit()
 * (in <linux/ratelimit_types.h>) says whether the caller may go ahead; the suppressed count is
 * reported ("%s: %d callbacks suppressed") when the next interval begins.
 */
#ifndef _LINUX_RATELIMIT_H
#define _LINUX_RATELIMIT_H

#include <linux/ratelimit_types.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/printk.h>

/* ratelimit_state_init - set @rs up for @burst events per @interval jiffies (0: no limit) */
static inline void ratelimit_state_init(struct ratelimit_state *rs, int interval, int burst)
{
	memset(rs, 0, sizeof(*rs));
	raw_spin_lock_init(&rs->lock);
	rs->interval = interval;
	rs->burst = burst;
}

/* ratelimit_default_init - the printk defaults: 10 events per 5 seconds */
static inline void ratelimit_default_init(struct ratelimit_state *rs)
{
	ratelimit_state_init(rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);
}

/*
 * ratelimit_state_exit - with RATELIMIT_MSG_ON_RELEASE, report the lines suppressed since the
 * last report (the state is going away)
 */
static inline void ratelimit_state_exit(struct ratelimit_state *rs)
{
	if (!(rs->flags & RATELIMIT_MSG_ON_RELEASE))
		return;
	if (rs->missed) {
		pr_warn("%s: %d output lines suppressed due to ratelimiting\n", current->comm,
			rs->missed);
		rs->missed = 0;
	}
}

/* ratelimit_set_flags - RATELIMIT_MSG_ON_RELEASE: report suppressions at exit, not per interval */
static inline void ratelimit_set_flags(struct ratelimit_state *rs, unsigned long flags)
{
	rs->flags = flags;
}

/* The state behind printk_ratelimit(). */
extern struct ratelimit_state printk_ratelimit_state;

int __printk_ratelimit(const char *func);

#endif /* _LINUX_RATELIMIT_H */
