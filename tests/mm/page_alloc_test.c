// SPDX-License-Identifier: MIT
/*
 * The page allocator (mm/page_alloc.c, mm/mm_init.c): the arena and struct page, zones and
 * gfp_zone(), watermarks and lowmem_reserve, the buddy allocator (orders, merging, __GFP_ZERO,
 * compound pages and folios, split_page, the exact and bulk forms), migrate types and pageblock
 * stealing, per-thread lists, vm events, dump_page(), reports for bad input, sanitizer poisoning
 * and RSS following use.
 *
 * Written for any mem=: sizes come from the zones. What needs another boot (ZONE_MOVABLE from
 * movablecore=, a DMA-only arena) runs in a re-executed copy of this binary with another
 * KRT_CMDLINE (page_alloc_other_boots).
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/panic.h>
#include <linux/kasan.h>
#include <linux/kstrtox.h>
#include <linux/numa.h>
#include <linux/math.h>
#include <linux/sched.h>
#include <linux/poison.h>
#include <linux/spinlock.h>
#include <linux/rcupdate.h>
#include <krt/mm.h>
#include <krt/panic.h>
#include <krt/printk.h>
#include <krt/proc.h>
#include <krt/thread.h>

#include "arch/host/host.h"
#include "tests/lib/kunit/reboot_helpers.h"
#include "mm/page_alloc.h"

#ifdef KRT_ASAN
int __asan_address_is_poisoned(void const volatile *addr);
#endif

/* Set in the re-executed children of page_alloc_other_boots. */
#define CHILD_ENV		"KRT_PAGE_ALLOC_TEST_CHILD"
#define EXPECT_MOVABLE_ENV	"KRT_PAGE_ALLOC_TEST_EXPECT_MOVABLE"

static struct zone *zone_nr(int i)
{
	return &NODE_DATA(0)->node_zones[i];
}

/* The zone an unrestricted GFP_KERNEL allocation prefers: the highest populated one <= NORMAL. */
static struct zone *kernel_zone(void)
{
	int i;

	for (i = ZONE_NORMAL; i >= 0; i--)
		if (populated_zone(zone_nr(i)))
			return zone_nr(i);
	return NULL;
}

/* Free pages on @zone's buddy lists of migrate type @mt. */
static unsigned long zone_free_of_type(struct zone *zone, int mt)
{
	unsigned long n = 0;
	unsigned int order;
	struct page *page;

	spin_lock(&zone->lock);
	for (order = 0; order < NR_PAGE_ORDERS; order++)
		list_for_each_entry(page, &zone->free_area[order].free_list[mt], buddy_list)
			n += 1UL << order;
	spin_unlock(&zone->lock);
	return n;
}

static unsigned long pageblocks_of_type(int mt)
{
	unsigned long n = 0, i;
	struct zone *zone;

	for_each_populated_zone(zone) {
		unsigned long nblocks = (zone->spanned_pages + pageblock_nr_pages - 1) >>
					pageblock_order;

		for (i = 0; i < nblocks; i++)
			n += READ_ONCE(zone->pageblock_mt[i]) == mt;
	}
	return n;
}

static bool page_in_arena(struct page *page)
{
	return page >= mem_map && page < mem_map + max_pfn;
}

static int read_proc_int(const char *path)
{
	char buf[64];
	int v = -1;

	if (krt_proc_read(path, buf, sizeof(buf)) <= 0 || kstrtoint(strim(buf), 0, &v))
		return -1;
	return v;
}

static int page_alloc_test_init(struct kunit *test)
{
	krt_might_sleep_ratelimit_reset();
	return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* The arena and struct page */

static void page_alloc_struct_page_layout(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, sizeof(struct page), 64UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct folio, _pincount) / sizeof(struct page), 1UL);
	KUNIT_EXPECT_EQ(test, offsetof(struct folio, _deferred_list) / sizeof(struct page), 2UL);
	KUNIT_EXPECT_EQ(test, (unsigned long)PAGE_SIZE, 4096UL);
	KUNIT_EXPECT_EQ(test, MAX_PAGE_ORDER, 10);
	KUNIT_EXPECT_EQ(test, pageblock_order, 9);
	KUNIT_EXPECT_EQ(test, get_order(1), 0);
	KUNIT_EXPECT_EQ(test, get_order(PAGE_SIZE), 0);
	KUNIT_EXPECT_EQ(test, get_order(PAGE_SIZE + 1), 1);
	KUNIT_EXPECT_EQ(test, get_order(PAGE_SIZE << 10), 10);
}

/* pfn 0 is reserved and never handed out; the arena is max_pfn pages. */
static void page_alloc_pfn0_reserved(struct kunit *test)
{
	struct page *p0 = pfn_to_page(0);
	unsigned long managed = 0;
	struct zone *zone;

	KUNIT_EXPECT_TRUE(test, pfn_valid(0));
	KUNIT_EXPECT_TRUE(test, pfn_valid(max_pfn - 1));
	KUNIT_EXPECT_FALSE(test, pfn_valid(max_pfn));
	KUNIT_EXPECT_EQ(test, max_pfn << PAGE_SHIFT, krt_direct_map_size);
	KUNIT_EXPECT_TRUE(test, PageReserved(p0));
	KUNIT_EXPECT_EQ(test, page_ref_count(p0), 1);
	KUNIT_EXPECT_FALSE(test, PageBuddy(p0));
	KUNIT_EXPECT_EQ(test, page_zonenum(p0), ZONE_DMA);
	for_each_populated_zone(zone)
		managed += zone_managed_pages(zone);
	KUNIT_EXPECT_EQ(test, managed, max_pfn - 1);
	KUNIT_EXPECT_EQ(test, totalram_pages(), max_pfn - 1);
}

static void page_alloc_address_round_trips(struct kunit *test)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	unsigned long pfn;
	char *addr;

	KUNIT_ASSERT_NOT_NULL(test, page);
	pfn = page_to_pfn(page);
	addr = page_address(page);
	KUNIT_EXPECT_NE(test, pfn, 0UL);
	KUNIT_EXPECT_TRUE(test, pfn_valid(pfn));
	KUNIT_EXPECT_PTR_EQ(test, pfn_to_page(pfn), page);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_page(addr), page);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_page(addr + PAGE_SIZE - 1), page);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_page(addr + PAGE_SIZE), page + 1);
	KUNIT_EXPECT_EQ(test, virt_to_phys(addr), (phys_addr_t)PFN_PHYS(pfn));
	KUNIT_EXPECT_EQ(test, page_to_phys(page), (phys_addr_t)PFN_PHYS(pfn));
	KUNIT_EXPECT_PTR_EQ(test, phys_to_virt(virt_to_phys(addr + 123)), (void *)(addr + 123));
	KUNIT_EXPECT_PTR_EQ(test, __va(__pa(addr)), (void *)addr);
	KUNIT_EXPECT_EQ(test, (unsigned long)addr, krt_direct_map_base + (pfn << PAGE_SHIFT));
	KUNIT_EXPECT_TRUE(test, virt_addr_valid(addr));
	KUNIT_EXPECT_FALSE(test, virt_addr_valid(krt_direct_map_base + krt_direct_map_size));
	KUNIT_EXPECT_EQ(test, virt_to_pfn(addr), pfn);
	KUNIT_EXPECT_PTR_EQ(test, pfn_to_kaddr(pfn), (void *)addr);
	KUNIT_EXPECT_PTR_EQ(test, virt_to_folio(addr + 5), (struct folio *)page);
	KUNIT_EXPECT_EQ(test, page_to_nid(page), 0);
	KUNIT_EXPECT_TRUE(test, zone_spans_pfn(page_zone(page), pfn));
	KUNIT_EXPECT_TRUE(test, zone_spans_pfn(page_zone(page), pfn + 1));
	KUNIT_EXPECT_PTR_EQ(test, page_zone(page)->zone_pgdat, NODE_DATA(0));
	KUNIT_EXPECT_PTR_EQ(test, page_pgdat(page), NODE_DATA(0));
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);
	KUNIT_EXPECT_EQ(test, page_count(page), 1);
	/* The memory is usable. */
	memset(addr, 0x5a, 2 * PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, addr[2 * PAGE_SIZE - 1], (char)0x5a);
	/* The last page of the arena has an address too. */
	KUNIT_EXPECT_EQ(test, (unsigned long)page_address(pfn_to_page(max_pfn - 1)) + PAGE_SIZE,
			krt_direct_map_base + krt_direct_map_size);
	__free_pages(page, 1);
}

/* ---------------------------------------------------------------------------------------- */
/* Zones */

