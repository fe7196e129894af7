// SPDX-License-Identifier: MIT
/*
 * krt-ip: "ip link" for the devices of this krt instance, through the in-process rtnetlink
 * of <krt/link.h>.
 *
 *   krt-ip link add [name] NAME [mtu N] [address MAC] [txqueuelen N] [group N] [index N]
 *                   [numtxqueues N] [numrxqueues N] [up] type KIND [peer [name] NAME ...]
 *   krt-ip link del[ete] [dev] NAME | group N
 *   krt-ip link set [dev] NAME [up|down] [mtu N] [address MAC] [name NEW] [txqueuelen N]
 *                   [group N]
 *   krt-ip link show [[dev] NAME]
 *   krt-ip [-force] -batch FILE        (-b FILE; "-" reads standard input)
 *
 * One process is one krt instance, so the devices live as long as the process: a batch file
 * (one command per line, '#' starts a comment) is how a script creates, changes, shows and
 * deletes them. The output and the error messages are iproute2's ("RTNETLINK answers: File
 * exists", "Error: Unknown device type.", "Cannot find device "x"", "Command failed FILE:LINE"),
 * and so are the exit codes: 2 for an error of the request, 1 for a missing device or a failed
 * batch, 255 for a command line that makes no sense. Unlike iproute2, a command line error in
 * a batch ends only that command (it is reported as failed), not the whole program.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/netlink.h>
#include <linux/string.h>
#include <krt/link.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_ARGS	128

/* What one "link add/set" command line asks for. */
struct link_args {
	struct krt_link_attrs attrs;
	const char *dev;
	const char *type;
	u8 address[MAX_ADDR_LEN];
	bool has_peer;
	struct krt_link_attrs peer;
	u8 peer_address[MAX_ADDR_LEN];
};

static void usage_link(FILE *f)
{
	fprintf(f,
		"Usage: ip link add [ name ] NAME [ txqueuelen PACKETS ] [ address LLADDR ]\n"
		"                   [ mtu MTU ] [ index IDX ] [ numtxqueues QUEUE_COUNT ]\n"
		"                   [ numrxqueues QUEUE_COUNT ] [ group GROUP ] [ up ]\n"
		"                   type TYPE [ ARGS ]\n"
		"\n"
		"       ip link delete { DEVICE | dev DEVICE | group DEVGROUP }\n"
		"\n"
		"       ip link set { DEVICE | dev DEVICE | group DEVGROUP }\n"
		"                   [ { up | down } ] [ address LLADDR ] [ mtu MTU ]\n"
		"                   [ name NEWNAME ] [ txqueuelen PACKETS ] [ group GROUP ]\n"
		"\n"
		"       ip link show [ DEVICE ]\n"
		"\n"
		"TYPE := { dummy | veth }\n");
}

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: krt-ip [ OPTIONS ] link { COMMAND | help }\n"
		"       krt-ip [ -force ] -batch filename\n"
		"OPTIONS := { -b[atch] filename | -force | -V[ersion] }\n");
}

/* iproute2's matches(): @arg is a prefix of @word. */
static bool matches(const char *arg, const char *word)
{
	size_t len = strlen(arg);

	return len && len <= strlen(word) && !memcmp(arg, word, len);
}

/* Command line errors: iproute2 exits with -1 (255) after these. */
static int invarg(const char *msg, const char *arg)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, msg);
	return 255;
}

static int duparg(const char *key, const char *arg)
{
	fprintf(stderr, "Error: duplicate \"%s\": \"%s\" is the second value.\n", key, arg);
	return 255;
}

static int duparg2(const char *key, const char *arg)
{
	fprintf(stderr, "Error: either \"%s\" is duplicate, or \"%s\" is a garbage.\n", key, arg);
	return 255;
}

static int incomplete(void)
{
	fprintf(stderr, "Command line is not complete. Try option \"help\"\n");
	return 255;
}

static bool valid_ifname(const char *name)
{
	if (!*name || strlen(name) >= IFNAMSIZ)
		return false;
	for (; *name; name++)
		if (*name == '/' || isspace((unsigned char)*name))
			return false;
	return true;
}

static int get_unsigned(unsigned int *val, const char *arg)
{
	unsigned long v;
	char *end;

	if (!*arg || *arg == '-')
		return -1;
	v = strtoul(arg, &end, 0);
	if (*end || v > UINT_MAX)
		return -1;
	*val = v;
	return 0;
}

