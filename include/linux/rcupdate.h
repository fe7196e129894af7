/* SPDX-License-Identifier: MIT */
/*
 * Read-copy update on liburcu's memb flavour (Debian's liburcu-dev), with the kernel's API and
 * the semantics of non-preemptible tree RCU:
 *
 * - rcu_read_lock() raises the preempt count (so might_sleep() inside reports) and the RCU
 *   nesting count (so lockdep lists "rcu_read_lock"), then enters liburcu's read side with its
 *   inlined fast path. Threads are registered with liburcu when they get their task_struct,
 *   which rcu_read_lock() does itself for a thread that never used krt before.
 * - Only rcu_read_lock*() sections are readers: unlike the kernel, a bare preempt_disable() or
 *   spin_lock() section does not hold off a grace period.
 * - call_rcu() and kfree_rcu() queue per thread; a grace-period kthread waits for one grace
 *   period per batch (urcu_memb_synchronize_rcu()) and then runs the callbacks in emulated
 *   softirq context. kfree_rcu() collects pointers in blocks (no rcu_head is used), which are
 *   freed in bulk. rcu_barrier() waits for both.
 * - The kernel's CONFIG_PROVE_RCU reports are printed: "suspicious RCU usage" for
 *   rcu_dereference_check() outside a reader, for list_for_each_entry_rcu() outside a reader,
 *   and for synchronize_rcu() inside one (which then returns instead of deadlocking).
 *
 * liburcu's read-side fast path is LGPL-2.1 code meant to be inlined (_LGPL_SOURCE): it is a
 * few lines, which the LGPL allows in code under any licence.
 */
#ifndef __LINUX_RCUPDATE_H
#define __LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/atomic.h>
#include <linux/irqflags.h>
#include <linux/preempt.h>
#include <linux/bottom_half.h>
#include <linux/lockdep.h>
#include <linux/stddef.h>
#include <linux/limits.h>
#include <linux/build_bug.h>
#include <linux/instruction_pointer.h>
#include <asm/barrier.h>
#include <asm/current.h>
#include <krt/tsan.h>

#ifndef KRT_TSAN
/* liburcu has a struct rcu_head of its own: keep the kernel's rcu_head macro away from it. */
#pragma push_macro("rcu_head")
#undef rcu_head
#include <urcu/static/urcu-memb.h>
#pragma pop_macro("rcu_head")
#define __krt_urcu_lock()	_urcu_memb_read_lock()
#define __krt_urcu_unlock()	_urcu_memb_read_unlock()
#define __krt_urcu_ongoing()	_urcu_memb_read_ongoing()
#else
/*
 * Under ThreadSanitizer, liburcu's inlined fast path would be instrumented, and its benign
 * races on the grace-period futex reported: use the library's (uninstrumented) copy instead.
 */
void urcu_memb_read_lock(void);
void urcu_memb_read_unlock(void);
int urcu_memb_read_ongoing(void);
#define __krt_urcu_lock()	urcu_memb_read_lock()
#define __krt_urcu_unlock()	urcu_memb_read_unlock()
#define __krt_urcu_ongoing()	urcu_memb_read_ongoing()
#endif

#define ULONG_CMP_GE(a, b)	(ULONG_MAX / 2 >= (a) - (b))
#define ULONG_CMP_LT(a, b)	(ULONG_MAX / 2 < (a) - (b))

#define RCU_SEQ_CTR_SHIFT	2
#define RCU_SEQ_STATE_MASK	((1 << RCU_SEQ_CTR_SHIFT) - 1)

/* A polled-grace-period cookie that is always "completed". */
#define RCU_GET_STATE_COMPLETED	0x1
#define NUM_ACTIVE_RCU_POLL_OLDSTATE 2

/* --- update side (kernel/rcu/tree.c) ------------------------------------------------------- */

void call_rcu(struct rcu_head *head, rcu_callback_t func);
void synchronize_rcu(void);
void synchronize_rcu_expedited(void);
void rcu_barrier(void);
void kvfree_call_rcu(struct rcu_head *head, void *ptr);
unsigned long get_state_synchronize_rcu(void);
unsigned long start_poll_synchronize_rcu(void);
bool poll_state_synchronize_rcu(unsigned long oldstate);
void cond_synchronize_rcu(unsigned long oldstate);
unsigned long get_completed_synchronize_rcu(void);

