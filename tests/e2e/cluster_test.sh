#!/usr/bin/env bash
# End to end over a sharded index: the sample data indexed as two parts, each served by a real
# xapian-tcpsrv on 127.0.0.1 and a free port, searched through a stub file by gazette-search
# and gazette-server; one part is then killed (partial results: exit status 3, "partial" in
# JSON, /health degraded) and started again (whole results, without a restart).
# Usage: cluster_test.sh GAZETTE_INDEX GAZETTE_SEARCH GAZETTE_SERVER SAMPLE_DATA_DIR
set -uo pipefail
index=$1 search=$2 server=$3 samples=$4
if ! command -v xapian-tcpsrv >/dev/null; then
  echo "skipped: xapian-tcpsrv is not installed (Debian: xapian-tools)"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-e2e-cluster-XXXXXX")
groups=() server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null
  for group in "${groups[@]}"; do kill -9 -- "-$group" 2>/dev/null; done
  rm -rf "$work"
}
trap cleanup EXIT
failures=0
check() {
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}
contains() { grep -q -- "$2" <<<"$1"; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
accepts() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# Serves $1 on port $2 in a process group of its own (its per-connection processes with it).
serve() {
  setsid xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$2" "$1" >/dev/null 2>&1 </dev/null &
  groups+=($!)
  disown # killed by the test: no job notice
  for _ in $(seq 1 200); do accepts "$2" && return 0; sleep 0.05; done
  return 1
}

"$index" -q --db "$work/part0" "$samples/wire"
"$index" -q --db "$work/part1" "$samples/feeds" "$samples/text" "$samples/regional" "$samples/archive"
"$index" -q --db "$work/whole" "$samples"
port0=$(free_port) port1=$(free_port)
serve "$work/part0" "$port0"; check "xapian-tcpsrv serves part 0" test $? = 0
serve "$work/part1" "$port1"; check "xapian-tcpsrv serves part 1" test $? = 0
part1_group=${groups[1]}
printf '# two parts on this machine\nremote 127.0.0.1:%s\nremote 127.0.0.1:%s\n' "$port0" "$port1" >"$work/front.stub"

whole=$("$search" --db "$work/whole" --json -n 100 harbour)
out=$("$search" --db "$work/front.stub" --json -n 100 harbour); rc=$?
check "gazette-search over the stub exits 0" test "$rc" = 0
check "it searches both parts" contains "$out" '"partial":false,"shards":{"total":2,"successful":2,"failed":\[\]}'
total() { sed -n 's/.*"total":{"value":\([0-9]*\).*/\1/p' <<<"$1"; }
check "it finds what the whole index finds" test "$(total "$out")" = "$(total "$whole")"

"$server" --db "$work/front.stub" --port 0 --threads 2 --access-log "" --shard-timeout-ms 500 \
  --shard-retry-max-ms 300 >"$work/out" 2>"$work/err" &
server_pid=$!
for _ in $(seq 1 100); do grep -q 'listening on' "$work/out" && break; sleep 0.05; done
url=$(sed -n 's/^gazette-server listening on \(http:[^ ]*\) .*/\1/p' "$work/out")
check "gazette-server starts on the stub" test -n "$url"
check "/health is ok" contains "$(curl -s "$url/health")" '"status":"ok"'

kill -9 -- "-$part1_group"
out=$("$search" --db "$work/front.stub" -n 3 --snippet 0 harbour 2>"$work/warn"); rc=$?
check "with a part killed gazette-search exits 3" test "$rc" = 3
check "and warns naming the part" grep -q "warning: partial results, 1 of 2 parts answered; not: 127.0.0.1:$port1" "$work/warn"
check "and still prints what the other part found" contains "$out" "results"
printf 'q1\tharbour\nq2\tbridge\n' >"$work/queries"
"$search" --db "$work/front.stub" --queries "$work/queries" --format trec >/dev/null 2>"$work/warn"; rc=$?
check "a batch with partial results exits 3" test "$rc" = 3
check "with one summary warning" grep -q "partial results for 2 of 2 queries" "$work/warn"
status=$(curl -s -o "$work/body" -w '%{http_code}' "$url/search?q=harbour")
check "the server answers 200" test "$status" = 200
check "partial, naming the part" grep -q "\"partial\":true,\"shards\":{\"total\":2,\"successful\":1,\"failed\":\[\"127.0.0.1:$port1\"\]}" "$work/body"
check "/health says degraded, still 200" contains "$(curl -s -w ' %{http_code}' "$url/health")" '"status":"degraded".* 200$'
check "/metrics shows the part down" contains "$(curl -s "$url/metrics")" "gazette_shard_up{shard=\"127.0.0.1:$port1\"} 0"

serve "$work/part1" "$port1"; check "the part is served again" test $? = 0
back=no
for _ in $(seq 1 100); do
  contains "$(curl -s "$url/search?q=harbour")" '"partial":false' && { back=yes; break; }
  sleep 0.1
done
check "the server uses it again without a restart" test "$back" = yes
check "/health is ok again" contains "$(curl -s "$url/health")" '"status":"ok"'

# The part's listener dies first, then the process serving the server's open connection: Xapian
# then says "Connection closed unexpectedly" without naming the part.
for q in harbour bridge council port; do curl -s -o /dev/null "$url/search?q=$q"; done
kill -9 "${groups[2]}" # the listener alone
sleep 0.5
curl -s -o /dev/null "$url/search?q=harbour&size=3"
kill -9 -- "-${groups[2]}"
sleep 0.5
status=$(curl -s -o "$work/body" -w '%{http_code}' "$url/search?q=harbour&size=3")
check "a part whose serving process died after its listener: the server answers 200" test "$status" = 200
check "partial, naming that part" grep -q "\"partial\":true,\"shards\":{\"total\":2,\"successful\":1,\"failed\":\[\"127.0.0.1:$port1\"\]}" "$work/body"
serve "$work/part1" "$port1"; check "the part is served once more" test $? = 0

# Maintenance: a part taken out of the stub, and the server reloaded (SIGHUP), is forgotten.
printf 'remote 127.0.0.1:%s\n' "$port0" >"$work/front.stub.new" && mv "$work/front.stub.new" "$work/front.stub"
kill -9 -- "-${groups[3]}"
kill -HUP "$server_pid"
reloaded=no
for _ in $(seq 1 50); do
  contains "$(curl -s "$url/search?q=harbour")" '"partial":false,"shards":{"total":1,"successful":1' && { reloaded=yes; break; }
  sleep 0.1
done
check "after SIGHUP the server searches the parts the stub now lists" test "$reloaded" = yes
check "and /health forgets the part taken out" contains "$(curl -s "$url/health")" '"status":"ok".*"total":1'

kill -TERM "$server_pid"; wait "$server_pid"; rc=$?; server_pid=
check "SIGTERM stops the server" test "$rc" = 0
echo "$failures failure(s)"
[ "$failures" = 0 ]
