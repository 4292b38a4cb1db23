#!/usr/bin/env bash
# Sets up a fresh machine if needed, then runs the whole CADENA test suite:
# formatting, clippy, pallet and runtime tests, and end-to-end tests that start
# real node processes on loopback.
set -euo pipefail
source "$(dirname "$0")/common.sh"

bash scripts/setup.sh
cargo fmt --all -- --check
cadena_build
cargo clippy --release --workspace --all-targets --locked -- -D warnings
# The try-runtime build of the runtime (the migrations' pre/post-upgrade
# checks, the TryRuntime API) is no part of the release: check that it
# compiles, without building its Wasm (about a minute, docs/upgrades.md).
SKIP_WASM_BUILD=1 cargo clippy --release --locked -p cadena-runtime --features try-runtime -- -D warnings
cargo test --release --workspace --locked
