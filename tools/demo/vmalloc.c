// SPDX-License-Identifier: MIT
/*
 * make demo, the vmalloc chapter: an area's pages seen through both of their mappings (the
 * vmalloc address and the direct map), /proc/vmallocinfo and /proc/meminfo, kvmalloc() choosing
 * between kmalloc and vmalloc, a write one byte past an area hitting its guard page (in a child
 * booted with vmalloc_fault_report, so that the kernel's page-fault report is printed), and a
 * bad vfree() reported with the kernel's WARNs. Every number printed is read back from krt.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <linux/kasan.h>
#include <linux/string.h>
#include <krt/boot.h>
#include <krt/printk.h>
#include <krt/proc.h>

#include <stdio.h>
#include <signal.h>
#include <sys/wait.h>

/* host_vmap_calls(): the host mappings vmalloc made, as tools/kunit and bench/ count them. */
#include "arch/host/host.h"

#include "demo.h"

/* Reading files ---------------------------------------------------------------------------- */

static char proc_buf[32768];

/* /proc/meminfo's @field ("VmallocUsed"), in kB; -1 when there is no such line. */
static long meminfo_kb(const char *field)
{
	size_t len = strlen(field);
	char *line;

	if (krt_proc_read("/proc/meminfo", proc_buf, sizeof(proc_buf)) <= 0)
		return -1;
	for (line = proc_buf; line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (!strncmp(line, field, len) && line[len] == ':')
			return simple_strtol(line + len + 1 + strspn(line + len + 1, " "), NULL, 10);
	}
	return -1;
}

/* The area's address range as /proc/vmallocinfo prints it ("0x...-0x..."), once it is found. */
static char area_range[64];

/*
 * Print the line of /proc/vmallocinfo that contains @needle, or say there is none. With @save,
 * remember its first column (the address range) in area_range.
 */
static void show_vmallocinfo(const char *needle, bool save)
{
	char *line, *next;

	if (krt_proc_read("/proc/vmallocinfo", proc_buf, sizeof(proc_buf)) <= 0) {
		printf("   (cannot read /proc/vmallocinfo)\n");
		return;
	}
	for (line = proc_buf; line && *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!strstr(line, needle))
			continue;
		printf("   %s\n", line);
		if (save)
			snprintf(area_range, sizeof(area_range), "%.*s", (int)strcspn(line, " "),
				 line);
		return;
	}
	printf("   (no line with \"%s\")\n", needle);
}

/* An area's pages, through both mappings ----------------------------------------------------- */

#define AREA_SIZE	(3 * PAGE_SIZE + 100)

/* A driver's buffer of three pages and a bit: noinline, so that /proc/vmallocinfo names it. */
static noinline void *demo_alloc_buffer(void)
{
	void *p = vmalloc(AREA_SIZE);

	barrier();
	return p;
}

