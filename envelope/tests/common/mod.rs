//! What the test files share: the committed fixture and its shape.
#![allow(dead_code)] // each test file uses a part

use std::path::PathBuf;

use cadena_envelope::TraderRecord;
use serde::{Deserialize, Serialize};

/// `envelope/tests/fixtures/record.json`: one sealed trader record, its
/// wraps, and a test-only reader's secret key to open it with.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fixture {
	pub description: String,
	/// The TIN, as text.
	pub subject: String,
	pub version: u32,
	/// `record_aad(subject, version)`, for the documentation's worked example.
	pub aad_hex: String,
	/// `wrap_info(subject, version)`, likewise.
	pub info_hex: String,
	pub ciphertext_hex: String,
	pub wraps: Vec<FixtureWrap>,
	/// The secret key of `wraps[0]`'s reader; a test-only key.
	pub reader_secret_key_hex: String,
	/// The data key, test-only, to check the record's AEAD step alone.
	pub data_key_hex: String,
	/// What opens.
	pub plaintext: TraderRecord,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FixtureWrap {
	pub reader_public_key_hex: String,
	pub wrap_hex: String,
}

/// This crate's directory, as `cargo test` gives it when the test runs (a
/// test binary reused from a checkout at another path would otherwise look
/// in that checkout).
fn crate_dir() -> PathBuf {
	std::env::var_os("CARGO_MANIFEST_DIR")
		.map(PathBuf::from)
		.unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
}

pub fn fixture_path() -> PathBuf {
	crate_dir().join("tests/fixtures/record.json")
}

/// The workspace root, where `node tests/js/envelope.mjs` runs from.
pub fn workspace_root() -> PathBuf {
	crate_dir().join("..")
}

pub fn read_fixture() -> Fixture {
	let text = std::fs::read_to_string(fixture_path()).expect("the fixture is committed");
	serde_json::from_str(&text).expect("the fixture parses")
}

/// The fixture's trader: fictitious, every field filled, non-ASCII included.
pub fn sample_record() -> TraderRecord {
	TraderRecord {
		legal_name: "Exportadora Ñandú del Bajío, S.A. de C.V.".into(),
		trade_name: "Ñandú Export".into(),
		street: "Av. Insurgentes Sur 1234, piso 5".into(),
		city: "Ciudad de México".into(),
		postal_code: "03100".into(),
		region: "MX-CMX".into(),
		contact_point: "Lic. María José Pérez, Comercio Exterior".into(),
		email: "comercio.exterior@nandu.example".into(),
		phone: "+52 55 5555 0100".into(),
	}
}
