/* SPDX-License-Identifier: MIT */
#ifndef TYPECHECK_H_INCLUDED
#define TYPECHECK_H_INCLUDED

/* Check at compile time that @x has type @type; evaluates to 1. */
#define typecheck(type, x)						\
	({								\
		type __dummy;						\
		typeof(x) __dummy2;					\
		(void)(&__dummy == &__dummy2);				\
		1;							\
	})

#define typecheck_fn(type, function)					\
	({								\
		typeof(type) __tmp = function;				\
		(void)__tmp;						\
	})

#define typecheck_pointer(x)						\
	({								\
		typeof(x) __dummy;					\
		(void)sizeof(*__dummy);					\
		1;							\
	})

#endif /* TYPECHECK_H_INCLUDED */
