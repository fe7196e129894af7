// SPDX-License-Identifier: MIT
/*
 * Shrinkers: allocation and registration, the kernel's scan arithmetic (priority, seeks, batch,
 * deferred work), SHRINK_STOP and SHRINK_EMPTY, the gfp mask and memcg a shrinker sees,
 * shrinker_free() racing shrink_slab(), and the debugfs count and scan files.
 *
 * Other subsystems may have shrinkers registered too; every check here looks only at the test's
 * own shrinkers (and SLABS_SCANNED only from below).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/shrinker.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmstat.h>
#include <linux/sched.h>
#include <krt/printk.h>
#include <krt/memcg.h>
#include <krt/proc.h>
#include <krt/thread.h>

#include "mm/internal.h"

/* A fake cache: count_objects reports @count, scan_objects records what it was asked. */
struct fake_cache {
	unsigned long count;		/* what count_objects returns */
	unsigned long free_per_scan;	/* returned by scan (ULONG_MAX: nr_to_scan) */
	long scanned_per_call;		/* sets sc->nr_scanned if >= 0 */
	int stop_after;			/* call number (from 1) returning SHRINK_STOP */
	int count_calls;
	int scan_calls;
	unsigned long total_to_scan;
	unsigned long last_nr_to_scan;
	gfp_t count_gfp, scan_gfp;
	struct mem_cgroup *count_memcg, *scan_memcg;
	int scan_nid;
	/* For the race tests. */
	struct completion *scan_entered;
	struct completion *scan_release;
	bool dead;
	bool used_after_free;
};

static unsigned long fake_count(struct shrinker *s, struct shrink_control *sc)
{
	struct fake_cache *c = s->private_data;

	if (READ_ONCE(c->dead))
		WRITE_ONCE(c->used_after_free, true);
	c->count_calls++;
	c->count_gfp = sc->gfp_mask;
	c->count_memcg = sc->memcg;
	return c->count;
}

static unsigned long fake_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct fake_cache *c = s->private_data;

	if (READ_ONCE(c->dead))
		WRITE_ONCE(c->used_after_free, true);
	c->scan_calls++;
	c->scan_gfp = sc->gfp_mask;
	c->scan_memcg = sc->memcg;
	c->scan_nid = sc->nid;
	c->last_nr_to_scan = sc->nr_to_scan;
	c->total_to_scan += sc->nr_to_scan;
	if (c->scan_entered) {
		complete(c->scan_entered);
		wait_for_completion(c->scan_release);
	}
	if (c->stop_after && c->scan_calls == c->stop_after)
		return SHRINK_STOP;
	if (c->scanned_per_call >= 0)
		sc->nr_scanned = c->scanned_per_call;
	return c->free_per_scan == ULONG_MAX ? sc->nr_to_scan : c->free_per_scan;
}

static void fake_init(struct fake_cache *c, unsigned long count)
{
	memset(c, 0, sizeof(*c));
	c->count = count;
	c->free_per_scan = ULONG_MAX;
	c->scanned_per_call = -1;
}

static struct shrinker *fake_shrinker(struct kunit *test, struct fake_cache *c,
				      unsigned int flags, bool reg)
{
	struct shrinker *s = shrinker_alloc(flags, "krt-test-%s", "fake");

	KUNIT_ASSERT_NOT_NULL(test, s);
	s->count_objects = fake_count;
	s->scan_objects = fake_scan;
	s->private_data = c;
	if (reg)
		shrinker_register(s);
	return s;
}

static long deferred(struct shrinker *s)
{
	return atomic_long_read(&s->nr_deferred[0]);
}

static void shrinker_alloc_defaults(struct kunit *test)
{
	struct shrinker *s = shrinker_alloc(SHRINKER_NUMA_AWARE, "krt-%s-%d", "name", 42);

	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_EXPECT_EQ(test, s->seeks, DEFAULT_SEEKS);
	KUNIT_EXPECT_EQ(test, s->batch, 0);
	KUNIT_EXPECT_STREQ(test, s->name, "krt-name-42");
	KUNIT_EXPECT_TRUE(test, s->flags & SHRINKER_NUMA_AWARE);
	KUNIT_EXPECT_TRUE(test, s->flags & SHRINKER_ALLOCATED);
	KUNIT_EXPECT_FALSE(test, s->flags & SHRINKER_REGISTERED);
	/* Freeing one that was never registered is fine, and so is NULL. */
	shrinker_free(s);
	shrinker_free(NULL);
}

