//! What the pallet stores: sealed records and the wraps of their data keys
//! (the byte formats are in docs/rpc.md, "Envelopes").

use cadena_primitives::CountryCode;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// An X25519 public key (RFC 7748).
pub type EncryptionKey = [u8; 32];

/// A wrapped data key: HPKE's encapsulated key (32 bytes) and the sealed
/// data key (32 bytes and a 16-byte tag).
pub type WrapBytes = [u8; 80];

/// Who reads a confidential record.
#[derive(
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub enum Reader<AccountId> {
	/// A member administration, by its country, with its published key.
	Administration(CountryCode),
	/// A trader's linked account, with the key it published.
	Account(AccountId),
}

/// A record sealed under its data key: `nonce (12) || ciphertext || tag (16)`.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxCiphertext))]
pub struct Sealed<MaxCiphertext: Get<u32>> {
	/// The record's version: 1 for the first, one more for each update.
	pub version: u32,
	/// The ciphertext, with its nonce and tag.
	pub ciphertext: BoundedVec<u8, MaxCiphertext>,
}

/// A reader's wrap of a record's data key, and the key it was made for (a
/// reader that publishes a new key needs a new wrap).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct WrapEntry {
	/// The reader's public key the data key was wrapped to.
	pub key: EncryptionKey,
	/// The wrap.
	pub wrap: WrapBytes,
}

/// An administration a [`crate::Pallet::seal_many`] wraps for, with the key
/// it publishes.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct BatchReader {
	/// The administration's country.
	pub country: CountryCode,
	/// The key its wraps are made for.
	pub key: EncryptionKey,
}

/// A wrap in a [`BatchRecord`]: its reader's place in the call's list of
/// readers, and the wrap.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PlacedWrap {
	/// The reader's place in the call's list.
	pub place: u8,
	/// The wrap, made for that reader's key.
	pub wrap: WrapBytes,
}

/// One record of a [`crate::Pallet::seal_many`]: a new version of a TIN's
/// record, and its data key wrapped for some of the call's
/// administrations, each named by its place in the call's list of readers.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxCiphertext, MaxReaders))]
pub struct BatchRecord<MaxCiphertext: Get<u32>, MaxReaders: Get<u32>> {
	/// The TIN, as text.
	pub tin: alloc::vec::Vec<u8>,
	/// The new version, sealed.
	pub sealed: Sealed<MaxCiphertext>,
	/// The wraps, each naming its reader by place.
	pub wraps: BoundedVec<PlacedWrap, MaxReaders>,
}

/// Where the sweep of a revoked (reader, issuer) pair stands: the last
/// TIN of the issuer's records it visited, `None` before the first.
pub type SweepCursor = Option<cadena_primitives::Tin>;

/// Who may read what, from the state of the other pallets: the runtime
/// answers it from the consortium (members, their keys), the MRAs (in
/// force, who recognises whom) and the TIN registry (consent, linked
/// accounts and their keys).
pub trait Entitlement<AccountId> {
	/// The key of `reader`, if it is entitled to `tin`'s record now: the
	/// issuing administration; a partner that recognises the issuer's
	/// certificates under an MRA in force, while the trader consents and the
	/// partner is an active member; the TIN's linked accounts. `None` too
	/// when the reader published no key.
	fn key_of(reader: &Reader<AccountId>, tin: &cadena_primitives::Tin) -> Option<EncryptionKey>;

	/// The key of administration `reader`, if it reads the records of
	/// `issuer` whose trader consents (the issuer reads all its own): for
	/// such a TIN, `key_of(Administration(reader), tin)` is this. A call
	/// sealing many of one issuer's records asks it once per reader.
	fn administration_key(reader: CountryCode, issuer: CountryCode) -> Option<EncryptionKey>;

	/// Makes `count` readers entitled to `tin`'s record, its issuer first,
	/// each with a key, and returns them (benchmarks only).
	#[cfg(feature = "runtime-benchmarks")]
	fn entitle_for_benchmarks(
		tin: &cadena_primitives::Tin,
		count: u32,
	) -> alloc::vec::Vec<(Reader<AccountId>, EncryptionKey)>;

	/// Ends the entitlement of every reader of `tin` but its issuer
	/// (benchmarks only).
	#[cfg(feature = "runtime-benchmarks")]
	fn disentitle_for_benchmarks(tin: &cadena_primitives::Tin);
}
