// SPDX-License-Identifier: MIT
/*
 * RCU's update side on liburcu's memb flavour.
 *
 * Grace periods: every wait for a grace period goes through rcu_gp_sync(), which calls
 * urcu_memb_synchronize_rcu() under gp_mutex and advances gp_seq like the kernel's rcu_seq.
 * A waiter first takes a snapshot of gp_seq; if someone else's grace period that started after
 * the snapshot has ended by the time the waiter gets the mutex, that one serves it too. So
 * concurrent synchronize_rcu() callers share grace periods, and the polled-grace-period API
 * (get_state_synchronize_rcu() and friends) reads gp_seq.
 *
 * Callbacks: call_rcu() and kfree_rcu() queue on the calling thread's rcu_data (no global lock,
 * no per-object system call). The grace-period kthread "rcu_sched" sleeps until some thread has
 * work (the first queueing after a harvest wakes it), takes every thread's queues, waits for one
 * grace period for the whole batch, then runs the callbacks in emulated softirq context and
 * frees the kfree_rcu() blocks in bulk. rcu_barrier() asks it for one more such cycle and
 * waits for it: everything queued before the call has then been invoked.
 */
#include <linux/rcupdate.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <linux/init.h>
#include <linux/export.h>
#include <krt/leak.h>
#include <krt/tsan.h>

#include "arch/host/host.h"
#include "kernel/kthread_internal.h"
#include "kernel/rcu/rcu.h"

static struct {
	/* Serialises grace periods; gp_seq changes only under it. */
	struct host_mutex gp_mutex;
	unsigned long gp_seq;
	/* Held by the kthread from harvest to the end of a cycle (fork waits for it). */
	struct host_mutex cycle_mutex;
	/* The list of every thread's rcu_data. */
	struct host_mutex data_mutex;
	struct list_head data_list;
	/* Futex word: 1 while the kthread sleeps (or is about to) for lack of work. */
	u32 gp_idle;
	/* rcu_barrier(): requests made, and the last one served (a futex word). */
	u32 barrier_req;
	u32 barrier_done;
	/* start_poll_synchronize_rcu() wants a grace period even without callbacks. */
	u32 poll_req;
	/* The kthread runs (0 before the first use and in a forked child). */
	int kthread_running;
	struct host_mutex start_mutex;
	/* Callbacks and pointers taken from the threads, not yet invoked or freed. */
	long inflight;
} rcu_state = {
	.data_list = LIST_HEAD_INIT(rcu_state.data_list),
};

__thread struct rcu_data *rcu_data_tls __attribute__((tls_model("initial-exec")));
static __thread bool rcu_in_gp_kthread __attribute__((tls_model("initial-exec")));

static int rcu_gp_kthread(void *unused);

/**
 * rcu_get_gp_seq - the grace-period sequence number
 *
 * Increases by 1 << RCU_SEQ_CTR_SHIFT per grace period; odd low bits mean one is running.
 */
unsigned long rcu_get_gp_seq(void)
{
	return READ_ONCE(rcu_state.gp_seq);
}

/**
 * __rcu_data_lock_slow - slow path of rcu_data_lock(): wait for @rdp's lock and take it
 * @rdp: the rcu_data to lock
 *
 * The lock is held elsewhere, usually by the grace-period kthread harvesting the thread's
 * queues. Polls with cpu_relax() at first, then yields the CPU between polls, until the
 * exchange that takes the lock succeeds.
 */
void __rcu_data_lock_slow(struct rcu_data *rdp)
{
	unsigned int spins = 0;

	do {
		while (__atomic_load_n(&rdp->lock, __ATOMIC_RELAXED)) {
			if (++spins < 128)
				cpu_relax();
			else
				host_yield();
		}
	} while (__atomic_exchange_n(&rdp->lock, 1, __ATOMIC_ACQUIRE));
}

/* --- fork ----------------------------------------------------------------------------------- */

