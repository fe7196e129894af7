// SPDX-License-Identifier: MIT
/*
 * The host's network: private network namespaces, TAP interfaces (/dev/net/tun), interface
 * configuration, and running host programs (ping, ip) inside a namespace. Everything here
 * acts on the calling thread's network namespace: the kernel keeps namespaces per thread, and
 * a socket, a TAP device or a child process belongs to the namespace of the thread that made
 * it.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/host/host.h"

extern char **environ;

#define NETNS_PATH "/proc/thread-self/ns/net"

/* Milliseconds left until @deadline_ns (a monotonic time; 0 means no deadline: -1). */
static int ms_left(uint64_t deadline_ns)
{
	uint64_t now;

	if (!deadline_ns)
		return -1;
	now = host_clock_mono_ns();
	if (now >= deadline_ns)
		return 0;
	return (int)((deadline_ns - now + 999999) / 1000000);
}

static uint64_t deadline_after(int timeout_ms)
{
	if (timeout_ms < 0)
		return 0;
	/* The monotonic clock is never 0 here, so neither is a deadline. */
	return host_clock_mono_ns() + (uint64_t)timeout_ms * 1000000;
}

/* --- namespaces ---------------------------------------------------------------------------- */

/**
 * host_netns_save - open the calling thread's network namespace
 *
 * Return: a file descriptor for host_netns_restore(), or a negative errno.
 */
