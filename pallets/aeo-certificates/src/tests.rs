//! Tests of every dispatchable's success and errors, every refused origin,
//! every status pair, the expiry hook, the history's bound, and a property
//! test of the lifecycle.

use crate::mock::TinRegistry;
use crate::{mock::*, *};
use cadena_primitives::{AeoType, OperatorRole, MILLIS_PER_DAY};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::Hooks};
use pallet_tin_registry::TraderData;
use sp_core::Pair;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::DispatchError;
use CertificateStatus::*;

const HOLDER: &[u8] = b"MXAAA010101AAA";
const OTHER_HOLDER: &[u8] = b"MXBBB020202BBB";
const CR_HOLDER: &[u8] = b"CR3101123456";
const NUMBER: &[u8] = b"AEO-2026-000001";
const EXPIRES: Day = TODAY + 365;

fn origin(key: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(key))
}

/// 12:00 UTC of `day`.
fn noon(day: Day) -> u64 {
	day as u64 * MILLIS_PER_DAY + MILLIS_PER_DAY / 2
}

fn register_tin(registrar: Sr25519Keyring, tin: &[u8]) {
	let data = TraderData { consent: true };
	assert_ok!(TinRegistry::register(origin(registrar), tin.to_vec(), data));
}

/// Ferdie becomes a trader: its account linked to MX's first holder.
fn link_trader() {
	let request = TinRegistry::link_request(&tin(HOLDER), &account(Ferdie), 100);
	let signature = Ferdie.pair().sign(&request);
	assert_ok!(TinRegistry::link_account(
		origin(Alice),
		HOLDER.to_vec(),
		account(Ferdie),
		100,
		signature.into()
	));
}

/// Registers MX's two holders and CR's one.
pub(crate) fn setup() {
	register_tin(Alice, HOLDER);
	register_tin(Alice, OTHER_HOLDER);
	register_tin(Dave, CR_HOLDER);
	set_sealable(&tin(HOLDER), Some(1));
	set_sealable(&tin(OTHER_HOLDER), Some(1));
}

/// `text` in a sealed reason's shape, under version 1 of the holder's
/// record (the pallet checks the shape and the version, not the cipher).
fn sealed(text: &[u8]) -> Vec<u8> {
	sealed_under(1, text)
}

fn sealed_under(version: u32, text: &[u8]) -> Vec<u8> {
	let mut bytes = version.to_le_bytes().to_vec();
	bytes.extend_from_slice(&[0; 12]);
	bytes.extend_from_slice(text);
	bytes.extend_from_slice(&[0; 16]);
	bytes
}

fn roles(roles: &[OperatorRole]) -> cadena_primitives::OperatorRoles {
	roles.to_vec().try_into().unwrap()
}

fn data(holder: &[u8]) -> CertificateData {
	CertificateData {
		holder: holder.to_vec(),
		aeo_type: AeoType::SecurityAndSafety,
		roles: roles(&[OperatorRole::Exporter, OperatorRole::Importer]),
		authorized_on: TODAY - 10,
	}
}

fn new_certificate(number: &[u8]) -> NewCertificate {
	NewCertificate { number: number.to_vec(), data: data(HOLDER), expires_on: EXPIRES }
}

fn id(number: &[u8]) -> CertificateId {
	CertificateId::new(MX, number).unwrap()
}

fn tin(text: &[u8]) -> Tin {
	Tin::parse(text).unwrap()
}

pub(crate) fn grant(number: &[u8]) -> CertificateId {
	assert_ok!(AeoCertificates::grant(origin(Bob), new_certificate(number)));
	id(number)
}

fn status(id: &CertificateId) -> Option<CertificateStatus> {
	AeoCertificates::certificate(id).map(|c| c.status)
}

fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::AeoCertificates(e) => Some(e),
			_ => None,
		})
		.collect()
}

fn reason(code: u16, text: &[u8]) -> ReasonOf<Test> {
	Reason { code, text: text.to_vec().try_into().unwrap() }
}

/// Moves the clock to `now` and runs blocks until the expiry hook has
/// caught up with today.
fn catch_up(now: u64) -> u32 {
	let mut blocks = 0;
	next_block(now);
	blocks += 1;
	while ExpiryCursor::<Test>::get().is_some_and(|c| c <= AeoCertificates::today()) {
		next_block(now);
		blocks += 1;
		assert!(blocks < 1_000, "the expiry hook does not catch up");
	}
	blocks
}

#[test]
fn an_approver_grants_a_certificate() {
	run(|| {
		setup();
		let mut new = new_certificate(NUMBER);
		new.data.roles =
			roles(&[OperatorRole::Importer, OperatorRole::Exporter, OperatorRole::Importer]);
		assert_ok!(AeoCertificates::grant(origin(Bob), new));
		let id = id(NUMBER);
		let certificate = AeoCertificates::certificate(&id).unwrap();
		assert_eq!(certificate.holder, tin(HOLDER));
		assert_eq!(certificate.aeo_type, AeoType::SecurityAndSafety);
		assert_eq!(certificate.roles, roles(&[OperatorRole::Importer, OperatorRole::Exporter]));
		assert_eq!(certificate.authorized_on, TODAY - 10);
		assert_eq!(certificate.expires_on, EXPIRES);
		assert_eq!(certificate.status, Active);
		assert_eq!(certificate.status_since, START);
		assert!(CertificatesOf::<Test>::contains_key(tin(HOLDER), &id));
		assert!(ExpiryQueue::<Test>::contains_key(EXPIRES, &id));
		assert_eq!(ExpiryCursor::<Test>::get(), Some(TODAY));
		let history = History::<Test>::get(&id);
		assert_eq!(history.len(), 1);
		assert_eq!(history[0].action, Action::Grant);
		assert_eq!((history[0].from, history[0].to), (None, Active));
		assert_eq!(history[0].by, Some(account(Bob)));
		assert_eq!((history[0].block, history[0].at), (1, START));
		assert_eq!(
			events(),
			vec![Event::CertificateChanged {
				id,
				holder: tin(HOLDER),
				aeo_type: AeoType::SecurityAndSafety,
				action: Action::Grant,
				from: None,
				to: Active,
				expires_on: EXPIRES,
				reason: Reason::default(),
				by: Some(account(Bob)),
			}]
		);
	});
}

