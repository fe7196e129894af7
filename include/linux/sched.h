/* SPDX-License-Identifier: MIT */
/*
 * struct task_struct: every host thread that enters krt has one (current). Sleeping is the
 * kernel's protocol: set_current_state(), check the condition, schedule(); a waker makes the
 * task TASK_RUNNING with wake_up_process() (a futex on __state underneath).
 */
#ifndef _KRT_LINUX_SCHED_H
#define _KRT_LINUX_SCHED_H

#include_next <linux/sched.h>

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/refcount_types.h>
#include <linux/lockdep_types.h>
#include <linux/preempt.h>
#include <linux/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/current.h>

#define TASK_RUNNING			0x00000000
#define TASK_INTERRUPTIBLE		0x00000001
#define TASK_UNINTERRUPTIBLE		0x00000002
#define __TASK_STOPPED			0x00000004
#define __TASK_TRACED			0x00000008
#define EXIT_DEAD			0x00000010
#define EXIT_ZOMBIE			0x00000020
#define EXIT_TRACE			(EXIT_ZOMBIE | EXIT_DEAD)
#define TASK_PARKED			0x00000040
#define TASK_DEAD			0x00000080
#define TASK_WAKEKILL			0x00000100
#define TASK_WAKING			0x00000200
#define TASK_NOLOAD			0x00000400
#define TASK_NEW			0x00000800
#define TASK_FREEZABLE			0x00002000
#define TASK_KILLABLE			(TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_STOPPED			(TASK_WAKEKILL | __TASK_STOPPED)
#define TASK_IDLE			(TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL			(TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)

#define PF_IDLE			0x00000002
#define PF_EXITING		0x00000004
#define PF_POSTCOREDUMP		0x00000008
#define PF_IO_WORKER		0x00000010
#define PF_WQ_WORKER		0x00000020
#define PF_FORKNOEXEC		0x00000040
#define PF_MCE_PROCESS		0x00000080
#define PF_SUPERPRIV		0x00000100
#define PF_DUMPCORE		0x00000200
#define PF_SIGNALED		0x00000400
#define PF_MEMALLOC		0x00000800
#define PF_NPROC_EXCEEDED	0x00001000
#define PF_USED_MATH		0x00002000
#define PF_USER_WORKER		0x00004000
#define PF_NOFREEZE		0x00008000
#define PF_KCOMPACTD		0x00010000
#define PF_KSWAPD		0x00020000
#define PF_MEMALLOC_NOFS	0x00040000
#define PF_MEMALLOC_NOIO	0x00080000
#define PF_LOCAL_THROTTLE	0x00100000
#define PF_KTHREAD		0x00200000
#define PF_RANDOMIZE		0x00400000
#define PF_MEMALLOC_NORECLAIM	0x00800000
#define PF_MEMALLOC_NOWARN	0x01000000
#define PF__HOLE__02000000	0x02000000
#define PF_NO_SETAFFINITY	0x04000000
#define PF_MCE_EARLY		0x08000000
#define PF_MEMALLOC_PIN		0x10000000
#define PF_BLOCK_TS		0x20000000
#define PF_SUSPEND_TASK		0x80000000

#define TASK_COMM_LEN 16
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct kunit;
struct mem_cgroup;
struct kthread;

struct task_struct {
	/* The futex word schedule() sleeps on; TASK_RUNNING when runnable. */
	unsigned int __state;
	unsigned int flags;
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
	refcount_t usage;

	/* Where the last non-running state was set, for might_sleep()'s report. */
	unsigned long task_state_change;
	int non_block_count;

	/* lockdep: the held-lock stack (kernel/locking/lockdep.c). */
	unsigned int lockdep_depth;
	unsigned int lockdep_recursion;
	struct held_lock held_locks[MAX_LOCK_DEPTH];

	/* Signals that can reach a krt task: only what send_sig() posts. */
	unsigned long pending_signals;

	/* The emulated CPU state of this task's thread (for reports about other tasks). */
	struct pcpu_hot *hot;

