// SPDX-License-Identifier: MIT
/* module_init() runs when krt boots (after the parameters), module_exit() at process exit. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/init.h>
#include <linux/string.h>

#include "arch/host/host.h"

static int krt_test_modparam = 1;
module_param_named(initval, krt_test_modparam, int, 0444);

static bool init_ran;
static enum system_states state_at_init;
static int modparam_at_init;

static int __init module_test_init(void)
{
	init_ran = true;
	state_at_init = system_state;
	modparam_at_init = krt_test_modparam;
	return 0;
}
module_init(module_test_init);

static bool in_exit_child;

static void __exit module_test_exit(void)
{
	/* Seen only in the child below: prove we ran by the exit status. */
	if (in_exit_child)
		host_exit_now(42);
}
module_exit(module_test_exit);

static void module_init_ran_at_boot(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, init_ran);
	/* Initcalls run after the command line is parsed, before the system is RUNNING. */
	KUNIT_EXPECT_EQ(test, state_at_init, SYSTEM_SCHEDULING);
	KUNIT_EXPECT_EQ(test, system_state, SYSTEM_RUNNING);
	KUNIT_EXPECT_EQ(test, modparam_at_init, krt_test_modparam);
}

static void exit_child(void *arg)
{
	in_exit_child = true;
	host_exit(0);	/* a normal exit runs the module_exit() functions */
}

static void module_exit_runs_at_exit(struct kunit *test)
{
	int signo = 0;

	KUNIT_EXPECT_EQ(test, host_run_in_child(exit_child, NULL, &signo), 42);
	KUNIT_EXPECT_EQ(test, signo, 0);
}

static struct kunit_case module_test_cases[] = {
	KUNIT_CASE(module_init_ran_at_boot),
	KUNIT_CASE(module_exit_runs_at_exit),
	{}
};

static struct kunit_suite module_test_suite = {
	.name = "module_init_exit",
	.test_cases = module_test_cases,
};
kunit_test_suite(module_test_suite);
