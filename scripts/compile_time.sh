#!/usr/bin/env bash
# Compile-time benchmark: what the derive costs a user's build.
#
#   bash scripts/compile_time.sh            # everything, 5 timed runs each
#   RUNS=3 bash scripts/compile_time.sh     # fewer runs
#   ONLY=shape bash scripts/compile_time.sh # one part: shape | intune | derive
#   BASELINE_ROOT=/tmp/before ONLY=shape bash scripts/compile_time.sh  # also time another checkout's derive
#
# 1. `shape`: generates crates of 200 entities x 8 properties (strings, an option, an integer,
#    a boolean, a string collection, an enum, a nested complex value; each entity with its own
#    enum and complex type) in two shapes:
#      project    the key, one required property (`displayName`), six optional ones
#      required6  the key, six required properties, one optional
#    and three variants of each, each its own cargo project:
#      ours       #[derive(GraphEntity)] + #[derive(GraphEnum)] / #[derive(GraphComplex)], msgraph-entity by path
#      serde      #[derive(Serialize, Deserialize)] alone
#      serde-bon  serde derives + #[derive(bon::Builder)] (a typestate builder), what a user writes without us
#    builds the dependencies once, then times the crate's own debug build RUNS times per variant,
#    interleaved round by round (ours, serde, serde-bon, ours, ...) so load from other processes
#    falls on all of them alike; prints medians, their spread (min-max), the ratios of medians,
#    and the expansion per entity (lines and impl blocks of `-Zunpretty=expanded`, through
#    RUSTC_BOOTSTRAP=1: a measurement only, nothing built for use depends on it).
# 2. `intune`: msgraph-intune's own debug build with `--features full` (all of Intune) vs `ndes`.
# 3. `derive`: msgraph-entity-derive's own clean debug build vs serde_derive's (same syn, dependencies built).
#
# Everything lands under target/compile-time/ (never committed). All builds use
# CARGO_INCREMENTAL=0, so each timed build is a full build of that one crate. Before each timed
# run the script waits until no other rustc is running (the machine has 2 cores).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/target/compile-time"
RUNS=${RUNS:-5}
ONLY=${ONLY:-all}
ENTITIES=${ENTITIES:-200}
SERDE_VERSION=$(awk '/^name = "serde"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' "$ROOT/Cargo.lock")
export CARGO_INCREMENTAL=0
export CARGO_TERM_COLOR=never
mkdir -p "$OUT"

now() { date +%s.%N; }

# Waits (up to 10 minutes) until no rustc runs, so another build does not share the 2 cores.
wait_idle() {
  local waited=0
  while pgrep -x rustc >/dev/null 2>&1 && [ "$waited" -lt 600 ]; do
    sleep 2
    waited=$((waited + 2))
  done
  if [ "$waited" -gt 0 ]; then echo "    (waited ${waited}s for another build to finish)" >&2; fi
}

