//! The pallets whose weights the runtime benchmarks.

frame_benchmarking::define_benchmarks!([pallet_consortium, Consortium]);
