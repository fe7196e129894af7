/* SPDX-License-Identifier: MIT */
/*
 * vmalloc: virtually contiguous memory from page frames anywhere in physical memory. krt maps
 * the frames (by their offset in the arena's memfd) into a reserved range, so a page is reachable
 * through the direct map and through its vmalloc address, and a guard page after every area
 * faults on an overrun (mm/vmalloc.c).
 */
#ifndef _LINUX_VMALLOC_H
#define _LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/llist.h>
#include <linux/overflow.h>
#include <linux/numa.h>
#include <asm/page.h>
#include <asm/pgtable.h>

struct page;

/* vm_struct flags */
#define VM_IOREMAP		0x00000001	/* ioremap() and friends */
#define VM_ALLOC		0x00000002	/* vmalloc() */
#define VM_MAP			0x00000004	/* vmap()ed pages */
#define VM_USERMAP		0x00000008	/* suitable for remap_vmalloc_range() */
#define VM_DMA_COHERENT		0x00000010	/* dma_alloc_coherent() */
#define VM_UNINITIALIZED	0x00000020	/* not fully set up yet */
#define VM_NO_GUARD		0x00000040	/* no guard page after the area */
#define VM_KASAN		0x00000080	/* has KASAN shadow */
#define VM_FLUSH_RESET_PERMS	0x00000100	/* reset the direct map on unmap */
#define VM_MAP_PUT_PAGES	0x00000200	/* vfree() puts the pages and frees the array */
#define VM_ALLOW_HUGE_VMAP	0x00000400	/* huge mappings allowed */
#define VM_DEFER_KMEMLEAK	0
#define VM_SPARSE		0x00001000	/* not all pages present */

/* vm_map_ram() serves up to this many pages from shared blocks. */
#define VMAP_MAX_ALLOC		BITS_PER_LONG

struct vm_struct {
	struct vm_struct	*next;
	void			*addr;
	unsigned long		size;		/* the guard page included */
	unsigned long		flags;
	struct page		**pages;
	unsigned int		page_order;
	unsigned int		nr_pages;
	phys_addr_t		phys_addr;
	const void		*caller;
	unsigned long		requested_size;
};

/*
 * The vmalloc range, reserved at boot (vmalloc= sets its size). Asking for it boots krt first
 * if nothing has: vmalloc() may be a program's first call into krt.
 */
extern unsigned long krt_vmalloc_start, krt_vmalloc_end;
void krt_vmalloc_boot(void);

static inline unsigned long krt_vmalloc_range_start(void)
{
	if (unlikely(!READ_ONCE(krt_vmalloc_start)))
		krt_vmalloc_boot();
	return krt_vmalloc_start;
}

static inline unsigned long krt_vmalloc_range_end(void)
{
	if (unlikely(!READ_ONCE(krt_vmalloc_end)))
		krt_vmalloc_boot();
	return krt_vmalloc_end;
}

#define VMALLOC_START		krt_vmalloc_range_start()
#define VMALLOC_END		krt_vmalloc_range_end()
#define VMALLOC_TOTAL		(VMALLOC_END - VMALLOC_START)

/* The area's size without its guard page. */
static inline size_t get_vm_area_size(const struct vm_struct *area)
{
	if (!(area->flags & VM_NO_GUARD))
		return area->size - PAGE_SIZE;
	return area->size;
}

/**
 * is_vmalloc_addr - is @x inside the vmalloc range?
 * @x: an address
 */
static inline bool is_vmalloc_addr(const void *x)
{
	unsigned long addr = (unsigned long)x;

	return addr >= VMALLOC_START && addr < VMALLOC_END;
}

/* krt has no modules: the module range is empty. */
static inline int is_vmalloc_or_module_addr(const void *x)
{
	return is_vmalloc_addr(x);
}

