//! The JSON shapes of CADENA's answers, shared by the node's `cadena_*`
//! RPC and the `cadena` command-line tool, so both speak one format
//! (docs/rpc.md). Every shape is a type; the tests below pin each one's
//! field names, so a rename is a failing test, not a surprise for an
//! integrator.

use cadena_primitives::{
	date_of, Action, AeoType, CertificateId, CertificateStatus, Day, Grant, MemberStatus,
	MraStatus, NotRecognised, OperatorRole, Recognition, Role, Side,
};
use cadena_runtime_api::{
	BenefitsView, CertificateView, DirectionBenefitsView, HistoryEntryView, HistoryView,
	RecognitionView,
};
use serde::{Deserialize, Serialize};
use sp_core::H256;

/// A certificate's identity in JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateIdJson {
	/// The issuing country (`MX`).
	pub country: String,
	/// The authorization number.
	pub number: String,
}

/// A recognition answer in JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecognitionJson {
	/// Whether the certificate (or TIN) is recognised.
	pub recognised: bool,
	/// Why not: `UnknownCertificate`, `IssuerNotActive`, `HolderClosed`,
	/// `NoMra`, `MraNotInForce`, `MraSuspended`, `TypeOutOfScope`,
	/// `CertificateSuspended`, `CertificateRevoked`, `CertificateExpired`,
	/// `NoConsent`.
	pub reason: Option<NotRecognised>,
	/// The MRA it is recognised under.
	pub mra: Option<u32>,
	/// The certificate the answer is about.
	pub certificate: Option<CertificateIdJson>,
	/// The benefits that apply: what the recognising country grants the
	/// issuer's AEOs under the MRA, for the certificate's type and roles (in
	/// a decision, for the role declared, on the side asked). Empty when
	/// not recognised, or recognised as the country's own: no answer, no
	/// benefits.
	#[serde(default)]
	pub benefits: Vec<Grant>,
	/// Where the benefits come from; `null` when not recognised under an MRA.
	#[serde(default)]
	pub benefits_from: Option<BenefitsSourceJson>,
	/// When the certificate is suspended, the day its administration plans
	/// the suspension to end (`YYYY-MM-DD`), if it said; else `null`.
	#[serde(default)]
	pub suspended_until: Option<String>,
}

/// Where a recognition's benefits come from: a direction of an MRA, at a
/// version of its set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BenefitsSourceJson {
	/// The MRA.
	pub mra: u32,
	/// The issuing country.
	pub issuer: String,
	/// The recognising country.
	pub recogniser: String,
	/// The version of the direction's set (0: none agreed yet).
	pub version: u32,
}

/// One party of a declaration, as `cadena_decision` takes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeclaredPartyJson {
	/// The role declared (`Exporter`, `Importer`, `Manufacturer`, …).
	pub role: OperatorRole,
	/// The party: its TIN (`MXAAA010101AAA`), or a partner identifier its
	/// issuing country recorded, `CC:SCHEME:VALUE` (`MX:MID:MXAAAMAN1234GUA`).
	/// `tin` is read too.
	#[serde(alias = "tin")]
	pub party: String,
}

/// A declaration's parties, as `cadena_decision` takes them: a JSON array,
/// or an object keyed by position (`{"0": …, "1": …}`), which is how
/// polkadot.js's `Json` parameter type sends an array.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct DeclaredParties(pub Vec<DeclaredPartyJson>);

