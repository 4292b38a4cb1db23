//! Benchmarks of every dispatchable and of the expiry hook, each in its worst
//! case: the longest ids and reasons, and full histories, so that each change
//! also prunes the oldest entry into the hash chain.

use super::*;
use alloc::vec;
use cadena_primitives::{AeoType, BenchmarkClock, OperatorRole, Roles, MILLIS_PER_DAY};
use frame_benchmarking::v2::*;
use frame_support::traits::Hooks;
use frame_system::RawOrigin;

const COUNTRY: CountryCode = CountryCode(*b"MX");
/// 2026-03-01: the time the benchmarks run at.
const TODAY: Day = 20_513;

fn set_today<T: Config>(day: Day) {
	T::BenchmarkHelper::set_time(day as u64 * MILLIS_PER_DAY + MILLIS_PER_DAY / 2);
}

fn officer<T: Config>(roles: &[Role]) -> T::AccountId {
	T::Consortium::make_officer(COUNTRY, Roles::from_roles(roles), 0)
}

fn holder<T: Config>(index: u32) -> Vec<u8> {
	let tin = alloc::format!("MX{index:0>15}").into_bytes();
	T::TinRegistry::register_for_benchmarks(&Tin::parse(&tin).expect("a TIN"));
	tin
}

fn number(index: u32) -> Vec<u8> {
	alloc::format!("{index:0>35}").into_bytes()
}

fn new_certificate<T: Config>(index: u32, holder: Vec<u8>) -> NewCertificate {
	NewCertificate {
		number: number(index),
		data: CertificateData {
			holder,
			aeo_type: AeoType::Both,
			roles: OperatorRole::ALL.to_vec().try_into().expect("eight roles"),
			authorized_on: TODAY - 365,
		},
		expires_on: TODAY + 3 * 365,
	}
}

fn longest_reason<T: Config>() -> Vec<u8> {
	vec![b'r'; T::MaxReasonLength::get() as usize]
}

/// A change's reason: the code alone. Its text's seal check is weighed
/// apart (`SealedReasons::sealable_version_weight`, added by the call's
/// weight when there is a text), so a change without one is not charged
/// for it; the history it joins is full of the longest texts.
fn no_text() -> Vec<u8> {
	Vec::new()
}

/// A granted certificate with a full history: the next change prunes.
fn granted<T: Config>(index: u32, approver: &T::AccountId) -> CertificateId {
	let holder = holder::<T>(index);
	Pallet::<T>::do_grant(approver, COUNTRY, new_certificate::<T>(index, holder)).expect("grants");
	let id = CertificateId::new(COUNTRY, &number(index)).expect("an id");
	let entry = History::<T>::get(&id)[0].clone();
	let full: Vec<_> = (0..T::MaxHistory::get())
		.map(|_| HistoryEntry {
			reason: Reason { code: 1, text: reason_of::<T>() },
			..entry.clone()
		})
		.collect();
	History::<T>::insert(&id, pallet::HistoryOf::<T>::try_from(full).expect("fits"));
	Pruned::<T>::insert(&id, PrunedHistory { count: 1, digest: [7; 32] });
	id
}

fn reason_of<T: Config>() -> BoundedVec<u8, T::MaxReasonLength> {
	longest_reason::<T>().try_into().expect("fits")
}

fn set_status<T: Config>(id: &CertificateId, status: CertificateStatus) {
	Certificates::<T>::mutate(id.country, &id.number, |c| {
		if let Some(c) = c {
			c.status = status;
		}
	});
	History::<T>::mutate(id, |h| {
		if let Some(last) = h.last_mut() {
			last.to = status;
		}
	});
	if status == CertificateStatus::Expired {
		let expires_on = Pallet::<T>::certificate(id).expect("granted").expires_on;
		ExpiryQueue::<T>::remove(expires_on, id);
	}
}

