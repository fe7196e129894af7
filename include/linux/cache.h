/* SPDX-License-Identifier: MIT */
/*
 * Cache line size and alignment helpers (x86-64: 64-byte lines). The section attributes
 * __read_mostly / __ro_after_init and ____cacheline_aligned come from compiler_attributes.h.
 */
#ifndef __LINUX_CACHE_H
#define __LINUX_CACHE_H

#include <linux/compiler.h>
#include <linux/const.h>
#include <linux/stddef.h>
#include <linux/types.h>

#define L1_CACHE_SHIFT		6
#define L1_CACHE_BYTES		(1 << L1_CACHE_SHIFT)
#define L1_CACHE_ALIGN(x)	__ALIGN_KERNEL(x, L1_CACHE_BYTES)
#define SMP_CACHE_BYTES		L1_CACHE_BYTES
#define SMP_CACHE_ALIGN(x)	__ALIGN_KERNEL(x, SMP_CACHE_BYTES)
#define INTERNODE_CACHE_SHIFT	L1_CACHE_SHIFT

/* The largest alignment any basic type needs. */
#define __LARGEST_ALIGN		sizeof(struct { long x; } __attribute__((__aligned__)))
#define LARGEST_ALIGN(x)	__ALIGN_KERNEL(x, __LARGEST_ALIGN)

#define ____cacheline_internodealigned_in_smp \
	__attribute__((__aligned__(1 << (INTERNODE_CACHE_SHIFT))))

#define cache_line_size()	L1_CACHE_BYTES

/* Zero-sized markers delimiting a group of struct members, for the layout asserts below. */
#define __cacheline_group_begin(GROUP) \
	__u8 __cacheline_group_begin__##GROUP[0]
#define __cacheline_group_end(GROUP) \
	__u8 __cacheline_group_end__##GROUP[0]

/* A group starting on its own cache line (or the given alignment). */
#define __cacheline_group_begin_aligned(GROUP, ...)				\
	__cacheline_group_begin(GROUP)						\
	__attribute__((__aligned__((__VA_ARGS__ + 0) ? : SMP_CACHE_BYTES)))

/* The end of an aligned group, padded so the next member starts a new line. */
#define __cacheline_group_end_aligned(GROUP, ...)				\
	__cacheline_group_end(GROUP) __attribute__((__aligned__(sizeof(long))));	\
	struct { } __cacheline_group_pad__##GROUP				\
	__attribute__((__aligned__((__VA_ARGS__ + 0) ? : SMP_CACHE_BYTES)))

/* Build-time checks that @MEMBER lies in @GROUP, and that @GROUP is at most @SIZE bytes. */
#define CACHELINE_ASSERT_GROUP_MEMBER(TYPE, GROUP, MEMBER)			\
	BUILD_BUG_ON(!(offsetof(TYPE, MEMBER) >=				\
		       offsetofend(TYPE, __cacheline_group_begin__##GROUP) &&	\
		       offsetofend(TYPE, MEMBER) <=				\
		       offsetof(TYPE, __cacheline_group_end__##GROUP)))

#define CACHELINE_ASSERT_GROUP_SIZE(TYPE, GROUP, SIZE)				\
	BUILD_BUG_ON(offsetof(TYPE, __cacheline_group_end__##GROUP) -		\
		     offsetofend(TYPE, __cacheline_group_begin__##GROUP) >	\
		     SIZE)

/* Padding that pushes the following struct members onto another cache line. */
struct cacheline_padding {
	char x[0];
} ____cacheline_internodealigned_in_smp;
#define CACHELINE_PADDING(name)		struct cacheline_padding name

#define ARCH_DMA_MINALIGN __alignof__(unsigned long long)

#endif /* __LINUX_CACHE_H */
