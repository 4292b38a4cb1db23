//! `cadena-testnet`: runs a local network of CADENA validators on loopback
//! until Ctrl-C (or SIGTERM), then stops every node cleanly.

use std::{path::PathBuf, time::Duration};

use anyhow::Result;
use cadena_testnet::{node_binary, Network, Rpc};
use clap::Parser;

/// Runs a local network of CADENA validators on loopback.
#[derive(Parser)]
#[command(version, about)]
struct Args {
	/// Number of validators (dev keys Alice, Bob, Charlie, Dave, Eve, Ferdie).
	#[arg(short = 'n', long, default_value_t = 4)]
	validators: usize,
	/// The chain: `local`, `dev` or a chain spec path.
	#[arg(long, default_value = "local")]
	chain: String,
	/// Directory for the nodes' base paths and logs (kept after exit).
	#[arg(long, default_value = "/tmp/cadena-net")]
	dir: PathBuf,
	/// The `cadena-node` binary (default: next to this one, or $CADENA_NODE).
	#[arg(long)]
	node: Option<PathBuf>,
	/// Delete the directory first: start from genesis instead of resuming.
	#[arg(long)]
	purge: bool,
}

#[tokio::main]
async fn main() {
	if let Err(error) = run(Args::parse()).await {
		eprintln!("Error: {error:#}");
		std::process::exit(1);
	}
}

async fn run(args: Args) -> Result<()> {
	let binary = match args.node {
		Some(path) => path,
		None => node_binary()?,
	};
	if args.purge && args.dir.exists() {
		std::fs::remove_dir_all(&args.dir)?;
	}
	let mut network =
		Network::start(&binary, &args.chain, args.validators, Some(&args.dir)).await?;
	println!("CADENA local network: {} validators, chain `{}`", network.nodes.len(), args.chain);
	for node in &network.nodes {
		println!(
			"  {:<8} rpc {}  p2p {}  prometheus http://127.0.0.1:{}/metrics  log {}",
			node.config.name,
			node.config.rpc_url(),
			node.config.p2p_port,
			node.config.prometheus_port,
			node.log_path().display(),
		);
	}
	println!("Press Ctrl-C to stop the network.");

	let mut sigterm = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
	let mut ticker = tokio::time::interval(Duration::from_secs(10));
	loop {
		tokio::select! {
			_ = tokio::signal::ctrl_c() => break,
			_ = sigterm.recv() => break,
			_ = ticker.tick() => {
				if let Ok(client) = network.nodes[0].client().await {
					let rpc = Rpc(&client);
					if let (Ok((_, best)), Ok((_, finalized)), Ok(peers)) =
						(rpc.best().await, rpc.finalized().await, rpc.peers().await)
					{
						println!("  best #{best}, finalized #{finalized}, {peers} peers");
					}
				}
			}
		}
	}
	println!("Stopping {} nodes...", network.nodes.len());
	network.stop()?;
	println!("Stopped.");
	Ok(())
}
