/* SPDX-License-Identifier: MIT */
/*
 * Sequence counters and sequential locks, with the kernel's API. A writer makes the count odd
 * while it changes the data and even again afterwards; a reader samples the count, reads the
 * data optimistically and retries if the count moved.
 *
 *	do {
 *		seq = read_seqbegin(&lock);
 *		... read the data ...
 *	} while (read_seqretry(&lock, seq));
 *
 * The count is read with acquire and written with release operations, so the reader's retry
 * check is ordered after its data reads. A correct reader still reads the data while a writer
 * may be changing it (that is the point). KCSAN is told so in the kernel; for ThreadSanitizer,
 * krt leaves the plain accesses inside write sections unchecked and unrecorded, so a reader's
 * plain loads never meet a writer's stores. (Write sections are always closed - they hold the
 * writers' lock - while read sections are often left early, which rules out marking those.)
 * Writers outside write sections (the latch and barrier helpers) should use WRITE_ONCE().
 *
 * seqcount_LOCKNAME_t (spinlock, raw_spinlock, rwlock, mutex) name the lock that serialises
 * the writers: write_seqcount_begin() checks with lockdep that it is held. A plain seqcount_t
 * writer must run with preemption disabled (also checked), as in the kernel.
 */
#ifndef __LINUX_SEQLOCK_H
#define __LINUX_SEQLOCK_H

#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/preempt.h>
#include <linux/lockdep.h>
#include <linux/spinlock.h>
#include <linux/mutex.h>
#include <asm/barrier.h>
#include <krt/tsan.h>

#ifdef KRT_TSAN
/*
 * From TSan's runtime: stop/resume checking and recording the calling thread's plain memory
 * accesses (counted, so sections nest; atomics and locks are still tracked).
 */
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);
#define __seqcount_writer_enter() AnnotateIgnoreWritesBegin(__FILE__, __LINE__)
#define __seqcount_writer_leave() AnnotateIgnoreWritesEnd(__FILE__, __LINE__)
#else
#define __seqcount_writer_enter() do { } while (0)
#define __seqcount_writer_leave() do { } while (0)
#endif

#ifndef lockdep_assert_preemption_disabled
#define lockdep_assert_preemption_disabled()				\
	WARN_ON_ONCE(debug_locks && preempt_count() == 0 && !irqs_disabled())
#endif
#ifndef lockdep_assert_preemption_enabled
#define lockdep_assert_preemption_enabled()				\
	WARN_ON_ONCE(debug_locks && (preempt_count() != 0 || irqs_disabled()))
#endif

/* --- seqcount_t ------------------------------------------------------------------------------ */

typedef struct seqcount {
	unsigned int sequence;
} seqcount_t;

static inline void __seqcount_init(seqcount_t *s, const char *name, struct lock_class_key *key)
{
	s->sequence = 0;
}

#define SEQCNT_ZERO(name) { .sequence = 0 }
#define seqcount_init(s) __seqcount_init(s, #s, NULL)

/* Sequence counters associated with the lock that serialises their writers. */
#define __SEQCOUNT_LOCKNAME(lockname, locktype)				\
	typedef struct seqcount_##lockname {				\
		seqcount_t seqcount;					\
		locktype *lock;						\
	} seqcount_##lockname##_t

__SEQCOUNT_LOCKNAME(raw_spinlock, raw_spinlock_t);
__SEQCOUNT_LOCKNAME(spinlock, spinlock_t);
__SEQCOUNT_LOCKNAME(rwlock, rwlock_t);
__SEQCOUNT_LOCKNAME(mutex, struct mutex);

#define SEQCOUNT_LOCKNAME_ZERO(seq_name, assoc_lock)			\
	{ .seqcount = SEQCNT_ZERO(seq_name.seqcount), .lock = (assoc_lock) }

#define SEQCNT_RAW_SPINLOCK_ZERO(name, lock) SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_SPINLOCK_ZERO(name, lock) SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_RWLOCK_ZERO(name, lock) SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_MUTEX_ZERO(name, lock) SEQCOUNT_LOCKNAME_ZERO(name, lock)
#define SEQCNT_WW_MUTEX_ZERO(name, lock) SEQCOUNT_LOCKNAME_ZERO(name, lock)

#define seqcount_LOCKNAME_init(s, _lock, lockname)			\
	do {								\
		seqcount_##lockname##_t *____s = (s);			\
		seqcount_init(&____s->seqcount);			\
		____s->lock = (_lock);					\
	} while (0)

#define seqcount_raw_spinlock_init(s, lock) seqcount_LOCKNAME_init(s, lock, raw_spinlock)
#define seqcount_spinlock_init(s, lock) seqcount_LOCKNAME_init(s, lock, spinlock)
#define seqcount_rwlock_init(s, lock) seqcount_LOCKNAME_init(s, lock, rwlock)
#define seqcount_mutex_init(s, lock) seqcount_LOCKNAME_init(s, lock, mutex)

