/* SPDX-License-Identifier: MIT */
/*
 * Red-black trees, with the API and semantics of Linux 6.12.
 *
 * The tree does not know the keys: the caller walks down from the root comparing its own keys,
 * links the new node where the walk ended (rb_link_node()) and then lets rb_insert_color()
 * rebalance. rb_add(), rb_find() and friends do the walk for a caller that supplies a comparison
 * function. Nodes with equal keys are allowed; rb_add() puts a new one after the equal ones
 * already present.
 *
 * Lockless lookups (rb_find_rcu()) may miss nodes while the tree is being changed, but they never
 * loop and never return a node that does not match: the writers store child links with
 * WRITE_ONCE() and never make a loop, even for a moment.
 */
#ifndef _LINUX_RBTREE_H
#define _LINUX_RBTREE_H

#include <linux/compiler.h>
#include <linux/container_of.h>
#include <linux/rbtree_types.h>
#include <linux/rcupdate.h>
#include <linux/stddef.h>
#include <linux/types.h>

/* rb_parent - the parent of node @r, NULL for the root */
#define rb_parent(r)   ((struct rb_node *)((r)->__rb_parent_color & ~3))

/* rb_entry - the structure of type @type whose member @member is the node @ptr */
#define	rb_entry(ptr, type, member) container_of(ptr, type, member)

/* RB_EMPTY_ROOT - whether the tree @root has no node */
#define RB_EMPTY_ROOT(root)  (READ_ONCE((root)->rb_node) == NULL)

/*
 * RB_CLEAR_NODE marks @node as in no tree (it points to itself as its parent); RB_EMPTY_NODE
 * tests for that mark. rb_erase() does not set it: callers that test it clear the node.
 */
#define RB_EMPTY_NODE(node)  \
	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node)  \
	((node)->__rb_parent_color = (unsigned long)(node))

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order iteration: smallest to greatest key, and back. */
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);

/* Postorder iteration: both children come before their parent (to free a whole tree). */
struct rb_node *rb_first_postorder(const struct rb_root *root);
struct rb_node *rb_next_postorder(const struct rb_node *node);

/* Put @new where @victim is, without rebalancing: both must sort the same. */
void rb_replace_node(struct rb_node *victim, struct rb_node *new, struct rb_root *root);
void rb_replace_node_rcu(struct rb_node *victim, struct rb_node *new, struct rb_root *root);

/**
 * rb_link_node - attach a new node where a search ended
 * @node: the node to attach, not in any tree
 * @parent: the last node the search looked at, or NULL in an empty tree
 * @rb_link: the NULL child link of @parent (or the root's link) where the search stopped
 *
 * The node is attached red and without children; follow with rb_insert_color() to rebalance.
 */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = NULL;
	node->rb_right = NULL;

	*rb_link = node;
}

/**
 * rb_link_node_rcu - rb_link_node() for a tree that RCU readers walk
 * @node: the node to attach, not in any tree
 * @parent: the last node the search looked at, or NULL in an empty tree
 * @rb_link: the child link where the search stopped
 *
 * The node's fields are written before it is published, so a reader that finds it sees them.
 */
static inline void rb_link_node_rcu(struct rb_node *node, struct rb_node *parent,
				    struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;
	node->rb_left = NULL;
	node->rb_right = NULL;

	rcu_assign_pointer(*rb_link, node);
}

/* rb_entry_safe - rb_entry() that maps a NULL node to NULL */
#define rb_entry_safe(ptr, type, member)				\
	({ typeof(ptr) __rb_ptr = (ptr);				\
	   __rb_ptr ? rb_entry(__rb_ptr, type, member) : NULL;		\
	})

/**
 * rbtree_postorder_for_each_entry_safe - walk a tree's entries children first
 * @pos: the entry cursor (a 'type *')
 * @n: another 'type *', the next entry, kept before the body runs
 * @root: the tree (a struct rb_root *)
 * @field: the name of the struct rb_node member in 'type'
 *
 * The body may free @pos (the walk never goes back to it), which makes this the way to tear a
 * tree down without rebalancing. It must not change the tree otherwise: rb_erase() rebalances,
 * and the walk would then skip nodes.
 */
#define rbtree_postorder_for_each_entry_safe(pos, n, root, field)			\
	for (pos = rb_entry_safe(rb_first_postorder(root), typeof(*pos), field);	\
	     pos && ({ n = rb_entry_safe(rb_next_postorder(&pos->field),		\
					 typeof(*pos), field); 1; });			\
	     pos = n)

