#!/usr/bin/env bash
# A time-partitioned archive against one index of the same articles, side by side in one run:
# indexing time and peak memory (one index built in parallel, one written in batches, an archive
# by month built in parallel, one written in batches), the index size, the whole-batch time of the Reuters title queries, and how many
# queries rank differently (other than by ties at the last place).
# Usage: bench/archive.sh [ROUNDS]   (default 3; medians are reported)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
rounds=${1:-3}
corpus=$data/news/reuters21578.jsonl.gz
queries=$data/queries/reuters-titles-2000.tsv
[ -f "$corpus" ] && [ -f "$queries" ] || { echo "archive.sh: needs $corpus and $queries" >&2; exit 2; }
index=$build/indexer/gazette-index search=$build/search/gazette-search
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-archive-bench-XXXXXX")
trap 'rm -rf "$work"' EXIT

declare -A seconds memory query_seconds
layouts=("bulk:--threads 0" "batches:--threads 1" "archive:--partition month" "archive-1:--partition month --threads 1")
for ((r = 1; r <= rounds; ++r)); do
  for entry in "${layouts[@]}"; do
    name=${entry%%:*} options=${entry#*:}
    rm -rf "$work/$name" "$work/$name.gazette-lock"
    /usr/bin/time -f "%e %M" -o "$work/time" "$index" --db "$work/$name" $options -q "$corpus" 2>/dev/null || true
    read -r s m < <(tail -n 1 "$work/time")
    seconds[$name]+="$s " memory[$name]+="$m "
    /usr/bin/time -f "%e" -o "$work/qtime" "$search" --db "$work/$name" --queries "$queries" --format trec --limit 10 >"$work/$name.trec"
    query_seconds[$name]+="$(tail -n 1 "$work/qtime") "
  done
done

# Queries whose top 10 differ from the index written in batches (same stories) other than by
# ties at the last place.
differing() {
  python3 - "$work/batches.trec" "$work/$1.trec" <<'PY'
import sys
from collections import defaultdict
def load(path):
    runs = defaultdict(list)
    for line in open(path):
        qid, _, doc, _, score, _ = line.split()
        runs[qid].append((doc, float(score)))
    return runs
a, b = load(sys.argv[1]), load(sys.argv[2])
differ = 0
for qid in set(a) | set(b):
    sa, sb = [round(s, 4) for _, s in a[qid]], [round(s, 4) for _, s in b[qid]]
    if sa != sb:
        differ += 1
        continue
    last = min(sa) if sa else 0
    da, db = dict(a[qid]), dict(b[qid])
    if any(abs(da.get(d, db.get(d)) - last) > 1e-4 for d in set(da) ^ set(db)):
        differ += 1
print(differ)
PY
}

echo "Reuters-21578 ($(zcat "$corpus" | wc -l) records), $rounds rounds, medians; $(nproc) cores"
printf '%-9s %10s %12s %10s %14s %s\n' layout "index s" "peak MiB" "size MiB" "2000 queries s" "queries ranked otherwise"
base=$(median <<<"${seconds[bulk]}")
for entry in "${layouts[@]}"; do
  name=${entry%%:*}
  s=$(median <<<"${seconds[$name]}")
  m=$(median <<<"${memory[$name]}")
  size=$(du -sm "$work/$name" | cut -f1)
  q=$(median <<<"${query_seconds[$name]}")
  printf '%-9s %10s %12s %10s %14s %s\n' "$name" "$s ($(awk -v a="$s" -v b="$base" 'BEGIN { printf "%.2fx", a / b }'))" \
    "$((m / 1024))" "$size" "$q" "$([ "$name" = batches ] && echo - || differing "$name")"
done
echo "partitions of the archive:"
"$index" --db "$work/archive" --partitions | sed 's/^/  /'
