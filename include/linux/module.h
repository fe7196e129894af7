/* SPDX-License-Identifier: MIT */
/*
 * Modules: krt links everything into one process, like built-in modules. module_init()
 * functions run when krt boots (as device initcalls), module_exit() functions at process exit.
 */
#ifndef _KRT_LINUX_MODULE_H
#define _KRT_LINUX_MODULE_H

#include_next <linux/module.h>

#include <linux/compiler.h>
#include <linux/init.h>
#include <linux/moduleparam.h>
#include <linux/export.h>
#include <linux/kernel.h>

struct module {
	const char *name;
};

#define THIS_MODULE ((struct module *)0)

#define module_init(initfn) device_initcall(initfn)
#define module_exit(exitfn) __exitcall(exitfn)
#define builtin_init(fn) device_initcall(fn)

#define MODULE_LICENSE(_license)
#define MODULE_AUTHOR(_author)
#define MODULE_DESCRIPTION(_description)
#define MODULE_ALIAS(_alias)
#define MODULE_SOFTDEP(_softdep)
#define MODULE_VERSION(_version)
#define MODULE_FIRMWARE(_firmware)
#define MODULE_INFO(tag, info)
#define MODULE_IMPORT_NS(ns)
#define MODULE_DEVICE_TABLE(type, name)
#define MODULE_ALIAS_RTNL_LINK(kind)
#define MODULE_ALIAS_NETDEV(device)

static inline bool try_module_get(struct module *module)
{
	return true;
}

static inline void module_put(struct module *module)
{
}

static inline void __module_get(struct module *module)
{
}

#define module_name(mod) "krt"

#endif /* _KRT_LINUX_MODULE_H */
