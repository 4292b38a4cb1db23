//! The `cadena_*` methods.

use std::sync::Arc;

use cadena_primitives::{CertificateId, CountryCode, PartyRef, Side, Tin};
use cadena_runtime::{opaque::Block, AccountId};
use cadena_runtime_api::{CadenaApi, ReaderView, MAX_DECLARED_PARTIES, MAX_PAGE};
use futures::future::BoxFuture;
use jsonrpsee::{
	core::{async_trait, RpcResult},
	proc_macros::rpc,
	types::{ErrorObject, ErrorObjectOwned},
	PendingSubscriptionSink,
};
use sp_api::{ApiError, ApiExt};
use sp_core::H256;
use sp_runtime::traits::Header as _;

use crate::{
	codes,
	follow::{Closed, Engine, Kind},
	json::*,
	Limits,
};

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

	/// `tin`'s confidential record as `reader` (a country such as `CR`, or
	/// a linked account's SS58 address) sees it: the ciphertext, and the
	/// reader's wrap while it is entitled; `null` if never sealed. Never
	/// plaintext: the node holds no key.
	#[method(name = "confidentialRecord")]
	fn confidential_record(
		&self,
		tin: String,
		reader: String,
		at: Option<H256>,
	) -> RpcResult<Option<ConfidentialJson>>;

	/// A page of `issuer`'s sealed records whose entitled readers hold no
	/// usable wrap, with the keys to wrap for (what `cadena share` adds).
	/// `limit` records are looked at (1 to 1,000, default 100).
	#[method(name = "missingWraps")]
	fn missing_wraps(
		&self,
		issuer: String,
		cursor: Option<String>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<MissingWrapsPageJson>;

	/// The inputs a risk engine needs for one declaration lodged in
	/// `declaring` (this node's own administration) on `side`: for each of
	/// up to 16 parties (`{role, tin}`), whether it is recognised, why not,
	/// and the grants that apply to it in the role declared; and their
	/// union. Read at the last finalized block (or `at`), named in the answer.
	#[method(name = "decision")]
	fn decision(
		&self,
		declaring: String,
		side: Side,
		parties: DeclaredParties,
		at: Option<H256>,
	) -> RpcResult<DecisionJson>;

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
	/// the next finalized block). With `progress`, each block ends with a
	/// `{"block", "blockHash", "changes", "done": true}` notification, and a
	/// subscription the node ends sends `{"end": {"code", "message"}}` last.
	#[subscription(
		name = "subscribeRecognitionChanges" => "recognitionChange",
		unsubscribe = "unsubscribeRecognitionChanges",
		item = RecognitionChangeJson
	)]
	async fn subscribe_recognition_changes(
		&self,
		country: String,
		from: Option<u32>,
		progress: Option<bool>,
	) -> Closed;

	/// One notification for every change of a certificate issued by
	/// `country`, in finalized blocks, from block `from`; `progress` as for
	/// recognition changes.
	#[subscription(
		name = "subscribeCertificateEvents" => "certificateEvent",
		unsubscribe = "unsubscribeCertificateEvents",
		item = CertificateEventJson
	)]
	async fn subscribe_certificate_events(
		&self,
		country: String,
		from: Option<u32>,
		progress: Option<bool>,
	) -> Closed;
}

/// Whose declarations `cadena_decision` answers on this node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OwnAdministration {
	/// Any country's: a development chain.
	Any,
	/// The administration that declared this node, by the bytes of its
	/// libp2p peer id, as the chain lists its nodes.
	Node(Vec<u8>),
}

/// The `cadena_*` RPC over a client. Cloning shares its subscriptions'
/// engine: its worker threads, its cache and its one finality stream.
pub struct Cadena<C> {
	client: Arc<C>,
	engine: Arc<Engine<C>>,
	own: OwnAdministration,
}

impl<C> Clone for Cadena<C> {
	fn clone(&self) -> Self {
		Self { client: self.client.clone(), engine: self.engine.clone(), own: self.own.clone() }
	}
}

/// An error answer.
pub(crate) fn error(code: i32, message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObject::owned(code, message.into(), None::<()>)
}

fn invalid(message: impl Into<String>) -> ErrorObjectOwned {
	error(codes::INVALID_PARAMS, message)
}

