// SPDX-License-Identifier: MIT
/*
 * tap: a krt Ethernet device bridged to a host TAP interface (/dev/net/tun, IFF_TAP).
 *
 * Each krt device owns one host TAP descriptor. What krt transmits on the device is written to
 * the descriptor, so the host's stack receives it as if it came in on the TAP interface; what
 * the host sends out of the TAP interface is read by a receive kthread and handed to krt's
 * stack with netif_rx(), as a NIC's interrupt handler would. The two ends have different MAC
 * addresses: the host interface keeps the one the host gave it, the krt device gets a random
 * locally administered one.
 *
 * Life cycle, kernel style:
 *   ndo_init         opens the host TAP interface, in the host network namespace of the thread
 *                    that registers the device (named after the device unless krt_tap_create()
 *                    was given a host name); its failure (no /dev/net/tun, no CAP_NET_ADMIN)
 *                    fails the registration with the host's error
 *   ndo_open         starts the receive kthread and turns the carrier on
 *   ndo_stop         turns the carrier off and stops the thread (kthread_stop(): it polls the
 *                    descriptor with a short timeout, so it notices within TAP_RX_POLL_MS)
 *   priv_destructor  closes the descriptor, which deletes the host interface; it runs once the
 *                    last reference to the device is gone (or when registration fails after
 *                    ndo_init), and needs_free_netdev lets the core free the device after it
 *
 * The host must permit: opening /dev/net/tun read-write and the TUNSETIFF ioctl (CAP_NET_ADMIN
 * in the thread's network namespace); for the tests and the example also unshare(CLONE_NEWNET)
 * (CAP_SYS_ADMIN) so that the TAP interface, its addresses and the host programs (ping, ip)
 * run in a private namespace that nothing else on the machine sees.
 *
 * Not here, unlike the kernel's tun driver: a multi-queue device, the virtio-net header
 * (offloads, GSO), XDP, and keeping the host side's MTU in step with the krt side's (change
 * both: dev_set_mtu() and krt_tap_host_set_mtu()).
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/err.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_link.h>
#include <linux/kthread.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/net_namespace.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <krt/tap.h>

#include "arch/host/host.h"

#define DRV_NAME	"tap"

/* How long the receive thread waits for a frame before it looks at kthread_should_stop(). */
#define TAP_RX_POLL_MS	20
/* The longest frame the host can send: the largest MTU, the Ethernet header and a VLAN tag. */
#define TAP_RX_BUF_SIZE	(ETH_HLEN + 4 + ETH_MAX_MTU)

struct krt_tap_priv {
	struct net_device	*dev;
	int			fd;		/* host TAP descriptor, -1 when none */
	char			host_name[IFNAMSIZ];
	struct task_struct	*rx_thread;	/* while the device is up */
	u8			*rx_buf;	/* TAP_RX_BUF_SIZE bytes, while the device is up */
	bool			rx_error_seen;	/* reported once per open */
};

static struct rtnl_link_ops tap_link_ops;

/* One frame from the host: into an sk_buff and up the stack. */
static void tap_rx_frame(struct net_device *dev, const u8 *frame, unsigned int len)
{
	struct sk_buff *skb;

	/* Only the receive thread writes these counters. */
	if (len < ETH_HLEN) {
		dev->stats.rx_length_errors++;
		dev->stats.rx_errors++;
		return;
	}
	skb = __netdev_alloc_skb(dev, len + NET_IP_ALIGN, GFP_KERNEL);
	if (!skb) {
		dev_core_stats_rx_dropped_inc(dev);
		return;
	}
	skb_reserve(skb, NET_IP_ALIGN);
	skb_put_data(skb, frame, len);
	skb->protocol = eth_type_trans(skb, dev);
	/* A drop is counted by the core (rx_dropped). */
	if (netif_rx(skb) == NET_RX_SUCCESS)
		dev_sw_netstats_rx_add(dev, len);
}

static int tap_rx_thread(void *data)
{
	struct net_device *dev = data;
	struct krt_tap_priv *priv = netdev_priv(dev);

	while (!kthread_should_stop()) {
		ssize_t n = host_tap_read(priv->fd, priv->rx_buf, TAP_RX_BUF_SIZE,
					  TAP_RX_POLL_MS);

		if (n > 0) {
			tap_rx_frame(dev, priv->rx_buf, n);
		} else if (n < 0) {
			/* E.g. -EBADFD: someone deleted the host interface. Don't spin on it. */
			dev->stats.rx_errors++;
			if (!priv->rx_error_seen)
				netdev_warn(dev, "reading host TAP interface %s: %pe\n",
					    priv->host_name, ERR_PTR(n));
			priv->rx_error_seen = true;
			msleep_interruptible(TAP_RX_POLL_MS);
		}
		cond_resched();
	}
	return 0;
}

