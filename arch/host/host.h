/* SPDX-License-Identifier: MIT */
/*
 * The host layer: the only interface between krt and the operating system. Everything above
 * arch/host/ reaches threads, futexes, clocks, memory, the console and the process through these
 * functions. Only fixed-width C types cross this boundary so that neither side needs the other's
 * headers.
 */
#ifndef _KRT_ARCH_HOST_H
#define _KRT_ARCH_HOST_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/* --- threads ------------------------------------------------------------------------------- */
struct host_thread;

/* Start @fn(@arg) on a new host thread. Returns 0 or a negative errno. */
int host_thread_create(struct host_thread **thread, void *(*fn)(void *), void *arg);
/* Wait for @thread to end and release it; returns what its function returned. */
void *host_thread_join(struct host_thread *thread);
/* Let @thread's resources go when it ends (nobody will join it). */
void host_thread_detach(struct host_thread *thread);
/* The calling thread's kernel thread id. */
int host_gettid(void);
int host_getpid(void);
int host_getuid(void);
/* Set the calling thread's name as seen by the host (15 characters at most). */
void host_thread_set_name(const char *name);
/* Get the calling thread's host name into @buf. */
void host_thread_get_name(char *buf, size_t size);
/* Run @fn(@arg) when the calling thread exits (once; replaces an earlier registration). */
void host_thread_on_exit(void (*fn)(void *), void *arg);
/* End the calling thread with @ret (its on-exit hook runs). */
__attribute__((__noreturn__)) void host_thread_exit(void *ret);
/*
 * The calling thread's stack: [*@lo, *@hi), the whole region it may grow into. Returns 0 or a
 * negative errno.
 */
int host_thread_stack(uintptr_t *lo, uintptr_t *hi);
/* Give the processor to another thread. */
void host_yield(void);
/* The number of online CPUs. */
int host_ncpus(void);
/* The CPU the calling thread runs on now. */
int host_current_cpu(void);

/* --- futex --------------------------------------------------------------------------------- */
/*
 * Sleep while *@addr == @val, at most @timeout_ns (negative: forever). Returns 0 when woken (or
 * spuriously), -EAGAIN if *@addr != @val on entry, -ETIMEDOUT, -EINTR.
 */
int host_futex_wait(uint32_t *addr, uint32_t val, int64_t timeout_ns);
/* Wake at most @nr threads sleeping on @addr; returns how many were woken. */
int host_futex_wake(uint32_t *addr, int nr);

/*
 * A small sleeping lock for krt's own bookkeeping (printk, the task list, the /proc registry):
 * usable before and below krt's kernel locks. Zero-initialised means unlocked.
 */
struct host_mutex {
	uint32_t word;
};
void host_mutex_lock(struct host_mutex *m);
void host_mutex_unlock(struct host_mutex *m);
bool host_mutex_trylock(struct host_mutex *m);
/*
 * In a forked child only the forking thread exists: a lock another thread held at fork()
 * would never be released. host_mutex_reset_after_fork() frees @m (for fork handlers);
 * host_mutex_reset_on_fork() registers @m to be freed in every child.
 */
void host_mutex_reset_after_fork(struct host_mutex *m);
void host_mutex_reset_on_fork(struct host_mutex *m);

/* A static host_mutex that forked children find unlocked. */
#define DEFINE_HOST_MUTEX_FORK_SAFE(name)					\
	static struct host_mutex name;						\
	__attribute__((__constructor__(101))) static void name##_fork_safe(void)	\
	{									\
		host_mutex_reset_on_fork(&name);				\
	}

/* --- clocks -------------------------------------------------------------------------------- */
uint64_t host_clock_mono_ns(void);
/* Monotonic clock with tick resolution: cheaper, enough for jiffies. */
uint64_t host_clock_mono_coarse_ns(void);
uint64_t host_clock_real_ns(void);
/* Sleep the calling thread for @ns nanoseconds (interrupted sleeps are resumed). */
void host_sleep_ns(uint64_t ns);

/* --- memory (host heap: for krt's own bookkeeping, never for kernel objects) --------------- */
void *host_alloc(size_t size);
void *host_zalloc(size_t size);
void *host_realloc(void *ptr, size_t size);
void *host_aligned_alloc(size_t align, size_t size);
void host_free(void *ptr);

/* --- console and process ------------------------------------------------------------------- */
void host_write_err(const char *buf, size_t len);
void host_write_out(const char *buf, size_t len);
const char *host_getenv(const char *name);
__attribute__((__noreturn__)) void host_abort(void);
__attribute__((__noreturn__)) void host_exit(int code);
/* End the process at once with @code: no atexit handlers (for host_run_in_child() children). */
__attribute__((__noreturn__)) void host_exit_now(int code);
/* Run @fn at normal process exit. */
int host_atexit(void (*fn)(void));
/*
 * Run @prepare before fork() (in the forking thread), then @parent in the parent or @child in
 * the child (pthread_atfork); any of them may be NULL. Returns 0 or a negative errno.
 */
int host_atfork(void (*prepare)(void), void (*parent)(void), void (*child)(void));
/* Fill @buf with random bytes from the host. */
void host_getrandom(void *buf, size_t len);
/*
 * Run @fn(@arg) in a forked child and wait for it. Returns the child's exit status (0..255) or
 * 128 + signal number when it died from a signal; -errno if the fork failed. The child's stdout
 * and stderr are the parent's.
 */