/* x86-64: DMA below 16 MiB, DMA32 below 4 GiB, NORMAL above, MOVABLE at the top. */
static void page_alloc_zone_layout(struct kunit *test)
{
	const unsigned long dma_end = (16UL << 20) >> PAGE_SHIFT;
	const unsigned long dma32_end = (4UL << 30) >> PAGE_SHIFT;
	unsigned long next = 0, spanned = 0;
	struct zonelist *zl = &NODE_DATA(0)->node_zonelists[ZONELIST_FALLBACK];
	struct zonelist *nofb = &NODE_DATA(0)->node_zonelists[ZONELIST_NOFALLBACK];
	int i, n = 0, prev = MAX_NR_ZONES;

	KUNIT_EXPECT_TRUE(test, populated_zone(zone_nr(ZONE_DMA)));
	KUNIT_EXPECT_EQ(test, zone_nr(ZONE_DMA)->zone_start_pfn, 0UL);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = zone_nr(i);

		KUNIT_EXPECT_PTR_EQ(test, z->zone_pgdat, NODE_DATA(0));
		if (!populated_zone(z))
			continue;
		KUNIT_EXPECT_EQ_MSG(test, z->zone_start_pfn, next, "zone %s", z->name);
		next = zone_end_pfn(z);
		spanned += z->spanned_pages;
		KUNIT_EXPECT_EQ(test, zone_idx(z), i);
		KUNIT_EXPECT_EQ(test, zone_managed_pages(z),
				z->spanned_pages - (z->zone_start_pfn == 0));
		/*
		 * Only the first page of a never-used max-order block has an initialised struct
		 * page (deferred init, mm/mm_init.c): check the zone's first page.
		 */
		KUNIT_EXPECT_EQ(test, page_zonenum(pfn_to_page(z->zone_start_pfn)), (enum zone_type)i);
	}
	KUNIT_EXPECT_EQ(test, spanned, max_pfn);
	KUNIT_EXPECT_EQ(test, next, max_pfn);
	KUNIT_EXPECT_LE(test, zone_end_pfn(zone_nr(ZONE_DMA)), dma_end);
	KUNIT_EXPECT_EQ(test, zone_end_pfn(zone_nr(ZONE_DMA)), min(max_pfn, dma_end));
	if (populated_zone(zone_nr(ZONE_DMA32))) {
		KUNIT_EXPECT_EQ(test, zone_nr(ZONE_DMA32)->zone_start_pfn, dma_end);
		KUNIT_EXPECT_LE(test, zone_end_pfn(zone_nr(ZONE_DMA32)), dma32_end);
	}
	if (populated_zone(zone_nr(ZONE_NORMAL)))
		KUNIT_EXPECT_EQ(test, zone_nr(ZONE_NORMAL)->zone_start_pfn, dma32_end);
	if (populated_zone(zone_nr(ZONE_MOVABLE))) {
		KUNIT_EXPECT_EQ(test, zone_end_pfn(zone_nr(ZONE_MOVABLE)), max_pfn);
		KUNIT_EXPECT_EQ(test, zone_nr(ZONE_MOVABLE)->zone_start_pfn % MAX_ORDER_NR_PAGES, 0UL);
	}

	/* Fallback order MOVABLE => NORMAL => DMA32 => DMA, populated zones only. */
	for (i = 0; zl->_zonerefs[i].zone; i++) {
		KUNIT_EXPECT_LT(test, zl->_zonerefs[i].zone_idx, prev);
		prev = zl->_zonerefs[i].zone_idx;
		KUNIT_EXPECT_PTR_EQ(test, zl->_zonerefs[i].zone, zone_nr(prev));
		KUNIT_EXPECT_TRUE(test, populated_zone(zl->_zonerefs[i].zone));
		KUNIT_EXPECT_PTR_EQ(test, nofb->_zonerefs[i].zone, zl->_zonerefs[i].zone);
		n++;
	}
	for (i = 0; i < MAX_NR_ZONES; i++)
		n -= populated_zone(zone_nr(i));
	KUNIT_EXPECT_EQ(test, n, 0);
	KUNIT_EXPECT_PTR_EQ(test, node_zonelist(0, __GFP_THISNODE), nofb);
	KUNIT_EXPECT_PTR_EQ(test, node_zonelist(0, GFP_KERNEL), zl);
}

/* gfp_zone() for all 16 zone-modifier combinations (spec §2.2, x86-64 without HIGHMEM). */
static void page_alloc_gfp_zone_table(struct kunit *test)
{
	static const int expected[16] = {
		[0] = ZONE_NORMAL,
		[___GFP_DMA] = ZONE_DMA,
		[___GFP_HIGHMEM] = ZONE_NORMAL,
		[___GFP_DMA | ___GFP_HIGHMEM] = -1,
		[___GFP_DMA32] = ZONE_DMA32,
		[___GFP_DMA | ___GFP_DMA32] = -1,
		[___GFP_DMA32 | ___GFP_HIGHMEM] = -1,
		[___GFP_DMA | ___GFP_DMA32 | ___GFP_HIGHMEM] = -1,
		[___GFP_MOVABLE] = ZONE_NORMAL,
		[___GFP_MOVABLE | ___GFP_DMA] = ZONE_DMA,
		[___GFP_MOVABLE | ___GFP_HIGHMEM] = ZONE_MOVABLE,
		[___GFP_MOVABLE | ___GFP_DMA | ___GFP_HIGHMEM] = -1,
		[___GFP_MOVABLE | ___GFP_DMA32] = ZONE_DMA32,
		[___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_DMA] = -1,
		[___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_HIGHMEM] = -1,
		[___GFP_MOVABLE | ___GFP_DMA32 | ___GFP_DMA | ___GFP_HIGHMEM] = -1,
	};
	unsigned int bits;

	krt_clear_warn_once();
	krt_printk_capture_begin(false);
	for (bits = 0; bits < 16; bits++) {
		gfp_t gfp = GFP_KERNEL | (__force gfp_t)bits;
		int want = expected[bits] < 0 ? ZONE_NORMAL : expected[bits];
		unsigned int warns = krt_printk_capture_count("cut here");

		KUNIT_EXPECT_EQ_MSG(test, (int)gfp_zone(gfp), want, "zone bits %#x", bits);
		/* Good combinations never warn; the first bad one (0x3) warns, once. */
		KUNIT_EXPECT_EQ_MSG(test, krt_printk_capture_count("cut here") - warns,
				    bits == (___GFP_DMA | ___GFP_HIGHMEM) ? 1U : 0U,
				    "zone bits %#x", bits);
	}
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("cut here"), 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING"));
	krt_printk_capture_end();
	krt_clear_warn_once();

	KUNIT_EXPECT_EQ(test, gfp_zone(GFP_KERNEL), ZONE_NORMAL);
	KUNIT_EXPECT_EQ(test, gfp_zone(GFP_ATOMIC), ZONE_NORMAL);
	KUNIT_EXPECT_EQ(test, gfp_zone(GFP_KERNEL | GFP_DMA), ZONE_DMA);
	KUNIT_EXPECT_EQ(test, gfp_zone(GFP_KERNEL | GFP_DMA32), ZONE_DMA32);
	KUNIT_EXPECT_EQ(test, gfp_zone(GFP_HIGHUSER), ZONE_NORMAL);
	KUNIT_EXPECT_EQ(test, gfp_zone(GFP_HIGHUSER_MOVABLE), ZONE_MOVABLE);
	KUNIT_EXPECT_EQ(test, gfp_zone(GFP_TRANSHUGE), ZONE_MOVABLE);
	KUNIT_EXPECT_EQ(test, gfp_migratetype(GFP_KERNEL), MIGRATE_UNMOVABLE);
	KUNIT_EXPECT_EQ(test, gfp_migratetype(GFP_HIGHUSER_MOVABLE), MIGRATE_MOVABLE);
	KUNIT_EXPECT_EQ(test, gfp_migratetype(GFP_KERNEL | __GFP_RECLAIMABLE), MIGRATE_RECLAIMABLE);
}

static void page_alloc_zone_dma(struct kunit *test)
{
	unsigned long ev = krt_vm_event_read(PGALLOC_DMA);
	struct page *page = alloc_pages(GFP_KERNEL | GFP_DMA, 2);
	unsigned long addr;

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_EQ(test, page_zonenum(page), ZONE_DMA);
	KUNIT_EXPECT_LT(test, page_to_pfn(page) + 3, (16UL << 20) >> PAGE_SHIFT);
	KUNIT_EXPECT_NE(test, page_to_pfn(page), 0UL);
	KUNIT_EXPECT_GE(test, krt_vm_event_read(PGALLOC_DMA), ev + 4);
	__free_pages(page, 2);

	addr = __get_free_pages(GFP_KERNEL | GFP_DMA, 0);
	KUNIT_ASSERT_NE(test, addr, 0UL);
	KUNIT_EXPECT_LT(test, virt_to_phys((void *)addr), (phys_addr_t)(16UL << 20));
	free_pages(addr, 0);
}

static void page_alloc_zone_dma32(struct kunit *test)
{
	struct page *pages[8];
	int i;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_pages(GFP_KERNEL | GFP_DMA32, i % 4);
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
		KUNIT_EXPECT_LE(test, page_zonenum(pages[i]), ZONE_DMA32);
		KUNIT_EXPECT_LT(test, page_to_phys(pages[i]) + (PAGE_SIZE << (i % 4)),
				(phys_addr_t)(4ULL << 30) + 1);
		if (populated_zone(zone_nr(ZONE_DMA32)))
			KUNIT_EXPECT_EQ(test, page_zonenum(pages[i]), ZONE_DMA32);
	}
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		__free_pages(pages[i], i % 4);
}

