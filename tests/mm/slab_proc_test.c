// SPDX-License-Identifier: MIT
/*
 * /proc/slabinfo and /sys/kernel/slab/<cache>/: the kernel's formats, values that agree with
 * the caches' state and follow allocations, the commands (validate, shrink, failslab), and
 * files that come and go with their cache.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <krt/proc.h>

#include "arch/host/host.h"
#include "mm/slab.h"
#include "mm/slab_proc.h"

#define PROC_SIZE	(256 * 1024)
#define TEST_CACHE	"slab_proc_test"

static char *read_text(struct kunit *test, const char *path)
{
	char *buf = kunit_kzalloc(test, PROC_SIZE, GFP_KERNEL);
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = krt_proc_read(path, buf, PROC_SIZE);
	KUNIT_ASSERT_GE_MSG(test, n, 0, "%s", path);
	KUNIT_ASSERT_LT_MSG(test, n, PROC_SIZE - 1, "%s", path);
	return buf;
}

static ssize_t read_cache_file(const char *cache, const char *file, char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/%s", cache, file);
	return krt_proc_read(path, buf, size);
}

static ssize_t write_cache_file(const char *cache, const char *file, const char *text)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/%s", cache, file);
	return krt_proc_write(path, text, strlen(text));
}

/* The number in /sys/kernel/slab/@cache/@file, which must be one number and a newline. */
static unsigned long cache_value(struct kunit *test, const char *cache, const char *file)
{
	char buf[64], *end;
	unsigned long v;
	ssize_t n = read_cache_file(cache, file, buf, sizeof(buf));

	KUNIT_ASSERT_GT_MSG(test, n, 0, "%s/%s", cache, file);
	v = simple_strtoul(buf, &end, 10);
	KUNIT_EXPECT_STREQ_MSG(test, end, "\n", "%s/%s: \"%s\"", cache, file, buf);
	return v;
}

struct slabinfo_line {
	char name[64];
	unsigned long active, objs, slabs_active, slabs, shared_avail;
	unsigned int size, per_slab, limit, batch, shared;
	int pages;
};

/* Parse one cache line of /proc/slabinfo and check it is exactly the kernel's format. */
static bool parse_line(struct kunit *test, const char *line, size_t len, struct slabinfo_line *l)
{
	char again[256], copy[256];

	KUNIT_ASSERT_LT(test, len, sizeof(copy));
	memcpy(copy, line, len);
	copy[len] = '\0';
	if (sscanf(copy, "%63s %lu %lu %u %u %d : tunables %u %u %u : slabdata %lu %lu %lu",
		   l->name, &l->active, &l->objs, &l->size, &l->per_slab, &l->pages, &l->limit,
		   &l->batch, &l->shared, &l->slabs_active, &l->slabs, &l->shared_avail) != 12) {
		KUNIT_FAIL(test, "bad line: %s", copy);
		return false;
	}
	snprintf(again, sizeof(again),
		 "%-17s %6lu %6lu %6u %4u %4d : tunables %4u %4u %4u : slabdata %6lu %6lu %6lu",
		 l->name, l->active, l->objs, l->size, l->per_slab, l->pages, l->limit, l->batch,
		 l->shared, l->slabs_active, l->slabs, l->shared_avail);
	KUNIT_EXPECT_STREQ(test, copy, again);
	return true;
}

/* Find @name's line in /proc/slabinfo; false if there is none. */
static bool slabinfo_find(struct kunit *test, const char *name, struct slabinfo_line *l)
{
	char *text = read_text(test, "/proc/slabinfo");
	char *p = strchr(text, '\n');
	size_t len = strlen(name);

	/* Past the two header lines. */
	KUNIT_ASSERT_NOT_NULL(test, p);
	p = strchr(p + 1, '\n');
	KUNIT_ASSERT_NOT_NULL(test, p);
	for (p++; *p; ) {
		char *nl = strchr(p, '\n');

		KUNIT_ASSERT_NOT_NULL(test, nl);
		if (!strncmp(p, name, len) && p[len] == ' ')
			return parse_line(test, p, nl - p, l);
		p = nl + 1;
	}
	return false;
}

static bool cache_file_exists(const char *cache, const char *file)
{
	char buf[8];

	return read_cache_file(cache, file, buf, sizeof(buf)) != -ENOENT;
}

static struct kmem_cache *create_cache(struct kunit *test, const char *name, unsigned int size,
				       slab_flags_t flags, void (*ctor)(void *))
{
	struct kmem_cache *s = kmem_cache_create(name, size, 0, flags | SLAB_NO_MERGE, ctor);

	KUNIT_ASSERT_NOT_NULL(test, s);
	return s;
}

