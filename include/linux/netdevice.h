/* SPDX-License-Identifier: MIT */
/*
 * struct net_device and its lifetime: allocation, registration, the two-phase unregister whose
 * second half runs in rtnl_unlock(), references (plain and tracked), lookups, notifiers,
 * open/close, MTU, addresses and statistics. The system UAPI header supplies IFNAMSIZ, IFF_*,
 * NET_NAME_* and MAX_ADDR_LEN; this one adds the kernel side.
 */
#ifndef _KRT_LINUX_NETDEVICE_H
#define _KRT_LINUX_NETDEVICE_H

#include_next <linux/netdevice.h>

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bug.h>
#include <linux/limits.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/device.h>
#include <linux/gfp.h>
#include <linux/list.h>
#include <linux/notifier.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/refcount.h>
#include <linux/ref_tracker.h>
#include <linux/skbuff.h>
#include <linux/spinlock.h>
#include <linux/netdev_features.h>
#include <net/net_trackers.h>

struct net;
struct netlink_ext_ack;
struct rtnl_link_ops;
struct ethtool_ops;
struct header_ops;
struct rtnl_link_stats64;

/* Registration states (include/linux/netdevice.h: enum netdev_reg_state). */
enum netdev_reg_state {
	NETREG_UNINITIALIZED = 0,
	NETREG_REGISTERED,	/* completed register_netdevice */
	NETREG_UNREGISTERING,	/* called unregister_netdevice */
	NETREG_UNREGISTERED,	/* completed unregister todo */
	NETREG_RELEASED,	/* called free_netdev */
	NETREG_DUMMY,		/* dummy device for NAPI poll */
};

enum rtnl_link_state_e {
	RTNL_LINK_INITIALIZED,
	RTNL_LINK_INITIALIZING,
};

/* __LINK_STATE_* bits of dev->state. */
enum netdev_state_t {
	__LINK_STATE_START,
	__LINK_STATE_PRESENT,
	__LINK_STATE_NOCARRIER,
	__LINK_STATE_LINKWATCH_PENDING,
	__LINK_STATE_DORMANT,
	__LINK_STATE_TESTING,
};

/* Private (kernel-only) interface flags, dev->priv_flags. */
enum netdev_priv_flags {
	IFF_802_1Q_VLAN			= 1 << 0,
	IFF_EBRIDGE			= 1 << 1,
	IFF_BONDING			= 1 << 2,
	IFF_ISATAP			= 1 << 3,
	IFF_WAN_HDLC			= 1 << 4,
	IFF_XMIT_DST_RELEASE		= 1 << 5,
	IFF_DONT_BRIDGE			= 1 << 6,
	IFF_DISABLE_NETPOLL		= 1 << 7,
	IFF_MACVLAN_PORT		= 1 << 8,
	IFF_BRIDGE_PORT			= 1 << 9,
	IFF_OVS_DATAPATH		= 1 << 10,
	IFF_TX_SKB_SHARING		= 1 << 11,
	IFF_UNICAST_FLT			= 1 << 12,
	IFF_TEAM_PORT			= 1 << 13,
	IFF_SUPP_NOFCS			= 1 << 14,
	IFF_LIVE_ADDR_CHANGE		= 1 << 15,
	IFF_MACVLAN			= 1 << 16,
	IFF_XMIT_DST_RELEASE_PERM	= 1 << 17,
	IFF_L3MDEV_MASTER		= 1 << 18,
	IFF_NO_QUEUE			= 1 << 19,
	IFF_OPENVSWITCH			= 1 << 20,
	IFF_L3MDEV_SLAVE		= 1 << 21,
	IFF_TEAM			= 1 << 22,
	IFF_RXFH_CONFIGURED		= 1 << 23,
	IFF_PHONY_HEADROOM		= 1 << 24,
	IFF_MACSEC			= 1 << 25,
	IFF_NO_RX_HANDLER		= 1 << 26,
	IFF_FAILOVER			= 1 << 27,
	IFF_FAILOVER_SLAVE		= 1 << 28,
	IFF_L3MDEV_RX_HANDLER		= 1 << 29,
	IFF_NO_ADDRCONF			= 1ULL << 30,
	IFF_TX_SKB_NO_LINEAR		= 1ULL << 31,
};

