/* SPDX-License-Identifier: MIT */
/*
 * Bitmaps: arrays of unsigned long holding @nbits bits, bit i in word i / BITS_PER_LONG.
 *
 * Conventions (the kernel's): operations that only read look at the first @nbits bits; whole
 * word operations (zero, fill, copy, complement, or, xor) may also write the unused bits of the
 * last word, while and/andnot/shifts leave those clear. None of these is atomic; use
 * set_bit()/clear_bit() for concurrently updated bits.
 */
#ifndef __LINUX_BITMAP_H
#define __LINUX_BITMAP_H

#include <linux/align.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/types.h>

/* DECLARE_BITMAP - an array @name large enough for @bits bits. */
#define DECLARE_BITMAP(name, bits) \
	unsigned long name[BITS_TO_LONGS(bits)]

unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags);
unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags);
unsigned long *bitmap_alloc_node(unsigned int nbits, gfp_t flags, int node);
unsigned long *bitmap_zalloc_node(unsigned int nbits, gfp_t flags, int node);
void bitmap_free(const unsigned long *bitmap);

bool __bitmap_equal(const unsigned long *bitmap1, const unsigned long *bitmap2,
		    unsigned int nbits);
bool __pure __bitmap_or_equal(const unsigned long *src1, const unsigned long *src2,
			      const unsigned long *src3, unsigned int nbits);
void __bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits);
void __bitmap_shift_right(unsigned long *dst, const unsigned long *src, unsigned int shift,
			  unsigned int nbits);
void __bitmap_shift_left(unsigned long *dst, const unsigned long *src, unsigned int shift,
			 unsigned int nbits);
bool __bitmap_and(unsigned long *dst, const unsigned long *bitmap1,
		  const unsigned long *bitmap2, unsigned int nbits);
void __bitmap_or(unsigned long *dst, const unsigned long *bitmap1,
		 const unsigned long *bitmap2, unsigned int nbits);
void __bitmap_xor(unsigned long *dst, const unsigned long *bitmap1,
		  const unsigned long *bitmap2, unsigned int nbits);
bool __bitmap_andnot(unsigned long *dst, const unsigned long *bitmap1,
		     const unsigned long *bitmap2, unsigned int nbits);
void __bitmap_replace(unsigned long *dst, const unsigned long *old, const unsigned long *new,
		      const unsigned long *mask, unsigned int nbits);
bool __bitmap_intersects(const unsigned long *bitmap1, const unsigned long *bitmap2,
			 unsigned int nbits);
bool __bitmap_subset(const unsigned long *bitmap1, const unsigned long *bitmap2,
		     unsigned int nbits);
unsigned int __bitmap_weight(const unsigned long *bitmap, unsigned int nbits);
unsigned int __bitmap_weight_and(const unsigned long *bitmap1, const unsigned long *bitmap2,
				 unsigned int nbits);
unsigned int __bitmap_weight_andnot(const unsigned long *bitmap1,
				    const unsigned long *bitmap2, unsigned int nbits);
void __bitmap_set(unsigned long *map, unsigned int start, int len);
void __bitmap_clear(unsigned long *map, unsigned int start, int len);

unsigned long bitmap_find_next_zero_area_off(unsigned long *map, unsigned long size,
					     unsigned long start, unsigned int nr,
					     unsigned long align_mask,
					     unsigned long align_offset);

/**
 * bitmap_find_next_zero_area - find a run of @nr clear bits
 * @map: the bitmap
 * @size: its size in bits
 * @start: where to start looking
 * @nr: the length of the run
 * @align_mask: the run must start at a multiple of @align_mask + 1 (a power of two)
 *
 * Return: the first bit of the run; a value for which index + @nr > @size if there is none.
 */
static __always_inline unsigned long bitmap_find_next_zero_area(unsigned long *map,
								unsigned long size,
								unsigned long start,
								unsigned int nr,
								unsigned long align_mask)
{
	return bitmap_find_next_zero_area_off(map, size, start, nr, align_mask, 0);
}

