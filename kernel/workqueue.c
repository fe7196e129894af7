// SPDX-License-Identifier: MIT
/*
 * Workqueues on kworker kthreads.
 *
 * Two worker pools serve every workqueue: a concurrency-managed one for per-CPU workqueues
 * (it keeps about one running worker per host CPU and starts another when a worker sleeps in a
 * work function, like the kernel's per-CPU pools, via the scheduler hooks at the end of this
 * file) and an unbound one, where every active work item gets its own worker. Workers are
 * started on demand, from any context (a work may be queued from a timer callback), and leave
 * after IDLE_WORKER_TIMEOUT of idleness, so a process that stops using workqueues has no workers.
 *
 * One lock (wq_lock) guards every queue, pool and work item state transition. A work item is
 * PENDING from queueing until a worker picks it up; max_active bounds the active (queued on the
 * pool or running) items per workqueue and the rest wait, in order, on the workqueue's inactive
 * list. A work item never runs concurrently with itself: a worker that finds it running
 * elsewhere hands it to that worker to run next.
 *
 * flush_workqueue() works on each workqueue's list of unfinished queueing instances (in queueing
 * order): the flusher adds itself at the tail and is released when everything before it has
 * finished. flush_work() waits on a barrier tied to one instance of the work item.
 *
 * Where the kernel deadlocks (flushing or cancelling a work item or its workqueue from inside
 * itself), krt prints a WARN and returns instead.
 */
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/spinlock.h>
#include <linux/sched.h>
#include <linux/list.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <krt/leak.h>

#include "arch/host/host.h"
#include "kernel/kthread_internal.h"
#include "kernel/workqueue_internal.h"

enum {
	/* worker flags */
	WORKER_IDLE		= 1 << 0,	/* on the pool's idle list */
	WORKER_IN_WORK		= 1 << 1,	/* inside a work function */
	WORKER_SLEEPING		= 1 << 2,	/* asleep inside a work function */

	WQ_NAME_LEN		= 32,
	/* krt keeps idle workers for 2 s (the kernel: 5 min) */
	IDLE_WORKER_TIMEOUT	= 2 * HZ,
	/* destroyed workqueues kept to catch queueing after destroy_workqueue() */
	WQ_GRAVEYARD_SIZE	= 16,
};

/* krt's private work state bit: on its way to a queue through call_rcu() (queue_rcu_work). */
#define WORK_STRUCT_RCU		(1UL << WORK_STRUCT_FLAG_BITS)
#define WORK_STRUCT_STATE	(WORK_STRUCT_PENDING | WORK_STRUCT_INACTIVE | WORK_STRUCT_PWQ | \
				 WORK_STRUCT_LINKED | WORK_STRUCT_RCU)

struct worker_pool {
	int id;
	bool unbound;
	struct list_head worklist;	/* active items waiting for a worker */
	int nr_pending;			/* items on worklist */
	struct list_head idle_list;
	int nr_idle;
	int nr_workers;
	int nr_running;			/* workers neither idle nor asleep */
	int nr_starting;		/* woken or created, not yet looking at the worklist */
	int next_id;
};

struct worker {
	/* on pool->idle_list while idle, on busy_workers while running an item */
	struct list_head entry;
	/* items to run next (they collided with our current one) */
	struct list_head scheduled;
	struct work_struct *current_work;
	work_func_t current_func;
	struct workqueue_struct *current_wq;
	/* stands for the running instance in current_wq->inflight */
	struct list_head current_inflight;
	struct task_struct *task;
	struct worker_pool *pool;
	unsigned int flags;
	int id;
	char desc[WORKER_DESC_LEN];
};

struct workqueue_struct {
	unsigned int flags;
	int max_active;
	int saved_max_active;
	int nr_active;			/* items on the pool's worklist or running */
	struct list_head inactive_works;
	/* unfinished queueing instances and flushers, in queueing order */
	struct list_head inflight;
	struct list_head flushers;
	int nr_drainers;
	bool warned_dead;		/* queueing to a draining/destroyed queue was reported */
	struct worker_pool *pool;
	struct list_head list;		/* on workqueues */
	struct lockdep_map lockdep_map;
	char name[WQ_NAME_LEN];
	char lockdep_name[WQ_NAME_LEN + 16];
};

/* A flush_workqueue() caller, waiting until it is first in wq->inflight. */
struct wq_flusher {
	struct list_head node;		/* in wq->inflight */
	struct list_head list;		/* in wq->flushers */
	struct completion done;
};

/* A flush_work() caller, waiting for one execution of @work. */
struct wq_barrier {
	struct list_head list;		/* on wq_barriers */
	struct work_struct *work;
	/* the worker running the awaited execution; NULL while it is the pending instance */
	struct worker *worker;
	struct completion done;
};

static DEFINE_RAW_SPINLOCK(wq_lock);
static struct worker_pool worker_pools[2] = {
	{
		.id = 0,
		.worklist = LIST_HEAD_INIT(worker_pools[0].worklist),
		.idle_list = LIST_HEAD_INIT(worker_pools[0].idle_list),
	},
	{
		.id = 1,
		.unbound = true,
		.worklist = LIST_HEAD_INIT(worker_pools[1].worklist),
		.idle_list = LIST_HEAD_INIT(worker_pools[1].idle_list),
	},
};
static LIST_HEAD(busy_workers);
static LIST_HEAD(wq_barriers);
static LIST_HEAD(workqueues);
static long nr_workqueues;
static struct workqueue_struct *wq_graveyard[WQ_GRAVEYARD_SIZE];
static unsigned int wq_graveyard_next;
/* running workers a per-CPU pool aims for: one per host CPU (set at boot) */
static int wq_concurrency = 1;

/*
 * The system workqueues are static, so that schedule_work() works even as the very first use
 * of krt (which boots it) and in constructors.
 */