int host_netns_save(void)
{
	int fd = open(NETNS_PATH, O_RDONLY | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/**
 * host_netns_restore - move the calling thread back into a saved network namespace
 * @fd: from host_netns_save(); closed in every case
 *
 * Return: 0, or a negative errno from setns().
 */
int host_netns_restore(int fd)
{
	int err = 0;

	if (fd < 0)
		return -EBADF;
	if (setns(fd, CLONE_NEWNET))
		err = -errno;
	close(fd);
	return err;
}

/**
 * host_netns_id - identify the calling thread's network namespace
 *
 * Two threads are in the same namespace exactly when their ids are equal (the inode number of
 * the namespace, as `ip netns identify` and `ls -l /proc/PID/ns/net` show it).
 *
 * Return: the id (positive), or a negative errno.
 */
int64_t host_netns_id(void)
{
	struct stat st;

	if (stat(NETNS_PATH, &st))
		return -errno;
	return (int64_t)st.st_ino;
}

/* A socket for interface ioctls, in the calling thread's current namespace. */
static int ioctl_socket(void)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	return fd < 0 ? -errno : fd;
}

static int name_to_ifreq(const char *name, struct ifreq *ifr)
{
	memset(ifr, 0, sizeof(*ifr));
	if (!name || !*name || strlen(name) >= IFNAMSIZ)
		return -EINVAL;
	strcpy(ifr->ifr_name, name);
	return 0;
}

/* One interface ioctl on a fresh socket; @ifr is filled in by the kernel for the "get"s. */
static int netif_ioctl(unsigned long cmd, struct ifreq *ifr)
{
	int fd = ioctl_socket();
	int err = 0;

	if (fd < 0)
		return fd;
	if (ioctl(fd, cmd, ifr))
		err = -errno;
	close(fd);
	return err;
}

/**
 * host_netns_enter_private - move the calling thread into a new, empty network namespace
 *
 * unshare(CLONE_NEWNET) for this thread only; the rest of the process stays where it was.
 * The new namespace has only `lo`, which is brought up. If `lo` cannot be brought up the
 * thread goes back to its namespace before returning.
 *
 * Return: 0, or a negative errno: -EPERM without CAP_SYS_ADMIN (or when a sandbox forbids
 * it), -EINVAL when the host has no network namespaces.
 */
int host_netns_enter_private(void)
{
	int saved = host_netns_save();
	int err;

	if (saved < 0)
		return saved;
	if (unshare(CLONE_NEWNET)) {
		err = -errno;
		close(saved);
		return err;
	}
	err = host_netif_set_up("lo", true);
	if (err) {
		host_netns_restore(saved);
		return err;
	}
	close(saved);
	return 0;
}

/* --- TAP ----------------------------------------------------------------------------------- */

/**
 * host_tap_open - create a TAP interface in the calling thread's namespace
 * @name: the interface name; may contain one "%d" (the lowest free unit); NULL or "" lets the
 *        host choose ("tap%d")
 * @actual_name: where to store the name the interface got (may be NULL)
 * @len: size of @actual_name (IFNAMSIZ, 16, is always enough)
 *
 * The interface carries Ethernet frames without a packet-information header (IFF_TAP |
 * IFF_NO_PI) and goes away when the descriptor is closed. The descriptor is non-blocking;
 * use host_tap_read() to wait for frames.
 *
 * Return: the descriptor, or a negative errno: -ENOENT without /dev/net/tun, -EACCES when
 * /dev/net/tun may not be opened, -EPERM without CAP_NET_ADMIN, -EINVAL for a bad name,
 * -EBUSY when @name is another kind of interface.
 */
int host_tap_open(const char *name, char *actual_name, size_t len)
{
	struct ifreq ifr;
	int fd, err;

	memset(&ifr, 0, sizeof(ifr));
	if (name) {
		if (strlen(name) >= IFNAMSIZ)
			return -EINVAL;
		strcpy(ifr.ifr_name, name);
	}
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	fd = open("/dev/net/tun", O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -errno;
	if (ioctl(fd, TUNSETIFF, &ifr)) {
		err = -errno;
		close(fd);
		return err;
	}
	if (actual_name && len) {
		strncpy(actual_name, ifr.ifr_name, len - 1);
		actual_name[len - 1] = '\0';
	}
	return fd;
}

/**
 * host_tap_read - receive one frame the host sent out of a TAP interface
 * @fd: from host_tap_open()
 * @buf: where to put the frame (from the Ethernet header on)
 * @len: size of @buf
 * @timeout_ms: how long to wait; 0 does not wait, negative waits forever
 *
 * A frame longer than @len is cut to @len bytes and the rest is lost (the host does not say
 * so): pass room for the MTU plus the Ethernet and VLAN headers.
 *
 * Return: the frame's length, 0 when no frame came in time, or a negative errno.
 */
ssize_t host_tap_read(int fd, void *buf, size_t len, int timeout_ms)
{
	uint64_t deadline = deadline_after(timeout_ms);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	for (;;) {
		ssize_t n;
		int ret;

		ret = poll(&pfd, 1, ms_left(deadline));
		if (ret < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (ret == 0)
			return 0;
		n = read(fd, buf, len);
		if (n >= 0)
			return n;
		/* Another reader may have taken the frame: wait for the next. */
		if (errno != EAGAIN && errno != EINTR)
			return -errno;
		if (ms_left(deadline) == 0)
			return 0;
	}
}

/**
 * host_tap_write - hand one frame to the host as if it arrived on the TAP interface
 * @fd: from host_tap_open()
 * @buf: the frame, from the Ethernet header on (no FCS)
 * @len: its length
 *
 * Return: @len, or a negative errno (-EIO while the interface is down, -EINVAL for a frame
 * shorter than an Ethernet header).
 */
ssize_t host_tap_write(int fd, const void *buf, size_t len)
{
	for (;;) {
		ssize_t n = write(fd, buf, len);

		if (n >= 0)
			return n;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN) {
			struct pollfd pfd = { .fd = fd, .events = POLLOUT };

			poll(&pfd, 1, 10);
			continue;
		}
		return -errno;
	}
}

/**
 * host_tap_close - close a TAP descriptor; the interface goes away with it
 * @fd: from host_tap_open() (negative values are ignored)
 */
void host_tap_close(int fd)
{
	if (fd >= 0)
		close(fd);
}

/* --- interface configuration --------------------------------------------------------------- */

/**
 * host_netif_index - the ifindex of interface @name in the calling thread's namespace
 * @name: the interface
 *
 * Return: the ifindex (positive), or -ENODEV.
 */
int host_netif_index(const char *name)
{
	unsigned int idx = name ? if_nametoindex(name) : 0;

	return idx ? (int)idx : -ENODEV;
}

/**
 * host_netif_set_up - bring interface @name up or down (SIOCSIFFLAGS)
 * @name: the interface
 * @up: up (true) or down
 *
 * Return: 0, or a negative errno (-ENODEV, -EPERM …).
 */
int host_netif_set_up(const char *name, bool up)
{
	struct ifreq ifr;
	int err = name_to_ifreq(name, &ifr);

	if (err)
		return err;
	err = netif_ioctl(SIOCGIFFLAGS, &ifr);
	if (err)
		return err;
	if (up)
		ifr.ifr_flags |= IFF_UP;
	else
		ifr.ifr_flags &= ~IFF_UP;
	return netif_ioctl(SIOCSIFFLAGS, &ifr);
}

/**
 * host_netif_get_flags - read interface @name's flags (SIOCGIFFLAGS: IFF_UP, IFF_RUNNING …)
 * @name: the interface
 *
 * Return: the flags (non-negative), or a negative errno.
 */
int host_netif_get_flags(const char *name)
{
	struct ifreq ifr;
	int err = name_to_ifreq(name, &ifr);

	if (!err)
		err = netif_ioctl(SIOCGIFFLAGS, &ifr);
	return err ? err : (unsigned short)ifr.ifr_flags;
}

/**
 * host_netif_set_mtu - set interface @name's MTU (SIOCSIFMTU)
 * @name: the interface
 * @mtu: the new MTU
 *
 * Return: 0, or a negative errno (-EINVAL when the host rejects the value).
 */
int host_netif_set_mtu(const char *name, int mtu)
{
	struct ifreq ifr;
	int err = name_to_ifreq(name, &ifr);

	if (err)
		return err;
	ifr.ifr_mtu = mtu;
	return netif_ioctl(SIOCSIFMTU, &ifr);
}

/**
 * host_netif_get_mtu - read interface @name's MTU (SIOCGIFMTU)
 * @name: the interface
 *
 * Return: the MTU (positive), or a negative errno.
 */
int host_netif_get_mtu(const char *name)
{
	struct ifreq ifr;
	int err = name_to_ifreq(name, &ifr);

	if (!err)
		err = netif_ioctl(SIOCGIFMTU, &ifr);
	return err ? err : ifr.ifr_mtu;
}

/**
 * host_netif_get_mac - read interface @name's Ethernet address (SIOCGIFHWADDR)
 * @name: the interface
 * @mac: where to store the six bytes
 *
 * Return: 0, or a negative errno.
 */
int host_netif_get_mac(const char *name, uint8_t mac[6])
{
	struct ifreq ifr;
	int err = name_to_ifreq(name, &ifr);

	if (!err)
		err = netif_ioctl(SIOCGIFHWADDR, &ifr);
	if (!err)
		memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	return err;
}

/**
 * host_netif_set_mac - set interface @name's Ethernet address (SIOCSIFHWADDR)
 * @name: the interface
 * @mac: the six bytes
 *
 * Return: 0, or a negative errno (-EADDRNOTAVAIL for a multicast or zero address).
 */
int host_netif_set_mac(const char *name, const uint8_t mac[6])
{
	struct ifreq ifr;
	int err = name_to_ifreq(name, &ifr);

	if (err)
		return err;
	ifr.ifr_hwaddr.sa_family = ARPHRD_ETHER;
	memcpy(ifr.ifr_hwaddr.sa_data, mac, 6);
	return netif_ioctl(SIOCSIFHWADDR, &ifr);
}

static void nl_put_attr(struct nlmsghdr *nh, unsigned short type, const void *data, size_t len)
{
	struct rtattr *rta = (struct rtattr *)((char *)nh + NLMSG_ALIGN(nh->nlmsg_len));

	rta->rta_type = type;
	rta->rta_len = RTA_LENGTH(len);
	memcpy(RTA_DATA(rta), data, len);
	nh->nlmsg_len = NLMSG_ALIGN(nh->nlmsg_len) + RTA_ALIGN(rta->rta_len);
}

/* Send one rtnetlink request asking for an acknowledgement; return the kernel's answer. */
static int rtnl_request(struct nlmsghdr *nh)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	union {
		struct nlmsghdr nh;
		char buf[4096];
	} reply;
	int fd, err;
	ssize_t n;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
	if (fd < 0)
		return -errno;
	nh->nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	nh->nlmsg_seq = 1;
	if (sendto(fd, nh, nh->nlmsg_len, 0, (struct sockaddr *)&kernel, sizeof(kernel)) < 0) {
		err = -errno;
		goto out;
	}
	for (;;) {
		struct nlmsghdr *h;

		n = recv(fd, &reply, sizeof(reply), 0);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			goto out;
		}
		for (h = &reply.nh; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != nh->nlmsg_seq || h->nlmsg_type != NLMSG_ERROR)
				continue;
			if (h->nlmsg_len < NLMSG_LENGTH(sizeof(struct nlmsgerr))) {
				err = -EPROTO;
				goto out;
			}
			/* error is 0 for the acknowledgement, -errno otherwise. */
			err = ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			goto out;
		}
	}
