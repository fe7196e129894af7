// SPDX-License-Identifier: MIT
/*
 * klist implementation.
 *
 * Each node holds one reference for being on the list and one per iterator standing on it.
 * klist_del() marks the node dead (iterators skip it) and drops the list's reference; the
 * node is unlinked when the last reference goes. klist_remove() additionally waits for that.
 * The dead mark lives in bit 0 of n_klist (struct klist is pointer aligned).
 */
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/klist.h>
#include <linux/sched.h>

#define KNODE_DEAD		1LU
#define KNODE_KLIST_MASK	~KNODE_DEAD

static struct klist *knode_klist(struct klist_node *knode)
{
	return (struct klist *)((unsigned long)knode->n_klist & KNODE_KLIST_MASK);
}

static bool knode_dead(struct klist_node *knode)
{
	return (unsigned long)knode->n_klist & KNODE_DEAD;
}

static void knode_set_klist(struct klist_node *knode, struct klist *klist)
{
	knode->n_klist = klist;
	/* A node must not start out dead. */
	WARN_ON(knode_dead(knode));
}

static void knode_kill(struct klist_node *knode)
{
	/* Nor be killed twice. */
	WARN_ON(knode_dead(knode));
	knode->n_klist = (void *)((unsigned long)knode->n_klist | KNODE_DEAD);
}

/**
 * klist_init - initialise a klist
 * @k: the klist
 * @get: called (may be NULL) for every node added, to pin the object containing it
 * @put: called (may be NULL) when a node is finally released, to unpin it
 */
void klist_init(struct klist *k, void (*get)(struct klist_node *),
		void (*put)(struct klist_node *))
{
	INIT_LIST_HEAD(&k->k_list);
	spin_lock_init(&k->k_lock);
	k->get = get;
	k->put = put;
}
EXPORT_SYMBOL_GPL(klist_init);

static void klist_node_init(struct klist *k, struct klist_node *n)
{
	INIT_LIST_HEAD(&n->n_node);
	kref_init(&n->n_ref);
	knode_set_klist(n, k);
	if (k->get)
		k->get(n);
}

/**
 * klist_add_head - add a node at the front of a klist
 * @n: the node (initialised here)
 * @k: the klist
 */
void klist_add_head(struct klist_node *n, struct klist *k)
{
	klist_node_init(k, n);
	spin_lock(&k->k_lock);
	list_add(&n->n_node, &k->k_list);
	spin_unlock(&k->k_lock);
}
EXPORT_SYMBOL_GPL(klist_add_head);

/**
 * klist_add_tail - add a node at the end of a klist
 * @n: the node (initialised here)
 * @k: the klist
 */
void klist_add_tail(struct klist_node *n, struct klist *k)
{
	klist_node_init(k, n);
	spin_lock(&k->k_lock);
	list_add_tail(&n->n_node, &k->k_list);
	spin_unlock(&k->k_lock);
}
EXPORT_SYMBOL_GPL(klist_add_tail);

/**
 * klist_add_behind - add a node right after another
 * @n: the new node
 * @pos: a node on the klist
 */
void klist_add_behind(struct klist_node *n, struct klist_node *pos)
{
	struct klist *k = knode_klist(pos);

	klist_node_init(k, n);
	spin_lock(&k->k_lock);
	list_add(&n->n_node, &pos->n_node);
	spin_unlock(&k->k_lock);
}
EXPORT_SYMBOL_GPL(klist_add_behind);

/**
 * klist_add_before - add a node right before another
 * @n: the new node
 * @pos: a node on the klist
 */
void klist_add_before(struct klist_node *n, struct klist_node *pos)
{
	struct klist *k = knode_klist(pos);

	klist_node_init(k, n);
	spin_lock(&k->k_lock);
	list_add_tail(&n->n_node, &pos->n_node);
	spin_unlock(&k->k_lock);
}
EXPORT_SYMBOL_GPL(klist_add_before);

/* A task in klist_remove(), waiting for @node to be released. */
struct klist_waiter {
	struct list_head list;
	struct klist_node *node;
	struct task_struct *process;
	int woken;
};

static DEFINE_SPINLOCK(klist_remove_lock);
static LIST_HEAD(klist_remove_waiters);

/* The last reference is gone (called with the klist's lock held): unlink, wake waiters. */
static void klist_release(struct kref *kref)
{
	struct klist_node *n = container_of(kref, struct klist_node, n_ref);
	struct klist_waiter *waiter, *tmp;

	WARN_ON(!knode_dead(n));
	list_del(&n->n_node);
	knode_set_klist(n, NULL);

	spin_lock(&klist_remove_lock);
	list_for_each_entry_safe(waiter, tmp, &klist_remove_waiters, list) {
		struct task_struct *p;

		if (waiter->node != n)
			continue;
		/* The waiter's stack frame is gone once it sees woken: touch it no more after. */
		p = get_task_struct(waiter->process);
		list_del(&waiter->list);
		smp_store_release(&waiter->woken, 1);
		mb();
		wake_up_process(p);
		put_task_struct(p);
	}
	spin_unlock(&klist_remove_lock);
}

