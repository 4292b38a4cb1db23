//! On a real 4-validator local network (MX, CR, PE, CO): Mexico and Costa
//! Rica sign an MRA; Mexico grants certificates; Costa Rica's node tells its
//! subscriber, after finality, of every certificate whose recognition
//! changes — one grant, one suspension, and all of them at once when the MRA
//! is suspended and resumed — and answers `cadena_*` recognition queries;
//! then what recognition gives: benefits amended by both sides, told once,
//! in every answer and in a declaration's decision (issue #26).

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
			benefits: vec![],
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

	// 6. What recognition gives (issue #26).
	benefits(network, &chain, &mut changes).await?;

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

/// A grant of CR to MX's AEOs, at import, to exporters.
fn grant_of(code: cadena_primitives::BenefitCode, side: &str) -> (Value, cadena_primitives::Grant) {
	use cadena_primitives::{Condition, Grant, Side};
	let condition = match code {
		cadena_primitives::BenefitCode::BusinessContinuity => Condition::DuringContinuityEvent,
		_ => Condition::Always,
	};
	let (side, roles) = match side {
		"Export" => (Side::Export, vec![OperatorRole::Importer]),
		_ => (Side::Import, vec![OperatorRole::Exporter]),
	};
	let grant = Grant {
		code,
		side,
		roles: roles.try_into().unwrap(),
		aeo_types: vec![AeoType::SecurityAndSafety].try_into().unwrap(),
		parameter: None,
		condition,
	};
	(serde_json::to_value(&grant).unwrap(), grant)
}

async fn decision(
	client: &WsClient,
	declaring: &str,
	side: &str,
	parties: Value,
	at: Option<&str>,
) -> Result<Value> {
	Ok(client.request("cadena_decision", rpc_params![declaring, side, parties, at]).await?)
}