out:
	close(fd);
	return err;
}

/* RTM_NEWADDR for an IPv4 or IPv6 address given as text. */
static int netif_add_addr(const char *name, int family, const char *addr, int prefixlen)
{
	union {
		struct nlmsghdr nh;
		char buf[256];
	} req;
	struct ifaddrmsg *ifa;
	unsigned char bin[16];
	int idx = host_netif_index(name);
	size_t alen = family == AF_INET ? 4 : 16;

	if (idx < 0)
		return idx;
	if (!addr || inet_pton(family, addr, bin) != 1 || prefixlen < 0 ||
	    prefixlen > (int)alen * 8)
		return -EINVAL;
	memset(&req, 0, sizeof(req));
	req.nh.nlmsg_len = NLMSG_LENGTH(sizeof(*ifa));
	req.nh.nlmsg_type = RTM_NEWADDR;
	req.nh.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	ifa = NLMSG_DATA(&req.nh);
	ifa->ifa_family = family;
	ifa->ifa_prefixlen = prefixlen;
	ifa->ifa_index = idx;
	ifa->ifa_scope = RT_SCOPE_UNIVERSE;
	nl_put_attr(&req.nh, IFA_LOCAL, bin, alen);
	nl_put_attr(&req.nh, IFA_ADDRESS, bin, alen);
	if (family == AF_INET && prefixlen < 31) {
		uint32_t a, mask = prefixlen ? htonl(~0u << (32 - prefixlen)) : 0;

		memcpy(&a, bin, 4);
		a |= ~mask;
		nl_put_attr(&req.nh, IFA_BROADCAST, &a, 4);
	}
	if (family == AF_INET6)
		/* Usable at once: nothing else on a private link can hold the address. */
		ifa->ifa_flags = IFA_F_NODAD;
	return rtnl_request(&req.nh);
}

