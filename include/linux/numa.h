/* SPDX-License-Identifier: MIT */
/* NUMA constants. krt's physical memory is a single node, 0. */
#ifndef _LINUX_NUMA_H
#define _LINUX_NUMA_H

#define NODES_SHIFT	0
#define MAX_NUMNODES	(1 << NODES_SHIFT)
#define NUMA_NO_NODE	(-1)

#define numa_node_id()		0
#define numa_mem_id()		0
#define first_online_node	0
#define nr_node_ids		1

#endif /* _LINUX_NUMA_H */
