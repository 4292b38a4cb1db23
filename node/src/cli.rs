//! The command line of `cadena-node`.

use sc_cli::RunCmd;

/// `cadena-node`: runs a node, or one of the maintenance subcommands.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// A maintenance subcommand; without one, the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options for running the node.
	#[clap(flatten)]
	pub run: RunCmd,

	/// Bounds on the `cadena_*` subscriptions (docs/security.md).
	#[clap(flatten)]
	pub cadena_rpc: cadena_rpc::Limits,

	/// Runs the chain's clock this many milliseconds ahead of (or, negative,
	/// behind) the system clock: the timestamp and the Aura slot of the
	/// blocks this node builds and checks. For tests of dates (an expiry at
	/// midnight) on `dev` and `local` chains only; every node of a network
	/// must use the same offset.
	#[arg(long, value_name = "MS", allow_negative_numbers = true)]
	pub clock_offset_ms: Option<i64>,

	/// Lets any node with the chain spec connect and sync, as on a public test
	/// network. Without it, a node of any chain but `dev` exchanges chain data
	/// only with the nodes the member administrations declared on chain, and
	/// its `--reserved-nodes` (docs/network.md).
	#[arg(long)]
	pub open_network: bool,
}

/// Maintenance subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect, insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// The genesis ceremony: each founding administration's keys, the
	/// consortium's raw chain spec, its genesis hash (docs/genesis.md).
	#[command(subcommand)]
	Genesis(crate::genesis::GenesisCmd),

	/// Signs a node declaration with the node's key, for the admission
	/// motion's `firstNode` or `consortium.addNode` / `setNodeAddress`
	/// (docs/network.md).
	DeclareNode(crate::declare::DeclareNodeCmd),

	/// Build a chain specification (prefer `export-chain-spec`).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a chain specification.
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate blocks.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Database metadata.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Benchmarks of the runtime's pallets (built with `--features runtime-benchmarks`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}
