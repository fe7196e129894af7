// SPDX-License-Identifier: MIT
/*
 * Memory cgroups: a minimal cgroup-v2 memory controller.
 *
 * A memcg is a node of a tree under the root ("/"). Its page counter is linked to its parent's,
 * so a charge counts against memory.max of every ancestor, and memory.current of an ancestor
 * includes its descendants. The root is never charged itself (as in the kernel, tasks of the
 * root cgroup allocate without accounting) and has no limit.
 *
 * Only kernel memory is charged here: the page allocator calls __memcg_kmem_charge_page() for
 * __GFP_ACCOUNT allocations and __memcg_kmem_uncharge_page() when it frees a page whose
 * memcg_data is set; the slab allocator charges objects of SLAB_ACCOUNT caches and of
 * kmalloc(__GFP_ACCOUNT) in bytes through memcg_slab_post_alloc_hook() and
 * memcg_slab_free_hook(). A charge above memory.max reclaims within the memcg (the memcg-aware
 * shrinkers, through try_to_free_mem_cgroup_pages()), then declares a memcg OOM: the report is
 * printed, nothing is killed (krt has no processes), and the charge fails. It never leads to a
 * global OOM.
 *
 * Lifetime: a memcg is reference counted like the kernel's css. The creator holds one
 * reference, each child, each attached task, each charged page and each charged slab object
 * hold one. Destroying a memcg
 * takes it offline (files removed, name free again) and drops the creator's reference; the
 * struct goes away after an RCU grace period once the last charged page is freed, because the
 * charge path finds a task's memcg under rcu_read_lock() without holding anything.
 *
 * Locking: memcg_mutex (the kernel's cgroup_mutex) serialises changes to the tree and task
 * moves. Charging takes no lock; counters and events are atomic.
 */
#include <linux/memcontrol.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/seq_file.h>
#include <linux/oom.h>
#include <linux/log2.h>
#include <linux/overflow.h>
#include <linux/spinlock.h>
#include <linux/export.h>
#include <krt/memcg.h>
#include <krt/proc.h>
#include <krt/leak.h>

#include "internal.h"
#include "slab.h"

#define CGROUP_FS_ROOT	"/sys/fs/cgroup"
#define MEMCG_NAME_MAX	255
#define MEM_CGROUP_ID_MAX	0xffff

/* Pages to kB, for the OOM report. */
#define K(x) ((unsigned long long)(x) << (PAGE_SHIFT - 10))

static struct mem_cgroup root_memcg = {
	.memory = {
		.max = PAGE_COUNTER_MAX,
		.high = PAGE_COUNTER_MAX,
	},
	.name = "",
	.path = "/",
	.id = 1,
	.online = true,
	.refcnt = REFCOUNT_INIT(1),
	.sibling = LIST_HEAD_INIT(root_memcg.sibling),
	.children = LIST_HEAD_INIT(root_memcg.children),
};

struct mem_cgroup *root_mem_cgroup = &root_memcg;
EXPORT_SYMBOL(root_mem_cgroup);

static DEFINE_MUTEX(memcg_mutex);
static unsigned short memcg_next_id = 2;	/* under memcg_mutex; the root is 1 */
static atomic_long_t nr_memcgs;
static atomic_t nr_memcgs_freeing;	/* queued for freeing after a grace period */

/* ---- lifetime ---------------------------------------------------------------------------- */

static void memcg_free_rcu(struct rcu_head *rcu)
{
	struct mem_cgroup *memcg = container_of(rcu, struct mem_cgroup, rcu);
	struct mem_cgroup *parent = memcg->parent;

	/* Every charge holds a reference, so nothing can still be charged here. */
	WARN_ON_ONCE(page_counter_read(&memcg->memory) || atomic_long_read(&memcg->obj_stock));
	kfree(memcg->name);
	kfree(memcg->path);
	kfree(memcg);
	atomic_long_dec(&nr_memcgs);
	/* The parent's free, if this was its last reference, is queued before we stop counting. */
	mem_cgroup_put(parent);
	atomic_dec_return_release(&nr_memcgs_freeing);
}

/**
 * mem_cgroup_put - drop a reference on @memcg
 * @memcg: the memcg, or NULL
 *
 * The last reference of a destroyed memcg frees it after a grace period (lockless charge paths
 * may still be looking at it); callable from any context.
 */
void mem_cgroup_put(struct mem_cgroup *memcg)
{
	if (!memcg)
		return;
	if (refcount_dec_and_test(&memcg->refcnt)) {
		if (WARN_ON_ONCE(mem_cgroup_is_root(memcg) || memcg->online))
			return;
		atomic_inc(&nr_memcgs_freeing);
		call_rcu(&memcg->rcu, memcg_free_rcu);
	}
}
EXPORT_SYMBOL(mem_cgroup_put);

/*
 * The memcg a charge from the calling context goes to, referenced, or NULL for the root. A
 * destroyed memcg still set as active (or, briefly, a task's) passes its charges to the nearest
 * online ancestor, as the kernel's objcg reparenting does.
 */
static struct mem_cgroup *get_charge_target(void)
{
	struct mem_cgroup *memcg;

	rcu_read_lock();
	memcg = READ_ONCE(current->active_memcg);
	/* In interrupt context only an explicitly set memcg counts, not the interrupted task's. */
	if (!memcg && in_task())
		memcg = READ_ONCE(current->memcg);
	for (; memcg && !mem_cgroup_is_root(memcg); memcg = memcg->parent)
		if (mem_cgroup_online(memcg) && mem_cgroup_tryget(memcg))
			break;
	rcu_read_unlock();
	if (memcg && mem_cgroup_is_root(memcg))
		return NULL;
	return memcg;
}

/**
 * mem_cgroup_from_task - the memcg @p belongs to (no reference taken)
 * @p: the task
 *
 * Return: @p's memcg, or the root. Stable while @p stays attached to it.
 */
struct mem_cgroup *mem_cgroup_from_task(struct task_struct *p)
{
	struct mem_cgroup *memcg = READ_ONCE(p->memcg);

	return memcg ? memcg : root_mem_cgroup;
}
EXPORT_SYMBOL(mem_cgroup_from_task);

/**
 * get_mem_cgroup_from_current - the memcg the calling task charges to, referenced
 *
 * The active memcg if one is set, else the task's own, else the root.
 *
 * Return: the memcg; drop the reference with mem_cgroup_put().
 */
