// SPDX-License-Identifier: MIT
/*
 * /proc/vmstat, /proc/buddyinfo, /proc/pagetypeinfo and /proc/zoneinfo: the kernel's formats
 * and order, values that agree with the allocator's state, and counters that follow
 * allocations and frees.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <krt/mm.h>
#include <krt/proc.h>

#include "mm/internal.h"
#include "tests/mm/vmstat_test_helpers.h"

#define PROC_SIZE	65536

/*
 * A buffer for read_proc_into(), freed when the case ends. PROC_SIZE is above
 * KMALLOC_MAX_CACHE_SIZE, so each buffer is a large kmalloc: 16 pages taken from the page
 * allocator (and counted as slab) until the case ends. A case that compares free page counts
 * across reads gets its buffers before its first snapshot and reuses them, so that the counts
 * move only by what the case itself allocates.
 */
static char *proc_buf(struct kunit *test)
{
	char *buf = kunit_kzalloc(test, PROC_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	return buf;
}

/* Render @path into @buf, a proc_buf(), and return @buf. */
static char *read_proc_into(struct kunit *test, const char *path, char *buf)
{
	ssize_t n = krt_proc_read(path, buf, PROC_SIZE);

	KUNIT_ASSERT_GT_MSG(test, n, 0, "%s", path);
	KUNIT_ASSERT_LT_MSG(test, n, PROC_SIZE - 1, "%s", path);
	return buf;
}

static char *read_proc(struct kunit *test, const char *path)
{
	return read_proc_into(test, path, proc_buf(test));
}

/* The number after the spaces at *@p; *@p moves past it. */
static unsigned long next_number(char **p)
{
	*p += strspn(*p, " ");
	return simple_strtoul(*p, p, 10);
}

/* The value of the "@name value" line of /proc/vmstat text @text; fails the case if absent. */
static unsigned long vmstat_value(struct kunit *test, const char *text, const char *name)
{
	size_t len = strlen(name);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, name, len) && p[len] == ' ')
			return simple_strtoul(p + len + 1, NULL, 10);
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	KUNIT_FAIL(test, "no %s line", name);
	return 0;
}

/* Every counter, "name value", zone stats, node stats, the thresholds, then the events. */
static void vmstat_format_and_order(struct kunit *test)
{
	char *s = read_proc(test, "/proc/vmstat"), *line;
	static const char * const extra[] = {
		"nr_dirty_threshold", "nr_dirty_background_threshold", "nr_memmap_pages",
		"nr_memmap_boot_pages",
	};
	unsigned int n = 0, i;

	while ((line = strsep(&s, "\n")) && *line) {
		char *sp = strchr(line, ' ');
		const char *expect;
		unsigned long v;

		KUNIT_ASSERT_NOT_NULL_MSG(test, sp, "line %u: %s", n, line);
		*sp = '\0';
		KUNIT_EXPECT_EQ_MSG(test, kstrtoul(sp + 1, 10, &v), 0, "%s", line);
		i = n;
		if (i < NR_VM_ZONE_STAT_ITEMS) {
			expect = vm_zone_stat_names[i];
		} else if ((i -= NR_VM_ZONE_STAT_ITEMS) < NR_VM_NODE_STAT_ITEMS) {
			expect = vm_node_stat_names[i];
		} else if ((i -= NR_VM_NODE_STAT_ITEMS) < ARRAY_SIZE(extra)) {
			expect = extra[i];
		} else if ((i -= ARRAY_SIZE(extra)) < NR_VM_EVENT_ITEMS) {
			expect = vm_event_names[i];
		} else {
			KUNIT_EXPECT_EQ(test, i, NR_VM_EVENT_ITEMS);
			expect = "nr_unstable";
		}
		KUNIT_EXPECT_STREQ(test, line, expect);
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, NR_VM_ZONE_STAT_ITEMS + NR_VM_NODE_STAT_ITEMS + ARRAY_SIZE(extra) +
			NR_VM_EVENT_ITEMS + 1);
}

