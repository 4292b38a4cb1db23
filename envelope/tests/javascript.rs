//! Any language can decrypt: `tests/js/envelope.mjs` opens the committed
//! fixture with a standard JavaScript HPKE package (@hpke/core) and
//! @noble/ciphers, and seals a record this crate opens. The npm packages are
//! those `scripts/setup.sh` installs (`npm ci --prefix tests/js`).

mod common;

use std::process::{Command, Output};

use cadena_envelope::{unwrap, PublicKey, Sealed, SecretKey, TraderRecord, Wrap};
use common::{fixture_path, read_fixture, sample_record, workspace_root};
use serde::Deserialize;

fn node(args: &[&str]) -> String {
	let root = workspace_root();
	assert!(
		root.join("tests/js/node_modules/@hpke/core").exists(),
		"@hpke/core is not installed: run scripts/setup.sh (npm ci in tests/js)"
	);
	let Output { status, stdout, stderr } = Command::new("node")
		.arg("tests/js/envelope.mjs")
		.args(args)
		.current_dir(&root)
		.output()
		.expect("running node (Node.js)");
	let stdout = String::from_utf8(stdout).unwrap();
	let stderr = String::from_utf8_lossy(&stderr);
	assert!(status.success(), "envelope.mjs failed ({status}):\n{stdout}\n{stderr}");
	stdout
}

#[test]
fn javascript_opens_the_fixture() {
	let fixture = read_fixture();
	let path = fixture_path();
	let stdout = node(&[path.to_str().unwrap()]);
	let record = TraderRecord::from_plaintext(stdout.trim_end().as_bytes()).unwrap();
	assert_eq!(record, fixture.plaintext);
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsEnvelope {
	subject: String,
	version: u32,
	ciphertext_hex: String,
	wraps: Vec<JsWrap>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct JsWrap {
	reader_public_key_hex: String,
	wrap_hex: String,
}

#[test]
fn javascript_seals_a_record_rust_opens() {
	let reader = SecretKey::generate();
	let public = reader.public_key();
	let plaintext = String::from_utf8(sample_record().to_plaintext()).unwrap();
	let stdout = node(&["--seal", &public.to_string(), "MXÑ&A010101AB1", "3", &plaintext]);
	let envelope: JsEnvelope = serde_json::from_str(&stdout).unwrap();
	assert_eq!((envelope.subject.as_str(), envelope.version), ("MXÑ&A010101AB1", 3));
	assert_eq!(envelope.wraps.len(), 1);
	assert_eq!(envelope.wraps[0].reader_public_key_hex.parse::<PublicKey>().unwrap(), public);
	let wrap = Wrap::try_from(&hex::decode(&envelope.wraps[0].wrap_hex).unwrap()[..]).unwrap();
	let sealed = Sealed { ciphertext: hex::decode(&envelope.ciphertext_hex).unwrap() };
	assert_eq!(sealed.ciphertext.len(), 12 + plaintext.len() + 16);
	// Bound to the subject and version, as this crate's own envelopes are.
	let subject = "MXÑ&A010101AB1".as_bytes();
	assert!(unwrap(&wrap, subject, 2, &reader).is_err());
	let key = unwrap(&wrap, subject, 3, &reader).unwrap();
	assert!(TraderRecord::open(&sealed, "MXAAA010101AB1", 3, &key).is_err());
	let record = TraderRecord::open(&sealed, "MXÑ&A010101AB1", 3, &key).unwrap();
	assert_eq!(record, sample_record());
}