#[test]
fn only_an_approver_of_the_issuing_administration_grants() {
	run(|| {
		setup();
		link_trader();
		let refused = [
			(Alice, Error::<Test>::NotApprover),    // MX Registrar
			(Eve, Error::<Test>::NotApprover),      // MX Auditor
			(Ferdie, Error::<Test>::NotOfficer),    // a trader
			(Charlie, Error::<Test>::OtherCountry), // CR Approver, MX holder
		];
		for (key, error) in refused {
			assert_noop!(AeoCertificates::grant(origin(key), new_certificate(NUMBER)), error);
		}
		let (outsider, _) = sp_core::sr25519::Pair::generate();
		let outsider = RuntimeOrigin::signed(AccountId::from(outsider.public()));
		assert_noop!(
			AeoCertificates::grant(outsider, new_certificate(NUMBER)),
			Error::<Test>::NotOfficer
		);
		assert_noop!(
			AeoCertificates::grant(RuntimeOrigin::root(), new_certificate(NUMBER)),
			DispatchError::BadOrigin
		);
		suspend_administration(MX);
		assert_noop!(
			AeoCertificates::grant(origin(Bob), new_certificate(NUMBER)),
			Error::<Test>::NotOfficer
		);
	});
}

#[test]
fn bad_certificate_data_is_refused_with_the_fault() {
	run(|| {
		setup();
		let with_number = |number: &[u8]| new_certificate(number);
		let with_holder =
			|holder: &[u8]| NewCertificate { data: data(holder), ..new_certificate(NUMBER) };
		let cases: Vec<(NewCertificate, Error<Test>)> = vec![
			(with_number(b""), Error::<Test>::EmptyAuthorizationNumber),
			(with_number(&[b'1'; 36]), Error::<Test>::AuthorizationNumberTooLong),
			(with_number(b"aeo-1"), Error::<Test>::InvalidAuthorizationNumber),
			(with_number(b"AEO 1"), Error::<Test>::InvalidAuthorizationNumber),
			(with_holder(b""), Error::<Test>::EmptyTin),
			(with_holder(b"MX"), Error::<Test>::MissingNationalId),
			(with_holder(b"MX1234567890123456"), Error::<Test>::TinTooLong),
			(with_holder(b"mxAAA010101AAA"), Error::<Test>::LowerCaseTin),
			(with_holder(b"MX AAA010101"), Error::<Test>::InvalidTinCharacter),
			(with_holder(b"XXAAA010101AAA"), Error::<Test>::UnknownTinCountry),
			(with_holder(CR_HOLDER), Error::<Test>::OtherCountry),
			(with_holder(b"MXZZZ999999ZZZ"), Error::<Test>::UnknownHolder),
			(
				NewCertificate {
					data: CertificateData { roles: roles(&[]), ..data(HOLDER) },
					..new_certificate(NUMBER)
				},
				Error::<Test>::NoOperatorRoles,
			),
			(
				NewCertificate {
					data: CertificateData { authorized_on: TODAY + 1, ..data(HOLDER) },
					..new_certificate(NUMBER)
				},
				Error::<Test>::AuthorizedInFuture,
			),
			(
				NewCertificate { expires_on: TODAY, ..new_certificate(NUMBER) },
				Error::<Test>::ExpiryNotInFuture,
			),
			(
				NewCertificate { expires_on: 0, ..new_certificate(NUMBER) },
				Error::<Test>::ExpiryNotInFuture,
			),
		];
		for (certificate, error) in cases {
			assert_noop!(AeoCertificates::grant(origin(Bob), certificate), error);
		}
		assert_ok!(TinRegistry::close(origin(Alice), OTHER_HOLDER.to_vec()));
		assert_noop!(
			AeoCertificates::grant(origin(Bob), with_holder(OTHER_HOLDER)),
			Error::<Test>::HolderClosed
		);
		grant(NUMBER);
		assert_noop!(
			AeoCertificates::grant(origin(Bob), new_certificate(NUMBER)),
			Error::<Test>::AlreadyGranted
		);
		// The same number in another country is another certificate.
		let cr = NewCertificate { data: data(CR_HOLDER), ..new_certificate(NUMBER) };
		assert_ok!(AeoCertificates::grant(origin(Charlie), cr));
	});
}