static void vmstat_values(struct kunit *test)
{
	unsigned long dirty, background, avail;
	char *buf;

	vmstat_settle();
	buf = read_proc(test, "/proc/vmstat");
	KUNIT_EXPECT_EQ(test, vmstat_value(test, buf, "nr_free_pages"), nr_free_pages());
	dirty = vmstat_value(test, buf, "nr_dirty_threshold");
	background = vmstat_value(test, buf, "nr_dirty_background_threshold");
	/*
	 * 20% and 10% (in 1/PAGE_SIZE steps, as the kernel computes them) of the dirtyable
	 * memory: free pages above the reserves plus the file LRU, plus one.
	 */
	avail = nr_free_pages() - min(nr_free_pages(), NODE_DATA(0)->totalreserve_pages) +
		global_node_page_state(NR_ACTIVE_FILE) +
		global_node_page_state(NR_INACTIVE_FILE) + 1;
	KUNIT_EXPECT_EQ(test, dirty, (20 * PAGE_SIZE / 100) * avail / PAGE_SIZE);
	KUNIT_EXPECT_EQ(test, background, (10 * PAGE_SIZE / 100) * avail / PAGE_SIZE);
	KUNIT_EXPECT_LT(test, background, dirty);
	KUNIT_EXPECT_EQ(test, vmstat_value(test, buf, "nr_memmap_boot_pages"),
			DIV_ROUND_UP(max_pfn * sizeof(struct page), PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, vmstat_value(test, buf, "nr_unstable"), 0UL);
}

struct buddyinfo {
	unsigned int nr_zones;
	char name[MAX_NR_ZONES][16];
	unsigned long nr_free[MAX_NR_ZONES][NR_PAGE_ORDERS];
};

/* Parse /proc/buddyinfo, read into @buf (a proc_buf()), checking every line's format. */
static void read_buddyinfo(struct kunit *test, struct buddyinfo *bi, char *buf)
{
	char *s = read_proc_into(test, "/proc/buddyinfo", buf), *line;

	memset(bi, 0, sizeof(*bi));
	while ((line = strsep(&s, "\n")) && *line) {
		unsigned int z = bi->nr_zones, order;
		char expect[256], *p;
		int n;

		KUNIT_ASSERT_LT(test, z, MAX_NR_ZONES);
		KUNIT_ASSERT_TRUE_MSG(test, strstarts(line, "Node 0, zone "), "%s", line);
		p = line + strlen("Node 0, zone ");
		p += strspn(p, " ");
		n = strcspn(p, " ");
		KUNIT_ASSERT_LT(test, n, 16);
		memcpy(bi->name[z], p, n);
		p += n;
		for (order = 0; order < NR_PAGE_ORDERS; order++)
			bi->nr_free[z][order] = next_number(&p);
		n = snprintf(expect, sizeof(expect), "Node 0, zone %8s ", bi->name[z]);
		for (order = 0; order < NR_PAGE_ORDERS; order++)
			n += snprintf(expect + n, sizeof(expect) - n, "%6lu ",
				      bi->nr_free[z][order]);
		KUNIT_EXPECT_STREQ(test, line, expect);
		bi->nr_zones++;
	}
}

static unsigned long buddyinfo_pages(const struct buddyinfo *bi, unsigned int z)
{
	unsigned long pages = 0;
	unsigned int order;

	for (order = 0; order < NR_PAGE_ORDERS; order++)
		pages += bi->nr_free[z][order] << order;
	return pages;
}

static int buddyinfo_zone(const struct buddyinfo *bi, const char *name)
{
	unsigned int z;

	for (z = 0; z < bi->nr_zones; z++)
		if (!strcmp(bi->name[z], name))
			return z;
	return -1;
}

/* A line per populated zone, in zone order; the free blocks add up to the free pages. */
static void buddyinfo_matches_zones(struct kunit *test)
{
	struct buddyinfo bi;
	struct zone *zone;
	unsigned int z = 0;

	vmstat_settle();
	read_buddyinfo(test, &bi, proc_buf(test));
	for_each_populated_zone(zone) {
		KUNIT_ASSERT_LT(test, z, bi.nr_zones);
		KUNIT_EXPECT_STREQ(test, bi.name[z], zone->name);
		KUNIT_EXPECT_EQ(test, buddyinfo_pages(&bi, z),
				zone_page_state(zone, NR_FREE_PAGES));
		z++;
	}
	KUNIT_EXPECT_EQ(test, z, bi.nr_zones);
}

static const unsigned int alloc_orders[] = { 0, 2, 5, 10 };

static void order_desc(const unsigned int *order, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "order %u", *order);
}

