//! Storage migrations of the AEO certificates pallet.
//!
//! The pallet declares its layout as `STORAGE_VERSION`; a change of layout
//! bumps it and ships here, as a `VersionedMigration` from the old version to
//! the new one with its `pre_upgrade`/`post_upgrade` checks, composed into the
//! runtime's `Migrations` (docs/upgrades.md). Version 0 is the layout the chain
//! started with.
//!
//! | version | runtime | change |
//! | --- | --- | --- |
//! | 1 | 108 | [`v1`]: the free-text reasons in clear dropped from the certificates and their histories (a reason's text is sealed from then on) |

pub mod v1 {
	//! Version 0 to 1: every certificate's reason, and every reason in its
	//! history, keeps its code; its text, stored in clear until then, is
	//! dropped. From runtime 108 a reason's text is sealed under its
	//! holder's record's data key (docs/rpc.md, "Envelopes"); the runtime
	//! holds no key and cannot seal the old texts, and they are the issuing
	//! administration's own to keep. The layout is the same (a code and
	//! bytes): the version marks that no byte is in clear any more. The
	//! pruned histories' hash chains are untouched (they cover the pruned
	//! entries only).
	//!
	//! Single-block: a read of each certificate and history, and a write of
	//! those that held a text (docs/upgrades.md).

	use crate::{Certificates, Config, History, Pallet, LOG_TARGET};
	#[cfg(feature = "try-runtime")]
	use alloc::vec::Vec;
	#[cfg(feature = "try-runtime")]
	use codec::{Decode, Encode};
	use core::marker::PhantomData;
	use frame_support::{
		migrations::VersionedMigration,
		pallet_prelude::*,
		traits::{Get, UncheckedOnRuntimeUpgrade},
	};

	/// The migration itself, without the version guard: use [`MigrateV0ToV1`].
	pub struct InnerMigrateV0ToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for InnerMigrateV0ToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let (mut reads, mut writes) = (0u64, 0u64);
			let mut dropped = 0u64;
			let keys: alloc::vec::Vec<_> = Certificates::<T>::iter_keys().collect();
			for (country, number) in keys {
				reads += 2;
				Certificates::<T>::mutate(country, &number, |certificate| {
					if let Some(certificate) =
						certificate.as_mut().filter(|c| !c.reason.text.is_empty())
					{
						certificate.reason.text = Default::default();
						dropped += 1;
						writes += 1;
					}
				});
				let id = cadena_primitives::CertificateId { country, number };
				History::<T>::mutate_exists(&id, |history| {
					let Some(history) = history else { return };
					let mut changed = false;
					for entry in history.iter_mut().filter(|e| !e.reason.text.is_empty()) {
						entry.reason.text = Default::default();
						dropped += 1;
						changed = true;
					}
					writes += u64::from(changed);
				});
			}
			log::info!(target: LOG_TARGET, "v1: {dropped} reason texts in clear dropped");
			T::DbWeight::get().reads_writes(reads, writes)
		}

		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
			Ok(pre_check::<T>().encode())
		}

		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
			let before = Decode::decode(&mut &state[..])
				.map_err(|_| sp_runtime::TryRuntimeError::Other("undecodable pre-upgrade state"))?;
			post_check::<T>(before)
		}
	}

	/// Version 0 to 1 of the certificates' storage, run only while the
	/// on-chain version is 0; it then sets it to 1, so running it twice
	/// changes nothing.
	pub type MigrateV0ToV1<T> = VersionedMigration<
		0,
		1,
		InnerMigrateV0ToV1<T>,
		Pallet<T>,
		<T as frame_system::Config>::DbWeight,
	>;

	/// What the migration keeps, counted: certificates, history entries, and
	/// the sum of their reason codes (and of their statuses' indexes).
	pub type Kept = (u32, u32, u64);

	fn kept<T: Config>() -> Kept {
		let mut kept = (0, 0, 0);
		for certificate in Certificates::<T>::iter_values() {
			kept.0 += 1;
			kept.2 += u64::from(certificate.reason.code) + certificate.status as u64;
		}
		for history in History::<T>::iter_values() {
			for entry in history {
				kept.1 += 1;
				kept.2 += u64::from(entry.reason.code) + entry.to as u64;
			}
		}
		kept
	}

	/// Before: what the new version keeps, counted.
	pub fn pre_check<T: Config>() -> Kept {
		kept::<T>()
	}

	/// After: as many certificates and entries, with their codes and
	/// statuses; no reason text left; the pallet's invariants hold.
	pub fn post_check<T: Config>(before: Kept) -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(kept::<T>() == before, "certificates, entries, codes or statuses changed");
		ensure!(
			Certificates::<T>::iter_values().all(|c| c.reason.text.is_empty()),
			"a certificate's reason text is left"
		);
		ensure!(
			History::<T>::iter_values().all(|h| h.iter().all(|e| e.reason.text.is_empty())),
			"a history's reason text is left"
		);
		Pallet::<T>::do_try_state()
	}

	#[cfg(test)]
	mod tests {
		use super::*;
		use crate::{mock::*, Reason};
		use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

		#[test]
		fn reason_texts_are_dropped_and_codes_kept() {
			run(|| {
				crate::tests::setup();
				let one = crate::tests::grant(b"AEO-1");
				crate::tests::grant(b"AEO-2");
				// Version 0 stored texts in clear: write them as it did.
				let clear = |code: u16, text: &[u8]| Reason {
					code,
					text: text.to_vec().try_into().unwrap(),
				};
				Certificates::<Test>::mutate(MX, &one.number, |c| {
					c.as_mut().unwrap().reason = clear(12, b"fraud investigation");
				});
				History::<Test>::mutate(&one, |h| {
					let mut entry = h[0].clone();
					entry.reason = clear(12, b"fraud investigation");
					h.try_push(entry).unwrap();
				});
				StorageVersion::new(0).put::<Pallet<Test>>();
				let before = pre_check::<Test>();
				assert_eq!((before.0, before.1), (2, 3));

				MigrateV0ToV1::<Test>::on_runtime_upgrade();

				assert_eq!(Pallet::<Test>::on_chain_storage_version(), StorageVersion::new(1));
				post_check::<Test>(before).expect("post-upgrade checks hold");
				let certificate = Pallet::<Test>::certificate(&one).unwrap();
				assert_eq!(certificate.reason, Reason { code: 12, text: Default::default() });
				assert_eq!(History::<Test>::get(&one)[1].reason.code, 12);
				// No byte of a text is left.
				let key = Certificates::<Test>::hashed_key_for(MX, &one.number);
				let mut raw = sp_io::storage::get(&key).unwrap().to_vec();
				raw.extend(sp_io::storage::get(&History::<Test>::hashed_key_for(&one)).unwrap());
				assert!(!raw.windows(5).any(|w| w == b"fraud"));
				// Twice changes nothing.
				let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
				MigrateV0ToV1::<Test>::on_runtime_upgrade();
				assert_eq!(sp_io::storage::root(sp_runtime::StateVersion::V1), root);
			});
		}
	}
}
