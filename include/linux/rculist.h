/* SPDX-License-Identifier: MIT */
/*
 * RCU variants of the list_head and hlist operations: updaters (serialised by their own lock)
 * publish with release stores, readers traverse under rcu_read_lock() with dependency-ordered
 * loads and may see an entry that was just removed, which therefore must stay valid until a
 * grace period has passed (kfree_rcu(), synchronize_rcu()).
 *
 * Unlike the kernel, unlinks also publish with a release store (free on x86-64): then a
 * reader that reaches an older entry through the new link is ordered after that entry's
 * initialisation for ThreadSanitizer too.
 *
 * CONFIG_PROVE_RCU_LIST is on: list_for_each_entry_rcu() and hlist_for_each_entry_rcu()
 * outside a reader and without their lockdep condition report "RCU-list traversed in
 * non-reader section!!".
 */
#ifndef _LINUX_RCULIST_H
#define _LINUX_RCULIST_H

#include <linux/list.h>
#include <linux/rcupdate.h>

/**
 * INIT_LIST_HEAD_RCU - initialise a list head that readers may be traversing
 * @list: the list head
 */
static inline void INIT_LIST_HEAD_RCU(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	WRITE_ONCE(list->prev, list);
}

/* The ->next pointer of a list_head, as an RCU-protected pointer. */
#define list_next_rcu(list)	(*((struct list_head __rcu **)(&(list)->next)))
/* The ->prev pointer of a list head (only valid with list_add_tail_rcu()-only lists). */
#define list_tail_rcu(head)	(*((struct list_head __rcu **)(&(head)->prev)))

#define __list_check_rcu(dummy, cond, extra...)					\
	({									\
		RCU_LOCKDEP_WARN(!(cond) && !rcu_read_lock_any_held(),		\
				 "RCU-list traversed in non-reader section!");	\
	})

#define __list_check_srcu(cond)							\
	({									\
		RCU_LOCKDEP_WARN(!(cond),					\
				 "RCU-list traversed without holding the required lock!"); \
	})

/* Insert @new between two known consecutive entries (CONFIG_DEBUG_LIST checked). */
static inline void __list_add_rcu(struct list_head *new, struct list_head *prev,
				  struct list_head *next)
{
	if (!__list_add_valid(new, prev, next))
		return;

	new->next = next;
	new->prev = prev;
	rcu_assign_pointer(list_next_rcu(prev), new);
	next->prev = new;
}

/**
 * list_add_rcu - add @new after @head, for lists that readers traverse under RCU
 * @new: the new entry
 * @head: the list head (or an entry) to add it after
 *
 * The caller serialises updaters (a lock); readers may run concurrently.
 */
static inline void list_add_rcu(struct list_head *new, struct list_head *head)
{
	__list_add_rcu(new, head, head->next);
}

/**
 * list_add_tail_rcu - add @new before @head (at the tail), for RCU lists
 * @new: the new entry
 * @head: the list head
 */
static inline void list_add_tail_rcu(struct list_head *new, struct list_head *head)
{
	__list_add_rcu(new, head->prev, head);
}

/**
 * list_del_rcu - unlink @entry from an RCU list
 * @entry: the entry
 *
 * @entry->next stays valid so that readers standing on @entry can go on; @entry->prev is
 * poisoned. Free @entry only after a grace period (kfree_rcu(), synchronize_rcu()).
 */
static inline void list_del_rcu(struct list_head *entry)
{
	struct list_head *prev = entry->prev, *next = entry->next;

	if (!__list_del_entry_valid(entry))
		return;

	next->prev = prev;
	rcu_assign_pointer(list_next_rcu(prev), next);
	entry->prev = LIST_POISON2;
}

/* Unlink @n from its hlist, publishing the new link with release ordering. */
static inline void __hlist_del_rcu(struct hlist_node *n)
{
	struct hlist_node *next = n->next;
	struct hlist_node **pprev = n->pprev;

	rcu_assign_pointer(*(struct hlist_node __rcu **)pprev, next);
	if (next)
		WRITE_ONCE(next->pprev, pprev);
}