#define DEFINE_SYSTEM_WQ(_var, _name, _flags, _max_active)				\
	static struct workqueue_struct _var##_struct = {				\
		.flags = (_flags),							\
		.max_active = (_max_active),						\
		.saved_max_active = (_max_active),					\
		.inactive_works = LIST_HEAD_INIT(_var##_struct.inactive_works),		\
		.inflight = LIST_HEAD_INIT(_var##_struct.inflight),			\
		.flushers = LIST_HEAD_INIT(_var##_struct.flushers),			\
		.pool = &worker_pools[((_flags) & WQ_UNBOUND) ? 1 : 0],			\
		.list = LIST_HEAD_INIT(_var##_struct.list),				\
		.lockdep_map = { .name = "(wq_completion)" _name },			\
		.name = _name,								\
	};										\
	struct workqueue_struct *_var = &_var##_struct

DEFINE_SYSTEM_WQ(system_wq, "events", 0, WQ_DFL_ACTIVE);
DEFINE_SYSTEM_WQ(system_highpri_wq, "events_highpri", WQ_HIGHPRI, WQ_DFL_ACTIVE);
DEFINE_SYSTEM_WQ(system_long_wq, "events_long", 0, WQ_DFL_ACTIVE);
DEFINE_SYSTEM_WQ(system_unbound_wq, "events_unbound", WQ_UNBOUND, WQ_MAX_ACTIVE);
DEFINE_SYSTEM_WQ(system_freezable_wq, "events_freezable", WQ_FREEZABLE, WQ_DFL_ACTIVE);
DEFINE_SYSTEM_WQ(system_power_efficient_wq, "events_power_efficient", WQ_POWER_EFFICIENT,
		 WQ_DFL_ACTIVE);
DEFINE_SYSTEM_WQ(system_freezable_power_efficient_wq, "events_freezable_pwr_efficient",
		 WQ_FREEZABLE | WQ_POWER_EFFICIENT, WQ_DFL_ACTIVE);
DEFINE_SYSTEM_WQ(system_bh_wq, "events_bh", WQ_BH, INT_MAX);
DEFINE_SYSTEM_WQ(system_bh_highpri_wq, "events_bh_highpri", WQ_BH | WQ_HIGHPRI, INT_MAX);
/* The newer names of two of them. */
struct workqueue_struct *system_percpu_wq = &system_wq_struct;
struct workqueue_struct *system_dfl_wq = &system_unbound_wq_struct;

static inline unsigned long work_data(struct work_struct *work)
{
	return atomic_long_read(&work->data);
}

static inline void set_work_data(struct work_struct *work, unsigned long data)
{
	atomic_long_set(&work->data, data);
}

static struct worker *current_wq_worker(void)
{
	struct task_struct *t = current;

	return (t->flags & PF_WQ_WORKER) ? t->worker_private : NULL;
}

/* Is current a work item of @wq (whose queueing is allowed while @wq drains)? */
static bool is_chained_work(struct workqueue_struct *wq)
{
	struct worker *worker = current_wq_worker();

	return worker && worker->current_wq == wq;
}

static struct worker *find_worker_executing_work(struct work_struct *work)
{
	struct worker *worker;

	list_for_each_entry(worker, &busy_workers, entry)
		if (worker->current_work == work && worker->current_func == work->func)
			return worker;
	return NULL;
}

/* --- workers --------------------------------------------------------------------------------- */

static int worker_thread(void *arg);

/*
 * A forked child (the KUnit runner's --isolate) has none of the parent's threads: forget the
 * workers so that new ones are started in the child. (Items the parent was running at the
 * fork never finish in the child.)
 */
static void wq_fork_child(void)
{
	int i;

	raw_spin_lock_init(&wq_lock);
	INIT_LIST_HEAD(&busy_workers);
	for (i = 0; i < ARRAY_SIZE(worker_pools); i++) {
		struct worker_pool *pool = &worker_pools[i];

		INIT_LIST_HEAD(&pool->idle_list);
		pool->nr_idle = 0;
		pool->nr_workers = 0;
		pool->nr_running = 0;
		pool->nr_starting = 0;
	}
}

static int create_worker(struct worker_pool *pool)
{
	struct worker *worker = host_zalloc(sizeof(*worker));
	char name[TASK_COMM_LEN];
	int err;

	if (!worker) {
		pr_err_once("workqueue: Failed to allocate a worker\n");
		return -ENOMEM;
	}
	INIT_LIST_HEAD(&worker->entry);
	INIT_LIST_HEAD(&worker->scheduled);
	INIT_LIST_HEAD(&worker->current_inflight);
	worker->pool = pool;
	worker->id = pool->next_id++;
	if (pool->unbound)
		snprintf(name, sizeof(name), "kworker/u%d:%d", wq_concurrency * 2, worker->id);
	else
		snprintf(name, sizeof(name), "kworker/0:%d", worker->id);
	err = krt_kthread_spawn(worker_thread, worker, name);
	if (err) {
		pr_err_once("workqueue: Failed to create a worker thread: %pe", ERR_PTR(err));
		host_free(worker);
		return err;
	}
	pool->nr_workers++;
	pool->nr_starting++;
	return 0;
}

static bool need_more_worker(struct worker_pool *pool)
{
	if (pool->nr_pending <= pool->nr_starting)
		return false;
	if (pool->unbound)
		return true;
	return pool->nr_running + pool->nr_starting < wq_concurrency;
}

/* Wake idle workers or start new ones for the pending items (wq_lock held). */
static void kick_pool(struct worker_pool *pool)
{
	while (need_more_worker(pool)) {
		if (!list_empty(&pool->idle_list)) {
			struct worker *worker = list_first_entry(&pool->idle_list, struct worker,
								 entry);

			list_del_init(&worker->entry);
			worker->flags &= ~WORKER_IDLE;
			pool->nr_idle--;
			pool->nr_starting++;
			wake_up_process(worker->task);
		} else if (create_worker(pool)) {
			break;
		}
	}
}

/* Remove an instance (or a flusher) from @wq->inflight and release flushers now first. */
static void wq_inflight_del(struct workqueue_struct *wq, struct list_head *node)
{
	list_del_init(node);
	while (!list_empty(&wq->flushers)) {
		struct wq_flusher *f, *first = NULL;

		list_for_each_entry(f, &wq->flushers, list) {
			if (wq->inflight.next == &f->node) {
				first = f;
				break;
			}
		}
		if (!first)
			break;
		list_del_init(&first->node);
		list_del_init(&first->list);
		complete(&first->done);
	}
}

/* The pending instance of @work was dispatched to @worker: its barriers now wait for that. */
static void barriers_bind(struct work_struct *work, struct worker *worker)
{
	struct wq_barrier *barr;

	list_for_each_entry(barr, &wq_barriers, list)
		if (barr->work == work && !barr->worker)
			barr->worker = worker;
}

/* The execution of @work by @worker ended (@worker NULL: the pending instance was cancelled). */
static void barriers_complete(struct work_struct *work, struct worker *worker)
{
	struct wq_barrier *barr, *tmp;

	list_for_each_entry_safe(barr, tmp, &wq_barriers, list) {
		if (barr->work == work && barr->worker == worker) {
			list_del_init(&barr->list);
			complete(&barr->done);
		}
	}
}

/* Move inactive items of @wq to the pool while max_active allows (wq_lock held). */
static void wq_activate(struct workqueue_struct *wq)
{
	struct worker_pool *pool = wq->pool;
	bool activated = false;

	while (!list_empty(&wq->inactive_works) && wq->nr_active < wq->max_active) {
		struct work_struct *work = list_first_entry(&wq->inactive_works,
							    struct work_struct, entry);

		wq->nr_active++;
		list_move_tail(&work->entry, &pool->worklist);
		pool->nr_pending++;
		set_work_data(work, work_data(work) & ~WORK_STRUCT_INACTIVE);
		activated = true;
	}
	if (activated)
		kick_pool(pool);
}

static void report_leak(struct worker *worker, int preempt_base, int lockdep_start,
			int rcu_start)
{
	struct task_struct *t = current;

	pr_err("BUG: workqueue leaked atomic, lock or RCU: %s[%d]\n"
	       "     preempt=0x%08x lock=%d->%d RCU=%d->%d workfn=%ps\n",
	       t->comm, task_pid_nr(t), preempt_count(), lockdep_start, t->lockdep_depth,
	       rcu_start, rcu_preempt_depth(), worker->current_func);
	debug_show_held_locks(t);
	dump_stack();
	/*
	 * The kernel leaves the worker as it is. krt gives it back a clean context (an RCU read
	 * section left open would also block every grace period); a leaked lock stays held.
	 */
	while (rcu_preempt_depth() > rcu_start)
		rcu_read_unlock();
	pcpu_hot.preempt_count = preempt_base;
	local_irq_enable();
}

/* Run one work item (wq_lock held on entry and exit; dropped around the function). */
static void process_one_work(struct worker *worker, struct work_struct *work)
{
	struct workqueue_struct *wq = work->krt_wq;
	struct task_struct *t = current;
	/* The function may free @work: lockdep gets a copy of its map. */
	struct lockdep_map lockdep_map = work->lockdep_map;
	int lockdep_start, rcu_start, preempt_base;
	work_func_t func;
	bool bh;

	list_del_init(&work->entry);
	worker->current_work = work;
	worker->current_func = func = work->func;
	worker->current_wq = wq;
	list_replace_init(&work->krt_inflight, &worker->current_inflight);
	list_add(&worker->entry, &busy_workers);
	if (!list_empty(&wq_barriers))
		barriers_bind(work, worker);
	strscpy(worker->desc, wq->name, sizeof(worker->desc));
	worker->flags |= WORKER_IN_WORK;
	bh = wq->flags & WQ_BH;
	/* No longer pending: the item may be queued again from here on. */
	set_work_data(work, 0);
	raw_spin_unlock_irq(&wq_lock);

	if (!lockdep_map.name)
		lockdep_map.name = "(work_completion)";
	lockdep_start = t->lockdep_depth;
	rcu_start = rcu_preempt_depth();
	lock_map_acquire(&wq->lockdep_map);
	lock_map_acquire(&lockdep_map);
	/* BH workqueues run their items in softirq context. */
	preempt_base = bh ? SOFTIRQ_OFFSET : 0;
	__preempt_count_add(preempt_base);
	func(work);
	lock_map_release(&lockdep_map);
	lock_map_release(&wq->lockdep_map);

	if (unlikely(preempt_count() != preempt_base || t->lockdep_depth != lockdep_start ||
		     rcu_preempt_depth() != rcu_start))
		report_leak(worker, preempt_base, lockdep_start, rcu_start);
	__preempt_count_sub(preempt_base);
	cond_resched();

	raw_spin_lock_irq(&wq_lock);
	if (WARN_ON_ONCE(worker->flags & WORKER_SLEEPING))
		worker->pool->nr_running++;
	worker->flags &= ~(WORKER_IN_WORK | WORKER_SLEEPING);
	list_del_init(&worker->entry);
	worker->current_work = NULL;
	worker->current_func = NULL;
	worker->current_wq = NULL;
	if (!list_empty(&wq_barriers))
		barriers_complete(work, worker);
	wq_inflight_del(wq, &worker->current_inflight);
	wq->nr_active--;
	wq_activate(wq);
}

/* Run items from the pool's worklist until it is empty (wq_lock held). */
static void worker_process_worklist(struct worker *worker)
{
	struct worker_pool *pool = worker->pool;

	while (!list_empty(&pool->worklist)) {
		struct work_struct *work = list_first_entry(&pool->worklist, struct work_struct,
							    entry);
		struct worker *collision = find_worker_executing_work(work);

		pool->nr_pending--;
		if (collision) {
			/* Never concurrently with itself: it runs after the current execution. */
			list_move_tail(&work->entry, &collision->scheduled);
			set_work_data(work, work_data(work) | WORK_STRUCT_LINKED);
			continue;
		}
		process_one_work(worker, work);
		while (!list_empty(&worker->scheduled))
			process_one_work(worker, list_first_entry(&worker->scheduled,
								  struct work_struct, entry));
	}
}

static int worker_thread(void *arg)
{
	struct worker *worker = arg;
	struct worker_pool *pool = worker->pool;
	struct task_struct *t = current;

	worker->task = t;
	t->worker_private = worker;
	t->flags |= PF_WQ_WORKER;

	raw_spin_lock_irq(&wq_lock);
	pool->nr_starting--;
	pool->nr_running++;
	for (;;) {
		long left;

		worker_process_worklist(worker);

		/* Nothing to do: wait on the idle list until kicked or idle for too long. */
		pool->nr_running--;
		worker->flags |= WORKER_IDLE;
		list_add(&worker->entry, &pool->idle_list);
		pool->nr_idle++;
		set_current_state(TASK_IDLE);
		raw_spin_unlock_irq(&wq_lock);
		left = schedule_timeout(IDLE_WORKER_TIMEOUT);
		raw_spin_lock_irq(&wq_lock);

		if (worker->flags & WORKER_IDLE) {
			list_del_init(&worker->entry);
			worker->flags &= ~WORKER_IDLE;
			pool->nr_idle--;
			if (!left && list_empty(&pool->worklist))
				break;
		} else {
			/* kick_pool() took us off the idle list and counted us as starting. */
			pool->nr_starting--;
		}
		pool->nr_running++;
	}
	pool->nr_workers--;
	raw_spin_unlock_irq(&wq_lock);

	t->flags &= ~PF_WQ_WORKER;
	t->worker_private = NULL;
	host_free(worker);
	return 0;
}

/**
 * wq_worker_sleeping - a worker is about to sleep inside a work function
 * @task: the worker's task (current)
 *
 * Called by the scheduler. In a per-CPU pool another worker takes over the pending items.
 */
void wq_worker_sleeping(struct task_struct *task)
{
	struct worker *worker = task->worker_private;
	unsigned long flags;

	if (!worker)
		return;
	raw_spin_lock_irqsave(&wq_lock, flags);
	if ((worker->flags & (WORKER_IN_WORK | WORKER_SLEEPING)) == WORKER_IN_WORK) {
		worker->flags |= WORKER_SLEEPING;
		worker->pool->nr_running--;
		kick_pool(worker->pool);
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/**
 * wq_worker_running - a worker that slept inside a work function runs again
 * @task: the worker's task (current)
 */
void wq_worker_running(struct task_struct *task)
{
	struct worker *worker = task->worker_private;
	unsigned long flags;

	if (!worker)
		return;
	raw_spin_lock_irqsave(&wq_lock, flags);
	if (worker->flags & WORKER_SLEEPING) {
		worker->flags &= ~WORKER_SLEEPING;
		worker->pool->nr_running++;
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/* --- queueing -------------------------------------------------------------------------------- */

/* Queue @work (PENDING already set by the caller) on @wq (wq_lock held). */
static void __queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	struct worker_pool *pool = wq->pool;

	/* A draining queue takes only items queued by its own items; a destroyed one nothing. */
	if (unlikely(wq->flags & (__WQ_DESTROYING | __WQ_DRAINING)) && !is_chained_work(wq)) {
		if (!wq->warned_dead) {
			wq->warned_dead = true;
			WARN(1, "workqueue: cannot queue %ps on wq %s: it is %s\n", work->func,
			     wq->name,
			     wq->flags & __WQ_DESTROYING ? "being destroyed" : "draining");
		}
		/* The kernel leaves the item PENDING forever; krt leaves it idle. */
		set_work_data(work, 0);
		return;
	}
	if (WARN_ON(!list_empty(&work->entry)))
		return;

	work->krt_wq = wq;
	list_add_tail(&work->krt_inflight, &wq->inflight);
	if (list_empty(&wq->inactive_works) && wq->nr_active < wq->max_active) {
		wq->nr_active++;
		set_work_data(work, WORK_STRUCT_PENDING | WORK_STRUCT_PWQ);
		list_add_tail(&work->entry, &pool->worklist);
		pool->nr_pending++;
		kick_pool(pool);
	} else {
		set_work_data(work, WORK_STRUCT_PENDING | WORK_STRUCT_PWQ | WORK_STRUCT_INACTIVE);
		list_add_tail(&work->entry, &wq->inactive_works);
	}
}

/**
 * queue_work_on - queue a work item
 * @cpu: CPU hint (krt runs it on any worker)
 * @wq: the workqueue
 * @work: the work item
 *
 * Callable from any context. Returns false if @work was already pending (or is disabled),
 * true if it has been queued.
 */
bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;
	bool ret = false;

	if (work_pending(work))
		return false;
	/* A first use of krt boots it: not under wq_lock. */
	(void)current;
	raw_spin_lock_irqsave(&wq_lock, flags);
	if (!(work_data(work) & WORK_STRUCT_PENDING) && !work->krt_disable) {
		set_work_data(work, WORK_STRUCT_PENDING);
		__queue_work(wq, work);
		ret = true;
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	return ret;
}

/**
 * queue_work_node - queue a work item preferring NUMA node @node (one node in krt)
 * @node: the node
 * @wq: an unbound workqueue
 * @work: the work item
 *
 * Returns false if @work was already pending, true if it has been queued.
 */
bool queue_work_node(int node, struct workqueue_struct *wq, struct work_struct *work)
{
	WARN_ON_ONCE(!(wq->flags & WQ_UNBOUND));
	return queue_work_on(WORK_CPU_UNBOUND, wq, work);
}

/**
 * delayed_work_timer_fn - the timer callback of delayed work: queue the work now
 * @t: the delayed work's timer
 */
void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);
	unsigned long flags;

	raw_spin_lock_irqsave(&wq_lock, flags);
	/* Only if still pending here and not queued or re-armed meanwhile. */
	if ((work_data(&dwork->work) & (WORK_STRUCT_PENDING | WORK_STRUCT_PWQ)) ==
	    WORK_STRUCT_PENDING && !timer_pending(&dwork->timer))
		__queue_work(dwork->wq, &dwork->work);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/* Arm @dwork (PENDING already set) to be queued on @wq after @delay (wq_lock held). */
static void __queue_delayed_work(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
				 unsigned long delay)
{
	struct timer_list *timer = &dwork->timer;
	struct work_struct *work = &dwork->work;

	if (WARN_ON_ONCE(!wq)) {
		set_work_data(work, 0);
		return;
	}
	WARN_ON_ONCE(timer->function != delayed_work_timer_fn);
	WARN_ON_ONCE(timer_pending(timer));
	WARN_ON_ONCE(!list_empty(&work->entry));

	/* No delay means now, not at the next tick. */
	if (!delay) {
		__queue_work(wq, work);
		return;
	}
	dwork->wq = wq;
	dwork->cpu = cpu;
	timer->expires = jiffies + delay;
	add_timer(timer);
}

/**
 * queue_delayed_work_on - queue a work item after a delay
 * @cpu: CPU hint
 * @wq: the workqueue
 * @dwork: the delayed work
 * @delay: jiffies to wait first (0: queue now)
 *
 * Returns false if @dwork was already pending, true otherwise.
 */
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			   unsigned long delay)
{
	struct work_struct *work = &dwork->work;
	unsigned long flags;
	bool ret = false;

	(void)current;
	raw_spin_lock_irqsave(&wq_lock, flags);
	if (!(work_data(work) & WORK_STRUCT_PENDING) && !work->krt_disable) {
		set_work_data(work, WORK_STRUCT_PENDING);
		__queue_delayed_work(cpu, wq, dwork, delay);
		ret = true;
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	return ret;
}

/*
 * Take the PENDING state of @work away (wq_lock held): 1 if it was pending (it is now idle),
 * 0 if it was not, -EAGAIN if a timer or RCU callback is about to queue it (retry).
 */
static int grab_pending(struct work_struct *work, bool is_dwork)
{
	unsigned long data = work_data(work);
	struct workqueue_struct *wq;

	if (!(data & WORK_STRUCT_PENDING))
		return 0;
	if (is_dwork && timer_delete(&to_delayed_work(work)->timer)) {
		set_work_data(work, 0);
		return 1;
	}
	if (!(data & WORK_STRUCT_PWQ))
		return -EAGAIN;

	wq = work->krt_wq;
	list_del_init(&work->entry);
	if (!(data & WORK_STRUCT_INACTIVE)) {
		if (!(data & WORK_STRUCT_LINKED))
			wq->pool->nr_pending--;
		wq->nr_active--;
	}
	wq_inflight_del(wq, &work->krt_inflight);
	if (!list_empty(&wq_barriers))
		barriers_complete(work, NULL);
	set_work_data(work, 0);
	if (!(data & WORK_STRUCT_INACTIVE))
		wq_activate(wq);
	return 1;
}

/* grab_pending() with the retry loop; returns with wq_lock held and *@flags saved. */
static bool work_grab_pending(struct work_struct *work, bool is_dwork, unsigned long *flags)
{
	int ret;

	for (;;) {
		raw_spin_lock_irqsave(&wq_lock, *flags);
		ret = grab_pending(work, is_dwork);
		if (ret >= 0)
			return ret;
		raw_spin_unlock_irqrestore(&wq_lock, *flags);
		host_yield();
	}
}

/**
 * mod_delayed_work_on - (re)queue delayed work to run @delay jiffies from now
 * @cpu: CPU hint
 * @wq: the workqueue
 * @dwork: the delayed work
 * @delay: jiffies (0: queue now, whatever its state)
 *
 * Returns false if @dwork was idle and has been queued, true if it was pending and has been
 * moved.
 */
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq, struct delayed_work *dwork,
			 unsigned long delay)
{
	unsigned long flags;
	bool ret;

	ret = work_grab_pending(&dwork->work, true, &flags);
	if (!dwork->work.krt_disable) {
		set_work_data(&dwork->work, WORK_STRUCT_PENDING);
		__queue_delayed_work(cpu, wq, dwork, delay);
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	return ret;
}

static void rcu_work_rcufn(struct rcu_head *rcu)
{
	struct rcu_work *rwork = container_of(rcu, struct rcu_work, rcu);
	unsigned long flags;

	raw_spin_lock_irqsave(&wq_lock, flags);
	set_work_data(&rwork->work, WORK_STRUCT_PENDING);
	__queue_work(rwork->wq, &rwork->work);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/**
 * queue_rcu_work - queue a work item after an RCU grace period
 * @wq: the workqueue
 * @rwork: the work
 *
 * Returns false if @rwork was already pending, true otherwise (a full grace period passes
 * before it runs only in that case).
 */
bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rwork)
{
	struct work_struct *work = &rwork->work;
	unsigned long flags;
	bool ret = false;

	raw_spin_lock_irqsave(&wq_lock, flags);
	if (!(work_data(work) & WORK_STRUCT_PENDING) && !WARN_ON_ONCE(work->krt_disable)) {
		set_work_data(work, WORK_STRUCT_PENDING | WORK_STRUCT_RCU);
		rwork->wq = wq;
		ret = true;
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	if (ret)
		call_rcu_hurry(&rwork->rcu, rcu_work_rcufn);
	return ret;
}

/* --- flushing -------------------------------------------------------------------------------- */

/*
 * Flushing a workqueue without WQ_MEM_RECLAIM from memory reclaim, or from a work item of a
 * WQ_MEM_RECLAIM workqueue, breaks the forward-progress guarantee (wq_lock held).
 */
static void check_flush_dependency(struct workqueue_struct *target_wq,
				   struct work_struct *target_work, bool from_cancel)
{
	work_func_t target_func;
	struct worker *worker;

	if (from_cancel || target_wq->flags & WQ_MEM_RECLAIM)
		return;

	worker = current_wq_worker();
	target_func = target_work ? target_work->func : NULL;

	WARN_ONCE(current->flags & PF_MEMALLOC,
		  "workqueue: PF_MEMALLOC task %d(%s) is flushing !WQ_MEM_RECLAIM %s:%ps",
		  current->pid, current->comm, target_wq->name, target_func);
	WARN_ONCE(worker && worker->current_wq &&
		  ((worker->current_wq->flags & (WQ_MEM_RECLAIM | __WQ_LEGACY)) == WQ_MEM_RECLAIM),
		  "workqueue: WQ_MEM_RECLAIM %s:%ps is flushing !WQ_MEM_RECLAIM %s:%ps",
		  worker->current_wq->name, worker->current_func, target_wq->name, target_func);
}

/*
 * Would waiting for @work (pending when @pending, else running) from current never end?
 * Reports the deadlock the kernel would run into (wq_lock held).
 */
static bool flush_work_deadlocks(struct work_struct *work, struct workqueue_struct *wq,
				 bool pending, struct worker *running, bool from_cancel)
{
	struct worker *me = current_wq_worker();
	const char *what = from_cancel ? "cancel_work_sync()" : "flush_work()";

	if (!me || !me->current_work)
		return false;
	if (running == me || (pending && me->current_work == work)) {
		WARN(1, "workqueue: %s on %s:%ps from inside that work item would wait for itself forever\n",
		     what, wq->name, work->func);
		return true;
	}
	if (pending && !from_cancel && me->current_wq == wq && wq->saved_max_active == 1) {
		WARN(1, "workqueue: flush_work() of %ps from %ps on the same ordered workqueue %s would wait forever\n",
		     work->func, me->current_func, wq->name);
		return true;
	}
	return false;
}

/*
 * Set up @barr to wait for the last queueing of @work (wq_lock held). Returns false when there
 * is nothing to wait for (or waiting would never end).
 */
static bool start_flush_work(struct work_struct *work, struct wq_barrier *barr, bool from_cancel)
{
	unsigned long data = work_data(work);
	struct worker *worker = NULL;
	struct workqueue_struct *wq;

	if (data & WORK_STRUCT_PWQ) {
		wq = work->krt_wq;
	} else {
		worker = find_worker_executing_work(work);
		if (!worker)
			return false;
		wq = worker->current_wq;
	}
	check_flush_dependency(wq, work, from_cancel);
	if (flush_work_deadlocks(work, wq, data & WORK_STRUCT_PWQ, worker, from_cancel))
		return false;
	barr->work = work;
	barr->worker = worker;
	init_completion(&barr->done);
	list_add_tail(&barr->list, &wq_barriers);
	return true;
}

static bool __flush_work(struct work_struct *work, bool from_cancel)
{
	struct wq_barrier barr;
	unsigned long flags;
	bool wait;

	if (WARN_ON(!work->func))
		return false;

	raw_spin_lock_irqsave(&wq_lock, flags);
	wait = start_flush_work(work, &barr, from_cancel);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	if (wait)
		wait_for_completion(&barr.done);
	return wait;
}

/**
 * flush_work - wait for the last queueing of a work item to finish executing
 * @work: the work item
 *
 * Returns true if it waited, false if @work was idle.
 */
bool flush_work(struct work_struct *work)
{
	might_sleep();
	return __flush_work(work, false);
}

/**
 * flush_delayed_work - queue a delayed work now (if its timer is armed) and flush it
 * @dwork: the delayed work
 *
 * Returns true if it waited, false if @dwork was idle.
 */
bool flush_delayed_work(struct delayed_work *dwork)
{
	struct work_struct *work = &dwork->work;
	struct wq_barrier barr;
	unsigned long flags;
	bool wait;

	might_sleep();
	if (WARN_ON(!work->func))
		return false;
	for (;;) {
		raw_spin_lock_irqsave(&wq_lock, flags);
		/* Idle or already queued: flush_work() does the rest. */
		if ((work_data(work) & (WORK_STRUCT_PENDING | WORK_STRUCT_PWQ | WORK_STRUCT_RCU)) !=
		    WORK_STRUCT_PENDING)
			break;
		if (timer_delete(&dwork->timer)) {
			__queue_work(dwork->wq, work);
			break;
		}
		/* The timer has fired and its callback is about to queue the work: let it. */
		raw_spin_unlock_irqrestore(&wq_lock, flags);
		host_yield();
	}
	/* Under the same lock: what was just queued cannot run before the barrier is set. */
	wait = start_flush_work(work, &barr, false);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	if (wait)
		wait_for_completion(&barr.done);
	return wait;
}

/**
 * flush_rcu_work - wait for an rcu_work's grace period and execution
 * @rwork: the rcu work
 *
 * Returns true if it waited, false if @rwork was idle.
 */
bool flush_rcu_work(struct rcu_work *rwork)
{
	if (work_pending(&rwork->work)) {
		rcu_barrier();
		flush_work(&rwork->work);
		return true;
	}
	return flush_work(&rwork->work);
}

/**
 * __flush_workqueue - wait until every item queued on @wq before the call has finished
 * @wq: the workqueue
 */
void __flush_workqueue(struct workqueue_struct *wq)
{
	struct wq_flusher f;
	struct worker *me;
	unsigned long flags;

	might_sleep();
	raw_spin_lock_irqsave(&wq_lock, flags);
	check_flush_dependency(wq, NULL, false);
	me = current_wq_worker();
	if (me && me->current_wq == wq) {
		WARN(1, "workqueue: %s:%ps flushes its own workqueue, which would wait for itself forever\n",
		     wq->name, me->current_func);
		raw_spin_unlock_irqrestore(&wq_lock, flags);
		return;
	}
	if (list_empty(&wq->inflight)) {
		raw_spin_unlock_irqrestore(&wq_lock, flags);
		return;
	}
	init_completion(&f.done);
	list_add_tail(&f.node, &wq->inflight);
	list_add_tail(&f.list, &wq->flushers);
	raw_spin_unlock_irqrestore(&wq_lock, flags);

	wait_for_completion(&f.done);
}

/**
 * __warn_flushing_systemwide_wq - the run-time half of the flush_workqueue(system_wq) warning
 */
void __warn_flushing_systemwide_wq(void)
{
	pr_warn("WARNING: Flushing system-wide workqueues will be prohibited in near future.\n");
	dump_stack();
}

/* Would draining or destroying @wq from current wait for current? Reports it. */
static bool wq_self_wait(struct workqueue_struct *wq, const char *what)
{
	struct worker *me = current_wq_worker();

	if (!me || me->current_wq != wq)
		return false;
	WARN(1, "workqueue: %s(%s) called from its own work item %ps would wait for itself forever\n",
	     what, wq->name, me->current_func);
	return true;
}

/**
 * drain_workqueue - flush @wq until it is empty, items queued by its own items included
 * @wq: the workqueue
 *
 * While it drains, only items of @wq may queue more items on it.
 */
void drain_workqueue(struct workqueue_struct *wq)
{
	unsigned int flush_cnt = 0;
	unsigned long flags;

	if (wq_self_wait(wq, __func__))
		return;
	raw_spin_lock_irqsave(&wq_lock, flags);
	if (!wq->nr_drainers++)
		wq->flags |= __WQ_DRAINING;
	raw_spin_unlock_irqrestore(&wq_lock, flags);

	for (;;) {
		__flush_workqueue(wq);
		raw_spin_lock_irqsave(&wq_lock, flags);
		if (list_empty(&wq->inflight))
			break;
		raw_spin_unlock_irqrestore(&wq_lock, flags);
		if (++flush_cnt == 10 || (flush_cnt % 100 == 0 && flush_cnt <= 1000))
			pr_warn("workqueue %s: %s() isn't complete after %u tries\n", wq->name,
				__func__, flush_cnt);
	}
	if (!--wq->nr_drainers)
		wq->flags &= ~__WQ_DRAINING;
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/* --- cancelling and disabling ---------------------------------------------------------------- */

static bool __cancel_work(struct work_struct *work, bool is_dwork, bool disable)
{
	unsigned long flags;
	bool ret;

	ret = work_grab_pending(work, is_dwork, &flags);
	if (disable) {
		if (likely(work->krt_disable < 0xffff))
			work->krt_disable++;
		else
			WARN_ONCE(true, "workqueue: work disable count overflowed\n");
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	return ret;
}

static bool __cancel_work_sync(struct work_struct *work, bool is_dwork, bool keep_disabled)
{
	bool ret;

	/* Disabled while we wait, so that a racing queue_work() cannot slip in. */
	ret = __cancel_work(work, is_dwork, true);
	might_sleep();
	__flush_work(work, true);
	if (!keep_disabled)
		enable_work(work);
	return ret;
}

/**
 * cancel_work - take a pending work item off its queue
 * @work: the work item
 *
 * Does not wait for a running instance. Returns true if @work was pending.
 */
bool cancel_work(struct work_struct *work)
{
	return __cancel_work(work, false, false);
}

/**
 * cancel_work_sync - cancel a work item and wait for its running instance to finish
 * @work: the work item (not a delayed work's: use cancel_delayed_work_sync())
 *
 * On return @work is neither pending nor running, even if it re-queues itself. Returns true if
 * it was pending.
 */
bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false, false);
}

/**
 * cancel_delayed_work - cancel a pending delayed work (timer armed or queued)
 * @dwork: the delayed work
 *
 * Callable from any context; does not wait for a running instance. Returns true if @dwork was
 * pending.
 */
bool cancel_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, true, false);
}

/**
 * cancel_delayed_work_sync - cancel a delayed work and wait for its running instance
 * @dwork: the delayed work
 *
 * Returns true if @dwork was pending.
 */
bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true, false);
}

/**
 * disable_work - cancel @work and make queueing it fail until enable_work()
 * @work: the work item
 *
 * Disabling nests. Returns true if @work was pending.
 */
bool disable_work(struct work_struct *work)
{
	return __cancel_work(work, false, true);
}

/**
 * disable_work_sync - disable_work() and wait for the running instance
 * @work: the work item
 *
 * Returns true if @work was pending.
 */
bool disable_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false, true);
}