/*
 * A forked child has only the forking thread: no grace-period kthread, and the other threads'
 * queues are orphans. Fork waits until the kthread is between cycles and every lock is free,
 * and the child starts a new kthread on demand that adopts the orphans.
 */
static void rcu_fork_prepare(void)
{
	struct rcu_data *rdp;

	host_mutex_lock(&rcu_state.cycle_mutex);
	host_mutex_lock(&rcu_state.gp_mutex);
	host_mutex_lock(&rcu_state.data_mutex);
	list_for_each_entry(rdp, &rcu_state.data_list, node)
		rcu_data_lock(rdp);
}

static void rcu_fork_parent(void)
{
	struct rcu_data *rdp;

	list_for_each_entry(rdp, &rcu_state.data_list, node)
		rcu_data_unlock(rdp);
	host_mutex_unlock(&rcu_state.data_mutex);
	host_mutex_unlock(&rcu_state.gp_mutex);
	host_mutex_unlock(&rcu_state.cycle_mutex);
}

static void rcu_fork_child(void)
{
	struct rcu_data *rdp;

	list_for_each_entry(rdp, &rcu_state.data_list, node) {
		if (rdp != rcu_data_tls)
			rdp->dead = true;
		rdp->lock = 0;
	}
	rcu_state.data_mutex = (struct host_mutex){ 0 };
	rcu_state.gp_mutex = (struct host_mutex){ 0 };
	rcu_state.cycle_mutex = (struct host_mutex){ 0 };
	rcu_state.start_mutex = (struct host_mutex){ 0 };
	rcu_state.kthread_running = 0;
	rcu_state.gp_idle = 0;
}

/*
 * Installed before any thread can exist: a process that only ever called synchronize_rcu()
 * (gp_mutex) must fork safely too, not just one whose kthread has started.
 */
static KRT_CONSTRUCTOR_EARLY void rcu_atfork_init(void)
{
	host_atfork(rcu_fork_prepare, rcu_fork_parent, rcu_fork_child);
}

/* --- the grace-period kthread --------------------------------------------------------------- */

static void rcu_gp_kthread_start(void)
{
	int err;

	if (likely(__atomic_load_n(&rcu_state.kthread_running, __ATOMIC_ACQUIRE)))
		return;
	host_mutex_lock(&rcu_state.start_mutex);
	if (!rcu_state.kthread_running) {
		err = krt_kthread_spawn(rcu_gp_kthread, NULL, "rcu_sched");
		if (err)
			panic("rcu: cannot start the grace-period kthread (%d)\n", err);
		__atomic_store_n(&rcu_state.kthread_running, 1, __ATOMIC_RELEASE);
	}
	host_mutex_unlock(&rcu_state.start_mutex);
}

/**
 * rcu_gp_kick - make sure the grace-period kthread sees newly queued work
 *
 * Called after a thread's queue became non-empty. The full barrier pairs with the one in
 * rcu_gp_wait_work(): either the kthread sees the pending flag or this sees it idle.
 */
void rcu_gp_kick(void)
{
	if (unlikely(!READ_ONCE(rcu_state.kthread_running)))
		rcu_gp_kthread_start();
	smp_mb();
	if (READ_ONCE(rcu_state.gp_idle) &&
	    __atomic_exchange_n(&rcu_state.gp_idle, 0, __ATOMIC_SEQ_CST))
		host_futex_wake(&rcu_state.gp_idle, 1);
}

static bool rcu_has_work(void)
{
	struct rcu_data *rdp;
	bool work = false;

	if (READ_ONCE(rcu_state.barrier_req) != READ_ONCE(rcu_state.barrier_done) ||
	    READ_ONCE(rcu_state.poll_req))
		return true;
	host_mutex_lock(&rcu_state.data_mutex);
	list_for_each_entry(rdp, &rcu_state.data_list, node) {
		if (READ_ONCE(rdp->pending) || READ_ONCE(rdp->dead)) {
			work = true;
			break;
		}
	}
	host_mutex_unlock(&rcu_state.data_mutex);
	return work;
}

