// SPDX-License-Identifier: MIT
/*
 * kref: the three rules and the four patterns of Documentation/core-api/kref.rst. The
 * document's code is compiled here as the document writes it; only its "do stuff with data
 * here" placeholders are filled in, and kfree()/kfree_rcu() are wrapped to count releases.
 * (One deviation: the document's more_data_handling() returns void, but a kthread function
 * returns int in the kernel as in krt, so it returns 0 here.)
 */
#include <kunit/test.h>
#include <linux/kref.h>
#include <linux/slab.h>
#include <linux/kthread.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/list.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/string.h>
#include <linux/sched.h>
#include <krt/printk.h>

/* The document's object, with every member its examples use. */
struct my_data
{
	struct rcu_head rhead;
	struct kref refcount;
	struct list_head link;
	int payload;
};

/* Releases seen: how many, who made the last one, and whether the list mutex was held. */
static atomic_t nr_freed;
static atomic_t nr_kfree_rcu;
static char last_freer_comm[TASK_COMM_LEN];
static bool last_free_under_mutex;

static DEFINE_MUTEX(mutex);
static LIST_HEAD(q);

static void counted_kfree(const void *p)
{
	strscpy(last_freer_comm, current->comm, sizeof(last_freer_comm));
	last_free_under_mutex = mutex_is_locked(&mutex);
	atomic_inc(&nr_freed);
	kfree(p);
}
#define kfree(p) counted_kfree(p)
#undef kfree_rcu
#define kfree_rcu(ptr, rhf)							\
	do {									\
		atomic_inc(&nr_kfree_rcu);					\
		kvfree_rcu_arg_2(ptr, rhf);					\
	} while (0)

/* Wait (sleeping) until @cond, at most 5 s. */
#define wait_until(cond)							\
	({									\
		int __ms = 0;							\
		while (!(cond) && __ms < 5000) {				\
			msleep(1);						\
			__ms++;							\
		}							\
		(cond);								\
	})

/* ===== Pattern 1: handing an object to another thread (kref rules 1 and 2) ================= */

/* Which side drops the last reference: the kthread (0) or my_data_handler() (1). */
static int handler_puts_last;

void data_release(struct kref *ref)
{
	struct my_data *data = container_of(ref, struct my_data, refcount);
	kfree(data);
}

int more_data_handling(void *cb_data)
{
	struct my_data *data = cb_data;
	/*
	 * do stuff with data here: to make the order deterministic, wait until the handler's
	 * reference is gone when the kthread is to put last.
	 */
	if (!handler_puts_last)
		while (kref_read(&data->refcount) != 1)
			msleep(1);
	kref_put(&data->refcount, data_release);
	return 0;
}

int my_data_handler(void)
{
	int rv = 0;
	struct my_data *data;
	struct task_struct *task;
	data = kmalloc(sizeof(*data), GFP_KERNEL);
	if (!data)
		return -ENOMEM;
	kref_init(&data->refcount);

	kref_get(&data->refcount);
	task = kthread_run(more_data_handling, data, "more_data_handling");
	if (task == ERR_PTR(-ENOMEM)) {
		rv = -ENOMEM;
		kref_put(&data->refcount, data_release);
		goto out;
	}

	/* do stuff with data here: when this side is to put last, wait for the kthread's put. */
	if (handler_puts_last)
		while (kref_read(&data->refcount) != 1)
			msleep(1);
 out:
	kref_put(&data->refcount, data_release);
	return rv;
}

static void kref_pattern_thread_handoff(struct kunit *test)
{
	int round;

	for (round = 0; round < 4; round++) {
		int before = atomic_read(&nr_freed);

		handler_puts_last = round & 1;
		KUNIT_ASSERT_EQ(test, my_data_handler(), 0);
		if (handler_puts_last) {
			/* The handler's put was the last one: released right there, by us. */
			KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before + 1);
			KUNIT_EXPECT_STREQ(test, last_freer_comm, current->comm);
		} else {
			KUNIT_ASSERT_TRUE(test, wait_until(atomic_read(&nr_freed) == before + 1));
			KUNIT_EXPECT_STREQ(test, last_freer_comm, "more_data_handl");
		}
		/* Exactly once: nothing more arrives later. */
		msleep(5);
		KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before + 1);
	}
}

