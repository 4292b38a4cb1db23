//! Mutual Recognition Agreements, and the recognition rule: the one question
//! every border post asks, answered in one place.

use crate::{AeoType, CertificateId, CertificateStatus, CountryCode, Day};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};
use sp_runtime::{traits::ConstU32, BoundedVec};

/// An MRA's number, given in order of proposal.
pub type MraId = u32;

/// Most parties to one MRA.
pub const MAX_PARTIES: u32 = 16;

/// The parties to an MRA: member administrations, by country, sorted.
pub type Parties = BoundedVec<CountryCode, ConstU32<MAX_PARTIES>>;

/// The AEO types an MRA recognises.
pub type Scope = BoundedVec<AeoType, ConstU32<3>>;

/// Who recognises whose certificates: `(issuer, recogniser)` pairs, sorted.
pub type Directions =
	BoundedVec<(CountryCode, CountryCode), ConstU32<{ MAX_PARTIES * (MAX_PARTIES - 1) }>>;

/// Where an MRA is in its lifecycle.
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
pub enum MraStatus {
	/// Proposed, collecting its parties' signatures, or signed by all and
	/// waiting for its effective date.
	Proposed,
	/// In force: certificates are recognised under it.
	InForce,
	/// Suspended by a party; resumed when every party agrees.
	Suspended,
	/// Terminated by a party: final.
	Terminated,
}

/// What the recognition rule needs of an MRA.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct MraTerms {
	/// The parties, sorted.
	pub parties: Parties,
	/// The AEO types recognised: a certificate is covered when its type
	/// includes one of them (`Both` in the scope covers every certificate).
	pub scope: Scope,
	/// `(issuer, recogniser)`: `recogniser` recognises `issuer`'s certificates.
	pub directions: Directions,
	/// The day it enters into force, once every party has signed.
	pub effective_on: Day,
	/// Where it is in its lifecycle.
	pub status: MraStatus,
}

impl MraTerms {
	/// Whether a certificate of type `aeo_type` is in the scope.
	pub fn covers(&self, aeo_type: AeoType) -> bool {
		crate::covers(&self.scope, aeo_type)
	}

	/// Whether `recogniser` recognises `issuer`'s certificates under it.
	pub fn recognises(&self, issuer: CountryCode, recogniser: CountryCode) -> bool {
		self.directions.binary_search(&(issuer, recogniser)).is_ok()
	}
}

/// What the recognition rule needs of a certificate.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct CertificateFacts {
	/// The certificate.
	pub id: CertificateId,
	/// Its AEO type.
	pub aeo_type: AeoType,
	/// Its status.
	pub status: CertificateStatus,
	/// Its expiry date: expired from 00:00 UTC that day.
	pub expires_on: Day,
	/// Whether its holder consents to share its data.
	pub consent: bool,
	/// Whether its issuing administration is an active member.
	pub issuer_active: bool,
	/// Whether its holder's TIN is active (not closed).
	pub holder_active: bool,
}

/// Why a certificate is not recognised.
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
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum NotRecognised {
	/// No such certificate (or the TIN holds none).
	UnknownCertificate,
	/// No MRA has the two countries as parties with this direction.
	NoMra,
	/// The MRA is proposed, or signed and waiting for its effective date.
	MraNotInForce,
	/// The MRA is suspended.
	MraSuspended,
	/// The MRA in force does not cover the certificate's AEO type.
	TypeOutOfScope,
	/// The certificate is suspended.
	CertificateSuspended,
	/// The certificate is revoked.
	CertificateRevoked,
	/// The certificate has expired.
	CertificateExpired,
	/// The holder withdrew its consent to share its data.
	NoConsent,
	/// The issuing administration is suspended or retired: nobody can
	/// answer for its certificates.
	IssuerNotActive,
	/// The holder's TIN is closed.
	HolderClosed,
}

/// The answer to "does `reader` recognise this certificate now?".
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
#[serde(rename_all = "camelCase")]
pub struct Recognition {
	/// Whether it is recognised.
	pub recognised: bool,
	/// The MRA it is recognised under (`None` for the issuer itself).
	pub mra: Option<MraId>,
	/// Why not, when it is not.
	pub reason: Option<NotRecognised>,
}

impl Recognition {
	/// Recognised under `mra`.
	pub const fn yes(mra: Option<MraId>) -> Self {
		Self { recognised: true, mra, reason: None }
	}

	/// Not recognised, for `reason`.
	pub const fn no(reason: NotRecognised) -> Self {
		Self { recognised: false, mra: None, reason: Some(reason) }
	}
}

