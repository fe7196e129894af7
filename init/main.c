// SPDX-License-Identifier: MIT
/*
 * Booting krt: what start_kernel() is to the kernel. The first thread that enters krt boots it
 * with KRT_CMDLINE (or krt_boot() does, with the caller's command line): early parameters,
 * then the others, then the initcalls level by level (module_init() runs at the device level).
 * module_exit() functions run at process exit, in reverse order of registration.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <krt/boot.h>

#include "arch/host/host.h"
#include "init/boot.h"
#include "mm/page_alloc.h"

enum system_states system_state = SYSTEM_BOOTING;
char *saved_command_line;
bool initcall_debug;
core_param(initcall_debug, initcall_debug, bool, 0644);

static struct krt_initcall *initcalls[KRT_INITCALL_LEVELS];
static struct krt_exitcall *exitcalls;

/* 0: not booted, 1: booting, 2: booted */
static int boot_state;
static int boot_tid;

/**
 * krt_register_initcall - add an initcall to the list of its level
 * @call: the initcall (static; the *_initcall() and module_init() macros register it)
 *
 * Registration order is kept within a level (constructors run in link order). A call
 * registered after boot (a late constructor, a dlopen()ed object) runs at once.
 */
void krt_register_initcall(struct krt_initcall *call)
{
	struct krt_initcall **pp = &initcalls[call->level];

	/* Keep registration order within a level (constructors run in link order). */
	while (*pp)
		pp = &(*pp)->next;
	call->next = NULL;
	*pp = call;
	/* Registered after boot (a late constructor, a dlopen()ed object): run it now. */
	if (READ_ONCE(boot_state) == 2)
		call->fn();
}

/**
 * krt_register_exitcall - add a module_exit() function to run at process exit
 * @call: the exitcall (static; module_exit() registers it)
 *
 * Exitcalls run in reverse order of registration, from an atexit handler installed at boot.
 */
void krt_register_exitcall(struct krt_exitcall *call)
{
	call->next = exitcalls;
	exitcalls = call;
}

/* Unknown parameters are collected and reported once, as the kernel does. */
static char unknown_options[1024];
static int unknown_count;

static void note_unknown(const char *option)
{
	size_t len = strlen(unknown_options);

	unknown_count++;
	scnprintf(unknown_options + len, sizeof(unknown_options) - len, "%s%s", len ? " " : "",
		  option);
}

/* A __setup() option: "name=" handlers get the text after the name. */
static bool obsolete_checksetup(char *line)
{
	struct obs_kernel_param *p;
	bool had_early = false;

	for (p = krt_setup_params(); p; p = p->next) {
		size_t n = strlen(p->str);

		if (!parameqn(line, p->str, n))
			continue;
		/* An early option without "=" must match the whole word. */
		if (p->early) {
			if (line[n] == '\0' || line[n] == '=')
				had_early = true;
			continue;
		}
		if (p->setup_func(line + n))
			return true;
	}
	return had_early;
}

/*
 * Rejoin "param=val" in place for __setup() matching. next_arg() cut the line at the '=' and,
 * for param="val", also skipped the opening quote: close that gap too.
 */
static void repair_option(char *param, char *val)
{
	size_t plen = strlen(param);

	if (!val)
		return;
	if (val == param + plen + 1) {
		val[-1] = '=';
	} else if (val == param + plen + 2) {
		val[-2] = '=';
		memmove(val - 1, val, strlen(val) + 1);
	}
}

static int unknown_bootoption(char *param, char *val, const char *doing, void *arg)
{
	repair_option(param, val);
	if (obsolete_checksetup(param))
		return 0;
	note_unknown(param);
	return 0;
}

static int do_early_param(char *param, char *val, const char *doing, void *arg)
{
	struct obs_kernel_param *p;

	for (p = krt_setup_params(); p; p = p->next) {
		if (p->early && parameq(param, p->str)) {
			if (p->setup_func(val) != 0)
				pr_warn("Malformed early option '%s'\n", param);
		}
	}
	return 0;
}

static void do_initcalls(void)
{
	int level;

	for (level = 0; level < KRT_INITCALL_LEVELS; level++) {
		struct krt_initcall *call;

		for (call = initcalls[level]; call; call = call->next) {
			int ret;

			if (initcall_debug)
				pr_info("calling  %s @ %d\n", call->name, current->pid);
			ret = call->fn();
			if (initcall_debug)
				pr_info("initcall %s returned %d\n", call->name, ret);
			if (ret && ret != -ENODEV)
				pr_warn("initcall %s returned %d\n", call->name, ret);
		}
	}
}

static void run_exitcalls(void)
{
	struct krt_exitcall *call;

	system_state = SYSTEM_HALT;
	for (call = exitcalls; call; call = call->next)
		call->fn();
}

