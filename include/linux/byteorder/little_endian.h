/* SPDX-License-Identifier: MIT */
/* x86-64 is little-endian: the UAPI __cpu_to_le32() family, then the kernel names. */
#ifndef _KRT_LINUX_BYTEORDER_LITTLE_ENDIAN_H
#define _KRT_LINUX_BYTEORDER_LITTLE_ENDIAN_H

#include_next <linux/byteorder/little_endian.h>

#include <linux/swab.h>
#include <linux/byteorder/generic.h>

#endif /* _KRT_LINUX_BYTEORDER_LITTLE_ENDIAN_H */