/*
 * Only __GFP_MOVABLE|__GFP_HIGHMEM (GFP_HIGHUSER_MOVABLE) may use ZONE_MOVABLE; without one,
 * it falls back to the highest other zone. ZONE_MOVABLE needs movablecore=/kernelcore= at
 * boot: page_alloc_other_boots runs this case again with movablecore=16M.
 */
static void page_alloc_zone_movable(struct kunit *test)
{
	struct zone *movable = zone_nr(ZONE_MOVABLE);
	struct page *hm, *k, *hu;

	if (!populated_zone(movable)) {
		if (getenv(EXPECT_MOVABLE_ENV))
			KUNIT_FAIL(test, "movablecore= was given but ZONE_MOVABLE is empty");
		/* Without ZONE_MOVABLE, GFP_HIGHUSER_MOVABLE uses the highest zone there is. */
		hm = alloc_page(GFP_HIGHUSER_MOVABLE);
		KUNIT_ASSERT_NOT_NULL(test, hm);
		KUNIT_EXPECT_PTR_EQ(test, page_zone(hm), kernel_zone());
		__free_page(hm);
		kunit_skip(test, "no ZONE_MOVABLE in this boot (needs movablecore=); "
			   "page_alloc_other_boots runs this case with movablecore=16M");
	}
	hm = alloc_page(GFP_HIGHUSER_MOVABLE);
	k = alloc_page(GFP_KERNEL | __GFP_MOVABLE);
	hu = alloc_page(GFP_HIGHUSER);
	KUNIT_ASSERT_NOT_NULL(test, hm);
	KUNIT_ASSERT_NOT_NULL(test, k);
	KUNIT_ASSERT_NOT_NULL(test, hu);
	KUNIT_EXPECT_EQ(test, page_zonenum(hm), ZONE_MOVABLE);
	KUNIT_EXPECT_TRUE(test, zone_spans_pfn(movable, page_to_pfn(hm)));
	KUNIT_EXPECT_NE(test, page_zonenum(k), ZONE_MOVABLE);
	KUNIT_EXPECT_NE(test, page_zonenum(hu), ZONE_MOVABLE);
	KUNIT_EXPECT_EQ(test, get_pageblock_migratetype(hm), MIGRATE_MOVABLE);
	/* ZONE_MOVABLE's min watermark is managed/1024 clamped to [32, 128]. */
	KUNIT_EXPECT_EQ(test, movable->_watermark[WMARK_MIN],
			clamp(zone_managed_pages(movable) / 1024, 32UL, 128UL));
	__free_page(hm);
	__free_page(k);
	__free_page(hu);
}

/* setup_per_zone_wmarks() and setup_per_zone_lowmem_reserve(), the kernel's formulas. */
static void check_watermarks(struct kunit *test, int min_free_kb, int wsf)
{
	unsigned long pages_min = min_free_kb >> (PAGE_SHIFT - 10), lowmem = 0;
	int ratio[MAX_NR_ZONES];
	char buf[128], *s = buf, *tok;
	int i, j, n = 0;

	KUNIT_ASSERT_GT(test, krt_proc_read("/proc/sys/vm/lowmem_reserve_ratio", buf,
					    sizeof(buf)), 0);
	while ((tok = strsep(&s, " \t\n")) && n < MAX_NR_ZONES)
		if (*tok && !kstrtoint(tok, 0, &ratio[n]))
			n++;
	KUNIT_ASSERT_EQ(test, n, MAX_NR_ZONES);

	for (i = 0; i < ZONE_MOVABLE; i++)
		lowmem += zone_managed_pages(zone_nr(i));
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = zone_nr(i);
		unsigned long managed = zone_managed_pages(z), tmp, min, gap, upper = 0;

		if (!populated_zone(z))
			continue;
		tmp = pages_min * managed / lowmem;
		min = i == ZONE_MOVABLE ? clamp(managed / 1024, 32UL, 128UL) : tmp;
		gap = max(tmp >> 2, managed * wsf / 10000);
		KUNIT_EXPECT_EQ_MSG(test, z->_watermark[WMARK_MIN], min, "zone %s", z->name);
		KUNIT_EXPECT_EQ_MSG(test, z->_watermark[WMARK_LOW], min + gap, "zone %s", z->name);
		KUNIT_EXPECT_EQ_MSG(test, z->_watermark[WMARK_HIGH], min + 2 * gap, "zone %s", z->name);
		KUNIT_EXPECT_LT(test, min_wmark_pages(z), low_wmark_pages(z));
		KUNIT_EXPECT_LT(test, low_wmark_pages(z), high_wmark_pages(z));
		KUNIT_EXPECT_EQ(test, low_wmark_pages(z) - min_wmark_pages(z),
				high_wmark_pages(z) - low_wmark_pages(z));
		for (j = i + 1; j < MAX_NR_ZONES; j++) {
			bool clear = !ratio[i] || !managed || !zone_managed_pages(zone_nr(j));

			upper += zone_managed_pages(zone_nr(j));
			KUNIT_EXPECT_EQ_MSG(test, z->lowmem_reserve[j],
					    clear ? 0L : (long)(upper / ratio[i]),
					    "lowmem_reserve[%d] of %s", j, z->name);
		}
	}
}

static void page_alloc_watermarks(struct kunit *test)
{
	int mfk = read_proc_int("/proc/sys/vm/min_free_kbytes");
	int wsf = read_proc_int("/proc/sys/vm/watermark_scale_factor");
	unsigned long lowmem_kb = 0, dma_min;
	int want_mfk;
	char val[32];
	int i, len;

	KUNIT_ASSERT_GT(test, mfk, 0);
	KUNIT_ASSERT_GT(test, wsf, 0);
	KUNIT_EXPECT_EQ(test, wsf, 10);
	/*
	 * The kernel's calculate_min_free_kbytes(): sqrt(16 * lowmem KiB), where lowmem is
	 * nr_free_buffer_pages(), the zones GFP_USER may use (not ZONE_MOVABLE).
	 */
	for (i = 0; i < ZONE_MOVABLE; i++)
		lowmem_kb += zone_managed_pages(zone_nr(i)) * (PAGE_SIZE >> 10);
	want_mfk = clamp(int_sqrt(lowmem_kb * 16), 128UL, 262144UL);
	KUNIT_EXPECT_EQ_MSG(test, mfk, want_mfk,
			    "min_free_kbytes must come from nr_free_buffer_pages() (ZONE_MOVABLE excluded)");
	check_watermarks(test, mfk, wsf);

	/* Writing min_free_kbytes moves the watermarks; writing it back restores them. */
	dma_min = min_wmark_pages(zone_nr(ZONE_DMA));
	len = snprintf(val, sizeof(val), "%d\n", mfk * 2);
	KUNIT_ASSERT_EQ(test, krt_proc_write("/proc/sys/vm/min_free_kbytes", val, len),
			(ssize_t)len);
	KUNIT_EXPECT_EQ(test, read_proc_int("/proc/sys/vm/min_free_kbytes"), mfk * 2);
	check_watermarks(test, mfk * 2, wsf);
	KUNIT_EXPECT_GT(test, min_wmark_pages(kernel_zone()), 0UL);
	if (dma_min)
		KUNIT_EXPECT_GT(test, min_wmark_pages(zone_nr(ZONE_DMA)), dma_min);
	KUNIT_EXPECT_LT(test, krt_proc_write("/proc/sys/vm/min_free_kbytes", "-1", 2), 0);
	len = snprintf(val, sizeof(val), "%d\n", mfk);
	KUNIT_ASSERT_EQ(test, krt_proc_write("/proc/sys/vm/min_free_kbytes", val, len),
			(ssize_t)len);
	check_watermarks(test, mfk, wsf);
	KUNIT_EXPECT_EQ(test, min_wmark_pages(zone_nr(ZONE_DMA)), dma_min);

	/* watermark_scale_factor widens the gaps. */
	KUNIT_ASSERT_EQ(test, krt_proc_write("/proc/sys/vm/watermark_scale_factor", "200", 3),
			3L);
	check_watermarks(test, mfk, 200);
	KUNIT_ASSERT_EQ(test, krt_proc_write("/proc/sys/vm/watermark_scale_factor", "10", 2), 2L);
	check_watermarks(test, mfk, wsf);
}

/* ---------------------------------------------------------------------------------------- */
/* The buddy allocator */

static void page_alloc_every_order_aligned(struct kunit *test)
{
	long used = krt_pages_in_use();
	unsigned int order;

	for (order = 0; order <= MAX_PAGE_ORDER; order++) {
		struct page *page = alloc_pages(GFP_KERNEL, order);
		unsigned long pfn;

		KUNIT_ASSERT_NOT_NULL_MSG(test, page, "order %u", order);
		pfn = page_to_pfn(page);
		KUNIT_EXPECT_EQ_MSG(test, pfn & ((1UL << order) - 1), 0UL, "order %u", order);
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)page_address(page) -
						   krt_direct_map_base, PAGE_SIZE << order));
		KUNIT_EXPECT_TRUE(test, zone_spans_pfn(page_zone(page), pfn + (1UL << order) - 1));
		KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);
		KUNIT_EXPECT_FALSE(test, PageBuddy(page));
		KUNIT_EXPECT_FALSE(test, PageHead(page));
		KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + (1L << order));
		/* The last page is ours too. */
		((char *)page_address(page))[(PAGE_SIZE << order) - 1] = 1;
		__free_pages(page, order);
		KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	}
}

