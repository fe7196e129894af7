// SPDX-License-Identifier: MIT
/* kthreads under concurrency: start/stop loops from several threads, park/unpark cycles. */
#include <kunit/test.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <krt/thread.h>

#define THREADS		4
#define LOOPS		40

static int ks_fn(void *data)
{
	atomic_t *runs = data;

	atomic_inc(runs);
	while (!kthread_should_stop()) {
		if (kthread_should_park())
			kthread_parkme();
		else
			schedule_timeout_interruptible(1);
	}
	return 5;
}

struct ks_ctx {
	atomic_t runs;		/* thread functions that started */
	atomic_t finished;	/* kthread_stop() results of 5 */
	atomic_t bad;
};

static int ks_starter(void *data)
{
	struct ks_ctx *c = data;
	atomic_t *runs = &c->runs;
	int i, ret, bad = 0;

	for (i = 0; i < LOOPS; i++) {
		struct task_struct *t;

		/* Every other thread is stopped before it ever ran. */
		if (i & 1) {
			t = kthread_create(ks_fn, runs, "ks-%d", i);
			if (IS_ERR(t) || kthread_stop(t) != -EINTR)
				bad++;
			continue;
		}
		t = kthread_run(ks_fn, runs, "ks-%d", i);
		if (IS_ERR(t)) {
			bad++;
			continue;
		}
		if (i % 4 == 0) {
			if (kthread_park(t))
				bad++;
			kthread_unpark(t);
		}
		/*
		 * Stopped right after the wake-up, a thread may not have reached its function:
		 * like the kernel, it then ends with -EINTR without running it.
		 */
		ret = kthread_stop(t);
		if (ret == 5)
			atomic_inc(&c->finished);
		else if (ret != -EINTR)
			bad++;
	}
	return bad;
}

static void kthread_stress_start_stop(struct kunit *test)
{
	struct task_struct *tasks[THREADS];
	struct ks_ctx c;
	int i;

	atomic_set(&c.runs, 0);
	atomic_set(&c.finished, 0);
	for (i = 0; i < THREADS; i++) {
		tasks[i] = krt_thread_create(ks_starter, &c, "ks-starter");
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[i]));
	}
	for (i = 0; i < THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[i]), 0);
	/* Exactly the threads whose function ran returned its value. */
	KUNIT_EXPECT_EQ(test, atomic_read(&c.runs), atomic_read(&c.finished));
	KUNIT_EXPECT_LE(test, atomic_read(&c.runs), THREADS * LOOPS / 2);
}

struct pk {
	struct task_struct *t;
	atomic_t loops;
};

static int pk_fn(void *data)
{
	struct pk *p = data;

	while (!kthread_should_stop()) {
		if (kthread_should_park()) {
			kthread_parkme();
			continue;
		}
		atomic_inc(&p->loops);
		cond_resched();
		if (atomic_read(&p->loops) & 15)
			continue;
		schedule_timeout_interruptible(1);
	}
	return 0;
}

static void kthread_stress_park_unpark(struct kunit *test)
{
	struct pk p;
	int i;

	atomic_set(&p.loops, 0);
	p.t = kthread_run(pk_fn, &p, "ks-parker");
	KUNIT_ASSERT_FALSE(test, IS_ERR(p.t));
	while (!atomic_read(&p.loops))
		msleep(1);
	for (i = 0; i < 200; i++) {
		KUNIT_EXPECT_EQ(test, kthread_park(p.t), 0);
		KUNIT_EXPECT_EQ(test, READ_ONCE(p.t->__state), TASK_PARKED);
		kthread_unpark(p.t);
	}
	KUNIT_EXPECT_EQ(test, kthread_stop(p.t), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&p.loops), 0);
}

static struct kunit_case kthread_stress_test_cases[] = {
	KUNIT_CASE(kthread_stress_start_stop),
	KUNIT_CASE(kthread_stress_park_unpark),
	{}
};

static struct kunit_suite kthread_stress_test_suite = {
	.name = "kthread_stress",
	.test_cases = kthread_stress_test_cases,
};
kunit_test_suite(kthread_stress_test_suite);
