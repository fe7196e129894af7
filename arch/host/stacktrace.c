// SPDX-License-Identifier: MIT
/*
 * Stack capture and symbolisation. Capture is glibc's unwinder (DWARF CFI, so it is right even
 * through code built without frame pointers); names, offsets, sizes and source lines come from
 * the ELF symbol tables and DWARF through elfutils' libdwfl, so a %pS in krt reads like one in
 * a kernel log.
 *
 * The process's module list is read once and read again only when the dynamic linker reports
 * that objects were loaded or unloaded since (dl_iterate_phdr's adds/subs counters): looking up
 * a heap or stack address must not cost a walk of /proc/self/maps.
 *
 * libdwfl's own address-to-symbol lookup scans the whole symbol table; each module's sized
 * symbols are instead sorted once, on first use, and searched by bisection. Only addresses that
 * no sized symbol covers (labels such as _start, PLT stubs) take libdwfl's slow path.
 *
 * Separate debug files are looked up locally by build ID only (/usr/lib/debug/.build-id/...):
 * elfutils' standard finder would ask a debuginfod server over the network when
 * DEBUGINFOD_URLS is set, which Debian does in every login shell.
 */
#include <elfutils/libdwfl.h>
#include <dwarf.h>
#include <execinfo.h>
#include <gelf.h>
#include <fcntl.h>
#include <link.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arch/host/host.h"

#define HOST_STACK_MAX 256

/* Frames the unwinder may report above ours: sanitizer runtimes intercept backtrace(). */
#define HOST_STACK_SLACK 4

/*
 * The executable ranges of the loaded objects, for the frame-pointer walk: a return address
 * must be in one (and its bytes are then safe to read). Immutable once published; a new map
 * replaces it when objects were loaded since, and old ones are kept on its list (a walker may
 * be reading one; the dynamic linker changes rarely).
 */
struct text_range {
	unsigned long start, end;
	bool fp_built;		/* the main program or krt: built with frame pointers */
};

struct text_map {
	unsigned long long adds, subs;	/* dl_iterate_phdr()'s counters when it was read */
	struct text_map *older;		/* the map it replaced, kept reachable */
	int nr;
	struct text_range ranges[];
};

static struct text_map *text_map;
static pthread_mutex_t text_map_lock = PTHREAD_MUTEX_INITIALIZER;

struct text_map_build {
	struct text_map *map;
	int max;
	unsigned long self;	/* an address in krt's own code */
};

static int text_map_add(struct dl_phdr_info *info, size_t size, void *data)
{
	struct text_map_build *b = data;
	struct text_map *map = b->map;
	int first = map->nr, i;
	bool fp = !info->dlpi_name || !info->dlpi_name[0];	/* the main program */

	map->adds = info->dlpi_adds;
	map->subs = info->dlpi_subs;
	for (i = 0; i < info->dlpi_phnum && map->nr < b->max; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		unsigned long start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		map->ranges[map->nr++] = (struct text_range){ .start = start,
							       .end = start + ph->p_memsz };
		if (b->self >= start && b->self < start + ph->p_memsz)
			fp = true;	/* libkrt.so */
	}
	for (i = first; i < map->nr; i++)
		map->ranges[i].fp_built = fp;
	return 0;
}

struct phdr_count {
	int phdrs;
	unsigned long long adds, subs;
};

static int count_phdrs(struct dl_phdr_info *info, size_t size, void *data)
{
	struct phdr_count *c = data;

	c->phdrs += info->dlpi_phnum;
	c->adds = info->dlpi_adds;
	c->subs = info->dlpi_subs;
	return 0;
}

/* Read the loaded objects' code ranges again, unless @seen is still current. */
static struct text_map *text_map_refresh(struct text_map *seen)
{
	struct text_map_build b = { .self = (unsigned long)&text_map_refresh };
	struct phdr_count count = { 0 };
	struct text_map *map;

	pthread_mutex_lock(&text_map_lock);
	map = __atomic_load_n(&text_map, __ATOMIC_ACQUIRE);
	if (map != seen)
		goto out;	/* someone else just read it */
	dl_iterate_phdr(count_phdrs, &count);
	if (seen && seen->adds == count.adds && seen->subs == count.subs)
		goto out;	/* nothing was loaded or unloaded */
	b.max = count.phdrs;
	b.map = calloc(1, sizeof(*map) + sizeof(map->ranges[0]) * (size_t)count.phdrs);
	if (!b.map)
		goto out;
	dl_iterate_phdr(text_map_add, &b);
	map = b.map;
	map->older = seen;
	__atomic_store_n(&text_map, map, __ATOMIC_RELEASE);
out:
	pthread_mutex_unlock(&text_map_lock);
	return map;
}

