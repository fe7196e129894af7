// SPDX-License-Identifier: MIT
/*
 * Reader-writer semaphores: shared readers, exclusive writers, FIFO hand-over (a queued writer
 * holds back new readers), downgrade, interruptible and killable waits, lockdep integration,
 * guards, and the debug reports (unbalanced up_read/up_write, recursion).
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "locking_helpers.h"

struct rwsem_arg {
	struct rw_semaphore *sem;
	int ret;
	int got_read;
	int got_write;
	int done;
	int release;
};

static int try_both(void *data)
{
	struct rwsem_arg *a = data;

	a->got_read = down_read_trylock(a->sem);
	if (a->got_read)
		up_read(a->sem);
	a->got_write = down_write_trylock(a->sem);
	if (a->got_write)
		up_write(a->sem);
	return 0;
}

static void try_from_thread(struct kunit *test, struct rwsem_arg *a)
{
	struct task_struct *t = krt_thread_create(try_both, a, "rwsem-try");

	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	krt_thread_join(t);
}

static void rwsem_readers_share_writer_excludes(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rwsem_arg a = { .sem = &sem };

	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
	down_read(&sem);
	KUNIT_EXPECT_TRUE(test, rwsem_is_locked(&sem));
	KUNIT_EXPECT_EQ(test, preempt_count(), 0);
	KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&sem, 1), LOCK_STATE_HELD);
	KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&sem, 0), LOCK_STATE_NOT_HELD);
	try_from_thread(test, &a);
	KUNIT_EXPECT_EQ(test, a.got_read, 1);
	KUNIT_EXPECT_EQ(test, a.got_write, 0);
	up_read(&sem);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));

	down_write(&sem);
	KUNIT_EXPECT_TRUE(test, rwsem_is_locked(&sem));
	KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&sem, 0), LOCK_STATE_HELD);
	try_from_thread(test, &a);
	KUNIT_EXPECT_EQ(test, a.got_read, 0);
	KUNIT_EXPECT_EQ(test, a.got_write, 0);
	up_write(&sem);

	try_from_thread(test, &a);
	KUNIT_EXPECT_EQ(test, a.got_read, 1);
	KUNIT_EXPECT_EQ(test, a.got_write, 1);
}

static void rwsem_lockdep_asserts(struct kunit *test)
{
	struct rw_semaphore sem;

	init_rwsem(&sem);
	KUNIT_EXPECT_STREQ(test, sem.dep_map.name, "&sem");
	krt_printk_capture_begin(false);
	down_write(&sem);
	lockdep_assert_held(&sem);
	lockdep_assert_held_write(&sem);
	rwsem_assert_held_write(&sem);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 0);
	lockdep_assert_held_read(&sem);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1);
	up_write(&sem);
	down_read(&sem);
	lockdep_assert_held_read(&sem);
	rwsem_assert_held(&sem);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1);
	up_read(&sem);
	lockdep_assert_held(&sem);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 2);
	krt_printk_capture_end();
}

static int write_waiter(void *data)
{
	struct rwsem_arg *a = data;

	down_write(a->sem);
	smp_store_release(&a->got_write, 1);
	up_write(a->sem);
	return 0;
}

static int read_waiter(void *data)
{
	struct rwsem_arg *a = data;

	down_read(a->sem);
	smp_store_release(&a->got_read, 1);
	up_read(a->sem);
	return 0;
}

/* A queued writer holds back new readers, and gets the lock when the readers leave. */
static void rwsem_queued_writer_blocks_new_readers(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rwsem_arg w = { .sem = &sem }, r = { .sem = &sem };
	struct task_struct *tw;

	down_read(&sem);
	tw = krt_thread_create(write_waiter, &w, "rwsem-writer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(tw));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(tw, TASK_UNINTERRUPTIBLE));
	KUNIT_EXPECT_TRUE(test, rwsem_is_contended(&sem));
	try_from_thread(test, &r);
	KUNIT_EXPECT_EQ(test, r.got_read, 0);
	KUNIT_EXPECT_EQ(test, smp_load_acquire(&w.got_write), 0);
	up_read(&sem);
	krt_thread_join(tw);
	KUNIT_EXPECT_EQ(test, w.got_write, 1);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
	KUNIT_EXPECT_FALSE(test, rwsem_is_contended(&sem));
}

/* Readers queued behind a writer all get in together when the writer leaves. */
static void rwsem_writer_release_grants_queued_readers(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rwsem_arg r1 = { .sem = &sem }, r2 = { .sem = &sem };
	struct task_struct *t1, *t2;

	down_write(&sem);
	t1 = krt_thread_create(read_waiter, &r1, "rwsem-r1");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t1));
	t2 = krt_thread_create(read_waiter, &r2, "rwsem-r2");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t2));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t1, TASK_UNINTERRUPTIBLE));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t2, TASK_UNINTERRUPTIBLE));
	up_write(&sem);
	krt_thread_join(t1);
	krt_thread_join(t2);
	KUNIT_EXPECT_EQ(test, r1.got_read, 1);
	KUNIT_EXPECT_EQ(test, r2.got_read, 1);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
}