KUNIT_ARRAY_PARAM(alloc_order, alloc_orders, order_desc);

/* nr_free_pages, pgalloc_<zone>, pgfree and buddyinfo follow an allocation and its free. */
static void vmstat_counters_follow_allocations(struct kunit *test)
{
	unsigned int order = *(const unsigned int *)test->param_value;
	unsigned long nr = 1UL << order;
	unsigned long free0, alloc0, pgfree0;
	struct buddyinfo bi0, bi1, bi2;
	char pgalloc[32], *vmstat, *buddy;
	struct page *page;
	struct zone *zone;
	int z;

	/* Before the first snapshot: the buffers' pages are not the case's allocation. */
	vmstat = proc_buf(test);
	buddy = proc_buf(test);

	/* Where GFP_KERNEL memory comes from: the highest populated zone up to Normal. */
	page = alloc_pages(GFP_KERNEL, order);
	KUNIT_ASSERT_NOT_NULL(test, page);
	zone = page_zone(page);
	__free_pages(page, order);
	snprintf(pgalloc, sizeof(pgalloc), "%s", vm_event_names[PGALLOC_DMA + zone_idx(zone)]);

	vmstat_settle();
	read_proc_into(test, "/proc/vmstat", vmstat);
	free0 = vmstat_value(test, vmstat, "nr_free_pages");
	alloc0 = vmstat_value(test, vmstat, pgalloc);
	pgfree0 = vmstat_value(test, vmstat, "pgfree");
	read_buddyinfo(test, &bi0, buddy);
	z = buddyinfo_zone(&bi0, zone->name);
	KUNIT_ASSERT_GE(test, z, 0);

	page = alloc_pages(GFP_KERNEL, order);
	KUNIT_ASSERT_NOT_NULL(test, page);
	KUNIT_EXPECT_PTR_EQ(test, page_zone(page), zone);
	vmstat_settle();
	read_proc_into(test, "/proc/vmstat", vmstat);
	KUNIT_EXPECT_EQ(test, free0 - vmstat_value(test, vmstat, "nr_free_pages"), nr);
	KUNIT_EXPECT_EQ(test, vmstat_value(test, vmstat, pgalloc) - alloc0, nr);
	read_buddyinfo(test, &bi1, buddy);
	KUNIT_EXPECT_EQ(test, buddyinfo_pages(&bi0, z) - buddyinfo_pages(&bi1, z), nr);

	__free_pages(page, order);
	vmstat_settle();
	read_proc_into(test, "/proc/vmstat", vmstat);
	KUNIT_EXPECT_EQ(test, vmstat_value(test, vmstat, "nr_free_pages"), free0);
	KUNIT_EXPECT_EQ(test, vmstat_value(test, vmstat, "pgfree") - pgfree0, nr);
	read_buddyinfo(test, &bi2, buddy);
	KUNIT_EXPECT_EQ(test, buddyinfo_pages(&bi2, z), buddyinfo_pages(&bi0, z));
}

