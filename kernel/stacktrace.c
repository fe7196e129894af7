// SPDX-License-Identifier: MIT
/*
 * Stack traces as arrays of return addresses. Capturing is the host's unwinder (DWARF call
 * frame information, so frames of code built without frame pointers are not lost); printing
 * symbolises each address with %pS.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/stacktrace.h>

#include "arch/host/host.h"

/**
 * stack_trace_print - print the entries of a stack trace, one per line
 * @entries: return addresses
 * @nr_entries: how many
 * @spaces: indentation (one more space is always printed)
 */
void stack_trace_print(const unsigned long *entries, unsigned int nr_entries, int spaces)
{
	unsigned int i;

	if (WARN_ON(!entries))
		return;
	for (i = 0; i < nr_entries; i++)
		printk("%*c%pS\n", 1 + spaces, ' ', (void *)entries[i]);
}

/**
 * stack_trace_snprint - print the entries of a stack trace into a buffer
 * @buf: the buffer
 * @size: its size
 * @entries: return addresses
 * @nr_entries: how many
 * @spaces: indentation (one more space is always printed)
 *
 * Stops at the first line that does not fit; that line is truncated and NUL-terminated.
 *
 * Return: the number of characters generated, including those of the truncated line.
 */
int stack_trace_snprint(char *buf, size_t size, const unsigned long *entries,
			unsigned int nr_entries, int spaces)
{
	unsigned int i, generated, total = 0;

	if (WARN_ON(!entries))
		return 0;
	for (i = 0; i < nr_entries && size; i++) {
		generated = snprintf(buf, size, "%*c%pS\n", 1 + spaces, ' ', (void *)entries[i]);
		total += generated;
		if (generated >= size) {
			buf += size;
			size = 0;
		} else {
			buf += generated;
			size -= generated;
		}
	}
	return total;
}

/**
 * stack_trace_save - save the calling thread's stack trace
 * @store: where to put the return addresses
 * @size: room in @store
 * @skipnr: how many frames to leave out above the caller of this function
 *
 * With @skipnr 0 the first entry is a return address in the function that called
 * stack_trace_save().
 *
 * Return: the number of entries stored.
 */
noinline unsigned int stack_trace_save(unsigned long *store, unsigned int size,
				       unsigned int skipnr)
{
	int n = host_stack_capture(store, (int)min(size, 1024U), (int)min(skipnr, 1024U) + 1);

	/* This frame is one of those skipped: it must not become a tail call. */
	barrier();
	return n > 0 ? n : 0;
}

/**
 * stack_trace_save_tsk - save a task's stack trace
 * @task: the task
 * @store: where to put the return addresses
 * @size: room in @store
 * @skipnr: frames to leave out
 *
 * krt can only walk the stack of the calling thread: for another task nothing is saved.
 *
 * Return: the number of entries stored.
 */
noinline unsigned int stack_trace_save_tsk(struct task_struct *task, unsigned long *store,
					   unsigned int size, unsigned int skipnr)
{
	int n;

	if (task != current)
		return 0;
	n = host_stack_capture(store, (int)min(size, 1024U), (int)min(skipnr, 1024U) + 1);
	barrier();
	return n > 0 ? n : 0;
}
