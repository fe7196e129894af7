// SPDX-License-Identifier: MIT
/*
 * SLUB debugging (mm/slub_debug.c): red zones, poison and padding of debug caches in both object
 * states, the checks on allocation, free and validate_slab_cache() with the kernel's exact
 * error counts (a KUnit test owning a "slab_errors" resource, as the kernel's slub_kunit),
 * repairs of what they find, the report texts themselves (captured from printk), owner tracking
 * (alloc_calls / free_calls), and the slab_debug= boot parameter as kmem_cache_flags() applies it.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <kunit/test.h>
#include <kunit/resource.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sprintf.h>
#include <linux/poison.h>
#include <linux/panic.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <krt/printk.h>

#include "arch/host/host.h"
#include "tests/lib/kunit/reboot_helpers.h"
#include "mm/slab.h"
#include "mm/slub_debug.h"

/* Set in the re-executed child of slub_debug_boot_param. */
#define CHILD_ENV	"KRT_SLUB_DEBUG_TEST_CHILD"
#define CHILD_CMDLINE	"mem=128M slub_debug=FZPU,kmalloc-64,TestSlub_boot*;T,TestSlub_tr*"

static struct kunit_resource slab_errors_resource;
static int slab_errors;

/* Every debug flag, without what slab_debug= might add. */
#define ALL_DEBUG	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

static struct kmem_cache *test_cache_create(struct kunit *test, const char *name,
					    unsigned int size, slab_flags_t flags)
{
	struct kmem_cache *s = kmem_cache_create(name, size, 0, flags | SLAB_NO_USER_FLAGS, NULL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	return s;
}

/* Count slab errors instead of reporting them, as lib/slub_kunit.c does. */
static void count_slab_errors(struct kunit *test)
{
	slab_errors = 0;
	KUNIT_ASSERT_EQ(test, kunit_add_named_resource(test, NULL, NULL, &slab_errors_resource,
							"slab_errors", &slab_errors), 0);
}

/* Bytes of slots are written and read behind the sanitizers' back, as a buggy user would. */
static noinline __no_sanitize_address void poke(void *p, u8 val)
{
	OPTIMIZER_HIDE_VAR(p);
	*(volatile u8 *)p = val;
}

static noinline __no_sanitize_address u8 peek(const void *p)
{
	OPTIMIZER_HIDE_VAR(p);
	return *(const volatile u8 *)p;
}

static noinline __no_sanitize_address unsigned long peek_word(const void *p)
{
	OPTIMIZER_HIDE_VAR(p);
	return *(const volatile unsigned long *)p;
}

static noinline __no_sanitize_address void poke_word(void *p, unsigned long val)
{
	OPTIMIZER_HIDE_VAR(p);
	*(volatile unsigned long *)p = val;
}

/* Are all @n bytes at @p equal to @val? The index of the first that is not, or -1. */
static long first_not(const void *p, u8 val, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (peek((const u8 *)p + i) != val)
			return i;
	return -1;
}

/* Where the metadata after the object ends: info end, tracks, requested size. */
static unsigned int meta_end(struct kmem_cache *s)
{
	unsigned int off = s->offset >= s->inuse ? s->inuse + sizeof(void *) : s->inuse;

	return off + debug_metadata_size(s);
}

/* ------------------------------------------------------------------------------------------ */
/* Layout and object states */

static void slub_debug_metadata_size(struct kunit *test)
{
	struct kmem_cache *plain = test_cache_create(test, "TestSlub_meta_plain", 64, SLAB_POISON);
	struct kmem_cache *user = test_cache_create(test, "TestSlub_meta_user", 64,
						    SLAB_STORE_USER);
	struct kmem_cache *kmal = test_cache_create(test, "TestSlub_meta_kmalloc", 64,
						    SLAB_STORE_USER | SLAB_KMALLOC);

	KUNIT_EXPECT_EQ(test, debug_metadata_size(plain), 0U);
	KUNIT_EXPECT_GT(test, debug_metadata_size(user), 2 * sizeof(unsigned long));
	KUNIT_EXPECT_EQ(test, debug_metadata_size(kmal),
			debug_metadata_size(user) + sizeof(unsigned long));
	/* The allocator left room for them. */
	KUNIT_EXPECT_LE(test, meta_end(user), user->size);
	KUNIT_EXPECT_LE(test, meta_end(kmal), kmal->size);
	kmem_cache_destroy(plain);
	kmem_cache_destroy(user);
	kmem_cache_destroy(kmal);
}

/* Red zones 0xcc / 0xbb, poison 0x6b..0xa5, padding 0x5a: as allocated, then as freed. */
static void slub_debug_object_states(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_states", 60,
						 SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER);
	unsigned int pad = meta_end(s), end = s->size - s->red_left_pad;
	u8 *p;

	count_slab_errors(test);
	KUNIT_ASSERT_EQ(test, s->object_size, 60U);
	KUNIT_ASSERT_GE(test, s->red_left_pad, (unsigned int)sizeof(void *));
	KUNIT_ASSERT_GE(test, s->offset, s->inuse);

	p = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, first_not(p - s->red_left_pad, SLUB_RED_ACTIVE, s->red_left_pad), -1);
	KUNIT_EXPECT_EQ(test, first_not(p + 60, SLUB_RED_ACTIVE, s->inuse - 60), -1);
	/* A poisoned cache hands out poisoned objects: uninitialised use shows. */
	KUNIT_EXPECT_EQ(test, first_not(p, POISON_FREE, 59), -1);
	KUNIT_EXPECT_EQ(test, peek(p + 59), POISON_END);
	KUNIT_EXPECT_EQ(test, first_not(p + pad, POISON_INUSE, end - pad), -1);

	memset(p, 0x42, 60);
	kmem_cache_free(s, p);
	KUNIT_EXPECT_EQ(test, first_not(p - s->red_left_pad, SLUB_RED_INACTIVE, s->red_left_pad),
			-1);
	KUNIT_EXPECT_EQ(test, first_not(p + 60, SLUB_RED_INACTIVE, s->inuse - 60), -1);
	KUNIT_EXPECT_EQ(test, first_not(p, POISON_FREE, 59), -1);
	KUNIT_EXPECT_EQ(test, peek(p + 59), POISON_END);
	KUNIT_EXPECT_EQ(test, first_not(p + pad, POISON_INUSE, end - pad), -1);

	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);
	kmem_cache_destroy(s);
}

