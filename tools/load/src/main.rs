//! `cadena-load`: measures how many certificate operations a CADENA chain
//! takes per second, by the standard TPS method.
//!
//! 1. Setup (not measured): the development administration (MX) makes
//!    `--officers` Approver accounts, registers a trader, and grants the
//!    certificates the status changes will need.
//! 2. Every operation is signed beforehand, spread across the officers (each
//!    with its own nonce sequence), so signing costs nothing during the run.
//! 3. All are submitted to the node in waves, one per officer at a time, so
//!    every officer's nonces reach the pool in order.
//! 4. The blocks from the first to the last holding them are swept: the
//!    events are counted, and throughput is their number over the time
//!    between those blocks' timestamps (the parent of the first to the last).
//!
//!   cadena-load --url ws://127.0.0.1:9944 --operation suspend --count 5000
//!
//! Two more measurements: `--operation latency` (suspensions at a steady
//! rate, timed to their finalized notification at a partner's node) and
//! `--operation query` (recognition questions over RPC).

mod latency;
mod query;

use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use cadena_primitives::{
	day_of, Action, AeoType, CertificateId, CountryCode, OperatorRole, Role, Roles,
};
use cadena_runtime::{Hash, RuntimeCall, RuntimeEvent};
use cadena_testnet::chain::{dev_pair, value_key, Chain};
use clap::{Parser, ValueEnum};
use codec::Encode;
use futures::{stream, StreamExt};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClientBuilder};
use sp_core::{sr25519, Pair};

const MX: CountryCode = CountryCode(*b"MX");
const TIN: &str = "MXLOAD000000001";

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Operation {
	/// `aeoCertificates.grant`, one certificate per transaction.
	Grant,
	/// `aeoCertificates.suspend` of granted certificates.
	Suspend,
	/// Suspensions at `--rate` per second, each timed from submission to
	/// its finalized notification at `--partner`.
	Latency,
	/// `cadena_recognition` questions over RPC (no transactions).
	Query,
	/// `cadena_decision` questions over RPC, three parties each.
	Decision,
}

#[derive(Parser, Debug)]
#[command(
	name = "cadena-load",
	version,
	about = "Measures certificate operations per second on a CADENA chain"
)]
struct Args {
	/// The node's WebSocket RPC endpoint.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	url: String,
	/// What to measure.
	#[arg(long, value_enum, default_value_t = Operation::Suspend)]
	operation: Operation,
	/// How many operations.
	#[arg(long, default_value_t = 2_000)]
	count: u32,
	/// How many Approver accounts sign them (at most 90: an administration
	/// has 100 officers at most).
	#[arg(long, default_value_t = 32)]
	officers: u32,
	/// A prefix making this run's certificate numbers unique on the chain.
	#[arg(long, default_value = "L")]
	run: String,
	/// Latency: suspensions per second.
	#[arg(long, default_value_t = 100)]
	rate: u32,
	/// Latency: the partner node whose notifications are timed.
	#[arg(long)]
	partner: Option<String>,
	/// Query: WebSocket connections.
	#[arg(long, default_value_t = 8)]
	connections: usize,
	/// Query: requests in flight per connection.
	#[arg(long, default_value_t = 32)]
	in_flight: usize,
	/// Query: how long to ask, in seconds.
	#[arg(long, default_value_t = 30)]
	seconds: u64,
	/// Query: ask about TINs `MX{tin-prefix}000000` up to this many.
	#[arg(long, default_value_t = 100_000)]
	tins: u32,
	/// Query: the TIN prefix after `MX`.
	#[arg(long, default_value = "Q")]
	tin_prefix: String,
	/// Query: the country asking.
	#[arg(long, default_value = "CR")]
	country: String,
}

fn officer(i: u32) -> sr25519::Pair {
	dev_pair(&format!("//Alice//load//{i}"))
}

fn number(run: &str, i: u32) -> String {
	format!("{run}-{i:07}")
}

fn certificate(run: &str, i: u32, today: u32) -> pallet_aeo_certificates::NewCertificate {
	pallet_aeo_certificates::NewCertificate {
		number: number(run, i).into_bytes(),
		data: pallet_aeo_certificates::CertificateData {
			holder: TIN.as_bytes().to_vec(),
			aeo_type: AeoType::SecurityAndSafety,
			roles: vec![OperatorRole::Exporter].try_into().expect("one role"),
			authorized_on: today - 1,
		},
		expires_on: today + 365,
	}
}

fn hex_of(encoded: &[u8]) -> String {
	format!("0x{}", hex::encode(encoded))
}

