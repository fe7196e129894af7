// SPDX-License-Identifier: MIT
/*
 * The kmalloc family (provisional host-heap allocator behind the kernel's API): size classes
 * and alignment, ZERO_SIZE_PTR, zeroing, overflow-checked array forms, size limits, krealloc,
 * kvmalloc, the string/memory duplicators, the "slab objects" leak counter, and reports for
 * bad frees and for blocking allocations in atomic context.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/sched/mm.h>
#include <linux/kthread.h>
#include <linux/rcupdate.h>
#include <krt/printk.h>
#include <krt/leak.h>
#include <krt/thread.h>


static long kmalloc_objects(void)
{
	const char *names[64];
	long values[64];
	int i, n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "slab objects"))
			return values[i];
	return -1;
}

static int kmalloc_test_init(struct kunit *test)
{
	krt_might_sleep_ratelimit_reset();
	return 0;
}

static void kmalloc_gfp_values(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, GFP_ATOMIC, 0x820U);
	KUNIT_EXPECT_EQ(test, GFP_KERNEL, 0xcc0U);
	KUNIT_EXPECT_EQ(test, GFP_KERNEL_ACCOUNT, 0x400cc0U);
	KUNIT_EXPECT_EQ(test, GFP_NOWAIT, 0x2800U);
	KUNIT_EXPECT_EQ(test, GFP_NOIO, 0xc00U);
	KUNIT_EXPECT_EQ(test, GFP_NOFS, 0xc40U);
	KUNIT_EXPECT_EQ(test, GFP_USER, 0x100cc0U);
	KUNIT_EXPECT_EQ(test, GFP_DMA, 0x1U);
	KUNIT_EXPECT_EQ(test, GFP_DMA32, 0x4U);
	KUNIT_EXPECT_EQ(test, GFP_HIGHUSER, 0x100cc2U);
	KUNIT_EXPECT_EQ(test, GFP_HIGHUSER_MOVABLE, 0x100ccaU);
	KUNIT_EXPECT_EQ(test, GFP_TRANSHUGE_LIGHT, 0x1c20caU);
	KUNIT_EXPECT_EQ(test, GFP_TRANSHUGE, 0x1c24caU);
	KUNIT_EXPECT_EQ(test, __GFP_RECLAIM, 0xc00U);
	KUNIT_EXPECT_EQ(test, __GFP_ZERO, 0x100U);
	KUNIT_EXPECT_EQ(test, __GFP_NOWARN, 0x2000U);
	KUNIT_EXPECT_EQ(test, __GFP_NOFAIL, 0x8000U);
	KUNIT_EXPECT_EQ(test, __GFP_ZEROTAGS, 0x800000U);
	KUNIT_EXPECT_EQ(test, __GFP_NOLOCKDEP, 0x1000000U);
	KUNIT_EXPECT_EQ(test, __GFP_SKIP_KASAN, 0U);
	KUNIT_EXPECT_EQ(test, GFP_ZONEMASK, 0xfU);
	KUNIT_EXPECT_EQ(test, __GFP_BITS_SHIFT, 25);
	KUNIT_EXPECT_TRUE(test, gfpflags_allow_blocking(GFP_KERNEL));
	KUNIT_EXPECT_TRUE(test, gfpflags_allow_blocking(GFP_NOIO));
	KUNIT_EXPECT_FALSE(test, gfpflags_allow_blocking(GFP_ATOMIC));
	KUNIT_EXPECT_FALSE(test, gfpflags_allow_blocking(GFP_NOWAIT));
	KUNIT_EXPECT_EQ(test, gfp_nested_mask(GFP_KERNEL | __GFP_ACCOUNT),
			GFP_KERNEL | __GFP_NORETRY | __GFP_NOMEMALLOC | __GFP_NOWARN);
	KUNIT_EXPECT_TRUE(test, gfp_has_io_fs(GFP_KERNEL));
	KUNIT_EXPECT_FALSE(test, gfp_has_io_fs(GFP_NOFS));
	KUNIT_EXPECT_EQ(test, default_gfp(), GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, default_gfp(GFP_ATOMIC), GFP_ATOMIC);
}

static void kmalloc_constants(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, KMALLOC_MAX_SIZE, 4UL << 20);
	KUNIT_EXPECT_EQ(test, KMALLOC_MAX_CACHE_SIZE, 8192UL);
	KUNIT_EXPECT_EQ(test, KMALLOC_MAX_ORDER, 10);
	KUNIT_EXPECT_EQ(test, KMALLOC_MIN_SIZE, 8);
	KUNIT_EXPECT_EQ(test, (unsigned long)ARCH_KMALLOC_MINALIGN, 8UL);
	KUNIT_EXPECT_PTR_EQ(test, ZERO_SIZE_PTR, (void *)16);
	KUNIT_EXPECT_TRUE(test, ZERO_OR_NULL_PTR(NULL));
	KUNIT_EXPECT_TRUE(test, ZERO_OR_NULL_PTR(ZERO_SIZE_PTR));
	KUNIT_EXPECT_FALSE(test, ZERO_OR_NULL_PTR((void *)17));
}

static void kmalloc_zero_size(struct kunit *test)
{
	long before = kmalloc_objects();

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_PTR_EQ(test, kmalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	KUNIT_EXPECT_PTR_EQ(test, kzalloc(0, GFP_KERNEL), ZERO_SIZE_PTR);
	KUNIT_EXPECT_PTR_EQ(test, kcalloc(0, 8, GFP_KERNEL), ZERO_SIZE_PTR);
	KUNIT_EXPECT_EQ(test, ksize(ZERO_SIZE_PTR), 0UL);
	KUNIT_EXPECT_EQ(test, ksize(NULL), 0UL);
	kfree(ZERO_SIZE_PTR);
	kfree(NULL);
	kfree_sensitive(ZERO_SIZE_PTR);
	kvfree(NULL);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before);
}

static void kmalloc_size_classes(struct kunit *test)
{
	static const struct { size_t req, cls; } t[] = {
		{ 1, 8 }, { 8, 8 }, { 9, 16 }, { 16, 16 }, { 17, 32 }, { 33, 64 }, { 64, 64 },
		{ 65, 96 }, { 70, 96 }, { 96, 96 }, { 97, 128 }, { 129, 192 }, { 192, 192 },
		{ 193, 256 }, { 1000, 1024 }, { 4097, 8192 }, { 8192, 8192 }, { 8193, 16384 },
		{ 12288, 16384 }, { 100000, 131072 }, { 4UL << 20, 4UL << 20 },
	};
	unsigned int i;

	KUNIT_EXPECT_EQ(test, kmalloc_size_roundup(0), 0UL);
	KUNIT_EXPECT_EQ(test, kmalloc_size_roundup((4UL << 20) + 1), (4UL << 20) + 1);
	for (i = 0; i < ARRAY_SIZE(t); i++) {
		char *p;

		KUNIT_EXPECT_EQ(test, kmalloc_size_roundup(t[i].req), t[i].cls);
		p = kmalloc(t[i].req, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, ksize(p), t[i].cls);
		kfree(p);
		/*
		 * The whole size class is usable when asked for (kmalloc_size_roundup()); beyond
		 * the request KASAN, and krt's ASan build, report it, even after ksize().
		 */
		p = kmalloc(kmalloc_size_roundup(t[i].req), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		memset(p, 0xaa, t[i].cls);
		kfree(p);
	}
}

