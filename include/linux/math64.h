/* SPDX-License-Identifier: MIT */
/* 64-bit division and multiplication helpers (the 64-bit kernel variants: plain C division). */
#ifndef _LINUX_MATH64_H
#define _LINUX_MATH64_H

#include <linux/types.h>
#include <linux/math.h>
#include <asm/div64.h>

#define div64_long(x, y) div64_s64((x), (y))
#define div64_ul(x, y)   div64_u64((x), (y))

/* div_u64_rem - @dividend / @divisor, the remainder in *@remainder. */
static inline u64 div_u64_rem(u64 dividend, u32 divisor, u32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

/* div_s64_rem - @dividend / @divisor (truncating), the remainder in *@remainder. */
static inline s64 div_s64_rem(s64 dividend, s32 divisor, s32 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

/* div64_u64_rem - 64 by 64 division, the remainder in *@remainder. */
static inline u64 div64_u64_rem(u64 dividend, u64 divisor, u64 *remainder)
{
	*remainder = dividend % divisor;
	return dividend / divisor;
}

/* div64_u64 - 64 by 64 unsigned division. */
static inline u64 div64_u64(u64 dividend, u64 divisor)
{
	return dividend / divisor;
}

/* div64_s64 - 64 by 64 signed division. */
static inline s64 div64_s64(s64 dividend, s64 divisor)
{
	return dividend / divisor;
}

/* div_u64 - 64 by 32 unsigned division. */
static inline u64 div_u64(u64 dividend, u32 divisor)
{
	return dividend / divisor;
}

/* div_s64 - 64 by 32 signed division. */
static inline s64 div_s64(s64 dividend, s32 divisor)
{
	return dividend / divisor;
}

u32 iter_div_u64_rem(u64 dividend, u32 divisor, u64 *remainder);

/* mul_u32_u32 - the full 64-bit product of two u32. */
static inline u64 mul_u32_u32(u32 a, u32 b)
{
	return (u64)a * b;
}

/* mul_u64_u32_shr - (@a * @mul) >> @shift with a 96-bit intermediate product. */
static __always_inline u64 mul_u64_u32_shr(u64 a, u32 mul, unsigned int shift)
{
	return (u64)(((unsigned __int128)a * mul) >> shift);
}

/* mul_u64_u64_shr - (@a * @mul) >> @shift with a 128-bit intermediate product. */
static __always_inline u64 mul_u64_u64_shr(u64 a, u64 mul, unsigned int shift)
{
	return (u64)(((unsigned __int128)a * mul) >> shift);
}

/* mul_s64_u64_shr - (@a * @b) >> @shift for a signed @a (the shift rounds toward zero). */
static inline u64 mul_s64_u64_shr(s64 a, u64 b, unsigned int shift)
{
	u64 ret = mul_u64_u64_shr(a < 0 ? -(u64)a : (u64)a, b, shift);

	return a < 0 ? -ret : ret;
}

/* mul_u64_u32_div - @a * @mul / @divisor with a 96-bit intermediate product. */
static inline u64 mul_u64_u32_div(u64 a, u32 mul, u32 divisor)
{
	return (u64)(((unsigned __int128)a * mul) / divisor);
}

/* mul_u64_u64_div_u64 - @a * @mul / @div with a 128-bit intermediate product. */
static inline u64 mul_u64_u64_div_u64(u64 a, u64 mul, u64 div)
{
	return (u64)(((unsigned __int128)a * mul) / div);
}

/* Rounding variants: up, or to nearest (halves away from zero). */
#define DIV64_U64_ROUND_UP(ll, d) \
	({ u64 _tmp = (d); div64_u64((ll) + _tmp - 1, _tmp); })

#define DIV_U64_ROUND_UP(ll, d) \
	({ u32 _tmp = (d); div_u64((ll) + _tmp - 1, _tmp); })

#define DIV64_U64_ROUND_CLOSEST(dividend, divisor) \
	({ u64 _tmp = (divisor); div64_u64((dividend) + _tmp / 2, _tmp); })

#define DIV_U64_ROUND_CLOSEST(dividend, divisor) \
	({ u32 _tmp = (divisor); div_u64((u64)(dividend) + _tmp / 2, _tmp); })

#define DIV_S64_ROUND_CLOSEST(dividend, divisor) ({				\
	s64 __x = (dividend);							\
	s32 __d = (divisor);							\
	((__x > 0) == (__d > 0)) ?						\
		div_s64((__x + (__d / 2)), __d) :				\
		div_s64((__x - (__d / 2)), __d);				\
})

/* roundup_u64 - @x rounded up to a multiple of @y. */
static inline u64 roundup_u64(u64 x, u32 y)
{
	return DIV_U64_ROUND_UP(x, y) * y;
}

#endif /* _LINUX_MATH64_H */
