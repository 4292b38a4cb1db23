//! The envelope format as a specification: who can open what, what each
//! byte binds, the sizes, the standard's own test vectors, and the key files.

mod common;

use cadena_envelope::{
	hpke_open, open, open_reason, reason_aad, reason_version, record_aad, seal, seal_reason,
	unwrap, wrap, wrap_info, DataKey, Error, PublicKey, Sealed, SecretKey, TraderRecord, Wrap,
	MAX_REASON_TEXT, MAX_RECORD_PLAINTEXT, REASON_OVERHEAD, WRAP_LEN,
};
use common::{fixture_path, read_fixture, sample_record, Fixture, FixtureWrap};

const TIN: &str = "MXAAA010101AAA";

fn hex32(text: &str) -> [u8; 32] {
	hex::decode(text).unwrap().try_into().unwrap()
}

/// A record sealed for `readers`, version 1 of the trader's record.
fn sealed_for(readers: &[SecretKey]) -> (Sealed, Vec<Wrap>) {
	let (key, sealed) = sample_record().seal(TIN, 1).unwrap();
	let wraps = readers.iter().map(|r| wrap(&key, TIN.as_bytes(), 1, &r.public_key()).unwrap());
	(sealed, wraps.collect())
}

#[test]
fn every_reader_unwraps_the_same_data_key_and_opens_the_record() {
	let readers: Vec<_> = (0..4).map(|_| SecretKey::generate()).collect();
	let (key, sealed) = sample_record().seal(TIN, 1).unwrap();
	for reader in &readers {
		let wrapped = wrap(&key, TIN.as_bytes(), 1, &reader.public_key()).unwrap();
		let unwrapped = unwrap(&wrapped, TIN.as_bytes(), 1, reader).unwrap();
		assert_eq!(unwrapped.as_bytes(), key.as_bytes());
		assert_eq!(TraderRecord::open(&sealed, TIN, 1, &unwrapped).unwrap(), sample_record());
	}
}

#[test]
fn a_key_that_is_not_a_readers_opens_no_wrap() {
	let readers: Vec<_> = (0..4).map(|_| SecretKey::generate()).collect();
	let (_, wraps) = sealed_for(&readers);
	let outsider = SecretKey::generate();
	for w in &wraps {
		assert!(matches!(unwrap(w, TIN.as_bytes(), 1, &outsider), Err(Error::Unwrap)));
	}
	// Nor does one reader's key open another reader's wrap.
	assert!(matches!(unwrap(&wraps[1], TIN.as_bytes(), 1, &readers[0]), Err(Error::Unwrap)));
}

#[test]
fn a_wrap_is_bound_to_its_subject_and_version() {
	let reader = SecretKey::generate();
	let (_, wraps) = sealed_for(std::slice::from_ref(&reader));
	let unwrap_as =
		|subject: &str, version| unwrap(&wraps[0], subject.as_bytes(), version, &reader);
	assert!(unwrap_as(TIN, 1).is_ok());
	assert!(matches!(unwrap_as("MXAAA010101AAB", 1), Err(Error::Unwrap)));
	assert!(matches!(unwrap_as(TIN, 2), Err(Error::Unwrap)));
	assert!(matches!(unwrap_as(TIN, 0), Err(Error::Unwrap)));
	assert!(matches!(unwrap_as("", 1), Err(Error::Unwrap)));
}

#[test]
fn a_record_is_bound_to_its_subject_and_version() {
	let (key, sealed) = seal(TIN.as_bytes(), 7, b"plaintext");
	assert_eq!(open(&sealed, TIN.as_bytes(), 7, &key).unwrap(), b"plaintext");
	assert!(matches!(open(&sealed, b"MXAAA010101AAB", 7, &key), Err(Error::Open)));
	assert!(matches!(open(&sealed, TIN.as_bytes(), 6, &key), Err(Error::Open)));
	assert!(matches!(open(&sealed, TIN.as_bytes(), 8, &key), Err(Error::Open)));
	// The length prefix keeps subject and version apart: subject "A" with
	// version 0x42 is not subject "AB" with another version.
	let (key, sealed) = seal(b"A", 0x42, b"x");
	assert!(matches!(open(&sealed, b"AB", 0, &key), Err(Error::Open)));
}

