//! Storage migrations of the TIN registry pallet.
//!
//! The pallet declares its layout as `STORAGE_VERSION`; a change of layout
//! bumps it and ships here, as a `VersionedMigration` from the old version to
//! the new one with its `pre_upgrade`/`post_upgrade` checks, composed into the
//! runtime's `Migrations` (docs/upgrades.md). Version 0 is the layout the chain
//! started with.
//!
//! | version | runtime | change |
//! | --- | --- | --- |
//! | 1 | 107 | [`v1`]: traders' names and addresses dropped from the chain's state (they go sealed, to `pallet-confidential`) |

pub mod v1 {
	//! Version 0 to 1: each trader's record keeps its status, consent and
	//! provenance; its legal and trade name and its address are dropped.
	//! The runtime holds no key and cannot seal them: each administration
	//! sends them again sealed, with `cadena import --encryption-key-file`
	//! (docs/upgrades.md, runtime 107). Recognition reads status and
	//! consent only, so its answers do not change.
	//!
	//! Single-block: one read and one write per trader. A register of
	//! 10,000 traders is about a quarter of a block's execution time
	//! (docs/upgrades.md); a larger one needs a multi-block migration.

	use crate::{Config, Pallet, TinStatus, TraderRecord, Traders, LOG_TARGET};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	use codec::{Decode, Encode, MaxEncodedLen};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};
	use frame_system::pallet_prelude::BlockNumberFor;

	/// The layout of version 0.
	pub mod v0 {
		use super::*;

		/// A trader's postal address, as version 0 stored it.
		#[derive(Encode, Decode, MaxEncodedLen, TypeInfo)]
		pub struct Address {
			pub street: BoundedVec<u8, ConstU32<128>>,
			pub city: BoundedVec<u8, ConstU32<128>>,
			pub postal_code: BoundedVec<u8, ConstU32<16>>,
			pub region: BoundedVec<u8, ConstU32<6>>,
		}

		/// A trader's record, as version 0 stored it (the runtime's
		/// `MaxTextLength` was 128).
		#[derive(Encode, Decode, MaxEncodedLen, TypeInfo)]
		pub struct TraderRecord<AccountId, BlockNumber> {
			pub legal_name: BoundedVec<u8, ConstU32<128>>,
			pub trade_name: BoundedVec<u8, ConstU32<128>>,
			pub address: Address,
			pub status: TinStatus,
			pub consent: bool,
			pub changed_by: AccountId,
			pub changed_at_block: BlockNumber,
			pub changed_at: u64,
		}

		/// A record as version 0 stored it.
		pub type RecordOf<T> =
			TraderRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

		/// `Traders` as version 0 stored it.
		#[frame_support::storage_alias]
		pub type Traders<T: Config> =
			StorageMap<Pallet<T>, Blake2_128Concat, cadena_primitives::Tin, RecordOf<T>>;
	}

	/// The migration itself, without the version guard: use [`MigrateV0ToV1`].
	pub struct InnerMigrateV0ToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let mut count = 0u64;
			Traders::<T>::translate::<v0::RecordOf<T>, _>(|_, old| {
				count += 1;
				Some(TraderRecord {
					status: old.status,
					consent: old.consent,
					changed_by: old.changed_by,
					changed_at_block: old.changed_at_block,
					changed_at: old.changed_at,
				})
			});
			log::info!(target: LOG_TARGET, "v1: {count} traders' names and addresses dropped");
			T::DbWeight::get().reads_writes(count, count)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok(pre_check::<T>()?.encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = Decode::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			post_check::<T>(before)
		}
	}

	/// Version 0 to 1 of the TIN registry's storage, run only while the
	/// on-chain version is 0; it then sets it to 1, so running it twice
	/// changes nothing.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// What recognition reads of each trader, before: (active, consent), and
	/// how many traders there are.
	pub type Kept = (u32, u32, u32);

	/// Before: every record decodes as version 0. Returns what the new
	/// layout keeps of them, counted.
	pub fn pre_check<T: Config>() -> Result<Kept, sp_runtime::TryRuntimeError> {
		let mut kept = (0, 0, 0);
		for old in v0::Traders::<T>::iter_values() {
			kept.0 += 1;
			kept.1 += u32::from(old.status == TinStatus::Active);
			kept.2 += u32::from(old.consent);
		}
		Ok(kept)
	}

	/// After: as many traders, as many active and consenting; every record
	/// decodes in the new layout; the pallet's invariants hold.
	pub fn post_check<T: Config>(before: Kept) -> Result<(), sp_runtime::TryRuntimeError> {
		let mut after = (0, 0, 0);
		for (_, record) in Traders::<T>::iter() {
			after.0 += 1;
			after.1 += u32::from(record.status == TinStatus::Active);
			after.2 += u32::from(record.consent);
		}
		ensure!(after == before, "traders, active ones or consents changed");
		let keys = v0::Traders::<T>::iter_keys().count() as u32;
		ensure!(keys == before.0, "a trader's record was lost");
		Pallet::<T>::do_try_state()
	}

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::mock::*;
		use cadena_primitives::Tin;
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		fn old(n: u8, consent: bool) -> v0::RecordOf<Test> {
			fn text<S: Get<u32>>(t: &str) -> BoundedVec<u8, S> {
				t.as_bytes().to_vec().try_into().unwrap()
			}
			v0::TraderRecord {
				legal_name: text("Exportadora del Norte SA de CV"),
				trade_name: text("ExNorte"),
				address: v0::Address {
					street: text("Av. Reforma 100"),
					city: text("Ciudad de Mexico"),
					postal_code: text("06600"),
					region: text("MX-CMX"),
				},
				status: if n.is_multiple_of(2) { TinStatus::Active } else { TinStatus::Closed },
				consent,
				changed_by: account(sp_keyring::Sr25519Keyring::Alice),
				changed_at_block: n.into(),
				changed_at: 1_000 * n as u64,
			}
		}

		#[test]
		fn names_and_addresses_are_dropped_and_the_rest_kept() {
			new_test_ext().execute_with(|| {
				StorageVersion::new(0).put::<Pallet<Test>>();
				for n in 1..=5u8 {
					let tin = Tin::parse(format!("MXA{n}").as_bytes()).unwrap();
					let key = Traders::<Test>::hashed_key_for(&tin);
					sp_io::storage::set(&key, &old(n, n != 3).encode());
				}
				let before = pre_check::<Test>().expect("a sound v0 state");
				assert_eq!(before, (5, 2, 4));

				MigrateV0ToV1::<Test>::on_runtime_upgrade();

				assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
				post_check::<Test>(before).expect("post-upgrade checks hold");
				let tin = Tin::parse(b"MXA4").unwrap();
				let record = Traders::<Test>::get(&tin).unwrap();
				assert_eq!((record.status, record.consent), (TinStatus::Active, true));
				assert_eq!((record.changed_at_block, record.changed_at), (4, 4_000));
				// No byte of a name or an address is left.
				let raw = sp_io::storage::get(&Traders::<Test>::hashed_key_for(&tin)).unwrap();
				assert!(!raw.windows(7).any(|w| w == b"ExNorte"));
				// Twice changes nothing.
				let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
				MigrateV0ToV1::<Test>::on_runtime_upgrade();
				assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
			});
		}
	}
}
