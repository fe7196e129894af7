/* SPDX-License-Identifier: MIT */
/*
 * Memory cgroups (mm/memcontrol.c): a minimal cgroup-v2 model. Pages allocated with
 * __GFP_ACCOUNT, and slab objects of SLAB_ACCOUNT caches or kmalloc(__GFP_ACCOUNT), are charged
 * to the allocating task's memcg (or the one set_active_memcg() chose); a charge above
 * memory.max reclaims within the memcg and then fails. krt's own API for
 * creating, destroying and attaching memcgs is <krt/memcg.h>.
 */
#ifndef _LINUX_MEMCONTROL_H
#define _LINUX_MEMCONTROL_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/refcount.h>
#include <linux/atomic.h>
#include <linux/rcupdate.h>
#include <linux/page_counter.h>
#include <linux/mm_types.h>

struct page;
struct folio;
struct task_struct;
struct krt_proc_entry;

/* The memory.events keys, in the kernel's order (swap events are never raised: no swap). */
enum memcg_memory_event {
	MEMCG_LOW,
	MEMCG_HIGH,
	MEMCG_MAX,
	MEMCG_OOM,
	MEMCG_OOM_KILL,
	MEMCG_OOM_GROUP_KILL,
	MEMCG_SWAP_HIGH,
	MEMCG_SWAP_MAX,
	MEMCG_SWAP_FAIL,
	MEMCG_NR_MEMORY_EVENTS,
};

/* The low bits of page->memcg_data say what the rest points to, as in the kernel. */
enum page_memcg_data_flags {
	MEMCG_DATA_OBJEXTS = (1UL << 0),	/* slab: a vector of per-object memcgs */
	MEMCG_DATA_KMEM = (1UL << 1),		/* a kernel page charged with __GFP_ACCOUNT */
	__NR_MEMCG_DATA_FLAGS = (1UL << 2),
};

#define MEMCG_DATA_FLAGS_MASK	(__NR_MEMCG_DATA_FLAGS - 1)

struct mem_cgroup {
	struct page_counter memory;	/* memory.current / memory.max / memory.high */
	struct mem_cgroup *parent;	/* NULL only for the root */
	const char *name;		/* the directory name; "" for the root */
	const char *path;		/* "/a/b"; "/" for the root */
	unsigned short id;		/* mem_cgroup_id(): 1 for the root */
	bool online;			/* false once destroyed; charges may still pin it */
	refcount_t refcnt;		/* the css reference count */
	atomic_t nr_tasks;		/* tasks whose task_struct->memcg this is */
	struct list_head sibling;	/* in the parent's children while online */
	struct list_head children;
	/* memory.events counts for the subtree, memory.events.local for this memcg alone */
	atomic_long_t memory_events[MEMCG_NR_MEMORY_EVENTS];
	atomic_long_t memory_events_local[MEMCG_NR_MEMORY_EVENTS];
	/*
	 * Slab objects are charged in bytes (the kernel's obj_cgroup): the page counter takes
	 * whole pages and obj_stock keeps the bytes of them that no object uses (less than a
	 * page once no charge is in flight).
	 */
	atomic_long_t obj_stock;
	/* memory.stat slab_reclaimable and slab_unreclaimable, bytes, with the descendants' */
	atomic_long_t slab_reclaimable;
	atomic_long_t slab_unreclaimable;
	struct rcu_head rcu;
};

extern struct mem_cgroup *root_mem_cgroup;

/* Memory cgroups are always on in krt (the kernel's cgroup_disable=memory is not modelled). */
static inline bool mem_cgroup_disabled(void)
{
	return false;
}

static inline bool memcg_kmem_online(void)
{
	return true;
}

static inline bool mem_cgroup_is_root(struct mem_cgroup *memcg)
{
	return memcg == root_mem_cgroup;
}

/* parent_mem_cgroup - @memcg's parent, NULL for the root */
static inline struct mem_cgroup *parent_mem_cgroup(struct mem_cgroup *memcg)
{
	return memcg->parent;
}

/* mem_cgroup_online - false once the memcg was destroyed (it may live on while charged) */
static inline bool mem_cgroup_online(struct mem_cgroup *memcg)
{
	return READ_ONCE(memcg->online);
}

static inline unsigned short mem_cgroup_id(struct mem_cgroup *memcg)
{
	return memcg->id;
}

/* css_get() for a memcg the caller already holds a reference to (or pins by scope) */
static inline void mem_cgroup_get(struct mem_cgroup *memcg)
{
	if (memcg)
		refcount_inc(&memcg->refcnt);
}

