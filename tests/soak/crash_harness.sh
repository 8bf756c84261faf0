#!/usr/bin/env bash
# Kills gazette-index with SIGKILL at random moments, over and over, and after every kill checks
# that the index is sound (xapian-check) and holds exactly the batches committed so far: a prefix
# of the input whose length is a whole number of batches, never shorter than after the previous
# kill. Runs alternate between parallel bulk builds (all or nothing) and batches written directly.
# Each cycle ends by running the input to completion and checking the final count.
# With --archive the runs write a time-partitioned archive (--partition month) instead: a bulk
# build of it is all or nothing too; its batches are committed partition by partition, so after a
# kill every partition holds a prefix of its own articles, the batches before the one being
# committed are all there, and nothing after it is; every partition passes xapian-check.
#
# Usage: crash_harness.sh --index BIN --search BIN (--input FILE.jsonl[.gz] | --generate N) [--kills N]
#                         [--batch-size N] [--seed N] [--cycle KILLS_PER_CYCLE] [--archive]
# Every record of the input must have an "id" and a title or body (the harness filters the input).
set -uo pipefail

kills=100 batch=1000 seed=1 cycle_kills=10 index= search= input= generate= archive=
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
    --archive) archive=1; shift ;;
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
layout=
[ -n "$archive" ] && layout="--partition month"

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
        published = f"2021-{rng.randrange(1, 7):02d}-{rng.randrange(1, 28):02d}"
        f.write(json.dumps({"id": f"k{i}", "title": f"Crash test article {i}", "body": body,
                            "published": published}) + "\n")
PY
fi

# The input as the harness feeds it (records the indexer accepts), its ids in order, and the
# month of each (its partition in an archive).
python3 - "$input" "$work/input.jsonl" "$work/ids" "$work/months" <<'PY'
import gzip, json, sys
src, out, ids, months = sys.argv[1:]
opener = gzip.open if src.endswith(".gz") else open
with opener(src, "rt", encoding="utf-8") as f, open(out, "w") as o, open(ids, "w") as i, open(months, "w") as m:
    for line in f:
        if not line.strip():
            continue
        r = json.loads(line)
        if not r.get("id") or not (r.get("title") or r.get("body")):
            continue
        o.write(line if line.endswith("\n") else line + "\n")
        i.write(str(r["id"]) + "\n")
        m.write((str(r.get("published") or "")[:7] or "undated") + "\n")
PY
total=$(wc -l <"$work/ids")
mapfile -t ids <"$work/ids"

