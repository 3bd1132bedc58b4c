#!/usr/bin/env python3
"""Prints the criterion results of `cargo bench -p graph-bench` as Markdown tables.

    python3 scripts/bench_table.py [target/criterion]

Medians of the latest run (`new/estimates.json`), each side's ratio to `manual` in the same
group (and, for `ndes/create`, each step's ratio to `to-vec`), and whether each target holds:
serialize and deserialize <= 1.05 x manual, create request + to_http <= 1.15 x to_vec.
"""

import json
import os
import sys

CRITERION = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "target", "criterion"
)
SIDES = ["derive", "manual", "via-value", "floor"]
DOCUMENTS = ["ndes", "windows10", "list10k"]
STEPS = ["to-vec", "builder", "to-http", "to-http-long-token"]


def load():
    results = {}
    for dirpath, _, files in os.walk(CRITERION):
        if os.path.basename(dirpath) != "new" or "estimates.json" not in files:
            continue
        with open(os.path.join(dirpath, "benchmark.json"), encoding="utf-8") as f:
            bench = json.load(f)
        with open(os.path.join(dirpath, "estimates.json"), encoding="utf-8") as f:
            estimates = json.load(f)
        name = bench.get("function_id") or bench.get("value_str")
        results[(bench["group_id"], name)] = estimates["median"]["point_estimate"]
    return results


def human(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def main():
    results = load()
    if not results:
        sys.exit(f"no criterion results under {CRITERION}: run `cargo bench -p graph-bench` first")
    print("| group | derive | manual | via-value | floor | derive/manual | via-value/manual | floor/manual | target ≤ 1.05 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for document in DOCUMENTS:
        for operation in ("serialize", "deserialize"):
            group = f"{document}/{operation}"
            medians = {side: results.get((group, side)) for side in SIDES}
            manual = medians["manual"]
            if not manual:
                continue
            ratios = {side: medians[side] / manual for side in SIDES if medians[side]}
            verdict = "met" if ratios.get("derive", 99) <= 1.05 else "**missed**"
            print(
                f"| {group} | "
                + " | ".join(human(medians[side]) if medians[side] else "-" for side in SIDES)
                + f" | {ratios.get('derive', 0):.3f} | {ratios.get('via-value', 0):.2f} | {ratios.get('floor', 0):.2f} | {verdict} |"
            )
    base = results.get(("ndes/create", "to-vec"))
    if base:
        print()
        print("| ndes/create | median | ratio to to-vec | target ≤ 1.15 |")
        print("|---|---|---|---|")
        for step in STEPS:
            median = results.get(("ndes/create", step))
            if median:
                verdict = ("met" if median / base <= 1.15 else "**missed**") if step.startswith("to-http") else ""
                print(f"| {step} | {human(median)} | {median / base:.2f} | {verdict} |")


if __name__ == "__main__":
    main()
