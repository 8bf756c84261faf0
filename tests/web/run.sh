#!/usr/bin/env bash
# Browser tests of the search page: headless Chromium against a real gazette-server.
# Exit 77 (skipped) when the browser or Node is missing. See support.mjs for the environment
# variables (GAZETTE_BIN_DIR, GAZETTE_WEB_ROOT, GAZETTE_CHROMIUM, GAZETTE_SCREENSHOT_DIR).
set -euo pipefail
cd "$(dirname "$0")"

chromium="${GAZETTE_CHROMIUM:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  echo "skipped: no Chromium at $chromium (apt-get install chromium)"
  exit 77
fi
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
  echo "skipped: node and npm are needed (apt-get install nodejs npm)"
  exit 77
fi
if [[ ! -d node_modules/playwright-core ]]; then
  npm ci --no-audit --no-fund
fi

# Each test has its own 30 s limit (in the test file); this bounds the whole file.
exec node --test --test-reporter=spec --test-timeout=170000 search.test.mjs