#[test]
fn a_batch_grants_all_or_nothing() {
	run(|| {
		setup();
		let batch: Vec<_> =
			(0..100u32).map(|i| new_certificate(format!("AEO-{i:04}").as_bytes())).collect();
		assert_ok!(AeoCertificates::grant_many(origin(Bob), batch.try_into().unwrap()));
		assert_eq!(Certificates::<Test>::iter().count(), 100);
		assert_eq!(CertificatesOf::<Test>::iter_prefix(tin(HOLDER)).count(), 100);
		assert_eq!(events().len(), 100);

		// One bad certificate, last: nothing of the batch is written.
		let mut batch: Vec<_> =
			(0..10u32).map(|i| new_certificate(format!("NEW-{i:04}").as_bytes())).collect();
		batch.push(NewCertificate { data: data(b"MXZZZ999999ZZZ"), ..new_certificate(b"NEW-BAD") });
		assert_noop!(
			AeoCertificates::grant_many(origin(Bob), batch.try_into().unwrap()),
			Error::<Test>::UnknownHolder
		);
		// A number twice in one batch.
		let batch = vec![new_certificate(b"TWICE"), new_certificate(b"TWICE")];
		assert_noop!(
			AeoCertificates::grant_many(origin(Bob), batch.try_into().unwrap()),
			Error::<Test>::AlreadyGranted
		);
		assert_noop!(
			AeoCertificates::grant_many(origin(Bob), Default::default()),
			Error::<Test>::EmptyBatch
		);
		let batch = vec![new_certificate(b"BY-A-REGISTRAR")];
		assert_noop!(
			AeoCertificates::grant_many(origin(Alice), batch.try_into().unwrap()),
			Error::<Test>::NotApprover
		);
	});
}

#[test]
fn registrars_and_approvers_amend_data() {
	run(|| {
		setup();
		let id = grant(NUMBER);
		let amended = CertificateData {
			holder: OTHER_HOLDER.to_vec(),
			aeo_type: AeoType::Both,
			roles: roles(&[OperatorRole::Carrier]),
			authorized_on: TODAY - 20,
		};
		System::reset_events();
		assert_ok!(AeoCertificates::amend(
			origin(Alice),
			id.clone(),
			amended,
			7,
			sealed(b"merger")
		));
		let certificate = AeoCertificates::certificate(&id).unwrap();
		assert_eq!(certificate.holder, tin(OTHER_HOLDER));
		assert_eq!(certificate.aeo_type, AeoType::Both);
		assert_eq!(certificate.roles, roles(&[OperatorRole::Carrier]));
		assert_eq!(certificate.status, Active);
		assert!(!CertificatesOf::<Test>::contains_key(tin(HOLDER), &id));
		assert!(CertificatesOf::<Test>::contains_key(tin(OTHER_HOLDER), &id));
		assert_eq!(
			events(),
			vec![Event::CertificateChanged {
				id: id.clone(),
				holder: tin(OTHER_HOLDER),
				aeo_type: AeoType::Both,
				action: Action::Amend,
				from: Some(Active),
				to: Active,
				expires_on: EXPIRES,
				reason: reason(7, &sealed(b"merger")),
				by: Some(account(Alice)),
			}]
		);
		// An Approver may amend too.
		assert_ok!(AeoCertificates::amend(origin(Bob), id.clone(), data(HOLDER), 7, vec![]));
		assert_eq!(History::<Test>::get(&id).len(), 3);

		let refused = [
			(Eve, Error::<Test>::NotRegistrarOrApprover),
			(Ferdie, Error::<Test>::NotOfficer),
			(Dave, Error::<Test>::OtherCountry),
			(Charlie, Error::<Test>::OtherCountry),
		];
		for (key, error) in refused {
			assert_noop!(
				AeoCertificates::amend(origin(key), id.clone(), data(HOLDER), 0, vec![]),
				error
			);
		}
		assert_noop!(
			AeoCertificates::amend(origin(Alice), id.clone(), data(b"MXZZZ999999ZZZ"), 0, vec![]),
			Error::<Test>::UnknownHolder
		);
		assert_noop!(
			AeoCertificates::amend(origin(Alice), id.clone(), data(b"mx1"), 0, vec![]),
			Error::<Test>::LowerCaseTin
		);
		assert_noop!(
			AeoCertificates::amend(origin(Alice), id.clone(), data(HOLDER), 0, vec![b'r'; 65]),
			Error::<Test>::ReasonTooLong
		);
		assert_noop!(
			AeoCertificates::amend(origin(Alice), self::id(b"NOPE"), data(HOLDER), 0, vec![]),
			Error::<Test>::UnknownCertificate
		);
		assert_ok!(AeoCertificates::revoke(origin(Bob), id.clone(), 9, sealed(b"fraud")));
		assert_noop!(
			AeoCertificates::amend(origin(Alice), id, data(HOLDER), 0, vec![]),
			Error::<Test>::CertificateRevoked
		);
	});
}

