/* SPDX-License-Identifier: MIT */
#ifndef LINUX_MM_DEBUG_H
#define LINUX_MM_DEBUG_H 1

#include <linux/bug.h>

/* A bit mask and its name, for printing flag words (%pG..., dump_page()). */
struct trace_print_flags {
	unsigned long mask;
	const char *name;
};

/* GFP flag names in the order %pGg prints them, ending with a NULL name. */
extern const struct trace_print_flags gfpflag_names[];

#endif /* LINUX_MM_DEBUG_H */
