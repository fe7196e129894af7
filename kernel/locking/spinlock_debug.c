// SPDX-License-Identifier: MIT
/*
 * The raw spinlock word and the checks of CONFIG_DEBUG_SPINLOCK, with the kernel's report texts.
 *
 * The word is a futex: 0 free, 1 held, 2 held while someone sleeps on it. A waiter spins a
 * little, then sleeps, so a holder that the host deschedules costs its waiters nothing. The
 * word is taken with an acquire and dropped with a release operation, which is what makes the
 * lock a happens-before edge for ThreadSanitizer.
 */
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/sched.h>

#include "arch/host/host.h"
#include "kernel/locking/locking.h"

static __always_inline bool word_trylock(u32 *word)
{
	u32 old = 0;

	return __atomic_compare_exchange_n(word, &old, 1, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static noinline void word_lock_slow(u32 *word)
{
	int i;

	for (i = 0; i < KRT_LOCK_SPINS; i++) {
		cpu_relax();
		if (!__atomic_load_n(word, __ATOMIC_RELAXED) && word_trylock(word))
			return;
	}
	/* Mark the word "sleepers" (2) while taking it, so the unlock knows to wake someone. */
	while (__atomic_exchange_n(word, 2, __ATOMIC_ACQUIRE) != 0)
		host_futex_wait(word, 2, -1);
}

static __always_inline void word_lock(u32 *word)
{
	if (unlikely(!word_trylock(word)))
		word_lock_slow(word);
}

static __always_inline void word_unlock(u32 *word)
{
	if (unlikely(__atomic_exchange_n(word, 0, __ATOMIC_RELEASE) == 2))
		host_futex_wake(word, 1);
}

/**
 * __raw_spin_lock_init - initialise a raw spinlock
 * @lock: the lock
 * @name: its name for lockdep reports (raw_spin_lock_init() passes the lock expression)
 * @key: lock class key (unused: krt's lockdep has no classes)
 * @inner: lockdep wait type
 */
void __raw_spin_lock_init(raw_spinlock_t *lock, const char *name, struct lock_class_key *key,
			  short inner)
{
	lock->val = 0;
	lock->magic = SPINLOCK_MAGIC;
	lock->owner = SPINLOCK_OWNER_INIT;
	lock->name = name;
}

static void spin_dump(raw_spinlock_t *lock, const char *msg)
{
	struct task_struct *owner = READ_ONCE(lock->owner);
	struct task_struct *curr = current;

	if (owner == SPINLOCK_OWNER_INIT)
		owner = NULL;
	printk(KERN_EMERG "BUG: spinlock %s on CPU#%d, %s/%d\n", msg, host_current_cpu(),
	       curr->comm, task_pid_nr(curr));
	/* krt does not track the CPU a holder runs on: the thread can migrate at any time. */
	printk(KERN_EMERG " lock: %pS, .magic: %08x, .owner: %s/%d, .owner_cpu: %d\n", lock,
	       READ_ONCE(lock->magic), owner ? owner->comm : "<none>",
	       owner ? task_pid_nr(owner) : -1, -1);
	dump_stack();
}

/* Report once: the first problem switches lock debugging off, as in the kernel. */
static void spin_bug(raw_spinlock_t *lock, const char *msg)
{
	if (!debug_locks_off())
		return;
	spin_dump(lock, msg);
}

/**
 * do_raw_spin_lock - take the lock word, with the CONFIG_DEBUG_SPINLOCK checks
 * @lock: the lock
 *
 * Taking a lock the task already holds would hang forever: it is reported ("BUG: spinlock
 * recursion") and then BUG()s, which ends the current KUnit case.
 */
void do_raw_spin_lock(raw_spinlock_t *lock)
{
	struct task_struct *curr = current;

	if (unlikely(READ_ONCE(lock->magic) != SPINLOCK_MAGIC))
		spin_bug(lock, "bad magic");
	if (unlikely(READ_ONCE(lock->owner) == curr)) {
		spin_bug(lock, "recursion");
		BUG();
	}
	word_lock(&lock->val);
	WRITE_ONCE(lock->owner, curr);
}

/**
 * do_raw_spin_trylock - take the lock word if it is free
 * @lock: the lock
 *
 * Returns 1 if the lock was taken.
 */
int do_raw_spin_trylock(raw_spinlock_t *lock)
{
	if (!word_trylock(&lock->val))
		return 0;
	WRITE_ONCE(lock->owner, current);
	return 1;
}

/**
 * krt_raw_spin_unlock - release the lock word after the CONFIG_DEBUG_SPINLOCK checks
 * @lock: the lock
 * @lockdep: also pop the lock from lockdep's held-lock stack
 * @ip: where it is released (for lockdep)
 *
 * A lock held by another task is reported and released, as the kernel does. A lock that is
 * not locked is reported and left alone: returns false then, and the caller leaves the preempt
 * count and interrupt flag alone too.
 */
bool krt_raw_spin_unlock(raw_spinlock_t *lock, bool lockdep, unsigned long ip)
{
	struct task_struct *curr = current;
	bool mine;

	if (unlikely(READ_ONCE(lock->magic) != SPINLOCK_MAGIC))
		spin_bug(lock, "bad magic");
	if (unlikely(!raw_spin_is_locked(lock))) {
		spin_bug(lock, "already unlocked");
		return false;
	}
	mine = READ_ONCE(lock->owner) == curr;
	if (unlikely(!mine))
		spin_bug(lock, "wrong owner");
	if (lockdep && mine)
		lock_release_krt(lock, ip);
	WRITE_ONCE(lock->owner, SPINLOCK_OWNER_INIT);
	word_unlock(&lock->val);
	return true;
}

/**
 * do_raw_spin_unlock - release the lock word, with the CONFIG_DEBUG_SPINLOCK checks
 * @lock: the lock
 */
void do_raw_spin_unlock(raw_spinlock_t *lock)
{
	krt_raw_spin_unlock(lock, false, 0);
}
