// SPDX-License-Identifier: MIT
/*
 * krt-stat: print krt's virtual /proc, /sys and debugfs files.
 *
 *   krt-stat                     every file
 *   krt-stat --list              the paths
 *   krt-stat /proc/meminfo       one or more files
 *   krt-stat --slabs             slabtop's view of this krt instance's slab caches
 *   krt-stat --slabinfo FILE     slabtop's view of a saved /proc/slabinfo ("-": stdin)
 *
 * krt-stat shows its own krt instance, booted from KRT_CMDLINE (e.g. KRT_CMDLINE=mem=64M). To
 * see the files of another program at its exit, run that program with
 * KRT_CMDLINE="stat_on_exit=/proc/meminfo,/proc/slabinfo", and give the saved slabinfo text
 * to --slabinfo for the sorted view.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <asm/page_types.h>
#include <krt/boot.h>
#include <krt/proc.h>

#include <stdio.h>
#include <stdlib.h>

static char buf[1 << 20];

static int print_path(const char *path, void *arg)
{
	printf("%s\n", path);
	return 0;
}

static int show(const char *path, void *arg)
{
	bool titled = *(bool *)arg;
	ssize_t n = krt_proc_read(path, buf, sizeof(buf));

	if (n == -EACCES)
		return 0;
	if (n < 0) {
		fprintf(stderr, "krt-stat: %s: %s\n", path,
			n == -ENOENT ? "no such file" : "error");
		return 1;
	}
	if (titled)
		printf("==> %s <==\n", path);
	fwrite(buf, 1, n, stdout);
	if (titled)
		printf("\n");
	return 0;
}

/* ---- slabtop's view of a /proc/slabinfo text ------------------------------------------------ */

struct slab_row {
	char name[64];
	unsigned long active_objs, num_objs, num_slabs;
	unsigned int objsize, per_slab, pages;
	unsigned long long bytes;	/* memory of the cache's slabs */
};

/* Largest first; equal ones by name. */
static int slab_row_cmp(const void *a, const void *b)
{
	const struct slab_row *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return strcmp(x->name, y->name);
}

static double percent(unsigned long long part, unsigned long long whole)
{
	return whole ? 100.0 * part / whole : 0.0;
}

/*
 * Find the slabinfo 2.1 text in @text (krt's or Linux's /proc/slabinfo, possibly within other
 * output such as a program's stderr with stat_on_exit), parse its cache lines up to the first
 * line that is not one, and print them as slabtop does, sorted by the memory of each cache's
 * slabs. @source names the text in error messages. Returns 0, or 1 when there is no slabinfo
 * 2.1 text.
 */
static int slabtop(char *text, const char *source)
{
	unsigned long long active_size = 0, total_size = 0, active_objs = 0, total_objs = 0;
	unsigned long active_slabs = 0, total_slabs = 0, active_caches = 0;
	unsigned int min_size = UINT_MAX, max_size = 0;
	struct slab_row *rows = NULL;
	size_t nr = 0, cap = 0, i;
	char *line;

	while ((line = strsep(&text, "\n")) && strcmp(line, "slabinfo - version: 2.1"))
		;
	if (!line) {
		fprintf(stderr, "krt-stat: %s: no slabinfo version 2.1 text\n", source);
		return 1;
	}
	while ((line = strsep(&text, "\n"))) {
		struct slab_row r;
		unsigned long slabs_active;
		int pages;

		if (*line == '#')
			continue;
		if (sscanf(line, "%63s %lu %lu %u %u %d : tunables %*u %*u %*u : slabdata %lu %lu",
			   r.name, &r.active_objs, &r.num_objs, &r.objsize, &r.per_slab, &pages,
			   &slabs_active, &r.num_slabs) != 8 || pages <= 0)
			break;
		r.pages = pages;
		r.bytes = (unsigned long long)r.num_slabs * r.pages * PAGE_SIZE;
		if (nr == cap) {
			struct slab_row *n;

			cap = cap ? 2 * cap : 64;
			n = realloc(rows, cap * sizeof(*rows));
			if (!n) {
				fprintf(stderr, "krt-stat: out of memory\n");
				free(rows);
				return 1;
			}
			rows = n;
		}
		rows[nr++] = r;

		active_objs += r.active_objs;
		total_objs += r.num_objs;
		active_slabs += slabs_active;
		total_slabs += r.num_slabs;
		active_caches += r.active_objs != 0;
		active_size += (unsigned long long)r.active_objs * r.objsize;
		total_size += (unsigned long long)r.num_objs * r.objsize;
		min_size = min(min_size, r.objsize);
		max_size = max(max_size, r.objsize);
	}
	qsort(rows, nr, sizeof(*rows), slab_row_cmp);

	if (!nr)
		min_size = 0;
	printf(" Active / Total Objects (%% used)    : %llu / %llu (%.1f%%)\n",
	       active_objs, total_objs, percent(active_objs, total_objs));
	printf(" Active / Total Slabs (%% used)      : %lu / %lu (%.1f%%)\n",
	       active_slabs, total_slabs, percent(active_slabs, total_slabs));
	printf(" Active / Total Caches (%% used)     : %lu / %zu (%.1f%%)\n",
	       active_caches, nr, percent(active_caches, nr));
	printf(" Active / Total Size (%% used)       : %.2fK / %.2fK (%.1f%%)\n",
	       active_size / 1024.0, total_size / 1024.0, percent(active_size, total_size));
	printf(" Minimum / Average / Maximum Object : %.2fK / %.2fK / %.2fK\n\n",
	       min_size / 1024.0, total_objs ? (double)total_size / total_objs / 1024.0 : 0.0,
	       max_size / 1024.0);

	printf("  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME\n");
	for (i = 0; i < nr; i++) {
		const struct slab_row *r = &rows[i];

		printf("%6lu %6lu %3.0f%% %7.2fK %6lu %8u %9lluK %s\n", r->num_objs,
		       r->active_objs, percent(r->active_objs, r->num_objs), r->objsize / 1024.0,
		       r->num_slabs, r->per_slab, r->bytes / 1024, r->name);
	}
	free(rows);
	return 0;
}

