// SPDX-License-Identifier: MIT
/*
 * vmalloc for krt: virtually contiguous areas in a reserved range of address space, backed by
 * page frames of krt's physical memory that are really mapped there (by their offset in the
 * arena's memfd), so a frame is reachable both through the direct map and through the area.
 *
 * Areas are carved first-fit from a list of free ranges, each followed by an unmapped guard page
 * (unless VM_NO_GUARD). The pages of a vmalloc() come from the page allocator in the highest
 * orders it readily gives (split into order-0 pages afterwards), so that physically contiguous
 * runs are long and each run is one host mapping. A freed area is unmapped at once (a use after
 * vfree() faults) but its address range is only returned to the free list in batches, as the
 * kernel purges lazily freed areas. vfree() from interrupt context is deferred to a work item,
 * with the freed memory itself as the list node.
 *
 * Busy areas are also in a red-black tree, for lookups by address. Locking: vmap_area_lock
 * guards the three lists of areas and the tree; it is never held across a host call
 * or a page allocation. The lists' nodes are host memory (the kernel has a kmem_cache for them):
 * they outlive the areas, and the per-test leak checker counts the areas themselves.
 */
#include <linux/vmalloc.h>
#include <linux/rbtree.h>
#include <linux/kasan.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <linux/workqueue.h>
#include <linux/hardirq.h>
#include <linux/init.h>
#include <linux/export.h>
#include <linux/seq_file.h>
#include <linux/err.h>
#include <krt/leak.h>
#include <krt/proc.h>

#include "arch/host/host.h"
#include "init/boot.h"
#include "mm/internal.h"
#include "mm/page_alloc.h"

unsigned long krt_vmalloc_start, krt_vmalloc_end;
EXPORT_SYMBOL(krt_vmalloc_start);
EXPORT_SYMBOL(krt_vmalloc_end);

/* The range's size (vmalloc=): address space only, it costs nothing until mapped. */
static unsigned long long vmalloc_size = 64ULL << 30;

/* Lazily freed address space returned to the free list once it reaches this much. */
#define LAZY_MAX_BYTES		(32UL << 20)

/* The largest page order a vmalloc asks for, to make long physically contiguous runs. */
#define VMALLOC_MAX_RUN_ORDER	PAGE_ALLOC_COSTLY_ORDER

/*
 * struct vmap_area - a range of the vmalloc space: busy (with @vm, or being freed lazily with
 * @vm NULL) or free. @pages is what the area maps: the vm_struct's array for vmalloc(), krt's
 * own copy for vmap() (the kernel walks page tables instead).
 */
struct vmap_area {
	unsigned long va_start;
	unsigned long va_end;
	struct list_head list;
	struct rb_node rb_node;		/* in busy_root while busy */
	struct vm_struct *vm;
	struct page **pages;
	unsigned int nr_pages;
	bool own_pages;
	bool map_ram;		/* from vm_map_ram(): its own line in /proc/vmallocinfo */
};

/* A host mutex: fork() holds it (vmalloc_fork_prepare()). */
static struct host_mutex vmap_area_lock;
static LIST_HEAD(busy_list);		/* in address order */
static struct rb_root busy_root = RB_ROOT;	/* the same areas, for lookups */
static LIST_HEAD(free_list);		/* in address order, adjacent ranges merged */
static LIST_HEAD(purge_list);		/* freed, not yet given back */
static unsigned long lazy_bytes;

static atomic_long_t nr_vmalloc_pages;
static atomic_long_t nr_busy_areas;

/* ------------------------------------------------------------------------------------------ */
/* Address space */

static int __init setup_vmalloc(char *str)
{
	unsigned long long size = memparse(str, &str);

	if (size < (16ULL << 20))
		return 0;
	vmalloc_size = size;
	return 1;
}
__setup("vmalloc=", setup_vmalloc);

/**
 * krt_vmalloc_boot - boot krt so that the vmalloc range exists (VMALLOC_START before boot)
 */
void krt_vmalloc_boot(void)
{
	krt_ensure_booted();
}
EXPORT_SYMBOL(krt_vmalloc_boot);

/**
 * vmalloc_init - reserve the vmalloc range (boot)
 */
void __init vmalloc_init(void)
{
	struct vmap_area *va;
	void *base;
	int err;

	/* Memcheck warns about (and tracks) every byte of a large reservation: keep it small. */
	if (krt_running_on_valgrind)
		vmalloc_size = min(vmalloc_size, 128ULL << 20);
	vmalloc_size = round_up(vmalloc_size, PAGE_SIZE << MAX_PAGE_ORDER);
	/* Some hosts (Valgrind's address space manager) refuse huge reservations: take less. */
	while ((err = host_vmap_reserve(vmalloc_size, PAGE_SIZE << MAX_PAGE_ORDER, &base)) &&
	       vmalloc_size > (64ULL << 20))
		vmalloc_size /= 2;
	if (err)
		panic("krt: cannot reserve %llu bytes for vmalloc: %d\n", vmalloc_size, err);
	krt_vmalloc_start = (unsigned long)base;
	krt_vmalloc_end = krt_vmalloc_start + vmalloc_size;
	va = host_zalloc(sizeof(*va));
	if (!va)
		panic("krt: cannot set up the vmalloc free list\n");
	va->va_start = krt_vmalloc_start;
	va->va_end = krt_vmalloc_end;
	list_add(&va->list, &free_list);
}

/* Insert @va into @head by address. */
static void list_add_sorted(struct vmap_area *va, struct list_head *head)
{
	struct vmap_area *pos;

	list_for_each_entry(pos, head, list) {
		if (pos->va_start > va->va_start) {
			list_add_tail(&va->list, &pos->list);
			return;
		}
	}
	list_add_tail(&va->list, head);
}

/* Return @va's range to the free list, merged with its neighbours. Lock held; may free @va. */
static void free_range_locked(struct vmap_area *va)
{
	struct vmap_area *prev, *next;

	list_add_sorted(va, &free_list);
	if (!list_is_last(&va->list, &free_list)) {
		next = list_next_entry(va, list);
		if (next->va_start == va->va_end) {
			va->va_end = next->va_end;
			list_del(&next->list);
			host_free(next);
		}
	}
	if (!list_is_first(&va->list, &free_list)) {
		prev = list_prev_entry(va, list);
		if (prev->va_end == va->va_start) {
			prev->va_end = va->va_end;
			list_del(&va->list);
			host_free(va);
		}
	}
}

