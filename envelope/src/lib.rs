//! CADENA envelopes: how a confidential record is stored on chain.
//!
//! A trader's legal name, address and contacts, and the free-text reason of a
//! certificate change, never reach the chain in clear. The client that writes
//! them:
//!
//! 1. draws a fresh 32-byte [`DataKey`] for this version of the record and
//!    [`seal`]s the plaintext with ChaCha20-Poly1305 (RFC 8439), the
//!    associated data binding the subject (the TIN, or the certificate id) and
//!    the version ([`record_aad`]);
//! 2. [`wrap`]s the data key for each entitled reader with HPKE (RFC 9180,
//!    base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, ChaCha20-Poly1305)
//!    to the reader's X25519 [`PublicKey`], the HPKE `info` binding the same
//!    subject and version ([`wrap_info`]).
//!
//! A reader [`unwrap`]s its [`Wrap`] with its [`SecretKey`] and [`open`]s the
//! [`Sealed`] record. [`TraderRecord`] is the plaintext of a trader's record;
//! [`seal_reason`] and [`open_reason`] carry a reason's text. Every byte is
//! documented in `docs/rpc.md`, "Envelopes: the confidential record format",
//! so any language can decrypt; `tests/js/envelope.mjs` does with a standard
//! JavaScript HPKE package.
//!
//! Randomness comes from the operating system; the functions that draw it
//! ([`SecretKey::generate`], [`seal`], [`wrap`]) panic if it fails, as there
//! is no safe way on.

mod error;
mod keys;
mod record;

use chacha20poly1305::{
	aead::{Aead, KeyInit, Payload},
	ChaCha20Poly1305, Nonce,
};
use hpke::{Deserializable, OpModeR, OpModeS, Serializable};
use rand_core::{OsRng, TryRngCore, UnwrapErr};
use zeroize::Zeroize;

pub use error::Error;
pub use keys::{PublicKey, SecretKey};
pub use record::{
	open_reason, reason_version, seal_reason, TraderRecord, MAX_REASON_TEXT, REASON_OVERHEAD,
};

/// The HPKE suite: DHKEM(X25519, HKDF-SHA256) (KEM 0x0020).
type Kem = hpke::kem::X25519HkdfSha256;
/// The HPKE suite: HKDF-SHA256 (KDF 0x0001).
type Kdf = hpke::kdf::HkdfSha256;
/// The HPKE suite: ChaCha20-Poly1305 (AEAD 0x0003).
type HpkeAead = hpke::aead::ChaCha20Poly1305;

/// Bytes of a data key (ChaCha20-Poly1305 key).
pub const DATA_KEY_LEN: usize = 32;
/// Bytes of the record's nonce, first in [`Sealed::ciphertext`].
pub const NONCE_LEN: usize = 12;
/// Bytes of a Poly1305 tag, last in [`Sealed::ciphertext`] and in a [`Wrap`].
pub const TAG_LEN: usize = 16;
/// Bytes of HPKE's encapsulated key (`enc`), first in a [`Wrap`].
pub const ENC_LEN: usize = 32;
/// Bytes of a [`Wrap`]: `enc (32) || sealed data key (32) || tag (16)`.
pub const WRAP_LEN: usize = ENC_LEN + DATA_KEY_LEN + TAG_LEN;
/// The most plaintext bytes [`TraderRecord::seal`] accepts.
pub const MAX_RECORD_PLAINTEXT: usize = 1024;
/// The label that starts a record's associated data ([`record_aad`]).
pub const RECORD_AAD_LABEL: &[u8] = b"CADENA record v1";
/// The label that starts a reason's associated data ([`reason_aad`]).
pub const REASON_AAD_LABEL: &[u8] = b"CADENA reason v1";
/// The label that starts a wrap's HPKE `info` ([`wrap_info`]).
pub const WRAP_INFO_LABEL: &[u8] = b"CADENA wrap v1";

/// The symmetric key a record version is sealed under: 32 random bytes, fresh
/// for every version, erased from memory when dropped.
pub struct DataKey([u8; DATA_KEY_LEN]);

