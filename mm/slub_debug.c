// SPDX-License-Identifier: MIT
/*
 * SLUB debugging: the slab_debug= boot parameter, red zones, poisoning and owner tracking of
 * debug caches, the consistency checks run when such a cache hands out or takes back an object
 * (and by validate_slab_cache()), and the kernel's reports for what they find, word for word.
 *
 * The layout of an object's slot is the one mm/slub.c computes, as the kernel's
 * calculate_sizes():
 *
 *   slot                      left red zone (s->red_left_pad bytes, SLAB_RED_ZONE)
 *   object                    the object (s->object_size bytes), poisoned while free
 *   object + object_size      right red zone / alignment padding up to s->inuse
 *   object + s->offset        the free pointer, when it cannot live inside the object
 *   object + info end         struct track alloc, free (SLAB_STORE_USER), then the requested
 *                             size for kmalloc caches
 *   ...                       padding (POISON_INUSE) up to the end of the slot
 *
 * A report that would go to the log is counted instead while a KUnit test that owns a resource
 * named "slab_errors" runs (slab_add_kunit_errors()), as the kernel's slub_kunit tests expect.
 *
 * Free objects are poisoned for AddressSanitizer and Valgrind, and red zones never belong to the
 * user: every access to a slot's bytes goes through the helpers below, which the sanitizers do
 * not see.
 */
#include <linux/kernel.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/ctype.h>
#include <linux/gfp.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kasan.h>
#include <linux/list.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/panic.h>
#include <linux/poison.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/stackdepot.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <kunit/resource.h>
#include <valgrind/valgrind.h>

#include "arch/host/host.h"
#include "mm/slab.h"
#include "mm/slub_debug.h"

/* Return addresses kept per track: the depot stores the stack, the track its handle. */
#define TRACK_ADDRS_COUNT	16

/*
 * struct track - who allocated or freed an object last
 * @addr: the caller of the allocation or free function
 * @handle: the stack, in the stack depot (0: none)
 * @cpu: the CPU the thread ran on
 * @pid: the thread's pid
 * @when: jiffies at the time
 */
struct track {
	unsigned long addr;
	depot_stack_handle_t handle;
	int cpu;
	int pid;
	unsigned long when;
};

enum track_item { TRACK_ALLOC, TRACK_FREE };

/* Any slab holds at most this many objects (the largest slab, of the smallest objects). */
#define MAX_OBJS_PER_SLAB	((PAGE_SIZE << MAX_PAGE_ORDER) / sizeof(void *))

#define SLAB_DEBUG_CMDLINE_MAX	2048

slab_flags_t slub_debug;
int disable_higher_order_debug;

/* The blocks of slab_debug= that name caches (into slub_debug_buf), or NULL. */
static const char *slub_debug_string;
static char slub_debug_buf[SLAB_DEBUG_CMDLINE_MAX];

/* Which objects of a slab are free: one map, for whoever holds object_map_lock. */
static unsigned long object_map[BITS_TO_LONGS(MAX_OBJS_PER_SLAB)];
DEFINE_HOST_MUTEX_FORK_SAFE(object_map_lock);

/* Errors this thread reported, so that validate_slab_cache() can say how many it found. */
static __thread long slab_errors_seen;

/* ------------------------------------------------------------------------------------------ */
/* Touching the bytes of a slot */

static __thread unsigned int metadata_access_depth;

/* Valgrind sees free objects as inaccessible: tell it the accesses below are the allocator's. */
static void metadata_access_enable(void)
{
	if (unlikely(krt_running_on_valgrind) && !metadata_access_depth++)
		VALGRIND_DISABLE_ERROR_REPORTING;
}

static void metadata_access_disable(void)
{
	if (unlikely(krt_running_on_valgrind) && !--metadata_access_depth)
		VALGRIND_ENABLE_ERROR_REPORTING;
}

/*
 * The accesses are volatile so that the compiler cannot turn the loops into calls of memset()
 * or memcmp(), which AddressSanitizer intercepts whatever the caller's attributes.
 */
__no_sanitize_address static void raw_fill(void *dst, u8 val, size_t n)
{
	volatile u8 *p = dst;
	unsigned long word = (unsigned long)val * (~0UL / 0xff);

	metadata_access_enable();
	while (n && ((unsigned long)p & (sizeof(long) - 1))) {
		*p++ = val;
		n--;
	}
	for (; n >= sizeof(long); n -= sizeof(long), p += sizeof(long))
		*(volatile unsigned long *)p = word;
	while (n--)
		*p++ = val;
	metadata_access_disable();
}

/* The first of @n bytes at @start that is not @val, or NULL. */
__no_sanitize_address static u8 *raw_find_not(const void *start, u8 val, size_t n)
{
	const volatile u8 *p = start;
	unsigned long word = (unsigned long)val * (~0UL / 0xff);
	u8 *fault = NULL;

	metadata_access_enable();
	while (n && ((unsigned long)p & (sizeof(long) - 1))) {
		if (*p != val)
			goto found;
		p++;
		n--;
	}
	for (; n >= sizeof(long); n -= sizeof(long), p += sizeof(long))
		if (*(const volatile unsigned long *)p != word)
			break;
	for (; n; n--, p++)
		if (*p != val)
			goto found;
	goto out;
found:
	fault = (u8 *)p;
out:
	metadata_access_disable();
	return fault;
}

__no_sanitize_address static void raw_copy(void *dst, const void *src, size_t n)
{
	volatile u8 *d = dst;
	const volatile u8 *s = src;

	metadata_access_enable();
	while (n--)
		*d++ = *s++;
	metadata_access_disable();
}

__no_sanitize_address static u8 raw_byte(const void *p)
{
	u8 val;

	metadata_access_enable();
	val = *(const volatile u8 *)p;
	metadata_access_disable();
	return val;
}

__no_sanitize_address static unsigned long raw_word(const void *p)
{
	unsigned long val;

	metadata_access_enable();
	val = *(const volatile unsigned long *)p;
	metadata_access_disable();
	return val;
}

__no_sanitize_address static void raw_set_word(void *p, unsigned long val)
{
	metadata_access_enable();
	*(volatile unsigned long *)p = val;
	metadata_access_disable();
}

/* The free pointer of @object, for checks (the walk of a corrupted list must not fault). */
__no_sanitize_address static void *read_freepointer(struct kmem_cache *s, void *object)
{
	void *fp;

	metadata_access_enable();
	fp = get_freepointer(s, object);
	metadata_access_disable();
	return fp;
}