#[test]
fn another_data_key_does_not_open_the_record() {
	let (_, sealed) = seal(TIN.as_bytes(), 1, b"plaintext");
	let (other, _) = seal(TIN.as_bytes(), 1, b"plaintext");
	assert!(matches!(open(&sealed, TIN.as_bytes(), 1, &other), Err(Error::Open)));
}

#[test]
fn any_flipped_bit_is_refused() {
	let reader = SecretKey::generate();
	let (sealed, wraps) = sealed_for(std::slice::from_ref(&reader));
	let key = unwrap(&wraps[0], TIN.as_bytes(), 1, &reader).unwrap();
	for byte in 0..sealed.ciphertext.len() {
		for bit in 0..8 {
			let mut altered = sealed.clone();
			altered.ciphertext[byte] ^= 1 << bit;
			assert!(
				matches!(open(&altered, TIN.as_bytes(), 1, &key), Err(Error::Open)),
				"ciphertext byte {byte} bit {bit}"
			);
		}
	}
	for byte in 0..WRAP_LEN {
		for bit in 0..8 {
			let mut altered = wraps[0];
			altered.0[byte] ^= 1 << bit;
			assert!(
				unwrap(&altered, TIN.as_bytes(), 1, &reader).is_err(),
				"wrap byte {byte} bit {bit}"
			);
		}
	}
}

#[test]
fn sizes_are_those_documented() {
	let reader = SecretKey::generate();
	for len in [0, 1, 100, MAX_RECORD_PLAINTEXT] {
		let (key, sealed) = seal(TIN.as_bytes(), 1, &vec![b'a'; len]);
		assert_eq!(sealed.ciphertext.len(), 12 + len + 16);
		let w = wrap(&key, TIN.as_bytes(), 1, &reader.public_key()).unwrap();
		assert_eq!(w.0.len(), 80);
		assert_eq!(WRAP_LEN, 80);
	}
	// Truncated bytes are named as such.
	let short = Sealed { ciphertext: vec![0; 27] };
	let key = DataKey::from_bytes([0; 32]);
	assert!(matches!(
		open(&short, TIN.as_bytes(), 1, &key),
		Err(Error::BadLength { expected: 28, actual: 27, .. })
	));
	assert!(matches!(
		Wrap::try_from(&[0u8; 79][..]),
		Err(Error::BadLength { expected: 80, actual: 79, .. })
	));
}

#[test]
fn every_version_has_a_fresh_data_key_and_nonce() {
	let (a, sealed_a) = seal(TIN.as_bytes(), 1, b"same");
	let (b, sealed_b) = seal(TIN.as_bytes(), 1, b"same");
	assert_ne!(a.as_bytes(), b.as_bytes());
	assert_ne!(sealed_a.ciphertext[..12], sealed_b.ciphertext[..12]);
}

#[test]
fn aad_and_info_are_label_length_subject_version() {
	let mut aad = b"CADENA record v1".to_vec();
	aad.extend_from_slice(&[14, 0, 0, 0]);
	aad.extend_from_slice(b"MXAAA010101AAA");
	aad.extend_from_slice(&[1, 0, 0, 0]);
	assert_eq!(record_aad(TIN.as_bytes(), 1), aad);
	let mut info = b"CADENA wrap v1".to_vec();
	info.extend_from_slice(&[13, 0, 0, 0]);
	info.extend_from_slice(b"MX/AEO-2026-1");
	info.extend_from_slice(&[0x04, 0x03, 0x02, 0x01]);
	assert_eq!(wrap_info(b"MX/AEO-2026-1", 0x01020304), info);
}