/* A busy cache with every check passes validation. */
static void slub_debug_validate_clean(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_clean", 100, ALL_DEBUG);
	void *objs[300];
	int i;

	count_slab_errors(test);
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		memset(objs[i], i, 100);
	}
	for (i = 0; i < ARRAY_SIZE(objs); i += 2)
		kmem_cache_free(s, objs[i]);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	for (i = 1; i < ARRAY_SIZE(objs); i += 2)
		kmem_cache_free(s, objs[i]);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);
	kmem_cache_destroy(s);
}

/* ------------------------------------------------------------------------------------------ */
/* The kernel's slub_kunit scenarios: one error report plus one repair per problem */

static void slub_debug_clobber_redzone(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_RZ_alloc", 64, SLAB_RED_ZONE);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	count_slab_errors(test);
	poke(p + 64, 0x12);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	/* Repaired: the next validation is clean. */
	KUNIT_EXPECT_EQ(test, peek(p + 64), SLUB_RED_ACTIVE);
	slab_errors = 0;
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);

	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

static void slub_debug_clobber_left_redzone(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_LRZ", 64, SLAB_RED_ZONE);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	count_slab_errors(test);
	poke(p - 1, 0x00);
	poke(p - 3, 0x00);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	KUNIT_EXPECT_EQ(test, first_not(p - s->red_left_pad, SLUB_RED_ACTIVE, s->red_left_pad), -1);
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

static void slub_debug_next_pointer(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_next_ptr_free", 64, SLAB_POISON);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);
	unsigned long saved;

	count_slab_errors(test);
	kmem_cache_free(s, p);
	saved = peek_word(p + s->offset);
	poke(p + s->offset, ~peek(p + s->offset));

	/* The corrupted chain, the wrong count of objects in use, and its repair. */
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 2L);
	KUNIT_EXPECT_EQ(test, slab_errors, 3);

	/* The free pointer repaired: the count is wrong the other way now, and gets fixed. */
	poke_word(p + s->offset, saved);
	slab_errors = 0;
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);

	slab_errors = 0;
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);

	kmem_cache_destroy(s);
}

