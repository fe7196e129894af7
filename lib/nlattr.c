// SPDX-License-Identifier: MIT
/*
 * Netlink attributes, as lib/nlattr.c in the kernel: copying and comparing payloads, validating
 * and parsing a stream against a policy, and building messages in an sk_buff.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/netlink.h>

/**
 * nla_strscpy - copy a string attribute into a sized buffer, always NUL-terminated
 * @dst: destination
 * @nla: string attribute (its payload may or may not include the NUL)
 * @dstsize: size of @dst
 *
 * Returns the length copied, or -E2BIG when the string was cut short.
 */
ssize_t nla_strscpy(char *dst, const struct nlattr *nla, size_t dstsize)
{
	size_t srclen = nla_len(nla);
	const char *src = nla_data(nla);
	ssize_t ret;
	size_t len;

	if (dstsize == 0 || WARN_ON_ONCE(dstsize > U16_MAX))
		return -E2BIG;
	if (srclen > 0 && src[srclen - 1] == '\0')
		srclen--;
	if (srclen >= dstsize) {
		len = dstsize - 1;
		ret = -E2BIG;
	} else {
		len = srclen;
		ret = len;
	}
	memcpy(dst, src, len);
	memset(dst + len, 0, dstsize - len);
	return ret;
}

/**
 * nla_memcpy - copy up to @count bytes of an attribute's payload
 * @dest: destination
 * @src: attribute
 * @count: size of @dest
 *
 * Returns the number of bytes copied.
 */
int nla_memcpy(void *dest, const struct nlattr *src, int count)
{
	int minlen = min_t(int, count, nla_len(src));

	memcpy(dest, nla_data(src), minlen);
	if (count > minlen)
		memset((char *)dest + minlen, 0, count - minlen);
	return minlen;
}

/**
 * nla_strcmp - compare a string attribute with @str
 * @nla: string attribute
 * @str: NUL-terminated string
 */
int nla_strcmp(const struct nlattr *nla, const char *str)
{
	int len = strlen(str);
	const char *buf = nla_data(nla);
	int attrlen = nla_len(nla);
	int d;

	while (attrlen > 0 && buf[attrlen - 1] == '\0')
		attrlen--;
	d = attrlen - len;
	if (d == 0)
		d = memcmp(nla_data(nla), str, len);
	return d;
}

/**
 * nla_memcmp - compare an attribute's payload with @data
 * @nla: attribute
 * @data: bytes to compare with
 * @size: their number
 *
 * Returns 0 when equal; a length difference counts first.
 */
int nla_memcmp(const struct nlattr *nla, const void *data, size_t size)
{
	int d = nla_len(nla) - size;

	if (d == 0)
		d = memcmp(nla_data(nla), data, size);
	return d;
}

/**
 * nla_find - the first attribute of @attrtype in a stream
 * @head: first attribute
 * @len: length of the stream
 * @attrtype: type wanted
 */
struct nlattr *nla_find(const struct nlattr *head, int len, int attrtype)
{
	const struct nlattr *nla;
	int rem;

	nla_for_each_attr(nla, head, len, rem)
		if (nla_type(nla) == attrtype)
			return (struct nlattr *)nla;
	return NULL;
}

/* ---- validation and parsing ------------------------------------------------------------------ */

/* Nests may nest this deep in a policy before parsing gives up. */
#define MAX_POLICY_RECURSION_DEPTH	10

/* Payload sizes of the fixed-size types: exact under strict validation... */
static const u8 nla_attr_len[NLA_TYPE_MAX + 1] = {
	[NLA_U8]	= sizeof(u8),
	[NLA_U16]	= sizeof(u16),
	[NLA_U32]	= sizeof(u32),
	[NLA_U64]	= sizeof(u64),
	[NLA_S8]	= sizeof(s8),
	[NLA_S16]	= sizeof(s16),
	[NLA_S32]	= sizeof(s32),
	[NLA_S64]	= sizeof(s64),
	[NLA_BE16]	= sizeof(__be16),
	[NLA_BE32]	= sizeof(__be32),
};

/* ...and the minimum always (a longer one only warns when not strict). */
static const u8 nla_attr_minlen[NLA_TYPE_MAX + 1] = {
	[NLA_U8]	= sizeof(u8),
	[NLA_U16]	= sizeof(u16),
	[NLA_U32]	= sizeof(u32),
	[NLA_U64]	= sizeof(u64),
	[NLA_MSECS]	= sizeof(u64),
	[NLA_NESTED]	= NLA_HDRLEN,
	[NLA_S8]	= sizeof(s8),
	[NLA_S16]	= sizeof(s16),
	[NLA_S32]	= sizeof(s32),
	[NLA_S64]	= sizeof(s64),
	[NLA_BE16]	= sizeof(__be16),
	[NLA_BE32]	= sizeof(__be32),
};

