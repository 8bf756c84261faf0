#!/usr/bin/env bash
# Top-10 latency on every kind of query, not only Reuters titles: Gazette against the bare
# Xapian floor of the reference kit (../shared/anchors/xapian_floor.cc) on Reuters-21578 and
# 20 Newsgroups in one index, with logs made by bench/make_mixed_queries.py (short, long,
# subjects as written, misspelt, absent words, and all of them mixed). In-process, 5 passes
# each, exact totals off like the floor; the floor and Gazette alternate for ROUNDS rounds and
# each ratio is the median of the rounds' ratios. Gazette runs as a search page would (with
# "did you mean" for searches with few results) and without it (--no-suggest: what an
# evaluation run or an API client asking suggest=false gets). Then each log whole-batch, as an
# evaluation run is made: one process from start to end, the floor's against gazette-search's.
# usage: bench/mixed_queries.sh [PER_KIND] [ROUNDS]   (default 400 queries per kind, 3 rounds)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
require_dir "$anchors" GAZETTE_ANCHORS
per_kind=${1:-400}
rounds=${2:-3}
need bc:bc
[ -x "$build/bench/gazette-query-bench" ] || "$root/scripts/build.sh" >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-mixed-XXXXXX")
trap 'rm -rf "$work"' EXIT
corpora=("$data/news/reuters21578.jsonl.gz" "$data/news/20newsgroups.jsonl.gz")
zcat -f "${corpora[@]}" >"$work/docs.jsonl"
python3 "$root/bench/make_mixed_queries.py" "$work/logs" "$per_kind" 20261203 "${corpora[@]}"
g++ -O2 -std=c++17 -o "$work/xapian_floor" "$anchors/xapian_floor.cc" -lxapian
/usr/bin/python3 "$anchors/jsonl2tsv.py" "$work/docs.jsonl" "$work/docs.tsv"
"$work/xapian_floor" index "$work/docs.tsv" "$work/floor" >/dev/null
"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/gazette" "$work/docs.jsonl" 2>/dev/null || [ $? = 2 ]

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -1; }
# Whole batch: each log five times over (new query ids), one process start to end, as an
# evaluation run goes: the floor's program with one pass, and gazette-search writing a TREC run.
seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); echo "$t1 - $t0" | bc; }
for kind in short long subjects misspelt absent mixed; do
  for i in 1 2 3 4 5; do sed "s/^/$i-/" "$work/logs/$kind.tsv"; done >"$work/logs/$kind.x5.tsv"
done
kinds=(short long subjects misspelt absent mixed)
for ((r = 1; r <= rounds; ++r)); do
  for kind in "${kinds[@]}"; do
    q=$work/logs/$kind.tsv
    f=$("$work/xapian_floor" search "$work/floor" "$q" 10 "$work/floor.run" 5)
    g=$("$build/bench/gazette-query-bench" --db "$work/gazette" --queries "$q" --exact-total 0 --repeat 5)
    n=$("$build/bench/gazette-query-bench" --db "$work/gazette" --queries "$q" --exact-total 0 --repeat 5 --no-suggest)
    for p in p50_us p99_us; do
      echo "$kind $p $(value $p <<<"$f") $(value $p <<<"$g") $(value $p <<<"$n")" >>"$work/rounds"
    done
    q5=$work/logs/$kind.x5.tsv
    fb=$(seconds "$work/xapian_floor" search "$work/floor" "$q5" 10 "$work/floor.run" 1)
    gb=$(seconds "$build/search/gazette-search" --db "$work/gazette" --queries "$q5" --format trec --limit 10)
    echo "$kind $fb $gb" >>"$work/batch"
  done
done

echo "Reuters-21578 + 20 Newsgroups ($(wc -l <"$work/docs.jsonl") articles), $per_kind queries per kind; $rounds rounds, medians; $(nproc) cores; $(date -u +%F)"
printf '%-9s %-7s %10s %10s %14s %10s %14s %16s\n' kind "" floor gazette "gazette/floor" "no-suggest" "no-sugg./floor" "suggest cost"
for kind in "${kinds[@]}"; do
  for p in p50_us p99_us; do
    rows=$(grep "^$kind $p " "$work/rounds")
    col() { awk -v c="$1" '{print $c}' <<<"$rows" | median; }
    ratio() { awk -v a="$1" -v b="$2" '{print $a / $b}' <<<"$rows" | median; }
    printf '%-9s %-7s %10s %10s %13.2fx %10s %13.2fx %15.2fx\n' "$kind" "${p%_us}" "$(col 3)" "$(col 4)" "$(ratio 4 3)" \
      "$(col 5)" "$(ratio 5 3)" "$(ratio 4 5)"
  done
done
echo
echo "Whole batch: each log five times over, one process (the floor's search, one pass; gazette-search --format trec --limit 10)"
printf '%-9s %10s %10s %14s\n' kind "floor s" "gazette s" "gazette/floor"
for kind in "${kinds[@]}"; do
  rows=$(grep "^$kind " "$work/batch")
  printf '%-9s %10.3f %10.3f %13.2fx\n' "$kind" "$(awk '{print $2}' <<<"$rows" | median)" \
    "$(awk '{print $3}' <<<"$rows" | median)" "$(awk '{print $3 / $2}' <<<"$rows" | median)"
done