/* dev->addr_assign_type */
#define NET_ADDR_PERM		0
#define NET_ADDR_RANDOM		1
#define NET_ADDR_STOLEN		2
#define NET_ADDR_SET		3

/* Driver transmit return codes. */
enum netdev_tx {
	__NETDEV_TX_MIN	= INT_MIN,
	NETDEV_TX_OK	= 0x00,
	NETDEV_TX_BUSY	= 0x10,
};
typedef enum netdev_tx netdev_tx_t;

#define NET_RX_SUCCESS		0
#define NET_RX_DROP		1
#define NET_XMIT_SUCCESS	0x00
#define NET_XMIT_DROP		0x01
#define NET_XMIT_CN		0x02
#define NET_XMIT_MASK		0x0f
#define net_xmit_eval(e)	((e) == NET_XMIT_CN ? 0 : (e))

#define DEFAULT_TX_QUEUE_LEN	1000
#define NETDEV_ALIGN		32
#define LL_MAX_HEADER		128
#define MAX_HEADER		(LL_MAX_HEADER + 48)	/* with IP tunnels, as Debian builds */

/* Per-device packet statistics that drivers may keep (legacy, unsigned long). */
struct net_device_stats {
	unsigned long rx_packets, tx_packets, rx_bytes, tx_bytes;
	unsigned long rx_errors, tx_errors, rx_dropped, tx_dropped;
	unsigned long multicast, collisions;
	unsigned long rx_length_errors, rx_over_errors, rx_crc_errors, rx_frame_errors;
	unsigned long rx_fifo_errors, rx_missed_errors;
	unsigned long tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
	unsigned long tx_heartbeat_errors, tx_window_errors;
	unsigned long rx_compressed, tx_compressed;
};

/* Counters the core itself bumps (dev->core_stats in the kernel, per-cpu there). */
struct net_device_core_stats {
	atomic_long_t rx_dropped;
	atomic_long_t tx_dropped;
	atomic_long_t rx_nohandler;
	atomic_long_t rx_otherhost_dropped;
};

/*
 * Per-"cpu" software statistics. krt has no CPUs to index, so each set is an array of
 * cache-line sized slots picked by the calling thread; readers sum the slots.
 */
#define NETDEV_STAT_SLOTS	8

struct pcpu_lstats {
	atomic64_t packets;
	atomic64_t bytes;
} __aligned(64);

struct pcpu_sw_netstats {
	atomic64_t rx_packets;
	atomic64_t rx_bytes;
	atomic64_t tx_packets;
	atomic64_t tx_bytes;
} __aligned(64);

struct pcpu_dstats {
	atomic64_t rx_packets;
	atomic64_t rx_bytes;
	atomic64_t rx_drops;
	atomic64_t tx_packets;
	atomic64_t tx_bytes;
	atomic64_t tx_drops;
} __aligned(64);

enum netdev_stat_type {
	NETDEV_PCPU_STAT_NONE,
	NETDEV_PCPU_STAT_LSTATS,	/* struct pcpu_lstats */
	NETDEV_PCPU_STAT_TSTATS,	/* struct pcpu_sw_netstats */
	NETDEV_PCPU_STAT_DSTATS,	/* struct pcpu_dstats */
};

struct netdev_queue {
	struct net_device *dev;
	unsigned long state;
	unsigned long trans_start;
	unsigned int index;
};

struct netdev_rx_queue {
	struct net_device *dev;
	unsigned int index;
};

struct net_device;

struct neighbour;
struct hh_cache;

/* Link-layer header operations (eth_header_ops for Ethernet). */

struct header_ops {
	int	(*create)(struct sk_buff *skb, struct net_device *dev, unsigned short type,
			  const void *daddr, const void *saddr, unsigned int len);
	int	(*parse)(const struct sk_buff *skb, const struct net_device *dev,
			 unsigned char *haddr);
	int	(*cache)(const struct neighbour *neigh, struct hh_cache *hh, __be16 type);
	void	(*cache_update)(struct hh_cache *hh, const struct net_device *dev,
				const unsigned char *haddr);
	bool	(*validate)(const char *ll_header, unsigned int len);
	__be16	(*parse_protocol)(const struct sk_buff *skb);
};

