// SPDX-License-Identifier: MIT
/*
 * The slab allocator (mm/slub.c, mm/slab_common.c) against the kernel's: the calls of
 * core-api/memory-allocation.rst as written there, every kmem_cache_create() form, alignment
 * (calculate_alignment(), kmalloc's size classes), slab order and objects per slab
 * (calculate_order()), constructors, SLAB_TYPESAFE_BY_RCU, destroy with objects left, shrink
 * and min_partial, bulk allocation, the reports for wrong caches, double and bad frees, merging,
 * per-thread object caches at thread exit and AddressSanitizer's view of objects.
 *
 * Caches are created with SLAB_NO_MERGE wherever the test looks at a cache's own layout or
 * counters, so that another cache of the same size cannot stand in for them.
 */
#include <kunit/test.h>
#include <kunit/resource.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/overflow.h>
#include <linux/cache.h>
#include <linux/kasan.h>
#include <linux/log2.h>
#include <linux/sort.h>
#include <linux/delay.h>
#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include <linux/completion.h>
#include <linux/sched.h>
#include <linux/shrinker.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>

#include "arch/host/host.h"
#include "mm/internal.h"
#include "mm/slab.h"

#define FAIL_NTH	"/proc/thread-self/fail-nth"
#define MAKE_IT_FAIL	"/proc/thread-self/make-it-fail"
#define FPA_DIR		"/sys/kernel/debug/fail_page_alloc/"

/* A cache of the test's own: never merged, so its layout and counters are its own. */
static struct kmem_cache *own_cache(struct kunit *test, const char *name, unsigned int size,
				    slab_flags_t flags)
{
	struct kmem_cache *s = kmem_cache_create(name, size, NULL, flags | SLAB_NO_MERGE);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	return s;
}

/* Objects of @s in its slabs that are handed out or in some thread's array. */
static unsigned long node_inuse(struct kmem_cache *s)
{
	unsigned long n;

	host_mutex_lock(&s->node.list_lock);
	n = s->node.inuse_objects;
	host_mutex_unlock(&s->node.list_lock);
	return n;
}

static unsigned long node_slabs(struct kmem_cache *s)
{
	unsigned long n;

	host_mutex_lock(&s->node.list_lock);
	n = s->node.nr_slabs;
	host_mutex_unlock(&s->node.list_lock);
	return n;
}

static int cmp_ptr(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;

	return x < y ? -1 : x > y;
}

/* How many of the @n pointers at @p appear more than once (sorts @p). */
static unsigned int duplicates(void **p, size_t n)
{
	unsigned int dup = 0;
	size_t i;

	sort(p, n, sizeof(*p), cmp_ptr, NULL);
	for (i = 1; i < n; i++)
		dup += p[i] == p[i - 1];
	return dup;
}

static ssize_t write_str(const char *path, const char *value)
{
	return krt_proc_write(path, value, strlen(value));
}

/* ------------------------------------------------------------------------------------------ */
/* memory-allocation.rst, "Selecting memory allocator", as written */

struct seed_item {
	int id;
	char name[20];
	unsigned long flags;
};

struct seed_flex {
	unsigned int n;
	u64 values[];
};

static void slab_seed_kmalloc_family(struct kunit *test)
{
	struct seed_item *item, *items;
	struct seed_flex *flex;
	size_t huge = SIZE_MAX / 2;
	char *buf, *grown;
	unsigned int i;
	int *ints;

	/* "it's best to use routines that set memory to zero, like kzalloc()" */
	item = kzalloc(sizeof(struct seed_item), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, item);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(item, sizeof(*item)));
	KUNIT_EXPECT_GE(test, ksize(item), sizeof(*item));
	kfree(item);

	/* Arrays: kmalloc_array() and kcalloc(), NULL (quietly) on overflow. */
	items = kmalloc_array(10, sizeof(*items), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	KUNIT_EXPECT_GE(test, ksize(items), 10 * sizeof(*items));
	for (i = 0; i < 10; i++)
		items[i].id = i;
	kfree(items);
	ints = kcalloc(100, sizeof(int), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ints);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(ints, 100 * sizeof(int)));
	kfree(ints);
	OPTIMIZER_HIDE_VAR(huge);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_NULL(test, kmalloc_array(huge, 4, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, kcalloc(4, huge, GFP_KERNEL));
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();

	/* The size helpers: exact when they fit, SIZE_MAX (and so a failed kmalloc) when not. */
	KUNIT_EXPECT_EQ(test, struct_size(flex, values, 5), sizeof(*flex) + 5 * sizeof(u64));
	KUNIT_EXPECT_EQ(test, struct_size(flex, values, huge), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, array_size(7, 9), 63UL);
	KUNIT_EXPECT_EQ(test, array_size(huge, 3), SIZE_MAX);
	KUNIT_EXPECT_EQ(test, array3_size(2, 3, 4), 24UL);
	KUNIT_EXPECT_EQ(test, array3_size(2, huge, 2), SIZE_MAX);
	flex = kzalloc(struct_size(flex, values, 5), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, flex);
	flex->n = 5;
	flex->values[4] = 44;
	kfree(flex);
	KUNIT_EXPECT_NULL(test, kzalloc(struct_size(flex, values, huge),
					GFP_KERNEL | __GFP_NOWARN));
	KUNIT_EXPECT_NULL(test, kmalloc(array3_size(huge, 2, 2), GFP_KERNEL | __GFP_NOWARN));

	/* krealloc() moves the contents when it must grow, krealloc_array() checks overflow. */
	buf = kmalloc(32, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < 32; i++)
		buf[i] = i;
	grown = krealloc(buf, 300, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, grown);
	KUNIT_EXPECT_EQ(test, ksize(grown), 512UL);
	for (i = 0; i < 32; i++)
		KUNIT_EXPECT_EQ(test, grown[i], (char)i);
	items = krealloc_array(NULL, 3, sizeof(*items), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	items[2].id = 2;
	items = krealloc_array(items, 30, sizeof(*items), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	KUNIT_EXPECT_EQ(test, items[2].id, 2);
	KUNIT_EXPECT_NULL(test, krealloc_array(items, huge, sizeof(*items), GFP_KERNEL));
	KUNIT_EXPECT_EQ(test, items[2].id, 2);	/* untouched after the failure */
	kfree(items);

	/* "You can use kvfree() for the memory allocated with kmalloc" */
	kvfree(grown);
}

#ifdef KRT_ASAN
/*
 * A forked child shares nothing with its parent in the kernel. Children below use only objects
 * that the forking thread's own arrays already hold (warm_up()), so that they change no slab
 * or cache state the parent could see if the child's memory were not its own.
 */
static void warm_up(struct kmem_cache *s, size_t kmalloc_size)
{
	void *p = s ? kmem_cache_alloc(s, GFP_KERNEL) : kmalloc(kmalloc_size, GFP_KERNEL);

	if (s)
		kmem_cache_free(s, p);
	else
		kfree(p);
}
#endif

/* krealloc() copies ksize() bytes, beyond what the first kmalloc() asked for. */
static int krealloc_grow_short_object(void)
{
	char *p = kmalloc(10, GFP_KERNEL), *q;

	if (!p)
		return 3;
	memcpy(p, "012345678", 10);
	q = krealloc(p, 200, GFP_KERNEL);
	if (!q)
		return 4;
	if (strcmp(q, "012345678")) {
		kfree(q);
		return 5;
	}
	kfree(q);
	return 0;
}

#ifdef KRT_ASAN
static void krealloc_child(void *arg)
{
	host_exit_now(krealloc_grow_short_object());
}
#endif

/*
 * krealloc() of an object that was allocated shorter than its size class: the copy reads the
 * bytes past the request, which the kernel does with KASAN checks off (kasan_disable_current()
 * around the memcpy in __do_krealloc()). In an ASan build it runs in a child, where an ASan
 * report ends only the child.
 */
static void slab_krealloc_grows_short_object(struct kunit *test)
{
#ifdef KRT_ASAN
	int signo = 0;

	warm_up(NULL, 10);
	warm_up(NULL, 200);
	KUNIT_EXPECT_EQ(test, host_run_in_child(krealloc_child, NULL, &signo), 0);
	KUNIT_EXPECT_EQ(test, signo, 0);
#else
	KUNIT_EXPECT_EQ(test, krealloc_grow_short_object(), 0);
#endif
}

static void fork_child_writes(void *arg)
{
	memset(arg, 'B', 64);
	host_exit_now(0);
}

/*
 * fork() gives the child a copy of memory: what it writes into slab objects (and so into
 * free pointers and into struct kmem_cache, which are slab objects too) is not the parent's.
 */
static void slab_fork_child_memory_is_its_own(struct kunit *test)
{
	char *buf = kmalloc(64, GFP_KERNEL);
	int signo = 0;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	memset(buf, 'A', 64);
	KUNIT_EXPECT_EQ(test, host_run_in_child(fork_child_writes, buf, &signo), 0);
	KUNIT_EXPECT_EQ(test, buf[0], 'A');
	KUNIT_EXPECT_EQ(test, buf[63], 'A');
	kfree(buf);
}

/* ------------------------------------------------------------------------------------------ */
/* kmem_cache_create() in all its forms */

struct slab_test_item {
	u32 a;
	u64 b __aligned(32);
	char tail[40];
};

struct slab_test_uitem {
	unsigned long head;
	char buf[24];
	unsigned long tail;
};

static atomic_t forms_ctor_calls;

static void forms_ctor(void *obj)
{
	atomic_inc(&forms_ctor_calls);
	memset(obj, 0x5c, 16);
}

/* Allocate with every allocation call, free, check the counts follow. */
static void exercise_cache(struct kunit *test, struct kmem_cache *s)
{
	void *p[5];
	int i;

	p[0] = kmem_cache_alloc(s, GFP_KERNEL);
	p[1] = kmem_cache_zalloc(s, GFP_KERNEL);
	p[2] = kmem_cache_alloc_node(s, GFP_KERNEL, NUMA_NO_NODE);
	p[3] = kmem_cache_alloc_node(s, GFP_KERNEL, 0);
	p[4] = kmem_cache_alloc_lru(s, NULL, GFP_KERNEL);
	for (i = 0; i < 5; i++) {
		KUNIT_ASSERT_NOT_NULL(test, p[i]);
		KUNIT_EXPECT_EQ(test, (unsigned long)p[i] & (s->align - 1), 0UL);
		KUNIT_EXPECT_PTR_EQ(test, virt_to_slab(p[i])->slab_cache, s);
	}
	KUNIT_EXPECT_TRUE(test, mem_is_zero(p[1], kmem_cache_size(s)));
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 5U);
	for (i = 0; i < 5; i++)
		memset(p[i], 0xa5, kmem_cache_size(s));
	kmem_cache_free(s, p[0]);
	kmem_cache_free(s, p[1]);
	kfree(p[2]);		/* kmem_cache objects may be freed with kfree()/kvfree() */
	kvfree(p[3]);
	kmem_cache_free(s, p[4]);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
}

/* SLAB_CACHE_DMA/DMA32 caches and kmalloc(GFP_DMA) take their slabs from those zones. */
static void slab_dma_caches(struct kunit *test)
{
	struct kmem_cache *dma = own_cache(test, "slab_dma", 200, SLAB_CACHE_DMA);
	struct kmem_cache *dma32 = own_cache(test, "slab_dma32", 200, SLAB_CACHE_DMA32);
	void *a = kmem_cache_alloc(dma, GFP_KERNEL);
	void *b = kmem_cache_alloc(dma32, GFP_KERNEL);
	void *c = kmalloc(100, GFP_KERNEL | GFP_DMA);
	void *d = kzalloc_node(100, GFP_KERNEL, NUMA_NO_NODE);
	u32 *e = kcalloc_node(4, sizeof(u32), GFP_KERNEL, 0);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, d);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, page_zonenum(virt_to_page(a)), ZONE_DMA);
	KUNIT_EXPECT_EQ(test, page_zonenum(virt_to_page(b)), ZONE_DMA32);
	KUNIT_EXPECT_EQ(test, page_zonenum(virt_to_page(c)), ZONE_DMA);
	KUNIT_EXPECT_STREQ(test, virt_to_slab(c)->slab_cache->name, "dma-kmalloc-128");
	KUNIT_EXPECT_STREQ(test, virt_to_slab(d)->slab_cache->name, "kmalloc-128");
	KUNIT_EXPECT_TRUE(test, mem_is_zero(d, 100));
	KUNIT_EXPECT_TRUE(test, mem_is_zero(e, 4 * sizeof(u32)));
	KUNIT_EXPECT_NULL(test, kcalloc_node(SIZE_MAX / 2, 4, GFP_KERNEL, 0));
	kmem_cache_free(dma, a);
	kmem_cache_free(dma32, b);
	kfree(c);
	kfree(d);
	kfree(e);
	kmem_cache_destroy(dma);
	kmem_cache_destroy(dma32);
}

