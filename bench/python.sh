#!/usr/bin/env bash
# The Python module against the C++ library, side by side: the Reuters title log searched
# in-process (limit 10, no snippets) by gazette-query-bench and by bench/python_search.py,
# rounds interleaved; then throughput with 2 threads each. Medians of ROUNDS (default 3).
# Usage: bench/python.sh [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
rounds=${1:-3}
corpus=$data/news/reuters21578.jsonl.gz queries=$data/queries/reuters-titles-2000.tsv
python=${GAZETTE_PYTHON:-/usr/bin/python3}
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-python-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$build/indexer/gazette-index" --db "$work/db" -q "$corpus" 2>/dev/null || true
export PYTHONPATH=$build/python
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
declare -a cpp_p50 py_p50 cpp_mean py_mean cpp_qps py_qps
for ((r = 0; r < rounds; ++r)); do
  out=$("$build/bench/gazette-query-bench" --db "$work/db" --queries "$queries" --repeat 3)
  cpp_p50+=("$(field p50_us <<<"$out")") cpp_mean+=("$(field mean_us <<<"$out")")
  out=$("$python" "$root/bench/python_search.py" "$work/db" "$queries" 3)
  py_p50+=("$(field p50_us <<<"$out")") py_mean+=("$(field mean_us <<<"$out")")
  cpp_qps+=("$("$build/bench/gazette-query-bench" --db "$work/db" --queries "$queries" --repeat 2 --threads 2 | field qps)")
  py_qps+=("$("$python" "$root/bench/python_search.py" "$work/db" "$queries" 2 2 | field qps)")
done
m() { printf '%s\n' "$@" | median; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo "Reuters-21578, 2000 title queries x 3, limit 10, no snippets; $rounds rounds, medians; $(nproc) cores"
printf '%-8s %10s %10s %12s\n' "" "p50 us" "mean us" "qps (2 thr)"
printf '%-8s %10s %10s %12s\n' C++ "$(m "${cpp_p50[@]}")" "$(m "${cpp_mean[@]}")" "$(m "${cpp_qps[@]}")"
printf '%-8s %10s %10s %12s\n' Python "$(m "${py_p50[@]}")" "$(m "${py_mean[@]}")" "$(m "${py_qps[@]}")"
echo "Python / C++: p50 $(ratio "$(m "${py_p50[@]}")" "$(m "${cpp_p50[@]}")"), mean $(ratio "$(m "${py_mean[@]}")" "$(m "${cpp_mean[@]}")"), throughput $(ratio "$(m "${py_qps[@]}")" "$(m "${cpp_qps[@]}")")"
