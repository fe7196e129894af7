// SPDX-License-Identifier: MIT
/*
 * make demo, the GFP chapter: Documentation/core-api/memory-allocation.rst, "GFP flags and
 * reclaim behavior", line by line, against krt's page allocator. It runs in a child process
 * booted with a small arena (DEMO_GFP_CMDLINE) so that filling memory takes microseconds.
 *
 * The cast: a "hog" list of pages that nothing can reclaim, a cache of pages behind a shrinker
 * (what kswapd and direct reclaim can take back), and a driver's stash that an OOM notifier
 * gives back. Every number printed is measured: zone counters, the watermarks, /proc/vmstat.
 */
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/shrinker.h>
#include <linux/oom.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/kthread.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <krt/boot.h>
#include <krt/mm.h>
#include <krt/printk.h>
#include <krt/proc.h>

#include <stdio.h>

#include "demo.h"

/* Reading counters ----------------------------------------------------------------------- */

static char vmstat_buf[32768];

/* The value of /proc/vmstat's counter @name (a prefix ending in '_' sums the family). */
static unsigned long vmstat(const char *name)
{
	size_t len = strlen(name);
	bool family = name[len - 1] == '_';
	unsigned long sum = 0;
	char *line, *next;

	if (krt_proc_read("/proc/vmstat", vmstat_buf, sizeof(vmstat_buf)) <= 0)
		return 0;
	for (line = vmstat_buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			next++;
		if (strncmp(line, name, len) || (!family && line[len] != ' '))
			continue;
		sum += simple_strtoul(strchr(line, ' ') + 1, NULL, 10);
		if (!family)
			break;
	}
	return sum;
}

#define NR_WATCHED 9
static const char * const watched[NR_WATCHED] = {
	"kswapd_low_wmark_hit_quickly", "pageoutrun", "pgscan_kswapd", "pgsteal_kswapd",
	"allocstall_", "pgscan_direct", "pgsteal_direct", "pgfree", "oom_kill",
};

struct vmsnap {
	unsigned long v[NR_WATCHED];
};

static void vmsnap(struct vmsnap *s)
{
	int i;

	for (i = 0; i < NR_WATCHED; i++)
		s->v[i] = vmstat(watched[i]);
}

/* Print the counters among @names (comma-separated) with how much they moved since @before. */
static void vmstat_moved(const struct vmsnap *before, const char *names)
{
	struct vmsnap now;
	int i;

	vmsnap(&now);
	printf("   /proc/vmstat:");
	for (i = 0; i < NR_WATCHED; i++) {
		if (!strstr(names, watched[i]))
			continue;
		printf(" %s%s %lu (%+ld)", watched[i], watched[i][strlen(watched[i]) - 1] == '_' ?
		       "*" : "", now.v[i], (long)(now.v[i] - before->v[i]));
	}
	printf("\n");
}

static unsigned long delta(const struct vmsnap *before, const char *name)
{
	int i;

	for (i = 0; i < NR_WATCHED; i++)
		if (!strcmp(watched[i], name))
			return vmstat(name) - before->v[i];
	return 0;
}

/* What GFP_ATOMIC may not go below: min, less half, less a quarter of the rest (3/8 of min). */
static unsigned long atomic_floor(unsigned long min)
{
	min -= min / 2;
	return min - min / 4;
}

static void show_zones(void)
{
	struct zone *zone;

	printf("   %-7s %8s %6s %6s %6s %6s %13s\n", "zone", "managed", "min", "low", "high",
	       "free", "ATOMIC floor");
	for_each_populated_zone(zone)
		printf("   %-7s %8lu %6lu %6lu %6lu %6lu %13lu\n", zone->name,
		       zone_managed_pages(zone), min_wmark_pages(zone), low_wmark_pages(zone),
		       high_wmark_pages(zone), zone_page_state(zone, NR_FREE_PAGES),
		       atomic_floor(min_wmark_pages(zone)));
}

