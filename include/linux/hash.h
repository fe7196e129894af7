/* SPDX-License-Identifier: MIT */
/*
 * Fast multiplicative hashing of integers and pointers into @bits bits: multiply by a constant
 * close to 2^n / phi and keep the high bits, which are the well-mixed ones.
 */
#ifndef _LINUX_HASH_H
#define _LINUX_HASH_H

#include <asm/bitsperlong.h>
#include <linux/types.h>
#include <linux/compiler.h>

#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull

#define hash_long(val, bits) hash_64(val, bits)
#define GOLDEN_RATIO_PRIME GOLDEN_RATIO_64

/* __hash_32 - the full 32-bit hash of @val, for callers that mix further. */
static inline u32 __hash_32_generic(u32 val)
{
	return val * GOLDEN_RATIO_32;
}
#define __hash_32 __hash_32_generic

/* hash_32 - hash @val into @bits (1..32) bits. */
static inline u32 hash_32(u32 val, unsigned int bits)
{
	return __hash_32(val) >> (32 - bits);
}

/* hash_64 - hash @val into @bits (1..64) bits. */
static __always_inline u32 hash_64_generic(u64 val, unsigned int bits)
{
	return val * GOLDEN_RATIO_64 >> (64 - bits);
}
#define hash_64 hash_64_generic

/* hash_ptr - hash a pointer value into @bits bits. */
static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}

/* hash32_ptr - a cheap 32-bit value from a pointer (not a good hash; fold the halves). */
static inline u32 hash32_ptr(const void *ptr)
{
	unsigned long val = (unsigned long)ptr;

	val ^= (val >> 32);
	return (u32)val;
}

#endif /* _LINUX_HASH_H */
