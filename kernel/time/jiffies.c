// SPDX-License-Identifier: MIT
/* jiffies and the ktime clocks, derived from the host's monotonic and real-time clocks. */
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/kernel.h>

#include "arch/host/host.h"

static u64 boot_mono_ns;

/**
 * krt_time_init - record the boot time on the host's monotonic clock
 *
 * Called first thing at boot: jiffies and printk times count from here. Only the first call
 * takes effect.
 */
void krt_time_init(void)
{
	if (!boot_mono_ns)
		boot_mono_ns = host_clock_mono_ns();
}

/**
 * get_jiffies_64 - the jiffies counter
 *
 * krt has no timer tick: the count is computed from the host's coarse monotonic clock (cheap,
 * with the host's tick resolution) and the boot time.
 *
 * Return: INITIAL_JIFFIES plus the ticks elapsed since krt_time_init(); INITIAL_JIFFIES before
 * boot, or while the coarse clock still reads earlier than the boot time.
 */
u64 get_jiffies_64(void)
{
	u64 now = host_clock_mono_coarse_ns();
	u64 base = READ_ONCE(boot_mono_ns);

	if (unlikely(!base || now < base))
		return INITIAL_JIFFIES;
	return INITIAL_JIFFIES + (now - base) / (NSEC_PER_SEC / HZ);
}

/**
 * local_clock - nanoseconds since boot, the clock of printk timestamps
 *
 * Return: the monotonic time elapsed since krt_time_init(), or 0 before boot.
 */
u64 local_clock(void)
{
	u64 base = READ_ONCE(boot_mono_ns);
	u64 now = host_clock_mono_ns();

	return base && now > base ? now - base : 0;
}

/**
 * ktime_get - read the monotonic clock
 *
 * Return: the host's CLOCK_MONOTONIC time in nanoseconds (not relative to krt's boot).
 */
ktime_t ktime_get(void)
{
	return (ktime_t)host_clock_mono_ns();
}

/**
 * ktime_get_boottime - read the boot-time clock
 *
 * krt reads the host's monotonic clock here too, so time the host spent suspended is not
 * counted as the kernel's CLOCK_BOOTTIME would.
 *
 * Return: the same value as ktime_get().
 */
ktime_t ktime_get_boottime(void)
{
	return (ktime_t)host_clock_mono_ns();
}

/**
 * ktime_get_real - read the wall clock
 *
 * Return: the host's CLOCK_REALTIME in nanoseconds since the Unix epoch.
 */
ktime_t ktime_get_real(void)
{
	return (ktime_t)host_clock_real_ns();
}

/**
 * ktime_get_ts64 - read the monotonic clock into a timespec64
 * @ts: where to store ktime_get()
 */
void ktime_get_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get());
}

/**
 * ktime_get_real_ts64 - read the wall clock into a timespec64
 * @ts: where to store ktime_get_real()
 */
void ktime_get_real_ts64(struct timespec64 *ts)
{
	*ts = ns_to_timespec64(ktime_get_real());
}

/**
 * jiffies_to_msecs - convert jiffies to milliseconds
 * @j: jiffies
 *
 * Return: @j * (MSEC_PER_SEC / HZ), truncated to unsigned int.
 */
unsigned int jiffies_to_msecs(const unsigned long j)
{
	return (MSEC_PER_SEC / HZ) * j;
}

/**
 * jiffies_to_usecs - convert jiffies to microseconds
 * @j: jiffies
 *
 * Return: @j * (USEC_PER_SEC / HZ), truncated to unsigned int.
 */
unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (USEC_PER_SEC / HZ) * j;
}

/**
 * jiffies_to_nsecs - convert jiffies to nanoseconds
 * @j: jiffies
 *
 * Return: @j * (NSEC_PER_SEC / HZ), computed in 64 bits.
 */
u64 jiffies_to_nsecs(const unsigned long j)
{
	return (u64)j * (NSEC_PER_SEC / HZ);
}

/**
 * jiffies64_to_nsecs - convert a 64-bit jiffies count to nanoseconds
 * @j: jiffies
 *
 * Return: @j * (NSEC_PER_SEC / HZ).
 */
