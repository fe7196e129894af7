// SPDX-License-Identifier: MIT
/*
 * The OOM path called directly: the no-kill rule for !__GFP_FS, OOM notifiers giving memory
 * back, the report and its ratelimit, memcg OOMs, and panic_on_oom (boot parameter and sysctl
 * file; the panics happen in forked children).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/oom.h>
#include <linux/notifier.h>
#include <linux/gfp.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <krt/boot.h>
#include <krt/memcg.h>
#include <krt/printk.h>
#include <krt/proc.h>

#include "arch/host/host.h"
#include "mm/internal.h"

static int notifier_calls;
static unsigned long notifier_gives;

static int give_back(struct notifier_block *nb, unsigned long val, void *data)
{
	unsigned long *freed = data;

	notifier_calls++;
	*freed += notifier_gives;
	return NOTIFY_OK;
}

static struct notifier_block give_back_nb = { .notifier_call = give_back };

/* out_of_memory() as the allocator calls it: under oom_lock. */
static bool call_oom(gfp_t gfp, int order, struct mem_cgroup *memcg)
{
	struct oom_control oc = {
		.gfp_mask = gfp,
		.order = order,
		.memcg = memcg,
	};
	bool ret;

	mutex_lock(&oom_lock);
	ret = out_of_memory(&oc);
	mutex_unlock(&oom_lock);
	return ret;
}

static int oom_test_init(struct kunit *test)
{
	notifier_calls = 0;
	notifier_gives = 0;
	krt_oom_ratelimit_reset();
	return 0;
}

/* A global OOM of a caller without __GFP_FS kills nothing: "retry", silently. */
static void oom_nofs_retries_silently(struct kunit *test)
{
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, call_oom(GFP_NOFS, 0, NULL));
	KUNIT_EXPECT_TRUE(test, call_oom(GFP_NOIO, 0, NULL));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

/* Notifiers run first (also for NOFS, as in the kernel); memory given back means retry. */
static void oom_notifier_freeing_retries(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, register_oom_notifier(&give_back_nb), 0);
	notifier_gives = 3;
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_TRUE(test, call_oom(GFP_KERNEL, 0, NULL));
	KUNIT_EXPECT_EQ(test, notifier_calls, 1);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invoked oom-killer"));

	notifier_gives = 0;
	KUNIT_EXPECT_TRUE(test, call_oom(GFP_NOFS, 0, NULL));
	KUNIT_EXPECT_EQ(test, notifier_calls, 2);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, unregister_oom_notifier(&give_back_nb), 0);
	KUNIT_EXPECT_EQ(test, unregister_oom_notifier(&give_back_nb), -ENOENT);
}

/* Nothing given back: the report, and the allocation fails. */
static void oom_report(struct kunit *test)
{
	const char *text;
	char head[128];

	KUNIT_ASSERT_EQ(test, register_oom_notifier(&give_back_nb), 0);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, call_oom(GFP_KERNEL, 0, NULL));
	KUNIT_EXPECT_EQ(test, notifier_calls, 1);
	snprintf(head, sizeof(head),
		 "%s invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=0\n",
		 current->comm);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(head));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Comm: "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Call Trace:\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,"
		"global_oom\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"Out of memory and no killable processes...\n"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Memory cgroup out of memory"));
	/* The order: header, trace, constraint line, verdict. */
	text = krt_printk_capture_text();
	KUNIT_EXPECT_TRUE(test, strstr(text, head) < strstr(text, "Call Trace:"));
	KUNIT_EXPECT_TRUE(test, strstr(text, "Call Trace:") < strstr(text, "oom-kill:constraint="));
	KUNIT_EXPECT_TRUE(test, strstr(text, "oom-kill:constraint=") <
				strstr(text, "Out of memory and no killable"));

	/* A GFP_USER order-2 request: its mask and order in the header. */
	krt_printk_capture_reset();
	KUNIT_EXPECT_FALSE(test, call_oom(GFP_USER | __GFP_NOWARN, 2, NULL));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"invoked oom-killer: gfp_mask=0x102cc0(GFP_USER|__GFP_NOWARN), order=2, "
		"oom_score_adj=0\n"));
	krt_printk_capture_end();
	unregister_oom_notifier(&give_back_nb);
}

/* An OOM forced by hand (order -1) reports even if a notifier gave memory back. */
static void oom_sysrq_always_reports(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, register_oom_notifier(&give_back_nb), 0);
	notifier_gives = 10;
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, call_oom(GFP_KERNEL, -1, NULL));
	KUNIT_EXPECT_EQ(test, notifier_calls, 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("order=-1, oom_score_adj=0\n"));
	krt_printk_capture_end();
	unregister_oom_notifier(&give_back_nb);
}

/* Like the kernel's: 10 reports per 5 seconds. */
static void oom_report_ratelimited(struct kunit *test)
{
	int i;

	krt_printk_capture_begin(false);
	for (i = 0; i < 15; i++)
		KUNIT_EXPECT_FALSE(test, call_oom(GFP_KERNEL, 0, NULL));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("invoked oom-killer"), 10);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("no killable processes"), 10);
	krt_printk_capture_end();
	krt_oom_ratelimit_reset();
}

