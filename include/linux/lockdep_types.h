/* SPDX-License-Identifier: MIT */
#ifndef __LINUX_LOCKDEP_TYPES_H
#define __LINUX_LOCKDEP_TYPES_H

#include <linux/types.h>

#define MAX_LOCK_DEPTH 48UL

/* Lockdep wait types, printed as "{inner:outer}" in held-lock listings. */
enum lockdep_wait_type {
	LD_WAIT_INV = 0,
	LD_WAIT_FREE,
	LD_WAIT_SPIN,
	LD_WAIT_CONFIG = LD_WAIT_SPIN,
	LD_WAIT_SLEEP,
	LD_WAIT_MAX,
};

/*
 * One lock the task holds. krt's lockdep does not build the dependency graph; it keeps the
 * held-lock stack per task, which answers lockdep_assert_held() exactly and prints the
 * "N locks held by" listing of the kernel's reports.
 */
struct held_lock {
	const void *instance;
	const char *name;
	unsigned long acquire_ip;
	unsigned char read;		/* 0 exclusive, 1 shared, 2 shared-recursive */
	unsigned char wait_type;	/* enum lockdep_wait_type */
};

/* A lock class without a lock: what lock_map_acquire() and friends name. */
struct lockdep_map {
	const char *name;
	unsigned char wait_type_inner;
};

struct lock_class_key {
	char dummy;
};

#define STATIC_LOCKDEP_MAP_INIT(_name, _key) { .name = (_name) }

#endif /* __LINUX_LOCKDEP_TYPES_H */
