// SPDX-License-Identifier: MIT
/*
 * make demo, the slab chapter: a cache's life from kmem_cache_create() to kmem_cache_destroy()
 * (objects carved from one slab, the constructor, /proc/slabinfo and /sys/kernel/slab), the
 * kmalloc size classes, and SLUB debugging catching a planted one-byte overrun with the
 * kernel's report. Every number printed is read back from krt: ksize(), the slab's page, the
 * files in /proc and /sys.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/cache.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/panic.h>
#include <krt/printk.h>
#include <krt/proc.h>

#include <stdio.h>

#include "demo.h"

/* Reading files ---------------------------------------------------------------------------- */

static char slabinfo_buf[32768];

/*
 * Print the line of /proc/slabinfo that starts with @name (the column heads: "#"), as it is,
 * or say there is none.
 */
static void show_slabinfo(const char *name)
{
	size_t len = strlen(name);
	char *line, *next;

	if (krt_proc_read("/proc/slabinfo", slabinfo_buf, sizeof(slabinfo_buf)) <= 0) {
		printf("   (cannot read /proc/slabinfo)\n");
		return;
	}
	for (line = slabinfo_buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!strncmp(line, name, len) && line[len] == ' ') {
			printf("   %s\n", line);
			return;
		}
	}
	printf("   (no line starts with \"%s \")\n", name);
}

/* The value of /sys/kernel/slab/@cache/@attr, or -1 when there is no such file. */
static long slab_attr(const char *cache, const char *attr)
{
	char path[128], buf[64];

	snprintf(path, sizeof(path), "/sys/kernel/slab/%s/%s", cache, attr);
	if (krt_proc_read(path, buf, sizeof(buf)) <= 0)
		return -1;
	return simple_strtol(buf, NULL, 10);
}

/* /sys/kernel/slab/@cache/'s sizes, on one line. */
static void show_slab_attrs(const char *cache)
{
	printf("   /sys/kernel/slab/%s/: object_size %ld, slab_size %ld, align %ld,"
	       " objs_per_slab %ld, order %ld\n", cache, slab_attr(cache, "object_size"),
	       slab_attr(cache, "slab_size"), slab_attr(cache, "align"),
	       slab_attr(cache, "objs_per_slab"), slab_attr(cache, "order"));
}

static unsigned long tainted(void)
{
	char buf[32];

	if (krt_proc_read("/proc/sys/kernel/tainted", buf, sizeof(buf)) <= 0)
		return 0;
	return simple_strtoul(buf, NULL, 10);
}

/* A cache's life ---------------------------------------------------------------------------- */

/* A driver's per-connection object: small, allocated and freed often, so it gets a cache. */
struct demo_conn {
	spinlock_t lock;
	struct list_head peers;
	unsigned int id;
	char name[12];
};

static unsigned int ctor_calls;

/*
 * The constructor puts an object in the state every free object of the cache is in (the lock
 * initialised, the list empty). SLUB runs it when a new slab is carved up, not on every
 * allocation: users free objects only in that state, so it need not be redone.
 */
static void demo_conn_ctor(void *obj)
{
	struct demo_conn *c = obj;

	spin_lock_init(&c->lock);
	INIT_LIST_HEAD(&c->peers);
	ctor_calls++;
}

#define NR_CONNS	6