static void slub_debug_first_word(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_1th_word_free", 64, SLAB_POISON);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	count_slab_errors(test);
	kmem_cache_free(s, p);
	poke(p, 0x78);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	KUNIT_EXPECT_EQ(test, peek(p), POISON_FREE);
	kmem_cache_destroy(s);
}

static void slub_debug_clobber_50th_byte(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_50th_word_free", 64,
						 SLAB_POISON);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	count_slab_errors(test);
	kmem_cache_free(s, p);
	poke(p + 50, 0x9a);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	kmem_cache_destroy(s);
}

static void slub_debug_end_poison(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_end_poison", 64, SLAB_POISON);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	count_slab_errors(test);
	kmem_cache_free(s, p);
	poke(p + 63, POISON_FREE);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	KUNIT_EXPECT_EQ(test, peek(p + 63), POISON_END);
	kmem_cache_destroy(s);
}

static void slub_debug_clobber_redzone_free(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_RZ_free", 64, SLAB_RED_ZONE);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	count_slab_errors(test);
	kmem_cache_free(s, p);
	poke(p + 64, 0xab);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	kmem_cache_destroy(s);
}

/* The bytes a kmalloc caller did not ask for are red zone ("kmalloc Redzone"). */
static void slub_debug_kmalloc_redzone_access(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_RZ_kmalloc", 32,
						 SLAB_KMALLOC | SLAB_STORE_USER | SLAB_RED_ZONE);
	u8 *p = slab_alloc_node(s, GFP_KERNEL, NUMA_NO_NODE, 18, _THIS_IP_);

	count_slab_errors(test);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, slab_debug_orig_size(s, p), 18UL);
	KUNIT_EXPECT_EQ(test, first_not(p + 18, SLUB_RED_ACTIVE, 32 - 18), -1);
	poke(p + 18, 0xab);
	poke(p + 19, 0xab);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);

	/* After ksize() the whole object is the caller's. */
	skip_orig_size_check(s, p);
	KUNIT_EXPECT_EQ(test, slab_debug_orig_size(s, p), 32UL);
	poke(p + 20, 0);
	slab_errors = 0;
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);

	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

/* The padding after the metadata (POISON_INUSE) is checked too. */
static void slub_debug_object_padding(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_obj_pad", 64,
						 SLAB_POISON | SLAB_RED_ZONE);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);
	unsigned int end = s->size - s->red_left_pad;

	count_slab_errors(test);
	KUNIT_ASSERT_LT(test, meta_end(s), end);
	poke(p + end - 1, 0);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	KUNIT_EXPECT_EQ(test, peek(p + end - 1), POISON_INUSE);
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

/* The space after the last slot of a slab: reported with a header, counted once (its FIX). */
static void slub_debug_slab_padding(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_slab_pad", 64, SLAB_POISON);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);
	struct slab *slab = virt_to_slab(p);
	u8 *last = (u8 *)slab_address(slab) + slab_size(slab) - 1;

	count_slab_errors(test);
	if (!(slab_size(slab) % s->size)) {
		kmem_cache_free(s, p);
		kmem_cache_destroy(s);
		kunit_skip(test, "the slab has no room after its last object");
	}
	KUNIT_EXPECT_EQ(test, peek(last), POISON_INUSE);
	poke(last, 0x11);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 1);
	KUNIT_EXPECT_EQ(test, peek(last), POISON_INUSE);
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

static void slub_debug_leak_destroy(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_leak_destroy", 64, SLAB_NO_MERGE);

	count_slab_errors(test);
	KUNIT_ASSERT_NOT_NULL(test, kmem_cache_alloc(s, GFP_KERNEL));
	/* The header, and one line for the object; the cache is leaked, without a warning. */
	kmem_cache_destroy(s);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
}

struct test_kfree_rcu_struct {
	struct rcu_head rcu;
};

static void slub_debug_kfree_rcu(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_kfree_rcu",
						 sizeof(struct test_kfree_rcu_struct),
						 SLAB_NO_MERGE);
	struct test_kfree_rcu_struct *p = kmem_cache_alloc(s, GFP_KERNEL);

	count_slab_errors(test);
	KUNIT_ASSERT_NOT_NULL(test, p);
	kfree_rcu(p, rcu);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);
}

