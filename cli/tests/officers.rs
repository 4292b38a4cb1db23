//! The officers' and traders' commands of `cadena` on a real 4-validator
//! network (MX, CR, PE, CO), each family driven as its users would, with
//! its refusals in words:
//! - TINs: a Registrar registers a TIN and seals its trader's record with
//!   its administration's published encryption key, and updates the record
//!   (sealed anew); a trader signs a link request that the Registrar
//!   submits; the trader withdraws and gives its consent; the Registrar
//!   closes and reopens the TIN;
//! - certificates: an Approver grants, a Registrar amends;
//! - MRAs: Mexico proposes one with Costa Rica, Costa Rica signs, it is in
//!   force; Peru joins; it is suspended, resumed and terminated;
//! - Mexico suspends a certificate with a key exported from polkadot.js,
//!   and Costa Rica's `verify` says so; it reinstates, renews, revokes;
//! - the council admits Guatemala by 3 of 4 (families/council.rs).

mod common;
#[path = "families/council.rs"]
mod council;

use std::process::Output;

use anyhow::{ensure, Context, Result};
use cadena_testnet::{node_binary, Network};
use common::{cadena, stderr, stdout_json};
use serde_json::Value;

const MX_ADMIN: &str = "//Alice";
const CR_ADMIN: &str = "//Bob";
const PE_ADMIN: &str = "//Charlie";
const MX_REGISTRAR: &str = "//Alice//registrar";
const MX_APPROVER: &str = "//Alice//approver";
const CR_REGISTRAR: &str = "//Bob//registrar";
const TRADER: &str = "//Exportadora";
const TIN: &str = "MXEAN010101AB1";

fn date(offset: i64) -> String {
	let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
	let today = cadena_primitives::day_of(now.as_millis() as u64) as i64;
	let (y, m, d) = cadena_primitives::date_of((today + offset) as cadena_primitives::Day);
	format!("{y:04}-{m:02}-{d:02}")
}

#[tokio::test(flavor = "multi_thread")]
async fn officers_and_traders_do_their_tasks_with_cadena() -> Result<()> {
	let mut network = Network::start(&node_binary()?, "local", 4, None).await?;
	let mut result = scenario(&network).await;
	if result.is_ok() {
		result = council::scenario(&network).await;
	}
	if result.is_err() {
		eprintln!("{}", network.logs(20));
	}
	result?;
	network.stop()
}

/// A command that must succeed: its JSON.
async fn ok(url: &str, args: &[&str]) -> Result<Value> {
	let output = cadena(url, &[args, &["--json"]].concat()).await?;
	ensure!(output.status.success(), "cadena {args:?} failed: {}", stderr(&output));
	stdout_json(&output)
}

/// A command that must fail with `message` in its error.
async fn refused(url: &str, args: &[&str], message: &str) -> Result<Output> {
	let output = cadena(url, args).await?;
	ensure!(!output.status.success(), "cadena {args:?} passed, {message:?} expected");
	ensure!(
		stderr(&output).contains(message),
		"cadena {args:?}: {message:?} expected, got {}",
		stderr(&output)
	);
	Ok(output)
}

fn events(value: &Value) -> Vec<String> {
	value["events"]
		.as_array()
		.map(|e| e.iter().filter_map(|e| e.as_str().map(String::from)).collect())
		.unwrap_or_default()
}

