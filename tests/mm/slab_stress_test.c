// SPDX-License-Identifier: MIT
/*
 * The slab allocator under concurrency: threads allocating from shared caches and kmalloc and
 * freeing one another's objects (each thread's array takes objects of every other thread), a
 * SLAB_TYPESAFE_BY_RCU cache with lockless lookups racing frees and immediate reuse, and the
 * counters balancing afterwards. Built into the stress binary, which also runs under TSan.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/spinlock.h>
#include <linux/refcount.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>
#include <krt/tsan.h>

#include "mm/slab.h"

#ifdef KRT_TSAN
#define STRESS_OPS	20000
#define LOOKUP_OPS	20000
#else
#define STRESS_OPS	200000
#define LOOKUP_OPS	200000
#endif

#define STRESS_THREADS	4
#define RING_SLOTS	512

static u32 xorshift(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

/* ------------------------------------------------------------------------------------------ */
/* Cross-thread frees through rings */

enum obj_kind { KIND_SMALL, KIND_LARGE, KIND_KMALLOC, NR_KINDS };

#define OBJ_MAGIC	0x51ab0b1eU

/* The head of every object sent through a ring; the rest is filled from @seq. */
struct obj_head {
	u32 magic;
	u16 kind;
	u16 owner;
	u32 size;
	u32 seq;
};

struct ring {
	spinlock_t lock;
	unsigned int head, count;
	struct obj_head *slots[RING_SLOTS];
};

struct stress_ctx {
	struct kmem_cache *small, *large;
	struct ring rings[STRESS_THREADS];
	atomic_t corrupt;
	atomic_t ctor_calls;
};

struct stress_worker {
	struct stress_ctx *ctx;
	unsigned int id;
};

static void small_ctor(void *p)
{
	/* Objects of the small cache start with a recognisable constructed state. */
	memset(p, 0, sizeof(struct obj_head));
}

static u8 fill_byte(const struct obj_head *h)
{
	return (u8)(h->seq * 31 + h->owner);
}

static struct obj_head *obj_alloc(struct stress_ctx *ctx, unsigned int owner, u32 *rnd, u32 seq)
{
	unsigned int kind = xorshift(rnd) % NR_KINDS;
	struct obj_head *h;
	u32 size;

	switch (kind) {
	case KIND_SMALL:
		h = kmem_cache_alloc(ctx->small, GFP_KERNEL);
		size = kmem_cache_size(ctx->small);
		break;
	case KIND_LARGE:
		h = kmem_cache_alloc(ctx->large, GFP_KERNEL);
		size = kmem_cache_size(ctx->large);
		break;
	default:
		/* Every kmalloc size class, now and then a large kmalloc. */
		size = sizeof(*h) + xorshift(rnd) % ((xorshift(rnd) & 63) ? 2048 : 12000);
		h = kmalloc(size, GFP_KERNEL);
		break;
	}
	if (!h)
		return NULL;
	h->magic = OBJ_MAGIC;
	h->kind = kind;
	h->owner = owner;
	h->size = size;
	h->seq = seq;
	memset(h + 1, fill_byte(h), size - sizeof(*h));
	return h;
}

static void obj_free(struct stress_ctx *ctx, struct obj_head *h)
{
	const u8 *p = (const u8 *)(h + 1);
	u8 want = fill_byte(h);
	u32 i;

	if (h->magic != OBJ_MAGIC)
		atomic_inc(&ctx->corrupt);
	for (i = 0; i < h->size - sizeof(*h); i++) {
		if (p[i] != want) {
			atomic_inc(&ctx->corrupt);
			break;
		}
	}
	h->magic = 0;
	switch (h->kind) {
	case KIND_SMALL:
		memset(h, 0, sizeof(*h));	/* back to the constructed state */
		kmem_cache_free(ctx->small, h);
		break;
	case KIND_LARGE:
		/* Cache objects may be freed with kfree() too. */
		if (h->seq & 1)
			kfree(h);
		else
			kmem_cache_free(ctx->large, h);
		break;
	default:
		kfree(h);
		break;
	}
}

static bool ring_push(struct ring *r, struct obj_head *h)
{
	bool ok = false;

	spin_lock(&r->lock);
	if (r->count < RING_SLOTS) {
		r->slots[(r->head + r->count++) % RING_SLOTS] = h;
		ok = true;
	}
	spin_unlock(&r->lock);
	return ok;
}