static void snapshot_nr_free(unsigned long nr_free[MAX_NR_ZONES][NR_PAGE_ORDERS])
{
	int z, o;

	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			nr_free[z][o] = READ_ONCE(zone_nr(z)->free_area[o].nr_free);
}

/* Freed blocks merge with their buddies: the free lists look as before (buddyinfo). */
static void page_alloc_buddies_merge(struct kunit *test)
{
	static unsigned long before[MAX_NR_ZONES][NR_PAGE_ORDERS];
	static unsigned long after[MAX_NR_ZONES][NR_PAGE_ORDERS];
	struct page *pages[MAX_PAGE_ORDER + 1][2];
	unsigned long nr_free;
	int attempt, z, o, i, copies;
	bool same = false;

	page_alloc_drain_all();
	nr_free = nr_free_pages();
	/* Two blocks of every order if the arena has room, else one (2047 pages). */
	copies = nr_free > 8 * MAX_ORDER_NR_PAGES ? 2 : 1;
	snapshot_nr_free(before);
	for (o = 0; o <= MAX_PAGE_ORDER; o++)
		for (i = 0; i < copies; i++) {
			pages[o][i] = alloc_pages(GFP_KERNEL, o);
			KUNIT_ASSERT_NOT_NULL(test, pages[o][i]);
		}
	/* Every order was split off something: the lists did change. */
	snapshot_nr_free(after);
	KUNIT_EXPECT_NE(test, memcmp(before, after, sizeof(before)), 0);
	for (o = MAX_PAGE_ORDER; o >= 0; o--)
		for (i = 0; i < copies; i++)
			__free_pages(pages[o][i], o);
	/* The page reporting worker may hold blocks off the lists for a moment: retry. */
	for (attempt = 0; attempt < 20 && !same; attempt++) {
		page_alloc_drain_all();
		snapshot_nr_free(after);
		same = !memcmp(before, after, sizeof(before));
		if (!same)
			schedule_timeout_uninterruptible(1);
	}
	for (z = 0; z < MAX_NR_ZONES; z++)
		for (o = 0; o < NR_PAGE_ORDERS; o++)
			KUNIT_EXPECT_EQ_MSG(test, after[z][o], before[z][o],
					    "zone %s order %d", zone_nr(z)->name, o);
	KUNIT_EXPECT_EQ(test, nr_free_pages(), nr_free);
}

static void page_alloc_order_too_large(struct kunit *test)
{
	long used = krt_pages_in_use();

	krt_clear_warn_once();
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_KERNEL, MAX_PAGE_ORDER + 1));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING"));
	/* No allocation-failure report: the request is a caller bug, not a shortage. */
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page allocation failure"));
	krt_printk_capture_reset();
	krt_clear_warn_once();
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_KERNEL | __GFP_NOWARN, MAX_PAGE_ORDER + 1));
	KUNIT_EXPECT_NULL(test, alloc_pages(GFP_ATOMIC | __GFP_NOWARN, 20));
	KUNIT_EXPECT_EQ(test, __get_free_pages(GFP_KERNEL | __GFP_NOWARN, 11), 0UL);
	KUNIT_EXPECT_STREQ(test, krt_printk_capture_text(), "");
	krt_printk_capture_end();
	krt_clear_warn_once();
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
}

static bool all_bytes(const void *p, int c, size_t n)
{
	const unsigned char *b = p;

	while (n--)
		if (*b++ != (unsigned char)c)
			return false;
	return true;
}

/* __GFP_ZERO zeroes even a page that was just dirtied and freed (the per-thread list is LIFO). */
static void page_alloc_gfp_zero(struct kunit *test)
{
	struct page *dirty[4], *z;
	unsigned long addr;
	bool reused = false;
	int i, order;

	for (order = 0; order <= 3; order += 3) {
		for (i = 0; i < ARRAY_SIZE(dirty); i++) {
			dirty[i] = alloc_pages(GFP_KERNEL, order);
			KUNIT_ASSERT_NOT_NULL(test, dirty[i]);
			memset(page_address(dirty[i]), 0xa5, PAGE_SIZE << order);
		}
		for (i = 0; i < ARRAY_SIZE(dirty); i++)
			__free_pages(dirty[i], order);
		z = alloc_pages(GFP_KERNEL | __GFP_ZERO, order);
		KUNIT_ASSERT_NOT_NULL(test, z);
		for (i = 0; i < ARRAY_SIZE(dirty); i++)
			reused |= z == dirty[i];
		KUNIT_EXPECT_TRUE_MSG(test, all_bytes(page_address(z), 0, PAGE_SIZE << order),
				      "order %d", order);
		__free_pages(z, order);
	}
	KUNIT_EXPECT_TRUE_MSG(test, reused, "a freed page should come back first (LIFO list)");

	/* get_zeroed_page() is __GFP_ZERO too. */
	addr = __get_free_page(GFP_KERNEL);
	KUNIT_ASSERT_NE(test, addr, 0UL);
	memset((void *)addr, 0x3c, PAGE_SIZE);
	free_page(addr);
	addr = get_zeroed_page(GFP_KERNEL);
	KUNIT_ASSERT_NE(test, addr, 0UL);
	KUNIT_EXPECT_TRUE(test, all_bytes((void *)addr, 0, PAGE_SIZE));
	free_page(addr);
}

static void check_folio(struct kunit *test, struct folio *folio, unsigned int order)
{
	struct page *head = &folio->page;
	long i, nr = 1L << order;

	KUNIT_EXPECT_TRUE(test, folio_test_large(folio));
	KUNIT_EXPECT_TRUE(test, PageHead(head));
	KUNIT_EXPECT_FALSE(test, PageTail(head));
	KUNIT_EXPECT_TRUE(test, PageCompound(head));
	KUNIT_EXPECT_EQ(test, folio_order(folio), order);
	KUNIT_EXPECT_EQ(test, compound_order(head), order);
	KUNIT_EXPECT_EQ(test, folio_nr_pages(folio), nr);
	KUNIT_EXPECT_EQ(test, compound_nr(head), (unsigned long)nr);
	KUNIT_EXPECT_EQ(test, folio_size(folio), PAGE_SIZE << order);
	KUNIT_EXPECT_EQ(test, page_size(head), PAGE_SIZE << order);
	KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_pincount), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_large_mapcount), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_entire_mapcount), -1);
	KUNIT_EXPECT_EQ(test, atomic_read(&folio->_nr_pages_mapped), 0);
	KUNIT_EXPECT_EQ(test, folio_mapcount(folio), 0);
	KUNIT_EXPECT_EQ(test, folio_pfn(folio) & (nr - 1), 0UL);
	for (i = 1; i < nr; i++) {
		struct page *tail = folio_page(folio, i);

		KUNIT_EXPECT_TRUE(test, PageTail(tail));
		KUNIT_EXPECT_FALSE(test, PageHead(tail));
		KUNIT_EXPECT_PTR_EQ(test, compound_head(tail), head);
		KUNIT_EXPECT_PTR_EQ(test, page_folio(tail), folio);
		KUNIT_EXPECT_EQ(test, page_ref_count(tail), 0);
		KUNIT_EXPECT_EQ(test, page_count(tail), 1);
		KUNIT_EXPECT_EQ(test, folio_page_idx(folio, tail), (unsigned long)i);
		/* page[1] and page[2] hold folio fields where mapping would be. */
		if (i > 2)
			KUNIT_EXPECT_PTR_EQ(test, tail->mapping, TAIL_MAPPING);
	}
}

static void page_alloc_compound_folio(struct kunit *test)
{
	long used = krt_pages_in_use();
	unsigned int order;

	for (order = 1; order <= 4; order++) {
		struct folio *folio = folio_alloc(GFP_KERNEL, order);
		struct page *tail;

		KUNIT_ASSERT_NOT_NULL(test, folio);
		check_folio(test, folio, order);
		KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + (1L << order));
		/* A reference on a tail page is a reference on the folio. */
		tail = folio_page(folio, (1 << order) - 1);
		get_page(tail);
		KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 2);
		KUNIT_EXPECT_EQ(test, page_ref_count(tail), 0);
		folio_put(folio);
		KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + (1L << order));
		KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
		folio_get(folio);
		put_page(tail);
		KUNIT_EXPECT_EQ(test, folio_ref_count(folio), 1);
		/* The last put frees the whole folio at once. */
		folio_put(folio);
		KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	}
}