static void kmalloc_alignment(struct kunit *test)
{
	size_t size;
	void *p;

	/* Power-of-two sizes are naturally aligned. */
	for (size = 8; size <= KMALLOC_MAX_SIZE; size <<= 1) {
		p = kmalloc(size, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, (unsigned long)p & (size - 1), 0UL);
		kfree(p);
	}
	/* Others: their size class's largest power-of-two divisor, at least 8. */
	p = kmalloc(96, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, (unsigned long)p & 31, 0UL);
	kfree(p);
	p = kmalloc(150, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, (unsigned long)p & 63, 0UL);
	kfree(p);
	p = kmalloc(3, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, (unsigned long)p & (ARCH_KMALLOC_MINALIGN - 1), 0UL);
	kfree(p);
}

static void kmalloc_zeroing(struct kunit *test)
{
	unsigned char *p, *q;
	size_t i, nonzero = 0;

	p = kmalloc(kmalloc_size_roundup(200), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0xff, ksize(p));
	kfree(p);

	/* Ask for the whole class: using more than was asked for is a bug, even within ksize(). */
	p = kzalloc(kmalloc_size_roundup(200), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, ksize(p), 256UL);
	for (i = 0; i < ksize(p); i++)
		nonzero += p[i] != 0;
	KUNIT_EXPECT_EQ(test, nonzero, 0UL);
	kfree(p);

	p = kcalloc(10, 30, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 300; i++)
		nonzero += p[i] != 0;
	KUNIT_EXPECT_EQ(test, nonzero, 0UL);
	kfree(p);

	p = kmalloc(64, GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(p, 64));
	kfree(p);

	/*
	 * kzalloc() clears the whole object, slack included, as the kernel does: growing it in
	 * place later shows zeroes, not what the object's previous user left.
	 */
	p = kmalloc(96, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0xff, 96);
	kfree(p);
	q = kzalloc(70, GFP_KERNEL);
	KUNIT_ASSERT_PTR_EQ(test, q, p);
	q = krealloc(q, 96, GFP_KERNEL);
	KUNIT_ASSERT_PTR_EQ(test, q, p);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(q, 96));
	kfree(q);
}

