// SPDX-License-Identifier: MIT
/*
 * Workqueues under concurrency: many items queued from several threads, one item re-queued from
 * everywhere (never running concurrently with itself), queue/cancel/flush races, and delayed
 * work modified from several threads at once.
 */
#include <kunit/test.h>
#include <linux/workqueue.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <krt/thread.h>

#define THREADS		4
#define PER_THREAD	1500

struct counted {
	struct work_struct work;
	atomic_t *total;
	atomic_t runs;
};

static void counted_fn(struct work_struct *work)
{
	struct counted *c = container_of(work, struct counted, work);

	atomic_inc(&c->runs);
	atomic_inc(c->total);
}

/* One item everybody queues: counts overlapping executions. */
struct shared_item {
	struct work_struct work;
	atomic_t running;
	atomic_t runs;
	atomic_t overlaps;
};

static void shared_fn(struct work_struct *work)
{
	struct shared_item *s = container_of(work, struct shared_item, work);

	if (atomic_inc_return(&s->running) != 1)
		atomic_inc(&s->overlaps);
	atomic_inc(&s->runs);
	if (!(atomic_read(&s->runs) & 7))
		msleep(1);
	atomic_dec(&s->running);
}

/* The same for delayed work. */
struct shared_ditem {
	struct delayed_work dwork;
	atomic_t running;
	atomic_t runs;
	atomic_t overlaps;
};

static void shared_dfn(struct work_struct *work)
{
	struct shared_ditem *s = container_of(to_delayed_work(work), struct shared_ditem, dwork);

	if (atomic_inc_return(&s->running) != 1)
		atomic_inc(&s->overlaps);
	atomic_inc(&s->runs);
	atomic_dec(&s->running);
}

struct queuer_ctx {
	struct workqueue_struct *wq;
	struct counted *items;
	struct shared_item *shared;
	int queued_shared;
};

static int queuer(void *data)
{
	struct queuer_ctx *q = data;
	int i;

	for (i = 0; i < PER_THREAD; i++) {
		queue_work(q->wq, &q->items[i].work);
		if (queue_work(i & 1 ? q->wq : system_unbound_wq, &q->shared->work))
			q->queued_shared++;
	}
	return 0;
}

static void wq_stress_many_queuers(struct kunit *test, unsigned int flags, int max_active)
{
	struct workqueue_struct *wq = alloc_workqueue("wq-stress", flags, max_active);
	struct task_struct *tasks[THREADS];
	struct queuer_ctx ctx[THREADS];
	struct shared_item shared;
	atomic_t total = ATOMIC_INIT(0);
	int t, i, queued_shared = 0;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&shared.work, shared_fn);
	atomic_set(&shared.running, 0);
	atomic_set(&shared.runs, 0);
	atomic_set(&shared.overlaps, 0);
	for (t = 0; t < THREADS; t++) {
		ctx[t].wq = wq;
		ctx[t].shared = &shared;
		ctx[t].queued_shared = 0;
		ctx[t].items = kunit_kcalloc(test, PER_THREAD, sizeof(struct counted), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, ctx[t].items);
		for (i = 0; i < PER_THREAD; i++) {
			INIT_WORK(&ctx[t].items[i].work, counted_fn);
			ctx[t].items[i].total = &total;
			atomic_set(&ctx[t].items[i].runs, 0);
		}
	}
	for (t = 0; t < THREADS; t++) {
		tasks[t] = krt_thread_create(queuer, &ctx[t], "wq-queuer");
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[t]));
	}
	for (t = 0; t < THREADS; t++) {
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[t]), 0);
		queued_shared += ctx[t].queued_shared;
	}
	flush_workqueue(wq);
	flush_work(&shared.work);

	KUNIT_EXPECT_EQ(test, atomic_read(&total), THREADS * PER_THREAD);
	for (t = 0; t < THREADS; t++)
		for (i = 0; i < PER_THREAD; i++)
			KUNIT_EXPECT_EQ(test, atomic_read(&ctx[t].items[i].runs), 1);
	/* Every successful queueing ran once, never two at a time. */
	KUNIT_EXPECT_EQ(test, atomic_read(&shared.runs), queued_shared);
	KUNIT_EXPECT_EQ(test, atomic_read(&shared.overlaps), 0);
	destroy_workqueue(wq);
}

static void wq_stress_bound(struct kunit *test)
{
	wq_stress_many_queuers(test, 0, 0);
}

