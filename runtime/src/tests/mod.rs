//! Tests of the composed runtime: its genesis presets and its transaction checks.

mod benefits;
mod expiry;
mod fuzz;
mod governance;

use crate::{genesis_config_presets::*, *};
use frame_support::traits::Get;
use sp_core::{sr25519, Pair};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	BuildStorage,
};

/// Deep-merges a preset's patch into the default genesis, as the node does.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		}
		(base, patch) => *base = patch,
	}
}

fn externalities(patch: serde_json::Value) -> sp_io::TestExternalities {
	let mut json = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut json, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(json).unwrap();
	sp_io::TestExternalities::new(config.build_storage().unwrap())
}

fn remark() -> RuntimeCall {
	frame_system::Call::remark { remark: b"hello".to_vec() }.into()
}

fn validate(signer: &sr25519::Pair) -> Result<(), TransactionValidityError> {
	validate_call(signer, remark())
}

fn validate_call(
	signer: &sr25519::Pair,
	call: RuntimeCall,
) -> Result<(), TransactionValidityError> {
	let genesis = System::block_hash(0);
	let nonce = System::account_nonce(AccountId::from(signer.public()));
	let xt = sign_extrinsic(
		signer,
		call,
		nonce,
		genesis,
		VERSION.spec_version,
		VERSION.transaction_version,
	);
	Executive::validate_transaction(TransactionSource::External, xt, genesis).map(|_| ())
}

fn dev(uri: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(uri, None).unwrap()
}

#[test]
fn the_pool_refuses_outsiders_and_accepts_officers_and_validators() {
	externalities(local_config_genesis()).execute_with(|| {
		let (outsider, _) = sr25519::Pair::generate();
		assert_eq!(
			validate(&outsider),
			Err(InvalidTransaction::Custom(pallet_consortium::NOT_A_MEMBER).into())
		);
		// Eve is a development key, but no member of the four-member consortium.
		assert_eq!(
			validate(&dev("//Eve")),
			Err(InvalidTransaction::Custom(pallet_consortium::NOT_A_MEMBER).into())
		);
		let not_permitted =
			Err(InvalidTransaction::Custom(pallet_consortium::CALL_NOT_PERMITTED).into());
		for officer in ["//Alice", "//Bob//registrar", "//Charlie//approver", "//Dave"] {
			assert_eq!(
				validate(&dev(officer)),
				not_permitted,
				"{officer}: members, but no remarks"
			);
		}
		for (officer, call) in [
			("//Alice", mra_suspend()),
			("//Bob//registrar", tin_close()),
			("//Charlie//approver", certificate_suspend()),
			("//Dave", mra_suspend()),
		] {
			assert_eq!(validate_call(&dev(officer), call), Ok(()), "{officer}");
		}
	});
}

fn mra_suspend() -> RuntimeCall {
	pallet_mra::Call::suspend { id: 0 }.into()
}

fn tin_close() -> RuntimeCall {
	pallet_tin_registry::Call::close { tin: b"CRA1".to_vec() }.into()
}

fn certificate_suspend() -> RuntimeCall {
	pallet_aeo_certificates::Call::suspend {
		id: cadena_primitives::CertificateId::new(cadena_primitives::CountryCode(*b"MX"), b"A-1")
			.unwrap(),
		code: 1,
		reason: vec![],
	}
	.into()
}

fn batch(calls: Vec<RuntimeCall>) -> RuntimeCall {
	pallet_utility::Call::batch { calls }.into()
}

/// Issue #12, fault 1: any member's key (an Auditor's, a validator's, a
/// trader's) could fill blocks with `System.remark` or batches of them.
#[test]
fn each_signer_sends_only_the_calls_its_role_needs_even_inside_batches() {
	externalities(local_config_genesis()).execute_with(|| {
		let not_permitted = || -> Result<(), TransactionValidityError> {
			Err(InvalidTransaction::Custom(pallet_consortium::CALL_NOT_PERMITTED).into())
		};
		let approver = dev("//Alice//approver");
		let registrar = dev("//Alice//registrar");
		let admin = dev("//Alice");
		// Each role its own pallet, and not another's.
		assert_eq!(validate_call(&registrar, certificate_suspend()), not_permitted());
		assert_eq!(validate_call(&approver, tin_close()), not_permitted());
		assert_eq!(validate_call(&approver, mra_suspend()), not_permitted());
		assert_eq!(validate_call(&registrar, mra_suspend()), not_permitted());
		// Wrappers are looked into, at any depth.
		assert_eq!(validate_call(&approver, batch(vec![certificate_suspend(); 3])), Ok(()));
		assert_eq!(
			validate_call(&approver, batch(vec![certificate_suspend(), remark()])),
			not_permitted()
		);
		assert_eq!(
			validate_call(&approver, batch(vec![batch(vec![certificate_suspend(), remark()])])),
			not_permitted()
		);
		assert_eq!(validate_call(&approver, batch(vec![])), not_permitted());
		let derivative: RuntimeCall =
			pallet_utility::Call::as_derivative { index: 0, call: Box::new(certificate_suspend()) }
				.into();
		assert_eq!(validate_call(&approver, derivative), not_permitted());
		// Nobody transfers balances or remarks.
		let transfer: RuntimeCall = pallet_balances::Call::transfer_allow_death {
			dest: AccountId::from(registrar.public()).into(),
			value: 1,
		}
		.into();
		assert_eq!(validate_call(&admin, transfer), not_permitted());
		// An Auditor reads: it signs nothing.
		let auditor = dev("//Alice//auditor");
		Consortium::add_officer(
			RuntimeOrigin::signed(AccountId::from(admin.public())),
			AccountId::from(auditor.public()),
			cadena_primitives::Role::Auditor.into(),
		)
		.unwrap();
		for call in [remark(), mra_suspend(), tin_close(), certificate_suspend()] {
			assert_eq!(validate_call(&auditor, call), not_permitted());
		}
	});
}

