// SPDX-License-Identifier: MIT
/*
 * Notifier chains. The chain is a singly linked list kept in descending priority order (equal
 * priorities in registration order) and published with rcu_assign_pointer(), so that atomic
 * chains can be walked under rcu_read_lock() while another CPU registers; unregistering from an
 * atomic chain waits for a grace period so that the caller may free the block afterwards.
 */
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/kernel.h>
#include <linux/bug.h>

/* Reboot and shutdown notifications (register_reboot_notifier() users). */
BLOCKING_NOTIFIER_HEAD(reboot_notifier_list);

static int notifier_chain_register(struct notifier_block **nl, struct notifier_block *n,
				   bool unique_priority)
{
	while (*nl) {
		if (unlikely(*nl == n)) {
			WARN(1, "notifier callback %ps already registered", n->notifier_call);
			return -EEXIST;
		}
		if (n->priority > (*nl)->priority)
			break;
		if (n->priority == (*nl)->priority && unique_priority)
			return -EBUSY;
		nl = &(*nl)->next;
	}
	n->next = *nl;
	rcu_assign_pointer(*nl, n);
	return 0;
}

static int notifier_chain_unregister(struct notifier_block **nl, struct notifier_block *n)
{
	while (*nl) {
		if (*nl == n) {
			rcu_assign_pointer(*nl, n->next);
			return 0;
		}
		nl = &(*nl)->next;
	}
	return -ENOENT;
}

/*
 * Call the callbacks of the chain at @nl in order, at most @nr_to_call of them (-1: all),
 * counting the calls in *@nr_calls. Returns the last callback's value (NOTIFY_DONE if none).
 */
static int notifier_call_chain(struct notifier_block **nl, unsigned long val, void *v,
			       int nr_to_call, int *nr_calls)
{
	struct notifier_block *nb, *next_nb;
	int ret = NOTIFY_DONE;

	nb = rcu_dereference_raw(*nl);
	while (nb && nr_to_call) {
		/* The callback may unregister its own block. */
		next_nb = rcu_dereference_raw(nb->next);
		ret = nb->notifier_call(nb, val, v);
		if (nr_calls)
			(*nr_calls)++;
		if (ret & NOTIFY_STOP_MASK)
			break;
		nb = next_nb;
		nr_to_call--;
	}
	return ret;
}

/*
 * Call the chain with @val_up; if a callback stops it, call the ones that already ran with
 * @val_down to roll back. The chain must not change in between (no RCU here).
 */
static int notifier_call_chain_robust(struct notifier_block **nl, unsigned long val_up,
				      unsigned long val_down, void *v)
{
	int ret, nr = 0;

	ret = notifier_call_chain(nl, val_up, v, -1, &nr);
	if (ret & NOTIFY_STOP_MASK)
		notifier_call_chain(nl, val_down, v, nr - 1, NULL);
	return ret;
}

/**
 * atomic_notifier_chain_register - add a block to an atomic chain
 * @nh: the chain
 * @n: the block (by priority, higher first)
 *
 * Returns 0, or -EEXIST (with a WARN) if @n is already on the chain.
 */
int atomic_notifier_chain_register(struct atomic_notifier_head *nh, struct notifier_block *n)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = notifier_chain_register(&nh->head, n, false);
	spin_unlock_irqrestore(&nh->lock, flags);
	return ret;
}

/**
 * atomic_notifier_chain_register_unique_prio - add a block whose priority nobody else has
 * @nh: the chain
 * @n: the block
 *
 * Returns 0, -EBUSY if the priority is taken, -EEXIST if @n is already registered.
 */
int atomic_notifier_chain_register_unique_prio(struct atomic_notifier_head *nh,
					       struct notifier_block *n)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = notifier_chain_register(&nh->head, n, true);
	spin_unlock_irqrestore(&nh->lock, flags);
	return ret;
}

/**
 * atomic_notifier_chain_unregister - remove a block from an atomic chain
 * @nh: the chain
 * @n: the block
 *
 * Waits for an RCU grace period, so @n is no longer in use on return. Must not be called
 * from atomic context. Returns 0 or -ENOENT.
 */
int atomic_notifier_chain_unregister(struct atomic_notifier_head *nh, struct notifier_block *n)
{
	unsigned long flags;
	int ret;

	spin_lock_irqsave(&nh->lock, flags);
	ret = notifier_chain_unregister(&nh->head, n);
	spin_unlock_irqrestore(&nh->lock, flags);
	synchronize_rcu();
	return ret;
}

/**
 * atomic_notifier_call_chain - call the blocks of an atomic chain
 * @nh: the chain
 * @val: the event, passed to every callback
 * @v: data passed to every callback
 *
 * Callbacks run under rcu_read_lock() and must not sleep. Returns the last callback's value;
 * a value with NOTIFY_STOP_MASK ends the walk.
 */
int atomic_notifier_call_chain(struct atomic_notifier_head *nh, unsigned long val, void *v)
{
	int ret;

	rcu_read_lock();
	ret = notifier_call_chain(&nh->head, val, v, -1, NULL);
	rcu_read_unlock();
	return ret;
}

/**
 * atomic_notifier_call_chain_is_empty - does the atomic chain have no blocks?
 * @nh: the chain
 */
