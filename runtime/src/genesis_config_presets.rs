//! Genesis presets: the `development` chain (one administration) and the
//! `local_testnet` chain (four administrations).
//!
//! Each founding administration has, on development keys:
//!
//! | role | MX | CR | PE | CO |
//! | --- | --- | --- | --- | --- |
//! | primary `Admin` and validator | `//Alice` | `//Bob` | `//Charlie` | `//Dave` |
//! | `Registrar` | `//Alice//registrar` | `//Bob//registrar` | ... | ... |
//! | `Approver` | `//Alice//approver` | `//Bob//approver` | ... | ... |
//!
//! Neither preset has a single-key superuser: governance is the customs council.

use crate::{AccountId, ConsortiumConfig, RuntimeGenesisConfig, SessionConfig, SessionKeys};
use alloc::{format, vec, vec::Vec};
use cadena_primitives::{CountryCode, Role};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{ed25519, sr25519, Pair};
use sp_genesis_builder::{self, PresetId};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// A founding customs administration: its country and its validator's dev key.
pub struct FoundingMember {
	/// ISO 3166-1 alpha-2 country code.
	pub country: &'static str,
	/// The administration's name.
	pub name: &'static str,
	/// The development key of its validator account and Aura authority.
	pub key: Sr25519Keyring,
	/// The development key of its GRANDPA authority.
	pub grandpa: Ed25519Keyring,
}

/// Administrations on development keys: `local_testnet` has the first four,
/// `development` the first one; local networks of other sizes take the first N.
pub const DEV_MEMBERS: [FoundingMember; 6] = [
	FoundingMember {
		country: "MX",
		name: "Agencia Nacional de Aduanas de Mexico",
		key: Sr25519Keyring::Alice,
		grandpa: Ed25519Keyring::Alice,
	},
	FoundingMember {
		country: "CR",
		name: "Servicio Nacional de Aduanas de Costa Rica",
		key: Sr25519Keyring::Bob,
		grandpa: Ed25519Keyring::Bob,
	},
	FoundingMember {
		country: "PE",
		name: "Superintendencia Nacional de Aduanas y de Administracion Tributaria",
		key: Sr25519Keyring::Charlie,
		grandpa: Ed25519Keyring::Charlie,
	},
	FoundingMember {
		country: "CO",
		name: "Direccion de Impuestos y Aduanas Nacionales",
		key: Sr25519Keyring::Dave,
		grandpa: Ed25519Keyring::Dave,
	},
	FoundingMember {
		country: "GT",
		name: "Superintendencia de Administracion Tributaria",
		key: Sr25519Keyring::Eve,
		grandpa: Ed25519Keyring::Eve,
	},
	FoundingMember {
		country: "PA",
		name: "Autoridad Nacional de Aduanas de Panama",
		key: Sr25519Keyring::Ferdie,
		grandpa: Ed25519Keyring::Ferdie,
	},
];

/// The libp2p node key of the validator of `DEV_MEMBERS[index]` on local
/// networks: the Ed25519 secret whose 32 bytes are `index + 1`, big-endian
/// (what `cadena-testnet` passes as `--node-key`). Public, like every
/// development key.
pub fn dev_node_key(index: usize) -> [u8; 32] {
	let mut key = [0u8; 32];
	key[24..].copy_from_slice(&(index as u64 + 1).to_be_bytes());
	key
}

/// The peer id, as the multihash bytes the chain stores, of
/// [`dev_node_key`]`(index)`: the identity multihash of the protobuf of its
/// Ed25519 public key.
pub fn dev_peer_id(index: usize) -> Vec<u8> {
	let public = ed25519::Pair::from_seed(&dev_node_key(index)).public();
	let mut peer_id = vec![0x00, 36, 0x08, 0x01, 0x12, 0x20];
	peer_id.extend_from_slice(&public.0);
	peer_id
}

/// The session keys of a founding member's validator.
fn session_keys(member: &FoundingMember) -> SessionKeys {
	SessionKeys {
		aura: AuraId::from(member.key.public()),
		grandpa: GrandpaId::from(member.grandpa.public()),
	}
}

/// The account of a development key derived from a founding member's key,
/// e.g. `//Alice//registrar`.
pub fn derived_account(member: &FoundingMember, path: &str) -> AccountId {
	let uri = format!("{}//{path}", member.key.to_seed());
	sr25519::Pair::from_string(&uri, None).expect("dev derivation paths are valid").public().into()
}

/// The genesis of a chain whose validators are the first `count` (1 to 6)
/// administrations of [`DEV_MEMBERS`].
pub fn testnet_genesis(count: usize) -> Value {
	genesis(&DEV_MEMBERS[..count.clamp(1, DEV_MEMBERS.len())])
}

/// The genesis of a chain whose validators are the given founding members.
fn genesis(members: &[FoundingMember]) -> Value {
	let validators: Vec<(AccountId, AccountId, SessionKeys)> = members
		.iter()
		.map(|m| {
			let account = m.key.to_account_id();
			(account.clone(), account, session_keys(m))
		})
		.collect();
	let administrations = members
		.iter()
		.map(|m| {
			let country = CountryCode::new(m.country.as_bytes())
				.expect("founding members are real countries");
			let officers = vec![
				(derived_account(m, "registrar"), vec![Role::Registrar]),
				(derived_account(m, "approver"), vec![Role::Approver]),
				// The national AEO system's own key, which `cadena import`
				// signs with: it registers TINs and grants certificates.
				(derived_account(m, "integrator"), vec![Role::Registrar, Role::Approver]),
			];
			(country, m.name.into(), m.key.to_account_id(), m.key.to_account_id(), officers)
		})
		.collect::<Vec<_>>();
	// Each validator's node, so that member nodes let it connect (docs/network.md).
	// The address is a placeholder on loopback: local networks find each
	// other through their bootnodes.
	let nodes = members
		.iter()
		.enumerate()
		.map(|(index, m)| {
			let country = CountryCode::new(m.country.as_bytes())
				.expect("founding members are real countries");
			(country, dev_peer_id(index), format!("/ip4/127.0.0.1/tcp/{}", 30333 + index))
		})
		.collect::<Vec<_>>();
	build_struct_json_patch!(RuntimeGenesisConfig {
		session: SessionConfig { keys: validators },
		consortium: ConsortiumConfig { members: administrations, nodes },
	})
}

/// The `development` preset: Mexico's customs administration alone, validator Alice.
pub fn development_config_genesis() -> Value {
	testnet_genesis(1)
}

/// The `local_testnet` preset: Mexico, Costa Rica, Peru and Colombia,
/// validators Alice, Bob, Charlie and Dave.
pub fn local_config_genesis() -> Value {
	testnet_genesis(4)
}

/// The JSON of a named preset.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets this runtime provides.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
