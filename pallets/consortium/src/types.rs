//! The consortium's records.

pub use cadena_primitives::MemberStatus;
use cadena_primitives::{CountryCode, Roles};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use scale_info::TypeInfo;

/// A member customs administration.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxNameLength))]
pub struct Administration<AccountId, BlockNumber, MaxNameLength: Get<u32>> {
	/// The administration's name.
	pub name: BoundedVec<u8, MaxNameLength>,
	/// Active, suspended or retired.
	pub status: MemberStatus,
	/// Its primary `Admin` officer: its seat in the customs council.
	pub admin: AccountId,
	/// The account of its validator node (its session keys are set by this account).
	pub validator: AccountId,
	/// A public key (x25519) its partners encrypt confidential fields to.
	pub encryption_key: Option<[u8; 32]>,
	/// When its status last changed.
	pub since: BlockNumber,
}

/// An officer: the administration it works for and its roles there.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct OfficerRecord {
	/// The administration, by country.
	pub country: CountryCode,
	/// The officer's roles.
	pub roles: Roles,
}

/// Longest libp2p peer id, in bytes: a multihash of the node's public key
/// (38 bytes for the Ed25519 keys Substrate nodes use).
pub const MAX_PEER_ID_LEN: u32 = 64;

/// Longest node address, in bytes: a multiaddr as text
/// (`/dns4/cadena.aduana.cr/tcp/30333`).
pub const MAX_NODE_ADDRESS_LEN: u32 = 128;

/// A node's libp2p peer id, as the bytes of its multihash.
pub type PeerIdBytes = BoundedVec<u8, ConstU32<MAX_PEER_ID_LEN>>;

/// A node's address: a multiaddr as text, without its `/p2p/` part.
pub type NodeAddress = BoundedVec<u8, ConstU32<MAX_NODE_ADDRESS_LEN>>;

/// A node a member administration declared: the member nodes keep to the
/// declared nodes of the active members.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct NodeRecord {
	/// The administration that runs it.
	pub country: CountryCode,
	/// Where it listens.
	pub address: NodeAddress,
}

/// A node, as an admission motion or an `Admin` declares it, with the node
/// key's consent.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct NodeDeclaration {
	/// Its libp2p peer id, as bytes: the identity multihash of an Ed25519 key.
	pub peer_id: PeerIdBytes,
	/// Where it listens.
	pub address: NodeAddress,
	/// The node key's Ed25519 signature of [`node_declaration_payload`]: the
	/// node's operator agrees to be declared by this administration, on this
	/// chain, at this address (`cadena-node declare-node` makes it).
	pub signature: [u8; 64],
}

/// What a node declaration's signature starts with.
pub const NODE_DECLARATION_CONTEXT: &[u8] = b"CADENA node declaration";

/// The bytes a node key signs to be declared by `country` on the chain whose
/// genesis hash is `genesis`, at `address`: the SCALE encoding of
/// ([`NODE_DECLARATION_CONTEXT`], `genesis`, `country`, `peer_id`, `address`),
/// each byte string with its compact length first (docs/network.md).
pub fn node_declaration_payload<Hash: Encode>(
	genesis: &Hash,
	country: &CountryCode,
	peer_id: &[u8],
	address: &[u8],
) -> alloc::vec::Vec<u8> {
	(NODE_DECLARATION_CONTEXT, genesis, country, peer_id, address).encode()
}

/// The Ed25519 public key a peer id carries (the identity multihash of its
/// protobuf encoding: `00 24 08 01 12 20` and the key), if it is one. Every
/// Substrate node's key is Ed25519.
pub fn ed25519_key_of(peer_id: &[u8]) -> Option<[u8; 32]> {
	match peer_id {
		[0x00, 36, 0x08, 0x01, 0x12, 0x20, key @ ..] => key.try_into().ok(),
		_ => None,
	}
}

/// Whether `bytes` are a libp2p peer id: a multihash, either the identity
/// of a public key (code `0x00`, up to 42 bytes) or its SHA-256 (code
/// `0x12`, 32 bytes), with its length right.
pub fn is_peer_id(bytes: &[u8]) -> bool {
	match bytes {
		[0x00, len, key @ ..] => *len as usize == key.len() && (1..=42).contains(&key.len()),
		[0x12, 0x20, digest @ ..] => digest.len() == 32,
		_ => false,
	}
}

/// Whether `bytes` are a node address CADENA accepts: a multiaddr in text
/// that names a host (`/ip4/`, `/ip6/`, `/dns/`, `/dns4/`, `/dns6/`) and a
/// TCP port, in printable ASCII without spaces, and no `/p2p/` part (the
/// peer id is declared beside it).
pub fn is_node_address(bytes: &[u8]) -> bool {
	let Ok(text) = core::str::from_utf8(bytes) else { return false };
	let host = ["/ip4/", "/ip6/", "/dns/", "/dns4/", "/dns6/"].iter().any(|p| text.starts_with(p));
	host && text.contains("/tcp/")
		&& !text.contains("/p2p/")
		&& text.bytes().all(|b| b.is_ascii_graphic())
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_peer_id_is_a_multihash_of_the_right_length() {
		// The peer id of an Ed25519 key: identity multihash of its protobuf.
		let mut ed25519 = vec![0x00, 36, 0x08, 0x01, 0x12, 0x20];
		ed25519.extend([7; 32]);
		assert!(is_peer_id(&ed25519));
		let mut sha = vec![0x12, 0x20];
		sha.extend([7; 32]);
		assert!(is_peer_id(&sha));
		assert!(!is_peer_id(&ed25519[..20]), "truncated");
		assert!(!is_peer_id(&[0x00, 0]), "empty key");
		assert!(!is_peer_id(&sha[..33]), "short digest");
		assert!(!is_peer_id(b"12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp"), "text");
		assert!(!is_peer_id(&[]));
	}

	#[test]
	fn a_node_address_names_a_host_and_a_tcp_port_only() {
		for good in
			["/ip4/10.0.0.5/tcp/30333", "/dns4/cadena.aduana.cr/tcp/30333", "/ip6/::1/tcp/1"]
		{
			assert!(is_node_address(good.as_bytes()), "{good}");
		}
		for bad in [
			"",
			"10.0.0.5:30333",
			"/ip4/10.0.0.5/udp/30333/quic",
			"/ip4/10.0.0.5/tcp/30333/p2p/12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp",
			"/dns4/cadena aduana/tcp/1",
			"/unix/tmp/socket/tcp/1",
		] {
			assert!(!is_node_address(bad.as_bytes()), "{bad}");
		}
		assert!(!is_node_address(&[b'/', b'i', b'p', b'4', b'/', 0xff]));
	}
}
