/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H

#include <linux/preempt.h>

/* Softirqs run in krt's timer thread; disabling them is the preempt-count bookkeeping. */
static inline void local_bh_disable(void)
{
	preempt_count_add(SOFTIRQ_DISABLE_OFFSET);
	barrier();
}

static inline void local_bh_enable(void)
{
	barrier();
	preempt_count_sub(SOFTIRQ_DISABLE_OFFSET);
}

#define local_bh_enable_ip(ip) local_bh_enable()
#define _local_bh_enable() local_bh_enable()

#endif /* _LINUX_BH_H */