void *vmalloc_noprof(unsigned long size) __alloc_size(1);
void *vzalloc_noprof(unsigned long size) __alloc_size(1);
void *vmalloc_user_noprof(unsigned long size) __alloc_size(1);
void *vmalloc_node_noprof(unsigned long size, int node) __alloc_size(1);
void *vzalloc_node_noprof(unsigned long size, int node) __alloc_size(1);
void *vmalloc_32_noprof(unsigned long size) __alloc_size(1);
void *vmalloc_32_user_noprof(unsigned long size) __alloc_size(1);
void *vmalloc_huge_noprof(unsigned long size, gfp_t gfp_mask) __alloc_size(1);
void *__vmalloc_noprof(unsigned long size, gfp_t gfp_mask) __alloc_size(1);
void *__vmalloc_node_noprof(unsigned long size, unsigned long align, gfp_t gfp_mask, int node,
			    const void *caller) __alloc_size(1);
void *__vmalloc_node_range_noprof(unsigned long size, unsigned long align, unsigned long start,
				  unsigned long end, gfp_t gfp_mask, pgprot_t prot,
				  unsigned long vm_flags, int node, const void *caller)
	__alloc_size(1);
void *__vmalloc_array_noprof(size_t n, size_t size, gfp_t flags) __alloc_size(1, 2);
void *vmalloc_array_noprof(size_t n, size_t size) __alloc_size(1, 2);
void *__vcalloc_noprof(size_t n, size_t size, gfp_t flags) __alloc_size(1, 2);
void *vcalloc_noprof(size_t n, size_t size) __alloc_size(1, 2);
void *vrealloc_noprof(const void *p, size_t size, gfp_t flags) __realloc_size(2);

#define vmalloc(...)			alloc_hooks(vmalloc_noprof(__VA_ARGS__))
#define vzalloc(...)			alloc_hooks(vzalloc_noprof(__VA_ARGS__))
#define vmalloc_user(...)		alloc_hooks(vmalloc_user_noprof(__VA_ARGS__))
#define vmalloc_node(...)		alloc_hooks(vmalloc_node_noprof(__VA_ARGS__))
#define vzalloc_node(...)		alloc_hooks(vzalloc_node_noprof(__VA_ARGS__))
#define vmalloc_32(...)			alloc_hooks(vmalloc_32_noprof(__VA_ARGS__))
#define vmalloc_32_user(...)		alloc_hooks(vmalloc_32_user_noprof(__VA_ARGS__))
#define vmalloc_huge(...)		alloc_hooks(vmalloc_huge_noprof(__VA_ARGS__))
#define __vmalloc(...)			alloc_hooks(__vmalloc_noprof(__VA_ARGS__))
#define __vmalloc_node(...)		alloc_hooks(__vmalloc_node_noprof(__VA_ARGS__))
#define __vmalloc_node_range(...)	alloc_hooks(__vmalloc_node_range_noprof(__VA_ARGS__))
#define __vmalloc_array(...)		alloc_hooks(__vmalloc_array_noprof(__VA_ARGS__))
#define vmalloc_array(...)		alloc_hooks(vmalloc_array_noprof(__VA_ARGS__))
#define __vcalloc(...)			alloc_hooks(__vcalloc_noprof(__VA_ARGS__))
#define vcalloc(...)			alloc_hooks(vcalloc_noprof(__VA_ARGS__))
#define vrealloc(...)			alloc_hooks(vrealloc_noprof(__VA_ARGS__))

void vfree(const void *addr);
void vfree_atomic(const void *addr);

void *vmap(struct page **pages, unsigned int count, unsigned long flags, pgprot_t prot);
void vunmap(const void *addr);
void *vm_map_ram(struct page **pages, unsigned int count, int node);
void vm_unmap_ram(const void *mem, unsigned int count);

struct page *vmalloc_to_page(const void *addr);
unsigned long vmalloc_to_pfn(const void *addr);

struct vm_struct *get_vm_area(unsigned long size, unsigned long flags);
struct vm_struct *get_vm_area_caller(unsigned long size, unsigned long flags,
				     const void *caller);
struct vm_struct *find_vm_area(const void *addr);
struct vm_struct *remove_vm_area(const void *addr);
void free_vm_area(struct vm_struct *area);

/* Pages vmalloc() has from the page allocator (VmallocUsed in /proc/meminfo). */
unsigned long vmalloc_nr_pages(void);

/* krt: lazily freed areas given back now (the kernel's purge), for tests and tools. */
void krt_vmalloc_purge(void);

#endif /* _LINUX_VMALLOC_H */
