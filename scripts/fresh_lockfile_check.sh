#!/usr/bin/env bash
# Does the runtime crate still compile without a warning against the newest compatible
# dependencies? The committed Cargo.lock pins what CI builds; a user's fresh lockfile picks the
# newest semver-compatible releases, whose deprecations would warn in their build.
#
#   bash scripts/fresh_lockfile_check.sh                # the runtime crate, every feature, its tests too
#   PACKAGE=msgraph-entity-derive bash scripts/fresh_lockfile_check.sh
#   KEEP=1 bash scripts/fresh_lockfile_check.sh         # keep the copy (its path is printed)
#
# Copies the workspace (without `target/` and `.git/`) to a temporary directory, runs
# `cargo update` there (the copy's lockfile only; the checkout is not touched), then
# `cargo check -p $PACKAGE --all-features` with `RUSTFLAGS=-D warnings`, and the same with
# `--all-targets` (its tests, benches and examples). Its own target directory
# lives in the copy unless CARGO_TARGET_DIR is set. Needs crates.io. Exits non-zero on a warning
# or an error; prints the dependencies that moved.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PACKAGE=${PACKAGE:-msgraph-entity}
COPY=$(mktemp -d "${TMPDIR:-/tmp}/fresh-lockfile.XXXXXX")
if [[ -z "${KEEP:-}" ]]; then
    trap 'rm -rf "$COPY"' EXIT
fi

echo "copying $ROOT to $COPY"
tar -C "$ROOT" --exclude=./target --exclude=./.git -cf - . | tar -C "$COPY" -xf -

cd "$COPY"
echo "cargo update (newest compatible dependencies):"
cargo update 2>&1 | sed -n 's/^ *\(Updating\|Adding\|Removing\|Downgrading\) /  &/p'

echo "cargo check -p $PACKAGE --all-features, warnings denied:"
RUSTFLAGS="-D warnings" CARGO_INCREMENTAL=0 cargo check -p "$PACKAGE" --all-features
echo "cargo check -p $PACKAGE --all-features --all-targets, warnings denied:"
RUSTFLAGS="-D warnings" CARGO_INCREMENTAL=0 cargo check -p "$PACKAGE" --all-features --all-targets
echo "ok: $PACKAGE compiles without a warning on a fresh lockfile"
