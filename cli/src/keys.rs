//! The officer's key: from `--suri`, the `CADENA_SURI` environment variable
//! or a key file, which holds either a secret URI or an encrypted keystore
//! exported from polkadot.js. Neither the secret nor the keystore's password
//! is ever printed: errors name where they came from, not what they are.

use std::{
	io::IsTerminal,
	path::{Path, PathBuf},
	str::FromStr,
};

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;
use serde_json::Value;
use subxt::utils::AccountId32;
use subxt_signer::{
	polkadot_js_compat::{decrypt_json, Error as KeystoreError},
	sr25519::Keypair,
	SecretUri,
};

use crate::i18n::t;

/// The environment variable holding a keystore's password, when no
/// `--password-file` is given.
pub const PASSWORD_VARIABLE: &str = "CADENA_KEY_PASSWORD";

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
	/// its owner only), or an encrypted keystore JSON exported from the
	/// polkadot.js extension (sr25519 accounts only).
	#[arg(long, conflicts_with = "suri")]
	pub key_file: Option<PathBuf>,

	/// The password of the keystore given as --key-file: the file's first
	/// line, as is (readable by its owner only). Without it, the
	/// CADENA_KEY_PASSWORD environment variable, else a prompt on the
	/// terminal.
	#[arg(long, requires = "key_file")]
	pub password_file: Option<PathBuf>,
}

/// Where a keystore's password may come from, besides `--password-file`.
struct PasswordSources {
	/// `CADENA_KEY_PASSWORD`, when set and not empty.
	environment: Option<String>,
	/// Whether the password may be asked for: standard input is a terminal.
	terminal: bool,
}

impl PasswordSources {
	fn of_this_process() -> Self {
		PasswordSources {
			environment: std::env::var(PASSWORD_VARIABLE).ok().filter(|p| !p.is_empty()),
			terminal: std::io::stdin().is_terminal(),
		}
	}
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
		self.keypair_for(
			DEVELOPMENT_CHAINS.contains(&chain_type),
			from_environment,
			&PasswordSources::of_this_process(),
		)
	}

	fn keypair_for(
		&self,
		development: bool,
		from_environment: bool,
		passwords: &PasswordSources,
	) -> Result<Keypair> {
		if self.suri.is_some() && !from_environment && !development {
			bail!(t!("keys-secret-on-command-line"));
		}
		let key_file = t!("keys-key-file");
		let (secret, invalid) = match (&self.suri, &self.key_file) {
			(Some(suri), _) => (suri.clone(), t!("keys-invalid-secret-option")),
			(None, Some(path)) => {
				let (text, mode) = read_text(path, &key_file)?;
				if is_keystore(&text) {
					return self.open_keystore(path, &text, passwords);
				}
				if let Some(password_file) = &self.password_file {
					bail!(t!(
						"keys-password-file-for-plain",
						password_file = password_file.display(),
						path = path.display()
					));
				}
				require_owner_only(mode, path, &key_file)?;
				(
					first_non_empty_line(&text, path, &key_file)?,
					t!("keys-invalid-secret-file", path = path.display()),
				)
			}
			(None, None) => bail!(t!("keys-no-key")),
		};
		parse(&secret).map_err(|_| anyhow!(invalid))
	}

	/// The key pair of a polkadot.js keystore, decrypted with the password
	/// from `--password-file`, `CADENA_KEY_PASSWORD` or the terminal.
	fn open_keystore(
		&self,
		path: &Path,
		text: &str,
		passwords: &PasswordSources,
	) -> Result<Keypair> {
		let keystore = Keystore::check(path, text)?;
		let password = match (&self.password_file, &passwords.environment) {
			(Some(file), _) => read_password_file(file)?,
			(None, Some(password)) => password.clone(),
			(None, None) if passwords.terminal => {
				let prompt =
					t!("keys-password-prompt", path = path.display(), label = keystore.label);
				rpassword::prompt_password(format!("{prompt} "))
					.map_err(|e| anyhow!(t!("keys-cannot-ask-password", why = e)))?
			}
			(None, None) => {
				bail!(t!("keys-no-terminal", path = path.display(), variable = PASSWORD_VARIABLE))
			}
		};
		keystore.decrypt(text, &password)
	}
}

