/* SPDX-License-Identifier: MIT */
/*
 * jiffies at HZ=250, read from the host's monotonic clock. They start 5 minutes before the
 * 32-bit wrap, like the kernel's INITIAL_JIFFIES, so wrap bugs show up early here too.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/param.h>
#include <linux/limits.h>
#include <linux/typecheck.h>
#include <linux/time64.h>

#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))
#define TICK_NSEC ((NSEC_PER_SEC + HZ / 2) / HZ)
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

/* The current jiffies_64 value (computed from the monotonic clock). */
u64 get_jiffies_64(void);
#define jiffies ((unsigned long)get_jiffies_64())
#define jiffies_64 get_jiffies_64()

#define time_after(a, b)						\
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) &&	\
	 ((long)((b) - (a)) < 0))
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b)						\
	(typecheck(unsigned long, a) && typecheck(unsigned long, b) &&	\
	 ((long)((a) - (b)) >= 0))
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))
#define time_after64(a, b)						\
	(typecheck(__u64, a) && typecheck(__u64, b) && ((__s64)((b) - (a)) < 0))
#define time_before64(a, b) time_after64(b, a)
#define time_after_eq64(a, b)						\
	(typecheck(__u64, a) && typecheck(__u64, b) && ((__s64)((a) - (b)) >= 0))
#define time_before_eq64(a, b) time_after_eq64(b, a)
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)

unsigned int jiffies_to_msecs(const unsigned long j);
unsigned int jiffies_to_usecs(const unsigned long j);
u64 jiffies_to_nsecs(const unsigned long j);
u64 jiffies64_to_nsecs(u64 j);
u64 jiffies64_to_msecs(u64 j);
unsigned long msecs_to_jiffies(const unsigned int m);
unsigned long usecs_to_jiffies(const unsigned int u);
unsigned long nsecs_to_jiffies(u64 n);
u64 nsecs_to_jiffies64(u64 n);
#define secs_to_jiffies(_secs) (unsigned long)((_secs) * HZ)
unsigned long round_jiffies(unsigned long j);
unsigned long round_jiffies_relative(unsigned long j);
unsigned long round_jiffies_up(unsigned long j);
unsigned long round_jiffies_up_relative(unsigned long j);
#define jiffies_delta_to_msecs(delta) jiffies_to_msecs(max(0L, (long)(delta)))

#endif /* _LINUX_JIFFIES_H */