#[test]
fn local_testnet_has_four_administrations_and_no_superuser() {
	externalities(local_config_genesis()).execute_with(|| {
		let active = pallet_consortium::ActiveMembers::<Runtime>::get();
		let codes: Vec<&str> = active.iter().map(|c| c.as_str()).collect();
		assert_eq!(codes, vec!["CO", "CR", "MX", "PE"]);
		assert_eq!(configs::CouncilMembers::get().len(), 4);
		assert_eq!(pallet_session::Validators::<Runtime>::get().len(), 4);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 4);
		Consortium::do_try_state().unwrap();
		// No pallet here dispatches as root: no sudo, and the council's
		// decisions are checked against two thirds of its members.
		assert!(!VERSION.apis.is_empty());
	});
}

#[test]
fn development_has_mexico_alone() {
	externalities(development_config_genesis()).execute_with(|| {
		let active = pallet_consortium::ActiveMembers::<Runtime>::get();
		assert_eq!(active.iter().map(|c| c.as_str()).collect::<Vec<_>>(), vec!["MX"]);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 1);
		assert_eq!(configs::CouncilMembers::get(), vec![AccountId::from(dev("//Alice").public())]);
	});
}

#[test]
fn testnet_genesis_takes_the_first_n_administrations() {
	externalities(testnet_genesis(6)).execute_with(|| {
		assert_eq!(pallet_consortium::ActiveMembers::<Runtime>::get().len(), 6);
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 6);
		Consortium::do_try_state().unwrap();
		// Each validator's node, under the node key cadena-testnet gives it.
		let nodes = Consortium::authorized_nodes();
		assert_eq!(nodes.len(), 6);
		for (index, member) in DEV_MEMBERS.iter().enumerate() {
			let (country, _, address) = nodes
				.iter()
				.find(|(_, peer_id, _)| peer_id.to_vec() == dev_peer_id(index))
				.expect("each validator's node is declared");
			assert_eq!(country.as_str(), member.country);
			assert_eq!(
				address.to_vec(),
				format!("/ip4/127.0.0.1/tcp/{}", 30333 + index).into_bytes()
			);
		}
	});
}

#[test]
fn a_development_node_key_gives_the_peer_id_its_node_reports() {
	// `cadena-node --node-key 00…01` reports the peer id
	// 12D3KooWEyoppNCUx8Yx66oV9fJnriXwCcXwDDUA2kj6vnc6iDEp; these are its bytes.
	assert_eq!(
		sp_core::hexdisplay::HexDisplay::from(&dev_peer_id(0)).to_string(),
		"002408011220\
		 4cb5abf6ad79fbf5abbccafcc269d85cd2651ed4b885b5869f241aedf0a5ba29"
	);
}

/// A Mexican trader's data, as a Registrar submits it.
fn trader_data() -> pallet_tin_registry::TraderData {
	pallet_tin_registry::TraderData { consent: true }
}

