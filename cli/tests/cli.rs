//! The `cadena` tool against a real two-administration network (Mexico and
//! Costa Rica, an MRA in force between them), run as integrators run it:
//! import a register with bad rows among the good, import it again, resume
//! an interrupted import, verify, export, and watch recognition changes to a
//! webhook that fails at first and through a restart of the watcher, and a
//! watcher stopped before its first delivery that loses nothing. A second
//! network, its clock set just before a midnight, delivers an expiry to a
//! webhook and tells a watcher away too long that it cannot resume.

use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
	time::Duration,
};

mod common;

use anyhow::{ensure, Context, Result};
use cadena_primitives::{day_of, AeoType, CountryCode, Day, OperatorRole};
use cadena_testnet::{chain::dev_pair, chain::Chain, node_binary, wait_until, Network, Rpc};
use common::{cadena, stderr, stdout_json};
use jsonrpsee::{
	core::client::{ClientT, SubscriptionClientT},
	rpc_params,
	ws_client::WsClient,
};
use serde_json::{json, Value};
use tokio::{
	io::{AsyncReadExt, AsyncWriteExt},
	net::TcpListener,
	process::Command,
};

const HEADER: &str = "tin,legal_name,trade_name,street,city,postal_code,region,consent,authorization_number,aeo_type,roles,authorized_on,expires_on";
const KEY: &str = "//Alice//integrator";

fn today() -> Day {
	let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
	day_of(now.as_millis() as u64)
}

fn date(day: Day) -> String {
	let (y, m, d) = cadena_primitives::date_of(day);
	format!("{y:04}-{m:02}-{d:02}")
}

/// A good row: trader `n` and its certificate `MX-AEO-{n}`.
fn row(prefix: &str, n: usize) -> String {
	format!(
		"MX{prefix}{n:06},Exportadora {n},,Av. Reforma {n},Ciudad de Mexico,06600,MX-CMX,yes,{prefix}-AEO-{n},AEOS,exporter;importer,{},{}",
		date(today() - 30),
		date(today() + 365)
	)
}

