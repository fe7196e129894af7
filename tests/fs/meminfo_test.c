// SPDX-License-Identifier: MIT
/*
 * /proc/meminfo: every line of Linux 6.12 (x86-64) in its order and format, values that agree
 * with the counters, and MemFree following allocations and frees.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/kstrtox.h>
#include <linux/vmalloc.h>
#include <krt/mm.h>
#include <krt/proc.h>

#include "tests/mm/vmstat_test_helpers.h"

#define MEMINFO_SIZE	8192

/* The labels Linux 6.12 prints on x86-64 (Debian's configuration), in order. */
static const char * const meminfo_labels[] = {
	"MemTotal", "MemFree", "MemAvailable", "Buffers", "Cached", "SwapCached",
	"Active", "Inactive", "Active(anon)", "Inactive(anon)", "Active(file)",
	"Inactive(file)", "Unevictable", "Mlocked", "SwapTotal", "SwapFree", "Zswap",
	"Zswapped", "Dirty", "Writeback", "AnonPages", "Mapped", "Shmem", "KReclaimable",
	"Slab", "SReclaimable", "SUnreclaim", "KernelStack", "PageTables", "SecPageTables",
	"NFS_Unstable", "Bounce", "WritebackTmp", "CommitLimit", "Committed_AS",
	"VmallocTotal", "VmallocUsed", "VmallocChunk", "Percpu", "HardwareCorrupted",
	"AnonHugePages", "ShmemHugePages", "ShmemPmdMapped", "FileHugePages", "FilePmdMapped",
	"Unaccepted", "HugePages_Total", "HugePages_Free", "HugePages_Rsvd", "HugePages_Surp",
	"Hugepagesize", "Hugetlb", "DirectMap4k", "DirectMap2M", "DirectMap1G",
};

static char *read_meminfo(struct kunit *test)
{
	char *buf = kunit_kzalloc(test, MEMINFO_SIZE, GFP_KERNEL);
	ssize_t n;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	n = krt_proc_read("/proc/meminfo", buf, MEMINFO_SIZE);
	KUNIT_ASSERT_GT(test, n, 0);
	KUNIT_ASSERT_LT(test, n, MEMINFO_SIZE - 1);
	return buf;
}

