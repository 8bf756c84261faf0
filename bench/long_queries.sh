#!/usr/bin/env bash
# Monitoring queries: many quoted two-word names OR-ed, as media-monitoring desks write them,
# against Reuters-21578, in-process (gazette-query-bench, limit 10, no snippets). The names are
# word pairs taken from Reuters titles, so most of them match; 50 queries per size.
# Usage: bench/long_queries.sh [SIZES...]   (default 10 40 200 500 names)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10 40 200 500)
corpus=$data/news/reuters21578.jsonl.gz
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-long-queries-XXXXXX")
trap 'rm -rf "$work"' EXIT
"$build/indexer/gazette-index" --db "$work/db" -q "$corpus" 2>/dev/null || true
echo "Reuters-21578; 50 queries per size, 3 passes; limit 10, no snippets; $(nproc) cores"
printf '%6s %8s %10s %10s\n' names bytes "p50 us" "p99 us"
for n in "${sizes[@]}"; do
  python3 - "$corpus" "$n" "$work/q$n.tsv" <<'PY'
import gzip, json, random, re, sys
corpus, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
pairs = set()
with gzip.open(corpus, "rt", encoding="utf-8") as f:
    for line in f:
        words = re.findall(r"[a-z]{4,}", (json.loads(line).get("title") or "").lower())
        pairs.update(f"{a} {b}" for a, b in zip(words, words[1:]))
pairs = sorted(pairs)
rng = random.Random(n)
with open(out, "w") as o:
    for q in range(50):
        o.write(f"{q}\t" + " OR ".join(f'"{p}"' for p in rng.sample(pairs, n)) + "\n")
PY
  bytes=$(awk -F'\t' '{ s += length($2) } END { printf "%d", s / NR }' "$work/q$n.tsv")
  out=$("$build/bench/gazette-query-bench" --db "$work/db" --queries "$work/q$n.tsv" --repeat 3)
  p50=$(sed -n 's/.*p50_us=\([0-9.]*\).*/\1/p' <<<"$out") p99=$(sed -n 's/.*p99_us=\([0-9.]*\).*/\1/p' <<<"$out")
  errors=$(sed -n 's/.*errors=\([0-9]*\).*/\1/p' <<<"$out")
  printf '%6s %8s %10s %10s%s\n' "$n" "$bytes" "$p50" "$p99" "$([ "$errors" = 0 ] || echo " ($errors errors)")"
done