#[test]
fn status_changes_are_recorded_and_told() {
	run(|| {
		setup();
		let id = grant(NUMBER);
		System::set_block_number(5);
		Now::set(START + 60_000);
		System::reset_events();
		assert_ok!(AeoCertificates::suspend(origin(Bob), id.clone(), 12, sealed(b"audit finding")));
		let certificate = AeoCertificates::certificate(&id).unwrap();
		assert_eq!(certificate.status, Suspended);
		assert_eq!(certificate.status_since, START + 60_000);
		assert_eq!(certificate.reason, reason(12, &sealed(b"audit finding")));
		assert_eq!(
			events(),
			vec![Event::CertificateChanged {
				id: id.clone(),
				holder: tin(HOLDER),
				aeo_type: AeoType::SecurityAndSafety,
				action: Action::Suspend,
				from: Some(Active),
				to: Suspended,
				expires_on: EXPIRES,
				reason: reason(12, &sealed(b"audit finding")),
				by: Some(account(Bob)),
			}]
		);
		let last = History::<Test>::get(&id).last().cloned().unwrap();
		assert_eq!((last.action, last.from, last.to), (Action::Suspend, Some(Active), Suspended));
		assert_eq!((last.by, last.block, last.at), (Some(account(Bob)), 5, START + 60_000));
		assert_eq!(last.reason, reason(12, &sealed(b"audit finding")));
		// Still waiting to expire while suspended.
		assert!(ExpiryQueue::<Test>::contains_key(EXPIRES, &id));

		assert_ok!(AeoCertificates::reinstate(origin(Bob), id.clone(), 13, sealed(b"remedied")));
		assert_eq!(status(&id), Some(Active));

		assert_ok!(AeoCertificates::renew(origin(Bob), id.clone(), EXPIRES + 30, 14, vec![]));
		assert_eq!(AeoCertificates::certificate(&id).unwrap().expires_on, EXPIRES + 30);
		assert!(!ExpiryQueue::<Test>::contains_key(EXPIRES, &id));
		assert!(ExpiryQueue::<Test>::contains_key(EXPIRES + 30, &id));

		assert_ok!(AeoCertificates::revoke(origin(Bob), id.clone(), 15, sealed(b"fraud")));
		assert_eq!(status(&id), Some(Revoked));
		assert!(!ExpiryQueue::<Test>::contains_key(EXPIRES + 30, &id));
		assert_eq!(AeoCertificates::history_length(&id), 5);
	});
}

