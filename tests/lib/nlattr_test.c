// SPDX-License-Identifier: MIT
/*
 * Netlink attributes: building messages in an sk_buff (padding, nests, -EMSGSIZE, trimming)
 * and parsing them against a policy with the kernel's answers: -ERANGE for a wrong length,
 * -EINVAL for a wrong shape, strict and liberal validation, and the extack reasons.
 */
#include <kunit/test.h>
#include <linux/netlink.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <krt/printk.h>

enum {
	T_UNSPEC,
	T_U8,
	T_U16,
	T_U32,
	T_U64,
	T_STR,
	T_NULSTR,
	T_FLAG,
	T_BIN,
	T_NEST,
	T_REJECT,
	T_MIN4,
	T_S32,
	__T_MAX,
};
#define T_MAX (__T_MAX - 1)

enum {
	N_UNSPEC,
	N_A,
	N_B,
	__N_MAX,
};
#define N_MAX (__N_MAX - 1)

static const struct nla_policy inner_policy[N_MAX + 1] = {
	[N_A]		= { .type = NLA_U32 },
	[N_B]		= { .type = NLA_STRING, .len = 3 },
};

static const struct nla_policy test_policy[T_MAX + 1] = {
	[T_U8]		= { .type = NLA_U8 },
	[T_U16]		= { .type = NLA_U16 },
	[T_U32]		= { .type = NLA_U32 },
	[T_U64]		= { .type = NLA_U64 },
	[T_STR]		= { .type = NLA_STRING, .len = 7 },
	[T_NULSTR]	= { .type = NLA_NUL_STRING, .len = 7 },
	[T_FLAG]	= { .type = NLA_FLAG },
	[T_BIN]		= { .type = NLA_BINARY, .len = 6 },
	[T_NEST]	= NLA_POLICY_NESTED(inner_policy),
	[T_REJECT]	= { .type = NLA_REJECT, .reject_message = "no T_REJECT here" },
	[T_MIN4]	= { .len = 4 },
	[T_S32]		= { .type = NLA_S32 },
};