fn status<T: Config>(id: &CertificateId) -> Option<CertificateStatus> {
	Pallet::<T>::certificate(id).map(|c| c.status)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn grant() {
		set_today::<T>(TODAY);
		let approver = officer::<T>(&[Role::Approver]);
		let certificate = new_certificate::<T>(0, holder::<T>(0));

		#[extrinsic_call]
		_(RawOrigin::Signed(approver), certificate);

		assert!(
			Pallet::<T>::certificate(&CertificateId::new(COUNTRY, &number(0)).unwrap()).is_some()
		);
	}

	#[benchmark]
	fn grant_many(n: Linear<1, { T::MaxBatch::get() }>) {
		set_today::<T>(TODAY);
		let approver = officer::<T>(&[Role::Approver]);
		let certificates: Vec<_> =
			(0..n).map(|i| new_certificate::<T>(i, holder::<T>(i))).collect();
		let certificates: BoundedVec<_, T::MaxBatch> = certificates.try_into().expect("fits");

		#[extrinsic_call]
		_(RawOrigin::Signed(approver), certificates);

		assert_eq!(Certificates::<T>::iter_keys().count() as u32, n);
	}

	#[benchmark]
	fn amend() {
		set_today::<T>(TODAY);
		let approver = officer::<T>(&[Role::Registrar, Role::Approver]);
		let id = granted::<T>(0, &approver);
		// A new holder: both holder indexes change.
		let data = new_certificate::<T>(1, holder::<T>(1)).data;

		#[extrinsic_call]
		_(RawOrigin::Signed(approver), id.clone(), data, 1, no_text());

		assert_eq!(Pruned::<T>::get(&id).map(|p| p.count), Some(2));
	}

	#[benchmark]
	fn suspend() {
		set_today::<T>(TODAY);
		let approver = officer::<T>(&[Role::Approver]);
		let id = granted::<T>(0, &approver);

		#[extrinsic_call]
		_(RawOrigin::Signed(approver), id.clone(), 1, no_text());

		assert_eq!(status::<T>(&id), Some(CertificateStatus::Suspended));
	}

	#[benchmark]
	fn reinstate() {
		set_today::<T>(TODAY);
		let approver = officer::<T>(&[Role::Approver]);
		let id = granted::<T>(0, &approver);
		set_status::<T>(&id, CertificateStatus::Suspended);

		#[extrinsic_call]
		_(RawOrigin::Signed(approver), id.clone(), 1, no_text());

		assert_eq!(status::<T>(&id), Some(CertificateStatus::Active));
	}

	#[benchmark]
	fn revoke() {
		set_today::<T>(TODAY);
		let approver = officer::<T>(&[Role::Approver]);
		let id = granted::<T>(0, &approver);

		#[extrinsic_call]
		_(RawOrigin::Signed(approver), id.clone(), 1, no_text());

		assert_eq!(status::<T>(&id), Some(CertificateStatus::Revoked));
	}

	#[benchmark]
	fn renew() {
		set_today::<T>(TODAY);
		let approver = officer::<T>(&[Role::Approver]);
		let id = granted::<T>(0, &approver);

		#[extrinsic_call]
		_(RawOrigin::Signed(approver), id.clone(), TODAY + 5 * 365, 1, no_text());

		assert_eq!(Pallet::<T>::certificate(&id).map(|c| c.expires_on), Some(TODAY + 5 * 365));
	}

	/// `d` days looked at (`d - 1` of them empty), and `n` certificates
	/// expiring on the last, each with a full history.
	#[benchmark]
	fn on_poll(d: Linear<1, MAX_DAYS_PER_BLOCK>, n: Linear<0, { T::MaxExpiriesPerBlock::get() }>) {
		set_today::<T>(TODAY);
		let approver = officer::<T>(&[Role::Approver]);
		let ids: Vec<_> = (0..n).map(|i| granted::<T>(i, &approver)).collect();
		let due = TODAY + 3 * 365;
		ExpiryCursor::<T>::put(due + 1 - d);
		set_today::<T>(due);

		#[block]
		{
			Pallet::<T>::on_poll(1u32.into(), &mut frame_support::weights::WeightMeter::new());
		}

		for id in ids {
			assert_eq!(status::<T>(&id), Some(CertificateStatus::Expired));
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