__no_sanitize_address static void write_freepointer(struct kmem_cache *s, void *object, void *fp)
{
	metadata_access_enable();
	set_freepointer(s, object, fp);
	metadata_access_disable();
}

/* ------------------------------------------------------------------------------------------ */
/* Layout */

static inline bool slub_debug_orig_size(struct kmem_cache *s)
{
	return (s->flags & SLAB_STORE_USER) && (s->flags & SLAB_KMALLOC);
}

static inline bool freeptr_outside_object(struct kmem_cache *s)
{
	return s->offset >= s->inuse;
}

/* Where the metadata after the object starts: after the free pointer when it is outside. */
static inline unsigned int get_info_end(struct kmem_cache *s)
{
	if (freeptr_outside_object(s))
		return s->inuse + sizeof(void *);
	return s->inuse;
}

/* Bytes of a slot from the object pointer on. */
static inline unsigned int size_from_object(struct kmem_cache *s)
{
	if (s->flags & SLAB_RED_ZONE)
		return s->size - s->red_left_pad;
	return s->size;
}

static inline void *restore_red_left(struct kmem_cache *s, void *p)
{
	if (s->flags & SLAB_RED_ZONE)
		p = (char *)p - s->red_left_pad;
	return p;
}

static inline unsigned int order_objects(unsigned int order, unsigned int size)
{
	return (unsigned int)(PAGE_SIZE << order) / size;
}

#define for_each_object(__p, __s, __addr, __objects)				\
	for (__p = fixup_red_left(__s, __addr);					\
	     (char *)__p < (char *)(__addr) + (unsigned long)(__objects) * (__s)->size;	\
	     __p = (char *)__p + (__s)->size)

static inline unsigned int object_index(struct kmem_cache *s, void *addr, void *p)
{
	return ((char *)restore_red_left(s, p) - (char *)addr) / s->size;
}

/* Is @object NULL or the start of an object of @slab? */
static int check_valid_pointer(struct kmem_cache *s, struct slab *slab, void *object)
{
	char *base, *p;

	if (!object)
		return 1;
	base = slab_address(slab);
	p = restore_red_left(s, object);
	if (p < base || p >= base + (unsigned long)slab->objects * s->size ||
	    (p - base) % s->size)
		return 0;
	return 1;
}

/* Mark in object_map (object_map_lock held) the objects on @slab's free list. */
static void fill_map(struct kmem_cache *s, struct slab *slab)
{
	void *addr = slab_address(slab);
	unsigned int objects = min_t(unsigned long, slab->objects, MAX_OBJS_PER_SLAB);
	unsigned int nr = 0;
	void *p;

	bitmap_zero(object_map, objects);
	for (p = slab->freelist; p && nr <= objects; p = read_freepointer(s, p), nr++) {
		if (!check_valid_pointer(s, slab, p) || object_index(s, addr, p) >= objects)
			break;
		__set_bit(object_index(s, addr, p), object_map);
	}
}

static inline bool object_is_free(struct kmem_cache *s, void *addr, void *p)
{
	return test_bit(object_index(s, addr, p), object_map);
}

/* ------------------------------------------------------------------------------------------ */
/* Owner tracking */

static struct track *get_track(struct kmem_cache *s, void *object, enum track_item alloc)
{
	struct track *p = (struct track *)((char *)object + get_info_end(s));

	return p + alloc;
}

static void read_track(struct kmem_cache *s, void *object, enum track_item alloc, struct track *t)
{
	raw_copy(t, get_track(s, object, alloc), sizeof(*t));
}

/* The stack of the caller of our caller (the allocator's own frames start there). */
static noinline depot_stack_handle_t set_track_prepare(void)
{
	unsigned long entries[TRACK_ADDRS_COUNT];
	unsigned int nr = stack_trace_save(entries, ARRAY_SIZE(entries), 1);

	return nr ? stack_depot_save(entries, nr, GFP_NOWAIT | __GFP_NOWARN) : 0;
}

static __always_inline void set_track(struct kmem_cache *s, void *object, enum track_item alloc,
				      unsigned long addr)
{
	struct track t = {
		.addr = addr,
		.handle = set_track_prepare(),
		.cpu = host_current_cpu(),
		.pid = current->pid,
		.when = jiffies,
	};

	raw_copy(get_track(s, object, alloc), &t, sizeof(t));
}

static void init_tracking(struct kmem_cache *s, void *object)
{
	if (!(s->flags & SLAB_STORE_USER))
		return;
	raw_fill(get_track(s, object, TRACK_ALLOC), 0, debug_metadata_size(s));
}

static void *orig_size_addr(struct kmem_cache *s, const void *object)
{
	return (char *)object + get_info_end(s) + 2 * sizeof(struct track);
}

static void set_orig_size(struct kmem_cache *s, const void *object, unsigned long orig_size)
{
	if (!slub_debug_orig_size(s))
		return;
	raw_set_word(orig_size_addr(s, object), min_t(unsigned long, orig_size, s->object_size));
}

static unsigned long get_orig_size(struct kmem_cache *s, const void *object)
{
	if (!slub_debug_orig_size(s))
		return s->object_size;
	return min_t(unsigned long, raw_word(orig_size_addr(s, object)), s->object_size);
}

/**
 * skip_orig_size_check - forget the requested size of a kmalloc object
 * @s: its cache
 * @object: the object
 *
 * ksize() lets the caller use the whole object: its bytes after the requested size are no longer
 * a red zone ("kmalloc Redzone") from then on.
 */
void skip_orig_size_check(struct kmem_cache *s, const void *object)
{
	set_orig_size(s, object, s->object_size);
}

/**
 * slab_debug_orig_size - the size requested for a kmalloc object of a debug cache
 * @s: its cache
 * @object: the object
 *
 * Return: the size kept with SLAB_STORE_USER in kmalloc caches, else s->object_size.
 */
unsigned long slab_debug_orig_size(struct kmem_cache *s, const void *object)
{
	return get_orig_size(s, object);
}

/**
 * debug_metadata_size - bytes of owner tracking after the free pointer
 * @s: the cache, with its flags set
 *
 * Return: two struct track with SLAB_STORE_USER, plus the requested size in kmalloc caches;
 * 0 otherwise.
 */
unsigned int debug_metadata_size(struct kmem_cache *s)
{
	unsigned int size = 0;

	if (s->flags & SLAB_STORE_USER) {
		size += 2 * sizeof(struct track);
		if (s->flags & SLAB_KMALLOC)
			size += sizeof(unsigned long);
	}
	return size;
}

/* ------------------------------------------------------------------------------------------ */
/* KUnit */

