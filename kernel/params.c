// SPDX-License-Identifier: MIT
/*
 * Command-line parameters: registration (kernel_param, __setup, early_param), the kernel's
 * parse_args() splitting with quotes, and the typed setters.
 */
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/init.h>
#include <linux/string.h>
#include <linux/ctype.h>

static struct kernel_param *kernel_params;
static struct obs_kernel_param *setup_params;

/**
 * krt_register_kernel_param - add a module_param()/core_param() to the parameter registry
 * @kp: the parameter (static; the macro that defines it registers it)
 *
 * Registration runs from constructors, before any other thread exists: no locking needed.
 */
void krt_register_kernel_param(struct kernel_param *kp)
{
	kp->next = kernel_params;
	kernel_params = kp;
}

/**
 * krt_register_setup - add a __setup()/early_param() option to the registry
 * @p: the option (static; the macro that defines it registers it)
 *
 * Like krt_register_kernel_param(), this runs from constructors and takes no lock.
 */
void krt_register_setup(struct obs_kernel_param *p)
{
	p->next = setup_params;
	setup_params = p;
}

/**
 * krt_setup_params - the registered __setup()/early_param() options
 *
 * Return: the first option, NULL if there is none; the list is linked by ->next, the most
 * recently registered first.
 */
struct obs_kernel_param *krt_setup_params(void)
{
	return setup_params;
}

static char dash2underscore(char c)
{
	return c == '-' ? '_' : c;
}

/**
 * parameqn - compare two parameter names over @n characters, '-' and '_' being equal.
 * @a: one name
 * @b: the other
 * @n: characters to compare
 */
bool parameqn(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dash2underscore(a[i]) != dash2underscore(b[i]))
			return false;
	return true;
}

/**
 * parameq - are two parameter names equal ('-' and '_' being equal)?
 * @a: one name
 * @b: the other
 */
bool parameq(const char *a, const char *b)
{
	return parameqn(a, b, strlen(a) + 1);
}

static int parse_one(char *param, char *val, const char *doing, void *arg,
		     int (*handle_unknown)(char *param, char *val, const char *doing, void *arg))
{
	struct kernel_param *kp;

	for (kp = kernel_params; kp; kp = kp->next) {
		if (!parameq(param, kp->name))
			continue;
		if (!val && !(kp->ops->flags & KERNEL_PARAM_OPS_FL_NOARG))
			return -EINVAL;
		return kp->ops->set(val, kp);
	}
	if (handle_unknown)
		return handle_unknown(param, val, doing, arg);
	return -ENOENT;
}

/**
 * parse_args - hand each "param[=value]" of @args to its kernel_param or to @unknown
 * @doing: what is being parsed, for messages
 * @args: the command line (modified in place)
 * @params: unused (krt keeps one registry of kernel_params)
 * @num: unused
 * @level_min: unused
 * @level_max: unused
 * @arg: passed to @unknown
 * @unknown: called for parameters that no kernel_param claims
 *
 * Returns NULL when everything was parsed, the text after "--" if present, or an ERR_PTR.
 */
char *parse_args(const char *doing, char *args, const struct kernel_param *params, unsigned int num,
		 s16 level_min, s16 level_max, void *arg,
		 int (*unknown)(char *param, char *val, const char *doing, void *arg))
{
	char *param, *val, *err = NULL;

	args = skip_spaces(args);
	while (*args) {
		int ret;

		args = next_arg(args, &param, &val);
		if (!val && strcmp(param, "--") == 0)
			return err ?: args;
		ret = parse_one(param, val, doing, arg, unknown);
		switch (ret) {
		case 0:
			continue;
		case -ENOENT:
			pr_err("%s: Unknown parameter `%s'\n", doing, param);
			break;
		case -ENOSPC:
			pr_err("%s: `%s' too large for parameter `%s'\n", doing, val ?: "", param);
			break;
		default:
			pr_err("%s: `%s' invalid for parameter `%s'\n", doing, val ?: "", param);
			break;
		}
		err = ERR_PTR(ret);
	}
	return err;
}

#define KRT_PARAM_INT(name, type, fmt, strtolfn)				\
	int param_set_##name(const char *val, const struct kernel_param *kp)	\
	{									\
		return strtolfn(val, 0, (type *)kp->arg);			\
	}									\
	int param_get_##name(char *buffer, const struct kernel_param *kp)	\
	{									\
		return scnprintf(buffer, 4096, fmt "\n", *((type *)kp->arg));	\
	}									\
	const struct kernel_param_ops param_ops_##name = {			\
		.set = param_set_##name,					\
		.get = param_get_##name,					\
	}

