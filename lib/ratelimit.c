// SPDX-License-Identifier: MIT
/*
 * Rate limiting of messages and other events (lib/ratelimit.c in the kernel): a window of
 * @interval jiffies admits @burst events; the ones refused are counted and reported when the
 * next window opens.
 */
#include <linux/kernel.h>
#include <linux/ratelimit.h>
#include <linux/jiffies.h>
#include <linux/spinlock.h>

/**
 * ___ratelimit - may the caller go ahead under @rs's limit? (use __ratelimit())
 * @rs: the ratelimit state
 * @func: the caller's name, for the "callbacks suppressed" report
 *
 * Returns 1 to go ahead, 0 when the event must be suppressed. An interval of 0 means no limit;
 * a burst of 0 suppresses everything. Contention on @rs counts as "too busy": suppressed.
 */
int ___ratelimit(struct ratelimit_state *rs, const char *func)
{
	/* interval and burst may be changed at any time (as through sysctl); read each once. */
	int interval = READ_ONCE(rs->interval);
	int burst = READ_ONCE(rs->burst);
	unsigned long flags;
	int ret;

	if (!interval)
		return 1;

	/* Whoever holds the lock is printing already; this caller is one too many. */
	if (!raw_spin_trylock_irqsave(&rs->lock, flags))
		return 0;

	if (!rs->begin)
		rs->begin = jiffies;

	if (time_is_before_jiffies(rs->begin + interval)) {
		/* A new window: report what the last one suppressed (unless saved for exit). */
		if (rs->missed && !(rs->flags & RATELIMIT_MSG_ON_RELEASE)) {
			printk_deferred(KERN_WARNING "%s: %d callbacks suppressed\n", func,
					rs->missed);
			rs->missed = 0;
		}
		rs->begin = jiffies;
		rs->printed = 0;
	}
	if (burst && burst > rs->printed) {
		rs->printed++;
		ret = 1;
	} else {
		rs->missed++;
		ret = 0;
	}
	raw_spin_unlock_irqrestore(&rs->lock, flags);
	return ret;
}

DEFINE_RATELIMIT_STATE(printk_ratelimit_state, 5 * HZ, 10);

/**
 * __printk_ratelimit - the kernel's printk_ratelimit() for caller @func
 * @func: the caller's name, for the "callbacks suppressed" report
 *
 * Returns 1 if the caller may print (10 messages per 5 seconds, all callers together).
 */
int __printk_ratelimit(const char *func)
{
	return ___ratelimit(&printk_ratelimit_state, func);
}
