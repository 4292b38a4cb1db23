//! # AEO certificates pallet
//!
//! Authorized Economic Operator certificates, identified by issuing country
//! and authorization number and found by holder TIN, with the lifecycle of
//! `cadena_primitives::transition`:
//!
//! - `Active -> Suspended -> Active` ([`Pallet::suspend`], [`Pallet::reinstate`]);
//! - `Active|Suspended -> Revoked`, final ([`Pallet::revoke`]);
//! - `Active|Suspended -> Expired`, by the chain itself at 00:00 UTC of the
//!   expiry date (block hook, bounded work per block);
//! - `Expired|Active -> Active` with a new expiry date ([`Pallet::renew`]).
//!
//! Approvers of the issuing administration grant and change status;
//! its Registrars or Approvers amend the data. Every change appends to the
//! certificate's bounded history; entries pruned at the bound are kept as a
//! hash chain ([`PrunedHistory`]). Every change emits one
//! [`Event::CertificateChanged`] with all a partner needs to act on it.
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

pub use cadena_primitives::PrunedHistory;
pub use pallet::*;
pub use types::{Certificate, CertificateData, HistoryEntry, NewCertificate, Reason};
pub use weights::WeightInfo;

use alloc::vec::Vec;
use cadena_primitives::{
	append_pruning, day_of, transition, Action, AuthorizationNumber, AuthorizationNumberError,
	CertificateId, CertificateStatus, Consortium, CountryCode, Day, Role, SealedReasons as _, Tin,
	TinError, TinRegistry,
};
use frame_support::{
	dispatch::{DispatchResult, DispatchResultWithPostInfo},
	ensure,
	pallet_prelude::{DispatchError, Weight},
	traits::{Get, UnixTime},
	BoundedVec,
};

/// Most empty expiry days the block hook steps over in one block: after a
/// halt of `n` days, the expiry index catches up in `n / 16` blocks.
pub const MAX_DAYS_PER_BLOCK: u32 = 16;

/// The target of the pallet's log lines.
pub const LOG_TARGET: &str = "runtime::aeo-certificates";

/// The reason code of an expiry, which the chain itself makes.
pub const EXPIRY_REASON: u16 = 0;

