/* SPDX-License-Identifier: MIT */
/*
 * tap: a krt network device bridged to a host TAP interface (drivers/net/tap.c). Frames the
 * host sends out of its TAP interface arrive in krt's receive path on the krt device; frames
 * krt transmits on the device arrive in the host's network stack, as if they came in on the
 * TAP interface. So the host's own tools (ping, ip, tcpdump) talk to kernel-style code that
 * runs in krt.
 *
 * Namespaces: a host TAP interface is created in the host network namespace of the thread
 * that registers the krt device, and the host-side helpers below act in the calling thread's
 * namespace too. The usual pattern is one thread that enters a private namespace with
 * krt_tap_enter_private_netns(), creates the device, configures the host side and runs host
 * programs; everything else (transmitting, receiving, deleting) works from any thread.
 *
 * What the host must permit: opening /dev/net/tun and TUNSETIFF (CAP_NET_ADMIN in the
 * namespace), and for a private namespace unshare(CLONE_NEWNET) (CAP_SYS_ADMIN). Without them
 * the calls fail with -ENOENT (no /dev/net/tun), -EACCES or -EPERM; tests skip on those.
 */
#ifndef _KRT_TAP_H
#define _KRT_TAP_H

#include <linux/types.h>

struct net;
struct net_device;

/* The rtnl_link_ops kind: krt_link_add() with .kind = KRT_TAP_KIND creates a tap device. */
#define KRT_TAP_KIND	"tap"

/*
 * Move the calling thread (only it) into a new host network namespace with only `lo`, up.
 * Returns 0, or -EPERM when the host forbids it, -EINVAL without namespace support.
 */
int krt_tap_enter_private_netns(void);

/*
 * Create and register a tap device in @net (NULL: init_net) named @name (may hold "%d"; NULL
 * means "tap%d"), bridged to a new host TAP interface named @host_name (may hold "%d"; NULL
 * means the krt device's name) in the calling thread's namespace. The device is down; bring it
 * up with dev_open() or krt_link_set(). Returns the device (no reference is taken: it lives
 * until deleted) or an ERR_PTR: -EEXIST, -EINVAL, or the host's error (-ENOENT, -EPERM, -EBUSY).
 */
struct net_device *krt_tap_create(struct net *net, const char *name, const char *host_name);
/* Delete a tap device (its kind's dellink, then unregistration); it is freed on return. */
void krt_tap_destroy(struct net_device *dev);

bool netif_is_krt_tap(const struct net_device *dev);
/* The host interface's name ("" for a device that is not a tap or not registered). */
const char *krt_tap_host_name(const struct net_device *dev);

/*
 * The host side of a tap device, in the calling thread's namespace (the one the device was
 * created in). Each returns 0 or a negative errno; -EINVAL for a device that is not a tap.
 */
int krt_tap_host_set_up(struct net_device *dev, bool up);
/* The host interface's IFF_* flags (non-negative), or a negative errno. */
int krt_tap_host_get_flags(struct net_device *dev);
int krt_tap_host_get_mac(struct net_device *dev, u8 *mac);
int krt_tap_host_set_mtu(struct net_device *dev, int mtu);
/* Add "169.254.1.1"/16 or "fe80::1"/64 (no DAD) to the host side; -EEXIST if present. */
int krt_tap_host_add_ipv4(struct net_device *dev, const char *addr, int prefixlen);
int krt_tap_host_add_ipv6(struct net_device *dev, const char *addr, int prefixlen);

/*
 * Run host program @argv (searched in PATH) in the calling thread's namespace, its stdout and
 * stderr into @out (NUL-terminated; may be NULL). Returns its exit status, 128 + signal,
 * -ENOENT when it is not installed, -ETIMEDOUT when it ran longer than @timeout_ms (negative:
 * no limit) and was killed.
 */
int krt_tap_run_program(char *const argv[], int timeout_ms, char *out, size_t outlen);

#endif /* _KRT_TAP_H */
