#!/usr/bin/env bash
# Starts a local network of N validators (default 4: Mexico, Costa Rica, Peru
# and Colombia on dev keys Alice, Bob, Charlie, Dave) on loopback, each with
# its own ports and base path under $CADENA_NET_DIR (default /tmp/cadena-net),
# prints their RPC endpoints, and stops them all cleanly on Ctrl-C or SIGTERM.
#
#   scripts/start-network.sh [N] [--chain local|dev|<spec.json>]
set -euo pipefail
source "$(dirname "$0")/common.sh"

validators=4
if [[ $# -gt 0 && $1 =~ ^[0-9]+$ ]]; then
	validators=$1
	shift
fi
cadena_build
exec "$CARGO_TARGET_DIR/release/cadena-testnet" \
	--validators "$validators" \
	--dir "${CADENA_NET_DIR:-/tmp/cadena-net}" \
	--node "$CARGO_TARGET_DIR/release/cadena-node" \
	"$@"
