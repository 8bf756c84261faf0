#!/usr/bin/env bash
# What an operator does around a running gazette-server, through the real binary: its access
# log read by a pipe that closes or stalls, log rotation with SIGUSR1, SIGHUP, a low open-file
# limit with many clients, and SIGTERM. Each server is stopped by its pid.
# Usage: operations_test.sh GAZETTE_INDEX GAZETTE_SERVER SAMPLE_DATA_DIR
set -uo pipefail
index=$1 server=$2 samples=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-e2e-ops-XXXXXX")
pids=()
trap 'for p in "${pids[@]}"; do kill -9 "$p" 2>/dev/null; done; rm -rf "$work"' EXIT
failures=0
check() {
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
alive() { kill -0 "$1" 2>/dev/null; }
# wait_for_url FILE: the server's address once it has printed it (bounded wait).
wait_for_url() {
  for _ in $(seq 1 200); do
    grep -q 'listening on' "$1" 2>/dev/null && break
    sleep 0.05
  done
  sed -n 's/^gazette-server listening on \(http:[^ ]*\) .*/\1/p' "$1" | head -n 1
}
# requests URL N: sends N keep-alive GETs of /health, each with a 3 s timeout; prints how many got 200.
requests() {
  python3 - "$1" "$2" <<'PY'
import http.client, sys, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); n = int(sys.argv[2]); ok = 0
conn = http.client.HTTPConnection(u.hostname, u.port, timeout=3)
for i in range(n):
    try:
        conn.request("GET", "/health" if i % 2 else "/search?q=bridge")
        r = conn.getresponse(); r.read()
        ok += r.status == 200
    except Exception:
        conn.close(); conn = http.client.HTTPConnection(u.hostname, u.port, timeout=3)
print(ok)
PY
}
"$index" -q --db "$work/db" "$samples"

# 1. The log's reader goes away (| head -n 2): the server must not die of SIGPIPE. head
#    prints nothing before it exits, so the port is chosen here.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port
mkfifo "$work/pipe1"
"$server" --db "$work/db" --port "$port" --threads 2 >"$work/pipe1" 2>"$work/err1" &
pid=$!; pids+=("$pid")
head -n 2 <"$work/pipe1" >"$work/out1" &
for _ in $(seq 1 100); do curl -s -o /dev/null "$url/health" && break; sleep 0.05; done
for _ in $(seq 1 100); do [ -s "$work/out1" ] && break; sleep 0.05; done
check "the log's reader has read its two lines and left" test "$(wc -l <"$work/out1")" = 2
check "requests after the log's reader left are answered" test "$(requests "$url" 50)" = 50
check "the server is still running after the reader left (no SIGPIPE)" alive "$pid"
kill -TERM "$pid"; wait "$pid"; rc=$?
check "and stops with exit 0" test "$rc" = 0

# 2. The log's reader stalls (| sleep): serving goes on.
mkfifo "$work/pipe2"
"$server" --db "$work/db" --port 0 --threads 2 >"$work/pipe2" 2>"$work/err2" &
pid=$!; pids+=("$pid")
{ head -n 1 >"$work/out2"; exec sleep 120; } <"$work/pipe2" &
reader=$!; pids+=("$reader")
url=$(wait_for_url "$work/out2")
start=$(date +%s)
check "3000 requests with a stalled log reader are all answered" test "$(requests "$url" 3000)" = 3000
check "in reasonable time" test $(($(date +%s) - start)) -lt 60
check "/health answers too" test "$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$url/health")" = 200
kill -TERM "$pid"; wait "$pid"; rc=$?
check "a server with a stalled log reader stops on SIGTERM (exit 0)" test "$rc" = 0
kill "$reader" 2>/dev/null

# 3. Log rotation: SIGUSR1 reopens the file; SIGHUP does not stop the server.
"$server" --db "$work/db" --port 0 --access-log "$work/access.log" >"$work/out3" 2>"$work/err3" &
pid=$!; pids+=("$pid")
url=$(wait_for_url "$work/out3")
curl -s -o /dev/null "$url/health?first"
sleep 0.3
mv "$work/access.log" "$work/access.log.1"
kill -USR1 "$pid"
sleep 0.3
curl -s -o /dev/null "$url/health?second"
for _ in $(seq 1 50); do [ -s "$work/access.log" ] && break; sleep 0.05; done
check "after SIGUSR1 the log is written to a new file" grep -q 'second' "$work/access.log"
check "the rotated file keeps the earlier lines only" bash -c "grep -q first '$work/access.log.1' && ! grep -q second '$work/access.log.1'"
kill -HUP "$pid"
sleep 0.3
check "SIGHUP leaves the server running" alive "$pid"
check "and serving" test "$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$url/search?q=bridge")" = 200
kill -TERM "$pid"; wait "$pid"; rc=$?
check "then SIGTERM stops it with exit 0" test "$rc" = 0

