//! CADENA's shared domain types and the traits through which its pallets ask
//! each other questions (a pallet never reads another pallet's storage).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod aeo;
mod benefits;
mod country;
mod history;
mod mra;
mod partner;
mod roles;
mod tin;

pub use aeo::{
	date_of, day_from_date, day_of, transition, Action, AeoType, AuthorizationNumber,
	AuthorizationNumberError, CertificateId, CertificateStatus, Day, OperatorRole, OperatorRoles,
	MAX_AUTHORIZATION_NUMBER, MILLIS_PER_DAY,
};
pub use benefits::{
	applicable, check_grants, covers, BenefitCode, Condition, DirectionBenefits, Grant, GrantError,
	Grants, NationalCode, ParameterMeaning, Side, MAX_GRANTS, MAX_NATIONAL_CODE, PER_MILLE,
};
pub use country::{CountryCode, CountryCodeError, ISO_3166_1_ALPHA_2};
pub use history::{append_pruning, PrunedHistory};
pub use mra::{
	recognise, CertificateFacts, Directions, MraId, MraStatus, MraTerms, NotRecognised, Parties,
	Recognition, Scope, MAX_PARTIES,
};
pub use partner::{
	PartnerId, PartnerIdError, PartnerIds, PartyRef, PartyRefError, MAX_PARTNER_IDS,
	MAX_PARTNER_VALUE, MAX_SCHEME,
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

/// The X25519 public keys of small order (RFC 7748; libsodium's list),
/// compared with the top bit cleared: a key among them makes every shared
/// secret predictable, so nothing wrapped to it is secret.
const SMALL_ORDER_X25519: [[u8; 32]; 7] = {
	let mut p_minus_1 = [0xff; 32];
	p_minus_1[0] = 0xec;
	p_minus_1[31] = 0x7f;
	let mut p = p_minus_1;
	p[0] = 0xed;
	let mut p_plus_1 = p_minus_1;
	p_plus_1[0] = 0xee;
	let mut one = [0; 32];
	one[0] = 1;
	[
		[0; 32],
		one,
		[
			0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f,
			0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16,
			0x5f, 0x49, 0xb8, 0x00,
		],
		[
			0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83,
			0xef, 0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd,
			0xd0, 0x9f, 0x11, 0x57,
		],
		p_minus_1,
		p,
		p_plus_1,
	]
};

/// Whether `key` may be published as an X25519 encryption key: not one of
/// small order (all zeros among them).
pub fn is_usable_x25519(key: &[u8; 32]) -> bool {
	let mut masked = *key;
	masked[31] &= 0x7f;
	!SMALL_ORDER_X25519.contains(&masked)
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

	/// `country`'s administration published a new encryption key: whoever
	/// holds its old one may read what was wrapped for it.
	fn member_key_changed(country: CountryCode);
	/// The most [`Self::member_key_changed`] weighs.
	fn member_key_changed_weight() -> sp_runtime::Weight;
}

/// Under which version of a trader's record a free-text reason about the
/// trader's certificates may be sealed now (the runtime answers with
/// `pallet-confidential`): a reason is sealed under its holder's record's
/// data key, so it must be a key no reader outside the entitlement holds.
pub trait SealedReasons {
	/// `holder`'s current record version, if every reader that ever held a
	/// wrap of it may read the record still, with the key the wrap was made
	/// for; `None` when the record is not sealed, or must be sealed again
	/// first (an entitlement ended, or a key changed, since it was).
	fn sealable_version(holder: &Tin) -> Option<u32>;
	/// The most [`Self::sealable_version`] weighs.
	fn sealable_version_weight() -> sp_runtime::Weight;
}

/// No record is ever sealed: a reason has no text (tests, and runtimes
/// without confidential records).
impl SealedReasons for () {
	fn sealable_version(_: &Tin) -> Option<u32> {
		None
	}
	fn sealable_version_weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
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
	fn member_key_changed(_: CountryCode) {}
	fn member_key_changed_weight() -> sp_runtime::Weight {
		sp_runtime::Weight::zero()
	}
}

#[cfg(test)]
mod x25519_tests {
	use super::is_usable_x25519;

	#[test]
	fn small_order_keys_are_refused_with_or_without_the_top_bit() {
		for key in super::SMALL_ORDER_X25519 {
			assert!(!is_usable_x25519(&key));
			let mut high = key;
			high[31] |= 0x80;
			assert!(!is_usable_x25519(&high));
		}
		// RFC 7748 section 6.1: Alice's public key.
		let alice = [
			0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54, 0x74, 0x8b, 0x7d, 0xdc, 0xb4, 0x3e,
			0xf7, 0x5a, 0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38, 0x1a, 0xf4, 0xeb, 0xa4, 0xa9, 0x8e,
			0xaa, 0x9b, 0x4e, 0x6a,
		];
		assert!(is_usable_x25519(&alice));
	}
}

/// What a pallet told [`OnEntitlementEnded`], for pallet tests.
#[cfg(feature = "std")]
pub mod testing {
	use super::{CountryCode, OnEntitlementEnded, Tin};
	use core::cell::RefCell;

	/// One thing a pallet told.
	#[derive(Clone, PartialEq, Eq, Debug)]
	pub enum EntitlementEnd {
		/// `tin_changed`.
		Tin(Tin),
		/// `directions_ended`.
		Directions(Vec<(CountryCode, CountryCode)>),
		/// `member_ended`.
		Member(CountryCode),
		/// `member_key_changed`.
		Key(CountryCode),
	}

	std::thread_local! {
		static TOLD: RefCell<Vec<EntitlementEnd>> = const { RefCell::new(Vec::new()) };
	}

	/// Records what it is told, on this thread, until [`take_told`].
	pub struct RecordEntitlementEnds;

	/// What the pallets told since the last call, oldest first.
	pub fn take_told() -> Vec<EntitlementEnd> {
		TOLD.with(|told| told.take())
	}

	fn tell(end: EntitlementEnd) {
		TOLD.with(|told| told.borrow_mut().push(end));
	}

	impl OnEntitlementEnded for RecordEntitlementEnds {
		fn tin_changed(tin: &Tin) {
			tell(EntitlementEnd::Tin(tin.clone()));
		}
		fn tin_changed_weight() -> sp_runtime::Weight {
			sp_runtime::Weight::from_parts(1_000_000, 0)
		}
		fn directions_ended(directions: &[(CountryCode, CountryCode)]) {
			tell(EntitlementEnd::Directions(directions.to_vec()));
		}
		fn directions_ended_weight() -> sp_runtime::Weight {
			sp_runtime::Weight::from_parts(1_000_000, 0)
		}
		fn member_ended(country: CountryCode) {
			tell(EntitlementEnd::Member(country));
		}
		fn member_ended_weight() -> sp_runtime::Weight {
			sp_runtime::Weight::from_parts(1_000_000, 0)
		}
		fn member_key_changed(country: CountryCode) {
			tell(EntitlementEnd::Key(country));
		}
		fn member_key_changed_weight() -> sp_runtime::Weight {
			sp_runtime::Weight::from_parts(1_000_000, 0)
		}
	}
}