static void wq_stress_unbound(struct kunit *test)
{
	wq_stress_many_queuers(test, WQ_UNBOUND, 16);
}

static void wq_stress_ordered(struct kunit *test)
{
	wq_stress_many_queuers(test, WQ_UNBOUND | __WQ_ORDERED, 1);
}

struct racer_ctx {
	struct workqueue_struct *wq;
	struct shared_item *item;
	struct delayed_work *dwork;
	int mode;
	int iterations;
};

static int racer(void *data)
{
	struct racer_ctx *r = data;
	int i;

	for (i = 0; i < r->iterations; i++) {
		switch (r->mode) {
		case 0:
			queue_work(r->wq, &r->item->work);
			break;
		case 1:
			cancel_work_sync(&r->item->work);
			/* Nothing of it runs after cancel_work_sync() unless re-queued. */
			break;
		case 2:
			flush_work(&r->item->work);
			break;
		case 3:
			mod_delayed_work(r->wq, r->dwork, get_random_u32_below(3));
			break;
		case 4:
			if (get_random_u32_below(4) == 0)
				cancel_delayed_work_sync(r->dwork);
			else
				flush_delayed_work(r->dwork);
			break;
		}
		if ((i & 63) == 0)
			cond_resched();
	}
	return 0;
}

static void wq_stress_queue_cancel_flush_races(struct kunit *test)
{
	static const int modes[] = { 0, 0, 1, 2, 3, 3, 4 };
	struct workqueue_struct *wq = alloc_workqueue("wq-races", WQ_UNBOUND, 8);
	struct task_struct *tasks[ARRAY_SIZE(modes)];
	struct racer_ctx ctx[ARRAY_SIZE(modes)];
	struct shared_item item;
	struct shared_ditem ditem;
	int t;

	KUNIT_ASSERT_NOT_NULL(test, wq);
	INIT_WORK(&item.work, shared_fn);
	atomic_set(&item.running, 0);
	atomic_set(&item.runs, 0);
	atomic_set(&item.overlaps, 0);
	INIT_DELAYED_WORK(&ditem.dwork, shared_dfn);
	atomic_set(&ditem.running, 0);
	atomic_set(&ditem.runs, 0);
	atomic_set(&ditem.overlaps, 0);
	for (t = 0; t < ARRAY_SIZE(modes); t++) {
		ctx[t].wq = wq;
		ctx[t].item = &item;
		ctx[t].dwork = &ditem.dwork;
		ctx[t].mode = modes[t];
		ctx[t].iterations = 2000;
		tasks[t] = krt_thread_create(racer, &ctx[t], "wq-racer");
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[t]));
	}
	for (t = 0; t < ARRAY_SIZE(modes); t++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[t]), 0);

	cancel_work_sync(&item.work);
	KUNIT_EXPECT_FALSE(test, work_pending(&item.work));
	KUNIT_EXPECT_EQ(test, work_busy(&item.work), 0U);
	cancel_delayed_work_sync(&ditem.dwork);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&ditem.dwork));
	KUNIT_EXPECT_FALSE(test, timer_pending(&ditem.dwork.timer));
	KUNIT_EXPECT_EQ(test, work_busy(&ditem.dwork.work), 0U);
	KUNIT_EXPECT_EQ(test, atomic_read(&item.overlaps), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ditem.overlaps), 0);
	/* Both still work normally after the storm. */
	atomic_set(&item.runs, 0);
	atomic_set(&ditem.runs, 0);
	KUNIT_EXPECT_TRUE(test, queue_work(wq, &item.work));
	KUNIT_EXPECT_TRUE(test, queue_delayed_work(wq, &ditem.dwork, 1));
	flush_work(&item.work);
	flush_delayed_work(&ditem.dwork);
	KUNIT_EXPECT_EQ(test, atomic_read(&item.runs), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&ditem.runs), 1);
	destroy_workqueue(wq);
}

static struct kunit_case workqueue_stress_test_cases[] = {
	KUNIT_CASE(wq_stress_bound),
	KUNIT_CASE(wq_stress_unbound),
	KUNIT_CASE(wq_stress_ordered),
	KUNIT_CASE(wq_stress_queue_cancel_flush_races),
	{}
};

static struct kunit_suite workqueue_stress_test_suite = {
	.name = "workqueue_stress",
	.test_cases = workqueue_stress_test_cases,
};
kunit_test_suite(workqueue_stress_test_suite);
