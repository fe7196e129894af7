// SPDX-License-Identifier: MIT
/*
 * list.h, hlist and list_sort, plus the CONFIG_DEBUG_LIST checks: a corrupt or double
 * operation prints the kernel's exact report as a WARNING and leaves the list as it was.
 */
#include <kunit/test.h>
#include <krt/printk.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/list_sort.h>
#include <linux/poison.h>
#include <linux/prandom.h>
#include <linux/string.h>

struct item {
	int val;
	int seq;
	struct list_head node;
	struct hlist_node hnode;
};

/* Check that @head links exactly @n entries in order, both directions consistent. */
static void expect_list(struct kunit *test, struct list_head *head, struct list_head **nodes,
			int n)
{
	struct list_head *pos = head;
	int i;

	for (i = 0; i < n; i++) {
		KUNIT_EXPECT_PTR_EQ(test, pos->next, nodes[i]);
		KUNIT_EXPECT_PTR_EQ(test, nodes[i]->prev, pos);
		pos = nodes[i];
	}
	KUNIT_EXPECT_PTR_EQ(test, pos->next, head);
	KUNIT_EXPECT_PTR_EQ(test, head->prev, pos);
}

static void list_basic_ops(struct kunit *test)
{
	struct list_head a, b, c, d;
	LIST_HEAD(head);
	LIST_HEAD(other);

	KUNIT_EXPECT_TRUE(test, list_empty(&head));
	KUNIT_EXPECT_TRUE(test, list_empty_careful(&head));
	list_add(&a, &head);
	list_add(&b, &head);
	list_add_tail(&c, &head);
	expect_list(test, &head, (struct list_head *[]){ &b, &a, &c }, 3);
	KUNIT_EXPECT_EQ(test, list_count_nodes(&head), 3);
	KUNIT_EXPECT_TRUE(test, list_is_first(&b, &head));
	KUNIT_EXPECT_TRUE(test, list_is_last(&c, &head));
	KUNIT_EXPECT_TRUE(test, list_is_head(&head, &head));
	KUNIT_EXPECT_FALSE(test, list_is_singular(&head));

	list_del(&a);
	KUNIT_EXPECT_PTR_EQ(test, a.next, (struct list_head *)LIST_POISON1);
	KUNIT_EXPECT_PTR_EQ(test, a.prev, (struct list_head *)LIST_POISON2);
	expect_list(test, &head, (struct list_head *[]){ &b, &c }, 2);

	list_replace(&b, &d);
	expect_list(test, &head, (struct list_head *[]){ &d, &c }, 2);
	list_replace_init(&d, &b);
	KUNIT_EXPECT_TRUE(test, list_empty(&d));
	list_swap(&b, &c);
	expect_list(test, &head, (struct list_head *[]){ &c, &b }, 2);

	list_move_tail(&c, &head);
	expect_list(test, &head, (struct list_head *[]){ &b, &c }, 2);
	list_move(&c, &other);
	KUNIT_EXPECT_TRUE(test, list_is_singular(&other));
	list_del_init(&b);
	KUNIT_EXPECT_TRUE(test, list_empty(&b));
	KUNIT_EXPECT_TRUE(test, list_empty(&head));
	list_del_init_careful(&c);
	KUNIT_EXPECT_TRUE(test, list_empty_careful(&other));
}

