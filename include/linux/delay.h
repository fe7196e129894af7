/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/types.h>

/* Sleeping delays: they might_sleep() and give the CPU away. */
void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);
#define usleep_range(min, max) usleep_range_state(min, max, 0x2 /* TASK_UNINTERRUPTIBLE */)
#define usleep_idle_range(min, max) usleep_range(min, max)
void ssleep(unsigned int seconds);
void fsleep(unsigned long usecs);

/* Busy-wait delays: fine in atomic context. */
void udelay(unsigned long usecs);
void ndelay(unsigned long nsecs);
void mdelay(unsigned long msecs);

#endif /* _LINUX_DELAY_H */
