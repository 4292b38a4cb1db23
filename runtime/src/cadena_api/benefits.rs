//! The recognition answers with their benefits, and the decision a border's
//! risk engine asks for once per declaration: the pure rules
//! (`cadena_primitives::recognise`, `cadena_primitives::applicable`) applied
//! to the chain's state.

use super::{recognition_of, terms_of, CertificateOf};
use crate::{AeoCertificates, Mra, Runtime, RuntimeEvent, System};
use alloc::vec::Vec;
use cadena_primitives::{
	applicable, CertificateId, CountryCode, MraId, MraTerms, NotRecognised, OperatorRole, PartyRef,
	Recognition, Side, Tin,
};
use cadena_runtime_api::{
	BenefitsChange, BenefitsView, Decision, DirectionBenefitsView, PartyDecision, RecognitionView,
	MAX_DECLARED_PARTIES, MAX_PAGE,
};
use pallet_aeo_certificates::CertificatesOf;

/// What a recognition question asks beyond "recognised?": the role the
/// party plays (any of its certificate's when `None`) and the side.
#[derive(Clone, Copy)]
struct Asked {
	role: Option<OperatorRole>,
	side: Option<Side>,
	/// Whether the reader has declared a business-continuity event.
	continuity: bool,
}

impl Asked {
	fn new(reader: CountryCode, role: Option<OperatorRole>, side: Option<Side>) -> Self {
		Self { role, side, continuity: Mra::in_continuity_event(reader) }
	}
}

/// The benefits that apply to a certificate `reader` recognises under an
/// MRA; none when not recognised, or recognised as its issuer's own.
fn benefits(
	id: &CertificateId,
	certificate: &CertificateOf,
	reader: CountryCode,
	recognition: &Recognition,
	asked: Asked,
) -> Option<BenefitsView> {
	let mra = recognition.mra.filter(|_| recognition.recognised)?;
	let set = Mra::benefits_of(mra, id.country, reader);
	let grants = applicable(
		&set.grants,
		certificate.aeo_type,
		&certificate.roles,
		asked.role,
		asked.side,
		asked.continuity,
	)
	.cloned()
	.collect();
	Some(BenefitsView { mra, issuer: id.country, recogniser: reader, version: set.version, grants })
}

/// One certificate's answer, with its benefits.
fn view_of(
	id: CertificateId,
	certificate: Option<&CertificateOf>,
	reader: CountryCode,
	mras: &[(MraId, MraTerms)],
	asked: Asked,
) -> RecognitionView {
	let recognition = recognition_of(&id, certificate, reader, mras);
	let benefits = certificate.and_then(|c| benefits(&id, c, reader, &recognition, asked));
	let suspended = recognition.reason == Some(NotRecognised::CertificateSuspended);
	let suspended_until =
		suspended.then(|| pallet_aeo_certificates::PlannedEnds::<Runtime>::get(&id)).flatten();
	RecognitionView { certificate: Some(id), recognition, benefits, suspended_until }
}

/// Whether `reader` recognises each certificate, with the benefits that
/// apply on every side to the roles it was granted for.
pub fn recognitions(ids: Vec<CertificateId>, reader: CountryCode) -> Vec<RecognitionView> {
	let mras = terms_of(reader);
	let asked = Asked::new(reader, None, None);
	ids.into_iter()
		.take(MAX_PAGE as usize)
		.map(|id| {
			let certificate = AeoCertificates::certificate(&id);
			view_of(id, certificate.as_ref(), reader, &mras, asked)
		})
		.collect()
}

/// Whether `reader` recognises `tin` through its best certificate: a
/// recognised one granted for the role asked, else a recognised one, else
/// the one whose reason comes last in the rule.
pub fn tin_recognition(
	tin: Tin,
	reader: CountryCode,
	role: Option<OperatorRole>,
	side: Option<Side>,
) -> RecognitionView {
	let mras = terms_of(reader);
	tin_view(&tin, reader, &mras, Asked::new(reader, role, side))
}

