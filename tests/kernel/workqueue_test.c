// SPDX-License-Identifier: MIT
/*
 * Workqueues: queueing rules, worker context, ordering, max_active, non-reentrancy, flush and
 * cancel semantics, delayed work, drain/destroy, and the reports krt prints instead of
 * deadlocking.
 */
#include <kunit/test.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/wait.h>
#include <linux/rcupdate.h>
#include <linux/kstrtox.h>
#include <krt/leak.h>
#include <krt/printk.h>

#define WAIT_LONG	(10 * HZ)

struct wt_item {
	struct work_struct work;
	struct delayed_work dwork;
	struct completion started;
	struct completion release;
	struct completion done;
	atomic_t runs;
	atomic_t *running;	/* shared concurrency counter */
	atomic_t *max_running;
	bool block;		/* wait for @release before returning */
	int index;
	int *order;
	atomic_t *order_pos;
	/* what the work function saw */
	struct work_struct *current_work_seen;
	unsigned int flags_seen;
	char comm_seen[64];
	int softirq_seen;
	unsigned long ran_at;
};

static void wt_item_init(struct wt_item *it, work_func_t fn)
{
	memset(it, 0, sizeof(*it));
	INIT_WORK(&it->work, fn);
	INIT_DELAYED_WORK(&it->dwork, fn);
	init_completion(&it->started);
	init_completion(&it->release);
	init_completion(&it->done);
	atomic_set(&it->runs, 0);
}

static void note_running(struct wt_item *it)
{
	if (it->running) {
		int now = atomic_inc_return(it->running);
		int max = atomic_read(it->max_running);

		while (now > max && !atomic_try_cmpxchg(it->max_running, &max, now))
			;
	}
}

static void wt_body(struct wt_item *it, struct work_struct *work)
{
	note_running(it);
	it->current_work_seen = current_work();
	it->flags_seen = current->flags;
	wq_worker_comm(it->comm_seen, sizeof(it->comm_seen), current);
	it->softirq_seen = in_serving_softirq() ? 1 : 0;
	it->ran_at = jiffies;
	if (it->order)
		it->order[atomic_inc_return(it->order_pos) - 1] = it->index;
	atomic_inc(&it->runs);
	complete(&it->started);
	if (it->block)
		wait_for_completion(&it->release);
	if (it->running)
		atomic_dec(it->running);
	complete(&it->done);
}

static void wt_fn(struct work_struct *work)
{
	wt_body(container_of(work, struct wt_item, work), work);
}

static void wt_dfn(struct work_struct *work)
{
	wt_body(container_of(to_delayed_work(work), struct wt_item, dwork), work);
}

static long leak_value(const char *name)
{
	long values[32];
	const char *names[32];
	int i, n = krt_leak_snapshot(values, names, 32);

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return values[i];
	return -1;
}

static void wq_runs_in_worker_context(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-%s-%d", 0, 0, "ctx", 1);
	struct wt_item it;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	wt_item_init(&it, wt_fn);
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &it.work));
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&it.done, WAIT_LONG), 0UL);
	KUNIT_EXPECT_PTR_EQ(test, it.current_work_seen, &it.work);
	KUNIT_EXPECT_TRUE(test, it.flags_seen & PF_WQ_WORKER);
	KUNIT_EXPECT_TRUE(test, it.flags_seen & PF_KTHREAD);
	/* "kworker/0:N+wt-ctx-1": the worker, busy on behalf of the named workqueue. */
	KUNIT_EXPECT_EQ(test, strncmp(it.comm_seen, "kworker/", 8), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(it.comm_seen, "+wt-ctx-1"));
	KUNIT_EXPECT_EQ(test, it.softirq_seen, 0);
	KUNIT_EXPECT_NULL(test, current_work());
	destroy_workqueue(wq);
}

static void wq_queue_while_pending_returns_false(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wt-pending", 0);
	struct wt_item blocker, it;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	wt_item_init(&blocker, wt_fn);
	wt_item_init(&it, wt_fn);
	blocker.block = true;
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &blocker.work));
	wait_for_completion(&blocker.started);
	KUNIT_EXPECT_FALSE(test, work_pending(&it.work));
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &it.work));
	KUNIT_EXPECT_TRUE(test, work_pending(&it.work));
	KUNIT_EXPECT_EQ(test, work_busy(&it.work), (unsigned int)WORK_BUSY_PENDING);
	KUNIT_EXPECT_FALSE(test, queue_work(wq, &it.work));
	KUNIT_EXPECT_FALSE(test, queue_work(system_wq, &it.work));
	KUNIT_EXPECT_TRUE(test, workqueue_congested(0, wq));
	complete(&blocker.release);
	flush_workqueue(wq);
	/* Queued three times while pending: it ran once. */
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
	KUNIT_EXPECT_FALSE(test, work_pending(&it.work));
	destroy_workqueue(wq);
}