/**
 * host_netif_add_ipv4 - add an IPv4 address to interface @name (rtnetlink RTM_NEWADDR)
 * @name: the interface
 * @addr: the address as text, e.g. "169.254.1.1"
 * @prefixlen: the prefix length, e.g. 16; the broadcast address is derived from it
 *
 * Return: 0, or a negative errno: -ENODEV, -EINVAL for a malformed address, -EEXIST when the
 * interface already has it, -EPERM.
 */
int host_netif_add_ipv4(const char *name, const char *addr, int prefixlen)
{
	return netif_add_addr(name, AF_INET, addr, prefixlen);
}

/**
 * host_netif_add_ipv6 - add an IPv6 address to interface @name (rtnetlink RTM_NEWADDR)
 * @name: the interface
 * @addr: the address as text, e.g. "fe80::1"
 * @prefixlen: the prefix length, e.g. 64
 *
 * The address skips duplicate address detection (IFA_F_NODAD), so it is usable at once.
 *
 * Return: 0, or a negative errno as host_netif_add_ipv4().
 */
int host_netif_add_ipv6(const char *name, const char *addr, int prefixlen)
{
	return netif_add_addr(name, AF_INET6, addr, prefixlen);
}

/* --- host programs ------------------------------------------------------------------------- */

/* A descriptor above stdin/stdout/stderr, so that the child's dup2() onto them always acts. */
static int fd_above_stdio(int fd)
{
	int high;

	if (fd > STDERR_FILENO)
		return fd;
	high = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
	close(fd);
	return high;
}

/* Is @path an executable file? 0, -EACCES (there but not executable) or -ENOENT. */
static int executable(const char *path)
{
	struct stat st;

	if (stat(path, &st) || S_ISDIR(st.st_mode))
		return -ENOENT;
	return access(path, X_OK) ? -EACCES : 0;
}

/*
 * Find @prog as execvp() would, in $PATH, then in the system folders a non-root $PATH often
 * lacks (ip is in /usr/sbin). Folders the caller may not search are passed over, so a
 * missing program is -ENOENT, not execvp()'s -EACCES.
 */
static int find_program(const char *prog, char *path, size_t size)
{
	static const char extra[] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
				    "/sbin:/bin";
	const char *env = getenv("PATH");
	const char *lists[2] = { env ? env : "", extra };
	int found = -ENOENT;
	size_t i;

	if (strchr(prog, '/')) {
		if ((size_t)snprintf(path, size, "%s", prog) >= size)
			return -ENAMETOOLONG;
		return executable(path);
	}
	for (i = 0; i < 2; i++) {
		const char *dir = lists[i];

		while (*dir) {
			size_t dlen = strcspn(dir, ":");
			int err;

			/* An empty entry is the current folder, as for execvp(). */
			if ((size_t)snprintf(path, size, "%.*s%s%s", (int)dlen, dir,
					     dlen ? "/" : "", prog) < size) {
				err = executable(path);
				if (!err)
					return 0;
				if (err == -EACCES)
					found = err;
			}
			dir += dlen;
			if (*dir == ':')
				dir++;
		}
	}
	return found;
}