/* Give every lazily freed range back to the free list. */
static void purge_lazy_areas(void)
{
	struct vmap_area *va, *next;

	host_mutex_lock(&vmap_area_lock);
	list_for_each_entry_safe(va, next, &purge_list, list) {
		list_del(&va->list);
		va->pages = NULL;
		va->nr_pages = 0;
		free_range_locked(va);
	}
	lazy_bytes = 0;
	host_mutex_unlock(&vmap_area_lock);
}

/**
 * krt_vmalloc_purge - give lazily freed vmalloc address space back now
 *
 * The kernel does this when lazily freed areas add up (or when space runs out); tests call it
 * to see the free list settle.
 */
void krt_vmalloc_purge(void)
{
	purge_lazy_areas();
}
EXPORT_SYMBOL(krt_vmalloc_purge);

/*
 * Carve @size bytes aligned to @align from [@vstart, @vend), first fit. @spare is a free node
 * the split of a range may need (consumed: set to NULL). Lock held. Returns the start or 0.
 */
static unsigned long carve_range_locked(unsigned long size, unsigned long align,
					unsigned long vstart, unsigned long vend,
					struct vmap_area **spare)
{
	struct vmap_area *f, *tail;
	unsigned long start;

	list_for_each_entry(f, &free_list, list) {
		if (f->va_end <= vstart || f->va_start >= vend)
			continue;
		start = ALIGN(max(f->va_start, vstart), align);
		if (start < f->va_start || start + size < start ||
		    start + size > min(f->va_end, vend))
			continue;
		if (start + size < f->va_end) {
			/* The part after the new area stays free. */
			tail = *spare;
			*spare = NULL;
			tail->va_start = start + size;
			tail->va_end = f->va_end;
			list_add(&tail->list, &f->list);
		}
		f->va_end = start;
		if (f->va_start == f->va_end) {
			list_del(&f->list);
			host_free(f);
		}
		return start;
	}
	return 0;
}

static bool va_before(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct vmap_area, rb_node)->va_start <
	       rb_entry(b, struct vmap_area, rb_node)->va_start;
}

/* Make @va busy: in the tree, and in the list right after its predecessor. Lock held. */
static void busy_insert_locked(struct vmap_area *va)
{
	struct rb_node *prev;

	rb_add(&va->rb_node, &busy_root, va_before);
	prev = rb_prev(&va->rb_node);
	if (prev)
		list_add(&va->list, &rb_entry(prev, struct vmap_area, rb_node)->list);
	else
		list_add(&va->list, &busy_list);
}

/*
 * A busy area of @size bytes (guard included) in [@vstart, @vend) for @vm, or NULL. @vm's address
 * and size are set before the area is visible to lookups and /proc/vmallocinfo.
 */
static struct vmap_area *alloc_vmap_area(unsigned long size, unsigned long align,
					 unsigned long vstart, unsigned long vend,
					 struct vm_struct *vm, gfp_t gfp)
{
	struct vmap_area *va, *spare;
	bool purged = false, can_purge;
	unsigned long start;

	might_sleep();
	/* As the kernel's: no empty or unaligned size, a power-of-two alignment. */
	if (unlikely(!size || !PAGE_ALIGNED(size) || !is_power_of_2(align)))
		return NULL;
	va = host_zalloc(sizeof(*va));
	spare = host_zalloc(sizeof(*spare));
	if (!va || !spare)
		goto fail;
retry:
	host_mutex_lock(&vmap_area_lock);
	start = carve_range_locked(size, align, vstart, vend, &spare);
	if (!start) {
		can_purge = !list_empty(&purge_list);
		host_mutex_unlock(&vmap_area_lock);
		if (!purged && can_purge) {
			purge_lazy_areas();
			purged = true;
			goto retry;
		}
		if (!(gfp & __GFP_NOWARN) && printk_ratelimit())
			pr_warn("vmalloc_node_range for size %lu failed: Address range restricted to %#lx - %#lx\n",
				size, vstart, vend);
		goto fail;
	}
	va->va_start = start;
	va->va_end = start + size;
	va->vm = vm;
	vm->addr = (void *)start;
	vm->size = size;
	busy_insert_locked(va);
	host_mutex_unlock(&vmap_area_lock);
	atomic_long_inc(&nr_busy_areas);
	host_free(spare);
	return va;

fail:
	host_free(spare);
	host_free(va);
	return NULL;
}

/* The busy area starting at @addr (@exact) or containing it. Lock held. */
static struct vmap_area *find_vmap_area_locked(unsigned long addr, bool exact)
{
	struct rb_node *n = busy_root.rb_node;
	struct vmap_area *va;

	while (n) {
		va = rb_entry(n, struct vmap_area, rb_node);
		if (addr < va->va_start)
			n = n->rb_left;
		else if (addr >= va->va_end)
			n = n->rb_right;
		else
			return !exact || addr == va->va_start ? va : NULL;
	}
	return NULL;
}

/* ------------------------------------------------------------------------------------------ */
/* Areas */

static struct vm_struct *__get_vm_area_node(unsigned long size, unsigned long align,
					    unsigned long flags, unsigned long start,
					    unsigned long end, gfp_t gfp, const void *caller)
{
	unsigned long requested = size;
	struct vmap_area *va;
	struct vm_struct *area;

	BUG_ON(in_interrupt());
	/* vmalloc() may be a program's first call into krt, as kmalloc() may. */
	krt_ensure_booted();
	size = PAGE_ALIGN(size);
	/* Zero, or so large that the guard page would wrap it around. */
	if (unlikely(!size || size > ULONG_MAX - 2 * PAGE_SIZE))
		return NULL;
	area = kzalloc(sizeof(*area), gfp & GFP_RECLAIM_MASK);
	if (unlikely(!area))
		return NULL;
	if (!(flags & VM_NO_GUARD))
		size += PAGE_SIZE;
	area->flags = flags;
	area->caller = caller;
	area->requested_size = requested;
	va = alloc_vmap_area(size, max(align, PAGE_SIZE), start, end, area, gfp);
	if (!va) {
		kfree(area);
		return NULL;
	}
	/* A range used before may carry an earlier area's poison. */
	kasan_vmalloc_unpoison(area->addr, size);
	return area;
}

