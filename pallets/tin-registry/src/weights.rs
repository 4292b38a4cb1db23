//! Weights for `pallet_tin_registry`.
//!
//! The trait the runtime implements with measured weights
//! (`runtime/src/weights/pallet_tin_registry.rs`, written by
//! `scripts/benchmark.sh` from the benchmarks in `benchmarking.rs`), and an
//! implementation for tests.

#![allow(missing_docs)]

use frame_support::weights::Weight;

/// Weight functions needed for `pallet_tin_registry`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn update() -> Weight;
	fn close() -> Weight;
	fn link_account() -> Weight;
	fn unlink_account() -> Weight;
	fn set_consent() -> Weight;
	fn reopen() -> Weight;
	fn set_encryption_key() -> Weight;
	fn set_partner_ids() -> Weight;
}

/// `set_partner_ids`, until `scripts/benchmark.sh pallet_tin_registry`
/// measures it: bounded from above by its storage accesses (the officer,
/// the record, four identifiers' holders, the old list and its four
/// entries, the new list and its four entries) and a `register`'s compute.
pub fn set_partner_ids_unmeasured(db: frame_support::weights::RuntimeDbWeight) -> Weight {
	Weight::from_parts(60_000_000, 6_000).saturating_add(db.reads_writes(12, 9))
}

// For tests: the same order of magnitude as the measured weights.
impl WeightInfo for () {
	fn register() -> Weight {
		Weight::from_parts(40_000_000, 2_000)
	}
	fn update() -> Weight {
		Weight::from_parts(40_000_000, 2_000)
	}
	fn close() -> Weight {
		Weight::from_parts(30_000_000, 2_000)
	}
	fn link_account() -> Weight {
		Weight::from_parts(90_000_000, 4_000)
	}
	fn unlink_account() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
	}
	fn set_consent() -> Weight {
		Weight::from_parts(25_000_000, 2_000)
	}
	fn reopen() -> Weight {
		Weight::from_parts(30_000_000, 2_000)
	}
	fn set_encryption_key() -> Weight {
		Weight::from_parts(20_000_000, 2_000)
	}
	fn set_partner_ids() -> Weight {
		set_partner_ids_unmeasured(frame_support::weights::constants::RocksDbWeight::get())
	}
}
