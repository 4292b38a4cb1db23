//! The customs council as composed in the runtime: what a motion needs to
//! pass, the one root-only effect it has (authorizing an upgrade), and the
//! per-member quota of open motions.

use super::*;
use codec::Encode;
use frame_support::{assert_noop, assert_ok, weights::Weight};
use sp_runtime::{traits::Hash as _, DispatchError};

type Collective = pallet_collective::Pallet<Runtime, configs::CouncilInstance>;

fn admin(index: usize) -> AccountId {
	DEV_MEMBERS[index].key.to_account_id()
}

fn signed(who: &AccountId) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.clone())
}

/// `proposer` proposes `call` with `threshold`; returns its hash and index.
fn propose(proposer: &AccountId, threshold: u32, call: RuntimeCall) -> (Hash, u32) {
	let length = call.encoded_size() as u32;
	let hash = <Runtime as frame_system::Config>::Hashing::hash_of(&call);
	let index = pallet_collective::ProposalCount::<Runtime, configs::CouncilInstance>::get();
	assert_ok!(Collective::propose(signed(proposer), threshold, Box::new(call), length));
	(hash, index)
}

fn close(hash: Hash, index: u32) -> frame_support::dispatch::DispatchResultWithPostInfo {
	Collective::close(signed(&admin(0)), hash, index, Weight::MAX, 10_000)
}

fn council_events() -> Vec<pallet_collective::Event<Runtime, configs::CouncilInstance>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Council(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn authorize(hash: Hash) -> RuntimeCall {
	pallet_consortium::Call::authorize_upgrade { code_hash: hash }.into()
}

fn five_members() -> sp_io::TestExternalities {
	let mut ext = externalities(testnet_genesis(5));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

#[test]
fn three_ayes_of_five_with_two_silent_never_pass_a_two_thirds_motion() {
	five_members().execute_with(|| {
		let code_hash = Hash::repeat_byte(7);
		// Asked for 4 ayes: 3 ayes and 2 silent seats, after the motion's time.
		let (hash, index) = propose(&admin(0), 4, authorize(code_hash));
		for voter in 0..3 {
			assert_ok!(Collective::vote(signed(&admin(voter)), hash, index, true));
		}
		System::set_block_number(1 + 7 * configs::DAYS);
		assert_ok!(close(hash, index));
		assert!(council_events().contains(&pallet_collective::Event::Closed {
			proposal_hash: hash,
			yes: 3,
			no: 2
		}));
		assert!(council_events()
			.contains(&pallet_collective::Event::Disapproved { proposal_hash: hash }));

		// Asked for 3 ayes, it passes the council, but the origin is 3 of 5:
		// less than two thirds, so the call is refused.
		let (hash, index) = propose(&admin(1), 3, authorize(code_hash));
		for voter in 1..4 {
			assert_ok!(Collective::vote(signed(&admin(voter)), hash, index, true));
		}
		assert_ok!(close(hash, index));
		assert!(council_events().contains(&pallet_collective::Event::Executed {
			proposal_hash: hash,
			result: Err(DispatchError::BadOrigin)
		}));
		assert!(!System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::System(frame_system::Event::UpgradeAuthorized { .. })
		)));
	});
}

#[test]
fn four_ayes_of_five_authorize_an_upgrade_and_nothing_gains_root() {
	five_members().execute_with(|| {
		let code_hash = Hash::repeat_byte(9);
		let (hash, index) = propose(&admin(0), 4, authorize(code_hash));
		for voter in 0..4 {
			assert_ok!(Collective::vote(signed(&admin(voter)), hash, index, true));
		}
		assert_ok!(close(hash, index));
		assert!(System::events().iter().any(|r| r.event
			== RuntimeEvent::System(frame_system::Event::UpgradeAuthorized {
				code_hash,
				check_version: true
			})));

		// A unanimous motion for the root-only call itself is still refused.
		let root_only: RuntimeCall =
			frame_system::Call::authorize_upgrade { code_hash: Hash::repeat_byte(1) }.into();
		let (hash, index) = propose(&admin(0), 5, root_only);
		for voter in 0..5 {
			assert_ok!(Collective::vote(signed(&admin(voter)), hash, index, true));
		}
		assert_ok!(close(hash, index));
		assert!(council_events().contains(&pallet_collective::Event::Executed {
			proposal_hash: hash,
			result: Err(DispatchError::BadOrigin)
		}));
		// And no single key reaches it either.
		assert_noop!(
			System::authorize_upgrade(signed(&admin(0)), code_hash),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_member_has_at_most_ten_motions_open() {
	five_members().execute_with(|| {
		let proposer = admin(0);
		let motions: Vec<(Hash, u32)> =
			(0..10u8).map(|i| propose(&proposer, 4, authorize(Hash::repeat_byte(i)))).collect();
		let call = authorize(Hash::repeat_byte(10));
		let length = call.encoded_size() as u32;
		assert_noop!(
			Collective::propose(signed(&proposer), 4, Box::new(call.clone()), length),
			pallet_consortium::Error::<Runtime>::TooManyOpenMotions
		);
		// Another member still proposes.
		propose(&admin(1), 4, call.clone());
		// A motion voted down, once released, gives the slot back.
		let (hash, index) = motions[0];
		for voter in 1..3 {
			assert_ok!(Collective::vote(signed(&admin(voter)), hash, index, false));
		}
		assert_ok!(close(hash, index));
		assert_ok!(Collective::release_proposal_cost(signed(&admin(4)), hash));
		let other = authorize(Hash::repeat_byte(11));
		propose(&proposer, 4, other);
	});
}

#[test]
fn the_runtime_api_shows_a_member_and_its_officers() {
	externalities(local_config_genesis()).execute_with(|| {
		use cadena_primitives::{CountryCode, MemberStatus, Role};
		let member = cadena_api::member(CountryCode(*b"MX")).expect("a member");
		assert_eq!(member.status, MemberStatus::Active);
		assert_eq!(member.admin, admin(0));
		assert_eq!(member.validator, admin(0));
		assert_eq!(member.officers.len(), 4);
		let registrar = derived_account(&DEV_MEMBERS[0], "registrar");
		assert!(member.officers.contains(&(registrar, Role::Registrar.into())));
		assert!(member.officers.contains(&(admin(0), Role::Admin.into())));
		assert_eq!(cadena_api::member(CountryCode(*b"GT")), None);
	});
}
