// SPDX-License-Identifier: MIT
/*
 * Network device benchmarks, krt side by side with the host kernel on the same machine:
 *   1. create+delete one device at a time: krt_link_add()+krt_link_del() of a dummy and of a
 *      veth pair, vs `ip link add NAME type dummy` (or ifb, when the host has no dummy driver)
 *      and `ip link del NAME` lines in one `ip -batch` file, and the same for veth pairs
 *      (goal: krt >= 100x the kernel's rate);
 *   2. create rate: 1,000 devices (goal >= 10x);
 *   3. batched delete of those 1,000 devices by group, one unregister_netdevice_many() batch:
 *      krt_link_del_group() vs `ip link del group 7` (goal >= 10x);
 *   4. veth pair packet rate, 64-byte frames, one thread each side: a kthread sending with
 *      dev_queue_xmit() on one end, a dev_add_pack() handler counting on the other end (krt's
 *      backlog thread), vs AF_PACKET sockets on a kernel veth pair (send() on one thread,
 *      recvmmsg() on another).
 *
 * The kernel's figures time whole `ip` processes (nothing subtracted; an empty batch shows what
 * the process costs) in a private network namespace the main thread enters for each run
 * (unshare(CLONE_NEWNET)); without that permission, or without `ip`, they are printed as
 * skipped. krt and the kernel alternate, and each figure is the best of its runs.
 *
 * `netdev_bench` prints the tables; `netdev_bench --loop NAME N` runs one krt loop N times
 * after a warm-up (for callgrind instruction counts, see scripts/bench.sh).
 */
#define _GNU_SOURCE
/* Host headers first: krt's <linux/swab.h> renames swab(), which <unistd.h> declares. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/kernel.h>
#include <linux/delay.h>
#include <linux/errname.h>
#include <linux/etherdevice.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <linux/kasan.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <net/net_namespace.h>
#include <krt/boot.h>
#include <krt/link.h>

#include "arch/host/host.h"

#define KRT_RUNS	5
#define KERNEL_RUNS	3
#define ONE_N_KRT	2000		/* create+delete pairs per krt run */
#define ONE_N_KERNEL	50		/* ... per kernel run (about 1 s at 60/s) */
#define GROUP_N		1000
#define GROUP		7
#define PKT_LEN		64		/* whole frame, Ethernet header included */
#define PKT_PROTO	ETH_P_802_EX1
#define PKT_RUNS	3
#define PKT_WARM_MS	100
#define PKT_WINDOW_MS	1000

static double secs(u64 ns)
{
	return (double)ns / NSEC_PER_SEC;
}

static void __noreturn die(const char *what, int err)
{
	fprintf(stderr, "netdev_bench: %s failed: %d (%s)\n", what, err, errname(err) ?: "?");
	exit(1);
}

/* ---- krt: the link API ------------------------------------------------------------------ */

static void krt_add(const char *kind, const char *name, const char *peer, unsigned int group)
{
	struct krt_link_req req = {
		.kind = kind,
		.link = { .name = name, .group = group },
		.peer = { .name = peer },
	};
	int err = krt_link_add(NULL, &req, NULL);

	if (err)
		die("krt_link_add", err);
}

static void krt_del(const char *name)
{
	int err = krt_link_del(NULL, name, NULL);

	if (err)
		die("krt_link_del", err);
}

static void krt_del_group(unsigned int group)
{
	int err = krt_link_del_group(NULL, group, NULL);

	if (err)
		die("krt_link_del_group", err);
}

static char group_names[GROUP_N][IFNAMSIZ];

static void group_names_init(void)
{
	unsigned int i;

	for (i = 0; i < GROUP_N; i++)
		snprintf(group_names[i], IFNAMSIZ, "nbg%u", i);
}

/*
 * Each benchmark is a function loop_NAME(n), which callgrind's --toggle-collect=loop_NAME
 * counts (see page_bench.c: noipa keeps identical code folding away).
 */
#ifdef __clang__
#define __bench_loop	__attribute__((__noinline__))
#else
#define __bench_loop	__attribute__((__noipa__))
#endif

static __bench_loop void loop_dummy(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		krt_add("dummy", "nbd0", NULL, 0);
		krt_del("nbd0");
	}
}

