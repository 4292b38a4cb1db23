//! `cadena-testnet`: runs a local network of CADENA validators on loopback
//! until Ctrl-C (or SIGTERM), then stops every node cleanly.

use std::{path::PathBuf, time::Duration};

use anyhow::{Context, Result};
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
	/// The first node's JSON-RPC port (default: a free port).
	#[arg(long, value_name = "PORT")]
	rpc_port: Option<u16>,
	/// The first run's demonstration (two validators or more): Mexico and
	/// Costa Rica sign an MRA in force today on every AEO type, and Mexico's
	/// integrator imports this register with `cadena import`.
	#[arg(long, value_name = "REGISTER")]
	demo: Option<PathBuf>,
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
	let mut network = Network::start_on(
		&binary,
		&args.chain,
		args.validators,
		Some(&args.dir),
		&[],
		args.rpc_port,
	)
	.await?;
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
	if let Some(register) = &args.demo {
		demo(&network, &binary, register).await?;
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

/// The benefits of the demonstration's MRA, from `path` (beside the
/// register, `docs/samples/benefits.json`): none if there is no such file.
fn demo_benefits(path: &std::path::Path) -> Result<Vec<pallet_mra::ProposedBenefits>> {
	#[derive(serde::Deserialize)]
	struct Direction {
		issuer: String,
		recogniser: String,
		grants: Vec<cadena_primitives::Grant>,
	}
	if !path.exists() {
		return Ok(Vec::new());
	}
	let text =
		std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
	let directions: Vec<Direction> = serde_json::from_str(&text)
		.with_context(|| format!("{} is not benefits", path.display()))?;
	let country = |text: &str| {
		cadena_primitives::CountryCode::new(text.as_bytes())
			.map_err(|e| anyhow::anyhow!("{text}: {e:?} in {}", path.display()))
	};
	directions
		.into_iter()
		.map(|d| {
			let mut grants = d.grants;
			grants.sort();
			Ok(pallet_mra::ProposedBenefits {
				issuer: country(&d.issuer)?,
				recogniser: country(&d.recogniser)?,
				grants: grants.try_into().map_err(|_| anyhow::anyhow!("more than 32 grants"))?,
			})
		})
		.collect()
}

/// Brings an MRA between Mexico and Costa Rica into force and imports
/// `register` as Mexico's integrator, unless a run before did.
async fn demo(network: &Network, node: &std::path::Path, register: &std::path::Path) -> Result<()> {
	use cadena_primitives::{day_of, AeoType, CountryCode};
	use cadena_testnet::{
		chain::{dev_pair, Chain},
		wait_until,
	};
	anyhow::ensure!(
		network.nodes.len() >= 2,
		"the demonstration needs Mexico and Costa Rica: two validators"
	);
	let client = network.nodes[0].client().await?;
	wait_until("block 1 finalized", Duration::from_secs(60), || async {
		Ok((Rpc(&client).finalized().await?.1 >= 1).then_some(()))
	})
	.await?;
	let mras: serde_json::Value =
		Rpc(&client).call("cadena_mras", jsonrpsee::rpc_params!["MX"]).await?;
	if mras.as_array().is_none_or(|m| m.is_empty()) {
		let chain = Chain::new(&client).await?;
		let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?;
		let propose = cadena_runtime::RuntimeCall::Mra(pallet_mra::Call::propose {
			name: b"MX-CR AEO MRA".to_vec(),
			parties: vec![CountryCode(*b"MX"), CountryCode(*b"CR")],
			scope: vec![AeoType::SecurityAndSafety, AeoType::CustomsSimplifications, AeoType::Both]
				.try_into()
				.expect("three types"),
			directions: None,
			effective_on: day_of(now.as_millis() as u64),
			benefits: demo_benefits(&register.with_file_name("benefits.json"))?,
		});
		chain.execute(&dev_pair("//Alice"), propose).await?;
		let sign = pallet_mra::Call::sign { id: 0, motion: pallet_mra::MotionKind::EnterIntoForce };
		chain.execute(&dev_pair("//Bob"), sign.into()).await?;
	}
	let cadena = node.with_file_name("cadena");
	let status = std::process::Command::new(&cadena)
		.args(["--url", &network.nodes[0].config.rpc_url(), "import", "--file"])
		.arg(register)
		.args(["--as", "//Alice//integrator"])
		.stdout(std::process::Stdio::null())
		.status()
		.with_context(|| format!("running {}", cadena.display()))?;
	anyhow::ensure!(status.success(), "cadena import {} failed: {status}", register.display());
	println!(
		"Mexico and Costa Rica: MRA 0 in force, with the benefits of {}; {} imported by Mexico's integrator",
		register.with_file_name("benefits.json").display(),
		register.display()
	);
	Ok(())
}
