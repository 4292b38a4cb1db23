//! The TIN registry's commands: a Registrar's `tin register`, `update`,
//! `close`, `reopen`, `link` and `unlink`; a trader's `tin link-request`
//! (the first step of a link, signed by the trader's own key) and
//! `consent`. Each waits for finality and prints what changed; a refusal is
//! the pallet's error in words, with a non-zero exit.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use cadena_primitives::{Role, Tin};
use cadena_runtime::{AccountId, RuntimeCall};
use cadena_runtime_api::TraderView;
use clap::{Args, Subcommand};
use pallet_tin_registry::TraderData;
use serde::{Deserialize, Serialize};
use sp_core::crypto::Ss58Codec;
use subxt_signer::sr25519::Keypair;

use crate::{
	chain::{Chain, Sent, Signing},
	i18n::t,
};

/// `cadena tin …`.
#[derive(Subcommand, Debug)]
pub enum TinCommand {
	/// Register a TIN and its trader's data (a Registrar of its country).
	Register(RegisterArgs),
	/// Change an active TIN's data; what is not given stays as it is.
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
}

/// A TIN's data as options: all of them to register, the changes to update.
#[derive(Args, Debug)]
pub struct DataArgs {
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
}

/// `cadena tin register`.
#[derive(Args, Debug)]
pub struct RegisterArgs {
	/// The TIN (`MXAAA010101AAA`), of the officer's country.
	pub tin: String,
	#[command(flatten)]
	pub data: DataArgs,
	/// Whether the trader consented to share its data with MRA partners.
	#[arg(long, value_name = "yes|no", value_parser = yes_no, action = clap::ArgAction::Set)]
	pub consent: bool,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena tin update`.
#[derive(Args, Debug)]
pub struct UpdateArgs {
	/// The TIN.
	pub tin: String,
	#[command(flatten)]
	pub data: DataArgs,
	/// The trader's consent, while no account of the trader is linked (a
	/// linked trader gives or withdraws it with `cadena consent`).
	#[arg(long, value_name = "yes|no", value_parser = yes_no, action = clap::ArgAction::Set)]
	pub consent: Option<bool>,
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
	/// The TIN's record after it (before, for a dry run).
	pub trader: Option<TraderJson>,
}

/// A TIN's record, as `--json` prints it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TraderJson {
	pub tin: String,
	pub legal_name: String,
	pub trade_name: String,
	pub street: String,
	pub city: String,
	pub postal_code: String,
	pub region: String,
	pub active: bool,
	pub consent: bool,
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

fn trader_json(view: TraderView) -> TraderJson {
	TraderJson {
		tin: text(&view.tin.to_bytes()),
		legal_name: text(&view.legal_name),
		trade_name: text(&view.trade_name),
		street: text(&view.street),
		city: text(&view.city),
		postal_code: text(&view.postal_code),
		region: text(&view.region),
		active: view.active,
		consent: view.consent,
	}
}

/// The record of `tin` at the last finalized block.
async fn record(chain: &Chain, tin: &Tin) -> Result<Option<TraderView>> {
	let at = chain.finalized().await?;
	Ok(chain.traders(&at, std::slice::from_ref(tin)).await?.pop().flatten())
}

/// The data from the options, the rest from `now` (to register there is no
/// `now`: every field but the trade name must be given).
fn data(args: &DataArgs, now: Option<&TraderView>, consent: Option<bool>) -> Result<TraderData> {
	let field = |given: &Option<String>, name: &str, then: fn(&TraderView) -> &Vec<u8>| match (
		given, now,
	) {
		(Some(text), _) => Ok(text.trim().as_bytes().to_vec()),
		(None, Some(view)) => Ok(then(view).clone()),
		(None, None) if name == "--trade-name" => Ok(Vec::new()),
		(None, None) => Err(anyhow!(t!("tin-needed-to-register", option = name))),
	};
	Ok(TraderData {
		legal_name: field(&args.legal_name, "--legal-name", |v| &v.legal_name)?,
		trade_name: field(&args.trade_name, "--trade-name", |v| &v.trade_name)?,
		street: field(&args.street, "--street", |v| &v.street)?,
		city: field(&args.city, "--city", |v| &v.city)?,
		postal_code: field(&args.postal_code, "--postal-code", |v| &v.postal_code)?,
		region: field(&args.region, "--region", |v| &v.region)?,
		consent: consent.or(now.map(|v| v.consent)).unwrap_or_default(),
	})
}

/// Runs a TIN command that sends a call.
pub async fn run(chain: &Chain, command: &TinCommand) -> Result<Outcome> {
	let signing = command.signing().expect("a link request sends nothing");
	let key = signing.key.keypair(&chain.chain_type().await?)?;
	use pallet_tin_registry::Call as Registry;
	let (call, tin): (RuntimeCall, Tin) = match command {
		TinCommand::Register(a) => {
			registrar_of(chain, &key, &a.tin).await?;
			let tin = tin(&a.tin)?;
			let data = data(&a.data, None, Some(a.consent))?;
			(Registry::register { tin: tin.to_bytes(), data }.into(), tin)
		}
		TinCommand::Update(a) => {
			registrar_of(chain, &key, &a.tin).await?;
			let tin = tin(&a.tin)?;
			let now = record(chain, &tin)
				.await?
				.with_context(|| t!("tin-not-registered", tin = a.tin))?;
			let data = data(&a.data, Some(&now), a.consent)?;
			(Registry::update { tin: tin.to_bytes(), data }.into(), tin)
		}
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
		TinCommand::LinkRequest(_) => unreachable!("a link request sends nothing"),
	};
	let sent = chain.send(&key, call, signing.dry_run).await?;
	let trader = record(chain, &tin).await?.map(trader_json);
	Ok(Outcome { sent, trader })
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
	Ok(Outcome { sent, trader })
}

/// Checks, before sending, that `key` is a Registrar of `text`'s country.
async fn registrar_of(chain: &Chain, key: &Keypair, text: &str) -> Result<()> {
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
	Ok(())
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
			legal_name = t.legal_name,
			trade_name = if t.trade_name.is_empty() { "-" } else { &t.trade_name },
			street = t.street,
			postal_code = t.postal_code,
			city = t.city,
			region = t.region,
			state = if t.active { t!("tin-active") } else { t!("tin-closed") },
			consent = if t.consent { t!("tin-consent-given") } else { t!("tin-consent-withheld") }
		);
		println!("{line}");
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

	#[test]
	fn a_registration_needs_every_field_but_the_trade_name() {
		let args = DataArgs {
			legal_name: Some("Exportadora Añil".into()),
			trade_name: None,
			street: Some("Av. Reforma 1".into()),
			city: Some("Ciudad de México".into()),
			postal_code: Some("06600".into()),
			region: Some("MX-CMX".into()),
		};
		let data = data(&args, None, Some(true)).unwrap();
		assert_eq!(data.legal_name, "Exportadora Añil".as_bytes());
		assert!(data.trade_name.is_empty() && data.consent);
		let missing = DataArgs { city: None, ..args };
		assert_eq!(data_error(&missing), "--city is needed to register a TIN");
	}

	fn data_error(args: &DataArgs) -> String {
		data(args, None, None).unwrap_err().to_string()
	}
}