/* Masks of the used bits of the first word from @start and of the last word of @nbits. */
#define BITMAP_FIRST_WORD_MASK(start) (~0UL << ((start) & (BITS_PER_LONG - 1)))
#define BITMAP_LAST_WORD_MASK(nbits) (~0UL >> (-(nbits) & (BITS_PER_LONG - 1)))

/* bitmap_size - the bytes of a bitmap of @nbits bits (whole words). */
#define bitmap_size(nbits)	(ALIGN(nbits, BITS_PER_LONG) / BITS_PER_BYTE)

/* bitmap_zero - clear every word of the bitmap. */
static __always_inline void bitmap_zero(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0, bitmap_size(nbits));
}

/* bitmap_fill - set every bit of every word of the bitmap (tail bits included). */
static __always_inline void bitmap_fill(unsigned long *dst, unsigned int nbits)
{
	memset(dst, 0xff, bitmap_size(nbits));
}

/* bitmap_copy - copy every word of @src to @dst. */
static __always_inline void bitmap_copy(unsigned long *dst, const unsigned long *src,
					unsigned int nbits)
{
	memcpy(dst, src, bitmap_size(nbits));
}

/* bitmap_copy_clear_tail - bitmap_copy(), then clear the bits past @nbits. */
static __always_inline void bitmap_copy_clear_tail(unsigned long *dst,
						   const unsigned long *src, unsigned int nbits)
{
	bitmap_copy(dst, src, nbits);
	if (nbits % BITS_PER_LONG)
		dst[nbits / BITS_PER_LONG] &= BITMAP_LAST_WORD_MASK(nbits);
}

/*
 * bitmap_copy_and_extend - copy @count bits of @from into a bitmap of @size bits, the rest
 * cleared.
 */
static inline void bitmap_copy_and_extend(unsigned long *to, const unsigned long *from,
					  unsigned int count, unsigned int size)
{
	unsigned int copy = BITS_TO_LONGS(count);

	memcpy(to, from, copy * sizeof(long));
	if (count % BITS_PER_LONG)
		to[copy - 1] &= BITMAP_LAST_WORD_MASK(count);
	memset(to + copy, 0, bitmap_size(size) - copy * sizeof(long));
}

void bitmap_from_arr32(unsigned long *bitmap, const u32 *buf, unsigned int nbits);
void bitmap_to_arr32(u32 *buf, const unsigned long *bitmap, unsigned int nbits);
void bitmap_from_arr64(unsigned long *bitmap, const u64 *buf, unsigned int nbits);
void bitmap_to_arr64(u64 *buf, const unsigned long *bitmap, unsigned int nbits);

/* bitmap_and - @dst = @src1 & @src2; true if the result has a bit set. */
static __always_inline bool bitmap_and(unsigned long *dst, const unsigned long *src1,
				       const unsigned long *src2, unsigned int nbits)
{
	return __bitmap_and(dst, src1, src2, nbits);
}

/* bitmap_or - @dst = @src1 | @src2. */
static __always_inline void bitmap_or(unsigned long *dst, const unsigned long *src1,
				      const unsigned long *src2, unsigned int nbits)
{
	__bitmap_or(dst, src1, src2, nbits);
}

/* bitmap_xor - @dst = @src1 ^ @src2. */
static __always_inline void bitmap_xor(unsigned long *dst, const unsigned long *src1,
				       const unsigned long *src2, unsigned int nbits)
{
	__bitmap_xor(dst, src1, src2, nbits);
}

/* bitmap_andnot - @dst = @src1 & ~@src2; true if the result has a bit set. */
static __always_inline bool bitmap_andnot(unsigned long *dst, const unsigned long *src1,
					  const unsigned long *src2, unsigned int nbits)
{
	return __bitmap_andnot(dst, src1, src2, nbits);
}

/* bitmap_complement - @dst = ~@src. */
static __always_inline void bitmap_complement(unsigned long *dst, const unsigned long *src,
					      unsigned int nbits)
{
	__bitmap_complement(dst, src, nbits);
}

