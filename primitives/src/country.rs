//! ISO 3166-1 alpha-2 country codes.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Every officially assigned ISO 3166-1 alpha-2 code (249), sorted.
pub const ISO_3166_1_ALPHA_2: [[u8; 2]; 249] = [
	*b"AD", *b"AE", *b"AF", *b"AG", *b"AI", *b"AL", *b"AM", *b"AO", *b"AQ", *b"AR", *b"AS", *b"AT",
	*b"AU", *b"AW", *b"AX", *b"AZ", *b"BA", *b"BB", *b"BD", *b"BE", *b"BF", *b"BG", *b"BH", *b"BI",
	*b"BJ", *b"BL", *b"BM", *b"BN", *b"BO", *b"BQ", *b"BR", *b"BS", *b"BT", *b"BV", *b"BW", *b"BY",
	*b"BZ", *b"CA", *b"CC", *b"CD", *b"CF", *b"CG", *b"CH", *b"CI", *b"CK", *b"CL", *b"CM", *b"CN",
	*b"CO", *b"CR", *b"CU", *b"CV", *b"CW", *b"CX", *b"CY", *b"CZ", *b"DE", *b"DJ", *b"DK", *b"DM",
	*b"DO", *b"DZ", *b"EC", *b"EE", *b"EG", *b"EH", *b"ER", *b"ES", *b"ET", *b"FI", *b"FJ", *b"FK",
	*b"FM", *b"FO", *b"FR", *b"GA", *b"GB", *b"GD", *b"GE", *b"GF", *b"GG", *b"GH", *b"GI", *b"GL",
	*b"GM", *b"GN", *b"GP", *b"GQ", *b"GR", *b"GS", *b"GT", *b"GU", *b"GW", *b"GY", *b"HK", *b"HM",
	*b"HN", *b"HR", *b"HT", *b"HU", *b"ID", *b"IE", *b"IL", *b"IM", *b"IN", *b"IO", *b"IQ", *b"IR",
	*b"IS", *b"IT", *b"JE", *b"JM", *b"JO", *b"JP", *b"KE", *b"KG", *b"KH", *b"KI", *b"KM", *b"KN",
	*b"KP", *b"KR", *b"KW", *b"KY", *b"KZ", *b"LA", *b"LB", *b"LC", *b"LI", *b"LK", *b"LR", *b"LS",
	*b"LT", *b"LU", *b"LV", *b"LY", *b"MA", *b"MC", *b"MD", *b"ME", *b"MF", *b"MG", *b"MH", *b"MK",
	*b"ML", *b"MM", *b"MN", *b"MO", *b"MP", *b"MQ", *b"MR", *b"MS", *b"MT", *b"MU", *b"MV", *b"MW",
	*b"MX", *b"MY", *b"MZ", *b"NA", *b"NC", *b"NE", *b"NF", *b"NG", *b"NI", *b"NL", *b"NO", *b"NP",
	*b"NR", *b"NU", *b"NZ", *b"OM", *b"PA", *b"PE", *b"PF", *b"PG", *b"PH", *b"PK", *b"PL", *b"PM",
	*b"PN", *b"PR", *b"PS", *b"PT", *b"PW", *b"PY", *b"QA", *b"RE", *b"RO", *b"RS", *b"RU", *b"RW",
	*b"SA", *b"SB", *b"SC", *b"SD", *b"SE", *b"SG", *b"SH", *b"SI", *b"SJ", *b"SK", *b"SL", *b"SM",
	*b"SN", *b"SO", *b"SR", *b"SS", *b"ST", *b"SV", *b"SX", *b"SY", *b"SZ", *b"TC", *b"TD", *b"TF",
	*b"TG", *b"TH", *b"TJ", *b"TK", *b"TL", *b"TM", *b"TN", *b"TO", *b"TR", *b"TT", *b"TV", *b"TW",
	*b"TZ", *b"UA", *b"UG", *b"UM", *b"US", *b"UY", *b"UZ", *b"VA", *b"VC", *b"VE", *b"VG", *b"VI",
	*b"VN", *b"VU", *b"WF", *b"WS", *b"YE", *b"YT", *b"ZA", *b"ZM", *b"ZW",
];