/* mem_cgroup_tryget - take a reference unless the memcg is already being freed */
static inline bool mem_cgroup_tryget(struct mem_cgroup *memcg)
{
	return refcount_inc_not_zero(&memcg->refcnt);
}

void mem_cgroup_put(struct mem_cgroup *memcg);

struct mem_cgroup *mem_cgroup_from_task(struct task_struct *p);
struct mem_cgroup *get_mem_cgroup_from_current(void);
void mem_cgroup_exit(struct task_struct *p);

/* What reclaim may aim for: memory.max in pages (no swap to add). */
static inline unsigned long mem_cgroup_get_max(struct mem_cgroup *memcg)
{
	return READ_ONCE(memcg->memory.max);
}

/* mem_cgroup_size - pages charged to @memcg and its descendants */
static inline unsigned long mem_cgroup_size(struct mem_cgroup *memcg)
{
	return page_counter_read(&memcg->memory);
}

void memcg_memory_event(struct mem_cgroup *memcg, enum memcg_memory_event event);

/* folio_memcg_kmem - was @folio charged as a kernel page (__GFP_ACCOUNT)? */
static inline bool folio_memcg_kmem(struct folio *folio)
{
	return READ_ONCE(folio->memcg_data) & MEMCG_DATA_KMEM;
}

static inline bool PageMemcgKmem(struct page *page)
{
	return READ_ONCE(page->memcg_data) & MEMCG_DATA_KMEM;
}

/* folio_memcg_charged - is @folio charged to some memcg? */
static inline bool folio_memcg_charged(struct folio *folio)
{
	return READ_ONCE(folio->memcg_data) != 0;
}

/*
 * folio_memcg - the memcg @folio is charged to, or NULL. Stable while the caller owns the
 * folio (the charge holds a reference on the memcg).
 */
static inline struct mem_cgroup *folio_memcg(struct folio *folio)
{
	unsigned long memcg_data = READ_ONCE(folio->memcg_data);

	if (memcg_data & MEMCG_DATA_OBJEXTS)
		return NULL;
	return (struct mem_cgroup *)(memcg_data & ~MEMCG_DATA_FLAGS_MASK);
}

static inline struct mem_cgroup *page_memcg(struct page *page)
{
	return folio_memcg((struct folio *)page);
}

/**
 * __memcg_kmem_charge_page - charge a page the allocator just handed out with __GFP_ACCOUNT
 * @page: the (head) page
 * @gfp: the allocation's flags; they decide whether the charge may reclaim, OOM or overshoot
 * @order: the allocation's order
 *
 * Return: 0 (the page is charged, or the allocating context belongs to the root, which is not
 * charged), or -ENOMEM when the memcg is over memory.max even after its reclaim; the allocator
 * then frees the page and fails the allocation.
 */
int __memcg_kmem_charge_page(struct page *page, gfp_t gfp, int order);
/* __memcg_kmem_uncharge_page - the page allocator frees a charged page of @order */
void __memcg_kmem_uncharge_page(struct page *page, int order);

static inline int memcg_kmem_charge_page(struct page *page, gfp_t gfp, int order)
{
	if (memcg_kmem_online())
		return __memcg_kmem_charge_page(page, gfp, order);
	return 0;
}

static inline void memcg_kmem_uncharge_page(struct page *page, int order)
{
	if (memcg_kmem_online() && page->memcg_data)
		__memcg_kmem_uncharge_page(page, order);
}

/*
 * split_page_memcg - split_page() made 2^(old_order - new_order) pages of one charged one:
 * each piece gets the charge's memcg_data (and a reference), so each can be freed alone.
 */
void memcg_kmem_uncharge_pages_keep(struct page *page, unsigned long nr);
void split_page_memcg(struct page *head, int old_order, int new_order);

/*
 * mem_cgroup_from_slab_obj - the memcg a live slab object (or large kmalloc) is charged to, or
 * NULL when it is not charged. No reference is taken: the object's charge pins the memcg.
 */
struct mem_cgroup *mem_cgroup_from_slab_obj(void *p);

/* For the OOM report of a memcg OOM (mm/oom_kill.c); call with oom_lock held. */
void mem_cgroup_print_oom_context(struct mem_cgroup *memcg, struct task_struct *p);
void mem_cgroup_print_oom_meminfo(struct mem_cgroup *memcg);

#endif /* _LINUX_MEMCONTROL_H */