static struct obj_head *ring_pop(struct ring *r)
{
	struct obj_head *h = NULL;

	spin_lock(&r->lock);
	if (r->count) {
		h = r->slots[r->head];
		r->head = (r->head + 1) % RING_SLOTS;
		r->count--;
	}
	spin_unlock(&r->lock);
	return h;
}

static int cross_free_fn(void *data)
{
	struct stress_worker *w = data;
	struct stress_ctx *ctx = w->ctx;
	struct ring *next = &ctx->rings[(w->id + 1) % STRESS_THREADS];
	struct ring *mine = &ctx->rings[w->id];
	u32 rnd = 0x9e3779b9U * (w->id + 1);
	struct obj_head *h, *bulk[16];
	unsigned int i, n;

	for (i = 0; i < STRESS_OPS; i++) {
		h = obj_alloc(ctx, w->id, &rnd, i);
		if (!h)
			return -ENOMEM;
		/* To the next thread, which frees it; when its ring is full, freed here. */
		if (!ring_push(next, h))
			obj_free(ctx, h);
		/* Free what the previous thread sent: one or two, to keep the rings moving. */
		for (n = 0; n < 2 && (h = ring_pop(mine)); n++)
			obj_free(ctx, h);
		/* Now and then a bulk allocation and free, also across the cache's slabs. */
		if ((i & 1023) == 0) {
			if (kmem_cache_alloc_bulk(ctx->large, GFP_KERNEL, ARRAY_SIZE(bulk),
						  (void **)bulk) != ARRAY_SIZE(bulk))
				return -ENOMEM;
			kmem_cache_free_bulk(ctx->large, ARRAY_SIZE(bulk), (void **)bulk);
		}
	}
	return 0;
}

static void slab_stress_cross_thread_free(struct kunit *test)
{
	struct stress_worker workers[STRESS_THREADS];
	struct task_struct *t[STRESS_THREADS];
	struct stress_ctx *ctx;
	struct obj_head *h;
	unsigned int i;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->small = kmem_cache_create("slab_stress_small", 40, 0, SLAB_NO_MERGE, small_ctor);
	ctx->large = kmem_cache_create("slab_stress_large", 700, NULL, SLAB_HWCACHE_ALIGN);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->small);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->large);
	for (i = 0; i < STRESS_THREADS; i++)
		spin_lock_init(&ctx->rings[i].lock);

	krt_printk_capture_begin(false);
	for (i = 0; i < STRESS_THREADS; i++) {
		workers[i].ctx = ctx;
		workers[i].id = i;
		t[i] = krt_thread_create(cross_free_fn, &workers[i], "slab-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < STRESS_THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	/* What is still in the rings is freed here, by yet another thread. */
	for (i = 0; i < STRESS_THREADS; i++)
		while ((h = ring_pop(&ctx->rings[i])))
			obj_free(ctx, h);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("BUG"));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("WARNING"));
	krt_printk_capture_end();

	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->corrupt), 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(ctx->small), 0U);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(ctx->large), 0U);
	/*
	 * The workers are gone, so are their arrays; this thread's goes back with shrink: every
	 * object is back in its slab, and every slab can go.
	 */
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(ctx->small), 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(ctx->large), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ctx->small->node.inuse_objects), 0UL);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ctx->large->node.nr_slabs), 0UL);
	krt_printk_capture_begin(false);
	kmem_cache_destroy(ctx->small);
	kmem_cache_destroy(ctx->large);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	kfree(ctx);
}

/* ------------------------------------------------------------------------------------------ */
/* SLAB_TYPESAFE_BY_RCU: lookups racing frees and immediate reuse */

#define TABLE_SLOTS	64
#define LOOKUP_READERS	2
#define LOOKUP_WRITERS	2

struct tobj {
	refcount_t ref;
	atomic_t key;		/* (generation << 8) | slot */
	u32 payload[14];	/* each word: the key, written before the object is published */
};

struct lookup_ctx {
	struct kmem_cache *s;
	struct tobj __rcu *table[TABLE_SLOTS];
	atomic_t stop;
	atomic_t generation;
	atomic_t found, retried, bad;
};

struct lookup_worker {
	struct lookup_ctx *ctx;
	unsigned int id;
};

static void tobj_put(struct lookup_ctx *ctx, struct tobj *obj)
{
	if (refcount_dec_and_test(&obj->ref))
		kmem_cache_free(ctx->s, obj);
}

