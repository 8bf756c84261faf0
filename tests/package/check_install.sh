#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds and runs examples/ against that
# installation, once through the CMake package and once through pkg-config.
# Usage: check_install.sh BUILD_DIR EXAMPLES_DIR
set -euo pipefail
build=$1 examples=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-package-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$work/prefix" >/dev/null
lib=$(find "$work/prefix" -name 'libgazette.so.*.*.*' | head -1)
[ -n "$lib" ] || fail "libgazette.so was not installed"
soname=$(readelf -d "$lib" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
[ "$soname" = "libgazette.so.0" ] || fail "soname is '$soname', expected libgazette.so.0"
# Hidden visibility: only the public API is exported.
symbols=$(nm -D -C --defined-only "$lib")
leaked=$(grep -c 'gazette::detail' <<<"$symbols" || true)
[ "$leaked" = 0 ] || fail "$leaked internal symbols are exported"
grep -q 'gazette::Searcher::search' <<<"$symbols" || fail "public symbols are missing"
# Public headers must not pull in third-party headers.
if grep -rhoE '#include <(xapian|nlohmann|boost|libxml|gumbo|CLI)[^>]*>' "$work/prefix/include/gazette"; then
  fail "public headers include third-party headers"
fi

# 1. CMake package: find_package(Gazette CONFIG) -> Gazette::gazette
cmake -S "$examples" -B "$work/example" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null
cmake --build "$work/example" >/dev/null
out=$("$work/example/embed" "$work/index" bridge)
echo "$out"
grep -q '^2 results for "bridge"' <<<"$out" || fail "unexpected example output"
grep -q '^ex-1' <<<"$out" || fail "example did not find ex-1"

# 2. pkg-config, compiled as C++17 to prove the public API needs nothing newer.
pcdir=$(dirname "$(find "$work/prefix" -name gazette.pc | head -1)")
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs gazette)
g++ -std=c++17 -Wall -Wextra -Werror "$examples/embed.cpp" -o "$work/embed-pc" $flags
out=$(LD_LIBRARY_PATH="$(dirname "$lib")" "$work/embed-pc" "$work/index2" strike)
grep -q '^1 results for "strike"' <<<"$out" || fail "pkg-config build gave: $out"
echo "package: OK"
