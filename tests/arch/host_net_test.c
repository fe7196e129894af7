// SPDX-License-Identifier: MIT
/*
 * arch/host/net.c: a private network namespace entered by one thread only, a host TAP
 * interface carrying frames both ways, interface configuration, and host programs run in the
 * namespace of the thread that starts them.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/if_ether.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/unaligned.h>

#include "arch/host/host.h"

#define HN_TIMEOUT_MS 5000
#define HN_OUT_SIZE 4096

/* What the namespace thread saw, checked by the test once it has ended. */
struct hn_ctx {
	struct completion done;
	bool want_ipv6;
	int64_t ns_before, ns_private, ns_restored;
	int skip_err;
	const char *skip_what;
	int restore_err;

	char name[16];
	u8 mac[ETH_ALEN];
	int mac_err, up_err, flags, addr_err, addr_again_err, bad_addr_err, mtu;
	ssize_t idle_read, arp_write;
	bool got_arp_reply, got_ipv6;
	u8 arp_reply_sha[ETH_ALEN];
	u16 ipv6_dst_prefix;

	int link_ret, addr_ret, ping_ret;
	char link_out[HN_OUT_SIZE];
	char addr_out[HN_OUT_SIZE];
	char ping_out[HN_OUT_SIZE];
};

static const u8 hn_peer_mac[ETH_ALEN] = { 0x02, 0x00, 0x00, 0x6b, 0x72, 0x74 };
static const u8 hn_peer_ip[4] = { 169, 254, 1, 2 };
static const u8 hn_host_ip[4] = { 169, 254, 1, 1 };

/* An ARP request "who has 169.254.1.1? tell 169.254.1.2" from hn_peer_mac, padded to 60. */
static size_t hn_build_arp_request(u8 *f)
{
	memset(f, 0, ETH_ZLEN);
	memset(f, 0xff, ETH_ALEN);
	memcpy(f + 6, hn_peer_mac, ETH_ALEN);
	put_unaligned_be16(ETH_P_ARP, f + 12);
	put_unaligned_be16(1, f + 14);			/* hardware: Ethernet */
	put_unaligned_be16(ETH_P_IP, f + 16);
	f[18] = ETH_ALEN;
	f[19] = 4;
	put_unaligned_be16(1, f + 20);			/* request */
	memcpy(f + 22, hn_peer_mac, ETH_ALEN);
	memcpy(f + 28, hn_peer_ip, 4);
	memcpy(f + 38, hn_host_ip, 4);
	return ETH_ZLEN;
}

static void hn_check_frame(struct hn_ctx *c, const u8 *f, ssize_t n)
{
	u16 type;

	if (n < ETH_HLEN)
		return;
	type = get_unaligned_be16(f + 12);
	if (type == ETH_P_ARP && n >= 42 && get_unaligned_be16(f + 20) == 2 &&
	    !memcmp(f, hn_peer_mac, ETH_ALEN) && !memcmp(f + 28, hn_host_ip, 4) &&
	    !memcmp(f + 32, hn_peer_mac, ETH_ALEN) && !memcmp(f + 38, hn_peer_ip, 4)) {
		c->got_arp_reply = true;
		memcpy(c->arp_reply_sha, f + 22, ETH_ALEN);
	}
	/* The host's own IPv6 traffic on a new link: MLD reports, DAD and router solicitations. */
	if (type == ETH_P_IPV6 && !memcmp(f + 6, c->mac, ETH_ALEN)) {
		c->got_ipv6 = true;
		c->ipv6_dst_prefix = get_unaligned_be16(f);
	}
}

static void hn_tap_traffic(struct hn_ctx *c, int fd)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(HN_TIMEOUT_MS);
	u8 frame[2048];

	/* Nothing comes out of an interface that is down. */
	c->idle_read = host_tap_read(fd, frame, sizeof(frame), 50);

	c->mac_err = host_netif_get_mac(c->name, c->mac);
	c->up_err = host_netif_set_up(c->name, true);
	c->flags = host_netif_get_flags(c->name);
	c->mtu = host_netif_get_mtu(c->name);
	c->addr_err = host_netif_add_ipv4(c->name, "169.254.1.1", 16);
	c->addr_again_err = host_netif_add_ipv4(c->name, "169.254.1.1", 16);
	c->bad_addr_err = host_netif_add_ipv4(c->name, "169.254.1", 16);

	c->arp_write = host_tap_write(fd, frame, hn_build_arp_request(frame));
	while (time_before(jiffies, deadline) &&
	       !(c->got_arp_reply && (c->got_ipv6 || !c->want_ipv6))) {
		ssize_t n = host_tap_read(fd, frame, sizeof(frame), 100);

		if (n < 0)
			break;
		hn_check_frame(c, frame, n);
	}
}