/* Driver callbacks; krt calls the subset that exists without hardware. */
struct net_device_ops {
	int (*ndo_init)(struct net_device *dev);
	void (*ndo_uninit)(struct net_device *dev);
	int (*ndo_open)(struct net_device *dev);
	int (*ndo_stop)(struct net_device *dev);
	netdev_tx_t (*ndo_start_xmit)(struct sk_buff *skb, struct net_device *dev);
	u16 (*ndo_select_queue)(struct net_device *dev, struct sk_buff *skb,
				struct net_device *sb_dev);
	void (*ndo_change_rx_flags)(struct net_device *dev, int flags);
	void (*ndo_set_rx_mode)(struct net_device *dev);
	int (*ndo_set_mac_address)(struct net_device *dev, void *addr);
	int (*ndo_validate_addr)(struct net_device *dev);
	int (*ndo_change_mtu)(struct net_device *dev, int new_mtu);
	void (*ndo_tx_timeout)(struct net_device *dev, unsigned int txqueue);
	void (*ndo_get_stats64)(struct net_device *dev, struct rtnl_link_stats64 *storage);
	struct net_device_stats *(*ndo_get_stats)(struct net_device *dev);
	int (*ndo_change_carrier)(struct net_device *dev, bool new_carrier);
	int (*ndo_get_iflink)(const struct net_device *dev);
	netdev_features_t (*ndo_fix_features)(struct net_device *dev, netdev_features_t features);
	int (*ndo_set_features)(struct net_device *dev, netdev_features_t features);
	struct net_device *(*ndo_get_peer_dev)(struct net_device *dev);
};

#define NETDEV_UNTRACKED_STACKS	32

struct net_device {
	char name[IFNAMSIZ];
	struct hlist_node name_hlist;		/* per-netns name hash */
	struct hlist_node index_hlist;		/* per-netns ifindex hash */
	struct list_head dev_list;		/* per-netns device list (RCU) */
	unsigned long state;			/* __LINK_STATE_* */

	struct list_head unreg_list;
	struct list_head close_list;
	struct list_head todo_list;
	struct list_head ptype_all;
	struct list_head ptype_specific;

	int ifindex;
	unsigned int flags;			/* IFF_* as userspace sees them */
	unsigned long long priv_flags;		/* enum netdev_priv_flags */
	unsigned short gflags;
	unsigned short type;			/* ARPHRD_* */
	unsigned short hard_header_len;
	unsigned short needed_headroom;
	unsigned short needed_tailroom;
	unsigned int mtu;
	unsigned int min_mtu;
	unsigned int max_mtu;
	unsigned int tx_queue_len;
	int group;
	int watchdog_timeo;
	unsigned char operstate;
	unsigned char link_mode;
	unsigned char if_port;
	unsigned char dma;

	unsigned char addr_len;
	unsigned char addr_assign_type;
	unsigned char name_assign_type;
	bool lltx;
	const unsigned char *dev_addr;		/* points at dev_addr_storage */
	unsigned char dev_addr_storage[MAX_ADDR_LEN];
	unsigned char perm_addr[MAX_ADDR_LEN];
	unsigned char broadcast[MAX_ADDR_LEN];

	netdev_features_t features;
	netdev_features_t hw_features;
	netdev_features_t wanted_features;
	netdev_features_t vlan_features;
	netdev_features_t hw_enc_features;
	netdev_features_t mpls_features;
	unsigned int gso_max_size;
	unsigned int gso_max_segs;
	unsigned int gro_max_size;

	const struct net_device_ops *netdev_ops;
	const struct header_ops *header_ops;
	const struct ethtool_ops *ethtool_ops;
	const struct rtnl_link_ops *rtnl_link_ops;

	unsigned int num_tx_queues;
	unsigned int real_num_tx_queues;
	unsigned int num_rx_queues;
	unsigned int real_num_rx_queues;
	struct netdev_queue *_tx;
	struct netdev_rx_queue *_rx;

	struct net_device_stats stats;
	struct net_device_core_stats core_stats;
	enum netdev_stat_type pcpu_stat_type:8;
	union {
		struct pcpu_lstats *lstats;
		struct pcpu_sw_netstats *tstats;
		struct pcpu_dstats *dstats;
	};

