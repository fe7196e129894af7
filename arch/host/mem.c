// SPDX-License-Identifier: MIT
/* The host heap, for krt's own bookkeeping (task structs, stack depot, capture buffers). */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/host/host.h"

/**
 * host_alloc - allocate @size bytes from the host heap (malloc())
 * @size: bytes wanted
 *
 * Return: the memory, or NULL.
 */
void *host_alloc(size_t size)
{
	return malloc(size);
}

/**
 * host_zalloc - allocate @size zeroed bytes from the host heap (calloc())
 * @size: bytes wanted
 *
 * Return: the memory, or NULL.
 */
void *host_zalloc(size_t size)
{
	return calloc(1, size);
}

/**
 * host_realloc - resize a host heap block (realloc())
 * @ptr: the block, or NULL for a new one
 * @size: the new size
 *
 * Return: the block, possibly moved, or NULL with @ptr left as it was.
 */
void *host_realloc(void *ptr, size_t size)
{
	return realloc(ptr, size);
}

/**
 * host_aligned_alloc - allocate @size bytes aligned to @align from the host heap
 * @align: a power of two; less than the size of a pointer means pointer alignment
 * @size: bytes wanted
 *
 * Return: the memory (freed with host_free()), or NULL.
 */
void *host_aligned_alloc(size_t align, size_t size)
{
	void *p = NULL;

	if (align < sizeof(void *))
		align = sizeof(void *);
	if (posix_memalign(&p, align, size))
		return NULL;
	return p;
}

/**
 * host_free - free a host heap block (free())
 * @ptr: the block, or NULL
 */
void host_free(void *ptr)
{
	free(ptr);
}

