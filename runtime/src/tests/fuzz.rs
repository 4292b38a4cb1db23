//! A fuzz harness over the whole runtime. Bytes decode into a sequence of
//! steps: a new block, a new day, or a signed call from a fixed cast (each
//! role of two administrations, linked and unlinked traders, an outsider)
//! among every CADENA call and `Utility` batches of them. Every block runs
//! through `Executive` with real Aura slots and timestamp inherents. After
//! each step and block it checks:
//!
//! - nothing panics;
//! - a call refused at validation writes nothing; a call whose dispatch
//!   fails writes nothing in the CADENA pallets (the signer's nonce, its
//!   use of the block and the events aside);
//! - a transaction takes no more of the block's weight than it declared;
//! - a block stays within its weight budget;
//! - every CADENA pallet's `try_state` invariants hold after every block:
//!   among them, no reader is shown a wrap it is not entitled to, whatever
//!   the calls that ended entitlements (`pallet-confidential`).
//!
//! `run(bytes)` is the engine-independent entry point. The fixed-seed test
//! runs 10,000 steps in the test suite; the ignored `fuzz_for_a_while` runs
//! random seeds for `CADENA_FUZZ_SECONDS` and prints each seed it tries, so
//! a failure is replayed with `CADENA_FUZZ_SEED` (docs/security.md).

use super::*;
use cadena_primitives::{AeoType, CertificateId, CountryCode, OperatorRole, Role, Roles, Tin};
use codec::Encode;
use frame_support::{
	dispatch::GetDispatchInfo,
	storage::StoragePrefixedMap,
	storage::{with_transaction, TransactionOutcome},
};
use sp_core::H256;
use sp_runtime::{generic::Digest, traits::Header as _, DigestItem};

/// The bytes a run reads its choices from; past the end, zeros.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
	fn byte(&mut self) -> u8 {
		match self.0.split_first() {
			Some((first, rest)) => {
				self.0 = rest;
				*first
			}
			None => 0,
		}
	}

	fn pick<T: Clone>(&mut self, items: &[T]) -> T {
		items[self.byte() as usize % items.len()].clone()
	}

	fn is_empty(&self) -> bool {
		self.0.is_empty()
	}
}

/// The cast: who signs.
struct Cast {
	signers: Vec<(&'static str, sr25519::Pair)>,
}

const MX: CountryCode = CountryCode(*b"MX");
const CR: CountryCode = CountryCode(*b"CR");
const TINS: &[&str] = &["MXAAA010101AAA", "MXÑ&A010101AB1", "CR3101123456", "MXB1", "mxbad"];
const NUMBERS: &[&[u8]] = &[b"A-1", b"A-2", b"B-1"];
const COUNTRIES: &[CountryCode] = &[MX, CR, CountryCode(*b"PE"), CountryCode(*b"ZW")];

impl Cast {
	fn new() -> Self {
		let names = [
			"//Alice",
			"//Alice//registrar",
			"//Alice//approver",
			"//Alice//auditor",
			"//Alice//integrator",
			"//Bob",
			"//Bob//registrar",
			"//Bob//approver",
			"//trader",
			"//trader2",
			"//outsider",
		];
		Self { signers: names.iter().map(|n| (*n, dev(n))).collect() }
	}

