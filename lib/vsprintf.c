// SPDX-License-Identifier: MIT
/*
 * The kernel's printf family: C99 conversions with the kernel's deviations (a zero printed with
 * precision 0 is still "0", %#x of 0 is "0x0", "%.s" means no precision, %n is refused and ends
 * the output) and the %p extensions (Documentation/core-api/printk-formats.rst):
 *
 *   %p %pK     hashed: the low 32 bits of a keyed SipHash of the address, as 16 hex digits,
 *              raw with the no_hash_pointers boot parameter
 *   %px        the address itself
 *   %pS %ps %pSR %pB %pBb %pSb
 *              symbol+0xoffset/0xsize (%ps: symbol only; %pB: return address, looked up at
 *              address - 1); shared objects are named like modules (" [libc.so.6]"). The "b"
 *              forms, which the kernel gives a module build ID, add the source " file:line".
 *   %pe        error pointer as its name ("-ENOMEM"), or as a number
 *   %ph[CDN]   small buffers as hex, length in the field width (1..64)
 *   %pM %pMR %pMF %pm %pmR     MAC addresses
 *   %pI4 %pi4 %pI6 %pi6 %pI6c %pIS[pfsc]    IP addresses
 *   %pa[pd]    phys_addr_t / dma_addr_t by reference
 *   %pU[bBlL]  UUIDs
 *   %pV        struct va_format
 *   %p4cc      FourCC codes
 *   %pNF       netdev_features_t
 *   %pb %pbl   bitmaps, number of bits in the field width
 *   %pG?       flag words through the table-driven decoders below
 *   %pks %pus  strings
 *
 * Anything else after %p prints the hashed pointer, as the kernel does for letters it does not
 * know. NULL and bad pointers given to an extension print "(null)" and "(efault)".
 *
 * This code runs inside printk, so it takes no locks, allocates nothing and is reentrant.
 */
#include <linux/kernel.h>
#include <linux/mmdebug.h>
#include <linux/page-flags.h>
#include <linux/sprintf.h>
#include <linux/errname.h>
#include <linux/hex.h>
#include <linux/init.h>
#include <linux/atomic.h>
#include <linux/hardirq.h>
#include <linux/ctype.h>
#include <linux/string.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <string.h>

#include "arch/host/host.h"

#define KRT_AF_INET	2
#define KRT_AF_INET6	10
#define KRT_PAGE_SIZE	4096UL

/* Network to host byte order (x86 is little-endian). */
static inline u16 net_to_host16(__be16 v)
{
	return __builtin_bswap16((__force u16)v);
}

static inline u32 net_to_host32(__be32 v)
{
	return __builtin_bswap32((__force u32)v);
}

/* printf_spec.flags */
#define SIGN	0x01	/* signed conversion */
#define LEFT	0x02	/* '-': left-justify */
#define PLUS	0x04	/* '+': always a sign */
#define SPACE	0x08	/* ' ': space for a plus sign */
#define ZEROPAD	0x10	/* '0': pad with zeros */
#define SMALL	0x20	/* lower-case hex digits (and "0x") */
#define SPECIAL	0x40	/* '#': "0x" / "0" prefix */

#define FIELD_WIDTH_MAX ((1 << 23) - 1)
#define PRECISION_MAX ((1 << 15) - 1)

struct printf_spec {
	int field_width;	/* -1: none */
	int precision;		/* -1: none */
	unsigned char flags;
	unsigned char base;
};

/* The output: characters beyond @size are counted but not stored. */
struct pbuf {
	char *buf;
	size_t size;
	size_t len;
};