static void hn_netns_work(struct hn_ctx *c)
{
	char *link_argv[] = { "ip", "-o", "link", "show", NULL };
	char *addr_argv[] = { "ip", "-o", "-4", "addr", "show", "dev", c->name, NULL };
	char *ping_argv[] = { "ping", "-n", "-c", "1", "-W", "2", "169.254.1.1", NULL };
	int saved, fd, err;

	c->ns_before = host_netns_id();
	saved = host_netns_save();
	if (saved < 0) {
		c->skip_err = saved;
		c->skip_what = "open /proc/thread-self/ns/net";
		return;
	}
	err = host_netns_enter_private();
	if (err) {
		host_netns_restore(saved);
		c->skip_err = err;
		c->skip_what = "a private network namespace (unshare(CLONE_NEWNET), lo up)";
		return;
	}
	c->ns_private = host_netns_id();

	fd = host_tap_open("krttap%d", c->name, sizeof(c->name));
	if (fd < 0) {
		c->skip_err = fd;
		c->skip_what = "TAP interface (/dev/net/tun, TUNSETIFF)";
	} else {
		hn_tap_traffic(c, fd);
		c->link_ret = host_run_program(link_argv, HN_TIMEOUT_MS, c->link_out,
					       sizeof(c->link_out));
		c->addr_ret = host_run_program(addr_argv, HN_TIMEOUT_MS, c->addr_out,
					       sizeof(c->addr_out));
		/* The address exists only in this namespace: ping answered means ping ran here. */
		c->ping_ret = host_run_program(ping_argv, HN_TIMEOUT_MS, c->ping_out,
					       sizeof(c->ping_out));
		host_tap_close(fd);
	}
	c->restore_err = host_netns_restore(saved);
	c->ns_restored = host_netns_id();
}

static int hn_netns_thread(void *data)
{
	struct hn_ctx *c = data;

	hn_netns_work(c);
	complete(&c->done);
	return 0;
}

/* Does @out (`ip -o link show`) list an interface called @name? */
static bool hn_lists(const char *out, const char *name)
{
	size_t len = strlen(name);
	const char *p;

	for (p = strstr(out, ": "); p; p = strstr(p + 1, ": "))
		if (!strncmp(p + 2, name, len) && (p[2 + len] == ':' || p[2 + len] == '@'))
			return true;
	return false;
}

static void hn_expect_no_host_interfaces(struct kunit *test, const char *host_links,
					 const char *private_links)
{
	const char *line = host_links;

	while (line && *line) {
		const char *colon = strstr(line, ": ");
		char name[32] = "";
		size_t len;

		len = colon ? strcspn(colon + 2, ":@") : 0;
		if (len < sizeof(name)) {
			memcpy(name, colon + 2, len);
			name[len] = '\0';
		}
		if (*name && strcmp(name, "lo"))
			KUNIT_EXPECT_FALSE_MSG(test, hn_lists(private_links, name),
					       "host interface %s visible in the private namespace",
					       name);
		line = strchr(line, '\n');
		if (line)
			line++;
	}
}

