//! The genesis ceremony (docs/genesis.md): three founding administrations
//! generate their keys with `cadena-node genesis keys`, each assembles the
//! raw chain spec from the three member files and the genesis hashes agree;
//! the three validators start from that spec with the keys the ceremony put
//! in place (no dev key anywhere), peer, finalize, and the chain's block 0
//! is the hash every administration printed.

use std::{
	os::unix::fs::PermissionsExt,
	path::{Path, PathBuf},
	process::Command,
	time::Duration,
};

use anyhow::{bail, ensure, Context, Result};
use cadena_primitives::CountryCode;
use cadena_runtime::AccountId;
use cadena_runtime_api::{MemberView, NodeView};
use cadena_testnet::{wait_until, Node, NodeConfig, Rpc};
use codec::{Decode, Encode};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use serde_json::Value;
use sp_core::crypto::Ss58Codec;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

const CHAIN_ID: &str = "cadena_ceremony";

const FOUNDERS: [(&str, &str); 3] = [
	("MX", "Agencia Nacional de Aduanas de Mexico"),
	("CR", "Servicio Nacional de Aduanas de Costa Rica"),
	("PE", "Superintendencia Nacional de Aduanas y de Administracion Tributaria"),
];

fn binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_cadena-node"))
}

/// Runs `cadena-node genesis <args>`: its standard output, or its error.
fn genesis(args: &[&str]) -> Result<String, String> {
	let output =
		Command::new(binary()).arg("genesis").args(args).output().expect("cadena-node runs");
	if output.status.success() {
		Ok(String::from_utf8_lossy(&output.stdout).into_owned())
	} else {
		Err(String::from_utf8_lossy(&output.stderr).into_owned())
	}
}

fn printed_hash(output: &str) -> Result<String> {
	output
		.lines()
		.find_map(|line| line.strip_prefix("genesis hash: "))
		.map(str::to_string)
		.with_context(|| format!("no genesis hash in: {output}"))
}

fn admin_of(member: &Value) -> AccountId {
	AccountId::from_ss58check(member["admin"].as_str().unwrap()).unwrap()
}

