// SPDX-License-Identifier: MIT
/*
 * The four patterns of Documentation/core-api/kref.rst under multi-threaded stress: objects are
 * handed between threads, looked up in a shared list, referenced and released concurrently.
 * Every object must be released exactly once (releases are counted against allocations), with
 * no refcount, list or allocator report; run under ASan and TSan this must also be silent.
 *
 * The lookups follow the document's code; the RCU lookup uses list_first_or_null_rcu()-style
 * accessors instead of the document's plain "q.next" read, which is a data race with
 * list_del_rcu() in C11 terms (and one that TSan rightly reports).
 */
#include <kunit/test.h>
#include <linux/kref.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <krt/printk.h>
#include <krt/thread.h>
#include <krt/tsan.h>

#ifdef KRT_TSAN
#define STRESS_ITERS	3000
#define HANDOFFS	40
#else
#define STRESS_ITERS	40000
#define HANDOFFS	200
#endif
#define NR_WORKERS	4
#define MAX_HELD	8
#define OBJ_MAGIC	0x6b726566UL

struct obj {
	struct rcu_head rhead;
	struct kref refcount;
	struct list_head link;
	unsigned long magic;
	bool released;
};

static atomic_t nr_alloc, nr_release, nr_bad;
static DEFINE_MUTEX(mutex);
static LIST_HEAD(q);

/* Mark @o released; a second release of the same object is counted as bad. */
static void note_release(struct obj *o)
{
	if (READ_ONCE(o->magic) != OBJ_MAGIC || o->released)
		atomic_inc(&nr_bad);
	o->released = true;
	atomic_inc(&nr_release);
}

static void check_obj(struct obj *o)
{
	if (READ_ONCE(o->magic) != OBJ_MAGIC)
		atomic_inc(&nr_bad);
}

static struct obj *obj_alloc(void)
{
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		return NULL;
	kref_init(&o->refcount);
	o->magic = OBJ_MAGIC;
	o->released = false;
	atomic_inc(&nr_alloc);
	return o;
}

static u32 next_rand(u32 *state)
{
	u32 x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

static int kref_stress_init(struct kunit *test)
{
	atomic_set(&nr_alloc, 0);
	atomic_set(&nr_release, 0);
	atomic_set(&nr_bad, 0);
	krt_printk_capture_begin(false);
	return 0;
}

static void kref_stress_exit(struct kunit *test)
{
	kunit_info(test, "%d objects allocated and released\n", atomic_read(&nr_alloc));
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_release), atomic_read(&nr_alloc));
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_bad), 0);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING:"), 0U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG:"), 0U);
	krt_printk_capture_end();
	KUNIT_EXPECT_TRUE(test, list_empty(&q));
}

/* ===== Pattern 1: hand-off to a kthread ===================================================== */

static void handoff_release(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, refcount);

	note_release(o);
	kfree(o);
}

static atomic_t handoff_threads_done;

static int handoff_thread(void *cb_data)
{
	struct obj *o = cb_data;

	check_obj(o);
	kref_put(&o->refcount, handoff_release);
	atomic_inc(&handoff_threads_done);
	return 0;
}

static int handoff_handler(void *arg)
{
	int i;

	for (i = 0; i < HANDOFFS / NR_WORKERS; i++) {
		struct obj *o = obj_alloc();
		struct task_struct *task;

		if (!o)
			return -ENOMEM;
		kref_get(&o->refcount);
		task = kthread_run(handoff_thread, o, "handoff");
		if (IS_ERR(task)) {
			kref_put(&o->refcount, handoff_release);
			kref_put(&o->refcount, handoff_release);
			return PTR_ERR(task);
		}
		check_obj(o);
		if (i & 1)
			cond_resched();
		kref_put(&o->refcount, handoff_release);
	}
	return 0;
}

static void kref_stress_thread_handoff(struct kunit *test)
{
	struct task_struct *t[NR_WORKERS];
	int i, expected = (HANDOFFS / NR_WORKERS) * NR_WORKERS, ms;

	atomic_set(&handoff_threads_done, 0);
	for (i = 0; i < NR_WORKERS; i++) {
		t[i] = krt_thread_create(handoff_handler, NULL, "handoff-handler");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < NR_WORKERS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	for (ms = 0; ms < 10000 && atomic_read(&handoff_threads_done) < expected; ms++)
		msleep(1);
	KUNIT_EXPECT_EQ(test, atomic_read(&handoff_threads_done), expected);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_alloc), expected);
}

/* ===== Patterns 2, 3, 3b and 4: a shared list ================================================ */

enum list_pattern {
	PAT_MUTEX,		/* get under mutex with kref_get; put under mutex */
	PAT_RETVAL,		/* as PAT_MUTEX, but free after kref_put() returned 1 */
	PAT_UNLESS_ZERO,	/* get with kref_get_unless_zero; release takes the mutex */
	PAT_RCU,		/* RCU lookup with kref_get_unless_zero; list_del_rcu + kfree_rcu */
};

/* Pattern 2 */
static void release_locked(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, refcount);

	note_release(o);
	list_del(&o->link);
	kfree(o);
}

/* Pattern 3 */
static void release_noop(struct kref *ref)
{
}

/* Pattern 3b */
static void release_unless_zero(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, refcount);

	note_release(o);
	mutex_lock(&mutex);
	list_del(&o->link);
	mutex_unlock(&mutex);
	kfree(o);
}

