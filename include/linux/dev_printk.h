/* SPDX-License-Identifier: MIT */
/*
 * dev_printk() and the dev_err()/dev_warn()/dev_info()... family: printk() with the device's
 * driver (or bus) name and its own name in front, "<driver> <device>: message", as the kernel
 * prints them.
 */
#ifndef _KRT_LINUX_DEV_PRINTK_H
#define _KRT_LINUX_DEV_PRINTK_H

#include <linux/compiler.h>
#include <linux/printk.h>
#include <linux/ratelimit.h>

#ifndef dev_fmt
#define dev_fmt(fmt) fmt
#endif

struct device;

__printf(3, 4) void _dev_printk(const char *level, const struct device *dev,
				const char *fmt, ...);

#define dev_printk(level, dev, fmt, ...) \
	_dev_printk(level, dev, dev_fmt(fmt), ##__VA_ARGS__)

#define dev_emerg(dev, fmt, ...)	dev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define dev_alert(dev, fmt, ...)	dev_printk(KERN_ALERT, dev, fmt, ##__VA_ARGS__)
#define dev_crit(dev, fmt, ...)		dev_printk(KERN_CRIT, dev, fmt, ##__VA_ARGS__)
#define dev_err(dev, fmt, ...)		dev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define dev_warn(dev, fmt, ...)		dev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define dev_notice(dev, fmt, ...)	dev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define dev_info(dev, fmt, ...)		dev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)

#ifdef DEBUG
#define dev_dbg(dev, fmt, ...)		dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__)
#else
#define dev_dbg(dev, fmt, ...)						\
	({								\
		if (0)							\
			dev_printk(KERN_DEBUG, dev, fmt, ##__VA_ARGS__); \
	})
#endif

#define dev_err_once(dev, fmt, ...)	DO_ONCE_LITE(dev_err, dev, fmt, ##__VA_ARGS__)
#define dev_warn_once(dev, fmt, ...)	DO_ONCE_LITE(dev_warn, dev, fmt, ##__VA_ARGS__)
#define dev_info_once(dev, fmt, ...)	DO_ONCE_LITE(dev_info, dev, fmt, ##__VA_ARGS__)

/*
 * dev_err_probe - report @err (unless it is -EPROBE_DEFER, which krt never produces) with
 * the device's prefix and return it, as probe functions do.
 */
__printf(3, 4) int dev_err_probe(const struct device *dev, int err, const char *fmt, ...);

#endif /* _KRT_LINUX_DEV_PRINTK_H */
