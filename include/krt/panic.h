/* SPDX-License-Identifier: MIT */
#ifndef _KRT_PANIC_H
#define _KRT_PANIC_H

#include <linux/compiler.h>

/*
 * Called after a BUG()/oops report, before the process would abort. The KUnit runner installs
 * one that fails and ends the current test case (it does not return then). If it returns, the
 * process aborts.
 */
extern void (*krt_die_hook)(const char *reason);

/* Number of WARN reports so far (all threads). */
unsigned long krt_warn_count(void);

#endif /* _KRT_PANIC_H */