/**
 * get_vm_area_caller - reserve an area of the vmalloc range without mapping anything
 * @size: bytes (rounded up to pages; a guard page is added)
 * @flags: VM_* flags
 * @caller: the caller, for /proc/vmallocinfo
 *
 * Return: the area, or NULL.
 */
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller)
{
	return __get_vm_area_node(size, 1, flags, VMALLOC_START, VMALLOC_END, GFP_KERNEL,
				  caller);
}
EXPORT_SYMBOL(get_vm_area_caller);

/**
 * get_vm_area - reserve an area of the vmalloc range without mapping anything
 * @size: bytes (rounded up to pages; a guard page is added)
 * @flags: VM_* flags
 *
 * Return: the area, or NULL.
 */
struct vm_struct *get_vm_area(unsigned long size, unsigned long flags)
{
	return __get_vm_area_node(size, 1, flags, VMALLOC_START, VMALLOC_END, GFP_KERNEL,
				  __builtin_return_address(0));
}
EXPORT_SYMBOL(get_vm_area);

/**
 * find_vm_area - the area @addr lies in
 * @addr: an address in the vmalloc range
 *
 * Return: the area, or NULL when no live area holds @addr.
 */
struct vm_struct *find_vm_area(const void *addr)
{
	struct vmap_area *va;
	struct vm_struct *vm;

	host_mutex_lock(&vmap_area_lock);
	va = find_vmap_area_locked((unsigned long)addr, false);
	vm = va && !va->map_ram ? va->vm : NULL;
	host_mutex_unlock(&vmap_area_lock);
	return vm;
}
EXPORT_SYMBOL(find_vm_area);

/*
 * Take the area at @addr out of the busy tree, unmap it and only then make its range purgeable,
 * so that no one maps it again before it is unmapped. @map_ram: only a vm_map_ram() area (and
 * only those) may be removed.
 */
static struct vm_struct *__remove_vm_area(const void *addr, bool map_ram)
{
	struct vmap_area *va;
	struct vm_struct *vm;
	struct page **own = NULL;
	bool purge;

	might_sleep();
	if (WARN(!PAGE_ALIGNED(addr), "Trying to vfree() bad address (%p)\n", addr))
		return NULL;
	host_mutex_lock(&vmap_area_lock);
	va = find_vmap_area_locked((unsigned long)addr, true);
	if (!va || !va->vm || va->map_ram != map_ram) {
		host_mutex_unlock(&vmap_area_lock);
		return NULL;
	}
	vm = va->vm;
	va->vm = NULL;
	if (va->own_pages)
		own = va->pages;
	va->pages = NULL;
	va->nr_pages = 0;
	va->own_pages = false;
	va->map_ram = false;
	rb_erase(&va->rb_node, &busy_root);
	list_del_init(&va->list);
	host_mutex_unlock(&vmap_area_lock);
	atomic_long_dec(&nr_busy_areas);

	/*
	 * Unmapped now, whatever of it was mapped (a failed mapping may have left runs): an
	 * access faults, as the kernel's cleared page tables make it.
	 */
	WARN_ON(host_vmap_unmap(vm->addr, get_vm_area_size(vm)));
	if ((vm->flags & (VM_ALLOC | VM_UNINITIALIZED)) == VM_ALLOC)
		kasan_vmalloc_free(vm->addr, get_vm_area_size(vm));
	kvfree(own);

	host_mutex_lock(&vmap_area_lock);
	list_add_tail(&va->list, &purge_list);
	lazy_bytes += va->va_end - va->va_start;
	purge = lazy_bytes > LAZY_MAX_BYTES;
	host_mutex_unlock(&vmap_area_lock);
	if (purge)
		purge_lazy_areas();
	return vm;
}

/**
 * remove_vm_area - unmap an area and take it out of the busy list
 * @addr: the area's start
 *
 * Its address range is given back lazily. The pages are not freed.
 *
 * Return: the area's vm_struct (for the caller to free), or NULL (a bad address is reported).
 */
struct vm_struct *remove_vm_area(const void *addr)
{
	return __remove_vm_area(addr, false);
}
EXPORT_SYMBOL(remove_vm_area);

/**
 * free_vm_area - remove and free an area from get_vm_area()
 * @area: the area
 */
void free_vm_area(struct vm_struct *area)
{
	struct vm_struct *ret = remove_vm_area(area->addr);

	BUG_ON(ret != area);
	kfree(area);
}
EXPORT_SYMBOL(free_vm_area);

/*
 * Map @nr pages at @addr: one host mapping per physically contiguous run (@map: the host call,
 * host_vmap_map_private() for the areas a forked child inherits).
 */
static int __vmap_pages_range(unsigned long addr, struct page **pages, unsigned int nr,
			      int (*map)(void *addr, size_t len, size_t offset))
{
	unsigned int i, j;
	int err;

	for (i = 0; i < nr; i = j) {
		unsigned long pfn = page_to_pfn(pages[i]);

		for (j = i + 1; j < nr && page_to_pfn(pages[j]) == pfn + (j - i); j++)
			;
		err = map((void *)(addr + ((unsigned long)i << PAGE_SHIFT)),
			  (unsigned long)(j - i) << PAGE_SHIFT, pfn << PAGE_SHIFT);
		if (err)
			return err;
	}
	return 0;
}

static int vmap_pages_range(unsigned long addr, struct page **pages, unsigned int nr)
{
	return __vmap_pages_range(addr, pages, nr, host_vmap_map);
}

/* Record what @vm maps, for vmalloc_to_page(). */
static void vmap_area_set_pages(struct vm_struct *vm, struct page **pages, unsigned int nr,
				bool own, bool map_ram)
{
	struct vmap_area *va;

	host_mutex_lock(&vmap_area_lock);
	va = find_vmap_area_locked((unsigned long)vm->addr, true);
	if (!WARN_ON(!va || va->vm != vm)) {
		va->pages = pages;
		va->nr_pages = nr;
		va->own_pages = own;
		va->map_ram = map_ram;
	}
	host_mutex_unlock(&vmap_area_lock);
}

/* ------------------------------------------------------------------------------------------ */
/* vmalloc() */

/*
 * Fill @pages with @nr order-0 pages, taking the highest orders the page allocator gives without
 * effort (then split) so that runs are long. Returns how many were had.
 */
