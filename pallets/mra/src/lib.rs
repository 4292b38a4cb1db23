//! # MRA pallet
//!
//! Mutual Recognition Agreements between member administrations.
//!
//! - An `Admin` of a party proposes an MRA: its name, two or more parties,
//!   the AEO types it recognises, who recognises whose certificates
//!   (every party every other's by default; one-way allowed) and the day it
//!   takes effect. Its proposer signs it.
//! - Every party's `Admin` signs ([`Pallet::sign`]). Once all have, it enters
//!   into force at its effective date, by itself (block hook).
//! - Any party suspends or terminates it. Resuming a suspension needs every
//!   party again ([`Pallet::resume`], then [`Pallet::sign`]); so does adding
//!   a party to an MRA in force ([`Pallet::propose_party`]), plus the
//!   newcomer's own signature.
//!
//! Every change appends to the MRA's bounded history, pruned into a hash
//! chain as for certificates. The recognition rule itself is
//! `cadena_primitives::recognise`, which the runtime API applies.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod migrations;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::{Motion, MotionKind, Mra, MraAction, MraHistoryEntry};
pub use weights::WeightInfo;

use alloc::vec::Vec;
use cadena_primitives::{
	append_pruning, day_of, AeoType, Consortium, CountryCode, Day, Directions, MraId, MraStatus,
	MraTerms, Parties, PrunedHistory, Role, Scope, MAX_PARTIES,
};
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	pallet_prelude::{DispatchError, Weight},
	traits::{Get, UnixTime},
	BoundedVec,
};

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// An MRA as stored.
	pub type MraOf<T> = Mra<<T as Config>::MaxNameLength>;
	/// A history entry as stored.
	pub type HistoryEntryOf<T> =
		MraHistoryEntry<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// The layout version of this pallet's storage (see [`crate::migrations`]).
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

		/// The time: effective dates and the history's "when".
		type Time: UnixTime;

		/// Longest name or reference of an MRA, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// History entries kept in storage per MRA; older ones are pruned
		/// into [`PrunedHistory`].
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// Most MRAs signed by all and waiting for their effective date.
		#[pallet::constant]
		type MaxAwaiting: Get<u32>;

		/// Weights of the dispatchables and of the block hook.
		type WeightInfo: WeightInfo;

		/// Sets the time, for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: cadena_primitives::BenchmarkClock;
	}

	/// The MRAs, by number.
	#[pallet::storage]
	pub type Mras<T: Config> = StorageMap<_, Twox64Concat, MraId, MraOf<T>>;

	/// The number the next MRA proposed gets.
	#[pallet::storage]
	pub type NextMraId<T: Config> = StorageValue<_, MraId, ValueQuery>;

	/// The MRAs each country is party to.
	#[pallet::storage]
	pub type MrasOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CountryCode, Twox64Concat, MraId, ()>;

	/// MRAs signed by every party and waiting for their effective date, by date.
	#[pallet::storage]
	pub type Awaiting<T: Config> =
		StorageValue<_, BoundedVec<(Day, MraId), T::MaxAwaiting>, ValueQuery>;

	/// The latest `MaxHistory` entries of each MRA's history, oldest first.
	#[pallet::storage]
	pub type History<T: Config> = StorageMap<
		_,
		Twox64Concat,
		MraId,
		BoundedVec<HistoryEntryOf<T>, T::MaxHistory>,
		ValueQuery,
	>;

	/// The hash chain over each MRA's pruned history entries.
	#[pallet::storage]
	pub type Pruned<T: Config> = StorageMap<_, Twox64Concat, MraId, PrunedHistory>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An MRA was proposed.
		Proposed { id: MraId, parties: Parties, by: T::AccountId },
		/// A party signed the motion waiting on an MRA.
		Signed { id: MraId, country: CountryCode, motion: MotionKind, by: T::AccountId },
		/// An MRA changed status; its parties' certificates may have changed
		/// recognition. `by` is `None` when it entered into force at its date.
		StatusChanged {
			id: MraId,
			parties: Parties,
			from: MraStatus,
			to: MraStatus,
			by: Option<T::AccountId>,
		},
		/// A party proposed adding `country` to an MRA in force.
		PartyProposed { id: MraId, country: CountryCode, by: T::AccountId },
		/// `country` became a party.
		PartyAdded { id: MraId, country: CountryCode, parties: Parties },
		/// The oldest entry of an MRA's history left storage.
		HistoryPruned { id: MraId, count: u32, digest: [u8; 32] },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The sender is not an officer of an active administration.
		NotOfficer,
		/// The sender does not hold the `Admin` role.
		NotAdmin,
		/// The sender's administration is not a party to the MRA.
		NotAParty,
		/// A country code is not an ISO 3166-1 alpha-2 code.
		UnknownCountry,
		/// A party is not an active member administration.
		PartyNotActiveMember,
		/// A country is named twice among the parties.
		DuplicateParty,
		/// An MRA needs two parties at least.
		TooFewParties,
		/// More parties than an MRA may have.
		TooManyParties,
		/// The name is empty.
		EmptyName,
		/// The name is longer than `MaxNameLength`.
		NameTooLong,
		/// The scope names no AEO type.
		EmptyScope,
		/// A direction is not between two distinct parties.
		InvalidDirection,
		/// No direction given: nobody would recognise anybody.
		NoDirections,
		/// The effective date is before today.
		EffectiveInPast,
		/// No MRA has this number.
		UnknownMra,
		/// No motion waits for signatures on this MRA.
		NoMotion,
		/// Another motion already waits for signatures on this MRA.
		MotionPending,
		/// The sender's administration already signed the motion.
		AlreadySigned,
		/// The country is already a party.
		AlreadyParty,
		/// The MRA is not in force.
		NotInForce,
		/// The MRA is not suspended.
		NotSuspended,
		/// The MRA is terminated: nothing more can happen to it.
		Terminated,
		/// Too many MRAs wait for their effective date.
		TooManyAwaiting,
		/// Every MRA number has been given.
		NoMraNumberLeft,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Brings into force the MRAs whose effective date has come.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			T::WeightInfo::on_initialize(Self::enter_due(Self::today()))
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// An `Admin` of one of `parties` proposes an MRA, and signs it.
		/// `directions` are `(issuer, recogniser)` pairs; `None` means every
		/// party recognises every other's certificates.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose(parties.len() as u32))]
		pub fn propose(
			origin: OriginFor<T>,
			name: Vec<u8>,
			parties: Vec<CountryCode>,
			scope: Vec<AeoType>,
			directions: Option<Vec<(CountryCode, CountryCode)>>,
			effective_on: Day,
		) -> DispatchResult {
			let (who, country) = Self::ensure_admin(origin)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			let name: BoundedVec<u8, T::MaxNameLength> =
				name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
			let parties = Self::check_parties(parties)?;
			ensure!(parties.contains(&country), Error::<T>::NotAParty);
			let mut scope = scope;
			scope.sort();
			scope.dedup();
			ensure!(!scope.is_empty(), Error::<T>::EmptyScope);
			let scope = Scope::truncate_from(scope);
			let directions = Self::check_directions(&parties, &[], directions)?;
			ensure!(effective_on >= Self::today(), Error::<T>::EffectiveInPast);

			// An MRA number is never given twice: at the end of the numbering,
			// proposals are refused instead of overwriting MRA number `MraId::MAX`.
			let id = NextMraId::<T>::get();
			NextMraId::<T>::put(id.checked_add(1).ok_or(Error::<T>::NoMraNumberLeft)?);
			for party in parties.iter() {
				MrasOf::<T>::insert(party, id, ());
			}
			let terms = MraTerms {
				parties: parties.clone(),
				scope,
				directions,
				effective_on,
				status: MraStatus::Proposed,
			};
			let motion = Motion { kind: MotionKind::EnterIntoForce, signed: Self::one(country) };
			Mras::<T>::insert(id, Mra { name, terms, motion: Some(motion) });
			Self::record(id, MraAction::Propose, None, MraStatus::Proposed, Some(who.clone()));
			Self::deposit_event(Event::Proposed { id, parties, by: who });
			Ok(())
		}

		/// An `Admin` of a party (or of the country proposed to join) signs
		/// the motion waiting on an MRA. The last signature carries it out.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::sign())]
		pub fn sign(origin: OriginFor<T>, id: MraId) -> DispatchResult {
			let (who, country) = Self::ensure_admin(origin)?;
			let mut mra = Mras::<T>::get(id).ok_or(Error::<T>::UnknownMra)?;
			ensure!(mra.terms.status != MraStatus::Terminated, Error::<T>::Terminated);
			let mut motion = mra.motion.take().ok_or(Error::<T>::NoMotion)?;
			let mut needed: Vec<CountryCode> = mra.terms.parties.to_vec();
			if let MotionKind::AddParty { country: newcomer, .. } = &motion.kind {
				needed.push(*newcomer);
			}
			ensure!(needed.contains(&country), Error::<T>::NotAParty);
			let position =
				motion.signed.binary_search(&country).err().ok_or(Error::<T>::AlreadySigned)?;
			motion.signed.try_insert(position, country).map_err(|_| Error::<T>::TooManyParties)?;
			let status = mra.terms.status;
			Self::record(id, MraAction::Sign(country), Some(status), status, Some(who.clone()));
			Self::deposit_event(Event::Signed {
				id,
				country,
				motion: motion.kind.clone(),
				by: who.clone(),
			});
			if needed.iter().all(|c| motion.signed.binary_search(c).is_ok()) {
				Self::carry_out(id, &mut mra, motion.kind, &who)?;
			} else {
				mra.motion = Some(motion);
			}
			Mras::<T>::insert(id, mra);
			Ok(())
		}

		/// An `Admin` of a party suspends an MRA in force, at once.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(origin: OriginFor<T>, id: MraId) -> DispatchResult {
			let (who, _, mut mra) = Self::party_admin(origin, id)?;
			ensure!(mra.terms.status == MraStatus::InForce, Error::<T>::NotInForce);
			// A party being added waits for the MRA to be in force again.
			mra.motion = None;
			Self::set_status(id, &mut mra, MraAction::Suspend, MraStatus::Suspended, Some(who));
			Mras::<T>::insert(id, mra);
			Ok(())
		}

		/// An `Admin` of a party asks to resume a suspended MRA, and signs
		/// the motion; it is in force again when every party has signed.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>, id: MraId) -> DispatchResult {
			let (who, country, mut mra) = Self::party_admin(origin, id)?;
			ensure!(mra.terms.status == MraStatus::Suspended, Error::<T>::NotSuspended);
			ensure!(mra.motion.is_none(), Error::<T>::MotionPending);
			let status = mra.terms.status;
			Self::record(id, MraAction::ProposeResumption, Some(status), status, Some(who.clone()));
			Self::deposit_event(Event::Signed {
				id,
				country,
				motion: MotionKind::Resume,
				by: who.clone(),
			});
			mra.motion = Some(Motion { kind: MotionKind::Resume, signed: Self::one(country) });
			Mras::<T>::insert(id, mra);
			Ok(())
		}

		/// An `Admin` of a party proposes adding `country` to an MRA in
		/// force, and signs; every party and the newcomer must sign.
		/// `directions` are the new `(issuer, recogniser)` pairs; `None`
		/// means both ways with every party.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::propose_party())]
		pub fn propose_party(
			origin: OriginFor<T>,
			id: MraId,
			country: CountryCode,
			directions: Option<Vec<(CountryCode, CountryCode)>>,
		) -> DispatchResult {
			let (who, proposer, mut mra) = Self::party_admin(origin, id)?;
			ensure!(mra.terms.status == MraStatus::InForce, Error::<T>::NotInForce);
			ensure!(mra.motion.is_none(), Error::<T>::MotionPending);
			ensure!(country.validate().is_ok(), Error::<T>::UnknownCountry);
			ensure!(!mra.terms.parties.contains(&country), Error::<T>::AlreadyParty);
			ensure!(T::Consortium::is_active_member(&country), Error::<T>::PartyNotActiveMember);
			let mut parties = mra.terms.parties.to_vec();
			parties.push(country);
			let parties = Parties::try_from(types::sorted(parties))
				.map_err(|_| Error::<T>::TooManyParties)?;
			let new = Self::check_directions(&parties, &mra.terms.directions, directions)?;
			let kind = MotionKind::AddParty { country, directions: new };
			mra.motion = Some(Motion { kind, signed: Self::one(proposer) });
			let status = mra.terms.status;
			Self::record(
				id,
				MraAction::ProposeParty(country),
				Some(status),
				status,
				Some(who.clone()),
			);
			Self::deposit_event(Event::PartyProposed { id, country, by: who });
			Mras::<T>::insert(id, mra);
			Ok(())
		}

		/// An `Admin` of a party terminates an MRA, for good: proposed
		/// (withdrawn), in force or suspended.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::terminate())]
		pub fn terminate(origin: OriginFor<T>, id: MraId) -> DispatchResult {
			let (who, _, mut mra) = Self::party_admin(origin, id)?;
			mra.motion = None;
			Awaiting::<T>::mutate(|awaiting| awaiting.retain(|(_, a)| *a != id));
			Self::set_status(id, &mut mra, MraAction::Terminate, MraStatus::Terminated, Some(who));
			Mras::<T>::insert(id, mra);
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Today (UTC), by the chain's clock.
	pub fn today() -> Day {
		day_of(T::Time::now().as_millis() as u64)
	}

	fn one(
		country: CountryCode,
	) -> BoundedVec<CountryCode, frame_support::traits::ConstU32<{ MAX_PARTIES + 1 }>> {
		BoundedVec::truncate_from(alloc::vec![country])
	}

	fn ensure_admin(
		origin: frame_system::pallet_prelude::OriginFor<T>,
	) -> Result<(T::AccountId, CountryCode), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let officer = T::Consortium::officer(&who).ok_or(Error::<T>::NotOfficer)?;
		ensure!(officer.roles.contains(Role::Admin), Error::<T>::NotAdmin);
		Ok((who, officer.country))
	}

	/// The signer, its country and the MRA, if the signer is an `Admin` of
	/// one of its parties and the MRA is not terminated.
	fn party_admin(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		id: MraId,
	) -> Result<(T::AccountId, CountryCode, pallet::MraOf<T>), DispatchError> {
		let (who, country) = Self::ensure_admin(origin)?;
		let mra = Mras::<T>::get(id).ok_or(Error::<T>::UnknownMra)?;
		ensure!(mra.terms.parties.contains(&country), Error::<T>::NotAParty);
		ensure!(mra.terms.status != MraStatus::Terminated, Error::<T>::Terminated);
		Ok((who, country, mra))
	}

	fn check_parties(parties: Vec<CountryCode>) -> Result<Parties, Error<T>> {
		for party in &parties {
			ensure!(party.validate().is_ok(), Error::<T>::UnknownCountry);
			ensure!(T::Consortium::is_active_member(party), Error::<T>::PartyNotActiveMember);
		}
		let count = parties.len();
		let parties = types::sorted(parties);
		ensure!(parties.len() == count, Error::<T>::DuplicateParty);
		ensure!(parties.len() >= 2, Error::<T>::TooFewParties);
		Parties::try_from(parties).map_err(|_| Error::<T>::TooManyParties)
	}

	/// The directions after adding `wanted` (or, for `None`, every pair of
	/// `parties` not in `existing`), each between two distinct parties.
	fn check_directions(
		parties: &Parties,
		existing: &[(CountryCode, CountryCode)],
		wanted: Option<Vec<(CountryCode, CountryCode)>>,
	) -> Result<Directions, Error<T>> {
		let mut all = existing.to_vec();
		match wanted {
			None => all = types::all_directions(parties),
			Some(pairs) => {
				ensure!(!pairs.is_empty(), Error::<T>::NoDirections);
				for (issuer, recogniser) in pairs {
					ensure!(
						issuer != recogniser
							&& parties.contains(&issuer)
							&& parties.contains(&recogniser),
						Error::<T>::InvalidDirection
					);
					all.push((issuer, recogniser));
				}
			}
		}
		all.sort();
		all.dedup();
		Ok(Directions::truncate_from(all))
	}

	/// Carries out a motion every party needed has signed.
	fn carry_out(
		id: MraId,
		mra: &mut pallet::MraOf<T>,
		kind: MotionKind,
		who: &T::AccountId,
	) -> DispatchResult {
		match kind {
			MotionKind::EnterIntoForce => {
				let status = mra.terms.status;
				Self::record(id, MraAction::AllSigned, Some(status), status, Some(who.clone()));
				if mra.terms.effective_on <= Self::today() {
					Self::set_status(
						id,
						mra,
						MraAction::EnterIntoForce,
						MraStatus::InForce,
						Some(who.clone()),
					);
				} else {
					Awaiting::<T>::try_mutate(|awaiting| {
						let entry = (mra.terms.effective_on, id);
						let position = awaiting.binary_search(&entry).unwrap_or_else(|p| p);
						awaiting.try_insert(position, entry)
					})
					.map_err(|_| Error::<T>::TooManyAwaiting)?;
				}
			}
			MotionKind::Resume => {
				Self::set_status(
					id,
					mra,
					MraAction::EnterIntoForce,
					MraStatus::InForce,
					Some(who.clone()),
				);
			}
			MotionKind::AddParty { country, directions } => {
				let mut parties = mra.terms.parties.to_vec();
				parties.push(country);
				mra.terms.parties = Parties::try_from(types::sorted(parties))
					.map_err(|_| Error::<T>::TooManyParties)?;
				mra.terms.directions = directions;
				MrasOf::<T>::insert(country, id, ());
				let status = mra.terms.status;
				Self::record(
					id,
					MraAction::AddParty(country),
					Some(status),
					status,
					Some(who.clone()),
				);
				Self::deposit_event(Event::PartyAdded {
					id,
					country,
					parties: mra.terms.parties.clone(),
				});
			}
		}
		Ok(())
	}

	fn set_status(
		id: MraId,
		mra: &mut pallet::MraOf<T>,
		action: MraAction,
		to: MraStatus,
		by: Option<T::AccountId>,
	) {
		let from = mra.terms.status;
		mra.terms.status = to;
		Self::record(id, action, Some(from), to, by.clone());
		Self::deposit_event(Event::StatusChanged {
			id,
			parties: mra.terms.parties.clone(),
			from,
			to,
			by,
		});
	}

	/// Appends to an MRA's history, pruning its oldest entry into the hash
	/// chain when the history is full.
	fn record(
		id: MraId,
		action: MraAction,
		from: Option<MraStatus>,
		to: MraStatus,
		by: Option<T::AccountId>,
	) {
		let entry = MraHistoryEntry {
			action,
			from,
			to,
			by,
			block: frame_system::Pallet::<T>::block_number(),
			at: T::Time::now().as_millis() as u64,
		};
		let Some(oldest) = History::<T>::mutate(id, |history| append_pruning(history, entry))
		else {
			return;
		};
		let pruned = Pruned::<T>::mutate(id, |pruned| {
			let pruned = pruned.get_or_insert_with(Default::default);
			pruned.fold(&oldest);
			pruned.clone()
		});
		Self::deposit_event(Event::HistoryPruned {
			id,
			count: pruned.count,
			digest: pruned.digest,
		});
	}

	/// Brings into force the MRAs due by `today`; returns how many.
	pub fn enter_due(today: Day) -> u32 {
		let awaiting = Awaiting::<T>::get();
		let due = awaiting.iter().take_while(|(day, _)| *day <= today).count();
		if due == 0 {
			return 0;
		}
		for (_, id) in awaiting.iter().take(due) {
			if let Some(mut mra) = Mras::<T>::get(id) {
				Self::set_status(
					*id,
					&mut mra,
					MraAction::EnterIntoForce,
					MraStatus::InForce,
					None,
				);
				Mras::<T>::insert(id, mra);
			}
		}
		Awaiting::<T>::put(BoundedVec::truncate_from(awaiting[due..].to_vec()));
		due as u32
	}

	/// The MRAs `country` is party to, with their terms.
	pub fn mras_of(country: CountryCode) -> Vec<(MraId, pallet::MraOf<T>)> {
		MrasOf::<T>::iter_key_prefix(country)
			.filter_map(|id| Mras::<T>::get(id).map(|mra| (id, mra)))
			.collect()
	}

	/// The pallet's invariants: the party index agrees with the MRAs, the
	/// waiting list holds only proposed MRAs signed by all, sorted.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (id, mra) in Mras::<T>::iter() {
			ensure!(id < NextMraId::<T>::get(), "MRA numbered beyond the next");
			ensure!(mra.terms.parties.len() >= 2, "MRA with fewer than two parties");
			ensure!(mra.terms.parties.windows(2).all(|w| w[0] < w[1]), "parties not sorted");
			for party in mra.terms.parties.iter() {
				ensure!(MrasOf::<T>::contains_key(party, id), "party missing from the index");
			}
			for (issuer, recogniser) in mra.terms.directions.iter() {
				ensure!(
					mra.terms.parties.contains(issuer) && mra.terms.parties.contains(recogniser),
					"direction of a non-party"
				);
			}
			let history = History::<T>::get(id);
			ensure!(
				history.last().map(|e| e.to) == Some(mra.terms.status),
				"history ends elsewhere"
			);
		}
		for (country, id) in MrasOf::<T>::iter_keys() {
			ensure!(
				Mras::<T>::get(id).is_some_and(|m| m.terms.parties.contains(&country)),
				"index names a non-party"
			);
		}
		let awaiting = Awaiting::<T>::get();
		ensure!(awaiting.windows(2).all(|w| w[0] <= w[1]), "waiting list not sorted");
		for (day, id) in awaiting.iter() {
			ensure!(
				Mras::<T>::get(id).is_some_and(|m| m.terms.status == MraStatus::Proposed
					&& m.motion.is_none()
					&& m.terms.effective_on == *day),
				"waiting list holds an MRA not signed by all"
			);
		}
		Ok(())
	}
}