	fn account(&self, name: &str) -> AccountId {
		let pair = &self.signers.iter().find(|(n, _)| *n == name).expect("in the cast").1;
		AccountId::from(pair.public())
	}
}

/// What a run did.
#[derive(Default, Debug)]
pub struct Stats {
	pub blocks: u32,
	pub calls: u32,
	pub applied: u32,
	pub failed: u32,
	pub refused: u32,
	/// Confidential records sealed or wrapped: the entitlement checks reached.
	pub sealed: u32,
}

impl Stats {
	fn add(&mut self, run: Stats) {
		self.blocks += run.blocks;
		self.calls += run.calls;
		self.applied += run.applied;
		self.sealed += run.sealed;
		self.failed += run.failed;
		self.refused += run.refused;
	}
}

fn today() -> u32 {
	AeoCertificates::today()
}

fn trader_data(input: &mut Input) -> pallet_tin_registry::TraderData {
	pallet_tin_registry::TraderData { consent: !input.byte().is_multiple_of(4) }
}

fn certificate_id(input: &mut Input) -> CertificateId {
	CertificateId::new(input.pick(&[MX, MX, CR]), input.pick(NUMBERS)).expect("valid")
}

fn certificate_data(input: &mut Input) -> pallet_aeo_certificates::CertificateData {
	pallet_aeo_certificates::CertificateData {
		holder: input.pick(TINS).as_bytes().to_vec(),
		aeo_type: input.pick(&[
			AeoType::SecurityAndSafety,
			AeoType::CustomsSimplifications,
			AeoType::Both,
		]),
		roles: vec![input.pick(&[OperatorRole::Exporter, OperatorRole::Importer])]
			.try_into()
			.expect("one role"),
		authorized_on: today().saturating_sub(input.byte() as u32 % 3),
	}
}

fn new_certificate(input: &mut Input) -> pallet_aeo_certificates::NewCertificate {
	pallet_aeo_certificates::NewCertificate {
		number: input.pick(NUMBERS).to_vec(),
		data: certificate_data(input),
		expires_on: today() + input.byte() as u32 % 5,
	}
}

/// The pending motion of MRA `id`, or a made-up one.
fn motion(input: &mut Input, id: u32) -> pallet_mra::MotionKind {
	let pending = pallet_mra::Mras::<Runtime>::get(id).and_then(|m| m.motion).map(|m| m.kind);
	match (input.byte() % 4, pending) {
		(0, _) | (_, None) => input.pick(&[
			pallet_mra::MotionKind::EnterIntoForce,
			pallet_mra::MotionKind::Resume,
			pallet_mra::MotionKind::AddParty {
				country: CountryCode(*b"PE"),
				directions: Default::default(),
			},
		]),
		(_, Some(kind)) => kind,
	}
}

/// Partner identifiers: none, one or two of a few (so that TINs contend
/// for them), or one with a fault.
fn partner_ids(input: &mut Input) -> cadena_primitives::PartnerIds {
	use cadena_primitives::PartnerId;
	let id = |text: &[u8]| PartnerId::parse(text).expect("a good identifier");
	let bad = PartnerId {
		scheme: b"mid".to_vec().try_into().expect("3 bytes"),
		value: Default::default(),
	};
	let choices = [
		vec![],
		vec![id(b"MID:A")],
		vec![id(b"MID:A"), id(b"EORI:B")],
		vec![id(b"EORI:B")],
		vec![id(b"MID:A"), id(b"MID:A")],
		vec![bad],
	];
	input.pick(&choices).try_into().expect("few identifiers")
}

/// Benefits to grant: none, good ones, or one with a fault.
fn grants(input: &mut Input) -> cadena_primitives::Grants {
	use cadena_primitives::{BenefitCode, Condition, Grant, Side};
	let grant = |code, roles: &[OperatorRole], parameter, condition| Grant {
		code,
		side: Side::Import,
		roles: roles.to_vec().try_into().expect("few roles"),
		aeo_types: vec![AeoType::SecurityAndSafety].try_into().expect("one type"),
		parameter,
		condition,
	};
	let exporter = [OperatorRole::Exporter];
	let choices = [
		vec![],
		vec![grant(BenefitCode::PriorityClearance, &exporter, None, Condition::Always)],
		vec![
			grant(BenefitCode::FewerPhysicalControls, &exporter, Some(500), Condition::Always),
			grant(
				BenefitCode::BusinessContinuity,
				&exporter,
				None,
				Condition::DuringContinuityEvent,
			),
		],
		// Refused: a rate without its rate, roles out of order.
		vec![grant(BenefitCode::FewerPhysicalControls, &exporter, None, Condition::Always)],
		vec![grant(
			BenefitCode::FastLane,
			&[OperatorRole::Exporter, OperatorRole::Importer],
			None,
			Condition::Always,
		)],
	];
	input.pick(&choices).try_into().expect("few grants")
}

/// A call among every CADENA call, and batches of them.
fn call(input: &mut Input, cast: &Cast, depth: u32) -> RuntimeCall {
	use pallet_aeo_certificates::Call as Aeo;
	use pallet_consortium::Call as Consortium;
	use pallet_mra::Call as Mra;
	use pallet_tin_registry::Call as Registry;
	let tin = |input: &mut Input| input.pick(TINS).as_bytes().to_vec();
	let code = |input: &mut Input| input.byte() as u16;
	let reason = |input: &mut Input| input.pick(&[&b""[..], b"audit", &[b'r'; 200]]).to_vec();
	let id = |input: &mut Input| (input.byte() % 4) as u32;
	let member = |input: &mut Input| {
		cast.account(input.pick(&["//trader2", "//outsider", "//Alice//auditor"]))
	};
	let peer_id = |input: &mut Input| -> pallet_consortium::PeerIdBytes {
		let mut bytes = vec![0x00, 36, 0x08, 0x01, 0x12, 0x20];
		bytes.extend([input.byte() % 4; 32]);
		if input.byte().is_multiple_of(8) {
			bytes.truncate(10); // not a peer id
		}
		bytes.try_into().expect("bounded")
	};
	let address = |input: &mut Input| -> pallet_consortium::NodeAddress {
		let text = input.pick(&["/ip4/10.0.0.1/tcp/30333", "/dns4/cadena.example/tcp/1", "bad"]);
		text.as_bytes().to_vec().try_into().expect("bounded")
	};
	// A node declaration signed by one of four node keys for MX or CR on
	// this chain; now and then malformed or badly signed.
	let node = |input: &mut Input| -> pallet_consortium::NodeDeclaration {
		let key = sp_core::ed25519::Pair::from_seed(&[input.byte() % 4; 32]);
		let mut peer_id = vec![0x00, 36, 0x08, 0x01, 0x12, 0x20];
		peer_id.extend(key.public().0);
		if input.byte().is_multiple_of(8) {
			peer_id.truncate(10); // not a peer id
		}
		let address = address(input);
		let country = input.pick(&[CountryCode(*b"MX"), CountryCode(*b"CR")]);
		let genesis = frame_system::Pallet::<Runtime>::block_hash(0);
		let payload =
			pallet_consortium::node_declaration_payload(&genesis, &country, &peer_id, &address);
		let mut signature = key.sign(&payload).0;
		if input.byte().is_multiple_of(8) {
			signature[0] ^= 1; // not the key's
		}
		pallet_consortium::NodeDeclaration {
			peer_id: peer_id.try_into().expect("bounded"),
			address,
			signature,
		}
	};
	match input.byte() % 32 {
		0 => Registry::register { tin: tin(input), data: trader_data(input) }.into(),
		1 => Registry::update { tin: tin(input), data: trader_data(input) }.into(),
		2 => Registry::close { tin: tin(input) }.into(),
		3 => Registry::reopen { tin: tin(input) }.into(),
		4 => match input.byte() % 5 {
			0 => Registry::set_encryption_key { key: Some([input.byte(); 32]) }.into(),
			1 => Registry::set_encryption_key { key: None }.into(),
			2 => Registry::set_partner_ids { tin: tin(input), ids: partner_ids(input) }.into(),
			_ => Registry::set_consent { consent: input.byte().is_multiple_of(2) }.into(),
		},
		5 => Registry::unlink_account {
			account: cast.account(input.pick(&["//trader", "//trader2"])),
		}
		.into(),
		6 => {
			let who = input.pick(&["//trader", "//trader2"]);
			let pair = &cast.signers.iter().find(|(n, _)| *n == who).expect("cast").1;
			let account = cast.account(who);
			let text = tin(input);
			let valid_until = System::block_number() + input.byte() as u32 % 3;
			let signature = match Tin::parse(&text) {
				Ok(parsed) => pair.sign(&TinRegistry::link_request(&parsed, &account, valid_until)),
				Err(_) => pair.sign(b"nothing"),
			};
			Registry::link_account { tin: text, account, valid_until, signature: signature.into() }
				.into()
		}
		7 => Aeo::grant { certificate: new_certificate(input) }.into(),
		8 => Aeo::suspend { id: certificate_id(input), code: code(input), reason: reason(input) }
			.into(),
		9 => Aeo::reinstate { id: certificate_id(input), code: code(input), reason: reason(input) }
			.into(),
		10 => Aeo::revoke { id: certificate_id(input), code: code(input), reason: reason(input) }
			.into(),
		11 => Aeo::renew {
			id: certificate_id(input),
			expires_on: today() + input.byte() as u32 % 400,
			code: code(input),
			reason: reason(input),
		}
		.into(),
		12 if input.byte().is_multiple_of(3) => Aeo::plan_suspension_end {
			id: certificate_id(input),
			until: input.pick(&[None, Some(today() + 7), Some(today())]),
		}
		.into(),
		12 => Aeo::amend {
			id: certificate_id(input),
			data: certificate_data(input),
			code: code(input),
			reason: reason(input),
		}
		.into(),
		13 => Aeo::grant_many {
			certificates: vec![new_certificate(input), new_certificate(input)]
				.try_into()
				.expect("two of a batch"),
		}
		.into(),
		14 => {
			let mut parties = vec![input.pick(COUNTRIES), input.pick(COUNTRIES)];
			if input.byte().is_multiple_of(3) {
				parties.push(input.pick(COUNTRIES));
			}
			let directions = match input.byte() % 3 {
				0 => Some(
					vec![(input.pick(COUNTRIES), input.pick(COUNTRIES))]
						.try_into()
						.expect("one pair"),
				),
				_ => None,
			};
			Mra::propose {
				name: b"MRA".to_vec(),
				parties,
				scope: vec![input.pick(&[AeoType::SecurityAndSafety, AeoType::Both])]
					.try_into()
					.expect("one type"),
				directions,
				effective_on: today() + input.byte() as u32 % 3,
				benefits: match input.byte() % 3 {
					0 => vec![],
					_ => vec![pallet_mra::ProposedBenefits {
						issuer: input.pick(COUNTRIES),
						recogniser: input.pick(COUNTRIES),
						grants: grants(input),
					}],
				},
			}
			.into()
		}
		15 => {
			let id = id(input);
			Mra::sign { id, motion: motion(input, id) }.into()
		}
		16 => Mra::suspend { id: id(input) }.into(),
		17 => Mra::resume { id: id(input) }.into(),
		18 => match input.byte() % 4 {
			0 => Mra::propose_benefits {
				id: id(input),
				issuer: input.pick(COUNTRIES),
				recogniser: input.pick(COUNTRIES),
				grants: grants(input),
				on: today() + input.byte() as u32 % 3,
			}
			.into(),
			1 => Mra::declare_continuity {}.into(),
			2 => Mra::end_continuity {}.into(),
			_ => Mra::propose_party {
				id: id(input),
				country: input.pick(COUNTRIES),
				directions: None,
			}
			.into(),
		},
		19 => Mra::terminate { id: id(input) }.into(),
		20 => Consortium::add_officer {
			officer: member(input),
			roles: input.pick(&[Roles::from(Role::Auditor), Roles::from(Role::Approver)]),
		}
		.into(),
		21 => Consortium::set_roles {
			officer: member(input),
			roles: input.pick(&[Roles::from(Role::Auditor), Roles::from(Role::Registrar)]),
		}
		.into(),
		22 => Consortium::remove_officer { officer: member(input) }.into(),
		23 => match input.byte() % 5 {
			0 => Consortium::set_encryption_key { key: None }.into(),
			byte => Consortium::set_encryption_key { key: Some([byte; 32]) }.into(),
		},
		24 if depth < 2 => pallet_utility::Call::batch {
			calls: vec![call(input, cast, depth + 1), call(input, cast, depth + 1)],
		}
		.into(),
		25 => pallet_utility::Call::force_batch { calls: vec![] }.into(),
		26 => Consortium::add_node { node: node(input) }.into(),
		27 => Consortium::set_node_address { node: node(input) }.into(),
		28 => Consortium::remove_node { peer_id: peer_id(input) }.into(),
		choice @ (29 | 30) => {
			use pallet_confidential::{Entitlement as _, Reader, Sealed, WrapEntry};
			let text = tin(input);
			let parsed = Tin::parse(&text).ok();
			let readers = [
				Reader::Administration(MX),
				Reader::Administration(CountryCode(*b"CR")),
				Reader::Account(cast.account("//trader")),
				Reader::Account(cast.account("//trader2")),
			];
			// Wraps for the issuer and the readers entitled now, each made for
			// the key the entitlement rule names; now and then a reader that
			// is not, a key that is not its own, or the issuer left out.
			let key_of = |reader: &Reader<AccountId>| {
				parsed.as_ref().and_then(|t| crate::entitlement::Entitlement::key_of(reader, t))
			};
			let mut wraps: Vec<_> = readers
				.iter()
				.filter_map(|reader| Some((reader.clone(), key_of(reader)?)))
				.filter(|_| !input.byte().is_multiple_of(8))
				.map(|(reader, key)| (reader, WrapEntry { key, wrap: [7; 80] }))
				.collect();
			if input.byte().is_multiple_of(8) {
				let reader = input.pick(&readers);
				let key = key_of(&reader)
					.filter(|_| input.byte().is_multiple_of(2))
					.unwrap_or([input.byte() | 1; 32]);
				wraps.push((reader, WrapEntry { key, wrap: [7; 80] }));
			}
			let current = parsed
				.as_ref()
				.and_then(|t| pallet_confidential::Records::<Runtime>::get(t.country, t))
				.map_or(0, |r| r.version);
			let version =
				current + u32::from(choice == 29) + u32::from(input.byte().is_multiple_of(8));
			let wraps = wraps.try_into().expect("at most MaxReaders");
			if choice == 29 {
				let ciphertext = vec![version as u8; 60].try_into().expect("bounded");
				pallet_confidential::Call::seal {
					tin: text,
					sealed: Sealed { version, ciphertext },
					wraps,
				}
				.into()
			} else {
				pallet_confidential::Call::add_wraps { tin: text, version, wraps }.into()
			}
		}
		_ => frame_system::Call::remark { remark: vec![input.byte()] }.into(),
	}
}

/// A digest of the CADENA pallets' storage, but for what every signed
/// transaction writes (`Consortium::SignerUse`).
fn cadena_state() -> H256 {
	let signer_use = pallet_consortium::SignerUse::<Runtime>::final_prefix();
	let mut hasher = Vec::new();
	for pallet in ["Consortium", "Council", "TinRegistry", "AeoCertificates", "Mra", "Confidential"]
	{
		let prefix = sp_io::hashing::twox_128(pallet.as_bytes());
		let mut key = prefix.to_vec();
		while let Some(next) = sp_io::storage::next_key(&key).filter(|k| k.starts_with(&prefix)) {
			if !next.starts_with(&signer_use) {
				hasher.extend_from_slice(&sp_io::hashing::blake2_256(&next));
				let value = sp_io::storage::get(&next).unwrap_or_default();
				hasher.extend_from_slice(&sp_io::hashing::blake2_256(&value));
			}
			key = next;
		}
	}
	H256(sp_io::hashing::blake2_256(&hasher))
}

/// Makes blocks: each with its Aura slot and timestamp.
struct Blocks {
	parent: H256,
	number: u32,
	slot: u64,
}

impl Blocks {
	fn start(&mut self) {
		self.number += 1;
		self.slot += 1;
		let slot = sp_consensus_aura::Slot::from(self.slot);
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
		};
		let header =
			Header::new(self.number, Default::default(), Default::default(), self.parent, digest);
		Executive::initialize_block(&header);
		let now = self.slot * SLOT_DURATION;
		let inherent = UncheckedExtrinsic::new_bare(pallet_timestamp::Call::set { now }.into());
		Executive::apply_extrinsic(inherent).expect("valid").expect("the timestamp is set");
		// The `on_poll` hooks (expiries, MRAs entering into force) run here,
		// as in a node's block, not inside the first transaction's weight.
		Executive::inherents_applied();
	}