static char *area_tour(void)
{
	unsigned long calls, runs = 0, prev_pfn = 0;
	long used_before = meminfo_kb("VmallocUsed");
	struct vm_struct *vm;
	char *p, *dm;
	unsigned int i;

	step("vmalloc()", ": %lu bytes (three pages and 100 bytes). vmalloc() takes page frames\n"
	     "  from anywhere in physical memory and maps them at consecutive addresses of the\n"
	     "  vmalloc range, with an unmapped guard page after them. Each page is then reachable\n"
	     "  twice: at its vmalloc address, and at page_address() in the direct map.\n",
	     AREA_SIZE);
	calls = host_vmap_calls();
	p = demo_alloc_buffer();
	calls = host_vmap_calls() - calls;
	if (!p) {
		printf("-> vmalloc() failed\n");
		return NULL;
	}
	printf("-> p = %p: is_vmalloc_addr(p) = %d, inside VMALLOC_START..VMALLOC_END\n"
	       "   (%#lx-%#lx: %lu GiB of address space reserved at boot, PROT_NONE,\n"
	       "   costing nothing until used)\n",
	       p, is_vmalloc_addr(p), VMALLOC_START, VMALLOC_END, VMALLOC_TOTAL >> 30);
	vm = find_vm_area(p);
	if (!vm) {
		printf("-> find_vm_area(p) = NULL?!\n");
		return p;
	}
	printf("-> find_vm_area(p): addr %p, size %lu = %lu pages + the guard page, nr_pages %u;\n"
	       "   get_vm_area_size() = %zu, without the guard\n", vm->addr, vm->size,
	       vm->size / PAGE_SIZE - 1, vm->nr_pages, get_vm_area_size(vm));
	printf("   %-18s %8s  %-18s\n", "vmalloc address", "pfn", "page_address()");
	for (i = 0; i < vm->nr_pages; i++) {
		struct page *page = vmalloc_to_page(p + i * PAGE_SIZE);
		unsigned long pfn = page_to_pfn(page);

		runs += !i || pfn != prev_pfn + 1;
		prev_pfn = pfn;
		printf("   %-18p %8lu  %-18p\n", p + i * PAGE_SIZE, pfn, page_address(page));
	}
	printf("-> the %u pages are %lu physically contiguous run(s); the area took %lu host\n"
	       "   mapping(s) (one mmap() of the arena's memfd per run: the host allows a process\n"
	       "   about 65,000 mappings, so long runs matter)\n", vm->nr_pages, runs, calls);

	step("Two mappings, one memory", ": a write through the vmalloc address is read through\n"
	     "  the direct map, and the other way round.\n");
	dm = page_address(vmalloc_to_page(p + 2 * PAGE_SIZE));
	strcpy(p + 2 * PAGE_SIZE + 0x10, "written at p + 0x2010");
	printf("-> strcpy(p + 0x2010, ...); page_address(vmalloc_to_page(p + 0x2000)) + 0x10 reads\n"
	       "   \"%s\"\n", dm + 0x10);
	dm = page_address(vmalloc_to_page(p));
	strcpy(dm + 0x20, "written through the direct map");
	printf("-> strcpy(page_address(vmalloc_to_page(p)) + 0x20, ...); p + 0x20 reads\n"
	       "   \"%s\"\n", p + 0x20);

	step("/proc/vmallocinfo, /proc/meminfo", ": the area's line (its size with the guard page,\n"
	     "  who allocated it, its pages), and VmallocUsed counting its pages. The addresses are\n"
	     "  hashed, as the kernel's %%pK prints them to a reader without CAP_SYSLOG (the boot\n"
	     "  option no_hash_pointers shows them raw).\n");
	show_vmallocinfo("demo_alloc_buffer", true);
	printf("-> VmallocUsed: %ld kB before, %ld kB now\n", used_before,
	       meminfo_kb("VmallocUsed"));
	return p;
}

/* kvmalloc() --------------------------------------------------------------------------------- */

static void kvmalloc_choice(void)
{
	static const size_t sizes[] = { 100, 8 << 20 };
	size_t i;

	step("kvmalloc()", ": kmalloc() first, for physically contiguous memory when it comes\n"
	     "  cheap; above a page without retrying hard (__GFP_NORETRY | __GFP_NOWARN), then\n"
	     "  vmalloc(). kvfree() tells them apart by address (is_vmalloc_addr()).\n");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		unsigned long calls = host_vmap_calls();
		void *p = kvmalloc(sizes[i], GFP_KERNEL);
		struct vm_struct *vm;

		calls = host_vmap_calls() - calls;
		if (!p) {
			printf("-> kvmalloc(%zu) failed\n", sizes[i]);
			continue;
		}
		if (!is_vmalloc_addr(p)) {
			printf("-> kvmalloc(%zu) = %p: is_vmalloc_addr() = 0, from kmalloc (a slab of\n"
			       "   kmalloc-%zu, ksize() %zu)\n", sizes[i], p, ksize(p), ksize(p));
		} else {
			vm = find_vm_area(p);
			printf("-> kvmalloc(%zu MiB) = %p: is_vmalloc_addr() = 1, from vmalloc (an order-%d\n"
			       "   kmalloc is above MAX_PAGE_ORDER): %u pages in %lu host mapping(s)\n",
			       sizes[i] >> 20, p, get_order(sizes[i]), vm ? vm->nr_pages : 0, calls);
		}
		kvfree(p);
	}
	printf("-> both kvfree()d; VmallocUsed: %ld kB\n", meminfo_kb("VmallocUsed"));
}

/* The guard page ----------------------------------------------------------------------------- */

#define RING_SIZE	(4 * PAGE_SIZE)

/* The guard-page child's buffer: noinline, so that the fault report names its allocator. */
static noinline char *demo_alloc_ring(void)
{
	char *ring = vmalloc(RING_SIZE);

	barrier();
	return ring;
}

/**
 * demo_vmalloc_guard_child - the guard-page hit, in its own process
 * @n: the chapter's number
 *
 * Runs in the child demo_run_child() starts with DEMO_VMALLOC_GUARD_CMDLINE added to
 * KRT_CMDLINE: a ring of four pages, and an off-by-one that writes the byte after it.
 * Return: the process's exit code, if it lives (it should not).
 */
