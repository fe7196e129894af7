// SPDX-License-Identifier: MIT
/* Out-of-line bitmap operations (see <linux/bitmap.h> for the conventions). */
#include <linux/bitmap.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/slab.h>

/* The number of whole words and the mask of the used bits of a partial last word. */
#define BM_FULL_WORDS(nbits)	((nbits) / BITS_PER_LONG)
#define BM_TAIL(nbits)		((nbits) % BITS_PER_LONG)

/**
 * __bitmap_equal - compare the first @nbits bits
 * @bitmap1: the first bitmap
 * @bitmap2: the second bitmap
 * @nbits: the number of bits
 *
 * Return: true if they are equal.
 */
bool __bitmap_equal(const unsigned long *bitmap1, const unsigned long *bitmap2,
		    unsigned int nbits)
{
	unsigned int k, lim = BM_FULL_WORDS(nbits);

	for (k = 0; k < lim; k++) {
		if (bitmap1[k] != bitmap2[k])
			return false;
	}
	if (BM_TAIL(nbits) && ((bitmap1[k] ^ bitmap2[k]) & BITMAP_LAST_WORD_MASK(nbits)))
		return false;
	return true;
}
EXPORT_SYMBOL(__bitmap_equal);

/**
 * __bitmap_or_equal - is @src1 | @src2 equal to @src3 in the first @nbits bits?
 * @src1: the first operand
 * @src2: the second operand
 * @src3: the bitmap to compare with
 * @nbits: the number of bits
 *
 * Return: true if equal.
 */
bool __bitmap_or_equal(const unsigned long *src1, const unsigned long *src2,
		       const unsigned long *src3, unsigned int nbits)
{
	unsigned int k, lim = BM_FULL_WORDS(nbits);

	for (k = 0; k < lim; k++) {
		if ((src1[k] | src2[k]) != src3[k])
			return false;
	}
	if (!BM_TAIL(nbits))
		return true;
	return !(((src1[k] | src2[k]) ^ src3[k]) & BITMAP_LAST_WORD_MASK(nbits));
}

/**
 * __bitmap_complement - invert every word
 * @dst: the result
 * @src: the source
 * @nbits: the number of bits
 */
void __bitmap_complement(unsigned long *dst, const unsigned long *src, unsigned int nbits)
{
	unsigned int k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = ~src[k];
}
EXPORT_SYMBOL(__bitmap_complement);

/**
 * __bitmap_shift_right - shift a bitmap towards bit 0
 * @dst: the result (may be @src)
 * @src: the source; bits past @nbits are ignored
 * @shift: the shift count
 * @nbits: the bitmap size
 */
void __bitmap_shift_right(unsigned long *dst, const unsigned long *src, unsigned int shift,
			  unsigned int nbits)
{
	unsigned int k, lim = BITS_TO_LONGS(nbits);
	unsigned int off = shift / BITS_PER_LONG, rem = shift % BITS_PER_LONG;
	unsigned long mask = BITMAP_LAST_WORD_MASK(nbits);

	if (off > lim)
		off = lim;
	/* Ascending order: each destination word only reads source words at or above it. */
	for (k = 0; off + k < lim; k++) {
		unsigned long upper, lower;

		if (!rem || off + k + 1 >= lim) {
			upper = 0;
		} else {
			upper = src[off + k + 1];
			if (off + k + 1 == lim - 1)
				upper &= mask;
			upper <<= (BITS_PER_LONG - rem);
		}
		lower = src[off + k];
		if (off + k == lim - 1)
			lower &= mask;
		lower >>= rem;
		dst[k] = lower | upper;
	}
	if (off)
		memset(&dst[lim - off], 0, off * sizeof(unsigned long));
}
EXPORT_SYMBOL(__bitmap_shift_right);

/**
 * __bitmap_shift_left - shift a bitmap away from bit 0
 * @dst: the result (may be @src); bits past @nbits end up clear
 * @src: the source
 * @shift: the shift count
 * @nbits: the bitmap size
 */
