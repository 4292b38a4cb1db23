//! Who may read a trader's confidential record, answered from the state
//! the other pallets keep (docs/decisions.md, "Confidential trader data"):
//! the issuing administration; a partner that recognises the issuer's
//! certificates under an MRA in force, while the trader consents; the
//! trader's linked accounts. A partner reads while it is an active member;
//! the issuer reads its own records whatever its status (they are its own
//! register: suspending it must not make them unreadable to everyone); and
//! everyone with the encryption key it published. `pallet-confidential`
//! asks it before it takes a wrap and before it shows one, and
//! [`ConfidentialReaders`] removes the wraps of those whose entitlement the
//! other pallets' calls end.

use crate::{AccountId, Confidential, Runtime};
use cadena_primitives::{
	CountryCode, MemberStatus, OnEntitlementEnded, Tin, TinRegistry as _, MAX_PARTIES,
};
use frame_support::{traits::Get, weights::Weight};
use pallet_confidential::{EncryptionKey, Reader, WeightInfo as _};

/// The runtime's answer to "may this reader read this record, with which
/// key".
pub struct Entitlement;

impl pallet_confidential::Entitlement<AccountId> for Entitlement {
	fn key_of(reader: &Reader<AccountId>, tin: &Tin) -> Option<EncryptionKey> {
		match reader {
			// The issuer-wide half first: a check of a reader still
			// entitled reads as much as one of a reader that is not (the
			// benchmarks of removals measure the latter).
			Reader::Administration(country) => Self::administration_key(*country, tin.country)
				.filter(|_| {
					*country == tin.country || pallet_tin_registry::Pallet::<Runtime>::consents(tin)
				}),
			Reader::Account(account) => {
				let linked = pallet_tin_registry::LinkedAccounts::<Runtime>::get(account)?;
				(linked == *tin)
					.then(|| pallet_tin_registry::TraderKeys::<Runtime>::get(account))
					.flatten()
			}
		}
	}

