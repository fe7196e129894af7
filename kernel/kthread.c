// SPDX-License-Identifier: MIT
/*
 * kthreads on krt threads. The kernel's life cycle: kthread_create() returns a thread that sleeps
 * in TASK_UNINTERRUPTIBLE until wake_up_process(); kthread_stop() sets the stop bit, wakes the
 * thread and waits for it to exit, returning its function's result (-EINTR when it never ran);
 * kthread_park() holds the thread in TASK_PARKED inside kthread_parkme().
 *
 * Threads started by kthread_create() are counted in the "kthreads" leak counter from creation
 * until they exit, so a test that forgets kthread_stop() fails. The host thread is detached at
 * creation: like a kernel task, its resources go away when it exits; the task_struct stays while
 * references (get_task_struct) remain, and struct kthread goes with it.
 */
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/bitops.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/init.h>
#include <krt/thread.h>
#include <krt/leak.h>

#include "arch/host/host.h"
#include "kernel/kthread_internal.h"

enum KTHREAD_BITS {
	KTHREAD_IS_PER_CPU = 0,
	KTHREAD_SHOULD_STOP,
	KTHREAD_SHOULD_PARK,
	KTHREAD_EXITING,
};

struct kthread {
	unsigned long flags;
	unsigned int cpu;
	int result;
	int (*threadfn)(void *data);
	void *data;
	struct completion parked;
	struct completion exited;
	/* The creator waits on this until the new thread sleeps, ready for wake_up_process(). */
	struct completion started;
	/* The name before truncation to the comm's 15 characters (NULL for internal threads). */
	char *full_name;
	struct task_struct *task;
	/* Internal threads (workers, timers) start at once and are not counted as leaks. */
	bool internal;
	struct list_head live;		/* on live_kthreads while counted */
};

/*
 * kthread_stop() makes signal_pending() true in the stopped thread, as the kernel's
 * TIF_NOTIFY_SIGNAL does, so that interruptible sleeps end. krt's pending_signals has no
 * signal 0, so bit 0 stands for that flag.
 */
#define KRT_NOTIFY_SIGNAL	1UL

static DEFINE_RAW_SPINLOCK(live_lock);
static LIST_HEAD(live_kthreads);
static long nr_live_kthreads;

static inline struct kthread *__to_kthread(struct task_struct *p)
{
	return READ_ONCE(p->kthread);
}

static inline struct kthread *to_kthread(struct task_struct *k)
{
	struct kthread *kthread = __to_kthread(k);

	WARN_ON(!kthread);
	return kthread;
}

static void kthread_uncount(struct kthread *self)
{
	unsigned long flags;

	if (self->internal)
		return;
	raw_spin_lock_irqsave(&live_lock, flags);
	if (!list_empty(&self->live)) {
		list_del_init(&self->live);
		nr_live_kthreads--;
	}
	raw_spin_unlock_irqrestore(&live_lock, flags);
}

/* The thread's function is done: publish the result and release kthread_stop(). */
static void __kthread_exit(struct kthread *self, long result)
{
	self->result = result;
	set_bit(KTHREAD_EXITING, &self->flags);
	kthread_uncount(self);
	complete_all(&self->exited);
}

/**
 * get_kthread_comm - the full name of a kthread (its comm when not a kthread or not truncated)
 * @buf: destination
 * @buf_size: its size
 * @tsk: the task
 */
void get_kthread_comm(char *buf, size_t buf_size, struct task_struct *tsk)
{
	struct kthread *kthread = __to_kthread(tsk);

	if (!kthread || !kthread->full_name) {
		__get_task_comm(buf, buf_size, tsk);
		return;
	}
	strscpy_pad(buf, kthread->full_name, buf_size);
}

/**
 * free_kthread_struct - release the kthread bookkeeping of @k (with its last reference)
 * @k: the task
 */
void free_kthread_struct(struct task_struct *k)
{
	struct kthread *kthread = __to_kthread(k);

	if (!kthread)
		return;
	k->kthread = NULL;
	host_free(kthread->full_name);
	host_free(kthread);
}

/**
 * kthread_should_stop - should this kthread return now?
 *
 * True once someone called kthread_stop() on the current kthread; the thread then returns and
 * its return value is passed to kthread_stop().
 */
bool kthread_should_stop(void)
{
	struct kthread *self = to_kthread(current);

	return self && test_bit(KTHREAD_SHOULD_STOP, &self->flags);
}

/**
 * __kthread_should_park - has kthread_park() been called on @k?
 * @k: a kthread
 */
bool __kthread_should_park(struct task_struct *k)
{
	struct kthread *kthread = to_kthread(k);

	return kthread && test_bit(KTHREAD_SHOULD_PARK, &kthread->flags);
}

