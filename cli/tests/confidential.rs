//! Confidential trader data end to end, on a real 3-validator network (MX,
//! CR, PE), driven with `cadena` as the administrations and a trader would:
//! - MX imports 300 traders, each record sealed for MX alone; an MRA MX–CR
//!   enters into force and MX's `cadena share` wraps every record for CR;
//!   CR decrypts them (`show`, `export`); PE, with no MRA, gets ciphertext
//!   only and `cadena` says it is not entitled;
//! - no storage value and no event of the run holds a name imported;
//! - an MRA MX–PE enters into force while `cadena share --follow` runs: PE
//!   holds every wrap within 30 s and decrypts;
//! - the trader links its account, publishes its key and reads its own
//!   record; a JavaScript client (`@polkadot/api` and an HPKE package)
//!   decrypts it too;
//! - the trader withdraws its consent: CR's and PE's wraps are gone in that
//!   very block, and the next version of the record is unreadable to them.

mod common;

use std::{
	path::{Path, PathBuf},
	process::Stdio,
	time::{Duration, Instant},
};

use anyhow::{ensure, Context, Result};
use cadena_testnet::{node_binary, Network, Rpc};
use common::{cadena, stderr, stdout_json};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use serde_json::Value;

const MX_ADMIN: &str = "//Alice";
/// Registrar and Approver of Mexico: imports and links.
const MX_REGISTRAR: &str = "//Alice//integrator";
/// Another Registrar of Mexico: shares (its own nonces, beside the imports).
const MX_SHARER: &str = "//Alice//registrar";
const CR_ADMIN: &str = "//Bob";
const PE_ADMIN: &str = "//Charlie";
const TRADER: &str = "//Zafiro";
const TRADERS: usize = 300;
/// In every name imported, and nowhere else.
const MARKER: &str = "Zafiro";
/// `cadena`'s exit status when the reader may not read the record.
const NOT_ENTITLED: i32 = 5;

fn date(offset: i64) -> String {
	let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
	let today = cadena_primitives::day_of(now.as_millis() as u64) as i64;
	let (y, m, d) = cadena_primitives::date_of((today + offset) as cadena_primitives::Day);
	format!("{y:04}-{m:02}-{d:02}")
}

fn tin(n: usize) -> String {
	format!("MXZAF{n:06}")
}

fn legal_name(n: usize) -> String {
	format!("Exportadora {MARKER} {n:03} S.A. de C.V.")
}

/// The register: `TRADERS` consenting traders with a certificate each;
/// trader 0's legal name as given.
fn register(dir: &Path, first_name: &str) -> Result<PathBuf> {
	let mut text = String::from(
		"tin,legal_name,trade_name,street,city,postal_code,region,consent,authorization_number,aeo_type,roles,authorized_on,expires_on\n",
	);
	for n in 0..TRADERS {
		let name = if n == 0 { first_name.to_string() } else { legal_name(n) };
		text.push_str(&format!(
			"{},{name},Marca {MARKER} {n},Av. Reforma {n},Ciudad de México,06600,MX-CMX,yes,ZAF-{n},AEOS,exporter,{},{}\n",
			tin(n),
			date(-30),
			date(365),
		));
	}
	let path = dir.join("register.csv");
	std::fs::write(&path, text)?;
	Ok(path)
}

/// Mexico imports `file`, sealing with its key.
async fn import(url: &str, file: &Path, key: &str) -> Result<Value> {
	let file = file.to_str().unwrap();
	ok(url, &["import", "--file", file, "--suri", MX_REGISTRAR, "--encryption-key-file", key]).await
}

/// A command that must succeed: its JSON.
async fn ok(url: &str, args: &[&str]) -> Result<Value> {
	let output = cadena(url, &[args, &["--json"]].concat()).await?;
	ensure!(output.status.success(), "cadena {args:?} failed: {}", stderr(&output));
	stdout_json(&output)
}

/// `show` of `tin` as `reader` with `key`: the record's JSON, or the exit
/// status and the error.
/// MX's Registrar suspends certificate `number` with code 12 and `reason`,
/// sealed with MX's key file: the JSON outcome.
async fn suspend_with_reason(url: &str, number: &str, reason: &str, key: &str) -> Result<Value> {
	let args = ["suspend", number, "--code", "12", "--reason", reason, "--suri", MX_REGISTRAR];
	let sealing = ["--encryption-key-file", key];
	ok(url, &args.iter().chain(&sealing).copied().collect::<Vec<_>>()).await
}

