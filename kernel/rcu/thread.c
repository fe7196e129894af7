// SPDX-License-Identifier: MIT
/*
 * Every task's thread is registered with liburcu while it is in krt, so rcu_read_lock() works
 * in any thread without a call to rcu_register_thread(). A thread that leaves krt hands its
 * queued callbacks to the grace-period kthread.
 *
 * fork(): liburcu's memb flavour expects every other thread to have unregistered before a
 * fork, because the child inherits their registry entries but not the threads. A new thread in
 * the child may then be given the TLS block, and so the registry node, of one of them, and
 * registering it again corrupts the registry. krt forks with threads running (KUnit's
 * --isolate, host_run_in_child()), so it keeps the list of threads it registered and, in the
 * child, takes every other thread's entry out of liburcu's registry.
 */
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <linux/list.h>

#include "arch/host/host.h"
#include "kernel/sched/sched.h"
#include "kernel/rcu/rcu.h"

/* struct urcu_reader, the registry node of a thread (TSan builds do not inline liburcu). */
#pragma push_macro("rcu_head")
#undef rcu_head
#include <urcu/static/urcu-memb.h>
#pragma pop_macro("rcu_head")

struct rcu_reader_rec {
	struct urcu_reader *reader;
	struct list_head node;
};

/* Threads registered by krt; also keeps registrations out of the way of fork(). */
static struct host_mutex readers_lock;
static LIST_HEAD(readers);
static __thread struct rcu_reader_rec *my_rec __attribute__((tls_model("initial-exec")));
static bool atfork_registered;

static void rcu_readers_fork_prepare(void)
{
	host_mutex_lock(&readers_lock);
}

static void rcu_readers_fork_parent(void)
{
	host_mutex_unlock(&readers_lock);
}

/* The forking thread is the only one left: forget the others' registrations. */
static void rcu_readers_fork_child(void)
{
	struct rcu_reader_rec *rec, *tmp;

	list_for_each_entry_safe(rec, tmp, &readers, node) {
		if (rec == my_rec)
			continue;
		cds_list_del(&rec->reader->node);
		rec->reader->registered = 0;
		list_del(&rec->node);
		host_free(rec);
	}
	readers_lock = (struct host_mutex){ 0 };
}

/**
 * krt_sched_thread_online - register the calling thread with liburcu as it enters krt
 * @t: the task being attached to the thread (unused)
 *
 * Registering every krt thread lets rcu_read_lock() work in it without rcu_register_thread().
 * The thread also goes on krt's list of registered readers, which the fork handlers (installed
 * by the first call) use to clean liburcu's registry in a forked child.
 */
void krt_sched_thread_online(struct task_struct *t)
{
	struct rcu_reader_rec *rec = host_alloc(sizeof(*rec));

	host_mutex_lock(&readers_lock);
	if (!atfork_registered) {
		host_atfork(rcu_readers_fork_prepare, rcu_readers_fork_parent,
			    rcu_readers_fork_child);
		atfork_registered = true;
	}
	urcu_memb_register_thread();
	if (rec) {
		rec->reader = &URCU_TLS(urcu_memb_reader);
		list_add(&rec->node, &readers);
	}
	my_rec = rec;
	host_mutex_unlock(&readers_lock);
}

/**
 * krt_sched_thread_offline - unregister the calling thread from liburcu as it leaves krt
 * @t: the thread's task (unused)
 *
 * The thread's queued callbacks are handed to the grace-period kthread (rcu_thread_offline()).
 * It must not be inside rcu_read_lock() any more: that is a WARN.
 */
void krt_sched_thread_offline(struct task_struct *t)
{
	struct rcu_reader_rec *rec = my_rec;

	WARN_ON_ONCE(pcpu_hot.rcu_read_lock_nesting);
	rcu_thread_offline();
	host_mutex_lock(&readers_lock);
	urcu_memb_unregister_thread();
	if (rec)
		list_del(&rec->node);
	my_rec = NULL;
	host_mutex_unlock(&readers_lock);
	host_free(rec);
}
