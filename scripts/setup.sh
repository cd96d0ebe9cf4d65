#!/usr/bin/env bash
# Installs what NANO needs and is missing; a second run installs nothing.
#
# V8 is Debian's libnode108 (Node 18's shared library, V8 10.2) with its headers
# from libnode-dev. `apt-get install libnode-dev` cannot work on these machines
# (the preinstalled nodejs package conflicts), so both packages are fetched with
# `apt-get download` and unpacked into .deps/v8 (git-ignored). /usr/include/node
# holds another V8's headers and is never used.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
prefix="$root/.deps/v8"
stamp="$prefix/.installed-18.20.4"

# The shared libraries libnode.so.108 links against, and zlib's headers
# (CompressionStream links zlib itself).
runtime_libs=(libuv1 libc-ares2 libnghttp2-14 libbrotli1 libicu72 libssl3 zlib1g zlib1g-dev)

need_update=0
missing=()
for p in "${runtime_libs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    echo "setup: apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
}

if [ "${#missing[@]}" -gt 0 ]; then
  apt_update_once
  echo "setup: installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -f "$stamp" ]; then
  apt_update_once
  tmp=$(mktemp -d)
  chmod 777 "$tmp"   # apt's _apt user writes the download there
  echo "setup: downloading libnode108 + libnode-dev"
  (cd "$tmp" && apt-get download -qq libnode108 libnode-dev 2>&1 | grep -v "unsandboxed" || true)
  ls "$tmp"/libnode108_*.deb "$tmp"/libnode-dev_*.deb >/dev/null
  rm -rf "$prefix"
  mkdir -p "$prefix"
  for deb in "$tmp"/*.deb; do dpkg-deb -x "$deb" "$prefix"; done
  rm -rf "$tmp"
  test -f "$prefix/usr/include/node/v8.h"
  test -f "$prefix/usr/lib/x86_64-linux-gnu/libnode.so.108"
  grep -h "define V8_M\|define V8_BUILD\|define V8_PATCH" "$prefix/usr/include/node/v8-version.h" > "$stamp"
  echo "setup: V8 $(awk '{printf "%s%s", sep, $3; sep="."}' "$stamp") in .deps/v8"
fi
