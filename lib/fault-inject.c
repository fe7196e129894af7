// SPDX-License-Identifier: MIT
/*
 * The fault-injection engine shared by every capability (fail_page_alloc, failslab, ...):
 * should_fail_ex() decides, setup_fault_attr() takes the boot syntax, and
 * fault_create_debugfs_attr() publishes the knobs under /sys/kernel/debug/<name>/.
 *
 * The knobs are plain fields that a debugfs write may change while another thread evaluates
 * them, as in the kernel; READ_ONCE/WRITE_ONCE make those races intended ones.
 */
#include <linux/kernel.h>
#include <linux/fault-inject.h>
#include <linux/atomic.h>
#include <linux/ctype.h>
#include <linux/export.h>
#include <linux/kstrtox.h>
#include <linux/preempt.h>
#include <linux/printk.h>
#include <linux/random.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <krt/proc.h>

/* The kernel's sscanf() wants a digit where "%lu" starts; the host's also takes a sign. */
static bool unsigned_field(const char *s)
{
	return isdigit(*skip_spaces(s));
}

/**
 * setup_fault_attr - apply a boot parameter's "<interval>,<probability>,<space>,<times>"
 * @attr: the capability's attributes
 * @str: the parameter's value
 *
 * A helper for __setup() handlers, so it answers like one.
 *
 * Return: 1 when all four numbers were read (and applied), 0 otherwise (@attr unchanged).
 */
int setup_fault_attr(struct fault_attr *attr, char *str)
{
	unsigned long probability, interval;
	int times, space;

	if (sscanf(str, "%lu,%lu,%d,%d", &interval, &probability, &space, &times) < 4 ||
	    !unsigned_field(str) || !unsigned_field(strchr(str, ',') + 1)) {
		printk(KERN_WARNING "FAULT_INJECTION: failed to parse arguments\n");
		return 0;
	}
	WRITE_ONCE(attr->probability, probability);
	WRITE_ONCE(attr->interval, interval);
	atomic_set(&attr->times, times);
	atomic_set(&attr->space, space);
	return 1;
}
EXPORT_SYMBOL_GPL(setup_fault_attr);

static void fail_dump(struct fault_attr *attr)
{
	unsigned long verbose = READ_ONCE(attr->verbose);

	if (verbose > 0 && __ratelimit(&attr->ratelimit_state)) {
		printk(KERN_NOTICE "FAULT_INJECTION: forcing a failure.\n"
		       "name %s, interval %lu, probability %lu, space %d, times %d\n",
		       attr->dname, READ_ONCE(attr->interval), READ_ONCE(attr->probability),
		       atomic_read(&attr->space), atomic_read(&attr->times));
		if (verbose > 1)
			dump_stack();
	}
}

static bool fail_task(struct fault_attr *attr, struct task_struct *task)
{
	return in_task() && READ_ONCE(task->make_it_fail);
}

#define MAX_STACK_TRACE_DEPTH 32

/*
 * Is the call stack one to fail? It must hold a return address in [require_start,
 * require_end) and none in [reject_start, reject_end). noinline: stack_trace_save() skips
 * exactly this frame, so the first address looked at is the one in should_fail_ex().
 */
static noinline bool fail_stacktrace(struct fault_attr *attr)
{
	unsigned long depth = min(READ_ONCE(attr->stacktrace_depth), MAX_STACK_TRACE_DEPTH);
	unsigned long require_start = READ_ONCE(attr->require_start);
	unsigned long require_end = READ_ONCE(attr->require_end);
	unsigned long reject_start = READ_ONCE(attr->reject_start);
	unsigned long reject_end = READ_ONCE(attr->reject_end);
	bool found = require_start == 0 && require_end == ULONG_MAX;
	unsigned long entries[MAX_STACK_TRACE_DEPTH];
	unsigned int n, nr_entries;

	/* The default filter lets everything through without walking the stack. */
	if (depth == 0 || (found && !reject_start && !reject_end))
		return found;

	nr_entries = stack_trace_save(entries, depth, 1);
	for (n = 0; n < nr_entries; n++) {
		if (reject_start <= entries[n] && entries[n] < reject_end)
			return false;
		if (require_start <= entries[n] && entries[n] < require_end)
			found = true;
	}
	return found;
}