/* alloc_pages(__GFP_COMP) is a compound page freed by __free_pages() with its order. */
static void page_alloc_gfp_comp_pages(struct kunit *test)
{
	long used = krt_pages_in_use();
	struct page *page = alloc_pages(GFP_KERNEL | __GFP_COMP, 3);
	struct page *plain = alloc_pages(GFP_KERNEL, 3);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_NOT_NULL(test, plain);
	check_folio(test, page_folio(page), 3);
	/* Without __GFP_COMP, no compound metadata. */
	KUNIT_EXPECT_FALSE(test, PageHead(plain));
	KUNIT_EXPECT_FALSE(test, PageTail(plain + 1));
	KUNIT_EXPECT_PTR_EQ(test, compound_head(plain + 1), plain + 1);
	KUNIT_EXPECT_EQ(test, compound_order(plain), 0U);
	__free_pages(page, 3);
	__free_pages(plain, 3);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	/* An order-0 __GFP_COMP allocation is a plain page. */
	page = alloc_page(GFP_KERNEL | __GFP_COMP);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_FALSE(test, PageHead(page));
	__free_page(page);
}

/* A non-compound block with another reference: __free_pages() frees all but the first page. */
static void page_alloc_free_pages_with_extra_ref(struct kunit *test)
{
	long used = krt_pages_in_use();
	struct page *page = alloc_pages(GFP_KERNEL, 2);

	KUNIT_ASSERT_NOT_NULL(test, page);
	get_page(page);
	krt_printk_capture_begin(false);
	__free_pages(page, 2);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + 1);
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 1);
	put_page(page);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Bad page"));
	krt_printk_capture_end();
}

static void page_alloc_split_page(struct kunit *test)
{
	long used = krt_pages_in_use();
	struct page *page = alloc_pages(GFP_KERNEL, 3);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, page);
	split_page(page, 3);
	for (i = 0; i < 8; i++)
		KUNIT_EXPECT_EQ(test, page_ref_count(page + i), 1);
	krt_printk_capture_begin(false);
	/* Each page is on its own now: free them in any order. */
	for (i = 7; i >= 0; i -= 2)
		__free_page(page + i);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + 4);
	for (i = 0; i < 8; i += 2)
		put_page(page + i);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Bad page"));
	krt_printk_capture_end();
}

/* alloc_pages_exact() keeps exactly the pages asked for; the tail of the block is freed. */
static void page_alloc_exact(struct kunit *test)
{
	long used = krt_pages_in_use();
	size_t size = 5 * PAGE_SIZE - 100;
	void *p;

	krt_printk_capture_begin(false);
	p = alloc_pages_exact(size, GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_TRUE(test, PAGE_ALIGNED(p));
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + 5);
	KUNIT_EXPECT_TRUE(test, all_bytes(p, 0, size));
	memset(p, 0x11, size);
	free_pages_exact(p, size);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);

	p = alloc_pages_exact(PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + 1);
	free_pages_exact(p, PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("Bad page"));
	krt_printk_capture_end();
}

static void page_alloc_get_free_pages(struct kunit *test)
{
	long used = krt_pages_in_use();
	unsigned long addr = __get_free_pages(GFP_KERNEL | __GFP_HIGHMEM, 2);

	KUNIT_ASSERT_NE(test, addr, 0UL);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED(addr - krt_direct_map_base, 4 * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + 4);
	memset((void *)addr, 1, 4 * PAGE_SIZE);
	free_pages(addr, 2);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	free_pages(0, 3);	/* ignored */
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
}

/* alloc_pages_bulk_array() fills the NULL slots only and returns how many are set. */
static void page_alloc_bulk_array(struct kunit *test)
{
	long used = krt_pages_in_use();
	struct page *pages[40] = { NULL };
	struct page *keep0, *keep7, *keep39;
	unsigned long n;
	int i, j;

	keep0 = pages[0] = alloc_page(GFP_KERNEL);
	keep7 = pages[7] = alloc_page(GFP_KERNEL);
	keep39 = pages[39] = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, keep0);
	KUNIT_ASSERT_NOT_NULL(test, keep7);
	KUNIT_ASSERT_NOT_NULL(test, keep39);
	n = alloc_pages_bulk_array(GFP_KERNEL, ARRAY_SIZE(pages), pages);
	KUNIT_EXPECT_EQ(test, n, ARRAY_SIZE(pages));
	KUNIT_EXPECT_PTR_EQ(test, pages[0], keep0);
	KUNIT_EXPECT_PTR_EQ(test, pages[7], keep7);
	KUNIT_EXPECT_PTR_EQ(test, pages[39], keep39);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + (long)ARRAY_SIZE(pages));
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
		KUNIT_EXPECT_EQ(test, page_ref_count(pages[i]), 1);
		KUNIT_EXPECT_TRUE(test, page_in_arena(pages[i]));
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_PTR_NE(test, pages[i], pages[j]);
	}
	/* Full already: nothing to do. */
	KUNIT_EXPECT_EQ(test, alloc_pages_bulk_array(GFP_KERNEL, ARRAY_SIZE(pages), pages),
			ARRAY_SIZE(pages));
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + (long)ARRAY_SIZE(pages));
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		__free_page(pages[i]);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);

	/* One slot free: the single-page path. */
	memset(pages, 0, sizeof(pages));
	n = alloc_pages_bulk_array(GFP_KERNEL, 1, pages);
	KUNIT_EXPECT_EQ(test, n, 1UL);
	KUNIT_ASSERT_NOT_NULL(test, pages[0]);
	__free_page(pages[0]);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
}

static void page_alloc_node_no_node(struct kunit *test)
{
	struct page *a = alloc_pages_node(NUMA_NO_NODE, GFP_KERNEL, 1);
	struct page *b = alloc_pages_node(0, GFP_KERNEL | __GFP_THISNODE, 0);

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, page_to_nid(a), 0);
	KUNIT_EXPECT_EQ(test, page_to_nid(b), 0);
	KUNIT_EXPECT_EQ(test, numa_node_id(), 0);
	__free_pages(a, 1);
	__free_page(b);
}

static bool has_free_block(struct zone *zone, int mt, unsigned int min_order)
{
	unsigned int o;
	bool ret = false;

	spin_lock(&zone->lock);
	for (o = min_order; o < NR_PAGE_ORDERS; o++)
		ret |= !list_empty(&zone->free_area[o].free_list[mt]);
	spin_unlock(&zone->lock);
	return ret;
}

/*
 * The mobility hints pick the pageblock type. A page of one type can sit in a pageblock of
 * another after a steal too small to claim the block; when a type's lists are empty and a
 * whole movable pageblock is free, the steal claims whole pageblocks, so the type is certain.
 */
static void page_alloc_migratetype_hints(struct kunit *test)
{
	struct zone *zone = kernel_zone();
	bool certain_u, certain_r;
	struct page *u, *m, *r, *u3, *m3;

	page_alloc_drain_all();
	certain_u = !zone_free_of_type(zone, MIGRATE_UNMOVABLE) &&
		    has_free_block(zone, MIGRATE_MOVABLE, pageblock_order);
	certain_r = !zone_free_of_type(zone, MIGRATE_RECLAIMABLE) &&
		    has_free_block(zone, MIGRATE_MOVABLE, pageblock_order);
	u = alloc_page(GFP_KERNEL);
	m = alloc_page(GFP_KERNEL | __GFP_MOVABLE);
	r = alloc_page(GFP_KERNEL | __GFP_RECLAIMABLE);
	u3 = alloc_pages(GFP_KERNEL, 5);
	m3 = alloc_pages(GFP_HIGHUSER_MOVABLE & ~__GFP_HIGHMEM, 5);
	KUNIT_ASSERT_NOT_NULL(test, u);
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_ASSERT_NOT_NULL(test, u3);
	KUNIT_ASSERT_NOT_NULL(test, m3);
	if (certain_u || krt_direct_map_size >= SZ_256M) {
		KUNIT_EXPECT_EQ(test, get_pageblock_migratetype(u), MIGRATE_UNMOVABLE);
		KUNIT_EXPECT_EQ(test, get_pageblock_migratetype(u3), MIGRATE_UNMOVABLE);
	}
	if (certain_r || krt_direct_map_size >= SZ_256M)
		KUNIT_EXPECT_EQ(test, get_pageblock_migratetype(r), MIGRATE_RECLAIMABLE);
	KUNIT_EXPECT_EQ(test, get_pageblock_migratetype(m), MIGRATE_MOVABLE);
	KUNIT_EXPECT_EQ(test, get_pageblock_migratetype(m3), MIGRATE_MOVABLE);
	KUNIT_EXPECT_STREQ(test, migratetype_names[MIGRATE_RECLAIMABLE], "Reclaimable");
	__free_page(u);
	__free_page(m);
	__free_page(r);
	__free_pages(u3, 5);
	__free_pages(m3, 5);
}

/*
 * When a migrate type has no free pages left, it steals from another type: a whole
 * pageblock changes type (fallback, largest block first).
 */
