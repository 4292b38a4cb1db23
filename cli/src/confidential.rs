//! Confidential trader records (docs/rpc.md, "Envelopes"; docs/decisions.md,
//! "Confidential trader data"). `cadena show` opens one with a reader's
//! secret encryption key; `cadena share` wraps the data keys of the signing
//! Registrar's administration's records for the entitled readers that hold
//! no usable wrap yet; `cadena import --encryption-key-file` seals them
//! (src/import.rs, with [`Issuer`]). Secret keys come from files only, and
//! nothing decrypted is ever sent.

use std::{collections::BTreeSet, path::PathBuf, sync::OnceLock, time::Duration};

use anyhow::{anyhow, bail, Result};
use cadena_envelope::{unwrap, wrap, DataKey, PublicKey, SecretKey, TraderRecord, Wrap};
use cadena_primitives::{CountryCode, Role, Tin};
use cadena_runtime::{AccountId, RuntimeCall};
use cadena_runtime_api::{
	ConfidentialView, MemberView, MissingWraps, MissingWrapsPage, ReaderView, WrapView, MAX_PAGE,
};
use clap::Args;
use codec::{DecodeAll, Encode};
use futures::StreamExt;
use serde::Serialize;
use sp_core::crypto::Ss58Codec;
use subxt_signer::sr25519::Keypair;

use crate::{
	chain::{AtBlock, Chain},
	i18n::t,
	keys::KeyArgs,
};

/// A reader of a confidential record: an administration or a linked
/// trader account.
pub type Reader = ReaderView<AccountId>;

/// Readers' records read from the node at once.
const CONCURRENT_READS: usize = 16;
/// Times a share transaction is submitted before the pass gives up.
const SUBMIT_ATTEMPTS: u32 = 3;

/// Transactions of wraps a share pass keeps in flight at once, across its
/// pages (each waits for its finalized block; one at a time, a pass of
/// 100,000 records spent most of its time waiting).
const SHARE_IN_FLIGHT: usize = 16;

/// `cadena show`.
#[derive(Args, Debug)]
pub struct ShowArgs {
	/// The trader's TIN (`MXAAA010101AAA`).
	pub tin: String,
	/// Who reads: an administration by its country (`CR`), or a trader's
	/// linked account (SS58).
	#[arg(long, value_name = "READER", value_parser = reader)]
	pub reader: Reader,
	/// The reader's secret encryption key file (`0x` and 64 hex digits,
	/// mode 0600).
	#[arg(long, value_name = "FILE")]
	pub encryption_key_file: PathBuf,
	/// Print the record as JSON.
	#[arg(long)]
	pub json: bool,
}

/// `cadena share`.
#[derive(Args, Debug)]
pub struct ShareArgs {
	#[command(flatten)]
	pub key: KeyArgs,
	/// The administration's secret encryption key file (`0x` and 64 hex
	/// digits, mode 0600): the one whose public key it published.
	#[arg(long, value_name = "FILE")]
	pub encryption_key_file: PathBuf,
	/// Keep sharing until Ctrl-C: every --interval seconds, a pass when
	/// the blocks finalized since the last one may have entitled a reader
	/// or sealed a record (an event of the consortium, the MRAs, the TIN
	/// registry, a seal, a revocation done, a runtime upgrade).
	#[arg(long)]
	pub follow: bool,
	/// Seconds between two looks at the finalized blocks, with --follow.
	#[arg(long, value_name = "SECONDS", default_value_t = 6,
		value_parser = clap::value_parser!(u64).range(1..))]
	pub interval: u64,
	/// Calls per transaction (at most 256).
	#[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u16).range(1..=256))]
	pub batch: u16,
	/// Print each pass's report as JSON (one object per line).
	#[arg(long)]
	pub json: bool,
}

/// `--reader`: a country code (`CR`) or an SS58 account.
pub fn reader(text: &str) -> Result<Reader, String> {
	let text = text.trim();
	if text.chars().count() == 2 {
		return CountryCode::new(text.as_bytes()).map(Reader::Administration).map_err(|e| {
			t!("query-bad-country", text = format!("{text:?}"), why = format!("{e:?}"))
		});
	}
	AccountId::from_ss58check(text)
		.map(Reader::Account)
		.map_err(|_| t!("confidential-bad-reader", text = format!("{text:?}")))
}

/// A reader as text: its country, or its account in SS58.
pub fn reader_text(reader: &Reader) -> String {
	match reader {
		Reader::Administration(country) => country.as_str().to_string(),
		Reader::Account(account) => account.to_ss58check(),
	}
}

/// A TIN as text: the subject of its record's envelope.
pub fn tin_text(tin: &Tin) -> String {
	String::from_utf8_lossy(&tin.to_bytes()).into_owned()
}

/// Reads a secret encryption key file; refuses one others may read.
pub fn read_secret(path: &std::path::Path) -> Result<SecretKey> {
	SecretKey::read_from(path).map_err(|e| match e {
		cadena_envelope::Error::KeyFileExposed { mode, .. } => {
			anyhow!(t!("encryption-exposed", path = path.display(), mode = format!("{mode:03o}")))
		}
		e => anyhow!(t!("encryption-cannot-read", path = path.display(), why = e)),
	})
}

/// What a reader can do with a record, from the API's view of it.
#[derive(Debug, PartialEq, Eq)]
pub enum Readable<'a> {
	/// The record was never sealed.
	NeverSealed,
	/// The reader is not entitled to it: the ciphertext only.
	NotEntitled,
	/// The reader is entitled, but the issuer has not wrapped the data key
	/// for it (or for the key it publishes now) yet.
	NotShared,
	/// The reader's wrap.
	Wrap(&'a WrapView),
}

/// Whether a reader can open a record, and with which wrap.
pub fn readable(view: Option<&ConfidentialView>) -> Readable<'_> {
	match view {
		None => Readable::NeverSealed,
		Some(ConfidentialView { wrap: Some(wrap), .. }) => Readable::Wrap(wrap),
		Some(ConfidentialView { entitled: false, .. }) => Readable::NotEntitled,
		Some(_) => Readable::NotShared,
	}
}