/**
 * should_fail_ex - should this call of @attr's capability fail?
 * @attr: the capability's attributes
 * @size: what the call asks for, in the capability's unit; counted against @attr's space
 * @flags: FAULT_NOWARN: do not report the injected failure
 *
 * An armed /proc/thread-self/fail-nth of the calling task comes first and, once it counts down
 * to zero, fails the call whatever the other knobs say. Otherwise a call fails only with a
 * non-zero probability, a task allowed by task-filter, failures left in times, a stack allowed
 * by the stack filter, no space left to let it through, on every interval-th call, and then
 * with the given probability. A failure is reported (per verbose, ratelimited) and uses up one
 * of times (unless times is -1, unlimited).
 *
 * Return: true if the caller must fail.
 */
bool should_fail_ex(struct fault_attr *attr, ssize_t size, int flags)
{
	bool stack_checked = false;
	unsigned long interval;

	if (in_task()) {
		unsigned int fail_nth = READ_ONCE(current->fail_nth);

		if (fail_nth) {
			if (!fail_stacktrace(attr))
				return false;
			stack_checked = true;
			fail_nth--;
			WRITE_ONCE(current->fail_nth, fail_nth);
			if (!fail_nth)
				goto fail;
			return false;
		}
	}

	/* Probability 0 is "disabled": the cheap answer for almost every call. */
	if (READ_ONCE(attr->probability) == 0)
		return false;
	if (READ_ONCE(attr->task_filter) && !fail_task(attr, current))
		return false;
	if (atomic_read(&attr->times) == 0)
		return false;
	if (!stack_checked && !fail_stacktrace(attr))
		return false;

	if (atomic_read(&attr->space) > size) {
		atomic_sub(size, &attr->space);
		return false;
	}

	interval = READ_ONCE(attr->interval);
	if (interval > 1) {
		unsigned long count = READ_ONCE(attr->count) + 1;

		/* Racy like the kernel's count++: an interval is a rough rate, not a contract. */
		WRITE_ONCE(attr->count, count);
		if (count % interval)
			return false;
	}

	if (READ_ONCE(attr->probability) <= get_random_u32_below(100))
		return false;

fail:
	if (!(flags & FAULT_NOWARN))
		fail_dump(attr);
	if (atomic_read(&attr->times) != -1)
		atomic_add_unless(&attr->times, -1, 0);
	return true;
}
EXPORT_SYMBOL_GPL(should_fail_ex);

/**
 * should_fail - should this call of @attr's capability fail? (should_fail_ex() without flags)
 * @attr: the capability's attributes
 * @size: what the call asks for, in the capability's unit
 *
 * Return: true if the caller must fail.
 */
bool should_fail(struct fault_attr *attr, ssize_t size)
{
	return should_fail_ex(attr, size, 0);
}
EXPORT_SYMBOL_GPL(should_fail);

/*
 * The debugfs side. krt has no debugfs: a "directory" is the path prefix of krt virtual files,
 * and each file's priv points at the value it shows. The formats and the accepted input are
 * those of the kernel's debugfs_create_ul/atomic_t/u32/bool/xul files.
 */
struct dentry {
	size_t len;
	char path[];	/* "/sys/kernel/debug/<parent>/<name>", no trailing '/' */
};

#define DEBUGFS_ROOT "/sys/kernel/debug"

static int ul_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%lu\n", READ_ONCE(*(unsigned long *)priv));
	return 0;
}

static ssize_t ul_write(void *priv, const char *buf, size_t len)
{
	unsigned long long val;
	int ret = kstrtoull_from_user((const char __user *)buf, len, 0, &val);

	if (ret)
		return ret;
	WRITE_ONCE(*(unsigned long *)priv, val);
	return len;
}

static int atomic_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%d\n", atomic_read(priv));
	return 0;
}

static ssize_t atomic_write(void *priv, const char *buf, size_t len)
{
	long long val;
	int ret = kstrtoll_from_user((const char __user *)buf, len, 0, &val);

	if (ret)
		return ret;
	atomic_set(priv, (int)val);
	return len;
}

static int u32_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%u\n", READ_ONCE(*(u32 *)priv));
	return 0;
}

