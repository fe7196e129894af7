// SPDX-License-Identifier: MIT
/*
 * The host side of vmalloc: a range of address space reserved once (PROT_NONE, costing nothing),
 * into which runs of krt's physical memory are mapped by their offset in the arena's memfd, so
 * that a page frame is reachable both through the direct map and through its vmalloc address.
 * Unmapping puts the reservation back. Every call is counted, so that benchmarks can tell how
 * many host mappings a vmalloc cost.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "arch/host/host.h"

static atomic_ulong vmap_calls;

/**
 * host_vmap_reserve - reserve @size bytes of address space for vmalloc areas
 * @size: bytes (a multiple of the page size)
 * @align: alignment of the start (a power of two)
 * @base: where the start is stored
 *
 * Return: 0, or a negative errno.
 */
int host_vmap_reserve(size_t size, size_t align, void **base)
{
	uintptr_t start;
	void *r;

	r = mmap(NULL, size + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
		 0);
	if (r == MAP_FAILED)
		return -errno;
	start = ((uintptr_t)r + align - 1) & ~(uintptr_t)(align - 1);
	*base = (void *)start;
	return 0;
}

/**
 * host_vmap_map - map @len bytes of physical memory at @offset to @addr, read-write
 * @addr: a page-aligned address inside the reservation
 * @len: bytes
 * @offset: byte offset in physical memory
 *
 * The pages are populated at once (MAP_POPULATE), so no fault is taken on first use. In a
 * forked child, whose physical memory is a private copy, the memfd holds the parent's data:
 * the child's view is copied from its direct map into private memory instead (its writes must
 * not reach the parent, and then do not show through the child's direct map either).
 * Return: 0, or a negative errno (ENOMEM when the host refuses more mappings).
 */
int host_vmap_map(void *addr, size_t len, size_t offset)
{
	void *p;

	atomic_fetch_add_explicit(&vmap_calls, 1, memory_order_relaxed);
	if (host_physmem_private()) {
		p = mmap(addr, len, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (p == MAP_FAILED)
			return -errno;
		memcpy(addr, (char *)host_physmem_base() + offset, len);
		return 0;
	}
	p = mmap(addr, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED | MAP_POPULATE,
		 host_physmem_fd(), (off_t)offset);
	return p == MAP_FAILED ? -errno : 0;
}

/**
 * host_vmap_map_private - in a forked child, map @len bytes of physical memory at @offset to
 * @addr privately, copy-on-write
 * @addr: a page-aligned address inside the reservation
 * @len: bytes
 * @offset: byte offset in physical memory
 *
 * For the areas a child inherits: it sees the memory as it was at the fork (as its direct map
 * does), and nothing is copied until written. Return: 0, or a negative errno.
 */
int host_vmap_map_private(void *addr, size_t len, size_t offset)
{
	void *p;

	atomic_fetch_add_explicit(&vmap_calls, 1, memory_order_relaxed);
	p = mmap(addr, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, host_physmem_fd(),
		 (off_t)offset);
	return p == MAP_FAILED ? -errno : 0;
}

/**
 * host_vmap_unmap - give @len bytes at @addr back to the reservation
 * @addr: a page-aligned address inside the reservation
 * @len: bytes
 *
 * An access afterwards faults, as one to a guard page does. Return: 0, or a negative errno.
 */
int host_vmap_unmap(void *addr, size_t len)
{
	void *p;

	atomic_fetch_add_explicit(&vmap_calls, 1, memory_order_relaxed);
	p = mmap(addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1,
		 0);
	return p == MAP_FAILED ? -errno : 0;
}

/* host_vmap_calls - host mapping calls made for vmalloc areas so far */
unsigned long host_vmap_calls(void)
{
	return atomic_load_explicit(&vmap_calls, memory_order_relaxed);
}