static void shrinker_register_requires_alloc(struct kunit *test)
{
	struct shrinker s = {};
	struct fake_cache c;

	fake_init(&c, 1 << 20);
	s.count_objects = fake_count;
	s.scan_objects = fake_scan;
	s.private_data = &c;
	krt_printk_capture_begin(false);
	shrinker_register(&s);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"Must use shrinker_alloc() to dynamically allocate the shrinker"));
	krt_printk_capture_end();
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.count_calls, 0);
}

static void shrinker_called_only_while_registered(struct kunit *test)
{
	struct fake_cache c;
	struct shrinker *s;

	fake_init(&c, 1 << 20);
	s = fake_shrinker(test, &c, 0, false);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.count_calls, 0);

	shrinker_register(s);
	KUNIT_EXPECT_TRUE(test, s->flags & SHRINKER_REGISTERED);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.count_calls, 1);
	KUNIT_EXPECT_GT(test, c.scan_calls, 0);

	shrinker_free(s);
	c.count_calls = 0;
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.count_calls, 0);
}

/* (1M >> 12) * 4 / seeks 2 = 512 objects: four batches of 128, nothing deferred. */
static void shrinker_priority_and_batches(struct kunit *test)
{
	unsigned long before = krt_vm_event_read(SLABS_SCANNED);
	struct fake_cache c;
	struct shrinker *s;

	fake_init(&c, 1 << 20);
	s = fake_shrinker(test, &c, 0, true);
	KUNIT_EXPECT_EQ(test, shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY), 512);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 4);
	KUNIT_EXPECT_EQ(test, c.last_nr_to_scan, 128);
	KUNIT_EXPECT_EQ(test, c.total_to_scan, 512);
	KUNIT_EXPECT_EQ(test, deferred(s), 0);
	KUNIT_EXPECT_GE(test, krt_vm_event_read(SLABS_SCANNED) - before, 512);

	/* A small cache at DEF_PRIORITY: (1000 >> 12) == 0, nothing to do. */
	fake_init(&c, 1000);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.count_calls, 1);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 0);
	shrinker_free(s);
}

/* seeks scales the work by 4/seeks; seeks 0 trims half the cache. */
static void shrinker_seeks(struct kunit *test)
{
	struct fake_cache c;
	struct shrinker *s;

	fake_init(&c, 1 << 20);
	s = fake_shrinker(test, &c, 0, false);
	s->seeks = 1;
	shrinker_register(s);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.total_to_scan, 1024);
	shrinker_free(s);

	fake_init(&c, 1 << 20);
	s = fake_shrinker(test, &c, 0, false);
	s->seeks = 4;
	shrinker_register(s);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.total_to_scan, 256);
	shrinker_free(s);

	fake_init(&c, 10000);
	s = fake_shrinker(test, &c, 0, false);
	s->seeks = 0;
	shrinker_register(s);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	/* 5000 objects: 39 batches of 128 = 4992, the last 8 are carried over. */
	KUNIT_EXPECT_EQ(test, c.total_to_scan, 4992);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 39);
	KUNIT_EXPECT_EQ(test, deferred(s), 8);
	shrinker_free(s);
}