static ssize_t u32_write(void *priv, const char *buf, size_t len)
{
	unsigned long long val;
	int ret = kstrtoull_from_user((const char __user *)buf, len, 0, &val);

	if (ret)
		return ret;
	/* Truncated to 32 bits without complaint, as debugfs_create_u32() files do. */
	WRITE_ONCE(*(u32 *)priv, (u32)val);
	return len;
}

static int bool_show(struct seq_file *m, void *priv)
{
	seq_puts(m, READ_ONCE(*(bool *)priv) ? "Y\n" : "N\n");
	return 0;
}

static ssize_t bool_write(void *priv, const char *buf, size_t len)
{
	bool val;
	int ret = kstrtobool_from_user((const char __user *)buf, len, &val);

	if (ret)
		return ret;
	WRITE_ONCE(*(bool *)priv, val);
	return len;
}

static int xul_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "0x%016lx\n", READ_ONCE(*(unsigned long *)priv));
	return 0;
}

static ssize_t stacktrace_depth_write(void *priv, const char *buf, size_t len)
{
	unsigned long long val;
	int ret = kstrtoull_from_user((const char __user *)buf, len, 0, &val);

	if (ret)
		return ret;
	/* fail_stacktrace() keeps the trace on its stack: no deeper than that. */
	WRITE_ONCE(*(unsigned long *)priv, (unsigned long)min(val, MAX_STACK_TRACE_DEPTH));
	return len;
}

static const struct krt_proc_ops ul_ops = { .show = ul_show, .write = ul_write };
static const struct krt_proc_ops atomic_ops = { .show = atomic_show, .write = atomic_write };
static const struct krt_proc_ops u32_ops = { .show = u32_show, .write = u32_write };
static const struct krt_proc_ops bool_ops = { .show = bool_show, .write = bool_write };
static const struct krt_proc_ops xul_ops = { .show = xul_show, .write = ul_write };
static const struct krt_proc_ops stacktrace_depth_ops = {
	.show = ul_show,
	.write = stacktrace_depth_write,
};

static struct krt_proc_entry *create_file(struct dentry *dir, const char *name,
					  const struct krt_proc_ops *ops, void *value)
{
	struct krt_proc_entry *e;
	char *path;

	if (IS_ERR_OR_NULL(dir) || !name || !*name || strchr(name, '/'))
		return ERR_PTR(-EINVAL);
	path = kasprintf(GFP_KERNEL, "%s/%s", dir->path, name);
	if (!path)
		return ERR_PTR(-ENOMEM);
	e = krt_proc_create(path, ops, value);
	kfree(path);
	return e;
}

/**
 * krt_fault_debugfs_create_bool - add a bool knob to a fault-injection directory
 * @name: the file's name
 * @dir: a directory from fault_create_debugfs_attr()
 * @value: the knob; reads "Y\n" or "N\n", takes what kstrtobool() takes
 *
 * The kernel's debugfs_create_bool() on that directory.
 *
 * Return: 0, or -EINVAL (no directory), -EEXIST, -ENOMEM.
 */
int krt_fault_debugfs_create_bool(const char *name, struct dentry *dir, bool *value)
{
	return PTR_ERR_OR_ZERO(create_file(dir, name, &bool_ops, value));
}
EXPORT_SYMBOL_GPL(krt_fault_debugfs_create_bool);

/**
 * krt_fault_debugfs_create_u32 - add a u32 knob to a fault-injection directory
 * @name: the file's name
 * @dir: a directory from fault_create_debugfs_attr()
 * @value: the knob; reads "%u\n", takes an unsigned number in any base (truncated to 32 bits)
 *
 * The kernel's debugfs_create_u32() on that directory.
 *
 * Return: 0, or -EINVAL (no directory), -EEXIST, -ENOMEM.
 */
int krt_fault_debugfs_create_u32(const char *name, struct dentry *dir, u32 *value)
{
	return PTR_ERR_OR_ZERO(create_file(dir, name, &u32_ops, value));
}
EXPORT_SYMBOL_GPL(krt_fault_debugfs_create_u32);

/**
 * krt_fault_remove_debugfs_attr - remove a fault-injection directory and every file in it
 * @dir: from fault_create_debugfs_attr(); NULL and ERR_PTR values are ignored
 *
 * Waits for reads and writes in progress, so the fault_attr behind it may go away afterwards.
 */
