//! Trader Identification Numbers (WCO format).

use crate::{CountryCode, CountryCodeError};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sp_runtime::{traits::ConstU32, BoundedVec};

/// Longest national identifier part of a TIN, in characters.
pub const MAX_NATIONAL_ID: u32 = 15;

/// Longest national identifier part of a TIN, in bytes (UTF-8): `Ñ` takes two.
pub const MAX_NATIONAL_ID_BYTES: u32 = 2 * MAX_NATIONAL_ID;

/// The characters a country's identifiers hold beside `A`–`Z` and `0`–`9`:
/// Mexico's RFC has `Ñ` and `&` in its letters (`MXÑ&A010101AB1`).
const NATIONAL_CHARACTERS: &[(CountryCode, &[char])] = &[(CountryCode(*b"MX"), &['Ñ', '&'])];

/// Why bytes are not a TIN.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TinError {
	/// Nothing at all.
	Empty,
	/// A country code and no national identifier.
	MissingNationalId,
	/// More than 15 characters after the country code.
	TooLong,
	/// Lower-case letters: TINs are upper case.
	LowerCase,
	/// A character other than `A`–`Z`, `0`–`9` and the country's own
	/// (`Ñ`, `&` in Mexico): a space, a dash, bytes that are not UTF-8...
	InvalidCharacter,
	/// The first two letters are not an ISO 3166-1 alpha-2 country code.
	UnknownCountry,
}

/// A Trader Identification Number: an ISO 3166-1 alpha-2 country code followed
/// by the national identifier, 1 to 15 upper-case letters and digits, and the
/// country's own characters where its format has them (`MXAAA010101AAA`,
/// `MXÑ&A010101AB1`, `CR3101123456`), as UTF-8. In JSON it is that text.
#[derive(
	Clone,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Tin {
	/// The issuing country.
	pub country: CountryCode,
	/// The national identifier.
	pub national_id: BoundedVec<u8, ConstU32<MAX_NATIONAL_ID_BYTES>>,
}

impl Tin {
	/// Parses and checks a TIN, naming the first fault found.
	pub fn parse(text: &[u8]) -> Result<Self, TinError> {
		if text.is_empty() {
			return Err(TinError::Empty);
		}
		let text = core::str::from_utf8(text).map_err(|_| TinError::InvalidCharacter)?;
		if text.chars().any(char::is_lowercase) {
			return Err(TinError::LowerCase);
		}
		let national_character =
			|c: char| NATIONAL_CHARACTERS.iter().any(|(_, extra)| extra.contains(&c));
		if !text
			.chars()
			.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || national_character(c))
		{
			return Err(TinError::InvalidCharacter);
		}
		if text.len() < 2 || !text.is_char_boundary(2) {
			return Err(TinError::UnknownCountry);
		}
		let (country, national) = text.split_at(2);
		let country = CountryCode::new(country.as_bytes()).map_err(|e| match e {
			CountryCodeError::LowerCase => TinError::LowerCase,
			_ => TinError::UnknownCountry,
		})?;
		let own: &[char] =
			NATIONAL_CHARACTERS.iter().find(|(c, _)| *c == country).map_or(&[], |(_, extra)| extra);
		if !national.chars().all(|c| c.is_ascii_alphanumeric() || own.contains(&c)) {
			return Err(TinError::InvalidCharacter);
		}
		if national.is_empty() {
			return Err(TinError::MissingNationalId);
		}
		if national.chars().count() > MAX_NATIONAL_ID as usize {
			return Err(TinError::TooLong);
		}
		let national_id = national.as_bytes().to_vec().try_into().map_err(|_| TinError::TooLong)?;
		Ok(Self { country, national_id })
	}

	/// The TIN as text bytes: country code then national identifier.
	pub fn to_bytes(&self) -> alloc::vec::Vec<u8> {
		let mut bytes = self.country.0.to_vec();
		bytes.extend_from_slice(&self.national_id);
		bytes
	}
}

impl core::fmt::Debug for Tin {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		write!(f, "{}", alloc::string::String::from_utf8_lossy(&self.to_bytes()))
	}
}

impl Serialize for Tin {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&alloc::string::String::from_utf8_lossy(&self.to_bytes()))
	}
}

