//! Weights for `pallet_confidential`, counted: storage reads and writes at
//! the database's measured cost (`paritydb_weights`), and the computation
//! at the TIN registry's measured base for a call of its size. Each item
//! names what it counts. A reader's entitlement ([`KEY_OF_READS`]) is
//! counted at its worst: the member, the trader's consent, and the MRA
//! pallet's index of directions in force.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The most storage reads one entitlement check makes: the member (or the
/// linked account and its key), the trader's record, the MRA pallet's
/// `InForceDirections`.
pub const KEY_OF_READS: u64 = 3;

/// Computation of a call, before storage: the TIN registry's measured
/// `register` base.
const BASE: u64 = 50_000_000;
/// Computation per wrap: decoding, comparing, encoding 112 bytes.
const PER_WRAP: u64 = 2_000_000;

/// Weight functions for `pallet_confidential`.
pub struct WeightInfo<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_confidential::WeightInfo for WeightInfo<T> {
	/// Officers, ActiveMembers, Traders, Records (r:4 w:1); ReadersOf
	/// (r:1 w:1); per wrap: entitlement, Revoking (r:KEY_OF_READS+1), Wraps
	/// (w:1). Removing the old version's wraps is `remove_wrap` each.
	fn seal(r: u32) -> Weight {
		Weight::from_parts(BASE, 6_000)
			.saturating_add(T::DbWeight::get().reads_writes(5, 2))
			.saturating_add(
				Weight::from_parts(PER_WRAP, 3_000)
					.saturating_add(T::DbWeight::get().reads_writes(KEY_OF_READS + 1, 1))
					.saturating_mul(r.into()),
			)
	}
	/// Officers, ActiveMembers, Records (r:3); ReadersOf (r:1 w:1); per
	/// wrap as in `seal`.
	fn add_wraps(r: u32) -> Weight {
		Weight::from_parts(BASE, 6_000)
			.saturating_add(T::DbWeight::get().reads_writes(4, 1))
			.saturating_add(
				Weight::from_parts(PER_WRAP, 3_000)
					.saturating_add(T::DbWeight::get().reads_writes(KEY_OF_READS + 1, 1))
					.saturating_mul(r.into()),
			)
	}
	/// Wraps (w:1), ReadersOf (r:1 w:1).
	fn remove_wrap() -> Weight {
		Weight::from_parts(PER_WRAP, 3_000).saturating_add(T::DbWeight::get().reads_writes(1, 2))
	}
	/// ReadersOf (r:1 w:1); per reader: entitlement, Wraps (r:KEY_OF_READS+1 w:1).
	fn revoke_unentitled(r: u32) -> Weight {
		Weight::from_parts(PER_WRAP, 3_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
			.saturating_add(
				Weight::from_parts(PER_WRAP, 3_000)
					.saturating_add(T::DbWeight::get().reads_writes(KEY_OF_READS + 1, 1))
					.saturating_mul(r.into()),
			)
	}
	/// Revoking (w:1), and the event.
	fn revoke_pair() -> Weight {
		Weight::from_parts(PER_WRAP, 1_000).saturating_add(T::DbWeight::get().writes(1))
	}
}