/**
 * enable_work - undo one disable_work()
 * @work: the work item
 *
 * Returns true if @work can be queued again.
 */
bool enable_work(struct work_struct *work)
{
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&wq_lock, flags);
	if (likely(work->krt_disable > 0))
		work->krt_disable--;
	else
		WARN_ONCE(true, "workqueue: work disable count underflowed\n");
	ret = !work->krt_disable;
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	return ret;
}

/**
 * disable_delayed_work - disable_work() for delayed work
 * @dwork: the delayed work
 */
bool disable_delayed_work(struct delayed_work *dwork)
{
	return __cancel_work(&dwork->work, true, true);
}

/**
 * disable_delayed_work_sync - disable_work_sync() for delayed work
 * @dwork: the delayed work
 */
bool disable_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true, true);
}

/**
 * enable_delayed_work - enable_work() for delayed work
 * @dwork: the delayed work
 */
bool enable_delayed_work(struct delayed_work *dwork)
{
	return enable_work(&dwork->work);
}

/* --- workqueues ------------------------------------------------------------------------------ */

static int wq_clamp_max_active(int max_active, unsigned int flags, const char *name)
{
	if (max_active < 1 || max_active > WQ_MAX_ACTIVE)
		pr_warn("workqueue: max_active %d requested for %s is out of range, clamping between %d and %d\n",
			max_active, name, 1, WQ_MAX_ACTIVE);
	return clamp_val(max_active, 1, WQ_MAX_ACTIVE);
}

