/* SPDX-License-Identifier: MIT */
/*
 * min()/max()/clamp() and friends: each argument is evaluated once, and mixing a signed and an
 * unsigned operand fails to build unless the signed one is known not to be negative.
 */
#ifndef _LINUX_MINMAX_H
#define _LINUX_MINMAX_H

#include <linux/build_bug.h>
#include <linux/compiler.h>
#include <linux/const.h>
#include <linux/types.h>

#ifndef statically_true
#define statically_true(x) (__builtin_constant_p(x) && (x))
#endif

#define __typecheck(x, y) \
	(!!(sizeof((typeof(x) *)1 == (typeof(y) *)1)))

/*
 * Signedness rules, as in the kernel: bit 0 of __sign_use() means "fine in an unsigned
 * comparison", bit 1 "fine in a signed comparison". A signed value proven non-negative is fine
 * in both, and so is an unsigned type narrower than int (it is promoted to int anyway). @x is
 * the argument as written (looked at, never evaluated), @ux the variable holding its value.
 *
 * How "proven non-negative" and the failure work depends on optimisation:
 * - optimised builds (the default) do what the kernel does: the proof may come from the
 *   optimiser (constants, value ranges) and the failure is a call to a function with an error
 *   attribute, dropped when the condition folds to true;
 * - -O0 builds (debugging) decide at compile time in the front end: a constant argument is
 *   checked, a non-constant signed one is trusted, so code that builds optimised also builds
 *   unoptimised, and every mistake visible without optimisation still fails.
 */
#ifdef __OPTIMIZE__
#define __is_nonneg(x, ux) statically_true((long long)(ux) >= 0)

#define __minmax_assert_once(cond, msg, fn) do {					\
	extern void fn(void) __attribute__((__error__(msg)));				\
	if (!(cond))									\
		fn();									\
} while (0)
#define __minmax_assert(cond, msg) \
	__minmax_assert_once(cond, msg, __UNIQUE_ID(__minmax_signedness_))
#define __minmax_lo_gt_hi(lo, hi, ulo, uhi) statically_true(ulo > uhi)
#else
#define __is_nonneg(x, ux) \
	__builtin_choose_expr(__is_constexpr(x), (long long)(x) >= 0, 1)
#define __minmax_assert(cond, msg) _Static_assert(cond, msg)
#define __minmax_lo_gt_hi(lo, hi, ulo, uhi) \
	__builtin_choose_expr(__is_constexpr((lo) > (hi)), (lo) > (hi), 0)
#endif

#define __sign_use(x, ux) (is_signed_type(typeof(ux)) ?					\
	(2 + __is_nonneg(x, ux)) : (1 + 2 * (sizeof(ux) < 4)))
#define __types_ok(x, y, ux, uy) (__sign_use(x, ux) & __sign_use(y, uy))
#define __types_ok3(x, y, z, ux, uy, uz) \
	(__sign_use(x, ux) & __sign_use(y, uy) & __sign_use(z, uz))

#define __cmp_op_min <
#define __cmp_op_max >

#define __cmp(op, x, y) ((x) __cmp_op_##op (y) ? (x) : (y))

#define __cmp_once_unique(op, type, x, y, ux, uy) \
	({ type ux = (x); type uy = (y); __cmp(op, ux, uy); })

#define __cmp_once(op, type, x, y) \
	__cmp_once_unique(op, type, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))

#define __careful_cmp_once(op, x, y, ux, uy) ({					\
	__auto_type ux = (x); __auto_type uy = (y);					\
	__minmax_assert(__types_ok(x, y, ux, uy), #op "(" #x ", " #y ") signedness error");	\
	__cmp(op, ux, uy); })

#define __careful_cmp(op, x, y) \
	__careful_cmp_once(op, x, y, __UNIQUE_ID(x_), __UNIQUE_ID(y_))

/* min - the smaller of @x and @y, which must have compatible signedness. */
#define min(x, y) __careful_cmp(min, x, y)
/* max - the larger of @x and @y, which must have compatible signedness. */
#define max(x, y) __careful_cmp(max, x, y)

/* umin - the smaller of two non-negative values, both zero-extended to a common unsigned type. */
#define umin(x, y) \
	__careful_cmp(min, (x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)
/* umax - the larger of two non-negative values, both zero-extended to a common unsigned type. */
#define umax(x, y) \
	__careful_cmp(max, (x) + 0u + 0ul + 0ull, (y) + 0u + 0ul + 0ull)

#define __careful_op3(op, x, y, z, ux, uy, uz) ({					\
	__auto_type ux = (x); __auto_type uy = (y); __auto_type uz = (z);		\
	__minmax_assert(__types_ok3(x, y, z, ux, uy, uz),				\
			#op "3(" #x ", " #y ", " #z ") signedness error");		\
	__cmp(op, ux, __cmp(op, uy, uz)); })