/// The data key of `view`'s record with the reader's secret; an error in
/// words when the secret is not the one the wrap was made for, or the wrap
/// does not open.
pub fn data_key(
	tin: &Tin,
	version: u32,
	wrap_view: &WrapView,
	secret: &SecretKey,
	path: &std::path::Path,
) -> Result<DataKey> {
	let public = secret.public_key();
	if public.0 != wrap_view.key {
		bail!(t!(
			"confidential-wrong-key",
			path = path.display(),
			wrap_key = PublicKey(wrap_view.key),
			file_key = public
		));
	}
	unwrap(&Wrap(wrap_view.wrap), &tin.to_bytes(), version, secret)
		.map_err(|e| anyhow!(t!("confidential-cannot-open", tin = tin_text(tin), why = e)))
}

/// Opens a record with its data key.
pub fn open(view: &ConfidentialView, tin: &Tin, key: &DataKey) -> Result<TraderRecord> {
	let sealed = cadena_envelope::Sealed { ciphertext: view.ciphertext.clone() };
	TraderRecord::open(&sealed, &tin_text(tin), view.version, key)
		.map_err(|e| anyhow!(t!("confidential-cannot-open", tin = tin_text(tin), why = e)))
}

/// `cadena show --json`: the record with its TIN and version.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Shown {
	/// The TIN.
	pub tin: String,
	/// The record's version.
	pub version: u32,
	/// Its fields.
	#[serde(flatten)]
	pub record: TraderRecord,
}

/// Why a reader cannot read a record, as `cadena show --json` says it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Unreadable {
	/// The TIN.
	pub tin: String,
	/// The reader: a country or an SS58 account.
	pub reader: String,
	/// The record's version; none when it was never sealed.
	pub version: Option<u32>,
	/// `neverSealed`, `notEntitled` or `notShared`.
	pub reason: &'static str,
}

impl Unreadable {
	/// In words.
	pub fn text(&self) -> String {
		let (tin, reader) = (&self.tin, &self.reader);
		match self.reason {
			"neverSealed" => t!("confidential-never-sealed", tin = tin),
			"notEntitled" => t!("confidential-not-entitled", reader = reader, tin = tin),
			_ => t!("confidential-not-shared", reader = reader, tin = tin),
		}
	}
}

/// `cadena show`'s answer: the record, or why the reader cannot read it.
pub enum ShowOutcome {
	/// Opened.
	Shown(Shown),
	/// Not readable by this reader.
	Unreadable(Unreadable),
}

/// Answers `cadena show`.
pub async fn show(chain: &Chain, args: &ShowArgs) -> Result<ShowOutcome> {
	let tin = crate::tin::tin(&args.tin)?;
	// Before anything is asked: a key file others may read is refused.
	let secret = read_secret(&args.encryption_key_file)?;
	let at = chain.finalized().await?;
	let view = record(chain, &at, &tin, &args.reader).await?;
	let unreadable = |reason| {
		Ok(ShowOutcome::Unreadable(Unreadable {
			tin: tin_text(&tin),
			reader: reader_text(&args.reader),
			version: view.as_ref().map(|v| v.version),
			reason,
		}))
	};
	let wrap_view = match readable(view.as_ref()) {
		Readable::NeverSealed => return unreadable("neverSealed"),
		Readable::NotEntitled => return unreadable("notEntitled"),
		Readable::NotShared => return unreadable("notShared"),
		Readable::Wrap(wrap) => wrap,
	};
	let view = view.as_ref().expect("a wrap is of a record; qed");
	let key = data_key(&tin, view.version, wrap_view, &secret, &args.encryption_key_file)?;
	let record = open(view, &tin, &key)?;
	Ok(ShowOutcome::Shown(Shown { tin: tin_text(&tin), version: view.version, record }))
}

/// The text of a reason for a change of certificate `id`, sealed for the
/// readers of its holder's record (docs/rpc.md, "Envelopes"): under the data
/// key of the version the chain lets a reason be sealed under
/// (`reason_version`). When there is none (a reader lost the record since
/// it was sealed, or it was sealed before runtime 108), the issuer seals a
/// new version first, with the content its own wrap opens: that call comes
/// back too, to go before the change in one batch (a Registrar's), and the
/// reason is sealed under the new version.
pub async fn seal_reason_for(
	chain: &Chain,
	at: &AtBlock,
	issuer: &Issuer,
	id: &cadena_primitives::CertificateId,
	holder: &Tin,
	text: &str,
) -> Result<(Vec<u8>, Option<RuntimeCall>)> {
	let subject = certificate_text(id);
	let sealable: Option<u32> = chain.api(at, "reason_version", holder).await?;
	let Some(view) = record(chain, at, holder, &issuer.reader()).await? else {
		bail!(t!("certificate-reason-no-record", tin = tin_text(holder)));
	};
	let no_wrap = || {
		anyhow!(t!(
			"confidential-no-own-wrap",
			country = issuer.country.as_str(),
			tin = tin_text(holder)
		))
	};
	let wrap_view = view.wrap.as_ref().ok_or_else(no_wrap)?;
	let key = data_key(holder, view.version, wrap_view, &issuer.secret, &issuer.path)?;
	let sealing = |key: &DataKey, version| {
		cadena_envelope::seal_reason(key, &subject, version, text)
			.map_err(|e| anyhow!(t!("certificate-reason-cannot-seal", why = e)))
	};
	if sealable == Some(view.version) {
		return Ok((sealing(&key, view.version)?, None));
	}
	let content = open(&view, holder, &key)?;
	let version = view.version + 1;
	let call = issuer.seal(holder, &content, version)?;
	let new_key = issuer.sealed_key(holder, version).expect("just sealed; qed");
	Ok((sealing(&new_key, version)?, Some(call)))
}

/// The opened text of a sealed reason about certificate `id`, with the data
/// key of the holder's record version `key` opens; `None` when the reason
/// was sealed under another version.
pub fn open_reason_with(
	sealed: &[u8],
	id: &cadena_primitives::CertificateId,
	version: u32,
	key: &DataKey,
) -> Option<String> {
	if cadena_envelope::reason_version(sealed).ok()? != version {
		return None;
	}
	cadena_envelope::open_reason(sealed, &certificate_text(id), key).ok()
}