/**
 * kthread_should_park - should this kthread park now?
 *
 * True once someone called kthread_park(); the thread then cleans up and calls kthread_parkme().
 */
bool kthread_should_park(void)
{
	return __kthread_should_park(current);
}

/**
 * kthread_should_stop_or_park - kthread_should_stop() || kthread_should_park(), for any task
 */
bool kthread_should_stop_or_park(void)
{
	struct kthread *kthread = __to_kthread(current);

	if (!kthread)
		return false;
	return READ_ONCE(kthread->flags) & (BIT(KTHREAD_SHOULD_STOP) | BIT(KTHREAD_SHOULD_PARK));
}

/**
 * kthread_freezable_should_stop - kthread_should_stop() for freezable kthreads
 * @was_frozen: set to whether the thread was frozen (krt never freezes: false)
 */
bool kthread_freezable_should_stop(bool *was_frozen)
{
	might_sleep();
	if (was_frozen)
		*was_frozen = false;
	return kthread_should_stop();
}

/**
 * kthread_func - the function @task was created with
 * @task: a task
 *
 * Returns NULL if @task is not a kthread.
 */
void *kthread_func(struct task_struct *task)
{
	struct kthread *kthread = __to_kthread(task);

	return kthread ? (void *)kthread->threadfn : NULL;
}

/**
 * kthread_data - the data pointer @task was created with
 * @task: a kthread; the caller keeps it alive
 */
void *kthread_data(struct task_struct *task)
{
	struct kthread *kthread = to_kthread(task);

	return kthread ? kthread->data : NULL;
}

/**
 * kthread_probe_data - kthread_data() for a task that may not be a kthread
 * @task: any task
 *
 * Returns NULL when @task is not a kthread.
 */
void *kthread_probe_data(struct task_struct *task)
{
	struct kthread *kthread = __to_kthread(task);

	return kthread ? kthread->data : NULL;
}

static void __kthread_parkme(struct kthread *self)
{
	for (;;) {
		/* TASK_PARKED: wake_up_process() does not end it, only kthread_unpark() does. */
		set_current_state(TASK_PARKED);
		if (!test_bit(KTHREAD_SHOULD_PARK, &self->flags))
			break;
		preempt_disable();
		complete(&self->parked);
		schedule_preempt_disabled();
		preempt_enable();
	}
	__set_current_state(TASK_RUNNING);
}

/**
 * kthread_parkme - park the current kthread until kthread_unpark()
 */
void kthread_parkme(void)
{
	struct kthread *self = to_kthread(current);

	if (self)
		__kthread_parkme(self);
}

/**
 * kthread_exit - end the current kthread, passing @result to kthread_stop()
 * @result: the value kthread_stop() returns
 */
void __noreturn kthread_exit(long result)
{
	struct kthread *self = to_kthread(current);

	if (!self)
		BUG();
	__kthread_exit(self, result);
	krt_thread_exit(result);
}

/**
 * kthread_complete_and_exit - complete @comp (if any), then kthread_exit(@code)
 * @comp: completion to complete, or NULL
 * @code: the value kthread_stop() returns
 */
void __noreturn kthread_complete_and_exit(struct completion *comp, long code)
{
	if (comp)
		complete(comp);
	kthread_exit(code);
}

/* The body of every kthread (krt thread function). */
static int kthread(void *arg)
{
	struct kthread *self = arg;
	struct task_struct *t = current;
	int ret;

	t->flags |= PF_KTHREAD;
	WRITE_ONCE(t->kthread, self);

	if (self->internal) {
		ret = self->threadfn(self->data);
		__kthread_exit(self, ret);
		return ret;
	}

	/* Tell the creator we exist, then sleep until wake_up_process() or kthread_stop(). */
	__set_current_state(TASK_UNINTERRUPTIBLE);
	preempt_disable();
	complete(&self->started);
	schedule_preempt_disabled();
	preempt_enable();

	ret = -EINTR;
	if (!test_bit(KTHREAD_SHOULD_STOP, &self->flags)) {
		__kthread_parkme(self);
		ret = self->threadfn(self->data);
	}
	__kthread_exit(self, ret);
	return ret;
}

static struct kthread *kthread_alloc(int (*threadfn)(void *data), void *data)
{
	struct kthread *k = host_zalloc(sizeof(*k));

	if (!k)
		return NULL;
	k->threadfn = threadfn;
	k->data = data;
	init_completion(&k->parked);
	init_completion(&k->exited);
	init_completion(&k->started);
	INIT_LIST_HEAD(&k->live);
	return k;
}

