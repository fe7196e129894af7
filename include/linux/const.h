/* SPDX-License-Identifier: MIT */
/* Constant helpers: the UAPI ones (_AC, _UL, _BITUL, __ALIGN_KERNEL, ...) plus UL()/ULL(). */
#ifndef _KRT_LINUX_CONST_H
#define _KRT_LINUX_CONST_H

#include_next <linux/const.h>

#define UL(x)		(_UL(x))
#define ULL(x)		(_ULL(x))

#endif /* _KRT_LINUX_CONST_H */