#[test]
fn a_reason_opens_with_its_holders_record_key_for_its_certificate_only() {
	let (record_key, _) = seal(TIN.as_bytes(), 3, b"{}");
	let sealed = seal_reason(&record_key, "MX/AEO-2026-1", 3, "Auditoría: 2 hallazgos").unwrap();
	// version (4) || nonce (12) || text || tag (16)
	assert_eq!(sealed.len(), REASON_OVERHEAD + "Auditoría: 2 hallazgos".len());
	assert_eq!(&sealed[..4], &[3, 0, 0, 0]);
	assert_eq!(reason_version(&sealed).unwrap(), 3);
	assert_eq!(
		open_reason(&sealed, "MX/AEO-2026-1", &record_key).unwrap(),
		"Auditoría: 2 hallazgos"
	);
	// Another certificate, another key, another version, a changed byte.
	assert!(matches!(open_reason(&sealed, "MX/AEO-2026-2", &record_key), Err(Error::Open)));
	let (other_key, _) = seal(TIN.as_bytes(), 3, b"{}");
	assert!(matches!(open_reason(&sealed, "MX/AEO-2026-1", &other_key), Err(Error::Open)));
	let mut moved = sealed.clone();
	moved[0] = 4;
	assert!(matches!(open_reason(&moved, "MX/AEO-2026-1", &record_key), Err(Error::Open)));
	let mut changed = sealed.clone();
	*changed.last_mut().unwrap() ^= 1;
	assert!(matches!(open_reason(&changed, "MX/AEO-2026-1", &record_key), Err(Error::Open)));
	// Not a reason: as a record it does not open either (its own label).
	let as_record = Sealed { ciphertext: sealed[4..].to_vec() };
	assert!(matches!(open(&as_record, b"MX/AEO-2026-1", 3, &record_key), Err(Error::Open)));
	assert!(matches!(
		reason_version(&[0; REASON_OVERHEAD - 1]),
		Err(Error::BadLength { expected: REASON_OVERHEAD, actual: 31, .. })
	));
	let long = "x".repeat(MAX_REASON_TEXT + 1);
	assert!(matches!(
		seal_reason(&record_key, "MX/AEO-2026-1", 3, &long),
		Err(Error::TooLong { actual: 129, max: 128 })
	));
	let mut aad = b"CADENA reason v1".to_vec();
	aad.extend_from_slice(&[13, 0, 0, 0]);
	aad.extend_from_slice(b"MX/AEO-2026-1");
	aad.extend_from_slice(&[3, 0, 0, 0]);
	assert_eq!(reason_aad(b"MX/AEO-2026-1", 3), aad);
}

