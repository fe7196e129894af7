/* SPDX-License-Identifier: MIT */
/*
 * Fast, reproducible pseudo-random numbers (NOT for anything security related): the
 * four-component Tausworthe generator of P. L'Ecuyer ("Tables of maximally equidistributed
 * combined LFSR generators", 1999; period 2^113), seeded like the kernel's so that a given
 * seed gives the kernel's sequence.
 */
#ifndef _LINUX_PRANDOM_H
#define _LINUX_PRANDOM_H

#include <linux/types.h>

struct rnd_state {
	__u32 s1, s2, s3, s4;
};

u32 prandom_u32_state(struct rnd_state *state);
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t nbytes);

/* Each component has a minimum value below which it degenerates; lift seeds above it. */
static inline u32 __seed(u32 x, u32 m)
{
	return (x < m) ? x + m : x;
}

/**
 * prandom_seed_state - seed a generator from a 64-bit value
 * @state: the generator
 * @seed: the seed; equal seeds give equal sequences
 */
static inline void prandom_seed_state(struct rnd_state *state, u64 seed)
{
	u32 i = ((seed >> 32) ^ (seed << 10) ^ seed) & 0xffffffffUL;

	state->s1 = __seed(i, 2U);
	state->s2 = __seed(i, 8U);
	state->s3 = __seed(i, 16U);
	state->s4 = __seed(i, 128U);
}

/* next_pseudo_random32 - one step of the "Numerical Recipes" linear congruential generator. */
static inline u32 next_pseudo_random32(u32 seed)
{
	return seed * 1664525 + 1013904223;
}

#endif /* _LINUX_PRANDOM_H */
