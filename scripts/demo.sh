#!/usr/bin/env bash
# Installs what is missing, builds, indexes sample-data/, runs example searches, then serves the
# index on http://127.0.0.1:${GAZETTE_PORT:-8080} until Ctrl-C.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${GAZETTE_BUILD_DIR:-$root/build}
port=${GAZETTE_PORT:-8080}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
db="$build/sample.db"
echo
echo "== gazette-index --db $db sample-data"
"$build/indexer/gazette-index" --db "$db" "$root/sample-data"
for query in 'conjoined twins' 'title:heatwave 2023..2025'; do
  echo
  echo "== gazette-search --db $db --limit 3 '$query'"
  "$build/search/gazette-search" --db "$db" --limit 3 --snippet 120 "$query"
done

echo
echo "== gazette-server --db $db --port $port"
"$build/server/gazette-server" --db "$db" --port "$port" --access-log "" &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null' INT TERM EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.1; done
echo "\$ curl 'http://127.0.0.1:$port/search?q=bridge+toll&size=2&snippet=80'"
curl -s "http://127.0.0.1:$port/search?q=bridge+toll&size=2&snippet=80"
echo
echo
echo "Serving the sample index on http://127.0.0.1:$port (Ctrl-C stops)."
echo "Open http://127.0.0.1:$port/ in a browser for the search page, or try:"
echo "  curl 'http://127.0.0.1:$port/search?q=heatwave&facets=source,year&sort=newest'"
echo "  curl 'http://127.0.0.1:$port/articles/000_f1d144996bf222f8'"
echo "  curl 'http://127.0.0.1:$port/health'"
wait $server