	fn finish(&mut self, stats: &mut Stats) {
		// Transactions stay within the normal class's budget. (Mandatory
		// hooks may take a whole block: `pallet-session` claims one at each
		// rotation.)
		let weight = frame_system::BlockWeight::<Runtime>::get();
		let limits = configs::RuntimeBlockWeights::get();
		let normal = limits.get(frame_support::dispatch::DispatchClass::Normal);
		let budget = normal.max_total.unwrap_or(limits.max_block);
		let used = *weight.get(frame_support::dispatch::DispatchClass::Normal);
		assert!(used.all_lte(budget), "block over budget: {weight:?}");
		let header = Executive::finalize_block();
		self.parent = header.hash();
		stats.blocks += 1;
		let check = |name: &str, r: Result<(), sp_runtime::TryRuntimeError>| {
			r.unwrap_or_else(|e| panic!("{name} try_state after block {}: {e:?}", self.number))
		};
		check("consortium", Consortium::do_try_state());
		check("tin-registry", TinRegistry::do_try_state());
		check("aeo-certificates", AeoCertificates::do_try_state());
		check("mra", Mra::do_try_state());
		check("confidential", Confidential::do_try_state());
	}

	/// A new block, `days` later.
	fn next(&mut self, stats: &mut Stats, days: u64) {
		self.finish(stats);
		self.slot += days * 86_400_000 / SLOT_DURATION;
		self.start();
	}
}