count_of() { "$search" --db "$db" --json --limit 0 '' 2>/dev/null | sed -n 's/.*"total":{"value":\([0-9]*\).*/\1/p'; }
has_id() { "$search" --db "$db" --get "$1" >/dev/null 2>&1; }
run_indexer() { "$index" --db "$db" $layout $mode --batch-size "$batch" -q "$work/input.jsonl" 2>>"$work/indexer.log"; }
# Archives: every id present, one per line.
present_ids() {
  local offset=0 page
  while :; do
    page=$("$search" --db "$db" --format trec --limit 10000 --offset "$offset" --sort oldest '' 2>/dev/null | awk '{ print $3 }')
    [ -n "$page" ] && printf '%s\n' "$page"
    [ "$(printf '%s' "$page" | grep -c .)" = 10000 ] || break
    offset=$((offset + 10000))
  done
}
# Archives: checks the ids present against the input and prints their count, or a failure.
check_archive() {
  present_ids >"$work/present"
  python3 - "$work/ids" "$work/months" "$work/present" "$batch" <<'PY'
import sys
ids = open(sys.argv[1]).read().split()
months = open(sys.argv[2]).read().split()
present = set(open(sys.argv[3]).read().split())
batch = int(sys.argv[4])
problems = []
# Each partition: a prefix of its own articles.
by_month = {}
for i, m in zip(ids, months):
    by_month.setdefault(m, []).append(i)
for m, members in by_month.items():
    n = sum(1 for i in members if i in present)
    if any(i not in present for i in members[:n]):
        problems.append(f"partition {m} does not hold a prefix of its articles")
# Whole batches before the one being committed; nothing after it.
first_missing = next((k for k, i in enumerate(ids) if i not in present), len(ids))
whole = first_missing // batch * batch
beyond = [i for i in ids[whole + batch:] if i in present]
if beyond:
    problems.append(f"{len(beyond)} articles present beyond the batch being committed (first {beyond[0]})")
print(len(present) if not problems else "FAIL " + "; ".join(problems))
PY
}

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
  "$index" --db "$db" $layout $mode --batch-size "$batch" -q "$work/input.jsonl" 2>>"$work/indexer.log" &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null; rc=$?
  pid=
  finished=$([ "$rc" = 0 ] && echo yes || echo no)

  count=0
  if [ -n "$archive" ]; then
    for part in "$db"/*/; do
      [ -f "$part/iamglass" ] || continue
      if ! xapian-check "$part" >"$work/check.log" 2>&1; then
        corrupt=$((corrupt + 1)); fail "kill $k: xapian-check failed on $part"; sed 's/^/    /' "$work/check.log" | tail -5
      fi
    done
    if [ -f "$db/XAPIANDB" ]; then
      count=$(check_archive)
      case $count in FAIL*) fail "kill $k: ${count#FAIL }"; count=$previous ;; esac
    fi
  elif [ -f "$db/iamglass" ]; then
    if ! xapian-check "$db" >"$work/check.log" 2>&1; then
      corrupt=$((corrupt + 1)); fail "kill $k: xapian-check failed"; sed 's/^/    /' "$work/check.log" | tail -5
    fi
    count=$(count_of)
  fi
  [ -n "$count" ] || { fail "kill $k: the index cannot be read"; count=0; }
  # Exactly the committed batches: a prefix of the input, whole batches (bulk: all or nothing;
  # an archive's batches are checked partition by partition by check_archive).
  if [ "$kind" = bulk ]; then
    [ "$count" = 0 ] || [ "$count" = "$total" ] || fail "kill $k: a bulk build left $count of $total articles"
  elif [ -z "$archive" ]; then
    [ $((count % batch)) = 0 ] || [ "$count" = "$total" ] || fail "kill $k: $count articles is not a whole number of batches"
  fi
  if [ -z "$archive" ]; then
    if [ "$count" -gt 0 ] && ! has_id "${ids[count - 1]}"; then fail "kill $k: article $count (${ids[count - 1]}) is missing"; fi
    if [ "$count" -lt "$total" ] && has_id "${ids[count]}"; then fail "kill $k: article $((count + 1)) is present beyond the committed prefix"; fi
  fi
  if [ "$count" -lt "$previous" ]; then lost=$((lost + previous - count)); fail "kill $k: $((previous - count)) committed articles lost"; fi
  previous=$count
  printf 'kill %3d after %6ss (%-7s): %6d articles%s\n' "$k" "$delay" "$kind" "$count" "$([ "$finished" = yes ] && echo ', run had completed')"

  # End of a cycle: finish the job, check it, start over in the other mode.
  if [ "$finished" = yes ] || (( k % cycle_kills == 0 )) || (( k == kills )); then
    run_indexer; rc=$?
    final=$(count_of)
    [ "$rc" = 0 ] && [ "$final" = "$total" ] || fail "cycle $cycle: re-running the input ended with exit $rc and $final of $total articles"
    [ -n "$archive" ] || xapian-check "$db" >/dev/null 2>&1 || { corrupt=$((corrupt + 1)); fail "cycle $cycle: the completed index fails xapian-check"; }
    [ -e "$db.gazette-shards" ] || [ -e "$db.gazette-new" ] || [ -e "$db/bulk.gazette-shards" ] && fail "cycle $cycle: bulk build leftovers remain"
    if [ -n "$archive" ]; then
      [ "$(check_archive)" = "$total" ] || fail "cycle $cycle: the completed archive does not hold every article once"
      for part in "$db"/*/; do xapian-check "$part" >/dev/null 2>&1 || fail "cycle $cycle: $part fails xapian-check"; done
    fi
    completed=$((completed + 1)); cycle=$((cycle + 1)); previous=0
    rm -rf "$db"
    if [ "$mode" = "--threads 2" ]; then mode="--threads 1"; else mode="--threads 2"; fi
  fi
done

echo "$kills kills, $completed completed re-runs, $corrupt corrupt indexes, $lost committed articles lost, $failures failure(s)"
[ "$failures" = 0 ]