static void cache_life(void)
{
	struct demo_conn *conns[NR_CONNS], *again;
	struct kmem_cache *cache;
	struct folio *folio;
	void *base;
	int i, same = 0;

	step("kmem_cache_create()", ": a driver creates a cache for its struct demo_conn (%zu bytes)\n"
	     "  with SLAB_HWCACHE_ALIGN, so that no two objects share a cache line, and a\n"
	     "  constructor that initialises each object's lock and list. Because of the\n"
	     "  constructor, SLUB keeps a free object's free pointer after the object, not in it.\n",
	     sizeof(struct demo_conn));
	cache = kmem_cache_create("demo_conn", sizeof(struct demo_conn), 0, SLAB_HWCACHE_ALIGN,
				  demo_conn_ctor);
	if (!cache) {
		printf("-> kmem_cache_create() failed\n");
		return;
	}
	printf("-> kmem_cache_size() = %u; the cache's files (slab_size is an object's slot: the\n"
	       "   object, then the free pointer, rounded up to the alignment):\n",
	       kmem_cache_size(cache));
	show_slab_attrs("demo_conn");
	printf("   /proc/slabinfo, the column heads and the cache's line:\n");
	show_slabinfo("#");
	show_slabinfo("demo_conn");

	step("kmem_cache_alloc()", ": %d objects. The first allocation finds no slab, so SLUB takes\n"
	     "  a page from the page allocator, carves it into objects and runs the constructor on\n"
	     "  every one of them.\n", NR_CONNS);
	for (i = 0; i < NR_CONNS; i++) {
		conns[i] = kmem_cache_alloc(cache, GFP_KERNEL);
		if (!conns[i]) {
			printf("-> kmem_cache_alloc() failed\n");
			while (i--)
				kmem_cache_free(cache, conns[i]);
			kmem_cache_destroy(cache);
			return;
		}
		conns[i]->id = i;
		snprintf(conns[i]->name, sizeof(conns[i]->name), "conn%d", i);
	}
	folio = virt_to_folio(conns[0]);
	base = folio_address(folio);
	printf("-> the first object's page is a slab (folio_test_slab() = %d) of order %u at %p:\n",
	       folio_test_slab(folio), folio_order(folio), base);
	for (i = 0; i < NR_CONNS; i++) {
		same += virt_to_folio(conns[i]) == folio;
		printf("   %s at %p = slab + %#5lx; address %% %d = %lu; list_empty(&peers) = %d\n",
		       conns[i]->name, conns[i], (unsigned long)((char *)conns[i] - (char *)base),
		       L1_CACHE_BYTES, (unsigned long)conns[i] % L1_CACHE_BYTES,
		       list_empty(&conns[i]->peers));
	}
	printf("-> %d of the %d objects are in that slab; the constructor ran %u times (objs_per_slab\n"
	       "   is %ld), when the slab was made. The cache's line in /proc/slabinfo now:\n",
	       same, NR_CONNS, ctor_calls, slab_attr("demo_conn", "objs_per_slab"));
	show_slabinfo("demo_conn");

	step("kmem_cache_free()", ": an object goes back to this thread's array of free objects\n"
	     "  (the kernel's per-CPU cache); the next allocation takes it first, still warm in the\n"
	     "  CPU cache and still in its constructed state.\n");
	kmem_cache_free(cache, conns[NR_CONNS - 1]);
	again = kmem_cache_alloc(cache, GFP_KERNEL);
	printf("-> kmem_cache_free(%s), then kmem_cache_alloc() = %p: %s,\n"
	       "   and the constructor has still run %u times\n", conns[NR_CONNS - 1]->name, again,
	       again == conns[NR_CONNS - 1] ? "the same object" : "another object", ctor_calls);
	conns[NR_CONNS - 1] = again;
	for (i = 0; i < NR_CONNS; i++)
		kmem_cache_free(cache, conns[i]);
	printf("-> all %d freed: no object is active, and the empty slab stays with the cache for\n"
	       "   its next allocations:\n", NR_CONNS);
	show_slabinfo("demo_conn");

	step("kmem_cache_shrink()", ": gives the cache's empty slabs back to the page allocator (as\n"
	     "  writing 1 to /sys/kernel/slab/<cache>/shrink does); kmem_cache_destroy() then removes\n"
	     "  the cache, its /proc/slabinfo line and its /sys/kernel/slab directory.\n");
	kmem_cache_shrink(cache);
	printf("-> after kmem_cache_shrink(), no slab:\n");
	show_slabinfo("demo_conn");
	kmem_cache_destroy(cache);
	printf("-> after kmem_cache_destroy():\n");
	show_slabinfo("demo_conn");
	printf("   /sys/kernel/slab/demo_conn/object_size: %s\n",
	       slab_attr("demo_conn", "object_size") < 0 ? "no such file" : "still there?!");
}

