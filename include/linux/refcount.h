/* SPDX-License-Identifier: MIT */
/*
 * refcount_t: a reference counter that refuses to wrap. Every value that is negative as an int
 * is "bad"; an operation that would overflow, increment from zero or underflow stores
 * REFCOUNT_SATURATED instead and WARNs once per kind of event. SATURATED sits in the middle of
 * the bad range, so racing increments and decrements cannot walk it back to a valid count: a
 * saturated object leaks instead of being freed while still in use.
 *
 * Memory ordering (as the kernel documents it): increments are relaxed (whoever hands out the
 * pointer provides the ordering: a lock or an RCU-protected load); inc_not_zero orders later
 * stores by a control dependency; decrements are release, and dec_and_test/sub_and_test give
 * acquire when they return true, so the release function sees everything the other holders
 * did. The _acquire and set_release variants are for SLAB_TYPESAFE_BY_RCU style lookups.
 *
 * Arithmetic on the old value is done in unsigned so that the overflow checks themselves are
 * defined behaviour (the kernel builds with -fno-strict-overflow; krt's users need not).
 */
#ifndef _LINUX_REFCOUNT_H
#define _LINUX_REFCOUNT_H

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/refcount_types.h>
#include <linux/spinlock_types.h>
#include <asm/barrier.h>
#include <krt/tsan.h>

struct mutex;

#define REFCOUNT_MAX		INT_MAX
#define REFCOUNT_SATURATED	(INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

/* Would @old + @i (or @old - @i) be a bad (negative) count? Computed without signed overflow. */
#define __refcount_bad_sum(old, i) ((int)((unsigned int)(old) + (unsigned int)(i)) < 0)
#define __refcount_bad_diff(old, i) ((int)((unsigned int)(old) - (unsigned int)(i)) < 0)

/**
 * refcount_set - set a refcount's value
 * @r: the refcount
 * @n: value to which the refcount will be set
 */
static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

/**
 * refcount_set_release - set a refcount's value with release ordering
 * @r: the refcount
 * @n: value to which the refcount will be set
 *
 * For objects found by lockless lookups with refcount_inc_not_zero_acquire(): call it after
 * the object is fully initialised, so that a successful acquire sees the initialised object.
 */
static inline void refcount_set_release(refcount_t *r, int n)
{
	atomic_set_release(&r->refs, n);
}

/**
 * refcount_read - get a refcount's value
 * @r: the refcount
 *
 * Return: the refcount's value, as unsigned (a saturated counter reads 0xc0000000)
 */
static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

static inline __must_check bool __refcount_add_not_zero(int i, refcount_t *r, int *oldp)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg_relaxed(&r->refs, &old, (int)((unsigned int)old + i)));

	if (oldp)
		*oldp = old;

	if (unlikely(old < 0 || __refcount_bad_sum(old, i)))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);

	return old;
}

/**
 * refcount_add_not_zero - add a value to a refcount unless it is 0
 * @i: the value to add to the refcount
 * @r: the refcount
 *
 * Will saturate at REFCOUNT_SATURATED and WARN. Relaxed ordering, but a control dependency
 * orders later stores after a successful increment.
 *
 * Return: false if the passed refcount is 0, true otherwise
 */
static inline __must_check bool refcount_add_not_zero(int i, refcount_t *r)
{
	return __refcount_add_not_zero(i, r, NULL);
}

static inline __must_check bool __refcount_add_not_zero_acquire(int i, refcount_t *r, int *oldp)
{
	int old = refcount_read(r);

	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg_acquire(&r->refs, &old, (int)((unsigned int)old + i)));

	if (oldp)
		*oldp = old;

	if (unlikely(old < 0 || __refcount_bad_sum(old, i)))
		refcount_warn_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF);

	return old;
}

/**
 * refcount_add_not_zero_acquire - add a value to a refcount with acquire ordering unless 0
 * @i: the value to add to the refcount
 * @r: the refcount
 *
 * Like refcount_add_not_zero(), with acquire ordering on success: pairs with
 * refcount_set_release() for objects that may be recycled under a lockless reader.
 *
 * Return: false if the passed refcount is 0, true otherwise
 */
static inline __must_check bool refcount_add_not_zero_acquire(int i, refcount_t *r)
{
	return __refcount_add_not_zero_acquire(i, r, NULL);
}

