// SPDX-License-Identifier: MIT
/*
 * RCU on liburcu: the read side's context rules (preempt count, nesting, lockdep listing),
 * pointer publication, grace periods waiting for readers, call_rcu() order and context,
 * rcu_barrier(), kfree_rcu() batching, the polled grace-period API, and the CONFIG_PROVE_RCU
 * reports (synchronize_rcu() inside a reader, rcu_dereference_check() outside one, sleeping in
 * a reader, unbalanced unlock). A second suite covers <linux/rculist.h>.
 */
#include <kunit/test.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/rcupdate_wait.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/preempt.h>
#include <linux/lockdep.h>
#include <krt/printk.h>
#include <krt/panic.h>
#include <krt/lockdep.h>
#include <krt/leak.h>
#include <krt/thread.h>
#include <krt/tsan.h>

#include "arch/host/host.h"
#include "kernel/rcu/rcu.h"

/* Lockdep-RCU reports need lockdep on; an earlier test of a lock bug may have turned it off. */
static int rcu_test_init(struct kunit *test)
{
	krt_debug_locks_reset();
	krt_might_sleep_ratelimit_reset();
	return 0;
}

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

/* The current value of the leak counter called @name (after settling every counter). */
static long leak_count(const char *name)
{
	const char *names[64];
	long values[64];
	int i, n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], name))
			return values[i];
	return -1;
}

static void rcu_read_lock_context(struct kunit *test)
{
	int pc = preempt_count();

	KUNIT_EXPECT_FALSE(test, rcu_read_lock_held());
	rcu_read_lock();
	KUNIT_EXPECT_EQ(test, preempt_count(), pc + 1);
	KUNIT_EXPECT_TRUE(test, in_atomic());
	KUNIT_EXPECT_TRUE(test, rcu_read_lock_held());
	KUNIT_EXPECT_TRUE(test, rcu_read_lock_sched_held());
	KUNIT_EXPECT_TRUE(test, rcu_read_lock_any_held());
	rcu_read_lock();
	KUNIT_EXPECT_EQ(test, pcpu_hot.rcu_read_lock_nesting, 2);
	KUNIT_EXPECT_EQ(test, preempt_count(), pc + 2);
	rcu_read_unlock();
	KUNIT_EXPECT_TRUE(test, rcu_read_lock_held());
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, preempt_count(), pc);
	KUNIT_EXPECT_EQ(test, pcpu_hot.rcu_read_lock_nesting, 0);
	KUNIT_EXPECT_FALSE(test, rcu_read_lock_held());

	rcu_read_lock_bh();
	KUNIT_EXPECT_TRUE(test, in_softirq());
	KUNIT_EXPECT_TRUE(test, rcu_read_lock_bh_held());
	KUNIT_EXPECT_FALSE(test, rcu_read_lock_held());
	rcu_read_unlock_bh();
	KUNIT_EXPECT_FALSE(test, in_softirq());

	rcu_read_lock_sched();
	KUNIT_EXPECT_EQ(test, preempt_count(), pc + 1);
	KUNIT_EXPECT_TRUE(test, rcu_read_lock_sched_held());
	rcu_read_unlock_sched();
	KUNIT_EXPECT_EQ(test, preempt_count(), pc);
}

/* A host thread that never used krt: rcu_read_lock() gives it a task and a registration. */
struct fresh_reader {
	bool had_task_before;
	bool has_task_after;
	bool in_reader;
	bool release;
};

static void *fresh_reader_fn(void *arg)
{
	struct fresh_reader *f = arg;

	f->had_task_before = pcpu_hot.current_task != NULL;
	rcu_read_lock();
	f->has_task_after = pcpu_hot.current_task != NULL;
	WRITE_ONCE(f->in_reader, true);
	while (!READ_ONCE(f->release))
		cpu_relax();
	rcu_read_unlock();
	return NULL;
}

struct gp_waiter {
	bool done;
};

static int synchronize_fn(void *arg)
{
	struct gp_waiter *w = arg;

	synchronize_rcu();
	WRITE_ONCE(w->done, true);
	return 0;
}

