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
		assert_eq!(member.officers, 3);
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
		assert_eq!(Members::<Test>::get(MX).unwrap().officers, 2);
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
