/* SPDX-License-Identifier: MIT */
/*
 * Bit operations on unsigned long bitmaps and single words.
 *
 * set_bit(), clear_bit(), change_bit() are atomic but unordered, like the kernel documents
 * them (Documentation/atomic_bitops.txt); the value-returning test_and_*() are fully ordered;
 * the _lock/_unlock forms have acquire/release semantics. The __ forms are plain,
 * non-atomic read-modify-writes for bitmaps nobody else touches concurrently.
 */
#ifndef _LINUX_BITOPS_H
#define _LINUX_BITOPS_H

/* ffs() is libc's (same contract as the kernel's); declare it before anything else. */
#include <strings.h>
#include <linux/types.h>
#include <linux/bits.h>
#include <linux/typecheck.h>
#include <linux/compiler.h>

#define BITS_PER_TYPE(type)	(sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr)	__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(long))
#define BITS_TO_U64(nr)		__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr)		__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr)	__KERNEL_DIV_ROUND_UP(nr, BITS_PER_TYPE(char))
#define BYTES_TO_BITS(nb)	((nb) * BITS_PER_BYTE)

/* The word holding bit @nr of @addr, as an atomic-capable lvalue. */
#define __bitop_word(nr, addr)	(((unsigned long *)(addr)) + BIT_WORD(nr))

/* set_bit - atomically set bit @nr of the bitmap at @addr (no ordering implied). */
static __always_inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(__bitop_word(nr, addr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

/* clear_bit - atomically clear bit @nr (no ordering implied). */
static __always_inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(__bitop_word(nr, addr), ~BIT_MASK(nr), __ATOMIC_RELAXED);
}

/* change_bit - atomically flip bit @nr (no ordering implied). */
static __always_inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(__bitop_word(nr, addr), BIT_MASK(nr), __ATOMIC_RELAXED);
}

/* test_and_set_bit - atomically set bit @nr and return its old value; fully ordered. */
static __always_inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(__bitop_word(nr, addr), BIT_MASK(nr), __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

/* test_and_clear_bit - atomically clear bit @nr and return its old value; fully ordered. */
static __always_inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(__bitop_word(nr, addr), ~BIT_MASK(nr), __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

/* test_and_change_bit - atomically flip bit @nr and return its old value; fully ordered. */
static __always_inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_xor(__bitop_word(nr, addr), BIT_MASK(nr), __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

/* test_and_set_bit_lock - test_and_set_bit() with acquire semantics, for bit locks. */
static __always_inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(__bitop_word(nr, addr), BIT_MASK(nr), __ATOMIC_ACQUIRE) &
	       BIT_MASK(nr);
}

/* clear_bit_unlock - clear_bit() with release semantics, to drop a bit lock. */
static __always_inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(__bitop_word(nr, addr), ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

/*
 * __clear_bit_unlock - release a bit lock when no other bit of the word can change meanwhile:
 * a plain read, then a release store.
 */
static __always_inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	unsigned long old = __atomic_load_n(__bitop_word(nr, addr), __ATOMIC_RELAXED);

	__atomic_store_n(__bitop_word(nr, addr), old & ~BIT_MASK(nr), __ATOMIC_RELEASE);
}

/*
 * clear_bit_unlock_is_negative_byte - clear_bit_unlock() that also reports whether bit 7 of
 * the word was set (the folio lock/waiters trick).
 */
static __always_inline bool clear_bit_unlock_is_negative_byte(long nr,
							       volatile unsigned long *addr)
{
	unsigned long old = __atomic_fetch_and(__bitop_word(nr, addr), ~BIT_MASK(nr),
					       __ATOMIC_RELEASE);

	return old & BIT(7);
}

/*
 * test_bit - the value of bit @nr. An atomic (relaxed) load, so it may race with set_bit()
 * on other threads without a data race.
 */
static __always_inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(((const unsigned long *)addr) + BIT_WORD(nr), __ATOMIC_RELAXED) >>
		(nr & (BITS_PER_LONG - 1))) & 1UL;
}

/* test_bit_acquire - test_bit() with acquire ordering. */
static __always_inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return (__atomic_load_n(((const unsigned long *)addr) + BIT_WORD(nr), __ATOMIC_ACQUIRE) >>
		(nr & (BITS_PER_LONG - 1))) & 1UL;
}

/* __set_bit - set bit @nr, non-atomically. */
static __always_inline void __set_bit(long nr, volatile unsigned long *addr)
{
	*__bitop_word(nr, addr) |= BIT_MASK(nr);
}

/* __clear_bit - clear bit @nr, non-atomically. */
static __always_inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	*__bitop_word(nr, addr) &= ~BIT_MASK(nr);
}