static inline void __refcount_add(int i, refcount_t *r, int *oldp)
{
	int old = atomic_fetch_add_relaxed(i, &r->refs);

	if (oldp)
		*oldp = old;

	if (unlikely(!old))
		refcount_warn_saturate(r, REFCOUNT_ADD_UAF);
	else if (unlikely(old < 0 || __refcount_bad_sum(old, i)))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

/**
 * refcount_add - add a value to a refcount
 * @i: the value to add to the refcount
 * @r: the refcount
 *
 * Adding to a zero refcount is a use-after-free: the counter is saturated instead and a
 * warning printed. Relaxed ordering: the caller must already hold a reference.
 */
static inline void refcount_add(int i, refcount_t *r)
{
	__refcount_add(i, r, NULL);
}

static inline __must_check bool __refcount_inc_not_zero(refcount_t *r, int *oldp)
{
	return __refcount_add_not_zero(1, r, oldp);
}

/**
 * refcount_inc_not_zero - increment a refcount unless it is 0
 * @r: the refcount to increment
 *
 * Return: true if the increment was successful, false otherwise
 */
static inline __must_check bool refcount_inc_not_zero(refcount_t *r)
{
	return __refcount_inc_not_zero(r, NULL);
}

static inline __must_check bool __refcount_inc_not_zero_acquire(refcount_t *r, int *oldp)
{
	return __refcount_add_not_zero_acquire(1, r, oldp);
}

/**
 * refcount_inc_not_zero_acquire - increment a refcount with acquire ordering unless it is 0
 * @r: the refcount to increment
 *
 * Return: true if the increment was successful, false otherwise
 */
static inline __must_check bool refcount_inc_not_zero_acquire(refcount_t *r)
{
	return __refcount_inc_not_zero_acquire(r, NULL);
}

static inline void __refcount_inc(refcount_t *r, int *oldp)
{
	__refcount_add(1, r, oldp);
}

/**
 * refcount_inc - increment a refcount
 * @r: the refcount to increment
 *
 * Incrementing from 0 is a use-after-free: the counter becomes REFCOUNT_SATURATED (not 1).
 */
static inline void refcount_inc(refcount_t *r)
{
	__refcount_inc(r, NULL);
}

static inline __must_check bool __refcount_sub_and_test(int i, refcount_t *r, int *oldp)
{
	int old = atomic_fetch_sub_release(i, &r->refs);

	if (oldp)
		*oldp = old;

	if (old > 0 && old == i) {
		smp_acquire__after_ctrl_dep();
		/* TSan does not model the fence: make the acquire explicit. */
		krt_tsan_acquire(&r->refs);
		return true;
	}

	if (unlikely(old <= 0 || __refcount_bad_diff(old, i)))
		refcount_warn_saturate(r, REFCOUNT_SUB_UAF);

	return false;
}

/**
 * refcount_sub_and_test - subtract from a refcount and test if it is 0
 * @i: amount to subtract from the refcount
 * @r: the refcount
 *
 * Underflow saturates and warns. Release ordering, and acquire ordering when it returns true,
 * so that the caller may free the object.
 *
 * Return: true if the resulting refcount is 0, false otherwise
 */
static inline __must_check bool refcount_sub_and_test(int i, refcount_t *r)
{
	return __refcount_sub_and_test(i, r, NULL);
}

static inline __must_check bool __refcount_dec_and_test(refcount_t *r, int *oldp)
{
	return __refcount_sub_and_test(1, r, oldp);
}

/**
 * refcount_dec_and_test - decrement a refcount and test if it is 0
 * @r: the refcount
 *
 * Return: true if the resulting refcount is 0, false otherwise
 */
static inline __must_check bool refcount_dec_and_test(refcount_t *r)
{
	return __refcount_dec_and_test(r, NULL);
}

static inline void __refcount_dec(refcount_t *r, int *oldp)
{
	int old = atomic_fetch_sub_release(1, &r->refs);

	if (oldp)
		*oldp = old;

	if (unlikely(old <= 1))
		refcount_warn_saturate(r, REFCOUNT_DEC_LEAK);
}

/**
 * refcount_dec - decrement a refcount
 * @r: the refcount
 *
 * A plain decrement must never reach 0 (nobody would free the object): that is reported as a
 * leak and the counter saturated. Release ordering.
 */
static inline void refcount_dec(refcount_t *r)
{
	__refcount_dec(r, NULL);
}

extern __must_check bool refcount_dec_if_one(refcount_t *r);
extern __must_check bool refcount_dec_not_one(refcount_t *r);
extern __must_check bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock);
extern __must_check bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock);
extern __must_check bool refcount_dec_and_lock_irqsave(refcount_t *r, spinlock_t *lock,
						       unsigned long *flags);

/*
 * krt: forget which refcount_t warnings were already printed, so that each fires once again
 * (refcount's share of the kernel's /sys/kernel/debug/clear_warn_once). For tests.
 */
void krt_refcount_clear_warn_once(void);

#endif /* _LINUX_REFCOUNT_H */