fn write_register(dir: &Path, name: &str, rows: &[String]) -> PathBuf {
	let path = dir.join(name);
	std::fs::write(&path, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
	path
}

/// Mexico's secret encryption key file, once the scenario made it: every
/// import seals its traders' records with it.
static MX_KEY: std::sync::OnceLock<String> = std::sync::OnceLock::new();

async fn import(url: &str, file: &Path, extra: &[&str]) -> Result<(Option<i32>, Value)> {
	let mut args = vec!["import", "--file", file.to_str().unwrap(), "--suri", KEY, "--json"];
	if let Some(key) = MX_KEY.get() {
		args.extend(["--encryption-key-file", key.as_str()]);
	}
	args.extend_from_slice(extra);
	let output = cadena(url, &args).await?;
	Ok((output.status.code(), stdout_json(&output)?))
}

async fn certificate(client: &WsClient, number: &str) -> Result<Value> {
	Ok(client
		.request("cadena_certificate", rpc_params![json!({"country": "MX", "number": number})])
		.await?)
}

#[tokio::test(flavor = "multi_thread")]
async fn integrators_import_verify_export_and_watch_with_the_cadena_tool() -> Result<()> {
	let mut network = Network::start(&node_binary()?, "local", 2, None).await?;
	let result = scenario(&network).await;
	if result.is_err() {
		eprintln!("{}", network.logs(30));
	}
	result?;
	network.stop()
}

async fn scenario(network: &Network) -> Result<()> {
	let long = Duration::from_secs(90);
	let url = network.nodes[0].config.rpc_url();
	let cr_url = network.nodes[1].config.rpc_url();
	let mx = network.nodes[0].client().await?;
	wait_until("block 2 finalized", long, || async {
		Ok((Rpc(&mx).finalized().await?.1 >= 2).then_some(()))
	})
	.await?;
	let dir = tempfile::tempdir()?;

	// Clear errors before anything is on chain.
	let unreachable = cadena("ws://127.0.0.1:1", &["verify", "MXA1", "--by", "CR"]).await?;
	ensure!(unreachable.status.code() == Some(1), "{unreachable:?}");
	ensure!(stderr(&unreachable).contains("cannot reach the CADENA node at ws://127.0.0.1:1"));
	let good = write_register(dir.path(), "one.csv", &[row("A", 0)]);
	let outsider =
		cadena(&url, &["import", "--file", good.to_str().unwrap(), "--suri", "//Mallory"]).await?;
	ensure!(stderr(&outsider).contains("is not an officer of any administration"), "{outsider:?}");
	let cr_key = cadena(
		&url,
		&["import", "--file", good.to_str().unwrap(), "--suri", "not a key at all, really"],
	)
	.await?;
	ensure!(
		stderr(&cr_key).contains("not a valid secret URI") && !stderr(&cr_key).contains("really"),
		"{cr_key:?}"
	);
	let malformed = dir.path().join("malformed.csv");
	std::fs::write(&malformed, "tin,legal_name\nMXA1,X\n")?;
	let refused =
		cadena(&url, &["import", "--file", malformed.to_str().unwrap(), "--suri", KEY]).await?;
	ensure!(stderr(&refused).contains("missing column(s)"), "{refused:?}");

	// Mexico and Costa Rica: an MRA on security-and-safety AEOs, in force;
	// Costa Rica clears Mexico's AEO importers and exporters first.
	let chain = Chain::new(&mx).await?;
	let (mx_admin, cr_admin) = (dev_pair("//Alice"), dev_pair("//Bob"));
	let priority = cadena_primitives::Grant {
		code: cadena_primitives::BenefitCode::PriorityClearance,
		side: cadena_primitives::Side::Import,
		roles: vec![OperatorRole::Importer, OperatorRole::Exporter].try_into().unwrap(),
		aeo_types: vec![AeoType::SecurityAndSafety].try_into().unwrap(),
		parameter: None,
		condition: cadena_primitives::Condition::Always,
	};
	chain
		.execute(
			&mx_admin,
			pallet_mra::Call::propose {
				name: b"MX-CR AEO MRA".to_vec(),
				parties: vec![CountryCode(*b"MX"), CountryCode(*b"CR")],
				scope: vec![AeoType::SecurityAndSafety].try_into().unwrap(),
				directions: None,
				effective_on: today(),
				benefits: vec![pallet_mra::ProposedBenefits {
					issuer: CountryCode(*b"MX"),
					recogniser: CountryCode(*b"CR"),
					grants: vec![priority].try_into().unwrap(),
				}],
			}
			.into(),
		)
		.await?;
	chain
		.execute(
			&cr_admin,
			pallet_mra::Call::sign { id: 0, motion: pallet_mra::MotionKind::EnterIntoForce }.into(),
		)
		.await?;
	let start_block = Rpc(&mx).finalized().await?.1 as u32;

	// Each administration's encryption key: Mexico seals its traders'
	// names and addresses with its own, Costa Rica reads them with its own.
	let mut keys = Vec::new();
	for (name, admin) in [("mx", "//Alice"), ("cr", "//Bob")] {
		let file = dir.path().join(format!("{name}.key")).to_str().unwrap().to_string();
		let generated = cadena(&url, &["encryption-key", "generate", "--out", &file]).await?;
		ensure!(generated.status.success(), "{generated:?}");
		let published =
			cadena(&url, &["encryption-key", "publish", "--file", &file, "--suri", admin]).await?;
		ensure!(published.status.success(), "{published:?}");
		keys.push(file);
	}
	let cr_key = keys.pop().expect("CR's key");
	MX_KEY.set(keys.pop().expect("MX's key")).expect("set once");
	let cr_export = |output: &str| -> Vec<String> {
		let mut args = vec!["export", "--country", "CR", "--encryption-key-file", cr_key.as_str()];
		args.extend(output.split_whitespace());
		args.into_iter().map(String::from).collect()
	};

	// 1. A register of 300 good rows and 5 bad ones, in transactions of 100.
	let mut rows: Vec<String> = (0..300).map(|n| row("A", n)).collect();
	let bad = [
		(row("A", 900).replace("MXA000900", "mxa000900"), "not a WCO TIN"),
		(row("A", 901).replace("MXA000901", "CRA000901"), "is a TIN of CR"),
		(row("A", 7).replace("MXA000007", "MXA000902"), "the same authorization number as line 9"),
		(row("A", 903).replace(&date(today() - 30), &date(today() + 10)), "AeoCertificates."),
		(row("A", 904).replace("MX-CMX", "CR-SJ"), "not an ISO 3166-2 subdivision code of MX"),
	];
	// The bad rows sit at lines 52, 103, 154, 205, 256.
	for (k, (bad_row, _)) in bad.iter().enumerate() {
		rows.insert(50 + k * 51, bad_row.clone());
	}
	let register = write_register(dir.path(), "register.csv", &rows);
	let (code, summary) = import(&url, &register, &["--batch", "100"]).await?;
	ensure!(code == Some(3), "exit {code:?}: {summary}");
	ensure!(summary["created"] == 300 && summary["unchanged"] == 0, "{summary}");
	let refused = summary["refused"].as_array().context("refused")?;
	ensure!(refused.len() == 5, "{summary}");
	for (k, (_, reason)) in bad.iter().enumerate() {
		let line = 2 + 50 + k * 51;
		let refusal = &refused[k];
		ensure!(refusal["place"] == format!("line {line}"), "{refusal} is not line {line}");
		ensure!(refusal["reason"].as_str().unwrap().contains(reason), "{refusal} lacks {reason}");
	}
	let first = certificate(&mx, "A-AEO-0").await?;
	ensure!(first["status"] == "Active" && first["holder"] == "MXA000000", "{first}");

	// 2. The same file again changes nothing.
	let (code, again) = import(&url, &register, &["--batch", "100"]).await?;
	ensure!(code == Some(3), "{again}");
	ensure!(again["created"] == 0 && again["unchanged"] == 300, "{again}");
	ensure!(again["refused"].as_array().map(Vec::len) == Some(5), "{again}");
	// Only the row the chain refuses is tried: in a batch grant, then alone.
	ensure!(again["transactions"] == 2, "only the chain-refused row is tried: {again}");

	// 3. An import killed halfway, run again, finishes the rest.
	let second: Vec<String> = (0..600).map(|n| row("B", n)).collect();
	let second = write_register(dir.path(), "second.csv", &second);
	let mut child = Command::new(env!("CARGO_BIN_EXE_cadena"))
		.args(["--url", &url, "import", "--file", second.to_str().unwrap(), "--suri", KEY])
		.args(["--encryption-key-file", MX_KEY.get().expect("made")])
		.args(["--batch", "50", "--in-flight", "2"])
		.stdout(std::process::Stdio::null())
		.stderr(std::process::Stdio::null())
		.spawn()?;
	wait_until("the first certificates of the second file", long, || async {
		Ok((certificate(&mx, "B-AEO-0").await?["status"] == "Active").then_some(()))
	})
	.await?;
	child.kill().await?;
	let (code, resumed) = import(&url, &second, &[]).await?;
	ensure!(code == Some(0), "{resumed}");
	let (created, unchanged) =
		(resumed["created"].as_u64().unwrap(), resumed["unchanged"].as_u64().unwrap());
	ensure!(created + unchanged == 600 && unchanged >= 50 && created > 0, "{resumed}");
	ensure!(certificate(&mx, "B-AEO-599").await?["status"] == "Active");

	// 4. Verify at Costa Rica's node: recognised; Peru has no MRA.
	let verified = cadena(&cr_url, &["verify", "MXA000001", "--by", "CR", "--json"]).await?;
	ensure!(verified.status.success(), "{verified:?}");
	let answer = stdout_json(&verified)?;
	ensure!(answer["recognised"] == true && answer["mra"] == 0, "{answer}");
	ensure!(answer["certificate"] == json!({"country": "MX", "number": "A-AEO-1"}), "{answer}");
	let words = cadena(&cr_url, &["verify", "MXA000001", "--by", "PE"]).await?;
	ensure!(words.status.code() == Some(4), "{words:?}");
	let text = String::from_utf8_lossy(&words.stdout);
	ensure!(text.starts_with("NOT RECOGNISED: PE does not recognise MXA000001"), "{text}");
	let bad_tin = cadena(&cr_url, &["verify", "mx1", "--by", "CR"]).await?;
	ensure!(stderr(&bad_tin).contains("is not a WCO TIN"), "{bad_tin:?}");
	benefits(&url, &cr_url, &answer).await?;

	// 5. Export what Costa Rica recognises: the 900 certificates.
	let csv_path = dir.path().join("cr.csv");
	let args = cr_export(&format!("-o {}", csv_path.to_str().unwrap()));
	let args: Vec<&str> = args.iter().map(String::as_str).collect();
	let exported = cadena(&cr_url, &args).await?;
	ensure!(exported.status.success(), "{exported:?}");
	let csv = std::fs::read_to_string(&csv_path)?;
	ensure!(csv.lines().count() == 901, "{} lines", csv.lines().count());
	ensure!(
		csv.lines().next().unwrap().starts_with(HEADER),
		"header: {}",
		csv.lines().next().unwrap()
	);
	ensure!(csv.contains("MXA000001,Exportadora 1,"), "row of MXA000001 missing");
	let args = cr_export("--format json");
	let args: Vec<&str> = args.iter().map(String::as_str).collect();
	let json_out = cadena(&cr_url, &args).await?;
	let entries = stdout_json(&json_out)?;
	ensure!(entries.as_array().map(Vec::len) == Some(900), "json export");
	ensure!(entries[0]["holderName"].as_str().is_some_and(|n| n.starts_with("Exportadora")));
	let nothing = cadena(&cr_url, &["export", "--country", "PE", "--format", "json"]).await?;
	ensure!(stdout_json(&nothing)? == json!([]), "PE recognises nothing");

	// 6. Watch Costa Rica's changes to a webhook that fails three times,
	// from the block before the imports; the watcher is killed halfway and
	// restarted, and every change arrives once.
	let hook = Hook::start(3).await?;
	let state = dir.path().join("watch-state.json");
	let watch = |from: u32| {
		Command::new(env!("CARGO_BIN_EXE_cadena"))
			.args(["--url", &cr_url, "watch", "--country", "CR", "--webhook", &hook.url])
			.args(["--state", state.to_str().unwrap(), "--from-block", &from.to_string()])
			.args(["--max-backoff", "1"])
			.stdout(std::process::Stdio::null())
			.stderr(std::process::Stdio::null())
			.kill_on_drop(true)
			.spawn()
	};
	let mut watcher = watch(start_block)?;
	wait_until("300 deliveries", long, || async { Ok((hook.delivered() >= 300).then_some(())) })
		.await?;
	// Stopped as a service manager stops it: SIGTERM, between deliveries.
	let pid = watcher.id().context("the watcher's pid")?;
	Command::new("kill").args(["-TERM", &pid.to_string()]).status().await?;
	let stopped = tokio::time::timeout(Duration::from_secs(10), watcher.wait()).await??;
	ensure!(stopped.success(), "the watcher stopped with {stopped}");
	let mut watcher = watch(start_block)?;
	wait_until("900 deliveries", long, || async { Ok((hook.delivered() >= 900).then_some(())) })
		.await?;
	// Then a suspension, live.
	chain
		.execute(
			&dev_pair("//Alice//approver"),
			pallet_aeo_certificates::Call::suspend {
				id: cadena_primitives::CertificateId::new(CountryCode(*b"MX"), b"A-AEO-1").unwrap(),
				code: 12,
				reason: Vec::new(),
			}
			.into(),
		)
		.await?;
	wait_until("the suspension", long, || async { Ok((hook.delivered() >= 901).then_some(())) })
		.await?;
	tokio::time::sleep(Duration::from_secs(2)).await;
	watcher.kill().await?;
	let bodies = hook.bodies();
	let mut seen = BTreeMap::new();
	for body in &bodies {
		*seen.entry(body["id"].as_str().context("an id")?.to_string()).or_insert(0) += 1;
	}
	let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
	ensure!(twice.is_empty(), "delivered twice: {twice:?}");
	ensure!(bodies.len() == 901, "{} deliveries", bodies.len());
	ensure!(hook.failures() == 3, "the webhook failed {} times", hook.failures());
	let last = bodies.last().unwrap();
	ensure!(last["after"]["reason"] == "CertificateSuspended" && last["country"] == "CR", "{last}");

	// 7. Issue #12, fault 16: a watcher stopped before its first delivery
	// and restarted loses nothing. It records where it starts on its first
	// connection; the reinstatement made while it is down arrives.
	let fresh = dir.path().join("watch-fresh.json");
	let watch_fresh = || {
		Command::new(env!("CARGO_BIN_EXE_cadena"))
			.args(["--url", &cr_url, "watch", "--country", "CR", "--webhook", &hook.url])
			.args(["--state", fresh.to_str().unwrap(), "--max-backoff", "1"])
			.stdout(std::process::Stdio::null())
			.stderr(std::process::Stdio::null())
			.kill_on_drop(true)
			.spawn()
	};
	let mut watcher = watch_fresh()?;
	wait_until("the first state", long, || async { Ok(fresh.exists().then_some(())) }).await?;
	let first: Value = serde_json::from_str(&std::fs::read_to_string(&fresh)?)?;
	ensure!(first["delivered"] == 0 && first["genesis"].is_string(), "{first}");
	let pid = watcher.id().context("the watcher's pid")?;
	Command::new("kill").args(["-TERM", &pid.to_string()]).status().await?;
	tokio::time::timeout(Duration::from_secs(10), watcher.wait()).await??;
	ensure!(hook.delivered() == 901, "delivered {} before the change", hook.delivered());
	chain
		.execute(
			&dev_pair("//Alice//approver"),
			pallet_aeo_certificates::Call::reinstate {
				id: cadena_primitives::CertificateId::new(CountryCode(*b"MX"), b"A-AEO-1").unwrap(),
				code: 13,
				reason: Vec::new(),
			}
			.into(),
		)
		.await?;
	let mut watcher = watch_fresh()?;
	wait_until("the reinstatement", long, || async { Ok((hook.delivered() >= 902).then_some(())) })
		.await?;
	watcher.kill().await?;
	let bodies = hook.bodies();
	let last = bodies.last().unwrap();
	ensure!(last["after"]["recognised"] == true && bodies.len() == 902, "{last}");

	// 8. An Approver's certificate commands (issue #15): suspend, a dry run
	// of the reinstatement, the reinstatement, a renewal, a revocation, the
	// history; and the refusals, in words.
	let approver = ["--as", "//Alice//approver"];
	// A reason's text is sealed: not without the administration's key.
	let unsealed = cadena(
		&url,
		&[&["suspend", "A-AEO-2", "--code", "12", "--reason", "audit"][..], &approver].concat(),
	)
	.await?;
	ensure!(
		unsealed.status.code() == Some(1) && stderr(&unsealed).contains("--encryption-key-file"),
		"{unsealed:?}"
	);
	let suspended =
		cadena(&url, &[&["suspend", "A-AEO-2", "--code", "12", "--json"][..], &approver].concat())
			.await?;
	ensure!(suspended.status.success(), "{suspended:?}");
	let outcome = stdout_json(&suspended)?;
	ensure!(outcome["certificate"]["status"] == "Suspended", "{outcome}");
	ensure!(
		outcome["call"] == "AeoCertificates.suspend" && outcome["block"].is_string(),
		"{outcome}"
	);
	ensure!(
		outcome["events"].as_array().is_some_and(|e| e
			.iter()
			.any(|e| e.as_str().unwrap_or("").starts_with("AeoCertificates.CertificateChanged"))),
		"{outcome}"
	);
	let again = cadena(&url, &[&["suspend", "A-AEO-2"][..], &approver].concat()).await?;
	ensure!(
		again.status.code() == Some(1)
			&& stderr(&again).contains("the chain refused it: AeoCertificates."),
		"{again:?}"
	);
	let registrar = cadena(&url, &["suspend", "A-AEO-3", "--as", "//Alice//registrar"]).await?;
	ensure!(stderr(&registrar).contains("without the Approver role"), "{registrar:?}");
	let dry =
		cadena(&url, &[&["reinstate", "A-AEO-2", "--dry-run", "--json"][..], &approver].concat())
			.await?;
	let dry = stdout_json(&dry)?;
	ensure!(dry["block"].is_null() && dry["certificate"]["status"] == "Suspended", "{dry}");
	ensure!(dry["weight"][0].as_u64().is_some_and(|w| w > 0), "{dry}");
	let reinstated =
		cadena(&url, &[&["reinstate", "A-AEO-2", "--code", "13"][..], &approver].concat()).await?;
	ensure!(reinstated.status.success(), "{reinstated:?}");
	let renewal = date(today() + 400);
	let renewed = cadena(
		&url,
		&[&["renew", "A-AEO-2", "--expires-on", &renewal, "--json"][..], &approver].concat(),
	)
	.await?;
	ensure!(stdout_json(&renewed)?["certificate"]["expiresOn"] == renewal.as_str(), "{renewed:?}");
	let bad_date = cadena(
		&url,
		&[&["renew", "A-AEO-2", "--expires-on", "31/12/2030"][..], &approver].concat(),
	)
	.await?;
	ensure!(stderr(&bad_date).contains("is not a date (YYYY-MM-DD)"), "{bad_date:?}");
	let revoked =
		cadena(&url, &[&["revoke", "A-AEO-3", "--code", "9", "--json"][..], &approver].concat())
			.await?;
	ensure!(stdout_json(&revoked)?["certificate"]["status"] == "Revoked", "{revoked:?}");
	let history = cadena(&url, &["history", "A-AEO-2", "--country", "MX", "--json"]).await?;
	let history = stdout_json(&history)?;
	let actions: Vec<&str> = history["entries"]
		.as_array()
		.context("entries")?
		.iter()
		.filter_map(|e| e["action"].as_str())
		.collect();
	ensure!(actions == ["Grant", "Suspend", "Reinstate", "Renew"], "{history}");
	let words = cadena(&url, &["history", "A-AEO-2", "--country", "MX"]).await?;
	ensure!(
		String::from_utf8_lossy(&words.stdout).contains("Suspend Active -> Suspended"),
		"{words:?}"
	);

	// 9. The registers Latin American customs really export: the same 300
	// rows as UTF-8 `,` CSV, Windows-1252 `;` CSV with DD/MM/YYYY dates, and
	// an `.xlsx` workbook make the same chain state.
	same_register_in_three_formats(&url, &cr_url, dir.path(), &cr_key).await?;
	Ok(())
}

/// Step 9's register: 300 holders with accented names (TINs `MXR…`), as
/// the values of `HEADER`'s columns, dates `YYYY-MM-DD`.
/// What recognition gives (issue #26), through `cadena verify` and `cadena
/// decide`, in English and Spanish; a node answers its own country's
/// declarations only.
async fn benefits(mx_url: &str, cr_url: &str, verified: &Value) -> Result<()> {
	let priority = json!({
		"code": "PriorityClearance", "side": "Import", "roles": ["Importer", "Exporter"],
		"aeoTypes": ["SecurityAndSafety"], "parameter": null, "condition": "Always",
	});
	ensure!(verified["benefits"] == json!([priority.clone()]), "{verified}");
	let from = json!({"mra": 0, "issuer": "MX", "recogniser": "CR", "version": 1});
	ensure!(verified["benefitsFrom"] == from, "{verified}");
	let words = cadena(cr_url, &["verify", "MXA000001", "--by", "CR"]).await?;
	let text = String::from_utf8_lossy(&words.stdout);
	ensure!(text.contains("benefits CR grants MX's AEOs under MRA 0 (version 1):"), "{text}");
	ensure!(
		text.contains("- priority clearance, at import, for importer;exporter (AEOS)"),
		"{text}"
	);

	// A declaration at Costa Rica's import: the exporter gets its grant;
	// the same trader declared as customs broker is recognised, and gets none.
	let parties = ["--party", "exporter=MXA000001", "--party", "customs_broker=MXA000002"];
	let mut args = vec!["decide", "--declaring", "CR", "--side", "import", "--json"];
	args.extend(parties);
	let decided = cadena(cr_url, &args).await?;
	ensure!(decided.status.success(), "{decided:?}");
	let decision = stdout_json(&decided)?;
	ensure!(decision["parties"][0]["benefits"] == json!([priority.clone()]), "{decision}");
	ensure!(decision["parties"][1]["recognised"] == true, "{decision}");
	ensure!(decision["parties"][1]["benefits"] == json!([]), "{decision}");
	ensure!(decision["benefits"] == json!([priority]), "{decision}");
	ensure!(decision["block"].as_u64().is_some() && decision["blockHash"].is_string());
	// The same question at that block, later: the same answer.
	let hash = decision["blockHash"].as_str().context("the block's hash")?.to_string();
	args.extend(["--at", &hash]);
	let again = stdout_json(&cadena(cr_url, &args).await?)?;
	ensure!(again["parties"] == decision["parties"], "{again}");
	let mut spanish = vec!["--lang", "es", "decide", "--declaring", "CR", "--side", "import"];
	spanish.extend(parties);
	let texto = cadena(cr_url, &spanish).await?;
	let texto = String::from_utf8_lossy(&texto.stdout);
	ensure!(texto.contains("exporter MXA000001: RECONOCIDO"), "{texto}");
	ensure!(texto.contains("- despacho prioritario, en la importación"), "{texto}");
	ensure!(texto.contains("Son datos para el motor de riesgo, no un carril."), "{texto}");
	// A partner identifier Mexico records for its trader answers as its TIN.
	let recorded =
		cadena(mx_url, &["tin", "partner-ids", "MXA000001", "--id", "MID:MXA1MAN", "--suri", KEY])
			.await?;
	ensure!(recorded.status.success(), "{recorded:?}");
	let by_id = cadena(cr_url, &["verify", "MX:MID:MXA1MAN", "--by", "CR", "--json"]).await?;
	let by_id = stdout_json(&by_id)?;
	ensure!(by_id["tin"] == "MXA000001" && by_id["benefits"] == verified["benefits"], "{by_id}");
	let id_party = ["--party", "exporter=MX:MID:MXA1MAN"];
	let mut args = vec!["decide", "--declaring", "CR", "--side", "import", "--json"];
	args.extend(id_party);
	let decided = stdout_json(&cadena(cr_url, &args).await?)?;
	ensure!(decided["parties"][0]["tin"] == "MXA000001", "{decided}");
	ensure!(decided["parties"][0]["benefits"] == decision["parties"][0]["benefits"], "{decided}");
	let unknown = cadena(cr_url, &["verify", "CR:MID:MXA1MAN", "--by", "CR"]).await?;
	ensure!(stderr(&unknown).contains("no TIN holds the partner identifier"), "{unknown:?}");
	// Mexico's node does not answer Costa Rica's declarations.
	let elsewhere = cadena(
		mx_url,
		&["decide", "--declaring", "CR", "--side", "import", "--party", "exporter=MXA000001"],
	)
	.await?;
	ensure!(!elsewhere.status.success(), "{elsewhere:?}");
	ensure!(
		stderr(&elsewhere).contains("this node answers the declarations of MX only, not CR"),
		"{elsewhere:?}"
	);
	Ok(())
}

fn accented_register() -> Vec<[String; 13]> {
	(0..300)
		.map(|n| {
			let legal_name = match n % 3 {
				0 => format!("Exportadora Añil {n} S.A. de C.V."),
				1 => format!("Comercializadora Peñasco {n}"),
				_ => format!("Café Orgánico de Córdoba {n}"),
			};
			let (city, postal_code, region) = if n % 2 == 0 {
				("Ciudad de México", "06600".to_string(), "MX-CMX")
			} else {
				("Mérida", (97000 + n).to_string(), "MX-YUC")
			};
			let spread = (n % 40) as Day;
			[
				format!("MXR{n:06}"),
				legal_name,
				if n % 2 == 0 { String::new() } else { "Añil".into() },
				format!("Av. Insurgentes Sur {n}, piso {}", n % 9 + 1),
				city.into(),
				postal_code,
				region.into(),
				"yes".into(),
				format!("R-AEO-{n}"),
				"AEOS".into(),
				if n % 2 == 0 { "exporter;importer" } else { "customs_broker;carrier" }.into(),
				date(today() - 30 - spread),
				date(today() + 365 + spread),
			]
		})
		.collect()
}

/// A register as CSV text: `delimiter`-separated, quoted where needed.
fn csv_text(rows: &[[String; 13]], delimiter: u8) -> Result<String> {
	let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(Vec::new());
	writer.write_record(HEADER.split(','))?;
	for row in rows {
		writer.write_record(row)?;
	}
	Ok(String::from_utf8(writer.into_inner()?)?)
}

/// `YYYY-MM-DD` as `DD/MM/YYYY`.
fn day_first(date: &str) -> String {
	let parts: Vec<&str> = date.split('-').collect();
	format!("{}/{}/{}", parts[2], parts[1], parts[0])
}

/// A register as an Excel workbook, as a customs administration keeps it:
/// a first sheet of notes, the register in the sheet `Registro AEO`,
/// postal codes without a leading zero as numbers, consent as booleans,
/// dates as date cells, empty trade names left out.
fn write_workbook(path: &Path, rows: &[[String; 13]]) -> Result<()> {
	use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
	let mut workbook = Workbook::new();
	workbook.add_worksheet().set_name("Léame")?.write_string(0, 0, "Registro de OEA")?;
	let sheet = workbook.add_worksheet().set_name("Registro AEO")?;
	let date_format = Format::new().set_num_format("dd/mm/yyyy");
	for (c, name) in HEADER.split(',').enumerate() {
		sheet.write_string(0, c as u16, name)?;
	}
	for (r, row) in rows.iter().enumerate() {
		let r = r as u32 + 1;
		for (c, value) in row.iter().enumerate() {
			let c = c as u16;
			match c {
				_ if value.is_empty() => {}
				5 if !value.starts_with('0') => {
					sheet.write_number(r, c, value.parse::<f64>()?)?;
				}
				7 => {
					sheet.write_boolean(r, c, value == "yes")?;
				}
				11 | 12 => {
					let p: Vec<u16> = value.split('-').map(str::parse).collect::<Result<_, _>>()?;
					let day = ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8)?;
					sheet.write_datetime_with_format(r, c, &day, &date_format)?;
				}
				_ => {
					sheet.write_string(r, c, value)?;
				}
			}
		}
	}
	workbook.save(path)?;
	Ok(())
}

