#!/usr/bin/env bash
# Racing indexers: two gazette-index runs on one index, started at the same moment or one while
# the other is building. Whatever the timing, the run that holds the lock finishes with every
# article, the other is refused with the one-line lock message (or runs after it), and nothing
# else ever goes wrong.
# Usage: race_test.sh GAZETTE_INDEX [ROUNDS] [LAYOUT_OPTION]   (e.g. --partition=month: archives)
set -uo pipefail
index=$1 rounds=${2:-6} layout=${3:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-race-XXXXXX")
pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL - $*"; failures=$((failures + 1)); }

n=12000
python3 - "$n" "$work/input.jsonl" <<'PY'
import json, random, sys
n, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(3)
words = "markets weather council bridge election harbor storm rates trade vaccine rail budget".split()
with open(out, "w") as f:
    for i in range(n):
        f.write(json.dumps({"id": f"r{i}", "title": f"Race article {i}",
                            "published": f"2021-{rng.randrange(1, 5):02d}-10",
                            "body": " ".join(rng.choice(words) for _ in range(80))}) + "\n")
PY

# check_run NAME RC ERRFILE: a run either completed or was refused by the lock, nothing else.
check_run() {
  local name=$1 rc=$2 err=$3
  if [ "$rc" = 0 ]; then return 0; fi
  if [ "$rc" = 1 ] && [ "$(wc -l <"$err")" = 1 ] && grep -q 'another indexer holds the lock on this index$' "$err"; then
    return 1
  fi
  fail "$name: exit $rc: $(head -c 300 "$err")"
  return 2
}

count() { "$index" --db "$1" --delete __none__ 2>&1 | sed -n 's/.*the index holds \([0-9]*\) articles$/\1/p'; }

for round in $(seq 1 "$rounds"); do
  for delay in 0 0.4 1.0; do
    db=$work/db-$round-$delay
    "$index" --db "$db" $layout -q "$work/input.jsonl" 2>"$work/err1" &
    p1=$!; pids+=("$p1")
    sleep "$delay"
    "$index" --db "$db" $layout -q "$work/input.jsonl" 2>"$work/err2" &
    p2=$!; pids+=("$p2")
    wait "$p1"; rc1=$?
    wait "$p2"; rc2=$?
    check_run "round $round, delay $delay, first" "$rc1" "$work/err1"; s1=$?
    check_run "round $round, delay $delay, second" "$rc2" "$work/err2"; s2=$?
    [ "$s1" = 0 ] || [ "$s2" = 0 ] || fail "round $round, delay $delay: neither run completed"
    got=$(count "$db")
    [ "$got" = "$n" ] || fail "round $round, delay $delay: the index holds '$got' articles, not $n"
    for side in shards new old; do
      [ ! -e "$db.gazette-$side" ] || fail "round $round, delay $delay: $db.gazette-$side left behind"
    done
    rm -rf "$db" "$db".gazette-*
  done
done
[ "$failures" = 0 ] && echo "ok   - $((rounds * 3)) races: every build complete, every refusal the lock message"
echo "$failures failure(s)"
[ "$failures" = 0 ]