/* --slabinfo FILE: read the saved text (up to the size of buf) and show it. */
static int slabtop_file(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "r") : stdin;
	size_t n;

	if (!f) {
		char what[256];

		snprintf(what, sizeof(what), "krt-stat: %s", path);
		perror(what);
		return 1;
	}
	n = fread(buf, 1, sizeof(buf) - 1, f);
	if (ferror(f) || !feof(f)) {
		fprintf(stderr, "krt-stat: %s: %s\n", path,
			ferror(f) ? "read error" : "larger than 1 MiB");
		if (f != stdin)
			fclose(f);
		return 1;
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	return slabtop(buf, path);
}

/* --slabs: this krt instance's own caches. */
static int slabtop_self(void)
{
	ssize_t n = krt_proc_read("/proc/slabinfo", buf, sizeof(buf));

	if (n < 0) {
		fprintf(stderr, "krt-stat: /proc/slabinfo: error %zd\n", n);
		return 1;
	}
	return slabtop(buf, "/proc/slabinfo");
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: krt-stat [--list] [PATH...]\n"
		"       krt-stat --slabs\n"
		"       krt-stat --slabinfo FILE\n"
		"Print krt's virtual /proc, /sys and debugfs files (all when no PATH).\n"
		"krt boots from KRT_CMDLINE, e.g. KRT_CMDLINE=mem=64M krt-stat /proc/meminfo\n"
		"\n"
		"  --list           the paths of the files\n"
		"  --slabs          slabtop's one-shot view of krt-stat's own slab caches\n"
		"                   (the ones krt creates at boot), largest first\n"
		"  --slabinfo FILE  the same view of a saved /proc/slabinfo text (\"-\": stdin).\n"
		"                   Every krt process is its own kernel: save the text in the\n"
		"                   process you want to look at, with\n"
		"                   KRT_CMDLINE=stat_on_exit=/proc/slabinfo (on its stderr,\n"
		"                   which may be given as it is) or krt_proc_read(). Linux's\n"
		"                   own /proc/slabinfo works too.\n"
		"\n"
		"Columns of the slab view: OBJS object slots in the cache's slabs, ACTIVE\n"
		"objects in use, USE ACTIVE/OBJS, OBJ SIZE the object stride, SLABS,\n"
		"OBJ/SLAB, CACHE SIZE = SLABS x pages per slab x page size, the sort key.\n");
}

int main(int argc, char **argv)
{
	bool titled = true;
	int i, ret = 0;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		usage(stdout);
		return 0;
	}
	if (argc > 1 && !strcmp(argv[1], "--slabinfo")) {
		if (argc != 3) {
			usage(stderr);
			return 2;
		}
		return slabtop_file(argv[2]);
	}
	krt_boot(NULL);
	if (argc > 1 && !strcmp(argv[1], "--list"))
		return krt_proc_for_each(print_path, NULL);
	if (argc > 1 && !strcmp(argv[1], "--slabs"))
		return slabtop_self();
	if (argc == 1)
		return krt_proc_for_each(show, &titled) ? 1 : 0;
	titled = argc > 2;
	for (i = 1; i < argc; i++)
		ret |= show(argv[i], &titled);
	return ret ? 1 : 0;
}
