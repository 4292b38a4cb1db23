//! Evolution by governance: runtime upgrades authorized by code hash, the
//! replacement of a member's primary admin and validator, and the council's
//! per-member quota of open motions.

use super::*;

// ---------------------------------------------------------------- upgrades

#[test]
fn the_council_authorizes_an_upgrade_by_its_code_hash() {
	run(|| {
		let code = b"a new runtime".to_vec();
		let hash = <Test as frame_system::Config>::Hashing::hash(&code);
		// Nothing authorized: nobody can apply code.
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(OUTSIDER), code.clone()),
			frame_system::Error::<Test>::NothingAuthorized
		);
		assert_ok!(Consortium::authorize_upgrade(governance(), hash));
		assert_eq!(
			last_event(),
			frame_system::Event::UpgradeAuthorized { code_hash: hash, check_version: true }.into()
		);
		// Only the code with that hash can be applied.
		assert_noop!(
			System::apply_authorized_upgrade(RuntimeOrigin::signed(OUTSIDER), b"other".to_vec()),
			frame_system::Error::<Test>::Unauthorized
		);
	});
}

#[test]
fn no_origin_reaches_root_only_code_changes() {
	run(|| {
		for origin in [governance(), council(4, 4), RuntimeOrigin::signed(MX_ADMIN)] {
			assert_noop!(
				System::authorize_upgrade(origin.clone(), Default::default()),
				DispatchError::BadOrigin
			);
			assert_noop!(System::set_code(origin, vec![]), DispatchError::BadOrigin);
		}
	});
}

// ---------------------------------------------------------------- primary admin

const NEW_ADMIN: AccountId = 41;

#[test]
fn the_council_replaces_a_primary_admin_by_a_new_account() {
	run(|| {
		assert_ok!(Consortium::replace_admin(governance(), MX, NEW_ADMIN));
		assert_eq!(
			last_event(),
			Event::AdminReplaced { country: MX, old: MX_ADMIN, new: NEW_ADMIN }.into()
		);
		let member = Members::<Test>::get(MX).unwrap();
		assert_eq!(member.admin, NEW_ADMIN);
		assert_eq!(OfficersOf::<Test>::get(MX).len(), 3);
		assert_eq!(
			Consortium::officer(&NEW_ADMIN),
			Some(Officer { country: MX, roles: Role::Admin.into() })
		);
		// The old key is nobody now: no officer, no seat, no signature.
		assert_eq!(Consortium::officer(&MX_ADMIN), None);
		assert_eq!(System::providers(&MX_ADMIN), 0);
		assert!(!Consortium::is_permitted_signer(&MX_ADMIN));
		assert_eq!(council_members(), vec![2, 3, 4, NEW_ADMIN]);
		assert_noop!(
			Consortium::add_officer(
				RuntimeOrigin::signed(MX_ADMIN),
				OUTSIDER,
				Role::Auditor.into()
			),
			Error::<Test>::NotOfficer
		);
		// The new admin manages the officers.
		assert_ok!(Consortium::add_officer(
			RuntimeOrigin::signed(NEW_ADMIN),
			OUTSIDER,
			Role::Auditor.into()
		));
	});
}

#[test]
fn an_officer_of_the_same_administration_can_become_its_primary_admin() {
	run(|| {
		assert_ok!(Consortium::replace_admin(governance(), MX, MX_APPROVER));
		assert_eq!(
			Consortium::officer(&MX_APPROVER).unwrap().roles,
			roles(&[Role::Admin, Role::Approver])
		);
		assert_eq!(OfficersOf::<Test>::get(MX).len(), 2);
		assert_eq!(council_members(), vec![2, 3, 4, MX_APPROVER]);
		// The primary admin's protections move with the seat.
		assert_noop!(
			Consortium::remove_officer(RuntimeOrigin::signed(MX_APPROVER), MX_APPROVER),
			Error::<Test>::PrimaryAdmin
		);
	});
}

#[test]
fn replacing_a_primary_admin_refuses_bad_requests() {
	run(|| {
		let replace = |country, who| Consortium::replace_admin(governance(), country, who);
		assert_noop!(replace(MX, MX_ADMIN), Error::<Test>::SameAccount);
		assert_noop!(replace(MX, CR_REGISTRAR), Error::<Test>::AlreadyOfficer);
		assert_noop!(replace(MX, CR_ADMIN), Error::<Test>::AlreadyOfficer);
		assert_noop!(replace(GT, NEW_ADMIN), Error::<Test>::NotMember);
		assert_noop!(replace(CountryCode(*b"XX"), NEW_ADMIN), Error::<Test>::UnknownCountryCode);
		assert_ok!(Consortium::retire_member(governance(), CR));
		assert_noop!(replace(CR, NEW_ADMIN), Error::<Test>::WrongStatus);
	});
}