static void wq_ordered_runs_one_at_a_time_in_order(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wt-ordered", 0);
	atomic_t running = ATOMIC_INIT(0), max_running = ATOMIC_INIT(0), pos = ATOMIC_INIT(0);
	struct wt_item *items;
	int order[40], i;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	items = kunit_kcalloc(test, 40, sizeof(*items), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	for (i = 0; i < 40; i++) {
		wt_item_init(&items[i], wt_fn);
		items[i].running = &running;
		items[i].max_running = &max_running;
		items[i].index = i;
		items[i].order = order;
		items[i].order_pos = &pos;
	}
	for (i = 0; i < 40; i++)
		KUNIT_EXPECT_TRUE(test, queue_work(wq, &items[i].work));
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&pos), 40);
	KUNIT_EXPECT_EQ(test, atomic_read(&max_running), 1);
	for (i = 0; i < 40; i++)
		KUNIT_EXPECT_EQ(test, order[i], i);
	destroy_workqueue(wq);
}

static void wq_max_active_limits_concurrency(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-max2", WQ_UNBOUND, 2);
	atomic_t running = ATOMIC_INIT(0), max_running = ATOMIC_INIT(0);
	struct wt_item items[6];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	for (i = 0; i < 6; i++) {
		wt_item_init(&items[i], wt_fn);
		items[i].running = &running;
		items[i].max_running = &max_running;
		items[i].block = true;
		queue_work(wq, &items[i].work);
	}
	wait_for_completion(&items[0].started);
	wait_for_completion(&items[1].started);
	msleep(30);
	KUNIT_EXPECT_EQ(test, atomic_read(&running), 2);
	KUNIT_EXPECT_FALSE(test, completion_done(&items[2].started));
	for (i = 0; i < 6; i++)
		complete(&items[i].release);
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&max_running), 2);
	for (i = 0; i < 6; i++)
		KUNIT_EXPECT_EQ(test, atomic_read(&items[i].runs), 1);
	destroy_workqueue(wq);
}

/* Work items that only finish once all of them run at the same time. */
struct rendezvous {
	struct work_struct work;
	atomic_t *arrived;
	wait_queue_head_t *wq;
	int need;
	bool met;
};

static void rendezvous_fn(struct work_struct *work)
{
	struct rendezvous *r = container_of(work, struct rendezvous, work);

	atomic_inc(r->arrived);
	wake_up_all(r->wq);
	r->met = wait_event_timeout(*r->wq, atomic_read(r->arrived) >= r->need, 5 * HZ) > 0;
}

static void rendezvous_on(struct kunit *test, struct workqueue_struct *wq, int n)
{
	DECLARE_WAIT_QUEUE_HEAD_ONSTACK(waitq);
	atomic_t arrived = ATOMIC_INIT(0);
	struct rendezvous *r = kunit_kcalloc(test, n, sizeof(*r), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, r);
	for (i = 0; i < n; i++) {
		INIT_WORK(&r[i].work, rendezvous_fn);
		r[i].arrived = &arrived;
		r[i].wq = &waitq;
		r[i].need = n;
		queue_work(wq, &r[i].work);
	}
	for (i = 0; i < n; i++) {
		flush_work(&r[i].work);
		KUNIT_EXPECT_TRUE(test, r[i].met);
	}
}

static void wq_unbound_gives_each_item_a_worker(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-unbound", WQ_UNBOUND, 8);

	KUNIT_ASSERT_NOT_NULL(test, wq);
	rendezvous_on(test, wq, 8);
	destroy_workqueue(wq);
}

static void wq_bound_pool_grows_when_items_sleep(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-bound", 0, 0);

	KUNIT_ASSERT_NOT_NULL(test, wq);
	/* More sleeping items than CPUs: the pool must start workers as they go to sleep. */
	rendezvous_on(test, wq, 12);
	destroy_workqueue(wq);
}

