//! # TIN registry pallet
//!
//! Trader Identification Numbers (WCO format: ISO 3166-1 alpha-2 country code
//! and 1 to 15 upper-case letters and digits) and their traders' records:
//! status and consent, in plain. A trader's name, address and contacts are
//! never here: its administration seals them (`pallet-confidential`), for
//! the readers the MRAs and the consent allow.
//!
//! - Only `Registrar`s of the TIN's country's administration register, update
//!   and close its TINs (roles come from the consortium, through
//!   [`cadena_primitives::Consortium`]).
//! - A trader's own account is linked to its TIN in two steps: the trader
//!   signs a request with its key ([`Pallet::link_request`]: bound to the
//!   chain's genesis, the account's link nonce and an expiry block, so each
//!   signature links once, on one chain, for a while), and a `Registrar` of
//!   its country submits it with [`Pallet::link_account`].
//! - Consent is the trader's own once it has a linked account: only that
//!   account changes it ([`Pallet::set_consent`]); a `Registrar` records it
//!   for a trader without one. Every change is a `ConsentChanged` event.
//! - A closed TIN's certificates are recognised by nobody (the recognition
//!   rule reads [`cadena_primitives::TinRegistry::is_active`]) and its
//!   accounts sign nothing; a `Registrar` of its country may reopen it.
//! - Other pallets ask through [`cadena_primitives::TinRegistry`].
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod migrations;

/// The target of the pallet's log lines.
pub const LOG_TARGET: &str = "runtime::tin-registry";
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use pallet::*;
pub use types::{TinStatus, TraderData, TraderRecord};
pub use weights::WeightInfo;

/// An X25519 public key (RFC 7748), to which confidential records are
/// wrapped for their reader.
pub type EncryptionKey = [u8; 32];

use alloc::vec::Vec;
use cadena_primitives::{
	Consortium, CountryCode, OnEntitlementEnded, PartnerId, PartnerIds, Role, Tin, TinError,
};
use codec::Encode;
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	pallet_prelude::DispatchError,
	traits::{Contains, Get, UnixTime},
	BoundedVec,
};
use sp_runtime::traits::{IdentifyAccount, Verify};

/// What benchmarks need from the runtime: traders' keys.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId, Signature> {
	/// The `index`th trader's account and its signature over the request to
	/// link it to `tin` ([`link_payload`]).
	fn link_request(tin: &Tin, index: u32) -> (AccountId, Signature);

	/// Registers `tin`, active, consenting.
	fn register(tin: &Tin);
}

/// The expiry benchmarks give link requests: never.
#[cfg(feature = "runtime-benchmarks")]
pub fn benchmark_valid_until<T: frame_system::Config>(
) -> frame_system::pallet_prelude::BlockNumberFor<T> {
	sp_runtime::traits::Bounded::max_value()
}

/// Benchmark helper for runtimes whose accounts are `AccountId32` and whose
/// signatures are `MultiSignature`: sr25519 keys made in the keystore.
#[cfg(feature = "runtime-benchmarks")]
pub struct Sr25519Traders<T>(core::marker::PhantomData<T>);

#[cfg(feature = "runtime-benchmarks")]
impl<T> BenchmarkHelper<sp_runtime::AccountId32, sp_runtime::MultiSignature> for Sr25519Traders<T>
where
	T: Config<AccountId = sp_runtime::AccountId32>,
{
	fn link_request(
		tin: &Tin,
		index: u32,
	) -> (sp_runtime::AccountId32, sp_runtime::MultiSignature) {
		let seed = alloc::format!("//trader{index}").into_bytes();
		let key = sp_io::crypto::sr25519_generate(sp_core::crypto::key_types::ACCOUNT, Some(seed));
		let account = sp_runtime::AccountId32::from(key);
		let signature = sp_io::crypto::sr25519_sign(
			sp_core::crypto::key_types::ACCOUNT,
			&key,
			&Pallet::<T>::link_request(tin, &account, benchmark_valid_until::<T>()),
		)
		.expect("the key was just made");
		(account, signature.into())
	}

	fn register(tin: &Tin) {
		let who: sp_runtime::AccountId32 = frame_benchmarking::account("registrar", 0, 0);
		let record = Pallet::<T>::record(TraderData { consent: true }, TinStatus::Active, &who);
		Traders::<T>::insert(tin, record);
	}
}

