//! Tests of every dispatchable's success and errors, every refused origin,
//! the removal of wraps on every path where entitlement ends, and a
//! property: after any sequence of calls and entitlement changes, no reader
//! holds a wrap it is not entitled to.

use crate::{mock::*, *};
use frame_support::{assert_noop, assert_ok, traits::Hooks};
use proptest::prelude::*;
use sp_runtime::DispatchError;

fn tin(n: u8) -> Tin {
	Tin::parse(format!("MXA{n}").as_bytes()).unwrap()
}

fn sealed(version: u32) -> SealedOf<Test> {
	Sealed { version, ciphertext: vec![version as u8; 40].try_into().unwrap() }
}

const ADMIN_MX: Reader<AccountId> = Reader::Administration(MX);
const ADMIN_CR: Reader<AccountId> = Reader::Administration(CR);
const ADMIN_PE: Reader<AccountId> = Reader::Administration(PE);

/// A wrap for `reader`, made for the key the model gives it (or a made-up
/// one if it has none).
fn wrap(reader: Reader<AccountId>, n: u8) -> (Reader<AccountId>, WrapEntry) {
	let key =
		<TestEntitlement as Entitlement<AccountId>>::key_of(&reader, &tin(n)).unwrap_or([9; 32]);
	(reader, WrapEntry { key, wrap: [n; 80] })
}

fn wraps(readers: &[Reader<AccountId>], n: u8) -> WrapsOf<Test> {
	readers.iter().map(|r| wrap(r.clone(), n)).collect::<Vec<_>>().try_into().unwrap()
}

fn seal(n: u8, version: u32, readers: &[Reader<AccountId>]) -> DispatchResult {
	Confidential::seal(
		RuntimeOrigin::signed(MX_REGISTRAR),
		tin(n).to_bytes(),
		sealed(version),
		wraps(readers, n),
	)
}

fn add(n: u8, version: u32, readers: &[Reader<AccountId>]) -> DispatchResult {
	Confidential::add_wraps(
		RuntimeOrigin::signed(MX_REGISTRAR),
		tin(n).to_bytes(),
		version,
		wraps(readers, n),
	)
}

/// The administrations `records` name, once each, with the keys the model
/// gives them (or a made-up one), in the order first named.
fn batch_readers(records: &[(u8, u32, Vec<CountryCode>)]) -> BatchReadersOf<Test> {
	let mut readers: Vec<BatchReader> = Vec::new();
	for country in records.iter().flat_map(|(_, _, countries)| countries) {
		if !readers.iter().any(|r| r.country == *country) {
			let key = <TestEntitlement as Entitlement<AccountId>>::administration_key(*country, MX);
			readers.push(BatchReader { country: *country, key: key.unwrap_or([9; 32]) });
		}
	}
	readers.try_into().unwrap()
}

/// `records` (record, version, administrations) as `seal_many`'s records,
/// each wrap naming its reader's place in `readers`.
fn batch_records(
	readers: &BatchReadersOf<Test>,
	records: &[(u8, u32, Vec<CountryCode>)],
) -> BoundedVec<BatchRecordOf<Test>, <Test as Config>::MaxSealBatch> {
	let place = |country: &CountryCode| readers.iter().position(|r| r.country == *country).unwrap();
	records
		.iter()
		.map(|(n, version, countries)| BatchRecord {
			tin: tin(*n).to_bytes(),
			sealed: sealed(*version),
			wraps: countries
				.iter()
				.map(|c| PlacedWrap { place: place(c) as u8, wrap: [*n; 80] })
				.collect::<Vec<_>>()
				.try_into()
				.unwrap(),
		})
		.collect::<Vec<_>>()
		.try_into()
		.unwrap()
}

/// `Confidential.seal_many` by MX's registrar.
fn seal_many(records: &[(u8, u32, Vec<CountryCode>)]) -> DispatchResult {
	let readers = batch_readers(records);
	let records = batch_records(&readers, records);
	Confidential::seal_many(RuntimeOrigin::signed(MX_REGISTRAR), readers, records)
}

fn holds(reader: &Reader<AccountId>, n: u8) -> bool {
	Confidential::wrap_of(reader, &tin(n)).is_some()
}

fn stored(reader: &Reader<AccountId>, n: u8) -> bool {
	Confidential::stored_wrap(reader, &tin(n)).is_some()
}

/// The readers of record `n`'s wraps, in the order stored.
fn readers(n: u8) -> Vec<Reader<AccountId>> {
	Wraps::<Test>::get(MX, tin(n)).into_iter().map(|(reader, _)| reader).collect()
}

/// The (reader, issuer) pairs being revoked.
fn revoking() -> Vec<(Reader<AccountId>, CountryCode)> {
	Revoking::<Test>::iter_keys().collect()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn a_registrar_seals_a_record_for_its_entitled_readers() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR]));
		assert_eq!(Records::<Test>::get(MX, tin(1)), Some(sealed(1)));
		assert!(holds(&ADMIN_MX, 1) && holds(&ADMIN_CR, 1));
		assert_eq!(readers(1), vec![ADMIN_MX, ADMIN_CR]);
		assert_eq!(
			last_event(),
			Event::RecordSealed { tin: tin(1), version: 1, readers: 2, by: MX_REGISTRAR }.into()
		);
		let (record, entry) = Confidential::wrap_of(&ADMIN_CR, &tin(1)).unwrap();
		assert_eq!((record.version, entry.key), (1, admin_key(CR)));
		// Nobody else holds one.
		assert!(!holds(&ADMIN_PE, 1) && !holds(&Reader::Account(TRADER), 1));
	});
}

