// SPDX-License-Identifier: MIT
/* A forked child (KUnit --isolate, host_run_in_child) finds krt's bookkeeping locks free. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <krt/printk.h>

#include "arch/host/host.h"

DEFINE_HOST_MUTEX_FORK_SAFE(fork_test_lock);

/* In the child: exit 0 if the lock is free (so a lock would not hang), 1 if it is held. */
static void child_checks_lock(void *arg)
{
	host_exit_now(__atomic_load_n(&fork_test_lock.word, __ATOMIC_RELAXED) ? 1 : 0);
}

static void fork_resets_held_bookkeeping_lock(struct kunit *test)
{
	int signo = 0;

	/* Held here as if by another thread at the moment of fork(). */
	host_mutex_lock(&fork_test_lock);
	KUNIT_EXPECT_EQ(test, host_run_in_child(child_checks_lock, NULL, &signo), 0);
	host_mutex_unlock(&fork_test_lock);
}

static void child_prints(void *arg)
{
	pr_info("printk works in the child\n");
	host_exit_now(0);
}

static void fork_child_can_printk(struct kunit *test)
{
	int signo = 0;

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, host_run_in_child(child_prints, NULL, &signo), 0);
	krt_printk_capture_end();
}

static struct kunit_case fork_test_cases[] = {
	KUNIT_CASE(fork_resets_held_bookkeeping_lock),
	KUNIT_CASE(fork_child_can_printk),
	{}
};

static struct kunit_suite fork_test_suite = {
	.name = "fork",
	.test_cases = fork_test_cases,
};
kunit_test_suite(fork_test_suite);
