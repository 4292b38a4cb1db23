#!/usr/bin/env bash
# Measures the weights of CADENA's pallets with frame-benchmarking and writes
# them to runtime/src/weights/<pallet>.rs, which the runtime uses.
#
#   scripts/benchmark.sh [pallet ...]     (default: every CADENA pallet)
#
# The node is built with `--features runtime-benchmarks` into its own target
# directory ($CADENA_BENCH_TARGET_DIR, default $HOME/.cache/cadena/bench-target)
# so that the test build's cache is left as it is.
set -euo pipefail
source "$(dirname "$0")/common.sh"

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_consortium pallet_tin_registry pallet_aeo_certificates pallet_mra)

bench_target="${CADENA_BENCH_TARGET_DIR:-$HOME/.cache/cadena/bench-target}"
# frame-benchmarking-cli's storage test runtime is not used here; its Wasm
# cannot be built from this workspace (it is not in the default feature graph).
export SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1
CARGO_TARGET_DIR="$bench_target" cargo build --release --locked -p cadena-node --features runtime-benchmarks
node="$bench_target/release/cadena-node"

mkdir -p runtime/src/weights
for pallet in "${pallets[@]}"; do
	echo "benchmarking $pallet"
	"$node" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps 50 \
		--repeat 20 \
		--wasm-execution compiled \
		--output "runtime/src/weights/$pallet.rs"
done
cargo fmt --all
