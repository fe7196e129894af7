/* SPDX-License-Identifier: MIT */
/* Counting and pasting macro arguments. */
#ifndef _LINUX_ARGS_H
#define _LINUX_ARGS_H

/* COUNT_ARGS - the number of arguments passed (0 to 15). */
#define __COUNT_ARGS(_0, _1, _2, _3, _4, _5, _6, _7, _8, _9, _10, _11, _12, _13, _14, _15, _n, \
		     X...) _n
#define COUNT_ARGS(X...) \
	__COUNT_ARGS(, ##X, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0)

/* CONCATENATE - paste @a and @b after expanding both. */
/* Spelled like libc's <sys/cdefs.h> definition, so both can be seen without a warning. */
#ifndef __CONCAT
#define __CONCAT(x, y) x ## y
#endif
#define CONCATENATE(a, b) __CONCAT(a, b)

#endif /* _LINUX_ARGS_H */
