/* SPDX-License-Identifier: MIT */
/*
 * kref: a reference count embedded in an object, with a release function called when the last
 * reference goes away (Documentation/core-api/kref.rst). Built on refcount_t, so misuse
 * (a get on a released object, one put too many) saturates and warns instead of corrupting.
 */
#ifndef _KREF_H_
#define _KREF_H_

#include <linux/spinlock.h>
#include <linux/refcount.h>

struct mutex;

struct kref {
	refcount_t refcount;
};

#define KREF_INIT(n)	{ .refcount = REFCOUNT_INIT(n), }

/**
 * kref_init - initialize object
 * @kref: object in question
 *
 * Sets the count to 1: the caller owns the first reference.
 */
static inline void kref_init(struct kref *kref)
{
	refcount_set(&kref->refcount, 1);
}

/**
 * kref_read - the current count (for debugging and reports only)
 * @kref: object in question
 */
static inline unsigned int kref_read(const struct kref *kref)
{
	return refcount_read(&kref->refcount);
}

/**
 * kref_get - increment refcount for object
 * @kref: object
 *
 * The caller must already hold a reference (rule 1 of kref.rst); a get on a count of zero is
 * a use-after-free and is reported.
 */
static inline void kref_get(struct kref *kref)
{
	refcount_inc(&kref->refcount);
}

/**
 * kref_put - decrement refcount for object
 * @kref: object
 * @release: called with @kref when the count reaches zero; must not be plain kfree()
 *
 * Return: 1 if this put released the object, 0 otherwise. A return of 0 does not mean the
 * object is still alive: another holder may release it at any moment.
 */
static inline int kref_put(struct kref *kref, void (*release)(struct kref *kref))
{
	if (refcount_dec_and_test(&kref->refcount)) {
		release(kref);
		return 1;
	}
	return 0;
}

/**
 * kref_put_mutex - kref_put() that takes @lock for the final put
 * @kref: object
 * @release: called with @lock held when the count reaches zero; it must unlock @lock
 * @lock: the mutex protecting the lookup structure
 *
 * Return: 1 if this put released the object, 0 otherwise
 */
static inline int kref_put_mutex(struct kref *kref, void (*release)(struct kref *kref),
				 struct mutex *lock)
{
	if (refcount_dec_and_mutex_lock(&kref->refcount, lock)) {
		release(kref);
		return 1;
	}
	return 0;
}

/**
 * kref_put_lock - kref_put() that takes @lock for the final put
 * @kref: object
 * @release: called with @lock held when the count reaches zero; it must unlock @lock
 * @lock: the spinlock protecting the lookup structure
 *
 * Return: 1 if this put released the object, 0 otherwise
 */
static inline int kref_put_lock(struct kref *kref, void (*release)(struct kref *kref),
				spinlock_t *lock)
{
	if (refcount_dec_and_lock(&kref->refcount, lock)) {
		release(kref);
		return 1;
	}
	return 0;
}

/**
 * kref_get_unless_zero - increment refcount for object unless it is zero
 * @kref: object
 *
 * For lookups that find the object without holding a reference (under the lookup lock or
 * rcu_read_lock()) while the release function removes it from that structure. The result
 * must be checked: zero means the object is on its way out and must not be used.
 *
 * Return: non-zero if the increment succeeded, 0 otherwise
 */
static inline int __must_check kref_get_unless_zero(struct kref *kref)
{
	return refcount_inc_not_zero(&kref->refcount);
}

#endif /* _KREF_H_ */
