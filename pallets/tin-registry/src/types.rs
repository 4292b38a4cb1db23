//! The registry's records.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use scale_info::TypeInfo;

/// Whether a TIN is in use.
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
pub enum TinStatus {
	/// Registered and in use.
	Active,
	/// Closed by its administration; the record stays for provenance.
	Closed,
}

/// A trader's data as a Registrar submits it: free text, checked and bounded
/// by the pallet (each fault has its own error).
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct TraderData {
	/// The legal name.
	pub legal_name: Vec<u8>,
	/// The trade name (may be empty).
	pub trade_name: Vec<u8>,
	/// Street and number.
	pub street: Vec<u8>,
	/// City.
	pub city: Vec<u8>,
	/// Postal code.
	pub postal_code: Vec<u8>,
	/// ISO 3166-2 subdivision code, e.g. `MX-CMX`; its country is the TIN's.
	pub region: Vec<u8>,
	/// Whether the trader consented, at registration, to share its data with
	/// MRA partners. A linked trader account may change it later.
	pub consent: bool,
}

/// A trader's postal address.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxText))]
pub struct Address<MaxText: Get<u32>> {
	/// Street and number.
	pub street: BoundedVec<u8, MaxText>,
	/// City.
	pub city: BoundedVec<u8, MaxText>,
	/// Postal code.
	pub postal_code: BoundedVec<u8, ConstU32<16>>,
	/// ISO 3166-2 subdivision code, e.g. `MX-CMX`.
	pub region: BoundedVec<u8, ConstU32<6>>,
}

/// A trader's record, under its TIN.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(MaxText))]
pub struct TraderRecord<AccountId, BlockNumber, Moment, MaxText: Get<u32>> {
	/// The legal name.
	pub legal_name: BoundedVec<u8, MaxText>,
	/// The trade name.
	pub trade_name: BoundedVec<u8, MaxText>,
	/// The postal address; its country is the TIN's.
	pub address: Address<MaxText>,
	/// Active or closed.
	pub status: TinStatus,
	/// Whether the trader consents to share its data with MRA partners.
	pub consent: bool,
	/// Who changed the record last: an officer, or the trader (consent).
	pub changed_by: AccountId,
	/// In which block.
	pub changed_at_block: BlockNumber,
	/// At what time (milliseconds since the Unix epoch).
	pub changed_at: Moment,
}
