//! What recognition gives: the benefits a recogniser grants an issuer's
//! AEOs under an MRA, per direction, and the pure rule of which apply to a
//! certificate, a declared role and a side of the border.

use crate::{AeoType, OperatorRole, OperatorRoles, Scope};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::{traits::ConstU32, BoundedVec};

/// Most grants one direction of an MRA carries.
pub const MAX_GRANTS: u32 = 32;

/// Longest national benefit code, in bytes.
pub const MAX_NATIONAL_CODE: u32 = 16;

/// The largest parameter of a rate cap: per mille.
pub const PER_MILLE: u32 = 1_000;

/// A national benefit code: 1 to 16 of `A`–`Z`, `0`–`9`, `-` and `_`.
pub type NationalCode = BoundedVec<u8, ConstU32<MAX_NATIONAL_CODE>>;

/// What a benefit is: the catalogue of what real MRAs grant (EU–China
/// 2014/772/EU, EU–US, the EU guidelines, the Pacific Alliance MRA), and a
/// bounded national code for the rest.
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
	Serialize,
	Deserialize,
)]
pub enum BenefitCode {
	/// The partner AEO's status is taken as a risk factor.
	RiskFactor,
	/// A lower risk score; the parameter is the score's reduction.
	RiskScoreReduction,
	/// Fewer physical controls; the parameter caps the rate, per mille.
	FewerPhysicalControls,
	/// Fewer documentary controls; the parameter caps the rate, per mille.
	FewerDocumentaryControls,
	/// Examined first when selected for a control.
	PriorityIfSelected,
	/// Cleared first.
	PriorityClearance,
	/// Trade resumes first after a disruption.
	BusinessContinuity,
	/// Recognised as a secure partner in the recogniser's own validations.
	PartnerRecognitionInValidation,
	/// No validation repeated of what the issuer validated.
	NoRedundantValidation,
	/// Told of a control before the goods arrive.
	PriorNotification,
	/// Chooses the place of control.
	ChoiceOfPlaceOfControl,
	/// Declares a reduced data set.
	ReducedDataSet,
	/// Uses the fast lane.
	FastLane,
	/// A benefit of the recogniser's own law, by its code.
	#[serde(with = "national")]
	National(NationalCode),
}

/// A national code reads as text in JSON.
mod national {
	use super::NationalCode;
	use alloc::string::String;
	use serde::{Deserialize, Deserializer, Serialize, Serializer};

	pub fn serialize<S: Serializer>(code: &NationalCode, s: S) -> Result<S::Ok, S::Error> {
		String::from_utf8_lossy(code).serialize(s)
	}

	pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NationalCode, D::Error> {
		let text = String::deserialize(d)?;
		NationalCode::try_from(text.into_bytes())
			.map_err(|_| serde::de::Error::custom("a national code is 16 bytes at most"))
	}
}

/// What a code's parameter means, fixed by the code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ParameterMeaning {
	/// The code takes none.
	None,
	/// A rate cap, per mille (0 to 1,000).
	RateCapPerMille,
	/// A risk score's reduction, in the recogniser's own scale.
	ScoreDelta,
	/// The recogniser's own meaning (a national code).
	National,
}

impl BenefitCode {
	/// What this code's parameter means.
	pub fn parameter(&self) -> ParameterMeaning {
		use BenefitCode::*;
		match self {
			FewerPhysicalControls | FewerDocumentaryControls => ParameterMeaning::RateCapPerMille,
			RiskScoreReduction => ParameterMeaning::ScoreDelta,
			National(_) => ParameterMeaning::National,
			_ => ParameterMeaning::None,
		}
	}
}

/// The side of the border a benefit applies on.
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
pub enum Side {
	/// At import into the recogniser's country.
	Import,
	/// At export from the recogniser's country to the issuer's AEO.
	Export,
	/// In transit through the recogniser's country.
	Transit,
}

/// When a benefit applies.
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
pub enum Condition {
	/// Always, while the certificate is recognised.
	Always,
	/// Only while the recogniser has declared a business-continuity event.
	DuringContinuityEvent,
}