static void rcu_gp_wait_work(void)
{
	for (;;) {
		__atomic_store_n(&rcu_state.gp_idle, 1, __ATOMIC_SEQ_CST);
		smp_mb();
		if (rcu_has_work()) {
			__atomic_store_n(&rcu_state.gp_idle, 0, __ATOMIC_RELAXED);
			return;
		}
		host_futex_wait(&rcu_state.gp_idle, 1, -1);
	}
}

/*
 * Let a burst of call_rcu()/kfree_rcu() gather before the grace period starts, so that one
 * grace period serves it (liburcu's own call_rcu thread pauses the same way). rcu_barrier() and
 * start_poll_synchronize_rcu() cut the pause short.
 */
#define RCU_BATCH_DELAY_NS	(1000 * 1000)

static void rcu_gp_batch_delay(void)
{
	u32 req = __atomic_load_n(&rcu_state.barrier_req, __ATOMIC_ACQUIRE);

	if (req != READ_ONCE(rcu_state.barrier_done) || READ_ONCE(rcu_state.poll_req))
		return;
	host_futex_wait(&rcu_state.barrier_req, req, RCU_BATCH_DELAY_NS);
}

/* Someone waits for the kthread: end its batching pause now. */
static void rcu_gp_hurry(void)
{
	rcu_gp_kick();
	host_futex_wake(&rcu_state.barrier_req, 1);
}

/* Move @rdp's queues (it is locked) to @b. */
static void rcu_harvest_one(struct rcu_data *rdp, struct rcu_batch *b)
{
	if (rdp->cb_head) {
		*b->cb_tail = rdp->cb_head;
		b->cb_tail = rdp->cb_tail;
		b->cb_len += rdp->cb_len;
		rdp->cb_head = NULL;
		rdp->cb_tail = &rdp->cb_head;
		WRITE_ONCE(rdp->cb_len, 0);
	}
	if (rdp->bkvhead) {
		struct kvfree_rcu_bulk_data *last = rdp->bkvhead;

		while (last->next)
			last = last->next;
		last->next = b->blocks;
		b->blocks = rdp->bkvhead;
		b->kv_len += rdp->kv_len;
		rdp->bkvhead = NULL;
		WRITE_ONCE(rdp->kv_len, 0);
	}
	if (rdp->kv_heads) {
		struct rcu_head *last = rdp->kv_heads;

		while (last->next)
			last = last->next;
		last->next = b->kv_heads;
		b->kv_heads = rdp->kv_heads;
		b->kv_heads_len += rdp->kv_heads_len;
		rdp->kv_heads = NULL;
		WRITE_ONCE(rdp->kv_heads_len, 0);
	}
	WRITE_ONCE(rdp->pending, false);
}

/* Take every thread's queued work; free the rcu_data of threads that are gone. */
static void rcu_harvest(struct rcu_batch *b)
{
	struct rcu_data *rdp, *tmp;

	host_mutex_lock(&rcu_state.data_mutex);
	list_for_each_entry_safe(rdp, tmp, &rcu_state.data_list, node) {
		bool dead;

		rcu_data_lock(rdp);
		rcu_harvest_one(rdp, b);
		dead = rdp->dead;
		rcu_data_unlock(rdp);
		if (dead) {
			list_del(&rdp->node);
			host_free(rdp);
		}
	}
	WRITE_ONCE(rcu_state.inflight, b->cb_len + b->kv_len + b->kv_heads_len);
	host_mutex_unlock(&rcu_state.data_mutex);
}

/*
 * A callback must leave the context as it found it. One that returns inside rcu_read_lock()
 * would make every later grace period wait for the kthread itself: report it and repair.
 */