/// The chain's state of step 9's traders and certificates, as Costa Rica
/// exports them (the register's columns, the certificate's status, since
/// when and why), one line each, sorted.
async fn snapshot(cr_url: &str, dir: &Path, cr_key: &str) -> Result<Vec<String>> {
	let path = dir.join("snapshot.csv");
	let exported = cadena(
		cr_url,
		&[
			"export",
			"--country",
			"CR",
			"--encryption-key-file",
			cr_key,
			"-o",
			path.to_str().unwrap(),
		],
	)
	.await?;
	ensure!(exported.status.success(), "{exported:?}");
	let mut lines: Vec<String> = std::fs::read_to_string(&path)?
		.lines()
		.filter(|l| l.starts_with("MXR"))
		.map(str::to_string)
		.collect();
	lines.sort();
	Ok(lines)
}

/// Step 9: the register as UTF-8 `,` CSV creates its 300 rows; as
/// Windows-1252 `;` CSV with `DD/MM/YYYY` dates, and as `.xlsx`, it finds
/// them all unchanged, and the chain's state stays the same.
async fn same_register_in_three_formats(
	url: &str,
	cr_url: &str,
	dir: &Path,
	cr_key: &str,
) -> Result<()> {
	let rows = accented_register();
	let utf8 = dir.join("registro-utf8.csv");
	std::fs::write(&utf8, csv_text(&rows, b',')?)?;
	let day_first_rows: Vec<[String; 13]> = rows
		.iter()
		.map(|row| {
			let mut row = row.clone();
			row[11] = day_first(&row[11]);
			row[12] = day_first(&row[12]);
			row
		})
		.collect();
	let semicolons = csv_text(&day_first_rows, b';')?;
	let (latin, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&semicolons);
	ensure!(!unmappable && std::str::from_utf8(&latin).is_err(), "not Windows-1252");
	let windows = dir.join("registro-windows-1252.csv");
	std::fs::write(&windows, &latin)?;
	let xlsx = dir.join("registro.xlsx");
	write_workbook(&xlsx, &rows)?;

	let started = std::time::Instant::now();
	let (code, created) = import(url, &utf8, &[]).await?;
	eprintln!("step 9: UTF-8 `,` CSV imported in {:.1} s", started.elapsed().as_secs_f64());
	ensure!(code == Some(0), "exit {code:?}: {created}");
	ensure!(created["created"] == 300 && created["unchanged"] == 0, "{created}");
	let before = snapshot(cr_url, dir, cr_key).await?;
	ensure!(before.len() == 300, "{} certificates of step 9 exported", before.len());
	let named =
		|tin: &str, text: &str| before.iter().any(|l| l.starts_with(tin) && l.contains(text));
	ensure!(
		named("MXR000000,", ",Exportadora Añil 0 S.A. de C.V.,,")
			&& named("MXR000000,", ",Ciudad de México,06600,")
			&& named("MXR000001,", ",Comercializadora Peñasco 1,Añil,")
			&& named("MXR000002,", ",Café Orgánico de Córdoba 2,"),
		"names do not read back as written: {:?}",
		&before[..3]
	);
	ensure!(!before.iter().any(|l| l.contains('Ã') || l.contains('\u{FFFD}')), "mojibake");

	let forms = [
		(&windows, vec![]),
		(&windows, vec!["--delimiter", ";", "--encoding", "windows-1252"]),
		(&xlsx, vec!["--sheet", "Registro AEO"]),
	];
	for (file, options) in forms {
		let started = std::time::Instant::now();
		let (code, again) = import(url, file, &options).await?;
		eprintln!(
			"step 9: {} {options:?} read as unchanged in {:.1} s",
			file.file_name().unwrap().to_string_lossy(),
			started.elapsed().as_secs_f64()
		);
		ensure!(code == Some(0), "{}: exit {code:?}: {again}", file.display());
		ensure!(
			again["rows"] == 300
				&& again["unchanged"] == 300
				&& again["created"] == 0
				&& again["updated"] == 0
				&& again["refused"].as_array().is_some_and(Vec::is_empty)
				&& again["transactions"] == 0,
			"{}: {again}",
			file.display()
		);
		ensure!(
			snapshot(cr_url, dir, cr_key).await? == before,
			"{} changed the chain",
			file.display()
		);
	}
	Ok(())
}

