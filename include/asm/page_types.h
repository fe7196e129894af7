/* SPDX-License-Identifier: MIT */
/* Page size constants (x86-64: 4 KiB pages). */
#ifndef _ASM_PAGE_TYPES_H
#define _ASM_PAGE_TYPES_H

#include <linux/const.h>
#include <linux/kconfig.h>

#define PAGE_SHIFT	CONFIG_PAGE_SHIFT
#define PAGE_SIZE	(_AC(1, UL) << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))

#endif /* _ASM_PAGE_TYPES_H */
