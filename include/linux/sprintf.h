/* SPDX-License-Identifier: MIT */
/*
 * The kernel's printf family (lib/vsprintf.c). Kernel code calling sprintf()/snprintf()/... gets
 * krt's implementation (with the %p extensions: %pS, %pe, %px, ...) through these macros; the
 * host's functions keep their names for non-kernel code.
 */
#ifndef _LINUX_KERNEL_SPRINTF_H_
#define _LINUX_KERNEL_SPRINTF_H_

#include <stdarg.h>
#include <linux/compiler_attributes.h>
#include <linux/types.h>

__printf(2, 3) int krt_sprintf(char *buf, const char *fmt, ...);
__printf(2, 0) int krt_vsprintf(char *buf, const char *fmt, va_list args);
__printf(3, 4) int krt_snprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int krt_vsnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(3, 4) int scnprintf(char *buf, size_t size, const char *fmt, ...);
__printf(3, 0) int vscnprintf(char *buf, size_t size, const char *fmt, va_list args);
__printf(2, 3) __malloc char *kasprintf(gfp_t gfp, const char *fmt, ...);
__printf(2, 0) __malloc char *kvasprintf(gfp_t gfp, const char *fmt, va_list args);
__printf(2, 0) const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list args);

int num_to_str(char *buf, int size, unsigned long long num, unsigned int width);

/*
 * sscanf()/vsscanf() are the host's: they accept every conversion the kernel's do. They are
 * declared here rather than through <stdio.h>, whose names (remove(), rename(), ...) kernel code
 * is free to use for its own functions.
 */
int sscanf(const char *str, const char *fmt, ...);
int vsscanf(const char *str, const char *fmt, va_list args);

/* These are for specific cases, do not use without real need. */
extern bool no_hash_pointers;
int no_hash_pointers_enable(char *str);
/* %pK: 0 hashes like %p, 1 and 2 print zeros. */
extern int kptr_restrict;

#define sprintf krt_sprintf
#define vsprintf krt_vsprintf
#define snprintf krt_snprintf
#define vsnprintf krt_vsnprintf

#endif /* _LINUX_KERNEL_SPRINTF_H_ */