impl DataKey {
	/// A key from its bytes (as a reader's [`unwrap`] or a test has them).
	pub fn from_bytes(bytes: [u8; DATA_KEY_LEN]) -> Self {
		Self(bytes)
	}

	/// The key's bytes.
	pub fn as_bytes(&self) -> &[u8; DATA_KEY_LEN] {
		&self.0
	}

	fn random() -> Self {
		let mut key = Self([0; DATA_KEY_LEN]);
		fill_random(&mut key.0);
		key
	}
}

impl Drop for DataKey {
	fn drop(&mut self) {
		self.0.zeroize();
	}
}

impl core::fmt::Debug for DataKey {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.write_str("DataKey(..)")
	}
}

/// A sealed record: `nonce (12) || ChaCha20-Poly1305 ciphertext || tag (16)`,
/// the ciphertext as long as the plaintext.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
	/// The stored bytes, `12 + plaintext length + 16` of them.
	pub ciphertext: Vec<u8>,
}

/// A data key wrapped for one reader: `enc (32) || sealed data key (32 + 16)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wrap(pub [u8; WRAP_LEN]);

impl Wrap {
	/// HPKE's encapsulated key: the sender's ephemeral X25519 public key.
	pub fn enc(&self) -> &[u8] {
		&self.0[..ENC_LEN]
	}

	/// The data key sealed by HPKE, its tag last.
	pub fn sealed_key(&self) -> &[u8] {
		&self.0[ENC_LEN..]
	}
}

impl TryFrom<&[u8]> for Wrap {
	type Error = Error;

	fn try_from(bytes: &[u8]) -> Result<Self, Error> {
		let bytes = bytes.try_into().map_err(|_| Error::BadLength {
			what: "a wrap",
			expected: WRAP_LEN,
			actual: bytes.len(),
		})?;
		Ok(Self(bytes))
	}
}

/// The record's associated data:
/// `"CADENA record v1" || u32 LE length of subject || subject || u32 LE version`.
pub fn record_aad(subject: &[u8], version: u32) -> Vec<u8> {
	bind(RECORD_AAD_LABEL, subject, version)
}

/// A reason's associated data:
/// `"CADENA reason v1" || u32 LE length of subject || subject || u32 LE version`,
/// the subject the certificate id as text, the version the holder's record
/// version whose data key seals it.
pub fn reason_aad(certificate_id: &[u8], version: u32) -> Vec<u8> {
	bind(REASON_AAD_LABEL, certificate_id, version)
}

/// A wrap's HPKE `info`:
/// `"CADENA wrap v1" || u32 LE length of subject || subject || u32 LE version`.
pub fn wrap_info(subject: &[u8], version: u32) -> Vec<u8> {
	bind(WRAP_INFO_LABEL, subject, version)
}

fn bind(label: &[u8], subject: &[u8], version: u32) -> Vec<u8> {
	let length = u32::try_from(subject.len()).expect("a subject is far shorter than 4 GiB");
	let mut bytes = Vec::with_capacity(label.len() + 4 + subject.len() + 4);
	bytes.extend_from_slice(label);
	bytes.extend_from_slice(&length.to_le_bytes());
	bytes.extend_from_slice(subject);
	bytes.extend_from_slice(&version.to_le_bytes());
	bytes
}

/// Seals `plaintext`, version `version` of the record about `subject`, under
/// a fresh data key and a random nonce. Wrap the key for every reader, then
/// drop it.
pub fn seal(subject: &[u8], version: u32, plaintext: &[u8]) -> (DataKey, Sealed) {
	let key = DataKey::random();
	let mut nonce = [0u8; NONCE_LEN];
	fill_random(&mut nonce);
	let aad = record_aad(subject, version);
	let sealed = ChaCha20Poly1305::new(key.as_bytes().into())
		.encrypt(Nonce::from_slice(&nonce), Payload { msg: plaintext, aad: &aad })
		.expect("ChaCha20-Poly1305 seals any plaintext shorter than 256 GiB");
	let mut ciphertext = Vec::with_capacity(NONCE_LEN + sealed.len());
	ciphertext.extend_from_slice(&nonce);
	ciphertext.extend_from_slice(&sealed);
	(key, Sealed { ciphertext })
}

