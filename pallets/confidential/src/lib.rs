//! # Confidential trader data
//!
//! A trader's legal and trade name, address and contacts are stored only
//! as a record sealed under a fresh data key (per version), and the data
//! key wrapped, with HPKE, for each reader entitled to it (docs/rpc.md,
//! "Envelopes"; docs/decisions.md, "Confidential trader data"). The
//! runtime holds no key and decrypts nothing: it knows who is entitled
//! ([`Entitlement`]), refuses a wrap for anyone else, and removes a
//! reader's wraps when its entitlement ends:
//!
//! - for one TIN (consent withdrawn, an account unlinked): in the same
//!   call, bounded by [`Config::MaxReaders`] ([`Pallet::revoke_unentitled`]);
//! - for one issuer as a whole (an MRA suspended or terminated, a member
//!   suspended or retired): the pair is hidden at once and its wraps go,
//!   [`Config::RemovalsPerBlock`] at a time, in the same call and then in
//!   each block's idle weight ([`Pallet::revoke_issuer`]).
//!
//! The runtime calls these from the calls of the other pallets that end
//! an entitlement (`cadena_primitives::OnEntitlementEnded`).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use pallet::*;
pub use types::{EncryptionKey, Entitlement, Reader, Sealed, WrapBytes, WrapEntry};
pub use weights::WeightInfo;

