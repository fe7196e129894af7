/* SPDX-License-Identifier: MIT */
/*
 * Typed parameters: core_param(name, var, type, perm) is set by "name=value" on KRT_CMDLINE,
 * module_param(name, type, perm) by "<KBUILD_MODNAME>.name=value", as for built-in modules.
 */
#ifndef _LINUX_MODULE_PARAMS_H
#define _LINUX_MODULE_PARAMS_H

#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/stringify.h>
#include <linux/types.h>

struct kernel_param;

struct kernel_param_ops {
	unsigned int flags;
	int (*set)(const char *val, const struct kernel_param *kp);
	int (*get)(char *buffer, const struct kernel_param *kp);
	void (*free)(void *arg);
};

#define KERNEL_PARAM_OPS_FL_NOARG (1 << 0)

struct kernel_param {
	const char *name;
	const struct kernel_param_ops *ops;
	u16 perm;
	union {
		void *arg;
		const struct kparam_string *str;
		const struct kparam_array *arr;
	};
	struct kernel_param *next;
};

struct kparam_string {
	unsigned int maxlen;
	char *string;
};

struct kparam_array {
	unsigned int max;
	unsigned int elemsize;
	unsigned int *num;
	const struct kernel_param_ops *ops;
	void *elem;
};

void krt_register_kernel_param(struct kernel_param *kp);

#ifndef MODULE_PARAM_PREFIX
#ifdef KBUILD_MODNAME
#define MODULE_PARAM_PREFIX KBUILD_MODNAME "."
#else
#define MODULE_PARAM_PREFIX ""
#endif
#endif

#define __module_param_call(prefix, _name, ops_, arg_, perm_)		\
	static struct kernel_param __PASTE(__param_, _name) = {		\
		.name = prefix #_name, .ops = ops_, .perm = perm_, { .arg = arg_ }, \
	};								\
	static KRT_CONSTRUCTOR_EARLY void __PASTE(__param_reg_, _name)(void) \
	{								\
		krt_register_kernel_param(&__PASTE(__param_, _name));	\
	}

#define module_param_cb(name, ops, arg, perm) \
	__module_param_call(MODULE_PARAM_PREFIX, name, ops, arg, perm)
#define module_param_named(name, value, type, perm)			\
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_ops_##type, &value, perm)
#define module_param(name, type, perm) module_param_named(name, name, type, perm)
#define module_param_unsafe(name, type, perm) module_param(name, type, perm)
#define module_param_string(name, string, len, perm)			\
	static const struct kparam_string __PASTE(__param_string_, name) = { len, string }; \
	__module_param_call(MODULE_PARAM_PREFIX, name, &param_ops_string, \
			    (void *)&__PASTE(__param_string_, name), perm)
#define core_param(name, var, type, perm)				\
	__module_param_call("", name, &param_ops_##type, &var, perm)
#define core_param_cb(name, ops, arg, perm) __module_param_call("", name, ops, arg, perm)
#define MODULE_PARM_DESC(_parm, desc)

extern const struct kernel_param_ops param_ops_byte;
extern const struct kernel_param_ops param_ops_short;
extern const struct kernel_param_ops param_ops_ushort;
extern const struct kernel_param_ops param_ops_int;
extern const struct kernel_param_ops param_ops_uint;
extern const struct kernel_param_ops param_ops_long;
extern const struct kernel_param_ops param_ops_ulong;
extern const struct kernel_param_ops param_ops_ullong;
extern const struct kernel_param_ops param_ops_hexint;
extern const struct kernel_param_ops param_ops_charp;
extern const struct kernel_param_ops param_ops_bool;
extern const struct kernel_param_ops param_ops_invbool;
extern const struct kernel_param_ops param_ops_string;

int param_set_int(const char *val, const struct kernel_param *kp);
int param_get_int(char *buffer, const struct kernel_param *kp);
int param_set_uint(const char *val, const struct kernel_param *kp);
int param_get_uint(char *buffer, const struct kernel_param *kp);
int param_set_ulong(const char *val, const struct kernel_param *kp);
int param_get_ulong(char *buffer, const struct kernel_param *kp);
int param_set_bool(const char *val, const struct kernel_param *kp);
int param_get_bool(char *buffer, const struct kernel_param *kp);
int param_set_charp(const char *val, const struct kernel_param *kp);
int param_get_charp(char *buffer, const struct kernel_param *kp);

/*
 * parse_args - split @args into parameters and hand each to @unknown unless it names a
 * registered kernel_param. Returns 0, or the first error.
 */
char *parse_args(const char *name, char *args, const struct kernel_param *params, unsigned int num,
		 s16 level_min, s16 level_max, void *arg,
		 int (*unknown)(char *param, char *val, const char *doing, void *arg));
bool parameq(const char *name1, const char *name2);
bool parameqn(const char *name1, const char *name2, size_t n);

#endif /* _LINUX_MODULE_PARAMS_H */