/* The pagetypeinfo free table agrees with buddyinfo; the block counts cover every zone. */
static void pagetypeinfo_tables(struct kunit *test)
{
	unsigned long free[MAX_NR_ZONES][NR_PAGE_ORDERS] = {};
	char *s, *buddy, *line, expect[256];
	struct buddyinfo bi;
	struct zone *zone;
	unsigned int order, z;
	int n, mt;

	/* Both buffers first: one taken between the two reads would split a free block. */
	s = proc_buf(test);
	buddy = proc_buf(test);
	vmstat_settle();
	read_proc_into(test, "/proc/pagetypeinfo", s);
	read_buddyinfo(test, &bi, buddy);

	KUNIT_EXPECT_STREQ(test, strsep(&s, "\n"), "Page block order: 9");
	KUNIT_EXPECT_STREQ(test, strsep(&s, "\n"), "Pages per block:  512");
	KUNIT_EXPECT_STREQ(test, strsep(&s, "\n"), "");
	n = snprintf(expect, sizeof(expect), "%-43s ",
		     "Free pages count per migrate type at order");
	for (order = 0; order < NR_PAGE_ORDERS; order++)
		n += snprintf(expect + n, sizeof(expect) - n, "%6d ", order);
	KUNIT_EXPECT_STREQ(test, strsep(&s, "\n"), expect);

	z = 0;
	for_each_populated_zone(zone) {
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long cnt[NR_PAGE_ORDERS];
			char *p;

			line = strsep(&s, "\n");
			KUNIT_ASSERT_NOT_NULL(test, line);
			n = snprintf(expect, sizeof(expect), "Node %4d, zone %8s, type %12s ", 0,
				     zone->name, migratetype_names[mt]);
			KUNIT_ASSERT_TRUE_MSG(test, !strncmp(line, expect, n), "%s", line);
			p = line + n;
			for (order = 0; order < NR_PAGE_ORDERS; order++) {
				cnt[order] = next_number(&p);
				free[z][order] += cnt[order];
				n += snprintf(expect + n, sizeof(expect) - n, "%6lu ", cnt[order]);
			}
			KUNIT_EXPECT_STREQ(test, line, expect);
		}
		for (order = 0; order < NR_PAGE_ORDERS; order++)
			KUNIT_EXPECT_EQ_MSG(test, free[z][order], bi.nr_free[z][order],
					    "zone %s order %u", zone->name, order);
		z++;
	}

	KUNIT_EXPECT_STREQ(test, strsep(&s, "\n"), "");
	n = snprintf(expect, sizeof(expect), "%-23s", "Number of blocks type ");
	for (mt = 0; mt < MIGRATE_TYPES; mt++)
		n += snprintf(expect + n, sizeof(expect) - n, "%12s ", migratetype_names[mt]);
	KUNIT_EXPECT_STREQ(test, strsep(&s, "\n"), expect);
	for_each_populated_zone(zone) {
		unsigned long blocks = 0;
		char *p;

		line = strsep(&s, "\n");
		KUNIT_ASSERT_NOT_NULL(test, line);
		n = snprintf(expect, sizeof(expect), "Node 0, zone %8s ", zone->name);
		KUNIT_ASSERT_TRUE_MSG(test, !strncmp(line, expect, n), "%s", line);
		p = line + n;
		for (mt = 0; mt < MIGRATE_TYPES; mt++) {
			unsigned long c = next_number(&p);

			blocks += c;
			n += snprintf(expect + n, sizeof(expect) - n, "%12lu ", c);
		}
		KUNIT_EXPECT_STREQ(test, line, expect);
		KUNIT_EXPECT_EQ_MSG(test, blocks, DIV_ROUND_UP(zone->spanned_pages,
							     pageblock_nr_pages), "%s", zone->name);
	}
	KUNIT_EXPECT_TRUE(test, !s || !*s);
}

/* Return the text after "\n<@key>" in @from (up to the end of that line) as a number. */
static unsigned long zi_value(struct kunit *test, const char *from, const char *end,
			      const char *key)
{
	const char *p = strstr(from, key);

	KUNIT_EXPECT_TRUE_MSG(test, p && (!end || p < end), "no \"%s\"", key);
	if (!p || (end && p >= end))
		return 0;
	return simple_strtoul(p + strlen(key), NULL, 10);
}

/*
 * Every zone, populated or not, in order; the node's stats once, after the first populated
 * zone's header; watermarks, protection and counters as the zone has them.
 */
