#!/usr/bin/env bash
# Runs the server tests with their responses recorded, then checks every one of them against
# the OpenAPI description the server serves (server/web/openapi.json). Exit 77 (skipped) when
# Node.js is missing.
# Usage: run.sh SERVER_TESTS_BINARY OPENAPI_JSON
set -euo pipefail
tests=$1 spec=$2
cd "$(dirname "$0")"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "skipped: node and npm are needed (apt-get install nodejs npm)"
  exit 77
fi
[ -d node_modules/ajv ] && [ -d node_modules/@seriousme/openapi-schema-validator ] || npm ci --no-audit --no-fund
recordings=$(mktemp -d "${TMPDIR:-/tmp}/gazette-api-XXXXXX")
trap 'rm -rf "$recordings"' EXIT
# All but the commit-storm test, whose thousands of /search and /health answers add nothing here
# and whose timing a parallel test run disturbs.
GAZETTE_RECORD_RESPONSES=$recordings "$tests" "~commits every few milliseconds never surface as server errors" \
  >"$recordings/tests.log" 2>&1 ||
  { tail -20 "$recordings/tests.log"; echo "the server tests failed"; exit 1; }
node validate.mjs "$spec" "$recordings"
