#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian packages krt needs when they are missing (apt-get, when run as root).
# KRT_DEPS_EXTRA adds more (the conformance target asks for linux-source-6.12).
set -e
pkgs="gcc make pkg-config liburcu-dev libdw-dev libelf-dev valgrind \
      libmimalloc-dev libjemalloc-dev libgoogle-perftools-dev iproute2 iputils-ping $KRT_DEPS_EXTRA"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "krt: missing Debian packages:$missing (run as root, or: sudo apt-get install$missing)" >&2
	exit 1
fi
echo "krt: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq $missing >/dev/null