#[test]
fn sealing_is_refused_to_anyone_but_a_registrar_of_the_tins_country() {
	run(|| {
		let sealing = |who, tin: &[u8]| {
			Confidential::seal(
				RuntimeOrigin::signed(who),
				tin.to_vec(),
				sealed(1),
				wraps(&[ADMIN_MX], 1),
			)
		};
		assert_noop!(sealing(MX_REGISTRAR, b"mxa1"), Error::<Test>::InvalidTin);
		assert_noop!(sealing(TRADER, b"MXA1"), Error::<Test>::NotOfficer);
		assert_noop!(sealing(MX_APPROVER, b"MXA1"), Error::<Test>::NotRegistrar);
		assert_noop!(sealing(CR_REGISTRAR, b"MXA1"), Error::<Test>::OtherCountry);
		assert_noop!(sealing(MX_REGISTRAR, b"MXZ1"), Error::<Test>::UnknownTin);
		assert_noop!(
			Confidential::seal(RuntimeOrigin::none(), b"MXA1".to_vec(), sealed(1), wraps(&[], 1)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn a_seal_is_refused_with_a_wrong_version_or_wraps() {
	run(|| {
		assert_noop!(seal(1, 2, &[ADMIN_MX]), Error::<Test>::WrongVersion);
		assert_noop!(seal(1, 0, &[ADMIN_MX]), Error::<Test>::WrongVersion);
		// The issuer must be able to read its own record.
		assert_noop!(seal(1, 1, &[]), Error::<Test>::IssuerWrapMissing);
		// CR recognises nothing of MX's: not entitled.
		assert_noop!(seal(1, 1, &[ADMIN_MX, ADMIN_CR]), Error::<Test>::NotEntitled);
		// Entitled under an MRA, but not without the trader's consent.
		model(|m| {
			m.recognises.insert((MX, CR));
			m.consents.remove(&tin(1));
		});
		assert_noop!(seal(1, 1, &[ADMIN_MX, ADMIN_CR]), Error::<Test>::NotEntitled);
		// Another TIN's linked account is not entitled either.
		model(|m| {
			m.linked.insert(TRADER, (tin(2), [5; 32]));
		});
		assert_noop!(seal(1, 1, &[ADMIN_MX, Reader::Account(TRADER)]), Error::<Test>::NotEntitled);
		// A wrap made for a key the reader does not have.
		let mut stale = wraps(&[ADMIN_MX], 1);
		stale[0].1.key = [1; 32];
		assert_noop!(
			Confidential::seal(
				RuntimeOrigin::signed(MX_REGISTRAR),
				tin(1).to_bytes(),
				sealed(1),
				stale
			),
			Error::<Test>::StaleKey
		);
		assert_noop!(seal(1, 1, &[ADMIN_MX, ADMIN_MX]), Error::<Test>::DuplicateReader);
		assert_ok!(seal(1, 1, &[ADMIN_MX]));
		assert_noop!(seal(1, 1, &[ADMIN_MX]), Error::<Test>::WrongVersion);
	});
}

#[test]
fn a_registrar_seals_many_records_at_once_each_as_seal_would() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
			m.consents.remove(&tin(2));
		});
		Confidential::end_epoch(MX);
		assert_ok!(seal(3, 1, &[ADMIN_MX]));
		// A new record for MX and CR, one whose trader does not consent
		// for MX alone, a second version of another.
		assert_ok!(seal_many(&[
			(1, 1, vec![MX, CR]),
			(2, 1, vec![MX]),
			(3, 2, vec![CR, MX]),
			(4, 1, vec![MX]),
		]));
		assert_eq!(Records::<Test>::get(MX, tin(1)), Some(sealed(1)));
		assert_eq!(readers(1), vec![ADMIN_MX, ADMIN_CR]);
		assert_eq!(readers(2), vec![ADMIN_MX]);
		assert_eq!(readers(3), vec![ADMIN_CR, ADMIN_MX]);
		assert!(holds(&ADMIN_CR, 1) && holds(&ADMIN_CR, 3) && !holds(&ADMIN_CR, 2));
		let (record, entry) = Confidential::wrap_of(&ADMIN_CR, &tin(3)).unwrap();
		assert_eq!((record, entry), (sealed(2), WrapEntry { key: admin_key(CR), wrap: [3; 80] }));
		// Each record's seal, in the issuer's epoch: its reasons may be sealed.
		assert_eq!(Confidential::sealable_version(&tin(3)), Some(2));
		assert_eq!(SealedIn::<Test>::get(MX, tin(1)), Some((1, 1)));
		let sealed_events: Vec<_> = System::events()
			.into_iter()
			.filter_map(|r| match r.event {
				RuntimeEvent::Confidential(Event::RecordSealed { tin, version, readers, by }) => {
					Some((tin, version, readers, by))
				}
				_ => None,
			})
			.collect();
		assert_eq!(
			sealed_events[1..],
			[
				(tin(1), 1, 2, MX_REGISTRAR),
				(tin(2), 1, 1, MX_REGISTRAR),
				(tin(3), 2, 2, MX_REGISTRAR),
				(tin(4), 1, 1, MX_REGISTRAR)
			]
		);
		// The same TIN twice: the second is the next version.
		assert_ok!(seal_many(&[(5, 1, vec![MX]), (5, 2, vec![MX, CR])]));
		assert_eq!(Records::<Test>::get(MX, tin(5)), Some(sealed(2)));
		assert_eq!(readers(5), vec![ADMIN_MX, ADMIN_CR]);
	});
}

