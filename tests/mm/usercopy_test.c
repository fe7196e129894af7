// SPDX-License-Identifier: MIT
/*
 * Hardened usercopy (mm/usercopy.c) through copy_to_user()/copy_from_user() and their __
 * forms: a kmalloc object may be copied whole (its ksize()) and no further; a cache's usercopy
 * region bounds every copy into or out of its objects (none at all without one), also in its
 * red zone; a large kmalloc ends with its pages; a stack buffer must lie in the part of the
 * stack in use; NULL, ZERO_SIZE_PTR and wrapping ranges never pass; sizes the compiler knows
 * and sizes above INT_MAX are refused with a WARN; user pointers that fault copy nothing; and
 * hardened_usercopy=0 turns the checks off.
 *
 * A refused copy BUG()s, which ends the KUnit case it happens in: such copies run in a case
 * of an inner suite, and the outer case checks that that case failed, that the copy did not
 * return, and the exact "Kernel memory ... attempt detected" line in the log. The objects are
 * allocated and freed by the outer case, so the inner one leaves nothing behind.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <krt/boot.h>
#include <krt/kunit.h>
#include <krt/panic.h>
#include <krt/printk.h>

#include "arch/host/host.h"
#include "mm/slab.h"

/* "User" memory: ordinary memory of the process, outside the direct map and the stacks. */
static char ubuf[64 << 10];

enum uc_mode {
	UC_TO_USER,		/* copy_to_user(ubuf, kbuf, n) */
	UC_FROM_USER,		/* copy_from_user(kbuf, ubuf, n) */
	UC___TO_USER,		/* __copy_to_user(ubuf, kbuf, n) */
	UC___FROM_USER,		/* __copy_from_user(kbuf, ubuf, n) */
	UC_STACK_TOP,		/* copy_to_user() of n bytes ending 32 bytes above the stack */
	UC_STACK_BELOW_SP,	/* copy_to_user() of n bytes of stack below the stack pointer */
};

/* The copy the inner case makes, and what came of it. */
static struct {
	enum uc_mode mode;
	void *kbuf;
	unsigned long n;
	unsigned long ret;
	bool returned;
} uc;

/* The lowest address of a frame that has returned: stack memory below the stack pointer. */
static noinline void *stale_stack_address(void)
{
	char buf[4096];
	void *p = buf;

	OPTIMIZER_HIDE_VAR(p);
	memset(p, 0, 64);
	return p;
}

/* noinline: the compiler cannot know the size of the buffers, as for a real caller. */
static noinline unsigned long uc_copy(enum uc_mode mode, void *kbuf, unsigned long n)
{
	uintptr_t lo, hi;

	switch (mode) {
	case UC_TO_USER:
		return copy_to_user(ubuf, kbuf, n);
	case UC_FROM_USER:
		return copy_from_user(kbuf, ubuf, n);
	case UC___TO_USER:
		return __copy_to_user(ubuf, kbuf, n);
	case UC___FROM_USER:
		return __copy_from_user(kbuf, ubuf, n);
	case UC_STACK_TOP:
		if (host_thread_stack(&lo, &hi))
			return ~0UL;
		return copy_to_user(ubuf, (void *)(hi - 32), n);
	case UC_STACK_BELOW_SP:
		return copy_to_user(ubuf, stale_stack_address(), n);
	}
	return ~0UL;
}

static void usercopy_inner_case(struct kunit *test)
{
	uc.ret = uc_copy(uc.mode, uc.kbuf, uc.n);
	WRITE_ONCE(uc.returned, true);
}

static struct kunit_case usercopy_inner_cases[] = {
	KUNIT_CASE(usercopy_inner_case),
	{}
};

static struct kunit_suite usercopy_inner_suite = {
	.name = "usercopy_inner",
	.test_cases = usercopy_inner_cases,
};

/*
 * The copy must be refused: the inner case fails at the BUG, after the log got every one of
 * the (up to two) @lines.
 */