/// Signs and applies `call` as the cast's `signer`, checking what it wrote.
fn apply(stats: &mut Stats, signer: &sr25519::Pair, call: RuntimeCall) {
	stats.calls += 1;
	let account = AccountId::from(signer.public());
	let xt = sign_extrinsic(
		signer,
		call.clone(),
		System::account_nonce(&account),
		System::block_hash(0),
		VERSION.spec_version,
		VERSION.transaction_version,
	);
	// The block counts the transaction's length into its proof size.
	let length = frame_support::weights::Weight::from_parts(0, xt.encoded_size() as u64);
	let declared = xt.get_dispatch_info().total_weight()
		+ configs::RuntimeBlockWeights::get()
			.get(frame_support::dispatch::DispatchClass::Normal)
			.base_extrinsic
		+ length;
	let before = cadena_state();
	let root = sp_io::storage::root(sp_runtime::StateVersion::V1);
	let weight_before = frame_system::BlockWeight::<Runtime>::get().total();
	let result = with_transaction(|| {
		let result = Executive::apply_extrinsic(xt);
		if result.is_err() {
			TransactionOutcome::Rollback(Ok::<_, sp_runtime::DispatchError>(result))
		} else {
			TransactionOutcome::Commit(Ok(result))
		}
	})
	.expect("no storage error");
	match result {
		Err(_) => {
			stats.refused += 1;
			let after = sp_io::storage::root(sp_runtime::StateVersion::V1);
			assert_eq!(after, root, "a refused {call:?} wrote");
		}
		Ok(outcome) => {
			let used = frame_system::BlockWeight::<Runtime>::get().total() - weight_before;
			assert!(used.all_lte(declared), "{call:?} used {used:?}, declared {declared:?}");
			match outcome {
				Ok(()) => {
					stats.applied += 1;
					if matches!(call, RuntimeCall::Confidential(_)) {
						stats.sealed += 1;
					}
				}
				Err(_) => {
					stats.failed += 1;
					assert_eq!(cadena_state(), before, "a failed {call:?} wrote: {outcome:?}");
				}
			}
		}
	}
}