# 4. A low open-file limit: the connection cap is fitted below it, and a crowd of clients
#    neither spins the server nor keeps new ones from an answer.
(ulimit -n 256 && exec "$server" --db "$work/db" --port 0 --threads 2 >"$work/out4" 2>"$work/err4") &
pid=$!; pids+=("$pid")
url=$(wait_for_url "$work/out4")
check "the connection cap is lowered to fit the limit, with a warning" grep -q 'max-connections 1024 lowered to' "$work/err4"
python3 - "$url" 400 >"$work/crowd" <<'PY' &
import socket, sys, time, urllib.parse
u = urllib.parse.urlparse(sys.argv[1]); held = []
for _ in range(int(sys.argv[2])):
    try:
        held.append(socket.create_connection((u.hostname, u.port), timeout=2))
    except OSError:
        pass
print(len(held), flush=True)
time.sleep(8)
PY
crowd=$!; pids+=("$crowd")
sleep 2
ticks() { awk '{print $14 + $15}' /proc/"$1"/stat; }
before=$(ticks "$pid"); sleep 2; after=$(ticks "$pid")
check "the server is not spinning with the crowd connected (< 50% CPU)" test $((after - before)) -lt 100
answered=0
for _ in $(seq 1 10); do
  code=$(curl -s -m 2 -o /dev/null -w '%{http_code}' "$url/health")
  [ "$code" = 200 ] || [ "$code" = 503 ] && answered=$((answered + 1))
done
check "new clients get an answer (200, or 503 past the cap) while the crowd stays" test "$answered" = 10
wait "$crowd"
check "once the crowd is gone /health is 200" test "$(curl -s -m 3 -o /dev/null -w '%{http_code}' "$url/health")" = 200
kill -TERM "$pid"; wait "$pid"

# 4b. A soft open-file limit below the hard one (systemd's default soft limit is 1024) is raised
#     to the hard one at start.
hard=$(ulimit -Hn); [ "$hard" = unlimited ] && hard=4096
[ "$hard" -gt 4096 ] && hard=4096
if [ "$hard" -ge 1024 ]; then
  (ulimit -Sn 256 && ulimit -Hn "$hard" && exec "$server" --db "$work/db" --port 0 --access-log "" \
    >"$work/out7" 2>"$work/err7") &
  pid=$!; pids+=("$pid")
  wait_for_url "$work/out7" >/dev/null
  check "the soft open-file limit is raised to the hard one" \
    test "$(awk '/Max open files/ {print $4}' /proc/"$pid"/limits)" = "$hard"
  check "and the connection cap is not lowered then" test "$(grep -c 'lowered' "$work/err7")" = 0
  kill -TERM "$pid"; wait "$pid"
else
  echo "skip - the hard open-file limit ($hard) leaves no room to raise the soft one"
fi

# 5. A misspelt setting in the config file stops the start, naming it; a missing index is said.
printf 'db = %s\nmax-qeury-terms = 5\n' "$work/db" >"$work/bad.conf"
"$server" --config "$work/bad.conf" --port 0 >/dev/null 2>"$work/err5"; rc=$?
check "an unknown config key refuses to start (exit 64)" test "$rc" = 64
check "and names the key" grep -q 'max-qeury-terms' "$work/err5"
"$server" --db "$work/nowhere" --port 0 --access-log "" >"$work/out6" 2>"$work/err6" &
pid=$!; pids+=("$pid")
for _ in $(seq 1 100); do grep -q 'warning' "$work/err6" && break; sleep 0.05; done
check "a server over a missing index warns at start" grep -q "warning: no index at $work/nowhere" "$work/err6"
kill -TERM "$pid"; wait "$pid"

echo "$failures failure(s)"
[ "$failures" = 0 ]
