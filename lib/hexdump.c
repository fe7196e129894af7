// SPDX-License-Identifier: MIT
/*
 * Hex conversions and hex dumps in the kernel's exact layout: "xx xx xx ..." rows of 16 or 32
 * bytes, optionally grouped into native-endian 2/4/8-byte words, with an ASCII column.
 */
#include <linux/kernel.h>
#include <linux/hex.h>
#include <linux/printk.h>
#include <string.h>

const char hex_asc[] = "0123456789abcdef";
const char hex_asc_upper[] = "0123456789ABCDEF";

/**
 * hex_to_bin - convert one hex digit to its value
 * @ch: '0'-'9', 'a'-'f' or 'A'-'F'
 *
 * Return: the value 0..15, or -1 when @ch is not a hex digit.
 */
int hex_to_bin(unsigned char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	ch |= 0x20;	/* upper to lower case; leaves digits' neighbours out of range */
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	return -1;
}

/**
 * hex2bin - convert a hex string to binary
 * @dst: receives @count bytes
 * @src: 2 * @count hex digits
 * @count: number of bytes to produce
 *
 * Return: 0, or -EINVAL at the first character that is not a hex digit.
 */
int hex2bin(u8 *dst, const char *src, size_t count)
{
	while (count--) {
		int hi = hex_to_bin(*src++);
		int lo;

		if (hi < 0)
			return -EINVAL;
		lo = hex_to_bin(*src++);
		if (lo < 0)
			return -EINVAL;
		*dst++ = (u8)((hi << 4) | lo);
	}
	return 0;
}

/**
 * bin2hex - convert binary bytes to lower-case hex text (not NUL-terminated)
 * @dst: receives 2 * @count characters
 * @src: the bytes
 * @count: how many bytes
 *
 * Return: the position after the last character written.
 */
char *bin2hex(char *dst, const void *src, size_t count)
{
	const u8 *p = src;

	while (count--)
		dst = hex_byte_pack(dst, *p++);
	return dst;
}

/* The kernel's isascii() && isprint(): printable 7-bit characters only. */
static bool hexdump_printable(u8 ch)
{
	return ch >= 0x20 && ch < 0x7f;
}

/* Read a native-endian word of @size bytes at any alignment. */
static u64 hexdump_word(const u8 *p, int size)
{
	u64 v64;
	u32 v32;
	u16 v16;

	switch (size) {
	case 8:
		memcpy(&v64, p, 8);
		return v64;
	case 4:
		memcpy(&v32, p, 4);
		return v32;
	default:
		memcpy(&v16, p, 2);
		return v16;
	}
}

/**
 * hex_dump_to_buffer - format one row of a hex dump into a buffer
 * @buf: data to dump
 * @len: number of bytes in @buf (only one row, @rowsize bytes at most, is formatted)
 * @rowsize: 16 or 32 bytes per row (anything else means 16)
 * @groupsize: bytes per group: 1, 2, 4 or 8; groups are printed as native-endian words.
 *	Anything else, or a @len that is not a multiple of it, means 1.
 * @linebuf: where to put the text
 * @linebuflen: size of @linebuf, including the terminating NUL
 * @ascii: append the printable characters after the hex, in the ASCII column
 *
 * Example with groupsize 1: "40 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e 4f  @ABCDEFGHIJKLMNO".
 *
 * Return: the length of the row that was (or, when @linebuf was too small, would have been)
 * written, not counting the NUL, as the kernel's does. A truncated row is still NUL-terminated.
 */
int hex_dump_to_buffer(const void *buf, size_t len, int rowsize, int groupsize, char *linebuf,
		       size_t linebuflen, bool ascii)
{
	const u8 *ptr = buf;
	int ngroups, ascii_column, j;
	size_t lx = 0;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;
	if (len > (size_t)rowsize)
		len = rowsize;
	if (groupsize < 1 || groupsize > 8 || !is_power_of_2(groupsize))
		groupsize = 1;
	if (len % groupsize)
		groupsize = 1;
	ngroups = (int)len / groupsize;
	ascii_column = rowsize * 2 + rowsize / groupsize + 1;

	if (!linebuflen)
		goto too_small;
	if (!len)
		goto done;

	if (groupsize > 1) {
		for (j = 0; j < ngroups; j++) {
			int ret = snprintf(linebuf + lx, linebuflen - lx, "%s%0*llx", j ? " " : "",
					   groupsize * 2,
					   (unsigned long long)hexdump_word(ptr + j * groupsize,
									    groupsize));

			if ((size_t)ret >= linebuflen - lx)
				goto too_small;
			lx += ret;
		}
	} else {
		/*
		 * Every character must leave room for the NUL; a row cut short may end in the
		 * middle of a byte, as the kernel's does.
		 */
		for (j = 0; j < (int)len; j++) {
			if (linebuflen < lx + 2)
				goto truncated;
			linebuf[lx++] = hex_asc_hi(ptr[j]);
			if (linebuflen < lx + 2)
				goto truncated;
			linebuf[lx++] = hex_asc_lo(ptr[j]);
			if (linebuflen < lx + 2)
				goto truncated;
			linebuf[lx++] = ' ';
		}
		lx--;	/* no separator after the last byte */
	}

	if (!ascii)
		goto done;

	while (lx < (size_t)ascii_column) {
		if (linebuflen < lx + 2)
			goto truncated;
		linebuf[lx++] = ' ';
	}
	for (j = 0; j < (int)len; j++) {
		if (linebuflen < lx + 2)
			goto truncated;
		linebuf[lx++] = hexdump_printable(ptr[j]) ? (char)ptr[j] : '.';
	}
done:
	linebuf[lx] = '\0';
	return (int)lx;
truncated:
	linebuf[lx] = '\0';
too_small:
	return ascii ? ascii_column + (int)len : (groupsize * 2 + 1) * ngroups - 1;
}

/**
 * print_hex_dump - print a buffer as a hex dump, one printk() per row
 * @level: kernel log level (KERN_DEBUG, ...)
 * @prefix_str: text at the start of each row (for example a driver name)
 * @prefix_type: DUMP_PREFIX_NONE, DUMP_PREFIX_ADDRESS (hashed %p of the row, or raw with
 *	no_hash_pointers) or DUMP_PREFIX_OFFSET (offset as %.8x)
 * @rowsize: 16 or 32 bytes per row
 * @groupsize: 1, 2, 4 or 8 bytes per group
 * @buf: data to dump
 * @len: number of bytes
 * @ascii: include the ASCII column
 */
void print_hex_dump(const char *level, const char *prefix_str, int prefix_type, int rowsize,
		    int groupsize, const void *buf, size_t len, bool ascii)
{
	const u8 *ptr = buf;
	char linebuf[32 * 3 + 2 + 32 + 1];
	size_t i;

	if (rowsize != 16 && rowsize != 32)
		rowsize = 16;

	for (i = 0; i < len; i += rowsize) {
		size_t linelen = min_t(size_t, len - i, rowsize);

		hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, linebuf, sizeof(linebuf),
				   ascii);
		switch (prefix_type) {
		case DUMP_PREFIX_ADDRESS:
			printk("%s%s%p: %s\n", level, prefix_str, ptr + i, linebuf);
			break;
		case DUMP_PREFIX_OFFSET:
			printk("%s%s%.8x: %s\n", level, prefix_str, (unsigned int)i, linebuf);
			break;
		default:
			printk("%s%s%s\n", level, prefix_str, linebuf);
			break;
		}
	}
}