/// One benefit a recogniser grants an issuer's AEOs.
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
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Grant {
	/// What it is.
	pub code: BenefitCode,
	/// Where it applies.
	pub side: Side,
	/// The roles it applies to, sorted, one of each.
	pub roles: OperatorRoles,
	/// The AEO types it applies to, sorted, within the MRA's scope.
	pub aeo_types: Scope,
	/// Its parameter, with the meaning its code fixes.
	pub parameter: Option<u32>,
	/// When it applies.
	pub condition: Condition,
}

/// The grants of one direction of an MRA.
pub type Grants = BoundedVec<Grant, ConstU32<MAX_GRANTS>>;

/// What one direction `(issuer, recogniser)` of an MRA grants, and how many
/// times it was agreed: version 0 is "none agreed yet" (an MRA from before
/// benefits, or a direction a new party brought), 1 the set proposed with
/// the MRA, and each amendment one more.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Default,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct DirectionBenefits {
	/// How many times this direction's set was agreed.
	pub version: u32,
	/// The grants.
	pub grants: Grants,
}

/// Why a grant is refused.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GrantError {
	/// It names no role.
	NoRoles,
	/// Its roles are not sorted, or one is named twice.
	RolesNotSorted,
	/// It names no AEO type.
	NoAeoTypes,
	/// Its AEO types are not sorted, or one is named twice.
	AeoTypesNotSorted,
	/// An AEO type the MRA does not recognise.
	AeoTypeOutOfScope,
	/// A parameter where the code takes none, none where it needs one, or
	/// a rate above 1,000 per mille.
	BadParameter,
	/// A national code that is empty or has other characters than
	/// `A`–`Z`, `0`–`9`, `-` and `_`.
	BadNationalCode,
	/// The same grant twice, or the grants not sorted.
	GrantsNotSorted,
}

/// Whether a certificate of type `aeo_type` is among `types`: `Both`
/// among them covers every certificate, and an AEOF certificate holds
/// either. The MRA's scope reads the same way.
pub fn covers(types: &[AeoType], aeo_type: AeoType) -> bool {
	types.iter().any(|t| *t == AeoType::Both || aeo_type.includes(*t))
}

fn strictly_sorted<T: Ord>(items: &[T]) -> bool {
	items.windows(2).all(|w| w[0] < w[1])
}

impl Grant {
	/// Checks a grant of an MRA whose scope is `scope`.
	pub fn check(&self, scope: &[AeoType]) -> Result<(), GrantError> {
		use GrantError::*;
		if self.roles.is_empty() {
			return Err(NoRoles);
		}
		if !strictly_sorted(&self.roles) {
			return Err(RolesNotSorted);
		}
		if self.aeo_types.is_empty() {
			return Err(NoAeoTypes);
		}
		if !strictly_sorted(&self.aeo_types) {
			return Err(AeoTypesNotSorted);
		}
		// A grant gives nothing to a type recognition refuses.
		if !self.aeo_types.iter().all(|t| covers(scope, *t)) {
			return Err(AeoTypeOutOfScope);
		}
		if let BenefitCode::National(code) = &self.code {
			let allowed = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'-';
			if code.is_empty() || !code.iter().all(|b| allowed(b) || *b == b'_') {
				return Err(BadNationalCode);
			}
		}
		let good = match (self.code.parameter(), self.parameter) {
			(ParameterMeaning::None, p) => p.is_none(),
			(ParameterMeaning::RateCapPerMille, Some(p)) => p <= PER_MILLE,
			(ParameterMeaning::ScoreDelta, p) => p.is_some(),
			(ParameterMeaning::National, _) => true,
			(ParameterMeaning::RateCapPerMille, None) => false,
		};
		if !good {
			return Err(BadParameter);
		}
		Ok(())
	}