void __bitmap_shift_left(unsigned long *dst, const unsigned long *src, unsigned int shift,
			 unsigned int nbits)
{
	int k;
	unsigned int lim = BITS_TO_LONGS(nbits);
	unsigned int off = shift / BITS_PER_LONG, rem = shift % BITS_PER_LONG;

	if (off > lim)
		off = lim;
	/* Descending order: each destination word only reads source words at or below it. */
	for (k = lim - off - 1; k >= 0; k--) {
		unsigned long upper, lower;

		if (rem && k > 0)
			lower = src[k - 1] >> (BITS_PER_LONG - rem);
		else
			lower = 0;
		upper = src[k] << rem;
		dst[k + off] = lower | upper;
	}
	if (off)
		memset(dst, 0, off * sizeof(unsigned long));
	if (BM_TAIL(nbits))
		dst[lim - 1] &= BITMAP_LAST_WORD_MASK(nbits);
}
EXPORT_SYMBOL(__bitmap_shift_left);

/**
 * __bitmap_and - @dst = @bitmap1 & @bitmap2
 * @dst: the result; bits past @nbits are cleared
 * @bitmap1: the first operand
 * @bitmap2: the second operand
 * @nbits: the number of bits
 *
 * Return: true if any bit of the result is set.
 */
bool __bitmap_and(unsigned long *dst, const unsigned long *bitmap1,
		  const unsigned long *bitmap2, unsigned int nbits)
{
	unsigned int k, lim = BM_FULL_WORDS(nbits);
	unsigned long result = 0;

	for (k = 0; k < lim; k++)
		result |= (dst[k] = bitmap1[k] & bitmap2[k]);
	if (BM_TAIL(nbits))
		result |= (dst[k] = bitmap1[k] & bitmap2[k] & BITMAP_LAST_WORD_MASK(nbits));
	return result != 0;
}
EXPORT_SYMBOL(__bitmap_and);

/**
 * __bitmap_or - @dst = @bitmap1 | @bitmap2, every word
 * @dst: the result
 * @bitmap1: the first operand
 * @bitmap2: the second operand
 * @nbits: the number of bits
 */
void __bitmap_or(unsigned long *dst, const unsigned long *bitmap1,
		 const unsigned long *bitmap2, unsigned int nbits)
{
	unsigned int k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = bitmap1[k] | bitmap2[k];
}
EXPORT_SYMBOL(__bitmap_or);

/**
 * __bitmap_xor - @dst = @bitmap1 ^ @bitmap2, every word
 * @dst: the result
 * @bitmap1: the first operand
 * @bitmap2: the second operand
 * @nbits: the number of bits
 */
void __bitmap_xor(unsigned long *dst, const unsigned long *bitmap1,
		  const unsigned long *bitmap2, unsigned int nbits)
{
	unsigned int k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = bitmap1[k] ^ bitmap2[k];
}
EXPORT_SYMBOL(__bitmap_xor);

/**
 * __bitmap_andnot - @dst = @bitmap1 & ~@bitmap2
 * @dst: the result; bits past @nbits are cleared
 * @bitmap1: the first operand
 * @bitmap2: the second operand
 * @nbits: the number of bits
 *
 * Return: true if any bit of the result is set.
 */
bool __bitmap_andnot(unsigned long *dst, const unsigned long *bitmap1,
		     const unsigned long *bitmap2, unsigned int nbits)
{
	unsigned int k, lim = BM_FULL_WORDS(nbits);
	unsigned long result = 0;

	for (k = 0; k < lim; k++)
		result |= (dst[k] = bitmap1[k] & ~bitmap2[k]);
	if (BM_TAIL(nbits))
		result |= (dst[k] = bitmap1[k] & ~bitmap2[k] & BITMAP_LAST_WORD_MASK(nbits));
	return result != 0;
}
EXPORT_SYMBOL(__bitmap_andnot);