static inline void call_rcu_hurry(struct rcu_head *head, rcu_callback_t func)
{
	call_rcu(head, func);
}

static inline bool same_state_synchronize_rcu(unsigned long oldstate1, unsigned long oldstate2)
{
	return oldstate1 == oldstate2;
}

#define kvfree_rcu_barrier() rcu_barrier()
#define synchronize_rcu_bh() synchronize_rcu()
#define synchronize_rcu_bh_expedited() synchronize_rcu_expedited()
#define synchronize_sched() synchronize_rcu()
#define synchronize_sched_expedited() synchronize_rcu_expedited()
#define call_rcu_bh(head, func) call_rcu(head, func)
#define call_rcu_sched(head, func) call_rcu(head, func)
#define rcu_barrier_bh() rcu_barrier()
#define rcu_barrier_sched() rcu_barrier()
#define cond_synchronize_rcu_expedited(s) cond_synchronize_rcu(s)
#define start_poll_synchronize_rcu_expedited() start_poll_synchronize_rcu()

/* krt is never idle in the kernel's sense and its CPUs are always online. */
static inline bool rcu_is_watching(void)
{
	return true;
}

static inline bool rcu_lockdep_current_cpu_online(void)
{
	return true;
}

static inline int rcu_preempt_depth(void)
{
	return 0;
}

#define rcu_note_context_switch(preempt) do { } while (0)
#define rcu_softirq_qs() do { } while (0)
#define rcu_all_qs() do { } while (0)
#define cond_resched_rcu_qs() do { } while (0)
#define rcu_momentary_eqs() do { } while (0)

/* --- lockdep-RCU (CONFIG_PROVE_RCU) ------------------------------------------------------- */

/* Print the kernel's "WARNING: suspicious RCU usage" report for @file:@line, @s + "!". */
void lockdep_rcu_suspicious(const char *file, const int line, const char *s);
/* Are lockdep-RCU reports on? (Off once lockdep turned itself off after a first problem.) */
int debug_lockdep_rcu_enabled(void);

/*
 * RCU_LOCKDEP_WARN - report "suspicious RCU usage" with @s, once per call site, when @c is
 * true. @c is evaluated first so that the common case costs one test.
 */
#define RCU_LOCKDEP_WARN(c, s)							\
	do {									\
		static bool __section_data_once __warned;			\
		if (unlikely(c) && debug_lockdep_rcu_enabled() &&		\
		    !__atomic_exchange_n(&__warned, true, __ATOMIC_RELAXED))	\
			lockdep_rcu_suspicious(__FILE__, __LINE__, s);		\
	} while (0)

/**
 * rcu_read_lock_held - might we be in an RCU read-side critical section?
 *
 * True inside rcu_read_lock(), and always when lockdep is off (so that checks built on it stay
 * quiet rather than wrong).
 */
static inline int rcu_read_lock_held(void)
{
	return pcpu_hot.rcu_read_lock_nesting > 0 || !debug_lockdep_rcu_enabled();
}

/* rcu_read_lock_bh_held - true with softirqs (bottom halves) or interrupts disabled. */
static inline int rcu_read_lock_bh_held(void)
{
	return in_softirq() || irqs_disabled() || !debug_lockdep_rcu_enabled();
}

/* rcu_read_lock_sched_held - true when not preemptible (includes rcu_read_lock()). */
static inline int rcu_read_lock_sched_held(void)
{
	return !preemptible() || !debug_lockdep_rcu_enabled();
}

/* rcu_read_lock_any_held - in any flavour of RCU reader, or not preemptible. */
static inline int rcu_read_lock_any_held(void)
{
	return pcpu_hot.rcu_read_lock_nesting > 0 || !preemptible() ||
	       !debug_lockdep_rcu_enabled();
}

#define rcu_preempt_sleep_check()						\
	RCU_LOCKDEP_WARN(pcpu_hot.rcu_read_lock_nesting > 0,			\
			 "Illegal context switch in RCU read-side critical section")
#define rcu_sleep_check() rcu_preempt_sleep_check()

#define lockdep_assert_in_rcu_read_lock()					\
	WARN_ON_ONCE(debug_lockdep_rcu_enabled() && pcpu_hot.rcu_read_lock_nesting <= 0)
#define lockdep_assert_in_rcu_read_lock_bh()					\
	WARN_ON_ONCE(debug_lockdep_rcu_enabled() && !(in_softirq() || irqs_disabled()))