static unsigned int vm_area_alloc_pages(gfp_t gfp, unsigned int nr, struct page **pages)
{
	unsigned int done = 0, i;

	while (done < nr) {
		unsigned int order = min_t(unsigned int, ilog2(nr - done), VMALLOC_MAX_RUN_ORDER);
		struct page *page;

		for (;;) {
			gfp_t g = gfp;

			if (order)
				g = (gfp | __GFP_NORETRY | __GFP_NOWARN) & ~__GFP_NOFAIL;
			page = alloc_pages(g, order);
			if (page || !order)
				break;
			order--;
		}
		if (!page)
			break;
		if (order)
			split_page(page, order);
		for (i = 0; i < (1U << order); i++)
			pages[done++] = page + i;
	}
	return done;
}

static void vm_free_pages(struct vm_struct *vm)
{
	unsigned int i;

	for (i = 0; i < vm->nr_pages; i++) {
		if (vm->flags & VM_MAP_PUT_PAGES)
			put_page(vm->pages[i]);
		else
			__free_page(vm->pages[i]);
	}
	if (vm->flags & VM_ALLOC)
		atomic_long_sub(vm->nr_pages, &nr_vmalloc_pages);
	kvfree(vm->pages);
	vm->pages = NULL;
	vm->nr_pages = 0;
}

static void *__vmalloc_area_node(struct vm_struct *area, gfp_t gfp, int node)
{
	const gfp_t nested_gfp = (gfp & GFP_RECLAIM_MASK) | __GFP_ZERO;
	unsigned long size = get_vm_area_size(area);
	unsigned int nr = size >> PAGE_SHIFT;
	unsigned long array_size = (unsigned long)nr * sizeof(struct page *);
	bool nofail = gfp & __GFP_NOFAIL;
	unsigned int flags = 0;
	int err;

	if (array_size > PAGE_SIZE)
		area->pages = __vmalloc_node_noprof(array_size, 1, nested_gfp, node, area->caller);
	else
		area->pages = kmalloc_node(array_size, nested_gfp, node);
	if (!area->pages) {
		warn_alloc(gfp, NULL,
			   "vmalloc error: size %lu, failed to allocated page array size %lu",
			   (unsigned long)nr * PAGE_SIZE, array_size);
		goto fail;
	}
	area->nr_pages = vm_area_alloc_pages(gfp | __GFP_NOWARN, nr, area->pages);
	atomic_long_add(area->nr_pages, &nr_vmalloc_pages);
	if (area->nr_pages != nr) {
		if (!fatal_signal_pending(current))
			warn_alloc(gfp, NULL, "vmalloc error: size %lu, failed to allocate pages",
				   (unsigned long)area->nr_pages * PAGE_SIZE);
		goto fail;
	}

	/* Mapping needs no memory of krt's, but honour the scopes as the kernel does. */
	if ((gfp & (__GFP_FS | __GFP_IO)) == __GFP_IO)
		flags = memalloc_nofs_save();
	else if (!(gfp & (__GFP_FS | __GFP_IO)))
		flags = memalloc_noio_save();
	do {
		err = vmap_pages_range((unsigned long)area->addr, area->pages, nr);
		if (nofail && err)
			schedule_timeout_uninterruptible(1);
	} while (nofail && err);
	if ((gfp & (__GFP_FS | __GFP_IO)) == __GFP_IO)
		memalloc_nofs_restore(flags);
	else if (!(gfp & (__GFP_FS | __GFP_IO)))
		memalloc_noio_restore(flags);
	if (err) {
		warn_alloc(gfp, NULL, "vmalloc error: size %lu, failed to map pages",
			   (unsigned long)nr * PAGE_SIZE);
		goto fail;
	}
	/*
	 * Memcheck cannot know that the direct map aliases the area: the pages' direct-map bytes
	 * count as initialised, so that reads through it of what the area's user wrote pass.
	 */
	if (unlikely(krt_running_on_valgrind)) {
		unsigned int i;

		for (i = 0; i < nr; i++)
			krt_valgrind_mark(page_address(area->pages[i]), PAGE_SIZE, KRT_MEM_DEFINED);
	}
	vmap_area_set_pages(area, area->pages, nr, false, false);
	return area->addr;

fail:
	vfree(area->addr);
	return NULL;
}

/**
 * __vmalloc_node_range_noprof - allocate virtually contiguous memory (__vmalloc_node_range())
 * @size: bytes
 * @align: alignment of the address (at least PAGE_SIZE)
 * @start: lowest address of the range to use
 * @end: end of the range to use
 * @gfp_mask: GFP_KERNEL, GFP_NOFS or GFP_NOIO, with __GFP_ZERO, __GFP_NOWARN, __GFP_NOFAIL,
 *	      __GFP_ACCOUNT (other reclaim modifiers are ignored, as in the kernel)
 * @prot: protection (krt maps read-write)
 * @vm_flags: VM_* flags
 * @node: node (krt has one)
 * @caller: the caller, for /proc/vmallocinfo
 *
 * May sleep. Failures are reported with the kernel's "vmalloc error: size %lu, ..." texts
 * through warn_alloc().
 *
 * Return: the address, or NULL.
 */
void *__vmalloc_node_range_noprof(unsigned long size, unsigned long align, unsigned long start,
				  unsigned long end, gfp_t gfp_mask, pgprot_t prot,
				  unsigned long vm_flags, int node, const void *caller)
{
	struct vm_struct *area;
	void *ret;

	if (WARN_ON_ONCE(!size))
		return NULL;
	krt_ensure_booted();
	if ((size >> PAGE_SHIFT) > totalram_pages()) {
		warn_alloc(gfp_mask, NULL, "vmalloc error: size %lu, exceeds total pages", size);
		return NULL;
	}
again:
	area = __get_vm_area_node(size, align, VM_ALLOC | VM_UNINITIALIZED | vm_flags, start,
				  end, gfp_mask, caller);
	if (!area) {
		bool nofail = gfp_mask & __GFP_NOFAIL;

		warn_alloc(gfp_mask, NULL, "vmalloc error: size %lu, vm_struct allocation failed%s",
			   size, nofail ? ". Retrying." : "");
		if (nofail) {
			schedule_timeout_uninterruptible(1);
			goto again;
		}
		return NULL;
	}
	ret = __vmalloc_area_node(area, gfp_mask, node);
	if (!ret)
		return NULL;
	/* The slack and the guard page are nobody's: an access is an ASan report. */
	kasan_vmalloc_alloc(ret, size, area->size, gfp_mask & __GFP_ZERO);
	/* Published: /proc/vmallocinfo may show it now, pages and all. */
	smp_store_release(&area->flags, area->flags & ~VM_UNINITIALIZED);
	return ret;
}
EXPORT_SYMBOL(__vmalloc_node_range_noprof);

