# Sourced by the benchmark scripts after they set $root: where the data, the reference engines
# and the build are (each overridable), and `need` to install missing commands.
data=${GAZETTE_DATA:-$root/../shared/data}
anchors=${GAZETTE_ANCHORS:-$root/../shared/anchors}
build=${GAZETTE_BUILD_DIR:-$root/build}

# Stops with a clear message when a directory a benchmark reads is missing. usage: require_dir DIR VARIABLE
require_dir() { [ -d "$1" ] || { echo "${0##*/}: $1 not found; set $2 to where it is" >&2; exit 2; }; }
require_dir "$data" GAZETTE_DATA

# Installs the Debian packages of missing commands. usage: need COMMAND:PACKAGE ...
need() {
  local missing=() pair
  for pair in "$@"; do command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}"); done
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The median of the numbers on stdin, one or more to a line.
median() { awk '{for (i = 1; i <= NF; i++) print $i}' | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
