// SPDX-License-Identifier: MIT
/*
 * kstrto*(): strict string to integer conversion, and the old lenient simple_strto*().
 *
 * The strict rules (kernel semantics): an optional '+' (and '-' for the signed forms), then at
 * least one digit of the base, then at most one '\n', then the end of the string. No leading
 * spaces. Overflow is -ERANGE and wins over a parse error later in the string; anything else
 * is -EINVAL. The result is written only on success.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/kstrtox.h>
#include <linux/limits.h>
#include <linux/string.h>
#include <linux/types.h>

/* Flag or'ed into the digit count by kstrtox_parse() when the value did not fit. */
#define KSTRTOX_OVERFLOW	(1U << 31)

static inline unsigned int kstrtox_lower(unsigned int c)
{
	return c | 0x20;
}

static inline bool kstrtox_isxdigit(unsigned int c)
{
	return (c >= '0' && c <= '9') || (kstrtox_lower(c) >= 'a' && kstrtox_lower(c) <= 'f');
}

/*
 * Decide the base for @base == 0 ("0x" + hex digit: 16, leading "0": 8, else 10) and skip a
 * "0x" prefix when the base is 16.
 */
static const char *kstrtox_fixup_radix(const char *s, unsigned int *base)
{
	if (*base == 0) {
		if (s[0] == '0') {
			if (kstrtox_lower(s[1]) == 'x' && kstrtox_isxdigit(s[2]))
				*base = 16;
			else
				*base = 8;
		} else {
			*base = 10;
		}
	}
	if (*base == 16 && s[0] == '0' && kstrtox_lower(s[1]) == 'x')
		s += 2;
	return s;
}

/*
 * Accumulate up to @max_chars digits of @base from @s into *@p. Returns the number of digits
 * consumed, with KSTRTOX_OVERFLOW set if the value wrapped (the wrapped value is stored, which
 * is what simple_strtoull() returns).
 */
static unsigned int kstrtox_parse(const char *s, unsigned int base, unsigned long long *p,
				  size_t max_chars)
{
	unsigned long long res = 0;
	unsigned int n = 0, overflow = 0;

	for (; max_chars; max_chars--, s++, n++) {
		unsigned int c = (unsigned char)*s, val;

		if (c >= '0' && c <= '9')
			val = c - '0';
		else if (kstrtox_lower(c) >= 'a' && kstrtox_lower(c) <= 'f')
			val = kstrtox_lower(c) - 'a' + 10;
		else
			break;
		if (val >= base)
			break;
		/* Both steps always run: the wrapped value is what simple_strtoull() returns. */
		if (__builtin_mul_overflow(res, base, &res))
			overflow = KSTRTOX_OVERFLOW;
		if (__builtin_add_overflow(res, val, &res))
			overflow = KSTRTOX_OVERFLOW;
	}
	*p = res;
	return n | overflow;
}

/* kstrtoull() without the '+': also the magnitude parser of kstrtoll(). */
static int kstrtoull_nosign(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long val;
	unsigned int rv;

	s = kstrtox_fixup_radix(s, &base);
	rv = kstrtox_parse(s, base, &val, INT_MAX);
	if (rv & KSTRTOX_OVERFLOW)
		return -ERANGE;
	if (rv == 0)
		return -EINVAL;
	s += rv;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	*res = val;
	return 0;
}

/**
 * kstrtoull - convert a string to an unsigned long long
 * @s: optional '+', digits, optionally one trailing newline
 * @base: 2..16, or 0 to detect it from the prefix ("0x" hex, "0" octal, else decimal);
 *	  base 16 also accepts a "0x" prefix
 * @res: the result, written only on success
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parse error.
 */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	if (s[0] == '+')
		s++;
	return kstrtoull_nosign(s, base, res);
}
EXPORT_SYMBOL(kstrtoull);

/**
 * kstrtoll - convert a string to a long long
 * @s: optional sign ('+' or '-'), digits, optionally one trailing newline
 * @base: 2..16, or 0 to detect it from the prefix
 * @res: the result, written only on success
 *
 * Return: 0 on success, -ERANGE on overflow, -EINVAL on a parse error.
 */
int kstrtoll(const char *s, unsigned int base, long long *res)
{
	unsigned long long mag;
	int rv;

	if (s[0] == '-') {
		rv = kstrtoull_nosign(s + 1, base, &mag);
		if (rv < 0)
			return rv;
		/* -LLONG_MIN is the largest magnitude that fits. */
		if (mag > (unsigned long long)LLONG_MAX + 1)
			return -ERANGE;
		*res = (long long)(0ULL - mag);
	} else {
		rv = kstrtoull(s, base, &mag);
		if (rv < 0)
			return rv;
		if (mag > LLONG_MAX)
			return -ERANGE;
		*res = mag;
	}
	return 0;
}
EXPORT_SYMBOL(kstrtoll);

