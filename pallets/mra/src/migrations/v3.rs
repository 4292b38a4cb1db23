//! Version 2 to 3: every direction of every MRA gets its benefit set
//! ([`Benefits`]): the MRAs agreed before benefits existed grant nothing
//! yet, and say so (version 0, no grants) until their parties amend them.
//! Business continuity ([`crate::Continuity`]) and amendments waiting for
//! their day ([`crate::Scheduled`]) start empty.
//!
//! Single-block: one read of each MRA and one write of each of its
//! directions. The MRAs of a consortium are counted in tens.

use crate::{Benefits, Config, Mras, Pallet, LOG_TARGET};
#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use cadena_primitives::DirectionBenefits;
#[cfg(feature = "try-runtime")]
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};

/// How many directions the MRAs have together.
pub fn directions_count<T: Config>() -> u32 {
	Mras::<T>::iter_values().map(|m| m.terms.directions.len() as u32).sum()
}

/// Checks before the upgrade: no benefits stored yet; returns how many
/// directions must get a set.
pub fn pre_check<T: Config>() -> Result<u32, &'static str> {
	ensure!(Benefits::<T>::iter_keys().next().is_none(), "benefits exist already");
	Ok(directions_count::<T>())
}

/// Checks after: one set per direction, each empty at version 0, and the
/// pallet's invariants.
pub fn post_check<T: Config>(directions: u32) -> Result<(), &'static str> {
	let sets: alloc::vec::Vec<_> = Benefits::<T>::iter_values().collect();
	ensure!(sets.len() as u32 == directions, "a direction without its set");
	ensure!(
		sets.iter().all(|s| *s == DirectionBenefits::default()),
		"a migrated set is not empty at version 0"
	);
	Pallet::<T>::do_try_state().map_err(|_| "the pallet's invariants fail")
}

/// The migration itself, without the version guard: use [`MigrateV2ToV3`].
pub struct InnerMigrateV2ToV3<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV2ToV3<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut mras, mut writes) = (0u64, 0u64);
		for (id, mra) in Mras::<T>::iter() {
			mras += 1;
			for direction in mra.terms.directions.iter() {
				if !Benefits::<T>::contains_key(id, direction) {
					Benefits::<T>::insert(id, direction, DirectionBenefits::default());
					writes += 1;
				}
			}
		}
		log::info!(target: LOG_TARGET, "v3: {mras} MRAs read, {writes} directions given no benefits");
		T::DbWeight::get().reads_writes(mras + writes, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(pre_check::<T>()?.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let directions = u32::decode(&mut &state[..])
			.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
		post_check::<T>(directions).map_err(Into::into)
	}
}

/// Version 2 to 3 of the MRA pallet's storage, run only while the on-chain
/// version is 2; it then sets it to 3, so running it twice changes nothing.
pub type MigrateV2ToV3<T> = VersionedMigration<
	2,
	3,
	InnerMigrateV2ToV3<T>,
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
	use sp_keyring::Sr25519Keyring::{Alice, Bob};
	use sp_runtime::StateVersion;

	#[test]
	fn every_direction_gets_an_empty_set_at_version_0() {
		new_test_ext().execute_with(|| {
			let signed = |key: sp_keyring::Sr25519Keyring| RuntimeOrigin::signed(account(key));
			let scope = alloc::vec![cadena_primitives::AeoType::SecurityAndSafety];
			for parties in [&[MX, CR][..], &[MX, CR, PE][..]] {
				assert_ok!(Mra::propose(
					signed(Alice),
					b"MRA".to_vec(),
					parties.to_vec(),
					scope.clone().try_into().unwrap(),
					None,
					TODAY,
					alloc::vec![],
				));
			}
			assert_ok!(Mra::sign(signed(Bob), 0, MotionKind::EnterIntoForce));
			// The layout of version 2: no benefits.
			let _ = Benefits::<Test>::clear(u32::MAX, None);
			StorageVersion::new(2).put::<Pallet<Test>>();
			let directions = pre_check::<Test>().expect("nothing stored yet");
			assert_eq!(directions, 2 + 6);

			MigrateV2ToV3::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(3));
			post_check::<Test>(directions).expect("one empty set per direction");
			assert_eq!(Pallet::<Test>::benefits_of(0, MX, CR), DirectionBenefits::default());
			let root = sp_io::storage::root(StateVersion::V1);
			// Twice changes nothing: the version guard, and the inner step alone.
			MigrateV2ToV3::<Test>::on_runtime_upgrade();
			InnerMigrateV2ToV3::<Test>::on_runtime_upgrade();
			assert_eq!(sp_io::storage::root(StateVersion::V1), root);
		});
	}
}
