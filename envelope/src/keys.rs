//! X25519 encryption keys: a reader's secret key, in the genesis ceremony's
//! key file format, and the public key it publishes on chain.

use std::{
	fmt,
	fs::{self, File},
	io::{Read, Write},
	path::Path,
	str::FromStr,
};

use zeroize::{Zeroize, Zeroizing};

use crate::{fill_random, Error};

/// A reader's X25519 secret key, erased from memory when dropped.
///
/// Its file, as `cadena-node genesis keys` writes `keys/encryption.key`, is
/// one line: `0x` and 64 lower-case hex digits, readable by its owner only.
pub struct SecretKey([u8; 32]);

/// A reader's X25519 public key, as published on chain (the member's
/// `encryptionKey`): `0x` and 64 hex digits when written out.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PublicKey(pub [u8; 32]);

impl SecretKey {
	/// A new random secret key.
	pub fn generate() -> Self {
		let mut key = Self([0; 32]);
		fill_random(&mut key.0);
		key
	}

	/// A secret key from its 32 bytes (clamped when used, as X25519 does).
	pub fn from_bytes(bytes: [u8; 32]) -> Self {
		Self(bytes)
	}

	/// The key's 32 bytes, as they are written to its file.
	pub fn as_bytes(&self) -> &[u8; 32] {
		&self.0
	}

	/// The public key: `X25519(secret, 9)`, the bytes of
	/// `curve25519_dalek::MontgomeryPoint::mul_base_clamped(secret)`, as the
	/// genesis ceremony derives it.
	pub fn public_key(&self) -> PublicKey {
		use hpke::{Deserializable, Kem as _, Serializable};
		let secret = <crate::Kem as hpke::Kem>::PrivateKey::from_bytes(&self.0)
			.expect("every 32 bytes are an X25519 secret key");
		PublicKey(crate::Kem::sk_to_pk(&secret).to_bytes().into())
	}

	/// Reads a key file. Refuses one that group or others may read or write
	/// (on Unix, `mode & 0o077 != 0`), and anything but `0x` and 64 hex digits
	/// on one line.
	pub fn read_from(path: &Path) -> Result<Self, Error> {
		let failed = |reason: String| Error::KeyFile { path: path.into(), reason };
		let mut file = File::open(path).map_err(|e| failed(e.to_string()))?;
		#[cfg(unix)]
		{
			use std::os::unix::fs::PermissionsExt;
			let mode = file.metadata().map_err(|e| failed(e.to_string()))?.permissions().mode();
			if mode & 0o077 != 0 {
				return Err(Error::KeyFileExposed { path: path.into(), mode: mode & 0o777 });
			}
		}
		let mut text = Zeroizing::new(String::new());
		file.read_to_string(&mut text).map_err(|e| failed(e.to_string()))?;
		Self::parse(text.trim_end_matches(['\n', '\r']))
			.map_err(|_| failed("it is not `0x` and 64 hex digits on one line".into()))
	}

	/// Writes the key to a new file readable by its owner only (mode 0600);
	/// never replaces an existing file.
	pub fn write_to(&self, path: &Path) -> Result<(), Error> {
		let failed =
			|e: std::io::Error| Error::KeyFile { path: path.into(), reason: e.to_string() };
		let mut options = fs::OpenOptions::new();
		options.write(true).create_new(true);
		#[cfg(unix)]
		{
			use std::os::unix::fs::OpenOptionsExt;
			options.mode(0o600);
		}
		let mut file = options.open(path).map_err(failed)?;
		let text = Zeroizing::new(format!("0x{}\n", hex::encode(self.0)));
		file.write_all(text.as_bytes()).and_then(|()| file.sync_all()).map_err(failed)
	}

	fn parse(text: &str) -> Result<Self, Error> {
		let digits = text.strip_prefix("0x").ok_or(Error::BadHex { what: "a secret key" })?;
		let mut bytes = [0u8; 32];
		let parsed = hex::decode_to_slice(digits, &mut bytes);
		let key = Self(bytes);
		bytes.zeroize();
		parsed.map_err(|_| Error::BadHex { what: "a secret key" })?;
		Ok(key)
	}
}

impl Drop for SecretKey {
	fn drop(&mut self) {
		self.0.zeroize();
	}
}

impl fmt::Debug for SecretKey {
	/// Shows the public key only.
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "SecretKey(public {})", self.public_key())
	}
}

impl fmt::Display for PublicKey {
	/// `0x` and 64 lower-case hex digits.
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "0x{}", hex::encode(self.0))
	}
}

impl fmt::Debug for PublicKey {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		write!(f, "PublicKey({self})")
	}
}

impl FromStr for PublicKey {
	type Err = Error;

	/// 64 hex digits, `0x` before them or not.
	fn from_str(text: &str) -> Result<Self, Error> {
		let digits = text.strip_prefix("0x").unwrap_or(text);
		let mut bytes = [0u8; 32];
		hex::decode_to_slice(digits, &mut bytes)
			.map_err(|_| Error::BadHex { what: "a public key" })?;
		Ok(Self(bytes))
	}
}
