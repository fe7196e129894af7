/* SPDX-License-Identifier: MIT */
/* The kernel's catch-all header: basic helpers, might_sleep() and the system state. */
#ifndef _KRT_LINUX_KERNEL_H
#define _KRT_LINUX_KERNEL_H

#include_next <linux/kernel.h>

#include <stdarg.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/limits.h>
#include <linux/array_size.h>
#include <linux/container_of.h>
#include <linux/typecheck.h>
#include <linux/instruction_pointer.h>
#include <linux/panic.h>
#include <linux/printk.h>
#include <linux/bug.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/sprintf.h>
#include <linux/hex.h>
/* Base-header helpers (lib/): */
#include <linux/align.h>
#include <linux/minmax.h>
#include <linux/math.h>
#include <linux/log2.h>
#include <linux/kstrtox.h>
#include <linux/wordpart.h>
#include <linux/bitops.h>

void __might_resched(const char *file, int line, unsigned int offsets);
void __might_sleep(const char *file, int line);
void __cant_sleep(const char *file, int line, int preempt_offset);
void __cant_migrate(const char *file, int line);

/*
 * might_sleep - annotation for functions that can sleep: reports "BUG: sleeping function called
 * from invalid context" when called with the preempt count raised or interrupts disabled.
 */
#define might_sleep() do { __might_sleep(__FILE__, __LINE__); } while (0)
#define might_sleep_if(cond) do { if (cond) might_sleep(); } while (0)
#define might_resched() do { } while (0)
/* cant_sleep - annotation for functions that must run in atomic context. */
#define cant_sleep() do { __cant_sleep(__FILE__, __LINE__, 0); } while (0)
#define cant_migrate() do { } while (0)
#define sched_annotate_sleep() (current->task_state_change = 0)

/* Code between these may not sleep even if it is preemptible. */
void non_block_start(void);
void non_block_end(void);

enum system_states {
	SYSTEM_BOOTING,
	SYSTEM_SCHEDULING,
	SYSTEM_FREEING_INITMEM,
	SYSTEM_RUNNING,
	SYSTEM_HALT,
	SYSTEM_POWER_OFF,
	SYSTEM_RESTART,
	SYSTEM_SUSPEND,
};
extern enum system_states system_state;

#define REPEAT_BYTE(x) ((~0ul / 0xff) * (x))
#define u64_to_user_ptr(x) ((void __user *)(uintptr_t)(x))
#define STACK_MAGIC 0xdeadbeef

#define trace_printk(fmt, ...) printk(KERN_INFO fmt, ##__VA_ARGS__)

#endif /* _KRT_LINUX_KERNEL_H */
