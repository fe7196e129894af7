/* SPDX-License-Identifier: MIT */
/*
 * KUnit resources and deferred actions: things a test case owns, released in reverse order
 * when the case ends (after suite->exit), as in Linux's include/kunit/resource.h.
 */
#ifndef _KUNIT_RESOURCE_H
#define _KUNIT_RESOURCE_H

#include <kunit/test.h>

#include <linux/kref.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct kunit_resource;

typedef int (*kunit_resource_init_t)(struct kunit_resource *, void *);
typedef void (*kunit_resource_free_t)(struct kunit_resource *);

/**
 * struct kunit_resource - a test-managed resource.
 * @data: what the resource is (set by the init function, or the data given).
 * @name: optional name, for kunit_find_named_resource().
 * @free: called when the last reference goes.
 *
 * The test case holds one reference while the resource is on its list; the find functions
 * take one more that kunit_put_resource() drops.
 */
struct kunit_resource {
	void *data;
	const char *name;
	kunit_resource_free_t free;

	/* private: internal use only. */
	struct kref refcount;
	struct list_head node;
	bool should_kfree;
};

/* kunit_get_resource() - take a reference on @res. */
static inline void kunit_get_resource(struct kunit_resource *res)
{
	kref_get(&res->refcount);
}

/* The last reference went: free the resource, and its memory if KUnit allocated it. */
static inline void kunit_release_resource(struct kref *kref)
{
	struct kunit_resource *res = container_of(kref, struct kunit_resource, refcount);
	bool should_kfree = res->should_kfree;

	if (res->free)
		res->free(res);
	/* ->free() releases what the resource holds, never the KUnit-allocated struct itself. */
	if (should_kfree)
		kfree(res);
}

/* kunit_put_resource() - drop a reference on @res; the last one frees it. */
static inline void kunit_put_resource(struct kunit_resource *res)
{
	kref_put(&res->refcount, kunit_release_resource);
}

/**
 * __kunit_add_resource() - add @res to @test's resources.
 * @test: the test case.
 * @init: NULL, or a function that sets up @res from @data (nonzero: failure, @res not added).
 * @free: called to release @res.
 * @res: the resource, allocated by the caller.
 * @data: stored in @res->data when @init is NULL, else given to @init.
 *
 * Returns 0 or the error @init returned.
 */
int __kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
			 kunit_resource_free_t free, struct kunit_resource *res, void *data);

