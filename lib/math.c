// SPDX-License-Identifier: MIT
/* Out-of-line integer math: powers, square roots, iterative division. */
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/math.h>
#include <linux/math64.h>

/**
 * int_pow - @base raised to @exp, by repeated squaring
 * @base: the base
 * @exp: the exponent
 *
 * Return: @base ^ @exp modulo 2^64 (int_pow(x, 0) is 1).
 */
u64 int_pow(u64 base, unsigned int exp)
{
	u64 result = 1;

	for (; exp; exp >>= 1) {
		if (exp & 1)
			result *= base;
		base *= base;
	}
	return result;
}
EXPORT_SYMBOL_GPL(int_pow);

/**
 * int_sqrt - the integer square root, rounded down
 * @x: the value
 *
 * Digit-by-digit method in base 4: no multiplication, exact for every input.
 *
 * Return: floor(sqrt(@x)).
 */
unsigned long int_sqrt(unsigned long x)
{
	unsigned long root = 0, bit;

	if (x <= 1)
		return x;

	/* The highest power of four not above x. */
	bit = 1UL << (__fls(x) & ~1UL);
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}
EXPORT_SYMBOL(int_sqrt);

/**
 * iter_div_u64_rem - divide by repeated subtraction, for quotients known to be small
 * @dividend: the dividend
 * @divisor: the divisor
 * @remainder: receives the remainder
 *
 * Return: the quotient (must fit in 32 bits).
 */
u32 iter_div_u64_rem(u64 dividend, u32 divisor, u64 *remainder)
{
	u32 ret = 0;

	while (dividend >= divisor) {
		/* Keep the loop from being turned back into a division. */
		__asm__("" : "+rm"(dividend));
		dividend -= divisor;
		ret++;
	}
	*remainder = dividend;
	return ret;
}
EXPORT_SYMBOL(iter_div_u64_rem);
