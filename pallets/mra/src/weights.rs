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
	/// `d` directions' benefit sets written (a proposal's, a new party's).
	fn store_benefits(d: u32) -> Weight;
	/// An amendment of a direction's benefits proposed.
	fn propose_benefits() -> Weight;
	/// A business-continuity event declared or ended.
	fn declare_continuity() -> Weight;
	/// A terminated MRA's amendments waiting for their day dropped.
	fn cancel_scheduled() -> Weight;
	/// The block hook: `n` amendments of benefits applied on their day.
	fn apply_due_benefits(n: u32) -> Weight;
}

/// The weights of the benefits' calls: not yet measured by
/// `scripts/benchmark.sh`, so bounded from above by the measured calls they
/// resemble (an amendment's proposal reads and writes what `resume` does,
/// plus its grants: a `propose_party`; an applied amendment is a write, a
/// history entry and an event) and by their storage accesses.
pub mod unmeasured {
	use frame_support::weights::{RuntimeDbWeight, Weight};

	/// Proof size of one benefit set at its largest (32 grants).
	const SET_PROOF: u64 = 1_900;

	pub fn store_benefits(db: RuntimeDbWeight, d: u32) -> Weight {
		Weight::from_parts(2_000_000, SET_PROOF)
			.saturating_add(db.writes(1))
			.saturating_mul(d.into())
	}
	pub fn propose_benefits(db: RuntimeDbWeight) -> Weight {
		Weight::from_parts(60_000_000, 12_000).saturating_add(db.reads_writes(8, 3))
	}
	pub fn declare_continuity(db: RuntimeDbWeight) -> Weight {
		Weight::from_parts(25_000_000, 3_000).saturating_add(db.reads_writes(4, 1))
	}
	pub fn cancel_scheduled(db: RuntimeDbWeight, max_awaiting: u32) -> Weight {
		// Every direction of the MRA may have one (240), and the list of days.
		Weight::from_parts(40_000_000, 240 * 120).saturating_add(
			db.reads_writes(240 + 2 * max_awaiting as u64 + 1, 240 + 2 * max_awaiting as u64 + 1),
		)
	}
	pub fn apply_due_benefits(db: RuntimeDbWeight, n: u32) -> Weight {
		Weight::from_parts(3_000_000, 2_000).saturating_add(db.reads(1)).saturating_add(
			Weight::from_parts(30_000_000, 4 * SET_PROOF)
				.saturating_add(db.reads_writes(6, 7))
				.saturating_mul(n.into()),
		)
	}
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
	fn store_benefits(d: u32) -> Weight {
		unmeasured::store_benefits(RocksDbWeight::get(), d)
	}
	fn propose_benefits() -> Weight {
		unmeasured::propose_benefits(RocksDbWeight::get())
	}
	fn declare_continuity() -> Weight {
		unmeasured::declare_continuity(RocksDbWeight::get())
	}
	fn cancel_scheduled() -> Weight {
		unmeasured::cancel_scheduled(RocksDbWeight::get(), 64)
	}
	fn apply_due_benefits(n: u32) -> Weight {
		unmeasured::apply_due_benefits(RocksDbWeight::get(), n)
	}
}