#define lockdep_assert_in_rcu_read_lock_sched()					\
	WARN_ON_ONCE(debug_lockdep_rcu_enabled() && preemptible())
#define lockdep_assert_in_rcu_reader()						\
	WARN_ON_ONCE(debug_lockdep_rcu_enabled() && pcpu_hot.rcu_read_lock_nesting <= 0 && \
		     preemptible())

/* --- read side ------------------------------------------------------------------------------ */

#ifdef KRT_TSAN
/*
 * TSan cannot see liburcu's grace periods (sys_membarrier): every reader's unlock releases
 * this object and every grace period's end acquires it, the happens-before edge RCU promises.
 */
extern char krt_rcu_tsan_gp;
#endif

/* Report an rcu_read_unlock() without a matching rcu_read_lock(). */
void krt_rcu_read_unlock_imbalance(unsigned long ip);

/* Enter liburcu's read side; a thread new to krt gets its task (and registration) first. */
static __always_inline void __krt_urcu_read_lock(void)
{
	if (unlikely(!pcpu_hot.current_task))
		krt_task_attach();
	__krt_urcu_lock();
}

static __always_inline void __krt_urcu_read_unlock(void)
{
#ifdef KRT_TSAN
	krt_tsan_release(&krt_rcu_tsan_gp);
#endif
	__krt_urcu_unlock();
}

/**
 * rcu_read_lock - mark the beginning of an RCU read-side critical section
 *
 * Sections nest. Sleeping inside one is a bug and is reported by might_sleep(). A grace period
 * (synchronize_rcu(), the callbacks of call_rcu() and kfree_rcu()) waits until every section
 * that was running when it started has ended.
 */
static __always_inline void rcu_read_lock(void)
{
	if (unlikely(!pcpu_hot.current_task))
		krt_task_attach();
	__preempt_count_add(1);
	pcpu_hot.rcu_read_lock_nesting++;
	barrier();
	__krt_urcu_lock();
}

/**
 * rcu_read_unlock - mark the end of an RCU read-side critical section
 *
 * An unlock without a matching rcu_read_lock() is reported ("bad unlock balance") and
 * otherwise ignored.
 */
static __always_inline void rcu_read_unlock(void)
{
	int nesting = pcpu_hot.rcu_read_lock_nesting;

	if (unlikely(nesting <= 0)) {
		krt_rcu_read_unlock_imbalance(_THIS_IP_);
		return;
	}
	__krt_urcu_read_unlock();
	barrier();
	pcpu_hot.rcu_read_lock_nesting = nesting - 1;
	/*
	 * The matching rcu_read_lock() raised the count; the nesting check above is what catches
	 * an unbalanced unlock, so this decrement needs no underflow check of its own.
	 */
	pcpu_hot.preempt_count--;
}

/**
 * rcu_read_lock_bh - an RCU reader that also disables softirqs
 */
static inline void rcu_read_lock_bh(void)
{
	local_bh_disable();
	__krt_urcu_read_lock();
}

/**
 * rcu_read_unlock_bh - end an rcu_read_lock_bh() section
 */
static inline void rcu_read_unlock_bh(void)
{
	if (unlikely(!__krt_urcu_ongoing())) {
		krt_rcu_read_unlock_imbalance(_THIS_IP_);
		return;
	}
	__krt_urcu_read_unlock();
	local_bh_enable();
}

/**
 * rcu_read_lock_sched - an RCU reader that disables preemption
 */
static inline void rcu_read_lock_sched(void)
{
	preempt_disable();
	__krt_urcu_read_lock();
}

/**
 * rcu_read_unlock_sched - end an rcu_read_lock_sched() section
 */
static inline void rcu_read_unlock_sched(void)
{
	if (unlikely(!__krt_urcu_ongoing())) {
		krt_rcu_read_unlock_imbalance(_THIS_IP_);
		return;
	}
	__krt_urcu_read_unlock();
	preempt_enable();
}

#define rcu_read_lock_sched_notrace() rcu_read_lock_sched()
#define rcu_read_unlock_sched_notrace() rcu_read_unlock_sched()
#define rcu_read_lock_dont_migrate() rcu_read_lock()
#define rcu_read_unlock_migrate() rcu_read_unlock()

/* --- pointer publication and access --------------------------------------------------------- */

/*
 * The loads of RCU-protected pointers are consume loads: a plain move on x86-64 like the
 * kernel's READ_ONCE(), and an acquire that ThreadSanitizer understands, so that a reader's
 * accesses to an object published with rcu_assign_pointer() are ordered for TSan too.
 */
