//! The TIN registry's commands: a Registrar's `tin register`, `update`,
//! `close`, `reopen`, `link` and `unlink`; a trader's `tin link-request`
//! (the first step of a link, signed by the trader's own key) and
//! `consent`. Each waits for finality and prints what changed; a refusal is
//! the pallet's error in words, with a non-zero exit.
//!
//! The registry holds a TIN's status and its trader's consent only: the
//! trader's names, address and contacts are its confidential record, which
//! `register` and `update` seal with the administration's encryption key
//! (src/confidential.rs, [`Issuer`]) in the same transaction, then share
//! with the readers entitled to it. Nothing of the record is sent in plain.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use cadena_envelope::TraderRecord;
use cadena_primitives::{CountryCode, Role, Tin};
use cadena_runtime::{AccountId, RuntimeCall};
use cadena_runtime_api::TraderView;
use clap::{Args, Subcommand};
use pallet_tin_registry::TraderData;
use serde::{Deserialize, Serialize};
use sp_core::crypto::Ss58Codec;
use subxt_signer::sr25519::Keypair;

use crate::{
	chain::{Chain, Sent, Signing},
	confidential::{self, Issuer, ShareReport, Shown},
	i18n::t,
};

/// Calls per transaction of the share pass that follows a seal.
const SHARE_BATCH: usize = 100;

/// `cadena tin …`.
#[derive(Subcommand, Debug)]
pub enum TinCommand {
	/// Register a TIN with its trader's consent, and seal its trader's
	/// confidential record (a Registrar of its country).
	Register(RegisterArgs),
	/// Change an active TIN's confidential record (sealed anew) or its
	/// trader's consent; what is not given stays as it is.
	Update(UpdateArgs),
	/// Close an active TIN: nobody recognises its certificates while it is
	/// closed.
	Close(TinArgs),
	/// Reopen a closed TIN.
	Reopen(TinArgs),
	/// The trader's first step of a link: sign, with the trader's own key, a
	/// request to link it to its TIN. Prints the request to give the
	/// Registrar.
	LinkRequest(LinkRequestArgs),
	/// The Registrar's second step: link the trader's account with its
	/// signed request.
	Link(LinkArgs),
	/// Unlink an account from its TIN (a Registrar, or the account itself).
	Unlink(UnlinkArgs),
	/// Record the identifiers partners' systems key a trader on, in place
	/// of those it had (a Registrar of its country): `cadena decide` and
	/// `verify` then accept `CC:SCHEME:VALUE` for it.
	PartnerIds(PartnerIdsArgs),
}

/// `cadena tin partner-ids`.
#[derive(Args, Debug)]
pub struct PartnerIdsArgs {
	/// The TIN.
	pub tin: String,
	/// An identifier as `SCHEME:VALUE` (`MID:MXAAAMAN1234GUA`); up to 4,
	/// repeat the option; none clears them.
	#[arg(long = "id", value_name = "ID")]
	pub ids: Vec<String>,
	#[command(flatten)]
	pub signing: Signing,
}

/// A trader's confidential record as options: to register, its names and
/// address (all of them but the trade name) and its contacts if known; to
/// update, the fields that change.
#[derive(Args, Debug, Default)]
pub struct RecordArgs {
	/// The legal name.
	#[arg(long)]
	pub legal_name: Option<String>,
	/// The trade name (may be empty).
	#[arg(long)]
	pub trade_name: Option<String>,
	/// Street and number.
	#[arg(long)]
	pub street: Option<String>,
	/// City.
	#[arg(long)]
	pub city: Option<String>,
	/// Postal code.
	#[arg(long)]
	pub postal_code: Option<String>,
	/// ISO 3166-2 subdivision code (`MX-CMX`), of the TIN's country.
	#[arg(long)]
	pub region: Option<String>,
	/// The person or office to contact (may be empty).
	#[arg(long)]
	pub contact_point: Option<String>,
	/// The contact e-mail address (may be empty).
	#[arg(long)]
	pub email: Option<String>,
	/// The contact telephone number (may be empty).
	#[arg(long)]
	pub phone: Option<String>,
}

