#!/usr/bin/env bash
# Indexing speed, memory and index size of gazette-index against the reference engines, side by
# side: each run indexes the corpus with Lucene 8.7, SQLite FTS5, the Xapian floor, Sphinx 2.2 and
# PostgreSQL 15 (../shared/anchors/anchors.sh index) and with gazette-index (default settings), and
# the medians of the runs are compared. The machine is noisy: compare the ratios.
# usage: bench/index.sh [RUNS] [DOCS.jsonl.gz ...]   (default: 3 runs, Reuters-21578 and 20 Newsgroups)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
require_dir "$anchors" GAZETTE_ANCHORS
need bc:bc
runs=${1:-3}; shift || true
corpora=("$@")
[ ${#corpora[@]} -gt 0 ] || corpora=("$data/news/reuters21578.jsonl.gz" "$data/news/20newsgroups.jsonl.gz")
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-index-XXXXXX")
# The anchors run PostgreSQL as its own user, which must reach its data directory in here.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
export ANCHORS_WORK="$work/anchors"
[ -x "$build/indexer/gazette-index" ] || "$root/scripts/build.sh" >/dev/null

size_of() { du -sb "$@" | awk '{s += $1} END {print s}'; }
engines=(lucene-8.7 sqlite-fts5 xapian-floor sphinx-2.2 postgres-15)

for corpus in "${corpora[@]}"; do
  name=$(basename "$corpus" .jsonl.gz)
  input_bytes=$(zcat -f "$corpus" | wc -c)
  : >"$work/$name.times"
  for run in $(seq 1 "$runs"); do
    "$anchors/anchors.sh" index "$corpus" >"$work/anchors.out"
    for engine in "${engines[@]}"; do
      line=$(grep "^$engine " "$work/anchors.out")
      for field in secs index_mb peak_rss_mb; do
        echo "$engine-$field $(sed -n "s/.* $field=\([0-9.]*\).*/\1/p" <<<"$line")" >>"$work/$name.times"
      done
    done
    rm -rf "$work/gazette.db"
    # Exit code 2: some records were rejected (Reuters has one with neither title nor body).
    /usr/bin/time -f '%e %M' -o "$work/time.out" "$build/indexer/gazette-index" -q --show-errors 0 \
      --db "$work/gazette.db" "$corpus" 2>/dev/null || [ $? = 2 ]
    read -r secs rss_kb < <(tail -1 "$work/time.out")
    echo "gazette-secs $secs" >>"$work/$name.times"
    echo "gazette-peak_rss_mb $(echo "scale=1; $rss_kb / 1024" | bc)" >>"$work/$name.times"
    echo "gazette-index_mb $(echo "scale=1; $(size_of "$work/gazette.db") / 1048576" | bc)" >>"$work/$name.times"
  done
  m() { grep "^$1 " "$work/$name.times" | cut -d' ' -f2 | median; }
  gazette=$(m gazette-secs)
  echo "== $name: $(zcat -f "$corpus" | wc -l) docs, $input_bytes bytes of JSON Lines, median of $runs runs"
  printf '%-14s %9s %10s %12s %16s\n' engine "wall s" "index MiB" "peak RSS MiB" "gazette / engine"
  for engine in "${engines[@]}" gazette; do
    secs=$(m "$engine-secs")
    printf '%-14s %9.2f %10s %12s %15.2fx\n' "$engine" "$secs" "$(m "$engine-index_mb")" "$(m "$engine-peak_rss_mb")" \
      "$(echo "$gazette / $secs" | bc -l)"
  done
  echo "gazette / lucene wall time: $(echo "scale=2; $gazette / $(m lucene-8.7-secs)" | bc)x (target <= 1.0)"
  echo "gazette / sphinx wall time: $(echo "scale=2; $gazette / $(m sphinx-2.2-secs)" | bc)x, gazette / fts5: $(echo "scale=2; $gazette / $(m sqlite-fts5-secs)" | bc)x"
  echo "xapian-floor / gazette:     $(echo "scale=2; $(m xapian-floor-secs) / $gazette" | bc)x faster (target >= 2.5)"
done
