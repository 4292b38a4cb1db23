//! Weights for `pallet_confidential`.
//!
//! The trait the runtime implements (`runtime/src/weights/pallet_confidential.rs`),
//! and an implementation for tests.

#![allow(missing_docs)]

use frame_support::weights::Weight;

/// Weight functions needed for `pallet_confidential`.
pub trait WeightInfo {
	/// `seal` with `r` wraps.
	fn seal(r: u32) -> Weight;
	/// `seal_many` of `n` records, each wrapped for as many administrations
	/// as may read it.
	fn seal_many(n: u32) -> Weight;
	/// `add_wraps` with `r` wraps.
	fn add_wraps(r: u32) -> Weight;
	/// A revoked pair's sweep visiting one record, the most wraps in it,
	/// and removing the pair's reader from them.
	fn sweep_record() -> Weight;
	/// `revoke_unentitled` over a record with `r` readers, all removed.
	fn revoke_unentitled(r: u32) -> Weight;
	/// Marking one (reader, issuer) pair revoked.
	fn revoke_pair() -> Weight;
}

// For tests: the same order of magnitude as the TIN registry's weights.
impl WeightInfo for () {
	fn seal(r: u32) -> Weight {
		Weight::from_parts(40_000_000, 4_000)
			.saturating_add(Weight::from_parts(10_000_000, 3_000).saturating_mul(r.into()))
	}
	fn seal_many(n: u32) -> Weight {
		Weight::from_parts(100_000_000, 4_000)
			.saturating_add(Weight::from_parts(40_000_000, 5_000).saturating_mul(n.into()))
	}
	fn add_wraps(r: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(Weight::from_parts(10_000_000, 3_000).saturating_mul(r.into()))
	}
	fn sweep_record() -> Weight {
		Weight::from_parts(10_000_000, 3_000)
	}
	fn revoke_unentitled(r: u32) -> Weight {
		Weight::from_parts(10_000_000, 3_000)
			.saturating_add(Weight::from_parts(10_000_000, 3_000).saturating_mul(r.into()))
	}
	fn revoke_pair() -> Weight {
		Weight::from_parts(10_000_000, 1_000)
	}
}