/// Whether a key file's text is a JSON keystore: a secret URI never starts
/// with a brace.
fn is_keystore(text: &str) -> bool {
	text.trim_start().starts_with('{')
}

/// What is checked of a polkadot.js keystore before its password is asked
/// for.
struct Keystore<'a> {
	path: &'a Path,
	address: AccountId32,
	/// The address, and the account's name if it has one, for the prompt.
	label: String,
}

impl<'a> Keystore<'a> {
	/// The keystore's address, once its format is one `decrypt_json` reads:
	/// an sr25519 key, encrypted with scrypt and xsalsa20-poly1305 (version 3,
	/// what the extension exports).
	fn check(path: &'a Path, text: &str) -> Result<Self> {
		let shown = path.display();
		let json: Value = serde_json::from_str(text)
			.map_err(|e| anyhow!(t!("keys-not-json", path = shown, why = e)))?;
		let field = |name: &str| json.get(name).filter(|v| !v.is_null());
		let (Some(Value::String(encoded)), Some(encoding), Some(Value::String(address))) =
			(field("encoded"), field("encoding"), field("address"))
		else {
			bail!(t!("keys-not-a-keystore", path = shown));
		};
		let strings = |name: &str| -> Vec<String> {
			match encoding.get(name) {
				Some(Value::Array(items)) => {
					items.iter().filter_map(Value::as_str).map(str::to_string).collect()
				}
				Some(Value::String(item)) => vec![item.clone()],
				_ => Vec::new(),
			}
		};
		let (content, kind) = (strings("content"), strings("type"));
		let version = match encoding.get("version") {
			Some(Value::String(v)) => v.clone(),
			Some(other) => other.to_string(),
			None => "none".into(),
		};
		if let Some(other) =
			["ed25519", "ecdsa", "ethereum"].into_iter().find(|t| content.iter().any(|c| c == t))
		{
			bail!(t!("keys-not-sr25519", path = shown, kind = other));
		}
		if kind.iter().any(|t| t == "none") || !kind.iter().any(|t| t == "scrypt") {
			bail!(t!("keys-not-encrypted", path = shown, kind = format!("{kind:?}")));
		}
		if !content.iter().any(|c| c == "sr25519")
			|| !content.iter().any(|c| c == "pkcs8")
			|| !kind.iter().any(|t| t == "xsalsa20-poly1305")
			|| version != "3"
		{
			bail!(t!(
				"keys-unsupported-format",
				path = shown,
				content = format!("{content:?}"),
				kind = format!("{kind:?}"),
				version = version
			));
		}
		// A salt, the scrypt parameters and a nonce (68 bytes) come first:
		// anything shorter is damaged (and would make `decrypt_json` panic).
		if encoded.trim().len() <= 92 {
			bail!(t!("keys-too-short", path = shown));
		}
		let address = AccountId32::from_str(address.trim()).map_err(|e| {
			let address = format!("{address:?}");
			anyhow!(t!("keys-invalid-address", path = shown, address = address, why = e))
		})?;
		let name = json
			.pointer("/meta/name")
			.and_then(Value::as_str)
			.map(|n| n.chars().filter(|c| !c.is_control()).collect::<String>())
			.filter(|n| !n.trim().is_empty());
		let label = match name {
			Some(name) => format!("{name}, {address}"),
			None => address.to_string(),
		};
		Ok(Keystore { path, address, label })
	}