/* ------------------------------------------------------------------------------------------ */
/* Checks when objects are freed and allocated */

static void slub_debug_free_already_free(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_free_free", 64, ALL_DEBUG);
	void *a = kmem_cache_alloc(s, GFP_KERNEL);
	void *b = kmem_cache_alloc(s, GFP_KERNEL);
	struct slab *slab = virt_to_slab(a);
	bool ok;

	count_slab_errors(test);
	kmem_cache_free(s, a);
	host_mutex_lock(&s->node.list_lock);
	ok = free_debug_processing(s, slab, a, _THIS_IP_);
	host_mutex_unlock(&s->node.list_lock);
	/* "Object already free", and "Object at 0x... not freed". */
	KUNIT_EXPECT_FALSE(test, ok);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	kmem_cache_free(s, b);
	slab_errors = 0;
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);
	kmem_cache_destroy(s);
}

static void slub_debug_free_invalid_pointer(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_free_inval", 64, ALL_DEBUG);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);
	bool ok;

	count_slab_errors(test);
	host_mutex_lock(&s->node.list_lock);
	ok = free_debug_processing(s, virt_to_slab(p), p + 8, _THIS_IP_);
	host_mutex_unlock(&s->node.list_lock);
	/* "Invalid object pointer 0x...", and "Object at 0x... not freed". */
	KUNIT_EXPECT_FALSE(test, ok);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	kmem_cache_free(s, p);
	kmem_cache_destroy(s);
}

/* A double free through the API: reported, nothing freed, the cache stays sound. */
static void slub_debug_double_free(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_double_free", 64, ALL_DEBUG);
	void *a = kmem_cache_alloc(s, GFP_KERNEL);
	void *b = kmem_cache_alloc(s, GFP_KERNEL);
	void *c, *d;

	count_slab_errors(test);
	kmem_cache_free(s, a);
	/* "Object already free", and "Object at 0x... not freed". */
	kmem_cache_free(s, a);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	slab_errors = 0;
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	/* @a was freed once: it comes back once. */
	c = kmem_cache_alloc(s, GFP_KERNEL);
	d = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, c, a);
	KUNIT_EXPECT_PTR_NE(test, d, a);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);
	kmem_cache_free(s, b);
	kmem_cache_free(s, c);
	kmem_cache_free(s, d);
	kmem_cache_destroy(s);
}

/* A free that finds a red zone overwritten repairs it and refuses the free; a retry works. */
static void slub_debug_free_checks_redzone(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_free_rz", 64, ALL_DEBUG);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);

	count_slab_errors(test);
	poke(p - 1, 0);
	kmem_cache_free(s, p);
	/* The overwrite, its repair, "Object at 0x... not freed". */
	KUNIT_EXPECT_EQ(test, slab_errors, 3);
	slab_errors = 0;
	kmem_cache_free(s, p);
	KUNIT_EXPECT_EQ(test, slab_errors, 0);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 0L);
	kmem_cache_destroy(s);
}

/*
 * An allocation that finds the next free object damaged reports it, gives up on the slab
 * ("Marking all objects used") and takes a new one.
 */
static void slub_debug_alloc_checks(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_alloc_chk", 64, ALL_DEBUG);
	u8 *p = kmem_cache_alloc(s, GFP_KERNEL);
	struct slab *slab = virt_to_slab(p);
	u8 *q;

	count_slab_errors(test);
	kmem_cache_free(s, p);
	poke(p + 10, 0);
	q = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	/* The poison overwrite, its repair, "Marking all objects used". */
	KUNIT_EXPECT_EQ(test, slab_errors, 3);
	KUNIT_EXPECT_PTR_NE(test, virt_to_slab(q), slab);
	KUNIT_EXPECT_EQ(test, slab->inuse, slab->objects);
	KUNIT_EXPECT_NULL(test, slab->freelist);
	kmem_cache_free(s, q);
	/* The abandoned slab's objects stay allocated: the cache is leaked by destroy. */
	kmem_cache_destroy(s);
}

/* ------------------------------------------------------------------------------------------ */
/* The reports themselves */

static void expect_line(struct kunit *test, const char *fmt, ...)
{
	char want[512];
	va_list args;

	va_start(args, fmt);
	vscnprintf(want, sizeof(want), fmt, args);
	va_end(args);
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(want), "missing \"%s\" in:\n%s",
			      want, krt_printk_capture_text());
}