/* SLAB_PANIC: a cache that cannot be created panics, in a child that dies of it. */
static void slab_panic_child(void *arg)
{
	kmem_cache_create("slab_panic", 0, NULL, SLAB_PANIC);
	host_exit_now(0);
}

static void slab_panic_flag(struct kunit *test)
{
	int signo = 0;

	/* panic() aborts (a sanitizer's runtime may turn that into its own exit status). */
	KUNIT_EXPECT_NE(test, host_run_in_child(slab_panic_child, NULL, &signo), 0);
}

static void slab_cache_create_forms(struct kunit *test)
{
	struct kmem_cache_args args = { .align = 64, .ctor = forms_ctor };
	struct kmem_cache *legacy, *four, *dflt, *ucopy, *km, *kmu, *bogus;
	unsigned long not_args = 0;
	void *bogus_args = &not_args;

	/* Legacy 5 arguments: (name, size, align, flags, ctor). */
	atomic_set(&forms_ctor_calls, 0);
	legacy = kmem_cache_create("slab_forms_legacy", 100, 16, SLAB_NO_MERGE, forms_ctor);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, legacy);
	KUNIT_EXPECT_STREQ(test, kmem_cache_name(legacy), "slab_forms_legacy");
	KUNIT_EXPECT_EQ(test, kmem_cache_size(legacy), 100U);
	KUNIT_EXPECT_EQ(test, legacy->align, 16U);
	KUNIT_EXPECT_PTR_EQ(test, (void *)legacy->ctor, (void *)forms_ctor);
	exercise_cache(test, legacy);
	KUNIT_EXPECT_EQ(test, atomic_read(&forms_ctor_calls), (int)legacy->objects);
	kmem_cache_destroy(legacy);

	/* (name, size, struct kmem_cache_args *, flags). */
	atomic_set(&forms_ctor_calls, 0);
	four = kmem_cache_create("slab_forms_args", 72, &args, 0);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, four);
	KUNIT_EXPECT_EQ(test, kmem_cache_size(four), 72U);
	KUNIT_EXPECT_EQ(test, four->align, 64U);
	KUNIT_EXPECT_EQ(test, four->size, 128U);	/* 72 + the free pointer, aligned to 64 */
	exercise_cache(test, four);
	KUNIT_EXPECT_EQ(test, atomic_read(&forms_ctor_calls), (int)four->objects);
	kmem_cache_destroy(four);

	/* (name, size, NULL, flags): the defaults. */
	dflt = kmem_cache_create("slab_forms_null", 52, NULL, SLAB_NO_MERGE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dflt);
	KUNIT_EXPECT_EQ(test, kmem_cache_size(dflt), 52U);
	KUNIT_EXPECT_EQ(test, dflt->align, 8U);
	KUNIT_EXPECT_EQ(test, dflt->size, 56U);
	KUNIT_EXPECT_NULL(test, dflt->ctor);
	KUNIT_EXPECT_EQ(test, dflt->usersize, 0U);
	exercise_cache(test, dflt);
	kmem_cache_destroy(dflt);

	/* Any other void * is a mistake: WARN and ERR_PTR(-EINVAL). */
	krt_printk_capture_begin(false);
	bogus = kmem_cache_create("slab_forms_bogus", 64, bogus_args, 0);
	KUNIT_EXPECT_TRUE(test, IS_ERR(bogus));
	KUNIT_EXPECT_EQ(test, PTR_ERR(bogus), (long)-EINVAL);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: CPU: "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("include/linux/slab.h:"));
	krt_printk_capture_end();

	/* kmem_cache_create_usercopy(): the region is kept, and such caches are never merged. */
	ucopy = kmem_cache_create_usercopy("slab_forms_usercopy", 128, 0, 0, 16, 32, NULL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ucopy);
	KUNIT_EXPECT_EQ(test, ucopy->useroffset, 16U);
	KUNIT_EXPECT_EQ(test, ucopy->usersize, 32U);
	KUNIT_EXPECT_STREQ(test, kmem_cache_name(ucopy), "slab_forms_usercopy");
	exercise_cache(test, ucopy);
	kmem_cache_destroy(ucopy);

	/* KMEM_CACHE(): named after the struct, its size and alignment. */
	km = KMEM_CACHE(slab_test_item, SLAB_NO_MERGE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, km);
	KUNIT_EXPECT_STREQ(test, kmem_cache_name(km), "slab_test_item");
	KUNIT_EXPECT_EQ(test, kmem_cache_size(km), (unsigned int)sizeof(struct slab_test_item));
	KUNIT_EXPECT_EQ(test, km->align, 32U);
	exercise_cache(test, km);
	kmem_cache_destroy(km);

	/* KMEM_CACHE_USERCOPY(): the field is the usercopy region. */
	kmu = KMEM_CACHE_USERCOPY(slab_test_uitem, 0, buf);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, kmu);
	KUNIT_EXPECT_STREQ(test, kmem_cache_name(kmu), "slab_test_uitem");
	KUNIT_EXPECT_EQ(test, kmu->useroffset,
			(unsigned int)offsetof(struct slab_test_uitem, buf));
	KUNIT_EXPECT_EQ(test, kmu->usersize, 24U);
	exercise_cache(test, kmu);
	kmem_cache_destroy(kmu);
}

