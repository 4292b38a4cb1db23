//! `cadena_*` JSON-RPC: the runtime's `CadenaApi` for integrators, with
//! subscriptions on finalized blocks. Every query takes an optional block
//! hash (default: the best block); subscriptions follow finalized blocks
//! only, and replay from a block number so a client that reconnects misses
//! nothing. docs/rpc.md is the reference.

use std::{collections::BTreeSet, sync::Arc};

use cadena_primitives::{AuthorizationNumber, CertificateId, CountryCode, Tin};
use cadena_runtime::{opaque::Block, AccountId};
pub use cadena_runtime_api::json::*;
use cadena_runtime_api::{CadenaApi, MAX_PAGE};
use futures::{FutureExt, StreamExt};
use jsonrpsee::{
	core::{async_trait, RpcResult, SubscriptionResult},
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
	PendingSubscriptionSink, SubscriptionMessage, SubscriptionSink,
};
use sc_client_api::BlockchainEvents;
use serde::Serialize;
use sp_api::{ApiError, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::{traits::SpawnNamed, H256};
use sp_runtime::traits::Header as HeaderT;

/// Invalid parameters: a malformed TIN, country, number or cursor.
pub const INVALID_PARAMS: i32 = -32602;
/// The runtime could not answer (unknown block, API missing at that block).
pub const RUNTIME_ERROR: i32 = 1;

/// The `cadena_*` methods.
#[rpc(server, namespace = "cadena")]
pub trait CadenaRpc {
	/// Whether `country` recognises the trader `tin` now, and why not.
	#[method(name = "recognition")]
	fn recognition(
		&self,
		tin: String,
		country: String,
		at: Option<H256>,
	) -> RpcResult<RecognitionJson>;

	/// Whether `country` recognises a certificate now, and why not.
	#[method(name = "certificateRecognition")]
	fn certificate_recognition(
		&self,
		id: CertificateIdJson,
		country: String,
		at: Option<H256>,
	) -> RpcResult<RecognitionJson>;

	/// A certificate, or `null`.
	#[method(name = "certificate")]
	fn certificate(
		&self,
		id: CertificateIdJson,
		at: Option<H256>,
	) -> RpcResult<Option<CertificateJson>>;

	/// The certificates of a TIN.
	#[method(name = "certificatesOf")]
	fn certificates_of(&self, tin: String, at: Option<H256>) -> RpcResult<Vec<CertificateJson>>;

	/// A certificate's history, or `null`.
	#[method(name = "history")]
	fn history(&self, id: CertificateIdJson, at: Option<H256>) -> RpcResult<Option<HistoryJson>>;

	/// The MRAs `country` is party to.
	#[method(name = "mras")]
	fn mras(&self, country: String, at: Option<H256>) -> RpcResult<Vec<MraJson>>;

	/// A member administration: status, primary admin, validator,
	/// encryption key and officers with their roles; `null` if `country` never
	/// was a member.
	#[method(name = "member")]
	fn member(&self, country: String, at: Option<H256>) -> RpcResult<Option<MemberJson>>;

	/// A page of the certificates `country` recognises.
	#[method(name = "recognisedBy")]
	fn recognised_by(
		&self,
		country: String,
		cursor: Option<CertificateIdJson>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<PageJson>;

	/// One notification for every certificate whose recognition by
	/// `country` changes in a finalized block, from block `from` (default:
	/// the next finalized block).
	#[subscription(
		name = "subscribeRecognitionChanges" => "recognitionChange",
		unsubscribe = "unsubscribeRecognitionChanges",
		item = RecognitionChangeJson
	)]
	async fn subscribe_recognition_changes(
		&self,
		country: String,
		from: Option<u32>,
	) -> SubscriptionResult;

	/// One notification for every change of a certificate issued by
	/// `country`, in finalized blocks, from block `from`.
	#[subscription(
		name = "subscribeCertificateEvents" => "certificateEvent",
		unsubscribe = "unsubscribeCertificateEvents",
		item = CertificateEventJson
	)]
	async fn subscribe_certificate_events(
		&self,
		country: String,
		from: Option<u32>,
	) -> SubscriptionResult;
}

