/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ONCE_LITE_H
#define _LINUX_ONCE_LITE_H

#include <linux/types.h>

/*
 * Once-only flags of WARN_ONCE(), printk_once() and friends live in one section, so that
 * clear_warn_once (krt_clear_warn_once(), or writing to /sys/kernel/debug/clear_warn_once)
 * can re-arm them all, as in the kernel.
 */
#define __section_data_once __attribute__((__section__("krt_data_once"), __used__))

/* Run @func once per call site; the flag is raced benignly, as in the kernel. */
#define DO_ONCE_LITE(func, ...) DO_ONCE_LITE_IF(true, func, ##__VA_ARGS__)

#define __ONCE_LITE_IF(condition)					\
	({								\
		static bool __section_data_once __already_done;		\
		bool __ret_cond = !!(condition);			\
		bool __ret_once = false;				\
									\
		if (unlikely(__ret_cond &&				\
			     !__atomic_load_n(&__already_done, __ATOMIC_RELAXED))) { \
			__atomic_store_n(&__already_done, true, __ATOMIC_RELAXED); \
			__ret_once = true;				\
		}							\
		unlikely(__ret_once);					\
	})

#define DO_ONCE_LITE_IF(condition, func, ...)				\
	({								\
		bool __ret_do_once = !!(condition);			\
									\
		if (__ONCE_LITE_IF(__ret_do_once))			\
			func(__VA_ARGS__);				\
									\
		unlikely(__ret_do_once);				\
	})

#endif /* _LINUX_ONCE_LITE_H */