static void expect_abort(struct kunit *test, enum uc_mode mode, void *kbuf, unsigned long n,
			 const char *line, const char *line2)
{
	struct kunit_krt_result result = {};

	uc.mode = mode;
	uc.kbuf = kbuf;
	uc.n = n;
	uc.returned = false;
	krt_printk_capture_begin(false);
	kunit_krt_capture_begin();
	kunit_run_suite_krt(&usercopy_inner_suite, &result);
	KUNIT_EXPECT_TRUE_MSG(test, kunit_krt_capture_contains("not ok 1 usercopy_inner_case"),
			      "copy of %lu bytes at %px was not refused", n, kbuf);
	kunit_krt_capture_end();
	KUNIT_EXPECT_EQ(test, result.failed, 1UL);
	KUNIT_EXPECT_FALSE(test, uc.returned);
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(line),
			      "expected \"%s\" in:\n%s", line, krt_printk_capture_text());
	if (line2)
		KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(line2),
				      "expected \"%s\" in:\n%s", line2, krt_printk_capture_text());
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("kernel BUG at mm/usercopy.c:"));
	krt_printk_capture_end();
}

/* The copy must go through, silently, and copy everything. */
static void expect_copy(struct kunit *test, enum uc_mode mode, void *kbuf, unsigned long n)
{
	krt_printk_capture_begin(false);
	memset(ubuf, 0x5a, n);
	if (mode == UC_TO_USER || mode == UC___TO_USER)
		memset(kbuf, 0xa5, n);
	KUNIT_EXPECT_EQ_MSG(test, uc_copy(mode, kbuf, n), 0UL, "copy of %lu bytes at %px", n,
			    kbuf);
	KUNIT_EXPECT_EQ(test, memcmp(ubuf, kbuf, n), 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

/* The name of the kmalloc cache of @size (a bucket size). */
static const char *kmalloc_name(char *buf, size_t len, size_t size)
{
	if (size >= 1024)
		snprintf(buf, len, "kmalloc-%zuk", size >> 10);
	else
		snprintf(buf, len, "kmalloc-%zu", size);
	return buf;
}

static void usercopy_kmalloc_whole_object(struct kunit *test)
{
	static const size_t sizes[] = { 8, 16, 64, 70, 96, 100, 192, 1000, 4096, 8192 };
	char line[160], name[32];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		/* Asked for whole: the sanitizers' view of an object ends at the size asked. */
		size_t size = kmalloc_size_roundup(sizes[i]);
		char *p = kmalloc(size, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, ksize(p), size);
		/* The whole bucket, and any part of it. */
		expect_copy(test, UC_TO_USER, p, size);
		expect_copy(test, UC_FROM_USER, p, size);
		expect_copy(test, UC___TO_USER, p + 1, size - 1);
		expect_copy(test, UC___FROM_USER, p + size - 1, 1);

		/* One byte more would expose the next object. */
		snprintf(line, sizeof(line),
			 "usercopy: Kernel memory exposure attempt detected from SLUB object '%s' "
			 "(offset 0, size %zu)!\n", kmalloc_name(name, sizeof(name), size),
			 size + 1);
		expect_abort(test, UC_TO_USER, p, size + 1, line, NULL);
		snprintf(line, sizeof(line),
			 "usercopy: Kernel memory overwrite attempt detected to SLUB object '%s' "
			 "(offset %zu, size 2)!\n", name, size - 1);
		expect_abort(test, UC_FROM_USER, p + size - 1, 2, line, NULL);
		kfree(p);
	}
}

static void usercopy_kmalloc_example(struct kunit *test)
{
	char *p = kmalloc(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	expect_abort(test, UC_TO_USER, p + 8, 100,
		     "usercopy: Kernel memory exposure attempt detected from SLUB object "
		     "'kmalloc-64' (offset 8, size 100)!\n", NULL);
	expect_abort(test, UC___FROM_USER, p + 8, 57,
		     "usercopy: Kernel memory overwrite attempt detected to SLUB object "
		     "'kmalloc-64' (offset 8, size 57)!\n", NULL);
	/* The check happens before anything is written. */
	memset(p, 0, 64);
	expect_abort(test, UC_FROM_USER, p + 60, 8,
		     "usercopy: Kernel memory overwrite attempt detected to SLUB object "
		     "'kmalloc-64' (offset 60, size 8)!\n", NULL);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0, 64));
	kfree(p);
}

