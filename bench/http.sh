#!/usr/bin/env bash
# HTTP throughput of gazette-server against the library alone on the same cores, and the HTTP
# stack alone (/health) against nginx serving a small static file. Load from wrk on loopback,
# cycling through 2,000 news queries (bench/wrk_queries.lua). So that the load generator does
# not eat into what is measured, the server (and the library, and nginx) run on CPU 0 and wrk
# on CPU 1 (taskset).
# This machine's speed drifts by ±10% between runs of a few seconds, so every measurement is
# repeated ROUNDS times, interleaved. Two shares are printed: median over median, and the median
# of each round's ratio to the library run just before it (paired, so the machine's drift
# between rounds cancels out).
# usage: bench/http.sh [DOCS.jsonl.gz] [SECONDS] [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
require_dir "$anchors" GAZETTE_ANCHORS
docs=${1:-$data/news/reuters21578.jsonl.gz}
seconds=${2:-10}
rounds=${3:-3}
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-http-XXXXXX")
server_pid= nginx_conf=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  [ -n "$nginx_conf" ] && nginx -c "$nginx_conf" -p "$work/nginx" -s stop 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
need wrk:wrk nginx:nginx-light bc:bc taskset:util-linux
[ -x "$build/bench/gazette-query-bench" ] || "$root/scripts/build.sh" >/dev/null
[ "$(nproc)" -ge 2 ] || { echo "needs two CPUs: one for the server, one for wrk" >&2; exit 2; }
server_cpu=0 load_cpu=1

zcat -f "$docs" >"$work/docs.jsonl"
python3 "$anchors/make_queries.py" "$work/docs.jsonl" 2000 3 >"$work/queries.tsv"
"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/db" "$docs" 2>/dev/null || [ $? = 2 ]

# The same request both ways: top 10, no snippets, exact totals up to 1000 (the default). The
# library is measured just before each server run, so both see the same drift.
library_qps() {
  local out
  out=$(taskset -c "$server_cpu" "$build/bench/gazette-query-bench" --db "$work/db" --queries "$work/queries.tsv" --repeat 3)
  sed -n 's/.*mean_us=\([0-9.]*\).*/\1/p' <<<"$out" | awk '{printf "%d", 1e6 / $1}'
}
port=18480
start_server() {
  # No result cache: the log is replayed in turn, and every request after the first 2,000 would
  # be a hit; this measures searches over HTTP against the same searches in the library.
  taskset -c "$server_cpu" "$build/server/gazette-server" --db "$work/db" --port "$port" --io-threads 1 \
    --access-log "" --cache-mb 0 "$@" >"$work/server.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=; }
# Three ways to run requests: handed over to a worker thread (the default, with batch
# scheduling), the same with normal scheduling, and inline on the I/O thread (--inline-search),
# which saves the hand-over.
modes=("--threads 1" "--threads 1 --no-batch-scheduling" "--inline-search")
# /health latency while searches (with facets, so slower) keep the worker busy: what batch
# scheduling costs the routes that need no worker. 30 requests, one every 0.1 s.
health_under_load() {
  QUERIES="$work/queries.tsv" PARAMS="&snippet=0&facets=source,tag,month,year,lang" taskset -c "$load_cpu" \
    wrk -t1 -c64 -d6s -s "$root/bench/wrk_queries.lua" "http://127.0.0.1:$port" >/dev/null &
  local load=$!
  sleep 1
  for _ in $(seq 1 30); do
    taskset -c "$load_cpu" curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/health"
    sleep 0.1
  done | sort -g | awk '{v[NR] = 1000 * $1} END {printf "median %.2f ms, max %.2f ms", v[int((NR + 1) / 2)], v[NR]}'
  wait "$load"
}
declare -A served paired
libraries= healths=
for round in $(seq 1 "$rounds"); do
  for mode in "${modes[@]}"; do
    start_server $mode
    for connections in 8 64 256; do
      library=$(library_qps)
      out=$(QUERIES="$work/queries.tsv" PARAMS="&snippet=0" taskset -c "$load_cpu" wrk -t1 -c"$connections" -d"${seconds}s" \
            -s "$root/bench/wrk_queries.lua" "http://127.0.0.1:$port")
      rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' <<<"$out")
      libraries+=" $library"
      served["$mode c=$connections"]+=" $rps"
      paired["$mode c=$connections"]+=" $(echo "scale=0; 100 * $rps / $library" | bc)"
      echo "round $round: gazette-server $mode /search c=$connections: $rps req/s (library just before: $library q/s)," \
           "$(grep '^latency' <<<"$out"), $(grep '^errors' <<<"$out"), non-2xx $(grep -c 'Non-2xx' <<<"$out" || true)"
    done
    if [ "$mode" = "--threads 1" ]; then
      healths+=" $(taskset -c "$load_cpu" wrk -t1 -c64 -d"${seconds}s" "http://127.0.0.1:$port/health" | sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p')"
    fi
    [ "$mode" = "--inline-search" ] || echo "round $round: gazette-server $mode /health while searches fill the worker: $(health_under_load)"
    stop_server
  done
done
library=$(median <<<"$libraries")
echo "library alone, median of $((rounds * ${#modes[@]} * 3)) runs: $library q/s (runs:$libraries)"
for mode in "${modes[@]}"; do
  for connections in 8 64 256; do
    rps=$(median <<<"${served["$mode c=$connections"]}")
    echo "gazette-server $mode /search c=$connections: median $rps req/s = $(echo "scale=0; 100 * $rps / $library" | bc)% of the library (target >= 80%; runs:${served["$mode c=$connections"]});" \
         "paired: $(median <<<"${paired["$mode c=$connections"]}")% (rounds:${paired["$mode c=$connections"]})"
  done
done
health=$(median <<<"$healths")

mkdir -p "$work/nginx/html" "$work/nginx/logs"
echo '{"status":"ok","documents":1}' >"$work/nginx/html/health"
nginx_conf="$work/nginx/nginx.conf"
cat >"$nginx_conf" <<CONF
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events { worker_connections 4096; }
http { access_log off; server { listen 127.0.0.1:18481; root $work/nginx/html; location / { } } }
CONF
taskset -c "$server_cpu" nginx -c "$nginx_conf" -p "$work/nginx"
sleep 0.3
static=$(taskset -c "$load_cpu" wrk -t1 -c64 -d"${seconds}s" "http://127.0.0.1:18481/health" | sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p')
echo "gazette-server /health c=64: median $health req/s; nginx static file: $static req/s;" \
     "gazette = $(echo "scale=0; 100 * $health / $static" | bc)% of nginx (target >= 50%)"
