// SPDX-License-Identifier: MIT
/*
 * make demo: a guided run of krt's foundation. Each chapter runs real kernel-style code against
 * krt and shows what a kernel developer would see in dmesg.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/kref.h>
#include <linux/refcount.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/kthread.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <krt/boot.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/leak.h>
#include <krt/kunit.h>
#include <kunit/test.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

#include "demo.h"

void chapter(int n, const char *title, const char *what)
{
	fflush(stderr);
	printf("\n\033[1m=== %d. %s\033[0m\n%s\n\n", n, title, what);
	fflush(stdout);
}

void step(const char *flags, const char *fmt, ...)
{
	va_list args;

	printf("\n\033[1m* %s\033[0m", flags);
	va_start(args, fmt);
	vprintf(fmt, args);
	va_end(args);
}

/* --- kref: the document's first pattern, a reference handed to a kthread ------------------ */
struct my_data {
	struct kref refcount;
	int value;
};

static atomic_t releases = ATOMIC_INIT(0);

static void data_release(struct kref *ref)
{
	struct my_data *data = container_of(ref, struct my_data, refcount);

	atomic_inc(&releases);
	kfree(data);
}

static int more_data_handling(void *cb_data)
{
	struct my_data *data = cb_data;

	pr_info("kthread %s: got value %d, refcount %u\n", current->comm, data->value,
		kref_read(&data->refcount));
	kref_put(&data->refcount, data_release);
	return 0;
}

static int my_data_handler(void)
{
	struct my_data *data;
	struct task_struct *task;
	int rv = 0;

	data = kmalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	kref_init(&data->refcount);
	data->value = 42;

	kref_get(&data->refcount);
	task = kthread_run(more_data_handling, data, "more_data_handling");
	if (task == ERR_PTR(-ENOMEM)) {
		rv = -ENOMEM;
		kref_put(&data->refcount, data_release);
		goto out;
	}
	msleep(20);
out:
	kref_put(&data->refcount, data_release);
	return rv;
}

/* --- RCU: readers walk a list while an updater replaces and frees entries ------------------ */
struct entry {
	struct list_head list;
	int id;
	struct rcu_head rcu;
};

static LIST_HEAD(rcu_list);
static DEFINE_SPINLOCK(rcu_list_lock);

static int rcu_reader(void *arg)
{
	unsigned long seen = 0;

	while (!kthread_should_stop()) {
		struct entry *e;

		rcu_read_lock();
		list_for_each_entry_rcu(e, &rcu_list, list)
			seen += e->id;
		rcu_read_unlock();
		cond_resched();
	}
	return seen != 0;
}

/* --- a timer callback runs in softirq context ------------------------------------------------ */
static struct timer_list demo_timer;
static DECLARE_COMPLETION(timer_done);

static void demo_timer_fn(struct timer_list *t)
{
	void *p;

	pr_info("timer callback: in_interrupt()=%d, in_serving_softirq()=%d\n",
		!!in_interrupt(), !!in_serving_softirq());
	p = kmalloc(64, GFP_KERNEL);	/* a bug: GFP_KERNEL may sleep */
	kfree(p);
	complete(&timer_done);
}

/* The value of the leak counter @name (the ones the KUnit runner checks after every case). */
static long leak_counter(const char *name)
{
	const char *names[32];
	long values[32];
	int i, n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return values[i];
	return -1;
}

/* --- KUnit: a suite run in-process; an ASSERT ends only its own case ----------------------- */
static void demo_passing_case(struct kunit *test)
{
	struct kref ref;

	kref_init(&ref);
	kref_get(&ref);
	KUNIT_EXPECT_EQ(test, kref_read(&ref), 2);
}

static void demo_failing_case(struct kunit *test)
{
	void *p = NULL;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_FAIL(test, "never reached: the ASSERT ended the case");
}

static struct kunit_case demo_cases[] = {
	KUNIT_CASE(demo_passing_case),
	KUNIT_CASE(demo_failing_case),
	{}
};

static struct kunit_suite demo_suite = {
	.name = "demo",
	.test_cases = demo_cases,
};

static void work_fn(struct work_struct *work)
{
	pr_info("work item running in %s (PF_WQ_WORKER=%d)\n", current->comm,
		!!(current->flags & PF_WQ_WORKER));
}

static DECLARE_WORK(demo_work, work_fn);

extern char **environ;

/**
 * demo_run_child - run this program again, as a child booted with more boot parameters
 * @arg: the argument that tells the child what to run (DEMO_GFP_ARG ...)
 * @n: the chapter's number, the child's second argument
 * @params: boot parameters added to KRT_CMDLINE for the child
 * @status: where the child's wait status goes
 *
 * Boot parameters are read once, at boot: a chapter that needs its own (a small mem=, a
 * reporting option) runs in a new process, this program again with DEMO_*_ARG. It gets 30
 * seconds. Return: 0 when the child ran and ended (*@status tells how), -1 otherwise (said).
 */