struct mem_cgroup *get_mem_cgroup_from_current(void)
{
	struct mem_cgroup *memcg = get_charge_target();

	if (!memcg) {
		memcg = root_mem_cgroup;
		mem_cgroup_get(memcg);
	}
	return memcg;
}
EXPORT_SYMBOL(get_mem_cgroup_from_current);

/**
 * mem_cgroup_exit - @p is going away: leave its memcg
 * @p: the task
 *
 * Called when a task_struct is freed; any context.
 */
void mem_cgroup_exit(struct task_struct *p)
{
	struct mem_cgroup *memcg = xchg(&p->memcg, NULL);

	if (memcg) {
		atomic_dec(&memcg->nr_tasks);
		mem_cgroup_put(memcg);
	}
}
EXPORT_SYMBOL(mem_cgroup_exit);

/* ---- events ------------------------------------------------------------------------------ */

/**
 * memcg_memory_event - count @event in memory.events.local of @memcg and memory.events of it
 * and its ancestors (the root has no memory.events)
 * @memcg: where the event happened
 * @event: which
 */
void memcg_memory_event(struct mem_cgroup *memcg, enum memcg_memory_event event)
{
	atomic_long_inc(&memcg->memory_events_local[event]);
	for (; memcg && !mem_cgroup_is_root(memcg); memcg = parent_mem_cgroup(memcg))
		atomic_long_inc(&memcg->memory_events[event]);
}
EXPORT_SYMBOL(memcg_memory_event);

/**
 * krt_memcg_event - how often @event happened in @memcg's subtree
 * @memcg: the memcg
 * @event: which event
 *
 * Return: the count memory.events shows.
 */
unsigned long krt_memcg_event(struct mem_cgroup *memcg, enum memcg_memory_event event)
{
	return atomic_long_read(&memcg->memory_events[event]);
}
EXPORT_SYMBOL(krt_memcg_event);

/* ---- charging ---------------------------------------------------------------------------- */

/* How many pages @memcg may still take before its own memory.max. */
static unsigned long mem_cgroup_margin(struct mem_cgroup *memcg)
{
	unsigned long usage = page_counter_read(&memcg->memory);
	unsigned long max = READ_ONCE(memcg->memory.max);

	return usage < max ? max - usage : 0;
}

/*
 * A memcg OOM. krt kills nothing: out_of_memory() prints the report (with our context and
 * meminfo lines) and says whether to retry, which for a memcg it never does.
 */
static bool mem_cgroup_out_of_memory(struct mem_cgroup *memcg, gfp_t gfp_mask, int order)
{
	struct oom_control oc = {
		.memcg = memcg,
		.gfp_mask = gfp_mask,
		.order = order,
		.constraint = CONSTRAINT_MEMCG,
	};
	bool ret = true;

	mutex_lock(&oom_lock);
	/* Someone freed memory while we waited for the lock: no OOM after all. */
	if (mem_cgroup_margin(memcg) < (1UL << order))
		ret = out_of_memory(&oc);
	mutex_unlock(&oom_lock);
	return ret;
}

static bool mem_cgroup_oom(struct mem_cgroup *memcg, gfp_t gfp_mask, int order)
{
	/* Costly orders fail without an OOM; their callers have fallbacks. */
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return false;
	memcg_memory_event(memcg, MEMCG_OOM);
	return mem_cgroup_out_of_memory(memcg, gfp_mask, order);
}

/*
 * Above memory.high the charge stands, but the memcg (or ancestor) over it counts a "high"
 * event and, if the caller may block, reclaims back toward high right away. (The kernel
 * defers this reclaim to the return to user space, or to a work item for callers that may
 * not block, and adds a throttling delay; krt has no user space and does neither.)
 */
static void memcg_over_high(struct mem_cgroup *memcg, gfp_t gfp_mask)
{
	bool may_reclaim = gfpflags_allow_blocking(gfp_mask) && !(current->flags & PF_MEMALLOC);

	for (; memcg && !mem_cgroup_is_root(memcg); memcg = parent_mem_cgroup(memcg)) {
		unsigned long usage = page_counter_read(&memcg->memory);
		unsigned long high = READ_ONCE(memcg->memory.high);

		if (usage <= high)
			continue;
		memcg_memory_event(memcg, MEMCG_HIGH);
		if (may_reclaim)
			try_to_free_mem_cgroup_pages(memcg, usage - high, gfp_mask,
						     MEMCG_RECLAIM_MAY_SWAP);
	}
}

/*
 * Charge @nr_pages to @memcg, the kernel's try_charge_memcg() without the per-cpu stock: krt
 * charges the counters directly, so memory.current is exact at every moment.
 */
static int try_charge_memcg(struct mem_cgroup *memcg, gfp_t gfp_mask, unsigned int nr_pages)
{
	int nr_retries = MAX_RECLAIM_RETRIES;
	struct mem_cgroup *mem_over_limit;
	bool raised_max_event = false;
	struct page_counter *counter;
	unsigned long nr_reclaimed;
	int ret = 0;

retry:
	if (page_counter_try_charge(&memcg->memory, nr_pages, &counter)) {
		memcg_over_high(memcg, gfp_mask);
		return 0;
	}
	mem_over_limit = container_of(counter, struct mem_cgroup, memory);

	/* Reclaim's own allocations must not recurse into reclaim: let them overshoot. */
	if (unlikely(current->flags & PF_MEMALLOC))
		goto force;
	if (!gfpflags_allow_blocking(gfp_mask))
		goto nomem;

	memcg_memory_event(mem_over_limit, MEMCG_MAX);
	raised_max_event = true;

	nr_reclaimed = try_to_free_mem_cgroup_pages(mem_over_limit, nr_pages, gfp_mask,
						    MEMCG_RECLAIM_MAY_SWAP);
	if (mem_cgroup_margin(mem_over_limit) >= nr_pages)
		goto retry;
	if (gfp_mask & __GFP_NORETRY)
		goto nomem;
	/* Progress is worth another try, for sizes that may fit into what was freed. */
	if (nr_reclaimed && nr_pages <= (1 << PAGE_ALLOC_COSTLY_ORDER))
		goto retry;
	if (nr_retries--)
		goto retry;
	if (gfp_mask & __GFP_RETRY_MAYFAIL)
		goto nomem;
	if (mem_cgroup_oom(mem_over_limit, gfp_mask, order_base_2(nr_pages))) {
		nr_retries = MAX_RECLAIM_RETRIES;
		goto retry;
	}
nomem:
	/*
	 * There is no memcg reserve for atomic allocations: like NOFAIL ones, __GFP_HIGH ones
	 * go through above the limit and regular allocations pay for it with reclaim.
	 */
	if (!(gfp_mask & (__GFP_NOFAIL | __GFP_HIGH))) {
		ret = -ENOMEM;
		goto out;
	}
force:
	page_counter_charge(&memcg->memory, nr_pages);
out:
	if (!raised_max_event)
		memcg_memory_event(mem_over_limit, MEMCG_MAX);
	return ret;
}

