//! Benefits: proposed with the MRA, amended only by both sides of a
//! direction on its day, and the recogniser's business-continuity events.

use super::*;
use cadena_primitives::{
	BenefitCode, Condition, DirectionBenefits, Grant, Grants, OperatorRole, Side,
};

fn grant(code: BenefitCode, roles: &[OperatorRole]) -> Grant {
	Grant {
		code,
		side: Side::Import,
		roles: roles.to_vec().try_into().unwrap(),
		aeo_types: scope(&[SS]),
		parameter: None,
		condition: Condition::Always,
	}
}

fn grants(list: &[Grant]) -> Grants {
	let mut list = list.to_vec();
	list.sort();
	list.try_into().unwrap()
}

/// What CR grants MX's exporters at import: priority clearance.
fn priority() -> Grants {
	grants(&[grant(BenefitCode::PriorityClearance, &[OperatorRole::Exporter])])
}

fn proposed(issuer: CountryCode, recogniser: CountryCode, grants: Grants) -> ProposedBenefits {
	ProposedBenefits { issuer, recogniser, grants }
}

fn propose_with(benefits: Vec<ProposedBenefits>) -> DispatchResult {
	Mra::propose(
		origin(Alice),
		b"MX-CR".to_vec(),
		vec![MX, CR],
		scope(&[SS]),
		None,
		TODAY,
		benefits,
	)
}

/// The pallet's events but the history's pruning (`MaxHistory` is 4 here).
fn told() -> Vec<Event<Test>> {
	events().into_iter().filter(|e| !matches!(e, Event::HistoryPruned { .. })).collect()
}

fn amend(key: Sr25519Keyring, id: MraId, grants: Grants, on: Day) -> DispatchResult {
	Mra::propose_benefits(origin(key), id, MX, CR, grants, on)
}

#[test]
fn benefits_proposed_with_the_mra_enter_into_force_with_it() {
	run(|| {
		assert_ok!(propose_with(vec![proposed(MX, CR, priority())]));
		assert_eq!(
			Mra::benefits_of(0, MX, CR),
			DirectionBenefits { version: 1, grants: priority() }
		);
		// A direction not named grants nothing, and says it was agreed so.
		assert_eq!(
			Mra::benefits_of(0, CR, MX),
			DirectionBenefits { version: 1, grants: grants(&[]) }
		);
		assert_ok!(sign(Bob, 0));
		assert_eq!(status(0), Some(InForce));
		assert_eq!(Mra::benefits_of(0, MX, CR).grants, priority());
	});
}

#[test]
fn bad_benefits_are_refused_with_the_fault() {
	run(|| {
		let mut bad_roles = grant(BenefitCode::FastLane, &[OperatorRole::Exporter]);
		bad_roles.roles = vec![].try_into().unwrap();
		let aeoc = Grant {
			aeo_types: scope(&[AeoType::CustomsSimplifications]),
			..grant(BenefitCode::FastLane, &[OperatorRole::Exporter])
		};
		let rate = grant(BenefitCode::FewerPhysicalControls, &[OperatorRole::Exporter]);
		let twice = {
			let g = grant(BenefitCode::FastLane, &[OperatorRole::Exporter]);
			Grants::try_from(vec![g.clone(), g]).unwrap()
		};
		let cases: Vec<(Vec<ProposedBenefits>, Error<Test>)> = vec![
			(vec![proposed(MX, PE, priority())], Error::BenefitsForNoDirection),
			(
				vec![proposed(MX, CR, priority()), proposed(MX, CR, priority())],
				Error::DuplicateBenefits,
			),
			(
				vec![
					proposed(MX, CR, priority()),
					proposed(CR, MX, priority()),
					proposed(MX, CR, priority()),
				],
				Error::BenefitsForNoDirection,
			),
			(vec![proposed(MX, CR, grants(&[bad_roles]))], Error::GrantWithoutRoles),
			(vec![proposed(MX, CR, grants(&[aeoc]))], Error::GrantAeoTypeOutOfScope),
			(vec![proposed(MX, CR, grants(&[rate]))], Error::GrantBadParameter),
			(vec![proposed(MX, CR, twice)], Error::GrantsNotSorted),
		];
		for (benefits, error) in cases {
			assert_noop!(propose_with(benefits), error);
		}
	});
}

