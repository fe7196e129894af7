/* SPDX-License-Identifier: MIT */
/*
 * Netlink attributes (struct nlattr, from the system UAPI header): reading them as the kernel's
 * nla_get_*() helpers do. krt builds attribute sets in memory for its in-process link requests
 * (<krt/link.h>); lib/nlattr.c writes and parses them.
 *
 * Messages are built in a struct sk_buff, as in the kernel: nlmsg_new() allocates one,
 * nlmsg_put() starts a message, nla_put*() and nla_nest_start()/nla_nest_end() append
 * attributes (-EMSGSIZE when the tailroom runs out), nlmsg_end() closes the message. Parsing
 * validates against a struct nla_policy with the kernel's rules and error codes.
 */
#ifndef _KRT_NET_NETLINK_H
#define _KRT_NET_NETLINK_H

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/types.h>

enum {
	NLA_UNSPEC,
	NLA_U8,
	NLA_U16,
	NLA_U32,
	NLA_U64,
	NLA_STRING,
	NLA_FLAG,
	NLA_MSECS,
	NLA_NESTED,
	NLA_NESTED_ARRAY,
	NLA_NUL_STRING,
	NLA_BINARY,
	NLA_S8,
	NLA_S16,
	NLA_S32,
	NLA_S64,
	NLA_BITFIELD32,
	NLA_REJECT,
	NLA_BE16,
	NLA_BE32,
	NLA_SINT,
	NLA_UINT,
	__NLA_TYPE_MAX,
};

#define NLA_TYPE_MAX (__NLA_TYPE_MAX - 1)

/*
 * How one attribute type is checked: @type is an NLA_* above; @len is the maximum length for
 * NLA_STRING, NLA_NUL_STRING and NLA_BINARY, the minimum for NLA_UNSPEC and the fixed-size
 * types, the maximum type of @nested_policy for NLA_NESTED. policy[0].strict_start_type makes
 * every type from that one on strictly validated.
 */
struct nla_policy {
	u8 type;
	u16 len;
	union {
		u16 strict_start_type;
		const char *reject_message;
		const struct nla_policy *nested_policy;
		u32 bitfield32_valid;		/* NLA_BITFIELD32: the bits that may be used */
	};
};

#define NLA_POLICY_NESTED(policy)						\
	{ .type = NLA_NESTED, .nested_policy = policy, .len = ARRAY_SIZE(policy) - 1 }

/* What parsing checks (enum netlink_validation). */
enum netlink_validation {
	NL_VALIDATE_LIBERAL = 0,
	NL_VALIDATE_TRAILING = BIT(0),		/* bytes left over after the last attribute */
	NL_VALIDATE_MAXTYPE = BIT(1),		/* types 0 and above maxtype */
	NL_VALIDATE_UNSPEC = BIT(2),		/* NLA_UNSPEC entries in the policy */
	NL_VALIDATE_STRICT_ATTRS = BIT(3),	/* exact lengths of fixed-size types */
	NL_VALIDATE_NESTED = BIT(4),		/* NLA_F_NESTED set exactly on nests */
};

#define NL_VALIDATE_DEPRECATED_STRICT (NL_VALIDATE_TRAILING | NL_VALIDATE_MAXTYPE)
#define NL_VALIDATE_STRICT (NL_VALIDATE_TRAILING | NL_VALIDATE_MAXTYPE |		\
			    NL_VALIDATE_UNSPEC | NL_VALIDATE_STRICT_ATTRS |		\
			    NL_VALIDATE_NESTED)

static inline int nla_type(const struct nlattr *nla)
{
	return nla->nla_type & NLA_TYPE_MASK;
}

static inline void *nla_data(const struct nlattr *nla)
{
	return (char *)nla + NLA_HDRLEN;
}

static inline int nla_len(const struct nlattr *nla)
{
	return nla->nla_len - NLA_HDRLEN;
}

static inline int nla_attr_size(int payload)
{
	return NLA_HDRLEN + payload;
}

static inline int nla_total_size(int payload)
{
	return NLA_ALIGN(nla_attr_size(payload));
}

static inline int nla_padlen(int payload)
{
	return nla_total_size(payload) - nla_attr_size(payload);
}

static inline int nla_is_nested(const struct nlattr *nla)
{
	return !!(nla->nla_type & NLA_F_NESTED);
}

static inline int nla_ok(const struct nlattr *nla, int remaining)
{
	return remaining >= (int)sizeof(*nla) && nla->nla_len >= sizeof(*nla) &&
	       nla->nla_len <= remaining;
}

static inline struct nlattr *nla_next(const struct nlattr *nla, int *remaining)
{
	unsigned int totlen = NLA_ALIGN(nla->nla_len);

	*remaining -= totlen;
	return (struct nlattr *)((char *)nla + totlen);
}

