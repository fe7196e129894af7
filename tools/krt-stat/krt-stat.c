// SPDX-License-Identifier: MIT
/*
 * krt-stat: print krt's virtual /proc, /sys and debugfs files.
 *
 *   krt-stat                  every file
 *   krt-stat --list           the paths
 *   krt-stat /proc/meminfo    one or more files
 *
 * krt-stat shows its own krt instance, booted from KRT_CMDLINE (e.g. KRT_CMDLINE=mem=64M). To
 * see the files of another program at its exit, run that program with
 * KRT_CMDLINE="stat_on_exit=/proc/meminfo,/proc/slabinfo".
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <krt/boot.h>
#include <krt/proc.h>

#include <stdio.h>

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
		fprintf(stderr, "krt-stat: %s: %s\n", path, n == -ENOENT ? "no such file" : "error");
		return 1;
	}
	if (titled)
		printf("==> %s <==\n", path);
	fwrite(buf, 1, n, stdout);
	if (titled)
		printf("\n");
	return 0;
}

int main(int argc, char **argv)
{
	bool titled = true;
	int i, ret = 0;

	krt_boot(NULL);
	if (argc > 1 && !strcmp(argv[1], "--list"))
		return krt_proc_for_each(print_path, NULL);
	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: krt-stat [--list] [PATH...]\n"
		       "Print krt's virtual /proc, /sys and debugfs files (all when no PATH).\n"
		       "krt boots from KRT_CMDLINE, e.g. KRT_CMDLINE=mem=64M krt-stat /proc/meminfo\n");
		return 0;
	}
	if (argc == 1)
		return krt_proc_for_each(show, &titled) ? 1 : 0;
	titled = argc > 2;
	for (i = 1; i < argc; i++)
		ret |= show(argv[i], &titled);
	return ret ? 1 : 0;
}
