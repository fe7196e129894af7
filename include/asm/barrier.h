/* SPDX-License-Identifier: MIT */
/*
 * Memory barriers with the kernel's names. They map to C11 fences so that compilers and
 * ThreadSanitizer understand them; on x86-64 smp_rmb/smp_wmb cost nothing, smp_mb is a fence.
 */
#ifndef _ASM_BARRIER_H
#define _ASM_BARRIER_H

#include <linux/compiler.h>

#define mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define dma_rmb() rmb()
#define dma_wmb() wmb()

#define smp_mb() mb()
#define smp_rmb() rmb()
#define smp_wmb() wmb()
#define __smp_mb() smp_mb()
#define __smp_rmb() smp_rmb()
#define __smp_wmb() smp_wmb()

#define smp_store_mb(var, value)					\
	do {								\
		WRITE_ONCE(var, value);					\
		smp_mb();						\
	} while (0)

#define smp_mb__before_atomic() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_mb__after_atomic() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_mb__after_spinlock() smp_mb()
#define smp_mb__after_unlock_lock() smp_mb()
#define smp_mb__after_switch_mm() do { } while (0)

#define smp_store_release(p, v) __atomic_store_n((p), (v), __ATOMIC_RELEASE)
#define smp_load_acquire(p) ((typeof(*(p)))__atomic_load_n((p), __ATOMIC_ACQUIRE))
#define smp_acquire__after_ctrl_dep() smp_rmb()
#define virt_mb() mb()
#define virt_rmb() rmb()
#define virt_wmb() wmb()

/* Spin until @cond_expr (which may use VAL, the value of *@ptr) is true. */
#define smp_cond_load_relaxed(ptr, cond_expr)				\
	({								\
		typeof(ptr) __PTR = (ptr);				\
		__unqual_scalar_typeof(*ptr) VAL;			\
		for (;;) {						\
			VAL = READ_ONCE(*__PTR);			\
			if (cond_expr)					\
				break;					\
			__builtin_ia32_pause();				\
		}							\
		(typeof(*ptr))VAL;					\
	})

#define smp_cond_load_acquire(ptr, cond_expr)				\
	({								\
		__unqual_scalar_typeof(*ptr) _val;			\
		_val = smp_cond_load_relaxed(ptr, cond_expr);		\
		smp_acquire__after_ctrl_dep();				\
		(typeof(*ptr))_val;					\
	})

#define cpu_relax() __builtin_ia32_pause()

#endif /* _ASM_BARRIER_H */
