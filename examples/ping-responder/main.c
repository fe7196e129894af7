// SPDX-License-Identifier: MIT
/*
 * ping-responder: the host's own ping, answered by kernel-style code running in krt.
 *
 * The program moves its main thread into a private host network namespace, creates a krt
 * "tap" device bridged to a host TAP interface in that namespace, gives the host side
 * 169.254.1.1/16 and starts the responder (responder.c) for 169.254.1.2 on the krt side. Then
 * it runs the host's `ping -c 3 169.254.1.2` in the namespace and prints what ping printed:
 * the host kernel resolves 169.254.1.2 with ARP and sends echo requests out of its TAP
 * interface; the tap driver's receive thread hands them to krt's stack, the responder's packet
 * handlers answer, and the tap driver writes the answers back to the host.
 *
 * Needs CAP_SYS_ADMIN (unshare(CLONE_NEWNET)) and CAP_NET_ADMIN (/dev/net/tun), e.g. root or
 * `unshare -rn`. Exit status: ping's (0 when every echo was answered), 77 when the host does
 * not permit the namespace or the TAP interface.
 */
#include <linux/kernel.h>
#include <linux/err.h>
#include <linux/errname.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <krt/tap.h>

#include <stdio.h>

#include "responder.h"

#define HOST_ADDR	"169.254.1.1"
#define HOST_PREFIX	16
/* 169.254.1.2, the address the responder answers for. */
#define KRT_ADDR	htonl(0xa9fe0102)
#define PING_TIMEOUT_MS	30000
#define EXIT_SKIP	77

static char ping_out[16384];

static const char *err_text(int err)
{
	return errname(err) ?: "error";
}

/* Bring the krt side up (dev_open under RTNL) and the host side, with its address. */
static int bring_up(struct net_device *dev)
{
	int err;

	rtnl_lock();
	err = dev_open(dev, NULL);
	rtnl_unlock();
	if (err) {
		fprintf(stderr, "ping-responder: dev_open(%s): %s\n", dev->name, err_text(err));
		return err;
	}
	err = krt_tap_host_set_up(dev, true);
	if (!err)
		err = krt_tap_host_add_ipv4(dev, HOST_ADDR, HOST_PREFIX);
	if (err)
		fprintf(stderr, "ping-responder: host side of %s: %s\n", krt_tap_host_name(dev),
			err_text(err));
	return err;
}

int main(void)
{
	char *ping_argv[] = { "ping", "-c", "3", "169.254.1.2", NULL };
	struct ping_responder responder;
	struct net_device *dev;
	u8 host_mac[ETH_ALEN];
	char line[128];
	int err, ret;

	err = krt_tap_enter_private_netns();
	if (err) {
		printf("ping-responder: skipped: the host does not permit a private network namespace (unshare(CLONE_NEWNET): %s)\n",
		       err_text(err));
		return EXIT_SKIP;
	}
	dev = krt_tap_create(NULL, "tap0", NULL);
	if (IS_ERR(dev)) {
		err = PTR_ERR(dev);
		printf("ping-responder: skipped: the host does not permit a TAP interface (/dev/net/tun: %s)\n",
		       err_text(err));
		return EXIT_SKIP;
	}
	ret = 1;
	if (bring_up(dev))
		goto out_destroy;
	if (krt_tap_host_get_mac(dev, host_mac))
		memset(host_mac, 0, sizeof(host_mac));

	ping_responder_start(&responder, dev, KRT_ADDR);
	/* krt's scnprintf() knows the kernel's %pM; the C library's printf() does not. */
	scnprintf(line, sizeof(line), "host: %-6s %pM  %s/%d (the host's stack, private namespace)",
		  krt_tap_host_name(dev), host_mac, HOST_ADDR, HOST_PREFIX);
	puts(line);
	scnprintf(line, sizeof(line), "krt:  %-6s %pM  169.254.1.2    (responder.c on the tap driver)",
		  dev->name, dev->dev_addr);
	puts(line);
	printf("\n$ %s %s %s %s\n", ping_argv[0], ping_argv[1], ping_argv[2], ping_argv[3]);
	fflush(stdout);

	ret = krt_tap_run_program(ping_argv, PING_TIMEOUT_MS, ping_out, sizeof(ping_out));
	if (ret == -ENOENT)
		printf("ping is not installed (iputils-ping)\n");
	else if (ret < 0)
		printf("ping: %s\n", err_text(ret));
	else
		fputs(ping_out, stdout);

	ping_responder_stop(&responder);
	printf("\nkrt answered %d ARP request(s) and %d echo request(s)\n",
	       atomic_read(&responder.arp_replies), atomic_read(&responder.echo_replies));
out_destroy:
	krt_tap_destroy(dev);
	return ret == 0 ? 0 : 1;
}
