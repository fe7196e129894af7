/* SPDX-License-Identifier: MIT */
#ifndef LINUX_HARDIRQ_H
#define LINUX_HARDIRQ_H

#include <linux/preempt.h>
#include <linux/irqflags.h>

/* Enter/leave emulated hard-interrupt context (used by tests that play an interrupt handler). */
#define __irq_enter() preempt_count_add(HARDIRQ_OFFSET)
#define __irq_exit() preempt_count_sub(HARDIRQ_OFFSET)
#define irq_enter() __irq_enter()
#define irq_exit() __irq_exit()

#endif /* LINUX_HARDIRQ_H */