/* "aa:bb:cc:dd:ee:ff": hex bytes separated by colons. Returns the length, or -1. */
static int parse_lladdr(u8 *addr, const char *arg)
{
	const char *p = arg;
	int len = 0;

	while (*p) {
		unsigned long byte;
		char *end;

		if (len == MAX_ADDR_LEN || !isxdigit((unsigned char)*p))
			return -1;
		byte = strtoul(p, &end, 16);
		if (byte > 0xff || (*end && *end != ':') || (*end == ':' && !end[1]))
			return -1;
		addr[len++] = byte;
		p = *end ? end + 1 : end;
	}
	return len ? len : -1;
}

/*
 * The options shared by add and set (iproute2's iplink_parse()). A bare word is the device.
 * "type" ends the options: *@type_argc/@type_argv get the rest. Returns 0 or an exit code.
 */
static int parse_link(int argc, char **argv, struct krt_link_attrs *a, u8 *addr,
		      const char **dev, const char **type, int *type_argc, char ***type_argv)
{
	*dev = NULL;
	if (type)
		*type = NULL;
	while (argc > 0) {
		const char *arg = *argv;

		if (!strcmp(arg, "up")) {
			a->up = true;
			a->down = false;
		} else if (!strcmp(arg, "down")) {
			a->down = true;
			a->up = false;
		} else if (!strcmp(arg, "name")) {
			if (--argc <= 0)
				return incomplete();
			argv++;
			if (a->name)
				return duparg("name", *argv);
			if (!valid_ifname(*argv))
				return invarg("\"name\" not a valid ifname", *argv);
			a->name = *argv;
		} else if (!strcmp(arg, "index")) {
			unsigned int index;

			if (--argc <= 0)
				return incomplete();
			argv++;
			if (get_unsigned(&index, *argv) || index > INT_MAX)
				return invarg("Invalid \"index\" value", *argv);
			a->ifindex = index;
		} else if (matches(arg, "address")) {
			int len;

			if (--argc <= 0)
				return incomplete();
			argv++;
			len = parse_lladdr(addr, *argv);
			if (len < 0) {
				fprintf(stderr, "\"%s\" is invalid lladdr.\n", *argv);
				return 1;
			}
			a->address = addr;
			a->addr_len = len;
		} else if (matches(arg, "txqueuelen") || !strcmp(arg, "qlen") ||
			   matches(arg, "txqlen")) {
			if (--argc <= 0)
				return incomplete();
			argv++;
			if (a->txqlen || (a->zero & KRT_LINK_TXQLEN))
				return duparg("txqueuelen", *argv);
			if (get_unsigned(&a->txqlen, *argv))
				return invarg("Invalid \"txqueuelen\" value\n", *argv);
			a->zero |= KRT_LINK_TXQLEN;
		} else if (!strcmp(arg, "mtu")) {
			if (--argc <= 0)
				return incomplete();
			argv++;
			if (a->mtu || (a->zero & KRT_LINK_MTU))
				return duparg("mtu", *argv);
			if (get_unsigned(&a->mtu, *argv) || a->mtu > INT_MAX)
				return invarg("Invalid \"mtu\" value\n", *argv);
			a->zero |= KRT_LINK_MTU;
		} else if (!strcmp(arg, "group")) {
			if (--argc <= 0)
				return incomplete();
			argv++;
			if (a->group || (a->zero & KRT_LINK_GROUP))
				return duparg("group", *argv);
			if (!strcmp(*argv, "default"))
				a->group = 0;
			else if (get_unsigned(&a->group, *argv))
				return invarg("Invalid \"group\" value\n", *argv);
			a->zero |= KRT_LINK_GROUP;
		} else if (!strcmp(arg, "numtxqueues") || !strcmp(arg, "numrxqueues")) {
			bool tx = arg[3] == 't';
			unsigned int n;

			if (--argc <= 0)
				return incomplete();
			argv++;
			if (get_unsigned(&n, *argv))
				return invarg(tx ? "Invalid \"numtxqueues\" value\n" :
					      "Invalid \"numrxqueues\" value\n", *argv);
			if (tx)
				a->num_tx_queues = n;
			else
				a->num_rx_queues = n;
		} else if (matches(arg, "type")) {
			if (!type)
				return duparg2("dev", arg);
			if (--argc <= 0)
				return incomplete();
			argv++;
			*type = *argv;
			*type_argc = argc - 1;
			*type_argv = argv + 1;
			return 0;
		} else {
			if (matches(arg, "help")) {
				usage_link(stdout);
				return 255;
			}
			if (!strcmp(arg, "dev")) {
				if (--argc <= 0)
					return incomplete();
				argv++;
			}
			if (*dev)
				return duparg2("dev", *argv);
			if (!valid_ifname(*argv))
				return invarg("\"dev\" not a valid ifname", *argv);
			*dev = *argv;
		}
		argc--;
		argv++;
	}
	return 0;
}

