#!/usr/bin/env bash
# The Debian packages as a user gets them: built by CPack, checked by lintian (no errors),
# installed with apt-get, the unit checked by systemd-analyze, then the installed programs run
# as the gazette user against the sample data: an index built, the server started with the
# installed configuration, its readiness notice received (Type=notify), searched, stopped.
# Installs into the machine (apt-get): needs root or passwordless sudo, else exits 77 (skipped).
# The Python module's package is installed and imported by the system Python too.
# Usage: check_debs.sh BUILD_DIR SAMPLE_DATA_DIR
set -uo pipefail
build=$(realpath "$1") samples=$(realpath "$2")
sudo=""
if [ "$(id -u)" != 0 ]; then
  sudo -n true 2>/dev/null || { echo "check_debs: needs root or passwordless sudo to install packages; skipped"; exit 77; }
  sudo="sudo -n"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/gazette-debs-XXXXXX")
chmod 755 "$work"
server_pid=
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq gazette python3-gazette libgazette-dev libgazette0 \
    >/dev/null 2>&1
  $sudo rm -rf /var/lib/gazette "$work"
}
trap cleanup EXIT
failures=0
check() { # check DESCRIPTION COMMAND...
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; failures=$((failures + 1)); fi
}

rm -f "$build"/*.deb
cmake --build "$build" --target package >"$work/cpack.log" 2>&1
check "cmake --build --target package makes four packages" test "$(ls "$build"/*.deb 2>/dev/null | wc -l)" = 4
debs=("$build"/gazette_*.deb "$build"/libgazette0_*.deb "$build"/libgazette-dev_*.deb "$build"/python3-gazette_*.deb)
lintian --fail-on error --tag-display-limit 0 "${debs[@]}" >"$work/lintian.log" 2>&1
check "lintian finds no errors" test "$?" = 0
grep '^E:' "$work/lintian.log"
check "gazette depends on the Xapian runtime" bash -c 'dpkg-deb -f "$1" Depends | grep -q libxapian30' _ "${debs[0]}"
check "libgazette-dev depends on libgazette0 of its version" \
  bash -c 'dpkg-deb -f "$1" Depends | grep -q "libgazette0 (= "' _ "${debs[2]}"

$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >"$work/apt.log" 2>&1
check "apt-get installs them" test "$?" = 0 || tail -5 "$work/apt.log"
check "the programs are on the PATH" test -x /usr/bin/gazette-index -a -x /usr/bin/gazette-search -a -x /usr/bin/gazette-server
check "their man pages are installed" test -f /usr/share/man/man1/gazette-server.1.gz
check "the service runs as its own user" getent passwd gazette
check "the default configuration is a conffile" grep -qx /etc/gazette/server.conf /var/lib/dpkg/info/gazette.conffiles
units=/usr/lib/systemd/system
if command -v systemd-analyze >/dev/null; then
  # Templates are verified through an instance of each.
  mkdir "$work/units"
  cp "$units"/gazette-server.service "$units"/gazette-replicate-server.service "$work/units/"
  ln -s "$units/gazette-shard@.service" "$work/units/gazette-shard@2021.service"
  ln -s "$units/gazette-replica@.service" "$work/units/gazette-replica@index.service"
  systemd-analyze verify "$work"/units/*.service >"$work/verify.log" 2>&1
  check "systemd-analyze verify finds nothing to say about the units" bash -c '[ "$1" = 0 ] && [ ! -s "$2" ]' _ "$?" "$work/verify.log"
  cat "$work/verify.log"
else
  check "systemd-analyze is installed (package systemd)" false
fi

# The installed programs, as the service's user, on a copy of the sample data it can read.
cp -r "$samples" "$work/samples" && chmod -R a+rX "$work/samples"
# setpriv replaces itself with the program, so a background job's pid is the program's.
as_gazette() { $sudo setpriv --reuid=gazette --regid=gazette --init-groups -- "$@"; }
cd "$work"
out=$(as_gazette gazette-index --db /var/lib/gazette/index "$work/samples" 2>&1)
check "the installed indexer builds the index in /var/lib/gazette" grep -q 'holds 67 articles$' <<<"$out"
out=$(as_gazette gazette-search --db /var/lib/gazette/index --limit 1 bridge 2>&1)
check "the installed gazette-search finds articles" grep -q '^7 results$' <<<"$out"
out=$(as_gazette /usr/bin/python3 -c 'import gazette; print(gazette.Searcher("/var/lib/gazette/index").search("bridge", limit=0)["total"])' 2>&1)
check "the installed Python module searches the index" test "$out" = 7

# The server with the installed configuration (its port moved to a free one), started the
# way systemd starts it: with a NOTIFY_SOCKET to say when it is ready.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
notify=$work/notify.sock
python3 - "$notify" >"$work/notify.log" 2>&1 <<'PY' &
import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o777)
s.settimeout(20)
try:
    while True:
        message = s.recv(4096).decode()
        print(message, flush=True)
        if "READY=1" in message:
            break
except socket.timeout:
    print("no notice", flush=True)
PY
listener=$!
for _ in $(seq 1 50); do [ -S "$notify" ] && break; sleep 0.1; done
# Not through as_gazette: a shell function run in the background is a subshell of its own, whose
# pid is not the server's, and the server outlived the test.
$sudo setpriv --reuid=gazette --regid=gazette --init-groups -- env NOTIFY_SOCKET="$notify" \
  gazette-server --config /etc/gazette/server.conf --port "$port" >"$work/server.log" 2>&1 &
server_pid=$!
wait "$listener"
check "the server tells systemd it is ready (READY=1)" grep -q 'READY=1' "$work/notify.log"
status=$(curl -s -o "$work/health" -w '%{http_code}' "http://127.0.0.1:$port/health")
check "the installed server answers /health" bash -c '[ "$1" = 200 ] && grep -q "\"documents\":67" "$2"' _ "$status" "$work/health"
check "and searches" bash -c 'curl -s "http://127.0.0.1:$1/search?q=bridge&size=1" | grep -q "\"hits\":\[{"' _ "$port"
listening=$(python3 - "$port" <<'PY'
import sys
port = int(sys.argv[1])
for line in open("/proc/net/tcp").readlines()[1:] + open("/proc/net/tcp6").readlines()[1:]:
    local, state = line.split()[1], line.split()[3]
    address, p = local.split(":")
    if state == "0A" and int(p, 16) == port:
        print(address)
PY
)
check "it listens on the loopback only, as configured" test "$listening" = 0100007F
$sudo kill -TERM "$server_pid"
for _ in $(seq 1 100); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
check "SIGTERM stops it" bash -c '! kill -0 "$1" 2>/dev/null' _ "$server_pid"
check "and nothing listens on its port any more" bash -c '! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null' _ "$port"
server_pid=

echo "$failures failure(s)"
[ "$failures" = 0 ]
