/* SPDX-License-Identifier: MIT */
/*
 * atomic_t, atomic64_t, atomic_long_t and the generic xchg/cmpxchg family on the compiler's
 * __atomic builtins (so the sanitizers understand them), with the kernel's ordering rules.
 */
#ifndef _LINUX_ATOMIC_H
#define _LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <asm/barrier.h>
#include <linux/atomic/atomic-gen.h>

#define __krt_xchg(ptr, x, mo) __atomic_exchange_n((ptr), (x), mo)
#define xchg(ptr, x) __krt_xchg(ptr, x, __ATOMIC_SEQ_CST)
#define xchg_acquire(ptr, x) __krt_xchg(ptr, x, __ATOMIC_ACQUIRE)
#define xchg_release(ptr, x) __krt_xchg(ptr, x, __ATOMIC_RELEASE)
#define xchg_relaxed(ptr, x) __krt_xchg(ptr, x, __ATOMIC_RELAXED)

#define __krt_cmpxchg(ptr, o, n, mo, fmo)				\
	({								\
		typeof(*(ptr)) __old = (o);				\
		__atomic_compare_exchange_n((ptr), &__old, (n), false, mo, fmo); \
		__old;							\
	})
#define cmpxchg(ptr, o, n) __krt_cmpxchg(ptr, o, n, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define cmpxchg_acquire(ptr, o, n) __krt_cmpxchg(ptr, o, n, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)
#define cmpxchg_release(ptr, o, n) __krt_cmpxchg(ptr, o, n, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define cmpxchg_relaxed(ptr, o, n) __krt_cmpxchg(ptr, o, n, __ATOMIC_RELAXED, __ATOMIC_RELAXED)
#define cmpxchg64(ptr, o, n) cmpxchg(ptr, o, n)
#define cmpxchg64_relaxed(ptr, o, n) cmpxchg_relaxed(ptr, o, n)
#define cmpxchg_local(ptr, o, n) cmpxchg(ptr, o, n)
#define cmpxchg64_local(ptr, o, n) cmpxchg(ptr, o, n)
#define sync_cmpxchg(ptr, o, n) cmpxchg(ptr, o, n)

/* On failure *@po receives the current value; returns true on success. */
#define __krt_try_cmpxchg(ptr, po, n, mo, fmo) \
	__atomic_compare_exchange_n((ptr), (po), (n), false, mo, fmo)
#define try_cmpxchg(ptr, po, n) __krt_try_cmpxchg(ptr, po, n, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)
#define try_cmpxchg_acquire(ptr, po, n) \
	__krt_try_cmpxchg(ptr, po, n, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE)
#define try_cmpxchg_release(ptr, po, n) \
	__krt_try_cmpxchg(ptr, po, n, __ATOMIC_RELEASE, __ATOMIC_RELAXED)
#define try_cmpxchg_relaxed(ptr, po, n) \
	__krt_try_cmpxchg(ptr, po, n, __ATOMIC_RELAXED, __ATOMIC_RELAXED)
#define try_cmpxchg64(ptr, po, n) try_cmpxchg(ptr, po, n)
#define try_cmpxchg_local(ptr, po, n) try_cmpxchg(ptr, po, n)

#define atomic_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))
#define atomic_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))
#define atomic64_cond_read_acquire(v, c) smp_cond_load_acquire(&(v)->counter, (c))
#define atomic64_cond_read_relaxed(v, c) smp_cond_load_relaxed(&(v)->counter, (c))


#endif /* _LINUX_ATOMIC_H */
