// SPDX-License-Identifier: MIT
/*
 * Stable merge sort of a list_head list, bottom up, without allocation: O(n log n)
 * comparisons, O(log n) stack.
 */
#include <linux/compiler.h>
#include <linux/export.h>
#include <linux/list.h>
#include <linux/list_sort.h>

/*
 * Merge two NULL-terminated, sorted, singly linked (through ->next) runs. @a holds elements
 * that were earlier in the list than those of @b, and wins ties: that is what makes the sort
 * stable.
 */
static struct list_head *merge(void *priv, list_cmp_func_t cmp, struct list_head *a,
			       struct list_head *b)
{
	struct list_head *head = NULL, **tail = &head;

	while (a && b) {
		if (cmp(priv, a, b) <= 0) {
			*tail = a;
			a = a->next;
		} else {
			*tail = b;
			b = b->next;
		}
		tail = &(*tail)->next;
	}
	*tail = a ? a : b;
	return head;
}

/**
 * list_sort - sort a list, keeping equal elements in their original order
 * @priv: passed to @cmp
 * @head: the list
 * @cmp: returns > 0 if its first element must come after the second, <= 0 otherwise; it is
 *	 always called with the element that was earlier in the list as first element
 */
void list_sort(void *priv, struct list_head *head, list_cmp_func_t cmp)
{
	/*
	 * pending[i] is either NULL or a sorted run of exactly 2^i elements; together they act
	 * as a binary counter of the elements seen so far. Higher slots hold older elements.
	 */
	struct list_head *pending[BITS_PER_LONG] = { NULL };
	struct list_head *list, *prev, *run;
	unsigned int i, top = 0;

	if (list_empty(head) || list_is_singular(head))
		return;

	/* Work on a NULL-terminated singly linked chain; ->prev is rebuilt at the end. */
	list = head->next;
	head->prev->next = NULL;

	while (list) {
		run = list;
		list = list->next;
		run->next = NULL;

		for (i = 0; pending[i]; i++) {
			run = merge(priv, cmp, pending[i], run);
			pending[i] = NULL;
		}
		pending[i] = run;
		if (i + 1 > top)
			top = i + 1;
	}

	/* Collect the runs from the newest (smallest) to the oldest. */
	run = NULL;
	for (i = 0; i < top; i++) {
		if (pending[i])
			run = merge(priv, cmp, pending[i], run);
	}

	/* Relink as a circular doubly linked list. */
	prev = head;
	for (list = run; list; list = list->next) {
		prev->next = list;
		list->prev = prev;
		prev = list;
	}
	prev->next = head;
	head->prev = prev;
}
EXPORT_SYMBOL(list_sort);
