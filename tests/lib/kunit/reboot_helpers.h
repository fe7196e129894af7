/* SPDX-License-Identifier: MIT */
/*
 * Tests of boot parameters: krt reads its command line once, at boot, so such a test runs some
 * of its own cases again in a fresh copy of the test binary booted with another KRT_CMDLINE.
 */
#ifndef _TESTS_KUNIT_REBOOT_HELPERS_H
#define _TESTS_KUNIT_REBOOT_HELPERS_H

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "arch/host/host.h"

struct krt_test_reboot {
	const char *filter;		/* --filter= of the cases to run */
	const char *cmdline;		/* KRT_CMDLINE of the new boot */
	const char *const *env;		/* NAME=value strings for it, NULL-terminated */
	char log[128];			/* its output */
};

static void krt_test_reboot_child(void *arg)
{
	struct krt_test_reboot *rb = arg;
	char filter[160];
	char *argv[] = { "krt-tests", filter, NULL };
	const char *const *e;
	int fd;

	snprintf(filter, sizeof(filter), "--filter=%s", rb->filter);
	fd = open(rb->log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	setenv("KRT_CMDLINE", rb->cmdline, 1);
	for (e = rb->env; e && *e; e++)
		putenv((char *)*e);
	execv("/proc/self/exe", argv);
	host_exit_now(126);
}

/*
 * krt_test_reboot - run @rb->filter's cases in a fresh boot with @rb->cmdline; @rb->log keeps the
 * output of a run that failed (a passed run's is removed). Return: its exit status.
 */
static inline int krt_test_reboot(struct krt_test_reboot *rb)
{
	int status, signo;

	status = host_run_in_child(krt_test_reboot_child, rb, &signo);
	if (status == 0)
		unlink(rb->log);
	return status;
}

#endif /* _TESTS_KUNIT_REBOOT_HELPERS_H */
