// SPDX-License-Identifier: MIT
/*
 * Host page faults (SIGSEGV) handed to krt before the process dies, so that a fault in krt's
 * memory (a vmalloc guard page, a freed area) can be reported the kernel's way. The handler
 * runs once: it puts the previous action back (a sanitizer's handler, or the default), so
 * returning re-faults and the fault goes where it would have gone.
 */
#include <signal.h>
#include <stdbool.h>
#include <string.h>
#include <ucontext.h>

#include "arch/host/host.h"

static void (*fault_report)(unsigned long addr, unsigned long error_code);
/* What SIGSEGV did before (a sanitizer's handler, or the default): it gets the fault next. */
static struct sigaction old_action;

static void segv_handler(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	unsigned long error_code = 0;

#ifdef REG_ERR
	/* x86's page-fault error code: bit 0 present, bit 1 write, bit 2 user, bit 4 fetch. */
	error_code = (unsigned long)uc->uc_mcontext.gregs[REG_ERR];
#else
	(void)uc;
#endif
	sigaction(sig, &old_action, NULL);
	if (fault_report)
		fault_report((unsigned long)info->si_addr, error_code);
}

/**
 * host_fault_handler_set - have @report called with the address and error code of a fault
 * @report: the callback; it runs in the signal handler of the faulting thread
 *
 * Return: 0, or a negative errno.
 */
int host_fault_handler_set(void (*report)(unsigned long addr, unsigned long error_code))
{
	struct sigaction sa;

	fault_report = report;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = segv_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	return sigaction(SIGSEGV, &sa, &old_action) ? -1 : 0;
}
