/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_REFCOUNT_TYPES_H
#define _LINUX_REFCOUNT_TYPES_H

#include <linux/types.h>

/* A reference counter that saturates instead of wrapping (see <linux/refcount.h>). */
typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n) }

#endif /* _LINUX_REFCOUNT_TYPES_H */