/* Pattern 4 */
static void release_rcu(struct kref *ref)
{
	struct obj *o = container_of(ref, struct obj, refcount);

	note_release(o);
	mutex_lock(&mutex);
	list_del_rcu(&o->link);
	mutex_unlock(&mutex);
	kfree_rcu(o, rhead);
}

/* Look up the @nth entry (or the last one, if the list is shorter) and take a reference. */
static struct obj *get_entry(enum list_pattern pat, unsigned int nth)
{
	struct obj *entry = NULL, *pos;

	if (pat == PAT_RCU) {
		rcu_read_lock();
		list_for_each_entry_rcu(pos, &q, link) {
			check_obj(pos);		/* still valid memory, even if released */
			entry = pos;
			if (!nth--)
				break;
		}
		if (entry && !kref_get_unless_zero(&entry->refcount))
			entry = NULL;
		rcu_read_unlock();
		return entry;
	}

	mutex_lock(&mutex);
	list_for_each_entry(pos, &q, link) {
		entry = pos;
		if (!nth--)
			break;
	}
	if (entry) {
		if (pat == PAT_UNLESS_ZERO) {
			if (!kref_get_unless_zero(&entry->refcount))
				entry = NULL;
		} else {
			kref_get(&entry->refcount);
		}
	}
	mutex_unlock(&mutex);
	return entry;
}

static void put_entry(enum list_pattern pat, struct obj *entry)
{
	switch (pat) {
	case PAT_MUTEX:
		mutex_lock(&mutex);
		kref_put(&entry->refcount, release_locked);
		mutex_unlock(&mutex);
		break;
	case PAT_RETVAL:
		mutex_lock(&mutex);
		if (kref_put(&entry->refcount, release_noop)) {
			note_release(entry);
			list_del(&entry->link);
			mutex_unlock(&mutex);
			kfree(entry);
		} else {
			mutex_unlock(&mutex);
		}
		break;
	case PAT_UNLESS_ZERO:
		kref_put(&entry->refcount, release_unless_zero);
		break;
	case PAT_RCU:
		kref_put(&entry->refcount, release_rcu);
		break;
	}
}

struct worker {
	enum list_pattern pat;
	u32 seed;
	struct obj *held[MAX_HELD];
	int nr_held;
};

static void drop_one(struct worker *w, unsigned int i)
{
	struct obj *o = w->held[i];

	w->held[i] = w->held[--w->nr_held];
	check_obj(o);
	put_entry(w->pat, o);
}

static int list_worker(void *arg)
{
	struct worker *w = arg;
	int i;

	for (i = 0; i < STRESS_ITERS; i++) {
		u32 r = next_rand(&w->seed);
		struct obj *o;

		if (w->nr_held == MAX_HELD)
			drop_one(w, r % MAX_HELD);

		switch (r >> 29) {
		case 0:		/* create: the creator keeps the first reference */
			o = obj_alloc();
			if (!o)
				return -ENOMEM;
			mutex_lock(&mutex);
			if (w->pat == PAT_RCU)
				list_add_tail_rcu(&o->link, &q);
			else
				list_add_tail(&o->link, &q);
			mutex_unlock(&mutex);
			w->held[w->nr_held++] = o;
			break;
		case 1:
		case 2:		/* drop one of ours */
			if (w->nr_held)
				drop_one(w, (r >> 8) % w->nr_held);
			break;
		case 3:		/* pass one on (rule 1: get before handing it over) */
			if (w->nr_held) {
				o = w->held[(r >> 8) % w->nr_held];
				kref_get(&o->refcount);
				put_entry(w->pat, o);
			}
			break;
		default:	/* look one up (rule 3: serialised against the final put) */
			o = get_entry(w->pat, (r >> 8) % 8);
			if (o)
				w->held[w->nr_held++] = o;
			break;
		}
	}
	while (w->nr_held)
		drop_one(w, 0);
	return 0;
}

static void run_list_stress(struct kunit *test, enum list_pattern pat)
{
	static struct worker w[NR_WORKERS];
	struct task_struct *t[NR_WORKERS];
	int i;

	for (i = 0; i < NR_WORKERS; i++) {
		w[i] = (struct worker){ .pat = pat, .seed = 0x9e3779b9u * (i + 1) };
		t[i] = krt_thread_create(list_worker, &w[i], "kref-stress");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < NR_WORKERS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	if (pat == PAT_RCU)
		rcu_barrier();
	KUNIT_EXPECT_GT(test, atomic_read(&nr_alloc), 0);
}

static void kref_stress_mutex_list(struct kunit *test)
{
	run_list_stress(test, PAT_MUTEX);
}

static void kref_stress_put_return_value(struct kunit *test)
{
	run_list_stress(test, PAT_RETVAL);
}

static void kref_stress_get_unless_zero(struct kunit *test)
{
	run_list_stress(test, PAT_UNLESS_ZERO);
}

static void kref_stress_rcu(struct kunit *test)
{
	run_list_stress(test, PAT_RCU);
}

static struct kunit_case kref_stress_cases[] = {
	KUNIT_CASE_SLOW(kref_stress_thread_handoff),
	KUNIT_CASE_SLOW(kref_stress_mutex_list),
	KUNIT_CASE_SLOW(kref_stress_put_return_value),
	KUNIT_CASE_SLOW(kref_stress_get_unless_zero),
	KUNIT_CASE_SLOW(kref_stress_rcu),
	{}
};

static struct kunit_suite kref_stress_suite = {
	.name = "kref_stress",
	.init = kref_stress_init,
	.exit = kref_stress_exit,
	.test_cases = kref_stress_cases,
};
kunit_test_suite(kref_stress_suite);
