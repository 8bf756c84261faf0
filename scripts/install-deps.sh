#!/usr/bin/env bash
# Installs the Debian packages Gazette builds and tests with (skipped when all are present).
# --browser adds what the search page's browser tests need: Chromium and Node.js with npm.
set -euo pipefail
packages=(
  build-essential cmake ninja-build pkg-config git
  libxapian-dev xapian-tools libboost-dev nlohmann-json3-dev libcli11-dev catch2
  libxml2-dev libgumbo-dev liblz4-dev libcld2-dev libjemalloc-dev zlib1g-dev libsystemd-dev
  binutils gzip curl
  help2man dpkg-dev file lintian systemd adduser
  pybind11-dev python3-dev python3-pytest
)
if [ "${1:-}" = "--browser" ]; then
  packages+=(chromium fonts-dejavu-core)
  # Node.js from Debian unless one is already installed (npm comes with it).
  command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
