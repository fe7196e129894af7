// SPDX-License-Identifier: MIT
/*
 * The stack depot: a hash table of stack traces, each stored once, named by a 32-bit handle.
 *
 * Records are carved from 64 KiB pools taken from the host heap (so that kmalloc and the page
 * allocator can record stacks without recursing into themselves) and are never moved or freed:
 * a handle stays valid for the life of the process. A handle is the pool number (plus one, so
 * that 0 is never valid) and the record's offset in the pool, in 16-byte units, with
 * STACK_DEPOT_EXTRA_BITS on top for the users.
 *
 * Looking up a stack that is already stored is lock-free: bucket chains are only ever
 * extended at the head, by a release store of a fully written record. Adding a record takes a
 * small lock; that happens once per distinct stack.
 */
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <string.h>

#include "arch/host/host.h"

#define DEPOT_POOL_SIZE		(64 * 1024)
#define DEPOT_STACK_ALIGN	16
#define DEPOT_OFFSET_BITS	12	/* DEPOT_POOL_SIZE / DEPOT_STACK_ALIGN offsets */
#define DEPOT_HANDLE_BITS	(32 - STACK_DEPOT_EXTRA_BITS)
#define DEPOT_POOL_INDEX_BITS	(DEPOT_HANDLE_BITS - DEPOT_OFFSET_BITS)
#define DEPOT_MAX_POOLS		((1U << DEPOT_POOL_INDEX_BITS) - 1)
#define DEPOT_HANDLE_MASK	((1U << DEPOT_HANDLE_BITS) - 1)

#define DEPOT_TABLE_BITS	16
#define DEPOT_TABLE_SIZE	(1U << DEPOT_TABLE_BITS)

static_assert(DEPOT_POOL_SIZE / DEPOT_STACK_ALIGN == 1 << DEPOT_OFFSET_BITS);

struct stack_record {
	struct stack_record *next;	/* the next record in this hash bucket */
	u32 hash;
	u32 size;			/* number of entries */
	depot_stack_handle_t handle;	/* without extra bits */
	atomic_t refcount;		/* references taken with STACK_DEPOT_FLAG_GET */
	unsigned long entries[];
};

static struct stack_record *stack_table[DEPOT_TABLE_SIZE];
static char *pools[DEPOT_MAX_POOLS];
static unsigned int pool_index;		/* the pool being filled */
static unsigned int pool_offset;	/* its first free byte */
static unsigned int pools_used;		/* pools[0..pools_used) exist; read locklessly */
static atomic_t depot_lock = ATOMIC_INIT(0);

/* Writers only: a spinning lock that yields the processor if the holder was preempted. */
static void depot_lock_acquire(void)
{
	unsigned int spins = 0;

	while (atomic_xchg_acquire(&depot_lock, 1)) {
		if (++spins % 64)
			cpu_relax();
		else
			host_yield();
	}
}

static void depot_lock_release(void)
{
	atomic_set_release(&depot_lock, 0);
}