/// `cadena tin register`.
#[derive(Args, Debug)]
pub struct RegisterArgs {
	/// The TIN (`MXAAA010101AAA`), of the officer's country.
	pub tin: String,
	#[command(flatten)]
	pub record: RecordArgs,
	/// Whether the trader consented to share its data with MRA partners.
	#[arg(long, value_name = "yes|no", value_parser = yes_no, action = clap::ArgAction::Set)]
	pub consent: bool,
	/// The administration's secret encryption key file (`0x` and 64 hex
	/// digits, mode 0600), the one whose public key it published: the
	/// trader's record is sealed with it, never sent in plain.
	#[arg(long, value_name = "FILE")]
	pub encryption_key_file: PathBuf,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena tin update`.
#[derive(Args, Debug)]
pub struct UpdateArgs {
	/// The TIN.
	pub tin: String,
	#[command(flatten)]
	pub record: RecordArgs,
	/// The trader's consent, while no account of the trader is linked (a
	/// linked trader gives or withdraws it with `cadena consent`).
	#[arg(long, value_name = "yes|no", value_parser = yes_no, action = clap::ArgAction::Set)]
	pub consent: Option<bool>,
	/// The administration's secret encryption key file (`0x` and 64 hex
	/// digits, mode 0600), the one whose public key it published: needed to
	/// change the record, which is opened with it, changed and sealed anew.
	/// With --consent alone, the record is then shared with the readers the
	/// consent entitles.
	#[arg(long, value_name = "FILE")]
	pub encryption_key_file: Option<PathBuf>,
	#[command(flatten)]
	pub signing: Signing,
}

/// A command on a TIN alone.
#[derive(Args, Debug)]
pub struct TinArgs {
	/// The TIN.
	pub tin: String,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena tin link-request`.
#[derive(Args, Debug)]
pub struct LinkRequestArgs {
	/// The trader's TIN.
	pub tin: String,
	/// How many blocks (about seconds) the request stays valid.
	#[arg(long, default_value_t = 86_400)]
	pub valid_for: u32,
	/// Write the request here instead of printing it.
	#[arg(long)]
	pub out: Option<PathBuf>,
	#[command(flatten)]
	pub key: crate::keys::KeyArgs,
}

/// `cadena tin link`.
#[derive(Args, Debug)]
pub struct LinkArgs {
	/// The trader's signed request, as `cadena tin link-request` wrote it.
	pub request: PathBuf,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena tin unlink`.
#[derive(Args, Debug)]
pub struct UnlinkArgs {
	/// The linked account (SS58).
	pub account: String,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena consent`: a linked trader's own choice.
#[derive(Args, Debug)]
pub struct ConsentArgs {
	/// `give` to share the trader's data with its administration's MRA
	/// partners, `withdraw` to stop it.
	#[arg(value_parser = ["give", "withdraw"])]
	pub choice: String,
	#[command(flatten)]
	pub signing: Signing,
}

/// A trader's signed request to link its account to its TIN.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LinkRequest {
	/// The TIN.
	pub tin: String,
	/// The trader's account (SS58).
	pub account: String,
	/// The last block it may be used in.
	pub valid_until: u32,
	/// The account's sr25519 signature over the request, hex.
	pub signature: String,
}

/// `yes`/`no` (and `true`/`false`, `sí`/`si`).
fn yes_no(text: &str) -> Result<bool, String> {
	match text.trim().to_lowercase().as_str() {
		"yes" | "y" | "true" | "sí" | "si" | "s" => Ok(true),
		"no" | "n" | "false" => Ok(false),
		_ => Err(t!("tin-not-yes-no", text = format!("{text:?}"))),
	}
}

/// A TIN from its text, with the reason it is not one.
pub fn tin(text: &str) -> Result<Tin> {
	Tin::parse(text.trim().as_bytes()).map_err(|e| {
		let why = crate::register::tin_error(e);
		anyhow!(t!("tin-not-a-tin", text = format!("{text:?}"), why = why))
	})
}

fn account(text: &str) -> Result<AccountId> {
	AccountId::from_ss58check(text.trim()).map_err(|e| {
		anyhow!(t!("tin-not-an-account", text = format!("{text:?}"), why = format!("{e:?}")))
	})
}

impl TinCommand {
	/// The key and output options, when the command sends a call.
	pub fn signing(&self) -> Option<&Signing> {
		match self {
			TinCommand::Register(a) => Some(&a.signing),
			TinCommand::Update(a) => Some(&a.signing),
			TinCommand::Close(a) | TinCommand::Reopen(a) => Some(&a.signing),
			TinCommand::Link(a) => Some(&a.signing),
			TinCommand::Unlink(a) => Some(&a.signing),
			TinCommand::PartnerIds(a) => Some(&a.signing),
			TinCommand::LinkRequest(_) => None,
		}
	}
}

/// What a TIN command did, as `--json` prints it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
	/// The call, its block and its events.
	#[serde(flatten)]
	pub sent: Sent,
	/// The TIN's registry record after it (before, for a dry run).
	pub trader: Option<TraderJson>,
	/// The confidential record the command sealed (would seal, for a dry
	/// run), with its version.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub record: Option<Shown>,
	/// What sharing the record with the readers entitled to it did, after
	/// the transaction (none when the command shared nothing, or sharing
	/// failed: `cadena share` does it later).
	#[serde(skip_serializing_if = "Option::is_none")]
	pub shared: Option<ShareReport>,
}

