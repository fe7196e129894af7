// SPDX-License-Identifier: MIT
/* Lock-less list operations that need a compare-and-exchange loop. */
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/llist.h>

/**
 * llist_add_batch - push the chain @new_first..@new_last onto @head
 * @new_first: the first node of the chain
 * @new_last: the last node of the chain
 * @head: the list
 *
 * Safe against concurrent adders and llist_del_all()/llist_del_first(). Fully ordered: the
 * nodes' contents are visible to whoever takes them off.
 *
 * Return: true if the list was empty before.
 */
bool llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
		     struct llist_head *head)
{
	struct llist_node *first = READ_ONCE(head->first);

	do {
		WRITE_ONCE(new_last->next, first);
	} while (!try_cmpxchg(&head->first, &first, new_first));

	return !first;
}
EXPORT_SYMBOL_GPL(llist_add_batch);

/**
 * llist_del_first - pop the newest node off @head
 * @head: the list
 *
 * Concurrent adders are fine; concurrent llist_del_first()/llist_del_all() callers on the same
 * list must be serialised by the caller (otherwise a node freed and re-added between our read
 * of ->next and the exchange could corrupt the list).
 *
 * Return: the node, or NULL if the list was empty.
 */
struct llist_node *llist_del_first(struct llist_head *head)
{
	struct llist_node *entry = smp_load_acquire(&head->first), *next;

	do {
		if (!entry)
			return NULL;
		next = READ_ONCE(entry->next);
	} while (!try_cmpxchg(&head->first, &entry, next));

	return entry;
}
EXPORT_SYMBOL_GPL(llist_del_first);

/**
 * llist_del_first_this - pop the newest node off @head only if it is @this
 * @head: the list
 * @this: the node expected at the front
 *
 * Same concurrency rules as llist_del_first().
 *
 * Return: true if @this was removed.
 */
bool llist_del_first_this(struct llist_head *head, struct llist_node *this)
{
	struct llist_node *entry = smp_load_acquire(&head->first), *next;

	do {
		if (entry != this)
			return false;
		next = READ_ONCE(entry->next);
	} while (!try_cmpxchg(&head->first, &entry, next));

	return true;
}
EXPORT_SYMBOL_GPL(llist_del_first_this);

/**
 * llist_reverse_order - reverse a chain taken off a list
 * @head: the first node of the chain
 *
 * Return: the new first node (the oldest entry, for a chain from llist_del_all()).
 */
struct llist_node *llist_reverse_order(struct llist_node *head)
{
	struct llist_node *reversed = NULL;

	while (head) {
		struct llist_node *next = head->next;

		head->next = reversed;
		reversed = head;
		head = next;
	}
	return reversed;
}
EXPORT_SYMBOL_GPL(llist_reverse_order);