#[test]
fn a_suspended_members_admin_is_replaced_without_a_seat() {
	run(|| {
		assert_ok!(Consortium::suspend_member(governance(), MX));
		assert_ok!(Consortium::replace_admin(council(2, 3), MX, NEW_ADMIN));
		assert_eq!(council_members(), vec![2, 3, 4]);
		assert_ok!(Consortium::reinstate_member(council(2, 3), MX));
		assert_eq!(council_members(), vec![2, 3, 4, NEW_ADMIN]);
	});
}

// ---------------------------------------------------------------- validator

const NEW_VALIDATOR: AccountId = 51;

#[test]
fn the_council_replaces_a_validator_account() {
	run(|| {
		assert_ok!(Consortium::replace_validator(governance(), MX, NEW_VALIDATOR));
		assert_eq!(
			last_event(),
			Event::ValidatorReplaced { country: MX, old: MX_VALIDATOR, new: NEW_VALIDATOR }.into()
		);
		assert_eq!(Members::<Test>::get(MX).unwrap().validator, NEW_VALIDATOR);
		assert_eq!(Validators::<Test>::get(NEW_VALIDATOR), Some(MX));
		assert_eq!(Validators::<Test>::get(MX_VALIDATOR), None);
		assert!(Consortium::is_permitted_signer(&NEW_VALIDATOR));
		assert!(!Consortium::is_permitted_signer(&MX_VALIDATOR));
		assert_eq!(System::providers(&MX_VALIDATOR), 0);
		// The session still holds the old account until the new set is in.
		assert_eq!(ReplacedValidators::<Test>::get().to_vec(), vec![MX_VALIDATOR]);
		assert_eq!(Consortium::new_session(1), Some(vec![14, 12, NEW_VALIDATOR, 13]));
		assert_eq!(ReplacedValidators::<Test>::get().to_vec(), vec![MX_VALIDATOR]);
		SessionValidators::set(vec![14, 12, NEW_VALIDATOR, 13]);
		Consortium::do_try_state().expect("invariants hold");
		assert_eq!(Consortium::new_session(2), None);
		assert!(!ReplacedValidators::<Test>::exists());
	});
}

#[test]
fn replacing_a_validator_refuses_bad_requests() {
	run(|| {
		let replace = |country, who| Consortium::replace_validator(governance(), country, who);
		assert_noop!(replace(MX, MX_VALIDATOR), Error::<Test>::SameAccount);
		assert_noop!(replace(MX, 12), Error::<Test>::AlreadyValidator);
		assert_noop!(replace(GT, NEW_VALIDATOR), Error::<Test>::NotMember);
		assert_noop!(
			replace(CountryCode(*b"mx"), NEW_VALIDATOR),
			Error::<Test>::LowerCaseCountryCode
		);
		assert_ok!(Consortium::retire_member(governance(), CR));
		assert_noop!(replace(CR, NEW_VALIDATOR), Error::<Test>::WrongStatus);
	});
}

// ---------------------------------------------------------------- re-admission

const CR_VALIDATOR: AccountId = 12;

fn readmit_cr(admin: AccountId, validator: AccountId) -> frame_support::dispatch::DispatchResult {
	Consortium::admit_member(
		governance(),
		CR,
		b"Costa Rica".to_vec(),
		admin,
		validator,
		None,
		node_for(72, CR),
	)
}

#[test]
fn a_retired_member_is_admitted_again_without_its_old_officers() {
	run(|| {
		assert_ok!(Consortium::retire_member(governance(), CR));
		assert_ok!(readmit_cr(NEW_ADMIN, NEW_VALIDATOR));
		assert_eq!(
			event_before_last(),
			Event::MemberAdmitted { country: CR, admin: NEW_ADMIN, validator: NEW_VALIDATOR }
				.into()
		);
		assert_eq!(status(CR), MemberStatus::Active);
		assert_eq!(OfficersOf::<Test>::get(CR).to_vec(), vec![NEW_ADMIN]);
		for old in [CR_ADMIN, CR_REGISTRAR] {
			assert_eq!(Consortium::officer(&old), None, "{old} came back");
			assert_eq!(System::providers(&old), 0);
		}
		assert_eq!(Validators::<Test>::get(CR_VALIDATOR), None);
		assert_eq!(Validators::<Test>::get(NEW_VALIDATOR), Some(CR));
		assert_eq!(council_members(), vec![1, 3, 4, NEW_ADMIN]);
		// Its old validator may still be in the session for two sessions.
		assert!(ReplacedValidators::<Test>::get().contains(&CR_VALIDATOR));
	});
}