#[test]
fn a_trader_linked_to_a_tin_may_sign_and_nobody_else() {
	externalities(local_config_genesis()).execute_with(|| {
		let registrar = RuntimeOrigin::signed(AccountId::from(dev("//Alice//registrar").public()));
		let trader = dev("//trader");
		let tin = cadena_primitives::Tin::parse(b"MXAAA010101AAA").unwrap();
		let data = trader_data();
		TinRegistry::register(registrar.clone(), tin.to_bytes(), data).unwrap();
		let not_a_member = Err(InvalidTransaction::Custom(pallet_consortium::NOT_A_MEMBER).into());
		let consent: RuntimeCall = pallet_tin_registry::Call::set_consent { consent: false }.into();
		let validate = |signer: &sr25519::Pair| validate_call(signer, consent.clone());
		assert_eq!(validate(&trader), not_a_member);

		let account = AccountId::from(trader.public());
		let signature = trader.sign(&TinRegistry::link_request(&tin, &account, 10));
		TinRegistry::link_account(registrar.clone(), tin.to_bytes(), account, 10, signature.into())
			.unwrap();
		assert_eq!(validate(&trader), Ok(()));
		// Its own encryption key too.
		let key: RuntimeCall =
			pallet_tin_registry::Call::set_encryption_key { key: Some([9; 32]) }.into();
		assert_eq!(validate_call(&trader, key.clone()), Ok(()));
		// An officer other than a Registrar may not: the call is a trader's.
		let approver = dev("//Alice//approver");
		assert_eq!(
			validate_call(&approver, key),
			Err(InvalidTransaction::Custom(pallet_consortium::CALL_NOT_PERMITTED).into())
		);
		// Issue #12, fault 1: a trader signs its consent and its own link,
		// nothing else.
		let not_permitted =
			Err(InvalidTransaction::Custom(pallet_consortium::CALL_NOT_PERMITTED).into());
		assert_eq!(validate_call(&trader, remark()), not_permitted);
		assert_eq!(validate_call(&trader, batch(vec![remark()])), not_permitted);
		assert_eq!(validate_call(&trader, tin_close()), not_permitted);
		// Issue #12, fault 7: a closed TIN's accounts sign nothing.
		TinRegistry::close(registrar, tin.to_bytes()).unwrap();
		assert_eq!(validate(&trader), not_a_member);
	});
}

#[test]
fn every_pallet_passes_its_integrity_test() {
	// Among others: the certificates' expiry hook takes at most a quarter of
	// a block, and a full `grant_many` fits in one, at the measured weights.
	sp_io::TestExternalities::default().execute_with(|| {
		<AllPalletsWithSystem as frame_support::traits::IntegrityTest>::integrity_test();
	});
}

#[test]
fn an_approver_grants_a_certificate_and_the_chain_expires_it() {
	use cadena_primitives::{
		AeoType, CertificateId, CertificateStatus, OperatorRole, MILLIS_PER_DAY,
	};
	use frame_support::traits::Hooks;
	externalities(local_config_genesis()).execute_with(|| {
		let today = 20_513; // 2026-03-01
		pallet_timestamp::Now::<Runtime>::put(today as u64 * MILLIS_PER_DAY);
		let registrar = RuntimeOrigin::signed(AccountId::from(dev("//Alice//registrar").public()));
		let approver = RuntimeOrigin::signed(AccountId::from(dev("//Alice//approver").public()));
		let data = trader_data();
		TinRegistry::register(registrar.clone(), b"MXAAA010101AAA".to_vec(), data).unwrap();
		let certificate = pallet_aeo_certificates::NewCertificate {
			number: b"AEO-2026-000001".to_vec(),
			data: pallet_aeo_certificates::CertificateData {
				holder: b"MXAAA010101AAA".to_vec(),
				aeo_type: AeoType::SecurityAndSafety,
				roles: vec![OperatorRole::Exporter].try_into().unwrap(),
				authorized_on: today,
			},
			expires_on: today + 1,
		};
		// A Registrar may not grant; the Approver may.
		assert!(AeoCertificates::grant(registrar, certificate.clone()).is_err());
		AeoCertificates::grant(approver, certificate).unwrap();
		let id =
			CertificateId::new(cadena_primitives::CountryCode(*b"MX"), b"AEO-2026-000001").unwrap();
		let status = || AeoCertificates::certificate(&id).map(|c| c.status);
		assert_eq!(status(), Some(CertificateStatus::Active));

		pallet_timestamp::Now::<Runtime>::put((today as u64 + 1) * MILLIS_PER_DAY);
		let mut meter = frame_support::weights::WeightMeter::new();
		AeoCertificates::on_poll(2, &mut meter);
		let weight = meter.consumed();
		assert!(weight.all_lte(configs::RuntimeBlockWeights::get().max_block / 4));
		assert_eq!(status(), Some(CertificateStatus::Expired));
		AeoCertificates::do_try_state().unwrap();
	});
}

