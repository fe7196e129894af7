// SPDX-License-Identifier: MIT
/* Command-line value parsing: sizes with suffixes, integer options and lists, words. */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/ctype.h>

/**
 * memparse - parse a size like "64M", "1G", "4096" or "0x1000"
 * @ptr: the text
 * @retptr: if not NULL, set to the first character after the size
 *
 * Suffixes K, M, G, T, P, E (either case) multiply by powers of 1024.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *endptr;
	unsigned long long ret = simple_strtoull(ptr, &endptr, 0);

	switch (*endptr) {
	case 'E':
	case 'e':
		ret <<= 10;
		fallthrough;
	case 'P':
	case 'p':
		ret <<= 10;
		fallthrough;
	case 'T':
	case 't':
		ret <<= 10;
		fallthrough;
	case 'G':
	case 'g':
		ret <<= 10;
		fallthrough;
	case 'M':
	case 'm':
		ret <<= 10;
		fallthrough;
	case 'K':
	case 'k':
		ret <<= 10;
		endptr++;
		fallthrough;
	default:
		break;
	}
	if (retptr)
		*retptr = endptr;
	return ret;
}

/**
 * get_option - parse an integer from an option string
 * @str: option string, advanced past the integer and a following comma
 * @pint: where to store the integer
 *
 * Returns 0 if there was no integer, 1 if it ended the string, 2 if a comma followed, 3 if a
 * hyphen (a range) followed.
 */
int get_option(char **str, int *pint)
{
	char *cur = *str;
	int value;

	if (!cur || !(*cur))
		return 0;
	if (*cur == '-')
		value = -simple_strtoull(++cur, str, 0);
	else
		value = simple_strtoull(cur, str, 0);
	if (pint)
		*pint = value;
	if (cur == *str)
		return 0;
	if (**str == ',') {
		(*str)++;
		return 2;
	}
	if (**str == '-')
		return 3;
	return 1;
}

/**
 * get_options - parse a comma-separated list of integers and ranges ("1,3-5")
 * @str: the list
 * @nints: size of @ints
 * @ints: ints[0] receives the count, the values follow
 *
 * With @nints == 0 only counts (ints[0]). Returns the text after the list.
 */
char *get_options(const char *str, int nints, int *ints)
{
	bool count_only = (nints == 0);
	char *s = (char *)str;
	int i = 1;

	while (count_only || i < nints) {
		int a, b, res = get_option(&s, &a);

		if (res == 0)
			break;
		if (res == 3) {
			int res2, n;

			s++;	/* the '-' */
			res2 = get_option(&s, &b);
			if (res2 == 0 || b < a)
				break;
			for (n = a; n <= b && (count_only || i < nints); n++, i++)
				if (!count_only)
					ints[i] = n;
			if (res2 != 2)
				break;
			continue;
		}
		if (!count_only)
			ints[i] = a;
		i++;
		if (res == 1)
			break;
	}
	ints[0] = i - 1;
	return s;
}

/**
 * parse_option_str - is @option one of the comma-separated words of @str?
 * @str: "a,b,c"
 * @option: the word
 */
bool parse_option_str(const char *str, const char *option)
{
	while (*str) {
		if (!strncmp(str, option, strlen(option))) {
			str += strlen(option);
			if (!*str || *str == ',')
				return true;
		}
		while (*str && *str != ',')
			str++;
		if (*str == ',')
			str++;
	}
	return false;
}

/**
 * next_arg - split off the next "param[=value]" of @args
 * @args: the rest of the command line
 * @param: set to the parameter name
 * @val: set to the value, or NULL when there is no '='
 *
 * Double quotes around the value (or the whole word) are honoured and removed; the strings are
 * NUL-terminated in place. Returns the text after the parameter.
 */
char *next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	int in_quote = 0, quoted = 0;

	if (*args == '"') {
		args++;
		in_quote = 1;
		quoted = 1;
	}
	for (i = 0; args[i]; i++) {
		if (isspace(args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	if (args[i]) {
		args[i] = '\0';
		args += i + 1;
	} else {
		args += i;
	}
	return skip_spaces(args);
}