/* A memcg OOM: no notifiers, the memcg's context and meminfo, failure even for NOFS. */
static void oom_memcg(struct kunit *test)
{
	struct mem_cgroup *memcg = krt_memcg_create(NULL, "krt-oom-test");

	KUNIT_ASSERT_FALSE(test, IS_ERR(memcg));
	KUNIT_ASSERT_EQ(test, register_oom_notifier(&give_back_nb), 0);
	notifier_gives = 5;
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_FALSE(test, call_oom(GFP_NOFS, 0, memcg));
	KUNIT_EXPECT_EQ(test, notifier_calls, 0);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"invoked oom-killer: gfp_mask=0xc40(GFP_NOFS), order=0, oom_score_adj=0\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=/,mems_allowed=0,"
		"oom_memcg=/krt-oom-test\n"));
	KUNIT_EXPECT_TRUE(test,
			  krt_printk_capture_contains("Memory cgroup stats for /krt-oom-test"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("\nMemory cgroup out of memory"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("global_oom"));
	krt_printk_capture_end();
	unregister_oom_notifier(&give_back_nb);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(memcg), 0);
}

static void oom_panic_on_oom_file(struct kunit *test)
{
	char buf[16];

	KUNIT_EXPECT_EQ(test, krt_proc_read("/proc/sys/vm/panic_on_oom", buf, sizeof(buf)), 2);
	KUNIT_EXPECT_STREQ(test, buf, "0\n");
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/sys/vm/panic_on_oom", "2\n", 2), 2);
	KUNIT_EXPECT_EQ(test, sysctl_panic_on_oom, 2);
	krt_proc_read("/proc/sys/vm/panic_on_oom", buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "2\n");
	/* Only 0, 1 and 2. */
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/sys/vm/panic_on_oom", "3", 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/sys/vm/panic_on_oom", "-1", 2), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/sys/vm/panic_on_oom", "x", 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, sysctl_panic_on_oom, 2);
	KUNIT_EXPECT_EQ(test, krt_proc_write("/proc/sys/vm/panic_on_oom", "0", 1), 1);
	KUNIT_EXPECT_EQ(test, sysctl_panic_on_oom, 0);

	/* The boot parameter. */
	krt_printk_capture_begin(false);
	krt_cmdline_apply("panic_on_oom=1");
	KUNIT_EXPECT_EQ(test, sysctl_panic_on_oom, 1);
	krt_cmdline_apply("panic_on_oom=7");
	KUNIT_EXPECT_EQ(test, sysctl_panic_on_oom, 1);
	krt_printk_capture_end();
	WRITE_ONCE(sysctl_panic_on_oom, 0);
}

/* In a child: the boot parameter, then an OOM of the given kind. Exit 0 means no panic. */
struct panic_child_arg {
	const char *cmdline;
	gfp_t gfp;
	bool memcg;
};

static void panic_child(void *data)
{
	struct panic_child_arg *a = data;
	struct mem_cgroup *memcg = NULL;

	krt_cmdline_apply(a->cmdline);
	krt_printk_capture_begin(false);	/* keep the child's report out of the log */
	if (a->memcg)
		memcg = krt_memcg_create(NULL, "krt-oom-panic");
	call_oom(a->gfp, 0, IS_ERR(memcg) ? NULL : memcg);
	host_exit_now(0);
}

static int run_panic_child(const char *cmdline, gfp_t gfp, bool memcg)
{
	struct panic_child_arg a = { .cmdline = cmdline, .gfp = gfp, .memcg = memcg };
	int signo = 0, ret;

	ret = host_run_in_child(panic_child, &a, &signo);
	return signo ? signo : ret;
}

static void oom_panic_on_oom(struct kunit *test)
{
	/* 1: global OOMs panic (SIGABRT from panic()), memcg ones do not. */
	KUNIT_EXPECT_EQ(test, run_panic_child("panic_on_oom=1", GFP_KERNEL, false), 6);
	KUNIT_EXPECT_EQ(test, run_panic_child("panic_on_oom=1", GFP_KERNEL, true), 0);
	/* A NOFS global OOM is not an OOM kill at all. */
	KUNIT_EXPECT_EQ(test, run_panic_child("panic_on_oom=1", GFP_NOFS, false), 0);
	/* 2: every OOM panics. */
	KUNIT_EXPECT_EQ(test, run_panic_child("panic_on_oom=2", GFP_KERNEL, true), 6);
	KUNIT_EXPECT_EQ(test, run_panic_child("panic_on_oom=2", GFP_KERNEL, false), 6);
	KUNIT_EXPECT_EQ(test, run_panic_child("panic_on_oom=0", GFP_KERNEL, false), 0);
}

static struct kunit_case oom_test_cases[] = {
	KUNIT_CASE(oom_nofs_retries_silently),
	KUNIT_CASE(oom_notifier_freeing_retries),
	KUNIT_CASE(oom_report),
	KUNIT_CASE(oom_sysrq_always_reports),
	KUNIT_CASE(oom_report_ratelimited),
	KUNIT_CASE(oom_memcg),
	KUNIT_CASE(oom_panic_on_oom_file),
	KUNIT_CASE(oom_panic_on_oom),
	{}
};

static struct kunit_suite oom_test_suite = {
	.name = "oom",
	.init = oom_test_init,
	.test_cases = oom_test_cases,
};
kunit_test_suite(oom_test_suite);