static void list_splice_cut_rotate(struct kunit *test)
{
	struct list_head n[6];
	LIST_HEAD(head);
	LIST_HEAD(other);
	int i;

	for (i = 0; i < 3; i++)
		list_add_tail(&n[i], &head);
	for (i = 3; i < 6; i++)
		list_add_tail(&n[i], &other);

	list_splice_tail_init(&other, &head);
	KUNIT_EXPECT_TRUE(test, list_empty(&other));
	expect_list(test, &head, (struct list_head *[]){ &n[0], &n[1], &n[2], &n[3], &n[4],
						 &n[5] }, 6);

	list_cut_position(&other, &head, &n[1]);
	expect_list(test, &other, (struct list_head *[]){ &n[0], &n[1] }, 2);
	expect_list(test, &head, (struct list_head *[]){ &n[2], &n[3], &n[4], &n[5] }, 4);

	list_splice_init(&other, &head);
	list_cut_before(&other, &head, &n[3]);
	expect_list(test, &other, (struct list_head *[]){ &n[0], &n[1], &n[2] }, 3);
	list_cut_before(&other, &head, &n[3]);
	KUNIT_EXPECT_TRUE(test, list_empty(&other));

	list_rotate_left(&head);
	expect_list(test, &head, (struct list_head *[]){ &n[4], &n[5], &n[3] }, 3);
	list_rotate_to_front(&n[3], &head);
	expect_list(test, &head, (struct list_head *[]){ &n[3], &n[4], &n[5] }, 3);

	INIT_LIST_HEAD(&other);
	for (i = 0; i < 3; i++)
		list_add_tail(&n[i], &other);
	list_bulk_move_tail(&head, &n[0], &n[1]);
	expect_list(test, &head, (struct list_head *[]){ &n[3], &n[4], &n[5], &n[0], &n[1] }, 5);
	expect_list(test, &other, (struct list_head *[]){ &n[2] }, 1);
	list_splice(&other, &head);
	expect_list(test, &head, (struct list_head *[]){ &n[2], &n[3], &n[4], &n[5], &n[0],
						 &n[1] }, 6);
}

static void list_iterators(struct kunit *test)
{
	struct item items[5], *it, *tmp;
	struct list_head *pos, *n;
	LIST_HEAD(head);
	int i, sum = 0;

	for (i = 0; i < 5; i++) {
		items[i].val = i;
		list_add_tail(&items[i].node, &head);
	}
	KUNIT_EXPECT_PTR_EQ(test, list_first_entry(&head, struct item, node), &items[0]);
	KUNIT_EXPECT_PTR_EQ(test, list_last_entry(&head, struct item, node), &items[4]);
	KUNIT_EXPECT_PTR_EQ(test, list_next_entry(&items[1], node), &items[2]);
	KUNIT_EXPECT_PTR_EQ(test, list_prev_entry(&items[1], node), &items[0]);
	KUNIT_EXPECT_PTR_EQ(test, list_next_entry_circular(&items[4], &head, node), &items[0]);
	KUNIT_EXPECT_PTR_EQ(test, list_prev_entry_circular(&items[0], &head, node), &items[4]);

	i = 0;
	list_for_each_entry(it, &head, node)
		KUNIT_EXPECT_EQ(test, it->val, i++);
	KUNIT_EXPECT_TRUE(test, list_entry_is_head(it, &head, node));
	i = 4;
	list_for_each_entry_reverse(it, &head, node)
		KUNIT_EXPECT_EQ(test, it->val, i--);
	i = 4;
	list_for_each_prev(pos, &head)
		KUNIT_EXPECT_EQ(test, list_entry(pos, struct item, node)->val, i--);

	it = &items[1];
	list_for_each_entry_continue(it, &head, node)
		sum += it->val;
	KUNIT_EXPECT_EQ(test, sum, 2 + 3 + 4);
	it = &items[3];
	sum = 0;
	list_for_each_entry_from(it, &head, node)
		sum += it->val;
	KUNIT_EXPECT_EQ(test, sum, 3 + 4);
	it = &items[2];
	KUNIT_EXPECT_PTR_EQ(test, list_prepare_entry(it, &head, node), &items[2]);

	/* Delete every other entry while iterating. */
	list_for_each_entry_safe(it, tmp, &head, node) {
		if (it->val % 2)
			list_del(&it->node);
	}
	KUNIT_EXPECT_EQ(test, list_count_nodes(&head), 3);
	list_for_each_prev_safe(pos, n, &head)
		list_del_init(pos);
	KUNIT_EXPECT_TRUE(test, list_empty(&head));
	KUNIT_EXPECT_NULL(test, list_first_entry_or_null(&head, struct item, node));
}

