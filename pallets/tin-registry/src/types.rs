//! The registry's records.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
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

/// What a Registrar submits of a trader besides its TIN. The trader's
/// name, address and contacts are confidential: they go on chain only
/// sealed, to `pallet-confidential` (docs/decisions.md, "Confidential trader
/// data"), never here.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct TraderData {
	/// Whether the trader consented, at registration, to share its data with
	/// MRA partners. A linked trader account may change it later.
	pub consent: bool,
}

/// A trader's record, under its TIN: what recognition reads, and who
/// changed it. (Its confidential part is a sealed record of
/// `pallet-confidential`.)
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct TraderRecord<AccountId, BlockNumber, Moment> {
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
