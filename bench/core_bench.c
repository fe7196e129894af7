// SPDX-License-Identifier: MIT
/*
 * Foundation benchmarks, krt side by side with the primitives it is built on:
 *   1. kref_get+kref_put vs a raw atomic_fetch_add_relaxed+atomic_fetch_sub_release pair,
 *      1 thread and 2 threads on one object (goal: <= 1.1x);
 *   2. rcu_read_lock+rcu_read_unlock vs liburcu memb's inlined read_lock+read_unlock
 *      (goal: <= 1.5x);
 *   3. kfree_rcu vs call_rcu with a callback that kfree()s, per object from the first enqueue
 *      until rcu_barrier() returns (goal: kfree_rcu >= 5x faster).
 *
 * `core_bench` prints the table; `core_bench --loop NAME N` runs one loop N times (for
 * callgrind instruction counts, see scripts/bench.sh).
 */
#include <linux/kernel.h>
#include <linux/kref.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <krt/thread.h>

#pragma push_macro("rcu_head")
#undef rcu_head
#define _LGPL_SOURCE
#include <urcu/urcu-memb.h>
#pragma pop_macro("rcu_head")

#include <stdio.h>
#include <stdlib.h>

static struct kref bench_kref;
static atomic_t bench_atomic;

static void kref_noop_release(struct kref *kref)
{
	/* never reached: the count never drops to zero */
}

static noinline void loop_kref(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		kref_get(&bench_kref);
		kref_put(&bench_kref, kref_noop_release);
	}
}

static noinline void loop_atomic(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		atomic_fetch_add_relaxed(1, &bench_atomic);
		atomic_fetch_sub_release(1, &bench_atomic);
	}
}

static noinline void loop_rcu(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		rcu_read_lock();
		barrier();
		rcu_read_unlock();
	}
}

static noinline void loop_urcu(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		urcu_memb_read_lock();
		barrier();
		urcu_memb_read_unlock();
	}
}

struct bench_obj {
	unsigned long payload[2];
	struct rcu_head rcu;
};

static void free_obj_cb(struct rcu_head *head)
{
	kfree(container_of(head, struct bench_obj, rcu));
}

static struct bench_obj **alloc_objs(unsigned long n)
{
	struct bench_obj **objs = malloc(n * sizeof(*objs));
	unsigned long i;

	for (i = 0; i < n; i++)
		objs[i] = kmalloc(sizeof(struct bench_obj), GFP_KERNEL);
	return objs;
}

/* Nanoseconds per object from the first enqueue until rcu_barrier() returns. */
static double run_deferred_free(unsigned long n, bool use_kfree_rcu)
{
	struct bench_obj **objs = alloc_objs(n);
	unsigned long i;
	u64 t0, t1;

	rcu_barrier();
	t0 = ktime_get_ns();
	for (i = 0; i < n; i++) {
		if (use_kfree_rcu)
			kfree_rcu(objs[i], rcu);
		else
			call_rcu(&objs[i]->rcu, free_obj_cb);
	}
	rcu_barrier();
	t1 = ktime_get_ns();
	free(objs);
	return (double)(t1 - t0) / n;
}

static noinline void loop_kfree_rcu(unsigned long n)
{
	run_deferred_free(n, true);
}

static noinline void loop_call_rcu(unsigned long n)
{
	run_deferred_free(n, false);
}

struct loop {
	const char *name;
	void (*fn)(unsigned long n);
};

static const struct loop loops[] = {
	{ "kref", loop_kref },
	{ "atomic", loop_atomic },
	{ "rcu", loop_rcu },
	{ "urcu", loop_urcu },
	{ "kfree_rcu", loop_kfree_rcu },
	{ "call_rcu", loop_call_rcu },
};

static double time_once(void (*fn)(unsigned long), unsigned long n)
{
	u64 t0 = ktime_get_ns();

	fn(n);
	return (double)(ktime_get_ns() - t0) / n;
}

/*
 * Time krt's loop @a and the peer's loop @b alternately, best of 7 each, so that both see the
 * same machine (frequency changes and neighbours on this shared 2-core VM hit both alike).
 */