/* min3 - the smallest of three values. */
#define min3(x, y, z) \
	__careful_op3(min, x, y, z, __UNIQUE_ID(x_), __UNIQUE_ID(y_), __UNIQUE_ID(z_))
/* max3 - the largest of three values. */
#define max3(x, y, z) \
	__careful_op3(max, x, y, z, __UNIQUE_ID(x_), __UNIQUE_ID(y_), __UNIQUE_ID(z_))

/* min_t - the smaller of @x and @y after converting both to @type (no checks). */
#define min_t(type, x, y) __cmp_once(min, type, x, y)
/* max_t - the larger of @x and @y after converting both to @type (no checks). */
#define max_t(type, x, y) __cmp_once(max, type, x, y)

/* min_not_zero - the smaller of @x and @y ignoring a zero one; zero if both are zero. */
#define min_not_zero(x, y) ({						\
	typeof(x) __x = (x);						\
	typeof(y) __y = (y);						\
	__x == 0 ? __y : ((__y == 0) ? __x : min(__x, __y)); })

#define __clamp(val, lo, hi) \
	((val) >= (hi) ? (hi) : ((val) <= (lo) ? (lo) : (val)))

#define __clamp_once(type, val, lo, hi, uval, ulo, uhi) ({				\
	type uval = (val);								\
	type ulo = (lo);								\
	type uhi = (hi);								\
	__minmax_assert(!__minmax_lo_gt_hi(lo, hi, ulo, uhi),				\
			"clamp() low limit " #lo " greater than high limit " #hi);	\
	__minmax_assert(__types_ok3(val, lo, hi, uval, ulo, uhi),			\
			"clamp(" #val ", " #lo ", " #hi ") signedness error");		\
	__clamp(uval, ulo, uhi); })

#define __careful_clamp(type, val, lo, hi) \
	__clamp_once(type, val, lo, hi, __UNIQUE_ID(v_), __UNIQUE_ID(l_), __UNIQUE_ID(h_))

/* clamp - @val limited to [@lo, @hi]; all three must have compatible signedness. */
#define clamp(val, lo, hi) __careful_clamp(__auto_type, val, lo, hi)
/* clamp_t - @val limited to [@lo, @hi], all converted to @type first. */
#define clamp_t(type, val, lo, hi) __careful_clamp(type, val, lo, hi)
/* clamp_val - @val limited to [@lo, @hi], all converted to the type of @val. */
#define clamp_val(val, lo, hi) __careful_clamp(typeof(val), val, lo, hi)

/* Takes a pointer as well as an array, so no __must_be_array() here. */
#define __minmax_array(op, array, len) ({					\
	typeof(&(array)[0]) __array = (array);						\
	typeof(len) __len = (len);							\
	__unqual_scalar_typeof(__array[0]) __element = __array[--__len];		\
	while (__len--)									\
		__element = op(__element, __array[__len]);				\
	__element; })

/* min_array - the smallest of the @len (> 0) elements of @array. */
#define min_array(array, len) __minmax_array(min, array, len)
/* max_array - the largest of the @len (> 0) elements of @array. */
#define max_array(array, len) __minmax_array(max, array, len)

static inline bool in_range64(u64 val, u64 start, u64 len)
{
	return (val - start) < len;
}

static inline bool in_range32(u32 val, u32 start, u32 len)
{
	return (val - start) < len;
}

/*
 * in_range - is @val in [@start, @start + @len)? Computed as (val - start) < len, which
 * differs from the two-comparison form when @start + @len wraps.
 */
#define in_range(val, start, len)						\
	((sizeof(start) | sizeof(len) | sizeof(val)) <= sizeof(u32) ?		\
		in_range32(val, start, len) : in_range64(val, start, len))

/* swap - exchange the values of @a and @b. */
#define swap(a, b) \
	do { typeof(a) __tmp = (a); (a) = (b); (b) = __tmp; } while (0)

/* No type checks and the arguments are evaluated twice: for constants only. */
#undef MIN
#undef MAX
#define MIN(a, b) __cmp(min, a, b)
#define MAX(a, b) __cmp(max, a, b)
#define MIN_T(type, a, b) __cmp(min, (type)(a), (type)(b))
#define MAX_T(type, a, b) __cmp(max, (type)(a), (type)(b))

#endif /* _LINUX_MINMAX_H */