	/* Lifetime. */
	refcount_t dev_refcnt;
	struct ref_tracker_dir refcnt_tracker;
	/* Stacks of untracked dev_hold() holders, newest last (krt: names them when waiting). */
	spinlock_t untracked_lock;
	unsigned int untracked_nr;
	unsigned int untracked_lost;
	u32 untracked_stacks[NETDEV_UNTRACKED_STACKS];
	netdevice_tracker linkwatch_dev_tracker;
	struct list_head link_watch_list;
	struct list_head net_notifier_list;
	netdevice_tracker dev_registered_tracker;
	u8 reg_state;
	bool dismantle;
	enum rtnl_link_state_e rtnl_link_state:16;
	bool needs_free_netdev;
	void (*priv_destructor)(struct net_device *dev);
	struct net *nd_net;
	struct device dev;			/* the sysfs object; its release frees us */
	void *ml_priv;

	u32 priv_len;
	/*
	 * The kernel cache-aligns the private area. krt keeps struct net_device itself 8-byte
	 * aligned: it is reached through list heads (container_of of a namespace's list head must
	 * not be a misaligned pointer for UBSan), so priv[] is only 8-byte aligned.
	 */
	u8 priv[] __aligned(8);
};

#define to_net_dev(d) container_of(d, struct net_device, dev)
#define SET_NETDEV_DEV(net, pdev)	((net)->dev.parent = (pdev))

/**
 * dev_hard_header - build the link-layer header of @skb with @dev's header_ops
 * @skb: buffer with headroom for the header
 * @dev: device the packet leaves by
 * @type: protocol (host order), or a length for 802.3
 * @daddr: destination hardware address, or NULL
 * @saddr: source hardware address, or NULL for @dev's
 * @len: payload length
 *
 * Return: header length, negative when the destination is still unknown, 0 for devices
 * without a header.
 */
static inline int dev_hard_header(struct sk_buff *skb, struct net_device *dev,
				  unsigned short type, const void *daddr, const void *saddr,
				  unsigned int len)
{
	if (!dev->header_ops || !dev->header_ops->create)
		return 0;
	return dev->header_ops->create(skb, dev, type, daddr, saddr, len);
}

static inline int dev_parse_header(const struct sk_buff *skb, unsigned char *haddr)
{
	const struct net_device *dev = skb->dev;

	if (!dev->header_ops || !dev->header_ops->parse)
		return 0;
	return dev->header_ops->parse(skb, dev, haddr);
}

static inline __be16 dev_parse_header_protocol(const struct sk_buff *skb)
{
	const struct net_device *dev = skb->dev;

	if (!dev->header_ops || !dev->header_ops->parse_protocol)
		return 0;
	return dev->header_ops->parse_protocol(skb);
}

static inline bool dev_has_header(const struct net_device *dev)
{
	return dev->header_ops && dev->header_ops->create;
}

/**
 * netdev_priv - the driver's private area, allocated with the device
 * @dev: network device
 */
static inline void *netdev_priv(const struct net_device *dev)
{
	return (void *)dev->priv;
}

static inline struct net *dev_net(const struct net_device *dev)
{
	return READ_ONCE(dev->nd_net);
}

static inline void dev_net_set(struct net_device *dev, struct net *net)
{
	WRITE_ONCE(dev->nd_net, net);
}

static inline struct netdev_queue *netdev_get_tx_queue(const struct net_device *dev,
						       unsigned int index)
{
	return &dev->_tx[index];
}

static inline bool netif_running(const struct net_device *dev)
{
	return test_bit(__LINK_STATE_START, &dev->state);
}

static inline bool netif_device_present(const struct net_device *dev)
{
	return test_bit(__LINK_STATE_PRESENT, &dev->state);
}

static inline bool netif_carrier_ok(const struct net_device *dev)
{
	return !test_bit(__LINK_STATE_NOCARRIER, &dev->state);
}

static inline bool netif_is_registered(const struct net_device *dev)
{
	return READ_ONCE(dev->reg_state) == NETREG_REGISTERED;
}

/* The queue state calls exist for drivers; krt transmits without a qdisc. */
static inline void netif_start_queue(struct net_device *dev) { }
static inline void netif_wake_queue(struct net_device *dev) { }
static inline void netif_stop_queue(struct net_device *dev) { }
static inline void netif_tx_start_all_queues(struct net_device *dev) { }
static inline void netif_tx_stop_all_queues(struct net_device *dev) { }
static inline void netif_tx_wake_all_queues(struct net_device *dev) { }

int netif_set_real_num_tx_queues(struct net_device *dev, unsigned int txq);
int netif_set_real_num_rx_queues(struct net_device *dev, unsigned int rxq);

