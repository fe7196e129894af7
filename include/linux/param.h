/* SPDX-License-Identifier: MIT */
#ifndef _KRT_LINUX_PARAM_H
#define _KRT_LINUX_PARAM_H

/* krt's tick: HZ=250, like Debian's kernels. Defined first so the UAPI header keeps it. */
#ifndef HZ
#define HZ 250
#endif
#include_next <linux/param.h>

#define USER_HZ 100

#endif /* _KRT_LINUX_PARAM_H */