/* batch 100: 512 objects are five calls of 100; the 12 left over are deferred and add up. */
static void shrinker_batch_and_deferred(struct kunit *test)
{
	struct fake_cache c;
	struct shrinker *s;

	fake_init(&c, 1 << 20);
	s = fake_shrinker(test, &c, 0, false);
	s->batch = 100;
	shrinker_register(s);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 5);
	KUNIT_EXPECT_EQ(test, c.last_nr_to_scan, 100);
	KUNIT_EXPECT_EQ(test, deferred(s), 12);

	/* (12 >> 12) adds nothing to the target, but the carry-over grows: 12 + 512 - 500. */
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 10);
	KUNIT_EXPECT_EQ(test, deferred(s), 24);

	/* At priority 0 the deferred work is scanned in full. */
	fake_init(&c, 50);
	atomic_long_set(&s->nr_deferred[0], 40);
	shrink_slab(GFP_KERNEL, 0, NULL, 0);
	/* 40 + 50 * 4 / 2 = 140, capped at 2 * 50 = 100: one call of 100. */
	KUNIT_EXPECT_EQ(test, c.scan_calls, 1);
	KUNIT_EXPECT_EQ(test, c.last_nr_to_scan, 100);
	/* 40 + 100 - 100 scanned = 40 stays deferred (capped at 100). */
	KUNIT_EXPECT_EQ(test, deferred(s), 40);
	shrinker_free(s);
}

/* A scanner that looked at fewer objects than asked makes the loop go on longer. */
static void shrinker_nr_scanned_feedback(struct kunit *test)
{
	struct fake_cache c;
	struct shrinker *s;

	fake_init(&c, 1 << 20);
	c.scanned_per_call = 64;
	c.free_per_scan = 3;
	s = fake_shrinker(test, &c, 0, true);
	/* total 512 → 448 → ... → 128 → 64: seven calls, 448 scanned, 64 deferred. */
	KUNIT_EXPECT_EQ(test, shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY), 7 * 3);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 7);
	KUNIT_EXPECT_EQ(test, deferred(s), 64);
	shrinker_free(s);
}

/* SHRINK_STOP ends this shrinker's pass; its whole share is deferred. */
static void shrinker_stop(struct kunit *test)
{
	struct fake_cache c, other;
	struct shrinker *s, *s2;

	fake_init(&c, 1 << 20);
	c.stop_after = 2;
	fake_init(&other, 1 << 20);
	s = fake_shrinker(test, &c, 0, true);
	s2 = fake_shrinker(test, &other, 0, true);
	/* Only the first call counts as freed (128); the other shrinker still runs. */
	KUNIT_EXPECT_GE(test, shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY), 128 + 512);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 2);
	KUNIT_EXPECT_EQ(test, other.scan_calls, 4);
	/* 512 - 128 scanned. */
	KUNIT_EXPECT_EQ(test, deferred(s), 384);
	shrinker_free(s2);
	shrinker_free(s);
}

/* count 0 and SHRINK_EMPTY skip the scan and contribute nothing. */
static void shrinker_empty_and_zero(struct kunit *test)
{
	struct fake_cache c;
	struct shrinker *s;

	fake_init(&c, SHRINK_EMPTY);
	s = fake_shrinker(test, &c, 0, true);
	atomic_long_set(&s->nr_deferred[0], 1000);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.count_calls, 1);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 0);
	/* Deferred work waits for a count that says there is something. */
	KUNIT_EXPECT_EQ(test, deferred(s), 1000);

	c.count = 0;
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.count_calls, 2);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 0);
	shrinker_free(s);
}

/* Shrinkers see the reclaiming allocation's flags: a NOFS caller's shrinker sees no __GFP_FS. */
static void shrinker_sees_gfp_mask(struct kunit *test)
{
	struct fake_cache c;
	struct shrinker *s;

	fake_init(&c, 1 << 20);
	s = fake_shrinker(test, &c, SHRINKER_NUMA_AWARE, true);
	shrink_slab(GFP_NOFS, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, c.count_gfp, GFP_NOFS);
	KUNIT_EXPECT_EQ(test, c.scan_gfp, GFP_NOFS);
	KUNIT_EXPECT_FALSE(test, c.scan_gfp & __GFP_FS);
	KUNIT_EXPECT_EQ(test, c.scan_nid, 0);
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_TRUE(test, c.scan_gfp & __GFP_FS);
	shrinker_free(s);
}

