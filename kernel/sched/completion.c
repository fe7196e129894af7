// SPDX-License-Identifier: MIT
/*
 * Completions on a wait queue: done is changed and tested under the queue's lock (written with
 * WRITE_ONCE, as two helpers peek at it without the lock); waiters queue exclusively at the
 * tail, so complete() wakes exactly one of them in FIFO order.
 */
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/sched.h>

/**
 * complete - signal one waiter (or let the next wait_for_completion() through)
 * @x: the completion
 *
 * Each call lets one waiter through; calls add up (until complete_all()).
 */
void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != UINT_MAX)
		WRITE_ONCE(x->done, x->done + 1);
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/**
 * complete_on_current_cpu - complete() (the CPU the waiter runs on is the host's choice)
 * @x: the completion
 */
void complete_on_current_cpu(struct completion *x)
{
	complete(x);
}

/**
 * complete_all - signal all waiters, present and future, until reinit_completion()
 * @x: the completion
 */
void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	WRITE_ONCE(x->done, UINT_MAX);
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/*
 * Wait (queue lock held, dropped around each sleep) until done, a signal that @state allows,
 * or the end of @timeout. Consumes one completion on success. Returns -ERESTARTSYS, 0 on
 * timeout, or the jiffies left (at least 1).
 */
static long do_wait_for_common(struct completion *x, long timeout, unsigned int state)
{
	if (!x->done) {
		DEFINE_WAIT(wait);

		do {
			if (signal_pending_state(state, current)) {
				timeout = -ERESTARTSYS;
				break;
			}
			if (list_empty(&wait.entry))
				__add_wait_queue_entry_tail_exclusive(&x->wait, &wait);
			__set_current_state(state);
			spin_unlock_irq(&x->wait.lock);
			timeout = schedule_timeout(timeout);
			spin_lock_irq(&x->wait.lock);
		} while (!x->done && timeout);
		if (!list_empty(&wait.entry))
			list_del_init(&wait.entry);
		__set_current_state(TASK_RUNNING);
		if (!x->done)
			return timeout;
	}
	if (x->done != UINT_MAX)
		WRITE_ONCE(x->done, x->done - 1);
	return timeout ?: 1;
}

static long wait_for_common(struct completion *x, long timeout, unsigned int state)
{
	might_sleep();
	spin_lock_irq(&x->wait.lock);
	timeout = do_wait_for_common(x, timeout, state);
	spin_unlock_irq(&x->wait.lock);
	return timeout;
}

/**
 * wait_for_completion - wait (uninterruptibly, without timeout) for a complete()
 * @x: the completion
 */
void wait_for_completion(struct completion *x)
{
	wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

/**
 * wait_for_completion_timeout - wait_for_completion() for at most @timeout jiffies
 * @x: the completion
 * @timeout: jiffies
 *
 * Returns 0 on timeout, otherwise the jiffies left (at least 1).
 */
unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

/**
 * wait_for_completion_io - wait_for_completion() accounted as I/O wait
 * @x: the completion
 */
void wait_for_completion_io(struct completion *x)
{
	wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

/**
 * wait_for_completion_io_timeout - wait_for_completion_timeout() accounted as I/O wait
 * @x: the completion
 * @timeout: jiffies
 *
 * Returns 0 on timeout, otherwise the jiffies left (at least 1).
 */
unsigned long wait_for_completion_io_timeout(struct completion *x, unsigned long timeout)
{
	return wait_for_common(x, timeout, TASK_UNINTERRUPTIBLE);
}

/**
 * wait_for_completion_interruptible - wait for a complete() unless a signal arrives
 * @x: the completion
 *
 * Returns 0 when completed, -ERESTARTSYS if interrupted.
 */
int wait_for_completion_interruptible(struct completion *x)
{
	long t = wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);

	return t == -ERESTARTSYS ? t : 0;
}

/**
 * wait_for_completion_interruptible_timeout - interruptible wait for at most @timeout jiffies
 * @x: the completion
 * @timeout: jiffies
 *
 * Returns -ERESTARTSYS if interrupted, 0 on timeout, otherwise the jiffies left (at least 1).
 */
long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	return wait_for_common(x, timeout, TASK_INTERRUPTIBLE);
}

/**
 * wait_for_completion_killable - wait for a complete() unless a fatal signal arrives
 * @x: the completion
 *
 * Returns 0 when completed, -ERESTARTSYS if SIGKILL interrupted the wait.
 */
int wait_for_completion_killable(struct completion *x)
{
	long t = wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);

	return t == -ERESTARTSYS ? t : 0;
}

/**
 * wait_for_completion_state - wait for a complete() in task @state
 * @x: the completion
 * @state: the task state (interruptible states can be ended by signals)
 *
 * Returns 0 when completed, -ERESTARTSYS if a signal ended the wait.
 */
int wait_for_completion_state(struct completion *x, unsigned int state)
{
	long t = wait_for_common(x, MAX_SCHEDULE_TIMEOUT, state);

	return t == -ERESTARTSYS ? t : 0;
}

/**
 * wait_for_completion_killable_timeout - killable wait for at most @timeout jiffies
 * @x: the completion
 * @timeout: jiffies
 *
 * Returns -ERESTARTSYS if killed, 0 on timeout, otherwise the jiffies left (at least 1).
 */
long wait_for_completion_killable_timeout(struct completion *x, unsigned long timeout)
{
	return wait_for_common(x, timeout, TASK_KILLABLE);
}

/**
 * try_wait_for_completion - consume a completion if one is available, without waiting
 * @x: the completion
 *
 * Returns true if one was consumed (or complete_all() was called), false otherwise.
 */
bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool ret = true;

	/* Only the "available" case needs the lock. */
	if (!READ_ONCE(x->done))
		return false;
	spin_lock_irqsave(&x->wait.lock, flags);
	if (!x->done)
		ret = false;
	else if (x->done != UINT_MAX)
		WRITE_ONCE(x->done, x->done - 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}

/**
 * completion_done - has the completion been completed (with nothing left to wait for)?
 * @x: the completion
 *
 * Returns false while a waiter would still block, true when a wait would return at once.
 */
bool completion_done(struct completion *x)
{
	unsigned long flags;

	if (!READ_ONCE(x->done))
		return false;
	/*
	 * complete() may still be inside its critical section on another CPU: wait until it
	 * leaves, so the caller may free the completion once we return true.
	 */
	spin_lock_irqsave(&x->wait.lock, flags);
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return true;
}
