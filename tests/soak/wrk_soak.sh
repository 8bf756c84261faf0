#!/usr/bin/env bash
# Soak: wrk at 64 connections against gazette-server for 10 minutes with a mixed query log
# (tests/soak/wrk_mixed.lua: plain, snippets, facets, date sorts, collapse, deep pages,
# freshness). Prints throughput, latency percentiles, errors, 5xx, and the server's resident
# memory every minute, so a leak or growth shows as a rising line.
# usage: tests/soak/wrk_soak.sh [--minutes M] [--connections N] [--corpus FILE.jsonl[.gz]]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GAZETTE_BUILD_DIR:-$root/build}
minutes=10 connections=64 corpus=$root/../shared/data/news/reuters21578.jsonl.gz
while [ $# -gt 0 ]; do
  case $1 in
    --minutes) minutes=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --corpus) corpus=$2; shift 2 ;;
    *) echo "wrk_soak: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$corpus" ] || { echo "wrk_soak: corpus $corpus not found (use --corpus)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "wrk_soak: wrk is required (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-soak-XXXXXX")
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT

"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/db" "$corpus" 2>/dev/null || [ $? = 2 ]
python3 - "$corpus" "$work/queries.tsv" <<'PY'
import gzip, json, random, re, sys
src, out = sys.argv[1:]
opener = gzip.open if src.endswith(".gz") else open
with opener(src, "rt", encoding="utf-8") as f:
    titles = [re.findall(r"[A-Za-z]{3,}", json.loads(l).get("title") or "") for l in f if l.strip()]
titles = [t for t in titles if len(t) >= 2]
rng = random.Random(11)
with open(out, "w") as o:
    for i in range(2000):
        words = rng.choice(titles)
        n = min(len(words), rng.choice((1, 2, 3)))
        s = rng.randrange(len(words) - n + 1)
        o.write(f"q{i}\t{' '.join(words[s:s + n]).lower()}\n")
PY

"$build/server/gazette-server" --db "$work/db" --port 0 --access-log "" >"$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q listening "$work/server.out" && break; sleep 0.1; done
url=$(grep -o 'http://[0-9.:]*' "$work/server.out")
rss() { awk '/^VmRSS/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$server_pid/status"; }
echo "server up at $url, RSS $(rss) before load"

seconds=$((minutes * 60))
QUERIES="$work/queries.tsv" wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency \
  -s "$root/tests/soak/wrk_mixed.lua" "$url" >"$work/wrk.out" 2>&1 &
wrk_pid=$!
for ((m = 1; m <= minutes; ++m)); do
  sleep 60
  echo "minute $m: RSS $(rss)"
done
wait "$wrk_pid"
echo "RSS after load: $(rss)"
grep -E 'Requests/sec|^latency|^errors|Non-2xx|requests in' "$work/wrk.out"
sed -n '/Latency Distribution/,/requests in/p' "$work/wrk.out" | grep -E ' (50|90|99)%'
fivexx=$(curl -s "$url/metrics" | awk '/^gazette_http_requests_total\{.*status="5[0-9][0-9]"/ { s += $2 } END { print s + 0 }')
echo "server 5xx: $fivexx"
grep -q '^errors: connect 0, read 0, write 0, status 0, timeout 0$' "$work/wrk.out" && [ "$fivexx" = 0 ] &&
  ! grep -q Non-2xx "$work/wrk.out" && echo PASS || { echo FAIL; exit 1; }