/* Allocation. */
struct net_device *alloc_netdev_mqs(int sizeof_priv, const char *name,
				    unsigned char name_assign_type,
				    void (*setup)(struct net_device *),
				    unsigned int txqs, unsigned int rxqs);
#define alloc_netdev(sizeof_priv, name, name_assign_type, setup)			\
	alloc_netdev_mqs(sizeof_priv, name, name_assign_type, setup, 1, 1)
#define alloc_netdev_mq(sizeof_priv, name, name_assign_type, setup, count)		\
	alloc_netdev_mqs(sizeof_priv, name, name_assign_type, setup, count, count)
struct net_device *alloc_netdev_dummy(int sizeof_priv);
void free_netdev(struct net_device *dev);

/* Names and indexes. */
bool dev_valid_name(const char *name);
int dev_alloc_name(struct net_device *dev, const char *name);
int dev_get_valid_name(struct net *net, struct net_device *dev, const char *name);
const char *netdev_reg_state(const struct net_device *dev);
static inline const char *netdev_name(const struct net_device *dev)
{
	if (!dev->name[0] || strchr(dev->name, '%'))
		return "(unnamed net_device)";
	return dev->name;
}

/* Registration. */
int register_netdevice(struct net_device *dev);
int register_netdev(struct net_device *dev);
void unregister_netdevice_queue(struct net_device *dev, struct list_head *head);
void unregister_netdevice_many(struct list_head *head);
void unregister_netdev(struct net_device *dev);
static inline void unregister_netdevice(struct net_device *dev)
{
	unregister_netdevice_queue(dev, NULL);
}
void netdev_run_todo(void);
void synchronize_net(void);

/* References. */
void netdev_refcnt_hold(struct net_device *dev);
void netdev_refcnt_put(struct net_device *dev);
int netdev_refcnt_read(const struct net_device *dev);
void netdev_untracked_push(struct net_device *dev);
void netdev_untracked_pop(struct net_device *dev);

/**
 * netdev_tracker_alloc - record a reference taken on @dev
 * @dev: network device
 * @tracker: where to keep the tracker, or NULL for an untracked reference
 * @gfp: allocation mode
 *
 * Inline, as in the kernel, so the recorded stack starts at the holder.
 */
static inline void netdev_tracker_alloc(struct net_device *dev, netdevice_tracker *tracker,
					gfp_t gfp)
{
	ref_tracker_alloc(&dev->refcnt_tracker, tracker, gfp);
	if (!tracker)
		netdev_untracked_push(dev);
}

/**
 * netdev_tracker_free - forget a reference recorded by netdev_tracker_alloc()
 * @dev: network device
 * @tracker: the tracker, or NULL for an untracked reference
 */
static inline void netdev_tracker_free(struct net_device *dev, netdevice_tracker *tracker)
{
	ref_tracker_free(&dev->refcnt_tracker, tracker);
	if (!tracker)
		netdev_untracked_pop(dev);
}

/**
 * netdev_hold - take a (tracked when @tracker is not NULL) reference on @dev
 * @dev: network device, may be NULL
 * @tracker: where to keep the tracker, or NULL for an untracked reference
 * @gfp: allocation mode for the tracker
 */
static inline void netdev_hold(struct net_device *dev, netdevice_tracker *tracker, gfp_t gfp)
{
	if (dev) {
		netdev_refcnt_hold(dev);
		netdev_tracker_alloc(dev, tracker, gfp);
	}
}

/**
 * netdev_put - release a reference taken with netdev_hold()
 * @dev: network device, may be NULL
 * @tracker: the tracker given to netdev_hold(), or NULL
 */
static inline void netdev_put(struct net_device *dev, netdevice_tracker *tracker)
{
	if (dev) {
		netdev_tracker_free(dev, tracker);
		netdev_refcnt_put(dev);
	}
}

static inline void dev_hold(struct net_device *dev)
{
	netdev_hold(dev, NULL, GFP_ATOMIC);
}

static inline void dev_put(struct net_device *dev)
{
	netdev_put(dev, NULL);
}

static inline void netdev_ref_replace(struct net_device *odev, struct net_device *ndev,
				      netdevice_tracker *tracker, gfp_t gfp)
{
	if (odev)
		netdev_tracker_free(odev, tracker);
	netdev_hold(ndev, tracker, gfp);
	if (odev)
		netdev_refcnt_put(odev);
}

