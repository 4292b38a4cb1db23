#!/usr/bin/env bash
# Sets up a fresh machine if needed, builds CADENA and runs a first-run
# network on loopback: Mexico and Costa Rica (validators Alice and Bob), an
# MRA between them in force, and the sample register (docs/samples/) loaded
# by Mexico's integrator. ParityDB, embedded, in a temporary directory
# (CADENA_DEV_DIR=<dir> keeps it); Mexico's JSON-RPC on ws://127.0.0.1:9944.
# Ctrl-C stops it. A single-validator chain: `cadena-node --dev`.
set -euo pipefail
source "$(dirname "$0")/common.sh"

bash scripts/setup.sh
cadena_build
dir="${CADENA_DEV_DIR:-$(mktemp -d -t cadena-dev-XXXXXX)}"
exec "$CARGO_TARGET_DIR/release/cadena-testnet" \
	--validators 2 \
	--rpc-port 9944 \
	--demo docs/samples/register.csv \
	--dir "$dir" \
	--node "$CARGO_TARGET_DIR/release/cadena-node" \
	"$@"
