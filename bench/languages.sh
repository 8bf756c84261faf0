#!/usr/bin/env bash
# What several languages in one index cost. Reuters-21578 and 20 Newsgroups in one index (one
# language), the same with one German article declared as such (two languages: every query
# without a query language is read in both), and the same built with --detect-language; top-10
# latency in-process on the short and long logs of bench/make_mixed_queries.py, the indexes
# alternating for ROUNDS rounds (medians). Then indexing Reuters-21578 with and without
# --detect-language, alternating RUNS times (wall and user time, medians), and the languages
# detection gives the articles of each corpus, which declare none.
# usage: bench/languages.sh [ROUNDS] [RUNS]   (default 3 and 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
rounds=${1:-3}
runs=${2:-3}
need bc:bc
[ -x "$build/bench/gazette-query-bench" ] || "$root/scripts/build.sh" >/dev/null
index=$build/indexer/gazette-index
search=$build/search/gazette-search
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-languages-XXXXXX")
trap 'rm -rf "$work"' EXIT
corpora=("$data/news/reuters21578.jsonl.gz" "$data/news/20newsgroups.jsonl.gz")
zcat -f "${corpora[@]}" >"$work/docs.jsonl"
python3 "$root/bench/make_mixed_queries.py" "$work/logs" 400 20261203 "${corpora[@]}"
german='{"id":"de-1","language":"de","title":"Die Regierung plant neue Häuser in Berlin","body":"Die Bundesregierung hat am Montag beschlossen, tausende neue Wohnungen und Häuser zu bauen. Der Haushalt wird erhöht."}'
{ cat "$work/docs.jsonl"; echo "$german"; } >"$work/docs-de.jsonl"
build_index() { "$index" -q --show-errors 0 "$@" 2>/dev/null || [ $? = 2 ]; } # exit 2: records without text
build_index --db "$work/one" "$work/docs.jsonl"
build_index --db "$work/two" "$work/docs-de.jsonl"
build_index --detect-language --db "$work/detected" "$work/docs.jsonl"

value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -1; }
indexes=(one two detected)
for ((r = 1; r <= rounds; ++r)); do
  for kind in short long; do
    for db in "${indexes[@]}"; do
      out=$("$build/bench/gazette-query-bench" --db "$work/$db" --queries "$work/logs/$kind.tsv" --exact-total 0 \
        --repeat 5 --no-suggest)
      echo "$kind $db $(value p50_us <<<"$out") $(value p99_us <<<"$out")" >>"$work/latency"
    done
  done
done

seconds() { /usr/bin/time -f "%e %U" "$@" 2>&1 >/dev/null | tail -1; }
for ((r = 1; r <= runs; ++r)); do
  for mode in off on; do
    rm -rf "$work/reuters"
    flag=(); [ "$mode" = on ] && flag=(--detect-language)
    echo "$mode $(seconds "$index" -q --show-errors 0 "${flag[@]}" --db "$work/reuters" "${corpora[0]}" || true)" \
      >>"$work/indexing"
  done
done

echo "Reuters-21578 + 20 Newsgroups ($(wc -l <"$work/docs.jsonl") articles); $rounds rounds, medians; $(nproc) cores; $(date -u +%F)"
echo "index: one = one language; two = plus one German article (declared); detected = built with --detect-language"
printf '%-6s %-9s %10s %10s %14s\n' kind index "p50 us" "p99 us" "p50 / one"
for kind in short long; do
  base=$(grep "^$kind one " "$work/latency" | awk '{print $3}' | median)
  for db in "${indexes[@]}"; do
    rows=$(grep "^$kind $db " "$work/latency")
    p50=$(awk '{print $3}' <<<"$rows" | median)
    printf '%-6s %-9s %10s %10s %13.2fx\n' "$kind" "$db" "$p50" "$(awk '{print $4}' <<<"$rows" | median)" \
      "$(echo "$p50 / $base" | bc -l)"
  done
done
echo
echo "Indexing Reuters-21578, $runs runs each, alternating (medians)"
for mode in off on; do
  rows=$(grep "^$mode " "$work/indexing")
  echo "detection $mode: wall $(awk '{print $2}' <<<"$rows" | median) s, user $(awk '{print $3}' <<<"$rows" | median) s"
done
echo
echo "Languages detection gives articles that declare none (lang facet)"
for corpus in "${corpora[@]}" "$data"/relevance/*/docs.jsonl.gz; do
  [ -f "$corpus" ] || continue
  rm -rf "$work/facets"
  build_index --detect-language --db "$work/facets" "$corpus"
  name=${corpus#"$data"/}
  echo "$name: $("$search" --db "$work/facets" --json -n 0 --facets lang '' |
    python3 -c 'import json, sys; print(" ".join("%s %d" % (v["value"], v["count"]) for v in json.load(sys.stdin)["facets"]["lang"]))')"
done
