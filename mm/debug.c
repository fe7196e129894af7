// SPDX-License-Identifier: MIT
/*
 * Names of flag bits for reports (%pGg, %pGp) and dump_page(). Composite names
 * come first, so that "GFP_KERNEL|__GFP_NOWARN" is printed rather than every single bit; the
 * order is the kernel's (include/trace/events/mmflags.h), which decides what a mask prints as.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmdebug.h>
#include <linux/printk.h>

#include "mm/page_alloc.h"

#define gfpflag_string(flag) { (__force unsigned long)(flag), #flag }

const struct trace_print_flags gfpflag_names[] = {
	gfpflag_string(GFP_TRANSHUGE),
	gfpflag_string(GFP_TRANSHUGE_LIGHT),
	gfpflag_string(GFP_HIGHUSER_MOVABLE),
	gfpflag_string(GFP_HIGHUSER),
	gfpflag_string(GFP_USER),
	gfpflag_string(GFP_KERNEL_ACCOUNT),
	gfpflag_string(GFP_KERNEL),
	gfpflag_string(GFP_NOFS),
	gfpflag_string(GFP_ATOMIC),
	gfpflag_string(GFP_NOIO),
	gfpflag_string(GFP_NOWAIT),
	gfpflag_string(GFP_DMA),
	gfpflag_string(__GFP_HIGHMEM),
	gfpflag_string(GFP_DMA32),
	gfpflag_string(__GFP_HIGH),
	gfpflag_string(__GFP_IO),
	gfpflag_string(__GFP_FS),
	gfpflag_string(__GFP_NOWARN),
	gfpflag_string(__GFP_RETRY_MAYFAIL),
	gfpflag_string(__GFP_NOFAIL),
	gfpflag_string(__GFP_NORETRY),
	gfpflag_string(__GFP_COMP),
	gfpflag_string(__GFP_ZERO),
	gfpflag_string(__GFP_NOMEMALLOC),
	gfpflag_string(__GFP_MEMALLOC),
	gfpflag_string(__GFP_HARDWALL),
	gfpflag_string(__GFP_THISNODE),
	gfpflag_string(__GFP_RECLAIMABLE),
	gfpflag_string(__GFP_MOVABLE),
	gfpflag_string(__GFP_ACCOUNT),
	gfpflag_string(__GFP_WRITE),
	gfpflag_string(__GFP_RECLAIM),
	gfpflag_string(__GFP_DIRECT_RECLAIM),
	gfpflag_string(__GFP_KSWAPD_RECLAIM),
	gfpflag_string(__GFP_ZEROTAGS),
	{ 0, NULL }
};

#define pageflag_string(flag) { 1UL << PG_##flag, #flag }

const struct trace_print_flags pageflag_names[] = {
	pageflag_string(locked),
	pageflag_string(waiters),
	pageflag_string(referenced),
	pageflag_string(uptodate),
	pageflag_string(dirty),
	pageflag_string(lru),
	pageflag_string(active),
	pageflag_string(workingset),
	pageflag_string(owner_priv_1),
	pageflag_string(owner_2),
	pageflag_string(arch_1),
	pageflag_string(reserved),
	pageflag_string(private),
	pageflag_string(private_2),
	pageflag_string(writeback),
	pageflag_string(head),
	pageflag_string(reclaim),
	pageflag_string(swapbacked),
	pageflag_string(unevictable),
	pageflag_string(mlocked),
	{ 0, NULL }
};

static const char * const page_type_names[] = {
	[PGTY_buddy - PGTY_buddy] = "buddy",
	[PGTY_offline - PGTY_buddy] = "offline",
	[PGTY_table - PGTY_buddy] = "table",
	[PGTY_guard - PGTY_buddy] = "guard",
	[PGTY_hugetlb - PGTY_buddy] = "hugetlb",
	[PGTY_slab - PGTY_buddy] = "slab",
	[PGTY_zsmalloc - PGTY_buddy] = "zsmalloc",
	[PGTY_unaccepted - PGTY_buddy] = "unaccepted",
	[PGTY_large_kmalloc - PGTY_buddy] = "large_kmalloc",
};

static const char *page_type_name(unsigned int page_type)
{
	unsigned int i = (page_type >> 24) - PGTY_buddy;

	if (i >= ARRAY_SIZE(page_type_names))
		return "unknown";
	return page_type_names[i];
}

static void __dump_folio(struct folio *folio, struct page *page, unsigned long pfn,
			 unsigned long idx)
{
	struct address_space *mapping = folio->mapping;
	unsigned long mapping_bits = (unsigned long)mapping & PAGE_MAPPING_FLAGS;
	bool large = folio_test_large(folio);
	/* krt's allocation record lives in spare flag bits: not part of the kernel's word. */
	unsigned long flags = folio->flags & ~KRT_ALLOC_ORDER_MASK;
	int mapcount = atomic_read(&page->_mapcount) + 1;

	/* A page type in the mapcount word reads as mapcount 0, as in the kernel. */
	if (page_has_type(page))
		mapcount = 0;
	pr_warn("page: refcount:%d mapcount:%d mapping:%p index:%#lx pfn:%#lx\n",
		folio_ref_count(folio), mapcount,
		mapping_bits ? NULL : mapping, folio->index + idx, pfn);
	if (large)
		pr_warn("head: order:%u mapcount:%d entire_mapcount:%d nr_pages_mapped:%d pincount:%d\n",
			folio_order(folio), folio_mapcount(folio),
			atomic_read(&folio->_entire_mapcount) + 1,
			atomic_read(&folio->_nr_pages_mapped), atomic_read(&folio->_pincount));
	if (folio->memcg_data)
		pr_warn("memcg:%lx\n", folio->memcg_data);
	pr_warn("%sflags: %pGp\n",
		mapping_bits == PAGE_MAPPING_KSM ? "ksm " :
		(mapping_bits & PAGE_MAPPING_ANON) ? "anon " : "", &flags);
	if (page_has_type(&folio->page))
		pr_warn("page_type: %x(%s)\n", folio->page.page_type >> 24,
			page_type_name(folio->page.page_type));
	print_hex_dump(KERN_WARNING, "raw: ", DUMP_PREFIX_NONE, 32, sizeof(unsigned long), page,
		       sizeof(struct page), false);
	if (large)
		print_hex_dump(KERN_WARNING, "head: ", DUMP_PREFIX_NONE, 32,
			       sizeof(unsigned long), folio, 2 * sizeof(struct page), false);
}

/**
 * dump_page - print what a struct page holds (spec §5.8)
 * @page: the page
 * @reason: why; printed as "page dumped because: @reason" when not NULL
 *
 * A page that is not in krt's mem_map is named as such instead of being read.
 */
void dump_page(const struct page *page, const char *reason)
{
	unsigned long pfn;
	struct page *p = (struct page *)page;
	struct folio *folio;

	if (!mem_map || page < mem_map || page >= mem_map + max_pfn) {
		pr_warn("page:%p is not a page of krt's physical memory\n", page);
		goto out;
	}
	pfn = page_to_pfn(page);
	folio = page_folio(p);
	if ((struct page *)folio < mem_map || (struct page *)folio > p ||
	    p - &folio->page >= MAX_ORDER_NR_PAGES) {
		pr_warn("page does not match folio\n");
		folio = (struct folio *)p;
	}
	__dump_folio(folio, p, pfn, p - &folio->page);
out:
	if (reason)
		pr_warn("page dumped because: %s\n", reason);
}