/* ===== Pattern 2: a mutex-protected list, get_entry()/put_entry() (rule 3) ================= */

#define get_entry get_entry_locked
#define release_entry release_entry_locked
#define put_entry put_entry_locked

static struct my_data *get_entry()
{
	struct my_data *entry = NULL;
	mutex_lock(&mutex);
	if (!list_empty(&q)) {
		entry = container_of(q.next, struct my_data, link);
		kref_get(&entry->refcount);
	}
	mutex_unlock(&mutex);
	return entry;
}

static void release_entry(struct kref *ref)
{
	struct my_data *entry = container_of(ref, struct my_data, refcount);

	list_del(&entry->link);
	kfree(entry);
}

static void put_entry(struct my_data *entry)
{
	mutex_lock(&mutex);
	kref_put(&entry->refcount, release_entry);
	mutex_unlock(&mutex);
}

#undef get_entry
#undef release_entry
#undef put_entry

/* ===== Pattern 3: using kref_put()'s return value to free outside the lock ================== */

#define release_entry release_entry_noop
#define put_entry put_entry_retval

static void release_entry(struct kref *ref)
{
	/* All work is done after the return from kref_put(). */
}

static void put_entry(struct my_data *entry)
{
	mutex_lock(&mutex);
	if (kref_put(&entry->refcount, release_entry)) {
		list_del(&entry->link);
		mutex_unlock(&mutex);
		kfree(entry);
	} else
		mutex_unlock(&mutex);
}

#undef release_entry
#undef put_entry

/* ===== Pattern 3b: kref_get_unless_zero() in the lookup, no mutex around kref_put() ========= */

#define get_entry get_entry_unless_zero
#define release_entry release_entry_unless_zero
#define put_entry put_entry_unless_zero

static struct my_data *get_entry()
{
	struct my_data *entry = NULL;
	mutex_lock(&mutex);
	if (!list_empty(&q)) {
		entry = container_of(q.next, struct my_data, link);
		if (!kref_get_unless_zero(&entry->refcount))
			entry = NULL;
	}
	mutex_unlock(&mutex);
	return entry;
}

static void release_entry(struct kref *ref)
{
	struct my_data *entry = container_of(ref, struct my_data, refcount);

	mutex_lock(&mutex);
	list_del(&entry->link);
	mutex_unlock(&mutex);
	kfree(entry);
}

static void put_entry(struct my_data *entry)
{
	kref_put(&entry->refcount, release_entry);
}

#undef get_entry
#undef release_entry
#undef put_entry

/* ===== Pattern 4: RCU lookups, list_del_rcu() + kfree_rcu() ================================= */

#define put_entry put_entry_rcu

static struct my_data *get_entry_rcu()
{
	struct my_data *entry = NULL;
	rcu_read_lock();
	if (!list_empty(&q)) {
		entry = container_of(q.next, struct my_data, link);
		if (!kref_get_unless_zero(&entry->refcount))
			entry = NULL;
	}
	rcu_read_unlock();
	return entry;
}

static void release_entry_rcu(struct kref *ref)
{
	struct my_data *entry = container_of(ref, struct my_data, refcount);

	mutex_lock(&mutex);
	list_del_rcu(&entry->link);
	mutex_unlock(&mutex);
	kfree_rcu(entry, rhead);
}

static void put_entry(struct my_data *entry)
{
	kref_put(&entry->refcount, release_entry_rcu);
}

#undef put_entry

/* ===== helpers and test cases ================================================================ */

/* A new entry with one reference (the creator's), added at the tail of q. */
static struct my_data *new_entry(struct kunit *test, int payload, bool rcu)
{
	struct my_data *entry = kmalloc(sizeof(*entry), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, entry);
	kref_init(&entry->refcount);
	entry->payload = payload;
	mutex_lock(&mutex);
	if (rcu)
		list_add_tail_rcu(&entry->link, &q);
	else
		list_add_tail(&entry->link, &q);
	mutex_unlock(&mutex);
	return entry;
}