/* The "slab_errors" resource of the KUnit test running on this thread, taken; or NULL. */
static struct kunit_resource *slab_errors_resource(void)
{
	struct kunit *test = kunit_get_current_test();

	return test ? kunit_find_named_resource(test, "slab_errors") : NULL;
}

/**
 * slab_add_kunit_errors - count a slab error for the running KUnit test instead of reporting it
 *
 * Return: true if the test running on this thread owns a resource named "slab_errors" (an int,
 * now incremented): the caller then prints nothing.
 */
bool slab_add_kunit_errors(void)
{
	struct kunit_resource *resource = slab_errors_resource();

	if (!resource)
		return false;
	(*(int *)resource->data)++;
	kunit_put_resource(resource);
	return true;
}

/**
 * slab_in_kunit_test - does a KUnit test that counts slab errors run on this thread?
 *
 * Return: true if it owns a resource named "slab_errors"; warnings that go with slab reports
 * are left out then.
 */
bool slab_in_kunit_test(void)
{
	struct kunit_resource *resource = slab_errors_resource();

	if (!resource)
		return false;
	kunit_put_resource(resource);
	return true;
}

/* ------------------------------------------------------------------------------------------ */
/* Reports */

/* A hex dump of slot bytes, as print_hex_dump(level, text, DUMP_PREFIX_ADDRESS, 16, 1, ...). */
static void print_section(const char *level, const char *text, u8 *addr, unsigned int length)
{
	char line[16 * 3 + 2 + 16 + 1];
	unsigned int i, n;
	u8 row[16];

	for (i = 0; i < length; i += n) {
		n = min(length - i, 16U);
		raw_copy(row, addr + i, n);
		hex_dump_to_buffer(row, n, 16, 1, line, sizeof(line), true);
		printk("%s%s%p: %s\n", level, text, addr + i, line);
	}
}

static void print_track(const char *s, const struct track *t, unsigned long pr_time)
{
	if (!t->addr)
		return;
	pr_err("%s in %pS age=%lu cpu=%u pid=%d\n", s, (void *)t->addr, pr_time - t->when,
	       t->cpu, t->pid);
	if (t->handle)
		stack_depot_print(t->handle);
	else
		pr_err("object allocation/free stack trace missing\n");
}

static void print_tracking(struct kmem_cache *s, void *object)
{
	unsigned long pr_time = jiffies;
	struct track t;

	if (!(s->flags & SLAB_STORE_USER))
		return;
	read_track(s, object, TRACK_ALLOC, &t);
	print_track("Allocated", &t, pr_time);
	read_track(s, object, TRACK_FREE, &t);
	print_track("Freed", &t, pr_time);
}

static void print_slab_info(const struct slab *slab)
{
	pr_err("Slab 0x%p objects=%u used=%u fp=0x%p flags=%pGp\n", slab, slab->objects,
	       slab->inuse, slab->freelist, &slab->__page_flags);
}

static void __slab_bug(struct kmem_cache *s, const char *fmt, va_list argsp)
{
	struct va_format vaf;
	va_list args;

	va_copy(args, argsp);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_err("=============================================================================\n");
	pr_err("BUG %s (%s): %pV\n", s ? s->name : "<unknown>", print_tainted(), &vaf);
	pr_err("-----------------------------------------------------------------------------\n\n");
	va_end(args);
}

static __printf(2, 3) void slab_bug(struct kmem_cache *s, const char *fmt, ...)
{
	va_list args;

	va_start(args, fmt);
	__slab_bug(s, fmt, args);
	va_end(args);
}

static __printf(2, 3) void slab_fix(struct kmem_cache *s, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	if (slab_add_kunit_errors())
		return;
	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_err("FIX %s: %pV\n", s->name, &vaf);
	va_end(args);
}

static void print_trailer(struct kmem_cache *s, struct slab *slab, u8 *p)
{
	u8 *addr = slab_address(slab);
	unsigned int off;

	print_tracking(s, p);
	print_slab_info(slab);
	pr_err("Object 0x%p @offset=%tu fp=0x%p\n\n", p, p - addr, read_freepointer(s, p));

	if (s->flags & SLAB_RED_ZONE)
		print_section(KERN_ERR, "Redzone  ", p - s->red_left_pad, s->red_left_pad);
	else if (p > addr + 16)
		print_section(KERN_ERR, "Bytes b4 ", p - 16, 16);

	print_section(KERN_ERR, "Object   ", p, min_t(unsigned int, s->object_size, PAGE_SIZE));
	if (s->flags & SLAB_RED_ZONE)
		print_section(KERN_ERR, "Redzone  ", p + s->object_size, s->inuse - s->object_size);

	off = get_info_end(s) + debug_metadata_size(s);
	if (off != size_from_object(s))
		/* What follows the metadata, up to the next slot (a free pointer starts it). */
		print_section(KERN_ERR, "Padding  ", p + off, size_from_object(s) - off);
}

/* object_err() without counting: part of a report already counted. */
static void __object_err(struct kmem_cache *s, struct slab *slab, u8 *object, const char *reason)
{
	if (slab_add_kunit_errors())
		return;
	slab_bug(s, "%s", reason);
	if (!object || !check_valid_pointer(s, slab, object)) {
		print_slab_info(slab);
		pr_err("Invalid pointer 0x%p\n", object);
	} else {
		print_trailer(s, slab, object);
	}
	add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE);
	WARN_ON(1);
}

/**
 * object_err - report a bad object
 * @s: its cache
 * @slab: its slab
 * @object: the object (as handed out)
 * @reason: what is wrong, for the BUG line
 *
 * Prints the SLUB BUG header, the owner tracks, the slab and the object's bytes, taints the
 * process with TAINT_BAD_PAGE and warns; inside a KUnit test counting "slab_errors" it only
 * counts.
 */
void object_err(struct kmem_cache *s, struct slab *slab, const void *object, const char *reason)
{
	slab_errors_seen++;
	__object_err(s, slab, (u8 *)object, reason);
}

static void __slab_err(struct slab *slab)
{
	if (slab_in_kunit_test())
		return;
	print_slab_info(slab);
	add_taint(TAINT_BAD_PAGE, LOCKDEP_NOW_UNRELIABLE);
	WARN_ON(1);
}

/**
 * slab_err - report a bad slab
 * @s: its cache (NULL: unknown)
 * @slab: the slab
 * @fmt: printf format of the reason, for the BUG line
 *
 * Prints the SLUB BUG header and the slab, taints the process with TAINT_BAD_PAGE and warns;
 * inside a KUnit test counting "slab_errors" it only counts.
 */
