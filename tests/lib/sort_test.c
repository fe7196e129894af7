// SPDX-License-Identifier: MIT
/* sort() and sort_r(): ordering, element sizes and alignments, custom swap, comparison count. */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/prandom.h>
#include <linux/sort.h>
#include <linux/string.h>

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_int_r(const void *a, const void *b, const void *priv)
{
	unsigned long *calls = (unsigned long *)priv;

	(*calls)++;
	return cmp_int(a, b);
}

static void sort_ints(struct kunit *test)
{
	int n, i, *a;
	struct rnd_state rnd;
	unsigned long calls;

	prandom_seed_state(&rnd, 7);
	for (n = 0; n <= 1000; n = n ? n * 3 + 1 : 1) {
		a = kunit_kmalloc_array(test, n + 1, sizeof(*a), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, a);
		for (i = 0; i < n; i++)
			a[i] = (int)(prandom_u32_state(&rnd) % 100) - 50;
		a[n] = 12345;	/* guard: must not move */
		calls = 0;
		sort_r(a, n, sizeof(*a), cmp_int_r, NULL, &calls);
		for (i = 1; i < n; i++)
			KUNIT_EXPECT_LE(test, a[i - 1], a[i]);
		KUNIT_EXPECT_EQ(test, a[n], 12345);
		/* Heapsort bound: about 2 n log2 n comparisons at most. */
		if (n > 1)
			KUNIT_EXPECT_LE(test, calls, 2UL * n * (ilog2(n) + 1));
	}
}

static void sort_sorted_and_reversed(struct kunit *test)
{
	int a[100], i;

	for (i = 0; i < 100; i++)
		a[i] = i;
	sort(a, 100, sizeof(int), cmp_int, NULL);
	for (i = 0; i < 100; i++)
		KUNIT_EXPECT_EQ(test, a[i], i);
	for (i = 0; i < 100; i++)
		a[i] = 100 - i;
	sort(a, 100, sizeof(int), cmp_int, NULL);
	for (i = 0; i < 100; i++)
		KUNIT_EXPECT_EQ(test, a[i], i + 1);
}

struct rec {
	u64 key;
	char name[11];	/* odd size: the byte-wise swap */
} __packed;

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static int cmp_u16(const void *a, const void *b)
{
	return *(const u16 *)a - *(const u16 *)b;
}

struct wide {
	u64 key;
	u64 payload[3];
};

static int cmp_wide(const void *a, const void *b)
{
	const struct wide *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

static void sort_element_sizes(struct kunit *test)
{
	struct rec recs[50];
	struct wide wides[50];
	u16 shorts[50];
	struct rnd_state rnd;
	int i;

	prandom_seed_state(&rnd, 99);
	for (i = 0; i < 50; i++) {
		recs[i].key = prandom_u32_state(&rnd);
		snprintf(recs[i].name, sizeof(recs[i].name), "r%llu", recs[i].key % 1000);
		wides[i].key = prandom_u32_state(&rnd);
		wides[i].payload[0] = wides[i].key * 3;
		wides[i].payload[2] = ~wides[i].key;
		shorts[i] = prandom_u32_state(&rnd);
	}
	sort(recs, 50, sizeof(recs[0]), cmp_rec, NULL);
	sort(wides, 50, sizeof(wides[0]), cmp_wide, NULL);
	for (i = 1; i < 50; i++) {
		char name[11];

		KUNIT_EXPECT_LE(test, recs[i - 1].key, recs[i].key);
		/* Records moved as a whole. */
		snprintf(name, sizeof(name), "r%llu", recs[i].key % 1000);
		KUNIT_EXPECT_STREQ(test, recs[i].name, name);
		KUNIT_EXPECT_LE(test, wides[i - 1].key, wides[i].key);
		KUNIT_EXPECT_EQ(test, wides[i].payload[0], wides[i].key * 3);
		KUNIT_EXPECT_EQ(test, wides[i].payload[2], ~wides[i].key);
	}
	/* u16 elements: 2-byte size, moved byte-wise (not word aligned). */
	sort(shorts, 50, sizeof(u16), cmp_u16, NULL);
	for (i = 1; i < 50; i++)
		KUNIT_EXPECT_LE(test, shorts[i - 1], shorts[i]);
}

static unsigned long swaps;

static void count_swap(void *a, void *b, int size)
{
	int t = *(int *)a;

	KUNIT_EXPECT_EQ(kunit_get_current_test(), size, (int)sizeof(int));
	*(int *)a = *(int *)b;
	*(int *)b = t;
	swaps++;
}

static void swap_r(void *a, void *b, int size, const void *priv)
{
	(*(unsigned long *)priv)++;
	count_swap(a, b, size);
}

static int cmp_int_noted(const void *a, const void *b, const void *priv)
{
	/* The same @priv reaches both callbacks. */
	KUNIT_EXPECT_NOT_NULL(kunit_get_current_test(), priv);
	return cmp_int(a, b);
}

static void sort_custom_swap(struct kunit *test)
{
	int a[] = { 5, 3, 9, 1, 7 };
	unsigned long priv_swaps = 0;

	swaps = 0;
	sort(a, ARRAY_SIZE(a), sizeof(int), cmp_int, count_swap);
	KUNIT_EXPECT_GT(test, swaps, 0UL);
	KUNIT_EXPECT_EQ(test, a[0], 1);
	KUNIT_EXPECT_EQ(test, a[4], 9);

	a[0] = 9;
	a[4] = 1;
	sort_r(a, ARRAY_SIZE(a), sizeof(int), cmp_int_noted, swap_r, &priv_swaps);
	KUNIT_EXPECT_GT(test, priv_swaps, 0UL);
	KUNIT_EXPECT_EQ(test, a[0], 1);
	KUNIT_EXPECT_EQ(test, a[4], 9);
}

static struct kunit_case sort_test_cases[] = {
	KUNIT_CASE(sort_ints),
	KUNIT_CASE(sort_sorted_and_reversed),
	KUNIT_CASE(sort_element_sizes),
	KUNIT_CASE(sort_custom_swap),
	{}
};

static struct kunit_suite sort_test_suite = {
	.name = "krt-sort",
	.test_cases = sort_test_cases,
};
kunit_test_suite(sort_test_suite);
