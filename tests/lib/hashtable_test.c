// SPDX-License-Identifier: MIT
/* hash.h, hashtable.h and llist.h (single-threaded behaviour; see llist_stress_test.c). */
#include <kunit/test.h>
#include <linux/hash.h>
#include <linux/hashtable.h>
#include <linux/kernel.h>
#include <linux/llist.h>
#include <linux/rcupdate.h>

static void hash_functions(struct kunit *test)
{
	u32 i;
	unsigned int buckets[16] = { 0 };

	/* The kernel's constants, so values hash the same as there. */
	KUNIT_EXPECT_EQ(test, hash_32(1, 32), 0x61C88647U);
	KUNIT_EXPECT_EQ(test, __hash_32(2), 2 * 0x61C88647U);
	KUNIT_EXPECT_EQ(test, hash_64(1, 64), (u32)0x80B583EBU);
	KUNIT_EXPECT_EQ(test, hash_64(1, 32), 0x61C88646U);
	KUNIT_EXPECT_EQ(test, hash_long(1UL, 32), hash_64(1, 32));
	KUNIT_EXPECT_EQ(test, hash_ptr((void *)1, 32), hash_64(1, 32));
	KUNIT_EXPECT_EQ(test, hash32_ptr((void *)0x100000002UL), 3U);

	/* Always in range, and consecutive keys spread over the buckets. */
	for (i = 0; i < 1600; i++) {
		KUNIT_EXPECT_LT(test, hash_32(i, 4), 16U);
		KUNIT_EXPECT_LT(test, hash_64((u64)i << 32, 4), 16U);
		buckets[hash_32(i, 4)]++;
	}
	for (i = 0; i < 16; i++) {
		KUNIT_EXPECT_GT(test, buckets[i], 50U);
		KUNIT_EXPECT_LT(test, buckets[i], 150U);
	}
}

struct hentry {
	int key;
	int value;
	struct hlist_node node;
};

static DEFINE_HASHTABLE(global_table, 3);

static void hashtable_ops(struct kunit *test)
{
	DECLARE_HASHTABLE(table, 4);
	struct hentry entries[40], *e;
	struct hlist_node *tmp;
	unsigned int bkt;
	int i, found, count = 0;

	KUNIT_EXPECT_EQ(test, HASH_SIZE(table), 16);
	KUNIT_EXPECT_EQ(test, HASH_BITS(table), 4);
	KUNIT_EXPECT_EQ(test, HASH_SIZE(global_table), 8);
	KUNIT_EXPECT_TRUE(test, hash_empty(global_table));

	hash_init(table);
	KUNIT_EXPECT_TRUE(test, hash_empty(table));
	for (i = 0; i < 40; i++) {
		entries[i].key = i % 20;	/* each key twice */
		entries[i].value = i;
		hash_add(table, &entries[i].node, entries[i].key);
		KUNIT_EXPECT_TRUE(test, hash_hashed(&entries[i].node));
	}
	KUNIT_EXPECT_FALSE(test, hash_empty(table));

	hash_for_each(table, bkt, e, node) {
		KUNIT_EXPECT_EQ(test, bkt, hash_min(e->key, HASH_BITS(table)));
		count++;
	}
	KUNIT_EXPECT_EQ(test, count, 40);

	found = 0;
	hash_for_each_possible(table, e, node, 7) {
		if (e->key == 7) {
			KUNIT_EXPECT_TRUE(test, e->value == 7 || e->value == 27);
			found++;
		}
	}
	KUNIT_EXPECT_EQ(test, found, 2);

	/* A break out of hash_for_each() ends the whole walk with the entry found. */
	hash_for_each(table, bkt, e, node) {
		if (e->value == 13)
			break;
	}
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->value, 13);

	hash_for_each_safe(table, bkt, tmp, e, node) {
		if (e->key == 7)
			hash_del(&e->node);
	}
	KUNIT_EXPECT_FALSE(test, hash_hashed(&entries[7].node));
	found = 0;
	hash_for_each_possible_safe(table, e, tmp, node, 7)
		found += e->key == 7;
	KUNIT_EXPECT_EQ(test, found, 0);

	rcu_read_lock();
	count = 0;
	hash_for_each_rcu(table, bkt, e, node)
		count++;
	hash_for_each_possible_rcu(table, e, node, 3)
		found += e->key == 3;
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, count, 38);
	KUNIT_EXPECT_EQ(test, found, 2);

	hash_del_rcu(&entries[3].node);
	KUNIT_EXPECT_FALSE(test, hash_hashed(&entries[3].node));
	hash_add_rcu(table, &entries[3].node, 3);
	KUNIT_EXPECT_TRUE(test, hash_hashed(&entries[3].node));

	hash_for_each_safe(table, bkt, tmp, e, node)
		hash_del(&e->node);
	KUNIT_EXPECT_TRUE(test, hash_empty(table));
}