impl<'de> Deserialize<'de> for DeclaredParties {
	fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
		#[derive(Deserialize)]
		#[serde(untagged)]
		enum Either {
			List(Vec<DeclaredPartyJson>),
			Keyed(std::collections::BTreeMap<String, DeclaredPartyJson>),
		}
		let keyed = match Either::deserialize(d)? {
			Either::List(list) => return Ok(Self(list)),
			Either::Keyed(keyed) => keyed,
		};
		let mut placed = Vec::with_capacity(keyed.len());
		for (key, party) in keyed {
			let at: usize = key.parse().map_err(|_| {
				serde::de::Error::custom(format!("parties: `{key}` is not a position"))
			})?;
			placed.push((at, party));
		}
		placed.sort_by_key(|(at, _)| *at);
		if placed.iter().enumerate().any(|(i, (at, _))| i != *at) {
			return Err(serde::de::Error::custom("parties: positions must be 0, 1, 2, …"));
		}
		Ok(Self(placed.into_iter().map(|(_, party)| party).collect()))
	}
}

/// One party's answer in a decision.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PartyDecisionJson {
	/// The role declared.
	pub role: OperatorRole,
	/// The party, as asked.
	pub party: String,
	/// Its TIN; `null` when a partner identifier names nobody.
	pub tin: Option<String>,
	/// Whether it is recognised, why not, and the grants that apply to it
	/// in the role declared on the side asked.
	#[serde(flatten)]
	pub recognition: RecognitionJson,
}

/// The answer of `cadena_decision`: inputs for a risk engine, never a lane.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DecisionJson {
	/// The country the declaration is lodged in.
	pub declaring: String,
	/// `Import`, `Export` or `Transit`.
	pub side: Side,
	/// The finalized block the answer was read at: ask again with `at` =
	/// `blockHash` for the same answer.
	pub block: u32,
	/// Its hash.
	pub block_hash: H256,
	/// Each party, in the order asked.
	pub parties: Vec<PartyDecisionJson>,
	/// Every grant that applies to some party, once each.
	pub benefits: Vec<Grant>,
}

/// One direction's benefits under an MRA.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DirectionBenefitsJson {
	/// The issuing country.
	pub issuer: String,
	/// The recognising country: who grants them.
	pub recogniser: String,
	/// The version of the set (0: none agreed yet).
	pub version: u32,
	/// The grants.
	pub grants: Vec<Grant>,
	/// An amendment both sides signed, waiting for its day.
	pub scheduled: Option<ScheduledBenefitsJson>,
}

/// An amendment waiting for its day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduledBenefitsJson {
	/// The day it applies, `YYYY-MM-DD`.
	pub on: String,
	/// What the direction will grant.
	pub grants: Vec<Grant>,
}

/// A certificate in JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateJson {
	/// Issuing country and authorization number.
	pub id: CertificateIdJson,
	/// The holder's TIN.
	pub holder: String,
	/// `SecurityAndSafety`, `CustomsSimplifications` or `Both`.
	pub aeo_type: AeoType,
	/// The holder's operator roles.
	pub roles: Vec<OperatorRole>,
	/// Date of authorization, `YYYY-MM-DD`.
	pub authorized_on: String,
	/// Expiry or next revalidation date, `YYYY-MM-DD`.
	pub expires_on: String,
	/// `Active`, `Suspended`, `Revoked` or `Expired`.
	pub status: CertificateStatus,
	/// Since when, ms since the Unix epoch.
	pub status_since: u64,
	/// The reason code of the status.
	pub reason_code: u16,
	/// The reason's text, sealed under the holder's record's data key
	/// (docs/rpc.md, "Envelopes"): `0x` and hex; `null` without a text.
	pub sealed_reason: Option<String>,
}

/// A certificate's history in JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryJson {
	/// Entries pruned from storage into the hash chain.
	pub pruned: u32,
	/// The hash chain over them, hex.
	pub pruned_digest: String,
	/// The latest entries, oldest first.
	pub entries: Vec<HistoryEntryJson>,
}