async fn scenario(network: &Network) -> Result<()> {
	let url = network.nodes[0].config.rpc_url();
	let url = url.as_str();
	let dir = tempfile::tempdir()?;

	// Mexico's administration's encryption key, separate from its signing
	// keys, from a file its owner alone reads: the Registrar seals traders'
	// records with it, and its Admin publishes it first.
	let key_file = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
	let (trader_key, mx_key) = (key_file("trader-x25519.key"), key_file("mx-x25519.key"));
	ok(url, &["encryption-key", "generate", "--out", &mx_key]).await?;
	refused(
		url,
		&["encryption-key", "publish", "--file", &mx_key, "--suri", MX_REGISTRAR],
		"without the Admin role",
	)
	.await?;
	let published =
		ok(url, &["encryption-key", "publish", "--file", &mx_key, "--suri", MX_ADMIN]).await?;
	ensure!(
		events(&published).iter().any(|e| e.starts_with("Consortium.EncryptionKeySet")),
		"{published}"
	);

	// TINs: the registry holds the consent, the names and address go sealed.
	let register = [
		"tin",
		"register",
		TIN,
		"--legal-name",
		"Exportadora Añil",
		"--street",
		"Av. Reforma 1",
		"--city",
		"Ciudad de México",
		"--postal-code",
		"06600",
		"--region",
		"MX-CMX",
		"--consent",
		"yes",
	];
	refused(url, &[&register[..], &["--suri", MX_REGISTRAR]].concat(), "--encryption-key-file")
		.await?;
	let register = [&register[..], &["--encryption-key-file", mx_key.as_str()]].concat();
	let registered = ok(url, &[&register[..], &["--suri", MX_REGISTRAR]].concat()).await?;
	ensure!(registered["call"] == "Utility.batch_all", "{registered}");
	let trader = &registered["trader"];
	ensure!(
		trader["tin"] == TIN && trader["active"] == true && trader["consent"] == true,
		"{registered}"
	);
	ensure!(trader.get("legalName").is_none(), "no name in the registry: {registered}");
	let record = &registered["record"];
	ensure!(
		record["version"] == 1
			&& record["legalName"] == "Exportadora Añil"
			&& record["city"] == "Ciudad de México"
			&& record["region"] == "MX-CMX"
			&& record["tradeName"] == "",
		"{registered}"
	);
	ensure!(events(&registered).iter().any(|e| e.starts_with("TinRegistry.TinRegistered")));
	ensure!(
		events(&registered).iter().any(|e| e.starts_with("Confidential.RecordSealed")),
		"{registered}"
	);
	refused(
		url,
		&[&register[..], &["--suri", MX_REGISTRAR]].concat(),
		"TinRegistry.AlreadyRegistered",
	)
	.await?;
	refused(url, &[&register[..], &["--suri", CR_REGISTRAR]].concat(), "is a TIN of MX").await?;
	refused(url, &[&register[..], &["--suri", MX_APPROVER]].concat(), "without the Registrar role")
		.await?;
	let missing = [
		"tin",
		"register",
		"MXEAN010101AB2",
		"--legal-name",
		"X",
		"--consent",
		"no",
		"--encryption-key-file",
		mx_key.as_str(),
		"--suri",
		MX_REGISTRAR,
	];
	refused(url, &missing, "--street is needed to register a TIN").await?;

	// An update of the record opens it with the administration's own wrap
	// and seals its next version.
	let city = ["tin", "update", TIN, "--city", "Monterrey", "--suri", MX_REGISTRAR];
	refused(url, &city, "needs --encryption-key-file").await?;
	refused(url, &["tin", "update", TIN, "--suri", MX_REGISTRAR], "nothing to update").await?;
	let updated =
		ok(url, &[&city[..], &["--encryption-key-file", mx_key.as_str()]].concat()).await?;
	ensure!(updated["call"] == "Confidential.seal", "{updated}");
	let record = &updated["record"];
	ensure!(
		record["version"] == 2
			&& record["city"] == "Monterrey"
			&& record["street"] == "Av. Reforma 1"
			&& record["legalName"] == "Exportadora Añil",
		"{updated}"
	);
	let shown = ok(url, &["show", TIN, "--reader", "MX", "--encryption-key-file", &mx_key]).await?;
	ensure!(shown["version"] == 2 && shown["city"] == "Monterrey", "{shown}");
	let dry = ok(url, &["tin", "close", TIN, "--dry-run", "--suri", MX_REGISTRAR]).await?;
	ensure!(dry["block"].is_null() && dry["call"] == "TinRegistry.close", "{dry}");
	ensure!(dry["weight"][0].as_u64().is_some_and(|w| w > 0), "{dry}");
	ensure!(dry["trader"]["active"] == true, "a dry run changes nothing: {dry}");

	// The trader asks to be linked; the Registrar links it.
	let request = dir.path().join("link.json");
	let request = request.to_str().unwrap();
	let asked =
		cadena(url, &["tin", "link-request", TIN, "--suri", TRADER, "--out", request]).await?;
	ensure!(asked.status.success(), "{}", stderr(&asked));
	refused(url, &["consent", "withdraw", "--suri", TRADER], "is linked to no TIN").await?;
	let linked = ok(url, &["tin", "link", request, "--suri", MX_REGISTRAR]).await?;
	ensure!(events(&linked).iter().any(|e| e.starts_with("TinRegistry.AccountLinked")), "{linked}");
	// A request is spent once used.
	refused(url, &["tin", "link", request, "--suri", MX_REGISTRAR], "TinRegistry.BadLinkSignature")
		.await?;
	let withdrawn = ok(url, &["consent", "withdraw", "--suri", TRADER]).await?;
	ensure!(withdrawn["trader"]["consent"] == false, "{withdrawn}");
	// Once linked, consent is the trader's alone.
	refused(
		url,
		&["tin", "update", TIN, "--consent", "yes", "--suri", MX_REGISTRAR],
		"TinRegistry.ConsentIsTheTraders",
	)
	.await?;
	let given = ok(url, &["consent", "give", "--suri", TRADER]).await?;
	ensure!(given["trader"]["consent"] == true, "{given}");

	// The trader's own encryption key, from a file it alone reads.
	let generated = ok(url, &["encryption-key", "generate", "--out", &trader_key]).await?;
	let public = generated["publicKey"].as_str().context("a public key")?.to_string();
	ensure!(public.len() == 66 && public.starts_with("0x"), "{generated}");
	refused(url, &["encryption-key", "generate", "--out", &trader_key], "").await?;
	let published =
		ok(url, &["encryption-key", "publish", "--file", &trader_key, "--suri", TRADER]).await?;
	ensure!(published["publicKey"] == public.as_str(), "{published}");
	ensure!(
		events(&published).iter().any(|e| e.starts_with("TinRegistry.TraderKeySet")),
		"{published}"
	);
	// A key file others may read is refused.
	std::fs::set_permissions(&mx_key, std::fs::Permissions::from_mode(0o644))?;
	refused(
		url,
		&["encryption-key", "publish", "--file", &mx_key, "--suri", MX_ADMIN],
		"chmod 600",
	)
	.await?;
	let closed = ok(url, &["tin", "close", TIN, "--suri", MX_REGISTRAR]).await?;
	ensure!(closed["trader"]["active"] == false, "{closed}");
	refused(url, &["tin", "close", TIN, "--suri", MX_REGISTRAR], "TinRegistry.").await?;
	let reopened = ok(url, &["tin", "reopen", TIN, "--suri", MX_REGISTRAR]).await?;
	ensure!(reopened["trader"]["active"] == true, "{reopened}");

	// Certificates: an Approver grants, a Registrar amends.
	let expires = date(365);
	let grant = [
		"grant",
		"MX-AEO-77",
		"--tin",
		TIN,
		"--type",
		"AEOS",
		"--roles",
		"exporter;importer",
		"--expires-on",
		&expires,
	];
	let granted = ok(url, &[&grant[..], &["--suri", MX_APPROVER]].concat()).await?;
	ensure!(granted["certificate"]["status"] == "Active", "{granted}");
	refused(
		url,
		&[&grant[..], &["--suri", MX_APPROVER]].concat(),
		"AeoCertificates.AlreadyGranted",
	)
	.await?;
	refused(url, &[&grant[..], &["--suri", MX_REGISTRAR]].concat(), "without the Approver role")
		.await?;
	let past = ["grant", "MX-AEO-78", "--tin", TIN, "--type", "AEOS", "--roles", "exporter"];
	let yesterday = date(-1);
	refused(
		url,
		&[&past[..], &["--expires-on", &yesterday, "--suri", MX_APPROVER]].concat(),
		"AeoCertificates.ExpiryNotInFuture",
	)
	.await?;
	let amended =
		ok(url, &["amend", "MX-AEO-77", "--roles", "exporter", "--suri", MX_REGISTRAR]).await?;
	ensure!(amended["certificate"]["roles"] == serde_json::json!(["Exporter"]), "{amended}");
	ensure!(amended["certificate"]["aeoType"] == "SecurityAndSafety", "{amended}");

	// MRAs: Mexico proposes, Costa Rica signs.
	let proposed = ok(
		url,
		&["mra", "propose", "--name", "MX-CR AEO MRA", "--parties", "MX,CR", "--scope", "AEOS"],
	)
	.await;
	ensure!(proposed.is_err(), "no key, no proposal");
	let proposed = ok(
		url,
		&[
			"mra",
			"propose",
			"--name",
			"MX-CR AEO MRA",
			"--parties",
			"MX,CR",
			"--scope",
			"AEOS",
			"--suri",
			MX_ADMIN,
		],
	)
	.await?;
	ensure!(proposed["mra"]["status"] == "proposed", "{proposed}");
	ensure!(proposed["mra"]["waitingFor"] == serde_json::json!(["CR"]), "{proposed}");
	let id = proposed["mra"]["id"].as_u64().context("the MRA's number")?.to_string();
	let id = id.as_str();
	refused(
		url,
		&[
			"mra",
			"propose",
			"--name",
			"X",
			"--parties",
			"CR,PE",
			"--scope",
			"AEOS",
			"--suri",
			MX_ADMIN,
		],
		"leave out the officer's own administration, MX",
	)
	.await?;
	refused(
		url,
		&["mra", "sign", id, "--motion", "resume", "--suri", CR_ADMIN],
		"waits on the motion enter-into-force",
	)
	.await?;
	refused(
		url,
		&["mra", "sign", id, "--motion", "enter-into-force", "--suri", PE_ADMIN],
		"Mra.NotAParty",
	)
	.await?;
	refused(
		url,
		&["mra", "sign", id, "--motion", "enter-into-force", "--suri", MX_APPROVER],
		"without the Admin role",
	)
	.await?;
	let in_force =
		ok(url, &["mra", "sign", id, "--motion", "enter-into-force", "--suri", CR_ADMIN]).await?;
	ensure!(in_force["mra"]["status"] == "in force", "{in_force}");
	let verify = cadena(url, &["verify", TIN, "--by", "CR"]).await?;
	ensure!(verify.status.code() == Some(0), "CR recognises: {}", stderr(&verify));
	let listed = ok(url, &["mra", "list", "--country", "CR"]).await?;
	ensure!(listed.as_array().is_some_and(|l| l.len() == 1 && l[0]["name"] == "MX-CR AEO MRA"));

	// Peru joins.
	let asked = ok(url, &["mra", "add-party", id, "--country", "PE", "--suri", MX_ADMIN]).await?;
	let pe = "CR>PE,MX>PE,PE>CR,PE>MX";
	ensure!(asked["mra"]["motion"] == format!("add-party PE ({pe})").as_str(), "{asked}");
	ensure!(asked["mra"]["waitingFor"] == serde_json::json!(["CR", "PE"]), "{asked}");
	refused(
		url,
		&["mra", "sign", id, "--motion", "add-party", "--country", "CO", "--suri", CR_ADMIN],
		"waits on the motion add-party PE",
	)
	.await?;
	// The directions the signature approves are named too.
	refused(
		url,
		&[
			"mra",
			"sign",
			id,
			"--motion",
			"add-party",
			"--country",
			"PE",
			"--directions",
			"PE>MX",
			"--suri",
			CR_ADMIN,
		],
		"waits on the motion add-party PE",
	)
	.await?;
	let sign_pe = |suri: &'static str| {
		let args = ["mra", "sign", id, "--motion", "add-party", "--country", "PE"];
		let args = [&args[..], &["--directions", pe, "--suri", suri]].concat();
		async move { ok(url, &args).await }
	};
	sign_pe(CR_ADMIN).await?;
	let joined = sign_pe(PE_ADMIN).await?;
	ensure!(joined["mra"]["parties"] == serde_json::json!(["CR", "MX", "PE"]), "{joined}");

	// Mexico suspends the certificate with a key exported from polkadot.js.
	let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
	let keystore = dir.path().join("approver.json");
	std::fs::copy(fixtures.join("alice-approver.keystore.json"), &keystore)?;
	let password = dir.path().join("password");
	std::fs::copy(fixtures.join("alice-approver.password"), &password)?;
	use std::os::unix::fs::PermissionsExt;
	for file in [&keystore, &password] {
		std::fs::set_permissions(file, std::fs::Permissions::from_mode(0o600))?;
	}
	let (keystore, password) = (keystore.to_str().unwrap(), password.to_str().unwrap());
	let suspended = ok(
		url,
		&[
			"suspend",
			"MX-AEO-77",
			"--code",
			"7",
			"--key-file",
			keystore,
			"--password-file",
			password,
		],
	)
	.await?;
	ensure!(suspended["certificate"]["status"] == "Suspended", "{suspended}");
	let verify = cadena(url, &["verify", TIN, "--by", "CR"]).await?;
	ensure!(verify.status.code() == Some(4), "CR no longer recognises: {verify:?}");
	let text = String::from_utf8_lossy(&verify.stdout);
	ensure!(text.contains("suspended"), "CR is told why: {text}");
	let wrong = dir.path().join("wrong-password");
	std::fs::write(&wrong, "not the password\n")?;
	std::fs::set_permissions(&wrong, std::fs::Permissions::from_mode(0o600))?;
	let output = refused(
		url,
		&[
			"reinstate",
			"MX-AEO-77",
			"--key-file",
			keystore,
			"--password-file",
			wrong.to_str().unwrap(),
		],
		"wrong password",
	)
	.await?;
	ensure!(!stderr(&output).contains("not the password"), "the password is never printed");
	refused(
		url,
		&["suspend", "MX-AEO-77", "--suri", MX_APPROVER],
		"AeoCertificates.AlreadySuspended",
	)
	.await?;
	let reinstated = ok(url, &["reinstate", "MX-AEO-77", "--suri", MX_APPROVER]).await?;
	ensure!(reinstated["certificate"]["status"] == "Active", "{reinstated}");
	let later = date(700);
	let renewed =
		ok(url, &["renew", "MX-AEO-77", "--expires-on", &later, "--suri", MX_APPROVER]).await?;
	ensure!(renewed["certificate"]["expiresOn"] == later.as_str(), "{renewed}");

	// The MRA is suspended, resumed, terminated.
	let suspended = ok(url, &["mra", "suspend", id, "--suri", CR_ADMIN]).await?;
	ensure!(suspended["mra"]["status"] == "suspended", "{suspended}");
	let verify = cadena(url, &["verify", TIN, "--by", "CR"]).await?;
	ensure!(verify.status.code() == Some(4), "no recognition under a suspended MRA");
	refused(url, &["mra", "suspend", id, "--suri", MX_ADMIN], "Mra.NotInForce").await?;
	ok(url, &["mra", "resume", id, "--suri", MX_ADMIN]).await?;
	ok(url, &["mra", "sign", id, "--motion", "resume", "--suri", CR_ADMIN]).await?;
	let resumed = ok(url, &["mra", "sign", id, "--motion", "resume", "--suri", PE_ADMIN]).await?;
	ensure!(resumed["mra"]["status"] == "in force", "{resumed}");
	let verify = cadena(url, &["verify", TIN, "--by", "PE"]).await?;
	ensure!(verify.status.code() == Some(0), "PE recognises: {}", stderr(&verify));
	let terminated = ok(url, &["mra", "terminate", id, "--suri", PE_ADMIN]).await?;
	ensure!(terminated["mra"]["status"] == "terminated", "{terminated}");
	refused(url, &["mra", "resume", id, "--suri", MX_ADMIN], "Mra.").await?;

	// The certificate's end, and its history.
	let revoked = ok(url, &["revoke", "MX-AEO-77", "--code", "9", "--suri", MX_APPROVER]).await?;
	ensure!(revoked["certificate"]["status"] == "Revoked", "{revoked}");
	refused(
		url,
		&["reinstate", "MX-AEO-77", "--suri", MX_APPROVER],
		"AeoCertificates.CertificateRevoked",
	)
	.await?;
	refused(
		url,
		&["amend", "MX-AEO-77", "--roles", "importer", "--suri", MX_REGISTRAR],
		"AeoCertificates.CertificateRevoked",
	)
	.await?;
	let history = ok(url, &["history", "MX-AEO-77", "--country", "MX"]).await?;
	let actions: Vec<&str> = history["entries"]
		.as_array()
		.unwrap()
		.iter()
		.filter_map(|e| e["action"].as_str())
		.collect();
	ensure!(
		actions == ["Grant", "Amend", "Suspend", "Reinstate", "Renew", "Revoke"],
		"{actions:?}"
	);

	// The trader unlinks itself.
	use sp_core::{crypto::Ss58Codec, Pair};
	let trader = sp_core::sr25519::Pair::from_string(TRADER, None).unwrap().public();
	let trader = sp_core::crypto::AccountId32::from(trader).to_ss58check();
	let unlinked = ok(url, &["tin", "unlink", &trader, "--suri", TRADER]).await?;
	ensure!(events(&unlinked).iter().any(|e| e.starts_with("TinRegistry.AccountUnlinked")));
	refused(url, &["consent", "give", "--suri", TRADER], "is linked to no TIN").await?;
	Ok(())
}