static int kref_test_init(struct kunit *test)
{
	krt_refcount_clear_warn_once();
	krt_printk_capture_begin(false);
	return 0;
}

static void kref_test_exit(struct kunit *test)
{
	/* None of the patterns may trigger a refcount, list or allocator report. */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING:"), 0U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG:"), 0U);
	krt_printk_capture_end();
	KUNIT_EXPECT_TRUE(test, list_empty(&q));
}

static void kref_init_get_put(struct kunit *test)
{
	struct my_data *data = kmalloc(sizeof(*data), GFP_KERNEL);
	int before = atomic_read(&nr_freed);

	KUNIT_ASSERT_NOT_NULL(test, data);
	kref_init(&data->refcount);
	KUNIT_EXPECT_EQ(test, kref_read(&data->refcount), 1U);
	/* Rule 1: a reference for every copy of the pointer that is handed on. */
	kref_get(&data->refcount);
	kref_get(&data->refcount);
	KUNIT_EXPECT_EQ(test, kref_read(&data->refcount), 3U);
	/* Rule 2: every holder puts; only the last put releases. */
	KUNIT_EXPECT_EQ(test, kref_put(&data->refcount, data_release), 0);
	KUNIT_EXPECT_EQ(test, kref_put(&data->refcount, data_release), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before);
	KUNIT_EXPECT_EQ(test, kref_put(&data->refcount, data_release), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before + 1);
}

static int static_releases;

static void static_release(struct kref *ref)
{
	static_releases++;
}

/* Breaking the rules is reported and leaks instead of releasing twice. */
static void kref_misuse_is_reported(struct kunit *test)
{
	struct kref k = KREF_INIT(1);

	static_releases = 0;
	KUNIT_EXPECT_EQ(test, kref_put(&k, static_release), 1);
	KUNIT_EXPECT_EQ(test, static_releases, 1);

	/* A get after the last put: use-after-free, saturated, never released again. */
	kref_get(&k);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"refcount_t: addition on 0; use-after-free.\n"));
	KUNIT_EXPECT_EQ(test, kref_read(&k), (unsigned int)REFCOUNT_SATURATED);
	KUNIT_EXPECT_EQ(test, kref_put(&k, static_release), 0);
	KUNIT_EXPECT_EQ(test, static_releases, 1);

	/* One put too many: underflow. */
	kref_init(&k);
	KUNIT_EXPECT_EQ(test, kref_put(&k, static_release), 1);
	KUNIT_EXPECT_EQ(test, kref_put(&k, static_release), 0);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"refcount_t: underflow; use-after-free.\n"));
	KUNIT_EXPECT_EQ(test, static_releases, 2);
	/* These reports are what this case is about. */
	krt_printk_capture_reset();
}

static void kref_get_unless_zero_rule3(struct kunit *test)
{
	struct kref k = KREF_INIT(2);

	KUNIT_EXPECT_NE(test, kref_get_unless_zero(&k), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&k), 3U);
	refcount_set(&k.refcount, 0);
	KUNIT_EXPECT_EQ(test, kref_get_unless_zero(&k), 0);
	KUNIT_EXPECT_EQ(test, kref_read(&k), 0U);
}

static bool release_saw_lock;

static void release_unlock_mutex(struct kref *ref)
{
	release_saw_lock = mutex_is_locked(&mutex) && lockdep_is_held(&mutex);
	mutex_unlock(&mutex);
}

static DEFINE_SPINLOCK(put_lock);

static void release_unlock_spin(struct kref *ref)
{
	release_saw_lock = spin_is_locked(&put_lock) && lockdep_is_held(&put_lock);
	spin_unlock(&put_lock);
}

