/* SPDX-License-Identifier: MIT */
/*
 * Overflow-checked arithmetic and allocation-size helpers (kernel 6.12 semantics).
 *
 * check_*_overflow() compute the mathematically exact result, store it (wrapped) in *d and
 * return true when it does not fit *d's type; the operand types may all differ. The size_*()
 * helpers saturate at SIZE_MAX, so that a size that overflowed makes the allocation fail
 * instead of returning a too small buffer.
 */
#ifndef __LINUX_OVERFLOW_H
#define __LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/const.h>
#include <linux/types.h>

/*
 * type_max/type_min - the largest/smallest value of the type of @t (an expression or a type
 * name). For a signed type the maximum is assembled as 2 * (2^(bits-2) - 1) + 1 so that no
 * step overflows.
 */
#define __type_max(T)								\
	((T)(is_signed_type(T) ?						\
	     (((T)1 << (8 * sizeof(T) - 2)) - 1) * 2 + 1 : (T)~(T)0))
#define type_max(t)	__type_max(typeof(t))
#define __type_min(T)	((T)(is_signed_type(T) ? -__type_max(T) - 1 : 0))
#define type_min(t)	__type_min(typeof(t))

/* Sign tests written so that an unsigned @a gives no "always true" warning. */
#define is_non_negative(a) ((a) > 0 || (a) == 0)
#define is_negative(a) (!(is_non_negative(a)))

/* Makes ignoring the result of check_*_overflow() a warning. */
static inline bool __must_check __must_check_overflow(bool overflow)
{
	return unlikely(overflow);
}

/* check_add_overflow - *@d = @a + @b; true if the exact sum does not fit *@d. */
#define check_add_overflow(a, b, d) \
	__must_check_overflow(__builtin_add_overflow(a, b, d))

/* check_sub_overflow - *@d = @a - @b; true if the exact difference does not fit *@d. */
#define check_sub_overflow(a, b, d) \
	__must_check_overflow(__builtin_sub_overflow(a, b, d))

/* check_mul_overflow - *@d = @a * @b; true if the exact product does not fit *@d. */
#define check_mul_overflow(a, b, d) \
	__must_check_overflow(__builtin_mul_overflow(a, b, d))

/* wrapping_add/sub/mul - the operation done in @type with intentional wrap-around. */
#define wrapping_add(type, a, b) ({						\
	type __val;								\
	(void)__builtin_add_overflow(a, b, &__val);				\
	__val;									\
})

#define wrapping_sub(type, a, b) ({						\
	type __val;								\
	(void)__builtin_sub_overflow(a, b, &__val);				\
	__val;									\
})

#define wrapping_mul(type, a, b) ({						\
	type __val;								\
	(void)__builtin_mul_overflow(a, b, &__val);				\
	__val;									\
})

/* wrapping_assign_add/sub - @var += / -= @offset with intentional wrap-around. */
#define wrapping_assign_add(var, offset) ({					\
	typeof(var) *__ptr = &(var);						\
	*__ptr = wrapping_add(typeof(var), *__ptr, offset);			\
})

#define wrapping_assign_sub(var, offset) ({					\
	typeof(var) *__ptr = &(var);						\
	*__ptr = wrapping_sub(typeof(var), *__ptr, offset);			\
})

/*
 * check_shl_overflow - *@d = @a << @s; true (and *@d left as the truncated shift) when the
 * shift is negative or not smaller than the width of *@d, when @a is negative, or when bits
 * (or the sign) would be lost.
 */
#define check_shl_overflow(a, s, d) __must_check_overflow(({			\
	/* Single-underscore names, as the kernel's: callers' own may start with two. */ \
	typeof(a) _a = (a);							\
	typeof(s) _s = (s);							\
	typeof(d) _d = (d);							\
	/* An out-of-range count is an overflow; shift by 0 instead of by it. */	\
	bool _bad_count = is_negative(_s) || _s >= 8 * sizeof(*_d);		\
	unsigned int _n = _bad_count ? 0 : _s;					\
										\
	*_d = (unsigned long long)_a << _n;					\
	_bad_count || is_negative(_a) || is_negative(*_d) ||			\
		(*_d >> _n) != _a;						\
}))

/* Would the constant @x be out of the range of type @T? */
#define __overflows_type_constexpr(x, T) (					\
	is_unsigned_type(typeof(x)) ?						\
		(x) > type_max(T) :						\
	is_unsigned_type(typeof(T)) ?						\
		(x) < 0 || (x) > type_max(T) :					\
	(x) < type_min(T) || (x) > type_max(T))

#define __overflows_type(x, T) ({						\
	typeof(T) v = 0;							\
	check_add_overflow((x), v, &v);						\
})

/*
 * overflows_type - would the value @n be out of the range of @T (a type or an expression)?
 * A constant @n gives a constant result.
 */
#define overflows_type(n, T)							\
	__builtin_choose_expr(__is_constexpr(n),				\
			      __overflows_type_constexpr(n, T),			\
			      __overflows_type(n, T))

/*
 * range_overflows - does [@start, @start + @size) reach past @max (or start at/after it)?
 * All three must have the same type.
 */