static inline void pb_putc(struct pbuf *o, char c)
{
	if (o->len < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pb_fill(struct pbuf *o, char c, int n)
{
	while (n-- > 0)
		pb_putc(o, c);
}

static void pb_write(struct pbuf *o, const char *s, size_t n)
{
	if (o->len < o->size) {
		size_t room = o->size - o->len;

		memcpy(o->buf + o->len, s, n < room ? n : room);
	}
	o->len += n;
}

static const struct printf_spec default_str_spec = { .field_width = -1, .precision = -1 };
static const struct printf_spec default_dec_spec = {
	.field_width = -1, .precision = -1, .base = 10,
};
static const struct printf_spec default_flag_spec = {
	.field_width = -1, .precision = -1, .base = 16, .flags = SPECIAL | SMALL,
};

/* Write the digits of @num in @base backwards into @tmp; returns how many. */
static int digits_reversed(char *tmp, unsigned long long num, unsigned int base, char locase)
{
	int i = 0;

	if (base == 10) {
		do {
			tmp[i++] = (char)('0' + num % 10);
			num /= 10;
		} while (num);
	} else {
		unsigned int shift = base == 16 ? 4 : 3;

		do {
			tmp[i++] = hex_asc_upper[num & (base - 1)] | locase;
			num >>= shift;
		} while (num);
	}
	return i;
}

/* An integer with the kernel's padding rules (see the header comment). */
static void number(struct pbuf *o, unsigned long long num, struct printf_spec spec)
{
	char tmp[3 * sizeof(num)];
	char locase = (spec.flags & SMALL) ? 0x20 : 0;
	bool prefix = (spec.flags & SPECIAL) && spec.base != 10;
	bool is_zero = num == 0;
	int width = spec.field_width;
	int precision = spec.precision;
	char sign = 0;
	int ndigits;

	if (spec.flags & LEFT)
		spec.flags &= ~ZEROPAD;
	if (spec.flags & SIGN) {
		if ((long long)num < 0) {
			sign = '-';
			num = -num;
		} else if (spec.flags & PLUS) {
			sign = '+';
		} else if (spec.flags & SPACE) {
			sign = ' ';
		}
		if (sign)
			width--;
	}
	if (prefix) {
		if (spec.base == 16)
			width -= 2;
		else if (!is_zero)
			width--;
	}

	ndigits = digits_reversed(tmp, num, spec.base, locase);
	if (precision < ndigits)
		precision = ndigits;
	width -= precision;

	if (!(spec.flags & (ZEROPAD | LEFT))) {
		pb_fill(o, ' ', width);
		width = 0;
	}
	if (sign)
		pb_putc(o, sign);
	if (prefix) {
		if (spec.base == 16 || !is_zero)
			pb_putc(o, '0');
		if (spec.base == 16)
			pb_putc(o, 'X' | locase);
	}
	if (!(spec.flags & LEFT)) {
		pb_fill(o, (spec.flags & ZEROPAD) ? '0' : ' ', width);
		width = 0;
	}
	pb_fill(o, '0', precision - ndigits);
	while (ndigits)
		pb_putc(o, tmp[--ndigits]);
	if (spec.flags & LEFT)
		pb_fill(o, ' ', width);
}

/* "0x" and exactly 2 * @size hex digits. */
static void special_hex_number(struct pbuf *o, unsigned long long num, int size)
{
	struct printf_spec spec = {
		.field_width = 2 + 2 * size,
		.precision = -1,
		.flags = SPECIAL | SMALL | ZEROPAD,
		.base = 16,
	};

	number(o, num, spec);
}

/* @n characters of @s, padded to the field width. */
static void string_len(struct pbuf *o, const char *s, size_t n, struct printf_spec spec)
{
	int pad = spec.field_width > 0 && (size_t)spec.field_width > n ?
		  spec.field_width - (int)n : 0;

	if (!(spec.flags & LEFT))
		pb_fill(o, ' ', pad);
	pb_write(o, s, n);
	if (spec.flags & LEFT)
		pb_fill(o, ' ', pad);
}

/* A string known to be valid, cut at the precision. */
static void string_nocheck(struct pbuf *o, const char *s, struct printf_spec spec)
{
	size_t n = spec.precision < 0 ? strlen(s) : strnlen(s, spec.precision);

	string_len(o, s, n, spec);
}

/* Messages in place of a value are kept short unless a precision says otherwise. */
static void error_string(struct pbuf *o, const char *s, struct printf_spec spec)
{
	if (spec.precision == -1)
		spec.precision = 2 * sizeof(void *);
	string_nocheck(o, s, spec);
}

/*
 * Pointers that can't be dereferenced: NULL, the first page and error pointers. This must not
 * touch the memory: it is what keeps a bad argument from crashing printk.
 */
static bool check_pointer(struct pbuf *o, const void *ptr, struct printf_spec spec)
{
	if (!ptr) {
		error_string(o, "(null)", spec);
		return false;
	}
	if ((unsigned long)ptr < KRT_PAGE_SIZE || IS_ERR_VALUE(ptr)) {
		error_string(o, "(efault)", spec);
		return false;
	}
	return true;
}

static void string(struct pbuf *o, const char *s, struct printf_spec spec)
{
	if (check_pointer(o, s, spec))
		string_nocheck(o, s, spec);
}

/* The raw address, as 16 zero-padded hex digits unless a width is given. */
static void pointer_string(struct pbuf *o, const void *ptr, struct printf_spec spec)
{
	spec.base = 16;
	spec.flags |= SMALL;
	if (spec.field_width == -1) {
		spec.field_width = 2 * sizeof(ptr);
		spec.flags |= ZEROPAD;
	}
	number(o, (unsigned long)ptr, spec);
}

/* --- hashed pointers -------------------------------------------------------------------------- */

bool no_hash_pointers;

/* 0: no key, 1: being filled, 2: ready. */
static atomic_t ptr_key_state = ATOMIC_INIT(0);
static u64 ptr_key[2];

#define SIPROUND(v0, v1, v2, v3)					\
	do {								\
		v0 += v1; v1 = rol64(v1, 13); v1 ^= v0; v0 = rol64(v0, 32); \
		v2 += v3; v3 = rol64(v3, 16); v3 ^= v2;			\
		v0 += v3; v3 = rol64(v3, 21); v3 ^= v0;			\
		v2 += v1; v1 = rol64(v1, 17); v1 ^= v2; v2 = rol64(v2, 32); \
	} while (0)

/* SipHash-2-4 of one 64-bit word, as the kernel's siphash_1u64(). */
static u64 siphash_1u64(u64 m, const u64 key[2])
{
	u64 v0 = 0x736f6d6570736575ULL ^ key[0];
	u64 v1 = 0x646f72616e646f6dULL ^ key[1];
	u64 v2 = 0x6c7967656e657261ULL ^ key[0];
	u64 v3 = 0x7465646279746573ULL ^ key[1];
	u64 b = 8ULL << 56;

	v3 ^= m;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	v0 ^= m;
	v3 ^= b;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	v0 ^= b;
	v2 ^= 0xff;
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	SIPROUND(v0, v1, v2, v3);
	return v0 ^ v1 ^ v2 ^ v3;
}

/* The key is random per process, made on first use; the host's RNG is ready from the start. */
static const u64 *get_ptr_key(void)
{
	if (likely(atomic_read_acquire(&ptr_key_state) == 2))
		return ptr_key;
	if (atomic_cmpxchg(&ptr_key_state, 0, 1) == 0) {
		host_getrandom(ptr_key, sizeof(ptr_key));
		atomic_set_release(&ptr_key_state, 2);
	} else {
		while (atomic_read_acquire(&ptr_key_state) != 2)
			cpu_relax();
	}
	return ptr_key;
}

static void ptr_to_id(struct pbuf *o, const void *ptr, struct printf_spec spec)
{
	unsigned long hashval;

	/* NULL and error pointers are not addresses: they are printed as they are. */
	if (IS_ERR_OR_NULL(ptr)) {
		pointer_string(o, ptr, spec);
		return;
	}
	/* The top 32 bits are cleared to make it obvious that this is not an address. */
	hashval = (unsigned long)siphash_1u64((u64)(unsigned long)ptr, get_ptr_key()) &
		  0xffffffffUL;
	pointer_string(o, (const void *)hashval, spec);
}

static void default_pointer(struct pbuf *o, const void *ptr, struct printf_spec spec)
{
	if (unlikely(READ_ONCE(no_hash_pointers)))
		pointer_string(o, ptr, spec);
	else
		ptr_to_id(o, ptr, spec);
}

/**
 * no_hash_pointers_enable - print raw addresses for %p (boot parameter no_hash_pointers)
 * @str: unused
 *
 * Prints the kernel's notice that addresses are no longer hashed. Return: 0.
 */
int no_hash_pointers_enable(char *str)
{
	if (no_hash_pointers)
		return 0;
	no_hash_pointers = true;

	pr_warn("**********************************************************\n");
	pr_warn("**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **\n");
	pr_warn("**                                                      **\n");
	pr_warn("** This system shows unhashed kernel memory addresses   **\n");
	pr_warn("** via the console, logs, and other interfaces. This    **\n");
	pr_warn("** might reduce the security of your system.            **\n");
	pr_warn("**                                                      **\n");
	pr_warn("** If you see this message and you are not debugging    **\n");
	pr_warn("** the kernel, report this immediately to your system   **\n");
	pr_warn("** administrator!                                       **\n");
	pr_warn("**                                                      **\n");
	pr_warn("**   NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE NOTICE   **\n");
	pr_warn("**********************************************************\n");
	return 0;
}
early_param("no_hash_pointers", no_hash_pointers_enable);

/* kptr_restrict: 0 hashes %pK like %p, 1 and 2 print zeros (krt tasks hold no CAP_SYSLOG). */
int kptr_restrict;

static void restricted_pointer(struct pbuf *o, const void *ptr, struct printf_spec spec,
			       const char *fmt)
{
	switch (READ_ONCE(kptr_restrict)) {
	case 0:
		default_pointer(o, ptr, spec);
		return;
	case 1:
		if (in_hardirq() || in_serving_softirq() || in_nmi()) {
			if (spec.field_width == -1)
				spec.field_width = 2 * sizeof(ptr);
			error_string(o, "pK-error", spec);
			return;
		}
		fallthrough;
	default:
		pointer_string(o, NULL, spec);
		return;
	}
}

/* --- %p extensions ------------------------------------------------------------------------- */

static void raw_pointer(struct pbuf *o, const void *ptr, struct printf_spec spec,
			const char *fmt)
{
	pointer_string(o, ptr, spec);
}

/* Longest text a symbol lookup produces: name+0x../0x.. [module] file:line. */
#define KSYM_TEXT_LEN (sizeof_field(struct host_symbol, name) +			\
		       sizeof_field(struct host_symbol, module) +			\
		       sizeof_field(struct host_symbol, file) + 64)

static void symbol_string(struct pbuf *o, const void *ptr, struct printf_spec spec,
			  const char *fmt)
{
	unsigned long value = (unsigned long)ptr;
	bool backtrace = fmt[0] == 'B';
	bool offset = fmt[0] != 's';
	bool with_line = false;
	struct host_symbol sym;
	char text[KSYM_TEXT_LEN];
	struct pbuf t = { .buf = text, .size = sizeof(text) - 1 };

	if (fmt[1] == 'R') {
		value = (unsigned long)__builtin_extract_return_addr((void *)value);
		with_line = fmt[2] == 'b';
	} else {
		with_line = fmt[1] == 'b';
	}
	/* As the kernel's build ID, the source position goes with %pS and %pB only. */
	if (!offset)
		with_line = false;

	/*
	 * A return address may be just past the end of a function that ends in a call that does
	 * not return: look up the call instruction instead.
	 */
	if (!host_symbol_lookup(backtrace ? value - 1 : value, &sym, with_line)) {
		pb_write(&t, "0x", 2);
		number(&t, value, (struct printf_spec){ .field_width = -1, .precision = -1,
							 .base = 16, .flags = SMALL });
	} else {
		pb_write(&t, sym.name, strlen(sym.name));
		if (offset) {
			pb_write(&t, "+0x", 3);
			number(&t, sym.offset + (backtrace ? 1 : 0), (struct printf_spec){
				.field_width = -1, .precision = -1, .base = 16, .flags = SMALL });
			pb_write(&t, "/0x", 3);
			number(&t, sym.size, (struct printf_spec){
				.field_width = -1, .precision = -1, .base = 16, .flags = SMALL });
		}
		if (sym.module[0]) {
			pb_write(&t, " [", 2);
			pb_write(&t, sym.module, strlen(sym.module));
			pb_putc(&t, ']');
		}
		if (sym.line) {
			pb_putc(&t, ' ');
			pb_write(&t, sym.file, strlen(sym.file));
			pb_putc(&t, ':');
			number(&t, sym.line, default_dec_spec);
		}
	}
	text[t.len < t.size ? t.len : t.size] = '\0';
	string_nocheck(o, text, spec);
}

static void err_ptr(struct pbuf *o, const void *ptr, struct printf_spec spec, const char *fmt)
{
	long err = PTR_ERR(ptr);
	const char *name;

	/* %pe of something that is not an error pointer is a plain %p. */
	if (!IS_ERR(ptr)) {
		default_pointer(o, ptr, spec);
		return;
	}
	name = errname((int)err);
	if (name) {
		string_nocheck(o, name, spec);
		return;
	}
	spec.flags |= SIGN;
	spec.base = 10;
	number(o, (unsigned long long)err, spec);
}

static void hex_string(struct pbuf *o, const void *ptr, struct printf_spec spec, const char *fmt)
{
	const u8 *addr = ptr;
	char separator;
	int i, len = 1;

	if (spec.field_width == 0)
		return;
	if (!check_pointer(o, ptr, spec))
		return;

	switch (fmt[1]) {
	case 'C':
		separator = ':';
		break;
	case 'D':
		separator = '-';
		break;
	case 'N':
		separator = 0;
		break;
	default:
		separator = ' ';
		break;
	}
	if (spec.field_width > 0)
		len = min(spec.field_width, 64);

	for (i = 0; i < len; i++) {
		pb_putc(o, hex_asc_hi(addr[i]));
		pb_putc(o, hex_asc_lo(addr[i]));
		if (separator && i != len - 1)
			pb_putc(o, separator);
	}
}

static void mac_address_string(struct pbuf *o, const void *ptr, struct printf_spec spec,
			       const char *fmt)
{
	const u8 *addr = ptr;
	char mac[sizeof("xx:xx:xx:xx:xx:xx")];
	char *p = mac;
	bool reversed = false;
	char separator = ':';
	int i;

	if (!check_pointer(o, ptr, spec))
		return;
	if (fmt[1] == 'F')
		separator = '-';
	else if (fmt[1] == 'R')
		reversed = true;

	for (i = 0; i < 6; i++) {
		p = hex_byte_pack(p, addr[reversed ? 5 - i : i]);
		if (fmt[0] == 'M' && i != 5)
			*p++ = separator;
	}
	*p = '\0';
	string_nocheck(o, mac, spec);
}

/* Dotted quad of @addr into @p ("001.002.003.004" with @fmt "i4"); returns the end. */
static char *ip4_string(char *p, const u8 *addr, const char *fmt)
{
	bool leading_zeros = fmt[0] == 'i';
	int index = 0, step = 1;
	int i;

	/* Byte order suffix: host and little endian read the bytes backwards on x86. */
	if (fmt[2] == 'h' || fmt[2] == 'l') {
		index = 3;
		step = -1;
	}
	for (i = 0; i < 4; i++, index += step) {
		unsigned int v = addr[index];

		if (leading_zeros || v >= 100)
			*p++ = (char)('0' + v / 100);
		if (leading_zeros || v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
		if (i < 3)
			*p++ = '.';
	}
	*p = '\0';
	return p;
}

/* Full IPv6: eight groups of four digits, with colons for 'I', without for 'i'. */
static char *ip6_string(char *p, const u8 *addr, char kind)
{
	int i;

	for (i = 0; i < 8; i++) {
		p = hex_byte_pack(p, addr[2 * i]);
		p = hex_byte_pack(p, addr[2 * i + 1]);
		if (kind == 'I' && i != 7)
			*p++ = ':';
	}
	*p = '\0';
	return p;
}

/* One group without leading zeros. */
static char *ip6_group(char *p, unsigned int word)
{
	bool started = false;
	int shift;

	for (shift = 12; shift >= 0; shift -= 4) {
		unsigned int digit = (word >> shift) & 0xf;

		if (digit || started || shift == 0) {
			*p++ = hex_asc[digit];
			started = true;
		}
	}
	return p;
}

/*
 * RFC 5952 text: the longest run of two or more zero groups (the first of equal runs) becomes
 * "::"; IPv4-mapped and ISATAP addresses end in a dotted quad.
 */
static char *ip6_compressed_string(char *p, const u8 *addr)
{
	u16 words[8];
	int i, ngroups = 8;
	int best_start = -1, best_len = 1;
	bool need_colon = false;
	bool v4_tail;

	for (i = 0; i < 8; i++)
		words[i] = (u16)(addr[2 * i] << 8 | addr[2 * i + 1]);

	v4_tail = (!words[0] && !words[1] && !words[2] && !words[3] && !words[4] &&
		   words[5] == 0xffff) ||
		  ((words[4] | 0x0200) == 0x0200 && words[5] == 0x5efe);
	if (v4_tail)
		ngroups = 6;

	for (i = 0; i < ngroups; i++) {
		int run = 0;

		while (i + run < ngroups && !words[i + run])
			run++;
		if (run > best_len) {
			best_len = run;
			best_start = i;
		}
	}

	for (i = 0; i < ngroups; i++) {
		if (i == best_start) {
			*p++ = ':';
			*p++ = ':';
			i += best_len - 1;
			need_colon = false;
			continue;
		}
		if (need_colon)
			*p++ = ':';
		p = ip6_group(p, words[i]);
		need_colon = true;
	}
	if (v4_tail) {
		if (need_colon)
			*p++ = ':';
		p = ip4_string(p, addr + 12, "I4");
	}
	*p = '\0';
	return p;
}

static void decimal(char **p, char *end, unsigned long long v)
{
	struct pbuf t = { .buf = *p, .size = (size_t)(end - *p) };

	number(&t, v, default_dec_spec);
	*p += t.len < t.size ? t.len : t.size;
}

static void ip6_addr_string_sa(struct pbuf *o, const struct sockaddr_in6 *sa,
			       struct printf_spec spec, const char *fmt)
{
	char text[sizeof("[xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:255.255.255.255]") + sizeof(":12345") +
		  sizeof("/123456789") + sizeof("%1234567890")];
	char *p = text, *end = text + sizeof(text) - 1;
	bool have_p = false, have_s = false, have_f = false, have_c = false;
	const u8 *addr = (const u8 *)&sa->sin6_addr;
	const char *f;

	for (f = fmt + 2; isalpha(*f); f++) {
		if (*f == 'p')
			have_p = true;
		else if (*f == 'f')
			have_f = true;
		else if (*f == 's')
			have_s = true;
		else if (*f == 'c')
			have_c = true;
	}
	if (have_p || have_s || have_f)
		*p++ = '[';
	if (fmt[0] == 'I' && have_c)
		p = ip6_compressed_string(p, addr);
	else
		p = ip6_string(p, addr, fmt[0]);
	if (have_p || have_s || have_f)
		*p++ = ']';
	if (have_p) {
		*p++ = ':';
		decimal(&p, end, net_to_host16(sa->sin6_port));
	}
	if (have_f) {
		*p++ = '/';
		decimal(&p, end, net_to_host32(sa->sin6_flowinfo) & 0x0fffffff);
	}
	if (have_s) {
		*p++ = '%';
		decimal(&p, end, sa->sin6_scope_id);
	}
	*p = '\0';
	string_nocheck(o, text, spec);
}

static void ip4_addr_string_sa(struct pbuf *o, const struct sockaddr_in *sa,
			       struct printf_spec spec, const char *fmt)
{
	char text[sizeof("255.255.255.255") + sizeof(":12345")];
	char fmt4[3] = { fmt[0], '4', 0 };
	char *p, *end = text + sizeof(text) - 1;
	bool have_p = false;
	const char *f;

	for (f = fmt + 2; isalpha(*f); f++) {
		if (*f == 'p')
			have_p = true;
		else if (*f == 'h' || *f == 'l' || *f == 'n' || *f == 'b')
			fmt4[2] = *f;
	}
	p = ip4_string(text, (const u8 *)&sa->sin_addr.s_addr, fmt4);
	if (have_p) {
		*p++ = ':';
		decimal(&p, end, net_to_host16(sa->sin_port));
	}
	*p = '\0';
	string_nocheck(o, text, spec);
}

static void ip_addr_string(struct pbuf *o, const void *ptr, struct printf_spec spec,
			   const char *fmt)
{
	char text[sizeof("xxxx:xxxx:xxxx:xxxx:xxxx:xxxx:255.255.255.255")];

	if (!check_pointer(o, ptr, spec))
		return;

	switch (fmt[1]) {
	case '6':
		if (fmt[0] == 'I' && fmt[2] == 'c')
			ip6_compressed_string(text, ptr);
		else
			ip6_string(text, ptr, fmt[0]);
		string_nocheck(o, text, spec);
		return;
	case '4':
		ip4_string(text, ptr, fmt);
		string_nocheck(o, text, spec);
		return;
	case 'S': {
		const struct sockaddr_in *sa = ptr;

		if (sa->sin_family == KRT_AF_INET)
			ip4_addr_string_sa(o, ptr, spec, fmt);
		else if (sa->sin_family == KRT_AF_INET6)
			ip6_addr_string_sa(o, ptr, spec, fmt);
		else
			error_string(o, "(einval)", spec);
		return;
	}
	}
	error_string(o, fmt[0] == 'i' ? "(%pi?)" : "(%pI?)", spec);
}

static void uuid_string(struct pbuf *o, const void *ptr, struct printf_spec spec,
			const char *fmt)
{
	/* Byte order of the text: as stored for UUIDs, the first three fields swapped for GUIDs. */
	static const u8 uuid_index[16] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 };
	static const u8 guid_index[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	const u8 *addr = ptr;
	const u8 *index = uuid_index;
	char uuid[sizeof("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")];
	bool upper = false;
	char *p = uuid;
	int i;

	if (!check_pointer(o, ptr, spec))
		return;
	switch (fmt[1]) {
	case 'L':
		upper = true;
		fallthrough;
	case 'l':
		index = guid_index;
		break;
	case 'B':
		upper = true;
		break;
	}
	for (i = 0; i < 16; i++) {
		u8 byte = addr[index[i]];

		p = upper ? hex_byte_pack_upper(p, byte) : hex_byte_pack(p, byte);
		if (i == 3 || i == 5 || i == 7 || i == 9)
			*p++ = '-';
	}
	*p = '\0';
	string_nocheck(o, uuid, spec);
}

static void va_format(struct pbuf *o, const void *ptr, struct printf_spec spec, const char *fmt)
{
	const struct va_format *vaf = ptr;
	va_list va;
	int n;

	if (!check_pointer(o, ptr, spec))
		return;
	va_copy(va, *vaf->va);
	if (o->len < o->size)
		n = krt_vsnprintf(o->buf + o->len, o->size - o->len, vaf->fmt, va);
	else
		n = krt_vsnprintf(NULL, 0, vaf->fmt, va);
	va_end(va);
	/* The nested call terminated its output; the outer one will overwrite that NUL. */
	o->len += n;
}

static void address_val(struct pbuf *o, const void *ptr, struct printf_spec spec,
			const char *fmt)
{
	if (!check_pointer(o, ptr, spec))
		return;
	if (fmt[1] == 'd')
		special_hex_number(o, *(const dma_addr_t *)ptr, sizeof(dma_addr_t));
	else
		special_hex_number(o, *(const phys_addr_t *)ptr, sizeof(phys_addr_t));
}

static void fourcc_string(struct pbuf *o, const void *ptr, struct printf_spec spec,
			  const char *fmt)
{
	char text[sizeof("0123 little-endian (0x01234567)")];
	struct pbuf t = { .buf = text, .size = sizeof(text) - 1 };
	u32 orig, val;
	int i;

	if (fmt[1] != 'c' || fmt[2] != 'c') {
		error_string(o, "(%p4?)", spec);
		return;
	}
	if (!check_pointer(o, ptr, spec))
		return;
	memcpy(&orig, ptr, sizeof(orig));
	val = orig & ~(1U << 31);
	for (i = 0; i < 4; i++) {
		unsigned char c = (unsigned char)(val >> (i * 8));

		pb_putc(&t, c >= 0x20 && c < 0x7f ? (char)c : '.');
	}
	if (orig & (1U << 31))
		pb_write(&t, " big-endian (", 13);
	else
		pb_write(&t, " little-endian (", 16);
	special_hex_number(&t, orig, sizeof(u32));
	pb_putc(&t, ')');
	text[t.len < t.size ? t.len : t.size] = '\0';
	string(o, text, spec);
}

static void netdev_bits(struct pbuf *o, const void *ptr, struct printf_spec spec,
			const char *fmt)
{
	u64 features;

	if (!check_pointer(o, ptr, spec))
		return;
	if (fmt[1] != 'F') {
		error_string(o, "(%pN?)", spec);
		return;
	}
	/* netdev_features_t is a u64. */
	memcpy(&features, ptr, sizeof(features));
	special_hex_number(o, features, sizeof(features));
}

static bool bitmap_test(const unsigned long *bitmap, int bit)
{
	return (bitmap[bit / BITS_PER_LONG] >> (bit % BITS_PER_LONG)) & 1;
}

/* %*pb: 32-bit chunks in hex, most significant first, comma separated. */
static void bitmap_string(struct pbuf *o, const unsigned long *bitmap, int nr_bits)
{
	struct printf_spec spec = { .flags = SMALL | ZEROPAD, .base = 16, .precision = -1 };
	int chunk = nr_bits % 32 ? nr_bits % 32 : 32;
	int start;

	for (start = round_up(nr_bits, 32) - 32; start >= 0; start -= 32) {
		u32 val = 0;
		int bit;

		for (bit = 0; bit < chunk; bit++)
			if (bitmap_test(bitmap, start + bit))
				val |= 1U << bit;
		if (start != round_up(nr_bits, 32) - 32)
			pb_putc(o, ',');
		spec.field_width = DIV_ROUND_UP(chunk, 4);
		number(o, val, spec);
		chunk = 32;
	}
}

/* %*pbl: ranges of set bits, "0-3,8,10-11". */
static void bitmap_list_string(struct pbuf *o, const unsigned long *bitmap, int nr_bits)
{
	bool first = true;
	int bit = 0;

	while (bit < nr_bits) {
		int end;

		if (!bitmap_test(bitmap, bit)) {
			bit++;
			continue;
		}
		for (end = bit + 1; end < nr_bits && bitmap_test(bitmap, end); end++)
			;
		if (!first)
			pb_putc(o, ',');
		first = false;
		number(o, bit, default_dec_spec);
		if (end - 1 != bit) {
			pb_putc(o, '-');
			number(o, end - 1, default_dec_spec);
		}
		bit = end;
	}
}

static void bitmap_fmt(struct pbuf *o, const void *ptr, struct printf_spec spec, const char *fmt)
{
	int nr_bits = max(spec.field_width, 0);

	if (!check_pointer(o, ptr, spec))
		return;
	if (fmt[1] == 'l')
		bitmap_list_string(o, ptr, nr_bits);
	else
		bitmap_string(o, ptr, nr_bits);
}

static void ku_string(struct pbuf *o, const void *ptr, struct printf_spec spec, const char *fmt)
{
	if (fmt[1] == 's')
		string(o, ptr, spec);
	else
		error_string(o, "(einval)", spec);
}

/*
 * %pG: flag words. Each decoder names the bits of one kind of flags word in a table; bits
 * without a name are printed as a hex number. A new kind is one more row in flags_decoders[].
 */
struct flags_decoder {
	char kind;					/* the letter after %pG */
	unsigned long (*read)(const void *ptr);		/* the flags word behind the pointer */
	const struct trace_print_flags *names;		/* ends with a NULL name */
};

static unsigned long read_gfp(const void *ptr)
{
	return (__force unsigned long)*(const gfp_t *)ptr;
}

static const struct flags_decoder flags_decoders[] = {
	{ 'g', read_gfp, gfpflag_names },	/* %pGg: gfp_t */
	{ 0 }
};

/* Names of the flags set in @flags, "|"-separated, the rest as a hex number. */
static void format_flags(struct pbuf *o, unsigned long flags,
			 const struct trace_print_flags *names)
{
	for (; flags && names->name; names++) {
		if ((flags & names->mask) != names->mask)
			continue;
		string_nocheck(o, names->name, default_str_spec);
		flags &= ~names->mask;
		if (flags)
			pb_putc(o, '|');
	}
	if (flags)
		number(o, flags, default_flag_spec);
}

/*
 * %pGp: a struct page's flags word as the kernel prints it: the raw value, then the names of
 * the PG_* bits and the fields packed in the top bits, "0x...(head|reserved|node=0|zone=1)".
 */
static void format_page_flags(struct pbuf *o, unsigned long flags)
{
	unsigned long main_flags = flags & ((1UL << __NR_PAGEFLAGS) - 1);

	number(o, flags, default_flag_spec);
	pb_putc(o, '(');
	if (main_flags) {
		format_flags(o, main_flags, pageflag_names);
		pb_putc(o, '|');
	}
	string_nocheck(o, "node=0|zone=", default_str_spec);
	number(o, (flags >> ZONES_PGSHIFT) & ZONES_MASK, default_dec_spec);
	pb_putc(o, ')');
}

static void flags_string(struct pbuf *o, const void *ptr, struct printf_spec spec,
			 const char *fmt)
{
	const struct flags_decoder *d;

	if (!check_pointer(o, ptr, spec))
		return;
	if (fmt[1] == 'p') {
		format_page_flags(o, *(const unsigned long *)ptr);
		return;
	}
	for (d = flags_decoders; d->kind; d++) {
		if (d->kind == fmt[1]) {
			format_flags(o, d->read(ptr), d->names);
			return;
		}
	}
	error_string(o, "(%pG?)", spec);
}

static void plain_pointer(struct pbuf *o, const void *ptr, struct printf_spec spec,
			  const char *fmt)
{
	default_pointer(o, ptr, spec);
}

typedef void (*pointer_fmt_t)(struct pbuf *o, const void *ptr, struct printf_spec spec,
			      const char *fmt);

/* The %p extensions by their first letter; letters without an entry print a hashed %p. */
static const pointer_fmt_t pointer_fmts[128] = {
	['S'] = symbol_string,
	['s'] = symbol_string,
	['B'] = symbol_string,
	['x'] = raw_pointer,
	['K'] = restricted_pointer,
	['e'] = err_ptr,
	['h'] = hex_string,
	['M'] = mac_address_string,
	['m'] = mac_address_string,
	['I'] = ip_addr_string,
	['i'] = ip_addr_string,
	['U'] = uuid_string,
	['V'] = va_format,
	['a'] = address_val,
	['4'] = fourcc_string,
	['N'] = netdev_bits,
	['b'] = bitmap_fmt,
	['G'] = flags_string,
	['k'] = ku_string,
	['u'] = ku_string,
};

static void pointer(struct pbuf *o, const char *fmt, const void *ptr, struct printf_spec spec)
{
	unsigned char c = (unsigned char)*fmt;
	pointer_fmt_t fn = c < ARRAY_SIZE(pointer_fmts) ? pointer_fmts[c] : NULL;

	(fn ? fn : plain_pointer)(o, ptr, spec, fmt);
}

/* --- the formatter ------------------------------------------------------------------------- */

enum length_qualifier {
	QUAL_NONE, QUAL_HH, QUAL_H, QUAL_L, QUAL_LL, QUAL_Z, QUAL_T, QUAL_J,
};

static int parse_uint(const char **s)
{
	long v = 0;

	while (isdigit(**s)) {
		if (v <= FIELD_WIDTH_MAX)
			v = v * 10 + (**s - '0');
		(*s)++;
	}
	return (int)min(v, (long)FIELD_WIDTH_MAX);
}

/**
 * krt_vsnprintf - format a string into a buffer (the kernel's vsnprintf)
 * @buf: the buffer, may be NULL when @size is 0
 * @size: its size, including the terminating NUL
 * @fmt: the format: C99 conversions (no floating point, no %n) plus the kernel's %p extensions
 * @args: the arguments
 *
 * The output is always NUL-terminated when @size > 0. An unsupported conversion (%n, %q...)
 * WARNs once and ends the output there, since the remaining arguments can't be trusted.
 *
 * Return: the length the whole output has (or would have had with enough room), without the NUL.
 */
int krt_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct pbuf o = { .buf = buf, .size = size };

	if (WARN_ON_ONCE(size > INT_MAX))
		return 0;

	while (*fmt) {
		struct printf_spec spec = { .field_width = -1, .precision = -1, .base = 10 };
		enum length_qualifier qual = QUAL_NONE;
		unsigned long long num;
		const char *pct = strchr(fmt, '%');

		if (pct != fmt) {
			size_t n = pct ? (size_t)(pct - fmt) : strlen(fmt);

			pb_write(&o, fmt, n);
			fmt += n;
			continue;
		}
		fmt++;

		for (;; fmt++) {
			if (*fmt == '-')
				spec.flags |= LEFT;
			else if (*fmt == '+')
				spec.flags |= PLUS;
			else if (*fmt == ' ')
				spec.flags |= SPACE;
			else if (*fmt == '#')
				spec.flags |= SPECIAL;
			else if (*fmt == '0')
				spec.flags |= ZEROPAD;
			else
				break;
		}

		if (isdigit(*fmt)) {
			spec.field_width = parse_uint(&fmt);
		} else if (*fmt == '*') {
			int w = va_arg(args, int);

			fmt++;
			WARN_ONCE(w > FIELD_WIDTH_MAX || w < -FIELD_WIDTH_MAX,
				  "field width %d too large", w);
			w = clamp(w, -FIELD_WIDTH_MAX, FIELD_WIDTH_MAX);
			if (w < 0) {
				w = -w;
				spec.flags |= LEFT;
			}
			spec.field_width = w;
		}

		/* The kernel's reading: "%.s" has no precision, a negative "*" one is 0. */
		if (*fmt == '.') {
			fmt++;
			if (isdigit(*fmt)) {
				spec.precision = min(parse_uint(&fmt), PRECISION_MAX);
			} else if (*fmt == '*') {
				int p = va_arg(args, int);

				fmt++;
				WARN_ONCE(p > PRECISION_MAX, "precision %d too large", p);
				spec.precision = clamp(p, 0, PRECISION_MAX);
			}
		}

		switch (*fmt) {
		case 'h':
			qual = fmt[1] == 'h' ? QUAL_HH : QUAL_H;
			fmt += qual == QUAL_HH ? 2 : 1;
			break;
		case 'l':
			qual = fmt[1] == 'l' ? QUAL_LL : QUAL_L;
			fmt += qual == QUAL_LL ? 2 : 1;
			break;
		case 'L':
			qual = QUAL_LL;
			fmt++;
			break;
		case 'z':
			qual = QUAL_Z;
			fmt++;
			break;
		case 't':
			qual = QUAL_T;
			fmt++;
			break;
		case 'j':
			qual = QUAL_J;
			fmt++;
			break;
		}

		switch (*fmt) {
		case 'c': {
			char c = (char)(unsigned char)va_arg(args, int);

			if (!(spec.flags & LEFT))
				pb_fill(&o, ' ', spec.field_width - 1);
			pb_putc(&o, c);
			if (spec.flags & LEFT)
				pb_fill(&o, ' ', spec.field_width - 1);
			fmt++;
			continue;
		}
		case 's':
			string(&o, va_arg(args, const char *), spec);
			fmt++;
			continue;
		case 'p':
			fmt++;
			pointer(&o, fmt, va_arg(args, const void *), spec);
			while (isalnum(*fmt))
				fmt++;
			continue;
		case '%':
			pb_putc(&o, '%');
			fmt++;
			continue;
		case 'o':
			spec.base = 8;
			break;
		case 'x':
			spec.flags |= SMALL;
			fallthrough;
		case 'X':
			spec.base = 16;
			break;
		case 'd':
		case 'i':
			spec.flags |= SIGN;
			break;
		case 'u':
			break;
		default:
			/*
			 * %n (a write through an argument) and anything unknown: the arguments
			 * after it can't be fetched safely, so the output ends here.
			 */
			WARN_ONCE(1, "Please remove unsupported %%%c in format string\n", *fmt);
			goto out;
		}
		fmt++;

		switch (qual) {
		case QUAL_LL:
			num = va_arg(args, unsigned long long);
			break;
		case QUAL_L:
			num = (spec.flags & SIGN) ? (unsigned long long)va_arg(args, long) :
						    va_arg(args, unsigned long);
			break;
		case QUAL_Z:
			num = (spec.flags & SIGN) ? (unsigned long long)va_arg(args, ssize_t) :
						    va_arg(args, size_t);
			break;
		case QUAL_T:
			num = (unsigned long long)va_arg(args, ptrdiff_t);
			break;
		case QUAL_J:
			num = (spec.flags & SIGN) ? (unsigned long long)va_arg(args, intmax_t) :
						    va_arg(args, uintmax_t);
			break;
		case QUAL_HH:
			num = (unsigned long long)va_arg(args, int);
			num = (spec.flags & SIGN) ? (unsigned long long)(signed char)num :
						    (unsigned char)num;
			break;
		case QUAL_H:
			num = (unsigned long long)va_arg(args, int);
			num = (spec.flags & SIGN) ? (unsigned long long)(short)num :
						    (unsigned short)num;
			break;
		default:
			num = (spec.flags & SIGN) ? (unsigned long long)va_arg(args, int) :
						    va_arg(args, unsigned int);
			break;
		}
		number(&o, num, spec);
	}
out:
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)min_t(size_t, o.len, INT_MAX);
}

