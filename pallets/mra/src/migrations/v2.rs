//! Version 1 to 2: [`InForceDirections`] counts, for each `(issuer,
//! recogniser)` direction, the MRAs in force that carry it, so that whether
//! a partner may read an issuer's confidential records is one read instead
//! of a scan of its MRAs.
//!
//! Single-block: it reads each MRA once. The MRAs of a consortium are
//! counted in tens.

use crate::{Config, InForceDirections, Mras, Pallet, LOG_TARGET};
use alloc::collections::BTreeMap;
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use cadena_primitives::{CountryCode, MraStatus};
#[cfg(feature = "try-runtime")]
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};

/// The directions of the MRAs in force, each with how many carry it.
pub fn count_in_force<T: Config>() -> BTreeMap<(CountryCode, CountryCode), u32> {
	let mut counts = BTreeMap::new();
	for (_, mra) in Mras::<T>::iter() {
		if mra.terms.status == MraStatus::InForce {
			for direction in mra.terms.directions.iter() {
				*counts.entry(*direction).or_insert(0) += 1;
			}
		}
	}
	counts
}

/// The migration itself, without the version guard: use [`MigrateV1ToV2`].
pub struct InnerMigrateV1ToV2<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV1ToV2<T> {
	fn on_runtime_upgrade() -> Weight {
		let mras = Mras::<T>::iter_keys().count() as u64;
		let counts = count_in_force::<T>();
		let writes = counts.len() as u64;
		for ((issuer, recogniser), n) in counts {
			InForceDirections::<T>::insert(issuer, recogniser, n);
		}
		log::info!(target: LOG_TARGET, "v2: {mras} MRAs read, {writes} directions in force");
		T::DbWeight::get().reads_writes(mras * 2, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		ensure!(InForceDirections::<T>::iter().next().is_none(), "the index exists already");
		Ok(count_in_force::<T>().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let before: BTreeMap<(CountryCode, CountryCode), u32> = Decode::decode(&mut &state[..])
			.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
		ensure!(
			InForceDirections::<T>::iter().map(|(i, r, n)| ((i, r), n)).collect::<BTreeMap<_, _>>()
				== before,
			"the index is not the directions in force before the upgrade"
		);
		Pallet::<T>::do_try_state()
	}
}

/// Version 1 to 2 of the MRA pallet's storage, run only while the on-chain
/// version is 1; it then sets it to 2, so running it twice changes nothing.
pub type MigrateV1ToV2<T> = VersionedMigration<
	1,
	2,
	InnerMigrateV1ToV2<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{mock::*, MotionKind};
	use frame_support::{
		assert_ok,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	use sp_keyring::Sr25519Keyring::{Alice, Bob, Charlie};
	use sp_runtime::StateVersion;

	/// Two MRAs in force sharing MX–CR, one suspended, one proposed.
	fn mras() {
		let signed = |key: sp_keyring::Sr25519Keyring| RuntimeOrigin::signed(account(key));
		let propose = |parties: &[CountryCode], signer| {
			let id = crate::NextMraId::<Test>::get();
			let scope = alloc::vec![cadena_primitives::AeoType::SecurityAndSafety];
			assert_ok!(Mra::propose(
				signed(Alice),
				b"MRA".to_vec(),
				parties.to_vec(),
				scope.try_into().unwrap(),
				None,
				TODAY,
				alloc::vec![],
			));
			if let Some(signer) = signer {
				assert_ok!(Mra::sign(signed(signer), id, MotionKind::EnterIntoForce));
			}
			id
		};
		propose(&[MX, CR], Some(Bob));
		propose(&[MX, CR], Some(Bob));
		let suspended = propose(&[MX, PE], Some(Charlie));
		assert_ok!(Mra::suspend(signed(Alice), suspended));
		propose(&[MX, PE], None);
	}

	#[test]
	fn the_index_counts_the_directions_of_the_mras_in_force() {
		new_test_ext().execute_with(|| {
			StorageVersion::new(2).put::<Pallet<Test>>();
			mras();
			assert_eq!(InForceDirections::<Test>::get(MX, CR), 2);
			assert!(Pallet::<Test>::recognises(CR, MX));
			assert!(!Pallet::<Test>::recognises(MX, PE), "suspended");
			let root = sp_io::storage::root(StateVersion::V1);
			let _ = InForceDirections::<Test>::clear(u32::MAX, None);
			StorageVersion::new(1).put::<Pallet<Test>>();
			assert_ne!(sp_io::storage::root(StateVersion::V1), root);

			MigrateV1ToV2::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(2));
			// Exactly the state the calls build.
			assert_eq!(sp_io::storage::root(StateVersion::V1), root);
			Pallet::<Test>::do_try_state().expect("invariants hold");
			// Twice changes nothing.
			MigrateV1ToV2::<Test>::on_runtime_upgrade();
			assert_eq!(sp_io::storage::root(StateVersion::V1), root);
		});
	}
}
