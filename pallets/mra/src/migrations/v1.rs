//! Version 0 to 1: the index recognition reads ([`MrasOf`]) holds only live
//! MRAs, as one sorted, bounded list per country; terminated MRAs move to
//! [`Archived`]. The quotas start counting: [`AwaitingOf`] from the waiting
//! list, [`OpenProposals`] from the proposals not yet signed by all, each
//! charged to the administration of the officer who proposed it (as the
//! history names it; a proposal whose proposer is no longer an officer is
//! charged to nobody).
//!
//! Single-block: it reads each index entry and each MRA once. The MRAs of a
//! consortium are counted in tens.

use crate::{
	Archived, Awaiting, AwaitingOf, Config, History, MotionKind, MraAction, Mras, MrasOf,
	OpenProposals, Pallet, LOG_TARGET,
};
use alloc::{collections::BTreeMap, vec::Vec};
use cadena_primitives::{Consortium, CountryCode, MraId, MraStatus};
#[cfg(feature = "try-runtime")]
use codec::{Decode, Encode};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
};

/// The layout of version 0.
pub mod v0 {
	use super::*;

	/// `MrasOf` as version 0 stored it: every MRA of each country, terminated
	/// ones too, one entry each.
	#[frame_support::storage_alias]
	pub type MrasOf<T: Config> =
		StorageDoubleMap<Pallet<T>, Blake2_128Concat, CountryCode, Twox64Concat, MraId, ()>;
}

/// The migration itself, without the version guard: use [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut reads, mut writes) = (0u64, 0u64);
		let old: Vec<(CountryCode, MraId)> = v0::MrasOf::<T>::iter_keys().collect();
		reads += old.len() as u64;
		let _ = v0::MrasOf::<T>::clear(u32::MAX, None);
		writes += old.len() as u64;
		let mut live = BTreeMap::<CountryCode, Vec<MraId>>::new();
		for (country, id) in old {
			reads += 1;
			match Mras::<T>::get(id).map(|m| m.terms.status) {
				Some(MraStatus::Terminated) => {
					Archived::<T>::insert(country, id, ());
					writes += 1;
				}
				Some(_) => live.entry(country).or_default().push(id),
				None => log::error!(target: LOG_TARGET, "index names unknown MRA {id}"),
			}
		}
		for (country, mut ids) in live {
			ids.sort();
			writes += 1;
			match BoundedVec::<_, T::MaxMrasPerCountry>::try_from(ids) {
				Ok(ids) => MrasOf::<T>::insert(country, ids),
				Err(ids) => log::error!(
					target: LOG_TARGET,
					"{country:?} is party to {} live MRAs, more than MaxMrasPerCountry: not indexed",
					ids.len()
				),
			}
		}
		for (_, id) in Awaiting::<T>::get() {
			reads += 1;
			for party in Mras::<T>::get(id).map(|m| m.terms.parties).unwrap_or_default() {
				AwaitingOf::<T>::mutate(party, |n| *n += 1);
				writes += 1;
			}
		}
		for (id, mra) in Mras::<T>::iter() {
			reads += 2;
			let open = mra.terms.status == MraStatus::Proposed
				&& mra.motion.as_ref().is_some_and(|m| m.kind == MotionKind::EnterIntoForce);
			if !open {
				continue;
			}
			let Some(proposer) = proposer_of::<T>(id) else { continue };
			writes += 1;
			let insert = |open: &mut BoundedVec<MraId, T::MaxProposalsPerCountry>| {
				let position = open.binary_search(&id).unwrap_or_else(|p| p);
				open.try_insert(position, id)
			};
			if OpenProposals::<T>::try_mutate(proposer, insert).is_err() {
				log::warn!(target: LOG_TARGET, "{proposer:?} has more open proposals than the quota");
			}
		}
		log::info!(target: LOG_TARGET, "v1: {reads} reads, {writes} writes");
		T::DbWeight::get().reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(pre_check::<T>()?.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let counts = Decode::decode(&mut &state[..])
			.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
		post_check::<T>(counts)
	}
}

/// The country of the officer who proposed MRA `id`, from its history.
fn proposer_of<T: Config>(id: MraId) -> Option<CountryCode> {
	let entry = History::<T>::get(id).into_iter().find(|e| e.action == MraAction::Propose)?;
	Some(T::Consortium::officer(&entry.by?)?.country)
}

/// Version 0 to 1 of the MRA pallet's storage, run only while the on-chain
/// version is 0; it then sets it to 1, so running it twice changes nothing.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// What the index held before, per country: (live, terminated) MRA counts.
pub type Counts = BTreeMap<CountryCode, (u32, u32)>;

/// Before: every version-0 index entry names an MRA of which the country is
/// party, and no country is party to more live MRAs than the new bound.
/// Returns the counts, for [`post_check`].
pub fn pre_check<T: Config>() -> Result<Counts, sp_runtime::TryRuntimeError> {
	let mut counts = Counts::new();
	for (country, id) in v0::MrasOf::<T>::iter_keys() {
		let mra = Mras::<T>::get(id).ok_or("v0 index names an unknown MRA")?;
		ensure!(mra.terms.parties.contains(&country), "v0 index names a non-party");
		let count = counts.entry(country).or_default();
		if mra.terms.status == MraStatus::Terminated {
			count.1 += 1;
		} else {
			count.0 += 1;
		}
	}
	for (live, _) in counts.values() {
		ensure!(*live <= T::MaxMrasPerCountry::get(), "more live MRAs than MaxMrasPerCountry");
	}
	let mut waiting = BTreeMap::<CountryCode, u32>::new();
	for (_, id) in Awaiting::<T>::get() {
		for party in Mras::<T>::get(id).map(|m| m.terms.parties).unwrap_or_default() {
			*waiting.entry(party).or_default() += 1;
		}
	}
	ensure!(
		waiting.values().all(|n| *n <= T::MaxAwaitingPerCountry::get()),
		"a party waits on more MRAs than MaxAwaitingPerCountry"
	);
	Ok(counts)
}