void slab_err(struct kmem_cache *s, struct slab *slab, const char *fmt, ...)
{
	va_list args;

	slab_errors_seen++;
	if (slab_add_kunit_errors())
		return;
	va_start(args, fmt);
	__slab_bug(s, fmt, args);
	va_end(args);
	__slab_err(slab);
}

/* ------------------------------------------------------------------------------------------ */
/* Red zones, poison and padding */

static void init_object(struct kmem_cache *s, void *object, u8 val)
{
	u8 *p = object;
	unsigned int poison_size = s->object_size;

	if (s->flags & SLAB_RED_ZONE) {
		raw_fill(p - s->red_left_pad, val, s->red_left_pad);
		/* In kmalloc caches the bytes beyond the request are red zone too. */
		if (slub_debug_orig_size(s) && val == SLUB_RED_ACTIVE)
			poison_size = get_orig_size(s, object);
	}
	if ((s->flags & __OBJECT_POISON) && poison_size) {
		raw_fill(p, POISON_FREE, poison_size - 1);
		raw_fill(p + poison_size - 1, POISON_END, 1);
	}
	if (s->flags & SLAB_RED_ZONE)
		raw_fill(p + poison_size, val, s->inuse - poison_size);
}

static void restore_bytes(struct kmem_cache *s, const char *message, u8 data, u8 *from, u8 *to)
{
	slab_fix(s, "Restoring %s 0x%p-0x%p=0x%x", message, from, to - 1, data);
	raw_fill(from, data, to - from);
}

/*
 * Are the @bytes bytes at @start all @value? If not, report the overwritten range (and, with
 * @slab_obj_print, the object), restore it and return 0.
 */
static int check_bytes_and_report(struct kmem_cache *s, struct slab *slab, u8 *object,
				  const char *what, u8 *start, unsigned int value,
				  unsigned int bytes, bool slab_obj_print)
{
	u8 *addr = slab_address(slab);
	u8 *fault, *end;

	fault = raw_find_not(start, value, bytes);
	if (!fault)
		return 1;

	end = start + bytes;
	while (end > fault && raw_byte(end - 1) == value)
		end--;

	slab_errors_seen++;
	if (slab_add_kunit_errors())
		goto restore;
	pr_err("[%s overwritten] 0x%p-0x%p @offset=%tu. First byte 0x%x instead of 0x%x\n",
	       what, fault, end - 1, fault - addr, raw_byte(fault), value);
	if (slab_obj_print)
		__object_err(s, slab, object, "Object corrupt");
restore:
	restore_bytes(s, what, value, fault, end);
	return 0;
}

/* The padding after the metadata, up to the next slot, must be POISON_INUSE. */
static int check_pad_bytes(struct kmem_cache *s, struct slab *slab, u8 *p)
{
	unsigned long off = get_info_end(s) + debug_metadata_size(s);

	if (size_from_object(s) == off)
		return 1;
	return check_bytes_and_report(s, slab, p, "Object padding", p + off, POISON_INUSE,
				      size_from_object(s) - off, true);
}

/* The bytes after the last slot of a slab, up to its end, must be POISON_INUSE. */
static void slab_pad_check(struct kmem_cache *s, struct slab *slab)
{
	u8 *start, *end, *pad, *fault;
	unsigned int length, remainder;

	if (!(s->flags & SLAB_POISON))
		return;
	start = slab_address(slab);
	length = slab_size(slab);
	end = start + length;
	remainder = length % s->size;
	if (!remainder)
		return;

	pad = end - remainder;
	fault = raw_find_not(pad, POISON_INUSE, remainder);
	if (!fault)
		return;
	while (end > fault && raw_byte(end - 1) == POISON_INUSE)
		end--;

	/* As the kernel: the header is printed even for a KUnit test, which counts the FIX. */
	slab_errors_seen++;
	slab_bug(s, "Padding overwritten. 0x%p-0x%p @offset=%tu", fault, end - 1, fault - start);
	print_section(KERN_ERR, "Padding ", pad, remainder);
	__slab_err(slab);
	restore_bytes(s, "slab padding", POISON_INUSE, fault, end);
}

/* Check the red zones, poison and padding of @object, free (@val SLUB_RED_INACTIVE) or not. */
static int check_object(struct kmem_cache *s, struct slab *slab, void *object, u8 val)
{
	u8 *p = object;
	u8 *endobject = p + s->object_size;
	unsigned long orig_size;
	int ret = 1;

	if (s->flags & SLAB_RED_ZONE) {
		if (!check_bytes_and_report(s, slab, p, "Left Redzone", p - s->red_left_pad, val,
					    s->red_left_pad, ret))
			ret = 0;
		if (!check_bytes_and_report(s, slab, p, "Right Redzone", endobject, val,
					    s->inuse - s->object_size, ret))
			ret = 0;
		if (slub_debug_orig_size(s) && val == SLUB_RED_ACTIVE) {
			orig_size = get_orig_size(s, p);
			if (s->object_size > orig_size &&
			    !check_bytes_and_report(s, slab, p, "kmalloc Redzone", p + orig_size,
						    val, s->object_size - orig_size, ret))
				ret = 0;
		}
	} else if ((s->flags & SLAB_POISON) && s->object_size < s->inuse) {
		if (!check_bytes_and_report(s, slab, p, "Alignment padding", endobject,
					    POISON_INUSE, s->inuse - s->object_size, ret))
			ret = 0;
	}

	if (s->flags & SLAB_POISON) {
		if (val != SLUB_RED_ACTIVE && (s->flags & __OBJECT_POISON)) {
			if (s->object_size > 1 &&
			    !check_bytes_and_report(s, slab, p, "Poison", p, POISON_FREE,
						    s->object_size - 1, ret))
				ret = 0;
			if (!check_bytes_and_report(s, slab, p, "End Poison", endobject - 1,
						    POISON_END, 1, ret))
				ret = 0;
		}
		/* check_pad_bytes() restores what it reports. */
		if (!check_pad_bytes(s, slab, p))
			ret = 0;
	}

	/*
	 * The free pointer of an allocated object is only meaningful outside the object. The
	 * allocator may leave a raw 0 there when it hands the object out.
	 */
	if ((freeptr_outside_object(s) || val != SLUB_RED_ACTIVE) &&
	    !(val == SLUB_RED_ACTIVE && !raw_word(p + s->offset)) &&
	    !check_valid_pointer(s, slab, read_freepointer(s, p))) {
		object_err(s, slab, p, "Freepointer corrupt");
		/* The rest of the free list is lost; the object count will say so. */
		write_freepointer(s, p, NULL);
		ret = 0;
	}
	return ret;
}