static __printf(4, 0) struct task_struct *
__kthread_create_on_node(int (*threadfn)(void *data), void *data, int node, const char namefmt[],
			 va_list args)
{
	struct task_struct *task;
	struct kthread *k;
	unsigned long flags;
	va_list aq;
	int len;

	might_sleep();
	k = kthread_alloc(threadfn, data);
	if (!k)
		return ERR_PTR(-ENOMEM);
	va_copy(aq, args);
	len = vsnprintf(NULL, 0, namefmt, aq);
	va_end(aq);
	k->full_name = host_alloc(len + 1);
	if (!k->full_name) {
		host_free(k);
		return ERR_PTR(-ENOMEM);
	}
	vsnprintf(k->full_name, len + 1, namefmt, args);

	/* The comm is the name truncated to TASK_COMM_LEN - 1 characters. */
	task = krt_thread_create(kthread, k, k->full_name);
	if (IS_ERR(task)) {
		host_free(k->full_name);
		host_free(k);
		return task;
	}
	k->task = task;
	raw_spin_lock_irqsave(&live_lock, flags);
	list_add_tail(&k->live, &live_kthreads);
	nr_live_kthreads++;
	raw_spin_unlock_irqrestore(&live_lock, flags);

	wait_for_completion(&k->started);
	/* Nobody joins a kthread: it goes away when it exits, its task_struct with the last ref. */
	krt_thread_detach(task);
	return task;
}

/**
 * kthread_create_on_node - create a kthread
 * @threadfn: the function to run
 * @data: its argument
 * @node: NUMA node (ignored)
 * @namefmt: printf-style name; the comm keeps the first 15 characters
 *
 * The thread sleeps until wake_up_process(); kthread_stop() before that ends it without running
 * @threadfn. @threadfn either returns by itself or when kthread_should_stop() becomes true.
 * Returns the task or ERR_PTR(-ENOMEM).
 */
struct task_struct *kthread_create_on_node(int (*threadfn)(void *data), void *data, int node,
					   const char namefmt[], ...)
{
	struct task_struct *task;
	va_list args;

	va_start(args, namefmt);
	task = __kthread_create_on_node(threadfn, data, node, namefmt, args);
	va_end(args);
	return task;
}

/**
 * kthread_create_on_cpu - create a kthread bound to @cpu
 * @threadfn: the function to run
 * @data: its argument
 * @cpu: the CPU (filled into @namefmt, which looks like "name/%u")
 * @namefmt: the name
 */
struct task_struct *kthread_create_on_cpu(int (*threadfn)(void *data), void *data,
					  unsigned int cpu, const char *namefmt)
{
	struct task_struct *p;

	p = kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, cpu);
	if (IS_ERR(p))
		return p;
	kthread_bind(p, cpu);
	to_kthread(p)->cpu = cpu;
	return p;
}

/**
 * kthread_set_per_cpu - mark @k as the per-CPU thread of @cpu (or clear it with @cpu < 0)
 * @k: a kthread
 * @cpu: the CPU
 */
void kthread_set_per_cpu(struct task_struct *k, int cpu)
{
	struct kthread *kthread = to_kthread(k);

	if (!kthread)
		return;
	if (cpu < 0) {
		clear_bit(KTHREAD_IS_PER_CPU, &kthread->flags);
		return;
	}
	kthread->cpu = cpu;
	set_bit(KTHREAD_IS_PER_CPU, &kthread->flags);
}

/**
 * kthread_is_per_cpu - was @p marked with kthread_set_per_cpu()?
 * @p: a task
 */
bool kthread_is_per_cpu(struct task_struct *p)
{
	struct kthread *kthread = __to_kthread(p);

	return kthread && test_bit(KTHREAD_IS_PER_CPU, &kthread->flags);
}

/**
 * kthread_bind - bind a just-created kthread to @cpu
 * @p: the thread
 * @cpu: the CPU
 *
 * krt's threads run wherever the host schedules them: nothing to do.
 */
void kthread_bind(struct task_struct *p, unsigned int cpu)
{
}

/**
 * kthread_bind_mask - bind a just-created kthread to @mask (nothing to do in krt)
 * @p: the thread
 * @mask: the CPUs
 */
void kthread_bind_mask(struct task_struct *p, const struct cpumask *mask)
{
}

/**
 * kthread_unpark - let a parked kthread continue
 * @k: the thread
 *
 * Clears kthread_should_park() and wakes @k out of kthread_parkme().
 */
void kthread_unpark(struct task_struct *k)
{
	struct kthread *kthread = to_kthread(k);

	if (!kthread || !test_bit(KTHREAD_SHOULD_PARK, &kthread->flags))
		return;
	clear_bit(KTHREAD_SHOULD_PARK, &kthread->flags);
	/* __kthread_parkme() either sees the bit clear or gets this wake-up. */
	wake_up_state(k, TASK_PARKED);
}