/// The least a sealed reason takes besides its text: the holder's record
/// version (4), the nonce (12) and the tag (16).
pub const SEALED_REASON_OVERHEAD: usize = 32;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// A certificate as stored.
	pub type CertificateOf<T> = Certificate<<T as Config>::MaxReasonLength>;
	/// A history entry as stored.
	pub type HistoryEntryOf<T> = HistoryEntry<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxReasonLength,
	>;
	/// A certificate's history as stored: the latest `MaxHistory` entries.
	pub type HistoryOf<T> = BoundedVec<HistoryEntryOf<T>, <T as Config>::MaxHistory>;
	/// A reason as stored.
	pub type ReasonOf<T> = Reason<<T as Config>::MaxReasonLength>;

	/// The layout version of this pallet's storage (see [`crate::migrations`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

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

		/// Which TINs are registered and active.
		type TinRegistry: TinRegistry<Self::AccountId>;

		/// The time: dates, expiry, and the history's "when".
		type Time: UnixTime;

		/// Under which version of a trader's record a reason about its
		/// certificates may be sealed now.
		type SealedReasons: cadena_primitives::SealedReasons;

		/// Longest sealed reason, in bytes: its text and the envelope's 32
		/// bytes (docs/rpc.md, "Envelopes").
		#[pallet::constant]
		type MaxReasonLength: Get<u32>;

		/// History entries kept in storage per certificate; older ones are
		/// pruned into [`PrunedHistory`].
		#[pallet::constant]
		type MaxHistory: Get<u32>;

		/// Most certificates granted by one [`Pallet::grant_many`].
		#[pallet::constant]
		type MaxBatch: Get<u32>;

		/// Most certificates the block hook expires in one block; the rest
		/// of a day's expiries spill over to the next blocks.
		#[pallet::constant]
		type MaxExpiriesPerBlock: Get<u32>;

		/// Weights of the dispatchables and of the expiry hook.
		type WeightInfo: WeightInfo;

		/// Sets the time, for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: cadena_primitives::BenchmarkClock;
	}

	/// The certificates, by issuing country and authorization number: a
	/// country's certificates are iterable by prefix.
	#[pallet::storage]
	pub type Certificates<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		CountryCode,
		Blake2_128Concat,
		AuthorizationNumber,
		CertificateOf<T>,
	>;

	/// The certificates of each holder TIN.
	#[pallet::storage]
	pub type CertificatesOf<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, Tin, Blake2_128Concat, CertificateId, ()>;

	/// The latest `MaxHistory` entries of each certificate's history, oldest first.
	#[pallet::storage]
	pub type History<T: Config> =
		StorageMap<_, Blake2_128Concat, CertificateId, HistoryOf<T>, ValueQuery>;

	/// The hash chain over each certificate's pruned history entries.
	#[pallet::storage]
	pub type Pruned<T: Config> = StorageMap<_, Blake2_128Concat, CertificateId, PrunedHistory>;

	/// The Active and Suspended certificates, by expiry day.
	#[pallet::storage]
	pub type ExpiryQueue<T: Config> =
		StorageDoubleMap<_, Twox64Concat, Day, Blake2_128Concat, CertificateId, ()>;

	/// The first day whose expiries are not all processed. Set when the
	/// first certificate is granted; every day in [`ExpiryQueue`] is at or
	/// after it.
	#[pallet::storage]
	pub type ExpiryCursor<T: Config> = StorageValue<_, Day>;

	/// The day each suspension is planned to end, where its administration
	/// said so: shown to partners with "suspended". Only suspended
	/// certificates have one; it goes when the suspension does.
	#[pallet::storage]
	pub type PlannedEnds<T: Config> = StorageMap<_, Blake2_128Concat, CertificateId, Day>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A certificate was granted, changed status, or had its data amended.
		/// The issuing country is `id.country`.
		CertificateChanged {
			id: CertificateId,
			holder: Tin,
			aeo_type: cadena_primitives::AeoType,
			action: Action,
			from: Option<CertificateStatus>,
			to: CertificateStatus,
			expires_on: Day,
			reason: ReasonOf<T>,
			/// The officer; `None` when the chain did it (expiry).
			by: Option<T::AccountId>,
		},
		/// The oldest entry of a certificate's history left storage; `digest`
		/// is the hash chain over the `count` entries pruned so far.
		HistoryPruned { id: CertificateId, count: u32, digest: [u8; 32] },
		/// A suspension's planned end was set (or, `None`, withdrawn).
		SuspensionEndPlanned { id: CertificateId, until: Option<Day>, by: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The sender is not an officer of an active administration.
		NotOfficer,
		/// The sender does not hold the `Approver` role.
		NotApprover,
		/// The sender holds neither the `Registrar` nor the `Approver` role.
		NotRegistrarOrApprover,
		/// The certificate (or its holder) belongs to another country's administration.
		OtherCountry,
		/// The authorization number is empty.
		EmptyAuthorizationNumber,
		/// The authorization number is longer than 35 characters.
		AuthorizationNumberTooLong,
		/// The authorization number has a character other than `A`–`Z`, `0`–`9`, `-`, `/`.
		InvalidAuthorizationNumber,
		/// The holder TIN is empty.
		EmptyTin,
		/// The holder TIN has a country code and no national identifier.
		MissingNationalId,
		/// The holder TIN's national identifier is longer than 15 characters.
		TinTooLong,
		/// The holder TIN has lower-case letters.
		LowerCaseTin,
		/// The holder TIN has a character other than `A`–`Z` and `0`–`9`.
		InvalidTinCharacter,
		/// The holder TIN does not start with an ISO 3166-1 alpha-2 country code.
		UnknownTinCountry,
		/// The holder TIN is not registered.
		UnknownHolder,
		/// The holder TIN is closed.
		HolderClosed,
		/// The certificate names no operator role.
		NoOperatorRoles,
		/// The date of authorization is after today.
		AuthorizedInFuture,
		/// The expiry date is not after today.
		ExpiryNotInFuture,
		/// The sealed reason is longer than `MaxReasonLength`.
		ReasonTooLong,
		/// A reason's text must be empty or sealed: the record version
		/// (u32 LE), the nonce (12), the ciphertext and the tag (16).
		ReasonNotSealed,
		/// The reason is sealed under another version of the holder's record
		/// than the one a reason may be sealed under now: the record is not
		/// sealed, or must be sealed again first (a reader lost it since).
		ReasonKeyNotCurrent,
		/// A certificate with this number was already granted by this country.
		AlreadyGranted,
		/// The batch is empty.
		EmptyBatch,
		/// No certificate has this id.
		UnknownCertificate,
		/// Suspend: the certificate is already suspended.
		AlreadySuspended,
		/// Reinstate, or plan a suspension's end: the certificate is not suspended.
		NotSuspended,
		/// A suspension's planned end is not after today.
		PlannedEndNotInFuture,
		/// Renew: a suspended certificate must be reinstated first.
		CertificateSuspended,
		/// The certificate has expired: it can only be renewed (or amended).
		CertificateExpired,
		/// The certificate is revoked: nothing more can happen to it.
		CertificateRevoked,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Expires the certificates whose expiry day has come, at most
		/// `MaxExpiriesPerBlock` of them and `MAX_DAYS_PER_BLOCK` days.
		///
		/// It runs after the inherents, so `today` is this block's day (in
		/// `on_initialize` it would still be the parent's): a certificate
		/// expires in the block where recognition stops answering yes, and
		/// its event is in that block. A block without room for the worst
		/// case leaves the work to the next; recognition answers by the
		/// date meanwhile.
		fn on_poll(_n: BlockNumberFor<T>, meter: &mut frame_support::weights::WeightMeter) {
			let worst = T::WeightInfo::on_poll(MAX_DAYS_PER_BLOCK, T::MaxExpiriesPerBlock::get())
				.saturating_add(T::DbWeight::get().writes(T::MaxExpiriesPerBlock::get() as u64));
			if !meter.can_consume(worst) {
				return;
			}
			let (days, expired) = Self::process_expiries(Self::today());
			// A suspended certificate's planned end goes as it expires.
			let planned = T::DbWeight::get().writes(expired as u64);
			meter.consume(T::WeightInfo::on_poll(days, expired).saturating_add(planned));
		}

		fn integrity_test() {
			let max = T::BlockWeights::get().max_block;
			let hook = T::WeightInfo::on_poll(MAX_DAYS_PER_BLOCK, T::MaxExpiriesPerBlock::get());
			assert!(
				hook.all_lte(max / 4),
				"the expiry hook may take more than a quarter of a block: lower MaxExpiriesPerBlock"
			);
			let max_extrinsic =
				T::BlockWeights::get().get(DispatchClass::Normal).max_extrinsic.unwrap_or(max);
			assert!(
				T::WeightInfo::grant_many(T::MaxBatch::get()).all_lte(max_extrinsic),
				"a full batch does not fit in a block: lower MaxBatch"
			);
			assert!(T::MaxHistory::get() > 0, "a certificate needs room for its history");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// An `Approver` grants a certificate of its administration, `Active`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant())]
		pub fn grant(origin: OriginFor<T>, certificate: NewCertificate) -> DispatchResult {
			let (who, country) = Self::ensure_role(origin, &[Role::Approver])?;
			Self::do_grant(&who, country, certificate)
		}

		/// An `Approver` grants many certificates at once: all of them, or
		/// none if any one is refused (its error is the batch's).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::grant_many(certificates.len() as u32))]
		pub fn grant_many(
			origin: OriginFor<T>,
			certificates: BoundedVec<NewCertificate, T::MaxBatch>,
		) -> DispatchResult {
			let (who, country) = Self::ensure_role(origin, &[Role::Approver])?;
			ensure!(!certificates.is_empty(), Error::<T>::EmptyBatch);
			for certificate in certificates {
				Self::do_grant(&who, country, certificate)?;
			}
			Ok(())
		}

		/// A `Registrar` or `Approver` amends a certificate's data (holder,
		/// type, roles, date of authorization). A revoked certificate's data
		/// is final.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::amend().saturating_add(Pallet::<T>::reason_weight(reason)))]
		pub fn amend(
			origin: OriginFor<T>,
			id: CertificateId,
			data: CertificateData,
			code: u16,
			reason: Vec<u8>,
		) -> DispatchResult {
			let (who, country) = Self::ensure_role(origin, &[Role::Registrar, Role::Approver])?;
			ensure!(id.country == country, Error::<T>::OtherCountry);
			let reason = Self::reason(code, reason)?;
			let mut certificate = Self::certificate(&id).ok_or(Error::<T>::UnknownCertificate)?;
			Self::check_transition(certificate.status, Action::Amend)?;
			let (holder, roles) = Self::check_data(country, &data)?;
			Self::check_sealed(&reason, &holder)?;
			if holder != certificate.holder {
				CertificatesOf::<T>::remove(&certificate.holder, &id);
				CertificatesOf::<T>::insert(&holder, &id, ());
			}
			certificate.holder = holder;
			certificate.aeo_type = data.aeo_type;
			certificate.roles = roles;
			certificate.authorized_on = data.authorized_on;
			let from = Some(certificate.status);
			Self::apply(id, certificate, Action::Amend, from, reason, Some(who));
			Ok(())
		}

		/// An `Approver` suspends an `Active` certificate.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::suspend().saturating_add(Pallet::<T>::reason_weight(reason)))]
		pub fn suspend(
			origin: OriginFor<T>,
			id: CertificateId,
			code: u16,
			reason: Vec<u8>,
		) -> DispatchResultWithPostInfo {
			Self::change_status(
				origin,
				id,
				Action::Suspend,
				code,
				reason,
				None,
				T::WeightInfo::suspend(),
			)
		}

		/// An `Approver` reinstates a `Suspended` certificate.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::reinstate()
			.saturating_add(Pallet::<T>::reason_weight(reason))
			.saturating_add(T::DbWeight::get().writes(1)))]
		pub fn reinstate(
			origin: OriginFor<T>,
			id: CertificateId,
			code: u16,
			reason: Vec<u8>,
		) -> DispatchResultWithPostInfo {
			Self::change_status(
				origin,
				id,
				Action::Reinstate,
				code,
				reason,
				None,
				T::WeightInfo::reinstate(),
			)
		}

		/// An `Approver` revokes an `Active` or `Suspended` certificate, for good.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::revoke()
			.saturating_add(Pallet::<T>::reason_weight(reason))
			.saturating_add(T::DbWeight::get().writes(1)))]
		pub fn revoke(
			origin: OriginFor<T>,
			id: CertificateId,
			code: u16,
			reason: Vec<u8>,
		) -> DispatchResultWithPostInfo {
			Self::change_status(
				origin,
				id,
				Action::Revoke,
				code,
				reason,
				None,
				T::WeightInfo::revoke(),
			)
		}

		/// An `Approver` renews an `Active` or `Expired` certificate until a
		/// new expiry date, after today.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::renew().saturating_add(Pallet::<T>::reason_weight(reason)))]
		pub fn renew(
			origin: OriginFor<T>,
			id: CertificateId,
			expires_on: Day,
			code: u16,
			reason: Vec<u8>,
		) -> DispatchResultWithPostInfo {
			Self::change_status(
				origin,
				id,
				Action::Renew,
				code,
				reason,
				Some(expires_on),
				T::WeightInfo::renew(),
			)
		}

		/// An `Approver` of the issuing administration says when a
		/// suspension of one of its certificates is planned to end (a day
		/// after today), or withdraws it with `None`; partners see it with
		/// "suspended". It says, it does not do: the certificate stays
		/// suspended until it is reinstated, and the planned end goes with
		/// the suspension.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn plan_suspension_end(
			origin: OriginFor<T>,
			id: CertificateId,
			until: Option<Day>,
		) -> DispatchResult {
			let (who, country) = Self::ensure_role(origin, &[Role::Approver])?;
			ensure!(id.country == country, Error::<T>::OtherCountry);
			let certificate = Self::certificate(&id).ok_or(Error::<T>::UnknownCertificate)?;
			ensure!(certificate.status == CertificateStatus::Suspended, Error::<T>::NotSuspended);
			match until {
				Some(day) => {
					ensure!(day > Self::today(), Error::<T>::PlannedEndNotInFuture);
					PlannedEnds::<T>::insert(&id, day);
				}
				None => PlannedEnds::<T>::remove(&id),
			}
			Self::deposit_event(Event::SuspensionEndPlanned { id, until, by: who });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The certificate with this id.
	pub fn certificate(id: &CertificateId) -> Option<pallet::CertificateOf<T>> {
		Certificates::<T>::get(id.country, &id.number)
	}

	/// Today (UTC), by the chain's clock.
	pub fn today() -> Day {
		day_of(T::Time::now().as_millis() as u64)
	}

	/// The signer and its administration's country, if it holds one of `roles`.
	fn ensure_role(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		roles: &[Role],
	) -> Result<(T::AccountId, CountryCode), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let officer = T::Consortium::officer(&who).ok_or(Error::<T>::NotOfficer)?;
		if !roles.iter().any(|role| officer.roles.contains(*role)) {
			return Err(match roles {
				[Role::Approver] => Error::<T>::NotApprover,
				_ => Error::<T>::NotRegistrarOrApprover,
			}
			.into());
		}
		Ok((who, officer.country))
	}

	fn parse_tin(tin: &[u8]) -> Result<Tin, Error<T>> {
		Tin::parse(tin).map_err(|e| match e {
			TinError::Empty => Error::<T>::EmptyTin,
			TinError::MissingNationalId => Error::<T>::MissingNationalId,
			TinError::TooLong => Error::<T>::TinTooLong,
			TinError::LowerCase => Error::<T>::LowerCaseTin,
			TinError::InvalidCharacter => Error::<T>::InvalidTinCharacter,
			TinError::UnknownCountry => Error::<T>::UnknownTinCountry,
		})
	}

	fn reason(code: u16, text: Vec<u8>) -> Result<ReasonOf<T>, Error<T>> {
		Ok(Reason { code, text: text.try_into().map_err(|_| Error::<T>::ReasonTooLong)? })
	}

	/// A reason's text, if any, is sealed under the data key of the version
	/// of `holder`'s record a reason may be sealed under now: only the
	/// readers entitled to the trader's record can read it. (The chain
	/// cannot tell a ciphertext from text; it checks the envelope's shape
	/// and its key, and `cadena` seals. A plaintext shaped like an envelope
	/// is its sender's own breach.)
	fn check_sealed(reason: &pallet::ReasonOf<T>, holder: &Tin) -> Result<(), Error<T>> {
		if reason.text.is_empty() {
			return Ok(());
		}
		ensure!(reason.text.len() >= SEALED_REASON_OVERHEAD, Error::<T>::ReasonNotSealed);
		let version =
			u32::from_le_bytes(reason.text[..4].try_into().expect("at least 32 bytes; qed"));
		ensure!(
			T::SealedReasons::sealable_version(holder) == Some(version),
			Error::<T>::ReasonKeyNotCurrent
		);
		Ok(())
	}

	/// What checking a reason's seal weighs: nothing without a text.
	pub fn reason_weight(text: &[u8]) -> Weight {
		if text.is_empty() {
			Weight::zero()
		} else {
			T::SealedReasons::sealable_version_weight()
		}
	}

	/// Checks submitted data: the holder TIN (parsed, of `country`,
	/// registered and active), the roles (one at least; sorted, each once) and
	/// the date of authorization (not after today).
	fn check_data(
		country: CountryCode,
		data: &CertificateData,
	) -> Result<(Tin, cadena_primitives::OperatorRoles), Error<T>> {
		let holder = Self::parse_tin(&data.holder)?;
		ensure!(holder.country == country, Error::<T>::OtherCountry);
		ensure!(T::TinRegistry::is_registered(&holder), Error::<T>::UnknownHolder);
		ensure!(T::TinRegistry::is_active(&holder), Error::<T>::HolderClosed);
		let mut roles = data.roles.clone().into_inner();
		roles.sort();
		roles.dedup();
		// Fewer than before, or as many: within the bound.
		let roles = cadena_primitives::OperatorRoles::truncate_from(roles);
		ensure!(!roles.is_empty(), Error::<T>::NoOperatorRoles);
		ensure!(data.authorized_on <= Self::today(), Error::<T>::AuthorizedInFuture);
		Ok((holder, roles))
	}

	fn do_grant(who: &T::AccountId, country: CountryCode, new: NewCertificate) -> DispatchResult {
		let id = CertificateId::new(country, &new.number).map_err(|e| match e {
			AuthorizationNumberError::Empty => Error::<T>::EmptyAuthorizationNumber,
			AuthorizationNumberError::TooLong => Error::<T>::AuthorizationNumberTooLong,
			AuthorizationNumberError::InvalidCharacter => Error::<T>::InvalidAuthorizationNumber,
		})?;
		ensure!(
			!Certificates::<T>::contains_key(id.country, &id.number),
			Error::<T>::AlreadyGranted
		);
		let (holder, roles) = Self::check_data(country, &new.data)?;
		ensure!(new.expires_on > Self::today(), Error::<T>::ExpiryNotInFuture);
		CertificatesOf::<T>::insert(&holder, &id, ());
		Self::schedule_expiry(&id, new.expires_on);
		let certificate = Certificate {
			holder,
			aeo_type: new.data.aeo_type,
			roles,
			authorized_on: new.data.authorized_on,
			expires_on: new.expires_on,
			status: CertificateStatus::Active,
			status_since: 0,
			reason: Reason::default(),
		};
		Self::apply(id, certificate, Action::Grant, None, Reason::default(), Some(who.clone()));
		Ok(())
	}

	/// The error for a transition the lifecycle forbids, named by the status it is refused from.
	fn check_transition(
		from: CertificateStatus,
		action: Action,
	) -> Result<CertificateStatus, Error<T>> {
		transition(from, action).ok_or(match from {
			CertificateStatus::Active => Error::<T>::NotSuspended,
			CertificateStatus::Suspended if action == Action::Suspend => {
				Error::<T>::AlreadySuspended
			}
			CertificateStatus::Suspended => Error::<T>::CertificateSuspended,
			CertificateStatus::Expired => Error::<T>::CertificateExpired,
			CertificateStatus::Revoked => Error::<T>::CertificateRevoked,
		})
	}

	fn change_status(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		id: CertificateId,
		action: Action,
		code: u16,
		reason: Vec<u8>,
		expires_on: Option<Day>,
		declared: Weight,
	) -> DispatchResultWithPostInfo {
		let (who, country) = Self::ensure_role(origin, &[Role::Approver])?;
		ensure!(id.country == country, Error::<T>::OtherCountry);
		let reason = Self::reason(code, reason)?;
		let mut certificate = Self::certificate(&id).ok_or(Error::<T>::UnknownCertificate)?;
		let to = Self::check_transition(certificate.status, action)?;
		Self::check_sealed(&reason, &certificate.holder)?;
		if let Some(expires_on) = expires_on {
			ensure!(expires_on > Self::today(), Error::<T>::ExpiryNotInFuture);
		}
		let from = certificate.status;
		let queued = Self::is_live(to);
		let was_queued = Self::is_live(from);
		let new_expiry = expires_on.unwrap_or(certificate.expires_on);
		if was_queued && (!queued || new_expiry != certificate.expires_on) {
			ExpiryQueue::<T>::remove(certificate.expires_on, &id);
		}
		if queued && (!was_queued || new_expiry != certificate.expires_on) {
			Self::schedule_expiry(&id, new_expiry);
		}
		certificate.expires_on = new_expiry;
		certificate.status = to;
		certificate.reason = reason.clone();
		let pruned = Self::apply(id, certificate, action, Some(from), reason, Some(who));
		// The weight assumes the history is full and its oldest entry pruned:
		// the hash chain's read and write are refunded when it was not.
		let actual = if pruned {
			declared
		} else {
			declared.saturating_sub(T::DbWeight::get().reads_writes(1, 1))
		};
		Ok(Some(actual).into())
	}

	/// Whether a certificate of this status waits in the expiry queue.
	fn is_live(status: CertificateStatus) -> bool {
		matches!(status, CertificateStatus::Active | CertificateStatus::Suspended)
	}

	/// Queues `id` to expire at `day`, which is after today.
	fn schedule_expiry(id: &CertificateId, day: Day) {
		if !ExpiryCursor::<T>::exists() {
			ExpiryCursor::<T>::put(Self::today());
		}
		ExpiryQueue::<T>::insert(day, id, ());
	}

	/// Stores `certificate` after `action`, appends the history entry and
	/// tells the world.
	fn apply(
		id: CertificateId,
		mut certificate: pallet::CertificateOf<T>,
		action: Action,
		from: Option<CertificateStatus>,
		reason: pallet::ReasonOf<T>,
		by: Option<T::AccountId>,
	) -> bool {
		let now = T::Time::now().as_millis() as u64;
		let to = certificate.status;
		if from != Some(to) {
			certificate.status_since = now;
		}
		let entry = HistoryEntry {
			action,
			from,
			to,
			expires_on: certificate.expires_on,
			by: by.clone(),
			block: frame_system::Pallet::<T>::block_number(),
			at: now,
			reason: reason.clone(),
		};
		let pruned = Self::append_history(&id, entry);
		// A suspension's planned end goes with the suspension.
		if from == Some(CertificateStatus::Suspended) && to != CertificateStatus::Suspended {
			PlannedEnds::<T>::remove(&id);
		}
		Self::deposit_event(Event::CertificateChanged {
			holder: certificate.holder.clone(),
			aeo_type: certificate.aeo_type,
			action,
			from,
			to,
			expires_on: certificate.expires_on,
			reason,
			by,
			id: id.clone(),
		});
		Certificates::<T>::insert(id.country, &id.number, certificate);
		pruned
	}

	/// Appends to a certificate's history, pruning its oldest entry into the
	/// hash chain when the history is full; returns whether it pruned.
	fn append_history(id: &CertificateId, entry: pallet::HistoryEntryOf<T>) -> bool {
		let Some(oldest) = History::<T>::mutate(id, |history| append_pruning(history, entry))
		else {
			return false;
		};
		let pruned = Pruned::<T>::mutate(id, |pruned| {
			let pruned = pruned.get_or_insert_with(Default::default);
			pruned.fold(&oldest);
			pruned.clone()
		});
		Self::deposit_event(Event::HistoryPruned {
			id: id.clone(),
			count: pruned.count,
			digest: pruned.digest,
		});
		true
	}

	/// Expires what is due by `today`: returns the days looked at and the
	/// certificates expired.
	pub fn process_expiries(today: Day) -> (u32, u32) {
		let Some(mut cursor) = ExpiryCursor::<T>::get() else { return (0, 0) };
		let start = cursor;
		let mut budget = T::MaxExpiriesPerBlock::get();
		let (mut days, mut expired) = (0, 0);
		while cursor <= today && days < MAX_DAYS_PER_BLOCK && budget > 0 {
			days += 1;
			let due: Vec<CertificateId> =
				ExpiryQueue::<T>::iter_key_prefix(cursor).take(budget as usize).collect();
			let drained = (due.len() as u32) < budget;
			budget -= due.len() as u32;
			for id in due {
				ExpiryQueue::<T>::remove(cursor, &id);
				Self::expire(id);
				expired += 1;
			}
			if drained {
				cursor += 1;
			}
		}
		if cursor != start {
			ExpiryCursor::<T>::put(cursor);
		}
		(days, expired)
	}

	fn expire(id: CertificateId) {
		let Some(mut certificate) = Self::certificate(&id) else { return };
		let from = certificate.status;
		let Some(to) = transition(from, Action::Expire) else { return };
		certificate.status = to;
		certificate.reason = Reason { code: EXPIRY_REASON, text: Default::default() };
		let reason = certificate.reason.clone();
		Self::apply(id, certificate, Action::Expire, Some(from), reason, None);
	}

	/// The number of entries a certificate's history has ever had: those
	/// pruned plus those in storage.
	pub fn history_length(id: &CertificateId) -> u32 {
		Pruned::<T>::get(id).map_or(0, |p| p.count)
			+ History::<T>::decode_len(id).unwrap_or(0) as u32
	}

	/// The pallet's invariants: the TIN and expiry indexes agree with the
	/// certificates, and each history ends at the certificate's status.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let cursor = ExpiryCursor::<T>::get();
		for (country, number, certificate) in Certificates::<T>::iter() {
			let id = CertificateId { country, number };
			ensure!(certificate.holder.country == id.country, "holder of another country");
			ensure!(
				CertificatesOf::<T>::contains_key(&certificate.holder, &id),
				"certificate missing from its holder's index"
			);
			let queued = ExpiryQueue::<T>::contains_key(certificate.expires_on, &id);
			ensure!(
				queued == Self::is_live(certificate.status),
				"expiry index disagrees with the status"
			);
			let history = History::<T>::get(&id);
			ensure!(
				history.last().map(|e| e.to) == Some(certificate.status),
				"history ends elsewhere"
			);
			ensure!(
				!Pruned::<T>::contains_key(&id) || history.is_full(),
				"pruned history behind a history not full"
			);
		}
		for (holder, id) in CertificatesOf::<T>::iter_keys() {
			ensure!(
				Self::certificate(&id).is_some_and(|c| c.holder == holder),
				"holder index names a certificate not of that holder"
			);
		}
		for (day, id) in ExpiryQueue::<T>::iter_keys() {
			ensure!(cursor.is_some_and(|cursor| day >= cursor), "expiry queued before the cursor");
			ensure!(
				Self::certificate(&id).is_some_and(|c| c.expires_on == day),
				"expiry queued for another day"
			);
		}
		for id in History::<T>::iter_keys() {
			ensure!(
				Certificates::<T>::contains_key(id.country, &id.number),
				"history of no certificate"
			);
		}
		for id in PlannedEnds::<T>::iter_keys() {
			ensure!(
				Self::certificate(&id).is_some_and(|c| c.status == CertificateStatus::Suspended),
				"a planned end of a certificate not suspended"
			);
		}
		Ok(())
	}
}