/* ------------------------------------------------------------------------------------------ */
/* Alignment */

static void slab_calculate_alignment(struct kunit *test)
{
	/* The kernel's calculate_alignment() with a 64-byte cache line and minimum 8. */
	static const struct {
		unsigned int size, align;
		slab_flags_t flags;
		unsigned int want;
	} t[] = {
		{ 4, 0, SLAB_HWCACHE_ALIGN, 8 },	/* halved down to 4, then the minimum */
		{ 8, 0, SLAB_HWCACHE_ALIGN, 8 },
		{ 10, 0, SLAB_HWCACHE_ALIGN, 16 },
		{ 16, 0, SLAB_HWCACHE_ALIGN, 16 },
		{ 20, 0, SLAB_HWCACHE_ALIGN, 32 },
		{ 32, 0, SLAB_HWCACHE_ALIGN, 32 },
		{ 33, 0, SLAB_HWCACHE_ALIGN, 64 },
		{ 100, 0, SLAB_HWCACHE_ALIGN, 64 },
		{ 20, 16, SLAB_HWCACHE_ALIGN, 32 },
		{ 20, 128, SLAB_HWCACHE_ALIGN, 128 },
		{ 100, 256, SLAB_HWCACHE_ALIGN, 256 },
		{ 10, 0, 0, 8 },
		{ 10, 4, 0, 8 },
		{ 3, 2, 0, 8 },
		{ 24, 16, 0, 16 },
		{ 10, 128, 0, 128 },
		{ 200, 512, 0, 512 },
	};
	unsigned int i, j, misaligned;
	void *objs[300];

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		struct kmem_cache_args args = { .align = t[i].align };
		struct kmem_cache *s;

		s = kmem_cache_create("slab_align", t[i].size, &args, t[i].flags | SLAB_NO_MERGE);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
		KUNIT_EXPECT_EQ_MSG(test, s->align, t[i].want, "size %u align %u flags %#x",
				    t[i].size, t[i].align, t[i].flags);
		KUNIT_EXPECT_EQ_MSG(test, s->size, ALIGN(ALIGN(t[i].size, 8U), t[i].want),
				    "size %u align %u", t[i].size, t[i].align);
		misaligned = 0;
		for (j = 0; j < ARRAY_SIZE(objs); j++) {
			objs[j] = kmem_cache_alloc(s, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, objs[j]);
			misaligned += !IS_ALIGNED((unsigned long)objs[j], t[i].want);
		}
		KUNIT_EXPECT_EQ_MSG(test, misaligned, 0U, "size %u align %u", t[i].size,
				    t[i].align);
		for (j = 0; j < ARRAY_SIZE(objs); j++)
			kmem_cache_free(s, objs[j]);
		kmem_cache_destroy(s);
	}
}

/* Largest power of two dividing @size, at least ARCH_KMALLOC_MINALIGN. */
static unsigned long natural_align(unsigned long size)
{
	return max(size & -size, (unsigned long)ARCH_KMALLOC_MINALIGN);
}

static void slab_kmalloc_class_alignment(struct kunit *test)
{
	static const unsigned int classes[] = {
		8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096, 8192,
	};
	unsigned int i, j, n, misaligned;
	void **objs;

	KUNIT_EXPECT_EQ(test, natural_align(96), 32UL);
	KUNIT_EXPECT_EQ(test, natural_align(192), 64UL);
	objs = kvmalloc_array(2048, sizeof(void *), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < ARRAY_SIZE(classes); i++) {
		unsigned int size = classes[i];
		unsigned long want = natural_align(size);

		/* Several slabs' worth, so objects at every slot of a slab are seen. */
		n = min(2048U, max(3 * (unsigned int)((PAGE_SIZE << 3) / size), 64U));
		misaligned = 0;
		for (j = 0; j < n; j++) {
			objs[j] = kmalloc(size, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, objs[j]);
			misaligned += !IS_ALIGNED((unsigned long)objs[j], want);
			if (j < 64)
				KUNIT_EXPECT_EQ(test, ksize(objs[j]), (size_t)size);
		}
		KUNIT_EXPECT_EQ_MSG(test, misaligned, 0U, "kmalloc(%u) aligned to %lu", size, want);
		/* Smaller requests served by the same class sit at the same places. */
		for (j = 0; j < 32 && size > 8; j++) {
			void *p = kmalloc(size - 1, GFP_KERNEL);

			KUNIT_ASSERT_NOT_NULL(test, p);
			misaligned += !IS_ALIGNED((unsigned long)p, want);
			kfree(p);
		}
		KUNIT_EXPECT_EQ_MSG(test, misaligned, 0U, "kmalloc(%u) aligned to %lu", size - 1,
				    want);
		for (j = 0; j < n; j++)
			kfree(objs[j]);
	}
	kvfree(objs);

	/* The kmalloc caches themselves, as the kernel's create_boot_cache() aligns them. */
	for (i = 1; i <= KMALLOC_SHIFT_HIGH; i++) {
		struct kmem_cache *s = kmalloc_caches[KMALLOC_NORMAL][i];
		unsigned int size;

		if (!s)
			continue;
		size = s->object_size;
		KUNIT_EXPECT_EQ_MSG(test, s->align, is_power_of_2(size) ? size : 8U, "%s", s->name);
		KUNIT_EXPECT_EQ_MSG(test, s->size, size, "%s", s->name);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Slab order and objects per slab: the kernel's calculate_order() */

struct order_case {
	unsigned int size, order, objects;
};

/*
 * Worked out with mm/slub.c's calculate_order() and calc_slab_order() of Linux 6.12 for
 * slub_min_objects = 4 * (fls(nr_cpus) + 1) = 12 (2 or 3 CPUs), slub_max_order 3, 4 KiB pages.
 */
static const struct order_case kmalloc_orders[] = {
	{ 8, 0, 512 }, { 16, 0, 256 }, { 32, 0, 128 }, { 64, 0, 64 }, { 96, 0, 42 },
	{ 128, 0, 32 }, { 192, 0, 21 }, { 256, 0, 16 }, { 512, 1, 16 }, { 1024, 2, 16 },
	{ 2048, 3, 16 }, { 4096, 3, 8 }, { 8192, 3, 4 },
};

static const struct order_case custom_orders[] = {
	{ 40, 0, 102 }, { 200, 0, 20 }, { 328, 0, 12 }, { 704, 2, 23 }, { 1032, 2, 15 },
	{ 1536, 3, 21 }, { 3000, 3, 10 }, { 6000, 3, 5 }, { 9000, 3, 3 }, { 40000, 4, 1 },
};

static void slab_order_matches_kernel(struct kunit *test)
{
	unsigned int i, j;

	if (4 * (fls(host_ncpus()) + 1) != 12)
		kunit_skip(test, "table worked out for 2-3 CPUs, this host has %d", host_ncpus());

	for (i = 0; i < ARRAY_SIZE(kmalloc_orders); i++) {
		const struct order_case *c = &kmalloc_orders[i];
		struct kmem_cache *s = NULL;

		for (j = 1; j <= KMALLOC_SHIFT_HIGH; j++)
			if (kmalloc_caches[KMALLOC_NORMAL][j] &&
			    kmalloc_caches[KMALLOC_NORMAL][j]->object_size == c->size)
				s = kmalloc_caches[KMALLOC_NORMAL][j];
		KUNIT_ASSERT_NOT_NULL_MSG(test, s, "no kmalloc cache of size %u", c->size);
		KUNIT_EXPECT_EQ_MSG(test, s->order, c->order, "%s", s->name);
		KUNIT_EXPECT_EQ_MSG(test, s->objects, c->objects, "%s", s->name);
	}
	KUNIT_EXPECT_EQ(test, kmalloc_slab(8192, GFP_KERNEL)->order, 3U);

	for (i = 0; i < ARRAY_SIZE(custom_orders); i++) {
		const struct order_case *c = &custom_orders[i];
		struct kmem_cache *s = own_cache(test, "slab_order", c->size, 0);
		struct slab *slab;
		void *p;

		KUNIT_EXPECT_EQ_MSG(test, s->size, c->size, "size %u", c->size);
		KUNIT_EXPECT_EQ_MSG(test, s->order, c->order, "size %u", c->size);
		KUNIT_EXPECT_EQ_MSG(test, s->objects, c->objects, "size %u", c->size);
		/* The slabs really are of that order. */
		p = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		slab = virt_to_slab(p);
		KUNIT_ASSERT_NOT_NULL(test, slab);
		KUNIT_EXPECT_EQ_MSG(test, slab_order(slab), c->order, "size %u", c->size);
		KUNIT_EXPECT_EQ_MSG(test, slab->objects, c->objects, "size %u", c->size);
		kmem_cache_free(s, p);
		kmem_cache_destroy(s);
	}
}

/* ------------------------------------------------------------------------------------------ */
/* Constructors */

#define CTOR_MAGIC 0xc0de5eedU

struct ctor_obj {
	u32 magic;
	u32 generation;
	char data[56];
};

static atomic_t ctor_calls;

static void ctor_fn(void *p)
{
	struct ctor_obj *o = p;

	atomic_inc(&ctor_calls);
	o->magic = CTOR_MAGIC;
	o->generation = 0;
}

static void slab_ctor_once_per_object(struct kunit *test)
{
	struct kmem_cache *s;
	struct ctor_obj *objs[200];
	unsigned int i, per_slab, not_constructed = 0, generation_lost = 0;

	atomic_set(&ctor_calls, 0);
	s = kmem_cache_create("slab_ctor", sizeof(struct ctor_obj), 0, SLAB_NO_MERGE, ctor_fn);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	/* The free pointer lives outside the object, which keeps its constructed state. */
	KUNIT_EXPECT_GE(test, s->offset, s->object_size);
	per_slab = s->objects;
	KUNIT_ASSERT_GT(test, per_slab, 8U);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctor_calls), 0);

	/* The first allocation makes a slab: every one of its objects is constructed then. */
	objs[0] = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs[0]);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctor_calls), (int)per_slab);
	for (i = 1; i < per_slab; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	/* ... and not again on allocation. */
	KUNIT_EXPECT_EQ(test, atomic_read(&ctor_calls), (int)per_slab);
	for (i = 0; i < per_slab; i++) {
		not_constructed += objs[i]->magic != CTOR_MAGIC;
		objs[i]->generation = 1;	/* state the user keeps across free */
	}
	KUNIT_EXPECT_EQ(test, not_constructed, 0U);

	/* Freed and allocated again: no constructor call, the state is what was freed. */
	for (i = 0; i < per_slab; i++)
		kmem_cache_free(s, objs[i]);
	for (i = 0; i < per_slab; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		not_constructed += objs[i]->magic != CTOR_MAGIC;
		generation_lost += objs[i]->generation != 1;
	}
	KUNIT_EXPECT_EQ(test, not_constructed, 0U);
	KUNIT_EXPECT_EQ(test, generation_lost, 0U);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctor_calls), (int)per_slab);

	/* More slabs: exactly one call per object of each new slab. */
	for (i = per_slab; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		not_constructed += objs[i]->magic != CTOR_MAGIC;
	}
	KUNIT_EXPECT_EQ(test, not_constructed, 0U);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctor_calls), (int)(node_slabs(s) * per_slab));
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}

