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
