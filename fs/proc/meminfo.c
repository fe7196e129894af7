// SPDX-License-Identifier: MIT
/*
 * /proc/meminfo: every line Linux 6.12 prints on x86-64 (Debian's configuration: zswap,
 * memory-failure, THP, unaccepted memory and hugetlbfs on, CMA off), in its order and format.
 * Values come from krt's counters; what krt does not have (swap, page cache, huge pages,
 * per-cpu areas...) reads 0, as on a kernel where nothing uses it. Documentation/proc.md lists
 * the lines that are always 0 and why.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/vmalloc.h>
#include <linux/seq_file.h>
#include <krt/proc.h>

/* The kernel's defaults: vm.overcommit_ratio, and x86-64's 2 MiB huge page size. */
#define KRT_OVERCOMMIT_RATIO	50
#define KRT_HPAGE_SIZE_KB	2048UL

/* x86-64 with 4-level page tables: VMALLOC_SIZE_TB is 32, VMALLOC_END is inclusive. */

/*
 * si_mem_available - the kernel's estimate of memory available for new allocations
 *
 * Free pages above the reserves (totalreserve_pages: high watermarks plus lowmem_reserve),
 * plus the part of the page cache and of reclaimable kernel memory (reclaimable slab and
 * NR_KERNEL_MISC_RECLAIMABLE) that reclaim could free, each keeping at least half of itself
 * or the sum of the zones' low watermarks. Pages on per-thread lists are not counted, as the
 * kernel does not count per-cpu pages.
 */
static long si_mem_available(void)
{
	unsigned long wmark_low = 0, pagecache, reclaimable;
	struct pglist_data *pgdat = NODE_DATA(0);
	long available;
	int i;

	for (i = 0; i < MAX_NR_ZONES; i++)
		wmark_low += low_wmark_pages(&pgdat->node_zones[i]);

	available = global_zone_page_state(NR_FREE_PAGES) -
		    READ_ONCE(pgdat->totalreserve_pages);

	pagecache = global_node_page_state(NR_ACTIVE_FILE) +
		    global_node_page_state(NR_INACTIVE_FILE);
	pagecache -= min(pagecache / 2, wmark_low);
	available += pagecache;

	reclaimable = global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B) +
		      global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE);
	reclaimable -= min(reclaimable / 2, wmark_low);
	available += reclaimable;

	return available < 0 ? 0 : available;
}

/* One "Label:          %8lu kB" line; @label is already padded to 16 columns. */
static void show_val_kb(struct seq_file *m, const char *label, unsigned long pages)
{
	seq_printf(m, "%s%8lu kB\n", label, pages << (PAGE_SHIFT - 10));
}

