//! On a real 4-validator local network (MX, CR, PE, CO): Mexico and Costa
//! Rica sign an MRA; Mexico grants certificates; Costa Rica's node tells its
//! subscriber, after finality, of every certificate whose recognition
//! changes — one grant, one suspension, and all of them at once when the MRA
//! is suspended and resumed — and answers `cadena_*` recognition queries.

use std::{
	path::PathBuf,
	time::{Duration, Instant},
};

use anyhow::{anyhow, ensure, Context, Result};
use cadena_primitives::{day_of, AeoType, CertificateId, CountryCode, Day, OperatorRole};
use cadena_runtime::RuntimeCall;
use cadena_testnet::{
	chain::{dev_pair, Chain},
	metric, wait_until, Network, Rpc,
};
use jsonrpsee::{
	core::client::{ClientT, Subscription, SubscriptionClientT},
	rpc_params,
	ws_client::WsClient,
};
use serde_json::{json, Value};
use sp_core::sr25519;

const MX: CountryCode = CountryCode(*b"MX");
const TIN: &str = "MXAAA010101AAA";

fn binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_cadena-node"))
}

fn today() -> Day {
	let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
	day_of(now.as_millis() as u64)
}

fn grant(number: &str) -> pallet_aeo_certificates::NewCertificate {
	pallet_aeo_certificates::NewCertificate {
		number: number.as_bytes().to_vec(),
		data: pallet_aeo_certificates::CertificateData {
			holder: TIN.as_bytes().to_vec(),
			aeo_type: AeoType::SecurityAndSafety,
			roles: vec![OperatorRole::Exporter].try_into().unwrap(),
			authorized_on: today() - 1,
		},
		expires_on: today() + 365,
	}
}

fn id(number: &str) -> CertificateId {
	CertificateId::new(MX, number.as_bytes()).unwrap()
}

async fn subscribe(
	client: &WsClient,
	method: &str,
	country: &str,
	from: Option<u64>,
) -> Result<Subscription<Value>> {
	let unsubscribe = method.replace("subscribe", "unsubscribe");
	Ok(client.subscribe(method, rpc_params![country, from], &unsubscribe).await?)
}

/// The next `count` notifications, within `timeout`.
async fn next(
	subscription: &mut Subscription<Value>,
	count: usize,
	timeout: Duration,
) -> Result<Vec<Value>> {
	let mut items = Vec::new();
	while items.len() < count {
		let item = tokio::time::timeout(timeout, subscription.next())
			.await
			.with_context(|| format!("{} of {count} notifications after {timeout:?}", items.len()))?
			.ok_or_else(|| anyhow!("subscription closed"))??;
		items.push(item);
	}
	Ok(items)
}

async fn recognition(client: &WsClient, country: &str) -> Result<Value> {
	Ok(client.request("cadena_recognition", rpc_params![TIN, country]).await?)
}

#[tokio::test(flavor = "multi_thread")]
async fn partners_are_told_of_every_recognition_change_after_finality() -> Result<()> {
	let mut network = Network::start(&binary(), "local", 4, None).await?;
	let result = scenario(&network).await;
	if result.is_err() {
		eprintln!("{}", network.logs(30));
	}
	result?;
	network.stop()
}