#[test]
fn only_an_approver_of_the_issuing_administration_changes_status() {
	run(|| {
		setup();
		let id = grant(NUMBER);
		let refused = [
			(Charlie, Error::<Test>::OtherCountry), // another country's Approver
			(Alice, Error::<Test>::NotApprover),    // a Registrar
			(Eve, Error::<Test>::NotApprover),      // an Auditor
			(Ferdie, Error::<Test>::NotOfficer),    // a trader
		];
		link_trader();
		for (key, error) in refused {
			let error: DispatchError = error.into();
			let o = || origin(key);
			assert_noop!(AeoCertificates::suspend(o(), id.clone(), 0, vec![]), error);
			assert_noop!(AeoCertificates::reinstate(o(), id.clone(), 0, vec![]), error);
			assert_noop!(AeoCertificates::revoke(o(), id.clone(), 0, vec![]), error);
			assert_noop!(AeoCertificates::renew(o(), id.clone(), EXPIRES + 1, 0, vec![]), error);
		}
		let (outsider, _) = sp_core::sr25519::Pair::generate();
		assert_noop!(
			AeoCertificates::suspend(
				RuntimeOrigin::signed(AccountId::from(outsider.public())),
				id.clone(),
				0,
				vec![]
			),
			Error::<Test>::NotOfficer
		);
		assert_noop!(
			AeoCertificates::suspend(RuntimeOrigin::none(), id.clone(), 0, vec![]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			AeoCertificates::suspend(origin(Bob), self::id(b"NOPE"), 0, vec![]),
			Error::<Test>::UnknownCertificate
		);
		assert_noop!(
			AeoCertificates::suspend(origin(Bob), id.clone(), 0, vec![b'r'; 65]),
			Error::<Test>::ReasonTooLong
		);
		assert_noop!(
			AeoCertificates::renew(origin(Bob), id.clone(), TODAY, 0, vec![]),
			Error::<Test>::ExpiryNotInFuture
		);
		suspend_administration(MX);
		assert_noop!(
			AeoCertificates::suspend(origin(Bob), id, 0, vec![]),
			Error::<Test>::NotOfficer
		);
	});
}

/// Puts a fresh certificate in `status`; returns its id.
fn certificate_in(number: &[u8], status: CertificateStatus) -> CertificateId {
	let id = grant(number);
	match status {
		Active => {}
		Suspended => {
			assert_ok!(AeoCertificates::suspend(origin(Bob), id.clone(), 1, vec![]));
		}
		Revoked => {
			assert_ok!(AeoCertificates::revoke(origin(Bob), id.clone(), 1, vec![]));
		}
		Expired => {
			catch_up(noon(EXPIRES));
		}
	}
	assert_eq!(self::status(&id), Some(status));
	id
}

#[test]
fn every_status_pair_follows_the_lifecycle() {
	use Action::*;
	// The design's lifecycle, written out: from, action, the outcome.
	let table: [(CertificateStatus, Action, Result<CertificateStatus, Error<Test>>); 20] = [
		(Active, Suspend, Ok(Suspended)),
		(Active, Reinstate, Err(Error::NotSuspended)),
		(Active, Revoke, Ok(Revoked)),
		(Active, Expire, Ok(Expired)),
		(Active, Renew, Ok(Active)),
		(Suspended, Suspend, Err(Error::AlreadySuspended)),
		(Suspended, Reinstate, Ok(Active)),
		(Suspended, Revoke, Ok(Revoked)),
		(Suspended, Expire, Ok(Expired)),
		(Suspended, Renew, Err(Error::CertificateSuspended)),
		(Revoked, Suspend, Err(Error::CertificateRevoked)),
		(Revoked, Reinstate, Err(Error::CertificateRevoked)),
		(Revoked, Revoke, Err(Error::CertificateRevoked)),
		(Revoked, Expire, Ok(Revoked)),
		(Revoked, Renew, Err(Error::CertificateRevoked)),
		(Expired, Suspend, Err(Error::CertificateExpired)),
		(Expired, Reinstate, Err(Error::CertificateExpired)),
		(Expired, Revoke, Err(Error::CertificateExpired)),
		(Expired, Expire, Ok(Expired)),
		(Expired, Renew, Ok(Active)),
	];
	for (from, action, outcome) in table {
		run(|| {
			setup();
			let id = certificate_in(NUMBER, from);
			let before = AeoCertificates::history_length(&id);
			let o = || origin(Bob);
			let result = match action {
				Suspend => AeoCertificates::suspend(o(), id.clone(), 2, vec![]).map(|_| ()),
				Reinstate => AeoCertificates::reinstate(o(), id.clone(), 2, vec![]).map(|_| ()),
				Revoke => AeoCertificates::revoke(o(), id.clone(), 2, vec![]).map(|_| ()),
				Renew => {
					AeoCertificates::renew(o(), id.clone(), EXPIRES + 400, 2, vec![]).map(|_| ())
				}
				Expire => {
					catch_up(noon(EXPIRES + 1));
					Ok(())
				}
				_ => unreachable!(),
			};
			let changed = before != AeoCertificates::history_length(&id);
			match outcome {
				Ok(to) => {
					assert_ok!(result);
					assert_eq!(status(&id), Some(to), "{from:?} {action:?}");
					// An expiry of what is not live is no transition at all.
					assert_eq!(changed, !(action == Expire && from == to), "{from:?} {action:?}");
				}
				Err(error) => {
					assert_eq!(result, Err(error.into()), "{from:?} {action:?}");
					assert_eq!(status(&id), Some(from));
					assert!(!changed);
				}
			}
		});
	}
}

#[test]
fn certificates_expire_at_midnight_of_their_expiry_day() {
	run(|| {
		setup();
		let active = grant(b"A");
		let suspended = certificate_in(b"S", Suspended);
		let revoked = certificate_in(b"R", Revoked);
		catch_up(EXPIRES as u64 * MILLIS_PER_DAY - 1);
		assert_eq!(status(&active), Some(Active));
		System::reset_events();
		next_block(EXPIRES as u64 * MILLIS_PER_DAY);
		assert_eq!(status(&active), Some(Expired));
		assert_eq!(status(&suspended), Some(Expired));
		assert_eq!(status(&revoked), Some(Revoked));
		let expiry = Event::CertificateChanged {
			id: active.clone(),
			holder: tin(HOLDER),
			aeo_type: AeoType::SecurityAndSafety,
			action: Action::Expire,
			from: Some(Active),
			to: Expired,
			expires_on: EXPIRES,
			reason: Reason { code: EXPIRY_REASON, text: Default::default() },
			by: None,
		};
		assert!(events().contains(&expiry));
		let last = History::<Test>::get(&active).last().cloned().unwrap();
		assert_eq!((last.by, last.at), (None, EXPIRES as u64 * MILLIS_PER_DAY));
		assert_eq!(ExpiryQueue::<Test>::iter().count(), 0);
		assert_eq!(ExpiryCursor::<Test>::get(), Some(EXPIRES + 1));

		// Renewed after expiry: it expires again at the new date.
		assert_ok!(AeoCertificates::renew(origin(Bob), active.clone(), EXPIRES + 10, 3, vec![]));
		assert_eq!(status(&active), Some(Active));
		catch_up(noon(EXPIRES + 10));
		assert_eq!(status(&active), Some(Expired));
	});
}

#[test]
fn ten_thousand_expiries_in_one_day_spill_over_and_none_is_missed() {
	run(|| {
		setup();
		let day = TODAY + 30;
		let batch = |from: u32, count: u32, expires_on: Day| -> BoundedVec<_, _> {
			(from..from + count)
				.map(|i| NewCertificate {
					expires_on,
					..new_certificate(format!("AEO-{i:06}").as_bytes())
				})
				.collect::<Vec<_>>()
				.try_into()
				.unwrap()
		};
		for b in 0..100 {
			assert_ok!(AeoCertificates::grant_many(origin(Bob), batch(b * 100, 100, day)));
		}
		// And some the day after, which must wait for their own day.
		assert_ok!(AeoCertificates::grant_many(origin(Bob), batch(10_000, 50, day + 1)));
		assert_eq!(ExpiryQueue::<Test>::iter_prefix(day).count(), 10_000);
		catch_up(noon(day - 1));
		assert_eq!(ExpiryCursor::<Test>::get(), Some(day));

		let limit = <<Test as Config>::MaxExpiriesPerBlock as Get<u32>>::get();
		let mut blocks = 0;
		let mut expired = 0;
		while ExpiryQueue::<Test>::iter_prefix(day).next().is_some() {
			let weight = next_block(noon(day));
			blocks += 1;
			let now_expired = events().len() as u32;
			assert!(now_expired <= limit, "block {blocks} expired {now_expired}");
			assert!(weight.all_lte(TestBlockWeights::get().max_block / 4));
			expired += now_expired;
			assert!(blocks <= 100, "expiry does not progress");
		}
		assert_eq!((blocks, expired), (100, 10_000));
		let statuses =
			|status| Certificates::<Test>::iter_values().filter(|c| c.status == status).count();
		assert_eq!((statuses(Expired), statuses(Active)), (10_000, 50));
		// The day is drained; the next block moves on, and the next day's
		// certificates are untouched until their day.
		next_block(noon(day));
		assert_eq!(ExpiryCursor::<Test>::get(), Some(day + 1));
		assert_eq!(statuses(Active), 50);
		next_block(noon(day + 1));
		assert_eq!(statuses(Expired), 10_050);
	});
}

#[test]
fn after_a_halt_the_hook_catches_up_a_bounded_number_of_days_per_block() {
	run(|| {
		setup();
		let id = NewCertificate { expires_on: TODAY + 100, ..new_certificate(NUMBER) };
		assert_ok!(AeoCertificates::grant(origin(Bob), id));
		// The chain halts 200 days.
		let weight = next_block(noon(TODAY + 200));
		assert_eq!(ExpiryCursor::<Test>::get(), Some(TODAY + MAX_DAYS_PER_BLOCK));
		assert_eq!(weight, <() as WeightInfo>::on_poll(MAX_DAYS_PER_BLOCK, 0));
		let blocks = catch_up(noon(TODAY + 200));
		assert_eq!(status(&self::id(NUMBER)), Some(Expired));
		assert_eq!(blocks, 201 / MAX_DAYS_PER_BLOCK);
	});
}

#[test]
fn no_work_no_weight_beyond_the_cursor_read() {
	run(|| {
		// Nothing granted yet: no cursor, nothing read beyond it.
		assert_eq!(next_block(START), <() as WeightInfo>::on_poll(0, 0));
		setup();
		grant(NUMBER);
		assert_eq!(next_block(START + 1), <() as WeightInfo>::on_poll(1, 0));
		assert_eq!(ExpiryCursor::<Test>::get(), Some(TODAY + 1));
		assert_eq!(next_block(START + 2), <() as WeightInfo>::on_poll(0, 0));
	});
}

#[test]
fn history_beyond_its_bound_is_pruned_into_a_hash_chain() {
	run(|| {
		setup();
		let id = grant(NUMBER);
		let mut all = History::<Test>::get(&id).to_vec();
		for i in 0..6u16 {
			assert_ok!(AeoCertificates::suspend(origin(Bob), id.clone(), i, vec![]));
			all.push(History::<Test>::get(&id).last().cloned().unwrap());
			assert_ok!(AeoCertificates::reinstate(origin(Bob), id.clone(), i, vec![]));
			all.push(History::<Test>::get(&id).last().cloned().unwrap());
		}
		let max = <<Test as Config>::MaxHistory as Get<u32>>::get() as usize;
		assert_eq!(all.len(), 13);
		assert_eq!(History::<Test>::get(&id).to_vec(), all[all.len() - max..].to_vec());
		assert_eq!(AeoCertificates::history_length(&id), 13);
		// Anyone holding the pruned entries can recompute the chain.
		let mut digest = [0u8; 32];
		for entry in &all[..all.len() - max] {
			digest = sp_io::hashing::blake2_256(&(digest, entry).encode());
		}
		let pruned = Pruned::<Test>::get(&id).unwrap();
		assert_eq!(pruned, PrunedHistory { count: 9, digest });
		assert!(events().contains(&Event::HistoryPruned { id, count: 9, digest }));
	});
}

mod lifecycle {
	//! A random sequence of operations never reaches a state the design
	//! forbids, and every certificate's history has one entry per change.
	use super::*;
	use proptest::prelude::*;

	#[derive(Clone, Debug)]
	enum Op {
		Suspend(usize),
		Reinstate(usize),
		Revoke(usize),
		Renew(usize, u32),
		Amend(usize),
		Wait(u32),
	}

	fn op() -> impl Strategy<Value = Op> {
		prop_oneof![
			(0..3usize).prop_map(Op::Suspend),
			(0..3usize).prop_map(Op::Reinstate),
			(0..3usize).prop_map(Op::Revoke),
			(0..3usize, 1..400u32).prop_map(|(i, d)| Op::Renew(i, d)),
			(0..3usize).prop_map(Op::Amend),
			(1..200u32).prop_map(Op::Wait),
		]
	}

	/// The model: the design's lifecycle, written independently of the pallet.
	fn allowed(from: CertificateStatus, op: &Op) -> Option<CertificateStatus> {
		match (from, op) {
			(Active, Op::Suspend(_)) => Some(Suspended),
			(Suspended, Op::Reinstate(_)) => Some(Active),
			(Active | Suspended, Op::Revoke(_)) => Some(Revoked),
			(Active | Expired, Op::Renew(..)) => Some(Active),
			(Active | Suspended | Expired, Op::Amend(_)) => Some(from),
			_ => None,
		}
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(64))]
		#[test]
		fn random_operations_keep_to_the_lifecycle(ops in proptest::collection::vec(op(), 1..40)) {
			run(|| -> Result<(), TestCaseError> {
				setup();
				let numbers = [b"P-0".as_slice(), b"P-1", b"P-2"];
				let ids: Vec<_> = numbers.iter().map(|n| grant(n)).collect();
				let mut model: Vec<(CertificateStatus, Day)> = vec![(Active, EXPIRES); 3];
				let mut changes = [1u32; 3];
				let mut now = START;
				for op in ops {
					let today = cadena_primitives::day_of(now);
					match op {
						Op::Wait(days) => {
							now += days as u64 * MILLIS_PER_DAY;
							catch_up(now);
							let today = cadena_primitives::day_of(now);
							for (i, (status, expires_on)) in model.iter_mut().enumerate() {
								if matches!(status, Active | Suspended) && *expires_on <= today {
									*status = Expired;
									changes[i] += 1;
								}
							}
						}
						ref op => {
							let i = match op {
								Op::Suspend(i) | Op::Reinstate(i) | Op::Revoke(i) | Op::Amend(i) => *i,
								Op::Renew(i, _) => *i,
								Op::Wait(_) => unreachable!(),
							};
							let (id, o) = (ids[i].clone(), origin(Bob));
							let result = match op {
								Op::Suspend(_) => AeoCertificates::suspend(o, id, 0, vec![]).map(|_| ()),
								Op::Reinstate(_) => AeoCertificates::reinstate(o, id, 0, vec![]).map(|_| ()),
								Op::Revoke(_) => AeoCertificates::revoke(o, id, 0, vec![]).map(|_| ()),
								Op::Renew(_, d) => AeoCertificates::renew(o, id, today + d, 0, vec![]).map(|_| ()),
								Op::Amend(_) => AeoCertificates::amend(o, id, data(HOLDER), 0, vec![]).map_err(Into::into),
								Op::Wait(_) => unreachable!(),
							};
							match allowed(model[i].0, op) {
								Some(to) => {
									prop_assert!(result.is_ok(), "{op:?} from {:?}: {result:?}", model[i].0);
									model[i].0 = to;
									if let Op::Renew(_, d) = op {
										model[i].1 = today + d;
									}
									changes[i] += 1;
								}
								None => {
									prop_assert!(result.is_err(), "{op:?} from {:?} allowed", model[i].0);
								}
							}
						}
					}
					for (i, id) in ids.iter().enumerate() {
						let certificate = AeoCertificates::certificate(id).unwrap();
						prop_assert_eq!(certificate.status, model[i].0);
						prop_assert_eq!(certificate.expires_on, model[i].1);
						prop_assert_eq!(AeoCertificates::history_length(id), changes[i]);
						// Nothing live is past its expiry once the hook caught up.
						if matches!(certificate.status, Active | Suspended) {
							prop_assert!(certificate.expires_on > cadena_primitives::day_of(now));
						}
					}
					AeoCertificates::do_try_state().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
				}
				Ok(())
			})?;
		}
	}
}

