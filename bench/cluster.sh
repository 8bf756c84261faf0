#!/usr/bin/env bash
# One index against the same articles as an archive of local partitions, as 4 local parts and
# as 2, 4 and 8 parts served by xapian-tcpsrv on loopback (searched through a stub file; the
# cost of each extra remote part), side by side in one run: top-10
# latency in-process (the 2,000 Reuters title queries, hits with their stored fields, no snippets), the
# same with "did you mean" (misspelt queries: fewer than 10 results), and requests per second
# through gazette-server (wrk). The parts run on this machine, so their work and the network
# stack share its two cores with the front end: a lower bound on what separate machines give.
# usage: bench/cluster.sh [DOCS.jsonl.gz] [ROUNDS] [SECONDS]   (defaults: Reuters-21578, 3, 10)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/bench/common.sh"
require_dir "$anchors" GAZETTE_ANCHORS
docs=${1:-$data/news/reuters21578.jsonl.gz}
rounds=${2:-3}
seconds=${3:-10}
remote_counts=(2 4 8)
need wrk:wrk xapian-tcpsrv:xapian-tools taskset:util-linux
[ -x "$build/bench/gazette-query-bench" ] || "$root/scripts/build.sh" >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-bench-cluster-XXXXXX")
groups=() server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  for group in "${groups[@]}"; do kill -9 -- "-$group" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
index=$build/indexer/gazette-index
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

zcat -f "$docs" >"$work/docs.jsonl"
python3 "$anchors/make_queries.py" "$work/docs.jsonl" 2000 3 >"$work/queries.tsv"
# Misspelt: one letter dropped from the longest word of 200 of the queries.
python3 - "$work/queries.tsv" >"$work/misspelt.tsv" <<'PY'
import sys
for n, line in enumerate(open(sys.argv[1])):
    if n % 10: continue
    qid, text = line.rstrip("\n").split("\t", 1)
    words = text.split()
    i = max(range(len(words)), key=lambda k: len(words[k]))
    w = words[i]
    if len(w) >= 5: words[i] = w[:len(w) // 2] + w[len(w) // 2 + 1:]
    print(f"{qid}\t{' '.join(words)}")
PY
"$index" -q --show-errors 0 --db "$work/one" "$work/docs.jsonl" 2>/dev/null || [ $? = 2 ]
"$index" -q --show-errors 0 --db "$work/archive" --partition month "$work/docs.jsonl" 2>/dev/null || [ $? = 2 ]
# Splits the articles round-robin into N indexes under $work/N/, serves each with xapian-tcpsrv
# and writes $work/N/remote.stub (and local.stub, the same parts opened locally).
split_and_serve() {
  local n=$1 k port
  mkdir -p "$work/$n"
  for ((k = 0; k < n; ++k)); do
    awk -v k="$k" -v n="$n" 'NR % n == k' "$work/docs.jsonl" >"$work/$n/part$k.jsonl"
    "$index" -q --show-errors 0 --db "$work/$n/part$k" "$work/$n/part$k.jsonl" 2>/dev/null || [ $? = 2 ]
    port=$(free_port)
    setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$port" "$work/$n/part$k" >/dev/null 2>&1 </dev/null &
    groups+=($!)
    disown
    echo "remote 127.0.0.1:$port" >>"$work/$n/remote.stub"
    echo "auto part$k" >>"$work/$n/local.stub"
  done
  for _ in $(seq 1 100); do
    local up=0 address
    while read -r _ address; do (exec 3<>"/dev/tcp/${address%:*}/${address#*:}") 2>/dev/null && up=$((up + 1)); done <"$work/$n/remote.stub"
    [ "$up" = "$n" ] && return 0
    sleep 0.1
  done
  echo "cluster.sh: the parts of $n did not start" >&2
  exit 1
}
for n in "${remote_counts[@]}"; do split_and_serve "$n"; done

layouts=("one:$work/one" "archive:$work/archive" "4-local:$work/4/local.stub" "2-remote:$work/2/remote.stub"
  "4-remote:$work/4/remote.stub" "8-remote:$work/8/remote.stub")
served=(one archive 4-local 4-remote) # through gazette-server too
value() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | head -1; }
declare -A p50 p99 sp50 rps
for ((r = 1; r <= rounds; ++r)); do
  for entry in "${layouts[@]}"; do
    name=${entry%%:*} db=${entry#*:}
    out=$("$build/bench/gazette-query-bench" --db "$db" --queries "$work/queries.tsv" --repeat 3)
    p50[$name]+="$(value p50_us <<<"$out") " p99[$name]+="$(value p99_us <<<"$out") "
    out=$("$build/bench/gazette-query-bench" --db "$db" --queries "$work/misspelt.tsv" --repeat 3)
    sp50[$name]+="$(value p50_us <<<"$out") "
  done
done
port=$(free_port)
for entry in "${layouts[@]}"; do
  name=${entry%%:*} db=${entry#*:}
  [[ " ${served[*]} " == *" $name "* ]] || continue
  # No result cache: the log is replayed in turn, and the layouts are compared on their searches.
  taskset -c 0 "$build/server/gazette-server" --db "$db" --port "$port" --io-threads 1 --threads 1 \
    --access-log "" --cache-mb 0 >"$work/server.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
  for ((r = 1; r <= rounds; ++r)); do
    out=$(QUERIES="$work/queries.tsv" PARAMS="&snippet=0" taskset -c 1 wrk -t1 -c8 -d"${seconds}s" \
      -s "$root/bench/wrk_queries.lua" "http://127.0.0.1:$port")
    rps[$name]+="$(sed -n 's/^Requests\/sec: *\([0-9.]*\)/\1/p' <<<"$out") "
  done
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=
done

echo "$(wc -l <"$work/docs.jsonl") articles; $rounds rounds, medians; $(nproc) cores; $(date -u +%F)"
printf '%-9s %12s %12s %22s %16s\n' layout "p50 us" "p99 us" "misspelt p50 us" "server req/s"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
for entry in "${layouts[@]}"; do
  name=${entry%%:*}
  a=$(median <<<"${p50[$name]}") b=$(median <<<"${p99[$name]}") c=$(median <<<"${sp50[$name]}")
  d=-
  [ -z "${rps[$name]:-}" ] || d="$(median <<<"${rps[$name]}") ($(ratio "$(median <<<"${rps[$name]}")" "$(median <<<"${rps[one]}")"))"
  printf '%-9s %12s %12s %22s %16s\n' "$name" "$a ($(ratio "$a" "$(median <<<"${p50[one]}")"))" "$b" \
    "$c ($(ratio "$c" "$(median <<<"${sp50[one]}")"))" "$d"
done
