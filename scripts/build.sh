#!/usr/bin/env bash
# Configures and builds Gazette in ./build (or $GAZETTE_BUILD_DIR), warnings as errors.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${GAZETTE_BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_WERROR=ON >/dev/null
cmake --build "$build"