static void rcu_reader_in_fresh_thread(struct kunit *test)
{
	struct fresh_reader f = {};
	struct gp_waiter w = {};
	struct host_thread *ht;
	struct task_struct *t;

	KUNIT_ASSERT_EQ(test, host_thread_create(&ht, fresh_reader_fn, &f), 0);
	KUNIT_ASSERT_TRUE(test, wait_until(READ_ONCE(f.in_reader)));
	KUNIT_EXPECT_FALSE(test, f.had_task_before);
	KUNIT_EXPECT_TRUE(test, f.has_task_after);

	/* Its read-side section holds off a grace period. */
	t = krt_thread_create(synchronize_fn, &w, "rcu-sync");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	msleep(50);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w.done));
	WRITE_ONCE(f.release, true);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	KUNIT_EXPECT_TRUE(test, w.done);
	host_thread_join(ht);
}

struct foo {
	int a;
	struct rcu_head rh;
};

static struct foo __rcu *gp;
static DEFINE_SPINLOCK(gp_lock);

static void rcu_pointer_publication(struct kunit *test)
{
	struct foo *p = kmalloc(sizeof(*p), GFP_KERNEL), *q, *old;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, (q = kmalloc(sizeof(*q), GFP_KERNEL)));
	krt_printk_capture_begin(false);

	RCU_INIT_POINTER(gp, NULL);
	KUNIT_EXPECT_NULL(test, rcu_access_pointer(gp));
	p->a = 1;
	rcu_assign_pointer(gp, p);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference(gp), p);
	KUNIT_EXPECT_EQ(test, rcu_dereference(gp)->a, 1);
	rcu_read_unlock();

	/* The update side: under the lock, with lockdep conditions that hold. */
	q->a = 2;
	spin_lock(&gp_lock);
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference_protected(gp, lockdep_is_held(&gp_lock)), p);
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference_check(gp, lockdep_is_held(&gp_lock)), p);
	old = rcu_replace_pointer(gp, q, lockdep_is_held(&gp_lock));
	spin_unlock(&gp_lock);
	KUNIT_EXPECT_PTR_EQ(test, old, p);
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference_raw(gp), q);
	KUNIT_EXPECT_PTR_EQ(test, rcu_pointer_handoff(q), q);
	KUNIT_EXPECT_PTR_EQ(test, unrcu_pointer(gp), q);

	rcu_assign_pointer(gp, NULL);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	synchronize_rcu();
	kfree(p);
	kfree(q);
}

static void rcu_dereference_check_reports(struct kunit *test)
{
	static int x = 5;
	int __rcu *ptr = &x;
	int i;

	krt_printk_capture_begin(false);
	/* Outside a reader with a false condition: reported once for this call site. */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_PTR_EQ(test, rcu_dereference_check(ptr, 0), &x);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING: suspicious RCU usage\n"), 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"tests/kernel/rcu_test.c:"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				" suspicious rcu_dereference_check() usage!\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"other info that might help us debug this:\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"rcu_scheduler_active = 2, debug_locks = 1\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("no locks held by "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("stack backtrace:\n"));

	/* Inside a reader, or with a true condition: silent. */
	krt_printk_capture_reset();
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference_check(ptr, 0), &x);
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference(ptr), &x);
	rcu_read_unlock();
	spin_lock(&gp_lock);
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference_check(ptr, lockdep_is_held(&gp_lock)), &x);
	spin_unlock(&gp_lock);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	/* rcu_dereference() itself outside a reader, and _protected() with a false condition. */
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference(ptr), &x);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				" suspicious rcu_dereference_check() usage!\n"));
	krt_printk_capture_reset();
	KUNIT_EXPECT_PTR_EQ(test, rcu_dereference_protected(ptr, lockdep_is_held(&gp_lock)), &x);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				" suspicious rcu_dereference_protected() usage!\n"));
	krt_printk_capture_end();
}