#[test]
fn hooks_pass_integrity_tests() {
	run(AeoCertificates::integrity_test);
}

/// A status change weighs its worst case, a full history pruned into the hash
/// chain, and refunds that read and write when the history had room: a full
/// block holds more status changes (issue #12's throughput target).
#[test]
fn a_status_change_refunds_the_pruning_it_did_not_do() {
	use frame_support::{traits::Get, weights::RuntimeDbWeight};
	run(|| {
		setup();
		let id = grant(NUMBER);
		let declared = <Test as Config>::WeightInfo::suspend();
		let db: RuntimeDbWeight = <Test as frame_system::Config>::DbWeight::get();
		let post = AeoCertificates::suspend(origin(Bob), id.clone(), 1, vec![]).unwrap();
		assert_eq!(post.actual_weight, Some(declared - db.reads_writes(1, 1)));
		// Fill the history: the next change prunes and pays in full.
		let flip = || match status(&id) {
			Some(Suspended) => (
				AeoCertificates::reinstate(origin(Bob), id.clone(), 1, vec![]),
				<Test as Config>::WeightInfo::reinstate(),
			),
			_ => (
				AeoCertificates::suspend(origin(Bob), id.clone(), 1, vec![]),
				<Test as Config>::WeightInfo::suspend(),
			),
		};
		let max = <<Test as Config>::MaxHistory as Get<u32>>::get() as usize;
		while History::<Test>::get(&id).len() < max {
			assert_ok!(flip().0);
		}
		let (post, declared) = flip();
		assert_eq!(post.unwrap().actual_weight, Some(declared));
		assert!(Pruned::<Test>::get(&id).is_some());
	});
}

