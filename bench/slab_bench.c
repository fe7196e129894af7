// SPDX-License-Identifier: MIT
/*
 * Slab allocator benchmarks: krt's kmem_cache and kmalloc side by side with the malloc a
 * userspace program would use instead (glibc, jemalloc, mimalloc, tcmalloc), object sizes
 * 16, 64, 256, 1024 and 4096 bytes:
 *   1. alloc+free pair with 8 objects live: kmem_cache_alloc+kmem_cache_free on a cache of the
 *      size vs malloc+free (goal: <= 0.8x the best peer); kmalloc+kfree (goal: <= 1.0x); and
 *      instructions per pair counted by callgrind (goal: kmem_cache pair <= 35);
 *   2. batch: allocate 1,000,000 objects (at most 64 MiB of payload), free them LIFO, and
 *      again FIFO, time per object (goal: <= 0.8x the best peer); peak RSS growth for 1,000,000
 *      64-byte objects (goal: <= 1.05x the payload), and krt's slab and free page counts
 *      before, during and after;
 *   3. two threads each doing pairs: time per pair as each thread sees it, vs one thread
 *      (goal: <= 1.1x);
 *   4. producer/consumer: one thread allocates, another frees, through a 1024-slot SPSC ring
 *      (goal: <= 1.0x mimalloc);
 *   5. krt again under KRT_CMDLINE=slub_debug=FZPU: the overhead of the debug checks.
 *
 * This program is the driver; the loops are bench/slab_server.c, built once for krt
 * (slab_server) and once per peer (slab_server-glibc, -jemalloc, -mimalloc, -tcmalloc). The
 * driver starts each as a server (`--serve`): one process per allocator, one for krt under
 * slub_debug. It asks them in turn, krt and the peers alternating, best of several runs each,
 * so that all see the same machine. The instruction counts come from `valgrind
 * --tool=callgrind --collect-atstart=no slab_server --callgrind API`: the server counts N1 and
 * N2 pairs of each size and dumps each count; (count(N2) - count(N1)) / (N2 - N1) is one pair,
 * start-up and warm-up excluded.
 *
 *   slab_bench                      all tables (what `make bench` runs)
 *   slab_bench --only pair,batch    some tables: rss pair batch threads prodcons debug instr
 *   slab_bench --reps N --scale F   runs per figure, iteration counts times F
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "slab_bench.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static __attribute__((__noreturn__, __format__(printf, 1, 2))) void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "slab_bench: ");
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

extern char **environ;

struct server {
	const char *label;		/* column heading */
	const char *bin;		/* program (file name beside this one) */
	const char *api;		/* API it is asked for */
	const char *cmdline_extra;	/* added to KRT_CMDLINE (krt only) */
	unsigned int div;		/* iteration counts divided by this */
	bool peer;
	int via;			/* 1 + the column whose process answers, 0: its own */
	pid_t pid;
	FILE *in, *out;			/* its stdin, its stdout */
	bool up;
	char malloc_lib[128];
};

/* Columns: krt's two APIs, then the peers, then krt under slub_debug. */
enum { S_KRT, S_KMALLOC, S_GLIBC, S_JEMALLOC, S_MIMALLOC, S_TCMALLOC, S_DEBUG, S_DEBUG_KMALLOC,
       S_DEBUG_F, S_DEBUG_Z, S_DEBUG_P, S_DEBUG_U, NSERVERS };
#define FIRST_PEER	S_GLIBC
#define LAST_PEER	S_TCMALLOC
#define DEBUG_DIV	100	/* slub_debug=U captures two stacks per object: ~30 us a pair */

static struct server servers[NSERVERS] = {
	[S_KRT]		 = { "krt", "slab_server", "cache" },
	[S_KMALLOC]	 = { "kmalloc", "slab_server", "kmalloc", .via = 1 + S_KRT },
	[S_GLIBC]	 = { "glibc", "slab_server-glibc", "malloc", .peer = true },
	[S_JEMALLOC]	 = { "jemalloc", "slab_server-jemalloc", "malloc", .peer = true },
	[S_MIMALLOC]	 = { "mimalloc", "slab_server-mimalloc", "malloc", .peer = true },
	[S_TCMALLOC]	 = { "tcmalloc", "slab_server-tcmalloc", "malloc", .peer = true },
	[S_DEBUG]	 = { "krt FZPU", "slab_server", "cache", " slub_debug=FZPU", DEBUG_DIV },
	[S_DEBUG_KMALLOC] = { "kmalloc FZPU", "slab_server", "kmalloc", " slub_debug=FZPU",
			      DEBUG_DIV, .via = 1 + S_DEBUG },
	[S_DEBUG_F]	 = { "F", "slab_server", "cache", " slub_debug=F", DEBUG_DIV / 5 },
	[S_DEBUG_Z]	 = { "Z", "slab_server", "cache", " slub_debug=Z", DEBUG_DIV / 5 },
	[S_DEBUG_P]	 = { "P", "slab_server", "cache", " slub_debug=P", DEBUG_DIV / 5 },
	[S_DEBUG_U]	 = { "U", "slab_server", "cache", " slub_debug=U", DEBUG_DIV },
};

