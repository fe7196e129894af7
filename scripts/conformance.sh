#!/bin/sh
# SPDX-License-Identifier: MIT
#
# make conformance: compile real KUnit test files of Linux 6.12, unmodified, against an
# installed krt and run them; any compile error or failed test fails the target.
#
#   scripts/conformance.sh [BUILD]
#
# The files come from Debian's linux-source-6.12 package (installed when missing and run as
# root). They are GPL-2.0: they are extracted to a temporary folder, never into the tree.
set -eu

BUILD=${1:-build}
FILES="lib/kunit/kunit-example-test.c lib/list-test.c lib/is_signed_type_kunit.c lib/overflow_kunit.c"
TARBALL=/usr/src/linux-source-6.12.tar.xz
TOP=linux-source-6.12
MAKE=${MAKE:-make}
CC=${CC:-cc}

cd "$(dirname "$0")/.."

if [ ! -f "$TARBALL" ]; then
	KRT_DEPS_EXTRA="linux-source-6.12 xz-utils" scripts/deps.sh
fi
if [ ! -f "$TARBALL" ]; then
	echo "conformance: $TARBALL is missing (Debian package linux-source-6.12)" >&2
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/krt-conformance.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

members=""
for f in $FILES; do
	members="$members $TOP/$f"
done
mkdir "$tmp/src"
# shellcheck disable=SC2086 # one member per word
tar -xJf "$TARBALL" -C "$tmp/src" $members

# Install exactly what a user gets: headers, libraries and the pkg-config files.
$MAKE --no-print-directory BUILD="$BUILD" install PREFIX="$tmp/prefix" >"$tmp/install.log" 2>&1 || {
	cat "$tmp/install.log" >&2
	echo "conformance: make install failed" >&2
	exit 1
}
PKG_CONFIG_PATH="$tmp/prefix/lib/pkgconfig"
export PKG_CONFIG_PATH
cflags=$(pkg-config --cflags krt-kunit)
libs=$(pkg-config --libs krt-kunit)

failed=0
passed_files=0
total_files=0
for f in $FILES; do
	name=$(basename "$f" .c)
	total_files=$((total_files + 1))
	# shellcheck disable=SC2086 # pkg-config output is a list of words
	# -O2 as kernel code is always built (the kernel does not support -O0; object-size
	# builtins such as __struct_size() only see through allocations when optimising).
	if ! $CC $cflags -O2 -DKBUILD_MODNAME='"x"' "$tmp/src/$TOP/$f" $libs -o "$tmp/$name" \
		>"$tmp/$name.cc.log" 2>&1; then
		cat "$tmp/$name.cc.log" >&2
		echo "conformance: $f: does not compile against krt" >&2
		failed=1
		continue
	fi
	if [ -s "$tmp/$name.cc.log" ]; then
		# Compiler warnings are failures too: kernel code must build cleanly.
		cat "$tmp/$name.cc.log" >&2
		echo "conformance: $f: compiler warnings" >&2
		failed=1
		continue
	fi
	status=0
	# -lkrt may pick libkrt.so from the temporary prefix.
	LD_LIBRARY_PATH="$tmp/prefix/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
		"$tmp/$name" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
	summary=$(tail -n 1 "$tmp/$name.out")
	case "$summary" in
	*" passed, 0 failed, "*" skipped")
		ok=yes ;;
	*)
		ok=no ;;
	esac
	if [ "$status" -ne 0 ] || [ "$ok" != yes ]; then
		cat "$tmp/$name.out"
		cat "$tmp/$name.err" >&2
		echo "conformance: $f: FAILED (exit status $status): $summary" >&2
		failed=1
		continue
	fi
	passed_files=$((passed_files + 1))
	echo "conformance: $f: $summary"
done

echo "conformance: $passed_files of $total_files kernel KUnit files passed"
exit $failed