static struct tobj *tobj_new(struct lookup_ctx *ctx, unsigned int slot)
{
	struct tobj *obj = kmem_cache_alloc(ctx->s, GFP_KERNEL);
	int key, i;

	if (!obj)
		return NULL;
	key = (atomic_inc_return(&ctx->generation) << 8) | slot;
	atomic_set(&obj->key, key);
	for (i = 0; i < ARRAY_SIZE(obj->payload); i++)
		obj->payload[i] = key;
	/* Fully initialised before a lookup can take a reference. */
	refcount_set_release(&obj->ref, 1);
	return obj;
}

/* The lookup of the kernel's comment on SLAB_TYPESAFE_BY_RCU. */
static struct tobj *tobj_lookup(struct lookup_ctx *ctx, unsigned int slot, u32 *rnd)
{
	struct tobj *obj;
	int key, i, delay;

again:
	rcu_read_lock();
	obj = rcu_dereference(ctx->table[slot]);
	if (!obj) {
		rcu_read_unlock();
		return NULL;
	}
	/* Widen the window in which the object is freed or reused under the reader. */
	for (delay = xorshift(rnd) % 256; delay > 0; delay--)
		cpu_relax();
	if (!refcount_inc_not_zero_acquire(&obj->ref)) {
		/* Freed meanwhile: the memory is still a tobj, with a zero count. */
		rcu_read_unlock();
		atomic_inc(&ctx->retried);
		goto again;
	}
	rcu_read_unlock();
	key = atomic_read(&obj->key);
	if ((key & 0xff) != slot) {
		/* Reused for another slot: not the object we wanted. */
		tobj_put(ctx, obj);
		atomic_inc(&ctx->retried);
		goto again;
	}
	for (i = 0; i < ARRAY_SIZE(obj->payload); i++)
		if (obj->payload[i] != (u32)key)
			atomic_inc(&ctx->bad);
	return obj;
}

static int lookup_reader_fn(void *data)
{
	struct lookup_worker *w = data;
	struct lookup_ctx *ctx = w->ctx;
	u32 rnd = 0x2545f491U * (w->id + 3);
	struct tobj *obj;
	unsigned int i;

	for (i = 0; i < LOOKUP_OPS && !atomic_read(&ctx->stop); i++) {
		obj = tobj_lookup(ctx, xorshift(&rnd) % TABLE_SLOTS, &rnd);
		if (obj) {
			atomic_inc(&ctx->found);
			tobj_put(ctx, obj);
		}
	}
	return 0;
}

static int lookup_writer_fn(void *data)
{
	struct lookup_worker *w = data;
	struct lookup_ctx *ctx = w->ctx;
	u32 rnd = 0x68e31da4U * (w->id + 7);
	struct tobj *obj, *old;
	unsigned int i, slot;

	for (i = 0; i < LOOKUP_OPS / 2; i++) {
		slot = xorshift(&rnd) % TABLE_SLOTS;
		obj = (xorshift(&rnd) & 3) ? tobj_new(ctx, slot) : NULL;
		/* Replace (or remove) the slot's object; its memory may come back at once. */
		old = unrcu_pointer(xchg(&ctx->table[slot], RCU_INITIALIZER(obj)));
		if (old)
			tobj_put(ctx, old);
	}
	return 0;
}

static void slab_stress_typesafe_by_rcu_lookup(struct kunit *test)
{
	struct lookup_worker workers[LOOKUP_READERS + LOOKUP_WRITERS];
	struct task_struct *t[LOOKUP_READERS + LOOKUP_WRITERS];
	struct lookup_ctx *ctx;
	struct tobj *old;
	unsigned int i;

	ctx = kzalloc(sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->s = kmem_cache_create("slab_stress_typesafe", sizeof(struct tobj), NULL,
				   SLAB_TYPESAFE_BY_RCU);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->s);

	for (i = 0; i < ARRAY_SIZE(t); i++) {
		workers[i].ctx = ctx;
		workers[i].id = i;
		t[i] = krt_thread_create(i < LOOKUP_WRITERS ? lookup_writer_fn : lookup_reader_fn,
					 &workers[i], "slab-lookup");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < LOOKUP_WRITERS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	atomic_set(&ctx->stop, 1);
	for (i = LOOKUP_WRITERS; i < ARRAY_SIZE(t); i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);

	KUNIT_EXPECT_EQ(test, atomic_read(&ctx->bad), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&ctx->found), 0);
	kunit_info(test, "%d found, %d retried", atomic_read(&ctx->found),
		   atomic_read(&ctx->retried));
	for (i = 0; i < TABLE_SLOTS; i++) {
		old = unrcu_pointer(xchg(&ctx->table[i], NULL));
		if (old)
			tobj_put(ctx, old);
	}
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(ctx->s), 0U);
	krt_printk_capture_begin(false);
	kmem_cache_destroy(ctx->s);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	kfree(ctx);
}