/* The kernel's answer, as iproute2 prints it: its extack text, else the errno. */
static int rtnl_error(int err, const struct netlink_ext_ack *extack)
{
	const char *msg = extack->_msg;

	if (msg && *msg)
		fprintf(stderr, "Error: %s%s\n", msg, msg[strlen(msg) - 1] == '.' ? "" : ".");
	else
		fprintf(stderr, "RTNETLINK answers: %s\n", strerror(-err));
	return 2;
}

static int link_add(int argc, char **argv)
{
	struct netlink_ext_ack extack = {};
	struct krt_link_req req = {};
	struct link_args la = {};
	char **type_argv = NULL;
	int type_argc = 0;
	int err;

	err = parse_link(argc, argv, &la.attrs, la.address, &la.dev, &la.type, &type_argc,
			 &type_argv);
	if (err)
		return err;
	if (!la.type) {
		fprintf(stderr, "Not enough information: \"type\" argument is required\n");
		return 255;
	}

	if (type_argc > 0 && !strcmp(la.type, "veth")) {
		const char *peer_dev, *peer_type = NULL;
		char **rest;
		int rest_argc;

		if (strcmp(type_argv[0], "peer")) {
			fprintf(stderr, "Usage: ip link <options> type veth [peer <options>]\n"
				"To get <options> type 'ip link add help'\n");
			return 255;
		}
		err = parse_link(type_argc - 1, type_argv + 1, &la.peer, la.peer_address,
				 &peer_dev, &peer_type, &rest_argc, &rest);
		if (err)
			return err;
		if (peer_type)
			return duparg("type", peer_type);
		if (!la.peer.name)
			la.peer.name = peer_dev;
		la.has_peer = true;
	} else if (type_argc > 0) {
		fprintf(stderr, "Garbage instead of arguments \"%s ...\". Try \"ip link help\".\n",
			type_argv[0]);
		return 255;
	}

	/* "ip link add NAME" and "ip link add name NAME" are the same. */
	if (la.dev)
		la.attrs.name = la.dev;
	req.kind = la.type;
	req.link = la.attrs;
	if (la.has_peer) {
		req.peer = la.peer;
		/* A bare "peer" still sends VETH_INFO_PEER, as iproute2 does. */
		req.peer_empty = true;
	}

	err = krt_link_add(NULL, &req, &extack);
	if (err)
		return rtnl_error(err, &extack);
	return 0;
}

static int nodev(const char *dev)
{
	fprintf(stderr, "Cannot find device \"%s\"\n", dev);
	return 1;
}

static int link_del(int argc, char **argv)
{
	struct netlink_ext_ack extack = {};
	const char *dev = NULL;
	int err;

	if (argc >= 2 && !strcmp(argv[0], "group")) {
		unsigned int group;

		if (!strcmp(argv[1], "default"))
			group = 0;
		else if (get_unsigned(&group, argv[1]))
			return invarg("Invalid \"group\" value\n", argv[1]);
		if (argc > 2)
			return duparg2("group", argv[2]);
		err = krt_link_del_group(NULL, group, &extack);
		return err ? rtnl_error(err, &extack) : 0;
	}
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "dev")) {
			if (--argc <= 0)
				return incomplete();
			argv++;
		}
		if (dev)
			return duparg2("dev", *argv);
		if (!valid_ifname(*argv))
			return invarg("\"dev\" not a valid ifname", *argv);
		dev = *argv;
	}
	if (!dev) {
		fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
		return 255;
	}
	err = krt_link_del(NULL, dev, &extack);
	if (err == -ENODEV)
		return nodev(dev);
	return err ? rtnl_error(err, &extack) : 0;
}

static int link_set(int argc, char **argv)
{
	struct netlink_ext_ack extack = {};
	struct link_args la = {};
	int err;

	err = parse_link(argc, argv, &la.attrs, la.address, &la.dev, NULL, NULL, NULL);
	if (err)
		return err;
	if (!la.dev) {
		fprintf(stderr, "Not enough information: \"dev\" argument is required.\n");
		return 255;
	}
	err = krt_link_set(NULL, la.dev, &la.attrs, &extack);
	if (err == -ENODEV && !extack._msg)
		return nodev(la.dev);
	return err ? rtnl_error(err, &extack) : 0;
}

