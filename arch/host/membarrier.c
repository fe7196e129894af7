// SPDX-License-Identifier: MIT
/*
 * sys_membarrier: a full memory barrier on every running thread of the process, so that hot
 * paths can use plain stores where a rare other side pays for the ordering (the page
 * allocator's per-thread lists, as liburcu's memb flavour does for RCU readers).
 */
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arch/host/host.h"

/**
 * host_membarrier_init - make host_membarrier() usable for this process
 *
 * Return: true if the host supports private expedited membarriers (they then work from now
 * on), false if callers must use real barriers on both sides instead.
 */
bool host_membarrier_init(void)
{
	long cmds = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);

	if (cmds < 0 || !(cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED))
		return false;
	return syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
}

/**
 * host_membarrier - run a full memory barrier on every thread of the process now running
 *
 * Only after host_membarrier_init() returned true. Return: 0 or a negative errno.
 */
int host_membarrier(void)
{
	return syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) ? -1 : 0;
}
