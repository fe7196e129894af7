// SPDX-License-Identifier: MIT
/*
 * show_mem(): the state of physical memory as the kernel prints it in OOM and allocation
 * failure reports ("Mem-Info:", a line per zone, lowmem_reserve, free blocks per order).
 */
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/spinlock.h>

#include "arch/host/host.h"
#include <krt/mm.h>

#include "mm/internal.h"
#include "mm/page_alloc.h"

#define K(x) ((x) << (PAGE_SHIFT - 10))

static void show_migration_types(char *buf, size_t size, unsigned char types)
{
	static const char symbols[MIGRATE_TYPES] = { 'U', 'M', 'E', 'H' };
	size_t n = 0;
	int i;

	buf[n++] = '(';
	for (i = 0; i < MIGRATE_TYPES && n < size - 2; i++)
		if (types & (1 << i))
			buf[n++] = symbols[i];
	buf[n++] = ')';
	buf[n] = '\0';
}

/* One "Node 0 <zone>: N*4kB (UM) ... = XkB" line, counted under the zone lock. */
static void show_zone_orders(struct zone *zone)
{
	unsigned long nr[NR_PAGE_ORDERS], total = 0;
	unsigned char types[NR_PAGE_ORDERS];
	char line[512], mt[8];
	unsigned int order, t;
	int n;

	spin_lock(&zone->lock);
	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		struct free_area *area = &zone->free_area[order];

		nr[order] = area->nr_free;
		total += nr[order] << order;
		types[order] = 0;
		for (t = 0; t < MIGRATE_TYPES; t++)
			if (!list_empty(&area->free_list[t]))
				types[order] |= 1 << t;
	}
	spin_unlock(&zone->lock);

	n = scnprintf(line, sizeof(line), "Node 0 %s: ", zone->name);
	for (order = 0; order < NR_PAGE_ORDERS; order++) {
		n += scnprintf(line + n, sizeof(line) - n, "%lu*%lukB ", nr[order],
			       K(1UL) << order);
		if (nr[order]) {
			show_migration_types(mt, sizeof(mt), types[order]);
			n += scnprintf(line + n, sizeof(line) - n, "%s ", mt);
		}
	}
	pr_info("%s= %lukB\n", line, K(total));
}

/**
 * __show_mem - print the state of physical memory
 * @flags: SHOW_MEM_* (unused: krt has one node)
 * @nodemask: unused
 * @max_zone_idx: zones above this one are left out
 */
void __show_mem(unsigned int flags, nodemask_t *nodemask, int max_zone_idx)
{
	unsigned long free_pcp = 0, reserved = 0;
	struct zone *zone;

	for_each_populated_zone(zone)
		free_pcp += krt_pcp_free_pages(zone);

	pr_info("Mem-Info:\n");
	pr_info("active_anon:%lu inactive_anon:%lu isolated_anon:%lu\n"
		" active_file:%lu inactive_file:%lu isolated_file:%lu\n"
		" unevictable:%lu dirty:%lu writeback:%lu\n"
		" slab_reclaimable:%lu slab_unreclaimable:%lu\n"
		" mapped:%lu shmem:%lu pagetables:%lu\n"
		" sec_pagetables:0 bounce:%lu\n"
		" kernel_misc_reclaimable:%lu\n"
		" free:%lu free_pcp:%lu free_cma:0\n",
		global_node_page_state(NR_ACTIVE_ANON), global_node_page_state(NR_INACTIVE_ANON),
		global_node_page_state(NR_ISOLATED_ANON), global_node_page_state(NR_ACTIVE_FILE),
		global_node_page_state(NR_INACTIVE_FILE), global_node_page_state(NR_ISOLATED_FILE),
		global_node_page_state(NR_UNEVICTABLE), global_node_page_state(NR_FILE_DIRTY),
		global_node_page_state(NR_WRITEBACK),
		global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B),
		global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B),
		global_node_page_state(NR_FILE_MAPPED), global_node_page_state(NR_SHMEM),
		global_node_page_state(NR_PAGETABLE), global_zone_page_state(NR_BOUNCE),
		global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE),
		global_zone_page_state(NR_FREE_PAGES), free_pcp);

	for_each_populated_zone(zone) {
		int i;
		char line[128];
		int n = 0;

		if (zone_idx(zone) > max_zone_idx)
			continue;
		pr_info("Node 0 %s free:%lukB boost:%lukB min:%lukB low:%lukB high:%lukB "
			"reserved_highatomic:%luKB present:%lukB managed:%lukB free_pcp:%lukB\n",
			zone->name, K(zone_page_state(zone, NR_FREE_PAGES)),
			K(zone->watermark_boost), K(min_wmark_pages(zone)),
			K(low_wmark_pages(zone)), K(high_wmark_pages(zone)),
			K(zone->nr_reserved_highatomic), K(zone->present_pages),
			K(zone_managed_pages(zone)), K(krt_pcp_free_pages(zone)));
		for (i = 0; i < MAX_NR_ZONES; i++)
			n += scnprintf(line + n, sizeof(line) - n, " %ld", zone->lowmem_reserve[i]);
		pr_info("lowmem_reserve[]:%s\n", line);
	}
	for_each_populated_zone(zone)
		if (zone_idx(zone) <= max_zone_idx)
			show_zone_orders(zone);
	for_each_populated_zone(zone)
		reserved += zone->present_pages - zone_managed_pages(zone);
	pr_info("%lu pages RAM\n", max_pfn);
	pr_info("%lu pages reserved\n", reserved);
}

/**
 * krt_rss_bytes - the process's resident set in bytes
 *
 * Return: the host's figure, 0 if unknown.
 */
u64 krt_rss_bytes(void)
{
	return host_rss_bytes();
}
