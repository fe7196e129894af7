/* SPDX-License-Identifier: MIT */
/*
 * Memory counters: per-zone and per-node page counts (atomics) and VM events. Events are
 * counted per thread without atomics (the kernel counts them per CPU) and summed when read;
 * a thread's counts are folded into a global total when it exits.
 */
#ifndef _LINUX_VMSTAT_H
#define _LINUX_VMSTAT_H

#include <linux/types.h>
#include <linux/mmzone.h>
#include <linux/atomic.h>

enum vm_event_item {
	PGPGIN, PGPGOUT, PSWPIN, PSWPOUT,
	PGALLOC_DMA, PGALLOC_DMA32, PGALLOC_NORMAL, PGALLOC_MOVABLE,
	ALLOCSTALL_DMA, ALLOCSTALL_DMA32, ALLOCSTALL_NORMAL, ALLOCSTALL_MOVABLE,
	PGSCAN_SKIP_DMA, PGSCAN_SKIP_DMA32, PGSCAN_SKIP_NORMAL, PGSCAN_SKIP_MOVABLE,
	PGFREE, PGACTIVATE, PGDEACTIVATE, PGLAZYFREE,
	PGFAULT, PGMAJFAULT,
	PGLAZYFREED,
	PGREFILL,
	PGREUSE,
	PGSTEAL_KSWAPD,
	PGSTEAL_DIRECT,
	PGSTEAL_KHUGEPAGED,
	PGSCAN_KSWAPD,
	PGSCAN_DIRECT,
	PGSCAN_KHUGEPAGED,
	PGSCAN_DIRECT_THROTTLE,
	PGSCAN_ANON,
	PGSCAN_FILE,
	PGSTEAL_ANON,
	PGSTEAL_FILE,
	PGINODESTEAL, SLABS_SCANNED, KSWAPD_INODESTEAL,
	KSWAPD_LOW_WMARK_HIT_QUICKLY, KSWAPD_HIGH_WMARK_HIT_QUICKLY,
	PAGEOUTRUN, PGROTATED,
	DROP_PAGECACHE, DROP_SLAB,
	OOM_KILL,
	NR_VM_EVENT_ITEMS
};

/* Names as /proc/vmstat prints them, in enum order. */
extern const char * const vm_zone_stat_names[NR_VM_ZONE_STAT_ITEMS];
extern const char * const vm_node_stat_names[NR_VM_NODE_STAT_ITEMS];
extern const char * const vm_event_names[NR_VM_EVENT_ITEMS];

/* The calling thread's event counters (mm/vmstat.c), created on first use. */
extern __thread unsigned long *krt_vm_events_tls __attribute__((tls_model("initial-exec")));
unsigned long *krt_vm_events_alloc(void);

static __always_inline unsigned long *krt_vm_events_this_thread(void)
{
	unsigned long *ev = krt_vm_events_tls;

	if (unlikely(!ev))
		ev = krt_vm_events_alloc();
	return ev;
}

static inline void count_vm_events(enum vm_event_item item, long delta)
{
	unsigned long *ev = krt_vm_events_this_thread();

	/* Only this thread writes; readers sum with relaxed loads. */
	__atomic_store_n(&ev[item], ev[item] + delta, __ATOMIC_RELAXED);
}

static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}

#define __count_vm_events(item, delta)	count_vm_events(item, delta)
#define __count_vm_event(item)		count_vm_event(item)
#define __count_zid_vm_events(item, zid, delta)	count_vm_events(item##_NORMAL - ZONE_NORMAL + (zid), delta)
#define count_zid_vm_events(item, zid, delta)	__count_zid_vm_events(item, zid, delta)

/* all_vm_events - sum every thread's event counters into @ret (NR_VM_EVENT_ITEMS entries) */
void all_vm_events(unsigned long *ret);
/* krt_vm_event_read - the current total of one event */
unsigned long krt_vm_event_read(enum vm_event_item item);

extern atomic_long_t vm_zone_stat[NR_VM_ZONE_STAT_ITEMS];
extern atomic_long_t vm_node_stat[NR_VM_NODE_STAT_ITEMS];

static inline unsigned long global_zone_page_state(enum zone_stat_item item)
{
	long x = atomic_long_read(&vm_zone_stat[item]);

	return x < 0 ? 0 : x;
}

static inline unsigned long global_node_page_state(enum node_stat_item item)
{
	long x = atomic_long_read(&vm_node_stat[item]);

	return x < 0 ? 0 : x;
}

static inline unsigned long global_node_page_state_pages(enum node_stat_item item)
{
	unsigned long x = global_node_page_state(item);

	if (item == NR_SLAB_RECLAIMABLE_B || item == NR_SLAB_UNRECLAIMABLE_B)
		x >>= PAGE_SHIFT;
	return x;
}

static inline unsigned long zone_page_state(struct zone *zone, enum zone_stat_item item)
{
	long x = atomic_long_read(&zone->vm_stat[item]);

	return x < 0 ? 0 : x;
}

#define zone_page_state_snapshot(zone, item)	zone_page_state(zone, item)

static inline unsigned long node_page_state(struct pglist_data *pgdat,
					    enum node_stat_item item)
{
	long x = atomic_long_read(&pgdat->vm_stat[item]);

	return x < 0 ? 0 : x;
}

static inline void mod_zone_page_state(struct zone *zone, enum zone_stat_item item, long delta)
{
	atomic_long_add(delta, &zone->vm_stat[item]);
	atomic_long_add(delta, &vm_zone_stat[item]);
}

static inline void mod_node_page_state(struct pglist_data *pgdat, enum node_stat_item item,
				       long delta)
{
	atomic_long_add(delta, &pgdat->vm_stat[item]);
	atomic_long_add(delta, &vm_node_stat[item]);
}

#define __mod_zone_page_state		mod_zone_page_state
#define __mod_node_page_state		mod_node_page_state
#define inc_zone_page_state(p, i)	mod_zone_page_state(page_zone(p), i, 1)
#define dec_zone_page_state(p, i)	mod_zone_page_state(page_zone(p), i, -1)
#define mod_lruvec_page_state(p, i, d)	mod_node_page_state(&contig_page_data, i, d)
#define __mod_lruvec_page_state		mod_lruvec_page_state

static inline void __mod_zone_freepage_state(struct zone *zone, int nr_pages, int migratetype)
{
	mod_zone_page_state(zone, NR_FREE_PAGES, nr_pages);
}

#endif /* _LINUX_VMSTAT_H */