/**
 * alloc_workqueue - create a workqueue
 * @fmt: printf-style name (truncated to 31 characters)
 * @flags: WQ_* flags (WQ_UNBOUND, WQ_HIGHPRI, WQ_MEM_RECLAIM, WQ_FREEZABLE, WQ_BH...)
 * @max_active: how many items may run at once (0: the default, 256)
 *
 * Returns the workqueue or NULL.
 */
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active, ...)
{
	struct workqueue_struct *wq;
	unsigned long irq_flags;
	va_list args;
	int name_len;

	might_sleep();
	if (flags & WQ_BH) {
		if (WARN_ON_ONCE(flags & ~__WQ_BH_ALLOWS))
			return NULL;
		if (WARN_ON_ONCE(max_active))
			return NULL;
	}
	wq = host_zalloc(sizeof(*wq));
	if (!wq)
		return NULL;

	va_start(args, max_active);
	name_len = vsnprintf(wq->name, sizeof(wq->name), fmt, args);
	va_end(args);
	if (name_len >= WQ_NAME_LEN)
		pr_warn_once("workqueue: name exceeds WQ_NAME_LEN. Truncating to: %s\n", wq->name);

	if (flags & WQ_BH)
		max_active = INT_MAX;
	else
		max_active = wq_clamp_max_active(max_active ?: WQ_DFL_ACTIVE, flags, wq->name);

	wq->flags = flags;
	wq->max_active = max_active;
	wq->saved_max_active = max_active;
	wq->pool = &worker_pools[(flags & WQ_UNBOUND) ? 1 : 0];
	INIT_LIST_HEAD(&wq->inactive_works);
	INIT_LIST_HEAD(&wq->inflight);
	INIT_LIST_HEAD(&wq->flushers);
	snprintf(wq->lockdep_name, sizeof(wq->lockdep_name), "(wq_completion)%s", wq->name);
	lockdep_init_map(&wq->lockdep_map, wq->lockdep_name, NULL, 0);

	raw_spin_lock_irqsave(&wq_lock, irq_flags);
	list_add_tail(&wq->list, &workqueues);
	nr_workqueues++;
	raw_spin_unlock_irqrestore(&wq_lock, irq_flags);
	return wq;
}