struct reentrant {
	struct work_struct work;
	struct workqueue_struct *wq;
	atomic_t running;
	atomic_t runs;
	int overlap;
	bool requeued;
};

static void reentrant_fn(struct work_struct *work)
{
	struct reentrant *r = container_of(work, struct reentrant, work);

	if (atomic_inc_return(&r->running) != 1)
		r->overlap = 1;
	/* Re-queueing a running item is allowed; the new instance waits for this one. */
	if (atomic_inc_return(&r->runs) == 1)
		r->requeued = queue_work(r->wq, work);
	msleep(20);
	atomic_dec(&r->running);
}

static void wq_item_never_runs_concurrently_with_itself(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-reent", WQ_UNBOUND, 4);
	struct reentrant r = {};

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&r.work, reentrant_fn);
	r.wq = wq;
	atomic_set(&r.running, 0);
	atomic_set(&r.runs, 0);
	queue_work(wq, &r.work);
	while (atomic_read(&r.runs) < 1)
		msleep(1);
	/* Another queue (and pool) while it runs: still not concurrently. */
	queue_work(system_wq, &r.work);
	flush_workqueue(wq);
	flush_work(&r.work);
	flush_work(&r.work);
	KUNIT_EXPECT_TRUE(test, r.requeued);
	KUNIT_EXPECT_GE(test, atomic_read(&r.runs), 2);
	KUNIT_EXPECT_EQ(test, r.overlap, 0);
	destroy_workqueue(wq);
}

struct waiter_ctx {
	struct work_struct *work;
	struct delayed_work *dwork;
	bool (*op)(struct work_struct *work);
	bool (*dop)(struct delayed_work *dwork);
	bool ret;
	struct completion done;
};

static int waiter_thread(void *data)
{
	struct waiter_ctx *w = data;

	w->ret = w->op ? w->op(w->work) : w->dop(w->dwork);
	complete(&w->done);
	/* Stay until kthread_stop(), which needs the task to exist. */
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

/* Run @op(@work) on a kthread; check that it waits for the blocked item. */
static void expect_waits_for_running(struct kunit *test, struct wt_item *it,
				     struct waiter_ctx *w)
{
	struct task_struct *t;

	init_completion(&w->done);
	t = kthread_run(waiter_thread, w, "wt-waiter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(30);
	KUNIT_EXPECT_FALSE(test, completion_done(&w->done));
	complete(&it->release);
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&w->done, WAIT_LONG), 0UL);
	KUNIT_EXPECT_TRUE(test, completion_done(&it->done));
	kthread_stop(t);
}

static void wq_flush_work_semantics(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wt-flush-work", 0);
	struct wt_item it, blocker;
	struct waiter_ctx w = {};

	KUNIT_ASSERT_NOT_NULL(test, wq);
	wt_item_init(&it, wt_fn);
	/* Idle: nothing to wait for. */
	KUNIT_EXPECT_FALSE(test, flush_work(&it.work));

	/* Pending (behind a blocker): waits until it ran. */
	wt_item_init(&blocker, wt_fn);
	blocker.block = true;
	queue_work(wq, &blocker.work);
	wait_for_completion(&blocker.started);
	queue_work(wq, &it.work);
	w.work = &it.work;
	w.op = flush_work;
	expect_waits_for_running(test, &blocker, &w);
	KUNIT_EXPECT_TRUE(test, w.ret);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
	KUNIT_EXPECT_FALSE(test, flush_work(&it.work));
	destroy_workqueue(wq);

	/* Running: waits until it returns. */
	wt_item_init(&it, wt_fn);
	it.block = true;
	queue_work(system_unbound_wq, &it.work);
	wait_for_completion(&it.started);
	KUNIT_EXPECT_EQ(test, work_busy(&it.work), (unsigned int)WORK_BUSY_RUNNING);
	w.work = &it.work;
	w.op = flush_work;
	expect_waits_for_running(test, &it, &w);
	KUNIT_EXPECT_TRUE(test, w.ret);
}

static void wq_cancel_work_sync_waits_for_running(struct kunit *test)
{
	struct wt_item it;
	struct waiter_ctx w = {};

	wt_item_init(&it, wt_fn);
	it.block = true;
	queue_work(system_unbound_wq, &it.work);
	wait_for_completion(&it.started);
	w.work = &it.work;
	w.op = cancel_work_sync;
	expect_waits_for_running(test, &it, &w);
	/* It was running, not pending. */
	KUNIT_EXPECT_FALSE(test, w.ret);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
	/* Usable again afterwards. */
	it.block = false;
	KUNIT_EXPECT_TRUE(test, queue_work(system_unbound_wq, &it.work));
	flush_work(&it.work);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 2);
}

