/* SPDX-License-Identifier: MIT */
/*
 * Notifier chains: lists of callbacks, in priority order (higher first), called with an event.
 * Atomic chains are called under rcu_read_lock() (callbacks must not sleep) and registered
 * under a spinlock; blocking chains are called under an rw_semaphore (callbacks may sleep); raw
 * chains leave all locking to the caller. A callback returning a value with NOTIFY_STOP_MASK
 * ends the walk.
 */
#ifndef _LINUX_NOTIFIER_H
#define _LINUX_NOTIFIER_H

#include <linux/errno.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

struct notifier_block;

typedef int (*notifier_fn_t)(struct notifier_block *nb, unsigned long action, void *data);

struct notifier_block {
	notifier_fn_t notifier_call;
	struct notifier_block __rcu *next;
	int priority;
};

struct atomic_notifier_head {
	spinlock_t lock;
	struct notifier_block __rcu *head;
};

struct blocking_notifier_head {
	struct rw_semaphore rwsem;
	struct notifier_block __rcu *head;
};

struct raw_notifier_head {
	struct notifier_block __rcu *head;
};

#define ATOMIC_INIT_NOTIFIER_HEAD(name) do {	\
		spin_lock_init(&(name)->lock);	\
		(name)->head = NULL;		\
	} while (0)
#define BLOCKING_INIT_NOTIFIER_HEAD(name) do {	\
		init_rwsem(&(name)->rwsem);	\
		(name)->head = NULL;		\
	} while (0)
#define RAW_INIT_NOTIFIER_HEAD(name) do {	\
		(name)->head = NULL;		\
	} while (0)

#define ATOMIC_NOTIFIER_INIT(name) {				\
		.lock = __SPIN_LOCK_UNLOCKED(name.lock),	\
		.head = NULL }
#define BLOCKING_NOTIFIER_INIT(name) {				\
		.rwsem = __RWSEM_INITIALIZER((name).rwsem),	\
		.head = NULL }
#define RAW_NOTIFIER_INIT(name)	{				\
		.head = NULL }

#define ATOMIC_NOTIFIER_HEAD(name)				\
	struct atomic_notifier_head name = ATOMIC_NOTIFIER_INIT(name)
#define BLOCKING_NOTIFIER_HEAD(name)				\
	struct blocking_notifier_head name = BLOCKING_NOTIFIER_INIT(name)
#define RAW_NOTIFIER_HEAD(name)					\
	struct raw_notifier_head name = RAW_NOTIFIER_INIT(name)

int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *nb);
int blocking_notifier_chain_register(struct blocking_notifier_head *nh,
				     struct notifier_block *nb);
int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *nb);

int atomic_notifier_chain_register_unique_prio(struct atomic_notifier_head *nh,
					       struct notifier_block *nb);
int blocking_notifier_chain_register_unique_prio(struct blocking_notifier_head *nh,
						 struct notifier_block *nb);

int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *nb);
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *nb);
int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *nb);

int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v);
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v);
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val, void *v);

int blocking_notifier_call_chain_robust(struct blocking_notifier_head *nh, unsigned long val_up,
					unsigned long val_down, void *v);
int raw_notifier_call_chain_robust(struct raw_notifier_head *nh, unsigned long val_up,
				   unsigned long val_down, void *v);

bool atomic_notifier_call_chain_is_empty(struct atomic_notifier_head *nh);

#define NOTIFY_DONE		0x0000		/* Don't care */
#define NOTIFY_OK		0x0001		/* Suits me */
#define NOTIFY_STOP_MASK	0x8000		/* Don't call further */
#define NOTIFY_BAD		(NOTIFY_STOP_MASK | 0x0002)	/* Bad/Veto action */
/* Clean way to return from the notifier and stop further calls. */
#define NOTIFY_STOP		(NOTIFY_OK | NOTIFY_STOP_MASK)

/* Encapsulate a (negative) errno in a notifier return value (NOTIFY_BAD <=> -EPERM). */
static inline int notifier_from_errno(int err)
{
	if (err)
		return NOTIFY_STOP_MASK | (NOTIFY_OK - err);
	return NOTIFY_OK;
}

/* The (negative) errno a notifier return value carries, 0 if none. */
static inline int notifier_to_errno(int ret)
{
	ret &= ~NOTIFY_STOP_MASK;
	return ret > NOTIFY_OK ? NOTIFY_OK - ret : 0;
}

#define NETLINK_URELEASE	0x0001	/* Unicast netlink socket released */

#define KBD_KEYCODE		0x0001	/* Keyboard keycode, called before any other */
/* Keyboard keycode which is not bound to any other */
#define KBD_UNBOUND_KEYCODE	0x0002
#define KBD_UNICODE		0x0003	/* Keyboard unicode */
#define KBD_KEYSYM		0x0004	/* Keyboard keysym */
/* Called after keyboard keysym interpretation */
#define KBD_POST_KEYSYM		0x0005

extern struct blocking_notifier_head reboot_notifier_list;

#endif /* _LINUX_NOTIFIER_H */
