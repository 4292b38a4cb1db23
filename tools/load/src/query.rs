//! `--operation query`: recognition questions over JSON-RPC, as border
//! posts ask them. `--connections` WebSocket clients each keep
//! `--in-flight` `cadena_recognition` requests going for `--seconds`,
//! asking about TINs drawn from `--tins` (`MX{prefix}{n:06}`, as
//! `cadena import` test registers name them); every answer's latency is
//! kept, and the rate and percentiles are printed. Unless one is in force
//! already, Mexico and `--country` sign an MRA first (dev keys `//Alice`
//! and `//Bob`), with benefits for Mexico's exporters, importers and
//! manufacturers, so the answers go through the whole recognition rule and
//! carry grants. `--operation decision` asks `cadena_decision` instead, a
//! declaration of three parties (exporter, importer, manufacturer) at
//! `--country`'s import each time.

use std::{
	sync::Arc,
	time::{Duration, Instant},
};

use anyhow::{bail, ensure, Context, Result};
use cadena_primitives::{day_of, AeoType, CountryCode};
use cadena_testnet::chain::{dev_pair, value_key, Chain};
use futures::{stream, StreamExt};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClientBuilder};
use serde_json::Value;

/// What to ask, and how hard.
pub struct QueryLoad {
	pub url: String,
	pub connections: usize,
	pub in_flight: usize,
	pub seconds: u64,
	pub tins: u32,
	pub prefix: String,
	pub country: String,
	/// `cadena_decision` with three parties, instead of `cadena_recognition`.
	pub decision: bool,
}

/// What `country` grants Mexico's AEOs in the MRA the load signs: a few
/// grants at import for exporters, importers and manufacturers.
fn benefits(partner: CountryCode) -> Vec<pallet_mra::ProposedBenefits> {
	use cadena_primitives::{BenefitCode, Condition, Grant, OperatorRole, Side};
	let roles = vec![OperatorRole::Importer, OperatorRole::Exporter, OperatorRole::Manufacturer];
	let grant = |code, parameter| Grant {
		code,
		side: Side::Import,
		roles: roles.clone().try_into().expect("three roles"),
		aeo_types: vec![AeoType::SecurityAndSafety].try_into().expect("one type"),
		parameter,
		condition: Condition::Always,
	};
	let grants = vec![
		grant(BenefitCode::RiskFactor, None),
		grant(BenefitCode::FewerPhysicalControls, Some(200)),
		grant(BenefitCode::PriorityClearance, None),
	];
	vec![pallet_mra::ProposedBenefits {
		issuer: CountryCode(*b"MX"),
		recogniser: partner,
		grants: grants.try_into().expect("three grants"),
	}]
}

/// A percentile of sorted latencies.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
	if sorted.is_empty() {
		return Duration::ZERO;
	}
	let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
	sorted[rank.clamp(1, sorted.len()) - 1]
}

/// An MRA between Mexico and `country` in force, signed by `//Alice` (MX)
/// and `//Bob` (`country`'s admin on a two-member local network).
async fn ensure_mra(url: &str, country: &str) -> Result<()> {
	let client = WsClientBuilder::default().build(url).await?;
	let in_force = |mras: &Value| {
		mras.as_array().into_iter().flatten().any(|m| {
			m["status"] == "InForce"
				&& m["parties"].as_array().is_some_and(|p| p.contains(&"MX".into()))
		})
	};
	let mras: Value = client.request("cadena_mras", rpc_params![country]).await?;
	if in_force(&mras) {
		return Ok(());
	}
	let chain = Chain::new(&client).await?;
	let now: u64 = chain.storage(&value_key("Timestamp", "Now"), None).await?.unwrap_or_default();
	let partner = CountryCode::new(country.as_bytes())
		.map_err(|e| anyhow::anyhow!("--country {country}: {e:?}"))?;
	let propose = pallet_mra::Call::propose {
		name: format!("MX-{country} AEO MRA").into_bytes(),
		parties: vec![CountryCode(*b"MX"), partner],
		scope: vec![AeoType::SecurityAndSafety, AeoType::CustomsSimplifications]
			.try_into()
			.expect("two types of three"),
		directions: None,
		effective_on: day_of(now),
		benefits: benefits(partner),
	};
	chain.execute(&dev_pair("//Alice"), propose.into()).await?;
	let mras: Value = client.request("cadena_mras", rpc_params![country]).await?;
	let id = mras
		.as_array()
		.and_then(|all| {
			all.iter().filter(|m| m["status"] == "Proposed").filter_map(|m| m["id"].as_u64()).max()
		})
		.context("the proposed MRA")?;
	chain
		.execute(
			&dev_pair("//Bob"),
			pallet_mra::Call::sign {
				id: id as u32,
				motion: pallet_mra::MotionKind::EnterIntoForce,
			}
			.into(),
		)
		.await?;
	let mras: Value = client.request("cadena_mras", rpc_params![country]).await?;
	if !in_force(&mras) {
		bail!("the MRA is not in force after both signatures: {mras}");
	}
	eprintln!("MRA {id} between MX and {country} in force");
	Ok(())
}