/* NL_SET_ERR_MSG_ATTR_POL() with a message chosen at run time. */
static void nla_set_err(struct netlink_ext_ack *extack, const struct nlattr *nla,
			const struct nla_policy *pt, const char *msg)
{
	if (!extack)
		return;
	extack->_msg = msg;
	extack->bad_attr = nla;
	extack->policy = pt;
}

static int __nla_validate_parse(const struct nlattr *head, int len, int maxtype,
				const struct nla_policy *policy, unsigned int validate,
				struct netlink_ext_ack *extack, struct nlattr **tb,
				unsigned int depth);

static int validate_nla_bitfield32(const struct nlattr *nla, u32 valid)
{
	const struct nla_bitfield32 *bf = nla_data(nla);

	/* Only selected, known bits may be set. */
	if (!valid || (bf->selector & ~valid) || (bf->value & ~valid) ||
	    (bf->value & ~bf->selector))
		return -EINVAL;
	return 0;
}

/*
 * Check one attribute against its policy entry. A wrong length is -ERANGE, a wrong shape
 * (NLA_REJECT, nesting flags, unsupported types, bad strings) -EINVAL, as the kernel answers.
 */
static int validate_nla(const struct nlattr *nla, int maxtype, const struct nla_policy *policy,
			unsigned int validate, struct netlink_ext_ack *extack, unsigned int depth)
{
	u16 strict_start_type = policy[0].strict_start_type;
	int minlen = 0, attrlen = nla_len(nla), type = nla_type(nla);
	const struct nla_policy *pt;
	int err = -ERANGE;

	if (strict_start_type && type >= strict_start_type)
		validate |= NL_VALIDATE_STRICT;
	if (type <= 0 || type > maxtype)
		return 0;

	pt = &policy[type];
	BUG_ON(pt->type > NLA_TYPE_MAX);

	if (nla_attr_len[pt->type] && attrlen != nla_attr_len[pt->type]) {
		pr_warn_ratelimited("netlink: '%s': attribute type %d has an invalid length.\n",
				    current->comm, type);
		if (validate & NL_VALIDATE_STRICT_ATTRS) {
			nla_set_err(extack, nla, pt, "invalid attribute length");
			return -EINVAL;
		}
	}

	if (validate & NL_VALIDATE_NESTED) {
		bool nest = pt->type == NLA_NESTED || pt->type == NLA_NESTED_ARRAY;

		if (nest && !(nla->nla_type & NLA_F_NESTED)) {
			nla_set_err(extack, nla, pt, "NLA_F_NESTED is missing");
			return -EINVAL;
		}
		if (!nest && pt->type != NLA_UNSPEC && (nla->nla_type & NLA_F_NESTED)) {
			nla_set_err(extack, nla, pt, "NLA_F_NESTED not expected");
			return -EINVAL;
		}
	}

	switch (pt->type) {
	case NLA_REJECT:
		if (extack && pt->reject_message) {
			nla_set_err(extack, nla, NULL, pt->reject_message);
			return -EINVAL;
		}
		err = -EINVAL;
		goto out_err;

	case NLA_FLAG:
		if (attrlen > 0)
			goto out_err;
		break;

	case NLA_SINT:
	case NLA_UINT:
		if (attrlen != sizeof(u32) && attrlen != sizeof(u64)) {
			nla_set_err(extack, nla, pt, "invalid attribute length");
			return -EINVAL;
		}
		break;

	case NLA_BITFIELD32:
		if (attrlen != sizeof(struct nla_bitfield32))
			goto out_err;
		err = validate_nla_bitfield32(nla, pt->bitfield32_valid);
		if (err)
			goto out_err;
		break;

	case NLA_NUL_STRING:
		/* The NUL must come within len + 1 bytes. */
		minlen = pt->len ? min_t(int, attrlen, pt->len + 1) : attrlen;
		if (!minlen || !memchr(nla_data(nla), '\0', minlen)) {
			err = -EINVAL;
			goto out_err;
		}
		fallthrough;

	case NLA_STRING:
		if (attrlen < 1)
			goto out_err;
		if (pt->len) {
			const char *buf = nla_data(nla);

			if (buf[attrlen - 1] == '\0')
				attrlen--;
			if (attrlen > pt->len)
				goto out_err;
		}
		break;

	case NLA_BINARY:
		if (pt->len && attrlen > pt->len)
			goto out_err;
		break;

	case NLA_NESTED:
	case NLA_NESTED_ARRAY:
		/* Empty is fine; otherwise at least one attribute header. */
		if (attrlen == 0)
			break;
		if (attrlen < NLA_HDRLEN)
			goto out_err;
		if (pt->type == NLA_NESTED && pt->nested_policy)
			/* The inner error stays as the inner check set it. */
			return __nla_validate_parse(nla_data(nla), nla_len(nla), pt->len,
						    pt->nested_policy, validate, extack, NULL,
						    depth + 1);
		if (pt->type == NLA_NESTED_ARRAY && pt->nested_policy) {
			const struct nlattr *entry;
			int rem;

			nla_for_each_nested(entry, nla, rem) {
				err = __nla_validate_parse(nla_data(entry), nla_len(entry),
							   pt->len, pt->nested_policy, validate,
							   extack, NULL, depth + 1);
				if (err < 0)
					return err;
			}
		}
		break;

	case NLA_UNSPEC:
		if (validate & NL_VALIDATE_UNSPEC) {
			nla_set_err(extack, nla, NULL, "Unsupported attribute");
			return -EINVAL;
		}
		if (attrlen < pt->len)
			goto out_err;
		break;

	default:
		minlen = pt->len ? pt->len : nla_attr_minlen[pt->type];
		if (attrlen < minlen)
			goto out_err;
	}
	return 0;

out_err:
	nla_set_err(extack, nla, pt, "Attribute failed policy validation");
	return err;
}

