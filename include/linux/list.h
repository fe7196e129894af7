/* SPDX-License-Identifier: MIT */
/*
 * Circular doubly linked lists (struct list_head) and hash lists with a single-pointer head
 * (struct hlist_head / hlist_node), with the kernel 6.12 API and semantics.
 *
 * krt is built with CONFIG_DEBUG_LIST: list_add()/list_del() and friends check the neighbour
 * links first, and on corruption print the kernel's "list_add corruption" / "list_del
 * corruption" report as a WARNING and leave the list untouched (lib/list_debug.c).
 */
#ifndef _LINUX_LIST_H
#define _LINUX_LIST_H

#include <linux/container_of.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/poison.h>
#include <linux/const.h>
#include <linux/compiler.h>
#include <asm/barrier.h>

#define LIST_HEAD_INIT(name) { &(name), &(name) }

/* LIST_HEAD - define and initialise an empty list head @name. */
#define LIST_HEAD(name) \
	struct list_head name = LIST_HEAD_INIT(name)

/**
 * INIT_LIST_HEAD - make @list an empty list (pointing to itself)
 * @list: the list head or entry
 */
static inline void INIT_LIST_HEAD(struct list_head *list)
{
	WRITE_ONCE(list->next, list);
	WRITE_ONCE(list->prev, list);
}

bool __list_add_valid_or_report(struct list_head *new, struct list_head *prev,
				struct list_head *next);
bool __list_del_entry_valid_or_report(struct list_head *entry);

/* Full CONFIG_DEBUG_LIST checks before inserting @new between @prev and @next. */
static __always_inline bool __list_add_valid(struct list_head *new, struct list_head *prev,
					     struct list_head *next)
{
	return __list_add_valid_or_report(new, prev, next);
}

/* Full CONFIG_DEBUG_LIST checks before unlinking @entry. */
static __always_inline bool __list_del_entry_valid(struct list_head *entry)
{
	return __list_del_entry_valid_or_report(entry);
}

/* Link @new between the adjacent entries @prev and @next, unless the links look corrupt. */
static __always_inline void __list_add(struct list_head *new, struct list_head *prev,
				       struct list_head *next)
{
	if (!__list_add_valid(new, prev, next))
		return;

	next->prev = new;
	new->next = next;
	new->prev = prev;
	WRITE_ONCE(prev->next, new);
}

/**
 * list_add - insert @new right after @head (stack order)
 * @new: the entry to add
 * @head: the list head (or any entry) to add it after
 */
static __always_inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

/**
 * list_add_tail - insert @new right before @head, i.e. at the end of the list (queue order)
 * @new: the entry to add
 * @head: the list head (or any entry) to add it before
 */
static inline void list_add_tail(struct list_head *new, struct list_head *head)
{
	__list_add(new, head->prev, head);
}

/* Join @prev and @next, dropping whatever was between them. */
static inline void __list_del(struct list_head *prev, struct list_head *next)
{
	next->prev = prev;
	WRITE_ONCE(prev->next, next);
}

/* Unlink @entry and clear its prev pointer only (no validity checks). */
static inline void __list_del_clearprev(struct list_head *entry)
{
	__list_del(entry->prev, entry->next);
	entry->prev = NULL;
}

/* Unlink @entry after the CONFIG_DEBUG_LIST checks; its own pointers are left as they were. */
static inline void __list_del_entry(struct list_head *entry)
{
	if (!__list_del_entry_valid(entry))
		return;

	__list_del(entry->prev, entry->next);
}

/**
 * list_del - unlink @entry from its list
 * @entry: the entry
 *
 * @entry's pointers are poisoned afterwards (LIST_POISON1/2): list_empty() on it is not
 * meaningful, and a second list_del() is reported as corruption.
 */
