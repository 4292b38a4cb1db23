//! The answers of `CadenaApi`: the recognition rule
//! (`cadena_primitives::recognise`) applied to the certificates, the TIN
//! registry's consent and the MRAs, and the views integrators read.

use crate::{AccountId, AeoCertificates, Runtime, RuntimeEvent, System, TinRegistry};
use alloc::vec::Vec;
use cadena_primitives::{
	recognise, AuthorizationNumber, CertificateFacts, CertificateId, CountryCode, Day, MraId,
	MraStatus, MraTerms, Recognition, Tin, TinRegistry as _,
};
use cadena_runtime_api::{
	BlockChanges, CertificateChange, CertificateView, ConfidentialView, HistoryEntryView,
	HistoryView, MemberView, MissingWraps, MissingWrapsPage, MraView, ReaderView, RecognisedPage,
	TinRecognition, TraderView, WrapView, MAX_PAGE,
};
use pallet_aeo_certificates::{Certificates, CertificatesOf};
use pallet_confidential::{Entitlement as _, Reader};

pub mod benefits;

type CertificateOf = pallet_aeo_certificates::CertificateOf<Runtime>;

fn facts(id: &CertificateId, certificate: &CertificateOf) -> CertificateFacts {
	CertificateFacts {
		id: id.clone(),
		aeo_type: certificate.aeo_type,
		status: certificate.status,
		expires_on: certificate.expires_on,
		consent: TinRegistry::consents(&certificate.holder),
		issuer_active:
			<crate::Consortium as cadena_primitives::Consortium<AccountId>>::is_active_member(
				&id.country,
			),
		holder_active: TinRegistry::is_active(&certificate.holder),
	}
}

fn view(id: CertificateId, c: CertificateOf) -> CertificateView {
	CertificateView {
		id,
		holder: c.holder,
		aeo_type: c.aeo_type,
		roles: c.roles,
		authorized_on: c.authorized_on,
		expires_on: c.expires_on,
		status: c.status,
		status_since: c.status_since,
		reason_code: c.reason.code,
		reason: c.reason.text.into_inner(),
	}
}

/// The terms of the MRAs `reader` is party to.
fn terms_of(reader: CountryCode) -> Vec<(MraId, MraTerms)> {
	pallet_mra::Pallet::<Runtime>::mras_of(reader)
		.into_iter()
		.map(|(id, m)| (id, m.terms))
		.collect()
}

/// The recognition rule for one certificate, with `reader`'s MRAs at hand.
fn recognition(id: &CertificateId, reader: CountryCode, mras: &[(MraId, MraTerms)]) -> Recognition {
	recognition_of(id, AeoCertificates::certificate(id).as_ref(), reader, mras)
}

/// The recognition rule for a certificate already read.
fn recognition_of(
	id: &CertificateId,
	certificate: Option<&CertificateOf>,
	reader: CountryCode,
	mras: &[(MraId, MraTerms)],
) -> Recognition {
	let facts = certificate.map(|c| facts(id, c));
	recognise(facts.as_ref(), reader, AeoCertificates::today(), mras.iter().map(|(i, t)| (*i, t)))
}

/// A page's size: `limit`, at least one and at most `MAX_PAGE`. (A page of
/// none would answer "end of list" where there are more.)
fn page(limit: u32) -> usize {
	limit.clamp(1, MAX_PAGE) as usize
}

/// A page of at most `page(limit)` keys, from up to one more read, and the
/// cursor of the next page (the page's last key) when there was more.
fn into_page<K: Clone>(mut keys: Vec<K>, limit: u32) -> (Vec<K>, Option<K>) {
	let next = (keys.len() > page(limit)).then(|| {
		keys.truncate(page(limit));
		keys.last().cloned()
	});
	(keys, next.flatten())
}

/// Whether `reader` recognises `tin`: through its best certificate (a
/// recognised one, or else the one whose reason comes last in the rule).
pub fn recognition_of_tin(tin: Tin, reader: CountryCode) -> TinRecognition {
	let mras = terms_of(reader);
	CertificatesOf::<Runtime>::iter_key_prefix(&tin)
		.take(MAX_PAGE as usize)
		.map(|id| (recognition(&id, reader, &mras), id))
		.max_by_key(|(r, _)| (r.recognised, r.reason))
		.map(|(recognition, id)| TinRecognition { recognition, certificate: Some(id) })
		.unwrap_or(TinRecognition {
			recognition: Recognition::no(cadena_primitives::NotRecognised::UnknownCertificate),
			certificate: None,
		})
}