/* Parse as u64/s64, then check that the value fits the narrower @type. */
#define KSTRTOX_UNSIGNED(name, type)						\
int name(const char *s, unsigned int base, type *res)				\
{										\
	unsigned long long tmp;							\
	int rv = kstrtoull(s, base, &tmp);					\
										\
	if (rv < 0)								\
		return rv;							\
	if (tmp != (type)tmp)							\
		return -ERANGE;							\
	*res = tmp;								\
	return 0;								\
}										\
EXPORT_SYMBOL(name)

#define KSTRTOX_SIGNED(name, type)						\
int name(const char *s, unsigned int base, type *res)				\
{										\
	long long tmp;								\
	int rv = kstrtoll(s, base, &tmp);					\
										\
	if (rv < 0)								\
		return rv;							\
	if (tmp != (type)tmp)							\
		return -ERANGE;							\
	*res = tmp;								\
	return 0;								\
}										\
EXPORT_SYMBOL(name)

/**
 * _kstrtoul - kstrtoul() as a function (the header's inline calls kstrtoull directly)
 * @s: the string
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE or -EINVAL.
 */
KSTRTOX_UNSIGNED(_kstrtoul, unsigned long);
/**
 * _kstrtol - kstrtol() as a function
 * @s: the string
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE or -EINVAL.
 */
KSTRTOX_SIGNED(_kstrtol, long);
/**
 * kstrtouint - convert a string to an unsigned int
 * @s: optional '+', digits, optionally one trailing newline
 * @base: 2..16, or 0 to detect it from the prefix
 * @res: the result, written only on success
 *
 * Return: 0 on success, -ERANGE if the value does not fit, -EINVAL on a parse error.
 */
KSTRTOX_UNSIGNED(kstrtouint, unsigned int);
/**
 * kstrtoint - convert a string to an int
 * @s: optional sign, digits, optionally one trailing newline
 * @base: 2..16, or 0 to detect it from the prefix
 * @res: the result, written only on success
 *
 * Return: 0 on success, -ERANGE if the value does not fit, -EINVAL on a parse error.
 */
KSTRTOX_SIGNED(kstrtoint, int);
/**
 * kstrtou16 - convert a string to a u16
 * @s: the string
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE or -EINVAL.
 */
KSTRTOX_UNSIGNED(kstrtou16, u16);
/**
 * kstrtos16 - convert a string to an s16
 * @s: the string
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE or -EINVAL.
 */
KSTRTOX_SIGNED(kstrtos16, s16);
/**
 * kstrtou8 - convert a string to a u8
 * @s: the string
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE or -EINVAL.
 */
KSTRTOX_UNSIGNED(kstrtou8, u8);
/**
 * kstrtos8 - convert a string to an s8
 * @s: the string
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE or -EINVAL.
 */
KSTRTOX_SIGNED(kstrtos8, s8);

/**
 * kstrtobool - interpret a string as a boolean
 * @s: the string; only the first one or two characters matter
 * @res: the result, written only on success
 *
 * True: 'y', 'Y', 't', 'T', '1', "on" (any case). False: 'n', 'N', 'f', 'F', '0', "off".
 *
 * Return: 0 on success, -EINVAL otherwise (also for a NULL @s).
 */
int kstrtobool(const char *s, bool *res)
{
	if (!s)
		return -EINVAL;

	switch (s[0]) {
	case 'y': case 'Y': case 't': case 'T': case '1':
		*res = true;
		return 0;
	case 'n': case 'N': case 'f': case 'F': case '0':
		*res = false;
		return 0;
	case 'o': case 'O':
		if (kstrtox_lower((unsigned char)s[1]) == 'n') {
			*res = true;
			return 0;
		}
		if (kstrtox_lower((unsigned char)s[1]) == 'f') {
			*res = false;
			return 0;
		}
		return -EINVAL;
	default:
		return -EINVAL;
	}
}
EXPORT_SYMBOL(kstrtobool);

/*
 * krt has no separate user address space: a __user buffer is ordinary memory. A NULL buffer
 * still faults like in the kernel.
 */
static int kstrtox_copy_user(char *buf, size_t size, const char __user *s, size_t count)
{
	count = min(count, size - 1);
	if (count && !s)
		return -EFAULT;
	memcpy(buf, (const void __force *)s, count);
	buf[count] = '\0';
	return 0;
}

