//! Tests of every dispatchable's success and errors, every refused origin,
//! entry into force at the effective date, and the history's bound.

use crate::mock::Mra;
use crate::{mock::*, *};
use cadena_primitives::{AeoType, MILLIS_PER_DAY};
use frame_support::{assert_noop, assert_ok, traits::Hooks};
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::DispatchError;
use MraStatus::*;

const SS: AeoType = AeoType::SecurityAndSafety;

fn origin(key: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(key))
}

fn propose_as(key: Sr25519Keyring, parties: &[CountryCode], effective_on: Day) -> MraId {
	let id = NextMraId::<Test>::get();
	assert_ok!(Mra::propose(
		origin(key),
		b"MX-CR AEO MRA".to_vec(),
		parties.to_vec(),
		scope(&[SS]),
		None,
		effective_on,
		Vec::new()
	));
	id
}

/// An MX–CR MRA, proposed by MX and signed by CR: in force today.
fn in_force() -> MraId {
	let id = propose_as(Alice, &[MX, CR], TODAY);
	assert_ok!(sign(Bob, id));
	assert_eq!(status(id), Some(InForce));
	id
}

fn status(id: MraId) -> Option<MraStatus> {
	Mras::<Test>::get(id).map(|m| m.terms.status)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Mra(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn parties(countries: &[CountryCode]) -> Parties {
	countries.to_vec().try_into().unwrap()
}

fn pairs(pairs: &[(CountryCode, CountryCode)]) -> Directions {
	pairs.to_vec().try_into().unwrap()
}

fn scope(types: &[AeoType]) -> Scope {
	types.to_vec().try_into().unwrap()
}

/// `key` signs the motion waiting on `id`, naming it.
fn sign(key: Sr25519Keyring, id: MraId) -> DispatchResult {
	let kind =
		Mras::<Test>::get(id).and_then(|m| m.motion).map_or(MotionKind::EnterIntoForce, |m| m.kind);
	Mra::sign(origin(key), id, kind)
}

fn next_day(day: Day) {
	System::set_block_number(System::block_number() + 1);
	Now::set(day as u64 * MILLIS_PER_DAY);
	Mra::on_poll(System::block_number(), &mut frame_support::weights::WeightMeter::new());
}

#[test]
fn an_admin_of_a_party_proposes_and_signs() {
	run(|| {
		let id = propose_as(Alice, &[MX, CR], TODAY + 10);
		let mra = Mras::<Test>::get(id).unwrap();
		assert_eq!(mra.name.to_vec(), b"MX-CR AEO MRA".to_vec());
		assert_eq!(mra.terms.parties, parties(&[CR, MX]));
		assert_eq!(mra.terms.directions, pairs(&[(CR, MX), (MX, CR)]));
		assert_eq!(mra.terms.scope.to_vec(), vec![SS]);
		assert_eq!(mra.terms.status, Proposed);
		assert_eq!(mra.motion.unwrap().signed.to_vec(), vec![MX]);
		assert!(MrasOf::<Test>::get(MX).contains(&id) && MrasOf::<Test>::get(CR).contains(&id));
		assert_eq!(NextMraId::<Test>::get(), id + 1);
		assert_eq!(
			events(),
			vec![Event::Proposed { id, parties: parties(&[CR, MX]), by: account(Alice) }]
		);
		let history = History::<Test>::get(id);
		assert_eq!((history[0].action.clone(), history[0].to), (MraAction::Propose, Proposed));
	});
}

#[test]
fn a_one_way_mra_keeps_its_directions() {
	run(|| {
		assert_ok!(Mra::propose(
			origin(Alice),
			b"CR recognises MX".to_vec(),
			vec![MX, CR],
			scope(&[SS, AeoType::Both, SS]),
			Some(pairs(&[(MX, CR)])),
			TODAY,
			Vec::new()
		));
		let terms = Mras::<Test>::get(0).unwrap().terms;
		assert_eq!(terms.directions, pairs(&[(MX, CR)]));
		assert_eq!(terms.scope.to_vec(), vec![SS, AeoType::Both]);
	});
}

#[test]
fn bad_proposals_are_refused_with_the_fault() {
	run(|| {
		let propose = |key, name: &[u8], parties: Vec<CountryCode>, scope, directions, day| {
			Mra::propose(origin(key), name.to_vec(), parties, scope, directions, day, Vec::new())
		};
		let many: Vec<CountryCode> = cadena_primitives::ISO_3166_1_ALPHA_2
			.iter()
			.map(|c| CountryCode(*c))
			.filter(|c| *c != ZW && *c != MX)
			.take(16)
			.chain([MX])
			.collect();
		let n = b"MRA";
		let cases: Vec<(DispatchResult, Error<Test>)> = vec![
			(propose(Ferdie, n, vec![MX, CR], scope(&[SS]), None, TODAY), Error::NotOfficer),
			(propose(Eve, n, vec![MX, CR], scope(&[SS]), None, TODAY), Error::NotAdmin),
			(propose(Charlie, n, vec![MX, CR], scope(&[SS]), None, TODAY), Error::NotAParty),
			(
				propose(Alice, n, vec![MX, CountryCode(*b"XX")], scope(&[SS]), None, TODAY),
				Error::UnknownCountry,
			),
			(
				propose(Alice, n, vec![MX, CountryCode(*b"cr")], scope(&[SS]), None, TODAY),
				Error::UnknownCountry,
			),
			(
				propose(Alice, n, vec![MX, ZW], scope(&[SS]), None, TODAY),
				Error::PartyNotActiveMember,
			),
			(propose(Alice, n, vec![MX, CR, MX], scope(&[SS]), None, TODAY), Error::DuplicateParty),
			(propose(Alice, n, vec![MX], scope(&[SS]), None, TODAY), Error::TooFewParties),
			(propose(Alice, n, many, scope(&[SS]), None, TODAY), Error::TooManyParties),
			(propose(Alice, b"", vec![MX, CR], scope(&[SS]), None, TODAY), Error::EmptyName),
			(
				propose(Alice, &[b'n'; 33], vec![MX, CR], scope(&[SS]), None, TODAY),
				Error::NameTooLong,
			),
			(propose(Alice, n, vec![MX, CR], scope(&[]), None, TODAY), Error::EmptyScope),
			(
				propose(Alice, n, vec![MX, CR], scope(&[SS]), Some(pairs(&[])), TODAY),
				Error::NoDirections,
			),
			(
				propose(Alice, n, vec![MX, CR], scope(&[SS]), Some(pairs(&[(MX, MX)])), TODAY),
				Error::InvalidDirection,
			),
			(
				propose(Alice, n, vec![MX, CR], scope(&[SS]), Some(pairs(&[(MX, PE)])), TODAY),
				Error::InvalidDirection,
			),
			(
				propose(Alice, n, vec![MX, CR], scope(&[SS]), None, TODAY - 1),
				Error::EffectiveInPast,
			),
		];
		for (result, error) in cases {
			assert_eq!(result, Err(error.into()));
		}
		assert_noop!(
			Mra::propose(
				RuntimeOrigin::root(),
				n.to_vec(),
				vec![MX, CR],
				scope(&[SS]),
				None,
				TODAY,
				Vec::new()
			),
			DispatchError::BadOrigin
		);
		assert_eq!(NextMraId::<Test>::get(), 0);
		suspend_administration(CR);
		assert_noop!(
			Mra::propose(
				origin(Alice),
				n.to_vec(),
				vec![MX, CR],
				scope(&[SS]),
				None,
				TODAY,
				Vec::new()
			),
			Error::<Test>::PartyNotActiveMember
		);
	});
}

#[test]
fn it_enters_into_force_once_all_signed_at_its_date() {
	run(|| {
		let id = propose_as(Alice, &[MX, CR, PE], TODAY + 2);
		assert_ok!(sign(Bob, id));
		assert_eq!(status(id), Some(Proposed));
		System::reset_events();
		assert_ok!(sign(Charlie, id));
		// All signed; waiting for its date.
		assert_eq!(status(id), Some(Proposed));
		assert_eq!(Awaiting::<Test>::get().to_vec(), vec![(TODAY + 2, id)]);
		assert_eq!(Mras::<Test>::get(id).unwrap().motion, None);
		assert_noop!(sign(Alice, id), Error::<Test>::NoMotion);
		next_day(TODAY + 1);
		assert_eq!(status(id), Some(Proposed));
		next_day(TODAY + 2);
		assert_eq!(status(id), Some(InForce));
		assert!(Awaiting::<Test>::get().is_empty());
		assert!(events().contains(&Event::StatusChanged {
			id,
			parties: parties(&[CR, MX, PE]),
			from: Proposed,
			to: InForce,
			by: None,
		}));
	});
}

#[test]
fn signatures_are_refused_with_the_fault() {
	run(|| {
		let id = propose_as(Alice, &[MX, CR], TODAY + 1);
		assert_noop!(sign(Bob, 99), Error::<Test>::UnknownMra);
		assert_noop!(sign(Charlie, id), Error::<Test>::NotAParty);
		assert_noop!(sign(Alice, id), Error::<Test>::AlreadySigned);
		assert_noop!(sign(Eve, id), Error::<Test>::NotAdmin);
		assert_noop!(sign(Ferdie, id), Error::<Test>::NotOfficer);
		// Only one may wait for its date per party at once in the mock.
		assert_ok!(sign(Bob, id));
		let second = propose_as(Alice, &[MX, CR], TODAY + 1);
		assert_noop!(sign(Bob, second), Error::<Test>::TooManyAwaitingForParty);
		assert_ok!(Mra::terminate(origin(Bob), second));
		assert_noop!(sign(Bob, second), Error::<Test>::Terminated);
	});
}

#[test]
fn any_party_suspends_and_all_resume() {
	run(|| {
		let id = in_force();
		assert_noop!(Mra::resume(origin(Alice), id), Error::<Test>::NotSuspended);
		assert_noop!(Mra::suspend(origin(Charlie), id), Error::<Test>::NotAParty);
		assert_noop!(Mra::suspend(origin(Eve), id), Error::<Test>::NotAdmin);
		System::reset_events();
		assert_ok!(Mra::suspend(origin(Bob), id));
		assert_eq!(status(id), Some(Suspended));
		assert!(events().contains(&Event::StatusChanged {
			id,
			parties: parties(&[CR, MX]),
			from: InForce,
			to: Suspended,
			by: Some(account(Bob)),
		}));
		assert_noop!(Mra::suspend(origin(Alice), id), Error::<Test>::NotInForce);
		assert_ok!(Mra::resume(origin(Alice), id));
		assert_noop!(Mra::resume(origin(Bob), id), Error::<Test>::MotionPending);
		assert_noop!(sign(Alice, id), Error::<Test>::AlreadySigned);
		assert_eq!(status(id), Some(Suspended));
		assert_ok!(sign(Bob, id));
		assert_eq!(status(id), Some(InForce));
	});
}

#[test]
fn a_new_party_needs_every_party_and_itself() {
	run(|| {
		let proposed = propose_as(Alice, &[MX, CR], TODAY + 1);
		assert_noop!(
			Mra::propose_party(origin(Alice), proposed, PE, None),
			Error::<Test>::NotInForce
		);
		let id = in_force();
		let refused: Vec<(DispatchResult, Error<Test>)> = vec![
			(Mra::propose_party(origin(Alice), id, CR, None), Error::AlreadyParty),
			(Mra::propose_party(origin(Alice), id, ZW, None), Error::PartyNotActiveMember),
			(
				Mra::propose_party(origin(Alice), id, CountryCode(*b"XX"), None),
				Error::UnknownCountry,
			),
			(
				Mra::propose_party(origin(Alice), id, PE, Some(pairs(&[(PE, CO)]))),
				Error::InvalidDirection,
			),
			(Mra::propose_party(origin(Charlie), id, PE, None), Error::NotAParty),
		];
		for (result, error) in refused {
			assert_eq!(result, Err(error.into()));
		}
		assert_ok!(Mra::propose_party(origin(Alice), id, PE, Some(pairs(&[(MX, PE)]))));
		assert_noop!(Mra::propose_party(origin(Bob), id, CO, None), Error::<Test>::MotionPending);
		assert_noop!(sign(Dave, id), Error::<Test>::NotAParty);
		// The newcomer signs before the last existing party: not yet a party.
		assert_ok!(sign(Charlie, id));
		assert!(!Mras::<Test>::get(id).unwrap().terms.parties.contains(&PE));
		assert_ok!(sign(Bob, id));
		let terms = Mras::<Test>::get(id).unwrap().terms;
		assert_eq!(terms.parties, parties(&[CR, MX, PE]));
		assert_eq!(terms.directions, pairs(&[(CR, MX), (MX, CR), (MX, PE)]));
		assert!(MrasOf::<Test>::get(PE).contains(&id));
		assert!(events().contains(&Event::PartyAdded {
			id,
			country: PE,
			parties: parties(&[CR, MX, PE])
		}));
	});
}

#[test]
fn a_suspension_drops_a_pending_new_party() {
	run(|| {
		let id = in_force();
		assert_ok!(Mra::propose_party(origin(Alice), id, PE, None));
		assert_ok!(Mra::suspend(origin(Bob), id));
		assert_eq!(Mras::<Test>::get(id).unwrap().motion, None);
		assert_noop!(sign(Charlie, id), Error::<Test>::NoMotion);
	});
}

#[test]
fn any_party_terminates_for_good() {
	for before in [Proposed, InForce, Suspended] {
		run(|| {
			let id = match before {
				Proposed => {
					let id = propose_as(Alice, &[MX, CR], TODAY + 5);
					assert_ok!(sign(Bob, id));
					id
				}
				InForce => in_force(),
				_ => {
					let id = in_force();
					assert_ok!(Mra::suspend(origin(Alice), id));
					id
				}
			};
			assert_noop!(Mra::terminate(origin(Charlie), id), Error::<Test>::NotAParty);
			assert_ok!(Mra::terminate(origin(Bob), id));
			assert_eq!(status(id), Some(Terminated));
			assert!(Awaiting::<Test>::get().is_empty());
			assert_noop!(Mra::terminate(origin(Alice), id), Error::<Test>::Terminated);
			assert_noop!(Mra::suspend(origin(Alice), id), Error::<Test>::Terminated);
			assert_noop!(Mra::resume(origin(Alice), id), Error::<Test>::Terminated);
			assert_noop!(
				Mra::propose_party(origin(Alice), id, PE, None),
				Error::<Test>::Terminated
			);
			next_day(TODAY + 5);
			assert_eq!(status(id), Some(Terminated));
		});
	}
}

#[test]
fn a_suspended_administration_can_do_nothing() {
	run(|| {
		let id = propose_as(Alice, &[MX, CR], TODAY);
		suspend_administration(CR);
		assert_noop!(sign(Bob, id), Error::<Test>::NotOfficer);
	});
}

#[test]
fn history_is_bounded_and_pruned_into_a_hash_chain() {
	run(|| {
		let id = in_force();
		// Propose, sign, all signed, in force: four entries, the bound.
		assert_eq!(History::<Test>::get(id).len(), 4);
		assert_eq!(Pruned::<Test>::get(id), None);
		let first = History::<Test>::get(id)[0].clone();
		assert_ok!(Mra::suspend(origin(Alice), id));
		let mut expected = PrunedHistory::default();
		expected.fold(&first);
		assert_eq!(Pruned::<Test>::get(id), Some(expected.clone()));
		assert_eq!(History::<Test>::get(id).last().unwrap().to, Suspended);
		assert!(events().contains(&Event::HistoryPruned { id, count: 1, digest: expected.digest }));
	});
}

/// Issue #12, fault 10: `NextMraId` saturated, so the MRA numbered `MraId::MAX`
/// would have been overwritten by the next proposal.
#[test]
fn the_last_mra_number_is_never_given_twice() {
	run(|| {
		NextMraId::<Test>::put(MraId::MAX - 1);
		let last = propose_as(Alice, &[MX, CR], TODAY);
		assert_eq!(last, MraId::MAX - 1);
		assert_noop!(
			Mra::propose(
				origin(Alice),
				b"another".to_vec(),
				vec![MX, CR],
				scope(&[SS]),
				None,
				TODAY,
				Vec::new()
			),
			Error::<Test>::NoMraNumberLeft
		);
		assert_eq!(
			Mras::<Test>::get(last).map(|m| m.name.to_vec()),
			Some(b"MX-CR AEO MRA".to_vec())
		);
	});
}

/// Issue #12, fault 2: terminated MRAs stayed in the index every recognition
/// query reads, for ever.
#[test]
fn terminated_mras_leave_the_index_for_the_archive() {
	run(|| {
		let id = in_force();
		let other = propose_as(Alice, &[MX, PE], TODAY);
		assert_ok!(Mra::terminate(origin(Bob), id));
		assert_eq!(MrasOf::<Test>::get(MX).to_vec(), vec![other]);
		assert!(!MrasOf::<Test>::contains_key(CR));
		assert!(Archived::<Test>::contains_key(MX, id) && Archived::<Test>::contains_key(CR, id));
		assert_eq!(Mra::mras_of(MX).iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![other]);
		assert!(Mra::mras_of(CR).is_empty());
	});
}

/// Issue #12, fault 2: one Admin could name every other country in unlimited
/// MRAs, and every recognition query of theirs read them all.
#[test]
fn one_administration_cannot_flood_the_index() {
	run(|| {
		// Two open proposals per proposer in the mock.
		let first = propose_as(Alice, &[MX, CR], TODAY);
		propose_as(Alice, &[MX, CR], TODAY);
		assert_noop!(
			Mra::propose(
				origin(Alice),
				b"3".to_vec(),
				vec![MX, CR],
				scope(&[SS]),
				None,
				TODAY,
				Vec::new()
			),
			Error::<Test>::TooManyProposals
		);
		// Signed by all, a proposal is no longer open.
		assert_ok!(sign(Bob, first));
		assert!(!OpenProposals::<Test>::get(MX).contains(&first));
		propose_as(Alice, &[MX, CR], TODAY);
		// CR is party to three live MRAs; four at most in the mock.
		let fourth = propose_as(Bob, &[CR, MX], TODAY);
		assert_eq!(MrasOf::<Test>::get(CR).len(), 4);
		assert_noop!(
			Mra::propose(
				origin(Charlie),
				b"5".to_vec(),
				vec![PE, CR],
				scope(&[SS]),
				None,
				TODAY,
				Vec::new()
			),
			Error::<Test>::TooManyMras
		);
		// A full country cannot be added to an MRA in force either.
		let pe_co = {
			let id = propose_as(Charlie, &[PE, CO], TODAY);
			assert_ok!(sign(Dave, id));
			id
		};
		assert_noop!(
			Mra::propose_party(origin(Charlie), pe_co, CR, None),
			Error::<Test>::TooManyMras
		);
		// The country named frees itself: terminating withdraws a proposal.
		assert_ok!(Mra::terminate(origin(Bob), fourth));
		assert_ok!(Mra::propose(
			origin(Charlie),
			b"5".to_vec(),
			vec![PE, CR],
			scope(&[SS]),
			None,
			TODAY,
			Vec::new()
		));
	});
}

/// Issue #12, fault 3: `scope` and `directions` were unbounded vectors that a
/// weight by parties alone did not pay for, and directions were truncated.
#[test]
fn oversized_or_repeated_inputs_are_refused_never_truncated() {
	use codec::{Decode, Encode};
	run(|| {
		// Four AEO types: the call does not even decode (a transaction with it
		// is refused by the pool).
		let too_many_types = (
			0u8,
			b"MRA".to_vec(),
			vec![MX, CR],
			vec![SS, SS, SS, SS],
			None::<Vec<(CountryCode, CountryCode)>>,
			TODAY,
			Vec::<u8>::new(),
		)
			.encode();
		assert!(crate::Call::<Test>::decode(&mut &too_many_types[..]).is_err());
		let no_benefits = Vec::<ProposedBenefits>::new();
		let fits =
			(0u8, b"MRA".to_vec(), vec![MX, CR], vec![SS], None::<Vec<u8>>, TODAY, no_benefits)
				.encode();
		assert!(crate::Call::<Test>::decode(&mut &fits[..]).is_ok());
		// More directions than 16 parties can have: does not decode either.
		let directions = vec![(MX, CR); (MAX_PARTIES * (MAX_PARTIES - 1) + 1) as usize];
		let too_many_directions = (
			0u8,
			b"MRA".to_vec(),
			vec![MX, CR],
			vec![SS],
			Some(directions),
			TODAY,
			Vec::<u8>::new(),
		)
			.encode();
		assert!(crate::Call::<Test>::decode(&mut &too_many_directions[..]).is_err());
		// More grants than a direction holds: does not decode.
		let grant = cadena_primitives::Grant {
			code: cadena_primitives::BenefitCode::FastLane,
			side: cadena_primitives::Side::Import,
			roles: vec![cadena_primitives::OperatorRole::Exporter].try_into().unwrap(),
			aeo_types: scope(&[SS]),
			parameter: None,
			condition: cadena_primitives::Condition::Always,
		};
		let grants = vec![grant; cadena_primitives::MAX_GRANTS as usize + 1];
		let too_many_grants = (6u8, 0u32, MX, CR, grants, TODAY).encode();
		assert!(crate::Call::<Test>::decode(&mut &too_many_grants[..]).is_err());
		// A direction named twice is refused, not deduplicated.
		assert_noop!(
			Mra::propose(
				origin(Alice),
				b"MRA".to_vec(),
				vec![MX, CR],
				scope(&[SS]),
				Some(pairs(&[(MX, CR), (CR, MX), (MX, CR)])),
				TODAY,
				Vec::new()
			),
			Error::<Test>::DuplicateDirection
		);
		let id = in_force();
		assert_noop!(
			Mra::propose_party(origin(Alice), id, PE, Some(pairs(&[(PE, MX), (PE, MX)]))),
			Error::<Test>::DuplicateDirection
		);
		// Parties beyond the bound are refused before any is looked up.
		let many = vec![ZW; 1_000];
		assert_noop!(
			Mra::propose(
				origin(Alice),
				b"MRA".to_vec(),
				many,
				scope(&[SS]),
				None,
				TODAY,
				Vec::new()
			),
			Error::<Test>::TooManyParties
		);
	});
}

/// Issue #12, fault 4: with `None`, adding a party rewrote every direction
/// both ways: a one-way MRA became two-way.
#[test]
fn adding_a_party_to_a_one_way_mra_keeps_it_one_way() {
	run(|| {
		assert_ok!(Mra::propose(
			origin(Alice),
			b"CR recognises MX".to_vec(),
			vec![MX, CR],
			scope(&[SS]),
			Some(pairs(&[(MX, CR)])),
			TODAY,
			Vec::new()
		));
		assert_ok!(sign(Bob, 0));
		assert_ok!(Mra::propose_party(origin(Alice), 0, PE, None));
		assert_ok!(sign(Bob, 0));
		assert_ok!(sign(Charlie, 0));
		let terms = Mras::<Test>::get(0).unwrap().terms;
		assert_eq!(terms.parties, parties(&[CR, MX, PE]));
		assert!(terms.recognises(MX, CR) && !terms.recognises(CR, MX), "still one way");
		assert_eq!(terms.directions, pairs(&[(CR, PE), (MX, CR), (MX, PE), (PE, CR), (PE, MX)]));
		// Explicit new directions must each join the newcomer to a party.
		let id = in_force();
		assert_noop!(
			Mra::propose_party(origin(Alice), id, PE, Some(pairs(&[(CR, MX)]))),
			Error::<Test>::InvalidDirection
		);
	});
}

/// Issue #12, fault 4: `sign(id)` signed whatever motion was pending, even
/// one that replaced the motion the signer had read.
#[test]
fn a_signature_names_the_motion_it_approves() {
	run(|| {
		let id = in_force();
		assert_ok!(Mra::propose_party(origin(Alice), id, PE, Some(pairs(&[(MX, PE)]))));
		let read = Mras::<Test>::get(id).unwrap().motion.unwrap().kind;
		// Meanwhile the motion is dropped and another takes its place.
		assert_ok!(Mra::suspend(origin(Alice), id));
		assert_ok!(Mra::resume(origin(Alice), id));
		assert_noop!(Mra::sign(origin(Bob), id, read), Error::<Test>::WrongMotion);
		let other = MotionKind::AddParty { country: PE, directions: pairs(&[(PE, MX)]) };
		assert_noop!(Mra::sign(origin(Bob), id, other), Error::<Test>::WrongMotion);
		assert_ok!(Mra::sign(origin(Bob), id, MotionKind::Resume));
		assert_eq!(status(id), Some(InForce));
	});
}

/// Issue #12, fault 5: two administrations could fill the shared waiting
/// list with far-future MRAs, and no MRA of anyone could then be signed.
#[test]
fn two_administrations_cannot_fill_the_waiting_list() {
	run(|| {
		let far = TODAY + 3_650;
		let id = propose_as(Alice, &[MX, CR], far);
		assert_ok!(sign(Bob, id));
		assert_eq!(AwaitingOf::<Test>::get(MX), 1);
		let again = propose_as(Alice, &[MX, CR], far);
		assert_noop!(sign(Bob, again), Error::<Test>::TooManyAwaitingForParty);
		// Others still can.
		let others = propose_as(Charlie, &[PE, CO], TODAY + 1);
		assert_ok!(sign(Dave, others));
		assert_eq!(Awaiting::<Test>::get().len(), 2);
		next_day(TODAY + 1);
		assert_eq!(status(others), Some(InForce));
		assert!(!AwaitingOf::<Test>::contains_key(PE));
		// Terminating a waiting MRA gives its parties' places back.
		assert_ok!(Mra::terminate(origin(Bob), id));
		assert!(!AwaitingOf::<Test>::contains_key(MX));
		assert_ok!(sign(Bob, again));
	});
}

#[test]
fn the_waiting_list_cannot_fill_by_construction() {
	new_test_ext().execute_with(|| {
		<Mra as Hooks<u64>>::integrity_test();
	});
}

/// Issue #12, fault 8: a suspended party blocked every motion of its MRAs for
/// ever.
#[test]
fn a_suspended_party_holds_up_no_resumption_or_new_party() {
	run(|| {
		let id = propose_as(Alice, &[MX, CR, PE], TODAY);
		assert_ok!(sign(Bob, id));
		assert_ok!(sign(Charlie, id));
		let treaty = propose_as(Alice, &[MX, CR, PE], TODAY);
		assert_ok!(sign(Bob, treaty));
		assert_ok!(Mra::suspend(origin(Alice), id));
		assert_ok!(Mra::resume(origin(Alice), id));
		assert_ok!(sign(Bob, id));
		assert_eq!(status(id), Some(Suspended), "PE, active, has not signed");
		suspend_administration(PE);
		// Every active party signed before PE was suspended: one of them
		// carries the motion out by signing again.
		assert_ok!(sign(Alice, id));
		assert_eq!(status(id), Some(InForce));
		// A new party needs the active parties and itself only.
		assert_ok!(Mra::propose_party(origin(Alice), id, CO, None));
		assert_noop!(sign(Alice, id), Error::<Test>::AlreadySigned);
		assert_ok!(sign(Dave, id));
		assert_ok!(sign(Bob, id));
		assert!(Mras::<Test>::get(id).unwrap().terms.parties.contains(&CO));
		// Entry into force still needs every party (the others may withdraw
		// it and propose again without the suspended one).
		assert_noop!(sign(Alice, treaty), Error::<Test>::AlreadySigned);
		assert_eq!(status(treaty), Some(Proposed));
	});
}

/// An MRA of `MAX_PARTIES` parties takes no seventeenth: refused when
/// proposed, not at the last signature (which would leave the motion stuck).
#[test]
fn a_full_mra_takes_no_new_party() {
	run(|| {
		let countries: Vec<CountryCode> = cadena_primitives::ISO_3166_1_ALPHA_2
			.iter()
			.map(|c| CountryCode(*c))
			.filter(|c| *c != ZW && *c != MX && *c != CR)
			.take(MAX_PARTIES as usize - 1)
			.chain([MX])
			.collect();
		// One way, hub and spoke: few directions, so only the party bound holds.
		let spokes: Vec<_> = countries.iter().filter(|c| **c != MX).map(|c| (MX, *c)).collect();
		assert_ok!(Mra::propose(
			origin(Alice),
			b"hub".to_vec(),
			countries.clone(),
			scope(&[SS]),
			Some(pairs(&spokes)),
			TODAY,
			Vec::new()
		));
		for country in countries.iter().filter(|c| **c != MX) {
			let admin = RuntimeOrigin::signed(crate::mock::make_admin(*country));
			assert_ok!(Mra::sign(admin, 0, MotionKind::EnterIntoForce));
		}
		assert_eq!(status(0), Some(InForce));
		assert_noop!(
			Mra::propose_party(origin(Alice), 0, CR, Some(pairs(&[(MX, CR)]))),
			Error::<Test>::TooManyParties
		);
	});
}

/// A suspended party signs nothing, so a newcomer takes on no obligation
/// towards it, nor it towards the newcomer.
#[test]
fn a_newcomer_is_paired_with_the_active_parties_only() {
	run(|| {
		let id = propose_as(Alice, &[MX, CR, PE], TODAY);
		assert_ok!(sign(Bob, id));
		assert_ok!(sign(Charlie, id));
		suspend_administration(PE);
		assert_noop!(
			Mra::propose_party(origin(Alice), id, CO, Some(pairs(&[(CO, PE)]))),
			Error::<Test>::InvalidDirection
		);
		assert_ok!(Mra::propose_party(origin(Alice), id, CO, None));
		assert_ok!(sign(Bob, id));
		assert_ok!(sign(Dave, id));
		let terms = Mras::<Test>::get(id).unwrap().terms;
		assert!(terms.parties.contains(&CO));
		assert!(terms.recognises(CO, MX) && terms.recognises(CR, CO));
		assert!(!terms.recognises(CO, PE) && !terms.recognises(PE, CO));
	});
}

#[test]
fn suspending_or_terminating_an_mra_in_force_ends_its_directions_once() {
	use cadena_primitives::testing::{take_told, EntitlementEnd};
	run(|| {
		let id = in_force();
		let both = vec![(CR, MX), (MX, CR)];
		take_told();
		assert_ok!(Mra::suspend(origin(Bob), id));
		let mut told = take_told();
		for end in told.iter_mut() {
			if let EntitlementEnd::Directions(d) = end {
				d.sort();
			}
		}
		assert_eq!(told, vec![EntitlementEnd::Directions(both.clone())]);
		// Terminating it once suspended ends nothing more.
		assert_ok!(Mra::terminate(origin(Alice), id));
		assert_eq!(take_told(), vec![]);
		// Terminated while in force: its directions end.
		let id = in_force();
		take_told();
		assert_ok!(Mra::terminate(origin(Alice), id));
		assert_eq!(take_told().len(), 1);
		// A proposal withdrawn ends nothing.
		let id = propose_as(Alice, &[MX, CR], TODAY + 1);
		assert_ok!(Mra::terminate(origin(Alice), id));
		assert_eq!(take_told(), vec![]);
	});
}

mod benefits;