u64 jiffies64_to_nsecs(u64 j)
{
	return j * (NSEC_PER_SEC / HZ);
}

/**
 * jiffies64_to_msecs - convert a 64-bit jiffies count to milliseconds
 * @j: jiffies
 *
 * Return: @j * (MSEC_PER_SEC / HZ).
 */
u64 jiffies64_to_msecs(u64 j)
{
	return j * (MSEC_PER_SEC / HZ);
}

/**
 * msecs_to_jiffies - convert milliseconds to jiffies, rounding up
 * @m: milliseconds
 *
 * Conversions round up, so that a timeout is never shorter than asked for.
 *
 * Return: the jiffies that cover @m, or MAX_JIFFY_OFFSET when @m is negative as an int.
 */
unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	return (m + (MSEC_PER_SEC / HZ) - 1) / (MSEC_PER_SEC / HZ);
}

/**
 * usecs_to_jiffies - convert microseconds to jiffies, rounding up
 * @u: microseconds
 *
 * Rounds up like msecs_to_jiffies(), so that a timeout is never shorter than asked for.
 *
 * Return: the jiffies that cover @u, or MAX_JIFFY_OFFSET when @u exceeds
 * jiffies_to_usecs(MAX_JIFFY_OFFSET) (the kernel's limit check).
 */
unsigned long usecs_to_jiffies(const unsigned int u)
{
	if (u > jiffies_to_usecs(MAX_JIFFY_OFFSET))
		return MAX_JIFFY_OFFSET;
	return (u + (USEC_PER_SEC / HZ) - 1) / (USEC_PER_SEC / HZ);
}

/**
 * nsecs_to_jiffies - convert nanoseconds to jiffies, rounding down
 * @n: nanoseconds
 *
 * Unlike msecs_to_jiffies() this truncates: it is nsecs_to_jiffies64() as an unsigned long.
 *
 * Return: the whole jiffies in @n.
 */
unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)nsecs_to_jiffies64(n);
}

/**
 * nsecs_to_jiffies64 - convert nanoseconds to a 64-bit jiffies count, rounding down
 * @n: nanoseconds
 *
 * Return: @n / (NSEC_PER_SEC / HZ).
 */
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

/**
 * round_jiffies - round an absolute jiffies time to a whole second (a multiple of HZ)
 * @j: the time, in jiffies
 *
 * For timeouts that need no precision: rounded ones expire together, on whole seconds. Less
 * than a quarter of a second past a whole second rounds down, anything else rounds up.
 *
 * Return: the rounded time, or @j itself if the rounded time is not in the future.
 */
unsigned long round_jiffies(unsigned long j)
{
	return round_jiffies_common(j, false);
}

/**
 * round_jiffies_relative - round a delay so that it ends on a whole second
 * @j: the delay from now, in jiffies
 *
 * round_jiffies() applied to now + @j.
 *
 * Return: the delay to the rounded time, or @j itself if the rounded time is not in the future.
 */
unsigned long round_jiffies_relative(unsigned long j)
{
	unsigned long j0 = jiffies;

	return round_jiffies_common(j + j0, false) - j0;
}

/**
 * round_jiffies_up - round an absolute jiffies time up to the next whole second
 * @j: the time, in jiffies
 *
 * Like round_jiffies(), but never rounds down: an exact whole second also moves on by one
 * second.
 *
 * Return: the rounded time, or @j itself if the rounded time is not in the future.
 */
unsigned long round_jiffies_up(unsigned long j)
{
	return round_jiffies_common(j, true);
}

/**
 * round_jiffies_up_relative - round a delay up so that it ends on the next whole second
 * @j: the delay from now, in jiffies
 *
 * round_jiffies_up() applied to now + @j.
 *
 * Return: the delay to the rounded time, or @j itself if the rounded time is not in the future.
 */
unsigned long round_jiffies_up_relative(unsigned long j)
{
	unsigned long j0 = jiffies;

	return round_jiffies_common(j + j0, true) - j0;
}