static inline void list_del(struct list_head *entry)
{
	__list_del_entry(entry);
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

/**
 * list_replace - put @new in the place of @old
 * @old: the entry to replace (its pointers are left stale)
 * @new: the entry to insert; may be an empty list head only if @old is one too
 */
static inline void list_replace(struct list_head *old, struct list_head *new)
{
	new->next = old->next;
	new->next->prev = new;
	new->prev = old->prev;
	new->prev->next = new;
}

/**
 * list_replace_init - list_replace(), then reinitialise @old as an empty list
 * @old: the entry to replace
 * @new: the entry to insert
 */
static inline void list_replace_init(struct list_head *old, struct list_head *new)
{
	list_replace(old, new);
	INIT_LIST_HEAD(old);
}

/**
 * list_swap - exchange the positions of two entries (same list or different lists)
 * @entry1: the first entry
 * @entry2: the second entry
 */
static inline void list_swap(struct list_head *entry1, struct list_head *entry2)
{
	struct list_head *pos = entry2->prev;

	list_del(entry2);
	list_replace(entry1, entry2);
	/* Adjacent entries: entry1 now goes after entry2, which took its place. */
	if (pos == entry1)
		pos = entry2;
	list_add(entry1, pos);
}

/**
 * list_del_init - unlink @entry and make it an empty list
 * @entry: the entry
 */
static inline void list_del_init(struct list_head *entry)
{
	__list_del_entry(entry);
	INIT_LIST_HEAD(entry);
}

/**
 * list_move - unlink @list from its list and add it after @head
 * @list: the entry to move
 * @head: where to add it
 */
static inline void list_move(struct list_head *list, struct list_head *head)
{
	__list_del_entry(list);
	list_add(list, head);
}

/**
 * list_move_tail - unlink @list from its list and add it before @head
 * @list: the entry to move
 * @head: where to add it
 */
static inline void list_move_tail(struct list_head *list, struct list_head *head)
{
	__list_del_entry(list);
	list_add_tail(list, head);
}

/**
 * list_bulk_move_tail - move the run @first..@last (inclusive, same list) to the end of @head
 * @head: the destination list
 * @first: the first entry of the run
 * @last: the last entry of the run
 */
static inline void list_bulk_move_tail(struct list_head *head, struct list_head *first,
				       struct list_head *last)
{
	first->prev->next = last->next;
	last->next->prev = first->prev;

	head->prev->next = first;
	first->prev = head->prev;

	last->next = head;
	head->prev = last;
}

/**
 * list_is_first - is @list the first entry of the list @head?
 * @list: the entry
 * @head: the list head
 */
static inline int list_is_first(const struct list_head *list, const struct list_head *head)
{
	return list->prev == head;
}

/**
 * list_is_last - is @list the last entry of the list @head?
 * @list: the entry
 * @head: the list head
 */
static inline int list_is_last(const struct list_head *list, const struct list_head *head)
{
	return list->next == head;
}

/**
 * list_is_head - is @list the head @head itself?
 * @list: the entry
 * @head: the list head
 */
static inline int list_is_head(const struct list_head *list, const struct list_head *head)
{
	return list == head;
}

/**
 * list_empty - is the list @head empty?
 * @head: the list head
 */
static inline int list_empty(const struct list_head *head)
{
	return READ_ONCE(head->next) == head;
}

/**
 * list_del_init_careful - list_del_init() whose final store is a release, pairing with
 * list_empty_careful() on another CPU
 * @entry: the entry
 */
static inline void list_del_init_careful(struct list_head *entry)
{
	__list_del_entry(entry);
	WRITE_ONCE(entry->prev, entry);
	smp_store_release(&entry->next, entry);
}

/**
 * list_empty_careful - lockless emptiness test that checks both pointers, so a concurrent
 * list_del_init_careful() is not mistaken for an empty list half-way through
 * @head: the list head
 */
static inline int list_empty_careful(const struct list_head *head)
{
	struct list_head *next = smp_load_acquire(&head->next);

	return list_is_head(next, head) && (next == READ_ONCE(head->prev));
}

/**
 * list_rotate_left - move the first entry to the end
 * @head: the list head
 */
static inline void list_rotate_left(struct list_head *head)
{
	if (!list_empty(head))
		list_move_tail(head->next, head);
}

/**
 * list_rotate_to_front - rotate the list so that @list becomes its first entry
 * @list: the new first entry
 * @head: the list head
 */
static inline void list_rotate_to_front(struct list_head *list, struct list_head *head)
{
	/* Moving the head just before @list makes @list follow it. */
	list_move_tail(head, list);
}

/**
 * list_is_singular - does the list hold exactly one entry?
 * @head: the list head
 */
static inline int list_is_singular(const struct list_head *head)
{
	return !list_empty(head) && (head->next == head->prev);
}

static inline void __list_cut_position(struct list_head *list, struct list_head *head,
				       struct list_head *entry)
{
	struct list_head *new_first = entry->next;

	list->next = head->next;
	list->next->prev = list;
	list->prev = entry;
	entry->next = list;
	head->next = new_first;
	new_first->prev = head;
}

/**
 * list_cut_position - move the entries of @head up to and including @entry to @list
 * @list: an empty list (or one whose contents may be dropped) to receive them
 * @head: the list to cut
 * @entry: the last entry to move; @head itself moves nothing
 */
static inline void list_cut_position(struct list_head *list, struct list_head *head,
				     struct list_head *entry)
{
	if (list_empty(head))
		return;
	if (list_is_singular(head) && !list_is_head(entry, head) && (entry != head->next))
		return;
	if (list_is_head(entry, head))
		INIT_LIST_HEAD(list);
	else
		__list_cut_position(list, head, entry);
}

/**
 * list_cut_before - move the entries of @head before @entry (excluded) to @list
 * @list: an empty list (or one whose contents may be dropped) to receive them
 * @head: the list to cut
 * @entry: the first entry to keep; if it is the first entry, @list becomes empty
 */
static inline void list_cut_before(struct list_head *list, struct list_head *head,
				   struct list_head *entry)
{
	if (head->next == entry) {
		INIT_LIST_HEAD(list);
		return;
	}
	list->next = head->next;
	list->next->prev = list;
	list->prev = entry->prev;
	list->prev->next = list;
	head->next = entry;
	entry->prev = head;
}

static inline void __list_splice(const struct list_head *list, struct list_head *prev,
				 struct list_head *next)
{
	struct list_head *first = list->next;
	struct list_head *last = list->prev;

	first->prev = prev;
	prev->next = first;

	last->next = next;
	next->prev = last;
}

/**
 * list_splice - insert the entries of @list at the front of @head (@list is left stale)
 * @list: the list to add
 * @head: where to add it
 */
static inline void list_splice(const struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		__list_splice(list, head, head->next);
}

/**
 * list_splice_tail - insert the entries of @list at the end of @head (@list is left stale)
 * @list: the list to add
 * @head: where to add it
 */
static inline void list_splice_tail(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list))
		__list_splice(list, head->prev, head);
}