int demo_run_child(const char *arg, int n, const char *params, int *status)
{
	const char *cmdline = getenv("KRT_CMDLINE");
	char nbuf[16], env[512], exe[4096], *argv[] = { "demo", (char *)arg, nbuf, NULL };
	char **envp;
	int i, nenv = 0;
	ssize_t len;
	u64 deadline;
	pid_t pid;

	snprintf(nbuf, sizeof(nbuf), "%d", n);
	snprintf(env, sizeof(env), "KRT_CMDLINE=%s%s%s", cmdline ? cmdline : "",
		 cmdline && *cmdline ? " " : "", params);
	while (environ[nenv])
		nenv++;
	envp = calloc(nenv + 2, sizeof(*envp));
	if (!envp)
		return -1;
	for (i = 0, nenv = 0; environ[i]; i++)
		if (strncmp(environ[i], "KRT_CMDLINE=", 12))
			envp[nenv++] = environ[i];
	envp[nenv] = env;

	/* The real path, so that the child's comm is "demo", not "exe". */
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		len = snprintf(exe, sizeof(exe), "/proc/self/exe");
	exe[len] = '\0';
	fflush(stdout);
	fflush(stderr);
	if (posix_spawn(&pid, exe, NULL, NULL, argv, envp)) {
		printf("-> cannot start the chapter's process\n");
		free(envp);
		return -1;
	}
	free(envp);
	deadline = ktime_get_ns() + 30 * NSEC_PER_SEC;
	while (waitpid(pid, status, WNOHANG) == 0) {
		if (ktime_get_ns() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, status, 0);
			printf("-> the chapter's process did not finish in 30 seconds: stopped\n");
			return -1;
		}
		msleep(10);
	}
	return 0;
}

/*
 * Run chapter @n, the GFP chapter, in a child: physical memory is sized at boot (mem=), and this
 * process booted with the default.
 */
static void run_gfp_chapter(int n)
{
	int status;

	if (demo_run_child(DEMO_GFP_ARG, n, DEMO_GFP_CMDLINE, &status))
		return;
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		printf("-> the chapter's process ended with status %#x\n", status);
}

static void kref_chapter(int n)
{
	chapter(n, "kref, as in Documentation/core-api/kref.rst",
		"my_data_handler() takes a reference for a kthread before handing it the pointer\n"
		"(rule 1); both sides put when done (rule 2); the last put frees.");
	my_data_handler();
	msleep(20);
	printf("-> objects released: %d (exactly once)\n", atomic_read(&releases));
}

static void refcount_chapter(int n)
{
	refcount_t r;

	chapter(n, "refcount_t saturates instead of wrapping",
		"Incrementing from zero is a use-after-free: the kernel warns once and saturates\n"
		"the counter, so the object leaks instead of being freed twice.");
	refcount_set(&r, 0);
	refcount_inc(&r);
	printf("-> refcount_read() after the bad increment: %u (REFCOUNT_SATURATED)\n",
	       refcount_read(&r));
}

static void atomic_sleep_chapter(int n)
{
	chapter(n, "Sleeping in atomic context",
		"kmalloc(GFP_KERNEL) may sleep; under spin_lock() krt prints what a\n"
		"CONFIG_DEBUG_ATOMIC_SLEEP kernel prints, with the lock listed and a backtrace.");
	spin_lock(&rcu_list_lock);
	kfree(kmalloc(32, GFP_KERNEL));
	spin_unlock(&rcu_list_lock);
}

static void rcu_chapter(int n)
{
	struct task_struct *readers[2];
	struct entry *e, *tmp;
	long before;
	int i;

	chapter(n, "RCU: readers, list_del_rcu() and kfree_rcu()",
		"Two kthreads read the list under rcu_read_lock() while this thread replaces\n"
		"entries; freed entries wait for a grace period, batched by kfree_rcu().");
	before = leak_counter("slab objects");
	for (i = 0; i < 8; i++) {
		e = kzalloc(sizeof(*e), GFP_KERNEL);
		e->id = i + 1;
		list_add_rcu(&e->list, &rcu_list);
	}
	readers[0] = kthread_run(rcu_reader, NULL, "rcu-reader/%d", 0);
	readers[1] = kthread_run(rcu_reader, NULL, "rcu-reader/%d", 1);
	for (i = 0; i < 20000; i++) {
		struct entry *new = kzalloc(sizeof(*new), GFP_KERNEL);

		spin_lock(&rcu_list_lock);
		e = list_first_entry(&rcu_list, struct entry, list);
		new->id = e->id;
		list_replace_rcu(&e->list, &new->list);
		spin_unlock(&rcu_list_lock);
		kfree_rcu(e, rcu);
	}
	kthread_stop(readers[0]);
	kthread_stop(readers[1]);
	list_for_each_entry_safe(e, tmp, &rcu_list, list) {
		list_del_rcu(&e->list);
		kfree_rcu(e, rcu);
	}
	rcu_barrier();
	printf("-> 20000 entries replaced under two concurrent readers; live kmalloc objects "
	       "before: %ld, after rcu_barrier(): %ld\n", before, leak_counter("slab objects"));
}