static int check_slab(struct kmem_cache *s, struct slab *slab)
{
	unsigned int maxobj;

	if (!PageSlab(slab_page(slab))) {
		slab_err(s, slab, "Not a valid slab page");
		return 0;
	}
	maxobj = order_objects(slab_order(slab), s->size);
	if (slab->objects > maxobj) {
		slab_err(s, slab, "objects %u > max %u", slab->objects, maxobj);
		return 0;
	}
	if (slab->inuse > slab->objects) {
		slab_err(s, slab, "inuse %u > max %u", slab->inuse, slab->objects);
		return 0;
	}
	/* slab_pad_check() restores what it reports. */
	slab_pad_check(s, slab);
	return 1;
}

/*
 * Fixes of a slab's free list or counters change what the node counts. A slab whose free list
 * was cleared goes from the partial list to @full (n->full, or a list the caller splices there).
 */
static void slab_fixed_up(struct kmem_cache *s, struct slab *slab, bool was_partial,
			  unsigned int old_inuse, unsigned int old_objects, struct list_head *full)
{
	struct kmem_cache_node *n = &s->node;

	n->inuse_objects += (long)slab->inuse - (long)old_inuse;
	n->total_objects += (long)slab->objects - (long)old_objects;
	if (was_partial && !slab->freelist) {
		n->nr_partial--;
		list_move(&slab->slab_list, full);
	}
}

/*
 * Is @search on @slab's free list? Walking it also checks the list and the slab's counters, and
 * repairs them (list_lock held). With @search NULL: true if the list is sound.
 */
static int on_freelist(struct kmem_cache *s, struct slab *slab, void *search,
		       struct list_head *full)
{
	bool was_partial = slab->freelist;
	unsigned int old_inuse = slab->inuse, old_objects = slab->objects;
	unsigned int max_objects;
	void *object = NULL;
	void *fp = slab->freelist;
	int nr = 0, ret;

	while (fp && nr <= slab->objects) {
		if (fp == search)
			return 1;
		if (!check_valid_pointer(s, slab, fp)) {
			if (object) {
				object_err(s, slab, object, "Freechain corrupt");
				write_freepointer(s, object, NULL);
			} else {
				slab_err(s, slab, "Freepointer corrupt");
				slab->freelist = NULL;
				slab->inuse = slab->objects;
				slab_fix(s, "Freelist cleared");
				slab_fixed_up(s, slab, was_partial, old_inuse, old_objects, full);
				return 0;
			}
			break;
		}
		object = fp;
		fp = read_freepointer(s, object);
		nr++;
	}

	max_objects = min_t(unsigned long, order_objects(slab_order(slab), s->size),
			    MAX_OBJS_PER_SLAB);
	if (slab->objects != max_objects) {
		slab_err(s, slab, "Wrong number of objects. Found %d but should be %d",
			 slab->objects, max_objects);
		slab->objects = max_objects;
		slab_fix(s, "Number of objects adjusted");
	}
	if (slab->inuse != slab->objects - nr) {
		slab_err(s, slab, "Wrong object count. Counter is %d but counted were %d",
			 slab->inuse, slab->objects - nr);
		slab->inuse = slab->objects - nr;
		slab_fix(s, "Object count adjusted");
	}
	ret = search == NULL;
	slab_fixed_up(s, slab, was_partial, old_inuse, old_objects, full);
	return ret;
}

static void trace(struct kmem_cache *s, struct slab *slab, void *object, int alloc)
{
	if (!(s->flags & SLAB_TRACE))
		return;
	pr_info("TRACE %s %s 0x%p inuse=%d fp=0x%p\n", s->name, alloc ? "alloc" : "free", object,
		slab->inuse, slab->freelist);
	if (!alloc)
		print_section(KERN_INFO, "Object ", object, s->object_size);
	dump_stack();
}

/* ------------------------------------------------------------------------------------------ */
/* The allocator's hooks */

/**
 * setup_object_debug - give a new object of a debug cache its free-state bytes
 * @s: the cache
 * @object: the object, in a slab being created (before the constructor runs)
 *
 * With SLAB_POISON the whole slot starts as POISON_INUSE (and so does the space after the last
 * slot of the slab), with SLAB_RED_ZONE the padding after the metadata; red zones get
 * SLUB_RED_INACTIVE, the object the poison, the tracks zeros.
 */
void setup_object_debug(struct kmem_cache *s, void *object)
{
	unsigned long fp;

	if (s->flags & SLAB_POISON) {
		struct slab *slab = page_slab(compound_head(virt_to_page(object)));
		char *base = slab_address(slab);
		unsigned int remainder = slab_size(slab) % s->size;

		fp = raw_word((char *)object + s->offset);
		raw_fill(restore_red_left(s, object), POISON_INUSE, s->size);
		raw_set_word((char *)object + s->offset, fp);
		if (remainder && object == fixup_red_left(s, base))
			raw_fill(base + slab_size(slab) - remainder, POISON_INUSE, remainder);
	} else if (s->flags & SLAB_RED_ZONE) {
		/* Only the padding: the object keeps what the page had. */
		unsigned int off = get_info_end(s) + debug_metadata_size(s);

		raw_fill((char *)object + off, POISON_INUSE, size_from_object(s) - off);
	}
	if (!(s->flags & (SLAB_STORE_USER | SLAB_RED_ZONE | __OBJECT_POISON)))
		return;
	init_object(s, object, SLUB_RED_INACTIVE);
	init_tracking(s, object);
}

static int alloc_consistency_checks(struct kmem_cache *s, struct slab *slab, void *object)
{
	if (!check_slab(s, slab))
		return 0;
	if (!check_valid_pointer(s, slab, object)) {
		object_err(s, slab, object, "Freelist Pointer check fails");
		return 0;
	}
	if (!check_object(s, slab, object, SLUB_RED_INACTIVE))
		return 0;
	return 1;
}

/**
 * alloc_debug_processing - a debug cache hands out @object
 * @s: the cache
 * @slab: the object's slab
 * @object: the first object of the slab's free list
 * @orig_size: the size the caller asked for (kmalloc caches keep it)
 * @caller: the allocation site
 *
 * Called with the node's list_lock held. With SLAB_CONSISTENCY_CHECKS the slab and the object's
 * free state are checked first; then the allocation is tracked and the object gets its
 * allocated-state red zones (and poison).
 *
 * Return: true if @object may be handed out; false after a report ("Marking all objects used":
 * the allocator must then take no more objects from @slab).
 */