/* The header: exactly Linux's two lines. */
static void slabinfo_header(struct kunit *test)
{
	char *text = read_text(test, "/proc/slabinfo");
	static const char header[] =
		"slabinfo - version: 2.1\n"
		"# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
		" : tunables <limit> <batchcount> <sharedfactor>"
		" : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

	KUNIT_EXPECT_EQ(test, strncmp(text, header, strlen(header)), 0);
}

/* Every line of the file has the kernel's format and SLUB's constant columns. */
static void slabinfo_every_line(struct kunit *test)
{
	char *text = read_text(test, "/proc/slabinfo");
	char *p = strchr(strchr(text, '\n') + 1, '\n') + 1;
	unsigned int lines = 0;
	bool kmalloc64 = false;

	while (*p) {
		char *nl = strchr(p, '\n');
		struct slabinfo_line l;

		KUNIT_ASSERT_NOT_NULL(test, nl);
		if (parse_line(test, p, nl - p, &l)) {
			KUNIT_EXPECT_LE_MSG(test, l.active, l.objs, "%s", l.name);
			KUNIT_EXPECT_EQ(test, l.limit + l.batch + l.shared, 0U);
			KUNIT_EXPECT_EQ(test, l.slabs_active, l.slabs);
			KUNIT_EXPECT_EQ(test, l.shared_avail, 0UL);
			KUNIT_EXPECT_GT(test, l.per_slab, 0U);
			if (!strcmp(l.name, "kmalloc-64")) {
				kmalloc64 = true;
				KUNIT_EXPECT_EQ(test, l.size, 64U);
			}
		}
		lines++;
		p = nl + 1;
	}
	KUNIT_EXPECT_GT(test, lines, 10U);
	KUNIT_EXPECT_TRUE(test, kmalloc64);
}

/* A new cache's line: its geometry, and active objects following allocations exactly. */
static void slabinfo_new_cache(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 100, 0, NULL);
	unsigned int n, i;
	struct slabinfo_line l;
	unsigned long before;
	void **objs;

	KUNIT_ASSERT_TRUE(test, slabinfo_find(test, TEST_CACHE, &l));
	KUNIT_EXPECT_EQ(test, l.size, s->size);
	KUNIT_EXPECT_EQ(test, l.per_slab, s->objects);
	KUNIT_EXPECT_EQ(test, l.pages, 1 << s->order);
	KUNIT_EXPECT_EQ(test, l.active, (unsigned long)kmem_cache_active_objects(s));
	before = l.active;

	n = 2 * s->objects + 3;
	objs = kunit_kcalloc(test, n, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	KUNIT_ASSERT_TRUE(test, slabinfo_find(test, TEST_CACHE, &l));
	KUNIT_EXPECT_EQ(test, l.active, before + n);
	KUNIT_EXPECT_GE(test, l.objs, l.active);
	KUNIT_EXPECT_GE(test, l.slabs, 3UL);
	KUNIT_EXPECT_EQ(test, l.objs, s->node.total_objects);
	KUNIT_EXPECT_EQ(test, l.slabs, s->node.nr_slabs);

	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);
	KUNIT_ASSERT_TRUE(test, slabinfo_find(test, TEST_CACHE, &l));
	KUNIT_EXPECT_EQ(test, l.active, before);
	kmem_cache_destroy(s);
}

/* A destroyed cache leaves /proc/slabinfo and /sys/kernel/slab. */
static void destroyed_cache_disappears(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 64, 0, NULL);
	struct slabinfo_line l;
	void *obj = kmem_cache_alloc(s, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, obj);
	kmem_cache_free(s, obj);
	KUNIT_EXPECT_TRUE(test, slabinfo_find(test, TEST_CACHE, &l));
	KUNIT_EXPECT_TRUE(test, cache_file_exists(TEST_CACHE, "object_size"));
	kmem_cache_destroy(s);
	KUNIT_EXPECT_FALSE(test, slabinfo_find(test, TEST_CACHE, &l));
	KUNIT_EXPECT_FALSE(test, cache_file_exists(TEST_CACHE, "object_size"));
	KUNIT_EXPECT_FALSE(test, cache_file_exists(TEST_CACHE, "shrink"));

	/* The name can be used again at once. */
	s = create_cache(test, TEST_CACHE, 64, 0, NULL);
	KUNIT_EXPECT_TRUE(test, cache_file_exists(TEST_CACHE, "object_size"));
	kmem_cache_destroy(s);
}