static void slub_debug_report_texts(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "test_cache", 64, ALL_DEBUG);
	char equals[78], dashes[78], taint[64];
	u8 *a = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *b = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *base = slab_address(virt_to_slab(a));

	memset(equals, '=', 77);
	equals[77] = '\0';
	memset(dashes, '-', 77);
	dashes[77] = '\0';

	/* A double free. */
	kmem_cache_free(s, a);
	strscpy(taint, print_tainted());
	krt_printk_capture_begin(false);
	kmem_cache_free(s, a);
	expect_line(test, "%s\nBUG test_cache (%s): Object already free\n%s\n\n", equals, taint,
		    dashes);
	expect_line(test, "\nAllocated in ");
	expect_line(test, "\nFreed in ");
	expect_line(test, "\nSlab 0x%p objects=%u used=", virt_to_slab(a), s->objects);
	expect_line(test, "\nObject 0x%p @offset=%tu fp=0x", a, a - base);
	expect_line(test, "\nRedzone  %p: bb bb bb bb bb bb bb bb", a - s->red_left_pad);
	expect_line(test, "\nObject   %p: 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b  "
		    "kkkkkkkkkkkkkkkk\n", a);
	expect_line(test, "\nObject   %p: 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b a5  "
		    "kkkkkkkkkkkkkkk.\n", a + 48);
	expect_line(test, "\nRedzone  %p: bb bb bb bb bb bb bb bb", a + 64);
	expect_line(test, "\nPadding  %p: 5a 5a", a + meta_end(s));
	expect_line(test, "WARNING: CPU: ");
	expect_line(test, "\nFIX test_cache: Object at 0x%p not freed\n", a);
	krt_printk_capture_end();

	/* A right red zone overwritten in an allocated object, found by validation. */
	poke(b + 64, 0x12);
	poke(b + 65, 0x34);
	strscpy(taint, print_tainted());
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	expect_line(test, "[Right Redzone overwritten] 0x%p-0x%p @offset=%tu. "
		    "First byte 0x12 instead of 0xcc\n", b + 64, b + 65, b + 64 - base);
	expect_line(test, "%s\nBUG test_cache (%s): Object corrupt\n%s\n\n", equals, taint,
		    dashes);
	expect_line(test, "\nRedzone  %p: 12 34 cc cc cc cc cc cc", b + 64);
	expect_line(test, "\nFIX test_cache: Restoring Right Redzone 0x%p-0x%p=0xcc\n", b + 64,
		    b + 65);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG test_cache"), 1U);
	krt_printk_capture_end();
	KUNIT_EXPECT_TRUE(test, test_taint(TAINT_BAD_PAGE));

	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
}

/* A free object's poison overwritten, then its free pointer: the kernel's texts, and repairs. */
static void slub_debug_report_texts_poison_freechain(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "test_poison", 64, ALL_DEBUG);
	u8 *a = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *base = slab_address(virt_to_slab(a));
	char equals[78], dashes[78], taint[64];
	unsigned long saved;

	memset(equals, '=', 77);
	equals[77] = '\0';
	memset(dashes, '-', 77);
	dashes[77] = '\0';
	kmem_cache_free(s, a);

	/* Two bytes of POISON_FREE overwritten in a free object. */
	poke(a + 10, 0x78);
	poke(a + 11, 0x79);
	strscpy(taint, print_tainted());
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(s), 1L);
	expect_line(test, "[Poison overwritten] 0x%p-0x%p @offset=%tu. "
		    "First byte 0x78 instead of 0x6b\n", a + 10, a + 11, a + 10 - base);
	expect_line(test, "%s\nBUG test_poison (%s): Object corrupt\n%s\n\n", equals, taint,
		    dashes);
	expect_line(test, "\nFIX test_poison: Restoring Poison 0x%p-0x%p=0x6b\n", a + 10, a + 11);
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, peek(a + 10), POISON_FREE);

	/* The free object's free pointer overwritten: the slab's free chain is broken. */
	saved = peek_word(a + s->offset);
	poke(a + s->offset, ~peek(a + s->offset));
	strscpy(taint, print_tainted());
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_GT(test, validate_slab_cache(s), 0L);
	expect_line(test, "BUG test_poison (%s): Freechain corrupt\n", taint);
	expect_line(test, "\nFIX test_poison: Object count adjusted\n");
	krt_printk_capture_end();
	poke_word(a + s->offset, saved);
	validate_slab_cache(s);
	kmem_cache_destroy(s);
}