#[test]
fn one_side_alone_changes_nothing_both_change_it_at_once() {
	run(|| {
		let id = in_force();
		assert_eq!(
			Mra::benefits_of(id, MX, CR),
			DirectionBenefits { version: 1, grants: grants(&[]) }
		);
		System::reset_events();
		assert_ok!(amend(Bob, id, priority(), TODAY));
		// Signed by CR alone: nothing changes.
		assert_eq!(Mra::benefits_of(id, MX, CR).version, 1);
		assert!(Mra::benefits_of(id, MX, CR).grants.is_empty());
		assert_eq!(
			told(),
			vec![Event::BenefitsProposed {
				id,
				issuer: MX,
				recogniser: CR,
				on: TODAY,
				by: account(Bob)
			}]
		);
		assert_noop!(sign(Bob, id), Error::<Test>::AlreadySigned);
		System::reset_events();
		assert_ok!(sign(Alice, id));
		assert_eq!(
			Mra::benefits_of(id, MX, CR),
			DirectionBenefits { version: 2, grants: priority() }
		);
		let changed: Vec<_> =
			told().into_iter().filter(|e| matches!(e, Event::BenefitsChanged { .. })).collect();
		assert_eq!(
			changed,
			vec![Event::BenefitsChanged {
				id,
				issuer: MX,
				recogniser: CR,
				version: 2,
				grants: priority()
			}]
		);
		let last = History::<Test>::get(id).last().cloned().unwrap();
		assert_eq!(
			last.action,
			MraAction::AmendBenefits { issuer: MX, recogniser: CR, version: 2 }
		);
		assert_eq!(last.by, Some(account(Alice)));
		// The other direction is untouched.
		assert_eq!(Mra::benefits_of(id, CR, MX).version, 1);
		assert!(Mras::<Test>::get(id).unwrap().motion.is_none());
	});
}

#[test]
fn an_amendment_applies_on_its_day_once() {
	run(|| {
		let id = in_force();
		assert_ok!(amend(Alice, id, priority(), TODAY + 2));
		assert_ok!(sign(Bob, id));
		assert_eq!(Mra::benefits_of(id, MX, CR).version, 1);
		assert_eq!(BenefitsDue::<Test>::get().to_vec(), vec![(TODAY + 2, id, (MX, CR))]);
		// One waits per direction.
		assert_noop!(amend(Alice, id, grants(&[]), TODAY + 3), Error::<Test>::AmendmentScheduled);
		next_day(TODAY + 1);
		assert_eq!(Mra::benefits_of(id, MX, CR).version, 1);
		System::reset_events();
		next_day(TODAY + 2);
		assert_eq!(
			Mra::benefits_of(id, MX, CR),
			DirectionBenefits { version: 2, grants: priority() }
		);
		assert_eq!(
			told(),
			vec![Event::BenefitsChanged {
				id,
				issuer: MX,
				recogniser: CR,
				version: 2,
				grants: priority()
			}]
		);
		assert!(
			BenefitsDue::<Test>::get().is_empty() && ScheduledOf::<Test>::iter().next().is_none()
		);
		System::reset_events();
		next_day(TODAY + 3);
		assert!(told().is_empty(), "applied once");
	});
}

#[test]
fn amendments_are_refused_with_the_fault() {
	run(|| {
		let id = in_force();
		let cases: Vec<(DispatchResult, DispatchError)> = vec![
			(amend(Charlie, id, priority(), TODAY), Error::<Test>::NotAParty.into()),
			(amend(Eve, id, priority(), TODAY), Error::<Test>::NotAdmin.into()),
			(amend(Ferdie, id, priority(), TODAY), Error::<Test>::NotOfficer.into()),
			(amend(Alice, id + 1, priority(), TODAY), Error::<Test>::UnknownMra.into()),
			(amend(Alice, id, priority(), TODAY - 1), Error::<Test>::EffectiveInPast.into()),
			(
				Mra::propose_benefits(origin(Alice), id, MX, PE, priority(), TODAY),
				Error::<Test>::NoSuchDirection.into(),
			),
			(
				amend(
					Alice,
					id,
					grants(&[grant(BenefitCode::RiskScoreReduction, &[OperatorRole::Exporter])]),
					TODAY,
				),
				Error::<Test>::GrantBadParameter.into(),
			),
		];
		for (result, error) in cases {
			assert_eq!(result, Err(error));
		}
		assert_ok!(amend(Alice, id, priority(), TODAY + 1));
		assert_noop!(amend(Bob, id, priority(), TODAY + 1), Error::<Test>::MotionPending);
		// The signature names the grants it approves.
		let other = MotionKind::AmendBenefits {
			issuer: MX,
			recogniser: CR,
			grants: grants(&[]),
			on: TODAY + 1,
		};
		assert_noop!(Mra::sign(origin(Bob), id, other), Error::<Test>::WrongMotion);
	});
}

