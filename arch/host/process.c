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

/**
 * host_write_err - write @len bytes of @buf to standard error
 * @buf: the bytes
 * @len: how many
 *
 * Unbuffered: straight to the file descriptor. Interrupted writes are resumed; after a write
 * error the rest is dropped.
 */
void host_write_err(const char *buf, size_t len)
{
	write_all(STDERR_FILENO, buf, len);
}

/**
 * host_write_out - write @len bytes of @buf to standard output
 * @buf: the bytes
 * @len: how many
 *
 * stdio's buffered stdout is flushed first, so that the bytes stay in order with printf()
 * output; then they go straight to the file descriptor, like host_write_err().
 */
void host_write_out(const char *buf, size_t len)
{
	fflush(stdout);
	write_all(STDOUT_FILENO, buf, len);
}

/**
 * host_getenv - read an environment variable
 * @name: its name
 *
 * Return: its value, or NULL if it is not set.
 */
const char *host_getenv(const char *name)
{
	return getenv(name);
}

/**
 * host_abort - end the process abnormally, with abort()
 *
 * Standard output is flushed first, so that buffered test output is not lost. Does not return.
 */
void host_abort(void)
{
	fflush(stdout);
	abort();
}

/**
 * host_exit - end the process normally with @code
 * @code: the exit status
 *
 * atexit handlers run (after boot, krt's module_exit() functions among them). Does not return.
 */
void host_exit(int code)
{
	exit(code);
}

/**
 * host_exit_now - end the process at once with @code, without atexit handlers
 * @code: the exit status
 *
 * For host_run_in_child() children. stdout and stderr are flushed first. Does not return.
 */
void host_exit_now(int code)
{
	fflush(stdout);
	fflush(stderr);
	_exit(code);
}

/**
 * host_atexit - run @fn at normal process exit
 * @fn: the handler
 *
 * Return: 0, or non-zero if @fn could not be registered (atexit()).
 */
int host_atexit(void (*fn)(void))
{
	return atexit(fn);
}

/**
 * host_atfork - install fork handlers (pthread_atfork())
 * @prepare: run before fork(), in the forking thread
 * @parent: run in the parent after fork()
 * @child: run in the child after fork()
 *
 * Any of them may be NULL.
 *
 * Return: 0, or a negative errno.
 */
int host_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void))
{
	return -pthread_atfork(prepare, parent, child);
}

/**
 * host_getrandom - fill @buf with random bytes from the host
 * @buf: destination
 * @len: how many bytes
 *
 * getrandom(), resumed after interruptions and short reads. A failure aborts the process:
 * there is no error to return.
 */
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

/**
 * host_run_in_child - run @fn(@arg) in a forked child and wait for it
 * @fn: the function; the child exits with 0 when it returns
 * @arg: its argument
 * @signo: if not NULL, where to store the signal that killed the child (0 if it exited)
 *
 * stdout and stderr are flushed before the fork, so that buffered output is not written
 * twice. The child's stdout and stderr are the parent's.
 *
 * Return: the child's exit status (0..255), or 128 + the signal number when a signal killed
 * it; -errno if the fork or the wait failed.
 */
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
