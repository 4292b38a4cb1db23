//! On a real 4-validator local network (MX, CR, PE, CO) started on the last
//! released runtime (`runtime/releases/`), with traders, certificates and an
//! MRA in force: an upgrade applied without authorization is refused, a 2/4
//! council motion does not authorize one, a 3/4 motion does, and anyone then
//! applies the code of this tree's runtime. Every node runs the new version,
//! keeps producing and finalizing blocks, the storage migration has run, the
//! data reads back the same through the `cadena_*` RPC, and every pallet's
//! invariants hold on the migrated state.

use std::{
	path::PathBuf,
	time::{Duration, Instant},
};

use anyhow::{anyhow, ensure, Context, Result};
use cadena_primitives::{day_of, AeoType, CountryCode, Day, OperatorRole, Role, Roles};
use cadena_runtime::{Runtime, RuntimeCall, RuntimeEvent};
use cadena_testnet::{
	chain::{dev_pair, Chain, Events},
	local_spec_with_code, wait_until, Network, Rpc,
};
use frame_support::traits::{GetStorageVersion, PalletInfoAccess, StorageVersion};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use serde_json::{json, Value};
use sp_core::Pair;
use sp_runtime::traits::{BlakeTwo256, Hash as _};

/// The Wasm of the last released runtime, which the network starts on.
const RELEASED: &[u8] =
	include_bytes!("../../runtime/releases/cadena-runtime-101.compact.compressed.wasm");
const RELEASED_SPEC_VERSION: u64 = 101;

const MX: CountryCode = CountryCode(*b"MX");
const CR: CountryCode = CountryCode(*b"CR");
const TRADERS: usize = 5;

fn binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_cadena-node"))
}

fn today() -> Day {
	let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
	day_of(now.as_millis() as u64)
}

fn tin(i: usize) -> String {
	format!("MXUPG0{i}0101AA{i}")
}

fn certificate_id(i: usize) -> Value {
	json!({"country": "MX", "number": format!("UPG-{i}")})
}

fn spec_version(version: &Value) -> Option<u64> {
	version["specVersion"].as_u64()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_council_upgrades_the_runtime_and_the_data_survives() -> Result<()> {
	let dir = tempfile::Builder::new().prefix("cadena-upgrade-").tempdir()?;
	let spec = local_spec_with_code(&binary(), 4, dir.path(), Some(RELEASED))?;
	let mut network =
		Network::start(&binary(), &spec.display().to_string(), 4, Some(dir.path())).await?;
	let result = scenario(&network).await;
	if result.is_err() {
		eprintln!("{}", network.logs(30));
	}
	result?;
	network.stop()
}

/// The `cadena_*` answers about the data the scenario put on chain, from `client`.
async fn snapshot(client: &WsClient) -> Result<Value> {
	let mut answers = Vec::new();
	for i in 0..TRADERS {
		let recognition: Value =
			client.request("cadena_recognition", rpc_params![tin(i), "CR"]).await?;
		let certificate: Value =
			client.request("cadena_certificate", rpc_params![certificate_id(i)]).await?;
		let history: Value =
			client.request("cadena_history", rpc_params![certificate_id(i)]).await?;
		answers.push(json!([recognition, certificate, history]));
	}
	let mras: Value = client.request("cadena_mras", rpc_params!["CR"]).await?;
	let page: Value =
		client.request("cadena_recognisedBy", rpc_params!["CR", Value::Null, 100]).await?;
	Ok(json!({"traders": answers, "mras": mras, "recognisedBy": page}))
}

/// Whether `events` hold the council's `Executed` with `result`.
fn executed(events: &Events, expected: Result<(), sp_runtime::DispatchError>) -> bool {
	events.iter().any(|e| {
		matches!(e, RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. })
			if *result == expected)
	})
}