static int __nla_validate_parse(const struct nlattr *head, int len, int maxtype,
				const struct nla_policy *policy, unsigned int validate,
				struct netlink_ext_ack *extack, struct nlattr **tb,
				unsigned int depth)
{
	const struct nlattr *nla;
	int rem;

	if (depth >= MAX_POLICY_RECURSION_DEPTH) {
		NL_SET_ERR_MSG(extack, "allowed policy recursion depth exceeded");
		return -EINVAL;
	}

	if (tb)
		memset(tb, 0, sizeof(struct nlattr *) * (maxtype + 1));

	nla_for_each_attr(nla, head, len, rem) {
		u16 type = nla_type(nla);

		if (type == 0 || type > maxtype) {
			if (validate & NL_VALIDATE_MAXTYPE) {
				NL_SET_ERR_MSG_ATTR(extack, nla, "Unknown attribute type");
				return -EINVAL;
			}
			continue;
		}
		if (policy) {
			int err = validate_nla(nla, maxtype, policy, validate, extack, depth);

			if (err < 0)
				return err;
		}
		if (tb)
			tb[type] = (struct nlattr *)nla;
	}

	if (unlikely(rem > 0)) {
		pr_warn_ratelimited("netlink: %d bytes leftover after parsing attributes in process `%s'.\n",
				    rem, current->comm);
		NL_SET_ERR_MSG(extack, "bytes leftover after parsing attributes");
		if (validate & NL_VALIDATE_TRAILING)
			return -EINVAL;
	}
	return 0;
}

/**
 * __nla_validate - check a stream of attributes against @policy
 * @head: first attribute
 * @len: length of the stream
 * @maxtype: highest attribute type expected
 * @policy: validation policy
 * @validate: NL_VALIDATE_* checks to apply
 * @extack: extended ack, may be NULL
 *
 * Returns 0, -ERANGE for an attribute of the wrong length, -EINVAL for other violations.
 */
int __nla_validate(const struct nlattr *head, int len, int maxtype,
		   const struct nla_policy *policy, unsigned int validate,
		   struct netlink_ext_ack *extack)
{
	return __nla_validate_parse(head, len, maxtype, policy, validate, extack, NULL, 0);
}

/**
 * __nla_parse - validate a stream of attributes and index it by type
 * @tb: array of maxtype + 1 pointers; the last attribute of each type wins, absent ones NULL
 * @maxtype: highest attribute type expected
 * @head: first attribute
 * @len: length of the stream
 * @policy: validation policy, may be NULL
 * @validate: NL_VALIDATE_* checks to apply
 * @extack: extended ack, may be NULL
 *
 * Returns 0, -ERANGE for an attribute of the wrong length, -EINVAL for other violations.
 */
