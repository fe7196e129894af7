// SPDX-License-Identifier: MIT
/*
 * WARN, BUG, oops and panic, with the kernel's report formats and taint flags. A WARN continues
 * (unless panic_on_warn=1); a BUG ends the current KUnit case through krt_die_hook, or aborts
 * the process.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <krt/panic.h>
#include <krt/proc.h>

#include "arch/host/host.h"

int panic_on_warn;
int panic_on_oops;
unsigned long panic_on_taint;
int krt_oops_in_progress;
void (*krt_die_hook)(const char *reason);

core_param(panic_on_warn, panic_on_warn, int, 0644);
core_param(panic_on_oops, panic_on_oops, int, 0644);

static unsigned long tainted_mask;
static unsigned long warn_count;
static int die_counter;

#define CUT_HERE "------------[ cut here ]------------\n"

struct taint_flag {
	char c_true;
	char c_false;
	const char *desc;
};

static const struct taint_flag taint_flags[TAINT_FLAGS_COUNT] = {
	[TAINT_PROPRIETARY_MODULE] = { 'P', 'G', "PROPRIETARY_MODULE" },
	[TAINT_FORCED_MODULE] = { 'F', ' ', "FORCED_MODULE" },
	[TAINT_CPU_OUT_OF_SPEC] = { 'S', ' ', "CPU_OUT_OF_SPEC" },
	[TAINT_FORCED_RMMOD] = { 'R', ' ', "FORCED_RMMOD" },
	[TAINT_MACHINE_CHECK] = { 'M', ' ', "MACHINE_CHECK" },
	[TAINT_BAD_PAGE] = { 'B', ' ', "BAD_PAGE" },
	[TAINT_USER] = { 'U', ' ', "USER" },
	[TAINT_DIE] = { 'D', ' ', "DIE" },
	[TAINT_OVERRIDDEN_ACPI_TABLE] = { 'A', ' ', "OVERRIDDEN_ACPI_TABLE" },
	[TAINT_WARN] = { 'W', ' ', "WARN" },
	[TAINT_CRAP] = { 'C', ' ', "CRAP" },
	[TAINT_FIRMWARE_WORKAROUND] = { 'I', ' ', "FIRMWARE_WORKAROUND" },
	[TAINT_OOT_MODULE] = { 'O', ' ', "OOT_MODULE" },
	[TAINT_UNSIGNED_MODULE] = { 'E', ' ', "UNSIGNED_MODULE" },
	[TAINT_SOFTLOCKUP] = { 'L', ' ', "SOFTLOCKUP" },
	[TAINT_LIVEPATCH] = { 'K', ' ', "LIVEPATCH" },
	[TAINT_AUX] = { 'X', ' ', "AUX" },
	[TAINT_RANDSTRUCT] = { 'T', ' ', "RANDSTRUCT" },
	[TAINT_TEST] = { 'N', ' ', "TEST" },
};

/* Render the taint state: "Not tainted", "Tainted: G        W  ..." or the verbose list. */
static const char *render_tainted(char *buf, size_t size, bool verbose)
{
	unsigned long mask = READ_ONCE(tainted_mask);
	const char *sep = "";
	size_t len;
	int i;

	if (!mask) {
		strscpy(buf, "Not tainted", size);
		return buf;
	}
	len = scnprintf(buf, size, "Tainted: ");
	for (i = 0; i < TAINT_FLAGS_COUNT; i++) {
		const struct taint_flag *t = &taint_flags[i];
		bool set = mask & (1UL << i);
		char c = set ? t->c_true : t->c_false;

		if (verbose) {
			if (set) {
				len += scnprintf(buf + len, size - len, "%s[%c]=%s", sep, c, t->desc);
				sep = ", ";
			}
		} else {
			len += scnprintf(buf + len, size - len, "%c", c);
		}
	}
	return buf;
}

/**
 * print_tainted - the kernel's taint string ("Not tainted" or "Tainted: G        W ...")
 *
 * The string is in a static buffer that the next call overwrites.
 */
const char *print_tainted(void)
{
	static char buf[64];

	return render_tainted(buf, sizeof(buf), false);
}

/**
 * print_tainted_verbose - the taint flags spelled out ("Tainted: [W]=WARN")
 */
const char *print_tainted_verbose(void)
{
	static char buf[512];

	return render_tainted(buf, sizeof(buf), true);
}

/**
 * add_taint - mark the process tainted by @flag
 * @flag: TAINT_* number
 * @lockdep_ok: whether lock debugging stays reliable
 */
void add_taint(unsigned int flag, enum lockdep_ok lockdep_ok)
{
	if (flag >= TAINT_FLAGS_COUNT)
		return;
	__atomic_fetch_or(&tainted_mask, 1UL << flag, __ATOMIC_RELAXED);
	if (panic_on_taint & (1UL << flag))
		panic("panic_on_taint set ...");
}

/**
 * test_taint - is the process tainted by @flag?
 * @flag: TAINT_* number
 *
 * Return: 1 if @flag is set, 0 otherwise.
 */
int test_taint(unsigned int flag)
{
	return !!(READ_ONCE(tainted_mask) & (1UL << flag));
}

/**
 * get_taint - the taint flags set so far
 *
 * Return: the mask of TAINT_* flags (bit N for flag N).
 */
unsigned long get_taint(void)
{
	return READ_ONCE(tainted_mask);
}

/**
 * krt_warn_count - the number of WARN reports so far, in all threads
 *
 * Lets a test check that the code it ran warned, or did not, without parsing the log.
 *
 * Return: the count since the process started.
 */