#[test]
fn sealing_many_is_refused_to_anyone_but_a_registrar_of_the_tins_country() {
	run(|| {
		let records = [(1, 1, vec![MX])];
		let readers = batch_readers(&records);
		let batch = batch_records(&readers, &records);
		let by = |who| {
			Confidential::seal_many(RuntimeOrigin::signed(who), readers.clone(), batch.clone())
		};
		assert_noop!(by(TRADER), Error::<Test>::NotOfficer);
		assert_noop!(by(MX_APPROVER), Error::<Test>::NotRegistrar);
		// CR's registrar, wrapping for itself: MX's TIN is not CR's.
		let own: BatchReadersOf<Test> =
			vec![BatchReader { country: CR, key: admin_key(CR) }].try_into().unwrap();
		let for_cr = batch_records(&own, &[(1, 1, vec![CR])]);
		assert_noop!(
			Confidential::seal_many(RuntimeOrigin::signed(CR_REGISTRAR), own, for_cr),
			Error::<Test>::OtherCountry
		);
		assert_noop!(
			Confidential::seal_many(RuntimeOrigin::none(), readers.clone(), batch.clone()),
			DispatchError::BadOrigin
		);
		let mut malformed = batch.clone();
		malformed[0].tin = b"mxa1".to_vec();
		assert_noop!(
			Confidential::seal_many(
				RuntimeOrigin::signed(MX_REGISTRAR),
				readers.clone(),
				malformed
			),
			Error::<Test>::InvalidTin
		);
		let mut unknown = batch;
		unknown[0].tin = b"MXZ1".to_vec();
		assert_noop!(
			Confidential::seal_many(RuntimeOrigin::signed(MX_REGISTRAR), readers, unknown),
			Error::<Test>::UnknownTin
		);
	});
}

#[test]
fn sealing_many_is_refused_whole_for_one_bad_record_or_reader() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
		});
		let good = (1, 1, vec![MX, CR]);
		// One record's fault refuses the others too.
		assert_noop!(seal_many(&[good.clone(), (2, 2, vec![MX])]), Error::<Test>::WrongVersion);
		assert_noop!(seal_many(&[good.clone(), (2, 0, vec![MX])]), Error::<Test>::WrongVersion);
		assert_noop!(
			seal_many(&[good.clone(), (2, 1, vec![CR])]),
			Error::<Test>::IssuerWrapMissing
		);
		// PE recognises nothing of MX's: not entitled, whichever record.
		assert_noop!(seal_many(&[good.clone(), (2, 1, vec![MX, PE])]), Error::<Test>::NotEntitled);
		// CR is, but not to a record whose trader does not consent.
		model(|m| {
			m.consents.remove(&tin(2));
		});
		assert_noop!(seal_many(&[good.clone(), (2, 1, vec![MX, CR])]), Error::<Test>::NotEntitled);
		// The issuer is not in the list at all.
		assert_noop!(seal_many(&[(2, 1, vec![CR])]), Error::<Test>::IssuerWrapMissing);
		let call = |readers: BatchReadersOf<Test>, records| {
			Confidential::seal_many(RuntimeOrigin::signed(MX_REGISTRAR), readers, records)
		};
		let readers = batch_readers(std::slice::from_ref(&good));
		let records = batch_records(&readers, std::slice::from_ref(&good));
		// A reader's key is not the one it publishes.
		let mut stale = readers.clone();
		stale[1].key = [1; 32];
		assert_noop!(call(stale, records.clone()), Error::<Test>::StaleKey);
		// A reader listed twice; a record naming one reader twice.
		let mut twice = readers.clone();
		twice.try_push(BatchReader { country: CR, key: admin_key(CR) }).unwrap();
		assert_noop!(call(twice, records.clone()), Error::<Test>::DuplicateReader);
		let mut named_twice = records.clone();
		named_twice[0].wraps.try_push(PlacedWrap { place: 1, wrap: [0; 80] }).unwrap();
		assert_noop!(call(readers.clone(), named_twice), Error::<Test>::DuplicateReader);
		// A place beyond the list.
		let mut beyond = records.clone();
		beyond[0].wraps[1].place = 2;
		assert_noop!(call(readers.clone(), beyond), Error::<Test>::NoSuchReader);
		// A reader whose wraps of MX's records are being removed (more
		// than a block's sweep).
		for n in 3..=8 {
			assert_ok!(seal(n, 1, &[ADMIN_MX, ADMIN_CR]));
		}
		model(|m| m.recognises.clear());
		Confidential::revoke_issuer(ADMIN_CR, MX);
		model(|m| {
			m.recognises.insert((MX, CR));
		});
		assert_noop!(call(readers.clone(), records.clone()), Error::<Test>::RevocationPending);
		while !revoking().is_empty() {
			Confidential::on_idle(2, frame_support::weights::Weight::MAX);
		}
		assert_ok!(call(readers, records));
	});
}

#[test]
fn a_new_version_drops_the_wraps_of_the_old() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
			m.linked.insert(TRADER, (tin(1), [5; 32]));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR, Reader::Account(TRADER)]));
		assert_ok!(seal(1, 2, &[ADMIN_MX]));
		assert_eq!(Records::<Test>::get(MX, tin(1)).map(|r| r.version), Some(2));
		assert!(holds(&ADMIN_MX, 1));
		assert!(!stored(&ADMIN_CR, 1) && !stored(&Reader::Account(TRADER), 1));
		assert_eq!(readers(1), vec![ADMIN_MX]);
	});
}