int demo_vmalloc_guard_child(int n)
{
	volatile char *ring;
	size_t i = RING_SIZE;
	char buf[256];

	setvbuf(stdout, NULL, _IONBF, 0);
	krt_boot(NULL);
	krt_proc_read("/proc/cmdline", buf, sizeof(buf));
	printf("-> the child's /proc/cmdline: %s", buf);
	ring = demo_alloc_ring();
	if (!ring)
		return 3;
	OPTIMIZER_HIDE_VAR(i);
	ring[RING_SIZE - 1] = 1;
	printf("-> ring = vmalloc(%lu) = %p; ring[%lu] = 1 is fine; now ring[%zu] = 1:\n",
	       RING_SIZE, ring, RING_SIZE - 1, i);
	fflush(stdout);
	ring[i] = 1;
	printf("-> the write went through?!\n");
	return 4;
}

static void guard_page_hit(int n)
{
	int status;

	step("The guard page", ": an off-by-one writes the byte after a four-page area, which is\n"
	     "  the unmapped guard page: the kernel oopses. krt's process faults and dies of\n"
	     "  SIGSEGV; with the boot option vmalloc_fault_report it first prints the kernel's\n"
	     "  page-fault report, naming the area and who allocated it. Boot options are read at\n"
	     "  boot, so this runs in a child booted with KRT_CMDLINE=\"" DEMO_VMALLOC_GUARD_CMDLINE
	     "\".\n");
	if (demo_run_child(DEMO_VMALLOC_GUARD_ARG, n, DEMO_VMALLOC_GUARD_CMDLINE, &status))
		return;
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV)
		printf("-> the child died of SIGSEGV (signal %d), after the report above\n",
		       WTERMSIG(status));
	else if (WIFSIGNALED(status))
		printf("-> the child died of signal %d\n", WTERMSIG(status));
	else if (IS_ENABLED(KRT_ASAN) && WEXITSTATUS(status) == 1)
		printf("-> this is an ASan build: AddressSanitizer's own SEGV handler took the fault\n"
		       "   (its \"SEGV on unknown address\" report above) and ended the child with\n"
		       "   exit status 1\n");
	else
		printf("-> the child exited with status %d, not from the fault?!\n",
		       WEXITSTATUS(status));
}

/* vfree() ------------------------------------------------------------------------------------ */

static void vfree_good_and_bad(char *p)
{
	unsigned int warnings;

	step("A bad vfree()", ": vfree(p + 1), a pointer into the area but not its start. The\n"
	     "  kernel's two WARNs say so (not page aligned, so not an area), nothing is freed,\n"
	     "  and the process goes on.\n");
	krt_printk_capture_begin(true);
	vfree(p + 1);
	warnings = krt_printk_capture_count("Trying to vfree()");
	krt_printk_capture_end();
	printf("-> %u WARN(s) (\"Trying to vfree() bad address\", \"... nonexistent vm area\");\n"
	       "   the area is still there: find_vm_area(p) %s, p + 0x20 reads \"%s\"\n", warnings,
	       find_vm_area(p) ? "finds it" : "= NULL?!", p + 0x20);

	step("vfree()", ": the area is unmapped at once (a later access faults, as the guard page\n"
	     "  does), its pages go back to the page allocator, and its address range waits to be\n"
	     "  reused until a batch of them is purged, as the kernel's lazy purge does.\n");
	vfree(p);
	printf("-> find_vm_area(p) = %s; VmallocUsed: %ld kB; /proc/vmallocinfo lists the range\n"
	       "   as not yet purged:\n", find_vm_area(p) ? "the area?!" : "NULL",
	       meminfo_kb("VmallocUsed"));
	if (*area_range)
		show_vmallocinfo(area_range, false);
}

/* The chapter ---------------------------------------------------------------------------- */

/**
 * demo_vmalloc_chapter - vmalloc, kvmalloc and the guard page, demonstrated
 * @n: the chapter's number
 */
void demo_vmalloc_chapter(int n)
{
	char *p;

	chapter(n, "vmalloc: virtually contiguous memory, really remapped",
		"vmalloc() maps page frames from anywhere in physical memory at consecutive\n"
		"addresses (mm/vmalloc.c): the same page is seen through two mappings. An unmapped\n"
		"guard page follows every area, so an overrun faults instead of corrupting.");
	p = area_tour();
	kvmalloc_choice();
	guard_page_hit(n);
	if (p)
		vfree_good_and_bad(p);
}
