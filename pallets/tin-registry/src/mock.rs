//! A test runtime: frame-system and the registry, with a fixed consortium and clock.

use crate as pallet_tin_registry;
use cadena_primitives::{CountryCode, Officer, Role, Roles};
use frame_support::{derive_impl, parameter_types, traits::ConstU32};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::IdentityLookup, AccountId32, BuildStorage, MultiSignature};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = AccountId32;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		TinRegistry: pallet_tin_registry,
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

pub fn account(key: Sr25519Keyring) -> AccountId {
	key.to_account_id()
}

/// Alice: MX Registrar. Bob: MX Approver. Charlie: CR Registrar.
/// Dave: MX Registrar of a suspended administration (the consortium says
/// nobody). Eve and Ferdie: traders, nobody to the consortium.
pub struct TestConsortium;
impl cadena_primitives::Consortium<AccountId> for TestConsortium {
	fn officer(who: &AccountId) -> Option<Officer> {
		let officer = |country, role: Role| Some(Officer { country, roles: Roles::from(role) });
		match Sr25519Keyring::from_account_id(who)? {
			Sr25519Keyring::Alice => officer(MX, Role::Registrar),
			Sr25519Keyring::Bob => officer(MX, Role::Approver),
			Sr25519Keyring::Charlie => officer(CR, Role::Registrar),
			_ => None,
		}
	}

	fn is_active_member(country: &CountryCode) -> bool {
		*country == MX || *country == CR
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_officer(country: CountryCode, roles: Roles, _: u32) -> AccountId {
		assert!(country == MX && roles == Roles::from(Role::Registrar), "only MX's Registrar");
		account(Sr25519Keyring::Alice)
	}
}

parameter_types! {
	pub static Now: u64 = 1_700_000_000_000;
}

pub struct Clock;
impl frame_support::traits::UnixTime for Clock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(Now::get())
	}
}

impl pallet_tin_registry::Config for Test {
	type OnEntitlementEnded = cadena_primitives::testing::RecordEntitlementEnds;
	type RuntimeEvent = RuntimeEvent;
	type Consortium = TestConsortium;
	type Time = Clock;
	type LinkSignature = MultiSignature;
	type MaxLinkedAccounts = ConstU32<2>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_tin_registry::Sr25519Traders<Test>;
}

pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		TinRegistry::do_try_state().expect("invariants hold");
	});
}