static void wq_cancel_pending(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wt-cancel", 0);
	struct wt_item blocker, a, b;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	wt_item_init(&blocker, wt_fn);
	wt_item_init(&a, wt_fn);
	wt_item_init(&b, wt_fn);
	blocker.block = true;
	queue_work(wq, &blocker.work);
	wait_for_completion(&blocker.started);
	queue_work(wq, &a.work);
	queue_work(wq, &b.work);
	KUNIT_EXPECT_TRUE(test, cancel_work(&a.work));
	KUNIT_EXPECT_FALSE(test, work_pending(&a.work));
	KUNIT_EXPECT_FALSE(test, cancel_work(&a.work));
	KUNIT_EXPECT_TRUE(test, cancel_work_sync(&b.work));
	KUNIT_EXPECT_FALSE(test, cancel_work_sync(&b.work));
	complete(&blocker.release);
	flush_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&a.runs), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&b.runs), 0);
	destroy_workqueue(wq);
}

static void wq_disable_enable(struct kunit *test)
{
	struct wt_item it;

	wt_item_init(&it, wt_fn);
	KUNIT_EXPECT_FALSE(test, disable_work(&it.work));
	KUNIT_EXPECT_FALSE(test, queue_work(system_wq, &it.work));
	KUNIT_EXPECT_FALSE(test, disable_work_sync(&it.work));
	KUNIT_EXPECT_FALSE(test, enable_work(&it.work));
	KUNIT_EXPECT_FALSE(test, queue_work(system_wq, &it.work));
	KUNIT_EXPECT_TRUE(test, enable_work(&it.work));
	KUNIT_EXPECT_TRUE(test, queue_work(system_wq, &it.work));
	flush_work(&it.work);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
}

static void wq_delayed_work_waits_for_its_delay(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-delayed", 0, 0);
	unsigned long queued;
	struct wt_item it;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	wt_item_init(&it, wt_dfn);
	queued = jiffies;
	KUNIT_EXPECT_TRUE(test, queue_delayed_work(wq, &it.dwork, msecs_to_jiffies(60)));
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&it.dwork));
	KUNIT_EXPECT_FALSE(test, queue_delayed_work(wq, &it.dwork, 1));
	msleep(20);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 0);
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&it.done, WAIT_LONG), 0UL);
	KUNIT_EXPECT_GE(test, it.ran_at - queued, msecs_to_jiffies(60));
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&it.dwork));

	/* No delay: queued at once, not at the next tick. */
	wt_item_init(&it, wt_dfn);
	KUNIT_EXPECT_TRUE(test, queue_delayed_work(wq, &it.dwork, 0));
	KUNIT_EXPECT_FALSE(test, timer_pending(&it.dwork.timer));
	flush_delayed_work(&it.dwork);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
	destroy_workqueue(wq);
}

static void wq_mod_delayed_work(struct kunit *test)
{
	struct wt_item it;
	unsigned long start;

	wt_item_init(&it, wt_dfn);
	/* Idle: queued, returns false. */
	KUNIT_EXPECT_FALSE(test, mod_delayed_work(system_wq, &it.dwork, 100 * HZ));
	/* Pending: moved, returns true. */
	start = jiffies;
	KUNIT_EXPECT_TRUE(test, mod_delayed_work(system_wq, &it.dwork, 1));
	KUNIT_ASSERT_GT(test, wait_for_completion_timeout(&it.done, WAIT_LONG), 0UL);
	KUNIT_EXPECT_LT(test, jiffies - start, (unsigned long)(5 * HZ));
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
}

static void wq_cancel_delayed_work(struct kunit *test)
{
	struct wt_item it;

	wt_item_init(&it, wt_dfn);
	KUNIT_EXPECT_FALSE(test, cancel_delayed_work(&it.dwork));
	queue_delayed_work(system_wq, &it.dwork, msecs_to_jiffies(20));
	KUNIT_EXPECT_TRUE(test, cancel_delayed_work(&it.dwork));
	queue_delayed_work(system_wq, &it.dwork, msecs_to_jiffies(20));
	KUNIT_EXPECT_TRUE(test, cancel_delayed_work_sync(&it.dwork));
	KUNIT_EXPECT_FALSE(test, timer_pending(&it.dwork.timer));
	msleep(60);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 0);
	KUNIT_EXPECT_FALSE(test, cancel_delayed_work_sync(&it.dwork));
}