/* __GFP_ZERO would undo the constructor: new_slab()'s WARN_ON_ONCE. */
static void slab_ctor_gfp_zero_warns_once(struct kunit *test)
{
	struct kmem_cache *a, *b;
	struct ctor_obj *p, *q;

	a = kmem_cache_create("slab_ctor_zero_a", sizeof(struct ctor_obj), 0, SLAB_NO_MERGE,
			      ctor_fn);
	b = kmem_cache_create("slab_ctor_zero_b", sizeof(struct ctor_obj), 0, SLAB_NO_MERGE,
			      ctor_fn);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, a);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, b);
	krt_printk_capture_begin(false);
	p = kmem_cache_zalloc(a, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING: CPU: "), 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("new_slab"));
	/* Once: another ctor cache's new slab does not warn again. */
	q = kmem_cache_zalloc(b, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING: CPU: "), 1U);
	krt_printk_capture_end();
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_EXPECT_TRUE(test, mem_is_zero(p, sizeof(*p)));
	kmem_cache_free(a, p);
	kmem_cache_free(b, q);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

/* ------------------------------------------------------------------------------------------ */
/* SLAB_TYPESAFE_BY_RCU */

struct rcu_obj {
	refcount_t ref;
	int key;
	char payload[56];
};

/*
 * The lookup of the kernel's comment on SLAB_TYPESAFE_BY_RCU (include/linux/slab.h): a
 * reference taken under rcu_read_lock() on an object that may have been freed and reused, then
 * the identity checked again.
 */
static struct rcu_obj *typesafe_get(struct rcu_obj *obj, int key)
{
	if (!obj || !refcount_inc_not_zero(&obj->ref))
		return NULL;
	if (READ_ONCE(obj->key) != key) {	/* not the object we expected */
		refcount_dec(&obj->ref);
		return NULL;
	}
	return obj;
}

static void typesafe_put(struct kmem_cache *s, struct rcu_obj *obj)
{
	if (refcount_dec_and_test(&obj->ref))
		kmem_cache_free(s, obj);
}

static struct rcu_obj *typesafe_new(struct kmem_cache *s, int key, gfp_t gfp)
{
	struct rcu_obj *obj = kmem_cache_alloc(s, gfp);

	if (obj) {
		obj->key = key;
		refcount_set(&obj->ref, 1);
	}
	return obj;
}

static void slab_typesafe_by_rcu_lookup(struct kunit *test)
{
	struct rcu_obj __rcu *table[2] = {};
	struct kmem_cache *s;
	struct rcu_obj *a, *b, *seen, *got;

	s = kmem_cache_create("slab_typesafe", sizeof(struct rcu_obj), NULL,
			      SLAB_TYPESAFE_BY_RCU);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	/* The free pointer cannot be inside the object: readers may still look at it. */
	KUNIT_EXPECT_GE(test, s->offset, s->object_size);

	a = typesafe_new(s, 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	rcu_assign_pointer(table[0], a);

	/* A reader finds object 1 ... */
	rcu_read_lock();
	seen = rcu_dereference(table[0]);
	KUNIT_EXPECT_PTR_EQ(test, seen, a);

	/* ... while it is removed, freed and its memory reused at once for object 2. */
	RCU_INIT_POINTER(table[0], NULL);
	typesafe_put(s, a);
	b = typesafe_new(s, 2, GFP_ATOMIC);	/* inside the reader's section */
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_PTR_EQ(test, b, a);	/* no grace period before reuse */
	rcu_assign_pointer(table[1], b);

	/* The reference is taken on object 2; the identity check catches it. */
	got = typesafe_get(seen, 1);
	KUNIT_EXPECT_NULL(test, got);
	KUNIT_EXPECT_EQ(test, refcount_read(&b->ref), 1U);
	/* A lookup of what the reader wants now finds it. */
	got = typesafe_get(rcu_dereference(table[1]), 2);
	KUNIT_EXPECT_PTR_EQ(test, got, b);
	rcu_read_unlock();
	if (got)
		typesafe_put(s, got);
	KUNIT_EXPECT_EQ(test, refcount_read(&b->ref), 1U);

#ifndef KRT_ASAN
	/*
	 * Freed and not reused: the memory stays an rcu_obj, whose count of 0 makes the reader
	 * back off. (ASan builds check this in slab_asan_typesafe_by_rcu_readable.)
	 */
	rcu_read_lock();
	seen = rcu_dereference(table[1]);
	RCU_INIT_POINTER(table[1], NULL);
	typesafe_put(s, b);
	KUNIT_EXPECT_EQ(test, refcount_read(&seen->ref), 0U);
	KUNIT_EXPECT_EQ(test, seen->key, 2);
	KUNIT_EXPECT_NULL(test, typesafe_get(seen, 2));
	KUNIT_EXPECT_PTR_EQ(test, virt_to_slab(seen)->slab_cache, s);
	rcu_read_unlock();
#else
	RCU_INIT_POINTER(table[1], NULL);
	typesafe_put(s, b);
#endif
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	kmem_cache_destroy(s);
}

struct rcu_obj_fp {
	refcount_t ref;
	int key;
	void *spare;		/* what the allocator may use while the object is free */
	char payload[40];
};

/*
 * SLAB_TYPESAFE_BY_RCU with kmem_cache_args.freeptr_offset: the free pointer goes where the
 * caller said, inside the object, and the object is no larger for it. Only valid for such
 * caches, inside the object and word aligned.
 */
static void slab_typesafe_by_rcu_freeptr_offset(struct kunit *test)
{
	struct kmem_cache_args args = {
		.freeptr_offset = offsetof(struct rcu_obj_fp, spare),
		.use_freeptr_offset = true,
	};
	struct kmem_cache *s, *bad;
	struct rcu_obj_fp *a, *b;

	s = kmem_cache_create("slab_typesafe_fp", sizeof(struct rcu_obj_fp), &args,
			      SLAB_TYPESAFE_BY_RCU);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	KUNIT_EXPECT_EQ(test, s->offset, (unsigned int)offsetof(struct rcu_obj_fp, spare));
	KUNIT_EXPECT_EQ(test, s->size, (unsigned int)sizeof(struct rcu_obj_fp));
	a = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	a->key = 5;
	refcount_set(&a->ref, 1);
	kmem_cache_free(s, a);
	b = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, b, a);
	kmem_cache_free(s, b);
	kmem_cache_destroy(s);

	krt_printk_capture_begin(false);
	args.freeptr_offset = 4;	/* not aligned */
	bad = kmem_cache_create("slab_typesafe_fp_bad", sizeof(struct rcu_obj_fp), &args,
				SLAB_TYPESAFE_BY_RCU);
	KUNIT_EXPECT_NULL(test, bad);
	args.freeptr_offset = sizeof(struct rcu_obj_fp);	/* outside the object */
	bad = kmem_cache_create("slab_typesafe_fp_bad", sizeof(struct rcu_obj_fp), &args,
				SLAB_TYPESAFE_BY_RCU);
	KUNIT_EXPECT_NULL(test, bad);
	args.freeptr_offset = 8;	/* without SLAB_TYPESAFE_BY_RCU */
	bad = kmem_cache_create("slab_typesafe_fp_bad", sizeof(struct rcu_obj_fp), &args,
				SLAB_NO_MERGE);
	KUNIT_EXPECT_NULL(test, bad);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(
		"__kmem_cache_create_args(slab_typesafe_fp_bad) failed with error -22\n"), 3U);
	krt_printk_capture_end();
}

struct rcu_holder {
	atomic_t inside;
	atomic_t release;
};

/* Stay in an RCU read-side critical section until told: no grace period can end meanwhile. */
static int rcu_holder_fn(void *data)
{
	struct rcu_holder *h = data;

	rcu_read_lock();
	atomic_set_release(&h->inside, 1);
	while (!atomic_read_acquire(&h->release))
		cpu_relax();
	rcu_read_unlock();
	return 0;
}

static void slab_typesafe_by_rcu_pages_wait_for_grace_period(struct kunit *test)
{
	struct rcu_holder holder = {};
	unsigned int i, n, still_slab = 0;
	struct task_struct *t;
	struct kmem_cache *s;
	long pages_held, pages_freed, slab_pages;
	void **objs;

	s = kmem_cache_create("slab_typesafe_pages", 256, NULL, SLAB_TYPESAFE_BY_RCU);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	n = 3 * s->objects;
	objs = kcalloc(n, sizeof(void *), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	slab_pages = node_slabs(s) << s->order;
	KUNIT_EXPECT_GE(test, slab_pages, 3L << s->order);

	t = krt_thread_create(rcu_holder_fn, &holder, "slab-rcu-holder");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	while (!atomic_read_acquire(&holder.inside))
		cpu_relax();

	pages_held = krt_slab_pages();
	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	/* Every slab is off the cache at once ... */
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	KUNIT_EXPECT_EQ(test, node_slabs(s), 0UL);
	/* ... but goes back to the page allocator only after a grace period. */
	msleep(20);
	KUNIT_EXPECT_EQ(test, krt_slab_pages(), pages_held);
	for (i = 0; i < n; i++) {
		struct page *page = compound_head(virt_to_page(objs[i]));

		still_slab += PageSlab(page) && page_slab(page)->slab_cache == s;
	}
	KUNIT_EXPECT_EQ(test, still_slab, n);

	atomic_set_release(&holder.release, 1);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	rcu_barrier();
	pages_freed = krt_slab_pages();
	KUNIT_EXPECT_EQ(test, pages_freed, pages_held - slab_pages);
	kfree(objs);
	kmem_cache_destroy(s);
}

/* ------------------------------------------------------------------------------------------ */
/* kmem_cache_destroy() */

static void slab_destroy_with_objects_leaks_cache(struct kunit *test)
{
	static const char destroy_warning[] =
		"kmem_cache_destroy slab_destroy_leak: Slab cache still has objects when called from ";
	struct kmem_cache *s = own_cache(test, "slab_destroy_leak", 128, 0);
	void *p[3];
	int i;

	for (i = 0; i < 3; i++) {
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p[i]);
	}
	krt_printk_capture_begin(false);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"=============================================================================\n"
		"BUG slab_destroy_leak ("));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"): Objects remaining on __kmem_cache_shutdown()\n"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(" @offset="), 3U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(destroy_warning));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: CPU: "));
	krt_printk_capture_reset();

	/* The cache was leaked, not freed: its objects can still be freed, quietly. */
	for (i = 0; i < 3; i++)
		kmem_cache_free(s, p[i]);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	/* Destroying NULL does nothing. */
	kmem_cache_destroy(NULL);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
}

