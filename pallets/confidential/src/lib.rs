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
//!   suspended or retired): the pair is hidden at once, and a sweep of the
//!   issuer's records removes its wraps, [`Config::SweepPerBlock`] records
//!   at a time, in the same call and then in each block's idle weight
//!   ([`Pallet::revoke_issuer`]).
//!
//! A record's wraps are one storage item beside the record: a record with
//! four readers takes about 850 bytes (docs/performance.md).
//!
//! The free-text reasons of the trader's certificate changes are sealed
//! under the record's data key, so only while no reader lost the version
//! since it was sealed ([`Pallet::sealable_version`], [`SealedIn`],
//! [`IssuerEpoch`]; docs/decisions.md).
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
pub use types::{
	BatchReader, BatchRecord, EncryptionKey, Entitlement, PlacedWrap, Reader, Sealed, SweepCursor,
	WrapBytes, WrapEntry,
};
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
	/// The wraps a call carries, and a record's wraps as stored.
	pub type WrapsOf<T> = BoundedVec<(ReaderOf<T>, WrapEntry), <T as Config>::MaxReaders>;
	/// A record of a [`Pallet::seal_many`].
	pub type BatchRecordOf<T> =
		BatchRecord<<T as Config>::MaxCiphertext, <T as Config>::MaxReaders>;
	/// The administrations a [`Pallet::seal_many`] wraps for, with their keys.
	pub type BatchReadersOf<T> = BoundedVec<BatchReader, <T as Config>::MaxReaders>;

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

		/// Most records one [`Pallet::seal_many`] seals.
		#[pallet::constant]
		type MaxSealBatch: Get<u32>;

		/// Records a revocation's sweep visits in the call that ends an
		/// issuer's entitlement, and at most in each block after it.
		#[pallet::constant]
		type SweepPerBlock: Get<u32>;

		/// Weights of the dispatchables.
		type WeightInfo: WeightInfo;
	}

	/// The sealed records, by issuing country and TIN.
	#[pallet::storage]
	pub type Records<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CountryCode, Blake2_128Concat, Tin, SealedOf<T>>;

	/// The wraps of each record's current data key, one item per record
	/// (a reader at most once), by issuing country and TIN like the records:
	/// absent when there are none.
	#[pallet::storage]
	pub type Wraps<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CountryCode,
		Blake2_128Concat,
		Tin,
		WrapsOf<T>,
		ValueQuery,
	>;

	/// (reader, issuer) pairs whose entitlement ended: hidden at once, their
	/// wraps removed by a sweep of the issuer's records, a block's share at
	/// a time; the value is where the sweep stands. A map, not a queue: a
	/// pair with many records delays the others' sweeps, never their
	/// hiding, and no number of pairs makes a revocation fail. (There are at
	/// most as many pairs as members times members and linked accounts.)
	#[pallet::storage]
	pub type Revoking<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ReaderOf<T>,
		Blake2_128Concat,
		CountryCode,
		SweepCursor,
		OptionQuery,
	>;

	/// Each issuer's epoch: it grows whenever some reader's entitlement to
	/// all the issuer's records ends (an MRA direction, a membership) or an
	/// administration publishes a new key. A record sealed in an earlier
	/// epoch may be known to a reader that may no longer read it.
	#[pallet::storage]
	pub type IssuerEpoch<T: Config> = StorageMap<_, Blake2_128Concat, CountryCode, u32, ValueQuery>;

	/// `(epoch, version)`: the issuer's epoch each record's current version
	/// was sealed in, while none of its readers lost a wrap since; absent
	/// once one did (or for a version sealed before runtime 108). A free-text
	/// reason about the trader's certificates is sealed under the record's
	/// data key, so only while this holds the issuer's epoch
	/// ([`Pallet::sealable_version`]).
	#[pallet::storage]
	pub type SealedIn<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CountryCode, Blake2_128Concat, Tin, (u32, u32)>;

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
		/// The record holds wraps for as many readers as it may.
		TooManyReaders,
		/// A wrap names a place beyond the call's list of readers.
		NoSuchReader,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_idle(_n: BlockNumberFor<T>, remaining: Weight) -> Weight {
			// Finding a pair, and removing it when it is done.
			let base = T::DbWeight::get().reads_writes(2, 1);
			if Revoking::<T>::iter_keys().next().is_none() {
				return T::DbWeight::get().reads(1);
			}
			let per_wrap = T::WeightInfo::sweep_record();
			let budget = remaining
				.saturating_sub(base)
				.checked_div_per_component(&per_wrap)
				.unwrap_or(0)
				.min(T::SweepPerBlock::get() as u64) as u32;
			if budget == 0 {
				return T::DbWeight::get().reads(1);
			}
			let removed = Self::continue_revocations(budget);
			per_wrap.saturating_mul(removed.into()).saturating_add(base)
		}

		fn integrity_test() {
			// `seal_many` keeps the places a record's wraps name in a u128.
			assert!(T::MaxReaders::get() <= 128, "MaxReaders above 128");
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
		/// previous version go (they are one item: replaced, not removed).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::seal(wraps.len() as u32))]
		pub fn seal(
			origin: OriginFor<T>,
			tin: Vec<u8>,
			sealed: SealedOf<T>,
			wraps: WrapsOf<T>,
		) -> DispatchResult {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			ensure!(T::TinRegistry::is_registered(&tin), Error::<T>::UnknownTin);
			let current = Records::<T>::get(tin.country, &tin).map(|r| r.version).unwrap_or(0);
			ensure!(Some(sealed.version) == current.checked_add(1), Error::<T>::WrongVersion);
			ensure!(
				wraps.iter().any(|(r, _)| *r == Reader::Administration(tin.country)),
				Error::<T>::IssuerWrapMissing
			);
			Self::check_wraps(&tin, &wraps)?;
			let version = sealed.version;
			let readers = wraps.len() as u32;
			Records::<T>::insert(tin.country, &tin, sealed);
			Wraps::<T>::insert(tin.country, &tin, wraps);
			SealedIn::<T>::insert(tin.country, &tin, (IssuerEpoch::<T>::get(tin.country), version));
			Self::deposit_event(Event::RecordSealed { tin, version, readers, by: who });
			Ok(())
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
			let readers = wraps.len() as u32;
			// None to add stores nothing (not even an empty list).
			if readers > 0 {
				Wraps::<T>::try_mutate(tin.country, &tin, |stored| {
					for (reader, entry) in wraps {
						match stored.iter_mut().find(|(r, _)| *r == reader) {
							Some((_, old)) => {
								// Whoever holds the old key may have read this version.
								if old.key != entry.key {
									SealedIn::<T>::remove(tin.country, &tin);
								}
								*old = entry
							}
							None => stored
								.try_push((reader, entry))
								.map_err(|_| Error::<T>::TooManyReaders)?,
						}
					}
					Ok::<_, Error<T>>(())
				})?;
			}
			Self::deposit_event(Event::WrapsAdded { tin, version, readers, by: who });
			Ok(())
		}

		/// A `Registrar` seals a new version of each of `records`, all of
		/// its country, each as [`Pallet::seal`] would, wrapped for
		/// administrations only: `readers` lists them once, with the keys
		/// they publish (the issuer among them), and each record's wraps
		/// name them by their place in that list. Each reader is checked
		/// once per call, so a bulk load (`cadena import`) pays for its
		/// partners once, not once per record. All the records or none.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::seal_many(records.len() as u32))]
		pub fn seal_many(
			origin: OriginFor<T>,
			readers: BatchReadersOf<T>,
			records: BoundedVec<BatchRecordOf<T>, T::MaxSealBatch>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_seal_many(who, readers, records)
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

	/// A `Registrar` seals a new version of many of its country's records
	/// in one call, each as [`Pallet::seal`] would, for administrations
	/// only: `readers` lists them once, with the keys they publish, and
	/// each record's wraps name them by their place in it. Each reader is
	/// checked once (not being revoked, reading the issuer's records with
	/// that key), each record's trader's consent once: a bulk load pays for
	/// its partners once per call, not once per record. All or nothing.
	pub(crate) fn do_seal_many(
		who: T::AccountId,
		readers: BatchReadersOf<T>,
		records: BoundedVec<BatchRecordOf<T>, T::MaxSealBatch>,
	) -> DispatchResult {
		let officer = T::Consortium::officer(&who).ok_or(Error::<T>::NotOfficer)?;
		ensure!(officer.roles.contains(Role::Registrar), Error::<T>::NotRegistrar);
		let issuer = officer.country;
		for (i, BatchReader { country, key }) in readers.iter().enumerate() {
			let twice = readers[..i].iter().any(|r| r.country == *country);
			ensure!(!twice, Error::<T>::DuplicateReader);
			ensure!(
				!Revoking::<T>::contains_key(Reader::Administration(*country), issuer),
				Error::<T>::RevocationPending
			);
			let published = T::Entitlement::administration_key(*country, issuer)
				.ok_or(Error::<T>::NotEntitled)?;
			ensure!(published == *key, Error::<T>::StaleKey);
		}
		let own = readers.iter().position(|r| r.country == issuer);
		let epoch = IssuerEpoch::<T>::get(issuer);
		for record in records {
			let tin = Tin::parse(&record.tin).map_err(|_| Error::<T>::InvalidTin)?;
			ensure!(tin.country == issuer, Error::<T>::OtherCountry);
			ensure!(T::TinRegistry::is_registered(&tin), Error::<T>::UnknownTin);
			let current = Records::<T>::get(issuer, &tin).map(|r| r.version).unwrap_or(0);
			let version = record.sealed.version;
			ensure!(Some(version) == current.checked_add(1), Error::<T>::WrongVersion);
			ensure!(
				record.wraps.iter().any(|w| Some(w.place as usize) == own),
				Error::<T>::IssuerWrapMissing
			);
			// A partner reads only a consenting trader's record.
			let partners = record.wraps.iter().any(|w| Some(w.place as usize) != own);
			ensure!(!partners || T::TinRegistry::consents(&tin), Error::<T>::NotEntitled);
			let mut wraps = WrapsOf::<T>::new();
			// A bit per place: at most `MaxReaders`, below 128
			// (`integrity_test`).
			let mut seen = 0u128;
			for PlacedWrap { place, wrap } in &record.wraps {
				let reader = readers.get(*place as usize).ok_or(Error::<T>::NoSuchReader)?;
				let bit = 1u128 << *place;
				ensure!(seen & bit == 0, Error::<T>::DuplicateReader);
				seen |= bit;
				let entry = WrapEntry { key: reader.key, wrap: *wrap };
				wraps
					.try_push((Reader::Administration(reader.country), entry))
					.map_err(|_| Error::<T>::TooManyReaders)?;
			}
			let readers = wraps.len() as u32;
			Records::<T>::insert(issuer, &tin, record.sealed);
			Wraps::<T>::insert(issuer, &tin, wraps);
			SealedIn::<T>::insert(issuer, &tin, (epoch, version));
			Self::deposit_event(Event::RecordSealed { tin, version, readers, by: who.clone() });
		}
		Ok(())
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

	/// Removes the wraps of `tin` its readers may no longer use: the reader
	/// is no longer entitled (consent withdrawn, an account unlinked, a key
	/// cleared), or publishes another key than the one its wrap was made
	/// for. In the call that ended the entitlement, bounded by
	/// `MaxReaders`. The number removed.
	pub fn revoke_unentitled(tin: &Tin) -> u32 {
		let mut wraps = Wraps::<T>::get(tin.country, tin);
		let before = wraps.len();
		wraps.retain(|(reader, entry)| T::Entitlement::key_of(reader, tin) == Some(entry.key));
		let removed = (before - wraps.len()) as u32;
		if removed > 0 {
			// The removed readers may have read this version.
			SealedIn::<T>::remove(tin.country, tin);
			if wraps.is_empty() {
				Wraps::<T>::remove(tin.country, tin);
			} else {
				Wraps::<T>::insert(tin.country, tin, wraps);
			}
			Self::deposit_event(Event::WrapsRemoved { tin: tin.clone(), readers: removed });
		}
		removed
	}

	/// `reader`'s entitlement to every record of `issuer` ended (an MRA
	/// suspended or terminated, a member suspended or retired): its wraps
	/// are hidden from now on and refused until they are gone; a sweep of
	/// the issuer's records removes them, its first `SweepPerBlock` records
	/// now, the rest in the next blocks' idle weight.
	pub fn revoke_issuer(reader: ReaderOf<T>, issuer: CountryCode) {
		Self::revoke_issuers([(reader, issuer)]);
	}

	/// [`Self::revoke_issuer`] for several pairs at once, with one share of
	/// `SweepPerBlock` for them all. A pair already being revoked starts
	/// its sweep again (a record may have been wrapped for it since).
	pub fn revoke_issuers(pairs: impl IntoIterator<Item = (ReaderOf<T>, CountryCode)>) {
		for (reader, issuer) in pairs {
			Self::end_epoch(issuer);
			Revoking::<T>::insert(&reader, issuer, SweepCursor::None);
			Self::deposit_event(Event::IssuerRevoked { reader, issuer });
		}
		Self::continue_revocations(T::SweepPerBlock::get());
	}

	/// Starts a new epoch of `issuer`: no free-text reason is sealed under
	/// a version of its records sealed before, as a reader that may no
	/// longer read them may know its data key (its entitlement ended, or it
	/// published a new key because the old one leaked).
	pub fn end_epoch(issuer: CountryCode) {
		IssuerEpoch::<T>::mutate(issuer, |epoch| *epoch = epoch.wrapping_add(1));
	}

	/// The version of `tin`'s record a free-text reason about its
	/// certificates may be sealed under now: the current one, if it was
	/// sealed in its issuer's epoch and none of its readers lost a wrap
	/// since. Two reads.
	pub fn sealable_version(tin: &Tin) -> Option<u32> {
		let (epoch, version) = SealedIn::<T>::get(tin.country, tin)?;
		(epoch == IssuerEpoch::<T>::get(tin.country)).then_some(version)
	}

	/// Visits up to `budget` records of the pairs being revoked, a pair at a
	/// time, removing the pair's reader from their wraps; finding a pair's
	/// sweep done costs one of the budget too. The budget spent.
	pub fn continue_revocations(budget: u32) -> u32 {
		let mut spent = 0;
		while spent < budget {
			let Some((reader, issuer, cursor)) = Revoking::<T>::iter().next() else { break };
			let room = (budget - spent) as usize;
			let tins: Vec<Tin> = match &cursor {
				Some(after) => Wraps::<T>::iter_key_prefix_from(
					issuer,
					Wraps::<T>::hashed_key_for(issuer, after),
				)
				.take(room)
				.collect(),
				None => Wraps::<T>::iter_key_prefix(issuer).take(room).collect(),
			};
			let swept = tins.len() < room;
			spent += tins.len() as u32;
			for tin in &tins {
				Wraps::<T>::mutate_exists(issuer, tin, |wraps| {
					if let Some(list) = wraps {
						list.retain(|(r, _)| *r != reader);
						if list.is_empty() {
							*wraps = None;
						}
					}
				});
			}
			if swept {
				Revoking::<T>::remove(&reader, issuer);
				Self::deposit_event(Event::RevocationDone { reader, issuer });
				spent += 1;
			} else {
				Revoking::<T>::insert(&reader, issuer, tins.last().cloned());
			}
		}
		spent
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
		let entry = Self::stored_wrap(reader, tin)?;
		if T::Entitlement::key_of(reader, tin) != Some(entry.key) {
			return None;
		}
		Some((Records::<T>::get(tin.country, tin)?, entry))
	}

	/// `reader`'s wrap of `tin`'s record as stored, whether or not the
	/// reader may use it.
	pub fn stored_wrap(reader: &ReaderOf<T>, tin: &Tin) -> Option<WrapEntry> {
		Wraps::<T>::get(tin.country, tin)
			.into_iter()
			.find_map(|(r, entry)| (r == *reader).then_some(entry))
	}

	/// The invariants: every record's wraps are stored under its issuer,
	/// beside the record, a reader at most once, never empty; no reader may
	/// use a wrap it is not entitled to. (It reads all the pallet's storage:
	/// for try-runtime and tests only.)
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (issuer, tin, (epoch, version)) in SealedIn::<T>::iter() {
			let record =
				Records::<T>::get(issuer, &tin).ok_or("a seal epoch without its record")?;
			ensure!(record.version == version, "a seal epoch of another version than the record's");
			ensure!(epoch <= IssuerEpoch::<T>::get(issuer), "a seal epoch after its issuer's");
		}
		for (issuer, tin, wraps) in Wraps::<T>::iter() {
			ensure!(tin.country == issuer, "wraps stored under another issuer");
			ensure!(Records::<T>::contains_key(issuer, &tin), "wraps without their record");
			ensure!(!wraps.is_empty(), "an empty list of wraps stored");
			for (i, (reader, _)) in wraps.iter().enumerate() {
				ensure!(!wraps[..i].iter().any(|(r, _)| r == reader), "a reader wrapped twice");
				// The issuer's own wraps outlive a key it cleared: it wraps
				// them again for its next key (`wrap_of` shows none meanwhile).
				let own = *reader == Reader::Administration(issuer);
				let shown = !Revoking::<T>::contains_key(reader, issuer);
				if shown && !own {
					ensure!(
						T::Entitlement::key_of(reader, &tin).is_some(),
						"a wrap shown to a reader not entitled to it"
					);
				}
			}
		}
		Ok(())
	}
}