static bool any_zone_above_high(void)
{
	struct zone *zone;

	for_each_populated_zone(zone)
		if (zone_page_state(zone, NR_FREE_PAGES) >= high_wmark_pages(zone))
			return true;
	return false;
}

/* Lists of pages ------------------------------------------------------------------------- */

struct pagelist {
	spinlock_t lock;
	struct list_head pages;
	unsigned long nr;
};

#define PAGELIST_INIT(name) { __SPIN_LOCK_UNLOCKED(name.lock), LIST_HEAD_INIT(name.pages), 0 }

static struct pagelist hog = PAGELIST_INIT(hog);	/* nothing can take these back */
static struct pagelist cache = PAGELIST_INIT(cache);	/* behind the shrinker */
static struct pagelist stash = PAGELIST_INIT(stash);	/* given back by the OOM notifier */
static struct pagelist other = PAGELIST_INIT(other);	/* freed by another thread (NOFAIL) */

static void pagelist_add(struct pagelist *pl, struct page *page)
{
	spin_lock(&pl->lock);
	list_add(&page->lru, &pl->pages);
	pl->nr++;
	spin_unlock(&pl->lock);
}

/* Free up to @nr pages of @pl; returns how many. */
static unsigned long pagelist_free(struct pagelist *pl, unsigned long nr)
{
	unsigned long n = 0;
	LIST_HEAD(victims);
	struct page *page, *tmp;

	spin_lock(&pl->lock);
	list_for_each_entry_safe(page, tmp, &pl->pages, lru) {
		if (n == nr)
			break;
		list_move(&page->lru, &victims);
		pl->nr--;
		n++;
	}
	spin_unlock(&pl->lock);
	list_for_each_entry_safe(page, tmp, &victims, lru) {
		list_del(&page->lru);
		__free_page(page);
	}
	return n;
}

/* Allocate order-0 pages with @gfp onto @pl until it fails or @max are taken. */
static unsigned long fill(struct pagelist *pl, gfp_t gfp, unsigned long max)
{
	unsigned long n = 0;
	struct page *page;

	while (n < max && (page = alloc_page(gfp))) {
		pagelist_add(pl, page);
		n++;
	}
	return n;
}

/* Let the hog take memory down to the min watermark, without waking kswapd. */
#define GFP_NO_RECLAIM	((GFP_KERNEL & ~__GFP_RECLAIM) | __GFP_NOWARN)

/*
 * Free pages on per-thread lists are not counted as free (as on the kernel's per-cpu lists),
 * and reclaim gives them back to the zones: empty them first, so that the watermarks see every
 * free page and the hog takes them too.
 */
static unsigned long fill_exhaustively(gfp_t gfp)
{
	unsigned long got, total = 0;

	do {
		page_alloc_drain_all();
		got = fill(&hog, gfp, ULONG_MAX);
		total += got;
	} while (got);
	return total;
}

static unsigned long fill_to_min(void)
{
	return fill_exhaustively(GFP_NO_RECLAIM);
}

/* The shrinker: a cache that gives pages back, and who asked for them --------------------- */

static atomic_long_t freed_by_kswapd, freed_by_direct;

static unsigned long cache_count(struct shrinker *s, struct shrink_control *sc)
{
	return READ_ONCE(cache.nr) ?: SHRINK_EMPTY;
}

/*
 * Giving objects back costs time in a real cache (writeback, teardown): here a millisecond or
 * so per batch, which also lets an allocating task outrun kswapd, as under real pressure.
 */
static unsigned long cache_scan(struct shrinker *s, struct shrink_control *sc)
{
	unsigned long n;

	msleep(1);
	n = pagelist_free(&cache, sc->nr_to_scan);

	atomic_long_add(n, (current->flags & PF_KSWAPD) ? &freed_by_kswapd : &freed_by_direct);
	return n ?: SHRINK_STOP;
}

/* The OOM notifier: a driver gives its stash back when the system is out of memory -------- */

