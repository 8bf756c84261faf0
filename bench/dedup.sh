#!/usr/bin/env bash
# Story grouping on Reuters-21578 (exact and near copies): index it with gazette-index, export
# each article's story, and score the grouping against exact shingle overlap (dedup_eval.py).
# usage: bench/dedup.sh [DOCS.jsonl.gz]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
docs=${1:-$data/news/reuters21578.jsonl.gz}
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-dedup-XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -x "$build/search/gazette-search" ] || "$root/scripts/build.sh" >/dev/null
"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/db" "$docs" || [ $? = 2 ]
# Export id -> story for every article, paging by date with cursors.
cursor=""
while :; do
  "$build/search/gazette-search" --db "$work/db" --json --sort oldest --limit 10000 --snippet 0 ${cursor:+--cursor "$cursor"} '' >"$work/page.json"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); [print(h["id"] + "\t" + h["story"]) for h in r["hits"]]; print(r["next_cursor"] or "", file=open(sys.argv[2], "w"))' "$work/page.json" "$work/cursor"
  cursor=$(cat "$work/cursor")
  [ -n "$cursor" ] || break
done >"$work/stories.tsv"
python3 "$root/bench/dedup_eval.py" "$docs" "$work/stories.tsv"
