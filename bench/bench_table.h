/* SPDX-License-Identifier: MIT */
/*
 * What page_bench and vmalloc_bench share: timing a loop, and the table they print (krt's
 * operation and time next to a peer's, the ratio, and the goal with whether it was met).
 */
#ifndef _BENCH_BENCH_TABLE_H
#define _BENCH_BENCH_TABLE_H

#include <stdio.h>
#include <linux/ktime.h>

/* Nanoseconds per iteration of one run of @fn(@n). */
static inline double time_once(void (*fn)(unsigned long), unsigned long n)
{
	u64 t0 = ktime_get_ns();

	fn(n);
	return (double)(ktime_get_ns() - t0) / n;
}

static inline void bench_table_header(void)
{
	printf("%-38s %12s  %-30s %12s  %8s  %-10s %s\n", "krt", "time/op", "peer", "time/op",
	       "ratio", "goal", "");
}

/* One row; @decimals of the nanosecond figures; @met: 1, 0, or -1 without a goal. */
static inline void bench_table_row(const char *what, double krt, double peer,
				   const char *peer_name, const char *goal, int met, int decimals)
{
	printf("%-38s %9.*f ns  %-30s %9.*f ns  %7.3fx  %-10s %s\n", what, decimals, krt,
	       peer_name, decimals, peer, krt / peer, goal,
	       met < 0 ? "" : met ? "met" : "NOT MET");
}

#endif /* _BENCH_BENCH_TABLE_H */