async fn scenario(network: &Network) -> Result<()> {
	let long = Duration::from_secs(90);
	let clients = network.clients().await?;
	let mx = &clients[0];
	wait_until("block 2 finalized", long, || async {
		Ok((Rpc(mx).finalized().await?.1 >= 2).then_some(()))
	})
	.await?;
	let version: Value = mx.request("state_getRuntimeVersion", rpc_params![]).await?;
	ensure!(spec_version(&version) == Some(RELEASED_SPEC_VERSION), "started on {version}");

	let chain = Chain::new(mx).await?;
	let (alice, bob, charlie) = (dev_pair("//Alice"), dev_pair("//Bob"), dev_pair("//Charlie"));
	let (registrar, approver) = (dev_pair("//Alice//registrar"), dev_pair("//Alice//approver"));
	let integrator = dev_pair("//Alice//integrator");

	// Real data in every pallet: an officer added, traders, certificates, an
	// MRA in force between MX and CR.
	let auditor = dev_pair("//Alice//auditor");
	chain
		.execute(
			&alice,
			pallet_consortium::Call::add_officer {
				officer: auditor.public().into(),
				roles: Role::Auditor.into(),
			}
			.into(),
		)
		.await?;
	chain
		.execute(
			&alice,
			pallet_mra::Call::propose {
				name: b"MX-CR AEO MRA".to_vec(),
				parties: vec![MX, CR],
				scope: vec![AeoType::SecurityAndSafety],
				directions: None,
				effective_on: today(),
			}
			.into(),
		)
		.await?;
	chain.execute(&bob, pallet_mra::Call::sign { id: 0 }.into()).await?;
	for i in 0..TRADERS {
		let data = pallet_tin_registry::TraderData {
			legal_name: format!("Exportadora {i}").into_bytes(),
			trade_name: vec![],
			street: b"Av. Reforma 100".to_vec(),
			city: b"Ciudad de Mexico".to_vec(),
			postal_code: b"06600".to_vec(),
			region: b"MX-CMX".to_vec(),
			consent: i != 0,
		};
		chain
			.execute(
				&registrar,
				pallet_tin_registry::Call::register { tin: tin(i).into_bytes(), data }.into(),
			)
			.await?;
		let certificate = pallet_aeo_certificates::NewCertificate {
			number: format!("UPG-{i}").into_bytes(),
			data: pallet_aeo_certificates::CertificateData {
				holder: tin(i).into_bytes(),
				aeo_type: AeoType::SecurityAndSafety,
				roles: vec![OperatorRole::Exporter].try_into().unwrap(),
				authorized_on: today() - 1,
			},
			expires_on: today() + 365,
		};
		chain
			.execute(&approver, pallet_aeo_certificates::Call::grant { certificate }.into())
			.await?;
	}
	let cr = &clients[1];
	let before = snapshot(cr).await?;
	// `cadena_member` is new in this tree's runtime (`CadenaApi` version 2).
	let old: Result<Value, _> = cr.request("cadena_member", rpc_params!["MX"]).await;
	ensure!(old.is_err(), "the released runtime answered cadena_member: {old:?}");
	ensure!(before["traders"][1][0]["recognised"] == true, "not recognised: {before}");
	ensure!(before["traders"][0][0]["reason"] == "NoConsent", "consent ignored: {before}");

	// An upgrade applied without authorization is refused, and no key reaches
	// the root-only `set_code`.
	let code = cadena_runtime::WASM_BINARY.context("the node's runtime Wasm")?.to_vec();
	let code_hash = BlakeTwo256::hash(&code);
	let apply: RuntimeCall =
		frame_system::Call::apply_authorized_upgrade { code: code.clone() }.into();
	let refused = chain.execute(&integrator, apply.clone()).await.unwrap_err();
	ensure!(format!("{refused:#}").contains("NothingAuthorized"), "{refused:#}");
	let refused = chain
		.execute(&alice, frame_system::Call::set_code { code: code.clone() }.into())
		.await
		.unwrap_err();
	ensure!(format!("{refused:#}").contains("BadOrigin"), "{refused:#}");

	// Two of four seats do not authorize it.
	let authorize: RuntimeCall = pallet_consortium::Call::authorize_upgrade { code_hash }.into();
	let events = chain.council_motion(&alice, &[&alice, &bob], 2, authorize.clone()).await?;
	ensure!(executed(&events, Err(sp_runtime::DispatchError::BadOrigin)), "{events:?}");
	let refused = chain.execute(&integrator, apply.clone()).await.unwrap_err();
	ensure!(format!("{refused:#}").contains("NothingAuthorized"), "{refused:#}");

	// Three of four do; then anyone applies the code.
	let started = Instant::now();
	let events = chain.council_motion(&alice, &[&alice, &bob, &charlie], 3, authorize).await?;
	ensure!(executed(&events, Ok(())), "motion not executed: {events:?}");
	let voted = started.elapsed();
	let events = chain.execute(&integrator, apply).await?;
	ensure!(
		events
			.iter()
			.any(|e| matches!(e, RuntimeEvent::System(frame_system::Event::CodeUpdated { .. }))),
		"no CodeUpdated in {events:?}"
	);
	let new_version = u64::from(cadena_runtime::VERSION.spec_version);
	ensure!(new_version > RELEASED_SPEC_VERSION, "the tree's runtime is not newer");
	for client in &clients {
		wait_until("the new runtime version", long, || async {
			let version: Value = client.request("state_getRuntimeVersion", rpc_params![]).await?;
			Ok((spec_version(&version) == Some(new_version)).then_some(()))
		})
		.await?;
	}
	let upgraded = started.elapsed();
	println!(
		"motion passed in {:.1} s; new runtime on all 4 nodes {:.1} s after the motion was proposed",
		voted.as_secs_f64(),
		upgraded.as_secs_f64()
	);

	// Every node keeps producing and finalizing blocks.
	let mut heights = Vec::new();
	for client in &clients {
		heights.push(Rpc(client).finalized().await?.1);
	}
	for (client, height) in clients.iter().zip(heights) {
		wait_until("5 more finalized blocks", long, || async {
			Ok((Rpc(client).finalized().await?.1 >= height + 5).then_some(()))
		})
		.await?;
	}

	// The migration ran: the consortium's layout is version 1, and the
	// officers index holds each administration's officers.
	let (finalized, _) = Rpc(cr).finalized().await?;
	let chain_cr = Chain::new(cr).await?;
	let pairs = chain_cr.storage_pairs(&finalized).await?;
	let mut ext = sp_io::TestExternalities::new(sp_core::storage::Storage {
		top: pairs.into_iter().collect(),
		children_default: Default::default(),
	});
	ext.execute_with(|| -> Result<()> {
		type Consortium = pallet_consortium::Pallet<Runtime>;
		ensure!(
			Consortium::on_chain_storage_version() == StorageVersion::new(1),
			"{} storage version {:?}",
			Consortium::name(),
			Consortium::on_chain_storage_version()
		);
		let officers = pallet_consortium::OfficersOf::<Runtime>::get(MX);
		ensure!(officers.len() == 5, "MX officers {officers:?}");
		ensure!(officers.contains(&auditor.public().into()), "the added auditor is missing");
		let record = pallet_consortium::Officers::<Runtime>::get(cadena_runtime::AccountId::from(
			auditor.public(),
		));
		ensure!(record.map(|r| r.roles) == Some(Roles::from(Role::Auditor)), "{record:?}");
		// Every pallet's invariants hold on the migrated state.
		let check = |name: &str, result: Result<(), sp_runtime::TryRuntimeError>| {
			result.map_err(|e| anyhow!("{name} try_state: {e:?}"))
		};
		check("consortium", Consortium::do_try_state())?;
		check("tin-registry", pallet_tin_registry::Pallet::<Runtime>::do_try_state())?;
		check("aeo-certificates", pallet_aeo_certificates::Pallet::<Runtime>::do_try_state())?;
		check("mra", pallet_mra::Pallet::<Runtime>::do_try_state())?;
		Ok(())
	})?;

	// The data reads back the same through the `cadena_*` RPC, on every node,
	// and the migrated officers too.
	let auditor_account = cadena_runtime::AccountId::from(auditor.public()).to_string();
	for client in &clients {
		let member: Value = client.request("cadena_member", rpc_params!["MX"]).await?;
		let officers = member["officers"].as_array().context("officers")?;
		ensure!(member["status"] == "Active" && officers.len() == 5, "{member}");
		ensure!(
			officers.contains(&json!({"account": auditor_account, "roles": ["Auditor"]})),
			"the auditor is missing: {member}"
		);
		let after = snapshot(client).await?;
		ensure!(after == before, "after the upgrade:\n{after}\nbefore:\n{before}");
	}

	// And the chain works on the new runtime: MX suspends a certificate and
	// CR's node says so.
	let chain = Chain::new(mx).await?;
	ensure!(u64::from(chain.spec_version()) == new_version, "signing for the old version");
	chain
		.execute(
			&approver,
			pallet_aeo_certificates::Call::suspend {
				id: cadena_primitives::CertificateId::new(MX, b"UPG-1").unwrap(),
				code: 12,
				reason: b"audit".to_vec(),
			}
			.into(),
		)
		.await?;
	let answer: Value = cr.request("cadena_recognition", rpc_params![tin(1), "CR"]).await?;
	ensure!(answer["reason"] == "CertificateSuspended", "{answer}");
	Ok(())
}