static void test_ctor(void *obj)
{
	memset(obj, 0x11, 8);
}

/* The attribute files: sizes, flags, ctor, aliases, and the counters. */
static void sysfs_values(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 100,
					    SLAB_HWCACHE_ALIGN | SLAB_RECLAIM_ACCOUNT, test_ctor);
	static const char * const zero_flags[] = {
		"cache_dma", "destroy_by_rcu", "sanity_checks", "trace", "red_zone", "poison",
		"store_user", "failslab",
	};
	char buf[256];
	void *obj[3];
	int i;

	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "object_size"), 100UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "slab_size"), (unsigned long)s->size);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "objs_per_slab"),
			(unsigned long)s->objects);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "order"), (unsigned long)s->order);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "align"), (unsigned long)s->align);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "min_partial"),
			(unsigned long)s->min_partial);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "usersize"), 0UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "hwcache_align"), 1UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "reclaim_account"), 1UL);
	for (i = 0; i < ARRAY_SIZE(zero_flags); i++)
		KUNIT_EXPECT_EQ_MSG(test, cache_value(test, TEST_CACHE, zero_flags[i]), 0UL,
				    "%s", zero_flags[i]);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "aliases"), 0UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "cpu_slabs"), 0UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "cpu_partial"), 0UL);
	KUNIT_EXPECT_GT(test, read_cache_file(TEST_CACHE, "slabs_cpu_partial", buf, sizeof(buf)),
			0L);
	KUNIT_EXPECT_STREQ(test, buf, "0(0)\n");

	KUNIT_ASSERT_GT(test, read_cache_file(TEST_CACHE, "ctor", buf, sizeof(buf)), 0L);
	KUNIT_EXPECT_EQ_MSG(test, strncmp(buf, "test_ctor+0x", 12), 0, "%s", buf);
	KUNIT_EXPECT_EQ(test, buf[strlen(buf) - 1], '\n');

	for (i = 0; i < ARRAY_SIZE(obj); i++) {
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, obj[i]);
	}
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "objects"),
			(unsigned long)kmem_cache_active_objects(s));
	KUNIT_EXPECT_GE(test, cache_value(test, TEST_CACHE, "objects"), 3UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "slabs"), s->node.nr_slabs);
	KUNIT_EXPECT_GE(test, cache_value(test, TEST_CACHE, "slabs"), 1UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "total_objects"),
			s->node.total_objects);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "partial"), s->node.nr_partial);
	for (i = 0; i < ARRAY_SIZE(obj); i++)
		kmem_cache_free(s, obj[i]);
	kmem_cache_destroy(s);

	/* No constructor: an empty file. */
	s = create_cache(test, TEST_CACHE, 32, 0, NULL);
	KUNIT_EXPECT_EQ(test, read_cache_file(TEST_CACHE, "ctor", buf, sizeof(buf)), 0L);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "object_size"), 32UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "hwcache_align"), 0UL);
	kmem_cache_destroy(s);
}

/* objects_partial: the objects in use in the slabs on the partial list. */
static void sysfs_objects_partial(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 200, 0, NULL);
	unsigned long expect = 0;
	unsigned int n, i;
	struct slab *slab;
	void **objs;

	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "objects_partial"), 0UL);
	n = 3 * s->objects;
	objs = kunit_kcalloc(test, n, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	/*
	 * Free every other object of the first two slabs' worth and send them from this thread's
	 * cache back to their slabs: those become partial.
	 */
	for (i = 0; i < 2 * s->objects; i += 2) {
		kmem_cache_free(s, objs[i]);
		objs[i] = NULL;
	}
	flush_all_cpu_caches(s);
	host_mutex_lock(&s->node.list_lock);
	list_for_each_entry(slab, &s->node.partial, slab_list)
		expect += slab->inuse;
	host_mutex_unlock(&s->node.list_lock);
	KUNIT_EXPECT_GT(test, expect, 0UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "objects_partial"), expect);
	KUNIT_EXPECT_LE(test, expect, cache_value(test, TEST_CACHE, "total_objects"));

	for (i = 0; i < n; i++)
		if (objs[i])
			kmem_cache_free(s, objs[i]);
	kmem_cache_destroy(s);
}

