//! The plaintexts: a trader's record, and the text of a reason.

use serde::{Deserialize, Serialize};

use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	ChaCha20Poly1305, Nonce,
};

use crate::{
	fill_random, open, reason_aad, seal, DataKey, Error, Sealed, MAX_RECORD_PLAINTEXT, NONCE_LEN,
	TAG_LEN,
};

/// The confidential part of a trader's record, its plaintext a UTF-8 JSON
/// object with exactly these nine string fields (after the WCO and EU AEO
/// data sets' name, address and contact fields; empty strings allowed). The
/// envelope's subject is the trader's TIN, as text (`MXAAA010101AAA`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TraderRecord {
	/// `legalName`: the registered legal name.
	pub legal_name: String,
	/// `tradeName`: the name it trades under.
	pub trade_name: String,
	/// `street`: street and number.
	pub street: String,
	/// `city`: city or town.
	pub city: String,
	/// `postalCode`: postal code.
	pub postal_code: String,
	/// `region`: ISO 3166-2 subdivision code (`MX-CMX`).
	pub region: String,
	/// `contactPoint`: the person or office to contact.
	pub contact_point: String,
	/// `email`: contact e-mail address.
	pub email: String,
	/// `phone`: contact telephone number.
	pub phone: String,
}

impl TraderRecord {
	/// The plaintext: the record as compact JSON, fields in the order above.
	pub fn to_plaintext(&self) -> Vec<u8> {
		serde_json::to_vec(self).expect("a struct of strings serializes")
	}

	/// The record from its plaintext; refuses unknown or missing fields.
	pub fn from_plaintext(plaintext: &[u8]) -> Result<Self, Error> {
		serde_json::from_slice(plaintext).map_err(Error::NotATraderRecord)
	}

	/// Seals version `version` of the record of trader `tin`; refuses a
	/// plaintext longer than [`MAX_RECORD_PLAINTEXT`].
	pub fn seal(&self, tin: &str, version: u32) -> Result<(DataKey, Sealed), Error> {
		let plaintext = self.to_plaintext();
		check_length(&plaintext)?;
		Ok(seal(tin.as_bytes(), version, &plaintext))
	}

	/// Opens version `version` of the record of trader `tin`.
	pub fn open(sealed: &Sealed, tin: &str, version: u32, key: &DataKey) -> Result<Self, Error> {
		Self::from_plaintext(&open(sealed, tin.as_bytes(), version, key)?)
	}
}

/// The most bytes of a reason's text ([`seal_reason`]): the chain keeps
/// [`REASON_OVERHEAD`] more.
pub const MAX_REASON_TEXT: usize = 128;

/// What a sealed reason adds to its text: the record version (4), the nonce
/// (12) and the tag (16).
pub const REASON_OVERHEAD: usize = 4 + NONCE_LEN + TAG_LEN;

/// Seals the free-text reason of a change of certificate `certificate_id`
/// (`MX/AEO-2026-1`: country, `/`, number) under `record_key`, the data key
/// of version `version` of its holder's record: whoever may read that
/// version of the trader's record may read the reason, and nobody else.
/// Returns the bytes the chain stores, `version (u32 LE) || nonce (12) ||
/// ciphertext || tag (16)`; refuses a text longer than
/// [`MAX_REASON_TEXT`] bytes.
pub fn seal_reason(
	record_key: &DataKey,
	certificate_id: &str,
	version: u32,
	text: &str,
) -> Result<Vec<u8>, Error> {
	if text.len() > MAX_REASON_TEXT {
		return Err(Error::TooLong { actual: text.len(), max: MAX_REASON_TEXT });
	}
	let mut nonce = [0u8; NONCE_LEN];
	fill_random(&mut nonce);
	let aad = reason_aad(certificate_id.as_bytes(), version);
	let sealed = ChaCha20Poly1305::new(record_key.as_bytes().into())
		.encrypt(Nonce::from_slice(&nonce), Payload { msg: text.as_bytes(), aad: &aad })
		.expect("ChaCha20-Poly1305 seals any plaintext shorter than 256 GiB");
	let mut bytes = Vec::with_capacity(REASON_OVERHEAD + text.len());
	bytes.extend_from_slice(&version.to_le_bytes());
	bytes.extend_from_slice(&nonce);
	bytes.extend_from_slice(&sealed);
	Ok(bytes)
}

/// The record version a sealed reason names (its first four bytes): the
/// holder's record version whose data key opens it.
pub fn reason_version(sealed: &[u8]) -> Result<u32, Error> {
	if sealed.len() < REASON_OVERHEAD {
		return Err(Error::BadLength {
			what: "a sealed reason",
			expected: REASON_OVERHEAD,
			actual: sealed.len(),
		});
	}
	Ok(u32::from_le_bytes(sealed[..4].try_into().expect("4 bytes; qed")))
}

/// Opens the sealed reason of a change of certificate `certificate_id` with
/// `record_key`, the data key of the holder's record version it names
/// ([`reason_version`]).
pub fn open_reason(
	sealed: &[u8],
	certificate_id: &str,
	record_key: &DataKey,
) -> Result<String, Error> {
	let version = reason_version(sealed)?;
	let (nonce, body) = sealed[4..].split_at(NONCE_LEN);
	let aad = reason_aad(certificate_id.as_bytes(), version);
	let text = ChaCha20Poly1305::new(record_key.as_bytes().into())
		.decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad: &aad })
		.map_err(|_| Error::Open)?;
	String::from_utf8(text).map_err(|_| Error::NotUtf8)
}

fn check_length(plaintext: &[u8]) -> Result<(), Error> {
	if plaintext.len() > MAX_RECORD_PLAINTEXT {
		return Err(Error::TooLong { actual: plaintext.len(), max: MAX_RECORD_PLAINTEXT });
	}
	Ok(())
}