/* kmalloc's size classes -------------------------------------------------------------------- */

static void kmalloc_classes(void)
{
	static const size_t sizes[] = { 1, 13, 64, 65, 100, 150, 1000, 4097, 8192, 10000 };
	size_t i;

	step("kmalloc()", ": kmalloc() takes its objects from caches of fixed sizes, 8 to 8192 bytes\n"
	     "  in powers of two plus 96 and 192; ksize() tells how much the object really has.\n"
	     "  Above 8 KiB kmalloc() takes a compound page from the page allocator instead.\n");
	printf("   %10s %8s  %s\n", "kmalloc(n)", "ksize()", "from");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *p = kmalloc(sizes[i], GFP_KERNEL);
		struct folio *folio;

		if (!p) {
			printf("   %10zu: kmalloc() failed\n", sizes[i]);
			continue;
		}
		folio = virt_to_folio(p);
		/* The caches are named as the kernel's: kmalloc-96, kmalloc-1k ... kmalloc-8k. */
		if (folio_test_slab(folio) && ksize(p) >= 1024)
			printf("   %10zu %8zu  a slab of kmalloc-%zuk\n", sizes[i], ksize(p),
			       ksize(p) / 1024);
		else if (folio_test_slab(folio))
			printf("   %10zu %8zu  a slab of kmalloc-%zu\n", sizes[i], ksize(p), ksize(p));
		else
			printf("   %10zu %8zu  the page allocator: an order-%u folio\n", sizes[i],
			       ksize(p), folio_order(folio));
		kfree(p);
	}
	printf("-> kmalloc_size_roundup(100) = %zu: what to ask for to use all of it\n",
	       kmalloc_size_roundup(100));
}

/* A planted red zone overwrite ------------------------------------------------------------- */

/* The planted bug's object: 40 bytes of payload, so its right red zone starts at byte 40. */
struct demo_msg {
	char text[40];
};

/*
 * The planted byte is written and read behind the sanitizers' back, as the kernel's slab tests
 * do inside kasan_disable_current(): SLUB's check is what this chapter shows, and a sanitizer
 * that knew the red zone (KASAN poisons it; UBSan's bounds check knows text[40]) would stop
 * the process first.
 */
static noinline __no_sanitize_address void write_past_end(void *p, size_t offset, u8 val)
{
	OPTIMIZER_HIDE_VAR(p);
	*((volatile u8 *)p + offset) = val;
}

static noinline __no_sanitize_address u8 read_past_end(const void *p, size_t offset)
{
	OPTIMIZER_HIDE_VAR(p);
	return *((const volatile u8 *)p + offset);
}

#define DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | SLAB_POISON | SLAB_STORE_USER)