#define nla_for_each_attr(pos, head, len, rem)					\
	for (pos = head, rem = len; nla_ok(pos, rem); pos = nla_next(pos, &(rem)))
#define nla_for_each_nested(pos, nla, rem)					\
	nla_for_each_attr(pos, nla_data(nla), nla_len(nla), rem)

static inline u8 nla_get_u8(const struct nlattr *nla)
{
	return *(u8 *)nla_data(nla);
}

static inline u16 nla_get_u16(const struct nlattr *nla)
{
	u16 v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

static inline u32 nla_get_u32(const struct nlattr *nla)
{
	u32 v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

static inline s32 nla_get_s32(const struct nlattr *nla)
{
	return (s32)nla_get_u32(nla);
}

static inline u64 nla_get_u64(const struct nlattr *nla)
{
	u64 v;

	memcpy(&v, nla_data(nla), sizeof(v));
	return v;
}

static inline bool nla_get_flag(const struct nlattr *nla)
{
	return !!nla;
}

static inline s8 nla_get_s8(const struct nlattr *nla)
{
	return *(s8 *)nla_data(nla);
}

static inline s16 nla_get_s16(const struct nlattr *nla)
{
	return (s16)nla_get_u16(nla);
}

static inline s64 nla_get_s64(const struct nlattr *nla)
{
	return (s64)nla_get_u64(nla);
}

static inline __be16 nla_get_be16(const struct nlattr *nla)
{
	return (__force __be16)nla_get_u16(nla);
}

static inline __be32 nla_get_be32(const struct nlattr *nla)
{
	return (__force __be32)nla_get_u32(nla);
}

ssize_t nla_strscpy(char *dst, const struct nlattr *nla, size_t dstsize);
int nla_memcpy(void *dest, const struct nlattr *src, int count);
int nla_strcmp(const struct nlattr *nla, const char *str);
int nla_memcmp(const struct nlattr *nla, const void *data, size_t size);
struct nlattr *nla_find(const struct nlattr *head, int len, int attrtype);

/* Parsing: tb[0..maxtype] gets the last attribute of each type, NULL for absent ones. */
int __nla_validate(const struct nlattr *head, int len, int maxtype,
		   const struct nla_policy *policy, unsigned int validate,
		   struct netlink_ext_ack *extack);
int __nla_parse(struct nlattr **tb, int maxtype, const struct nlattr *head, int len,
		const struct nla_policy *policy, unsigned int validate,
		struct netlink_ext_ack *extack);

/**
 * nla_parse - parse a stream of attributes, strictly validated against @policy
 * @tb: array of maxtype + 1 pointers, filled
 * @maxtype: highest attribute type expected
 * @head: first attribute
 * @len: length of the stream
 * @policy: validation policy, may be NULL
 * @extack: extended ack for the reason of a failure, may be NULL
 */
static inline int nla_parse(struct nlattr **tb, int maxtype, const struct nlattr *head, int len,
			    const struct nla_policy *policy, struct netlink_ext_ack *extack)
{
	return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_STRICT, extack);
}

/* The liberal parse of the old message types (RTM_*LINK): unknown types and trailers pass. */
static inline int nla_parse_deprecated(struct nlattr **tb, int maxtype,
				       const struct nlattr *head, int len,
				       const struct nla_policy *policy,
				       struct netlink_ext_ack *extack)
{
	return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_LIBERAL, extack);
}

static inline int nla_parse_deprecated_strict(struct nlattr **tb, int maxtype,
					      const struct nlattr *head, int len,
					      const struct nla_policy *policy,
					      struct netlink_ext_ack *extack)
{
	return __nla_parse(tb, maxtype, head, len, policy, NL_VALIDATE_DEPRECATED_STRICT,
			   extack);
}

/**
 * nla_parse_nested - parse the attributes nested in @nla (which must carry NLA_F_NESTED)
 * @tb: array of maxtype + 1 pointers, filled
 * @maxtype: highest attribute type expected
 * @nla: the nest
 * @policy: validation policy, may be NULL
 * @extack: extended ack, may be NULL
 */
static inline int nla_parse_nested(struct nlattr *tb[], int maxtype, const struct nlattr *nla,
				   const struct nla_policy *policy,
				   struct netlink_ext_ack *extack)
{
	if (!(nla->nla_type & NLA_F_NESTED)) {
		NL_SET_ERR_MSG_ATTR(extack, nla, "NLA_F_NESTED is missing");
		return -EINVAL;
	}
	return __nla_parse(tb, maxtype, nla_data(nla), nla_len(nla), policy, NL_VALIDATE_STRICT,
			   extack);
}

