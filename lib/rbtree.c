// SPDX-License-Identifier: MIT
/*
 * Red-black trees: rebalancing after an insertion or an erasure, in-order and postorder
 * iteration, node replacement.
 *
 * The rules that keep the tree balanced:
 *   1. every node is red or black; the root and the (NULL) leaves are black;
 *   2. a red node has no red child;
 *   3. every path from a node down to a leaf meets the same number of black nodes.
 * A path is then at most twice as long as the shortest one, so the height is O(log n).
 *
 * The colour lives in bit 0 of __rb_parent_color: 0 red, 1 black (as in Linux, whose
 * rbtree_augmented.h callers read it directly). A node attached by rb_link_node() is red.
 *
 * For lockless readers (rb_find_rcu()), child links and the root are written with
 * WRITE_ONCE(), and every change is ordered so that a walk down the tree cannot meet a loop:
 * a node is linked below its new parent only after the link that led from it to that parent
 * is gone.
 */
#include <linux/export.h>
#include <linux/rbtree.h>

#define RB_RED		0UL
#define RB_BLACK	1UL

/* Child directions: the rotations and the fix-ups are written once for both sides. */
enum { RB_DIR_LEFT, RB_DIR_RIGHT };

static inline struct rb_node **rb_child_link(struct rb_node *node, int dir)
{
	return dir == RB_DIR_LEFT ? &node->rb_left : &node->rb_right;
}

static inline bool rb_is_black(const struct rb_node *node)
{
	/* NULL is a leaf, and leaves are black. */
	return !node || (node->__rb_parent_color & RB_BLACK);
}

static inline bool rb_is_red(const struct rb_node *node)
{
	return !rb_is_black(node);
}

static inline unsigned long rb_color(const struct rb_node *node)
{
	return node->__rb_parent_color & RB_BLACK;
}

static inline void rb_set_color(struct rb_node *node, unsigned long color)
{
	node->__rb_parent_color = (node->__rb_parent_color & ~RB_BLACK) | color;
}

static inline void rb_set_parent(struct rb_node *node, struct rb_node *parent)
{
	node->__rb_parent_color = (unsigned long)parent | rb_color(node);
}

/* Make @new the child of @parent (or the root) that @old was. */
static inline void rb_change_child(struct rb_root *root, struct rb_node *parent,
				   struct rb_node *old, struct rb_node *new)
{
	if (!parent)
		WRITE_ONCE(root->rb_node, new);
	else if (parent->rb_left == old)
		WRITE_ONCE(parent->rb_left, new);
	else
		WRITE_ONCE(parent->rb_right, new);
}

/*
 * Rotate at @node towards @dir: its child on the other side takes its place and @node becomes
 * that child's @dir child. Every node keeps its colour.
 *
 *	    node                 up
 *	   /    \       ->      /  \            (dir == RB_DIR_LEFT)
 *	  a      up          node   c
 *	        /  \         /  \
 *	       b    c       a    b
 */
static void rb_rotate(struct rb_root *root, struct rb_node *node, int dir)
{
	struct rb_node *parent = rb_parent(node);
	struct rb_node *up = *rb_child_link(node, !dir);
	struct rb_node *moved = *rb_child_link(up, dir);

	/* First cut node -> up, so that up -> node below cannot close a loop. */
	WRITE_ONCE(*rb_child_link(node, !dir), moved);
	if (moved)
		rb_set_parent(moved, node);
	WRITE_ONCE(*rb_child_link(up, dir), node);
	rb_set_parent(up, parent);
	rb_change_child(root, parent, node, up);
	rb_set_parent(node, up);
}

/**
 * rb_insert_color - rebalance a tree after linking a node into it
 * @node: the node just attached with rb_link_node() (red, no children)
 * @root: the tree
 *
 * Restores the red-black rules with recolouring and at most two rotations.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;
	int dir;

	for (;;) {
		parent = rb_parent(node);
		if (!parent) {
			/* @node is the root: black, and nothing above it to fix. */
			rb_set_color(node, RB_BLACK);
			return;
		}
		if (rb_is_black(parent))
			return;

		/* A red parent is not the root, so the grandparent exists (and is black). */
		gparent = rb_parent(parent);
		dir = parent == gparent->rb_left ? RB_DIR_LEFT : RB_DIR_RIGHT;
		uncle = *rb_child_link(gparent, !dir);

		if (rb_is_red(uncle)) {
			/*
			 * Push the grandparent's black down to both its children; the
			 * grandparent turns red and may now clash with its own parent.
			 */
			rb_set_color(parent, RB_BLACK);
			rb_set_color(uncle, RB_BLACK);
			rb_set_color(gparent, RB_RED);
			node = gparent;
			continue;
		}

		if (node == *rb_child_link(parent, !dir)) {
			/* @node is an inner grandchild: make it the outer one first. */
			rb_rotate(root, parent, dir);
			parent = node;
		}

		/* @parent (red, outer child of its red child) replaces the grandparent. */
		rb_rotate(root, gparent, !dir);
		rb_set_color(parent, RB_BLACK);
		rb_set_color(gparent, RB_RED);
		return;
	}
}
EXPORT_SYMBOL(rb_insert_color);

