#!/usr/bin/env bash
# Sets up a fresh machine if needed, builds CADENA and runs a development
# chain: one validator (the Mexican customs administration, dev key Alice),
# ParityDB in a temporary directory, JSON-RPC on ws://127.0.0.1:9944.
# Extra arguments go to cadena-node, e.g. `scripts/dev.sh --base-path /tmp/cadena-dev`.
set -euo pipefail
source "$(dirname "$0")/common.sh"

bash scripts/setup.sh
cadena_build
exec "$CARGO_TARGET_DIR/release/cadena-node" --dev "$@"