/// Benefits end to end: an amendment CR signs alone changes nothing, signed
/// by MX too it applies and CR's watcher hears of it once; a decision at
/// CR's node for an exporter, the same TIN as customs broker, an importer at
/// a CR export, PE without an MRA; a suspension ends the benefits in the
/// first finalized block while the block before answers as before; a
/// continuity event turns its grants on and off; a node answers only its
/// own country's declarations.
async fn benefits(
	network: &Network,
	chain: &Chain<'_>,
	changes: &mut Subscription<Value>,
) -> Result<()> {
	use cadena_primitives::BenefitCode::*;
	let long = Duration::from_secs(60);
	let (cr, pe) = (network.nodes[1].client().await?, network.nodes[2].client().await?);
	let (mx_admin, cr_admin) = (dev_pair("//Alice"), dev_pair("//Bob"));
	let approver = dev_pair("//Alice//approver");
	let (priority, priority_grant) = grant_of(PriorityClearance, "Import");
	let (continuity, continuity_grant) = grant_of(BusinessContinuity, "Import");
	let (notice, notice_grant) = grant_of(PriorNotification, "Export");
	let mut grants = vec![priority_grant, continuity_grant, notice_grant];
	grants.sort();
	let grants: cadena_primitives::Grants = grants.try_into().unwrap();

	// The two suspensions of step 5 first.
	let earlier = next(changes, 2, long).await?;
	ensure!(earlier.iter().all(|n| n["after"]["reason"] == "CertificateSuspended"), "{earlier:?}");

	// CR proposes what it grants MX's AEOs, and signs: nothing changes yet.
	let motion = pallet_mra::MotionKind::AmendBenefits {
		issuer: MX,
		recogniser: CountryCode(*b"CR"),
		grants: grants.clone(),
		on: today(),
	};
	let propose = pallet_mra::Call::propose_benefits {
		id: 0,
		issuer: MX,
		recogniser: CountryCode(*b"CR"),
		grants: grants.clone(),
		on: today(),
	};
	chain.execute(&cr_admin, propose.into()).await?;
	let alone = recognition(&cr, "CR").await?;
	ensure!(alone["benefits"] == json!([]) && alone["benefitsFrom"]["version"] == 1, "{alone}");
	// MX signs the same grants: version 2, in every answer, told once.
	chain.execute(&mx_admin, pallet_mra::Call::sign { id: 0, motion }.into()).await?;
	let told = next(changes, 1, long).await?;
	let changed = &told[0]["benefitsChanged"];
	ensure!(
		changed["version"] == 2 && changed["issuer"] == "MX" && changed["recogniser"] == "CR",
		"{told:?}"
	);
	let both = recognition(&cr, "CR").await?;
	ensure!(both["benefitsFrom"]["version"] == 2, "{both}");
	// For its certificate's role, exporter: not the importers' notice, and
	// not continuity (no event declared).
	ensure!(both["benefits"] == json!([priority.clone()]), "{both}");

	// A declaration at CR's import: the exporter's grants; the same TIN as
	// customs broker none; PE, with no MRA, nothing and the reason.
	let parties = json!([{"role": "Exporter", "tin": TIN}, {"role": "CustomsBroker", "tin": TIN}]);
	let at_cr = decision(&cr, "CR", "Import", parties, None).await?;
	ensure!(at_cr["parties"][0]["benefits"] == json!([priority.clone()]), "{at_cr}");
	ensure!(at_cr["parties"][1]["recognised"] == true, "{at_cr}");
	ensure!(at_cr["parties"][1]["benefits"] == json!([]), "{at_cr}");
	ensure!(at_cr["benefits"] == json!([priority.clone()]), "{at_cr}");
	let at_pe =
		decision(&pe, "PE", "Import", json!([{"role": "Exporter", "tin": TIN}]), None).await?;
	ensure!(at_pe["parties"][0]["reason"] == "NoMra" && at_pe["benefits"] == json!([]), "{at_pe}");
	// A CR export to an MX AEO importer: CR's export grants.
	let importer = "MXIMP010101AAA";
	let data = pallet_tin_registry::TraderData { consent: true };
	let registrar = dev_pair("//Alice//registrar");
	let register = pallet_tin_registry::Call::register { tin: importer.as_bytes().to_vec(), data };
	chain.execute(&registrar, register.into()).await?;
	let mut certificate = grant("IMP-1");
	certificate.data.holder = importer.as_bytes().to_vec();
	certificate.data.roles = vec![OperatorRole::Importer].try_into().unwrap();
	chain.execute(&approver, pallet_aeo_certificates::Call::grant { certificate }.into()).await?;
	// Its notification carries what recognition gives it: the export-side
	// notice for importers, at the direction's version 2.
	let granted = next(changes, 1, long).await?;
	let after = &granted[0]["after"];
	ensure!(after["benefitsFrom"]["version"] == 2, "{granted:?}");
	ensure!(after["benefits"] == json!([notice.clone()]), "{granted:?}");
	let export = json!([{"role": "Importer", "tin": importer}]);
	let at_export = decision(&cr, "CR", "Export", export.clone(), None).await?;
	ensure!(at_export["benefits"] == json!([notice]), "{at_export}");

	// The importer's certificate suspended: the first finalized block's
	// decision has no benefits and the reason; the block before, as before.
	// Suspended, planned to end in ten days, in one batch.
	let suspend: RuntimeCall =
		pallet_aeo_certificates::Call::suspend { id: id("IMP-1"), code: 12, reason: vec![] }.into();
	let until = today() + 10;
	let plan: RuntimeCall =
		pallet_aeo_certificates::Call::plan_suspension_end { id: id("IMP-1"), until: Some(until) }
			.into();
	let batch = pallet_utility::Call::batch_all { calls: vec![suspend, plan] };
	chain.execute(&approver, batch.into()).await?;
	let suspended = next(changes, 1, long).await?;
	let block = suspended[0]["blockHash"].as_str().context("the block")?.to_string();
	let after = decision(&cr, "CR", "Export", export.clone(), Some(&block)).await?;
	ensure!(after["parties"][0]["reason"] == "CertificateSuspended", "{after}");
	let (y, m, d) = cadena_primitives::date_of(until);
	let planned = format!("{y:04}-{m:02}-{d:02}");
	ensure!(after["parties"][0]["suspendedUntil"] == planned.as_str(), "{after}");
	ensure!(after["benefits"] == json!([]), "{after}");
	let header: Value = cr.request("chain_getHeader", rpc_params![&block]).await?;
	let parent = header["parentHash"].as_str().context("the parent")?.to_string();
	let before = decision(&cr, "CR", "Export", export, Some(&parent)).await?;
	ensure!(before["benefits"] == at_export["benefits"], "{before}");

	// CR declares a business-continuity event: its continuity grant
	// applies, and its watcher hears of it; ended, it is gone.
	let exporter = json!([{"role": "Exporter", "tin": TIN}]);
	chain.execute(&cr_admin, pallet_mra::Call::declare_continuity {}.into()).await?;
	let declared = next(changes, 1, long).await?;
	ensure!(
		declared[0]["continuity"] == json!({"country": "CR", "declared": true}),
		"{declared:?}"
	);
	let during = decision(&cr, "CR", "Import", exporter.clone(), None).await?;
	ensure!(during["benefits"] == json!([priority.clone(), continuity]), "{during}");
	chain.execute(&cr_admin, pallet_mra::Call::end_continuity {}.into()).await?;
	let ended = next(changes, 1, long).await?;
	ensure!(ended[0]["continuity"]["declared"] == false, "{ended:?}");
	let after_event = decision(&cr, "CR", "Import", exporter.clone(), None).await?;
	ensure!(after_event["benefits"] == json!([priority]), "{after_event}");

	// CR's node answers CR's declarations only; a party list is bounded.
	let refused = decision(&cr, "MX", "Import", exporter, None).await;
	let refused = format!("{:?}", refused.expect_err("CR's node answered for MX"));
	ensure!(refused.contains("answers the declarations of CR only"), "{refused}");
	let many = Value::Array(vec![json!({"role": "Exporter", "tin": TIN}); 17]);
	let too_many =
		format!("{:?}", decision(&cr, "CR", "Import", many, None).await.expect_err("17 parties"));
	ensure!(too_many.contains("1 to 16 parties"), "{too_many}");
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
