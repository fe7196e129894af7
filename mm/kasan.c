// SPDX-License-Identifier: MIT
/*
 * Valgrind client requests for krt's allocators. The requests are a few no-op instructions
 * outside Valgrind, but the allocator fast paths skip even those unless Valgrind is there.
 */
#include <linux/kasan.h>
#include <linux/init.h>
#include <valgrind/memcheck.h>

bool krt_running_on_valgrind;

/**
 * krt_valgrind_mark - tell memcheck what @size bytes at @addr are now
 * @addr: start
 * @size: bytes
 * @state: KRT_MEM_NOACCESS (free), KRT_MEM_UNDEFINED (allocated), KRT_MEM_DEFINED (zeroed)
 */
void krt_valgrind_mark(const void *addr, size_t size, int state)
{
	switch (state) {
	case KRT_MEM_NOACCESS:
		VALGRIND_MAKE_MEM_NOACCESS(addr, size);
		break;
	case KRT_MEM_UNDEFINED:
		VALGRIND_MAKE_MEM_UNDEFINED(addr, size);
		break;
	default:
		VALGRIND_MAKE_MEM_DEFINED(addr, size);
		break;
	}
}

static void __attribute__((constructor(101))) krt_detect_valgrind(void)
{
	krt_running_on_valgrind = RUNNING_ON_VALGRIND;
}