	/// The key pair, whose public key must be the keystore's address. The
	/// password never appears in an error.
	fn decrypt(&self, text: &str, password: &str) -> Result<Keypair> {
		let shown = self.path.display();
		let address = &self.address;
		let keypair = decrypt_json(text, password).map_err(|error| match error {
			KeystoreError::Secretbox(_) => anyhow!(t!("keys-wrong-password", path = shown)),
			KeystoreError::InvalidKeys => {
				anyhow!(t!("keys-other-sr25519-key", path = shown, address = address))
			}
			KeystoreError::UnsupportedScryptParameters { n, p, r } => anyhow!(t!(
				"keys-scrypt-parameters",
				path = shown,
				n = n.to_string(),
				p = p.to_string(),
				r = r.to_string()
			)),
			KeystoreError::UnsupportedEncoding => {
				anyhow!(t!("keys-unsupported-encoding", path = shown))
			}
			KeystoreError::Json(_) | KeystoreError::Base64(_) | KeystoreError::Sr25519(_) => {
				anyhow!(t!("keys-undecodable-secret", path = shown))
			}
		})?;
		if keypair.public_key().0 != address.0 {
			bail!(t!("keys-other-key", path = shown, address = address));
		}
		Ok(keypair)
	}
}

/// The first non-empty line of a secret's file, which its owner alone may
/// read (a key, or a webhook's shared secret).
pub fn read_key_file(path: &Path) -> Result<String> {
	let key_file = t!("keys-key-file");
	let (text, mode) = read_text(path, &key_file)?;
	require_owner_only(mode, path, &key_file)?;
	first_non_empty_line(&text, path, &key_file)
}

/// A keystore's password: the first line of its file, as is (only the line
/// break is dropped), which its owner alone may read.
fn read_password_file(path: &Path) -> Result<String> {
	let password_file = t!("keys-password-file");
	let (text, mode) = read_text(path, &password_file)?;
	require_owner_only(mode, path, &password_file)?;
	match text.lines().next() {
		Some(line) if !line.is_empty() => Ok(line.to_string()),
		_ => bail!(t!("keys-password-file-empty", path = path.display())),
	}
}

/// A file's text and its permission bits, both from one open file: the
/// mode checked is the mode of the file read, even if the path is swapped
/// meanwhile.
fn read_text(path: &Path, what: &str) -> Result<(String, u32)> {
	use std::io::Read;
	let cannot = || t!("keys-cannot-read", what = what, path = path.display());
	let mut file = std::fs::File::open(path).with_context(cannot)?;
	#[cfg(unix)]
	let mode = {
		use std::os::unix::fs::PermissionsExt;
		file.metadata().with_context(cannot)?.permissions().mode()
	};
	#[cfg(not(unix))]
	let mode = 0o600;
	let mut text = String::new();
	file.read_to_string(&mut text).with_context(cannot)?;
	Ok((text, mode))
}

fn first_non_empty_line(text: &str, path: &Path, what: &str) -> Result<String> {
	match text.lines().map(str::trim).find(|l| !l.is_empty()) {
		Some(line) => Ok(line.to_string()),
		None => bail!(t!("keys-empty", what = what, path = path.display())),
	}
}