/*
 * Per-type properties, chosen with _Generic: the seqcount_t inside, whether the writer side
 * must disable preemption itself (it holds a sleeping lock), and the write-side assertion.
 */
static inline seqcount_t *__seqprop_ptr(seqcount_t *s)
{
	return s;
}

static inline bool __seqprop_preemptible(const seqcount_t *s)
{
	return false;
}

static inline void __seqprop_assert(const seqcount_t *s)
{
	lockdep_assert_preemption_disabled();
}

#define __SEQPROP_LOCKNAME(lockname, preemptible)			\
	static inline seqcount_t *__seqprop_##lockname##_ptr(seqcount_##lockname##_t *s) \
	{								\
		return &s->seqcount;					\
	}								\
	static inline bool __seqprop_##lockname##_preemptible(const seqcount_##lockname##_t *s) \
	{								\
		return preemptible;					\
	}								\
	static inline void __seqprop_##lockname##_assert(const seqcount_##lockname##_t *s) \
	{								\
		lockdep_assert_held(s->lock);				\
	}

__SEQPROP_LOCKNAME(raw_spinlock, false)
__SEQPROP_LOCKNAME(spinlock, false)
__SEQPROP_LOCKNAME(rwlock, false)
__SEQPROP_LOCKNAME(mutex, true)

