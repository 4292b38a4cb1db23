//! Weights for `pallet_tin_registry`.
//!
//! Upper bounds from the storage each call touches (reads and writes at the
//! database weights) plus a computation allowance; `link_account` includes an
//! sr25519 signature check. To be replaced by measured weights
//! (`scripts/benchmark.sh`) once the pallet has its benchmarks.

#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weight functions needed for `pallet_tin_registry`.
pub trait WeightInfo {
	fn register() -> Weight;
	fn update() -> Weight;
	fn close() -> Weight;
	fn link_account() -> Weight;
	fn unlink_account() -> Weight;
	fn set_consent() -> Weight;
}

/// Weights for `pallet_tin_registry` at the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		Weight::from_parts(40_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(3, 1))
	}
	fn update() -> Weight {
		Weight::from_parts(40_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(3, 1))
	}
	fn close() -> Weight {
		Weight::from_parts(30_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(3, 1))
	}
	fn link_account() -> Weight {
		Weight::from_parts(90_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(6, 4))
	}
	fn unlink_account() -> Weight {
		Weight::from_parts(30_000_000, 4_000).saturating_add(T::DbWeight::get().reads_writes(5, 3))
	}
	fn set_consent() -> Weight {
		Weight::from_parts(25_000_000, 2_000).saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
}

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
}