/// Opens a sealed record with its data key. Fails if the key, the subject or
/// the version is not the one it was sealed with, or a byte was changed.
pub fn open(
	sealed: &Sealed,
	subject: &[u8],
	version: u32,
	key: &DataKey,
) -> Result<Vec<u8>, Error> {
	let bytes = &sealed.ciphertext;
	if bytes.len() < NONCE_LEN + TAG_LEN {
		return Err(Error::BadLength {
			what: "a sealed record",
			expected: NONCE_LEN + TAG_LEN,
			actual: bytes.len(),
		});
	}
	let (nonce, body) = bytes.split_at(NONCE_LEN);
	let aad = record_aad(subject, version);
	ChaCha20Poly1305::new(key.as_bytes().into())
		.decrypt(Nonce::from_slice(nonce), Payload { msg: body, aad: &aad })
		.map_err(|_| Error::Open)
}

/// Wraps `key`, the data key of version `version` of the record about
/// `subject`, for the reader whose encryption key is `reader`: an HPKE
/// base-mode single-shot seal with [`wrap_info`] as `info` and empty `aad`.
/// Fails only for a public key no one holds a secret for (a low-order point).
pub fn wrap(
	key: &DataKey,
	subject: &[u8],
	version: u32,
	reader: &PublicKey,
) -> Result<Wrap, Error> {
	let reader =
		<Kem as hpke::Kem>::PublicKey::from_bytes(&reader.0).map_err(|_| Error::BadPublicKey)?;
	let info = wrap_info(subject, version);
	let mut rng = UnwrapErr(OsRng);
	let (enc, sealed) = hpke::single_shot_seal::<HpkeAead, Kdf, Kem, _>(
		&OpModeS::Base,
		&reader,
		&info,
		key.as_bytes(),
		&[],
		&mut rng,
	)
	.map_err(|_| Error::BadPublicKey)?;
	let mut wrap = [0u8; WRAP_LEN];
	wrap[..ENC_LEN].copy_from_slice(&enc.to_bytes());
	wrap[ENC_LEN..].copy_from_slice(&sealed);
	Ok(Wrap(wrap))
}

/// Unwraps the data key of version `version` of the record about `subject`
/// with the reader's secret key. Fails if the wrap is for another reader,
/// subject or version, or a byte was changed.
pub fn unwrap(
	wrap: &Wrap,
	subject: &[u8],
	version: u32,
	secret: &SecretKey,
) -> Result<DataKey, Error> {
	let mut opened = hpke_open(
		secret.as_bytes(),
		wrap.enc(),
		&wrap_info(subject, version),
		&[],
		wrap.sealed_key(),
	)
	.map_err(|_| Error::Unwrap)?;
	let key = opened.as_slice().try_into().map(DataKey::from_bytes).map_err(|_| Error::Unwrap);
	opened.zeroize();
	key
}

/// HPKE base-mode single-shot open in CADENA's suite, for any `info` and
/// `aad`: what [`unwrap`] does, exposed so tests can check the suite against
/// RFC 9180's own test vectors.
pub fn hpke_open(
	secret: &[u8; 32],
	enc: &[u8],
	info: &[u8],
	aad: &[u8],
	ciphertext: &[u8],
) -> Result<Vec<u8>, Error> {
	let secret = <Kem as hpke::Kem>::PrivateKey::from_bytes(secret).map_err(|_| Error::Unwrap)?;
	let enc = <Kem as hpke::Kem>::EncappedKey::from_bytes(enc).map_err(|_| Error::Unwrap)?;
	hpke::single_shot_open::<HpkeAead, Kdf, Kem>(
		&OpModeR::Base,
		&secret,
		&enc,
		info,
		ciphertext,
		aad,
	)
	.map_err(|_| Error::Unwrap)
}

pub(crate) fn fill_random(bytes: &mut [u8]) {
	OsRng.try_fill_bytes(bytes).expect("the operating system's random number generator failed");
}