/**
 * __memcg_kmem_charge_page - charge a page the allocator just handed out with __GFP_ACCOUNT
 * @page: the (head) page
 * @gfp: the allocation's flags; they decide whether the charge may reclaim, OOM or overshoot
 * @order: the allocation's order
 *
 * The memcg is the active one (set_active_memcg()), else the calling task's; the root is not
 * charged. On success @page->memcg_data points at the memcg (with MEMCG_DATA_KMEM), which
 * stays referenced until __memcg_kmem_uncharge_page().
 *
 * Return: 0, or -ENOMEM when the memcg stays over memory.max after its reclaim and OOM.
 */
int __memcg_kmem_charge_page(struct page *page, gfp_t gfp, int order)
{
	struct mem_cgroup *memcg = get_charge_target();
	int ret;

	if (!memcg)
		return 0;
	ret = try_charge_memcg(memcg, gfp, 1U << order);
	if (ret) {
		mem_cgroup_put(memcg);
		return ret;
	}
	/* The reference taken above becomes the page's. */
	WARN_ON_ONCE(page->memcg_data);
	WRITE_ONCE(page->memcg_data, (unsigned long)memcg | MEMCG_DATA_KMEM);
	return 0;
}
EXPORT_SYMBOL(__memcg_kmem_charge_page);

/**
 * __memcg_kmem_uncharge_page - the page allocator frees a page charged with __GFP_ACCOUNT
 * @page: the (head) page, as passed to __memcg_kmem_charge_page() or split_page_memcg()
 * @order: its order
 *
 * Pages whose memcg_data is not a kmem charge (none, or slab's object vector) are left alone.
 */
void __memcg_kmem_uncharge_page(struct page *page, int order)
{
	unsigned long memcg_data = READ_ONCE(page->memcg_data);
	struct mem_cgroup *memcg;

	if (!(memcg_data & MEMCG_DATA_KMEM))
		return;
	memcg = (struct mem_cgroup *)(memcg_data & ~MEMCG_DATA_FLAGS_MASK);
	page_counter_uncharge(&memcg->memory, 1UL << order);
	WRITE_ONCE(page->memcg_data, 0);
	mem_cgroup_put(memcg);
}
EXPORT_SYMBOL(__memcg_kmem_uncharge_page);

/**
 * memcg_kmem_uncharge_pages_keep - uncharge @nr pages of a charged block, keep the rest
 * @page: the block's first page (its memcg_data stays, for what remains charged)
 * @nr: pages to uncharge now
 *
 * For __free_pages() of a non-compound block whose first page someone else still holds: the
 * rest of the block is freed at once, the first page later, as an order-0 page.
 */
void memcg_kmem_uncharge_pages_keep(struct page *page, unsigned long nr)
{
	unsigned long memcg_data = READ_ONCE(page->memcg_data);
	struct mem_cgroup *memcg;

	if (!(memcg_data & MEMCG_DATA_KMEM) || !nr)
		return;
	memcg = (struct mem_cgroup *)(memcg_data & ~MEMCG_DATA_FLAGS_MASK);
	page_counter_uncharge(&memcg->memory, nr);
}

/**
 * split_page_memcg - give each piece of a split charged page its share of the charge
 * @head: the first page of the charged block
 * @old_order: the block's order
 * @new_order: the order of the pieces
 */
void split_page_memcg(struct page *head, int old_order, int new_order)
{
	unsigned long memcg_data = READ_ONCE(head->memcg_data);
	unsigned int i, nr = 1U << (old_order - new_order);
	struct mem_cgroup *memcg;

	if (!(memcg_data & MEMCG_DATA_KMEM) || nr == 1)
		return;
	memcg = (struct mem_cgroup *)(memcg_data & ~MEMCG_DATA_FLAGS_MASK);
	/* Each piece will be uncharged (and drop a reference) on its own. */
	refcount_add(nr - 1, &memcg->refcnt);
	for (i = 1; i < nr; i++)
		WRITE_ONCE(head[i << new_order].memcg_data, memcg_data);
}
EXPORT_SYMBOL(split_page_memcg);

/* ---- slab objects ------------------------------------------------------------------------ */

/*
 * Slab objects are charged in bytes, as the kernel's obj_cgroup does: an object of a
 * SLAB_ACCOUNT cache, or one allocated with __GFP_ACCOUNT, charges s->size bytes to the memcg of
 * the allocating context. The page counter only takes whole pages; memcg->obj_stock keeps the
 * bytes of those pages that no object uses yet. So memory.current is the charged objects'
 * bytes rounded up to a page (plus, for a moment, what racing charges hold), and it comes back
 * to where it was once the objects are freed. The kernel keeps this stock per cpu; krt keeps
 * one per memcg.
 *
 * Which memcg each object went to is recorded, with a reference, in its slab's vector:
 * slab->obj_exts points at one entry per object (indexed by obj_to_index()), tagged with
 * MEMCG_DATA_OBJEXTS as in the kernel; a head in front of the entries counts the charged
 * objects (in front, because the allocator has cleared slab->objects by the time it calls
 * memcg_free_slab_obj_exts()). The slab's first charge allocates the vector and installs it
 * with cmpxchg(), and the slab frees it when it goes back to the page allocator.
 *
 * One addition to the kernel: memcg_reap_obj_exts() frees the vectors no charged object holds,
 * from krt_memcg_settle(), the leak checker's settle step. Without it, a KUnit case that
 * charged objects and freed them all would leave a vector behind on a slab the allocator keeps,
 * and be reported as a kmalloc leak. A reaped vector is marked dead first, so that a charge meeting it installs a
 * new one instead, and freed after a grace period, since the free hook of an uncharged object
 * reads the vector under rcu_read_lock() without a count.
 */