/// Refuses a file (of permission bits `mode`) that users other than its
/// owner may read or write.
fn require_owner_only(mode: u32, path: &Path, what: &str) -> Result<()> {
	if mode & 0o077 != 0 {
		bail!(t!(
			"keys-readable-by-others",
			what = what,
			path = path.display(),
			mode = format!("{:o}", mode & 0o777)
		));
	}
	Ok(())
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
		KeyArgs { suri: suri.map(str::to_string), key_file, password_file: None }
	}

	/// No `CADENA_KEY_PASSWORD` and no terminal, whatever the test runner's.
	const NO_PASSWORD: PasswordSources = PasswordSources { environment: None, terminal: false };

	fn fixture(name: &str) -> PathBuf {
		Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
	}

	/// The fixture's password in a file of mode 0600 (git keeps no mode).
	fn password_file(password: &str) -> tempfile::NamedTempFile {
		let mut file = tempfile::NamedTempFile::new().unwrap();
		writeln!(file, "{password}").unwrap();
		file
	}

	fn keystore(json: &str) -> tempfile::NamedTempFile {
		let mut file = tempfile::NamedTempFile::new().unwrap();
		file.write_all(json.as_bytes()).unwrap();
		file
	}

	/// The polkadot.js fixture, with `edit` applied to its JSON.
	fn edited_keystore(edit: impl FnOnce(&mut Value)) -> tempfile::NamedTempFile {
		let text = std::fs::read_to_string(fixture("alice-approver.keystore.json")).unwrap();
		let mut json: Value = serde_json::from_str(&text).unwrap();
		edit(&mut json);
		keystore(&json.to_string())
	}

	fn open(key_file: &Path, password_file: Option<&Path>) -> Result<Keypair> {
		let args = KeyArgs {
			suri: None,
			key_file: Some(key_file.to_path_buf()),
			password_file: password_file.map(Path::to_path_buf),
		};
		args.keypair_for(false, false, &NO_PASSWORD)
	}

	fn alice_approver() -> Keypair {
		Keypair::from_uri(&SecretUri::from_str("//Alice//approver").unwrap()).unwrap()
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
		let error = on_the_line.keypair_for(false, false, &NO_PASSWORD).unwrap_err().to_string();
		assert!(error.contains("refused outside a development chain"), "{error}");
		assert!(!error.contains("Alice"), "{error}");
		// From the environment, or on a development chain, it is accepted.
		assert!(on_the_line.keypair_for(false, true, &NO_PASSWORD).is_ok());
		assert!(on_the_line.keypair_for(true, false, &NO_PASSWORD).is_ok());
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

	/// The fixture, exported by polkadot.js (tests/js/export-keystore.mjs),
	/// is `//Alice//approver`, and signs as it.
	#[test]
	fn a_polkadot_js_keystore_is_the_key_of_its_secret_uri() {
		let password = password_file("cadena-test-password");
		let keypair =
			open(&fixture("alice-approver.keystore.json"), Some(password.path())).unwrap();
		let expected = alice_approver();
		assert_eq!(keypair.public_key().0, expected.public_key().0);
		let signature = keypair.sign(b"suspend AEO-2026-000123");
		assert!(subxt_signer::sr25519::verify(
			&signature,
			b"suspend AEO-2026-000123",
			&expected.public_key()
		));
		// The committed password file holds the same password.
		let committed = std::fs::read_to_string(fixture("alice-approver.password")).unwrap();
		assert_eq!(committed.lines().next(), Some("cadena-test-password"));
	}

	/// Without --password-file, `CADENA_KEY_PASSWORD`; with neither and no
	/// terminal, an error that names --password-file.
	#[test]
	fn a_keystore_password_comes_from_the_environment_or_is_asked_for() {
		let args = args(None, Some(fixture("alice-approver.keystore.json")));
		let environment =
			PasswordSources { environment: Some("cadena-test-password".into()), terminal: false };
		let keypair = args.keypair_for(false, false, &environment).unwrap();
		assert_eq!(keypair.public_key().0, alice_approver().public_key().0);
		let error = format!("{:#}", args.keypair_for(false, false, &NO_PASSWORD).unwrap_err());
		assert!(error.contains("--password-file"), "{error}");
		assert!(error.contains(PASSWORD_VARIABLE), "{error}");
		assert!(error.contains("no terminal"), "{error}");
	}

	#[test]
	fn a_wrong_password_is_refused_without_showing_it() {
		let secret = "hunter2-not-the-password";
		let keystore = fixture("alice-approver.keystore.json");
		let password = password_file(secret);
		let error = format!("{:#}", open(&keystore, Some(password.path())).unwrap_err());
		assert!(
			error.contains(&format!(
				"wrong password for the keystore {}, or not a polkadot.js sr25519 keystore",
				keystore.display()
			)),
			"{error}"
		);
		assert!(!error.contains(secret), "{error}");
		let environment = PasswordSources { environment: Some(secret.into()), terminal: false };
		let error = args(None, Some(keystore)).keypair_for(false, false, &environment).unwrap_err();
		assert!(!format!("{error:#}").contains(secret), "{error:#}");
	}

	#[test]
	fn an_ed25519_keystore_is_refused() {
		let password = password_file("cadena-test-password");
		let error = open(&fixture("alice-approver-ed25519.keystore.json"), Some(password.path()))
			.unwrap_err()
			.to_string();
		assert!(error.contains("holds an ed25519 key"), "{error}");
		assert!(error.contains("sr25519 keys only"), "{error}");
	}

	#[test]
	fn a_keystore_whose_address_is_not_its_key_is_refused() {
		let password = password_file("cadena-test-password");
		// Bob's address on Alice's approver key.
		let bob = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
		let edited = edited_keystore(|json| json["address"] = bob.into());
		let error = open(edited.path(), Some(password.path())).unwrap_err().to_string();
		assert!(error.contains("not to the sr25519 key of its address"), "{error}");
		assert!(error.contains(bob), "{error}");
		let garbled = edited_keystore(|json| json["address"] = "5NotAnAddress".into());
		let error = open(garbled.path(), Some(password.path())).unwrap_err().to_string();
		assert!(error.contains("invalid address"), "{error}");
	}

	#[test]
	fn an_unencrypted_or_foreign_json_is_refused() {
		let password = password_file("cadena-test-password");
		let plain = edited_keystore(|json| json["encoding"]["type"] = serde_json::json!(["none"]));
		let error = open(plain.path(), Some(password.path())).unwrap_err().to_string();
		assert!(error.contains("not encrypted with a password"), "{error}");
		let old = edited_keystore(|json| json["encoding"]["version"] = "2".into());
		let error = open(old.path(), Some(password.path())).unwrap_err().to_string();
		assert!(error.contains("version 2"), "{error}");
		let short = edited_keystore(|json| json["encoded"] = "AAAA".into());
		let error = open(short.path(), Some(password.path())).unwrap_err().to_string();
		assert!(error.contains("damaged"), "{error}");
		let other = keystore(r#"{"jsonrpc": "2.0"}"#);
		let error = open(other.path(), Some(password.path())).unwrap_err().to_string();
		assert!(error.contains("not a polkadot.js keystore"), "{error}");
	}

	/// The keystore is encrypted: others may read it. Its password file, and
	/// a plain secret URI file, they may not.
	#[cfg(unix)]
	#[test]
	fn a_password_file_others_may_read_is_refused() {
		use std::os::unix::fs::PermissionsExt;
		let text = std::fs::read_to_string(fixture("alice-approver.keystore.json")).unwrap();
		let readable = keystore(&text);
		std::fs::set_permissions(readable.path(), std::fs::Permissions::from_mode(0o644)).unwrap();
		let password = password_file("cadena-test-password");
		std::fs::set_permissions(password.path(), std::fs::Permissions::from_mode(0o640)).unwrap();
		let error = open(readable.path(), Some(password.path())).unwrap_err().to_string();
		assert!(error.contains("password file"), "{error}");
		assert!(error.contains("chmod 600"), "{error}");
		std::fs::set_permissions(password.path(), std::fs::Permissions::from_mode(0o600)).unwrap();
		assert!(open(readable.path(), Some(password.path())).is_ok());
	}

	#[test]
	fn a_password_file_for_a_plain_key_file_is_refused() {
		let mut file = tempfile::NamedTempFile::new().unwrap();
		writeln!(file, "//Alice//approver").unwrap();
		let password = password_file("cadena-test-password");
		let error = open(file.path(), Some(password.path())).unwrap_err().to_string();
		assert!(error.contains("plain secret URI"), "{error}");
		assert!(!error.contains("Alice"), "{error}");
	}

	/// `--password-file` goes with `--key-file` only.
	#[test]
	fn the_password_file_option_needs_a_key_file() {
		use clap::{CommandFactory, Parser};
		#[derive(Parser)]
		struct Cli {
			#[command(flatten)]
			key: KeyArgs,
		}
		Cli::command().debug_assert();
		let both = Cli::try_parse_from(["cadena", "--key-file", "k.json", "--password-file", "pw"]);
		assert_eq!(both.unwrap().key.password_file, Some(PathBuf::from("pw")));
		assert!(Cli::try_parse_from(["cadena", "--password-file", "pw"]).is_err());
	}

	/// The password is the file's first line as is: spaces count.
	#[test]
	fn a_password_file_keeps_its_spaces() {
		let file = password_file(" two words \nnext line");
		assert_eq!(read_password_file(file.path()).unwrap(), " two words ");
		let empty = password_file("");
		assert!(read_password_file(empty.path()).unwrap_err().to_string().contains("empty"));
	}
}