static void rwsem_downgrade_write(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rwsem_arg a = { .sem = &sem }, r = { .sem = &sem };
	struct task_struct *t;

	down_write(&sem);
	t = krt_thread_create(read_waiter, &r, "rwsem-reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t, TASK_UNINTERRUPTIBLE));
	downgrade_write(&sem);
	/* The queued reader gets in at once, while we still read. */
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, r.got_read, 1);
	KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&sem, 1), LOCK_STATE_HELD);
	KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&sem, 0), LOCK_STATE_NOT_HELD);
	try_from_thread(test, &a);
	KUNIT_EXPECT_EQ(test, a.got_read, 1);
	KUNIT_EXPECT_EQ(test, a.got_write, 0);
	up_read(&sem);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
}

static int read_interruptible(void *data)
{
	struct rwsem_arg *a = data;

	a->ret = down_read_interruptible(a->sem);
	if (!a->ret)
		up_read(a->sem);
	return 0;
}

static int read_killable(void *data)
{
	struct rwsem_arg *a = data;

	a->ret = down_read_killable(a->sem);
	if (!a->ret)
		up_read(a->sem);
	return 0;
}

static int write_killable(void *data)
{
	struct rwsem_arg *a = data;

	a->ret = down_write_killable(a->sem);
	if (!a->ret)
		up_write(a->sem);
	return 0;
}

static void rwsem_interruptible_and_killable_waits(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rwsem_arg a = { .sem = &sem, .ret = 1 };
	struct task_struct *t;

	down_write(&sem);
	t = krt_thread_create(read_interruptible, &a, "rwsem-intr");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t, TASK_INTERRUPTIBLE));
	send_sig(SIGINT, t, 0);
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, a.ret, -EINTR);

	a.ret = 1;
	t = krt_thread_create(read_killable, &a, "rwsem-kill");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t, TASK_UNINTERRUPTIBLE));
	send_sig(SIGKILL, t, 0);
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, a.ret, -EINTR);

	a.ret = 1;
	t = krt_thread_create(write_killable, &a, "rwsem-wkill");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(t, TASK_UNINTERRUPTIBLE));
	send_sig(SIGKILL, t, 0);
	krt_thread_join(t);
	KUNIT_EXPECT_EQ(test, a.ret, -EINTR);

	/* The waiters left cleanly: no waiters flag, and the semaphore works on. */
	KUNIT_EXPECT_FALSE(test, rwsem_is_contended(&sem));
	up_write(&sem);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
	down_read(&sem);
	up_read(&sem);
}

