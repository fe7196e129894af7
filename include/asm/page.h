/* SPDX-License-Identifier: MIT */
/*
 * Physical addresses. krt's "physical memory" is one arena mapped once as the direct map:
 * physical address = offset in the arena, pfn = page index, and __va()/__pa() add or subtract
 * the arena's base (mm/mm_init.c sets it up at boot).
 */
#ifndef _ASM_PAGE_H
#define _ASM_PAGE_H

#include <asm/page_types.h>
#include <linux/types.h>

struct page;

extern unsigned long krt_direct_map_base;	/* virtual address of physical address 0 */
extern unsigned long krt_direct_map_size;	/* bytes of physical memory (mem=) */
extern struct page *mem_map;			/* struct page of every pfn, pfn 0 first */
extern unsigned long max_pfn;			/* one past the last pfn */

#define PAGE_OFFSET		krt_direct_map_base
#define __pa(x)			((phys_addr_t)((unsigned long)(x) - krt_direct_map_base))
#define __va(x)			((void *)((unsigned long)(x) + krt_direct_map_base))
#define __pa_symbol(x)		__pa(x)

#define PFN_PHYS(x)		((phys_addr_t)(x) << PAGE_SHIFT)
#define PHYS_PFN(x)		((unsigned long)((x) >> PAGE_SHIFT))
#define PFN_UP(x)		(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_DOWN(x)		((x) >> PAGE_SHIFT)

#define page_to_pfn(page)	((unsigned long)((page) - mem_map))
#define pfn_to_page(pfn)	(mem_map + (pfn))
#define pfn_to_kaddr(pfn)	__va((pfn) << PAGE_SHIFT)

/* Is @addr inside the direct map (a lowmem address)? */
static inline bool krt_addr_in_direct_map(const void *addr)
{
	return (unsigned long)addr - krt_direct_map_base < krt_direct_map_size;
}

#define virt_addr_valid(kaddr)	krt_addr_in_direct_map((const void *)(kaddr))
#define virt_to_pfn(kaddr)	PHYS_PFN(__pa(kaddr))
#define virt_to_page(kaddr)	pfn_to_page(virt_to_pfn(kaddr))
#define page_to_virt(page)	__va(PFN_PHYS(page_to_pfn(page)))

/**
 * pfn_valid - does @pfn name a page frame of krt's physical memory?
 * @pfn: the page frame number
 */
static inline int pfn_valid(unsigned long pfn)
{
	return pfn < max_pfn;
}

/**
 * virt_to_phys - the physical address of a direct-map address
 * @address: a direct-map (kmalloc, page allocator) address
 */
static inline phys_addr_t virt_to_phys(volatile void *address)
{
	return __pa(address);
}

/**
 * phys_to_virt - the direct-map address of a physical address
 * @address: a physical address inside krt's physical memory
 */
static inline void *phys_to_virt(phys_addr_t address)
{
	return __va(address);
}

#define page_to_phys(page)	PFN_PHYS(page_to_pfn(page))

/**
 * get_order - the smallest page order whose block holds @size bytes
 * @size: bytes, at least 1
 */
static inline __attribute_const__ int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT);
}

#endif /* _ASM_PAGE_H */
