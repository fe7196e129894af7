/* SPDX-License-Identifier: MIT */
/*
 * Loads and stores at addresses that may not be aligned for the type. They go through
 * __builtin_memcpy(), which compiles to a single move on x86-64 and is well-defined C (no
 * UBSan alignment reports).
 */
#ifndef __LINUX_UNALIGNED_H
#define __LINUX_UNALIGNED_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/byteorder.h>

/* get_unaligned - *@ptr read from a possibly misaligned address. */
#define get_unaligned(ptr) ({							\
	__unqual_scalar_typeof(*(ptr)) __gu_val;				\
	__builtin_memcpy(&__gu_val, (ptr), sizeof(__gu_val));			\
	__gu_val;								\
})

/* put_unaligned - store @val to the possibly misaligned *@ptr. */
#define put_unaligned(val, ptr) do {						\
	__unqual_scalar_typeof(*(ptr)) __pu_val = (val);			\
	__builtin_memcpy((ptr), &__pu_val, sizeof(__pu_val));			\
} while (0)

#define __get_unaligned_t(type, ptr) ({						\
	type __gu_val;								\
	__builtin_memcpy(&__gu_val, (ptr), sizeof(__gu_val));			\
	__gu_val;								\
})

#define __put_unaligned_t(type, val, ptr) do {					\
	type __pu_val = (val);							\
	__builtin_memcpy((ptr), &__pu_val, sizeof(__pu_val));			\
} while (0)

static inline u16 get_unaligned_le16(const void *p)
{
	return le16_to_cpu(__get_unaligned_t(__le16, p));
}

static inline u32 get_unaligned_le32(const void *p)
{
	return le32_to_cpu(__get_unaligned_t(__le32, p));
}

static inline u64 get_unaligned_le64(const void *p)
{
	return le64_to_cpu(__get_unaligned_t(__le64, p));
}

static inline void put_unaligned_le16(u16 val, void *p)
{
	__put_unaligned_t(__le16, cpu_to_le16(val), p);
}

static inline void put_unaligned_le32(u32 val, void *p)
{
	__put_unaligned_t(__le32, cpu_to_le32(val), p);
}

static inline void put_unaligned_le64(u64 val, void *p)
{
	__put_unaligned_t(__le64, cpu_to_le64(val), p);
}

static inline u16 get_unaligned_be16(const void *p)
{
	return be16_to_cpu(__get_unaligned_t(__be16, p));
}

static inline u32 get_unaligned_be32(const void *p)
{
	return be32_to_cpu(__get_unaligned_t(__be32, p));
}

static inline u64 get_unaligned_be64(const void *p)
{
	return be64_to_cpu(__get_unaligned_t(__be64, p));
}

static inline void put_unaligned_be16(u16 val, void *p)
{
	__put_unaligned_t(__be16, cpu_to_be16(val), p);
}

static inline void put_unaligned_be32(u32 val, void *p)
{
	__put_unaligned_t(__be32, cpu_to_be32(val), p);
}

static inline void put_unaligned_be64(u64 val, void *p)
{
	__put_unaligned_t(__be64, cpu_to_be64(val), p);
}

/* 24- and 48-bit fields, byte by byte. */
static inline u32 __get_unaligned_be24(const u8 *p)
{
	return p[0] << 16 | p[1] << 8 | p[2];
}

static inline u32 get_unaligned_be24(const void *p)
{
	return __get_unaligned_be24(p);
}

static inline u32 __get_unaligned_le24(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16;
}

static inline u32 get_unaligned_le24(const void *p)
{
	return __get_unaligned_le24(p);
}

static inline void __put_unaligned_be24(const u32 val, u8 *p)
{
	p[0] = val >> 16;
	p[1] = val >> 8;
	p[2] = val;
}

static inline void put_unaligned_be24(const u32 val, void *p)
{
	__put_unaligned_be24(val, p);
}

static inline void __put_unaligned_le24(const u32 val, u8 *p)
{
	p[0] = val;
	p[1] = val >> 8;
	p[2] = val >> 16;
}

static inline void put_unaligned_le24(const u32 val, void *p)
{
	__put_unaligned_le24(val, p);
}

static inline void __put_unaligned_be48(const u64 val, u8 *p)
{
	int i;

	for (i = 0; i < 6; i++)
		p[i] = val >> (8 * (5 - i));
}

static inline void put_unaligned_be48(const u64 val, void *p)
{
	__put_unaligned_be48(val, p);
}

static inline u64 __get_unaligned_be48(const u8 *p)
{
	u64 val = 0;
	int i;

	for (i = 0; i < 6; i++)
		val = val << 8 | p[i];
	return val;
}

static inline u64 get_unaligned_be48(const void *p)
{
	return __get_unaligned_be48(p);
}

#endif /* __LINUX_UNALIGNED_H */
