//! CADENA's shared domain types and the traits through which its pallets ask
//! each other questions (a pallet never reads another pallet's storage).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod country;
mod roles;
mod tin;

pub use country::{CountryCode, CountryCodeError, ISO_3166_1_ALPHA_2};
pub use roles::{Role, Roles};
pub use tin::{Tin, TinError, MAX_NATIONAL_ID};

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
}

/// A consortium with no members, for tests of pallets that do not need one.
impl<AccountId> Consortium<AccountId> for () {
	fn officer(_: &AccountId) -> Option<Officer> {
		None
	}

	fn is_active_member(_: &CountryCode) -> bool {
		false
	}
}

/// The TIN registry's answers to the questions other pallets ask.
pub trait TinRegistry<AccountId> {
	/// Whether `tin` is registered and not closed.
	fn is_active(tin: &Tin) -> bool;

	/// Whether the trader holding `tin` consents to share its data.
	fn consents(tin: &Tin) -> bool;

	/// The TIN an account is linked to, if any.
	fn linked_tin(who: &AccountId) -> Option<Tin>;
}
