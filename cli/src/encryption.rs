//! Encryption keys (X25519), separate from signing keys: `cadena
//! encryption-key generate` writes a new secret key to a file its owner
//! alone may read and prints the public key; `publish` puts that public key
//! on chain, an Admin's for its administration, a linked trader's for its
//! own account, so that confidential records can be wrapped for it
//! (docs/rpc.md, "Envelopes"). The secret never leaves its file, and is
//! never taken on the command line.

use std::path::PathBuf;

use anyhow::{bail, Result};
use cadena_envelope::SecretKey;
use cadena_primitives::Role;
use cadena_runtime::{AccountId, RuntimeCall};
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::{
	chain::{Chain, Sent, Signing},
	i18n::t,
};

/// `cadena encryption-key …`.
#[derive(Subcommand, Debug)]
pub enum EncryptionKeyCommand {
	/// Generate an X25519 key pair: the secret key into a new file readable
	/// by its owner only, the public key printed.
	Generate(GenerateArgs),
	/// Publish the public key of a secret key file: an Admin's for its
	/// administration, a linked trader's for its own account.
	Publish(PublishArgs),
}

/// `cadena encryption-key generate`.
#[derive(Args, Debug)]
pub struct GenerateArgs {
	/// The new secret key file (never overwritten).
	#[arg(long)]
	pub out: PathBuf,
	/// Print the public key as JSON.
	#[arg(long)]
	pub json: bool,
}

/// `cadena encryption-key publish`.
#[derive(Args, Debug)]
pub struct PublishArgs {
	/// The secret key file `generate` wrote (`0x` and 64 hex digits, mode
	/// 0600).
	#[arg(long = "file", value_name = "FILE")]
	pub file: PathBuf,
	#[command(flatten)]
	pub signing: Signing,
}

/// What `generate` made, or what `publish` sent.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
	/// The call, its block and events (none for `generate`).
	#[serde(flatten)]
	pub sent: Option<Sent>,
	/// The public key, `0x…`.
	pub public_key: String,
}

impl EncryptionKeyCommand {
	/// Whether the answer is wanted as JSON.
	pub fn json(&self) -> bool {
		match self {
			EncryptionKeyCommand::Generate(a) => a.json,
			EncryptionKeyCommand::Publish(a) => a.signing.json,
		}
	}
}

/// Writes a new secret key; its public key.
pub fn generate(args: &GenerateArgs) -> Result<Outcome> {
	let secret = SecretKey::generate();
	secret.write_to(&args.out).map_err(|e| {
		anyhow::anyhow!(t!("encryption-cannot-write", path = args.out.display(), why = e))
	})?;
	Ok(Outcome { sent: None, public_key: secret.public_key().to_string() })
}

/// Publishes the file's public key, for the signer's administration (an
/// Admin) or its own account (a linked trader).
pub async fn publish(chain: &Chain, args: &PublishArgs) -> Result<Outcome> {
	let secret = crate::confidential::read_secret(&args.file)?;
	let public = secret.public_key();
	let key = args.signing.key.keypair(&chain.chain_type().await?)?;
	let me = AccountId::from(key.public_key().0);
	let call: RuntimeCall = if crate::tin::linked_tin(chain, &me).await?.is_some() {
		pallet_tin_registry::Call::set_encryption_key { key: Some(public.0) }.into()
	} else {
		chain.officer(&key, &[Role::Admin]).await?;
		pallet_consortium::Call::set_encryption_key { key: Some(public.0) }.into()
	};
	if public.0 == [0u8; 32] {
		bail!(t!("encryption-zero-key"));
	}
	let sent = chain.send(&key, call, args.signing.dry_run).await?;
	Ok(Outcome { sent: Some(sent), public_key: public.to_string() })
}

/// An outcome in words.
pub fn print(outcome: &Outcome) {
	if let Some(sent) = &outcome.sent {
		sent.print();
	}
	println!("{}", t!("encryption-public-key", key = outcome.public_key.clone()));
}