#[test]
fn a_third_party_has_no_say_on_a_direction() {
	run(|| {
		assert_ok!(Mra::propose(
			origin(Alice),
			b"MX-CR-PE".to_vec(),
			vec![MX, CR, PE],
			scope(&[SS]),
			None,
			TODAY,
			Vec::new()
		));
		assert_ok!(sign(Bob, 0));
		assert_ok!(sign(Charlie, 0));
		assert_eq!(status(0), Some(InForce));
		assert_noop!(
			Mra::propose_benefits(origin(Charlie), 0, MX, CR, priority(), TODAY),
			Error::<Test>::NotOfDirection
		);
		assert_ok!(amend(Alice, 0, priority(), TODAY));
		assert_noop!(sign(Charlie, 0), Error::<Test>::NotOfDirection);
		assert_eq!(Mra::benefits_of(0, MX, CR).version, 1);
	});
}

#[test]
fn a_termination_drops_the_amendments_waiting() {
	run(|| {
		let id = in_force();
		assert_ok!(amend(Alice, id, priority(), TODAY + 1));
		assert_ok!(sign(Bob, id));
		assert_eq!(ScheduledOf::<Test>::get(MX), 1);
		// A side at its bound schedules no more (`MaxAwaitingPerCountry` is 1 here).
		let other = propose_as(Alice, &[MX, CR], TODAY);
		assert_ok!(sign(Bob, other));
		assert_ok!(amend(Alice, other, priority(), TODAY + 1));
		assert_noop!(sign(Bob, other), Error::<Test>::TooManyScheduled);
		assert_ok!(Mra::terminate(origin(Bob), id));
		assert!(BenefitsDue::<Test>::get().is_empty());
		assert!(
			Scheduled::<Test>::iter().next().is_none()
				&& ScheduledOf::<Test>::iter().next().is_none()
		);
		next_day(TODAY + 1);
		assert_eq!(Mra::benefits_of(id, MX, CR).version, 1);
	});
}

#[test]
fn a_new_partys_directions_start_with_none_agreed() {
	run(|| {
		let id = in_force();
		assert_ok!(Mra::propose_party(origin(Alice), id, PE, None));
		assert_ok!(sign(Bob, id));
		assert_ok!(sign(Charlie, id));
		assert_eq!(Mra::benefits_of(id, PE, MX), DirectionBenefits::default());
		assert_eq!(Mra::benefits_of(id, CR, PE), DirectionBenefits::default());
		assert_eq!(Mra::benefits_of(id, MX, CR).version, 1);
	});
}

#[test]
fn a_recogniser_declares_and_ends_its_continuity_event() {
	run(|| {
		assert!(!Mra::in_continuity_event(CR));
		assert_noop!(Mra::end_continuity(origin(Bob)), Error::<Test>::NoContinuityEvent);
		assert_noop!(Mra::declare_continuity(origin(Eve)), Error::<Test>::NotAdmin);
		assert_noop!(Mra::declare_continuity(origin(Ferdie)), Error::<Test>::NotOfficer);
		assert_ok!(Mra::declare_continuity(origin(Bob)));
		assert!(Mra::in_continuity_event(CR) && !Mra::in_continuity_event(MX));
		assert_noop!(
			Mra::declare_continuity(origin(Bob)),
			Error::<Test>::ContinuityAlreadyDeclared
		);
		assert_ok!(Mra::end_continuity(origin(Bob)));
		assert!(!Mra::in_continuity_event(CR));
		assert_eq!(
			events(),
			vec![
				Event::ContinuityDeclared { country: CR, by: account(Bob) },
				Event::ContinuityEnded { country: CR, by: account(Bob) },
			]
		);
	});
}
