// SPDX-License-Identifier: MIT
/*
 * Bitmap searches. One word-at-a-time scan serves every variant; the variant only decides how
 * word @i is formed (plain, inverted, or combined with a second bitmap). The helpers are
 * always inlined with a constant @op, so each exported function gets a specialised loop.
 */
#include <linux/bitops.h>
#include <linux/minmax.h>
#include <linux/export.h>

enum find_op { FIND_PLAIN, FIND_ZERO, FIND_AND, FIND_ANDNOT, FIND_OR };

static __always_inline unsigned long find_word(enum find_op op, const unsigned long *a,
					       const unsigned long *b, unsigned long i)
{
	switch (op) {
	case FIND_ZERO:
		return ~a[i];
	case FIND_AND:
		return a[i] & b[i];
	case FIND_ANDNOT:
		return a[i] & ~b[i];
	case FIND_OR:
		return a[i] | b[i];
	default:
		return a[i];
	}
}

/*
 * The first bit >= @offset whose word value has it set. The last word may contain bits past
 * @size (garbage or, for FIND_ZERO, inverted padding), hence the final clamp to @size.
 */
static __always_inline unsigned long find_scan(enum find_op op, const unsigned long *a,
					       const unsigned long *b, unsigned long size,
					       unsigned long offset)
{
	unsigned long i, w, nwords;

	if (unlikely(offset >= size))
		return size;
	nwords = BITS_TO_LONGS(size);
	i = offset / BITS_PER_LONG;
	w = find_word(op, a, b, i) & (~0UL << (offset % BITS_PER_LONG));
	while (!w) {
		if (++i >= nwords)
			return size;
		w = find_word(op, a, b, i);
	}
	return min(i * BITS_PER_LONG + __ffs(w), size);
}

/* The bit number of the @n-th (0-based) set bit of the combined bitmap, or @size. */
static __always_inline unsigned long find_nth(enum find_op op, const unsigned long *a,
					      const unsigned long *b, unsigned long size,
					      unsigned long n)
{
	unsigned long i, w, cnt, nwords = BITS_TO_LONGS(size);

	for (i = 0; i < nwords; i++) {
		w = find_word(op, a, b, i);
		/* Only the first @size bits count. */
		if (i == nwords - 1 && size % BITS_PER_LONG)
			w &= ~0UL >> (BITS_PER_LONG - size % BITS_PER_LONG);
		cnt = hweight_long(w);
		if (n < cnt)
			return i * BITS_PER_LONG + fns(w, n);
		n -= cnt;
	}
	return size;
}

/**
 * find_next_bit - the next set bit at or after @offset
 * @addr: the bitmap
 * @size: its size in bits
 * @offset: the bit to start from
 *
 * Return: the bit number, or @size if no set bit follows.
 */
unsigned long find_next_bit(const unsigned long *addr, unsigned long size, unsigned long offset)
{
	return find_scan(FIND_PLAIN, addr, NULL, size, offset);
}
EXPORT_SYMBOL(find_next_bit);

/**
 * find_next_and_bit - the next bit at or after @offset set in both bitmaps
 * @addr1: the first bitmap
 * @addr2: the second bitmap
 * @size: their size in bits
 * @offset: the bit to start from
 *
 * Return: the bit number, or @size.
 */
unsigned long find_next_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				unsigned long size, unsigned long offset)
{
	return find_scan(FIND_AND, addr1, addr2, size, offset);
}
EXPORT_SYMBOL(find_next_and_bit);

/**
 * find_next_andnot_bit - the next bit at or after @offset set in @addr1 but not in @addr2
 * @addr1: the first bitmap
 * @addr2: the second bitmap
 * @size: their size in bits
 * @offset: the bit to start from
 *
 * Return: the bit number, or @size.
 */
unsigned long find_next_andnot_bit(const unsigned long *addr1, const unsigned long *addr2,
				   unsigned long size, unsigned long offset)
{
	return find_scan(FIND_ANDNOT, addr1, addr2, size, offset);
}
EXPORT_SYMBOL(find_next_andnot_bit);

/**
 * find_next_or_bit - the next bit at or after @offset set in either bitmap
 * @addr1: the first bitmap
 * @addr2: the second bitmap
 * @size: their size in bits
 * @offset: the bit to start from
 *
 * Return: the bit number, or @size.
 */
unsigned long find_next_or_bit(const unsigned long *addr1, const unsigned long *addr2,
			       unsigned long size, unsigned long offset)
{
	return find_scan(FIND_OR, addr1, addr2, size, offset);
}
EXPORT_SYMBOL(find_next_or_bit);

