//! Dispatch of `cadena-node`'s subcommands.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use cadena_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"CADENA Node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://github.com/cadena-aeo/cadena/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2026
	}

	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load(id)
	}
}

/// The command line, with CADENA's defaults where they differ from
/// Substrate's (docs/performance.md measures both):
/// - the single-state transaction pool (`--pool-type fork-aware` still
///   selects the other): under a burst of 5,000 transactions the
///   fork-aware pool lost a third of them on one node, the single-state
///   pool none;
/// - a validator's RPC methods `safe` instead of `auto`;
/// - a trie cache of 256 MiB instead of 1 GiB: CADENA's state is small
///   (625 bytes a certificate), and with 1 GiB a node holding 100,000
///   certificates kept 1.5 GiB of memory of its own instead of 0.75 GiB.
fn parse() -> Cli {
	use clap::{CommandFactory, FromArgMatches};
	let command = Cli::setup_command(Cli::command())
		.mut_arg("pool_type", |arg| arg.default_value("single-state"))
		.mut_arg("trie_cache_size", |arg| arg.default_value("268435456"));
	let matches = command.get_matches();
	let mut cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
	// A validator serves the safe RPC methods only, unless its operator
	// chooses (`--rpc-methods unsafe` for a key rotation on the machine):
	// its RPC is on loopback, but anything on the machine could call
	// `author_insertKey` (docs/operations.md). `--dev` keeps Substrate's `auto`.
	let validator = cli.run.validator || cli.run.get_keyring().is_some();
	let chosen =
		matches.value_source("rpc_methods") == Some(clap::parser::ValueSource::CommandLine);
	if validator && !chosen && !cli.run.shared_params.dev {
		cli.run.rpc_params.rpc_methods = sc_cli::RpcMethods::Safe;
	}
	cli
}

/// Parses the command line and runs what it asks for.
pub fn run() -> sc_cli::Result<()> {
	let cli = parse();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::Genesis(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		Some(Subcommand::DeclareNode(cmd)) => cmd.run().map_err(sc_cli::Error::Input),
		#[allow(deprecated)]
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		}
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		}
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				let aux_revert = Box::new(|client, _, blocks| {
					sc_consensus_grandpa::revert(client, blocks)?;
					Ok(())
				});
				Ok((cmd.run(client, backend, Some(aux_revert)), task_manager))
			})
		}
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		}
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => {
			use frame_benchmarking_cli::BenchmarkCmd;
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| match cmd {
				BenchmarkCmd::Pallet(cmd) => cmd
					.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(Some(
						config.chain_spec,
					)),
				// The base weights of a block and of an extrinsic, measured by
				// building blocks of remarks.
				BenchmarkCmd::Overhead(cmd) => {
					cmd.run_with_default_builder_and_spec::<Block, ()>(Some(config.chain_spec))
				}
				// The database weights: reads and writes of every key of a
				// populated chain's state (docs/benchmarks.md).
				BenchmarkCmd::Storage(cmd) => {
					let PartialComponents { client, backend, .. } = service::new_partial(&config)?;
					let db = backend.expose_db();
					let storage = backend.expose_storage();
					let shared_trie_cache = backend.expose_shared_trie_cache();
					cmd.run(config, client, db, storage, shared_trie_cache)
				}
				_ => Err("only `benchmark pallet`, `overhead` and `storage` are supported".into()),
			})
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			let options = service::Options {
				rpc: cli.cadena_rpc.clone(),
				clock: service::Clock { offset_ms: cli.clock_offset_ms.unwrap_or(0) },
				perimeter: !cli.open_network,
			};
			runner.run_node_until_exit(|mut config| async move {
				require_rpc_ports(&mut config)?;
				if options.clock.offset_ms != 0
					&& config.chain_spec.chain_type() == sc_chain_spec::ChainType::Live
				{
					return Err(sc_cli::Error::Input(
						"--clock-offset-ms is for test chains: this chain is live".into(),
					));
				}
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							Block,
							<Block as sp_runtime::traits::Block>::Hash,
						>,
					>(config, options)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config, options)
							.map_err(sc_cli::Error::Service)
					}
				}
			})
		}
	}
}

/// An operator who names an RPC port gets that port or a clear error: never,
/// silently, another port that integrators would not find.
fn require_rpc_ports(config: &mut sc_service::Configuration) -> sc_cli::Result<()> {
	let Some(endpoints) = config.rpc.addr.as_mut() else {
		return Ok(());
	};
	for endpoint in endpoints.iter_mut() {
		endpoint.retry_random_port = false;
		if endpoint.is_optional {
			continue;
		}
		std::net::TcpListener::bind(endpoint.listen_addr).map_err(|error| {
			sc_cli::Error::Input(format!(
				"RPC port {} on {} is not available ({error}); choose another with --rpc-port",
				endpoint.listen_addr.port(),
				endpoint.listen_addr.ip(),
			))
		})?;
	}
	Ok(())
}
