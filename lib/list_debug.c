// SPDX-License-Identifier: MIT
/*
 * CONFIG_DEBUG_LIST: the link checks behind list_add() and list_del(). A failed check prints
 * the kernel's report as a WARNING (CHECK_DATA_CORRUPTION) and makes the caller skip the
 * operation, so the corrupt list is not made worse.
 */
#include <linux/bug.h>
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/list.h>

/**
 * __list_add_valid_or_report - may @new be linked between @prev and @next?
 * @new: the entry to insert
 * @prev: the entry that will precede it
 * @next: the entry that will follow it
 *
 * Return: true if @prev and @next are non-NULL, point to each other and differ from @new;
 * otherwise false after a "list_add corruption" or "list_add double add" warning.
 */
bool __list_add_valid_or_report(struct list_head *new, struct list_head *prev,
				struct list_head *next)
{
	if (CHECK_DATA_CORRUPTION(prev == NULL, "list_add corruption. prev is NULL.\n") ||
	    CHECK_DATA_CORRUPTION(next == NULL, "list_add corruption. next is NULL.\n") ||
	    CHECK_DATA_CORRUPTION(next->prev != prev,
			"list_add corruption. next->prev should be prev (%px), but was %px. (next=%px).\n",
			prev, next->prev, next) ||
	    CHECK_DATA_CORRUPTION(prev->next != next,
			"list_add corruption. prev->next should be next (%px), but was %px. (prev=%px).\n",
			next, prev->next, prev) ||
	    CHECK_DATA_CORRUPTION(new == prev || new == next,
			"list_add double add: new=%px, prev=%px, next=%px.\n",
			new, prev, next))
		return false;
	return true;
}
EXPORT_SYMBOL(__list_add_valid_or_report);

/**
 * __list_del_entry_valid_or_report - may @entry be unlinked?
 * @entry: the entry
 *
 * Return: true if @entry's neighbours are non-NULL, not poisoned and point back at it;
 * otherwise false after a "list_del corruption" warning.
 */
bool __list_del_entry_valid_or_report(struct list_head *entry)
{
	struct list_head *prev = entry->prev;
	struct list_head *next = entry->next;

	if (CHECK_DATA_CORRUPTION(next == NULL,
			"list_del corruption, %px->next is NULL\n", entry) ||
	    CHECK_DATA_CORRUPTION(prev == NULL,
			"list_del corruption, %px->prev is NULL\n", entry) ||
	    CHECK_DATA_CORRUPTION(next == LIST_POISON1,
			"list_del corruption, %px->next is LIST_POISON1 (%px)\n",
			entry, LIST_POISON1) ||
	    CHECK_DATA_CORRUPTION(prev == LIST_POISON2,
			"list_del corruption, %px->prev is LIST_POISON2 (%px)\n",
			entry, LIST_POISON2) ||
	    CHECK_DATA_CORRUPTION(prev->next != entry,
			"list_del corruption. prev->next should be %px, but was %px. (prev=%px)\n",
			entry, prev->next, prev) ||
	    CHECK_DATA_CORRUPTION(next->prev != entry,
			"list_del corruption. next->prev should be %px, but was %px. (next=%px)\n",
			entry, next->prev, next))
		return false;
	return true;
}
EXPORT_SYMBOL(__list_del_entry_valid_or_report);
