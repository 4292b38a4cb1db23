//! Weights for `pallet_mra`.
//!
//! The trait the runtime implements with measured weights
//! (`runtime/src/weights/pallet_mra.rs`, written by `scripts/benchmark.sh`
//! from the benchmarks in `benchmarking.rs`), and an implementation for tests.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_mra`.
pub trait WeightInfo {
	fn propose(p: u32) -> Weight;
	/// The last signature, the MRA entering into force at once.
	fn sign() -> Weight;
	/// The last signature, the MRA waiting for its date.
	fn sign_to_wait() -> Weight;
	fn suspend() -> Weight;
	fn resume() -> Weight;
	fn propose_party() -> Weight;
	fn terminate() -> Weight;
	/// The block hook: `n` MRAs entering into force.
	fn on_poll(n: u32) -> Weight;
}

// For tests: the same order of magnitude as the measured weights.
impl WeightInfo for () {
	fn propose(p: u32) -> Weight {
		Weight::from_parts(40_000_000, 6_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 4))
			.saturating_add(RocksDbWeight::get().reads_writes(1, 1).saturating_mul(p.into()))
	}
	fn sign() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 5))
	}
	fn sign_to_wait() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(22, 21))
	}
	fn suspend() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 3))
	}
	fn resume() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 3))
	}
	fn propose_party() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 3))
	}
	fn terminate() -> Weight {
		Weight::from_parts(30_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 4))
	}
	fn on_poll(n: u32) -> Weight {
		Weight::from_parts(3_000_000, 2_000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(
				Weight::from_parts(20_000_000, 8_000)
					.saturating_add(RocksDbWeight::get().reads_writes(2, 3))
					.saturating_mul(n.into()),
			)
	}
}
