/* SPDX-License-Identifier: MIT */
/* Integer base-2 logarithms and powers of two. */
#ifndef _LINUX_LOG2_H
#define _LINUX_LOG2_H

#include <linux/types.h>
#include <linux/bitops.h>

/* __ilog2_u32 - floor(log2(@n)); -1 for 0. */
static __always_inline __attribute__((const)) int __ilog2_u32(u32 n)
{
	return fls(n) - 1;
}

/* __ilog2_u64 - floor(log2(@n)); -1 for 0. */
static __always_inline __attribute__((const)) int __ilog2_u64(u64 n)
{
	return fls64(n) - 1;
}

/* is_power_of_2 - true if @n is a power of two (zero is not). */
static inline __attribute__((const)) bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

/* __roundup_pow_of_two - the smallest power of two >= @n (@n > 0). */
static inline __attribute__((const)) unsigned long __roundup_pow_of_two(unsigned long n)
{
	return 1UL << fls_long(n - 1);
}

/* __rounddown_pow_of_two - the largest power of two <= @n (@n > 0). */
static inline __attribute__((const)) unsigned long __rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (fls_long(n) - 1);
}

/* const_ilog2 - ilog2() of a constant, usable in constant expressions; -1 if not constant. */
#define const_ilog2(n)							\
	(__builtin_constant_p(n) ?					\
		((n) < 2 ? 0 : 63 - __builtin_clzll(n)) : -1)

/*
 * ilog2 - floor(log2(@n)). A constant folds at compile time (0 and 1 give 0); at run time 0
 * gives -1, as fls() - 1 does in the kernel.
 */
#define ilog2(n)							\
	(__builtin_constant_p(n) ?					\
		((n) < 2 ? 0 : 63 - __builtin_clzll(n)) :		\
	 (sizeof(n) <= 4) ? __ilog2_u32(n) : __ilog2_u64(n))

/* roundup_pow_of_two - @n rounded up to a power of two; undefined for 0. */
#define roundup_pow_of_two(n)						\
	(__builtin_constant_p(n) ?					\
		(((n) == 1) ? 1 : (1UL << (ilog2((n) - 1) + 1))) :	\
		__roundup_pow_of_two(n))

/* rounddown_pow_of_two - @n rounded down to a power of two; undefined for 0. */
#define rounddown_pow_of_two(n)						\
	(__builtin_constant_p(n) ? (1UL << ilog2(n)) : __rounddown_pow_of_two(n))

static inline __attribute_const__ int __order_base_2(unsigned long n)
{
	return n > 1 ? ilog2(n - 1) + 1 : 0;
}

/* order_base_2 - ceil(log2(@n)); 0 for 0 and 1. */
#define order_base_2(n)							\
	(__builtin_constant_p(n) ?					\
		(((n) == 0 || (n) == 1) ? 0 : ilog2((n) - 1) + 1) :	\
		__order_base_2(n))

static inline __attribute__((const)) int __bits_per(unsigned long n)
{
	if (n < 2)
		return 1;
	if (is_power_of_2(n))
		return order_base_2(n) + 1;
	return order_base_2(n);
}

/* bits_per - the number of bits needed to store @n (at least 1). */
#define bits_per(n)							\
	(__builtin_constant_p(n) ?					\
		(((n) == 0 || (n) == 1) ? 1 : ilog2(n) + 1) :		\
		__bits_per(n))

#endif /* _LINUX_LOG2_H */
