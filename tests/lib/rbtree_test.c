// SPDX-License-Identifier: MIT
/*
 * Red-black trees: a checker of the red-black rules and of the parent links runs after every
 * change, and the in-order walk (both directions) is compared with a sorted array kept beside
 * the tree, through 10,000 random inserts and erases with duplicate keys.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/prandom.h>
#include <linux/rbtree.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>

struct rbt_item {
	int key;
	int id;
	bool visited;
	struct rb_node node;	/* in a struct rb_root */
	struct rb_node cnode;	/* in a struct rb_root_cached */
};

#define node_item(n)	rb_entry(n, struct rbt_item, node)
#define cnode_item(n)	rb_entry(n, struct rbt_item, cnode)

static bool item_less(struct rb_node *a, const struct rb_node *b)
{
	return node_item(a)->key < node_item(b)->key;
}

static bool citem_less(struct rb_node *a, const struct rb_node *b)
{
	return cnode_item(a)->key < cnode_item(b)->key;
}

static int item_cmp_key(const void *key, const struct rb_node *n)
{
	int k = *(const int *)key, nk = node_item(n)->key;

	return k < nk ? -1 : k > nk;
}

static int item_cmp(struct rb_node *a, const struct rb_node *b)
{
	return item_cmp_key(&node_item(a)->key, b);
}

/* Bit 0 of __rb_parent_color is the colour, set for black (Linux's encoding). */
static bool node_black(const struct rb_node *n)
{
	return !n || (n->__rb_parent_color & 1);
}

/* What rbt_check() found: the node count, the height, and the first broken rule. */
struct rbt_report {
	int count;
	int height;
	const char *error;
	const struct rb_node *where;
};

static void rbt_fail(struct rbt_report *r, const struct rb_node *n, const char *what)
{
	if (!r->error) {
		r->error = what;
		r->where = n;
	}
}

/* Check the subtree at @n, child of @parent; returns its black height (leaves count 1). */
static int rbt_check_subtree(const struct rb_node *n, const struct rb_node *parent, int depth,
			     struct rbt_report *r)
{
	int lh, rh;

	if (!n)
		return 1;
	if (depth > 128) {
		rbt_fail(r, n, "tree deeper than 128 (a loop?)");
		return 1;
	}
	r->count++;
	if (depth > r->height)
		r->height = depth;
	if (rb_parent(n) != parent)
		rbt_fail(r, n, "parent pointer does not point to the parent");
	if (n->__rb_parent_color & 2)
		rbt_fail(r, n, "bit 1 of __rb_parent_color set");
	if (!node_black(n) && (!node_black(n->rb_left) || !node_black(n->rb_right)))
		rbt_fail(r, n, "red node with a red child");
	lh = rbt_check_subtree(n->rb_left, n, depth + 1, r);
	rh = rbt_check_subtree(n->rb_right, n, depth + 1, r);
	if (lh != rh)
		rbt_fail(r, n, "black heights of the subtrees differ");
	return lh + node_black(n);
}

/* Assert the red-black rules over @root, and that it holds @count nodes. */
static void rbt_check(struct kunit *test, const struct rb_root *root, int count)
{
	struct rbt_report r = {};

	if (root->rb_node) {
		if (!node_black(root->rb_node))
			rbt_fail(&r, root->rb_node, "red root");
		if (rb_parent(root->rb_node))
			rbt_fail(&r, root->rb_node, "root has a parent");
	}
	rbt_check_subtree(root->rb_node, NULL, 1, &r);
	KUNIT_ASSERT_NULL_MSG(test, r.error, "%s at node %px", r.error, r.where);
	KUNIT_ASSERT_EQ(test, r.count, count);
	/* What the rules guarantee: height <= 2 * log2(n + 1). */
	KUNIT_ASSERT_LE(test, r.height, 2 * (ilog2(count + 1) + 1));
	KUNIT_ASSERT_EQ(test, RB_EMPTY_ROOT(root), count == 0);
}

/*
 * Assert that the in-order walk of @root, forwards and backwards, gives exactly the items of
 * @model[0..n) (by identity, so the order among equal keys is checked too). @cached: the items
 * are linked through their cnode member.
 */
static void rbt_expect_order(struct kunit *test, const struct rb_root *root,
			     struct rbt_item **model, int n, bool cached)
{
	struct rb_node *pos;
	int i = 0;

