//! Who may read a trader's confidential record, answered from the state
//! the other pallets keep (docs/decisions.md, "Confidential trader data"):
//! the issuing administration; a partner that recognises the issuer's
//! certificates under an MRA in force, while the trader consents; the
//! trader's linked accounts. An administration reads while it is an active
//! member, and everyone with the encryption key it published.
//! `pallet-confidential` asks it before it takes a wrap and before it shows
//! one.

use crate::{AccountId, Runtime};
use cadena_primitives::{MemberStatus, MraStatus, Tin, TinRegistry as _};
use pallet_confidential::{EncryptionKey, Reader};

/// The runtime's answer to "may this reader read this record, with which
/// key".
pub struct Entitlement;

impl pallet_confidential::Entitlement<AccountId> for Entitlement {
	fn key_of(reader: &Reader<AccountId>, tin: &Tin) -> Option<EncryptionKey> {
		match reader {
			Reader::Administration(country) => {
				let member = pallet_consortium::Members::<Runtime>::get(country)?;
				if member.status != MemberStatus::Active {
					return None;
				}
				let entitled = *country == tin.country
					|| (pallet_tin_registry::Pallet::<Runtime>::consents(tin)
						&& recognises(tin.country, *country));
				entitled.then_some(member.encryption_key).flatten()
			}
			Reader::Account(account) => {
				let linked = pallet_tin_registry::LinkedAccounts::<Runtime>::get(account)?;
				(linked == *tin)
					.then(|| pallet_tin_registry::TraderKeys::<Runtime>::get(account))
					.flatten()
			}
		}
	}
}

/// Whether `reader` recognises `issuer`'s certificates under an MRA in
/// force (whatever their type: the record is the trader's, not one
/// certificate's).
pub fn recognises(
	issuer: cadena_primitives::CountryCode,
	reader: cadena_primitives::CountryCode,
) -> bool {
	pallet_mra::Pallet::<Runtime>::mras_of(reader).into_iter().any(|(_, mra)| {
		mra.terms.status == MraStatus::InForce && mra.terms.directions.contains(&(issuer, reader))
	})
}
