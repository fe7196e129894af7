// SPDX-License-Identifier: MIT
/* Host clocks and sleeping. */
#include <errno.h>
#include <time.h>

#include "arch/host/host.h"

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/**
 * host_clock_mono_ns - read the host's monotonic clock
 *
 * Return: CLOCK_MONOTONIC in nanoseconds.
 */
uint64_t host_clock_mono_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

/**
 * host_clock_mono_coarse_ns - read the monotonic clock with tick resolution
 *
 * Cheaper than host_clock_mono_ns(), and enough for jiffies.
 *
 * Return: CLOCK_MONOTONIC_COARSE in nanoseconds.
 */
uint64_t host_clock_mono_coarse_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC_COARSE);
}

/**
 * host_clock_real_ns - read the host's wall clock
 *
 * Return: CLOCK_REALTIME in nanoseconds since the Unix epoch.
 */
uint64_t host_clock_real_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

/**
 * host_sleep_ns - sleep the calling thread for @ns nanoseconds
 * @ns: how long
 *
 * An interrupted sleep is resumed for the time that was left.
 */
void host_sleep_ns(uint64_t ns)
{
	struct timespec ts = { .tv_sec = ns / 1000000000ull, .tv_nsec = ns % 1000000000ull };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}
