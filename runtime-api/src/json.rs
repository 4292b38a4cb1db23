//! The JSON shapes of CADENA's answers, shared by the node's `cadena_*`
//! RPC and the `cadena` command-line tool, so both speak one format
//! (docs/rpc.md).

use crate::CertificateView;
use alloc::{format, string::String, vec::Vec};
use cadena_primitives::{
	date_of, AeoType, CertificateId, CertificateStatus, Day, MemberStatus, MraStatus,
	NotRecognised, OperatorRole, Recognition, Role,
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
	/// The reason text.
	pub reason: String,
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
	pub entries: Vec<serde_json::Value>,
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
	pub action: cadena_primitives::Action,
	/// The status before (`null` when granted).
	pub from: Option<CertificateStatus>,
	/// The status after.
	pub to: CertificateStatus,
	/// The expiry date, `YYYY-MM-DD`.
	pub expires_on: String,
	/// The reason code.
	pub reason_code: u16,
	/// The reason text.
	pub reason: String,
}

pub fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

/// `YYYY-MM-DD`.
pub fn date(day: Day) -> String {
	let (y, m, d) = date_of(day);
	format!("{y:04}-{m:02}-{d:02}")
}

pub fn id_json(id: &CertificateId) -> CertificateIdJson {
	CertificateIdJson { country: id.country.as_str().to_string(), number: text(&id.number) }
}

pub fn recognition_json(r: Recognition, certificate: Option<&CertificateId>) -> RecognitionJson {
	RecognitionJson {
		recognised: r.recognised,
		reason: r.reason,
		mra: r.mra,
		certificate: certificate.map(id_json),
	}
}

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
		reason: text(&c.reason),
	}
}
