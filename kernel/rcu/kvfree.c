// SPDX-License-Identifier: MIT
/*
 * kfree_rcu() / kvfree_rcu(), batched the kernel's way: the pointer goes into a block of the
 * calling thread (the object's rcu_head is not used), the grace-period kthread
 * takes the blocks of every thread, waits for one grace period, and frees each block's objects
 * with one kfree_bulk(). Only when no block can be allocated does an object with an rcu_head
 * get linked through it, and an object without one (kvfree_rcu_mightsleep()) is freed inline
 * after synchronize_rcu().
 */
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/export.h>

#include "arch/host/host.h"
#include "kernel/rcu/rcu.h"

/*
 * Blocks are krt's own bookkeeping (host memory, never kernel objects, so never counted as
 * leaks). Emptied blocks are kept for reuse, as the kernel keeps a per-CPU page cache for
 * them: a page-sized host allocation among many freed small objects is slow (the host heap
 * consolidates them first), and a steady stream of kfree_rcu() should not allocate at all.
 */
#define KVFREE_BLOCK_CACHE_MAX	1024

DEFINE_HOST_MUTEX_FORK_SAFE(block_cache_lock);
static struct kvfree_rcu_bulk_data *block_cache;
static unsigned int block_cache_nr;

static struct kvfree_rcu_bulk_data *kvfree_block_alloc(void)
{
	struct kvfree_rcu_bulk_data *bnode;

	host_mutex_lock(&block_cache_lock);
	bnode = block_cache;
	if (bnode) {
		block_cache = bnode->next;
		block_cache_nr--;
	}
	host_mutex_unlock(&block_cache_lock);
	if (!bnode)
		bnode = host_alloc(KVFREE_BLOCK_SIZE);
	if (bnode) {
		bnode->next = NULL;
		bnode->nr_records = 0;
	}
	return bnode;
}

static void kvfree_block_free(struct kvfree_rcu_bulk_data *bnode)
{
	host_mutex_lock(&block_cache_lock);
	if (block_cache_nr < KVFREE_BLOCK_CACHE_MAX) {
		bnode->next = block_cache;
		block_cache = bnode;
		block_cache_nr++;
		bnode = NULL;
	}
	host_mutex_unlock(&block_cache_lock);
	host_free(bnode);
}

/**
 * kvfree_call_rcu - queue @ptr to be kvfree()d after a grace period
 * @head: the object's rcu_head, or NULL for the head-less kvfree_rcu_mightsleep()
 * @ptr: the object
 *
 * Never sleeps when @head is given; the head-less form may sleep and says so.
 */
void kvfree_call_rcu(struct rcu_head *head, void *ptr)
{
	struct kvfree_rcu_bulk_data *bnode, *fresh = NULL;
	struct rcu_data *rdp;
	bool kick;

	if (!head)
		might_sleep();

	rdp = rcu_data_this();
	rcu_data_lock(rdp);
	bnode = rdp->bkvhead;
	if (unlikely(!bnode || bnode->nr_records >= KVFREE_BULK_MAX_ENTR)) {
		/* Allocate outside the lock; only this thread adds to its blocks meanwhile. */
		rcu_data_unlock(rdp);
		fresh = kvfree_block_alloc();
		rcu_data_lock(rdp);
		bnode = rdp->bkvhead;
		if (!bnode || bnode->nr_records >= KVFREE_BULK_MAX_ENTR) {
			if (fresh) {
				fresh->next = bnode;
				rdp->bkvhead = fresh;
				bnode = fresh;
				fresh = NULL;
			} else {
				bnode = NULL;
			}
		}
	}

	if (likely(bnode)) {
		bnode->records[bnode->nr_records++] = ptr;
		WRITE_ONCE(rdp->kv_len, rdp->kv_len + 1);
	} else if (head) {
		/* No memory for a block: chain the object through its own rcu_head. */
		head->func = (rcu_callback_t)ptr;
		head->next = rdp->kv_heads;
		rdp->kv_heads = head;
		WRITE_ONCE(rdp->kv_heads_len, rdp->kv_heads_len + 1);
	} else {
		/* Head-less and no memory: wait here (this context may sleep). */
		rcu_data_unlock(rdp);
		synchronize_rcu();
		kvfree(ptr);
		return;
	}
	kick = rcu_data_mark_pending(rdp);
	rcu_data_unlock(rdp);
	if (fresh)
		kvfree_block_free(fresh);
	if (unlikely(kick))
		rcu_gp_kick();
}
EXPORT_SYMBOL(kvfree_call_rcu);

/**
 * kvfree_rcu_batch_free - free the kfree_rcu() objects of a batch whose grace period ended
 * @b: the batch
 */
void kvfree_rcu_batch_free(struct rcu_batch *b)
{
	struct kvfree_rcu_bulk_data *bnode, *next;
	struct rcu_head *head, *hnext;

	for (bnode = b->blocks; bnode; bnode = next) {
		next = bnode->next;
		kfree_bulk(bnode->nr_records, bnode->records);
		kvfree_block_free(bnode);
	}
	for (head = b->kv_heads; head; head = hnext) {
		hnext = head->next;
		kvfree((void *)head->func);
	}
}