/* rb_first_cached - the first node of a cached tree, in O(1) */
#define rb_first_cached(root) ((root)->rb_leftmost)

/**
 * rb_insert_color_cached - rb_insert_color() for a tree that caches its leftmost node
 * @node: the node just linked with rb_link_node()
 * @root: the tree
 * @leftmost: true if the search went only left, so that @node is the new first node
 */
static inline void rb_insert_color_cached(struct rb_node *node, struct rb_root_cached *root,
					  bool leftmost)
{
	if (leftmost)
		root->rb_leftmost = node;
	rb_insert_color(node, &root->rb_root);
}

/**
 * rb_erase_cached - rb_erase() for a tree that caches its leftmost node
 * @node: the node to take out
 * @root: the tree
 *
 * Return: the new leftmost node if @node was the leftmost one (NULL if the tree is now empty),
 * otherwise NULL.
 */
static inline struct rb_node *rb_erase_cached(struct rb_node *node, struct rb_root_cached *root)
{
	struct rb_node *leftmost = NULL;

	if (root->rb_leftmost == node) {
		leftmost = rb_next(node);
		root->rb_leftmost = leftmost;
	}
	rb_erase(node, &root->rb_root);

	return leftmost;
}

/**
 * rb_replace_node_cached - rb_replace_node() for a tree that caches its leftmost node
 * @victim: the node in the tree
 * @new: the node to take its place, with the same position in the order
 * @root: the tree
 */
static inline void rb_replace_node_cached(struct rb_node *victim, struct rb_node *new,
					  struct rb_root_cached *root)
{
	if (root->rb_leftmost == victim)
		root->rb_leftmost = new;
	rb_replace_node(victim, new, &root->rb_root);
}

/*
 * The helpers below do the search themselves, with one of two comparison functions:
 *
 *	less(a, b)	true if node a sorts before node b
 *	cmp(key, b)	< 0, 0 or > 0 as the key sorts before, with, or after node b
 *			(for rb_find_add(), the key is a node too)
 *
 * Both must describe the same order. When several nodes compare equal to a key, rb_find() may
 * return any of them; rb_find_first() returns the first, and rb_for_each() visits them all.
 */

/**
 * rb_add_cached() - insert a node into a tree that caches its leftmost node
 * @node: the node to insert
 * @tree: the tree
 * @less: the order of the nodes; a node goes after the nodes it is not less than
 *
 * Return: @node if it became the leftmost node, otherwise NULL.
 */
static __always_inline struct rb_node *
rb_add_cached(struct rb_node *node, struct rb_root_cached *tree,
	      bool (*less)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_root.rb_node;
	struct rb_node *parent = NULL;
	bool leftmost = true;

	while (*link) {
		parent = *link;
		if (less(node, parent)) {
			link = &parent->rb_left;
		} else {
			link = &parent->rb_right;
			leftmost = false;
		}
	}

	rb_link_node(node, parent, link);
	rb_insert_color_cached(node, tree, leftmost);

	return leftmost ? node : NULL;
}

/**
 * rb_add() - insert a node into a tree
 * @node: the node to insert
 * @tree: the tree
 * @less: the order of the nodes; a node goes after the nodes it is not less than
 */
static __always_inline void
rb_add(struct rb_node *node, struct rb_root *tree,
       bool (*less)(struct rb_node *, const struct rb_node *))
{
	struct rb_node **link = &tree->rb_node;
	struct rb_node *parent = NULL;

	while (*link) {
		parent = *link;
		link = less(node, parent) ? &parent->rb_left : &parent->rb_right;
	}

	rb_link_node(node, parent, link);
	rb_insert_color(node, tree);
}

/* The search of rb_find_add() and rb_find_add_rcu(): the equal node, or NULL and the link. */
static __always_inline struct rb_node *
__rb_find_add_link(struct rb_node *node, struct rb_root *tree,
		   int (*cmp)(struct rb_node *, const struct rb_node *),
		   struct rb_node **parentp, struct rb_node ***linkp)
{
	struct rb_node **link = &tree->rb_node;
	struct rb_node *parent = NULL;
	int c;

	while (*link) {
		parent = *link;
		c = cmp(node, parent);
		if (c < 0)
			link = &parent->rb_left;
		else if (c > 0)
			link = &parent->rb_right;
		else
			return parent;
	}

	*parentp = parent;
	*linkp = link;
	return NULL;
}

/**
 * rb_find_add() - insert a node unless an equal one is in the tree
 * @node: the node to look for and insert
 * @tree: the tree
 * @cmp: the order of the nodes
 *
 * Return: the node equal to @node, left in place with @node not inserted; or NULL when there
 * was none and @node was inserted.
 */
