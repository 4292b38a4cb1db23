//! `--operation latency`: pre-signed suspensions submitted at a steady
//! `--rate` to one node, while a partner's node (`--partner`) is subscribed
//! to `cadena_subscribeCertificateEvents`, which notifies from finalized
//! blocks only. Each suspension's latency is from its submission to its
//! notification at the partner.

use std::{
	collections::HashMap,
	time::{Duration, Instant},
};

use anyhow::{bail, Context, Result};
use cadena_runtime::Hash;
use jsonrpsee::{
	core::client::{ClientT, Subscription, SubscriptionClientT},
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde_json::Value;

use crate::query::percentile;

/// Submits `extrinsics` (hex, each suspending the certificate numbered as
/// in `numbers`) at `rate` per second and prints the latency percentiles.
pub async fn run(
	client: WsClient,
	partner: &str,
	extrinsics: Vec<String>,
	numbers: Vec<String>,
	rate: u32,
) -> Result<()> {
	// The grants of the setup are notified too, in thousands, as their
	// blocks are finalized: room for all of them.
	let partner = WsClientBuilder::default()
		.max_buffer_capacity_per_subscription(1 << 16)
		.build(partner)
		.await
		.with_context(|| format!("connecting to the partner node {partner}"))?;
	let mut events: Subscription<Value> = partner
		.subscribe(
			"cadena_subscribeCertificateEvents",
			rpc_params!["MX", Option::<u32>::None],
			"cadena_unsubscribeCertificateEvents",
		)
		.await?;
	let client = std::sync::Arc::new(client);
	let count = extrinsics.len();
	let interval = Duration::from_secs_f64(1.0 / rate.max(1) as f64);
	let started = Instant::now();
	let mut submitted: HashMap<String, Instant> = HashMap::new();
	let mut latencies = Vec::new();
	let mut refused = 0;
	let mut pending = Vec::new();
	for (i, (xt, number)) in extrinsics.into_iter().zip(numbers).enumerate() {
		let due = started + interval * i as u32;
		// Take notifications while waiting for the next submission.
		while Instant::now() < due {
			match tokio::time::timeout_at(due.into(), events.next()).await {
				Ok(Some(event)) => record(event?, &submitted, &mut latencies),
				Ok(None) => bail!("the partner closed the subscription"),
				Err(_) => break,
			}
		}
		submitted.insert(number, Instant::now());
		let client = client.clone();
		pending.push(tokio::spawn(async move {
			client.request::<Hash, _>("author_submitExtrinsic", rpc_params![xt]).await
		}));
	}
	let submitting = started.elapsed();
	for handle in pending {
		if handle.await?.is_err() {
			refused += 1;
		}
	}
	let deadline = Instant::now() + Duration::from_secs(120);
	while latencies.len() < count - refused {
		match tokio::time::timeout_at(deadline.into(), events.next()).await {
			Ok(Some(event)) => record(event?, &submitted, &mut latencies),
			Ok(None) => bail!("the partner closed the subscription"),
			Err(_) => break,
		}
	}
	latencies.sort();
	println!(
		"{count} suspensions submitted at {rate}/s in {:.1} s ({refused} refused); {} notified by the partner after finality",
		submitting.as_secs_f64(),
		latencies.len()
	);
	if latencies.is_empty() {
		bail!("no notification");
	}
	println!(
		"submission -> finalized notification at the partner: p50 {} ms, p95 {} ms, p99 {} ms, max {} ms",
		percentile(&latencies, 50.0).as_millis(),
		percentile(&latencies, 95.0).as_millis(),
		percentile(&latencies, 99.0).as_millis(),
		latencies.last().unwrap().as_millis()
	);
	Ok(())
}

fn record(event: Value, submitted: &HashMap<String, Instant>, latencies: &mut Vec<Duration>) {
	if event["action"] != "Suspend" {
		return;
	}
	if let Some(at) = event["certificate"]["number"].as_str().and_then(|n| submitted.get(n)) {
		latencies.push(at.elapsed());
	}
}