/* kref_put_mutex()/kref_put_lock(): the release function runs with the lock held. */
static void kref_put_with_lock(struct kunit *test)
{
	struct kref k = KREF_INIT(2);

	release_saw_lock = false;
	KUNIT_EXPECT_EQ(test, kref_put_mutex(&k, release_unlock_mutex, &mutex), 0);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&mutex));
	KUNIT_EXPECT_EQ(test, kref_put_mutex(&k, release_unlock_mutex, &mutex), 1);
	KUNIT_EXPECT_TRUE(test, release_saw_lock);
	KUNIT_EXPECT_FALSE(test, mutex_is_locked(&mutex));

	kref_init(&k);
	kref_get(&k);
	release_saw_lock = false;
	KUNIT_EXPECT_EQ(test, kref_put_lock(&k, release_unlock_spin, &put_lock), 0);
	KUNIT_EXPECT_EQ(test, kref_put_lock(&k, release_unlock_spin, &put_lock), 1);
	KUNIT_EXPECT_TRUE(test, release_saw_lock);
	KUNIT_EXPECT_FALSE(test, spin_is_locked(&put_lock));
}

static void kref_pattern_mutex_list(struct kunit *test)
{
	struct my_data *a = new_entry(test, 1, false);
	struct my_data *b = new_entry(test, 2, false);
	int before = atomic_read(&nr_freed);
	struct my_data *e;

	/* A lookup takes its own reference. */
	e = get_entry_locked();
	KUNIT_ASSERT_PTR_EQ(test, e, a);
	KUNIT_EXPECT_EQ(test, kref_read(&a->refcount), 2U);
	put_entry_locked(e);
	KUNIT_EXPECT_EQ(test, kref_read(&a->refcount), 1U);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before);

	/* The creator's put is the last: the entry leaves the list, freed under the mutex. */
	put_entry_locked(a);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before + 1);
	KUNIT_EXPECT_TRUE(test, last_free_under_mutex);
	e = get_entry_locked();
	KUNIT_ASSERT_PTR_EQ(test, e, b);
	put_entry_locked(b);
	put_entry_locked(e);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before + 2);
	KUNIT_EXPECT_NULL(test, get_entry_locked());
}

static void kref_pattern_put_return_value(struct kunit *test)
{
	struct my_data *a = new_entry(test, 1, false);
	int before = atomic_read(&nr_freed);
	struct my_data *e = get_entry_locked();

	KUNIT_ASSERT_PTR_EQ(test, e, a);
	put_entry_retval(e);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before);
	KUNIT_EXPECT_FALSE(test, list_empty(&q));
	put_entry_retval(a);
	/* Removed under the mutex, freed after dropping it. */
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before + 1);
	KUNIT_EXPECT_FALSE(test, last_free_under_mutex);
	KUNIT_EXPECT_TRUE(test, list_empty(&q));
}

struct putter {
	struct my_data *entry;
	struct my_data *found;
	bool done;
};

static int put_unless_zero_fn(void *arg)
{
	struct putter *p = arg;

	put_entry_unless_zero(p->entry);
	WRITE_ONCE(p->done, true);
	return 0;
}

static int get_unless_zero_fn(void *arg)
{
	struct putter *p = arg;

	p->found = get_entry_unless_zero();
	WRITE_ONCE(p->done, true);
	return 0;
}

static void kref_pattern_get_unless_zero(struct kunit *test)
{
	struct my_data *a = new_entry(test, 1, false);
	struct putter putter = { .entry = a }, getter = {};
	struct task_struct *tp, *tg;
	int before = atomic_read(&nr_freed);
	struct my_data *e;

	/* Normal lookups. */
	e = get_entry_unless_zero();
	KUNIT_ASSERT_PTR_EQ(test, e, a);
	put_entry_unless_zero(e);
	KUNIT_EXPECT_EQ(test, kref_read(&a->refcount), 1U);

	/*
	 * The window the document describes: the count is already 0 but release_entry() has not
	 * yet taken the entry off the list (it waits for the mutex, which we hold). A lookup in
	 * that window must not get a reference.
	 */
	mutex_lock(&mutex);
	getter.entry = NULL;
	tg = kthread_run(get_unless_zero_fn, &getter, "kref-getter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(tg));
	msleep(20);	/* let the getter queue on the mutex first */
	tp = kthread_run(put_unless_zero_fn, &putter, "kref-putter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(tp));
	/* a is still valid: it cannot be freed while we hold the mutex. */
	KUNIT_ASSERT_TRUE(test, wait_until(kref_read(&a->refcount) == 0));
	KUNIT_EXPECT_EQ(test, kref_get_unless_zero(&a->refcount), 0);
	mutex_unlock(&mutex);

	KUNIT_ASSERT_TRUE(test, wait_until(READ_ONCE(getter.done) && READ_ONCE(putter.done)));
	KUNIT_EXPECT_NULL(test, getter.found);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_freed), before + 1);
	KUNIT_EXPECT_TRUE(test, list_empty(&q));
}