/* noinline: the report's "Allocated in" line names the function that allocated. */
static noinline void redzone_overwrite(void)
{
	struct demo_msg *msg, *other;
	struct kmem_cache *cache;
	unsigned long taint_before;
	unsigned int reports;
	ssize_t written;

	step("slub_debug=FZPU", ": a cache created with SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE |\n"
	     "  SLAB_POISON | SLAB_STORE_USER (what KRT_CMDLINE=\"slub_debug=FZPU,demo_msg\" would\n"
	     "  give it) has a red zone on each side of every object, 0xcc while the object is\n"
	     "  allocated, remembers who allocated and freed it, and checks it all on every free.\n");
	cache = kmem_cache_create("demo_msg", sizeof(struct demo_msg), 0, DEBUG_FLAGS, NULL);
	if (!cache) {
		printf("-> kmem_cache_create() failed\n");
		return;
	}
	show_slab_attrs("demo_msg");
	printf("   (a slot: the left red zone, the object, the right red zone, the free pointer, who\n"
	       "   allocated and who freed it last, padding)\n");
	msg = kmem_cache_alloc(cache, GFP_KERNEL);
	if (!msg) {
		printf("-> kmem_cache_alloc() failed\n");
		kmem_cache_destroy(cache);
		return;
	}
	memset(msg->text, 'x', sizeof(msg->text));
	printf("-> msg = kmem_cache_alloc(); the byte after its %zu bytes is %#x: the red zone\n",
	       sizeof(*msg), read_past_end(msg, sizeof(*msg)));

	step("The bug", ": an off-by-one writes one byte past the object (msg->text[40] = 0x12).\n"
	     "  Nothing notices until kmem_cache_free(msg) checks the red zone: SLUB prints the\n"
	     "  kernel's report (the overwritten bytes, who allocated the object, a dump of its\n"
	     "  slot) and a WARN, restores the red zone, and does not free the object: a corrupted\n"
	     "  object stays allocated rather than be handed out again.\n");
	taint_before = tainted();
	write_past_end(msg, sizeof(*msg), 0x12);
	kmem_cache_free(cache, msg);
	printf("-> the process goes on. The byte after msg is %#x again; /proc/sys/kernel/tainted\n"
	       "   went from %lu to %lu: TAINT_BAD_PAGE (1 << %d), the B in \"%s\"\n",
	       read_past_end(msg, sizeof(*msg)), taint_before, tainted(), TAINT_BAD_PAGE,
	       print_tainted());

	step("Afterwards", ": the cache still works, and writing 1 to\n"
	     "  /sys/kernel/slab/demo_msg/validate checks every slab and object of it again.\n");
	/* Captured (and still printed) to count the reports of what follows. */
	krt_printk_capture_begin(true);
	other = kmem_cache_alloc(cache, GFP_KERNEL);
	if (other) {
		memset(other->text, 'y', sizeof(other->text));
		kmem_cache_free(cache, other);
	}
	printf("-> kmem_cache_alloc() = %s, used and freed: %u report(s);\n"
	       "   /sys/kernel/slab/demo_msg/objects: %ld (msg, kept allocated)\n",
	       !other ? "NULL?!" : other == msg ? "msg?!" : "another object",
	       krt_printk_capture_count("BUG demo_msg"), slab_attr("demo_msg", "objects"));
	krt_printk_capture_reset();
	written = krt_proc_write("/sys/kernel/slab/demo_msg/validate", "1", 1);
	reports = krt_printk_capture_count("BUG demo_msg");
	printf("-> validate: krt_proc_write() = %zd, %u report(s)%s\n", written, reports,
	       reports ? "" : ": every red zone, poison byte and free\n   list is intact");

	/*
	 * The kernel would keep msg forever. Its red zone repaired, it passes the checks now: free
	 * it, so that kmem_cache_destroy() finds the cache empty.
	 */
	krt_printk_capture_reset();
	kmem_cache_free(cache, msg);
	kmem_cache_destroy(cache);
	printf("-> msg, repaired, freed this time, and the cache destroyed: %s\n",
	       *krt_printk_capture_text() ? "see the messages above" : "no message");
	krt_printk_capture_end();
}

/* The chapter ---------------------------------------------------------------------------- */

/* How many caches /proc/slabinfo lists (after its two lines of heads). */
static int nr_caches(void)
{
	const char *p = slabinfo_buf;
	int lines = 0;

	if (krt_proc_read("/proc/slabinfo", slabinfo_buf, sizeof(slabinfo_buf)) <= 0)
		return 0;
	while ((p = strchr(p, '\n'))) {
		lines++;
		p++;
	}
	return max(lines - 2, 0);
}

/**
 * demo_slab_chapter - slab caches, kmalloc and SLUB debugging, demonstrated
 * @n: the chapter's number
 */
void demo_slab_chapter(int n)
{
	chapter(n, "Slab caches, kmalloc and SLUB debugging",
		"Objects of one size come from a cache, carved from slabs of pages (SLUB, as in\n"
		"mm/slub.c); kmalloc() is a set of such caches. A debug cache catches an overrun\n"
		"and prints the kernel's report: /proc/slabinfo and /sys/kernel/slab show it all.");
	printf("-> /proc/slabinfo lists %d caches so far, kmalloc's among them\n", nr_caches());
	cache_life();
	kmalloc_classes();
	redzone_overwrite();
}
