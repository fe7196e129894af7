// SPDX-License-Identifier: MIT
/*
 * make demo, the netdev chapter: a struct net_device's life as netdevices.rst tells it. Devices
 * are created with the link API (what `ip link add` asks the kernel), carry frames from one
 * end of a veth pair to a packet handler on the other, and are deleted while two holders still
 * have references: the unregistration waits, reports every second who holds the device (the
 * ref_tracker dump), and completes when they let go. Every number printed is read back from
 * krt: `ip link` text, /sys/class/net, /proc/net/dev and the count of allocated devices.
 */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/unaligned.h>
#include <net/net_namespace.h>
#include <krt/leak.h>
#include <krt/link.h>
#include <krt/printk.h>
#include <krt/proc.h>

#include <stdio.h>

#include "demo.h"

#define NR_FRAMES	100
#define FRAME_LEN	64		/* bytes on the wire, Ethernet header included */
#define DEMO_PROTO	ETH_P_802_EX1	/* the local experimental EtherType */
#define TIMEOUT_FILE	"/proc/sys/net/core/netdev_unregister_timeout_secs"
#define NR_REPORTS	2		/* the holders let go after this many reports */
#define WAITING_MSG	"unregister_netdevice: waiting for veth0 to become free"

/* Showing devices -------------------------------------------------------------------------- */

static char net_buf[16384];

/* Print @text indented, line by line. */
static void print_indented(const char *text)
{
	const char *line, *nl;

	for (line = text; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		printf("   %.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
		if (!nl)
			break;
	}
}

/* `ip link show`: every device of init_net, as iproute2 prints them. */
static void show_links(void)
{
	ssize_t len = krt_link_show(NULL, NULL, net_buf, sizeof(net_buf));

	if (len < 0)
		printf("   (krt_link_show: %zd)\n", len);
	else if (!len)
		printf("   (no devices)\n");
	else
		print_indented(net_buf);
}

/* /proc/net/dev: its two heading lines and the lines of the devices named in @names. */
static void show_proc_net_dev(const char *const *names, int nr)
{
	char *line, *next;
	int i, row = 0;

	if (krt_proc_read("/proc/net/dev", net_buf, sizeof(net_buf)) <= 0) {
		printf("   (cannot read /proc/net/dev)\n");
		return;
	}
	for (line = net_buf; line && *line; line = next, row++) {
		const char *name = line + strspn(line, " ");

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		for (i = 0; row >= 2 && i < nr; i++)
			if (!strncmp(name, names[i], strlen(names[i])) &&
			    name[strlen(names[i])] == ':')
				break;
		if (row < 2 || i < nr)
			printf("   %s\n", line);
	}
}

/* How many struct net_device are allocated now (the leak counter the KUnit runner checks). */
static long net_devices(void)
{
	const char *names[64];
	long values[64];
	int i, n = krt_leak_snapshot(values, names, ARRAY_SIZE(values));

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], "net devices"))
			return values[i];
	return -1;
}

/* 1. Creating devices ------------------------------------------------------------------------ */

static int create_devices(void)
{
	struct krt_link_req dummy = { .kind = "dummy", .link = { .name = "dummy0" } };
	struct krt_link_req pair = {
		.kind = "veth", .link = { .name = "veth0" }, .peer = { .name = "veth1" },
	};
	struct krt_link_attrs up = { .up = true }, jumbo = { .mtu = 9000 };
	char mtu[16] = "?\n";
	int err;

	step("Creating devices", ": the link API is RTM_NEWLINK as a C call: under\n"
	     "  rtnl_lock(), the kind's rtnl_link_ops create the device and register_netdevice()\n"
	     "  registers it. One request makes a veth pair (the peer is registered first).\n");
	err = krt_link_add(NULL, &dummy, NULL);
	printf("-> ip link add dummy0 type dummy: %d\n", err);
	if (err)
		return err;
	err = krt_link_add(NULL, &pair, NULL);
	printf("-> ip link add veth0 type veth peer name veth1: %d\n", err);
	if (err)
		return err;
	err = krt_link_set(NULL, "veth0", &up, NULL) ?: krt_link_set(NULL, "veth1", &up, NULL);
	printf("-> ip link set veth0 up; ip link set veth1 up: %d\n", err);
	if (err)
		return err;
	err = krt_link_set(NULL, "dummy0", &jumbo, NULL);
	krt_proc_read("/sys/class/net/dummy0/mtu", mtu, sizeof(mtu));
	printf("-> ip link set dummy0 mtu 9000: %d; /sys/class/net/dummy0/mtu reads %s", err, mtu);
	printf("-> ip link show (net devices allocated: %ld):\n", net_devices());
	show_links();
	return 0;
}

/* 2. Traffic --------------------------------------------------------------------------------- */

/* The receiving side: a packet handler for DEMO_PROTO frames that arrive on veth1. */
static atomic_t frames_seen = ATOMIC_INIT(0);