static void hlist_ops(struct kunit *test)
{
	struct item items[4], *it;
	struct hlist_node *tmp;
	HLIST_HEAD(head);
	struct hlist_head other;
	int i, seen = 0;

	INIT_HLIST_HEAD(&other);
	for (i = 0; i < 4; i++) {
		items[i].val = i;
		INIT_HLIST_NODE(&items[i].hnode);
		KUNIT_EXPECT_TRUE(test, hlist_unhashed(&items[i].hnode));
	}
	KUNIT_EXPECT_TRUE(test, hlist_empty(&head));
	hlist_add_head(&items[0].hnode, &head);
	KUNIT_EXPECT_TRUE(test, hlist_is_singular_node(&items[0].hnode, &head));
	hlist_add_before(&items[1].hnode, &items[0].hnode);
	hlist_add_behind(&items[2].hnode, &items[0].hnode);
	hlist_add_head(&items[3].hnode, &head);
	/* 3, 1, 0, 2 */
	i = 0;
	hlist_for_each_entry(it, &head, hnode) {
		static const int order[] = { 3, 1, 0, 2 };

		KUNIT_EXPECT_EQ(test, it->val, order[i++]);
	}
	KUNIT_EXPECT_EQ(test, hlist_count_nodes(&head), 4);

	hlist_del_init(&items[1].hnode);
	KUNIT_EXPECT_TRUE(test, hlist_unhashed(&items[1].hnode));
	KUNIT_EXPECT_TRUE(test, hlist_unhashed_lockless(&items[1].hnode));
	hlist_del_init(&items[1].hnode);	/* harmless when unhashed */
	hlist_del(&items[0].hnode);
	KUNIT_EXPECT_PTR_EQ(test, items[0].hnode.next, (struct hlist_node *)LIST_POISON1);
	KUNIT_EXPECT_EQ(test, hlist_count_nodes(&head), 2);

	hlist_move_list(&head, &other);
	KUNIT_EXPECT_TRUE(test, hlist_empty(&head));
	KUNIT_EXPECT_EQ(test, hlist_count_nodes(&other), 2);
	hlist_splice_init(&other, &items[2].hnode, &head);
	KUNIT_EXPECT_TRUE(test, hlist_empty(&other));

	hlist_add_fake(&items[1].hnode);
	KUNIT_EXPECT_TRUE(test, hlist_fake(&items[1].hnode));
	KUNIT_EXPECT_FALSE(test, hlist_unhashed(&items[1].hnode));

	hlist_for_each_entry_safe(it, tmp, &head, hnode) {
		hlist_del(&it->hnode);
		seen++;
	}
	KUNIT_EXPECT_EQ(test, seen, 2);
	KUNIT_EXPECT_TRUE(test, hlist_empty(&head));
}

/* Sort by value only, so that equal values show whether the sort is stable. */
static int cmp_val(void *priv, const struct list_head *a, const struct list_head *b)
{
	const struct item *ia = list_entry(a, struct item, node);
	const struct item *ib = list_entry(b, struct item, node);
	int *calls = priv;

	(*calls)++;
	/* The element that came first in the list is always passed first. */
	KUNIT_EXPECT_LT(kunit_get_current_test(), ia->seq, ib->seq);
	return ia->val > ib->val;
}

static void list_sort_stable(struct kunit *test)
{
	const int n = 1000;
	struct item *items = kunit_kmalloc_array(test, n, sizeof(*items), GFP_KERNEL);
	struct item *it, *prev = NULL;
	LIST_HEAD(head);
	int i, calls = 0, count = 0;
	struct rnd_state rnd;

	KUNIT_ASSERT_NOT_NULL(test, items);
	prandom_seed_state(&rnd, 42);
	for (i = 0; i < n; i++) {
		items[i].val = prandom_u32_state(&rnd) % 50;
		items[i].seq = i;
		list_add_tail(&items[i].node, &head);
	}
	list_sort(&calls, &head, cmp_val);

	list_for_each_entry(it, &head, node) {
		if (prev) {
			KUNIT_EXPECT_LE(test, prev->val, it->val);
			if (prev->val == it->val)
				KUNIT_EXPECT_LT(test, prev->seq, it->seq);
		}
		/* The back links were rebuilt. */
		KUNIT_EXPECT_PTR_EQ(test, it->node.prev, prev ? &prev->node : &head);
		prev = it;
		count++;
	}
	KUNIT_EXPECT_EQ(test, count, n);
	/* O(n log n): well below n^2 comparisons. */
	KUNIT_EXPECT_LT(test, calls, n * 12);
}

