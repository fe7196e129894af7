// SPDX-License-Identifier: MIT
/*
 * The task model. A task_struct per host thread that enters krt (adopted on first use of
 * current) or that krt starts (krt_thread_create). Sleeping follows the kernel's protocol on a
 * futex over task->__state: a sleeper sets a non-running state and calls schedule(); a waker
 * moves the state back to TASK_RUNNING and wakes the futex.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/jiffies.h>
#include <linux/string.h>
#include <linux/lockdep.h>
#include <linux/kthread.h>
#include <linux/memcontrol.h>
#include <krt/thread.h>

#include "arch/host/host.h"
#include "init/boot.h"
#include "mm/page_alloc.h"
#include "mm/slab.h"
#include "kernel/sched/sched.h"
#include "kernel/workqueue_internal.h"

__thread struct pcpu_hot pcpu_hot __attribute__((tls_model("initial-exec")));

static struct task_struct *task_alloc(const char *name)
{
	struct task_struct *t = host_zalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->__state = TASK_RUNNING;
	t->tgid = host_getpid();
	atomic_set(&t->usage.refs, 1);
	strscpy(t->comm, name, sizeof(t->comm));
	return t;
}

/* Make @t the current task of the calling thread. */
static void task_enter(struct task_struct *t)
{
	t->pid = host_gettid();
	t->hot = &pcpu_hot;
	pcpu_hot.current_task = t;
	krt_sched_thread_online(t);
}

/* The calling thread is going away: the task stops being current and loses the thread's ref. */
static void task_exit_hook(void *arg)
{
	struct task_struct *t = arg;
	struct krt_thread *kt = t->krt_private;

	/* Free pages on the thread's lists go back; its VM event counts join the totals. */
	krt_slab_thread_exit();
	krt_mm_thread_exit();
	krt_vm_events_thread_exit();
	krt_sched_thread_offline(t);
	/* The thread's TLS goes away with it: reports about @t must not look there any more. */
	WRITE_ONCE(t->hot, NULL);
	pcpu_hot.current_task = NULL;
	if (kt) {
		__atomic_store_n(&kt->exited, 1, __ATOMIC_RELEASE);
		host_futex_wake(&kt->exited, INT_MAX);
	}
	put_task_struct(t);
}

/**
 * krt_task_attach - give the calling host thread its task_struct (the slow path of current)
 *
 * Boots krt if this is its first use. Returns the new current task.
 */
struct task_struct *krt_task_attach(void)
{
	char name[TASK_COMM_LEN];
	struct task_struct *t;

	host_thread_get_name(name, sizeof(name));
	t = task_alloc(name);
	if (!t)
		host_abort();
	t->krt_adopted = true;
	task_enter(t);
	host_thread_on_exit(task_exit_hook, t);
	krt_ensure_booted();
	return t;
}

/**
 * get_task_struct - take a reference on @t
 * @t: the task
 *
 * Returns @t.
 */
struct task_struct *get_task_struct(struct task_struct *t)
{
	atomic_inc(&t->usage.refs);
	return t;
}

/**
 * put_task_struct - drop a reference on @t; the last one frees it
 * @t: the task
 */
void put_task_struct(struct task_struct *t)
{
	if (atomic_dec_and_test(&t->usage.refs)) {
		mem_cgroup_exit(t);
		free_kthread_struct(t);
		host_free(t->krt_private);
		host_free(t);
	}
}

static void *krt_thread_trampoline(void *arg)
{
	struct task_struct *t = arg;
	struct krt_thread *kt = t->krt_private;

	task_enter(t);
	host_thread_on_exit(task_exit_hook, t);
	host_thread_set_name(t->comm);
	t->exit_code = kt->fn(kt->data);
	return NULL;
}

/**
 * krt_thread_create - start @fn(@data) on a new thread with its own task_struct
 * @fn: thread function; its return value is the thread's exit code
 * @data: argument for @fn
 * @name: the task's comm
 *
 * The returned task carries a reference for the caller, released by krt_thread_join().
 * Returns an ERR_PTR on failure.
 */
struct task_struct *krt_thread_create(int (*fn)(void *data), void *data, const char *name)
{
	struct task_struct *t = task_alloc(name);
	struct krt_thread *kt;
	int err;

	if (!t)
		return ERR_PTR(-ENOMEM);
	kt = host_zalloc(sizeof(*kt));
	if (!kt) {
		host_free(t);
		return ERR_PTR(-ENOMEM);
	}
	kt->fn = fn;
	kt->data = data;
	t->krt_private = kt;
	atomic_set(&t->usage.refs, 2);	/* the thread's and the caller's */
	err = host_thread_create(&kt->thread, krt_thread_trampoline, t);
	if (err) {
		host_free(kt);
		t->krt_private = NULL;
		host_free(t);
		return ERR_PTR(err);
	}
	return t;
}

