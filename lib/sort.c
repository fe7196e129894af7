// SPDX-License-Identifier: MIT
/*
 * Array sorting with a bottom-up heapsort: worst case O(n log n), no recursion, no allocation,
 * usable in any context. Not stable (equal elements may be reordered), like the kernel's.
 */
#include <linux/export.h>
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/types.h>

/* How to exchange two elements; the built-in ways are chosen by size and alignment. */
enum sort_swap_kind { SORT_SWAP_U64, SORT_SWAP_U32, SORT_SWAP_BYTES, SORT_SWAP_CALLBACK };

struct sort_ctx {
	char *base;
	size_t size;
	enum sort_swap_kind kind;
	cmp_r_func_t cmp_r;
	swap_r_func_t swap_r;
	/* For sort(): the two-argument callbacks, used when the _r ones are NULL. */
	cmp_func_t cmp_fn;
	swap_func_t swap_fn;
	const void *priv;
};

/* Can elements at @base of @size bytes be moved in @align-byte words? */
static bool sort_words_ok(const void *base, size_t size, size_t align)
{
	return ((uintptr_t)base | size) % align == 0;
}

static void sort_swap(const struct sort_ctx *c, size_t i, size_t j)
{
	char *a = c->base + i * c->size, *b = c->base + j * c->size;
	size_t n;

	switch (c->kind) {
	case SORT_SWAP_U64:
		for (n = 0; n < c->size; n += 8) {
			u64 t = *(u64 *)(a + n);

			*(u64 *)(a + n) = *(u64 *)(b + n);
			*(u64 *)(b + n) = t;
		}
		break;
	case SORT_SWAP_U32:
		for (n = 0; n < c->size; n += 4) {
			u32 t = *(u32 *)(a + n);

			*(u32 *)(a + n) = *(u32 *)(b + n);
			*(u32 *)(b + n) = t;
		}
		break;
	case SORT_SWAP_BYTES:
		for (n = 0; n < c->size; n++) {
			char t = a[n];

			a[n] = b[n];
			b[n] = t;
		}
		break;
	case SORT_SWAP_CALLBACK:
		if (c->swap_r)
			c->swap_r(a, b, (int)c->size, c->priv);
		else
			c->swap_fn(a, b, (int)c->size);
		break;
	}
}

static int sort_cmp(const struct sort_ctx *c, size_t i, size_t j)
{
	const char *a = c->base + i * c->size, *b = c->base + j * c->size;

	if (c->cmp_r)
		return c->cmp_r(a, b, c->priv);
	return c->cmp_fn(a, b);
}

/*
 * Restore the max-heap property below @root in a heap of @n elements. Bottom-up variant: walk
 * down to a leaf along the larger children (one comparison per level), then climb back to
 * where the root element belongs and rotate it into place. This needs about half the
 * comparisons of the textbook sift-down.
 */
static void sort_sift_down(const struct sort_ctx *c, size_t root, size_t n)
{
	size_t leaf = root, child;

	while ((child = 2 * leaf + 1) < n) {
		if (child + 1 < n && sort_cmp(c, child + 1, child) > 0)
			child++;
		leaf = child;
	}
	/* Climb until an element not smaller than the root value. */
	while (leaf != root && sort_cmp(c, root, leaf) > 0)
		leaf = (leaf - 1) / 2;
	/* Rotate: the root value goes to @leaf, everything on the path moves up one level. */
	while (leaf != root) {
		sort_swap(c, root, leaf);
		leaf = (leaf - 1) / 2;
	}
}

static void sort_run(struct sort_ctx *c, size_t num)
{
	size_t i;

	if (num < 2 || !c->size)
		return;
	if (c->kind != SORT_SWAP_CALLBACK) {
		if (sort_words_ok(c->base, c->size, 8))
			c->kind = SORT_SWAP_U64;
		else if (sort_words_ok(c->base, c->size, 4))
			c->kind = SORT_SWAP_U32;
		else
			c->kind = SORT_SWAP_BYTES;
	}

	for (i = num / 2; i-- > 0;)
		sort_sift_down(c, i, num);
	for (i = num - 1; i > 0; i--) {
		/* The largest remaining element goes to the end of the unsorted part. */
		sort_swap(c, 0, i);
		sort_sift_down(c, 0, i);
	}
}

/**
 * sort_r - sort an array, with a context pointer for the callbacks
 * @base: the array
 * @num: the number of elements
 * @size: the size of an element
 * @cmp_func: returns <0, 0 or >0 as its first argument sorts before, with or after the second
 * @swap_func: exchanges two elements, or NULL for a plain byte exchange
 * @priv: passed to both callbacks
 *
 * Heapsort: O(n log n) in the worst case, in place, not stable.
 */
void sort_r(void *base, size_t num, size_t size, cmp_r_func_t cmp_func,
	    swap_r_func_t swap_func, const void *priv)
{
	struct sort_ctx c = {
		.base = base, .size = size, .cmp_r = cmp_func, .swap_r = swap_func,
		.priv = priv, .kind = swap_func ? SORT_SWAP_CALLBACK : SORT_SWAP_BYTES,
	};

	sort_run(&c, num);
}
EXPORT_SYMBOL(sort_r);

/**
 * sort - sort an array
 * @base: the array
 * @num: the number of elements
 * @size: the size of an element
 * @cmp_func: returns <0, 0 or >0 as its first argument sorts before, with or after the second
 * @swap_func: exchanges two elements, or NULL for a plain byte exchange
 *
 * Heapsort: O(n log n) in the worst case, in place, not stable.
 */
void sort(void *base, size_t num, size_t size, cmp_func_t cmp_func, swap_func_t swap_func)
{
	struct sort_ctx c = {
		.base = base, .size = size, .cmp_fn = cmp_func, .swap_fn = swap_func,
		.kind = swap_func ? SORT_SWAP_CALLBACK : SORT_SWAP_BYTES,
	};

	sort_run(&c, num);
}
EXPORT_SYMBOL(sort);
