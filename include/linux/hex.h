/* SPDX-License-Identifier: MIT */
/* Hexadecimal digits and conversions between binary buffers and hex text (lib/hexdump.c). */
#ifndef _LINUX_HEX_H
#define _LINUX_HEX_H

#include <linux/compiler.h>
#include <linux/types.h>

extern const char hex_asc[];
#define hex_asc_lo(x)	hex_asc[((x) & 0x0f)]
#define hex_asc_hi(x)	hex_asc[((x) & 0xf0) >> 4]

/* Write @byte as two lower-case hex digits at @buf; returns the position after them. */
static inline char *hex_byte_pack(char *buf, u8 byte)
{
	*buf++ = hex_asc_hi(byte);
	*buf++ = hex_asc_lo(byte);
	return buf;
}

extern const char hex_asc_upper[];
#define hex_asc_upper_lo(x)	hex_asc_upper[((x) & 0x0f)]
#define hex_asc_upper_hi(x)	hex_asc_upper[((x) & 0xf0) >> 4]

/* Write @byte as two upper-case hex digits at @buf; returns the position after them. */
static inline char *hex_byte_pack_upper(char *buf, u8 byte)
{
	*buf++ = hex_asc_upper_hi(byte);
	*buf++ = hex_asc_upper_lo(byte);
	return buf;
}

int hex_to_bin(unsigned char ch);
int __must_check hex2bin(u8 *dst, const char *src, size_t count);
char *bin2hex(char *dst, const void *src, size_t count);

#endif /* _LINUX_HEX_H */