/* bitmap_equal - are the first @nbits bits equal? */
static __always_inline bool bitmap_equal(const unsigned long *src1, const unsigned long *src2,
					 unsigned int nbits)
{
	return __bitmap_equal(src1, src2, nbits);
}

/* bitmap_or_equal - is (@src1 | @src2) == @src3 in the first @nbits bits? */
static __always_inline bool bitmap_or_equal(const unsigned long *src1,
					    const unsigned long *src2,
					    const unsigned long *src3, unsigned int nbits)
{
	return __bitmap_or_equal(src1, src2, src3, nbits);
}

/* bitmap_intersects - do the bitmaps share a set bit? */
static __always_inline bool bitmap_intersects(const unsigned long *src1,
					      const unsigned long *src2, unsigned int nbits)
{
	return __bitmap_intersects(src1, src2, nbits);
}

/* bitmap_subset - is every bit of @src1 also set in @src2? */
static __always_inline bool bitmap_subset(const unsigned long *src1, const unsigned long *src2,
					  unsigned int nbits)
{
	return __bitmap_subset(src1, src2, nbits);
}

/* bitmap_empty - is no bit set? */
static __always_inline bool bitmap_empty(const unsigned long *src, unsigned int nbits)
{
	return find_first_bit(src, nbits) == nbits;
}

/* bitmap_full - is every bit set? */
static __always_inline bool bitmap_full(const unsigned long *src, unsigned int nbits)
{
	return find_first_zero_bit(src, nbits) == nbits;
}

/* bitmap_weight - the number of set bits. */
static __always_inline unsigned int bitmap_weight(const unsigned long *src, unsigned int nbits)
{
	return __bitmap_weight(src, nbits);
}

/* bitmap_weight_and - the number of bits set in both. */
static __always_inline unsigned long bitmap_weight_and(const unsigned long *src1,
						       const unsigned long *src2,
						       unsigned int nbits)
{
	return __bitmap_weight_and(src1, src2, nbits);
}

/* bitmap_weight_andnot - the number of bits set in @src1 but not in @src2. */
static __always_inline unsigned long bitmap_weight_andnot(const unsigned long *src1,
							  const unsigned long *src2,
							  unsigned int nbits)
{
	return __bitmap_weight_andnot(src1, src2, nbits);
}

/* bitmap_set - set bits @start .. @start + @nbits - 1. */
static __always_inline void bitmap_set(unsigned long *map, unsigned int start,
				       unsigned int nbits)
{
	__bitmap_set(map, start, nbits);
}

/* bitmap_clear - clear bits @start .. @start + @nbits - 1. */
static __always_inline void bitmap_clear(unsigned long *map, unsigned int start,
					 unsigned int nbits)
{
	__bitmap_clear(map, start, nbits);
}

/* bitmap_shift_right - @dst = @src >> @shift (towards bit 0), zeroes shifted in at the top. */
static __always_inline void bitmap_shift_right(unsigned long *dst, const unsigned long *src,
					       unsigned int shift, unsigned int nbits)
{
	__bitmap_shift_right(dst, src, shift, nbits);
}

/* bitmap_shift_left - @dst = @src << @shift; bits pushed past @nbits are lost. */
static __always_inline void bitmap_shift_left(unsigned long *dst, const unsigned long *src,
					      unsigned int shift, unsigned int nbits)
{
	__bitmap_shift_left(dst, src, shift, nbits);
}

/* bitmap_replace - @dst = the bits of @new where @mask is set, of @old elsewhere. */
static __always_inline void bitmap_replace(unsigned long *dst, const unsigned long *old,
					   const unsigned long *new, const unsigned long *mask,
					   unsigned int nbits)
{
	__bitmap_replace(dst, old, new, mask, nbits);
}

/* bitmap_next_set_region - the next run [*@rs, *@re) of set bits from *@rs, below @end. */
static __always_inline void bitmap_next_set_region(unsigned long *bitmap, unsigned int *rs,
						   unsigned int *re, unsigned int end)
{
	*rs = find_next_bit(bitmap, end, *rs);
	*re = find_next_zero_bit(bitmap, end, *rs + 1);
}