static void rcu_synchronize_in_reader_reports(struct kunit *test)
{
	krt_printk_capture_begin(false);
	rcu_read_lock();
	synchronize_rcu();	/* must return: waiting for ourselves would never end */
	rcu_read_unlock();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: suspicious RCU usage\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		" Illegal synchronize_rcu() in RCU read-side critical section!\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("1 lock held by "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("(rcu_read_lock){....}"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"BUG: sleeping function called from invalid context at kernel/rcu/tree.c:"));
	krt_printk_capture_end();
	/* Outside the reader it works normally afterwards. */
	synchronize_rcu();
}

static void rcu_might_sleep_in_reader_reports(struct kunit *test)
{
	char line[96];

	krt_clear_warn_once();	/* RCU_LOCKDEP_WARN fires once per call site */
	krt_printk_capture_begin(false);
	rcu_read_lock();
	snprintf(line, sizeof(line),
		 "BUG: sleeping function called from invalid context at %s:%d\n", __FILE__,
		 __LINE__ + 1);
	might_sleep();
	rcu_read_unlock();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(line));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("in_atomic(): 1, irqs_disabled(): 0"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("preempt_count: 1, expected: 0\n"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("(rcu_read_lock){....}"));
	/* The kernel's rcu_sleep_check() adds a lockdep-RCU splat, once per call site. */
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING: suspicious RCU usage"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"Illegal context switch in RCU read-side critical section!"));
	krt_printk_capture_end();

	/* A GFP_KERNEL allocation in a reader is the same bug. */
	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	rcu_read_lock();
	kfree(kmalloc(16, GFP_KERNEL));
	kfree(kmalloc(16, GFP_ATOMIC));
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count(
				"BUG: sleeping function called from invalid context"), 1U);
	krt_printk_capture_end();
}

/* synchronize_rcu() waits for a reader that was running when it started. */
struct held_reader {
	bool in_reader;
	bool release;
};

static int held_reader_fn(void *arg)
{
	struct held_reader *r = arg;

	rcu_read_lock();
	WRITE_ONCE(r->in_reader, true);
	while (!READ_ONCE(r->release))
		cpu_relax();
	rcu_read_unlock();
	return 0;
}

static void rcu_synchronize_waits_for_readers(struct kunit *test)
{
	struct held_reader r = {};
	struct gp_waiter w = {};
	struct task_struct *rt, *st;

	rt = krt_thread_create(held_reader_fn, &r, "rcu-reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(rt));
	KUNIT_ASSERT_TRUE(test, wait_until(READ_ONCE(r.in_reader)));
	st = krt_thread_create(synchronize_fn, &w, "rcu-sync");
	KUNIT_ASSERT_FALSE(test, IS_ERR(st));
	msleep(50);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(w.done));
	WRITE_ONCE(r.release, true);
	KUNIT_EXPECT_EQ(test, krt_thread_join(st), 0);
	KUNIT_EXPECT_TRUE(test, w.done);
	KUNIT_EXPECT_EQ(test, krt_thread_join(rt), 0);

	/* A reader that starts after synchronize_rcu() began does not hold it off. */
	rcu_read_lock();
	rcu_read_unlock();
	synchronize_rcu_expedited();
}

/* call_rcu(): callbacks of one thread run in order, in softirq context, after readers. */
#define NR_ORDERED 200
static int order_log[NR_ORDERED];
static atomic_t order_next;
static bool cb_in_softirq, cb_on_gp_kthread;

struct ordered_cb {
	struct rcu_head rh;
	int idx;
};

static void ordered_cb_fn(struct rcu_head *rh)
{
	struct ordered_cb *o = container_of(rh, struct ordered_cb, rh);

	order_log[atomic_inc_return(&order_next) - 1] = o->idx;
	cb_in_softirq = in_serving_softirq() && in_softirq() && !in_task();
	cb_on_gp_kthread = !strcmp(current->comm, "rcu_sched");
	kfree(o);
}