	/// Whether it applies to a certificate of `aeo_type` held for
	/// `cert_roles`, in `role` (any of the certificate's when `None`), on
	/// `side` (any when `None`), with the recogniser's continuity event
	/// declared or not.
	pub fn applies(
		&self,
		aeo_type: AeoType,
		cert_roles: &[OperatorRole],
		role: Option<OperatorRole>,
		side: Option<Side>,
		continuity: bool,
	) -> bool {
		let role_fits = match role {
			// The role declared must be one the certificate was granted for.
			Some(role) => cert_roles.contains(&role) && self.roles.contains(&role),
			None => cert_roles.iter().any(|r| self.roles.contains(r)),
		};
		role_fits
			&& side.is_none_or(|s| s == self.side)
			&& covers(&self.aeo_types, aeo_type)
			&& (self.condition == Condition::Always || continuity)
	}
}

/// Checks a direction's grants: each one, sorted and named once.
pub fn check_grants(grants: &[Grant], scope: &[AeoType]) -> Result<(), GrantError> {
	for grant in grants {
		grant.check(scope)?;
	}
	if !strictly_sorted(grants) {
		return Err(GrantError::GrantsNotSorted);
	}
	Ok(())
}

/// The grants of `grants` that apply (see [`Grant::applies`]), in order.
pub fn applicable<'a>(
	grants: &'a [Grant],
	aeo_type: AeoType,
	cert_roles: &'a [OperatorRole],
	role: Option<OperatorRole>,
	side: Option<Side>,
	continuity: bool,
) -> impl Iterator<Item = &'a Grant> + 'a {
	grants.iter().filter(move |g| g.applies(aeo_type, cert_roles, role, side, continuity))
}

#[cfg(test)]
mod tests {
	use super::*;
	use AeoType::*;
	use OperatorRole::*;

	/// A case: its name, the grant, the MRA's scope, the answer.
	type CheckCase<'a> = (&'static str, Grant, &'a [AeoType], Result<(), GrantError>);

