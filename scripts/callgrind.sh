#!/usr/bin/env bash
# Instruction counts of the bench workloads under callgrind (stable on a noisy machine).
#
#   bash scripts/callgrind.sh                      # the default set below
#   bash scripts/callgrind.sh ndes-serialize-derive windows10-deserialize-manual ...
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
    list10k-*) echo 5 ;;
    windows10-*) echo 200 ;;
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
  # The prototype of BENCHMARKS.md's remaining proposal (bench/src/proposal.rs).
  workloads+=(ndes-create-to-http-proposal)
fi

declare -A per_iteration
printf '%-34s %8s %16s %14s %10s\n' workload iters "Ir total" "Ir/iteration" ratio
for workload in "${workloads[@]}"; do
  n=$(iterations "$workload")
  valgrind --tool=callgrind --toggle-collect='*Workload*run*' \
    --callgrind-out-file="$OUT/$workload.out" "$BIN" "$workload" "$n" >/dev/null 2>"$OUT/$workload.log"
  total=$(awk '/^(summary|totals):/ { print $2; exit }' "$OUT/$workload.out")
  per_iteration[$workload]=$((total / n))
  case "$workload" in
    ndes-create-*) base=ndes-create-to-vec ;;
    *) base="${workload%-*}" ; base="${base%-via}-manual" ;;
  esac
  ratio=""
  if [ -n "${per_iteration[$base]:-}" ] && [ "$base" != "$workload" ]; then
    ratio=$(awk -v a="${per_iteration[$workload]}" -v b="${per_iteration[$base]}" 'BEGIN { printf "%.3f", a / b }')
  fi
  printf '%-34s %8d %16d %14d %10s\n' "$workload" "$n" "$total" "${per_iteration[$workload]}" "$ratio"
done