static const struct text_range *text_range_find(const struct text_map *map, unsigned long addr)
{
	int i;

	for (i = 0; map && i < map->nr; i++)
		if (addr >= map->ranges[i].start && addr < map->ranges[i].end)
			return &map->ranges[i];
	return NULL;
}

/* "mov $15, %rax; syscall": the signal trampoline a handler returns to (__restore_rt). */
static bool is_sigreturn(unsigned long ret)
{
	static const unsigned char restore_rt[] = { 0x48, 0xc7, 0xc0, 0x0f, 0x00, 0x00, 0x00,
						    0x0f, 0x05 };

	return !memcmp((const void *)ret, restore_rt, sizeof(restore_rt));
}

/* The calling thread's stack, read once per thread. */
static __thread unsigned long stack_lo, stack_hi;

static bool stack_bounds(void)
{
	pthread_attr_t attr;
	void *addr;
	size_t size;

	if (stack_hi)
		return true;
	if (pthread_getattr_np(pthread_self(), &attr))
		return false;
	if (!pthread_attr_getstack(&attr, &addr, &size)) {
		stack_lo = (unsigned long)addr;
		stack_hi = stack_lo + size;
	}
	pthread_attr_destroy(&attr);
	return stack_hi != 0;
}

/*
 * Walk the frame pointers from @fp, as ASan's fast unwinder does: each frame holds the
 * caller's frame pointer and the return address. Return addresses are stored into @buf (at
 * most @max). Returns the count, or -1 when the walk cannot be trusted and the caller should
 * unwind with the CFI instead: a signal frame (the interrupted function is only in the
 * signal's context), or a chain broken while still in code built with frame pointers.
 */
__attribute__((no_sanitize_address)) static int stack_walk_fp(unsigned long fp, void **buf,
							     int max)
{
	struct text_map *map = __atomic_load_n(&text_map, __ATOMIC_ACQUIRE);
	const struct text_range *r;
	bool in_fp_code = true;
	int n = 0;

	if (!stack_bounds())
		return -1;
	while (n < max) {
		unsigned long next, ret;

		if (fp < stack_lo || fp > stack_hi - 16 || (fp & 7))
			break;
		next = ((unsigned long *)fp)[0];
		ret = ((unsigned long *)fp)[1];
		r = text_range_find(map, ret);
		if (!r) {
			struct text_map *seen = map;

			map = text_map_refresh(seen);
			r = map != seen ? text_range_find(map, ret) : NULL;
			if (!r)
				break;
		}
		if (ret + 9 <= r->end && is_sigreturn(ret))
			return -1;
		buf[n++] = (void *)ret;
		in_fp_code = r->fp_built;
		if (!next)
			return n;	/* the outermost frame */
		if (next <= fp)
			break;
		fp = next;
	}
	/* A full buffer, or a chain that ends in a library built without frame pointers. */
	return n == max || !in_fp_code ? n : -1;
}

/**
 * host_stack_capture - capture the return addresses of the calling thread's stack
 * @entries: where to store them
 * @max: at most this many
 * @skip: frames to leave out from the start
 *
 * The first entry is in the function that called host_stack_capture(), unless @skip leaves
 * out frames from there. The frame pointers are walked first (krt is built with them, and so
 * is code built with krt.pc's flags): a few instructions a frame, where glibc's unwinder reads
 * the CFI of every frame. A walk that cannot be trusted falls back to the unwinder. Never
 * inlined: its own frame is where both start.
 *
 * Return: the number of entries stored: 0 if @max <= 0, @skip < 0 or @skip leaves nothing.
 */