	for (pos = rb_first(root); pos; pos = rb_next(pos), i++) {
		KUNIT_ASSERT_LT(test, i, n);
		KUNIT_ASSERT_PTR_EQ_MSG(test, pos, cached ? &model[i]->cnode : &model[i]->node,
					"forward walk, position %d", i);
	}
	KUNIT_ASSERT_EQ(test, i, n);

	for (pos = rb_last(root); pos; pos = rb_prev(pos)) {
		i--;
		KUNIT_ASSERT_GE(test, i, 0);
		KUNIT_ASSERT_PTR_EQ_MSG(test, pos, cached ? &model[i]->cnode : &model[i]->node,
					"backward walk, position %d", i);
	}
	KUNIT_ASSERT_EQ(test, i, 0);
}

/* The position after the last model entry whose key is <= @key: where rb_add() puts @key. */
static int model_upper_bound(struct rbt_item **model, int n, int key)
{
	int lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (model[mid]->key <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Insert by hand, as most kernel code does: the search, rb_link_node(), rb_insert_color(). */
static void rbt_insert_by_hand(struct rb_root *root, struct rbt_item *item)
{
	struct rb_node **link = &root->rb_node, *parent = NULL;

	while (*link) {
		parent = *link;
		if (item->key < node_item(parent)->key)
			link = &parent->rb_left;
		else
			link = &parent->rb_right;
	}
	rb_link_node(&item->node, parent, link);
	rb_insert_color(&item->node, root);
}

#define RANDOM_ITEMS	600
#define RANDOM_OPS	10000
#define RANDOM_KEYS	300	/* fewer keys than items: plenty of duplicates */

/*
 * Random inserts and erases, each applied to a plain tree (inserted by hand) and to a cached
 * one (rb_add_cached()/rb_erase_cached()), checked against a sorted array after every batch.
 */
static void rbtree_random_ops(struct kunit *test)
{
	struct rbt_item *items, **model, **free_items, *item;
	struct rb_root_cached croot = RB_ROOT_CACHED;
	struct rb_root root = RB_ROOT;
	struct rb_node *ret, *expect;
	int n = 0, nfree = 0, op, i, idx, batch = 0;
	struct rnd_state rnd;
	u32 r;

	items = kunit_kcalloc(test, RANDOM_ITEMS, sizeof(*items), GFP_KERNEL);
	model = kunit_kcalloc(test, RANDOM_ITEMS, sizeof(*model), GFP_KERNEL);
	free_items = kunit_kcalloc(test, RANDOM_ITEMS, sizeof(*free_items), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	KUNIT_ASSERT_NOT_NULL(test, model);
	KUNIT_ASSERT_NOT_NULL(test, free_items);
	for (i = 0; i < RANDOM_ITEMS; i++) {
		items[i].id = i;
		free_items[nfree++] = &items[i];
	}
	prandom_seed_state(&rnd, 20241212);

	for (op = 0; op < RANDOM_OPS; op++) {
		r = prandom_u32_state(&rnd);
		/* Drift between growing and shrinking so that sizes from 0 to full occur. */
		if (n == 0 || (nfree && (r % 100) < ((op / 1000) % 2 ? 30u : 70u))) {
			item = free_items[--nfree];
			item->key = prandom_u32_state(&rnd) % RANDOM_KEYS;
			idx = model_upper_bound(model, n, item->key);
			memmove(&model[idx + 1], &model[idx], (n - idx) * sizeof(*model));
			model[idx] = item;
			n++;

			rbt_insert_by_hand(&root, item);
			ret = rb_add_cached(&item->cnode, &croot, citem_less);
			KUNIT_ASSERT_PTR_EQ_MSG(test, ret, idx == 0 ? &item->cnode : NULL,
						"rb_add_cached() return, op %d", op);
		} else {
			idx = prandom_u32_state(&rnd) % n;
			item = model[idx];
			expect = idx == 0 && n > 1 ? &model[1]->cnode : NULL;
			memmove(&model[idx], &model[idx + 1], (n - idx - 1) * sizeof(*model));
			n--;
			free_items[nfree++] = item;

			rb_erase(&item->node, &root);
			ret = rb_erase_cached(&item->cnode, &croot);
			KUNIT_ASSERT_PTR_EQ_MSG(test, ret, expect,
						"rb_erase_cached() return, op %d", op);
		}

		/* The cheap checks every time; the full ones after batches of 1..16 ops. */
		KUNIT_ASSERT_PTR_EQ(test, rb_first_cached(&croot), n ? &model[0]->cnode : NULL);
		KUNIT_ASSERT_PTR_EQ(test, rb_first(&root), n ? &model[0]->node : NULL);
		KUNIT_ASSERT_PTR_EQ(test, rb_last(&root), n ? &model[n - 1]->node : NULL);
		if (--batch > 0 && op != RANDOM_OPS - 1)
			continue;
		batch = 1 + prandom_u32_state(&rnd) % 16;
		rbt_check(test, &root, n);
		rbt_check(test, &croot.rb_root, n);
		rbt_expect_order(test, &root, model, n, false);
		rbt_expect_order(test, &croot.rb_root, model, n, true);
	}

	/* Then erase everything left, from the front of the cached tree. */
	while (n) {
		item = model[0];
		memmove(&model[0], &model[1], (n - 1) * sizeof(*model));
		n--;
		rb_erase(&item->node, &root);
		ret = rb_erase_cached(&item->cnode, &croot);
		KUNIT_ASSERT_PTR_EQ(test, ret, n ? &model[0]->cnode : NULL);
		rbt_check(test, &root, n);
		rbt_check(test, &croot.rb_root, n);
	}
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&root));
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&croot.rb_root));
	KUNIT_EXPECT_NULL(test, rb_first_cached(&croot));
}

