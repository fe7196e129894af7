/* SPDX-License-Identifier: MIT */
/*
 * The stack depot (lib/stackdepot.c): stores each distinct stack trace once and hands out a
 * 32-bit handle for it, so that objects can remember where they were allocated or freed for
 * four bytes each. Saving a stack that is already stored takes no lock and allocates nothing.
 *
 * Records live in memory from the host heap (never kmalloc, so the allocators themselves can
 * use the depot) and stay valid for the life of the process.
 */
#ifndef _LINUX_STACKDEPOT_H
#define _LINUX_STACKDEPOT_H

#include <linux/types.h>

typedef u32 depot_stack_handle_t;
typedef u32 depot_flags_t;

/* Bits of a handle that users may set for their own purposes (stack_depot_set_extra_bits). */
#define STACK_DEPOT_EXTRA_BITS 5

/* Longest stack stored; longer ones are cut (CONFIG_STACKDEPOT_MAX_FRAMES). */
#define CONFIG_STACKDEPOT_MAX_FRAMES 64

/* May allocate memory for new records (krt always can: the host heap works in any context). */
#define STACK_DEPOT_FLAG_CAN_ALLOC	((depot_flags_t)0x0001)
/* Take a reference on the record, to be dropped with stack_depot_put(). */
#define STACK_DEPOT_FLAG_GET		((depot_flags_t)0x0002)
#define STACK_DEPOT_FLAGS_NUM	2
#define STACK_DEPOT_FLAGS_MASK	((depot_flags_t)((1 << STACK_DEPOT_FLAGS_NUM) - 1))

static inline int stack_depot_init(void)
{
	return 0;
}

static inline void stack_depot_request_early_init(void)
{
}

static inline int stack_depot_early_init(void)
{
	return 0;
}

depot_stack_handle_t stack_depot_save_flags(unsigned long *entries, unsigned int nr_entries,
					    gfp_t alloc_flags, depot_flags_t depot_flags);
depot_stack_handle_t stack_depot_save(unsigned long *entries, unsigned int nr_entries,
				      gfp_t alloc_flags);
unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries);
void stack_depot_print(depot_stack_handle_t stack);
int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces);
void stack_depot_put(depot_stack_handle_t handle);
depot_stack_handle_t __must_check stack_depot_set_extra_bits(depot_stack_handle_t handle,
							     unsigned int extra_bits);
unsigned int stack_depot_get_extra_bits(depot_stack_handle_t handle);

#endif /* _LINUX_STACKDEPOT_H */
