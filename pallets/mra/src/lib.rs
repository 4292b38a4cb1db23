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
//!   active party again ([`Pallet::resume`], then [`Pallet::sign`]); so does
//!   adding a party to an MRA in force ([`Pallet::propose_party`]), plus the
//!   newcomer's own signature. A signature names the motion it approves. A
//!   suspended or retired party holds up no motion but entry into force.
//! - What one administration can open is bounded: `MaxProposalsPerCountry`
//!   proposals not yet signed by all, `MaxMrasPerCountry` live MRAs, and
//!   `MaxAwaitingPerCountry` waiting for their date (so that the shared
//!   waiting list never fills). Terminated MRAs leave the index recognition
//!   reads ([`MrasOf`]) for the archive ([`Archived`]).
//!
//! Every change appends to the MRA's bounded history, pruned into a hash
//! chain as for certificates. The recognition rule itself is
//! `cadena_primitives::recognise`, which the runtime API applies.
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod benefits;
pub mod migrations;

/// The target of the pallet's log lines.
pub const LOG_TARGET: &str = "runtime::mra";
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use benefits::Direction;
pub use pallet::*;
pub use types::{
	ContinuityEvent, Motion, MotionKind, Mra, MraAction, MraHistoryEntry, ProposedBenefits,
	ScheduledBenefits,
};
pub use weights::WeightInfo;

