//! Weights measured by `scripts/benchmark.sh` (frame-benchmarking), one module
//! per benchmarked pallet. Regenerate them after changing a pallet's calls.

pub mod pallet_aeo_certificates;
pub mod pallet_consortium;
pub mod pallet_mra;
pub mod pallet_tin_registry;