/*
 * charp parameters point into the parsed copy of the command line, so every copy lives as
 * long as the process (and stays reachable, for leak checkers).
 */
struct retained_args {
	struct retained_args *next;
	char *text;
};
static struct retained_args *retained;

static void retain_args(char *args)
{
	struct retained_args *r = host_alloc(sizeof(*r));

	if (!r)
		return;
	r->text = args;
	r->next = retained;
	retained = r;
}

/**
 * krt_cmdline_apply - apply the parameters of @cmdline as boot does
 * @cmdline: kernel command line
 *
 * Early parameters first, then the others; unknown ones are reported in one line.
 * Returns the number of unknown parameters, or -ENOMEM.
 */
int krt_cmdline_apply(const char *cmdline)
{
	size_t len = strlen(cmdline);
	char *early, *args;
	int unknown;

	/* Both passes modify their copy; charp parameters keep pointing into the second. */
	early = host_alloc(len + 1);
	args = host_alloc(len + 1);
	if (!early || !args) {
		host_free(early);
		host_free(args);
		return -ENOMEM;
	}
	strcpy(early, cmdline);
	strcpy(args, cmdline);
	retain_args(args);
	parse_args("early options", early, NULL, 0, 0, 0, NULL, do_early_param);
	host_free(early);
	unknown_options[0] = '\0';
	unknown_count = 0;
	parse_args("Booting krt", args, NULL, 0, 0, 0, NULL, unknown_bootoption);
	if (unknown_options[0])
		pr_notice("Unknown kernel command line parameters \"%s\", will be passed to user space.\n",
			  unknown_options);
	unknown = unknown_count;
	return unknown;
}

static void start_krt(const char *cmdline)
{
	krt_time_init();
	if (!cmdline)
		cmdline = host_getenv("KRT_CMDLINE");
	saved_command_line = host_alloc(strlen(cmdline ?: "") + 1);
	strcpy(saved_command_line, cmdline ?: "");
	krt_cmdline_apply(saved_command_line);
	mm_core_init();

	system_state = SYSTEM_SCHEDULING;
	do_initcalls();
	system_state = SYSTEM_RUNNING;
	host_atexit(run_exitcalls);
}

/**
 * krt_boot - boot krt with @cmdline
 * @cmdline: kernel command line; NULL means the KRT_CMDLINE environment variable
 *
 * Returns 0 on success, -EBUSY if krt had already booted (or is booting in another thread).
 */
int krt_boot(const char *cmdline)
{
	int saved_preempt, saved_irqs_off;
	int expected = 0;

	if (!__atomic_compare_exchange_n(&boot_state, &expected, 1, false, __ATOMIC_ACQ_REL,
					 __ATOMIC_ACQUIRE))
		return -EBUSY;
	boot_tid = host_gettid();
	/* Booting needs a task for this thread; attaching it comes back here and returns. */
	(void)current;
	/*
	 * The first use of krt may come from atomic context (a spin_lock() in a fresh thread):
	 * boot itself runs in plain task context.
	 */
	saved_preempt = pcpu_hot.preempt_count;
	saved_irqs_off = pcpu_hot.irqs_off;
	pcpu_hot.preempt_count = 0;
	pcpu_hot.irqs_off = 0;
	start_krt(cmdline);
	pcpu_hot.preempt_count = saved_preempt;
	pcpu_hot.irqs_off = saved_irqs_off;
	__atomic_store_n(&boot_state, 2, __ATOMIC_RELEASE);
	return 0;
}

/**
 * krt_ensure_booted - boot krt now if nothing has
 *
 * Called when a host thread first enters krt: boot on first use. Another thread arriving
 * while boot runs waits for it to finish; the booting thread itself, entering again during
 * boot, returns at once.
 */
void krt_ensure_booted(void)
{
	int state = __atomic_load_n(&boot_state, __ATOMIC_ACQUIRE);

	if (likely(state == 2))
		return;
	if (state == 0 && krt_boot(NULL) == 0)
		return;
	if (READ_ONCE(boot_tid) == host_gettid())
		return;
	while (__atomic_load_n(&boot_state, __ATOMIC_ACQUIRE) != 2)
		host_sleep_ns(100000);
}

/**
 * krt_booted - has krt booted?
 *
 * Return: 1 once boot has finished, 0 before and while it runs.
 */
int krt_booted(void)
{
	return __atomic_load_n(&boot_state, __ATOMIC_ACQUIRE) == 2;
}

/**
 * krt_saved_command_line - the command line krt booted with
 *
 * Return: the command line, or "" before boot.
 */
const char *krt_saved_command_line(void)
{
	return saved_command_line ?: "";
}