/* The value of "@label:" in @text (kB, or a count for HugePages_*); fails the case if absent. */
static unsigned long meminfo_value(struct kunit *test, const char *text, const char *label)
{
	size_t len = strlen(label);
	const char *p = text;

	while (p && *p) {
		if (!strncmp(p, label, len) && p[len] == ':') {
			p += len + 1;
			while (*p == ' ')
				p++;
			return simple_strtoul(p, NULL, 10);
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	KUNIT_FAIL(test, "no %s line", label);
	return 0;
}

/* Every line is "Label:<spaces><value>[ kB]", as the kernel formats it, in the kernel's order. */
static void meminfo_format(struct kunit *test)
{
	char *buf = read_meminfo(test), *s = buf, *line;
	unsigned int i = 0;

	while ((line = strsep(&s, "\n")) && *line) {
		char expect[64], *colon = strchr(line, ':');
		unsigned long v;

		KUNIT_ASSERT_NOT_NULL_MSG(test, colon, "line %u: %s", i, line);
		KUNIT_ASSERT_LT_MSG(test, i, ARRAY_SIZE(meminfo_labels), "extra line %s", line);
		*colon = '\0';
		KUNIT_EXPECT_STREQ(test, line, meminfo_labels[i]);
		v = simple_strtoul(colon + 1 + strspn(colon + 1, " "), NULL, 10);
		/* Rebuild the line with the kernel's formats and compare byte for byte. */
		if (!strncmp(line, "HugePages_", 10))
			snprintf(expect, sizeof(expect), "%*s%5lu",
				 (int)(18 - strlen(line)), "", v);
		else if (!strcmp(line, "HardwareCorrupted"))
			snprintf(expect, sizeof(expect), " %5lu kB", v);
		else
			snprintf(expect, sizeof(expect), "%*s%8lu kB",
				 (int)(15 - strlen(line)), "", v);
		KUNIT_EXPECT_STREQ_MSG(test, colon + 1, expect, "line %s", line);
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, ARRAY_SIZE(meminfo_labels));
}

/* The values agree with krt's counters and with each other. */
static void meminfo_values(struct kunit *test)
{
	unsigned long total, free, avail;
	char *buf;

	vmstat_settle();
	buf = read_meminfo(test);
	total = meminfo_value(test, buf, "MemTotal");
	free = meminfo_value(test, buf, "MemFree");
	avail = meminfo_value(test, buf, "MemAvailable");

	KUNIT_EXPECT_EQ(test, total, totalram_pages() << (PAGE_SHIFT - 10));
	KUNIT_EXPECT_EQ(test, free, nr_free_pages() << (PAGE_SHIFT - 10));
	KUNIT_EXPECT_LE(test, free, total);
	/* Free memory above the reserves, plus reclaimable memory krt does not have (yet). */
	KUNIT_EXPECT_GT(test, avail, 0);
	KUNIT_EXPECT_LE(test, avail, free + meminfo_value(test, buf, "KReclaimable") +
			meminfo_value(test, buf, "Active(file)") +
			meminfo_value(test, buf, "Inactive(file)"));
	KUNIT_EXPECT_EQ(test, meminfo_value(test, buf, "Slab"),
			meminfo_value(test, buf, "SReclaimable") +
			meminfo_value(test, buf, "SUnreclaim"));
	KUNIT_EXPECT_EQ(test, meminfo_value(test, buf, "Active"),
			meminfo_value(test, buf, "Active(anon)") +
			meminfo_value(test, buf, "Active(file)"));
	KUNIT_EXPECT_EQ(test, meminfo_value(test, buf, "Inactive"),
			meminfo_value(test, buf, "Inactive(anon)") +
			meminfo_value(test, buf, "Inactive(file)"));
	/* vm.overcommit_ratio 50, no swap */
	KUNIT_EXPECT_EQ(test, meminfo_value(test, buf, "CommitLimit"),
			(totalram_pages() / 2) << (PAGE_SHIFT - 10));
	/* The reserved vmalloc range (vmalloc=, 64 GiB by default). */
	KUNIT_EXPECT_EQ(test, meminfo_value(test, buf, "VmallocTotal"),
			(unsigned long)(VMALLOC_TOTAL >> 10));
	KUNIT_EXPECT_EQ(test, meminfo_value(test, buf, "Hugepagesize"), 2048UL);
	KUNIT_EXPECT_EQ(test, meminfo_value(test, buf, "DirectMap4k"), krt_direct_map_size >> 10);
	KUNIT_EXPECT_EQ(test, meminfo_value(test, buf, "SwapTotal"), 0UL);
}

static const unsigned int alloc_orders[] = { 0, 3, 4, 9 };

static void order_desc(const unsigned int *order, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "order %u", *order);
}

KUNIT_ARRAY_PARAM(alloc_order, alloc_orders, order_desc);

/* MemFree drops by the allocation and comes back when it is freed (per-thread lists drained). */
static void meminfo_memfree_follows_allocations(struct kunit *test)
{
	unsigned int order = *(const unsigned int *)test->param_value;
	unsigned long kb = (PAGE_SIZE << order) >> 10;
	unsigned long before, during, after;
	struct page *page;

	vmstat_settle();
	before = meminfo_value(test, read_meminfo(test), "MemFree");
	page = alloc_pages(GFP_KERNEL, order);
	KUNIT_ASSERT_NOT_NULL(test, page);
	vmstat_settle();
	during = meminfo_value(test, read_meminfo(test), "MemFree");
	__free_pages(page, order);
	vmstat_settle();
	after = meminfo_value(test, read_meminfo(test), "MemFree");

	KUNIT_EXPECT_EQ(test, before - during, kb);
	KUNIT_EXPECT_EQ(test, after, before);
}

/* The kernel's MemFree leaves out pages on per-cpu lists: krt's per-thread lists likewise. */
static void meminfo_memfree_excludes_thread_lists(struct kunit *test)
{
	unsigned long before, during;
	struct page *page;

	vmstat_settle();
	before = meminfo_value(test, read_meminfo(test), "MemFree");
	page = alloc_page(GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, page);
	__free_page(page);
	/* The page, and the batch that came with it, sit on this thread's list. */
	during = meminfo_value(test, read_meminfo(test), "MemFree");
	KUNIT_EXPECT_LT(test, during, before);
	page_alloc_drain_all();
	KUNIT_EXPECT_EQ(test, meminfo_value(test, read_meminfo(test), "MemFree"), before);
}

static struct kunit_case meminfo_test_cases[] = {
	KUNIT_CASE(meminfo_format),
	KUNIT_CASE(meminfo_values),
	KUNIT_CASE_PARAM(meminfo_memfree_follows_allocations, alloc_order_gen_params),
	KUNIT_CASE(meminfo_memfree_excludes_thread_lists),
	{}
};

static struct kunit_suite meminfo_test_suite = {
	.name = "meminfo",
	.suite_init = vmstat_suite_init,
	.init = vmstat_case_init,
	.exit = vmstat_case_exit,
	.test_cases = meminfo_test_cases,
};
kunit_test_suite(meminfo_test_suite);