static void wq_flush_delayed_work_runs_it_now(struct kunit *test)
{
	struct wt_item it;
	unsigned long start = jiffies;

	wt_item_init(&it, wt_dfn);
	queue_delayed_work(system_wq, &it.dwork, 100 * HZ);
	KUNIT_EXPECT_TRUE(test, flush_delayed_work(&it.dwork));
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
	KUNIT_EXPECT_LT(test, jiffies - start, (unsigned long)(5 * HZ));
	KUNIT_EXPECT_FALSE(test, flush_delayed_work(&it.dwork));
}

struct flusher {
	struct workqueue_struct *wq;
	struct completion flushed;
};

static int flush_wq_thread(void *data)
{
	struct flusher *f = data;

	flush_workqueue(f->wq);
	complete(&f->flushed);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static void wq_flush_workqueue_waits_only_for_earlier_items(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-flush", WQ_UNBOUND, 4);
	struct flusher f;
	struct wt_item a, b;
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	wt_item_init(&a, wt_fn);
	wt_item_init(&b, wt_fn);
	a.block = true;
	b.block = true;
	queue_work(wq, &a.work);
	wait_for_completion(&a.started);
	f.wq = wq;
	init_completion(&f.flushed);
	t = kthread_run(flush_wq_thread, &f, "wt-flusher");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(20);
	/* Queued after the flush began: the flush does not wait for it. */
	queue_work(wq, &b.work);
	wait_for_completion(&b.started);
	msleep(10);
	KUNIT_EXPECT_FALSE(test, completion_done(&f.flushed));
	complete(&a.release);
	/* The flusher finishes while b still runs. */
	KUNIT_EXPECT_GT(test, wait_for_completion_timeout(&f.flushed, WAIT_LONG), 0UL);
	KUNIT_EXPECT_EQ(test, kthread_stop(t), 0);
	KUNIT_EXPECT_FALSE(test, completion_done(&b.done));
	complete(&b.release);
	flush_workqueue(wq);
	KUNIT_EXPECT_TRUE(test, completion_done(&b.done));
	destroy_workqueue(wq);
}

struct chain {
	struct work_struct work;
	struct workqueue_struct *wq;
	atomic_t left;
	atomic_t runs;
};

static void chain_fn(struct work_struct *work)
{
	struct chain *c = container_of(work, struct chain, work);

	atomic_inc(&c->runs);
	msleep(1);
	if (atomic_dec_return(&c->left) > 0)
		queue_work(c->wq, work);
}

static void wq_drain_runs_chained_items(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-drain", 0, 0);
	struct chain c;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&c.work, chain_fn);
	c.wq = wq;
	atomic_set(&c.left, 10);
	atomic_set(&c.runs, 0);
	queue_work(wq, &c.work);
	drain_workqueue(wq);
	KUNIT_EXPECT_EQ(test, atomic_read(&c.runs), 10);
	KUNIT_EXPECT_FALSE(test, work_pending(&c.work));
	destroy_workqueue(wq);
}

static void wq_destroy_runs_queued_items(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-destroy", 0, 1);
	struct wt_item items[8];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	for (i = 0; i < 8; i++) {
		wt_item_init(&items[i], wt_fn);
		queue_work(wq, &items[i].work);
	}
	destroy_workqueue(wq);
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ(test, atomic_read(&items[i].runs), 1);
}

static void wq_queue_after_destroy_warns(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-dead", 0, 0);
	struct wt_item it;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	wt_item_init(&it, wt_fn);
	destroy_workqueue(wq);
	krt_printk_capture_begin(false);
	queue_work(wq, &it.work);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("workqueue: cannot queue wt_fn"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("on wq wt-dead"));
	krt_printk_capture_end();
	msleep(10);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 0);
	KUNIT_EXPECT_FALSE(test, work_pending(&it.work));
}

struct self_flush {
	struct work_struct work;
	struct workqueue_struct *wq;
	int what;
	bool ret;
};