	fn administration_key(reader: CountryCode, issuer: CountryCode) -> Option<EncryptionKey> {
		let member = pallet_consortium::Members::<Runtime>::get(reader)?;
		let entitled = reader == issuer
			|| (member.status == MemberStatus::Active && recognises(issuer, reader));
		entitled.then_some(member.encryption_key).flatten()
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn entitle_for_benchmarks(
		tin: &Tin,
		count: u32,
	) -> alloc::vec::Vec<(Reader<AccountId>, EncryptionKey)> {
		use cadena_primitives::{Consortium as _, Role, Roles, ISO_3166_1_ALPHA_2};
		let key = |i: u32| {
			let mut key = [0x42; 32];
			key[..4].copy_from_slice(&i.to_le_bytes());
			key
		};
		let set_key = |country: CountryCode, key| {
			pallet_consortium::Members::<Runtime>::mutate(country, |member| {
				if let Some(member) = member {
					member.encryption_key = Some(key);
				}
			})
		};
		pallet_tin_registry::Traders::<Runtime>::mutate(tin, |record| {
			if let Some(record) = record {
				record.consent = true;
			}
		});
		set_key(tin.country, key(0));
		let mut readers = alloc::vec![(Reader::Administration(tin.country), key(0))];
		// Partners, as many as the consortium admits; then linked accounts.
		let most: u32 = <Runtime as pallet_consortium::Config>::MaxMembers::get();
		let room = most as usize - pallet_consortium::ActiveMembers::<Runtime>::get().len();
		let partners = ISO_3166_1_ALPHA_2
			.iter()
			.map(|code| CountryCode(*code))
			.filter(|c| !pallet_consortium::Members::<Runtime>::contains_key(c))
			.take(room.min(count as usize - 1));
		for (i, country) in partners.enumerate() {
			crate::Consortium::make_officer(country, Roles::from(Role::Admin), 1_000 + i as u32);
			set_key(country, key(readers.len() as u32));
			pallet_mra::InForceDirections::<Runtime>::insert(tin.country, country, 1);
			readers.push((Reader::Administration(country), key(readers.len() as u32)));
		}
		let mut i = 0;
		while readers.len() < count as usize {
			let account: AccountId = frame_benchmarking::account("trader", i, 2);
			i += 1;
			pallet_tin_registry::AccountsOf::<Runtime>::try_mutate(tin, |accounts| {
				accounts.try_push(account.clone())
			})
			.expect("room for the accounts MaxReaders counts");
			pallet_tin_registry::LinkedAccounts::<Runtime>::insert(&account, tin.clone());
			pallet_tin_registry::TraderKeys::<Runtime>::insert(&account, key(readers.len() as u32));
			readers.push((Reader::Account(account), key(readers.len() as u32)));
		}
		readers
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn disentitle_for_benchmarks(tin: &Tin) {
		pallet_tin_registry::Traders::<Runtime>::mutate(tin, |record| {
			if let Some(record) = record {
				record.consent = false;
			}
		});
		for account in pallet_tin_registry::AccountsOf::<Runtime>::take(tin) {
			pallet_tin_registry::LinkedAccounts::<Runtime>::remove(&account);
			pallet_tin_registry::TraderKeys::<Runtime>::remove(&account);
		}
	}
}

/// Whether `reader` recognises `issuer`'s certificates under an MRA in
/// force (whatever their type: the record is the trader's, not one
/// certificate's): one read of the MRA pallet's index.
pub fn recognises(
	issuer: cadena_primitives::CountryCode,
	reader: cadena_primitives::CountryCode,
) -> bool {
	pallet_mra::Pallet::<Runtime>::recognises(issuer, reader)
}

type ConfidentialWeights = <Runtime as pallet_confidential::Config>::WeightInfo;
type DbWeight = <Runtime as frame_system::Config>::DbWeight;

/// What a share of one block's sweep costs.
fn removals() -> Weight {
	let per_block: u32 = <Runtime as pallet_confidential::Config>::SweepPerBlock::get();
	ConfidentialWeights::sweep_record().saturating_mul(per_block.into())
}

/// Removes the wraps of readers whose entitlement a call of the consortium,
/// the MRAs or the TIN registry ended, in that call.
pub struct ConfidentialReaders;

/// A reason's text is sealed under its holder's record's data key, while no
/// reader outside the entitlement may hold it.
impl cadena_primitives::SealedReasons for ConfidentialReaders {
	fn sealable_version(holder: &Tin) -> Option<u32> {
		Confidential::sealable_version(holder)
	}

	fn sealable_version_weight() -> Weight {
		// `SealedIn` and `IssuerEpoch`.
		DbWeight::get().reads(2)
	}
}

impl OnEntitlementEnded for ConfidentialReaders {
	fn tin_changed(tin: &Tin) {
		Confidential::revoke_unentitled(tin);
	}

	fn tin_changed_weight() -> Weight {
		let most: u32 = <Runtime as pallet_confidential::Config>::MaxReaders::get();
		ConfidentialWeights::revoke_unentitled(most)
	}

	fn directions_ended(directions: &[(CountryCode, CountryCode)]) {
		// A direction another MRA in force still carries stays readable.
		Confidential::revoke_issuers(
			directions
				.iter()
				.filter(|(issuer, reader)| !recognises(*issuer, *reader))
				.map(|(issuer, reader)| (Reader::Administration(*reader), *issuer)),
		);
	}

	fn directions_ended_weight() -> Weight {
		// Each direction: the index, and marking the pair.
		let most = (MAX_PARTIES * (MAX_PARTIES - 1)) as u64;
		DbWeight::get()
			.reads(1)
			.saturating_add(ConfidentialWeights::revoke_pair())
			.saturating_mul(most)
			.saturating_add(removals())
	}

	fn member_ended(country: CountryCode) {
		// Its own records stay its own, but are no key for new reasons.
		Confidential::end_epoch(country);
		// Every other issuer's records.
		let issuers: alloc::vec::Vec<CountryCode> =
			pallet_consortium::Members::<Runtime>::iter_keys().filter(|c| *c != country).collect();
		Confidential::revoke_issuers(
			issuers.into_iter().map(|issuer| (Reader::Administration(country), issuer)),
		);
	}

	fn member_key_changed(_country: CountryCode) {
		// Its old key may have leaked: no issuer's record sealed before is
		// a key for new reasons (its own records included).
		for issuer in pallet_consortium::Members::<Runtime>::iter_keys() {
			Confidential::end_epoch(issuer);
		}
	}

	fn member_key_changed_weight() -> Weight {
		let most = cadena_primitives::ISO_3166_1_ALPHA_2.len() as u64;
		DbWeight::get().reads_writes(2 * most, most)
	}

	fn member_ended_weight() -> Weight {
		// Members, retired ones too: at most one per ISO 3166-1 country;
		// and its own epoch.
		let most = cadena_primitives::ISO_3166_1_ALPHA_2.len() as u64;
		DbWeight::get()
			.reads(1)
			.saturating_add(ConfidentialWeights::revoke_pair())
			.saturating_mul(most)
			.saturating_add(removals())
			.saturating_add(DbWeight::get().reads_writes(1, 1))
	}
}