/// After: each country's live MRAs indexed and its terminated ones archived,
/// as many as before; no version-0 entry left; every invariant holds.
pub fn post_check<T: Config>(counts: Counts) -> Result<(), sp_runtime::TryRuntimeError> {
	// Both layouts share the prefix: a version-0 key is longer by an MRA
	// number (Twox64Concat, 12 bytes).
	let prefix = <MrasOf<T> as frame_support::storage::StoragePrefixedMap<_>>::final_prefix();
	let mut key = prefix.to_vec();
	while let Some(next) = sp_io::storage::next_key(&key).filter(|k| k.starts_with(&prefix)) {
		ensure!(next.len() == prefix.len() + 16 + 2, "a v0 index entry is left");
		key = next;
	}
	for (country, (live, terminated)) in counts {
		ensure!(MrasOf::<T>::get(country).len() as u32 == live, "live MRAs not indexed");
		ensure!(
			Archived::<T>::iter_key_prefix(country).count() as u32 == terminated,
			"terminated MRAs not archived"
		);
	}
	Pallet::<T>::do_try_state()
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::*;
	use frame_support::{
		assert_ok,
		traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion},
	};
	use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave};
	use sp_runtime::StateVersion;

	fn signed(key: Sr25519Keyring) -> RuntimeOrigin {
		RuntimeOrigin::signed(account(key))
	}

	fn propose(key: Sr25519Keyring, parties: &[CountryCode], day: u32) -> MraId {
		let id = crate::NextMraId::<Test>::get();
		let scope = alloc::vec![cadena_primitives::AeoType::SecurityAndSafety];
		assert_ok!(Mra::propose(
			signed(key),
			b"MRA".to_vec(),
			parties.to_vec(),
			scope.try_into().unwrap(),
			None,
			day,
			Vec::new()
		));
		id
	}

	fn sign(key: Sr25519Keyring, id: MraId) {
		assert_ok!(Mra::sign(signed(key), id, MotionKind::EnterIntoForce));
	}

	/// MRAs in every state: in force, terminated, open, waiting for its date.
	fn every_kind_of_mra() {
		StorageVersion::new(1).put::<Pallet<Test>>();
		let in_force = propose(Alice, &[MX, CR], TODAY);
		sign(Bob, in_force);
		let terminated = propose(Alice, &[MX, PE], TODAY);
		assert_ok!(Mra::terminate(signed(Charlie), terminated));
		propose(Bob, &[CR, PE], TODAY);
		let waiting = propose(Dave, &[CO, MX], TODAY + 9);
		sign(Alice, waiting);
	}

	/// Rewrites the current layout as version 0.
	fn downgrade_to_v0() {
		for (country, ids) in MrasOf::<Test>::drain().collect::<Vec<_>>() {
			for id in ids {
				v0::MrasOf::<Test>::insert(country, id, ());
			}
		}
		for (country, id) in Archived::<Test>::drain().map(|(c, i, _)| (c, i)).collect::<Vec<_>>() {
			v0::MrasOf::<Test>::insert(country, id, ());
		}
		let _ = OpenProposals::<Test>::clear(u32::MAX, None);
		let _ = AwaitingOf::<Test>::clear(u32::MAX, None);
		StorageVersion::new(0).put::<Pallet<Test>>();
	}

	#[test]
	fn v0_index_becomes_live_lists_an_archive_and_quotas() {
		new_test_ext().execute_with(|| {
			every_kind_of_mra();
			let root = sp_io::storage::root(StateVersion::V1);
			downgrade_to_v0();
			assert_ne!(sp_io::storage::root(StateVersion::V1), root);
			let counts = pre_check::<Test>().expect("a sound v0 state");
			assert_eq!(counts.get(&MX), Some(&(2, 1)));

			MigrateV0ToV1::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
			// Exactly the state the calls build in the new layout.
			assert_eq!(sp_io::storage::root(StateVersion::V1), root);
			post_check::<Test>(counts).expect("post-upgrade checks hold");
		});
	}

	#[test]
	fn running_the_migration_twice_changes_nothing() {
		new_test_ext().execute_with(|| {
			every_kind_of_mra();
			downgrade_to_v0();
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			let root = sp_io::storage::root(StateVersion::V1);
			let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(sp_io::storage::root(StateVersion::V1), root);
			let db = <<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get();
			assert_eq!(weight, db.reads(1), "the version guard alone");
		});
	}

	#[test]
	fn the_pre_check_refuses_a_broken_v0_state() {
		new_test_ext().execute_with(|| {
			every_kind_of_mra();
			downgrade_to_v0();
			v0::MrasOf::<Test>::insert(ZW, 0, ());
			assert!(pre_check::<Test>().is_err());
		});
	}

	#[test]
	fn the_post_check_finds_a_v0_entry_left() {
		new_test_ext().execute_with(|| {
			every_kind_of_mra();
			downgrade_to_v0();
			let counts = pre_check::<Test>().unwrap();
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_ok!(post_check::<Test>(counts.clone()));
			v0::MrasOf::<Test>::insert(MX, 0, ());
			assert!(post_check::<Test>(counts).is_err());
		});
	}
}
