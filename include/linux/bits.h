/* SPDX-License-Identifier: MIT */
/* Single bits and contiguous masks. */
#ifndef _LINUX_BITS_H
#define _LINUX_BITS_H

#include <linux/const.h>
#include <linux/build_bug.h>
#include <asm/bitsperlong.h>

#define BIT(nr)			(UL(1) << (nr))
#define BIT_ULL(nr)		(ULL(1) << (nr))
#define BIT_MASK(nr)		(UL(1) << ((nr) % BITS_PER_LONG))
#define BIT_WORD(nr)		((nr) / BITS_PER_LONG)
#define BIT_ULL_MASK(nr)	(ULL(1) << ((nr) % BITS_PER_LONG_LONG))
#define BIT_ULL_WORD(nr)	((nr) / BITS_PER_LONG_LONG)
#define BITS_PER_BYTE		8

/*
 * A constant GENMASK() with its bounds swapped is a build error, as in the kernel; a
 * non-constant pair is not checked.
 */
#define GENMASK_INPUT_CHECK(h, l)					\
	BUILD_BUG_ON_ZERO(__builtin_choose_expr(__is_constexpr((l) > (h)), (l) > (h), 0))

#define __GENMASK(h, l)							\
	(((~UL(0)) - (UL(1) << (l)) + 1) & (~UL(0) >> (BITS_PER_LONG - 1 - (h))))
#define __GENMASK_ULL(h, l)						\
	(((~ULL(0)) - (ULL(1) << (l)) + 1) &				\
	 (~ULL(0) >> (BITS_PER_LONG_LONG - 1 - (h))))
#define __GENMASK_U128(h, l)						\
	((((unsigned __int128)1 << (h)) << 1) - ((unsigned __int128)1 << (l)))

/* GENMASK(h, l) - the mask of bits @l..@h inclusive, e.g. GENMASK(7, 4) == 0xf0. */
#define GENMASK(h, l)		(GENMASK_INPUT_CHECK(h, l) + __GENMASK(h, l))
#define GENMASK_ULL(h, l)	(GENMASK_INPUT_CHECK(h, l) + __GENMASK_ULL(h, l))
#define GENMASK_U128(h, l)	(GENMASK_INPUT_CHECK(h, l) + __GENMASK_U128(h, l))

#endif /* _LINUX_BITS_H */
