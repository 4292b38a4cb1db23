//! The certificates as stored, and as officers submit them.

use alloc::vec::Vec;
use cadena_primitives::{Action, AeoType, CertificateStatus, Day, OperatorRoles, Tin};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, BoundedVec, CloneNoBound, DebugNoBound, DefaultNoBound, EqNoBound,
	PartialEqNoBound,
};
use scale_info::TypeInfo;

/// Why a certificate's status (or data) changed: a code of the issuing
/// administration's own list, and a text.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
#[scale_info(skip_type_params(MaxText))]
pub struct Reason<MaxText: Get<u32>> {
	/// The administration's reason code. The chain itself uses 0 (expiry).
	pub code: u16,
	/// Free text.
	pub text: BoundedVec<u8, MaxText>,
}

/// A certificate's data that its administration's Registrars or Approvers
/// may change, as submitted.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct CertificateData {
	/// The holder's TIN as text (`MXAAA010101AAA`): registered, active, and
	/// of the issuing country.
	pub holder: Vec<u8>,
	/// Security and safety, customs simplifications, or both.
	pub aeo_type: AeoType,
	/// The holder's roles in the supply chain: one at least. Stored sorted,
	/// each once.
	pub roles: OperatorRoles,
	/// The date of authorization: today or earlier.
	pub authorized_on: Day,
}

/// A certificate to grant, as an Approver submits it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub struct NewCertificate {
	/// The authorization number: 1 to 35 of `A`–`Z`, `0`–`9`, `-`, `/`.
	pub number: Vec<u8>,
	/// The certificate's data.
	pub data: CertificateData,
	/// Expiry or next revalidation date, after today: the certificate
	/// expires at 00:00 UTC that day.
	pub expires_on: Day,
}

/// A certificate, under its [`cadena_primitives::CertificateId`].
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxText))]
pub struct Certificate<MaxText: Get<u32>> {
	/// The holder's TIN, of the issuing country.
	pub holder: Tin,
	/// Security and safety, customs simplifications, or both.
	pub aeo_type: AeoType,
	/// The holder's roles in the supply chain, sorted, each once.
	pub roles: OperatorRoles,
	/// The date of authorization.
	pub authorized_on: Day,
	/// Expiry or next revalidation date: the certificate expires at 00:00
	/// UTC that day.
	pub expires_on: Day,
	/// Where it is in its lifecycle.
	pub status: CertificateStatus,
	/// Since when (milliseconds since the Unix epoch).
	pub status_since: u64,
	/// Why it has its status.
	pub reason: Reason<MaxText>,
}

/// One entry of a certificate's history: a transition or a data change.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxText))]
pub struct HistoryEntry<
	AccountId: Clone + Eq + core::fmt::Debug,
	BlockNumber: Clone + Eq + core::fmt::Debug,
	MaxText: Get<u32>,
> {
	/// What was done.
	pub action: Action,
	/// The status before (`None` when granted).
	pub from: Option<CertificateStatus>,
	/// The status after.
	pub to: CertificateStatus,
	/// The expiry date after.
	pub expires_on: Day,
	/// The officer who did it; `None` when the chain did it (expiry).
	pub by: Option<AccountId>,
	/// In which block.
	pub block: BlockNumber,
	/// At what time (milliseconds since the Unix epoch).
	pub at: u64,
	/// Why.
	pub reason: Reason<MaxText>,
}