#[test]
fn wraps_are_added_for_readers_entitled_since() {
	run(|| {
		assert_noop!(add(1, 1, &[ADMIN_MX]), Error::<Test>::NoRecord);
		assert_ok!(seal(1, 1, &[ADMIN_MX]));
		assert_noop!(add(1, 1, &[ADMIN_CR]), Error::<Test>::NotEntitled);
		// An MRA enters into force; the trader's own account publishes a key.
		model(|m| {
			m.recognises.insert((MX, CR));
			m.linked.insert(TRADER, (tin(1), [5; 32]));
		});
		assert_noop!(add(1, 2, &[ADMIN_CR]), Error::<Test>::WrongVersion);
		assert_ok!(add(1, 1, &[ADMIN_CR, Reader::Account(TRADER)]));
		assert!(holds(&ADMIN_CR, 1) && holds(&Reader::Account(TRADER), 1));
		assert_eq!(
			last_event(),
			Event::WrapsAdded { tin: tin(1), version: 1, readers: 2, by: MX_REGISTRAR }.into()
		);
		// CR publishes a new key: the old wrap is stale, a new one replaces it.
		model(|m| {
			m.admin_keys.insert(CR, [7; 32]);
		});
		assert_ok!(add(1, 1, &[ADMIN_CR]));
		assert_eq!(Confidential::wrap_of(&ADMIN_CR, &tin(1)).unwrap().1.key, [7; 32]);
		assert_eq!(readers(1).len(), 3);
		assert_noop!(
			Confidential::add_wraps(
				RuntimeOrigin::signed(CR_REGISTRAR),
				tin(1).to_bytes(),
				1,
				wraps(&[ADMIN_CR], 1)
			),
			Error::<Test>::OtherCountry
		);
	});
}

#[test]
fn consent_withdrawn_removes_the_partners_wraps_at_once() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
			m.recognises.insert((MX, PE));
			m.linked.insert(TRADER, (tin(1), [5; 32]));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR, ADMIN_PE, Reader::Account(TRADER)]));
		model(|m| {
			m.consents.remove(&tin(1));
		});
		assert_eq!(Confidential::revoke_unentitled(&tin(1)), 2);
		assert!(!stored(&ADMIN_CR, 1) && !stored(&ADMIN_PE, 1));
		// The issuer and the trader's own account keep theirs.
		assert!(holds(&ADMIN_MX, 1) && holds(&Reader::Account(TRADER), 1));
		assert_eq!(last_event(), Event::WrapsRemoved { tin: tin(1), readers: 2 }.into());
		// The next version is not for them.
		assert_noop!(seal(1, 2, &[ADMIN_MX, ADMIN_CR]), Error::<Test>::NotEntitled);
		// Nothing more to remove.
		assert_eq!(Confidential::revoke_unentitled(&tin(1)), 0);
	});
}

#[test]
fn an_unlinked_account_loses_its_wrap_at_once() {
	run(|| {
		model(|m| {
			m.linked.insert(TRADER, (tin(1), [5; 32]));
			m.linked.insert(TRADER2, (tin(1), [6; 32]));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, Reader::Account(TRADER), Reader::Account(TRADER2)]));
		model(|m| {
			m.linked.remove(&TRADER);
		});
		assert_eq!(Confidential::revoke_unentitled(&tin(1)), 1);
		assert!(!stored(&Reader::Account(TRADER), 1));
		assert!(holds(&Reader::Account(TRADER2), 1));
	});
}

#[test]
fn a_trader_key_changed_removes_the_wrap_made_for_the_old_one() {
	run(|| {
		model(|m| {
			m.linked.insert(TRADER, (tin(1), [5; 32]));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, Reader::Account(TRADER)]));
		model(|m| {
			m.linked.insert(TRADER, (tin(1), [7; 32]));
		});
		// Still entitled, but the wrap is for a key it no longer publishes.
		assert!(!holds(&Reader::Account(TRADER), 1));
		assert_eq!(Confidential::revoke_unentitled(&tin(1)), 1);
		assert!(!stored(&Reader::Account(TRADER), 1));
		assert!(holds(&ADMIN_MX, 1));
		// A wrap for the new key is welcome.
		assert_ok!(add(1, 1, &[Reader::Account(TRADER)]));
		assert!(holds(&Reader::Account(TRADER), 1));
	});
}

#[test]
fn several_pairs_revoked_at_once_share_one_removal_budget() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
			m.recognises.insert((MX, PE));
		});
		for n in 1..=4 {
			assert_ok!(seal(n, 1, &[ADMIN_MX, ADMIN_CR, ADMIN_PE]));
		}
		model(|m| {
			m.recognises.clear();
		});
		Confidential::revoke_issuers([(ADMIN_CR, MX), (ADMIN_PE, MX)]);
		// Both hidden at once; three of eight wraps gone (the budget).
		assert!((1..=4).all(|n| !holds(&ADMIN_CR, n) && !holds(&ADMIN_PE, n)));
		let left = (1..=4).filter(|n| stored(&ADMIN_CR, *n)).count()
			+ (1..=4).filter(|n| stored(&ADMIN_PE, *n)).count();
		assert_eq!(left, 5);
		for _ in 0..4 {
			Confidential::on_idle(2, Weight::MAX);
		}
		assert_eq!(Revoking::<Test>::iter().count(), 0);
		assert!((1..=4).all(|n| !stored(&ADMIN_CR, n) && !stored(&ADMIN_PE, n)));
	});
}

#[test]
fn a_seal_is_charged_for_its_own_wraps_whatever_the_old_version_held() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
			m.recognises.insert((MX, PE));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR, ADMIN_PE]));
		// The old version's wraps are one item, replaced: a later version
		// costs what a first one does.
		let info = |version| {
			let call = Call::<Test>::seal {
				tin: tin(1).to_bytes(),
				sealed: sealed(version),
				wraps: wraps(&[ADMIN_MX], 1),
			};
			frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call).call_weight
		};
		assert_eq!(info(1), <() as WeightInfo>::seal(1));
		assert_eq!(info(2), <() as WeightInfo>::seal(1));
		assert_ok!(seal(1, 2, &[ADMIN_MX]));
		assert_eq!(readers(1), vec![ADMIN_MX]);
	});
}