static inline int nla_parse_nested_deprecated(struct nlattr *tb[], int maxtype,
					      const struct nlattr *nla,
					      const struct nla_policy *policy,
					      struct netlink_ext_ack *extack)
{
	return __nla_parse(tb, maxtype, nla_data(nla), nla_len(nla), policy, NL_VALIDATE_LIBERAL,
			   extack);
}

static inline int nla_validate(const struct nlattr *head, int len, int maxtype,
			       const struct nla_policy *policy, struct netlink_ext_ack *extack)
{
	return __nla_validate(head, len, maxtype, policy, NL_VALIDATE_STRICT, extack);
}

/* Building, in the tailroom of an sk_buff. */
struct nlattr *__nla_reserve(struct sk_buff *skb, int attrtype, int attrlen);
struct nlattr *nla_reserve(struct sk_buff *skb, int attrtype, int attrlen);
void __nla_put(struct sk_buff *skb, int attrtype, int attrlen, const void *data);
int nla_put(struct sk_buff *skb, int attrtype, int attrlen, const void *data);
int nla_put_64bit(struct sk_buff *skb, int attrtype, int attrlen, const void *data,
		  int padattr);
int nla_put_nohdr(struct sk_buff *skb, int attrlen, const void *data);

static inline int nla_put_u8(struct sk_buff *skb, int attrtype, u8 value)
{
	return nla_put(skb, attrtype, sizeof(u8), &value);
}

static inline int nla_put_u16(struct sk_buff *skb, int attrtype, u16 value)
{
	return nla_put(skb, attrtype, sizeof(u16), &value);
}

static inline int nla_put_u32(struct sk_buff *skb, int attrtype, u32 value)
{
	return nla_put(skb, attrtype, sizeof(u32), &value);
}

static inline int nla_put_s8(struct sk_buff *skb, int attrtype, s8 value)
{
	return nla_put(skb, attrtype, sizeof(s8), &value);
}

static inline int nla_put_s16(struct sk_buff *skb, int attrtype, s16 value)
{
	return nla_put(skb, attrtype, sizeof(s16), &value);
}

static inline int nla_put_s32(struct sk_buff *skb, int attrtype, s32 value)
{
	return nla_put(skb, attrtype, sizeof(s32), &value);
}

static inline int nla_put_be16(struct sk_buff *skb, int attrtype, __be16 value)
{
	return nla_put(skb, attrtype, sizeof(__be16), &value);
}

static inline int nla_put_be32(struct sk_buff *skb, int attrtype, __be32 value)
{
	return nla_put(skb, attrtype, sizeof(__be32), &value);
}

static inline int nla_put_u64_64bit(struct sk_buff *skb, int attrtype, u64 value, int padattr)
{
	return nla_put_64bit(skb, attrtype, sizeof(u64), &value, padattr);
}

/* A string attribute, its NUL included (as nla_put_string() sends it). */
static inline int nla_put_string(struct sk_buff *skb, int attrtype, const char *str)
{
	return nla_put(skb, attrtype, strlen(str) + 1, str);
}

static inline int nla_put_flag(struct sk_buff *skb, int attrtype)
{
	return nla_put(skb, attrtype, 0, NULL);
}

/**
 * nla_nest_start_noflag - start a nest of attributes (without NLA_F_NESTED, as old families)
 * @skb: message buffer
 * @attrtype: type of the nest
 *
 * Returns the nest to give to nla_nest_end(), or NULL when the buffer is full.
 */
static inline struct nlattr *nla_nest_start_noflag(struct sk_buff *skb, int attrtype)
{
	struct nlattr *start = (struct nlattr *)skb_tail_pointer(skb);

	if (nla_put(skb, attrtype, 0, NULL) < 0)
		return NULL;
	return start;
}

/**
 * nla_nest_start - start a nest of attributes, marked NLA_F_NESTED
 * @skb: message buffer
 * @attrtype: type of the nest
 */
static inline struct nlattr *nla_nest_start(struct sk_buff *skb, int attrtype)
{
	return nla_nest_start_noflag(skb, attrtype | NLA_F_NESTED);
}

/**
 * nla_nest_end - close a nest: its length now covers everything added since it started
 * @skb: message buffer
 * @start: what nla_nest_start() returned
 *
 * Returns the total length of the message so far.
 */
static inline int nla_nest_end(struct sk_buff *skb, struct nlattr *start)
{
	start->nla_len = skb_tail_pointer(skb) - (unsigned char *)start;
	return skb->len;
}

/* Messages: struct nlmsghdr, a fixed family header, then attributes. */

/* The message at the start of @skb (the kernel's <linux/netlink.h> has it). */
static inline struct nlmsghdr *nlmsg_hdr(const struct sk_buff *skb)
{
	return (struct nlmsghdr *)skb->data;
}

static inline int nlmsg_msg_size(int payload)
{
	return NLMSG_HDRLEN + payload;
}

