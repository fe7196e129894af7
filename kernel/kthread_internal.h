/* SPDX-License-Identifier: MIT */
/* krt-internal kthread helpers for the workqueue and timer code. */
#ifndef _KERNEL_KTHREAD_INTERNAL_H
#define _KERNEL_KTHREAD_INTERNAL_H

/*
 * krt_kthread_spawn - start an internal kthread running @fn(@data) at once, named @name. Does not
 * wait and does not sleep (usable from atomic context); not counted as a leak. Returns 0 or a
 * negative errno.
 */
int krt_kthread_spawn(int (*fn)(void *data), void *data, const char *name);

#endif /* _KERNEL_KTHREAD_INTERNAL_H */