/// The bytes a trader signs to ask for `account` to be linked to `tin` on the
/// chain whose genesis hash is `genesis`: usable while the account's link
/// nonce is `nonce` (each link spends one) and until block `valid_until`.
pub fn link_payload<Hash: Encode, AccountId: Encode, BlockNumber: Encode>(
	genesis: &Hash,
	tin: &Tin,
	account: &AccountId,
	nonce: u32,
	valid_until: BlockNumber,
) -> Vec<u8> {
	(b"cadena:link-account:v2", genesis, tin, account, nonce, valid_until).encode()
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// A trader's record as stored.
	pub type RecordOf<T> =
		TraderRecord<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, u64>;

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

		/// The time, for the records' "when".
		type Time: UnixTime;

		/// The signature a trader's key makes over [`link_payload`].
		type LinkSignature: Parameter + Verify<Signer: IdentifyAccount<AccountId = Self::AccountId>>;

		/// Most accounts linked to one TIN.
		#[pallet::constant]
		type MaxLinkedAccounts: Get<u32>;

		/// Told when fewer may read a TIN's confidential record (consent
		/// withdrawn, an account unlinked, a trader's key changed), so that
		/// their wraps go in the same call.
		type OnEntitlementEnded: OnEntitlementEnded;

		/// Weights of the dispatchables.
		type WeightInfo: WeightInfo;

		/// Traders' keys, for benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId, Self::LinkSignature>;
	}

	/// The traders' records, by TIN.
	#[pallet::storage]
	pub type Traders<T: Config> = StorageMap<_, Blake2_128Concat, Tin, RecordOf<T>>;

	/// The TIN each linked trader account belongs to.
	#[pallet::storage]
	pub type LinkedAccounts<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, Tin>;

	/// How many times each account has been linked: the nonce its next link
	/// request must carry. Kept after an unlink, so an old request never
	/// links it again.
	#[pallet::storage]
	pub type LinkNonces<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The X25519 public keys linked trader accounts publish, so that their
	/// administration's client can wrap the trader's confidential record
	/// for them (docs/rpc.md, "Envelopes"). Removed with the link.
	#[pallet::storage]
	pub type TraderKeys<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, EncryptionKey>;

	/// The accounts linked to each TIN.
	#[pallet::storage]
	pub type AccountsOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		Tin,
		BoundedVec<T::AccountId, T::MaxLinkedAccounts>,
		ValueQuery,
	>;

	/// The identifiers partners' systems key traders on, as each issuing
	/// administration recorded them: by the issuer's country, so one
	/// administration's records never answer for another's traders.
	#[pallet::storage]
	pub type PartnerIdIndex<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, CountryCode, Blake2_128Concat, PartnerId, Tin>;

	/// Each TIN's partner identifiers.
	#[pallet::storage]
	pub type PartnerIdsOf<T: Config> = StorageMap<_, Blake2_128Concat, Tin, PartnerIds, ValueQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A TIN was registered.
		TinRegistered { tin: Tin, by: T::AccountId },
		/// A TIN's record was updated.
		TinUpdated { tin: Tin, by: T::AccountId },
		/// A TIN was closed: its certificates are recognised by nobody.
		TinClosed { tin: Tin, by: T::AccountId },
		/// A closed TIN was reopened.
		TinReopened { tin: Tin, by: T::AccountId },
		/// A trader account was linked to a TIN.
		AccountLinked { tin: Tin, account: T::AccountId, by: T::AccountId },
		/// A trader account was unlinked from a TIN.
		AccountUnlinked { tin: Tin, account: T::AccountId, by: T::AccountId },
		/// The trader consented, or withdrew its consent, to share its data.
		ConsentChanged { tin: Tin, consent: bool, by: T::AccountId },
		/// A linked trader account published (or cleared) its encryption key.
		TraderKeySet { tin: Tin, account: T::AccountId, key: Option<EncryptionKey> },
		/// A TIN's partner identifiers are now `ids` (the ones before replaced).
		PartnerIdsSet { tin: Tin, ids: PartnerIds, by: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The TIN is empty.
		EmptyTin,
		/// The TIN has a country code and no national identifier.
		MissingNationalId,
		/// The TIN's national identifier is longer than 15 characters.
		TinTooLong,
		/// The TIN has lower-case letters.
		LowerCaseTin,
		/// The TIN has a character other than `A`–`Z` and `0`–`9`.
		InvalidTinCharacter,
		/// The TIN does not start with an ISO 3166-1 alpha-2 country code.
		UnknownTinCountry,
		/// The sender is not an officer of an active administration.
		NotOfficer,
		/// The sender does not hold the `Registrar` role.
		NotRegistrar,
		/// The TIN belongs to another country's administration.
		OtherCountry,
		/// The TIN is already registered.
		AlreadyRegistered,
		/// The TIN is not registered.
		UnknownTin,
		/// The TIN is closed.
		TinClosed,
		/// The trader's signature over the link request does not verify.
		BadLinkSignature,
		/// The account is already linked to a TIN.
		AlreadyLinked,
		/// The TIN already has `MaxLinkedAccounts` linked accounts.
		TooManyLinkedAccounts,
		/// The account is not linked to that TIN.
		NotLinked,
		/// The trader has a linked account: its consent is its own to change.
		ConsentIsTheTraders,
		/// The link request's `valid_until` block has passed.
		LinkRequestExpired,
		/// The TIN is not closed.
		NotClosed,
		/// The encryption key is of small order (all zeros among them): no
		/// usable X25519 public key.
		InvalidEncryptionKey,
		/// A partner identifier's scheme or value is empty, too long, or has
		/// characters other than `A`–`Z`, `0`–`9` (and `-`, `/`, `.` in a value).
		InvalidPartnerId,
		/// A partner identifier is named twice.
		DuplicatePartnerId,
		/// Another TIN of the country holds a partner identifier named.
		PartnerIdTaken,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// A `Registrar` of the TIN's country registers a TIN, with the consent
		/// the trader gave.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(origin: OriginFor<T>, tin: Vec<u8>, data: TraderData) -> DispatchResult {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			ensure!(!Traders::<T>::contains_key(&tin), Error::<T>::AlreadyRegistered);
			let record = Self::record(data, TinStatus::Active, &who);
			Traders::<T>::insert(&tin, record);
			Self::deposit_event(Event::TinRegistered { tin, by: who });
			Ok(())
		}

		/// A `Registrar` of the TIN's country records an active TIN's data
		/// anew: the consent of a trader without a linked account (once the
		/// trader has one, `data.consent` must be the consent it gave: only
		/// the trader changes it).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update().saturating_add(T::OnEntitlementEnded::tin_changed_weight()))]
		pub fn update(
			origin: OriginFor<T>,
			tin: Vec<u8>,
			data: TraderData,
		) -> DispatchResultWithPostInfo {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			let before = Self::active_record(&tin)?.consent;
			let consent = data.consent;
			if consent != before {
				ensure!(
					AccountsOf::<T>::decode_len(&tin).unwrap_or(0) == 0,
					Error::<T>::ConsentIsTheTraders
				);
			}
			let record = Self::record(data, TinStatus::Active, &who);
			Traders::<T>::insert(&tin, record);
			Self::deposit_event(Event::TinUpdated { tin: tin.clone(), by: who.clone() });
			if consent != before {
				Self::deposit_event(Event::ConsentChanged { tin: tin.clone(), consent, by: who });
				if !consent {
					T::OnEntitlementEnded::tin_changed(&tin);
					return Ok(().into());
				}
			}
			// Nobody's entitlement ended: the hook's weight is refunded.
			Ok(Some(T::WeightInfo::update()).into())
		}

		/// A `Registrar` of the TIN's country closes an active TIN. Its
		/// certificates stay as they are (their Approvers may still suspend,
		/// revoke, or move them to another TIN with `amend`), and nobody
		/// recognises them while it is closed; its linked accounts sign
		/// nothing.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, tin: Vec<u8>) -> DispatchResult {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			let mut record = Self::active_record(&tin)?;
			record.status = TinStatus::Closed;
			Self::stamp(&mut record, &who);
			Traders::<T>::insert(&tin, record);
			Self::deposit_event(Event::TinClosed { tin, by: who });
			Ok(())
		}

		/// A `Registrar` of the TIN's country links a trader's `account` to an
		/// active TIN, with the trader's `signature` over
		/// [`Pallet::link_request`]`(tin, account, valid_until)` made by that
		/// account's key: the trader asked, the administration approves. The
		/// request is spent: the account's link nonce moves on, so neither
		/// this Registrar nor another can link it again with it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::link_account())]
		pub fn link_account(
			origin: OriginFor<T>,
			tin: Vec<u8>,
			account: T::AccountId,
			valid_until: BlockNumberFor<T>,
			signature: T::LinkSignature,
		) -> DispatchResult {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			Self::active_record(&tin)?;
			ensure!(
				frame_system::Pallet::<T>::block_number() <= valid_until,
				Error::<T>::LinkRequestExpired
			);
			ensure!(
				signature.verify(&Self::link_request(&tin, &account, valid_until)[..], &account),
				Error::<T>::BadLinkSignature
			);
			ensure!(!LinkedAccounts::<T>::contains_key(&account), Error::<T>::AlreadyLinked);
			LinkNonces::<T>::mutate(&account, |nonce| *nonce = nonce.saturating_add(1));
			AccountsOf::<T>::try_mutate(&tin, |accounts| accounts.try_push(account.clone()))
				.map_err(|_| Error::<T>::TooManyLinkedAccounts)?;
			LinkedAccounts::<T>::insert(&account, tin.clone());
			// The trader signs its consent changes: its account must exist.
			frame_system::Pallet::<T>::inc_providers(&account);
			Self::deposit_event(Event::AccountLinked { tin, account, by: who });
			Ok(())
		}

		/// Unlinks `account` from its TIN: by a `Registrar` of the TIN's
		/// country, or by the linked account itself.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::unlink_account().saturating_add(T::OnEntitlementEnded::tin_changed_weight()))]
		pub fn unlink_account(origin: OriginFor<T>, account: T::AccountId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let tin = LinkedAccounts::<T>::get(&account).ok_or(Error::<T>::NotLinked)?;
			if who != account {
				Self::ensure_registrar_of(&who, &tin)?;
			}
			LinkedAccounts::<T>::remove(&account);
			TraderKeys::<T>::remove(&account);
			AccountsOf::<T>::mutate(&tin, |accounts| accounts.retain(|a| a != &account));
			let _ = frame_system::Pallet::<T>::dec_providers(&account);
			T::OnEntitlementEnded::tin_changed(&tin);
			Self::deposit_event(Event::AccountUnlinked { tin, account, by: who });
			Ok(())
		}

		/// A linked trader account gives (`true`) or withdraws (`false`) its
		/// consent to share its data with MRA partners.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_consent().saturating_add(T::OnEntitlementEnded::tin_changed_weight()))]
		pub fn set_consent(origin: OriginFor<T>, consent: bool) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let tin = LinkedAccounts::<T>::get(&who).ok_or(Error::<T>::NotLinked)?;
			let mut record = Self::active_record(&tin)?;
			record.consent = consent;
			Self::stamp(&mut record, &who);
			Traders::<T>::insert(&tin, record);
			if !consent {
				T::OnEntitlementEnded::tin_changed(&tin);
			}
			Self::deposit_event(Event::ConsentChanged { tin, consent, by: who });
			Ok(())
		}

		/// A `Registrar` of the TIN's country reopens a closed TIN (closed
		/// by mistake, or the trader resumed business): its certificates
		/// are recognised again as their own status has it.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::reopen())]
		pub fn reopen(origin: OriginFor<T>, tin: Vec<u8>) -> DispatchResult {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			let mut record = Traders::<T>::get(&tin).ok_or(Error::<T>::UnknownTin)?;
			ensure!(record.status == TinStatus::Closed, Error::<T>::NotClosed);
			record.status = TinStatus::Active;
			Self::stamp(&mut record, &who);
			Traders::<T>::insert(&tin, record);
			Self::deposit_event(Event::TinReopened { tin, by: who });
			Ok(())
		}

		/// A linked trader account publishes (`Some`) or clears (`None`) its
		/// X25519 public encryption key, separate from its signing key: with
		/// it, the trader reads its own confidential record. Unlinking the
		/// account removes it.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_encryption_key().saturating_add(T::OnEntitlementEnded::tin_changed_weight()))]
		pub fn set_encryption_key(
			origin: OriginFor<T>,
			key: Option<EncryptionKey>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let tin = LinkedAccounts::<T>::get(&who).ok_or(Error::<T>::NotLinked)?;
			match key {
				Some(key) => {
					ensure!(
						cadena_primitives::is_usable_x25519(&key),
						Error::<T>::InvalidEncryptionKey
					);
					TraderKeys::<T>::insert(&who, key);
				}
				None => TraderKeys::<T>::remove(&who),
			}
			// A wrap made for the old key is of no use to the new one.
			T::OnEntitlementEnded::tin_changed(&tin);
			Self::deposit_event(Event::TraderKeySet { tin, account: who, key });
			Ok(())
		}

		/// A `Registrar` of the TIN's country records the identifiers
		/// partners' systems key the trader on (`MID` `MXAAAMAN1234GUA`), in
		/// place of those it had: up to four, each once, none held by another
		/// of the country's TINs. Lookups name the recording country, so a
		/// country's records answer only for its own traders.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::set_partner_ids())]
		pub fn set_partner_ids(
			origin: OriginFor<T>,
			tin: Vec<u8>,
			ids: PartnerIds,
		) -> DispatchResult {
			let (who, tin) = Self::ensure_registrar(origin, &tin)?;
			ensure!(Traders::<T>::contains_key(&tin), Error::<T>::UnknownTin);
			let mut sorted = ids.to_vec();
			for id in &sorted {
				ensure!(id.check().is_ok(), Error::<T>::InvalidPartnerId);
				let holder = PartnerIdIndex::<T>::get(tin.country, id);
				ensure!(holder.is_none_or(|h| h == tin), Error::<T>::PartnerIdTaken);
			}
			sorted.sort();
			ensure!(sorted.windows(2).all(|w| w[0] != w[1]), Error::<T>::DuplicatePartnerId);
			for old in PartnerIdsOf::<T>::take(&tin) {
				PartnerIdIndex::<T>::remove(tin.country, old);
			}
			for id in ids.iter() {
				PartnerIdIndex::<T>::insert(tin.country, id, &tin);
			}
			if !ids.is_empty() {
				PartnerIdsOf::<T>::insert(&tin, &ids);
			}
			Self::deposit_event(Event::PartnerIdsSet { tin, ids, by: who });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The bytes `account`'s key signs to ask for it to be linked to `tin` on
	/// this chain, until block `valid_until` ([`link_payload`] with this
	/// chain's genesis hash and the account's link nonce).
	pub fn link_request(
		tin: &Tin,
		account: &T::AccountId,
		valid_until: frame_system::pallet_prelude::BlockNumberFor<T>,
	) -> Vec<u8> {
		let genesis = frame_system::Pallet::<T>::block_hash(
			frame_system::pallet_prelude::BlockNumberFor::<T>::default(),
		);
		link_payload(&genesis, tin, account, LinkNonces::<T>::get(account), valid_until)
	}

	/// Parses a TIN, with a typed error naming the fault.
	pub fn parse_tin(tin: &[u8]) -> Result<Tin, Error<T>> {
		Tin::parse(tin).map_err(|e| match e {
			TinError::Empty => Error::<T>::EmptyTin,
			TinError::MissingNationalId => Error::<T>::MissingNationalId,
			TinError::TooLong => Error::<T>::TinTooLong,
			TinError::LowerCase => Error::<T>::LowerCaseTin,
			TinError::InvalidCharacter => Error::<T>::InvalidTinCharacter,
			TinError::UnknownCountry => Error::<T>::UnknownTinCountry,
		})
	}

	/// The signer and the parsed TIN, if the signer is a `Registrar` of its country.
	fn ensure_registrar(
		origin: frame_system::pallet_prelude::OriginFor<T>,
		tin: &[u8],
	) -> Result<(T::AccountId, Tin), DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let tin = Self::parse_tin(tin)?;
		Self::ensure_registrar_of(&who, &tin)?;
		Ok((who, tin))
	}

	fn ensure_registrar_of(who: &T::AccountId, tin: &Tin) -> Result<(), Error<T>> {
		let officer = T::Consortium::officer(who).ok_or(Error::<T>::NotOfficer)?;
		ensure!(officer.roles.contains(Role::Registrar), Error::<T>::NotRegistrar);
		ensure!(officer.country == tin.country, Error::<T>::OtherCountry);
		Ok(())
	}

	fn active_record(tin: &Tin) -> Result<pallet::RecordOf<T>, Error<T>> {
		let record = Traders::<T>::get(tin).ok_or(Error::<T>::UnknownTin)?;
		ensure!(record.status == TinStatus::Active, Error::<T>::TinClosed);
		Ok(record)
	}

	fn stamp(record: &mut pallet::RecordOf<T>, who: &T::AccountId) {
		record.changed_by = who.clone();
		record.changed_at_block = frame_system::Pallet::<T>::block_number();
		record.changed_at = T::Time::now().as_millis() as u64;
	}

	/// Checks and bounds submitted data into a record.
	fn record(data: TraderData, status: TinStatus, who: &T::AccountId) -> pallet::RecordOf<T> {
		let mut record = TraderRecord {
			status,
			consent: data.consent,
			changed_by: who.clone(),
			changed_at_block: Default::default(),
			changed_at: 0,
		};
		Self::stamp(&mut record, who);
		record
	}

	/// The TIN `issuer` recorded `id` for, if any.
	pub fn tin_of_partner(issuer: CountryCode, id: &PartnerId) -> Option<Tin> {
		PartnerIdIndex::<T>::get(issuer, id)
	}

	/// The registry's invariants: the two link indexes agree, and so do
	/// the two partner identifier indexes.
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		for (tin, ids) in PartnerIdsOf::<T>::iter() {
			ensure!(!ids.is_empty(), "an empty list of partner identifiers kept");
			ensure!(Traders::<T>::contains_key(&tin), "partner identifiers of an unknown TIN");
			for id in ids {
				let holder = PartnerIdIndex::<T>::get(tin.country, &id);
				ensure!(holder.as_ref() == Some(&tin), "a partner identifier out of its index");
			}
		}
		for (country, id, tin) in PartnerIdIndex::<T>::iter() {
			ensure!(tin.country == country, "a partner identifier under another country");
			ensure!(PartnerIdsOf::<T>::get(&tin).contains(&id), "an indexed identifier not held");
		}
		for (account, tin) in LinkedAccounts::<T>::iter() {
			ensure!(AccountsOf::<T>::get(&tin).contains(&account), "link missing from AccountsOf");
			ensure!(Traders::<T>::contains_key(&tin), "account linked to an unknown TIN");
		}
		for (account, _) in TraderKeys::<T>::iter() {
			ensure!(LinkedAccounts::<T>::contains_key(&account), "a key of an unlinked account");
		}
		for (tin, accounts) in AccountsOf::<T>::iter() {
			for account in accounts {
				ensure!(
					LinkedAccounts::<T>::get(&account).as_ref() == Some(&tin),
					"AccountsOf holds an unlinked account"
				);
			}
		}
		Ok(())
	}
}

impl<T: Config> cadena_primitives::TinRegistry<T::AccountId> for Pallet<T> {
	fn is_registered(tin: &Tin) -> bool {
		Traders::<T>::contains_key(tin)
	}

	fn is_active(tin: &Tin) -> bool {
		Traders::<T>::get(tin).is_some_and(|r| r.status == TinStatus::Active)
	}

	fn consents(tin: &Tin) -> bool {
		Traders::<T>::get(tin).is_some_and(|r| r.consent)
	}

	fn linked_tin(who: &T::AccountId) -> Option<Tin> {
		LinkedAccounts::<T>::get(who)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmarks(tin: &Tin) {
		<T::BenchmarkHelper as BenchmarkHelper<T::AccountId, T::LinkSignature>>::register(tin)
	}
}

/// Accounts linked to an active TIN may sign transactions (their consent
/// changes): the runtime adds them to the consortium's permitted signers. A
/// closed TIN's accounts sign nothing.
impl<T: Config> Contains<T::AccountId> for Pallet<T> {
	fn contains(who: &T::AccountId) -> bool {
		LinkedAccounts::<T>::get(who)
			.is_some_and(|tin| <Self as cadena_primitives::TinRegistry<_>>::is_active(&tin))
	}
}
