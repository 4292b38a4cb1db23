//! Benchmarks of every dispatchable and of the block hook, each in its worst
//! case: MRAs of `MAX_PARTIES` parties with full histories.

use super::*;
use alloc::vec;
use cadena_primitives::{AeoType, BenchmarkClock, Roles, ISO_3166_1_ALPHA_2};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;

/// 2026-03-01, 12:00 UTC: the time the benchmarks run at.
fn set_time<T: Config>() {
	T::BenchmarkHelper::set_time(20_513 * cadena_primitives::MILLIS_PER_DAY + 43_200_000);
}

/// `count` member countries, each with an Admin; the first is the proposer.
fn admins<T: Config>(count: u32) -> Vec<(CountryCode, T::AccountId)> {
	set_time::<T>();
	ISO_3166_1_ALPHA_2
		.iter()
		.take(count as usize)
		.enumerate()
		.map(|(i, c)| {
			let country = CountryCode(*c);
			(country, T::Consortium::make_officer(country, Roles::from(Role::Admin), i as u32))
		})
		.collect()
}

fn proposed<T: Config>(admins: &[(CountryCode, T::AccountId)], effective_on: Day) -> MraId {
	let id = NextMraId::<T>::get();
	Pallet::<T>::propose(
		RawOrigin::Signed(admins[0].1.clone()).into(),
		vec![b'n'; T::MaxNameLength::get() as usize],
		admins.iter().map(|(c, _)| *c).collect(),
		vec![AeoType::SecurityAndSafety, AeoType::CustomsSimplifications]
			.try_into()
			.expect("2 < 3"),
		None,
		effective_on,
		Vec::new(),
	)
	.expect("proposes");
	id
}

/// Signs by every admin but the last (and the proposer, who signed).
fn sign_all_but_last<T: Config>(id: MraId, admins: &[(CountryCode, T::AccountId)]) {
	for (_, admin) in &admins[1..admins.len() - 1] {
		Pallet::<T>::sign(RawOrigin::Signed(admin.clone()).into(), id, MotionKind::EnterIntoForce)
			.expect("signs");
	}
}

fn in_force<T: Config>(admins: &[(CountryCode, T::AccountId)]) -> MraId {
	let id = proposed::<T>(admins, Pallet::<T>::today());
	sign_all_but_last::<T>(id, admins);
	let last = admins.last().expect("two admins").1.clone();
	Pallet::<T>::sign(RawOrigin::Signed(last).into(), id, MotionKind::EnterIntoForce)
		.expect("signs");
	id
}