static void workqueue_chapter(int n)
{
	chapter(n, "Workqueues and timers",
		"A work item runs on a worker kthread; a timer callback runs in (emulated) softirq\n"
		"context, so the GFP_KERNEL allocation inside it is reported.");
	schedule_work(&demo_work);
	flush_work(&demo_work);
	krt_might_sleep_ratelimit_reset();
	timer_setup(&demo_timer, demo_timer_fn, 0);
	mod_timer(&demo_timer, jiffies + msecs_to_jiffies(10));
	wait_for_completion(&timer_done);
	del_timer_sync(&demo_timer);
}

static void warn_chapter(int n)
{
	char buf[512];

	chapter(n, "A WARN, as the kernel prints it",
		"WARN() prints the cut-here block with a symbolised backtrace and taints.");
	WARN(1, "demo: something unexpected happened (value %d)\n", 7);
	krt_proc_read("/proc/sys/kernel/tainted", buf, sizeof(buf));
	printf("-> /proc/sys/kernel/tainted: %s", buf);
}

static void proc_chapter(int n)
{
	char buf[512];

	chapter(n, "Virtual files",
		"Subsystems publish /proc files; krt_proc_read() renders them (tools/krt-stat too).");
	krt_proc_read("/proc/cmdline", buf, sizeof(buf));
	printf("-> /proc/cmdline: %s", buf);
	krt_proc_read("/proc/version", buf, sizeof(buf));
	printf("-> /proc/version: %s", buf);
}

static void kunit_chapter(int n)
{
	struct kunit_krt_result result = {};

	chapter(n, "KUnit, in-process",
		"A kernel-style KUnit suite runs in this process with the kernel's KTAP output; the\n"
		"ASSERT failure ends only its own case (the runner checks for leaks after each).");
	kunit_run_suite_krt(&demo_suite, &result);
	printf("-> %lu passed, %lu failed (the failure is on purpose)\n", result.passed,
	       result.failed);
}
/* The chapters, in order: chapter N is chapters[N - 1]. */
static void (*const chapters[])(int n) = {
	kref_chapter,
	refcount_chapter,
	atomic_sleep_chapter,
	rcu_chapter,
	workqueue_chapter,
	warn_chapter,
	proc_chapter,
	kunit_chapter,
	run_gfp_chapter,
	demo_slab_chapter,
	demo_vmalloc_chapter,
	demo_netdev_chapter,
};

int main(int argc, char **argv)
{
	int i, only = 0;

	/* The GFP chapter's own process (see run_gfp_chapter()). */
	if (argc == 3 && !strcmp(argv[1], DEMO_GFP_ARG))
		return demo_gfp_chapter(atoi(argv[2]));
	/* The vmalloc chapter's guard-page child (see vmalloc.c). */
	if (argc == 3 && !strcmp(argv[1], DEMO_VMALLOC_GUARD_ARG))
		return demo_vmalloc_guard_child(atoi(argv[2]));
	/* "demo N" runs chapter N alone. */
	if (argc == 2)
		only = atoi(argv[1]);
	if (argc > 2 || only < 0 || only > (int)ARRAY_SIZE(chapters) || (argc == 2 && !only)) {
		fprintf(stderr, "usage: %s [CHAPTER]   (a chapter from 1 to %zu; all by default)\n",
			argv[0], ARRAY_SIZE(chapters));
		return 2;
	}

	/* The narration (stdout) and the kernel's messages (stderr) interleave in order. */
	setvbuf(stdout, NULL, _IONBF, 0);
	krt_boot(NULL);
	printf("krt demo: the kernel's object-lifetime core, running as an ordinary process.\n"
	       "Kernel messages appear on stderr in dmesg form; the narration is on stdout.\n");

	for (i = 0; i < (int)ARRAY_SIZE(chapters); i++)
		if (!only || only == i + 1)
			chapters[i](i + 1);

	printf("\nDone. Run `make check` for the test suites, `make bench` for the benchmarks.\n");
	return 0;
}
