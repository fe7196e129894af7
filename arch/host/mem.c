// SPDX-License-Identifier: MIT
/* The host heap, for krt's own bookkeeping (task structs, stack depot, capture buffers). */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/host/host.h"

void *host_alloc(size_t size)
{
	return malloc(size);
}

void *host_zalloc(size_t size)
{
	return calloc(1, size);
}

void *host_realloc(void *ptr, size_t size)
{
	return realloc(ptr, size);
}

void *host_aligned_alloc(size_t align, size_t size)
{
	void *p = NULL;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if (posix_memalign(&p, align, size))
		return NULL;
	return p;
}

void host_free(void *ptr)
{
	free(ptr);
}

size_t host_usable_size(void *ptr)
{
	return malloc_usable_size(ptr);
}

size_t host_page_size(void)
{
	return (size_t)sysconf(_SC_PAGESIZE);
}

uint64_t host_total_ram(void)
{
	return (uint64_t)sysconf(_SC_PHYS_PAGES) * (uint64_t)sysconf(_SC_PAGESIZE);
}