/// A certificate id as a reason's subject: country, `/`, number.
pub fn certificate_text(id: &cadena_primitives::CertificateId) -> String {
	format!("{}/{}", id.country.as_str(), String::from_utf8_lossy(&id.number))
}

/// `tin`'s record as `reader` sees it at `at`.
pub async fn record(
	chain: &Chain,
	at: &AtBlock,
	tin: &Tin,
	reader: &Reader,
) -> Result<Option<ConfidentialView>> {
	chain.api(at, "confidential_record", (tin, reader)).await
}

/// The labels of a record's fields, and their values.
fn fields(record: &TraderRecord) -> [(String, &str); 9] {
	[
		(t!("confidential-legal-name"), &record.legal_name),
		(t!("confidential-trade-name"), &record.trade_name),
		(t!("confidential-street"), &record.street),
		(t!("confidential-city"), &record.city),
		(t!("confidential-postal-code"), &record.postal_code),
		(t!("confidential-region"), &record.region),
		(t!("confidential-contact-point"), &record.contact_point),
		(t!("confidential-email"), &record.email),
		(t!("confidential-phone"), &record.phone),
	]
}

/// A record in words, its fields labelled.
pub fn print_shown(shown: &Shown) {
	println!("{}", t!("confidential-heading", tin = shown.tin, version = shown.version));
	let fields = fields(&shown.record);
	let width = fields.iter().map(|(label, _)| label.chars().count()).max().unwrap_or(0) + 2;
	for (label, value) in fields {
		println!("{}", format!("  {label:<width$}{value}").trim_end());
	}
}

/// The administration that seals and shares its own records: its country,
/// and the secret key of the encryption key it published.
pub struct Issuer {
	/// Its country.
	pub country: CountryCode,
	secret: SecretKey,
	public: PublicKey,
	/// The key file, to name in errors.
	path: PathBuf,
	/// The data keys of the versions this run sealed: sharing them needs
	/// no read of the record (an import's share pass of 100,000 records
	/// read each of them once more).
	sealed: std::sync::Mutex<std::collections::BTreeMap<(Tin, u32), DataKey>>,
}

impl Issuer {
	/// The administration of `country` with the secret key in `path`:
	/// refused unless its public key is the one the administration
	/// published.
	pub async fn new(
		chain: &Chain,
		country: CountryCode,
		path: &std::path::Path,
	) -> Result<Issuer> {
		let secret = read_secret(path)?;
		let public = secret.public_key();
		let at = chain.finalized().await?;
		let member: Option<MemberView<AccountId>> = chain.api(&at, "member", country).await?;
		match member.and_then(|m| m.encryption_key) {
			None => bail!(t!("confidential-no-published-key", country = country.as_str())),
			Some(published) if published != public.0 => bail!(t!(
				"confidential-not-published-key",
				path = path.display(),
				country = country.as_str(),
				published = PublicKey(published),
				file_key = public
			)),
			Some(_) => {}
		}
		Ok(Issuer { country, secret, public, path: path.to_path_buf(), sealed: Default::default() })
	}

	/// For tests: an issuer of a given secret, published or not.
	#[cfg(test)]
	pub fn of(country: CountryCode, secret: SecretKey) -> Issuer {
		let public = secret.public_key();
		Issuer {
			country,
			secret,
			public,
			path: PathBuf::from("test.key"),
			sealed: Default::default(),
		}
	}

	/// The issuer as a reader.
	pub fn reader(&self) -> Reader {
		Reader::Administration(self.country)
	}

	/// The record as the issuer holds it: `None` when never sealed, else
	/// its version and, if the issuer's own wrap opens it, its content.
	pub fn current(
		&self,
		tin: &Tin,
		view: Option<&ConfidentialView>,
	) -> Option<(u32, Option<TraderRecord>)> {
		let view = view?;
		let content = view.wrap.as_ref().and_then(|w| {
			let key = data_key(tin, view.version, w, &self.secret, &self.path).ok()?;
			open(view, tin, &key).ok()
		});
		Some((view.version, content))
	}

	/// The `Confidential.seal` call of a new version of `tin`'s record,
	/// wrapped for the issuer only.
	pub fn seal(&self, tin: &Tin, record: &TraderRecord, version: u32) -> Result<RuntimeCall> {
		self.seal_for(tin, record, version, &[])
	}

	/// [`Self::seal`], wrapped for `partners` too (administrations, with
	/// the keys they publish: `CadenaApi.partners_of`), so that no share
	/// pass needs to follow for them.
	pub fn seal_for(
		&self,
		tin: &Tin,
		record: &TraderRecord,
		version: u32,
		partners: &[(CountryCode, [u8; 32])],
	) -> Result<RuntimeCall> {
		let (ciphertext, wraps) = self.sealed_and_wrapped(tin, record, version, partners)?;
		seal_call(tin, version, ciphertext, wraps)
	}

	/// The readers of this administration's `Confidential.seal_many`: itself
	/// first, then `partners` (as `CadenaApi.partners_of` lists them).
	pub fn batch_readers(
		&self,
		partners: &[(CountryCode, [u8; 32])],
	) -> Vec<(CountryCode, [u8; 32])> {
		let others = partners.iter().filter(|(c, _)| *c != self.country).copied();
		std::iter::once((self.country, self.public.0)).chain(others).collect()
	}

	/// [`Self::seal_for`] as one record of a `Confidential.seal_many` whose
	/// readers are [`Self::batch_readers`] of the same `partners` (or of
	/// more: a record whose trader does not consent is wrapped for the
	/// issuer alone, with `partners` empty); and the same seal as a call of
	/// its own, to send if the batch is refused.
	pub fn seal_batched(
		&self,
		tin: &Tin,
		record: &TraderRecord,
		version: u32,
		partners: &[(CountryCode, [u8; 32])],
	) -> Result<(BatchSeal, RuntimeCall)> {
		let (ciphertext, wraps) = self.sealed_and_wrapped(tin, record, version, partners)?;
		let readers = self.batch_readers(partners);
		let places = wraps
			.iter()
			.map(|(reader, _, wrap)| {
				let place = readers
					.iter()
					.position(|(c, _)| Reader::Administration(*c) == *reader)
					.expect("every wrap is for one of the batch's readers; qed");
				(place as u8, *wrap)
			})
			.collect();
		let batched =
			BatchSeal { tin: tin.to_bytes(), sealed: (version, ciphertext.clone()), wraps: places };
		Ok((batched, seal_call(tin, version, ciphertext, wraps)?))
	}