/* __change_bit - flip bit @nr, non-atomically. */
static __always_inline void __change_bit(long nr, volatile unsigned long *addr)
{
	*__bitop_word(nr, addr) ^= BIT_MASK(nr);
}

/* __test_and_set_bit - set bit @nr and return its old value, non-atomically. */
static __always_inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = __bitop_word(nr, addr);
	unsigned long old = *p;

	*p = old | BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

/* __test_and_clear_bit - clear bit @nr and return its old value, non-atomically. */
static __always_inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = __bitop_word(nr, addr);
	unsigned long old = *p;

	*p = old & ~BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

/* __test_and_change_bit - flip bit @nr and return its old value, non-atomically. */
static __always_inline bool __test_and_change_bit(long nr, volatile unsigned long *addr)
{
	unsigned long *p = __bitop_word(nr, addr);
	unsigned long old = *p;

	*p = old ^ BIT_MASK(nr);
	return old & BIT_MASK(nr);
}

/* assign_bit - atomically set bit @nr if @value is true, clear it otherwise. */
#define assign_bit(nr, addr, value)					\
	((value) ? set_bit((nr), (addr)) : clear_bit((nr), (addr)))
/* __assign_bit - non-atomic assign_bit(). */
#define __assign_bit(nr, addr, value)					\
	((value) ? __set_bit((nr), (addr)) : __clear_bit((nr), (addr)))

/* Bits kept in the low bits of a pointer variable. */
#define __ptr_set_bit(nr, addr) ({					\
	typecheck_pointer(*(addr));					\
	__set_bit(nr, (unsigned long *)(addr));				\
})
#define __ptr_clear_bit(nr, addr) ({					\
	typecheck_pointer(*(addr));					\
	__clear_bit(nr, (unsigned long *)(addr));			\
})
#define __ptr_test_bit(nr, addr) ({					\
	typecheck_pointer(*(addr));					\
	test_bit(nr, (unsigned long *)(addr));				\
})

/* __ffs - index of the lowest set bit of @word; undefined for 0. */
static __always_inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

/* __fls - index of the highest set bit of @word; undefined for 0. */
static __always_inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

/* ffz - index of the lowest clear bit of @word; undefined for ~0UL. */
static __always_inline unsigned long ffz(unsigned long word)
{
	return __builtin_ctzl(~word);
}

/* fls - 1-based index of the highest set bit of @x, 0 for 0 (fls(1) == 1, fls(~0) == 32). */
static __always_inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

/* fls64 - 1-based index of the highest set bit of @x, 0 for 0. */
static __always_inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

/* fls_long - fls() for an unsigned long. */
static inline unsigned int fls_long(unsigned long l)
{
	return fls64(l);
}

/* __ffs64 - index of the lowest set bit of a u64; undefined for 0. */
static inline unsigned int __ffs64(u64 word)
{
	return __builtin_ctzll(word);
}

/* fns - index of the @n-th (0-based) set bit of @word, BITS_PER_LONG if there is none. */
static inline unsigned int fns(unsigned long word, unsigned int n)
{
	while (word && n--)
		word &= word - 1;
	return word ? __ffs(word) : BITS_PER_LONG;
}

/* get_count_order - ceil(log2(@count)), -1 for 0. */
static inline int get_count_order(unsigned int count)
{
	if (count == 0)
		return -1;
	return fls(--count);
}

/* get_count_order_long - get_count_order() for an unsigned long. */
static inline int get_count_order_long(unsigned long l)
{
	if (l == 0UL)
		return -1;
	return (int)fls_long(--l);
}

/* get_bitmask_order - the number of bits needed to hold @count, i.e. fls(@count). */
static inline int get_bitmask_order(unsigned int count)
{
	return fls(count);
}

#define __const_hweight8(w)						\
	((unsigned int)((!!((w) & (1ULL << 0))) + (!!((w) & (1ULL << 1))) +	\
			(!!((w) & (1ULL << 2))) + (!!((w) & (1ULL << 3))) +	\
			(!!((w) & (1ULL << 4))) + (!!((w) & (1ULL << 5))) +	\
			(!!((w) & (1ULL << 6))) + (!!((w) & (1ULL << 7)))))
#define __const_hweight16(w) (__const_hweight8(w) + __const_hweight8((w) >> 8))
#define __const_hweight32(w) (__const_hweight16(w) + __const_hweight16((w) >> 16))
#define __const_hweight64(w) (__const_hweight32(w) + __const_hweight32((w) >> 32))