static void page_alloc_pageblock_steal(struct kunit *test)
{
	const gfp_t gfp = GFP_KERNEL | __GFP_RECLAIMABLE;
	long used = krt_pages_in_use();
	unsigned long have = 0, blocks, i, n;
	struct page **pages;
	struct zone *zone;

	page_alloc_drain_all();
	for (i = 0; i <= ZONE_NORMAL; i++)
		if (populated_zone(zone_nr(i)))
			have += zone_free_of_type(zone_nr(i), MIGRATE_RECLAIMABLE);
	if (have > 16384)
		kunit_skip(test, "%lu free reclaimable pages: too many to use up", have);
	blocks = pageblocks_of_type(MIGRATE_RECLAIMABLE);
	n = have + 1;
	pages = kcalloc(n, sizeof(*pages), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, pages);
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(gfp);
		if (!pages[i])
			break;
	}
	KUNIT_EXPECT_EQ(test, i, n);
	/* Using up every reclaimable page forced a steal: more reclaimable pageblocks now. */
	KUNIT_EXPECT_GT(test, pageblocks_of_type(MIGRATE_RECLAIMABLE), blocks);
	if (i)
		KUNIT_EXPECT_EQ(test, get_pageblock_migratetype(pages[i - 1]), MIGRATE_RECLAIMABLE);
	zone = i ? page_zone(pages[i - 1]) : NULL;
	while (i-- > 0)
		__free_page(pages[i]);
	kfree(pages);
	page_alloc_drain_all();
	/* The stolen pageblock stays reclaimable, with its pages free on that type's lists. */
	if (zone)
		KUNIT_EXPECT_GE(test, zone_free_of_type(zone, MIGRATE_RECLAIMABLE), pageblock_nr_pages);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
}

/* ---------------------------------------------------------------------------------------- */
/* Per-thread lists */

static void page_alloc_pcp_list_holds_freed_page(struct kunit *test)
{
	unsigned long free0, free_alloc, pcp_alloc;
	struct page *page;
	struct zone *zone;

	page_alloc_drain_all();
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	zone = page_zone(page);
	__free_page(page);
	page_alloc_drain_all();
	free0 = zone_page_state(zone, NR_FREE_PAGES);
	KUNIT_EXPECT_EQ(test, krt_pcp_free_pages(zone), 0UL);

	/* The first allocation fills this thread's list with a batch from the buddy lists. */
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_ASSERT_PTR_EQ(test, page_zone(page), zone);
	free_alloc = zone_page_state(zone, NR_FREE_PAGES);
	pcp_alloc = krt_pcp_free_pages(zone);
	KUNIT_EXPECT_LT(test, free_alloc, free0);
	KUNIT_EXPECT_EQ(test, free0 - free_alloc, pcp_alloc + 1);
	KUNIT_EXPECT_GE(test, (long)pcp_alloc, (long)zone->pcp_batch - 1);

	/* Freed, it goes to the list: NR_FREE_PAGES does not move. */
	__free_page(page);
	KUNIT_EXPECT_EQ(test, zone_page_state(zone, NR_FREE_PAGES), free_alloc);
	KUNIT_EXPECT_EQ(test, krt_pcp_free_pages(zone), pcp_alloc + 1);
	/* Draining gives everything back. */
	drain_local_pages(zone);
	KUNIT_EXPECT_EQ(test, krt_pcp_free_pages(zone), 0UL);
	KUNIT_EXPECT_EQ(test, zone_page_state(zone, NR_FREE_PAGES), free0);
}

struct pcp_thread_ctx {
	struct zone *zone;
	unsigned long pcp_in_thread;
	int allocated;
};

static int pcp_thread_fn(void *data)
{
	struct pcp_thread_ctx *c = data;
	struct page *pages[8];
	int i;

	for (i = 0; i < ARRAY_SIZE(pages); i++)
		pages[i] = alloc_page(GFP_KERNEL);
	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		if (!pages[i])
			continue;
		c->allocated++;
		c->zone = page_zone(pages[i]);
		__free_page(pages[i]);
	}
	if (c->zone)
		c->pcp_in_thread = krt_pcp_free_pages(c->zone);
	return 0;
}

/* A thread that ends gives the pages on its list back. */
static void page_alloc_thread_exit_returns_pcp(struct kunit *test)
{
	struct pcp_thread_ctx c = { };
	struct task_struct *t;
	unsigned long free0;
	struct zone *zone = kernel_zone();

	page_alloc_drain_all();
	free0 = zone_page_state(zone, NR_FREE_PAGES);
	t = krt_thread_create(pcp_thread_fn, &c, "pcp-exit");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	KUNIT_ASSERT_EQ(test, c.allocated, 8);
	KUNIT_ASSERT_PTR_EQ(test, c.zone, zone);
	KUNIT_EXPECT_GT(test, c.pcp_in_thread, 0UL);
	/* Nobody drained: the thread's exit did. */
	KUNIT_EXPECT_EQ(test, krt_pcp_free_pages(zone), 0UL);
	KUNIT_EXPECT_EQ(test, zone_page_state(zone, NR_FREE_PAGES), free0);
}

/* fork() while another thread allocates: the child's allocator is whole and usable. */
struct fork_churn_ctx {
	bool stop;
	unsigned long rounds;
};

static int fork_churn_fn(void *data)
{
	struct fork_churn_ctx *c = data;

	while (!READ_ONCE(c->stop)) {
		struct page *p[16];
		int i;

		for (i = 0; i < 16; i++)
			p[i] = alloc_pages(GFP_KERNEL, i % 4);
		for (i = 0; i < 16; i++)
			if (p[i])
				__free_pages(p[i], i % 4);
		if (!(c->rounds++ % 8))
			page_alloc_drain_all();
	}
	return 0;
}

static void fork_child_allocates(void *arg)
{
	struct page *p[64];
	int i;

	for (i = 0; i < 64; i++) {
		p[i] = alloc_pages(GFP_KERNEL, i % 3);
		if (!p[i])
			host_exit_now(2);
	}
	for (i = 0; i < 64; i++)
		__free_pages(p[i], i % 3);
	page_alloc_drain_all();
	host_exit_now(0);
}

/* fork() while RCU callbacks free pages: RCU's fork handler waits for them, then mm's. */
static void fork_rcu_free_cb(struct rcu_head *head)
{
	free_page((unsigned long)head);
}

static int fork_rcu_churn_fn(void *data)
{
	struct fork_churn_ctx *c = data;

	while (!READ_ONCE(c->stop)) {
		struct rcu_head *h = (void *)__get_free_page(GFP_KERNEL | __GFP_NOWARN);

		if (h)
			call_rcu(h, fork_rcu_free_cb);
		/* At most 32 pages waiting for a grace period, even in a 16 MiB arena. */
		if (!(++c->rounds % 32))
			rcu_barrier();
	}
	rcu_barrier();
	return 0;
}

static void page_alloc_fork_while_rcu_frees(struct kunit *test)
{
	struct fork_churn_ctx c = { };
	struct task_struct *t;
	int i, signo;

	t = krt_thread_create(fork_rcu_churn_fn, &c, "fork-rcu");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (i = 0; i < 100; i++)
		KUNIT_EXPECT_EQ(test, host_run_in_child(fork_child_allocates, NULL, &signo), 0);
	WRITE_ONCE(c.stop, true);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	KUNIT_EXPECT_GT(test, c.rounds, 0UL);
	page_alloc_drain_all();
}

static void page_alloc_fork_while_allocating(struct kunit *test)
{
	struct fork_churn_ctx c = { };
	struct task_struct *t;
	int i, signo;

	t = krt_thread_create(fork_churn_fn, &c, "fork-churn");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	for (i = 0; i < 20; i++)
		KUNIT_EXPECT_EQ(test, host_run_in_child(fork_child_allocates, NULL, &signo), 0);
	WRITE_ONCE(c.stop, true);
	KUNIT_EXPECT_EQ(test, krt_thread_join(t), 0);
	KUNIT_EXPECT_GT(test, c.rounds, 0UL);
	page_alloc_drain_all();
}

/* ---------------------------------------------------------------------------------------- */
/* Counters */

static void page_alloc_vm_events(struct kunit *test)
{
	struct zone *zone = kernel_zone();
	enum vm_event_item item = PGALLOC_DMA + zone_idx(zone);
	unsigned long a0 = krt_vm_event_read(item), f0 = krt_vm_event_read(PGFREE);
	struct page *p = alloc_pages(GFP_KERNEL, 4), *q = alloc_page(GFP_KERNEL);
	char buf[8192];
	ssize_t len;

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_ASSERT_PTR_EQ(test, page_zone(p), zone);
	KUNIT_EXPECT_GE(test, krt_vm_event_read(item), a0 + 17);
	__free_pages(p, 4);
	__free_page(q);
	KUNIT_EXPECT_GE(test, krt_vm_event_read(PGFREE), f0 + 17);
	/* /proc/vmstat shows them under the kernel's names. */
	len = krt_proc_read("/proc/vmstat", buf, sizeof(buf));
	KUNIT_ASSERT_GT(test, len, 0L);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "\npgfree "));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "\npgalloc_dma32 ") ?: strstr(buf, "\npgalloc_dma "));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "nr_free_pages "));
}

/* ---------------------------------------------------------------------------------------- */
/* dump_page() (spec §5.8) */

