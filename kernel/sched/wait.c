// SPDX-License-Identifier: MIT
/*
 * Wait queues. Entries are queued and woken under the head's spinlock; a wake function runs
 * for each entry and normally makes its task runnable (wake_up_state(), a futex underneath).
 * Exclusive entries sit at the tail and count against the number of tasks to wake; priority
 * entries sit at the head and see a wake-up first.
 *
 * ThreadSanitizer: an entry's flags are changed by its owner only under the head's lock, and
 * read with READ_ONCE where a waker may set WQ_FLAG_WOKEN concurrently; finish_wait() always
 * takes the lock instead of peeking at the entry's links, which a waker may be rewriting.
 */
#include <linux/kernel.h>
#include <linux/wait.h>
#include <linux/sched.h>
#include <linux/kthread.h>

/**
 * __init_waitqueue_head - initialise a wait queue head (use init_waitqueue_head())
 * @wq_head: the head
 * @name: name of its lock for lockdep reports
 * @key: lock class key (unused)
 */
void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key)
{
	__raw_spin_lock_init(&wq_head->lock.rlock, name, key, LD_WAIT_CONFIG);
	INIT_LIST_HEAD(&wq_head->head);
}

/**
 * add_wait_queue - queue a non-exclusive entry (woken by every wake-up)
 * @wq_head: the head
 * @wq_entry: the entry
 */
void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	__add_wait_queue(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/**
 * add_wait_queue_exclusive - queue an exclusive entry at the tail (wake-one)
 * @wq_head: the head
 * @wq_entry: the entry
 */
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	__add_wait_queue_entry_tail(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/**
 * add_wait_queue_priority - queue an exclusive entry at the head: it sees wake-ups first
 * @wq_head: the head
 * @wq_entry: the entry
 */
void add_wait_queue_priority(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE | WQ_FLAG_PRIORITY;
	__add_wait_queue(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/**
 * remove_wait_queue - take an entry off the queue
 * @wq_head: the head
 * @wq_entry: the entry
 */
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	__remove_wait_queue(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/*
 * Run the wake functions, in queue order, until @nr_exclusive exclusive entries have been
 * woken (0: all). A wake function returning < 0 stops the walk. Returns how many of the
 * exclusive wake-ups were left unused.
 */
static int __wake_up_common(struct wait_queue_head *wq_head, unsigned int mode,
			    int nr_exclusive, int wake_flags, void *key)
{
	struct wait_queue_entry *curr, *next;

	lockdep_assert_held(&wq_head->lock);

	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		unsigned int flags = READ_ONCE(curr->flags);
		int ret = curr->func(curr, mode, wake_flags, key);

		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
	}
	return nr_exclusive;
}

static int __wake_up_common_lock(struct wait_queue_head *wq_head, unsigned int mode,
				 int nr_exclusive, int wake_flags, void *key)
{
	unsigned long flags;
	int remaining;

	spin_lock_irqsave(&wq_head->lock, flags);
	remaining = __wake_up_common(wq_head, mode, nr_exclusive, wake_flags, key);
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return nr_exclusive - remaining;
}

/**
 * __wake_up - wake the tasks waiting on a queue
 * @wq_head: the queue
 * @mode: which task states to wake (TASK_NORMAL, TASK_INTERRUPTIBLE)
 * @nr_exclusive: how many exclusive waiters to wake (0: all); non-exclusive ones all wake
 * @key: passed to the wake functions
 *
 * Returns the number of exclusive waiters woken.
 */
int __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key)
{
	return __wake_up_common_lock(wq_head, mode, nr_exclusive, 0, key);
}

/**
 * __wake_up_on_current_cpu - __wake_up() of one exclusive waiter (CPU placement is the host's)
 * @wq_head: the queue
 * @mode: which task states to wake
 * @key: passed to the wake functions
 */
void __wake_up_on_current_cpu(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common_lock(wq_head, mode, 1, 0, key);
}

/**
 * __wake_up_locked - __wake_up() with the queue's lock already held
 * @wq_head: the queue
 * @mode: which task states to wake
 * @nr: how many exclusive waiters to wake (0: all)
 */
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr)
{
	__wake_up_common(wq_head, mode, nr, 0, NULL);
}

/**
 * __wake_up_locked_key - wake one exclusive waiter (and all others), queue lock held
 * @wq_head: the queue
 * @mode: which task states to wake
 * @key: passed to the wake functions
 */
void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common(wq_head, mode, 1, 0, key);
}

/**
 * __wake_up_sync_key - __wake_up() of one exclusive waiter, by a waker about to sleep
 * @wq_head: the queue
 * @mode: which task states to wake
 * @key: passed to the wake functions
 *
 * The "sync" hint only steers the kernel's scheduler; krt's wake-up is the same.
 */
void __wake_up_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common_lock(wq_head, mode, 1, 0, key);
}