__attribute__((noinline)) int host_stack_capture(unsigned long *entries, int max, int skip)
{
	void *caller = __builtin_return_address(0);
	void *buf[HOST_STACK_MAX];
	int want, n, i, start = -1;

	if (max <= 0 || skip < 0)
		return 0;
	/* The unwinder's cost is per frame: never walk further than the caller wants. */
	want = skip + max + 1 + HOST_STACK_SLACK;
	if (want > HOST_STACK_MAX || want < 0)
		want = HOST_STACK_MAX;
	n = stack_walk_fp((unsigned long)__builtin_frame_address(0), buf, want);
	if (n < 0)
		n = backtrace(buf, want);
	/* The trace starts at our caller's frame, wherever the unwinder put our own. */
	for (i = 0; i < n && i <= HOST_STACK_SLACK + 1; i++) {
		if (buf[i] == caller) {
			start = i;
			break;
		}
	}
	if (start < 0)
		start = 1;
	start += skip;
	if (start >= n)
		return 0;
	n -= start;
	if (n > max)
		n = max;
	for (i = 0; i < n; i++)
		entries[i] = (unsigned long)buf[i + start];
	return n;
}

static pthread_mutex_t dwfl_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * A child of fork() must not inherit the locks held by a thread that symbolised, or read the
 * loaded objects, at that moment.
 */
static void dwfl_lock_after_fork(void)
{
	pthread_mutex_init(&dwfl_lock, NULL);
	pthread_mutex_init(&text_map_lock, NULL);
}

__attribute__((constructor)) static void dwfl_lock_atfork_init(void)
{
	pthread_atfork(NULL, NULL, dwfl_lock_after_fork);
}
static Dwfl *dwfl;
static unsigned long long dwfl_adds, dwfl_subs;
static char exe_path[PATH_MAX];

/* Open /usr/lib/debug/.build-id/xx/yyyy.debug for @mod, if it is installed. */
static int find_debuginfo_local(Dwfl_Module *mod, void **userdata, const char *modname,
				GElf_Addr base, const char *file_name, const char *debuglink_file,
				GElf_Word debuglink_crc, char **debuginfo_file_name)
{
	const unsigned char *bits;
	GElf_Addr vaddr;
	char path[PATH_MAX];
	int len, pos, i, fd;

	len = dwfl_module_build_id(mod, &bits, &vaddr);
	if (len <= 1)
		return -1;
	pos = snprintf(path, sizeof(path), "/usr/lib/debug/.build-id/%02x/", bits[0]);
	for (i = 1; i < len && pos < (int)sizeof(path) - 8; i++)
		pos += snprintf(path + pos, sizeof(path) - (size_t)pos, "%02x", bits[i]);
	snprintf(path + pos, sizeof(path) - (size_t)pos, ".debug");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0)
		*debuginfo_file_name = strdup(path);
	return fd;
}

static const Dwfl_Callbacks dwfl_callbacks = {
	.find_elf = dwfl_linux_proc_find_elf,
	.find_debuginfo = find_debuginfo_local,
};

/* A module's sized symbols, sorted by address; hung on the module's userdata. */
struct sym_entry {
	GElf_Addr start;
	GElf_Xword size;
	const char *name;	/* in the ELF string table, valid while the Dwfl lives */
	int rank;		/* which of several symbols at one address to prefer */
};

struct sym_table {
	int nr;
	struct sym_entry *syms;
};

/* Among symbols at one address: functions first, then global over weak over local. */
static int sym_rank(const GElf_Sym *sym)
{
	int type = GELF_ST_TYPE(sym->st_info), bind = GELF_ST_BIND(sym->st_info);

	return (type == STT_FUNC || type == STT_GNU_IFUNC ? 4 : 0) +
	       (bind == STB_GLOBAL ? 2 : bind == STB_WEAK ? 1 : 0);
}

static int sym_cmp(const void *a, const void *b)
{
	const struct sym_entry *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->rank - y->rank;	/* the preferred one last */
}

static struct sym_table *module_symbols(Dwfl_Module *mod)
{
	struct sym_table *table;
	void **userdata;
	int n, i;

	dwfl_module_info(mod, &userdata, NULL, NULL, NULL, NULL, NULL, NULL);
	if (*userdata)
		return *userdata;
	table = calloc(1, sizeof(*table));
	if (!table)
		return NULL;
	n = dwfl_module_getsymtab(mod);
	if (n > 0)
		table->syms = calloc((size_t)n, sizeof(table->syms[0]));
	for (i = 1; table->syms && i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name = dwfl_module_getsym_info(mod, i, &sym, &addr, &shndx, NULL, NULL);
		int type = GELF_ST_TYPE(sym.st_info);

		if (!name || !name[0] || shndx == SHN_UNDEF || !addr || !sym.st_size ||
		    type == STT_SECTION || type == STT_FILE || type == STT_TLS)
			continue;
		table->syms[table->nr++] = (struct sym_entry){
			.start = addr, .size = sym.st_size, .name = name, .rank = sym_rank(&sym),
		};
	}
	/* A module without symbols (a stripped library) has no table to sort. */
	if (table->nr)
		qsort(table->syms, (size_t)table->nr, sizeof(table->syms[0]), sym_cmp);
	*userdata = table;
	return table;
}

