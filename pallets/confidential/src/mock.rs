//! A test runtime: frame-system and the pallet, with a model of who is
//! entitled that the tests change as the other pallets would.

use crate as pallet_confidential;
use crate::{EncryptionKey, Reader};
use cadena_primitives::{CountryCode, Officer, Role, Roles, Tin};
use core::cell::RefCell;
use frame_support::{derive_impl, traits::ConstU32};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Confidential: pallet_confidential,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	// Storage costs something, so that refunds show.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

pub const MX: CountryCode = CountryCode(*b"MX");
pub const CR: CountryCode = CountryCode(*b"CR");
pub const PE: CountryCode = CountryCode(*b"PE");

/// MX's Registrar.
pub const MX_REGISTRAR: AccountId = 1;
/// CR's Registrar.
pub const CR_REGISTRAR: AccountId = 2;
/// MX's Approver.
pub const MX_APPROVER: AccountId = 3;
/// Traders' accounts.
pub const TRADER: AccountId = 10;
pub const TRADER2: AccountId = 11;

/// What the other pallets would say: administrations' keys, who
/// recognises whose certificates under an MRA in force, consent, links.
#[derive(Clone, Debug, Default)]
pub struct Model {
	/// Each active member's published key.
	pub admin_keys: BTreeMap<CountryCode, EncryptionKey>,
	/// `(issuer, recogniser)` under an MRA in force.
	pub recognises: BTreeSet<(CountryCode, CountryCode)>,
	/// The TINs whose traders consent.
	pub consents: BTreeSet<Tin>,
	/// Linked accounts: their TIN and their key.
	pub linked: BTreeMap<AccountId, (Tin, EncryptionKey)>,
	/// The registered TINs.
	pub registered: BTreeSet<Tin>,
}

thread_local! {
	pub static MODEL: RefCell<Model> = RefCell::new(Model::default());
}

/// Changes the model.
pub fn model(change: impl FnOnce(&mut Model)) {
	MODEL.with(|m| change(&mut m.borrow_mut()));
}

pub struct TestEntitlement;
impl crate::Entitlement<AccountId> for TestEntitlement {
	fn key_of(reader: &Reader<AccountId>, tin: &Tin) -> Option<EncryptionKey> {
		MODEL.with(|m| {
			let m = m.borrow();
			match reader {
				Reader::Administration(country) => Self::administration_key(*country, tin.country)
					.filter(|_| *country == tin.country || m.consents.contains(tin)),
				Reader::Account(account) => {
					m.linked.get(account).filter(|(linked, _)| linked == tin).map(|(_, key)| *key)
				}
			}
		})
	}

	fn administration_key(reader: CountryCode, issuer: CountryCode) -> Option<EncryptionKey> {
		MODEL.with(|m| {
			let m = m.borrow();
			let entitled = reader == issuer || m.recognises.contains(&(issuer, reader));
			entitled.then(|| m.admin_keys.get(&reader).copied()).flatten()
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn entitle_for_benchmarks(tin: &Tin, count: u32) -> Vec<(Reader<AccountId>, EncryptionKey)> {
		MODEL.with(|m| {
			let mut m = m.borrow_mut();
			m.registered.insert(tin.clone());
			m.consents.insert(tin.clone());
			m.admin_keys.insert(tin.country, admin_key(tin.country));
			(0..count)
				.map(|i| {
					if i == 0 {
						return (Reader::Administration(tin.country), admin_key(tin.country));
					}
					let account = 1_000 + i as AccountId;
					m.linked.insert(account, (tin.clone(), [i as u8; 32]));
					(Reader::Account(account), [i as u8; 32])
				})
				.collect()
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn disentitle_for_benchmarks(tin: &Tin) {
		model(|m| {
			m.consents.remove(tin);
			m.linked.retain(|_, (linked, _)| linked != tin);
		})
	}
}

pub struct TestConsortium;
impl cadena_primitives::Consortium<AccountId> for TestConsortium {
	fn officer(who: &AccountId) -> Option<Officer> {
		let officer = |country, role: Role| Some(Officer { country, roles: Roles::from(role) });
		match *who {
			MX_REGISTRAR => officer(MX, Role::Registrar),
			CR_REGISTRAR => officer(CR, Role::Registrar),
			MX_APPROVER => officer(MX, Role::Approver),
			_ => None,
		}
	}

	fn is_active_member(country: &CountryCode) -> bool {
		MODEL.with(|m| m.borrow().admin_keys.contains_key(country))
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_officer(_: CountryCode, _: Roles, _: u32) -> AccountId {
		MX_REGISTRAR
	}
}

pub struct TestRegistry;
impl cadena_primitives::TinRegistry<AccountId> for TestRegistry {
	fn is_registered(tin: &Tin) -> bool {
		MODEL.with(|m| m.borrow().registered.contains(tin))
	}
	fn is_active(tin: &Tin) -> bool {
		Self::is_registered(tin)
	}
	fn consents(tin: &Tin) -> bool {
		MODEL.with(|m| m.borrow().consents.contains(tin))
	}
	fn linked_tin(who: &AccountId) -> Option<Tin> {
		MODEL.with(|m| m.borrow().linked.get(who).map(|(tin, _)| tin.clone()))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(_: &Tin) {}
}

impl pallet_confidential::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type Consortium = TestConsortium;
	type TinRegistry = TestRegistry;
	type Entitlement = TestEntitlement;
	type MaxCiphertext = ConstU32<1052>;
	type MaxReaders = ConstU32<6>;
	type MaxSealBatch = ConstU32<4>;
	type SweepPerBlock = ConstU32<3>;
	type WeightInfo = ();
}

/// The key of each administration in the tests.
pub fn admin_key(country: CountryCode) -> EncryptionKey {
	[
		country.0[0],
		country.0[1],
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		0,
		1,
	]
}

/// MX, CR and PE members with their keys; MX's TINs `MXA1`..`MXA9`
/// registered, consenting; nobody recognises anybody yet.
pub fn new_test_ext() -> sp_io::TestExternalities {
	use sp_runtime::BuildStorage;
	model(|m| {
		*m = Model::default();
		for country in [MX, CR, PE] {
			m.admin_keys.insert(country, admin_key(country));
		}
		for n in 1..=9 {
			let tin = Tin::parse(format!("MXA{n}").as_bytes()).unwrap();
			m.registered.insert(tin.clone());
			m.consents.insert(tin);
		}
	});
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test`, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Confidential::do_try_state().expect("invariants hold");
	});
}