/* Lookups. */
struct net_device *__dev_get_by_name(struct net *net, const char *name);
struct net_device *dev_get_by_name_rcu(struct net *net, const char *name);
struct net_device *dev_get_by_name(struct net *net, const char *name);
struct net_device *netdev_get_by_name(struct net *net, const char *name,
				      netdevice_tracker *tracker, gfp_t gfp);
struct net_device *__dev_get_by_index(struct net *net, int ifindex);
struct net_device *dev_get_by_index_rcu(struct net *net, int ifindex);
struct net_device *dev_get_by_index(struct net *net, int ifindex);
struct net_device *netdev_get_by_index(struct net *net, int ifindex,
				       netdevice_tracker *tracker, gfp_t gfp);
int dev_get_iflink(const struct net_device *dev);

/* Notifiers. */
enum netdev_cmd {
	NETDEV_UP = 1,
	NETDEV_DOWN,
	NETDEV_REBOOT,
	NETDEV_CHANGE,
	NETDEV_REGISTER,
	NETDEV_UNREGISTER,
	NETDEV_CHANGEMTU,
	NETDEV_CHANGEADDR,
	NETDEV_PRE_CHANGEADDR,
	NETDEV_GOING_DOWN,
	NETDEV_CHANGENAME,
	NETDEV_FEAT_CHANGE,
	NETDEV_BONDING_FAILOVER,
	NETDEV_PRE_UP,
	NETDEV_PRE_TYPE_CHANGE,
	NETDEV_POST_TYPE_CHANGE,
	NETDEV_POST_INIT,
	NETDEV_PRE_UNINIT,
	NETDEV_RELEASE,
	NETDEV_NOTIFY_PEERS,
	NETDEV_JOIN,
	NETDEV_CHANGEUPPER,
	NETDEV_RESEND_IGMP,
	NETDEV_PRECHANGEMTU,
	NETDEV_CHANGEINFODATA,
	NETDEV_BONDING_INFO,
	NETDEV_PRECHANGEUPPER,
	NETDEV_CHANGELOWERSTATE,
	NETDEV_UDP_TUNNEL_PUSH_INFO,
	NETDEV_UDP_TUNNEL_DROP_INFO,
	NETDEV_CHANGE_TX_QUEUE_LEN,
	NETDEV_CVLAN_FILTER_PUSH_INFO,
	NETDEV_CVLAN_FILTER_DROP_INFO,
	NETDEV_SVLAN_FILTER_PUSH_INFO,
	NETDEV_SVLAN_FILTER_DROP_INFO,
	NETDEV_OFFLOAD_XSTATS_ENABLE,
	NETDEV_OFFLOAD_XSTATS_DISABLE,
	NETDEV_OFFLOAD_XSTATS_REPORT_USED,
	NETDEV_OFFLOAD_XSTATS_REPORT_DELTA,
	NETDEV_XDP_FEAT_CHANGE,
};
const char *netdev_cmd_to_name(enum netdev_cmd cmd);

struct netdev_notifier_info {
	struct net_device *dev;
	struct netlink_ext_ack *extack;
};

struct netdev_notifier_info_ext {
	struct netdev_notifier_info info;
	union {
		u32 mtu;
	} ext;
};

struct netdev_notifier_change_info {
	struct netdev_notifier_info info;
	unsigned int flags_changed;
};

struct netdev_notifier_pre_changeaddr_info {
	struct netdev_notifier_info info;
	const unsigned char *dev_addr;
};

static inline struct net_device *netdev_notifier_info_to_dev(const struct netdev_notifier_info *info)
{
	return info->dev;
}

static inline struct netlink_ext_ack *
netdev_notifier_info_to_extack(const struct netdev_notifier_info *info)
{
	return info->extack;
}

static inline void netdev_notifier_info_init(struct netdev_notifier_info *info,
					     struct net_device *dev)
{
	info->dev = dev;
	info->extack = NULL;
}

int register_netdevice_notifier(struct notifier_block *nb);
int unregister_netdevice_notifier(struct notifier_block *nb);
int register_netdevice_notifier_net(struct net *net, struct notifier_block *nb);
int unregister_netdevice_notifier_net(struct net *net, struct notifier_block *nb);

