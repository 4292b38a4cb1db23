//! `cadena-node declare-node`: the node key's consent to a node declaration
//! (docs/network.md). An administration declares a node on chain (in its
//! admission motion's `firstNode`, or by `consortium.addNode` and
//! `consortium.setNodeAddress`) with the node key's signature over the
//! chain's genesis hash, the administration, the peer id and the address:
//! nobody declares a node whose key it does not hold, nor moves it.

use crate::chain_spec;
use cadena_primitives::CountryCode;
use sc_network::config::ed25519 as node_ed25519;
use sp_core::{ed25519, Pair};
use std::path::PathBuf;

/// `cadena-node declare-node`.
#[derive(Debug, clap::Args)]
pub struct DeclareNodeCmd {
	/// The chain the declaration is for: its genesis hash is signed. The
	/// consortium's raw chain spec (or `local`).
	#[arg(long)]
	pub chain: String,
	/// The node's key file (what the node runs with as `--node-key-file`):
	/// 32 raw bytes or 64 hexadecimal characters.
	#[arg(long)]
	pub node_key_file: PathBuf,
	/// The administration that declares the node, e.g. `GT`.
	#[arg(long)]
	pub country: String,
	/// The address the members' nodes dial, a multiaddr without `/p2p/`,
	/// e.g. `/dns/cadena.aduana.example/tcp/30333`.
	#[arg(long)]
	pub address: String,
}

/// Reads a node key file as the node does: 32 raw bytes, or 64 hex characters.
pub fn read_node_key(path: &PathBuf) -> Result<[u8; 32], String> {
	let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
	let text = String::from_utf8_lossy(&bytes);
	let secret = match (bytes.len(), hex::decode(text.trim())) {
		(_, Ok(decoded)) if decoded.len() == 32 => decoded,
		(32, _) => bytes,
		_ => {
			return Err(format!(
				"{} is not a node key (32 bytes or 64 hex characters)",
				path.display()
			))
		}
	};
	Ok(secret.try_into().expect("32 bytes"))
}

impl DeclareNodeCmd {
	/// Prints the declaration as JSON, ready for polkadot.js or `cadena`.
	pub fn run(&self) -> Result<(), String> {
		let country = CountryCode::new(self.country.as_bytes())
			.map_err(|e| format!("`{}` is not a country code: {e:?}", self.country))?;
		let address = self.address.as_bytes();
		if !pallet_consortium::is_node_address(address)
			|| address.len() > pallet_consortium::MAX_NODE_ADDRESS_LEN as usize
		{
			return Err(format!(
				"`{}` is not a node address CADENA accepts: a multiaddr naming a host \
				 (/ip4/, /ip6/, /dns/, /dns4/, /dns6/) and a /tcp/ port, without /p2p/",
				self.address
			));
		}
		let secret = read_node_key(&self.node_key_file)?;
		// A libp2p Ed25519 secret key is the 32-byte seed Substrate's key is made from.
		let node_key = node_ed25519::Keypair::from(
			node_ed25519::SecretKey::try_from_bytes(secret).map_err(|e| e.to_string())?,
		);
		let peer_id = node_key.public().to_peer_id();
		let key = ed25519::Pair::from_seed(&secret);
		debug_assert_eq!(key.public().0, node_key.public().to_bytes());
		let spec = chain_spec::load(&self.chain)?;
		let genesis = crate::genesis::genesis_hash(spec.as_ref())?;
		let peer_id_bytes = peer_id.to_bytes();
		let payload = pallet_consortium::node_declaration_payload(
			&genesis,
			&country,
			&peer_id_bytes,
			address,
		);
		let declaration = serde_json::json!({
			"peerId": format!("0x{}", hex::encode(&peer_id_bytes)),
			"address": self.address,
			"signature": format!("0x{}", hex::encode(key.sign(&payload).0)),
		});
		eprintln!(
			"Node {peer_id} declared by {country} at {} on the chain of genesis {genesis:?}:",
			self.address
		);
		println!("{declaration}");
		Ok(())
	}
}