static struct kunit_resource slab_errors_resource;
static int slab_errors;

/*
 * lib/slub_kunit.c's test_leak_destroy: inside a KUnit test owning a "slab_errors" resource the
 * report is counted (the BUG header and the one object: 2), not printed, and no WARN. The cache
 * is leaked as outside KUnit.
 */
static void slab_destroy_leak_counted_in_kunit(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_leak_destroy", 64, 0);
	void *p;

	slab_errors = 0;
	KUNIT_ASSERT_EQ(test, kunit_add_named_resource(test, NULL, NULL, &slab_errors_resource,
						       "slab_errors", &slab_errors), 0);
	p = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	krt_printk_capture_begin(false);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, slab_errors, 2);
	kmem_cache_free(s, p);
}

static void slab_destroy_empty_is_quiet(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_destroy_quiet", 128, 0);
	long pages = krt_slab_pages();
	void *p[100];
	int i;

	for (i = 0; i < 100; i++)
		p[i] = kmem_cache_alloc(s, GFP_KERNEL);
	for (i = 0; i < 100; i++)
		kmem_cache_free(s, p[i]);
	krt_printk_capture_begin(false);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, krt_slab_pages(), pages);
}

/* ------------------------------------------------------------------------------------------ */
/* Shrinking, min_partial */

#define MANY 100000

static void slab_shrink_returns_every_page(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_shrink", 64, 0);
	void **objs = kvmalloc_array(MANY, sizeof(void *), GFP_KERNEL);
	long pages0;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, objs);
	pages0 = krt_slab_pages();
	for (i = 0; i < MANY; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), (unsigned int)MANY);
	KUNIT_EXPECT_GE(test, node_slabs(s), (unsigned long)DIV_ROUND_UP(MANY, s->objects));
	KUNIT_EXPECT_GE(test, krt_slab_pages() - pages0, (long)(MANY / s->objects) << s->order);

	/* With objects left, shrink keeps their slabs and says so. */
	for (i = 1; i < MANY; i++)
		kmem_cache_free(s, objs[i]);
	KUNIT_EXPECT_NE(test, kmem_cache_shrink(s), 0);
	KUNIT_EXPECT_EQ(test, node_slabs(s), 1UL);
	kmem_cache_free(s, objs[0]);
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	KUNIT_EXPECT_EQ(test, node_slabs(s), 0UL);
	KUNIT_EXPECT_EQ(test, krt_slab_pages(), pages0);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	kvfree(objs);
	kmem_cache_destroy(s);
}

static void slab_empty_slabs_beyond_min_partial_freed(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_min_partial", 64, 0);
	void **objs = kvmalloc_array(MANY, sizeof(void *), GFP_KERNEL);
	unsigned long slabs;
	long pages0;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, objs);
	/* The kernel's min_partial: ilog2(size) / 2 clamped to [5, 10]. */
	KUNIT_EXPECT_EQ(test, s->min_partial, 5U);
	pages0 = krt_slab_pages();
	for (i = 0; i < MANY; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	for (i = 0; i < MANY; i++)
		kmem_cache_free(s, objs[i]);
	/*
	 * No shrink: only min_partial empty slabs stay, plus the few that hold the objects in
	 * this thread's array.
	 */
	slabs = node_slabs(s);
	KUNIT_EXPECT_LE(test, slabs, (unsigned long)s->min_partial + 2);
	KUNIT_EXPECT_LE(test, krt_slab_pages() - pages0, (long)(s->min_partial + 2) << s->order);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	kvfree(objs);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_EQ(test, krt_slab_pages(), pages0);
}