	/// `record` sealed as `tin`'s `version` under a new data key, which this
	/// run keeps; and the key wrapped for this administration and for
	/// `partners`.
	fn sealed_and_wrapped(
		&self,
		tin: &Tin,
		record: &TraderRecord,
		version: u32,
		partners: &[(CountryCode, [u8; 32])],
	) -> Result<(Vec<u8>, Vec<WrapOf>)> {
		let text = tin_text(tin);
		let cannot = |e: cadena_envelope::Error| {
			anyhow!(t!("confidential-cannot-seal", tin = text, why = e))
		};
		let (key, sealed) = record.seal(&text, version).map_err(cannot)?;
		let subject = tin.to_bytes();
		let own = wrap(&key, &subject, version, &self.public).map_err(cannot)?;
		let mut wraps = vec![(self.reader(), self.public.0, own.0)];
		for (country, public) in partners.iter().filter(|(c, _)| *c != self.country) {
			let wrapped = wrap(&key, &subject, version, &PublicKey(*public)).map_err(cannot)?;
			wraps.push((Reader::Administration(*country), *public, wrapped.0));
		}
		self.sealed.lock().expect("unpoisoned").insert((tin.clone(), version), key);
		Ok((sealed.ciphertext, wraps))
	}

	/// The data key this run sealed `tin`'s `version` under, if it did.
	pub fn sealed_key(&self, tin: &Tin, version: u32) -> Option<DataKey> {
		let sealed = self.sealed.lock().expect("unpoisoned");
		sealed.get(&(tin.clone(), version)).map(|k| DataKey::from_bytes(*k.as_bytes()))
	}

	/// Forgets the data keys this run made for `tin`: its seal was refused
	/// (another process sealed that version first, with another key).
	pub fn forget(&self, tin: &Tin) {
		self.sealed.lock().expect("unpoisoned").retain(|(t, _), _| t != tin);
	}

	/// Whether this run sealed `tin`'s `version` (its data key is known
	/// without reading the record).
	pub fn sealed(&self, tin: &Tin, version: u32) -> bool {
		self.sealed.lock().expect("unpoisoned").contains_key(&(tin.clone(), version))
	}

	/// The `Confidential.add_wraps` calls that give `missing`'s readers
	/// the data key, opened with the issuer's own wrap in `own`, each with
	/// its readers; or why the issuer cannot open it. A reader whose key
	/// cannot be wrapped for is in the second list, with why.
	pub fn share(
		&self,
		missing: &MissingWraps<AccountId>,
		own: Option<&ConfidentialView>,
	) -> Result<Shares, String> {
		let tin = &missing.tin;
		let no_wrap =
			|| t!("confidential-no-own-wrap", country = self.country.as_str(), tin = tin_text(tin));
		let known = self
			.sealed
			.lock()
			.expect("unpoisoned")
			.get(&(tin.clone(), missing.version))
			.map(|key| DataKey::from_bytes(*key.as_bytes()));
		let key = match known {
			Some(key) => key,
			None => {
				let own = own.filter(|v| v.version == missing.version).ok_or_else(no_wrap)?;
				let wrap_view = own.wrap.as_ref().ok_or_else(no_wrap)?;
				data_key(tin, own.version, wrap_view, &self.secret, &self.path)
					.map_err(|e| e.to_string())?
			}
		};
		let mut wraps = Vec::new();
		let mut refused = Vec::new();
		for (reader, public) in &missing.readers {
			if *reader == self.reader() {
				continue;
			}
			match wrap(&key, &tin.to_bytes(), missing.version, &PublicKey(*public)) {
				Ok(w) => wraps.push((reader.clone(), *public, w.0)),
				Err(e) => refused.push((reader.clone(), e.to_string())),
			}
		}
		let mut planned = Vec::new();
		for chunk in wraps.chunks(max_readers()) {
			planned.push(Planned {
				tin: tin.clone(),
				version: missing.version,
				readers: chunk.iter().map(|(r, _, _)| r.clone()).collect(),
				call: add_wraps_call(tin, missing.version, chunk.to_vec())
					.map_err(|e| e.to_string())?,
			});
		}
		Ok(Shares { calls: planned, unwrappable: refused })
	}
}

/// What sharing one record takes.
#[derive(Debug)]
pub struct Shares {
	/// The `add_wraps` calls.
	pub calls: Vec<Planned>,
	/// The readers whose key cannot be wrapped for, with why.
	pub unwrappable: Vec<(Reader, String)>,
}

/// An `add_wraps` call to send, and what it is for.
#[derive(Clone, Debug)]
pub struct Planned {
	/// The TIN.
	pub tin: Tin,
	/// The record's version.
	pub version: u32,
	/// The readers it wraps for.
	pub readers: Vec<Reader>,
	/// The call.
	pub call: RuntimeCall,
}

/// `pallet_confidential::Call` of this build's runtime.
type ConfidentialCall =
	frame_support::dispatch::CallableCallFor<cadena_runtime::Confidential, cadena_runtime::Runtime>;

/// A wrap as a call carries it: the reader, the key it was made for, the
/// wrap.
pub type WrapOf = (Reader, [u8; 32], [u8; 80]);

/// `value` as the runtime's type of the same encoding (`Sealed`, the bounded
/// wraps): the pallet's types are this build's runtime's, reached through
/// its call.
fn runtime_type<T: DecodeAll>(value: impl Encode) -> Result<T> {
	T::decode_all(&mut &value.encode()[..])
		.map_err(|e| anyhow!(t!("confidential-too-large", why = e)))
}

/// A wrap encoded as the pallet's `(Reader, WrapEntry { key, wrap })`.
type EncodedWrap = (Reader, ([u8; 32], [u8; 80]));

/// The wraps, as the pallet encodes them.
fn wraps_encoded(wraps: Vec<WrapOf>) -> Vec<EncodedWrap> {
	wraps.into_iter().map(|(reader, key, wrap)| (reader, (key, wrap))).collect()
}