/**
 * hlist_del_init_rcu - unlink @n from an RCU hlist and mark it unhashed
 * @n: the node
 *
 * n->next is left alone for readers standing on @n.
 */
static inline void hlist_del_init_rcu(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del_rcu(n);
		WRITE_ONCE(n->pprev, NULL);
	}
}

/**
 * list_replace_rcu - replace @old by @new in an RCU list
 * @old: the entry to replace
 * @new: its replacement
 */
static inline void list_replace_rcu(struct list_head *old, struct list_head *new)
{
	new->next = old->next;
	new->prev = old->prev;
	rcu_assign_pointer(list_next_rcu(new->prev), new);
	new->next->prev = new;
	old->prev = LIST_POISON2;
}

static inline void __list_splice_rcu(struct list_head *list, struct list_head *prev,
				     struct list_head *next)
{
	struct list_head *first = list->next;
	struct list_head *last = list->prev;

	last->next = next;
	first->prev = prev;
	next->prev = last;
	rcu_assign_pointer(list_next_rcu(prev), first);
}

/**
 * list_splice_rcu - splice a list that no reader can see into an RCU list, after @head
 * @list: the list to add (left unchanged, not reinitialised)
 * @head: where to add it
 */
static inline void list_splice_rcu(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		__list_splice_rcu(list, head, head->next);
}

static inline void __list_splice_init_rcu(struct list_head *list, struct list_head *prev,
					  struct list_head *next, void (*sync)(void))
{
	struct list_head *first = list->next;
	struct list_head *last = list->prev;

	/* Readers of @list from now on see it empty ... */
	INIT_LIST_HEAD_RCU(list);
	/* ... and the ones that still walk its old body are gone after @sync. */
	sync();

	last->next = next;
	rcu_assign_pointer(list_next_rcu(prev), first);
	first->prev = prev;
	next->prev = last;
}

/**
 * list_splice_init_rcu - splice an RCU list into another RCU list, emptying the source
 * @list: the RCU list to splice (readers may traverse it)
 * @head: the RCU list to splice it into, after its head
 * @sync: a grace-period wait (synchronize_rcu, synchronize_rcu_expedited...)
 */
static inline void list_splice_init_rcu(struct list_head *list, struct list_head *head,
					void (*sync)(void))
{
	if (!list_empty(list))
		__list_splice_init_rcu(list, head, head->next, sync);
}

/**
 * list_splice_tail_init_rcu - list_splice_init_rcu() at the tail of @head
 * @list: the RCU list to splice
 * @head: the RCU list to splice it into
 * @sync: a grace-period wait
 */
static inline void list_splice_tail_init_rcu(struct list_head *list, struct list_head *head,
					     void (*sync)(void))
{
	if (!list_empty(list))
		__list_splice_init_rcu(list, head->prev, head, sync);
}

/**
 * list_entry_rcu - the entry containing the list_head @ptr, loaded for RCU traversal
 * @ptr: the list_head pointer (an lvalue: it is loaded once)
 * @type: the type of the entry
 * @member: the name of the list_head within the entry
 */
#define list_entry_rcu(ptr, type, member) \
	container_of((typeof(ptr))__krt_rcu_load(ptr), type, member)

/**
 * list_first_or_null_rcu - the first entry of an RCU list, or NULL if it is empty
 * @ptr: the list head
 * @type: the type of the entries
 * @member: the name of the list_head within the entry
 */
#define list_first_or_null_rcu(ptr, type, member)				\
	({									\
		struct list_head *__ptr = (ptr);				\
		struct list_head *__next = __krt_rcu_load(__ptr->next);		\
		likely(__ptr != __next) ? container_of(__next, type, member) : NULL; \
	})

/**
 * list_next_or_null_rcu - the entry after @ptr in an RCU list, or NULL at its end
 * @head: the list head
 * @ptr: the list_head of the current entry
 * @type: the type of the entries
 * @member: the name of the list_head within the entry
 */
