/* SPDX-License-Identifier: MIT */
/*
 * Scope-based resource management (kernel 6.12 API), built on the compiler's cleanup
 * attribute: a variable's destructor runs when it goes out of scope, on every exit path.
 * The generated helpers are __maybe_unused so that a class defined in a .c file and used
 * only partly (e.g. a guard never used in scoped_guard()) builds warning-free with clang.
 *
 *	DEFINE_FREE(kfree, void *, if (_T) kfree(_T))
 *	struct obj *p __free(kfree) = kmalloc(...);	// freed at end of scope
 *	return_ptr(p);					// unless handed out
 *
 *	DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))
 *	guard(mutex)(&lock);				// held until end of scope
 *	scoped_guard(mutex, &lock) { ... }		// held for the block
 */
#ifndef _LINUX_CLEANUP_H
#define _LINUX_CLEANUP_H

#include <linux/compiler.h>

/*
 * DEFINE_FREE - declare a cleanup named @_name for variables of type @_type; @_free is a
 * statement that releases _T (the variable's value). It must handle the "nothing to free"
 * value (NULL, error pointers) itself.
 */
#define DEFINE_FREE(_name, _type, _free) \
	static inline __maybe_unused void __free_##_name(void *p) { _type _T = *(_type *)p; _free; }

/* __free - attribute making a variable run the cleanup @_name when it goes out of scope. */
#define __free(_name)	__cleanup(__free_##_name)

/* Read @p and store @nullvalue in it, so that its cleanup sees nothing to release. */
#define __get_and_null(p, nullvalue) ({						\
	__auto_type __ptr = &(p);						\
	__auto_type __val = *__ptr;						\
	*__ptr = nullvalue;							\
	__val;									\
})

/* Makes ignoring the value of no_free_ptr() a warning: that would leak it. */
static inline __must_check const volatile void *__must_check_fn(const volatile void *val)
{
	return val;
}

/* no_free_ptr - take the value of a __free() pointer away from its cleanup. */
#define no_free_ptr(p) \
	((typeof(p)) __must_check_fn(__get_and_null(p, NULL)))

/* return_ptr - return a __free() pointer to the caller without freeing it. */
#define return_ptr(p)	return no_free_ptr(p)

/* retain_and_null_ptr - the object now belongs elsewhere (e.g. was stored); do not free it. */
#define retain_and_null_ptr(p)	((void)__get_and_null(p, NULL))

/*
 * DEFINE_CLASS - a type class_@_name_t with a constructor (from @_init_args, value @_init)
 * and a destructor statement @_exit over _T, for use with CLASS().
 */
#define DEFINE_CLASS(_name, _type, _exit, _init, _init_args...)			\
typedef _type class_##_name##_t;						\
static inline __maybe_unused void class_##_name##_destructor(_type *p)				\
{ _type _T = *p; _exit; }							\
static inline __maybe_unused _type class_##_name##_constructor(_init_args)			\
{ _type t = _init; return t; }

