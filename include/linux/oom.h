/* SPDX-License-Identifier: MIT */
/*
 * The out-of-memory path (mm/oom_kill.c). krt has no processes to kill: out_of_memory() asks
 * the OOM notifiers to give memory back, prints the kernel's report, and tells the allocator
 * whether that made progress.
 */
#ifndef __INCLUDE_LINUX_OOM_H
#define __INCLUDE_LINUX_OOM_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/nodemask.h>
#include <linux/mutex.h>
#include <linux/notifier.h>

struct zonelist;
struct mem_cgroup;
struct task_struct;

enum oom_constraint {
	CONSTRAINT_NONE,
	CONSTRAINT_CPUSET,
	CONSTRAINT_MEMORY_POLICY,
	CONSTRAINT_MEMCG,
};

struct oom_control {
	struct zonelist *zonelist;	/* the allocation's zonelist; NULL for memcg OOM */
	nodemask_t *nodemask;
	struct mem_cgroup *memcg;	/* set for a memcg OOM, NULL for a global one */
	const gfp_t gfp_mask;
	const int order;		/* -1 for a sysrq-triggered OOM */
	unsigned long totalpages;
	struct task_struct *chosen;
	long chosen_points;
	enum oom_constraint constraint;
};

/* Serialises OOM handling; the allocator only trylocks it. */
extern struct mutex oom_lock;

/**
 * out_of_memory - handle an allocation that reclaim could not satisfy
 * @oc: what was being allocated
 *
 * Return: true if the allocation should retry (memory was given back, or the OOM does not
 * apply to this caller, as for a global !__GFP_FS one), false if it should fail.
 */
bool out_of_memory(struct oom_control *oc);

/*
 * OOM notifiers are the way to give memory back when the allocator is out of it: the callback
 * gets an unsigned long * as its data pointer and adds the number of pages it freed. Called for
 * global OOMs only, before the report; any pages freed make the allocation retry.
 */
int register_oom_notifier(struct notifier_block *nb);
int unregister_oom_notifier(struct notifier_block *nb);

/*
 * krt_oom_ratelimit_reset - let the next OOM report through the ratelimit (for tests that
 * provoke several reports in a row; the kernel's are limited to 10 per 5 seconds).
 */
void krt_oom_ratelimit_reset(void);

#endif /* __INCLUDE_LINUX_OOM_H */