#define OBJ_EXTS_DEAD	(-1)

struct obj_exts_head {
	atomic_t nr_charged;		/* objects with an entry, or OBJ_EXTS_DEAD once reaped */
	struct slab *slab;
	struct list_head node;		/* on obj_exts_list while installed or being installed */
	struct rcu_head rcu;
	struct mem_cgroup *vec[];	/* what slab->obj_exts points at */
};

/* Every vector that may be installed, for memcg_reap_obj_exts(). */
static DEFINE_SPINLOCK(obj_exts_lock);
static LIST_HEAD(obj_exts_list);

static inline struct mem_cgroup **obj_exts_vec(unsigned long obj_exts)
{
	return (struct mem_cgroup **)(obj_exts & ~MEMCG_DATA_FLAGS_MASK);
}

static inline struct obj_exts_head *obj_exts_head(struct mem_cgroup **vec)
{
	return (struct obj_exts_head *)((char *)vec - offsetof(struct obj_exts_head, vec));
}

/* Give back @bytes of object charges: whole pages leave the page counter. */
static void obj_stock_refill(struct mem_cgroup *memcg, long bytes)
{
	long stock = atomic_long_add_return(bytes, &memcg->obj_stock);

	while (stock >= (long)PAGE_SIZE) {
		long nr_pages = stock >> PAGE_SHIFT;

		if (atomic_long_try_cmpxchg(&memcg->obj_stock, &stock,
					    stock - (nr_pages << PAGE_SHIFT))) {
			page_counter_uncharge(&memcg->memory, nr_pages);
			break;
		}
	}
}

/*
 * Charge @size bytes to @memcg: from its stock if that holds enough, else the missing whole
 * pages through try_charge_memcg(), with its reclaim, OOM and force-charge rules for @gfp.
 */
static int obj_stock_charge(struct mem_cgroup *memcg, gfp_t gfp, unsigned int size)
{
	long stock = atomic_long_read(&memcg->obj_stock);
	unsigned int nr_pages;

	while (stock >= size)
		if (atomic_long_try_cmpxchg(&memcg->obj_stock, &stock, stock - size))
			return 0;

	/* Take what is left, so that the pages charged for the rest are as few as can be. */
	stock = atomic_long_xchg(&memcg->obj_stock, 0);
	if (stock >= size) {
		if (stock > size)
			obj_stock_refill(memcg, stock - size);
		return 0;
	}
	nr_pages = DIV_ROUND_UP(size - stock, PAGE_SIZE);
	if (try_charge_memcg(memcg, gfp, nr_pages)) {
		if (stock)
			obj_stock_refill(memcg, stock);
		return -ENOMEM;
	}
	obj_stock_refill(memcg, stock + ((long)nr_pages << PAGE_SHIFT) - size);
	return 0;
}

/* memory.stat's slab_reclaimable/slab_unreclaimable of @memcg and its ancestors. */
static void memcg_slab_stat_mod(struct mem_cgroup *memcg, struct kmem_cache *s, long bytes)
{
	for (; memcg; memcg = parent_mem_cgroup(memcg)) {
		if (s->flags & SLAB_RECLAIM_ACCOUNT)
			atomic_long_add(bytes, &memcg->slab_reclaimable);
		else
			atomic_long_add(bytes, &memcg->slab_unreclaimable);
	}
}

/* A vector for @slab, counting one charged object, listed but not installed yet. */
static struct obj_exts_head *obj_exts_alloc(struct slab *slab)
{
	struct obj_exts_head *head;
	unsigned long flags;

	/* Not accounted (the vector is the allocator's), and not allowed to sleep or warn. */
	head = kzalloc(struct_size(head, vec, slab->objects), GFP_NOWAIT | __GFP_NOWARN);
	if (!head)
		return NULL;
	atomic_set(&head->nr_charged, 1);
	head->slab = slab;
	spin_lock_irqsave(&obj_exts_lock, flags);
	list_add(&head->node, &obj_exts_list);
	spin_unlock_irqrestore(&obj_exts_lock, flags);
	return head;
}

/* A vector that never was installed (or was unlisted and unpublished under the lock). */
static void obj_exts_discard(struct obj_exts_head *head)
{
	unsigned long flags;

	spin_lock_irqsave(&obj_exts_lock, flags);
	list_del(&head->node);
	spin_unlock_irqrestore(&obj_exts_lock, flags);
	kfree(head);
}

/*
 * The vector of @slab, counting one more charged object: the installed one, or a new one when
 * the slab has none or only a reaped one. Two charges may race to install one: cmpxchg() keeps
 * the first, the other joins it. NULL when there is no memory for a vector.
 */
static struct mem_cgroup **slab_obj_exts_get(struct slab *slab)
{
	struct obj_exts_head *head, *new = NULL;
	unsigned long old;

	rcu_read_lock();
	old = READ_ONCE(slab->obj_exts);
	for (;;) {
		if (old) {
			head = obj_exts_head(obj_exts_vec(old));
			if (atomic_fetch_add_unless(&head->nr_charged, 1, OBJ_EXTS_DEAD) !=
			    OBJ_EXTS_DEAD)
				break;
		}
		if (!new) {
			rcu_read_unlock();
			new = obj_exts_alloc(slab);
			if (!new)
				return NULL;
			rcu_read_lock();
			old = READ_ONCE(slab->obj_exts);
			continue;
		}
		if (try_cmpxchg(&slab->obj_exts, &old,
				(unsigned long)new->vec | MEMCG_DATA_OBJEXTS)) {
			head = new;
			new = NULL;
			break;
		}
	}
	rcu_read_unlock();
	if (new)
		obj_exts_discard(new);
	return head->vec;
}

/**
 * memcg_slab_post_alloc_hook - charge a slab object just allocated to the current memcg
 * @s: its cache (SLAB_ACCOUNT, or the allocation had __GFP_ACCOUNT)
 * @gfp: the allocation's flags; they decide whether the charge may reclaim, OOM or overshoot
 * @obj: the object
 *
 * The memcg is the active one (set_active_memcg()), else the calling task's; the root is not
 * charged. s->size bytes are charged (whole pages to the page counter, see obj_stock_charge())
 * and the memcg is recorded, with a reference, in the slab's vector until
 * memcg_slab_free_hook().
 *
 * Return: true if @obj may be handed out; false when the memcg stays over memory.max after its
 * reclaim and OOM, or no vector could be allocated: the allocator then frees @obj and fails.
 */
