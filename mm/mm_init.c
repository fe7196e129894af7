// SPDX-License-Identifier: MIT
/*
 * Setting up physical memory: the arena (mem=), mem_map, the zones and their boundaries
 * (movablecore=, kernelcore=), the zonelists, the watermarks (min_free_kbytes,
 * watermark_scale_factor) and lowmem_reserve, and the /proc/sys/vm knobs that recompute them.
 *
 * Every struct page is initialised at boot, so that page_zone() and friends work for any pfn;
 * that costs mem_map (1/64 of mem=) in resident memory, the arena itself costs nothing until
 * used.
 */
#include <linux/mm.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <linux/seq_file.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <krt/proc.h>

#include "arch/host/host.h"
#include "mm/internal.h"
#include "mm/slab.h"
#include "mm/page_alloc.h"

unsigned long krt_direct_map_base;
unsigned long krt_direct_map_size;
struct page *mem_map;
unsigned long max_pfn;
struct pglist_data contig_page_data;
atomic_long_t _totalram_pages;

int min_free_kbytes = 1024;
int user_min_free_kbytes = -1;
int watermark_scale_factor = 10;
int sysctl_lowmem_reserve_ratio[MAX_NR_ZONES] = { 256, 256, 32, 0 };

static const char * const zone_names[MAX_NR_ZONES] = { "DMA", "DMA32", "Normal", "Movable" };

static unsigned long long mem_bytes;		/* mem= */
static unsigned long long movablecore_bytes;	/* movablecore= */
static unsigned long long kernelcore_bytes;	/* kernelcore= */
static unsigned int movablecore_percent, kernelcore_percent;

#define KRT_MEM_MIN	(8ULL << 20)
#define KRT_MEM_MAX	(64ULL << 30)

static int __init parse_mem(char *p)
{
	unsigned long long v;

	if (!p)
		return -EINVAL;
	v = memparse(p, &p);
	if (mem_map) {
		pr_warn("mem=: physical memory is already set up; ignored\n");
		return 0;
	}
	mem_bytes = v;
	return 0;
}
early_param("mem", parse_mem);

/* "nn[KMG]" or "nn%" of total memory, as the kernel's cmdline_parse_core(). */
static int parse_core(char *p, unsigned long long *bytes, unsigned int *percent)
{
	char *end;
	unsigned long long v;

	if (!p)
		return -EINVAL;
	v = simple_strtoull(p, &end, 0);
	if (*end == '%') {
		*percent = v > 100 ? 100 : v;
		*bytes = 0;
		return 0;
	}
	*bytes = memparse(p, &p);
	*percent = 0;
	return 0;
}

static int __init parse_movablecore(char *p)
{
	return parse_core(p, &movablecore_bytes, &movablecore_percent);
}
early_param("movablecore", parse_movablecore);

static int __init parse_kernelcore(char *p)
{
	return parse_core(p, &kernelcore_bytes, &kernelcore_percent);
}
early_param("kernelcore", parse_kernelcore);

/* The kernel's initial guess: sqrt(lowmem_kbytes * 16), between 128 KiB and 256 MiB. */
/* nr_free_buffer_pages - pages GFP_USER could use above the high watermarks (not MOVABLE) */
static unsigned long nr_free_buffer_pages(void)
{
	unsigned long sum = 0;
	int i;

	for (i = 0; i <= gfp_zone(GFP_USER); i++) {
		struct zone *zone = &NODE_DATA(0)->node_zones[i];
		unsigned long managed = zone_managed_pages(zone), high = high_wmark_pages(zone);

		if (managed > high)
			sum += managed - high;
	}
	return sum;
}

static void calculate_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	unsigned long new_min = int_sqrt(lowmem_kbytes * 16);

	if (user_min_free_kbytes >= 0 && new_min <= (unsigned long)user_min_free_kbytes)
		return;
	min_free_kbytes = clamp(new_min, 128UL, 262144UL);
}

static void setup_per_zone_lowmem_reserve(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	int i, j;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		int ratio = sysctl_lowmem_reserve_ratio[i];
		bool clear = !ratio || !zone_managed_pages(zone);
		unsigned long managed = 0;

		for (j = i + 1; j < MAX_NR_ZONES; j++) {
			struct zone *upper = &pgdat->node_zones[j];

			managed += zone_managed_pages(upper);
			WRITE_ONCE(zone->lowmem_reserve[j],
				   (clear || !zone_managed_pages(upper)) ? 0 : managed / ratio);
		}
	}
}