/**
 * __vmalloc_node_noprof - vmalloc with alignment, flags and node (__vmalloc_node())
 * @size: bytes
 * @align: alignment
 * @gfp_mask: GFP flags (see __vmalloc_node_range_noprof())
 * @node: node
 * @caller: the caller
 *
 * Return: the address, or NULL.
 */
void *__vmalloc_node_noprof(unsigned long size, unsigned long align, gfp_t gfp_mask, int node,
			    const void *caller)
{
	return __vmalloc_node_range_noprof(size, align, VMALLOC_START, VMALLOC_END, gfp_mask,
					   PAGE_KERNEL, 0, node, caller);
}
EXPORT_SYMBOL(__vmalloc_node_noprof);

/**
 * __vmalloc_noprof - vmalloc with GFP flags (__vmalloc())
 * @size: bytes
 * @gfp_mask: GFP flags
 *
 * Return: the address, or NULL.
 */
void *__vmalloc_noprof(unsigned long size, gfp_t gfp_mask)
{
	return __vmalloc_node_noprof(size, 1, gfp_mask, NUMA_NO_NODE,
				     __builtin_return_address(0));
}
EXPORT_SYMBOL(__vmalloc_noprof);

/**
 * vmalloc_noprof - allocate virtually contiguous memory (vmalloc())
 * @size: bytes
 *
 * Return: the address, or NULL.
 */