#define range_overflows(start, size, max) ({					\
	typeof(start) start__ = (start);					\
	typeof(size) size__ = (size);						\
	typeof(max) max__ = (max);						\
	(void)(&start__ == &size__);						\
	(void)(&start__ == &max__);						\
	start__ >= max__ || size__ > max__ - start__;				\
})

#define range_overflows_t(type, start, size, max) \
	range_overflows((type)(start), (type)(size), (type)(max))

/* range_end_overflows - like range_overflows() but a range ending exactly at @max is fine. */
#define range_end_overflows(start, size, max) ({				\
	typeof(start) start__ = (start);					\
	typeof(size) size__ = (size);						\
	typeof(max) max__ = (max);						\
	(void)(&start__ == &size__);						\
	(void)(&start__ == &max__);						\
	start__ > max__ || size__ > max__ - start__;				\
})

#define range_end_overflows_t(type, start, size, max) \
	range_end_overflows((type)(start), (type)(size), (type)(max))

/*
 * castable_to_type - may @n be assigned to @T without changing value? For a constant the value
 * is checked, otherwise the types must be the same.
 */
#define castable_to_type(n, T)							\
	__builtin_choose_expr(__is_constexpr(n),				\
			      !__overflows_type_constexpr(n, T),		\
			      __same_type(n, T))

/**
 * size_mul - @factor1 * @factor2, saturating at SIZE_MAX
 * @factor1: first factor
 * @factor2: second factor
 *
 * Return: the product, or SIZE_MAX if it overflows.
 */
static inline size_t __must_check size_mul(size_t factor1, size_t factor2)
{
	size_t bytes;

	if (check_mul_overflow(factor1, factor2, &bytes))
		return SIZE_MAX;
	return bytes;
}

/**
 * size_add - @addend1 + @addend2, saturating at SIZE_MAX
 * @addend1: first addend
 * @addend2: second addend
 *
 * Return: the sum, or SIZE_MAX if it overflows.
 */
static inline size_t __must_check size_add(size_t addend1, size_t addend2)
{
	size_t bytes;

	if (check_add_overflow(addend1, addend2, &bytes))
		return SIZE_MAX;
	return bytes;
}

/**
 * size_sub - @minuend - @subtrahend, saturating at SIZE_MAX
 * @minuend: the value subtracted from
 * @subtrahend: the value to subtract
 *
 * An operand that is already SIZE_MAX (a saturated size) stays saturated rather than turning
 * into a plausible small number.
 *
 * Return: the difference, or SIZE_MAX if an operand is SIZE_MAX or the result is negative.
 */
static inline size_t __must_check size_sub(size_t minuend, size_t subtrahend)
{
	size_t bytes;

	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX ||
	    check_sub_overflow(minuend, subtrahend, &bytes))
		return SIZE_MAX;
	return bytes;
}

/* array_size - @a * @b elements' bytes, saturating at SIZE_MAX. */
#define array_size(a, b)	size_mul(a, b)

/* array3_size - @a * @b * @c, saturating at SIZE_MAX. */
#define array3_size(a, b, c)	size_mul(size_mul(a, b), c)

/*
 * flex_array_size - the bytes of @count elements of the flexible array @member of *@p,
 * saturating at SIZE_MAX; a constant @count gives a constant expression.
 */
#define flex_array_size(p, member, count)					\
	__builtin_choose_expr(__is_constexpr(count),				\
		(count) * sizeof(*(p)->member) + __must_be_array((p)->member),	\
		size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member)))

/*
 * struct_size - the bytes of *@p followed by @count elements of its flexible array @member,
 * saturating at SIZE_MAX; a constant @count gives a constant expression.
 */
#define struct_size(p, member, count)						\
	__builtin_choose_expr(__is_constexpr(count),				\
		sizeof(*(p)) + flex_array_size(p, member, count),		\
		size_add(sizeof(*(p)), flex_array_size(p, member, count)))

/* struct_size_t - struct_size() for a type rather than a pointer. */
#define struct_size_t(type, member, count) \
	struct_size((type *)NULL, member, count)

/*
 * On-stack objects with a flexible array of a constant @count: a union of a byte array of the
 * full size and the object gives the right size and alignment.
 */
#define __DEFINE_FLEX(type, name, member, count, trailer...)			\
	_Static_assert(__builtin_constant_p(count),				\
		       "onstack flex array members require compile-time const count"); \
	union {									\
		u8 bytes[struct_size_t(type, member, count)];			\
		type obj;							\
	} name##_u trailer;							\
	type *name = (type *)&name##_u

#define _DEFINE_FLEX(type, name, member, count, initializer...) \
	__DEFINE_FLEX(type, name, member, count, = { .obj initializer })

/*
 * DEFINE_RAW_FLEX - a zeroed on-stack @type *@name with room for @count elements of @member;
 * nothing records the count.
 */
#define DEFINE_RAW_FLEX(type, name, member, count) \
	__DEFINE_FLEX(type, name, member, count, = { })

/*
 * DEFINE_FLEX - a zeroed on-stack @TYPE *@NAME with room for @COUNT elements of @MEMBER and
 * its counter member @COUNTER set to @COUNT.
 */
#define DEFINE_FLEX(TYPE, NAME, MEMBER, COUNTER, COUNT) \
	_DEFINE_FLEX(TYPE, NAME, MEMBER, COUNT, = { .COUNTER = COUNT, })

#endif /* __LINUX_OVERFLOW_H */