#define __seqprop(s, prop)						\
	_Generic(*(s),							\
		 seqcount_t: __seqprop_##prop((void *)(s)),		\
		 seqcount_raw_spinlock_t: __seqprop_raw_spinlock_##prop((void *)(s)), \
		 seqcount_spinlock_t: __seqprop_spinlock_##prop((void *)(s)), \
		 seqcount_rwlock_t: __seqprop_rwlock_##prop((void *)(s)), \
		 seqcount_mutex_t: __seqprop_mutex_##prop((void *)(s)))

#define seqprop_ptr(s) __seqprop(s, ptr)
#define seqprop_preemptible(s) __seqprop(s, preemptible)
#define seqprop_assert(s) __seqprop(s, assert)

/* --- read side ------------------------------------------------------------------------------- */

static __always_inline unsigned int __do_read_seqcount_begin(const seqcount_t *s)
{
	unsigned int seq;

	/* Wait out a writer in progress (odd count). */
	while ((seq = smp_load_acquire(&s->sequence)) & 1)
		cpu_relax();
	return seq;
}

static __always_inline int __do_read_seqcount_retry(const seqcount_t *s, unsigned int start)
{
	/* Keep the data reads before the second look at the count. */
	smp_rmb();
	return unlikely(READ_ONCE(s->sequence) != start);
}

/* __read_seqcount_begin - begin a read section (the kernel's variant without smp_rmb) */
#define __read_seqcount_begin(s) __do_read_seqcount_begin(seqprop_ptr(s))
/* raw_read_seqcount_begin - begin a read section, without lockdep */
#define raw_read_seqcount_begin(s) __do_read_seqcount_begin(seqprop_ptr(s))
/* read_seqcount_begin - begin a read section; returns the count to pass to the retry */
#define read_seqcount_begin(s) __do_read_seqcount_begin(seqprop_ptr(s))

/* raw_read_seqcount - the count now, possibly odd (no read section is begun) */
#define raw_read_seqcount(s) smp_load_acquire(&seqprop_ptr(s)->sequence)

/* raw_seqcount_begin - begin a read section without waiting: an odd start forces a retry */
#define raw_seqcount_begin(s) (raw_read_seqcount(s) & ~1U)

/* __read_seqcount_retry / read_seqcount_retry - end a read section: must it be retried? */
#define __read_seqcount_retry(s, start) __do_read_seqcount_retry(seqprop_ptr(s), start)
#define read_seqcount_retry(s, start) __do_read_seqcount_retry(seqprop_ptr(s), start)

/* --- write side ------------------------------------------------------------------------------ */

static __always_inline void do_raw_write_seqcount_begin(seqcount_t *s)
{
	/* Writers are serialised, so a plain increment suffices; TSan sees an atomic store. */
	__atomic_store_n(&s->sequence, s->sequence + 1, __ATOMIC_RELAXED);
	/* The odd count is visible before any data store (pairs with the retry's smp_rmb). */
	smp_wmb();
	__seqcount_writer_enter();
}

static __always_inline void do_raw_write_seqcount_end(seqcount_t *s)
{
	__seqcount_writer_leave();
	/* Release: the data stores are visible before the even count (pairs with begin). */
	smp_store_release(&s->sequence, s->sequence + 1);
}

static __always_inline void do_write_seqcount_begin_nested(seqcount_t *s, int subclass)
{
	do_raw_write_seqcount_begin(s);
}

static __always_inline void do_write_seqcount_begin(seqcount_t *s)
{
	do_raw_write_seqcount_begin(s);
}

static __always_inline void do_write_seqcount_end(seqcount_t *s)
{
	do_raw_write_seqcount_end(s);
}

/* raw_write_seqcount_begin/end - open/close a write section, without the lock assertion */
#define raw_write_seqcount_begin(s)					\
	do {								\
		if (seqprop_preemptible(s))				\
			preempt_disable();				\
		do_raw_write_seqcount_begin(seqprop_ptr(s));		\
	} while (0)

#define raw_write_seqcount_end(s)					\
	do {								\
		do_raw_write_seqcount_end(seqprop_ptr(s));		\
		if (seqprop_preemptible(s))				\
			preempt_enable();				\
	} while (0)

/*
 * write_seqcount_begin - open a write section; the associated lock must be held (for a plain
 * seqcount_t: preemption must be disabled)
 */
#define write_seqcount_begin_nested(s, subclass)			\
	do {								\
		seqprop_assert(s);					\
		if (seqprop_preemptible(s))				\
			preempt_disable();				\
		do_write_seqcount_begin_nested(seqprop_ptr(s), subclass); \
	} while (0)

#define write_seqcount_begin(s)						\
	do {								\
		seqprop_assert(s);					\
		if (seqprop_preemptible(s))				\
			preempt_disable();				\
		do_write_seqcount_begin(seqprop_ptr(s));		\
	} while (0)

#define write_seqcount_end(s)						\
	do {								\
		do_write_seqcount_end(seqprop_ptr(s));			\
		if (seqprop_preemptible(s))				\
			preempt_enable();				\
	} while (0)

/* raw_write_seqcount_barrier - make readers in flight retry, without a write section */
#define raw_write_seqcount_barrier(s)					\
	do {								\
		seqcount_t *__s = seqprop_ptr(s);			\
		__atomic_store_n(&__s->sequence, __s->sequence + 1, __ATOMIC_RELAXED); \
		smp_wmb();	/* odd, then even: both steps visible in order */ \
		smp_store_release(&__s->sequence, __s->sequence + 1);	\
	} while (0)

/* write_seqcount_invalidate - make readers that began before now retry */
#define write_seqcount_invalidate(s)					\
	do {								\
		seqcount_t *__s = seqprop_ptr(s);			\
		smp_wmb();	/* earlier stores before the count moves */	\
		smp_store_release(&__s->sequence, __s->sequence + 2);	\
	} while (0)

/* --- latch sequence counters (two copies of the data, readers use the stable one) ------------ */

typedef struct {
	seqcount_t seqcount;
} seqcount_latch_t;

#define SEQCNT_LATCH_ZERO(seq_name) { .seqcount = SEQCNT_ZERO(seq_name.seqcount) }
#define seqcount_latch_init(s) seqcount_init(&(s)->seqcount)

/* raw_read_seqcount_latch - the count; its low bit says which copy the reader should use */
static __always_inline unsigned int raw_read_seqcount_latch(const seqcount_latch_t *s)
{
	return smp_load_acquire(&s->seqcount.sequence);
}

/* read_seqcount_latch_retry - did the writer switch copies while we read? */
static __always_inline int read_seqcount_latch_retry(const seqcount_latch_t *s, unsigned int start)
{
	return __do_read_seqcount_retry(&s->seqcount, start);
}

/* raw_write_seqcount_latch - send readers to the other copy */
static __always_inline void raw_write_seqcount_latch(seqcount_latch_t *s)
{
	/* Stores to the copy readers used so far land before they are sent away... */
	smp_wmb();
	smp_store_release(&s->seqcount.sequence, s->seqcount.sequence + 1);
	/* ...and stores to it from now on land after they have left it. */
	smp_wmb();
}

/* --- seqlock_t: a seqcount with its own spinlock for the writers ----------------------------- */

typedef struct {
	seqcount_spinlock_t seqcount;
	spinlock_t lock;
} seqlock_t;

#define __SEQLOCK_UNLOCKED(lockname)					\
	{								\
		.seqcount = SEQCNT_SPINLOCK_ZERO(lockname, &(lockname).lock), \
		.lock = ___SPIN_LOCK_INITIALIZER(lockname),		\
	}

#define seqlock_init(sl)						\
	do {								\
		spin_lock_init(&(sl)->lock);				\
		seqcount_spinlock_init(&(sl)->seqcount, &(sl)->lock);	\
	} while (0)

#define DEFINE_SEQLOCK(sl) seqlock_t sl = __SEQLOCK_UNLOCKED(sl)

/* read_seqbegin - begin a lockless read section; returns the count for read_seqretry() */
static inline unsigned int read_seqbegin(const seqlock_t *sl)
{
	return __do_read_seqcount_begin(&sl->seqcount.seqcount);
}

/* read_seqretry - end a read section: non-zero if a writer interfered and it must be redone */
static inline unsigned int read_seqretry(const seqlock_t *sl, unsigned int start)
{
	return __do_read_seqcount_retry(&sl->seqcount.seqcount, start);
}

static inline void write_seqlock(seqlock_t *sl)
{
	spin_lock(&sl->lock);
	do_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock(seqlock_t *sl)
{
	do_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock(&sl->lock);
}

static inline void write_seqlock_bh(seqlock_t *sl)
{
	spin_lock_bh(&sl->lock);
	do_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock_bh(seqlock_t *sl)
{
	do_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_bh(&sl->lock);
}

static inline void write_seqlock_irq(seqlock_t *sl)
{
	spin_lock_irq(&sl->lock);
	do_write_seqcount_begin(&sl->seqcount.seqcount);
}

static inline void write_sequnlock_irq(seqlock_t *sl)
{
	do_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_irq(&sl->lock);
}

static inline unsigned long __write_seqlock_irqsave(seqlock_t *sl)
{
	unsigned long flags;

	spin_lock_irqsave(&sl->lock, flags);
	do_write_seqcount_begin(&sl->seqcount.seqcount);
	return flags;
}

#define write_seqlock_irqsave(lock, flags)				\
	do {								\
		flags = __write_seqlock_irqsave(lock);			\
	} while (0)

static inline void write_sequnlock_irqrestore(seqlock_t *sl, unsigned long flags)
{
	do_write_seqcount_end(&sl->seqcount.seqcount);
	spin_unlock_irqrestore(&sl->lock, flags);
}

/* Locking readers: exclude writers (and other locking readers) instead of retrying. */
static inline void read_seqlock_excl(seqlock_t *sl)
{
	spin_lock(&sl->lock);
}

static inline void read_sequnlock_excl(seqlock_t *sl)
{
	spin_unlock(&sl->lock);
}

static inline void read_seqlock_excl_bh(seqlock_t *sl)
{
	spin_lock_bh(&sl->lock);
}

static inline void read_sequnlock_excl_bh(seqlock_t *sl)
{
	spin_unlock_bh(&sl->lock);
}

static inline void read_seqlock_excl_irq(seqlock_t *sl)
{
	spin_lock_irq(&sl->lock);
}

static inline void read_sequnlock_excl_irq(seqlock_t *sl)
{
	spin_unlock_irq(&sl->lock);
}

static inline unsigned long __read_seqlock_excl_irqsave(seqlock_t *sl)
{
	unsigned long flags;

	spin_lock_irqsave(&sl->lock, flags);
	return flags;
}

#define read_seqlock_excl_irqsave(lock, flags)				\
	do {								\
		flags = __read_seqlock_excl_irqsave(lock);		\
	} while (0)

static inline void read_sequnlock_excl_irqrestore(seqlock_t *sl, unsigned long flags)
{
	spin_unlock_irqrestore(&sl->lock, flags);
}

/*
 * read_seqbegin_or_lock - lockless read when *@seq is even, locking read when it is odd
 *
 *	int seq = 0;
 *	again:
 *	read_seqbegin_or_lock(&lock, &seq);
 *	... read ...
 *	if (need_seqretry(&lock, seq)) { seq = 1; goto again; }
 *	done_seqretry(&lock, seq);
 */
static inline void read_seqbegin_or_lock(seqlock_t *lock, int *seq)
{
	if (!(*seq & 1))
		*seq = read_seqbegin(lock);
	else
		read_seqlock_excl(lock);
}

static inline int need_seqretry(seqlock_t *lock, int seq)
{
	return !(seq & 1) && read_seqretry(lock, seq);
}

static inline void done_seqretry(seqlock_t *lock, int seq)
{
	if (seq & 1)
		read_sequnlock_excl(lock);
}

static inline unsigned long read_seqbegin_or_lock_irqsave(seqlock_t *lock, int *seq)
{
	unsigned long flags = 0;

	if (!(*seq & 1))
		*seq = read_seqbegin(lock);
	else
		read_seqlock_excl_irqsave(lock, flags);
	return flags;
}

static inline void done_seqretry_irqrestore(seqlock_t *lock, int seq, unsigned long flags)
{
	if (seq & 1)
		read_sequnlock_excl_irqrestore(lock, flags);
}

#endif /* __LINUX_SEQLOCK_H */
