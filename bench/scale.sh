#!/usr/bin/env bash
# How cost grows with the corpus: generated corpora of 10k, 100k and 1M articles (recombined
# from Reuters-21578 with a fixed seed, bench/generate_corpus.py), each indexed by gazette-index
# as one index and as an archive by month (wall and CPU time, peak RSS, index size) side by side
# with Lucene 8.7, SQLite FTS5 and Sphinx 2.2 on the same corpus, then searched with 2,000
# queries made from its own titles (top-10 p50/p99 in-process, five passes).
#
# Linear growth means the same cost per article at every size. This machine's speed drifts by
# 10-20% within minutes, more than the growth being measured, so the sizes are built in ROUNDS
# interleaved rounds and the growth is the median, over the rounds, of the ratio of the cost per
# article at one size to that at the size before it, measured a few minutes apart.
# The bare Xapian floor runs once per size up to GAZETTE_SCALE_FLOOR_MAX articles (default
# 100000): it grows faster than linearly and takes 141 s at 100k, so a million would take hours.
# usage: bench/scale.sh [ROUNDS] [SIZES...]     (default: 3 rounds; 10000 100000 1000000)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
require_dir "$anchors" GAZETTE_ANCHORS
need bc:bc
rounds=${1:-3}; shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
floor_max=${GAZETTE_SCALE_FLOOR_MAX:-100000}
source_corpus=$data/news/reuters21578.jsonl.gz
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-scale-XXXXXX")
# The anchors run PostgreSQL as its own user, which must reach its data directory in here.
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
export ANCHORS_WORK="$work/anchors"
[ -x "$build/bench/gazette-query-bench" ] || "$root/scripts/build.sh" >/dev/null

# The anchors' programs, built by anchors.sh itself (on a small slice), then run one at a time
# the way anchors.sh runs them, so that each size can have its own rounds.
zcat "$source_corpus" | awk 'NR <= 200' >"$work/slice.jsonl"
"$anchors/anchors.sh" index "$work/slice.jsonl" >/dev/null
lucene_cp="$ANCHORS_WORK:$(ls /usr/share/java/lucene-{core,analyzers-common,queryparser,queries,sandbox}-8*.jar | tr '\n' ':')"

# Runs a command under /usr/bin/time; appends "NAME SIZE wall_s cpu_s rss_kb" to $work/times.
timed() {
  local name=$1 n=$2; shift 2
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f '%U %S %M' -o "$work/time.out" "$@" >/dev/null 2>&1
  end=$(date +%s.%N)
  read -r user sys rss < <(tail -1 "$work/time.out")
  echo "$name $n $(echo "$end - $start" | bc) $(echo "$user + $sys" | bc) $rss" >>"$work/times"
}

# In the last round, LAYOUT's index DB of SIZE is searched (size, p50 and p99 appended to
# $work/searches); in every round it is then removed: at 3M articles two indexes of every size
# would not fit on the disk together.
searched() {
  local layout=$1 n=$2 db=$3 out
  if [ "$round" = "$rounds" ]; then
    out=$("$build/bench/gazette-query-bench" --db "$db" --queries "$work/$n.queries.tsv" --exact-total 0)
    echo "$layout $n $(du -sb "$db" | cut -f1) $(sed -n 's/.*p50_us=\([0-9.]*\).*p99_us=\([0-9.]*\).*/\1 \2/p' <<<"$out")" \
      >>"$work/searches"
  fi
  rm -rf "$db"
}

for n in "${sizes[@]}"; do
  python3 "$root/bench/generate_corpus.py" "$source_corpus" "$n" 42 >"$work/$n.jsonl"
  python3 "$anchors/make_queries.py" "$work/$n.jsonl" 2000 3 >"$work/$n.queries.tsv"
  python3 "$anchors/jsonl2tsv.py" "$work/$n.jsonl" "$work/$n.tsv"
done

: >"$work/times"
: >"$work/searches"
for round in $(seq 1 "$rounds"); do
  for n in "${sizes[@]}"; do
    rm -rf "$work/$n.db" "$work/$n.archive" "$work/lucene" "$work/fts.db"* "$work/sphinx"
    before=$(wc -l <"$work/times")
    timed gazette "$n" "$build/indexer/gazette-index" -q --db "$work/$n.db" "$work/$n.jsonl"
    searched gazette "$n" "$work/$n.db"
    timed archive "$n" "$build/indexer/gazette-index" -q --partition month --db "$work/$n.archive" "$work/$n.jsonl"
    searched archive "$n" "$work/$n.archive"
    timed lucene "$n" java -cp "$lucene_cp" LuceneBench index "$work/$n.tsv" "$work/lucene" 1
    timed fts5 "$n" python3 "$anchors/fts5_bench.py" index "$work/$n.tsv" "$work/fts.db"
    # sphinx_bench.py writes the configuration, then execs Sphinx's indexer: the time is the indexer's.
    timed sphinx "$n" /usr/bin/python3 "$anchors/sphinx_bench.py" index "$work/$n.tsv" "$work/sphinx"
    if [ "$round" = 1 ] && [ "$n" -le "$floor_max" ]; then
      rm -rf "$work/floor"
      timed floor "$n" "$ANCHORS_WORK/xapian_floor" index "$work/$n.tsv" "$work/floor"
    fi
    echo "round $round, $n articles: $(tail -n +$((before + 1)) "$work/times" | awk '{printf "%s %.1f s  ", $1, $3}')" >&2
  done