use alloc::vec::Vec;
use cadena_primitives::{
	append_pruning, day_of, Consortium, CountryCode, Day, DirectionBenefits, Directions, Grants,
	MraId, MraStatus, MraTerms, OnEntitlementEnded, Parties, PrunedHistory, Role, Scope,
	MAX_PARTIES,
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
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(3);

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

		/// Most MRAs signed by all and waiting for their effective date. At
		/// least `MaxAwaitingPerCountry × MaxMembers / 2`, so that it never
		/// fills (checked by `integrity_test`).
		#[pallet::constant]
		type MaxAwaiting: Get<u32>;

		/// Most MRAs waiting for their effective date one administration is
		/// party to.
		#[pallet::constant]
		type MaxAwaitingPerCountry: Get<u32>;

		/// Most live (not terminated) MRAs one administration is party to:
		/// what a recognition query reads.
		#[pallet::constant]
		type MaxMrasPerCountry: Get<u32>;

		/// Most proposals one administration has open (not yet signed by
		/// every party).
		#[pallet::constant]
		type MaxProposalsPerCountry: Get<u32>;

		/// Most member administrations the consortium admits.
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// Told when an MRA's directions stop being in force (suspended or
		/// terminated), so that the recognisers' wraps of the issuers'
		/// confidential records go.
		type OnEntitlementEnded: OnEntitlementEnded;

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

	/// The live (not terminated) MRAs each country is party to, sorted: the
	/// index every recognition query reads.
	#[pallet::storage]
	pub type MrasOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		CountryCode,
		BoundedVec<MraId, T::MaxMrasPerCountry>,
		ValueQuery,
	>;

	/// How many MRAs in force carry each `(issuer, recogniser)` direction:
	/// whether a partner may read an issuer's confidential records is one
	/// read of it ([`Pallet::recognises`]).
	#[pallet::storage]
	pub type InForceDirections<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CountryCode,
		Blake2_128Concat,
		CountryCode,
		u32,
		ValueQuery,
	>;

	/// The terminated MRAs each country was party to.
	#[pallet::storage]
	pub type Archived<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CountryCode, Twox64Concat, MraId, ()>;

	/// The proposals each administration made that not every party has
	/// signed yet, sorted.
	#[pallet::storage]
	pub type OpenProposals<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		CountryCode,
		BoundedVec<MraId, T::MaxProposalsPerCountry>,
		ValueQuery,
	>;

	/// How many of the MRAs in [`Awaiting`] each country is party to.
	#[pallet::storage]
	pub type AwaitingOf<T: Config> = StorageMap<_, Blake2_128Concat, CountryCode, u32, ValueQuery>;

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

	/// What each direction `(issuer, recogniser)` of each MRA grants: the
	/// recogniser's benefits for the issuer's AEOs, with their version. One
	/// set per direction, read once per recognition.
	#[pallet::storage]
	pub type Benefits<T: Config> =
		StorageDoubleMap<_, Twox64Concat, MraId, Twox64Concat, Direction, DirectionBenefits>;

	/// Amendments of benefits both sides signed, waiting for their day.
	#[pallet::storage]
	pub type Scheduled<T: Config> =
		StorageDoubleMap<_, Twox64Concat, MraId, Twox64Concat, Direction, ScheduledBenefits>;

	/// The amendments in [`Scheduled`], by day.
	#[pallet::storage]
	pub type BenefitsDue<T: Config> =
		StorageValue<_, BoundedVec<(Day, MraId, Direction), T::MaxAwaiting>, ValueQuery>;

	/// How many amendments in [`Scheduled`] each country is a side of (at
	/// most `MaxAwaitingPerCountry`, so that [`BenefitsDue`] never fills).
	#[pallet::storage]
	pub type ScheduledOf<T: Config> = StorageMap<_, Blake2_128Concat, CountryCode, u32, ValueQuery>;

	/// The business-continuity events declared, by recogniser: while one
	/// lasts, its grants on that condition apply.
	#[pallet::storage]
	pub type Continuity<T: Config> =
		StorageMap<_, Blake2_128Concat, CountryCode, ContinuityEvent<BlockNumberFor<T>>>;

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
		/// A party proposed new benefits for a direction, and signed.
		BenefitsProposed {
			id: MraId,
			issuer: CountryCode,
			recogniser: CountryCode,
			on: Day,
			by: T::AccountId,
		},
		/// Both sides signed an amendment; it applies on `on`.
		BenefitsScheduled { id: MraId, issuer: CountryCode, recogniser: CountryCode, on: Day },
		/// What `recogniser` grants `issuer`'s AEOs under MRA `id` changed:
		/// every recognition of the direction now carries `version`.
		BenefitsChanged {
			id: MraId,
			issuer: CountryCode,
			recogniser: CountryCode,
			version: u32,
			grants: Grants,
		},
		/// `country` declared a business-continuity event.
		ContinuityDeclared { country: CountryCode, by: T::AccountId },
		/// `country` ended its business-continuity event.
		ContinuityEnded { country: CountryCode, by: T::AccountId },
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
		/// A direction is named twice.
		DuplicateDirection,
		/// A party is already party to `MaxMrasPerCountry` live MRAs.
		TooManyMras,
		/// The sender's administration has `MaxProposalsPerCountry` proposals
		/// that not every party has signed yet.
		TooManyProposals,
		/// A party is already party to `MaxAwaitingPerCountry` MRAs waiting
		/// for their effective date.
		TooManyAwaitingForParty,
		/// The motion named is not the one waiting for signatures.
		WrongMotion,
		/// Benefits proposed for a direction the MRA does not have.
		BenefitsForNoDirection,
		/// Benefits proposed twice for one direction.
		DuplicateBenefits,
		/// The MRA has no such direction.
		NoSuchDirection,
		/// Only the issuer and the recogniser of a direction change its
		/// benefits.
		NotOfDirection,
		/// An amendment of this direction already waits for its day.
		AmendmentScheduled,
		/// A side of the direction already has `MaxAwaitingPerCountry`
		/// amendments waiting for their day.
		TooManyScheduled,
		/// A grant names no operator role.
		GrantWithoutRoles,
		/// A grant's roles are not sorted, or one is named twice.
		GrantRolesNotSorted,
		/// A grant names no AEO type.
		GrantWithoutAeoTypes,
		/// A grant's AEO types are not sorted, or one is named twice.
		GrantAeoTypesNotSorted,
		/// A grant covers an AEO type the MRA does not recognise.
		GrantAeoTypeOutOfScope,
		/// A grant's parameter does not fit its code: one where the code
		/// takes none, none where it needs one, or a rate above 1,000 per mille.
		GrantBadParameter,
		/// A national benefit code is empty or has characters other than
		/// `A`–`Z`, `0`–`9`, `-` and `_`.
		GrantBadNationalCode,
		/// The grants are not sorted, or one is named twice.
		GrantsNotSorted,
		/// The administration has declared a business-continuity event already.
		ContinuityAlreadyDeclared,
		/// The administration has no business-continuity event declared.
		NoContinuityEvent,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Brings into force the MRAs whose effective date has come.
		///
		/// It runs after the inherents, so `today` is this block's day (in
		/// `on_initialize` it would still be the parent's): an MRA enters
		/// into force in the first block of its day. A block without room for
		/// the worst case leaves the work to the next.
		fn on_poll(_n: BlockNumberFor<T>, meter: &mut frame_support::weights::WeightMeter) {
			let worst =
				Self::hook_weight(T::MaxAwaiting::get(), T::MaxAwaiting::get() * MAX_PARTIES);
			if !meter.can_consume(worst) {
				return;
			}
			let (due, places) = Self::enter_due(Self::today());
			meter.consume(Self::hook_weight(due, places));
			let worst = T::WeightInfo::apply_due_benefits(T::MaxAwaiting::get());
			if !meter.can_consume(worst) {
				return;
			}
			let applied = Self::apply_due_benefits(Self::today());
			meter.consume(T::WeightInfo::apply_due_benefits(applied));
		}

		fn integrity_test() {
			assert!(
				T::MaxAwaiting::get() as u64
					>= T::MaxAwaitingPerCountry::get() as u64 * T::MaxMembers::get() as u64 / 2,
				"MaxAwaiting could fill: each waiting MRA has two parties at least"
			);
			let worst =
				Self::hook_weight(T::MaxAwaiting::get(), T::MaxAwaiting::get() * MAX_PARTIES);
			let worst =
				worst.saturating_add(T::WeightInfo::apply_due_benefits(T::MaxAwaiting::get()));
			assert!(
				worst.all_lte(T::BlockWeights::get().max_block / 4),
				"the hook may take more than a quarter of a block: lower MaxAwaiting"
			);
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
		/// party recognises every other's certificates. Every input is
		/// bounded: `scope` and `directions` by their types, `parties` by the
		/// weight, linear in their number, and refused beyond `MAX_PARTIES`
		/// before any is read.
		///
		/// `benefits` are what each recogniser grants each issuer's AEOs
		/// (a direction not named grants nothing); they enter into force
		/// with the MRA, as version 1 of each direction's set.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::propose(parties.len() as u32).saturating_add(
			T::WeightInfo::store_benefits(types::directions_count(parties.len(), directions))
		))]
		pub fn propose(
			origin: OriginFor<T>,
			name: Vec<u8>,
			parties: Vec<CountryCode>,
			scope: Scope,
			directions: Option<Directions>,
			effective_on: Day,
			benefits: Vec<ProposedBenefits>,
		) -> DispatchResult {
			let (who, country) = Self::ensure_admin(origin)?;
			ensure!(!name.is_empty(), Error::<T>::EmptyName);
			let name: BoundedVec<u8, T::MaxNameLength> =
				name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
			let parties = Self::check_parties(parties)?;
			ensure!(parties.contains(&country), Error::<T>::NotAParty);
			let mut scope = scope.into_inner();
			scope.sort();
			scope.dedup();
			ensure!(!scope.is_empty(), Error::<T>::EmptyScope);
			// As long as it came, or shorter.
			let scope = Scope::truncate_from(scope);
			let directions = Self::check_directions(&parties, directions)?;
			let benefits = Self::check_proposed_benefits(&scope, &directions, benefits)?;
			ensure!(effective_on >= Self::today(), Error::<T>::EffectiveInPast);

			// An MRA number is never given twice: at the end of the numbering,
			// proposals are refused instead of overwriting MRA number `MraId::MAX`.
			let id = NextMraId::<T>::get();
			NextMraId::<T>::put(id.checked_add(1).ok_or(Error::<T>::NoMraNumberLeft)?);
			// Numbers grow: pushing keeps both lists sorted.
			OpenProposals::<T>::try_mutate(country, |open| open.try_push(id))
				.map_err(|_| Error::<T>::TooManyProposals)?;
			for party in parties.iter() {
				MrasOf::<T>::try_mutate(party, |ids| ids.try_push(id))
					.map_err(|_| Error::<T>::TooManyMras)?;
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
			Self::store_proposed_benefits(id, benefits);
			Self::record(id, MraAction::Propose, None, MraStatus::Proposed, Some(who.clone()));
			Self::deposit_event(Event::Proposed { id, parties, by: who });
			Ok(())
		}

		/// An `Admin` of a party (or of the country proposed to join) signs
		/// `motion`, which must be the motion waiting on the MRA: a signature
		/// approves what it names, never whatever happens to be pending. The
		/// last signature needed carries it out. Entry into force needs every
		/// party; a resumption or a new party needs every *active* party (and
		/// the newcomer). An `Admin` whose administration signed already may
		/// sign again to carry out a motion that only a party suspended or
		/// retired since was holding up.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::sign()
			.max(T::WeightInfo::sign_to_wait())
			.saturating_add(T::WeightInfo::store_benefits(2 * MAX_PARTIES)))]
		pub fn sign(origin: OriginFor<T>, id: MraId, motion: MotionKind) -> DispatchResult {
			let (who, country) = Self::ensure_admin(origin)?;
			let mut mra = Mras::<T>::get(id).ok_or(Error::<T>::UnknownMra)?;
			ensure!(mra.terms.status != MraStatus::Terminated, Error::<T>::Terminated);
			let named = motion;
			let mut motion = mra.motion.take().ok_or(Error::<T>::NoMotion)?;
			ensure!(motion.kind == named, Error::<T>::WrongMotion);
			let needed = Self::needed(&mra.terms.parties, &motion.kind);
			let is_newcomer =
				matches!(&motion.kind, MotionKind::AddParty { country: c, .. } if *c == country);
			ensure!(mra.terms.parties.contains(&country) || is_newcomer, Error::<T>::NotAParty);
			// A party that is neither side of a direction has no say on its benefits.
			ensure!(needed.contains(&country), Error::<T>::NotOfDirection);
			let complete =
				|signed: &[CountryCode]| needed.iter().all(|c| signed.binary_search(c).is_ok());
			match motion.signed.binary_search(&country) {
				Ok(_) => ensure!(complete(&motion.signed), Error::<T>::AlreadySigned),
				Err(position) => {
					motion
						.signed
						.try_insert(position, country)
						.map_err(|_| Error::<T>::TooManyParties)?;
					let status = mra.terms.status;
					Self::record(
						id,
						MraAction::Sign(country),
						Some(status),
						status,
						Some(who.clone()),
					);
					Self::deposit_event(Event::Signed {
						id,
						country,
						motion: motion.kind.clone(),
						by: who.clone(),
					});
				}
			}
			if complete(&motion.signed) {
				Self::carry_out(id, &mut mra, motion.kind, &who)?;
			} else {
				mra.motion = Some(motion);
			}
			Mras::<T>::insert(id, mra);
			Ok(())
		}

		/// An `Admin` of a party suspends an MRA in force, at once.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend().saturating_add(T::OnEntitlementEnded::directions_ended_weight()))]
		pub fn suspend(origin: OriginFor<T>, id: MraId) -> DispatchResult {
			let (who, _, mut mra) = Self::party_admin(origin, id)?;
			ensure!(mra.terms.status == MraStatus::InForce, Error::<T>::NotInForce);
			// A party being added waits for the MRA to be in force again.
			mra.motion = None;
			Self::set_status(id, &mut mra, MraAction::Suspend, MraStatus::Suspended, Some(who));
			let directions = mra.terms.directions.clone();
			Mras::<T>::insert(id, mra);
			// Told once the MRA is stored: whether another MRA still carries
			// a direction is read from storage.
			T::OnEntitlementEnded::directions_ended(&directions);
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
		/// force, and signs; every active party and the newcomer must sign.
		/// `directions` are the new `(issuer, recogniser)` pairs, each between
		/// the newcomer and a party; `None` means both ways between the
		/// newcomer and every party. The directions among the parties stay
		/// as they are.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::propose_party())]
		pub fn propose_party(
			origin: OriginFor<T>,
			id: MraId,
			country: CountryCode,
			directions: Option<Directions>,
		) -> DispatchResult {
			let (who, proposer, mut mra) = Self::party_admin(origin, id)?;
			ensure!(mra.terms.status == MraStatus::InForce, Error::<T>::NotInForce);
			ensure!(mra.motion.is_none(), Error::<T>::MotionPending);
			ensure!(country.validate().is_ok(), Error::<T>::UnknownCountry);
			ensure!(!mra.terms.parties.contains(&country), Error::<T>::AlreadyParty);
			ensure!((mra.terms.parties.len() as u32) < MAX_PARTIES, Error::<T>::TooManyParties);
			ensure!(T::Consortium::is_active_member(&country), Error::<T>::PartyNotActiveMember);
			ensure!(
				(MrasOf::<T>::decode_len(country).unwrap_or(0) as u32)
					< T::MaxMrasPerCountry::get(),
				Error::<T>::TooManyMras
			);
			let new = Self::newcomer_directions(&mra.terms, country, directions)?;
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
		#[pallet::weight(T::WeightInfo::terminate()
			.saturating_add(T::WeightInfo::cancel_scheduled())
			.saturating_add(T::OnEntitlementEnded::directions_ended_weight()))]
		pub fn terminate(origin: OriginFor<T>, id: MraId) -> DispatchResult {
			let (who, _, mut mra) = Self::party_admin(origin, id)?;
			mra.motion = None;
			let mut was_waiting = false;
			Awaiting::<T>::mutate(|awaiting| {
				let before = awaiting.len();
				awaiting.retain(|(_, a)| *a != id);
				was_waiting = awaiting.len() < before;
			});
			for party in mra.terms.parties.iter() {
				if was_waiting {
					AwaitingOf::<T>::mutate_exists(party, |n| {
						*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
					});
				}
				Self::close_proposal(party, id);
				// Out of what recognition reads, into the archive.
				MrasOf::<T>::mutate_exists(party, |ids| {
					if let Some(list) = ids {
						list.retain(|i| *i != id);
						if list.is_empty() {
							*ids = None;
						}
					}
				});
				Archived::<T>::insert(party, id, ());
			}
			Self::cancel_scheduled(id);
			let was_in_force = mra.terms.status == MraStatus::InForce;
			Self::set_status(id, &mut mra, MraAction::Terminate, MraStatus::Terminated, Some(who));
			let directions = mra.terms.directions.clone();
			Mras::<T>::insert(id, mra);
			if was_in_force {
				T::OnEntitlementEnded::directions_ended(&directions);
			}
			Ok(())
		}

		/// An `Admin` of the issuer or the recogniser of a direction of an
		/// MRA in force or suspended proposes what the recogniser grants the
		/// issuer's AEOs from `on` (today or later), and signs. It applies
		/// once the other side has signed too, on `on`: the set is replaced
		/// whole, one version up. No other party signs, and neither side
		/// alone changes anything.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::propose_benefits())]
		pub fn propose_benefits(
			origin: OriginFor<T>,
			id: MraId,
			issuer: CountryCode,
			recogniser: CountryCode,
			grants: Grants,
			on: Day,
		) -> DispatchResult {
			let (who, country, mut mra) = Self::party_admin(origin, id)?;
			ensure!(
				matches!(mra.terms.status, MraStatus::InForce | MraStatus::Suspended),
				Error::<T>::NotInForce
			);
			ensure!(mra.motion.is_none(), Error::<T>::MotionPending);
			let direction = (issuer, recogniser);
			Self::check_amendment(id, &mra.terms.scope, country, direction, &grants, on)?;
			let status = mra.terms.status;
			let action = MraAction::ProposeBenefits { issuer, recogniser };
			Self::record(id, action, Some(status), status, Some(who.clone()));
			let kind = MotionKind::AmendBenefits { issuer, recogniser, grants, on };
			mra.motion = Some(Motion { kind, signed: Self::one(country) });
			Mras::<T>::insert(id, mra);
			Self::deposit_event(Event::BenefitsProposed { id, issuer, recogniser, on, by: who });
			Ok(())
		}

		/// An `Admin` declares a business-continuity event of its country
		/// (a disaster, a pandemic, a port closed): the grants it gives on
		/// that condition apply until it ends it.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::declare_continuity())]
		pub fn declare_continuity(origin: OriginFor<T>) -> DispatchResult {
			let (who, country) = Self::ensure_admin(origin)?;
			ensure!(!Continuity::<T>::contains_key(country), Error::<T>::ContinuityAlreadyDeclared);
			let event = ContinuityEvent {
				block: frame_system::Pallet::<T>::block_number(),
				at: T::Time::now().as_millis() as u64,
			};
			Continuity::<T>::insert(country, event);
			Self::deposit_event(Event::ContinuityDeclared { country, by: who });
			Ok(())
		}

		/// An `Admin` ends its country's business-continuity event.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::declare_continuity())]
		pub fn end_continuity(origin: OriginFor<T>) -> DispatchResult {
			let (who, country) = Self::ensure_admin(origin)?;
			ensure!(Continuity::<T>::take(country).is_some(), Error::<T>::NoContinuityEvent);
			Self::deposit_event(Event::ContinuityEnded { country, by: who });
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
		// Before any read: a long list is refused at the cost of one.
		ensure!(parties.len() <= MAX_PARTIES as usize, Error::<T>::TooManyParties);
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

	/// The directions of a new MRA: `wanted` (or, for `None`, every pair of
	/// `parties`), each between two distinct parties and named once.
	fn check_directions(
		parties: &Parties,
		wanted: Option<Directions>,
	) -> Result<Directions, Error<T>> {
		let Some(pairs) = wanted else {
			return Directions::try_from(types::all_directions(parties))
				.map_err(|_| Error::<T>::TooManyParties);
		};
		ensure!(!pairs.is_empty(), Error::<T>::NoDirections);
		for (issuer, recogniser) in pairs.iter() {
			ensure!(
				issuer != recogniser && parties.contains(issuer) && parties.contains(recogniser),
				Error::<T>::InvalidDirection
			);
		}
		types::sorted_once(pairs).ok_or(Error::<T>::DuplicateDirection)
	}

	/// The directions of `terms` once `newcomer` joins: the parties' own
	/// unchanged, and `wanted` (or, for `None`, both ways between the
	/// newcomer and every active party), each between the newcomer and an
	/// active party.
	fn newcomer_directions(
		terms: &MraTerms,
		newcomer: CountryCode,
		wanted: Option<Directions>,
	) -> Result<Directions, Error<T>> {
		// A suspended or retired party signs nothing, so it takes on no new
		// obligation: the newcomer is paired with the active parties only.
		let active =
			|c: &CountryCode| terms.parties.contains(c) && T::Consortium::is_active_member(c);
		let new = match wanted {
			None => terms
				.parties
				.iter()
				.filter(|p| active(p))
				.flat_map(|p| [(newcomer, *p), (*p, newcomer)])
				.collect(),
			Some(pairs) => {
				ensure!(!pairs.is_empty(), Error::<T>::NoDirections);
				for (issuer, recogniser) in pairs.iter() {
					let party = active;
					ensure!(
						(*issuer == newcomer && party(recogniser))
							|| (*recogniser == newcomer && party(issuer)),
						Error::<T>::InvalidDirection
					);
				}
				pairs.into_inner()
			}
		};
		let mut all = terms.directions.to_vec();
		all.extend(new);
		let all = Directions::try_from(all).map_err(|_| Error::<T>::TooManyParties)?;
		types::sorted_once(all).ok_or(Error::<T>::DuplicateDirection)
	}

	/// The countries whose signatures `kind` needs: every party to enter
	/// into force; otherwise the active parties, and the newcomer.
	fn needed(parties: &Parties, kind: &MotionKind) -> Vec<CountryCode> {
		match kind {
			MotionKind::EnterIntoForce => parties.to_vec(),
			MotionKind::Resume => {
				parties.iter().copied().filter(T::Consortium::is_active_member).collect()
			}
			MotionKind::AmendBenefits { issuer, recogniser, .. } => {
				let mut sides = alloc::vec![*issuer, *recogniser];
				sides.sort();
				sides
			}
			MotionKind::AddParty { country, .. } => parties
				.iter()
				.copied()
				.filter(T::Consortium::is_active_member)
				.chain(core::iter::once(*country))
				.collect(),
		}
	}

	/// Takes `id` off `country`'s open proposals, if it is there.
	fn close_proposal(country: &CountryCode, id: MraId) {
		OpenProposals::<T>::mutate_exists(country, |open| {
			if let Some(list) = open {
				list.retain(|i| *i != id);
				if list.is_empty() {
					*open = None;
				}
			}
		});
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
				for party in mra.terms.parties.iter() {
					Self::close_proposal(party, id);
				}
				if mra.terms.effective_on <= Self::today() {
					Self::set_status(
						id,
						mra,
						MraAction::EnterIntoForce,
						MraStatus::InForce,
						Some(who.clone()),
					);
				} else {
					for party in mra.terms.parties.iter() {
						AwaitingOf::<T>::try_mutate(party, |n| {
							ensure!(
								*n < T::MaxAwaitingPerCountry::get(),
								Error::<T>::TooManyAwaitingForParty
							);
							*n += 1;
							Ok::<_, Error<T>>(())
						})?;
					}
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
				// A party joins only an MRA in force: its directions are.
				let new = directions.iter().filter(|d| !mra.terms.directions.contains(d));
				Self::count_directions(new.clone(), true);
				Self::open_new_directions(id, new);
				mra.terms.directions = directions;
				MrasOf::<T>::try_mutate(country, |ids| {
					let position = ids.binary_search(&id).unwrap_or_else(|p| p);
					ids.try_insert(position, id)
				})
				.map_err(|_| Error::<T>::TooManyMras)?;
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
			MotionKind::AmendBenefits { issuer, recogniser, grants, on } => {
				let status = mra.terms.status;
				Self::amend_benefits(
					id,
					status,
					(issuer, recogniser),
					grants,
					on,
					Some(who.clone()),
				)?;
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
		match (from == MraStatus::InForce, to == MraStatus::InForce) {
			(false, true) => Self::count_directions(mra.terms.directions.iter(), true),
			(true, false) => Self::count_directions(mra.terms.directions.iter(), false),
			_ => {}
		}
		Self::record(id, action, Some(from), to, by.clone());
		Self::deposit_event(Event::StatusChanged {
			id,
			parties: mra.terms.parties.clone(),
			from,
			to,
			by,
		});
	}

	/// Counts `directions` in (or out of) [`InForceDirections`].
	fn count_directions<'a>(
		directions: impl Iterator<Item = &'a (CountryCode, CountryCode)>,
		in_force: bool,
	) {
		for (issuer, recogniser) in directions {
			InForceDirections::<T>::mutate_exists(issuer, recogniser, |n| {
				let count = n.unwrap_or(0);
				let count =
					if in_force { count.saturating_add(1) } else { count.saturating_sub(1) };
				*n = (count > 0).then_some(count);
			});
		}
	}

	/// Whether an MRA in force lets `recogniser` recognise `issuer`'s
	/// certificates (whatever their type): one read.
	pub fn recognises(issuer: CountryCode, recogniser: CountryCode) -> bool {
		InForceDirections::<T>::contains_key(issuer, recogniser)
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

	/// The hook's weight for `due` MRAs with `places` parties together. The
	/// benchmark's MRAs have two parties each; every further party's waiting
	/// count is one more read and write.
	fn hook_weight(due: u32, places: u32) -> Weight {
		let beyond = places.saturating_sub(2 * due) as u64;
		T::WeightInfo::on_poll(due).saturating_add(T::DbWeight::get().reads_writes(beyond, beyond))
	}

	/// Brings into force the MRAs due by `today`; returns how many, and
	/// how many parties they have together.
	pub fn enter_due(today: Day) -> (u32, u32) {
		let awaiting = Awaiting::<T>::get();
		let due = awaiting.iter().take_while(|(day, _)| *day <= today).count();
		if due == 0 {
			return (0, 0);
		}
		let mut places = 0;
		for (_, id) in awaiting.iter().take(due) {
			if let Some(mut mra) = Mras::<T>::get(id) {
				places += mra.terms.parties.len() as u32;
				for party in mra.terms.parties.iter() {
					AwaitingOf::<T>::mutate_exists(party, |n| {
						*n = n.and_then(|n| n.checked_sub(1)).filter(|n| *n > 0)
					});
				}
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
		(due as u32, places)
	}

	/// The live MRAs `country` is party to (at most `MaxMrasPerCountry`),
	/// with their terms. Terminated ones are in [`Archived`].
	pub fn mras_of(country: CountryCode) -> Vec<(MraId, pallet::MraOf<T>)> {
		MrasOf::<T>::get(country)
			.into_iter()
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
				let live = MrasOf::<T>::get(party).binary_search(&id).is_ok();
				let archived = Archived::<T>::contains_key(party, id);
				if mra.terms.status == MraStatus::Terminated {
					ensure!(!live && archived, "terminated MRA not archived");
				} else {
					ensure!(live && !archived, "live MRA missing from the index");
				}
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
		ensure!(
			InForceDirections::<T>::iter()
				.map(|(i, r, n)| ((i, r), n))
				.collect::<alloc::collections::BTreeMap<_, _>>()
				== migrations::v2::count_in_force::<T>(),
			"InForceDirections is not the directions of the MRAs in force"
		);
		for (country, ids) in MrasOf::<T>::iter() {
			ensure!(!ids.is_empty(), "empty index kept");
			ensure!(ids.windows(2).all(|w| w[0] < w[1]), "index not sorted");
			for id in ids {
				ensure!(
					Mras::<T>::get(id).is_some_and(|m| m.terms.parties.contains(&country)
						&& m.terms.status != MraStatus::Terminated),
					"index names a non-party or a terminated MRA"
				);
			}
		}
		for (country, id) in Archived::<T>::iter_keys() {
			ensure!(
				Mras::<T>::get(id).is_some_and(|m| m.terms.parties.contains(&country)
					&& m.terms.status == MraStatus::Terminated),
				"archive names a live MRA"
			);
		}
		for (country, ids) in OpenProposals::<T>::iter() {
			ensure!(!ids.is_empty(), "empty proposal list kept");
			for id in ids {
				ensure!(
					Mras::<T>::get(id).is_some_and(|m| m.terms.parties.contains(&country)
						&& m.terms.status == MraStatus::Proposed
						&& m.motion.as_ref().is_some_and(|m| m.kind == MotionKind::EnterIntoForce)),
					"open proposal not waiting for signatures"
				);
			}
		}
		let awaiting = Awaiting::<T>::get();
		ensure!(awaiting.windows(2).all(|w| w[0] <= w[1]), "waiting list not sorted");
		let mut counts = alloc::collections::BTreeMap::<CountryCode, u32>::new();
		for (day, id) in awaiting.iter() {
			let mra = Mras::<T>::get(id).ok_or("waiting list holds an unknown MRA")?;
			ensure!(
				mra.terms.status == MraStatus::Proposed
					&& mra.motion.is_none()
					&& mra.terms.effective_on == *day,
				"waiting list holds an MRA not signed by all"
			);
			for party in mra.terms.parties.iter() {
				*counts.entry(*party).or_default() += 1;
			}
		}
		ensure!(
			AwaitingOf::<T>::iter().collect::<alloc::collections::BTreeMap<_, _>>() == counts,
			"waiting counts out of step"
		);
		ensure!(
			counts.values().all(|n| *n <= T::MaxAwaitingPerCountry::get()),
			"a party waits on too many MRAs"
		);
		Self::benefits_try_state()
	}
}
