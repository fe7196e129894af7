/* SPDX-License-Identifier: MIT */
#ifndef _KRT_LINUX_STDDEF_H
#define _KRT_LINUX_STDDEF_H

#include_next <linux/stddef.h>
#include <stddef.h>
#include <linux/compiler_types.h>

#undef NULL
#define NULL ((void *)0)

#undef true
#undef false
enum {
	false = 0,
	true = 1
};


/* Size of a struct member, without an instance. */
#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
/* Offset of the byte after a member. */
#define offsetofend(TYPE, MEMBER) (offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

/* A union of an anonymous struct and a named one with the same members. */
#define struct_group(NAME, MEMBERS...) __struct_group(/* no tag */, NAME, /* no attrs */, MEMBERS)
#define struct_group_attr(NAME, ATTRS, MEMBERS...) __struct_group(, NAME, ATTRS, MEMBERS)
#define struct_group_tagged(TAG, NAME, MEMBERS...) __struct_group(TAG, NAME, /* no attrs */, MEMBERS)

#ifndef __DECLARE_FLEX_ARRAY
#define __DECLARE_FLEX_ARRAY(TYPE, NAME)	\
	struct {				\
		struct { } __empty_ ## NAME;	\
		TYPE NAME[];			\
	}
#endif
#define DECLARE_FLEX_ARRAY(TYPE, NAME) __DECLARE_FLEX_ARRAY(TYPE, NAME)

#endif /* _KRT_LINUX_STDDEF_H */