static inline int nlmsg_total_size(int payload)
{
	return NLMSG_ALIGN(nlmsg_msg_size(payload));
}

static inline void *nlmsg_data(const struct nlmsghdr *nlh)
{
	return (unsigned char *)nlh + NLMSG_HDRLEN;
}

static inline int nlmsg_len(const struct nlmsghdr *nlh)
{
	return nlh->nlmsg_len - NLMSG_HDRLEN;
}

static inline struct nlattr *nlmsg_attrdata(const struct nlmsghdr *nlh, int hdrlen)
{
	unsigned char *data = nlmsg_data(nlh);

	return (struct nlattr *)(data + NLMSG_ALIGN(hdrlen));
}

static inline int nlmsg_attrlen(const struct nlmsghdr *nlh, int hdrlen)
{
	return nlmsg_len(nlh) - NLMSG_ALIGN(hdrlen);
}

static inline int __nlmsg_parse(const struct nlmsghdr *nlh, int hdrlen, struct nlattr *tb[],
				int maxtype, const struct nla_policy *policy,
				unsigned int validate, struct netlink_ext_ack *extack)
{
	if (nlh->nlmsg_len < nlmsg_msg_size(hdrlen)) {
		NL_SET_ERR_MSG(extack, "Invalid header length");
		return -EINVAL;
	}
	return __nla_parse(tb, maxtype, nlmsg_attrdata(nlh, hdrlen), nlmsg_attrlen(nlh, hdrlen),
			   policy, validate, extack);
}

/**
 * nlmsg_parse - parse the attributes after a message's @hdrlen bytes of family header
 * @nlh: message
 * @hdrlen: size of the family header (struct ifinfomsg...)
 * @tb: array of maxtype + 1 pointers, filled
 * @maxtype: highest attribute type expected
 * @policy: validation policy
 * @extack: extended ack, may be NULL
 */
static inline int nlmsg_parse(const struct nlmsghdr *nlh, int hdrlen, struct nlattr *tb[],
			      int maxtype, const struct nla_policy *policy,
			      struct netlink_ext_ack *extack)
{
	return __nlmsg_parse(nlh, hdrlen, tb, maxtype, policy, NL_VALIDATE_STRICT, extack);
}

static inline int nlmsg_parse_deprecated(const struct nlmsghdr *nlh, int hdrlen,
					 struct nlattr *tb[], int maxtype,
					 const struct nla_policy *policy,
					 struct netlink_ext_ack *extack)
{
	return __nlmsg_parse(nlh, hdrlen, tb, maxtype, policy, NL_VALIDATE_LIBERAL, extack);
}

struct nlmsghdr *__nlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, int type, int len,
			     int flags);

/**
 * nlmsg_put - start a message of @type with @payload bytes of family header
 * @skb: message buffer
 * @portid: netlink port of the sender
 * @seq: sequence number
 * @type: message type (RTM_NEWLINK...)
 * @payload: length of the family header
 * @flags: NLM_F_*
 *
 * Returns the header, or NULL when the buffer is too small.
 */
static inline struct nlmsghdr *nlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, int type,
					 int payload, int flags)
{
	if (unlikely(skb_tailroom(skb) < nlmsg_total_size(payload)))
		return NULL;
	return __nlmsg_put(skb, portid, seq, type, payload, flags);
}

/* Close a message: its length now covers every attribute added. */
static inline void nlmsg_end(struct sk_buff *skb, struct nlmsghdr *nlh)
{
	nlh->nlmsg_len = skb_tail_pointer(skb) - (unsigned char *)nlh;
}

/* Drop everything added after @mark (a message or a nest). */
static inline void nlmsg_trim(struct sk_buff *skb, const void *mark)
{
	if (mark)
		skb_trim(skb, (const unsigned char *)mark - skb->data);
}

static inline void nlmsg_cancel(struct sk_buff *skb, struct nlmsghdr *nlh)
{
	nlmsg_trim(skb, nlh);
}

static inline void nla_nest_cancel(struct sk_buff *skb, struct nlattr *start)
{
	nlmsg_trim(skb, start);
}

#define NLMSG_DEFAULT_SIZE (SKB_WITH_OVERHEAD(PAGE_SIZE) - NLMSG_HDRLEN)
#define NLMSG_GOODSIZE	   SKB_WITH_OVERHEAD(PAGE_SIZE)

/* A buffer for one message of @payload bytes (nlmsg_free() it). */
static inline struct sk_buff *nlmsg_new(size_t payload, gfp_t flags)
{
	return alloc_skb(nlmsg_total_size(payload), flags);
}

static inline void nlmsg_free(struct sk_buff *skb)
{
	kfree_skb(skb);
}

#endif /* _KRT_NET_NETLINK_H */
