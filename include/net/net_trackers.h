/* SPDX-License-Identifier: MIT */
/*
 * Tracker handles for references on net devices and namespaces. krt always tracks them, as a
 * kernel built with CONFIG_NET_DEV_REFCNT_TRACKER and CONFIG_NET_NS_REFCNT_TRACKER.
 */
#ifndef __NET_NET_TRACKERS_H
#define __NET_NET_TRACKERS_H

#include <linux/ref_tracker.h>

#ifndef CONFIG_NET_DEV_REFCNT_TRACKER
#define CONFIG_NET_DEV_REFCNT_TRACKER 1
#endif
#ifndef CONFIG_NET_NS_REFCNT_TRACKER
#define CONFIG_NET_NS_REFCNT_TRACKER 1
#endif

typedef struct ref_tracker *netdevice_tracker;
typedef struct ref_tracker *netns_tracker;

#endif /* __NET_NET_TRACKERS_H */