unsigned long krt_warn_count(void)
{
	return READ_ONCE(warn_count);
}

/**
 * krt_clear_warn_once_range - re-arm the once-flags between @start and @stop
 * @start: start of a module's krt_data_once section (may be NULL: no flags)
 * @stop: its end
 *
 * Byte stores in an uninstrumented function: ASan may have put redzones between the flags.
 */
__no_sanitize_address void krt_clear_warn_once_range(char *start, char *stop)
{
	volatile char *p;

	if (!start || !stop)
		return;
	for (p = start; p < stop; p++)
		*p = 0;
}

/**
 * krt_clear_warn_once_krt - re-arm the once-flags inside krt itself
 */
void krt_clear_warn_once_krt(void)
{
	krt_clear_warn_once_range(__start_krt_data_once, __stop_krt_data_once);
}

static ssize_t clear_warn_once_write(void *priv, const char *buf, size_t len)
{
	krt_clear_warn_once();
	return len;
}

static int clear_warn_once_show(struct seq_file *m, void *priv)
{
	seq_puts(m, "0\n");
	return 0;
}

static const struct krt_proc_ops clear_warn_once_ops = {
	.show = clear_warn_once_show,
	.write = clear_warn_once_write,
};

static int __init clear_warn_once_init(void)
{
	krt_proc_create("/sys/kernel/debug/clear_warn_once", &clear_warn_once_ops, NULL);
	return 0;
}
late_initcall(clear_warn_once_init);

/**
 * check_panic_on_warn - panic if panic_on_warn is set
 * @origin: who warned, for the panic message
 */
void check_panic_on_warn(const char *origin)
{
	__atomic_fetch_add(&warn_count, 1, __ATOMIC_RELAXED);
	if (panic_on_warn)
		panic("%s: panic_on_warn set ...\n", origin);
}

static void print_oops_end_marker(void)
{
	pr_warn("---[ end trace %016llx ]---\n", 0ULL);
}

/*
 * Kept out of line so that the trace can start at the function that warned, as the kernel's
 * does (it prints from the trapping instruction's registers).
 */
static noinline void warn_common(const char *file, int line, void *caller, unsigned int taint,
				 const char *fmt, va_list *args)
{
	struct task_struct *t = current;

	pr_warn(CUT_HERE);
	if (file)
		pr_warn("WARNING: CPU: %d PID: %d at %s:%d %pS\n", host_current_cpu(), t->pid, file,
			line, caller);
	else
		pr_warn("WARNING: CPU: %d PID: %d at %pS\n", host_current_cpu(), t->pid, caller);
	if (fmt)
		vprintk(fmt, *args);
	pr_warn("Modules linked in:\n");
	check_panic_on_warn("kernel");
	krt_dump_stack_skip(KERN_DEFAULT, 2);	/* warn_common and warn_slowpath_* */
	print_oops_end_marker();
	add_taint(taint, LOCKDEP_STILL_OK);
}

/**
 * warn_slowpath_null - report a WARN without a message
 * @file: source file of the WARN
 * @line: its line
 * @taint: taint flag to add
 */
void warn_slowpath_null(const char *file, int line, unsigned int taint)
{
	warn_common(file, line, __builtin_return_address(0), taint, NULL, NULL);
	barrier();	/* no tail call: this frame is one of the two the trace skips */
}

/**
 * warn_slowpath_fmt - report a WARN with a message
 * @file: source file of the WARN
 * @line: its line
 * @taint: taint flag to add
 * @fmt: message format
 */
void warn_slowpath_fmt(const char *file, int line, unsigned int taint, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	warn_common(file, line, __builtin_return_address(0), taint, fmt, &args);
	va_end(args);
}

/* End the current context after an oops: the KUnit case, or the process. */
static __noreturn void krt_die(const char *reason)
{
	if (panic_on_oops)
		panic("Fatal exception");
	if (krt_die_hook)
		krt_die_hook(reason);
	pr_emerg("krt: %s: aborting the process\n", reason);
	host_abort();
}

/**
 * krt_bug - report a BUG() at @file:@line and end the current context
 * @file: source file of the BUG
 * @line: its line
 *
 * Prints the kernel's "kernel BUG at" oops. Inside a KUnit case the case fails and ends;
 * otherwise the process aborts (so gdb and core dumps stop right here).
 */
void krt_bug(const char *file, int line)
{
	void *caller = __builtin_return_address(0);

	pr_warn(CUT_HERE);
	pr_crit("kernel BUG at %s:%d!\n", file, line);
	pr_emerg("Oops: invalid opcode: 0000 [#%d] PREEMPT SMP NOPTI\n", ++die_counter);
	pr_emerg("RIP: 0010:%pS\n", caller);
	krt_dump_stack_skip(KERN_DEFAULT, 1);	/* krt_bug */
	print_oops_end_marker();
	add_taint(TAINT_DIE, LOCKDEP_NOW_UNRELIABLE);
	krt_die("kernel BUG");
}

/**
 * panic - report an unrecoverable state and abort the process
 * @fmt: message format
 */
void panic(const char *fmt, ...)
{
	static char buf[1024];
	va_list args;

	va_start(args, fmt);
	vscnprintf(buf, sizeof(buf), fmt, args);
	va_end(args);
	if (buf[0] && buf[strlen(buf) - 1] == '\n')
		buf[strlen(buf) - 1] = '\0';
	pr_emerg("Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", buf);
	host_abort();
}