/*
 * The subtree at @node (maybe NULL), child of @parent, has one black node fewer on its paths
 * than its sibling subtree: fix that.
 */
static void rb_erase_fixup(struct rb_root *root, struct rb_node *parent, struct rb_node *node)
{
	struct rb_node *sibling, *near, *far;
	int dir;

	while (parent) {
		/*
		 * @node may be NULL; its sibling is not, since the sibling's side has at least
		 * one black node more. So the NULL child of @parent is @node's side.
		 */
		dir = node == parent->rb_left ? RB_DIR_LEFT : RB_DIR_RIGHT;
		sibling = *rb_child_link(parent, !dir);

		if (rb_is_red(sibling)) {
			/* Bring the red sibling up: @node gets a black sibling, @parent red. */
			rb_rotate(root, parent, dir);
			rb_set_color(sibling, RB_BLACK);
			rb_set_color(parent, RB_RED);
			sibling = *rb_child_link(parent, !dir);
		}

		near = *rb_child_link(sibling, dir);
		far = *rb_child_link(sibling, !dir);

		if (rb_is_black(near) && rb_is_black(far)) {
			/* Take one black off the sibling's side too; @parent carries the debt. */
			rb_set_color(sibling, RB_RED);
			if (rb_is_red(parent)) {
				rb_set_color(parent, RB_BLACK);
				return;
			}
			node = parent;
			parent = rb_parent(node);
			continue;
		}

		if (rb_is_black(far)) {
			/*
			 * Only the near nephew is red: rotate it up into the sibling's place, so
			 * that the old (black) sibling becomes a far nephew. Their colours are
			 * set by the step below, which recolours both.
			 */
			rb_rotate(root, sibling, !dir);
			far = sibling;
			sibling = near;
		}

		/*
		 * The far nephew is red (or was the sibling, just rotated down): the sibling
		 * takes @parent's place and colour, @parent goes down on @node's side as a black
		 * node, and the far nephew turns black to keep its side's count.
		 */
		rb_rotate(root, parent, dir);
		rb_set_color(sibling, rb_color(parent));
		rb_set_color(parent, RB_BLACK);
		rb_set_color(far, RB_BLACK);
		return;
	}
	/* The debt reached the root: every path lost one black node, which is fine. */
}

/**
 * rb_erase - take a node out of a tree
 * @node: the node, in @root
 * @root: the tree
 *
 * Rebalances with recolouring and at most three rotations. @node's own fields are left as
 * they were; RB_CLEAR_NODE() it if the caller tests RB_EMPTY_NODE() later.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent = rb_parent(node);
	struct rb_node *left = node->rb_left, *right = node->rb_right;
	struct rb_node *child, *succ, *fix_parent;
	unsigned long removed_color;

	if (!left || !right) {
		/* At most one child: it takes @node's place. */
		child = left ? left : right;
		removed_color = rb_color(node);
		fix_parent = parent;
		rb_change_child(root, parent, node, child);
		if (child)
			rb_set_parent(child, parent);
	} else {
		/*
		 * Two children: @node's successor (the leftmost node on its right, which has
		 * no left child) takes @node's place and colour; the hole moves to where the
		 * successor was.
		 */
		succ = right;
		while (succ->rb_left)
			succ = succ->rb_left;
		child = succ->rb_right;
		removed_color = rb_color(succ);

		if (succ == right) {
			fix_parent = succ;
		} else {
			fix_parent = rb_parent(succ);
			WRITE_ONCE(fix_parent->rb_left, child);
			if (child)
				rb_set_parent(child, fix_parent);
			WRITE_ONCE(succ->rb_right, right);
			rb_set_parent(right, succ);
		}
		WRITE_ONCE(succ->rb_left, left);
		rb_set_parent(left, succ);
		succ->__rb_parent_color = node->__rb_parent_color;
		rb_change_child(root, parent, node, succ);
	}

	if (removed_color == RB_RED)
		return;
	/* A black node left: a red child in its place turns black and pays for it... */
	if (rb_is_red(child)) {
		rb_set_color(child, RB_BLACK);
		return;
	}
	/* ...otherwise its side of the tree is one black short. */
	rb_erase_fixup(root, fix_parent, child);
}
EXPORT_SYMBOL(rb_erase);

/**
 * rb_first - the first node of a tree in order
 * @root: the tree
 *
 * Return: the node with the smallest key (the leftmost), or NULL if the tree is empty.
 */
struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *node = root->rb_node;

	if (!node)
		return NULL;
	while (node->rb_left)
		node = node->rb_left;
	return node;
}
EXPORT_SYMBOL(rb_first);

