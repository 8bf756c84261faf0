#!/usr/bin/env bash
# How the cost of adding articles grows with what is already indexed, the way a news archive
# grows: a generated corpus (bench/generate_corpus.py) sorted by publication date is fed in
# chunks, one gazette-index run per chunk, into a time-partitioned archive (--partition month)
# and into one index, side by side (each chunk goes to both before the next one). The first
# chunk makes each new (a bulk build); every later chunk is written in batches to what is there.
# Each chunk's wall and CPU time (user + system) and peak RSS are recorded; the growth compares
# the CPU cost per article of the chunks around SIZE_A articles with those around SIZE_B (medians
# of 3 chunks each), 1.00 meaning no growth.
# usage: bench/archive_growth.sh [TOTAL] [CHUNK] [SIZE_A]   (default 1000000 20000 100000)
# LAYOUTS="archive" (default "archive single") leaves one index out: at 3M articles it takes
# twice as long as the archive.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
need bc:bc
total=${1:-1000000} chunk=${2:-20000} size_a=${3:-100000}
read -r -a layouts <<<"${LAYOUTS:-archive single}"
source_corpus=$data/news/reuters21578.jsonl.gz
[ -f "$source_corpus" ] || { echo "archive_growth.sh: needs $source_corpus" >&2; exit 2; }
index=$build/indexer/gazette-index
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-archive-growth-XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 "$root/bench/generate_corpus.py" "$source_corpus" "$total" 42 |
  python3 -c '
import json, sys
lines = sys.stdin.readlines()  # the lines, not parsed articles: less memory at millions
lines.sort(key=lambda line: json.loads(line)["published"])
sys.stdout.writelines(lines)' >"$work/sorted.jsonl"
split -l "$chunk" -d -a 4 "$work/sorted.jsonl" "$work/chunk."
rm "$work/sorted.jsonl"

echo "layout before_articles chunk_articles wall_s cpu_s peak_rss_mib" >"$work/times"
done_articles=0
for file in "$work"/chunk.*; do
  n=$(wc -l <"$file")
  for layout in "${layouts[@]}"; do
    options=(); [ "$layout" = archive ] && [ "$done_articles" = 0 ] && options=(--partition month)
    /usr/bin/time -f '%e %U %S %M' -o "$work/time.out" "$index" -q --db "$work/$layout" "${options[@]}" "$file"
    read -r wall user sys rss < <(tail -1 "$work/time.out")
    echo "$layout $done_articles $n $wall $(echo "$user + $sys" | bc) $((rss / 1024))" >>"$work/times"
  done
  done_articles=$((done_articles + n))
  rm "$file"
done

# CPU seconds per 1000 articles of the chunks around SIZE for LAYOUT (median of 3 chunks).
cost_at() {
  awk -v l="$1" -v s="$2" -v c="$chunk" '$1 == l && $2 >= s - c && $2 <= s + c { printf "%.6f\n", 1000 * $5 / $3 }' \
    "$work/times" | median
}
echo "== every chunk (the first is a bulk build of a new index)"
column -t "$work/times"
echo "== CPU seconds per 1000 articles added, median of the 3 chunks around each size"
size_b=$((done_articles - 2 * chunk))
# SIZE_A, then each tenfold of it the run passed, then the end.
sizes=("$size_a")
for ((s = 10 * size_a; s < size_b - chunk; s *= 10)); do sizes+=("$s"); done
sizes+=("$size_b")
for layout in "${layouts[@]}"; do
  a=$(cost_at "$layout" "$size_a")
  for s in "${sizes[@]:1}"; do
    b=$(cost_at "$layout" "$s")
    printf '%-8s at %-8s %8.3f  at %-8s %8.3f  growth %5.2fx\n' "$layout" "$size_a" "$a" "$s" "$b" "$(echo "scale=4; $b / $a" | bc)"
  done
done
# The same from a least-squares line through every chunk written to what was there (all but the
# first): the medians alone move with a noisy chunk or two.
echo "== the same from a least-squares line through every later chunk's cost"
printf '%-8s %12s %12s %8s\n' layout "at $size_a" "at $size_b" growth
for layout in "${layouts[@]}"; do
  awk -v l="$layout" -v a="$size_a" -v b="$size_b" '
    $1 == l && $2 > 0 { x = $2; y = 1000 * $5 / $3; n++; sx += x; sy += y; sxx += x * x; sxy += x * y }
    END {
      slope = (n * sxy - sx * sy) / (n * sxx - sx * sx); icpt = (sy - slope * sx) / n
      printf "%-8s %12.3f %12.3f %7.2fx\n", l, icpt + slope * a, icpt + slope * b, (icpt + slope * b) / (icpt + slope * a)
    }' "$work/times"
done
[ -d "$work/archive" ] && echo "partitions: $(ls "$work/archive" | grep -c '^[0-9u]')"