/*
 * Under memory pressure reclaim asks the shrinkers (shrink_slab()): the slab's "slab-empty"
 * shrinker gives back the empty slabs caches keep for their next allocations.
 */
static void slab_reclaim_takes_kept_empty_slabs(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_reclaim", 64, 0);
	void **objs = kvmalloc_array(MANY, sizeof(void *), GFP_KERNEL);
	long pages0 = krt_slab_pages();
	int i;

	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < MANY; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	for (i = 0; i < MANY; i++)
		kmem_cache_free(s, objs[i]);
	kvfree(objs);
	flush_all_cpu_caches(s);
	KUNIT_EXPECT_EQ(test, node_slabs(s), (unsigned long)s->min_partial);
	for (i = 0; i < 10 && node_slabs(s); i++)
		shrink_slab(GFP_KERNEL, 0, NULL, 0);
	KUNIT_EXPECT_EQ(test, node_slabs(s), 0UL);
	KUNIT_EXPECT_LE(test, krt_slab_pages(), pages0);
	kmem_cache_destroy(s);
}

struct churn {
	struct kmem_cache *s;
	unsigned int nr, keep;
	void **kept;
	struct completion done_freeing;
	struct completion may_exit;
};

/* Allocate @nr objects, free all but @keep (handed to the test), then wait to be let go. */
static int churn_fn(void *data)
{
	struct churn *c = data;
	void **objs = kvmalloc_array(c->nr, sizeof(void *), GFP_KERNEL);
	unsigned int i;

	if (!objs)
		return -ENOMEM;
	for (i = 0; i < c->nr; i++) {
		objs[i] = kmem_cache_alloc(c->s, GFP_KERNEL);
		if (!objs[i])
			return -ENOMEM;
	}
	for (i = 0; i < c->keep; i++)
		c->kept[i] = objs[i];
	for (i = c->keep; i < c->nr; i++)
		kmem_cache_free(c->s, objs[i]);
	kvfree(objs);
	complete(&c->done_freeing);
	wait_for_completion(&c->may_exit);
	return 0;
}

static struct task_struct *start_churn(struct kunit *test, struct churn *c,
				       struct kmem_cache *s, unsigned int nr, unsigned int keep)
{
	struct task_struct *t;

	c->s = s;
	c->nr = nr;
	c->keep = keep;
	c->kept = keep ? kcalloc(keep, sizeof(void *), GFP_KERNEL) : NULL;
	init_completion(&c->done_freeing);
	init_completion(&c->may_exit);
	t = krt_thread_create(churn_fn, c, "slab-churn");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	wait_for_completion(&c->done_freeing);
	return t;
}

/*
 * The kernel's kmem_cache_shrink() flushes every CPU's slab and partial slabs first
 * (flush_all()), so once every object is free, every slab goes back, whichever CPU freed them.
 */
static void slab_shrink_flushes_other_threads(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_shrink_others", 64, 0);
	struct task_struct *t;
	struct churn c;

	t = start_churn(test, &c, s, 1000, 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	KUNIT_EXPECT_EQ(test, node_slabs(s), 0UL);
	KUNIT_EXPECT_EQ(test, node_inuse(s), 0UL);
	complete(&c.may_exit);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	kmem_cache_destroy(s);
}

/* In a forked child the churn thread is gone; its array's objects must go back to the slabs. */
static void fork_orphans_child(void *arg)
{
	struct kmem_cache *s = arg;

	if (kmem_cache_active_objects(s))
		host_exit_now(2);
	if (kmem_cache_shrink(s) || node_slabs(s))
		host_exit_now(3);
	kmem_cache_destroy(s);
	host_exit_now(0);
}

static void slab_fork_child_takes_back_orphaned_arrays(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_fork_orphans", 64, 0);
	struct task_struct *t;
	struct churn c;
	int signo;

	t = start_churn(test, &c, s, 1000, 0);
	KUNIT_EXPECT_GT(test, node_slabs(s), 0UL);
	KUNIT_EXPECT_EQ(test, host_run_in_child(fork_orphans_child, s, &signo), 0);
	KUNIT_EXPECT_EQ(test, signo, 0);
	complete(&c.may_exit);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	kmem_cache_destroy(s);
}

/* ------------------------------------------------------------------------------------------ */
/* Per-thread object caches at thread exit */

static void slab_thread_exit_returns_objects(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_thread_exit", 96, 0);
	struct task_struct *t;
	struct churn c;
	unsigned int i;

	t = start_churn(test, &c, s, 2000, 50);
	KUNIT_ASSERT_NOT_NULL(test, c.kept);
	/* Freed objects wait in the thread's array: free, yet still out of their slabs. */
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 50U);
	KUNIT_EXPECT_GT(test, node_inuse(s), 50UL);
	complete(&c.may_exit);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);

	/* Gone with the thread: back in their slabs, the empty slabs beyond min_partial freed. */
	KUNIT_EXPECT_EQ(test, node_inuse(s), 50UL);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 50U);
	KUNIT_EXPECT_LE(test, node_slabs(s),
			(unsigned long)DIV_ROUND_UP(50, s->objects) + s->min_partial);
	for (i = 0; i < 50; i++)
		kmem_cache_free(s, c.kept[i]);
	kfree(c.kept);
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(s), 0);
	KUNIT_EXPECT_EQ(test, node_slabs(s), 0UL);
	kmem_cache_destroy(s);
}

/* ------------------------------------------------------------------------------------------ */
/* Bulk */

static void slab_bulk_alloc_free(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_bulk", 48, 0);
	void *p[300], *q[40];
	long objects0 = slab_objects_read();
	unsigned int i;

	KUNIT_EXPECT_EQ(test, kmem_cache_alloc_bulk(s, GFP_KERNEL, 0, p), 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_alloc_bulk(s, GFP_KERNEL, ARRAY_SIZE(p), p),
			(int)ARRAY_SIZE(p));
	for (i = 0; i < ARRAY_SIZE(p); i++) {
		KUNIT_ASSERT_NOT_NULL(test, p[i]);
		KUNIT_EXPECT_PTR_EQ(test, virt_to_slab(p[i])->slab_cache, s);
		memset(p[i], i, 48);
	}
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), (unsigned int)ARRAY_SIZE(p));
	memcpy(q, p, sizeof(q));
	KUNIT_EXPECT_EQ(test, duplicates(q, ARRAY_SIZE(q)), 0U);
	/* __GFP_ZERO is honoured in bulk too. */
	kmem_cache_free_bulk(s, 40, p);
	KUNIT_EXPECT_EQ(test, kmem_cache_alloc_bulk(s, GFP_KERNEL | __GFP_ZERO, 40, p), 40);
	for (i = 0; i < 40; i++)
		KUNIT_EXPECT_TRUE(test, mem_is_zero(p[i], 48));
	kmem_cache_free_bulk(s, ARRAY_SIZE(p), p);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);

	/* kfree_bulk(): any mix of kmalloc and cache objects, NULLs skipped. */
	for (i = 0; i < 40; i++) {
		if (i == 7)
			q[i] = NULL;
		else if (i == 8)
			q[i] = kmalloc(20000, GFP_KERNEL);	/* a large kmalloc */
		else if (i & 1)
			q[i] = kmalloc(8 + 40 * i, GFP_KERNEL);
		else
			q[i] = kmem_cache_alloc(s, GFP_KERNEL);
	}
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 19U);
	krt_printk_capture_begin(false);
	kfree_bulk(40, q);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	KUNIT_EXPECT_EQ(test, slab_objects_read(), objects0);
	kmem_cache_destroy(s);
}

static void slab_bulk_fail_nth(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_bulk_nth", 48, 0);
	void *p[64], *one;
	char buf[16];
	int got;

	/* The failure comes first: nothing is allocated, and nothing is left over. */
	KUNIT_ASSERT_EQ(test, write_str(FAIL_NTH, "1"), 1);
	KUNIT_EXPECT_EQ(test, kmem_cache_alloc_bulk(s, GFP_ATOMIC, ARRAY_SIZE(p), p), 0);
	KUNIT_EXPECT_EQ(test, current->fail_nth, 0U);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	KUNIT_EXPECT_GT(test, krt_proc_read(FAIL_NTH, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "0\n");

	/*
	 * A bulk allocation asks failslab once (slab_pre_alloc_hook() in
	 * kmem_cache_alloc_bulk_noprof()), however many objects it takes: with fail-nth 2 it
	 * succeeds and the next allocation is the one that fails.
	 */
	KUNIT_ASSERT_EQ(test, write_str(FAIL_NTH, "2"), 1);
	got = kmem_cache_alloc_bulk(s, GFP_ATOMIC, ARRAY_SIZE(p), p);
	KUNIT_EXPECT_EQ(test, got, (int)ARRAY_SIZE(p));
	KUNIT_EXPECT_EQ(test, current->fail_nth, 1U);
	one = kmem_cache_alloc(s, GFP_ATOMIC);
	KUNIT_EXPECT_NULL(test, one);
	write_str(FAIL_NTH, "0");
	kmem_cache_free(s, one);
	kmem_cache_free_bulk(s, got, p);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	kmem_cache_destroy(s);
}

/* fail_page_alloc knobs used below, and their defaults. */
static const char *const fpa_knobs[][2] = {
	{ "probability", "0" }, { "times", "1" }, { "space", "0" }, { "verbose", "2" },
	{ "task-filter", "N" }, { "min-order", "1" },
};

static void fpa_restore(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(fpa_knobs); i++) {
		char path[128];

		snprintf(path, sizeof(path), FPA_DIR "%s", fpa_knobs[i][0]);
		write_str(path, fpa_knobs[i][1]);
	}
	write_str(MAKE_IT_FAIL, "0");
}

