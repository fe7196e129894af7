// SPDX-License-Identifier: MIT
/*
 * RCU under stress: readers against updaters that retire objects through kfree_rcu(),
 * call_rcu() and synchronize_rcu(); an RCU hash table with concurrent lookups, inserts and
 * deletes; call_rcu() from many threads with per-thread order and rcu_barrier(); threads that
 * exit with callbacks still queued. Readers check that nothing they can reach was reclaimed
 * (callbacks poison before freeing; ASan catches a premature free). Silent under TSan.
 */
#include <kunit/test.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <krt/printk.h>
#include <krt/thread.h>
#include <krt/tsan.h>

#ifdef KRT_TSAN
#define SCALE 1
#else
#define SCALE 10
#endif

#define LIVE	0x11fe11UL
#define DEAD	0xdeadUL

static int rcu_stress_init(struct kunit *test)
{
	krt_printk_capture_begin(false);
	return 0;
}

static void rcu_stress_exit(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING:"), 0U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("BUG:"), 0U);
	krt_printk_capture_end();
}

/* ===== readers vs updaters on one pointer =================================================== */

struct cfg {
	unsigned long state;
	unsigned long a, b;		/* b == 2 * a always */
	struct rcu_head rh;
};

static struct cfg __rcu *cur;
static DEFINE_MUTEX(cur_mutex);
static bool stop_readers;
static atomic_t bad_reads, good_reads;

static void cfg_free_cb(struct rcu_head *rh)
{
	struct cfg *c = container_of(rh, struct cfg, rh);

	WRITE_ONCE(c->state, DEAD);
	kfree(c);
}

static int cfg_reader(void *arg)
{
	while (!READ_ONCE(stop_readers)) {
		struct cfg *c;
		int i;

		rcu_read_lock();
		c = rcu_dereference(cur);
		for (i = 0; c && i < 20; i++) {
			if (READ_ONCE(c->state) != LIVE || READ_ONCE(c->b) != 2 * READ_ONCE(c->a))
				atomic_inc(&bad_reads);
		}
		rcu_read_unlock();
		atomic_inc(&good_reads);
	}
	return 0;
}

static int cfg_updater(void *arg)
{
	long id = (long)arg;
	int i;

	for (i = 0; i < 300 * SCALE; i++) {
		struct cfg *n = kmalloc(sizeof(*n), GFP_KERNEL), *old;

		if (!n)
			return -ENOMEM;
		n->a = i + id * 1000000;
		n->b = 2 * n->a;
		n->state = LIVE;
		mutex_lock(&cur_mutex);
		old = rcu_replace_pointer(cur, n, lockdep_is_held(&cur_mutex));
		mutex_unlock(&cur_mutex);
		if (!old)
			continue;
		switch (i % 3) {
		case 0:
			kfree_rcu(old, rh);
			break;
		case 1:
			call_rcu(&old->rh, cfg_free_cb);
			break;
		default:
			synchronize_rcu();
			WRITE_ONCE(old->state, DEAD);
			kfree(old);
			break;
		}
	}
	return 0;
}

static void rcu_stress_readers_vs_updaters(struct kunit *test)
{
	struct task_struct *readers[3], *updaters[2];
	struct cfg *last;
	long i;

	WRITE_ONCE(stop_readers, false);
	atomic_set(&bad_reads, 0);
	atomic_set(&good_reads, 0);
	for (i = 0; i < 3; i++) {
		readers[i] = krt_thread_create(cfg_reader, NULL, "rcu-reader");
		KUNIT_ASSERT_FALSE(test, IS_ERR(readers[i]));
	}
	for (i = 0; i < 2; i++) {
		updaters[i] = krt_thread_create(cfg_updater, (void *)i, "rcu-updater");
		KUNIT_ASSERT_FALSE(test, IS_ERR(updaters[i]));
	}
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(updaters[i]), 0);
	WRITE_ONCE(stop_readers, true);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(readers[i]), 0);

	mutex_lock(&cur_mutex);
	last = rcu_replace_pointer(cur, NULL, lockdep_is_held(&cur_mutex));
	mutex_unlock(&cur_mutex);
	kfree_rcu(last, rh);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&bad_reads), 0);
	KUNIT_EXPECT_GT(test, atomic_read(&good_reads), 0);
}

/* ===== an RCU hash table ==================================================================== */

