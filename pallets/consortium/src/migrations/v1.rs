//! Version 0 to 1: each administration's officers indexed by country
//! ([`OfficersOf`]), so that a retired administration's officers can be
//! removed when it is admitted again; the officer count each
//! [`Administration`] kept is dropped (it is the index's length).
//!
//! Single-block: it reads every officer once (at most `MaxMembers` ×
//! `MaxOfficers`, 6,400 in the runtime) and rewrites every member.

use crate::{Administration, Config, Members, Officers, OfficersOf, Pallet, LOG_TARGET};
use alloc::{collections::BTreeMap, vec::Vec};
use cadena_primitives::CountryCode;
use codec::{Decode, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::{
	migrations::VersionedMigration,
	pallet_prelude::*,
	traits::{Get, UncheckedOnRuntimeUpgrade},
	BoundedVec,
};
use scale_info::TypeInfo;

/// The layout of version 0.
pub mod v0 {
	use super::*;
	use frame_system::pallet_prelude::BlockNumberFor;

	/// An administration as version 0 stored it: with its officer count.
	#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
	#[scale_info(skip_type_params(MaxNameLength))]
	pub struct Administration<AccountId, BlockNumber, MaxNameLength: Get<u32>> {
		pub name: BoundedVec<u8, MaxNameLength>,
		pub status: crate::MemberStatus,
		pub admin: AccountId,
		pub validator: AccountId,
		pub encryption_key: Option<[u8; 32]>,
		/// How many officers it had, the primary admin included.
		pub officers: u32,
		pub since: BlockNumber,
	}

	/// A version-0 administration of the runtime `T`.
	pub type AdministrationOf<T> = Administration<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxNameLength,
	>;

	/// `Members` as version 0 stored it.
	#[frame_support::storage_alias]
	pub type Members<T: Config> =
		StorageMap<Pallet<T>, Blake2_128Concat, CountryCode, AdministrationOf<T>>;
}

/// The migration itself, without the version guard: use [`MigrateV0ToV1`].
pub struct InnerMigrateV0ToV1<T>(PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut index = BTreeMap::<CountryCode, Vec<T::AccountId>>::new();
		let mut officers = 0u64;
		for (who, record) in Officers::<T>::iter() {
			officers += 1;
			index.entry(record.country).or_default().push(who);
		}
		let countries = index.len() as u64;
		for (country, mut list) in index {
			list.sort();
			// v0 counted officers against `MaxOfficers` at every addition.
			match BoundedVec::<_, T::MaxOfficers>::try_from(list) {
				Ok(list) => OfficersOf::<T>::insert(country, list),
				Err(list) => log::error!(
					target: LOG_TARGET,
					"{country:?} has {} officers, more than MaxOfficers: not indexed",
					list.len()
				),
			}
		}
		let mut members = 0u64;
		Members::<T>::translate::<v0::AdministrationOf<T>, _>(|_, old| {
			members += 1;
			Some(Administration {
				name: old.name,
				status: old.status,
				admin: old.admin,
				validator: old.validator,
				encryption_key: old.encryption_key,
				since: old.since,
			})
		});
		log::info!(
			target: LOG_TARGET,
			"v1: {officers} officers of {countries} administrations indexed, {members} members rewritten"
		);
		T::DbWeight::get().reads_writes(officers + members, countries + members)
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

/// Version 0 to 1 of the consortium's storage, run only while the on-chain
/// version is 0; it then sets it to 1, so running it twice changes nothing.
pub type MigrateV0ToV1<T> = VersionedMigration<
	0,
	1,
	InnerMigrateV0ToV1<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;

/// Before: every member decodes in the version-0 layout and its officer count
/// matches its officers. Returns the counts, for [`post_check`].
pub fn pre_check<T: Config>() -> Result<BTreeMap<CountryCode, u32>, sp_runtime::TryRuntimeError> {
	let mut counted = BTreeMap::<CountryCode, u32>::new();
	for (_, record) in Officers::<T>::iter() {
		*counted.entry(record.country).or_default() += 1;
	}
	let mut counts = BTreeMap::new();
	for country in v0::Members::<T>::iter_keys() {
		let member = v0::Members::<T>::get(country)
			.ok_or(sp_runtime::TryRuntimeError::Other("a member is not in the v0 layout"))?;
		ensure!(
			counted.get(&country).copied().unwrap_or(0) == member.officers,
			"v0 officer count out of step"
		);
		counts.insert(country, member.officers);
	}
	Ok(counts)
}

/// After: the same members, each with as many officers in the index as it
/// counted before, and every invariant of the pallet holds.
pub fn post_check<T: Config>(
	counts: BTreeMap<CountryCode, u32>,
) -> Result<(), sp_runtime::TryRuntimeError> {
	ensure!(Members::<T>::iter_keys().count() == counts.len(), "members lost or added");
	for (country, count) in counts {
		ensure!(Members::<T>::contains_key(country), "a member no longer decodes");
		ensure!(OfficersOf::<T>::get(country).len() as u32 == count, "officers not indexed");
	}
	Pallet::<T>::do_try_state()
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::mock::*;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	use sp_runtime::StateVersion;

	/// Rewrites the mock's genesis (built in the current layout) as version 0.
	fn downgrade_to_v0() {
		for (country, member) in Members::<Test>::iter().collect::<Vec<_>>() {
			let officers = OfficersOf::<Test>::take(country).len() as u32;
			v0::Members::<Test>::insert(
				country,
				v0::Administration {
					name: member.name,
					status: member.status,
					admin: member.admin,
					validator: member.validator,
					encryption_key: member.encryption_key,
					officers,
					since: member.since,
				},
			);
		}
		StorageVersion::new(0).put::<Pallet<Test>>();
	}

	#[test]
	fn v0_members_get_an_officers_index_and_lose_their_count() {
		new_test_ext().execute_with(|| {
			let expected: Vec<_> =
				[MX, CR, PE, CO].iter().map(|c| (*c, OfficersOf::<Test>::get(c))).collect();
			downgrade_to_v0();
			assert!(OfficersOf::<Test>::iter().next().is_none());
			let counts = pre_check::<Test>().expect("a sound v0 state");
			assert_eq!(counts.get(&MX), Some(&3));

			MigrateV0ToV1::<Test>::on_runtime_upgrade();

			assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
			for (country, officers) in expected {
				assert_eq!(OfficersOf::<Test>::get(country), officers, "{country:?}");
				assert!(Members::<Test>::get(country).is_some());
			}
			assert_eq!(
				OfficersOf::<Test>::get(MX).to_vec(),
				vec![MX_ADMIN, MX_REGISTRAR, MX_APPROVER]
			);
			post_check::<Test>(counts).expect("post-upgrade checks hold");
		});
	}

	#[test]
	fn running_the_migration_twice_changes_nothing() {
		new_test_ext().execute_with(|| {
			downgrade_to_v0();
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			let root = sp_io::storage::root(StateVersion::V1);
			let weight = MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(sp_io::storage::root(StateVersion::V1), root);
			// The version guard alone: one read.
			let db = <<Test as frame_system::Config>::DbWeight as Get<
				frame_support::weights::RuntimeDbWeight,
			>>::get();
			let one_read: Weight = db.reads(1);
			assert_eq!(weight, one_read);
		});
	}

	#[test]
	fn a_state_already_at_v1_is_left_alone() {
		new_test_ext().execute_with(|| {
			let root = sp_io::storage::root(StateVersion::V1);
			MigrateV0ToV1::<Test>::on_runtime_upgrade();
			assert_eq!(sp_io::storage::root(StateVersion::V1), root);
		});
	}

	#[test]
	fn the_pre_check_refuses_a_broken_v0_state() {
		new_test_ext().execute_with(|| {
			downgrade_to_v0();
			v0::Members::<Test>::mutate(MX, |m| m.as_mut().unwrap().officers = 9);
			assert!(pre_check::<Test>().is_err());
		});
	}
}