static void self_flush_fn(struct work_struct *work)
{
	struct self_flush *s = container_of(work, struct self_flush, work);

	switch (s->what) {
	case 0:
		flush_workqueue(s->wq);
		break;
	case 1:
		s->ret = flush_work(work);
		break;
	case 2:
		s->ret = cancel_work_sync(work);
		break;
	case 3:
		drain_workqueue(s->wq);
		break;
	}
}

static void wq_self_flush_is_reported_not_deadlocked(struct kunit *test)
{
	static const char * const texts[] = {
		"flushes its own workqueue, which would wait for itself forever",
		"flush_work() on wt-self:self_flush_fn from inside that work item",
		"cancel_work_sync() on wt-self:self_flush_fn from inside that work item",
		"drain_workqueue(wt-self) called from its own work item self_flush_fn",
	};
	struct workqueue_struct *wq = alloc_workqueue("wt-self", 0, 0);
	struct self_flush s = {};
	int i;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&s.work, self_flush_fn);
	s.wq = wq;
	for (i = 0; i < ARRAY_SIZE(texts); i++) {
		s.what = i;
		s.ret = true;
		krt_printk_capture_begin(false);
		queue_work(wq, &s.work);
		flush_work(&s.work);
		KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING:"));
		KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(texts[i]), "%s", texts[i]);
		krt_printk_capture_end();
		if (i == 1 || i == 2)
			KUNIT_EXPECT_FALSE(test, s.ret);
	}
	destroy_workqueue(wq);
}

struct reclaim_flush {
	struct work_struct work;
	struct workqueue_struct *target;
};

static void reclaim_flush_fn(struct work_struct *work)
{
	struct reclaim_flush *r = container_of(work, struct reclaim_flush, work);

	flush_workqueue(r->target);
}

static void wq_mem_reclaim_flushing_plain_queue_warns(struct kunit *test)
{
	struct workqueue_struct *reclaim = alloc_workqueue("wt-reclaim", WQ_MEM_RECLAIM, 0);
	struct workqueue_struct *plain = alloc_workqueue("wt-plain", 0, 0);
	struct reclaim_flush r;

	KUNIT_ASSERT_NOT_NULL(test, reclaim);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	INIT_WORK(&r.work, reclaim_flush_fn);
	r.target = plain;
	krt_printk_capture_begin(false);
	queue_work(reclaim, &r.work);
	flush_work(&r.work);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"workqueue: WQ_MEM_RECLAIM wt-reclaim:reclaim_flush_fn is flushing !WQ_MEM_RECLAIM wt-plain:"));
	krt_printk_capture_end();

	/* A PF_MEMALLOC task flushing a !WQ_MEM_RECLAIM queue. */
	krt_printk_capture_begin(false);
	current->flags |= PF_MEMALLOC;
	flush_workqueue(plain);
	current->flags &= ~PF_MEMALLOC;
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("workqueue: PF_MEMALLOC task"));
	KUNIT_EXPECT_TRUE(test,
			  krt_printk_capture_contains("is flushing !WQ_MEM_RECLAIM wt-plain"));
	krt_printk_capture_end();
	destroy_workqueue(plain);
	destroy_workqueue(reclaim);
}

static void leaky_fn(struct work_struct *work)
{
	preempt_disable();
}

static void check_clean_fn(struct work_struct *work)
{
	struct wt_item *it = container_of(work, struct wt_item, work);

	it->softirq_seen = preempt_count();
	complete(&it->done);
}

static void wq_leaked_atomic_is_reported(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("wt-leak", 0);
	struct work_struct leaky;
	struct wt_item check;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&leaky, leaky_fn);
	wt_item_init(&check, check_clean_fn);
	check.softirq_seen = -1;
	krt_printk_capture_begin(false);
	queue_work(wq, &leaky);
	flush_work(&leaky);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: workqueue leaked atomic, lock or RCU: kworker/"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"     preempt=0x00000001 lock=0->0 RCU=0->0 workfn=leaky_fn"));
	krt_printk_capture_end();
	/* The worker carries on with a clean preempt count. */
	queue_work(wq, &check.work);
	flush_work(&check.work);
	KUNIT_EXPECT_EQ(test, check.softirq_seen, 0);
	destroy_workqueue(wq);
}

