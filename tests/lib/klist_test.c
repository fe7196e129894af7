// SPDX-License-Identifier: MIT
/* klist: reference-counted nodes that survive removal while an iterator stands on them. */
#include <kunit/test.h>
#include <krt/thread.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/klist.h>

struct kobj {
	struct klist_node kn;
	int id;
	int gets;
	int puts;
};

static void kobj_get(struct klist_node *n)
{
	container_of(n, struct kobj, kn)->gets++;
}

static void kobj_put(struct klist_node *n)
{
	container_of(n, struct kobj, kn)->puts++;
}

static void klist_iterate_and_delete(struct kunit *test)
{
	struct kobj objs[4];
	struct klist list;
	struct klist_iter it;
	struct klist_node *n;
	int i;

	klist_init(&list, kobj_get, kobj_put);
	for (i = 0; i < 4; i++) {
		objs[i].id = i;
		objs[i].gets = objs[i].puts = 0;
		klist_add_tail(&objs[i].kn, &list);
		KUNIT_EXPECT_EQ(test, objs[i].gets, 1);
		KUNIT_EXPECT_TRUE(test, klist_node_attached(&objs[i].kn));
	}

	klist_iter_init(&list, &it);
	n = klist_next(&it);
	KUNIT_EXPECT_PTR_EQ(test, n, &objs[0].kn);
	n = klist_next(&it);
	KUNIT_EXPECT_PTR_EQ(test, n, &objs[1].kn);

	/* Deleting the node the iterator stands on: it stays until the iterator moves. */
	klist_del(&objs[1].kn);
	KUNIT_EXPECT_EQ(test, objs[1].puts, 0);
	KUNIT_EXPECT_TRUE(test, klist_node_attached(&objs[1].kn));
	/* A dead node is skipped by other iterators. */
	klist_del(&objs[2].kn);
	KUNIT_EXPECT_EQ(test, objs[2].puts, 1);
	KUNIT_EXPECT_FALSE(test, klist_node_attached(&objs[2].kn));

	n = klist_next(&it);
	KUNIT_EXPECT_PTR_EQ(test, n, &objs[3].kn);
	KUNIT_EXPECT_EQ(test, objs[1].puts, 1);
	KUNIT_EXPECT_FALSE(test, klist_node_attached(&objs[1].kn));
	KUNIT_EXPECT_PTR_EQ(test, klist_prev(&it), &objs[0].kn);
	KUNIT_EXPECT_NULL(test, klist_prev(&it));
	klist_iter_exit(&it);

	/* Starting after a given node. */
	klist_iter_init_node(&list, &it, &objs[0].kn);
	KUNIT_EXPECT_PTR_EQ(test, klist_next(&it), &objs[3].kn);
	KUNIT_EXPECT_NULL(test, klist_next(&it));
	klist_iter_exit(&it);

	klist_add_before(&objs[1].kn, &objs[3].kn);
	klist_add_behind(&objs[2].kn, &objs[3].kn);
	klist_iter_init(&list, &it);
	for (i = 0; i < 4; i++) {
		static const int order[] = { 0, 1, 3, 2 };

		n = klist_next(&it);
		KUNIT_ASSERT_NOT_NULL(test, n);
		KUNIT_EXPECT_EQ(test, container_of(n, struct kobj, kn)->id, order[i]);
	}
	KUNIT_EXPECT_NULL(test, klist_next(&it));
	klist_iter_exit(&it);

	for (i = 0; i < 4; i++)
		klist_remove(&objs[i].kn);
	KUNIT_EXPECT_TRUE(test, list_empty(&list.k_list));
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, objs[i].gets, objs[i].puts);
}

struct remove_ctx {
	struct klist list;
	struct klist_node a, b;
	int stage;	/* 1: iterator on a; 2: remover waiting; 3: iterator moved */
};

static int holder_thread(void *data)
{
	struct remove_ctx *ctx = data;
	struct klist_iter it;

	klist_iter_init(&ctx->list, &it);
	if (klist_next(&it) != &ctx->a)
		return -1;
	smp_store_release(&ctx->stage, 1);
	while (smp_load_acquire(&ctx->stage) < 2)
		msleep(1);
	/* The remover must still be blocked a while later. */
	msleep(50);
	smp_store_release(&ctx->stage, 3);
	klist_next(&it);
	klist_iter_exit(&it);
	return 0;
}

static void klist_remove_waits(struct kunit *test)
{
	struct remove_ctx *ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	struct task_struct *t;

	KUNIT_ASSERT_NOT_NULL(test, ctx);
	klist_init(&ctx->list, NULL, NULL);
	klist_add_tail(&ctx->a, &ctx->list);
	klist_add_tail(&ctx->b, &ctx->list);
	t = krt_thread_create(holder_thread, ctx, "klist-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	while (smp_load_acquire(&ctx->stage) < 1)
		msleep(1);
	smp_store_release(&ctx->stage, 2);
	klist_remove(&ctx->a);
	/* Only returns once the holder has moved off the node. */
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&ctx->stage), 3);
	KUNIT_EXPECT_FALSE(test, klist_node_attached(&ctx->a));
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	klist_remove(&ctx->b);
	KUNIT_EXPECT_TRUE(test, list_empty(&ctx->list.k_list));
}

static struct kunit_case klist_test_cases[] = {
	KUNIT_CASE(klist_iterate_and_delete),
	KUNIT_CASE(klist_remove_waits),
	{}
};

static struct kunit_suite klist_test_suite = {
	.name = "krt-klist",
	.test_cases = klist_test_cases,
};
kunit_test_suite(klist_test_suite);
