# SPDX-License-Identifier: MIT
# Benchmark binaries and the peers they link against (Debian packages).
BENCH_NAMES := $(basename $(notdir $(BENCH_SRCS)))
BENCH_BINS := $(addprefix $(BUILD)/bench/,$(BENCH_NAMES))

.PHONY: bench-bins
bench-bins: $(BENCH_BINS)