static int tap_open(struct net_device *dev)
{
	struct krt_tap_priv *priv = netdev_priv(dev);
	struct task_struct *t;

	priv->rx_buf = kvmalloc(TAP_RX_BUF_SIZE, GFP_KERNEL);
	if (!priv->rx_buf)
		return -ENOMEM;
	priv->rx_error_seen = false;
	t = kthread_run(tap_rx_thread, dev, "tap-rx/%s", dev->name);
	if (IS_ERR(t)) {
		kvfree(priv->rx_buf);
		priv->rx_buf = NULL;
		return PTR_ERR(t);
	}
	priv->rx_thread = t;
	netif_carrier_on(dev);
	return 0;
}

static int tap_stop(struct net_device *dev)
{
	struct krt_tap_priv *priv = netdev_priv(dev);

	netif_carrier_off(dev);
	/* Frames the host sends meanwhile wait in its queue (or are dropped when it is full). */
	kthread_stop(priv->rx_thread);
	priv->rx_thread = NULL;
	kvfree(priv->rx_buf);
	priv->rx_buf = NULL;
	return 0;
}

/* Write the frame to the host; a frame the host refuses is dropped and counted. */
static netdev_tx_t tap_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct krt_tap_priv *priv = netdev_priv(dev);
	unsigned int len = skb->len;

	/* No NETIF_F_SG: the stack hands this device linear packets only. */
	if (WARN_ON_ONCE(skb_is_nonlinear(skb)))
		goto drop;
	/* The host takes a frame at a time: -EIO while its side is down, -EBADFD once deleted. */
	if (host_tap_write(priv->fd, skb->data, len) != len)
		goto drop;
	dev_sw_netstats_tx_add(dev, 1, len);
	consume_skb(skb);
	return NETDEV_TX_OK;

drop:
	dev_core_stats_tx_dropped_inc(dev);
	kfree_skb(skb);
	return NETDEV_TX_OK;
}

static int tap_dev_init(struct net_device *dev)
{
	struct krt_tap_priv *priv = netdev_priv(dev);
	char want[IFNAMSIZ];
	u8 host_mac[ETH_ALEN];
	int fd;

	/* The name is final here: register_netdevice() resolved "%d" before ndo_init. */
	strscpy(want, priv->host_name[0] ? priv->host_name : dev->name, sizeof(want));
	fd = host_tap_open(want, priv->host_name, sizeof(priv->host_name));
	if (fd < 0) {
		netdev_err(dev, "cannot create host TAP interface %s: %pe\n", want, ERR_PTR(fd));
		return fd;
	}
	priv->fd = fd;

	/* Two ends with one address would each take the other's frames for their own. */
	if (dev->addr_assign_type == NET_ADDR_RANDOM &&
	    !host_netif_get_mac(priv->host_name, host_mac)) {
		while (ether_addr_equal(host_mac, dev->dev_addr))
			eth_hw_addr_random(dev);
	}

	/* register_netdevice() allocates the counters right after ndo_init. */
	dev->pcpu_stat_type = NETDEV_PCPU_STAT_TSTATS;
	return 0;
}

/* Runs when the last reference is gone, or when registration fails after ndo_init. */
static void tap_dev_free(struct net_device *dev)
{
	struct krt_tap_priv *priv = netdev_priv(dev);

	host_tap_close(priv->fd);
	priv->fd = -1;
}

static const struct net_device_ops tap_netdev_ops = {
	.ndo_init		= tap_dev_init,
	.ndo_open		= tap_open,
	.ndo_stop		= tap_stop,
	.ndo_start_xmit		= tap_xmit,
	.ndo_set_mac_address	= eth_mac_addr,
	.ndo_validate_addr	= eth_validate_addr,
	.ndo_get_stats64	= dev_get_tstats64,
};

static void tap_setup(struct net_device *dev)
{
	struct krt_tap_priv *priv = netdev_priv(dev);

	ether_setup(dev);
	dev->netdev_ops = &tap_netdev_ops;
	dev->needs_free_netdev = true;
	dev->priv_destructor = tap_dev_free;
	dev->priv_flags |= IFF_LIVE_ADDR_CHANGE | IFF_NO_QUEUE;
	dev->lltx = true;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = ETH_MAX_MTU;
	eth_hw_addr_random(dev);
	/* No carrier until the device is opened and reads the host's frames. */
	netif_carrier_off(dev);

	priv->dev = dev;
	priv->fd = -1;
}