	struct kthread *kthread;	/* kthread bookkeeping, NULL for adopted host threads */
	void *worker_private;		/* the workqueue worker running on this task */
	struct kunit *kunit_test;	/* the KUnit case this task runs, if any */
	unsigned int fail_nth;		/* /proc/thread-self/fail-nth */
	unsigned int make_it_fail;	/* /proc/thread-self/make-it-fail (fault task-filter) */
	struct mem_cgroup *active_memcg;
	struct mem_cgroup *memcg;	/* the task's memory cgroup (NULL: the root) */
	/* Set while this task reclaims: pages freed meanwhile count as its progress. */
	struct reclaim_state *reclaim_state;
	void *journal_info;
	int exit_code;
	bool krt_adopted;		/* a host thread that entered krt by itself */
	void *krt_private;		/* subsystem scratch owned by kernel/sched */
};

/* Sleep until woken (TASK_RUNNING) or, with a timeout, until @timeout jiffies have passed. */
void schedule(void);
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_killable(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
void schedule_preempt_disabled(void);
int wake_up_process(struct task_struct *tsk);
int wake_up_state(struct task_struct *tsk, unsigned int state);
void yield(void);
int _cond_resched(void);
#define cond_resched() ({ __might_resched(__FILE__, __LINE__, 0); _cond_resched(); })
static inline int need_resched(void)
{
	return 0;
}

#define __set_current_state(state_value)				\
	do {								\
		current->task_state_change = _THIS_IP_;			\
		WRITE_ONCE(current->__state, (state_value));		\
	} while (0)

#define set_current_state(state_value)					\
	do {								\
		current->task_state_change = _THIS_IP_;			\
		smp_store_mb(current->__state, (state_value));		\
	} while (0)

#define get_current_state() READ_ONCE(current->__state)
#define task_is_running(task) (READ_ONCE((task)->__state) == TASK_RUNNING)

static inline pid_t task_pid_nr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_pid_vnr(struct task_struct *tsk)
{
	return tsk->pid;
}

static inline pid_t task_tgid_nr(struct task_struct *tsk)
{
	return tsk->tgid;
}

static inline bool is_idle_task(const struct task_struct *p)
{
	return !!(p->flags & PF_IDLE);
}

/* Copy @tsk's name into @buf (TASK_COMM_LEN bytes), like the kernel's get_task_comm(). */
char *__get_task_comm(char *buf, size_t buf_size, struct task_struct *tsk);
#define get_task_comm(buf, tsk)						\
	({								\
		BUILD_BUG_ON(sizeof(buf) != TASK_COMM_LEN);		\
		__get_task_comm(buf, sizeof(buf), tsk);			\
	})
void __set_task_comm(struct task_struct *tsk, const char *from, bool exec);
#define set_task_comm(tsk, from) __set_task_comm(tsk, from, false)

struct task_struct *get_task_struct(struct task_struct *t);
void put_task_struct(struct task_struct *t);

int send_sig(int sig, struct task_struct *p, int priv);
static inline int signal_pending(struct task_struct *p)
{
	return READ_ONCE(p->pending_signals) != 0;
}
static inline int fatal_signal_pending(struct task_struct *p)
{
	return !!(READ_ONCE(p->pending_signals) & (1UL << 9 /* SIGKILL */));
}
static inline int signal_pending_state(unsigned int state, struct task_struct *p)
{
	if (!(state & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))
		return 0;
	if (!signal_pending(p))
		return 0;
	return (state & TASK_INTERRUPTIBLE) || fatal_signal_pending(p);
}
void flush_signals(struct task_struct *p);

#define task_cpu(p) 0
#define set_cpus_allowed_ptr(p, mask) 0
#define sched_set_fifo(p) do { } while (0)
#define sched_set_fifo_low(p) do { } while (0)
#define sched_set_normal(p, nice) do { } while (0)
#define set_user_nice(p, nice) do { } while (0)

#endif /* _KRT_LINUX_SCHED_H */