async fn scenario(network: &Network) -> Result<()> {
	let long = Duration::from_secs(60);
	let (mx, cr, pe) = (
		network.nodes[0].client().await?,
		network.nodes[1].client().await?,
		network.nodes[2].client().await?,
	);
	wait_until("block 2 finalized", long, || async {
		Ok((Rpc(&cr).finalized().await?.1 >= 2).then_some(()))
	})
	.await?;
	let chain = Chain::new(&mx).await?;
	let (mx_admin, cr_admin) = (dev_pair("//Alice"), dev_pair("//Bob"));
	let (registrar, approver) = (dev_pair("//Alice//registrar"), dev_pair("//Alice//approver"));
	let execute = |signer: &sr25519::Pair, call: RuntimeCall| {
		let chain = &chain;
		let signer = signer.clone();
		async move { chain.execute(&signer, call).await }
	};

	// 1. MX and CR sign an MRA on security-and-safety AEOs.
	execute(
		&mx_admin,
		pallet_mra::Call::propose {
			name: b"MX-CR AEO MRA".to_vec(),
			parties: vec![MX, CountryCode(*b"CR")],
			scope: vec![AeoType::SecurityAndSafety].try_into().unwrap(),
			directions: None,
			effective_on: today(),
		}
		.into(),
	)
	.await?;
	execute(
		&cr_admin,
		pallet_mra::Call::sign { id: 0, motion: pallet_mra::MotionKind::EnterIntoForce }.into(),
	)
	.await?;
	let mras: Value = cr.request("cadena_mras", rpc_params!["CR"]).await?;
	ensure!(mras[0]["status"] == "InForce", "MRA not in force: {mras}");

	// CR's risk system subscribes on CR's own node.
	let mut changes = subscribe(&cr, "cadena_subscribeRecognitionChanges", "CR", None).await?;
	let mut issued = subscribe(&mx, "cadena_subscribeCertificateEvents", "MX", None).await?;

	// MX registers the trader and grants its certificate.
	let data = pallet_tin_registry::TraderData { consent: true };
	execute(
		&registrar,
		pallet_tin_registry::Call::register { tin: TIN.as_bytes().to_vec(), data }.into(),
	)
	.await?;
	execute(&approver, pallet_aeo_certificates::Call::grant { certificate: grant("AEO-1") }.into())
		.await?;

	// 2. CR's subscriber hears "recognised"; PE's node says "no MRA".
	let granted = next(&mut changes, 1, long).await?;
	ensure!(
		granted[0]["certificate"] == json!({"country": "MX", "number": "AEO-1"}),
		"{granted:?}"
	);
	ensure!(granted[0]["after"]["recognised"] == true, "{granted:?}");
	let first_block = granted[0]["block"].as_u64().context("block number")?;
	let event = next(&mut issued, 1, long).await?;
	ensure!(event[0]["action"] == "Grant" && event[0]["holder"] == TIN, "{event:?}");
	ensure!(recognition(&cr, "CR").await?["recognised"] == true);
	let at_pe = recognition(&pe, "PE").await?;
	ensure!(at_pe["recognised"] == false && at_pe["reason"] == "NoMra", "{at_pe}");

	// 3. MX suspends it: CR's subscriber is told after finality.
	let started = Instant::now();
	chain
		.submit(
			&approver,
			pallet_aeo_certificates::Call::suspend {
				id: id("AEO-1"),
				code: 12,
				reason: Vec::new(),
			}
			.into(),
		)
		.await?;
	let suspended = next(&mut changes, 1, long).await?;
	let latency = started.elapsed();
	println!("submission to finalized notification at the partner: {} ms", latency.as_millis());
	ensure!(suspended[0]["after"]["reason"] == "CertificateSuspended", "{suspended:?}");
	let block = suspended[0]["block"].as_u64().context("block")?;
	ensure!(Rpc(&cr).finalized().await?.1 >= block, "notified before finality");
	let at_cr = recognition(&cr, "CR").await?;
	ensure!(at_cr["recognised"] == false && at_cr["reason"] == "CertificateSuspended", "{at_cr}");

	// Reinstated, and five more granted at once: six recognised.
	execute(
		&approver,
		pallet_aeo_certificates::Call::reinstate { id: id("AEO-1"), code: 13, reason: vec![] }
			.into(),
	)
	.await?;
	let more: Vec<_> = (2..=6).map(|i| grant(&format!("AEO-{i}"))).collect();
	execute(
		&approver,
		pallet_aeo_certificates::Call::grant_many { certificates: more.try_into().unwrap() }.into(),
	)
	.await?;
	let recognised = next(&mut changes, 6, long).await?;
	ensure!(recognised.iter().all(|n| n["after"]["recognised"] == true), "{recognised:?}");

	// 4. CR suspends the MRA: one notification per certificate.
	execute(&cr_admin, pallet_mra::Call::suspend { id: 0 }.into()).await?;
	let dropped = next(&mut changes, 6, long).await?;
	ensure!(dropped.iter().all(|n| n["after"]["reason"] == "MraSuspended"), "{dropped:?}");
	ensure!(recognition(&cr, "CR").await?["reason"] == "MraSuspended");

	// Resuming needs both parties: CR asks, nothing changes until MX signs.
	execute(&cr_admin, pallet_mra::Call::resume { id: 0 }.into()).await?;
	let mras: Value = cr.request("cadena_mras", rpc_params!["CR"]).await?;
	ensure!(mras[0]["status"] == "Suspended" && mras[0]["signed"] == json!(["CR"]), "{mras}");
	ensure!(recognition(&cr, "CR").await?["reason"] == "MraSuspended");
	execute(
		&mx_admin,
		pallet_mra::Call::sign { id: 0, motion: pallet_mra::MotionKind::Resume }.into(),
	)
	.await?;
	let back = next(&mut changes, 6, long).await?;
	ensure!(back.iter().all(|n| n["after"]["recognised"] == true), "{back:?}");

	// A subscriber that reconnects from a block number misses nothing.
	let mut replay =
		subscribe(&cr, "cadena_subscribeRecognitionChanges", "CR", Some(first_block)).await?;
	let replayed = next(&mut replay, 1 + 1 + 6 + 6 + 6, long).await?;
	ensure!(replayed[0] == granted[0] && replayed[1] == suspended[0], "replay differs");

	// The queries, by id and by page.
	let certificate: Value = cr
		.request("cadena_certificate", rpc_params![json!({"country": "MX", "number": "AEO-1"})])
		.await?;
	ensure!(certificate["status"] == "Active" && certificate["holder"] == TIN, "{certificate}");
	let history: Value = cr
		.request("cadena_history", rpc_params![json!({"country": "MX", "number": "AEO-1"})])
		.await?;
	ensure!(history["entries"].as_array().map(Vec::len) == Some(3), "{history}");
	let page: Value = cr.request("cadena_recognisedBy", rpc_params!["CR", Value::Null, 4]).await?;
	let next_cursor = page["next"].clone();
	let rest: Value = cr.request("cadena_recognisedBy", rpc_params!["CR", next_cursor, 4]).await?;
	let total = page["certificates"].as_array().map_or(0, Vec::len)
		+ rest["certificates"].as_array().map_or(0, Vec::len);
	ensure!(total == 6 && rest["next"].is_null(), "{page} {rest}");
	let bad: Result<Value, _> = cr.request("cadena_recognition", rpc_params!["mx1", "CR"]).await;
	ensure!(format!("{:?}", bad.unwrap_err()).contains("is not a TIN"), "bad TIN accepted");

	// 5. CADENA's metrics on CR's node (issue #16): two of the six
	// suspended, the gauges say 4 Active and 2 Suspended for MX, the MRA is
	// in force, and the subscriptions are counted.
	for number in ["AEO-5", "AEO-6"] {
		execute(
			&approver,
			pallet_aeo_certificates::Call::suspend { id: id(number), code: 12, reason: vec![] }
				.into(),
		)
		.await?;
	}
	let node = &network.nodes[1].config;
	let exposition = wait_until("the metrics at the suspensions", long, || async {
		let text = node.metrics().await?;
		let suspended = metric(&text, "cadena_certificates", r#"country="MX",status="Suspended""#);
		Ok((suspended == Some(2.0)).then_some(text))
	})
	.await?;
	let value = |name, labels| metric(&exposition, name, labels);
	ensure!(value("cadena_certificates", r#"country="MX",status="Active""#) == Some(4.0));
	ensure!(value("cadena_mras", r#"status="InForce""#) == Some(1.0), "{exposition}");
	let open = value("cadena_rpc_subscriptions", r#"kind="recognitionChanges""#);
	ensure!(open == Some(2.0), "open subscriptions {open:?}");
	let sent = value("cadena_rpc_notifications_total", r#"kind="recognitionChanges""#);
	ensure!(sent.is_some_and(|n| n >= 40.0), "notifications {sent:?}");
	let finalized = Rpc(&cr).finalized().await?.1 as f64;
	let described = value("cadena_metrics_block", r#"status="finalized""#).unwrap_or(0.0);
	ensure!(described <= finalized && described + 5.0 >= finalized, "{described} of {finalized}");

	// The dashboard names only metrics the node exports.
	let dashboard: Value = serde_json::from_str(&std::fs::read_to_string(
		std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/grafana/cadena.json"),
	)?)?;
	let names = dashboard_metrics(&dashboard);
	ensure!(names.len() >= 8, "the dashboard's metrics: {names:?}");
	for name in names {
		ensure!(
			exposition.lines().any(|l| l.starts_with(&name) && !l.starts_with('#')),
			"the dashboard names {name}, which the node does not export"
		);
	}
	Ok(())
}

/// The metric names a Grafana dashboard's queries use.
fn dashboard_metrics(dashboard: &Value) -> std::collections::BTreeSet<String> {
	let mut names = std::collections::BTreeSet::new();
	for panel in dashboard["panels"].as_array().into_iter().flatten() {
		for target in panel["targets"].as_array().into_iter().flatten() {
			let expr = target["expr"].as_str().unwrap_or("");
			let mut word = String::new();
			for c in expr.chars().chain(std::iter::once(' ')) {
				if c.is_ascii_alphanumeric() || c == '_' {
					word.push(c);
				} else {
					if word.starts_with("cadena_") || word.starts_with("substrate_") {
						names.insert(word.clone());
					}
					word.clear();
				}
			}
		}
	}
	names
}