static int tap_validate(struct nlattr *tb[], struct nlattr *data[],
			struct netlink_ext_ack *extack)
{
	if (tb[IFLA_ADDRESS]) {
		if (nla_len(tb[IFLA_ADDRESS]) != ETH_ALEN)
			return -EINVAL;
		if (!is_valid_ether_addr(nla_data(tb[IFLA_ADDRESS])))
			return -EADDRNOTAVAIL;
	}
	return 0;
}

static struct rtnl_link_ops tap_link_ops __read_mostly = {
	.kind		= DRV_NAME,
	.priv_size	= sizeof(struct krt_tap_priv),
	.setup		= tap_setup,
	.validate	= tap_validate,
};

/**
 * netif_is_krt_tap - is @dev a tap device?
 * @dev: network device
 */
bool netif_is_krt_tap(const struct net_device *dev)
{
	return dev && dev->netdev_ops == &tap_netdev_ops;
}
EXPORT_SYMBOL(netif_is_krt_tap);

/* The private area of a registered tap device, or NULL. */
static struct krt_tap_priv *tap_priv(const struct net_device *dev)
{
	struct krt_tap_priv *priv;

	if (!netif_is_krt_tap(dev))
		return NULL;
	priv = netdev_priv(dev);
	return priv->fd >= 0 ? priv : NULL;
}

/**
 * krt_tap_create - create and register a tap device
 * @net: krt namespace for the device (NULL: init_net)
 * @name: device name, may hold "%d" (NULL: "tap%d")
 * @host_name: host interface name, may hold "%d" (NULL: the device's name)
 *
 * What "ip link add NAME type tap" does, with a host name on top. The host interface is made
 * in the calling thread's host network namespace.
 *
 * Return: the registered device, down (no reference is held for the caller), or an ERR_PTR.
 */
struct net_device *krt_tap_create(struct net *net, const char *name, const char *host_name)
{
	struct nlattr *tb[IFLA_MAX + 1] = {};
	struct krt_tap_priv *priv;
	struct net_device *dev;
	int err;

	if (host_name && strlen(host_name) >= IFNAMSIZ)
		return ERR_PTR(-EINVAL);
	if (!net)
		net = &init_net;

	rtnl_lock();
	dev = rtnl_create_link(net, name ?: DRV_NAME "%d",
			       name ? NET_NAME_USER : NET_NAME_ENUM, &tap_link_ops, tb, NULL);
	if (IS_ERR(dev))
		goto unlock;
	if (host_name) {
		priv = netdev_priv(dev);
		strscpy(priv->host_name, host_name, sizeof(priv->host_name));
	}
	err = register_netdevice(dev);
	if (err < 0) {
		free_netdev(dev);
		dev = ERR_PTR(err);
		goto unlock;
	}
	err = rtnl_configure_link(dev, NULL, 0, NULL);
	if (err < 0) {
		unregister_netdevice(dev);
		dev = ERR_PTR(err);
	}
unlock:
	rtnl_unlock();
	return dev;
}
EXPORT_SYMBOL(krt_tap_create);

/**
 * krt_tap_destroy - delete a tap device
 * @dev: from krt_tap_create() or krt_link_add()
 *
 * "ip link del": the kind's dellink and the unregistration, under RTNL. Like
 * unregister_netdev(), it waits for every other holder of a reference to put it; when it
 * returns the device is freed and its host interface is gone.
 */
void krt_tap_destroy(struct net_device *dev)
{
	if (WARN_ON(!netif_is_krt_tap(dev)))
		return;
	rtnl_lock();
	rtnl_delete_link(dev, 0, NULL);
	rtnl_unlock();
}
EXPORT_SYMBOL(krt_tap_destroy);

/**
 * krt_tap_host_name - the name of a tap device's host interface
 * @dev: tap device
 *
 * Return: the name, or "" when @dev is not a registered tap device.
 */
const char *krt_tap_host_name(const struct net_device *dev)
{
	struct krt_tap_priv *priv = tap_priv(dev);

	return priv ? priv->host_name : "";
}
EXPORT_SYMBOL(krt_tap_host_name);

/**
 * krt_tap_host_set_up - bring the host side of a tap device up or down
 * @dev: tap device
 * @up: up or down
 *
 * In the calling thread's host network namespace.
 *
 * Return: 0 or a negative errno (-EINVAL when @dev is not a tap, -ENODEV when its host
 * interface is not in this thread's namespace).
 */
int krt_tap_host_set_up(struct net_device *dev, bool up)
{
	struct krt_tap_priv *priv = tap_priv(dev);

	return priv ? host_netif_set_up(priv->host_name, up) : -EINVAL;
}
EXPORT_SYMBOL(krt_tap_host_set_up);