struct netdev_net_notifier {
	struct list_head list;
	struct notifier_block *nb;
};
int register_netdevice_notifier_dev_net(struct net_device *dev, struct notifier_block *nb,
					struct netdev_net_notifier *nn);
int unregister_netdevice_notifier_dev_net(struct net_device *dev, struct notifier_block *nb,
					  struct netdev_net_notifier *nn);
int call_netdevice_notifiers(unsigned long val, struct net_device *dev);
int call_netdevice_notifiers_info(unsigned long val, struct netdev_notifier_info *info);

/* State changes. */
int dev_open(struct net_device *dev, struct netlink_ext_ack *extack);
void dev_close(struct net_device *dev);
void dev_close_many(struct list_head *head, bool unlink);
unsigned int dev_get_flags(const struct net_device *dev);
int dev_change_flags(struct net_device *dev, unsigned int flags, struct netlink_ext_ack *extack);
void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);
void netif_device_detach(struct net_device *dev);
void netif_device_attach(struct net_device *dev);
int dev_change_carrier(struct net_device *dev, bool new_carrier);
int dev_validate_mtu(struct net_device *dev, int mtu, struct netlink_ext_ack *extack);
int dev_set_mtu_ext(struct net_device *dev, int mtu, struct netlink_ext_ack *extack);
int dev_set_mtu(struct net_device *dev, int mtu);
int __dev_set_mtu(struct net_device *dev, int new_mtu);
int dev_change_tx_queue_len(struct net_device *dev, unsigned long new_len);
int dev_pre_changeaddr_notify(struct net_device *dev, const char *addr,
			      struct netlink_ext_ack *extack);
int dev_set_mac_address(struct net_device *dev, struct sockaddr *sa,
			struct netlink_ext_ack *extack);
int dev_change_name(struct net_device *dev, const char *newname);

/**
 * dev_addr_set - set the device's hardware address (addr_len bytes)
 * @dev: network device
 * @addr: new address
 */
static inline void dev_addr_set(struct net_device *dev, const u8 *addr)
{
	memcpy(dev->dev_addr_storage, addr, dev->addr_len);
}

static inline void dev_addr_mod(struct net_device *dev, unsigned int offset, const void *addr,
				size_t len)
{
	memcpy(&dev->dev_addr_storage[offset], addr, len);
}

/* Statistics. */
struct rtnl_link_stats64 *dev_get_stats(struct net_device *dev, struct rtnl_link_stats64 *storage);
void netdev_stats_to_stats64(struct rtnl_link_stats64 *stats64,
			     const struct net_device_stats *netdev_stats);
void dev_fetch_sw_netstats(struct rtnl_link_stats64 *s, const struct pcpu_sw_netstats *netstats);
void dev_get_tstats64(struct net_device *dev, struct rtnl_link_stats64 *s);
void dev_lstats_read(struct net_device *dev, u64 *packets, u64 *bytes);
void *netdev_alloc_pcpu_stats_type(size_t size);
#define netdev_alloc_pcpu_stats(type)	((type *)netdev_alloc_pcpu_stats_type(sizeof(type)))
void netdev_free_pcpu_stats(void *stats);
unsigned int netdev_stat_slot(void);

static inline void dev_lstats_add(struct net_device *dev, unsigned int len)
{
	struct pcpu_lstats *l = &dev->lstats[netdev_stat_slot()];

	atomic64_inc(&l->packets);
	atomic64_add(len, &l->bytes);
}

static inline void dev_sw_netstats_rx_add(struct net_device *dev, unsigned int len)
{
	struct pcpu_sw_netstats *t = &dev->tstats[netdev_stat_slot()];

	atomic64_inc(&t->rx_packets);
	atomic64_add(len, &t->rx_bytes);
}

static inline void dev_sw_netstats_tx_add(struct net_device *dev, unsigned int packets,
					  unsigned int len)
{
	struct pcpu_sw_netstats *t = &dev->tstats[netdev_stat_slot()];

	atomic64_add(packets, &t->tx_packets);
	atomic64_add(len, &t->tx_bytes);
}

static inline void dev_dstats_rx_add(struct net_device *dev, unsigned int len)
{
	struct pcpu_dstats *d = &dev->dstats[netdev_stat_slot()];

	atomic64_inc(&d->rx_packets);
	atomic64_add(len, &d->rx_bytes);
}

