/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_COMPILER_H
#define _LINUX_COMPILER_H

#include <linux/compiler_types.h>

#ifndef __ASSEMBLY__

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
#define likely_notrace(x) likely(x)
#define unlikely_notrace(x) unlikely(x)

#define barrier() __asm__ __volatile__("" : : : "memory")
#define barrier_data(ptr) __asm__ __volatile__("" : : "r"(ptr) : "memory")
#define barrier_before_unreachable() do { } while (0)

#define unreachable() __builtin_unreachable()

/* Make the compiler forget what it knows about @var (defeats constant folding in tests). */
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))
#define RELOC_HIDE(ptr, off)						\
	({								\
		unsigned long __ptr;					\
		__asm__("" : "=r"(__ptr) : "0"(ptr));			\
		(typeof(ptr))(__ptr + (off));				\
	})

#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)
#define __stringify_1(x...) #x
#define __stringify(x...) __stringify_1(x)

#define data_race(expr)							\
	({								\
		__unqual_scalar_typeof(({ expr; })) __v = ({ expr; });	\
		__v;							\
	})

#include <linux/rwonce.h>

#define prevent_tail_call_optimization() mb()
#define __ADDRESSABLE(sym)
#define KENTRY(sym)
#define annotate_reachable()
#define annotate_unreachable()
#define instrumentation_begin() do { } while (0)
#define instrumentation_end() do { } while (0)

#include <linux/build_bug.h>

#define is_signed_type(type) (((type)(-1)) < (__force type)1)
#define is_unsigned_type(type) (!is_signed_type(type))

#endif /* __ASSEMBLY__ */
#endif /* _LINUX_COMPILER_H */