/* Sorted and reverse-sorted input, the classic worst cases of unbalanced trees. */
static void rbtree_sequential(struct kunit *test)
{
	const int nr = 1024;
	struct rbt_item *items, **model;
	struct rb_root root = RB_ROOT;
	int i, pass;

	items = kunit_kcalloc(test, nr, sizeof(*items), GFP_KERNEL);
	model = kunit_kcalloc(test, nr, sizeof(*model), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	KUNIT_ASSERT_NOT_NULL(test, model);

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < nr; i++) {
			items[i].key = pass ? nr - i : i;
			model[pass ? nr - 1 - i : i] = &items[i];
		}
		for (i = 0; i < nr; i++) {
			rb_add(&items[i].node, &root, item_less);
			rbt_check(test, &root, i + 1);
		}
		rbt_expect_order(test, &root, model, nr, false);
		/* Erase every other node, then the rest from the back. */
		for (i = 0; i < nr; i += 2)
			rb_erase(&items[i].node, &root);
		rbt_check(test, &root, nr / 2);
		for (i = nr - 1; i > 0; i -= 2) {
			rb_erase(&items[i].node, &root);
			rbt_check(test, &root, i / 2);
		}
		KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&root));
	}
}

static void rbtree_empty_and_single(struct kunit *test)
{
	struct rb_root_cached croot = RB_ROOT_CACHED;
	struct rb_root root = RB_ROOT;
	struct rbt_item a = { .key = 1 };
	struct rb_node *null_node = NULL;

	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&root));
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&croot.rb_root));
	KUNIT_EXPECT_NULL(test, croot.rb_leftmost);
	KUNIT_EXPECT_NULL(test, rb_first(&root));
	KUNIT_EXPECT_NULL(test, rb_last(&root));
	KUNIT_EXPECT_NULL(test, rb_first_postorder(&root));
	KUNIT_EXPECT_NULL(test, rb_next_postorder(NULL));
	KUNIT_EXPECT_NULL(test, rb_first_cached(&croot));
	KUNIT_EXPECT_NULL(test, rb_entry_safe(null_node, struct rbt_item, node));

	RB_CLEAR_NODE(&a.node);
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_NODE(&a.node));
	/* A node marked as in no tree has no neighbours. */
	KUNIT_EXPECT_NULL(test, rb_next(&a.node));
	KUNIT_EXPECT_NULL(test, rb_prev(&a.node));

	rb_add(&a.node, &root, item_less);
	KUNIT_EXPECT_FALSE(test, RB_EMPTY_NODE(&a.node));
	KUNIT_EXPECT_FALSE(test, RB_EMPTY_ROOT(&root));
	KUNIT_EXPECT_PTR_EQ(test, root.rb_node, &a.node);
	KUNIT_EXPECT_NULL(test, rb_parent(&a.node));
	KUNIT_EXPECT_TRUE(test, node_black(&a.node));
	KUNIT_EXPECT_PTR_EQ(test, rb_entry_safe(root.rb_node, struct rbt_item, node), &a);
	KUNIT_EXPECT_PTR_EQ(test, rb_first(&root), &a.node);
	KUNIT_EXPECT_PTR_EQ(test, rb_last(&root), &a.node);
	KUNIT_EXPECT_PTR_EQ(test, rb_first_postorder(&root), &a.node);
	KUNIT_EXPECT_NULL(test, rb_next_postorder(&a.node));
	KUNIT_EXPECT_NULL(test, rb_next(&a.node));
	KUNIT_EXPECT_NULL(test, rb_prev(&a.node));
	rb_erase(&a.node, &root);
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&root));

	KUNIT_EXPECT_PTR_EQ(test, rb_add_cached(&a.cnode, &croot, citem_less), &a.cnode);
	KUNIT_EXPECT_PTR_EQ(test, rb_first_cached(&croot), &a.cnode);
	KUNIT_EXPECT_NULL(test, rb_erase_cached(&a.cnode, &croot));
	KUNIT_EXPECT_NULL(test, rb_first_cached(&croot));
	KUNIT_EXPECT_TRUE(test, RB_EMPTY_ROOT(&croot.rb_root));
}