/**
 * destroy_workqueue - drain and free a workqueue
 * @wq: the workqueue
 *
 * Items still queued are run first; queueing on @wq afterwards is a bug (reported: krt keeps
 * the last few destroyed workqueues around to catch it). Delayed work whose timer is still
 * armed should have been cancelled.
 */
void destroy_workqueue(struct workqueue_struct *wq)
{
	struct workqueue_struct *old;
	unsigned long flags;

	if (wq_self_wait(wq, __func__))
		return;
	raw_spin_lock_irqsave(&wq_lock, flags);
	wq->flags |= __WQ_DESTROYING;
	raw_spin_unlock_irqrestore(&wq_lock, flags);

	drain_workqueue(wq);

	raw_spin_lock_irqsave(&wq_lock, flags);
	if (WARN_ON(!list_empty(&wq->inflight) || wq->nr_active)) {
		pr_warn("%s: %s has the following busy pwq\n", __func__, wq->name);
		raw_spin_unlock_irqrestore(&wq_lock, flags);
		show_one_workqueue(wq);
		return;
	}
	list_del_init(&wq->list);
	nr_workqueues--;
	old = wq_graveyard[wq_graveyard_next];
	wq_graveyard[wq_graveyard_next] = wq;
	wq_graveyard_next = (wq_graveyard_next + 1) % WQ_GRAVEYARD_SIZE;
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	host_free(old);
}

