//! On a real 4-validator local network (MX, CR, PE, CO) started on the last
//! released runtime (`runtime/releases/`), with traders, certificates, an
//! MRA proposed and one terminated: an upgrade applied without authorization
//! is refused, a 2/4 council motion does not authorize one, a 3/4 motion
//! does, and anyone then applies the code of this tree's runtime. Every node
//! runs the new version, keeps producing and finalizing blocks, the storage
//! migration has run, the data reads back the same through the `cadena_*`
//! RPC, every pallet's invariants hold on the migrated state, and the MRA
//! proposed before is signed with the new runtime's call and enters into
//! force.

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
	include_bytes!("../../runtime/releases/cadena-runtime-102.compact.compressed.wasm");
const RELEASED_SPEC_VERSION: u64 = 102;

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
/// `snapshot` as it reads once the reasons' texts in clear are dropped.
fn without_reason_texts(mut value: Value) -> Value {
	match &mut value {
		Value::Object(map) => {
			for (key, item) in map.iter_mut() {
				*item = if key == "sealedReason" {
					Value::Null
				} else {
					without_reason_texts(item.take())
				};
			}
		}
		Value::Array(items) => {
			for item in items.iter_mut() {
				*item = without_reason_texts(item.take());
			}
		}
		_ => {}
	}
	value
}

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
	// Terminated MRAs leave the list in runtime 103 (they are archived).
	let mras: Value = client.request("cadena_mras", rpc_params!["CR"]).await?;
	let mras: Vec<&Value> =
		mras.as_array().context("MRAs")?.iter().filter(|m| m["status"] != "Terminated").collect();
	let page: Value =
		client.request("cadena_recognisedBy", rpc_params!["CR", Value::Null, 100]).await?;
	Ok(json!({"traders": answers, "mras": mras, "recognisedBy": page}))
}

/// The released runtime's `TinRegistry.register` of trader `i`, as it
/// encoded it: with the trader's name and address in plain.
fn released_register(i: usize) -> Vec<u8> {
	#[derive(codec::Encode)]
	struct TraderData {
		legal_name: Vec<u8>,
		trade_name: Vec<u8>,
		street: Vec<u8>,
		city: Vec<u8>,
		postal_code: Vec<u8>,
		region: Vec<u8>,
		consent: bool,
	}
	let data = TraderData {
		legal_name: format!("{PLAINTEXT} {i}").into_bytes(),
		trade_name: vec![],
		street: b"Av. Reforma 100".to_vec(),
		city: b"Ciudad de Mexico".to_vec(),
		postal_code: b"06600".to_vec(),
		region: b"MX-CMX".to_vec(),
		consent: i != 0,
	};
	// TinRegistry is pallet 12, `register` its call 0.
	codec::Encode::encode(&(12u8, 0u8, tin(i).into_bytes(), data))
}

/// `Mra.propose` as the released runtime takes it: without benefits.
fn released_propose(name: &[u8]) -> Vec<u8> {
	let scope = vec![AeoType::SecurityAndSafety];
	let directions: Option<Vec<(CountryCode, CountryCode)>> = None;
	// Mra is pallet 14, `propose` its call 0.
	codec::Encode::encode(&(14u8, 0u8, name.to_vec(), vec![MX, CR], scope, directions, today()))
}

