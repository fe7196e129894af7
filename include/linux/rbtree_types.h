/* SPDX-License-Identifier: MIT */
/*
 * The types of red-black trees, apart from their functions so that a structure can embed a node
 * or a root without pulling in <linux/rbtree.h>. Layout as in Linux 6.12.
 */
#ifndef _LINUX_RBTREE_TYPES_H
#define _LINUX_RBTREE_TYPES_H

/**
 * struct rb_node - a node of a red-black tree, embedded in the object it orders
 * @__rb_parent_color: the parent's address with the node's colour in bit 0 (set: black);
 *	private, read it through rb_parent()
 * @rb_right: the right child (greater or equal keys), or NULL
 * @rb_left: the left child (smaller keys), or NULL
 *
 * Aligned to a long so that the two low bits of its address are free to carry the colour.
 */
struct rb_node {
	unsigned long  __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

/**
 * struct rb_root - a red-black tree
 * @rb_node: the root node, or NULL when the tree is empty
 */
struct rb_root {
	struct rb_node *rb_node;
};

/**
 * struct rb_root_cached - a red-black tree that also remembers its leftmost node
 * @rb_root: the tree
 * @rb_leftmost: its first (smallest) node, or NULL; rb_first_cached() reads it in O(1)
 *
 * Only the leftmost node is cached: keep it current by inserting and erasing through the
 * *_cached() functions.
 */
struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT (struct rb_root) { NULL, }
#define RB_ROOT_CACHED (struct rb_root_cached) { {NULL, }, NULL }

#endif /* _LINUX_RBTREE_TYPES_H */
