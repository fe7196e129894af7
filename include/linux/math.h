/* SPDX-License-Identifier: MIT */
/* Integer rounding, division and absolute-value helpers. */
#ifndef _LINUX_MATH_H
#define _LINUX_MATH_H

/* libc declares a function abs(); pull it in before abs() becomes a macro. */
#include <stdlib.h>
#include <linux/types.h>
#include <linux/const.h>
#include <asm/div64.h>

/* The mask for rounding @x to a multiple of @y (a power of two), in the type of @x. */
#define __round_mask(x, y) ((__typeof__(x))((y) - 1))

/* round_up - round @x up to a multiple of @y, which must be a power of two. */
#define round_up(x, y) ((((x) - 1) | __round_mask(x, y)) + 1)
/* round_down - round @x down to a multiple of @y, which must be a power of two. */
#define round_down(x, y) ((x) & ~__round_mask(x, y))

#define DIV_ROUND_UP_POW2(n, d) \
	((n) / (d) + !!((n) & ((d) - 1)))

#define DIV_ROUND_UP __KERNEL_DIV_ROUND_UP

#define DIV_ROUND_DOWN_ULL(ll, d) \
	({ unsigned long long _tmp = (ll); do_div(_tmp, d); _tmp; })

#define DIV_ROUND_UP_ULL(ll, d) \
	DIV_ROUND_DOWN_ULL((unsigned long long)(ll) + (d) - 1, (d))

#define DIV_ROUND_UP_SECTOR_T(ll, d) DIV_ROUND_UP_ULL(ll, d)

/* roundup - round @x up to a multiple of @y (any non-zero value). Replaces <sys/param.h>'s. */
#undef roundup
#define roundup(x, y) ({						\
	typeof(y) __y = (y);						\
	(((x) + (__y - 1)) / __y) * __y;				\
})

/* rounddown - round @x down to a multiple of @y (any non-zero value). */
#define rounddown(x, y) ({						\
	typeof(x) __x = (x);						\
	__x - (__x % (y));						\
})

/*
 * DIV_ROUND_CLOSEST - @x / @divisor rounded half away from zero. When both operands are signed
 * their signs may differ; with an unsigned operand the other one must not be negative.
 */
#define DIV_ROUND_CLOSEST(x, divisor) ({				\
	typeof(x) __x = (x);						\
	typeof(divisor) __d = (divisor);				\
	(((typeof(x))-1) > 0 || ((typeof(divisor))-1) > 0 ||		\
	 ((__x > 0) == (__d > 0))) ?					\
		((__x + (__d / 2)) / __d) :				\
		((__x - (__d / 2)) / __d);				\
})

/* DIV_ROUND_CLOSEST_ULL - like DIV_ROUND_CLOSEST for a u64 @x and a 32-bit @divisor. */
#define DIV_ROUND_CLOSEST_ULL(x, divisor) ({				\
	typeof(divisor) __d = (divisor);				\
	unsigned long long _tmp = (x) + __d / 2;			\
	do_div(_tmp, __d);						\
	_tmp;								\
})

#define __STRUCT_FRACT(type)						\
struct type##_fract {							\
	__##type numerator;						\
	__##type denominator;						\
};
__STRUCT_FRACT(s8)
__STRUCT_FRACT(u8)
__STRUCT_FRACT(s16)
__STRUCT_FRACT(u16)
__STRUCT_FRACT(s32)
__STRUCT_FRACT(u32)
#undef __STRUCT_FRACT

/* mult_frac - @x * @n / @d, splitting @x by @d first so the product does not overflow early. */
#define mult_frac(x, n, d) ({						\
	typeof(x) x_ = (x);						\
	typeof(n) n_ = (n);						\
	typeof(d) d_ = (d);						\
	typeof(x_) q_ = x_ / d_;					\
	typeof(x_) r_ = x_ % d_;					\
	q_ * n_ + r_ * n_ / d_;						\
})

#define sector_div(a, b) do_div(a, b)

#define __abs_choose_expr(x, type, other) __builtin_choose_expr(		\
	__builtin_types_compatible_p(typeof(x), signed type) ||		\
	__builtin_types_compatible_p(typeof(x), unsigned type),		\
	({ signed type __x = (x); __x < 0 ? -__x : __x; }), other)

/*
 * abs - absolute value of @x, computed in the signed type of @x's width (an unsigned
 * argument is reinterpreted as signed first); plain char counts as signed but the result
 * stays char.
 */
#undef abs
#define abs(x) __abs_choose_expr(x, long long,				\
	__abs_choose_expr(x, long,						\
	__abs_choose_expr(x, int,						\
	__abs_choose_expr(x, short,						\
	__abs_choose_expr(x, char,						\
	__builtin_choose_expr(							\
		__builtin_types_compatible_p(typeof(x), char),			\
		(char)({ signed char __x = (x); __x < 0 ? -__x : __x; }),	\
		((void)0)))))))

/*
 * abs_diff - |@a - @b| without overflow: the smaller is subtracted from the larger. Both must
 * have the same type.
 */
#define abs_diff(a, b) ({						\
	typeof(a) __a = (a);						\
	typeof(b) __b = (b);						\
	(void)(&__a == &__b);						\
	__a > __b ? (__a - __b) : (__b - __a);				\
})

/* reciprocal_scale - map @val into [0, @ep_ro) with a multiply instead of a modulo. */
static inline u32 reciprocal_scale(u32 val, u32 ep_ro)
{
	return (u32)(((u64)val * ep_ro) >> 32);
}

u64 int_pow(u64 base, unsigned int exp);
unsigned long int_sqrt(unsigned long x);

static inline u32 int_sqrt64(u64 x)
{
	return (u32)int_sqrt(x);
}

#endif /* _LINUX_MATH_H */
