//! The plaintexts: a trader's record, and the text of a reason.

use serde::{Deserialize, Serialize};

use crate::{open, seal, DataKey, Error, Sealed, MAX_RECORD_PLAINTEXT};

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

/// Seals the free-text reason at history index `index` of the certificate
/// `certificate_id` (`MX/AEO-2026-1`: country, `/`, number); refuses a text
/// longer than [`MAX_RECORD_PLAINTEXT`] bytes.
pub fn seal_reason(
	certificate_id: &str,
	index: u32,
	text: &str,
) -> Result<(DataKey, Sealed), Error> {
	check_length(text.as_bytes())?;
	Ok(seal(certificate_id.as_bytes(), index, text.as_bytes()))
}

/// Opens the reason at history index `index` of the certificate
/// `certificate_id`.
pub fn open_reason(
	sealed: &Sealed,
	certificate_id: &str,
	index: u32,
	key: &DataKey,
) -> Result<String, Error> {
	String::from_utf8(open(sealed, certificate_id.as_bytes(), index, key)?)
		.map_err(|_| Error::NotUtf8)
}

fn check_length(plaintext: &[u8]) -> Result<(), Error> {
	if plaintext.len() > MAX_RECORD_PLAINTEXT {
		return Err(Error::TooLong { actual: plaintext.len(), max: MAX_RECORD_PLAINTEXT });
	}
	Ok(())
}