/// Whether `reader` recognises each certificate.
pub fn recognition_of_certificates(
	ids: Vec<CertificateId>,
	reader: CountryCode,
) -> Vec<Recognition> {
	let mras = terms_of(reader);
	ids.iter().take(MAX_PAGE as usize).map(|id| recognition(id, reader, &mras)).collect()
}

/// A certificate.
pub fn certificate(id: CertificateId) -> Option<CertificateView> {
	AeoCertificates::certificate(&id).map(|c| view(id, c))
}

/// Each of these certificates, if it exists: at most `MAX_PAGE` answers.
pub fn certificates(ids: Vec<CertificateId>) -> Vec<Option<CertificateView>> {
	ids.into_iter().take(MAX_PAGE as usize).map(certificate).collect()
}

/// Each of these TINs' registry record, if registered: at most `MAX_PAGE`
/// answers.
pub fn traders(tins: Vec<Tin>) -> Vec<Option<TraderView>> {
	tins.into_iter()
		.take(MAX_PAGE as usize)
		.map(|tin| {
			pallet_tin_registry::Traders::<Runtime>::get(&tin).map(|r| TraderView {
				tin,
				active: r.status == pallet_tin_registry::TinStatus::Active,
				consent: r.consent,
			})
		})
		.collect()
}

/// The certificates of a TIN.
pub fn certificates_of(tin: Tin) -> Vec<CertificateView> {
	CertificatesOf::<Runtime>::iter_key_prefix(&tin)
		.take(MAX_PAGE as usize)
		.filter_map(certificate)
		.collect()
}

/// A certificate's history.
pub fn history(id: CertificateId) -> Option<HistoryView<AccountId>> {
	AeoCertificates::certificate(&id)?;
	let pruned = pallet_aeo_certificates::Pruned::<Runtime>::get(&id).unwrap_or_default();
	let entries = pallet_aeo_certificates::History::<Runtime>::get(&id)
		.into_iter()
		.map(|e| HistoryEntryView {
			action: e.action,
			from: e.from,
			to: e.to,
			expires_on: e.expires_on,
			by: e.by,
			block: e.block,
			at: e.at,
			reason_code: e.reason.code,
			reason: e.reason.text.into_inner(),
		})
		.collect();
	Some(HistoryView { pruned: pruned.count, pruned_digest: pruned.digest, entries })
}

/// The MRAs `country` is party to.
pub fn mras_of(country: CountryCode) -> Vec<MraView> {
	pallet_mra::Pallet::<Runtime>::mras_of(country)
		.into_iter()
		.map(|(id, m)| MraView {
			id,
			name: m.name.into_inner(),
			parties: m.terms.parties,
			scope: m.terms.scope,
			directions: m.terms.directions,
			effective_on: m.terms.effective_on,
			status: m.terms.status,
			signed: m.motion.map(|m| m.signed.into_inner()).unwrap_or_default(),
		})
		.collect()
}

/// Up to `limit` of `country`'s certificate numbers after `cursor`, in
/// storage order, and the cursor of the next page.
pub fn certificates_issued_by(
	country: CountryCode,
	cursor: Option<AuthorizationNumber>,
	limit: u32,
) -> (Vec<AuthorizationNumber>, Option<AuthorizationNumber>) {
	let take = page(limit) + 1;
	let numbers: Vec<_> = match cursor {
		Some(number) => {
			let from = Certificates::<Runtime>::hashed_key_for(country, &number);
			Certificates::<Runtime>::iter_key_prefix_from(country, from).take(take).collect()
		}
		None => Certificates::<Runtime>::iter_key_prefix(country).take(take).collect(),
	};
	into_page(numbers, limit)
}

/// Up to `limit` of the certificates still waiting to expire on `day`
/// (Active or Suspended, with that expiry date, not yet expired by the
/// hook) after `cursor`, in the queue's order, and the cursor of the next
/// page. A day with more expiries than one block takes keeps some here a
/// few blocks, though recognition already answers `CertificateExpired`.
pub fn awaiting_expiry(
	day: Day,
	cursor: Option<CertificateId>,
	limit: u32,
) -> (Vec<CertificateId>, Option<CertificateId>) {
	use pallet_aeo_certificates::ExpiryQueue;
	let take = page(limit) + 1;
	let ids: Vec<_> = match cursor {
		Some(id) => {
			let from = ExpiryQueue::<Runtime>::hashed_key_for(day, &id);
			ExpiryQueue::<Runtime>::iter_key_prefix_from(day, from).take(take).collect()
		}
		None => ExpiryQueue::<Runtime>::iter_key_prefix(day).take(take).collect(),
	};
	into_page(ids, limit)
}