/* The column that owns @s's process (krt's kmalloc column asks krt's process). */
static struct server *proc_of(struct server *s)
{
	return s->via ? &servers[s->via - 1] : s;
}

static char bindir[4096];
static int reps = 5;
static double scale = 1.0;

static void bin_path(char *buf, size_t size, const char *bin)
{
	snprintf(buf, size, "%s/%s", bindir, bin);
}

static bool server_start(struct server *s)
{
	int to[2], from[2];
	char path[4200], cmdline[1024], *argv[] = { path, "--serve", NULL };
	char **envp;
	const char *base = getenv("KRT_CMDLINE");
	posix_spawn_file_actions_t fa;
	size_t nenv = 0, i, j = 0;
	int err;

	bin_path(path, sizeof(path), s->bin);
	if (access(path, X_OK))
		return false;
	for (nenv = 0; environ[nenv]; nenv++)
		;
	envp = calloc(nenv + 2, sizeof(*envp));
	for (i = 0; i < nenv; i++)
		if (strncmp(environ[i], "KRT_CMDLINE=", 12))
			envp[j++] = environ[i];
	if (!s->peer) {
		snprintf(cmdline, sizeof(cmdline), "KRT_CMDLINE=%s%s", base ? base : "mem=1G",
			 s->cmdline_extra ? s->cmdline_extra : "");
		envp[j++] = cmdline;
	}
	if (pipe(to) || pipe(from))
		die("pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, to[0], 0);
	posix_spawn_file_actions_adddup2(&fa, from[1], 1);
	posix_spawn_file_actions_addclose(&fa, to[1]);
	posix_spawn_file_actions_addclose(&fa, from[0]);
	err = posix_spawn(&s->pid, path, &fa, NULL, argv, envp);
	posix_spawn_file_actions_destroy(&fa);
	free(envp);
	close(to[0]);
	close(from[1]);
	if (err) {
		close(to[1]);
		close(from[0]);
		return false;
	}
	fcntl(to[1], F_SETFD, FD_CLOEXEC);
	fcntl(from[0], F_SETFD, FD_CLOEXEC);
	s->in = fdopen(to[1], "w");
	s->out = fdopen(from[0], "r");
	s->up = true;
	return true;
}

/*
 * Send @fmt to server @s, read its answer: the numbers of the "= ..." line into @v (at most
 * @nv), the "# ..." lines printed (without the "# ") when @show. Returns how many numbers.
 */
static __attribute__((__format__(printf, 6, 7)))
int ask(struct server *s, double *v, int nv, bool show, const char *what, const char *fmt, ...)
{
	char line[1024];
	va_list ap;
	int got = 0;
	struct server *label = s;

	s = proc_of(s);
	if (!s->up)
		return 0;
	va_start(ap, fmt);
	vfprintf(s->in, fmt, ap);
	va_end(ap);
	fputc('\n', s->in);
	fflush(s->in);
	while (fgets(line, sizeof(line), s->out)) {
		if (!strcmp(line, "end\n"))
			return got;
		if (line[0] == '#' && show)
			printf("%s", line + 2);
		if (line[0] == '!')
			fprintf(stderr, "slab_bench: %s %s", label->label, line + 2);
		if (line[0] == '=' && v) {
			char *p = line + 1, *e;

			while (got < nv) {
				double x = strtod(p, &e);

				if (e == p)
					break;
				v[got++] = x;
				p = e;
			}
		}
		if (line[0] == '=' && !v)
			snprintf(s->malloc_lib, sizeof(s->malloc_lib), "%.100s", line + 2);
	}
	fprintf(stderr, "slab_bench: %s (%s) ended during %s\n", s->label, s->bin, what);
	s->up = false;
	return got;
}

static void servers_stop(void)
{
	unsigned int i;

	for (i = 0; i < NSERVERS; i++) {
		if (!servers[i].in || servers[i].via)
			continue;
		fclose(servers[i].in);
		fclose(servers[i].out);
		waitpid(servers[i].pid, NULL, 0);
	}
}

/* --- measuring and printing ------------------------------------------------------------------ */

#define NOVAL		(-1.0)

static void keep_min(double *best, double v)
{
	if (v != NOVAL && (*best == NOVAL || v < *best))
		*best = v;
}

static unsigned long count(unsigned long n, const struct server *s)
{
	unsigned long c = (unsigned long)(n * scale) / (s->div ? s->div : 1);

	return c ? c : 1;
}

static unsigned long batch_count(unsigned int size)
{
	unsigned long n = BATCH_BYTES / size;

	return n < BATCH_MAX ? n : BATCH_MAX;
}

/*
 * Best of @r runs of command @cmd for each server in @which (a bit mask), the servers taking
 * turns; @nval numbers per answer, each minimised on its own. @res[server][k].
 */
static void measure(unsigned int which, int r, const char *cmd, unsigned int size,
		    unsigned long n, const char *extra, int nval, double res[][2])
{
	int rep, i, k;
	double v[2];

	for (i = 0; i < NSERVERS; i++)
		for (k = 0; k < 2; k++)
			res[i][k] = NOVAL;
	for (rep = 0; rep < r; rep++) {
		for (i = 0; i < NSERVERS; i++) {
			struct server *s = &servers[i];

			if (!(which & (1u << i)) || !proc_of(s)->up)
				continue;
			if (ask(s, v, nval, false, cmd, "%s %s %u %lu %s", cmd, s->api, size,
				count(n, s), extra ? extra : "") != nval)
				continue;
			for (k = 0; k < nval; k++)
				keep_min(&res[i][k], v[k]);
		}
	}
}

#define PEERS_MASK	((1u << S_GLIBC) | (1u << S_JEMALLOC) | (1u << S_MIMALLOC) | \
			 (1u << S_TCMALLOC))

