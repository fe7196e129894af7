# SPDX-License-Identifier: MIT
#
# krt: one non-recursive Makefile. Sources are found by folder, so a new file in kernel/, mm/,
# lib/, ... is part of libkrt without editing this file.
#
#   make                       build/libkrt.a, build/libkrt.so, build/libkrt-kunit.a, tools
#   make check                 all tests: normal, ASan+UBSan, TSan (concurrency suites), Valgrind
#   make SANITIZE=thread ...   any target in a sanitizer build (own build folder)
#   make demo | bench | conformance | install PREFIX=DIR

comma := ,
SANITIZE ?=
BUILD ?= build$(if $(SANITIZE),-$(subst $(comma),-,$(SANITIZE)))
PREFIX ?= /usr/local
O ?= 2
WERROR ?=

ifeq ($(origin CC),default)
CC := gcc
endif

DIALECT := -std=gnu11 -funsigned-char -fno-strict-aliasing -fno-common
# The kernel's own build turns these -Wextra members off (scripts/Makefile.extrawarn); kernel
# code written for it must build here warning-free too.
WARNINGS := -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
	    -Wno-missing-field-initializers -Wno-type-limits -Wno-shift-negative-value
ifneq ($(WERROR),)
WARNINGS += -Werror
endif

# UBSan's alignment check stays off, as in the kernel (CONFIG_UBSAN_ALIGNMENT=n): x86 network
# code reads packet headers at any alignment.
SANFLAGS := $(if $(SANITIZE),-fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	    $(if $(findstring undefined,$(SANITIZE)),-fno-sanitize-recover=undefined \
	    -fno-sanitize=alignment))
# gcc's TSan does not model standalone fences (-Wtsan); krt's barriers are fences by design and
# the orderings TSan needs come from the atomics themselves.
ifneq ($(findstring thread,$(SANITIZE)),)
ifeq ($(findstring clang,$(CC)),)
WARN_TSAN := -Wno-tsan
endif
endif

# Debian's liburcu.pc names the multiarch include folder, which the compiler searches anyway (as
# a system folder: keep it that way).
URCU_CFLAGS := $(filter-out -I/usr/include%,$(shell pkg-config --cflags liburcu-memb 2>/dev/null))
HOST_LIBS := -lurcu-memb -ldw -lpthread

CFLAGS_KRT := $(DIALECT) $(WARNINGS) $(WARN_TSAN) -O$(O) -g -fPIC -pthread -fno-omit-frame-pointer \
	      -Iinclude -I. $(URCU_CFLAGS) $(SANFLAGS) -MMD -MP $(EXTRA_CFLAGS)
# arch/host is the layer that talks to the OS: it sees glibc, not krt's <linux/*.h>.
CFLAGS_HOST := -std=gnu11 -D_GNU_SOURCE $(WARNINGS) $(WARN_TSAN) -O$(O) -g -fPIC -pthread \
	       -fno-omit-frame-pointer -I. $(SANFLAGS) -MMD -MP $(EXTRA_CFLAGS)
LDFLAGS_KRT := -pthread $(SANFLAGS) -rdynamic

modname = -DKBUILD_MODNAME='"$(subst -,_,$(basename $(notdir $<)))"'

LIB_DIRS := init kernel mm lib fs net drivers
HOST_SRCS := $(sort $(wildcard arch/host/*.c))
LIB_SRCS := $(sort $(shell find $(LIB_DIRS) -name '*.c' 2>/dev/null))
KUNIT_MAIN_SRCS := $(sort $(wildcard tools/kunit/*.c))
# tests/valgrind/: one program per source, run under memcheck by scripts/check-valgrind.sh.
VALGRIND_SRCS := $(sort $(wildcard tests/valgrind/*.c))
TEST_SRCS := $(filter-out $(VALGRIND_SRCS),$(sort $(shell find tests -name '*.c' 2>/dev/null)))
STRESS_TEST_SRCS := $(filter %_stress_test.c,$(TEST_SRCS))
TOOL_NAMES := $(filter-out kunit,$(notdir $(patsubst %/,%,$(sort $(dir $(wildcard tools/*/*.c))))))
BENCH_SRCS := $(sort $(wildcard bench/*.c))
# examples/<name>/*.c: small programs written against krt, one binary per folder.
EXAMPLE_NAMES := $(notdir $(patsubst %/,%,$(sort $(dir $(wildcard examples/*/*.c)))))

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
HOST_OBJS := $(call obj,$(HOST_SRCS))
LIB_OBJS := $(call obj,$(LIB_SRCS))
KUNIT_MAIN_OBJS := $(call obj,$(KUNIT_MAIN_SRCS))
TEST_OBJS := $(call obj,$(TEST_SRCS))
STRESS_TEST_OBJS := $(call obj,$(STRESS_TEST_SRCS))