/* Walks in both directions, from any node, over a tree of distinct keys. */
static void rbtree_iteration(struct kunit *test)
{
	const int nr = 257;
	struct rbt_item *items, *it;
	struct rb_root root = RB_ROOT;
	struct rb_node *pos;
	struct rnd_state rnd;
	int i, j, k, *perm, tmp;

	items = kunit_kcalloc(test, nr, sizeof(*items), GFP_KERNEL);
	perm = kunit_kcalloc(test, nr, sizeof(*perm), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	KUNIT_ASSERT_NOT_NULL(test, perm);
	prandom_seed_state(&rnd, 42);
	for (i = 0; i < nr; i++)
		perm[i] = i;
	for (i = nr - 1; i > 0; i--) {
		j = prandom_u32_state(&rnd) % (i + 1);
		tmp = perm[i];
		perm[i] = perm[j];
		perm[j] = tmp;
	}
	/* Key 2 * i, inserted in a shuffled order. */
	for (i = 0; i < nr; i++) {
		items[perm[i]].key = 2 * perm[i];
		rb_add(&items[perm[i]].node, &root, item_less);
	}
	rbt_check(test, &root, nr);

	i = 0;
	for (pos = rb_first(&root); pos; pos = rb_next(pos))
		KUNIT_ASSERT_EQ(test, node_item(pos)->key, 2 * i++);
	KUNIT_EXPECT_EQ(test, i, nr);
	for (pos = rb_last(&root); pos; pos = rb_prev(pos))
		KUNIT_ASSERT_EQ(test, node_item(pos)->key, 2 * --i);
	KUNIT_EXPECT_EQ(test, i, 0);

	/* From every node, a few steps each way. */
	for (i = 0; i < nr; i++) {
		pos = &items[i].node;
		for (k = 1; k <= 3; k++) {
			pos = rb_next(pos);
			if (i + k >= nr) {
				KUNIT_ASSERT_NULL(test, pos);
				break;
			}
			KUNIT_ASSERT_PTR_EQ(test, pos, &items[i + k].node);
		}
		pos = &items[i].node;
		for (k = 1; k <= 3; k++) {
			pos = rb_prev(pos);
			if (i - k < 0) {
				KUNIT_ASSERT_NULL(test, pos);
				break;
			}
			KUNIT_ASSERT_PTR_EQ(test, pos, &items[i - k].node);
		}
	}

	/* rb_entry_safe() over a walk that runs off the end. */
	it = rb_entry_safe(rb_next(&items[nr - 2].node), struct rbt_item, node);
	KUNIT_EXPECT_PTR_EQ(test, it, &items[nr - 1]);
	it = rb_entry_safe(rb_next(&it->node), struct rbt_item, node);
	KUNIT_EXPECT_NULL(test, it);
}

/* Postorder: children before parents, every node once; then free a tree with it. */
static void rbtree_postorder(struct kunit *test)
{
	const int nr = 300;
	struct rb_root root = RB_ROOT;
	struct rbt_item *it, *next;
	struct rb_node *pos, *parent;
	struct rnd_state rnd;
	int i, visited = 0, freed = 0;

	prandom_seed_state(&rnd, 7);
	for (i = 0; i < nr; i++) {
		it = kzalloc(sizeof(*it), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, it);
		it->key = prandom_u32_state(&rnd) % 1000;
		it->id = i;
		rb_add(&it->node, &root, item_less);
	}
	rbt_check(test, &root, nr);

	for (pos = rb_first_postorder(&root); pos; pos = rb_next_postorder(pos)) {
		it = node_item(pos);
		KUNIT_ASSERT_FALSE_MSG(test, it->visited, "node visited twice");
		if (pos->rb_left)
			KUNIT_ASSERT_TRUE(test, node_item(pos->rb_left)->visited);
		if (pos->rb_right)
			KUNIT_ASSERT_TRUE(test, node_item(pos->rb_right)->visited);
		parent = rb_parent(pos);
		if (parent)
			KUNIT_ASSERT_FALSE(test, node_item(parent)->visited);
		else
			KUNIT_EXPECT_PTR_EQ(test, pos, root.rb_node);
		it->visited = true;
		visited++;
	}
	KUNIT_EXPECT_EQ(test, visited, nr);

	/* The first node is the leftmost leaf reached going left whenever possible. */
	pos = root.rb_node;
	while (pos->rb_left || pos->rb_right)
		pos = pos->rb_left ? pos->rb_left : pos->rb_right;
	KUNIT_EXPECT_PTR_EQ(test, rb_first_postorder(&root), pos);

	/* Freeing each entry as it is visited: the case-end leak check sees them all freed. */
	rbtree_postorder_for_each_entry_safe(it, next, &root, node) {
		kfree(it);
		freed++;
	}
	KUNIT_EXPECT_EQ(test, freed, nr);
	root = RB_ROOT;
}

/* rb_replace_node() at the root, inside, at a leaf; the _cached and _rcu variants. */
static void rbtree_replace(struct kunit *test)
{
	const int nr = 63;
	struct rb_root_cached croot = RB_ROOT_CACHED;
	struct rbt_item *items, *repl, **model, **cmodel;
	struct rb_root root = RB_ROOT;
	struct rb_node *victim, *leaf, *inner;
	int i, k;

	items = kunit_kcalloc(test, nr, sizeof(*items), GFP_KERNEL);
	repl = kunit_kcalloc(test, 7, sizeof(*repl), GFP_KERNEL);
	model = kunit_kcalloc(test, nr, sizeof(*model), GFP_KERNEL);
	cmodel = kunit_kcalloc(test, nr, sizeof(*cmodel), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	KUNIT_ASSERT_NOT_NULL(test, repl);
	KUNIT_ASSERT_NOT_NULL(test, model);
	KUNIT_ASSERT_NOT_NULL(test, cmodel);
	for (i = 0; i < nr; i++) {
		items[i].key = (i * 37) % nr;	/* a permutation of 0..nr-1 */
		model[items[i].key] = &items[i];
		cmodel[items[i].key] = &items[i];
		rb_add(&items[i].node, &root, item_less);
		rb_add_cached(&items[i].cnode, &croot, citem_less);
	}

	/* The root. */
	victim = root.rb_node;
	k = node_item(victim)->key;
	repl[0].key = k;
	rb_replace_node(victim, &repl[0].node, &root);
	model[k] = &repl[0];
	KUNIT_EXPECT_PTR_EQ(test, root.rb_node, &repl[0].node);
	rbt_check(test, &root, nr);
	rbt_expect_order(test, &root, model, nr, false);

	/* A leaf, and an inner node that is neither root nor leaf. */
	for (leaf = root.rb_node; leaf->rb_left || leaf->rb_right;)
		leaf = leaf->rb_right ? leaf->rb_right : leaf->rb_left;
	k = node_item(leaf)->key;
	repl[1].key = k;
	rb_replace_node(leaf, &repl[1].node, &root);
	model[k] = &repl[1];
	inner = root.rb_node->rb_left;
	KUNIT_ASSERT_TRUE(test, inner->rb_left && inner->rb_right);
	k = node_item(inner)->key;
	repl[2].key = k;
	rb_replace_node(inner, &repl[2].node, &root);
	model[k] = &repl[2];
	rbt_check(test, &root, nr);
	rbt_expect_order(test, &root, model, nr, false);

	/* The RCU flavour produces the same tree: a right child, then a left child. */
	victim = rb_last(&root);
	k = node_item(victim)->key;
	repl[3].key = k;
	rb_replace_node_rcu(victim, &repl[3].node, &root);
	model[k] = &repl[3];
	victim = rb_first(&root);
	KUNIT_ASSERT_PTR_EQ(test, rb_parent(victim)->rb_left, victim);
	k = node_item(victim)->key;
	repl[5].key = k;
	rb_replace_node_rcu(victim, &repl[5].node, &root);
	model[k] = &repl[5];
	victim = root.rb_node;
	k = node_item(victim)->key;
	repl[6].key = k;
	rb_replace_node_rcu(victim, &repl[6].node, &root);
	model[k] = &repl[6];
	KUNIT_EXPECT_PTR_EQ(test, root.rb_node, &repl[6].node);
	rbt_check(test, &root, nr);
	rbt_expect_order(test, &root, model, nr, false);

	/* Replacing the leftmost node of a cached tree moves the cache with it. */
	victim = rb_first_cached(&croot);
	KUNIT_ASSERT_PTR_EQ(test, victim, &cmodel[0]->cnode);
	repl[4].key = 0;
	rb_replace_node_cached(victim, &repl[4].cnode, &croot);
	cmodel[0] = &repl[4];
	KUNIT_EXPECT_PTR_EQ(test, rb_first_cached(&croot), &repl[4].cnode);
	rbt_check(test, &croot.rb_root, nr);
	rbt_expect_order(test, &croot.rb_root, cmodel, nr, true);
	/* ...and erasing it from there hands the cache on. */
	KUNIT_EXPECT_PTR_EQ(test, rb_erase_cached(&repl[4].cnode, &croot), &cmodel[1]->cnode);
	KUNIT_EXPECT_PTR_EQ(test, rb_first_cached(&croot), &cmodel[1]->cnode);
	rbt_check(test, &croot.rb_root, nr - 1);
}

/* The leftmost cache, kept by rb_insert_color_cached() for code that searches by hand. */
static void rbtree_cached_by_hand(struct kunit *test)
{
	static const int keys[] = { 50, 30, 70, 30, 10, 90, 10, 5, 60 };
	struct rb_root_cached croot = RB_ROOT_CACHED;
	struct rbt_item items[ARRAY_SIZE(keys)];
	struct rb_node **link, *parent, *ret;
	bool leftmost;
	int i, min = INT_MAX;

	memset(items, 0, sizeof(items));
	for (i = 0; i < ARRAY_SIZE(keys); i++) {
		items[i].key = keys[i];
		link = &croot.rb_root.rb_node;
		parent = NULL;
		leftmost = true;
		while (*link) {
			parent = *link;
			if (keys[i] < cnode_item(parent)->key) {
				link = &parent->rb_left;
			} else {
				link = &parent->rb_right;
				leftmost = false;
			}
		}
		rb_link_node(&items[i].cnode, parent, link);
		rb_insert_color_cached(&items[i].cnode, &croot, leftmost);
		/* Equal keys go after the present ones: only a strictly smaller key leads. */
		KUNIT_EXPECT_EQ(test, leftmost, keys[i] < min);
		if (keys[i] < min)
			min = keys[i];
		KUNIT_EXPECT_PTR_EQ(test, rb_first_cached(&croot), rb_first(&croot.rb_root));
		rbt_check(test, &croot.rb_root, i + 1);
	}
	KUNIT_EXPECT_EQ(test, cnode_item(rb_first_cached(&croot))->key, 5);

	/* Erasing a node that is not the leftmost one returns NULL and keeps the cache. */
	ret = rb_erase_cached(&items[2].cnode, &croot);
	KUNIT_EXPECT_NULL(test, ret);
	KUNIT_EXPECT_PTR_EQ(test, rb_first_cached(&croot), &items[7].cnode);
	/* Erasing the leftmost returns the next one: the first 10 inserted (items[4]). */
	ret = rb_erase_cached(&items[7].cnode, &croot);
	KUNIT_EXPECT_PTR_EQ(test, ret, &items[4].cnode);
	KUNIT_EXPECT_PTR_EQ(test, rb_first_cached(&croot), &items[4].cnode);
	ret = rb_erase_cached(&items[4].cnode, &croot);
	KUNIT_EXPECT_PTR_EQ(test, ret, &items[6].cnode);
	rbt_check(test, &croot.rb_root, ARRAY_SIZE(keys) - 3);
}

/* rb_find(), rb_find_first(), rb_next_match(), rb_for_each() over duplicate keys. */
static void rbtree_find_duplicates(struct kunit *test)
{
	const int nr = 100, nkeys = 10;
	struct rb_root root = RB_ROOT;
	struct rbt_item *items, extra = { .key = 3 }, fresh = { .key = 1000 };
	struct rb_node *pos;
	int i, key, count;

	items = kunit_kcalloc(test, nr, sizeof(*items), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, items);
	/* Item i has key i % 10: key k is held by items k, k + 10, ..., inserted in that order. */
	for (i = 0; i < nr; i++) {
		items[i].id = i;
		items[i].key = i % nkeys;
		rb_add(&items[i].node, &root, item_less);
	}
	rbt_check(test, &root, nr);

	for (key = 0; key < nkeys; key++) {
		pos = rb_find(&key, &root, item_cmp_key);
		KUNIT_ASSERT_NOT_NULL(test, pos);
		KUNIT_EXPECT_EQ(test, node_item(pos)->key, key);

		rcu_read_lock();
		pos = rb_find_rcu(&key, &root, item_cmp_key);
		rcu_read_unlock();
		KUNIT_ASSERT_NOT_NULL(test, pos);
		KUNIT_EXPECT_EQ(test, node_item(pos)->key, key);

		pos = rb_find_first(&key, &root, item_cmp_key);
		KUNIT_ASSERT_PTR_EQ(test, pos, &items[key].node);
		KUNIT_EXPECT_NULL(test, rb_prev(pos) && !item_cmp_key(&key, rb_prev(pos)) ?
				  rb_prev(pos) : NULL);

		count = 0;
		rb_for_each(pos, &key, &root, item_cmp_key) {
			KUNIT_ASSERT_PTR_EQ(test, pos, &items[key + nkeys * count].node);
			count++;
		}
		KUNIT_EXPECT_EQ(test, count, nr / nkeys);
		KUNIT_EXPECT_NULL(test, rb_next_match(&key, &items[key + nr - nkeys].node,
						      item_cmp_key));
		KUNIT_EXPECT_PTR_EQ(test, rb_next_match(&key, &items[key].node, item_cmp_key),
				    &items[key + nkeys].node);
	}

	/* Keys that are not there: below, between (none here), above. */
	for (key = -1; key <= nkeys; key += nkeys + 1) {
		KUNIT_EXPECT_NULL(test, rb_find(&key, &root, item_cmp_key));
		KUNIT_EXPECT_NULL(test, rb_find_first(&key, &root, item_cmp_key));
		count = 0;
		rb_for_each(pos, &key, &root, item_cmp_key)
			count++;
		KUNIT_EXPECT_EQ(test, count, 0);
	}

	/* rb_find_add(): an equal node blocks the insertion, a new key goes in. */
	pos = rb_find_add(&extra.node, &root, item_cmp);
	KUNIT_ASSERT_NOT_NULL(test, pos);
	KUNIT_EXPECT_EQ(test, node_item(pos)->key, 3);
	rbt_check(test, &root, nr);
	KUNIT_EXPECT_NULL(test, rb_find_add_rcu(&fresh.node, &root, item_cmp));
	rbt_check(test, &root, nr + 1);
	key = 1000;
	KUNIT_EXPECT_PTR_EQ(test, rb_find(&key, &root, item_cmp_key), &fresh.node);
	KUNIT_EXPECT_PTR_EQ(test, rb_last(&root), &fresh.node);

	/* Erase the first of each key: rb_find_first() moves to the second. */
	for (key = 0; key < nkeys; key++) {
		rb_erase(&items[key].node, &root);
		KUNIT_EXPECT_PTR_EQ(test, rb_find_first(&key, &root, item_cmp_key),
				    &items[key + nkeys].node);
	}
	rbt_check(test, &root, nr + 1 - nkeys);
}

static struct kunit_case rbtree_test_cases[] = {
	KUNIT_CASE(rbtree_empty_and_single),
	KUNIT_CASE(rbtree_random_ops),
	KUNIT_CASE(rbtree_sequential),
	KUNIT_CASE(rbtree_iteration),
	KUNIT_CASE(rbtree_postorder),
	KUNIT_CASE(rbtree_replace),
	KUNIT_CASE(rbtree_cached_by_hand),
	KUNIT_CASE(rbtree_find_duplicates),
	{}
};

static struct kunit_suite rbtree_test_suite = {
	.name = "rbtree",
	.test_cases = rbtree_test_cases,
};
kunit_test_suite(rbtree_test_suite);
