/* SPDX-License-Identifier: MIT */
/* Networking odds and ends of the kernel's <linux/net.h>: the rate-limited net_*() messages. */
#ifndef _KRT_LINUX_NET_H
#define _KRT_LINUX_NET_H

#include_next <linux/net.h>

#include <linux/printk.h>

#define net_emerg_ratelimited(fmt, ...)	printk_ratelimited(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define net_crit_ratelimited(fmt, ...)	printk_ratelimited(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define net_err_ratelimited(fmt, ...)	printk_ratelimited(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define net_warn_ratelimited(fmt, ...)	printk_ratelimited(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define net_info_ratelimited(fmt, ...)	printk_ratelimited(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define net_dbg_ratelimited(fmt, ...)	no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)

#endif /* _KRT_LINUX_NET_H */
