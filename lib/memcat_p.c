// SPDX-License-Identifier: MIT
/* Concatenating NULL-terminated pointer arrays. */
#include <linux/export.h>
#include <linux/slab.h>
#include <linux/string.h>

/**
 * __memcat_p - concatenate two NULL-terminated pointer arrays
 * @a: the first array
 * @b: the second array
 *
 * Use memcat_p(), which checks that both arrays have the same type.
 *
 * Return: a new kmalloc'ed NULL-terminated array holding the pointers of @a then @b (free it
 * with kfree()), or NULL if the allocation failed.
 */
void **__memcat_p(void **a, void **b)
{
	size_t na = 0, nb = 0;
	void **new;

	while (a[na])
		na++;
	while (b[nb])
		nb++;
	new = kmalloc_array(na + nb + 1, sizeof(void *), GFP_KERNEL);
	if (!new)
		return NULL;
	memcpy(new, a, na * sizeof(void *));
	memcpy(new + na, b, nb * sizeof(void *));
	new[na + nb] = NULL;
	return new;
}
EXPORT_SYMBOL_GPL(__memcat_p);
