/* SPDX-License-Identifier: MIT */
/*
 * Random numbers for kernel code: cryptographically strong bytes from the host (getrandom),
 * buffered per thread so that a call rarely enters the host. The UAPI part (ioctl numbers,
 * GRND_* flags) comes from the system header.
 */
#ifndef _KRT_LINUX_RANDOM_H
#define _KRT_LINUX_RANDOM_H

#include_next <linux/random.h>

#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/types.h>

/* The host's generator is always seeded: mixing in more input is not needed. */
static inline void add_device_randomness(const void *buf __maybe_unused,
					 size_t len __maybe_unused) { }
static inline void add_latent_entropy(void) { }

void get_random_bytes(void *buf, size_t len);
u8 get_random_u8(void);
u16 get_random_u16(void);
u32 get_random_u32(void);
u64 get_random_u64(void);

/* get_random_long - a random unsigned long. */
static inline unsigned long get_random_long(void)
{
	return get_random_u64();
}

u32 __get_random_u32_below(u32 ceil);

/**
 * get_random_u32_below - a uniformly distributed random number in [0, @ceil)
 * @ceil: the exclusive upper bound; must be > 0 (a constant 0 fails to build; at run time 0
 *	  gives the whole u32 range)
 *
 * Unbiased: samples that would favour some values are rejected and redrawn.
 */
static inline u32 get_random_u32_below(u32 ceil)
{
	BUILD_BUG_ON_MSG(__builtin_constant_p(ceil) && !ceil,
			 "get_random_u32_below() must take ceil > 0");
	return __get_random_u32_below(ceil);
}

/**
 * get_random_u32_above - a uniformly distributed random number in (@floor, U32_MAX]
 * @floor: the exclusive lower bound, < U32_MAX
 */
static inline u32 get_random_u32_above(u32 floor)
{
	BUILD_BUG_ON_MSG(__builtin_constant_p(floor) && floor == U32_MAX,
			 "get_random_u32_above() must take floor < U32_MAX");
	return floor + 1 + get_random_u32_below(U32_MAX - floor);
}

/**
 * get_random_u32_inclusive - a uniformly distributed random number in [@floor, @ceil]
 * @floor: the lower bound
 * @ceil: the upper bound, >= @floor
 */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	BUILD_BUG_ON_MSG(__builtin_constant_p(floor) && __builtin_constant_p(ceil) &&
			 (floor > ceil || ceil - floor == U32_MAX),
			 "get_random_u32_inclusive() must take floor <= ceil");
	/* The full range wraps to a ceil of 0, which __get_random_u32_below() allows. */
	return floor + get_random_u32_below(ceil - floor + 1);
}

/* The generator is ready from the start. */
static inline bool rng_is_initialized(void)
{
	return true;
}

static inline int wait_for_random_bytes(void)
{
	return 0;
}

/* get_random_bytes_wait - get_random_bytes() after wait_for_random_bytes(). */
static inline int get_random_bytes_wait(void *buf, size_t nbytes)
{
	int ret = wait_for_random_bytes();

	get_random_bytes(buf, nbytes);
	return ret;
}

#define declare_get_random_var_wait(name, ret_type)			\
	static inline int get_random_ ## name ## _wait(ret_type *out)	\
	{								\
		int ret = wait_for_random_bytes();			\
									\
		if (unlikely(ret))					\
			return ret;					\
		*out = get_random_ ## name();				\
		return 0;						\
	}
declare_get_random_var_wait(u8, u8)
declare_get_random_var_wait(u16, u16)
declare_get_random_var_wait(u32, u32)
declare_get_random_var_wait(u64, u32)
declare_get_random_var_wait(long, unsigned long)
#undef declare_get_random_var_wait

/*
 * The constant-argument checks above only fire once the compiler has inlined and folded the
 * call; these wrappers also catch constant mistakes at compile time in unoptimised builds.
 * (A macro of the function's own name: the function can still be called or have its address
 * taken.)
 */
#define __random_const_check(cond, msg) \
	_Static_assert(!__builtin_choose_expr(__is_constexpr(cond), (cond), 0), msg)
#define get_random_u32_below(ceil) ({						\
	__random_const_check((ceil) == 0, "get_random_u32_below() must take ceil > 0");	\
	get_random_u32_below(ceil);						\
})
#define get_random_u32_above(floor) ({						\
	__random_const_check((floor) == U32_MAX,				\
			     "get_random_u32_above() must take floor < U32_MAX");	\
	get_random_u32_above(floor);						\
})
#define get_random_u32_inclusive(floor, ceil) ({				\
	__random_const_check((floor) > (ceil) || (u32)((ceil) - (floor)) == U32_MAX,	\
			     "get_random_u32_inclusive() must take floor <= ceil");	\
	get_random_u32_inclusive(floor, ceil);					\
})

#include <linux/prandom.h>

#endif /* _KRT_LINUX_RANDOM_H */
