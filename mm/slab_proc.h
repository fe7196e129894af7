/* SPDX-License-Identifier: MIT */
/*
 * The slab caches' files (mm/slab_proc.c): each cache's directory /sys/kernel/slab/<name>/.
 * The cache registry (mm/slab_common.c) adds a cache's files when it creates the cache and
 * removes them before it shuts the cache down; caches created before the files can be served
 * are added at boot.
 */
#ifndef _MM_SLAB_PROC_H
#define _MM_SLAB_PROC_H

struct kmem_cache;

int sysfs_slab_add(struct kmem_cache *s);
void sysfs_slab_remove(struct kmem_cache *s);

#endif /* _MM_SLAB_PROC_H */