int host_run_in_child(void (*fn)(void *), void *arg, int *signo);

/* --- stacks -------------------------------------------------------------------------------- */
/*
 * Capture up to @max return addresses of the calling thread. The first is in the function that
 * called host_stack_capture(), unless @skip > 0 leaves out that many frames from there.
 */
int host_stack_capture(unsigned long *entries, int max, int skip);
/*
 * Describe @addr as the kernel's %pS does: "function+0xoff/0xsize", plus " [library]" for code in
 * a shared object (as the kernel names modules), into @buf. With @with_line, append
 * " file:line" when debug information is present. Returns the length, 0 if unknown.
 */
int host_symbolize(unsigned long addr, char *buf, size_t size, bool with_line);

/* What host_symbol_lookup() found out about an address. */
struct host_symbol {
	unsigned long offset;	/* of the address from the start of the symbol */
	unsigned long size;	/* of the symbol (0 when the symbol table does not say) */
	int line;		/* source line, 0 when unknown */
	char name[256];		/* the symbol */
	char module[64];	/* shared object's file name; "" for the main program */
	char file[256];		/* source file, relative to the directory it was compiled in */
};
/*
 * Find the symbol containing @addr (and with @with_line its source line, when debug information
 * is present). Returns false, with *@sym cleared, when no symbol covers @addr.
 */
bool host_symbol_lookup(unsigned long addr, struct host_symbol *sym, bool with_line);

/* Process-wide memory barriers (arch/host/membarrier.c). */
bool host_membarrier_init(void);
int host_membarrier(void);

/* Physical memory (arch/host/physmem.c). */
int host_physmem_create(size_t size, size_t align, void **base);
int host_physmem_fork_child(void);
int host_physmem_fd(void);
int host_physmem_discard(size_t offset, size_t len);
bool host_physmem_private(void);
void *host_physmem_base(void);
/* The vmalloc range (arch/host/vmap.c). */
int host_vmap_reserve(size_t size, size_t align, void **base);
int host_vmap_map(void *addr, size_t len, size_t offset);
int host_vmap_map_private(void *addr, size_t len, size_t offset);
int host_vmap_unmap(void *addr, size_t len);
unsigned long host_vmap_calls(void);
/* Page faults (arch/host/fault.c): @report runs before the process dies of SIGSEGV. */
int host_fault_handler_set(void (*report)(unsigned long addr, unsigned long error_code));
void *host_map_anon(size_t size);
uint64_t host_ram_bytes(void);
uint64_t host_rss_bytes(void);

/* --- network (arch/host/net.c) ------------------------------------------------------------- */
/*
 * All of these act in the calling thread's network namespace (namespaces are per thread) and
 * return a negative errno on failure; none of them exits.
 */
#include <sys/types.h>

/* Move the calling thread into a new network namespace with `lo` up: 0, or -EPERM … */
int host_netns_enter_private(void);
/* An fd for the calling thread's namespace, to go back with host_netns_restore(). */
int host_netns_save(void);
/* setns() the calling thread into @fd's namespace; @fd is closed in every case. */
int host_netns_restore(int fd);
/* The calling thread's namespace id (inode number of /proc/thread-self/ns/net). */
int64_t host_netns_id(void);

/*
 * Create a TAP interface (IFF_TAP | IFF_NO_PI; @name may hold "%d", NULL or "" = "tap%d"),
 * storing its name in @actual_name. Returns a non-blocking fd, or -ENOENT (no /dev/net/tun),
 * -EACCES, -EPERM (no CAP_NET_ADMIN), -EINVAL, -EBUSY.
 */
int host_tap_open(const char *name, char *actual_name, size_t len);
/*
 * Wait up to @timeout_ms (negative: forever) for one frame: its length (a longer frame is cut
 * to @len), 0 on timeout, or -errno.
 */
ssize_t host_tap_read(int fd, void *buf, size_t len, int timeout_ms);
/* Inject one Ethernet frame into the host: @len, or -errno (-EIO while the link is down). */
ssize_t host_tap_write(int fd, const void *buf, size_t len);
void host_tap_close(int fd);

/* Interface configuration: ioctls on a socket of the current namespace, rtnetlink for addresses. */
int host_netif_index(const char *name);
int host_netif_set_up(const char *name, bool up);
/* IFF_* flags (non-negative), or -errno. */
int host_netif_get_flags(const char *name);
int host_netif_set_mtu(const char *name, int mtu);
int host_netif_get_mtu(const char *name);
int host_netif_get_mac(const char *name, uint8_t mac[6]);
int host_netif_set_mac(const char *name, const uint8_t mac[6]);
/* Add "169.254.1.1"/16 (broadcast derived) or "fe80::1"/64 (no DAD); -EEXIST if present. */
int host_netif_add_ipv4(const char *name, const char *addr, int prefixlen);
int host_netif_add_ipv6(const char *name, const char *addr, int prefixlen);

/*
 * Run a host program (posix_spawn from the calling thread: its namespace, no fork handlers),
 * its stdout+stderr into @out (NUL-terminated, may be NULL). Returns the exit status, 128 +
 * signal, -ENOENT (not found) or -ETIMEDOUT (killed after @timeout_ms; negative: no limit).
 */
int host_run_program(char *const argv[], int timeout_ms, char *out, size_t outlen);

#endif /* _KRT_ARCH_HOST_H */