/* validate: "1" checks a debug cache, anything else (or a cache without debugging) is refused. */
static void sysfs_validate(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 48, SLAB_CONSISTENCY_CHECKS, NULL);
	void *obj = kmem_cache_alloc(s, GFP_KERNEL);
	char buf[16];

	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "sanity_checks"), 1UL);
	KUNIT_EXPECT_EQ(test, read_cache_file(TEST_CACHE, "validate", buf, sizeof(buf)), 0L);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "validate", "1\n"), 2L);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "validate", "0"), (ssize_t)-EINVAL);
	kmem_cache_free(s, obj);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "validate", "1"), 1L);
	kmem_cache_destroy(s);

	s = create_cache(test, TEST_CACHE, 48, 0, NULL);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "validate", "1"), (ssize_t)-EINVAL);
	kmem_cache_destroy(s);
}

/* shrink: "1" gives every empty slab back. */
static void sysfs_shrink(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 128, 0, NULL);
	unsigned int n = 3 * s->objects, i;
	char buf[16];
	void **objs;

	objs = kunit_kcalloc(test, n, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < n; i++) {
		objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	KUNIT_EXPECT_GE(test, cache_value(test, TEST_CACHE, "slabs"), 3UL);
	for (i = 0; i < n; i++)
		kmem_cache_free(s, objs[i]);

	KUNIT_EXPECT_EQ(test, read_cache_file(TEST_CACHE, "shrink", buf, sizeof(buf)), 0L);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "shrink", "x"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "shrink", "1\n"), 2L);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "slabs"), 0UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "total_objects"), 0UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "objects"), 0UL);
	kmem_cache_destroy(s);
}

/* failslab: shows and sets SLAB_FAILSLAB. */
static void sysfs_failslab(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 64, 0, NULL);

	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "failslab"), 0UL);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "failslab", "1\n"), 2L);
	KUNIT_EXPECT_TRUE(test, s->flags & SLAB_FAILSLAB);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "failslab"), 1UL);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "failslab", "0"), 1L);
	KUNIT_EXPECT_FALSE(test, s->flags & SLAB_FAILSLAB);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "failslab"), 0UL);
	kmem_cache_destroy(s);
}

/* min_partial takes a number; cpu_partial only 0 (krt has no CPU partial slabs). */
static void sysfs_tunables(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 64, 0, NULL);
	unsigned int saved = s->min_partial;

	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "min_partial", "7\n"), 2L);
	KUNIT_EXPECT_EQ(test, s->min_partial, 7U);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "min_partial"), 7UL);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "min_partial", "x"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, s->min_partial, 7U);
	s->min_partial = saved;
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "cpu_partial", "0\n"), 2L);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "cpu_partial", "5"), (ssize_t)-EINVAL);
	KUNIT_EXPECT_EQ(test, write_cache_file(TEST_CACHE, "object_size", "5"), (ssize_t)-EACCES);
	kmem_cache_destroy(s);
}

/* The caches created at boot have their directories too. */
static void sysfs_boot_caches(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, cache_value(test, "kmalloc-64", "object_size"), 64UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, "kmalloc-96", "object_size"), 96UL);
	KUNIT_EXPECT_EQ(test, cache_value(test, "kmalloc-8k", "object_size"), 8192UL);
	KUNIT_EXPECT_TRUE(test, cache_file_exists("kmalloc-192", "validate"));
}

/* alloc_calls/free_calls: the call sites of a SLAB_STORE_USER cache; -ENOSYS for others. */
static void sysfs_alloc_calls(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 64, SLAB_STORE_USER, NULL);
	char *buf = kunit_kzalloc(test, PROC_SIZE, GFP_KERNEL);
	void *obj[40];
	ssize_t n;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	for (i = 0; i < ARRAY_SIZE(obj); i++) {
		obj[i] = kmem_cache_alloc(s, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, obj[i]);
	}
	n = read_cache_file(TEST_CACHE, "alloc_calls", buf, PROC_SIZE);
	KUNIT_EXPECT_GT(test, n, 0L);
	KUNIT_EXPECT_LE(test, n, (ssize_t)PAGE_SIZE - 1);
	KUNIT_EXPECT_NOT_NULL_MSG(test, strstr(buf, "     40 sysfs_alloc_calls+0x"), "%s", buf);
	KUNIT_EXPECT_GT(test, read_cache_file(TEST_CACHE, "free_calls", buf, PROC_SIZE), 0L);
	for (i = 0; i < ARRAY_SIZE(obj); i++)
		kmem_cache_free(s, obj[i]);
	KUNIT_EXPECT_GT(test, read_cache_file(TEST_CACHE, "alloc_calls", buf, PROC_SIZE), 0L);
	KUNIT_EXPECT_STREQ(test, buf, "No data\n");
	kmem_cache_destroy(s);

	s = create_cache(test, TEST_CACHE, 64, 0, NULL);
	KUNIT_EXPECT_EQ(test, read_cache_file(TEST_CACHE, "alloc_calls", buf, PROC_SIZE),
			(ssize_t)-ENOSYS);
	KUNIT_EXPECT_EQ(test, read_cache_file(TEST_CACHE, "free_calls", buf, PROC_SIZE),
			(ssize_t)-ENOSYS);
	kmem_cache_destroy(s);
}

