// SPDX-License-Identifier: MIT
/*
 * get_random_*(): bytes from the host's getrandom(), served from a per-thread buffer so that
 * most calls are a few loads (one host call per RANDOM_BATCH bytes). Each byte is handed out
 * once and then wiped from the buffer, so a later memory disclosure does not reveal values
 * already returned.
 *
 * prandom_*_state(): the reproducible Tausworthe generator of <linux/prandom.h>.
 */
#include <linux/export.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/prandom.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "arch/host/host.h"

#define RANDOM_BATCH 512

struct random_batch {
	u8 buf[RANDOM_BATCH];
	unsigned int pos;	/* first unused byte; RANDOM_BATCH when empty */
};

static __thread struct random_batch random_batch = { .pos = RANDOM_BATCH };

/*
 * A forked child inherits the forking thread's batch: drop it there, or parent and child would
 * hand out the same "random" values (the kernel reseeds on VM fork for the same reason).
 */
static void random_fork_child(void)
{
	memzero_explicit(random_batch.buf, RANDOM_BATCH);
	random_batch.pos = RANDOM_BATCH;
}

static KRT_CONSTRUCTOR_EARLY void random_register_atfork(void)
{
	host_atfork(NULL, NULL, random_fork_child);
}

/* Copy @len (<= RANDOM_BATCH) fresh random bytes to @out. */
static void random_take(void *out, size_t len)
{
	struct random_batch *b = &random_batch;
	size_t avail = RANDOM_BATCH - b->pos;

	if (avail < len) {
		/* Use up what is left, then refill. */
		memcpy(out, b->buf + b->pos, avail);
		memzero_explicit(b->buf + b->pos, avail);
		out = (u8 *)out + avail;
		len -= avail;
		host_getrandom(b->buf, RANDOM_BATCH);
		b->pos = 0;
	}
	memcpy(out, b->buf + b->pos, len);
	memzero_explicit(b->buf + b->pos, len);
	b->pos += len;
}

/**
 * get_random_bytes - fill a buffer with cryptographically strong random bytes
 * @buf: the buffer
 * @len: its size
 */
void get_random_bytes(void *buf, size_t len)
{
	if (!len)
		return;
	/* Large requests go straight to the host rather than through the batch. */
	if (len > RANDOM_BATCH) {
		host_getrandom(buf, len);
		return;
	}
	random_take(buf, len);
}
EXPORT_SYMBOL(get_random_bytes);

#define DEFINE_GET_RANDOM(type)					\
type get_random_ ## type(void)					\
{								\
	type v;							\
								\
	random_take(&v, sizeof(v));				\
	return v;						\
}								\
EXPORT_SYMBOL(get_random_ ## type)

/**
 * get_random_u8 - a random u8
 *
 * Return: the value.
 */
DEFINE_GET_RANDOM(u8);
/**
 * get_random_u16 - a random u16
 *
 * Return: the value.
 */
DEFINE_GET_RANDOM(u16);
/**
 * get_random_u32 - a random u32
 *
 * Return: the value.
 */
DEFINE_GET_RANDOM(u32);
/**
 * get_random_u64 - a random u64
 *
 * Return: the value.
 */
DEFINE_GET_RANDOM(u64);

/**
 * __get_random_u32_below - a uniformly distributed random number in [0, @ceil)
 * @ceil: the bound; 0 means the whole u32 range
 *
 * Lemire's method: the high half of @ceil * r is in range; it is biased only when the low
 * half falls below 2^32 mod @ceil, and those samples are redrawn. The cheaper test against
 * @ceil itself avoids computing the modulo in almost every call.
 *
 * Return: the value.
 */
u32 __get_random_u32_below(u32 ceil)
{
	u64 mult;
	u32 threshold;

	if (unlikely(!ceil))
		return get_random_u32();

	mult = (u64)ceil * get_random_u32();
	if (unlikely((u32)mult < ceil)) {
		/* 2^32 mod ceil, computed in 32 bits. */
		threshold = -ceil % ceil;
		while ((u32)mult < threshold)
			mult = (u64)ceil * get_random_u32();
	}
	return mult >> 32;
}
EXPORT_SYMBOL(__get_random_u32_below);

/* One step of a Tausworthe component: @k-bit state with parameters q, s and mask m. */
static inline u32 taus_step(u32 z, unsigned int q, unsigned int s, unsigned int k_shift,
			    u32 mask)
{
	return ((z & mask) << k_shift) ^ (((z << q) ^ z) >> s);
}

/**
 * prandom_u32_state - the next pseudo-random number of a seeded generator
 * @state: the generator (see prandom_seed_state())
 *
 * Return: the value.
 */
u32 prandom_u32_state(struct rnd_state *state)
{
	/* L'Ecuyer's LFSR113 parameters (k = 31, 29, 28, 25). */
	state->s1 = taus_step(state->s1, 6, 13, 18, 0xfffffffeU);
	state->s2 = taus_step(state->s2, 2, 27, 2, 0xfffffff8U);
	state->s3 = taus_step(state->s3, 13, 21, 7, 0xfffffff0U);
	state->s4 = taus_step(state->s4, 3, 12, 13, 0xffffff80U);
	return state->s1 ^ state->s2 ^ state->s3 ^ state->s4;
}
EXPORT_SYMBOL(prandom_u32_state);

/**
 * prandom_bytes_state - fill a buffer from a seeded generator
 * @state: the generator
 * @buf: the buffer
 * @bytes: its size
 *
 * Consumes one value per four bytes, least significant byte first.
 */
void prandom_bytes_state(struct rnd_state *state, void *buf, size_t bytes)
{
	u8 *ptr = buf;

	while (bytes >= sizeof(u32)) {
		put_unaligned_le32(prandom_u32_state(state), ptr);
		ptr += sizeof(u32);
		bytes -= sizeof(u32);
	}
	if (bytes > 0) {
		u32 rem = prandom_u32_state(state);

		while (bytes--) {
			*ptr++ = (u8)rem;
			rem >>= 8;
		}
	}
}
EXPORT_SYMBOL(prandom_bytes_state);
