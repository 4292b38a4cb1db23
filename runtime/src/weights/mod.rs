//! Weights measured by `scripts/benchmark.sh` (frame-benchmarking), one module
//! per benchmarked pallet. Regenerate them after changing a pallet's calls.
//! The database weights, `paritydb_weights`, are measured by
//! `cadena-node benchmark storage` on a populated state, and the base
//! weights of a block and of a transaction, `block_weights` and
//! `extrinsic_weights`, by `cadena-node benchmark overhead`
//! (docs/benchmarks.md).

pub mod block_weights;
pub mod extrinsic_weights;
pub mod pallet_aeo_certificates;
pub mod pallet_confidential;
pub mod pallet_consortium;
pub mod pallet_mra;
pub mod pallet_tin_registry;
pub mod paritydb_weights;