static void rcu_check_callback_context(rcu_callback_t f, int count)
{
	if (likely(preempt_count() == count && !pcpu_hot.rcu_read_lock_nesting &&
		   !__krt_urcu_ongoing()))
		return;
	WARN(1, "rcu: callback %pS returned with preempt_count %#x and RCU nesting %d\n",
	     (void *)f, preempt_count(), pcpu_hot.rcu_read_lock_nesting);
	while (__krt_urcu_ongoing())
		__krt_urcu_unlock();
	pcpu_hot.rcu_read_lock_nesting = 0;
	pcpu_hot.preempt_count = count;
}

/* Run the call_rcu() callbacks of @b, in the order each thread queued them. */
static void rcu_invoke_callbacks(struct rcu_batch *b)
{
	struct rcu_head *rhp = b->cb_head, *next;
	int count = preempt_count();

	while (rhp) {
		rcu_callback_t f = rhp->func;

		next = rhp->next;
		f(rhp);
		rcu_check_callback_context(f, count);
		rhp = next;
	}
}

static int rcu_gp_kthread(void *unused)
{
	rcu_in_gp_kthread = true;
	for (;;) {
		struct rcu_batch b = { .cb_tail = &b.cb_head };
		u32 req;
		bool poll;

		rcu_gp_wait_work();
		rcu_gp_batch_delay();

		host_mutex_lock(&rcu_state.cycle_mutex);
		req = __atomic_load_n(&rcu_state.barrier_req, __ATOMIC_ACQUIRE);
		poll = __atomic_exchange_n(&rcu_state.poll_req, 0, __ATOMIC_ACQ_REL);
		rcu_harvest(&b);

		if (b.cb_head || b.blocks || b.kv_heads || poll) {
			/* One grace period for the whole batch. */
			rcu_gp_sync();
			/* Callbacks run in softirq context, as in the kernel. */
			preempt_count_add(SOFTIRQ_OFFSET);
			rcu_invoke_callbacks(&b);
			kvfree_rcu_batch_free(&b);
			preempt_count_sub(SOFTIRQ_OFFSET);
			WRITE_ONCE(rcu_state.inflight, 0);
		}
		host_mutex_unlock(&rcu_state.cycle_mutex);

		if (req != READ_ONCE(rcu_state.barrier_done)) {
			__atomic_store_n(&rcu_state.barrier_done, req, __ATOMIC_RELEASE);
			host_futex_wake(&rcu_state.barrier_done, INT_MAX);
		}
	}
	return 0;
}

/* --- per-thread queues ---------------------------------------------------------------------- */

/**
 * rcu_data_create - give the calling thread its rcu_data (rcu_data_this()'s slow path)
 *
 * The thread becomes a krt task (if it was not one) so that its exit hands its queues to the
 * grace-period kthread, which is started here on first use.
 */
struct rcu_data *rcu_data_create(void)
{
	struct rcu_data *rdp;

	(void)current;
	rcu_gp_kthread_start();
	rdp = host_zalloc(sizeof(*rdp));
	if (!rdp)
		panic("rcu: no memory for a thread's RCU queues\n");
	rdp->cb_tail = &rdp->cb_head;
	host_mutex_lock(&rcu_state.data_mutex);
	list_add_tail(&rdp->node, &rcu_state.data_list);
	host_mutex_unlock(&rcu_state.data_mutex);
	rcu_data_tls = rdp;
	return rdp;
}

/**
 * rcu_thread_offline - the calling thread leaves krt
 *
 * Its queues stay where they are; the grace-period kthread serves them and then frees them.
 */
void rcu_thread_offline(void)
{
	struct rcu_data *rdp = rcu_data_tls;

	if (!rdp)
		return;
	rcu_data_tls = NULL;
	rcu_data_lock(rdp);
	WRITE_ONCE(rdp->dead, true);
	rcu_data_unlock(rdp);
	rcu_gp_kick();
}

/**
 * call_rcu - run @func(@head) after a grace period
 * @head: the rcu_head inside the object to be processed
 * @func: the callback; it runs in softirq context (it must not sleep)
 *
 * Callbacks queued by one thread run in the order they were queued. Never sleeps; usable from
 * any context.
 */
