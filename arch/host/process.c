// SPDX-License-Identifier: MIT
/* The process: console output, environment, exit, randomness, child processes. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/host/host.h"

static void write_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(fd, buf, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		buf += n;
		len -= (size_t)n;
	}
}

void host_write_err(const char *buf, size_t len)
{
	write_all(STDERR_FILENO, buf, len);
}

void host_write_out(const char *buf, size_t len)
{
	fflush(stdout);
	write_all(STDOUT_FILENO, buf, len);
}

void host_flush_out(void)
{
	fflush(stdout);
}

const char *host_getenv(const char *name)
{
	return getenv(name);
}

const char *host_program_name(void)
{
	return program_invocation_short_name;
}

void host_abort(void)
{
	fflush(stdout);
	abort();
}

void host_exit(int code)
{
	exit(code);
}

void host_exit_now(int code)
{
	fflush(stdout);
	fflush(stderr);
	_exit(code);
}

int host_atexit(void (*fn)(void))
{
	return atexit(fn);
}

int host_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	return -pthread_atfork(prepare, parent, child);
}

void host_getrandom(void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			abort();
		}
		p += n;
		len -= (size_t)n;
	}
}

int host_run_in_child(void (*fn)(void *), void *arg, int *signo)
{
	int status;
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		fn(arg);
		fflush(stdout);
		_exit(0);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -errno;
	if (signo)
		*signo = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}