/// One entry of a certificate's history in JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntryJson {
	/// `Grant`, `Suspend`, `Reinstate`, `Revoke`, `Expire`, `Renew` or `Amend`.
	pub action: Action,
	/// The status before (`null` when granted).
	pub from: Option<CertificateStatus>,
	/// The status after.
	pub to: CertificateStatus,
	/// The expiry date after, `YYYY-MM-DD`.
	pub expires_on: String,
	/// The officer (SS58); `null` for an expiry.
	pub by: Option<String>,
	/// The block number.
	pub block: u32,
	/// The time, ms since the Unix epoch.
	pub at: u64,
	/// The reason code.
	pub reason_code: u16,
	/// The reason's text, sealed under the holder's record's data key
	/// (docs/rpc.md, "Envelopes"): `0x` and hex; `null` without a text.
	pub sealed_reason: Option<String>,
}

/// An MRA in JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MraJson {
	/// Its number.
	pub id: u32,
	/// Its name or reference.
	pub name: String,
	/// The parties.
	pub parties: Vec<String>,
	/// The AEO types recognised.
	pub scope: Vec<AeoType>,
	/// `[issuer, recogniser]` pairs.
	pub directions: Vec<(String, String)>,
	/// The day it takes effect, `YYYY-MM-DD`.
	pub effective_on: String,
	/// `Proposed`, `InForce`, `Suspended` or `Terminated`.
	pub status: MraStatus,
	/// The parties that signed the motion waiting, if one waits.
	pub signed: Vec<String>,
	/// What each recogniser grants each issuer's AEOs: one set per
	/// direction (empty from a node older than runtime 110).
	#[serde(default)]
	pub benefits: Vec<DirectionBenefitsJson>,
}

/// A member administration in JSON.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberJson {
	/// Its country (`MX`).
	pub country: String,
	/// Its name.
	pub name: String,
	/// `Active`, `Suspended` or `Retired`.
	pub status: MemberStatus,
	/// Its primary admin (SS58): its council seat.
	pub admin: String,
	/// Its validator account (SS58).
	pub validator: String,
	/// The X25519 key its partners encrypt to, hex, if set.
	pub encryption_key: Option<String>,
	/// Its officers, the primary admin included.
	pub officers: Vec<OfficerJson>,
	/// The block in which its status last changed.
	pub since: u32,
}

/// An officer in JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficerJson {
	/// The officer's account (SS58).
	pub account: String,
	/// `Admin`, `Registrar`, `Approver`, `Auditor`.
	pub roles: Vec<Role>,
}

/// A confidential record as one reader sees it (docs/rpc.md, "Envelopes").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ConfidentialJson {
	/// The TIN.
	pub tin: String,
	/// The record's version, bound into the ciphertext.
	pub version: u32,
	/// `0x` hex: nonce (12) || ciphertext || tag (16).
	pub ciphertext: String,
	/// Whether the reader is entitled to the record now, with a published key.
	pub entitled: bool,
	/// The reader's wrap, `null` when it holds none it may use.
	pub wrap: Option<WrapJson>,
}

/// A wrap of a record's data key for one reader.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WrapJson {
	/// `0x` hex: the reader's X25519 public key the wrap was made for.
	pub key: String,
	/// `0x` hex: HPKE's encapsulated key (32) || sealed data key (48).
	pub wrap: String,
}

/// A reader without a usable wrap, and the key to wrap for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingReaderJson {
	/// A country (`CR`) for an administration, an SS58 address for a
	/// trader's linked account.
	pub reader: String,
	/// `0x` hex: the reader's published X25519 key.
	pub key: String,
}

/// A record whose entitled readers miss wraps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingWrapsJson {
	/// The TIN.
	pub tin: String,
	/// The record's current version.
	pub version: u32,
	/// The readers.
	pub readers: Vec<MissingReaderJson>,
}

/// A page of records missing wraps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingWrapsPageJson {
	/// The records of the page that miss wraps.
	pub records: Vec<MissingWrapsJson>,
	/// The cursor (a TIN) of the next page; `null` at the end.
	pub next: Option<String>,
}

/// A page of recognised certificates.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PageJson {
	/// The certificates recognised among those examined.
	pub certificates: Vec<CertificateJson>,
	/// The cursor of the next page; `null` at the end.
	pub next: Option<CertificateIdJson>,
}

