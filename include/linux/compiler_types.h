/* SPDX-License-Identifier: MIT */
/* Type-level compiler helpers and the sparse annotations (no-ops outside sparse). */
#ifndef _LINUX_COMPILER_TYPES_H
#define _LINUX_COMPILER_TYPES_H

#include <linux/kconfig.h>
#include <linux/compiler_attributes.h>

#ifndef __ASSEMBLY__
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __rcu
#define __force
#define __nocast
#define __safe
#define __private
#define __must_hold(x)
#define __acquires(x)
#define __releases(x)
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __cond_lock(x, c) (c)
#define ACCESS_PRIVATE(p, member) ((p)->member)
#ifndef __bitwise
#define __bitwise
#endif
#define __chk_user_ptr(x) (void)0
#define __chk_io_ptr(x) (void)0

#undef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __noinline_for_stack noinline
#define noinline_for_stack noinline
#define __inline__ inline
#define notrace
#define __notrace_funcgraph
#define __no_sanitize_or_inline __always_inline
#define __no_kasan_or_inline __always_inline
#define __noinstr_section(s)
#define noinstr
#define __always_inline_or_noinline __always_inline

#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))

/* Is @x a compile-time integer constant expression? (works where __builtin_constant_p can't) */
#define __is_constexpr(x) (sizeof(int) == sizeof(*(8 ? ((void *)((long)(x) * 0l)) : (int *)8)))

#define __native_word(t) \
	(sizeof(t) == sizeof(char) || sizeof(t) == sizeof(short) || sizeof(t) == sizeof(int) || \
	 sizeof(t) == sizeof(long))

#define __unqual_scalar_typeof(x) typeof(_Generic((x),				\
		char: (char)0,							\
		signed char: (signed char)0, unsigned char: (unsigned char)0,	\
		signed short: (signed short)0, unsigned short: (unsigned short)0, \
		signed int: (signed int)0, unsigned int: (unsigned int)0,	\
		signed long: (signed long)0, unsigned long: (unsigned long)0,	\
		signed long long: (signed long long)0,				\
		unsigned long long: (unsigned long long)0,			\
		default: (x)))

/*
 * The kernel relies on the optimiser to drop the error call when @condition is only constant
 * after inlining. krt must also build at -O0 (gdb sessions), so a constant condition is checked
 * at compile time and a non-constant one is left alone.
 */
#define __compiletime_assert(condition, msg, prefix, suffix)				\
	((void)sizeof(char[1 - 2 * !__builtin_choose_expr(__is_constexpr(condition),	\
							  (condition), 1)]))
#define _compiletime_assert(condition, msg, prefix, suffix) \
	__compiletime_assert(condition, msg, prefix, suffix)
#define compiletime_assert(condition, msg) _compiletime_assert(condition, msg, , )
#define compiletime_assert_atomic_type(t) \
	compiletime_assert(__native_word(t), "Need native word sized stores/loads for atomicity.")

#define __compiletime_error(msg) __attribute__((__error__(msg)))
#define __compiletime_warning(msg) __attribute__((__warning__(msg)))
#define __compiletime_object_size(obj) __builtin_object_size(obj, 0)
/* The run-time size of what @p points to (whole object / the member), as far as it is known. */
#if __has_builtin(__builtin_dynamic_object_size)
#define __struct_size(p)	__builtin_dynamic_object_size(p, 0)
#define __member_size(p)	__builtin_dynamic_object_size(p, 1)
#else
#define __struct_size(p)	__builtin_object_size(p, 0)
#define __member_size(p)	__builtin_object_size(p, 1)
#endif
#endif /* __ASSEMBLY__ */

#endif /* _LINUX_COMPILER_TYPES_H */