/* EXTEND_CLASS - a variant @_name@ext of a class with another constructor. */
#define EXTEND_CLASS(_name, ext, _init, _init_args...)				\
typedef class_##_name##_t class_##_name##ext##_t;				\
static inline __maybe_unused void class_##_name##ext##_destructor(class_##_name##_t *p)	\
{ class_##_name##_destructor(p); }						\
static inline __maybe_unused class_##_name##_t class_##_name##ext##_constructor(_init_args)	\
{ class_##_name##_t t = _init; return t; }

/*
 * CLASS - declare @var of class @_name; the constructor arguments follow in parentheses.
 * (__maybe_unused: a guard variable is never read, and older clang warns about that.)
 */
#define CLASS(_name, var)							\
	class_##_name##_t var __cleanup(class_##_name##_destructor) __maybe_unused =	\
		class_##_name##_constructor

/*
 * The scoped forms are a for loop whose body runs once: its "next" step jumps to a label in
 * a dead if branch holding the break, which leaves the loop (and ends the variable's scope)
 * also when the body itself uses break or continue correctly as in a plain block.
 */
#define __scoped_class(_name, var, _label, args...)				\
	for (CLASS(_name, var)(args); ; ({ goto _label; }))			\
		if (0) {							\
_label:										\
			break;							\
		} else

/* scoped_class - @var of class @_name lives for the following statement only. */
#define scoped_class(_name, var, args...) \
	__scoped_class(_name, var, __UNIQUE_ID(label), args)

/* Whether a guard class may fail to take its lock (the _try/_intr variants). */
#define __DEFINE_CLASS_IS_CONDITIONAL(_name, _is_cond) \
static __maybe_unused const bool class_##_name##_is_conditional = _is_cond

/*
 * DEFINE_GUARD - a guard class over a lock pointer of type @_type: @_lock and @_unlock are
 * statements over _T.
 */
#define DEFINE_GUARD(_name, _type, _lock, _unlock)				\
	__DEFINE_CLASS_IS_CONDITIONAL(_name, false);				\
	DEFINE_CLASS(_name, _type, if (_T) { _unlock; }, ({ _lock; _T; }), _type _T);	\
	static inline __maybe_unused void *class_##_name##_lock_ptr(class_##_name##_t *_T)	\
	{ return (void *)(__force unsigned long)*_T; }

/*
 * DEFINE_GUARD_COND - a conditional variant @_name@_ext whose @_condlock (an expression,
 * true on success) may fail; the guard then holds nothing.
 */
#define DEFINE_GUARD_COND(_name, _ext, _condlock)				\
	__DEFINE_CLASS_IS_CONDITIONAL(_name##_ext, true);			\
	EXTEND_CLASS(_name, _ext,						\
		     ({ void *_t = _T; if (_T && !(_condlock)) _t = NULL; _t; }),	\
		     class_##_name##_t _T)					\
	static inline __maybe_unused void *class_##_name##_ext##_lock_ptr(class_##_name##_t *_T) \
	{ return class_##_name##_lock_ptr(_T); }

/* guard - take the lock now, release it at the end of the scope. */
#define guard(_name) \
	CLASS(_name, __UNIQUE_ID(guard))

#define __guard_ptr(_name) class_##_name##_lock_ptr
#define __is_cond_ptr(_name) class_##_name##_is_conditional

/*
 * scoped_guard - hold the lock for the following statement. For a conditional guard the
 * statement is skipped when the lock was not taken.
 */
#define __scoped_guard(_name, _label, args...)					\
	for (CLASS(_name, scope)(args);						\
	     __guard_ptr(_name)(&scope) || !__is_cond_ptr(_name);		\
	     ({ goto _label; }))						\
		if (0) {							\
_label:										\
			break;							\
		} else

#define scoped_guard(_name, args...) \
	__scoped_guard(_name, __UNIQUE_ID(label), args)

/*
 * scoped_cond_guard - like scoped_guard() for a conditional guard, running the statement
 * @_fail (e.g. "return -EINTR") when the lock could not be taken.
 */
#define __scoped_cond_guard(_name, _fail, _label, args...)			\
	for (CLASS(_name, scope)(args); true; ({ goto _label; }))		\
		if (!__guard_ptr(_name)(&scope)) {				\
			BUILD_BUG_ON(!__is_cond_ptr(_name));			\
			_fail;							\
_label:										\
			break;							\
		} else

#define scoped_cond_guard(_name, _fail, args...) \
	__scoped_cond_guard(_name, _fail, __UNIQUE_ID(label), args)

/*
 * Lock guards whose class is a struct holding the lock pointer (plus optional members given
 * as extra arguments, e.g. saved irq flags): DEFINE_LOCK_GUARD_1 for locks taken through a
 * pointer, DEFINE_LOCK_GUARD_0 for global "locks" such as rcu_read_lock() (the pointer is
 * then just a non-NULL marker).
 */
#define __DEFINE_UNLOCK_GUARD(_name, _type, _unlock, ...)			\
typedef struct {								\
	_type *lock;								\
	__VA_ARGS__;								\
} class_##_name##_t;								\
										\
static inline __maybe_unused void class_##_name##_destructor(class_##_name##_t *_T)		\
{										\
	if (_T->lock) {								\
		_unlock;							\
	}									\
}										\
										\
static inline __maybe_unused void *class_##_name##_lock_ptr(class_##_name##_t *_T)		\
{										\
	return (void *)(__force unsigned long)_T->lock;				\
}

#define __DEFINE_LOCK_GUARD_1(_name, _type, _lock)				\
static inline __maybe_unused class_##_name##_t class_##_name##_constructor(_type *l)		\
{										\
	class_##_name##_t _t = { .lock = l }, *_T = &_t;			\
	_lock;									\
	return _t;								\
}

#define __DEFINE_LOCK_GUARD_0(_name, _lock)					\
static inline __maybe_unused class_##_name##_t class_##_name##_constructor(void)		\
{										\
	class_##_name##_t _t = { .lock = (void *)1 },				\
			  *_T __maybe_unused = &_t;				\
	_lock;									\
	return _t;								\
}

#define DEFINE_LOCK_GUARD_1(_name, _type, _lock, _unlock, ...)			\
__DEFINE_CLASS_IS_CONDITIONAL(_name, false);					\
__DEFINE_UNLOCK_GUARD(_name, _type, _unlock, __VA_ARGS__)			\
__DEFINE_LOCK_GUARD_1(_name, _type, _lock)

#define DEFINE_LOCK_GUARD_0(_name, _lock, _unlock, ...)				\
__DEFINE_CLASS_IS_CONDITIONAL(_name, false);					\
__DEFINE_UNLOCK_GUARD(_name, void, _unlock, __VA_ARGS__)			\
__DEFINE_LOCK_GUARD_0(_name, _lock)

/* DEFINE_LOCK_GUARD_1_COND - a conditional variant of a DEFINE_LOCK_GUARD_1 class. */
#define DEFINE_LOCK_GUARD_1_COND(_name, _ext, _condlock)			\
	__DEFINE_CLASS_IS_CONDITIONAL(_name##_ext, true);			\
	EXTEND_CLASS(_name, _ext,						\
		     ({ class_##_name##_t _t = { .lock = l }, *_T = &_t;	\
			if (_T->lock && !(_condlock))				\
				_T->lock = NULL;				\
			_t; }),							\
		     typeof(((class_##_name##_t *)0)->lock) l)			\
	static inline __maybe_unused void *class_##_name##_ext##_lock_ptr(class_##_name##_t *_T) \
	{ return class_##_name##_lock_ptr(_T); }

#endif /* _LINUX_CLEANUP_H */