static __always_inline struct rb_node *
rb_find_add(struct rb_node *node, struct rb_root *tree,
	    int (*cmp)(struct rb_node *, const struct rb_node *))
{
	struct rb_node *parent, **link, *match;

	match = __rb_find_add_link(node, tree, cmp, &parent, &link);
	if (match)
		return match;

	rb_link_node(node, parent, link);
	rb_insert_color(node, tree);
	return NULL;
}

/**
 * rb_find_add_rcu() - rb_find_add() for a tree that RCU readers walk
 * @node: the node to look for and insert
 * @tree: the tree
 * @cmp: the order of the nodes
 *
 * @node is published with release semantics (rb_link_node_rcu()).
 *
 * Return: the node equal to @node, or NULL when @node was inserted.
 */
static __always_inline struct rb_node *
rb_find_add_rcu(struct rb_node *node, struct rb_root *tree,
		int (*cmp)(struct rb_node *, const struct rb_node *))
{
	struct rb_node *parent, **link, *match;

	match = __rb_find_add_link(node, tree, cmp, &parent, &link);
	if (match)
		return match;

	rb_link_node_rcu(node, parent, link);
	rb_insert_color(node, tree);
	return NULL;
}

/**
 * rb_find() - find a node equal to a key
 * @key: the key
 * @tree: the tree
 * @cmp: compares @key with a node
 *
 * Return: a node equal to @key (any of them, if several are), or NULL.
 */
static __always_inline struct rb_node *
rb_find(const void *key, const struct rb_root *tree,
	int (*cmp)(const void *key, const struct rb_node *))
{
	struct rb_node *node = tree->rb_node;
	int c;

	while (node) {
		c = cmp(key, node);
		if (c < 0)
			node = node->rb_left;
		else if (c > 0)
			node = node->rb_right;
		else
			return node;
	}

	return NULL;
}

/**
 * rb_find_rcu() - rb_find() under rcu_read_lock(), with writers running
 * @key: the key
 * @tree: the tree
 * @cmp: compares @key with a node
 *
 * A rotation running at the same time can hide a node from the walk: NULL does not prove that
 * no node matches. A node returned does match.
 *
 * Return: a node equal to @key, or NULL.
 */
static __always_inline struct rb_node *
rb_find_rcu(const void *key, const struct rb_root *tree,
	    int (*cmp)(const void *key, const struct rb_node *))
{
	struct rb_node *node = rcu_dereference_raw(tree->rb_node);
	int c;

	while (node) {
		c = cmp(key, node);
		if (c < 0)
			node = rcu_dereference_raw(node->rb_left);
		else if (c > 0)
			node = rcu_dereference_raw(node->rb_right);
		else
			return node;
	}

	return NULL;
}

/**
 * rb_find_first() - find the first node equal to a key
 * @key: the key
 * @tree: the tree
 * @cmp: compares @key with a node
 *
 * Return: the leftmost node equal to @key, or NULL.
 */
static __always_inline struct rb_node *
rb_find_first(const void *key, const struct rb_root *tree,
	      int (*cmp)(const void *key, const struct rb_node *))
{
	struct rb_node *node = tree->rb_node;
	struct rb_node *match = NULL;
	int c;

	while (node) {
		c = cmp(key, node);
		if (c > 0) {
			node = node->rb_right;
		} else {
			/* Equal: remember it, but an earlier equal node may be on the left. */
			if (c == 0)
				match = node;
			node = node->rb_left;
		}
	}

	return match;
}

/**
 * rb_next_match() - the node after @node, if it is equal to a key too
 * @key: the key
 * @node: a node equal to @key
 * @cmp: compares @key with a node
 *
 * Return: the next node in order if it is equal to @key, otherwise NULL.
 */
static __always_inline struct rb_node *
rb_next_match(const void *key, struct rb_node *node,
	      int (*cmp)(const void *key, const struct rb_node *))
{
	node = rb_next(node);
	if (node && cmp(key, node))
		return NULL;
	return node;
}

/**
 * rb_for_each() - visit, in order, every node of a tree equal to a key
 * @node: the cursor (a struct rb_node *)
 * @key: the key
 * @tree: the tree
 * @cmp: compares @key with a node
 */
#define rb_for_each(node, key, tree, cmp)				\
	for ((node) = rb_find_first((key), (tree), (cmp));		\
	     (node); (node) = rb_next_match((key), (node), (cmp)))

#endif /* _LINUX_RBTREE_H */