static void zoneinfo_zones(struct kunit *test)
{
	struct pglist_data *pgdat = NODE_DATA(0);
	char *buf, *zstart[MAX_NR_ZONES + 1];
	bool first = true;
	int i, j;

	vmstat_settle();
	buf = read_proc(test, "/proc/zoneinfo");
	for (i = 0; i < MAX_NR_ZONES; i++) {
		char header[64];

		snprintf(header, sizeof(header), "Node 0, zone %8s\n", pgdat->node_zones[i].name);
		zstart[i] = strstr(i ? zstart[i - 1] : buf, header);
		KUNIT_ASSERT_NOT_NULL_MSG(test, zstart[i], "%s", header);
	}
	KUNIT_EXPECT_PTR_EQ(test, zstart[0], buf);
	zstart[MAX_NR_ZONES] = buf + strlen(buf);

	for (i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *zone = &pgdat->node_zones[i];
		char *s = zstart[i], *e = zstart[i + 1], *per_node = strstr(s, "per-node stats");
		char prot[128];
		int n;

		if (populated_zone(zone) && first) {
			KUNIT_EXPECT_TRUE(test, per_node && per_node < e);
			for (j = 0; j < NR_VM_NODE_STAT_ITEMS; j++) {
				char key[64];

				snprintf(key, sizeof(key), "\n      %-12s ", vm_node_stat_names[j]);
				zi_value(test, s, e, key);
			}
			first = false;
		} else {
			KUNIT_EXPECT_TRUE(test, !per_node || per_node >= e);
		}
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n  pages free     "),
				zone_page_state(zone, NR_FREE_PAGES));
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n        min      "),
				min_wmark_pages(zone));
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n        low      "),
				low_wmark_pages(zone));
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n        high     "),
				high_wmark_pages(zone));
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n        promo    "),
				wmark_pages(zone, WMARK_PROMO));
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n        spanned  "),
				zone->spanned_pages);
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n        present  "),
				zone->present_pages);
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n        managed  "),
				zone_managed_pages(zone));
		n = snprintf(prot, sizeof(prot), "\n        protection: (%ld",
			     zone->lowmem_reserve[0]);
		for (j = 1; j < MAX_NR_ZONES; j++)
			n += snprintf(prot + n, sizeof(prot) - n, ", %ld", zone->lowmem_reserve[j]);
		snprintf(prot + n, sizeof(prot) - n, ")\n");
		KUNIT_EXPECT_TRUE_MSG(test, strstr(s, prot) && strstr(s, prot) < e, "%s", prot);
		if (!populated_zone(zone)) {
			/* The protection line ends an empty zone's block. */
			KUNIT_EXPECT_PTR_EQ(test, strstr(s, prot) + strlen(prot), e);
			continue;
		}
		for (j = 0; j < NR_VM_ZONE_STAT_ITEMS; j++) {
			char key[64];

			snprintf(key, sizeof(key), "\n      %-12s ", vm_zone_stat_names[j]);
			KUNIT_EXPECT_EQ(test, zi_value(test, s, e, key), zone_page_state(zone, j));
		}
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n  pagesets\n    cpu: "), 0UL);
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n              high:  "),
				(unsigned long)zone->pcp_high);
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n              batch: "),
				(unsigned long)zone->pcp_batch);
		zi_value(test, s, e, "\n  vm stats threshold: ");
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n  node_unreclaimable:  "),
				(unsigned long)(READ_ONCE(pgdat->kswapd_failures) >=
						MAX_RECLAIM_RETRIES));
		KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n  start_pfn:           "),
				zone->zone_start_pfn);
	}
}

/* The pageset count shows pages on per-thread lists, and 0 once they are drained. */
static void zoneinfo_pageset_count(struct kunit *test)
{
	char header[64], *s, *e;
	struct page *page;
	struct zone *zone;

	vmstat_settle();
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	zone = page_zone(page);
	__free_page(page);

	s = read_proc(test, "/proc/zoneinfo");
	snprintf(header, sizeof(header), "Node 0, zone %8s\n", zone->name);
	s = strstr(s, header);
	KUNIT_ASSERT_NOT_NULL(test, s);
	e = strstr(s + 1, "Node 0, zone ");
	KUNIT_EXPECT_GE(test, zi_value(test, s, e, "\n              count: "), 1UL);

	page_alloc_drain_all();
	s = read_proc(test, "/proc/zoneinfo");
	s = strstr(s, header);
	KUNIT_ASSERT_NOT_NULL(test, s);
	e = strstr(s + 1, "Node 0, zone ");
	KUNIT_EXPECT_EQ(test, zi_value(test, s, e, "\n              count: "), 0UL);
}

static struct kunit_case vmstat_proc_test_cases[] = {
	KUNIT_CASE(vmstat_format_and_order),
	KUNIT_CASE(vmstat_values),
	KUNIT_CASE(buddyinfo_matches_zones),
	KUNIT_CASE_PARAM(vmstat_counters_follow_allocations, alloc_order_gen_params),
	KUNIT_CASE(pagetypeinfo_tables),
	KUNIT_CASE(zoneinfo_zones),
	KUNIT_CASE(zoneinfo_pageset_count),
	{}
};

static struct kunit_suite vmstat_proc_test_suite = {
	.name = "vmstat_proc",
	.suite_init = vmstat_suite_init,
	.init = vmstat_case_init,
	.exit = vmstat_case_exit,
	.test_cases = vmstat_proc_test_cases,
};
kunit_test_suite(vmstat_proc_test_suite);
