/* SPDX-License-Identifier: MIT */
/*
 * Character classes with the kernel's table (ASCII plus Latin-1 letters, punctuation and the
 * no-break space). Unlike libc these do not handle EOF.
 *
 * libc's <ctype.h> is read first and its macros replaced, so a file may include both in any
 * order: libc's declarations never see the kernel macros.
 */
#ifndef _LINUX_CTYPE_H
#define _LINUX_CTYPE_H

#include <ctype.h>
#include <linux/compiler.h>

#define _U	0x01	/* upper case letter */
#define _L	0x02	/* lower case letter */
#define _D	0x04	/* digit */
#define _C	0x08	/* control character */
#define _P	0x10	/* punctuation */
#define _S	0x20	/* white space (space, \t, \n, \v, \f, \r, no-break space) */
#define _X	0x40	/* hex digit letter */
#define _SP	0x80	/* the plain space 0x20 */

extern const unsigned char _ctype[];

#define __ismask(x) (_ctype[(int)(unsigned char)(x)])

#undef isalnum
#undef isalpha
#undef iscntrl
#undef isdigit
#undef isgraph
#undef islower
#undef isprint
#undef ispunct
#undef isspace
#undef isupper
#undef isxdigit
#undef isascii
#undef toascii
#undef tolower
#undef toupper
#undef _tolower
#undef _toupper

#define isalnum(c)	((__ismask(c) & (_U | _L | _D)) != 0)
#define isalpha(c)	((__ismask(c) & (_U | _L)) != 0)
#define iscntrl(c)	((__ismask(c) & (_C)) != 0)
#define isgraph(c)	((__ismask(c) & (_P | _U | _L | _D)) != 0)
#define islower(c)	((__ismask(c) & (_L)) != 0)
#define isprint(c)	((__ismask(c) & (_P | _U | _L | _D | _SP)) != 0)
#define ispunct(c)	((__ismask(c) & (_P)) != 0)
/* isspace() is false for the NUL terminator. */
#define isspace(c)	((__ismask(c) & (_S)) != 0)
#define isupper(c)	((__ismask(c) & (_U)) != 0)
#define isxdigit(c)	((__ismask(c) & (_D | _X)) != 0)
#define isdigit(c)	__krt_isdigit(c)

#define isascii(c)	(((unsigned char)(c)) <= 0x7f)
#define toascii(c)	(((unsigned char)(c)) & 0x7f)

static inline int __krt_isdigit(int c)
{
	return '0' <= c && c <= '9';
}

/* __tolower - the lower case of an upper case letter (Latin-1 too), other characters as is. */
static inline unsigned char __tolower(unsigned char c)
{
	if (isupper(c))
		c -= 'A' - 'a';
	return c;
}

/* __toupper - the upper case of a lower case letter, other characters as is. */
static inline unsigned char __toupper(unsigned char c)
{
	if (islower(c))
		c -= 'a' - 'A';
	return c;
}

#define tolower(c) __tolower(c)
#define toupper(c) __toupper(c)

/*
 * _tolower - fast lower case for a character known to be a letter (digits are unchanged).
 * A macro because libc declares a function of that name.
 */
static inline char __krt_fast_tolower(const char c)
{
	return c | 0x20;
}
#define _tolower(c) __krt_fast_tolower(c)

/* isodigit - is @c an octal digit? */
static inline int isodigit(const char c)
{
	return c >= '0' && c <= '7';
}

#endif /* _LINUX_CTYPE_H */