/**
 * __bitmap_replace - take the bits of @new where @mask is set, those of @old elsewhere
 * @dst: the result
 * @old: the bits to keep
 * @new: the bits to take
 * @mask: which bits to take from @new
 * @nbits: the number of bits
 */
void __bitmap_replace(unsigned long *dst, const unsigned long *old, const unsigned long *new,
		      const unsigned long *mask, unsigned int nbits)
{
	unsigned int k;

	for (k = 0; k < BITS_TO_LONGS(nbits); k++)
		dst[k] = (old[k] & ~mask[k]) | (new[k] & mask[k]);
}
EXPORT_SYMBOL(__bitmap_replace);

/**
 * __bitmap_intersects - do the first @nbits bits have a set bit in common?
 * @bitmap1: the first bitmap
 * @bitmap2: the second bitmap
 * @nbits: the number of bits
 *
 * Return: true if they intersect.
 */
bool __bitmap_intersects(const unsigned long *bitmap1, const unsigned long *bitmap2,
			 unsigned int nbits)
{
	unsigned int k, lim = BM_FULL_WORDS(nbits);

	for (k = 0; k < lim; k++) {
		if (bitmap1[k] & bitmap2[k])
			return true;
	}
	if (BM_TAIL(nbits) && (bitmap1[k] & bitmap2[k] & BITMAP_LAST_WORD_MASK(nbits)))
		return true;
	return false;
}
EXPORT_SYMBOL(__bitmap_intersects);

/**
 * __bitmap_subset - is every set bit of @bitmap1 also set in @bitmap2?
 * @bitmap1: the candidate subset
 * @bitmap2: the candidate superset
 * @nbits: the number of bits
 *
 * Return: true if it is a subset.
 */
bool __bitmap_subset(const unsigned long *bitmap1, const unsigned long *bitmap2,
		     unsigned int nbits)
{
	unsigned int k, lim = BM_FULL_WORDS(nbits);

	for (k = 0; k < lim; k++) {
		if (bitmap1[k] & ~bitmap2[k])
			return false;
	}
	if (BM_TAIL(nbits) && (bitmap1[k] & ~bitmap2[k] & BITMAP_LAST_WORD_MASK(nbits)))
		return false;
	return true;
}
EXPORT_SYMBOL(__bitmap_subset);

/* Population count of the first @nbits bits of a word-wise expression. */
#define BITMAP_WEIGHT(WORD, nbits) ({						\
	unsigned int __k, __w = 0, __lim = BM_FULL_WORDS(nbits);		\
										\
	for (__k = 0; __k < __lim; __k++)					\
		__w += hweight_long(WORD(__k));					\
	if (BM_TAIL(nbits))							\
		__w += hweight_long(WORD(__k) & BITMAP_LAST_WORD_MASK(nbits));	\
	__w;									\
})

/**
 * __bitmap_weight - count the set bits among the first @nbits
 * @bitmap: the bitmap
 * @nbits: the number of bits
 *
 * Return: the count.
 */
unsigned int __bitmap_weight(const unsigned long *bitmap, unsigned int nbits)
{
#define W(k) (bitmap[k])
	return BITMAP_WEIGHT(W, nbits);
#undef W
}
EXPORT_SYMBOL(__bitmap_weight);

/**
 * __bitmap_weight_and - count the bits set in both bitmaps
 * @bitmap1: the first bitmap
 * @bitmap2: the second bitmap
 * @nbits: the number of bits
 *
 * Return: the count.
 */
unsigned int __bitmap_weight_and(const unsigned long *bitmap1, const unsigned long *bitmap2,
				 unsigned int nbits)
{
#define W(k) (bitmap1[k] & bitmap2[k])
	return BITMAP_WEIGHT(W, nbits);
#undef W
}
EXPORT_SYMBOL(__bitmap_weight_and);

/**
 * __bitmap_weight_andnot - count the bits set in @bitmap1 but not in @bitmap2
 * @bitmap1: the first bitmap
 * @bitmap2: the second bitmap
 * @nbits: the number of bits
 *
 * Return: the count.
 */