static void page_alloc_dump_page_folio(struct kunit *test)
{
	struct folio *folio = folio_alloc(GFP_KERNEL, 2);
	struct page *tail;
	char want[160];

	KUNIT_ASSERT_NOT_NULL(test, folio);
	tail = folio_page(folio, 1);
	krt_printk_capture_begin(false);
	dump_page(&folio->page, "testing dump_page");
	snprintf(want, sizeof(want),
		 "page: refcount:1 mapcount:0 mapping:%p index:0x0 pfn:%#lx\n", NULL,
		 folio_pfn(folio));
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(want), "want %s got %s", want,
			      krt_printk_capture_text());
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"head: order:2 mapcount:0 entire_mapcount:0 nr_pages_mapped:0 pincount:0\n"));
	snprintf(want, sizeof(want), "flags: %#lx(head|node=0|zone=%d)\n",
		 folio->flags & ~KRT_ALLOC_ORDER_MASK,
		 (int)folio_zonenum(folio));
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(want), "want %s got %s", want,
			      krt_printk_capture_text());
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("\nraw: "));
	/* The head hex dump: two struct pages (128 bytes, 4 lines of 32). */
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("\nraw: "), 2U);
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("\nhead: "), 4U + 1U);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("page dumped because: testing dump_page\n"));

	/* A tail page: its own pfn and index, the folio's head line. */
	krt_printk_capture_reset();
	dump_page(tail, NULL);
	snprintf(want, sizeof(want), "pfn:%#lx\n", folio_pfn(folio) + 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(want));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("index:0x1 "));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("head: order:2 "));
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("page dumped because"));
	krt_printk_capture_end();
	folio_put(folio);
}

static void page_alloc_dump_page_small(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);
	char want[160];

	KUNIT_ASSERT_NOT_NULL(test, page);
	get_page(page);
	krt_printk_capture_begin(false);
	dump_page(page, NULL);
	snprintf(want, sizeof(want),
		 "page: refcount:2 mapcount:0 mapping:%p index:0x0 pfn:%#lx\n", NULL,
		 page_to_pfn(page));
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(want), "want %s got %s", want,
			      krt_printk_capture_text());
	snprintf(want, sizeof(want), "flags: %#lx(node=0|zone=%d)\n",
		 page->flags & ~KRT_ALLOC_ORDER_MASK,
		 (int)page_zonenum(page));
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains(want), "want %s got %s", want,
			      krt_printk_capture_text());
	KUNIT_EXPECT_FALSE(test, krt_printk_capture_contains("head:"));
	KUNIT_EXPECT_EQ(test, krt_printk_capture_count("raw: "), 2U);
	/* The reserved pfn 0 shows its flag. */
	krt_printk_capture_reset();
	dump_page(pfn_to_page(0), "reserved");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("(reserved|node=0|zone=0)"));
	krt_printk_capture_end();
	put_page(page);
	put_page(page);
}

/*
 * The page_type word doubles as the mapcount: compared as an int, -1 and mapcounts >= 0 are
 * not page types (an unsigned compare would call a mapped page "typed").
 */
static void page_alloc_mapcount_is_not_page_type(struct kunit *test)
{
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_FALSE(test, page_has_type(page));
	KUNIT_EXPECT_EQ(test, folio_mapcount(page_folio(page)), 0);
	atomic_set(&page->_mapcount, 0);	/* mapped once */
	KUNIT_EXPECT_FALSE(test, page_has_type(page));
	KUNIT_EXPECT_EQ(test, folio_mapcount(page_folio(page)), 1);
	atomic_set(&page->_mapcount, 2);	/* mapped three times */
	KUNIT_EXPECT_FALSE(test, page_has_type(page));
	KUNIT_EXPECT_EQ(test, folio_mapcount(page_folio(page)), 3);
	page_mapcount_reset(page);
	KUNIT_EXPECT_FALSE(test, page_has_type(page));
	__SetPageTable(page);
	KUNIT_EXPECT_TRUE(test, page_has_type(page));
	KUNIT_EXPECT_EQ(test, folio_mapcount(page_folio(page)), 0);
	__ClearPageTable(page);
	__free_page(page);
}

/* ---------------------------------------------------------------------------------------- */
/* Bad input: reported, the allocator stays consistent, the process goes on */

static void expect_bad_page_report(struct kunit *test, const char *what)
{
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains("BUG: Bad page state in process"),
			      "%s", what);
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains("page dumped because: "), "%s",
			      what);
	KUNIT_EXPECT_TRUE_MSG(test, krt_printk_capture_contains("page: refcount:"), "%s", what);
	KUNIT_EXPECT_TRUE(test, test_taint(TAINT_BAD_PAGE));
}

/* After a bad call: allocating and freeing works, nothing handed out twice. */
static void expect_allocator_consistent(struct kunit *test, long used)
{
	struct page *pages[64];
	int i, j;

	for (i = 0; i < ARRAY_SIZE(pages); i++) {
		pages[i] = alloc_page(GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, pages[i]);
		KUNIT_EXPECT_EQ(test, page_ref_count(pages[i]), 1);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_PTR_NE(test, pages[i], pages[j]);
	}
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used + (long)ARRAY_SIZE(pages));
	for (i = 0; i < ARRAY_SIZE(pages); i++)
		__free_page(pages[i]);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	page_alloc_drain_all();
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
}

static void page_alloc_double_free(struct kunit *test)
{
	long used = krt_pages_in_use();
	struct page *page = alloc_page(GFP_KERNEL);
	struct page *again;

	KUNIT_ASSERT_NOT_NULL(test, page);
	__free_page(page);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	krt_printk_capture_begin(false);
	__free_page(page);
	expect_bad_page_report(test, "double __free_page");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(" Tainted: ") ||
				print_tainted()[0] == 'T');
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 0);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	/* The page is free once, not twice: two allocations never both get it. */
	again = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, again);
	expect_allocator_consistent(test, used + 1);
	__free_page(again);
	/* A double free of a block freed straight to the buddy lists (order > 3). */
	page = alloc_pages(GFP_KERNEL, 5);
	KUNIT_ASSERT_NOT_NULL(test, page);
	__free_pages(page, 5);
	krt_printk_capture_reset();
	__free_pages(page, 5);
	expect_bad_page_report(test, "double __free_pages order 5");
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	krt_printk_capture_end();
	expect_allocator_consistent(test, used);
}

static void page_alloc_put_page_refcount_zero(struct kunit *test)
{
	long used = krt_pages_in_use();
	struct page *page = alloc_page(GFP_KERNEL);
	struct folio *folio;

	KUNIT_ASSERT_NOT_NULL(test, page);
	put_page(page);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	krt_printk_capture_begin(false);
	put_page(page);
	expect_bad_page_report(test, "put_page at refcount 0");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("page_ref_count"));
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 0);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);

	folio = folio_alloc(GFP_KERNEL, 2);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	folio_put(folio);
	krt_printk_capture_reset();
	folio_put(folio);
	expect_bad_page_report(test, "folio_put at refcount 0");
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	krt_printk_capture_end();
	expect_allocator_consistent(test, used);
}

static void page_alloc_free_wrong_order(struct kunit *test)
{
	long used = krt_pages_in_use();
	struct page *page = alloc_pages(GFP_KERNEL, 2);
	struct folio *folio;

	KUNIT_ASSERT_NOT_NULL(test, page);
	krt_printk_capture_begin(false);
	/* Too small: reported, and the whole block is freed. */
	__free_pages(page, 0);
	expect_bad_page_report(test, "order 2 freed as order 0");
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("order"));
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);

	/* Too large: reported, only the block is freed. */
	page = alloc_pages(GFP_KERNEL, 1);
	KUNIT_ASSERT_NOT_NULL(test, page);
	krt_printk_capture_reset();
	__free_pages(page, 3);
	expect_bad_page_report(test, "order 1 freed as order 3");
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);

	/* A folio freed with the wrong order. */
	folio = folio_alloc(GFP_KERNEL, 3);
	KUNIT_ASSERT_NOT_NULL(test, folio);
	krt_printk_capture_reset();
	__free_pages(&folio->page, 1);
	expect_bad_page_report(test, "folio order 3 freed as order 1");
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);

	/* Above MAX_PAGE_ORDER. */
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	krt_printk_capture_reset();
	__free_pages(page, MAX_PAGE_ORDER + 1);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("Bad page state") ||
				krt_printk_capture_contains("WARNING"));
	krt_printk_capture_end();
	/* Whatever the report, a correct free afterwards frees it. */
	if (page_ref_count(page) == 1)
		__free_page(page);
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	expect_allocator_consistent(test, used);
}

static void page_alloc_get_page_on_free_page(struct kunit *test)
{
	long used = krt_pages_in_use();
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, page);
	__free_page(page);
	krt_clear_warn_once();
	krt_printk_capture_begin(false);
	get_page(page);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING"));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("page dumped because: "));
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 0);
	krt_printk_capture_reset();
	KUNIT_EXPECT_FALSE(test, try_get_page(page));
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING"));
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 0);
	KUNIT_EXPECT_FALSE(test, get_page_unless_zero(page));
	KUNIT_EXPECT_FALSE(test, folio_try_get(page_folio(page)));
	KUNIT_EXPECT_EQ(test, page_ref_count(page), 0);
	krt_printk_capture_end();
	krt_clear_warn_once();
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	expect_allocator_consistent(test, used);
}

static char foreign_buf[3 * 4096] __aligned(4096);