static int link_show(int argc, char **argv)
{
	const char *dev = NULL;
	size_t size = 1 << 16;
	ssize_t len;
	char *buf;

	for (; argc > 0; argc--, argv++) {
		if (!strcmp(*argv, "dev")) {
			if (--argc <= 0)
				return incomplete();
			argv++;
		} else if (matches(*argv, "help")) {
			usage_link(stdout);
			return 255;
		}
		if (dev)
			return duparg2("dev", *argv);
		dev = *argv;
	}

	for (;;) {
		buf = malloc(size);
		if (!buf) {
			fprintf(stderr, "krt-ip: out of memory\n");
			return 1;
		}
		len = krt_link_show(NULL, dev, buf, size);
		if (len < 0 || (size_t)len < size)
			break;
		free(buf);
		size = len + 1;
	}
	if (len == -ENODEV) {
		fprintf(stderr, "Device \"%s\" does not exist.\n", dev);
		free(buf);
		return 1;
	}
	if (len < 0) {
		fprintf(stderr, "krt-ip: %s\n", strerror(-len));
		free(buf);
		return 1;
	}
	fwrite(buf, 1, len, stdout);
	free(buf);
	return 0;
}

static int do_link(int argc, char **argv)
{
	if (argc < 1)
		return link_show(0, NULL);
	if (matches(*argv, "add"))
		return link_add(argc - 1, argv + 1);
	if (matches(*argv, "delete"))
		return link_del(argc - 1, argv + 1);
	if (matches(*argv, "set") || matches(*argv, "change"))
		return link_set(argc - 1, argv + 1);
	if (matches(*argv, "show") || matches(*argv, "lst") || matches(*argv, "list"))
		return link_show(argc - 1, argv + 1);
	if (matches(*argv, "help")) {
		usage_link(stdout);
		return 0;
	}
	fprintf(stderr, "Command \"%s\" is unknown, try \"ip link help\".\n", *argv);
	return 255;
}

static int do_cmd(int argc, char **argv)
{
	int ret;

	if (matches(*argv, "link"))
		ret = do_link(argc - 1, argv + 1);
	else if (matches(*argv, "help")) {
		usage(stdout);
		ret = 0;
	} else {
		fprintf(stderr, "Object \"%s\" is unknown, try \"ip help\".\n", *argv);
		ret = 1;
	}
	/* Keep the output in order with the error messages. */
	fflush(stdout);
	return ret;
}

/* Split a batch line into words (iproute2's makeargs): quotes group, '#' starts a comment. */
static int makeargs(char *line, char **argv, int max)
{
	int argc = 0;
	char *p = line;

	while (argc < max) {
		while (isspace((unsigned char)*p))
			p++;
		if (!*p || *p == '#')
			break;
		if (*p == '"' || *p == '\'') {
			char quote = *p++;

			argv[argc++] = p;
			while (*p && *p != quote)
				p++;
			if (!*p) {
				fprintf(stderr, "Unterminated quoted string\n");
				return -1;
			}
		} else {
			argv[argc++] = p;
			while (*p && !isspace((unsigned char)*p))
				p++;
		}
		if (!*p)
			break;
		*p++ = '\0';
	}
	return argc;
}

static int batch(const char *name, bool force)
{
	char *line = NULL, *argv[MAX_ARGS];
	int lineno = 0, ret = 0;
	size_t cap = 0;
	FILE *f;

	if (!strcmp(name, "-")) {
		f = stdin;
	} else {
		f = fopen(name, "r");
		if (!f) {
			fprintf(stderr, "Cannot open file \"%s\" for reading: %s\n", name,
				strerror(errno));
			return 255;
		}
	}

	while (getline(&line, &cap, f) != -1) {
		int argc;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		argc = makeargs(line, argv, MAX_ARGS);
		if (argc == 0)
			continue;
		if (argc < 0 || do_cmd(argc, argv)) {
			fprintf(stderr, "Command failed %s:%d\n", name, lineno);
			ret = 1;
			if (!force)
				break;
		}
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return ret;
}

int main(int argc, char **argv)
{
	const char *batch_file = NULL;
	bool force = false;

	while (argc > 1 && argv[1][0] == '-') {
		const char *opt = argv[1] + 1;

		if (opt[0] == '-')
			opt++;
		if (matches(opt, "batch") || !strcmp(opt, "b")) {
			if (argc < 3) {
				fprintf(stderr, "Wrong batch file argument\n");
				return 255;
			}
			batch_file = argv[2];
			argc--;
			argv++;
		} else if (!strcmp(opt, "force")) {
			force = true;
		} else if (matches(opt, "Version") && opt[0] == 'V') {
			printf("krt-ip utility, krt\n");
			return 0;
		} else if (matches(opt, "help")) {
			usage(stdout);
			return 0;
		} else {
			fprintf(stderr, "Option \"%s\" is unknown, try \"ip -help\".\n", argv[1]);
			return 255;
		}
		argc--;
		argv++;
	}

	if (batch_file)
		return batch(batch_file, force);
	if (argc > 1)
		return do_cmd(argc - 1, argv + 1);
	usage(stderr);
	return 255;
}
