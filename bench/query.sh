#!/usr/bin/env bash
# Top-10 query latency of the Gazette library against Lucene 8.7 and the Xapian floor, on the
# same corpus and the same 2,000 news queries, in one run (in-process, 5 passes each).
# The query log is made from Reuters titles with a fixed seed (../shared/anchors/make_queries.py).
# usage: bench/query.sh [DOCS.jsonl.gz]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
need bc:bc
docs=${1:-$data/news/reuters21578.jsonl.gz}
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-query-XXXXXX")
trap 'rm -rf "$work"' EXIT
export ANCHORS_WORK="$work/anchors"
[ -x "$build/bench/gazette-query-bench" ] || "$root/scripts/build.sh" >/dev/null

zcat -f "$docs" >"$work/docs.jsonl"
python3 "$anchors/make_queries.py" "$work/docs.jsonl" 2000 3 >"$work/queries.tsv"
"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/gazette.db" "$docs" 2>/dev/null || [ $? = 2 ]

"$anchors/anchors.sh" latency "$docs" "$work/queries.tsv" | tee "$work/anchors.out"
bench() { "$build/bench/gazette-query-bench" --db "$work/gazette.db" --queries "$work/queries.tsv" "$@"; }
echo "gazette (estimated totals, like the floor):  $(bench --exact-total 0)" | tee "$work/plain.out"
echo "gazette (default: exact totals up to 1000):   $(bench)"
echo "gazette + snippets (200 bytes):               $(bench --exact-total 0 --snippets 200)"
echo "gazette + facets (source, tag, month):        $(bench --exact-total 0 --facets source,tag,month)"
echo "gazette + collapse by story:                  $(bench --exact-total 0 --collapse)"

value() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" "$1" | head -1; }
floor_line=$(grep '^xapian-floor' "$work/anchors.out" >"$work/floor.out"; echo "$work/floor.out")
echo "gazette / xapian-floor p50: $(echo "scale=2; $(value "$work/plain.out" p50_us) / $(value "$floor_line" p50_us)" | bc)x," \
     "p99: $(echo "scale=2; $(value "$work/plain.out" p99_us) / $(value "$floor_line" p99_us)" | bc)x (target <= 1.2)"