int __nla_parse(struct nlattr **tb, int maxtype, const struct nlattr *head, int len,
		const struct nla_policy *policy, unsigned int validate,
		struct netlink_ext_ack *extack)
{
	return __nla_validate_parse(head, len, maxtype, policy, validate, extack, tb, 0);
}

/* ---- building -------------------------------------------------------------------------------- */

/**
 * __nla_reserve - append an attribute header and room for @attrlen bytes (room must exist)
 * @skb: message buffer
 * @attrtype: attribute type
 * @attrlen: payload length
 *
 * The padding after the payload is zeroed; the payload is left to the caller.
 */
struct nlattr *__nla_reserve(struct sk_buff *skb, int attrtype, int attrlen)
{
	struct nlattr *nla;

	nla = skb_put(skb, nla_total_size(attrlen));
	nla->nla_type = attrtype;
	nla->nla_len = nla_attr_size(attrlen);
	memset((unsigned char *)nla + nla->nla_len, 0, nla_padlen(attrlen));
	return nla;
}

/**
 * nla_reserve - append an attribute with room for @attrlen bytes of payload
 * @skb: message buffer
 * @attrtype: attribute type
 * @attrlen: payload length
 *
 * Returns the attribute, or NULL when the tailroom is too small.
 */
struct nlattr *nla_reserve(struct sk_buff *skb, int attrtype, int attrlen)
{
	if (unlikely(skb_tailroom(skb) < nla_total_size(attrlen)))
		return NULL;
	return __nla_reserve(skb, attrtype, attrlen);
}

/**
 * __nla_put - append an attribute (room must exist)
 * @skb: message buffer
 * @attrtype: attribute type
 * @attrlen: payload length
 * @data: payload
 */
void __nla_put(struct sk_buff *skb, int attrtype, int attrlen, const void *data)
{
	struct nlattr *nla = __nla_reserve(skb, attrtype, attrlen);

	if (attrlen)
		memcpy(nla_data(nla), data, attrlen);
}

/**
 * nla_put - append an attribute
 * @skb: message buffer
 * @attrtype: attribute type
 * @attrlen: payload length
 * @data: payload (may be NULL when @attrlen is 0)
 *
 * Returns 0, or -EMSGSIZE when the tailroom is too small (nothing is added then).
 */
int nla_put(struct sk_buff *skb, int attrtype, int attrlen, const void *data)
{
	if (unlikely(skb_tailroom(skb) < nla_total_size(attrlen)))
		return -EMSGSIZE;
	__nla_put(skb, attrtype, attrlen, data);
	return 0;
}

/**
 * nla_put_64bit - append an attribute whose payload holds 64-bit values
 * @skb: message buffer
 * @attrtype: attribute type
 * @attrlen: payload length
 * @data: payload
 * @padattr: type of the padding attribute an architecture without efficient unaligned access
 *	     would insert; x86-64 needs none, so neither does krt
 */
int nla_put_64bit(struct sk_buff *skb, int attrtype, int attrlen, const void *data,
		  int padattr)
{
	return nla_put(skb, attrtype, attrlen, data);
}

/**
 * nla_put_nohdr - append bytes without an attribute header (a family header in a nest)
 * @skb: message buffer
 * @attrlen: length
 * @data: bytes
 *
 * Returns 0 or -EMSGSIZE.
 */
int nla_put_nohdr(struct sk_buff *skb, int attrlen, const void *data)
{
	void *start;

	if (unlikely(skb_tailroom(skb) < NLA_ALIGN(attrlen)))
		return -EMSGSIZE;
	start = skb_put_zero(skb, NLA_ALIGN(attrlen));
	if (attrlen)
		memcpy(start, data, attrlen);
	return 0;
}

/**
 * __nlmsg_put - start a message (room must exist; nlmsg_put() checks)
 * @skb: message buffer
 * @portid: netlink port of the sender
 * @seq: sequence number
 * @type: message type
 * @len: length of the family header that follows, zeroed
 * @flags: NLM_F_*
 */
struct nlmsghdr *__nlmsg_put(struct sk_buff *skb, u32 portid, u32 seq, int type, int len,
			     int flags)
{
	int size = nlmsg_msg_size(len);
	struct nlmsghdr *nlh;

	nlh = skb_put_zero(skb, NLMSG_ALIGN(size));
	nlh->nlmsg_type = type;
	nlh->nlmsg_len = size;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_pid = portid;
	nlh->nlmsg_seq = seq;
	return nlh;
}