/* kunit_add_resource() - add a caller-allocated resource (see __kunit_add_resource()). */
static inline int kunit_add_resource(struct kunit *test, kunit_resource_init_t init,
				     kunit_resource_free_t free, struct kunit_resource *res,
				     void *data)
{
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

static inline struct kunit_resource *kunit_find_named_resource(struct kunit *test,
							       const char *name);

/**
 * kunit_add_named_resource() - add a resource that can be found by @name.
 *
 * Returns -EINVAL without a name, -EEXIST if @test already has a resource of that name, else
 * what __kunit_add_resource() returns.
 */
static inline int kunit_add_named_resource(struct kunit *test, kunit_resource_init_t init,
					   kunit_resource_free_t free,
					   struct kunit_resource *res, const char *name,
					   void *data)
{
	struct kunit_resource *existing;

	if (!name)
		return -EINVAL;

	existing = kunit_find_named_resource(test, name);
	if (existing) {
		kunit_put_resource(existing);
		return -EEXIST;
	}

	res->name = name;
	res->should_kfree = false;
	return __kunit_add_resource(test, init, free, res, data);
}

/**
 * kunit_alloc_and_get_resource() - allocate and add a resource, returning it with an extra
 * reference for the caller (drop it with kunit_put_resource()). NULL on failure.
 */
static inline struct kunit_resource *
kunit_alloc_and_get_resource(struct kunit *test, kunit_resource_init_t init,
			     kunit_resource_free_t free, gfp_t internal_gfp, void *context)
{
	struct kunit_resource *res;

	res = kzalloc(sizeof(*res), internal_gfp);
	if (!res)
		return NULL;

	res->should_kfree = true;
	if (__kunit_add_resource(test, init, free, res, context)) {
		kfree(res);
		return NULL;
	}
	kunit_get_resource(res);
	return res;
}

/**
 * kunit_alloc_resource() - allocate and add a resource; returns its ->data, or NULL on
 * failure.
 */
static inline void *kunit_alloc_resource(struct kunit *test, kunit_resource_init_t init,
					 kunit_resource_free_t free, gfp_t internal_gfp,
					 void *context)
{
	struct kunit_resource *res;

	res = kzalloc(sizeof(*res), internal_gfp);
	if (!res)
		return NULL;

	res->should_kfree = true;
	if (__kunit_add_resource(test, init, free, res, context)) {
		kfree(res);
		return NULL;
	}
	return res->data;
}

typedef bool (*kunit_resource_match_t)(struct kunit *test, struct kunit_resource *res,
				       void *match_data);

/* kunit_resource_name_match() - match function for resources named @match_name. */
static inline bool kunit_resource_name_match(struct kunit *test, struct kunit_resource *res,
					     void *match_name)
{
	return res->name && strcmp(res->name, match_name) == 0;
}

/**
 * kunit_find_resource() - the most recently added resource of @test that @match accepts, with
 * a reference taken (drop it with kunit_put_resource()); NULL if there is none.
 */
static inline struct kunit_resource *kunit_find_resource(struct kunit *test,
							 kunit_resource_match_t match,
							 void *match_data)
{
	struct kunit_resource *res, *found = NULL;
	unsigned long flags;

	spin_lock_irqsave(&test->lock, flags);
	list_for_each_entry_reverse(res, &test->resources, node) {
		if (match(test, res, match_data)) {
			found = res;
			kunit_get_resource(found);
			break;
		}
	}
	spin_unlock_irqrestore(&test->lock, flags);

	return found;
}

/* kunit_find_named_resource() - kunit_find_resource() by name. */
static inline struct kunit_resource *kunit_find_named_resource(struct kunit *test,
							       const char *name)
{
	return kunit_find_resource(test, kunit_resource_name_match, (void *)name);
}

/**
 * kunit_destroy_resource() - remove and release the resource @match finds.
 *
 * Returns 0, or -ENOENT when there is none.
 */
int kunit_destroy_resource(struct kunit *test, kunit_resource_match_t match, void *match_data);

static inline int kunit_destroy_named_resource(struct kunit *test, const char *name)
{
	return kunit_destroy_resource(test, kunit_resource_name_match, (void *)name);
}

/**
 * kunit_remove_resource() - take @res off @test's list and drop the list's reference. Safe to
 * call for a resource that was already removed.
 */
void kunit_remove_resource(struct kunit *test, struct kunit_resource *res);

/* A deferred action: kunit_add_action() runs it when the test case ends. */
typedef void (kunit_action_t)(void *);

/*
 * KUNIT_DEFINE_ACTION_WRAPPER() - define @wrapper(void *), a kunit_action_t calling
 * @orig(@arg_type), so that functions of other signatures can be deferred without casting
 * function pointers.
 */
#define KUNIT_DEFINE_ACTION_WRAPPER(wrapper, orig, arg_type)		\
	static void wrapper(void *in)					\
	{								\
		arg_type arg = (arg_type)in;				\
		orig(arg);						\
	}

/**
 * kunit_add_action() - run @action(@ctx) when the test case ends.
 * @test: the test case.
 * @action: the function (it must not be NULL).
 * @ctx: its argument.
 *
 * Actions and resources are released in reverse order of addition, after suite->exit.
 * Returns 0 or -ENOMEM.
 */
int kunit_add_action(struct kunit *test, kunit_action_t *action, void *ctx);

/**
 * kunit_add_action_or_reset() - kunit_add_action(), but run @action(@ctx) at once if it cannot
 * be deferred. Returns 0 or -ENOMEM.
 */
int kunit_add_action_or_reset(struct kunit *test, kunit_action_t *action, void *ctx);

/* kunit_remove_action() - cancel the deferred @action(@ctx) without running it. */
void kunit_remove_action(struct kunit *test, kunit_action_t *action, void *ctx);

/* kunit_release_action() - run the deferred @action(@ctx) now (and not again at the end). */
void kunit_release_action(struct kunit *test, kunit_action_t *action, void *ctx);

#endif /* _KUNIT_RESOURCE_H */
