/* SPDX-License-Identifier: MIT */
/* Halves of words and byte replication. */
#ifndef _LINUX_WORDPART_H
#define _LINUX_WORDPART_H

/*
 * upper_32_bits - the high 32 bits of a number; the double shift keeps the compiler quiet when
 * @n is only 32 bits wide.
 */
#define upper_32_bits(n)	((u32)(((n) >> 16) >> 16))
/* lower_32_bits - the low 32 bits of a number. */
#define lower_32_bits(n)	((u32)((n) & 0xffffffff))
#define upper_16_bits(n)	((u16)((n) >> 16))
#define lower_16_bits(n)	((u16)((n) & 0xffff))

/* REPEAT_BYTE - @x copied into every byte of an unsigned long. */
#define REPEAT_BYTE(x) ((~0ul / 0xff) * (x))
#define REPEAT_BYTE_U32(x)	lower_32_bits(REPEAT_BYTE(x))

#endif /* _LINUX_WORDPART_H */