/* The best (lowest) peer figure in @res[][k]; its index in @best. */
static double best_peer(double res[][2], int k, int *best)
{
	double b = NOVAL;
	int i;

	*best = -1;
	for (i = FIRST_PEER; i <= LAST_PEER; i++) {
		if (res[i][k] == NOVAL)
			continue;
		if (b == NOVAL || res[i][k] < b) {
			b = res[i][k];
			*best = i;
		}
	}
	return b;
}

static void print_val(double v, const char *fmt)
{
	if (v == NOVAL)
		printf(" %9s", "n/a");
	else
		printf(fmt, v);
}

static void table_header(const char *first)
{
	int i;

	printf("%-6s %9s", "size", first);
	for (i = FIRST_PEER; i <= LAST_PEER; i++)
		printf(" %9s", servers[i].label);
	printf("  %-24s %s\n", "krt / best peer", "goal");
}

/* One row: krt's figure @k, the peers', the ratio to the best peer and the goal. */
static void table_row(unsigned int size, double res[][2], int krt, int k, double goal,
		      const char *fmt)
{
	int i, best;
	double b = best_peer(res, k, &best), kv = res[krt][k];
	char ratio[64] = "n/a";
	const char *verdict = "";

	printf("%-6u", size);
	print_val(kv, fmt);
	for (i = FIRST_PEER; i <= LAST_PEER; i++)
		print_val(res[i][k], fmt);
	if (kv != NOVAL && b != NOVAL && b > 0) {
		snprintf(ratio, sizeof(ratio), "%.2fx (%s)", kv / b, servers[best].label);
		verdict = kv / b <= goal ? "met" : "NOT MET";
	}
	printf("  %-24s <= %.1fx %s\n", ratio, goal, verdict);
}

static bool want(const char *only, const char *table)
{
	char buf[256], *t, *save;

	if (!only)
		return true;
	snprintf(buf, sizeof(buf), "%s", only);
	for (t = strtok_r(buf, ",", &save); t; t = strtok_r(NULL, ",", &save))
		if (!strcmp(t, table))
			return true;
	return false;
}

struct goals_summary {
	int met, missed;
};
static struct goals_summary summary;

static void tally(bool met)
{
	if (met)
		summary.met++;
	else
		summary.missed++;
}

static void tally_row(double res[][2], int krt, int k, double goal)
{
	int best;
	double b = best_peer(res, k, &best);

	if (res[krt][k] != NOVAL && b != NOVAL && b > 0)
		tally(res[krt][k] / b <= goal);
}