/* memcg reclaim: only memcg-aware shrinkers, with sc->memcg; global reclaim: all of them. */
static void shrinker_memcg_filtering(struct kunit *test)
{
	struct mem_cgroup *memcg = krt_memcg_create(NULL, "krt-shrinker-test");
	struct fake_cache aware, unaware;
	struct shrinker *sa, *su;

	KUNIT_ASSERT_FALSE(test, IS_ERR(memcg));
	fake_init(&aware, 1 << 20);
	fake_init(&unaware, 1 << 20);
	sa = fake_shrinker(test, &aware, SHRINKER_MEMCG_AWARE, true);
	su = fake_shrinker(test, &unaware, 0, true);

	shrink_slab(GFP_KERNEL, 0, memcg, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, unaware.count_calls, 0);
	KUNIT_EXPECT_EQ(test, aware.count_calls, 1);
	KUNIT_EXPECT_PTR_EQ(test, aware.count_memcg, memcg);
	KUNIT_EXPECT_PTR_EQ(test, aware.scan_memcg, memcg);

	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, unaware.count_calls, 1);
	KUNIT_EXPECT_EQ(test, aware.count_calls, 2);
	KUNIT_EXPECT_NULL(test, aware.scan_memcg);
	KUNIT_EXPECT_NULL(test, unaware.scan_memcg);

	/* The root memcg's reclaim is global reclaim. */
	shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, unaware.count_calls, 2);
	KUNIT_EXPECT_EQ(test, aware.count_calls, 3);
	KUNIT_EXPECT_PTR_EQ(test, unaware.scan_memcg, root_mem_cgroup);

	/* memcg reclaim carries no work over (krt keeps no per-memcg deferred counts). */
	aware.stop_after = aware.scan_calls + 1;
	shrink_slab(GFP_KERNEL, 0, memcg, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, aware.scan_calls, aware.stop_after);
	KUNIT_EXPECT_EQ(test, deferred(sa), 0);
	/* Global reclaim does (the SHRINK_STOP defers the whole share). */
	aware.stop_after = aware.scan_calls + 1;
	shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	KUNIT_EXPECT_EQ(test, deferred(sa), 512);

	shrinker_free(su);
	shrinker_free(sa);
	KUNIT_EXPECT_EQ(test, krt_memcg_destroy(memcg), 0);
}

struct slab_thread_arg {
	struct completion *done;
	unsigned long freed;
};

static int shrink_slab_thread(void *data)
{
	struct slab_thread_arg *a = data;

	a->freed = shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
	complete(a->done);
	return 0;
}

struct free_thread_arg {
	struct shrinker *s;
	bool returned;
};

static int shrinker_free_thread(void *data)
{
	struct free_thread_arg *a = data;

	shrinker_free(a->s);
	WRITE_ONCE(a->returned, true);
	return 0;
}

/* shrinker_free() does not return while a scan of the shrinker runs. */
static void shrinker_free_waits_for_scan(struct kunit *test)
{
	DECLARE_COMPLETION_ONSTACK(entered);
	DECLARE_COMPLETION_ONSTACK(release);
	DECLARE_COMPLETION_ONSTACK(slab_done);
	struct slab_thread_arg sa = { .done = &slab_done };
	struct free_thread_arg fa = {};
	struct task_struct *slab_task, *free_task;
	struct fake_cache c;

	fake_init(&c, 1 << 20);
	c.scan_entered = &entered;
	c.scan_release = &release;
	fa.s = fake_shrinker(test, &c, 0, true);

	slab_task = krt_thread_create(shrink_slab_thread, &sa, "shrink");
	KUNIT_ASSERT_FALSE(test, IS_ERR(slab_task));
	wait_for_completion(&entered);
	c.scan_entered = NULL;	/* later calls of this pass do not stop */

	free_task = krt_thread_create(shrinker_free_thread, &fa, "shrinker_free");
	KUNIT_ASSERT_FALSE(test, IS_ERR(free_task));
	msleep(50);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(fa.returned));

	complete(&release);
	krt_thread_join(free_task);
	KUNIT_EXPECT_TRUE(test, fa.returned);
	wait_for_completion(&slab_done);
	krt_thread_join(slab_task);
	/* The pass that was running finished its batches. */
	KUNIT_EXPECT_EQ(test, c.scan_calls, 4);
	KUNIT_EXPECT_EQ(test, sa.freed >= 512, true);
}

