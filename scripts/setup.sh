#!/usr/bin/env bash
# Installs what a fresh Debian machine lacks to build and test CADENA: the C
# toolchain, protoc, curl, Node.js (the polkadot.js test), systemd-analyze
# (the unit files' test), rustup and the pinned Rust toolchain.
# Idempotent: running it again installs nothing new. Where it cannot install
# (not Debian, no root and no sudo), it stops at once and says what to install.
set -euo pipefail

need_apt=()
command -v protoc >/dev/null 2>&1 || need_apt+=(protobuf-compiler)
command -v cc >/dev/null 2>&1 || need_apt+=(build-essential)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v curl >/dev/null 2>&1 || need_apt+=(curl ca-certificates)
command -v git >/dev/null 2>&1 || need_apt+=(git)
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v systemd-analyze >/dev/null 2>&1 || need_apt+=(systemd)

if [ ${#need_apt[@]} -gt 0 ]; then
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "setup: install ${need_apt[*]} with your system's package manager, then run this again" >&2
		exit 1
	fi
	SUDO=""
	if [ "$(id -u)" -ne 0 ]; then
		if ! command -v sudo >/dev/null 2>&1; then
			echo "setup: as root, run: apt-get install ${need_apt[*]}" >&2
			exit 1
		fi
		SUDO="sudo"
	fi
	echo "setup: installing ${need_apt[*]}"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# Node.js 18 or later (the polkadot.js packages' floor).
node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || echo 0)
if [ "${node_major:-0}" -lt 18 ]; then
	echo "setup: Node.js $(node --version 2>/dev/null || echo none) is older than 18: install a newer one (https://nodejs.org)" >&2
	exit 1
fi

if ! command -v rustup >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/rustup" ]; then
	export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v rustup >/dev/null 2>&1; then
	echo "setup: installing rustup (https://rustup.rs)"
	curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs |
		sh -s -- -y --profile minimal --default-toolchain none >/dev/null
	export PATH="$HOME/.cargo/bin:$PATH"
fi
# Installs the toolchain, the Wasm target and rust-src named in rust-toolchain.toml.
cd "$(dirname "$0")/.."
rustup toolchain install >/dev/null 2>&1 || rustup show active-toolchain >/dev/null
# The polkadot.js end-to-end test's packages, pinned by tests/js/package-lock.json.
if [ ! -d tests/js/node_modules/@polkadot/api ] || [ tests/js/package-lock.json -nt tests/js/node_modules/.package-lock.json ]; then
	echo "setup: installing tests/js packages"
	npm ci --prefix tests/js --no-audit --no-fund --loglevel=error >/dev/null
fi
echo "setup: ok ($(protoc --version), $(rustc --version), Node.js $(node --version))"