void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	struct rcu_data *rdp = rcu_data_this();
	bool kick;

	head->func = func;
	head->next = NULL;
	rcu_data_lock(rdp);
	*rdp->cb_tail = head;
	rdp->cb_tail = &head->next;
	WRITE_ONCE(rdp->cb_len, rdp->cb_len + 1);
	kick = rcu_data_mark_pending(rdp);
	rcu_data_unlock(rdp);
	if (unlikely(kick))
		rcu_gp_kick();
}
EXPORT_SYMBOL(call_rcu);

/* --- waiting for grace periods ------------------------------------------------------------- */

/**
 * rcu_gp_sync - wait for a full grace period that starts after this call
 *
 * Shares grace periods with concurrent waiters (see the top of this file).
 */
void rcu_gp_sync(void)
{
	unsigned long s = rcu_seq_snap(&rcu_state.gp_seq);

	host_mutex_lock(&rcu_state.gp_mutex);
	if (!rcu_seq_done(&rcu_state.gp_seq, s)) {
		rcu_seq_start(&rcu_state.gp_seq);
		urcu_memb_synchronize_rcu();
		rcu_seq_end(&rcu_state.gp_seq);
	}
	host_mutex_unlock(&rcu_state.gp_mutex);
	/* Every reader that unlocked before the grace period ended happens before us. */
#ifdef KRT_TSAN
	krt_tsan_acquire(&krt_rcu_tsan_gp);
#endif
}

/* In a reader, waiting for a grace period would wait for ourselves forever. */
static inline bool rcu_in_reader(void)
{
	return pcpu_hot.rcu_read_lock_nesting > 0 || __krt_urcu_ongoing();
}

/**
 * synchronize_rcu - wait until a grace period has elapsed
 *
 * Every RCU read-side critical section that began before the call has ended when it returns.
 * Called inside one, it reports "Illegal synchronize_rcu() in RCU read-side critical section"
 * (and the sleeping-in-atomic BUG) and returns at once instead of deadlocking.
 */
void synchronize_rcu(void)
{
	RCU_LOCKDEP_WARN(rcu_in_reader(),
			 "Illegal synchronize_rcu() in RCU read-side critical section");
	might_sleep();
	if (unlikely(rcu_in_reader()))
		return;
	rcu_gp_sync();
}
EXPORT_SYMBOL(synchronize_rcu);

/**
 * synchronize_rcu_expedited - synchronize_rcu(), as fast as possible
 *
 * liburcu's grace periods (sys_membarrier) are already expedited.
 */
void synchronize_rcu_expedited(void)
{
	RCU_LOCKDEP_WARN(rcu_in_reader(),
			 "Illegal synchronize_rcu_expedited() in RCU read-side critical section");
	might_sleep();
	if (unlikely(rcu_in_reader()))
		return;
	rcu_gp_sync();
}
EXPORT_SYMBOL(synchronize_rcu_expedited);

/**
 * rcu_barrier - wait until all queued RCU callbacks have been invoked
 *
 * Waits for every call_rcu() callback and every kfree_rcu() free queued (by any thread)
 * before the call. Callbacks queued by those callbacks are not waited for.
 */
void rcu_barrier(void)
{
	u32 seq, done;

	might_sleep();
	if (WARN_ONCE(rcu_in_gp_kthread, "rcu_barrier() called from an RCU callback\n"))
		return;
	RCU_LOCKDEP_WARN(rcu_in_reader(),
			 "Illegal rcu_barrier() in RCU read-side critical section");
	if (unlikely(rcu_in_reader()))
		return;
	/* Nothing was ever queued in this process: nothing to wait for. */
	if (!__atomic_load_n(&rcu_state.kthread_running, __ATOMIC_ACQUIRE)) {
		bool none;

		host_mutex_lock(&rcu_state.data_mutex);
		none = list_empty(&rcu_state.data_list);
		host_mutex_unlock(&rcu_state.data_mutex);
		if (none)
			return;
	}

	seq = __atomic_add_fetch(&rcu_state.barrier_req, 1, __ATOMIC_SEQ_CST);
	rcu_gp_hurry();
	for (;;) {
		done = __atomic_load_n(&rcu_state.barrier_done, __ATOMIC_ACQUIRE);
		if ((s32)(done - seq) >= 0)
			break;
		host_futex_wait(&rcu_state.barrier_done, done, -1);
	}
#ifdef KRT_TSAN
	krt_tsan_acquire(&krt_rcu_tsan_gp);
#endif
}
EXPORT_SYMBOL(rcu_barrier);