unsigned int __bitmap_weight_andnot(const unsigned long *bitmap1,
				    const unsigned long *bitmap2, unsigned int nbits)
{
#define W(k) (bitmap1[k] & ~bitmap2[k])
	return BITMAP_WEIGHT(W, nbits);
#undef W
}
EXPORT_SYMBOL(__bitmap_weight_andnot);

/* Set or clear the bits [@start, @start + @len), word by word. */
static void bitmap_update_range(unsigned long *map, unsigned int start, int len, bool set)
{
	unsigned int end, w, first, last;

	if (len <= 0)
		return;
	end = start + len;
	first = BIT_WORD(start);
	last = BIT_WORD(end - 1);
	for (w = first; w <= last; w++) {
		unsigned long mask = ~0UL;

		if (w == first)
			mask &= BITMAP_FIRST_WORD_MASK(start);
		if (w == last)
			mask &= BITMAP_LAST_WORD_MASK(end);
		if (set)
			map[w] |= mask;
		else
			map[w] &= ~mask;
	}
}

/**
 * __bitmap_set - set @len bits from @start
 * @map: the bitmap
 * @start: the first bit
 * @len: how many
 */
void __bitmap_set(unsigned long *map, unsigned int start, int len)
{
	bitmap_update_range(map, start, len, true);
}
EXPORT_SYMBOL(__bitmap_set);

/**
 * __bitmap_clear - clear @len bits from @start
 * @map: the bitmap
 * @start: the first bit
 * @len: how many
 */
void __bitmap_clear(unsigned long *map, unsigned int start, int len)
{
	bitmap_update_range(map, start, len, false);
}
EXPORT_SYMBOL(__bitmap_clear);

/**
 * bitmap_find_next_zero_area_off - find a run of @nr clear bits with an aligned start
 * @map: the bitmap
 * @size: its size in bits
 * @start: where to start looking
 * @nr: the length of the run
 * @align_mask: the run must start at (a multiple of @align_mask + 1) - @align_offset
 * @align_offset: see @align_mask
 *
 * Return: the first bit of the run; if there is none, a value for which index + @nr > @size.
 */
unsigned long bitmap_find_next_zero_area_off(unsigned long *map, unsigned long size,
					     unsigned long start, unsigned int nr,
					     unsigned long align_mask,
					     unsigned long align_offset)
{
	unsigned long index, end, busy;

	for (;;) {
		index = find_next_zero_bit(map, size, start);
		index = __ALIGN_MASK(index + align_offset, align_mask) - align_offset;
		end = index + nr;
		if (end > size)
			return end;
		busy = find_next_bit(map, end, index);
		if (busy >= end)
			return index;
		/* A set bit inside the candidate run: look again after it. */
		start = busy + 1;
	}
}
EXPORT_SYMBOL(bitmap_find_next_zero_area_off);

/**
 * bitmap_from_arr32 - fill a bitmap from an array of u32 (bit 0 of @buf[0] first)
 * @bitmap: the result; bits past @nbits are cleared
 * @buf: the source words
 * @nbits: the number of bits
 */
void bitmap_from_arr32(unsigned long *bitmap, const u32 *buf, unsigned int nbits)
{
	unsigned int i, halfwords = DIV_ROUND_UP(nbits, 32);

	for (i = 0; i < halfwords; i++) {
		bitmap[i / 2] = (i % 2) ? bitmap[i / 2] | ((unsigned long)buf[i] << 32) :
					  (unsigned long)buf[i];
	}
	if (BM_TAIL(nbits))
		bitmap[(halfwords - 1) / 2] &= BITMAP_LAST_WORD_MASK(nbits);
}
EXPORT_SYMBOL(bitmap_from_arr32);

/**
 * bitmap_to_arr32 - copy a bitmap into an array of u32
 * @buf: the result; bits past @nbits in the last u32 are cleared
 * @bitmap: the source
 * @nbits: the number of bits
 */