static void usercopy_cache_window(struct kunit *test)
{
	struct kmem_cache *s;
	char *a, *b;

	s = kmem_cache_create_usercopy("usercopy_window", 128, 0, 0, 32, 16, NULL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);

	/* Inside [32, 48) of any object. */
	expect_copy(test, UC_TO_USER, a + 32, 16);
	expect_copy(test, UC_FROM_USER, a + 32, 16);
	expect_copy(test, UC_TO_USER, a + 36, 12);
	expect_copy(test, UC___TO_USER, b + 40, 8);
	expect_copy(test, UC___FROM_USER, b + 47, 1);

	/* Straddling either end, or elsewhere in the object. */
	expect_abort(test, UC_TO_USER, a + 40, 16,
		     "usercopy: Kernel memory exposure attempt detected from SLUB object "
		     "'usercopy_window' (offset 40, size 16)!\n", NULL);
	expect_abort(test, UC_FROM_USER, b + 24, 16,
		     "usercopy: Kernel memory overwrite attempt detected to SLUB object "
		     "'usercopy_window' (offset 24, size 16)!\n", NULL);
	expect_abort(test, UC___TO_USER, a, 128,
		     "usercopy: Kernel memory exposure attempt detected from SLUB object "
		     "'usercopy_window' (offset 0, size 128)!\n", NULL);
	expect_abort(test, UC___FROM_USER, b + 48, 1,
		     "usercopy: Kernel memory overwrite attempt detected to SLUB object "
		     "'usercopy_window' (offset 48, size 1)!\n", NULL);

	kmem_cache_free(s, a);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);
}

static void usercopy_cache_without_region(struct kunit *test)
{
	struct kmem_cache *s;
	char *a;

	s = kmem_cache_create("usercopy_none", 64, 0, SLAB_NO_MERGE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);

	expect_abort(test, UC_TO_USER, a, 1,
		     "usercopy: Kernel memory exposure attempt detected from SLUB object "
		     "'usercopy_none' (offset 0, size 1)!\n", NULL);
	expect_abort(test, UC_FROM_USER, a + 63, 1,
		     "usercopy: Kernel memory overwrite attempt detected to SLUB object "
		     "'usercopy_none' (offset 63, size 1)!\n", NULL);
	/* A zero-length copy touches nothing, so it is always fine. */
	expect_copy(test, UC_TO_USER, a, 0);

	kmem_cache_free(s, a);
	kmem_cache_destroy(s);
}

static void usercopy_red_zone(struct kunit *test)
{
	struct kmem_cache *s;
	char line[160];
	char *a;

	s = kmem_cache_create_usercopy("usercopy_redzone", 64, 0, SLAB_RED_ZONE, 0, 64, NULL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	if (!(s->flags & SLAB_RED_ZONE) || !s->red_left_pad) {
		kmem_cache_destroy(s);
		kunit_skip(test, "the cache has no left red zone");
	}
	a = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);

	/* The offset within the object does not count the red zone in front of it. */
	expect_copy(test, UC_TO_USER, a, 64);
	expect_copy(test, UC_FROM_USER, a + 16, 48);
	expect_abort(test, UC_TO_USER, a + 16, 49,
		     "usercopy: Kernel memory exposure attempt detected from SLUB object "
		     "'usercopy_redzone' (offset 16, size 49)!\n", NULL);
	snprintf(line, sizeof(line),
		 "usercopy: Kernel memory exposure attempt detected from SLUB object in left red "
		 "zone 'usercopy_redzone' (offset %u, size 8)!\n", s->red_left_pad - 4);
	expect_abort(test, UC_TO_USER, a - 4, 8, line, NULL);

	kmem_cache_free(s, a);
	kmem_cache_destroy(s);
}

