/* SPDX-License-Identifier: MIT */
/*
 * Netlink, kernel side: the extended ack that configuration calls fill with a reason. krt has no
 * netlink sockets; the system UAPI header supplies the message definitions.
 */
#ifndef _KRT_LINUX_NETLINK_H
#define _KRT_LINUX_NETLINK_H

#include_next <linux/netlink.h>

#include <linux/types.h>

#define NETLINK_MAX_COOKIE_LEN	20

struct netlink_ext_ack {
	const char *_msg;
	const struct nlattr *bad_attr;
	const struct nla_policy *policy;
	const struct nlattr *miss_nest;
	u16 miss_type;
	u8 cookie[NETLINK_MAX_COOKIE_LEN];
	u8 cookie_len;
};

/* Record a reason in @extack (may be NULL), as the kernel's NL_SET_ERR_MSG(). */
#define NL_SET_ERR_MSG(extack, msg) do {					\
	static const char __msg[] = msg;					\
	struct netlink_ext_ack *__extack = (extack);				\
									\
	if (__extack)							\
		__extack->_msg = __msg;					\
} while (0)

#define NL_SET_ERR_MSG_MOD(extack, msg)	NL_SET_ERR_MSG(extack, KBUILD_MODNAME ": " msg)
#define NL_SET_BAD_ATTR(extack, attr) do {					\
	if (extack)							\
		(extack)->bad_attr = (attr);				\
} while (0)
#define NL_SET_ERR_MSG_ATTR(extack, attr, msg) do {				\
	NL_SET_ERR_MSG(extack, msg);					\
	NL_SET_BAD_ATTR(extack, attr);					\
} while (0)

#endif /* _KRT_LINUX_NETLINK_H */