bool alloc_debug_processing(struct kmem_cache *s, struct slab *slab, void *object,
			    int orig_size, unsigned long caller)
{
	if (unlikely(!object)) {
		object_err(s, slab, NULL, "Freelist Pointer check fails");
		goto bad;
	}
	if ((s->flags & SLAB_CONSISTENCY_CHECKS) && !alloc_consistency_checks(s, slab, object))
		goto bad;

	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, TRACK_ALLOC, caller);
	trace(s, slab, object, 1);
	set_orig_size(s, object, orig_size > 0 ? orig_size : s->object_size);
	init_object(s, object, SLUB_RED_ACTIVE);
	return true;

bad:
	if (PageSlab(slab_page(slab)))
		slab_fix(s, "Marking all objects used");
	return false;
}

static int free_consistency_checks(struct kmem_cache *s, struct slab *slab, void *object,
				   unsigned long addr)
{
	if (!check_valid_pointer(s, slab, object)) {
		slab_err(s, slab, "Invalid object pointer 0x%p", object);
		return 0;
	}
	if (on_freelist(s, slab, object, &s->node.full)) {
		object_err(s, slab, object, "Object already free");
		return 0;
	}
	if (!check_object(s, slab, object, SLUB_RED_ACTIVE))
		return 0;
	if (unlikely(s != slab->slab_cache)) {
		if (!PageSlab(slab_page(slab)))
			slab_err(s, slab, "Attempt to free object(0x%p) outside of slab", object);
		else if (!slab->slab_cache)
			slab_err(NULL, slab, "No slab cache for object 0x%p", object);
		else
			object_err(s, slab, object, "page slab pointer corrupt.");
		return 0;
	}
	return 1;
}

/**
 * free_debug_processing - a debug cache takes @object back
 * @s: the cache
 * @slab: the object's slab
 * @object: the object, as handed out
 * @caller: the site of the free
 *
 * Called with the node's list_lock held. With SLAB_CONSISTENCY_CHECKS the slab and the object
 * are checked (a pointer that is not an object, a double free, overwritten red zones, another
 * cache's object); then the free is tracked and the object gets its free-state red zones and
 * poison.
 *
 * Return: true if the allocator may put @object on the free list; false after a report ("Object
 * at 0x... not freed"): the object must then be left alone.
 */
bool free_debug_processing(struct kmem_cache *s, struct slab *slab, void *object,
			   unsigned long caller)
{
	if (s->flags & SLAB_CONSISTENCY_CHECKS) {
		if (!check_slab(s, slab))
			goto out;
	}
	if (slab->inuse < 1) {
		slab_err(s, slab, "Slab has %d allocated objects but %d are to be freed\n",
			 slab->inuse, 1);
		goto out;
	}
	if ((s->flags & SLAB_CONSISTENCY_CHECKS) &&
	    !free_consistency_checks(s, slab, object, caller))
		goto out;

	if (s->flags & SLAB_STORE_USER)
		set_track(s, object, TRACK_FREE, caller);
	trace(s, slab, object, 0);
	/* The free pointer is outside the object whenever poisoning would overwrite it. */
	init_object(s, object, SLUB_RED_INACTIVE);
	return true;

out:
	slab_fix(s, "Object at 0x%p not freed", object);
	return false;
}

/**
 * list_slab_objects - report the objects still allocated in @slab
 * @s: the cache
 * @slab: a slab of @s (list_lock held)
 * @text: the reason, for the BUG line ("Objects remaining on __kmem_cache_shutdown()")
 *
 * One "Object 0x... @offset=..." line per object not on the slab's free list, with its owner
 * tracks when the cache keeps them.
 */
void list_slab_objects(struct kmem_cache *s, struct slab *slab, const char *text)
{
	void *addr = slab_address(slab);
	void *p;

	slab_errors_seen++;
	if (!slab_add_kunit_errors())
		slab_bug(s, "%s", text);

	host_mutex_lock(&object_map_lock);
	fill_map(s, slab);
	for_each_object(p, s, addr, min_t(unsigned long, slab->objects, MAX_OBJS_PER_SLAB)) {
		if (object_is_free(s, addr, p))
			continue;
		if (slab_add_kunit_errors())
			continue;
		pr_err("Object 0x%p @offset=%tu\n", p, (char *)p - (char *)addr);
		print_tracking(s, p);
	}
	host_mutex_unlock(&object_map_lock);

	__slab_err(slab);
}

/* ------------------------------------------------------------------------------------------ */
/* Validation */

static void validate_slab(struct kmem_cache *s, struct slab *slab, struct list_head *full)
{
	void *addr = slab_address(slab);
	void *p;

	if (!check_slab(s, slab) || !on_freelist(s, slab, NULL, full))
		return;

	/* The free list is sound now: check every object in the state it is in. */
	host_mutex_lock(&object_map_lock);
	fill_map(s, slab);
	for_each_object(p, s, addr, slab->objects) {
		u8 val = object_is_free(s, addr, p) ? SLUB_RED_INACTIVE : SLUB_RED_ACTIVE;

		if (!check_object(s, slab, p, val))
			break;
	}
	host_mutex_unlock(&object_map_lock);
}

/**
 * validate_slab_cache - check every slab and object of @s
 * @s: the cache
 *
 * Every thread's cached objects go back to the slabs first. Every slab on the partial and
 * full lists gets check_slab(), its free list and counters are checked (and repaired), and every
 * object is checked in its state, as the kernel's /sys/kernel/slab/<cache>/validate does.
 *
 * Return: the number of errors found (each one reported, or counted for a KUnit test).
 */
long validate_slab_cache(struct kmem_cache *s)
{
	struct kmem_cache_node *n = &s->node;
	unsigned long partial = 0, count = 0, nr_partial;
	long before = slab_errors_seen;
	struct slab *slab, *next;
	LIST_HEAD(now_full);

	flush_all_cpu_caches(s);
	host_mutex_lock(&n->list_lock);
	nr_partial = n->nr_partial;
	list_for_each_entry_safe(slab, next, &n->partial, slab_list) {
		validate_slab(s, slab, &now_full);
		partial++;
	}
	if (partial != nr_partial) {
		pr_err("SLUB %s: %ld partial slabs counted but counter=%ld\n", s->name,
		       (long)partial, (long)nr_partial);
		slab_errors_seen++;
		slab_add_kunit_errors();
	}
	count = partial;
	list_for_each_entry(slab, &n->full, slab_list) {
		validate_slab(s, slab, &n->full);
		count++;
	}
	/* Slabs whose free list was cleared are full now (and were counted as partial ones). */
	list_splice(&now_full, &n->full);
	if (count != n->nr_slabs) {
		pr_err("SLUB: %s %ld slabs counted but counter=%ld\n", s->name, (long)count,
		       (long)n->nr_slabs);
		slab_errors_seen++;
		slab_add_kunit_errors();
	}
	host_mutex_unlock(&n->list_lock);
	return slab_errors_seen - before;
}