# median: the median of the numbers on stdin.
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# time_runs LABEL PREPARE-CMD -- BUILD-CMD...: runs PREPARE-CMD then BUILD-CMD, RUNS times. Prints each
# run's wall-clock seconds and the medians of wall-clock and CPU (user + system of cargo and rustc)
# seconds; returns them in $MEDIAN and $CPU_MEDIAN. CPU time is the steadier of the two when
# something else shares the cores.
time_runs() {
  local label=$1 prepare=$2
  shift 3
  local walls=() cpus=() line
  for _ in $(seq "$RUNS"); do
    eval "$prepare"
    wait_idle
    rm -f "$OUT/last-build.failed"
    line=$({
      TIMEFORMAT='%R %U %S'
      time { "$@" >"$OUT/last-build.log" 2>&1 || touch "$OUT/last-build.failed"; }
    } 2>&1)
    if [ -e "$OUT/last-build.failed" ]; then
      cat "$OUT/last-build.log" >&2
      echo "build failed: $*" >&2
      exit 1
    fi
    walls+=("$(echo "$line" | awk '{ printf "%.2f", $1 }')")
    cpus+=("$(echo "$line" | awk '{ printf "%.2f", $2 + $3 }')")
  done
  MEDIAN=$(printf '%s\n' "${walls[@]}" | median)
  CPU_MEDIAN=$(printf '%s\n' "${cpus[@]}" | median)
  printf '  %-40s wall median %6.2f s (runs: %s)   cpu median %6.2f s (runs: %s)\n' \
    "$label" "$MEDIAN" "${walls[*]}" "$CPU_MEDIAN" "${cpus[*]}"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# ---------------------------------------------------------------------------------------------
# 1. The 200 x 8 shape.

write_manifest() { # DIR NAME DEPENDENCIES
  mkdir -p "$1/src"
  cat >"$1/Cargo.toml" <<EOF
[package]
name = "$2"
version = "0.0.0"
edition = "2024"
publish = false

[dependencies]
$3

# Not a member of the graph-entity workspace above it.
[workspace]
EOF
  # The workspace's lock file: the same serde, serde_derive and syn as the workspace builds with.
  [ -f "$1/Cargo.lock" ] || cp "$ROOT/Cargo.lock" "$1/Cargo.lock"
}

# is_required SHAPE N: whether property N (1-6) is required in SHAPE.
is_required() { [ "$1" = required6 ] || [ "$2" = 1 ]; }

generate_ours() { # SHAPE [VARIANT RUNTIME-ROOT]
  local shape=$1 variant=${2:-ours} root=${3:-$ROOT} i n
  local dir=$OUT/shape-$1-$variant
  write_manifest "$dir" "shape-$shape-$variant" "msgraph-entity = { path = \"$root/graph-core\" }"
  local names=(display_name description version enabled role_scope_tag_ids level)
  {
    echo '//! 200 entities with #[derive(GraphEntity)]. Generated by scripts/compile_time.sh.'
    echo '#![allow(missing_docs)]'
    echo 'use msgraph_entity::{GraphComplex, GraphEntity, GraphEnum};'
    for i in $(seq 0 $((ENTITIES - 1))); do
      local types=("Option<String>" "Option<String>" "Option<i32>" "Option<bool>" "Option<Vec<String>>" "Option<Level$i>")
      cat <<EOF

#[derive(Debug, Clone, PartialEq, GraphEnum)]
pub enum Level$i {
    None,
    Low,
    High,
    #[graph(other)]
    Other(String),
}

#[derive(Debug, Clone, PartialEq, GraphComplex)]
#[graph(odata_type = "microsoft.graph.settings$i")]
pub struct Settings$i {
    pub name: Option<String>,
    pub retries: Option<i32>,
    pub enabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, GraphEntity)]
#[graph(odata_type = "microsoft.graph.entity$i", collection = "/bench/entities$i")]
pub struct Entity$i {
    #[graph(key)]
    pub id: Option<String>,
EOF
      for n in 1 2 3 4 5 6; do
        if is_required "$shape" "$n"; then echo '    #[graph(required)]'; fi
        echo "    pub ${names[$((n - 1))]}: ${types[$((n - 1))]},"
      done
      echo "    pub settings: Option<Settings$i>,"
      echo "}"
    done
  } >"$dir/src/lib.rs"
}

generate_serde() { # SHAPE VARIANT WITH-BON
  local shape=$1 variant=$2 bon=$3 dir=$OUT/shape-$1-$2 i n deps builder="" skip="" doc
  deps="serde = { version = \"=$SERDE_VERSION\", features = [\"derive\"] }"
  doc="serde derives alone"
  if [ "$bon" = 1 ]; then
    deps="$deps
bon = \"3\""
    builder=", bon::Builder"
    skip="
    #[builder(skip)]"
    doc="serde derives and bon's typestate builder"
  fi
  write_manifest "$dir" "shape-$shape-$variant" "$deps"
  local names=(display_name description version enabled role_scope_tag_ids level)
  {
    echo "//! 200 entities with $doc. Generated by scripts/compile_time.sh."
    echo '#![allow(missing_docs)]'
    echo 'use serde::{Deserialize, Serialize};'
    for i in $(seq 0 $((ENTITIES - 1))); do
      local types=(String String i32 bool "Vec<String>" "Level$i")
      cat <<EOF

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Level$i {
    None,
    Low,
    High,
    #[serde(other)]
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Settings$i {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retries: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize$builder)]
#[serde(rename_all = "camelCase")]
pub struct Entity$i {$skip
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
EOF
      for n in 1 2 3 4 5 6; do
        if is_required "$shape" "$n"; then
          echo "    pub ${names[$((n - 1))]}: ${types[$((n - 1))]},"
        else
          echo '    #[serde(skip_serializing_if = "Option::is_none")]'
          echo "    pub ${names[$((n - 1))]}: Option<${types[$((n - 1))]}>,"
        fi
      done
      echo '    #[serde(skip_serializing_if = "Option::is_none")]'
      echo "    pub settings: Option<Settings$i>,"
      echo "}"
    done
  } >"$dir/src/lib.rs"
}

# spread: "min-max" of the numbers on stdin.
spread() { sort -n | awk 'NR == 1 { min = $1 } { max = $1 } END { printf "%.2f-%.2f", min, max }'; }

# time_one DIR: one timed debug build of DIR's crate; sets $WALL and $CPU.
time_one() {
  local dir=$1 line
  touch "$dir/src/lib.rs"
  wait_idle
  rm -f "$OUT/last-build.failed"
  line=$({
    TIMEFORMAT='%R %U %S'
    time { cargo build --manifest-path "$dir/Cargo.toml" >"$OUT/last-build.log" 2>&1 || touch "$OUT/last-build.failed"; }
  } 2>&1)
  if [ -e "$OUT/last-build.failed" ]; then
    cat "$OUT/last-build.log" >&2
    echo "build failed: $dir" >&2
    exit 1
  fi
  WALL=$(echo "$line" | awk '{ printf "%.2f", $1 }')
  CPU=$(echo "$line" | awk '{ printf "%.2f", $2 + $3 }')
}

# expansion DIR: lines and impl blocks of the crate's expansion, per entity (each entity comes
# with its enum and complex type).
expansion() {
  local dir=$1 file
  file=$OUT/expanded-$(basename "$1").rs
  RUSTC_BOOTSTRAP=1 cargo rustc --quiet --manifest-path "$dir/Cargo.toml" --lib -- -Zunpretty=expanded >"$file" 2>/dev/null || true
  local lines impls
  lines=$(wc -l <"$file")
  impls=$(grep -cE '^\s*(unsafe )?impl\b' "$file" || true)
  awk -v l="$lines" -v i="$impls" -v n="$ENTITIES" 'BEGIN { printf "%d lines, %.1f impls", l / n, i / n }'
}

shape() {
  local shape=$1
  echo "== $shape: ${ENTITIES} entities x 8 properties, the crate's own debug build (dependencies built), $RUNS interleaved rounds"
  generate_ours "$shape"
  generate_serde "$shape" serde 0
  generate_serde "$shape" serde-bon 1
  local variants=(ours serde serde-bon) variant round
  # BASELINE_ROOT: another checkout (the code before a change), built as a fourth variant.
  if [ -n "${BASELINE_ROOT:-}" ]; then
    generate_ours "$shape" ours-baseline "$BASELINE_ROOT"
    variants=(ours ours-baseline serde serde-bon)
  fi
  declare -A walls cpus
  for variant in "${variants[@]}"; do
    local dir=$OUT/shape-$shape-$variant
    (cd "$dir" && cargo build --quiet 2>"$OUT/deps-$variant.log") || { cat "$OUT/deps-$variant.log" >&2; exit 1; }
    walls[$variant]="" cpus[$variant]=""
  done
  for round in $(seq "$RUNS"); do
    for variant in "${variants[@]}"; do
      time_one "$OUT/shape-$shape-$variant"
      walls[$variant]+="$WALL "
      cpus[$variant]+="$CPU "
    done
  done
  declare -A wall_median cpu_median
  for variant in "${variants[@]}"; do
    # shellcheck disable=SC2086 # the runs are a space-separated list
    wall_median[$variant]=$(printf '%s\n' ${walls[$variant]} | median)
    # shellcheck disable=SC2086
    cpu_median[$variant]=$(printf '%s\n' ${cpus[$variant]} | median)
    # shellcheck disable=SC2086
    printf '  %-10s wall median %6.2f s (spread %s; runs %s)  cpu median %6.2f s (spread %s)  expansion per entity: %s\n' \
      "$variant" "${wall_median[$variant]}" "$(printf '%s\n' ${walls[$variant]} | spread)" "${walls[$variant]}" \
      "${cpu_median[$variant]}" "$(printf '%s\n' ${cpus[$variant]} | spread)" "$(expansion "$OUT/shape-$shape-$variant")"
  done
  echo "  wall ratios: ours / serde = $(ratio "${wall_median[ours]}" "${wall_median[serde]}")," \
    "ours / serde-bon = $(ratio "${wall_median[ours]}" "${wall_median[serde-bon]}")," \
    "serde-bon / serde = $(ratio "${wall_median[serde-bon]}" "${wall_median[serde]}")"
  echo "  cpu ratios:  ours / serde = $(ratio "${cpu_median[ours]}" "${cpu_median[serde]}")," \
    "ours / serde-bon = $(ratio "${cpu_median[ours]}" "${cpu_median[serde-bon]}")," \
    "serde-bon / serde = $(ratio "${cpu_median[serde-bon]}" "${cpu_median[serde]}")"
  echo "  ours - serde per entity: $(awk -v a="${wall_median[ours]}" -v b="${wall_median[serde]}" -v n="$ENTITIES" 'BEGIN { printf "%+.1f ms wall", (a - b) * 1000 / n }')," \
    "$(awk -v a="${cpu_median[ours]}" -v b="${cpu_median[serde]}" -v n="$ENTITIES" 'BEGIN { printf "%+.1f ms cpu", (a - b) * 1000 / n }')"
}

# ---------------------------------------------------------------------------------------------
# 2. msgraph-intune: every Intune model vs ndesConnector alone.

intune() {
  echo "== msgraph-intune's own debug build (dependencies built), $RUNS runs"
  export CARGO_TARGET_DIR=$OUT/workspace-target
  local features median_all cpu_all
  for features in full ndes; do
    local args=(cargo rustc --manifest-path "$ROOT/Cargo.toml" -p msgraph-intune --lib --features "$features")
    "${args[@]}" >"$OUT/deps-intune.log" 2>&1 || { cat "$OUT/deps-intune.log" >&2; exit 1; }
    time_runs "msgraph-intune --features $features" "touch '$ROOT/graph-intune/src/lib.rs'" -- "${args[@]}"
    if [ "$features" = full ]; then median_all=$MEDIAN cpu_all=$CPU_MEDIAN; fi
  done
  echo "  ratios: full / ndes = $(ratio "$median_all" "$MEDIAN") wall," \
    "$(ratio "$cpu_all" "$CPU_MEDIAN") cpu"
  unset CARGO_TARGET_DIR
}

# ---------------------------------------------------------------------------------------------
# 3. msgraph-entity-derive's clean build vs serde_derive's.

derive() {
  echo "== proc-macro crates' own clean debug build (syn, quote, proc-macro2 built), $RUNS runs"
  local target=$OUT/workspace-target
  cargo build --manifest-path "$ROOT/Cargo.toml" -p msgraph-entity-derive --target-dir "$target" >/dev/null 2>&1
  time_runs "msgraph-entity-derive" "cargo clean --quiet --manifest-path '$ROOT/Cargo.toml' -p msgraph-entity-derive --target-dir '$target'" -- \
    cargo build --manifest-path "$ROOT/Cargo.toml" -p msgraph-entity-derive --target-dir "$target"
  local ours=$MEDIAN ours_cpu=$CPU_MEDIAN dir=$OUT/serde-derive-only
  write_manifest "$dir" serde-derive-only "serde_derive = \"=$SERDE_VERSION\""
  echo '//! Depends on serde_derive alone, to time its build.' >"$dir/src/lib.rs"
  cargo build --manifest-path "$dir/Cargo.toml" >/dev/null 2>&1
  time_runs "serde_derive $SERDE_VERSION" "cargo clean --quiet --manifest-path '$dir/Cargo.toml' -p serde_derive" -- \
    cargo build --manifest-path "$dir/Cargo.toml"
  echo "  ratios: msgraph-entity-derive / serde_derive = $(ratio "$ours" "$MEDIAN") wall, $(ratio "$ours_cpu" "$CPU_MEDIAN") cpu"
  echo "  syn features: msgraph-entity-derive $(cargo tree --manifest-path "$ROOT/Cargo.toml" -p msgraph-entity-derive -e features,normal -i syn --depth 1 2>/dev/null | grep -o 'syn feature "[a-z-]*"' | sort -u | tr '\n' ' ')"
  echo "                serde_derive $(cargo tree --manifest-path "$dir/Cargo.toml" -e features,normal -i syn --depth 1 2>/dev/null | grep -o 'syn feature "[a-z-]*"' | sort -u | tr '\n' ' ')"
}

echo "rustc: $(rustc -V); cores: $(nproc); serde: $SERDE_VERSION; CARGO_INCREMENTAL=0"
case "$ONLY" in
  all) shape project; shape required6; intune; derive ;;
  shape) shape project; shape required6 ;;
  intune) intune ;;
  derive) derive ;;
  *) echo "ONLY must be all, shape, intune or derive" >&2; exit 2 ;;
esac