/**
 * __wake_up_locked_sync_key - __wake_up_sync_key() with the queue's lock held
 * @wq_head: the queue
 * @mode: which task states to wake
 * @key: passed to the wake functions
 */
void __wake_up_locked_sync_key(struct wait_queue_head *wq_head, unsigned int mode, void *key)
{
	__wake_up_common(wq_head, mode, 1, 0, key);
}

/**
 * __wake_up_sync - __wake_up_sync_key() without a key
 * @wq_head: the queue
 * @mode: which task states to wake
 */
void __wake_up_sync(struct wait_queue_head *wq_head, unsigned int mode)
{
	__wake_up_sync_key(wq_head, mode, NULL);
}

/**
 * prepare_to_wait - queue a non-exclusive entry (if not queued) and set the task state
 * @wq_head: the queue
 * @wq_entry: the entry (DEFINE_WAIT)
 * @state: the task state to sleep in
 */
void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	if (list_empty(&wq_entry->entry))
		__add_wait_queue(wq_head, wq_entry);
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/**
 * prepare_to_wait_exclusive - prepare_to_wait() for an exclusive entry at the tail
 * @wq_head: the queue
 * @wq_entry: the entry
 * @state: the task state to sleep in
 *
 * Returns true if the entry was queued on an empty queue.
 */
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			       int state)
{
	unsigned long flags;
	bool was_empty = false;

	spin_lock_irqsave(&wq_head->lock, flags);
	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	if (list_empty(&wq_entry->entry)) {
		was_empty = list_empty(&wq_head->head);
		__add_wait_queue_entry_tail(wq_head, wq_entry);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return was_empty;
}

/**
 * init_wait_entry - initialise an autoremoving entry for current
 * @wq_entry: the entry
 * @flags: initial flags (WQ_FLAG_EXCLUSIVE)
 */
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}

/**
 * prepare_to_wait_event - one step of a wait_event() loop
 * @wq_head: the queue
 * @wq_entry: the entry (exclusive entries go to the tail)
 * @state: the task state to sleep in
 *
 * Returns -ERESTARTSYS, with the entry dequeued and the state left alone, if a signal that
 * @state allows to interrupt is pending; otherwise queues the entry, sets @state and returns 0.
 */
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state)
{
	unsigned long flags;
	long ret = 0;

	spin_lock_irqsave(&wq_head->lock, flags);
	if (signal_pending_state(state, current)) {
		/*
		 * Leave the queue under the lock, so a wake-up can no longer pick us; an
		 * exclusive wake-up that already did finds the condition true when the caller
		 * checks it, and succeeds.
		 */
		list_del_init(&wq_entry->entry);
		ret = -ERESTARTSYS;
	} else {
		if (list_empty(&wq_entry->entry)) {
			if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
				__add_wait_queue_entry_tail(wq_head, wq_entry);
			else
				__add_wait_queue(wq_head, wq_entry);
		}
		set_current_state(state);
	}
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return ret;
}

/**
 * do_wait_intr - one interruptible sleep of wait_event_interruptible_locked()
 * @wq: the queue, whose lock the caller holds (dropped around the sleep)
 * @wait: the entry
 *
 * Returns -ERESTARTSYS if a signal is pending, else 0 after sleeping.
 */