static void bench_pairs(bool kmalloc_too)
{
	double res[NSIZES][NSERVERS][2];
	unsigned int z;
	const unsigned long n = 1000000;

	for (z = 0; z < NSIZES; z++)
		measure((1u << S_KRT) | (1u << S_KMALLOC) | PEERS_MASK, reps, "pair", sizes[z], n,
			NULL, 1, res[z]);

	printf("\n== Slab: alloc+free pair, %d objects live, ns per pair (best of %d, krt and "
	       "peers taking turns)\n", LIVE, reps);
	printf("   krt: kmem_cache_alloc+kmem_cache_free on a cache of the size; peers: "
	       "malloc+free\n");
	table_header("krt");
	for (z = 0; z < NSIZES; z++) {
		table_row(sizes[z], res[z], S_KRT, 0, 0.8, " %9.2f");
		tally_row(res[z], S_KRT, 0, 0.8);
	}
	if (!kmalloc_too)
		return;
	printf("\n== Slab: kmalloc+kfree pair, %d objects live, ns per pair (same runs as "
	       "above)\n", LIVE);
	table_header("kmalloc");
	for (z = 0; z < NSIZES; z++) {
		table_row(sizes[z], res[z], S_KMALLOC, 0, 1.0, " %9.2f");
		tally_row(res[z], S_KMALLOC, 0, 1.0);
	}
}

/* --- callgrind --------------------------------------------------------------------------- */

struct cg_run {
	int server;			/* column */
	const char *apis;		/* --callgrind argument */
	pid_t pid;
	char out[4300];
};

/* Read the dump files @prefix.1, .2 ...: "desc: Trigger: Client Request: API SIZE N" + totals. */
static void cg_collect(const char *prefix, double ir[][NSERVERS], int server_of_api[2],
		       const char *api_names[2])
{
	char path[4400], line[512], api[32];
	unsigned int part, size, z;
	unsigned long n, total;
	/* per api, size: count at n1 and n2 */
	double c[2][NSIZES][2] = { { { 0 } } };
	unsigned long nn[2][NSIZES][2] = { { { 0 } } };

	for (part = 1; ; part++) {
		FILE *f;
		bool have_desc = false, have_total = false;
		int a = -1;

		snprintf(path, sizeof(path), "%s.%u", prefix, part);
		f = fopen(path, "r");
		if (!f)
			break;
		total = 0;
		while (fgets(line, sizeof(line), f)) {
			if (sscanf(line, "desc: Trigger: Client Request: %31s %u %lu", api, &size,
				   &n) == 3)
				have_desc = true;
			else if (sscanf(line, "totals: %lu", &total) == 1 ||
				 sscanf(line, "summary: %lu", &total) == 1)
				have_total = true;
		}
		fclose(f);
		unlink(path);
		if (!have_desc)
			continue;
		if (!have_total)
			total = 0;	/* nothing collected */
		for (a = 0; a < 2; a++)
			if (api_names[a] && !strcmp(api_names[a], api))
				break;
		if (a == 2)
			continue;
		for (z = 0; z < NSIZES; z++) {
			if (sizes[z] != size)
				continue;
			/* the first dump of an (api, size) is N1, the second N2 */
			if (!nn[a][z][0]) {
				nn[a][z][0] = n;
				c[a][z][0] = total;
			} else {
				nn[a][z][1] = n;
				c[a][z][1] = total;
			}
		}
	}
	unlink(prefix);
	for (int a = 0; a < 2; a++) {
		if (server_of_api[a] < 0)
			continue;
		for (z = 0; z < NSIZES; z++)
			if (nn[a][z][1] > nn[a][z][0])
				ir[z][server_of_api[a]] = (c[a][z][1] - c[a][z][0]) /
							  (nn[a][z][1] - nn[a][z][0]);
	}
}

