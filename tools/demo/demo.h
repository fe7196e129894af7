/* SPDX-License-Identifier: MIT */
/*
 * make demo: what the chapters share. demo.c runs the chapters in order; a chapter that needs
 * its own boot parameters (gfp.c: a small mem=) runs in a child process started by demo.c.
 */
#ifndef _KRT_TOOLS_DEMO_H
#define _KRT_TOOLS_DEMO_H

#include <linux/compiler.h>

/* Print a chapter's title and what it is about. */
void chapter(int n, const char *title, const char *what);

/* A step of a chapter: @flags in bold, then @fmt (which starts with its own punctuation). */
void step(const char *flags, const char *fmt, ...) __printf(2, 3);

/* The argument that makes the demo binary run the GFP chapter (in the child). */
#define DEMO_GFP_ARG		"--gfp-chapter"
/* The boot parameters the GFP chapter's child gets in KRT_CMDLINE. */
#define DEMO_GFP_CMDLINE	"mem=64M"

/* The GFP chapter, numbered @n: boots krt from KRT_CMDLINE and runs. Returns the exit code. */
int demo_gfp_chapter(int n);

/* The slab chapter, numbered @n: runs in the demo's own process. */
void demo_slab_chapter(int n);

#endif /* _KRT_TOOLS_DEMO_H */