/**
 * kstrtobool_from_user - kstrtobool() on a user buffer
 * @s: the buffer (not NUL-terminated)
 * @count: its length; only the first 3 bytes are looked at
 * @res: the result
 *
 * Return: 0, -EINVAL or -EFAULT.
 */
int kstrtobool_from_user(const char __user *s, size_t count, bool *res)
{
	char buf[4];
	int rv = kstrtox_copy_user(buf, sizeof(buf), s, count);

	return rv ? rv : kstrtobool(buf, res);
}
EXPORT_SYMBOL(kstrtobool_from_user);

/*
 * The buffer holds the longest meaningful text: a sign, one digit per bit (base 2), a newline
 * and the terminator. Longer input is cut, as in the kernel.
 */
#define KSTRTOX_FROM_USER(name, conv, type)					\
int name(const char __user *s, size_t count, unsigned int base, type *res)	\
{										\
	char buf[1 + sizeof(type) * 8 + 1 + 1];					\
	int rv = kstrtox_copy_user(buf, sizeof(buf), s, count);			\
										\
	return rv ? rv : conv(buf, base, res);					\
}										\
EXPORT_SYMBOL(name)

/**
 * kstrtoull_from_user - kstrtoull() on a user buffer of @count bytes
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtoull_from_user, kstrtoull, unsigned long long);
/**
 * kstrtoll_from_user - kstrtoll() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtoll_from_user, kstrtoll, long long);
/**
 * kstrtoul_from_user - kstrtoul() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtoul_from_user, kstrtoul, unsigned long);
/**
 * kstrtol_from_user - kstrtol() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtol_from_user, kstrtol, long);
/**
 * kstrtouint_from_user - kstrtouint() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtouint_from_user, kstrtouint, unsigned int);
/**
 * kstrtoint_from_user - kstrtoint() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtoint_from_user, kstrtoint, int);
/**
 * kstrtou16_from_user - kstrtou16() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtou16_from_user, kstrtou16, u16);
/**
 * kstrtos16_from_user - kstrtos16() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtos16_from_user, kstrtos16, s16);
/**
 * kstrtou8_from_user - kstrtou8() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtou8_from_user, kstrtou8, u8);
/**
 * kstrtos8_from_user - kstrtos8() on a user buffer
 * @s: the buffer
 * @count: its length
 * @base: the base, or 0
 * @res: the result
 *
 * Return: 0, -ERANGE, -EINVAL or -EFAULT.
 */
KSTRTOX_FROM_USER(kstrtos8_from_user, kstrtos8, s8);

/*
 * The lenient parser behind simple_strto*(): base detection as above, then as many digits as
 * there are (up to @max_chars in all), no overflow check; *@endp gets the first unused char.
 */
static unsigned long long simple_strntoull(const char *startp, char **endp, unsigned int base,
					   size_t max_chars)
{
	unsigned long long result = 0;
	const char *cp = kstrtox_fixup_radix(startp, &base);
	size_t prefix = cp - startp;

	if (prefix < max_chars)
		cp += kstrtox_parse(cp, base, &result, max_chars - prefix) & ~KSTRTOX_OVERFLOW;
	else
		cp = startp + max_chars;
	if (endp)
		*endp = (char *)cp;
	return result;
}

/**
 * simple_strtoull - convert the leading digits of a string to an unsigned long long
 * @cp: the string
 * @endp: if not NULL, set to the first character not converted
 * @base: the base, or 0 to detect it from the prefix
 *
 * Obsolete: no overflow detection, no sign, no error for an empty number. Use kstrtoull().
 *
 * Return: the value.
 */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	return simple_strntoull(cp, endp, base, INT_MAX);
}
EXPORT_SYMBOL(simple_strtoull);

/**
 * simple_strtoul - convert the leading digits of a string to an unsigned long
 * @cp: the string
 * @endp: if not NULL, set to the first character not converted
 * @base: the base, or 0
 *
 * Return: the value. Use kstrtoul() instead.
 */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return simple_strtoull(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtoul);

/**
 * simple_strtol - convert the leading digits of a string, with an optional '-', to a long
 * @cp: the string
 * @endp: if not NULL, set to the first character not converted
 * @base: the base, or 0
 *
 * Return: the value. Use kstrtol() instead.
 */
long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -simple_strtoul(cp + 1, endp, base);
	return simple_strtoul(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtol);

/**
 * simple_strtoll - convert the leading digits of a string, with an optional '-', to a long long
 * @cp: the string
 * @endp: if not NULL, set to the first character not converted
 * @base: the base, or 0
 *
 * Return: the value. Use kstrtoll() instead.
 */
long long simple_strtoll(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -simple_strtoull(cp + 1, endp, base);
	return simple_strtoull(cp, endp, base);
}
EXPORT_SYMBOL(simple_strtoll);