/// The certificates `reader` recognises: those of the issuers it recognises
/// under an MRA in force, examining at most `limit` from `cursor` on.
pub fn recognised_by(
	reader: CountryCode,
	cursor: Option<CertificateId>,
	limit: u32,
) -> RecognisedPage {
	let mras = terms_of(reader);
	let mut issuers: Vec<CountryCode> = mras
		.iter()
		.filter(|(_, t)| t.status == MraStatus::InForce)
		.flat_map(|(_, t)| t.directions.iter().filter(|(_, r)| *r == reader).map(|(i, _)| *i))
		.collect();
	issuers.sort();
	issuers.dedup();
	let mut budget = page(limit);
	let mut certificates = Vec::new();
	let mut next = None;
	for issuer in issuers {
		let after = match &cursor {
			Some(c) if c.country > issuer => continue,
			Some(c) if c.country == issuer => Some(c.number.clone()),
			_ => None,
		};
		let (numbers, _) = certificates_issued_by(issuer, after, budget as u32);
		budget -= numbers.len();
		for number in numbers {
			let id = CertificateId { country: issuer, number };
			// One read per certificate: for the rule and for the answer.
			if let Some(found) = AeoCertificates::certificate(&id) {
				if recognition_of(&id, Some(&found), reader, &mras).recognised {
					certificates.push(view(id.clone(), found));
				}
			}
			next = Some(id);
		}
		if budget == 0 {
			// The next page starts after the last certificate examined.
			return RecognisedPage { certificates, next };
		}
	}
	RecognisedPage { certificates, next: None }
}

/// What the current block changed that may change recognition, read from its events.
pub fn block_changes() -> BlockChanges {
	let mut changes = BlockChanges::default();
	for record in System::read_events_no_consensus() {
		match record.event {
			RuntimeEvent::AeoCertificates(pallet_aeo_certificates::Event::CertificateChanged {
				id,
				holder,
				aeo_type,
				action,
				from,
				to,
				expires_on,
				reason,
				..
			}) => changes.certificates.push(CertificateChange {
				id,
				holder,
				aeo_type,
				action,
				from,
				to,
				expires_on,
				reason_code: reason.code,
				reason: reason.text.into_inner(),
			}),
			RuntimeEvent::TinRegistry(
				pallet_tin_registry::Event::ConsentChanged { tin, .. }
				| pallet_tin_registry::Event::TinClosed { tin, .. }
				| pallet_tin_registry::Event::TinReopened { tin, .. },
			) => {
				changes.consent.extend(CertificatesOf::<Runtime>::iter_key_prefix(&tin));
			}
			// An issuer suspended, reinstated or retired: its certificates
			// change recognition wherever an MRA recognised them.
			RuntimeEvent::Consortium(
				pallet_consortium::Event::MemberSuspended { country }
				| pallet_consortium::Event::MemberReinstated { country }
				| pallet_consortium::Event::MemberRetired { country },
			) => changes.mras.extend(
				pallet_mra::Pallet::<Runtime>::mras_of(country)
					.into_iter()
					.map(|(_, m)| m.terms.parties),
			),
			RuntimeEvent::Mra(pallet_mra::Event::StatusChanged { parties, .. })
			| RuntimeEvent::Mra(pallet_mra::Event::PartyAdded { parties, .. }) => changes.mras.push(parties),
			_ => {}
		}
	}
	changes
}

/// A member administration and its officers, in the order of the index.
pub fn member(country: CountryCode) -> Option<MemberView<AccountId>> {
	let member = pallet_consortium::Members::<Runtime>::get(country)?;
	let officers = pallet_consortium::OfficersOf::<Runtime>::get(country)
		.into_iter()
		.filter_map(|account| {
			pallet_consortium::Officers::<Runtime>::get(&account).map(|o| (account, o.roles))
		})
		.collect();
	Some(MemberView {
		country,
		name: member.name.into_inner(),
		status: member.status,
		admin: member.admin,
		validator: member.validator,
		encryption_key: member.encryption_key,
		officers,
		since: member.since,
	})
}