/* bitmap_release_region - clear the 2^@order bits at @pos. */
static __always_inline void bitmap_release_region(unsigned long *bitmap, unsigned int pos,
						  int order)
{
	bitmap_clear(bitmap, pos, BIT(order));
}

/**
 * bitmap_allocate_region - claim the 2^@order bits at @pos
 * @bitmap: the bitmap
 * @pos: the first bit
 * @order: log2 of the number of bits
 *
 * Return: 0 after setting them, -EBUSY if one of them was set already.
 */
static __always_inline int bitmap_allocate_region(unsigned long *bitmap, unsigned int pos,
						  int order)
{
	unsigned int len = BIT(order);

	if (find_next_bit(bitmap, pos + len, pos) < pos + len)
		return -EBUSY;
	bitmap_set(bitmap, pos, len);
	return 0;
}

/**
 * bitmap_find_free_region - claim the first free, naturally aligned block of 2^@order bits
 * @bitmap: the bitmap
 * @bits: its size in bits
 * @order: log2 of the block size
 *
 * Return: the first bit of the block, or -ENOMEM.
 */
static __always_inline int bitmap_find_free_region(unsigned long *bitmap, unsigned int bits,
						   int order)
{
	unsigned int pos, end;

	for (pos = 0; (end = pos + BIT(order)) <= bits; pos = end) {
		if (!bitmap_allocate_region(bitmap, pos, order))
			return pos;
	}
	return -ENOMEM;
}

/* BITMAP_FROM_U64 - initialiser words for a 64-bit mask. */
#define BITMAP_FROM_U64(n) (n)

/* bitmap_from_u64 - store the 64-bit @mask as the first 64 bits of @dst. */
static __always_inline void bitmap_from_u64(unsigned long *dst, u64 mask)
{
	dst[0] = mask;
}

/**
 * bitmap_read - read @nbits (1..BITS_PER_LONG) bits starting at @start
 * @map: the bitmap
 * @start: the first bit
 * @nbits: how many
 *
 * Return: the bits as a number (bit @start is bit 0), or 0 for an invalid @nbits.
 */
static __always_inline unsigned long bitmap_read(const unsigned long *map, unsigned long start,
						 unsigned long nbits)
{
	size_t index = BIT_WORD(start);
	unsigned long offset = start % BITS_PER_LONG;
	unsigned long space = BITS_PER_LONG - offset;
	unsigned long value_low, value_high;

	if (unlikely(!nbits || nbits > BITS_PER_LONG))
		return 0;
	if (space >= nbits)
		return (map[index] >> offset) & BITMAP_LAST_WORD_MASK(nbits);
	value_low = map[index] >> offset;
	value_high = map[index + 1] & BITMAP_LAST_WORD_MASK(start + nbits);
	return value_low | (value_high << space);
}

/**
 * bitmap_write - write the low @nbits (1..BITS_PER_LONG) bits of @value starting at @start
 * @map: the bitmap
 * @value: the bits
 * @start: the first bit
 * @nbits: how many; an invalid count writes nothing
 */
static __always_inline void bitmap_write(unsigned long *map, unsigned long value,
					 unsigned long start, unsigned long nbits)
{
	size_t index;
	unsigned long offset, mask;

	if (unlikely(!nbits || nbits > BITS_PER_LONG))
		return;
	index = BIT_WORD(start);
	offset = start % BITS_PER_LONG;
	mask = BITMAP_LAST_WORD_MASK(nbits);
	value &= mask;
	map[index] = (map[index] & ~(mask << offset)) | (value << offset);
	/* The part that did not fit in the first word. */
	if (offset + nbits > BITS_PER_LONG) {
		unsigned long done = BITS_PER_LONG - offset;

		mask = BITMAP_LAST_WORD_MASK(nbits - done);
		map[index + 1] = (map[index + 1] & ~mask) | (value >> done);
	}
}

#define bitmap_get_value8(map, start) bitmap_read(map, start, 8)
#define bitmap_set_value8(map, value, start) bitmap_write(map, value, start, 8)

#endif /* __LINUX_BITMAP_H */