struct rcu_putter {
	struct my_data *entry;
	bool go;
	bool done;
};

static int put_rcu_fn(void *arg)
{
	struct rcu_putter *p = arg;

	while (!READ_ONCE(p->go))
		msleep(1);
	put_entry_rcu(p->entry);
	WRITE_ONCE(p->done, true);
	return 0;
}

static void kref_pattern_rcu(struct kunit *test)
{
	struct my_data *a = new_entry(test, 7, true);
	struct my_data *b = new_entry(test, 8, true);
	struct rcu_putter putter = { .entry = a };
	int rcu_before = atomic_read(&nr_kfree_rcu);
	struct task_struct *t;
	struct my_data *e;

	e = get_entry_rcu();
	KUNIT_ASSERT_PTR_EQ(test, e, a);
	KUNIT_EXPECT_EQ(test, kref_read(&a->refcount), 2U);
	put_entry_rcu(e);

	/*
	 * A reader that found a: another thread drops the last reference, release_entry_rcu()
	 * unlinks it and queues kfree_rcu(). The reader's a stays valid until it leaves its
	 * read-side critical section, and kref_get_unless_zero() refuses it.
	 */
	t = kthread_run(put_rcu_fn, &putter, "kref-rcu-putter");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	rcu_read_lock();
	e = container_of(q.next, struct my_data, link);
	KUNIT_EXPECT_PTR_EQ(test, e, a);
	WRITE_ONCE(putter.go, true);
	while (!READ_ONCE(putter.done))
		cpu_relax();	/* no sleeping in a reader */
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_kfree_rcu), rcu_before + 1);
	KUNIT_EXPECT_EQ(test, e->payload, 7);
	KUNIT_EXPECT_EQ(test, kref_read(&e->refcount), 0U);
	KUNIT_EXPECT_EQ(test, kref_get_unless_zero(&e->refcount), 0);
	/* The unlinked entry still leads on to the rest of the list. */
	KUNIT_EXPECT_PTR_EQ(test, container_of(e->link.next, struct my_data, link), b);
	rcu_read_unlock();

	/* New lookups see only b. */
	e = get_entry_rcu();
	KUNIT_ASSERT_PTR_EQ(test, e, b);
	put_entry_rcu(e);
	put_entry_rcu(b);
	KUNIT_EXPECT_EQ(test, atomic_read(&nr_kfree_rcu), rcu_before + 2);
	KUNIT_EXPECT_NULL(test, get_entry_rcu());
	/* Both objects are freed after a grace period; KUnit's leak check sees it. */
	rcu_barrier();
}

static struct kunit_case kref_test_cases[] = {
	KUNIT_CASE(kref_init_get_put),
	KUNIT_CASE(kref_misuse_is_reported),
	KUNIT_CASE(kref_get_unless_zero_rule3),
	KUNIT_CASE(kref_put_with_lock),
	KUNIT_CASE(kref_pattern_thread_handoff),
	KUNIT_CASE(kref_pattern_mutex_list),
	KUNIT_CASE(kref_pattern_put_return_value),
	KUNIT_CASE(kref_pattern_get_unless_zero),
	KUNIT_CASE(kref_pattern_rcu),
	{}
};

static struct kunit_suite kref_test_suite = {
	.name = "kref",
	.init = kref_test_init,
	.exit = kref_test_exit,
	.test_cases = kref_test_cases,
};
kunit_test_suite(kref_test_suite);