/**
 * krt_snprintf - format a string into a buffer (the kernel's snprintf)
 * @buf: the buffer
 * @size: its size, including the NUL
 * @fmt: format, see krt_vsnprintf()
 *
 * Return: the length of the whole output, which may be >= @size when it was truncated.
 */
int krt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = krt_vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

/**
 * vscnprintf - format a string into a buffer, returning what was stored
 * @buf: the buffer
 * @size: its size, including the NUL
 * @fmt: format, see krt_vsnprintf()
 * @args: arguments
 *
 * Return: the number of characters stored in @buf without the NUL; 0 when @size is 0.
 */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int n;

	if (unlikely(!size))
		return 0;
	n = krt_vsnprintf(buf, size, fmt, args);
	if ((size_t)n < size)
		return n;
	return (int)size - 1;
}

/**
 * scnprintf - format a string into a buffer, returning what was stored
 * @buf: the buffer
 * @size: its size, including the NUL
 * @fmt: format, see krt_vsnprintf()
 *
 * Return: the number of characters stored in @buf without the NUL; 0 when @size is 0.
 */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

/**
 * krt_vsprintf - format a string into a buffer of unknown size (the kernel's vsprintf)
 * @buf: the buffer, which must be large enough
 * @fmt: format, see krt_vsnprintf()
 * @args: arguments
 *
 * Return: the number of characters written without the NUL.
 */
