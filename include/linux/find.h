/* SPDX-License-Identifier: MIT */
/*
 * Searching bitmaps. Every search returns the bit number found, or @size when there is none
 * (also when @offset >= @size). Bits past @size in the last word are ignored.
 */
#ifndef _LINUX_FIND_H
#define _LINUX_FIND_H

#ifndef _LINUX_BITOPS_H
#error only <linux/bitops.h> can be included directly
#endif

unsigned long find_next_bit(const unsigned long *addr, unsigned long size,
			    unsigned long offset);
unsigned long find_next_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				unsigned long size, unsigned long offset);
unsigned long find_next_andnot_bit(const unsigned long *addr1, const unsigned long *addr2,
				   unsigned long size, unsigned long offset);
unsigned long find_next_or_bit(const unsigned long *addr1, const unsigned long *addr2,
			       unsigned long size, unsigned long offset);
unsigned long find_next_zero_bit(const unsigned long *addr, unsigned long size,
				 unsigned long offset);
unsigned long find_first_bit(const unsigned long *addr, unsigned long size);
unsigned long find_first_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				 unsigned long size);
unsigned long find_first_and_and_bit(const unsigned long *addr1, const unsigned long *addr2,
				     const unsigned long *addr3, unsigned long size);
unsigned long find_first_zero_bit(const unsigned long *addr, unsigned long size);
unsigned long find_last_bit(const unsigned long *addr, unsigned long size);
unsigned long find_nth_bit(const unsigned long *addr, unsigned long size, unsigned long n);
unsigned long find_nth_and_bit(const unsigned long *addr1, const unsigned long *addr2,
			       unsigned long size, unsigned long n);
unsigned long find_nth_andnot_bit(const unsigned long *addr1, const unsigned long *addr2,
				  unsigned long size, unsigned long n);

/* find_next_bit_wrap - the next set bit from @offset, wrapping around to bit 0. */
static inline unsigned long find_next_bit_wrap(const unsigned long *addr, unsigned long size,
					       unsigned long offset)
{
	unsigned long bit = find_next_bit(addr, size, offset);

	if (bit < size || offset == 0)
		return bit;
	bit = find_first_bit(addr, offset);
	return bit < offset ? bit : size;
}

/* find_next_and_bit_wrap - find_next_bit_wrap() on @addr1 & @addr2. */
static inline unsigned long find_next_and_bit_wrap(const unsigned long *addr1,
						   const unsigned long *addr2,
						   unsigned long size, unsigned long offset)
{
	unsigned long bit = find_next_and_bit(addr1, addr2, size, offset);

	if (bit < size || offset == 0)
		return bit;
	bit = find_first_and_bit(addr1, addr2, offset);
	return bit < offset ? bit : size;
}

/* Step of for_each_set_bit_wrap(): the set bit after @n, stopping before @start again. */
static inline unsigned long __for_each_wrap(const unsigned long *bitmap, unsigned long size,
					    unsigned long start, unsigned long n)
{
	unsigned long bit;

	if (n > start) {
		bit = find_next_bit(bitmap, size, n);
		if (bit < size)
			return bit;
		n = 0;
	}
	bit = find_next_bit(bitmap, start, n);
	return bit < start ? bit : size;
}

/* The bitmaps are little-endian already: the _le forms are the plain ones. */
#define find_next_zero_bit_le(addr, size, offset) \
	find_next_zero_bit((const unsigned long *)(addr), size, offset)
#define find_next_bit_le(addr, size, offset) \
	find_next_bit((const unsigned long *)(addr), size, offset)
#define find_first_zero_bit_le(addr, size) \
	find_first_zero_bit((const unsigned long *)(addr), size)

#define for_each_set_bit(bit, addr, size) \
	for ((bit) = 0; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

#define for_each_and_bit(bit, addr1, addr2, size)					\
	for ((bit) = 0;									\
	     (bit) = find_next_and_bit((addr1), (addr2), (size), (bit)), (bit) < (size);\
	     (bit)++)

#define for_each_andnot_bit(bit, addr1, addr2, size)					\
	for ((bit) = 0;									\
	     (bit) = find_next_andnot_bit((addr1), (addr2), (size), (bit)),		\
	     (bit) < (size);								\
	     (bit)++)

#define for_each_or_bit(bit, addr1, addr2, size)					\
	for ((bit) = 0;									\
	     (bit) = find_next_or_bit((addr1), (addr2), (size), (bit)), (bit) < (size);	\
	     (bit)++)

/* for_each_set_bit_from - for_each_set_bit() starting at the current value of @bit. */
#define for_each_set_bit_from(bit, addr, size) \
	for (; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

#define for_each_clear_bit(bit, addr, size)						\
	for ((bit) = 0;									\
	     (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size);		\
	     (bit)++)

/* for_each_clear_bit_from - for_each_clear_bit() starting at the current value of @bit. */
#define for_each_clear_bit_from(bit, addr, size) \
	for (; (bit) = find_next_zero_bit((addr), (size), (bit)), (bit) < (size); (bit)++)

/* for_each_set_bitrange - each run [@b, @e) of set bits. */
#define for_each_set_bitrange(b, e, addr, size)			\
	for ((b) = 0;						\
	     (b) = find_next_bit((addr), (size), b),		\
	     (e) = find_next_zero_bit((addr), (size), (b) + 1),	\
	     (b) < (size);					\
	     (b) = (e) + 1)

#define for_each_set_bitrange_from(b, e, addr, size)		\
	for (;							\
	     (b) = find_next_bit((addr), (size), (b)),		\
	     (e) = find_next_zero_bit((addr), (size), (b) + 1),	\
	     (b) < (size);					\
	     (b) = (e) + 1)

/* for_each_clear_bitrange - each run [@b, @e) of clear bits. */
#define for_each_clear_bitrange(b, e, addr, size)		\
	for ((b) = 0;						\
	     (b) = find_next_zero_bit((addr), (size), (b)),	\
	     (e) = find_next_bit((addr), (size), (b) + 1),	\
	     (b) < (size);					\
	     (b) = (e) + 1)

#define for_each_clear_bitrange_from(b, e, addr, size)		\
	for (;							\
	     (b) = find_next_zero_bit((addr), (size), (b)),	\
	     (e) = find_next_bit((addr), (size), (b) + 1),	\
	     (b) < (size);					\
	     (b) = (e) + 1)

/* for_each_set_bit_wrap - each set bit from @start to the end, then from 0 up to @start. */
#define for_each_set_bit_wrap(bit, addr, size, start)				\
	for ((bit) = find_next_bit_wrap((addr), (size), (start));		\
	     (bit) < (size);							\
	     (bit) = __for_each_wrap((addr), (size), (start), (bit) + 1))

#endif /* _LINUX_FIND_H */
