// SPDX-License-Identifier: MIT
/*
 * Timers under concurrency: several threads re-arm and delete the same timers while their
 * callbacks re-arm them too; after timer_shutdown_sync() no callback may run any more.
 */
#include <kunit/test.h>
#include <linux/timer.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <krt/thread.h>

#define NR_TIMERS	16
#define THREADS		4
#define ROUNDS		3000

struct st {
	struct timer_list timer;
	atomic_t runs;
	atomic_t running;
	atomic_t overlaps;
	atomic_t after_shutdown;
	bool shut;
};

static struct st timers[NR_TIMERS];

static void st_fn(struct timer_list *t)
{
	struct st *s = from_timer(s, t, timer);

	if (atomic_inc_return(&s->running) != 1)
		atomic_inc(&s->overlaps);
	if (READ_ONCE(s->shut))
		atomic_inc(&s->after_shutdown);
	/* Some callbacks re-arm their own timer. */
	if ((atomic_inc_return(&s->runs) & 3) == 0)
		mod_timer(t, jiffies + 1);
	atomic_dec(&s->running);
}

static int st_thread(void *data)
{
	int i;

	for (i = 0; i < ROUNDS; i++) {
		struct st *s = &timers[get_random_u32_below(NR_TIMERS)];

		switch (get_random_u32_below(5)) {
		case 0:
		case 1:
			mod_timer(&s->timer, jiffies + get_random_u32_below(3));
			break;
		case 2:
			timer_reduce(&s->timer, jiffies + get_random_u32_below(3));
			break;
		case 3:
			timer_delete(&s->timer);
			break;
		case 4:
			timer_delete_sync(&s->timer);
			break;
		}
		if ((i & 127) == 0)
			msleep(1);
	}
	return 0;
}

static void timer_stress_rearm_delete(struct kunit *test)
{
	struct task_struct *tasks[THREADS];
	long total = 0;
	int i;

	for (i = 0; i < NR_TIMERS; i++) {
		timer_setup(&timers[i].timer, st_fn, i & 1 ? TIMER_IRQSAFE : 0);
		atomic_set(&timers[i].runs, 0);
		atomic_set(&timers[i].running, 0);
		atomic_set(&timers[i].overlaps, 0);
		atomic_set(&timers[i].after_shutdown, 0);
		timers[i].shut = false;
	}
	for (i = 0; i < THREADS; i++) {
		tasks[i] = krt_thread_create(st_thread, NULL, "timer-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(tasks[i]));
	}
	for (i = 0; i < THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(tasks[i]), 0);

	for (i = 0; i < NR_TIMERS; i++) {
		timer_shutdown_sync(&timers[i].timer);
		WRITE_ONCE(timers[i].shut, true);
	}
	msleep(30);
	for (i = 0; i < NR_TIMERS; i++) {
		KUNIT_EXPECT_FALSE(test, timer_pending(&timers[i].timer));
		KUNIT_EXPECT_EQ(test, atomic_read(&timers[i].overlaps), 0);
		KUNIT_EXPECT_EQ(test, atomic_read(&timers[i].after_shutdown), 0);
		total += atomic_read(&timers[i].runs);
	}
	KUNIT_EXPECT_GT(test, total, 0L);
}

static struct kunit_case timer_stress_test_cases[] = {
	KUNIT_CASE(timer_stress_rearm_delete),
	{}
};

static struct kunit_suite timer_stress_test_suite = {
	.name = "timer_stress",
	.test_cases = timer_stress_test_cases,
};
kunit_test_suite(timer_stress_test_suite);
