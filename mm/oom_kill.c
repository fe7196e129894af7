// SPDX-License-Identifier: MIT
/*
 * The out-of-memory path. The kernel picks a process and kills it to get memory back; krt has
 * no processes, so out_of_memory() can only ask the OOM notifiers to give memory back, print
 * the kernel's OOM report and tell the allocator that nothing was freed: the allocation fails
 * (a __GFP_NOFAIL one keeps waiting for memory in the allocator).
 *
 * panic_on_oom (boot parameter "panic_on_oom=", file /proc/sys/vm/panic_on_oom) works as in the
 * kernel: 1 panics on a global OOM, 2 on any OOM.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/oom.h>
#include <linux/memcontrol.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/nodemask.h>
#include <linux/ratelimit.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <krt/proc.h>

#include "internal.h"

/* 0: report and fail; 1: panic on a global OOM; 2: panic on every OOM (memcg ones too). */
int sysctl_panic_on_oom;

/* Serialises OOM handling: the allocator trylocks it, memcg OOM takes it. */
DEFINE_MUTEX(oom_lock);

static BLOCKING_NOTIFIER_HEAD(oom_notify_list);

/* At most 10 reports per 5 s, as the kernel limits its OOM kill reports. */
static DEFINE_RATELIMIT_STATE(oom_rs, DEFAULT_RATELIMIT_INTERVAL, DEFAULT_RATELIMIT_BURST);

static const char * const oom_constraint_text[] = {
	[CONSTRAINT_NONE] = "CONSTRAINT_NONE",
	[CONSTRAINT_CPUSET] = "CONSTRAINT_CPUSET",
	[CONSTRAINT_MEMORY_POLICY] = "CONSTRAINT_MEMORY_POLICY",
	[CONSTRAINT_MEMCG] = "CONSTRAINT_MEMCG",
};

static inline bool is_memcg_oom(struct oom_control *oc)
{
	return oc->memcg != NULL;
}

/* order -1 marks an OOM forced by hand (the kernel's sysrq-f): never "progress", never panic. */
static inline bool is_sysrq_oom(struct oom_control *oc)
{
	return oc->order == -1;
}

/* Values outside 0..2 are refused, as the kernel's sysctl (proc_dointvec_minmax) does. */
static int panic_on_oom_parse(const char *val, int *res)
{
	int v, ret;

	ret = kstrtoint(val, 0, &v);
	if (ret)
		return ret;
	if (v < 0 || v > 2)
		return -EINVAL;
	*res = v;
	return 0;
}

static int panic_on_oom_param_set(const char *val, const struct kernel_param *kp)
{
	int v, ret;

	if (!val)
		return -EINVAL;
	ret = panic_on_oom_parse(val, &v);
	if (!ret)
		WRITE_ONCE(sysctl_panic_on_oom, v);
	return ret;
}

static int panic_on_oom_param_get(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%d\n", READ_ONCE(sysctl_panic_on_oom));
}

static const struct kernel_param_ops panic_on_oom_param_ops = {
	.set = panic_on_oom_param_set,
	.get = panic_on_oom_param_get,
};
core_param_cb(panic_on_oom, &panic_on_oom_param_ops, &sysctl_panic_on_oom, 0644);

static int panic_on_oom_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%d\n", READ_ONCE(sysctl_panic_on_oom));
	return 0;
}

static ssize_t panic_on_oom_write(void *priv, const char *buf, size_t len)
{
	char tmp[24];
	int v, ret;

	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	ret = panic_on_oom_parse(strim(tmp), &v);
	if (ret)
		return ret;
	WRITE_ONCE(sysctl_panic_on_oom, v);
	return len;
}

static const struct krt_proc_ops panic_on_oom_ops = {
	.show = panic_on_oom_show,
	.write = panic_on_oom_write,
};

static int __init oom_init(void)
{
	krt_proc_create("/proc/sys/vm/panic_on_oom", &panic_on_oom_ops, NULL);
	return 0;
}
subsys_initcall(oom_init);

/* The report's head: who asked for what, where, and the state of memory. */
static void dump_header(struct oom_control *oc)
{
	pr_warn("%s invoked oom-killer: gfp_mask=%#x(%pGg), order=%d, oom_score_adj=%hd\n",
		current->comm, (__force unsigned int)oc->gfp_mask, &oc->gfp_mask, oc->order,
		(short)0);
	if (!IS_ENABLED(CONFIG_COMPACTION) && oc->order > 0)
		pr_warn("COMPACTION is disabled!!!\n");

	dump_stack();
	if (is_memcg_oom(oc))
		mem_cgroup_print_oom_meminfo(oc->memcg);
	else
		__show_mem(SHOW_MEM_FILTER_NODES, oc->nodemask, gfp_zone(oc->gfp_mask));
	/* The kernel's task table would follow; krt has no tasks to list. */
}