#[test]
fn a_block_without_room_for_the_hook_leaves_the_expiries_to_the_next() {
	use frame_support::{traits::Hooks, weights::WeightMeter};
	run(|| {
		setup();
		let id = NewCertificate { expires_on: TODAY + 1, ..new_certificate(NUMBER) };
		assert_ok!(AeoCertificates::grant(origin(Bob), id));
		System::set_block_number(System::block_number() + 1);
		Now::set(noon(TODAY + 1));
		// A planned end may go with each expiry: one write more each.
		let db = <Test as frame_system::Config>::DbWeight::get();
		let worst =
			<() as WeightInfo>::on_poll(MAX_DAYS_PER_BLOCK, 100).saturating_add(db.writes(100));
		let mut meter = WeightMeter::with_limit(worst - Weight::from_parts(1, 0));
		AeoCertificates::on_poll(System::block_number(), &mut meter);
		assert_eq!(meter.consumed(), Weight::zero());
		assert_eq!(status(&self::id(NUMBER)), Some(Active));
		let weight = next_block(noon(TODAY + 1));
		assert_eq!(weight, <() as WeightInfo>::on_poll(2, 1).saturating_add(db.writes(1)));
		assert_eq!(status(&self::id(NUMBER)), Some(Expired));
	});
}

#[test]
fn a_reason_text_is_refused_unless_sealed_under_the_holders_sealable_version() {
	run(|| {
		setup();
		let id = grant(NUMBER);
		// Plaintext, or anything shorter than an envelope.
		assert_noop!(
			AeoCertificates::suspend(origin(Bob), id.clone(), 12, b"fraud investigation".to_vec()),
			Error::<Test>::ReasonNotSealed
		);
		assert_noop!(
			AeoCertificates::suspend(origin(Bob), id.clone(), 12, vec![1; 31]),
			Error::<Test>::ReasonNotSealed
		);
		// Under another version than the holder's sealable one.
		assert_noop!(
			AeoCertificates::suspend(origin(Bob), id.clone(), 12, sealed_under(2, b"audit")),
			Error::<Test>::ReasonKeyNotCurrent
		);
		// No version is sealable (never sealed, or a reader lost it).
		set_sealable(&tin(HOLDER), None);
		for refused in [
			AeoCertificates::suspend(origin(Bob), id.clone(), 12, sealed(b"audit")),
			AeoCertificates::revoke(origin(Bob), id.clone(), 12, sealed(b"audit")),
			AeoCertificates::renew(origin(Bob), id.clone(), EXPIRES + 1, 12, sealed(b"audit")),
		] {
			assert_eq!(
				refused.map_err(|e| e.error),
				Err(Error::<Test>::ReasonKeyNotCurrent.into())
			);
		}
		assert_noop!(
			AeoCertificates::amend(origin(Alice), id.clone(), data(HOLDER), 7, sealed(b"merger")),
			Error::<Test>::ReasonKeyNotCurrent
		);
		// A code alone needs no record.
		assert_ok!(AeoCertificates::suspend(origin(Bob), id.clone(), 12, vec![]));
		// Sealed again: version 2 it is.
		set_sealable(&tin(HOLDER), Some(2));
		assert_ok!(AeoCertificates::reinstate(origin(Bob), id.clone(), 13, sealed_under(2, b"ok")));
		assert_eq!(
			AeoCertificates::certificate(&id).unwrap().reason,
			reason(13, &sealed_under(2, b"ok"))
		);
		// An amendment's reason is sealed for the holder after it.
		assert_noop!(
			AeoCertificates::amend(
				origin(Alice),
				id.clone(),
				data(OTHER_HOLDER),
				7,
				sealed_under(2, b"merger")
			),
			Error::<Test>::ReasonKeyNotCurrent
		);
		assert_ok!(AeoCertificates::amend(
			origin(Alice),
			id.clone(),
			data(OTHER_HOLDER),
			7,
			sealed(b"merger")
		));
	});
}