/// The `cadena_*` RPC over a client.
pub struct Cadena<C> {
	client: Arc<C>,
	spawn: Arc<dyn SpawnNamed>,
}

impl<C> Cadena<C> {
	/// Serves `client`; subscriptions run on `spawn`.
	pub fn new(client: Arc<C>, spawn: Arc<dyn SpawnNamed>) -> Self {
		Self { client, spawn }
	}
}

fn invalid(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(INVALID_PARAMS, message.into(), None::<()>)
}

fn runtime(error: ApiError) -> ErrorObjectOwned {
	ErrorObject::owned(RUNTIME_ERROR, format!("the runtime could not answer: {error}"), None::<()>)
}

fn country(text: &str) -> Result<CountryCode, ErrorObjectOwned> {
	CountryCode::new(text.as_bytes())
		.map_err(|e| invalid(format!("`{text}` is not an ISO 3166-1 alpha-2 country code: {e:?}")))
}

fn tin(text: &str) -> Result<Tin, ErrorObjectOwned> {
	Tin::parse(text.as_bytes()).map_err(|e| invalid(format!("`{text}` is not a TIN: {e:?}")))
}

fn certificate_id(id: &CertificateIdJson) -> Result<CertificateId, ErrorObjectOwned> {
	CertificateId::new(country(&id.country)?, id.number.as_bytes())
		.map_err(|e| invalid(format!("`{}` is not an authorization number: {e:?}", id.number)))
}

impl<C> Cadena<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CadenaApi<Block, AccountId>,
{
	fn at(&self, at: Option<H256>) -> H256 {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}
}

#[async_trait]
impl<C> CadenaRpcServer for Cadena<C>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: CadenaApi<Block, AccountId>,
{
	fn recognition(
		&self,
		tin: String,
		country: String,
		at: Option<H256>,
	) -> RpcResult<RecognitionJson> {
		let (tin, reader) = (self::tin(&tin)?, self::country(&country)?);
		let answer = self
			.client
			.runtime_api()
			.recognition_of_tin(self.at(at), tin, reader)
			.map_err(runtime)?;
		Ok(recognition_json(answer.recognition, answer.certificate.as_ref()))
	}

	fn certificate_recognition(
		&self,
		id: CertificateIdJson,
		country: String,
		at: Option<H256>,
	) -> RpcResult<RecognitionJson> {
		let (id, reader) = (certificate_id(&id)?, self::country(&country)?);
		let answers = self
			.client
			.runtime_api()
			.recognition_of_certificates(self.at(at), vec![id.clone()], reader)
			.map_err(runtime)?;
		let answer = answers.into_iter().next().ok_or_else(|| invalid("no answer"))?;
		Ok(recognition_json(answer, Some(&id)))
	}

	fn certificate(
		&self,
		id: CertificateIdJson,
		at: Option<H256>,
	) -> RpcResult<Option<CertificateJson>> {
		let id = certificate_id(&id)?;
		let view = self.client.runtime_api().certificate(self.at(at), id).map_err(runtime)?;
		Ok(view.map(certificate_json))
	}

	fn certificates_of(&self, tin: String, at: Option<H256>) -> RpcResult<Vec<CertificateJson>> {
		let tin = self::tin(&tin)?;
		let views = self.client.runtime_api().certificates_of(self.at(at), tin).map_err(runtime)?;
		Ok(views.into_iter().map(certificate_json).collect())
	}

	fn history(&self, id: CertificateIdJson, at: Option<H256>) -> RpcResult<Option<HistoryJson>> {
		let id = certificate_id(&id)?;
		let history = self.client.runtime_api().history(self.at(at), id).map_err(runtime)?;
		Ok(history.map(|h| HistoryJson {
			pruned: h.pruned,
			pruned_digest: format!("0x{}", hex::encode(h.pruned_digest)),
			entries: h
				.entries
				.into_iter()
				.map(|e| {
					serde_json::json!({
						"action": e.action,
						"from": e.from,
						"to": e.to,
						"expiresOn": date(e.expires_on),
						"by": e.by.map(|a| a.to_string()),
						"block": e.block,
						"at": e.at,
						"reasonCode": e.reason_code,
						"reason": text(&e.reason),
					})
				})
				.collect(),
		}))
	}