static int fpa_set(const char *knob, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), FPA_DIR "%s", knob);
	return write_str(path, value) == (ssize_t)strlen(value) ? 0 : -EIO;
}

/*
 * All or nothing: the first slab's worth of objects is allocated, then no page can be had for
 * a second slab; the bulk allocation returns 0 and gives back what it took.
 */
static void slab_bulk_all_or_nothing(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_bulk_aon", 1032, 0);
	unsigned int per_slab = s->objects, order = s->order;
	char space[16];
	void *p[64];
	int err = 0;

	KUNIT_ASSERT_LT(test, per_slab, (unsigned int)ARRAY_SIZE(p));
	/*
	 * This task's page allocations of any order fail once (1 << order) + 1 pages have gone
	 * through: one slab, then neither the slab's order nor the fallback (order 0) is had.
	 */
	snprintf(space, sizeof(space), "%u", (1U << order) + 1);
	err |= write_str(MAKE_IT_FAIL, "1") == 1 ? 0 : -EIO;
	err |= fpa_set("task-filter", "Y");
	err |= fpa_set("verbose", "0");
	err |= fpa_set("min-order", "0");
	err |= fpa_set("times", "-1");
	err |= fpa_set("space", space);
	err |= fpa_set("probability", "100");
	if (err) {
		fpa_restore();
		kmem_cache_destroy(s);
		kunit_skip(test, "fail_page_alloc is not available");
	}
	KUNIT_EXPECT_EQ(test, kmem_cache_alloc_bulk(s, GFP_ATOMIC, ARRAY_SIZE(p), p), 0);
	fpa_restore();
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	KUNIT_EXPECT_LE(test, node_slabs(s), 1UL);
	/* It works again once pages can be had. */
	KUNIT_EXPECT_EQ(test, kmem_cache_alloc_bulk(s, GFP_ATOMIC, ARRAY_SIZE(p), p),
			(int)ARRAY_SIZE(p));
	kmem_cache_free_bulk(s, ARRAY_SIZE(p), p);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	kmem_cache_destroy(s);
}

/* ------------------------------------------------------------------------------------------ */
/* Bad frees */

static void slab_wrong_cache_free(struct kunit *test)
{
	struct kmem_cache *a = own_cache(test, "slab_wrong_a", 64, 0);
	struct kmem_cache *b = own_cache(test, "slab_wrong_b", 64, 0);
	void *pa = kmem_cache_alloc(a, GFP_KERNEL), *pb = kmem_cache_alloc(b, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, pa);
	KUNIT_ASSERT_NOT_NULL(test, pb);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(a), 1U);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(b), 1U);
	krt_printk_capture_begin(false);
	kmem_cache_free(a, pb);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"cache_from_obj: Wrong slab cache. slab_wrong_a but object is from slab_wrong_b\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: CPU: "));
	krt_printk_capture_end();
	/* Freed into the cache it came from. */
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(b), 0U);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(a), 1U);
	kmem_cache_free(a, pa);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(a), 0U);
	kmem_cache_destroy(a);
	kmem_cache_destroy(b);
}

static void slab_double_free_reported(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_double_free", 64, 0);
	void *objs[400];
	void *p, *q, *keep, *k;
	unsigned int i, n = 0;

	p = kmem_cache_alloc(s, GFP_KERNEL);
	keep = kmem_cache_alloc(s, GFP_KERNEL);
	q = kmem_cache_alloc(s, GFP_KERNEL);
	k = kmalloc(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, keep);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_ASSERT_NOT_NULL(test, k);

	krt_printk_capture_begin(false);
	/* Freed twice while in this thread's array. */
	kmem_cache_free(s, p);
	kmem_cache_free(s, p);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("BUG slab_double_free ("));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("): Object already free"), 1U);
	/* Freed twice after the first free went back to the slab's free list. */
	kmem_cache_free(s, q);
	KUNIT_EXPECT_NE(test, kmem_cache_shrink(s), 0);	/* @keep holds the slab */
	kmem_cache_free(s, q);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("): Object already free"), 2U);
	/* And through kfree(). */
	kfree(k);
	kfree(k);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("): Object already free"), 3U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("BUG kmalloc-64 ("));
	krt_printk_capture_end();

	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 1U);
	/* Nothing was freed twice: every object handed out from now on is a different one. */
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		n += objs[i] == keep;
	}
	KUNIT_EXPECT_EQ(test, n, 0U);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), (unsigned int)ARRAY_SIZE(objs) + 1);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kmem_cache_free(s, objs[i]);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmalloc(64, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, duplicates(objs, ARRAY_SIZE(objs)), 0U);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kfree(objs[i]);
	/* Re-allocate and check distinctness for the cache too (sorting destroyed the order). */
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, duplicates(objs, ARRAY_SIZE(objs)), 0U);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kmem_cache_free(s, objs[i]);
	kmem_cache_free(s, keep);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 0U);
	kmem_cache_destroy(s);
}

static void slab_invalid_pointer_reported(struct kunit *test)
{
	struct kmem_cache *s = own_cache(test, "slab_bad_ptr", 64, 0);
	static char not_slab[64];
	char on_stack[64];
	char *p = kmem_cache_alloc(s, GFP_KERNEL), *k = kmalloc(100, GFP_KERNEL);
	long objects = slab_objects_read();

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, k);
	krt_printk_capture_begin(false);
	/* Inside an object, not its start. */
	kfree(p + 8);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("kfree: invalid pointer "), 1U);
	kfree(k + 1);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("kfree: invalid pointer "), 2U);
	kmem_cache_free(s, p + 16);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("kmem_cache_free: invalid pointer "), 1U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("invalid pointer "), 3U);
	/* Outside the arena. */
	kfree(not_slab);
	kfree(on_stack);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("kfree: invalid pointer "), 4U);
	kmem_cache_free(s, not_slab);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("kmem_cache_free: invalid pointer "), 2U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING: CPU: "), 6U);
	krt_printk_capture_end();
	/* Nothing was freed. */
	KUNIT_EXPECT_EQ(test, slab_objects_read(), objects);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(s), 1U);
	KUNIT_EXPECT_EQ(test, ksize(k), 128UL);
	kmem_cache_free(s, p);
	kfree(k);
	kmem_cache_destroy(s);
}

/* ------------------------------------------------------------------------------------------ */
/* Merging */

static void slab_merge(struct kunit *test)
{
	struct kmem_cache *a, *b, *c, *d, *e, *f;
	void *pa, *pb;

	a = kmem_cache_create("slab_merge_a", 200, NULL, 0);
	b = kmem_cache_create("slab_merge_b", 200, NULL, 0);
	c = kmem_cache_create("slab_merge_c", 196, NULL, 0);	/* rounds to the same size */
	d = kmem_cache_create("slab_merge_d", 200, NULL, SLAB_NO_MERGE);
	e = kmem_cache_create("slab_merge_e", 200, 0, 0, forms_ctor);
	f = kmem_cache_create("slab_merge_f", 200, NULL, SLAB_RECLAIM_ACCOUNT);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, a);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, b);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, c);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, d);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, e);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, f);

	/* Same size, no ctor, no debug or usercopy: one kmem_cache, counted. */
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	KUNIT_EXPECT_PTR_EQ(test, a, c);
	KUNIT_EXPECT_GE(test, a->refcount, 3);
	/* SLAB_NO_MERGE and a constructor keep caches apart. */
	KUNIT_EXPECT_PTR_NE(test, d, a);
	KUNIT_EXPECT_PTR_NE(test, e, a);
	KUNIT_EXPECT_PTR_NE(test, e, d);
	KUNIT_EXPECT_EQ(test, d->refcount, 1);
	KUNIT_EXPECT_EQ(test, e->refcount, 1);
	/* Caches that differ in SLAB_MERGE_SAME flags are not merged either. */
	KUNIT_EXPECT_PTR_NE(test, f, a);

	/* Destroying an alias keeps the cache working for the others. */
	pa = kmem_cache_alloc(a, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pa);
	krt_printk_capture_begin(false);
	kmem_cache_destroy(c);
	kmem_cache_destroy(a);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	pb = kmem_cache_alloc(b, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pb);
	memset(pb, 1, 200);
	kmem_cache_free(b, pa);
	kmem_cache_free(b, pb);
	kmem_cache_destroy(b);
	kmem_cache_destroy(d);
	kmem_cache_destroy(e);
	kmem_cache_destroy(f);
}