static __bench_loop void loop_veth(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		krt_add("veth", "nbv0", "nbv1", 0);
		krt_del("nbv0");
	}
}

/* @n <= GROUP_N dummies in GROUP */
static __bench_loop void loop_group_add(unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++)
		krt_add("dummy", group_names[i], NULL, GROUP);
}

static __bench_loop void loop_group_del(unsigned long n)
{
	krt_del_group(GROUP);
}

/* ---- the host kernel: ip -batch in a private namespace ---------------------------------- */

static struct {
	bool ok;
	char reason[160];
	char dir[64];			/* batch files */
	const char *kind;		/* the one-device kind: "dummy", else "ifb" */
	int saved_ns;			/* the main thread's namespace, while in a private one */
} host = { .saved_ns = -1 };

static char *batch_path(const char *name)
{
	static char path[4][96];
	static unsigned int next;
	char *p = path[next++ % ARRAY_SIZE(path)];

	snprintf(p, sizeof(path[0]), "%s/%s", host.dir, name);
	return p;
}

static int host_ns_enter(void)
{
	int err;

	host.saved_ns = host_netns_save();
	if (host.saved_ns < 0) {
		err = host.saved_ns;
		host.saved_ns = -1;
	} else {
		err = host_netns_enter_private();
		if (err) {
			close(host.saved_ns);
			host.saved_ns = -1;
		}
	}
	if (err)
		snprintf(host.reason, sizeof(host.reason), "unshare(CLONE_NEWNET): %s",
			 errname(err) ?: "error");
	return err;
}

/* Back to the main thread's namespace: the private one goes away with its last user. */
static void host_ns_leave(void)
{
	int err = host_netns_restore(host.saved_ns);

	host.saved_ns = -1;
	if (err)
		die("setns back to the bench's own network namespace", err);
}

/*
 * Run `ip ARGS...` in the calling thread's namespace; its time in *@ns (the whole process:
 * spawn, run, exit). 0, or nonzero with the reason in host.reason.
 */
static int run_ip(u64 *ns, const char *a1, const char *a2, const char *a3, const char *a4,
		  const char *a5, const char *a6)
{
	char *argv[] = { "ip", (char *)a1, (char *)a2, (char *)a3, (char *)a4, (char *)a5,
			 (char *)a6, NULL };
	static char out[512];
	u64 t0 = ktime_get_ns();
	int ret = host_run_program(argv, 60000, out, sizeof(out));

	if (ns)
		*ns = ktime_get_ns() - t0;
	if (!ret)
		return 0;
	if (ret < 0)
		snprintf(host.reason, sizeof(host.reason), "cannot run ip: %s",
			 errname(ret) ?: "error");
	else
		snprintf(host.reason, sizeof(host.reason), "ip %s %s %s: exit %d: %.80s", a1,
			 a2 ?: "", a3 ?: "", ret, strim(out));
	return ret ?: -EIO;
}

static int run_batch(const char *file, u64 *ns)
{
	return run_ip(ns, "-batch", batch_path(file), NULL, NULL, NULL, NULL);
}

static int write_batch(const char *file, const char *fmt1, const char *fmt2, unsigned int n,
		       const char *kind)
{
	FILE *f = fopen(batch_path(file), "w");
	unsigned int i;

	if (!f)
		return -errno;
	for (i = 0; i < n; i++) {
		if (fmt1)
			fprintf(f, fmt1, i, kind, i);
		if (fmt2)
			fprintf(f, fmt2, i, kind, i);
	}
	return fclose(f) ? -errno : 0;
}

static const char *const batch_files[] = {
	"empty", "one", "veth", "group_add", "pkt_setup",
};

static int write_batches(void)
{
	return write_batch("empty", NULL, NULL, 0, NULL) ?:
	       write_batch("one", "link add nb%u type %s\n", "link del nb%u\n", ONE_N_KERNEL,
			   host.kind) ?:
	       write_batch("veth", "link add nbv%u type %s peer name nbw%u\n", "link del nbv%u\n",
			   ONE_N_KERNEL, "veth") ?:
	       write_batch("group_add", "link add nbg%u group " __stringify(GROUP) " type %s\n", NULL, GROUP_N,
			   host.kind) ?:
	       write_batch("pkt_setup", "link add nbp%u type %s peer name nbq%u\n"
			   "link set nbp0 up\nlink set nbq0 up\n", NULL, 1, "veth");
}

