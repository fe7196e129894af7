/* SPDX-License-Identifier: MIT */
/*
 * The scheduler's hooks into the workqueue code. As in the kernel, a worker that goes to sleep
 * inside a work function lets its pool start another worker, so that the pool keeps its
 * concurrency level and work items waiting for each other do not deadlock.
 */
#ifndef _KERNEL_WORKQUEUE_INTERNAL_H
#define _KERNEL_WORKQUEUE_INTERNAL_H

struct task_struct;

/* @task (current, a PF_WQ_WORKER) is about to sleep. */
void wq_worker_sleeping(struct task_struct *task);
/* @task (current, a PF_WQ_WORKER) runs again after sleeping. */
void wq_worker_running(struct task_struct *task);

#endif /* _KERNEL_WORKQUEUE_INTERNAL_H */
