//! Trader Identification Numbers (WCO format).

use crate::{CountryCode, CountryCodeError};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sp_runtime::{traits::ConstU32, BoundedVec};

/// Longest national identifier part of a TIN.
pub const MAX_NATIONAL_ID: u32 = 15;

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
	/// A character other than `A`–`Z` and `0`–`9` (a space, a dash, ...).
	InvalidCharacter,
	/// The first two letters are not an ISO 3166-1 alpha-2 country code.
	UnknownCountry,
}

/// A Trader Identification Number: an ISO 3166-1 alpha-2 country code followed
/// by the national identifier, 1 to 15 upper-case letters and digits
/// (`MXAAA010101AAA`, `CR3101123456`). In JSON it is that text.
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
	pub national_id: BoundedVec<u8, ConstU32<MAX_NATIONAL_ID>>,
}

impl Tin {
	/// Parses and checks a TIN, naming the first fault found.
	pub fn parse(text: &[u8]) -> Result<Self, TinError> {
		if text.is_empty() {
			return Err(TinError::Empty);
		}
		if text.iter().any(|b| b.is_ascii_lowercase()) {
			return Err(TinError::LowerCase);
		}
		if !text.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
			return Err(TinError::InvalidCharacter);
		}
		if text.len() < 2 {
			return Err(TinError::UnknownCountry);
		}
		let (country, national) = text.split_at(2);
		let country = CountryCode::new(country).map_err(|e| match e {
			CountryCodeError::LowerCase => TinError::LowerCase,
			_ => TinError::UnknownCountry,
		})?;
		if national.is_empty() {
			return Err(TinError::MissingNationalId);
		}
		let national_id = national.to_vec().try_into().map_err(|_| TinError::TooLong)?;
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
}
