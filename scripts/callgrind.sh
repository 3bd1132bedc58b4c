#!/usr/bin/env bash
# Instruction counts of the bench workloads under callgrind (stable on a noisy machine).
#
#   bash scripts/callgrind.sh                      # the default set below
#   bash scripts/callgrind.sh ndes-serialize-derive windows10-deserialize-manual ...
#   BASELINE_BIN=/tmp/before/target/release/callgrind_serde bash scripts/callgrind.sh
#                                                  # also count another build (the code before a
#                                                  # change, with the same bench/src/shapes.rs and
#                                                  # workload.rs), side by side
#
# Builds `callgrind_serde` (release), runs each workload under
# `valgrind --tool=callgrind --toggle-collect='*Workload*run*'` (only the measured loop is
# counted, not building the inputs), and prints Ir per iteration with each side's ratio to
# `manual` (and each create step's ratio to `to-vec`). The profiles stay in target/callgrind/
# for `callgrind_annotate target/callgrind/<workload>.out`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT="$ROOT/target/callgrind"
BIN="$ROOT/target/release/callgrind_serde"
mkdir -p "$OUT"

cargo build --quiet --release --manifest-path "$ROOT/Cargo.toml" -p graph-bench --bin callgrind_serde

iterations() {
  case "$1" in
    list10k-* | unknown10000-*) echo 5 ;;
    windows10-* | any-windows10-*) echo 200 ;;
    unknown100-*) echo 500 ;;
    *) echo 10000 ;;
  esac
}

if [ "$#" -gt 0 ]; then
  workloads=("$@")
else
  workloads=()
  for document in ndes windows10 list10k; do
    for operation in serialize deserialize; do
      for side in manual derive via-value floor; do
        workloads+=("$document-$operation-$side")
      done
    done
  done
  workloads+=(ndes-create-to-vec ndes-create-builder ndes-create-to-http ndes-create-to-http-long-token)
  # The prototype of a cheaper `to_http` (bench/src/proposal.rs).
  workloads+=(ndes-create-to-http-proposal)
  # The create request's floors: `to_vec` into a buffer sized up front, and `to_vec` + a bare `http::Request`.
  workloads+=(ndes-create-to-vec-presized ndes-create-to-vec-http)
  # Unknown properties in one object: the model's catch-all against serde's `flatten`.
  for count in 0 10 100 10000; do
    workloads+=("unknown$count-deserialize-derive" "unknown$count-deserialize-flatten")
  done
  # The polymorphic read: the type itself, then `AnyDeviceConfiguration` with the tag first and last.
  for document in windows10 ios; do
    workloads+=("any-$document-direct" "any-$document-first" "any-$document-last")
  done
  # An entity shaped like plain serde's (dates as `String`), and `DateTimeOffset` alone.
  workloads+=(stringdates-serialize-manual stringdates-serialize-derive stringdates-deserialize-manual stringdates-deserialize-derive)
  workloads+=(datetime-serialize datetime-deserialize)
fi

# count BIN WORKLOAD: Ir per iteration of WORKLOAD run by BIN.
count() {
  local bin=$1 workload=$2 tag=$3 n total
  n=$(iterations "$workload")
  valgrind --tool=callgrind --toggle-collect='*Workload*run*' \
    --callgrind-out-file="$OUT/$workload$tag.out" "$bin" "$workload" "$n" >/dev/null 2>"$OUT/$workload$tag.log"
  total=$(awk '/^(summary|totals):/ { print $2; exit }' "$OUT/$workload$tag.out")
  echo $((total / n))
}

# The ratio's base: `manual` for a document side, `to-vec` for a create step, `direct` for a
# polymorphic read, `flatten` for unknown properties, nothing for the rest.
base_of() {
  case "$1" in
    ndes-create-*) echo ndes-create-to-vec ;;
    any-*) echo "${1%-*}-direct" ;;
    unknown*-derive) echo "${1%-derive}-flatten" ;;
    unknown* | datetime-*) echo "" ;;
    *) local base="${1%-*}"; echo "${base%-via}-manual" ;;
  esac
}

declare -A per_iteration
if [ -n "${BASELINE_BIN:-}" ]; then
  printf '%-34s %14s %10s %14s %10s %10s\n' workload "Ir/iter" ratio "baseline Ir" ratio "new/old"
else
  printf '%-34s %14s %10s\n' workload "Ir/iter" ratio
fi
declare -A baseline
for workload in "${workloads[@]}"; do
  per_iteration[$workload]=$(count "$BIN" "$workload" "")
  base=$(base_of "$workload")
  ratio=""
  if [ -n "$base" ] && [ -n "${per_iteration[$base]:-}" ] && [ "$base" != "$workload" ]; then
    ratio=$(awk -v a="${per_iteration[$workload]}" -v b="${per_iteration[$base]}" 'BEGIN { printf "%.3f", a / b }')
  fi
  if [ -n "${BASELINE_BIN:-}" ]; then
    baseline[$workload]=$(count "$BASELINE_BIN" "$workload" ".baseline")
    old_ratio=""
    if [ -n "$base" ] && [ -n "${baseline[$base]:-}" ] && [ "$base" != "$workload" ]; then
      old_ratio=$(awk -v a="${baseline[$workload]}" -v b="${baseline[$base]}" 'BEGIN { printf "%.3f", a / b }')
    fi
    change=$(awk -v a="${per_iteration[$workload]}" -v b="${baseline[$workload]}" 'BEGIN { if (b > 0) printf "%.3f", a / b }')
    printf '%-34s %14d %10s %14d %10s %10s\n' "$workload" "${per_iteration[$workload]}" "$ratio" \
      "${baseline[$workload]}" "$old_ratio" "$change"
  else
    printf '%-34s %14d %10s\n' "$workload" "${per_iteration[$workload]}" "$ratio"
  fi
done
# Unknown properties: the cost of one more, from the counts with 0 and with n of them.
if [ -n "${per_iteration[unknown0-deserialize-derive]:-}" ]; then
  for count in 10 100 10000; do
    for side in derive flatten; do
      more=${per_iteration[unknown$count-deserialize-$side]:-}
      [ -n "$more" ] || continue
      printf 'per unknown property, %5d in one object, %-7s %8.0f Ir\n' "$count" "$side" \
        "$(awk -v a="$more" -v b="${per_iteration[unknown0-deserialize-$side]}" -v n="$count" 'BEGIN { print (a - b) / n }')"
    done
  done
fi