/* A message buffer with only the attributes, no netlink header. */
static struct sk_buff *msg(struct kunit *test, unsigned int size)
{
	struct sk_buff *skb = alloc_skb(size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	return skb;
}

static int parse(struct sk_buff *skb, struct nlattr **tb, unsigned int validate,
		 struct netlink_ext_ack *extack)
{
	memset(extack, 0, sizeof(*extack));
	return __nla_parse(tb, T_MAX, (struct nlattr *)skb->data, skb->len, test_policy,
			   validate, extack);
}

static void nla_put_layout(struct kunit *test)
{
	struct sk_buff *skb = msg(test, 256);
	struct nlattr *nla;
	u8 *p;

	KUNIT_EXPECT_EQ(test, nla_put_u8(skb, T_U8, 0xab), 0);
	/* 4 bytes of header, 1 of payload, 3 of zeroed padding. */
	KUNIT_EXPECT_EQ(test, skb->len, 8);
	nla = (struct nlattr *)skb->data;
	KUNIT_EXPECT_EQ(test, nla->nla_len, 5);
	KUNIT_EXPECT_EQ(test, nla_type(nla), T_U8);
	KUNIT_EXPECT_EQ(test, nla_get_u8(nla), 0xab);
	p = nla_data(nla);
	KUNIT_EXPECT_EQ(test, p[1] | p[2] | p[3], 0);

	KUNIT_EXPECT_EQ(test, nla_put_u16(skb, T_U16, 0x1234), 0);
	KUNIT_EXPECT_EQ(test, nla_put_u32(skb, T_U32, 0xdeadbeef), 0);
	KUNIT_EXPECT_EQ(test, nla_put_u64_64bit(skb, T_U64, 0x0102030405060708ULL, 0), 0);
	KUNIT_EXPECT_EQ(test, nla_put_string(skb, T_STR, "krt"), 0);
	KUNIT_EXPECT_EQ(test, nla_put_flag(skb, T_FLAG), 0);
	KUNIT_EXPECT_EQ(test, skb->len, 8 + 8 + 8 + 12 + 8 + 4);

	nla = nla_find((struct nlattr *)skb->data, skb->len, T_U64);
	KUNIT_ASSERT_NOT_NULL(test, nla);
	KUNIT_EXPECT_EQ(test, nla_get_u64(nla), 0x0102030405060708ULL);
	nla = nla_find((struct nlattr *)skb->data, skb->len, T_STR);
	KUNIT_ASSERT_NOT_NULL(test, nla);
	KUNIT_EXPECT_EQ(test, nla_len(nla), 4);
	KUNIT_EXPECT_EQ(test, nla_strcmp(nla, "krt"), 0);
	KUNIT_EXPECT_NULL(test, nla_find((struct nlattr *)skb->data, skb->len, T_BIN));
	kfree_skb(skb);
}

/* Out of room: -EMSGSIZE (NULL for reservations and nests), and nothing is added. */
static void nla_put_emsgsize(struct kunit *test)
{
	struct sk_buff *skb = msg(test, 16);
	unsigned int room = skb_tailroom(skb);
	char big[64] = {};

	while (skb_tailroom(skb) >= 8)
		KUNIT_EXPECT_EQ(test, nla_put_u32(skb, T_U32, 1), 0);
	KUNIT_EXPECT_EQ(test, skb->len, room - skb_tailroom(skb));
	KUNIT_EXPECT_EQ(test, nla_put_u32(skb, T_U32, 1), -EMSGSIZE);
	KUNIT_EXPECT_EQ(test, nla_put(skb, T_BIN, sizeof(big), big), -EMSGSIZE);
	KUNIT_EXPECT_NULL(test, nla_reserve(skb, T_BIN, 8));
	if (skb_tailroom(skb) < NLA_HDRLEN)
		KUNIT_EXPECT_NULL(test, nla_nest_start(skb, T_NEST));
	KUNIT_EXPECT_EQ(test, skb->len, room - skb_tailroom(skb));
	kfree_skb(skb);
}

static void nla_nest_build_and_parse(struct kunit *test)
{
	struct sk_buff *skb = msg(test, 256);
	struct nlattr *tb[T_MAX + 1], *in[N_MAX + 1], *nest;
	struct netlink_ext_ack extack;
	unsigned int mark;

	KUNIT_EXPECT_EQ(test, nla_put_u32(skb, T_U32, 7), 0);
	nest = nla_nest_start(skb, T_NEST);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	KUNIT_EXPECT_EQ(test, nla_put_u32(skb, N_A, 42), 0);
	KUNIT_EXPECT_EQ(test, nla_put_string(skb, N_B, "ab"), 0);
	KUNIT_EXPECT_EQ(test, nla_nest_end(skb, nest), skb->len);
	KUNIT_EXPECT_TRUE(test, nest->nla_type & NLA_F_NESTED);
	KUNIT_EXPECT_EQ(test, nla_len(nest), 8 + 8);

	/* A cancelled nest leaves no trace. */
	mark = skb->len;
	nest = nla_nest_start(skb, T_BIN);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	KUNIT_EXPECT_EQ(test, nla_put_u32(skb, N_A, 1), 0);
	nla_nest_cancel(skb, nest);
	KUNIT_EXPECT_EQ(test, skb->len, mark);

	KUNIT_ASSERT_EQ(test, parse(skb, tb, NL_VALIDATE_STRICT, &extack), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[T_U32]);
	KUNIT_ASSERT_NOT_NULL(test, tb[T_NEST]);
	KUNIT_EXPECT_NULL(test, tb[T_U8]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[T_U32]), 7);
	KUNIT_ASSERT_EQ(test, nla_parse_nested(in, N_MAX, tb[T_NEST], inner_policy, &extack), 0);
	KUNIT_ASSERT_NOT_NULL(test, in[N_A]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(in[N_A]), 42);
	KUNIT_EXPECT_EQ(test, nla_strcmp(in[N_B], "ab"), 0);