use alloc::vec::Vec;
use cadena_primitives::{Consortium, CountryCode, Role, Tin, TinRegistry};
use frame_support::{pallet_prelude::*, weights::Weight};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_system::pallet_prelude::*;

	/// A sealed record as stored.
	pub type SealedOf<T> = Sealed<<T as Config>::MaxCiphertext>;
	/// A reader as stored.
	pub type ReaderOf<T> = Reader<<T as frame_system::Config>::AccountId>;
	/// The wraps a call carries.
	pub type WrapsOf<T> = BoundedVec<(ReaderOf<T>, WrapEntry), <T as Config>::MaxReaders>;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching event type.
		#[allow(deprecated)]
		type RuntimeEvent: From<Event<Self>> + IsType<<Self as frame_system::Config>::RuntimeEvent>;

		/// Who is an officer of which administration, with which roles.
		type Consortium: Consortium<Self::AccountId>;

		/// Which TINs are registered.
		type TinRegistry: TinRegistry<Self::AccountId>;

		/// Who may read which record, with which key.
		type Entitlement: Entitlement<Self::AccountId>;

		/// Longest sealed record: the plaintext limit, the nonce and the tag.
		#[pallet::constant]
		type MaxCiphertext: Get<u32>;

		/// Most readers of one record: the members and the TIN's linked
		/// accounts.
		#[pallet::constant]
		type MaxReaders: Get<u32>;

		/// Wraps removed in the call that ends an issuer's entitlement, and
		/// at most in each block after it.
		#[pallet::constant]
		type RemovalsPerBlock: Get<u32>;

		/// Weights of the dispatchables.
		type WeightInfo: WeightInfo;
	}

	/// The sealed records, by issuing country and TIN.
	#[pallet::storage]
	pub type Records<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CountryCode, Blake2_128Concat, Tin, SealedOf<T>>;

	/// The wraps of each record's current data key, keyed reader first, so
	/// that everything one reader holds of one issuer is one prefix.
	#[pallet::storage]
	pub type Wraps<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Blake2_128Concat, ReaderOf<T>>,
			NMapKey<Blake2_128Concat, CountryCode>,
			NMapKey<Blake2_128Concat, Tin>,
		),
		WrapEntry,
	>;

	/// The readers holding a wrap of each record.
	#[pallet::storage]
	pub type ReadersOf<T: Config> =
		StorageMap<_, Blake2_128Concat, Tin, BoundedVec<ReaderOf<T>, T::MaxReaders>, ValueQuery>;

	/// (reader, issuer) pairs whose entitlement ended: hidden at once, their
	/// wraps removed a block's share at a time. A map, not a queue: a pair
	/// with many wraps delays the removal of the others' wraps, never their
	/// hiding, and no number of pairs makes a revocation fail. (There are at
	/// most as many pairs as members times members and linked accounts.)
	#[pallet::storage]
	pub type Revoking<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ReaderOf<T>,
		Blake2_128Concat,
		CountryCode,
		(),
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A record was sealed (a new version), wrapped for `readers`.
		RecordSealed { tin: Tin, version: u32, readers: u32, by: T::AccountId },
		/// Wraps were added to a record's current version.
		WrapsAdded { tin: Tin, version: u32, readers: u32, by: T::AccountId },
		/// Readers no longer entitled to a record lost their wraps.
		WrapsRemoved { tin: Tin, readers: u32 },
		/// A reader's entitlement to an issuer's records ended: its wraps are
		/// hidden, and go block by block.
		IssuerRevoked { reader: ReaderOf<T>, issuer: CountryCode },
		/// The last of a revoked pair's wraps is gone.
		RevocationDone { reader: ReaderOf<T>, issuer: CountryCode },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The TIN is malformed.
		InvalidTin,
		/// The sender is not an officer of an active administration.
		NotOfficer,
		/// The sender does not hold the `Registrar` role.
		NotRegistrar,
		/// The TIN belongs to another country's administration.
		OtherCountry,
		/// The TIN is not registered.
		UnknownTin,
		/// The version is not the record's next (to seal) or current (to add
		/// wraps).
		WrongVersion,
		/// The record is not sealed yet.
		NoRecord,
		/// A new version must be wrapped for its issuing administration.
		IssuerWrapMissing,
		/// A wrap is for a reader not entitled to the record (or without a
		/// published key).
		NotEntitled,
		/// A wrap was made for another key than the reader's published one.
		StaleKey,
		/// A reader has two wraps in one call.
		DuplicateReader,
		/// The reader's wraps of this issuer are being removed.
		RevocationPending,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			// Finding a pair, and removing it when it is done.
			let base = T::DbWeight::get().reads_writes(2, 1);
			if Revoking::<T>::iter_keys().next().is_none() {
				return T::DbWeight::get().reads(1);
			}
			let per_wrap = T::WeightInfo::remove_wrap();
			let budget = remaining
				.saturating_sub(base)
				.checked_div_per_component(&per_wrap)
				.unwrap_or(0)
				.min(T::RemovalsPerBlock::get() as u64) as u32;
			if budget == 0 {
				return T::DbWeight::get().reads(1);
			}
			let removed = Self::continue_revocations(budget);
			per_wrap.saturating_mul(removed.into()).saturating_add(base)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// A `Registrar` of the TIN's country seals a new version of its
		/// trader's record, with the wraps of its data key: its own
		/// administration's among them, and only for readers entitled to
		/// it, each made for the key the reader published. The wraps of the
		/// previous version go.
		#[pallet::call_index(0)]
		// A later version removes the old one's wraps, one write each: as
		// many as `MaxReaders`, refunded down to those there were. A first
		// version has none (what a register's import seals).
		#[pallet::weight(T::WeightInfo::seal(wraps.len() as u32).saturating_add(
			T::DbWeight::get().writes(if sealed.version > 1 { T::MaxReaders::get().into() } else { 0 })
		))]
		pub fn seal(
			origin: OriginFor<T>,
			tin: Vec<u8>,
			sealed: SealedOf<T>,
			wraps: WrapsOf<T>,
		) -> DispatchResultWithPostInfo {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			ensure!(T::TinRegistry::is_registered(&tin), Error::<T>::UnknownTin);
			let current = Records::<T>::get(tin.country, &tin).map(|r| r.version).unwrap_or(0);
			ensure!(Some(sealed.version) == current.checked_add(1), Error::<T>::WrongVersion);
			ensure!(
				wraps.iter().any(|(r, _)| *r == Reader::Administration(tin.country)),
				Error::<T>::IssuerWrapMissing
			);
			Self::check_wraps(&tin, &wraps)?;
			let old = ReadersOf::<T>::take(&tin);
			for reader in old.iter() {
				Wraps::<T>::remove((reader, tin.country, &tin));
			}
			let version = sealed.version;
			let count = wraps.len() as u32;
			Records::<T>::insert(tin.country, &tin, sealed);
			let readers = Self::insert_wraps(&tin, wraps)?;
			Self::deposit_event(Event::RecordSealed { tin, version, readers, by: who });
			let removed = T::DbWeight::get().writes(old.len() as u64);
			Ok(Some(T::WeightInfo::seal(count).saturating_add(removed)).into())
		}

		/// A `Registrar` of the TIN's country adds wraps of the current
		/// version's data key, for readers that became entitled (or
		/// published a new key) since it was sealed.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_wraps(wraps.len() as u32))]
		pub fn add_wraps(
			origin: OriginFor<T>,
			tin: Vec<u8>,
			version: u32,
			wraps: WrapsOf<T>,
		) -> DispatchResult {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			let record = Records::<T>::get(tin.country, &tin).ok_or(Error::<T>::NoRecord)?;
			ensure!(record.version == version, Error::<T>::WrongVersion);
			Self::check_wraps(&tin, &wraps)?;
			let readers = Self::insert_wraps(&tin, wraps)?;
			Self::deposit_event(Event::WrapsAdded { tin, version, readers, by: who });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	fn ensure_registrar(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		tin: &[u8],
	) -> Result<(T::AccountId, Tin), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let tin = Tin::parse(tin).map_err(|_| Error::<T>::InvalidTin)?;
		let officer = T::Consortium::officer(&who).ok_or(Error::<T>::NotOfficer)?;
		ensure!(officer.roles.contains(Role::Registrar), Error::<T>::NotRegistrar);
		ensure!(officer.country == tin.country, Error::<T>::OtherCountry);
		Ok((who, tin))
	}

	/// Each wrap's reader is entitled, with the key it was made for, once,
	/// and not being revoked.
	fn check_wraps(tin: &Tin, wraps: &WrapsOf<T>) -> DispatchResult {
		for (i, (reader, entry)) in wraps.iter().enumerate() {
			ensure!(!wraps[..i].iter().any(|(r, _)| r == reader), Error::<T>::DuplicateReader);
			ensure!(
				!Revoking::<T>::contains_key(reader, tin.country),
				Error::<T>::RevocationPending
			);
			let key = T::Entitlement::key_of(reader, tin).ok_or(Error::<T>::NotEntitled)?;
			ensure!(key == entry.key, Error::<T>::StaleKey);
		}
		Ok(())
	}

	fn insert_wraps(tin: &Tin, wraps: WrapsOf<T>) -> Result<u32, DispatchError> {
		let count = wraps.len() as u32;
		let mut readers = ReadersOf::<T>::get(tin);
		for (reader, entry) in wraps {
			if !readers.contains(&reader) {
				readers.try_push(reader.clone()).map_err(|_| Error::<T>::NotEntitled)?;
			}
			Wraps::<T>::insert((reader, tin.country, tin), entry);
		}
		ReadersOf::<T>::insert(tin, readers);
		Ok(count)
	}

	/// Removes the wraps of `tin` its readers may no longer use: the reader
	/// is no longer entitled (consent withdrawn, an account unlinked, a key
	/// cleared), or publishes another key than the one its wrap was made
	/// for. In the call that ended the entitlement, bounded by
	/// `MaxReaders`. The number removed.
	pub fn revoke_unentitled(tin: &Tin) -> u32 {
		let mut readers = ReadersOf::<T>::get(tin);
		let before = readers.len();
		readers.retain(|reader| {
			let key = (reader.clone(), tin.country, tin);
			let usable = T::Entitlement::key_of(reader, tin)
				.is_some_and(|now| Wraps::<T>::get(&key).is_some_and(|w| w.key == now));
			if !usable {
				Wraps::<T>::remove(key);
			}
			usable
		});
		let removed = (before - readers.len()) as u32;
		if removed > 0 {
			if readers.is_empty() {
				ReadersOf::<T>::remove(tin);
			} else {
				ReadersOf::<T>::insert(tin, readers);
			}
			Self::deposit_event(Event::WrapsRemoved { tin: tin.clone(), readers: removed });
		}
		removed
	}

	/// `reader`'s entitlement to every record of `issuer` ended (an MRA
	/// suspended or terminated, a member suspended or retired): its wraps
	/// are hidden from now on and refused until they are gone; the first
	/// `RemovalsPerBlock` go now, the rest in the next blocks' idle weight.
	pub fn revoke_issuer(reader: ReaderOf<T>, issuer: CountryCode) {
		Self::revoke_issuers([(reader, issuer)]);
	}

	/// [`Self::revoke_issuer`] for several pairs at once, with one share of
	/// `RemovalsPerBlock` for them all.
	pub fn revoke_issuers(pairs: impl IntoIterator<Item = (ReaderOf<T>, CountryCode)>) {
		for (reader, issuer) in pairs {
			Revoking::<T>::insert(&reader, issuer, ());
			Self::deposit_event(Event::IssuerRevoked { reader, issuer });
		}
		Self::continue_revocations(T::RemovalsPerBlock::get());
	}

	/// Removes up to `budget` wraps of the pairs being revoked, a pair at a
	/// time; finding a pair done costs one of the budget too. The budget
	/// spent.
	pub fn continue_revocations(budget: u32) -> u32 {
		let mut removed = 0;
		while removed < budget {
			let Some((reader, issuer)) = Revoking::<T>::iter_keys().next() else { break };
			let mut drained = 0;
			for (tin, _) in
				Wraps::<T>::drain_prefix((reader.clone(), issuer)).take((budget - removed) as usize)
			{
				ReadersOf::<T>::mutate_exists(&tin, |readers| {
					if let Some(list) = readers {
						list.retain(|r| *r != reader);
						if list.is_empty() {
							*readers = None;
						}
					}
				});
				drained += 1;
			}
			removed += drained;
			if removed < budget {
				// The prefix is empty: the pair is done.
				Revoking::<T>::remove(&reader, issuer);
				Self::deposit_event(Event::RevocationDone { reader, issuer });
				removed += 1;
			}
		}
		removed
	}

	/// The record of `tin` and `reader`'s wrap of its data key, if `reader`
	/// holds one it may use: not being revoked, entitled now, and made for
	/// the key it publishes now. (Hiding is what the pallet's answers do;
	/// raw storage keeps a wrap until it is removed, and a reader keeps
	/// what it decrypted: only the next version is out of its reach.)
	pub fn wrap_of(reader: &ReaderOf<T>, tin: &Tin) -> Option<(SealedOf<T>, WrapEntry)> {
		if Revoking::<T>::contains_key(reader, tin.country) {
			return None;
		}
		let entry = Wraps::<T>::get((reader, tin.country, tin))?;
		if T::Entitlement::key_of(reader, tin) != Some(entry.key) {
			return None;
		}
		Some((Records::<T>::get(tin.country, tin)?, entry))
	}

	/// Every wrap stored, with whether the pallet may show it (its pair is
	/// not being revoked).
	fn all_wraps() -> Vec<(ReaderOf<T>, Tin, bool)> {
		Wraps::<T>::iter()
			.map(|((reader, issuer, tin), _)| {
				let shown = !Revoking::<T>::contains_key(&reader, issuer);
				(reader, tin, shown)
			})
			.collect()
	}

	/// The invariants: the index of readers is the wraps stored; every wrap
	/// has its record; no reader may use a wrap it is not entitled to. (It
	/// reads all the pallet's storage: for try-runtime and tests only.)
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (reader, tin, shown) in Self::all_wraps() {
			ensure!(Records::<T>::contains_key(tin.country, &tin), "a wrap without its record");
			ensure!(ReadersOf::<T>::get(&tin).contains(&reader), "a wrap missing from ReadersOf");
			// The issuer's own wraps outlive a key it cleared: it wraps them
			// again for its next key (and `wrap_of` shows none meanwhile).
			let own = reader == Reader::Administration(tin.country);
			if shown && !own {
				ensure!(
					T::Entitlement::key_of(&reader, &tin).is_some(),
					"a wrap shown to a reader not entitled to it"
				);
			}
		}
		for (tin, readers) in ReadersOf::<T>::iter() {
			for reader in readers {
				ensure!(
					Wraps::<T>::contains_key((reader, tin.country, &tin)),
					"ReadersOf names a reader without a wrap"
				);
			}
		}
		Ok(())
	}
}