/// In every name the released runtime stored, and nowhere else.
const PLAINTEXT: &str = "Exportadora Confidencial";

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
	// MRA between MX and CR proposed (signed after the upgrade, with the new
	// `sign` that names its motion), and one terminated.
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
	for name in [&b"MX-CR AEO MRA"[..], b"withdrawn"] {
		chain.execute_encoded(&alice, &released_propose(name)).await?;
	}
	chain.execute(&bob, pallet_mra::Call::terminate { id: 1 }.into()).await?;
	for i in 0..TRADERS {
		chain.execute_encoded(&registrar, &released_register(i)).await?;
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
	// A suspension with its reason in clear, as the released runtime kept
	// it: the upgrade drops the text and keeps the code.
	chain
		.execute(
			&approver,
			pallet_aeo_certificates::Call::suspend {
				id: cadena_primitives::CertificateId::new(MX, b"UPG-4").unwrap(),
				code: 12,
				reason: format!("{PLAINTEXT}: fraude").into_bytes(),
			}
			.into(),
		)
		.await?;
	let cr = &clients[1];
	let before = snapshot(cr).await?;
	ensure!(before["traders"][4][1]["sealedReason"].is_string(), "{before}");
	let before = without_reason_texts(before);
	ensure!(before["traders"][1][0]["reason"] == "MraNotInForce", "{before}");
	let listed: Value = cr.request("cadena_mras", rpc_params!["CR"]).await?;
	ensure!(listed.as_array().map(Vec::len) == Some(2), "both MRAs listed before: {listed}");

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

	// The migrations ran: the MRA pallet's layout is version 2, its index
	// holds the live MRA and the archive the terminated one; the officers
	// index still holds each administration's officers; the TIN registry's
	// is version 1, and no trader's name is left in any storage value.
	let (finalized, _) = Rpc(cr).finalized().await?;
	let chain_cr = Chain::new(cr).await?;
	let pairs = chain_cr.storage_pairs(&finalized).await?;
	let plaintext = PLAINTEXT.as_bytes();
	for (key, value) in &pairs {
		ensure!(
			!value.windows(plaintext.len()).any(|w| w == plaintext),
			"a name or a reason in clear is left in storage item 0x{}",
			hex::encode(key)
		);
	}
	let mut ext = sp_io::TestExternalities::new(sp_core::storage::Storage {
		top: pairs.into_iter().collect(),
		children_default: Default::default(),
	});
	ext.execute_with(|| -> Result<()> {
		type Consortium = pallet_consortium::Pallet<Runtime>;
		type Mra = pallet_mra::Pallet<Runtime>;
		ensure!(
			Mra::on_chain_storage_version() == StorageVersion::new(3),
			"{} storage version {:?}",
			Mra::name(),
			Mra::on_chain_storage_version()
		);
		type Registry = pallet_tin_registry::Pallet<Runtime>;
		ensure!(
			Registry::on_chain_storage_version() == StorageVersion::new(1),
			"{} storage version {:?}",
			Registry::name(),
			Registry::on_chain_storage_version()
		);
		ensure!(pallet_tin_registry::Traders::<Runtime>::iter().count() == TRADERS, "traders lost");
		type Certificates = pallet_aeo_certificates::Pallet<Runtime>;
		ensure!(
			Certificates::on_chain_storage_version() == StorageVersion::new(1),
			"{} storage version {:?}",
			Certificates::name(),
			Certificates::on_chain_storage_version()
		);
		for country in [MX, CR] {
			let live = pallet_mra::MrasOf::<Runtime>::get(country).into_inner();
			ensure!(live == vec![0], "{country:?} live MRAs {live:?}");
			ensure!(pallet_mra::Archived::<Runtime>::contains_key(country, 1), "not archived");
		}
		let open = pallet_mra::OpenProposals::<Runtime>::get(MX).into_inner();
		ensure!(open == vec![0], "MX's open proposals {open:?}");
		// The MRAs from before benefits grant nothing yet, and say so.
		for (issuer, recogniser) in [(MX, CR), (CR, MX)] {
			let set = pallet_mra::Pallet::<Runtime>::benefits_of(0, issuer, recogniser);
			ensure!(set == Default::default(), "{issuer:?}→{recogniser:?} benefits {set:?}");
			ensure!(
				pallet_mra::Benefits::<Runtime>::contains_key(0, (issuer, recogniser)),
				"the migration left {issuer:?}→{recogniser:?} without its set"
			);
		}
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
		let mut after = snapshot(client).await?;
		// The one change the upgrade makes to what the RPC reads: the MRA
		// from before benefits shows each direction's set, empty at version 0.
		let benefits = after["mras"][0]["benefits"].take();
		let none_agreed = |issuer: &str, recogniser: &str| json!({"issuer": issuer, "recogniser": recogniser, "version": 0, "grants": [], "scheduled": null});
		ensure!(
			benefits == json!([none_agreed("CR", "MX"), none_agreed("MX", "CR")]),
			"{benefits}"
		);
		after["mras"][0]["benefits"] = json!([]);
		ensure!(after == before, "after the upgrade:\n{after}\nbefore:\n{before}");
	}

	let listed: Value = cr.request("cadena_mras", rpc_params!["CR"]).await?;
	ensure!(listed.as_array().map(Vec::len) == Some(1), "the terminated MRA is listed: {listed}");

	// And the chain works on the new runtime: CR signs the MRA naming the
	// motion, it enters into force, MX suspends a certificate and CR's node
	// says so.
	let chain = Chain::new(mx).await?;
	ensure!(u64::from(chain.spec_version()) == new_version, "signing for the old version");
	chain
		.execute(
			&bob,
			pallet_mra::Call::sign { id: 0, motion: pallet_mra::MotionKind::EnterIntoForce }.into(),
		)
		.await?;
	let answer: Value = cr.request("cadena_recognition", rpc_params![tin(1), "CR"]).await?;
	ensure!(answer["recognised"] == true, "{answer}");
	let answer: Value = cr.request("cadena_recognition", rpc_params![tin(0), "CR"]).await?;
	ensure!(answer["reason"] == "NoConsent", "consent ignored: {answer}");
	chain
		.execute(
			&approver,
			pallet_aeo_certificates::Call::suspend {
				id: cadena_primitives::CertificateId::new(MX, b"UPG-1").unwrap(),
				code: 12,
				reason: Vec::new(),
			}
			.into(),
		)
		.await?;
	let answer: Value = cr.request("cadena_recognition", rpc_params![tin(1), "CR"]).await?;
	ensure!(answer["reason"] == "CertificateSuspended", "{answer}");
	Ok(())
}