static void calculate_totalreserve_pages(void)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long reserve_pages = 0;
	int i, j;

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		long max = 0;

		for (j = i; j < MAX_NR_ZONES; j++)
			max = max(max, zone->lowmem_reserve[j]);
		max += high_wmark_pages(zone);
		if ((unsigned long)max > zone_managed_pages(zone))
			max = zone_managed_pages(zone);
		reserve_pages += max;
	}
	pgdat->totalreserve_pages = reserve_pages;
}

/* The kernel's zone_batchsize(): about a quarter of a thousandth of the zone, 2^n - 1. */
static int zone_batchsize(struct zone *zone)
{
	unsigned long batch = min(zone_managed_pages(zone) >> 10, SZ_1M / PAGE_SIZE);

	batch /= 4;
	if (batch < 1)
		batch = 1;
	return rounddown_pow_of_two(batch + batch / 2) - 1 ?: 1;
}

/**
 * setup_per_zone_wmarks - compute every zone's min/low/high watermarks
 *
 * min_free_kbytes is shared out among the non-movable zones by size; ZONE_MOVABLE gets a
 * small fixed minimum. The gaps min→low→high are the larger of min/4 and
 * watermark_scale_factor/10000 of the zone. Then lowmem_reserve and the reserve total.
 */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		if (zone_idx(zone) != ZONE_MOVABLE)
			lowmem_pages += zone_managed_pages(zone);

	for_each_populated_zone(zone) {
		unsigned long managed = zone_managed_pages(zone);
		unsigned long tmp = lowmem_pages ? pages_min * managed / lowmem_pages : 0;

		unsigned long min;

		spin_lock(&zone->lock);
		if (zone_idx(zone) == ZONE_MOVABLE)
			min = clamp(managed / 1024, 32UL, 128UL);
		else
			min = tmp;
		tmp = max(tmp >> 2, managed * watermark_scale_factor / 10000);
		WRITE_ONCE(zone->watermark_boost, 0);
		WRITE_ONCE(zone->_watermark[WMARK_MIN], min);
		WRITE_ONCE(zone->_watermark[WMARK_LOW], min + tmp);
		WRITE_ONCE(zone->_watermark[WMARK_HIGH], min + 2 * tmp);
		WRITE_ONCE(zone->_watermark[WMARK_PROMO], min + 3 * tmp);
		WRITE_ONCE(zone->pcp_batch, zone_batchsize(zone));
		WRITE_ONCE(zone->pcp_high, zone->pcp_batch * 4);
		spin_unlock(&zone->lock);
	}
	setup_per_zone_lowmem_reserve();
	calculate_totalreserve_pages();
}

/* Zone boundaries by pfn, as on x86-64, with ZONE_MOVABLE carved from the top. */
static void compute_zone_ranges(unsigned long *start, unsigned long *end)
{
	const unsigned long dma_end = (16UL << 20) >> PAGE_SHIFT;
	const unsigned long dma32_end = (4UL << 30) >> PAGE_SHIFT;
	unsigned long movable = 0, core_top;

	start[ZONE_DMA] = 0;
	end[ZONE_DMA] = min(max_pfn, dma_end);
	start[ZONE_DMA32] = end[ZONE_DMA];
	end[ZONE_DMA32] = min(max_pfn, dma32_end);
	start[ZONE_NORMAL] = end[ZONE_DMA32];
	end[ZONE_NORMAL] = max_pfn;

	if (movablecore_percent)
		movable = max_pfn * movablecore_percent / 100;
	else if (movablecore_bytes)
		movable = movablecore_bytes >> PAGE_SHIFT;
	else if (kernelcore_percent)
		movable = max_pfn - max_pfn * kernelcore_percent / 100;
	else if (kernelcore_bytes)
		movable = max_pfn > (kernelcore_bytes >> PAGE_SHIFT) ?
			  max_pfn - (kernelcore_bytes >> PAGE_SHIFT) : 0;

	/* Movable memory comes from the highest zone, never below its start (nor DMA). */
	core_top = max_pfn - min(movable, max_pfn);
	core_top = round_up(core_top, MAX_ORDER_NR_PAGES);
	if (end[ZONE_NORMAL] > start[ZONE_NORMAL]) {
		core_top = max(core_top, start[ZONE_NORMAL]);
		end[ZONE_NORMAL] = core_top;
	} else {
		core_top = max(core_top, end[ZONE_DMA]);
		end[ZONE_DMA32] = max(core_top, start[ZONE_DMA32]);
		start[ZONE_NORMAL] = end[ZONE_NORMAL] = end[ZONE_DMA32];
	}
	start[ZONE_MOVABLE] = core_top;
	end[ZONE_MOVABLE] = max_pfn > core_top ? max_pfn : core_top;
}