/// Submits pre-signed extrinsics in waves of `wave` (at most one per signer
/// in a wave, so each signer's nonces reach the pool in order), each wave
/// concurrently; returns how many the pool refused.
async fn submit_all(chain: &Chain<'_>, extrinsics: Vec<String>, wave: usize) -> usize {
	let mut refused = 0;
	for wave in extrinsics.chunks(wave.max(1)) {
		refused += stream::iter(wave)
			.map(|xt| async move {
				chain.client.request::<Hash, _>("author_submitExtrinsic", rpc_params![xt]).await
			})
			.buffer_unordered(wave.len())
			.filter(|r| futures::future::ready(r.is_err()))
			.count()
			.await;
	}
	refused
}

async fn best_number(chain: &Chain<'_>) -> Result<u32> {
	let header: serde_json::Value = chain.client.request("chain_getHeader", rpc_params![]).await?;
	let hex = header["number"].as_str().context("block number")?;
	Ok(u32::from_str_radix(hex.trim_start_matches("0x"), 16)?)
}

async fn block_hash(chain: &Chain<'_>, number: u32) -> Result<String> {
	chain.client.request("chain_getBlockHash", rpc_params![number]).await.map_err(Into::into)
}

/// Waits until every nonce of `signer` up to `nonce` is used in the best block.
async fn wait_nonce(chain: &Chain<'_>, signer: &sr25519::Pair, nonce: u32) -> Result<()> {
	let account = cadena_runtime::AccountId::from(signer.public());
	let key = frame_system::Account::<cadena_runtime::Runtime>::hashed_key_for(&account);
	let deadline = Instant::now() + Duration::from_secs(300);
	loop {
		// An account's record starts with its nonce.
		let used: Option<cadena_runtime::Nonce> = chain.storage(&key, None).await?;
		if used.is_some_and(|used| used >= nonce) {
			return Ok(());
		}
		if Instant::now() > deadline {
			bail!("setup transactions not included after 300 s");
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

#[tokio::main]
async fn main() -> Result<()> {
	let args = Args::parse();
	if matches!(args.operation, Operation::Query | Operation::Decision) {
		return query::run(query::QueryLoad {
			url: args.url,
			connections: args.connections,
			in_flight: args.in_flight,
			seconds: args.seconds,
			tins: args.tins,
			prefix: args.tin_prefix,
			country: args.country,
			decision: args.operation == Operation::Decision,
		})
		.await;
	}
	if args.officers == 0 || args.officers > 90 {
		bail!("--officers must be 1 to 90");
	}
	let client = WsClientBuilder::default()
		.max_concurrent_requests(args.officers as usize * 2)
		.request_timeout(Duration::from_secs(120))
		.build(&args.url)
		.await
		.with_context(|| format!("connecting to {}", args.url))?;
	let chain = Chain::new(&client).await?;
	let now: u64 = chain.storage(&value_key("Timestamp", "Now"), None).await?.unwrap_or_default();
	let today = day_of(now);

	// 1. Setup.
	let admin = dev_pair("//Alice");
	let registrar = dev_pair("//Alice//registrar");
	let approver = dev_pair("//Alice//approver");
	let officers: Vec<_> = (0..args.officers).map(officer).collect();
	let mut nonce = chain.nonce(&admin).await?;
	let mut setup = Vec::new();
	for pair in &officers {
		let account = cadena_runtime::AccountId::from(pair.public());
		let key = pallet_consortium::Officers::<cadena_runtime::Runtime>::hashed_key_for(&account);
		if chain.storage::<pallet_consortium::OfficerRecord>(&key, None).await?.is_none() {
			let call = pallet_consortium::Call::add_officer {
				officer: account,
				roles: Roles::from(Role::Approver),
			};
			setup.push(hex_of(&chain.sign(&admin, call.into(), nonce).encode()));
			nonce += 1;
		}
	}
	let tin_key = pallet_tin_registry::Traders::<cadena_runtime::Runtime>::hashed_key_for(
		cadena_primitives::Tin::parse(TIN.as_bytes()).expect("a TIN"),
	);
	let registered = client
		.request::<Option<String>, _>("state_getStorage", rpc_params![hex_of(&tin_key)])
		.await?
		.is_some();
	let mut setup_signers = vec![(admin.clone(), nonce)];
	if !registered {
		let data = pallet_tin_registry::TraderData { consent: true };
		let n = chain.nonce(&registrar).await?;
		let call = pallet_tin_registry::Call::register { tin: TIN.as_bytes().to_vec(), data };
		setup.push(hex_of(&chain.sign(&registrar, call.into(), n).encode()));
		setup_signers.push((registrar.clone(), n + 1));
	}
	if matches!(args.operation, Operation::Suspend | Operation::Latency) {
		let mut n = chain.nonce(&approver).await?;
		let all: Vec<_> = (0..args.count).map(|i| certificate(&args.run, i, today)).collect();
		for batch in all.chunks(256) {
			let call = pallet_aeo_certificates::Call::grant_many {
				certificates: batch.to_vec().try_into().expect("256 fit"),
			};
			setup.push(hex_of(&chain.sign(&approver, call.into(), n).encode()));
			n += 1;
		}
		setup_signers.push((approver.clone(), n));
	}
	let refused = submit_all(&chain, setup, 1).await;
	if refused > 0 {
		bail!("{refused} setup transactions refused (was --run used before?)");
	}
	for (signer, nonce) in &setup_signers {
		wait_nonce(&chain, signer, *nonce).await?;
	}
	eprintln!("setup done: {} officers, {} operations to sign", args.officers, args.count);

	// 2. Pre-sign.
	let mut nonces = Vec::new();
	for pair in &officers {
		nonces.push(chain.nonce(pair).await?);
	}
	let started = Instant::now();
	let extrinsics: Vec<String> = (0..args.count)
		.map(|i| {
			let k = (i % args.officers) as usize;
			let call: RuntimeCall = match args.operation {
				Operation::Grant => pallet_aeo_certificates::Call::grant {
					certificate: certificate(&args.run, i, today),
				}
				.into(),
				Operation::Suspend | Operation::Latency => pallet_aeo_certificates::Call::suspend {
					id: CertificateId::new(MX, number(&args.run, i).as_bytes()).expect("an id"),
					code: 1,
					reason: Vec::new(),
				}
				.into(),
				Operation::Query | Operation::Decision => unreachable!("queries sign nothing"),
			};
			let xt = chain.sign(&officers[k], call, nonces[k]);
			nonces[k] += 1;
			hex_of(&xt.encode())
		})
		.collect();
	eprintln!("signed {} in {:?}", extrinsics.len(), started.elapsed());

	if args.operation == Operation::Latency {
		let partner =
			args.partner.as_deref().context("--partner: the node to time notifications at")?;
		let numbers = (0..args.count).map(|i| number(&args.run, i)).collect();
		return latency::run(client, partner, extrinsics, numbers, args.rate).await;
	}

	// 3. Submit.
	let first = best_number(&chain).await?;
	let started = Instant::now();
	let refused = submit_all(&chain, extrinsics, args.officers as usize).await;
	let submitted = started.elapsed();
	eprintln!("submitted {} in {submitted:?} ({refused} refused by the pool)", args.count);

	// 4. Sweep.
	let wanted = match args.operation {
		Operation::Grant => Action::Grant,
		_ => Action::Suspend,
	};
	let expected = args.count as usize - refused;
	let (mut counted, mut number) = (0usize, first + 1);
	let (mut first_block, mut last_block) = (None, first);
	let deadline = Instant::now() + Duration::from_secs(600);
	while counted < expected {
		if number > best_number(&chain).await? {
			if Instant::now() > deadline {
				bail!("only {counted} of {expected} operations in blocks after 600 s");
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
			continue;
		}
		let hash = block_hash(&chain, number).await?;
		let events: Vec<frame_system::EventRecord<RuntimeEvent, Hash>> =
			chain.storage(&value_key("System", "Events"), Some(&hash)).await?.unwrap_or_default();
		let here = events
			.iter()
			.filter(|e| matches!(&e.event, RuntimeEvent::AeoCertificates(pallet_aeo_certificates::Event::CertificateChanged { action, .. }) if *action == wanted))
			.count();
		if here > 0 {
			first_block.get_or_insert(number);
			last_block = number;
			println!("block {number}: {here}");
		}
		counted += here;
		number += 1;
	}
	let first_block = first_block.context("no operation in any block")?;
	let time_at = |n: u32| {
		let chain = &chain;
		async move {
			let hash = block_hash(chain, n).await?;
			let now: u64 = chain
				.storage(&value_key("Timestamp", "Now"), Some(&hash))
				.await?
				.unwrap_or_default();
			anyhow::Ok(now)
		}
	};
	let span = time_at(last_block).await? - time_at(first_block - 1).await?;
	let blocks = last_block - first_block + 1;
	println!(
		"{counted} {:?} operations in {blocks} blocks ({first_block}..={last_block}), {span} ms of chain time: {:.0} per second",
		args.operation,
		counted as f64 * 1000.0 / span.max(1) as f64
	);
	Ok(())
}
