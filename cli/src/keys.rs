//! The officer's key: from `--suri`, the `CADENA_SURI` environment variable
//! or a key file. The secret is never printed: errors name where the key
//! came from, not what it is.

use std::{path::PathBuf, str::FromStr};

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;
use subxt_signer::{sr25519::Keypair, SecretUri};

/// Where the signing key comes from.
#[derive(Args, Debug, Clone)]
pub struct KeyArgs {
	/// The officer's secret URI: a mnemonic or seed, with derivation paths
	/// (`//Alice//approver` on a dev chain). Prefer `CADENA_SURI` or
	/// `--key-file` outside development: command lines are visible to other
	/// users of the machine.
	#[arg(long = "suri", visible_alias = "as", env = "CADENA_SURI", hide_env_values = true)]
	pub suri: Option<String>,

	/// A file holding the officer's secret URI on its first line (readable by
	/// its owner only).
	#[arg(long, conflicts_with = "suri")]
	pub key_file: Option<PathBuf>,
}

impl KeyArgs {
	/// The sr25519 key pair, or an error that says where to look.
	pub fn keypair(&self) -> Result<Keypair> {
		let (secret, origin) = match (&self.suri, &self.key_file) {
			(Some(suri), _) => (suri.clone(), "--suri / CADENA_SURI".to_string()),
			(None, Some(path)) => (read_key_file(path)?, format!("key file {}", path.display())),
			(None, None) => bail!(
				"no officer key: give --suri, set CADENA_SURI, or give --key-file with the secret URI"
			),
		};
		parse(&secret).map_err(|_| {
			anyhow!("the key from {origin} is not a valid secret URI, mnemonic or hex seed")
		})
	}
}

fn read_key_file(path: &PathBuf) -> Result<String> {
	#[cfg(unix)]
	{
		use std::os::unix::fs::PermissionsExt;
		let mode = std::fs::metadata(path)
			.with_context(|| format!("cannot read key file {}", path.display()))?
			.permissions()
			.mode();
		if mode & 0o077 != 0 {
			eprintln!(
				"warning: key file {} is readable by other users (mode {:o}); chmod 600 it",
				path.display(),
				mode & 0o777
			);
		}
	}
	let text = std::fs::read_to_string(path)
		.with_context(|| format!("cannot read key file {}", path.display()))?;
	let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
	if line.is_empty() {
		bail!("key file {} is empty", path.display());
	}
	Ok(line.to_string())
}

fn parse(secret: &str) -> Result<Keypair, ()> {
	let uri = SecretUri::from_str(secret.trim()).map_err(|_| ())?;
	Keypair::from_uri(&uri).map_err(|_| ())
}

#[cfg(test)]
mod tests {
	use super::*;
	use std::io::Write;

	fn args(suri: Option<&str>, key_file: Option<PathBuf>) -> KeyArgs {
		KeyArgs { suri: suri.map(str::to_string), key_file }
	}

	#[test]
	fn a_dev_uri_and_a_key_file_give_the_same_key() {
		let from_uri = args(Some("//Alice//approver"), None).keypair().unwrap();
		let mut file = tempfile::NamedTempFile::new().unwrap();
		writeln!(file, "\n  //Alice//approver  ").unwrap();
		let from_file = args(None, Some(file.path().to_path_buf())).keypair().unwrap();
		assert_eq!(from_uri.public_key().0, from_file.public_key().0);
	}

	#[test]
	fn errors_never_show_the_secret() {
		let secret = "not a valid mnemonic at all with words";
		let error = args(Some(secret), None).keypair().unwrap_err().to_string();
		assert!(!error.contains("mnemonic at all"), "{error}");
		assert!(error.contains("--suri"), "{error}");
		assert!(args(None, None).keypair().unwrap_err().to_string().contains("no officer key"));
		let missing = args(None, Some("/nonexistent/cadena.key".into())).keypair().unwrap_err();
		assert!(format!("{missing:#}").contains("/nonexistent/cadena.key"));
	}
}