static int demo_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		    struct net_device *orig_dev)
{
	atomic_inc(&frames_seen);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static struct packet_type demo_packet_type = {
	.type = htons(DEMO_PROTO),
	.func = demo_rcv,
};

/* One FRAME_LEN-byte frame from @dev to @dst: header built by the device's header_ops. */
static int send_frame(struct net_device *dev, const u8 *dst, unsigned int seq)
{
	unsigned int len = FRAME_LEN - ETH_HLEN;
	struct sk_buff *skb = netdev_alloc_skb(dev, len);
	u8 *payload;

	if (!skb)
		return -ENOMEM;
	payload = skb_put(skb, len);
	memset(payload, 0, len);
	put_unaligned_be32(seq, payload);
	skb->dev = dev;
	skb->protocol = htons(DEMO_PROTO);
	if (dev_hard_header(skb, dev, DEMO_PROTO, dst, NULL, len) < 0) {
		kfree_skb(skb);
		return -EINVAL;
	}
	return dev_queue_xmit(skb);
}

static void send_traffic(void)
{
	static const char *const names[] = { "veth0", "veth1" };
	netdevice_tracker tx_tracker, rx_tracker;
	struct net_device *tx, *rx;
	unsigned int i, sent = 0;
	unsigned long end;

	step("Traffic", ": " __stringify(NR_FRAMES) " frames of " __stringify(FRAME_LEN)
	     " bytes leave veth0 by dev_queue_xmit();\n"
	     "  veth's ndo_start_xmit hands each to veth1's receive path (netif_rx()), where\n"
	     "  a packet handler registered with dev_add_pack() counts them.\n");
	/* Both ends, each with a tracked reference for as long as we use them. */
	rtnl_lock();
	tx = __dev_get_by_name(&init_net, "veth0");
	rx = __dev_get_by_name(&init_net, "veth1");
	netdev_hold(tx, &tx_tracker, GFP_KERNEL);
	netdev_hold(rx, &rx_tracker, GFP_KERNEL);
	rtnl_unlock();
	if (!tx || !rx) {
		printf("-> veth0 or veth1 not found?!\n");
		goto out;
	}
	demo_packet_type.dev = rx;
	dev_add_pack(&demo_packet_type);
	for (i = 0; i < NR_FRAMES; i++)
		sent += send_frame(tx, rx->dev_addr, i) == NET_XMIT_SUCCESS;
	end = jiffies + 5 * HZ;
	while (atomic_read(&frames_seen) < sent && time_before(jiffies, end))
		msleep(1);
	dev_remove_pack(&demo_packet_type);
	printf("-> %u sent (NET_XMIT_SUCCESS), %d received by the handler on veth1; "
	       "/proc/net/dev:\n", sent, atomic_read(&frames_seen));
	show_proc_net_dev(names, ARRAY_SIZE(names));
out:
	netdev_put(rx, &rx_tracker);
	netdev_put(tx, &tx_tracker);
}

/* 3. Unregistering a device that is still held ----------------------------------------------- */

/* A subsystem that binds to a device, with a tracked reference, as new code should. */
struct my_subsystem {
	struct net_device *dev;
	netdevice_tracker dev_tracker;
};

static noinline void my_subsystem_attach(struct my_subsystem *s, struct net_device *dev)
{
	s->dev = dev;
	netdev_hold(dev, &s->dev_tracker, GFP_KERNEL);
	barrier();
}

static void my_subsystem_detach(struct my_subsystem *s)
{
	netdev_put(s->dev, &s->dev_tracker);
	s->dev = NULL;
}

/* Older code that remembers a device with a plain dev_hold(). */
struct my_legacy_cache {
	struct net_device *dev;
};

static noinline void my_legacy_cache_add(struct my_legacy_cache *c, struct net_device *dev)
{
	c->dev = dev;
	dev_hold(dev);
	barrier();
}

static void my_legacy_cache_flush(struct my_legacy_cache *c)
{
	dev_put(c->dev);
	c->dev = NULL;
}

/* `ip link del` from another thread: it returns when the devices are freed. */
struct link_del {
	const char *name;
	int err;
	u64 ms;
	struct completion done;
};

static int link_del_thread(void *arg)
{
	struct link_del *del = arg;
	u64 start = ktime_get_ns();

	del->err = krt_link_del(NULL, del->name, NULL);
	del->ms = (ktime_get_ns() - start) / NSEC_PER_MSEC;
	complete(&del->done);
	return 0;
}

/* Wait (10 s at most) until the waiting message has been printed @nr times. */
static void wait_for_reports(unsigned int nr)
{
	unsigned long end = jiffies + 10 * HZ;

	while (krt_printk_capture_count(WAITING_MSG) < nr && time_before(jiffies, end))
		msleep(10);
}

static void unregister_while_held(void)
{
	struct link_del del = { .name = "veth1" };
	struct my_legacy_cache cache = {};
	struct my_subsystem sub = {};
	char old_timeout[16] = "10";
	unsigned int named_attach, named_add;
	unsigned long end;
	long devs;
	int refs = 0;
	struct task_struct *t;
	struct net_device *dev;
	unsigned int reports;
	u64 start;
	int err;

	step("Unregistering a device that is still held", ": my_subsystem_attach() takes a\n"
	     "  tracked reference to veth0 (netdev_hold() with a netdevice_tracker) and\n"
	     "  my_legacy_cache_add() a plain dev_hold(); neither listens for NETDEV_UNREGISTER.\n"
	     "  A kthread runs `ip link del veth1`: deleting one end of a pair deletes both\n"
	     "  (veth_dellink). veth1 is freed at once; for veth0, rtnl_unlock()'s todo runner\n"
	     "  waits for the references, sends NETDEV_UNREGISTER again every second, and every\n"
	     "  netdev_unregister_timeout_secs (10 by default; 1 here) prints who holds it.\n");
	krt_proc_read(TIMEOUT_FILE, old_timeout, sizeof(old_timeout));
	krt_proc_write(TIMEOUT_FILE, "1", 1);

	rtnl_lock();
	dev = __dev_get_by_name(&init_net, "veth0");
	if (dev) {
		refs = netdev_refcnt_read(dev);
		my_subsystem_attach(&sub, dev);
		my_legacy_cache_add(&cache, dev);
	}
	rtnl_unlock();
	if (!dev) {
		printf("-> no veth0?!\n");
		return;
	}
	printf("-> veth0's netdev_refcnt_read(): %d (the core's own: alloc_netdev()'s and the\n"
	       "   registration's), %d with ours\n", refs, netdev_refcnt_read(dev));

	init_completion(&del.done);
	krt_printk_capture_begin(true);
	start = ktime_get_ns();
	t = kthread_run(link_del_thread, &del, "ip-link-del");
	if (IS_ERR(t)) {
		krt_printk_capture_end();
		printf("-> cannot start the kthread (%ld)\n", PTR_ERR(t));
		my_legacy_cache_flush(&cache);
		my_subsystem_detach(&sub);
		return;
	}
	/* veth1 goes first: nothing holds it. */
	end = jiffies + HZ;
	while ((devs = net_devices()) > 2 && time_before(jiffies, end))
		msleep(10);
	printf("-> meanwhile `ip link show` lists neither veth, and net devices allocated: %ld\n"
	       "   (veth1 is freed; veth0 is unlisted, waiting for its references):\n", devs);
	show_links();
	wait_for_reports(NR_REPORTS);
	reports = krt_printk_capture_count(WAITING_MSG);
	named_attach = krt_printk_capture_count("my_subsystem_attach+");
	named_add = krt_printk_capture_count("my_legacy_cache_add+");
	krt_printk_capture_end();

	printf("-> after %llu ms, %u reports naming my_subsystem_attach %u times and\n"
	       "   my_legacy_cache_add %u times, the holders let go: my_subsystem_detach()\n"
	       "   calls netdev_put(), my_legacy_cache_flush() dev_put()\n",
	       (unsigned long long)(ktime_get_ns() - start) / NSEC_PER_MSEC, reports,
	       named_attach, named_add);
	my_subsystem_detach(&sub);
	my_legacy_cache_flush(&cache);
	wait_for_completion(&del.done);
	devs = net_devices();
	printf("-> `ip link del veth1` returned %d after %llu ms; net devices allocated: %ld\n"
	       "   (veth0 is freed: only dummy0 is left)\n", del.err,
	       (unsigned long long)del.ms, devs);
	err = krt_link_del(NULL, "veth0", NULL);
	printf("-> ip link del veth0: %d (-ENODEV: it went with veth1)\n", err);
	krt_proc_write(TIMEOUT_FILE, old_timeout, strlen(old_timeout));
}

/* 4. Cleaning up ----------------------------------------------------------------------------- */

static void delete_everything(void)
{
	int err;

	step("Cleaning up", ": deleting dummy0, the last device. Nothing holds it, so the\n"
	     "  deletion returns at once, with the device freed (dummy sets needs_free_netdev).\n");
	err = krt_link_del(NULL, "dummy0", NULL);
	printf("-> ip link del dummy0: %d; net devices allocated: %ld; ip link show:\n", err,
	       net_devices());
	show_links();
}

/* The chapter ---------------------------------------------------------------------------- */

/**
 * demo_netdev_chapter - a struct net_device's life, demonstrated
 * @n: the chapter's number
 */
void demo_netdev_chapter(int n)
{
	chapter(n, "struct net_device lifetime, as in Documentation/networking/netdevices.rst",
		"Devices are created and deleted with the link API (RTM_NEWLINK/RTM_DELLINK as\n"
		"C calls, like `ip link`), carry frames, and live until their last reference is\n"
		"put: unregistration waits for it, and names who holds the device meanwhile.");
	if (create_devices()) {
		krt_link_del(NULL, "veth0", NULL);
		krt_link_del(NULL, "dummy0", NULL);
		return;
	}
	send_traffic();
	unregister_while_held();
	delete_everything();
}
