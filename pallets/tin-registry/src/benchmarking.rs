//! Benchmarks of every dispatchable, each in its worst case: the largest
//! record, and a TIN with all but one of its accounts linked.

use super::*;
use cadena_primitives::{CountryCode, Roles};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

const COUNTRY: CountryCode = CountryCode(*b"MX");

/// What a Registrar submits for `tin`: the same for every TIN.
pub(crate) fn largest_data<T: Config>(_tin: &Tin) -> TraderData {
	TraderData { consent: true }
}

/// The longest TIN in bytes: Mexico's `Ñ` takes two.
fn longest_tin() -> Vec<u8> {
	let mut tin = COUNTRY.0.to_vec();
	tin.extend("Ñ".repeat(cadena_primitives::MAX_NATIONAL_ID as usize).bytes());
	tin
}

fn registrar<T: Config>() -> T::AccountId {
	T::Consortium::make_officer(COUNTRY, Roles::from(Role::Registrar), 0)
}

/// A registered TIN with all but one of its `MaxLinkedAccounts` linked.
fn registered<T: Config>() -> (T::AccountId, Tin) {
	let who = registrar::<T>();
	let tin = Tin::parse(&longest_tin()).expect("a TIN");
	T::BenchmarkHelper::register(&tin);
	for i in 1..T::MaxLinkedAccounts::get() {
		let (account, _) = T::BenchmarkHelper::link_request(&tin, i);
		AccountsOf::<T>::try_mutate(&tin, |a| a.try_push(account.clone())).expect("room");
		LinkedAccounts::<T>::insert(&account, tin.clone());
	}
	(who, tin)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let who = registrar::<T>();
		let tin = longest_tin();
		let data = largest_data::<T>(&Tin::parse(&tin).expect("a TIN"));

		#[extrinsic_call]
		_(RawOrigin::Signed(who), tin.clone(), data);

		assert!(Traders::<T>::contains_key(Tin::parse(&tin).expect("a TIN")));
	}

	/// The longest path: the consent changes (a trader without a linked
	/// account), so the links are read and a second event is deposited.
	#[benchmark]
	fn update() {
		let who = registrar::<T>();
		let tin = Tin::parse(&longest_tin()).expect("a TIN");
		T::BenchmarkHelper::register(&tin);
		let mut data = largest_data::<T>(&tin);
		data.consent = false;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), tin.to_bytes(), data);

		assert_eq!(Traders::<T>::get(&tin).map(|r| (r.changed_by, r.consent)), Some((who, false)));
	}

	#[benchmark]
	fn close() {
		let (who, tin) = registered::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(who), tin.to_bytes());

		assert_eq!(Traders::<T>::get(&tin).map(|r| r.status), Some(TinStatus::Closed));
	}

	#[benchmark]
	fn reopen() {
		let (who, tin) = registered::<T>();
		Pallet::<T>::close(RawOrigin::Signed(who.clone()).into(), tin.to_bytes()).expect("closes");

		#[extrinsic_call]
		_(RawOrigin::Signed(who), tin.to_bytes());

		assert_eq!(Traders::<T>::get(&tin).map(|r| r.status), Some(TinStatus::Active));
	}

	#[benchmark]
	fn link_account() {
		let (who, tin) = registered::<T>();
		let (account, signature) = T::BenchmarkHelper::link_request(&tin, 0);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(who),
			tin.to_bytes(),
			account.clone(),
			crate::benchmark_valid_until::<T>(),
			signature,
		);

		assert_eq!(LinkedAccounts::<T>::get(&account), Some(tin));
	}

	#[benchmark]
	fn unlink_account() {
		let (who, tin) = registered::<T>();
		let (account, _) = T::BenchmarkHelper::link_request(&tin, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(who), account.clone());

		assert_eq!(LinkedAccounts::<T>::get(&account), None);
	}

	#[benchmark]
	fn set_consent() {
		let (_, tin) = registered::<T>();
		let (account, _) = T::BenchmarkHelper::link_request(&tin, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(account), false);

		assert_eq!(Traders::<T>::get(&tin).map(|r| r.consent), Some(false));
	}

	#[benchmark]
	fn set_encryption_key() {
		let (_, tin) = registered::<T>();
		let (account, _) = T::BenchmarkHelper::link_request(&tin, 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(account.clone()), Some([7u8; 32]));

		assert_eq!(TraderKeys::<T>::get(&account), Some([7u8; 32]));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