#define HT_BITS 6
#define HT_KEYS 512

struct hnode {
	unsigned long key;
	unsigned long state;
	struct hlist_node node;
	struct rcu_head rh;
};

static struct hlist_head table[1 << HT_BITS];
static DEFINE_SPINLOCK(table_lock);
static atomic_t lookups_found;

static struct hlist_head *bucket(unsigned long key)
{
	return &table[key & ((1 << HT_BITS) - 1)];
}

static int ht_reader(void *arg)
{
	unsigned long k = (unsigned long)arg;

	while (!READ_ONCE(stop_readers)) {
		struct hnode *n;

		k = (k * 1103515245 + 12345) % HT_KEYS;
		rcu_read_lock();
		hlist_for_each_entry_rcu(n, bucket(k), node) {
			if (READ_ONCE(n->state) != LIVE)
				atomic_inc(&bad_reads);
			if (n->key == k) {
				atomic_inc(&lookups_found);
				break;
			}
		}
		rcu_read_unlock();
	}
	return 0;
}

static struct hnode *ht_find_locked(unsigned long key)
{
	struct hnode *n;

	hlist_for_each_entry_rcu(n, bucket(key), node, lockdep_is_held(&table_lock))
		if (n->key == key)
			return n;
	return NULL;
}

static void ht_del_cb(struct rcu_head *rh)
{
	struct hnode *n = container_of(rh, struct hnode, rh);

	WRITE_ONCE(n->state, DEAD);
	kfree(n);
}

static int ht_writer(void *arg)
{
	unsigned long k = (unsigned long)arg;
	int i;

	for (i = 0; i < 1000 * SCALE; i++) {
		struct hnode *n, *fresh = kmalloc(sizeof(*fresh), GFP_KERNEL);

		if (!fresh)
			return -ENOMEM;
		k = (k * 69069 + 1) % HT_KEYS;
		spin_lock(&table_lock);
		n = ht_find_locked(k);
		if (n) {
			hlist_del_rcu(&n->node);
			spin_unlock(&table_lock);
			kfree(fresh);
			if (i & 1)
				kfree_rcu(n, rh);
			else
				call_rcu(&n->rh, ht_del_cb);
		} else {
			fresh->key = k;
			fresh->state = LIVE;
			hlist_add_head_rcu(&fresh->node, bucket(k));
			spin_unlock(&table_lock);
		}
	}
	return 0;
}

static void rcu_stress_hash_table(struct kunit *test)
{
	struct task_struct *r[3], *w[2];
	struct hlist_node *tmp;
	struct hnode *n;
	long i;

	WRITE_ONCE(stop_readers, false);
	atomic_set(&bad_reads, 0);
	atomic_set(&lookups_found, 0);
	for (i = 0; i < 3; i++) {
		r[i] = krt_thread_create(ht_reader, (void *)(i + 1), "ht-reader");
		KUNIT_ASSERT_FALSE(test, IS_ERR(r[i]));
	}
	for (i = 0; i < 2; i++) {
		w[i] = krt_thread_create(ht_writer, (void *)(i * 7 + 3), "ht-writer");
		KUNIT_ASSERT_FALSE(test, IS_ERR(w[i]));
	}
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(w[i]), 0);
	WRITE_ONCE(stop_readers, true);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(r[i]), 0);

	spin_lock(&table_lock);
	for (i = 0; i < (1 << HT_BITS); i++) {
		hlist_for_each_entry_safe(n, tmp, &table[i], node) {
			hlist_del_rcu(&n->node);
			kfree_rcu(n, rh);
		}
	}
	spin_unlock(&table_lock);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&bad_reads), 0);
}

/* ===== call_rcu() from many threads: per-thread order, rcu_barrier() ========================= */

#define CB_THREADS 4

struct seq_cb {
	struct rcu_head rh;
	int thread;
	int seq;
};

static int last_seq[CB_THREADS];
static atomic_t cbs_done, order_errors;

static void seq_cb_fn(struct rcu_head *rh)
{
	struct seq_cb *s = container_of(rh, struct seq_cb, rh);

	/* Callbacks run on the grace-period kthread only, one at a time. */
	if (s->seq != last_seq[s->thread] + 1)
		atomic_inc(&order_errors);
	last_seq[s->thread] = s->seq;
	atomic_inc(&cbs_done);
	kfree(s);
}

