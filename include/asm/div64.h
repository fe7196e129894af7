/* SPDX-License-Identifier: MIT */
/* do_div(): 64-by-32 division in place, as on every 64-bit kernel architecture. */
#ifndef _KRT_ASM_DIV64_H
#define _KRT_ASM_DIV64_H

#include <linux/types.h>

/*
 * do_div - divide the u64 lvalue @n by the u32 @base in place and return the remainder.
 * As on the kernel's 64-bit architectures, @n's type is not checked.
 */
#define do_div(n, base) ({						\
	u32 __base = (base);						\
	u32 __rem;							\
	__rem = ((u64)(n)) % __base;					\
	(n) = ((u64)(n)) / __base;					\
	__rem;								\
})

#endif /* _KRT_ASM_DIV64_H */