struct churn_arg {
	bool stop;
	unsigned long passes;
};

static int churn_shrink_slab(void *data)
{
	struct churn_arg *a = data;

	while (!READ_ONCE(a->stop)) {
		shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
		WRITE_ONCE(a->passes, a->passes + 1);
	}
	return 0;
}

/* Registering and freeing while another thread reclaims: no callback after shrinker_free(). */
static void shrinker_register_free_churn(struct kunit *test)
{
	struct churn_arg arg = {};
	struct task_struct *t;
	bool bad = false;
	int i;

	t = krt_thread_create(churn_shrink_slab, &arg, "churn");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	/* At least 300 rounds, and until the other thread has been reclaiming for a while. */
	for (i = 0; i < 300 || (READ_ONCE(arg.passes) < 100 && i < 1000000); i++) {
		struct fake_cache *c = kzalloc(sizeof(*c), GFP_KERNEL);
		struct shrinker *s;

		KUNIT_ASSERT_NOT_NULL(test, c);
		fake_init(c, 1 << 20);
		s = fake_shrinker(test, c, 0, true);
		if (i % 3 == 0)
			cond_resched();
		shrinker_free(s);
		WRITE_ONCE(c->dead, true);
		/* Another shrink_slab() pass must not reach it any more. */
		shrink_slab(GFP_KERNEL, 0, NULL, DEF_PRIORITY);
		bad |= READ_ONCE(c->used_after_free);
		kfree(c);	/* ASan reports any later use */
	}
	WRITE_ONCE(arg.stop, true);
	krt_thread_join(t);
	KUNIT_EXPECT_FALSE(test, bad);
	KUNIT_EXPECT_GE(test, arg.passes, 100);
}

struct find_arg {
	const char *prefix;
	char path[192];
};

static int find_path(const char *path, void *data)
{
	struct find_arg *a = data;

	if (strncmp(path, a->prefix, strlen(a->prefix)))
		return 0;
	strscpy(a->path, path, sizeof(a->path));
	return 1;
}

/* The directory of a shrinker: "<name>-<id>"; returns the path of @file in it. */
static bool shrinker_debugfs_path(struct shrinker *s, const char *file, char *buf, size_t size)
{
	snprintf(buf, size, "/sys/kernel/debug/shrinker/%s-%d/%s", s->name, s->debugfs_id, file);
	return s->debugfs_id >= 0;
}

static void shrinker_debugfs_files(struct kunit *test)
{
	char count_path[192], scan_path[192], buf[64];
	struct find_arg fa = { .prefix = "/sys/kernel/debug/shrinker/krt-test-fake-" };
	struct fake_cache c;
	struct shrinker *s;

	fake_init(&c, 1234);
	s = fake_shrinker(test, &c, 0, true);
	KUNIT_ASSERT_TRUE(test, shrinker_debugfs_path(s, "count", count_path, sizeof(count_path)));
	shrinker_debugfs_path(s, "scan", scan_path, sizeof(scan_path));
	KUNIT_EXPECT_EQ(test, krt_proc_for_each(find_path, &fa), 1);

	KUNIT_EXPECT_GT(test, krt_proc_read(count_path, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "0 1234\n");
	KUNIT_EXPECT_EQ(test, c.count_gfp, GFP_KERNEL);
	/* Nothing to free: no line at all. */
	c.count = SHRINK_EMPTY;
	KUNIT_EXPECT_EQ(test, krt_proc_read(count_path, buf, sizeof(buf)), 0);
	/* count is read-only, scan write-only. */
	KUNIT_EXPECT_EQ(test, krt_proc_write(count_path, "1", 1), -EACCES);
	KUNIT_EXPECT_EQ(test, krt_proc_read(scan_path, buf, sizeof(buf)), -EACCES);

	KUNIT_EXPECT_EQ(test, krt_proc_write(scan_path, "0 0 10\n", 7), 7);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 1);
	KUNIT_EXPECT_EQ(test, c.last_nr_to_scan, 10);
	KUNIT_EXPECT_EQ(test, c.scan_gfp, GFP_KERNEL);
	/* nr_to_scan 0 is accepted and does nothing. */
	KUNIT_EXPECT_EQ(test, krt_proc_write(scan_path, "0 0 0", 5), 5);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 1);
	KUNIT_EXPECT_EQ(test, krt_proc_write(scan_path, "0 0", 3), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write(scan_path, "0 5 10", 6), -EINVAL);
	KUNIT_EXPECT_EQ(test, krt_proc_write(scan_path, "0 -1 10", 7), -EINVAL);
	/* A memcg id on a shrinker that is not memcg-aware. */
	KUNIT_EXPECT_EQ(test, krt_proc_write(scan_path, "7 0 10", 6), -EINVAL);
	KUNIT_EXPECT_EQ(test, c.scan_calls, 1);

	shrinker_free(s);
	KUNIT_EXPECT_EQ(test, krt_proc_read(count_path, buf, sizeof(buf)), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_write(scan_path, "0 0 10", 6), -ENOENT);
	KUNIT_EXPECT_EQ(test, krt_proc_for_each(find_path, &fa), 0);
}

