#!/usr/bin/env bash
# Relevance of Gazette's default configuration against the reference engines, side by side in
# one run: MAP, nDCG@10 and P@10 over each test collection's judged queries.
# usage: bench/relevance.sh [COLLECTION...]     (default: every collection in $GAZETTE_DATA/relevance)
# Needs ../shared/data (or GAZETTE_DATA) and ../shared/anchors (or GAZETTE_ANCHORS).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
require_dir "$anchors" GAZETTE_ANCHORS
work=${GAZETTE_BENCH_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/gazette-relevance-XXXXXX")}
# The anchors run PostgreSQL as its own user, which must reach its data directory in here.
chmod 755 "$work"
[ -d "$data/relevance" ] || { echo "no test collections at $data/relevance" >&2; exit 2; }
[ -x "$build/search/gazette-search" ] || "$root/scripts/build.sh" >/dev/null

collections=("$@")
[ ${#collections[@]} -gt 0 ] || collections=($(ls "$data/relevance"))
for c in "${collections[@]}"; do
  dir=$data/relevance/$c
  rm -rf "$work/$c.db"
  # Exit code 2 means some records were rejected (a few collections have empty documents).
  "$build/indexer/gazette-index" -q --show-errors 0 --db "$work/$c.db" "$dir"/docs.jsonl* || [ $? = 2 ]
  python3 "$anchors/jsonl2tsv.py" "$dir/queries.jsonl" "$work/$c.queries.tsv"
  "$build/search/gazette-search" --db "$work/$c.db" --queries "$work/$c.queries.tsv" --format trec --limit 1000 \
    >"$work/$c.gazette.run"
  echo "$c gazette $(python3 "$anchors/treceval.py" "$dir/qrels.txt" "$work/$c.gazette.run")"
  [ -n "${GAZETTE_SKIP_ANCHORS:-}" ] || ANCHORS_WORK="$work/anchors" "$anchors/anchors.sh" relevance "$dir"
done
