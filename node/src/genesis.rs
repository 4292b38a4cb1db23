//! The genesis ceremony (docs/genesis.md).
//!
//! Each founding administration runs `cadena-node genesis keys` on the
//! machine of its validator: its secrets stay there, and it hands over one
//! file of public parts. `cadena-node genesis assemble` turns the members'
//! files into the consortium's raw chain spec and prints its genesis hash;
//! every administration assembles the same files itself, or checks the file
//! it received with `cadena-node genesis hash`, and the hashes must agree.

use crate::chain_spec::{self, ChainSpec};
use cadena_primitives::{CountryCode, Role};
use cadena_runtime::{
	genesis_config_presets::{derived_account, DEV_MEMBERS},
	opaque::{Block, SessionKeys},
	AccountId, ConsortiumConfig, RuntimeGenesisConfig, SessionConfig,
};
use sc_network::config::{ed25519 as node_ed25519, MultiaddrWithPeerId};
use sc_service::ChainType;
use serde::{Deserialize, Serialize};
use sp_core::{crypto::key_types, ed25519, sr25519, Pair, H256};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_keystore::Keystore;
use sp_runtime::traits::{BlakeTwo256, Block as BlockT, Hash as HashT};
use std::{
	collections::BTreeSet,
	fs,
	io::Write,
	os::unix::fs::{DirBuilderExt, OpenOptionsExt},
	path::{Path, PathBuf},
	str::FromStr,
};

/// The format of a member file; `assemble` refuses any other.
pub const MEMBER_FORMAT: &str = "cadena-member/1";

/// The genesis ceremony's steps.
#[derive(Debug, clap::Subcommand)]
pub enum GenesisCmd {
	/// Generates an administration's keys on this machine (never overwriting
	/// one) and writes its member file: the public parts to hand over.
	Keys(KeysCmd),
	/// Assembles the founding members' files into the consortium's raw chain
	/// spec and prints its genesis hash.
	Assemble(AssembleCmd),
	/// Prints the genesis hash of a chain spec, to compare with the other
	/// administrations'.
	Hash(HashCmd),
}

/// `cadena-node genesis keys`.
#[derive(Debug, clap::Args)]
pub struct KeysCmd {
	/// The administration's country (ISO 3166-1 alpha-2), e.g. `MX`.
	#[arg(long)]
	pub country: String,
	/// The administration's name.
	#[arg(long)]
	pub name: String,
	/// The chain id the founders agreed on; the keystore and the node key go
	/// under `<base-path>/chains/<chain-id>/`, where the validator finds them.
	#[arg(long, default_value = "cadena")]
	pub chain_id: String,
	/// The validator's base path (`--base-path` of the node that will run).
	#[arg(long)]
	pub base_path: PathBuf,
	/// The address the other members' nodes reach this validator at, a
	/// multiaddr without `/p2p/`, e.g. `/dns/validator.aduana.example/tcp/30333`.
	#[arg(long)]
	pub node_address: String,
	/// Where to write the node key [default: `<base-path>/chains/<chain-id>/network/secret_ed25519`,
	/// where the node looks without `--node-key-file`].
	#[arg(long)]
	pub node_key_file: Option<PathBuf>,
	/// Where to write the member file [default: `<base-path>/member-<country>.json`].
	#[arg(long)]
	pub out: Option<PathBuf>,
}

/// `cadena-node genesis assemble`.
#[derive(Debug, clap::Args)]
pub struct AssembleCmd {
	/// The founding members' files, one per administration, in any order.
	#[arg(required = true)]
	pub members: Vec<PathBuf>,
	/// The chain id the founders agreed on (every member file names it).
	#[arg(long, default_value = "cadena")]
	pub chain_id: String,
	/// The network's name.
	#[arg(long, default_value = "CADENA")]
	pub name: String,
	/// Where to write the raw chain spec.
	#[arg(long)]
	pub out: PathBuf,
}

/// `cadena-node genesis hash`.
#[derive(Debug, clap::Args)]
pub struct HashCmd {
	/// The chain spec: `dev`, `local` or the path of a JSON file.
	#[arg(long)]
	pub chain: String,
}

/// The public parts of a founding administration: what it hands over.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberFile {
	/// Always [`MEMBER_FORMAT`].
	pub format: String,
	/// The chain id the keys were generated for.
	pub chain_id: String,
	/// ISO 3166-1 alpha-2.
	pub country: CountryCode,
	/// The administration's name.
	pub name: String,
	/// The primary `Admin`, who sits on the council.
	pub admin: AccountId,
	/// The validator's account.
	pub validator: AccountId,
	/// Further officers and their roles.
	pub officers: Vec<OfficerEntry>,
	/// The validator's Aura key.
	pub aura: sr25519::Public,
	/// The validator's GRANDPA key.
	pub grandpa: ed25519::Public,
	/// The administration's X25519 encryption key, hex.
	pub encryption_key: String,
	/// The validator's node.
	pub node: NodeEntry,
}

