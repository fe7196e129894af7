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
# vmalloc_bench compares with mi_malloc/mi_free of 1 MiB the same way.
BENCH_LIBS_vmalloc_bench := -Wl,--no-as-needed -lc -lmimalloc

# slab_bench's peers: bench/slab_server.c built with -DPEER=N and without krt, each linked to
# one malloc (Debian's libjemalloc-dev, libmimalloc-dev, libgoogle-perftools-dev), which then
# is the process's malloc: the library goes before libc.
SLAB_PEERS := glibc jemalloc mimalloc tcmalloc
SLAB_PEER_BINS := $(addprefix $(BUILD)/bench/slab_server-,$(SLAB_PEERS))
SLAB_PEER_ID_glibc := 1
SLAB_PEER_ID_jemalloc := 2
SLAB_PEER_ID_mimalloc := 3
SLAB_PEER_ID_tcmalloc := 4
SLAB_PEER_LIBS_glibc :=
SLAB_PEER_LIBS_jemalloc := -ljemalloc
SLAB_PEER_LIBS_mimalloc := -lmimalloc
SLAB_PEER_LIBS_tcmalloc := -ltcmalloc_minimal
CFLAGS_PEER := -std=gnu11 -D_GNU_SOURCE $(WARNINGS) -O$(O) -g -pthread -fno-omit-frame-pointer \
	       $(EXTRA_CFLAGS)

bench-bins: $(SLAB_PEER_BINS)
$(SLAB_PEER_BINS): $(BUILD)/bench/slab_server-%: bench/slab_server.c bench/slab_bench.h \
		   bench/bench.mk
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_PEER) -DPEER=$(SLAB_PEER_ID_$*) -o $@ $< \
		-Wl,--no-as-needed $(SLAB_PEER_LIBS_$*) -Wl,--as-needed -ldl -pthread
