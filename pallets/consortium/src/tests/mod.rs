//! Tests of every dispatchable's success and errors, every refused origin,
//! the council and validator-set synchronisation, and the transaction extension.

mod evolution;
mod nodes;

use crate::{mock::*, *};
use cadena_primitives::Consortium as _;
use frame_support::{assert_noop, assert_ok, dispatch::DispatchInfo, weights::Weight};
use pallet_session::SessionManager;
use sp_runtime::{
	traits::{DispatchTransaction, Hash},
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	DispatchError,
};

const GT_ADMIN: AccountId = 5;
const GT_VALIDATOR: AccountId = 15;

fn governance() -> RuntimeOrigin {
	council(3, 4)
}

fn admit_gt(origin: RuntimeOrigin) -> frame_support::dispatch::DispatchResult {
	Consortium::admit_member(
		origin,
		GT,
		b"Guatemala".to_vec(),
		GT_ADMIN,
		GT_VALIDATOR,
		None,
		node(70),
	)
}

fn council_members() -> Vec<AccountId> {
	pallet_collective::Members::<Test, CouncilInstance>::get()
}

fn status(country: CountryCode) -> MemberStatus {
	Members::<Test>::get(country).unwrap().status
}

fn roles(list: &[Role]) -> Roles {
	Roles::from_roles(list)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn event_before_last() -> RuntimeEvent {
	let mut events = System::events();
	events.pop();
	events.pop().expect("two events").event
}

// ---------------------------------------------------------------- genesis

#[test]
fn genesis_sets_members_officers_council_and_validators() {
	run(|| {
		assert_eq!(ActiveMembers::<Test>::get().to_vec(), vec![CO, CR, MX, PE]);
		assert_eq!(council_members(), vec![MX_ADMIN, CR_ADMIN, PE_ADMIN, CO_ADMIN]);
		assert_eq!(Consortium::active_validators(), vec![14, 12, 11, 13]);
		assert_eq!(OfficersOf::<Test>::get(MX).len(), 3);
		assert_eq!(
			Consortium::officer(&MX_REGISTRAR),
			Some(Officer { country: MX, roles: Role::Registrar.into() })
		);
		assert_eq!(Consortium::officer(&MX_ADMIN).unwrap().roles, Role::Admin.into());
		for account in [MX_ADMIN, MX_VALIDATOR, MX_REGISTRAR, MX_APPROVER, CR_REGISTRAR] {
			assert!(System::providers(&account) > 0, "account {account} exists");
		}
		assert_eq!(System::providers(&OUTSIDER), 0);
		assert_eq!(Consortium::new_session_genesis(0), Some(vec![14, 12, 11, 13]));
		// The session's validators are the active members': nothing to plan.
		assert_eq!(Consortium::new_session(1), None);
	});
}

// ---------------------------------------------------------------- admit

#[test]
fn council_admits_a_member() {
	run(|| {
		assert_ok!(admit_gt(governance()));
		// Admitted, then its first node declared.
		assert_eq!(
			event_before_last(),
			Event::MemberAdmitted { country: GT, admin: GT_ADMIN, validator: GT_VALIDATOR }.into()
		);
		let member = Members::<Test>::get(GT).unwrap();
		assert_eq!(member.status, MemberStatus::Active);
		assert_eq!(member.name.to_vec(), b"Guatemala".to_vec());
		assert_eq!(OfficersOf::<Test>::get(GT).to_vec(), vec![GT_ADMIN]);
		assert_eq!(ActiveMembers::<Test>::get().to_vec(), vec![CO, CR, GT, MX, PE]);
		assert_eq!(council_members(), vec![1, 2, 3, 4, 5]);
		assert_eq!(Consortium::officer(&GT_ADMIN).unwrap().country, GT);
		assert!(System::providers(&GT_ADMIN) > 0 && System::providers(&GT_VALIDATOR) > 0);
		assert!(Consortium::is_active_member(&GT));
		// Session planning takes the new set until the session has it.
		assert_eq!(Consortium::new_session(1), Some(vec![14, 12, 15, 11, 13]));
		assert_eq!(Consortium::new_session(2), Some(vec![14, 12, 15, 11, 13]));
		SessionValidators::set(vec![11, 12, 13, 14, 15]);
		assert_eq!(Consortium::new_session(3), None);
	});
}

#[test]
fn a_council_motion_needs_two_thirds_of_the_members() {
	run(|| {
		let call: RuntimeCall = Call::<Test>::admit_member {
			country: GT,
			name: b"Guatemala".to_vec(),
			admin: GT_ADMIN,
			validator: GT_VALIDATOR,
			encryption_key: None,
			first_node: node(70),
		}
		.into();
		let length = codec::Encode::encoded_size(&call) as u32;
		let hash = <Test as frame_system::Config>::Hashing::hash_of(&call);
		assert_ok!(Council::propose(
			RuntimeOrigin::signed(MX_ADMIN),
			3,
			Box::new(call.clone()),
			length
		));
		assert_ok!(Council::vote(RuntimeOrigin::signed(MX_ADMIN), hash, 0, true));
		assert_ok!(Council::vote(RuntimeOrigin::signed(CR_ADMIN), hash, 0, true));
		// Two of four is less than two thirds: the motion cannot close yet.
		assert_noop!(
			Council::close(RuntimeOrigin::signed(MX_ADMIN), hash, 0, Weight::MAX, length),
			pallet_collective::Error::<Test, CouncilInstance>::TooEarly
		);
		assert!(!Members::<Test>::contains_key(GT));
		assert_ok!(Council::vote(RuntimeOrigin::signed(PE_ADMIN), hash, 0, true));
		assert_ok!(Council::close(RuntimeOrigin::signed(CO_ADMIN), hash, 0, Weight::MAX, length));
		assert_eq!(status(GT), MemberStatus::Active);
		assert_eq!(council_members(), vec![1, 2, 3, 4, 5]);
	});
}

#[test]
fn governance_calls_refuse_every_other_origin() {
	run(|| {
		for origin in [
			RuntimeOrigin::signed(MX_ADMIN),
			RuntimeOrigin::signed(OUTSIDER),
			RuntimeOrigin::root(),
			RuntimeOrigin::none(),
			council(2, 4),
			pallet_collective::RawOrigin::<AccountId, CouncilInstance>::Member(MX_ADMIN).into(),
		] {
			assert_noop!(admit_gt(origin.clone()), DispatchError::BadOrigin);
			assert_noop!(Consortium::suspend_member(origin.clone(), CR), DispatchError::BadOrigin);
			assert_noop!(
				Consortium::reinstate_member(origin.clone(), CR),
				DispatchError::BadOrigin
			);
			assert_noop!(Consortium::retire_member(origin.clone(), CR), DispatchError::BadOrigin);
			assert_noop!(
				Consortium::authorize_upgrade(origin.clone(), Default::default()),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Consortium::replace_admin(origin.clone(), CR, OUTSIDER),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Consortium::replace_validator(origin, CR, OUTSIDER),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn admission_refuses_bad_country_codes() {
	run(|| {
		let admit = |code: &[u8; 2]| {
			Consortium::admit_member(
				governance(),
				CountryCode(*code),
				b"X".to_vec(),
				GT_ADMIN,
				GT_VALIDATOR,
				None,
				node_for(73, CountryCode(*code)),
			)
		};
		assert_noop!(admit(b"gt"), Error::<Test>::LowerCaseCountryCode);
		assert_noop!(admit(b"Gt"), Error::<Test>::LowerCaseCountryCode);
		assert_noop!(admit(b"XX"), Error::<Test>::UnknownCountryCode);
		assert_noop!(admit(b"UK"), Error::<Test>::UnknownCountryCode);
		assert_noop!(admit(b"G1"), Error::<Test>::UnknownCountryCode);
		assert_noop!(admit(&[0, 0]), Error::<Test>::UnknownCountryCode);
	});
}

#[test]
fn admission_refuses_bad_data() {
	run(|| {
		let admit = |country, name: &[u8], admin, validator| {
			Consortium::admit_member(
				governance(),
				country,
				name.to_vec(),
				admin,
				validator,
				None,
				node_for(70, country),
			)
		};
		assert_noop!(admit(MX, b"Mexico", GT_ADMIN, GT_VALIDATOR), Error::<Test>::AlreadyMember);
		assert_noop!(admit(GT, b"", GT_ADMIN, GT_VALIDATOR), Error::<Test>::EmptyName);
		assert_noop!(admit(GT, &[b'x'; 33], GT_ADMIN, GT_VALIDATOR), Error::<Test>::NameTooLong);
		assert_ok!(admit(GT, &[b'x'; 32], GT_ADMIN, GT_VALIDATOR));
	});
	run(|| {
		let admit = |admin, validator| {
			Consortium::admit_member(
				governance(),
				GT,
				b"Guatemala".to_vec(),
				admin,
				validator,
				None,
				node(73),
			)
		};
		// An account is an officer of one administration at most.
		assert_noop!(admit(MX_REGISTRAR, GT_VALIDATOR), Error::<Test>::AlreadyOfficer);
		assert_noop!(admit(CR_ADMIN, GT_VALIDATOR), Error::<Test>::AlreadyOfficer);
		assert_noop!(admit(GT_ADMIN, MX_VALIDATOR), Error::<Test>::AlreadyValidator);
	});
}

#[test]
fn admission_stops_at_max_members() {
	run(|| {
		assert_ok!(admit_gt(governance()));
		assert_noop!(
			Consortium::admit_member(
				council(4, 5),
				CountryCode(*b"BR"),
				b"Brasil".to_vec(),
				6,
				16,
				None,
				node_for(74, CountryCode(*b"BR"))
			),
			Error::<Test>::TooManyMembers
		);
	});
}

// ---------------------------------------------------------------- status

#[test]
fn suspension_takes_a_member_out_of_everything() {
	run(|| {
		assert_ok!(Consortium::suspend_member(governance(), MX));
		assert_eq!(last_event(), Event::MemberSuspended { country: MX }.into());
		assert_eq!(status(MX), MemberStatus::Suspended);
		assert_eq!(council_members(), vec![CR_ADMIN, PE_ADMIN, CO_ADMIN]);
		assert_eq!(Consortium::active_validators(), vec![14, 12, 13]);
		assert_eq!(Consortium::new_session(1), Some(vec![14, 12, 13]));
		assert!(!Consortium::is_active_member(&MX));
		// Its officers are nobody to other pallets, and cannot sign.
		assert_eq!(Consortium::officer(&MX_REGISTRAR), None);
		assert!(!Consortium::is_permitted_signer(&MX_APPROVER));
		assert!(!Consortium::is_permitted_signer(&MX_VALIDATOR));
		assert_noop!(
			Consortium::add_officer(RuntimeOrigin::signed(MX_ADMIN), 40, Role::Auditor.into()),
			Error::<Test>::MemberNotActive
		);
		assert_noop!(
			Consortium::set_encryption_key(RuntimeOrigin::signed(MX_ADMIN), Some([1; 32])),
			Error::<Test>::MemberNotActive
		);
	});
}

#[test]
fn reinstatement_brings_a_member_back() {
	run(|| {
		assert_ok!(Consortium::suspend_member(governance(), MX));
		// The next session runs without Mexico's validator.
		SessionValidators::set(vec![12, 13, 14]);
		// The council now has three members: two thirds is two of three.
		assert_ok!(Consortium::reinstate_member(council(2, 3), MX));
		assert_eq!(last_event(), Event::MemberReinstated { country: MX }.into());
		assert_eq!(status(MX), MemberStatus::Active);
		assert_eq!(council_members(), vec![1, 2, 3, 4]);
		assert_eq!(Consortium::new_session(1), Some(vec![14, 12, 11, 13]));
		assert!(Consortium::officer(&MX_REGISTRAR).is_some());
	});
}

#[test]
fn retirement_ends_the_membership() {
	run(|| {
		assert_ok!(Consortium::retire_member(governance(), CR));
		assert_eq!(last_event(), Event::MemberRetired { country: CR }.into());
		assert_eq!(status(CR), MemberStatus::Retired);
		assert_eq!(council_members(), vec![MX_ADMIN, PE_ADMIN, CO_ADMIN]);
		assert!(!Consortium::is_permitted_signer(&CR_REGISTRAR));
		assert_noop!(Consortium::reinstate_member(governance(), CR), Error::<Test>::WrongStatus);
		assert_noop!(Consortium::suspend_member(governance(), CR), Error::<Test>::WrongStatus);
		assert_noop!(Consortium::retire_member(governance(), CR), Error::<Test>::WrongStatus);
		assert_noop!(
			Consortium::admit_member(
				governance(),
				MX,
				b"MX".to_vec(),
				50,
				51,
				None,
				node_for(71, MX)
			),
			Error::<Test>::AlreadyMember
		);
	});
}

#[test]
fn a_suspended_member_can_be_retired() {
	run(|| {
		assert_ok!(Consortium::suspend_member(governance(), CR));
		assert_ok!(Consortium::retire_member(council(2, 3), CR));
		assert_eq!(status(CR), MemberStatus::Retired);
		assert_eq!(council_members(), vec![MX_ADMIN, PE_ADMIN, CO_ADMIN]);
	});
}

#[test]
fn illegal_status_changes_are_refused() {
	run(|| {
		assert_noop!(Consortium::reinstate_member(governance(), MX), Error::<Test>::WrongStatus);
		assert_ok!(Consortium::suspend_member(governance(), MX));
		assert_noop!(Consortium::suspend_member(council(2, 3), MX), Error::<Test>::WrongStatus);
		assert_noop!(Consortium::suspend_member(council(2, 3), GT), Error::<Test>::NotMember);
		assert_noop!(Consortium::retire_member(council(2, 3), GT), Error::<Test>::NotMember);
		assert_noop!(Consortium::reinstate_member(council(2, 3), GT), Error::<Test>::NotMember);
		assert_noop!(
			Consortium::suspend_member(council(2, 3), CountryCode(*b"cr")),
			Error::<Test>::LowerCaseCountryCode
		);
		assert_noop!(
			Consortium::retire_member(council(2, 3), CountryCode(*b"QQ")),
			Error::<Test>::UnknownCountryCode
		);
	});
}

#[test]
fn the_last_active_member_never_leaves() {
	run(|| {
		assert_ok!(Consortium::suspend_member(council(3, 4), MX));
		assert_ok!(Consortium::retire_member(council(2, 3), CR));
		assert_ok!(Consortium::suspend_member(council(2, 2), PE));
		assert_eq!(ActiveMembers::<Test>::get().to_vec(), vec![CO]);
		assert_noop!(
			Consortium::suspend_member(council(1, 1), CO),
			Error::<Test>::LastActiveMember
		);
		assert_noop!(Consortium::retire_member(council(1, 1), CO), Error::<Test>::LastActiveMember);
		assert_eq!(Consortium::active_validators(), vec![14]);
		// Suspended ones may still be retired.
		assert_ok!(Consortium::retire_member(council(1, 1), PE));
	});
}

// ---------------------------------------------------------------- officers

#[test]
fn an_admin_adds_officers_to_its_own_administration() {
	run(|| {
		let roles = roles(&[Role::Registrar, Role::Approver]);
		assert_ok!(Consortium::add_officer(RuntimeOrigin::signed(MX_ADMIN), 40, roles));
		assert_eq!(last_event(), Event::OfficerAdded { country: MX, officer: 40, roles }.into());
		assert_eq!(Consortium::officer(&40), Some(Officer { country: MX, roles }));
		assert_eq!(OfficersOf::<Test>::get(MX).len(), 4);
		assert_eq!(System::providers(&40), 1);
		assert!(Consortium::is_permitted_signer(&40));
	});
}

#[test]
fn adding_officers_refuses_bad_requests() {
	run(|| {
		let add = |who, officer, roles| {
			Consortium::add_officer(RuntimeOrigin::signed(who), officer, roles)
		};
		let auditor: Roles = Role::Auditor.into();
		assert_noop!(add(MX_REGISTRAR, 40, auditor), Error::<Test>::NotAdmin);
		assert_noop!(add(MX_APPROVER, 40, auditor), Error::<Test>::NotAdmin);
		assert_noop!(add(OUTSIDER, 40, auditor), Error::<Test>::NotOfficer);
		assert_noop!(add(MX_VALIDATOR, 40, auditor), Error::<Test>::NotOfficer);
		assert_noop!(
			Consortium::add_officer(RuntimeOrigin::root(), 40, auditor),
			DispatchError::BadOrigin
		);
		assert_noop!(Consortium::add_officer(governance(), 40, auditor), DispatchError::BadOrigin);
		// One administration per account.
		assert_noop!(add(MX_ADMIN, CR_REGISTRAR, auditor), Error::<Test>::AlreadyOfficer);
		assert_noop!(add(MX_ADMIN, CR_ADMIN, auditor), Error::<Test>::AlreadyOfficer);
		assert_noop!(add(MX_ADMIN, MX_REGISTRAR, auditor), Error::<Test>::AlreadyOfficer);
		assert_noop!(add(MX_ADMIN, 40, Roles(0)), Error::<Test>::NoRoles);
		assert_noop!(add(MX_ADMIN, 40, Roles(0b1_0000)), Error::<Test>::InvalidRoles);
		// MaxOfficers is 4: MX has 3.
		assert_ok!(add(MX_ADMIN, 40, auditor));
		assert_noop!(add(MX_ADMIN, 41, auditor), Error::<Test>::TooManyOfficers);
	});
}

#[test]
fn an_admin_changes_roles_of_its_own_officers_only() {
	run(|| {
		let set =
			|who, officer, roles| Consortium::set_roles(RuntimeOrigin::signed(who), officer, roles);
		let both = roles(&[Role::Registrar, Role::Approver]);
		assert_ok!(set(MX_ADMIN, MX_REGISTRAR, both));
		assert_eq!(
			last_event(),
			Event::OfficerRolesChanged { country: MX, officer: MX_REGISTRAR, roles: both }.into()
		);
		assert_eq!(Consortium::officer(&MX_REGISTRAR).unwrap().roles, both);
		// Another administration's officer, or nobody's.
		assert_noop!(set(CR_ADMIN, MX_REGISTRAR, both), Error::<Test>::NotOwnOfficer);
		assert_noop!(set(MX_ADMIN, CR_REGISTRAR, both), Error::<Test>::NotOwnOfficer);
		assert_noop!(set(MX_ADMIN, OUTSIDER, both), Error::<Test>::NotOwnOfficer);
		// A Registrar acting as Admin.
		assert_noop!(set(MX_REGISTRAR, MX_APPROVER, both), Error::<Test>::NotAdmin);
		assert_noop!(set(MX_ADMIN, MX_REGISTRAR, Roles(0)), Error::<Test>::NoRoles);
		assert_noop!(set(MX_ADMIN, MX_REGISTRAR, Roles(0xff)), Error::<Test>::InvalidRoles);
		// The primary admin keeps Admin; a second admin may be demoted.
		assert_noop!(set(MX_ADMIN, MX_ADMIN, Role::Auditor.into()), Error::<Test>::PrimaryAdmin);
		assert_ok!(set(MX_ADMIN, MX_ADMIN, roles(&[Role::Admin, Role::Auditor])));
		assert_ok!(set(MX_ADMIN, MX_APPROVER, roles(&[Role::Admin])));
		assert_ok!(set(MX_APPROVER, MX_REGISTRAR, Role::Auditor.into()));
		assert_ok!(set(MX_ADMIN, MX_APPROVER, Role::Approver.into()));
	});
}

#[test]
fn an_admin_removes_its_own_officers_only() {
	run(|| {
		let remove = |who, officer| Consortium::remove_officer(RuntimeOrigin::signed(who), officer);
		assert_noop!(remove(CR_ADMIN, MX_REGISTRAR), Error::<Test>::NotOwnOfficer);
		assert_noop!(remove(MX_REGISTRAR, MX_APPROVER), Error::<Test>::NotAdmin);
		assert_noop!(remove(OUTSIDER, MX_APPROVER), Error::<Test>::NotOfficer);
		assert_noop!(remove(MX_ADMIN, MX_ADMIN), Error::<Test>::PrimaryAdmin);
		assert_noop!(remove(MX_ADMIN, OUTSIDER), Error::<Test>::NotOwnOfficer);
		assert_ok!(remove(MX_ADMIN, MX_REGISTRAR));
		assert_eq!(
			last_event(),
			Event::OfficerRemoved { country: MX, officer: MX_REGISTRAR }.into()
		);
		assert_eq!(Consortium::officer(&MX_REGISTRAR), None);
		assert_eq!(OfficersOf::<Test>::get(MX).len(), 2);
		assert_eq!(System::providers(&MX_REGISTRAR), 0);
		assert!(!Consortium::is_permitted_signer(&MX_REGISTRAR));
		// Free again: another administration may take the account.
		assert_ok!(Consortium::add_officer(
			RuntimeOrigin::signed(CR_ADMIN),
			MX_REGISTRAR,
			Role::Auditor.into()
		));
	});
}

#[test]
fn an_admin_sets_its_encryption_key() {
	run(|| {
		assert_ok!(Consortium::set_encryption_key(RuntimeOrigin::signed(MX_ADMIN), Some([7; 32])));
		assert_eq!(
			last_event(),
			Event::EncryptionKeySet { country: MX, key: Some([7; 32]) }.into()
		);
		assert_eq!(Members::<Test>::get(MX).unwrap().encryption_key, Some([7; 32]));
		assert_eq!(Members::<Test>::get(CR).unwrap().encryption_key, None);
		assert_noop!(
			Consortium::set_encryption_key(RuntimeOrigin::signed(MX_REGISTRAR), None),
			Error::<Test>::NotAdmin
		);
		assert_noop!(
			Consortium::set_encryption_key(RuntimeOrigin::signed(OUTSIDER), None),
			Error::<Test>::NotOfficer
		);
		assert_ok!(Consortium::set_encryption_key(RuntimeOrigin::signed(MX_ADMIN), None));
		assert_eq!(Members::<Test>::get(MX).unwrap().encryption_key, None);
	});
}

// ---------------------------------------------------------------- pool

fn remark() -> RuntimeCall {
	frame_system::Call::remark { remark: vec![] }.into()
}

fn validate_call(who: AccountId, call: RuntimeCall) -> Result<(), TransactionValidityError> {
	CheckMembership::<Test>::new()
		.validate_only(
			RuntimeOrigin::signed(who),
			&call,
			&DispatchInfo::default(),
			0,
			TransactionSource::External,
			0,
		)
		.map(|_| ())
}

/// Whether `who` may sign a permitted call at all.
fn validate(who: AccountId) -> Result<(), TransactionValidityError> {
	validate_call(who, frame_system::Call::remark_with_event { remark: vec![] }.into())
}

#[test]
fn the_extension_refuses_outsiders_at_the_pool() {
	run(|| {
		let refused =
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(NOT_A_MEMBER)));
		assert_eq!(validate(OUTSIDER), refused);
		assert_eq!(validate(MX_ADMIN), Ok(()));
		assert_eq!(validate(MX_REGISTRAR), Ok(()));
		assert_eq!(validate(MX_VALIDATOR), Ok(()));
		// A trader the runtime permits.
		assert_eq!(validate(99), Ok(()));
		// Suspension takes the permission away; reinstatement gives it back.
		assert_ok!(Consortium::suspend_member(governance(), MX));
		assert_eq!(validate(MX_REGISTRAR), refused);
		assert_eq!(validate(MX_VALIDATOR), refused);
		assert_ok!(Consortium::reinstate_member(council(2, 3), MX));
		assert_eq!(validate(MX_REGISTRAR), Ok(()));
	});
}

/// Issue #12, fault 1: the extension ignored the call, so a validator's or
/// a trader's key could fill blocks with `System.remark`, for free.
#[test]
fn each_signer_sends_only_what_the_policy_permits_its_kind() {
	run(|| {
		let not_permitted =
			Err(TransactionValidityError::Invalid(InvalidTransaction::Custom(CALL_NOT_PERMITTED)));
		assert_eq!(validate_call(MX_VALIDATOR, remark()), not_permitted);
		assert_eq!(validate_call(99, remark()), not_permitted);
		assert_eq!(validate_call(MX_REGISTRAR, remark()), Ok(()));
		assert_eq!(
			Consortium::signer(&MX_REGISTRAR),
			Some(Signer::Officer(Role::Registrar.into()))
		);
		assert_eq!(Consortium::signer(&MX_VALIDATOR), Some(Signer::Validator));
		assert_eq!(Consortium::signer(&99), Some(Signer::Trader));
		assert_eq!(Consortium::signer(&OUTSIDER), None);
	});
}

/// Issue #12, fault 1: one signer could fill every block and compete equally
/// with every officer's suspensions.
#[test]
fn one_signer_cannot_fill_a_block() {
	run(|| {
		let (share, _) = CheckMembership::<Test>::share();
		let info = DispatchInfo {
			call_weight: Weight::from_parts(share.ref_time() * 3 / 5, 0),
			..Default::default()
		};
		let include = |who: AccountId| {
			CheckMembership::<Test>::new()
				.validate_and_prepare(RuntimeOrigin::signed(who), &remark(), &info, 10, 0)
				.map(|_| ())
		};
		assert_ok!(include(MX_ADMIN));
		// An officer's kind took two of the five reads declared for telling
		// what a signer is: the other three are refunded after dispatch.
		let (unused, _) = CheckMembership::<Test>::new()
			.validate_and_prepare(RuntimeOrigin::signed(MX_APPROVER), &remark(), &info, 10, 0)
			.unwrap();
		let db = <<Test as frame_system::Config>::DbWeight as frame_support::traits::Get<
			frame_support::weights::RuntimeDbWeight,
		>>::get();
		assert_eq!(unused, db.reads(3));
		assert_eq!(
			include(MX_ADMIN),
			Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
		);
		assert_eq!(
			SignerUse::<Test>::get(MX_ADMIN).map(|(b, w, l)| (b, w.ref_time(), l)),
			Some((1, share.ref_time() * 3 / 5, 10))
		);
		// Another signer still gets its share of the same block.
		assert_ok!(include(MX_REGISTRAR));
		// And the first its own in the next block.
		System::set_block_number(2);
		assert_ok!(include(MX_ADMIN));
		// A transaction beyond a share is refused at the pool: it would never fit.
		let too_big = DispatchInfo {
			call_weight: Weight::from_parts(share.ref_time() + 1, 0),
			..Default::default()
		};
		assert_eq!(
			CheckMembership::<Test>::new()
				.validate_only(
					RuntimeOrigin::signed(MX_ADMIN),
					&remark(),
					&too_big,
					0,
					TransactionSource::External,
					0
				)
				.map(|_| ()),
			Err(TransactionValidityError::Invalid(InvalidTransaction::ExhaustsResources))
		);
	});
}

// ---------------------------------------------------------------- invariants

#[test]
fn try_state_catches_broken_invariants() {
	new_test_ext().execute_with(|| {
		assert_ok!(Consortium::do_try_state());
		Officers::<Test>::insert(
			OUTSIDER,
			OfficerRecord { country: GT, roles: Role::Admin.into() },
		);
		assert!(Consortium::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		OfficersOf::<Test>::mutate(MX, |o| o.retain(|a| *a != MX_APPROVER));
		assert!(Consortium::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		OfficersOf::<Test>::mutate(MX, |o| o.try_push(CR_REGISTRAR).unwrap());
		assert!(Consortium::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		OfficersOf::<Test>::mutate(MX, |o| {
			let mut reversed = o.to_vec();
			reversed.reverse();
			*o = BoundedVec::truncate_from(reversed);
		});
		assert!(Consortium::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		ActiveMembers::<Test>::mutate(|a| a.retain(|c| c != &MX));
		assert!(Consortium::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		pallet_collective::Members::<Test, CouncilInstance>::mutate(|m| {
			m.retain(|a| *a != CR_ADMIN)
		});
		assert!(Consortium::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		SessionValidators::set(vec![11, 12, 13, 14, OUTSIDER]);
		assert!(Consortium::do_try_state().is_err());
	});
}

#[test]
fn a_member_suspended_retired_or_without_a_key_reads_no_more() {
	use cadena_primitives::testing::{take_told, EntitlementEnd};
	run(|| {
		take_told();
		assert_ok!(Consortium::set_encryption_key(RuntimeOrigin::signed(MX_ADMIN), Some([7; 32])));
		assert_eq!(take_told(), vec![EntitlementEnd::Key(MX)], "a new key is told, not an end");
		assert_ok!(Consortium::set_encryption_key(RuntimeOrigin::signed(MX_ADMIN), None));
		assert_eq!(take_told(), vec![EntitlementEnd::Member(MX)]);
		assert_ok!(Consortium::suspend_member(governance(), CR));
		assert_eq!(take_told(), vec![EntitlementEnd::Member(CR)]);
		assert_ok!(Consortium::reinstate_member(governance(), CR));
		assert_eq!(take_told(), vec![]);
		assert_ok!(Consortium::retire_member(governance(), CR));
		assert_eq!(take_told(), vec![EntitlementEnd::Member(CR)]);
	});
}

#[test]
fn a_small_order_encryption_key_is_refused() {
	run(|| {
		let mut p = [0xff; 32];
		p[0] = 0xed;
		p[31] = 0x7f;
		for key in [[0; 32], p] {
			assert_noop!(
				Consortium::set_encryption_key(RuntimeOrigin::signed(MX_ADMIN), Some(key)),
				Error::<Test>::InvalidEncryptionKey
			);
		}
	});
}