#define __krt_rcu_load(p) __atomic_load_n(&(p), __ATOMIC_CONSUME)

#define RCU_INITIALIZER(v) (typeof(*(v)) __force __rcu *)(v)

#define unrcu_pointer(p) ((typeof(*(p)) __force *)(p))

#define __rcu_access_pointer(p, local)						\
	({									\
		typeof(*(p)) *local = (typeof(*(p)) __force *)READ_ONCE(p);	\
		((typeof(*(p)) __force __kernel *)(local));			\
	})

#define __rcu_dereference_check(p, local, c, s)					\
	({									\
		typeof(*(p)) *local = (typeof(*(p)) __force *)__krt_rcu_load(p); \
		RCU_LOCKDEP_WARN(!(c), s);					\
		((typeof(*(p)) __force __kernel *)(local));			\
	})

#define __rcu_dereference_protected(p, c)					\
	({									\
		RCU_LOCKDEP_WARN(!(c), "suspicious rcu_dereference_protected() usage"); \
		((typeof(*(p)) __force __kernel *)(p));				\
	})

#define __rcu_dereference_raw(p, local)						\
	({									\
		typeof(p) local = __krt_rcu_load(p);				\
		((typeof(*(p)) __force __kernel *)(local));			\
	})

/**
 * rcu_dereference_raw - fetch an RCU-protected pointer without any lockdep check
 * @p: the pointer
 */
#define rcu_dereference_raw(p) __rcu_dereference_raw(p, __UNIQUE_ID(rcu))

/**
 * rcu_access_pointer - fetch an RCU pointer for a test or comparison, not to dereference it
 * @p: the pointer
 */
#define rcu_access_pointer(p) __rcu_access_pointer((p), __UNIQUE_ID(rcu))

/**
 * rcu_dereference_check - rcu_dereference() with an extra lockdep condition
 * @p: the pointer
 * @c: when true, the access is legal outside a reader (e.g. lockdep_is_held(&lock))
 *
 * Outside rcu_read_lock() with @c false, prints "suspicious rcu_dereference_check() usage!"
 * once for this call site.
 */
#define rcu_dereference_check(p, c)						\
	__rcu_dereference_check((p), __UNIQUE_ID(rcu), (c) || rcu_read_lock_held(), \
				"suspicious rcu_dereference_check() usage")

#define rcu_dereference_bh_check(p, c)						\
	__rcu_dereference_check((p), __UNIQUE_ID(rcu), (c) || rcu_read_lock_bh_held(), \
				"suspicious rcu_dereference_bh_check() usage")

#define rcu_dereference_sched_check(p, c)					\
	__rcu_dereference_check((p), __UNIQUE_ID(rcu), (c) || rcu_read_lock_sched_held(), \
				"suspicious rcu_dereference_sched_check() usage")

#define rcu_dereference_raw_check(p)						\
	__rcu_dereference_check((p), __UNIQUE_ID(rcu), 1, "")

/**
 * rcu_dereference_protected - fetch an RCU pointer when updates cannot happen
 * @p: the pointer
 * @c: the condition that makes it safe (typically lockdep_is_held(&update_lock))
 */
#define rcu_dereference_protected(p, c) __rcu_dereference_protected((p), (c))

/**
 * rcu_dereference - fetch an RCU-protected pointer for dereferencing, inside rcu_read_lock()
 * @p: the pointer
 */
#define rcu_dereference(p) rcu_dereference_check(p, 0)
#define rcu_dereference_bh(p) rcu_dereference_bh_check(p, 0)
#define rcu_dereference_sched(p) rcu_dereference_sched_check(p, 0)

/* rcu_pointer_handoff - document that a pointer is now protected by something else. */
#define rcu_pointer_handoff(p) (p)

/**
 * rcu_assign_pointer - publish @v in the RCU-protected pointer @p
 * @p: the pointer to assign to
 * @v: the value; everything written to *@v before is visible to readers that see @v
 */
#define rcu_assign_pointer(p, v)						\
	do {									\
		uintptr_t _r_a_p__v = (uintptr_t)(v);				\
									\
		if (__builtin_constant_p(v) && (_r_a_p__v) == (uintptr_t)NULL)	\
			WRITE_ONCE((p), (typeof(p))(_r_a_p__v));		\
		else								\
			smp_store_release(&(p), RCU_INITIALIZER((typeof(p))_r_a_p__v)); \
	} while (0)