/// Issue #12, faults 12, 13 and 14, end to end: a network whose clock is set
/// 90 s before a midnight. A certificate expiring that midnight reaches
/// Costa Rica's webhook as a recognition change in the first block of the
/// day; the watcher records its progress at every block, changes or not;
/// stopped and left away longer than the node keeps state (`--state-pruning
/// 8`), it is told it cannot resume and exits with status 5, instead of
/// waiting for ever; a replay beyond the node's bound is refused.
#[tokio::test(flavor = "multi_thread")]
async fn fault_12_and_13_an_expiry_reaches_a_webhook_and_a_watcher_away_too_long_is_told(
) -> Result<()> {
	const DAY: i64 = 86_400_000;
	let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis();
	let now = now as i64;
	let offset = ((now / DAY + 1) * DAY - 90_000 - now) / 1_000 * 1_000;
	let offset_arg = offset.to_string();
	let args = [
		"--clock-offset-ms",
		offset_arg.as_str(),
		"--state-pruning",
		"8",
		"--cadena-rpc-max-replay",
		"40",
	];
	let mut network = Network::start_with(&node_binary()?, "local", 2, None, &args).await?;
	let result = expiry_scenario(&network, ((now + offset) / DAY) as Day).await;
	if result.is_err() {
		eprintln!("{}", network.logs(30));
	}
	result?;
	network.stop()
}