/* ------------------------------------------------------------------------------------------ */
/* Counters read while other threads allocate (/proc/slabinfo, the leak checker) */

#define COUNTER_THREADS	2
#define COUNTER_BATCH	100

struct counter_ctx {
	struct kmem_cache *s;
	atomic_t stop;
	atomic_t done;
	atomic_t corrupt;
};

static int counter_worker_fn(void *data)
{
	struct counter_ctx *ctx = data;
	void *objs[COUNTER_BATCH];
	unsigned int i;

	while (!atomic_read(&ctx->stop)) {
		for (i = 0; i < COUNTER_BATCH; i++) {
			objs[i] = kmem_cache_alloc(ctx->s, GFP_KERNEL);
			if (!objs[i])
				return -ENOMEM;
			/* Each object names its holder: one handed out twice is found below. */
			*(void **)objs[i] = &objs[i];
		}
		for (i = 0; i < COUNTER_BATCH; i++) {
			if (*(void **)objs[i] != &objs[i])
				atomic_inc(&ctx->corrupt);
			kmem_cache_free(ctx->s, objs[i]);
		}
	}
	atomic_inc(&ctx->done);
	return 0;
}

static void slab_stress_counters_while_allocating(struct kunit *test)
{
	struct task_struct *t[COUNTER_THREADS];
	char *buf = kmalloc(64 * 1024, GFP_KERNEL);
	struct counter_ctx ctx = {};
	unsigned int i, active, over = 0;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	ctx.s = kmem_cache_create("slab_stress_counters", 128, NULL, SLAB_NO_MERGE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx.s);
	for (i = 0; i < COUNTER_THREADS; i++) {
		t[i] = krt_thread_create(counter_worker_fn, &ctx, "slab-counters");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	/* What /proc/slabinfo and the leak checker read, while the workers run. */
	for (i = 0; i < 2000; i++) {
		active = kmem_cache_active_objects(ctx.s);
		over += active > COUNTER_THREADS * COUNTER_BATCH;
		if ((i & 63) == 0)
			krt_proc_read("/proc/slabinfo", buf, 64 * 1024);
	}
	atomic_set(&ctx.stop, 1);
	for (i = 0; i < COUNTER_THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	KUNIT_EXPECT_EQ(test, over, 0U);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(ctx.s), 0U);
	kmem_cache_destroy(ctx.s);
	kfree(buf);
}

/*
 * kmem_cache_shrink() empties every thread's array while the owners allocate and free: the
 * drain handshake must neither lose an object nor hand one out twice.
 */
static void slab_stress_shrink_while_allocating(struct kunit *test)
{
	struct task_struct *t[COUNTER_THREADS];
	struct counter_ctx ctx = {};
	unsigned int i;

	ctx.s = kmem_cache_create("slab_stress_shrink", 64, NULL, SLAB_NO_MERGE);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx.s);
	for (i = 0; i < COUNTER_THREADS; i++) {
		t[i] = krt_thread_create(counter_worker_fn, &ctx, "slab-shrink");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < 300; i++)
		kmem_cache_shrink(ctx.s);
	atomic_set(&ctx.stop, 1);
	for (i = 0; i < COUNTER_THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&ctx.corrupt), 0);
	KUNIT_EXPECT_EQ(test, kmem_cache_active_objects(ctx.s), 0U);
	KUNIT_EXPECT_EQ(test, kmem_cache_shrink(ctx.s), 0);
	kmem_cache_destroy(ctx.s);
}

static struct kunit_case slab_stress_test_cases[] = {
	KUNIT_CASE_SLOW(slab_stress_cross_thread_free),
	KUNIT_CASE(slab_stress_counters_while_allocating),
	KUNIT_CASE(slab_stress_shrink_while_allocating),
	KUNIT_CASE_SLOW(slab_stress_typesafe_by_rcu_lookup),
	{}
};

static struct kunit_suite slab_stress_test_suite = {
	.name = "slab_stress",
	.test_cases = slab_stress_test_cases,
};
kunit_test_suite(slab_stress_test_suite);
