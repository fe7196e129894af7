/* SPDX-License-Identifier: MIT */
/* Kernel-internal types on top of the UAPI ones (__u8, __le32, ... come from the host header). */
#ifndef _KRT_LINUX_TYPES_H
#define _KRT_LINUX_TYPES_H

#include_next <linux/types.h>

#ifndef __ASSEMBLY__
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/compiler_types.h>

/*
 * bool/true/false as the kernel spells them: a _Bool typedef and enum constants (so that
 * KUnit prints "Expected false to be true" as the kernel does). <stdbool.h>'s macros are
 * dropped if they came first; if it comes later its macros mean the same.
 */
#undef bool
#undef true
#undef false
typedef _Bool bool;
#include <linux/stddef.h>

typedef __u8 u8;
typedef __s8 s8;
typedef __u16 u16;
typedef __s16 s16;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;
typedef __s64 s64;
typedef unsigned __int128 u128;
typedef __int128 s128;

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef unsigned char unchar;
typedef unsigned short ushort;
typedef unsigned int uint;
typedef unsigned long ulong;

typedef s64 ktime_t;
typedef u64 sector_t;
typedef unsigned int __bitwise gfp_t;
typedef unsigned int __bitwise slab_flags_t;
typedef unsigned int __bitwise fmode_t;
typedef u64 phys_addr_t;
typedef phys_addr_t resource_size_t;
typedef u64 dma_addr_t;
typedef unsigned long irq_hw_number_t;
typedef unsigned long pgoff_t;
typedef u32 __kernel_dev_t;
typedef __u16 __sum16;
typedef __u32 __wsum;

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i) { (i) }

typedef struct {
	s64 counter;
} atomic64_t;

#define ATOMIC64_INIT(i) { (i) }

typedef atomic64_t atomic_long_t;
#define ATOMIC_LONG_INIT(i) ATOMIC64_INIT(i)

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};


/*
 * struct callback_head - an RCU callback: chained through @next and invoked as @func(head)
 * after a grace period. Named rcu_head in most kernel code.
 */
struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
} __attribute__((aligned(sizeof(void *))));
#define rcu_head callback_head

typedef void (*rcu_callback_t)(struct rcu_head *head);
typedef void (*call_rcu_func_t)(struct rcu_head *head, rcu_callback_t func);

typedef void (*swap_r_func_t)(void *a, void *b, int size, const void *priv);
typedef void (*swap_func_t)(void *a, void *b, int size);
typedef void (*swap_r_func_t)(void *a, void *b, int size, const void *priv);
typedef int (*cmp_r_func_t)(const void *a, const void *b, const void *priv);
typedef int (*cmp_func_t)(const void *a, const void *b);

#endif /* __ASSEMBLY__ */
#endif /* _KRT_LINUX_TYPES_H */