static void wq_system_workqueues(struct kunit *test)
{
	struct workqueue_struct *wqs[] = {
		system_wq, system_highpri_wq, system_long_wq, system_unbound_wq,
		system_freezable_wq, system_power_efficient_wq,
		system_freezable_power_efficient_wq,
	};
	struct wt_item it;
	int i;

	for (i = 0; i < ARRAY_SIZE(wqs); i++) {
		KUNIT_ASSERT_NOT_NULL(test, wqs[i]);
		wt_item_init(&it, wt_fn);
		KUNIT_EXPECT_TRUE(test, queue_work(wqs[i], &it.work));
		flush_work(&it.work);
		KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
	}
	KUNIT_EXPECT_PTR_EQ(test, system_percpu_wq, system_wq);

	wt_item_init(&it, wt_fn);
	KUNIT_EXPECT_TRUE(test, schedule_work(&it.work));
	flush_work(&it.work);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
	wt_item_init(&it, wt_dfn);
	KUNIT_EXPECT_TRUE(test, schedule_delayed_work(&it.dwork, 1));
	flush_delayed_work(&it.dwork);
	KUNIT_EXPECT_EQ(test, atomic_read(&it.runs), 1);
}

static void wq_bh_workqueue_runs_in_softirq(struct kunit *test)
{
	struct wt_item it;

	wt_item_init(&it, wt_fn);
	queue_work(system_bh_wq, &it.work);
	flush_work(&it.work);
	KUNIT_EXPECT_EQ(test, it.softirq_seen, 1);
}

static void wq_max_active_out_of_range_is_clamped(struct kunit *test)
{
	struct workqueue_struct *wq;

	krt_printk_capture_begin(false);
	wq = alloc_workqueue("wt-clamp", 0, 1000);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"workqueue: max_active 1000 requested for wt-clamp is out of range, clamping between 1 and 512"));
	krt_printk_capture_end();
	destroy_workqueue(wq);
}

static void wq_flush_in_atomic_context_is_reported(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-atomic", 0, 0);
	struct wt_item it;
	DEFINE_SPINLOCK(lock);

	KUNIT_ASSERT_NOT_NULL(test, wq);
	wt_item_init(&it, wt_fn);
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock(&lock);
	/* Nothing to wait for, but flushing may sleep: the kernel reports it all the same. */
	flush_workqueue(wq);
	spin_unlock(&lock);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: sleeping function called from invalid context at kernel/workqueue.c"));
	krt_printk_capture_end();

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	rcu_read_lock();
	flush_work(&it.work);
	rcu_read_unlock();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: sleeping function called from invalid context at kernel/workqueue.c"));
	krt_printk_capture_end();
	krt_might_sleep_ratelimit_reset();
	destroy_workqueue(wq);
}

/* The "workers=N" count of a pool in show_all_workqueues(). */
static int pool_workers(const char *kind)
{
	char needle[32];
	const char *p;
	int n = -1;

	snprintf(needle, sizeof(needle), "%s workers=", kind);
	krt_printk_capture_begin(false);
	show_all_workqueues();
	p = strstr(krt_printk_capture_text(), needle);
	if (p)
		n = simple_strtol(p + strlen(needle), NULL, 10);
	krt_printk_capture_end();
	return n;
}

static void wq_idle_workers_exit(struct kunit *test)
{
	struct workqueue_struct *wq = alloc_workqueue("wt-idle", WQ_UNBOUND, 6);

	KUNIT_ASSERT_NOT_NULL(test, wq);
	rendezvous_on(test, wq, 6);
	KUNIT_EXPECT_GE(test, pool_workers("unbound"), 6);
	destroy_workqueue(wq);
	/* Idle workers leave after a while (2 s in krt). */
	msleep(3000);
	KUNIT_EXPECT_EQ(test, pool_workers("unbound"), 0);
}

static void wq_leak_counter(struct kunit *test)
{
	long before = leak_value("workqueues");
	struct workqueue_struct *wq;

	KUNIT_ASSERT_GE(test, before, 0L);
	wq = alloc_workqueue("wt-counted", 0, 0);
	KUNIT_ASSERT_NOT_NULL(test, wq);
	KUNIT_EXPECT_EQ(test, leak_value("workqueues"), before + 1);
	destroy_workqueue(wq);
	KUNIT_EXPECT_EQ(test, leak_value("workqueues"), before);
}

struct rcu_item {
	struct rcu_work rw;
	atomic_t runs;
};

