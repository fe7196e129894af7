// SPDX-License-Identifier: MIT
/* jiffies and the ktime clocks, derived from the host's monotonic and real-time clocks. */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/kernel.h>

#include "arch/host/host.h"

static u64 boot_mono_ns;

/* Called first thing at boot: jiffies and printk times count from here. */
void krt_time_init(void)
{
	if (!boot_mono_ns)
		boot_mono_ns = host_clock_mono_ns();
}

u64 get_jiffies_64(void)
{
	u64 now = host_clock_mono_coarse_ns();
	u64 base = READ_ONCE(boot_mono_ns);

	if (unlikely(!base || now < base))
		return INITIAL_JIFFIES;
	return INITIAL_JIFFIES + (now - base) / (NSEC_PER_SEC / HZ);
}

u64 local_clock(void)
{
	u64 base = READ_ONCE(boot_mono_ns);
	u64 now = host_clock_mono_ns();

	return base && now > base ? now - base : 0;
}

ktime_t ktime_get(void)
{
	return (ktime_t)host_clock_mono_ns();
}

ktime_t ktime_get_boottime(void)
{
	return (ktime_t)host_clock_mono_ns();
}

ktime_t ktime_get_real(void)
{
	return (ktime_t)host_clock_real_ns();
}

void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get());
}

void ktime_get_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_real());
}

unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (MSEC_PER_SEC / HZ) * j;
}

unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (USEC_PER_SEC / HZ) * j;
}

u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * (NSEC_PER_SEC / HZ);
}

u64 jiffies64_to_nsecs(u64 j)
{
	return j * (NSEC_PER_SEC / HZ);
}

u64 jiffies64_to_msecs(u64 j)
{
	return j * (MSEC_PER_SEC / HZ);
}

/* Conversions round up, so that a timeout is never shorter than asked for. */
unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}

unsigned long usecs_to_jiffies(const unsigned int u)
{
	if (u > jiffies_to_usecs(MAX_JIFFY_OFFSET))
		return MAX_JIFFY_OFFSET;
	return (u + (USEC_PER_SEC / HZ) - 1) / (USEC_PER_SEC / HZ);
}

unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)nsecs_to_jiffies64(n);
}

u64 nsecs_to_jiffies64(u64 n)
{
	return n / (NSEC_PER_SEC / HZ);
}

/* Round an absolute time to a whole second (spreading timers a little, as the kernel). */
static unsigned long round_jiffies_common(unsigned long j, bool force_up)
{
	unsigned long original = j;
	unsigned long rem = j % HZ;

	if (rem < HZ / 4 && !force_up)
		j = j - rem;
	else
		j = j - rem + HZ;
	if (time_is_after_jiffies(j))
		return j;
	return original;
}

unsigned long round_jiffies(unsigned long j)
{
	return round_jiffies_common(j, false);
}

unsigned long round_jiffies_relative(unsigned long j)
{
	unsigned long j0 = jiffies;

	return round_jiffies_common(j + j0, false) - j0;
}

unsigned long round_jiffies_up(unsigned long j)
{
	return round_jiffies_common(j, true);
}

unsigned long round_jiffies_up_relative(unsigned long j)
{
	unsigned long j0 = jiffies;

	return round_jiffies_common(j + j0, true) - j0;
}
