/* SPDX-License-Identifier: MIT */
/* Byte swapping: the UAPI __swab*() helpers under their kernel names, plus array forms. */
#ifndef _KRT_LINUX_SWAB_H
#define _KRT_LINUX_SWAB_H

#include_next <linux/swab.h>

#include <linux/types.h>

#define swab16 __swab16
#define swab32 __swab32
#define swab64 __swab64
#define swab __swab
#define swahw32 __swahw32
#define swahb32 __swahb32
#define swab16p __swab16p
#define swab32p __swab32p
#define swab64p __swab64p
#define swahw32p __swahw32p
#define swahb32p __swahb32p
#define swab16s __swab16s
#define swab32s __swab32s
#define swab64s __swab64s
#define swahw32s __swahw32s
#define swahb32s __swahb32s

/* swab16_array - byte-swap @words u16 values in place. */
static inline void swab16_array(u16 *buf, unsigned int words)
{
	for (; words; words--, buf++)
		swab16s(buf);
}

/* swab32_array - byte-swap @words u32 values in place. */
static inline void swab32_array(u32 *buf, unsigned int words)
{
	for (; words; words--, buf++)
		swab32s(buf);
}

/* swab64_array - byte-swap @words u64 values in place. */
static inline void swab64_array(u64 *buf, unsigned int words)
{
	for (; words; words--, buf++)
		swab64s(buf);
}

#endif /* _KRT_LINUX_SWAB_H */