static void time_pair(double (*timer)(void (*)(unsigned long), unsigned long),
		      void (*a)(unsigned long), void (*b)(unsigned long), unsigned long n,
		      double *ta, double *tb)
{
	int rep;

	*ta = *tb = 1e30;
	for (rep = 0; rep < 7; rep++) {
		*ta = min(*ta, timer(a, n));
		*tb = min(*tb, timer(b, n));
	}
}

struct pair_arg {
	void (*fn)(unsigned long);
	unsigned long n;
	atomic_t *ready;
};

static int pair_thread(void *data)
{
	struct pair_arg *a = data;

	/* Start together, so the two threads really contend for the object. */
	atomic_inc(a->ready);
	while (atomic_read(a->ready) < 2)
		cpu_relax();
	a->fn(a->n);
	return 0;
}

/*
 * Two threads hammering the same object: wall time until both have done @n pairs, divided by
 * @n (the time per pair as each thread sees it).
 */
static double time_once_2threads(void (*fn)(unsigned long), unsigned long n)
{
	atomic_t ready = ATOMIC_INIT(0);
	struct pair_arg a = { fn, n, &ready }, b = { fn, n, &ready };
	struct task_struct *ta, *tb;
	u64 t0 = ktime_get_ns();

	ta = krt_thread_create(pair_thread, &a, "bench-a");
	tb = krt_thread_create(pair_thread, &b, "bench-b");
	krt_thread_join(ta);
	krt_thread_join(tb);
	return (double)(ktime_get_ns() - t0) / n;
}

static void row(const char *what, double krt, double peer, const char *peer_name,
		const char *goal, bool met)
{
	printf("%-34s %9.2f ns  %-26s %9.2f ns  %6.2fx  %-10s %s\n", what, krt, peer_name, peer,
	       krt / peer, goal, met ? "met" : "NOT MET");
}

int main(int argc, char **argv)
{
	const unsigned long n = 20000000, nfree = 1000000;
	double k1, a1, k2, a2, r, u, kf, cr;
	unsigned int i;

	kref_init(&bench_kref);
	atomic_set(&bench_atomic, 1);
	rcu_read_lock();	/* register this thread with krt and liburcu */
	rcu_read_unlock();

	if (argc == 4 && !strcmp(argv[1], "--loop")) {
		for (i = 0; i < ARRAY_SIZE(loops); i++) {
			if (!strcmp(argv[2], loops[i].name)) {
				loops[i].fn(strtoul(argv[3], NULL, 0));
				return 0;
			}
		}
		fprintf(stderr, "unknown loop %s\n", argv[2]);
		return 2;
	}

	time_pair(time_once, loop_kref, loop_atomic, n, &k1, &a1);
	time_pair(time_once_2threads, loop_kref, loop_atomic, n / 4, &k2, &a2);
	time_pair(time_once, loop_rcu, loop_urcu, n, &r, &u);
	cr = run_deferred_free(nfree, false);
	kf = run_deferred_free(nfree, true);
	cr = min(cr, run_deferred_free(nfree, false));
	kf = min(kf, run_deferred_free(nfree, true));

	printf("%-34s %12s  %-26s %12s  %7s  %-10s %s\n", "krt", "time/op", "peer", "time/op",
	       "ratio", "goal", "");
	row("kref_get+kref_put, 1 thread", k1, a1, "atomic add+sub, 1 thread", "<= 1.1x",
	    k1 <= 1.1 * a1);
	row("kref_get+kref_put, 2 threads", k2, a2, "atomic add+sub, 2 threads", "<= 1.1x",
	    k2 <= 1.1 * a2);
	row("rcu_read_lock+unlock", r, u, "urcu_memb read_lock+unlock", "<= 1.5x", r <= 1.5 * u);
	row("kfree_rcu (to rcu_barrier)", kf, cr, "call_rcu+kfree callback", "<= 0.2x",
	    kf <= 0.2 * cr);
	printf("kfree_rcu is %.1fx faster than call_rcu per object (goal >= 5x)\n", cr / kf);
	return 0;
}