	fn mras(&self, country: String, at: Option<H256>) -> RpcResult<Vec<MraJson>> {
		let country = self::country(&country)?;
		let mras = self.client.runtime_api().mras_of(self.at(at), country).map_err(runtime)?;
		let code = |c: &CountryCode| c.as_str().to_string();
		Ok(mras
			.into_iter()
			.map(|m| MraJson {
				id: m.id,
				name: text(&m.name),
				parties: m.parties.iter().map(code).collect(),
				scope: m.scope.into_inner(),
				directions: m.directions.iter().map(|(i, r)| (code(i), code(r))).collect(),
				effective_on: date(m.effective_on),
				status: m.status,
				signed: m.signed.iter().map(code).collect(),
			})
			.collect())
	}

	fn member(&self, country: String, at: Option<H256>) -> RpcResult<Option<MemberJson>> {
		let country = self::country(&country)?;
		let member = self.client.runtime_api().member(self.at(at), country).map_err(runtime)?;
		Ok(member.map(|m| MemberJson {
			country: m.country.as_str().to_string(),
			name: text(&m.name),
			status: m.status,
			admin: m.admin.to_string(),
			validator: m.validator.to_string(),
			encryption_key: m.encryption_key.map(|key| format!("0x{}", hex::encode(key))),
			officers: m
				.officers
				.into_iter()
				.map(|(account, roles)| OfficerJson {
					account: account.to_string(),
					roles: roles.iter().collect(),
				})
				.collect(),
			since: m.since,
		}))
	}

	fn recognised_by(
		&self,
		country: String,
		cursor: Option<CertificateIdJson>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<PageJson> {
		let reader = self::country(&country)?;
		let cursor = cursor.as_ref().map(certificate_id).transpose()?;
		let limit = limit.unwrap_or(100);
		if limit == 0 || limit > MAX_PAGE {
			return Err(invalid(format!("limit must be 1 to {MAX_PAGE}")));
		}
		let page = self
			.client
			.runtime_api()
			.recognised_by(self.at(at), reader, cursor, limit)
			.map_err(runtime)?;
		Ok(PageJson {
			certificates: page.certificates.into_iter().map(certificate_json).collect(),
			next: page.next.as_ref().map(id_json),
		})
	}

	async fn subscribe_recognition_changes(
		&self,
		pending: PendingSubscriptionSink,
		country: String,
		from: Option<u32>,
	) -> SubscriptionResult {
		self.follow(pending, &country, from, "cadena-recognition-changes", recognition_changes::<C>)
			.await
	}

	async fn subscribe_certificate_events(
		&self,
		pending: PendingSubscriptionSink,
		country: String,
		from: Option<u32>,
	) -> SubscriptionResult {
		self.follow(pending, &country, from, "cadena-certificate-events", certificate_events::<C>)
			.await
	}
}

impl<C> Cadena<C>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: CadenaApi<Block, AccountId>,
{
	/// Accepts a subscription about `country` and runs `notifications` on
	/// every finalized block from `from`, in a task of its own.
	async fn follow<T: Serialize + Send + 'static>(
		&self,
		pending: PendingSubscriptionSink,
		country: &str,
		from: Option<u32>,
		name: &'static str,
		notifications: Notifications<C, T>,
	) -> SubscriptionResult {
		let country = match self::country(country) {
			Ok(country) => country,
			Err(error) => {
				pending.reject(error).await;
				return Ok(());
			}
		};
		let sink = pending.accept().await?;
		let client = self.client.clone();
		let task = follow_finalized(client.clone(), sink, from, move |hash, parent, number| {
			notifications(&client, country, hash, parent, number)
		});
		self.spawn.spawn(name, Some("rpc"), task.boxed());
		Ok(())
	}
}

/// What a subscription sends for one finalized block: from the client, the
/// subscription's country, the block's hash, its parent's and its number.
type Notifications<C, T> = fn(&C, CountryCode, H256, H256, u32) -> Result<Vec<T>, String>;

