/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_ERRNAME_H
#define _LINUX_ERRNAME_H

/* errname(-EIO) is "-EIO", errname(EIO) is "EIO"; NULL for numbers without a name. */
const char *errname(int err);

#endif /* _LINUX_ERRNAME_H */
