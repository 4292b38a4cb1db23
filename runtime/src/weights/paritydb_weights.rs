//! THIS FILE WAS AUTO-GENERATED USING THE SUBSTRATE BENCHMARK CLI VERSION 64.0.0
//! DATE: 2026-11-25 (Y/M/D)
//! HOSTNAME: `vm`, CPU: `AMD EPYC`
//!
//! DATABASE: `ParityDb`, RUNTIME: `CADENA Development`
//! BLOCK-NUM: `Number(268)`
//! SKIP-WRITE: `false`, SKIP-READ: `false`, WARMUPS: `1`
//! STATE-VERSION: `V1`, STATE-CACHE-SIZE: ``
//! WEIGHT-PATH: `runtime/src/weights/`
//! METRIC: `Average`, WEIGHT-MUL: `1.25`, WEIGHT-ADD: `0`

// Executed Command:
//   /root/.cache/cadena/bench-target/release/cadena-node
//   benchmark
//   storage
//   --chain
//   dev
//   --base-path
//   <a dev node holding 100,000 imported certificates: scripts/bench-import.sh>
//   --database
//   paritydb
//   --state-version
//   1
//   --mul
//   1.25
//   --weight-path
//   runtime/src/weights/

/// Storage DB weights for the `CADENA Development` runtime and `ParityDb`.
pub mod constants {
	use frame_support::weights::constants;
	use frame_support::weights::RuntimeDbWeight;
	use sp_core::parameter_types;

	parameter_types! {
		/// ParityDB, which `cadena-node` stores its state in, measured on a state of 100,000
		/// certificates and their traders (docs/benchmarks.md).
		pub const ParityDbWeight: RuntimeDbWeight = RuntimeDbWeight {
			// Time to read one storage item.
			// Calculated by multiplying the *Average* of all values with `1.25` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 1_262, 30_486_051
			//   Average:  9_263
			//   Median:   7_922
			//   Std-Dev:  94235.4
			//
			// Percentiles nanoseconds:
			//   99th: 14_261
			//   95th: 11_508
			//   75th: 9_023
			read: 11_579 * constants::WEIGHT_REF_TIME_PER_NANOS,

			// Time to write one storage item.
			// Calculated by multiplying the *Average* of all values with `1.25` and adding `0`.
			//
			// Stats nanoseconds:
			//   Min, Max: 12_290, 13_375
			//   Average:  12_649
			//   Median:   12_355
			//   Std-Dev:  434.96
			//
			// Percentiles nanoseconds:
			//   99th: 13_375
			//   95th: 13_375
			//   75th: 12_930
			write: 15_812 * constants::WEIGHT_REF_TIME_PER_NANOS,
		};
	}

	#[cfg(test)]
	mod test_db_weights {
		use super::constants::ParityDbWeight as W;
		use frame_support::weights::constants;

		/// Checks that all weights exist and have sane values.
		// NOTE: If this test fails but you are sure that the generated values are fine,
		// you can delete it.
		#[test]
		fn bound() {
			// At least 1 µs.
			assert!(
				W::get().reads(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Read weight should be at least 1 µs."
			);
			assert!(
				W::get().writes(1).ref_time() >= constants::WEIGHT_REF_TIME_PER_MICROS,
				"Write weight should be at least 1 µs."
			);
			// At most 1 ms.
			assert!(
				W::get().reads(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Read weight should be at most 1 ms."
			);
			assert!(
				W::get().writes(1).ref_time() <= constants::WEIGHT_REF_TIME_PER_MILLIS,
				"Write weight should be at most 1 ms."
			);
		}
	}
}