/// Runs `notifications` on every finalized block from `from` (default: the
/// next one) in order, and sends what it returns, until the subscriber leaves.
async fn follow_finalized<C, F, T>(
	client: Arc<C>,
	sink: SubscriptionSink,
	from: Option<u32>,
	notifications: F,
) where
	C: HeaderBackend<Block> + BlockchainEvents<Block> + Send + Sync + 'static,
	F: Fn(H256, H256, u32) -> Result<Vec<T>, String> + Send + 'static,
	T: Serialize,
{
	// Listen before reading the finalized number, so no block falls between.
	let mut finality = client.finality_notification_stream();
	// Block 0 changes nothing: it has no parent to compare with.
	let mut next = from.unwrap_or_else(|| client.info().finalized_number + 1).max(1);
	loop {
		while next <= client.info().finalized_number {
			let Ok(Some(hash)) = client.hash(next) else { return };
			let Ok(Some(header)) = client.header(hash) else { return };
			let items = match notifications(hash, *header.parent_hash(), next) {
				Ok(items) => items,
				Err(error) => {
					log::warn!(target: "cadena-rpc", "block {next}: {error}");
					return;
				}
			};
			for item in items {
				let Ok(message) = SubscriptionMessage::from_json(&item) else { return };
				if sink.send(message).await.is_err() {
					return;
				}
			}
			next += 1;
		}
		futures::select! {
			notification = finality.next().fuse() => if notification.is_none() { return },
			_ = sink.closed().fuse() => return,
		}
	}
}

/// The certificates whose recognition by `reader` changed in block `hash`.
fn recognition_changes<C>(
	client: &C,
	reader: CountryCode,
	hash: H256,
	parent: H256,
	number: u32,
) -> Result<Vec<RecognitionChangeJson>, String>
where
	C: ProvideRuntimeApi<Block>,
	C::Api: CadenaApi<Block, AccountId>,
{
	// One runtime API instance per block: an instance serves a single block.
	let api = client.runtime_api();
	let changes = api.block_changes(hash).map_err(|e| e.to_string())?;
	let mut ids: BTreeSet<CertificateId> = changes.certificates.into_iter().map(|c| c.id).collect();
	ids.extend(changes.consent);
	for parties in changes.mras.iter().filter(|p| p.contains(&reader)) {
		for issuer in parties.iter().filter(|p| **p != reader) {
			let mut cursor: Option<AuthorizationNumber> = None;
			loop {
				let (numbers, next) = api
					.certificates_issued_by(hash, *issuer, cursor, MAX_PAGE)
					.map_err(|e| e.to_string())?;
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
	let ids: Vec<CertificateId> = ids.into_iter().filter(|id| id.country != reader).collect();
	let mut notifications = Vec::new();
	for chunk in ids.chunks(MAX_PAGE as usize) {
		let before = client
			.runtime_api()
			.recognition_of_certificates(parent, chunk.to_vec(), reader)
			.map_err(|e| e.to_string())?;
		let after = api
			.recognition_of_certificates(hash, chunk.to_vec(), reader)
			.map_err(|e| e.to_string())?;
		for ((id, before), after) in chunk.iter().zip(before).zip(after) {
			if before.recognised != after.recognised {
				notifications.push(RecognitionChangeJson {
					block: number,
					block_hash: hash,
					certificate: id_json(id),
					before: recognition_json(before, Some(id)),
					after: recognition_json(after, Some(id)),
				});
			}
		}
	}
	Ok(notifications)
}

/// The changes of certificates issued by `issuer` in block `hash`.
fn certificate_events<C>(
	client: &C,
	issuer: CountryCode,
	hash: H256,
	_parent: H256,
	number: u32,
) -> Result<Vec<CertificateEventJson>, String>
where
	C: ProvideRuntimeApi<Block>,
	C::Api: CadenaApi<Block, AccountId>,
{
	let changes = client.runtime_api().block_changes(hash).map_err(|e| e.to_string())?;
	Ok(changes
		.certificates
		.into_iter()
		.filter(|c| c.id.country == issuer)
		.map(|c| CertificateEventJson {
			block: number,
			block_hash: hash,
			certificate: id_json(&c.id),
			holder: text(&c.holder.to_bytes()),
			aeo_type: c.aeo_type,
			action: c.action,
			from: c.from,
			to: c.to,
			expires_on: date(c.expires_on),
			reason_code: c.reason_code,
			reason: text(&c.reason),
		})
		.collect())
}
