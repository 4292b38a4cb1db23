//! Benefits through the composed runtime: what each recognition answer and a
//! declaration's decision carry.

use super::*;
use crate::cadena_api::benefits::{decision, recognitions, tin_recognition};
use cadena_primitives::{
	AeoType, BenefitCode, CertificateId, Condition, CountryCode, Grant, Grants, NotRecognised,
	OperatorRole::{self, *},
	Side, Tin, MILLIS_PER_DAY,
};

const MX: CountryCode = CountryCode(*b"MX");
const CR: CountryCode = CountryCode(*b"CR");
const PE: CountryCode = CountryCode(*b"PE");
const TODAY: u32 = 20_513;

fn grant(code: BenefitCode, side: Side, roles: &[OperatorRole], condition: Condition) -> Grant {
	let parameter = code_takes_rate(&code).then_some(200);
	Grant {
		code,
		side,
		roles: roles.to_vec().try_into().unwrap(),
		aeo_types: vec![AeoType::SecurityAndSafety].try_into().unwrap(),
		parameter,
		condition,
	}
}

fn party(tin: &Tin) -> cadena_primitives::PartyRef {
	cadena_primitives::PartyRef::Tin(tin.clone())
}

fn code_takes_rate(code: &BenefitCode) -> bool {
	matches!(code, BenefitCode::FewerPhysicalControls)
}

fn sorted(mut grants: Vec<Grant>) -> Grants {
	grants.sort();
	grants.try_into().unwrap()
}

/// What CR grants MX's AEOs: at import, priority clearance to exporters and
/// manufacturers, fewer physical controls to exporters, business continuity
/// to exporters during an event; at export, prior notification to the
/// importers it ships to.
fn mx_to_cr() -> Grants {
	sorted(vec![
		grant(
			BenefitCode::PriorityClearance,
			Side::Import,
			&[Exporter, Manufacturer],
			Condition::Always,
		),
		grant(BenefitCode::FewerPhysicalControls, Side::Import, &[Exporter], Condition::Always),
		grant(
			BenefitCode::BusinessContinuity,
			Side::Import,
			&[Exporter],
			Condition::DuringContinuityEvent,
		),
		grant(BenefitCode::PriorNotification, Side::Export, &[Importer], Condition::Always),
	])
}

fn certificate(
	number: &str,
	tin: &Tin,
	roles: &[OperatorRole],
) -> pallet_aeo_certificates::NewCertificate {
	pallet_aeo_certificates::NewCertificate {
		number: number.as_bytes().to_vec(),
		data: pallet_aeo_certificates::CertificateData {
			holder: tin.to_bytes(),
			aeo_type: AeoType::SecurityAndSafety,
			roles: roles.to_vec().try_into().unwrap(),
			authorized_on: TODAY,
		},
		expires_on: TODAY + 30,
	}
}

