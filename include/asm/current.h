/* SPDX-License-Identifier: MIT */
/*
 * The emulated per-CPU "hot" state of the calling thread, as x86's pcpu_hot: the current task,
 * the preempt count, the interrupt flag and the RCU read-side nesting. It lives in
 * initial-exec TLS so that current, preempt_disable() and rcu_read_lock() are a few
 * instructions.
 */
#ifndef _ASM_CURRENT_H
#define _ASM_CURRENT_H

#include <linux/compiler.h>

struct task_struct;

struct pcpu_hot {
	struct task_struct *current_task;
	int preempt_count;
	int irqs_off;
	int rcu_read_lock_nesting;
};

extern __thread struct pcpu_hot pcpu_hot __attribute__((tls_model("initial-exec")));

/* Slow path: give the calling host thread a task_struct (and boot krt if needed). */
struct task_struct *krt_task_attach(void);

static __always_inline struct task_struct *get_current(void)
{
	struct task_struct *t = pcpu_hot.current_task;

	if (unlikely(!t))
		t = krt_task_attach();
	return t;
}

#define current get_current()

#endif /* _ASM_CURRENT_H */