done
rm -rf "$work/lucene" "$work/fts.db"* "$work/floor" "$work/sphinx"

# FIELD (3 wall, 4 cpu, 5 rss) of ENGINE at SIZE: the median of the rounds; empty if it did not run.
med() {
  local values; values=$(awk -v e="$1" -v n="$2" -v f="$3" '$1 == e && $2 == n {print $f}' "$work/times")
  [ -z "$values" ] || median <<<"$values"
}
# FIELD of ENGINE at SIZE in round R (the R-th line).
nth() { awk -v e="$1" -v n="$2" -v f="$3" -v r="$4" '$1 == e && $2 == n && ++i == r {print $f}' "$work/times"; }
per_k() { echo "scale=6; 1000 * $1 / $2" | bc; }

echo "== gazette-index, one index (gazette) and an archive by month (archive), medians of $rounds rounds (CPU: user + system)"
printf '%-8s %10s %9s %10s %12s %8s %10s %12s %8s %8s\n' layout articles index_s docs_per_s cpu_s_per_1k rss_mib \
  index_mib bytes_per_in p50_ms p99_ms
for n in "${sizes[@]}"; do
  for layout in gazette archive; do
    wall=$(med "$layout" "$n" 3) cpu=$(med "$layout" "$n" 4) rss=$(med "$layout" "$n" 5)
    input=$(stat -c %s "$work/$n.jsonl")
    read -r bytes p50 p99 < <(awk -v l="$layout" -v n="$n" '$1 == l && $2 == n {print $3, $4, $5}' "$work/searches")
    printf '%-8s %10d %9.1f %10.0f %12.3f %8d %10.0f %12.2f %8.2f %8.2f\n' "$layout" "$n" "$wall" \
      "$(echo "$n / $wall" | bc -l)" "$(per_k "$cpu" "$n")" $((rss / 1024)) "$(echo "$bytes / 1048576" | bc -l)" \
      "$(echo "$bytes / $input" | bc -l)" "$(echo "$p50 / 1000" | bc -l)" "$(echo "$p99 / 1000" | bc -l)"
  done
done

echo "== the reference engines on the same corpora, medians of $rounds rounds (the floor: one run)"
printf '%10s %12s %12s %12s %12s %12s %12s %12s %12s\n' articles lucene_s lucene_docs_s fts5_s fts5_docs_s sphinx_s \
  sphinx_docs_s floor_s floor_docs_s
for n in "${sizes[@]}"; do
  lucene=$(med lucene "$n" 3) fts5=$(med fts5 "$n" 3) sphinx=$(med sphinx "$n" 3) floor=$(med floor "$n" 3)
  printf '%10d %12.1f %12.0f %12.1f %12.0f %12.1f %12.0f' "$n" "$lucene" "$(echo "$n / $lucene" | bc -l)" "$fts5" \
    "$(echo "$n / $fts5" | bc -l)" "$sphinx" "$(echo "$n / $sphinx" | bc -l)"
  if [ -n "$floor" ]; then printf ' %12.1f %12.0f\n' "$floor" "$(echo "$n / $floor" | bc -l)"; else printf ' %12s %12s\n' - -; fi
done

echo "== growth of the cost per article from one size to the next (1.00: linear), median of the rounds' ratios"
for i in $(seq 1 $((${#sizes[@]} - 1))); do
  small=${sizes[$((i - 1))]} big=${sizes[$i]}
  for measure in "gazette 3 wall" "gazette 4 cpu" "archive 3 wall" "archive 4 cpu" "lucene 3 wall" "lucene 4 cpu" \
    "fts5 3 wall" "sphinx 3 wall"; do
    read -r engine field label <<<"$measure"
    ratios=()
    for round in $(seq 1 "$rounds"); do
      a=$(nth "$engine" "$small" "$field" "$round") b=$(nth "$engine" "$big" "$field" "$round")
      ratios+=("$(echo "scale=4; ($b * $small) / ($a * $big)" | bc)")
    done
    printf '%-7s %-4s %8s -> %-8s %.2fx   (rounds: %s)\n' "$engine" "$label" "$small" "$big" \
      "$(printf '%s\n' "${ratios[@]}" | median)" "${ratios[*]}"
  done
  f1=$(med floor "$small" 3) f2=$(med floor "$big" 3)
  if [ -n "$f1" ] && [ -n "$f2" ]; then
    printf '%-7s %-4s %8s -> %-8s %.2fx   (one run)\n' floor wall "$small" "$big" "$(echo "scale=4; ($f2 * $small) / ($f1 * $big)" | bc)"
  fi
done
