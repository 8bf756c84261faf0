#!/usr/bin/env bash
# Faults, through the real programs: a full disk (a small tmpfs), an unwritable location, a
# missing index and a corrupt one. Each gives a one-line error and an exit code, nothing
# committed is lost, and the server reports 503 on /health rather than failing.
# Usage: faults_test.sh GAZETTE_INDEX GAZETTE_SEARCH GAZETTE_SERVER SAMPLE_DATA_DIR
set -uo pipefail
index=$1 search=$2 server=$3 samples=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-faults-XXXXXX")
mounted= pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  [ -n "$mounted" ] && umount "$work/small" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
check() {
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
quietly() { "$@" >/dev/null 2>&1; }
one_line() { test "$(wc -l <"$1")" = 1; }
total() { "$search" --db "$1" --json --limit 0 '' | sed -n 's/.*"total":{"value":\([0-9]*\).*/\1/p'; }

# A full disk: a 40 MiB tmpfs (root only; skipped elsewhere).
mkdir -p "$work/small"
if mount -t tmpfs -o size=40m tmpfs "$work/small" 2>/dev/null; then
  mounted=1
  "$index" -q --threads 1 --db "$work/small/db" "$samples" >/dev/null 2>&1
  before=$(total "$work/small/db")
  body=$(printf 'Words to fill the disk with, about markets, weather, sport and politics. %.0s' $(seq 1 6))
  seq 1 40000 | sed "s/.*/{\"id\":\"fill-&\",\"title\":\"Filler article &\",\"body\":\"$body & &\"}/" >"$work/fill.jsonl"
  "$index" --threads 1 --batch-size 500 --db "$work/small/db" "$work/fill.jsonl" >/dev/null 2>"$work/err"; rc=$?
  check "a full disk fails the run with exit code 1" test "$rc" = 1
  check "a full disk is one line naming the problem" grep -q "not enough free space to commit" "$work/err"
  check "that message is a single line" one_line "$work/err"
  check "the index on the full disk passes xapian-check" quietly xapian-check "$work/small/db"
  after=$(total "$work/small/db")
  check "nothing committed before is lost ($before before, $after after)" test "$after" -ge "$before"
  check "whole batches only: $((after - before)) new articles" test $(((after - before) % 500)) = 0
  check "the sample articles are still found" bash -c "'$search' --db '$work/small/db' conjoined twins | grep -q 000_f1d144996bf222f8"
  # A new index built in bulk on a full disk leaves no shards behind.
  "$index" --db "$work/small/new" "$work/fill.jsonl" >/dev/null 2>"$work/err"; rc=$?
  check "a bulk build on a full disk fails with exit code 1" test "$rc" = 1
  check "and leaves no shards behind" test ! -e "$work/small/new.gazette-shards"
  umount "$work/small" && mounted=
else
  echo "skip - full disk: cannot mount a tmpfs here (needs root)"
fi

# A location that cannot be written.
"$index" --db /proc/gazette-cannot-write "$samples" >/dev/null 2>"$work/err"; rc=$?
check "an unwritable location fails with exit code 1" test "$rc" = 1
check "and says it cannot write there" grep -q "^gazette-index: /proc/gazette-cannot-write: cannot write here: cannot create the lock file" "$work/err"
check "in one line" one_line "$work/err"

# A missing index.
"$search" --db "$work/nothing" bridge >/dev/null 2>"$work/err"; rc=$?
check "searching a missing index fails with exit code 1" test "$rc" = 1
check "and says there is no index there" grep -q "no index at $work/nothing$" "$work/err"
check "in one line" one_line "$work/err"

# A corrupt index: its version file overwritten.
"$index" -q --db "$work/corrupt" "$samples" >/dev/null 2>&1
head -c 200 /dev/urandom >"$work/corrupt/iamglass"
"$search" --db "$work/corrupt" bridge >/dev/null 2>"$work/err"; rc=$?
check "searching a corrupt index fails with exit code 1" test "$rc" = 1
check "in one line" one_line "$work/err"
"$index" --db "$work/corrupt" "$samples" >/dev/null 2>"$work/err"; rc=$?
check "indexing into a corrupt index fails with exit code 1" test "$rc" = 1
check "in one line" one_line "$work/err"

# The server on a missing and on a corrupt index: up, /health 503, no paths in answers.
for broken in nothing corrupt; do
  "$server" --db "$work/$broken" --port 0 --access-log "" >"$work/out" 2>"$work/server.err" &
  pid=$!
  for _ in $(seq 1 100); do grep -q 'listening on' "$work/out" && break; sleep 0.05; done
  url=$(sed -n 's/^gazette-server listening on \(http:[^ ]*\) .*/\1/p' "$work/out")
  status=$(curl -s -o "$work/body" -w '%{http_code}' "$url/health")
  check "server on a $broken index: /health is 503" test "$status" = 503
  status=$(curl -s -o "$work/body" -w '%{http_code}' "$url/search?q=bridge")
  check "server on a $broken index: /search is 503" test "$status" = 503
  check "server on a $broken index: no file paths in the answer" bash -c "! grep -q '$work' '$work/body'"
  kill -TERM "$pid"; wait "$pid"; rc=$?; pid=
  check "server on a $broken index: stops cleanly" test "$rc" = 0
done

# Serving as an unprivileged user works (the index is only read).
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
  "$index" -q --db "$work/shared" "$samples" >/dev/null 2>&1
  chmod -R a+rX "$work"
  setpriv --reuid=nobody --regid=nogroup --clear-groups "$server" --db "$work/shared" --port 0 --access-log "" \
    >"$work/out" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do grep -q 'listening on' "$work/out" && break; sleep 0.05; done
  url=$(sed -n 's/^gazette-server listening on \(http:[^ ]*\) .*/\1/p' "$work/out")
  check "an unprivileged server answers searches" bash -c "curl -s '$url/search?q=bridge' | grep -q '\"hits\":\[{'"
  kill -TERM "$pid"; wait "$pid"; pid=
fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