/// `Confidential.seal { tin, sealed: Sealed { version, ciphertext }, wraps }`.
pub fn seal_call(
	tin: &Tin,
	version: u32,
	ciphertext: Vec<u8>,
	wraps: Vec<WrapOf>,
) -> Result<RuntimeCall> {
	Ok(ConfidentialCall::seal {
		tin: tin.to_bytes(),
		sealed: runtime_type((version, ciphertext))?,
		wraps: runtime_type(wraps_encoded(wraps))?,
	}
	.into())
}

/// One record of a `Confidential.seal_many`, encoded as the pallet's
/// `BatchRecord`: the TIN, the sealed version, and each wrap with the place
/// of its reader in the call's list.
#[derive(Clone, Debug, Encode)]
pub struct BatchSeal {
	/// The TIN, as text.
	pub tin: Vec<u8>,
	/// The version and its ciphertext.
	pub sealed: (u32, Vec<u8>),
	/// The wraps: the reader's place, the wrap.
	pub wraps: Vec<(u8, [u8; 80])>,
}

/// `Confidential.seal_many { readers, records }`.
pub fn seal_many_call(
	readers: Vec<(CountryCode, [u8; 32])>,
	records: Vec<BatchSeal>,
) -> Result<RuntimeCall> {
	Ok(ConfidentialCall::seal_many {
		readers: runtime_type(readers)?,
		records: runtime_type(records)?,
	}
	.into())
}

/// `Confidential.add_wraps { tin, version, wraps }`.
pub fn add_wraps_call(tin: &Tin, version: u32, wraps: Vec<WrapOf>) -> Result<RuntimeCall> {
	Ok(ConfidentialCall::add_wraps {
		tin: tin.to_bytes(),
		version,
		wraps: runtime_type(wraps_encoded(wraps))?,
	}
	.into())
}

/// Most wraps one call carries: the runtime's `MaxReaders`.
pub fn max_readers() -> usize {
	static MAX: OnceLock<usize> = OnceLock::new();
	*MAX.get_or_init(|| {
		let metadata = crate::chain::local_metadata();
		metadata
			.pallet_by_name("Confidential")
			.and_then(|p| p.constant_by_name("MaxReaders"))
			.and_then(|c| <u32 as codec::Decode>::decode(&mut c.value()).ok())
			.expect("the runtime declares Confidential.MaxReaders; qed") as usize
	})
}

/// What a share pass did.
#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareReport {
	/// Records that got wraps.
	pub records: usize,
	/// Wraps added.
	pub wraps: usize,
	/// Transactions sent.
	pub transactions: usize,
	/// Wraps the chain refused, or that could not be made, with why.
	pub refused: Vec<ShareRefusal>,
}

/// Wraps not added.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShareRefusal {
	/// The TIN.
	pub tin: String,
	/// The record's version.
	pub version: u32,
	/// The readers (countries or SS58 accounts); empty when the issuer
	/// cannot open the record at all.
	pub readers: Vec<String>,
	/// Why.
	pub reason: String,
}

impl ShareRefusal {
	/// Why, for whom.
	pub fn reason_text(&self) -> String {
		if self.readers.is_empty() {
			self.reason.clone()
		} else {
			t!("share-refused-for", readers = self.readers.join(", "), why = self.reason)
		}
	}

	/// In words: the record, for whom, why.
	pub fn text(&self) -> String {
		t!("share-refused", tin = self.tin, version = self.version, why = self.reason_text())
	}
}

/// The calls of one pass, in transactions of `batch` calls: which ones
/// each transaction carries.
pub fn batches(planned: &[Planned], batch: usize) -> Vec<std::ops::Range<usize>> {
	(0..planned.len()).step_by(batch.max(1)).map(|s| s..(s + batch).min(planned.len())).collect()
}

/// One pass over the issuer's records that miss wraps: each gets the
/// wraps of its entitled readers, `batch` calls to a `Utility.force_batch`
/// transaction. A call the chain refuses is reported; the others go on.
pub async fn share_pass(
	chain: &Chain,
	key: &Keypair,
	issuer: &Issuer,
	batch: usize,
) -> Result<ShareReport> {
	share_pass_of(chain, key, issuer, batch, None).await
}