/// An officer in a member file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OfficerEntry {
	/// The officer's account.
	pub account: AccountId,
	/// Its roles.
	pub roles: Vec<Role>,
}

/// A node in a member file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NodeEntry {
	/// The libp2p peer id, base58 (`12D3KooW…`).
	pub peer_id: String,
	/// The multiaddr the other members dial, without `/p2p/`.
	pub address: String,
}

impl GenesisCmd {
	/// Runs the step.
	pub fn run(&self) -> Result<(), String> {
		match self {
			Self::Keys(cmd) => cmd.run(),
			Self::Assemble(cmd) => cmd.run(),
			Self::Hash(cmd) => {
				let spec = chain_spec::load(&cmd.chain)?;
				println!("{:?}", genesis_hash(spec.as_ref())?);
				Ok(())
			}
		}
	}
}

/// Creates a directory (and its parents) readable by its owner only.
fn private_dir(path: &Path) -> Result<(), String> {
	fs::DirBuilder::new()
		.recursive(true)
		.mode(0o700)
		.create(path)
		.map_err(|e| format!("cannot create {}: {e}", path.display()))
}

/// Writes a new file readable by its owner only; never replaces one.
fn write_secret(path: &Path, contents: &[u8]) -> Result<(), String> {
	let mut file = fs::OpenOptions::new()
		.write(true)
		.create_new(true)
		.mode(0o600)
		.open(path)
		.map_err(|e| format!("cannot create {}: {e}", path.display()))?;
	file.write_all(contents)
		.and_then(|()| file.sync_all())
		.map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn country(text: &str) -> Result<CountryCode, String> {
	CountryCode::new(text.as_bytes())
		.map_err(|e| format!("`{text}` is not an ISO 3166-1 alpha-2 country code: {e:?}"))
}

fn check_node_address(address: &str) -> Result<(), String> {
	if pallet_consortium::is_node_address(address.as_bytes())
		&& address.len() <= pallet_consortium::MAX_NODE_ADDRESS_LEN as usize
	{
		Ok(())
	} else {
		Err(format!(
			"node address `{address}` is not one CADENA accepts: a multiaddr naming a host \
			 (/ip4/, /ip6/, /dns/, /dns4/, /dns6/) and a /tcp/ port, without /p2p/"
		))
	}
}

/// The public key of an X25519 secret (RFC 7748, clamped).
pub fn x25519_public(secret: [u8; 32]) -> [u8; 32] {
	curve25519_dalek::MontgomeryPoint::mul_base_clamped(secret).to_bytes()
}

impl KeysCmd {
	fn run(&self) -> Result<(), String> {
		let country = country(&self.country)?;
		check_node_address(&self.node_address)?;
		if self.name.trim().is_empty() {
			return Err("the administration's name is empty".into());
		}
		let chain_dir = self.base_path.join("chains").join(&self.chain_id);
		let keystore_dir = chain_dir.join("keystore");
		let node_key_path = self
			.node_key_file
			.clone()
			.unwrap_or_else(|| chain_dir.join("network").join("secret_ed25519"));
		let keys_dir = self.base_path.join("keys");
		for existing in [&keystore_dir, &node_key_path, &keys_dir] {
			if existing.exists() {
				return Err(format!(
					"{} exists: the ceremony never overwrites keys. Use a new --base-path, \
					 or move the old keys away first",
					existing.display()
				));
			}
		}
		let out = self
			.out
			.clone()
			.unwrap_or_else(|| self.base_path.join(format!("member-{}.json", self.country)));

		// Account keys: secret phrases in files `cadena --key-file` reads.
		private_dir(&keys_dir)?;
		let account = |file: &str| -> Result<AccountId, String> {
			let (pair, phrase, _) = sr25519::Pair::generate_with_phrase(None);
			write_secret(&keys_dir.join(file), format!("{phrase}\n").as_bytes())?;
			Ok(pair.public().into())
		};
		let admin = account("admin.key")?;
		let validator = account("validator.key")?;
		let integrator = account("integrator.key")?;

		// Session keys, straight into the validator's keystore.
		private_dir(&keystore_dir)?;
		let keystore = sc_keystore::LocalKeystore::open(&keystore_dir, None)
			.map_err(|e| format!("cannot open the keystore {}: {e}", keystore_dir.display()))?;
		let aura = keystore
			.sr25519_generate_new(key_types::AURA, None)
			.map_err(|e| format!("cannot generate the Aura key: {e}"))?;
		let grandpa = keystore
			.ed25519_generate_new(key_types::GRANDPA, None)
			.map_err(|e| format!("cannot generate the GRANDPA key: {e}"))?;

		// The node key, where the node reads it by default.
		private_dir(node_key_path.parent().expect("a file in a directory"))?;
		let node_key = node_ed25519::Keypair::generate();
		write_secret(&node_key_path, &node_key.secret().to_bytes())?;
		let peer_id = node_key.public().to_peer_id().to_base58();

		// The encryption key (X25519) for confidential trader data.
		let mut secret = [0u8; 32];
		getrandom::getrandom(&mut secret).map_err(|e| format!("no randomness: {e}"))?;
		write_secret(
			&keys_dir.join("encryption.key"),
			format!("0x{}\n", hex::encode(secret)).as_bytes(),
		)?;
		let encryption_key = format!("0x{}", hex::encode(x25519_public(secret)));

		let member = MemberFile {
			format: MEMBER_FORMAT.into(),
			chain_id: self.chain_id.clone(),
			country,
			name: self.name.trim().into(),
			admin,
			validator,
			officers: vec![OfficerEntry {
				account: integrator,
				roles: vec![Role::Registrar, Role::Approver],
			}],
			aura,
			grandpa,
			encryption_key,
			node: NodeEntry { peer_id, address: self.node_address.clone() },
		};
		let json = serde_json::to_string_pretty(&member).expect("a member file serializes");
		fs::write(&out, format!("{json}\n"))
			.map_err(|e| format!("cannot write {}: {e}", out.display()))?;
		println!("Keys of {} generated under {}:", self.country, self.base_path.display());
		println!("  keys/admin.key        the primary Admin (council member)  {}", member.admin);
		println!(
			"  keys/validator.key    the validator's account             {}",
			member.validator
		);
		println!(
			"  keys/integrator.key   Registrar and Approver (cadena import) {}",
			member.officers[0].account
		);
		println!(
			"  keys/encryption.key   X25519 encryption key               {}",
			member.encryption_key
		);
		println!("  chains/{}/keystore    Aura and GRANDPA session keys", self.chain_id);
		println!("  {}  node key, peer id {}", node_key_path.display(), member.node.peer_id);
		println!("Member file (public parts, to hand over): {}", out.display());
		println!("Back up {} now; nobody else can recover these keys.", self.base_path.display());
		Ok(())
	}
}

/// Development accounts and keys, refused in an assembled genesis.
fn development_keys() -> BTreeSet<[u8; 32]> {
	let mut keys = BTreeSet::new();
	for key in Sr25519Keyring::iter() {
		keys.insert(key.public().0);
	}
	for key in Ed25519Keyring::iter() {
		keys.insert(key.public().0);
	}
	for member in &DEV_MEMBERS {
		for path in ["registrar", "approver", "integrator"] {
			keys.insert(derived_account(member, path).into());
		}
	}
	keys
}

/// Reads and checks a member file.
pub fn read_member(path: &Path) -> Result<MemberFile, String> {
	let text =
		fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
	let member: MemberFile = serde_json::from_str(&text)
		.map_err(|e| format!("{} is not a member file: {e}", path.display()))?;
	if member.format != MEMBER_FORMAT {
		return Err(format!(
			"{}: format `{}`, expected `{MEMBER_FORMAT}`",
			path.display(),
			member.format
		));
	}
	check_node_address(&member.node.address).map_err(|e| format!("{}: {e}", path.display()))?;
	Ok(member)
}

/// The consortium's raw chain spec from the founding members' files (sorted
/// by country, so that the order of the files does not matter).
pub fn assemble(
	name: &str,
	chain_id: &str,
	mut members: Vec<MemberFile>,
) -> Result<ChainSpec, String> {
	if members.is_empty() {
		return Err("no member files".into());
	}
	members.sort_by_key(|m| m.country);
	let development = development_keys();
	let mut seen_keys = BTreeSet::new();
	let mut seen_countries = BTreeSet::new();
	let mut bootnodes = Vec::new();
	let mut nodes = Vec::new();
	let mut encryption_keys = Vec::new();
	for m in &members {
		let who = m.country.to_string();
		if m.chain_id != chain_id {
			return Err(format!(
				"{who}'s keys are for chain id `{}`, not `{chain_id}`",
				m.chain_id
			));
		}
		if !seen_countries.insert(m.country) {
			return Err(format!("two member files for {who}"));
		}
		let mut keys: Vec<(&str, [u8; 32])> = vec![
			("admin", m.admin.clone().into()),
			("validator", m.validator.clone().into()),
			("Aura key", m.aura.0),
			("GRANDPA key", m.grandpa.0),
		];
		keys.extend(m.officers.iter().map(|o| ("officer", o.account.clone().into())));
		for (role, key) in keys {
			if development.contains(&key) {
				return Err(format!(
					"{who}'s {role} is a development key, public to everyone: generate real keys \
					 with `cadena-node genesis keys`"
				));
			}
			if !seen_keys.insert(key) {
				return Err(format!("{who}'s {role} is used twice in the consortium"));
			}
		}
		let key = hex::decode(m.encryption_key.trim_start_matches("0x"))
			.ok()
			.and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
			.ok_or_else(|| format!("{who}'s encryption key is not 32 bytes of hex"))?;
		encryption_keys.push((m.country, key));
		let peer_id = sc_network::PeerId::from_str(&m.node.peer_id)
			.map_err(|e| format!("{who}'s peer id `{}` is not one: {e}", m.node.peer_id))?;
		bootnodes.push(
			MultiaddrWithPeerId::from_str(&format!("{}/p2p/{}", m.node.address, m.node.peer_id))
				.map_err(|e| format!("{who}'s node address `{}`: {e}", m.node.address))?,
		);
		nodes.push((m.country, peer_id.to_bytes(), m.node.address.clone()));
	}
	let keys: Vec<(AccountId, AccountId, SessionKeys)> = members
		.iter()
		.map(|m| {
			let keys = SessionKeys { aura: m.aura.into(), grandpa: m.grandpa.into() };
			(m.validator.clone(), m.validator.clone(), keys)
		})
		.collect();
	let administrations = members
		.iter()
		.map(|m| {
			let officers =
				m.officers.iter().map(|o| (o.account.clone(), o.roles.clone())).collect();
			(m.country, m.name.clone(), m.admin.clone(), m.validator.clone(), officers)
		})
		.collect::<Vec<_>>();
	let patch = frame_support::build_struct_json_patch!(RuntimeGenesisConfig {
		session: SessionConfig { keys },
		consortium: ConsortiumConfig { members: administrations, nodes, encryption_keys },
	});
	Ok(ChainSpec::builder(chain_spec::wasm()?, None)
		.with_name(name)
		.with_id(chain_id)
		.with_chain_type(ChainType::Live)
		.with_genesis_config_patch(patch)
		.with_boot_nodes(bootnodes)
		.with_properties(chain_spec::properties())
		.build())
}

impl AssembleCmd {
	fn run(&self) -> Result<(), String> {
		let members =
			self.members.iter().map(|path| read_member(path)).collect::<Result<Vec<_>, _>>()?;
		let mut countries: Vec<String> = members.iter().map(|m| m.country.to_string()).collect();
		countries.sort();
		let spec = assemble(&self.name, &self.chain_id, members)?;
		let raw = sc_service::ChainSpec::as_json(&spec, true)?;
		fs::write(&self.out, raw)
			.map_err(|e| format!("cannot write {}: {e}", self.out.display()))?;
		let written = chain_spec::load(&self.out.display().to_string())?;
		let hash = genesis_hash(written.as_ref())?;
		println!(
			"Raw chain spec of `{}` ({}): {}",
			self.chain_id,
			countries.join(", "),
			self.out.display()
		);
		println!("genesis hash: {hash:?}");
		println!(
			"Every founding administration compares this hash with its own assembly \
			 (or `cadena-node genesis hash --chain <file>`) before starting its validator."
		);
		Ok(())
	}
}

/// The hash of the genesis block a chain spec gives: what every node of the
/// network reports as block 0.
pub fn genesis_hash(spec: &dyn sc_service::ChainSpec) -> Result<H256, String> {
	let storage = spec.as_storage_builder().build_storage()?;
	if !storage.children_default.is_empty() {
		return Err("a CADENA genesis has no child tries".into());
	}
	let executor = sc_executor::WasmExecutor::<sp_io::SubstrateHostFunctions>::builder().build();
	let state_version =
		sc_chain_spec::resolve_state_version_from_wasm::<_, BlakeTwo256>(&storage, &executor)
			.map_err(|e| format!("cannot read the runtime version of the genesis: {e}"))?;
	let root = BlakeTwo256::trie_root(storage.top.into_iter().collect(), state_version);
	let block = sc_chain_spec::construct_genesis_block::<Block>(root, state_version);
	Ok(block.header().hash())
}
