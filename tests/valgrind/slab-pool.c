// SPDX-License-Identifier: MIT
/*
 * What the slab allocator tells Valgrind memcheck (<linux/kasan.h>): every cache is a memcheck
 * mempool and every object a chunk of it, so a use after free, an overflow into a kmalloc size
 * class's slack and a leak are reported with the stacks of the bad access, of the allocation
 * and of the free. Run under memcheck by scripts/check-valgrind.sh, one mode per run; the
 * script decides from memcheck's report whether the mode passed.
 *
 *   slab-pool uaf        write to a kmem_cache object after kmem_cache_free(), read a kmalloc
 *                        object after kfree(): two "Invalid ..." reports, in
 *                        cache_write_after_free() and kmalloc_read_after_free(), each inside a
 *                        block free'd by kmem_cache_free() / kfree()
 *   slab-pool overflow   write one byte past kmalloc(100), into the slack of kmalloc-128 (of an
 *                        object kfree_sensitive() cleared before): one "Invalid write of size 1"
 *                        in write_past_kmalloc()
 *   slab-pool leak       allocate a kmem_cache object and a kmalloc object and drop them: the
 *                        leak check (--leak-check=full) finds both "definitely lost", allocated
 *                        in leak_cache_object() and leak_kmalloc_object()
 *   slab-pool clean      kmem_cache objects with and without a constructor, __GFP_ZERO, bulk
 *                        allocation, every kmalloc size, krealloc (in place and moved), ksize,
 *                        kfree_sensitive, a SLAB_TYPESAFE_BY_RCU object read after its free,
 *                        objects freed by another thread, enough of them to go through the
 *                        per-thread arrays and the slabs: memcheck must report nothing, no
 *                        leak either
 *
 * Not part of krt-tests (the Makefile leaves tests/valgrind/ out): each mode is meant to make
 * the tool report, which a KUnit case cannot check from the inside.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/gfp.h>
#include <linux/string.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <krt/boot.h>

#include <stdio.h>
#include <string.h>

struct item {
	unsigned long key;
	struct list_head node;
	char name[40];
	int state;
};

/* scripts/check-valgrind.sh looks for a block of this size. */
static_assert(sizeof(struct item) == 72, "struct item is 72 bytes");

#define ITEM_READY	0x5eed

static struct kmem_cache *item_cache;

/* Where values read go, so that the compiler keeps the reads. */
static volatile unsigned long sink;

static int make_item_cache(void)
{
	item_cache = KMEM_CACHE(item, 0);
	return item_cache ? 0 : 1;
}

/* ------------------------------------------------------------------------------------------ */
/* uaf */

static noinline void cache_write_after_free(void)
{
	struct item *it = kmem_cache_alloc(item_cache, GFP_KERNEL);

	if (!it)
		return;
	it->key = 1;
	kmem_cache_free(item_cache, it);
	/* memcheck: Invalid write of size 4, inside a freed block */
	WRITE_ONCE(it->state, 2);
}

static noinline void kmalloc_read_after_free(void)
{
	char *p = kmalloc(100, GFP_KERNEL);

	if (!p)
		return;
	memset(p, 0x11, 100);
	kfree(p);
	sink = READ_ONCE(p[10]);	/* memcheck: Invalid read of size 1, inside a freed block */
}