static int oom_calls;

static int stash_oom_notify(struct notifier_block *nb, unsigned long val, void *data)
{
	unsigned long *freed = data;

	oom_calls++;
	*freed += pagelist_free(&stash, ULONG_MAX);
	return NOTIFY_OK;
}

static struct notifier_block stash_oom_nb = { .notifier_call = stash_oom_notify };

/* The thread that frees memory while a __GFP_NOFAIL allocation waits ---------------------- */

static DECLARE_COMPLETION(freer_go);
static DECLARE_COMPLETION(freer_done);
static u64 freer_freed_at;

static int freer_fn(void *arg)
{
	wait_for_completion(&freer_go);
	msleep(200);
	freer_freed_at = ktime_get_ns();
	pagelist_free(&other, ULONG_MAX);
	complete(&freer_done);
	return 0;
}

/* Print the first line of the captured text that contains @needle, if any. */
static void print_captured_line(const char *needle)
{
	const char *text = krt_printk_capture_text(), *p = strstr(text, needle), *start, *end;

	if (!p)
		return;
	for (start = p; start > text && start[-1] != '\n'; start--)
		;
	end = strchrnul(p, '\n');
	printf("   > %.*s\n", (int)(end - start), start);
}

/* The chapter ---------------------------------------------------------------------------- */

/**
 * demo_gfp_chapter - the seed document's GFP section, demonstrated
 * @n: the chapter's number
 *
 * Runs in the child demo.c starts with KRT_CMDLINE=DEMO_GFP_CMDLINE.
 * Return: the process's exit code.
 */