/* Objects left at kmem_cache_destroy(): listed with their owners. */
static void slub_debug_report_leak(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "test_leak_cache", 64, SLAB_STORE_USER);
	u8 *a = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *b = kmem_cache_alloc(s, GFP_KERNEL);
	u8 *base = slab_address(virt_to_slab(a));
	char taint[64];

	kmem_cache_free(s, b);
	strscpy(taint, print_tainted());
	krt_printk_capture_begin(false);
	kmem_cache_destroy(s);
	expect_line(test, "BUG test_leak_cache (%s): %s\n", taint,
		    "Objects remaining on __kmem_cache_shutdown()");
	expect_line(test, "\nObject 0x%p @offset=%tu\nAllocated in ", a, a - base);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("\nObject 0x"), 1U);
	expect_line(test, "kmem_cache_destroy test_leak_cache: Slab cache still has objects");
	krt_printk_capture_end();
}

static void slub_debug_trace(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "test_trace", 32, SLAB_TRACE);
	void *p;

	krt_printk_capture_begin(false);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	expect_line(test, "TRACE test_trace alloc 0x%p inuse=", p);
	kmem_cache_free(s, p);
	expect_line(test, "TRACE test_trace free 0x%p inuse=", p);
	expect_line(test, "\nObject %p: ", p);
	krt_printk_capture_end();
	kmem_cache_destroy(s);
}

/* ------------------------------------------------------------------------------------------ */
/* alloc_calls / free_calls */

static noinline void *slub_debug_alloc_site(struct kmem_cache *s)
{
	void *p = kmem_cache_alloc(s, GFP_KERNEL);

	barrier();
	return p;
}

static noinline void slub_debug_free_site(struct kmem_cache *s, void *p)
{
	kmem_cache_free(s, p);
	barrier();
}

static void slub_debug_locations(struct kunit *test)
{
	struct kmem_cache *s = test_cache_create(test, "TestSlub_locations", 48, SLAB_STORE_USER);
	struct kmem_cache *plain = test_cache_create(test, "TestSlub_no_track", 48, SLAB_NO_MERGE);
	char *buf = kunit_kzalloc(test, 4096, GFP_KERNEL);
	char want[64];
	void *p[4];
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, slab_locations_show(plain, buf, 4096, true), (ssize_t)-ENOSYS);
	KUNIT_EXPECT_EQ(test, slab_locations_show(s, buf, 4096, true), 8L);
	KUNIT_EXPECT_STREQ(test, buf, "No data\n");

	for (i = 0; i < 4; i++)
		p[i] = slub_debug_alloc_site(s);
	slub_debug_free_site(s, p[3]);
	KUNIT_EXPECT_GT(test, slab_locations_show(s, buf, 4096, true), 0L);
	KUNIT_EXPECT_EQ(test, strncmp(buf, "      3 slub_debug_alloc_site+0x", 32), 0);
	scnprintf(want, sizeof(want), " pid=%d", current->pid);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, want), "%s", buf);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, " age="), "%s", buf);
	KUNIT_EXPECT_EQ_MSG(test, strchr(buf, '\n') - buf + 1, (long)strlen(buf), "%s", buf);

	/* The slot freed at the free site is handed out again: its free track stays. */
	p[3] = slub_debug_alloc_site(s);
	KUNIT_EXPECT_GT(test, slab_locations_show(s, buf, 4096, false), 0L);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, "      1 slub_debug_free_site+0x"), "%s", buf);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, "      3 <not-available>"), "%s", buf);

	/* Too small a buffer: whole lines only. */
	KUNIT_EXPECT_EQ(test, slab_locations_show(s, buf, 10, true), 0L);

	for (i = 0; i < 4; i++)
		kmem_cache_free(s, p[i]);
	kmem_cache_destroy(s);
	kmem_cache_destroy(plain);
}

/* ------------------------------------------------------------------------------------------ */
/* slab_debug= */

