/* SPDX-License-Identifier: MIT */
/* Word sizes: the UAPI header gives __BITS_PER_LONG, the kernel adds its own names. */
#ifndef _KRT_ASM_BITSPERLONG_H
#define _KRT_ASM_BITSPERLONG_H

#include_next <asm/bitsperlong.h>

#define BITS_PER_LONG		__BITS_PER_LONG
#define BITS_PER_LONG_LONG	64
#define SMALL_CONST(n)		(__builtin_constant_p(n) && (unsigned long)(n) < BITS_PER_LONG)

#endif /* _KRT_ASM_BITSPERLONG_H */