static void kmalloc_array_overflow(struct kunit *test)
{
	void *p = kmalloc(16, GFP_KERNEL);

	krt_printk_capture_begin(false);
	KUNIT_EXPECT_NULL(test, kmalloc_array(SIZE_MAX / 2, 3, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kcalloc(SIZE_MAX, 2, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kmalloc_array_node(3, SIZE_MAX / 2, GFP_KERNEL, NUMA_NO_NODE));
	KUNIT_EXPECT_NULL(test, kvmalloc_array(SIZE_MAX / 4, 8, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kvcalloc(SIZE_MAX / 4, 8, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, krealloc_array(p, SIZE_MAX / 2, 4, GFP_KERNEL));
	/* Overflow fails quietly, and the old object is untouched. */
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, ksize(p), 16UL);
	p = krealloc_array(p, 4, 8, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, ksize(p), 32UL);
	kfree(p);
}

static void kmalloc_too_large(struct kunit *test)
{
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_NULL(test, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	KUNIT_EXPECT_NULL(test, kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: CPU: "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" at mm/slub.c:"));
	krt_printk_capture_end();
}

static void kmalloc_krealloc(struct kunit *test)
{
	char *p, *q;
	int i;

	p = krealloc(NULL, 10, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (i = 0; i < 10; i++)
		p[i] = i;
	/* Still fits its 16-byte class: same object. */
	q = krealloc(p, 16, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, q, p);
	/* Growing moves the contents. */
	q = krealloc(p, kmalloc_size_roundup(100), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, q[i], i);
	KUNIT_EXPECT_EQ(test, ksize(q), 128UL);
	/* Shrinking with __GFP_ZERO keeps the object and clears the tail. */
	memset(q, 0x11, 128);
	p = krealloc(q, 50, GFP_KERNEL | __GFP_ZERO);
	KUNIT_EXPECT_PTR_EQ(test, p, q);
	KUNIT_EXPECT_EQ(test, p[49], 0x11);
	/* The tail is read through a krealloc() that asks for it back (in place). */
	q = krealloc(p, 128, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, q, p);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(p + 50, 128 - 50));
	/* A failed krealloc leaves the object alone. */
	q = krealloc(p, KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN);
	KUNIT_EXPECT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, p[0], 0x11);
	/* Size 0 frees. */
	KUNIT_EXPECT_PTR_EQ(test, krealloc(p, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	KUNIT_EXPECT_NOT_NULL(test, (p = krealloc(ZERO_SIZE_PTR, 8, GFP_KERNEL)));
	kfree(p);
}

static void kmalloc_double_free_reported(struct kunit *test)
{
	long before = kmalloc_objects();
	char *p = kmalloc(40, GFP_KERNEL), *q;

	KUNIT_ASSERT_NOT_NULL(test, p);
	kfree(p);
	krt_printk_capture_begin(false);
	kfree(p);
	/* SLUB's report, from the free pointer check of the fast path. */
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("BUG kmalloc-64 ("));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("): Object already free"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: CPU: "));
	krt_printk_capture_end();
	/* Nothing was corrupted: the allocator goes on working. */
	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before);
	q = kmalloc(40, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, q);
	kfree(q);
	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before);
}

static void kmalloc_foreign_pointer_reported(struct kunit *test)
{
	long before = kmalloc_objects();
	static char not_kmalloc[64];
	char *p = kmalloc(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	krt_printk_capture_begin(false);
	kfree(not_kmalloc);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("kfree: invalid pointer "), 1U);
	kfree(p + 8);	/* inside an object, not its start */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("kfree: invalid pointer "), 2U);
	KUNIT_EXPECT_EQ(test, ksize(not_kmalloc), 0UL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("ksize: "));
	KUNIT_EXPECT_NULL(test, krealloc(not_kmalloc, 128, GFP_KERNEL));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("krealloc: "));
	krt_printk_capture_end();
	/* The real object is intact and still owned by us. */
	KUNIT_EXPECT_EQ(test, ksize(p), 64UL);
	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before + 1);
	kfree(p);
}

static DEFINE_SPINLOCK(test_lock);

static void kmalloc_blocking_in_atomic_reported(struct kunit *test)
{
	void *p;

	krt_printk_capture_begin(false);
	spin_lock(&test_lock);
	p = kmalloc(32, GFP_ATOMIC);
	kfree(p);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	p = kmalloc(32, GFP_KERNEL);
	spin_unlock(&test_lock);
	KUNIT_EXPECT_NOT_NULL(test, p);
	kfree(p);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: sleeping function called from invalid context at include/linux/sched/mm.h:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("in_atomic(): 1, irqs_disabled(): 0"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("test_lock"));
	krt_printk_capture_end();

	/* might_alloc() itself, as code that may allocate uses it. */
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock(&test_lock);
	might_alloc(GFP_NOWAIT);
	might_alloc(GFP_NOIO);
	spin_unlock(&test_lock);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG: sleeping function called"), 1U);
	krt_printk_capture_end();
}

static void kmalloc_kfree_sensitive(struct kunit *test)
{
	long before = kmalloc_objects();
	unsigned char *p = kmalloc(64, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memset(p, 0xaa, 64);
	krt_printk_capture_begin(false);
	kfree_sensitive(p);
	kvfree_sensitive(kvmalloc(32, GFP_KERNEL), 32);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before);
}

static void kmalloc_leak_counter(struct kunit *test)
{
	long before = kmalloc_objects();
	void *a = kmalloc(10, GFP_KERNEL), *b = kvmalloc(100000, GFP_KERNEL);

	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before + 2);
	kfree(a);
	kvfree(b);
	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before);
}

