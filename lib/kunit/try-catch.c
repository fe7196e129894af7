// SPDX-License-Identifier: MIT
/*
 * KUnit's try-catch (Linux's lib/kunit/try-catch.c): the try function runs on a new krt thread
 * that the runner waits for, up to a time limit. Where the kernel ends the kthread to abort a
 * test (kthread_exit()), krt jumps back to the bottom of the thread's function with longjmp(),
 * so the thread ends the ordinary way; a BUG() in the thread does the same through
 * krt_die_hook.
 *
 * What the thread and the runner share lives in a separate, reference-counted block, so that a
 * thread that overruns its time limit, and is left behind, never writes into the runner's
 * state.
 */
#include <setjmp.h>

#include <kunit/test.h>
#include <krt/panic.h>
#include <krt/thread.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/sched.h>
#include <linux/spinlock.h>
#include <linux/time64.h>

#include "arch/host/host.h"
#include "kunit-internal.h"

/* The kernel's limit for one try (lib/kunit/try-catch.c): five minutes. */
#define KUNIT_TRY_TIMEOUT_MS (300 * 1000)

struct kunit_try_shared {
	kunit_try_catch_func_t try;
	void *context;
	/* Which try-catch this is, to tell its throws from others'. */
	struct kunit_try_catch *try_catch;
	/* -EINTR until the try function returns (0) or throws (-EFAULT). */
	int result;
	/* Futex word: 1 when the thread is done with everything but this block. */
	u32 done;
	atomic_t refs;
};

/* Where a throw on this thread lands. */
struct kunit_try_frame {
	jmp_buf env;
	struct kunit_try_shared *shared;
};

static __thread struct kunit_try_frame *kunit_try_frame;

/* Threads that overran their time limit, joined once they end. */
struct kunit_orphan {
	struct task_struct *task;
	struct kunit_try_shared *shared;
	/* Host memory the thread may still use, freed after it ends. */
	void *memory;
	struct kunit_orphan *next;
};

static DEFINE_SPINLOCK(kunit_orphans_lock);
static struct kunit_orphan *kunit_orphans;

static void kunit_try_shared_put(struct kunit_try_shared *shared)
{
	if (atomic_dec_and_test(&shared->refs))
		host_free(shared);
}

static int kunit_try_thread(void *data)
{
	struct kunit_try_shared *shared = data;
	struct kunit_try_frame frame = { .shared = shared };

	kunit_try_frame = &frame;
	if (!setjmp(frame.env)) {
		shared->try(shared->context);
		WRITE_ONCE(shared->result, 0);
	}
	kunit_try_frame = NULL;

	smp_store_release(&shared->done, 1);
	host_futex_wake(&shared->done, 1);
	kunit_try_shared_put(shared);
	return 0;
}

/**
 * kunit_try_catch_throw - end the try function of @try_catch now.
 * @try_catch: the try-catch whose thread is calling.
 *
 * Called from another thread (a thread the test started), it ends that thread instead, as
 * the kernel's kthread_exit() would.
 */
void __noreturn kunit_try_catch_throw(struct kunit_try_catch *try_catch)
{
	struct kunit_try_frame *frame = kunit_try_frame;

	if (frame && frame->shared->try_catch == try_catch) {
		WRITE_ONCE(frame->shared->result, -EFAULT);
		longjmp(frame->env, 1);
	}
	WRITE_ONCE(try_catch->try_result, -EFAULT);
	/* The thread of another try-catch ends as if it had died ("try faulted"). */
	if (frame)
		longjmp(frame->env, 2);
	krt_thread_exit(0);
}

/*
 * A BUG() on a test case's thread: the oops is printed; end the thread as the kernel's oops
 * would end the kthread. The result stays -EINTR, which the runner reports as "try faulted".
 */
static void kunit_die_hook(const char *reason)
{
	struct kunit_try_frame *frame = kunit_try_frame;

	if (!frame || !current->kunit_test)
		return;
	longjmp(frame->env, 2);
}

/* Remember a thread left running; it keeps the runner's reference on @shared. */
static void kunit_adopt_orphan(struct task_struct *task, struct kunit_try_shared *shared)
{
	struct kunit_orphan *orphan = host_alloc(sizeof(*orphan));

	/* Without memory to remember it, the thread is never joined: a small host leak. */
	if (!orphan)
		return;
	orphan->task = task;
	orphan->shared = shared;
	orphan->memory = NULL;
	spin_lock(&kunit_orphans_lock);
	orphan->next = kunit_orphans;
	kunit_orphans = orphan;
	spin_unlock(&kunit_orphans_lock);
}

/* A thread of @try_catch still left running, other than @except (lock held). */
static struct kunit_orphan *kunit_find_orphan(struct kunit_try_catch *try_catch,
					      struct kunit_orphan *except)
{
	struct kunit_orphan *orphan;

	for (orphan = kunit_orphans; orphan; orphan = orphan->next)
		if (orphan != except && orphan->shared->try_catch == try_catch)
			return orphan;
	return NULL;
}

/**
 * kunit_try_catch_free_after - free @memory (host heap) once no thread left running by
 * @try_catch can use it any more; at once if there is none.
 * @try_catch: the try-catch whose threads overran their time limit.
 * @memory: memory those threads may use (the test context).
 */