/* hweightN - the number of set bits in the low N bits of @w. */
#define hweight8(w)	((unsigned int)__builtin_popcount((u8)(w)))
#define hweight16(w)	((unsigned int)__builtin_popcount((u16)(w)))
#define hweight32(w)	((unsigned int)__builtin_popcount((u32)(w)))
#define hweight64(w)	((unsigned int)__builtin_popcountll((u64)(w)))

/* HWEIGHTn - hweight of a constant, as a constant expression (for array sizes). */
#define HWEIGHT8(w)	(BUILD_BUG_ON_ZERO(!__builtin_constant_p(w)) + __const_hweight8(w))
#define HWEIGHT16(w)	(BUILD_BUG_ON_ZERO(!__builtin_constant_p(w)) + __const_hweight16(w))
#define HWEIGHT32(w)	(BUILD_BUG_ON_ZERO(!__builtin_constant_p(w)) + __const_hweight32(w))
#define HWEIGHT64(w)	(BUILD_BUG_ON_ZERO(!__builtin_constant_p(w)) + __const_hweight64(w))
#define HWEIGHT(w)	HWEIGHT64((u64)(w))

/* hweight_long - the number of set bits in @w. */
static __always_inline unsigned long hweight_long(unsigned long w)
{
	return __builtin_popcountl(w);
}

/* rol64 - rotate a 64-bit value left by @shift (taken modulo 64). */
static inline u64 rol64(u64 word, unsigned int shift)
{
	return (word << (shift & 63)) | (word >> ((-shift) & 63));
}

/* ror64 - rotate a 64-bit value right by @shift (taken modulo 64). */
static inline u64 ror64(u64 word, unsigned int shift)
{
	return (word >> (shift & 63)) | (word << ((-shift) & 63));
}

/* rol32 - rotate a 32-bit value left by @shift (taken modulo 32). */
static inline u32 rol32(u32 word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}

/* ror32 - rotate a 32-bit value right by @shift (taken modulo 32). */
static inline u32 ror32(u32 word, unsigned int shift)
{
	return (word >> (shift & 31)) | (word << ((-shift) & 31));
}

/* rol16 - rotate a 16-bit value left by @shift (taken modulo 16). */
static inline u16 rol16(u16 word, unsigned int shift)
{
	return (word << (shift & 15)) | (word >> ((-shift) & 15));
}

/* ror16 - rotate a 16-bit value right by @shift (taken modulo 16). */
static inline u16 ror16(u16 word, unsigned int shift)
{
	return (word >> (shift & 15)) | (word << ((-shift) & 15));
}

/* rol8 - rotate an 8-bit value left by @shift (taken modulo 8). */
static inline u8 rol8(u8 word, unsigned int shift)
{
	return (word << (shift & 7)) | (word >> ((-shift) & 7));
}

/* ror8 - rotate an 8-bit value right by @shift (taken modulo 8). */
static inline u8 ror8(u8 word, unsigned int shift)
{
	return (word >> (shift & 7)) | (word << ((-shift) & 7));
}

/* sign_extend32 - sign-extend @value whose sign bit is bit @index (0..31). */
static __always_inline s32 sign_extend32(u32 value, int index)
{
	u8 shift = 31 - index;

	return (s32)(value << shift) >> shift;
}

/* sign_extend64 - sign-extend @value whose sign bit is bit @index (0..63). */
static __always_inline s64 sign_extend64(u64 value, int index)
{
	u8 shift = 63 - index;

	return (s64)(value << shift) >> shift;
}

/*
 * set_mask_bits - atomically replace the bits of *@ptr under @mask by @bits; returns the old
 * value.
 */
#define set_mask_bits(ptr, mask, bits) ({				\
	const typeof(*(ptr)) mask__ = (mask), bits__ = (bits);		\
	typeof(*(ptr)) old__ = __atomic_load_n((ptr), __ATOMIC_RELAXED), new__;	\
	do {								\
		new__ = (old__ & ~mask__) | bits__;			\
	} while (!__atomic_compare_exchange_n((ptr), &old__, new__, false,	\
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));	\
	old__;								\
})

/*
 * bit_clear_unless - atomically clear @clear in *@ptr unless one of the @test bits is set;
 * true if it cleared.
 */
#define bit_clear_unless(ptr, clear, test) ({				\
	const typeof(*(ptr)) clear__ = (clear), test__ = (test);	\
	typeof(*(ptr)) old__ = __atomic_load_n((ptr), __ATOMIC_RELAXED), new__;	\
	do {								\
		if (old__ & test__)					\
			break;						\
		new__ = old__ & ~clear__;				\
	} while (!__atomic_compare_exchange_n((ptr), &old__, new__, false,	\
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));	\
	!(old__ & test__);						\
})

#include <linux/find.h>

#endif /* _LINUX_BITOPS_H */