/**
 * rcu_replace_pointer - replace an RCU pointer and return its old value
 * @rcu_ptr: the RCU pointer
 * @ptr: the new value
 * @c: the lockdep condition under which updates are legal
 */
#define rcu_replace_pointer(rcu_ptr, ptr, c)					\
	({									\
		typeof(ptr) __tmp = rcu_dereference_protected((rcu_ptr), (c));	\
		rcu_assign_pointer((rcu_ptr), (ptr));				\
		__tmp;								\
	})

/**
 * RCU_INIT_POINTER - initialise an RCU pointer without ordering
 * @p: the pointer
 * @v: NULL, or a value readers cannot reach yet (or that was published before)
 */
#define RCU_INIT_POINTER(p, v)							\
	do {									\
		WRITE_ONCE(p, RCU_INITIALIZER(v));				\
	} while (0)

#define RCU_POINTER_INITIALIZER(p, v) .p = RCU_INITIALIZER(v)

/* --- kfree_rcu ------------------------------------------------------------------------------ */

/* kvfree_rcu() encodes the rcu_head's offset in small numbers: it must be within 4 KiB. */
#define __is_kvfree_rcu_offset(offset) ((offset) < 4096)

#define kvfree_rcu_arg_2(ptr, rhf)						\
	do {									\
		typeof(ptr) ___p = (ptr);					\
									\
		if (___p) {							\
			BUILD_BUG_ON(!__is_kvfree_rcu_offset(offsetof(typeof(*(ptr)), rhf))); \
			kvfree_call_rcu(&((___p)->rhf), (void *)(___p));	\
		}								\
	} while (0)

#define kvfree_rcu_arg_1(ptr)							\
	do {									\
		typeof(ptr) ___p = (ptr);					\
									\
		if (___p)							\
			kvfree_call_rcu(NULL, (void *)(___p));			\
	} while (0)

/**
 * kfree_rcu - kfree() an object after a grace period
 * @ptr: the object (kmalloc'ed), may be NULL
 * @rhf: the name of its struct rcu_head member
 *
 * The pointer is added to a per-thread block; one grace period frees a whole block in bulk.
 * The rcu_head is only used if no block could be allocated. Never sleeps.
 */
#define kfree_rcu(ptr, rhf) kvfree_rcu_arg_2(ptr, rhf)

/**
 * kfree_rcu_mightsleep - kfree() an object without an rcu_head after a grace period
 * @ptr: the object, may be NULL
 *
 * May sleep (falls back to synchronize_rcu() + kfree() when no block can be allocated).
 */
#define kfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)
#define kvfree_rcu_mightsleep(ptr) kvfree_rcu_arg_1(ptr)

#define __KVFREE_RCU_PICK(_1, _2, name, ...) name
/* kvfree_rcu(ptr, rhf), or the older one-argument kvfree_rcu(ptr) (= kvfree_rcu_mightsleep). */
#define kvfree_rcu(...)								\
	__KVFREE_RCU_PICK(__VA_ARGS__, kvfree_rcu_arg_2, kvfree_rcu_arg_1, )(__VA_ARGS__)

/* --- rcu_head helpers ------------------------------------------------------------------------ */

/**
 * rcu_head_init - mark an rcu_head as not yet handed to call_rcu()
 * @rhp: the rcu_head
 */
static inline void rcu_head_init(struct rcu_head *rhp)
{
	rhp->func = (rcu_callback_t)~0L;
}

/**
 * rcu_head_after_call_rcu - has this rcu_head been passed to call_rcu() with @f?
 * @rhp: an rcu_head initialised with rcu_head_init()
 * @f: the callback it would have been given
 *
 * Only meaningful between call_rcu() and the callback's invocation.
 */
static inline bool rcu_head_after_call_rcu(struct rcu_head *rhp, rcu_callback_t f)
{
	rcu_callback_t func = READ_ONCE(rhp->func);

	if (func == f)
		return true;
	WARN_ON_ONCE(func != (rcu_callback_t)~0L);
	return false;
}

#define init_rcu_head(head) do { } while (0)
#define destroy_rcu_head(head) do { } while (0)
#define init_rcu_head_on_stack(head) do { } while (0)
#define destroy_rcu_head_on_stack(head) do { } while (0)

#endif /* __LINUX_RCUPDATE_H */