static void kmalloc_kfree_bulk(struct kunit *test)
{
	void *p[300], *saved;
	long before = kmalloc_objects();
	int i;

	for (i = 0; i < 300; i++) {
		p[i] = kmalloc(8 + i, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p[i]);
	}
	kfree(p[7]);
	p[7] = NULL;
	saved = p[9];
	p[9] = ZERO_SIZE_PTR;
	krt_printk_capture_begin(false);
	kfree_bulk(200, p + 100);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	kfree(p[8]);
	kfree_bulk(100, p);	/* skips NULL and ZERO_SIZE_PTR; p[8] is a double free */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("Object already free"), 1U);
	krt_printk_capture_end();
	kfree(saved);
	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before);
}

static void kmalloc_kfree_bulk_double_free(struct kunit *test)
{
	void *p[3];

	p[0] = kmalloc(8, GFP_KERNEL);
	p[1] = kmalloc(8, GFP_KERNEL);
	p[2] = p[0];
	krt_printk_capture_begin(false);
	kfree_bulk(3, p);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("Object already free"), 1U);
	krt_printk_capture_end();
}

static void kmalloc_typed_helpers(struct kunit *test)
{
	struct flex {
		int n;
		long v[];
	} *f;
	size_t huge;
	long *arr;
	int *one;

	one = kzalloc_obj(*one);
	KUNIT_ASSERT_NOT_NULL(test, one);
	KUNIT_EXPECT_EQ(test, *one, 0);
	kfree(one);
	arr = kmalloc_objs(long, 10, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, arr);
	KUNIT_EXPECT_EQ(test, ksize(arr), 96UL);
	kfree(arr);
	f = kzalloc_flex(*f, v, 5);
	KUNIT_ASSERT_NOT_NULL(test, f);
	KUNIT_EXPECT_GE(test, ksize(f), sizeof(*f) + 5 * sizeof(long));
	kfree(f);
	huge = SIZE_MAX / 4;
	OPTIMIZER_HIDE_VAR(huge);
	KUNIT_EXPECT_NULL(test, kmalloc_objs(long, huge, GFP_KERNEL | __GFP_NOWARN));
}

