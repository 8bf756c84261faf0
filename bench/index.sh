#!/usr/bin/env bash
# Indexing speed, memory and index size of gazette-index against the reference engines, side by
# side: each run indexes the corpus with Lucene 8.7, SQLite FTS5 and the Xapian floor
# (../shared/anchors/anchors.sh index) and with gazette-index (default settings), and the medians
# of the runs are compared. The machine is noisy: compare the ratios.
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

for corpus in "${corpora[@]}"; do
  name=$(basename "$corpus" .jsonl.gz)
  input_bytes=$(zcat -f "$corpus" | wc -c)
  : >"$work/$name.times"
  for run in $(seq 1 "$runs"); do
    "$anchors/anchors.sh" index "$corpus" >"$work/anchors.out"
    for engine in lucene-8.7 sqlite-fts5 xapian-floor; do
      echo "$engine $(sed -n "s/^$engine .*secs=\([0-9.]*\).*/\1/p" "$work/anchors.out")" >>"$work/$name.times"
    done
    rm -rf "$work/gazette.db"
    # Exit code 2: some records were rejected (Reuters has one with neither title nor body).
    /usr/bin/time -f '%e %M' -o "$work/time.out" "$build/indexer/gazette-index" -q --show-errors 0 \
      --db "$work/gazette.db" "$corpus" 2>/dev/null || [ $? = 2 ]
    read -r secs rss_kb < <(tail -1 "$work/time.out")
    echo "gazette $secs" >>"$work/$name.times"
    echo "gazette-rss-kb $rss_kb" >>"$work/$name.times"
  done
  m() { grep "^$1 " "$work/$name.times" | cut -d' ' -f2 | median; }
  lucene=$(m lucene-8.7) fts5=$(m sqlite-fts5) floor=$(m xapian-floor) gazette=$(m gazette) rss=$(m gazette-rss-kb)
  lucene_bytes=$(size_of "$work/anchors/lu") fts5_bytes=$(size_of "$work/anchors/fts.db"*) gazette_bytes=$(size_of "$work/gazette.db")
  echo "== $name: $(zcat -f "$corpus" | wc -l) docs, $input_bytes bytes of JSON Lines, median of $runs runs"
  printf '%-14s %8s s\n' lucene-8.7 "$lucene" sqlite-fts5 "$fts5" xapian-floor "$floor" gazette "$gazette"
  echo "gazette / lucene wall time: $(echo "scale=2; $gazette / $lucene" | bc)x (target <= 1.5)"
  echo "xapian-floor / gazette:     $(echo "scale=2; $floor / $gazette" | bc)x faster (target >= 2.5)"
  echo "gazette peak RSS: $((rss / 1024)) MiB"
  echo "index bytes per input byte: gazette $(echo "scale=2; $gazette_bytes / $input_bytes" | bc)," \
       "lucene $(echo "scale=2; $lucene_bytes / $input_bytes" | bc), fts5 $(echo "scale=2; $fts5_bytes / $input_bytes" | bc)"
done