/// Eight records of MX wrapped for CR; then the MRA is suspended (CR
/// recognises nothing of MX's) and CR's wraps of MX are revoked.
fn cr_loses_eight_records() {
	model(|m| {
		m.recognises.insert((MX, CR));
	});
	for n in 1..=8 {
		assert_ok!(seal(n, 1, &[ADMIN_MX, ADMIN_CR]));
	}
	model(|m| {
		m.recognises.remove(&(MX, CR));
	});
	Confidential::revoke_issuer(ADMIN_CR, MX);
}

#[test]
fn an_issuers_revocation_hides_every_wrap_at_once_and_removes_them_block_by_block() {
	run(|| {
		cr_loses_eight_records();
		assert!((1..=8).all(|n| !holds(&ADMIN_CR, n)), "hidden in the same block");
		assert_eq!((1..=8).filter(|n| stored(&ADMIN_CR, *n)).count(), 5, "3 removed at once");
		assert!((1..=8).all(|n| holds(&ADMIN_MX, n)));
		// Resumed before they are all gone: the pair is refused until then.
		model(|m| {
			m.recognises.insert((MX, CR));
		});
		assert_noop!(add(1, 1, &[ADMIN_CR]), Error::<Test>::RevocationPending);
		// Idle weight removes 3 a block.
		let idle = |block| Confidential::on_idle(block, frame_support::weights::Weight::MAX);
		idle(2);
		assert_eq!((1..=8).filter(|n| stored(&ADMIN_CR, *n)).count(), 2);
		idle(3);
		assert_eq!((1..=8).filter(|n| stored(&ADMIN_CR, *n)).count(), 0);
		assert!(revoking().is_empty());
		assert_eq!(last_event(), Event::RevocationDone { reader: ADMIN_CR, issuer: MX }.into());
		assert!((1..=8).all(|n| readers(n) == vec![ADMIN_MX]));
		// Entitled again, CR gets new wraps.
		assert_ok!(add(1, 1, &[ADMIN_CR]));
		assert!(holds(&ADMIN_CR, 1));
	});
}

#[test]
fn idle_weight_bounds_the_removals() {
	run(|| {
		cr_loses_eight_records();
		let one = <() as WeightInfo>::sweep_record();
		// Finding the pair, and removing it once done.
		let base = <Test as frame_system::Config>::DbWeight::get().reads_writes(2, 1);
		let used = Confidential::on_idle(2, one + base);
		assert_eq!(used, one + base);
		assert_eq!((1..=8).filter(|n| stored(&ADMIN_CR, *n)).count(), 4, "one more removed");
		Confidential::on_idle(3, frame_support::weights::Weight::zero());
		assert_eq!((1..=8).filter(|n| stored(&ADMIN_CR, *n)).count(), 4, "none without weight");
		while !revoking().is_empty() {
			Confidential::on_idle(4, frame_support::weights::Weight::MAX);
		}
	});
}

#[test]
fn revocations_never_fail_and_each_pair_is_hidden_at_once() {
	run(|| {
		// Nothing stored: the pair is done at once.
		Confidential::revoke_issuer(ADMIN_PE, MX);
		assert!(revoking().is_empty());
		// CR and PE hold wraps of eight records; both lose MX.
		model(|m| {
			m.recognises.insert((MX, CR));
			m.recognises.insert((MX, PE));
		});
		for n in 1..=8 {
			assert_ok!(seal(n, 1, &[ADMIN_MX, ADMIN_CR, ADMIN_PE]));
		}
		model(|m| m.recognises.clear());
		Confidential::revoke_issuer(ADMIN_CR, MX);
		Confidential::revoke_issuer(ADMIN_PE, MX);
		// Revoking a pair again starts its sweep over, and hides no less.
		Confidential::revoke_issuer(ADMIN_CR, MX);
		assert!((1..=8).all(|n| !holds(&ADMIN_CR, n) && !holds(&ADMIN_PE, n)));
		assert_eq!(revoking().len(), 2);
		while !revoking().is_empty() {
			Confidential::on_idle(2, frame_support::weights::Weight::MAX);
		}
		assert!((1..=8).all(|n| !stored(&ADMIN_CR, n) && !stored(&ADMIN_PE, n)));
		assert!((1..=8).all(|n| holds(&ADMIN_MX, n)));
	});
}

#[test]
fn try_state_catches_a_wrap_shown_to_a_reader_not_entitled() {
	new_test_ext().execute_with(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR]));
		Confidential::do_try_state().unwrap();
		// The MRA ends and nobody tells the pallet.
		model(|m| {
			m.recognises.remove(&(MX, CR));
		});
		assert!(Confidential::do_try_state().is_err());
		// Told, it hides the wraps at once.
		Confidential::revoke_issuer(ADMIN_CR, MX);
		Confidential::do_try_state().unwrap();
	});
}

#[test]
fn try_state_catches_wraps_without_a_record_twice_one_reader_or_empty() {
	new_test_ext().execute_with(|| {
		assert_ok!(seal(1, 1, &[ADMIN_MX]));
		Confidential::do_try_state().unwrap();
		let stored = Wraps::<Test>::get(MX, tin(1));
		Records::<Test>::remove(MX, tin(1));
		assert!(Confidential::do_try_state().is_err(), "wraps without their record");
		Records::<Test>::insert(MX, tin(1), sealed(1));
		let twice: WrapsOf<Test> =
			stored.iter().chain(stored.iter()).cloned().collect::<Vec<_>>().try_into().unwrap();
		Wraps::<Test>::insert(MX, tin(1), twice);
		assert!(Confidential::do_try_state().is_err(), "a reader wrapped twice");
		Wraps::<Test>::insert(MX, tin(1), WrapsOf::<Test>::default());
		assert!(Confidential::do_try_state().is_err(), "an empty list stored");
		Wraps::<Test>::insert(MX, tin(1), stored);
		Confidential::do_try_state().unwrap();
	});
}

