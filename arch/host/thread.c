// SPDX-License-Identifier: MIT
/* Host threads: krt's kthreads, workqueue workers and test threads all start here. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arch/host/host.h"

struct host_thread {
	pthread_t tid;
};

/**
 * host_thread_create - start @fn(@arg) on a new host thread
 * @thread: where to store the handle, for host_thread_join() or host_thread_detach()
 * @fn: the thread's function
 * @arg: its argument
 *
 * The thread gets an 8 MiB stack: kernel stacks are small, but kernel-style test code is
 * often not.
 *
 * Return: 0, or a negative errno (-ENOMEM, or pthread_create()'s error).
 */
int host_thread_create(struct host_thread **thread, void *(*fn)(void *), void *arg)
{
	struct host_thread *t = malloc(sizeof(*t));
	pthread_attr_t attr;
	int err;

	if (!t)
		return -ENOMEM;
	pthread_attr_init(&attr);
	/* kernel stacks are small, but kernel-style test code is often not: be generous. */
	pthread_attr_setstacksize(&attr, 8u << 20);
	err = pthread_create(&t->tid, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	if (err) {
		free(t);
		return -err;
	}
	*thread = t;
	return 0;
}

/**
 * host_thread_join - wait for @thread to end and release its handle
 * @thread: the handle from host_thread_create()
 *
 * Return: what the thread's function returned (or passed to host_thread_exit()).
 */
void *host_thread_join(struct host_thread *thread)
{
	void *ret = NULL;

	pthread_join(thread->tid, &ret);
	free(thread);
	return ret;
}

/**
 * host_thread_detach - let @thread's resources go when it ends (nobody will join it)
 * @thread: the handle from host_thread_create(); it is freed at once
 */
void host_thread_detach(struct host_thread *thread)
{
	pthread_detach(thread->tid);
	free(thread);
}

/**
 * host_gettid - the calling thread's kernel thread id
 *
 * Return: the TID (gettid()), which krt uses as the pid of the thread's task.
 */
int host_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

/**
 * host_getpid - the process id
 *
 * Return: getpid().
 */
int host_getpid(void)
{
	return (int)getpid();
}

/**
 * host_getuid - the real user id of the process
 *
 * Return: getuid().
 */
int host_getuid(void)
{
	return (int)getuid();
}

/**
 * host_thread_set_name - set the calling thread's name as seen by the host
 * @name: the name; only its first 15 characters are used (the host's limit)
 */
void host_thread_set_name(const char *name)
{
	char buf[16];

	strncpy(buf, name, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	prctl(PR_SET_NAME, buf, 0, 0, 0);
}

/**
 * host_thread_get_name - get the calling thread's host name into @buf
 * @buf: destination, NUL-terminated
 * @size: its size, at least 1 (a longer name is truncated)
 */
void host_thread_get_name(char *buf, size_t size)
{
	char tmp[17] = "";

	prctl(PR_GET_NAME, tmp, 0, 0, 0);
	strncpy(buf, tmp, size - 1);
	buf[size - 1] = '\0';
}

static pthread_key_t exit_key;
static pthread_once_t exit_key_once = PTHREAD_ONCE_INIT;

struct exit_hook {
	void (*fn)(void *);
	void *arg;
};

static void run_exit_hook(void *p)
{
	struct exit_hook *h = p;

	h->fn(h->arg);
	free(h);
}

static void make_exit_key(void)
{
	pthread_key_create(&exit_key, run_exit_hook);
}

/**
 * host_thread_on_exit - run @fn(@arg) when the calling thread exits
 * @fn: the hook
 * @arg: its argument
 *
 * One hook per thread: a second call replaces the earlier registration. The hook is a
 * thread-specific data destructor, so it runs when the thread returns from its function or
 * calls host_thread_exit(), not at process exit. If no memory is left for a first
 * registration, nothing is registered.
 */
void host_thread_on_exit(void (*fn)(void *), void *arg)
{
	struct exit_hook *h;

	pthread_once(&exit_key_once, make_exit_key);
	h = pthread_getspecific(exit_key);
	if (!h) {
		h = malloc(sizeof(*h));
		if (!h)
			return;
	}
	h->fn = fn;
	h->arg = arg;
	pthread_setspecific(exit_key, h);
}

/**
 * host_thread_exit - end the calling thread with @ret
 * @ret: what host_thread_join() returns
 *
 * The thread's on-exit hook runs. Does not return.
 */
void host_thread_exit(void *ret)
{
	pthread_exit(ret);
}

/* The calling thread's stack, found once per thread. */
static __thread uintptr_t stack_lo, stack_hi;

/**
 * host_thread_stack - the bounds of the calling thread's stack
 * @lo: set to its lowest address
 * @hi: set to one past its highest address
 *
 * The whole region the stack may use (for the main thread: up to its size limit), not only
 * the part in use. Found with pthread_getattr_np() on the first call of each thread, which
 * for the main thread reads /proc/self/maps; later calls are two loads.
 *
 * Return: 0, or a negative errno when the host cannot tell (@lo and @hi are then 0).
 */
int host_thread_stack(uintptr_t *lo, uintptr_t *hi)
{
	pthread_attr_t attr;
	void *addr;
	size_t size;
	int err;

	if (!stack_hi) {
		err = pthread_getattr_np(pthread_self(), &attr);
		if (err) {
			*lo = *hi = 0;
			return -err;
		}
		err = pthread_attr_getstack(&attr, &addr, &size);
		pthread_attr_destroy(&attr);
		if (err) {
			*lo = *hi = 0;
			return -err;
		}
		stack_lo = (uintptr_t)addr;
		stack_hi = (uintptr_t)addr + size;
	}
	*lo = stack_lo;
	*hi = stack_hi;
	return 0;
}

/**
 * host_yield - give the processor to another thread (sched_yield())
 */
void host_yield(void)
{
	sched_yield();
}

/**
 * host_ncpus - the number of online CPUs
 *
 * Return: the host's count, at least 1.
 */
int host_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

/**
 * host_current_cpu - the CPU the calling thread runs on now
 *
 * The host may move the thread as soon as this returns.
 *
 * Return: the CPU number, or 0 if the host cannot tell.
 */
int host_current_cpu(void)
{
	int cpu = sched_getcpu();

	return cpu < 0 ? 0 : cpu;
}
