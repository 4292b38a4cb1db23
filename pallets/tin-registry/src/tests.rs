//! Tests of every dispatchable's success and errors, and every refused origin.

use crate::{mock::*, *};
use cadena_primitives::TinRegistry as _;
use frame_support::{assert_noop, assert_ok};
use sp_core::Pair;
use sp_keyring::Sr25519Keyring::{self, Alice, Bob, Charlie, Dave, Eve, Ferdie};
use sp_runtime::{DispatchError, MultiSignature};

const TIN: &[u8] = b"MXAAA010101AAA";

fn origin(key: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(account(key))
}

fn tin() -> Tin {
	Tin::parse(TIN).unwrap()
}

fn data() -> TraderData {
	TraderData { consent: true }
}

fn register() {
	assert_ok!(TinRegistry::register(origin(Alice), TIN.to_vec(), data()));
}

/// The block link requests are valid until in these tests.
const VALID: u64 = 100;

fn link_signature(trader: Sr25519Keyring, tin: &Tin) -> MultiSignature {
	trader.pair().sign(&TinRegistry::link_request(tin, &account(trader), VALID)).into()
}

fn link(trader: Sr25519Keyring) -> frame_support::dispatch::DispatchResult {
	TinRegistry::link_account(
		origin(Alice),
		TIN.to_vec(),
		account(trader),
		VALID,
		link_signature(trader, &tin()),
	)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

#[test]
fn a_registrar_registers_a_tin_of_its_country() {
	run(|| {
		System::set_block_number(7);
		register();
		assert_eq!(last_event(), Event::TinRegistered { tin: tin(), by: account(Alice) }.into());
		let record = Traders::<Test>::get(tin()).unwrap();
		assert_eq!(record.status, TinStatus::Active);
		assert!(record.consent);
		assert_eq!(record.changed_by, account(Alice));
		assert_eq!(record.changed_at_block, 7);
		assert_eq!(record.changed_at, Now::get());
		assert!(TinRegistry::is_active(&tin()));
		assert!(TinRegistry::consents(&tin()));
	});
}

#[test]
fn malformed_tins_get_a_typed_error_each() {
	run(|| {
		let register = |tin: &[u8]| TinRegistry::register(origin(Alice), tin.to_vec(), data());
		assert_noop!(register(b""), Error::<Test>::EmptyTin);
		assert_noop!(register(b"MX"), Error::<Test>::MissingNationalId);
		assert_noop!(register(b"MX1234567890123456"), Error::<Test>::TinTooLong);
		assert_noop!(register(b"mxAAA010101AAA"), Error::<Test>::LowerCaseTin);
		assert_noop!(register(b"MX AAA010101AAA"), Error::<Test>::InvalidTinCharacter);
		assert_noop!(register(b"XXAAA010101AAA"), Error::<Test>::UnknownTinCountry);
		assert!(Traders::<Test>::iter().next().is_none());
	});
}

#[test]
fn only_registrars_of_the_tins_country_register() {
	run(|| {
		let register_as = |who| TinRegistry::register(origin(who), TIN.to_vec(), data());
		assert_noop!(register_as(Bob), Error::<Test>::NotRegistrar);
		assert_noop!(register_as(Charlie), Error::<Test>::OtherCountry);
		assert_noop!(register_as(Dave), Error::<Test>::NotOfficer);
		assert_noop!(register_as(Eve), Error::<Test>::NotOfficer);
		assert_noop!(
			TinRegistry::register(RuntimeOrigin::root(), TIN.to_vec(), data()),
			DispatchError::BadOrigin
		);
		register();
		assert_noop!(register_as(Alice), Error::<Test>::AlreadyRegistered);
	});
}

#[test]
fn a_record_holds_no_name_address_or_contact() {
	// The trader's record is what recognition reads; its name and address
	// are sealed elsewhere (pallet-confidential), so none of the calls here
	// can carry them.
	let info = <TraderRecord<u8, u8, u8> as scale_info::TypeInfo>::type_info();
	let scale_info::TypeDef::Composite(record) = info.type_def else { panic!("a struct") };
	let fields: Vec<_> = record.fields.iter().filter_map(|f| f.name).collect();
	assert_eq!(fields, ["status", "consent", "changed_by", "changed_at_block", "changed_at"]);
	let info = <TraderData as scale_info::TypeInfo>::type_info();
	let scale_info::TypeDef::Composite(data) = info.type_def else { panic!("a struct") };
	assert_eq!(data.fields.iter().filter_map(|f| f.name).collect::<Vec<_>>(), ["consent"]);
}

#[test]
fn a_registrar_updates_and_closes_its_tins() {
	run(|| {
		register();
		System::set_block_number(9);
		assert_ok!(TinRegistry::update(origin(Alice), TIN.to_vec(), data()));
		assert_eq!(last_event(), Event::TinUpdated { tin: tin(), by: account(Alice) }.into());
		assert_eq!(Traders::<Test>::get(tin()).unwrap().changed_at_block, 9);
		assert_noop!(
			TinRegistry::update(origin(Charlie), TIN.to_vec(), data()),
			Error::<Test>::OtherCountry
		);
		assert_noop!(TinRegistry::close(origin(Bob), TIN.to_vec()), Error::<Test>::NotRegistrar);
		assert_noop!(
			TinRegistry::update(origin(Alice), b"MXB1".to_vec(), data()),
			Error::<Test>::UnknownTin
		);
		assert_ok!(TinRegistry::close(origin(Alice), TIN.to_vec()));
		assert_eq!(last_event(), Event::TinClosed { tin: tin(), by: account(Alice) }.into());
		assert!(!TinRegistry::is_active(&tin()));
		// Closed is closed.
		assert_noop!(TinRegistry::close(origin(Alice), TIN.to_vec()), Error::<Test>::TinClosed);
		assert_noop!(
			TinRegistry::update(origin(Alice), TIN.to_vec(), data()),
			Error::<Test>::TinClosed
		);
		assert_noop!(link(Eve), Error::<Test>::TinClosed);
	});
}

#[test]
fn a_trader_asks_and_a_registrar_links_its_account() {
	run(|| {
		register();
		assert!(!TinRegistry::contains(&account(Eve)));
		assert_ok!(link(Eve));
		assert_eq!(
			last_event(),
			Event::AccountLinked { tin: tin(), account: account(Eve), by: account(Alice) }.into()
		);
		assert_eq!(TinRegistry::linked_tin(&account(Eve)), Some(tin()));
		assert!(TinRegistry::contains(&account(Eve)));
		assert_eq!(System::providers(&account(Eve)), 1);
		assert_noop!(link(Eve), Error::<Test>::AlreadyLinked);
	});
}

#[test]
fn linking_refuses_bad_requests() {
	run(|| {
		register();
		// Signed by another key, or for another TIN or account.
		let forged = link_signature(Ferdie, &tin());
		assert_noop!(
			TinRegistry::link_account(origin(Alice), TIN.to_vec(), account(Eve), VALID, forged),
			Error::<Test>::BadLinkSignature
		);
		let other_tin = link_signature(Eve, &Tin::parse(b"MXB1").unwrap());
		assert_noop!(
			TinRegistry::link_account(origin(Alice), TIN.to_vec(), account(Eve), VALID, other_tin),
			Error::<Test>::BadLinkSignature
		);
		// Only a Registrar of the TIN's country approves.
		for (who, error) in [
			(Bob, Error::<Test>::NotRegistrar),
			(Charlie, Error::<Test>::OtherCountry),
			(Eve, Error::<Test>::NotOfficer),
		] {
			assert_noop!(
				TinRegistry::link_account(
					origin(who),
					TIN.to_vec(),
					account(Eve),
					VALID,
					link_signature(Eve, &tin())
				),
				error
			);
		}
		assert_noop!(
			TinRegistry::link_account(
				origin(Alice),
				b"MXB1".to_vec(),
				account(Eve),
				VALID,
				link_signature(Eve, &Tin::parse(b"MXB1").unwrap())
			),
			Error::<Test>::UnknownTin
		);
		// MaxLinkedAccounts is 2.
		assert_ok!(link(Eve));
		assert_ok!(link(Ferdie));
		assert_noop!(link(Dave), Error::<Test>::TooManyLinkedAccounts);
	});
}

#[test]
fn accounts_are_unlinked_by_themselves_or_their_registrar() {
	run(|| {
		register();
		assert_ok!(link(Eve));
		assert_ok!(link(Ferdie));
		assert_noop!(
			TinRegistry::unlink_account(origin(Charlie), account(Eve)),
			Error::<Test>::OtherCountry
		);
		assert_noop!(
			TinRegistry::unlink_account(origin(Ferdie), account(Eve)),
			Error::<Test>::NotOfficer
		);
		assert_noop!(
			TinRegistry::unlink_account(origin(Alice), account(Dave)),
			Error::<Test>::NotLinked
		);
		assert_ok!(TinRegistry::unlink_account(origin(Eve), account(Eve)));
		assert_eq!(
			last_event(),
			Event::AccountUnlinked { tin: tin(), account: account(Eve), by: account(Eve) }.into()
		);
		assert_ok!(TinRegistry::unlink_account(origin(Alice), account(Ferdie)));
		assert_eq!(TinRegistry::linked_tin(&account(Ferdie)), None);
		assert!(AccountsOf::<Test>::get(tin()).is_empty());
		assert_eq!(System::providers(&account(Eve)), 0);
	});
}

#[test]
fn a_linked_trader_withdraws_and_gives_consent() {
	run(|| {
		register();
		assert_ok!(link(Eve));
		Now::set(1_800_000_000_000);
		assert_ok!(TinRegistry::set_consent(origin(Eve), false));
		assert_eq!(
			last_event(),
			Event::ConsentChanged { tin: tin(), consent: false, by: account(Eve) }.into()
		);
		let record = Traders::<Test>::get(tin()).unwrap();
		assert!(!record.consent);
		assert_eq!((record.changed_by, record.changed_at), (account(Eve), 1_800_000_000_000));
		assert!(!TinRegistry::consents(&tin()));
		assert_ok!(TinRegistry::set_consent(origin(Eve), true));
		assert!(TinRegistry::consents(&tin()));
		// Nobody else: not an officer, not an unlinked trader.
		assert_noop!(TinRegistry::set_consent(origin(Alice), false), Error::<Test>::NotLinked);
		assert_noop!(TinRegistry::set_consent(origin(Ferdie), false), Error::<Test>::NotLinked);
		assert_noop!(
			TinRegistry::set_consent(RuntimeOrigin::root(), false),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn try_state_catches_broken_link_indexes() {
	new_test_ext().execute_with(|| {
		register();
		LinkedAccounts::<Test>::insert(account(Eve), tin());
		assert!(TinRegistry::do_try_state().is_err());
	});
}

/// Issue #12, fault 6: a Registrar's `update` rewrote the consent of a trader
/// that had its own account, and nobody was told.
#[test]
fn a_registrar_cannot_rewrite_a_linked_traders_consent() {
	run(|| {
		register();
		assert_ok!(link(Eve));
		let withdrawn = TraderData { consent: false };
		assert_noop!(
			TinRegistry::update(origin(Alice), TIN.to_vec(), withdrawn),
			Error::<Test>::ConsentIsTheTraders
		);
		// The same consent is no change of it.
		assert_ok!(TinRegistry::update(origin(Alice), TIN.to_vec(), data()));
		assert!(TinRegistry::consents(&tin()));
		// The trader withdraws; the Registrar's data keeps the trader's word.
		assert_ok!(TinRegistry::set_consent(origin(Eve), false));
		assert_noop!(
			TinRegistry::update(origin(Alice), TIN.to_vec(), data()),
			Error::<Test>::ConsentIsTheTraders
		);
	});
}

/// Issue #12, fault 6: every change of consent is an event, whoever makes it.
#[test]
fn a_registrar_recording_consent_for_an_unlinked_trader_tells_subscribers() {
	run(|| {
		register();
		System::reset_events();
		assert_ok!(TinRegistry::update(origin(Alice), TIN.to_vec(), data()));
		assert_eq!(System::events().len(), 1, "no consent change, no consent event");
		let withdrawn = TraderData { consent: false };
		assert_ok!(TinRegistry::update(origin(Alice), TIN.to_vec(), withdrawn));
		assert_eq!(
			last_event(),
			Event::ConsentChanged { tin: tin(), consent: false, by: account(Alice) }.into()
		);
		assert!(!TinRegistry::consents(&tin()));
	});
}

/// Issue #12, fault 7: a TIN closed by mistake could never be reopened, and
/// its accounts kept signing.
#[test]
fn a_closed_tin_signs_nothing_and_its_registrar_reopens_it() {
	run(|| {
		register();
		assert_ok!(link(Eve));
		assert!(TinRegistry::contains(&account(Eve)));
		assert_noop!(TinRegistry::reopen(origin(Alice), TIN.to_vec()), Error::<Test>::NotClosed);
		assert_ok!(TinRegistry::close(origin(Alice), TIN.to_vec()));
		assert!(!TinRegistry::contains(&account(Eve)), "a closed TIN's account signs nothing");
		assert!(!TinRegistry::is_active(&tin()));
		for (who, error) in [
			(Bob, Error::<Test>::NotRegistrar),
			(Charlie, Error::<Test>::OtherCountry),
			(Eve, Error::<Test>::NotOfficer),
		] {
			assert_noop!(TinRegistry::reopen(origin(who), TIN.to_vec()), error);
		}
		assert_noop!(
			TinRegistry::reopen(origin(Alice), b"MXB1".to_vec()),
			Error::<Test>::UnknownTin
		);
		assert_ok!(TinRegistry::reopen(origin(Alice), TIN.to_vec()));
		assert_eq!(last_event(), Event::TinReopened { tin: tin(), by: account(Alice) }.into());
		assert!(TinRegistry::is_active(&tin()));
		assert!(TinRegistry::contains(&account(Eve)));
	});
}

/// Issue #12, fault 9: a link signature could be replayed after an unlink,
/// by any Registrar, for ever.
#[test]
fn a_link_request_links_once() {
	run(|| {
		register();
		let request = link_signature(Eve, &tin());
		assert_ok!(TinRegistry::link_account(
			origin(Alice),
			TIN.to_vec(),
			account(Eve),
			VALID,
			request.clone()
		));
		assert_eq!(LinkNonces::<Test>::get(account(Eve)), 1);
		assert_ok!(TinRegistry::unlink_account(origin(Eve), account(Eve)));
		assert_noop!(
			TinRegistry::link_account(origin(Alice), TIN.to_vec(), account(Eve), VALID, request),
			Error::<Test>::BadLinkSignature
		);
		// A new request, with the next nonce, links it again.
		assert_ok!(link(Eve));
	});
}

/// Issue #12, fault 9: a request signed for a test net linked on production.
#[test]
fn a_link_request_of_another_chain_is_refused() {
	run(|| {
		register();
		let test_net = link_signature(Eve, &tin());
		frame_system::BlockHash::<Test>::insert(0, sp_core::H256::repeat_byte(7));
		assert_noop!(
			TinRegistry::link_account(origin(Alice), TIN.to_vec(), account(Eve), VALID, test_net),
			Error::<Test>::BadLinkSignature
		);
		assert_ok!(link(Eve));
	});
}

/// Issue #12, fault 9: a request is usable until its block, not for ever.
#[test]
fn an_expired_link_request_is_refused() {
	run(|| {
		register();
		let request = link_signature(Eve, &tin());
		System::set_block_number(VALID + 1);
		assert_noop!(
			TinRegistry::link_account(origin(Alice), TIN.to_vec(), account(Eve), VALID, request),
			Error::<Test>::LinkRequestExpired
		);
		// Nor does claiming a later expiry help: the signature covers it.
		let request = link_signature(Eve, &tin());
		assert_noop!(
			TinRegistry::link_account(
				origin(Alice),
				TIN.to_vec(),
				account(Eve),
				VALID + 9,
				request
			),
			Error::<Test>::BadLinkSignature
		);
	});
}

/// Issue #12, fault 11: a real Mexican RFC, with `Ñ` and `&`, registers.
#[test]
fn a_mexican_rfc_with_n_tilde_and_ampersand_registers() {
	run(|| {
		let rfc = "MXÑ&A010101AB1".as_bytes();
		assert_ok!(TinRegistry::register(origin(Alice), rfc.to_vec(), data()));
		assert!(TinRegistry::is_active(&Tin::parse(rfc).unwrap()));
		assert_noop!(
			TinRegistry::register(origin(Charlie), "CRÑ3101123456".as_bytes().to_vec(), data()),
			Error::<Test>::InvalidTinCharacter
		);
	});
}

#[test]
fn a_linked_trader_publishes_and_clears_its_encryption_key() {
	run(|| {
		register();
		// Only a linked account publishes a key.
		assert_noop!(
			TinRegistry::set_encryption_key(origin(Eve), Some([9; 32])),
			Error::<Test>::NotLinked
		);
		assert_ok!(link(Eve));
		assert_noop!(
			TinRegistry::set_encryption_key(origin(Eve), Some([0; 32])),
			Error::<Test>::InvalidEncryptionKey
		);
		assert_ok!(TinRegistry::set_encryption_key(origin(Eve), Some([9; 32])));
		assert_eq!(TraderKeys::<Test>::get(account(Eve)), Some([9; 32]));
		assert_eq!(
			last_event(),
			Event::TraderKeySet { tin: tin(), account: account(Eve), key: Some([9; 32]) }.into()
		);
		// A new key replaces the old; `None` clears it.
		assert_ok!(TinRegistry::set_encryption_key(origin(Eve), Some([8; 32])));
		assert_eq!(TraderKeys::<Test>::get(account(Eve)), Some([8; 32]));
		assert_ok!(TinRegistry::set_encryption_key(origin(Eve), None));
		assert_eq!(TraderKeys::<Test>::get(account(Eve)), None);
		// An officer's key is not a trader's.
		assert_noop!(
			TinRegistry::set_encryption_key(origin(Alice), Some([9; 32])),
			Error::<Test>::NotLinked
		);
		TinRegistry::do_try_state().unwrap();
	});
}

#[test]
fn unlinking_removes_the_traders_key() {
	run(|| {
		register();
		assert_ok!(link(Eve));
		assert_ok!(TinRegistry::set_encryption_key(origin(Eve), Some([9; 32])));
		assert_ok!(TinRegistry::unlink_account(origin(Alice), account(Eve)));
		assert_eq!(TraderKeys::<Test>::get(account(Eve)), None);
		TinRegistry::do_try_state().unwrap();
		// Its key does not come back with a new link.
		System::set_block_number(2);
		assert_ok!(TinRegistry::link_account(
			origin(Alice),
			TIN.to_vec(),
			account(Eve),
			VALID,
			link_signature(Eve, &tin()),
		));
		assert_eq!(TraderKeys::<Test>::get(account(Eve)), None);
	});
}

#[test]
fn try_state_catches_a_key_without_its_link() {
	new_test_ext().execute_with(|| {
		TraderKeys::<Test>::insert(account(Eve), [9; 32]);
		assert!(TinRegistry::do_try_state().is_err());
	});
}

#[test]
fn fewer_readers_of_a_record_are_told_in_the_call_that_made_them_fewer() {
	use cadena_primitives::testing::{take_told, EntitlementEnd};
	run(|| {
		register();
		assert_ok!(link(Eve));
		assert_ok!(link(Ferdie));
		take_told();
		let told = || EntitlementEnd::Tin(tin());
		// Consent given again, a key published: nobody reads less... except
		// the holder of a wrap made for the key replaced.
		assert_ok!(TinRegistry::set_consent(origin(Eve), true));
		assert_eq!(take_told(), vec![]);
		assert_ok!(TinRegistry::set_encryption_key(origin(Eve), Some([9; 32])));
		assert_eq!(take_told(), vec![told()]);
		assert_ok!(TinRegistry::set_consent(origin(Eve), false));
		assert_eq!(take_told(), vec![told()]);
		assert_ok!(TinRegistry::unlink_account(origin(Eve), account(Eve)));
		assert_eq!(take_told(), vec![told()]);
		assert_ok!(TinRegistry::unlink_account(origin(Alice), account(Ferdie)));
		assert_eq!(take_told(), vec![told()]);
		// Without linked accounts the Registrar records the consent.
		let given = TraderData { consent: true };
		let info = TinRegistry::update(origin(Alice), TIN.to_vec(), given).unwrap();
		assert_eq!(take_told(), vec![]);
		assert_eq!(info.actual_weight, Some(<() as crate::WeightInfo>::update()), "refunded");
		let withdrawn = TraderData { consent: false };
		let info = TinRegistry::update(origin(Alice), TIN.to_vec(), withdrawn).unwrap();
		assert_eq!(take_told(), vec![told()]);
		assert_eq!(info.actual_weight, None, "charged in full");
	});
}

#[test]
fn a_small_order_trader_key_is_refused() {
	run(|| {
		register();
		assert_ok!(link(Eve));
		let mut one = [0; 32];
		one[0] = 1;
		assert_noop!(
			TinRegistry::set_encryption_key(origin(Eve), Some(one)),
			Error::<Test>::InvalidEncryptionKey
		);
	});
}

fn ids(list: &[&[u8]]) -> PartnerIds {
	let ids: Vec<PartnerId> = list.iter().map(|t| PartnerId::parse(t).unwrap()).collect();
	ids.try_into().unwrap()
}

#[test]
fn a_registrar_records_the_identifiers_partners_key_its_trader_on() {
	run(|| {
		register();
		let mid = ids(&[b"MID:MXAAAMAN1234GUA", b"EORI:MX0001"]);
		assert_ok!(TinRegistry::set_partner_ids(origin(Alice), TIN.to_vec(), mid.clone()));
		assert_eq!(
			last_event(),
			Event::PartnerIdsSet { tin: tin(), ids: mid.clone(), by: account(Alice) }.into()
		);
		let one = PartnerId::parse(b"MID:MXAAAMAN1234GUA").unwrap();
		assert_eq!(TinRegistry::tin_of_partner(MX, &one), Some(tin()));
		// Scoped to the recording country: CR's lookups of it find nothing.
		assert_eq!(TinRegistry::tin_of_partner(CR, &one), None);
		// A new list replaces the old one, in both indexes.
		assert_ok!(TinRegistry::set_partner_ids(
			origin(Alice),
			TIN.to_vec(),
			ids(&[b"EORI:MX0001"])
		));
		assert_eq!(TinRegistry::tin_of_partner(MX, &one), None);
		assert_eq!(PartnerIdsOf::<Test>::get(tin()), ids(&[b"EORI:MX0001"]));
		assert_ok!(TinRegistry::set_partner_ids(origin(Alice), TIN.to_vec(), ids(&[])));
		assert!(PartnerIdsOf::<Test>::iter().next().is_none());
		assert!(PartnerIdIndex::<Test>::iter().next().is_none());
	});
}

#[test]
fn partner_identifiers_are_refused_with_the_fault() {
	run(|| {
		register();
		let other = b"MXBBB020202BBB";
		assert_ok!(TinRegistry::register(origin(Alice), other.to_vec(), data()));
		assert_ok!(TinRegistry::set_partner_ids(
			origin(Alice),
			other.to_vec(),
			ids(&[b"MID:TAKEN"])
		));
		let bad = PartnerIds::try_from(vec![PartnerId {
			scheme: b"mid".to_vec().try_into().unwrap(),
			value: b"X".to_vec().try_into().unwrap(),
		}])
		.unwrap();
		let set =
			|key, tin: &[u8], list| TinRegistry::set_partner_ids(origin(key), tin.to_vec(), list);
		let cases: Vec<(frame_support::dispatch::DispatchResult, DispatchError)> = vec![
			(set(Bob, TIN, ids(&[b"MID:A"])), Error::<Test>::NotRegistrar.into()),
			(set(Charlie, TIN, ids(&[b"MID:A"])), Error::<Test>::OtherCountry.into()),
			(set(Eve, TIN, ids(&[b"MID:A"])), Error::<Test>::NotOfficer.into()),
			(set(Alice, b"MXCCC030303CCC", ids(&[b"MID:A"])), Error::<Test>::UnknownTin.into()),
			(set(Alice, TIN, bad), Error::<Test>::InvalidPartnerId.into()),
			(set(Alice, TIN, ids(&[b"MID:A", b"MID:A"])), Error::<Test>::DuplicatePartnerId.into()),
			// Another of the country's traders holds it: no squatting.
			(set(Alice, TIN, ids(&[b"MID:TAKEN"])), Error::<Test>::PartnerIdTaken.into()),
		];
		for (result, error) in cases {
			assert_eq!(result, Err(error));
		}
		assert_eq!(
			TinRegistry::tin_of_partner(MX, &PartnerId::parse(b"MID:TAKEN").unwrap()),
			Some(Tin::parse(other).unwrap())
		);
	});
}
