// SPDX-License-Identifier: MIT
/* Formatting into memory from kmalloc: kasprintf() and friends. */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

/**
 * kvasprintf - format a string into memory from kmalloc
 * @gfp: allocation flags
 * @fmt: format, see krt_vsnprintf()
 * @ap: arguments
 *
 * Return: the string, to be freed with kfree(), or NULL when the allocation failed.
 */
char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	unsigned int first, second;
	va_list aq;
	char *p;

	va_copy(aq, ap);
	first = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);

	p = kmalloc_track_caller(first + 1, gfp);
	if (!p)
		return NULL;

	second = vsnprintf(p, first + 1, fmt, ap);
	/* Only arguments that changed in between (a racing writer) can make these differ. */
	WARN(first != second, "different return values (%u and %u) from vsnprintf(\"%s\", ...)",
	     first, second, fmt);
	return p;
}

/**
 * kvasprintf_const - format a string, sharing constant text instead of copying it
 * @gfp: allocation flags
 * @fmt: format, see krt_vsnprintf()
 * @ap: arguments
 *
 * A format without conversions, or "%s", gives the text itself when kstrdup_const() can share
 * it (read-only data), a copy otherwise.
 *
 * Return: the string, to be freed with kfree_const(), or NULL when the allocation failed.
 */
const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list ap)
{
	if (!strchr(fmt, '%'))
		return kstrdup_const(fmt, gfp);
	if (!strcmp(fmt, "%s"))
		return kstrdup_const(va_arg(ap, const char *), gfp);
	return kvasprintf(gfp, fmt, ap);
}

/**
 * kasprintf - format a string into memory from kmalloc
 * @gfp: allocation flags
 * @fmt: format, see krt_vsnprintf()
 *
 * Return: the string, to be freed with kfree(), or NULL when the allocation failed.
 */
char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = kvasprintf(gfp, fmt, ap);
	va_end(ap);
	return p;
}
