//! What can go wrong, each fault named.

use std::path::PathBuf;

/// An envelope, key or key file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum Error {
	/// A key file that cannot be read or is not a key.
	#[error("cannot use the key file {}: {reason}", .path.display())]
	KeyFile {
		/// The file.
		path: PathBuf,
		/// Why.
		reason: String,
	},
	/// A secret key file that others than its owner may read.
	#[error(
		"the key file {} may be read by others than its owner (mode {mode:03o}); \
		 make it private with `chmod 600 {}`",
		.path.display(),
		.path.display()
	)]
	KeyFileExposed {
		/// The file.
		path: PathBuf,
		/// Its permission bits.
		mode: u32,
	},
	/// A key written other than as 64 hex digits.
	#[error("{what} must be 64 hex digits after `0x`")]
	BadHex {
		/// Which key.
		what: &'static str,
	},
	/// A sealed record or wrap of the wrong size.
	#[error("{what} must be {expected} bytes, not {actual}")]
	BadLength {
		/// What was given.
		what: &'static str,
		/// The size it must have (the least, for a sealed record).
		expected: usize,
		/// The size it has.
		actual: usize,
	},
	/// A plaintext too long to seal.
	#[error("the plaintext is {actual} bytes, more than the {max} an envelope holds")]
	TooLong {
		/// Its size.
		actual: usize,
		/// The limit, [`crate::MAX_RECORD_PLAINTEXT`].
		max: usize,
	},
	/// A reader's public key no one can hold the secret of.
	#[error("the reader's public key is not a usable X25519 key (a low-order point)")]
	BadPublicKey,
	/// A wrap that does not open with this secret key.
	#[error(
		"the wrap does not open with this secret key: it is for another reader, subject or \
		 version, or was altered"
	)]
	Unwrap,
	/// A sealed record that does not open with this data key.
	#[error(
		"the record does not open with this data key: it is for another subject or version, \
		 or was altered"
	)]
	Open,
	/// A record's plaintext that is not a trader record.
	#[error("the plaintext is not a trader record: {0}")]
	NotATraderRecord(serde_json::Error),
	/// A reason's plaintext that is not UTF-8 text.
	#[error("the plaintext of a reason is not UTF-8 text")]
	NotUtf8,
}