bool memcg_slab_post_alloc_hook(struct kmem_cache *s, gfp_t gfp, void *obj)
{
	struct slab *slab = virt_to_slab(obj);
	struct mem_cgroup *memcg, **vec;
	unsigned int idx;

	if (mem_cgroup_disabled() || !memcg_kmem_online())
		return true;
	memcg = get_charge_target();
	if (!memcg)
		return true;
	if (obj_stock_charge(memcg, gfp, s->size))
		goto fail;
	vec = slab_obj_exts_get(slab);
	if (unlikely(!vec)) {
		obj_stock_refill(memcg, s->size);
		goto fail;
	}
	memcg_slab_stat_mod(memcg, s, s->size);
	idx = obj_to_index(s, slab, obj);
	WARN_ON_ONCE(READ_ONCE(vec[idx]));
	/* The reference get_charge_target() took is the object's now. */
	WRITE_ONCE(vec[idx], memcg);
	return true;

fail:
	mem_cgroup_put(memcg);
	return false;
}

/**
 * memcg_slab_free_hook - uncharge a slab object that is being freed
 * @s: its cache
 * @slab: its slab, which has a vector
 * @obj: the object
 *
 * An object that was not charged (allocated by the root, or before the slab had a vector) is
 * left alone. Any context.
 */
void memcg_slab_free_hook(struct kmem_cache *s, struct slab *slab, void *obj)
{
	unsigned int idx = obj_to_index(s, slab, obj);
	struct mem_cgroup *memcg = NULL, **vec;

	/* Without a charge of ours, the vector may be reaped under us: look under RCU. */
	rcu_read_lock();
	vec = obj_exts_vec(READ_ONCE(slab->obj_exts));
	if (vec)
		memcg = READ_ONCE(vec[idx]);
	rcu_read_unlock();
	if (!memcg)
		return;
	/* Our charge is counted in the vector: it stays installed until the decrement. */
	WRITE_ONCE(vec[idx], NULL);
	memcg_slab_stat_mod(memcg, s, -(long)s->size);
	obj_stock_refill(memcg, s->size);
	atomic_dec(&obj_exts_head(vec)->nr_charged);
	mem_cgroup_put(memcg);
}

/**
 * memcg_free_slab_obj_exts - a slab goes back to the page allocator: free its vector
 * @slab: the slab, whose objects are all free
 *
 * Sets slab->obj_exts to 0.
 */
void memcg_free_slab_obj_exts(struct slab *slab)
{
	struct obj_exts_head *head = NULL;
	unsigned long obj_exts, flags;

	/* Under the lock, so that memcg_reap_obj_exts() does not take it at the same time. */
	spin_lock_irqsave(&obj_exts_lock, flags);
	obj_exts = xchg(&slab->obj_exts, 0UL);
	if (obj_exts && !WARN_ON_ONCE(!(obj_exts & MEMCG_DATA_OBJEXTS))) {
		head = obj_exts_head(obj_exts_vec(obj_exts));
		list_del(&head->node);
	}
	spin_unlock_irqrestore(&obj_exts_lock, flags);
	if (!head)
		return;
	/* Objects freed without memcg_slab_free_hook() would keep their memcg forever. */
	WARN_ON_ONCE(atomic_read(&head->nr_charged));
	kfree(head);
}

static void obj_exts_free_rcu(struct rcu_head *rcu)
{
	kfree(container_of(rcu, struct obj_exts_head, rcu));
}

/*
 * Free the vectors that no charged object holds (see the top of this section). Returns
 * whether one was queued for freeing after a grace period.
 */
static bool memcg_reap_obj_exts(void)
{
	struct obj_exts_head *head, *next;
	unsigned long flags;
	LIST_HEAD(reaped);

	spin_lock_irqsave(&obj_exts_lock, flags);
	list_for_each_entry_safe(head, next, &obj_exts_list, node) {
		if (atomic_cmpxchg(&head->nr_charged, 0, OBJ_EXTS_DEAD) != 0)
			continue;
		/* A charge that met it dead may have installed a new vector already. */
		cmpxchg(&head->slab->obj_exts, (unsigned long)head->vec | MEMCG_DATA_OBJEXTS, 0UL);
		list_move(&head->node, &reaped);
	}
	spin_unlock_irqrestore(&obj_exts_lock, flags);

	list_for_each_entry_safe(head, next, &reaped, node)
		call_rcu(&head->rcu, obj_exts_free_rcu);
	return !list_empty(&reaped);
}

/**
 * mem_cgroup_from_slab_obj - the memcg a live slab object is charged to
 * @p: a pointer to (or into) a slab object, or to a large kmalloc allocation
 *
 * Return: the memcg, without a reference (the object's charge pins it while the object
 * lives), or NULL when the object is not charged or @p is not slab memory.
 */
struct mem_cgroup *mem_cgroup_from_slab_obj(void *p)
{
	struct mem_cgroup *memcg = NULL, **vec;
	struct slab *slab;

	if (!virt_addr_valid(p))
		return NULL;
	slab = virt_to_slab(p);
	if (!slab)
		return page_memcg(compound_head(virt_to_page(p)));
	rcu_read_lock();
	vec = obj_exts_vec(READ_ONCE(slab->obj_exts));
	if (vec)
		memcg = READ_ONCE(vec[obj_to_index(slab->slab_cache, slab, p)]);
	rcu_read_unlock();
	return memcg;
}
EXPORT_SYMBOL(mem_cgroup_from_slab_obj);

/* ---- the OOM report ---------------------------------------------------------------------- */

/*
 * memory.stat: the kernel's first keys; only kernel memory is charged in krt, so "kernel" (all
 * of memory.current) and the slab keys (the bytes of charged slab objects) are the non-zero
 * ones. Like the kernel's, the counts include the descendants'.
 */