static void host_net_private_netns_tap(struct kunit *test)
{
	char *host_argv[] = { "ip", "-o", "link", "show", NULL };
	char *ipv6_argv[] = { "test", "-d", "/proc/sys/net/ipv6", NULL };
	char *host_links = kunit_kzalloc(test, HN_OUT_SIZE, GFP_KERNEL);
	struct hn_ctx *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	int64_t ns_test = host_netns_id();
	struct task_struct *t;
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, host_links);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_GT(test, ns_test, 0);
	ret = host_run_program(host_argv, HN_TIMEOUT_MS, host_links, HN_OUT_SIZE);
	if (ret == -ENOENT)
		kunit_skip(test, "the host's ip (iproute2) is not installed");
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "ip -o link show: %s", host_links);
	/* Without IPv6 in the host kernel there is no IPv6 traffic to see. */
	c->want_ipv6 = host_run_program(ipv6_argv, HN_TIMEOUT_MS, NULL, 0) == 0;

	init_completion(&c->done);
	t = kthread_run(hn_netns_thread, c, "host-netns");
	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	get_task_struct(t);
	wait_for_completion(&c->done);
	KUNIT_EXPECT_EQ(test, kthread_stop_put(t), 0);

	/* The namespace change stayed in that thread. */
	KUNIT_EXPECT_EQ(test, host_netns_id(), ns_test);
	KUNIT_EXPECT_EQ(test, c->ns_before, ns_test);
	if (c->skip_err)
		kunit_skip(test, "%s not permitted here: %pe", c->skip_what,
			   ERR_PTR(c->skip_err));
	KUNIT_EXPECT_GT(test, c->ns_private, 0);
	KUNIT_EXPECT_NE(test, c->ns_private, ns_test);
	KUNIT_EXPECT_EQ(test, c->restore_err, 0);
	KUNIT_EXPECT_EQ(test, c->ns_restored, ns_test);

	KUNIT_EXPECT_STREQ(test, c->name, "krttap0");
	KUNIT_EXPECT_EQ(test, c->idle_read, 0);
	KUNIT_EXPECT_EQ(test, c->mac_err, 0);
	KUNIT_EXPECT_EQ(test, c->up_err, 0);
	/* IFF_UP, and IFF_RUNNING: the open descriptor is the carrier. */
	KUNIT_EXPECT_EQ(test, c->flags & 0x41, 0x41);
	KUNIT_EXPECT_EQ(test, c->mtu, 1500);
	KUNIT_EXPECT_EQ(test, c->addr_err, 0);
	KUNIT_EXPECT_EQ(test, c->addr_again_err, -EEXIST);
	KUNIT_EXPECT_EQ(test, c->bad_addr_err, -EINVAL);

	/* Our frame reached the host's ARP, and its answer came back out of the TAP. */
	KUNIT_EXPECT_EQ(test, c->arp_write, (ssize_t)ETH_ZLEN);
	KUNIT_EXPECT_TRUE(test, c->got_arp_reply);
	KUNIT_EXPECT_MEMEQ(test, c->arp_reply_sha, c->mac, ETH_ALEN);
	if (c->want_ipv6) {
		KUNIT_EXPECT_TRUE_MSG(test, c->got_ipv6, "no IPv6 frame in %d ms", HN_TIMEOUT_MS);
		/* To an IPv6 multicast group: 33:33:xx:xx:xx:xx. */
		KUNIT_EXPECT_EQ(test, c->ipv6_dst_prefix, 0x3333);
	}

	/* ip, run from the thread, saw that thread's namespace: lo and the TAP, nothing else. */
	KUNIT_EXPECT_EQ_MSG(test, c->link_ret, 0, "%s", c->link_out);
	KUNIT_EXPECT_TRUE_MSG(test, hn_lists(c->link_out, "krttap0"), "%s", c->link_out);
	KUNIT_EXPECT_TRUE_MSG(test, hn_lists(c->link_out, "lo"), "%s", c->link_out);
	hn_expect_no_host_interfaces(test, host_links, c->link_out);
	KUNIT_EXPECT_FALSE(test, hn_lists(host_links, "krttap0"));
	KUNIT_EXPECT_EQ_MSG(test, c->addr_ret, 0, "%s", c->addr_out);
	KUNIT_EXPECT_NOT_NULL_MSG(test,
				  strstr(c->addr_out, "inet 169.254.1.1/16 brd 169.254.255.255"),
				  "%s", c->addr_out);
	if (c->ping_ret == -ENOENT)
		kunit_info(test, "ping (iputils-ping) is not installed: not run\n");
	else
		KUNIT_EXPECT_EQ_MSG(test, c->ping_ret, 0, "%s", c->ping_out);
}

static int hn_fork_prepared;

static void hn_count_fork(void)
{
	__atomic_add_fetch(&hn_fork_prepared, 1, __ATOMIC_RELAXED);
}