static void kmalloc_duplicators(struct kunit *test)
{
	static const char lit[] = "literal";
	static const int src[4] = { 1, 2, 3, 4 };
	const char *c;
	char *s;
	int *a;

	s = kstrdup("hello", GFP_KERNEL);
	KUNIT_EXPECT_STREQ(test, s, "hello");
	kfree(s);
	KUNIT_EXPECT_NULL(test, kstrdup(NULL, GFP_KERNEL));
	s = kstrndup("hello world", 5, GFP_KERNEL);
	KUNIT_EXPECT_STREQ(test, s, "hello");
	kfree(s);
	s = kmemdup_nul("abcdef", 3, GFP_KERNEL);
	KUNIT_EXPECT_STREQ(test, s, "abc");
	kfree(s);
	s = kmemdup("xyz", 4, GFP_KERNEL);
	KUNIT_EXPECT_STREQ(test, s, "xyz");
	kfree(s);
	a = kmemdup_array(src, 4, sizeof(int), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_EQ(test, a[3], 4);
	kfree(a);
	KUNIT_EXPECT_NULL(test, kmemdup_array(src, SIZE_MAX / 2, 4, GFP_KERNEL | __GFP_NOWARN));
	a = kvmemdup(src, sizeof(src), GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, a[0], 1);
	kvfree(a);

	krt_printk_capture_begin(false);
	c = kstrdup_const(lit, GFP_KERNEL);
	KUNIT_EXPECT_STREQ(test, c, "literal");
	kfree_const(c);
	kfree_const(lit);	/* constant: left alone, no report */
	kfree_const("another literal");
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static void kmalloc_kvmalloc(struct kunit *test)
{
	size_t big = 8UL << 20;
	char *p, *q;

	p = kvmalloc(100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	kvfree(p);

	/* Beyond kmalloc's limit: served by the "vmalloc" half, page aligned, silently. */
	krt_printk_capture_begin(false);
	p = kvzalloc(big, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, (unsigned long)p & (PAGE_SIZE - 1), 0UL);
	KUNIT_EXPECT_TRUE(test, p[0] == 0 && p[big - 1] == 0);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	p[big - 1] = 7;

	/* vmalloc cannot serve non-blocking requests. */
	KUNIT_EXPECT_NULL(test, kvmalloc(big, GFP_ATOMIC));

	q = kvrealloc(p, big * 2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_EQ(test, q[big - 1], 7);
	p = kvrealloc(q, 64, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, p, q);
	kvfree_sensitive(p, 64);

	p = kvmalloc_array(1000, 1000, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, p);
	kvfree(p);
}

/* Objects allocated in one thread and freed in another, many threads at once. */
#define XFREE_THREADS 4
#define XFREE_OBJS 2000

static void *xfree_slots[XFREE_THREADS][XFREE_OBJS];

static int xfree_fn(void *arg)
{
	long me = (long)arg;
	int i, round;

	for (round = 0; round < 5; round++) {
		for (i = 0; i < XFREE_OBJS; i++) {
			xfree_slots[me][i] = kmalloc(16 + (i % 300), GFP_KERNEL);
			if (!xfree_slots[me][i])
				return -ENOMEM;
		}
		/* ... and free them again, while the other threads do the same. */
		for (i = 0; i < XFREE_OBJS; i++)
			kfree(xchg(&xfree_slots[me][i], NULL));
	}
	return 0;
}

static void kmalloc_concurrent(struct kunit *test)
{
	struct task_struct *t[XFREE_THREADS];
	long before = kmalloc_objects();
	long i;

	for (i = 0; i < XFREE_THREADS; i++) {
		t[i] = krt_thread_create(xfree_fn, (void *)i, "kmalloc-xfree");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < XFREE_THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	KUNIT_EXPECT_EQ(test, kmalloc_objects(), before);
}

/* Bad frees through the other entry points are reported too, and never write anywhere. */
static void kmalloc_const_and_sensitive_double_free(struct kunit *test)
{
	char *s = kstrdup("secret", GFP_KERNEL);
	const char *t = kstrdup_const("literal-or-copy", GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, s);
	krt_printk_capture_begin(false);
	kfree_const(t);
	kfree_const(t);			/* a kmalloc copy or a literal: only a copy reports */
	kfree_const("a literal");	/* never an object: left alone, silently */
	kvfree_sensitive(s, 6);
	kvfree_sensitive(s, 6);		/* reported; the freed memory is not cleared again */
	/* kstrdup_const() copies in krt: both second frees are reported. */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("Object already free"), 2U);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("invalid pointer"));
	krt_printk_capture_end();
}

/* kmalloc(0) returns ZERO_SIZE_PTR before the allocation hooks: no might_sleep report. */
static void kmalloc_zero_size_in_atomic_is_quiet(struct kunit *test)
{
	void *p;

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	preempt_disable();
	p = kmalloc(0, GFP_KERNEL);
	preempt_enable();
	KUNIT_EXPECT_PTR_EQ(test, p, ZERO_SIZE_PTR);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static struct kunit_case kmalloc_test_cases[] = {
	KUNIT_CASE(kmalloc_gfp_values),
	KUNIT_CASE(kmalloc_constants),
	KUNIT_CASE(kmalloc_zero_size),
	KUNIT_CASE(kmalloc_size_classes),
	KUNIT_CASE(kmalloc_alignment),
	KUNIT_CASE(kmalloc_zeroing),
	KUNIT_CASE(kmalloc_array_overflow),
	KUNIT_CASE(kmalloc_too_large),
	KUNIT_CASE(kmalloc_krealloc),
	KUNIT_CASE(kmalloc_double_free_reported),
	KUNIT_CASE(kmalloc_foreign_pointer_reported),
	KUNIT_CASE(kmalloc_blocking_in_atomic_reported),
	KUNIT_CASE(kmalloc_kfree_sensitive),
	KUNIT_CASE(kmalloc_const_and_sensitive_double_free),
	KUNIT_CASE(kmalloc_zero_size_in_atomic_is_quiet),
	KUNIT_CASE(kmalloc_leak_counter),
	KUNIT_CASE(kmalloc_kfree_bulk),
	KUNIT_CASE(kmalloc_kfree_bulk_double_free),
	KUNIT_CASE(kmalloc_typed_helpers),
	KUNIT_CASE(kmalloc_duplicators),
	KUNIT_CASE(kmalloc_kvmalloc),
	KUNIT_CASE(kmalloc_concurrent),
	{}
};

static struct kunit_suite kmalloc_test_suite = {
	.name = "kmalloc",
	.init = kmalloc_test_init,
	.test_cases = kmalloc_test_cases,
};
kunit_test_suite(kmalloc_test_suite);
