/* SPDX-License-Identifier: MIT */
/*
 * WARN and BUG, as the kernel prints them. A WARN prints the "cut here" block with a symbolised
 * backtrace, taints, and continues (unless panic_on_warn=1). A BUG prints the oops and ends the
 * current KUnit case, or aborts the process outside of one.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>
#include <linux/build_bug.h>
#include <linux/once_lite.h>
#include <linux/panic.h>
#include <linux/printk.h>

enum bug_trap_type {
	BUG_TRAP_TYPE_NONE = 0,
	BUG_TRAP_TYPE_WARN = 1,
	BUG_TRAP_TYPE_BUG = 2,
};

__cold noinline void warn_slowpath_null(const char *file, int line, unsigned int taint);
__printf(4, 5) __cold noinline void warn_slowpath_fmt(const char *file, int line,
						      unsigned int taint, const char *fmt, ...);
__cold __noreturn noinline void krt_bug(const char *file, int line);

/*
 * The barrier after the call keeps it from becoming a tail call, so the report names the
 * function that warned (the kernel gets this from the trapping instruction's address).
 */
#define __WARN()							\
	do {								\
		warn_slowpath_null(__FILE__, __LINE__, TAINT_WARN);	\
		barrier();						\
	} while (0)
#define __WARN_printf(taint, arg...)					\
	do {								\
		warn_slowpath_fmt(__FILE__, __LINE__, taint, arg);	\
		barrier();						\
	} while (0)
#define __WARN_FLAGS(flags) __WARN()

#define WARN_ON(condition)						\
	({								\
		int __ret_warn_on = !!(condition);			\
		if (unlikely(__ret_warn_on))				\
			__WARN();					\
		unlikely(__ret_warn_on);				\
	})

#define WARN(condition, format...)					\
	({								\
		int __ret_warn_on = !!(condition);			\
		if (unlikely(__ret_warn_on))				\
			__WARN_printf(TAINT_WARN, format);		\
		unlikely(__ret_warn_on);				\
	})

#define WARN_TAINT(condition, taint, format...)				\
	({								\
		int __ret_warn_on = !!(condition);			\
		if (unlikely(__ret_warn_on))				\
			__WARN_printf(taint, format);			\
		unlikely(__ret_warn_on);				\
	})

#define WARN_ON_ONCE(condition) DO_ONCE_LITE_IF(condition, WARN_ON, 1)
#define WARN_ONCE(condition, format...) DO_ONCE_LITE_IF(condition, WARN, 1, format)
#define WARN_TAINT_ONCE(condition, taint, format...) \
	DO_ONCE_LITE_IF(condition, WARN_TAINT, 1, taint, format)

#define WARN_ON_RATELIMIT(condition, state)				\
	({								\
		bool __rtn_cond = !!(condition);			\
		WARN_ON(__rtn_cond && __ratelimit(state));		\
		__rtn_cond;						\
	})

#define WARN_RATELIMIT(condition, format, ...)				\
	({								\
		static DEFINE_RATELIMIT_STATE(_rs, DEFAULT_RATELIMIT_INTERVAL, \
					      DEFAULT_RATELIMIT_BURST);	\
		int rtn = !!(condition);				\
		if (unlikely(rtn && __ratelimit(&_rs)))			\
			WARN(rtn, format, ##__VA_ARGS__);		\
		rtn;							\
	})

#define BUG() krt_bug(__FILE__, __LINE__)
#define BUG_ON(condition)						\
	do {								\
		if (unlikely(condition))				\
			BUG();						\
	} while (0)
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_WARN_ON(cond) (void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond) (void)WARN_ON_ONCE(cond)
#define VM_WARN_ONCE(cond, format...) (void)WARN_ONCE(cond, format)
#define VM_WARN(cond, format...) (void)WARN(cond, format)

#define MAYBE_BUILD_BUG_ON(cond) BUILD_BUG_ON(cond)

/*
 * A detected corruption: refused and reported. krt runs with CONFIG_BUG_ON_DATA_CORRUPTION off,
 * as distribution kernels do, so this WARNs and returns true; the caller skips the operation.
 */
#define CHECK_DATA_CORRUPTION(condition, fmt, ...)			\
	({								\
		bool corruption = unlikely(condition);			\
		if (corruption)						\
			WARN(1, fmt, ##__VA_ARGS__);			\
		corruption;						\
	})

#endif /* _LINUX_BUG_H */
