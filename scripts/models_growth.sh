#!/usr/bin/env bash
# What the navigation properties (issue 19) added to the generated models, side by side in one
# run against a checkout from before them (BASELINE_REV, default 87b998b):
#
#   bash scripts/models_growth.sh            # RUNS=3 interleaved builds of each side
#
# 1. `size_of` of every struct both sides export from msgraph-intune's root, the largest first:
#    a throwaway crate per side under target/models-growth/ prints them (TOP=10 rows).
# 2. msgraph-intune's own debug build with `--features full` (a user's default debug info,
#    CARGO_INCREMENTAL=0), dependencies built first; the two sides alternate so that other load on
#    the machine falls on both alike. Prints CPU (user+sys) and wall medians and the peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-3}
BASELINE_REV=${BASELINE_REV:-87b998b}
WORK="$ROOT/target/models-growth"
BASE="$WORK/baseline-src"
mkdir -p "$WORK"
if [ ! -d "$BASE" ]; then
  mkdir -p "$BASE"
  git archive "$BASELINE_REV" | tar -x -C "$BASE"
fi
export CARGO_INCREMENTAL=0

# Struct names exported by a checkout's msgraph-intune (every area's module is glob re-exported).
structs() { grep -rhoE '^pub struct [A-Z][A-Za-z0-9]*' "$1/graph-intune/src" | awk '{print $3}' | sort -u; }
comm -12 <(structs "$ROOT") <(structs "$BASE") > "$WORK/common-structs.txt"

size_crate() { # side root
  local dir="$WORK/size-$1"
  mkdir -p "$dir/src"
  cat > "$dir/Cargo.toml" <<TOML
[package]
name = "models-growth-size-$1"
version = "0.0.0"
edition = "2024"
publish = false
[dependencies]
msgraph-intune = { path = "$2/graph-intune", features = ["full"] }
[workspace]
TOML
  {
    echo 'fn main() {'
    while read -r name; do echo "    println!(\"$name {}\", std::mem::size_of::<msgraph_intune::$name>());"; done < "$WORK/common-structs.txt"
    echo '}'
  } > "$dir/src/main.rs"
  cp "$2/Cargo.lock" "$dir/Cargo.lock" 2>/dev/null || true
  CARGO_PROFILE_DEV_DEBUG=true CARGO_TARGET_DIR="$WORK/build-$1" cargo run --quiet --manifest-path "$dir/Cargo.toml" > "$WORK/sizes-$1.txt"
}
echo "building both sides (the size_of programs and the builds timed below share a target folder per side)..." >&2
for side in head base; do
  root=$ROOT; [ "$side" = base ] && root=$BASE
  (cd "$root" && CARGO_PROFILE_DEV_DEBUG=true CARGO_TARGET_DIR="$WORK/build-$side" cargo build --quiet -p msgraph-intune --features full)
done
size_crate head "$ROOT"
size_crate base "$BASE"
echo "| type | size_of before | size_of now | now / before |"
echo "|---|---:|---:|---:|"
join <(sort "$WORK/sizes-base.txt") <(sort "$WORK/sizes-head.txt") | sort -k3 -n -r | awk -v top="${TOP:-10}" 'NR <= top' |
  awk '{ printf "| `%s` | %d | %d | %.2f |\n", $1, $2, $3, $3 / $2 }'
join <(sort "$WORK/sizes-base.txt") <(sort "$WORK/sizes-head.txt") |
  awk '{ b += $2; h += $3; n++ } END { printf "| all %d structs both export, summed | %d | %d | %.2f |\n", n, b, h, h / b }'

# One build of msgraph-intune --features full in checkout $1: prints "cpu wall peak_kb".
build_full() {
  local root=$1 log
  log=$(mktemp)
  touch "$root/graph-intune/src/lib.rs"
  (cd "$root" && CARGO_PROFILE_DEV_DEBUG=true CARGO_TARGET_DIR="$WORK/build-$2" \
    /usr/bin/time -v cargo rustc --quiet -p msgraph-intune --lib --features full) 2> "$log" > /dev/null
  local user sys wall peak
  user=$(awk -F': ' '/User time/ {print $2}' "$log")
  sys=$(awk -F': ' '/System time/ {print $2}' "$log")
  wall=$(awk '/Elapsed \(wall clock\)/ {print $NF}' "$log" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  peak=$(awk -F': ' '/Maximum resident/ {print $2}' "$log")
  rm -f "$log"
  echo "$(echo "$user + $sys" | bc) $wall $peak"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: > "$WORK/full-head.txt"; : > "$WORK/full-base.txt"
for run in $(seq "$RUNS"); do
  echo "full build: run $run of $RUNS" >&2
  build_full "$BASE" base >> "$WORK/full-base.txt"
  build_full "$ROOT" head >> "$WORK/full-head.txt"
done
row() {
  local cpu wall peak
  cpu=$(awk '{print $1}' "$WORK/full-$1.txt" | median)
  wall=$(awk '{print $2}' "$WORK/full-$1.txt" | median)
  peak=$(awk '{print $3}' "$WORK/full-$1.txt" | sort -n | tail -1)
  echo "$cpu $wall $((peak / 1024))"
}
read -r base_cpu base_wall base_peak < <(row base)
read -r head_cpu head_wall head_peak < <(row head)
echo
echo "| msgraph-intune --features full, debug | CPU median | wall median | peak RSS |"
echo "|---|---:|---:|---:|"
echo "| before ($BASELINE_REV) | ${base_cpu} s | ${base_wall} s | ${base_peak} MiB |"
echo "| now ($(git rev-parse --short HEAD)) | ${head_cpu} s | ${head_wall} s | ${head_peak} MiB |"
echo "| now / before | $(echo "scale=3; $head_cpu / $base_cpu" | bc) | $(echo "scale=3; $head_wall / $base_wall" | bc) | $(echo "scale=3; $head_peak / $base_peak" | bc) |"
