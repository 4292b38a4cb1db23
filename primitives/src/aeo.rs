//! Authorized Economic Operator certificates: their identity, their kinds and
//! the one lifecycle every pallet and tool follows.

use crate::CountryCode;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::{traits::ConstU32, BoundedVec};

/// A calendar day: days since 1970-01-01, UTC. Day 20_454 is 2026-01-01.
pub type Day = u32;

/// Milliseconds in a day.
pub const MILLIS_PER_DAY: u64 = 86_400_000;

/// The day (UTC) of a time in milliseconds since the Unix epoch.
pub const fn day_of(millis: u64) -> Day {
	(millis / MILLIS_PER_DAY) as Day
}

/// The calendar date `(year, month, day)` of a [`Day`] (proleptic
/// Gregorian, UTC).
pub const fn date_of(day: Day) -> (i32, u32, u32) {
	// Howard Hinnant's civil_from_days.
	let z = day as i64 + 719_468;
	let era = z.div_euclid(146_097);
	let doe = z - era * 146_097;
	let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
	let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	let mp = (5 * doy + 2) / 153;
	let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
	let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
	let y = (yoe + era * 400 + if m <= 2 { 1 } else { 0 }) as i32;
	(y, m, d)
}

/// The [`Day`] of a calendar date, if it is a real date on or after 1970-01-01.
pub fn day_from_date(year: i32, month: u32, day: u32) -> Option<Day> {
	if !(1..=12).contains(&month) || day == 0 || year < 1970 {
		return None;
	}
	let y = year as i64 - if month <= 2 { 1 } else { 0 };
	let era = y.div_euclid(400);
	let yoe = y - era * 400;
	let mp = (month as i64 + 9) % 12;
	let doy = (153 * mp + 2) / 5 + day as i64 - 1;
	let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	let days = era * 146_097 + doe - 719_468;
	let days = Day::try_from(days).ok()?;
	// Refuses 2026-02-30 and the like: the date must come back the same.
	(date_of(days) == (year, month, day)).then_some(days)
}

/// Longest authorization number (the WCO data model's an..35).
pub const MAX_AUTHORIZATION_NUMBER: u32 = 35;

/// An authorization number, as its administration writes it.
pub type AuthorizationNumber = BoundedVec<u8, ConstU32<MAX_AUTHORIZATION_NUMBER>>;

/// Why bytes are not an authorization number.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum AuthorizationNumberError {
	/// Nothing at all.
	Empty,
	/// Longer than 35 characters.
	TooLong,
	/// A character other than `A`–`Z`, `0`–`9`, `-` and `/`.
	InvalidCharacter,
}

/// A certificate's identity: the issuing administration's country and its
/// authorization number there (`MX` + `AEO-2024-000123`).
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
pub struct CertificateId {
	/// The issuing country.
	pub country: CountryCode,
	/// The authorization number: 1 to 35 of `A`–`Z`, `0`–`9`, `-` and `/`.
	pub number: AuthorizationNumber,
}

impl CertificateId {
	/// Checks an authorization number issued by `country`.
	pub fn new(country: CountryCode, number: &[u8]) -> Result<Self, AuthorizationNumberError> {
		if number.is_empty() {
			return Err(AuthorizationNumberError::Empty);
		}
		let allowed =
			|b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit() || matches!(b, b'-' | b'/');
		if !number.iter().all(allowed) {
			return Err(AuthorizationNumberError::InvalidCharacter);
		}
		let number = number.to_vec().try_into().map_err(|_| AuthorizationNumberError::TooLong)?;
		Ok(Self { country, number })
	}
}

/// The kind of AEO authorization (WCO SAFE Framework; EU AEOS, AEOC, AEOF).
#[derive(
	Clone,
	Copy,
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
	Serialize,
	Deserialize,
)]
pub enum AeoType {
	/// Security and safety (AEOS).
	SecurityAndSafety,
	/// Customs simplifications (AEOC).
	CustomsSimplifications,
	/// Both (AEOF).
	Both,
}

impl AeoType {
	/// Whether a certificate of this type holds the `other` authorization:
	/// `Both` holds either; each of the others holds itself.
	pub fn includes(self, other: AeoType) -> bool {
		self == other || self == AeoType::Both
	}
}

/// A trader's role in the supply chain, as its certificate states it.
#[derive(
	Clone,
	Copy,
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
	Serialize,
	Deserialize,
)]
pub enum OperatorRole {
	/// Importer.
	Importer,
	/// Exporter.
	Exporter,
	/// Manufacturer.
	Manufacturer,
	/// Customs broker.
	CustomsBroker,
	/// Carrier.
	Carrier,
	/// Freight forwarder.
	FreightForwarder,
	/// Warehouse keeper.
	WarehouseKeeper,
	/// Port or terminal operator.
	PortOperator,
}

impl OperatorRole {
	/// Every role, in order.
	pub const ALL: [OperatorRole; 8] = [
		OperatorRole::Importer,
		OperatorRole::Exporter,
		OperatorRole::Manufacturer,
		OperatorRole::CustomsBroker,
		OperatorRole::Carrier,
		OperatorRole::FreightForwarder,
		OperatorRole::WarehouseKeeper,
		OperatorRole::PortOperator,
	];
}

