// SPDX-License-Identifier: MIT
/*
 * Mutexes under contention: the counter they protect stays exact with plain lock/unlock, with
 * trylock, and with interruptible waiters that are sent signals (which must neither lose the
 * mutex nor a wake-up). Also run under ThreadSanitizer.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/mutex.h>

#include "locking_helpers.h"

#define THREADS 4
#define ITERATIONS 5000

struct mutex_stress {
	struct mutex lock;
	unsigned long counter;	/* plain: protected by the mutex */
	atomic_t interrupted;
	int stop_signals;
	bool trylock;
	bool sleepy;
	bool interruptible;
};

static int mutex_worker(void *data)
{
	struct mutex_stress *s = data;
	int i;

	for (i = 0; i < ITERATIONS; i++) {
		if (s->interruptible) {
			if (mutex_lock_interruptible(&s->lock)) {
				atomic_inc(&s->interrupted);
				flush_signals(current);
				i--;	/* retry this iteration */
				continue;
			}
		} else if (s->trylock) {
			while (!mutex_trylock(&s->lock))
				cpu_relax();
		} else {
			mutex_lock(&s->lock);
		}
		s->counter++;
		/* Now and then hold the mutex long enough that waiters go to sleep. */
		if (s->sleepy && !(i % 64))
			udelay(200);
		mutex_unlock(&s->lock);
	}
	return 0;
}

struct signaller {
	struct task_struct **targets;
	int *stop;
};

static int signal_worker(void *data)
{
	struct signaller *sg = data;
	unsigned int n = 0;

	while (!smp_load_acquire(sg->stop)) {
		send_sig(SIGINT, sg->targets[n++ % THREADS], 0);
		udelay(100);
	}
	return 0;
}

static void run_mutex_stress(struct kunit *test, bool trylock, bool sleepy, bool interruptible)
{
	struct mutex_stress *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	struct task_struct *t[THREADS], *sig = NULL;
	struct signaller sg = { .targets = t };
	int i;

	KUNIT_ASSERT_NOT_NULL(test, s);
	mutex_init(&s->lock);
	s->trylock = trylock;
	s->sleepy = sleepy;
	s->interruptible = interruptible;
	sg.stop = &s->stop_signals;
	for (i = 0; i < THREADS; i++) {
		t[i] = krt_thread_create(mutex_worker, s, "mutex-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
		/* Keep the tasks alive for the signaller until it has stopped. */
		get_task_struct(t[i]);
	}
	if (interruptible) {
		sig = krt_thread_create(signal_worker, &sg, "signaller");
		KUNIT_ASSERT_FALSE(test, IS_ERR(sig));
	}
	for (i = 0; i < THREADS; i++)
		krt_thread_join(t[i]);
	if (sig) {
		smp_store_release(&s->stop_signals, 1);
		krt_thread_join(sig);
	}
	for (i = 0; i < THREADS; i++)
		put_task_struct(t[i]);
	KUNIT_EXPECT_EQ(test, s->counter, (unsigned long)THREADS * ITERATIONS);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&s->lock));
	KUNIT_EXPECT_TRUE(test, list_empty(&s->lock.wait_list));
	if (interruptible)
		kunit_info(test, "%d waits interrupted", atomic_read(&s->interrupted));
}

static void mutex_lock_counter(struct kunit *test)
{
	run_mutex_stress(test, false, false, false);
}

static void mutex_lock_counter_sleeping_waiters(struct kunit *test)
{
	run_mutex_stress(test, false, true, false);
}

static void mutex_trylock_counter(struct kunit *test)
{
	run_mutex_stress(test, true, false, false);
}

static void mutex_lock_interruptible_with_signals(struct kunit *test)
{
	run_mutex_stress(test, false, true, true);
}

static struct kunit_case mutex_stress_cases[] = {
	KUNIT_CASE(mutex_lock_counter),
	KUNIT_CASE(mutex_lock_counter_sleeping_waiters),
	KUNIT_CASE(mutex_trylock_counter),
	KUNIT_CASE(mutex_lock_interruptible_with_signals),
	{}
};

static struct kunit_suite mutex_stress_suite = {
	.name = "mutex_stress",
	.test_cases = mutex_stress_cases,
};
kunit_test_suite(mutex_stress_suite);