/**
 * krt_tap_host_get_flags - the host interface's IFF_* flags
 * @dev: tap device
 *
 * Return: the flags (IFF_UP, IFF_RUNNING ...), or a negative errno.
 */
int krt_tap_host_get_flags(struct net_device *dev)
{
	struct krt_tap_priv *priv = tap_priv(dev);

	return priv ? host_netif_get_flags(priv->host_name) : -EINVAL;
}
EXPORT_SYMBOL(krt_tap_host_get_flags);

/**
 * krt_tap_host_get_mac - the host interface's Ethernet address
 * @dev: tap device
 * @mac: ETH_ALEN bytes
 *
 * Return: 0 or a negative errno.
 */
int krt_tap_host_get_mac(struct net_device *dev, u8 *mac)
{
	struct krt_tap_priv *priv = tap_priv(dev);

	return priv ? host_netif_get_mac(priv->host_name, mac) : -EINVAL;
}
EXPORT_SYMBOL(krt_tap_host_get_mac);

/**
 * krt_tap_host_set_mtu - set the host interface's MTU
 * @dev: tap device
 * @mtu: new MTU
 *
 * Return: 0 or a negative errno.
 */
int krt_tap_host_set_mtu(struct net_device *dev, int mtu)
{
	struct krt_tap_priv *priv = tap_priv(dev);

	return priv ? host_netif_set_mtu(priv->host_name, mtu) : -EINVAL;
}
EXPORT_SYMBOL(krt_tap_host_set_mtu);

/**
 * krt_tap_host_add_ipv4 - give the host side an IPv4 address
 * @dev: tap device
 * @addr: dotted quad, e.g. "169.254.1.1"
 * @prefixlen: prefix length, e.g. 16
 *
 * Return: 0 or a negative errno (-EEXIST when present, -EINVAL for a bad address).
 */
int krt_tap_host_add_ipv4(struct net_device *dev, const char *addr, int prefixlen)
{
	struct krt_tap_priv *priv = tap_priv(dev);

	return priv ? host_netif_add_ipv4(priv->host_name, addr, prefixlen) : -EINVAL;
}
EXPORT_SYMBOL(krt_tap_host_add_ipv4);

/**
 * krt_tap_host_add_ipv6 - give the host side an IPv6 address (without duplicate detection)
 * @dev: tap device
 * @addr: e.g. "fe80::1"
 * @prefixlen: prefix length, e.g. 64
 *
 * Return: 0 or a negative errno.
 */
int krt_tap_host_add_ipv6(struct net_device *dev, const char *addr, int prefixlen)
{
	struct krt_tap_priv *priv = tap_priv(dev);

	return priv ? host_netif_add_ipv6(priv->host_name, addr, prefixlen) : -EINVAL;
}
EXPORT_SYMBOL(krt_tap_host_add_ipv6);

/**
 * krt_tap_enter_private_netns - move the calling thread into a new host network namespace
 *
 * Only the calling thread moves; the namespace has `lo`, up, and nothing else. It goes away
 * when no thread, TAP interface or program uses it any more.
 *
 * Return: 0, or -EPERM when the host forbids it, -EINVAL without namespace support.
 */
int krt_tap_enter_private_netns(void)
{
	return host_netns_enter_private();
}
EXPORT_SYMBOL(krt_tap_enter_private_netns);

/**
 * krt_tap_run_program - run a host program in the calling thread's network namespace
 * @argv: program (searched in PATH) and arguments, NULL-terminated
 * @timeout_ms: kill it after this long (negative: no limit)
 * @out: its stdout and stderr, NUL-terminated (may be NULL)
 * @outlen: size of @out
 *
 * Blocks the calling thread until the program ends; never call it under a spinlock.
 *
 * Return: the exit status, 128 + signal, -ENOENT when the program is not installed, or
 * -ETIMEDOUT when it was killed for running longer than @timeout_ms.
 */
int krt_tap_run_program(char *const argv[], int timeout_ms, char *out, size_t outlen)
{
	might_sleep();
	return host_run_program(argv, timeout_ms, out, outlen);
}
EXPORT_SYMBOL(krt_tap_run_program);

static int __init tap_init_module(void)
{
	return rtnl_link_register(&tap_link_ops);
}

static void __exit tap_cleanup_module(void)
{
	rtnl_link_unregister(&tap_link_ops);
}

module_init(tap_init_module);
module_exit(tap_cleanup_module);
MODULE_LICENSE("Dual MIT/GPL");
MODULE_DESCRIPTION("krt network device bridged to a host TAP interface");
MODULE_ALIAS_RTNL_LINK(DRV_NAME);