#[test]
fn a_reason_text_costs_its_seal_check_and_a_code_alone_does_not() {
	use frame_support::dispatch::GetDispatchInfo;
	let call = |text: Vec<u8>| {
		RuntimeCall::AeoCertificates(crate::Call::suspend { id: id(NUMBER), code: 1, reason: text })
			.get_dispatch_info()
			.call_weight
	};
	let check = <TestSealedReasons as cadena_primitives::SealedReasons>::sealable_version_weight();
	assert_eq!(call(sealed(b"audit")), call(vec![]) + check);
}

#[test]
fn a_suspension_says_when_it_is_planned_to_end_and_the_plan_goes_with_it() {
	run(|| {
		setup();
		let id = certificate_in(NUMBER, Suspended);
		assert_ok!(AeoCertificates::plan_suspension_end(origin(Bob), id.clone(), Some(TODAY + 30)));
		assert_eq!(PlannedEnds::<Test>::get(&id), Some(TODAY + 30));
		assert_eq!(
			events().last(),
			Some(&Event::SuspensionEndPlanned {
				id: id.clone(),
				until: Some(TODAY + 30),
				by: account(Bob)
			})
		);
		// Withdrawn, and set again.
		assert_ok!(AeoCertificates::plan_suspension_end(origin(Bob), id.clone(), None));
		assert_eq!(PlannedEnds::<Test>::get(&id), None);
		assert_ok!(AeoCertificates::plan_suspension_end(origin(Bob), id.clone(), Some(TODAY + 1)));
		// It says, it does not do: still suspended; reinstated, the plan goes.
		assert_eq!(status(&id), Some(Suspended));
		assert_ok!(AeoCertificates::reinstate(origin(Bob), id.clone(), 0, vec![]));
		assert_eq!(PlannedEnds::<Test>::get(&id), None);
		// Revoked while suspended, the plan goes too.
		let other = certificate_in(b"AEO-2026-000002", Suspended);
		assert_ok!(AeoCertificates::plan_suspension_end(
			origin(Bob),
			other.clone(),
			Some(TODAY + 9)
		));
		assert_ok!(AeoCertificates::revoke(origin(Bob), other.clone(), 0, vec![]));
		assert_eq!(PlannedEnds::<Test>::get(&other), None);
		// Expired while suspended: the hook takes it away.
		let third = certificate_in(b"AEO-2026-000003", Suspended);
		assert_ok!(AeoCertificates::plan_suspension_end(
			origin(Bob),
			third.clone(),
			Some(TODAY + 9)
		));
		catch_up(noon(EXPIRES));
		assert_eq!(status(&third), Some(Expired));
		assert!(PlannedEnds::<Test>::iter().next().is_none());
	});
}

#[test]
fn a_planned_end_is_refused_with_the_fault() {
	run(|| {
		setup();
		let active = grant(NUMBER);
		let suspended = certificate_in(b"AEO-2026-000002", Suspended);
		let plan = |key, id: &CertificateId, until| {
			AeoCertificates::plan_suspension_end(origin(key), id.clone(), until)
		};
		let cases: Vec<(frame_support::dispatch::DispatchResult, DispatchError)> = vec![
			(plan(Bob, &active, Some(TODAY + 5)), Error::<Test>::NotSuspended.into()),
			(plan(Bob, &suspended, Some(TODAY)), Error::<Test>::PlannedEndNotInFuture.into()),
			(plan(Charlie, &suspended, Some(TODAY + 5)), Error::<Test>::OtherCountry.into()),
			(plan(Alice, &suspended, Some(TODAY + 5)), Error::<Test>::NotApprover.into()),
			(plan(Ferdie, &suspended, Some(TODAY + 5)), Error::<Test>::NotOfficer.into()),
			(plan(Bob, &id(b"NOPE"), Some(TODAY + 5)), Error::<Test>::UnknownCertificate.into()),
		];
		for (result, error) in cases {
			assert_eq!(result, Err(error));
		}
		assert!(PlannedEnds::<Test>::iter().next().is_none());
	});
}
