// SPDX-License-Identifier: MIT
/*
 * VM counters: the global zone and node page counts and the per-thread event counters, with
 * the names /proc/vmstat prints them under (Linux's names, in Linux's order).
 */
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/spinlock.h>
#include <linux/init.h>

#include "arch/host/host.h"
#include "mm/internal.h"

atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
atomic_long_t vm_node_stat[NR_VM_NODE_STAT_ITEMS];

const char * const vm_zone_stat_names[NR_VM_ZONE_STAT_ITEMS] = {
	"nr_free_pages",
	"nr_zone_inactive_anon",
	"nr_zone_active_anon",
	"nr_zone_inactive_file",
	"nr_zone_active_file",
	"nr_zone_unevictable",
	"nr_zone_write_pending",
	"nr_mlock",
	"nr_bounce",
	"nr_free_cma",
};

const char * const vm_node_stat_names[NR_VM_NODE_STAT_ITEMS] = {
	"nr_inactive_anon",
	"nr_active_anon",
	"nr_inactive_file",
	"nr_active_file",
	"nr_unevictable",
	"nr_slab_reclaimable",
	"nr_slab_unreclaimable",
	"nr_isolated_anon",
	"nr_isolated_file",
	"nr_anon_pages",
	"nr_mapped",
	"nr_file_pages",
	"nr_dirty",
	"nr_writeback",
	"nr_shmem",
	"nr_kernel_stack",
	"nr_page_table_pages",
	"nr_kernel_misc_reclaimable",
	"nr_foll_pin_acquired",
	"nr_foll_pin_released",
};

const char * const vm_event_names[NR_VM_EVENT_ITEMS] = {
	"pgpgin", "pgpgout", "pswpin", "pswpout",
	"pgalloc_dma", "pgalloc_dma32", "pgalloc_normal", "pgalloc_movable",
	"allocstall_dma", "allocstall_dma32", "allocstall_normal", "allocstall_movable",
	"pgskip_dma", "pgskip_dma32", "pgskip_normal", "pgskip_movable",
	"pgfree", "pgactivate", "pgdeactivate", "pglazyfree",
	"pgfault", "pgmajfault",
	"pglazyfreed",
	"pgrefill",
	"pgreuse",
	"pgsteal_kswapd",
	"pgsteal_direct",
	"pgsteal_khugepaged",
	"pgscan_kswapd",
	"pgscan_direct",
	"pgscan_khugepaged",
	"pgscan_direct_throttle",
	"pgscan_anon",
	"pgscan_file",
	"pgsteal_anon",
	"pgsteal_file",
	"pginodesteal", "slabs_scanned", "kswapd_inodesteal",
	"kswapd_low_wmark_hit_quickly", "kswapd_high_wmark_hit_quickly",
	"pageoutrun", "pgrotated",
	"drop_pagecache", "drop_slab",
	"oom_kill",
};

struct vm_event_block {
	unsigned long events[NR_VM_EVENT_ITEMS];
	struct list_head node;
};

__thread unsigned long *krt_vm_events_tls __attribute__((tls_model("initial-exec")));
static __thread struct vm_event_block *this_block;
static LIST_HEAD(event_blocks);
static DEFINE_SPINLOCK(event_blocks_lock);
/* Events of threads that have exited. */
static atomic_long_t dead_events[NR_VM_EVENT_ITEMS];

/* Set once the thread's counters were folded into dead_events at its exit. */
static __thread bool events_gone;

/**
 * krt_vm_events_alloc - give the calling thread its event counters (first count_vm_event())
 *
 * Return: the counters. Without host memory, or after the thread's exit, the events are lost
 * into a shared sink.
 */
unsigned long *krt_vm_events_alloc(void)
{
	static unsigned long sink[NR_VM_EVENT_ITEMS];
	struct vm_event_block *b;

	/* Counted after the thread's exit: into the shared sink (lost), not a new block. */
	if (events_gone)
		return sink;
	b = host_zalloc(sizeof(*b));
	if (!b)
		return sink;
	spin_lock(&event_blocks_lock);
	list_add(&b->node, &event_blocks);
	spin_unlock(&event_blocks_lock);
	this_block = b;
	krt_vm_events_tls = b->events;
	return b->events;
}

/**
 * krt_vm_events_thread_exit - fold the exiting thread's events into the global totals
 */
void krt_vm_events_thread_exit(void)
{
	struct vm_event_block *b = this_block;
	int i;

	if (!b)
		return;
	spin_lock(&event_blocks_lock);
	list_del(&b->node);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		atomic_long_add(b->events[i], &dead_events[i]);
	spin_unlock(&event_blocks_lock);
	this_block = NULL;
	krt_vm_events_tls = NULL;
	events_gone = true;
	host_free(b);
}

/**
 * all_vm_events - the totals of every event over all threads, past and present
 * @ret: NR_VM_EVENT_ITEMS counters to fill
 */
void all_vm_events(unsigned long *ret)
{
	struct vm_event_block *b;
	int i;

	spin_lock(&event_blocks_lock);
	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		ret[i] = atomic_long_read(&dead_events[i]);
	list_for_each_entry(b, &event_blocks, node)
		for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
			ret[i] += __atomic_load_n(&b->events[i], __ATOMIC_RELAXED);
	spin_unlock(&event_blocks_lock);
}

/**
 * krt_vm_event_read - the total of one event
 * @item: the event
 */
unsigned long krt_vm_event_read(enum vm_event_item item)
{
	unsigned long ev[NR_VM_EVENT_ITEMS];

	all_vm_events(ev);
	return ev[item];
}