static int mode_uaf(void)
{
	if (make_item_cache())
		return 1;
	cache_write_after_free();
	kmalloc_read_after_free();
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* overflow */

/*
 * The object had all of its 128 bytes opened by kfree_sensitive() before: they are closed again
 * when it is freed, so the next kmalloc(100), which gets it back from the thread's array, has
 * only 100.
 */
static noinline void write_past_kmalloc(void)
{
	char *p = kmalloc(100, GFP_KERNEL);

	if (!p)
		return;
	memset(p, 0x22, 100);
	kfree_sensitive(p);
	p = kmalloc(100, GFP_KERNEL);
	if (!p)
		return;
	memset(p, 0x22, 100);
	OPTIMIZER_HIDE_VAR(p);		/* the compiler would warn about the overflow */
	/* memcheck: Invalid write of size 1, just after the block */
	WRITE_ONCE(p[100], 1);
	kfree(p);
}

static int mode_overflow(void)
{
	write_past_kmalloc();
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* leak */

static noinline void leak_cache_object(void)
{
	struct item *it = kmem_cache_alloc(item_cache, GFP_KERNEL);

	OPTIMIZER_HIDE_VAR(it);		/* else the unread object is not even written */
	if (it)
		it->key = 3;
}

static noinline void leak_kmalloc_object(void)
{
	char *p = kmalloc(200, GFP_KERNEL);

	OPTIMIZER_HIDE_VAR(p);
	if (p)
		memset(p, 0x33, 200);
}

/* Allocate and free a few more, so that nothing krt keeps still points at the leaked ones. */
static noinline void churn(void)
{
	void *objs[8];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmem_cache_alloc(item_cache, GFP_KERNEL);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kmem_cache_free(item_cache, objs[i]);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = kmalloc(200, GFP_KERNEL);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		kfree(objs[i]);
}

static int mode_leak(void)
{
	if (make_item_cache())
		return 1;
	leak_cache_object();
	leak_kmalloc_object();
	churn();
	return 0;
}

/* ------------------------------------------------------------------------------------------ */
/* clean */

struct ctor_obj {
	int magic;
	spinlock_t lock;
	struct list_head list;
	char payload[150];
};

static void ctor_obj_init(void *p)
{
	struct ctor_obj *o = p;

	o->magic = ITEM_READY;
	spin_lock_init(&o->lock);
	INIT_LIST_HEAD(&o->list);
}

/* Constructed state is kept from one user to the next: it is defined, never reported. */
static int use_ctor_cache(void)
{
	struct kmem_cache *s = kmem_cache_create("vg_ctor_obj", sizeof(struct ctor_obj), 0, 0,
						 ctor_obj_init);
	struct ctor_obj *objs[300];
	unsigned int i, round;
	int bad = 0;

	if (!s)
		return 1;
	for (round = 0; round < 3; round++) {
		for (i = 0; i < ARRAY_SIZE(objs); i++) {
			objs[i] = kmem_cache_alloc(s, GFP_KERNEL);
			if (!objs[i])
				return 1;
			if (objs[i]->magic != ITEM_READY || !list_empty(&objs[i]->list))
				bad++;
			spin_lock(&objs[i]->lock);
			memset(objs[i]->payload, i, sizeof(objs[i]->payload));
			spin_unlock(&objs[i]->lock);
		}
		for (i = 0; i < ARRAY_SIZE(objs); i++)
			kmem_cache_free(s, objs[round & 1 ? i : ARRAY_SIZE(objs) - 1 - i]);
	}
	kmem_cache_destroy(s);
	return bad;
}

/* Plain and zeroed objects, one by one and in bulk, enough to fill and drain several slabs. */
static int use_item_cache(void)
{
	struct item *objs[500];
	unsigned long sum = 0;
	unsigned int i;
	LIST_HEAD(list);
	int bad = 0;

	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = i & 1 ? kmem_cache_zalloc(item_cache, GFP_KERNEL) :
				  kmem_cache_alloc(item_cache, GFP_KERNEL);
		if (!objs[i])
			return 1;
		if ((i & 1) && (objs[i]->key || objs[i]->state || objs[i]->name[39]))
			bad++;
		objs[i]->key = i;
		objs[i]->state = ITEM_READY;
		snprintf(objs[i]->name, sizeof(objs[i]->name), "item %u", i);
		list_add(&objs[i]->node, &list);
	}
	while (!list_empty(&list)) {
		struct item *it = list_first_entry(&list, struct item, node);

		sum += it->key + (it->state == ITEM_READY);
		list_del(&it->node);
		kmem_cache_free(item_cache, it);
	}

	if (kmem_cache_alloc_bulk(item_cache, GFP_KERNEL, ARRAY_SIZE(objs), (void **)objs) !=
	    ARRAY_SIZE(objs))
		return 1;
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i]->key = i;
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		sum += objs[i]->key;
	kmem_cache_free_bulk(item_cache, ARRAY_SIZE(objs), (void **)objs);

	if (kmem_cache_alloc_bulk(item_cache, GFP_KERNEL | __GFP_ZERO, 100, (void **)objs) != 100)
		return 1;
	for (i = 0; i < 100; i++)
		if (objs[i]->key || objs[i]->name[0])
			bad++;
	kfree_bulk(100, (void **)objs);

	kmem_cache_shrink(item_cache);
	sink = sum;
	return bad;
}

/* Every kmalloc size class, filled to the byte asked for; zeroed ones read before written. */
static int use_kmalloc(void)
{
	static const size_t sizes[] = { 1, 7, 8, 9, 16, 24, 33, 70, 96, 100, 128, 129, 200, 256,
					500, 1000, 2048, 3000, 4096, 5000, 8192, 8193, 20000 };
	void *objs[ARRAY_SIZE(sizes)][16];
	unsigned int i, j;
	int bad = 0;
	u8 *p;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (j = 0; j < ARRAY_SIZE(objs[i]); j++) {
			p = j & 1 ? kzalloc(sizes[i], GFP_KERNEL) : kmalloc(sizes[i], GFP_KERNEL);
			if (!p)
				return 1;
			if ((j & 1) && (p[0] || p[sizes[i] - 1]))
				bad++;
			memset(p, j, sizes[i]);
			objs[i][j] = p;
		}
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (j = 0; j < ARRAY_SIZE(objs[i]); j++) {
			p = objs[i][j];
			if (p[sizes[i] - 1] != j)
				bad++;
			kfree(p);
		}
	}
	return bad;
}

/*
 * krealloc in place (smaller, larger within the size class, zeroing) and moved (ksize() bytes
 * copied, of which only the requested ones are accessible); ksize; kfree_sensitive.
 */