fn mode(path: &Path) -> u32 {
	std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

async fn state_call<T: Decode>(client: &WsClient, method: &str, args: &[u8]) -> Result<T> {
	let hex: String = client
		.request("state_call", rpc_params![method, format!("0x{}", hex::encode(args))])
		.await?;
	Ok(T::decode(&mut &hex::decode(hex.trim_start_matches("0x"))?[..])?)
}

#[tokio::test(flavor = "multi_thread")]
async fn three_administrations_start_a_chain_from_fresh_keys() -> Result<()> {
	let dir = tempfile::tempdir()?;
	let mut configs = Vec::new();
	let mut members = Vec::new();

	// 1. Each administration generates its keys on its own machine.
	for (index, (country, name)) in FOUNDERS.iter().enumerate() {
		let base = dir.path().join(country);
		let mut config = NodeConfig::new(country, "", &base, index)?;
		config.node_key = None; // the node reads the key the ceremony wrote
		let address = format!("/ip4/127.0.0.1/tcp/{}", config.p2p_port);
		let base_text = base.display().to_string();
		let args = [
			"keys",
			"--country",
			country,
			"--name",
			name,
			"--chain-id",
			CHAIN_ID,
			"--base-path",
			&base_text,
			"--node-address",
			&address,
		];
		let output = genesis(&args).map_err(anyhow::Error::msg)?;
		let member = base.join(format!("member-{country}.json"));
		ensure!(output.contains(&member.display().to_string()), "{output}");
		for secret in ["admin.key", "validator.key", "integrator.key", "encryption.key"] {
			ensure!(mode(&base.join("keys").join(secret)) == 0o600, "{secret} is not private");
		}
		ensure!(mode(&base.join("keys")) == 0o700);
		let network = base.join("chains").join(CHAIN_ID).join("network");
		ensure!(mode(&network.join("secret_ed25519")) == 0o600);
		let keystore = base.join("chains").join(CHAIN_ID).join("keystore");
		ensure!(
			std::fs::read_dir(&keystore)?.count() == 2,
			"Aura and GRANDPA keys in the keystore"
		);

		// A second run never overwrites a key.
		let again = genesis(&args).expect_err("keys are never overwritten");
		ensure!(again.contains("never overwrites keys"), "{again}");
		configs.push(config);
		members.push(member);
	}
	let member_files: Vec<Value> = members
		.iter()
		.map(|path| serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap())
		.collect();

	// The member file holds public parts only: its encryption key is the
	// X25519 public key of the secret kept in keys/encryption.key.
	let secret = std::fs::read_to_string(dir.path().join("MX/keys/encryption.key"))?;
	let secret: [u8; 32] =
		hex::decode(secret.trim().trim_start_matches("0x"))?.try_into().expect("32 bytes");
	let public = curve25519_dalek::MontgomeryPoint::mul_base_clamped(secret).to_bytes();
	ensure!(member_files[0]["encryptionKey"] == format!("0x{}", hex::encode(public)));
	let text = std::fs::read_to_string(&members[0])?;
	let phrase = std::fs::read_to_string(dir.path().join("MX/keys/admin.key"))?;
	ensure!(
		!text.contains(phrase.split_whitespace().next().unwrap()),
		"a secret in the member file"
	);

	// 2. Each administration assembles the three files, in its own order,
	// and the three genesis hashes agree.
	let mut hashes = Vec::new();
	let mut specs = Vec::new();
	for (index, (country, _)) in FOUNDERS.iter().enumerate() {
		let out = dir.path().join(country).join("cadena.raw.json");
		let mut files: Vec<String> = members.iter().map(|p| p.display().to_string()).collect();
		files.rotate_left(index);
		let out_text = out.display().to_string();
		let mut args = vec!["assemble", "--chain-id", CHAIN_ID, "--out", &out_text];
		args.extend(files.iter().map(String::as_str));
		let output = genesis(&args).map_err(anyhow::Error::msg)?;
		hashes.push(printed_hash(&output)?);
		specs.push(std::fs::read(&out)?);
	}
	ensure!(hashes.iter().all(|h| h == &hashes[0]), "the genesis hashes differ: {hashes:?}");
	ensure!(specs.iter().all(|s| s == &specs[0]), "the raw specs differ");
	let spec_path = dir.path().join("MX").join("cadena.raw.json");
	let checked = genesis(&["hash", "--chain", &spec_path.display().to_string()])
		.map_err(anyhow::Error::msg)?;
	ensure!(checked.trim() == hashes[0], "`genesis hash` says {checked}, assembly {}", hashes[0]);

	// No development key anywhere in the genesis state (the runtime's code,
	// `:code`, holds the development keys' constants for its presets).
	let spec: Value = serde_json::from_slice(&specs[0])?;
	let state: String = spec["genesis"]["raw"]["top"]
		.as_object()
		.context("a raw spec")?
		.iter()
		.filter(|(key, _)| key.as_str() != "0x3a636f6465")
		.map(|(key, value)| format!("{key}={value}\n"))
		.collect();
	ensure!(state.contains(&hex::encode(<[u8; 32]>::from(admin_of(&member_files[0])))));
	for key in Sr25519Keyring::iter() {
		ensure!(!state.contains(&hex::encode(key.public())), "{key:?}'s key in the genesis");
	}
	for key in Ed25519Keyring::iter() {
		ensure!(!state.contains(&hex::encode(key.public())), "{key:?}'s key in the genesis");
	}
	ensure!(spec["chainType"] == "Live" && spec["id"] == CHAIN_ID, "{}", spec["chainType"]);
	ensure!(spec["bootNodes"].as_array().map(Vec::len) == Some(3), "{}", spec["bootNodes"]);

	// A member file carrying a development key, a foreign chain id or a
	// second file for one country is refused.
	let refused = |edit: &dyn Fn(&mut Value)| -> Result<String> {
		let mut file = member_files[0].clone();
		edit(&mut file);
		let path = dir.path().join("edited.json");
		std::fs::write(&path, serde_json::to_vec(&file)?)?;
		let out = dir.path().join("refused.json").display().to_string();
		let (a, b) = (path.display().to_string(), members[1].display().to_string());
		match genesis(&["assemble", "--chain-id", CHAIN_ID, "--out", &out, &a, &b]) {
			Ok(output) => bail!("assembled: {output}"),
			Err(error) => Ok(error),
		}
	};
	let alice = Sr25519Keyring::Alice.to_account_id().to_ss58check();
	let error = refused(&|file| file["admin"] = alice.clone().into())?;
	ensure!(error.contains("MX's admin is a development key"), "{error}");
	let error = refused(&|file| file["chainId"] = "cadena_other".into())?;
	ensure!(error.contains("chain id `cadena_other`"), "{error}");
	let error = refused(&|file| file["country"] = "CR".into())?;
	ensure!(error.contains("two member files for CR"), "{error}");
	let error = refused(&|file| file["validator"] = member_files[1]["admin"].clone())?;
	ensure!(error.contains("used twice"), "{error}");
	let error = refused(&|file| file["node"]["address"] = "/ip4/10.0.0.1/tcp/1/p2p/x".into())?;
	ensure!(error.contains("not one CADENA accepts"), "{error}");

	// 3. The validators start from the spec with the ceremony's keys.
	let mut nodes = Vec::new();
	for mut config in configs {
		config.chain = spec_path.display().to_string();
		config.extra_args.push("--validator".into());
		nodes.push(Node::start(&binary(), config)?);
	}
	let result = run_network(&mut nodes, &hashes[0], &member_files).await;
	if result.is_err() {
		for node in &nodes {
			eprintln!("--- {} ---\n{}", node.config.name, node.log_tail(30));
		}
	}
	result
}

async fn run_network(nodes: &mut [Node], genesis_hash: &str, members: &[Value]) -> Result<()> {
	let long = Duration::from_secs(120);
	let mut clients = Vec::new();
	for node in nodes.iter_mut() {
		clients.push(node.wait_for_rpc(Duration::from_secs(60)).await?);
	}
	for (client, member) in clients.iter().zip(members) {
		// Each node runs under the peer id its administration declared.
		ensure!(Rpc(client).peer_id().await? == member["node"]["peerId"].as_str().unwrap());
		ensure!(Rpc(client).block_hash(0).await?.as_deref() == Some(genesis_hash));
	}
	for (i, client) in clients.iter().enumerate() {
		wait_until(&format!("node {i} to finalize block 3"), long, || async {
			Ok((Rpc(client).finalized().await?.1 >= 3).then_some(()))
		})
		.await?;
	}
	// Every founder is a member, with the accounts and keys of its file.
	for member in members {
		let country = CountryCode::new(member["country"].as_str().unwrap().as_bytes()).unwrap();
		let view: Option<MemberView<AccountId>> =
			state_call(&clients[0], "CadenaApi_member", &country.encode()).await?;
		let view = view.with_context(|| format!("{country} is not a member"))?;
		ensure!(view.admin.to_ss58check() == member["admin"].as_str().unwrap());
		ensure!(view.validator.to_ss58check() == member["validator"].as_str().unwrap());
		let key = view.encryption_key.map(|k| format!("0x{}", hex::encode(k)));
		ensure!(key.as_deref() == member["encryptionKey"].as_str(), "{country}: {key:?}");
	}
	let declared: Vec<NodeView> =
		state_call(&clients[0], "CadenaApi_authorized_nodes", &[]).await?;
	ensure!(declared.len() == 3, "{declared:?}");
	for (client, node) in clients.iter().zip(nodes.iter()) {
		let peer_id = Rpc(client).peer_id_bytes().await?;
		let view = declared.iter().find(|n| n.peer_id == peer_id).context("node not declared")?;
		let address = format!("/ip4/127.0.0.1/tcp/{}", node.config.p2p_port);
		ensure!(view.address == address.as_bytes(), "{}", node.config.name);
	}
	Ok(())
}
