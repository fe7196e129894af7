/* SPDX-License-Identifier: MIT */
/*
 * READ_ONCE/WRITE_ONCE: single, untorn accesses the compiler may not merge or refetch. They are
 * relaxed atomics rather than volatile accesses so that ThreadSanitizer sees them as intended
 * races, as KCSAN does in the kernel; on x86-64 they compile to plain moves.
 */
#ifndef _LINUX_RWONCE_H
#define _LINUX_RWONCE_H

#define __krt_once_check(x)						\
	compiletime_assert(__native_word(x) || sizeof(x) == sizeof(long long), \
			   "Unsupported access size for {READ,WRITE}_ONCE().")

#define READ_ONCE(x)							\
	({								\
		__krt_once_check(x);					\
		(typeof(x))__atomic_load_n(&(x), __ATOMIC_RELAXED);	\
	})

#define WRITE_ONCE(x, val)						\
	do {								\
		__krt_once_check(x);					\
		__atomic_store_n(&(x), (val), __ATOMIC_RELAXED);	\
	} while (0)

#define __READ_ONCE(x) READ_ONCE(x)
#define __WRITE_ONCE(x, val) WRITE_ONCE(x, val)
#define READ_ONCE_NOCHECK(x) READ_ONCE(x)

#endif /* _LINUX_RWONCE_H */
