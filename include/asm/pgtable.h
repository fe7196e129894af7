/* SPDX-License-Identifier: MIT */
/*
 * Page protections, as far as krt's mappings use them: vmalloc areas are mapped read-write
 * (PAGE_KERNEL); the other values are accepted and mapped the same way.
 */
#ifndef _ASM_PGTABLE_H
#define _ASM_PGTABLE_H

typedef struct { unsigned long pgprot; } pgprot_t;

#define __pgprot(x)		((pgprot_t){ (x) })
#define pgprot_val(x)		((x).pgprot)

#define _PAGE_PRESENT		0x001UL
#define _PAGE_RW		0x002UL
#define _PAGE_USER		0x004UL
#define _PAGE_NX		(1UL << 63)

#define PAGE_NONE		__pgprot(0)
#define PAGE_KERNEL		__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_NX)
#define PAGE_KERNEL_RO		__pgprot(_PAGE_PRESENT | _PAGE_NX)
#define PAGE_KERNEL_EXEC	__pgprot(_PAGE_PRESENT | _PAGE_RW)
#define PAGE_SHARED		__pgprot(_PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_NX)

/* Alignment that keeps shared mappings of an area cache-coherent (x86: a page). */
#define SHMLBA			4096

#endif /* _ASM_PGTABLE_H */
