/* SPDX-License-Identifier: MIT */
/*
 * Fault injection (lib/fault-inject.c): a struct fault_attr per capability (fail_page_alloc,
 * failslab, ...) decides whether one call of that capability fails, by probability, interval,
 * a budget of failures (times), a budget of size to let through first (space), a per-task
 * filter and a call-stack filter; /proc/thread-self/fail-nth fails exactly the N-th call of the
 * calling task, whatever capability it is. Knobs live in /sys/kernel/debug/<name>/ (krt's
 * virtual files, read and written with krt_proc_read()/krt_proc_write()).
 *
 * See Documentation/fault-injection.md for the knobs and how krt differs from the kernel.
 */
#ifndef _LINUX_FAULT_INJECT_H
#define _LINUX_FAULT_INJECT_H

#include <linux/err.h>
#include <linux/types.h>
#include <linux/limits.h>
#include <linux/atomic.h>
#include <linux/ratelimit_types.h>
#include <linux/sched.h>

struct dentry;
struct kmem_cache;

/* Room for the debugfs directory name kept in struct fault_attr (for the failure report). */
#define FAULT_ATTR_DNAME_LEN	64

/* The knobs are described in Documentation/fault-injection.md. */
struct fault_attr {
	unsigned long probability;
	unsigned long interval;
	atomic_t times;
	atomic_t space;
	unsigned long verbose;
	bool task_filter;
	unsigned long stacktrace_depth;
	unsigned long require_start;
	unsigned long require_end;
	unsigned long reject_start;
	unsigned long reject_end;

	unsigned long count;
	struct ratelimit_state ratelimit_state;
	char dname[FAULT_ATTR_DNAME_LEN];
};

enum fault_flags {
	FAULT_NOWARN =	1 << 0,
};

/* Disabled (probability 0); once enabled: every call, one failure, reported with a stack. */
#define FAULT_ATTR_INITIALIZER {					\
		.interval = 1,						\
		.times = ATOMIC_INIT(1),				\
		.require_end = ULONG_MAX,				\
		.stacktrace_depth = 32,					\
		.ratelimit_state = RATELIMIT_STATE_INIT_DISABLED,	\
		.verbose = 2,						\
	}

#define DECLARE_FAULT_ATTR(name) struct fault_attr name = FAULT_ATTR_INITIALIZER

/*
 * setup_fault_attr - apply "<interval>,<probability>,<space>,<times>" (a boot parameter's value)
 * to @attr. Returns 1 on success and 0 on a parse error, as a __setup() handler does.
 */
int setup_fault_attr(struct fault_attr *attr, char *str);

/*
 * should_fail_ex - should this call of @attr's capability fail? @size is what the call asks
 * for (bytes, pages: the capability's unit, counted against space); @flags: FAULT_NOWARN.
 */
bool should_fail_ex(struct fault_attr *attr, ssize_t size, int flags);
/* should_fail - should_fail_ex() without flags */
bool should_fail(struct fault_attr *attr, ssize_t size);

/*
 * fault_create_debugfs_attr - create /sys/kernel/debug/<name>/ (below @parent's directory when
 * @parent is not NULL) with @attr's knobs. Returns the directory, or an ERR_PTR (-EEXIST,
 * -ENOMEM, -EINVAL). krt has no debugfs: the directory is an opaque handle for the krt_fault_*
 * helpers below.
 */
struct dentry *fault_create_debugfs_attr(const char *name, struct dentry *parent,
					 struct fault_attr *attr);

/*
 * krt: the capability-specific knobs a caller of fault_create_debugfs_attr() adds to its
 * directory (the kernel's debugfs_create_bool()/debugfs_create_u32() on that dentry): a bool
 * reads "Y\n"/"N\n" and takes kstrtobool() input, a u32 reads "%u\n" and takes an unsigned
 * number in any base. Return 0 or -errno.
 */
int krt_fault_debugfs_create_bool(const char *name, struct dentry *dir, bool *value);
int krt_fault_debugfs_create_u32(const char *name, struct dentry *dir, u32 *value);

/*
 * krt: remove a directory made by fault_create_debugfs_attr() with every file in it (the
 * kernel's debugfs_remove_recursive()). NULL and ERR_PTR are ignored.
 */
void krt_fault_remove_debugfs_attr(struct dentry *dir);

/*
 * should_fail_alloc_page - should the page allocator fail this request (mm/fail_page_alloc.c)?
 * Called from the allocator's prepare step; a true answer makes it return NULL silently.
 */
extern u32 fail_page_alloc_min_order;

/* fail_page_alloc_exempt - is @order below fail_page_alloc's min-order (never failed)? */
static inline bool fail_page_alloc_exempt(unsigned int order)
{
	return order < READ_ONCE(fail_page_alloc_min_order);
}

bool should_fail_alloc_page(gfp_t gfp_mask, unsigned int order);

/*
 * should_failslab - should the slab allocator fail this allocation (mm/failslab.c)? Called
 * from the allocator's pre-allocation hook; non-zero (-ENOMEM) makes it return NULL.
 */
int should_failslab(struct kmem_cache *s, gfp_t gfpflags);

/* failslab's attributes; only failslab_active() reads them outside mm/failslab.c. */
extern struct fault_attr failslab_attr;

/**
 * failslab_active - could should_failslab() fail anything now?
 *
 * The slab fast path's test, a few loads: false unless failslab's probability is non-zero or
 * the calling task has armed /proc/thread-self/fail-nth. When it is false, should_failslab()
 * would answer 0 without side effects, so it need not be called.
 */
static __always_inline bool failslab_active(void)
{
	struct task_struct *t = pcpu_hot.current_task;

	return READ_ONCE(failslab_attr.probability) || (t && READ_ONCE(t->fail_nth));
}

#endif /* _LINUX_FAULT_INJECT_H */