#[test]
fn a_retired_members_old_accounts_may_be_named_again() {
	run(|| {
		assert_ok!(Consortium::retire_member(governance(), CR));
		assert_ok!(readmit_cr(CR_ADMIN, CR_VALIDATOR));
		assert_eq!(OfficersOf::<Test>::get(CR).to_vec(), vec![CR_ADMIN]);
		assert_eq!(Consortium::officer(&CR_REGISTRAR), None);
		assert_eq!(Validators::<Test>::get(CR_VALIDATOR), Some(CR));
	});
}

#[test]
fn re_admission_refuses_bad_requests_and_keeps_the_old_records() {
	run(|| {
		// Not retired: active and suspended members cannot be admitted again.
		assert_noop!(readmit_cr(NEW_ADMIN, NEW_VALIDATOR), Error::<Test>::AlreadyMember);
		assert_ok!(Consortium::suspend_member(governance(), CR));
		assert_noop!(
			Consortium::admit_member(
				council(2, 3),
				CR,
				b"CR".to_vec(),
				NEW_ADMIN,
				NEW_VALIDATOR,
				None,
				node_for(74, CR)
			),
			Error::<Test>::AlreadyMember
		);
		assert_ok!(Consortium::retire_member(council(2, 3), CR));
		// A refused admission removes nothing.
		assert_noop!(readmit_cr(MX_REGISTRAR, NEW_VALIDATOR), Error::<Test>::AlreadyOfficer);
		assert_noop!(readmit_cr(NEW_ADMIN, MX_VALIDATOR), Error::<Test>::AlreadyValidator);
		assert_eq!(Consortium::officer(&CR_REGISTRAR).map(|o| o.country), None);
		assert_eq!(Officers::<Test>::get(CR_REGISTRAR).map(|o| o.country), Some(CR));
	});
}

// ---------------------------------------------------------------- motion quota

type Motion = (<Test as frame_system::Config>::Hash, u32);

/// `who` proposes to suspend `country`; returns the motion's hash and index.
fn propose(who: AccountId, country: CountryCode) -> Result<Motion, DispatchError> {
	let call: RuntimeCall = Call::<Test>::suspend_member { country }.into();
	let length = codec::Encode::encoded_size(&call) as u32;
	let index = pallet_collective::ProposalCount::<Test, CouncilInstance>::get();
	Council::propose(RuntimeOrigin::signed(who), 3, Box::new(call.clone()), length)
		.map_err(|e| e.error)?;
	Ok((<Test as frame_system::Config>::Hashing::hash_of(&call), index))
}

#[test]
fn a_member_cannot_crowd_the_councils_proposal_slots() {
	run(|| {
		let (first, index) = propose(MX_ADMIN, CO).unwrap();
		propose(MX_ADMIN, PE).unwrap();
		assert_eq!(OpenMotions::<Test>::get(MX_ADMIN), 2);
		assert_eq!(propose(MX_ADMIN, CR), Err(Error::<Test>::TooManyOpenMotions.into()));
		// The others still have their own slots.
		propose(CR_ADMIN, GT).unwrap();
		// A motion that ended returns its slot once released.
		for nay in [CR_ADMIN, PE_ADMIN] {
			assert_ok!(Council::vote(RuntimeOrigin::signed(nay), first, index, false));
		}
		assert_ok!(Council::close(RuntimeOrigin::signed(MX_ADMIN), first, index, Weight::MAX, 100));
		assert_eq!(propose(MX_ADMIN, CR), Err(Error::<Test>::TooManyOpenMotions.into()));
		assert_ok!(Council::release_proposal_cost(RuntimeOrigin::signed(OUTSIDER), first));
		assert_eq!(OpenMotions::<Test>::get(MX_ADMIN), 1);
		let (third, _) = propose(MX_ADMIN, CR).unwrap();
		// A motion killed by governance returns its slot at once.
		pallet_collective::Pallet::<Test, CouncilInstance>::kill(RuntimeOrigin::root(), third)
			.unwrap();
		assert_eq!(OpenMotions::<Test>::get(MX_ADMIN), 1);
	});
}