/* The one-line summary the kernel prints about its victim, without one. */
static void dump_oom_context(struct oom_control *oc)
{
	pr_info("oom-kill:constraint=%s,nodemask=", oom_constraint_text[oc->constraint]);
	if (oc->nodemask)
		pr_cont("%*pbl", MAX_NUMNODES, oc->nodemask->bits);
	else
		pr_cont("(null)");
	pr_cont(",cpuset=/,mems_allowed=0");
	mem_cgroup_print_oom_context(oc->memcg, NULL);
	pr_cont("\n");
}

/* panic_on_oom: 1 panics for unconstrained (global) OOMs, 2 for every OOM. */
static void check_panic_on_oom(struct oom_control *oc)
{
	int mode = READ_ONCE(sysctl_panic_on_oom);

	if (likely(!mode))
		return;
	if (mode != 2 && oc->constraint != CONSTRAINT_NONE)
		return;
	if (is_sysrq_oom(oc))
		return;
	dump_header(oc);
	panic("Out of memory: %s panic_on_oom is enabled\n",
	      mode == 2 ? "compulsory" : "system-wide");
}

/**
 * register_oom_notifier - be asked for memory when the system is out of it
 * @nb: the notifier; its callback receives an unsigned long * and adds the pages it freed
 *
 * Return: 0, or -EEXIST if @nb is registered already.
 */
int register_oom_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&oom_notify_list, nb);
}

/**
 * unregister_oom_notifier - stop being asked for memory
 * @nb: the notifier given to register_oom_notifier()
 *
 * Return: 0, or -ENOENT if @nb was not registered.
 */
int unregister_oom_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&oom_notify_list, nb);
}

/**
 * krt_oom_ratelimit_reset - let the next OOM reports through the ratelimit
 *
 * For tests that provoke more reports in a row than the ratelimit's burst.
 */
void krt_oom_ratelimit_reset(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&oom_rs.lock, flags);
	oom_rs.begin = 0;
	oom_rs.printed = 0;
	oom_rs.missed = 0;
	raw_spin_unlock_irqrestore(&oom_rs.lock, flags);
}

/**
 * out_of_memory - handle an allocation that reclaim could not satisfy
 * @oc: what was being allocated; memcg set for a memory cgroup over its limit
 *
 * A global OOM first asks the OOM notifiers for memory: if they freed any, the allocation is
 * told to retry and nothing is printed. A global OOM of a caller without __GFP_FS is not
 * handled either (the kernel does not kill for reclaim that could not use the filesystems) and
 * also retries. Otherwise panic_on_oom is honoured, the OOM report is printed (ratelimited),
 * and since krt has nothing to kill, the allocation or charge should fail.
 *
 * Context: process context; the caller normally holds oom_lock.
 * Return: true if the caller should retry, false if it should fail.
 */
bool out_of_memory(struct oom_control *oc)
{
	unsigned long freed = 0;

	if (!is_memcg_oom(oc)) {
		blocking_notifier_call_chain(&oom_notify_list, 0, &freed);
		if (freed > 0 && !is_sysrq_oom(oc))
			return true;	/* memory came back just now */
	}

	/* Killing does not make up for reclaim that could not use FS; memcg OOMs go on. */
	if (!(oc->gfp_mask & __GFP_FS) && !is_memcg_oom(oc))
		return true;

	oc->constraint = is_memcg_oom(oc) ? CONSTRAINT_MEMCG : CONSTRAINT_NONE;
	oc->nodemask = NULL;	/* only a mempolicy constraint would keep it */
	check_panic_on_oom(oc);

	/* The kernel chooses and kills a victim here; krt has none. */
	oc->chosen = NULL;
	if (__ratelimit(&oom_rs)) {
		dump_header(oc);
		dump_oom_context(oc);
		pr_warn("Out of memory and no killable processes...\n");
		/* Where the kernel reports its kill: "Memory cgroup out of memory: Killed ..." */
		if (is_memcg_oom(oc))
			pr_err("Memory cgroup out of memory: nothing to kill, the charge fails\n");
	}
	/*
	 * The kernel panics here for a global OOM ("System is deadlocked on memory"): with no
	 * victim its allocator would loop forever. krt's allocator fails the allocation instead.
	 */
	return false;
}