/**
 * list_splice_init - list_splice(), then reinitialise @list as empty
 * @list: the list to add
 * @head: where to add it
 */
static inline void list_splice_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head, head->next);
		INIT_LIST_HEAD(list);
	}
}

/**
 * list_splice_tail_init - list_splice_tail(), then reinitialise @list as empty
 * @list: the list to add
 * @head: where to add it
 */
static inline void list_splice_tail_init(struct list_head *list, struct list_head *head)
{
	if (!list_empty(list)) {
		__list_splice(list, head->prev, head);
		INIT_LIST_HEAD(list);
	}
}

/* list_entry - the struct of type @type containing the list_head @ptr as @member. */
#define list_entry(ptr, type, member) \
	container_of(ptr, type, member)

/* list_first_entry - the first entry of a list that must not be empty. */
#define list_first_entry(ptr, type, member) \
	list_entry((ptr)->next, type, member)

/* list_last_entry - the last entry of a list that must not be empty. */
#define list_last_entry(ptr, type, member) \
	list_entry((ptr)->prev, type, member)

/* list_first_entry_or_null - the first entry, or NULL if the list is empty. */
#define list_first_entry_or_null(ptr, type, member) ({			\
	struct list_head *head__ = (ptr);				\
	struct list_head *pos__ = READ_ONCE(head__->next);		\
	pos__ != head__ ? list_entry(pos__, type, member) : NULL;	\
})

/* list_next_entry - the entry after @pos (the head's container if @pos is last). */
#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, typeof(*(pos)), member)

/* list_next_entry_circular - the entry after @pos, wrapping from the last to the first. */
#define list_next_entry_circular(pos, head, member)				\
	(list_is_last(&(pos)->member, head) ?					\
	 list_first_entry(head, typeof(*(pos)), member) : list_next_entry(pos, member))