static void build_zonelists(struct pglist_data *pgdat)
{
	struct zonelist *fallback = &pgdat->node_zonelists[ZONELIST_FALLBACK];
	struct zonelist *nofallback = &pgdat->node_zonelists[ZONELIST_NOFALLBACK];
	int i, n = 0;

	/* Highest zone first: MOVABLE ⇒ NORMAL ⇒ DMA32 ⇒ DMA. One node, so both lists agree. */
	for (i = MAX_NR_ZONES - 1; i >= 0; i--) {
		struct zone *zone = &pgdat->node_zones[i];

		if (!populated_zone(zone))
			continue;
		fallback->_zonerefs[n].zone = zone;
		fallback->_zonerefs[n].zone_idx = i;
		nofallback->_zonerefs[n] = fallback->_zonerefs[n];
		n++;
	}
	fallback->_zonerefs[n].zone = NULL;
	nofallback->_zonerefs[n].zone = NULL;
}

/**
 * krt_init_single_page - initialise the struct page of @pfn, as __init_single_page()
 * @pfn: the page frame
 * @zone: its zone
 *
 * Zone in the flags, no references, not mapped (mapcount -1), empty list head.
 */
void krt_init_single_page(unsigned long pfn, enum zone_type zone)
{
	struct page *page = pfn_to_page(pfn);

	memset(page, 0, sizeof(*page));
	set_page_zone(page, zone);
	page_mapcount_reset(page);
	INIT_LIST_HEAD(&page->lru);
}

static unsigned long long default_mem_bytes(void)
{
	unsigned long long ram = host_ram_bytes() / 4;

	return min(ram ? ram : (1ULL << 30), 4ULL << 30);
}

/* Give every page of [start, end) of @zone to the buddy allocator, in the largest blocks. */
static void free_zone_range(struct zone *zone, unsigned long start, unsigned long end)
{
	unsigned long pfn = start;

	while (pfn < end) {
		unsigned int order = pfn ? min_t(unsigned int, __ffs(pfn), MAX_PAGE_ORDER) :
				     MAX_PAGE_ORDER;

		while (pfn + (1UL << order) > end)
			order--;
		krt_free_boot_block(zone, pfn, order);
		pfn += 1UL << order;
	}
}

/**
 * mm_core_init - set up physical memory, at boot before the initcalls
 *
 * A failure to get host memory is fatal: nothing in krt works without it.
 */
void __init mm_core_init(void)
{
	unsigned long start[MAX_NR_ZONES], end[MAX_NR_ZONES];
	struct pglist_data *pgdat = NODE_DATA(0);
	unsigned long long bytes = mem_bytes ?: default_mem_bytes();
	void *base;
	int i, ret;

	if (bytes < KRT_MEM_MIN || bytes > KRT_MEM_MAX) {
		pr_warn("mem=%llu is outside [%lluM, %lluG]; using the nearest\n", bytes,
			KRT_MEM_MIN >> 20, KRT_MEM_MAX >> 30);
		bytes = clamp(bytes, KRT_MEM_MIN, KRT_MEM_MAX);
	}
	bytes = round_down(bytes, (unsigned long long)PAGE_SIZE << MAX_PAGE_ORDER);
	ret = host_physmem_create(bytes, PAGE_SIZE << MAX_PAGE_ORDER, &base);
	if (ret)
		panic("krt: cannot create %llu bytes of physical memory: %d\n", bytes, ret);
	max_pfn = bytes >> PAGE_SHIFT;
	mem_map = host_map_anon(max_pfn * sizeof(struct page));
	if (!mem_map)
		panic("krt: cannot reserve mem_map for %lu pages\n", max_pfn);
	krt_direct_map_size = bytes;
	krt_direct_map_base = (unsigned long)base;

	compute_zone_ranges(start, end);
	pgdat->node_id = 0;
	pgdat->node_start_pfn = 0;
	pgdat->node_spanned_pages = max_pfn;
	pgdat->node_present_pages = max_pfn;
	init_waitqueue_head(&pgdat->kswapd_wait);
	init_waitqueue_head(&pgdat->pfmemalloc_wait);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		unsigned int order, t;

		zone->name = zone_names[i];
		zone->idx = i;
		zone->node = 0;
		zone->zone_pgdat = pgdat;
		zone->zone_start_pfn = start[i];
		zone->spanned_pages = end[i] > start[i] ? end[i] - start[i] : 0;
		zone->present_pages = zone->spanned_pages;
		spin_lock_init(&zone->lock);
		for_each_migratetype_order(order, t)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[t]);
		if (zone->spanned_pages) {
			unsigned long nblocks = (zone->spanned_pages + pageblock_nr_pages - 1) >>
						pageblock_order;

			zone->pageblock_mt = host_map_anon(nblocks);
			if (!zone->pageblock_mt)
				panic("krt: no memory for pageblock flags\n");
			memset(zone->pageblock_mt, MIGRATE_MOVABLE, nblocks);
			pgdat->nr_zones = i + 1;
		}
	}

	for (i = 0; i < MAX_NR_ZONES; i++) {
		unsigned long pfn;

		for (pfn = start[i]; pfn < end[i]; pfn++)
			krt_init_single_page(pfn, i);
	}
	/* pfn 0 stays reserved, as on x86: physical address 0 is never handed out. */
	SetPageReserved(pfn_to_page(0));
	set_page_count(pfn_to_page(0), 1);
	set_page_alloc_record(pfn_to_page(0), 1);
	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		unsigned long s = max(start[i], 1UL);

		if (!zone->spanned_pages)
			continue;
		atomic_long_set(&zone->managed_pages, end[i] - s);
		atomic_long_add(end[i] - s, &_totalram_pages);
	}
	build_zonelists(pgdat);
	calculate_min_free_kbytes();
	setup_per_zone_wmarks();
	for (i = 0; i < MAX_NR_ZONES; i++)
		if (pgdat->node_zones[i].spanned_pages)
			free_zone_range(&pgdat->node_zones[i], max(start[i], 1UL), end[i]);
	krt_page_reporting_mark_boot_blocks();
	gfp_allowed_mask = __GFP_BITS_MASK;
	krt_page_alloc_enable_fast_path();
	kmem_cache_init();
	vmalloc_init();
}