/// A notification of `cadena_subscribeRecognitionChanges`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecognitionChangeJson {
	/// The finalized block that changed it.
	pub block: u32,
	/// Its hash.
	pub block_hash: H256,
	/// The certificate.
	pub certificate: CertificateIdJson,
	/// The answer before that block.
	pub before: RecognitionJson,
	/// The answer after it.
	pub after: RecognitionJson,
}

/// A notification of `cadena_subscribeRecognitionChanges` that the
/// benefits the country grants changed: once per direction amended (not
/// once per certificate), and once per business-continuity event declared
/// or ended. Told apart from a recognition change by its fields.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BenefitsChangeJson {
	/// The finalized block that changed them.
	pub block: u32,
	/// Its hash.
	pub block_hash: H256,
	/// A direction's new set, when one was amended.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub benefits_changed: Option<BenefitsChangedJson>,
	/// A business-continuity event declared or ended.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub continuity: Option<ContinuityJson>,
}

/// A direction's benefits, amended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BenefitsChangedJson {
	/// The MRA.
	pub mra: u32,
	/// The issuing country.
	pub issuer: String,
	/// The recognising country.
	pub recogniser: String,
	/// The direction's new version.
	pub version: u32,
	/// The grants, whole.
	pub grants: Vec<Grant>,
}

/// A business-continuity event, declared or ended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContinuityJson {
	/// The country that declared or ended it.
	pub country: String,
	/// Declared (`true`) or ended.
	pub declared: bool,
}

/// A notification of `cadena_subscribeCertificateEvents`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateEventJson {
	/// The finalized block.
	pub block: u32,
	/// Its hash.
	pub block_hash: H256,
	/// The certificate.
	pub certificate: CertificateIdJson,
	/// Its holder's TIN.
	pub holder: String,
	/// Its AEO type.
	pub aeo_type: AeoType,
	/// `Grant`, `Suspend`, `Reinstate`, `Revoke`, `Expire`, `Renew` or `Amend`.
	pub action: Action,
	/// The status before (`null` when granted).
	pub from: Option<CertificateStatus>,
	/// The status after.
	pub to: CertificateStatus,
	/// The expiry date, `YYYY-MM-DD`.
	pub expires_on: String,
	/// The reason code.
	pub reason_code: u16,
	/// The reason's text, sealed under the holder's record's data key
	/// (docs/rpc.md, "Envelopes"): `0x` and hex; `null` without a text.
	pub sealed_reason: Option<String>,
}

/// Sent after the last notification of each finalized block to a
/// subscriber that asked for progress: the block is complete, whether it
/// changed anything or not. A client that records `block + 1` resumes there
/// after a restart, and hears from the node at every block.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockDoneJson {
	/// The finalized block.
	pub block: u32,
	/// Its hash.
	pub block_hash: H256,
	/// How many notifications it had.
	pub changes: u32,
	/// Always `true`: what tells this notification from a change.
	pub done: bool,
}

/// An error in JSON, as JSON-RPC shapes one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorJson {
	/// The code (docs/rpc.md lists them).
	pub code: i32,
	/// What happened, and what to do.
	pub message: String,
}

/// The last notification of a subscription with progress that the node
/// ends: why. (The subscription is then closed with the same error, which
/// some clients do not show.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndJson {
	/// Why the node ended the subscription.
	pub end: ErrorJson,
}

/// Text from bytes; what is not UTF-8 reads as U+FFFD.
pub fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// A sealed reason as `0x` and hex, `None` when there is no text: never
/// read as text.
pub fn sealed(bytes: &[u8]) -> Option<String> {
	(!bytes.is_empty()).then(|| format!("0x{}", hex_encode(bytes)))
}

/// `YYYY-MM-DD`.
pub fn date(day: Day) -> String {
	let (y, m, d) = date_of(day);
	format!("{y:04}-{m:02}-{d:02}")
}

