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
cargo test --release --workspace --locked
