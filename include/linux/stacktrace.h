/* SPDX-License-Identifier: MIT */
/*
 * Saving and printing stack traces (kernel/stacktrace.c): arrays of return addresses, printed
 * one "%pS" per line.
 */
#ifndef __LINUX_STACKTRACE_H
#define __LINUX_STACKTRACE_H

#include <linux/types.h>

struct task_struct;

void stack_trace_print(const unsigned long *trace, unsigned int nr_entries, int spaces);
int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces);
unsigned int stack_trace_save(unsigned long *store, unsigned int size, unsigned int skipnr);
unsigned int stack_trace_save_tsk(struct task_struct *task, unsigned long *store,
				  unsigned int size, unsigned int skipnr);

/*
 * krt: print @entries as the kernel's oops backtrace: "Call Trace:", " <TASK>", one
 * " function+0xoff/0xsize file:line" line per entry (%pBb), " </TASK>", each with @log_lvl.
 */
void krt_show_trace(const unsigned long *entries, unsigned int nr_entries, const char *log_lvl);

#endif /* __LINUX_STACKTRACE_H */