struct lentry {
	int v;
	struct llist_node node;
};

static void llist_ops(struct kunit *test)
{
	LLIST_HEAD(head);
	struct lentry items[5], *e, *tmp;
	struct llist_node *first, *n;
	int i, expect;

	KUNIT_EXPECT_TRUE(test, llist_empty(&head));
	for (i = 0; i < 5; i++) {
		items[i].v = i;
		init_llist_node(&items[i].node);
		KUNIT_EXPECT_FALSE(test, llist_on_list(&items[i].node));
	}
	KUNIT_EXPECT_TRUE(test, llist_add(&items[0].node, &head));	/* was empty */
	KUNIT_EXPECT_FALSE(test, llist_add(&items[1].node, &head));
	KUNIT_EXPECT_FALSE(test, __llist_add(&items[2].node, &head));
	KUNIT_EXPECT_TRUE(test, llist_on_list(&items[0].node));

	/* Newest first. */
	KUNIT_EXPECT_PTR_EQ(test, llist_del_first(&head), &items[2].node);
	KUNIT_EXPECT_TRUE(test, llist_del_first_this(&head, &items[1].node));
	KUNIT_EXPECT_FALSE(test, llist_del_first_this(&head, &items[1].node));
	n = llist_del_first_init(&head);
	KUNIT_EXPECT_PTR_EQ(test, n, &items[0].node);
	KUNIT_EXPECT_FALSE(test, llist_on_list(n));
	KUNIT_EXPECT_NULL(test, llist_del_first(&head));

	/* A pre-linked batch. */
	items[3].node.next = &items[4].node;
	KUNIT_EXPECT_TRUE(test, llist_add_batch(&items[3].node, &items[4].node, &head));
	KUNIT_EXPECT_FALSE(test, llist_add(&items[0].node, &head));
	first = llist_del_all(&head);
	KUNIT_EXPECT_TRUE(test, llist_empty(&head));
	expect = 0;
	llist_for_each_entry(e, first, node) {
		static const int order[] = { 0, 3, 4 };

		KUNIT_EXPECT_EQ(test, e->v, order[expect++]);
	}
	KUNIT_EXPECT_EQ(test, expect, 3);

	first = llist_reverse_order(first);
	expect = 0;
	llist_for_each_entry_safe(e, tmp, first, node) {
		static const int order[] = { 4, 3, 0 };

		KUNIT_EXPECT_EQ(test, e->v, order[expect++]);
		e->node.next = NULL;	/* "freeing" while iterating is allowed */
	}
	KUNIT_EXPECT_EQ(test, expect, 3);
	KUNIT_EXPECT_NULL(test, llist_del_all(&head));
	KUNIT_EXPECT_NULL(test, __llist_del_all(&head));
}

static struct kunit_case hashtable_test_cases[] = {
	KUNIT_CASE(hash_functions),
	KUNIT_CASE(hashtable_ops),
	KUNIT_CASE(llist_ops),
	{}
};

static struct kunit_suite hashtable_test_suite = {
	.name = "krt-hashtable",
	.test_cases = hashtable_test_cases,
};
kunit_test_suite(hashtable_test_suite);
