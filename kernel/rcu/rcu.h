/* SPDX-License-Identifier: MIT */
/*
 * RCU internals shared by kernel/rcu/: the per-thread callback queues (the kernel's per-CPU
 * rcu_data and kfree_rcu_cpu), the grace-period sequence number, and the batch that the
 * grace-period kthread processes.
 */
#ifndef _KERNEL_RCU_RCU_H
#define _KERNEL_RCU_RCU_H

#include <linux/rcupdate.h>
#include <linux/list.h>
#include <linux/sched.h>
#include <asm/page_types.h>

/*
 * liburcu memb's update side and thread registry (declared here: <urcu/urcu-memb.h> would also
 * bring liburcu's rcu_dereference()/rcu_assign_pointer() macros, which clash with the kernel's).
 */
extern void urcu_memb_synchronize_rcu(void);
extern void urcu_memb_register_thread(void);
extern void urcu_memb_unregister_thread(void);

/* --- grace-period sequence numbers (as the kernel's rcu_seq) ------------------------------ */

/* Low bits: a grace period is in progress; the rest counts grace periods. */
static inline unsigned long rcu_seq_snap(unsigned long *sp)
{
	unsigned long s;

	smp_mb();
	s = (READ_ONCE(*sp) + 2 * RCU_SEQ_STATE_MASK + 1) & ~RCU_SEQ_STATE_MASK;
	smp_mb();
	return s;
}

static inline void rcu_seq_start(unsigned long *sp)
{
	WRITE_ONCE(*sp, *sp + 1);
	smp_mb();
}

static inline void rcu_seq_end(unsigned long *sp)
{
	smp_mb();
	WRITE_ONCE(*sp, (*sp | RCU_SEQ_STATE_MASK) + 1);
}

static inline bool rcu_seq_done(unsigned long *sp, unsigned long s)
{
	return ULONG_CMP_GE(READ_ONCE(*sp), s);
}

/* rcu_seq_done() that also copes with a counter that wrapped far past @s. */
static inline bool rcu_seq_done_exact(unsigned long *sp, unsigned long s)
{
	unsigned long cur = READ_ONCE(*sp);

	return ULONG_CMP_GE(cur, s) || ULONG_CMP_LT(cur, s - (3 * RCU_SEQ_STATE_MASK + 1));
}

/* The grace-period sequence number (for tests: two grace periods apart is 2 << 2). */
unsigned long rcu_get_gp_seq(void);

/* --- kfree_rcu() blocks ------------------------------------------------------------------- */

/* A block of pointers to free after a grace period. */
struct kvfree_rcu_bulk_data {
	struct kvfree_rcu_bulk_data *next;
	unsigned long nr_records;
	void *records[];
};

/*
 * The kernel's blocks are pages. krt's come from the host heap, where a request of 1 KiB or
 * more first consolidates every small free chunk (glibc), and the objects kfree_rcu() has just
 * freed are exactly that: blocks stay just below, at 124 pointers.
 */
#define KVFREE_BLOCK_SIZE	1008
#define KVFREE_BULK_MAX_ENTR \
	((KVFREE_BLOCK_SIZE - sizeof(struct kvfree_rcu_bulk_data)) / sizeof(void *))

/* --- per-thread queues --------------------------------------------------------------------- */

/*
 * What one thread queued since the grace-period kthread last took its work. Only the owner
 * thread adds, only the kthread takes; the tiny lock between them is uncontended in practice.
 */
struct rcu_data {
	u32 lock;
	bool pending;			/* work queued since the last harvest */
	bool dead;			/* the thread exited: the kthread frees this when empty */
	/* call_rcu() callbacks, in order */
	struct rcu_head *cb_head;
	struct rcu_head **cb_tail;
	long cb_len;
	/* kfree_rcu(): blocks of pointers, the one being filled first */
	struct kvfree_rcu_bulk_data *bkvhead;
	long kv_len;
	/* kfree_rcu() objects that found no block: linked through their rcu_head (func = ptr) */
	struct rcu_head *kv_heads;
	long kv_heads_len;
	struct list_head node;		/* on the list of all rcu_data */
};

/* Everything one grace period will serve. */
struct rcu_batch {
	struct rcu_head *cb_head;
	struct rcu_head **cb_tail;
	long cb_len;
	struct kvfree_rcu_bulk_data *blocks;
	long kv_len;
	struct rcu_head *kv_heads;
	long kv_heads_len;
};

void __rcu_data_lock_slow(struct rcu_data *rdp);

/* Lock @rdp against the grace-period kthread's harvest (uncontended: one atomic exchange). */
static inline void rcu_data_lock(struct rcu_data *rdp)
{
	if (unlikely(__atomic_exchange_n(&rdp->lock, 1, __ATOMIC_ACQUIRE)))
		__rcu_data_lock_slow(rdp);
}

static inline void rcu_data_unlock(struct rcu_data *rdp)
{
	__atomic_store_n(&rdp->lock, 0, __ATOMIC_RELEASE);
}

extern __thread struct rcu_data *rcu_data_tls __attribute__((tls_model("initial-exec")));
struct rcu_data *rcu_data_create(void);

/* The calling thread's rcu_data, created (and the grace-period kthread started) on first use. */
static inline struct rcu_data *rcu_data_this(void)
{
	struct rcu_data *rdp = rcu_data_tls;

	if (likely(rdp))
		return rdp;
	return rcu_data_create();
}

/*
 * rcu_data_mark_pending - note that @rdp (locked) has work; returns true when it had none, in
 * which case the caller calls rcu_gp_kick() after unlocking.
 */
static inline bool rcu_data_mark_pending(struct rcu_data *rdp)
{
	if (rdp->pending)
		return false;
	WRITE_ONCE(rdp->pending, true);
	return true;
}

/* Make sure the grace-period kthread will look at newly pending work. */
void rcu_gp_kick(void);

/* Wait for a full grace period that starts after the call (batched with other waiters). */
void rcu_gp_sync(void);

/* kvfree.c: free the kfree_rcu() part of a batch after its grace period. */
void kvfree_rcu_batch_free(struct rcu_batch *b);

/* The calling thread is leaving krt: hand its queues to the grace-period kthread. */
void rcu_thread_offline(void);

#endif /* _KERNEL_RCU_RCU_H */
