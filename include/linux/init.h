/* SPDX-License-Identifier: MIT */
/*
 * Boot-time hooks: initcalls and command-line parameters. Registration happens from constructors
 * (no linker sections); the functions run when krt boots, in the kernel's initcall order.
 * module_init() functions run as device initcalls after krt has booted; module_exit() functions
 * run at process exit.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

enum krt_initcall_level {
	KRT_INITCALL_EARLY,
	KRT_INITCALL_PURE,
	KRT_INITCALL_CORE,
	KRT_INITCALL_POSTCORE,
	KRT_INITCALL_ARCH,
	KRT_INITCALL_SUBSYS,
	KRT_INITCALL_FS,
	KRT_INITCALL_ROOTFS,
	KRT_INITCALL_DEVICE,
	KRT_INITCALL_LATE,
	KRT_INITCALL_LEVELS,
};

struct krt_initcall {
	initcall_t fn;
	const char *name;
	enum krt_initcall_level level;
	struct krt_initcall *next;
};

struct krt_exitcall {
	exitcall_t fn;
	const char *name;
	struct krt_exitcall *next;
};

void krt_register_initcall(struct krt_initcall *call);
void krt_register_exitcall(struct krt_exitcall *call);

/* Constructors of priority 102 run before every default-priority one, in any object. */
#define KRT_CONSTRUCTOR_EARLY __attribute__((__constructor__(102)))
/* Before every other krt constructor: only for what must be registered first of all. */
#define KRT_CONSTRUCTOR_FIRST __attribute__((__constructor__(101)))

#define __krt_define_initcall(_fn, lvl)				\
	static struct krt_initcall __PASTE(__initcall_, _fn) = {	\
		.fn = _fn, .name = #_fn, .level = lvl,			\
	};								\
	static KRT_CONSTRUCTOR_EARLY void __PASTE(__initcall_reg_, _fn)(void) \
	{								\
		krt_register_initcall(&__PASTE(__initcall_, _fn));	\
	}

#define early_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_EARLY)
#define pure_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_PURE)
#define core_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_CORE)
#define core_initcall_sync(fn) core_initcall(fn)
#define postcore_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_POSTCORE)
#define arch_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_ARCH)
#define subsys_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_SUBSYS)
#define subsys_initcall_sync(fn) subsys_initcall(fn)
#define fs_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_FS)
#define rootfs_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_ROOTFS)
#define device_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_DEVICE)
#define late_initcall(fn) __krt_define_initcall(fn, KRT_INITCALL_LATE)
#define late_initcall_sync(fn) late_initcall(fn)
#define __initcall(fn) device_initcall(fn)

#define __exitcall(_fn)						\
	static struct krt_exitcall __PASTE(__exitcall_, _fn) = {	\
		.fn = _fn, .name = #_fn,				\
	};								\
	static KRT_CONSTRUCTOR_EARLY void __PASTE(__exitcall_reg_, _fn)(void) \
	{								\
		krt_register_exitcall(&__PASTE(__exitcall_, _fn));	\
	}

/*
 * A command-line option handled by a function: __setup("name=", fn) gets the text after
 * "name=", early_param("name", fn) gets the value (or NULL) before the other parameters.
 * fn returns 1 when it handled the option (0: "not mine", it is then reported as unknown);
 * an early_param function returns 0 on success.
 */
struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *);
	int early;
	struct obs_kernel_param *next;
};

void krt_register_setup(struct obs_kernel_param *p);

#define __setup_param(str, unique_id, fn, early)			\
	static struct obs_kernel_param __PASTE(__setup_, unique_id) = {	\
		str, fn, early, NULL,					\
	};								\
	static KRT_CONSTRUCTOR_EARLY void __PASTE(__setup_reg_, unique_id)(void) \
	{								\
		krt_register_setup(&__PASTE(__setup_, unique_id));	\
	}

#define __setup(str, fn) __setup_param(str, fn, fn, 0)
#define early_param(str, fn) __setup_param(str, fn, fn, 1)

extern char *saved_command_line;
extern bool initcall_debug;

#endif /* _LINUX_INIT_H */