/**
 * krt_thread_join - wait for a krt thread to end and collect its exit code
 * @t: a task from krt_thread_create()
 *
 * Drops the caller's reference on @t. Returns the thread function's result.
 */
int krt_thread_join(struct task_struct *t)
{
	struct krt_thread *kt = t->krt_private;
	int ret;

	while (!__atomic_load_n(&kt->exited, __ATOMIC_ACQUIRE))
		host_futex_wait(&kt->exited, 0, -1);
	host_thread_join(kt->thread);
	ret = t->exit_code;
	put_task_struct(t);
	return ret;
}

/**
 * krt_thread_detach - let a krt thread go away by itself when it ends (nobody joins it)
 * @t: a task from krt_thread_create()
 *
 * Drops the caller's reference on @t; the thread's own reference keeps @t until it exits.
 */
void krt_thread_detach(struct task_struct *t)
{
	struct krt_thread *kt = t->krt_private;

	host_thread_detach(kt->thread);
	put_task_struct(t);
}

/**
 * krt_thread_exit - end the calling krt thread with exit code @ret
 * @ret: exit code reported by krt_thread_join()
 */
void krt_thread_exit(int ret)
{
	current->exit_code = ret;
	host_thread_exit(NULL);
}

/* A schedule() with the preempt count raised: the kernel's "scheduling while atomic". */
static void schedule_bug(void)
{
	struct task_struct *t = current;

	pr_err("BUG: scheduling while atomic: %s/%d/0x%08x\n", t->comm, t->pid, preempt_count());
	debug_show_held_locks(t);
	dump_stack();
	add_taint(TAINT_WARN, LOCKDEP_STILL_OK);
}

/*
 * Sleep on the state futex until a waker makes the task runnable, a pending signal is allowed
 * to interrupt the sleep, or @deadline_ns (0: none) passes. Returns false on timeout.
 */
static bool sleep_until_running(struct task_struct *t, u64 deadline_ns)
{
	for (;;) {
		unsigned int state = __atomic_load_n(&t->__state, __ATOMIC_ACQUIRE);
		s64 left = -1;

		if (state == TASK_RUNNING)
			return true;
		if (signal_pending_state(state, t)) {
			__atomic_store_n(&t->__state, TASK_RUNNING, __ATOMIC_RELAXED);
			return true;
		}
		if (deadline_ns) {
			u64 now = host_clock_mono_ns();

			if (now >= deadline_ns) {
				__atomic_store_n(&t->__state, TASK_RUNNING, __ATOMIC_RELAXED);
				return false;
			}
			left = deadline_ns - now;
		}
		host_futex_wait(&t->__state, state, left);
	}
}

/*
 * A workqueue worker going to sleep inside a work function lets its pool start another worker
 * (the kernel's sched_submit_work()/sched_update_worker()).
 */
static inline bool sched_submit_work(struct task_struct *t)
{
	if (!(t->flags & PF_WQ_WORKER) || task_is_running(t))
		return false;
	wq_worker_sleeping(t);
	return true;
}

static inline void sched_update_worker(struct task_struct *t, bool worker_slept)
{
	if (worker_slept)
		wq_worker_running(t);
}

/**
 * schedule - give up the CPU until woken
 *
 * Returns at once when the task is TASK_RUNNING (a wake-up raced with going to sleep).
 */
void schedule(void)
{
	struct task_struct *t = current;
	bool worker_slept;

	if (unlikely(preempt_count()))
		schedule_bug();
	worker_slept = sched_submit_work(t);
	sleep_until_running(t, 0);
	sched_update_worker(t, worker_slept);
}

/**
 * schedule_preempt_disabled - schedule() from a section that disabled preemption once
 */
void schedule_preempt_disabled(void)
{
	sched_preempt_enable_no_resched();
	schedule();
	preempt_disable();
}

/**
 * schedule_timeout - sleep until woken or until @timeout jiffies pass
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 *
 * The caller sets the task state first. Returns 0 when the time ran out, otherwise the
 * jiffies that were left (0 if the time ran out meanwhile).
 */
long schedule_timeout(long timeout)
{
	struct task_struct *t = current;
	bool worker_slept, woken;
	u64 start, deadline;
	long left;

	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("%s: wrong timeout value %lx\n", __func__, timeout);
		dump_stack();
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	if (unlikely(preempt_count()))
		schedule_bug();
	start = host_clock_mono_ns();
	/* A timeout too long to express in nanoseconds is as good as none. */
	if ((u64)timeout > (U64_MAX - start) / (NSEC_PER_SEC / HZ))
		deadline = 0;
	else
		deadline = start + jiffies_to_nsecs(timeout);
	worker_slept = sched_submit_work(t);
	woken = sleep_until_running(t, deadline);
	sched_update_worker(t, worker_slept);
	if (!woken)
		return 0;
	/* As the kernel: what is left of the timeout, 0 if it ran out while waking up. */
	left = timeout - (long)nsecs_to_jiffies(host_clock_mono_ns() - start);
	return left > 0 ? left : 0;
}

