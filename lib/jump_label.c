// SPDX-License-Identifier: MIT
/*
 * Static key updates. There is no code to patch, so an update is one atomic operation on the
 * key's count; the checks and the might_sleep() of the kernel (which takes the CPU hotplug
 * lock and a mutex here) are kept, so misuse is reported the same way.
 */
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>

/**
 * static_key_slow_inc - take a reference on a key: it is true while references are held
 * @key: the key
 *
 * May sleep.
 */
void static_key_slow_inc(struct static_key *key)
{
	int v;

	might_sleep();
	v = atomic_read(&key->enabled);
	do {
		/* A key set with static_key_enable() counts as one reference. */
		if (WARN_ON_ONCE(v < 0 || v == INT_MAX))
			return;
	} while (!atomic_try_cmpxchg(&key->enabled, &v, v + 1));
}
EXPORT_SYMBOL_GPL(static_key_slow_inc);

/**
 * static_key_slow_dec - drop a reference taken by static_key_slow_inc()
 * @key: the key
 *
 * May sleep. Dropping a reference that was not taken WARNs and leaves the key alone.
 */
void static_key_slow_dec(struct static_key *key)
{
	int v;

	might_sleep();
	v = atomic_read(&key->enabled);
	do {
		if (WARN_ON_ONCE(v <= 0))
			return;
	} while (!atomic_try_cmpxchg(&key->enabled, &v, v - 1));
}
EXPORT_SYMBOL_GPL(static_key_slow_dec);

/**
 * static_key_enable - make a key true
 * @key: the key; must not be reference counted (WARN if its count is above 1)
 *
 * May sleep.
 */
void static_key_enable(struct static_key *key)
{
	might_sleep();
	if (atomic_read(&key->enabled) > 0) {
		WARN_ON_ONCE(atomic_read(&key->enabled) != 1);
		return;
	}
	atomic_cmpxchg(&key->enabled, 0, 1);
}
EXPORT_SYMBOL_GPL(static_key_enable);

/**
 * static_key_disable - make a key false
 * @key: the key; must not be reference counted (WARN if its count is above 1)
 *
 * May sleep.
 */
void static_key_disable(struct static_key *key)
{
	might_sleep();
	if (atomic_read(&key->enabled) != 1) {
		WARN_ON_ONCE(atomic_read(&key->enabled) != 0);
		return;
	}
	atomic_cmpxchg(&key->enabled, 1, 0);
}
EXPORT_SYMBOL_GPL(static_key_disable);
