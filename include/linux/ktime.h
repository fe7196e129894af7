/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_KTIME_H
#define _LINUX_KTIME_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/time64.h>
#include <linux/jiffies.h>

/* Nanoseconds of CLOCK_MONOTONIC. */
ktime_t ktime_get(void);
/* Nanoseconds of CLOCK_REALTIME. */
ktime_t ktime_get_real(void);
ktime_t ktime_get_boottime(void);
#define ktime_get_raw() ktime_get()
#define ktime_get_coarse() ktime_get()
#define ktime_get_ns() ((u64)ktime_get())
#define ktime_get_real_ns() ((u64)ktime_get_real())
#define ktime_get_boottime_ns() ((u64)ktime_get_boottime())
#define ktime_get_mono_fast_ns() ktime_get_ns()
#define ktime_get_raw_ns() ktime_get_ns()
#define ktime_get_seconds() ((time64_t)(ktime_get() / NSEC_PER_SEC))
#define ktime_get_real_seconds() ((time64_t)(ktime_get_real() / NSEC_PER_SEC))
u64 local_clock(void);
#define sched_clock() local_clock()

static inline ktime_t ktime_set(const s64 secs, const unsigned long nsecs)
{
	if (unlikely(secs >= KTIME_SEC_MAX))
		return KTIME_MAX;
	return secs * NSEC_PER_SEC + (s64)nsecs;
}

#define ktime_sub(lhs, rhs) ((lhs) - (rhs))
#define ktime_add(lhs, rhs) ((lhs) + (rhs))
#define ktime_add_unsafe(lhs, rhs) ((u64)(lhs) + (rhs))
#define ktime_add_ns(kt, nsval) ((kt) + (nsval))
#define ktime_sub_ns(kt, nsval) ((kt) - (nsval))
#define ktime_to_timespec64(kt) ns_to_timespec64((kt))

static inline s64 ktime_to_ns(const ktime_t kt)
{
	return kt;
}

static inline ktime_t ns_to_ktime(u64 ns)
{
	return ns;
}

static inline ktime_t ms_to_ktime(u64 ms)
{
	return ms * NSEC_PER_MSEC;
}

static inline ktime_t us_to_ktime(u64 us)
{
	return us * NSEC_PER_USEC;
}

static inline s64 ktime_to_us(const ktime_t kt)
{
	return kt / NSEC_PER_USEC;
}

static inline s64 ktime_to_ms(const ktime_t kt)
{
	return kt / NSEC_PER_MSEC;
}

static inline s64 ktime_us_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_us(ktime_sub(later, earlier));
}

static inline s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_ms(ktime_sub(later, earlier));
}

static inline int ktime_compare(const ktime_t cmp1, const ktime_t cmp2)
{
	if (cmp1 < cmp2)
		return -1;
	if (cmp1 > cmp2)
		return 1;
	return 0;
}

static inline bool ktime_after(const ktime_t cmp1, const ktime_t cmp2)
{
	return ktime_compare(cmp1, cmp2) > 0;
}

static inline bool ktime_before(const ktime_t cmp1, const ktime_t cmp2)
{
	return ktime_compare(cmp1, cmp2) < 0;
}

static inline struct timespec64 ns_to_timespec64(s64 nsec)
{
	struct timespec64 ts = { 0, 0 };

	if (nsec) {
		ts.tv_sec = nsec / NSEC_PER_SEC;
		ts.tv_nsec = nsec % NSEC_PER_SEC;
		if (ts.tv_nsec < 0) {
			ts.tv_sec--;
			ts.tv_nsec += NSEC_PER_SEC;
		}
	}
	return ts;
}

static inline s64 timespec64_to_ns(const struct timespec64 *ts)
{
	return ts->tv_sec * NSEC_PER_SEC + ts->tv_nsec;
}

void ktime_get_ts64(struct timespec64 *ts);
void ktime_get_real_ts64(struct timespec64 *ts);

#endif /* _LINUX_KTIME_H */
