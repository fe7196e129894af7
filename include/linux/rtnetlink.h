/* SPDX-License-Identifier: MIT */
/*
 * The rtnl mutex: the lock that serialises every network device configuration change. The
 * system UAPI header supplies the netlink message definitions; this one adds the kernel side.
 * rtnl_unlock() is where the second half of device unregistration runs (netdev_run_todo).
 */
#ifndef _KRT_LINUX_RTNETLINK_H
#define _KRT_LINUX_RTNETLINK_H

#include_next <linux/rtnetlink.h>

#include <linux/bug.h>
#include <linux/mutex.h>
#include <linux/refcount.h>

void rtnl_lock(void);
void rtnl_unlock(void);
void __rtnl_unlock(void);
int rtnl_trylock(void);
int rtnl_lock_killable(void);
int rtnl_is_locked(void);
bool refcount_dec_and_rtnl_lock(refcount_t *r);

/* rtnl_dereference() and friends: the pointer is protected by RTNL. */
#define rtnl_dereference(p)		rcu_dereference_protected(p, lockdep_rtnl_is_held())
#define rcu_dereference_rtnl(p)		rcu_dereference_check(p, lockdep_rtnl_is_held())
#define rtnl_dereference_protected(p)	rtnl_dereference(p)
bool lockdep_rtnl_is_held(void);

/**
 * ASSERT_RTNL - warn once when the caller does not hold the rtnl mutex
 */
#define ASSERT_RTNL()									\
	WARN_ONCE(!rtnl_is_locked(), "RTNL: assertion failed at %s (%d)\n", __FILE__, __LINE__)

#endif /* _KRT_LINUX_RTNETLINK_H */
