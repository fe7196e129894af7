/* SPDX-License-Identifier: MIT */
/*
 * Fixed-size hash tables: an array of 2^bits hlist heads, indexed by hash_min(key). The _rcu
 * variants allow lockless readers under rcu_read_lock().
 */
#ifndef _LINUX_HASHTABLE_H
#define _LINUX_HASHTABLE_H

#include <linux/list.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/hash.h>
#include <linux/rculist.h>

/* DEFINE_HASHTABLE - define and initialise a table @name of 2^@bits buckets. */
#define DEFINE_HASHTABLE(name, bits)						\
	struct hlist_head name[1 << (bits)] =					\
		{ [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }

#define DEFINE_READ_MOSTLY_HASHTABLE(name, bits)				\
	struct hlist_head name[1 << (bits)] __read_mostly =			\
		{ [0 ... ((1 << (bits)) - 1)] = HLIST_HEAD_INIT }

/* DECLARE_HASHTABLE - declare a table (e.g. a struct member); hash_init() it before use. */
#define DECLARE_HASHTABLE(name, bits) \
	struct hlist_head name[1 << (bits)]

#define HASH_SIZE(name) (ARRAY_SIZE(name))
#define HASH_BITS(name) ilog2(HASH_SIZE(name))

/* hash_min - bucket of @val: 32-bit hashing for keys of at most 4 bytes. */
#define hash_min(val, bits) \
	(sizeof(val) <= 4 ? hash_32(val, bits) : hash_long(val, bits))

static inline void __hash_init(struct hlist_head *ht, unsigned int sz)
{
	unsigned int i;

	for (i = 0; i < sz; i++)
		INIT_HLIST_HEAD(&ht[i]);
}

/* hash_init - empty every bucket of @hashtable (an array, not a pointer). */
#define hash_init(hashtable) __hash_init(hashtable, HASH_SIZE(hashtable))

/* hash_add - add @node to the bucket of @key. */
#define hash_add(hashtable, node, key) \
	hlist_add_head(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

/* hash_add_rcu - hash_add() for tables with RCU readers. */
#define hash_add_rcu(hashtable, node, key) \
	hlist_add_head_rcu(node, &hashtable[hash_min(key, HASH_BITS(hashtable))])

/* hash_hashed - is @node in a table? */
static inline bool hash_hashed(struct hlist_node *node)
{
	return !hlist_unhashed(node);
}

static inline bool __hash_empty(struct hlist_head *ht, unsigned int sz)
{
	unsigned int i;

	for (i = 0; i < sz; i++) {
		if (!hlist_empty(&ht[i]))
			return false;
	}
	return true;
}

/* hash_empty - is every bucket empty? */
#define hash_empty(hashtable) __hash_empty(hashtable, HASH_SIZE(hashtable))

/* hash_del - remove @node from its table and mark it unhashed. */
static inline void hash_del(struct hlist_node *node)
{
	hlist_del_init(node);
}

/* hash_del_rcu - hash_del() for tables with RCU readers. */
static inline void hash_del_rcu(struct hlist_node *node)
{
	hlist_del_init_rcu(node);
}

/*
 * The whole-table iterators nest the bucket loop around an entry loop. The entry loop leaves
 * @obj NULL when it runs to its end, so the bucket loop only goes on in that case: a break out
 * of the body (which leaves @obj set) ends the whole iteration.
 */

/* hash_for_each - every object of the table; @bkt is the bucket cursor. */
#define hash_for_each(name, bkt, obj, member)					\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++)	\
		hlist_for_each_entry(obj, &name[bkt], member)

/* hash_for_each_rcu - hash_for_each() under rcu_read_lock(). */
#define hash_for_each_rcu(name, bkt, obj, member)				\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++)	\
		hlist_for_each_entry_rcu(obj, &name[bkt], member)

/* hash_for_each_safe - hash_for_each() allowing @obj to be removed (@tmp: an hlist_node *). */
#define hash_for_each_safe(name, bkt, tmp, obj, member)			\
	for ((bkt) = 0, obj = NULL; obj == NULL && (bkt) < HASH_SIZE(name); (bkt)++)	\
		hlist_for_each_entry_safe(obj, tmp, &name[bkt], member)

/* hash_for_each_possible - the objects in the bucket of @key (other keys may share it). */
#define hash_for_each_possible(name, obj, member, key) \
	hlist_for_each_entry(obj, &name[hash_min(key, HASH_BITS(name))], member)

/* hash_for_each_possible_rcu - the same under RCU; @cond as for hlist_for_each_entry_rcu(). */
#define hash_for_each_possible_rcu(name, obj, member, key, cond...)		\
	hlist_for_each_entry_rcu(obj, &name[hash_min(key, HASH_BITS(name))],	\
				 member, ## cond)

#define hash_for_each_possible_rcu_notrace(name, obj, member, key)		\
	hlist_for_each_entry_rcu_notrace(obj,					\
		&name[hash_min(key, HASH_BITS(name))], member)

/* hash_for_each_possible_safe - the bucket of @key, allowing @obj to be removed. */
#define hash_for_each_possible_safe(name, obj, tmp, member, key)		\
	hlist_for_each_entry_safe(obj, tmp,					\
		&name[hash_min(key, HASH_BITS(name))], member)

#endif /* _LINUX_HASHTABLE_H */