fn reader_of(view: ReaderView<AccountId>) -> Reader<AccountId> {
	match view {
		ReaderView::Administration(country) => Reader::Administration(country),
		ReaderView::Account(account) => Reader::Account(account),
	}
}

fn view_of(reader: Reader<AccountId>) -> ReaderView<AccountId> {
	match reader {
		Reader::Administration(country) => ReaderView::Administration(country),
		Reader::Account(account) => ReaderView::Account(account),
	}
}

/// `tin`'s sealed record as `reader` sees it: the ciphertext, and the wrap
/// the confidential pallet shows it (entitled now, with the key it was
/// made for, not being revoked).
pub fn confidential_record(tin: Tin, reader: ReaderView<AccountId>) -> Option<ConfidentialView> {
	let record = pallet_confidential::Records::<Runtime>::get(tin.country, &tin)?;
	let reader = reader_of(reader);
	let entitled = crate::entitlement::Entitlement::key_of(&reader, &tin).is_some();
	let wrap = crate::Confidential::wrap_of(&reader, &tin)
		.map(|(_, entry)| WrapView { key: entry.key, wrap: entry.wrap });
	Some(ConfidentialView {
		version: record.version,
		ciphertext: record.ciphertext.into_inner(),
		wrap,
		entitled,
	})
}

/// Up to `limit` of `issuer`'s sealed records after `cursor`, in storage
/// order, and for each the entitled readers without a usable wrap (none,
/// or one made for a key they no longer publish), with the key to wrap
/// for. A reader whose wraps of `issuer` are being removed is left out
/// until they are gone (the pallet refuses its wraps meanwhile).
/// The other administrations entitled to the records of `issuer`'s
/// consenting traders: active members recognising it under an MRA in force,
/// not being revoked, with their published keys.
pub fn partners_of(issuer: CountryCode) -> Vec<(CountryCode, [u8; 32])> {
	use pallet_confidential::Revoking;
	pallet_consortium::Members::<Runtime>::iter()
		.filter(|(country, member)| {
			*country != issuer
				&& member.status == cadena_primitives::MemberStatus::Active
				&& crate::entitlement::recognises(issuer, *country)
				&& !Revoking::<Runtime>::contains_key(Reader::Administration(*country), issuer)
		})
		.filter_map(|(country, member)| Some((country, member.encryption_key?)))
		.collect()
}

pub fn missing_wraps(
	issuer: CountryCode,
	cursor: Option<Tin>,
	limit: u32,
) -> MissingWrapsPage<AccountId> {
	use pallet_confidential::{Records, Revoking, Wraps};
	let take = page(limit) + 1;
	let tins: Vec<Tin> = match cursor {
		Some(tin) => {
			let from = Records::<Runtime>::hashed_key_for(issuer, &tin);
			Records::<Runtime>::iter_key_prefix_from(issuer, from).take(take).collect()
		}
		None => Records::<Runtime>::iter_key_prefix(issuer).take(take).collect(),
	};
	let (tins, next) = into_page(tins, limit);
	// The administrations that may read some of the issuer's records: the
	// issuer, and the partners recognising it under an MRA in force.
	let administrations: Vec<Reader<AccountId>> =
		pallet_consortium::Members::<Runtime>::iter_keys()
			.filter(|c| *c == issuer || crate::entitlement::recognises(issuer, *c))
			.filter(|c| !Revoking::<Runtime>::contains_key(Reader::Administration(*c), issuer))
			.map(Reader::Administration)
			.collect();
	let records = tins
		.into_iter()
		.filter_map(|tin| {
			let version = Records::<Runtime>::get(issuer, &tin)?.version;
			let stored = Wraps::<Runtime>::get(issuer, &tin);
			let accounts = pallet_tin_registry::AccountsOf::<Runtime>::get(&tin)
				.into_iter()
				.map(Reader::Account)
				.filter(|r| !Revoking::<Runtime>::contains_key(r, issuer));
			let readers: Vec<_> = administrations
				.iter()
				.cloned()
				.chain(accounts)
				.filter_map(|reader| {
					let key = crate::entitlement::Entitlement::key_of(&reader, &tin)?;
					let usable = stored.iter().any(|(r, entry)| *r == reader && entry.key == key);
					(!usable).then(|| (view_of(reader), key))
				})
				.collect();
			(!readers.is_empty()).then_some(MissingWraps { tin, version, readers })
		})
		.collect();
	MissingWrapsPage { records, next }
}