void krt_fault_remove_debugfs_attr(struct dentry *dir)
{
	if (IS_ERR_OR_NULL(dir))
		return;
	/* The trailing '/' keeps "<dir>x/..." (another directory) out of the removal. */
	dir->path[dir->len] = '/';
	dir->path[dir->len + 1] = '\0';
	krt_proc_remove_prefix(dir->path);
	kfree(dir);
}
EXPORT_SYMBOL_GPL(krt_fault_remove_debugfs_attr);

/**
 * fault_create_debugfs_attr - publish @attr's knobs in /sys/kernel/debug/<name>/
 * @name: the directory's name (also the name the failure report gives)
 * @parent: NULL for the debugfs root, or a directory from an earlier call
 * @attr: the attributes the files show and change
 *
 * Files: probability, interval, times, space, verbose, verbose_ratelimit_interval_ms,
 * verbose_ratelimit_burst, task-filter, stacktrace-depth, require-start, require-end,
 * reject-start, reject-end (see Documentation/fault-injection.md). A name longer than the
 * report's room is kept whole for the directory and truncated, with a warning, for the report.
 *
 * Return: the directory (for krt_fault_debugfs_create_*() and krt_fault_remove_debugfs_attr()),
 * or ERR_PTR(-EINVAL) (empty name or one with '/'), ERR_PTR(-EEXIST) (the directory exists),
 * ERR_PTR(-ENOMEM).
 */
struct dentry *fault_create_debugfs_attr(const char *name, struct dentry *parent,
					 struct fault_attr *attr)
{
	const char *base = parent ? parent->path : DEBUGFS_ROOT;
	const struct {
		const char *name;
		const struct krt_proc_ops *ops;
		void *value;
	} files[] = {
		{ "probability", &ul_ops, &attr->probability },
		{ "interval", &ul_ops, &attr->interval },
		{ "times", &atomic_ops, &attr->times },
		{ "space", &atomic_ops, &attr->space },
		{ "verbose", &ul_ops, &attr->verbose },
		/* jiffies despite the name: it is the ratelimit's own interval, as in the kernel */
		{ "verbose_ratelimit_interval_ms", &u32_ops, &attr->ratelimit_state.interval },
		{ "verbose_ratelimit_burst", &u32_ops, &attr->ratelimit_state.burst },
		{ "task-filter", &bool_ops, &attr->task_filter },
		{ "stacktrace-depth", &stacktrace_depth_ops, &attr->stacktrace_depth },
		{ "require-start", &xul_ops, &attr->require_start },
		{ "require-end", &xul_ops, &attr->require_end },
		{ "reject-start", &xul_ops, &attr->reject_start },
		{ "reject-end", &xul_ops, &attr->reject_end },
	};
	struct krt_proc_entry *entries[ARRAY_SIZE(files)];
	struct dentry *dir;
	size_t len;
	unsigned int i;
	int ret;

	if (IS_ERR(parent))
		return parent;
	if (!name || !*name || strchr(name, '/'))
		return ERR_PTR(-EINVAL);

	/* Room for a '/' more: krt_fault_remove_debugfs_attr() makes the path a prefix. */
	len = strlen(base) + 1 + strlen(name);
	dir = kmalloc(sizeof(*dir) + len + 2, GFP_KERNEL);
	if (!dir)
		return ERR_PTR(-ENOMEM);
	dir->len = len;
	sprintf(dir->path, "%s/%s", base, name);

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		entries[i] = create_file(dir, files[i].name, files[i].ops, files[i].value);
		if (IS_ERR(entries[i])) {
			ret = PTR_ERR(entries[i]);
			goto undo;
		}
	}

	if (strscpy(attr->dname, name, sizeof(attr->dname)) == -E2BIG)
		pr_warn("FAULT_INJECTION: name '%s' truncated to '%s'\n", name, attr->dname);
	return dir;

undo:
	/* Remove only the files made here: on -EEXIST the others belong to someone else. */
	while (i--)
		krt_proc_remove(entries[i]);
	kfree(dir);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_GPL(fault_create_debugfs_attr);
