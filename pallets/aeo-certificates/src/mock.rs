//! A test runtime: frame-system, the real TIN registry and the certificates,
//! with a consortium held in a table and a settable clock.

use crate as pallet_aeo_certificates;
use cadena_primitives::{CountryCode, Officer, Role, Roles};
use core::cell::RefCell;
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, Hooks},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::BlockWeights;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::IdentityLookup, AccountId32, BuildStorage, MultiSignature, Perbill};
use std::collections::BTreeMap;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = AccountId32;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		TinRegistry: pallet_tin_registry,
		AeoCertificates: pallet_aeo_certificates,
	}
);

parameter_types! {
	/// As in the CADENA runtime: half a second per block.
	pub TestBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND / 2, u64::MAX),
		Perbill::from_percent(75),
	);
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = IdentityLookup<AccountId>;
	// Reads and writes cost something, so that refunds show.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
	type BlockWeights = TestBlockWeights;
}

pub const MX: CountryCode = CountryCode(*b"MX");
pub const CR: CountryCode = CountryCode(*b"CR");

pub fn account(key: Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

thread_local! {
	static OFFICERS: RefCell<BTreeMap<AccountId, Officer>> = const { RefCell::new(BTreeMap::new()) };
	static SUSPENDED: RefCell<Vec<CountryCode>> = const { RefCell::new(Vec::new()) };
	static SEALABLE: RefCell<BTreeMap<cadena_primitives::Tin, u32>> = const { RefCell::new(BTreeMap::new()) };
}

/// Reasons about `tin`'s certificates may be sealed under version `version`
/// of its record (`None`: under none).
pub fn set_sealable(tin: &cadena_primitives::Tin, version: Option<u32>) {
	SEALABLE.with(|s| match version {
		Some(v) => s.borrow_mut().insert(tin.clone(), v),
		None => s.borrow_mut().remove(tin),
	});
}

/// The confidential records, as far as reasons care: which version of
/// each trader's record a reason may be sealed under.
pub struct TestSealedReasons;

impl cadena_primitives::SealedReasons for TestSealedReasons {
	fn sealable_version(holder: &cadena_primitives::Tin) -> Option<u32> {
		SEALABLE.with(|s| s.borrow().get(holder).copied())
	}
	fn sealable_version_weight() -> frame_support::weights::Weight {
		frame_support::weights::Weight::from_parts(2_000_000, 0)
	}
}

/// Alice: MX Registrar. Bob: MX Approver. Charlie: CR Approver. Dave: CR
/// Registrar. Eve: MX Auditor. Ferdie: nobody to the consortium (an
/// outsider, or a trader once linked to a TIN).
pub fn seat_officers() {
	let officers = [
		(Sr25519Keyring::Alice, MX, Role::Registrar),
		(Sr25519Keyring::Bob, MX, Role::Approver),
		(Sr25519Keyring::Charlie, CR, Role::Approver),
		(Sr25519Keyring::Dave, CR, Role::Registrar),
		(Sr25519Keyring::Eve, MX, Role::Auditor),
	];
	OFFICERS.with(|o| {
		let mut o = o.borrow_mut();
		o.clear();
		for (key, country, role) in officers {
			o.insert(account(key), Officer { country, roles: Roles::from(role) });
		}
	});
	SUSPENDED.with(|s| s.borrow_mut().clear());
	SEALABLE.with(|s| s.borrow_mut().clear());
}

/// The consortium suspends `country`'s administration: its officers can do nothing.
pub fn suspend_administration(country: CountryCode) {
	SUSPENDED.with(|s| s.borrow_mut().push(country));
}

pub struct TestConsortium;
impl cadena_primitives::Consortium<AccountId> for TestConsortium {
	fn officer(who: &AccountId) -> Option<Officer> {
		let officer = OFFICERS.with(|o| o.borrow().get(who).copied())?;
		Self::is_active_member(&officer.country).then_some(officer)
	}

	fn is_active_member(country: &CountryCode) -> bool {
		!SUSPENDED.with(|s| s.borrow().contains(country))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_officer(country: CountryCode, roles: Roles, index: u32) -> AccountId {
		let officer: AccountId = frame_benchmarking::account("officer", index, 1);
		OFFICERS.with(|o| o.borrow_mut().insert(officer.clone(), Officer { country, roles }));
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

#[cfg(feature = "runtime-benchmarks")]
impl cadena_primitives::BenchmarkClock for Clock {
	fn set_time(millis: u64) {
		Now::set(millis);
	}
}

impl pallet_tin_registry::Config for Test {
	type OnEntitlementEnded = ();
	type RuntimeEvent = RuntimeEvent;
	type Consortium = TestConsortium;
	type Time = Clock;
	type LinkSignature = MultiSignature;
	type MaxLinkedAccounts = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_tin_registry::Sr25519Traders<Test>;
}

impl pallet_aeo_certificates::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Consortium = TestConsortium;
	type TinRegistry = TinRegistry;
	type Time = Clock;
	type SealedReasons = TestSealedReasons;
	type MaxReasonLength = ConstU32<64>;
	type MaxHistory = ConstU32<4>;
	type MaxBatch = ConstU32<100>;
	type MaxExpiriesPerBlock = ConstU32<100>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Clock;
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	seat_officers();
	Now::set(START);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run<R>(test: impl FnOnce() -> R) -> R {
	new_test_ext().execute_with(|| {
		let result = test();
		AeoCertificates::do_try_state().expect("invariants hold");
		TinRegistry::do_try_state().expect("registry invariants hold");
		result
	})
}

/// Moves to the next block at `now`, runs the expiry hook, and returns its
/// weight, having checked that it fits in the block.
pub fn next_block(now: u64) -> Weight {
	let number = System::block_number() + 1;
	System::reset_events();
	System::set_block_number(number);
	Now::set(now);
	let mut meter =
		frame_support::weights::WeightMeter::with_limit(TestBlockWeights::get().max_block);
	AeoCertificates::on_poll(number, &mut meter);
	let weight = meter.consumed();
	assert!(
		weight.all_lte(TestBlockWeights::get().max_block),
		"block {number}: the hook's {weight} exceeds the block"
	);
	weight
}