/// A certificate's identity in JSON.
pub fn id_json(id: &CertificateId) -> CertificateIdJson {
	CertificateIdJson { country: id.country.as_str().to_string(), number: text(&id.number) }
}

/// A recognition answer in JSON, about `certificate`.
pub fn recognition_json(r: Recognition, certificate: Option<&CertificateId>) -> RecognitionJson {
	RecognitionJson {
		recognised: r.recognised,
		reason: r.reason,
		mra: r.mra,
		certificate: certificate.map(id_json),
		benefits: Vec::new(),
		benefits_from: None,
		suspended_until: None,
	}
}

/// A recognition answer with its benefits, in JSON.
pub fn recognition_view_json(view: RecognitionView) -> RecognitionJson {
	let mut json = recognition_json(view.recognition, view.certificate.as_ref());
	json.suspended_until = view.suspended_until.map(date);
	if let Some(b) = view.benefits {
		json.benefits_from = Some(benefits_source(&b));
		json.benefits = b.grants;
	}
	json
}

fn benefits_source(b: &BenefitsView) -> BenefitsSourceJson {
	BenefitsSourceJson {
		mra: b.mra,
		issuer: b.issuer.as_str().to_string(),
		recogniser: b.recogniser.as_str().to_string(),
		version: b.version,
	}
}

/// One direction's benefits in JSON.
pub fn direction_benefits_json(view: DirectionBenefitsView) -> DirectionBenefitsJson {
	DirectionBenefitsJson {
		issuer: view.issuer.as_str().to_string(),
		recogniser: view.recogniser.as_str().to_string(),
		version: view.benefits.version,
		grants: view.benefits.grants.into_inner(),
		scheduled: view
			.scheduled
			.map(|(on, grants)| ScheduledBenefitsJson { on: date(on), grants }),
	}
}

/// A certificate in JSON.
pub fn certificate_json(c: CertificateView) -> CertificateJson {
	CertificateJson {
		id: id_json(&c.id),
		holder: text(&c.holder.to_bytes()),
		aeo_type: c.aeo_type,
		roles: c.roles.into_inner(),
		authorized_on: date(c.authorized_on),
		expires_on: date(c.expires_on),
		status: c.status,
		status_since: c.status_since,
		reason_code: c.reason_code,
		sealed_reason: sealed(&c.reason),
	}
}

/// A certificate's history in JSON; accounts in SS58 through `account`.
pub fn history_json<A>(h: HistoryView<A>, account: impl Fn(&A) -> String) -> HistoryJson {
	HistoryJson {
		pruned: h.pruned,
		pruned_digest: format!("0x{}", hex_encode(&h.pruned_digest)),
		entries: h.entries.into_iter().map(|e| history_entry_json(e, &account)).collect(),
	}
}

fn history_entry_json<A>(
	e: HistoryEntryView<A>,
	account: impl Fn(&A) -> String,
) -> HistoryEntryJson {
	HistoryEntryJson {
		action: e.action,
		from: e.from,
		to: e.to,
		expires_on: date(e.expires_on),
		by: e.by.as_ref().map(account),
		block: e.block,
		at: e.at,
		reason_code: e.reason_code,
		sealed_reason: sealed(&e.reason),
	}
}