async fn expiry_scenario(network: &Network, chain_today: Day) -> Result<()> {
	let long = Duration::from_secs(90);
	let url = network.nodes[0].config.rpc_url();
	let cr_url = network.nodes[1].config.rpc_url();
	let (mx, cr) = (network.nodes[0].client().await?, network.nodes[1].client().await?);
	wait_until("block 2 finalized", long, || async {
		Ok((Rpc(&mx).finalized().await?.1 >= 2).then_some(()))
	})
	.await?;
	let chain = Chain::new(&mx).await?;
	chain
		.execute(
			&dev_pair("//Alice"),
			pallet_mra::Call::propose {
				name: b"MX-CR AEO MRA".to_vec(),
				parties: vec![CountryCode(*b"MX"), CountryCode(*b"CR")],
				scope: vec![AeoType::SecurityAndSafety].try_into().unwrap(),
				directions: None,
				effective_on: chain_today,
				benefits: vec![],
			}
			.into(),
		)
		.await?;
	chain
		.execute(
			&dev_pair("//Bob"),
			pallet_mra::Call::sign { id: 0, motion: pallet_mra::MotionKind::EnterIntoForce }.into(),
		)
		.await?;
	// One certificate, expiring at the chain's next midnight.
	let dir = tempfile::tempdir()?;
	let expiring = row("E", 0)
		.replace(&date(today() - 30), &date(chain_today - 30))
		.replace(&date(today() + 365), &date(chain_today + 1));
	let register = write_register(dir.path(), "expiring.csv", &[expiring]);
	let (code, summary) = import(&url, &register, &[]).await?;
	ensure!(code == Some(0) && summary["created"] == 1, "{summary}");
	let expiry = date(chain_today + 1);
	ensure!(certificate(&mx, "E-AEO-0").await?["expiresOn"] == expiry.as_str());

	let hook = Hook::start(0).await?;
	let state = dir.path().join("watch-expiry.json");
	let watch = || {
		Command::new(env!("CARGO_BIN_EXE_cadena"))
			.args(["--url", &cr_url, "watch", "--country", "CR", "--webhook", &hook.url])
			.args(["--state", state.to_str().unwrap(), "--max-backoff", "1"])
			.stdout(std::process::Stdio::null())
			.stderr(std::process::Stdio::piped())
			.kill_on_drop(true)
			.spawn()
	};
	let mut watcher = watch()?;
	let verified = cadena(&cr_url, &["verify", "MXE000000", "--by", "CR", "--json"]).await?;
	ensure!(stdout_json(&verified)?["recognised"] == true, "{verified:?}");

	// Midnight comes within 90 s of the network's start.
	let midnight = Duration::from_secs(150);
	wait_until("the expiry at the webhook", midnight, || async {
		Ok(hook.bodies().into_iter().find(|b| b["after"]["reason"] == "CertificateExpired"))
	})
	.await
	.and_then(|change| {
		ensure!(change["before"]["recognised"] == true, "{change}");
		ensure!(change["certificate"] == json!({"country": "MX", "number": "E-AEO-0"}));
		ensure!(change["country"] == "CR", "{change}");
		Ok(())
	})?;
	let expired = certificate(&cr, "E-AEO-0").await?;
	ensure!(expired["status"] == "Expired", "the chain expired it too: {expired}");

	// Progress is kept at every finalized block, though none changes more.
	let progress = |state: &Path| -> Result<u64> {
		let saved: Value = serde_json::from_str(&std::fs::read_to_string(state)?)?;
		saved["block"].as_u64().context("a block in the state file")
	};
	let before = progress(&state)?;
	wait_until("progress at blocks without changes", long, || async {
		Ok((progress(&state)? >= before + 3).then_some(()))
	})
	.await?;
	ensure!(hook.delivered() == 1, "{:?}", hook.bodies());

	// Away longer than the node keeps state: told, and exits non-zero.
	let pid = watcher.id().context("the watcher's pid")?;
	Command::new("kill").args(["-TERM", &pid.to_string()]).status().await?;
	tokio::time::timeout(Duration::from_secs(10), watcher.wait()).await??;
	let stopped_at = progress(&state)?;
	wait_until("the stopped watcher's blocks pruned", long, || async {
		Ok((Rpc(&cr).finalized().await?.1 > stopped_at + 20).then_some(()))
	})
	.await?;
	let watcher = watch()?;
	let output = tokio::time::timeout(Duration::from_secs(30), watcher.wait_with_output())
		.await
		.context("the watcher that cannot resume did not exit")??;
	let text = stderr(&output);
	ensure!(output.status.code() == Some(5), "{:?}: {text}", output.status);
	ensure!(
		text.contains(&format!("cannot resume from block {stopped_at}"))
			&& text.contains("no longer keeps the state"),
		"{text}"
	);

	// Issue #12, fault 14: a replay from further back than the node's bound
	// (`--cadena-rpc-max-replay 40`) is refused at once, with its code.
	let far: Result<jsonrpsee::core::client::Subscription<Value>, _> = cr
		.subscribe(
			"cadena_subscribeRecognitionChanges",
			rpc_params!["CR", 1, true],
			"cadena_unsubscribeRecognitionChanges",
		)
		.await;
	match far {
		Err(jsonrpsee::core::client::Error::Call(e)) => {
			ensure!(e.code() == 3 && e.message().contains("replays at most 40"), "{e:?}")
		}
		other => anyhow::bail!("a replay from block 1 was not refused: {:?}", other.err()),
	}
	Ok(())
}