int krt_vsprintf(char *buf, const char *fmt, va_list args)
{
	return krt_vsnprintf(buf, INT_MAX, fmt, args);
}

/**
 * krt_sprintf - format a string into a buffer of unknown size (the kernel's sprintf)
 * @buf: the buffer, which must be large enough
 * @fmt: format, see krt_vsnprintf()
 *
 * Return: the number of characters written without the NUL.
 */
int krt_sprintf(char *buf, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = krt_vsnprintf(buf, INT_MAX, fmt, args);
	va_end(args);
	return n;
}

/**
 * num_to_str - print an unsigned number right-aligned in a field
 * @buf: the buffer (not NUL-terminated)
 * @size: its size
 * @num: the number
 * @width: minimum width, padded with spaces on the left
 *
 * Return: the number of characters written, 0 when they do not fit.
 */
int num_to_str(char *buf, int size, unsigned long long num, unsigned int width)
{
	char tmp[3 * sizeof(num)];
	int len = digits_reversed(tmp, num, 10, 0);
	int pad = (int)width > len ? (int)width - len : 0;
	int i;

	if (len > size || (int)width > size)
		return 0;
	memset(buf, ' ', pad);
	for (i = 0; i < len; i++)
		buf[pad + i] = tmp[len - 1 - i];
	return pad + len;
}