fn status<T: Config>(id: MraId) -> Option<MraStatus> {
	Mras::<T>::get(id).map(|m| m.terms.status)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn propose(p: Linear<2, MAX_PARTIES>) {
		let admins = admins::<T>(p);
		let parties: Vec<_> = admins.iter().map(|(c, _)| *c).collect();
		let name = vec![b'n'; T::MaxNameLength::get() as usize];
		let today = Pallet::<T>::today();
		let scope = vec![AeoType::Both].try_into().expect("1 < 3");

		#[extrinsic_call]
		_(RawOrigin::Signed(admins[0].1.clone()), name, parties, scope, None, today, Vec::new());

		assert_eq!(status::<T>(0), Some(MraStatus::Proposed));
	}

	/// The last signature: the MRA enters into force, with `MAX_PARTIES` parties.
	#[benchmark]
	fn sign() {
		let admins = admins::<T>(MAX_PARTIES);
		let id = proposed::<T>(&admins, Pallet::<T>::today());
		sign_all_but_last::<T>(id, &admins);
		let last = admins.last().expect("admins").1.clone();

		#[extrinsic_call]
		_(RawOrigin::Signed(last), id, MotionKind::EnterIntoForce);

		assert_eq!(status::<T>(id), Some(MraStatus::InForce));
	}

	/// The last signature of an MRA whose date has not come: every party's
	/// count of waiting MRAs goes up, and the MRA joins the waiting list.
	#[benchmark]
	fn sign_to_wait() {
		let admins = admins::<T>(MAX_PARTIES);
		let id = proposed::<T>(&admins, Pallet::<T>::today() + 1);
		sign_all_but_last::<T>(id, &admins);
		let last = admins.last().expect("admins").1.clone();

		#[extrinsic_call]
		sign(RawOrigin::Signed(last), id, MotionKind::EnterIntoForce);

		assert_eq!(Awaiting::<T>::get().len(), 1);
	}

	#[benchmark]
	fn suspend() {
		let admins = admins::<T>(MAX_PARTIES);
		let id = in_force::<T>(&admins);

		#[extrinsic_call]
		_(RawOrigin::Signed(admins[1].1.clone()), id);

		assert_eq!(status::<T>(id), Some(MraStatus::Suspended));
	}

	#[benchmark]
	fn resume() {
		let admins = admins::<T>(MAX_PARTIES);
		let id = in_force::<T>(&admins);
		Pallet::<T>::suspend(RawOrigin::Signed(admins[1].1.clone()).into(), id).expect("suspends");

		#[extrinsic_call]
		_(RawOrigin::Signed(admins[0].1.clone()), id);

		assert!(Mras::<T>::get(id).is_some_and(|m| m.motion.is_some()));
	}

	#[benchmark]
	fn propose_party() {
		let mut admins = admins::<T>(MAX_PARTIES);
		let newcomer = admins.pop().expect("admins").0;
		let id = in_force::<T>(&admins);

		#[extrinsic_call]
		_(RawOrigin::Signed(admins[0].1.clone()), id, newcomer, None);

		assert!(Mras::<T>::get(id).is_some_and(|m| m.motion.is_some()));
	}

	/// The worst case: an MRA signed by all and waiting for its date, so
	/// every party's waiting count goes down too.
	#[benchmark]
	fn terminate() {
		let admins = admins::<T>(MAX_PARTIES);
		let id = proposed::<T>(&admins, Pallet::<T>::today() + 1);
		sign_all_but_last::<T>(id, &admins);
		let last = admins.last().expect("admins").1.clone();
		Pallet::<T>::sign(RawOrigin::Signed(last).into(), id, MotionKind::EnterIntoForce)
			.expect("signs");
		assert_eq!(Awaiting::<T>::get().len(), 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(admins[1].1.clone()), id);

		assert_eq!(status::<T>(id), Some(MraStatus::Terminated));
	}

	/// `n` MRAs, signed by all, entering into force in one block, each between
	/// two administrations, as few as the per-party quota of waiting MRAs
	/// allows (two parties each is the worst case for a given number of
	/// places). Up to half the waiting list: the consortium's member bound
	/// leaves no room for more administrations; the weight is linear in `n`.
	#[benchmark]
	fn on_poll(n: Linear<0, { T::MaxAwaiting::get() / 2 }>) {
		let per_party = T::MaxAwaitingPerCountry::get().max(1);
		let mut count = (2 * n).div_ceil(per_party).max(2);
		count += count % 2;
		let admins = admins::<T>(count);
		let today = Pallet::<T>::today();
		let ids: Vec<_> = (0..n as usize)
			.map(|i| {
				let pair = [
					admins[(2 * i) % admins.len()].clone(),
					admins[(2 * i + 1) % admins.len()].clone(),
				];
				let id = proposed::<T>(&pair, today + 1);
				Pallet::<T>::sign(
					RawOrigin::Signed(pair[1].1.clone()).into(),
					id,
					MotionKind::EnterIntoForce,
				)
				.expect("signs");
				id
			})
			.collect();
		assert_eq!(Awaiting::<T>::get().len() as u32, n);

		// The hook is `enter_due(today)`: measured at the day they are due.
		#[block]
		{
			let _ = Pallet::<T>::enter_due(today + 1);
		}

		for id in ids {
			assert_eq!(status::<T>(id), Some(MraStatus::InForce));
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
