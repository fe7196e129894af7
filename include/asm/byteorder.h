/* SPDX-License-Identifier: MIT */
/* The CPU's byte order; the UAPI header pulls in krt's <linux/byteorder/little_endian.h>. */
#ifndef _KRT_ASM_BYTEORDER_H
#define _KRT_ASM_BYTEORDER_H

#include_next <asm/byteorder.h>
#include <linux/byteorder/little_endian.h>

#endif /* _KRT_ASM_BYTEORDER_H */