static void bench_instructions(void)
{
	double ir[NSIZES][NSERVERS];
	struct cg_run runs[] = {
		{ S_KRT, "cache,kmalloc" },
		{ S_GLIBC, "malloc" }, { S_JEMALLOC, "malloc" }, { S_MIMALLOC, "malloc" },
		{ S_TCMALLOC, "malloc" },
	};
	char dir[] = "/tmp/slab_bench.XXXXXX";
	unsigned int r, z;
	int i;

	for (z = 0; z < NSIZES; z++)
		for (i = 0; i < NSERVERS; i++)
			ir[z][i] = NOVAL;
	if (!mkdtemp(dir))
		die("mkdtemp: %s", strerror(errno));
	/* All at once: instruction counts do not depend on what else runs. */
	for (r = 0; r < ARRAY_SIZE(runs); r++) {
		char path[4200], outarg[4400];
		char *argv[] = { "valgrind", "--tool=callgrind", "--collect-atstart=no",
				 outarg, path, "--callgrind", (char *)runs[r].apis, NULL };
		posix_spawn_file_actions_t fa;

		runs[r].pid = -1;
		bin_path(path, sizeof(path), servers[runs[r].server].bin);
		if (access(path, X_OK))
			continue;
		snprintf(runs[r].out, sizeof(runs[r].out), "%s/%s", dir,
			 servers[runs[r].server].bin);
		snprintf(outarg, sizeof(outarg), "--callgrind-out-file=%s", runs[r].out);
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
		if (posix_spawnp(&runs[r].pid, "valgrind", &fa, NULL, argv, environ))
			runs[r].pid = -1;
		posix_spawn_file_actions_destroy(&fa);
	}
	for (r = 0; r < ARRAY_SIZE(runs); r++) {
		int status, map[2] = { -1, -1 };
		const char *names[2] = { NULL, NULL };

		if (runs[r].pid < 0)
			continue;
		waitpid(runs[r].pid, &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			fprintf(stderr, "slab_bench: callgrind run of %s failed (status %#x)\n",
				servers[runs[r].server].bin, status);
		if (runs[r].server == S_KRT) {
			names[0] = "cache";
			map[0] = S_KRT;
			names[1] = "kmalloc";
			map[1] = S_KMALLOC;
		} else {
			names[0] = "malloc";
			map[0] = runs[r].server;
		}
		cg_collect(runs[r].out, ir, map, names);
	}
	rmdir(dir);

	printf("\n== Slab: instructions per alloc+free pair, %d objects live (valgrind "
	       "--tool=callgrind)\n", LIVE);
	printf("%-6s %9s %9s", "size", "krt", "kmalloc");
	for (i = FIRST_PEER; i <= LAST_PEER; i++)
		printf(" %9s", servers[i].label);
	printf("  %-24s %s\n", "krt / best peer", "goal (krt)");
	for (z = 0; z < NSIZES; z++) {
		double b = NOVAL, k = ir[z][S_KRT];
		int best = -1;
		char ratio[64] = "n/a";

		for (i = FIRST_PEER; i <= LAST_PEER; i++)
			if (ir[z][i] != NOVAL && (b == NOVAL || ir[z][i] < b)) {
				b = ir[z][i];
				best = i;
			}
		printf("%-6u", sizes[z]);
		print_val(k, " %9.1f");
		print_val(ir[z][S_KMALLOC], " %9.1f");
		for (i = FIRST_PEER; i <= LAST_PEER; i++)
			print_val(ir[z][i], " %9.1f");
		if (k != NOVAL && b > 0)
			snprintf(ratio, sizeof(ratio), "%.2fx (%s)", k / b, servers[best].label);
		printf("  %-24s <= 35 %s\n", ratio, k == NOVAL ? "" : k <= 35 ? "met" : "NOT MET");
		if (k != NOVAL)
			tally(k <= 35);
	}
}

static void bench_batch(void)
{
	double lifo[NSIZES][NSERVERS][2], fifo[NSIZES][NSERVERS][2];
	double tl[NSERVERS][2];
	unsigned int z;
	int i, r = reps > 3 ? 3 : reps;

	for (z = 0; z < NSIZES; z++) {
		measure((1u << S_KRT) | PEERS_MASK, r, "batch", sizes[z], batch_count(sizes[z]),
			"lifo", 2, lifo[z]);
		measure((1u << S_KRT) | PEERS_MASK, r, "batch", sizes[z], batch_count(sizes[z]),
			"fifo", 2, fifo[z]);
	}
	for (int pass = 0; pass < 2; pass++) {
		double (*res)[NSERVERS][2] = pass ? fifo : lifo;

		printf("\n== Slab: batch, %s: allocate N objects, free them %s; ns per object "
		       "(allocation + free, best of %d)\n", pass ? "FIFO" : "LIFO",
		       pass ? "first-allocated first" : "last-allocated first", r);
		printf("   N = %lu objects of 16 and 64 bytes; 64 MiB of payload above: %lu of 256, "
		       "%lu of 1024, %lu of 4096\n", batch_count(16), batch_count(256),
		       batch_count(1024), batch_count(4096));
		table_header("krt");
		for (z = 0; z < NSIZES; z++) {
			for (i = 0; i < NSERVERS; i++) {
				tl[i][0] = res[z][i][0] == NOVAL ? NOVAL :
					   res[z][i][0] + res[z][i][1];
			}
			table_row(sizes[z], tl, S_KRT, 0, 0.8, " %9.2f");
			tally_row(tl, S_KRT, 0, 0.8);
		}
		printf("   of which allocation / free, krt:");
		for (z = 0; z < NSIZES; z++)
			printf(" %u: %.1f/%.1f", sizes[z], res[z][S_KRT][0], res[z][S_KRT][1]);
		printf(" ns\n");
	}
}

/* The RSS runs: the first command of each fresh server. */
static void bench_rss(void)
{
	const unsigned int size = 64;
	const unsigned long n = 1000000;
	const int order[] = { S_KRT, S_GLIBC, S_JEMALLOC, S_MIMALLOC, S_TCMALLOC, S_DEBUG };
	double v[NSERVERS][3];
	unsigned int o;

	printf("\n== Slab: peak RSS growth while %lu objects of %u bytes are allocated and written "
	       "(payload %.1f MiB), from /proc/self/statm\n", n, size, n * size / 1048576.0);
	for (o = 0; o < ARRAY_SIZE(order); o++) {
		struct server *s = &servers[order[o]];
		unsigned long cnt = n / (s->div ? s->div : 1);

		v[order[o]][0] = NOVAL;
		if (ask(s, v[order[o]], 3, order[o] == S_KRT, "rss", "rss %s %u %lu", s->api,
			size, cnt) != 3)
			v[order[o]][0] = NOVAL;
	}
	printf("%-12s %12s %12s %14s  %s\n", "", "growth MiB", "x payload", "kept after free",
	       "goal");
	for (o = 0; o < ARRAY_SIZE(order); o++) {
		struct server *s = &servers[order[o]];
		double *x = v[order[o]];
		unsigned long cnt = n / (s->div ? s->div : 1);
		double payload = (double)cnt * size, ratio;

		if (x[0] == NOVAL) {
			if (s->up)
				printf("%-12s %12s\n", s->label, "n/a");
			continue;
		}
		ratio = (x[1] - x[0]) / payload;
		printf("%-12s %12.2f %11.3fx %11.2f MiB", s->label, (x[1] - x[0]) / 1048576.0,
		       ratio, (x[2] - x[0]) / 1048576.0);
		if (order[o] == S_KRT) {
			printf("  <= 1.05x %s", ratio <= 1.05 ? "met" : "NOT MET");
			tally(ratio <= 1.05);
		}
		if (s->div > 1)
			printf("  (%lu objects)", cnt);
		printf("\n");
	}
}

static void bench_threads(void)
{
	double one[NSIZES][NSERVERS][2], two[NSIZES][NSERVERS][2];
	const unsigned long n = 1000000;
	unsigned int z;
	int i;

	for (z = 0; z < NSIZES; z++) {
		/* one thread and two, alternating, so that both see the same machine */
		for (int rep = 0; rep < reps; rep++) {
			double a[NSERVERS][2], b[NSERVERS][2];

			measure((1u << S_KRT) | PEERS_MASK, 1, "pair", sizes[z], n, NULL, 1, a);
			measure((1u << S_KRT) | PEERS_MASK, 1, "pair2", sizes[z], n, NULL, 1, b);
			for (i = 0; i < NSERVERS; i++) {
				if (!rep)
					one[z][i][0] = two[z][i][0] = NOVAL;
				keep_min(&one[z][i][0], a[i][0]);
				keep_min(&two[z][i][0], b[i][0]);
			}
		}
	}
	printf("\n== Slab: two threads, each its own alloc+free pairs (%d live) on the same "
	       "cache; ns per pair as each thread sees it\n", LIVE);
	printf("   (wall time from the first start to the last end / pairs per thread), and "
	       "that time / one thread's (best of %d)\n", reps);
	printf("%-6s %9s %9s %7s", "size", "krt 1t", "krt 2t", "2t/1t");
	for (i = FIRST_PEER; i <= LAST_PEER; i++)
		printf(" %9s", servers[i].label);
	printf("  %s\n", "goal (krt 2t/1t)");
	for (z = 0; z < NSIZES; z++) {
		double k1 = one[z][S_KRT][0], k2 = two[z][S_KRT][0];

		printf("%-6u", sizes[z]);
		print_val(k1, " %9.2f");
		print_val(k2, " %9.2f");
		if (k1 == NOVAL || k2 == NOVAL)
			printf(" %7s", "n/a");
		else
			printf(" %6.2fx", k2 / k1);
		for (i = FIRST_PEER; i <= LAST_PEER; i++) {
			if (one[z][i][0] == NOVAL || two[z][i][0] == NOVAL)
				printf(" %9s", "n/a");
			else
				printf(" %8.2fx", two[z][i][0] / one[z][i][0]);
		}
		if (k1 != NOVAL && k2 != NOVAL) {
			printf("  <= 1.1x %s", k2 / k1 <= 1.1 ? "met" : "NOT MET");
			tally(k2 / k1 <= 1.1);
		}
		printf("\n");
	}
}

static void bench_prodcons(void)
{
	double res[NSIZES][NSERVERS][2];
	const unsigned long n = 200000;
	unsigned int z;
	int r = reps;

	for (z = 0; z < NSIZES; z++)
		measure((1u << S_KRT) | PEERS_MASK, r, "prodcons", sizes[z], n, NULL, 1, res[z]);
	printf("\n== Slab: producer/consumer: one thread allocates, another frees, through a "
	       "%d-slot ring; ns per object (best of %d)\n", RING, r);
	printf("%-6s %9s", "size", "krt");
	for (int i = FIRST_PEER; i <= LAST_PEER; i++)
		printf(" %9s", servers[i].label);
	printf("  %-18s %-24s %s\n", "krt / mimalloc", "krt / best peer", "goal (vs mimalloc)");
	for (z = 0; z < NSIZES; z++) {
		double k = res[z][S_KRT][0], m = res[z][S_MIMALLOC][0], b;
		int best;
		char r1[32] = "n/a", r2[48] = "n/a";

		b = best_peer(res[z], 0, &best);
		printf("%-6u", sizes[z]);
		print_val(k, " %9.2f");
		for (int i = FIRST_PEER; i <= LAST_PEER; i++)
			print_val(res[z][i][0], " %9.2f");
		if (k != NOVAL && m != NOVAL)
			snprintf(r1, sizeof(r1), "%.2fx", k / m);
		if (k != NOVAL && b != NOVAL)
			snprintf(r2, sizeof(r2), "%.2fx (%s)", k / b, servers[best].label);
		printf("  %-18s %-24s", r1, r2);
		if (k != NOVAL && m != NOVAL) {
			printf(" <= 1.0x %s", k <= m ? "met" : "NOT MET");
			tally(k <= m);
		}
		printf("\n");
	}
}

/*
 * krt under slub_debug=FZPU (consistency checks, red zones, poisoning, owner tracking) vs
 * krt, same iteration counts (1/DEBUG_DIV of the tables above: the debug path is slow).
 */
static void bench_debug(void)
{
	const unsigned long npair = 1000000, nthr = 1000000, npc = 200000;
	unsigned int z;
	int r = 1;
	const unsigned int both = (1u << S_KRT) | (1u << S_DEBUG);
	const unsigned int flags = (1u << S_KRT) | (1u << S_DEBUG) | (1u << S_DEBUG_F) |
				   (1u << S_DEBUG_Z) | (1u << S_DEBUG_P) | (1u << S_DEBUG_U);
	double flag[NSERVERS][2];
	const unsigned int bothk = (1u << S_KMALLOC) | (1u << S_DEBUG_KMALLOC);
	double pair[NSIZES][NSERVERS][2], km[NSIZES][NSERVERS][2], lifo[NSIZES][NSERVERS][2];
	double fifo[NSIZES][NSERVERS][2], p2[NSIZES][NSERVERS][2], pc[NSIZES][NSERVERS][2];
	unsigned int saved = servers[S_KRT].div, savedk = servers[S_KMALLOC].div;

	/* krt's own runs: 10x the debug runs' counts (one run; a hiccup weighs less) */
	servers[S_KRT].div = servers[S_KMALLOC].div = DEBUG_DIV / 10;
	for (z = 0; z < NSIZES; z++) {
		unsigned long nb = batch_count(sizes[z]);

		measure(both, r, "pair", sizes[z], npair, NULL, 1, pair[z]);
		measure(bothk, r, "pair", sizes[z], npair, NULL, 1, km[z]);
		measure(both, r, "batch", sizes[z], nb, "lifo", 2, lifo[z]);
		measure(both, r, "batch", sizes[z], nb, "fifo", 2, fifo[z]);
		measure(both, r, "pair2", sizes[z], nthr, NULL, 1, p2[z]);
		measure(both, r, "prodcons", sizes[z], npc, NULL, 1, pc[z]);
	}
	/* each flag alone, 64-byte pair */
	measure(flags, r, "pair", 64, npair, NULL, 1, flag);
	servers[S_KRT].div = saved;
	servers[S_KMALLOC].div = savedk;

	printf("\n== Slab: krt under KRT_CMDLINE=slub_debug=FZPU vs krt: ns per operation and "
	       "overhead (%d run; counts 1/%d of the above, krt's 1/%d; no goal)\n", r, DEBUG_DIV,
	       DEBUG_DIV / 10);
	printf("%-6s %-22s %12s %12s %9s\n", "size", "benchmark", "krt", "FZPU", "overhead");
	for (z = 0; z < NSIZES; z++) {
		struct {
			const char *name;
			double a, b;
		} rows[] = {
			{ "kmem_cache pair", pair[z][S_KRT][0], pair[z][S_DEBUG][0] },
			{ "kmalloc pair", km[z][S_KMALLOC][0], km[z][S_DEBUG_KMALLOC][0] },
			{ "batch LIFO, per object",
			  lifo[z][S_KRT][0] == NOVAL ? NOVAL : lifo[z][S_KRT][0] + lifo[z][S_KRT][1],
			  lifo[z][S_DEBUG][0] == NOVAL ? NOVAL :
			  lifo[z][S_DEBUG][0] + lifo[z][S_DEBUG][1] },
			{ "batch FIFO, per object",
			  fifo[z][S_KRT][0] == NOVAL ? NOVAL : fifo[z][S_KRT][0] + fifo[z][S_KRT][1],
			  fifo[z][S_DEBUG][0] == NOVAL ? NOVAL :
			  fifo[z][S_DEBUG][0] + fifo[z][S_DEBUG][1] },
			{ "pair, 2 threads", p2[z][S_KRT][0], p2[z][S_DEBUG][0] },
			{ "producer/consumer", pc[z][S_KRT][0], pc[z][S_DEBUG][0] },
		};

		for (unsigned int i = 0; i < ARRAY_SIZE(rows); i++) {
			printf("%-6u %-22s", sizes[z], rows[i].name);
			print_val(rows[i].a, " %9.1f ns");
			print_val(rows[i].b, " %9.1f ns");
			if (rows[i].a != NOVAL && rows[i].b != NOVAL && rows[i].a > 0)
				printf(" %8.1fx", rows[i].b / rows[i].a);
			printf("\n");
		}
	}
	printf("64-byte kmem_cache pair, one flag at a time:");
	for (int i = S_DEBUG_F; i <= S_DEBUG_U; i++) {
		if (flag[i][0] == NOVAL || flag[S_KRT][0] == NOVAL)
			continue;
		printf("  %s %.1f ns (%.1fx)", servers[i].label, flag[i][0],
		       flag[i][0] / flag[S_KRT][0]);
	}
	printf("\n");
}

static int driver(const char *only)
{
	unsigned int i;
	ssize_t len;
	char *slash;
	bool debug = want(only, "debug");
	uint64_t t0 = now_ns();

	len = readlink("/proc/self/exe", bindir, sizeof(bindir) - 1);
	if (len <= 0)
		die("readlink /proc/self/exe: %s", strerror(errno));
	bindir[len] = 0;
	slash = strrchr(bindir, '/');
	if (slash)
		*slash = 0;
	signal(SIGPIPE, SIG_IGN);

	/* One process for krt's two APIs, one for each peer, one for krt under slub_debug. */
	for (i = 0; i < NSERVERS; i++) {
		struct server *s = &servers[i];

		if (s->via || (i >= S_DEBUG && !debug))
			continue;
		if (!server_start(s))
			fprintf(stderr, "slab_bench: %s not available (%s/%s)\n", s->label, bindir,
				s->bin);
	}
	printf("Slab allocator: krt vs glibc, jemalloc, mimalloc, tcmalloc (malloc from:");
	for (i = 0; i < NSERVERS; i++) {
		if (!servers[i].up || servers[i].via)
			continue;
		servers[i].malloc_lib[0] = 0;
		ask(&servers[i], NULL, 0, false, "hello", "hello");
		if (servers[i].peer) {
			char *nl = strchr(servers[i].malloc_lib, '\n');

			if (nl)
				*nl = 0;
			printf(" %s", servers[i].malloc_lib);
		}
	}
	printf(")\n");
	fflush(stdout);

	/* First, while every process is fresh: RSS. */
	if (want(only, "rss")) {
		bench_rss();
		fflush(stdout);
	}
	if (want(only, "pair")) {
		bench_pairs(true);
		fflush(stdout);
	}
	if (want(only, "batch")) {
		bench_batch();
		fflush(stdout);
	}
	if (want(only, "threads")) {
		bench_threads();
		fflush(stdout);
	}
	if (want(only, "prodcons")) {
		bench_prodcons();
		fflush(stdout);
	}
	if (debug) {
		bench_debug();
		fflush(stdout);
	}
	servers_stop();
	if (want(only, "instr")) {
		bench_instructions();
		fflush(stdout);
	}
	printf("\nslab goals: %d met, %d NOT MET (%.0f s)\n", summary.met, summary.missed,
	       (now_ns() - t0) / 1e9);
	return 0;
}
int main(int argc, char **argv)
{
	const char *only = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--only") && i + 1 < argc)
			only = argv[++i];
		else if (!strcmp(argv[i], "--reps") && i + 1 < argc)
			reps = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--scale") && i + 1 < argc)
			scale = atof(argv[++i]);
		else {
			fprintf(stderr, "usage: %s [--only rss,pair,batch,threads,prodcons,debug,"
				"instr] [--reps N] [--scale F]\n", argv[0]);
			return 2;
		}
	}
	if (reps < 1)
		reps = 1;
	return driver(only);
}