void kunit_try_catch_free_after(struct kunit_try_catch *try_catch, void *memory)
{
	struct kunit_orphan *orphan;

	spin_lock(&kunit_orphans_lock);
	orphan = kunit_find_orphan(try_catch, NULL);
	if (orphan)
		orphan->memory = memory;
	spin_unlock(&kunit_orphans_lock);
	if (!orphan)
		host_free(memory);
	kunit_try_catch_reap();
}

/**
 * kunit_try_catch_reap - join the threads that overran their time limit and have ended since.
 */
void kunit_try_catch_reap(void)
{
	struct kunit_orphan *ended = NULL, **link, *orphan, *other;

	spin_lock(&kunit_orphans_lock);
	link = &kunit_orphans;
	while ((orphan = *link)) {
		if (smp_load_acquire(&orphan->shared->done)) {
			*link = orphan->next;
			orphan->next = ended;
			ended = orphan;
		} else {
			link = &orphan->next;
		}
	}
	/* Memory shared with a thread still running goes with that thread. */
	for (orphan = ended; orphan; orphan = orphan->next) {
		if (!orphan->memory)
			continue;
		other = kunit_find_orphan(orphan->shared->try_catch, orphan);
		if (other) {
			other->memory = orphan->memory;
			orphan->memory = NULL;
		}
	}
	spin_unlock(&kunit_orphans_lock);

	while ((orphan = ended)) {
		ended = orphan->next;
		krt_thread_join(orphan->task);
		kunit_try_shared_put(orphan->shared);
		host_free(orphan->memory);
		host_free(orphan);
	}
}

/**
 * kunit_install_die_hook - make a BUG() inside a test case end only that case.
 */
void kunit_install_die_hook(void)
{
	if (READ_ONCE(krt_die_hook) != kunit_die_hook)
		WRITE_ONCE(krt_die_hook, kunit_die_hook);
}

/**
 * kunit_try_timeout_ms - the time limit of one try, in milliseconds.
 */
unsigned int kunit_try_timeout_ms(void)
{
	struct kunit_krt_run *run = kunit_current_run;

	if (run && run->opts.timeout_ms)
		return run->opts.timeout_ms;
	return KUNIT_TRY_TIMEOUT_MS;
}

/* Wait until the thread is done or the time limit passes; false on timeout. */
static bool kunit_try_wait(struct kunit_try_shared *shared)
{
	u64 deadline = host_clock_mono_ns() + (u64)kunit_try_timeout_ms() * NSEC_PER_MSEC;

	while (!smp_load_acquire(&shared->done)) {
		u64 now = host_clock_mono_ns();

		if (now >= deadline)
			return false;
		host_futex_wait(&shared->done, 0, (s64)(deadline - now));
	}
	return true;
}

/**
 * kunit_try_catch_run - run the try function of @try_catch on a new thread and wait for it.
 * @try_catch: the try-catch (its test, try and catch functions set).
 * @context: the argument of both functions.
 *
 * A throw is a normal end. If the thread died (BUG()), could not start, or overran its time
 * limit, that is reported and the catch function is called.
 */
void kunit_try_catch_run(struct kunit_try_catch *try_catch, void *context)
{
	struct kunit *test = try_catch->test;
	struct kunit_try_shared *shared;
	struct task_struct *task;
	int exit_code;

	try_catch->context = context;
	try_catch->try_result = 0;

	shared = host_zalloc(sizeof(*shared));
	if (!shared) {
		try_catch->try_result = -ENOMEM;
		try_catch->catch(context);
		return;
	}
	shared->try = try_catch->try;
	shared->context = context;
	shared->try_catch = try_catch;
	shared->result = -EINTR;
	atomic_set(&shared->refs, 2);

	task = krt_thread_create(kunit_try_thread, shared, "kunit_try_catch_thread");
	if (IS_ERR(task)) {
		host_free(shared);
		try_catch->try_result = PTR_ERR(task);
		try_catch->catch(context);
		return;
	}

	if (kunit_try_wait(shared)) {
		krt_thread_join(task);
		try_catch->try_result = READ_ONCE(shared->result);
		kunit_try_shared_put(shared);
	} else {
		/* krt cannot stop a thread: it is left running, and joined when it ends. */
		try_catch->try_result = -ETIMEDOUT;
		kunit_adopt_orphan(task, shared);
	}
	kunit_try_catch_reap();

	exit_code = try_catch->try_result;
	if (!exit_code)
		return;

	if (exit_code == -EFAULT) {
		try_catch->try_result = 0;
	} else if (exit_code == -EINTR) {
		if (test->last_seen.file)
			kunit_err(test, "try faulted: last line seen %s:%d\n",
				  test->last_seen.file, test->last_seen.line);
		else
			kunit_err(test, "try faulted\n");
	} else if (exit_code == -ETIMEDOUT) {
		kunit_err(test, "try timed out\n");
	} else {
		kunit_err(test, "Unknown error: %d\n", exit_code);
	}
	try_catch->catch(context);
}

/**
 * kunit_try_catch_abandoned - did the last run of @try_catch leave its thread running?
 * @try_catch: the try-catch.
 */
bool kunit_try_catch_abandoned(struct kunit_try_catch *try_catch)
{
	return try_catch->try_result == -ETIMEDOUT;
}