static void rcu_call_rcu_order_and_context(struct kunit *test)
{
	int i;

	atomic_set(&order_next, 0);
	for (i = 0; i < NR_ORDERED; i++) {
		struct ordered_cb *o = kmalloc(sizeof(*o), GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, o);
		o->idx = i;
		call_rcu(&o->rh, ordered_cb_fn);
	}
	rcu_barrier();
	KUNIT_ASSERT_EQ(test, atomic_read(&order_next), NR_ORDERED);
	for (i = 0; i < NR_ORDERED; i++)
		KUNIT_EXPECT_EQ(test, order_log[i], i);
	KUNIT_EXPECT_TRUE(test, cb_in_softirq);
	KUNIT_EXPECT_TRUE(test, cb_on_gp_kthread);
}

static bool simple_cb_ran;

static void simple_cb(struct rcu_head *rh)
{
	WRITE_ONCE(simple_cb_ran, true);
}

/* A callback waits for a reader that was running when it was queued. */
static void rcu_call_rcu_waits_for_readers(struct kunit *test)
{
	static struct rcu_head rh;
	struct held_reader r = {};
	struct task_struct *rt;

	simple_cb_ran = false;
	rt = krt_thread_create(held_reader_fn, &r, "rcu-reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(rt));
	KUNIT_ASSERT_TRUE(test, wait_until(READ_ONCE(r.in_reader)));
	rcu_head_init(&rh);
	KUNIT_EXPECT_FALSE(test, rcu_head_after_call_rcu(&rh, simple_cb));
	call_rcu(&rh, simple_cb);
	KUNIT_EXPECT_TRUE(test, rcu_head_after_call_rcu(&rh, simple_cb));
	msleep(50);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(simple_cb_ran));
	WRITE_ONCE(r.release, true);
	KUNIT_EXPECT_EQ(test, krt_thread_join(rt), 0);
	rcu_barrier();
	KUNIT_EXPECT_TRUE(test, simple_cb_ran);
}

/* rcu_barrier() waits for callbacks queued by other threads, also ones that have exited. */
static atomic_t barrier_cbs;

static void barrier_cb(struct rcu_head *rh)
{
	atomic_inc(&barrier_cbs);
	kfree(container_of(rh, struct foo, rh));
}

static int queue_and_exit_fn(void *arg)
{
	int i;

	for (i = 0; i < 100; i++) {
		struct foo *f = kmalloc(sizeof(*f), GFP_KERNEL);
		struct foo *g = kmalloc(sizeof(*g), GFP_KERNEL);

		if (!f || !g) {
			kfree(f);
			kfree(g);
			return -ENOMEM;
		}
		call_rcu(&f->rh, barrier_cb);
		kfree_rcu(g, rh);
	}
	return 0;
}

static void rcu_barrier_waits_for_all_threads(struct kunit *test)
{
	struct task_struct *t[4];
	int i;

	atomic_set(&barrier_cbs, 0);
	for (i = 0; i < 4; i++) {
		t[i] = krt_thread_create(queue_and_exit_fn, NULL, "rcu-queuer");
		KUNIT_ASSERT_FALSE(test, IS_ERR(t[i]));
	}
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, krt_thread_join(t[i]), 0);
	rcu_barrier();
	KUNIT_EXPECT_EQ(test, atomic_read(&barrier_cbs), 400);
	KUNIT_EXPECT_EQ(test, leak_count("RCU callbacks pending"), 0);
}

/* kfree_rcu(): pointers go into blocks (the rcu_head is untouched); one grace period frees many. */
#define NR_BATCH 3000

struct batched {
	struct rcu_head rh;
	char payload[24];
};

