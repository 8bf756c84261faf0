#!/usr/bin/env bash
# How cost grows with the corpus: generated corpora of 10k, 100k and 1M articles (recombined
# from Reuters-21578 with a fixed seed, bench/generate_corpus.py), each indexed by gazette-index
# (wall time, peak RSS, index size) and searched with 2,000 queries made from its titles
# (top-10 p50/p99 in-process, five passes).
# usage: bench/scale.sh [SIZES...]     (default: 10000 100000 1000000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
need bc:bc
source_corpus=$data/news/reuters21578.jsonl.gz
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-scale-XXXXXX")
trap 'rm -rf "$work"' EXIT
[ -x "$build/bench/gazette-query-bench" ] || "$root/scripts/build.sh" >/dev/null
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)

printf '%10s %10s %10s %10s %12s %12s %10s %10s\n' articles index_s docs_per_s rss_mib index_mib bytes_per_in p50_ms p99_ms
for n in "${sizes[@]}"; do
  python3 "$root/bench/generate_corpus.py" "$source_corpus" "$n" 42 >"$work/corpus.jsonl"
  python3 "$anchors/make_queries.py" "$work/corpus.jsonl" 2000 3 >"$work/queries.tsv"
  input=$(stat -c %s "$work/corpus.jsonl")
  rm -rf "$work/db"
  /usr/bin/time -f '%e %M' -o "$work/time.out" "$build/indexer/gazette-index" -q --db "$work/db" "$work/corpus.jsonl"
  read -r secs rss_kb < <(tail -1 "$work/time.out")
  bytes=$(du -sb "$work/db" | cut -f1)
  out=$("$build/bench/gazette-query-bench" --db "$work/db" --queries "$work/queries.tsv" --exact-total 0)
  p50=$(sed -n 's/.*p50_us=\([0-9.]*\).*/\1/p' <<<"$out") p99=$(sed -n 's/.*p99_us=\([0-9.]*\).*/\1/p' <<<"$out")
  printf '%10d %10.1f %10.0f %10d %12.0f %12.2f %10.2f %10.2f\n' "$n" "$secs" "$(echo "$n / $secs" | bc -l)" \
    $((rss_kb / 1024)) "$(echo "$bytes / 1048576" | bc -l)" "$(echo "$bytes / $input" | bc -l)" \
    "$(echo "$p50 / 1000" | bc -l)" "$(echo "$p99 / 1000" | bc -l)"
  rm -rf "$work/db" "$work/corpus.jsonl"
done