#[test]
fn a_record_whose_last_wrap_goes_stores_no_empty_list() {
	run(|| {
		assert_ok!(seal(1, 1, &[ADMIN_MX]));
		// The issuer clears its key: its own wrap is unusable, and goes.
		model(|m| {
			m.admin_keys.remove(&MX);
		});
		assert_eq!(Confidential::revoke_unentitled(&tin(1)), 1);
		assert!(!Wraps::<Test>::contains_key(MX, tin(1)));
		assert!(Records::<Test>::contains_key(MX, tin(1)));
		// Adding no wraps stores none either.
		assert_ok!(add(1, 1, &[]));
		assert!(!Wraps::<Test>::contains_key(MX, tin(1)));
	});
}

#[test]
fn a_record_holds_wraps_for_at_most_max_readers() {
	run(|| {
		// MX, and five accounts linked to the TIN: six, the most.
		let accounts = [20, 21, 22, 23, 24];
		model(|m| {
			for a in accounts {
				m.linked.insert(a, (tin(1), [a as u8; 32]));
			}
		});
		let mut readers = vec![ADMIN_MX];
		readers.extend(accounts.iter().map(|a| Reader::Account(*a)));
		assert_ok!(seal(1, 1, &readers));
		// One account moves to another TIN and a new one is linked, before
		// the pallet is told: the record is full.
		model(|m| {
			m.linked.insert(20, (tin(2), [20; 32]));
			m.linked.insert(25, (tin(1), [25; 32]));
		});
		assert_noop!(add(1, 1, &[Reader::Account(25)]), Error::<Test>::TooManyReaders);
		// Told, the pallet makes room.
		assert_eq!(Confidential::revoke_unentitled(&tin(1)), 1);
		assert_ok!(add(1, 1, &[Reader::Account(25)]));
		assert!(holds(&Reader::Account(25), 1));
	});
}

#[test]
fn a_pair_revoked_again_during_its_sweep_starts_over() {
	run(|| {
		cr_loses_eight_records();
		// The sweep stands after three records.
		assert!(matches!(Revoking::<Test>::get(ADMIN_CR, MX), Some(Some(_))));
		Confidential::revoke_issuer(ADMIN_CR, MX);
		// Started over: three visited again (none of them held a wrap now),
		// so five are left, not two.
		assert_eq!((1..=8).filter(|n| stored(&ADMIN_CR, *n)).count(), 5);
		while !revoking().is_empty() {
			Confidential::on_idle(2, frame_support::weights::Weight::MAX);
		}
		assert_eq!((1..=8).filter(|n| stored(&ADMIN_CR, *n)).count(), 0);
	});
}

/// A step of the property: a call, or a change of who is entitled that the
/// runtime follows with the pallet's removals, as the other pallets would.
#[derive(Clone, Debug)]
enum Step {
	Seal { n: u8, readers: u8 },
	SealMany { first: u8, count: u8, readers: u8 },
	AddWraps { n: u8, readers: u8 },
	Recognise { partner: u8, on: bool },
	Consent { n: u8, on: bool },
	Link { account: u8, n: u8 },
	Unlink { account: u8 },
	RotateKey { partner: u8 },
	Retire { partner: u8 },
	Idle,
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		4 => (1..10u8, any::<u8>()).prop_map(|(n, readers)| Step::Seal { n, readers }),
		2 => (1..10u8, 1..5u8, any::<u8>())
			.prop_map(|(first, count, readers)| Step::SealMany { first, count, readers }),
		4 => (1..10u8, any::<u8>()).prop_map(|(n, readers)| Step::AddWraps { n, readers }),
		4 => (0..2u8, any::<bool>()).prop_map(|(partner, on)| Step::Recognise { partner, on }),
		2 => (1..10u8, any::<bool>()).prop_map(|(n, on)| Step::Consent { n, on }),
		1 => (0..2u8, 1..10u8).prop_map(|(account, n)| Step::Link { account, n }),
		1 => (0..2u8).prop_map(|account| Step::Unlink { account }),
		1 => (0..2u8).prop_map(|partner| Step::RotateKey { partner }),
		1 => (0..2u8).prop_map(|partner| Step::Retire { partner }),
		2 => Just(Step::Idle),
	]
}

/// The readers a step may name.
fn candidates() -> [Reader<AccountId>; 5] {
	[ADMIN_MX, ADMIN_CR, ADMIN_PE, Reader::Account(TRADER), Reader::Account(TRADER2)]
}

/// The readers a call names: the low five bits of `mask` pick among those
/// entitled to record `n` (the issuer always, to seal); one time in eight
/// the issuer is left out, and one in eight a reader not entitled slips in:
/// either must fail the call.
fn picked(mask: u8, n: u8, sealing: bool) -> Vec<Reader<AccountId>> {
	let entitled = |r: &Reader<AccountId>| {
		<TestEntitlement as Entitlement<AccountId>>::key_of(r, &tin(n)).is_some()
	};
	let mut readers: Vec<_> = candidates()
		.into_iter()
		.enumerate()
		.filter(|(i, r)| entitled(r) && (mask & (1 << i) != 0 || (sealing && *i == 0)))
		.map(|(_, r)| r)
		.collect();
	if sealing && mask >> 5 == 6 {
		readers.retain(|r| *r != ADMIN_MX);
	}
	if mask >> 5 == 7 {
		readers.extend(candidates().into_iter().find(|r| !entitled(r)));
	}
	readers
}

