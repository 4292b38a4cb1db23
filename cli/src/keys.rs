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

/// The chain types (`system_chainType`) whose keys are public anyway: a
/// secret on the command line is accepted there.
const DEVELOPMENT_CHAINS: [&str; 2] = ["Development", "Local"];

impl KeyArgs {
	/// The sr25519 key pair for a chain of `chain_type`, or an error that
	/// says where to look. A secret typed on the command line lands in `ps`
	/// and in shell history: it is refused but on development chains.
	pub fn keypair(&self, chain_type: &str) -> Result<Keypair> {
		let from_environment = self.suri.is_some()
			&& std::env::var("CADENA_SURI").ok().as_deref() == self.suri.as_deref();
		self.keypair_for(DEVELOPMENT_CHAINS.contains(&chain_type), from_environment)
	}

	fn keypair_for(&self, development: bool, from_environment: bool) -> Result<Keypair> {
		if self.suri.is_some() && !from_environment && !development {
			bail!(
				"a secret on the command line (--suri, --as) is refused outside a development \
				 chain: other users of the machine see it in `ps`, and it stays in the shell's \
				 history. Give --key-file (readable by its owner only) or set CADENA_SURI"
			);
		}
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

/// The first non-empty line of a secret's file, which its owner alone may
/// read (a key, or a webhook's shared secret).
pub fn read_key_file(path: &PathBuf) -> Result<String> {
	#[cfg(unix)]
	{
		use std::os::unix::fs::PermissionsExt;
		let mode = std::fs::metadata(path)
			.with_context(|| format!("cannot read key file {}", path.display()))?
			.permissions()
			.mode();
		if mode & 0o077 != 0 {
			bail!(
				"key file {} may be read by other users (mode {:o}): chmod 600 it",
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
		let from_uri = args(Some("//Alice//approver"), None).keypair("Development").unwrap();
		let mut file = tempfile::NamedTempFile::new().unwrap();
		writeln!(file, "\n  //Alice//approver  ").unwrap();
		let from_file = args(None, Some(file.path().to_path_buf())).keypair("Live").unwrap();
		assert_eq!(from_uri.public_key().0, from_file.public_key().0);
	}

	#[test]
	fn errors_never_show_the_secret() {
		let secret = "not a valid mnemonic at all with words";
		let error = args(Some(secret), None).keypair("Local").unwrap_err().to_string();
		assert!(!error.contains("mnemonic at all"), "{error}");
		assert!(error.contains("--suri"), "{error}");
		let none = args(None, None).keypair("Local").unwrap_err().to_string();
		assert!(none.contains("no officer key"), "{none}");
		let missing = args(None, Some("/nonexistent/cadena.key".into())).keypair("Live");
		assert!(format!("{:#}", missing.unwrap_err()).contains("/nonexistent/cadena.key"));
	}

	/// Issue #12, fault 18: a secret on the command line was accepted on a
	/// live chain, where it lands in `ps` and the shell's history.
	#[test]
	fn a_secret_on_the_command_line_is_refused_on_a_live_chain() {
		let on_the_line = args(Some("//Alice//approver"), None);
		let error = on_the_line.keypair_for(false, false).unwrap_err().to_string();
		assert!(error.contains("refused outside a development chain"), "{error}");
		assert!(!error.contains("Alice"), "{error}");
		// From the environment, or on a development chain, it is accepted.
		assert!(on_the_line.keypair_for(false, true).is_ok());
		assert!(on_the_line.keypair_for(true, false).is_ok());
	}

	/// Issue #12, fault 18: a key file others may read was only warned about.
	#[cfg(unix)]
	#[test]
	fn a_key_file_others_may_read_is_refused() {
		use std::os::unix::fs::PermissionsExt;
		let mut file = tempfile::NamedTempFile::new().unwrap();
		writeln!(file, "//Alice//approver").unwrap();
		let path = file.path().to_path_buf();
		std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
		let error = args(None, Some(path.clone())).keypair("Live").unwrap_err().to_string();
		assert!(error.contains("chmod 600"), "{error}");
		std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
		assert!(args(None, Some(path)).keypair("Live").is_ok());
	}
}
