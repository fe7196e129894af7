/* SPDX-License-Identifier: MIT */
/* Private interface of the provisional host-heap kmalloc (mm/kmalloc_host.c) for mm/util.c. */
#ifndef _MM_KMALLOC_HOST_H
#define _MM_KMALLOC_HOST_H

#include <linux/types.h>

/* kvmalloc's allocation: kmalloc's, also beyond KMALLOC_MAX_SIZE (vmalloc's range). */
void *krt_kvmalloc_host(size_t size, gfp_t flags, unsigned long caller);
/* Is @p a live kmalloc object? */
bool krt_kmalloc_is_object(const void *p);
/* Was @p ever the start of a kmalloc object (live, or freed since)? */
bool krt_kmalloc_known(const void *p);

#endif /* _MM_KMALLOC_HOST_H */
