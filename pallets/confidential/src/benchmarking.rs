//! Benchmarks of every dispatchable and of the removals the runtime calls,
//! each in its worst case: the longest record, the most readers.

use super::*;
use alloc::vec;
use cadena_primitives::{Roles, Tin};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// Mexico's longest TIN (`Ñ` takes two bytes).
fn tin() -> Tin {
	let mut text = b"MX".to_vec();
	text.extend("Ñ".repeat(cadena_primitives::MAX_NATIONAL_ID as usize).bytes());
	Tin::parse(&text).expect("a TIN")
}

/// The `i`th of many long Mexican TINs (the first is [`tin`]).
fn numbered_tin(i: u32) -> Tin {
	let mut text = b"MX".to_vec();
	let digits = alloc::format!("{i:04}");
	text.extend("Ñ".repeat(cadena_primitives::MAX_NATIONAL_ID as usize - digits.len()).bytes());
	text.extend(digits.bytes());
	Tin::parse(&text).expect("a TIN")
}

/// A registered TIN, a Registrar of its country, and `readers` entitled.
fn setup<T: Config>(readers: u32) -> (T::AccountId, Tin, WrapsOf<T>) {
	let tin = tin();
	let who = T::Consortium::make_officer(tin.country, Roles::from(Role::Registrar), 0);
	T::TinRegistry::register_for_benchmarks(&tin);
	let wraps: Vec<_> = T::Entitlement::entitle_for_benchmarks(&tin, readers)
		.into_iter()
		.map(|(reader, key)| (reader, WrapEntry { key, wrap: [7; 80] }))
		.collect();
	(who, tin, wraps.try_into().expect("at most MaxReaders"))
}

fn sealed<T: Config>(version: u32) -> SealedOf<T> {
	let longest = vec![1; T::MaxCiphertext::get() as usize];
	Sealed { version, ciphertext: longest.try_into().expect("the longest") }
}

/// `tin` sealed, version 1, wrapped for every reader in `wraps`.
fn seal_with<T: Config>(who: &T::AccountId, tin: &Tin, wraps: WrapsOf<T>) {
	Pallet::<T>::seal(RawOrigin::Signed(who.clone()).into(), tin.to_bytes(), sealed::<T>(1), wraps)
		.expect("sealed");
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A first version wrapped for `r` readers.
	#[benchmark]
	fn seal(r: Linear<1, { T::MaxReaders::get() }>) {
		let (who, tin, wraps) = setup::<T>(r);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), tin.to_bytes(), sealed::<T>(1), wraps);
		assert_eq!(Wraps::<T>::get(tin.country, &tin).len() as u32, r);
	}

	/// `n` new records, each wrapped for as many administrations as may
	/// read it (each checked once), its longest.
	#[benchmark]
	fn seal_many(n: Linear<1, { T::MaxSealBatch::get() }>) {
		let (who, first, wraps) = setup::<T>(T::MaxReaders::get());
		let readers: Vec<BatchReader> = wraps
			.iter()
			.filter_map(|(reader, entry)| match reader {
				Reader::Administration(country) => {
					Some(BatchReader { country: *country, key: entry.key })
				}
				Reader::Account(_) => None,
			})
			.collect();
		let every: BoundedVec<PlacedWrap, T::MaxReaders> = (0..readers.len())
			.map(|place| PlacedWrap { place: place as u8, wrap: [7; 80] })
			.collect::<Vec<_>>()
			.try_into()
			.expect("at most MaxReaders");
		let tins: Vec<Tin> = (0..n)
			.map(|i| {
				if i == 0 {
					return first.clone();
				}
				let tin = numbered_tin(i);
				T::TinRegistry::register_for_benchmarks(&tin);
				T::Entitlement::entitle_for_benchmarks(&tin, 1);
				tin
			})
			.collect();
		let records: Vec<BatchRecordOf<T>> = tins
			.iter()
			.map(|tin| BatchRecord {
				tin: tin.to_bytes(),
				sealed: sealed::<T>(1),
				wraps: every.clone(),
			})
			.collect();
		let readers: BatchReadersOf<T> = readers.try_into().expect("at most MaxReaders");
		let records = records.try_into().expect("at most MaxSealBatch");
		#[extrinsic_call]
		_(RawOrigin::Signed(who), readers, records);
		let last = tins.last().expect("n is at least 1");
		assert_eq!(Wraps::<T>::get(last.country, last).len(), every.len());
	}

	/// `r` wraps added to a record wrapped for its issuer alone.
	#[benchmark]
	fn add_wraps(r: Linear<1, { T::MaxReaders::get() - 1 }>) {
		let (who, tin, mut wraps) = setup::<T>(r + 1);
		let issuer: WrapsOf<T> = vec![wraps.remove(0)].try_into().expect("one");
		seal_with::<T>(&who, &tin, issuer);
		#[extrinsic_call]
		_(RawOrigin::Signed(who), tin.to_bytes(), 1, wraps);
		assert_eq!(Wraps::<T>::get(tin.country, &tin).len() as u32, r + 1);
	}

	/// A revoked pair's sweep visiting a record with the most wraps, and
	/// removing one of them.
	#[benchmark]
	fn sweep_record() {
		let (who, tin, wraps) = setup::<T>(T::MaxReaders::get());
		let reader = wraps[1].0.clone();
		seal_with::<T>(&who, &tin, wraps);
		Revoking::<T>::insert(&reader, tin.country, SweepCursor::None);
		#[block]
		{
			Pallet::<T>::continue_revocations(1);
		}
		assert!(Pallet::<T>::stored_wrap(&reader, &tin).is_none());
		assert_eq!(Revoking::<T>::get(&reader, tin.country), Some(Some(tin)));
	}

	/// A record with `r` readers, all but its issuer no longer entitled.
	#[benchmark]
	fn revoke_unentitled(r: Linear<1, { T::MaxReaders::get() }>) {
		let (who, tin, wraps) = setup::<T>(r);
		seal_with::<T>(&who, &tin, wraps);
		T::Entitlement::disentitle_for_benchmarks(&tin);
		#[block]
		{
			Pallet::<T>::revoke_unentitled(&tin);
		}
		assert_eq!(Wraps::<T>::get(tin.country, &tin).len(), 1);
	}

	/// One pair marked revoked (and found to hold nothing).
	#[benchmark]
	fn revoke_pair() {
		let tin = tin();
		let reader = Reader::Administration(tin.country);
		#[block]
		{
			Pallet::<T>::revoke_issuers([(reader.clone(), tin.country)]);
		}
		assert!(!Revoking::<T>::contains_key(reader, tin.country));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