int demo_gfp_chapter(int n)
{
	struct shrinker *shrinker;
	struct task_struct *freer;
	struct vmsnap before;
	struct page *page;
	long pages_at_start;
	unsigned long got;
	u64 t0;
	char buf[256];

	setvbuf(stdout, NULL, _IONBF, 0);
	krt_boot(NULL);
	chapter(n, "GFP flags and reclaim behaviour, as in Documentation/core-api/memory-allocation.rst",
		"This chapter runs in a child booted with KRT_CMDLINE=\"" DEMO_GFP_CMDLINE "\": 64 MiB of\n"
		"physical memory, so that filling it takes milliseconds. A \"hog\" takes pages nothing\n"
		"can reclaim; a cache keeps pages a shrinker can give back; a driver keeps a stash its\n"
		"OOM notifier can give back.");
	krt_proc_read("/proc/cmdline", buf, sizeof(buf));
	printf("-> /proc/cmdline: %s", buf);
	pages_at_start = krt_pages_in_use();
	printf("-> the zones, in pages (watermarks from min_free_kbytes, as the kernel computes them):\n");
	show_zones();

	/* The supporting cast takes its memory while there is plenty. */
	fill(&cache, GFP_KERNEL, 2048);
	fill(&stash, GFP_KERNEL, 256);
	fill(&other, GFP_KERNEL, 64);
	freer = kthread_run(freer_fn, NULL, "demo-freer");
	if (IS_ERR(freer)) {
		printf("cannot start a thread: %ld\n", PTR_ERR(freer));
		return 1;
	}

	/* --- GFP_KERNEL & ~__GFP_RECLAIM ---------------------------------------------------- */
	step("GFP_KERNEL & ~__GFP_RECLAIM", ": \"optimistic allocation without _any_ attempt to\n"
	     "  free memory at all ... doesn't kick the background reclaim\".\n");
	vmsnap(&before);
	got = fill_to_min();
	printf("-> the hog took %lu pages until the allocation failed at the min watermark; kswapd\n"
	       "   was never woken:\n", got);
	vmstat_moved(&before, "kswapd_low_wmark_hit_quickly,pageoutrun");
	show_zones();

	/* --- GFP_NOWAIT ----------------------------------------------------------------------- */
	step("GFP_NOWAIT", " (GFP_KERNEL & ~__GFP_DIRECT_RECLAIM): \"can wake kswapd ... if the zone\n"
	     "  is below the low watermark\"; \"under memory pressure GFP_NOWAIT allocation is likely\n"
	     "  to fail\"; callers with a fallback add __GFP_NOWARN.\n");
	vmsnap(&before);
	page = alloc_page(GFP_NOWAIT | __GFP_NOWARN);
	printf("-> alloc_page(GFP_NOWAIT | __GFP_NOWARN) below min = %s: no report, and kswapd was\n"
	       "   woken (it had nothing to reclaim yet: no shrinker is registered)\n",
	       page ? "a page?!" : "NULL");
	if (page)
		pagelist_add(&hog, page);
	vmstat_moved(&before, "kswapd_low_wmark_hit_quickly,pageoutrun,pgsteal_kswapd");

	/* --- GFP_ATOMIC ----------------------------------------------------------------------- */
	step("GFP_ATOMIC", " ((GFP_KERNEL | __GFP_HIGH) & ~__GFP_DIRECT_RECLAIM): \"non sleeping\n"
	     "  allocation with an expensive fallback so it can access some portion of memory\n"
	     "  reserves\": __GFP_HIGH halves min, not blocking takes a quarter more (3/8 of min).\n");
	{
		struct pagelist atomic = PAGELIST_INIT(atomic);

		got = fill(&atomic, GFP_ATOMIC | __GFP_NOWARN, ULONG_MAX);
		printf("-> where GFP_NOWAIT got nothing, GFP_ATOMIC got %lu more pages, down to its floor\n"
		       "   (less a page or two taken in a batch onto this thread's per-thread list):\n",
		       got);
		show_zones();
		pagelist_free(&atomic, ULONG_MAX);
		printf("-> (the %lu reserve pages are given back)\n", got);
	}

	/* --- kswapd --------------------------------------------------------------------------- */
	step("kswapd", ": woken below the low watermark, it reclaims in the background until a\n"
	     "  zone is above its high watermark. krt has no LRU lists: what reclaim can take back\n"
	     "  is what shrinkers give. The cache now registers one (2048 pages).\n");
	shrinker = shrinker_alloc(0, "demo-cache");
	if (!shrinker) {
		printf("shrinker_alloc failed\n");
		return 1;
	}
	shrinker->count_objects = cache_count;
	shrinker->scan_objects = cache_scan;
	shrinker->batch = 32;
	shrinker_register(shrinker);
	if (READ_ONCE(NODE_DATA(0)->kswapd_failures))
		printf("-> kswapd has made %d runs that reclaimed nothing (after 16 it stops being\n"
		       "   woken, as the kernel's); krt_kswapd_reset_failures() lets it try again.\n",
		       READ_ONCE(NODE_DATA(0)->kswapd_failures));
	krt_kswapd_reset_failures();
	vmsnap(&before);
	t0 = ktime_get_ns();
	page = alloc_page(GFP_NOWAIT | __GFP_NOWARN);
	if (page)
		pagelist_add(&hog, page);
	while (!(any_zone_above_high() && delta(&before, "pgsteal_kswapd")) &&
	       ktime_get_ns() - t0 < 2 * NSEC_PER_SEC)
		msleep(5);
	printf("-> one GFP_NOWAIT allocation woke kswapd; %llu ms later kswapd0 had freed %ld cache\n"
	       "   pages through the shrinker, up to the high watermark:\n",
	       (ktime_get_ns() - t0) / NSEC_PER_MSEC, atomic_long_read(&freed_by_kswapd));
	vmstat_moved(&before, "kswapd_low_wmark_hit_quickly,pageoutrun,pgscan_kswapd,pgsteal_kswapd");
	show_zones();
	page = alloc_page(GFP_NOWAIT | __GFP_NOWARN);
	printf("-> GFP_NOWAIT now: %s\n", page ? "a page" : "NULL");
	if (page)
		__free_page(page);

	/* --- GFP_KERNEL: direct reclaim ------------------------------------------------------- */
	step("GFP_KERNEL", ": \"both background and direct reclaim are allowed\": kswapd is woken\n"
	     "  at low, and an allocation that finds free pages at min reclaims itself (an\n"
	     "  allocation stall) before it goes on. The hog now allocates with GFP_KERNEL, faster\n"
	     "  than kswapd reclaims (the cache takes about a millisecond per batch it gives back),\n"
	     "  until its own allocation has had to reclaim.\n");
	atomic_long_set(&freed_by_kswapd, 0);
	vmsnap(&before);
	got = 0;
	while (!atomic_long_read(&freed_by_direct) && READ_ONCE(cache.nr) && got < 8192) {
		page = alloc_page(GFP_KERNEL);
		if (!page)
			break;
		pagelist_add(&hog, page);
		got++;
	}
	/* Let kswapd finish its run, so that the figures below are final. */
	t0 = ktime_get_ns();
	while (!any_zone_above_high() && READ_ONCE(cache.nr) &&
	       ktime_get_ns() - t0 < NSEC_PER_SEC)
		msleep(5);
	msleep(20);
	printf("-> the hog took %lu more pages, all with success; the shrinker gave back %ld pages\n"
	       "   to kswapd0 and %ld to the hog's own allocation (direct reclaim):\n", got,
	       atomic_long_read(&freed_by_kswapd), atomic_long_read(&freed_by_direct));
	vmstat_moved(&before, "kswapd_low_wmark_hit_quickly,pgsteal_kswapd,"
		     "allocstall_,pgscan_direct,pgsteal_direct");
	if (!delta(&before, "allocstall_"))
		printf("   (kswapd kept up this time: no allocation stall)\n");

	/* The cache goes away: from here on, nothing is reclaimable. */
	shrinker_free(shrinker);
	pagelist_free(&cache, ULONG_MAX);
	msleep(20);	/* let a woken kswapd finish its run */

	/* --- NORETRY, RETRY_MAYFAIL, NOFAIL -------------------------------------------------- */
	step("GFP_KERNEL | __GFP_NORETRY", ": \"fail early ... (one round of reclaim in this\n"
	     "  implementation). The OOM killer is not invoked.\"\n"
	     "  \033[1mGFP_KERNEL | __GFP_RETRY_MAYFAIL\033[0m: \"try really hard ... fail if the\n"
	     "  reclaim cannot make any progress. The OOM killer won't be triggered.\"\n"
	     "  Now nothing is reclaimable (the cache is gone), the hog holds memory at min, and\n"
	     "  the driver's OOM notifier is registered and counts its calls.\n");
	register_oom_notifier(&stash_oom_nb);
	fill_to_min();
	oom_calls = 0;
	vmsnap(&before);
	page = alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN);
	printf("-> alloc_page(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN) = %s after %lu reclaim\n"
	       "   round(s); OOM notifier calls: %d\n", page ? "a page?!" : "NULL",
	       delta(&before, "allocstall_"), oom_calls);
	if (page)
		pagelist_add(&hog, page);
	vmsnap(&before);
	krt_warn_alloc_ratelimit_reset();
	printf("-> alloc_page(GFP_KERNEL | __GFP_RETRY_MAYFAIL), without __GFP_NOWARN:\n");
	page = alloc_page(GFP_KERNEL | __GFP_RETRY_MAYFAIL);
	printf("-> = %s after %lu reclaim round(s) that freed nothing; OOM notifier calls: %d. The\n"
	       "   report above is warn_alloc(): \"page allocation failure\", a backtrace, show_mem().\n",
	       page ? "a page?!" : "NULL", delta(&before, "allocstall_"), oom_calls);
	if (page)
		pagelist_add(&hog, page);

	step("GFP_KERNEL | __GFP_NOFAIL", ": \"all allocation requests will loop endlessly until\n"
	     "  they succeed\". The hog now takes every last page (__GFP_MEMALLOC ignores the\n"
	     "  watermarks), and the driver's OOM notifier is unregistered; another thread will free\n"
	     "  64 pages of its own in 200 ms.\n");
	unregister_oom_notifier(&stash_oom_nb);
	fill_exhaustively(GFP_NOWAIT | __GFP_MEMALLOC | __GFP_NOWARN);
	printf("-> free pages: %lu\n", nr_free_pages());
	krt_oom_ratelimit_reset();
	oom_calls = 0;
	krt_printk_capture_begin(false);
	complete(&freer_go);
	t0 = ktime_get_ns();
	page = alloc_page(GFP_KERNEL | __GFP_NOFAIL);
	printf("-> alloc_page(GFP_KERNEL | __GFP_NOFAIL) returned %s after %llu ms, as soon as the\n"
	       "   other thread had freed its pages (at %llu ms). Meanwhile it went through reclaim and\n"
	       "   the OOM path over and over (where the kernel would have killed a task); it printed\n"
	       "   %u OOM reports (ratelimited; not shown here, the next step shows one) and, once, the\n"
	       "   kernel's WARN_ON_ONCE for a NOFAIL request the OOM path could not help (it may then\n"
	       "   use every reserve):\n",
	       page ? "a page" : "NULL", (ktime_get_ns() - t0) / NSEC_PER_MSEC,
	       freer_freed_at > t0 ? (freer_freed_at - t0) / NSEC_PER_MSEC : 0ULL,
	       krt_printk_capture_count("invoked oom-killer"));
	print_captured_line("WARNING:");
	krt_printk_capture_end();
	wait_for_completion(&freer_done);
	if (page)
		__free_page(page);

	/* --- The OOM path --------------------------------------------------------------------- */
	step("GFP_KERNEL, out of memory", ": a non-costly GFP_KERNEL request is \"basically\n"
	     "  no-fail\": when reclaim cannot help, the kernel's OOM killer frees memory by killing\n"
	     "  a task. krt has no tasks to kill: it asks the OOM notifiers, prints the kernel's OOM\n"
	     "  report, and the allocation fails.\n");
	pagelist_free(&hog, ULONG_MAX);
	register_oom_notifier(&stash_oom_nb);
	fill_to_min();
	oom_calls = 0;
	krt_oom_ratelimit_reset();
	krt_printk_capture_begin(true);
	page = alloc_page(GFP_KERNEL);
	printf("-> with the driver's stash (256 pages): alloc_page(GFP_KERNEL) = %s; the OOM notifier\n"
	       "   was called %d time(s) and gave its pages back, so there was no report (%u printed)\n",
	       page ? "a page" : "NULL", oom_calls, krt_printk_capture_count("invoked oom-killer"));
	krt_printk_capture_end();
	if (page)
		pagelist_add(&hog, page);

	fill_to_min();
	oom_calls = 0;
	krt_oom_ratelimit_reset();
	krt_warn_alloc_ratelimit_reset();
	vmsnap(&before);
	printf("-> the stash is spent; alloc_page(GFP_KERNEL) once more:\n");
	page = alloc_page(GFP_KERNEL);
	printf("-> = %s: the notifier was called %d time(s) and had nothing left; the OOM report\n"
	       "   (\"invoked oom-killer\" ... \"Out of memory and no killable processes\") and the\n"
	       "   allocation failure report were printed. panic_on_oom=1 would have panicked.\n",
	       page ? "a page?!" : "NULL", oom_calls);
	if (page)
		pagelist_add(&hog, page);
	unregister_oom_notifier(&stash_oom_nb);

	pagelist_free(&hog, ULONG_MAX);
	pagelist_free(&stash, ULONG_MAX);
	page_alloc_drain_all();
	printf("\n-> everything freed: pages in use %ld (at the start of the chapter: %ld)\n",
	       krt_pages_in_use(), pages_at_start);
	return 0;
}