static void memory_stat_format(struct mem_cgroup *memcg,
			       void (*emit)(void *arg, const char *key, u64 val), void *arg)
{
	static const char *const zero_before[] = { "anon", "file" };
	static const char *const zero_after[] = {
		"kernel_stack", "pagetables", "sec_pagetables", "percpu", "sock", "vmalloc",
		"shmem",
	};
	long reclaimable = max(atomic_long_read(&memcg->slab_reclaimable), 0L);
	long unreclaimable = max(atomic_long_read(&memcg->slab_unreclaimable), 0L);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(zero_before); i++)
		emit(arg, zero_before[i], 0);
	emit(arg, "kernel", (u64)page_counter_read(&memcg->memory) * PAGE_SIZE);
	for (i = 0; i < ARRAY_SIZE(zero_after); i++)
		emit(arg, zero_after[i], 0);
	emit(arg, "slab_reclaimable", reclaimable);
	emit(arg, "slab_unreclaimable", unreclaimable);
	emit(arg, "slab", (u64)reclaimable + unreclaimable);
}

static void stat_emit_printk(void *arg, const char *key, u64 val)
{
	pr_info("%s %llu\n", key, (unsigned long long)val);
}

/**
 * mem_cgroup_print_oom_context - the memcg part of the OOM report's "oom-kill:" line
 * @memcg: the memcg that went over its limit, or NULL for a global OOM
 * @p: the task that would be killed, or NULL
 */
void mem_cgroup_print_oom_context(struct mem_cgroup *memcg, struct task_struct *p)
{
	if (memcg)
		pr_cont(",oom_memcg=%s", memcg->path);
	else
		pr_cont(",global_oom");
	if (p)
		pr_cont(",task_memcg=%s", mem_cgroup_from_task(p)->path);
}
EXPORT_SYMBOL(mem_cgroup_print_oom_context);

/**
 * mem_cgroup_print_oom_meminfo - the memcg's usage, limit and stats, for the OOM report
 * @memcg: the memcg that went over its limit
 */
void mem_cgroup_print_oom_meminfo(struct mem_cgroup *memcg)
{
	pr_info("memory: usage %llukB, limit %llukB, failcnt %lu\n",
		K(page_counter_read(&memcg->memory)), K(READ_ONCE(memcg->memory.max)),
		READ_ONCE(memcg->memory.failcnt));
	/* There is no swap: the kernel's line for a cgroup without any. */
	pr_info("swap: usage %llukB, limit %llukB, failcnt %lu\n", 0ULL, K(PAGE_COUNTER_MAX),
		0UL);
	pr_info("Memory cgroup stats for %s:\n", memcg->path);
	memory_stat_format(memcg, stat_emit_printk, NULL);
}
EXPORT_SYMBOL(mem_cgroup_print_oom_meminfo);

/* ---- /sys/fs/cgroup files ---------------------------------------------------------------- */

static bool memcg_file_get(void *priv)
{
	return mem_cgroup_tryget(priv);
}

static void memcg_file_put(void *priv)
{
	mem_cgroup_put(priv);
}

/* "max" or the byte count, as the kernel's memory.max/high show them. */
static void seq_puts_memcg_tunable(struct seq_file *m, unsigned long value)
{
	if (value == PAGE_COUNTER_MAX)
		seq_puts(m, "max\n");
	else
		seq_printf(m, "%llu\n", (unsigned long long)value * PAGE_SIZE);
}

/* Copy a write into a NUL-terminated buffer and parse it as a limit in pages. */
static int memcg_parse_limit(const char *ubuf, size_t len, unsigned long *nr_pages)
{
	char buf[64];

	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, ubuf, len);
	buf[len] = '\0';
	return page_counter_memparse(strstrip(buf), "max", nr_pages);
}

static int memory_current_show(struct seq_file *m, void *priv)
{
	struct mem_cgroup *memcg = priv;

	seq_printf(m, "%llu\n", (unsigned long long)page_counter_read(&memcg->memory) * PAGE_SIZE);
	return 0;
}

static int memory_peak_show(struct seq_file *m, void *priv)
{
	struct mem_cgroup *memcg = priv;

	seq_printf(m, "%llu\n", (unsigned long long)READ_ONCE(memcg->memory.watermark) * PAGE_SIZE);
	return 0;
}

static int memory_high_show(struct seq_file *m, void *priv)
{
	seq_puts_memcg_tunable(m, READ_ONCE(((struct mem_cgroup *)priv)->memory.high));
	return 0;
}

/* Lowering memory.high reclaims down to it while reclaim makes progress; it never OOMs. */
static ssize_t memory_high_write(void *priv, const char *ubuf, size_t len)
{
	unsigned int nr_retries = MAX_RECLAIM_RETRIES;
	struct mem_cgroup *memcg = priv;
	unsigned long high;
	int err;

	err = memcg_parse_limit(ubuf, len, &high);
	if (err)
		return err;
	page_counter_set_high(&memcg->memory, high);

	for (;;) {
		unsigned long nr_pages = page_counter_read(&memcg->memory);
		unsigned long reclaimed;

		if (high != READ_ONCE(memcg->memory.high) || nr_pages <= high)
			break;
		if (signal_pending(current))
			break;
		reclaimed = try_to_free_mem_cgroup_pages(memcg, nr_pages - high, GFP_KERNEL,
							 MEMCG_RECLAIM_MAY_SWAP);
		if (!reclaimed && !nr_retries--)
			break;
	}
	return len;
}

static int memory_max_show(struct seq_file *m, void *priv)
{
	seq_puts_memcg_tunable(m, READ_ONCE(((struct mem_cgroup *)priv)->memory.max));
	return 0;
}

/*
 * Lowering memory.max below usage reclaims; if reclaim cannot get below it, a memcg OOM is
 * declared (event and report). The limit stays set either way, as in the kernel.
 */
static ssize_t memory_max_write(void *priv, const char *ubuf, size_t len)
{
	unsigned int nr_reclaims = MAX_RECLAIM_RETRIES;
	struct mem_cgroup *memcg = priv;
	unsigned long max;
	int err;

	err = memcg_parse_limit(ubuf, len, &max);
	if (err)
		return err;
	xchg(&memcg->memory.max, max);

	for (;;) {
		unsigned long nr_pages = page_counter_read(&memcg->memory);

		if (max != READ_ONCE(memcg->memory.max) || nr_pages <= max)
			break;
		if (signal_pending(current))
			break;
		if (nr_reclaims) {
			if (!try_to_free_mem_cgroup_pages(memcg, nr_pages - max, GFP_KERNEL,
							  MEMCG_RECLAIM_MAY_SWAP))
				nr_reclaims--;
			continue;
		}
		memcg_memory_event(memcg, MEMCG_OOM);
		if (!mem_cgroup_out_of_memory(memcg, GFP_KERNEL, 0))
			break;
	}
	return len;
}

