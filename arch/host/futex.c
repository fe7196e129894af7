// SPDX-License-Identifier: MIT
/* Futexes: every sleeping primitive of krt (wait queues, mutexes, completions) ends here. */
#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "arch/host/host.h"

/**
 * host_futex_wait - sleep while *@addr == @val
 * @addr: the futex word (private to the process)
 * @val: the value it is expected to hold
 * @timeout_ns: the longest sleep, relative; negative: forever
 *
 * Return: 0 when woken (or spuriously), -EAGAIN if *@addr != @val on entry, -ETIMEDOUT or
 * -EINTR.
 */
int host_futex_wait(uint32_t *addr, uint32_t val, int64_t timeout_ns)
{
	struct timespec ts, *tsp = NULL;
	long ret;

	if (timeout_ns >= 0) {
		ts.tv_sec = timeout_ns / 1000000000;
		ts.tv_nsec = timeout_ns % 1000000000;
		tsp = &ts;
	}
	ret = syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, tsp, NULL, 0);
	if (ret == 0)
		return 0;
	return -errno;
}

/**
 * host_futex_wake - wake threads sleeping on @addr
 * @addr: the futex word
 * @nr: at most this many
 *
 * Return: how many were woken, or a negative errno.
 */
int host_futex_wake(uint32_t *addr, int nr)
{
	long ret = syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, nr, NULL, NULL, 0);

	return ret < 0 ? -errno : (int)ret;
}

/**
 * host_mutex_lock - take @m, sleeping on its futex while it is held
 * @m: the lock
 *
 * The word is 0: free, 1: held, 2: held with sleepers (Drepper's three-state futex mutex), so
 * an uncontended lock and unlock cost one atomic operation each and no system call. Not
 * recursive.
 */
void host_mutex_lock(struct host_mutex *m)
{
	uint32_t c = 0;

	if (__atomic_compare_exchange_n(&m->word, &c, 1, false, __ATOMIC_ACQUIRE,
					__ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(&m->word, 2, __ATOMIC_ACQUIRE);
	while (c != 0) {
		host_futex_wait(&m->word, 2, -1);
		c = __atomic_exchange_n(&m->word, 2, __ATOMIC_ACQUIRE);
	}
}

/**
 * host_mutex_trylock - take @m if it is free
 * @m: the lock
 *
 * Return: true if the caller now holds @m.
 */
bool host_mutex_trylock(struct host_mutex *m)
{
	uint32_t c = 0;

	return __atomic_compare_exchange_n(&m->word, &c, 1, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

/**
 * host_mutex_unlock - release @m, waking one sleeper if there may be any
 * @m: the lock, held by the caller
 */
void host_mutex_unlock(struct host_mutex *m)
{
	if (__atomic_exchange_n(&m->word, 0, __ATOMIC_RELEASE) == 2)
		host_futex_wake(&m->word, 1);
}

/**
 * host_mutex_reset_after_fork - make @m free again in a forked child
 * @m: the lock
 *
 * Only for fork handlers: the thread that held @m at fork() does not exist in the child.
 */
void host_mutex_reset_after_fork(struct host_mutex *m)
{
	__atomic_store_n(&m->word, 0, __ATOMIC_RELAXED);
}

/* Registered from constructors, before any other thread exists: no locking needed. */
static struct host_mutex *fork_safe_mutexes[64];
static unsigned int nr_fork_safe_mutexes;

static void reset_fork_safe_mutexes(void)
{
	unsigned int i;

	for (i = 0; i < nr_fork_safe_mutexes; i++)
		host_mutex_reset_after_fork(fork_safe_mutexes[i]);
}

/**
 * host_mutex_reset_on_fork - have every forked child find @m unlocked
 * @m: a lock of krt's bookkeeping that other threads may hold at fork()
 *
 * Used through DEFINE_HOST_MUTEX_FORK_SAFE(); the table is sized for krt's own locks and a
 * registration beyond it aborts (a build-time mistake, not a runtime condition).
 */
void host_mutex_reset_on_fork(struct host_mutex *m)
{
	if (nr_fork_safe_mutexes == 0)
		host_atfork(NULL, NULL, reset_fork_safe_mutexes);
	if (nr_fork_safe_mutexes >= sizeof(fork_safe_mutexes) / sizeof(fork_safe_mutexes[0]))
		host_abort();
	fork_safe_mutexes[nr_fork_safe_mutexes++] = m;
}