/// [`share_pass`], over `only`'s record alone when given (`cadena tin
/// register` and `update`, after sealing it): the pages are read as in a
/// full pass, the other records are left to `cadena share`.
pub async fn share_pass_of(
	chain: &Chain,
	key: &Keypair,
	issuer: &Issuer,
	batch: usize,
	only: Option<&Tin>,
) -> Result<ShareReport> {
	use futures::TryStreamExt;
	use std::sync::{
		atomic::{AtomicU64, Ordering},
		Mutex,
	};
	let at = chain.finalized().await?;
	let me = issuer.reader();
	// What the pages' planning refuses; the transactions' refusals follow.
	let refused: Mutex<Vec<ShareRefusal>> = Mutex::new(Vec::new());
	let nonce = AtomicU64::new(chain.next_nonce(key).await?);
	let (at, me, refused_ref, nonce_ref) = (&at, &me, &refused, &nonce);
	// The pages, read one after the other while the transactions of the
	// earlier ones are in flight: each page, its batches of calls.
	let batches_of_pages =
		futures::stream::try_unfold(Some(None::<Tin>), move |cursor| async move {
			let Some(cursor) = cursor else { return Ok(None) };
			let mut page: MissingWrapsPage<AccountId> =
				chain.api(at, "missing_wraps", (issuer.country, &cursor, MAX_PAGE)).await?;
			if let Some(only) = only {
				page.records.retain(|m| m.tin == *only);
			}
			let found = only.is_some() && !page.records.is_empty();
			// The records this run sealed need no read: their keys are known.
			let own_views: Vec<Result<Option<ConfidentialView>>> =
				futures::stream::iter(page.records.iter().map(|m| async move {
					if issuer.sealed(&m.tin, m.version) {
						return Ok(None);
					}
					record(chain, at, &m.tin, me).await
				}))
				.buffered(CONCURRENT_READS)
				.collect()
				.await;
			let mut planned = Vec::new();
			for (missing, own) in page.records.iter().zip(own_views) {
				let refusal = |readers: Vec<String>, reason: String| ShareRefusal {
					tin: tin_text(&missing.tin),
					version: missing.version,
					readers,
					reason,
				};
				match issuer.share(missing, own?.as_ref()) {
					Err(reason) => {
						refused_ref.lock().expect("unpoisoned").push(refusal(Vec::new(), reason))
					}
					Ok(Shares { calls, unwrappable }) => {
						planned.extend(calls);
						for (reader, why) in unwrappable {
							let refusal = refusal(vec![reader_text(&reader)], why);
							refused_ref.lock().expect("unpoisoned").push(refusal);
						}
					}
				}
			}
			let transactions: Vec<Result<Vec<Planned>>> = batches(&planned, batch)
				.into_iter()
				.map(|range| Ok(planned[range].to_vec()))
				.collect();
			let next = match page.next {
				Some(next) if !found => Some(Some(next)),
				_ => None,
			};
			Ok::<_, anyhow::Error>(Some((futures::stream::iter(transactions), next)))
		})
		.try_flatten();
	// Up to `SHARE_IN_FLIGHT` transactions at once, each waited for to its
	// finalized block, reported in order.
	let sent = batches_of_pages
		.map_ok(|items: Vec<Planned>| {
			let calls = items.iter().map(|p| p.call.clone()).collect();
			let call: RuntimeCall = pallet_utility::Call::force_batch { calls }.into();
			let next = nonce_ref.fetch_add(1, Ordering::SeqCst);
			async move {
				let result = chain.submit(key, call.clone(), next).await;
				Ok::<_, anyhow::Error>((items, call, result))
			}
		})
		.try_buffered(SHARE_IN_FLIGHT);
	let mut sent = std::pin::pin!(sent);
	let mut report = ShareReport::default();
	let mut shared: BTreeSet<Tin> = BTreeSet::new();
	while let Some((items, call, result)) = sent.try_next().await? {
		let events = match result {
			Ok(events) => events,
			// Another process signing with the same key (a `share
			// --follow` beside an import) took a nonce: the transaction
			// goes again with the next free one (the same wraps again are
			// harmless).
			Err(first) => {
				let mut error = first;
				let mut attempt = 1;
				loop {
					if attempt >= SUBMIT_ATTEMPTS {
						return Err(error.context(t!("share-stopped")));
					}
					eprintln!("{}", t!("share-retrying", why = format!("{error:#}")));
					attempt += 1;
					let free = chain.next_nonce(key).await?;
					let next = nonce.fetch_max(free, Ordering::SeqCst).max(free);
					nonce.store(next + 1, Ordering::SeqCst);
					match chain.submit(key, call.clone(), next).await {
						Ok(events) => break events,
						Err(e) => error = e,
					}
				}
			}
		};
		report.transactions += 1;
		if events.items.len() != items.len() {
			bail!(t!("import-batch-mismatch", results = events.items.len(), calls = items.len()));
		}
		for (p, result) in items.iter().zip(events.items) {
			match result {
				Ok(()) => {
					report.wraps += p.readers.len();
					shared.insert(p.tin.clone());
				}
				Err(reason) => report.refused.push(ShareRefusal {
					tin: tin_text(&p.tin),
					version: p.version,
					readers: p.readers.iter().map(reader_text).collect(),
					reason,
				}),
			}
		}
	}
	let mut planning = std::mem::take(&mut *refused.lock().expect("unpoisoned"));
	planning.append(&mut report.refused);
	report.refused = planning;
	report.records = shared.len();
	Ok(report)
}

/// Blocks behind beyond which `share --follow` makes a pass rather than
/// read their events.
const FOLLOW_CATCH_UP: u64 = 100;

/// Whether an event may leave a record missing a wrap: a reader entitled
/// (an MRA in force, a member admitted or its key set, a trader's consent,
/// link or key), a record sealed, a revoked pair's wraps gone (its reader
/// may be wrapped for again), a runtime upgrade.
fn may_leave_wraps_missing(pallet: &str, event: &str) -> bool {
	matches!(pallet, "Consortium" | "Mra" | "TinRegistry")
		|| matches!(
			(pallet, event),
			("Confidential", "RecordSealed" | "RevocationDone") | ("System", "CodeUpdated")
		)
}

/// Whether the finalized blocks after `after`, up to `now`, hold an event
/// that may leave a record missing a wrap (or are too many to read).
async fn wraps_may_be_missing(chain: &Chain, after: u64, now: u64) -> Result<bool> {
	if now.saturating_sub(after) > FOLLOW_CATCH_UP {
		return Ok(true);
	}
	for number in after + 1..=now {
		let events = chain.client.at_block(number).await?.events().fetch().await?;
		for event in events.iter() {
			let event = event?;
			if may_leave_wraps_missing(event.pallet_name(), event.event_name()) {
				return Ok(true);
			}
		}
	}
	Ok(false)
}

/// Runs `cadena share`: one pass, or with `--follow` a pass whenever the
/// finalized blocks may have left wraps missing, looked at every
/// `--interval` seconds until Ctrl-C or SIGTERM. Whether every wrap was
/// added (in the last pass).
pub async fn share(chain: &Chain, args: &ShareArgs) -> Result<bool> {
	let key = args.key.keypair(&chain.chain_type().await?)?;
	let country = chain.officer(&key, &[Role::Registrar]).await?;
	let issuer = Issuer::new(chain, country, &args.encryption_key_file).await?;
	let batch = args.batch as usize;
	if !args.follow {
		let report = share_pass(chain, &key, &issuer, batch).await?;
		if args.json {
			println!("{}", serde_json::to_string_pretty(&report)?);
		} else {
			print_report(&report, false, true);
		}
		return Ok(report.refused.is_empty());
	}
	// Refusals already told are not told again in later passes.
	let mut told: BTreeSet<ShareRefusal> = BTreeSet::new();
	let mut first = true;
	// The finalized block the last pass started from, or whose events were
	// read without finding a reason for one.
	let mut seen: Option<u64> = None;
	loop {
		let looked = tokio::select! {
			looked = async {
				let now = chain.finalized().await?.block_number();
				let due = match seen {
					None => true,
					Some(after) => wraps_may_be_missing(chain, after, now).await?,
				};
				if !due {
					return Ok((now, None));
				}
				Ok::<_, anyhow::Error>((now, Some(share_pass(chain, &key, &issuer, batch).await?)))
			} => looked,
			_ = interrupted() => return Ok(true),
		};
		match looked {
			Ok((now, None)) => seen = Some(now),
			Ok((now, Some(mut report))) => {
				seen = Some(now);
				report.refused.retain(|r| told.insert(r.clone()));
				if first || report.wraps > 0 || !report.refused.is_empty() {
					print_report(&report, args.json, first);
				}
				first = false;
			}
			// A lost node or a refused transaction: said, and tried again
			// from the same block.
			Err(e) => eprintln!("{}", t!("main-error", error = format!("{e:#}"))),
		}
		tokio::select! {
			_ = tokio::time::sleep(Duration::from_secs(args.interval)) => {},
			_ = interrupted() => return Ok(true),
		}
	}
}