static void host_net_run_program(struct kunit *test)
{
	static bool handler_installed;
	char *sh_argv[] = { "sh", "-c", "echo out; echo err >&2; exit 3", NULL };
	char *kill_argv[] = { "sh", "-c", "kill -9 $$", NULL };
	char *sleep_argv[] = { "sh", "-c", "sleep 10; echo late", NULL };
	char *missing_argv[] = { "krt-no-such-program", NULL };
	char *abs_missing_argv[] = { "/nonexistent/krt-prog", NULL };
	char out[64];
	char small[4];
	unsigned long start;
	int forks;

	if (!handler_installed) {
		handler_installed = true;
		KUNIT_ASSERT_EQ(test, host_atfork(hn_count_fork, NULL, NULL), 0);
	}
	forks = __atomic_load_n(&hn_fork_prepared, __ATOMIC_RELAXED);

	KUNIT_EXPECT_EQ(test, host_run_program(sh_argv, HN_TIMEOUT_MS, out, sizeof(out)), 3);
	KUNIT_EXPECT_STREQ(test, out, "out\nerr\n");
	/* Cut to the buffer, still a string. */
	KUNIT_EXPECT_EQ(test, host_run_program(sh_argv, HN_TIMEOUT_MS, small, sizeof(small)), 3);
	KUNIT_EXPECT_STREQ(test, small, "out");
	KUNIT_EXPECT_EQ(test, host_run_program(sh_argv, HN_TIMEOUT_MS, NULL, 0), 3);
	KUNIT_EXPECT_EQ(test, host_run_program(kill_argv, HN_TIMEOUT_MS, out, sizeof(out)),
			128 + 9);

	KUNIT_EXPECT_EQ(test, host_run_program(missing_argv, HN_TIMEOUT_MS, out, sizeof(out)),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, host_run_program(abs_missing_argv, HN_TIMEOUT_MS, out, sizeof(out)),
			-ENOENT);

	/* The whole process group goes: sh and its sleep. */
	start = jiffies;
	KUNIT_EXPECT_EQ(test, host_run_program(sleep_argv, 200, out, sizeof(out)), -ETIMEDOUT);
	KUNIT_EXPECT_LT(test, jiffies_to_msecs(jiffies - start), 3000u);
	KUNIT_EXPECT_STREQ(test, out, "");

	/* posix_spawn() ran none of krt's fork handlers. */
	KUNIT_EXPECT_EQ(test, __atomic_load_n(&hn_fork_prepared, __ATOMIC_RELAXED), forks);
}

/* Argument checks and lookups that need no privileges. */
static void host_net_bad_arguments(struct kunit *test)
{
	u8 mac[ETH_ALEN];

	KUNIT_EXPECT_EQ(test, host_tap_open("a-name-longer-than-15", NULL, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, host_netif_index("krt-no-such0"), -ENODEV);
	KUNIT_EXPECT_EQ(test, host_netif_get_mac("krt-no-such0", mac), -ENODEV);
	KUNIT_EXPECT_EQ(test, host_netif_get_flags("krt-no-such0"), -ENODEV);
	KUNIT_EXPECT_EQ(test, host_netif_add_ipv4("krt-no-such0", "169.254.1.1", 16), -ENODEV);
	KUNIT_EXPECT_EQ(test, host_netif_set_up("a-name-longer-than-15", true), -EINVAL);
	KUNIT_EXPECT_EQ(test, host_netif_add_ipv4("lo", "127.0.0.1", 33), -EINVAL);
	KUNIT_EXPECT_EQ(test, host_netif_add_ipv6("lo", "fe80::zz", 64), -EINVAL);
	KUNIT_EXPECT_EQ(test, host_netif_index("lo"), 1);
	KUNIT_EXPECT_GT(test, host_netif_get_mtu("lo"), 0);
	KUNIT_EXPECT_EQ(test, host_run_program(NULL, 0, NULL, 0), -EINVAL);
}

static struct kunit_case host_net_test_cases[] = {
	KUNIT_CASE(host_net_private_netns_tap),
	KUNIT_CASE(host_net_run_program),
	KUNIT_CASE(host_net_bad_arguments),
	{}
};

static struct kunit_suite host_net_test_suite = {
	.name = "host_net",
	.test_cases = host_net_test_cases,
};
kunit_test_suite(host_net_test_suite);
