//! The CADENA runtime.
//!
//! A permissioned chain of customs administrations: Aura block production and
//! GRANDPA finality among the member administrations' validators, with the
//! validator set driven by `pallet-session`.
#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
#[doc(hidden)]
pub mod cadena_api;
mod call_policy;
pub mod configs;
pub mod entitlement;
pub mod genesis_config_presets;
pub mod weights;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use configs::{MILLISECS_PER_BLOCK, SESSION_PERIOD, SLOT_DURATION};

/// Opaque types, for the node: it knows the block format but not the calls.
pub mod opaque {
	use super::*;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;

	impl_opaque_keys! {
		/// The keys a validator signs with: Aura for blocks, GRANDPA for finality.
		pub struct SessionKeys {
			pub aura: super::Aura,
			pub grandpa: super::Grandpa,
		}
	}
}

#[cfg(feature = "std")]
pub use apis::RuntimeApi;
pub use opaque::SessionKeys;

/// The runtime's version.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("cadena"),
	impl_name: alloc::borrow::Cow::Borrowed("cadena"),
	authoring_version: 1,
	spec_version: 110,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	// 2: `Mra.sign` names its motion; `TinRegistry.link_account` carries the
	// request's expiry. 3: `Consortium.admit_member` names the first node.
	// 4: node declarations carry the node key's signature
	// (`admit_member`, `add_node`, `set_node_address`). 5: `TinRegistry`'s
	// `register` and `update` carry the consent alone (names and addresses
	// go sealed, to `Confidential`). 6: `Mra.propose` carries the benefits
	// of each direction.
	transaction_version: 6,
	system_version: 1,
};

/// A block number.
pub type BlockNumber = u32;
/// A transaction signature: sr25519, ed25519 or ecdsa.
pub type Signature = MultiSignature;
/// An account: the public key behind the signature.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance type. CADENA has no token; `pallet-session` asks for one, at zero deposit.
pub type Balance = u128;
/// A transaction counter per account.
pub type Nonce = u32;
/// A block hash.
pub type Hash = sp_core::H256;
/// How an account is addressed in a transaction.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block id.
pub type BlockId = generic::BlockId<Block>;

/// The checks every signed transaction goes through. There is no fee payment:
/// transactions are feeless and bounded by weight; `CheckMembership` refuses
/// signers who are not officers or validators of an active member, nor
/// trader accounts linked to a TIN.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	pallet_consortium::CheckMembership<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it travels over the wire.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload a signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// The storage migrations of the next runtime upgrade, oldest first. Each is a
/// `VersionedMigration`: it runs only while its pallet's on-chain storage
/// version is the one it migrates from, then bumps it, so running it twice
/// changes nothing. A migration stays here until every network has upgraded
/// past it (docs/upgrades.md).
pub type Migrations = (
	pallet_mra::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_mra::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_mra::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_tin_registry::migrations::v1::MigrateV0ToV1<Runtime>,
	pallet_aeo_certificates::migrations::v1::MigrateV0ToV1<Runtime>,
);

/// Dispatches an extrinsic to its pallet.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;

	// Session must come before Aura and GRANDPA: it hands them the authorities.
	// Its session manager, the consortium, is read only at session changes.
	#[runtime::pallet_index(3)]
	pub type Session = pallet_session;

	#[runtime::pallet_index(4)]
	pub type Aura = pallet_aura;

	#[runtime::pallet_index(5)]
	pub type Grandpa = pallet_grandpa;

	// CADENA

	#[runtime::pallet_index(10)]
	pub type Consortium = pallet_consortium;

	#[runtime::pallet_index(11)]
	pub type Council = pallet_collective<Instance1>;

	#[runtime::pallet_index(12)]
	pub type TinRegistry = pallet_tin_registry;

	#[runtime::pallet_index(13)]
	pub type AeoCertificates = pallet_aeo_certificates;

	#[runtime::pallet_index(14)]
	pub type Mra = pallet_mra;

	#[runtime::pallet_index(15)]
	pub type Utility = pallet_utility;

	#[runtime::pallet_index(16)]
	pub type Confidential = pallet_confidential;
}

/// Signs `call` as `signer` for the chain with genesis hash `genesis` and the
/// given runtime version: the transaction a client built on this crate submits
/// (the end-to-end tests do). Immortal; `nonce` is the signer's next.
#[cfg(feature = "std")]
pub fn sign_extrinsic(
	signer: &sp_core::sr25519::Pair,
	call: RuntimeCall,
	nonce: Nonce,
	genesis: Hash,
	spec_version: u32,
	transaction_version: u32,
) -> UncheckedExtrinsic {
	use codec::{Decode, Encode};
	let bytes = sign_encoded_call(
		signer,
		&call.encode(),
		nonce,
		genesis,
		spec_version,
		transaction_version,
	);
	UncheckedExtrinsic::decode(&mut &bytes[..]).expect("a signed extrinsic of this runtime")
}

/// [`sign_extrinsic`] for a call already encoded, as another runtime's
/// call may be (a runtime upgrade's test signs the released runtime's
/// calls): the encoded extrinsic, version 4, signed.
#[cfg(feature = "std")]
pub fn sign_encoded_call(
	signer: &sp_core::sr25519::Pair,
	call: &[u8],
	nonce: Nonce,
	genesis: Hash,
	spec_version: u32,
	transaction_version: u32,
) -> alloc::vec::Vec<u8> {
	use codec::{Compact, Encode};
	use sp_core::Pair;
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		pallet_consortium::CheckMembership::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(generic::Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let implicit = ((), (), spec_version, transaction_version, genesis, genesis, (), (), ());
	let mut payload = call.to_vec();
	extension.encode_to(&mut payload);
	implicit.encode_to(&mut payload);
	// A payload longer than 256 bytes is signed by its hash.
	let signature = if payload.len() > 256 {
		signer.sign(<BlakeTwo256 as sp_runtime::traits::Hash>::hash(&payload).as_bytes())
	} else {
		signer.sign(&payload)
	};
	// Signed, extrinsic format version 4.
	let mut body = alloc::vec![0b1000_0100u8];
	Address::from(AccountId::from(signer.public())).encode_to(&mut body);
	Signature::from(signature).encode_to(&mut body);
	extension.encode_to(&mut body);
	body.extend_from_slice(call);
	let mut extrinsic = Compact(body.len() as u32).encode();
	extrinsic.extend(body);
	extrinsic
}

#[cfg(test)]
mod tests;
