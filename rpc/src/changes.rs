//! What one finalized block changed, as the subscriptions notify it. These
//! run on the worker threads, once per (kind, country, block), however many
//! subscribers wait for the answer.

use std::collections::BTreeSet;

use cadena_primitives::{AuthorizationNumber, CertificateId, CountryCode};
use cadena_runtime::{opaque::Block, AccountId};
use cadena_runtime_api::{BenefitsChange, CadenaApi, MAX_PAGE};
use jsonrpsee::types::ErrorObjectOwned;
use sp_api::{ApiError, ApiExt};
use sp_core::H256;

use crate::{
	codes,
	json::{
		date, id_json, recognition_json, recognition_view_json, sealed, text, BenefitsChangeJson,
		BenefitsChangedJson, CertificateEventJson, ContinuityJson, RecognitionChangeJson,
		RecognitionJson,
	},
	server::error,
};

/// The finalized block a subscription is at.
#[derive(Clone, Copy, Debug)]
pub(crate) struct At {
	pub hash: H256,
	pub parent: H256,
	pub number: u32,
}

/// A runtime call failed: because the node pruned the state it needs, or
/// for another reason.
pub(crate) fn failed<C>(client: &C, at: At, e: ApiError) -> ErrorObjectOwned
where
	C: crate::ApiClient,
{
	let kept =
		|hash| client.runtime_api().api_version::<dyn CadenaApi<Block, AccountId>>(hash).is_ok();
	if !kept(at.parent) || !kept(at.hash) {
		error(
			codes::STATE_UNAVAILABLE,
			format!(
				"this node no longer keeps the state of block {} (it prunes old state): replay \
				 from an archive node (--state-pruning archive), or from a later block",
				at.number
			),
		)
	} else {
		error(
			codes::RUNTIME_ERROR,
			format!("block {}: the runtime could not answer: {e}", at.number),
		)
	}
}

/// The certificates whose recognition by `reader` changed in the block:
/// each with the answer before and after it.
pub(crate) fn recognition_changes<C>(
	client: &C,
	reader: CountryCode,
	at: At,
) -> Result<Vec<RecognitionChangeJson>, ApiError>
where
	C: crate::ApiClient,
{
	let At { hash, parent, number } = at;
	// One runtime API instance per block: an instance serves a single block.
	let api = client.runtime_api();
	let changes = api.block_changes(hash)?;
	let mut ids: BTreeSet<CertificateId> = changes.certificates.into_iter().map(|c| c.id).collect();
	ids.extend(changes.consent);
	for parties in changes.mras.iter().filter(|p| p.contains(&reader)) {
		for issuer in parties.iter().filter(|p| **p != reader) {
			let mut cursor: Option<AuthorizationNumber> = None;
			loop {
				let (numbers, next) =
					api.certificates_issued_by(hash, *issuer, cursor, MAX_PAGE)?;
				ids.extend(
					numbers.into_iter().map(|number| CertificateId { country: *issuer, number }),
				);
				match next {
					Some(next) => cursor = Some(next),
					None => break,
				}
			}
		}
	}
	ids.extend(expiring(client, at)?);
	let ids: Vec<CertificateId> = ids.into_iter().filter(|id| id.country != reader).collect();
	let mut notifications = Vec::new();
	for chunk in ids.chunks(MAX_PAGE as usize) {
		let before = answers(client, parent, chunk, reader)?;
		let after = answers(client, hash, chunk, reader)?;
		for ((id, before), after) in chunk.iter().zip(before).zip(after) {
			if before.recognised != after.recognised {
				notifications.push(RecognitionChangeJson {
					block: number,
					block_hash: hash,
					certificate: id_json(id),
					before,
					after,
				});
			}
		}
	}
	Ok(notifications)
}

