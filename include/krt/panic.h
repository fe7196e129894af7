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

/*
 * krt_clear_warn_once - re-arm every WARN_ONCE(), printk_once(), RCU_LOCKDEP_WARN() ... (what
 * writing to the kernel's /sys/kernel/debug/clear_warn_once does).
 *
 * The once-flags sit in the section "krt_data_once" of each module (program or shared
 * library); this inline clears the calling module's and krt's own.
 */
extern char __start_krt_data_once[] __attribute__((__weak__, __visibility__("hidden")));
extern char __stop_krt_data_once[] __attribute__((__weak__, __visibility__("hidden")));
void krt_clear_warn_once_range(char *start, char *stop);
void krt_clear_warn_once_krt(void);

static inline void krt_clear_warn_once(void)
{
	krt_clear_warn_once_range(__start_krt_data_once, __stop_krt_data_once);
	krt_clear_warn_once_krt();
}

/* Number of WARN reports so far (all threads). */
unsigned long krt_warn_count(void);

#endif /* _KRT_PANIC_H */