/// One question, timed: whether its answer says "recognised" (every party,
/// for a decision).
async fn ask(
	client: &jsonrpsee::ws_client::WsClient,
	load: &QueryLoad,
	tins: [String; 3],
) -> Result<(Duration, bool)> {
	let asked = Instant::now();
	let yes = if load.decision {
		let parties: Vec<Value> = ["Exporter", "Importer", "Manufacturer"]
			.iter()
			.zip(tins)
			.map(|(role, tin)| serde_json::json!({"role": role, "tin": tin}))
			.collect();
		let answer: Value = client
			.request("cadena_decision", rpc_params![&load.country, "Import", parties])
			.await?;
		let parties = answer["parties"].as_array().context("the parties")?;
		parties.iter().all(|p| p["recognised"] == true)
	} else {
		let [tin, _, _] = tins;
		let answer: Value =
			client.request("cadena_recognition", rpc_params![tin, &load.country]).await?;
		answer["recognised"] == true
	};
	Ok((asked.elapsed(), yes))
}

/// One connection's questions until `deadline`: latencies and answers recognised.
async fn worker(
	load: Arc<QueryLoad>,
	w: usize,
	deadline: Instant,
) -> Result<(Vec<Duration>, usize)> {
	let client = WsClientBuilder::default()
		.max_concurrent_requests(load.in_flight * 2)
		.build(&load.url)
		.await
		.with_context(|| format!("connecting to {}", load.url))?;
	let (mut latencies, mut recognised) = (Vec::new(), 0usize);
	let mut n = w as u64;
	let mut tin = || {
		n = n.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
		format!("MX{}{:06}", load.prefix, (n >> 33) % load.tins as u64)
	};
	while Instant::now() < deadline {
		let questions: Vec<[String; 3]> =
			(0..load.in_flight).map(|_| [tin(), tin(), tin()]).collect();
		let answers: Vec<Result<(Duration, bool)>> = stream::iter(questions)
			.map(|tins| ask(&client, &load, tins))
			.buffer_unordered(load.in_flight)
			.collect()
			.await;
		for answer in answers {
			let (latency, yes) = answer?;
			latencies.push(latency);
			recognised += yes as usize;
		}
	}
	Ok((latencies, recognised))
}

pub async fn run(load: QueryLoad) -> Result<()> {
	ensure_mra(&load.url, &load.country).await?;
	let load = Arc::new(load);
	let deadline = Instant::now() + Duration::from_secs(load.seconds);
	let started = Instant::now();
	let workers = (0..load.connections).map(|w| worker(load.clone(), w, deadline));
	let results: Vec<Result<(Vec<Duration>, usize)>> = futures::future::join_all(workers).await;
	let elapsed = started.elapsed();
	let mut all = Vec::new();
	let mut recognised = 0;
	for result in results {
		let (latencies, yes) = result?;
		all.extend(latencies);
		recognised += yes;
	}
	ensure!(!all.is_empty(), "no answer in {} s", load.seconds);
	all.sort();
	let what = if load.decision { "decisions (3 parties)" } else { "recognition queries" };
	println!(
		"{} {what} in {:.1} s over {} connections x {} in flight: {:.0} per second; {} recognised",
		all.len(),
		elapsed.as_secs_f64(),
		load.connections,
		load.in_flight,
		all.len() as f64 / elapsed.as_secs_f64(),
		recognised
	);
	println!(
		"latency p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
		percentile(&all, 50.0).as_secs_f64() * 1e3,
		percentile(&all, 95.0).as_secs_f64() * 1e3,
		percentile(&all, 99.0).as_secs_f64() * 1e3,
		all.last().unwrap().as_secs_f64() * 1e3
	);
	Ok(())
}