KRT_PARAM_INT(byte, unsigned char, "%hhu", kstrtou8);
KRT_PARAM_INT(short, short, "%hi", kstrtos16);
KRT_PARAM_INT(ushort, unsigned short, "%hu", kstrtou16);
KRT_PARAM_INT(int, int, "%i", kstrtoint);
KRT_PARAM_INT(uint, unsigned int, "%u", kstrtouint);
KRT_PARAM_INT(long, long, "%li", kstrtol);
KRT_PARAM_INT(ulong, unsigned long, "%lu", kstrtoul);
KRT_PARAM_INT(ullong, unsigned long long, "%llu", kstrtoull);

static int param_set_hexint(const char *val, const struct kernel_param *kp)
{
	return kstrtouint(val, 16, (unsigned int *)kp->arg);
}

static int param_get_hexint(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, 4096, "%#08x\n", *((unsigned int *)kp->arg));
}

const struct kernel_param_ops param_ops_hexint = {
	.set = param_set_hexint,
	.get = param_get_hexint,
};

/**
 * param_set_bool - set a bool parameter from @val (see kstrtobool())
 * @val: the value text, or NULL
 * @kp: the parameter
 *
 * A bool parameter without a value means "true", as on the kernel's command line.
 *
 * Return: 0, or -EINVAL if @val is not a boolean.
 */
int param_set_bool(const char *val, const struct kernel_param *kp)
{
	if (!val)
		val = "1";
	return kstrtobool(val, kp->arg);
}

/**
 * param_get_bool - render a bool parameter as "Y\n" or "N\n"
 * @buffer: destination
 * @kp: the parameter
 *
 * Return: the number of characters written (2).
 */
int param_get_bool(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", *(bool *)kp->arg ? 'Y' : 'N');
}

const struct kernel_param_ops param_ops_bool = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_bool,
	.get = param_get_bool,
};

static int param_set_invbool(const char *val, const struct kernel_param *kp)
{
	bool b;
	int ret = kstrtobool(val ?: "1", &b);

	if (!ret)
		*(bool *)kp->arg = !b;
	return ret;
}

static int param_get_invbool(char *buffer, const struct kernel_param *kp)
{
	return sprintf(buffer, "%c\n", *(bool *)kp->arg ? 'N' : 'Y');
}

const struct kernel_param_ops param_ops_invbool = {
	.flags = KERNEL_PARAM_OPS_FL_NOARG,
	.set = param_set_invbool,
	.get = param_get_invbool,
};

/**
 * param_set_charp - point a charp parameter at @val
 * @val: the value text; it is not copied
 * @kp: the parameter
 *
 * charp values point into the parsed copy of the command line, which krt_cmdline_apply()
 * keeps for as long as the process lives.
 *
 * Return: 0, or -ENOSPC if @val is longer than 1024 characters.
 */
int param_set_charp(const char *val, const struct kernel_param *kp)
{
	if (strlen(val) > 1024) {
		pr_err("%s: string parameter too long\n", kp->name);
		return -ENOSPC;
	}
	*(const char **)kp->arg = val;
	return 0;
}

/**
 * param_get_charp - render a charp parameter's string and a newline
 * @buffer: destination (at most 4096 bytes are written)
 * @kp: the parameter
 *
 * Return: the number of characters written.
 */
int param_get_charp(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, 4096, "%s\n", *((char **)kp->arg));
}

const struct kernel_param_ops param_ops_charp = {
	.set = param_set_charp,
	.get = param_get_charp,
};

static int param_set_copystring(const char *val, const struct kernel_param *kp)
{
	const struct kparam_string *kps = kp->str;

	if (strnlen(val, kps->maxlen) == kps->maxlen) {
		pr_err("%s: string doesn't fit in %u chars.\n", kp->name, kps->maxlen - 1);
		return -ENOSPC;
	}
	strcpy(kps->string, val);
	return 0;
}

static int param_get_string(char *buffer, const struct kernel_param *kp)
{
	return scnprintf(buffer, 4096, "%s\n", kp->str->string);
}

const struct kernel_param_ops param_ops_string = {
	.set = param_set_copystring,
	.get = param_get_string,
};
