# Sourced by the other scripts: one target directory, outside the checkout,
# shared by every build and test so that nothing is compiled twice.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/cadena/target}"
# Where rustup puts cargo, for a shell that has not read its profile since
# scripts/setup.sh installed it.
case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) export PATH="$HOME/.cargo/bin:$PATH" ;; esac
CADENA_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CADENA_ROOT
cd "$CADENA_ROOT"

# Builds every binary of the workspace in the one profile the tests use.
cadena_build() {
	cargo build --release --workspace --locked
}