static int free_module_symbols(Dwfl_Module *mod, void **userdata, const char *name,
			       Dwarf_Addr start, void *arg)
{
	struct sym_table *table = *userdata;

	if (table) {
		free(table->syms);
		free(table);
		*userdata = NULL;
	}
	return DWARF_CB_OK;
}

/* The sized symbol that contains @addr, the one starting closest to it if they nest. */
static const struct sym_entry *sym_find(const struct sym_table *table, GElf_Addr addr)
{
	int lo = 0, hi = table->nr, i, steps;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;

		if (table->syms[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* syms[lo - 1] is the last one starting at or before @addr; a few more may enclose it. */
	for (i = lo - 1, steps = 0; i >= 0 && steps < 16; i--, steps++) {
		const struct sym_entry *e = &table->syms[i];

		if (addr < e->start + e->size)
			return e;
	}
	return NULL;
}

static int count_objects(struct dl_phdr_info *info, size_t size, void *data)
{
	unsigned long long *counts = data;

	counts[0] = info->dlpi_adds;
	counts[1] = info->dlpi_subs;
	return 1; /* the counters are the same in every entry: one is enough */
}

/*
 * (Re)read the process's module list when it may have changed since the last read. Returns
 * true when a new list was read.
 */
static bool dwfl_refresh(void)
{
	unsigned long long counts[2] = { 0, 0 };
	ssize_t n;

	dl_iterate_phdr(count_objects, counts);
	if (dwfl && counts[0] == dwfl_adds && counts[1] == dwfl_subs)
		return false;
	if (dwfl) {
		dwfl_getmodules(dwfl, free_module_symbols, NULL, 0);
		dwfl_end(dwfl);
	}
	dwfl_adds = counts[0];
	dwfl_subs = counts[1];
	n = readlink("/proc/self/exe", exe_path, sizeof(exe_path) - 1);
	exe_path[n > 0 ? n : 0] = '\0';
	dwfl = dwfl_begin(&dwfl_callbacks);
	if (!dwfl)
		return false;
	dwfl_report_begin(dwfl);
	if (dwfl_linux_proc_report(dwfl, getpid()) != 0) {
		dwfl_end(dwfl);
		dwfl = NULL;
		return false;
	}
	dwfl_report_end(dwfl, NULL, NULL);
	return true;
}

static void copy_str(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src);

	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Shared objects are named like kernel modules: by file name, without the directory. */
static void module_name(Dwfl_Module *mod, char *buf, size_t size)
{
	const char *name = dwfl_module_info(mod, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
	const char *slash;

	buf[0] = '\0';
	if (!name || (exe_path[0] && !strcmp(name, exe_path)))
		return;
	if (!strncmp(name, "[vdso", 5)) {
		copy_str(buf, size, "vdso");
		return;
	}
	slash = strrchr(name, '/');
	copy_str(buf, size, slash ? slash + 1 : name);
}

/* @file relative to the directory @cu was compiled in, when it is below it. */
static void cu_relative_file(Dwarf_Die *cu, const char *file, char *buf, size_t size)
{
	Dwarf_Attribute attr;
	const char *comp_dir = NULL;
	size_t len;

	if (cu && dwarf_attr(cu, DW_AT_comp_dir, &attr))
		comp_dir = dwarf_formstring(&attr);
	if (comp_dir) {
		len = strlen(comp_dir);
		if (len && !strncmp(file, comp_dir, len) && file[len] == '/')
			file += len + 1;
	}
	copy_str(buf, size, file);
}

/*
 * The source line of @addr. libdw finds the compilation unit through .debug_aranges, which
 * clang does not emit: then the units are searched by their address ranges.
 */
static void lookup_line(Dwfl_Module *mod, unsigned long addr, struct host_symbol *sym)
{
	Dwfl_Line *dwfl_line = dwfl_module_getsrc(mod, addr);
	Dwarf_Line *line = NULL;
	Dwarf_Die *cu = NULL;
	Dwarf_Addr bias;
	const char *file;
	int lineno = 0;

	if (dwfl_line) {
		line = dwfl_dwarf_line(dwfl_line, &bias);
		cu = dwfl_linecu(dwfl_line);
	} else {
		while ((cu = dwfl_module_nextcu(mod, cu, &bias)) != NULL) {
			if (dwarf_haspc(cu, addr - bias) == 1) {
				line = dwarf_getsrc_die(cu, addr - bias);
				break;
			}
		}
	}
	if (!line)
		return;
	file = dwarf_linesrc(line, NULL, NULL);
	if (!file || dwarf_lineno(line, &lineno) || lineno <= 0)
		return;
	cu_relative_file(cu, file, sym->file, sizeof(sym->file));
	sym->line = lineno;
}

/**
 * host_symbol_lookup - find the symbol containing @addr
 * @addr: a code address
 * @sym: where to store what was found; cleared first
 * @with_line: also find the source file and line, when debug information is present
 *
 * The module list is read again if @addr is in no known module and objects were loaded or
 * unloaded since. A dynamic symbol's version ("@@GLIBC_2.14") is left out of the name.
 *
 * Return: true if a symbol covers @addr; false, with *@sym cleared, otherwise.
 */
bool host_symbol_lookup(unsigned long addr, struct host_symbol *sym, bool with_line)
{
	const struct sym_entry *found = NULL;
	const char *name = NULL;
	struct sym_table *table;
	Dwfl_Module *mod = NULL;

	memset(sym, 0, sizeof(*sym));
	pthread_mutex_lock(&dwfl_lock);
	if (!dwfl)
		dwfl_refresh();
	if (dwfl)
		mod = dwfl_addrmodule(dwfl, addr);
	if (!mod && dwfl_refresh() && dwfl)
		mod = dwfl_addrmodule(dwfl, addr);
	table = mod ? module_symbols(mod) : NULL;
	if (table)
		found = sym_find(table, addr);
	if (found) {
		name = found->name;
		sym->offset = (unsigned long)(addr - found->start);
		sym->size = (unsigned long)found->size;
	} else if (mod) {
		/* Labels and stubs: libdwfl knows which sizeless symbol, if any, owns them. */
		GElf_Off off = 0;
		GElf_Sym esym;

		name = dwfl_module_addrinfo(mod, addr, &off, &esym, NULL, NULL, NULL);
		sym->offset = (unsigned long)off;
		sym->size = name ? (unsigned long)esym.st_size : 0;
	}
	if (name) {
		/* Dynamic symbols carry their version ("memcpy@@GLIBC_2.14"): not in the name. */
		size_t len = strcspn(name, "@");

		copy_str(sym->name, len < sizeof(sym->name) ? len + 1 : sizeof(sym->name), name);
		module_name(mod, sym->module, sizeof(sym->module));
		if (with_line)
			lookup_line(mod, addr, sym);
	}
	pthread_mutex_unlock(&dwfl_lock);
	return name != NULL;
}

/**
 * host_symbolize - describe @addr as the kernel's %pS does
 * @addr: a code address
 * @buf: destination, NUL-terminated
 * @size: its size
 * @with_line: append " file:line" when debug information is present
 *
 * "function+0xoff/0xsize", plus " [library]" for code in a shared object (as the kernel
 * names modules).
 *
 * Return: the length stored in @buf (at most @size - 1), 0 if no symbol covers @addr.
 */
int host_symbolize(unsigned long addr, char *buf, size_t size, bool with_line)
{
	struct host_symbol sym;
	int len;

	if (!size)
		return 0;
	buf[0] = '\0';
	if (!host_symbol_lookup(addr, &sym, with_line))
		return 0;
	len = snprintf(buf, size, "%s+0x%lx/0x%lx", sym.name, sym.offset, sym.size);
	if (len >= 0 && (size_t)len < size && sym.module[0])
		len += snprintf(buf + len, size - (size_t)len, " [%s]", sym.module);
	if (len >= 0 && (size_t)len < size && sym.line)
		len += snprintf(buf + len, size - (size_t)len, " %s:%d", sym.file, sym.line);
	if (len < 0)
		len = 0;
	if ((size_t)len >= size)
		len = (int)size - 1;
	return len;
}