static int cb_queuer(void *arg)
{
	long me = (long)arg;
	int i;

	for (i = 1; i <= 2000 * SCALE; i++) {
		struct seq_cb *s = kmalloc(sizeof(*s), GFP_KERNEL);

		if (!s)
			return -ENOMEM;
		s->thread = me;
		s->seq = i;
		call_rcu(&s->rh, seq_cb_fn);
		if (!(i % 500))
			rcu_barrier();
	}
	return 0;
}

static void rcu_stress_call_rcu_order(struct kunit *test)
{
	struct task_struct *t[CB_THREADS];
	long i;

	atomic_set(&cbs_done, 0);
	atomic_set(&order_errors, 0);
	memset(last_seq, 0, sizeof(last_seq));
	for (i = 0; i < CB_THREADS; i++) {
		t[i] = krt_thread_create(cb_queuer, (void *)i, "cb-queuer");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < CB_THREADS; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&cbs_done), CB_THREADS * 2000 * SCALE);
	KUNIT_EXPECT_EQ(test, atomic_read(&order_errors), 0);
	for (i = 0; i < CB_THREADS; i++)
		KUNIT_EXPECT_EQ(test, last_seq[i], 2000 * SCALE);
}

/* ===== threads that exit with work queued ===================================================== */

static atomic_t orphan_cbs;

static void orphan_cb(struct rcu_head *rh)
{
	atomic_inc(&orphan_cbs);
	kfree(container_of(rh, struct cfg, rh));
}

static int queue_then_exit(void *arg)
{
	int i;

	for (i = 0; i < 50; i++) {
		struct cfg *a = kmalloc(sizeof(*a), GFP_KERNEL);
		struct cfg *b = kmalloc(sizeof(*b), GFP_KERNEL);

		if (!a || !b) {
			kfree(a);
			kfree(b);
			return -ENOMEM;
		}
		call_rcu(&a->rh, orphan_cb);
		kfree_rcu(b, rh);
	}
	return 0;
}

static void rcu_stress_exiting_threads(struct kunit *test)
{
	int i, round;

	atomic_set(&orphan_cbs, 0);
	for (round = 0; round < 5 * SCALE; round++) {
		struct task_struct *t[4];

		for (i = 0; i < 4; i++) {
			t[i] = krt_thread_create(queue_then_exit, NULL, "rcu-orphan");
			KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
		}
		for (i = 0; i < 4; i++)
			KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	}
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&orphan_cbs), 5 * SCALE * 4 * 50);
}

/* ===== concurrent synchronize_rcu() callers with readers ===================================== */

static atomic_t syncs_done;

static int sync_caller(void *arg)
{
	int i;

	for (i = 0; i < 20 * SCALE; i++) {
		synchronize_rcu();
		atomic_inc(&syncs_done);
	}
	return 0;
}

static void rcu_stress_concurrent_synchronize(struct kunit *test)
{
	struct task_struct *s[4], *r[2];
	int i;

	WRITE_ONCE(stop_readers, false);
	atomic_set(&syncs_done, 0);
	for (i = 0; i < 2; i++) {
		r[i] = krt_thread_create(cfg_reader, NULL, "rcu-reader");
		KUNIT_ASSERT_FALSE(test, IS_ERR(r[i]));
	}
	for (i = 0; i < 4; i++) {
		s[i] = krt_thread_create(sync_caller, NULL, "rcu-sync");
		KUNIT_ASSERT_FALSE(test, IS_ERR(s[i]));
	}
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(s[i]), 0);
	WRITE_ONCE(stop_readers, true);
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(r[i]), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&syncs_done), 4 * 20 * SCALE);
}

static struct kunit_case rcu_stress_cases[] = {
	KUNIT_CASE_SLOW(rcu_stress_readers_vs_updaters),
	KUNIT_CASE_SLOW(rcu_stress_hash_table),
	KUNIT_CASE_SLOW(rcu_stress_call_rcu_order),
	KUNIT_CASE_SLOW(rcu_stress_exiting_threads),
	KUNIT_CASE_SLOW(rcu_stress_concurrent_synchronize),
	{}
};

static struct kunit_suite rcu_stress_suite = {
	.name = "rcu_stress",
	.init = rcu_stress_init,
	.exit = rcu_stress_exit,
	.test_cases = rcu_stress_cases,
};
kunit_test_suite(rcu_stress_suite);