/// The cast members whose role a call needs.
fn role_for(call: &RuntimeCall) -> Option<&'static [&'static str]> {
	use pallet_tin_registry::Call as Registry;
	Some(match call {
		RuntimeCall::TinRegistry(
			Registry::set_consent { .. }
			| Registry::unlink_account { .. }
			| Registry::set_encryption_key { .. },
		) => &["//trader", "//trader2"],
		RuntimeCall::TinRegistry(_) | RuntimeCall::Confidential(_) => {
			&["//Alice//registrar", "//Bob//registrar"]
		}
		RuntimeCall::AeoCertificates(_) => &["//Alice//approver", "//Bob//approver"],
		RuntimeCall::Mra(_) | RuntimeCall::Consortium(_) => &["//Alice", "//Bob"],
		RuntimeCall::Utility(pallet_utility::Call::batch { calls }) => role_for(calls.first()?)?,
		_ => return None,
	})
}

/// Runs the steps `data` decodes into, on the four-member local genesis with
/// an MRA in force between Mexico and Costa Rica and a linked trader.
pub fn run(data: &[u8]) -> Stats {
	let mut stats = Stats::default();
	externalities(local_config_genesis()).execute_with(|| {
		let cast = Cast::new();
		let mut blocks = Blocks { parent: H256::repeat_byte(1), number: 0, slot: 1_772_366_400 };
		blocks.start();
		// A start from which every call has something to act on.
		let pair =
			|name: &str| cast.signers.iter().find(|(n, _)| *n == name).expect("cast").1.clone();
		let auditor = pallet_consortium::Call::add_officer {
			officer: cast.account("//Alice//auditor"),
			roles: Role::Auditor.into(),
		};
		apply(&mut stats, &pair("//Alice"), auditor.into());
		let mut setup = Input(&[1]);
		let data_ok = trader_data(&mut setup);
		let register =
			pallet_tin_registry::Call::register { tin: TINS[0].as_bytes().to_vec(), data: data_ok };
		apply(&mut stats, &pair("//Alice//registrar"), register.into());
		let trader = cast.account("//trader");
		let tin = Tin::parse(TINS[0].as_bytes()).expect("a TIN");
		let valid_until = System::block_number() + 5;
		let signature =
			pair("//trader").sign(&TinRegistry::link_request(&tin, &trader, valid_until));
		let link = pallet_tin_registry::Call::link_account {
			tin: tin.to_bytes(),
			account: trader,
			valid_until,
			signature: signature.into(),
		};
		apply(&mut stats, &pair("//Alice//registrar"), link.into());
		let propose = pallet_mra::Call::propose {
			name: b"MX-CR".to_vec(),
			parties: vec![MX, CR],
			scope: vec![AeoType::SecurityAndSafety].try_into().expect("one type"),
			directions: None,
			effective_on: today(),
			benefits: vec![],
		};
		apply(&mut stats, &pair("//Alice"), propose.into());
		let sign = pallet_mra::Call::sign { id: 0, motion: pallet_mra::MotionKind::EnterIntoForce };
		apply(&mut stats, &pair("//Bob"), sign.into());
		for (admin, key) in [("//Alice", [1; 32]), ("//Bob", [2; 32])] {
			let key = pallet_consortium::Call::set_encryption_key { key: Some(key) };
			apply(&mut stats, &pair(admin), key.into());
		}
		assert_eq!(stats.applied, 7, "the start was set up");

		let mut input = Input(data);
		while !input.is_empty() {
			match input.byte() % 16 {
				0 => blocks.next(&mut stats, 0),
				1 => blocks.next(&mut stats, 1 + input.byte() as u64 % 30),
				_ => {
					let call = call(&mut input, &cast, 0);
					// Mostly the role the call needs, so that calls get past
					// the pool and reach deep states; sometimes anyone.
					let name = match (input.byte() % 4, role_for(&call)) {
						(0, _) | (_, None) => input.pick(&cast.signers).0,
						(_, Some(role)) => input.pick(role),
					};
					apply(&mut stats, &pair(name), call);
				}
			}
		}
		blocks.finish(&mut stats);
	});
	stats
}