static void rcu_item_fn(struct work_struct *work)
{
	struct rcu_item *r = container_of(to_rcu_work(work), struct rcu_item, rw);

	atomic_inc(&r->runs);
}

static void wq_rcu_work(struct kunit *test)
{
	struct rcu_item r;

	INIT_RCU_WORK(&r.rw, rcu_item_fn);
	atomic_set(&r.runs, 0);
	KUNIT_EXPECT_TRUE(test, queue_rcu_work(system_wq, &r.rw));
	KUNIT_EXPECT_FALSE(test, queue_rcu_work(system_wq, &r.rw));
	/* It may already have run (true or false then); afterwards it has run once. */
	flush_rcu_work(&r.rw);
	KUNIT_EXPECT_EQ(test, atomic_read(&r.runs), 1);
	KUNIT_EXPECT_FALSE(test, flush_rcu_work(&r.rw));
	KUNIT_EXPECT_FALSE(test, work_pending(&r.rw.work));
}

static long add_one(void *arg)
{
	return *(long *)arg + 1;
}

static atomic_t helper_runs;
static struct task_struct *helper_task;

static void helper_fn(struct work_struct *work)
{
	atomic_inc(&helper_runs);
	WRITE_ONCE(helper_task, current);
}

static void wq_helpers(struct kunit *test)
{
	struct execute_work ew;
	long v = 41;

	KUNIT_EXPECT_EQ(test, work_on_cpu(0, add_one, &v), 42L);
	/* In process context the function runs at once, on the caller. */
	atomic_set(&helper_runs, 0);
	KUNIT_EXPECT_EQ(test, execute_in_process_context(helper_fn, &ew), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&helper_runs), 1);
	KUNIT_EXPECT_PTR_EQ(test, helper_task, current);
	KUNIT_EXPECT_FALSE(test, current_is_workqueue_rescuer());
	atomic_set(&helper_runs, 0);
	KUNIT_EXPECT_EQ(test, schedule_on_each_cpu(helper_fn), 0);
	KUNIT_EXPECT_GE(test, atomic_read(&helper_runs), 1);
}

static struct kunit_case workqueue_test_cases[] = {
	KUNIT_CASE(wq_runs_in_worker_context),
	KUNIT_CASE(wq_queue_while_pending_returns_false),
	KUNIT_CASE(wq_ordered_runs_one_at_a_time_in_order),
	KUNIT_CASE(wq_max_active_limits_concurrency),
	KUNIT_CASE(wq_unbound_gives_each_item_a_worker),
	KUNIT_CASE(wq_bound_pool_grows_when_items_sleep),
	KUNIT_CASE(wq_item_never_runs_concurrently_with_itself),
	KUNIT_CASE(wq_flush_work_semantics),
	KUNIT_CASE(wq_cancel_work_sync_waits_for_running),
	KUNIT_CASE(wq_cancel_pending),
	KUNIT_CASE(wq_disable_enable),
	KUNIT_CASE(wq_delayed_work_waits_for_its_delay),
	KUNIT_CASE(wq_mod_delayed_work),
	KUNIT_CASE(wq_cancel_delayed_work),
	KUNIT_CASE(wq_flush_delayed_work_runs_it_now),
	KUNIT_CASE(wq_flush_workqueue_waits_only_for_earlier_items),
	KUNIT_CASE(wq_drain_runs_chained_items),
	KUNIT_CASE(wq_destroy_runs_queued_items),
	KUNIT_CASE(wq_queue_after_destroy_warns),
	KUNIT_CASE(wq_self_flush_is_reported_not_deadlocked),
	KUNIT_CASE(wq_mem_reclaim_flushing_plain_queue_warns),
	KUNIT_CASE(wq_leaked_atomic_is_reported),
	KUNIT_CASE(wq_system_workqueues),
	KUNIT_CASE(wq_bh_workqueue_runs_in_softirq),
	KUNIT_CASE(wq_max_active_out_of_range_is_clamped),
	KUNIT_CASE(wq_flush_in_atomic_context_is_reported),
	KUNIT_CASE_SLOW(wq_idle_workers_exit),
	KUNIT_CASE(wq_leak_counter),
	KUNIT_CASE(wq_rcu_work),
	KUNIT_CASE(wq_helpers),
	{}
};

static struct kunit_suite workqueue_test_suite = {
	.name = "workqueue",
	.test_cases = workqueue_test_cases,
};
kunit_test_suite(workqueue_test_suite);