/* ------------------------------------------------------------------------------------------ */
/* Owners of the allocated objects (alloc_calls, free_calls) */

#define LOC_CPUS	256

struct location {
	unsigned long count;
	unsigned long addr;
	long long sum_time;
	long min_time;
	long max_time;
	long min_pid;
	long max_pid;
	DECLARE_BITMAP(cpus, LOC_CPUS);
};

/* Locations sorted by caller address, in pages of the page allocator (never a slab). */
struct loc_track {
	unsigned long max;
	unsigned long count;
	struct location *loc;
};

static void free_loc_track(struct loc_track *t)
{
	if (t->max)
		free_pages((unsigned long)t->loc, get_order(sizeof(struct location) * t->max));
}

static bool alloc_loc_track(struct loc_track *t, unsigned long max, gfp_t flags)
{
	struct location *l;

	l = (void *)__get_free_pages(flags | __GFP_NOWARN, get_order(sizeof(*l) * max));
	if (!l)
		return false;
	if (t->count) {
		memcpy(l, t->loc, sizeof(*l) * t->count);
		free_loc_track(t);
	}
	t->max = max;
	t->loc = l;
	return true;
}

static bool add_location(struct loc_track *t, const struct track *track, unsigned long now)
{
	long age = now - track->when;
	unsigned long lo = 0, hi = t->count, mid;
	struct location *l;
	int cpu = clamp(track->cpu, 0, LOC_CPUS - 1);

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		l = &t->loc[mid];
		if (l->addr == track->addr) {
			l->count++;
			if (track->when) {
				l->sum_time += age;
				l->min_time = min(l->min_time, age);
				l->max_time = max(l->max_time, age);
				l->min_pid = min_t(long, l->min_pid, track->pid);
				l->max_pid = max_t(long, l->max_pid, track->pid);
				__set_bit(cpu, l->cpus);
			}
			return true;
		}
		if (track->addr < l->addr)
			hi = mid;
		else
			lo = mid + 1;
	}

	if (t->count >= t->max && !alloc_loc_track(t, 2 * t->max, GFP_ATOMIC))
		return false;
	l = t->loc + lo;
	if (lo < t->count)
		memmove(l + 1, l, (t->count - lo) * sizeof(*l));
	t->count++;
	l->count = 1;
	l->addr = track->addr;
	l->sum_time = age;
	l->min_time = age;
	l->max_time = age;
	l->min_pid = track->pid;
	l->max_pid = track->pid;
	bitmap_zero(l->cpus, LOC_CPUS);
	__set_bit(cpu, l->cpus);
	return true;
}

static void process_slab(struct loc_track *t, struct kmem_cache *s, struct slab *slab,
			 enum track_item alloc, unsigned long now)
{
	void *addr = slab_address(slab);
	struct track track;
	void *p;

	host_mutex_lock(&object_map_lock);
	fill_map(s, slab);
	for_each_object(p, s, addr, min_t(unsigned long, slab->objects, MAX_OBJS_PER_SLAB)) {
		if (object_is_free(s, addr, p))
			continue;
		read_track(s, p, alloc, &track);
		add_location(t, &track, now);
	}
	host_mutex_unlock(&object_map_lock);
}

/**
 * slab_locations_show - the kernel's alloc_calls / free_calls text for @s
 * @s: the cache (it must keep owner tracks: SLAB_STORE_USER)
 * @buf: where to write
 * @size: room in @buf
 * @alloc: true for the allocation sites, false for the sites of the last free
 *
 * One line per call site of the allocated objects, in address order:
 * "<count> <caller %pS> age=<min>/<avg>/<max> pid=<min>-<max> cpus=<list>" (age and pid as a
 * single value when they do not vary; cpus only on a machine with more than one), or "No data".
 * Lines that do not fit are left out.
 *
 * Return: the length written, -ENOSYS without SLAB_STORE_USER, -ENOMEM.
 */
ssize_t slab_locations_show(struct kmem_cache *s, char *buf, size_t size, bool alloc)
{
	struct kmem_cache_node *n = &s->node;
	struct loc_track t = {};
	unsigned long now, i;
	struct slab *slab;
	size_t len = 0;
	char line[256];

	if (!(s->flags & SLAB_STORE_USER))
		return -ENOSYS;
	if (!size)
		return 0;
	if (!alloc_loc_track(&t, PAGE_SIZE / sizeof(struct location), GFP_KERNEL))
		return -ENOMEM;

	now = jiffies;
	host_mutex_lock(&n->list_lock);
	list_for_each_entry(slab, &n->partial, slab_list)
		process_slab(&t, s, slab, alloc ? TRACK_ALLOC : TRACK_FREE, now);
	list_for_each_entry(slab, &n->full, slab_list)
		process_slab(&t, s, slab, alloc ? TRACK_ALLOC : TRACK_FREE, now);
	host_mutex_unlock(&n->list_lock);

	buf[0] = '\0';
	for (i = 0; i < t.count; i++) {
		struct location *l = &t.loc[i];
		int ll;

		ll = scnprintf(line, sizeof(line), "%7ld ", l->count);
		if (l->addr)
			ll += scnprintf(line + ll, sizeof(line) - ll, "%pS", (void *)l->addr);
		else
			ll += scnprintf(line + ll, sizeof(line) - ll, "<not-available>");
		if (l->sum_time != l->min_time)
			ll += scnprintf(line + ll, sizeof(line) - ll, " age=%ld/%ld/%ld",
					l->min_time, (long)div_u64(l->sum_time, l->count),
					l->max_time);
		else
			ll += scnprintf(line + ll, sizeof(line) - ll, " age=%ld", l->min_time);
		if (l->min_pid != l->max_pid)
			ll += scnprintf(line + ll, sizeof(line) - ll, " pid=%ld-%ld", l->min_pid,
					l->max_pid);
		else
			ll += scnprintf(line + ll, sizeof(line) - ll, " pid=%ld", l->min_pid);
		if (host_ncpus() > 1 && !bitmap_empty(l->cpus, LOC_CPUS))
			ll += scnprintf(line + ll, sizeof(line) - ll, " cpus=%*pbl", LOC_CPUS,
					l->cpus);
		ll += scnprintf(line + ll, sizeof(line) - ll, "\n");
		if (len + ll >= size)
			break;
		memcpy(buf + len, line, ll + 1);
		len += ll;
	}
	if (!t.count)
		len = scnprintf(buf, size, "No data\n");
	free_loc_track(&t);
	return len;
}