/* A killed writer at the head of the queue lets the readers queued behind it in. */
static void rwsem_killed_writer_lets_readers_in(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rwsem_arg w = { .sem = &sem, .ret = 1 }, r = { .sem = &sem };
	struct task_struct *tw, *tr;

	down_read(&sem);
	tw = krt_thread_create(write_killable, &w, "rwsem-wkill");
	KUNIT_ASSERT_FALSE(test, IS_ERR(tw));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(tw, TASK_UNINTERRUPTIBLE));
	tr = krt_thread_create(read_waiter, &r, "rwsem-reader");
	KUNIT_ASSERT_FALSE(test, IS_ERR(tr));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(tr, TASK_UNINTERRUPTIBLE));
	send_sig(SIGKILL, tw, 0);
	krt_thread_join(tw);
	KUNIT_EXPECT_EQ(test, w.ret, -EINTR);
	/* We still hold our read lock: the reader shares it. */
	krt_thread_join(tr);
	KUNIT_EXPECT_EQ(test, r.got_read, 1);
	up_read(&sem);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
}

static void rwsem_down_inside_spinlock_might_sleep(struct kunit *test)
{
	DEFINE_SPINLOCK(spin);
	DECLARE_RWSEM(sem);

	krt_might_sleep_ratelimit_reset();
	krt_printk_capture_begin(false);
	spin_lock(&spin);
	down_read(&sem);
	up_read(&sem);
	spin_unlock(&spin);
	EXPECT_PRINTED(test, "BUG: sleeping function called from invalid context at "
		       "kernel/locking/rwsem.c:");
	krt_printk_capture_end();
}

static void rwsem_up_read_unlocked_is_refused(struct kunit *test)
{
	DECLARE_RWSEM(sem);

	krt_printk_capture_begin(false);
	up_read(&sem);
	EXPECT_PRINTED(test, "WARNING: bad unlock balance detected!");
	EXPECT_PRINTED(test, "DEBUG_RWSEMS_WARN_ON(!is_rwsem_reader_owned(sem)): count = 0x0, "
		       "magic = 0x");
	krt_printk_capture_end();
	KUNIT_EXPECT_EQ(test, atomic_long_read(&sem.count), 0L);
	down_write(&sem);
	up_write(&sem);
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
}

static int hold_write(void *data)
{
	struct rwsem_arg *a = data;

	down_write(a->sem);
	smp_store_release(&a->got_write, 1);
	wait_for_flag(&a->release);
	return 0;
}

static void rwsem_up_write_by_non_owner_warns(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rwsem_arg a = { .sem = &sem };
	struct task_struct *t;

	t = krt_thread_create(hold_write, &a, "rwsem-owner");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_ASSERT_TRUE(test, wait_for_flag(&a.got_write));
	krt_printk_capture_begin(false);
	up_write(&sem);
	EXPECT_PRINTED(test, "DEBUG_RWSEMS_WARN_ON((rwsem_owner(sem) != current) && "
		       "!rwsem_test_oflags(sem, RWSEM_NONSPINNABLE))");
	krt_printk_capture_end();
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
	smp_store_release(&a.release, 1);
	krt_thread_join(t);

	/* Not write-held at all: reported (once per site, like the kernel) and refused. */
	krt_debug_locks_reset();
	up_write(&sem);
	KUNIT_EXPECT_EQ(test, atomic_long_read(&sem.count), 0L);
}

/* A second read lock is reported, and let in ahead of a queued writer instead of hanging. */
static void rwsem_recursive_read_reported_not_deadlocked(struct kunit *test)
{
	DECLARE_RWSEM(sem);
	struct rwsem_arg w = { .sem = &sem };
	struct task_struct *tw;

	down_read(&sem);
	tw = krt_thread_create(write_waiter, &w, "rwsem-writer");
	KUNIT_ASSERT_FALSE(test, IS_ERR(tw));
	KUNIT_ASSERT_TRUE(test, wait_until_sleeping(tw, TASK_UNINTERRUPTIBLE));
	krt_printk_capture_begin(false);
	down_read(&sem);
	EXPECT_PRINTED(test, "WARNING: possible recursive locking detected");
	krt_printk_capture_end();
	up_read(&sem);
	up_read(&sem);
	krt_thread_join(tw);
	KUNIT_EXPECT_EQ(test, w.got_write, 1);
}

