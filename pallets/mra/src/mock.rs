//! A test runtime: frame-system and the MRA pallet, with a consortium held
//! in a table and a settable clock.

use crate as pallet_mra;
use cadena_primitives::{CountryCode, Officer, Role, Roles};
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::IdentityLookup, AccountId32, BuildStorage};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = AccountId32;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Mra: pallet_mra,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
}

pub const MX: CountryCode = CountryCode(*b"MX");
pub const CR: CountryCode = CountryCode(*b"CR");
pub const PE: CountryCode = CountryCode(*b"PE");
pub const CO: CountryCode = CountryCode(*b"CO");
/// A real country whose administration is no member.
pub const ZW: CountryCode = CountryCode(*b"ZW");

pub fn account(key: Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

thread_local! {
	static SUSPENDED: RefCell<Vec<CountryCode>> = const { RefCell::new(Vec::new()) };
	/// Officers made by benchmarks.
	static MADE: RefCell<Vec<(AccountId, Officer)>> = const { RefCell::new(Vec::new()) };
}

/// Makes an Admin of `country` (an account of its own for each country).
pub fn make_admin(country: CountryCode) -> AccountId {
	let mut raw = [9u8; 32];
	raw[..2].copy_from_slice(&country.0);
	let admin = AccountId::from(raw);
	let officer = Officer { country, roles: Roles::from(Role::Admin) };
	MADE.with(|m| m.borrow_mut().push((admin.clone(), officer)));
	admin
}

/// The consortium suspends `country`'s administration.
pub fn suspend_administration(country: CountryCode) {
	SUSPENDED.with(|s| s.borrow_mut().push(country));
}

/// Alice, Bob, Charlie, Dave: the Admins of MX, CR, PE and CO. Eve: an MX
/// Registrar. Ferdie: nobody. Every assigned country but ZW is a member.
pub struct TestConsortium;
impl cadena_primitives::Consortium<AccountId> for TestConsortium {
	fn officer(who: &AccountId) -> Option<Officer> {
		if let Some(officer) =
			MADE.with(|m| m.borrow().iter().find(|(a, _)| a == who).map(|(_, o)| *o))
		{
			return Some(officer);
		}
		let (country, role) = match Sr25519Keyring::from_account_id(who)? {
			Sr25519Keyring::Alice => (MX, Role::Admin),
			Sr25519Keyring::Bob => (CR, Role::Admin),
			Sr25519Keyring::Charlie => (PE, Role::Admin),
			Sr25519Keyring::Dave => (CO, Role::Admin),
			Sr25519Keyring::Eve => (MX, Role::Registrar),
			_ => return None,
		};
		Self::is_active_member(&country).then_some(Officer { country, roles: Roles::from(role) })
	}

	fn is_active_member(country: &CountryCode) -> bool {
		country.validate().is_ok()
			&& *country != ZW
			&& !SUSPENDED.with(|s| s.borrow().contains(country))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_officer(country: CountryCode, roles: Roles, index: u32) -> AccountId {
		let officer: AccountId = frame_benchmarking::account("officer", index, 1);
		MADE.with(|m| m.borrow_mut().push((officer.clone(), Officer { country, roles })));
		officer
	}
}

/// 2026-03-01T12:00:00Z: day 20_513.
pub const START: u64 = 1_772_366_400_000;
pub const TODAY: u32 = 20_513;

parameter_types! {
	pub static Now: u64 = START;
}

pub struct Clock;
impl frame_support::traits::UnixTime for Clock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(Now::get())
	}
}

impl pallet_mra::Config for Test {
	type OnEntitlementEnded = cadena_primitives::testing::RecordEntitlementEnds;
	type RuntimeEvent = RuntimeEvent;
	type Consortium = TestConsortium;
	type Time = Clock;
	type MaxNameLength = ConstU32<32>;
	type MaxHistory = ConstU32<4>;
	type MaxAwaiting = ConstU32<4>;
	type MaxAwaitingPerCountry = ConstU32<1>;
	type MaxMrasPerCountry = ConstU32<4>;
	type MaxProposalsPerCountry = ConstU32<2>;
	type MaxMembers = ConstU32<8>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Clock;
}

#[cfg(feature = "runtime-benchmarks")]
impl cadena_primitives::BenchmarkClock for Clock {
	fn set_time(millis: u64) {
		Now::set(millis);
	}
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	SUSPENDED.with(|s| s.borrow_mut().clear());
	MADE.with(|m| m.borrow_mut().clear());
	Now::set(START);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Mra::do_try_state().expect("invariants hold");
	});
}