/// Why bytes are not a country code.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CountryCodeError {
	/// Not exactly two characters.
	WrongLength,
	/// Lower-case letters: codes are upper case (`MX`, not `mx`).
	LowerCase,
	/// Two upper-case letters, but not an assigned ISO 3166-1 code.
	Unknown,
}

/// An ISO 3166-1 alpha-2 country code, such as `MX` or `CR`.
///
/// Decoding does not check the code (it is two bytes on the wire); every
/// dispatchable that takes one calls [`CountryCode::validate`] and refuses an
/// invalid code with a typed error.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Hash,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct CountryCode(pub [u8; 2]);

/// In JSON (chain specs, RPC answers) a country code is its text: `"MX"`.
impl Serialize for CountryCode {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(self.as_str())
	}
}

impl<'de> Deserialize<'de> for CountryCode {
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		let text = <alloc::borrow::Cow<'de, str>>::deserialize(deserializer)?;
		CountryCode::new(text.as_bytes()).map_err(|e| {
			serde::de::Error::custom(alloc::format!("`{text}` is not a country code: {e:?}"))
		})
	}
}

impl CountryCode {
	/// The code, if it is an assigned ISO 3166-1 alpha-2 code.
	pub fn new(code: &[u8]) -> Result<Self, CountryCodeError> {
		let code: [u8; 2] = code.try_into().map_err(|_| CountryCodeError::WrongLength)?;
		let candidate = Self(code);
		candidate.validate()?;
		Ok(candidate)
	}

	/// Checks that the code is an assigned ISO 3166-1 alpha-2 code.
	pub fn validate(&self) -> Result<(), CountryCodeError> {
		if self.0.iter().any(|b| b.is_ascii_lowercase()) {
			return Err(CountryCodeError::LowerCase);
		}
		ISO_3166_1_ALPHA_2.binary_search(&self.0).map(|_| ()).map_err(|_| CountryCodeError::Unknown)
	}

	/// The code as text.
	pub fn as_str(&self) -> &str {
		core::str::from_utf8(&self.0).unwrap_or("??")
	}
}

impl core::fmt::Debug for CountryCode {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match core::str::from_utf8(&self.0) {
			Ok(s) => write!(f, "{s}"),
			Err(_) => write!(f, "{:?}", self.0),
		}
	}
}

impl core::fmt::Display for CountryCode {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		core::fmt::Debug::fmt(self, f)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn the_list_is_sorted_and_without_duplicates() {
		assert!(ISO_3166_1_ALPHA_2.windows(2).all(|w| w[0] < w[1]));
	}

	#[test]
	fn real_codes_are_accepted() {
		for code in [b"MX", b"CR", b"PE", b"CO", b"GT", b"US", b"ZW", b"AD"] {
			assert_eq!(CountryCode::new(code), Ok(CountryCode(*code)));
		}
	}

	#[test]
	fn json_is_the_code_as_text() {
		assert_eq!(serde_json::to_string(&CountryCode(*b"MX")).unwrap(), "\"MX\"");
		assert_eq!(serde_json::from_str::<CountryCode>("\"CR\"").unwrap(), CountryCode(*b"CR"));
		assert!(serde_json::from_str::<CountryCode>("\"cr\"").is_err());
		assert!(serde_json::from_str::<CountryCode>("\"XX\"").is_err());
	}

	#[test]
	fn bad_codes_are_refused_with_the_reason() {
		assert_eq!(CountryCode::new(b"mx"), Err(CountryCodeError::LowerCase));
		assert_eq!(CountryCode::new(b"Mx"), Err(CountryCodeError::LowerCase));
		assert_eq!(CountryCode::new(b"XX"), Err(CountryCodeError::Unknown));
		assert_eq!(CountryCode::new(b"UK"), Err(CountryCodeError::Unknown));
		assert_eq!(CountryCode::new(b"M1"), Err(CountryCodeError::Unknown));
		assert_eq!(CountryCode::new(b"MEX"), Err(CountryCodeError::WrongLength));
		assert_eq!(CountryCode::new(b""), Err(CountryCodeError::WrongLength));
	}
}