static void host_cleanup(void)
{
	unsigned int i;

	if (!host.dir[0])
		return;
	for (i = 0; i < ARRAY_SIZE(batch_files); i++)
		unlink(batch_path(batch_files[i]));
	rmdir(host.dir);
}

/* Can this process measure the host kernel? Sets host.ok, or host.reason. */
static void host_probe(void)
{
	int err;

	if (host_getuid() != 0) {
		snprintf(host.reason, sizeof(host.reason), "not root (ip link add needs "
			 "CAP_NET_ADMIN in a private network namespace)");
		return;
	}
	if (host_ns_enter())
		return;
	/* The dummy driver, else ifb (a module some hosts lack, or cannot load in a container). */
	host.kind = "dummy";
	if (run_ip(NULL, "link", "add", "nbprobe", "type", "dummy", NULL)) {
		host.kind = "ifb";
		if (run_ip(NULL, "link", "add", "nbprobe", "type", "ifb", NULL)) {
			snprintf(host.reason, sizeof(host.reason), "neither dummy nor ifb devices "
				 "can be created");
			goto leave;
		}
	}
	if (run_ip(NULL, "link", "add", "nbprobev", "type", "veth", NULL))
		goto leave;
	host.reason[0] = '\0';
	strscpy(host.dir, "/tmp/netdev_bench.XXXXXX", sizeof(host.dir));
	if (!mkdtemp(host.dir)) {
		snprintf(host.reason, sizeof(host.reason), "mkdtemp: %s",
			 errname(-errno) ?: "error");
		host.dir[0] = '\0';
		goto leave;
	}
	err = write_batches();
	if (err) {
		snprintf(host.reason, sizeof(host.reason), "writing the batch files: %s",
			 errname(err) ?: "error");
		goto leave;
	}
	host.ok = true;
leave:
	host_ns_leave();
}

/* A kernel measurement failed: report why, and measure the kernel no more. */
static void host_fail(void)
{
	if (host.saved_ns >= 0)
		host_ns_leave();
	host.ok = false;
}

/* ---- 1-3: creating and deleting devices ------------------------------------------------- */

struct best {
	double krt;		/* ops/s, best run */
	double kernel;
};

static void keep_max(double *best, double rate)
{
	if (rate > *best)
		*best = rate;
}

static double rate(unsigned long n, u64 ns)
{
	return ns ? n / secs(ns) : 0;
}

struct link_results {
	struct best dummy, veth, create, group_del;
	double ip_empty_ms;		/* an empty batch in a fresh namespace, best */
};

static void krt_one_run(struct link_results *r)
{
	u64 t0 = ktime_get_ns();

	loop_dummy(ONE_N_KRT);
	keep_max(&r->dummy.krt, rate(ONE_N_KRT, ktime_get_ns() - t0));
	t0 = ktime_get_ns();
	loop_veth(ONE_N_KRT / 2);
	keep_max(&r->veth.krt, rate(ONE_N_KRT / 2, ktime_get_ns() - t0));
}

static void krt_group_run(struct link_results *r)
{
	u64 t0 = ktime_get_ns();

	loop_group_add(GROUP_N);
	keep_max(&r->create.krt, rate(GROUP_N, ktime_get_ns() - t0));
	t0 = ktime_get_ns();
	loop_group_del(GROUP_N);
	keep_max(&r->group_del.krt, rate(GROUP_N, ktime_get_ns() - t0));
}

static void kernel_one_run(struct link_results *r)
{
	u64 empty, one, veth;

	if (!host.ok)
		return;
	if (host_ns_enter() || run_batch("empty", &empty) || run_batch("one", &one) ||
	    run_batch("veth", &veth))
		return host_fail();
	host_ns_leave();
	r->ip_empty_ms = min(r->ip_empty_ms, empty / 1e6);
	keep_max(&r->dummy.kernel, rate(ONE_N_KERNEL, one));
	keep_max(&r->veth.kernel, rate(ONE_N_KERNEL, veth));
}