/**
 * schedule_timeout_interruptible - sleep in TASK_INTERRUPTIBLE for up to @timeout jiffies
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 *
 * Sets the task state itself, then calls schedule_timeout(). A wake-up or a signal sent with
 * send_sig() ends the sleep early.
 *
 * Return: what schedule_timeout() returns: 0 when the time ran out, otherwise the jiffies that
 * were left.
 */
long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/**
 * schedule_timeout_killable - sleep in TASK_KILLABLE for up to @timeout jiffies
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 *
 * Sets the task state itself, then calls schedule_timeout(). A wake-up or SIGKILL ends the
 * sleep early; other signals do not.
 *
 * Return: what schedule_timeout() returns: 0 when the time ran out, otherwise the jiffies that
 * were left.
 */
long schedule_timeout_killable(long timeout)
{
	__set_current_state(TASK_KILLABLE);
	return schedule_timeout(timeout);
}

/**
 * schedule_timeout_uninterruptible - sleep in TASK_UNINTERRUPTIBLE for up to @timeout jiffies
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 *
 * Sets the task state itself, then calls schedule_timeout(). Only a wake-up ends the sleep
 * early; signals do not.
 *
 * Return: what schedule_timeout() returns: 0 when the time ran out, otherwise the jiffies that
 * were left.
 */
long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

/**
 * schedule_timeout_idle - sleep in TASK_IDLE for up to @timeout jiffies
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 *
 * TASK_IDLE is an uninterruptible sleep marked TASK_NOLOAD (the kernel leaves it out of the
 * load average): only a wake-up ends the sleep early. Sets the task state itself, then calls
 * schedule_timeout().
 *
 * Return: what schedule_timeout() returns: 0 when the time ran out, otherwise the jiffies that
 * were left.
 */
long schedule_timeout_idle(long timeout)
{
	__set_current_state(TASK_IDLE);
	return schedule_timeout(timeout);
}

/**
 * wake_up_state - wake @p if it sleeps in one of @state
 * @p: the task
 * @state: mask of task states to wake from
 *
 * Returns 1 if @p was woken, 0 if it was running or in another state.
 */
int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned int cur = __atomic_load_n(&p->__state, __ATOMIC_RELAXED);

	do {
		if (!(cur & state))
			return 0;
	} while (!__atomic_compare_exchange_n(&p->__state, &cur, TASK_RUNNING, false,
					      __ATOMIC_RELEASE, __ATOMIC_RELAXED));
	host_futex_wake(&p->__state, 1);
	return 1;
}

/**
 * wake_up_process - wake @p from any sleeping state
 * @p: the task
 *
 * Returns 1 if @p was woken, 0 if it was already running.
 */
int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

/**
 * send_sig - post signal @sig to @p and wake it if it sleeps interruptibly
 * @sig: signal number (SIGKILL also interrupts TASK_KILLABLE sleeps)
 * @p: the task
 * @priv: unused
 *
 * krt tasks receive signals only this way; signal_pending() reports them.
 */
int send_sig(int sig, struct task_struct *p, int priv)
{
	if (sig <= 0 || sig >= 64)
		return -EINVAL;
	__atomic_fetch_or(&p->pending_signals, 1UL << sig, __ATOMIC_RELEASE);
	wake_up_state(p, TASK_INTERRUPTIBLE | (sig == 9 ? TASK_WAKEKILL : 0));
	return 0;
}

/**
 * flush_signals - forget the signals pending for @p
 * @p: the task
 */
void flush_signals(struct task_struct *p)
{
	__atomic_store_n(&p->pending_signals, 0, __ATOMIC_RELAXED);
}

/**
 * yield - let other threads run
 */
void yield(void)
{
	host_yield();
}

/**
 * _cond_resched - the reschedule point behind cond_resched()
 *
 * krt tasks are host threads, which the host scheduler preempts by itself, so there is never
 * a pending reschedule to honour here. cond_resched() still runs its might-sleep check
 * (__might_resched()) before calling this.
 *
 * Return: 0, no reschedule happened.
 */
int _cond_resched(void)
{
	return 0;
}

/**
 * __get_task_comm - copy @tsk's name into @buf
 * @buf: destination
 * @buf_size: its size
 * @tsk: the task
 */
char *__get_task_comm(char *buf, size_t buf_size, struct task_struct *tsk)
{
	strscpy_pad(buf, tsk->comm, buf_size);
	return buf;
}

/**
 * __set_task_comm - rename @tsk (also the host thread, when @tsk is current)
 * @tsk: the task
 * @from: the new name (truncated to TASK_COMM_LEN - 1)
 * @exec: unused
 */
void __set_task_comm(struct task_struct *tsk, const char *from, bool exec)
{
	strscpy_pad(tsk->comm, from, sizeof(tsk->comm));
	if (tsk == pcpu_hot.current_task)
		host_thread_set_name(tsk->comm);
}

