/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_EXPORT_H
#define _LINUX_EXPORT_H

/* One process, one symbol table: exports are documentation. */
#define EXPORT_SYMBOL(sym)
#define EXPORT_SYMBOL_GPL(sym)
#define EXPORT_SYMBOL_NS(sym, ns)
#define EXPORT_SYMBOL_NS_GPL(sym, ns)
#define EXPORT_SYMBOL_FOR_TESTS_ONLY(sym)
#define EXPORT_SYMBOL_IF_KUNIT(sym)

#endif /* _LINUX_EXPORT_H */