/// Every (reader, key) that was ever given a wrap of each (record, version).
type Given = std::collections::BTreeMap<(u8, u32), Vec<(Reader<AccountId>, EncryptionKey)>>;

std::thread_local! {
	static GIVEN: std::cell::RefCell<Given> = Default::default();
}

/// Notes that `readers` were given a wrap of version `version` of record `n`.
fn gave(n: u8, version: u32, readers: &[Reader<AccountId>]) {
	GIVEN.with(|given| {
		let mut given = given.borrow_mut();
		let entry = given.entry((n, version)).or_default();
		for (reader, wrap) in wraps(readers, n) {
			entry.push((reader, wrap.key));
		}
	});
}

fn apply(step: &Step, block: u64) {
	let partner = |p: u8| if p == 0 { CR } else { PE };
	let account = |a: u8| if a == 0 { TRADER } else { TRADER2 };
	match step.clone() {
		Step::Seal { n, readers } => {
			let version = Records::<Test>::get(MX, tin(n)).map_or(0, |r| r.version) + 1;
			// Any result: a refusal must change nothing, which the property checks.
			let picked = picked(readers, n, true);
			if seal(n, version, &picked).is_ok() {
				gave(n, version, &picked);
			}
		}
		Step::SealMany { first, count, readers } => {
			// Administrations only; one mask for all, so a slipped-in
			// reader or a left-out issuer refuses the whole call.
			let records: Vec<(u8, u32, Vec<CountryCode>)> = (first..(first + count).min(10))
				.map(|n| {
					let version = Records::<Test>::get(MX, tin(n)).map_or(0, |r| r.version) + 1;
					let countries = picked(readers, n, true)
						.into_iter()
						.filter_map(|r| match r {
							Reader::Administration(c) => Some(c),
							Reader::Account(_) => None,
						})
						.collect();
					(n, version, countries)
				})
				.collect();
			if seal_many(&records).is_ok() {
				for (n, version, countries) in records {
					let readers: Vec<_> =
						countries.into_iter().map(Reader::Administration).collect();
					gave(n, version, &readers);
				}
			}
		}
		Step::AddWraps { n, readers } => {
			let version = Records::<Test>::get(MX, tin(n)).map_or(1, |r| r.version);
			let picked = picked(readers, n, false);
			if add(n, version, &picked).is_ok() {
				gave(n, version, &picked);
			}
		}
		Step::Recognise { partner: p, on } => {
			model(|m| {
				if on {
					m.recognises.insert((MX, partner(p)));
				} else {
					m.recognises.remove(&(MX, partner(p)));
				}
			});
			if !on {
				Confidential::revoke_issuer(Reader::Administration(partner(p)), MX);
			}
		}
		Step::Consent { n, on } => {
			model(|m| {
				if on {
					m.consents.insert(tin(n));
				} else {
					m.consents.remove(&tin(n));
				}
			});
			Confidential::revoke_unentitled(&tin(n));
		}
		Step::Link { account: a, n } => {
			let before = MODEL.with(|m| m.borrow().linked.get(&account(a)).cloned());
			model(|m| {
				m.linked.insert(account(a), (tin(n), [a + 1; 32]));
			});
			if let Some((old, _)) = before {
				Confidential::revoke_unentitled(&old);
			}
		}
		Step::Unlink { account: a } => {
			let before = MODEL.with(|m| m.borrow_mut().linked.remove(&account(a)));
			if let Some((old, _)) = before {
				Confidential::revoke_unentitled(&old);
			}
		}
		Step::RotateKey { partner: p } => {
			model(|m| {
				if let Some(key) = m.admin_keys.get_mut(&partner(p)) {
					key[31] = key[31].wrapping_add(1);
				}
			});
			// As the runtime does when an administration publishes a key.
			Confidential::end_epoch(MX);
		}
		Step::Retire { partner: p } => {
			model(|m| {
				m.admin_keys.remove(&partner(p));
			});
			Confidential::revoke_issuer(Reader::Administration(partner(p)), MX);
		}
		Step::Idle => {
			Confidential::on_idle(block, frame_support::weights::Weight::MAX);
		}
	}
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(500))]

	/// After any sequence of calls and entitlement changes, no reader can
	/// use a wrap it is not entitled to, once the revocations are done no
	/// such wrap is stored at all, and a reason is never sealable under a
	/// data key a reader no longer entitled was given.
	#[test]
	fn no_reader_ever_holds_a_wrap_it_is_not_entitled_to(
		steps in prop::collection::vec(step(), 1..60)
	) {
		GIVEN.with(|given| given.borrow_mut().clear());
		new_test_ext().execute_with(|| {
			for (i, step) in steps.iter().enumerate() {
				apply(step, i as u64 + 2);
				Confidential::do_try_state()
					.map_err(|e| TestCaseError::fail(format!("{e:?} after {step:?}")))?;
				// A reason may be sealed under a record's data key only while
				// everyone ever given it may read the record still.
				for n in 1..10 {
					let Some(version) = Confidential::sealable_version(&tin(n)) else { continue };
					let given = GIVEN.with(|g| g.borrow().get(&(n, version)).cloned()).unwrap_or_default();
					for (reader, key) in given {
						prop_assert!(
							<TestEntitlement as Entitlement<AccountId>>::key_of(&reader, &tin(n))
								== Some(key) && !Revoking::<Test>::contains_key(&reader, MX),
							"MXA{} v{} is sealable though {:?} lost it, after {:?}", n, version, reader, step
						);
					}
				}
				for reader in candidates() {
					for n in 1..10 {
						if holds(&reader, n) {
							prop_assert!(
								<TestEntitlement as Entitlement<AccountId>>::key_of(&reader, &tin(n))
									.is_some(),
								"{:?} holds MXA{} after {:?}", reader, n, step
							);
						}
					}
				}
			}
			while !revoking().is_empty() {
				Confidential::on_idle(1_000, frame_support::weights::Weight::MAX);
			}
			for (_, tin, wraps) in Wraps::<Test>::iter() {
				for (reader, _) in wraps {
					prop_assert!(
						<TestEntitlement as Entitlement<AccountId>>::key_of(&reader, &tin).is_some(),
						"{:?} still stores a wrap of {:?}", reader, tin
					);
				}
			}
			Ok(())
		})?;
	}
}