static void slub_debug_parse(struct kunit *test)
{
	const slab_flags_t F = SLAB_CONSISTENCY_CHECKS, Z = SLAB_RED_ZONE, P = SLAB_POISON,
			   U = SLAB_STORE_USER, T = SLAB_TRACE, A = SLAB_FAILSLAB;

	/* No options, or nothing after '=': full debugging for every cache. */
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("", 0, "foo"), DEBUG_DEFAULT_FLAGS);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=", 0, "foo"), DEBUG_DEFAULT_FLAGS);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=FZ", 0, "foo"), F | Z);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=fzput", 0, "foo"), F | Z | P | U | T);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=A", 0, "foo"), A);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=O", 0, "foo"), (slab_flags_t)0);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=-", 0, "foo"), (slab_flags_t)0);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=FZ-P", 0, "foo"), P);
	/* The cache's own flags stay. */
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=Z", SLAB_HWCACHE_ALIGN, "foo"),
			SLAB_HWCACHE_ALIGN | Z);

	/* A list of caches alone: full debugging for those only. */
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=,kmalloc-64", 0, "kmalloc-64"),
			DEBUG_DEFAULT_FLAGS);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=,kmalloc-64", 0, "kmalloc-640"),
			(slab_flags_t)0);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=,kmalloc-64", 0, "kmalloc-6"),
			(slab_flags_t)0);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=P,kmalloc-*", 0, "kmalloc-rcl-8"), P);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=P,kmalloc-*", 0, "dentry"), (slab_flags_t)0);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=U,foo,bar,baz", 0, "bar"), U);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=U,foo,bar,baz", 0, "baz"), U);

	/* Blocks: a listed cache gets its block's flags, the others the block without a list. */
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=FZ;U,foo,bar", 0, "bar"), U);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=FZ;U,foo,bar", 0, "foo"), U);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=FZ;U,foo,bar", 0, "fo"), F | Z);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=U,foo;Z,bar", 0, "bar"), Z);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=U,foo;Z,bar", 0, "foo"), U);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=U,foo;Z,bar", 0, "other"), (slab_flags_t)0);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=U,foo;;P", 0, "other"), P);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=U,foo;;P", 0, "foo"), U);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=-,foo;F", 0, "foo"), (slab_flags_t)0);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=-,foo;F", 0, "bar"), F);

	/* Caches that refuse user flags, and leak detectors' caches (no stacks unless named). */
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=FZPU", SLAB_NO_USER_FLAGS, "foo"),
			SLAB_NO_USER_FLAGS);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=FZPU", SLAB_NOLEAKTRACE, "foo"),
			SLAB_NOLEAKTRACE | F | Z | P);
	KUNIT_EXPECT_EQ(test, kmem_cache_flags_for("=U,foo", SLAB_NOLEAKTRACE, "foo"),
			SLAB_NOLEAKTRACE | U);

	/* The booted setting: a SLAB_NO_USER_FLAGS cache gets none of it. */
	KUNIT_EXPECT_EQ(test, kmem_cache_flags(SLAB_NO_USER_FLAGS, "foo"), SLAB_NO_USER_FLAGS);
}

/*
 * The boot parameter itself: a fresh copy of the test binary boots with CHILD_CMDLINE and runs
 * this case, which then checks the caches it names. A failing child's output is kept in
 * /tmp/krt-slub_debug-<pid>.log.
 */