/// An MX–CR MRA in force with [`mx_to_cr`], an MX exporter, an MX broker.
fn with_an_mra(test: impl FnOnce(Tin, Tin)) {
	externalities(local_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		pallet_timestamp::Now::<Runtime>::put(TODAY as u64 * MILLIS_PER_DAY);
		let benefits =
			vec![pallet_mra::ProposedBenefits { issuer: MX, recogniser: CR, grants: mx_to_cr() }];
		let scope = vec![AeoType::SecurityAndSafety].try_into().unwrap();
		Mra::propose(
			signed("//Alice"),
			b"MX-CR".to_vec(),
			vec![MX, CR],
			scope,
			None,
			TODAY,
			benefits,
		)
		.unwrap();
		Mra::sign(signed("//Bob"), 0, pallet_mra::MotionKind::EnterIntoForce).unwrap();
		let (exporter, broker) =
			(Tin::parse(b"MXAAA010101AAA").unwrap(), Tin::parse(b"MXBRK010101AAA").unwrap());
		for (tin, number, roles) in [
			(&exporter, "AEO-1", &[Exporter, Importer][..]),
			(&broker, "AEO-2", &[CustomsBroker][..]),
		] {
			TinRegistry::register(signed("//Alice//registrar"), tin.to_bytes(), trader_data())
				.unwrap();
			AeoCertificates::grant(signed("//Alice//approver"), certificate(number, tin, roles))
				.unwrap();
		}
		test(exporter, broker);
		pallet_mra::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

#[test]
fn a_recognition_carries_the_grants_for_the_certificates_roles() {
	with_an_mra(|exporter, broker| {
		let answer = tin_recognition(exporter.clone(), CR, None, None);
		assert!(answer.recognition.recognised);
		let benefits = answer.benefits.expect("recognised under an MRA");
		assert_eq!(
			(benefits.mra, benefits.issuer, benefits.recogniser, benefits.version),
			(0, MX, CR, 1)
		);
		// Every grant for an exporter or an importer, but continuity: none declared.
		let expected: Vec<_> =
			mx_to_cr().into_iter().filter(|g| g.condition == Condition::Always).collect();
		assert_eq!(benefits.grants, expected);
		// A broker gets nothing an exporter gets.
		let broker_answer = tin_recognition(broker, CR, None, None);
		assert!(broker_answer.recognition.recognised);
		assert!(broker_answer.benefits.unwrap().grants.is_empty());
		// MX's own certificate: recognised, no MRA, no benefits.
		let own = tin_recognition(exporter.clone(), MX, None, None);
		assert!(own.recognition.recognised && own.benefits.is_none());
		// PE has no MRA: no benefits, and the reason.
		let pe = tin_recognition(exporter, PE, None, None);
		assert_eq!(pe.recognition.reason, Some(NotRecognised::NoMra));
		assert!(pe.benefits.is_none());
		let id = CertificateId::new(MX, b"AEO-1").unwrap();
		assert_eq!(recognitions(vec![id], CR)[0].benefits.as_ref().unwrap().grants, expected);
	});
}

#[test]
fn a_decision_answers_each_party_in_the_role_declared() {
	with_an_mra(|exporter, broker| {
		let at_import = decision(
			CR,
			Side::Import,
			vec![(Exporter, party(&exporter)), (Exporter, party(&broker))],
		);
		let grants = |i: usize| at_import.parties[i].recognition.benefits.clone().unwrap().grants;
		let exporter_grants: Vec<_> = mx_to_cr()
			.into_iter()
			.filter(|g| g.side == Side::Import && g.condition == Condition::Always)
			.collect();
		assert_eq!(grants(0), exporter_grants);
		// The broker declared as exporter: recognised, and nothing an exporter gets.
		assert!(at_import.parties[1].recognition.recognition.recognised);
		assert!(grants(1).is_empty());
		assert_eq!(at_import.union, exporter_grants);
		// A CR export to an MX AEO importer: CR's export grants.
		let at_export = decision(CR, Side::Export, vec![(Importer, party(&exporter))]);
		let export_grants: Vec<_> =
			mx_to_cr().into_iter().filter(|g| g.side == Side::Export).collect();
		assert_eq!(at_export.union, export_grants);
		// PE: nothing, with the reason.
		let at_pe = decision(PE, Side::Import, vec![(Exporter, party(&exporter))]);
		assert_eq!(at_pe.parties[0].recognition.recognition.reason, Some(NotRecognised::NoMra));
		assert!(at_pe.union.is_empty());
		// At most 16 parties are answered.
		let many = vec![(Exporter, party(&exporter)); 20];
		assert_eq!(decision(CR, Side::Import, many).parties.len(), 16);

		// A continuity event declared by CR turns its continuity grants on, and off.
		Mra::declare_continuity(signed("//Bob")).unwrap();
		let during = decision(CR, Side::Import, vec![(Exporter, party(&exporter))]);
		assert!(during.union.iter().any(|g| g.code == BenefitCode::BusinessContinuity));
		Mra::end_continuity(signed("//Bob")).unwrap();
		let after = decision(CR, Side::Import, vec![(Exporter, party(&exporter))]);
		assert_eq!(after.union, exporter_grants);

		// Suspended: no benefits, and the reason.
		let id = CertificateId::new(MX, b"AEO-1").unwrap();
		AeoCertificates::suspend(signed("//Alice//approver"), id.clone(), 12, vec![]).unwrap();
		// Its administration plans the suspension to end in ten days: partners see it.
		let until = Some(TODAY + 10);
		AeoCertificates::plan_suspension_end(signed("//Alice//approver"), id, until).unwrap();
		let suspended = decision(CR, Side::Import, vec![(Exporter, party(&exporter))]);
		let party = &suspended.parties[0].recognition;
		assert_eq!(party.recognition.reason, Some(NotRecognised::CertificateSuspended));
		assert!(party.benefits.is_none() && suspended.union.is_empty());
		assert_eq!(party.suspended_until, Some(TODAY + 10));
	});
}

#[test]
fn an_amendment_signed_by_both_changes_every_answer_one_version_up() {
	with_an_mra(|exporter, _| {
		let fewer = sorted(vec![grant(
			BenefitCode::FastLane,
			Side::Import,
			&[Exporter],
			Condition::Always,
		)]);
		Mra::propose_benefits(signed("//Bob"), 0, MX, CR, fewer.clone(), TODAY).unwrap();
		// CR alone changes nothing.
		assert_eq!(tin_recognition(exporter.clone(), CR, None, None).benefits.unwrap().version, 1);
		let motion = pallet_mra::MotionKind::AmendBenefits {
			issuer: MX,
			recogniser: CR,
			grants: fewer.clone(),
			on: TODAY,
		};
		Mra::sign(signed("//Alice"), 0, motion).unwrap();
		let benefits = tin_recognition(exporter, CR, None, None).benefits.unwrap();
		assert_eq!((benefits.version, benefits.grants), (2, fewer.to_vec()));
		let views = crate::cadena_api::benefits::benefits_of_mra(0);
		assert_eq!(
			views.iter().map(|v| (v.issuer, v.recogniser, v.benefits.version)).collect::<Vec<_>>(),
			vec![(CR, MX, 1), (MX, CR, 2)]
		);
	});
}

#[test]
fn a_partner_identifier_answers_as_the_tin_it_names() {
	use cadena_primitives::{PartnerId, PartyRef};
	with_an_mra(|exporter, _| {
		let mid = PartnerId::parse(b"MID:MXAAAMAN1234GUA").unwrap();
		let ids = vec![mid.clone()].try_into().unwrap();
		TinRegistry::set_partner_ids(signed("//Alice//registrar"), exporter.to_bytes(), ids)
			.unwrap();
		let by_tin = decision(CR, Side::Import, vec![(Exporter, party(&exporter))]);
		let by_mid = PartyRef::Partner { issuer: MX, id: mid.clone() };
		let by_id = decision(CR, Side::Import, vec![(Exporter, by_mid.clone())]);
		assert_eq!(by_id.parties[0].recognition, by_tin.parties[0].recognition);
		assert_eq!(by_id.parties[0].tin, Some(exporter.clone()));
		assert_eq!(by_id.parties[0].party, by_mid);
		assert_eq!(by_id.union, by_tin.union);
		// Only the country that recorded it answers for it.
		let elsewhere = PartyRef::Partner { issuer: CR, id: mid };
		let nobody = decision(CR, Side::Import, vec![(Exporter, elsewhere)]);
		assert_eq!(nobody.parties[0].tin, None);
		assert_eq!(
			nobody.parties[0].recognition.recognition.reason,
			Some(NotRecognised::UnknownCertificate)
		);
		assert!(nobody.union.is_empty());
	});
}
