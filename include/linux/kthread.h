/* SPDX-License-Identifier: MIT */
/*
 * kthreads: host threads with a task_struct and the kernel's kthread life cycle. A kthread is
 * created asleep and runs its function only once woken (kthread_run() does both); kthread_stop()
 * makes kthread_should_stop() true, wakes the thread and returns what its function returned;
 * kthread_park() holds it in kthread_parkme() until kthread_unpark().
 */
#ifndef _LINUX_KTHREAD_H
#define _LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/sched.h>

#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE	(-1)
#endif

struct completion;
struct cpumask;

__printf(4, 5)
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...);

/* kthread_create - a kthread named by printf-style @namefmt, asleep until wake_up_process(). */
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)

struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt);

void get_kthread_comm(char *buf, size_t buf_size, struct task_struct *tsk);

void kthread_set_per_cpu(struct task_struct *k, int cpu);
bool kthread_is_per_cpu(struct task_struct *k);

/* kthread_run - kthread_create() and wake_up_process(); returns the task or an ERR_PTR. */
#define kthread_run(threadfn, data, namefmt, ...)					\
	({										\
		struct task_struct *__k =						\
			kthread_create(threadfn, data, namefmt, ##__VA_ARGS__);		\
		if (!IS_ERR(__k))							\
			wake_up_process(__k);						\
		__k;									\
	})

static inline struct task_struct *kthread_run_on_cpu(int (*threadfn)(void *data), void *data,
						     unsigned int cpu, const char *namefmt)
{
	struct task_struct *p = kthread_create_on_cpu(threadfn, data, cpu, namefmt);

	if (!IS_ERR(p))
		wake_up_process(p);
	return p;
}

void free_kthread_struct(struct task_struct *k);
void kthread_bind(struct task_struct *k, unsigned int cpu);
void kthread_bind_mask(struct task_struct *k, const struct cpumask *mask);
int kthread_stop(struct task_struct *k);
int kthread_stop_put(struct task_struct *k);
bool kthread_should_stop(void);
bool kthread_should_park(void);
bool __kthread_should_park(struct task_struct *k);
bool kthread_should_stop_or_park(void);
bool kthread_freezable_should_stop(bool *was_frozen);
void *kthread_func(struct task_struct *k);
void *kthread_data(struct task_struct *k);
void *kthread_probe_data(struct task_struct *k);
int kthread_park(struct task_struct *k);
void kthread_unpark(struct task_struct *k);
void kthread_parkme(void);
void kthread_exit(long result) __noreturn;
void kthread_complete_and_exit(struct completion *comp, long code) __noreturn;

#endif /* _LINUX_KTHREAD_H */