impl<'de> Deserialize<'de> for Tin {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
		Tin::parse(text.as_bytes())
			.map_err(|e| serde::de::Error::custom(alloc::format!("`{text}` is not a TIN: {e:?}")))
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn wco_tins_are_accepted() {
		let tin = Tin::parse(b"MXAAA010101AAA").unwrap();
		assert_eq!(tin.country, CountryCode(*b"MX"));
		assert_eq!(tin.national_id.to_vec(), b"AAA010101AAA".to_vec());
		assert_eq!(tin.to_bytes(), b"MXAAA010101AAA".to_vec());
		assert!(Tin::parse(b"CR3101123456").is_ok());
		assert!(Tin::parse(b"PE1").is_ok());
		assert!(Tin::parse(b"CO123456789012345").is_ok());
		assert_eq!(serde_json::to_string(&tin).unwrap(), "\"MXAAA010101AAA\"");
		assert_eq!(serde_json::from_str::<Tin>("\"MXAAA010101AAA\"").unwrap(), tin);
	}

	#[test]
	fn malformed_tins_are_refused_with_the_fault() {
		assert_eq!(Tin::parse(b""), Err(TinError::Empty));
		assert_eq!(Tin::parse(b"MX"), Err(TinError::MissingNationalId));
		assert_eq!(Tin::parse(b"M"), Err(TinError::UnknownCountry));
		assert_eq!(Tin::parse(b"CO1234567890123456"), Err(TinError::TooLong));
		assert_eq!(Tin::parse(b"mxAAA010101AAA"), Err(TinError::LowerCase));
		assert_eq!(Tin::parse(b"MXaaa010101AAA"), Err(TinError::LowerCase));
		assert_eq!(Tin::parse(b"MX AAA010101"), Err(TinError::InvalidCharacter));
		assert_eq!(Tin::parse(b"MX-AAA010101"), Err(TinError::InvalidCharacter));
		assert_eq!(Tin::parse(b"XXAAA010101"), Err(TinError::UnknownCountry));
		assert_eq!(Tin::parse(b"12AAA010101"), Err(TinError::UnknownCountry));
		assert!(serde_json::from_str::<Tin>("\"mx1\"").is_err());
	}

	/// Fault 11 of the hardening review: real Mexican RFCs were refused.
	#[test]
	fn mexican_rfcs_with_n_tilde_and_ampersand_are_accepted() {
		for rfc in ["MXÑ&A010101AB1", "MXAÑO010101AB1", "MXM&A0101019Z3", "MXÑÑÑÑ010101ÑÑ&"]
		{
			let tin = Tin::parse(rfc.as_bytes()).unwrap_or_else(|e| panic!("{rfc}: {e:?}"));
			assert_eq!(tin.country, CountryCode(*b"MX"));
			assert_eq!(tin.to_bytes(), rfc.as_bytes());
			assert_eq!(serde_json::to_string(&tin).unwrap(), format!("\"{rfc}\""));
			assert_eq!(serde_json::from_str::<Tin>(&format!("\"{rfc}\"")).unwrap(), tin);
		}
		// 15 characters at most, counted as characters, not bytes.
		assert_eq!(Tin::parse("MXÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑ".as_bytes()).map(|t| t.national_id.len()), Ok(30));
		assert_eq!(Tin::parse("MXÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑÑ".as_bytes()), Err(TinError::TooLong));
		// Every other check holds.
		assert_eq!(Tin::parse("MXñ&A010101AB1".as_bytes()), Err(TinError::LowerCase));
		assert_eq!(Tin::parse("CRÑ3101123456".as_bytes()), Err(TinError::InvalidCharacter));
		assert_eq!(Tin::parse(b"CR&3101123456"), Err(TinError::InvalidCharacter));
		assert_eq!(Tin::parse("ÑX010101".as_bytes()), Err(TinError::UnknownCountry));
		assert_eq!(Tin::parse("MXÉ010101AB1".as_bytes()), Err(TinError::InvalidCharacter));
		assert_eq!(Tin::parse(b"MX\xd1A010101AB1"), Err(TinError::InvalidCharacter));
		assert_eq!(Tin::parse("MXN\u{303}A010101AB1".as_bytes()), Err(TinError::InvalidCharacter));
	}
}
