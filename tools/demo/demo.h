/* SPDX-License-Identifier: MIT */
/*
 * make demo: what the chapters share. demo.c runs the chapters in order (`demo N` runs chapter
 * N alone); a chapter that needs its own boot parameters (gfp.c: a small mem=; vmalloc.c's
 * guard-page hit: a reporting option) runs in a child process started by demo_run_child().
 */
#ifndef _KRT_TOOLS_DEMO_H
#define _KRT_TOOLS_DEMO_H

#include <linux/compiler.h>

/* Print a chapter's title and what it is about. */
void chapter(int n, const char *title, const char *what);

/* A step of a chapter: @flags in bold, then @fmt (which starts with its own punctuation). */
void step(const char *flags, const char *fmt, ...) __printf(2, 3);

/*
 * Run this program again with @arg and @n as its arguments and @params added to KRT_CMDLINE;
 * wait (30 s at most). Returns 0 with the child's wait status in *@status, or -1 (said).
 */
int demo_run_child(const char *arg, int n, const char *params, int *status);

/* The argument that makes the demo binary run the GFP chapter (in the child). */
#define DEMO_GFP_ARG		"--gfp-chapter"
/* The boot parameters the GFP chapter's child gets in KRT_CMDLINE. */
#define DEMO_GFP_CMDLINE	"mem=64M"

/* The GFP chapter, numbered @n: boots krt from KRT_CMDLINE and runs. Returns the exit code. */
int demo_gfp_chapter(int n);

/* The slab chapter, numbered @n: runs in the demo's own process. */
void demo_slab_chapter(int n);

/* The argument that makes the demo binary the vmalloc chapter's guard-page child. */
#define DEMO_VMALLOC_GUARD_ARG		"--vmalloc-guard-child"
/* The boot parameters that child gets in KRT_CMDLINE: faults in the vmalloc range reported. */
#define DEMO_VMALLOC_GUARD_CMDLINE	"vmalloc_fault_report"

/* The vmalloc chapter, numbered @n: runs in the demo's own process, plus one child. */
void demo_vmalloc_chapter(int n);

/* The guard-page child (chapter @n): boots krt from KRT_CMDLINE, overruns an area, dies. */
int demo_vmalloc_guard_child(int n);

/* The netdev chapter, numbered @n: runs in the demo's own process. */
void demo_netdev_chapter(int n);

#endif /* _KRT_TOOLS_DEMO_H */