static int use_krealloc(void)
{
	char *p, *q;

	p = kmalloc(100, GFP_KERNEL);
	if (!p)
		return 1;
	memset(p, 'a', 100);
	q = krealloc(p, 40, GFP_KERNEL | __GFP_ZERO);	/* in place: [40, 128) zeroed */
	if (!q || q[39] != 'a')
		return 1;
	p = krealloc(q, 120, GFP_KERNEL);		/* in place again, larger */
	if (!p || p[39] != 'a' || p[119])
		return 1;
	memset(p + 40, 'b', 80);
	q = krealloc(p, 1000, GFP_KERNEL);		/* moved to kmalloc-1k */
	if (!q || q[0] != 'a' || q[119] != 'b')
		return 1;
	memset(q + 120, 'c', 1000 - 120);
	p = krealloc(q, 20000, GFP_KERNEL);		/* moved to the page allocator */
	if (!p || p[999] != 'c')
		return 1;
	memset(p + 1000, 'd', 20000 - 1000);
	q = krealloc(p, 30, GFP_KERNEL);		/* in place in the pages */
	if (!q || q[29] != 'a')
		return 1;
	p = krealloc(q, 0, GFP_KERNEL);			/* freed */
	if (p != ZERO_SIZE_PTR)
		return 1;

	p = kmalloc(70, GFP_KERNEL);
	if (!p)
		return 1;
	memset(p, 'e', 70);
	if (ksize(p) != 96)			/* the size class, not the request */
		return 1;
	kfree_sensitive(p);			/* clears all 96 bytes, then frees */

	p = kmalloc(50, GFP_KERNEL);
	if (!p)
		return 1;
	strscpy(p, "secret", 50);
	kfree_sensitive(p);
	kfree_sensitive(NULL);
	return 0;
}

/* An RCU reader may still look at an object of a SLAB_TYPESAFE_BY_RCU cache after its free. */
static int use_typesafe_cache(void)
{
	struct kmem_cache *s = kmem_cache_create("vg_typesafe", sizeof(struct item), 0,
						 SLAB_TYPESAFE_BY_RCU, NULL);
	struct item *it;
	int bad = 0;

	if (!s)
		return 1;
	it = kmem_cache_zalloc(s, GFP_KERNEL);
	if (!it)
		return 1;
	it->key = 42;
	rcu_read_lock();
	kmem_cache_free(s, it);
	if (READ_ONCE(it->key) != 42)		/* still an item, and nobody took it since */
		bad++;
	rcu_read_unlock();
	rcu_barrier();
	kmem_cache_destroy(s);
	return bad;
}

struct handoff {
	void *objs[200];
	struct completion done;
};

/*
 * Another thread frees what this one allocated, allocates its own, empties every thread's array
 * of struct item (the waiting thread's too) and leaves: its own arrays go back to the slabs.
 */
static int worker_fn(void *arg)
{
	struct handoff *h = arg;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(h->objs); i++) {
		kfree(h->objs[i]);
		h->objs[i] = kmalloc(64 + i, GFP_KERNEL);
		if (h->objs[i])
			memset(h->objs[i], i, 64 + i);
	}
	kmem_cache_shrink(item_cache);
	complete(&h->done);
	return 0;
}

static int use_other_thread(void)
{
	struct task_struct *t;
	struct handoff *h = kzalloc(sizeof(*h), GFP_KERNEL);
	unsigned int i;

	if (!h)
		return 1;
	for (i = 0; i < ARRAY_SIZE(h->objs); i++) {
		h->objs[i] = kmalloc(100, GFP_KERNEL);
		if (!h->objs[i])
			return 1;
		memset(h->objs[i], i, 100);
	}
	/* Some objects of struct item in this thread's array, for the worker to take back. */
	for (i = 0; i < 10; i++)
		kmem_cache_free(item_cache, kmem_cache_alloc(item_cache, GFP_KERNEL));
	init_completion(&h->done);
	t = kthread_run(worker_fn, h, "vg-slab-worker");
	if (IS_ERR(t))
		return 1;
	wait_for_completion(&h->done);
	for (i = 0; i < ARRAY_SIZE(h->objs); i++)
		kfree(h->objs[i]);
	kfree(h);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} clean_steps[] = {
	{ "ctor cache", use_ctor_cache },
	{ "item cache", use_item_cache },
	{ "kmalloc", use_kmalloc },
	{ "krealloc", use_krealloc },
	{ "typesafe cache", use_typesafe_cache },
	{ "other thread", use_other_thread },
};

static int mode_clean(void)
{
	unsigned int i;
	int ret = 0;

	if (make_item_cache())
		return 1;
	for (i = 0; i < ARRAY_SIZE(clean_steps); i++) {
		if (clean_steps[i].fn()) {
			pr_err("slab-pool clean: %s: wrong result\n", clean_steps[i].name);
			ret = 1;
		}
	}
	kmem_cache_destroy(item_cache);
	return ret;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	krt_boot(NULL);
	if (!strcmp(mode, "uaf"))
		return mode_uaf();
	if (!strcmp(mode, "overflow"))
		return mode_overflow();
	if (!strcmp(mode, "leak"))
		return mode_leak();
	if (!strcmp(mode, "clean"))
		return mode_clean();
	fprintf(stderr, "usage: slab-pool uaf|overflow|leak|clean (run under valgrind)\n");
	return 2;
}