#[test]
fn the_runtime_api_answers_recognition_pages_and_block_changes() {
	use cadena_primitives::{
		AeoType, CertificateId, CountryCode, NotRecognised, OperatorRole, Tin, MILLIS_PER_DAY,
	};
	let (mx, cr, pe) = (CountryCode(*b"MX"), CountryCode(*b"CR"), CountryCode(*b"PE"));
	externalities(local_config_genesis()).execute_with(|| {
		// Events are kept from block 1 on.
		System::set_block_number(1);
		let today = 20_513;
		pallet_timestamp::Now::<Runtime>::put(today as u64 * MILLIS_PER_DAY);
		let signed = |uri: &str| RuntimeOrigin::signed(AccountId::from(dev(uri).public()));
		Mra::propose(
			signed("//Alice"),
			b"MX-CR".to_vec(),
			vec![mx, cr],
			vec![AeoType::SecurityAndSafety].try_into().unwrap(),
			None,
			today,
			vec![],
		)
		.unwrap();
		Mra::sign(signed("//Bob"), 0, pallet_mra::MotionKind::EnterIntoForce).unwrap();
		TinRegistry::register(
			signed("//Alice//registrar"),
			b"MXAAA010101AAA".to_vec(),
			trader_data(),
		)
		.unwrap();
		let tin = Tin::parse(b"MXAAA010101AAA").unwrap();
		let certificates: Vec<_> = (0..5)
			.map(|i| pallet_aeo_certificates::NewCertificate {
				number: format!("AEO-{i}").into_bytes(),
				data: pallet_aeo_certificates::CertificateData {
					holder: tin.to_bytes(),
					aeo_type: AeoType::SecurityAndSafety,
					roles: vec![OperatorRole::Importer].try_into().unwrap(),
					authorized_on: today,
				},
				expires_on: today + 30,
			})
			.collect();
		System::reset_events();
		AeoCertificates::grant_many(signed("//Alice//approver"), certificates.try_into().unwrap())
			.unwrap();

		let changes = cadena_api::block_changes();
		assert_eq!(changes.certificates.len(), 5);
		assert!(changes.mras.is_empty());

		let answer = cadena_api::recognition_of_tin(tin.clone(), cr);
		assert!(answer.recognition.recognised);
		assert_eq!(answer.recognition.mra, Some(0));
		let at_pe = cadena_api::recognition_of_tin(tin.clone(), pe);
		assert_eq!(at_pe.recognition.reason, Some(NotRecognised::NoMra));
		let unknown = Tin::parse(b"MXNOBODY").unwrap();
		assert_eq!(
			cadena_api::recognition_of_tin(unknown, cr).recognition.reason,
			Some(NotRecognised::UnknownCertificate)
		);
		assert_eq!(cadena_api::certificates_of(tin.clone()).len(), 5);
		let id = CertificateId::new(mx, b"AEO-0").unwrap();
		assert_eq!(cadena_api::history(id.clone()).unwrap().entries.len(), 1);

		// Batch reads answer in order, `None` for what does not exist.
		let missing = CertificateId::new(mx, b"AEO-99").unwrap();
		let read = cadena_api::certificates(vec![missing, id.clone()]);
		assert_eq!(read.len(), 2);
		assert!(read[0].is_none());
		assert_eq!(read[1].as_ref().unwrap().holder, tin);
		let traders = cadena_api::traders(vec![tin.clone(), Tin::parse(b"MXNOBODY").unwrap()]);
		let trader = traders[0].as_ref().unwrap();
		assert!(trader.active && trader.consent);
		assert!(traders[1].is_none());
		let many = vec![id.clone(); cadena_runtime_api::MAX_PAGE as usize + 5];
		assert_eq!(cadena_api::certificates(many).len(), cadena_runtime_api::MAX_PAGE as usize);

		// Pages of two: every certificate once, then the end.
		let mut seen = Vec::new();
		let mut cursor = None;
		for _ in 0..10 {
			let page = cadena_api::recognised_by(cr, cursor, 2);
			seen.extend(page.certificates.into_iter().map(|c| c.id));
			cursor = page.next;
			if cursor.is_none() {
				break;
			}
		}
		seen.sort();
		seen.dedup();
		assert_eq!(seen.len(), 5);
		assert!(cadena_api::recognised_by(pe, None, 10).certificates.is_empty());
		// Issue #12, fault 15: a limit of 0 answered "end of list".
		let zero = cadena_api::recognised_by(cr, None, 0);
		assert!(zero.certificates.len() <= 1 && zero.next.is_some(), "{zero:?}");

		System::reset_events();
		Mra::suspend(signed("//Bob"), 0).unwrap();
		assert_eq!(cadena_api::block_changes().mras.len(), 1);
		let answers = cadena_api::recognition_of_certificates(vec![id], cr);
		assert_eq!(answers[0].reason, Some(NotRecognised::MraSuspended));
		assert_eq!(cadena_api::mras_of(cr)[0].status, cadena_primitives::MraStatus::Suspended);
		pallet_mra::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

/// Issue #12, faults 7 and 8: a closed TIN's certificates and a suspended
/// issuer's stayed recognised by every partner, and subscribers were told
/// nothing.
#[test]
fn a_closed_holder_or_an_inactive_issuer_is_not_recognised_and_subscribers_hear_of_it() {
	use cadena_primitives::{
		AeoType, CertificateId, CountryCode, NotRecognised, OperatorRole, MILLIS_PER_DAY,
	};
	let (mx, cr) = (CountryCode(*b"MX"), CountryCode(*b"CR"));
	externalities(local_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		let today = 20_513;
		pallet_timestamp::Now::<Runtime>::put(today as u64 * MILLIS_PER_DAY);
		let signed = |uri: &str| RuntimeOrigin::signed(AccountId::from(dev(uri).public()));
		let scope = vec![AeoType::SecurityAndSafety].try_into().unwrap();
		Mra::propose(
			signed("//Alice"),
			b"MX-CR".to_vec(),
			vec![mx, cr],
			scope,
			None,
			today,
			vec![],
		)
		.unwrap();
		Mra::sign(signed("//Bob"), 0, pallet_mra::MotionKind::EnterIntoForce).unwrap();
		let tin = b"MXAAA010101AAA".to_vec();
		TinRegistry::register(signed("//Alice//registrar"), tin.clone(), trader_data()).unwrap();
		let certificate = pallet_aeo_certificates::NewCertificate {
			number: b"AEO-1".to_vec(),
			data: pallet_aeo_certificates::CertificateData {
				holder: tin.clone(),
				aeo_type: AeoType::SecurityAndSafety,
				roles: vec![OperatorRole::Importer].try_into().unwrap(),
				authorized_on: today,
			},
			expires_on: today + 30,
		};
		AeoCertificates::grant(signed("//Alice//approver"), certificate).unwrap();
		let id = CertificateId::new(mx, b"AEO-1").unwrap();
		let reason = || cadena_api::recognition_of_certificates(vec![id.clone()], cr)[0].reason;
		assert_eq!(reason(), None);

		System::reset_events();
		TinRegistry::close(signed("//Alice//registrar"), tin.clone()).unwrap();
		assert_eq!(reason(), Some(NotRecognised::HolderClosed));
		assert_eq!(cadena_api::block_changes().consent, vec![id.clone()]);
		System::reset_events();
		TinRegistry::reopen(signed("//Alice//registrar"), tin).unwrap();
		assert_eq!(reason(), None);
		assert_eq!(cadena_api::block_changes().consent, vec![id.clone()]);

		System::reset_events();
		let council = RuntimeOrigin::from(pallet_collective::RawOrigin::<
			AccountId,
			configs::CouncilInstance,
		>::Members(4, 4));
		Consortium::suspend_member(council, mx).unwrap();
		assert_eq!(reason(), Some(NotRecognised::IssuerNotActive));
		let changes = cadena_api::block_changes();
		assert!(changes.mras.iter().any(|p| p.contains(&mx) && p.contains(&cr)), "{changes:?}");
	});
}

/// Issue #12, fault 10: the governance calls that change the council were
/// weighed with no council motion open, while the council's bookkeeping
/// touches every open motion (100 at most).
#[test]
fn calls_that_change_the_council_pay_for_every_open_motion() {
	use frame_support::dispatch::GetDispatchInfo;
	use pallet_collective::WeightInfo as _;
	let sync = pallet_collective::weights::SubstrateWeight::<Runtime>::set_members(
		configs::MAX_AUTHORITIES,
		configs::MAX_AUTHORITIES,
		100,
	);
	let mx = cadena_primitives::CountryCode(*b"MX");
	let account = AccountId::from([7u8; 32]);
	let calls: Vec<RuntimeCall> = vec![
		pallet_consortium::Call::suspend_member { country: mx }.into(),
		pallet_consortium::Call::reinstate_member { country: mx }.into(),
		pallet_consortium::Call::retire_member { country: mx }.into(),
		pallet_consortium::Call::replace_admin { country: mx, new_admin: account.clone() }.into(),
		pallet_consortium::Call::admit_member {
			country: mx,
			name: vec![],
			admin: account.clone(),
			validator: account,
			encryption_key: None,
			first_node: pallet_consortium::NodeDeclaration {
				peer_id: vec![0; 38].try_into().unwrap(),
				address: b"/ip4/10.0.0.1/tcp/30333".to_vec().try_into().unwrap(),
				signature: [0; 64],
			},
		}
		.into(),
	];
	for call in calls {
		let weight = call.get_dispatch_info().call_weight;
		assert!(weight.all_gte(sync), "{call:?} weighs {weight:?}, less than the sync {sync:?}");
	}
}

/// A signed origin of a development key.
fn signed(uri: &str) -> RuntimeOrigin {
	RuntimeOrigin::signed(AccountId::from(dev(uri).public()))
}

/// Mexico's Registrar links `//trader`'s account to `tin`, at its request.
fn link_trader(tin: &cadena_primitives::Tin) -> AccountId {
	let trader = dev("//trader");
	let account = AccountId::from(trader.public());
	let signature = trader.sign(&TinRegistry::link_request(tin, &account, 10));
	let registrar = signed("//Alice//registrar");
	TinRegistry::link_account(registrar, tin.to_bytes(), account.clone(), 10, signature.into())
		.unwrap();
	account
}

/// Runs `test` on the local genesis at day 20,513, with MX's, CR's and PE's
/// encryption keys published (`[1; 32]`, `[2; 32]`, `[3; 32]`) and Mexico's
/// trader `MXAAA010101AAA` registered, consenting: its TIN and the day.
fn with_keys_and_a_trader(test: impl FnOnce(cadena_primitives::Tin, u32)) {
	use cadena_primitives::{Tin, MILLIS_PER_DAY};
	externalities(local_config_genesis()).execute_with(|| {
		System::set_block_number(1);
		let today = 20_513;
		pallet_timestamp::Now::<Runtime>::put(today as u64 * MILLIS_PER_DAY);
		for (admin, key) in [("//Alice", [1; 32]), ("//Bob", [2; 32]), ("//Charlie", [3; 32])] {
			Consortium::set_encryption_key(signed(admin), Some(key)).unwrap();
		}
		let tin = Tin::parse(b"MXAAA010101AAA").unwrap();
		TinRegistry::register(signed("//Alice//registrar"), tin.to_bytes(), trader_data()).unwrap();
		test(tin, today)
	});
}

/// Who may read a trader's confidential record, as the composed pallets
/// say it: the issuer; a partner while an MRA in force recognises the
/// issuer and the trader consents; the trader's linked account with its
/// key; an administration only while it is an active member, with the key
/// it published.
#[test]
fn entitlement_follows_the_mras_the_consent_the_links_and_the_members() {
	use crate::entitlement::Entitlement;
	use cadena_primitives::{AeoType, CountryCode};
	use pallet_confidential::{Entitlement as _, Reader};
	let (mx, cr, pe) = (CountryCode(*b"MX"), CountryCode(*b"CR"), CountryCode(*b"PE"));
	with_keys_and_a_trader(|tin, today| {
		let key = |reader: Reader<AccountId>| Entitlement::key_of(&reader, &tin);
		let admin = Reader::Administration;
		// What an administration reads of MX's consenting traders.
		let partner = |country| Entitlement::administration_key(country, mx);

		// The issuer, and nobody else yet.
		assert_eq!(key(admin(mx)), Some([1; 32]));
		assert_eq!(key(admin(cr)), None);
		assert_eq!(key(admin(pe)), None);

		// An MRA MX–CR in force: CR reads, PE does not.
		let scope = vec![AeoType::SecurityAndSafety].try_into().unwrap();
		Mra::propose(
			signed("//Alice"),
			b"MX-CR".to_vec(),
			vec![mx, cr],
			scope,
			None,
			today,
			vec![],
		)
		.unwrap();
		assert_eq!(key(admin(cr)), None, "proposed is not in force");
		Mra::sign(signed("//Bob"), 0, pallet_mra::MotionKind::EnterIntoForce).unwrap();
		assert_eq!(key(admin(cr)), Some([2; 32]));
		assert_eq!(key(admin(pe)), None);
		assert_eq!((partner(mx), partner(cr), partner(pe)), (Some([1; 32]), Some([2; 32]), None));

		// Consent withdrawn (no account linked: the Registrar records it).
		let withheld = pallet_tin_registry::TraderData { consent: false };
		TinRegistry::update(signed("//Alice//registrar"), tin.to_bytes(), withheld).unwrap();
		assert_eq!(key(admin(cr)), None);
		assert_eq!(key(admin(mx)), Some([1; 32]), "the issuer reads its own records");
		assert_eq!(partner(cr), Some([2; 32]), "CR reads the records whose traders consent");
		TinRegistry::update(signed("//Alice//registrar"), tin.to_bytes(), trader_data()).unwrap();
		assert_eq!(key(admin(cr)), Some([2; 32]));

		// The MRA suspended: CR no longer reads.
		Mra::suspend(signed("//Bob"), 0).unwrap();
		assert_eq!(key(admin(cr)), None);
		assert_eq!(partner(cr), None);

		// The trader's own account, linked and with a key.
		let account = link_trader(&tin);
		assert_eq!(key(Reader::Account(account.clone())), None, "no key published yet");
		TinRegistry::set_encryption_key(RuntimeOrigin::signed(account.clone()), Some([9; 32]))
			.unwrap();
		assert_eq!(key(Reader::Account(account.clone())), Some([9; 32]));
		TinRegistry::unlink_account(RuntimeOrigin::signed(account.clone()), account.clone())
			.unwrap();
		assert_eq!(key(Reader::Account(account)), None);

		// The issuer suspended from the consortium reads nothing either.
		let council = RuntimeOrigin::from(pallet_collective::RawOrigin::<
			AccountId,
			configs::CouncilInstance,
		>::Members(4, 4));
		Consortium::suspend_member(council, mx).unwrap();
		assert_eq!(key(admin(mx)), Some([1; 32]), "its own register stays readable to it");
		assert_eq!(partner(mx), Some([1; 32]));
		assert_eq!(key(admin(cr)), None);
	});
}

/// `Confidential.seal_many` through the composed pallets: a partner under
/// an MRA in force gets its wraps, a member without one is refused, a
/// partner no longer recognising the issuer too.
#[test]
fn seal_many_wraps_for_the_partners_the_mras_entitle() {
	use cadena_primitives::{AeoType, CountryCode};
	use pallet_confidential::{BatchReader, BatchRecord, PlacedWrap, Reader, Sealed};
	let (mx, cr, pe) = (CountryCode(*b"MX"), CountryCode(*b"CR"), CountryCode(*b"PE"));
	let reader = |country, key| BatchReader { country, key };
	let wrap = |place, byte| PlacedWrap { place, wrap: [byte; 80] };
	with_keys_and_a_trader(|tin, today| {
		let scope = vec![AeoType::SecurityAndSafety].try_into().unwrap();
		Mra::propose(
			signed("//Alice"),
			b"MX-CR".to_vec(),
			vec![mx, cr],
			scope,
			None,
			today,
			vec![],
		)
		.unwrap();
		Mra::sign(signed("//Bob"), 0, pallet_mra::MotionKind::EnterIntoForce).unwrap();
		let record = |wraps: Vec<PlacedWrap>| BatchRecord {
			tin: tin.to_bytes(),
			sealed: Sealed { version: 1, ciphertext: vec![7; 60].try_into().unwrap() },
			wraps: wraps.try_into().unwrap(),
		};
		let seal_many = |readers: Vec<BatchReader>, wraps| {
			Confidential::seal_many(
				signed("//Alice//registrar"),
				readers.try_into().unwrap(),
				vec![record(wraps)].try_into().unwrap(),
			)
		};
		let refused = seal_many(vec![reader(mx, [1; 32]), reader(pe, [3; 32])], vec![wrap(0, 0)]);
		assert_eq!(refused, Err(pallet_confidential::Error::<Runtime>::NotEntitled.into()));
		let stale = seal_many(vec![reader(mx, [1; 32]), reader(cr, [3; 32])], vec![wrap(0, 0)]);
		assert_eq!(stale, Err(pallet_confidential::Error::<Runtime>::StaleKey.into()));
		let both = || vec![reader(mx, [1; 32]), reader(cr, [2; 32])];
		seal_many(both(), vec![wrap(0, 0), wrap(1, 1)]).unwrap();
		let cr_wrap = Confidential::wrap_of(&Reader::Administration(cr), &tin).unwrap().1;
		assert_eq!((cr_wrap.key, cr_wrap.wrap), ([2; 32], [1; 80]));
		assert_eq!(Confidential::sealable_version(&tin), Some(1));
		// The MRA suspended: CR is refused for the next version.
		Mra::suspend(signed("//Bob"), 0).unwrap();
		let mut next = record(vec![wrap(0, 0), wrap(1, 1)]);
		next.sealed.version = 2;
		let readers = both().try_into().unwrap();
		assert_eq!(
			Confidential::seal_many(
				signed("//Alice//registrar"),
				readers,
				vec![next].try_into().unwrap()
			),
			Err(pallet_confidential::Error::<Runtime>::NotEntitled.into())
		);
	});
}

/// The wraps of a reader whose entitlement ends go in the call that ended
/// it, through the composed pallets: consent withdrawn, a trader's key
/// changed, an account unlinked, an MRA suspended, a member suspended; and
/// the runtime API shows each reader its wrap and the issuer what is
/// missing.
#[test]
fn wraps_go_in_the_call_that_ends_entitlement_and_the_api_lists_what_is_missing() {
	use cadena_primitives::{AeoType, CountryCode};
	use cadena_runtime_api::ReaderView;
	use pallet_confidential::{Reader, Sealed, WrapEntry};
	let (mx, cr, pe) = (CountryCode(*b"MX"), CountryCode(*b"CR"), CountryCode(*b"PE"));
	with_keys_and_a_trader(|tin, today| {
		let scope: cadena_primitives::Scope = vec![AeoType::SecurityAndSafety].try_into().unwrap();
		for (id, (partner, admin)) in [(cr, "//Bob"), (pe, "//Charlie")].into_iter().enumerate() {
			Mra::propose(
				signed("//Alice"),
				b"MRA".to_vec(),
				vec![mx, partner],
				scope.clone(),
				None,
				today,
				vec![],
			)
			.unwrap();
			Mra::sign(signed(admin), id as u32, pallet_mra::MotionKind::EnterIntoForce).unwrap();
		}
		let account = link_trader(&tin);
		let as_trader = || RuntimeOrigin::signed(account.clone());
		TinRegistry::set_encryption_key(as_trader(), Some([9; 32])).unwrap();

		let admin = Reader::Administration;
		let own = Reader::Account(account.clone());
		let entry = |key: [u8; 32]| WrapEntry { key, wrap: [7; 80] };
		let wraps = |readers: Vec<(Reader<AccountId>, [u8; 32])>| {
			readers.into_iter().map(|(r, k)| (r, entry(k))).collect::<Vec<_>>().try_into().unwrap()
		};
		let stored = |reader: &Reader<AccountId>| Confidential::stored_wrap(reader, &tin).is_some();
		let missing = || -> Vec<(ReaderView<AccountId>, [u8; 32])> {
			let page = crate::cadena_api::missing_wraps(mx, None, 100);
			page.records.into_iter().flat_map(|r| r.readers).collect()
		};
		let sealed = |version| Sealed { version, ciphertext: vec![1; 60].try_into().unwrap() };

		// Before anything is sealed, nothing is missing; after the issuer
		// seals for itself alone, everyone else entitled is.
		assert!(missing().is_empty());
		Confidential::seal(
			signed("//Alice//registrar"),
			tin.to_bytes(),
			sealed(1),
			wraps(vec![(admin(mx), [1; 32])]),
		)
		.unwrap();
		let mut want = vec![
			(ReaderView::Administration(cr), [2; 32]),
			(ReaderView::Administration(pe), [3; 32]),
			(ReaderView::Account(account.clone()), [9; 32]),
		];
		let mut got = missing();
		got.sort_by_key(|(_, k)| *k);
		want.sort_by_key(|(_, k)| *k);
		assert_eq!(got, want);
		Confidential::add_wraps(
			signed("//Alice//registrar"),
			tin.to_bytes(),
			1,
			wraps(vec![(admin(cr), [2; 32]), (admin(pe), [3; 32]), (own.clone(), [9; 32])]),
		)
		.unwrap();
		assert!(missing().is_empty());
		let view = |reader| crate::cadena_api::confidential_record(tin.clone(), reader).unwrap();
		let cr_view = view(ReaderView::Administration(cr));
		assert_eq!((cr_view.version, cr_view.entitled), (1, true));
		assert_eq!(cr_view.wrap.map(|w| w.key), Some([2; 32]));

		// Consent withdrawn: CR's and PE's wraps go in that very call.
		TinRegistry::set_consent(as_trader(), false).unwrap();
		assert!(!stored(&admin(cr)) && !stored(&admin(pe)));
		assert!(stored(&admin(mx)) && stored(&own));
		let cr_view = view(ReaderView::Administration(cr));
		assert_eq!((cr_view.wrap, cr_view.entitled), (None, false));
		assert_eq!(cr_view.ciphertext, vec![1; 60], "the ciphertext is everyone's to see");
		assert!(missing().is_empty(), "nobody to share with");
		TinRegistry::set_consent(as_trader(), true).unwrap();
		assert_eq!(missing().len(), 2);
		Confidential::add_wraps(
			signed("//Alice//registrar"),
			tin.to_bytes(),
			1,
			wraps(vec![(admin(cr), [2; 32]), (admin(pe), [3; 32])]),
		)
		.unwrap();

		// The trader's key changed: the wrap for the old one goes.
		TinRegistry::set_encryption_key(as_trader(), Some([8; 32])).unwrap();
		assert!(!stored(&own));
		assert_eq!(missing(), vec![(ReaderView::Account(account.clone()), [8; 32])]);
		Confidential::add_wraps(
			signed("//Alice//registrar"),
			tin.to_bytes(),
			1,
			wraps(vec![(own.clone(), [8; 32])]),
		)
		.unwrap();
		// Unlinked: the account's wrap goes.
		TinRegistry::unlink_account(as_trader(), account.clone()).unwrap();
		assert!(!stored(&own));

		// The MRA MX–CR suspended: CR's wraps of MX go; PE keeps its own.
		Mra::suspend(signed("//Bob"), 0).unwrap();
		assert!(!stored(&admin(cr)), "cr");
		assert!(stored(&admin(pe)), "pe");
		assert!(pallet_confidential::Revoking::<Runtime>::iter().next().is_none(), "all done");

		// PE suspended from the consortium: its wraps go; MX's own stay.
		let council = RuntimeOrigin::from(pallet_collective::RawOrigin::<
			AccountId,
			configs::CouncilInstance,
		>::Members(4, 4));
		Consortium::suspend_member(council, pe).unwrap();
		assert!(!stored(&admin(pe)) && stored(&admin(mx)));
		assert!(missing().is_empty());
	});
}
