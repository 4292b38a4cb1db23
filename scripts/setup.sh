#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test CADENA.
# Idempotent: running it again installs nothing new.
set -euo pipefail

need_apt=()
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)

if [ ${#need_apt[@]} -gt 0 ]; then
	echo "setup: installing ${need_apt[*]}"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v rustup >/dev/null 2>&1; then
	echo "setup: rustup is required (https://rustup.rs)" >&2
	exit 1
fi
# Installs the toolchain, the Wasm target and rust-src named in rust-toolchain.toml.
cd "$(dirname "$0")/.."
rustup toolchain install >/dev/null 2>&1 || rustup show active-toolchain >/dev/null
# The polkadot.js end-to-end test's packages, pinned by tests/js/package-lock.json.
# The node runs without them; only that test needs Node.js.
if ! command -v npm >/dev/null 2>&1; then
	echo "setup: no Node.js/npm: the polkadot.js test (node/tests/polkadot_js.rs) will fail" >&2
elif [ ! -d tests/js/node_modules/@polkadot/api ] || [ tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
	echo "setup: installing tests/js packages"
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error >/dev/null
fi
echo "setup: ok ($(protoc --version), $(rustc --version))"
