#!/usr/bin/env bash
# The operator's probes of gazette-server, against a Reuters-21578 index, with figures: one
# client's chunked flood, a heavy load that stops at once, SIGTERM with a full queue, a crowd
# past the open-file limit, commits every few milliseconds under load, clients that ask for
# large pages and do not read them. Each prints what it measured; PASS/FAIL at the end.
# usage: tests/soak/server_probes.sh [--corpus FILE.jsonl[.gz]]
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${GAZETTE_BUILD_DIR:-$root/build}
corpus=$root/../shared/data/news/reuters21578.jsonl.gz
[ "${1:-}" = --corpus ] && corpus=$2
[ -f "$corpus" ] || { echo "server_probes: corpus $corpus not found (use --corpus)" >&2; exit 2; }
command -v wrk >/dev/null || { echo "server_probes: wrk is required (apt-get install wrk)" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-probes-XXXXXX")
pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
failures=0
verdict() { if "$@"; then echo "  -> ok"; else echo "  -> FAIL"; failures=$((failures + 1)); fi; }
rss_mib() { awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
start_server() { # start_server NAME ARGS...: sets pid and url
  local name=$1; shift
  "$build/server/gazette-server" --db "$work/db" --port 0 --access-log "" "$@" >"$work/$name.out" 2>"$work/$name.err" &
  pid=$!; pids+=("$pid")
  for _ in $(seq 1 100); do grep -q listening "$work/$name.out" && break; sleep 0.05; done
  url=$(grep -o 'http://[0-9.:]*' "$work/$name.out")
}
now_ms() { date +%s%3N; }

"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/db" "$corpus" 2>/dev/null || [ $? = 2 ]
heavy="/search?q=oil+OR+trade+OR+market&facets=source,tag,lang,month,year&collapse=story&size=100&snippet=300"

echo "1. three connections sending chunk extensions without end, 64 MiB each"
start_server flood
before=$(rss_mib "$pid")
python3 - "$url" <<'PY'
import socket, sys, threading, urllib.parse
u = urllib.parse.urlparse(sys.argv[1])
def flood():
    s = socket.create_connection((u.hostname, u.port))
    s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n1;")
    try:
        for _ in range(64): s.sendall(b"e" * (1 << 20))
    except OSError:
        pass
    s.settimeout(5)
    try: print("   answer:", s.recv(200).split(b"\r\n")[0].decode())
    except OSError as e: print("   no answer:", e)
threads = [threading.Thread(target=flood) for _ in range(3)]
for t in threads: t.start()
for t in threads: t.join()
PY
after=$(rss_mib "$pid")
echo "   server RSS ${before} MiB before, ${after} MiB after"
verdict test $((after - before)) -lt 32
kill -TERM "$pid"; wait "$pid"

echo "2. wrk -c512 for 20 s of the heaviest valid search, then an ordinary search"
start_server heavy
echo "$heavy" >/dev/null
wrk -t2 -c512 -d20s --timeout 30s "$url$heavy" >"$work/wrk-heavy" 2>&1
t0=$(now_ms)
for _ in $(seq 1 600); do
  [ "$(curl -s -m 1 -o /dev/null -w '%{http_code}' "$url/search?q=oil")" = 200 ] && break
done
t1=$(now_ms)
grep -E 'Requests/sec|Non-2xx' "$work/wrk-heavy" | sed 's/^/   /'
curl -s "$url/metrics" | grep -E '^gazette_http_rejected_total' | sed 's/^/   /'
echo "   an ordinary search answered $((t1 - t0)) ms after wrk stopped"
verdict test $((t1 - t0)) -lt 10000
kill -TERM "$pid"; wait "$pid"

echo "3. SIGTERM with --shutdown-timeout-ms 2000 and 100 heavy searches sent to one worker"
start_server term --threads 1 --shutdown-timeout-ms 2000
python3 - "$url$heavy" 100 >"$work/term-clients" <<'PY' &
import sys, threading, urllib.request, urllib.error
url, n = sys.argv[1], int(sys.argv[2]); codes = []
def get():
    try: codes.append(urllib.request.urlopen(url, timeout=60).status)
    except urllib.error.HTTPError as e: codes.append(e.code)
    except Exception as e: codes.append(type(e).__name__)
threads = [threading.Thread(target=get) for _ in range(n)]
for t in threads: t.start()
for t in threads: t.join()
print(" ".join(str(c) for c in sorted(codes, key=str)))
PY
clients=$!
sleep 0.5
t0=$(now_ms); kill -TERM "$pid"; wait "$pid"; rc=$?; t1=$(now_ms)
wait "$clients"
echo "   exit $rc after $((t1 - t0)) ms; clients got: $(tr ' ' '\n' <"$work/term-clients" | sort | uniq -c | awk '{ printf "%s x%s  ", $2, $1 }')"
verdict test "$rc" = 0 -a $((t1 - t0)) -lt 4000

echo "4. soft limit 1024, default --max-connections, 1100 idle connections, then 22 /health probes"
(ulimit -n 1024 && exec "$build/server/gazette-server" --db "$work/db" --port 0 --access-log "" \
  >"$work/fd.out" 2>"$work/fd.err") &
pid=$!; pids+=("$pid")
for _ in $(seq 1 100); do grep -q listening "$work/fd.out" && break; sleep 0.05; done
url=$(grep -o 'http://[0-9.:]*' "$work/fd.out")
sed 's/^/   /' "$work/fd.err"
python3 - "$url" <<'PY'
import socket, subprocess, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); held = []
for _ in range(1100):
    try: held.append(socket.create_connection((u.hostname, u.port), timeout=2))
    except OSError: pass
answered = 0
for _ in range(22):
    code = subprocess.run(["curl", "-s", "-m", "2", "-o", "/dev/null", "-w", "%{http_code}", sys.argv[1] + "/health"],
                          capture_output=True, text=True).stdout
    answered += code in ("200", "503")
print(f"   {len(held)} connections held; {answered} of 22 probes answered within 2 s")
PY
kill -TERM "$pid"; wait "$pid"

echo "5. commits of 5 articles each, back to back, under 16 connections of searches for 30 s"
start_server commits
wrk -t2 -c16 -d30s "$url/search?q=oil+OR+market&facets=source&size=20" >"$work/wrk-commits" 2>&1 &
w=$!
zcat -f "$corpus" | head -n 3000 | sed 's/"id": *"/"id": "again-/' >"$work/again.jsonl"
t0=$(now_ms)
"$build/indexer/gazette-index" -q --show-errors 0 --batch-size 5 --db "$work/db" "$work/again.jsonl" 2>/dev/null
t1=$(now_ms)
wait "$w"
commits=600
echo "   $commits commits in $((t1 - t0)) ms ($((commits * 1000 / (t1 - t0 + 1))) per second)"
grep -E 'requests in|Non-2xx' "$work/wrk-commits" | sed 's/^/   /'
fivexx=$(curl -s "$url/metrics" | awk '/^gazette_http_requests_total\{.*status="5[0-9][0-9]"/ { s += $2 } END { print s + 0 }')
echo "   5xx: $fivexx"
verdict test "$fivexx" = 0
kill -TERM "$pid"; wait "$pid"

echo "6. 60 articles with 1 MB titles, 40 clients asking size=60 and not reading"
python3 - "$work/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(60):
        f.write(json.dumps({"id": f"big{i}", "title": "bigtitle " + "x" * (1 << 20), "body": "bigtitle body"}) + "\n")
PY
"$build/indexer/gazette-index" -q --db "$work/db" "$work/big.jsonl"
start_server big
before=$(rss_mib "$pid")
python3 - "$url" <<'PY'
import socket, time, urllib.parse, sys
u = urllib.parse.urlparse(sys.argv[1]); socks = []
for _ in range(40):
    s = socket.create_connection((u.hostname, u.port))
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.sendall(b"GET /search?q=bigtitle&size=60 HTTP/1.1\r\nHost: x\r\n\r\n")
    socks.append(s)
time.sleep(3)
PY
after=$(rss_mib "$pid")
echo "   server RSS ${before} MiB before, ${after} MiB while 40 clients do not read"
verdict test $((after - before)) -lt 200
kill -TERM "$pid"; wait "$pid"

echo "$failures failure(s)"
[ "$failures" = 0 ] && echo PASS || { echo FAIL; exit 1; }