void *vmalloc_noprof(unsigned long size)
{
	return __vmalloc_node_noprof(size, 1, GFP_KERNEL, NUMA_NO_NODE,
				     __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc_noprof);

/**
 * vmalloc_huge_noprof - vmalloc() that may use huge mappings (krt maps runs, all the same)
 * @size: bytes
 * @gfp_mask: GFP flags
 *
 * Return: the address, or NULL.
 */
void *vmalloc_huge_noprof(unsigned long size, gfp_t gfp_mask)
{
	return __vmalloc_node_range_noprof(size, 1, VMALLOC_START, VMALLOC_END, gfp_mask,
					   PAGE_KERNEL, VM_ALLOW_HUGE_VMAP, NUMA_NO_NODE,
					   __builtin_return_address(0));
}
EXPORT_SYMBOL_GPL(vmalloc_huge_noprof);

/**
 * vzalloc_noprof - zeroed vmalloc() (vzalloc())
 * @size: bytes
 *
 * Return: the address, or NULL.
 */
void *vzalloc_noprof(unsigned long size)
{
	return __vmalloc_node_noprof(size, 1, GFP_KERNEL | __GFP_ZERO, NUMA_NO_NODE,
				     __builtin_return_address(0));
}
EXPORT_SYMBOL(vzalloc_noprof);

/**
 * vmalloc_user_noprof - zeroed vmalloc() meant to be mapped to user space (vmalloc_user())
 * @size: bytes
 *
 * Return: the address, or NULL.
 */
void *vmalloc_user_noprof(unsigned long size)
{
	return __vmalloc_node_range_noprof(size, SHMLBA, VMALLOC_START, VMALLOC_END,
					   GFP_KERNEL | __GFP_ZERO, PAGE_KERNEL, VM_USERMAP,
					   NUMA_NO_NODE, __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc_user_noprof);

/**
 * vmalloc_node_noprof - vmalloc() on @node (vmalloc_node())
 * @size: bytes
 * @node: node
 *
 * Return: the address, or NULL.
 */
void *vmalloc_node_noprof(unsigned long size, int node)
{
	return __vmalloc_node_noprof(size, 1, GFP_KERNEL, node, __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc_node_noprof);

/**
 * vzalloc_node_noprof - zeroed vmalloc() on @node (vzalloc_node())
 * @size: bytes
 * @node: node
 *
 * Return: the address, or NULL.
 */
void *vzalloc_node_noprof(unsigned long size, int node)
{
	return __vmalloc_node_noprof(size, 1, GFP_KERNEL | __GFP_ZERO, node,
				     __builtin_return_address(0));
}
EXPORT_SYMBOL(vzalloc_node_noprof);

#define GFP_VMALLOC32	(GFP_DMA32 | GFP_KERNEL)

/**
 * vmalloc_32_noprof - vmalloc() of pages addressable with 32 bits (vmalloc_32())
 * @size: bytes
 *
 * Return: the address, or NULL.
 */
void *vmalloc_32_noprof(unsigned long size)
{
	return __vmalloc_node_noprof(size, 1, GFP_VMALLOC32, NUMA_NO_NODE,
				     __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc_32_noprof);

/**
 * vmalloc_32_user_noprof - zeroed vmalloc_32() for user space (vmalloc_32_user())
 * @size: bytes
 *
 * Return: the address, or NULL.
 */
void *vmalloc_32_user_noprof(unsigned long size)
{
	return __vmalloc_node_range_noprof(size, SHMLBA, VMALLOC_START, VMALLOC_END,
					   GFP_VMALLOC32 | __GFP_ZERO, PAGE_KERNEL, VM_USERMAP,
					   NUMA_NO_NODE, __builtin_return_address(0));
}
EXPORT_SYMBOL(vmalloc_32_user_noprof);

/**
 * __vmalloc_array_noprof - vmalloc() of @n elements of @size bytes, overflow-checked
 * @n: elements
 * @size: bytes each
 * @flags: GFP flags
 *
 * Return: the address, or NULL (also on overflow).
 */
void *__vmalloc_array_noprof(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes)))
		return NULL;
	return __vmalloc_noprof(bytes, flags);
}
EXPORT_SYMBOL(__vmalloc_array_noprof);

/**
 * vmalloc_array_noprof - vmalloc() of @n elements of @size bytes, overflow-checked
 * @n: elements
 * @size: bytes each
 *
 * Return: the address, or NULL.
 */
void *vmalloc_array_noprof(size_t n, size_t size)
{
	return __vmalloc_array_noprof(n, size, GFP_KERNEL);
}
EXPORT_SYMBOL(vmalloc_array_noprof);

/**
 * __vcalloc_noprof - zeroed __vmalloc_array() (__vcalloc())
 * @n: elements
 * @size: bytes each
 * @flags: GFP flags
 *
 * Return: the address, or NULL.
 */
void *__vcalloc_noprof(size_t n, size_t size, gfp_t flags)
{
	return __vmalloc_array_noprof(n, size, flags | __GFP_ZERO);
}
EXPORT_SYMBOL(__vcalloc_noprof);

/**
 * vcalloc_noprof - zeroed vmalloc_array() (vcalloc())
 * @n: elements
 * @size: bytes each
 *
 * Return: the address, or NULL.
 */
void *vcalloc_noprof(size_t n, size_t size)
{
	return __vmalloc_array_noprof(n, size, GFP_KERNEL | __GFP_ZERO);
}
EXPORT_SYMBOL(vcalloc_noprof);

/**
 * vrealloc_noprof - resize a vmalloc area (vrealloc())
 * @p: the area, or NULL
 * @size: new size; 0 frees @p
 * @flags: GFP flags for a new area
 *
 * Within the pages the area already has, the same address comes back (a shrink clears the
 * dropped bytes when asked to zero); beyond them a new area is made and the old contents
 * copied.
 *
 * Return: the address, or NULL (and @p is left alone).
 */
void *vrealloc_noprof(const void *p, size_t size, gfp_t flags)
{
	struct vm_struct *vm = NULL;
	size_t alloced_size = 0, old_size = 0;
	void *n;

	if (!size) {
		vfree(p);
		return NULL;
	}
	if (p) {
		vm = find_vm_area(p);
		if (unlikely(!vm)) {
			WARN(1, "Trying to vrealloc() nonexistent vm area (%p)\n", p);
			return NULL;
		}
		alloced_size = get_vm_area_size(vm);
		old_size = vm->requested_size;
		if (WARN(alloced_size < old_size,
			 "vrealloc() has mismatched area vs requested sizes (%p)\n", p))
			return NULL;
	}
	if (size <= old_size) {
		if (flags & __GFP_ZERO)
			memset((char *)p + size, 0, old_size - size);
		vm->requested_size = size;
		kasan_vmalloc_resize(p, old_size, size, alloced_size);
		return (void *)p;
	}
	if (size <= alloced_size) {
		vm->requested_size = size;
		kasan_vmalloc_resize(p, old_size, size, alloced_size);
		return (void *)p;
	}
	n = __vmalloc_noprof(size, flags);
	if (!n)
		return NULL;
	if (p) {
		memcpy(n, p, old_size);
		vfree(p);
	}
	return n;
}
EXPORT_SYMBOL(vrealloc_noprof);

/* ------------------------------------------------------------------------------------------ */
/* Freeing */

/*
 * Frees asked for from interrupt context. The kernel threads its list through the freed memory;
 * krt keeps the nodes in host memory, so that a bad pointer is reported (by the deferred
 * vfree()) rather than written to, and a one-byte area is not written past.
 */
struct deferred_vfree {
	struct llist_node node;
	const void *addr;
};

static LLIST_HEAD(deferred_vfree);

static void drain_deferred_vfree(struct work_struct *work)
{
	struct llist_node *node = llist_del_all(&deferred_vfree), *next;
	struct deferred_vfree *d;

	while (node) {
		next = node->next;
		d = container_of(node, struct deferred_vfree, node);
		vfree(d->addr);
		host_free(d);
		node = next;
	}
}
static DECLARE_WORK(deferred_vfree_work, drain_deferred_vfree);

/**
 * vfree_atomic - free a vmalloc area from any (non-NMI) context
 * @addr: the area, or NULL
 *
 * The free is done by a work item (which reports a bad @addr, as vfree() does).
 */
void vfree_atomic(const void *addr)
{
	struct deferred_vfree *d;

	if (!addr)
		return;
	d = host_alloc(sizeof(*d));
	if (WARN_ON_ONCE(!d))
		return;
	d->addr = addr;
	if (llist_add(&d->node, &deferred_vfree))
		schedule_work(&deferred_vfree_work);
}
EXPORT_SYMBOL(vfree_atomic);

/**
 * vfree - free a vmalloc area
 * @addr: its start, or NULL
 *
 * From interrupt context the free is deferred (vfree_atomic()). Otherwise may sleep. A bad
 * address or one that is not an area's start is reported with the kernel's WARNs, and nothing is
 * freed.
 */
void vfree(const void *addr)
{
	struct vm_struct *vm;

	if (unlikely(in_interrupt())) {
		vfree_atomic(addr);
		return;
	}
	might_sleep();
	if (!addr)
		return;
	vm = remove_vm_area(addr);
	if (unlikely(!vm)) {
		WARN(1, KERN_ERR "Trying to vfree() nonexistent vm area (%p)\n", addr);
		return;
	}
	vm_free_pages(vm);
	kfree(vm);
}
EXPORT_SYMBOL(vfree);

/* ------------------------------------------------------------------------------------------ */
/* vmap() */

/* Map @pages into @area and remember them for lookups; -errno when either fails. */
static int map_area_pages(struct vm_struct *area, struct page **pages, unsigned int count,
			  bool map_ram)
{
	struct page **copy = kvmalloc_array(count, sizeof(*copy), GFP_KERNEL);

	if (!copy || vmap_pages_range((unsigned long)area->addr, pages, count)) {
		kvfree(copy);
		return -ENOMEM;
	}
	memcpy(copy, pages, count * sizeof(*copy));
	vmap_area_set_pages(area, copy, count, true, map_ram);
	return 0;
}

/**
 * vmap - map @count pages at consecutive addresses of the vmalloc range
 * @pages: the pages
 * @count: how many
 * @flags: VM_* flags (VM_MAP_PUT_PAGES: the mapping takes over @pages and a reference on each)
 * @prot: protection
 *
 * May sleep. Return: the address, or NULL.
 */
void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot)
{
	struct vm_struct *area;

	might_sleep();
	if (WARN_ON_ONCE(flags & VM_FLUSH_RESET_PERMS))
		return NULL;
	/* No guard-less mappings: the guard catches overruns. */
	if (WARN_ON_ONCE(flags & VM_NO_GUARD))
		flags &= ~VM_NO_GUARD;
	if (count > totalram_pages() || !count)
		return NULL;
	area = get_vm_area_caller((unsigned long)count << PAGE_SHIFT, flags | VM_UNINITIALIZED,
				  __builtin_return_address(0));
	if (!area)
		return NULL;
	if (map_area_pages(area, pages, count, false)) {
		vunmap(area->addr);
		return NULL;
	}
	if (flags & VM_MAP_PUT_PAGES) {
		area->pages = pages;
		area->nr_pages = count;
	}
	smp_store_release(&area->flags, area->flags & ~VM_UNINITIALIZED);
	return area->addr;
}
EXPORT_SYMBOL(vmap);

