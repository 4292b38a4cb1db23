//! Weights for `pallet_consortium`.
//!
//! The trait the runtime implements with measured weights
//! (`runtime/src/weights/pallet_consortium.rs`, written by
//! `scripts/benchmark.sh` from the benchmarks in `benchmarking.rs`), and an
//! implementation for tests.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_consortium`.
pub trait WeightInfo {
	fn admit_member() -> Weight;
	fn suspend_member() -> Weight;
	fn reinstate_member() -> Weight;
	fn retire_member() -> Weight;
	fn add_officer() -> Weight;
	fn set_roles() -> Weight;
	fn remove_officer() -> Weight;
	fn set_encryption_key() -> Weight;
	fn replace_admin() -> Weight;
	fn replace_validator() -> Weight;
	fn add_node() -> Weight;
	fn set_node_address() -> Weight;
	fn remove_node() -> Weight;
}

// For tests: the same order of magnitude as the measured weights.
impl WeightInfo for () {
	fn admit_member() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(72))
			.saturating_add(RocksDbWeight::get().writes(9))
	}
	fn suspend_member() -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(72))
			.saturating_add(RocksDbWeight::get().writes(6))
	}
	fn reinstate_member() -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(72))
			.saturating_add(RocksDbWeight::get().writes(6))
	}
	fn retire_member() -> Weight {
		Weight::from_parts(50_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(72))
			.saturating_add(RocksDbWeight::get().writes(6))
	}
	fn add_officer() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn set_roles() -> Weight {
		Weight::from_parts(18_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn remove_officer() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(4))
			.saturating_add(RocksDbWeight::get().writes(3))
	}
	fn set_encryption_key() -> Weight {
		Weight::from_parts(15_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(1))
	}
	fn replace_admin() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads(72))
			.saturating_add(RocksDbWeight::get().writes(9))
	}
	fn replace_validator() -> Weight {
		Weight::from_parts(20_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(5))
	}
	fn add_node() -> Weight {
		// With the Ed25519 check of the node key's signature.
		Weight::from_parts(80_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 2))
	}
	fn set_node_address() -> Weight {
		Weight::from_parts(75_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(3, 1))
	}
	fn remove_node() -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 2))
	}
}