/* A '/' in a cache's name becomes '!' in its directory's name, as in kobject names. */
static void sysfs_name_with_slash(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, "slab_proc/test", 40, 0, NULL);

	KUNIT_EXPECT_EQ(test, cache_value(test, "slab_proc!test", "object_size"), 40UL);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_FALSE(test, cache_file_exists("slab_proc!test", "object_size"));
}

/*
 * Adding a cache twice changes nothing; a second cache of a taken name gets no directory and
 * removing it leaves the first cache's files alone.
 */
static void sysfs_add_twice_and_name_taken(struct kunit *test)
{
	struct kmem_cache *s = create_cache(test, TEST_CACHE, 64, 0, NULL);
	struct kmem_cache *other = kunit_kzalloc(test, sizeof(*other), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, other);
	KUNIT_EXPECT_EQ(test, sysfs_slab_add(s), 0);
	other->name = TEST_CACHE;
	other->object_size = 32;
	KUNIT_EXPECT_EQ(test, sysfs_slab_add(other), -EEXIST);
	sysfs_slab_remove(other);
	KUNIT_EXPECT_EQ(test, cache_value(test, TEST_CACHE, "object_size"), 64UL);
	kmem_cache_destroy(s);
	KUNIT_EXPECT_FALSE(test, cache_file_exists(TEST_CACHE, "object_size"));
}

struct reader_state {
	unsigned long reads, found;
	bool bad;
};

/* Read a cache's files and /proc/slabinfo over and over while the cache comes and goes. */
static int files_reader(void *arg)
{
	struct reader_state *st = arg;
	static char text[PROC_SIZE];
	char buf[64];

	while (!kthread_should_stop()) {
		ssize_t n = read_cache_file(TEST_CACHE, "objects", buf, sizeof(buf));

		if (n >= 0)
			st->found++;
		if (n != -ENOENT && (n < 2 || buf[n - 1] != '\n'))
			st->bad = true;
		if (write_cache_file(TEST_CACHE, "shrink", "1") == -EINVAL)
			st->bad = true;
		if (krt_proc_read("/proc/slabinfo", text, sizeof(text)) <= 0)
			st->bad = true;
		st->reads++;
		cond_resched();
	}
	return 0;
}

/* Reads and writes racing with kmem_cache_destroy() see the cache or nothing. */
static void files_race_with_destroy(struct kunit *test)
{
	struct reader_state st = {};
	struct task_struct *t;
	int i;

	t = kthread_run(files_reader, &st, "slab_proc_reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (i = 0; i < 200; i++) {
		struct kmem_cache *s = create_cache(test, TEST_CACHE, 64 + (i % 4) * 8, 0, NULL);
		void *obj = kmem_cache_alloc(s, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, obj);
		kmem_cache_free(s, obj);
		kmem_cache_destroy(s);
	}
	kthread_stop(t);
	KUNIT_EXPECT_FALSE(test, st.bad);
	KUNIT_EXPECT_GT(test, st.reads, 0UL);
	kunit_info(test, "%lu reads, %lu found the cache", st.reads, st.found);
}

static struct kunit_case slab_proc_test_cases[] = {
	KUNIT_CASE(slabinfo_header),
	KUNIT_CASE(slabinfo_every_line),
	KUNIT_CASE(slabinfo_new_cache),
	KUNIT_CASE(destroyed_cache_disappears),
	KUNIT_CASE(sysfs_values),
	KUNIT_CASE(sysfs_objects_partial),
	KUNIT_CASE(sysfs_validate),
	KUNIT_CASE(sysfs_shrink),
	KUNIT_CASE(sysfs_failslab),
	KUNIT_CASE(sysfs_tunables),
	KUNIT_CASE(sysfs_boot_caches),
	KUNIT_CASE(sysfs_alloc_calls),
	KUNIT_CASE(sysfs_name_with_slash),
	KUNIT_CASE(sysfs_add_twice_and_name_taken),
	KUNIT_CASE(files_race_with_destroy),
	{}
};

static struct kunit_suite slab_proc_test_suite = {
	.name = "slab_proc",
	.test_cases = slab_proc_test_cases,
};
kunit_test_suite(slab_proc_test_suite);
