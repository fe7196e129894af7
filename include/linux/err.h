/* SPDX-License-Identifier: MIT */
/* Error values encoded in pointers: the top MAX_ERRNO addresses are never valid objects. */
#ifndef _LINUX_ERR_H
#define _LINUX_ERR_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/errno.h>

#define MAX_ERRNO 4095

#ifndef __ASSEMBLY__

#define IS_ERR_VALUE(x) unlikely((unsigned long)(void *)(x) >= (unsigned long)-MAX_ERRNO)

static inline void *__must_check ERR_PTR(long error)
{
	return (void *)error;
}

static inline long __must_check PTR_ERR(__force const void *ptr)
{
	return (long)ptr;
}

static inline bool __must_check IS_ERR(__force const void *ptr)
{
	return IS_ERR_VALUE((unsigned long)ptr);
}

static inline bool __must_check IS_ERR_OR_NULL(__force const void *ptr)
{
	return unlikely(!ptr) || IS_ERR_VALUE((unsigned long)ptr);
}

/* Cast an error pointer to another pointer type. */
static inline void *__must_check ERR_CAST(__force const void *ptr)
{
	return (void *)ptr;
}

/* 0 for a valid pointer (or NULL), the error code for an error pointer. */
static inline int __must_check PTR_ERR_OR_ZERO(__force const void *ptr)
{
	if (IS_ERR(ptr))
		return PTR_ERR(ptr);
	return 0;
}

#define ERR_PTR_PCPU(error) ERR_PTR(error)
#define PTR_ERR_PCPU(ptr) PTR_ERR(ptr)
#define IS_ERR_PCPU(ptr) IS_ERR(ptr)

#endif /* __ASSEMBLY__ */
#endif /* _LINUX_ERR_H */
