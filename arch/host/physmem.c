// SPDX-License-Identifier: MIT
/*
 * Host memory for krt's "physical memory": a memfd mapped once (the direct map), holes punched
 * to give free memory back, anonymous reservations for metadata (mem_map), and the host's RAM
 * size and the process's RSS.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "arch/host/host.h"

static int physmem_fd = -1;
static void *physmem_base;
static size_t physmem_size;
/* In a forked child: the arena is a private copy, and discarding maps zero pages. */
static bool physmem_private;

/**
 * host_physmem_create - create the memfd behind krt's physical memory and map it
 * @size: bytes (a multiple of the page size)
 * @align: alignment of the mapping's address (a power of two), so that blocks naturally
 *	   aligned in physical memory are so in the direct map too
 * @base: where the mapping's address is stored
 *
 * Return: 0, or a negative errno. Pages of the memfd cost host memory only once touched.
 */
int host_physmem_create(size_t size, size_t align, void **base)
{
	uintptr_t start;
	void *p, *r;
	int fd;

	fd = memfd_create("krt-physmem", MFD_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (ftruncate(fd, (off_t)size) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	/* Reserve enough address space to place the mapping on an aligned address inside it. */
	r = mmap(NULL, size + align, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r == MAP_FAILED) {
		int err = -errno;

		close(fd);
		return err;
	}
	start = ((uintptr_t)r + align - 1) & ~(uintptr_t)(align - 1);
	p = mmap((void *)start, size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_NORESERVE | MAP_FIXED, fd, 0);
	if (p == MAP_FAILED) {
		int err = -errno;

		munmap(r, size + align);
		close(fd);
		return err;
	}
	if (start > (uintptr_t)r)
		munmap(r, start - (uintptr_t)r);
	if ((uintptr_t)r + align > start)
		munmap((void *)(start + size), (uintptr_t)r + align - start);
	physmem_fd = fd;
	physmem_base = p;
	physmem_size = size;
	*base = p;
	return 0;
}

/* host_physmem_fd - the memfd behind physical memory (for remapping page frames), or -1 */
int host_physmem_fd(void)
{
	return physmem_fd;
}

/**
 * host_physmem_discard - give @len bytes at @offset of physical memory back to the host
 * @offset: byte offset (page aligned)
 * @len: bytes (page aligned)
 *
 * The range reads as zeroes afterwards. Return: 0 or a negative errno.
 */
int host_physmem_discard(size_t offset, size_t len)
{
	if (physmem_private) {
		void *p = mmap((char *)physmem_base + offset, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);

		return p == MAP_FAILED ? -errno : 0;
	}
	if (fallocate(physmem_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)offset,
		      (off_t)len) < 0)
		return -errno;
	return 0;
}

/**
 * host_physmem_fork_child - in a forked child, stop sharing physical memory with the parent
 *
 * The memfd is shared, so the child's writes would land in the parent's memory. The child maps
 * it privately at the same address instead: its writes are its own (the parent's later writes
 * to pages the child has not written yet stay visible to it), and discarded ranges become
 * private zero pages rather than holes in the parent's file.
 *
 * Return: 0 or a negative errno.
 */
int host_physmem_fork_child(void)
{
	void *p;

	if (!physmem_base)
		return 0;
	p = mmap(physmem_base, physmem_size, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_NORESERVE | MAP_FIXED, physmem_fd, 0);
	if (p == MAP_FAILED)
		return -errno;
	physmem_private = true;
	return 0;
}

/* host_physmem_base - the direct map's address */
void *host_physmem_base(void)
{
	return physmem_base;
}

/* host_physmem_private - does this (forked) process have its own copy of physical memory? */
bool host_physmem_private(void)
{
	return physmem_private;
}

/**
 * host_map_anon - reserve @size bytes of zero-filled memory that cost nothing until touched
 * @size: bytes
 *
 * Return: the address, or NULL.
 */
void *host_map_anon(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* host_ram_bytes - the host's physical memory in bytes */
uint64_t host_ram_bytes(void)
{
	long pages = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);

	if (pages <= 0 || psize <= 0)
		return 0;
	return (uint64_t)pages * (uint64_t)psize;
}

/* host_rss_bytes - the process's resident set (anonymous and shared) in bytes, 0 if unknown */
uint64_t host_rss_bytes(void)
{
	unsigned long size, resident;
	FILE *f = fopen("/proc/self/statm", "r");
	int n;

	if (!f)
		return 0;
	n = fscanf(f, "%lu %lu", &size, &resident);
	fclose(f);
	if (n != 2)
		return 0;
	return (uint64_t)resident * (uint64_t)sysconf(_SC_PAGESIZE);
}