fn runtime(e: ApiError) -> ErrorObjectOwned {
	error(codes::RUNTIME_ERROR, format!("the runtime could not answer: {e}"))
}

fn country(text: &str) -> Result<CountryCode, ErrorObjectOwned> {
	CountryCode::new(text.as_bytes())
		.map_err(|e| invalid(format!("`{text}` is not an ISO 3166-1 alpha-2 country code: {e:?}")))
}

fn tin(text: &str) -> Result<Tin, ErrorObjectOwned> {
	Tin::parse(text.as_bytes()).map_err(|e| invalid(format!("`{text}` is not a TIN: {e:?}")))
}

/// A declaration's party: a TIN, or `CC:SCHEME:VALUE`.
fn party(text: &str) -> Result<PartyRef, ErrorObjectOwned> {
	PartyRef::parse(text.as_bytes()).map_err(|e| {
		invalid(format!(
			"`{text}` is neither a TIN nor a partner identifier CC:SCHEME:VALUE: {e:?}"
		))
	})
}

fn certificate_id(id: &CertificateIdJson) -> Result<CertificateId, ErrorObjectOwned> {
	CertificateId::new(country(&id.country)?, id.number.as_bytes())
		.map_err(|e| invalid(format!("`{}` is not an authorization number: {e:?}", id.number)))
}

/// A reader: a country code (two letters) or an SS58 address.
fn reader(text: &str) -> Result<ReaderView<AccountId>, ErrorObjectOwned> {
	use sp_core::crypto::Ss58Codec;
	if text.len() == 2 {
		return country(text).map(ReaderView::Administration);
	}
	AccountId::from_ss58check(text).map(ReaderView::Account).map_err(|e| {
		invalid(format!("`{text}` is neither a country code nor an SS58 address: {e:?}"))
	})
}

fn reader_text(reader: &ReaderView<AccountId>) -> String {
	match reader {
		ReaderView::Administration(country) => country.as_str().to_string(),
		ReaderView::Account(account) => account.to_string(),
	}
}