static void usercopy_bogus_addresses(struct kunit *test)
{
	expect_abort(test, UC_TO_USER, NULL, 8,
		     "usercopy: Kernel memory exposure attempt detected from null address "
		     "(offset 0, size 8)!\n", NULL);
	expect_abort(test, UC_FROM_USER, ZERO_SIZE_PTR, 1,
		     "usercopy: Kernel memory overwrite attempt detected to null address "
		     "(offset 16, size 1)!\n", NULL);
	/* The end wraps around: the size reported is where it wraps to. */
	expect_abort(test, UC_TO_USER, (void *)-16UL, 32,
		     "usercopy: Kernel memory exposure attempt detected from wrapped address "
		     "(offset 0, size 16)!\n", NULL);
	/* Nothing to copy: nothing to check, even for NULL. */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, uc_copy(UC_TO_USER, NULL, 0), 0UL);
	KUNIT_EXPECT_EQ(test, uc_copy(UC_FROM_USER, ZERO_SIZE_PTR, 0), 0UL);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static void usercopy_large_kmalloc(struct kunit *test)
{
	char *p = kmalloc(32768, GFP_KERNEL);
	size_t size = ksize(p);

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_EQ(test, size, (size_t)32768);
	KUNIT_EXPECT_FALSE(test, PageSlab(virt_to_page(p)));
	/* A compound page outside the slab: anything up to its end. */
	expect_copy(test, UC_TO_USER, p, size);
	expect_copy(test, UC_FROM_USER, p + 4000, size - 4000);
	expect_copy(test, UC_TO_USER, p + size - 1, 1);
	expect_abort(test, UC_TO_USER, p + size - 100, 200,
		     "usercopy: Kernel memory exposure attempt detected from page alloc "
		     "(offset 32668, size 200)!\n", NULL);
	expect_abort(test, UC___FROM_USER, p, size + 1,
		     "usercopy: Kernel memory overwrite attempt detected to page alloc "
		     "(offset 0, size 32769)!\n", NULL);
	kfree(p);
}

static void usercopy_stack(struct kunit *test)
{
	char buf[256];
	uintptr_t lo, hi;

	if (host_thread_stack(&lo, &hi))
		kunit_skip(test, "the host does not tell the stack's bounds");
	KUNIT_EXPECT_TRUE(test, (uintptr_t)buf >= lo && (uintptr_t)buf + sizeof(buf) <= hi);

	/* A buffer of a live frame. */
	expect_copy(test, UC_TO_USER, buf, sizeof(buf));
	expect_copy(test, UC_FROM_USER, buf + 8, 100);

	/* Past the top of the stack, or in the part of it not in use. */
	expect_abort(test, UC_STACK_TOP, NULL, 64,
		     "usercopy: Kernel memory exposure attempt detected from process stack "
		     "(offset ", ", size 64)!\n");
	expect_abort(test, UC_STACK_BELOW_SP, NULL, 64,
		     "usercopy: Kernel memory exposure attempt detected from process stack "
		     "(offset ", ", size 64)!\n");
}

/* Copies the compiler can tell are too large for their buffer are refused with a WARN. */
#define OVERFLOW_LINE "Buffer overflow detected (100 < 128)!\n"

static void usercopy_known_size_overflow(struct kunit *test)
{
	unsigned long n = 128;
	char *p = kmalloc(100, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	OPTIMIZER_HIDE_VAR(n);
	if (__builtin_object_size(p, 0) != 100) {
		kfree(p);
		kunit_skip(test, "the compiler does not track kmalloc sizes");
	}
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, copy_to_user(ubuf, p, n), n);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(OVERFLOW_LINE));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("[ cut here ]"));
	krt_printk_capture_reset();
	/* Refused: nothing copied, and copy_from_user() zeroes nothing either. */
	memset(p, 0x11, 100);
	memset(ubuf, 0x22, n);
	KUNIT_EXPECT_EQ(test, copy_from_user(p, ubuf, n), n);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0x11, 100));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(OVERFLOW_LINE));
	krt_printk_capture_end();
	kfree(p);
}