/* /proc/sys/vm knobs that move the watermarks. */
static DEFINE_MUTEX(wmark_sysctl_lock);

static int sysctl_int_show(struct seq_file *m, void *priv)
{
	seq_printf(m, "%d\n", READ_ONCE(*(int *)priv));
	return 0;
}

static ssize_t sysctl_wmark_write(void *priv, const char *buf, size_t len)
{
	int v, ret;

	ret = kstrtoint_from_user((const char __user *)buf, len, 0, &v);
	if (ret)
		return ret;
	if (priv == &min_free_kbytes && v < 0)
		return -EINVAL;
	if (priv == &watermark_scale_factor && (v < 1 || v > 3000))
		return -EINVAL;
	mutex_lock(&wmark_sysctl_lock);
	WRITE_ONCE(*(int *)priv, v);
	if (priv == &min_free_kbytes)
		user_min_free_kbytes = v;
	setup_per_zone_wmarks();
	mutex_unlock(&wmark_sysctl_lock);
	return len;
}

static const struct krt_proc_ops sysctl_wmark_ops = {
	.show = sysctl_int_show,
	.write = sysctl_wmark_write,
};

static int lowmem_reserve_ratio_show(struct seq_file *m, void *priv)
{
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		seq_printf(m, "%d%s", sysctl_lowmem_reserve_ratio[i],
			   i == MAX_NR_ZONES - 1 ? "\n" : "\t");
	return 0;
}

static ssize_t lowmem_reserve_ratio_write(void *priv, const char *buf, size_t len)
{
	int vals[MAX_NR_ZONES], n = 0;
	char tmp[128], *s, *tok;

	if (len >= sizeof(tmp))
		return -EINVAL;
	memcpy(tmp, buf, len);
	tmp[len] = '\0';
	s = tmp;
	while ((tok = strsep(&s, " \t\n")) && n < MAX_NR_ZONES) {
		if (!*tok)
			continue;
		if (kstrtoint(tok, 0, &vals[n]) || vals[n] < 0)
			return -EINVAL;
		n++;
	}
	if (!n)
		return -EINVAL;
	mutex_lock(&wmark_sysctl_lock);
	memcpy(sysctl_lowmem_reserve_ratio, vals, n * sizeof(int));
	setup_per_zone_wmarks();
	mutex_unlock(&wmark_sysctl_lock);
	return len;
}

static const struct krt_proc_ops lowmem_reserve_ratio_ops = {
	.show = lowmem_reserve_ratio_show,
	.write = lowmem_reserve_ratio_write,
};

static int __init mm_sysctl_init(void)
{
	krt_proc_create("/proc/sys/vm/min_free_kbytes", &sysctl_wmark_ops, &min_free_kbytes);
	krt_proc_create("/proc/sys/vm/watermark_scale_factor", &sysctl_wmark_ops,
			&watermark_scale_factor);
	krt_proc_create("/proc/sys/vm/lowmem_reserve_ratio", &lowmem_reserve_ratio_ops, NULL);
	return 0;
}
subsys_initcall(mm_sysctl_init);