#[test]
fn a_trader_record_is_its_nine_camel_case_fields() {
	let json = String::from_utf8(sample_record().to_plaintext()).unwrap();
	let value: serde_json::Value = serde_json::from_str(&json).unwrap();
	let fields: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
	let mut expected = [
		"legalName",
		"tradeName",
		"street",
		"city",
		"postalCode",
		"region",
		"contactPoint",
		"email",
		"phone",
	];
	expected.sort();
	assert_eq!(fields, expected);
	// Empty strings are a record; an unknown or a missing field is not.
	let empty = TraderRecord::default();
	assert_eq!(TraderRecord::from_plaintext(&empty.to_plaintext()).unwrap(), empty);
	let unknown = json.replacen('{', r#"{"vat":"x","#, 1);
	assert!(matches!(
		TraderRecord::from_plaintext(unknown.as_bytes()),
		Err(Error::NotATraderRecord(e)) if e.to_string().contains("unknown field `vat`")
	));
	let missing = br#"{"legalName":"A"}"#;
	assert!(matches!(TraderRecord::from_plaintext(missing), Err(Error::NotATraderRecord(_))));
}

#[test]
fn a_trader_record_longer_than_the_limit_is_refused() {
	let mut record = sample_record();
	let room = MAX_RECORD_PLAINTEXT - record.to_plaintext().len();
	record.street.push_str(&"a".repeat(room));
	assert!(record.seal(TIN, 1).is_ok());
	record.street.push('a');
	assert!(matches!(record.seal(TIN, 1), Err(Error::TooLong { actual: 1025, max: 1024 })));
}

#[test]
fn the_public_key_is_rfc_7748s() {
	// RFC 7748 section 6.1, Alice.
	let secret = SecretKey::from_bytes(hex32(
		"77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a",
	));
	assert_eq!(
		secret.public_key().to_string(),
		"0x8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
	);
}

#[test]
fn the_public_key_is_the_genesis_ceremonys() {
	// node/src/genesis.rs derives the published key this way.
	for _ in 0..16 {
		let secret = SecretKey::generate();
		let genesis =
			curve25519_dalek::MontgomeryPoint::mul_base_clamped(*secret.as_bytes()).to_bytes();
		assert_eq!(secret.public_key().0, genesis);
	}
}

#[test]
fn the_suite_opens_rfc_9180_a_2_1() {
	// RFC 9180 Appendix A.2.1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
	// ChaCha20Poly1305, Base mode; the sequence number 0 encryption.
	let sk_rm = hex32("8057991eef8f1f1af18f4a9491d16a1ce333f695d4db8e38da75975c4478e0fb");
	let pk_rm = "0x4310ee97d88cc1f088a5576c77ab0cf5c3ac797f3d95139c6c84b5429c59662a";
	let enc = hex::decode("1afa08d3dec047a643885163f1180476fa7ddb54c6a8029ea33f95796bf2ac4a");
	let info = hex::decode("4f6465206f6e2061204772656369616e2055726e").unwrap();
	let aad = hex::decode("436f756e742d30").unwrap();
	let ct = hex::decode(
		"1c5250d8034ec2b784ba2cfd69dbdb8af406cfe3ff938e131f0def8c8b60b4db21993c62ce81883d2dd1b51a28",
	)
	.unwrap();
	assert_eq!(SecretKey::from_bytes(sk_rm).public_key().to_string(), pk_rm);
	let pt = hpke_open(&sk_rm, &enc.unwrap(), &info, &aad, &ct).unwrap();
	assert_eq!(pt, b"Beauty is truth, truth beauty");
	assert!(matches!(hpke_open(&sk_rm, &[0; 32], &info, &aad, &ct), Err(Error::Unwrap)));
}

#[test]
fn a_public_key_reads_with_or_without_0x() {
	let text = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
	let key: PublicKey = text.parse().unwrap();
	assert_eq!(format!("0x{text}").parse::<PublicKey>().unwrap(), key);
	assert!(matches!("0x8520".parse::<PublicKey>(), Err(Error::BadHex { .. })));
}

#[test]
fn a_low_order_public_key_is_refused() {
	let (key, _) = seal(TIN.as_bytes(), 1, b"x");
	let zero = PublicKey([0; 32]);
	assert!(matches!(wrap(&key, TIN.as_bytes(), 1, &zero), Err(Error::BadPublicKey)));
}

#[cfg(unix)]
mod key_files {
	use std::{fs, os::unix::fs::PermissionsExt};

	use super::*;

	#[test]
	fn a_written_key_is_private_and_reads_back() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("encryption.key");
		let key = SecretKey::generate();
		key.write_to(&path).unwrap();
		assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
		let text = fs::read_to_string(&path).unwrap();
		assert_eq!(text, format!("0x{}\n", hex::encode(key.as_bytes())));
		assert_eq!(SecretKey::read_from(&path).unwrap().as_bytes(), key.as_bytes());
		// Never replaces a key.
		assert!(matches!(SecretKey::generate().write_to(&path), Err(Error::KeyFile { .. })));
		assert_eq!(SecretKey::read_from(&path).unwrap().as_bytes(), key.as_bytes());
	}

	#[test]
	fn a_key_file_others_may_read_is_refused() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("encryption.key");
		SecretKey::generate().write_to(&path).unwrap();
		for mode in [0o644, 0o640, 0o604, 0o620, 0o602] {
			fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
			let error = SecretKey::read_from(&path).unwrap_err();
			assert!(matches!(error, Error::KeyFileExposed { mode: m, .. } if m == mode));
			assert!(error.to_string().contains("chmod 600"), "{error}");
		}
		fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
		assert!(SecretKey::read_from(&path).is_ok());
	}

	#[test]
	fn a_key_file_is_0x_and_64_hex_digits() {
		let dir = tempfile::tempdir().unwrap();
		let secret = "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
		for (name, text, ok) in [
			("genesis", format!("0x{secret}\n"), true),
			("no newline", format!("0x{secret}"), true),
			("no 0x", format!("{secret}\n"), false),
			("short", format!("0x{}\n", &secret[2..]), false),
			("two lines", format!("0x{secret}\n0x{secret}\n"), false),
			(
				"a phrase",
				"bottom drive obey lake curtain smoke basket hold race lonely fit walk\n".into(),
				false,
			),
		] {
			let path = dir.path().join(name);
			fs::write(&path, text).unwrap();
			fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
			let read = SecretKey::read_from(&path);
			assert_eq!(read.is_ok(), ok, "{name}: {read:?}");
			if ok {
				assert_eq!(
					read.unwrap().public_key().to_string(),
					"0x8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
				);
			}
		}
		assert!(matches!(
			SecretKey::read_from(&dir.path().join("absent")),
			Err(Error::KeyFile { .. })
		));
	}
}