/* Wait for @pid until @deadline (0: forever); 1 when it ended (*@status set), 0 on timeout. */
static int wait_until(pid_t pid, int *status, uint64_t deadline)
{
	uint64_t nap = 200000;

	for (;;) {
		pid_t r = waitpid(pid, status, deadline ? WNOHANG : 0);

		if (r == pid)
			return 1;
		if (r < 0 && errno != EINTR)
			return -errno;
		if (r == 0) {
			if (!ms_left(deadline))
				return 0;
			host_sleep_ns(nap);
			if (nap < 10000000)
				nap *= 2;
		}
	}
}

/**
 * host_run_program - run a host program and collect what it prints
 * @argv: the program and its arguments, NULL-terminated; argv[0] without a '/' is looked up
 *        in $PATH, then in the usual /usr/local/sbin … /bin
 * @timeout_ms: how long it may run; negative: no limit
 * @out: where to store its standard output and standard error, interleaved as written, as a
 *       NUL-terminated string (cut to @outlen - 1 bytes); may be NULL
 * @outlen: size of @out
 *
 * The program starts with posix_spawn() from the calling thread, so it runs in the calling
 * thread's network namespace. glibc's posix_spawn() clones with CLONE_VM | CLONE_VFORK and
 * runs no fork handlers: krt's (which quiesce the page allocator and copy physical memory
 * for a forked child) stay out of it, and krt's other threads are not stopped. It sleeps:
 * process context only. The
 * program gets /dev/null as standard input, default signal handling, and its own process
 * group, which is killed whole (SIGKILL) when the time runs out.
 *
 * Return: the exit status (0..255), 128 + the signal number if a signal ended it, or a
 * negative errno: -ENOENT when the program is not found, -EACCES when it is found but not
 * executable, -ETIMEDOUT when it was killed for running too long.
 */
int host_run_program(char *const argv[], int timeout_ms, char *out, size_t outlen)
{
	uint64_t deadline = deadline_after(timeout_ms);
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t all, none;
	int pipefd[2], status, err, ended;
	char path[4096];
	size_t used = 0;
	pid_t pid;

	if (out && outlen)
		out[0] = '\0';
	if (!argv || !argv[0])
		return -EINVAL;
	err = find_program(argv[0], path, sizeof(path));
	if (err)
		return err;
	if (pipe2(pipefd, O_CLOEXEC))
		return -errno;
	pipefd[0] = fd_above_stdio(pipefd[0]);
	pipefd[1] = fd_above_stdio(pipefd[1]);
	if (pipefd[0] < 0 || pipefd[1] < 0) {
		err = -errno;
		goto close_pipe;
	}

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], STDERR_FILENO);
	posix_spawnattr_init(&attr);
	sigfillset(&all);
	sigemptyset(&none);
	posix_spawnattr_setsigdefault(&attr, &all);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETPGROUP);
	err = -posix_spawn(&pid, path, &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (err)
		goto close_pipe;
	close(pipefd[1]);
	pipefd[1] = -1;

	/* Collect output until every writer is gone (end of file) or the time is up. */
	for (;;) {
		struct pollfd pfd = { .fd = pipefd[0], .events = POLLIN };
		char chunk[4096];
		ssize_t n;
		int ret = poll(&pfd, 1, ms_left(deadline));

		if (ret < 0 && errno == EINTR)
			continue;
		if (ret <= 0)
			break;
		n = read(pipefd[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (out && used + 1 < outlen) {
			size_t take = outlen - 1 - used < (size_t)n ? outlen - 1 - used : (size_t)n;

			memcpy(out + used, chunk, take);
			used += take;
			out[used] = '\0';
		}
	}

	ended = wait_until(pid, &status, deadline);
	if (ended <= 0) {
		kill(-pid, SIGKILL);
		kill(pid, SIGKILL);
		wait_until(pid, &status, 0);
		err = ended < 0 ? ended : -ETIMEDOUT;
	} else if (WIFEXITED(status)) {
		err = WEXITSTATUS(status);
	} else {
		err = 128 + WTERMSIG(status);
	}
close_pipe:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	if (pipefd[1] >= 0)
		close(pipefd[1]);
	return err;
}