/* list_prev_entry - the entry before @pos. */
#define list_prev_entry(pos, member) \
	list_entry((pos)->member.prev, typeof(*(pos)), member)

/* list_prev_entry_circular - the entry before @pos, wrapping from the first to the last. */
#define list_prev_entry_circular(pos, head, member)				\
	(list_is_first(&(pos)->member, head) ?					\
	 list_last_entry(head, typeof(*(pos)), member) : list_prev_entry(pos, member))

/* list_for_each - iterate @pos over the list_heads of @head. */
#define list_for_each(pos, head) \
	for (pos = (head)->next; !list_is_head(pos, (head)); pos = pos->next)

/* list_for_each_reverse - iterate backwards. */
#define list_for_each_reverse(pos, head) \
	for (pos = (head)->prev; pos != (head); pos = pos->prev)

/* list_for_each_rcu - iterate under rcu_read_lock() (needs <linux/rcupdate.h>). */
#define list_for_each_rcu(pos, head)			\
	for (pos = rcu_dereference((head)->next);	\
	     !list_is_head(pos, (head));		\
	     pos = rcu_dereference(pos->next))

/* list_for_each_continue - continue iterating after the current @pos. */
#define list_for_each_continue(pos, head) \
	for (pos = pos->next; !list_is_head(pos, (head)); pos = pos->next)

/* list_for_each_prev - iterate backwards. */
#define list_for_each_prev(pos, head) \
	for (pos = (head)->prev; !list_is_head(pos, (head)); pos = pos->prev)

/* list_for_each_safe - iterate, allowing @pos to be removed (@n holds the next one). */
#define list_for_each_safe(pos, n, head)		\
	for (pos = (head)->next, n = pos->next;		\
	     !list_is_head(pos, (head));		\
	     pos = n, n = pos->next)

/* list_for_each_prev_safe - iterate backwards, allowing @pos to be removed. */
#define list_for_each_prev_safe(pos, n, head)		\
	for (pos = (head)->prev, n = pos->prev;		\
	     !list_is_head(pos, (head));		\
	     pos = n, n = pos->prev)

/**
 * list_count_nodes - the number of entries in the list
 * @head: the list head
 */
static inline size_t list_count_nodes(struct list_head *head)
{
	struct list_head *pos;
	size_t count = 0;

	list_for_each(pos, head)
		count++;
	return count;
}

/* list_entry_is_head - is the entry @pos really the container of the head? */
#define list_entry_is_head(pos, head, member) \
	list_is_head(&pos->member, (head))

