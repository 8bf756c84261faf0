#!/usr/bin/env bash
# Kills gazette-index with SIGKILL at random moments, over and over, and after every kill checks
# that the index is sound (xapian-check) and holds exactly the batches committed so far: a prefix
# of the input whose length is a whole number of batches, never shorter than after the previous
# kill. Runs alternate between parallel bulk builds (all or nothing) and batches written directly.
# Each cycle ends by running the input to completion and checking the final count.
#
# Usage: crash_harness.sh --index BIN --search BIN (--input FILE.jsonl[.gz] | --generate N) [--kills N]
#                         [--batch-size N] [--seed N] [--cycle KILLS_PER_CYCLE]
# Every record of the input must have an "id" and a title or body (the harness filters the input).
set -uo pipefail

kills=100 batch=1000 seed=1 cycle_kills=10 index= search= input= generate=
while [ $# -gt 0 ]; do
  case $1 in
    --index) index=$2; shift 2 ;;
    --search) search=$2; shift 2 ;;
    --input) input=$2; shift 2 ;;
    --kills) kills=$2; shift 2 ;;
    --batch-size) batch=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --cycle) cycle_kills=$2; shift 2 ;;
    --generate) generate=$2; shift 2 ;;
    *) echo "crash_harness: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$index" ] && [ -x "$search" ] && { [ -f "$input" ] || [ -n "$generate" ]; } ||
  { echo "crash_harness: --index, --search and --input or --generate are required" >&2; exit 2; }
command -v xapian-check >/dev/null || { echo "crash_harness: xapian-check (package xapian-tools) is required" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-crash-XXXXXX")
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
db=$work/db

if [ -n "$generate" ]; then
  input=$work/generated.jsonl
  python3 - "$generate" "$input" <<'PY'
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(7)
words = "markets weather council bridge election harbor storm rates trade vaccine rail budget".split()
with open(out, "w") as f:
    for i in range(1, n + 1):
        body = " ".join(rng.choice(words) for _ in range(60))
        f.write(json.dumps({"id": f"k{i}", "title": f"Crash test article {i}", "body": body}) + "\n")
PY
fi

# The input as the harness feeds it (records the indexer accepts), and its ids in order.
python3 - "$input" "$work/input.jsonl" "$work/ids" <<'PY'
import gzip, json, sys
src, out, ids = sys.argv[1:]
opener = gzip.open if src.endswith(".gz") else open
with opener(src, "rt", encoding="utf-8") as f, open(out, "w") as o, open(ids, "w") as i:
    for line in f:
        if not line.strip():
            continue
        r = json.loads(line)
        if not r.get("id") or not (r.get("title") or r.get("body")):
            continue
        o.write(line if line.endswith("\n") else line + "\n")
        i.write(str(r["id"]) + "\n")
PY
total=$(wc -l <"$work/ids")
mapfile -t ids <"$work/ids"

count_of() { "$search" --db "$db" --json --limit 0 '' 2>/dev/null | sed -n 's/.*"total":{"value":\([0-9]*\).*/\1/p'; }
has_id() { "$search" --db "$db" --get "$1" >/dev/null 2>&1; }
run_indexer() { "$index" --db "$db" $mode --batch-size "$batch" -q "$work/input.jsonl" 2>>"$work/indexer.log"; }

# How long a whole run takes in each mode bounds the random kill moments.
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }'; }
mode="--threads 2"; start=$(date +%s.%N); run_indexer; bulk_seconds=$(since "$start")
rm -rf "$db"
mode="--threads 1"; start=$(date +%s.%N); run_indexer; batch_seconds=$(since "$start")
rm -rf "$db"
echo "input: $total articles; a whole run takes ${bulk_seconds}s as a bulk build, ${batch_seconds}s in batches of $batch"

RANDOM=$seed
failures=0 corrupt=0 lost=0 completed=0 cycle=0 previous=0
fail() { echo "FAIL - $*"; failures=$((failures + 1)); }
mode="--threads 2"
for ((k = 1; k <= kills; ++k)); do
  if [ "$mode" = "--threads 2" ]; then span=$bulk_seconds; kind=bulk; else span=$batch_seconds; kind=batches; fi
  # Uniform over the whole run, so kills land in analysis, in commits, in compaction and in the swap.
  delay=$(awk -v s="$span" -v r=$((RANDOM % 1000)) 'BEGIN { printf "%.3f", s * r / 1000 }')
  # The indexer itself in the background (not a subshell), so the SIGKILL reaches it.
  "$index" --db "$db" $mode --batch-size "$batch" -q "$work/input.jsonl" 2>>"$work/indexer.log" &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null; rc=$?
  pid=
  finished=$([ "$rc" = 0 ] && echo yes || echo no)

  count=0
  if [ -f "$db/iamglass" ]; then
    if ! xapian-check "$db" >"$work/check.log" 2>&1; then
      corrupt=$((corrupt + 1)); fail "kill $k: xapian-check failed"; sed 's/^/    /' "$work/check.log" | tail -5
    fi
    count=$(count_of)
  fi
  [ -n "$count" ] || { fail "kill $k: the index cannot be read"; count=0; }
  # Exactly the committed batches: a prefix of the input, whole batches (bulk: all or nothing).
  if [ "$kind" = bulk ]; then
    [ "$count" = 0 ] || [ "$count" = "$total" ] || fail "kill $k: a bulk build left $count of $total articles"
  else
    [ $((count % batch)) = 0 ] || [ "$count" = "$total" ] || fail "kill $k: $count articles is not a whole number of batches"
  fi
  if [ "$count" -gt 0 ] && ! has_id "${ids[count - 1]}"; then fail "kill $k: article $count (${ids[count - 1]}) is missing"; fi
  if [ "$count" -lt "$total" ] && has_id "${ids[count]}"; then fail "kill $k: article $((count + 1)) is present beyond the committed prefix"; fi
  if [ "$count" -lt "$previous" ]; then lost=$((lost + previous - count)); fail "kill $k: $((previous - count)) committed articles lost"; fi
  previous=$count
  printf 'kill %3d after %6ss (%-7s): %6d articles%s\n' "$k" "$delay" "$kind" "$count" "$([ "$finished" = yes ] && echo ', run had completed')"

  # End of a cycle: finish the job, check it, start over in the other mode.
  if [ "$finished" = yes ] || (( k % cycle_kills == 0 )) || (( k == kills )); then
    run_indexer; rc=$?
    final=$(count_of)
    [ "$rc" = 0 ] && [ "$final" = "$total" ] || fail "cycle $cycle: re-running the input ended with exit $rc and $final of $total articles"
    xapian-check "$db" >/dev/null 2>&1 || { corrupt=$((corrupt + 1)); fail "cycle $cycle: the completed index fails xapian-check"; }
    [ -e "$db.gazette-shards" ] || [ -e "$db.gazette-new" ] && fail "cycle $cycle: bulk build leftovers remain"
    completed=$((completed + 1)); cycle=$((cycle + 1)); previous=0
    rm -rf "$db"
    if [ "$mode" = "--threads 2" ]; then mode="--threads 1"; else mode="--threads 2"; fi
  fi
done

echo "$kills kills, $completed completed re-runs, $corrupt corrupt indexes, $lost committed articles lost, $failures failure(s)"
[ "$failures" = 0 ]