/// The recognition rule. A certificate issued by A is recognised by B today
/// if and only if A is an active member, the holder's TIN is open, an MRA in
/// force has A and B as parties, recognises A's certificates in B, covers the
/// certificate's AEO type, the certificate is Active and unexpired, and its
/// holder consents. A country's own certificates need only an active issuer,
/// an open TIN, and to be Active and unexpired.
///
/// When it is not, the reason names the first condition that fails, in
/// that order. `mras` are the MRAs `reader` is party to.
pub fn recognise<'a>(
	certificate: Option<&CertificateFacts>,
	reader: CountryCode,
	today: Day,
	mras: impl IntoIterator<Item = (MraId, &'a MraTerms)>,
) -> Recognition {
	use NotRecognised::*;
	let Some(certificate) = certificate else { return Recognition::no(UnknownCertificate) };
	if !certificate.issuer_active {
		return Recognition::no(IssuerNotActive);
	}
	if !certificate.holder_active {
		return Recognition::no(HolderClosed);
	}
	let issuer = certificate.id.country;
	let own = issuer == reader;
	let mut mra = None;
	if !own {
		let (mut any, mut suspended, mut in_force) = (false, false, None);
		for (id, terms) in mras {
			if terms.status == MraStatus::Terminated || !terms.recognises(issuer, reader) {
				continue;
			}
			any = true;
			match terms.status {
				MraStatus::InForce if terms.covers(certificate.aeo_type) => {
					mra = Some(id);
					break;
				}
				MraStatus::InForce => in_force = in_force.or(Some(id)),
				MraStatus::Suspended => suspended = true,
				_ => {}
			}
		}
		if mra.is_none() {
			return Recognition::no(match (any, in_force, suspended) {
				(false, _, _) => NoMra,
				(_, Some(_), _) => TypeOutOfScope,
				(_, None, true) => MraSuspended,
				(_, None, false) => MraNotInForce,
			});
		}
	}
	let status_reason = match certificate.status {
		CertificateStatus::Suspended => Some(CertificateSuspended),
		CertificateStatus::Revoked => Some(CertificateRevoked),
		CertificateStatus::Expired => Some(CertificateExpired),
		CertificateStatus::Active if certificate.expires_on <= today => Some(CertificateExpired),
		CertificateStatus::Active => None,
	};
	if let Some(reason) = status_reason {
		return Recognition::no(reason);
	}
	if !own && !certificate.consent {
		return Recognition::no(NoConsent);
	}
	Recognition::yes(mra)
}

#[cfg(test)]
mod tests {
	use super::*;
	use CertificateStatus::*;
	use NotRecognised::*;

	const MX: CountryCode = CountryCode(*b"MX");
	const CR: CountryCode = CountryCode(*b"CR");
	const PE: CountryCode = CountryCode(*b"PE");
	const TODAY: Day = 20_513;

	fn terms(
		status: MraStatus,
		scope: &[AeoType],
		directions: &[(CountryCode, CountryCode)],
	) -> MraTerms {
		let mut directions = directions.to_vec();
		directions.sort();
		MraTerms {
			parties: vec![CR, MX].try_into().unwrap(),
			scope: scope.to_vec().try_into().unwrap(),
			directions: directions.try_into().unwrap(),
			effective_on: TODAY,
			status,
		}
	}

	fn both_ways(status: MraStatus) -> MraTerms {
		terms(status, &[AeoType::SecurityAndSafety], &[(MX, CR), (CR, MX)])
	}

	fn certificate(
		aeo_type: AeoType,
		status: CertificateStatus,
		consent: bool,
	) -> CertificateFacts {
		CertificateFacts {
			id: CertificateId::new(MX, b"AEO-1").unwrap(),
			aeo_type,
			status,
			expires_on: TODAY + 1,
			consent,
			issuer_active: true,
			holder_active: true,
		}
	}