/// `reader`'s answers for `ids` at `at`, with their benefits; a runtime
/// before API version 6 answers without them.
fn answers<C>(
	client: &C,
	at: H256,
	ids: &[CertificateId],
	reader: CountryCode,
) -> Result<Vec<RecognitionJson>, ApiError>
where
	C: crate::ApiClient,
{
	if let Ok(views) = client.runtime_api().recognitions(at, ids.to_vec(), reader) {
		return Ok(views.into_iter().map(recognition_view_json).collect());
	}
	let answers = client.runtime_api().recognition_of_certificates(at, ids.to_vec(), reader)?;
	Ok(ids.iter().zip(answers).map(|(id, answer)| recognition_json(answer, Some(id))).collect())
}

/// The certificates a new day expires in this block without an event: those
/// still waiting in the expiry queue for the days since the parent's. (The
/// hook expires most of them in this very block, and their events are in
/// `block_changes`; a day with more than one block takes leaves the rest
/// for the next blocks, but their recognition changes now.) Runtimes before
/// API version 3 cannot say.
fn expiring<C>(client: &C, at: At) -> Result<Vec<CertificateId>, ApiError>
where
	C: crate::ApiClient,
{
	let version = |hash| client.runtime_api().api_version::<dyn CadenaApi<Block, AccountId>>(hash);
	if version(at.hash)?.unwrap_or(0) < 3 || version(at.parent)?.unwrap_or(0) < 3 {
		return Ok(Vec::new());
	}
	let before = client.runtime_api().today(at.parent)?;
	let api = client.runtime_api();
	let today = api.today(at.hash)?;
	let mut ids = Vec::new();
	for day in before.saturating_add(1)..=today {
		let mut cursor = None;
		loop {
			let (page, next) = api.awaiting_expiry(at.hash, day, cursor, MAX_PAGE)?;
			ids.extend(page);
			match next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
	}
	Ok(ids)
}

/// What the block changed in the benefits `recogniser` grants: one
/// notification per direction amended and per continuity event. Runtimes
/// before API version 6 have no benefits.
pub(crate) fn benefit_changes<C>(
	client: &C,
	recogniser: CountryCode,
	at: At,
) -> Result<Vec<BenefitsChangeJson>, ApiError>
where
	C: crate::ApiClient,
{
	let api = client.runtime_api();
	if api.api_version::<dyn CadenaApi<Block, AccountId>>(at.hash)?.unwrap_or(0) < 6 {
		return Ok(Vec::new());
	}
	let notification = |benefits_changed, continuity| BenefitsChangeJson {
		block: at.number,
		block_hash: at.hash,
		benefits_changed,
		continuity,
	};
	let code = |c: CountryCode| c.as_str().to_string();
	Ok(api
		.benefit_changes(at.hash)?
		.into_iter()
		.filter_map(|change| match change {
			BenefitsChange::Amended { mra, issuer, recogniser: r, version, grants }
				if r == recogniser =>
			{
				let changed = BenefitsChangedJson {
					mra,
					issuer: code(issuer),
					recogniser: code(r),
					version,
					grants,
				};
				Some(notification(Some(changed), None))
			}
			BenefitsChange::Continuity { country, declared } if country == recogniser => {
				Some(notification(None, Some(ContinuityJson { country: code(country), declared })))
			}
			_ => None,
		})
		.collect())
}

/// The changes of certificates issued by `issuer` in the block.
pub(crate) fn certificate_events<C>(
	client: &C,
	issuer: CountryCode,
	at: At,
) -> Result<Vec<CertificateEventJson>, ApiError>
where
	C: crate::ApiClient,
{
	let changes = client.runtime_api().block_changes(at.hash)?;
	Ok(changes
		.certificates
		.into_iter()
		.filter(|c| c.id.country == issuer)
		.map(|c| CertificateEventJson {
			block: at.number,
			block_hash: at.hash,
			certificate: id_json(&c.id),
			holder: text(&c.holder.to_bytes()),
			aeo_type: c.aeo_type,
			action: c.action,
			from: c.from,
			to: c.to,
			expires_on: date(c.expires_on),
			reason_code: c.reason_code,
			sealed_reason: sealed(&c.reason),
		})
		.collect())
}
