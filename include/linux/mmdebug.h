/* SPDX-License-Identifier: MIT */
#ifndef LINUX_MM_DEBUG_H
#define LINUX_MM_DEBUG_H 1

#include <linux/bug.h>
#include <linux/stringify.h>
#include <linux/once_lite.h>

/* A bit mask and its name, for printing flag words (%pG..., dump_page()). */
struct trace_print_flags {
	unsigned long mask;
	const char *name;
};

/* GFP flag names in the order %pGg prints them, ending with a NULL name. */
extern const struct trace_print_flags gfpflag_names[];

/* Page flag names (%pGp) and page type names (dump_page()), ending with a NULL name. */
extern const struct trace_print_flags pageflag_names[];
extern const struct trace_print_flags pagetype_names[];

struct page;
struct folio;

/**
 * dump_page - print what a struct page holds (refcount, mapcount, flags, raw words)
 * @page: the page
 * @reason: why, printed as "page dumped because: @reason" (may be NULL)
 */
void dump_page(const struct page *page, const char *reason);

/*
 * The kernel BUG()s on these with CONFIG_DEBUG_VM; krt reports the page and WARNs instead,
 * so that a test of bad input keeps running (the caller then refuses the operation).
 */
#define VM_BUG_ON_PAGE(cond, page)					\
	do {								\
		if (unlikely(cond)) {					\
			dump_page(page, "VM_BUG_ON_PAGE(" __stringify(cond) ")"); \
			WARN_ON(1);					\
		}							\
	} while (0)
#define VM_BUG_ON_FOLIO(cond, folio)	VM_BUG_ON_PAGE(cond, &(folio)->page)
#define VM_WARN_ON_ONCE_PAGE(cond, page)				\
	({								\
		static bool __section_data_once __warned;	\
		int __ret_warn_once = !!(cond);				\
		if (unlikely(__ret_warn_once && !__warned)) {		\
			dump_page(page, "VM_WARN_ON_ONCE_PAGE(" __stringify(cond) ")"); \
			__warned = true;				\
			WARN_ON(1);					\
		}							\
		unlikely(__ret_warn_once);				\
	})
#define VM_WARN_ON_FOLIO(cond, folio)					\
	({								\
		int __ret_warn = !!(cond);				\
		if (unlikely(__ret_warn)) {				\
			dump_page(&(folio)->page, "VM_WARN_ON_FOLIO(" __stringify(cond) ")"); \
			WARN_ON(1);					\
		}							\
		unlikely(__ret_warn);					\
	})
#define VM_WARN_ON_ONCE_FOLIO(cond, folio)	VM_WARN_ON_ONCE_PAGE(cond, &(folio)->page)

#endif /* LINUX_MM_DEBUG_H */