int do_wait_intr(wait_queue_head_t *wq, wait_queue_entry_t *wait)
{
	if (likely(list_empty(&wait->entry)))
		__add_wait_queue_entry_tail(wq, wait);
	set_current_state(TASK_INTERRUPTIBLE);
	if (signal_pending(current))
		return -ERESTARTSYS;
	spin_unlock(&wq->lock);
	schedule();
	spin_lock(&wq->lock);
	return 0;
}

/**
 * do_wait_intr_irq - do_wait_intr() for a lock held with spin_lock_irq()
 * @wq: the queue
 * @wait: the entry
 *
 * Returns -ERESTARTSYS if a signal is pending, else 0 after sleeping.
 */
int do_wait_intr_irq(wait_queue_head_t *wq, wait_queue_entry_t *wait)
{
	if (likely(list_empty(&wait->entry)))
		__add_wait_queue_entry_tail(wq, wait);
	set_current_state(TASK_INTERRUPTIBLE);
	if (signal_pending(current))
		return -ERESTARTSYS;
	spin_unlock_irq(&wq->lock);
	schedule();
	spin_lock_irq(&wq->lock);
	return 0;
}

/**
 * finish_wait - end a prepare_to_wait() sleep: running again, entry off the queue
 * @wq_head: the queue
 * @wq_entry: the entry
 */
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	spin_lock_irqsave(&wq_head->lock, flags);
	if (!list_empty(&wq_entry->entry))
		list_del_init(&wq_entry->entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/**
 * default_wake_function - wake the entry's task if it sleeps in one of the @mode states
 * @wq_entry: the entry (private is the task)
 * @mode: task states to wake
 * @wake_flags: scheduler hints (unused)
 * @key: unused
 *
 * Returns 1 if the task was woken.
 */
int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int wake_flags,
			  void *key)
{
	return wake_up_state(wq_entry->private, mode);
}

/**
 * autoremove_wake_function - default_wake_function(), and dequeue the entry if that woke it
 * @wq_entry: the entry
 * @mode: task states to wake
 * @sync: scheduler hint
 * @key: unused
 *
 * Returns 1 if the task was woken.
 */
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			     void *key)
{
	int ret = default_wake_function(wq_entry, mode, sync, key);

	if (ret)
		list_del_init_careful(&wq_entry->entry);
	return ret;
}

/**
 * wait_woken - sleep until woken_wake_function() marks the entry (or @timeout runs out)
 * @wq_entry: an entry queued with woken_wake_function
 * @mode: the task state to sleep in
 * @timeout: jiffies, or MAX_SCHEDULE_TIMEOUT
 *
 * Avoids the lost wake-up of a condition set between the caller's check and this sleep: the
 * wake function leaves WQ_FLAG_WOKEN behind. Returns the jiffies left, as schedule_timeout().
 */
long wait_woken(struct wait_queue_entry *wq_entry, unsigned int mode, long timeout)
{
	/* The state store is ordered before the flag load (pairs with woken_wake_function()). */
	set_current_state(mode);
	if (!(READ_ONCE(wq_entry->flags) & WQ_FLAG_WOKEN) && !kthread_should_stop_or_park())
		timeout = schedule_timeout(timeout);
	__set_current_state(TASK_RUNNING);
	/* Clear the flag before the caller tests its condition again. */
	__atomic_fetch_and(&wq_entry->flags, ~WQ_FLAG_WOKEN, __ATOMIC_SEQ_CST);
	return timeout;
}

/**
 * woken_wake_function - mark the entry woken, then wake its task
 * @wq_entry: the entry
 * @mode: task states to wake
 * @sync: scheduler hint
 * @key: unused
 *
 * Returns 1 if the task was woken.
 */
int woken_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int sync,
			void *key)
{
	/* Order the waker's condition store before the flag (pairs with wait_woken()'s clear). */
	smp_mb();
	__atomic_fetch_or(&wq_entry->flags, WQ_FLAG_WOKEN, __ATOMIC_RELAXED);
	return default_wake_function(wq_entry, mode, sync, key);
}
