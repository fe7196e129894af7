/* SPDX-License-Identifier: MIT */
/* Short names for GCC/Clang attributes, as kernel code spells them. */
#ifndef _LINUX_COMPILER_ATTRIBUTES_H
#define _LINUX_COMPILER_ATTRIBUTES_H

#ifndef __has_attribute
#define __has_attribute(x) 0
#endif

#define __alias(symbol) __attribute__((__alias__(#symbol)))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __aligned_largest __attribute__((__aligned__))
#define __always_unused __attribute__((__unused__))
#define __maybe_unused __attribute__((__unused__))
#define __cold __attribute__((__cold__))
#define __hot __attribute__((__hot__))
#undef __attribute_const__
#define __attribute_const__ __attribute__((__const__))
#define __copy(symbol)
#define __deprecated
#define __flatten __attribute__((flatten))
#define __gnu_inline __attribute__((__gnu_inline__))
#define __malloc __attribute__((__malloc__))
#define __mode(x) __attribute__((__mode__(x)))
#define __must_check __attribute__((__warn_unused_result__))
#define __noreturn __attribute__((__noreturn__))
#define __packed __attribute__((__packed__))
#define __pure __attribute__((__pure__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __scanf(a, b) __attribute__((__format__(scanf, a, b)))
#define __section(s) __attribute__((__section__(s)))
#define __used __attribute__((__used__))
#define __weak __attribute__((__weak__))
#define __noclone
#define __nonstring
#define __no_sanitize_address __attribute__((__no_sanitize_address__))
#define __no_sanitize_thread __attribute__((__no_sanitize_thread__))
#define __cleanup(func) __attribute__((__cleanup__(func)))
#define __assume_aligned(a, ...) __attribute__((__assume_aligned__(a, ##__VA_ARGS__)))
#define __designated_init
#define __visible __attribute__((__externally_visible__))
#define __latent_entropy
#define __randomize_layout
#define __no_randomize_layout
#define __no_kcsan
#define __nocfi
#define __init
#define __initdata
#define __initconst
#define __exit
#define __exitdata
#define __ref
#define __refdata
#define __read_mostly
#define __ro_after_init
#define __cacheline_aligned __attribute__((__aligned__(64)))
#define __cacheline_aligned_in_smp __attribute__((__aligned__(64)))
#define ____cacheline_aligned __attribute__((__aligned__(64)))
#define ____cacheline_aligned_in_smp __attribute__((__aligned__(64)))

#if __has_attribute(__fallthrough__)
#define fallthrough __attribute__((__fallthrough__))
#else
#define fallthrough do {} while (0)
#endif

#if __has_attribute(__counted_by__) && !defined(__clang__)
#define __counted_by(member) __attribute__((__counted_by__(member)))
#else
#define __counted_by(member)
#endif
#define __counted_by_le(member)
#define __counted_by_be(member)

#ifndef __alloc_size
#define __alloc_size(x, ...) __attribute__((__alloc_size__(x, ##__VA_ARGS__))) __malloc
#endif
#ifndef __realloc_size
#define __realloc_size(x, ...) __attribute__((__alloc_size__(x, ##__VA_ARGS__)))
#endif

#endif /* _LINUX_COMPILER_ATTRIBUTES_H */