/// A TIN's registry record, as `--json` prints it: its names and address
/// are in its confidential record.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TraderJson {
	/// The TIN.
	pub tin: String,
	/// Registered and in use (not closed).
	pub active: bool,
	/// Whether the trader consents to share its data with MRA partners.
	pub consent: bool,
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn trader_json(view: TraderView) -> TraderJson {
	TraderJson { tin: text(&view.tin.to_bytes()), active: view.active, consent: view.consent }
}

/// The registry record of `tin` at the last finalized block.
async fn record(chain: &Chain, tin: &Tin) -> Result<Option<TraderView>> {
	let at = chain.finalized().await?;
	Ok(chain.traders(&at, std::slice::from_ref(tin)).await?.pop().flatten())
}

/// A field of the confidential record: its option, whether a record needs
/// it (not empty), the option's value, and the field.
type Field =
	(&'static str, bool, fn(&RecordArgs) -> &Option<String>, fn(&mut TraderRecord) -> &mut String);

fn fields() -> [Field; 9] {
	[
		("--legal-name", true, |a| &a.legal_name, |r| &mut r.legal_name),
		("--trade-name", false, |a| &a.trade_name, |r| &mut r.trade_name),
		("--street", true, |a| &a.street, |r| &mut r.street),
		("--city", true, |a| &a.city, |r| &mut r.city),
		("--postal-code", true, |a| &a.postal_code, |r| &mut r.postal_code),
		("--region", true, |a| &a.region, |r| &mut r.region),
		("--contact-point", false, |a| &a.contact_point, |r| &mut r.contact_point),
		("--email", false, |a| &a.email, |r| &mut r.email),
		("--phone", false, |a| &a.phone, |r| &mut r.phone),
	]
}

impl RecordArgs {
	/// Whether no field of the record is given.
	pub fn is_empty(&self) -> bool {
		fields().iter().all(|(_, _, given, _)| given(self).is_none())
	}
}

/// The record to seal: `base` (the record sealed now, when the issuer can
/// open it) changed by the options given. Without a base, every field a
/// record needs must be given: `needed` says so for the first one missing.
fn record_from(
	args: &RecordArgs,
	tin: &Tin,
	base: Option<TraderRecord>,
	needed: impl Fn(&str) -> String,
) -> Result<TraderRecord> {
	let from_scratch = base.is_none();
	let mut record = base.unwrap_or_default();
	for (option, required, given, field) in fields() {
		match given(args) {
			Some(value) if required && value.trim().is_empty() => {
				bail!(t!("tin-field-empty", option = option))
			}
			Some(value) => *field(&mut record) = value.trim().to_string(),
			None if required && from_scratch => bail!(needed(option)),
			None => {}
		}
	}
	if (args.region.is_some() || from_scratch)
		&& !crate::register::is_region_of(&record.region, tin)
	{
		bail!(t!(
			"tin-bad-region",
			region = format!("{:?}", record.region),
			country = tin.country.as_str()
		));
	}
	Ok(record)
}

/// `cadena tin register`: `TinRegistry.register` with the consent, and
/// `Confidential.seal` of the record's version 1 wrapped for the
/// administration, all or nothing in one `Utility.batch_all`; then the
/// record is shared with the readers entitled to it.
async fn register(chain: &Chain, key: &Keypair, args: &RegisterArgs) -> Result<Outcome> {
	let country = registrar_of(chain, key, &args.tin).await?;
	let tin = tin(&args.tin)?;
	let record = record_from(&args.record, &tin, None, |option| {
		t!("tin-needed-to-register", option = option)
	})?;
	let issuer = Issuer::new(chain, country, &args.encryption_key_file).await?;
	let data = TraderData { consent: args.consent };
	let calls = vec![
		pallet_tin_registry::Call::register { tin: tin.to_bytes(), data }.into(),
		issuer.seal(&tin, &record, 1)?,
	];
	send_and_share(chain, key, &args.signing, Some(&issuer), tin, calls, Some((1, record))).await
}

/// `cadena tin update`: the record's fields given, its next version
/// sealed (opened with the administration's own wrap, changed); the
/// consent given, `TinRegistry.update`. Both in one transaction.
async fn update(chain: &Chain, key: &Keypair, args: &UpdateArgs) -> Result<Outcome> {
	let country = registrar_of(chain, key, &args.tin).await?;
	let tin = tin(&args.tin)?;
	let changes_record = !args.record.is_empty();
	if !changes_record && args.consent.is_none() {
		bail!(t!("tin-nothing-to-update"));
	}
	if changes_record && args.encryption_key_file.is_none() {
		bail!(t!("tin-update-needs-key", tin = args.tin.trim()));
	}
	record(chain, &tin).await?.with_context(|| t!("tin-not-registered", tin = args.tin))?;
	let issuer = match &args.encryption_key_file {
		Some(path) => Some(Issuer::new(chain, country, path).await?),
		None => None,
	};
	let mut calls: Vec<RuntimeCall> = Vec::new();
	if let Some(consent) = args.consent {
		let data = TraderData { consent };
		calls.push(pallet_tin_registry::Call::update { tin: tin.to_bytes(), data }.into());
	}
	let mut sealed = None;
	if let (true, Some(issuer)) = (changes_record, &issuer) {
		let at = chain.finalized().await?;
		let view = confidential::record(chain, &at, &tin, &issuer.reader()).await?;
		let tin_text = confidential::tin_text(&tin);
		let record = match issuer.current(&tin, view.as_ref()) {
			None => record_from(&args.record, &tin, None, |option| {
				t!("tin-needed-first-seal", tin = tin_text.as_str(), option = option)
			})
			.map(|record| (1, record)),
			Some((version, None)) => record_from(&args.record, &tin, None, |option| {
				t!(
					"tin-needed-unreadable",
					country = country.as_str(),
					tin = tin_text.as_str(),
					version = version,
					option = option
				)
			})
			.map(|record| (version.saturating_add(1), record)),
			Some((version, Some(now))) => record_from(&args.record, &tin, Some(now), |_| {
				unreachable!("a record changed needs nothing more")
			})
			.map(|record| (version.saturating_add(1), record)),
		}?;
		calls.push(issuer.seal(&tin, &record.1, record.0)?);
		sealed = Some(record);
	}
	send_and_share(chain, key, &args.signing, issuer.as_ref(), tin, calls, sealed).await
}

/// Sends `calls` (more than one: all or nothing, in a `Utility.batch_all`)
/// and, when the administration's key was given, shares `tin`'s record
/// with the readers entitled to it; the outcome.
async fn send_and_share(
	chain: &Chain,
	key: &Keypair,
	signing: &Signing,
	issuer: Option<&Issuer>,
	tin: Tin,
	mut calls: Vec<RuntimeCall>,
	sealed: Option<(u32, TraderRecord)>,
) -> Result<Outcome> {
	let call = match calls.len() {
		1 => calls.remove(0),
		_ => pallet_utility::Call::batch_all { calls }.into(),
	};
	let sent = chain.send(key, call, signing.dry_run).await?;
	let shared = match issuer {
		Some(issuer) if !signing.dry_run => share(chain, key, issuer, &tin).await,
		_ => None,
	};
	let trader = record(chain, &tin).await?.map(trader_json);
	let record = sealed.map(|(version, record)| Shown {
		tin: confidential::tin_text(&tin),
		version,
		record,
	});
	Ok(Outcome { sent, trader, record, shared })
}

/// One share pass over `tin`'s record, best effort: the transaction it
/// follows is final, so a failure is told, not returned.
async fn share(chain: &Chain, key: &Keypair, issuer: &Issuer, tin: &Tin) -> Option<ShareReport> {
	match confidential::share_pass_of(chain, key, issuer, SHARE_BATCH, Some(tin)).await {
		Ok(report) => Some(report),
		Err(e) => {
			let tin = confidential::tin_text(tin);
			eprintln!("{}", t!("tin-share-failed", tin = tin, why = format!("{e:#}")));
			None
		}
	}
}

/// Runs a TIN command that sends a call.
pub async fn run(chain: &Chain, command: &TinCommand) -> Result<Outcome> {
	let signing = command.signing().expect("a link request sends nothing");
	let key = signing.key.keypair(&chain.chain_type().await?)?;
	use pallet_tin_registry::Call as Registry;
	let (call, tin): (RuntimeCall, Tin) = match command {
		TinCommand::Register(a) => return register(chain, &key, a).await,
		TinCommand::Update(a) => return update(chain, &key, a).await,
		TinCommand::Close(a) => {
			registrar_of(chain, &key, &a.tin).await?;
			let tin = tin(&a.tin)?;
			(Registry::close { tin: tin.to_bytes() }.into(), tin)
		}
		TinCommand::Reopen(a) => {
			registrar_of(chain, &key, &a.tin).await?;
			let tin = tin(&a.tin)?;
			(Registry::reopen { tin: tin.to_bytes() }.into(), tin)
		}
		TinCommand::Link(a) => {
			let request = read_request(&a.request)?;
			registrar_of(chain, &key, &request.tin).await?;
			let tin = tin(&request.tin)?;
			let signature: [u8; 64] = hex::decode(request.signature.trim_start_matches("0x"))
				.ok()
				.and_then(|b| b.try_into().ok())
				.with_context(|| t!("tin-bad-signature"))?;
			let call = Registry::link_account {
				tin: tin.to_bytes(),
				account: account(&request.account)?,
				valid_until: request.valid_until,
				signature: sp_core::sr25519::Signature::from_raw(signature).into(),
			};
			(call.into(), tin)
		}
		TinCommand::Unlink(a) => {
			let account = account(&a.account)?;
			let tin = linked_tin(chain, &account)
				.await?
				.with_context(|| t!("tin-account-not-linked", account = a.account))?;
			(Registry::unlink_account { account }.into(), tin)
		}
		TinCommand::PartnerIds(a) => {
			registrar_of(chain, &key, &a.tin).await?;
			let tin = tin(&a.tin)?;
			let ids = partner_ids(&a.ids)?;
			(Registry::set_partner_ids { tin: tin.to_bytes(), ids }.into(), tin)
		}
		TinCommand::LinkRequest(_) => unreachable!("a link request sends nothing"),
	};
	let sent = chain.send(&key, call, signing.dry_run).await?;
	let trader = record(chain, &tin).await?.map(trader_json);
	Ok(Outcome { sent, trader, record: None, shared: None })
}

/// `SCHEME:VALUE` identifiers, at most four.
fn partner_ids(texts: &[String]) -> Result<cadena_primitives::PartnerIds> {
	let ids = texts
		.iter()
		.map(|text| {
			cadena_primitives::PartnerId::parse(text.trim().as_bytes()).map_err(|e| {
				anyhow::anyhow!(t!(
					"tin-bad-partner-id",
					text = format!("{text:?}"),
					why = format!("{e:?}")
				))
			})
		})
		.collect::<Result<Vec<_>>>()?;
	let count = ids.len();
	ids.try_into().map_err(|_| anyhow::anyhow!(t!("tin-too-many-partner-ids", count = count)))
}

/// `cadena consent give|withdraw`, by the trader's linked account.
pub async fn consent(chain: &Chain, args: &ConsentArgs) -> Result<Outcome> {
	let key = args.signing.key.keypair(&chain.chain_type().await?)?;
	let me = AccountId::from(key.public_key().0);
	let Some(tin) = linked_tin(chain, &me).await? else {
		bail!(t!("tin-key-not-linked", account = me.to_ss58check()));
	};
	let call: RuntimeCall =
		pallet_tin_registry::Call::set_consent { consent: args.choice == "give" }.into();
	let sent = chain.send(&key, call, args.signing.dry_run).await?;
	let trader = record(chain, &tin).await?.map(trader_json);
	Ok(Outcome { sent, trader, record: None, shared: None })
}

/// Checks, before sending, that `key` is a Registrar of `text`'s country;
/// the country.
async fn registrar_of(chain: &Chain, key: &Keypair, text: &str) -> Result<CountryCode> {
	let country = chain.officer(key, &[Role::Registrar]).await?;
	let tin = tin(text)?;
	if tin.country != country {
		bail!(t!(
			"tin-of-other-country",
			tin = text,
			tin_country = tin.country.as_str(),
			country = country.as_str()
		));
	}
	Ok(country)
}

/// The TIN `account` is linked to.
pub(crate) async fn linked_tin(chain: &Chain, account: &AccountId) -> Result<Option<Tin>> {
	use subxt::utils::{AccountId32, Static};
	let at = chain.finalized().await?;
	let address = subxt::dynamic::storage::<(Static<AccountId32>,), Static<Tin>>(
		"TinRegistry",
		"LinkedAccounts",
	);
	let value = at
		.storage()
		.try_fetch(address, (Static(AccountId32(*account.as_ref())),))
		.await
		.with_context(|| t!("tin-no-linked-accounts"))?;
	value.map(|v| v.decode().map(|s| s.0)).transpose().with_context(|| t!("tin-linked-undecodable"))
}

/// The trader's first step: its signed request, for the Registrar.
pub async fn link_request(chain: &Chain, args: &LinkRequestArgs) -> Result<LinkRequest> {
	use subxt::utils::{AccountId32, Static};
	let key = args.key.keypair(&chain.chain_type().await?)?;
	let tin = tin(&args.tin)?;
	let account = AccountId::from(key.public_key().0);
	let at = chain.finalized().await?;
	let nonce = at
		.storage()
		.try_fetch(
			subxt::dynamic::storage::<(Static<AccountId32>,), Static<u32>>(
				"TinRegistry",
				"LinkNonces",
			),
			(Static(AccountId32(key.public_key().0)),),
		)
		.await
		.with_context(|| t!("tin-no-link-nonce"))?
		.map(|v| v.decode().map(|s| s.0))
		.transpose()
		.with_context(|| t!("tin-link-nonce-undecodable"))?
		.unwrap_or(0);
	let valid_until = (at.block_number() as u32).saturating_add(args.valid_for);
	let genesis: cadena_runtime::Hash = chain.client.genesis_hash();
	let payload = pallet_tin_registry::link_payload(&genesis, &tin, &account, nonce, valid_until);
	let signature = key.sign(&payload);
	let request = LinkRequest {
		tin: text(&tin.to_bytes()),
		account: account.to_ss58check(),
		valid_until,
		signature: format!("0x{}", hex::encode(signature.0)),
	};
	if let Some(path) = &args.out {
		std::fs::write(path, serde_json::to_string_pretty(&request)?)
			.with_context(|| t!("tin-cannot-write", path = path.display()))?;
	}
	Ok(request)
}

fn read_request(path: &PathBuf) -> Result<LinkRequest> {
	let text = std::fs::read_to_string(path)
		.with_context(|| t!("tin-cannot-read-request", path = path.display()))?;
	serde_json::from_str(&text).with_context(|| t!("tin-request-not-json", path = path.display()))
}

/// An outcome in words.
pub fn print(outcome: &Outcome) {
	outcome.sent.print();
	if let Some(t) = &outcome.trader {
		let line = t!(
			"tin-record",
			tin = t.tin,
			state = if t.active { t!("tin-active") } else { t!("tin-closed") },
			consent = if t.consent { t!("tin-consent-given") } else { t!("tin-consent-withheld") }
		);
		println!("{line}");
	}
	if let Some(shown) = &outcome.record {
		confidential::print_shown(shown);
	}
	if let Some(report) = &outcome.shared {
		confidential::print_report(report, false, false);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn yes_and_no_in_both_languages() {
		for yes in ["yes", "Y", "true", "sí", "si"] {
			assert_eq!(yes_no(yes), Ok(true), "{yes}");
		}
		for no in ["no", "N", "false"] {
			assert_eq!(yes_no(no), Ok(false), "{no}");
		}
		assert!(yes_no("maybe").is_err());
	}

	fn tin() -> Tin {
		Tin::parse(b"MXAAA010101AAA").unwrap()
	}

	fn full() -> RecordArgs {
		RecordArgs {
			legal_name: Some("Exportadora Añil".into()),
			street: Some("Av. Reforma 1".into()),
			city: Some(" Ciudad de México ".into()),
			postal_code: Some("06600".into()),
			region: Some("MX-CMX".into()),
			..Default::default()
		}
	}

	fn needed(option: &str) -> String {
		t!("tin-needed-to-register", option = option)
	}

	fn error(args: &RecordArgs, base: Option<TraderRecord>) -> String {
		record_from(args, &tin(), base, needed).unwrap_err().to_string()
	}

	#[test]
	fn a_registration_needs_every_name_and_address_field_but_the_trade_name() {
		let record = record_from(&full(), &tin(), None, needed).unwrap();
		assert_eq!(record.legal_name, "Exportadora Añil");
		assert_eq!(record.city, "Ciudad de México", "trimmed");
		assert!(record.trade_name.is_empty() && record.email.is_empty());
		assert_eq!(
			error(&RecordArgs { city: None, ..full() }, None),
			"--city is needed to register a TIN"
		);
		assert_eq!(
			error(&RecordArgs { legal_name: Some(" ".into()), ..full() }, None),
			"--legal-name may not be empty"
		);
		assert!(error(&RecordArgs { region: Some("CR-SJ".into()), ..full() }, None)
			.starts_with("--region \"CR-SJ\" is not an ISO 3166-2 subdivision code of MX"));
		assert!(!full().is_empty() && RecordArgs::default().is_empty());
		assert!(!RecordArgs { phone: Some(String::new()), ..Default::default() }.is_empty());
	}

	#[test]
	fn an_update_changes_only_the_fields_given() {
		let now = record_from(
			&RecordArgs { email: Some("aduanas@anil.example".into()), ..full() },
			&tin(),
			None,
			needed,
		)
		.unwrap();
		let city = RecordArgs { city: Some("Monterrey".into()), ..Default::default() };
		let changed = record_from(&city, &tin(), Some(now.clone()), needed).unwrap();
		assert_eq!(changed, TraderRecord { city: "Monterrey".into(), ..now.clone() });
		// An optional field may be emptied; one a record needs may not.
		let no_email = RecordArgs { email: Some(String::new()), ..Default::default() };
		assert!(record_from(&no_email, &tin(), Some(now.clone()), needed)
			.unwrap()
			.email
			.is_empty());
		let no_street = RecordArgs { street: Some(String::new()), ..Default::default() };
		assert_eq!(error(&no_street, Some(now)), "--street may not be empty");
	}
}