/// A set of operator roles: sorted, without repeats (at most one of each).
pub type OperatorRoles = BoundedVec<OperatorRole, ConstU32<8>>;

/// Where a certificate is in its lifecycle.
#[derive(
	Clone,
	Copy,
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
	Serialize,
	Deserialize,
)]
pub enum CertificateStatus {
	/// In effect.
	Active,
	/// Suspended by its administration; may be reinstated.
	Suspended,
	/// Revoked by its administration: final.
	Revoked,
	/// Reached its expiry date; may be renewed.
	Expired,
}

impl CertificateStatus {
	/// Every status.
	pub const ALL: [CertificateStatus; 4] = [
		CertificateStatus::Active,
		CertificateStatus::Suspended,
		CertificateStatus::Revoked,
		CertificateStatus::Expired,
	];
}

/// What may happen to a certificate's status.
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
	Serialize,
	Deserialize,
)]
pub enum Action {
	/// Granted: the certificate comes into being, `Active`.
	Grant,
	/// `Active -> Suspended`.
	Suspend,
	/// `Suspended -> Active`.
	Reinstate,
	/// `Active|Suspended -> Revoked`, final.
	Revoke,
	/// `Active|Suspended -> Expired`, by the chain itself at the expiry date.
	Expire,
	/// `Expired|Active -> Active`, with a new expiry date.
	Renew,
	/// Its data changed; the status stays.
	Amend,
}

impl Action {
	/// Every action that changes a status.
	pub const TRANSITIONS: [Action; 5] =
		[Action::Suspend, Action::Reinstate, Action::Revoke, Action::Expire, Action::Renew];
}

/// The lifecycle, in one place: the status after `action` from `from`, or
/// `None` when the design forbids it. `Grant` has no `from`; `Amend` keeps
/// the status of any certificate that is not revoked.
pub fn transition(from: CertificateStatus, action: Action) -> Option<CertificateStatus> {
	use Action::*;
	use CertificateStatus::*;
	match (from, action) {
		(Active, Suspend) => Some(Suspended),
		(Suspended, Reinstate) => Some(Active),
		(Active | Suspended, Revoke) => Some(Revoked),
		(Active | Suspended, Expire) => Some(Expired),
		(Expired | Active, Renew) => Some(Active),
		(Active | Suspended | Expired, Amend) => Some(from),
		_ => None,
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use CertificateStatus::*;

	#[test]
	fn only_the_designed_transitions_are_allowed() {
		let allowed = [
			(Active, Action::Suspend, Suspended),
			(Suspended, Action::Reinstate, Active),
			(Active, Action::Revoke, Revoked),
			(Suspended, Action::Revoke, Revoked),
			(Active, Action::Expire, Expired),
			(Suspended, Action::Expire, Expired),
			(Expired, Action::Renew, Active),
			(Active, Action::Renew, Active),
		];
		for from in CertificateStatus::ALL {
			for action in Action::TRANSITIONS {
				let expected = allowed
					.iter()
					.find(|(f, a, _)| *f == from && *a == action)
					.map(|(_, _, to)| *to);
				assert_eq!(transition(from, action), expected, "{from:?} {action:?}");
			}
		}
		assert_eq!(transition(Revoked, Action::Amend), None);
		assert_eq!(transition(Expired, Action::Amend), Some(Expired));
	}

	#[test]
	fn authorization_numbers_are_checked() {
		let mx = CountryCode(*b"MX");
		assert!(CertificateId::new(mx, b"AEO-2024/000123").is_ok());
		assert_eq!(CertificateId::new(mx, b""), Err(AuthorizationNumberError::Empty));
		assert_eq!(
			CertificateId::new(mx, b"aeo1"),
			Err(AuthorizationNumberError::InvalidCharacter)
		);
		assert_eq!(
			CertificateId::new(mx, b"AEO 1"),
			Err(AuthorizationNumberError::InvalidCharacter)
		);
		assert_eq!(CertificateId::new(mx, &[b'1'; 36]), Err(AuthorizationNumberError::TooLong));
		assert!(CertificateId::new(mx, &[b'1'; 35]).is_ok());
	}

	#[test]
	fn days_are_utc_days_since_the_epoch() {
		assert_eq!(day_of(0), 0);
		assert_eq!(day_of(MILLIS_PER_DAY - 1), 0);
		// 2026-01-01T00:00:00Z
		assert_eq!(day_of(1_767_225_600_000), 20_454);
		assert_eq!(date_of(20_454), (2026, 1, 1));
		assert_eq!(date_of(0), (1970, 1, 1));
		assert_eq!(date_of(20_513), (2026, 3, 1));
		assert_eq!(day_from_date(2026, 3, 1), Some(20_513));
		assert_eq!(day_from_date(2028, 2, 29).map(date_of), Some((2028, 2, 29)));
		assert_eq!(day_from_date(2026, 2, 29), None);
		assert_eq!(day_from_date(2026, 13, 1), None);
		assert!(AeoType::Both.includes(AeoType::SecurityAndSafety));
		assert!(!AeoType::CustomsSimplifications.includes(AeoType::SecurityAndSafety));
	}
}