static void shrinker_debugfs_ids_and_rename(struct kunit *test)
{
	char path[192], old_path[192], buf[64];
	struct fake_cache c1, c2;
	struct shrinker *s1, *s2;

	fake_init(&c1, 1);
	fake_init(&c2, 2);
	s1 = fake_shrinker(test, &c1, SHRINKER_MEMCG_AWARE, true);
	s2 = fake_shrinker(test, &c2, 0, true);
	/* Same name, different ids, different directories. */
	KUNIT_EXPECT_NE(test, s1->debugfs_id, s2->debugfs_id);
	shrinker_debugfs_path(s2, "count", path, sizeof(path));
	krt_proc_read(path, buf, sizeof(buf));
	KUNIT_EXPECT_STREQ(test, buf, "0 2\n");

	/* A memcg id that does not exist, on a memcg-aware shrinker. */
	shrinker_debugfs_path(s1, "scan", path, sizeof(path));
	KUNIT_EXPECT_EQ(test, krt_proc_write(path, "7 0 10", 6), -ENOENT);

	shrinker_debugfs_path(s1, "count", old_path, sizeof(old_path));
	KUNIT_EXPECT_EQ(test, shrinker_debugfs_rename(s1, "krt-renamed-%d", 5), 0);
	KUNIT_EXPECT_STREQ(test, s1->name, "krt-renamed-5");
	shrinker_debugfs_path(s1, "count", path, sizeof(path));
	KUNIT_EXPECT_GT(test, krt_proc_read(path, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_STREQ(test, buf, "0 1\n");
	KUNIT_EXPECT_EQ(test, krt_proc_read(old_path, buf, sizeof(buf)), -ENOENT);

	shrinker_free(s1);
	shrinker_free(s2);
}

static struct kunit_case shrinker_test_cases[] = {
	KUNIT_CASE(shrinker_alloc_defaults),
	KUNIT_CASE(shrinker_register_requires_alloc),
	KUNIT_CASE(shrinker_called_only_while_registered),
	KUNIT_CASE(shrinker_priority_and_batches),
	KUNIT_CASE(shrinker_seeks),
	KUNIT_CASE(shrinker_batch_and_deferred),
	KUNIT_CASE(shrinker_nr_scanned_feedback),
	KUNIT_CASE(shrinker_stop),
	KUNIT_CASE(shrinker_empty_and_zero),
	KUNIT_CASE(shrinker_sees_gfp_mask),
	KUNIT_CASE(shrinker_memcg_filtering),
	KUNIT_CASE(shrinker_free_waits_for_scan),
	KUNIT_CASE(shrinker_register_free_churn),
	KUNIT_CASE(shrinker_debugfs_files),
	KUNIT_CASE(shrinker_debugfs_ids_and_rename),
	{}
};

static struct kunit_suite shrinker_test_suite = {
	.name = "shrinker",
	.test_cases = shrinker_test_cases,
};
kunit_test_suite(shrinker_test_suite);