/**
 * find_next_zero_bit - the next clear bit at or after @offset
 * @addr: the bitmap
 * @size: its size in bits
 * @offset: the bit to start from
 *
 * Return: the bit number, or @size.
 */
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset)
{
	return find_scan(FIND_ZERO, addr, NULL, size, offset);
}
EXPORT_SYMBOL(find_next_zero_bit);

/**
 * find_first_bit - the first set bit
 * @addr: the bitmap
 * @size: its size in bits
 *
 * Return: the bit number, or @size if no bit is set.
 */
unsigned long find_first_bit(const unsigned long *addr, unsigned long size)
{
	return find_scan(FIND_PLAIN, addr, NULL, size, 0);
}
EXPORT_SYMBOL(find_first_bit);

/**
 * find_first_and_bit - the first bit set in both bitmaps
 * @addr1: the first bitmap
 * @addr2: the second bitmap
 * @size: their size in bits
 *
 * Return: the bit number, or @size.
 */
unsigned long find_first_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				 unsigned long size)
{
	return find_scan(FIND_AND, addr1, addr2, size, 0);
}
EXPORT_SYMBOL(find_first_and_bit);

/**
 * find_first_and_and_bit - the first bit set in all three bitmaps
 * @addr1: the first bitmap
 * @addr2: the second bitmap
 * @addr3: the third bitmap
 * @size: their size in bits
 *
 * Return: the bit number, or @size.
 */
unsigned long find_first_and_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				     const unsigned long *addr3, unsigned long size)
{
	unsigned long i, w;

	for (i = 0; i * BITS_PER_LONG < size; i++) {
		w = addr1[i] & addr2[i] & addr3[i];
		if (w)
			return min(i * BITS_PER_LONG + __ffs(w), size);
	}
	return size;
}
EXPORT_SYMBOL(find_first_and_and_bit);

/**
 * find_first_zero_bit - the first clear bit
 * @addr: the bitmap
 * @size: its size in bits
 *
 * Return: the bit number, or @size if every bit is set.
 */
unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size)
{
	return find_scan(FIND_ZERO, addr, NULL, size, 0);
}
EXPORT_SYMBOL(find_first_zero_bit);

/**
 * find_last_bit - the last set bit
 * @addr: the bitmap
 * @size: its size in bits
 *
 * Return: the bit number, or @size if no bit is set.
 */
unsigned long find_last_bit(const unsigned long *addr, unsigned long size)
{
	unsigned long i, w;

	if (!size)
		return 0;
	i = BITS_TO_LONGS(size);
	/* The last word only counts up to @size. */
	w = addr[i - 1];
	if (size % BITS_PER_LONG)
		w &= ~0UL >> (BITS_PER_LONG - size % BITS_PER_LONG);
	for (;;) {
		if (w)
			return (i - 1) * BITS_PER_LONG + __fls(w);
		if (--i == 0)
			return size;
		w = addr[i - 1];
	}
}
EXPORT_SYMBOL(find_last_bit);

/**
 * find_nth_bit - the @n-th set bit (counting from 0)
 * @addr: the bitmap
 * @size: its size in bits
 * @n: which set bit
 *
 * Return: the bit number, or @size if fewer than @n + 1 bits are set.
 */
unsigned long find_nth_bit(const unsigned long *addr, unsigned long size, unsigned long n)
{
	return find_nth(FIND_PLAIN, addr, NULL, size, n);
}
EXPORT_SYMBOL(find_nth_bit);

/**
 * find_nth_and_bit - the @n-th bit set in both bitmaps
 * @addr1: the first bitmap
 * @addr2: the second bitmap
 * @size: their size in bits
 * @n: which set bit
 *
 * Return: the bit number, or @size.
 */
unsigned long find_nth_and_bit(const unsigned long *addr1, const unsigned long *addr2,
			       unsigned long size, unsigned long n)
{
	return find_nth(FIND_AND, addr1, addr2, size, n);
}
EXPORT_SYMBOL(find_nth_and_bit);

/**
 * find_nth_andnot_bit - the @n-th bit set in @addr1 but not in @addr2
 * @addr1: the first bitmap
 * @addr2: the second bitmap
 * @size: their size in bits
 * @n: which set bit
 *
 * Return: the bit number, or @size.
 */
unsigned long find_nth_andnot_bit(const unsigned long *addr1, const unsigned long *addr2,
				  unsigned long size, unsigned long n)
{
	return find_nth(FIND_ANDNOT, addr1, addr2, size, n);
}
EXPORT_SYMBOL(find_nth_andnot_bit);