/**
 * vunmap - unmap an area from vmap()
 * @addr: its start, or NULL
 *
 * The pages are not freed. May sleep; an unknown address is the kernel's WARN.
 */
void vunmap(const void *addr)
{
	struct vm_struct *vm;

	BUG_ON(in_interrupt());
	might_sleep();
	if (!addr)
		return;
	vm = remove_vm_area(addr);
	if (unlikely(!vm)) {
		WARN(1, KERN_ERR "Trying to vunmap() nonexistent vm area (%p)\n", addr);
		return;
	}
	kfree(vm);
}
EXPORT_SYMBOL(vunmap);

/**
 * vm_map_ram - map pages for a short while
 * @pages: the pages
 * @count: how many
 * @node: node
 *
 * krt gives every mapping its own area, without a guard page as in the kernel. The area is not
 * one find_vm_area() or vfree() knows, as in the kernel. Return: the address, or NULL.
 */
void *vm_map_ram(struct page **pages, unsigned int count, int node)
{
	struct vm_struct *area;

	if (!count)
		return NULL;
	area = __get_vm_area_node((unsigned long)count << PAGE_SHIFT, 1,
				  VM_MAP | VM_NO_GUARD | VM_UNINITIALIZED, VMALLOC_START,
				  VMALLOC_END, GFP_KERNEL, __builtin_return_address(0));
	if (!area)
		return NULL;
	if (map_area_pages(area, pages, count, true)) {
		kfree(remove_vm_area(area->addr));
		return NULL;
	}
	return area->addr;
}
EXPORT_SYMBOL(vm_map_ram);

/**
 * vm_unmap_ram - unmap what vm_map_ram() mapped
 * @mem: the address it returned
 * @count: the count it was given
 */
void vm_unmap_ram(const void *mem, unsigned int count)
{
	unsigned long addr = (unsigned long)mem;
	struct vm_struct *vm;

	BUG_ON(!addr);
	BUG_ON(addr < VMALLOC_START);
	BUG_ON(addr > VMALLOC_END);
	BUG_ON(!PAGE_ALIGNED(addr));
	vm = __remove_vm_area(mem, true);
	/* Not a vm_map_ram() area, or not of @count pages: the kernel's BUG. */
	BUG_ON(!vm);
	BUG_ON(get_vm_area_size(vm) != (unsigned long)count << PAGE_SHIFT);
	kfree(vm);
}
EXPORT_SYMBOL(vm_unmap_ram);

/* ------------------------------------------------------------------------------------------ */
/* Lookups */

/**
 * vmalloc_to_page - the page mapped at @addr in the vmalloc range
 * @addr: an address in a vmalloc or vmap area
 *
 * Return: the page, or NULL when nothing is mapped there (a guard page, a freed area).
 */
struct page *vmalloc_to_page(const void *addr)
{
	struct vmap_area *va;
	struct page *page = NULL;
	unsigned long idx;

	host_mutex_lock(&vmap_area_lock);
	va = find_vmap_area_locked((unsigned long)addr, false);
	if (va && va->pages) {
		idx = ((unsigned long)addr - va->va_start) >> PAGE_SHIFT;
		if (idx < va->nr_pages)
			page = va->pages[idx];
	}
	host_mutex_unlock(&vmap_area_lock);
	return page;
}
EXPORT_SYMBOL(vmalloc_to_page);

/**
 * vmalloc_to_pfn - the page frame number mapped at @addr
 * @addr: an address in a vmalloc or vmap area
 *
 * Return: the pfn, or 0 when nothing is mapped there.
 */
unsigned long vmalloc_to_pfn(const void *addr)
{
	struct page *page = vmalloc_to_page(addr);

	return page ? page_to_pfn(page) : 0;
}
EXPORT_SYMBOL(vmalloc_to_pfn);

/* ------------------------------------------------------------------------------------------ */
/* /proc/vmallocinfo */

static void vmallocinfo_area(struct seq_file *m, struct vmap_area *va)
{
	struct vm_struct *v = va->vm;

	if (va->map_ram) {
		seq_printf(m, "0x%pK-0x%pK %7ld vm_map_ram\n", (void *)va->va_start,
			   (void *)va->va_end, va->va_end - va->va_start);
		return;
	}
	/* Being set up: not shown yet, as in the kernel. Acquire: the rest is set up before. */
	if (smp_load_acquire(&v->flags) & VM_UNINITIALIZED)
		return;
	seq_printf(m, "0x%pK-0x%pK %7ld", v->addr, (char *)v->addr + v->size, v->size);
	if (v->caller)
		seq_printf(m, " %pS", v->caller);
	if (v->nr_pages)
		seq_printf(m, " pages=%d", v->nr_pages);
	if (v->phys_addr)
		seq_printf(m, " phys=%pa", &v->phys_addr);
	if (v->flags & VM_IOREMAP)
		seq_puts(m, " ioremap");
	if (v->flags & VM_SPARSE)
		seq_puts(m, " sparse");
	if (v->flags & VM_ALLOC)
		seq_puts(m, " vmalloc");
	if (v->flags & VM_MAP)
		seq_puts(m, " vmap");
	if (v->flags & VM_USERMAP)
		seq_puts(m, " user");
	if (v->flags & VM_DMA_COHERENT)
		seq_puts(m, " dma-coherent");
	if (is_vmalloc_addr(v->pages))
		seq_puts(m, " vpages");
	seq_putc(m, '\n');
}

static int vmallocinfo_show(struct seq_file *m, void *priv)
{
	struct vmap_area *va;

	host_mutex_lock(&vmap_area_lock);
	list_for_each_entry(va, &busy_list, list)
		if (va->vm)
			vmallocinfo_area(m, va);
	/* Lazily freed areas, as the kernel lists them last. */
	list_for_each_entry(va, &purge_list, list)
		seq_printf(m, "0x%pK-0x%pK %7ld unpurged vm_area\n", (void *)va->va_start,
			   (void *)va->va_end, va->va_end - va->va_start);
	host_mutex_unlock(&vmap_area_lock);
	return 0;
}

static const struct krt_proc_ops vmallocinfo_ops = { .show = vmallocinfo_show };

static int __init vmallocinfo_init(void)
{
	return PTR_ERR_OR_ZERO(krt_proc_create("/proc/vmallocinfo", &vmallocinfo_ops, NULL));
}
fs_initcall(vmallocinfo_init);