bool atomic_notifier_call_chain_is_empty(struct atomic_notifier_head *nh)
{
	return !rcu_access_pointer(nh->head);
}

static int __blocking_notifier_chain_register(struct blocking_notifier_head *nh,
					      struct notifier_block *n, bool unique_priority)
{
	int ret;

	/* While booting, initcalls run one at a time (and may run before locks are usable). */
	if (unlikely(system_state == SYSTEM_BOOTING))
		return notifier_chain_register(&nh->head, n, unique_priority);

	down_write(&nh->rwsem);
	ret = notifier_chain_register(&nh->head, n, unique_priority);
	up_write(&nh->rwsem);
	return ret;
}

/**
 * blocking_notifier_chain_register - add a block to a blocking chain
 * @nh: the chain
 * @n: the block
 *
 * May sleep. Returns 0, or -EEXIST (with a WARN) if @n is already registered.
 */
int blocking_notifier_chain_register(struct blocking_notifier_head *nh, struct notifier_block *n)
{
	return __blocking_notifier_chain_register(nh, n, false);
}

/**
 * blocking_notifier_chain_register_unique_prio - add a block whose priority nobody else has
 * @nh: the chain
 * @n: the block
 *
 * Returns 0, -EBUSY if the priority is taken, -EEXIST if @n is already registered.
 */
int blocking_notifier_chain_register_unique_prio(struct blocking_notifier_head *nh,
						 struct notifier_block *n)
{
	return __blocking_notifier_chain_register(nh, n, true);
}

/**
 * blocking_notifier_chain_unregister - remove a block from a blocking chain
 * @nh: the chain
 * @n: the block
 *
 * May sleep. Returns 0 or -ENOENT.
 */
int blocking_notifier_chain_unregister(struct blocking_notifier_head *nh,
				       struct notifier_block *n)
{
	int ret;

	if (unlikely(system_state == SYSTEM_BOOTING))
		return notifier_chain_unregister(&nh->head, n);

	down_write(&nh->rwsem);
	ret = notifier_chain_unregister(&nh->head, n);
	up_write(&nh->rwsem);
	return ret;
}

/**
 * blocking_notifier_call_chain_robust - call a blocking chain, rolling back on a veto
 * @nh: the chain
 * @val_up: the event
 * @val_down: the event that undoes @val_up, sent to the callbacks that ran before the veto
 * @v: data passed to every callback
 *
 * Returns the value of the @val_up walk.
 */
int blocking_notifier_call_chain_robust(struct blocking_notifier_head *nh, unsigned long val_up,
					unsigned long val_down, void *v)
{
	int ret = NOTIFY_DONE;

	/* The unlocked test may race; the walk under the lock is what counts. */
	if (rcu_access_pointer(nh->head)) {
		down_read(&nh->rwsem);
		ret = notifier_call_chain_robust(&nh->head, val_up, val_down, v);
		up_read(&nh->rwsem);
	}
	return ret;
}

/**
 * blocking_notifier_call_chain - call the blocks of a blocking chain
 * @nh: the chain
 * @val: the event
 * @v: data passed to every callback
 *
 * Callbacks run in process context under the chain's rw_semaphore and may sleep. Returns the
 * last callback's value; a value with NOTIFY_STOP_MASK ends the walk.
 */
int blocking_notifier_call_chain(struct blocking_notifier_head *nh, unsigned long val, void *v)
{
	int ret = NOTIFY_DONE;

	if (rcu_access_pointer(nh->head)) {
		down_read(&nh->rwsem);
		ret = notifier_call_chain(&nh->head, val, v, -1, NULL);
		up_read(&nh->rwsem);
	}
	return ret;
}

/**
 * raw_notifier_chain_register - add a block to a raw chain (the caller serialises)
 * @nh: the chain
 * @n: the block
 *
 * Returns 0, or -EEXIST (with a WARN) if @n is already registered.
 */
int raw_notifier_chain_register(struct raw_notifier_head *nh, struct notifier_block *n)
{
	return notifier_chain_register(&nh->head, n, false);
}

/**
 * raw_notifier_chain_unregister - remove a block from a raw chain (the caller serialises)
 * @nh: the chain
 * @n: the block
 *
 * Returns 0 or -ENOENT.
 */
int raw_notifier_chain_unregister(struct raw_notifier_head *nh, struct notifier_block *n)
{
	return notifier_chain_unregister(&nh->head, n);
}

/**
 * raw_notifier_call_chain_robust - call a raw chain, rolling back on a veto
 * @nh: the chain
 * @val_up: the event
 * @val_down: the event sent to the callbacks that ran before a veto
 * @v: data passed to every callback
 */
int raw_notifier_call_chain_robust(struct raw_notifier_head *nh, unsigned long val_up,
				   unsigned long val_down, void *v)
{
	return notifier_call_chain_robust(&nh->head, val_up, val_down, v);
}

/**
 * raw_notifier_call_chain - call the blocks of a raw chain (the caller serialises)
 * @nh: the chain
 * @val: the event
 * @v: data passed to every callback
 */
int raw_notifier_call_chain(struct raw_notifier_head *nh, unsigned long val, void *v)
{
	return notifier_call_chain(&nh->head, val, v, -1, NULL);
}
