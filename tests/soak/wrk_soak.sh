#!/usr/bin/env bash
# Soak: wrk at 64 connections against gazette-server for 10 minutes with a mixed query log
# (bench/wrk_queries.lua with MIXED=1: plain, snippets, facets, date sorts, collapse, deep pages,
# freshness) of queries made from Reuters titles (../shared/anchors/make_queries.py). Prints
# throughput, latency percentiles, errors, 5xx, and the server's resident memory every minute,
# so a leak or growth shows as a rising line. --heavy adds the heaviest valid request and a
# wildcard bomb (HEAVY=1 in the Lua script); --swap-at M rebuilds the index aside during minute M
# and moves it in place of the served one (the old one moved aside), as an operator would.
# usage: tests/soak/wrk_soak.sh [--minutes M] [--connections N] [--corpus FILE.jsonl[.gz]] [--heavy]
#                               [--swap-at M]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GAZETTE_BUILD_DIR:-$root/build}
anchors=${GAZETTE_ANCHORS:-$root/../shared/anchors}
minutes=10 connections=64 corpus=$root/../shared/data/news/reuters21578.jsonl.gz heavy= swap_at=
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) minutes=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    --heavy) heavy=1; shift ;;
    --swap-at) swap_at=$2; shift 2 ;;
    *) echo "wrk_soak: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$corpus" ] || { echo "wrk_soak: corpus $corpus not found (use --corpus)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk_soak: wrk is required (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-soak-XXXXXX")
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/db" "$corpus" 2>/dev/null || [ $? = 2 ]
zcat -f "$corpus" >"$work/docs.jsonl"
python3 "$anchors/make_queries.py" "$work/docs.jsonl" 2000 3 >"$work/queries.tsv"

"$build/server/gazette-server" --db "$work/db" --port 0 --access-log "" >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/server.out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/server.out")
rss() { awk '/^VmRSS/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$server_pid/status"; }
echo "server up at $url, RSS $(rss) before load"

seconds=$((minutes * 60))
HEAVY=$heavy MIXED=1 QUERIES="$work/queries.tsv" wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency \
  -s "$root/bench/wrk_queries.lua" "$url" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
fivexx() {
  curl -s "$url/metrics" | awk '/^gazette_http_requests_total\{.*status="5[0-9][0-9]"/ { s += $2 } END { print s + 0 }'
}
for ((m = 1; m <= minutes; ++m)); do
  if [ "$m" = "$swap_at" ]; then
    # Half the corpus (another index: a different answer to most queries), built aside.
    zcat -f "$corpus" | awk 'NR % 2 == 0' >"$work/half.jsonl"
    "$build/indexer/gazette-index" -q --show-errors 0 --db "$work/next" "$work/half.jsonl" 2>/dev/null || [ $? = 2 ]
    before_swap=$(fivexx)
    swap_start=$(date +%s.%N)
    mv "$work/db" "$work/old" && mv "$work/next" "$work/db"
    swap_end=$(date +%s.%N)
    sleep 1
    echo "minute $m: index swapped in $(echo "$swap_end - $swap_start" | bc) s; 5xx before $before_swap," \
      "1 s after $(fivexx); documents now $(curl -s "$url/health")"
    rm -rf "$work/old"
  fi
  sleep 60
  echo "minute $m: RSS $(rss), 5xx so far $(fivexx)"
done
wait "$wrk_pid"
echo "RSS after load: $(rss)"
grep -E 'Requests/sec|^latency|^errors|Non-2xx|requests in' "$work/wrk.out"
sed -n '/Latency Distribution/,/requests in/p' "$work/wrk.out" | grep -E ' (50|90|99)%'
fivexx=$(fivexx)
echo "server 5xx: $fivexx"
if [ -n "$heavy" ]; then
  # The bombs are refused with 400: non-2xx answers are expected, 5xx are not.
  curl -s "$url/metrics" | grep -E '^gazette_http_(requests_total\{route="search"|rejected_total)'
  grep -q '^errors: connect 0, read 0, write 0, status [0-9]*, timeout 0$' "$work/wrk.out" && [ "$fivexx" = 0 ] &&
    echo PASS || { echo FAIL; exit 1; }
else
  grep -q '^errors: connect 0, read 0, write 0, status 0, timeout 0$' "$work/wrk.out" && [ "$fivexx" = 0 ] &&
    ! grep -q Non-2xx "$work/wrk.out" && echo PASS || { echo FAIL; exit 1; }
fi