fn hex0x(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

/// A page's size: 1 to `MAX_PAGE`, 100 when not given.
fn page_limit(limit: Option<u32>) -> Result<u32, ErrorObjectOwned> {
	match limit.unwrap_or(100) {
		limit @ 1..=MAX_PAGE => Ok(limit),
		_ => Err(invalid(format!("limit must be 1 to {MAX_PAGE}"))),
	}
}

impl<C> Cadena<C>
where
	C: crate::Client,
{
	/// Serves `client` within `limits`, counting subscriptions in `metrics`
	/// if given; the returned task keeps the last finalized block for the
	/// subscriptions, and must be spawned.
	pub fn new(
		client: Arc<C>,
		limits: Limits,
		metrics: Option<crate::metrics::Metrics>,
		own: OwnAdministration,
	) -> (Self, BoxFuture<'static, ()>) {
		let (engine, task) = Engine::new(client.clone(), limits, metrics);
		(Self { client, engine: Arc::new(engine), own }, task)
	}

	fn at(&self, at: Option<H256>) -> H256 {
		at.unwrap_or_else(|| self.client.info().best_hash)
	}

	/// The version of `CadenaApi` at `at`: 6 and later answer with benefits.
	fn api_version(&self, at: H256) -> u32 {
		let api = self.client.runtime_api();
		api.api_version::<dyn CadenaApi<Block, AccountId>>(at).ok().flatten().unwrap_or(0)
	}

	/// Refuses a decision for another administration than the node's own.
	fn ensure_own(&self, declaring: CountryCode, at: H256) -> Result<(), ErrorObjectOwned> {
		let OwnAdministration::Node(peer_id) = &self.own else { return Ok(()) };
		let nodes = self.client.runtime_api().authorized_nodes(at).map_err(runtime)?;
		let own = nodes.iter().find(|n| n.peer_id == *peer_id).map(|n| n.country);
		match own {
			Some(country) if country == declaring => Ok(()),
			Some(country) => Err(error(
				codes::NOT_OWN_ADMINISTRATION,
				format!(
					"this node answers the declarations of {} only, not {}",
					country.as_str(),
					declaring.as_str()
				),
			)),
			None => Err(error(
				codes::NODE_NOT_DECLARED,
				"this node is not on the chain's list of declared nodes: its administration is unknown",
			)),
		}
	}
}

#[async_trait]
impl<C> CadenaRpcServer for Cadena<C>
where
	C: crate::Client,
{
	fn recognition(
		&self,
		tin: String,
		country: String,
		at: Option<H256>,
	) -> RpcResult<RecognitionJson> {
		let (tin, reader) = (self::tin(&tin)?, self::country(&country)?);
		let at = self.at(at);
		// The hot path asks no version first: a runtime before API version 6
		// has no `tin_recognition`, and answers without benefits.
		if let Ok(view) = self.client.runtime_api().tin_recognition(at, tin.clone(), reader) {
			return Ok(recognition_view_json(view));
		}
		let answer =
			self.client.runtime_api().recognition_of_tin(at, tin, reader).map_err(runtime)?;
		Ok(recognition_json(answer.recognition, answer.certificate.as_ref()))
	}

	fn certificate_recognition(
		&self,
		id: CertificateIdJson,
		country: String,
		at: Option<H256>,
	) -> RpcResult<RecognitionJson> {
		let (id, reader) = (certificate_id(&id)?, self::country(&country)?);
		let at = self.at(at);
		// As for `recognition`: before API version 6, without benefits.
		if let Ok(views) = self.client.runtime_api().recognitions(at, vec![id.clone()], reader) {
			let view = views.into_iter().next().ok_or_else(|| invalid("no answer"))?;
			return Ok(recognition_view_json(view));
		}
		let api = self.client.runtime_api();
		let answers =
			api.recognition_of_certificates(at, vec![id.clone()], reader).map_err(runtime)?;
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
		Ok(history.map(|h| history_json(h, |account| account.to_string())))
	}

	fn mras(&self, country: String, at: Option<H256>) -> RpcResult<Vec<MraJson>> {
		let country = self::country(&country)?;
		let (api, at) = (self.client.runtime_api(), self.at(at));
		let mras = api.mras_of(at, country).map_err(runtime)?;
		let with_benefits = self.api_version(at) >= 6;
		let benefits = |id| -> Result<Vec<DirectionBenefitsJson>, ErrorObjectOwned> {
			if !with_benefits {
				return Ok(Vec::new());
			}
			let views = api.benefits_of_mra(at, id).map_err(runtime)?;
			Ok(views.into_iter().map(direction_benefits_json).collect())
		};
		let code = |c: &CountryCode| c.as_str().to_string();
		mras.into_iter()
			.map(|m| {
				Ok(MraJson {
					benefits: benefits(m.id)?,
					id: m.id,
					name: text(&m.name),
					parties: m.parties.iter().map(code).collect(),
					scope: m.scope.into_inner(),
					directions: m.directions.iter().map(|(i, r)| (code(i), code(r))).collect(),
					effective_on: date(m.effective_on),
					status: m.status,
					signed: m.signed.iter().map(code).collect(),
				})
			})
			.collect()
	}

	fn decision(
		&self,
		declaring: String,
		side: Side,
		DeclaredParties(parties): DeclaredParties,
		at: Option<H256>,
	) -> RpcResult<DecisionJson> {
		let declaring = self::country(&declaring)?;
		if parties.is_empty() || parties.len() > MAX_DECLARED_PARTIES as usize {
			return Err(invalid(format!("a declaration has 1 to {MAX_DECLARED_PARTIES} parties")));
		}
		let parties = parties
			.iter()
			.map(|p| Ok((p.role, self::party(&p.party)?)))
			.collect::<Result<Vec<_>, ErrorObjectOwned>>()?;
		// A decision is read at a finalized block, which the answer names.
		let at = at.unwrap_or_else(|| self.client.info().finalized_hash);
		let block = self
			.client
			.header(at)
			.map_err(|e| error(codes::RUNTIME_ERROR, format!("block {at:?}: {e}")))?
			.ok_or_else(|| invalid(format!("no block {at:?}")))?;
		if self.api_version(at) < 6 {
			return Err(error(codes::RUNTIME_ERROR, "the runtime at that block has no benefits"));
		}
		self.ensure_own(declaring, at)?;
		let decision =
			self.client.runtime_api().decision(at, declaring, side, parties).map_err(runtime)?;
		Ok(DecisionJson {
			declaring: decision.declaring.as_str().to_string(),
			side: decision.side,
			block: *block.number(),
			block_hash: at,
			parties: decision
				.parties
				.into_iter()
				.map(|p| PartyDecisionJson {
					role: p.role,
					party: text(&p.party.to_bytes()),
					tin: p.tin.map(|t| text(&t.to_bytes())),
					recognition: recognition_view_json(p.recognition),
				})
				.collect(),
			benefits: decision.union,
		})
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

	fn confidential_record(
		&self,
		tin: String,
		reader: String,
		at: Option<H256>,
	) -> RpcResult<Option<ConfidentialJson>> {
		let (tin, reader) = (self::tin(&tin)?, self::reader(&reader)?);
		let record = self
			.client
			.runtime_api()
			.confidential_record(self.at(at), tin.clone(), reader)
			.map_err(runtime)?;
		Ok(record.map(|r| ConfidentialJson {
			tin: text(&tin.to_bytes()),
			version: r.version,
			ciphertext: hex0x(&r.ciphertext),
			entitled: r.entitled,
			wrap: r.wrap.map(|w| WrapJson { key: hex0x(&w.key), wrap: hex0x(&w.wrap) }),
		}))
	}

	fn missing_wraps(
		&self,
		issuer: String,
		cursor: Option<String>,
		limit: Option<u32>,
		at: Option<H256>,
	) -> RpcResult<MissingWrapsPageJson> {
		let issuer = self::country(&issuer)?;
		let cursor = cursor.as_deref().map(self::tin).transpose()?;
		let limit = page_limit(limit)?;
		let page = self
			.client
			.runtime_api()
			.missing_wraps(self.at(at), issuer, cursor, limit)
			.map_err(runtime)?;
		Ok(MissingWrapsPageJson {
			records: page
				.records
				.into_iter()
				.map(|m| MissingWrapsJson {
					tin: text(&m.tin.to_bytes()),
					version: m.version,
					readers: m
						.readers
						.iter()
						.map(|(r, key)| MissingReaderJson {
							reader: reader_text(r),
							key: hex0x(key),
						})
						.collect(),
				})
				.collect(),
			next: page.next.map(|t| text(&t.to_bytes())),
		})
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
		let limit = page_limit(limit)?;
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
		progress: Option<bool>,
	) -> Closed {
		let country = self::country(&country);
		let progress = progress.unwrap_or(false);
		self.engine.clone().follow(pending, Kind::Recognition, country, from, progress).await
	}

	async fn subscribe_certificate_events(
		&self,
		pending: PendingSubscriptionSink,
		country: String,
		from: Option<u32>,
		progress: Option<bool>,
	) -> Closed {
		let country = self::country(&country);
		let progress = progress.unwrap_or(false);
		self.engine.clone().follow(pending, Kind::Certificates, country, from, progress).await
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn fault_15_a_page_of_nothing_is_refused_not_answered_as_the_end() {
		assert_eq!(page_limit(None), Ok(100));
		assert_eq!(page_limit(Some(1)), Ok(1));
		assert_eq!(page_limit(Some(MAX_PAGE)), Ok(MAX_PAGE));
		for bad in [0, MAX_PAGE + 1] {
			let e = page_limit(Some(bad)).unwrap_err();
			assert_eq!(e.code(), codes::INVALID_PARAMS);
			assert_eq!(e.message(), format!("limit must be 1 to {MAX_PAGE}"));
		}
	}

	#[test]
	fn malformed_parameters_are_refused_with_what_is_wrong() {
		assert_eq!(country("MX").unwrap(), CountryCode(*b"MX"));
		let e = country("Mexico").unwrap_err();
		assert_eq!(e.code(), codes::INVALID_PARAMS);
		assert!(e.message().contains("`Mexico` is not an ISO 3166-1 alpha-2 country code"));
		assert!(tin("not a tin").unwrap_err().message().contains("is not a TIN"));
		assert!(matches!(party("MXAAA010101AAA"), Ok(PartyRef::Tin(_))));
		assert!(matches!(party("MX:MID:MXAAAMAN1234GUA"), Ok(PartyRef::Partner { .. })));
		let e = party("MX:mid:x").unwrap_err();
		assert!(e.message().contains("neither a TIN nor a partner identifier"), "{e:?}");
		let id = CertificateIdJson { country: "MX".into(), number: String::new() };
		assert!(certificate_id(&id).unwrap_err().message().contains("not an authorization number"));
	}
}
