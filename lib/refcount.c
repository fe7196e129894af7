// SPDX-License-Identifier: MIT
/*
 * The out-of-line part of refcount_t: the saturation report and the operations that need a
 * cmpxchg loop or a lock.
 */
#include <linux/refcount.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/bug.h>
#include <linux/export.h>

/*
 * One once-flag per report, as the kernel has one WARN_ONCE call site per case. Kept in an
 * array (rather than WARN_ONCE's hidden static) so that krt_refcount_clear_warn_once() can
 * re-arm them.
 */
enum refcount_warn_site {
	RW_ADD_NOT_ZERO_OVF,
	RW_ADD_OVF,
	RW_ADD_UAF,
	RW_SUB_UAF,
	RW_DEC_LEAK,
	RW_UNKNOWN,
	RW_DEC_NOT_ONE_UAF,
	RW_NR_SITES,
};

static bool refcount_warned[RW_NR_SITES];

/* WARN with "refcount_t: <str>.\n" the first time @site reports. */
#define REFCOUNT_WARN(site, str)						\
	do {									\
		if (!__atomic_exchange_n(&refcount_warned[site], true,		\
					 __ATOMIC_RELAXED))			\
			WARN(1, "refcount_t: " str ".\n");			\
	} while (0)

/**
 * krt_refcount_clear_warn_once - re-arm every refcount_t once-only warning
 */
void krt_refcount_clear_warn_once(void)
{
	int i;

	for (i = 0; i < RW_NR_SITES; i++)
		__atomic_store_n(&refcount_warned[i], false, __ATOMIC_RELAXED);
}

/**
 * refcount_warn_saturate - saturate a refcount and report why
 * @r: the refcount
 * @t: what went wrong
 *
 * The counter is set to REFCOUNT_SATURATED first, so that the object leaks instead of being
 * freed while someone still uses it; then the case's warning is printed once.
 */
void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	refcount_set(r, REFCOUNT_SATURATED);

	switch (t) {
	case REFCOUNT_ADD_NOT_ZERO_OVF:
		REFCOUNT_WARN(RW_ADD_NOT_ZERO_OVF, "saturated; leaking memory");
		break;
	case REFCOUNT_ADD_OVF:
		REFCOUNT_WARN(RW_ADD_OVF, "saturated; leaking memory");
		break;
	case REFCOUNT_ADD_UAF:
		REFCOUNT_WARN(RW_ADD_UAF, "addition on 0; use-after-free");
		break;
	case REFCOUNT_SUB_UAF:
		REFCOUNT_WARN(RW_SUB_UAF, "underflow; use-after-free");
		break;
	case REFCOUNT_DEC_LEAK:
		REFCOUNT_WARN(RW_DEC_LEAK, "decrement hit 0; leaking memory");
		break;
	default:
		REFCOUNT_WARN(RW_UNKNOWN, "unknown saturation event!?");
	}
}
EXPORT_SYMBOL(refcount_warn_saturate);

/**
 * refcount_dec_if_one - decrement a refcount if it is 1
 * @r: the refcount
 *
 * A try-delete: attempts the 1 -> 0 transition only. Release ordering.
 *
 * Return: true if the resulting refcount is 0, false otherwise
 */
bool refcount_dec_if_one(refcount_t *r)
{
	int val = 1;

	return atomic_try_cmpxchg_release(&r->refs, &val, 0);
}
EXPORT_SYMBOL(refcount_dec_if_one);

/**
 * refcount_dec_not_one - decrement a refcount if it is not 1
 * @r: the refcount
 *
 * A saturated counter stays saturated (and the call "succeeds"); a zero counter is an
 * underflow: it is reported once and left alone. Release ordering.
 *
 * Return: true if the decrement operation was successful, false otherwise
 */
bool refcount_dec_not_one(refcount_t *r)
{
	unsigned int new, val = atomic_read(&r->refs);

	do {
		if (unlikely(val == (unsigned int)REFCOUNT_SATURATED))
			return true;

		if (val == 1)
			return false;

		new = val - 1;
		if (new > val) {
			REFCOUNT_WARN(RW_DEC_NOT_ONE_UAF, "underflow; use-after-free");
			return true;
		}
	} while (!atomic_try_cmpxchg_release(&r->refs, (int *)&val, new));

	return true;
}
EXPORT_SYMBOL(refcount_dec_not_one);

/**
 * refcount_dec_and_mutex_lock - return holding @lock if able to decrement the refcount to 0
 * @r: the refcount
 * @lock: the mutex to be locked
 *
 * The mutex is only taken for the final decrement, so that the object's removal from a
 * lookup structure protected by @lock and the drop to zero are atomic for lookups.
 *
 * Return: true and hold the mutex if the refcount reached 0, false otherwise
 */
bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock)
{
	if (refcount_dec_not_one(r))
		return false;

	mutex_lock(lock);
	if (!refcount_dec_and_test(r)) {
		mutex_unlock(lock);
		return false;
	}

	return true;
}
EXPORT_SYMBOL(refcount_dec_and_mutex_lock);

/**
 * refcount_dec_and_lock - return holding @lock if able to decrement the refcount to 0
 * @r: the refcount
 * @lock: the spinlock to be locked
 *
 * Return: true and hold the spinlock if the refcount reached 0, false otherwise
 */
bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock)
{
	if (refcount_dec_not_one(r))
		return false;

	spin_lock(lock);
	if (!refcount_dec_and_test(r)) {
		spin_unlock(lock);
		return false;
	}

	return true;
}
EXPORT_SYMBOL(refcount_dec_and_lock);

/**
 * refcount_dec_and_lock_irqsave - refcount_dec_and_lock() with interrupts disabled
 * @r: the refcount
 * @lock: the spinlock to be locked
 * @flags: where the saved interrupt state goes when the lock is taken
 *
 * Return: true and hold the spinlock (interrupts disabled) if the refcount reached 0,
 * false otherwise
 */
bool refcount_dec_and_lock_irqsave(refcount_t *r, spinlock_t *lock, unsigned long *flags)
{
	if (refcount_dec_not_one(r))
		return false;

	spin_lock_irqsave(lock, *flags);
	if (!refcount_dec_and_test(r)) {
		spin_unlock_irqrestore(lock, *flags);
		return false;
	}

	return true;
}
EXPORT_SYMBOL(refcount_dec_and_lock_irqsave);