static void rcu_kfree_rcu_batching(struct kunit *test)
{
	static struct batched *objs[NR_BATCH];
	long kmalloc_before = leak_count("slab objects");
	unsigned long s0, s1;
	int i, untouched = 0, live = 0;

	for (i = 0; i < NR_BATCH; i++) {
		objs[i] = kmalloc(sizeof(*objs[i]), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		objs[i]->rh.next = (void *)0x5a5a;
		objs[i]->rh.func = (rcu_callback_t)0xa5a5;
	}
	KUNIT_EXPECT_EQ(test, leak_count("slab objects"), kmalloc_before + NR_BATCH);

	s0 = rcu_get_gp_seq();
	/* Queue everything inside a reader: no grace period can end before we are done. */
	rcu_read_lock();
	for (i = 0; i < NR_BATCH; i++)
		kfree_rcu(objs[i], rh);
	for (i = 0; i < NR_BATCH; i++) {
		untouched += objs[i]->rh.next == (void *)0x5a5a &&
			     objs[i]->rh.func == (rcu_callback_t)0xa5a5;
		live += ksize(objs[i]) != 0;
	}
	rcu_read_unlock();
	KUNIT_EXPECT_EQ(test, untouched, NR_BATCH);
	KUNIT_EXPECT_EQ(test, live, NR_BATCH);

	rcu_barrier();
	s1 = rcu_get_gp_seq();
	/* All freed, by at most three grace periods (one may have been running already). */
	KUNIT_EXPECT_EQ(test, leak_count("slab objects"), kmalloc_before);
	KUNIT_EXPECT_LE(test, (s1 - s0) >> RCU_SEQ_CTR_SHIFT, 3UL);
	KUNIT_EXPECT_GE(test, (s1 - s0) >> RCU_SEQ_CTR_SHIFT, 1UL);
}

static void rcu_kvfree_rcu_forms(struct kunit *test)
{
	struct foo *a = kmalloc(sizeof(*a), GFP_KERNEL);
	struct foo *b = kvmalloc(sizeof(*b), GFP_KERNEL);
	void *c = kmalloc(100, GFP_KERNEL);
	void *d = kvmalloc(200, GFP_KERNEL);
	struct foo *none = NULL;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, d);
	krt_printk_capture_begin(false);
	kfree_rcu(a, rh);
	kvfree_rcu(b, rh);
	kfree_rcu_mightsleep(c);
	kvfree_rcu(d);
	kfree_rcu(none, rh);
	kfree_rcu_mightsleep(none);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");

	/* The head-less form may sleep: in atomic context that is reported. */
	krt_might_sleep_ratelimit_reset();
	c = kmalloc(8, GFP_KERNEL);
	spin_lock(&gp_lock);
	kfree_rcu_mightsleep(c);
	spin_unlock(&gp_lock);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"BUG: sleeping function called from invalid context"));
	krt_printk_capture_end();
	rcu_barrier();
}

/* A callback runs in softirq context: sleeping there is reported. */
static void sleeping_cb(struct rcu_head *rh)
{
	kfree(kmalloc(8, GFP_KERNEL));
}

static void rcu_callback_may_not_sleep(struct kunit *test)
{
	static struct rcu_head rh;

	krt_printk_capture_begin(false);
	call_rcu(&rh, sleeping_cb);
	rcu_barrier();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"BUG: sleeping function called from invalid context"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("name: rcu_sched"));
	krt_printk_capture_end();
}

/* A callback that breaks the rules is reported, and RCU keeps working. */
static bool misbehaving_ran;

static void barrier_in_callback(struct rcu_head *rh)
{
	rcu_barrier();		/* would wait for itself */
	WRITE_ONCE(misbehaving_ran, true);
}

static void leaves_reader_open(struct rcu_head *rh)
{
	rcu_read_lock();	/* never unlocked: would block every later grace period */
}

static void rcu_misbehaving_callbacks(struct kunit *test)
{
	static struct rcu_head a, b;

	misbehaving_ran = false;
	krt_printk_capture_begin(false);
	call_rcu(&a, barrier_in_callback);
	rcu_barrier();
	KUNIT_EXPECT_TRUE(test, misbehaving_ran);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"rcu_barrier() called from an RCU callback"));

	call_rcu(&b, leaves_reader_open);
	rcu_barrier();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("rcu: callback leaves_reader_open"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("returned with preempt_count"));
	krt_printk_capture_end();
	/* The grace-period kthread is not stuck in a reader. */
	synchronize_rcu();
	rcu_barrier();
}