/* ------------------------------------------------------------------------------------------ */
/* Faults in the vmalloc range */

/* vmalloc_fault_report: report faults in the vmalloc range the kernel's way (boot option). */
static bool fault_report_on;

static int __init setup_vmalloc_fault_report(char *str)
{
	/* "vmalloc_fault_report" alone, or "=1"/"=0" and the other kstrtobool() spellings. */
	if (!*str)
		fault_report_on = true;
	else if (*str == '=')
		return kstrtobool(str + 1, &fault_report_on) ? 0 : 1;
	return 1;
}
__setup("vmalloc_fault_report", setup_vmalloc_fault_report);

/**
 * vmalloc_fault_describe - report a fault at @addr the kernel's way, naming the vmalloc area
 * @addr: the faulting address
 * @error_code: x86's page-fault error code (bit 1: write, bit 0: page present)
 *
 * Prints "BUG: unable to handle page fault for address: ...", the #PF lines, what the address
 * is (the guard page after an area and who allocated it, a freed area, or no area), and the
 * stack. Used by the fault handler that vmalloc_fault_report installs.
 *
 * Return: true if @addr is in the vmalloc range (and was reported).
 */
bool vmalloc_fault_describe(unsigned long addr, unsigned long error_code)
{
	struct vmap_area *va, *found = NULL;
	bool locked, freed = false;

	if (!is_vmalloc_addr((void *)addr))
		return false;
	pr_alert("BUG: unable to handle page fault for address: %px\n", (void *)addr);
	pr_alert("#PF: supervisor %s access in kernel mode\n",
		 (error_code & 2) ? "write" : "read");
	pr_alert("#PF: error_code(0x%04lx) - %s\n", error_code,
		 (error_code & 1) ? "permissions violation" : "not-present page");
	/* In a fault handler: the lists may be held by this very thread. */
	locked = host_mutex_trylock(&vmap_area_lock);
	if (locked) {
		found = find_vmap_area_locked(addr, false);
		if (!found) {
			list_for_each_entry(va, &purge_list, list) {
				if (addr >= va->va_start && addr < va->va_end) {
					found = va;
					freed = true;
					break;
				}
			}
		}
	}
	if (!locked) {
		pr_alert("vmalloc: %px is in the vmalloc range\n", (void *)addr);
	} else if (found && freed) {
		pr_alert("vmalloc: %px is %lu bytes into the vmalloc area 0x%px-0x%px, which was freed\n",
			 (void *)addr, addr - found->va_start, (void *)found->va_start,
			 (void *)found->va_end);
	} else if (found && found->vm) {
		struct vm_struct *vm = found->vm;
		unsigned long end = (unsigned long)vm->addr + get_vm_area_size(vm);

		if (addr >= end)
			pr_alert("vmalloc: %px is %lu bytes past the end of the vmalloc area 0x%px-0x%px (its guard page), allocated by %pS\n",
				 (void *)addr, addr - end, vm->addr, (void *)end, vm->caller);
		else
			pr_alert("vmalloc: %px is %lu bytes into the vmalloc area 0x%px-0x%px, allocated by %pS\n",
				 (void *)addr, addr - (unsigned long)vm->addr, vm->addr, (void *)end,
				 vm->caller);
	} else {
		pr_alert("vmalloc: %px is in no vmalloc area\n", (void *)addr);
	}
	if (locked)
		host_mutex_unlock(&vmap_area_lock);
	pr_alert("Oops: %04lx [#1] PREEMPT SMP\n", error_code);
	dump_stack();
	return true;
}

static void vmalloc_fault(unsigned long addr, unsigned long error_code)
{
	vmalloc_fault_describe(addr, error_code);
}

/**
 * vmalloc_fault_report_enable - report faults in the vmalloc range from now on
 *
 * What the vmalloc_fault_report boot option does at boot. Return: 0 or a negative errno.
 */
int vmalloc_fault_report_enable(void)
{
	return host_fault_handler_set(vmalloc_fault);
}

static int __init vmalloc_fault_report_init(void)
{
	return fault_report_on ? vmalloc_fault_report_enable() : 0;
}
late_initcall(vmalloc_fault_report_init);

/* ------------------------------------------------------------------------------------------ */
/* fork() */

/**
 * vmalloc_fork_prepare - fork() is about to copy the process: hold the area lists
 *
 * Called from the page allocator's fork handlers, as the slab's are.
 */
void vmalloc_fork_prepare(void)
{
	host_mutex_lock(&vmap_area_lock);
}

/**
 * vmalloc_fork_parent - fork() is done, in the parent
 */
void vmalloc_fork_parent(void)
{
	host_mutex_unlock(&vmap_area_lock);
}

/**
 * vmalloc_fork_child - fork() is done, in the child: map every area privately
 *
 * The child's physical memory is a private copy by now; areas mapped shared from the arena would
 * still write into the parent's. Remapped privately (copy-on-write: nothing is copied until
 * written), they keep their contents; a page written afterwards through one mapping is no longer
 * seen through the other in the child.
 */
void vmalloc_fork_child(void)
{
	struct vmap_area *va;

	list_for_each_entry(va, &busy_list, list) {
		if (va->pages && __vmap_pages_range(va->va_start, va->pages, va->nr_pages,
						    host_vmap_map_private))
			panic("krt: cannot map vmalloc areas privately in a forked child\n");
	}
	host_mutex_unlock(&vmap_area_lock);
}

/* ------------------------------------------------------------------------------------------ */
/* Leak checking */

static void vmalloc_settle(void)
{
	flush_work(&deferred_vfree_work);
	/* The deferred frees gave pages back: let page reporting settle after them. */
	krt_page_reporting_settle();
}

static long vmalloc_areas_read(void)
{
	return atomic_long_read(&nr_busy_areas);
}

static struct krt_leak_counter vmalloc_leak_counter = {
	.name = "vmalloc areas",
	.read = vmalloc_areas_read,
	.settle = vmalloc_settle,
};

static int __init vmalloc_leak_counter_init(void)
{
	krt_leak_counter_register(&vmalloc_leak_counter);
	return 0;
}
early_initcall(vmalloc_leak_counter_init);

/**
 * vmalloc_nr_pages - pages vmalloc() has from the page allocator (VmallocUsed)
 */
unsigned long vmalloc_nr_pages(void)
{
	return atomic_long_read(&nr_vmalloc_pages);
}