/// A webhook receiver on loopback: answers 500 to the first `fail` POSTs,
/// then 200, and keeps the bodies it accepted.
struct Hook {
	url: String,
	accepted: Arc<Mutex<Vec<Value>>>,
	failed: Arc<Mutex<usize>>,
}

impl Hook {
	async fn start(fail: usize) -> Result<Hook> {
		let listener = TcpListener::bind("127.0.0.1:0").await?;
		let url = format!("http://{}/cadena", listener.local_addr()?);
		let accepted = Arc::new(Mutex::new(Vec::new()));
		let failed = Arc::new(Mutex::new(0));
		let (a, f) = (accepted.clone(), failed.clone());
		tokio::spawn(async move {
			loop {
				let Ok((mut socket, _)) = listener.accept().await else { return };
				let (a, f) = (a.clone(), f.clone());
				tokio::spawn(async move {
					while let Some(body) = read_request(&mut socket).await {
						let fail_now = {
							let mut failed = f.lock().unwrap();
							let fail_now = *failed < fail;
							if fail_now {
								*failed += 1;
							}
							fail_now
						};
						let status = if fail_now {
							"500 Internal Server Error"
						} else {
							a.lock().unwrap().push(body);
							"200 OK"
						};
						let response = format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\n\r\n");
						if socket.write_all(response.as_bytes()).await.is_err() {
							return;
						}
					}
				});
			}
		});
		Ok(Hook { url, accepted, failed })
	}

	fn delivered(&self) -> usize {
		self.accepted.lock().unwrap().len()
	}

	fn bodies(&self) -> Vec<Value> {
		self.accepted.lock().unwrap().clone()
	}

	fn failures(&self) -> usize {
		*self.failed.lock().unwrap()
	}
}

/// One HTTP/1.1 request's JSON body, or `None` when the connection ends.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Value> {
	let mut buffer = Vec::new();
	let mut chunk = [0u8; 4096];
	let header_end = loop {
		if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
			break end + 4;
		}
		let read = socket.read(&mut chunk).await.ok()?;
		if read == 0 {
			return None;
		}
		buffer.extend_from_slice(&chunk[..read]);
	};
	let head = String::from_utf8_lossy(&buffer[..header_end]).to_ascii_lowercase();
	let length: usize = head
		.lines()
		.find_map(|l| l.strip_prefix("content-length:"))
		.and_then(|v| v.trim().parse().ok())
		.unwrap_or(0);
	while buffer.len() < header_end + length {
		let read = socket.read(&mut chunk).await.ok()?;
		if read == 0 {
			return None;
		}
		buffer.extend_from_slice(&chunk[..read]);
	}
	serde_json::from_slice(&buffer[header_end..header_end + length]).ok()
}
