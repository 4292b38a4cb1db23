//! Issue #12, fault 12: expiries on blocks built by `Executive`, as a node
//! builds them. The expiry hook used to run in `on_initialize`, before the
//! timestamp inherent, so it read the parent's day: a certificate stopped
//! being recognised in the first block of its expiry day, with no event, and
//! its `Expire` event came a block later, when nothing changed any more.
//! Subscribers compare the answers around each block's events, so they
//! never heard of an expiry.

use super::*;
use cadena_primitives::{
	Action, AeoType, CertificateId, CertificateStatus, CountryCode, Day, NotRecognised,
	OperatorRole, MILLIS_PER_DAY,
};
use codec::Encode;
use sp_core::H256;
use sp_runtime::{generic::Digest, traits::Header as _, DigestItem};

const MX: CountryCode = CountryCode(*b"MX");
const TODAY: Day = 20_513; // 2026-03-01

/// Builds blocks at chosen times, through `Executive`, with Aura slots and
/// timestamp inherents.
struct Blocks {
	parent: H256,
	number: u32,
}

impl Blocks {
	/// Opens the next block at `millis` since the Unix epoch.
	fn start(&mut self, millis: u64) {
		self.number += 1;
		let slot = sp_consensus_aura::Slot::from(millis / SLOT_DURATION);
		let digest = Digest {
			logs: vec![DigestItem::PreRuntime(sp_consensus_aura::AURA_ENGINE_ID, slot.encode())],
		};
		let header =
			Header::new(self.number, Default::default(), Default::default(), self.parent, digest);
		Executive::initialize_block(&header);
		let now = millis / SLOT_DURATION * SLOT_DURATION;
		let inherent = UncheckedExtrinsic::new_bare(pallet_timestamp::Call::set { now }.into());
		Executive::apply_extrinsic(inherent).expect("valid").expect("the timestamp is set");
	}

	fn finish(&mut self) {
		self.parent = Executive::finalize_block().hash();
	}
}

fn number(n: u32) -> Vec<u8> {
	format!("AEO-{n:06}").into_bytes()
}

fn id(n: u32) -> CertificateId {
	CertificateId::new(MX, &number(n)).expect("a certificate id")
}

/// A trader and `count` certificates of its, expiring at the start of
/// `TODAY + 1`, granted in a block of `TODAY`.
fn granted(count: u32) -> Blocks {
	let mut blocks = Blocks { parent: H256::repeat_byte(1), number: 0 };
	blocks.start(TODAY as u64 * MILLIS_PER_DAY + 43_200_000);
	let registrar = RuntimeOrigin::signed(AccountId::from(dev("//Alice//registrar").public()));
	let approver = RuntimeOrigin::signed(AccountId::from(dev("//Alice//approver").public()));
	TinRegistry::register(registrar, b"MXAAA010101AAA".to_vec(), trader_data()).unwrap();
	for n in 0..count {
		let certificate = pallet_aeo_certificates::NewCertificate {
			number: number(n),
			data: pallet_aeo_certificates::CertificateData {
				holder: b"MXAAA010101AAA".to_vec(),
				aeo_type: AeoType::SecurityAndSafety,
				roles: vec![OperatorRole::Exporter].try_into().unwrap(),
				authorized_on: TODAY,
			},
			expires_on: TODAY + 1,
		};
		AeoCertificates::grant(approver.clone(), certificate).unwrap();
	}
	blocks.finish();
	blocks
}

fn recognised(ids: &[CertificateId]) -> Vec<bool> {
	crate::cadena_api::recognition_of_certificates(ids.to_vec(), MX)
		.into_iter()
		.map(|r| r.recognised)
		.collect()
}

/// The certificates whose `Expire` event is in the current block.
fn expired_here() -> Vec<CertificateId> {
	crate::cadena_api::block_changes()
		.certificates
		.into_iter()
		.filter(|c| c.action == Action::Expire)
		.map(|c| c.id)
		.collect()
}

#[test]
fn fault_12_a_certificate_expires_in_the_block_where_it_stops_being_recognised() {
	externalities(local_config_genesis()).execute_with(|| {
		let mut blocks = granted(1);
		// The last block of the day: still recognised, nothing expires.
		blocks.start((TODAY as u64 + 1) * MILLIS_PER_DAY - 1_000);
		blocks.finish();
		assert_eq!(recognised(&[id(0)]), vec![true]);
		assert!(expired_here().is_empty());

		// The first block of the expiry day: the answer changes, and the
		// event that says why is in this very block.
		blocks.start((TODAY as u64 + 1) * MILLIS_PER_DAY);
		blocks.finish();
		let answer = crate::cadena_api::recognition_of_certificates(vec![id(0)], MX);
		assert_eq!(answer[0].reason, Some(NotRecognised::CertificateExpired));
		assert_eq!(expired_here(), vec![id(0)]);
		let status = AeoCertificates::certificate(&id(0)).map(|c| c.status);
		assert_eq!(status, Some(CertificateStatus::Expired));
		assert_eq!(AeoCertificates::today(), TODAY + 1);
	});
}

#[test]
fn fault_12_expiries_beyond_one_block_are_listed_as_awaiting_in_the_block_of_the_day() {
	let max: u32 = <Runtime as pallet_aeo_certificates::Config>::MaxExpiriesPerBlock::get();
	let count = max + 50;
	externalities(local_config_genesis()).execute_with(|| {
		let mut blocks = granted(count);
		let all: Vec<CertificateId> = (0..count).map(id).collect();
		assert!(recognised(&all).iter().all(|r| *r));

		blocks.start((TODAY as u64 + 1) * MILLIS_PER_DAY);
		blocks.finish();
		// Every answer changed in this block; the hook expired `max` of
		// them, and the rest wait in the queue, listed page by page.
		assert!(recognised(&all).iter().all(|r| !*r));
		let mut changed = expired_here();
		assert_eq!(changed.len() as u32, max);
		let mut cursor = None;
		loop {
			let (page, next) = crate::cadena_api::awaiting_expiry(TODAY + 1, cursor, 20);
			assert!(page.len() <= 20);
			changed.extend(page);
			match next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
		changed.sort();
		assert_eq!(changed, all, "each certificate once, by event or as awaiting");

		// The next block expires the rest: events, but no answer changes.
		blocks.start((TODAY as u64 + 1) * MILLIS_PER_DAY + SLOT_DURATION);
		blocks.finish();
		assert_eq!(expired_here().len(), 50);
		assert_eq!(crate::cadena_api::awaiting_expiry(TODAY + 1, None, 1_000).0, vec![]);
		AeoCertificates::do_try_state().unwrap();
	});
}