	/// A case: its name, the certificate, the reader, the reader's MRAs, the answer.
	type Case = (&'static str, Option<CertificateFacts>, CountryCode, Vec<MraTerms>, Recognition);

	#[test]
	fn every_cause_of_non_recognition() {
		let ss = AeoType::SecurityAndSafety;
		let good = certificate(ss, Active, true);
		let expired_by_date = CertificateFacts { expires_on: TODAY, ..good.clone() };
		let in_force = both_ways(MraStatus::InForce);
		let one_way_cr_to_mx = terms(MraStatus::InForce, &[ss], &[(CR, MX)]);
		let customs = terms(MraStatus::InForce, &[AeoType::CustomsSimplifications], &[(MX, CR)]);
		let all_types = terms(MraStatus::InForce, &[AeoType::Both], &[(MX, CR)]);
		#[rustfmt::skip]
		let table: Vec<Case> = vec![
			("recognised", Some(good.clone()), CR, vec![in_force.clone()], Recognition::yes(Some(0))),
			("unknown certificate", None, CR, vec![in_force.clone()], Recognition::no(UnknownCertificate)),
			("no MRA at all", Some(good.clone()), CR, vec![], Recognition::no(NoMra)),
			("an MRA without that reader", Some(good.clone()), PE, vec![in_force.clone()], Recognition::no(NoMra)),
			("one way, the other way", Some(good.clone()), CR, vec![one_way_cr_to_mx.clone()], Recognition::no(NoMra)),
			("terminated", Some(good.clone()), CR, vec![both_ways(MraStatus::Terminated)], Recognition::no(NoMra)),
			("proposed", Some(good.clone()), CR, vec![both_ways(MraStatus::Proposed)], Recognition::no(MraNotInForce)),
			("suspended", Some(good.clone()), CR, vec![both_ways(MraStatus::Suspended)], Recognition::no(MraSuspended)),
			("type out of scope", Some(good.clone()), CR, vec![customs.clone()], Recognition::no(TypeOutOfScope)),
			("scope Both covers all", Some(good.clone()), CR, vec![all_types.clone()], Recognition::yes(Some(0))),
			("certificate suspended", Some(certificate(ss, Suspended, true)), CR, vec![in_force.clone()], Recognition::no(CertificateSuspended)),
			("certificate revoked", Some(certificate(ss, Revoked, true)), CR, vec![in_force.clone()], Recognition::no(CertificateRevoked)),
			("certificate expired", Some(certificate(ss, Expired, true)), CR, vec![in_force.clone()], Recognition::no(CertificateExpired)),
			("past its date, not yet processed", Some(expired_by_date.clone()), CR, vec![in_force.clone()], Recognition::no(CertificateExpired)),
			("no consent", Some(certificate(ss, Active, false)), CR, vec![in_force.clone()], Recognition::no(NoConsent)),
			("AEOF holds AEOS", Some(certificate(AeoType::Both, Active, true)), CR, vec![in_force.clone()], Recognition::yes(Some(0))),
			("AEOC is not AEOS", Some(certificate(AeoType::CustomsSimplifications, Active, true)), CR, vec![in_force.clone()], Recognition::no(TypeOutOfScope)),
			("own certificate", Some(certificate(ss, Active, false)), MX, vec![], Recognition::yes(None)),
			("own certificate suspended", Some(certificate(ss, Suspended, true)), MX, vec![], Recognition::no(CertificateSuspended)),
			("suspended MRA and one in force", Some(good.clone()), CR, vec![both_ways(MraStatus::Suspended), in_force.clone()], Recognition::yes(Some(1))),
			("in force out of scope, and suspended", Some(good.clone()), CR, vec![customs.clone(), both_ways(MraStatus::Suspended)], Recognition::no(TypeOutOfScope)),
			// Issue #12, fault 8: a suspended or retired issuer's certificates.
			("issuer not active", Some(CertificateFacts { issuer_active: false, ..good.clone() }), CR, vec![in_force.clone()], Recognition::no(IssuerNotActive)),
			("own, issuer not active", Some(CertificateFacts { issuer_active: false, ..good.clone() }), MX, vec![], Recognition::no(IssuerNotActive)),
			// Issue #12, fault 7: a closed TIN's certificates.
			("holder closed", Some(CertificateFacts { holder_active: false, ..good.clone() }), CR, vec![in_force.clone()], Recognition::no(HolderClosed)),
			("own, holder closed", Some(CertificateFacts { holder_active: false, ..good.clone() }), MX, vec![], Recognition::no(HolderClosed)),
		];
		for (case, certificate, reader, mras, expected) in table {
			let mras = mras.iter().enumerate().map(|(i, t)| (i as MraId, t));
			assert_eq!(recognise(certificate.as_ref(), reader, TODAY, mras), expected, "{case}");
		}
	}

	#[test]
	fn recognition_reads_as_json() {
		let no = serde_json::to_string(&Recognition::no(MraSuspended)).unwrap();
		assert_eq!(no, r#"{"recognised":false,"mra":null,"reason":"MraSuspended"}"#);
	}
}