/* A forked child gets a working RCU: its own grace-period kthread adopts the queues. */
static void rcu_child_fn(void *arg)
{
	static struct rcu_head rh;

	simple_cb_ran = false;
	call_rcu(&rh, simple_cb);
	rcu_barrier();
	synchronize_rcu();
	/* host_run_in_child() ends the child with _exit(0) when this returns. */
	if (!READ_ONCE(simple_cb_ran))
		host_abort();
}

static void rcu_works_after_fork(struct kunit *test)
{
	static struct rcu_head busy;
	int signo = 0;

#ifdef KRT_TSAN
	kunit_skip(test, "ThreadSanitizer cannot start threads in a forked child");
#endif

	/* Make sure the parent's kthread exists and has work when we fork. */
	call_rcu(&busy, simple_cb);
	KUNIT_EXPECT_EQ(test, host_run_in_child(rcu_child_fn, NULL, &signo), 0);
	KUNIT_EXPECT_EQ(test, signo, 0);
	rcu_barrier();
}

/* synchronize_rcu_mult() through call_rcu: a grace period, and the callbacks queued before. */
static void rcu_synchronize_mult(struct kunit *test)
{
	static struct rcu_head rh;

	simple_cb_ran = false;
	call_rcu(&rh, simple_cb);
	synchronize_rcu_mult(call_rcu, call_rcu);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(simple_cb_ran));
	wait_rcu_gp(call_rcu_hurry);
}

static void rcu_polled_grace_periods(struct kunit *test)
{
	unsigned long s;

	KUNIT_EXPECT_TRUE(test, poll_state_synchronize_rcu(get_completed_synchronize_rcu()));

	s = get_state_synchronize_rcu();
	KUNIT_EXPECT_FALSE(test, poll_state_synchronize_rcu(s));
	synchronize_rcu();
	KUNIT_EXPECT_TRUE(test, poll_state_synchronize_rcu(s));

	s = start_poll_synchronize_rcu();
	KUNIT_EXPECT_TRUE(test, wait_until(poll_state_synchronize_rcu(s)));

	s = get_state_synchronize_rcu();
	cond_synchronize_rcu(s);
	KUNIT_EXPECT_TRUE(test, poll_state_synchronize_rcu(s));
	/* Already elapsed: returns at once. */
	cond_synchronize_rcu(s);
	KUNIT_EXPECT_TRUE(test, same_state_synchronize_rcu(s, s));
}

static void rcu_unbalanced_unlock_reports(struct kunit *test)
{
	int pc = preempt_count();

	krt_printk_capture_begin(false);
	rcu_read_unlock();
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				"WARNING: bad unlock balance detected!"));
	krt_printk_capture_end();
	/* Nothing was decremented: the state is still consistent. */
	KUNIT_EXPECT_EQ(test, preempt_count(), pc);
	KUNIT_EXPECT_EQ(test, pcpu_hot.rcu_read_lock_nesting, 0);
	synchronize_rcu();
	/* That report switched lockdep off, as in the kernel; switch it back on. */
	krt_debug_locks_reset();
}

static struct kunit_case rcu_test_cases[] = {
	KUNIT_CASE(rcu_read_lock_context),
	KUNIT_CASE(rcu_reader_in_fresh_thread),
	KUNIT_CASE(rcu_pointer_publication),
	KUNIT_CASE(rcu_dereference_check_reports),
	KUNIT_CASE(rcu_synchronize_in_reader_reports),
	KUNIT_CASE(rcu_might_sleep_in_reader_reports),
	KUNIT_CASE(rcu_synchronize_waits_for_readers),
	KUNIT_CASE(rcu_call_rcu_order_and_context),
	KUNIT_CASE(rcu_call_rcu_waits_for_readers),
	KUNIT_CASE(rcu_barrier_waits_for_all_threads),
	KUNIT_CASE(rcu_kfree_rcu_batching),
	KUNIT_CASE(rcu_kvfree_rcu_forms),
	KUNIT_CASE(rcu_callback_may_not_sleep),
	KUNIT_CASE(rcu_misbehaving_callbacks),
	KUNIT_CASE(rcu_works_after_fork),
	KUNIT_CASE(rcu_synchronize_mult),
	KUNIT_CASE(rcu_polled_grace_periods),
	KUNIT_CASE(rcu_unbalanced_unlock_reports),
	{}
};

