/* SPDX-License-Identifier: MIT */
/* Node masks, for the one-node machine krt models: node 0 is the only possible node. */
#ifndef __LINUX_NODEMASK_H
#define __LINUX_NODEMASK_H

#include <linux/numa.h>
#include <linux/bitmap.h>

typedef struct {
	DECLARE_BITMAP(bits, MAX_NUMNODES);
} nodemask_t;

#define node_isset(node, mask)	test_bit((node), (mask).bits)
#define node_online(node)	((node) == 0)
#define for_each_online_node(node)	for ((node) = 0; (node) == 0; (node)++)
#define for_each_node(node)		for_each_online_node(node)
#define num_online_nodes()	1

#endif /* __LINUX_NODEMASK_H */
