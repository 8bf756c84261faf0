#!/usr/bin/env bash
# The server's result cache on the traffic news gets: the 2,000 Reuters title queries replayed
# with a Zipf distribution (bench/wrk_zipf.lua, exponent ZIPF_S, default 1.0), 64 connections,
# with the cache (the default, 64 MiB) and without (--cache-mb 0): requests per second and p99
# latency, and the cache's hit ratio from /metrics. The server runs on CPU 0 and wrk on CPU 1;
# the two settings alternate for ROUNDS rounds (medians).
# usage: bench/cache.sh [DOCS.jsonl.gz] [SECONDS] [ROUNDS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
require_dir "$anchors" GAZETTE_ANCHORS
docs=${1:-$data/news/reuters21578.jsonl.gz}
seconds=${2:-10}
rounds=${3:-3}
need wrk:wrk taskset:util-linux
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-cache-XXXXXX")
server_pid=
trap '[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
zcat -f "$docs" >"$work/docs.jsonl"
python3 "$anchors/make_queries.py" "$work/docs.jsonl" 2000 3 >"$work/queries.tsv"
"$build/indexer/gazette-index" -q --show-errors 0 --db "$work/db" "$docs" 2>/dev/null || [ $? = 2 ]
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

declare -A rps p99 hits
for ((r = 1; r <= rounds; ++r)); do
  for mb in 64 0; do
    taskset -c 0 "$build/server/gazette-server" --db "$work/db" --port "$port" --access-log "" \
      --cache-mb "$mb" >"$work/server.out" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
    out=$(QUERIES="$work/queries.tsv" PARAMS="&snippet=0" taskset -c 1 wrk -t1 -c64 -d"${seconds}s" --latency \
      -s "$root/bench/wrk_zipf.lua" "http://127.0.0.1:$port")
    rps[$mb]+="$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' <<<"$out") "
    # wrk prints "99%  12.34ms" (or us, s): in milliseconds.
    p99[$mb]+="$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else { sub(/s$/, "", v); v *= 1000 } print v }' <<<"$out") "
    metrics=$(curl -s "http://127.0.0.1:$port/metrics")
    h=$(sed -n 's/^gazette_cache_hits_total //p' <<<"$metrics") m=$(sed -n 's/^gazette_cache_misses_total //p' <<<"$metrics")
    hits[$mb]+="$(awk -v h="$h" -v m="$m" 'BEGIN { printf "%.3f", (h + m) ? h / (h + m) : 0 }') "
    kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
  done
done
echo "Zipf replay (s=${ZIPF_S:-1.0}) of 2,000 Reuters title queries, 64 connections, ${seconds}s x $rounds rounds, medians; $(nproc) cores; $(date -u +%F)"
printf '%-16s %12s %10s %10s\n' cache "req/s" "p99 ms" "hit ratio"
for mb in 64 0; do
  printf '%-16s %12s %10s %10s\n' "$([ "$mb" = 0 ] && echo "off (--cache-mb 0)" || echo "on ($mb MiB)")" \
    "$(median <<<"${rps[$mb]}")" "$(median <<<"${p99[$mb]}")" "$(median <<<"${hits[$mb]}")"
done