static void rwsem_guards(struct kunit *test)
{
	DECLARE_RWSEM(sem);

	scoped_guard(rwsem_read, &sem)
		KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&sem, 1), LOCK_STATE_HELD);
	scoped_guard(rwsem_write, &sem)
		KUNIT_EXPECT_EQ(test, lockdep_is_held_type(&sem, 0), LOCK_STATE_HELD);
	{
		guard(rwsem_read)(&sem);
		KUNIT_EXPECT_TRUE(test, rwsem_is_locked(&sem));
	}
	KUNIT_EXPECT_FALSE(test, rwsem_is_locked(&sem));
}

static void inner_rwsem_write_recursion(struct kunit *test)
{
	DECLARE_RWSEM(sem);

	down_write(&sem);
	down_write(&sem);
	KUNIT_FAIL(test, "down_write() returned from recursion");
}

static void inner_rwsem_read_in_write(struct kunit *test)
{
	DECLARE_RWSEM(sem);

	down_write(&sem);
	down_read(&sem);
	KUNIT_FAIL(test, "down_read() returned inside our own write section");
}

static void inner_rwsem_write_in_read(struct kunit *test)
{
	DECLARE_RWSEM(sem);

	down_read(&sem);
	down_write(&sem);
	KUNIT_FAIL(test, "down_write() returned inside our own read section");
}

static struct kunit_case inner_write_cases[] = {
	KUNIT_CASE(inner_rwsem_write_recursion),
	{}
};

static struct kunit_case inner_read_in_write_cases[] = {
	KUNIT_CASE(inner_rwsem_read_in_write),
	{}
};

static struct kunit_case inner_write_in_read_cases[] = {
	KUNIT_CASE(inner_rwsem_write_in_read),
	{}
};

static struct kunit_suite inner_suites[] = {
	{ .name = "rwsem_inner_write", .test_cases = inner_write_cases },
	{ .name = "rwsem_inner_read_in_write", .test_cases = inner_read_in_write_cases },
	{ .name = "rwsem_inner_write_in_read", .test_cases = inner_write_in_read_cases },
};

static void rwsem_self_deadlocks_report_and_bug(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(inner_suites); i++) {
		krt_debug_locks_reset();
		krt_printk_capture_begin(false);
		KUNIT_EXPECT_EQ(test, run_bugging_suite(&inner_suites[i]), 1);
		EXPECT_PRINTED(test, "WARNING: possible recursive locking detected");
		EXPECT_PRINTED(test, "(sem){....}-{3:3}");
		EXPECT_PRINTED(test, "kernel BUG at kernel/locking/rwsem.c:");
		krt_printk_capture_end();
	}
}

static struct kunit_case rwsem_test_cases[] = {
	KUNIT_CASE(rwsem_readers_share_writer_excludes),
	KUNIT_CASE(rwsem_lockdep_asserts),
	KUNIT_CASE(rwsem_queued_writer_blocks_new_readers),
	KUNIT_CASE(rwsem_writer_release_grants_queued_readers),
	KUNIT_CASE(rwsem_downgrade_write),
	KUNIT_CASE(rwsem_interruptible_and_killable_waits),
	KUNIT_CASE(rwsem_killed_writer_lets_readers_in),
	KUNIT_CASE(rwsem_down_inside_spinlock_might_sleep),
	KUNIT_CASE(rwsem_up_read_unlocked_is_refused),
	KUNIT_CASE(rwsem_up_write_by_non_owner_warns),
	KUNIT_CASE(rwsem_recursive_read_reported_not_deadlocked),
	KUNIT_CASE(rwsem_guards),
	KUNIT_CASE(rwsem_self_deadlocks_report_and_bug),
	{}
};

static struct kunit_suite rwsem_test_suite = {
	.name = "rwsem",
	.init = locking_test_init,
	.exit = locking_test_exit,
	.test_cases = rwsem_test_cases,
};
kunit_test_suite(rwsem_test_suite);