/* ------------------------------------------------------------------------------------------ */
/* More caches than a thread has array slots */

#define MANY_CACHES	300

static void slab_more_caches_than_thread_slots(struct kunit *test)
{
	struct kmem_cache **caches = kcalloc(MANY_CACHES, sizeof(*caches), GFP_KERNEL);
	void *p[4];
	unsigned int i, j, wrong = 0;

	KUNIT_ASSERT_NOT_NULL(test, caches);
	for (i = 0; i < MANY_CACHES; i++) {
		char name[32];

		snprintf(name, sizeof(name), "slab_many_%u", i);	/* the cache keeps a copy */
		caches[i] = kmem_cache_create(name, 24 + 8 * (i % 8), NULL, SLAB_NO_MERGE);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, caches[i]);
	}
	/* Caches without a slot go to their slabs for every object: same results. */
	for (i = 0; i < MANY_CACHES; i++) {
		for (j = 0; j < ARRAY_SIZE(p); j++) {
			p[j] = kmem_cache_alloc(caches[i], GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, p[j]);
			wrong += virt_to_slab(p[j])->slab_cache != caches[i];
		}
		KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(caches[i]), 4U);
		kmem_cache_free(caches[i], p[0]);
		krt_printk_capture_begin(false);
		kmem_cache_free(caches[i], p[0]);	/* still caught */
		KUNIT_EXPECT_EQ(test, krt_printk_capture_count("Object already free"), 1U);
		krt_printk_capture_end();
		for (j = 1; j < ARRAY_SIZE(p); j++)
			kmem_cache_free(caches[i], p[j]);
		KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(caches[i]), 0U);
	}
	KUNIT_EXPECT_EQ(test, wrong, 0U);
	for (i = 0; i < MANY_CACHES; i++)
		kmem_cache_destroy(caches[i]);
	kfree(caches);
}

/* ------------------------------------------------------------------------------------------ */
/* AddressSanitizer */

#ifdef KRT_ASAN
enum asan_case {
	ASAN_CACHE_IN_BOUNDS,
	ASAN_CACHE_UAF,
	ASAN_KMALLOC_IN_BOUNDS,
	ASAN_KMALLOC_OVERFLOW,
	ASAN_TYPESAFE_AFTER_FREE,
};

struct asan_arg {
	enum asan_case what;
	struct kmem_cache *s;
};

static void asan_child(void *data)
{
	struct asan_arg *arg = data;
	volatile char *p;
	struct rcu_obj *r;

	switch (arg->what) {
	case ASAN_CACHE_IN_BOUNDS:
	case ASAN_CACHE_UAF:
		p = kmem_cache_alloc(arg->s, GFP_KERNEL);
		if (!p)
			host_exit_now(3);
		p[0] = 1;
		p[99] = 2;
		kmem_cache_free(arg->s, (void *)p);
		if (arg->what == ASAN_CACHE_UAF)
			p[0] = 3;	/* use after free */
		host_exit_now(0);
	case ASAN_KMALLOC_IN_BOUNDS:
	case ASAN_KMALLOC_OVERFLOW:
		p = kmalloc(70, GFP_KERNEL);
		if (!p)
			host_exit_now(3);
		p[0] = 1;
		p[69] = 1;
		if (arg->what == ASAN_KMALLOC_OVERFLOW) {
			size_t past = 70;

			OPTIMIZER_HIDE_VAR(past);
			p[past] = 1;	/* inside the 96-byte object, past the request */
		}
		kfree((void *)p);
		host_exit_now(0);
	case ASAN_TYPESAFE_AFTER_FREE:
		/* A reader may look at a freed SLAB_TYPESAFE_BY_RCU object: KASAN allows it. */
		r = typesafe_new(arg->s, 7, GFP_KERNEL);
		if (!r)
			host_exit_now(3);
		rcu_read_lock();
		typesafe_put(arg->s, r);
		if (typesafe_get(r, 7))
			host_exit_now(4);
		rcu_read_unlock();
		host_exit_now(0);
	}
	host_exit_now(5);
}

static int run_asan_child(struct kmem_cache *s, enum asan_case what)
{
	struct asan_arg arg = { .what = what, .s = s };
	int signo = 0;

	return host_run_in_child(asan_child, &arg, &signo);
}
#endif

static void slab_asan_catches_uaf_and_overflow(struct kunit *test)
{
#ifdef KRT_ASAN
	struct kmem_cache *s = own_cache(test, "slab_asan", 100, 0);

	warm_up(s, 0);
	warm_up(NULL, 70);
	KUNIT_EXPECT_EQ(test, run_asan_child(s, ASAN_CACHE_IN_BOUNDS), 0);
	KUNIT_EXPECT_NE(test, run_asan_child(s, ASAN_CACHE_UAF), 0);
	KUNIT_EXPECT_EQ(test, run_asan_child(NULL, ASAN_KMALLOC_IN_BOUNDS), 0);
	KUNIT_EXPECT_NE(test, run_asan_child(NULL, ASAN_KMALLOC_OVERFLOW), 0);
	kmem_cache_destroy(s);
#else
	kunit_skip(test, "not an ASan build");
#endif
}

static void slab_asan_typesafe_by_rcu_readable(struct kunit *test)
{
#ifdef KRT_ASAN
	struct kmem_cache *s = kmem_cache_create("slab_asan_rcu", sizeof(struct rcu_obj), NULL,
						 SLAB_TYPESAFE_BY_RCU);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, s);
	warm_up(s, 0);
	KUNIT_EXPECT_EQ(test, run_asan_child(s, ASAN_TYPESAFE_AFTER_FREE), 0);
	kmem_cache_destroy(s);
#else
	kunit_skip(test, "not an ASan build");
#endif
}

static struct kunit_case slab_test_cases[] = {
	KUNIT_CASE(slab_seed_kmalloc_family),
	KUNIT_CASE(slab_krealloc_grows_short_object),
	KUNIT_CASE(slab_fork_child_memory_is_its_own),
	KUNIT_CASE(slab_cache_create_forms),
	KUNIT_CASE(slab_dma_caches),
	KUNIT_CASE(slab_panic_flag),
	KUNIT_CASE(slab_calculate_alignment),
	KUNIT_CASE(slab_kmalloc_class_alignment),
	KUNIT_CASE(slab_order_matches_kernel),
	KUNIT_CASE(slab_ctor_once_per_object),
	KUNIT_CASE(slab_ctor_gfp_zero_warns_once),
	KUNIT_CASE(slab_typesafe_by_rcu_lookup),
	KUNIT_CASE(slab_typesafe_by_rcu_freeptr_offset),
	KUNIT_CASE(slab_typesafe_by_rcu_pages_wait_for_grace_period),
	KUNIT_CASE(slab_destroy_with_objects_leaks_cache),
	KUNIT_CASE(slab_destroy_leak_counted_in_kunit),
	KUNIT_CASE(slab_destroy_empty_is_quiet),
	KUNIT_CASE(slab_shrink_returns_every_page),
	KUNIT_CASE(slab_empty_slabs_beyond_min_partial_freed),
	KUNIT_CASE(slab_reclaim_takes_kept_empty_slabs),
	KUNIT_CASE(slab_shrink_flushes_other_threads),
	KUNIT_CASE(slab_fork_child_takes_back_orphaned_arrays),
	KUNIT_CASE(slab_thread_exit_returns_objects),
	KUNIT_CASE(slab_bulk_alloc_free),
	KUNIT_CASE(slab_bulk_fail_nth),
	KUNIT_CASE(slab_bulk_all_or_nothing),
	KUNIT_CASE(slab_wrong_cache_free),
	KUNIT_CASE(slab_double_free_reported),
	KUNIT_CASE(slab_invalid_pointer_reported),
	KUNIT_CASE(slab_merge),
	KUNIT_CASE(slab_more_caches_than_thread_slots),
	KUNIT_CASE(slab_asan_catches_uaf_and_overflow),
	KUNIT_CASE(slab_asan_typesafe_by_rcu_readable),
	{}
};

static struct kunit_suite slab_test_suite = {
	.name = "slab",
	.test_cases = slab_test_cases,
};
kunit_test_suite(slab_test_suite);