static struct kunit_suite rcu_test_suite = {
	.name = "rcu",
	.init = rcu_test_init,
	.test_cases = rcu_test_cases,
};

/* ===== rculist ================================================================================ */

struct item {
	int key;
	struct list_head node;
	struct hlist_node hnode;
};

static DEFINE_MUTEX(list_mutex);

static int collect(struct list_head *head, int *keys, int max)
{
	struct item *it;
	int n = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(it, head, node)
		if (n < max)
			keys[n++] = it->key;
	rcu_read_unlock();
	return n;
}

static void rculist_add_del_replace(struct kunit *test)
{
	struct item a = { .key = 1 }, b = { .key = 2 }, c = { .key = 3 }, d = { .key = 4 };
	LIST_HEAD(head);
	int keys[8], n;

	mutex_lock(&list_mutex);
	list_add_rcu(&b.node, &head);
	list_add_rcu(&a.node, &head);
	list_add_tail_rcu(&c.node, &head);
	mutex_unlock(&list_mutex);
	n = collect(&head, keys, 8);
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, keys[0], 1);
	KUNIT_EXPECT_EQ(test, keys[1], 2);
	KUNIT_EXPECT_EQ(test, keys[2], 3);

	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, list_first_or_null_rcu(&head, struct item, node), &a);
	KUNIT_EXPECT_PTR_EQ(test, list_next_or_null_rcu(&head, &a.node, struct item, node), &b);
	KUNIT_EXPECT_NULL(test, list_next_or_null_rcu(&head, &c.node, struct item, node));
	KUNIT_EXPECT_PTR_EQ(test, list_entry_rcu(head.next, struct item, node), &a);
	rcu_read_unlock();

	/* Removal keeps ->next for readers standing on the entry, poisons ->prev. */
	mutex_lock(&list_mutex);
	list_del_rcu(&b.node);
	mutex_unlock(&list_mutex);
	KUNIT_EXPECT_PTR_EQ(test, b.node.next, &c.node);
	KUNIT_EXPECT_PTR_EQ(test, b.node.prev, LIST_POISON2);
	n = collect(&head, keys, 8);
	KUNIT_ASSERT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, keys[1], 3);

	mutex_lock(&list_mutex);
	list_replace_rcu(&c.node, &d.node);
	mutex_unlock(&list_mutex);
	n = collect(&head, keys, 8);
	KUNIT_ASSERT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, keys[1], 4);
	KUNIT_EXPECT_PTR_EQ(test, c.node.prev, LIST_POISON2);
	synchronize_rcu();
}

static void rculist_splice_init(struct kunit *test)
{
	struct item a = { .key = 1 }, b = { .key = 2 }, c = { .key = 3 };
	LIST_HEAD(src);
	LIST_HEAD(dst);
	int keys[8], n;

	list_add_tail_rcu(&a.node, &src);
	list_add_tail_rcu(&b.node, &src);
	list_add_tail_rcu(&c.node, &dst);
	list_splice_init_rcu(&src, &dst, synchronize_rcu);
	KUNIT_EXPECT_TRUE(test, list_empty(&src));
	n = collect(&dst, keys, 8);
	KUNIT_ASSERT_EQ(test, n, 3);
	KUNIT_EXPECT_EQ(test, keys[0], 1);
	KUNIT_EXPECT_EQ(test, keys[1], 2);
	KUNIT_EXPECT_EQ(test, keys[2], 3);

	INIT_LIST_HEAD_RCU(&src);
	list_del_rcu(&c.node);
	list_splice_tail_init_rcu(&dst, &src, synchronize_rcu);
	n = collect(&src, keys, 8);
	KUNIT_EXPECT_EQ(test, n, 2);
	KUNIT_EXPECT_TRUE(test, list_empty(&dst));
}

