/* SPDX-License-Identifier: MIT */
/* The emulated interrupt flag: irqs_disabled() is what might_sleep() and lockdep look at. */
#ifndef _LINUX_TRACE_IRQFLAGS_H
#define _LINUX_TRACE_IRQFLAGS_H

#include <linux/typecheck.h>
#include <asm/current.h>

#define raw_local_irq_disable() (pcpu_hot.irqs_off = 1)
#define raw_local_irq_enable() (pcpu_hot.irqs_off = 0)
#define raw_local_save_flags(flags)					\
	do {								\
		typecheck(unsigned long, flags);			\
		flags = (unsigned long)pcpu_hot.irqs_off;		\
	} while (0)
#define raw_local_irq_save(flags)					\
	do {								\
		typecheck(unsigned long, flags);			\
		flags = (unsigned long)pcpu_hot.irqs_off;		\
		pcpu_hot.irqs_off = 1;					\
	} while (0)
#define raw_local_irq_restore(flags)					\
	do {								\
		typecheck(unsigned long, flags);			\
		pcpu_hot.irqs_off = (int)(flags);			\
	} while (0)
#define raw_irqs_disabled_flags(flags) ((flags) != 0)
#define raw_irqs_disabled() (pcpu_hot.irqs_off != 0)

#define local_irq_enable() raw_local_irq_enable()
#define local_irq_disable() raw_local_irq_disable()
#define local_irq_save(flags) raw_local_irq_save(flags)
#define local_irq_restore(flags) raw_local_irq_restore(flags)
#define local_save_flags(flags) raw_local_save_flags(flags)
#define irqs_disabled() raw_irqs_disabled()
#define irqs_disabled_flags(flags) raw_irqs_disabled_flags(flags)
#define safe_halt() do { } while (0)

#define lockdep_assert_irqs_enabled() WARN_ON_ONCE(irqs_disabled())
#define lockdep_assert_irqs_disabled() WARN_ON_ONCE(!irqs_disabled())

#endif /* _LINUX_TRACE_IRQFLAGS_H */
