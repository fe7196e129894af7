/* SPDX-License-Identifier: MIT */
/*
 * Static keys: rarely flipped booleans tested on fast paths. The kernel patches the branch
 * into the code; krt keeps a counter that the branch reads with a relaxed load. Same API and
 * same rules: flipping may sleep, a key's count must not go below zero.
 *
 *	DEFINE_STATIC_KEY_FALSE(key);
 *	if (static_branch_unlikely(&key)) ...;
 *	static_branch_enable(&key);
 */
#ifndef _LINUX_JUMP_LABEL_H
#define _LINUX_JUMP_LABEL_H

#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/types.h>

/* enabled: 0 = false, > 0 = true (a reference count for the _inc/_dec API). */
struct static_key {
	atomic_t enabled;
};

struct static_key_true {
	struct static_key key;
};

struct static_key_false {
	struct static_key key;
};

#define STATIC_KEY_INIT_TRUE	{ .enabled = ATOMIC_INIT(1) }
#define STATIC_KEY_INIT_FALSE	{ .enabled = ATOMIC_INIT(0) }
#define STATIC_KEY_INIT STATIC_KEY_INIT_FALSE
#define STATIC_KEY_TRUE_INIT	(struct static_key_true) { .key = STATIC_KEY_INIT_TRUE }
#define STATIC_KEY_FALSE_INIT	(struct static_key_false) { .key = STATIC_KEY_INIT_FALSE }

#define DEFINE_STATIC_KEY_TRUE(name) \
	struct static_key_true name = STATIC_KEY_TRUE_INIT
#define DEFINE_STATIC_KEY_TRUE_RO(name) \
	struct static_key_true name __ro_after_init = STATIC_KEY_TRUE_INIT
#define DECLARE_STATIC_KEY_TRUE(name) \
	extern struct static_key_true name
#define DEFINE_STATIC_KEY_FALSE(name) \
	struct static_key_false name = STATIC_KEY_FALSE_INIT
#define DEFINE_STATIC_KEY_FALSE_RO(name) \
	struct static_key_false name __ro_after_init = STATIC_KEY_FALSE_INIT
#define DECLARE_STATIC_KEY_FALSE(name) \
	extern struct static_key_false name
#define DEFINE_STATIC_KEY_ARRAY_TRUE(name, count) \
	struct static_key_true name[count] = { [0 ... (count) - 1] = STATIC_KEY_TRUE_INIT }
#define DEFINE_STATIC_KEY_ARRAY_FALSE(name, count) \
	struct static_key_false name[count] = { [0 ... (count) - 1] = STATIC_KEY_FALSE_INIT }

/* Keys whose default depends on a config option. */
#define _DEFINE_STATIC_KEY_1(name)	DEFINE_STATIC_KEY_TRUE(name)
#define _DEFINE_STATIC_KEY_0(name)	DEFINE_STATIC_KEY_FALSE(name)
#define DEFINE_STATIC_KEY_MAYBE(cfg, name) \
	__PASTE(_DEFINE_STATIC_KEY_, IS_ENABLED(cfg))(name)
#define _DECLARE_STATIC_KEY_1(name)	DECLARE_STATIC_KEY_TRUE(name)
#define _DECLARE_STATIC_KEY_0(name)	DECLARE_STATIC_KEY_FALSE(name)
#define DECLARE_STATIC_KEY_MAYBE(cfg, name) \
	__PASTE(_DECLARE_STATIC_KEY_, IS_ENABLED(cfg))(name)

static __always_inline int static_key_count(struct static_key *key)
{
	return atomic_read(&key->enabled);
}

/* Accepts a struct static_key, static_key_true or static_key_false pointer only. */
#define static_key_enabled(x)							\
	(BUILD_BUG_ON_ZERO(!__same_type(*(x), struct static_key) &&		\
			   !__same_type(*(x), struct static_key_true) &&	\
			   !__same_type(*(x), struct static_key_false)) +	\
	 (static_key_count((struct static_key *)(x)) > 0))

/* static_branch_likely/unlikely - test a key on a fast path, with a branch hint. */
#define static_branch_likely(x)		likely(static_key_enabled(&(x)->key))
#define static_branch_unlikely(x)	unlikely(static_key_enabled(&(x)->key))
#define static_branch_maybe(config, x)						\
	(IS_ENABLED(config) ? static_branch_likely(x) : static_branch_unlikely(x))

/* The old API on struct static_key. */
static __always_inline bool static_key_false(struct static_key *key)
{
	return unlikely(static_key_count(key) > 0);
}

static __always_inline bool static_key_true(struct static_key *key)
{
	return likely(static_key_count(key) > 0);
}

void static_key_slow_inc(struct static_key *key);
void static_key_slow_dec(struct static_key *key);
void static_key_enable(struct static_key *key);
void static_key_disable(struct static_key *key);

/* krt has no CPU hotplug lock: the _cpuslocked variants are the plain ones. */
#define static_key_slow_inc_cpuslocked(key)	static_key_slow_inc(key)
#define static_key_slow_dec_cpuslocked(key)	static_key_slow_dec(key)
#define static_key_enable_cpuslocked(key)	static_key_enable(key)
#define static_key_disable_cpuslocked(key)	static_key_disable(key)

/* static_branch_inc/dec - take/drop a reference: the key is true while any is held. */
#define static_branch_inc(x)		static_key_slow_inc(&(x)->key)
#define static_branch_dec(x)		static_key_slow_dec(&(x)->key)
#define static_branch_inc_cpuslocked(x)	static_key_slow_inc(&(x)->key)
#define static_branch_dec_cpuslocked(x)	static_key_slow_dec(&(x)->key)

/* static_branch_enable/disable - set the key to true/false (not counted). May sleep. */
#define static_branch_enable(x)			static_key_enable(&(x)->key)
#define static_branch_disable(x)		static_key_disable(&(x)->key)
#define static_branch_enable_cpuslocked(x)	static_key_enable(&(x)->key)
#define static_branch_disable_cpuslocked(x)	static_key_disable(&(x)->key)

static inline void jump_label_init(void) { }

#endif /* _LINUX_JUMP_LABEL_H */
