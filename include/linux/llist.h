/* SPDX-License-Identifier: MIT */
/*
 * Lock-less NULL-terminated singly linked lists.
 *
 * Any number of producers may llist_add() concurrently, and llist_del_all() may run at the
 * same time. llist_del_first() is safe against concurrent adders, but several concurrent
 * llist_del_first() callers need a lock among themselves (the ABA problem), as do
 * llist_del_first() and llist_del_all() on the same list. The __ variants are not atomic.
 * Entries come out newest first; llist_reverse_order() gives insertion order.
 */
#ifndef LLIST_H
#define LLIST_H

#include <linux/atomic.h>
#include <linux/container_of.h>
#include <linux/stddef.h>
#include <linux/types.h>

struct llist_head {
	struct llist_node *first;
};

struct llist_node {
	struct llist_node *next;
};

#define LLIST_HEAD_INIT(name)	{ NULL }
#define LLIST_HEAD(name)	struct llist_head name = LLIST_HEAD_INIT(name)

/* init_llist_head - make @list empty. */
static inline void init_llist_head(struct llist_head *list)
{
	list->first = NULL;
}

/* init_llist_node - mark @node as on no list (it points to itself), for llist_on_list(). */
static inline void init_llist_node(struct llist_node *node)
{
	node->next = node;
}

/* llist_on_list - false if @node was init_llist_node()'ed and not added since. */
static inline bool llist_on_list(const struct llist_node *node)
{
	return node->next != node;
}

#define llist_entry(ptr, type, member) \
	container_of(ptr, type, member)

/*
 * Is &@ptr->member non-NULL? The entry iterators end when the llist_node pointer is NULL,
 * which for a member at a non-zero offset is a container pointer just below NULL.
 */
#define member_address_is_nonnull(ptr, member) \
	((uintptr_t)(ptr) + offsetof(typeof(*(ptr)), member) != 0)

/* llist_for_each - walk the nodes from @node (as returned by llist_del_all()). */
#define llist_for_each(pos, node) \
	for ((pos) = (node); pos; (pos) = (pos)->next)

/* llist_for_each_safe - walk the nodes, allowing @pos to be freed. */
#define llist_for_each_safe(pos, n, node) \
	for ((pos) = (node); (pos) && ((n) = (pos)->next, true); (pos) = (n))

/*
 * The container of @ptr computed in integers: the entry iterators compute it for the final
 * NULL node too, and pointer arithmetic on NULL would be undefined (and is reported by UBSan,
 * which krt's sanitizer builds enable).
 */
#define __llist_entry_any(ptr, type, member) \
	((type *)((uintptr_t)(ptr) - offsetof(type, member)))

/* llist_for_each_entry - walk the containers from @node. */
#define llist_for_each_entry(pos, node, member)					\
	for ((pos) = __llist_entry_any((node), typeof(*(pos)), member);		\
	     member_address_is_nonnull(pos, member);				\
	     (pos) = __llist_entry_any((pos)->member.next, typeof(*(pos)), member))

/* llist_for_each_entry_safe - walk the containers, allowing @pos to be freed. */
#define llist_for_each_entry_safe(pos, n, node, member)				\
	for (pos = __llist_entry_any((node), typeof(*pos), member);		\
	     member_address_is_nonnull(pos, member) &&				\
		(n = __llist_entry_any(pos->member.next, typeof(*n), member), true);	\
	     pos = n)

/* llist_empty - is the list empty? A hint only when others modify it concurrently. */
static inline bool llist_empty(const struct llist_head *head)
{
	return READ_ONCE(head->first) == NULL;
}

static inline struct llist_node *llist_next(struct llist_node *node)
{
	return node->next;
}

bool llist_add_batch(struct llist_node *new_first, struct llist_node *new_last,
		     struct llist_head *head);

/* __llist_add_batch - non-atomic llist_add_batch(). */
static inline bool __llist_add_batch(struct llist_node *new_first,
				     struct llist_node *new_last,
				     struct llist_head *head)
{
	new_last->next = head->first;
	head->first = new_first;
	return new_last->next == NULL;
}

/**
 * llist_add - push @new onto @head
 * @new: the node
 * @head: the list
 *
 * Return: true if the list was empty before.
 */
static inline bool llist_add(struct llist_node *new, struct llist_head *head)
{
	return llist_add_batch(new, new, head);
}

/* __llist_add - non-atomic llist_add(). */
static inline bool __llist_add(struct llist_node *new, struct llist_head *head)
{
	return __llist_add_batch(new, new, head);
}

/**
 * llist_del_all - take every node off @head at once
 * @head: the list
 *
 * Return: the first node (newest first), or NULL if the list was empty.
 */
static inline struct llist_node *llist_del_all(struct llist_head *head)
{
	return xchg(&head->first, NULL);
}

/* __llist_del_all - non-atomic llist_del_all(). */
static inline struct llist_node *__llist_del_all(struct llist_head *head)
{
	struct llist_node *first = head->first;

	head->first = NULL;
	return first;
}

struct llist_node *llist_del_first(struct llist_head *head);

/* llist_del_first_init - llist_del_first(), then init_llist_node() on the node taken. */
static inline struct llist_node *llist_del_first_init(struct llist_head *head)
{
	struct llist_node *n = llist_del_first(head);

	if (n)
		init_llist_node(n);
	return n;
}

bool llist_del_first_this(struct llist_head *head, struct llist_node *this);
struct llist_node *llist_reverse_order(struct llist_node *head);

#endif /* LLIST_H */
