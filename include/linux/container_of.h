/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_CONTAINER_OF_H
#define _LINUX_CONTAINER_OF_H

#include <linux/build_bug.h>
#include <linux/stddef.h>

/*
 * container_of - the structure that embeds @ptr as its @member. The pointer's type must match
 * the member's (or be void *).
 */
#define container_of(ptr, type, member)					\
	({								\
		void *__mptr = (void *)(ptr);				\
		static_assert(__same_type(*(ptr), ((type *)0)->member) || \
				      __same_type(*(ptr), void),	\
			      "pointer type mismatch in container_of()"); \
		((type *)(__mptr - offsetof(type, member)));		\
	})

/* container_of() that keeps the const qualifier of @ptr. */
#define container_of_const(ptr, type, member)				\
	_Generic(ptr,							\
		const typeof(*(ptr)) *: ((const type *)container_of(ptr, type, member)), \
		default: ((type *)container_of(ptr, type, member))	\
	)

#endif /* _LINUX_CONTAINER_OF_H */