fn tin_view(
	tin: &Tin,
	reader: CountryCode,
	mras: &[(MraId, MraTerms)],
	asked: Asked,
) -> RecognitionView {
	CertificatesOf::<Runtime>::iter_key_prefix(tin)
		.take(MAX_PAGE as usize)
		.map(|id| {
			let certificate = AeoCertificates::certificate(&id);
			let in_role = certificate
				.as_ref()
				.is_some_and(|c| asked.role.is_none_or(|r| c.roles.contains(&r)));
			let view = view_of(id, certificate.as_ref(), reader, mras, asked);
			let grants = view.benefits.as_ref().map_or(0, |b| b.grants.len());
			((view.recognition.recognised, in_role, grants, view.recognition.reason), view)
		})
		.max_by(|(a, _), (b, _)| a.cmp(b))
		.map(|(_, view)| view)
		.unwrap_or_else(unknown)
}

/// The answer for a party that holds no certificate, or that nobody is.
fn unknown() -> RecognitionView {
	RecognitionView {
		certificate: None,
		recognition: Recognition::no(NotRecognised::UnknownCertificate),
		benefits: None,
		suspended_until: None,
	}
}

/// The inputs for a declaration lodged in `declaring` on `side`: each
/// party's recognition and the grants that apply to it in the role
/// declared, and their union. At most `MAX_DECLARED_PARTIES` parties.
pub fn decision(
	declaring: CountryCode,
	side: Side,
	parties: Vec<(OperatorRole, PartyRef)>,
) -> Decision {
	let mras = terms_of(declaring);
	let continuity = Mra::in_continuity_event(declaring);
	let parties: Vec<PartyDecision> = parties
		.into_iter()
		.take(MAX_DECLARED_PARTIES as usize)
		.map(|(role, party)| {
			let asked = Asked { role: Some(role), side: Some(side), continuity };
			let tin = match &party {
				PartyRef::Tin(tin) => Some(tin.clone()),
				PartyRef::Partner { issuer, id } => crate::TinRegistry::tin_of_partner(*issuer, id),
			};
			let recognition = match &tin {
				Some(tin) => tin_view(tin, declaring, &mras, asked),
				None => unknown(),
			};
			PartyDecision { role, party, tin, recognition }
		})
		.collect();
	let mut union: Vec<_> = parties
		.iter()
		.filter_map(|p| p.recognition.benefits.as_ref())
		.flat_map(|b| b.grants.iter().cloned())
		.collect();
	union.sort();
	union.dedup();
	Decision { declaring, side, parties, union }
}

/// Every direction's benefits under MRA `mra`, with any amendment waiting.
pub fn benefits_of_mra(mra: MraId) -> Vec<DirectionBenefitsView> {
	let mut views: Vec<_> = pallet_mra::Benefits::<Runtime>::iter_prefix(mra)
		.take(MAX_PAGE as usize)
		.map(|((issuer, recogniser), benefits)| DirectionBenefitsView {
			issuer,
			recogniser,
			benefits,
			scheduled: pallet_mra::Scheduled::<Runtime>::get(mra, (issuer, recogniser))
				.map(|s| (s.on, s.grants.into_inner())),
		})
		.collect();
	views.sort_by_key(|v| (v.issuer, v.recogniser));
	views
}

/// What the current block changed in the benefits, read from its events.
pub fn benefit_changes() -> Vec<BenefitsChange> {
	use pallet_mra::Event;
	System::read_events_no_consensus()
		.filter_map(|record| match record.event {
			RuntimeEvent::Mra(Event::BenefitsChanged {
				id,
				issuer,
				recogniser,
				version,
				grants,
			}) => Some(BenefitsChange::Amended {
				mra: id,
				issuer,
				recogniser,
				version,
				grants: grants.into_inner(),
			}),
			RuntimeEvent::Mra(Event::ContinuityDeclared { country, .. }) => {
				Some(BenefitsChange::Continuity { country, declared: true })
			}
			RuntimeEvent::Mra(Event::ContinuityEnded { country, .. }) => {
				Some(BenefitsChange::Continuity { country, declared: false })
			}
			_ => None,
		})
		.collect()
}