#define list_next_or_null_rcu(head, ptr, type, member)				\
	({									\
		struct list_head *__head = (head);				\
		struct list_head *__ptr = (ptr);				\
		struct list_head *__next = __krt_rcu_load(__ptr->next);		\
		likely(__next != __head) ? container_of(__next, type, member) : NULL; \
	})

/**
 * list_for_each_entry_rcu - iterate over an RCU list
 * @pos: the entry cursor
 * @head: the list head
 * @member: the name of the list_head within the entry
 * @cond: optional lockdep condition for traversals outside a reader (lockdep_is_held(&lock))
 */
#define list_for_each_entry_rcu(pos, head, member, cond...)			\
	for (__list_check_rcu(dummy, ## cond, 0),				\
	     pos = list_entry_rcu((head)->next, typeof(*pos), member);		\
	     &pos->member != (head);						\
	     pos = list_entry_rcu(pos->member.next, typeof(*pos), member))

/**
 * list_for_each_entry_srcu - iterate over an RCU list under SRCU (or the update lock)
 * @pos: the entry cursor
 * @head: the list head
 * @member: the name of the list_head within the entry
 * @cond: the lockdep condition that makes the traversal legal
 */
#define list_for_each_entry_srcu(pos, head, member, cond)			\
	for (__list_check_srcu(cond),						\
	     pos = list_entry_rcu((head)->next, typeof(*pos), member);		\
	     &pos->member != (head);						\
	     pos = list_entry_rcu(pos->member.next, typeof(*pos), member))

#define list_entry_lockless(ptr, type, member) \
	container_of((typeof(ptr))__krt_rcu_load(ptr), type, member)

#define list_for_each_entry_lockless(pos, head, member)				\
	for (pos = list_entry_lockless((head)->next, typeof(*pos), member);	\
	     &pos->member != (head);						\
	     pos = list_entry_lockless(pos->member.next, typeof(*pos), member))

#define list_for_each_entry_continue_rcu(pos, head, member)			\
	for (pos = list_entry_rcu(pos->member.next, typeof(*pos), member);	\
	     &pos->member != (head);						\
	     pos = list_entry_rcu(pos->member.next, typeof(*pos), member))

#define list_for_each_entry_from_rcu(pos, head, member)				\
	for (; &(pos)->member != (head);					\
	     pos = list_entry_rcu(pos->member.next, typeof(*(pos)), member))

/**
 * hlist_del_rcu - unlink @n from an RCU hlist
 * @n: the node
 *
 * n->next stays valid for readers standing on @n; n->pprev is poisoned.
 */
static inline void hlist_del_rcu(struct hlist_node *n)
{
	__hlist_del_rcu(n);
	WRITE_ONCE(n->pprev, LIST_POISON2);
}

/**
 * hlist_replace_rcu - replace @old by @new in an RCU hlist
 * @old: the node to replace
 * @new: its replacement
 */
static inline void hlist_replace_rcu(struct hlist_node *old, struct hlist_node *new)
{
	struct hlist_node *next = old->next;

	new->next = next;
	WRITE_ONCE(new->pprev, old->pprev);
	rcu_assign_pointer(*(struct hlist_node __rcu **)new->pprev, new);
	if (next)
		WRITE_ONCE(new->next->pprev, &new->next);
	WRITE_ONCE(old->pprev, LIST_POISON2);
}

/**
 * hlists_swap_heads_rcu - swap the nodes of two non-empty RCU hlist heads
 * @left: one head
 * @right: the other head
 */
static inline void hlists_swap_heads_rcu(struct hlist_head *left, struct hlist_head *right)
{
	struct hlist_node *node1 = left->first;
	struct hlist_node *node2 = right->first;

	rcu_assign_pointer(left->first, node2);
	rcu_assign_pointer(right->first, node1);
	WRITE_ONCE(node2->pprev, &left->first);
	WRITE_ONCE(node1->pprev, &right->first);
}

#define hlist_first_rcu(head)	(*((struct hlist_node __rcu **)(&(head)->first)))
#define hlist_next_rcu(node)	(*((struct hlist_node __rcu **)(&(node)->next)))
#define hlist_pprev_rcu(node)	(*((struct hlist_node __rcu **)((node)->pprev)))

/**
 * hlist_add_head_rcu - add @n at the front of an RCU hlist
 * @n: the node
 * @h: the head
 */
static inline void hlist_add_head_rcu(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	n->next = first;
	WRITE_ONCE(n->pprev, &h->first);
	rcu_assign_pointer(hlist_first_rcu(h), n);
	if (first)
		WRITE_ONCE(first->pprev, &n->next);
}

/**
 * hlist_add_tail_rcu - add @n at the end of an RCU hlist
 * @n: the node
 * @h: the head
 */
static inline void hlist_add_tail_rcu(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *i, *last = NULL;

	/* Update side: the caller's lock keeps the list still. */
	for (i = h->first; i; i = i->next)
		last = i;

	if (last) {
		n->next = last->next;
		WRITE_ONCE(n->pprev, &last->next);
		rcu_assign_pointer(hlist_next_rcu(last), n);
	} else {
		hlist_add_head_rcu(n, h);
	}
}

/**
 * hlist_add_before_rcu - add @n before @next in an RCU hlist
 * @n: the new node
 * @next: the node to add it before (must be hashed)
 */
static inline void hlist_add_before_rcu(struct hlist_node *n, struct hlist_node *next)
{
	WRITE_ONCE(n->pprev, next->pprev);
	n->next = next;
	rcu_assign_pointer(hlist_pprev_rcu(n), n);
	WRITE_ONCE(next->pprev, &n->next);
}

/**
 * hlist_add_behind_rcu - add @n after @prev in an RCU hlist
 * @n: the new node
 * @prev: the node to add it after (must be hashed)
 */
static inline void hlist_add_behind_rcu(struct hlist_node *n, struct hlist_node *prev)
{
	n->next = prev->next;
	WRITE_ONCE(n->pprev, &prev->next);
	rcu_assign_pointer(hlist_next_rcu(prev), n);
	if (n->next)
		WRITE_ONCE(n->next->pprev, &n->next);
}

#define __hlist_for_each_rcu(pos, head)						\
	for (pos = rcu_dereference(hlist_first_rcu(head));			\
	     pos;								\
	     pos = rcu_dereference(hlist_next_rcu(pos)))

/**
 * hlist_for_each_entry_rcu - iterate over an RCU hlist
 * @pos: the entry cursor
 * @head: the hlist head
 * @member: the name of the hlist_node within the entry
 * @cond: optional lockdep condition for traversals outside a reader
 */
#define hlist_for_each_entry_rcu(pos, head, member, cond...)			\
	for (__list_check_rcu(dummy, ## cond, 0),				\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_first_rcu(head)), \
				    typeof(*(pos)), member);			\
	     pos;								\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#define hlist_for_each_entry_srcu(pos, head, member, cond)			\
	for (__list_check_srcu(cond),						\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_first_rcu(head)), \
				    typeof(*(pos)), member);			\
	     pos;								\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#define hlist_for_each_entry_rcu_notrace(pos, head, member)			\
	for (pos = hlist_entry_safe(rcu_dereference_raw(hlist_first_rcu(head)), \
				    typeof(*(pos)), member);			\
	     pos;								\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#define hlist_for_each_entry_rcu_bh(pos, head, member)				\
	for (pos = hlist_entry_safe(rcu_dereference_bh(hlist_first_rcu(head)),	\
				    typeof(*(pos)), member);			\
	     pos;								\
	     pos = hlist_entry_safe(rcu_dereference_bh(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#define hlist_for_each_entry_continue_rcu(pos, member)				\
	for (pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member);			\
	     pos;								\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#define hlist_for_each_entry_continue_rcu_bh(pos, member)			\
	for (pos = hlist_entry_safe(rcu_dereference_bh(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member);			\
	     pos;								\
	     pos = hlist_entry_safe(rcu_dereference_bh(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#define hlist_for_each_entry_from_rcu(pos, member)				\
	for (; pos;								\
	     pos = hlist_entry_safe(rcu_dereference_raw(hlist_next_rcu(&(pos)->member)), \
				    typeof(*(pos)), member))

#endif /* _LINUX_RCULIST_H */
