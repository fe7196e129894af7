// SPDX-License-Identifier: MIT
/*
 * dump_stack() and show_stack(), printing what the kernel prints on x86-64:
 *
 *   CPU: 3 UID: 1000 PID: 4242 Comm: krt-tests Not tainted 6.12.0-krt #1
 *   Hardware name: krt (userspace)
 *   Call Trace:
 *    <TASK>
 *    my_function+0x2c/0x60 drivers/net/my.c:120
 *    ...
 *    </TASK>
 *
 * Each frame is " %pBb": krt's "b" adds the source file and line where the kernel would put a
 * module build ID. The frames of the dump machinery itself are left out, so the first frame is
 * the function that called dump_stack(). Dumps from different threads do not interleave.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>
#include <string.h>

#include "arch/host/host.h"

#define KRT_UTS_RELEASE "6.12.0-krt"
#define KRT_UTS_VERSION "#1"
#define DUMP_STACK_MAX_FRAMES 64

static char dump_stack_arch_desc_str[128] = "krt (userspace)";

/* The thread whose dump is being printed; it may nest (a WARN while dumping). */
static int dump_owner;

static bool dump_lock(void)
{
	int me = host_gettid();
	int owner = 0;
	unsigned int spins = 0;

	if (READ_ONCE(dump_owner) == me)
		return false;
	while (!__atomic_compare_exchange_n(&dump_owner, &owner, me, false, __ATOMIC_ACQUIRE,
					    __ATOMIC_RELAXED)) {
		owner = 0;
		if (++spins % 64)
			cpu_relax();
		else
			host_yield();
	}
	return true;
}

static void dump_unlock(bool locked)
{
	if (locked)
		__atomic_store_n(&dump_owner, 0, __ATOMIC_RELEASE);
}

/**
 * dump_stack_set_arch_desc - set the text of the "Hardware name:" line of task dumps
 * @fmt: printf format
 */
void dump_stack_set_arch_desc(const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	vsnprintf(dump_stack_arch_desc_str, sizeof(dump_stack_arch_desc_str), fmt, args);
	va_end(args);
}

/**
 * dump_stack_print_info - print the lines that introduce a stack dump
 * @log_lvl: log level of the lines
 *
 * The "CPU: ... Comm: ..." line, the verbose taint line when tainted, and "Hardware name:".
 */
void dump_stack_print_info(const char *log_lvl)
{
	struct task_struct *t = current;

	printk("%sCPU: %d UID: %u PID: %d Comm: %.20s %s %s %.*s\n", log_lvl,
	       host_current_cpu(), (unsigned int)host_getuid(), t->pid, t->comm, print_tainted(),
	       KRT_UTS_RELEASE, (int)strcspn(KRT_UTS_VERSION, " "), KRT_UTS_VERSION);
	if (get_taint())
		printk("%s%s\n", log_lvl, print_tainted_verbose());
	if (dump_stack_arch_desc_str[0] != '\0')
		printk("%sHardware name: %s\n", log_lvl, dump_stack_arch_desc_str);
}

/**
 * show_regs_print_info - print the lines that introduce a register dump
 * @log_lvl: log level of the lines
 */
void show_regs_print_info(const char *log_lvl)
{
	dump_stack_print_info(log_lvl);
}

/**
 * krt_show_trace - print return addresses as the kernel's "Call Trace:" block
 * @entries: the return addresses
 * @nr_entries: how many
 * @log_lvl: log level of the lines
 */
void krt_show_trace(const unsigned long *entries, unsigned int nr_entries, const char *log_lvl)
{
	unsigned int i;

	printk("%sCall Trace:\n", log_lvl);
	printk("%s <TASK>\n", log_lvl);
	for (i = 0; i < nr_entries; i++)
		printk("%s %pBb\n", log_lvl, (void *)entries[i]);
	printk("%s </TASK>\n", log_lvl);
}

/*
 * Capture the stack without this function and @skip frames above it, then print. Never
 * inlined and never tail-called, so that the frames to skip are really there.
 */
static noinline void __dump_stack(const char *log_lvl, unsigned int skip, bool info)
{
	unsigned long entries[DUMP_STACK_MAX_FRAMES];
	unsigned int nr = stack_trace_save(entries, ARRAY_SIZE(entries), skip + 1);
	bool locked = dump_lock();

	if (info)
		dump_stack_print_info(log_lvl);
	krt_show_trace(entries, nr, log_lvl);
	dump_unlock(locked);
}

/**
 * dump_stack_lvl - print the current task's information and stack trace
 * @log_lvl: log level of the lines
 */
noinline void dump_stack_lvl(const char *log_lvl)
{
	__dump_stack(log_lvl, 1, true);
	barrier();
}

/**
 * dump_stack - print the current task's information and stack trace at the default level
 */
noinline void dump_stack(void)
{
	__dump_stack(KERN_DEFAULT, 1, true);
	barrier();
}

/**
 * krt_dump_stack_skip - dump_stack_lvl() leaving out frames of the caller's own machinery
 * @log_lvl: log level of the lines
 * @skip: frames to leave out above the caller (0: the trace starts at the caller)
 *
 * For reports such as WARN, whose trace should start where the problem is, not in the
 * reporting code.
 */
noinline void krt_dump_stack_skip(const char *log_lvl, unsigned int skip)
{
	__dump_stack(log_lvl, 1 + skip, true);
	barrier();
}

/**
 * show_stack - print a task's stack trace
 * @task: the task, NULL for the current one
 * @sp: where to start (ignored: krt starts at the caller)
 * @loglvl: log level of the lines
 *
 * krt can walk only the calling thread's stack; for another task nothing is printed, as the
 * kernel does when a task's stack is not available.
 */
noinline void show_stack(void *task, unsigned long *sp, const char *loglvl)
{
	if (task && task != current)
		return;
	__dump_stack(loglvl, 1, false);
	barrier();
}
