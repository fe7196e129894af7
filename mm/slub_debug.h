/* SPDX-License-Identifier: MIT */
/*
 * What mm/slub_debug.c offers beyond the hooks of mm/slab.h: the owner-tracking views (the
 * kernel's alloc_calls/free_calls files), what kmalloc needs to keep the kmalloc red zone
 * right, the slab_debug=O setting, and a way for tests to ask how a slab_debug= string would
 * apply to a cache.
 */
#ifndef _MM_SLUB_DEBUG_H
#define _MM_SLUB_DEBUG_H

#include <linux/types.h>
#include <linux/slab.h>

struct kmem_cache;

/*
 * Set by the 'O' letter of slab_debug=: caches whose slab order would grow because of the debug
 * metadata get no RED_ZONE, POISON or STORE_USER (DEBUG_METADATA_FLAGS).
 */
extern int disable_higher_order_debug;
#define DEBUG_METADATA_FLAGS	(SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

ssize_t slab_locations_show(struct kmem_cache *s, char *buf, size_t size, bool alloc);

void skip_orig_size_check(struct kmem_cache *s, const void *object);
unsigned long slab_debug_orig_size(struct kmem_cache *s, const void *object);

slab_flags_t kmem_cache_flags_for(const char *param, slab_flags_t flags, const char *name);

#endif /* _MM_SLUB_DEBUG_H */