fn hex_encode(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
	use super::*;
	use cadena_primitives::{CountryCode, Tin};
	use serde_json::json;

	fn id() -> CertificateId {
		CertificateId::new(CountryCode(*b"MX"), b"AEO-1").unwrap()
	}

	#[test]
	fn a_recognition_answer_has_its_documented_fields() {
		let answer =
			recognition_json(Recognition::no(NotRecognised::CertificateExpired), Some(&id()));
		assert_eq!(
			serde_json::to_value(answer).unwrap(),
			json!({
				"recognised": false,
				"reason": "CertificateExpired",
				"mra": null,
				"certificate": {"country": "MX", "number": "AEO-1"},
				"benefits": [],
				"benefitsFrom": null,
				"suspendedUntil": null,
			})
		);
	}

	#[test]
	fn parties_come_as_an_array_or_keyed_by_position() {
		let party =
			|tin: &str| DeclaredPartyJson { role: OperatorRole::Exporter, party: tin.into() };
		let listed: DeclaredParties = serde_json::from_value(json!([
			{"role": "Exporter", "party": "MXA1"}, {"role": "Exporter", "tin": "MXA2"},
		]))
		.unwrap();
		assert_eq!(listed.0, vec![party("MXA1"), party("MXA2")]);
		// polkadot.js's `Json` type sends an array so.
		let keyed: DeclaredParties = serde_json::from_value(json!({
			"1": {"role": "Exporter", "tin": "MXA2"}, "0": {"role": "Exporter", "tin": "MXA1"},
		}))
		.unwrap();
		assert_eq!(keyed, listed);
		let gap = json!({"0": {"role": "Exporter", "tin": "MXA1"}, "2": {"role": "Exporter", "tin": "MXA2"}});
		assert!(serde_json::from_value::<DeclaredParties>(gap).is_err());
		let named = json!({"first": {"role": "Exporter", "tin": "MXA1"}});
		assert!(serde_json::from_value::<DeclaredParties>(named).is_err());
	}

	#[test]
	fn a_decision_has_its_documented_fields() {
		use cadena_primitives::{BenefitCode, Condition};
		let grant = Grant {
			code: BenefitCode::FewerPhysicalControls,
			side: Side::Import,
			roles: vec![OperatorRole::Exporter].try_into().unwrap(),
			aeo_types: vec![AeoType::SecurityAndSafety].try_into().unwrap(),
			parameter: Some(200),
			condition: Condition::Always,
		};
		let view = RecognitionView {
			certificate: Some(id()),
			recognition: Recognition::yes(Some(0)),
			benefits: Some(BenefitsView {
				mra: 0,
				issuer: CountryCode(*b"MX"),
				recogniser: CountryCode(*b"CR"),
				version: 2,
				grants: vec![grant.clone()],
			}),
			suspended_until: None,
		};
		let decision = DecisionJson {
			declaring: "CR".into(),
			side: Side::Import,
			block: 9,
			block_hash: H256::repeat_byte(2),
			parties: vec![PartyDecisionJson {
				role: OperatorRole::Exporter,
				party: "MX:MID:MXAAAMAN1234GUA".into(),
				tin: Some("MXAAA010101AAA".into()),
				recognition: recognition_view_json(view),
			}],
			benefits: vec![grant],
		};
		let grant = json!({
			"code": "FewerPhysicalControls",
			"side": "Import",
			"roles": ["Exporter"],
			"aeoTypes": ["SecurityAndSafety"],
			"parameter": 200,
			"condition": "Always",
		});
		assert_eq!(
			serde_json::to_value(&decision).unwrap(),
			json!({
				"declaring": "CR",
				"side": "Import",
				"block": 9,
				"blockHash": format!("0x{}", "02".repeat(32)),
				"parties": [{
					"role": "Exporter",
					"party": "MX:MID:MXAAAMAN1234GUA",
					"tin": "MXAAA010101AAA",
					"recognised": true,
					"reason": null,
					"mra": 0,
					"certificate": {"country": "MX", "number": "AEO-1"},
					"benefits": [grant.clone()],
					"benefitsFrom": {"mra": 0, "issuer": "MX", "recogniser": "CR", "version": 2},
					"suspendedUntil": null,
				}],
				"benefits": [grant],
			})
		);
		// A client reads back what the node wrote, and an answer of a node
		// from before benefits (no such fields) as none.
		let back: DecisionJson =
			serde_json::from_value(serde_json::to_value(&decision).unwrap()).unwrap();
		assert_eq!(back.parties[0].recognition.benefits_from.as_ref().unwrap().version, 2);
		let old: RecognitionJson = serde_json::from_value(
			json!({"recognised": true, "reason": null, "mra": 0, "certificate": null}),
		)
		.unwrap();
		assert!(old.benefits.is_empty() && old.benefits_from.is_none());
	}

	#[test]
	fn a_certificate_has_its_documented_fields() {
		let view = CertificateView {
			id: id(),
			holder: Tin::parse(b"MXAAA010101AAA").unwrap(),
			aeo_type: AeoType::SecurityAndSafety,
			roles: vec![OperatorRole::Exporter].try_into().unwrap(),
			authorized_on: 20_513,
			expires_on: 20_514,
			status: CertificateStatus::Active,
			status_since: 7,
			reason_code: 0,
			reason: b"".to_vec(),
		};
		assert_eq!(
			serde_json::to_value(certificate_json(view)).unwrap(),
			json!({
				"id": {"country": "MX", "number": "AEO-1"},
				"holder": "MXAAA010101AAA",
				"aeoType": "SecurityAndSafety",
				"roles": ["Exporter"],
				"authorizedOn": "2026-03-01",
				"expiresOn": "2026-03-02",
				"status": "Active",
				"statusSince": 7,
				"reasonCode": 0,
				"sealedReason": null,
			})
		);
	}

	#[test]
	fn a_history_entry_is_typed_with_its_documented_fields() {
		let history = HistoryView {
			pruned: 1,
			pruned_digest: [0xab; 32],
			entries: vec![HistoryEntryView {
				action: Action::Expire,
				from: Some(CertificateStatus::Active),
				to: CertificateStatus::Expired,
				expires_on: 20_514,
				by: None::<u8>,
				block: 9,
				at: 1_772_409_600_000,
				reason_code: 0,
				reason: vec![],
			}],
		};
		let json = serde_json::to_value(history_json(history, |a| a.to_string())).unwrap();
		assert_eq!(json["prunedDigest"], format!("0x{}", "ab".repeat(32)));
		assert_eq!(
			json["entries"][0],
			json!({
				"action": "Expire",
				"from": "Active",
				"to": "Expired",
				"expiresOn": "2026-03-02",
				"by": null,
				"block": 9,
				"at": 1_772_409_600_000u64,
				"reasonCode": 0,
				"sealedReason": null,
			})
		);
	}

	#[test]
	fn a_sealed_reason_is_hex_never_text() {
		assert_eq!(sealed(b""), None);
		assert_eq!(sealed(&[1, 0, 0, 0, 0xab]), Some("0x01000000ab".to_string()));
	}

	#[test]
	fn fault_13_a_change_a_block_done_and_an_end_are_told_apart_by_their_fields() {
		let change = RecognitionChangeJson {
			block: 5,
			block_hash: H256::repeat_byte(1),
			certificate: id_json(&id()),
			before: recognition_json(Recognition::yes(Some(0)), Some(&id())),
			after: recognition_json(
				Recognition::no(NotRecognised::CertificateExpired),
				Some(&id()),
			),
		};
		let change = serde_json::to_value(change).unwrap();
		assert_eq!(change["blockHash"], format!("0x{}", "01".repeat(32)));
		assert_eq!(change["before"]["recognised"], true);
		assert!(change.get("done").is_none() && change.get("end").is_none());

		let done =
			BlockDoneJson { block: 5, block_hash: H256::repeat_byte(1), changes: 1, done: true };
		assert_eq!(
			serde_json::to_value(done).unwrap(),
			json!({"block": 5, "blockHash": format!("0x{}", "01".repeat(32)), "changes": 1, "done": true})
		);
		let end = EndJson { end: ErrorJson { code: 2, message: "pruned".into() } };
		assert_eq!(
			serde_json::to_value(end).unwrap(),
			json!({"end": {"code": 2, "message": "pruned"}})
		);
	}
}