	/* nla_parse_nested() wants NLA_F_NESTED; the deprecated one does not. */
	tb[T_NEST]->nla_type &= ~NLA_F_NESTED;
	KUNIT_EXPECT_EQ(test, nla_parse_nested(in, N_MAX, tb[T_NEST], inner_policy, &extack),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "NLA_F_NESTED is missing");
	KUNIT_EXPECT_EQ(test, nla_parse_nested_deprecated(in, N_MAX, tb[T_NEST], inner_policy,
							  NULL), 0);
	/* ...and strict validation of the outer stream checks the flag too. */
	KUNIT_EXPECT_EQ(test, parse(skb, tb, NL_VALIDATE_STRICT, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "NLA_F_NESTED is missing");
	kfree_skb(skb);
}

/* The inner policy of a nest is applied when the outer stream is parsed. */
static void nla_nested_policy(struct kunit *test)
{
	struct sk_buff *skb = msg(test, 128);
	struct nlattr *tb[T_MAX + 1], *nest;
	struct netlink_ext_ack extack;

	nest = nla_nest_start(skb, T_NEST);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	KUNIT_EXPECT_EQ(test, nla_put_string(skb, N_B, "toolong"), 0);
	nla_nest_end(skb, nest);
	KUNIT_EXPECT_EQ(test, parse(skb, tb, NL_VALIDATE_LIBERAL, &extack), -ERANGE);
	KUNIT_EXPECT_STREQ(test, extack._msg, "Attribute failed policy validation");
	KUNIT_EXPECT_PTR_EQ(test, extack.bad_attr, (const struct nlattr *)nla_data(nest));
	kfree_skb(skb);
}

/* One attribute of @type with @len bytes of @fill, parsed with @validate. */
static int parse_one(struct kunit *test, int type, const void *data, int len,
		     unsigned int validate, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[T_MAX + 1];
	struct sk_buff *skb = msg(test, 128);
	int err;

	KUNIT_EXPECT_EQ(test, nla_put(skb, type, len, data), 0);
	err = parse(skb, tb, validate, extack);
	if (!err && type > 0 && type <= T_MAX)
		KUNIT_EXPECT_NOT_NULL(test, tb[type]);
	kfree_skb(skb);
	return err;
}

static void nla_policy_lengths(struct kunit *test)
{
	static const char bytes[16] = "abcdefghijklmno";
	struct netlink_ext_ack extack;

	krt_printk_capture_begin(false);
	/* Too short for a fixed-size type: -ERANGE, strict or not. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_U32, bytes, 2, 0, &extack), -ERANGE);
	KUNIT_EXPECT_STREQ(test, extack._msg, "Attribute failed policy validation");
	KUNIT_EXPECT_EQ(test, parse_one(test, T_U16, bytes, 1, 0, &extack), -ERANGE);
	/* Too long: only warned about, unless strict. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_U32, bytes, 8, 0, &extack), 0);
	KUNIT_EXPECT_TRUE(test,
			  krt_printk_capture_contains("attribute type 3 has an invalid length."));
	KUNIT_EXPECT_EQ(test, parse_one(test, T_U32, bytes, 8, NL_VALIDATE_STRICT, &extack),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "invalid attribute length");
	KUNIT_EXPECT_EQ(test, parse_one(test, T_S32, bytes, 4, NL_VALIDATE_STRICT, &extack), 0);
	krt_printk_capture_end();

	/* Strings: at most len characters, a trailing NUL not counted. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_STR, "1234567", 7, 0, &extack), 0);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_STR, "1234567", 8, 0, &extack), 0);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_STR, "12345678", 8, 0, &extack), -ERANGE);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_STR, "", 0, 0, &extack), -ERANGE);
	/* NUL strings must hold their NUL within len + 1 bytes. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_NULSTR, "abc", 4, 0, &extack), 0);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_NULSTR, "abc", 3, 0, &extack), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_NULSTR, "abcdefghi", 10, 0, &extack), -EINVAL);
	/* Binary: at most len bytes. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_BIN, bytes, 6, 0, &extack), 0);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_BIN, bytes, 7, 0, &extack), -ERANGE);
	/* Flags carry nothing. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_FLAG, NULL, 0, 0, &extack), 0);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_FLAG, bytes, 1, 0, &extack), -ERANGE);
	/* NLA_UNSPEC with a length is a minimum; strict validation refuses NLA_UNSPEC. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_MIN4, bytes, 3, 0, &extack), -ERANGE);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_MIN4, bytes, 9, 0, &extack), 0);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_MIN4, bytes, 9, NL_VALIDATE_STRICT, &extack),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "Unsupported attribute");
	/* NLA_REJECT, with the policy's own reason. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_REJECT, bytes, 4, 0, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "no T_REJECT here");
	/* A nest of a few bytes cannot hold an attribute. */
	KUNIT_EXPECT_EQ(test, parse_one(test, T_NEST, bytes, 2, 0, &extack), -ERANGE);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_NEST, NULL, 0, 0, &extack), 0);
}

