#!/usr/bin/env bash
# Installs what is missing, builds, indexes sample-data/ and runs example searches on it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${GAZETTE_BUILD_DIR:-$root/build}
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
db="$build/sample.db"
echo
echo "== gazette-index --db $db sample-data"
"$build/indexer/gazette-index" --db "$db" "$root/sample-data"
for query in 'conjoined twins' 'bridge toll' 'title:heatwave 2023..2025'; do
  echo
  echo "== gazette-search --db $db --limit 3 '$query'"
  "$build/search/gazette-search" --db "$db" --limit 3 "$query"
done