static void rculist_lockdep_condition(struct kunit *test)
{
	struct item a = { .key = 1 }, *it;
	LIST_HEAD(head);
	int i, seen = 0;

	list_add_rcu(&a.node, &head);
	krt_printk_capture_begin(false);
	/* With the update lock named in the condition: legal, silent. */
	mutex_lock(&list_mutex);
	list_for_each_entry_rcu(it, &head, node, lockdep_is_held(&list_mutex))
		seen++;
	mutex_unlock(&list_mutex);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	/* Outside a reader without a condition: reported (once for the call site). */
	for (i = 0; i < 2; i++)
		list_for_each_entry_rcu(it, &head, node)
			seen++;
	KUNIT_EXPECT_EQ(test, seen, 3);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("WARNING: suspicious RCU usage\n"), 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				" RCU-list traversed in non-reader section!!\n"));
	krt_printk_capture_end();
}

static void rculist_hlist(struct kunit *test)
{
	struct item a = { .key = 1 }, b = { .key = 2 }, c = { .key = 3 }, d = { .key = 4 }, *it;
	HLIST_HEAD(h);
	int keys[8], n = 0;

	hlist_add_head_rcu(&b.hnode, &h);
	hlist_add_before_rcu(&a.hnode, &b.hnode);
	hlist_add_behind_rcu(&c.hnode, &b.hnode);
	hlist_add_tail_rcu(&d.hnode, &h);
	rcu_read_lock();
	hlist_for_each_entry_rcu(it, &h, hnode)
		keys[n++] = it->key;
	rcu_read_unlock();
	KUNIT_ASSERT_EQ(test, n, 4);
	KUNIT_EXPECT_EQ(test, keys[0], 1);
	KUNIT_EXPECT_EQ(test, keys[1], 2);
	KUNIT_EXPECT_EQ(test, keys[2], 3);
	KUNIT_EXPECT_EQ(test, keys[3], 4);

	hlist_del_rcu(&b.hnode);
	KUNIT_EXPECT_PTR_EQ(test, b.hnode.next, &c.hnode);
	KUNIT_EXPECT_PTR_EQ(test, (void *)b.hnode.pprev, LIST_POISON2);
	hlist_del_init_rcu(&c.hnode);
	KUNIT_EXPECT_TRUE(test, hlist_unhashed(&c.hnode));
	hlist_del_init_rcu(&c.hnode);	/* unhashed: nothing to do */

	n = 0;
	rcu_read_lock();
	hlist_for_each_entry_rcu(it, &h, hnode)
		keys[n++] = it->key;
	rcu_read_unlock();
	KUNIT_ASSERT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, keys[0], 1);
	KUNIT_EXPECT_EQ(test, keys[1], 4);

	hlist_replace_rcu(&d.hnode, &b.hnode);
	rcu_read_lock();
	KUNIT_EXPECT_PTR_EQ(test, hlist_entry_safe(rcu_dereference(hlist_next_rcu(&a.hnode)),
						   struct item, hnode), &b);
	rcu_read_unlock();

	krt_printk_capture_begin(false);
	n = 0;
	hlist_for_each_entry_rcu(it, &h, hnode)
		n++;
	KUNIT_EXPECT_EQ(test, n, 2);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
				" RCU-list traversed in non-reader section!!\n"));
	krt_printk_capture_end();
	synchronize_rcu();
}

static struct kunit_case rculist_test_cases[] = {
	KUNIT_CASE(rculist_add_del_replace),
	KUNIT_CASE(rculist_splice_init),
	KUNIT_CASE(rculist_lockdep_condition),
	KUNIT_CASE(rculist_hlist),
	{}
};

static struct kunit_suite rculist_test_suite = {
	.name = "rculist",
	.init = rcu_test_init,
	.test_cases = rculist_test_cases,
};

kunit_test_suites(&rcu_test_suite, &rculist_test_suite);
