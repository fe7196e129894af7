// SPDX-License-Identifier: MIT
/*
 * Test-managed resources and deferred actions (Linux's lib/kunit/resource.c). A test's
 * resources form a stack on test->resources; kunit_cleanup() pops it after suite->exit.
 */
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/kref.h>

/**
 * __kunit_add_resource - add @res to @test's resources.
 * @test: the test case.
 * @init: NULL, or the function setting @res up from @data (nonzero: @res is not added).
 * @free: releases @res.
 * @res: the resource.
 * @data: stored as @res->data when there is no @init, else passed to it.
 *
 * The list holds the initial reference. Returns 0 or @init's error.
 */
int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
			 kunit_resource_free_t free, struct kunit_resource *res, void *data)
{
	unsigned long flags;
	int ret;

	res->free = free;
	kref_init(&res->refcount);

	if (init) {
		ret = init(res, data);
		if (ret)
			return ret;
	} else {
		res->data = data;
	}

	spin_lock_irqsave(&test->lock, flags);
	list_add_tail(&res->node, &test->resources);
	spin_unlock_irqrestore(&test->lock, flags);
	return 0;
}

/**
 * kunit_remove_resource - take @res off @test's list and drop the list's reference.
 * @test: the test case.
 * @res: the resource; removing it twice is harmless.
 */
void kunit_remove_resource(struct kunit *test, struct kunit_resource *res)
{
	unsigned long flags;
	bool was_linked;

	spin_lock_irqsave(&test->lock, flags);
	was_linked = !list_empty(&res->node);
	list_del_init(&res->node);
	spin_unlock_irqrestore(&test->lock, flags);

	if (was_linked)
		kunit_put_resource(res);
}

/**
 * kunit_destroy_resource - remove and release the newest resource that @match accepts.
 * @test: the test case.
 * @match: the match function.
 * @match_data: its argument.
 *
 * Returns 0, or -ENOENT if none matched.
 */
int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match, void *match_data)
{
	struct kunit_resource *res = kunit_find_resource(test, match, match_data);

	if (!res)
		return -ENOENT;
	kunit_remove_resource(test, res);
	/* The reference kunit_find_resource() took. */
	kunit_put_resource(res);
	return 0;
}

/* A deferred action is a resource whose release calls the function. */
struct kunit_action_ctx {
	struct kunit_resource res;
	kunit_action_t *func;
	void *ctx;
};

static void kunit_action_release(struct kunit_resource *res)
{
	struct kunit_action_ctx *action = container_of(res, struct kunit_action_ctx, res);

	action->func(action->ctx);
}

/**
 * kunit_add_action - call @action(@ctx) when @test ends.
 * @test: the test case.
 * @action: the function; NULL fails the test ("Tried to action a NULL function!").
 * @ctx: its argument.
 *
 * Returns 0, or -ENOMEM.
 */
int kunit_add_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	struct kunit_action_ctx *action_ctx;

	KUNIT_ASSERT_NOT_NULL_MSG(test, action, "Tried to action a NULL function!");

	action_ctx = kzalloc(sizeof(*action_ctx), GFP_KERNEL);
	if (!action_ctx)
		return -ENOMEM;
	action_ctx->func = action;
	action_ctx->ctx = ctx;
	action_ctx->res.should_kfree = true;
	/* Without an init function this cannot fail. */
	__kunit_add_resource(test, NULL, kunit_action_release, &action_ctx->res, action_ctx);
	return 0;
}

/**
 * kunit_add_action_or_reset - kunit_add_action(), running @action(@ctx) at once on failure.
 * @test: the test case.
 * @action: the function.
 * @ctx: its argument.
 *
 * Returns 0, or -ENOMEM (after running the action).
 */
int kunit_add_action_or_reset(struct kunit *test, kunit_action_t *action, void *ctx)
{
	int ret = kunit_add_action(test, action, ctx);

	if (ret)
		action(ctx);
	return ret;
}

static bool kunit_action_match(struct kunit *test, struct kunit_resource *res, void *match_data)
{
	struct kunit_action_ctx *wanted = match_data;
	struct kunit_action_ctx *action;

	if (res->free != kunit_action_release)
		return false;
	action = container_of(res, struct kunit_action_ctx, res);
	return action->func == wanted->func && action->ctx == wanted->ctx;
}

/* The newest deferred @action(@ctx) of @test, with a reference, or NULL. */
static struct kunit_resource *kunit_find_action(struct kunit *test, kunit_action_t *action,
						void *ctx)
{
	struct kunit_action_ctx wanted = { .func = action, .ctx = ctx };

	return kunit_find_resource(test, kunit_action_match, &wanted);
}

/**
 * kunit_remove_action - cancel the deferred @action(@ctx) without calling it.
 * @test: the test case.
 * @action: the function.
 * @ctx: its argument.
 */
void kunit_remove_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	struct kunit_resource *res = kunit_find_action(test, action, ctx);

	if (!res)
		return;
	/* Without a free function, the release does not call the action. */
	res->free = NULL;
	kunit_remove_resource(test, res);
	kunit_put_resource(res);
}

/**
 * kunit_release_action - call the deferred @action(@ctx) now instead of when @test ends.
 * @test: the test case.
 * @action: the function.
 * @ctx: its argument.
 */
void kunit_release_action(struct kunit *test, kunit_action_t *action, void *ctx)
{
	struct kunit_resource *res = kunit_find_action(test, action, ctx);

	if (!res)
		return;
	kunit_remove_resource(test, res);
	/* Dropping the find reference is what calls the action. */
	kunit_put_resource(res);
}