/* Drop a reference; true if it was the last. */
static int klist_dec_and_del(struct klist_node *n)
{
	return kref_put(&n->n_ref, klist_release);
}

/* Drop a reference (and with @kill, the list's one after marking the node dead). */
static void klist_put(struct klist_node *n, bool kill)
{
	struct klist *k = knode_klist(n);
	void (*put)(struct klist_node *) = k->put;

	spin_lock(&k->k_lock);
	if (kill)
		knode_kill(n);
	if (!klist_dec_and_del(n))
		put = NULL;
	spin_unlock(&k->k_lock);
	/* ->put may free the object: call it outside the lock. */
	if (put)
		put(n);
}

/**
 * klist_del - remove a node; it is released when no iterator uses it any more
 * @n: the node
 */
void klist_del(struct klist_node *n)
{
	klist_put(n, true);
}
EXPORT_SYMBOL_GPL(klist_del);

/**
 * klist_remove - remove a node and wait until it has been released
 * @n: the node
 *
 * Sleeps until every iterator standing on @n has moved on.
 */
void klist_remove(struct klist_node *n)
{
	struct klist_waiter waiter;

	waiter.node = n;
	waiter.process = current;
	waiter.woken = 0;
	spin_lock(&klist_remove_lock);
	list_add(&waiter.list, &klist_remove_waiters);
	spin_unlock(&klist_remove_lock);

	klist_del(n);

	for (;;) {
		set_current_state(TASK_UNINTERRUPTIBLE);
		if (smp_load_acquire(&waiter.woken))
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}
EXPORT_SYMBOL_GPL(klist_remove);

/**
 * klist_node_attached - is the node on a klist (not yet released)?
 * @n: the node
 *
 * Return: non-zero if attached.
 */
int klist_node_attached(struct klist_node *n)
{
	return n->n_klist != NULL;
}
EXPORT_SYMBOL_GPL(klist_node_attached);

/**
 * klist_iter_init_node - start iterating after a given node
 * @k: the klist
 * @i: the iterator
 * @n: the node to start from (the first klist_next() returns the one after it), or NULL to
 *     start at the beginning; a node already released is treated as NULL
 */
void klist_iter_init_node(struct klist *k, struct klist_iter *i, struct klist_node *n)
{
	i->i_klist = k;
	i->i_cur = NULL;
	if (n && kref_get_unless_zero(&n->n_ref))
		i->i_cur = n;
}
EXPORT_SYMBOL_GPL(klist_iter_init_node);

/**
 * klist_iter_init - start iterating at the beginning of a klist
 * @k: the klist
 * @i: the iterator
 */
void klist_iter_init(struct klist *k, struct klist_iter *i)
{
	klist_iter_init_node(k, i, NULL);
}
EXPORT_SYMBOL_GPL(klist_iter_init);

/**
 * klist_iter_exit - stop iterating, dropping the reference on the current node
 * @i: the iterator
 */
void klist_iter_exit(struct klist_iter *i)
{
	if (i->i_cur) {
		klist_put(i->i_cur, false);
		i->i_cur = NULL;
	}
}
EXPORT_SYMBOL_GPL(klist_iter_exit);

static struct klist_node *to_klist_node(struct list_head *n)
{
	return container_of(n, struct klist_node, n_node);
}

/*
 * Move the iterator one live node forward (@forward) or backward: take a reference on the new
 * node, drop the one on the old (releasing it if it was removed meanwhile).
 */
static struct klist_node *klist_step(struct klist_iter *i, bool forward)
{
	void (*put)(struct klist_node *) = i->i_klist->put;
	struct list_head *head = &i->i_klist->k_list;
	struct klist_node *last = i->i_cur;
	struct list_head *pos;
	unsigned long flags;

	spin_lock_irqsave(&i->i_klist->k_lock, flags);
	if (last) {
		/* Read the neighbour before the put, which may unlink @last. */
		pos = forward ? last->n_node.next : last->n_node.prev;
		if (!klist_dec_and_del(last))
			put = NULL;
	} else {
		pos = forward ? head->next : head->prev;
	}

	i->i_cur = NULL;
	for (; pos != head; pos = forward ? pos->next : pos->prev) {
		struct klist_node *n = to_klist_node(pos);

		if (likely(!knode_dead(n))) {
			kref_get(&n->n_ref);
			i->i_cur = n;
			break;
		}
	}
	spin_unlock_irqrestore(&i->i_klist->k_lock, flags);

	if (put && last)
		put(last);
	return i->i_cur;
}

/**
 * klist_next - advance the iterator
 * @i: the iterator
 *
 * Return: the next live node (referenced until the next step or klist_iter_exit()), or NULL
 * at the end.
 */
struct klist_node *klist_next(struct klist_iter *i)
{
	return klist_step(i, true);
}
EXPORT_SYMBOL_GPL(klist_next);

/**
 * klist_prev - move the iterator backwards
 * @i: the iterator
 *
 * Return: the previous live node, or NULL at the beginning.
 */
struct klist_node *klist_prev(struct klist_iter *i)
{
	return klist_step(i, false);
}
EXPORT_SYMBOL_GPL(klist_prev);