/* --- polled grace periods ---------------------------------------------------------------- */

/**
 * get_state_synchronize_rcu - a cookie for poll_state_synchronize_rcu()
 *
 * Return: a cookie that polls as completed once a full grace period has elapsed after now.
 * This does not start a grace period (start_poll_synchronize_rcu() does).
 */
unsigned long get_state_synchronize_rcu(void)
{
	return rcu_seq_snap(&rcu_state.gp_seq);
}
EXPORT_SYMBOL(get_state_synchronize_rcu);

/**
 * start_poll_synchronize_rcu - get_state_synchronize_rcu(), and make sure a grace period runs
 *
 * Return: the cookie
 */
unsigned long start_poll_synchronize_rcu(void)
{
	unsigned long s = get_state_synchronize_rcu();

	__atomic_store_n(&rcu_state.poll_req, 1, __ATOMIC_SEQ_CST);
	rcu_gp_hurry();
	return s;
}
EXPORT_SYMBOL(start_poll_synchronize_rcu);

/**
 * poll_state_synchronize_rcu - has a full grace period elapsed since the cookie was taken?
 * @oldstate: a cookie from get_state_synchronize_rcu() or start_poll_synchronize_rcu()
 */
bool poll_state_synchronize_rcu(unsigned long oldstate)
{
	if (oldstate == RCU_GET_STATE_COMPLETED ||
	    rcu_seq_done_exact(&rcu_state.gp_seq, oldstate)) {
		smp_mb();
#ifdef KRT_TSAN
		krt_tsan_acquire(&krt_rcu_tsan_gp);
#endif
		return true;
	}
	return false;
}
EXPORT_SYMBOL(poll_state_synchronize_rcu);

/**
 * cond_synchronize_rcu - wait for a grace period unless one elapsed since the cookie
 * @oldstate: a cookie from get_state_synchronize_rcu() or start_poll_synchronize_rcu()
 */
void cond_synchronize_rcu(unsigned long oldstate)
{
	if (!poll_state_synchronize_rcu(oldstate))
		synchronize_rcu();
}
EXPORT_SYMBOL(cond_synchronize_rcu);

/**
 * get_completed_synchronize_rcu - a cookie that always polls as completed
 */
unsigned long get_completed_synchronize_rcu(void)
{
	return RCU_GET_STATE_COMPLETED;
}
EXPORT_SYMBOL(get_completed_synchronize_rcu);

/* --- leak accounting ------------------------------------------------------------------------ */

static long rcu_pending_read(void)
{
	struct rcu_data *rdp;
	long n;

	host_mutex_lock(&rcu_state.data_mutex);
	n = READ_ONCE(rcu_state.inflight);
	list_for_each_entry(rdp, &rcu_state.data_list, node)
		n += READ_ONCE(rdp->cb_len) + READ_ONCE(rdp->kv_len) + READ_ONCE(rdp->kv_heads_len);
	host_mutex_unlock(&rcu_state.data_mutex);
	return n;
}

static struct krt_leak_counter rcu_pending_counter = {
	.name = "RCU callbacks pending",
	.read = rcu_pending_read,
	.settle = rcu_barrier,
};

static int __init rcu_leak_counter_init(void)
{
	krt_leak_counter_register(&rcu_pending_counter);
	return 0;
}
early_initcall(rcu_leak_counter_init);