static void list_sort_small(struct kunit *test)
{
	struct item a = { .val = 2, .seq = 0 }, b = { .val = 1, .seq = 1 };
	LIST_HEAD(head);
	int calls = 0;

	list_sort(&calls, &head, cmp_val);
	KUNIT_EXPECT_TRUE(test, list_empty(&head));
	list_add_tail(&a.node, &head);
	list_sort(&calls, &head, cmp_val);
	KUNIT_EXPECT_EQ(test, calls, 0);
	list_add_tail(&b.node, &head);
	list_sort(&calls, &head, cmp_val);
	expect_list(test, &head, (struct list_head *[]){ &b.node, &a.node }, 2);
}

/* "%px" as the kernel prints it: the full address, 16 lower-case hex digits. */
static const char *px(char *buf, const void *p)
{
	snprintf(buf, 20, "%016lx", (unsigned long)p);
	return buf;
}

static void expect_report(struct kunit *test, const char *msg)
{
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(msg),
			      "missing \"%s\" in:\n%s", msg, krt_printk_capture_text());
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING:"));
	/* Exactly one report. */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("list_add corruption") +
			krt_printk_capture_count("list_add double add") +
			krt_printk_capture_count("list_del corruption"), 1);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("------------[ cut here ]------------"), 1);
}

static void list_debug_add_corruption(struct kunit *test)
{
	struct list_head a, b, x, new = { NULL, NULL };
	char msg[256], p1[20], p2[20], p3[20];
	LIST_HEAD(head);

	list_add_tail(&a, &head);
	list_add_tail(&b, &head);

	/* next->prev does not point back at prev. */
	b.prev = &x;
	krt_printk_capture_begin(false);
	list_add(&new, &a);
	snprintf(msg, sizeof(msg),
		 "list_add corruption. next->prev should be prev (%s), but was %s. (next=%s).\n",
		 px(p1, &a), px(p2, &x), px(p3, &b));
	expect_report(test, msg);
	krt_printk_capture_end();
	/* Refused: nothing changed. */
	KUNIT_EXPECT_PTR_EQ(test, a.next, &b);
	KUNIT_EXPECT_PTR_EQ(test, b.prev, &x);
	KUNIT_EXPECT_NULL(test, new.next);
	KUNIT_EXPECT_NULL(test, new.prev);
	b.prev = &a;

	/* prev->next does not point at next. */
	a.next = &x;
	krt_printk_capture_begin(false);
	list_add_tail(&new, &b);
	snprintf(msg, sizeof(msg),
		 "list_add corruption. prev->next should be next (%s), but was %s. (prev=%s).\n",
		 px(p1, &b), px(p2, &x), px(p3, &a));
	expect_report(test, msg);
	krt_printk_capture_end();
	KUNIT_EXPECT_PTR_EQ(test, a.next, &x);
	KUNIT_EXPECT_PTR_EQ(test, b.prev, &a);
	KUNIT_EXPECT_NULL(test, new.next);
	a.next = &b;

	/* NULL neighbours. */
	head.prev = NULL;
	krt_printk_capture_begin(false);
	list_add_tail(&new, &head);
	expect_report(test, "list_add corruption. prev is NULL.\n");
	krt_printk_capture_end();
	KUNIT_EXPECT_NULL(test, new.next);
	head.prev = &b;

	head.next = NULL;
	krt_printk_capture_begin(false);
	list_add(&new, &head);
	expect_report(test, "list_add corruption. next is NULL.\n");
	krt_printk_capture_end();
	KUNIT_EXPECT_NULL(test, new.next);
	head.next = &a;

	expect_list(test, &head, (struct list_head *[]){ &a, &b }, 2);
}

