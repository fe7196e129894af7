/* SPDX-License-Identifier: MIT */
/* The pre-6.12 location of the unaligned access helpers. */
#ifndef _KRT_ASM_UNALIGNED_H
#define _KRT_ASM_UNALIGNED_H

#include <linux/unaligned.h>

#endif /* _KRT_ASM_UNALIGNED_H */