/* Unknown types and trailing bytes: ignored when liberal, refused when strict. */
static void nla_strict_vs_liberal(struct kunit *test)
{
	struct nlattr *tb[T_MAX + 1];
	struct netlink_ext_ack extack;
	struct sk_buff *skb;

	KUNIT_EXPECT_EQ(test, parse_one(test, T_MAX + 1, "abcd", 4, 0, &extack), 0);
	KUNIT_EXPECT_EQ(test, parse_one(test, T_MAX + 1, "abcd", 4, NL_VALIDATE_STRICT, &extack),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "Unknown attribute type");
	KUNIT_EXPECT_EQ(test, parse_one(test, 0, "abcd", 4, NL_VALIDATE_MAXTYPE, &extack),
			-EINVAL);

	skb = msg(test, 64);
	KUNIT_EXPECT_EQ(test, nla_put_u32(skb, T_U32, 5), 0);
	skb_put_zero(skb, 3);
	krt_printk_capture_begin(false);
	KUNIT_EXPECT_EQ(test, parse(skb, tb, NL_VALIDATE_LIBERAL, &extack), 0);
	KUNIT_EXPECT_TRUE(test, krt_printk_capture_contains(
		"netlink: 3 bytes leftover after parsing attributes in process"));
	KUNIT_EXPECT_STREQ(test, extack._msg, "bytes leftover after parsing attributes");
	KUNIT_EXPECT_EQ(test, parse(skb, tb, NL_VALIDATE_STRICT, &extack), -EINVAL);
	krt_printk_capture_end();
	KUNIT_EXPECT_NOT_NULL(test, tb[T_U32]);
	/* The last attribute of a type wins. */
	skb_trim(skb, 8);
	KUNIT_EXPECT_EQ(test, nla_put_u32(skb, T_U32, 6), 0);
	KUNIT_EXPECT_EQ(test, parse(skb, tb, NL_VALIDATE_STRICT, &extack), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[T_U32]), 6);
	kfree_skb(skb);
}

/* A whole message: header, family header, attributes. */
static void nlmsg_build_and_parse(struct kunit *test)
{
	struct nlattr *tb[T_MAX + 1];
	struct nlmsghdr *nlh;
	struct sk_buff *skb;
	u32 *family;

	skb = nlmsg_new(64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	nlh = nlmsg_put(skb, 1, 2, 16, sizeof(*family), NLM_F_REQUEST);
	KUNIT_ASSERT_NOT_NULL(test, nlh);
	KUNIT_EXPECT_PTR_EQ(test, nlmsg_hdr(skb), nlh);
	family = nlmsg_data(nlh);
	KUNIT_EXPECT_EQ(test, *family, 0);
	*family = 0x55;
	KUNIT_EXPECT_EQ(test, nla_put_u8(skb, T_U8, 9), 0);
	nlmsg_end(skb, nlh);
	KUNIT_EXPECT_EQ(test, nlh->nlmsg_len, NLMSG_HDRLEN + 4 + 8);
	KUNIT_EXPECT_EQ(test, nlh->nlmsg_type, 16);
	KUNIT_EXPECT_EQ(test, nlh->nlmsg_pid, 1);
	KUNIT_EXPECT_EQ(test, nlh->nlmsg_seq, 2);
	KUNIT_EXPECT_EQ(test, nlmsg_attrlen(nlh, sizeof(*family)), 8);

	KUNIT_ASSERT_EQ(test, nlmsg_parse(nlh, sizeof(*family), tb, T_MAX, test_policy, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[T_U8]);
	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[T_U8]), 9);
	/* A family header longer than the message. */
	KUNIT_EXPECT_EQ(test, nlmsg_parse(nlh, 64, tb, T_MAX, test_policy, NULL), -EINVAL);

	/* Not even room for the header. */
	skb_put(skb, skb_tailroom(skb));
	KUNIT_EXPECT_NULL(test, nlmsg_put(skb, 0, 0, 16, 0, 0));
	nlmsg_free(skb);
}

static struct kunit_case nlattr_test_cases[] = {
	KUNIT_CASE(nla_put_layout),
	KUNIT_CASE(nla_put_emsgsize),
	KUNIT_CASE(nla_nest_build_and_parse),
	KUNIT_CASE(nla_nested_policy),
	KUNIT_CASE(nla_policy_lengths),
	KUNIT_CASE(nla_strict_vs_liberal),
	KUNIT_CASE(nlmsg_build_and_parse),
	{}
};

static struct kunit_suite nlattr_test_suite = {
	.name = "nlattr",
	.test_cases = nlattr_test_cases,
};
kunit_test_suite(nlattr_test_suite);
