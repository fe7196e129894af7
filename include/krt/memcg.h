/* SPDX-License-Identifier: MIT */
/*
 * krt's memory cgroup API: what mkdir, rmdir and writes to cgroup.procs do on a real system.
 * The files of a memcg appear under /sys/fs/cgroup/<path>/ (memory.max, memory.high,
 * memory.current, memory.peak, memory.events, memory.events.local, memory.stat) and are read and
 * written with krt_proc_read()/krt_proc_write().
 *
 *	struct mem_cgroup *cg = krt_memcg_create(NULL, "job");
 *
 *	krt_proc_write("/sys/fs/cgroup/job/memory.max", "16M", 3);
 *	krt_memcg_attach(current, cg);		// current's __GFP_ACCOUNT pages count against 16M
 *	...
 *	krt_memcg_attach(current, NULL);
 *	krt_memcg_destroy(cg);
 */
#ifndef _KRT_MEMCG_H
#define _KRT_MEMCG_H

#include <linux/types.h>
#include <linux/memcontrol.h>

struct task_struct;

/*
 * krt_memcg_create - mkdir: a memcg called @name under @parent (NULL: the root), with no limits.
 * Returns it (the caller owns the creation reference, which krt_memcg_destroy() drops), or an
 * ERR_PTR: -EINVAL (empty name, "/", ".", "..", newline or too long), -EEXIST (a sibling has
 * that name), -ENOENT (@parent was destroyed), -ENOMEM.
 */
struct mem_cgroup *krt_memcg_create(struct mem_cgroup *parent, const char *name);

/*
 * krt_memcg_destroy - rmdir: take @memcg offline. Refused with -EBUSY while it has children
 * that are not destroyed or tasks attached, and with -EINVAL for the root. Its files go away at
 * once and its name may be reused; the struct itself lives on (offline, a "dying" memcg) until
 * the last page charged to it is freed, exactly as in the kernel. New charges of a context that
 * still points at it (set_active_memcg()) go to its nearest online ancestor.
 */
int krt_memcg_destroy(struct mem_cgroup *memcg);

/*
 * krt_memcg_attach - move @task (e.g. current) into @memcg (NULL: the root), like writing its
 * pid to cgroup.procs. Pages charged before stay with the memcg they were charged to. A task
 * must be moved back to the root (or have mem_cgroup_exit() called) before it is freed.
 * Returns 0, or -ENOENT if @memcg was destroyed.
 */
int krt_memcg_attach(struct task_struct *task, struct mem_cgroup *memcg);

/*
 * krt_memcg_lookup - find an online memcg by path ("/", "/a/b" or "a/b") and take a reference
 * (drop it with mem_cgroup_put()). Returns NULL if there is none.
 */
struct mem_cgroup *krt_memcg_lookup(const char *path);

/* krt_memcg_path - "/a/b", as the OOM report prints it; valid while @memcg lives. */
const char *krt_memcg_path(struct mem_cgroup *memcg);

/* krt_memcg_event - the memory.events count of @event (the subtree's, as the file shows) */
unsigned long krt_memcg_event(struct mem_cgroup *memcg, enum memcg_memory_event event);

/* Memcgs created and not yet freed (the KUnit runner's "memcgs" leak counter). */
long krt_memcgs_in_use(void);
/*
 * Finish deferred frees: slab vectors no charged object uses any more, and memcgs whose last
 * reference is gone (they go after a grace period). The leak checker's settle step.
 */
void krt_memcg_settle(void);

#endif /* _KRT_MEMCG_H */