static void kernel_group_run(struct link_results *r)
{
	u64 add, del;
	char group[16];

	if (!host.ok)
		return;
	snprintf(group, sizeof(group), "%u", GROUP);
	if (host_ns_enter() || run_batch("group_add", &add) ||
	    run_ip(&del, "link", "del", "group", group, NULL, NULL))
		return host_fail();
	host_ns_leave();
	keep_max(&r->create.kernel, rate(GROUP_N, add));
	keep_max(&r->group_del.kernel, rate(GROUP_N, del));
}

static void rate_header(void)
{
	printf("%-38s %12s  %-40s %10s  %9s  %-10s %s\n", "krt", "rate", "host kernel (ip -batch)",
	       "rate", "ratio", "goal", "");
}

/* One row: krt's and the kernel's rates (ops/s), their ratio and the goal (a minimum ratio). */
static void rate_row(const char *what, double krt, const char *kernel_what, double kernel,
		     unsigned int goal)
{
	char g[16];

	snprintf(g, sizeof(g), ">= %ux", goal);
	if (!host.ok || !kernel) {
		printf("%-38s %10.0f/s  %-40s %10s  %9s  %-10s %s\n", what, krt, kernel_what,
		       "skipped", "", g, "");
		return;
	}
	printf("%-38s %10.0f/s  %-40s %8.1f/s  %8.1fx  %-10s %s\n", what, krt, kernel_what, kernel,
	       krt / kernel, g, krt >= goal * kernel ? "met" : "NOT MET");
}

static void link_bench(void)
{
	struct link_results r = { .ip_empty_ms = 1e30 };
	const char *kind = host.kind ?: "dummy";
	char k1[48], k2[48], k3[48], k4[48];
	unsigned int i;

	/* Warm-up: the first device of a kind loads nothing, but fills the caches. */
	loop_dummy(50);
	loop_veth(50);
	loop_group_add(GROUP_N);
	loop_group_del(GROUP_N);

	for (i = 0; i < max(KRT_RUNS, KERNEL_RUNS); i++) {
		if (i < KRT_RUNS) {
			krt_one_run(&r);
			krt_group_run(&r);
		}
		if (i < KERNEL_RUNS) {
			kernel_one_run(&r);
			kernel_group_run(&r);
		}
	}

	snprintf(k1, sizeof(k1), "ip link add+del %s, %u in a batch", kind, ONE_N_KERNEL);
	snprintf(k2, sizeof(k2), "ip link add+del veth pair, %u", ONE_N_KERNEL);
	snprintf(k3, sizeof(k3), "ip link add %s group %u, %u", kind, GROUP, GROUP_N);
	snprintf(k4, sizeof(k4), "ip link del group %u (%u %s)", GROUP, GROUP_N, kind);
	rate_header();
	rate_row("krt_link_add+del dummy, one at a time", r.dummy.krt, k1, r.dummy.kernel, 100);
	rate_row("krt_link_add+del veth pair", r.veth.krt, k2, r.veth.kernel, 100);
	rate_row("krt_link_add dummy, 1000 (create rate)", r.create.krt, k3, r.create.kernel, 10);
	rate_row("krt_link_del_group, 1000 dummies", r.group_del.krt, k4, r.group_del.kernel, 10);
	if (host.ok)
		printf("(rates in operations/s, devices/s for the last two; best of %u krt runs, "
		       "%u kernel runs;\n kernel times are whole ip processes, nothing subtracted: "
		       "an empty batch in a fresh namespace takes %.1f ms)\n", KRT_RUNS,
		       KERNEL_RUNS, r.ip_empty_ms);
	else
		printf("host kernel: skipped: %s\n", host.reason);
}

/* ---- 4: veth pair packet rate ----------------------------------------------------------- */

struct pkt_figures {
	double sent;		/* frames/s */
	double delivered;
	double dropped;
};

static void pkt_keep_best(struct pkt_figures *best, const struct pkt_figures *f)
{
	if (f->delivered > best->delivered)
		*best = *f;
}

static struct krt_pkt {
	struct net_device *a, *b;
	struct packet_type pt;
	/* Totals over every run: each written by one thread, read by the main thread. */
	unsigned long delivered;	/* the backlog thread */
	unsigned long sent;		/* the sender: dev_queue_xmit() succeeded ... */
	unsigned long dropped;		/* ... or dropped the frame (the backlog was full) */
} kp;

