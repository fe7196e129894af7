// SPDX-License-Identifier: MIT
/*
 * What vmalloc tells Valgrind memcheck (<linux/kasan.h>): every vmalloc area is a heap block of
 * the size asked for, so an overrun into the rest of its last page is reported with the area's
 * allocation stack. (A leaked area is not memcheck's to find: krt's own records of the area
 * point at it. The per-test leak checker counts areas instead.) Run under memcheck by
 * scripts/check-valgrind.sh, one mode per run.
 *
 *   vmalloc-block overflow  write one byte past vmalloc(5000), inside the area's second page:
 *                           one "Invalid write of size 1" in write_past_vmalloc(), 0 bytes after
 *                           a block of size 5,000
 *   vmalloc-block clean     vmalloc/vzalloc, writes and reads through both mappings, vrealloc
 *                           in place and moved, kvmalloc on both paths, vmap of pages, vfree:
 *                           nothing reported, no leak
 *
 * Not part of krt-tests (the Makefile leaves tests/valgrind/ out).
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <krt/boot.h>

#include <stdio.h>
#include <string.h>

/* Where values read go, so that the compiler keeps the reads. */
static volatile unsigned long sink;

static noinline __attribute__((noipa)) void write_past_vmalloc(char *p, size_t size)
{
	OPTIMIZER_HIDE_VAR(size);
	p[size] = 1;
}

static int mode_overflow(void)
{
	char *p = vmalloc(5000);

	if (!p)
		return 1;
	memset(p, 0, 5000);
	write_past_vmalloc(p, 5000);
	vfree(p);
	return 0;
}

static int mode_clean(void)
{
	struct page *pages[2];
	char *p = vzalloc(3 * PAGE_SIZE), *q, *k, *v;
	unsigned int i;

	if (!p)
		return 1;
	for (i = 0; i < 3 * PAGE_SIZE; i += 512)
		sink += p[i];
	p[100] = 'x';
	/* The same byte through the direct map. */
	sink += ((char *)page_address(vmalloc_to_page(p)))[100];
	q = vrealloc(p, 3 * PAGE_SIZE - 10, GFP_KERNEL);
	if (!q)
		return 1;
	p = vrealloc(q, 8 * PAGE_SIZE, GFP_KERNEL);
	if (!p)
		return 1;
	sink += p[100];
	memset(p, 2, 8 * PAGE_SIZE);
	vfree(p);

	k = kvmalloc(100000, GFP_KERNEL);
	v = kvmalloc(8 << 20, GFP_KERNEL);
	if (!k || !v)
		return 1;
	memset(k, 3, 100000);
	memset(v, 4, 8 << 20);
	sink += k[99999] + v[(8 << 20) - 1];
	kvfree(k);
	kvfree(v);

	for (i = 0; i < 2; i++) {
		pages[i] = alloc_page(GFP_KERNEL | __GFP_ZERO);
		if (!pages[i])
			return 1;
	}
	v = vmap(pages, 2, VM_MAP, PAGE_KERNEL);
	if (!v)
		return 1;
	v[PAGE_SIZE] = 5;
	sink += v[0] + v[PAGE_SIZE];
	vunmap(v);
	for (i = 0; i < 2; i++)
		__free_page(pages[i]);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	krt_boot(NULL);
	if (!strcmp(mode, "overflow"))
		return mode_overflow();
	if (!strcmp(mode, "clean"))
		return mode_clean();
	fprintf(stderr, "usage: vmalloc-block overflow|clean (run under valgrind)\n");
	return 2;
}