#[test]
fn a_wrap_is_shown_only_while_its_reader_is_entitled_with_the_key_it_was_made_for() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
			m.linked.insert(TRADER, (tin(1), [5; 32]));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR, Reader::Account(TRADER)]));
		// CR rotates its key: the wrap made for the old one is not shown.
		model(|m| {
			m.admin_keys.insert(CR, [7; 32]);
		});
		assert!(!holds(&ADMIN_CR, 1) && stored(&ADMIN_CR, 1));
		assert_ok!(add(1, 1, &[ADMIN_CR]));
		assert!(holds(&ADMIN_CR, 1));
		// The trader's account is relinked elsewhere before the pallet is
		// told: its wrap is not shown meanwhile.
		model(|m| {
			m.linked.insert(TRADER, (tin(2), [5; 32]));
		});
		assert!(!holds(&Reader::Account(TRADER), 1));
		Confidential::revoke_unentitled(&tin(1));
	});
}

#[test]
fn a_reason_is_sealable_under_a_version_until_one_of_its_readers_loses_it() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
			m.recognises.insert((MX, PE));
			m.linked.insert(TRADER, (tin(1), [5; 32]));
		});
		// Never sealed: nothing to seal a reason under.
		assert_eq!(Confidential::sealable_version(&tin(1)), None);
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR]));
		assert_ok!(seal(2, 1, &[ADMIN_MX]));
		assert_eq!(Confidential::sealable_version(&tin(1)), Some(1));
		// A reader added keeps it sealable; a new version is sealable.
		assert_ok!(add(1, 1, &[ADMIN_PE, Reader::Account(TRADER)]));
		assert_eq!(Confidential::sealable_version(&tin(1)), Some(1));
		assert_ok!(seal(1, 2, &[ADMIN_MX, ADMIN_CR, ADMIN_PE]));
		assert_eq!(Confidential::sealable_version(&tin(1)), Some(2));
		// Consent withdrawn: CR and PE lose their wraps, and the version.
		model(|m| {
			m.consents.remove(&tin(1));
		});
		assert_eq!(Confidential::revoke_unentitled(&tin(1)), 2);
		assert_eq!(Confidential::sealable_version(&tin(1)), None);
		// Another record of the issuer is untouched.
		assert_eq!(Confidential::sealable_version(&tin(2)), Some(1));
		// Sealed again, for those entitled now: sealable again.
		assert_ok!(seal(1, 3, &[ADMIN_MX]));
		assert_eq!(Confidential::sealable_version(&tin(1)), Some(3));
		// Nothing removed (nothing was theirs): still sealable.
		assert_eq!(Confidential::revoke_unentitled(&tin(1)), 0);
		assert_eq!(Confidential::sealable_version(&tin(1)), Some(3));
	});
}

#[test]
fn an_issuer_wide_revocation_or_a_new_key_ends_every_sealable_version_of_the_issuer() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR]));
		assert_ok!(seal(2, 1, &[ADMIN_MX]));
		model(|m| {
			m.recognises.remove(&(MX, CR));
		});
		Confidential::revoke_issuer(ADMIN_CR, MX);
		// Hidden at once, and no reason under either version (the sweep
		// does not say which records CR read; the epoch does for all).
		assert_eq!(Confidential::sealable_version(&tin(1)), None);
		assert_eq!(Confidential::sealable_version(&tin(2)), None);
		assert_ok!(seal(2, 2, &[ADMIN_MX]));
		assert_eq!(Confidential::sealable_version(&tin(2)), Some(2));
		// A new key of any administration: whoever holds the old one may
		// have read what was wrapped for it.
		Confidential::end_epoch(MX);
		assert_eq!(Confidential::sealable_version(&tin(2)), None);
	});
}

#[test]
fn a_wrap_replaced_for_a_new_key_ends_the_sealable_version() {
	run(|| {
		model(|m| {
			m.recognises.insert((MX, CR));
		});
		assert_ok!(seal(1, 1, &[ADMIN_MX, ADMIN_CR]));
		// The same key again changes nothing.
		assert_ok!(add(1, 1, &[ADMIN_CR]));
		assert_eq!(Confidential::sealable_version(&tin(1)), Some(1));
		model(|m| {
			m.admin_keys.insert(CR, [7; 32]);
		});
		assert_ok!(add(1, 1, &[ADMIN_CR]));
		assert_eq!(Confidential::sealable_version(&tin(1)), None);
	});
}

#[test]
fn try_state_catches_a_seal_epoch_of_another_version_or_in_the_future() {
	run(|| {
		assert_ok!(seal(1, 1, &[ADMIN_MX]));
		assert_ok!(Confidential::do_try_state());
		SealedIn::<Test>::insert(MX, tin(1), (0, 2));
		assert!(Confidential::do_try_state().is_err());
		SealedIn::<Test>::insert(MX, tin(1), (1, 1));
		assert!(Confidential::do_try_state().is_err());
		SealedIn::<Test>::insert(MX, tin(2), (0, 1));
		assert!(Confidential::do_try_state().is_err());
		SealedIn::<Test>::remove(MX, tin(2));
		SealedIn::<Test>::insert(MX, tin(1), (0, 1));
	});
}
