//! Weights for `pallet_aeo_certificates`.
//!
//! The trait the runtime implements with measured weights
//! (`runtime/src/weights/pallet_aeo_certificates.rs`, written by
//! `scripts/benchmark.sh` from the benchmarks in `benchmarking.rs`), and an
//! implementation for tests.

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for `pallet_aeo_certificates`.
pub trait WeightInfo {
	fn grant() -> Weight;
	fn grant_many(n: u32) -> Weight;
	fn amend() -> Weight;
	fn suspend() -> Weight;
	fn reinstate() -> Weight;
	fn revoke() -> Weight;
	fn renew() -> Weight;
	/// The expiry hook: `d` days looked at, `n` certificates expired.
	fn on_poll(d: u32, n: u32) -> Weight;
}

// For tests: the same order of magnitude as the measured weights.
impl WeightInfo for () {
	fn grant() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(6, 4))
	}
	fn grant_many(n: u32) -> Weight {
		Weight::from_parts(10_000_000, 3_000).saturating_add(
			Weight::from_parts(35_000_000, 5_000)
				.saturating_add(RocksDbWeight::get().reads_writes(4, 4))
				.saturating_mul(n.into()),
		)
	}
	fn amend() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(7, 5))
	}
	fn suspend() -> Weight {
		Weight::from_parts(35_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 4))
	}
	fn reinstate() -> Weight {
		Weight::from_parts(35_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 4))
	}
	fn revoke() -> Weight {
		Weight::from_parts(35_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 5))
	}
	fn renew() -> Weight {
		Weight::from_parts(35_000_000, 8_000)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 6))
	}
	fn on_poll(d: u32, n: u32) -> Weight {
		Weight::from_parts(3_000_000, 1_500)
			.saturating_add(RocksDbWeight::get().reads_writes(2, 1))
			.saturating_add(
				Weight::from_parts(2_000_000, 2_500)
					.saturating_add(RocksDbWeight::get().reads(1))
					.saturating_mul(d.into()),
			)
			.saturating_add(
				Weight::from_parts(30_000_000, 8_000)
					.saturating_add(RocksDbWeight::get().reads_writes(3, 5))
					.saturating_mul(n.into()),
			)
	}
}
