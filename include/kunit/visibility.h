/* SPDX-License-Identifier: MIT */
/*
 * Symbols that are static unless KUnit is enabled, so tests can reach them (Linux's
 * include/kunit/visibility.h). KUnit is always enabled in krt.
 */
#ifndef _KUNIT_VISIBILITY_H
#define _KUNIT_VISIBILITY_H

#include <linux/kconfig.h>
#include <linux/export.h>

#if IS_ENABLED(CONFIG_KUNIT)
/* VISIBLE_IF_KUNIT - static without KUnit, global with it. */
#define VISIBLE_IF_KUNIT
#else
#define VISIBLE_IF_KUNIT static
#endif

/* EXPORT_SYMBOL_IF_KUNIT() - krt links everything into one process: nothing to export. */
#ifndef EXPORT_SYMBOL_IF_KUNIT
#define EXPORT_SYMBOL_IF_KUNIT(symbol)
#endif

#endif /* _KUNIT_VISIBILITY_H */
