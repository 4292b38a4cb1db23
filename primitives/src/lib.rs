//! CADENA's shared domain types and the traits through which its pallets ask
//! each other questions (a pallet never reads another pallet's storage).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod aeo;
mod country;
mod history;
mod mra;
mod roles;
mod tin;

pub use aeo::{
	date_of, day_from_date, day_of, transition, Action, AeoType, AuthorizationNumber,
	AuthorizationNumberError, CertificateId, CertificateStatus, Day, OperatorRole, OperatorRoles,
	MAX_AUTHORIZATION_NUMBER, MILLIS_PER_DAY,
};
pub use country::{CountryCode, CountryCodeError, ISO_3166_1_ALPHA_2};
pub use history::{append_pruning, PrunedHistory};
pub use mra::{
	recognise, CertificateFacts, Directions, MraId, MraStatus, MraTerms, NotRecognised, Parties,
	Recognition, Scope, MAX_PARTIES,
};
pub use roles::{MemberStatus, Role, Roles};
pub use tin::{Tin, TinError, MAX_NATIONAL_ID, MAX_NATIONAL_ID_BYTES};

/// What an account is within the consortium, as other pallets need to know it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Officer {
	/// The administration (by country) the officer works for.
	pub country: CountryCode,
	/// The officer's roles there.
	pub roles: Roles,
}

/// The consortium's answers to the questions other pallets ask.
pub trait Consortium<AccountId> {
	/// The administration and roles of `who`, if `who` is an officer of an
	/// *active* member administration. Officers of suspended or retired
	/// administrations get `None`: they can do nothing.
	fn officer(who: &AccountId) -> Option<Officer>;

	/// Whether `country`'s administration is an active member.
	fn is_active_member(country: &CountryCode) -> bool;

	/// Makes an officer with `roles` of `country`'s active administration,
	/// admitting the administration first if need be (benchmarks only).
	#[cfg(feature = "runtime-benchmarks")]
	fn make_officer(country: CountryCode, roles: Roles, index: u32) -> AccountId;
}

/// Sets the chain's clock (benchmarks only): pallets that read the time
/// measure their worst case at a realistic date.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkClock {
	/// Makes `millis` (since the Unix epoch) the time now.
	fn set_time(millis: u64);
}

/// The TIN registry's answers to the questions other pallets ask.
pub trait TinRegistry<AccountId> {
	/// Whether `tin` is registered, active or closed.
	fn is_registered(tin: &Tin) -> bool;

	/// Whether `tin` is registered and not closed.
	fn is_active(tin: &Tin) -> bool;

	/// Whether the trader holding `tin` consents to share its data.
	fn consents(tin: &Tin) -> bool;

	/// The TIN an account is linked to, if any.
	fn linked_tin(who: &AccountId) -> Option<Tin>;

	/// Registers `tin`, active, with data of the largest size (benchmarks only).
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(tin: &Tin);
}

/// Told when a reader's entitlement to confidential trader records may
/// have ended, so that its wraps go in the call that ended it (the runtime
/// answers with `pallet-confidential`). Each method's weight is what the
/// calling dispatchable adds to its own.
pub trait OnEntitlementEnded {
	/// Fewer may read `tin`'s record: consent withdrawn, an account
	/// unlinked, a trader's key cleared or changed.
	fn tin_changed(tin: &Tin);
	/// The most [`Self::tin_changed`] weighs.
	fn tin_changed_weight() -> sp_runtime::Weight;

	/// These `(issuer, recogniser)` directions of an MRA are no longer in
	/// force (it was suspended or terminated).
	fn directions_ended(directions: &[(CountryCode, CountryCode)]);
	/// The most [`Self::directions_ended`] weighs for an MRA's directions.
	fn directions_ended_weight() -> sp_runtime::Weight;

	/// `country`'s administration is no longer an active member.
	fn member_ended(country: CountryCode);
	/// The most [`Self::member_ended`] weighs.
	fn member_ended_weight() -> sp_runtime::Weight;
}

/// Nobody to tell (tests, and runtimes without confidential records).
impl OnEntitlementEnded for () {
	fn tin_changed(_: &Tin) {}
	fn tin_changed_weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
	fn directions_ended(_: &[(CountryCode, CountryCode)]) {}
	fn directions_ended_weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
	fn member_ended(_: CountryCode) {}
	fn member_ended_weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}