/* ------------------------------------------------------------------------------------------ */
/* slab_debug= */

/*
 * Parse one block of slab_debug= (blocks are separated by ';'): its flag letters into @flags
 * (DEBUG_DEFAULT_FLAGS when it starts with a cache list), its cache list into @slabs (NULL
 * without one). Return the next block, or NULL.
 */
static const char *parse_slub_debug_flags(const char *str, slab_flags_t *flags,
					  const char **slabs, bool init, bool *higher_order)
{
	while (*str == ';')
		str++;

	if (*str == ',') {
		/* Only a list of caches: full debugging for them. */
		*flags = DEBUG_DEFAULT_FLAGS;
	} else {
		*flags = 0;
		for (; *str && *str != ',' && *str != ';'; str++) {
			switch (tolower(*str)) {
			case '-':
				*flags = 0;
				break;
			case 'f':
				*flags |= SLAB_CONSISTENCY_CHECKS;
				break;
			case 'z':
				*flags |= SLAB_RED_ZONE;
				break;
			case 'p':
				*flags |= SLAB_POISON;
				break;
			case 'u':
				*flags |= SLAB_STORE_USER;
				break;
			case 't':
				*flags |= SLAB_TRACE;
				break;
			case 'a':
				*flags |= SLAB_FAILSLAB;
				break;
			case 'o':
				/* No debug metadata where it would raise the slab order. */
				if (init && higher_order)
					*higher_order = true;
				break;
			default:
				if (init)
					pr_err("slab_debug option '%c' unknown. skipped\n", *str);
			}
		}
	}

	if (*str == ',')
		*slabs = ++str;
	else
		*slabs = NULL;
	while (*str && *str != ';')
		str++;
	while (*str == ';')
		str++;
	return *str ? str : NULL;
}

/*
 * Parse @str, the text after "slab_debug" ("" or "=..."): the flags for every cache into
 * @global, the blocks that name caches into @lists. A single block with a list leaves the flags
 * of the other caches at @prev_global.
 */
static void parse_slub_debug(const char *str, slab_flags_t prev_global, slab_flags_t *global,
			     const char **lists, bool *higher_order, bool init)
{
	bool global_changed = false, list_specified = false;
	slab_flags_t flags, g = DEBUG_DEFAULT_FLAGS;
	const char *slabs, *next;

	*lists = NULL;
	if (*str != '=' || !str[1])
		goto out;	/* no options: full debugging */
	str++;
	for (next = str; next; ) {
		next = parse_slub_debug_flags(next, &flags, &slabs, init, higher_order);
		if (!slabs) {
			g = flags;
			global_changed = true;
		} else {
			list_specified = true;
		}
	}
	if (list_specified) {
		if (!global_changed)
			g = prev_global;
		*lists = str;
	}
out:
	*global = g;
}

/* Does the cache list starting at @iter (up to ';' or the end) name @name? */
static bool slab_list_matches(const char *iter, const char *name)
{
	size_t len = strlen(name);

	while (*iter && *iter != ';') {
		const char *end = iter;
		const char *glob;

		while (*end && *end != ',' && *end != ';')
			end++;
		glob = memchr(iter, '*', end - iter);
		if (glob) {
			if (!strncmp(name, iter, glob - iter))
				return true;
		} else if (len == (size_t)(end - iter) && !strncmp(name, iter, len)) {
			return true;
		}
		if (*end != ',')
			break;
		iter = end + 1;
	}
	return false;
}

static slab_flags_t apply_slub_debug(slab_flags_t global, const char *lists, slab_flags_t flags,
				     const char *name)
{
	slab_flags_t block_flags;
	const char *iter, *next;

	if (flags & SLAB_NO_USER_FLAGS)
		return flags;
	/* Caches of leak detectors do not record stacks unless named explicitly. */
	if (flags & SLAB_NOLEAKTRACE)
		global &= ~SLAB_STORE_USER;

	for (next = lists; next; ) {
		next = parse_slub_debug_flags(next, &block_flags, &iter, false, NULL);
		if (iter && slab_list_matches(iter, name))
			return flags | block_flags;
	}
	return flags | global;
}

/**
 * kmem_cache_flags - the flags of a new cache, with what slab_debug= asks for it
 * @flags: the flags it was created with
 * @name: its name
 *
 * A cache named in a block of slab_debug= (slab_debug=<flags>,<name>,<prefix>*;...) gets that
 * block's flags; the others get the flags of the block without a list (none by default).
 * SLAB_NO_USER_FLAGS caches get nothing.
 *
 * Return: @flags with the debug flags that apply.
 */
slab_flags_t kmem_cache_flags(slab_flags_t flags, const char *name)
{
	return apply_slub_debug(READ_ONCE(slub_debug), slub_debug_string, flags, name);
}

/**
 * kmem_cache_flags_for - what kmem_cache_flags() would return after "slab_debug" @param
 * @param: the text after "slab_debug" on a command line: "" or "=<options>"
 * @flags: the flags of the cache
 * @name: its name
 *
 * For tests: the booted setting is neither used nor changed (the flags of caches that a
 * single listed block leaves alone are 0, as at boot).
 *
 * Return: the flags, or @flags when @param cannot be copied.
 */
slab_flags_t kmem_cache_flags_for(const char *param, slab_flags_t flags, const char *name)
{
	const char *lists;
	slab_flags_t global;
	char *copy;

	copy = kstrdup(param, GFP_KERNEL);
	if (!copy)
		return flags;
	parse_slub_debug(copy, 0, &global, &lists, NULL, false);
	flags = apply_slub_debug(global, lists, flags, name);
	kfree(copy);
	return flags;
}

static int __init setup_slub_debug(char *str)
{
	bool higher_order = false;
	slab_flags_t global;
	const char *lists;

	strscpy(slub_debug_buf, str);
	parse_slub_debug(slub_debug_buf, slub_debug, &global, &lists, &higher_order, true);
	WRITE_ONCE(slub_debug, global);
	slub_debug_string = lists;
	if (higher_order)
		disable_higher_order_debug = 1;
	return 1;
}
__setup("slab_debug", setup_slub_debug);
__setup_param("slub_debug", slub_debug_alias, setup_slub_debug, 0);