/// SplitMix64: the bytes of a seeded run.
fn bytes(seed: u64, len: usize) -> Vec<u8> {
	let mut state = seed;
	(0..len)
		.map(|_| {
			state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
			let mut z = state;
			z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
			z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
			(z ^ (z >> 31)) as u8
		})
		.collect()
}

/// The fixed-seed run of the test suite: at least 10,000 calls.
#[test]
fn ten_thousand_calls_break_no_invariant() {
	let mut stats = Stats::default();
	let mut seed = 0;
	while stats.calls < 10_000 {
		stats.add(run(&bytes(seed, 20_000)));
		seed += 1;
	}
	println!("fuzz: {seed} seeds, {stats:?}");
	assert!(stats.applied > 500, "too few calls succeed to reach deep states: {stats:?}");
	assert!(stats.sealed > 20, "too few records sealed or wrapped: {stats:?}");
}

/// Random seeds for `CADENA_FUZZ_SECONDS` (default 60), or the one seed
/// `CADENA_FUZZ_SEED`: `cargo test --release -p cadena-runtime fuzz_for_a_while
/// -- --ignored --nocapture`.
#[test]
#[ignore = "a long run, by hand"]
fn fuzz_for_a_while() {
	let env = |name: &str| std::env::var(name).ok().and_then(|v| v.parse::<u64>().ok());
	if let Some(seed) = env("CADENA_FUZZ_SEED") {
		println!("seed {seed}: {:?}", run(&bytes(seed, 20_000)));
		return;
	}
	let until = std::time::Instant::now()
		+ std::time::Duration::from_secs(env("CADENA_FUZZ_SECONDS").unwrap_or(60));
	let mut total = Stats::default();
	let mut runs = 0u64;
	let start = std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.expect("after 1970")
		.as_nanos() as u64;
	while std::time::Instant::now() < until {
		let seed = start.wrapping_add(runs);
		println!("seed {seed}");
		total.add(run(&bytes(seed, 20_000)));
		runs += 1;
	}
	println!("fuzz: {runs} runs, {total:?}");
}