static inline void dev_dstats_rx_dropped(struct net_device *dev)
{
	atomic64_inc(&dev->dstats[netdev_stat_slot()].rx_drops);
}

static inline void dev_dstats_tx_add(struct net_device *dev, unsigned int len)
{
	struct pcpu_dstats *d = &dev->dstats[netdev_stat_slot()];

	atomic64_inc(&d->tx_packets);
	atomic64_add(len, &d->tx_bytes);
}

static inline void dev_dstats_tx_dropped(struct net_device *dev)
{
	atomic64_inc(&dev->dstats[netdev_stat_slot()].tx_drops);
}

static inline void dev_core_stats_rx_dropped_inc(struct net_device *dev)
{
	atomic_long_inc(&dev->core_stats.rx_dropped);
}

static inline void dev_core_stats_tx_dropped_inc(struct net_device *dev)
{
	atomic_long_inc(&dev->core_stats.tx_dropped);
}

static inline void dev_core_stats_rx_nohandler_inc(struct net_device *dev)
{
	atomic_long_inc(&dev->core_stats.rx_nohandler);
}

/* Packets. */
struct packet_type {
	__be16 type;			/* ETH_P_*, htons(ETH_P_ALL) for taps */
	bool ignore_outgoing;
	struct net_device *dev;		/* NULL: every device */
	netdevice_tracker dev_tracker;
	int (*func)(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev);
	void *af_packet_priv;
	struct list_head list;
};

void dev_add_pack(struct packet_type *pt);
void __dev_remove_pack(struct packet_type *pt);
void dev_remove_pack(struct packet_type *pt);
int dev_queue_xmit(struct sk_buff *skb);
int __dev_queue_xmit(struct sk_buff *skb, struct net_device *sb_dev);
bool dev_nit_active(struct net_device *dev);
void dev_queue_xmit_nit(struct sk_buff *skb, struct net_device *dev);
int netif_rx(struct sk_buff *skb);
int __netif_rx(struct sk_buff *skb);
int netif_receive_skb(struct sk_buff *skb);
int dev_forward_skb(struct net_device *dev, struct sk_buff *skb);
int __dev_forward_skb(struct net_device *dev, struct sk_buff *skb);
bool is_skb_forwardable(const struct net_device *dev, const struct sk_buff *skb);

/* rtnl and namespaces. */
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>

/* Iteration over a namespace's devices. */
#define for_each_netdev(net, d)								\
	list_for_each_entry(d, &(net)->dev_base_head, dev_list)
#define for_each_netdev_safe(net, d, n)							\
	list_for_each_entry_safe(d, n, &(net)->dev_base_head, dev_list)
#define for_each_netdev_rcu(net, d)							\
	list_for_each_entry_rcu(d, &(net)->dev_base_head, dev_list)
#define for_each_netdev_continue(net, d)						\
	list_for_each_entry_continue(d, &(net)->dev_base_head, dev_list)

/* Messages with the device's name, as netdev_printk() prints them. */
#define netdev_printk(level, dev, fmt, ...)						\
	printk(level "%s%s: " fmt, netdev_name(dev), netdev_reg_state(dev), ##__VA_ARGS__)
#define netdev_emerg(dev, fmt, ...)	netdev_printk(KERN_EMERG, dev, fmt, ##__VA_ARGS__)
#define netdev_err(dev, fmt, ...)	netdev_printk(KERN_ERR, dev, fmt, ##__VA_ARGS__)
#define netdev_warn(dev, fmt, ...)	netdev_printk(KERN_WARNING, dev, fmt, ##__VA_ARGS__)
#define netdev_notice(dev, fmt, ...)	netdev_printk(KERN_NOTICE, dev, fmt, ##__VA_ARGS__)
#define netdev_info(dev, fmt, ...)	netdev_printk(KERN_INFO, dev, fmt, ##__VA_ARGS__)
#define netdev_dbg(dev, fmt, ...)	no_printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define netdev_WARN(dev, format, args...)						\
	WARN(1, "netdevice: %s%s: " format, netdev_name(dev), netdev_reg_state(dev), ##args)
#define netdev_WARN_ONCE(dev, format, args...)						\
	WARN_ONCE(1, "netdevice: %s%s: " format, netdev_name(dev), netdev_reg_state(dev), ##args)

#endif /* _KRT_LINUX_NETDEVICE_H */
