#!/usr/bin/env bash
# End to end through the real binaries: index the sample data, start gazette-server on a free
# port, query it with curl while the indexer adds articles, then stop it with SIGTERM.
# Usage: server_test.sh GAZETTE_INDEX GAZETTE_SERVER SAMPLE_DATA_DIR
set -uo pipefail
index=$1 server=$2 samples=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-e2e-server-XXXXXX")
pid=
trap '[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; rm -rf "$work"' EXIT
failures=0
check() {
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
contains() { grep -q -- "$2" <<<"$1"; }

"$index" -q --db "$work/db" "$samples"
"$server" --db "$work/db" --port 0 --threads 2 >"$work/out" 2>"$work/err" &
pid=$!
for _ in $(seq 1 100); do grep -q 'listening on' "$work/out" && break; sleep 0.05; done
url=$(sed -n 's/^gazette-server listening on \(http:[^ ]*\) .*/\1/p' "$work/out")
check "the server prints the address it listens on" test -n "$url"

out=$(curl -s "$url/health")
check "/health answers" contains "$out" '"status":"ok","documents":67'
# Field 41 of a thread's stat is its scheduling policy: 3 is SCHED_BATCH, 0 the normal one.
policies() { awk '{print $41}' /proc/"$1"/task/*/stat | sort -u | tr '\n' ' '; }
check "every server thread is scheduled as batch work" test "$(policies "$pid")" = "3 "
out=$(curl -s "$url/search?q=conjoined+twins&size=1")
check "/search finds the seed article" contains "$out" '"id":"000_f1d144996bf222f8"'
out=$(curl -s "$url/search?q=bridge&source=Harbor+Daily&facets=year&sort=newest")
check "/search with filter, facets and sort" contains "$out" '"facets":{"year":\['
status=$(curl -s -o /dev/null -w '%{http_code}' "$url/articles/nope")
check "/articles/{id} for a missing id is 404" test "$status" = 404
status=$(curl -s -o /dev/null -w '%{http_code}' "$url/search?size=1000")
check "an out-of-range size is 400" test "$status" = 400
status=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Big: $(head -c 20000 /dev/zero | tr '\0' a)" "$url/health")
check "oversized headers are 431" test "$status" = 431

# A commit by the indexer is visible to the running server.
printf '{"id":"fresh-1","title":"Lighthouse keeper retires after forty years","body":"The last keeper of Orrin Point light retired."}\n' |
  "$index" -q --db "$work/db" -
out=$(curl -s "$url/search?q=lighthouse")
check "a new commit is visible without a restart" contains "$out" '"id":"fresh-1"'
out=$(curl -s "$url/metrics")
check "/metrics counts requests" contains "$out" 'gazette_http_requests_total{route="search",status="200"}'
check "the access log has a line per request" grep -q '"route":"search","status":200' "$work/out"

kill -TERM "$pid"
wait "$pid"; rc=$?
pid=
check "SIGTERM stops the server with exit code 0" test "$rc" = 0

"$server" --db "$work/db" --port 0 --no-batch-scheduling >"$work/out2" 2>&1 &
normal=$!
for _ in $(seq 1 100); do grep -q 'listening on' "$work/out2" && break; sleep 0.05; done
check "--no-batch-scheduling leaves the threads' scheduling normal" test "$(policies "$normal")" = "0 "
kill -TERM "$normal"; wait "$normal"

"$server" --db "$work/db" --port 0 --bind 256.1.1.1 >/dev/null 2>"$work/err"; rc=$?
check "a bad bind address fails with a message" test "$rc" = 1
check "the message names the address" grep -q "invalid bind address '256.1.1.1'" "$work/err"

echo "$failures failure(s)"
[ "$failures" = 0 ]
