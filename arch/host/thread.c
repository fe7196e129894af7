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

void *host_thread_join(struct host_thread *thread)
{
	void *ret = NULL;

	pthread_join(thread->tid, &ret);
	free(thread);
	return ret;
}

void host_thread_detach(struct host_thread *thread)
{
	pthread_detach(thread->tid);
	free(thread);
}

int host_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

int host_getpid(void)
{
	return (int)getpid();
}

int host_getuid(void)
{
	return (int)getuid();
}

void host_thread_set_name(const char *name)
{
	char buf[16];

	strncpy(buf, name, sizeof(buf) - 1);
	buf[sizeof(buf) - 1] = '\0';
	prctl(PR_SET_NAME, buf, 0, 0, 0);
}

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

void host_thread_exit(void *ret)
{
	pthread_exit(ret);
}

void host_yield(void)
{
	sched_yield();
}

int host_ncpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

int host_current_cpu(void)
{
	int cpu = sched_getcpu();

	return cpu < 0 ? 0 : cpu;
}