/// With `CADENA_WRITE_FIXTURES=1`, writes a new fixture; otherwise opens the
/// committed one, so it stays valid.
#[test]
fn the_fixture_opens() {
	if std::env::var("CADENA_WRITE_FIXTURES").as_deref() == Ok("1") {
		write_fixture();
	}
	let fixture = read_fixture();
	let subject = fixture.subject.as_bytes();
	let secret = SecretKey::from_bytes(hex32(&fixture.reader_secret_key_hex));
	assert_eq!(fixture.wraps[0].reader_public_key_hex, hex::encode(secret.public_key().0));
	assert_eq!(hex::encode(record_aad(subject, fixture.version)), fixture.aad_hex);
	assert_eq!(hex::encode(wrap_info(subject, fixture.version)), fixture.info_hex);
	let w = Wrap::try_from(&hex::decode(&fixture.wraps[0].wrap_hex).unwrap()[..]).unwrap();
	let key = unwrap(&w, subject, fixture.version, &secret).unwrap();
	assert_eq!(hex::encode(key.as_bytes()), fixture.data_key_hex);
	let sealed = Sealed { ciphertext: hex::decode(&fixture.ciphertext_hex).unwrap() };
	let record = TraderRecord::open(&sealed, &fixture.subject, fixture.version, &key).unwrap();
	assert_eq!(record, fixture.plaintext);
	// The other reader's wrap is not this reader's.
	let other = Wrap::try_from(&hex::decode(&fixture.wraps[1].wrap_hex).unwrap()[..]).unwrap();
	assert!(unwrap(&other, subject, fixture.version, &secret).is_err());
}

fn write_fixture() {
	let reader = SecretKey::generate();
	let other = SecretKey::generate();
	let record = sample_record();
	let (key, sealed) = record.seal(TIN, 1).unwrap();
	let wraps = [&reader, &other]
		.iter()
		.map(|r| FixtureWrap {
			reader_public_key_hex: hex::encode(r.public_key().0),
			wrap_hex: hex::encode(wrap(&key, TIN.as_bytes(), 1, &r.public_key()).unwrap().0),
		})
		.collect();
	let fixture = Fixture {
		description: "A CADENA envelope: version 1 of the record of trader MXAAA010101AAA, \
		              wrapped for two readers. The keys are test-only. Format: docs/rpc.md, \
		              \"Envelopes: the confidential record format\"."
			.into(),
		subject: TIN.into(),
		version: 1,
		aad_hex: hex::encode(record_aad(TIN.as_bytes(), 1)),
		info_hex: hex::encode(wrap_info(TIN.as_bytes(), 1)),
		ciphertext_hex: hex::encode(&sealed.ciphertext),
		wraps,
		reader_secret_key_hex: hex::encode(reader.as_bytes()),
		data_key_hex: hex::encode(key.as_bytes()),
		plaintext: record,
	};
	let json = serde_json::to_string_pretty(&fixture).unwrap();
	std::fs::write(fixture_path(), format!("{json}\n")).unwrap();
}