/* list_for_each_entry - iterate @pos over the entries (containers) of @head. */
#define list_for_each_entry(pos, head, member)				\
	for (pos = list_first_entry(head, typeof(*pos), member);	\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

/* list_for_each_entry_reverse - iterate over the entries backwards. */
#define list_for_each_entry_reverse(pos, head, member)			\
	for (pos = list_last_entry(head, typeof(*pos), member);		\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_prev_entry(pos, member))

/* list_prepare_entry - @pos, or the head's container if @pos is NULL: a start for _continue. */
#define list_prepare_entry(pos, head, member) \
	((pos) ? : list_entry(head, typeof(*pos), member))

/* list_for_each_entry_continue - iterate from the entry after @pos. */
#define list_for_each_entry_continue(pos, head, member)		\
	for (pos = list_next_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

/* list_for_each_entry_continue_reverse - iterate backwards from the entry before @pos. */
#define list_for_each_entry_continue_reverse(pos, head, member)	\
	for (pos = list_prev_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_prev_entry(pos, member))

/* list_for_each_entry_from - iterate from @pos itself. */
#define list_for_each_entry_from(pos, head, member)			\
	for (; !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

/* list_for_each_entry_from_reverse - iterate backwards from @pos itself. */
#define list_for_each_entry_from_reverse(pos, head, member)		\
	for (; !list_entry_is_head(pos, head, member);			\
	     pos = list_prev_entry(pos, member))

/* list_for_each_entry_safe - iterate over the entries, allowing @pos to be removed. */
#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_first_entry(head, typeof(*pos), member),	\
		n = list_next_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = n, n = list_next_entry(n, member))

/* list_for_each_entry_safe_continue - the safe iteration from the entry after @pos. */
#define list_for_each_entry_safe_continue(pos, n, head, member)	\
	for (pos = list_next_entry(pos, member),			\
		n = list_next_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = n, n = list_next_entry(n, member))

/* list_for_each_entry_safe_from - the safe iteration from @pos itself. */
#define list_for_each_entry_safe_from(pos, n, head, member)		\
	for (n = list_next_entry(pos, member);				\
	     !list_entry_is_head(pos, head, member);			\
	     pos = n, n = list_next_entry(n, member))

/* list_for_each_entry_safe_reverse - the safe iteration, backwards. */
#define list_for_each_entry_safe_reverse(pos, n, head, member)		\
	for (pos = list_last_entry(head, typeof(*pos), member),	\
		n = list_prev_entry(pos, member);			\
	     !list_entry_is_head(pos, head, member);			\
	     pos = n, n = list_prev_entry(n, member))

/* list_safe_reset_next - recompute @n after the list changed under a _safe iteration. */
#define list_safe_reset_next(pos, n, member) \
	n = list_next_entry(pos, member)

/*
 * Hash lists: the head is a single pointer (half the size of a list_head), so tables of them
 * are compact; the tail cannot be reached in O(1). An entry's pprev points at the pointer that
 * points at it.
 */
#define HLIST_HEAD_INIT { .first = NULL }
#define HLIST_HEAD(name) struct hlist_head name = { .first = NULL }
#define INIT_HLIST_HEAD(ptr) ((ptr)->first = NULL)

/**
 * INIT_HLIST_NODE - mark @h as not on any hash list
 * @h: the node
 */
static inline void INIT_HLIST_NODE(struct hlist_node *h)
{
	h->next = NULL;
	h->pprev = NULL;
}

/**
 * hlist_unhashed - is @h on no list (initialised or hlist_del_init()'ed)?
 * @h: the node
 */
static inline int hlist_unhashed(const struct hlist_node *h)
{
	return !h->pprev;
}

/**
 * hlist_unhashed_lockless - hlist_unhashed() for use without the list's lock
 * @h: the node
 */
static inline int hlist_unhashed_lockless(const struct hlist_node *h)
{
	return !READ_ONCE(h->pprev);
}

/**
 * hlist_empty - is the hash list empty?
 * @h: the head
 */
static inline int hlist_empty(const struct hlist_head *h)
{
	return !READ_ONCE(h->first);
}

static inline void __hlist_del(struct hlist_node *n)
{
	struct hlist_node *next = n->next;
	struct hlist_node **pprev = n->pprev;

	WRITE_ONCE(*pprev, next);
	if (next)
		WRITE_ONCE(next->pprev, pprev);
}

/**
 * hlist_del - unlink @n; its pointers are poisoned afterwards
 * @n: the node
 */
static inline void hlist_del(struct hlist_node *n)
{
	__hlist_del(n);
	n->next = LIST_POISON1;
	n->pprev = LIST_POISON2;
}

/**
 * hlist_del_init - unlink @n if it is hashed and mark it unhashed
 * @n: the node
 */
static inline void hlist_del_init(struct hlist_node *n)
{
	if (!hlist_unhashed(n)) {
		__hlist_del(n);
		INIT_HLIST_NODE(n);
	}
}

/**
 * hlist_add_head - add @n at the front of @h
 * @n: the node
 * @h: the head
 */
static inline void hlist_add_head(struct hlist_node *n, struct hlist_head *h)
{
	struct hlist_node *first = h->first;

	WRITE_ONCE(n->next, first);
	if (first)
		WRITE_ONCE(first->pprev, &n->next);
	WRITE_ONCE(h->first, n);
	WRITE_ONCE(n->pprev, &h->first);
}

/**
 * hlist_add_before - add @n just before @next, which must be on a list
 * @n: the new node
 * @next: the node to add it before
 */
static inline void hlist_add_before(struct hlist_node *n, struct hlist_node *next)
{
	WRITE_ONCE(n->pprev, next->pprev);
	WRITE_ONCE(n->next, next);
	WRITE_ONCE(next->pprev, &n->next);
	WRITE_ONCE(*(n->pprev), n);
}

/**
 * hlist_add_behind - add @n just after @prev, which must be on a list
 * @n: the new node
 * @prev: the node to add it after
 */
static inline void hlist_add_behind(struct hlist_node *n, struct hlist_node *prev)
{
	WRITE_ONCE(n->next, prev->next);
	WRITE_ONCE(prev->next, n);
	WRITE_ONCE(n->pprev, &prev->next);

	if (n->next)
		WRITE_ONCE(n->next->pprev, &n->next);
}

/**
 * hlist_add_fake - make @n look hashed while on no list (hlist_del() on it is harmless)
 * @n: the node
 */
static inline void hlist_add_fake(struct hlist_node *n)
{
	n->pprev = &n->next;
}

/**
 * hlist_fake - was @h made hashed by hlist_add_fake()?
 * @h: the node
 */
static inline bool hlist_fake(struct hlist_node *h)
{
	return h->pprev == &h->next;
}

/**
 * hlist_is_singular_node - is @n the only node of @h?
 * @n: the node (must be hashed)
 * @h: the head
 */
static inline bool hlist_is_singular_node(struct hlist_node *n, struct hlist_head *h)
{
	return !n->next && n->pprev == &h->first;
}

/**
 * hlist_move_list - move every node of @old to the empty head @new
 * @old: the source head, empty afterwards
 * @new: the destination head
 */
static inline void hlist_move_list(struct hlist_head *old, struct hlist_head *new)
{
	new->first = old->first;
	if (new->first)
		new->first->pprev = &new->first;
	old->first = NULL;
}

/**
 * hlist_splice_init - move the nodes of @from to the front of @to
 * @from: the source head (not empty), empty afterwards
 * @last: the last node of @from
 * @to: the destination head
 */
static inline void hlist_splice_init(struct hlist_head *from, struct hlist_node *last,
				     struct hlist_head *to)
{
	if (to->first)
		to->first->pprev = &last->next;
	last->next = to->first;
	to->first = from->first;
	from->first->pprev = &to->first;
	from->first = NULL;
}

#define hlist_entry(ptr, type, member) container_of(ptr, type, member)

#define hlist_for_each(pos, head) \
	for (pos = (head)->first; pos; pos = pos->next)

#define hlist_for_each_safe(pos, n, head) \
	for (pos = (head)->first; pos && ({ n = pos->next; 1; }); pos = n)

/* hlist_entry_safe - the container of @ptr, or NULL if @ptr is NULL. */
#define hlist_entry_safe(ptr, type, member) ({					\
	typeof(ptr) ____ptr = (ptr);						\
	____ptr ? hlist_entry(____ptr, type, member) : NULL;			\
})