	/// A case: its name, the grant, the certificate's roles, the role and side
	/// asked, whether a continuity event is declared, the answer.
	type AppliesCase<'a> = (
		&'static str,
		&'a Grant,
		&'a [OperatorRole],
		Option<OperatorRole>,
		Option<Side>,
		bool,
		bool,
	);

	fn grant(code: BenefitCode, side: Side, roles: &[OperatorRole], types: &[AeoType]) -> Grant {
		Grant {
			code,
			side,
			roles: roles.to_vec().try_into().unwrap(),
			aeo_types: types.to_vec().try_into().unwrap(),
			parameter: None,
			condition: Condition::Always,
		}
	}

	fn with(grant: Grant, parameter: Option<u32>) -> Grant {
		Grant { parameter, ..grant }
	}

	fn national(code: &[u8]) -> BenefitCode {
		BenefitCode::National(code.to_vec().try_into().unwrap())
	}

	#[test]
	fn every_fault_of_a_grant_is_named() {
		use BenefitCode::*;
		use GrantError::*;
		let ss = [SecurityAndSafety];
		let good = grant(PriorityClearance, Side::Import, &[Importer, Exporter], &ss);
		let physical = grant(FewerPhysicalControls, Side::Import, &[Importer], &ss);
		#[rustfmt::skip]
		let table: [CheckCase; 14] = [
			("good", good.clone(), &ss, Ok(())),
			("no roles", grant(PriorityClearance, Side::Import, &[], &ss), &ss, Err(NoRoles)),
			("roles unsorted", grant(PriorityClearance, Side::Import, &[Exporter, Importer], &ss), &ss, Err(RolesNotSorted)),
			("role twice", grant(PriorityClearance, Side::Import, &[Importer, Importer], &ss), &ss, Err(RolesNotSorted)),
			("no types", grant(PriorityClearance, Side::Import, &[Importer], &[]), &ss, Err(NoAeoTypes)),
			("types unsorted", grant(PriorityClearance, Side::Import, &[Importer], &[CustomsSimplifications, SecurityAndSafety]), &[Both], Err(AeoTypesNotSorted)),
			("type out of scope", grant(PriorityClearance, Side::Import, &[Importer], &[CustomsSimplifications]), &ss, Err(AeoTypeOutOfScope)),
			("Both in an AEOS scope: what recognition lets through", grant(PriorityClearance, Side::Import, &[Importer], &[Both]), &ss, Ok(())),
			("a parameter where none is taken", with(good.clone(), Some(1)), &ss, Err(BadParameter)),
			("a rate cap without its rate", physical.clone(), &ss, Err(BadParameter)),
			("a rate above 1,000 per mille", with(physical.clone(), Some(1_001)), &ss, Err(BadParameter)),
			("a rate of 1,000 per mille", with(physical.clone(), Some(1_000)), &ss, Ok(())),
			("a national code in lower case", grant(national(b"fast"), Side::Import, &[Importer], &ss), &ss, Err(BadNationalCode)),
			("an empty national code", grant(national(b""), Side::Import, &[Importer], &ss), &ss, Err(BadNationalCode)),
		];
		for (case, grant, scope, expected) in table {
			assert_eq!(grant.check(scope), expected, "{case}");
		}
		assert_eq!(
			grant(national(b"CR-VERDE_2"), Side::Export, &[Importer], &ss).check(&ss),
			Ok(())
		);
		let twice = [good.clone(), good.clone()];
		assert_eq!(check_grants(&twice, &ss), Err(GrantsNotSorted));
		let mut both = [physical.clone(), good.clone()].map(|g| with(g, None));
		both[0].parameter = Some(500);
		both.sort();
		assert_eq!(check_grants(&both, &ss), Ok(()));
	}

	#[test]
	fn a_grant_applies_in_the_role_declared_on_its_side() {
		use BenefitCode::*;
		let exporters = grant(PriorityClearance, Side::Import, &[Exporter, Manufacturer], &[Both]);
		let continuity = Grant {
			condition: Condition::DuringContinuityEvent,
			..grant(BusinessContinuity, Side::Import, &[Exporter], &[Both])
		};
		let broker: &[OperatorRole] = &[CustomsBroker];
		let exporter: &[OperatorRole] = &[Exporter];
		#[rustfmt::skip]
		let table: [AppliesCase; 9] = [
			("an exporter declared as exporter", &exporters, exporter, Some(Exporter), Some(Side::Import), false, true),
			("a broker declared as exporter", &exporters, broker, Some(Exporter), Some(Side::Import), false, false),
			("a broker declared as broker", &exporters, broker, Some(CustomsBroker), Some(Side::Import), false, false),
			("an exporter on the other side", &exporters, exporter, Some(Exporter), Some(Side::Export), false, false),
			("any role of the certificate", &exporters, exporter, None, None, false, true),
			("no role of the certificate", &exporters, broker, None, None, false, false),
			("continuity, none declared", &continuity, exporter, Some(Exporter), Some(Side::Import), false, false),
			("continuity, declared", &continuity, exporter, Some(Exporter), Some(Side::Import), true, true),
			("an exporter declared as importer", &exporters, exporter, Some(Importer), Some(Side::Import), false, false),
		];
		for (case, grant, roles, role, side, continuity, expected) in table {
			assert_eq!(
				grant.applies(SecurityAndSafety, roles, role, side, continuity),
				expected,
				"{case}"
			);
		}
		let aeoc = grant(FastLane, Side::Import, &[Exporter], &[CustomsSimplifications]);
		assert!(!aeoc.applies(SecurityAndSafety, exporter, None, None, false));
		assert!(aeoc.applies(Both, exporter, None, None, false));
	}

	#[test]
	fn grants_read_as_json() {
		let g = with(
			grant(national(b"CR-VERDE"), Side::Import, &[Exporter], &[SecurityAndSafety]),
			Some(7),
		);
		let json = serde_json::to_string(&g).unwrap();
		assert_eq!(
			json,
			r#"{"code":{"National":"CR-VERDE"},"side":"Import","roles":["Exporter"],"aeoTypes":["SecurityAndSafety"],"parameter":7,"condition":"Always"}"#
		);
		assert_eq!(serde_json::from_str::<Grant>(&json).unwrap(), g);
	}
}