LIBKRT_A := $(BUILD)/libkrt.a
# krt's subsystems register themselves (initcalls, /proc files, parameters) from constructors,
# so programs linked statically take the whole library.
LINK_KRT_A = -Wl,--whole-archive $(LIBKRT_A) -Wl,--no-whole-archive
LIBKRT_SO := $(BUILD)/libkrt.so
LIBKUNIT_A := $(BUILD)/libkrt-kunit.a
TEST_BIN := $(BUILD)/tests/krt-tests
STRESS_BIN := $(BUILD)/tests/krt-stress-tests
TOOLS := $(addprefix $(BUILD)/tools/,$(TOOL_NAMES))
EXAMPLES := $(addprefix $(BUILD)/examples/,$(EXAMPLE_NAMES))
VALGRIND_BINS := $(patsubst tests/valgrind/%.c,$(BUILD)/tests/valgrind/%,$(VALGRIND_SRCS))

.PHONY: all lib tests tools examples valgrind-bins check check-one demo bench conformance install deps clean
.DEFAULT_GOAL := all

all: lib tools examples
lib: $(LIBKRT_A) $(LIBKRT_SO) $(LIBKUNIT_A)
tests: $(TEST_BIN) $(STRESS_BIN)
tools: $(TOOLS)
examples: $(EXAMPLES)

$(BUILD)/obj/arch/host/%.o: arch/host/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_HOST) $(modname) -c $< -o $@

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_KRT) $(modname) -c $< -o $@

$(LIBKRT_A): $(HOST_OBJS) $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(LIBKRT_SO): $(HOST_OBJS) $(LIB_OBJS)
	$(CC) -shared -Wl,-soname,libkrt.so $(LDFLAGS_KRT) -o $@ $^ $(HOST_LIBS)

$(LIBKUNIT_A): $(KUNIT_MAIN_OBJS)
	@rm -f $@
	ar rcs $@ $^

# The suites register themselves from constructors, so every test object is linked whole.
$(TEST_BIN): $(TEST_OBJS) $(LIBKUNIT_A) $(LIBKRT_A)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_KRT) -o $@ $(TEST_OBJS) $(LIBKUNIT_A) $(LINK_KRT_A) $(HOST_LIBS)

$(STRESS_BIN): $(STRESS_TEST_OBJS) $(LIBKUNIT_A) $(LIBKRT_A)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_KRT) -o $@ $(STRESS_TEST_OBJS) $(LIBKUNIT_A) $(LINK_KRT_A) $(HOST_LIBS)

valgrind-bins: $(VALGRIND_BINS)
$(VALGRIND_BINS): $(BUILD)/tests/valgrind/%: $(BUILD)/obj/tests/valgrind/%.o $(LIBKRT_A)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_KRT) -o $@ $< $(LINK_KRT_A) $(HOST_LIBS)

.SECONDEXPANSION:
$(BUILD)/tools/%: $$(call obj,$$(wildcard tools/%/*.c)) $(LIBKRT_A)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_KRT) -o $@ $(filter %.o,$^) $(LINK_KRT_A) $(HOST_LIBS)

$(BUILD)/examples/%: $$(call obj,$$(wildcard examples/%/*.c)) $(LIBKRT_A)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_KRT) -o $@ $(filter %.o,$^) $(LINK_KRT_A) $(HOST_LIBS)

# Benchmarks: one binary per source; peers are linked in by bench/<name>.mk when present.
$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(LIBKRT_A)
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS_KRT) -o $@ $< $(LINK_KRT_A) $(HOST_LIBS) $(BENCH_LIBS_$*)

-include bench/bench.mk

# What make check runs per build: everything, or only the concurrency suites under TSan.
CHECK_BINS := $(if $(findstring thread,$(SANITIZE)),$(STRESS_BIN),$(TEST_BIN) $(EXAMPLES))
.PHONY: check-bins
check-bins: $(CHECK_BINS)

# Run the test binary of this build; prints KTAP and the closing "N passed" line.
check-one: check-bins
	@scripts/run-tests.sh $(BUILD) $(if $(findstring thread,$(SANITIZE)),stress)

check: deps
	@scripts/check.sh

demo: deps all
	@$(BUILD)/tools/demo

bench: deps
	@scripts/bench.sh

conformance: deps lib $(LIBKUNIT_A)
	@scripts/conformance.sh $(BUILD)

deps:
	@scripts/deps.sh

HEADER_DIRS := linux net kunit krt asm
install: lib
	install -d $(DESTDIR)$(PREFIX)/include/krt $(DESTDIR)$(PREFIX)/lib/pkgconfig
	for d in $(HEADER_DIRS); do \
		[ -d include/$$d ] || continue; \
		(cd include && find $$d -name '*.h') | while read -r h; do \
			install -D -m 0644 include/$$h $(DESTDIR)$(PREFIX)/include/krt/$$h; \
		done; \
	done
	install -m 0644 $(LIBKRT_A) $(LIBKUNIT_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 0755 $(LIBKRT_SO) $(DESTDIR)$(PREFIX)/lib/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@URCU_CFLAGS@|$(URCU_CFLAGS)|g' \
		-e 's|@DIALECT@|$(DIALECT)|g' -e 's|@HOST_LIBS@|$(HOST_LIBS)|g' \
		scripts/krt.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/krt.pc
	sed -e 's|@PREFIX@|$(PREFIX)|g' scripts/krt-kunit.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/krt-kunit.pc

clean:
	rm -rf build build-*

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