/* hlist_for_each_entry - iterate @pos over the entries of @head. */
#define hlist_for_each_entry(pos, head, member)					\
	for (pos = hlist_entry_safe((head)->first, typeof(*(pos)), member);	\
	     pos;								\
	     pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))

/* hlist_for_each_entry_continue - iterate from the entry after @pos. */
#define hlist_for_each_entry_continue(pos, member)				\
	for (pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member);	\
	     pos;								\
	     pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))

/* hlist_for_each_entry_from - iterate from @pos itself. */
#define hlist_for_each_entry_from(pos, member)					\
	for (; pos;								\
	     pos = hlist_entry_safe((pos)->member.next, typeof(*(pos)), member))

/* hlist_for_each_entry_safe - iterate, allowing @pos to be removed (@n: next hlist_node). */
#define hlist_for_each_entry_safe(pos, n, head, member)				\
	for (pos = hlist_entry_safe((head)->first, typeof(*pos), member);	\
	     pos && ({ n = pos->member.next; 1; });				\
	     pos = hlist_entry_safe(n, typeof(*pos), member))

/**
 * hlist_count_nodes - the number of nodes on the hash list
 * @head: the head
 */
static inline size_t hlist_count_nodes(struct hlist_head *head)
{
	struct hlist_node *pos;
	size_t count = 0;

	hlist_for_each(pos, head)
		count++;
	return count;
}

#endif /* _LINUX_LIST_H */
