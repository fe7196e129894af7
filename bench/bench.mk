# SPDX-License-Identifier: MIT
# Benchmark binaries and the peers they link against (Debian packages).
BENCH_NAMES := $(basename $(notdir $(BENCH_SRCS)))
BENCH_BINS := $(addprefix $(BUILD)/bench/,$(BENCH_NAMES))

.PHONY: bench-bins
bench-bins: $(BENCH_BINS)

# page_bench calls mimalloc's own entry points (mi_malloc/mi_free). Debian's libmimalloc.so also
# exports malloc/free: libc goes first in the search order so that glibc's malloc (krt's host
# allocations) is not replaced.
BENCH_LIBS_page_bench := -Wl,--no-as-needed -lc -lmimalloc