static void slub_debug_booted(struct kunit *test)
{
	struct kmem_cache *k64 = kmalloc_slab(64, GFP_KERNEL);
	struct kmem_cache *k128 = kmalloc_slab(128, GFP_KERNEL);
	struct kmem_cache *s, *t, *other;
	u8 *p;

	count_slab_errors(test);
	KUNIT_ASSERT_NOT_NULL(test, k64);
	KUNIT_ASSERT_NOT_NULL(test, k128);
	KUNIT_EXPECT_STREQ(test, k64->name, "kmalloc-64");
	KUNIT_EXPECT_EQ(test, k64->flags & DEBUG_DEFAULT_FLAGS, DEBUG_DEFAULT_FLAGS);
	KUNIT_EXPECT_EQ(test, k128->flags & SLAB_DEBUG_FLAGS, (slab_flags_t)0);
	KUNIT_EXPECT_EQ(test, slub_debug, (slab_flags_t)0);

	s = kmem_cache_create("TestSlub_boot_cache", 32, 0, 0, NULL);
	t = kmem_cache_create("TestSlub_trace_boot", 32, 0, 0, NULL);
	other = kmem_cache_create("TestSlub_other", 32, 0, 0, NULL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_EXPECT_EQ(test, s->flags & SLAB_DEBUG_FLAGS, DEBUG_DEFAULT_FLAGS);
	KUNIT_EXPECT_EQ(test, t->flags & SLAB_DEBUG_FLAGS, SLAB_TRACE);
	KUNIT_EXPECT_EQ(test, other->flags & SLAB_DEBUG_FLAGS, (slab_flags_t)0);
	kmem_cache_destroy(s);
	kmem_cache_destroy(t);
	kmem_cache_destroy(other);

	/* kmalloc(40) from the debug kmalloc-64: bytes 40..63 are the kmalloc red zone. */
	p = kmalloc(40, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_slab(p)->slab_cache, k64);
	KUNIT_EXPECT_EQ(test, first_not(p + 40, SLUB_RED_ACTIVE, 24), -1);
	poke(p + 41, 0);
	KUNIT_EXPECT_EQ(test, validate_slab_cache(k64), 1L);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	kfree(p);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);

	/* krealloc() within the object (ksize()) makes the rest of it the caller's. */
	p = kmalloc(40, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	p = krealloc(p, 60, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_slab(p)->slab_cache, k64);
	memset(p, 0x11, 60);
	kfree(p);
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
}

static void slub_debug_boot_param(struct kunit *test)
{
	static const char *const env[] = { CHILD_ENV "=1", NULL };
	struct krt_test_reboot rb = {
		.filter = "slub_debug.slub_debug_boot_param",
		.cmdline = CHILD_CMDLINE,
		.env = env,
	};

	if (getenv(CHILD_ENV)) {
		slub_debug_booted(test);
		return;
	}
	scnprintf(rb.log, sizeof(rb.log), "/tmp/krt-slub_debug-%d.log", (int)getpid());
	KUNIT_EXPECT_EQ_MSG(test, krt_test_reboot(&rb), 0,
			    "slub_debug with KRT_CMDLINE=\"%s\" failed (see %s)", CHILD_CMDLINE,
			    rb.log);
}

/* ------------------------------------------------------------------------------------------ */

static struct kunit_case slub_debug_test_cases[] = {
	KUNIT_CASE(slub_debug_metadata_size),
	KUNIT_CASE(slub_debug_object_states),
	KUNIT_CASE(slub_debug_validate_clean),
	KUNIT_CASE(slub_debug_clobber_redzone),
	KUNIT_CASE(slub_debug_clobber_left_redzone),
	KUNIT_CASE(slub_debug_next_pointer),
	KUNIT_CASE(slub_debug_first_word),
	KUNIT_CASE(slub_debug_clobber_50th_byte),
	KUNIT_CASE(slub_debug_end_poison),
	KUNIT_CASE(slub_debug_clobber_redzone_free),
	KUNIT_CASE(slub_debug_kmalloc_redzone_access),
	KUNIT_CASE(slub_debug_object_padding),
	KUNIT_CASE(slub_debug_slab_padding),
	KUNIT_CASE(slub_debug_leak_destroy),
	KUNIT_CASE(slub_debug_kfree_rcu),
	KUNIT_CASE(slub_debug_free_already_free),
	KUNIT_CASE(slub_debug_free_invalid_pointer),
	KUNIT_CASE(slub_debug_double_free),
	KUNIT_CASE(slub_debug_free_checks_redzone),
	KUNIT_CASE(slub_debug_alloc_checks),
	KUNIT_CASE(slub_debug_report_texts),
	KUNIT_CASE(slub_debug_report_texts_poison_freechain),
	KUNIT_CASE(slub_debug_report_leak),
	KUNIT_CASE(slub_debug_trace),
	KUNIT_CASE(slub_debug_locations),
	KUNIT_CASE(slub_debug_parse),
	KUNIT_CASE_SLOW(slub_debug_boot_param),
	{}
};

static struct kunit_suite slub_debug_test_suite = {
	.name = "slub_debug",
	.test_cases = slub_debug_test_cases,
};
kunit_test_suite(slub_debug_test_suite);