static int krt_pkt_rcv(struct sk_buff *skb, struct net_device *dev, struct packet_type *pt,
		       struct net_device *orig_dev)
{
	WRITE_ONCE(kp.delivered, kp.delivered + 1);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

static int krt_pkt_sender(void *arg)
{
	struct net_device *a = kp.a;
	const u8 *dst = kp.b->dev_addr;

	while (!kthread_should_stop()) {
		struct sk_buff *skb = alloc_skb(PKT_LEN + NET_IP_ALIGN, GFP_KERNEL);
		struct ethhdr *eh;

		if (!skb)
			die("alloc_skb", -ENOMEM);
		skb_reserve(skb, NET_IP_ALIGN);
		eh = skb_put(skb, PKT_LEN);
		ether_addr_copy(eh->h_dest, dst);
		ether_addr_copy(eh->h_source, a->dev_addr);
		eh->h_proto = htons(PKT_PROTO);
		memset(eh + 1, 0x5a, PKT_LEN - ETH_HLEN);
		skb->dev = a;
		skb->protocol = htons(PKT_PROTO);
		if (dev_queue_xmit(skb) == NET_XMIT_SUCCESS)
			WRITE_ONCE(kp.sent, kp.sent + 1);
		else
			WRITE_ONCE(kp.dropped, kp.dropped + 1);
	}
	return 0;
}

static void krt_set_up(const char *name)
{
	struct krt_link_attrs up = { .up = true };
	int err = krt_link_set(NULL, name, &up, NULL);

	if (err)
		die("krt_link_set up", err);
}

static void krt_pkt_run(struct pkt_figures *best)
{
	unsigned long s0, d0, x0, s1, d1, x1;
	struct pkt_figures f;
	struct task_struct *t;
	u64 t0, t1;
	int i;

	t = kthread_run(krt_pkt_sender, NULL, "nb-sender");
	if (IS_ERR(t))
		die("kthread_run", PTR_ERR(t));
	msleep(PKT_WARM_MS);
	t0 = ktime_get_ns();
	s0 = READ_ONCE(kp.sent), d0 = READ_ONCE(kp.delivered), x0 = READ_ONCE(kp.dropped);
	msleep(PKT_WINDOW_MS);
	t1 = ktime_get_ns();
	s1 = READ_ONCE(kp.sent), d1 = READ_ONCE(kp.delivered), x1 = READ_ONCE(kp.dropped);
	kthread_stop(t);
	/* Let the backlog drain before the next run (the counters only grow). */
	for (i = 0; i < 2000 && READ_ONCE(kp.delivered) != READ_ONCE(kp.sent); i++)
		msleep(1);
	f.sent = (s1 - s0) / secs(t1 - t0);
	f.delivered = (d1 - d0) / secs(t1 - t0);
	f.dropped = (x1 - x0) / secs(t1 - t0);
	pkt_keep_best(best, &f);
}

/* The kernel's veth: AF_PACKET sockets, one thread sending, one receiving. */
static struct host_pkt {
	int tx, rx;
	int tx_ifindex;
	u8 dst[ETH_ALEN];
	bool stop;
	unsigned long sent, enobufs, delivered;
} hp;

static void *host_pkt_sender(void *arg)
{
	struct sockaddr_ll to = {
		.sll_family = AF_PACKET, .sll_ifindex = hp.tx_ifindex, .sll_halen = ETH_ALEN,
	};
	u8 frame[PKT_LEN];
	struct ethhdr *eh = (struct ethhdr *)frame;

	memset(frame, 0x5a, sizeof(frame));
	memcpy(eh->h_dest, hp.dst, ETH_ALEN);
	memset(eh->h_source, 0x02, ETH_ALEN);
	eh->h_proto = htons(PKT_PROTO);
	memcpy(to.sll_addr, hp.dst, ETH_ALEN);
	while (!READ_ONCE(hp.stop)) {
		if (sendto(hp.tx, frame, sizeof(frame), 0, (struct sockaddr *)&to, sizeof(to)) ==
		    sizeof(frame))
			WRITE_ONCE(hp.sent, hp.sent + 1);
		else if (errno == ENOBUFS)
			WRITE_ONCE(hp.enobufs, hp.enobufs + 1);
	}
	return NULL;
}

#define RX_BATCH	64

static void *host_pkt_receiver(void *arg)
{
	static u8 bufs[RX_BATCH][128];
	struct mmsghdr msgs[RX_BATCH];
	struct iovec iov[RX_BATCH];
	int i, n;

	for (i = 0; i < RX_BATCH; i++) {
		iov[i] = (struct iovec){ bufs[i], sizeof(bufs[i]) };
		msgs[i] = (struct mmsghdr){ .msg_hdr = { .msg_iov = &iov[i], .msg_iovlen = 1 } };
	}
	while (!READ_ONCE(hp.stop)) {
		n = recvmmsg(hp.rx, msgs, RX_BATCH, MSG_WAITFORONE, NULL);
		if (n > 0)
			WRITE_ONCE(hp.delivered, hp.delivered + n);
	}
	return NULL;
}

static unsigned int host_rx_drops(void)
{
	struct tpacket_stats st = {};
	socklen_t len = sizeof(st);

	/* Reading the counters resets them. */
	if (getsockopt(hp.rx, SOL_PACKET, PACKET_STATISTICS, &st, &len))
		return 0;
	return st.tp_drops;
}

/* Sockets on a fresh veth pair nbp0/nbq0 in a private namespace; 0 or -errno. */
static int host_pkt_setup(void)
{
	struct timeval tv = { .tv_usec = 50000 };
	struct sockaddr_ll rx_addr = { .sll_family = AF_PACKET, .sll_protocol = htons(PKT_PROTO) };
	struct sockaddr_ll tx_addr = { .sll_family = AF_PACKET };
	int rcvbuf = 1 << 20;
	int err = -ENODEV;

	hp.tx = hp.rx = -1;
	if (host_ns_enter() || run_batch("pkt_setup", NULL)) {
		host_fail();
		return -EIO;
	}
	hp.tx_ifindex = tx_addr.sll_ifindex = host_netif_index("nbp0");
	rx_addr.sll_ifindex = host_netif_index("nbq0");
	if (hp.tx_ifindex < 0 || rx_addr.sll_ifindex < 0 || host_netif_get_mac("nbq0", hp.dst))
		goto fail;
	hp.rx = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(PKT_PROTO));
	hp.tx = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (hp.rx < 0 || hp.tx < 0)
		goto fail_errno;
	if (bind(hp.rx, (struct sockaddr *)&rx_addr, sizeof(rx_addr)) ||
	    bind(hp.tx, (struct sockaddr *)&tx_addr, sizeof(tx_addr)) ||
	    setsockopt(hp.rx, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		goto fail_errno;
	/*
	 * Room for about as many 64-byte frames (truesize ~768 bytes) as krt's backlog holds
	 * (netdev_max_backlog, 1,000); the default 208 KiB holds about 270.
	 */
	setsockopt(hp.rx, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof(rcvbuf));
	host_ns_leave();
	return 0;

fail_errno:
	err = -errno;
fail:
	snprintf(host.reason, sizeof(host.reason), "packet sockets on a veth pair: %s",
		 errname(err) ?: "error");
	if (hp.rx >= 0)
		close(hp.rx);
	if (hp.tx >= 0)
		close(hp.tx);
	host_fail();
	return err;
}

static void host_pkt_run(struct pkt_figures *best)
{
	unsigned long s0, d0, x0, s1, d1, x1, drops;
	pthread_t tx, rx;
	struct pkt_figures f;
	u64 t0, t1;

	if (!host.ok || host_pkt_setup())
		return;
	hp.stop = false;
	hp.sent = hp.enobufs = hp.delivered = 0;
	if (pthread_create(&rx, NULL, host_pkt_receiver, NULL))
		die("pthread_create", -EAGAIN);
	if (pthread_create(&tx, NULL, host_pkt_sender, NULL))
		die("pthread_create", -EAGAIN);
	msleep(PKT_WARM_MS);
	host_rx_drops();
	t0 = ktime_get_ns();
	s0 = READ_ONCE(hp.sent), d0 = READ_ONCE(hp.delivered), x0 = READ_ONCE(hp.enobufs);
	msleep(PKT_WINDOW_MS);
	t1 = ktime_get_ns();
	s1 = READ_ONCE(hp.sent), d1 = READ_ONCE(hp.delivered), x1 = READ_ONCE(hp.enobufs);
	drops = host_rx_drops();
	WRITE_ONCE(hp.stop, true);
	pthread_join(tx, NULL);
	pthread_join(rx, NULL);
	close(hp.tx);
	close(hp.rx);
	f.sent = (s1 - s0) / secs(t1 - t0);
	f.delivered = (d1 - d0) / secs(t1 - t0);
	f.dropped = (x1 - x0 + drops) / secs(t1 - t0);
	pkt_keep_best(best, &f);
}

static void pkt_row(const char *what, const struct pkt_figures *f)
{
	printf("%-58s %12.0f %12.0f %12.0f\n", what, f->sent, f->delivered, f->dropped);
}

static void pkt_bench(void)
{
	struct pkt_figures krt = {}, kernel = {};
	unsigned int i;
	int err;

	krt_add("veth", "nbp0", "nbq0", 0);
	krt_set_up("nbp0");
	krt_set_up("nbq0");
	kp.a = dev_get_by_name(&init_net, "nbp0");
	kp.b = dev_get_by_name(&init_net, "nbq0");
	if (!kp.a || !kp.b)
		die("dev_get_by_name", -ENODEV);
	kp.pt.type = htons(PKT_PROTO);
	kp.pt.dev = kp.b;
	kp.pt.func = krt_pkt_rcv;
	dev_add_pack(&kp.pt);

	for (i = 0; i < PKT_RUNS; i++) {
		krt_pkt_run(&krt);
		host_pkt_run(&kernel);
	}

	dev_remove_pack(&kp.pt);
	dev_put(kp.a);
	dev_put(kp.b);
	err = krt_link_del(NULL, "nbp0", NULL);
	if (err)
		die("krt_link_del", err);

	printf("%-58s %12s %12s %12s\n", "frames/s (best of 3 windows of 1 s, by delivered)",
	       "sent", "delivered", "dropped");
	pkt_row("krt: kthread dev_queue_xmit -> backlog thread handler", &krt);
	if (host.ok && kernel.delivered) {
		pkt_row("kernel: AF_PACKET send() -> veth -> AF_PACKET recvmmsg()", &kernel);
		printf("krt delivers %.1fx the kernel's frames/s (no goal: the issue asks for "
		       "krt's figure)\n", krt.delivered / kernel.delivered);
	} else {
		printf("kernel: skipped: %s\n", host.reason);
	}
}

/* ---- main ------------------------------------------------------------------------------- */

static int run_loop(const char *name, unsigned long n)
{
	if (!strcmp(name, "dummy")) {
		loop_dummy(50);
		loop_dummy(n);
	} else if (!strcmp(name, "veth")) {
		loop_veth(50);
		loop_veth(n);
	} else if (!strcmp(name, "group_add") && n <= GROUP_N) {
		loop_group_add(n);
		loop_group_del(n);
		loop_group_add(n);
		krt_del_group(GROUP);
	} else if (!strcmp(name, "group_del") && n <= GROUP_N) {
		loop_group_add(n);
		krt_del_group(GROUP);
		loop_group_add(n);
		loop_group_del(n);
	} else {
		fprintf(stderr, "unknown loop %s (dummy, veth, group_add, group_del; N <= %u for "
			"the group loops)\n", name, GROUP_N);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (krt_boot(getenv("KRT_CMDLINE") ? NULL : "mem=1G"))
		fprintf(stderr, "netdev_bench: krt had already booted; mem= not applied\n");
	group_names_init();

	if (argc == 4 && !strcmp(argv[1], "--loop")) {
		/* Count krt's own instructions, not its Valgrind client requests (page_bench.c). */
		krt_running_on_valgrind = false;
		return run_loop(argv[2], strtoul(argv[3], NULL, 0));
	}

	host_probe();
	link_bench();
	printf("\nveth pair, %u-byte frames (Ethernet header included), one thread each side\n",
	       PKT_LEN);
	pkt_bench();
	host_cleanup();
	return 0;
}