static void list_debug_double_add(struct kunit *test)
{
	struct list_head a, b;
	char msg[256], p1[20], p2[20], p3[20];
	LIST_HEAD(head);

	list_add(&a, &head);
	list_add_tail(&b, &head);
	krt_printk_capture_begin(false);
	list_add(&a, &head);
	snprintf(msg, sizeof(msg), "list_add double add: new=%s, prev=%s, next=%s.\n",
		 px(p1, &a), px(p2, &head), px(p3, &a));
	expect_report(test, msg);
	krt_printk_capture_end();
	expect_list(test, &head, (struct list_head *[]){ &a, &b }, 2);
}

static void list_debug_del_corruption(struct kunit *test)
{
	struct list_head a, b, c, x, saved;
	char msg[256], p1[20], p2[20], p3[20];
	LIST_HEAD(head);

	list_add_tail(&a, &head);
	list_add_tail(&b, &head);
	list_add_tail(&c, &head);

	/* Double list_del(): the poison is recognised, nothing is dereferenced. */
	list_del(&b);
	krt_printk_capture_begin(false);
	list_del(&b);
	snprintf(msg, sizeof(msg), "list_del corruption, %s->next is LIST_POISON1 (%s)\n",
		 px(p1, &b), px(p2, LIST_POISON1));
	expect_report(test, msg);
	krt_printk_capture_end();
	KUNIT_EXPECT_STREQ(test, p2, "dead000000000100");
	expect_list(test, &head, (struct list_head *[]){ &a, &c }, 2);

	b.next = &c;
	b.prev = LIST_POISON2;
	krt_printk_capture_begin(false);
	list_del(&b);
	snprintf(msg, sizeof(msg), "list_del corruption, %s->prev is LIST_POISON2 (%s)\n",
		 px(p1, &b), px(p2, LIST_POISON2));
	expect_report(test, msg);
	krt_printk_capture_end();

	b.next = NULL;
	b.prev = &a;
	krt_printk_capture_begin(false);
	list_del(&b);
	snprintf(msg, sizeof(msg), "list_del corruption, %s->next is NULL\n", px(p1, &b));
	expect_report(test, msg);
	krt_printk_capture_end();

	b.next = &c;
	b.prev = NULL;
	krt_printk_capture_begin(false);
	list_del_init(&b);
	snprintf(msg, sizeof(msg), "list_del corruption, %s->prev is NULL\n", px(p1, &b));
	expect_report(test, msg);
	krt_printk_capture_end();
	/* list_del_init() still reinitialises the entry itself, as in the kernel. */
	KUNIT_EXPECT_TRUE(test, list_empty(&b));

	/* An entry whose neighbours do not point back at it (it is not on the list). */
	b.next = &c;
	b.prev = &a;
	krt_printk_capture_begin(false);
	list_del(&b);
	snprintf(msg, sizeof(msg),
		 "list_del corruption. prev->next should be %s, but was %s. (prev=%s)\n",
		 px(p1, &b), px(p2, &c), px(p3, &a));
	expect_report(test, msg);
	krt_printk_capture_end();
	expect_list(test, &head, (struct list_head *[]){ &a, &c }, 2);

	saved = c;
	c.prev = &x;
	krt_printk_capture_begin(false);
	/* The unpoisoned core of list_del(): the entry itself is left as it was too. */
	__list_del_entry(&a);
	snprintf(msg, sizeof(msg),
		 "list_del corruption. next->prev should be %s, but was %s. (next=%s)\n",
		 px(p1, &a), px(p2, &x), px(p3, &c));
	expect_report(test, msg);
	krt_printk_capture_end();
	c = saved;
	expect_list(test, &head, (struct list_head *[]){ &a, &c }, 2);
}

static struct kunit_case list_test_cases[] = {
	KUNIT_CASE(list_basic_ops),
	KUNIT_CASE(list_splice_cut_rotate),
	KUNIT_CASE(list_iterators),
	KUNIT_CASE(hlist_ops),
	KUNIT_CASE(list_sort_stable),
	KUNIT_CASE(list_sort_small),
	KUNIT_CASE(list_debug_add_corruption),
	KUNIT_CASE(list_debug_double_add),
	KUNIT_CASE(list_debug_del_corruption),
	{}
};

static struct kunit_suite list_test_suite = {
	.name = "krt-list",
	.test_cases = list_test_cases,
};
kunit_test_suite(list_test_suite);