/**
 * workqueue_set_max_active - change max_active of a workqueue
 * @wq: the workqueue (not ordered, not BH)
 * @max_active: the new limit
 */
void workqueue_set_max_active(struct workqueue_struct *wq, int max_active)
{
	unsigned long flags;

	if (WARN_ON(wq->flags & WQ_BH))
		return;
	if (WARN_ON(wq->flags & __WQ_ORDERED))
		return;
	max_active = wq_clamp_max_active(max_active, wq->flags, wq->name);
	raw_spin_lock_irqsave(&wq_lock, flags);
	wq->max_active = max_active;
	wq->saved_max_active = max_active;
	wq_activate(wq);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/**
 * workqueue_set_min_active - set the NUMA-node minimum of active items (one node in krt)
 * @wq: the workqueue
 * @min_active: the minimum
 */
void workqueue_set_min_active(struct workqueue_struct *wq, int min_active)
{
	WARN_ON((wq->flags & (WQ_BH | WQ_UNBOUND | __WQ_ORDERED)) != WQ_UNBOUND);
}

/* --- queries --------------------------------------------------------------------------------- */

/**
 * current_work - the work item current runs, if current is a worker
 */
struct work_struct *current_work(void)
{
	struct worker *worker = current_wq_worker();

	return worker ? worker->current_work : NULL;
}

/**
 * current_is_workqueue_rescuer - is current a rescuer? (krt has none)
 */
bool current_is_workqueue_rescuer(void)
{
	return false;
}

/**
 * workqueue_congested - are items of @wq waiting for max_active room?
 * @cpu: ignored
 * @wq: the workqueue
 */
bool workqueue_congested(int cpu, struct workqueue_struct *wq)
{
	unsigned long flags;
	bool ret;

	raw_spin_lock_irqsave(&wq_lock, flags);
	ret = !list_empty(&wq->inactive_works);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	return ret;
}

/**
 * work_busy - WORK_BUSY_PENDING and/or WORK_BUSY_RUNNING for @work (a racy snapshot)
 * @work: the work item
 */
unsigned int work_busy(struct work_struct *work)
{
	unsigned int ret = 0;
	unsigned long flags;

	raw_spin_lock_irqsave(&wq_lock, flags);
	if (work_data(work) & WORK_STRUCT_PENDING)
		ret |= WORK_BUSY_PENDING;
	if (find_worker_executing_work(work))
		ret |= WORK_BUSY_RUNNING;
	raw_spin_unlock_irqrestore(&wq_lock, flags);
	return ret;
}

/**
 * set_worker_desc - describe what the current worker does (shown by wq_worker_comm())
 * @fmt: printf-style format
 */
void set_worker_desc(const char *fmt, ...)
{
	struct worker *worker = current_wq_worker();
	char desc[WORKER_DESC_LEN];
	unsigned long flags;
	va_list args;

	if (!worker)
		return;
	va_start(args, fmt);
	vsnprintf(desc, sizeof(desc), fmt, args);
	va_end(args);
	raw_spin_lock_irqsave(&wq_lock, flags);
	strscpy(worker->desc, desc, sizeof(worker->desc));
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/**
 * print_worker_info - print the workqueue and function a worker task is running
 * @log_lvl: printk level prefix
 * @task: any task (nothing is printed unless it is a worker)
 */
void print_worker_info(const char *log_lvl, struct task_struct *task)
{
	char name[WQ_NAME_LEN] = "", desc[WORKER_DESC_LEN] = "";
	work_func_t fn = NULL;
	struct worker *worker;
	unsigned long flags;

	if (!raw_spin_trylock_irqsave(&wq_lock, flags))
		return;
	worker = (task->flags & PF_WQ_WORKER) ? task->worker_private : NULL;
	if (worker) {
		fn = worker->current_func;
		if (worker->current_wq)
			strscpy(name, worker->current_wq->name, sizeof(name));
		strscpy(desc, worker->desc, sizeof(desc));
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);

	if (fn || name[0] || desc[0]) {
		printk("%sWorkqueue: %s %ps", log_lvl, name, fn);
		if (strcmp(name, desc))
			pr_cont(" (%s)", desc);
		pr_cont("\n");
	}
}

/**
 * wq_worker_comm - a worker's name with what it works for ("kworker/0:1+events")
 * @buf: destination
 * @size: its size
 * @task: any task
 */
void wq_worker_comm(char *buf, size_t size, struct task_struct *task)
{
	struct worker *worker;
	unsigned long flags;
	ssize_t off;

	off = strscpy(buf, task->comm, size);
	if (off < 0)
		return;
	raw_spin_lock_irqsave(&wq_lock, flags);
	worker = (task->flags & PF_WQ_WORKER) ? task->worker_private : NULL;
	if (worker && worker->desc[0])
		scnprintf(buf + off, size - off, "%s%s", worker->current_work ? "+" : "-",
			  worker->desc);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/* Print one workqueue's items (wq_lock held). */
static void __show_one_workqueue(struct workqueue_struct *wq)
{
	struct work_struct *work;
	struct worker *worker;
	bool first;

	pr_info("workqueue %s: flags=0x%x\n", wq->name, wq->flags);
	pr_info("  pwq %d: active=%d/%d\n", wq->pool->id, wq->nr_active, wq->max_active);
	first = true;
	list_for_each_entry(worker, &busy_workers, entry) {
		if (worker->current_wq != wq)
			continue;
		if (first)
			pr_info("    in-flight:");
		pr_cont("%s %d:%ps", first ? "" : ",", task_pid_nr(worker->task),
			worker->current_func);
		first = false;
	}
	if (!first)
		pr_cont("\n");
	first = true;
	list_for_each_entry(work, &wq->pool->worklist, entry) {
		if (work->krt_wq != wq)
			continue;
		if (first)
			pr_info("    pending:");
		pr_cont("%s %ps", first ? "" : ",", work->func);
		first = false;
	}
	if (!first)
		pr_cont("\n");
	first = true;
	list_for_each_entry(work, &wq->inactive_works, entry) {
		if (first)
			pr_info("    inactive:");
		pr_cont("%s %ps", first ? "" : ",", work->func);
		first = false;
	}
	if (!first)
		pr_cont("\n");
}

/**
 * show_one_workqueue - print the state of @wq if it has unfinished items
 * @wq: the workqueue
 */
void show_one_workqueue(struct workqueue_struct *wq)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&wq_lock, flags);
	if (!list_empty(&wq->inflight) || wq->nr_active)
		__show_one_workqueue(wq);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/**
 * show_all_workqueues - print every busy workqueue and the worker pools
 */
void show_all_workqueues(void)
{
	struct workqueue_struct *wq;
	unsigned long flags;
	int i;

	pr_info("Showing busy workqueues and worker pools:\n");
	raw_spin_lock_irqsave(&wq_lock, flags);
	list_for_each_entry(wq, &workqueues, list)
		if (!list_empty(&wq->inflight) || wq->nr_active)
			__show_one_workqueue(wq);
	for (i = 0; i < ARRAY_SIZE(worker_pools); i++) {
		struct worker_pool *pool = &worker_pools[i];

		pr_info("pool %d: %s workers=%d idle=%d pending=%d\n", pool->id,
			pool->unbound ? "unbound" : "per-cpu", pool->nr_workers, pool->nr_idle,
			pool->nr_pending);
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/**
 * show_freezable_workqueues - print busy freezable workqueues
 */
void show_freezable_workqueues(void)
{
	struct workqueue_struct *wq;
	unsigned long flags;

	pr_info("Showing freezable workqueues that are still busy:\n");
	raw_spin_lock_irqsave(&wq_lock, flags);
	list_for_each_entry(wq, &workqueues, list)
		if ((wq->flags & WQ_FREEZABLE) && (!list_empty(&wq->inflight) || wq->nr_active))
			__show_one_workqueue(wq);
	raw_spin_unlock_irqrestore(&wq_lock, flags);
}

/* --- helpers built on the above -------------------------------------------------------------- */

/**
 * execute_in_process_context - run @fn now if in process context, else from a work item
 * @fn: the function
 * @ew: work storage for the deferred case
 *
 * Returns 0 if @fn ran now, 1 if it was scheduled.
 */
int execute_in_process_context(work_func_t fn, struct execute_work *ew)
{
	if (!in_interrupt()) {
		fn(&ew->work);
		return 0;
	}
	INIT_WORK(&ew->work, fn);
	schedule_work(&ew->work);
	return 1;
}

/**
 * schedule_on_each_cpu - run @func once per CPU from the system workqueue and wait for all
 * @func: the function
 *
 * Returns 0 or -ENOMEM.
 */
int schedule_on_each_cpu(work_func_t func)
{
	int cpu, nr = host_ncpus() > 0 ? host_ncpus() : 1;
	struct work_struct *works = host_zalloc(nr * sizeof(*works));

	if (!works)
		return -ENOMEM;
	for (cpu = 0; cpu < nr; cpu++) {
		INIT_WORK(&works[cpu], func);
		schedule_work_on(cpu, &works[cpu]);
	}
	for (cpu = 0; cpu < nr; cpu++)
		flush_work(&works[cpu]);
	host_free(works);
	return 0;
}

struct work_for_cpu {
	struct work_struct work;
	long (*fn)(void *arg);
	void *arg;
	long ret;
};

static void work_for_cpu_fn(struct work_struct *work)
{
	struct work_for_cpu *wfc = container_of(work, struct work_for_cpu, work);

	wfc->ret = wfc->fn(wfc->arg);
}

/**
 * work_on_cpu - run @fn(@arg) in a work item and wait for its result
 * @cpu: the CPU hint
 * @fn: the function
 * @arg: its argument
 */
long work_on_cpu(int cpu, long (*fn)(void *), void *arg)
{
	struct work_for_cpu wfc = { .fn = fn, .arg = arg };

	INIT_WORK_ONSTACK(&wfc.work, work_for_cpu_fn);
	schedule_work_on(cpu, &wfc.work);
	flush_work(&wfc.work);
	destroy_work_on_stack(&wfc.work);
	return wfc.ret;
}

/* --- set-up ---------------------------------------------------------------------------------- */

static long workqueues_read(void)
{
	return READ_ONCE(nr_workqueues);
}

static struct krt_leak_counter workqueues_counter = {
	.name = "workqueues",
	.read = workqueues_read,
};

static int __init workqueue_init(void)
{
	struct workqueue_struct *system[] = {
		system_wq, system_highpri_wq, system_long_wq, system_unbound_wq,
		system_freezable_wq, system_power_efficient_wq,
		system_freezable_power_efficient_wq, system_bh_wq, system_bh_highpri_wq,
	};
	int i, ncpus = host_ncpus();
	unsigned long flags;

	raw_spin_lock_irqsave(&wq_lock, flags);
	wq_concurrency = ncpus > 0 ? ncpus : 1;
	for (i = 0; i < ARRAY_SIZE(system); i++) {
		list_add_tail(&system[i]->list, &workqueues);
		nr_workqueues++;
	}
	raw_spin_unlock_irqrestore(&wq_lock, flags);

	host_atfork(NULL, NULL, wq_fork_child);
	krt_leak_counter_register(&workqueues_counter);
	return 0;
}
early_initcall(workqueue_init);
