/* SPDX-License-Identifier: MIT */
/*
 * ThreadSanitizer annotations for synchronisation that TSan cannot see by itself: fences
 * (refcount_dec_and_test's acquire after the control dependency) and RCU grace periods (liburcu
 * waits with sys_membarrier). Outside a TSan build they compile to nothing.
 */
#ifndef _KRT_TSAN_H
#define _KRT_TSAN_H

#if defined(__SANITIZE_THREAD__)
#define KRT_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KRT_TSAN 1
#endif
#endif

#ifdef KRT_TSAN
/* From TSan's runtime (sanitizer/tsan_interface.h). */
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#define krt_tsan_acquire(addr) __tsan_acquire((void *)(addr))
#define krt_tsan_release(addr) __tsan_release((void *)(addr))
#else
#define krt_tsan_acquire(addr) do { } while (0)
#define krt_tsan_release(addr) do { } while (0)
#endif

#endif /* _KRT_TSAN_H */
