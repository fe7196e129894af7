// SPDX-License-Identifier: MIT
/*
 * The files every krt process has: /proc/cmdline, /proc/version, /proc/sys/kernel/tainted,
 * /proc/thread-self/{comm,make-it-fail,fail-nth}, and stat_on_exit (print chosen files when the
 * process exits). krt's files are process-wide paths: "thread-self" is the task that reads or
 * writes.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <krt/boot.h>
#include <krt/proc.h>

#include "arch/host/host.h"

static int cmdline_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%s\n", krt_saved_command_line());
	return 0;
}

static int version_show(struct seq_file *m, void *priv)
{
	seq_puts(m, "Linux version 6.12.0-krt (krt userspace kernel runtime) #1 SMP PREEMPT\n");
	return 0;
}

static int tainted_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%lu\n", get_taint());
	return 0;
}

static int comm_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%s\n", current->comm);
	return 0;
}

static ssize_t comm_write(void *priv, const char *buf, size_t len)
{
	char comm[TASK_COMM_LEN];
	size_t n = min(len, sizeof(comm) - 1);

	memcpy(comm, buf, n);
	comm[n] = '\0';
	strim(comm);
	set_task_comm(current, comm);
	return len;
}

/* The fault-injection task filter: only tasks with make-it-fail 1 pass a task-filter. */
static int make_it_fail_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%i\n", (int)READ_ONCE(current->make_it_fail));
	return 0;
}

static ssize_t make_it_fail_write(void *priv, const char *buf, size_t len)
{
	char tmp[16] = {};
	int make_it_fail, ret;

	/* Like the kernel, a long write is cut to the buffer, not refused. */
	memcpy(tmp, buf, min(len, sizeof(tmp) - 1));
	ret = kstrtoint(strstrip(tmp), 0, &make_it_fail);
	if (ret < 0)
		return ret;
	if (make_it_fail < 0 || make_it_fail > 1)
		return -EINVAL;
	WRITE_ONCE(current->make_it_fail, make_it_fail);
	return len;
}

/* Arm "fail the N-th fault-injection point this task reaches"; reads what is left (0: done). */
static int fail_nth_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%u\n", READ_ONCE(current->fail_nth));
	return 0;
}

static ssize_t fail_nth_write(void *priv, const char *buf, size_t len)
{
	unsigned int n;
	int ret = kstrtouint_from_user((const char __user *)buf, len, 0, &n);

	if (ret)
		return ret;
	WRITE_ONCE(current->fail_nth, n);
	return len;
}

static const struct krt_proc_ops cmdline_ops = { .show = cmdline_show };
static const struct krt_proc_ops version_ops = { .show = version_show };
static const struct krt_proc_ops tainted_ops = { .show = tainted_show };
static const struct krt_proc_ops comm_ops = { .show = comm_show, .write = comm_write };
static const struct krt_proc_ops make_it_fail_ops = {
	.show = make_it_fail_show,
	.write = make_it_fail_write,
};
static const struct krt_proc_ops fail_nth_ops = { .show = fail_nth_show, .write = fail_nth_write };

static int __init proc_base_init(void)
{
	krt_proc_create("/proc/cmdline", &cmdline_ops, NULL);
	krt_proc_create("/proc/version", &version_ops, NULL);
	krt_proc_create("/proc/sys/kernel/tainted", &tainted_ops, NULL);
	krt_proc_create("/proc/thread-self/comm", &comm_ops, NULL);
	krt_proc_create("/proc/thread-self/make-it-fail", &make_it_fail_ops, NULL);
	krt_proc_create("/proc/thread-self/fail-nth", &fail_nth_ops, NULL);
	return 0;
}
fs_initcall(proc_base_init);

/* stat_on_exit[=path,path...]: dump those files (default: every file) to stderr at exit. */
static char *stat_on_exit_paths;
static bool stat_on_exit;

static int __init stat_on_exit_setup(char *str)
{
	stat_on_exit = true;
	stat_on_exit_paths = (*str == '=') ? str + 1 : NULL;
	return 1;
}
__setup("stat_on_exit", stat_on_exit_setup);

static int dump_one(const char *path, void *arg)
{
	static char buf[1 << 16];
	ssize_t n = krt_proc_read(path, buf, sizeof(buf));
	char head[256];
	int len;

	if (n < 0)
		return 0;	/* write-only files have nothing to show */
	len = scnprintf(head, sizeof(head), "==> %s <==\n", path);
	host_write_err(head, len);
	host_write_err(buf, n);
	if (n && buf[n - 1] != '\n')
		host_write_err("\n", 1);
	return 0;
}

static void stat_on_exit_dump(void)
{
	char *copy, *list, *path;

	if (!stat_on_exit)
		return;
	if (!stat_on_exit_paths || !*stat_on_exit_paths) {
		krt_proc_for_each(dump_one, NULL);
		return;
	}
	copy = host_alloc(strlen(stat_on_exit_paths) + 1);
	if (!copy)
		return;
	strcpy(copy, stat_on_exit_paths);
	list = copy;	/* strsep() advances list to NULL */
	while ((path = strsep(&list, ",")))
		if (*path)
			dump_one(path, NULL);
	host_free(copy);
}
__exitcall(stat_on_exit_dump);
