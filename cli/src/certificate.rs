//! An Approver's certificate commands: `suspend`, `reinstate`, `revoke`,
//! `renew`, and `history` for anyone. The certificate is one of the
//! officer's own administration, named by its authorization number. Each
//! change waits for finality and prints what changed; a refusal is the
//! pallet's error in words, with a non-zero exit; `--dry-run` shows the
//! call and its weight without sending it.

use anyhow::{anyhow, Context, Result};
use cadena_primitives::{CertificateId, Role};
use cadena_rpc::json::{certificate_json, history_json, CertificateJson, HistoryJson};
use cadena_runtime::RuntimeCall;
use clap::{Args, Subcommand};
use serde::Serialize;

use crate::{
	chain::{Chain, Sent, Signing},
	query::country,
};

/// What every change takes beside the certificate.
#[derive(Args, Debug)]
pub struct Common {
	/// The reason code of the administration's own list.
	#[arg(long, default_value_t = 0)]
	pub code: u16,
	/// The reason, in words.
	#[arg(long, default_value = "")]
	pub reason: String,
	#[command(flatten)]
	pub signing: Signing,
}

/// A change of a certificate's status.
#[derive(Args, Debug)]
pub struct ChangeArgs {
	/// The authorization number (the issuing country is the officer's).
	pub number: String,
	#[command(flatten)]
	pub common: Common,
}

/// `cadena renew`.
#[derive(Args, Debug)]
pub struct RenewArgs {
	/// The authorization number (the issuing country is the officer's).
	pub number: String,
	/// The new expiry date, `YYYY-MM-DD` (after today).
	#[arg(long, value_name = "DATE")]
	pub expires_on: String,
	#[command(flatten)]
	pub common: Common,
}

/// `cadena history`.
#[derive(Args, Debug)]
pub struct HistoryArgs {
	/// The issuing country (`MX`).
	#[arg(long, value_name = "CC")]
	pub country: String,
	/// The authorization number.
	pub number: String,
	/// Print the history as JSON.
	#[arg(long)]
	pub json: bool,
}

/// The certificate commands that change a status.
#[derive(Subcommand, Debug)]
pub enum Change {
	/// Suspend an Active certificate (an Approver of its administration).
	Suspend(ChangeArgs),
	/// Reinstate a Suspended certificate.
	Reinstate(ChangeArgs),
	/// Revoke a certificate, for good.
	Revoke(ChangeArgs),
	/// Renew an Active or Expired certificate until a new date.
	Renew(RenewArgs),
}

impl Change {
	/// The certificate's authorization number.
	fn number(&self) -> &str {
		match self {
			Change::Suspend(a) | Change::Reinstate(a) | Change::Revoke(a) => &a.number,
			Change::Renew(a) => &a.number,
		}
	}

	/// The reason, key and output options.
	pub fn common(&self) -> &Common {
		match self {
			Change::Suspend(a) | Change::Reinstate(a) | Change::Revoke(a) => &a.common,
			Change::Renew(a) => &a.common,
		}
	}
}

/// What a change did, as `--json` prints it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
	/// The call, its block and its events.
	#[serde(flatten)]
	pub sent: Sent,
	/// The certificate after it (before, for a dry run).
	pub certificate: Option<CertificateJson>,
}

fn certificate_id(country: cadena_primitives::CountryCode, number: &str) -> Result<CertificateId> {
	CertificateId::new(country, number.trim().as_bytes())
		.map_err(|e| anyhow!("{number:?} is not an authorization number ({e:?})"))
}

/// Runs a change: the signer must be an Approver; the certificate is its
/// administration's.
pub async fn change(chain: &Chain, change: &Change) -> Result<Outcome> {
	let (number, common) = (change.number(), change.common());
	let key = common.signing.key.keypair(&chain.chain_type().await?)?;
	let country = chain.officer(&key, &[Role::Approver]).await?;
	let id = certificate_id(country, number)?;
	use pallet_aeo_certificates::Call as Aeo;
	let (code, reason) = (common.code, common.reason.clone().into_bytes());
	let call: RuntimeCall = match change {
		Change::Suspend(_) => Aeo::suspend { id: id.clone(), code, reason },
		Change::Reinstate(_) => Aeo::reinstate { id: id.clone(), code, reason },
		Change::Revoke(_) => Aeo::revoke { id: id.clone(), code, reason },
		Change::Renew(a) => {
			let expires_on = crate::register::date("--expires-on", a.expires_on.trim())
				.map_err(|e| anyhow!(e))?;
			Aeo::renew { id: id.clone(), expires_on, code, reason }
		}
	}
	.into();
	let mut outcome = Outcome { sent: Sent::new(&call), certificate: None };
	if common.signing.dry_run {
		let at = chain.finalized().await?;
		outcome.certificate =
			chain.certificates(&at, &[id]).await?.pop().flatten().map(certificate_json);
		return Ok(outcome);
	}
	let nonce = chain.next_nonce(&key).await?;
	let (block, events) = chain.execute(&key, call, nonce).await?;
	let at = chain.finalized().await?;
	outcome.sent.block = Some(block);
	outcome.sent.events = events;
	outcome.certificate =
		chain.certificates(&at, &[id]).await?.pop().flatten().map(certificate_json);
	Ok(outcome)
}

/// An outcome in words.
pub fn print(outcome: &Outcome) {
	outcome.sent.print();
	if let Some(c) = &outcome.certificate {
		println!(
			"{}-{}: {:?} since {} ms, expires on {}, reason {} {:?}",
			c.id.country,
			c.id.number,
			c.status,
			c.status_since,
			c.expires_on,
			c.reason_code,
			c.reason
		);
	}
}

/// A certificate's history, from the last finalized block.
pub async fn history(chain: &Chain, args: &HistoryArgs) -> Result<HistoryJson> {
	let id = certificate_id(country(&args.country)?, &args.number)?;
	let at = chain.finalized().await?;
	let history: Option<cadena_runtime_api::HistoryView<cadena_runtime::AccountId>> =
		chain.api(&at, "history", id).await?;
	let history = history.with_context(|| {
		format!("{}-{} is no certificate on this chain", args.country, args.number)
	})?;
	Ok(history_json(history, |account| account.to_string()))
}

/// A history in words, one entry a line.
pub fn print_history(history: &HistoryJson) {
	if history.pruned > 0 {
		println!("({} older entries pruned, digest {})", history.pruned, history.pruned_digest);
	}
	for e in &history.entries {
		let from = e.from.map(|s| format!("{s:?} -> ")).unwrap_or_default();
		let by = e.by.as_deref().unwrap_or("the chain");
		println!(
			"block {}: {:?} {from}{:?}, expires {}, by {by}, reason {} {:?}",
			e.block, e.action, e.to, e.expires_on, e.reason_code, e.reason
		);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_call_is_named_as_the_runtime_names_it() {
		let id = CertificateId::new(cadena_primitives::CountryCode(*b"MX"), b"AEO-1").unwrap();
		let call: RuntimeCall =
			pallet_aeo_certificates::Call::suspend { id, code: 1, reason: vec![] }.into();
		assert_eq!(crate::chain::call_name(&call), "AeoCertificates.suspend");
	}
}
