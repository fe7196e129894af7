// SPDX-License-Identifier: MIT
/* msleep and friends (sleep through schedule_timeout) and the busy-waiting delays. */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/kernel.h>
#include <linux/sched.h>

#include "arch/host/host.h"

/**
 * msleep - sleep at least @msecs milliseconds, uninterruptibly.
 * @msecs: time to sleep
 */
void msleep(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

/**
 * msleep_interruptible - sleep @msecs milliseconds unless a signal arrives.
 * @msecs: time to sleep
 *
 * Returns the milliseconds left when woken early by a signal, else 0.
 */
unsigned long msleep_interruptible(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	while (timeout && !signal_pending(current))
		timeout = schedule_timeout_interruptible(timeout);
	return jiffies_to_msecs(timeout);
}

/**
 * ssleep - sleep @seconds seconds.
 * @seconds: time to sleep
 */
void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}

/**
 * usleep_range_state - sleep between @min and @max microseconds in task @state.
 * @min: shortest sleep
 * @max: longest acceptable sleep (a hint for coalescing wake-ups)
 * @state: TASK_UNINTERRUPTIBLE or TASK_IDLE
 */
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
{
	ktime_t end = ktime_add_ns(ktime_get(), min * NSEC_PER_USEC);

	might_sleep();
	for (;;) {
		/* One clock read per round: a second one could land past @end (left < 0). */
		ktime_t now = ktime_get();
		s64 left = ktime_sub(end, now);
		unsigned long j;

		if (left <= 0)
			break;
		j = nsecs_to_jiffies(left);

		__set_current_state(state);
		if (j)
			schedule_timeout(j);
		else
			host_sleep_ns((u64)left);
		__set_current_state(TASK_RUNNING);
	}
}

/**
 * fsleep - sleep @usecs microseconds with the best mechanism for the length.
 * @usecs: time to sleep
 */
void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs <= 20000)
		usleep_range(usecs, 2 * usecs);
	else
		msleep(DIV_ROUND_UP(usecs, 1000));
}

/**
 * ndelay - busy-wait @nsecs nanoseconds; usable in atomic context.
 * @nsecs: time to wait
 */
void ndelay(unsigned long nsecs)
{
	ktime_t end = ktime_add_ns(ktime_get(), nsecs);

	while (ktime_before(ktime_get(), end))
		cpu_relax();
}

/**
 * udelay - busy-wait @usecs microseconds; usable in atomic context.
 * @usecs: time to wait
 */
void udelay(unsigned long usecs)
{
	ndelay(usecs * NSEC_PER_USEC);
}

/**
 * mdelay - busy-wait @msecs milliseconds; usable in atomic context.
 * @msecs: time to wait
 */
void mdelay(unsigned long msecs)
{
	ndelay(msecs * NSEC_PER_MSEC);
}
