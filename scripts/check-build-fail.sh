#!/bin/sh
# SPDX-License-Identifier: MIT
# Compile-time checks that must reject code, as the kernel's do: each case is compiled with the
# test flags and must fail with the expected message; the control cases must build. Prints
# "ok"/"not ok" per case and a closing "N passed, N failed, 0 skipped" line.
#
#   scripts/check-build-fail.sh [CC...]      (default: gcc, and clang when installed)
set -u
cd "$(dirname "$0")/.." || exit 1
compilers=${*:-"gcc $(command -v clang >/dev/null 2>&1 && echo clang)"}
flags="-std=gnu11 -funsigned-char -fno-strict-aliasing -fno-common -O2 -Wall -Wextra
	-Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers -Wno-type-limits
	-Wno-shift-negative-value -Iinclude -I. -DKBUILD_MODNAME=\"build_fail\""
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
n=0

# case NAME EXPECT BODY: EXPECT is "ok" (must build) or a message the compiler must print.
case_() {
	name=$1 expect=$2 body=$3
	for cc in $compilers; do
		n=$((n + 1))
		cat >"$tmp/t.c" <<EOT
#include <linux/kernel.h>
#include <linux/bits.h>
#include <linux/jump_label.h>
#include <linux/minmax.h>
#include <linux/random.h>
#include <linux/string.h>
int f(int i, unsigned int u, long l, unsigned long ul, size_t sz, u8 b, char *p, int n);
int f(int i, unsigned int u, long l, unsigned long ul, size_t sz, u8 b, char *p, int n)
{
	$body
	return 0;
}
EOT
		# shellcheck disable=SC2086
		out=$($cc $flags -c "$tmp/t.c" -o "$tmp/t.o" 2>&1)
		rc=$?
		if [ "$expect" = ok ]; then
			[ $rc -eq 0 ] && res=ok || res=bad
		else
			if [ $rc -ne 0 ] && printf '%s' "$out" | grep -qF -- "$expect"; then
				res=ok
			else
				res=bad
			fi
		fi
		if [ $res = ok ]; then
			echo "ok $n $cc: $name"
			passed=$((passed + 1))
		else
			echo "not ok $n $cc: $name (expected: $expect)"
			printf '%s\n' "$out" | head -5 | sed 's/^/#   /'
			failed=$((failed + 1))
		fi
	done
}

# min()/max()/clamp() signedness, as in Linux 6.12.
case_ "min(int, unsigned int)" "min(i, u) signedness error" "return min(i, u);"
case_ "max(long, unsigned long)" "max(l, ul) signedness error" "return max(l, ul);"
case_ "min(int, unsigned constant)" "min(i, 5u) signedness error" "return min(i, 5u);"
case_ "min(size_t, negative constant)" "min(sz, -1) signedness error" "return min(sz, -1);"
case_ "min3 mixed" "min3(i, u, 3) signedness error" "return min3(i, u, 3);"
case_ "clamp mixed" "signedness error" "return clamp(i, 0u, 10u);"
case_ "clamp low > high" "clamp() low limit 10 greater than high limit 5" \
	"return clamp(i, 10, 5);"
case_ "umin/umax accept mixing" ok "return umin(i, u) + umax(sz, l);"
case_ "unsigned vs non-negative constant" ok "return min(u, 5) + max(sz, 16) + clamp(ul, 1, 8);"
case_ "small unsigned vs signed" ok "return min(b, i) + max(b, -1);"
case_ "min_t/clamp_t convert" ok "return min_t(int, i, u) + clamp_t(long, ul, 0, 9);"
case_ "loop index proven non-negative" ok \
	"int k, s = 0; for (k = 0; k < n; k++) s += min(k, sz); return s;"
# Other build-time checks.
case_ "strscpy() without size on a pointer" "error" "return strscpy(p, \"x\");"
case_ "ARRAY_SIZE() of a pointer" "error" "return ARRAY_SIZE(p);"
case_ "GENMASK() with swapped bounds" "error" "return GENMASK(3, 4);"
case_ "get_random_u32_below(0)" "get_random_u32_below() must take ceil > 0" \
	"return get_random_u32_below(0);"
case_ "get_random_u32_inclusive(5, 4)" "get_random_u32_inclusive() must take floor <= ceil" \
	"return get_random_u32_inclusive(5, 4);"
case_ "get_random_u32_above(U32_MAX)" "get_random_u32_above() must take floor < U32_MAX" \
	"return get_random_u32_above(U32_MAX);"
case_ "random helpers with variables" ok \
	"return get_random_u32_below(u) + get_random_u32_inclusive(u, u + 1) +
		get_random_u32_above(u);"
case_ "static_key_enabled() of a non-key" "error" "return static_key_enabled(&i);"

echo "$passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ]
