/* SPDX-License-Identifier: MIT */
/*
 * The preempt count, emulated per thread with the kernel's layout. spin_lock, local_bh_disable,
 * preempt_disable and rcu_read_lock raise it; might_sleep() reports sleeping while it is raised.
 */
#ifndef __LINUX_PREEMPT_H
#define __LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <asm/current.h>

#define PREEMPT_BITS	8
#define SOFTIRQ_BITS	8
#define HARDIRQ_BITS	4
#define NMI_BITS	4

#define PREEMPT_SHIFT	0
#define SOFTIRQ_SHIFT	(PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT	(SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define NMI_SHIFT	(HARDIRQ_SHIFT + HARDIRQ_BITS)

#define __IRQ_MASK(x)	((1UL << (x)) - 1)

#define PREEMPT_MASK	(__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK	(__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK	(__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define NMI_MASK	(__IRQ_MASK(NMI_BITS) << NMI_SHIFT)

#define PREEMPT_OFFSET	(1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET	(1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET	(1UL << HARDIRQ_SHIFT)
#define NMI_OFFSET	(1UL << NMI_SHIFT)

#define SOFTIRQ_DISABLE_OFFSET	(2 * SOFTIRQ_OFFSET)
#define PREEMPT_DISABLED	(PREEMPT_DISABLE_OFFSET + PREEMPT_ENABLED)
#define PREEMPT_ENABLED		0
#define PREEMPT_DISABLE_OFFSET	PREEMPT_OFFSET
#define PREEMPT_LOCK_OFFSET	PREEMPT_DISABLE_OFFSET
#define SOFTIRQ_LOCK_OFFSET	(SOFTIRQ_DISABLE_OFFSET + PREEMPT_LOCK_OFFSET)
#define INIT_PREEMPT_COUNT	PREEMPT_OFFSET
#define FORK_PREEMPT_COUNT	(2 * PREEMPT_DISABLE_OFFSET + PREEMPT_ENABLED)

static __always_inline int preempt_count(void)
{
	return READ_ONCE(pcpu_hot.preempt_count);
}

static __always_inline void __preempt_count_add(int val)
{
	pcpu_hot.preempt_count += val;
}

/* An unbalanced preempt_enable() is reported (CONFIG_DEBUG_PREEMPT) instead of going negative. */
void krt_preempt_count_underflow(int val);

static __always_inline void __preempt_count_sub(int val)
{
	if (unlikely(pcpu_hot.preempt_count < val)) {
		krt_preempt_count_underflow(val);
		return;
	}
	pcpu_hot.preempt_count -= val;
}

#define preempt_count_add(val) __preempt_count_add(val)
#define preempt_count_sub(val) __preempt_count_sub(val)
#define preempt_count_inc() preempt_count_add(1)
#define preempt_count_dec() preempt_count_sub(1)

#define nmi_count()	(preempt_count() & NMI_MASK)
#define hardirq_count()	(preempt_count() & HARDIRQ_MASK)
#define softirq_count()	(preempt_count() & SOFTIRQ_MASK)
#define irq_count()	(preempt_count() & (NMI_MASK | HARDIRQ_MASK | SOFTIRQ_MASK))

#define in_nmi()		(nmi_count())
#define in_hardirq()		(hardirq_count())
#define in_serving_softirq()	(softirq_count() & SOFTIRQ_OFFSET)
#define in_task()		(!(in_nmi() | in_hardirq() | in_serving_softirq()))
#define in_irq()		(hardirq_count())
#define in_softirq()		(softirq_count())
#define in_interrupt()		(irq_count())

#define in_atomic()		(preempt_count() != 0)
#define in_atomic_preempt_off() (preempt_count() != PREEMPT_DISABLE_OFFSET)

#define preempt_disable()						\
	do {								\
		preempt_count_inc();					\
		barrier();						\
	} while (0)

#define sched_preempt_enable_no_resched()				\
	do {								\
		barrier();						\
		preempt_count_dec();					\
	} while (0)

#define preempt_enable_no_resched() sched_preempt_enable_no_resched()
#define preempt_enable()						\
	do {								\
		barrier();						\
		preempt_count_dec();					\
	} while (0)
#define preempt_check_resched() do { } while (0)
#define preempt_disable_notrace() preempt_disable()
#define preempt_enable_notrace() preempt_enable()
#define preempt_enable_no_resched_notrace() preempt_enable_no_resched()
#define preemptible() (preempt_count() == 0 && !pcpu_hot.irqs_off)

#define migrate_disable() preempt_disable()
#define migrate_enable() preempt_enable()


#endif /* __LINUX_PREEMPT_H */
