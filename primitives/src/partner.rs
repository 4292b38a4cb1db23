//! The identifiers partners' systems key a trader on (a CBP-style
//! manufacturer id, an EORI-style number), which its issuing administration
//! records beside its TIN, so a declaration's party can be asked by either.

use crate::{CountryCode, Tin};
use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{traits::ConstU32, BoundedVec};

/// Most partner identifiers one TIN holds.
pub const MAX_PARTNER_IDS: u32 = 4;

/// Longest scheme name (`MID`, `EORI`), in bytes.
pub const MAX_SCHEME: u32 = 8;

/// Longest identifier value, in bytes.
pub const MAX_PARTNER_VALUE: u32 = 35;

/// An identifier a partner's systems key a trader on: a scheme and a value,
/// both upper case (`MID` `MXAAAMAN1234GUA`). In text, `SCHEME:VALUE`.
#[derive(
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct PartnerId {
	/// The scheme: 1 to 8 of `A`–`Z` and `0`–`9`.
	pub scheme: BoundedVec<u8, ConstU32<MAX_SCHEME>>,
	/// The value: 1 to 35 of `A`–`Z`, `0`–`9`, `-`, `/` and `.`.
	pub value: BoundedVec<u8, ConstU32<MAX_PARTNER_VALUE>>,
}

/// The identifiers of one TIN.
pub type PartnerIds = BoundedVec<PartnerId, ConstU32<MAX_PARTNER_IDS>>;

/// Why bytes are not a partner identifier.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PartnerIdError {
	/// The scheme is empty, longer than 8, or has other characters than
	/// `A`–`Z` and `0`–`9`.
	BadScheme,
	/// The value is empty, longer than 35, or has other characters than
	/// `A`–`Z`, `0`–`9`, `-`, `/` and `.`.
	BadValue,
	/// Not `SCHEME:VALUE`.
	NotSchemeAndValue,
}

impl PartnerId {
	/// A checked identifier.
	pub fn new(scheme: &[u8], value: &[u8]) -> Result<Self, PartnerIdError> {
		let id = Self {
			scheme: scheme.to_vec().try_into().map_err(|_| PartnerIdError::BadScheme)?,
			value: value.to_vec().try_into().map_err(|_| PartnerIdError::BadValue)?,
		};
		id.check()?;
		Ok(id)
	}

	/// Checks an identifier as decoded from a call.
	pub fn check(&self) -> Result<(), PartnerIdError> {
		let upper_or_digit = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit();
		if self.scheme.is_empty() || !self.scheme.iter().all(upper_or_digit) {
			return Err(PartnerIdError::BadScheme);
		}
		let value_byte = |b: &u8| upper_or_digit(b) || matches!(b, b'-' | b'/' | b'.');
		if self.value.is_empty() || !self.value.iter().all(value_byte) {
			return Err(PartnerIdError::BadValue);
		}
		Ok(())
	}

	/// `SCHEME:VALUE`.
	pub fn parse(text: &[u8]) -> Result<Self, PartnerIdError> {
		let at = text.iter().position(|b| *b == b':').ok_or(PartnerIdError::NotSchemeAndValue)?;
		Self::new(&text[..at], &text[at + 1..])
	}

	/// `SCHEME:VALUE`.
	pub fn to_bytes(&self) -> Vec<u8> {
		let mut text = self.scheme.to_vec();
		text.push(b':');
		text.extend_from_slice(&self.value);
		text
	}
}

/// A party of a declaration, as a border knows it: by its TIN, or by an
/// identifier its issuing country recorded for it.
#[derive(Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, TypeInfo)]
pub enum PartyRef {
	/// By its TIN.
	Tin(Tin),
	/// By `id`, as `issuer` recorded it: `MX:MID:MXAAAMAN1234GUA` in text.
	Partner {
		/// The country that recorded it: only it can say whose it is.
		issuer: CountryCode,
		/// The identifier.
		id: PartnerId,
	},
}