static void page_alloc_free_foreign_pointer(struct kunit *test)
{
	long used = krt_pages_in_use();

	krt_clear_warn_once();
	krt_printk_capture_begin(false);
	free_pages((unsigned long)foreign_buf, 0);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING"));
	krt_printk_capture_reset();
	krt_clear_warn_once();
	free_page((unsigned long)foreign_buf + PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING"));
	krt_printk_capture_reset();
	krt_clear_warn_once();
	free_pages_exact(foreign_buf, 2 * PAGE_SIZE);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains("WARNING"));
	krt_printk_capture_end();
	krt_clear_warn_once();
	KUNIT_EXPECT_EQ(test, krt_pages_in_use(), used);
	expect_allocator_consistent(test, used);
}

/* ---------------------------------------------------------------------------------------- */
/* Sanitizers */

static void page_alloc_asan_poison(struct kunit *test)
{
#ifdef KRT_ASAN
	struct page *page = alloc_pages(GFP_KERNEL, 3);
	char *addr;

	KUNIT_ASSERT_NOT_NULL(test, page);
	addr = page_address(page);
	KUNIT_EXPECT_FALSE(test, __asan_address_is_poisoned(addr));
	KUNIT_EXPECT_FALSE(test, __asan_address_is_poisoned(addr + (8 * PAGE_SIZE) - 1));
	__free_pages(page, 3);
	KUNIT_EXPECT_TRUE(test, __asan_address_is_poisoned(addr));
	KUNIT_EXPECT_TRUE(test, __asan_address_is_poisoned(addr + (8 * PAGE_SIZE) - 1));

	/* Order 0: freed to the per-thread list, poisoned there too. */
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	addr = page_address(page);
	KUNIT_EXPECT_FALSE(test, __asan_address_is_poisoned(addr + 100));
	__free_page(page);
	KUNIT_EXPECT_TRUE(test, __asan_address_is_poisoned(addr + 100));
	/* Free memory never handed out is poisoned from boot. */
	KUNIT_EXPECT_TRUE(test, __asan_address_is_poisoned(
		page_address(pfn_to_page(max_pfn - 1))) ||
		page_alloc_record(pfn_to_page(max_pfn - 1)) != 0);
#else
	kunit_skip(test, "not an ASan build");
#endif
}

#ifdef KRT_ASAN
static void uaf_child(void *arg)
{
	struct page *page = alloc_page(GFP_KERNEL);
	volatile char *p;

	if (!page)
		host_exit_now(3);
	p = page_address(page);
	p[10] = 1;
	__free_page(page);
	if (arg)
		p[10] = 2;	/* the use-after-free */
	host_exit_now(0);
}
#endif

/* A write to a freed page is caught by ASan (in a child: ASan ends the process). */
static void page_alloc_asan_use_after_free(struct kunit *test)
{
#ifdef KRT_ASAN
	int signo = 0;

	KUNIT_EXPECT_EQ(test, host_run_in_child(uaf_child, NULL, &signo), 0);
	KUNIT_EXPECT_NE(test, host_run_in_child(uaf_child, (void *)1, &signo), 0);
#else
	kunit_skip(test, "not an ASan build");
#endif
}

/* ---------------------------------------------------------------------------------------- */
/* RSS follows use */

static void page_alloc_rss_drops_after_free(struct kunit *test)
{
	struct zone *zone = kernel_zone();
	struct page *blocks[32];
	unsigned long avail, nr, i, touched;
	u64 rss0, rss_touched, rss_freed;

	if (!krt_rss_bytes())
		kunit_skip(test, "the host does not report RSS");
	krt_page_reporting_flush();
	avail = zone_page_state(zone, NR_FREE_PAGES) - high_wmark_pages(zone);
	nr = min_t(unsigned long, ARRAY_SIZE(blocks), avail / pageblock_nr_pages / 2);
	if (nr < 2)
		kunit_skip(test, "arena too small");
	touched = nr * (PAGE_SIZE << pageblock_order);
	rss0 = krt_rss_bytes();
	for (i = 0; i < nr; i++) {
		blocks[i] = alloc_pages(GFP_KERNEL, pageblock_order);
		KUNIT_ASSERT_NOT_NULL(test, blocks[i]);
		memset(page_address(blocks[i]), 0x77, PAGE_SIZE << pageblock_order);
	}
	rss_touched = krt_rss_bytes();
	for (i = 0; i < nr; i++)
		__free_pages(blocks[i], pageblock_order);
	KUNIT_EXPECT_GE(test, krt_page_reporting_flush(), nr * pageblock_nr_pages);
	rss_freed = krt_rss_bytes();
	kunit_info(test, "touched %lu KiB: RSS %llu -> %llu -> %llu KiB\n", touched >> 10,
		   rss0 >> 10, rss_touched >> 10, rss_freed >> 10);
	KUNIT_EXPECT_GE(test, rss_touched, rss0 + touched * 3 / 4);
	KUNIT_EXPECT_LE(test, rss_freed + touched * 3 / 4, rss_touched);
}

/* ---------------------------------------------------------------------------------------- */
/* Other boots: ZONE_MOVABLE, a DMA-only arena */

/*
 * mem= and movablecore= are read once, at boot: run this suite again in fresh copies of the
 * test binary with other command lines. A failing child's output is kept in
 * /tmp/krt-page_alloc-<pid>-<n>.log; a passing child's is removed.
 */
static void page_alloc_other_boots(struct kunit *test)
{
	static const char *const plain_env[] = { CHILD_ENV "=1", NULL };
	static const char *const movable_env[] = { CHILD_ENV "=1", EXPECT_MOVABLE_ENV "=1", NULL };
	static const char * const cmdlines[] = {
		"mem=64M movablecore=16M",
		"mem=16M",
	};
	struct krt_test_reboot rb = { .filter = "page_alloc.*" };
	int i;

	if (getenv(CHILD_ENV))
		kunit_skip(test, "already a child boot");
	for (i = 0; i < ARRAY_SIZE(cmdlines); i++) {
		rb.cmdline = cmdlines[i];
		rb.env = strstr(cmdlines[i], "movablecore=") ? movable_env : plain_env;
		snprintf(rb.log, sizeof(rb.log), "/tmp/krt-page_alloc-%d-%d.log", (int)getpid(), i);
		KUNIT_EXPECT_EQ_MSG(test, krt_test_reboot(&rb), 0,
				    "page_alloc suite with KRT_CMDLINE=\"%s\" failed (see %s)",
				    cmdlines[i], rb.log);
	}
}

static struct kunit_case page_alloc_test_cases[] = {
	KUNIT_CASE(page_alloc_struct_page_layout),
	KUNIT_CASE(page_alloc_pfn0_reserved),
	KUNIT_CASE(page_alloc_address_round_trips),
	KUNIT_CASE(page_alloc_zone_layout),
	KUNIT_CASE(page_alloc_gfp_zone_table),
	KUNIT_CASE(page_alloc_zone_dma),
	KUNIT_CASE(page_alloc_zone_dma32),
	KUNIT_CASE(page_alloc_zone_movable),
	KUNIT_CASE(page_alloc_watermarks),
	KUNIT_CASE(page_alloc_every_order_aligned),
	KUNIT_CASE(page_alloc_buddies_merge),
	KUNIT_CASE(page_alloc_order_too_large),
	KUNIT_CASE(page_alloc_gfp_zero),
	KUNIT_CASE(page_alloc_compound_folio),
	KUNIT_CASE(page_alloc_gfp_comp_pages),
	KUNIT_CASE(page_alloc_free_pages_with_extra_ref),
	KUNIT_CASE(page_alloc_split_page),
	KUNIT_CASE(page_alloc_exact),
	KUNIT_CASE(page_alloc_get_free_pages),
	KUNIT_CASE(page_alloc_bulk_array),
	KUNIT_CASE(page_alloc_node_no_node),
	KUNIT_CASE(page_alloc_migratetype_hints),
	KUNIT_CASE(page_alloc_pageblock_steal),
	KUNIT_CASE(page_alloc_pcp_list_holds_freed_page),
	KUNIT_CASE(page_alloc_thread_exit_returns_pcp),
	KUNIT_CASE(page_alloc_fork_while_allocating),
	KUNIT_CASE(page_alloc_fork_while_rcu_frees),
	KUNIT_CASE(page_alloc_vm_events),
	KUNIT_CASE(page_alloc_dump_page_folio),
	KUNIT_CASE(page_alloc_dump_page_small),
	KUNIT_CASE(page_alloc_mapcount_is_not_page_type),
	KUNIT_CASE(page_alloc_double_free),
	KUNIT_CASE(page_alloc_put_page_refcount_zero),
	KUNIT_CASE(page_alloc_free_wrong_order),
	KUNIT_CASE(page_alloc_get_page_on_free_page),
	KUNIT_CASE(page_alloc_free_foreign_pointer),
	KUNIT_CASE(page_alloc_asan_poison),
	KUNIT_CASE(page_alloc_asan_use_after_free),
	KUNIT_CASE(page_alloc_rss_drops_after_free),
	KUNIT_CASE_SLOW(page_alloc_other_boots),
	{}
};

static struct kunit_suite page_alloc_test_suite = {
	.name = "page_alloc",
	.init = page_alloc_test_init,
	.test_cases = page_alloc_test_cases,
};
kunit_test_suite(page_alloc_test_suite);
