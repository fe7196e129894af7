// SPDX-License-Identifier: MIT
/*
 * Static stubs (Linux's lib/kunit/static_stub.c): an active stub is a resource of the test
 * case mapping the real function's address to its replacement, so it ends with the case.
 */
#include <kunit/static_stub.h>
#include <kunit/test.h>

#include "kunit-internal.h"

struct kunit_static_stub {
	void *real_fn_addr;
	void *replacement_addr;
};

static void kunit_static_stub_release(struct kunit_resource *res)
{
	kfree(res->data);
}

static bool kunit_static_stub_match(struct kunit *test, struct kunit_resource *res,
				    void *real_fn_addr)
{
	struct kunit_static_stub *stub = res->data;

	/* ->data is a stub only for resources released by kunit_static_stub_release(). */
	if (res->free != kunit_static_stub_release)
		return false;
	return stub->real_fn_addr == real_fn_addr;
}

/**
 * __kunit_get_static_stub_address_impl - the replacement of @real_fn_addr active in @test, or
 * NULL.
 * @test: the test case.
 * @real_fn_addr: the function.
 */
void *__kunit_get_static_stub_address_impl(struct kunit *test, void *real_fn_addr)
{
	struct kunit_resource *res;
	void *replacement;

	res = kunit_find_resource(test, kunit_static_stub_match, real_fn_addr);
	if (!res)
		return NULL;
	replacement = ((struct kunit_static_stub *)res->data)->replacement_addr;
	kunit_put_resource(res);
	return replacement;
}

/**
 * kunit_deactivate_static_stub - stop replacing @real_fn_addr.
 * @test: the test case.
 * @real_fn_addr: the function; no stub for it fails (and ends) the test case.
 */
void kunit_deactivate_static_stub(struct kunit *test, void *real_fn_addr)
{
	struct kunit_resource *res;

	KUNIT_ASSERT_PTR_NE_MSG(test, real_fn_addr, NULL, "Tried to deactivate a NULL stub.");

	res = kunit_find_resource(test, kunit_static_stub_match, real_fn_addr);
	KUNIT_ASSERT_PTR_NE_MSG(test, res, NULL, "Tried to deactivate a nonexistent stub.");

	kunit_remove_resource(test, res);
	/* The reference kunit_find_resource() took. */
	kunit_put_resource(res);
}

/**
 * __kunit_activate_static_stub - replace @real_fn_addr by @replacement_addr for @test (use
 * kunit_activate_static_stub(), which checks the types).
 * @test: the test case.
 * @real_fn_addr: the function (it uses KUNIT_STATIC_STUB_REDIRECT()).
 * @replacement_addr: its replacement; NULL deactivates the stub.
 */
void __kunit_activate_static_stub(struct kunit *test, void *real_fn_addr,
				  void *replacement_addr)
{
	struct kunit_static_stub *stub;
	struct kunit_resource *res;

	KUNIT_ASSERT_PTR_NE_MSG(test, real_fn_addr, NULL,
				"Tried to activate a stub for function NULL");

	if (!replacement_addr) {
		kunit_deactivate_static_stub(test, real_fn_addr);
		return;
	}

	/* Activating again replaces the replacement. */
	res = kunit_find_resource(test, kunit_static_stub_match, real_fn_addr);
	if (res) {
		stub = res->data;
		stub->replacement_addr = replacement_addr;
		kunit_put_resource(res);
		return;
	}

	stub = kmalloc(sizeof(*stub), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, stub);
	stub->real_fn_addr = real_fn_addr;
	stub->replacement_addr = replacement_addr;
	if (!kunit_alloc_resource(test, NULL, kunit_static_stub_release, GFP_KERNEL, stub)) {
		kfree(stub);
		KUNIT_FAIL_AND_ABORT(test, "Could not allocate the stub's resource");
	}
}
