/* SPDX-License-Identifier: MIT */
/*
 * Plain krt threads: a host thread with a task_struct that starts running at once. kthreads,
 * workqueue workers and KUnit's per-case threads are built on these.
 */
#ifndef _KRT_THREAD_H
#define _KRT_THREAD_H

struct task_struct;

/*
 * krt_thread_create - run @fn(@data) on a new thread named @name. The returned task holds a
 * reference for the caller, released by krt_thread_join(). Returns an ERR_PTR on failure.
 */
struct task_struct *krt_thread_create(int (*fn)(void *data), void *data, const char *name);

/* krt_thread_join - wait for @task (from krt_thread_create) to end; returns @fn's result. */
int krt_thread_join(struct task_struct *task);

/*
 * krt_thread_detach - nobody will join @task: its thread goes away by itself when it ends. Drops
 * the caller's reference (taken by krt_thread_create).
 */
void krt_thread_detach(struct task_struct *task);

/* krt_thread_exit - end the calling krt thread now with @ret (as if @fn returned it). */
__attribute__((__noreturn__)) void krt_thread_exit(int ret);

#endif /* _KRT_THREAD_H */