/**
 * kthread_park - park a kthread
 * @k: the thread (or current, which then only gets the bit set)
 *
 * Makes kthread_should_park() true, wakes @k and waits until it sits in kthread_parkme(). Also
 * works right after kthread_create(): the thread parks before running its function.
 * Returns 0, or -ENOSYS if the thread has exited.
 */
int kthread_park(struct task_struct *k)
{
	struct kthread *kthread = to_kthread(k);

	if (!kthread)
		return -EINVAL;
	if (WARN_ON(test_bit(KTHREAD_EXITING, &kthread->flags)))
		return -ENOSYS;
	if (WARN_ON_ONCE(test_bit(KTHREAD_SHOULD_PARK, &kthread->flags)))
		return -EBUSY;

	set_bit(KTHREAD_SHOULD_PARK, &kthread->flags);
	if (k != current) {
		wake_up_process(k);
		wait_for_completion(&kthread->parked);
	}
	return 0;
}

/**
 * kthread_stop - stop a kthread
 * @k: a thread from kthread_create()
 *
 * Makes kthread_should_stop() true (and signal_pending(), so interruptible sleeps end), unparks
 * and wakes @k, and waits for it to exit. If the thread may exit by itself, the caller must hold
 * a reference (get_task_struct) so that @k stays valid.
 *
 * Returns the result of the thread function, or -EINTR if the thread was never woken.
 */
int kthread_stop(struct task_struct *k)
{
	struct kthread *kthread;
	int ret;

	might_sleep();
	get_task_struct(k);
	kthread = to_kthread(k);
	if (!kthread) {
		put_task_struct(k);
		return -EINVAL;
	}
	set_bit(KTHREAD_SHOULD_STOP, &kthread->flags);
	kthread_unpark(k);
	__atomic_fetch_or(&k->pending_signals, KRT_NOTIFY_SIGNAL, __ATOMIC_RELEASE);
	wake_up_process(k);
	wait_for_completion(&kthread->exited);
	ret = kthread->result;
	put_task_struct(k);
	return ret;
}

/**
 * kthread_stop_put - kthread_stop() and drop the caller's extra task reference
 * @k: a thread the caller holds a reference on
 */
int kthread_stop_put(struct task_struct *k)
{
	int ret;

	ret = kthread_stop(k);
	put_task_struct(k);
	return ret;
}

/**
 * krt_kthread_spawn - start an internal kthread that runs @fn(@data) at once
 * @fn: the thread function
 * @data: its argument
 * @name: the comm
 *
 * For krt's own threads (workqueue workers, the timer thread): callable from any context (it
 * does not wait for the thread), not counted as a leak, and the thread is gone when @fn returns.
 * Returns 0 or a negative errno.
 */
int krt_kthread_spawn(int (*fn)(void *data), void *data, const char *name)
{
	struct task_struct *task;
	struct kthread *k;

	k = kthread_alloc(fn, data);
	if (!k)
		return -ENOMEM;
	k->internal = true;
	task = krt_thread_create(kthread, k, name);
	if (IS_ERR(task)) {
		host_free(k);
		return PTR_ERR(task);
	}
	krt_thread_detach(task);
	return 0;
}

static long kthreads_read(void)
{
	return READ_ONCE(nr_live_kthreads);
}

/* Is one of the counted kthreads running right now (about to finish, perhaps)? */
static bool kthreads_busy(void)
{
	struct kthread *k;
	unsigned long flags;
	bool busy = false;

	raw_spin_lock_irqsave(&live_lock, flags);
	list_for_each_entry(k, &live_kthreads, live) {
		if (READ_ONCE(k->task->__state) == TASK_RUNNING) {
			busy = true;
			break;
		}
	}
	raw_spin_unlock_irqrestore(&live_lock, flags);
	return busy;
}

/*
 * A thread that finished its job (completing what the test waits for) may still be returning
 * from its function: give running kthreads a moment before counting. Sleeping ones are left.
 */
static void kthreads_settle(void)
{
	int i;

	for (i = 0; i < 200 && kthreads_busy(); i++)
		host_sleep_ns(1000 * 1000);
}

static struct krt_leak_counter kthreads_counter = {
	.name = "kthreads",
	.read = kthreads_read,
	.settle = kthreads_settle,
};

/* A forked child has none of the parent's kthreads: stop counting them. */
static void kthread_fork_child(void)
{
	raw_spin_lock_init(&live_lock);
	INIT_LIST_HEAD(&live_kthreads);
	nr_live_kthreads = 0;
}

static int __init kthread_init(void)
{
	host_atfork(NULL, NULL, kthread_fork_child);
	krt_leak_counter_register(&kthreads_counter);
	return 0;
}
early_initcall(kthread_init);