/**
 * rb_last - the last node of a tree in order
 * @root: the tree
 *
 * Return: the node with the greatest key (the rightmost), or NULL if the tree is empty.
 */
struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *node = root->rb_node;

	if (!node)
		return NULL;
	while (node->rb_right)
		node = node->rb_right;
	return node;
}
EXPORT_SYMBOL(rb_last);

/*
 * The in-order neighbour of @node on side @dir (right: next, left: previous): the extreme node
 * of that subtree if there is one, otherwise the first ancestor reached from the other side.
 */
static struct rb_node *rb_neighbour(const struct rb_node *node, int dir)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;

	if (*rb_child_link((struct rb_node *)node, dir)) {
		node = *rb_child_link((struct rb_node *)node, dir);
		while (*rb_child_link((struct rb_node *)node, !dir))
			node = *rb_child_link((struct rb_node *)node, !dir);
		return (struct rb_node *)node;
	}

	while ((parent = rb_parent(node)) && node == *rb_child_link(parent, dir))
		node = parent;
	return parent;
}

/**
 * rb_next - the node after @node in order
 * @node: a node in a tree
 *
 * Return: the next node, or NULL if @node is the last one or is marked empty
 * (RB_CLEAR_NODE()).
 */
struct rb_node *rb_next(const struct rb_node *node)
{
	return rb_neighbour(node, RB_DIR_RIGHT);
}
EXPORT_SYMBOL(rb_next);

/**
 * rb_prev - the node before @node in order
 * @node: a node in a tree
 *
 * Return: the previous node, or NULL if @node is the first one or is marked empty
 * (RB_CLEAR_NODE()).
 */
struct rb_node *rb_prev(const struct rb_node *node)
{
	return rb_neighbour(node, RB_DIR_LEFT);
}
EXPORT_SYMBOL(rb_prev);

/* Put @new in @victim's place; @publish: store the link to it with release semantics. */
static void rb_replace(struct rb_node *victim, struct rb_node *new, struct rb_root *root,
		       bool publish)
{
	struct rb_node *parent = rb_parent(victim);

	/* @new takes over the parent, the colour and both children. */
	*new = *victim;
	if (victim->rb_left)
		rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		rb_set_parent(victim->rb_right, new);

	if (!publish)
		rb_change_child(root, parent, victim, new);
	else if (!parent)
		rcu_assign_pointer(root->rb_node, new);
	else if (parent->rb_left == victim)
		rcu_assign_pointer(parent->rb_left, new);
	else
		rcu_assign_pointer(parent->rb_right, new);
}

/**
 * rb_replace_node - put a node in the place of another, without rebalancing
 * @victim: the node in the tree
 * @new: the node to take its place, not in any tree; it must sort where @victim does
 * @root: the tree
 *
 * @victim's fields are left as they were.
 */
void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root)
{
	rb_replace(victim, new, root, false);
}
EXPORT_SYMBOL(rb_replace_node);

/**
 * rb_replace_node_rcu - rb_replace_node() for a tree that RCU readers walk
 * @victim: the node in the tree
 * @new: the node to take its place, not in any tree; it must sort where @victim does
 * @root: the tree
 *
 * @new is filled in before it is published, so a reader that reaches it sees its children.
 * Free @victim only after a grace period.
 */
void rb_replace_node_rcu(struct rb_node *victim, struct rb_node *new, struct rb_root *root)
{
	rb_replace(victim, new, root, true);
}
EXPORT_SYMBOL(rb_replace_node_rcu);

/* The first node in postorder of the subtree at @node: go down, left whenever possible. */
static struct rb_node *rb_left_deepest(const struct rb_node *node)
{
	for (;;) {
		if (node->rb_left)
			node = node->rb_left;
		else if (node->rb_right)
			node = node->rb_right;
		else
			return (struct rb_node *)node;
	}
}

/**
 * rb_next_postorder - the node after @node in postorder
 * @node: a node in a tree, or NULL
 *
 * In postorder, both subtrees of a node come before it, the left one first.
 *
 * Return: the next node, or NULL when @node is the root (the last node) or NULL.
 */
struct rb_node *rb_next_postorder(const struct rb_node *node)
{
	struct rb_node *parent;

	if (!node)
		return NULL;
	parent = rb_parent(node);

	/* Coming up from the left: the right subtree, if any, comes before the parent. */
	if (parent && node == parent->rb_left && parent->rb_right)
		return rb_left_deepest(parent->rb_right);
	return parent;
}
EXPORT_SYMBOL(rb_next_postorder);

/**
 * rb_first_postorder - the first node of a tree in postorder
 * @root: the tree
 *
 * Return: the first node (a leaf), or NULL if the tree is empty.
 */
struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	if (!root->rb_node)
		return NULL;
	return rb_left_deepest(root->rb_node);
}
EXPORT_SYMBOL(rb_first_postorder);