static void memory_events_print(struct seq_file *m, atomic_long_t *events)
{
	seq_printf(m, "low %lu\n", atomic_long_read(&events[MEMCG_LOW]));
	seq_printf(m, "high %lu\n", atomic_long_read(&events[MEMCG_HIGH]));
	seq_printf(m, "max %lu\n", atomic_long_read(&events[MEMCG_MAX]));
	seq_printf(m, "oom %lu\n", atomic_long_read(&events[MEMCG_OOM]));
	seq_printf(m, "oom_kill %lu\n", atomic_long_read(&events[MEMCG_OOM_KILL]));
	seq_printf(m, "oom_group_kill %lu\n", atomic_long_read(&events[MEMCG_OOM_GROUP_KILL]));
}

static int memory_events_show(struct seq_file *m, void *priv)
{
	memory_events_print(m, ((struct mem_cgroup *)priv)->memory_events);
	return 0;
}

static int memory_events_local_show(struct seq_file *m, void *priv)
{
	memory_events_print(m, ((struct mem_cgroup *)priv)->memory_events_local);
	return 0;
}

static void stat_emit_seq(void *arg, const char *key, u64 val)
{
	seq_printf(arg, "%s %llu\n", key, (unsigned long long)val);
}

static int memory_stat_show(struct seq_file *m, void *priv)
{
	memory_stat_format(priv, stat_emit_seq, m);
	return 0;
}

struct memcg_file {
	const char *name;
	struct krt_proc_ops ops;
	bool on_root;		/* the root has only some files (no limits, no events) */
};

/* Every file pins its memcg for the duration of a read or write. */
#define MEMCG_FILE(_name, _show, _write, _on_root)				\
	{ .name = _name, .on_root = _on_root,					\
	  .ops = { .show = _show, .write = _write,				\
		   .get = memcg_file_get, .put = memcg_file_put } }

static const struct memcg_file memcg_files[] = {
	MEMCG_FILE("memory.current", memory_current_show, NULL, false),
	MEMCG_FILE("memory.peak", memory_peak_show, NULL, false),
	MEMCG_FILE("memory.high", memory_high_show, memory_high_write, false),
	MEMCG_FILE("memory.max", memory_max_show, memory_max_write, false),
	MEMCG_FILE("memory.events", memory_events_show, NULL, false),
	MEMCG_FILE("memory.events.local", memory_events_local_show, NULL, false),
	MEMCG_FILE("memory.stat", memory_stat_show, NULL, true),
};

/* The directory of @memcg's files, with a trailing '/'. kfree() it. */
static char *memcg_dir(struct mem_cgroup *memcg)
{
	if (mem_cgroup_is_root(memcg))
		return kstrdup(CGROUP_FS_ROOT "/", GFP_KERNEL);
	return kasprintf(GFP_KERNEL, CGROUP_FS_ROOT "%s/", memcg->path);
}

static int memcg_create_files(struct mem_cgroup *memcg)
{
	char *dir = memcg_dir(memcg);
	unsigned int i;
	int err = 0;

	if (!dir)
		return -ENOMEM;
	for (i = 0; i < ARRAY_SIZE(memcg_files) && !err; i++) {
		struct krt_proc_entry *e;
		char *path;

		if (mem_cgroup_is_root(memcg) && !memcg_files[i].on_root)
			continue;
		path = kasprintf(GFP_KERNEL, "%s%s", dir, memcg_files[i].name);
		if (!path) {
			err = -ENOMEM;
			break;
		}
		e = krt_proc_create(path, &memcg_files[i].ops, memcg);
		kfree(path);
		if (IS_ERR(e))
			err = PTR_ERR(e);
	}
	if (err)
		krt_proc_remove_prefix(dir);
	kfree(dir);
	return err;
}

static void memcg_remove_files(struct mem_cgroup *memcg)
{
	char *dir = memcg_dir(memcg);

	/* Without memory for the name the files stay; they pin nothing, reads just fail. */
	if (WARN_ON_ONCE(!dir))
		return;
	krt_proc_remove_prefix(dir);
	kfree(dir);
}

/* ---- krt's API ----------------------------------------------------------------------------- */

static bool memcg_name_valid(const char *name)
{
	size_t len = strnlen(name, MEMCG_NAME_MAX + 1);

	if (!len || len > MEMCG_NAME_MAX || !strcmp(name, ".") || !strcmp(name, ".."))
		return false;
	return !strpbrk(name, "/\n");
}

static struct mem_cgroup *memcg_find_child(struct mem_cgroup *parent, const char *name,
					   size_t len)
{
	struct mem_cgroup *child;

	list_for_each_entry(child, &parent->children, sibling)
		if (strlen(child->name) == len && !memcmp(child->name, name, len))
			return child;
	return NULL;
}

/**
 * krt_memcg_create - create a memcg called @name under @parent (mkdir)
 * @parent: the parent, or NULL for the root
 * @name: the directory name
 *
 * Return: the memcg, holding the creation reference that krt_memcg_destroy() drops; or
 * ERR_PTR(-EINVAL) for a bad name, -EEXIST if a sibling has it, -ENOENT if @parent was
 * destroyed, -ENOMEM.
 */
struct mem_cgroup *krt_memcg_create(struct mem_cgroup *parent, const char *name)
{
	struct mem_cgroup *memcg;
	int err;

	if (!parent)
		parent = root_mem_cgroup;
	if (!name || !memcg_name_valid(name))
		return ERR_PTR(-EINVAL);

	memcg = kzalloc(sizeof(*memcg), GFP_KERNEL);
	if (!memcg)
		return ERR_PTR(-ENOMEM);
	memcg->name = kstrdup(name, GFP_KERNEL);
	memcg->path = kasprintf(GFP_KERNEL, "%s/%s",
				mem_cgroup_is_root(parent) ? "" : parent->path, name);
	if (!memcg->name || !memcg->path) {
		err = -ENOMEM;
		goto free;
	}
	page_counter_init(&memcg->memory, &parent->memory);
	memcg->parent = parent;
	refcount_set(&memcg->refcnt, 1);
	INIT_LIST_HEAD(&memcg->children);
	INIT_LIST_HEAD(&memcg->sibling);

