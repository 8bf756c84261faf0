#!/usr/bin/env bash
# Top-10 query latency of the Gazette library against Lucene 8.7 and the Xapian floor, on the
# same corpus and the same 2,000 news queries, in one run (in-process, 5 passes each).
# The query log is made from Reuters titles with a fixed seed (../shared/anchors/make_queries.py).
# The machine is noisy, so the floor and Gazette alternate for ROUNDS rounds and the ratio is the
# median of the rounds' ratios; the other configurations run once.
# usage: bench/query.sh [DOCS.jsonl.gz] [ROUNDS]   (default: Reuters-21578, 3 rounds)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
require_dir "$anchors" GAZETTE_ANCHORS
need bc:bc
docs=${1:-$data/news/reuters21578.jsonl.gz}
rounds=${2:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-query-XXXXXX")
# The anchors run PostgreSQL as its own user, which must reach its data directory in here.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
export ANCHORS_WORK="$work/anchors"
[ -x "$build/bench/gazette-query-bench" ] || "$root/scripts/build.sh" >/dev/null

zcat -f "$docs" >"$work/docs.jsonl"
python3 "$anchors/make_queries.py" "$work/docs.jsonl" 2000 3 >"$work/queries.tsv"
"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/gazette.db" "$docs" 2>/dev/null || [ $? = 2 ]

bench() { "$build/bench/gazette-query-bench" --db "$work/gazette.db" --queries "$work/queries.tsv" "$@"; }
value() { # FIELD: its number in the line on stdin
  sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -1; }
for round in $(seq 1 "$rounds"); do
  "$anchors/anchors.sh" latency "$docs" "$work/queries.tsv" | tee "$work/anchors.$round"
  echo "gazette (estimated totals, like the floor):  $(bench --exact-total 0)" | tee "$work/plain.$round"
  for p in p50_us p99_us; do
    floor=$(grep '^xapian-floor' "$work/anchors.$round" | value $p)
    gazette=$(value $p <"$work/plain.$round")
    echo "$p $floor $gazette $(echo "scale=4; $gazette / $floor" | bc)" >>"$work/rounds"
  done
done
echo "gazette (default: exact totals up to 1000):   $(bench)"
echo "gazette + snippets (200 bytes):               $(bench --exact-total 0 --snippets 200)"
echo "gazette + facets (source, tag, month):        $(bench --exact-total 0 --facets source,tag,month)"
echo "gazette + collapse by story:                  $(bench --exact-total 0 --collapse)"

for p in p50_us p99_us; do
  col() { grep "^$p " "$work/rounds" | cut -d' ' -f"$1" | median; }
  echo "median of $rounds rounds, $p: xapian-floor $(col 2), gazette $(col 3);" \
       "gazette / xapian-floor $(printf '%.2f' "$(col 4)")x (target <= 1.2)"
done