static int meminfo_show(struct seq_file *m, void *priv)
{
	unsigned long totalram = totalram_pages();
	unsigned long freeram = global_zone_page_state(NR_FREE_PAGES);
	unsigned long sreclaimable = global_node_page_state_pages(NR_SLAB_RECLAIMABLE_B);
	unsigned long sunreclaim = global_node_page_state_pages(NR_SLAB_UNRECLAIMABLE_B);
	unsigned long active_anon = global_node_page_state(NR_ACTIVE_ANON);
	unsigned long inactive_anon = global_node_page_state(NR_INACTIVE_ANON);
	unsigned long active_file = global_node_page_state(NR_ACTIVE_FILE);
	unsigned long inactive_file = global_node_page_state(NR_INACTIVE_FILE);
	/* No block devices, no swap: the page cache is all of NR_FILE_PAGES. */
	unsigned long cached = global_node_page_state(NR_FILE_PAGES);
	long available = si_mem_available();

	show_val_kb(m, "MemTotal:       ", totalram);
	show_val_kb(m, "MemFree:        ", freeram);
	show_val_kb(m, "MemAvailable:   ", available);
	show_val_kb(m, "Buffers:        ", 0);
	show_val_kb(m, "Cached:         ", cached);
	show_val_kb(m, "SwapCached:     ", 0);
	show_val_kb(m, "Active:         ", active_anon + active_file);
	show_val_kb(m, "Inactive:       ", inactive_anon + inactive_file);
	show_val_kb(m, "Active(anon):   ", active_anon);
	show_val_kb(m, "Inactive(anon): ", inactive_anon);
	show_val_kb(m, "Active(file):   ", active_file);
	show_val_kb(m, "Inactive(file): ", inactive_file);
	show_val_kb(m, "Unevictable:    ", global_node_page_state(NR_UNEVICTABLE));
	show_val_kb(m, "Mlocked:        ", global_zone_page_state(NR_MLOCK));
	show_val_kb(m, "SwapTotal:      ", 0);
	show_val_kb(m, "SwapFree:       ", 0);
	show_val_kb(m, "Zswap:          ", 0);
	show_val_kb(m, "Zswapped:       ", 0);
	show_val_kb(m, "Dirty:          ", global_node_page_state(NR_FILE_DIRTY));
	show_val_kb(m, "Writeback:      ", global_node_page_state(NR_WRITEBACK));
	show_val_kb(m, "AnonPages:      ", global_node_page_state(NR_ANON_MAPPED));
	show_val_kb(m, "Mapped:         ", global_node_page_state(NR_FILE_MAPPED));
	show_val_kb(m, "Shmem:          ", global_node_page_state(NR_SHMEM));
	show_val_kb(m, "KReclaimable:   ", sreclaimable +
		    global_node_page_state(NR_KERNEL_MISC_RECLAIMABLE));
	show_val_kb(m, "Slab:           ", sreclaimable + sunreclaim);
	show_val_kb(m, "SReclaimable:   ", sreclaimable);
	show_val_kb(m, "SUnreclaim:     ", sunreclaim);
	/* Already in kB. */
	seq_printf(m, "KernelStack:    %8lu kB\n", global_node_page_state(NR_KERNEL_STACK_KB));
	show_val_kb(m, "PageTables:     ", global_node_page_state(NR_PAGETABLE));
	show_val_kb(m, "SecPageTables:  ", 0);
	show_val_kb(m, "NFS_Unstable:   ", 0);
	show_val_kb(m, "Bounce:         ", global_zone_page_state(NR_BOUNCE));
	show_val_kb(m, "WritebackTmp:   ", 0);
	show_val_kb(m, "CommitLimit:    ", totalram * KRT_OVERCOMMIT_RATIO / 100);
	show_val_kb(m, "Committed_AS:   ", 0);
	seq_printf(m, "VmallocTotal:   %8lu kB\n", (unsigned long)VMALLOC_TOTAL >> 10);
	show_val_kb(m, "VmallocUsed:    ", vmalloc_nr_pages());
	show_val_kb(m, "VmallocChunk:   ", 0);
	show_val_kb(m, "Percpu:         ", 0);
	seq_printf(m, "HardwareCorrupted: %5lu kB\n", 0UL);
	show_val_kb(m, "AnonHugePages:  ", 0);
	show_val_kb(m, "ShmemHugePages: ", 0);
	show_val_kb(m, "ShmemPmdMapped: ", 0);
	show_val_kb(m, "FileHugePages:  ", 0);
	show_val_kb(m, "FilePmdMapped:  ", 0);
	show_val_kb(m, "Unaccepted:     ", 0);
	seq_printf(m,
		   "HugePages_Total:   %5lu\n"
		   "HugePages_Free:    %5lu\n"
		   "HugePages_Rsvd:    %5lu\n"
		   "HugePages_Surp:    %5lu\n"
		   "Hugepagesize:   %8lu kB\n",
		   0UL, 0UL, 0UL, 0UL, KRT_HPAGE_SIZE_KB);
	seq_printf(m, "Hugetlb:        %8lu kB\n", 0UL);
	/* The direct map is the arena, mapped by the host with base pages. */
	seq_printf(m, "DirectMap4k:    %8lu kB\n", krt_direct_map_size >> 10);
	seq_printf(m, "DirectMap2M:    %8lu kB\n", 0UL);
	seq_printf(m, "DirectMap1G:    %8lu kB\n", 0UL);
	return 0;
}

static const struct krt_proc_ops meminfo_ops = {
	.show = meminfo_show,
};

static int __init proc_meminfo_init(void)
{
	struct krt_proc_entry *e = krt_proc_create("/proc/meminfo", &meminfo_ops, NULL);

	return PTR_ERR_OR_ZERO(e);
}
fs_initcall(proc_meminfo_init);