	mutex_lock(&memcg_mutex);
	if (!parent->online) {
		err = -ENOENT;
		goto unlock;
	}
	if (memcg_find_child(parent, name, strlen(name))) {
		err = -EEXIST;
		goto unlock;
	}
	memcg->id = memcg_next_id;
	memcg_next_id = memcg_next_id == MEM_CGROUP_ID_MAX ? 2 : memcg_next_id + 1;
	mem_cgroup_get(parent);
	atomic_long_inc(&nr_memcgs);
	err = memcg_create_files(memcg);
	if (err) {
		mutex_unlock(&memcg_mutex);
		/* A reader of a file that existed briefly may hold a reference: no kfree(). */
		mem_cgroup_put(memcg);
		return ERR_PTR(err);
	}
	WRITE_ONCE(memcg->online, true);
	list_add_tail(&memcg->sibling, &parent->children);
	mutex_unlock(&memcg_mutex);
	return memcg;

unlock:
	mutex_unlock(&memcg_mutex);
free:
	kfree(memcg->name);
	kfree(memcg->path);
	kfree(memcg);
	return ERR_PTR(err);
}
EXPORT_SYMBOL(krt_memcg_create);

/**
 * krt_memcg_destroy - take @memcg offline (rmdir)
 * @memcg: a memcg from krt_memcg_create(), destroyed at most once
 *
 * Its files go away and its name is free again; charged pages keep the struct until they are
 * freed. New charges meant for it go to its nearest online ancestor.
 *
 * Return: 0; -EBUSY while it has online children or attached tasks; -EINVAL for the root or
 * a memcg already destroyed.
 */
int krt_memcg_destroy(struct mem_cgroup *memcg)
{
	if (!memcg || mem_cgroup_is_root(memcg))
		return -EINVAL;

	mutex_lock(&memcg_mutex);
	if (WARN_ON_ONCE(!memcg->online)) {
		mutex_unlock(&memcg_mutex);
		return -EINVAL;
	}
	if (!list_empty(&memcg->children) || atomic_read(&memcg->nr_tasks)) {
		mutex_unlock(&memcg_mutex);
		return -EBUSY;
	}
	WRITE_ONCE(memcg->online, false);
	list_del_init(&memcg->sibling);
	/* Under the mutex, so that a new memcg of the same name finds the paths free. */
	memcg_remove_files(memcg);
	mutex_unlock(&memcg_mutex);

	mem_cgroup_put(memcg);
	return 0;
}
EXPORT_SYMBOL(krt_memcg_destroy);

/**
 * krt_memcg_attach - move @task into @memcg (a write to cgroup.procs)
 * @task: the task
 * @memcg: the destination, or NULL for the root
 *
 * Return: 0, or -ENOENT if @memcg was destroyed.
 */
int krt_memcg_attach(struct task_struct *task, struct mem_cgroup *memcg)
{
	struct mem_cgroup *old;

	if (memcg && mem_cgroup_is_root(memcg))
		memcg = NULL;

	mutex_lock(&memcg_mutex);
	if (memcg && !memcg->online) {
		mutex_unlock(&memcg_mutex);
		return -ENOENT;
	}
	if (memcg) {
		mem_cgroup_get(memcg);
		atomic_inc(&memcg->nr_tasks);
	}
	old = xchg(&task->memcg, memcg);
	if (old)
		atomic_dec(&old->nr_tasks);
	mutex_unlock(&memcg_mutex);

	/* The task's charge path may still look at @old: it goes only after a grace period. */
	mem_cgroup_put(old);
	return 0;
}
EXPORT_SYMBOL(krt_memcg_attach);

/**
 * krt_memcg_lookup - find an online memcg by its path
 * @path: "/", "/a/b" or "a/b"; repeated slashes are allowed
 *
 * Return: the memcg with a reference (mem_cgroup_put() it), or NULL.
 */
struct mem_cgroup *krt_memcg_lookup(const char *path)
{
	struct mem_cgroup *memcg = root_mem_cgroup;

	mutex_lock(&memcg_mutex);
	while (memcg && *path) {
		size_t len = strchrnul(path, '/') - path;

		if (len)
			memcg = memcg_find_child(memcg, path, len);
		path += len;
		if (*path == '/')
			path++;
	}
	mem_cgroup_get(memcg);
	mutex_unlock(&memcg_mutex);
	return memcg;
}
EXPORT_SYMBOL(krt_memcg_lookup);

/**
 * krt_memcg_path - the path of @memcg ("/a/b", "/" for the root)
 * @memcg: the memcg
 *
 * Return: a string valid as long as @memcg is.
 */
const char *krt_memcg_path(struct mem_cgroup *memcg)
{
	return memcg->path;
}
EXPORT_SYMBOL(krt_memcg_path);

/**
 * krt_memcgs_in_use - memcgs created and not yet freed (destroyed but charged ones count)
 *
 * Return: the count.
 */
long krt_memcgs_in_use(void)
{
	return atomic_long_read(&nr_memcgs);
}
EXPORT_SYMBOL(krt_memcgs_in_use);

/**
 * krt_memcg_settle - finish the memcg's deferred frees
 *
 * Frees the slab vectors that no charged object uses any more (see "slab objects" above), and
 * waits until every memcg whose last reference is gone has been freed. A memcg is freed a
 * grace period after its last put, and freeing a child drops the reference on its parent, so a
 * chain of dying memcgs needs one grace period per level. The leak checker's settle step.
 */
void krt_memcg_settle(void)
{
	if (memcg_reap_obj_exts())
		rcu_barrier();
	/* Pairs with the decrement that ends memcg_free_rcu(). */
	while (atomic_read_acquire(&nr_memcgs_freeing))
		rcu_barrier();
}
EXPORT_SYMBOL(krt_memcg_settle);

static struct krt_leak_counter memcgs_counter = {
	.name = "memcgs",
	.read = krt_memcgs_in_use,
	.settle = krt_memcg_settle,
};

static int __init memcg_init(void)
{
	krt_leak_counter_register(&memcgs_counter);
	/* Without them the root's stats are only missing from /sys: nothing else depends on it. */
	WARN_ON(memcg_create_files(root_mem_cgroup));
	return 0;
}
late_initcall(memcg_init);
