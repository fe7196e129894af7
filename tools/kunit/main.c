// SPDX-License-Identifier: MIT
/*
 * krt-kunit's main(): runs every KUnit suite linked into the program and prints KTAP, then the
 * closing "N passed, N failed, N skipped" line. Exits 1 when anything failed.
 *
 *   ./tests [--filter=GLOB] [--list] [--isolate] [--timeout=SECONDS] [--help] [GLOB]
 */
#include <kunit/test.h>
#include <krt/kunit.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/sched.h>
#include <linux/string.h>

#include "arch/host/host.h"

static void usage(const char *prog)
{
	static const char text[] =
		"usage: %s [options] [GLOB]\n"
		"Runs the KUnit suites built into this program and prints KTAP to stdout.\n"
		"\n"
		"  --filter=GLOB      run only the matching tests: \"suite_glob\" or\n"
		"                     \"suite_glob.case_glob\" ('*', '?', '[...]'), e.g. 'list*'\n"
		"                     or 'list_test.*del*' (a GLOB argument does the same)\n"
		"  --list             print the matching tests as suite.case, one per line\n"
		"  --isolate          run each test case in its own child process, so that a\n"
		"                     crash fails only that case\n"
		"  --timeout=SECONDS  time limit of a test case (default 300)\n"
		"  --help             this text\n"
		"\n"
		"krt's parameters come from the KRT_CMDLINE environment variable (kernel\n"
		"command-line syntax); kunit.filter_glob= and kunit.stats_enabled= work too.\n"
		"The exit status is 1 when a test failed, 2 on a usage error.\n";
	char buf[sizeof(text) + 256];
	int len = snprintf(buf, sizeof(buf), text, prog);

	host_write_out(buf, len);
}

static void complain(const char *prog, const char *what, const char *arg)
{
	char buf[512];
	int len = snprintf(buf, sizeof(buf), "%s: %s: %s (try --help)\n", prog, what, arg);

	host_write_err(buf, len);
}

int main(int argc, char **argv)
{
	struct kunit_krt_options opts = { 0 };
	struct kunit_krt_result result = { 0 };
	const char *prog = argc > 0 ? argv[0] : "krt-kunit";
	bool list = false;
	int i, ret;

	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!strncmp(arg, "--filter=", 9)) {
			opts.filter_glob = arg + 9;
		} else if (!strcmp(arg, "--list")) {
			list = true;
		} else if (!strcmp(arg, "--isolate")) {
			opts.isolate = true;
		} else if (!strncmp(arg, "--timeout=", 10)) {
			unsigned int secs;

			if (kstrtouint(arg + 10, 10, &secs) || !secs || secs > 4000000) {
				complain(prog, "bad timeout", arg + 10);
				return 2;
			}
			opts.timeout_ms = secs * 1000;
		} else if (!strcmp(arg, "--help") || !strcmp(arg, "-h")) {
			usage(prog);
			return 0;
		} else if (arg[0] != '-' && !opts.filter_glob) {
			opts.filter_glob = arg;
		} else {
			complain(prog, "unknown argument", arg);
			return 2;
		}
	}

	/* Boot krt now: KRT_CMDLINE may say kunit.action=list, as the kernel's command line can. */
	(void)current;
	if (kunit_action()) {
		if (strcmp(kunit_action(), "list")) {
			complain(prog, "unknown kunit.action", kunit_action());
			return 2;
		}
		list = true;
	}
	if (list)
		return kunit_krt_list(opts.filter_glob) ? 1 : 0;

	ret = kunit_krt_run_all(&opts, &result);
	if (ret) {
		complain(prog, "could not run the tests", "out of memory");
		return 1;
	}
	kunit_krt_print_summary(&result);
	return result.failed || result.suites_failed ? 1 : 0;
}
