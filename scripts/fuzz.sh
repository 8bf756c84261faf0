#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) in ./build-fuzz and runs each one for
# SECONDS (default 30) from its seeds. A crash leaves its input in build-fuzz/crashes/ and fails
# the run; add such inputs to tests/fuzz/regressions/<target>/ once fixed.
# usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(jsonl json csv feed text gzip query http)
build=${GAZETTE_FUZZ_BUILD_DIR:-$root/build-fuzz}

if ! command -v clang++ >/dev/null || ! ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev >/dev/null
fi
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGAZETTE_FUZZ=ON >/dev/null
cmake --build "$build" --target $(printf 'fuzz_%s ' "${targets[@]}") >/dev/null

declare -A seeds=(
  [jsonl]="sample-data/wire/gazette-wire-2019-2021.jsonl sample-data/wire/gazette-wire-2022-2025.jsonl"
  [json]="sample-data/archive/archive.json" [csv]="sample-data/regional/valley-courier.csv"
  [feed]="sample-data/feeds" [text]="sample-data/text" [gzip]="sample-data/wire/late-2025.jsonl.gz"
  [query]="" [http]="")
mkdir -p "$build/crashes"
failed=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  for seed in ${seeds[$target]} tests/fuzz/seeds/$target tests/fuzz/regressions/$target; do
    path="$root/$seed"
    if [ -d "$path" ]; then cp -r "$path"/. "$corpus"/; elif [ -f "$path" ]; then cp "$path" "$corpus"/; fi
  done
  log="$build/fuzz_$target.log"
  if (cd "$build/crashes" && ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS="suppressions=$root/tests/fuzz/lsan-suppressions.txt" \
        "$build/tests/fuzz/fuzz_$target" "$corpus" \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1) >"$log" 2>&1; then
    echo "fuzz_$target: ok, $(sed -n 's/^stat::number_of_executed_units: *//p' "$log") runs in ${seconds}s," \
         "coverage $(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2) edges, corpus $(ls "$corpus" | wc -l)"
  else
    echo "fuzz_$target: FAILED (see $log, inputs in $build/crashes)"
    tail -30 "$log"
    failed=1
  fi
done
exit $failed