/// Why text is not a party.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum PartyRefError {
	/// Neither a TIN nor `CC:SCHEME:VALUE`.
	NotATin(crate::TinError),
	/// `CC:` is not a country code.
	BadCountry,
	/// After `CC:`, not a partner identifier.
	BadPartnerId(PartnerIdError),
}

impl PartyRef {
	/// A TIN (`MXAAA010101AAA`), or `CC:SCHEME:VALUE` (`MX:MID:MXAAAMAN1234GUA`).
	pub fn parse(text: &[u8]) -> Result<Self, PartyRefError> {
		if !text.contains(&b':') {
			return Tin::parse(text).map(PartyRef::Tin).map_err(PartyRefError::NotATin);
		}
		let (country, rest) = text.split_at(text.iter().position(|b| *b == b':').unwrap_or(0));
		let issuer = CountryCode::new(country).map_err(|_| PartyRefError::BadCountry)?;
		let id = PartnerId::parse(&rest[1..]).map_err(PartyRefError::BadPartnerId)?;
		Ok(PartyRef::Partner { issuer, id })
	}

	/// The text [`PartyRef::parse`] reads.
	pub fn to_bytes(&self) -> Vec<u8> {
		match self {
			PartyRef::Tin(tin) => tin.to_bytes(),
			PartyRef::Partner { issuer, id } => {
				let mut text = issuer.0.to_vec();
				text.push(b':');
				text.extend(id.to_bytes());
				text
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_partner_identifier_is_a_scheme_and_a_value() {
		let id = PartnerId::parse(b"MID:MXAAAMAN1234GUA").unwrap();
		assert_eq!((&id.scheme[..], &id.value[..]), (&b"MID"[..], &b"MXAAAMAN1234GUA"[..]));
		assert_eq!(id.to_bytes(), b"MID:MXAAAMAN1234GUA".to_vec());
		assert!(PartnerId::parse(b"EORI:DE123456789.1/A-2").is_ok());
		assert_eq!(PartnerId::parse(b"mid:X"), Err(PartnerIdError::BadScheme));
		assert_eq!(PartnerId::parse(b":X"), Err(PartnerIdError::BadScheme));
		assert_eq!(PartnerId::parse(b"SCHEMETOOLONG:X"), Err(PartnerIdError::BadScheme));
		assert_eq!(PartnerId::parse(b"MID:"), Err(PartnerIdError::BadValue));
		assert_eq!(PartnerId::parse(b"MID:a b"), Err(PartnerIdError::BadValue));
		assert_eq!(PartnerId::parse(&[b'V'; 40]), Err(PartnerIdError::NotSchemeAndValue));
		let long = [&b"MID:"[..], &[b'V'; 36]].concat();
		assert_eq!(PartnerId::parse(&long), Err(PartnerIdError::BadValue));
	}

	#[test]
	fn a_party_is_a_tin_or_an_issuers_identifier() {
		let tin = PartyRef::parse(b"MXAAA010101AAA").unwrap();
		assert_eq!(tin, PartyRef::Tin(Tin::parse(b"MXAAA010101AAA").unwrap()));
		let partner = PartyRef::parse(b"MX:MID:MXAAAMAN1234GUA").unwrap();
		assert_eq!(
			partner,
			PartyRef::Partner {
				issuer: CountryCode(*b"MX"),
				id: PartnerId::parse(b"MID:MXAAAMAN1234GUA").unwrap()
			}
		);
		assert_eq!(partner.to_bytes(), b"MX:MID:MXAAAMAN1234GUA".to_vec());
		assert_eq!(PartyRef::parse(b"XX:MID:A"), Err(PartyRefError::BadCountry));
		assert_eq!(
			PartyRef::parse(b"MX:MID"),
			Err(PartyRefError::BadPartnerId(PartnerIdError::NotSchemeAndValue))
		);
		assert!(matches!(PartyRef::parse(b"mx1"), Err(PartyRefError::NotATin(_))));
	}
}
