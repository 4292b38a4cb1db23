//! The pallets whose weights the runtime benchmarks.

frame_benchmarking::define_benchmarks!(
	[pallet_consortium, Consortium]
	[pallet_tin_registry, TinRegistry]
	[pallet_aeo_certificates, AeoCertificates]
	[pallet_mra, Mra]
	[pallet_confidential, Confidential]
	[pallet_utility, Utility]
);
