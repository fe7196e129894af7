/* SPDX-License-Identifier: MIT */
/*
 * The configuration krt is "built with": what a kernel engineer would expect from a debug
 * kernel on x86-64, so code guarded by these options takes the same paths as in the kernel.
 */
#ifndef _LINUX_KCONFIG_H
#define _LINUX_KCONFIG_H

#define CONFIG_64BIT 1
#define CONFIG_X86_64 1
#define CONFIG_SMP 1
#define CONFIG_MMU 1
#define CONFIG_NR_CPUS 64
#define CONFIG_HZ 250
#define CONFIG_PAGE_SHIFT 12
#define CONFIG_SLUB 1
#define CONFIG_SLUB_DEBUG 1
#define CONFIG_DEBUG_LIST 1
#define CONFIG_DEBUG_ATOMIC_SLEEP 1
#define CONFIG_DEBUG_SPINLOCK 1
#define CONFIG_DEBUG_MUTEXES 1
#define CONFIG_LOCKDEP 1
#define CONFIG_PROVE_LOCKING 1
#define CONFIG_PROVE_RCU 1
#define CONFIG_TREE_RCU 1
#define CONFIG_PREEMPT_COUNT 1
#define CONFIG_PRINTK 1
#define CONFIG_BUG 1
#define CONFIG_GENERIC_BUG 1
#define CONFIG_KUNIT 1
#define CONFIG_STACKTRACE 1
#define CONFIG_STACKDEPOT 1
#define CONFIG_FAULT_INJECTION 1
#define CONFIG_HARDENED_USERCOPY 1
#define CONFIG_NUMA_BALANCING_DEFAULT_ENABLED 0

/*
 * IS_ENABLED(CONFIG_X) is 1 when CONFIG_X is defined to 1, else 0; usable in #if and in C.
 * The trick: "1" selects an argument position through a helper macro that only exists for 1.
 */
#define __KRT_ARG_PLACEHOLDER_1 0,
#define __krt_take_second_arg(__ignored, val, ...) val
#define __krt_is_defined(x) ___krt_is_defined(x)
#define ___krt_is_defined(val) ____krt_is_defined(__KRT_ARG_PLACEHOLDER_##val)
#define ____krt_is_defined(arg1_or_junk) __krt_take_second_arg(arg1_or_junk 1, 0)

#define IS_BUILTIN(option) __krt_is_defined(option)
#define IS_MODULE(option) 0
#define IS_REACHABLE(option) __krt_is_defined(option)
#define IS_ENABLED(option) __krt_is_defined(option)

#endif /* _LINUX_KCONFIG_H */
