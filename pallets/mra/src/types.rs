//! MRAs as stored, and their history.

use cadena_primitives::{CountryCode, Day, Directions, Grants, MraStatus, MraTerms, Parties};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// What a motion on an MRA, once every party needed has signed, does.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum MotionKind {
	/// The proposed MRA enters into force at its effective date.
	EnterIntoForce,
	/// The suspended MRA is in force again.
	Resume,
	/// `country` becomes a party; `directions` are the MRA's directions once
	/// it has joined (the parties' own unchanged, the newcomer's added).
	AddParty { country: CountryCode, directions: Directions },
	/// What `recogniser` grants `issuer`'s AEOs becomes `grants` on `on`
	/// (at once if that day has come): needs the issuer and the recogniser.
	AmendBenefits { issuer: CountryCode, recogniser: CountryCode, grants: Grants, on: Day },
}

/// A motion on an MRA and the parties that signed it so far.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Motion {
	/// What it does.
	pub kind: MotionKind,
	/// Who signed, by country, sorted.
	pub signed: BoundedVec<CountryCode, ConstU32<{ cadena_primitives::MAX_PARTIES + 1 }>>,
}

/// An MRA.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxName))]
pub struct Mra<MaxName: Get<u32>> {
	/// Its name or reference (`MX-CR AEO MRA 2026`).
	pub name: BoundedVec<u8, MaxName>,
	/// Parties, scope, directions, effective date, status.
	pub terms: MraTerms,
	/// The motion waiting for signatures, if any.
	pub motion: Option<Motion>,
}

/// What happened to an MRA.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub enum MraAction {
	/// Proposed by a party.
	Propose,
	/// A party signed the motion waiting.
	Sign(CountryCode),
	/// Every party signed; it enters into force at its effective date.
	AllSigned,
	/// In force (at its effective date, or resumed).
	EnterIntoForce,
	/// Suspended by a party.
	Suspend,
	/// A party asked to resume it.
	ProposeResumption,
	/// A party proposed a new party.
	ProposeParty(CountryCode),
	/// The new party joined.
	AddParty(CountryCode),
	/// Terminated by a party.
	Terminate,
	/// A party proposed new benefits for a direction.
	ProposeBenefits { issuer: CountryCode, recogniser: CountryCode },
	/// A direction's benefits changed, to the version named.
	AmendBenefits { issuer: CountryCode, recogniser: CountryCode, version: u32 },
}

/// The benefits of one direction of an MRA, proposed with it.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct ProposedBenefits {
	/// Whose AEOs they go to.
	pub issuer: CountryCode,
	/// Who grants them.
	pub recogniser: CountryCode,
	/// What it grants.
	pub grants: Grants,
}

/// An amendment signed by both sides of its direction, waiting for its day.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ScheduledBenefits {
	/// The day it applies.
	pub on: Day,
	/// What the direction will grant.
	pub grants: Grants,
}

/// A business-continuity event a recogniser declared: its continuity
/// grants apply until it ends it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct ContinuityEvent<BlockNumber> {
	/// The block it was declared in.
	pub block: BlockNumber,
	/// When (milliseconds since the Unix epoch).
	pub at: u64,
}

/// One entry of an MRA's history.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
pub struct MraHistoryEntry<
	AccountId: Clone + Eq + core::fmt::Debug,
	BlockNumber: Clone + Eq + core::fmt::Debug,
> {
	/// What happened.
	pub action: MraAction,
	/// The status before.
	pub from: Option<MraStatus>,
	/// The status after.
	pub to: MraStatus,
	/// The officer; `None` when the chain did it (entry into force at its date).
	pub by: Option<AccountId>,
	/// In which block.
	pub block: BlockNumber,
	/// At what time (milliseconds since the Unix epoch).
	pub at: u64,
}

/// Sorted, deduplicated parties.
pub fn sorted(mut parties: alloc::vec::Vec<CountryCode>) -> alloc::vec::Vec<CountryCode> {
	parties.sort();
	parties.dedup();
	parties
}

/// `pairs` sorted, if none is named twice.
pub fn sorted_once(pairs: Directions) -> Option<Directions> {
	let mut pairs = pairs.into_inner();
	pairs.sort();
	if pairs.windows(2).any(|w| w[0] == w[1]) {
		return None;
	}
	// As many as came.
	Some(Directions::truncate_from(pairs))
}

/// Every ordered pair of distinct `parties`, sorted: the bilateral default.
pub fn all_directions(parties: &Parties) -> alloc::vec::Vec<(CountryCode, CountryCode)> {
	let mut pairs = alloc::vec::Vec::new();
	for a in parties.iter() {
		for b in parties.iter() {
			if a != b {
				pairs.push((*a, *b));
			}
		}
	}
	pairs.sort();
	pairs
}

/// How many directions a proposal of `parties` makes: those given, or
/// every ordered pair.
pub fn directions_count(parties: usize, directions: &Option<Directions>) -> u32 {
	let count = match directions {
		Some(d) => d.len(),
		None => parties.saturating_mul(parties.saturating_sub(1)),
	};
	count.min((cadena_primitives::MAX_PARTIES * (cadena_primitives::MAX_PARTIES - 1)) as usize)
		as u32
}