void bitmap_to_arr32(u32 *buf, const unsigned long *bitmap, unsigned int nbits)
{
	unsigned int i, halfwords = DIV_ROUND_UP(nbits, 32);

	for (i = 0; i < halfwords; i++)
		buf[i] = (u32)(bitmap[i / 2] >> ((i % 2) * 32));
	if (nbits % 32)
		buf[halfwords - 1] &= (u32)(U32_MAX >> ((-nbits) & 31));
}
EXPORT_SYMBOL(bitmap_to_arr32);

/**
 * bitmap_from_arr64 - fill a bitmap from an array of u64
 * @bitmap: the result; bits past @nbits are cleared
 * @buf: the source words
 * @nbits: the number of bits
 */
void bitmap_from_arr64(unsigned long *bitmap, const u64 *buf, unsigned int nbits)
{
	unsigned int i, n = DIV_ROUND_UP(nbits, 64);

	for (i = 0; i < n; i++)
		bitmap[i] = buf[i];
	if (BM_TAIL(nbits))
		bitmap[n - 1] &= BITMAP_LAST_WORD_MASK(nbits);
}
EXPORT_SYMBOL(bitmap_from_arr64);

/**
 * bitmap_to_arr64 - copy a bitmap into an array of u64
 * @buf: the result; bits past @nbits are cleared
 * @bitmap: the source
 * @nbits: the number of bits
 */
void bitmap_to_arr64(u64 *buf, const unsigned long *bitmap, unsigned int nbits)
{
	unsigned int i, n = DIV_ROUND_UP(nbits, 64);

	for (i = 0; i < n; i++)
		buf[i] = bitmap[i];
	if (nbits % 64)
		buf[n - 1] &= GENMASK_ULL((nbits - 1) % 64, 0);
}
EXPORT_SYMBOL(bitmap_to_arr64);

/**
 * bitmap_alloc_node - allocate a bitmap (contents undefined)
 * @nbits: the number of bits
 * @flags: GFP flags
 * @node: the preferred NUMA node
 *
 * Return: the bitmap (free with bitmap_free()), or NULL.
 */
unsigned long *bitmap_alloc_node(unsigned int nbits, gfp_t flags, int node)
{
	return kmalloc_array_node(BITS_TO_LONGS(nbits), sizeof(unsigned long), flags, node);
}
EXPORT_SYMBOL(bitmap_alloc_node);

/**
 * bitmap_zalloc_node - allocate a cleared bitmap
 * @nbits: the number of bits
 * @flags: GFP flags
 * @node: the preferred NUMA node
 *
 * Return: the bitmap (free with bitmap_free()), or NULL.
 */
unsigned long *bitmap_zalloc_node(unsigned int nbits, gfp_t flags, int node)
{
	return bitmap_alloc_node(nbits, flags | __GFP_ZERO, node);
}
EXPORT_SYMBOL(bitmap_zalloc_node);

/**
 * bitmap_alloc - allocate a bitmap (contents undefined)
 * @nbits: the number of bits
 * @flags: GFP flags
 *
 * Return: the bitmap (free with bitmap_free()), or NULL.
 */
unsigned long *bitmap_alloc(unsigned int nbits, gfp_t flags)
{
	return kmalloc_array(BITS_TO_LONGS(nbits), sizeof(unsigned long), flags);
}
EXPORT_SYMBOL(bitmap_alloc);

/**
 * bitmap_zalloc - allocate a cleared bitmap
 * @nbits: the number of bits
 * @flags: GFP flags
 *
 * Return: the bitmap (free with bitmap_free()), or NULL.
 */
unsigned long *bitmap_zalloc(unsigned int nbits, gfp_t flags)
{
	return bitmap_alloc(nbits, flags | __GFP_ZERO);
}
EXPORT_SYMBOL(bitmap_zalloc);

/**
 * bitmap_free - free a bitmap from bitmap_alloc() and friends
 * @bitmap: the bitmap, or NULL
 */
void bitmap_free(const unsigned long *bitmap)
{
	kfree(bitmap);
}
EXPORT_SYMBOL(bitmap_free);