async fn show(url: &str, tin: &str, reader: &str, key: &Path) -> Result<Result<Value, String>> {
	let key = key.to_str().unwrap();
	let args = ["show", tin, "--reader", reader, "--encryption-key-file", key, "--json"];
	let output = cadena(url, &args).await?;
	if output.status.success() {
		return Ok(Ok(stdout_json(&output)?));
	}
	ensure!(
		output.status.code() == Some(NOT_ENTITLED),
		"cadena {args:?}: status {:?}: {}",
		output.status.code(),
		stderr(&output)
	);
	Ok(Err(stderr(&output)))
}

async fn record(client: &WsClient, tin: &str, reader: &str, at: Option<&str>) -> Result<Value> {
	Ok(client.request("cadena_confidentialRecord", rpc_params![tin, reader, at]).await?)
}

async fn generate_and_publish(url: &str, dir: &Path, name: &str, suri: &str) -> Result<PathBuf> {
	let file = dir.join(format!("{name}.key"));
	ok(url, &["encryption-key", "generate", "--out", file.to_str().unwrap()]).await?;
	ok(url, &["encryption-key", "publish", "--file", file.to_str().unwrap(), "--suri", suri])
		.await?;
	Ok(file)
}

/// An MRA between MX and `partner`, in force.
async fn mra_in_force(url: &str, partner: &str, partner_admin: &str) -> Result<()> {
	let parties = format!("MX,{partner}");
	let name = format!("MX-{partner} AEO MRA");
	let proposed = ok(
		url,
		&[
			"mra",
			"propose",
			"--name",
			&name,
			"--parties",
			&parties,
			"--scope",
			"AEOS",
			"--suri",
			MX_ADMIN,
		],
	)
	.await?;
	let id = proposed["mra"]["id"].as_u64().context("the MRA's number")?.to_string();
	let signed =
		ok(url, &["mra", "sign", &id, "--motion", "enter-into-force", "--suri", partner_admin])
			.await?;
	ensure!(signed["mra"]["status"] == "in force", "{signed}");
	Ok(())
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_entitled_read_a_traders_record() -> Result<()> {
	let mut network = Network::start(&node_binary()?, "local", 3, None).await?;
	let result = scenario(&network).await;
	if result.is_err() {
		eprintln!("{}", network.logs(20));
	}
	result?;
	network.stop()
}

async fn scenario(network: &Network) -> Result<()> {
	let url = network.nodes[0].config.rpc_url();
	let url = url.as_str();
	let client = network.nodes[1].client().await?;
	let dir = tempfile::tempdir()?;
	let path = dir.path();

	// Each administration's key, and the trader's.
	let mx_key = generate_and_publish(url, path, "mx", MX_ADMIN).await?;
	let cr_key = generate_and_publish(url, path, "cr", CR_ADMIN).await?;
	let pe_key = generate_and_publish(url, path, "pe", PE_ADMIN).await?;

	// MX imports 300 traders: every record sealed, for MX alone so far.
	let started = Instant::now();
	let file = register(path, &legal_name(0))?;
	let mx_key_arg = mx_key.to_str().unwrap();
	let imported = import(url, &file, mx_key_arg).await?;
	println!("import of {TRADERS} sealed records: {:.1} s", started.elapsed().as_secs_f64());
	ensure!(imported["sealed"] == TRADERS, "{imported}");
	let mine = show(url, &tin(7), "MX", &mx_key).await?.map_err(anyhow::Error::msg)?;
	ensure!(mine["legalName"] == legal_name(7), "{mine}");

	// MX–CR in force; MX shares: CR decrypts every record.
	mra_in_force(url, "CR", CR_ADMIN).await?;
	let shared =
		ok(url, &["share", "--suri", MX_SHARER, "--encryption-key-file", mx_key_arg]).await?;
	println!("share to CR: {shared}");
	for n in 0..TRADERS {
		let answer = record(&client, &tin(n), "CR", None).await?;
		ensure!(!answer["wrap"].is_null(), "CR has no wrap of {}: {answer}", tin(n));
	}
	for n in [0, 150, 299] {
		let theirs = show(url, &tin(n), "CR", &cr_key).await?.map_err(anyhow::Error::msg)?;
		ensure!(theirs["legalName"] == legal_name(n), "{theirs}");
	}
	// A suspension's reason is sealed under the holder's record: CR reads
	// it, PE does not. (The record is sealable: no reseal goes first.)
	let reason = format!("{MARKER}: investigación de fraude");
	let suspended = suspend_with_reason(url, "ZAF-9", &reason, mx_key_arg).await?;
	ensure!(suspended["call"] == "AeoCertificates.suspend", "{suspended}");
	ensure!(suspended["certificate"]["sealedReason"].is_string(), "{suspended}");
	ensure!(
		reasons(url, "ZAF-9", "CR", &cr_key).await?.last() == Some(&Value::from(reason.as_str()))
	);
	ensure!(reasons(url, "ZAF-9", "PE", &pe_key).await?.iter().all(Value::is_null));
	// PE, no MRA: ciphertext only, and told so.
	let refused = show(url, &tin(7), "PE", &pe_key).await?;
	let message = refused.err().context("PE read a record it is not entitled to")?;
	ensure!(message.contains("not entitled"), "{message}");
	let answer = record(&client, &tin(7), "PE", None).await?;
	ensure!(answer["entitled"] == false && answer["wrap"].is_null(), "{answer}");
	// `verify` with a key names the holder, or says why it cannot.
	let pe_key_arg = pe_key.to_str().unwrap();
	let output = cadena(
		url,
		&["verify", &tin(7), "--by", "PE", "--encryption-key-file", pe_key_arg, "--json"],
	)
	.await?;
	let verified = stdout_json(&output)?;
	ensure!(verified["holderUnreadable"]["reason"] == "notEntitled", "{verified}");
	let cr_key_arg = cr_key.to_str().unwrap();
	let output = cadena(
		url,
		&["verify", &tin(7), "--by", "CR", "--encryption-key-file", cr_key_arg, "--json"],
	)
	.await?;
	let verified = stdout_json(&output)?;
	ensure!(verified["recognised"] == true, "{verified}");
	ensure!(verified["holderName"] == legal_name(7), "{verified}");
	ensure!(answer["ciphertext"].as_str().is_some_and(|c| c.len() > 100), "{answer}");

	// MX–PE enters into force while MX's `share --follow` runs: PE holds
	// every wrap within 30 s.
	let mut follower = tokio::process::Command::new(env!("CARGO_BIN_EXE_cadena"))
		.args(["--url", url, "share", "--follow", "--interval", "2", "--suri", MX_SHARER])
		.args(["--encryption-key-file", mx_key_arg])
		.env("LANG", "C.UTF-8")
		.stdout(Stdio::null())
		.stderr(Stdio::piped())
		.kill_on_drop(true)
		.spawn()?;
	mra_in_force(url, "PE", PE_ADMIN).await?;
	let in_force = Instant::now();
	loop {
		let mut missing = 0;
		let at = finalized(&client).await?;
		for n in 0..TRADERS {
			if record(&client, &tin(n), "PE", Some(&at)).await?["wrap"].is_null() {
				missing += 1;
			}
		}
		if missing == 0 {
			break;
		}
		ensure!(
			in_force.elapsed() < Duration::from_secs(30),
			"PE still misses {missing} wraps 30 s after the MRA entered into force"
		);
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
	println!(
		"PE holds every wrap {:.1} s after entry into force",
		in_force.elapsed().as_secs_f64()
	);
	let theirs = show(url, &tin(42), "PE", &pe_key).await?.map_err(anyhow::Error::msg)?;
	ensure!(theirs["legalName"] == legal_name(42), "{theirs}");

	// The trader links its account and publishes its key: `share` wraps its
	// record for it, and it reads it; so does a JavaScript client.
	let request = path.join("link-request.json");
	let request = request.to_str().unwrap();
	let asked =
		cadena(url, &["tin", "link-request", &tin(0), "--suri", TRADER, "--out", request]).await?;
	ensure!(asked.status.success(), "{}", stderr(&asked));
	ok(url, &["tin", "link", request, "--suri", MX_REGISTRAR]).await?;
	let trader_key = generate_and_publish(url, path, "trader", TRADER).await?;
	let trader = cadena_testnet::chain::dev_pair(TRADER);
	let account = sp_core::crypto::Ss58Codec::to_ss58check(&sp_core::Pair::public(&trader));
	wait_for_wrap(&client, &tin(0), &account).await?;
	let own = show(url, &tin(0), &account, &trader_key).await?.map_err(anyhow::Error::msg)?;
	ensure!(own["legalName"] == legal_name(0), "{own}");
	javascript_decrypts(url, &tin(0), &account, &trader_key, &legal_name(0))?;

	// The trader withdraws its consent: CR's and PE's wraps are gone in the
	// block that withdrew it.
	let withdrawn = ok(url, &["consent", "withdraw", "--suri", TRADER]).await?;
	let block = withdrawn["block"].as_str().context("the block of the withdrawal")?.to_string();
	let parent = parent_of(&client, &block).await?;
	for reader in ["CR", "PE"] {
		let before = record(&client, &tin(0), reader, Some(&parent)).await?;
		ensure!(!before["wrap"].is_null(), "{reader} had no wrap before: {before}");
		let after = record(&client, &tin(0), reader, Some(&block)).await?;
		ensure!(after["wrap"].is_null() && after["entitled"] == false, "{reader}: {after}");
	}
	// A reason after the withdrawal: CR and PE held the record's data key,
	// so `cadena` seals a new version first, in the same batch, and shares
	// it with the trader's account; the reason is unreadable to CR, readable
	// to MX and to the trader.
	let reason = format!("{MARKER}: tras el retiro");
	let suspended = suspend_with_reason(url, "ZAF-0", &reason, mx_key_arg).await?;
	ensure!(suspended["call"] == "Utility.batch_all", "no new version first: {suspended}");
	ensure!(record(&client, &tin(0), "MX", None).await?["version"] == 2);
	ensure!(reasons(url, "ZAF-0", "CR", &cr_key).await?.iter().all(Value::is_null));
	let expected = Value::from(reason.as_str());
	ensure!(reasons(url, "ZAF-0", "MX", &mx_key).await?.last() == Some(&expected));
	wait_for_wrap(&client, &tin(0), &account).await?;
	ensure!(reasons(url, "ZAF-0", &account, &trader_key).await?.last() == Some(&expected));
	// The next version (a new name) is unreadable to them; the trader reads it.
	let renamed = format!("Exportadora {MARKER} Renombrada S.A.");
	let file = register(path, &renamed)?;
	let reimported = import(url, &file, mx_key_arg).await?;
	ensure!(reimported["sealed"] == 1, "only the renamed trader is sealed again: {reimported}");
	for (reader, key) in [("CR", &cr_key), ("PE", &pe_key)] {
		let refused = show(url, &tin(0), reader, key).await?;
		ensure!(refused.is_err(), "{reader} reads the new version: {refused:?}");
	}
	wait_for_wrap(&client, &tin(0), &account).await?;
	let own = show(url, &tin(0), &account, &trader_key).await?.map_err(anyhow::Error::msg)?;
	ensure!(own["legalName"] == renamed && own["version"] == 3, "{own}");
	follower.kill().await?;

	// No storage value and no event of the run holds a name imported.
	no_plaintext_anywhere(&client).await?;
	Ok(())
}

/// The reasons of MX's certificate `number` as `reader` opens them with
/// `key` (`null` where it cannot, or there is none).
async fn reasons(url: &str, number: &str, reader: &str, key: &Path) -> Result<Vec<Value>> {
	let key = key.to_str().unwrap();
	let args = ["history", number, "--country", "MX", "--reader", reader];
	let history = ok(url, &[&args[..], &["--encryption-key-file", key]].concat()).await?;
	let reasons = history["reasons"].as_array().context("reasons")?.clone();
	ensure!(reasons.len() == history["entries"].as_array().map_or(0, Vec::len), "{history}");
	Ok(reasons)
}

async fn parent_of(client: &WsClient, hash: &str) -> Result<String> {
	let header: Value = client.request("chain_getHeader", rpc_params![hash]).await?;
	Ok(header["parentHash"].as_str().context("a parent hash")?.to_string())
}

/// Waits until `reader` holds a wrap of `tin`'s record at the finalized
/// block (what `cadena` reads).
async fn wait_for_wrap(client: &WsClient, tin: &str, reader: &str) -> Result<()> {
	cadena_testnet::wait_until("the trader's wrap", Duration::from_secs(30), || async {
		let at = finalized(client).await?;
		Ok((!record(client, tin, reader, Some(&at)).await?["wrap"].is_null()).then_some(()))
	})
	.await
}

async fn finalized(client: &WsClient) -> Result<String> {
	Ok(client.request("chain_getFinalizedHead", rpc_params![]).await?)
}

/// `tests/js/envelope.mjs --chain`: `@polkadot/api` reads the record and
/// the wrap, an HPKE package opens them.
fn javascript_decrypts(url: &str, tin: &str, reader: &str, key: &Path, name: &str) -> Result<()> {
	let js = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/js");
	let output = std::process::Command::new("node")
		.args(["envelope.mjs", "--chain", url, tin, reader, key.to_str().unwrap()])
		.current_dir(&js)
		.output()
		.context("running node (Node.js)")?;
	let stdout = String::from_utf8_lossy(&output.stdout);
	ensure!(
		output.status.success(),
		"envelope.mjs failed: {stdout}{}",
		String::from_utf8_lossy(&output.stderr)
	);
	let plaintext: Value = serde_json::from_str(stdout.trim())?;
	ensure!(plaintext["legalName"] == name, "{plaintext}");
	Ok(())
}

/// Every storage value at the best block, and the events of every block
/// since genesis: none holds the marker every name imported has.
async fn no_plaintext_anywhere(client: &WsClient) -> Result<()> {
	let chain = cadena_testnet::chain::Chain::new(client).await?;
	let (best, number) = Rpc(client).best().await?;
	let marker = MARKER.as_bytes();
	let holds = |bytes: &[u8]| bytes.windows(marker.len()).any(|w| w == marker);
	let pairs = chain.storage_pairs(&best).await?;
	ensure!(pairs.len() > TRADERS, "only {} storage items", pairs.len());
	for (key, value) in &pairs {
		ensure!(!holds(value), "storage item 0x{} holds a name", hex::encode(key));
	}
	// The state a certificate and its trader take: keys and values of the
	// certificates, the registry and the confidential records with their
	// wraps (MX, CR and PE read every record; one trader reads its own).
	let per_pallet = |pallet: &str| -> usize {
		let prefix =
			<frame_support::Twox128 as frame_support::StorageHasher>::hash(pallet.as_bytes());
		pairs.iter().filter(|(k, _)| k.starts_with(&prefix)).map(|(k, v)| k.len() + v.len()).sum()
	};
	let pallets = ["AeoCertificates", "TinRegistry", "Confidential"];
	let bytes: usize = pallets.iter().map(|p| per_pallet(p)).sum();
	let per_certificate = bytes / TRADERS;
	let each: Vec<String> =
		pallets.iter().map(|p| format!("{p} {}", per_pallet(p) / TRADERS)).collect();
	// A fourth administration reading every record adds one entry to each
	// record's wraps (one storage item): the reader (3 bytes), the key the
	// wrap was made for (32) and the wrap (80).
	let with_four = per_certificate + 1 + 2 + 32 + 80;
	println!(
		"state per certificate with its trader: {per_certificate} bytes with 3 readers ({}), \
		 {with_four} with 4",
		each.join(", ")
	);
	ensure!(with_four <= 1536, "{with_four} bytes per certificate with 4 readers");
	let events = cadena_testnet::chain::value_key("System", "Events");
	for n in 1..=number {
		let hash: String = client.request("chain_getBlockHash", rpc_params![n]).await?;
		let raw: Option<String> = client
			.request("state_getStorage", rpc_params![format!("0x{}", hex::encode(&events)), hash])
			.await?;
		let raw = cadena_testnet::chain::from_hex(&raw.unwrap_or_default()).unwrap_or_default();
		ensure!(!holds(&raw), "an event of block {n} holds a name");
	}
	println!("{} storage items and the events of {number} blocks: no name", pairs.len());
	Ok(())
}