/// Returns on Ctrl-C or SIGTERM.
async fn interrupted() {
	#[cfg(unix)]
	if let Ok(mut term) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
	{
		tokio::select! {
			_ = tokio::signal::ctrl_c() => {},
			_ = term.recv() => {},
		}
		return;
	}
	let _ = tokio::signal::ctrl_c().await;
}

/// A pass's report: as one JSON object on a line, or in words (a pass
/// that did nothing says so only if `always`).
pub fn print_report(report: &ShareReport, json: bool, always: bool) {
	if json {
		match serde_json::to_string(report) {
			Ok(line) => println!("{line}"),
			Err(e) => eprintln!("{}", t!("main-error", error = e)),
		}
		return;
	}
	if always || report.wraps > 0 {
		println!(
			"{}",
			t!(
				"share-summary",
				wraps = report.wraps,
				records = report.records,
				transactions = report.transactions
			)
		);
	}
	for refusal in &report.refused {
		println!("  {}", refusal.text());
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use cadena_runtime_api::MissingWraps;

	fn mx() -> CountryCode {
		CountryCode::new(b"MX").unwrap()
	}

	fn cr() -> CountryCode {
		CountryCode::new(b"CR").unwrap()
	}

	fn tin() -> Tin {
		Tin::parse("MXAAA010101AAA".as_bytes()).unwrap()
	}

	fn sample() -> TraderRecord {
		TraderRecord {
			legal_name: "Exportadora Ñandú del Bajío, S.A. de C.V.".into(),
			trade_name: "Ñandú".into(),
			street: "Av. Reforma 1".into(),
			city: "Ciudad de México".into(),
			postal_code: "06600".into(),
			region: "MX-CMX".into(),
			contact_point: "Comercio exterior".into(),
			email: "aduanas@nandu.example".into(),
			phone: "+52 55 0000 0000".into(),
		}
	}

	/// A view of version `version` of `record`, wrapped for `readers`: the
	/// view of the first of them.
	fn sealed(
		record: &TraderRecord,
		version: u32,
		reader: &PublicKey,
	) -> (DataKey, ConfidentialView) {
		let (key, sealed) = record.seal("MXAAA010101AAA", version).unwrap();
		let w = wrap(&key, b"MXAAA010101AAA", version, reader).unwrap();
		let view = ConfidentialView {
			version,
			ciphertext: sealed.ciphertext,
			wrap: Some(WrapView { key: reader.0, wrap: w.0 }),
			entitled: true,
		};
		(key, view)
	}

	#[test]
	fn a_reader_is_a_country_or_an_account() {
		assert_eq!(reader("CR"), Ok(Reader::Administration(cr())));
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let Ok(Reader::Account(account)) = reader(alice) else { panic!("an account") };
		assert_eq!(account.to_ss58check(), alice);
		assert_eq!(reader_text(&Reader::Account(account)), alice);
		assert!(reader("cr").is_err());
		assert!(reader("ZZ").is_err());
		assert!(reader("5Grw")
			.unwrap_err()
			.contains("is neither a country code nor an SS58 account"));
	}

	#[test]
	fn a_follower_passes_on_what_may_entitle_a_reader_or_seal_a_record() {
		for (pallet, event) in [
			("Mra", "MraSigned"),
			("Consortium", "EncryptionKeySet"),
			("TinRegistry", "ConsentChanged"),
			("Confidential", "RecordSealed"),
			("Confidential", "RevocationDone"),
			("System", "CodeUpdated"),
		] {
			assert!(may_leave_wraps_missing(pallet, event), "{pallet}.{event}");
		}
		for (pallet, event) in [
			("Confidential", "WrapsAdded"),
			("Confidential", "WrapsRemoved"),
			("AeoCertificates", "CertificateChanged"),
			("System", "ExtrinsicSuccess"),
			("Utility", "ItemCompleted"),
		] {
			assert!(!may_leave_wraps_missing(pallet, event), "{pallet}.{event}");
		}
	}

	#[test]
	fn what_a_reader_can_do_follows_the_view() {
		assert_eq!(readable(None), Readable::NeverSealed);
		let mut view =
			ConfidentialView { version: 2, ciphertext: vec![0; 40], wrap: None, entitled: false };
		assert_eq!(readable(Some(&view)), Readable::NotEntitled);
		view.entitled = true;
		assert_eq!(readable(Some(&view)), Readable::NotShared);
		let wrap = WrapView { key: [1; 32], wrap: [2; 80] };
		view.wrap = Some(wrap.clone());
		assert_eq!(readable(Some(&view)), Readable::Wrap(&wrap));

		let unreadable = Unreadable {
			tin: "MXAAA010101AAA".into(),
			reader: "CR".into(),
			version: Some(2),
			reason: "notEntitled",
		};
		assert_eq!(
			unreadable.text(),
			"CR is not entitled to read MXAAA010101AAA's record: ciphertext only"
		);
	}

	#[test]
	fn a_record_opens_with_its_readers_key_only() {
		let secret = SecretKey::generate();
		let (_, view) = sealed(&sample(), 3, &secret.public_key());
		let path = std::path::Path::new("cr.key");
		let Readable::Wrap(w) = readable(Some(&view)) else { panic!("a wrap") };
		let key = data_key(&tin(), view.version, w, &secret, path).unwrap();
		assert_eq!(open(&view, &tin(), &key).unwrap(), sample());

		let other = SecretKey::generate();
		let error = data_key(&tin(), view.version, w, &other, path).unwrap_err().to_string();
		assert!(
			error.starts_with("the key file cr.key is not the one the wrap was made for"),
			"{error}"
		);

		let shown = Shown { tin: "MXAAA010101AAA".into(), version: 3, record: sample() };
		let json = serde_json::to_value(&shown).unwrap();
		assert_eq!(json["tin"], "MXAAA010101AAA");
		assert_eq!(json["version"], 3);
		assert_eq!(json["legalName"], sample().legal_name);
		assert_eq!(json["contactPoint"], "Comercio exterior");
	}

	#[test]
	fn the_issuer_knows_when_a_record_needs_sealing_again() {
		let secret = SecretKey::generate();
		let issuer = Issuer::of(mx(), SecretKey::from_bytes(*secret.as_bytes()));
		assert_eq!(issuer.current(&tin(), None), None);
		let (_, view) = sealed(&sample(), 4, &secret.public_key());
		assert_eq!(issuer.current(&tin(), Some(&view)), Some((4, Some(sample()))));
		// Its own wrap gone (a new key published): the content is unknown.
		let stale = ConfidentialView { wrap: None, ..view };
		assert_eq!(issuer.current(&tin(), Some(&stale)), Some((4, None)));
	}

	#[test]
	fn calls_are_the_runtimes_own() {
		let issuer = Issuer::of(mx(), SecretKey::generate());
		let call = issuer.seal(&tin(), &sample(), 1).unwrap();
		assert_eq!(crate::chain::call_name(&call), "Confidential.seal");
		let RuntimeCall::Confidential(inner) = &call else { panic!("Confidential") };
		let debug = format!("{inner:?}");
		assert!(debug.contains("version: 1"), "{debug}");
		assert!(debug.contains("Administration("), "{debug}");

		let wraps = (0..max_readers() + 1)
			.map(|_| (Reader::Administration(cr()), [3; 32], [4; 80]))
			.collect();
		assert!(add_wraps_call(&tin(), 1, wraps).is_err(), "more wraps than MaxReaders");
		let too_long = vec![0u8; 2000];
		assert!(seal_call(&tin(), 1, too_long, Vec::new()).is_err(), "more than MaxCiphertext");
	}

	#[test]
	fn what_a_run_sealed_is_shared_without_a_read_until_its_seal_is_refused() {
		let issuer = Issuer::of(mx(), SecretKey::generate());
		issuer.seal(&tin(), &sample(), 1).unwrap();
		assert!(issuer.sealed(&tin(), 1) && !issuer.sealed(&tin(), 2));
		let partner = SecretKey::generate();
		let missing = MissingWraps {
			tin: tin(),
			version: 1,
			readers: vec![(Reader::Administration(cr()), partner.public_key().0)],
		};
		// No record read: the key this run made is used.
		let Shares { calls, .. } = issuer.share(&missing, None).unwrap();
		assert_eq!(calls.len(), 1);
		// Its seal refused (another run sealed version 1 first), the key
		// is forgotten: sharing needs the record's own wrap again.
		issuer.forget(&tin());
		assert!(!issuer.sealed(&tin(), 1));
		let error = issuer.share(&missing, None).unwrap_err();
		assert!(error.contains("holds no wrap"), "{error}");
	}

	#[test]
	fn sharing_wraps_the_data_key_for_each_missing_reader() {
		let secret = SecretKey::generate();
		let issuer = Issuer::of(mx(), SecretKey::from_bytes(*secret.as_bytes()));
		let (key, own) = sealed(&sample(), 2, &secret.public_key());
		let partner = SecretKey::generate();
		let trader = SecretKey::generate();
		let account = AccountId::from([7u8; 32]);
		let missing = MissingWraps {
			tin: tin(),
			version: 2,
			readers: vec![
				(Reader::Administration(cr()), partner.public_key().0),
				(Reader::Account(account.clone()), trader.public_key().0),
				// A low-order point: no one holds its secret.
				(Reader::Administration(CountryCode::new(b"PE").unwrap()), [0; 32]),
			],
		};
		let Shares { calls: planned, unwrappable: refused } =
			issuer.share(&missing, Some(&own)).unwrap();
		assert_eq!(planned.len(), 1);
		assert_eq!(
			planned[0].readers,
			vec![Reader::Administration(cr()), Reader::Account(account)]
		);
		assert_eq!(refused.len(), 1);
		assert_eq!(crate::chain::call_name(&planned[0].call), "Confidential.add_wraps");
		// The partner opens the wrap the call carries.
		let encoded = planned[0].call.encode();
		let RuntimeCall::Confidential(inner) = &planned[0].call else { panic!() };
		let debug = format!("{inner:?}");
		assert!(debug.contains("version: 2"), "{debug}");
		let wrap_bytes = {
			// The first wrap: after the call's indexes, the TIN, the version,
			// the wraps' length and the first reader (variant and country).
			let tin_len = 1 + "MXAAA010101AAA".len();
			let start = 2 + tin_len + 4 + 1 + 1 + 2 + 32;
			<[u8; 80]>::try_from(&encoded[start..start + 80]).unwrap()
		};
		let opened = unwrap(&Wrap(wrap_bytes), b"MXAAA010101AAA", 2, &partner).unwrap();
		assert_eq!(opened.as_bytes(), key.as_bytes());

		// Without its own usable wrap, the issuer cannot share.
		let stale = ConfidentialView { wrap: None, ..own.clone() };
		let error = issuer.share(&missing, Some(&stale)).unwrap_err();
		assert!(error.contains("holds no wrap"), "{error}");
		let older = ConfidentialView { version: 1, ..own };
		assert!(issuer.share(&missing, Some(&older)).is_err());
	}

	#[test]
	fn a_pass_goes_in_transactions_of_batch_calls() {
		let issuer = Issuer::of(mx(), SecretKey::generate());
		let call = issuer.seal(&tin(), &sample(), 1).unwrap();
		let planned: Vec<Planned> = (0..250)
			.map(|_| Planned { tin: tin(), version: 1, readers: Vec::new(), call: call.clone() })
			.collect();
		assert_eq!(batches(&planned, 100), vec![0..100, 100..200, 200..250]);
		assert_eq!(batches(&planned, 250), vec![0..250]);
		assert_eq!(batches(&planned[..0], 100), Vec::<std::ops::Range<usize>>::new());
	}
}