static u32 hash_stack(const unsigned long *entries, unsigned int size)
{
	u64 h = 0x9e3779b97f4a7c15ULL ^ size;
	unsigned int i;

	for (i = 0; i < size; i++) {
		h ^= entries[i];
		h *= 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	return (u32)(h ^ (h >> 29));
}

static struct stack_record *find_stack(struct stack_record *head, u32 hash,
				       const unsigned long *entries, unsigned int size)
{
	struct stack_record *r;

	/* Pairs with the release that published each record: its contents are complete. */
	for (r = head; r; r = smp_load_acquire(&r->next)) {
		if (r->hash == hash && r->size == size &&
		    !memcmp(r->entries, entries, size * sizeof(entries[0])))
			return r;
	}
	return NULL;
}

/* Room for a record of @size entries; called with the lock held. NULL when out of memory. */
static struct stack_record *depot_alloc(unsigned int size)
{
	size_t bytes = ALIGN(sizeof(struct stack_record) + size * sizeof(unsigned long),
			     DEPOT_STACK_ALIGN);
	struct stack_record *r;

	if (!pools_used || pool_offset + bytes > DEPOT_POOL_SIZE) {
		char *pool;

		if (pools_used >= DEPOT_MAX_POOLS) {
			WARN_ONCE(1, "Stack depot reached limit capacity");
			return NULL;
		}
		pool = host_aligned_alloc(DEPOT_STACK_ALIGN, DEPOT_POOL_SIZE);
		if (!pool)
			return NULL;
		pool_index = pools_used;
		pools[pool_index] = pool;
		pool_offset = 0;
		/* Publishes pools[pool_index] to handle_to_record()'s lockless readers. */
		smp_store_release(&pools_used, pools_used + 1);
	}
	r = (struct stack_record *)(pools[pool_index] + pool_offset);
	r->handle = ((pool_index + 1) << DEPOT_OFFSET_BITS) | (pool_offset / DEPOT_STACK_ALIGN);
	pool_offset += bytes;
	return r;
}

static struct stack_record *handle_to_record(depot_stack_handle_t handle)
{
	unsigned int h = handle & DEPOT_HANDLE_MASK;
	unsigned int pool = (h >> DEPOT_OFFSET_BITS) - 1;
	unsigned int offset = (h & ((1U << DEPOT_OFFSET_BITS) - 1)) * DEPOT_STACK_ALIGN;

	if (!h)
		return NULL;
	/* Pairs with depot_alloc()'s release: pools[pool] is set. */
	if (WARN(pool >= smp_load_acquire(&pools_used),
		 "pool index %d out of bounds (%d) for stack id %08x\n", (int)pool,
		 (int)pools_used, handle))
		return NULL;
	return (struct stack_record *)(pools[pool] + offset);
}

/**
 * stack_depot_save_flags - store a stack trace once and get its handle
 * @entries: return addresses
 * @nr_entries: how many (more than CONFIG_STACKDEPOT_MAX_FRAMES are cut)
 * @alloc_flags: the caller's allocation context; krt's depot allocates from the host heap,
 *	which works in any context
 * @depot_flags: STACK_DEPOT_FLAG_GET takes a reference to drop with stack_depot_put();
 *	STACK_DEPOT_FLAG_CAN_ALLOC is implied
 *
 * Return: the handle, or 0 for an empty trace or when memory ran out.
 */
depot_stack_handle_t stack_depot_save_flags(unsigned long *entries, unsigned int nr_entries,
					    gfp_t alloc_flags, depot_flags_t depot_flags)
{
	struct stack_record **bucket, *found;
	u32 hash;

	if (WARN_ON(depot_flags & ~STACK_DEPOT_FLAGS_MASK))
		return 0;
	if (unlikely(!nr_entries))
		return 0;
	if (nr_entries > CONFIG_STACKDEPOT_MAX_FRAMES)
		nr_entries = CONFIG_STACKDEPOT_MAX_FRAMES;

	hash = hash_stack(entries, nr_entries);
	bucket = &stack_table[hash & (DEPOT_TABLE_SIZE - 1)];
	/* Pairs with the release below: a record seen in the chain is fully written. */
	found = find_stack(smp_load_acquire(bucket), hash, entries, nr_entries);
	if (!found) {
		depot_lock_acquire();
		/* Another thread may have added it since the lockless look. */
		found = find_stack(*bucket, hash, entries, nr_entries);
		if (!found) {
			found = depot_alloc(nr_entries);
			if (found) {
				found->hash = hash;
				found->size = nr_entries;
				atomic_set(&found->refcount, 1);
				memcpy(found->entries, entries, nr_entries * sizeof(entries[0]));
				found->next = *bucket;
				/* Publish only the complete record (see the acquires). */
				smp_store_release(bucket, found);
			}
		}
		depot_lock_release();
		if (!found)
			return 0;
	}
	if (depot_flags & STACK_DEPOT_FLAG_GET)
		atomic_inc(&found->refcount);
	return found->handle;
}

/**
 * stack_depot_save - store a stack trace once and get its handle
 * @entries: return addresses
 * @nr_entries: how many
 * @alloc_flags: the caller's allocation context (see stack_depot_save_flags())
 *
 * Return: the handle, or 0 for an empty trace or when memory ran out.
 */
depot_stack_handle_t stack_depot_save(unsigned long *entries, unsigned int nr_entries,
				      gfp_t alloc_flags)
{
	return stack_depot_save_flags(entries, nr_entries, alloc_flags,
				      STACK_DEPOT_FLAG_CAN_ALLOC);
}

/**
 * stack_depot_fetch - the stack trace behind a handle
 * @handle: from stack_depot_save(), extra bits allowed
 * @entries: set to the stored return addresses (NULL for handle 0)
 *
 * Return: the number of entries, 0 for handle 0 or an invalid handle.
 */
unsigned int stack_depot_fetch(depot_stack_handle_t handle, unsigned long **entries)
{
	struct stack_record *r = handle_to_record(handle);

	*entries = NULL;
	if (!r)
		return 0;
	*entries = r->entries;
	return r->size;
}

/**
 * stack_depot_print - print the stack trace behind a handle with printk, one frame per line
 * @stack: the handle
 */
void stack_depot_print(depot_stack_handle_t stack)
{
	unsigned long *entries;
	unsigned int nr_entries = stack_depot_fetch(stack, &entries);

	if (nr_entries > 0)
		stack_trace_print(entries, nr_entries, 0);
}

/**
 * stack_depot_snprint - print the stack trace behind a handle into a buffer
 * @handle: the handle
 * @buf: the buffer
 * @size: its size
 * @spaces: indentation of each line (plus one space)
 *
 * Return: the number of characters generated (see stack_trace_snprint()), 0 for no trace.
 */
int stack_depot_snprint(depot_stack_handle_t handle, char *buf, size_t size, int spaces)
{
	unsigned long *entries;
	unsigned int nr_entries = stack_depot_fetch(handle, &entries);

	return nr_entries ? stack_trace_snprint(buf, size, entries, nr_entries, spaces) : 0;
}

/**
 * stack_depot_put - drop a reference taken with STACK_DEPOT_FLAG_GET
 * @handle: the handle
 *
 * Dropping more references than were taken WARNs. krt keeps every record for the life of the
 * process, so the handle stays usable after its last reference is gone.
 */
void stack_depot_put(depot_stack_handle_t handle)
{
	struct stack_record *r = handle_to_record(handle);

	if (!r)
		return;
	WARN_ON(atomic_dec_return(&r->refcount) < 1);
}

/**
 * stack_depot_set_extra_bits - store user bits in a handle
 * @handle: a handle (0 stays 0: there is nothing to attach the bits to)
 * @extra_bits: the value, STACK_DEPOT_EXTRA_BITS wide
 *
 * Return: the handle with the bits.
 */
depot_stack_handle_t stack_depot_set_extra_bits(depot_stack_handle_t handle,
						unsigned int extra_bits)
{
	if (!handle)
		return 0;
	return (handle & DEPOT_HANDLE_MASK) | (extra_bits << DEPOT_HANDLE_BITS);
}

/**
 * stack_depot_get_extra_bits - the user bits of a handle
 * @handle: the handle
 *
 * Return: what stack_depot_set_extra_bits() stored.
 */
unsigned int stack_depot_get_extra_bits(depot_stack_handle_t handle)
{
	return handle >> DEPOT_HANDLE_BITS;
}