static void usercopy_size_above_int_max(struct kunit *test)
{
	unsigned long n = (unsigned long)INT_MAX + 1;
	char *p = kmalloc(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	OPTIMIZER_HIDE_VAR(p);
	OPTIMIZER_HIDE_VAR(n);
	krt_clear_warn_once();
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, copy_to_user(ubuf, p, n), n);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" at include/linux/thread_info.h:"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Kernel memory"));
	krt_printk_capture_end();
	kfree(p);
}

static void usercopy_user_faults(struct kunit *test)
{
	char *p = kmalloc(64, GFP_KERNEL);
	unsigned long n = 64;

	KUNIT_ASSERT_NOT_NULL(test, p);
	OPTIMIZER_HIDE_VAR(n);
	/* A NULL user pointer faults: nothing copied, and copy_from_user() zeroes. */
	memset(p, 0x33, 64);
	KUNIT_EXPECT_EQ(test, copy_from_user(p, NULL, n), n);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0, 64));
	memset(p, 0x33, 64);
	KUNIT_EXPECT_EQ(test, copy_to_user((void __user *)8, p, n), n);
	KUNIT_EXPECT_EQ(test, __copy_from_user(p, (const void __user *)16, n), n);
	KUNIT_EXPECT_NULL(test, memchr_inv(p, 0x33, 64));
	/* A range past the user address space is refused by access_ok(). */
	KUNIT_EXPECT_FALSE(test, access_ok((void __user *)-64L, 128));
	KUNIT_EXPECT_EQ(test, copy_to_user((void __user *)(TASK_SIZE_MAX - 8), p, n), n);
	KUNIT_EXPECT_TRUE(test, access_ok(ubuf, sizeof(ubuf)));
	kfree(p);
}

static void usercopy_boot_parameter(struct kunit *test)
{
	struct kmem_cache *s;
	char *a;

	s = kmem_cache_create("usercopy_bypass", 64, 0, SLAB_NO_MERGE, NULL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	a = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);

	/* Unchecked: even an object without a usercopy region may be copied. */
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("hardened_usercopy=0"), 0);
	expect_copy(test, UC_TO_USER, a, 64);
	expect_copy(test, UC_FROM_USER, a + 8, 8);
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("hardened_usercopy=1"), 0);
	expect_abort(test, UC_TO_USER, a + 8, 8,
		     "usercopy: Kernel memory exposure attempt detected from SLUB object "
		     "'usercopy_bypass' (offset 8, size 8)!\n", NULL);

	/* A value that is no boolean is reported and changes nothing. */
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, krt_cmdline_apply("hardened_usercopy=maybe"), 0);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"usercopy: Invalid option string for hardened_usercopy: 'maybe'\n"));
	krt_printk_capture_end();
	expect_abort(test, UC_TO_USER, a, 1,
		     "usercopy: Kernel memory exposure attempt detected from SLUB object "
		     "'usercopy_bypass' (offset 0, size 1)!\n", NULL);

	kmem_cache_free(s, a);
	kmem_cache_destroy(s);
}

static void usercopy_exit(struct kunit *test)
{
	krt_cmdline_apply("hardened_usercopy=1");
}

static struct kunit_case usercopy_test_cases[] = {
	KUNIT_CASE(usercopy_kmalloc_whole_object),
	KUNIT_CASE(usercopy_kmalloc_example),
	KUNIT_CASE(usercopy_cache_window),
	KUNIT_CASE(usercopy_cache_without_region),
	KUNIT_CASE(usercopy_red_zone),
	KUNIT_CASE(usercopy_bogus_addresses),
	KUNIT_CASE(usercopy_large_kmalloc),
	KUNIT_CASE(usercopy_stack),
	KUNIT_CASE(usercopy_known_size_overflow),
	KUNIT_CASE(usercopy_size_above_int_max),
	KUNIT_CASE(usercopy_user_faults),
	KUNIT_CASE(usercopy_boot_parameter),
	{}
};

static struct kunit_suite usercopy_test_suite = {
	.name = "usercopy",
	.exit = usercopy_exit,
	.test_cases = usercopy_test_cases,
};
kunit_test_suite(usercopy_test_suite);
