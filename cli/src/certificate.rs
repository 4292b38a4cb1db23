//! An officer's certificate commands: `grant`, `amend`, `suspend`,
//! `reinstate`, `revoke`, `renew`, and `history` for anyone. The certificate is one of the
//! officer's own administration, named by its authorization number. Each
//! change waits for finality and prints what changed; a refusal is the
//! pallet's error in words, with a non-zero exit; `--dry-run` shows the
//! call and its weight without sending it.

use anyhow::{anyhow, bail, Context, Result};
use cadena_primitives::{CertificateId, Role};
use cadena_rpc::json::{certificate_json, history_json, CertificateJson, HistoryJson};
use cadena_runtime::RuntimeCall;
use cadena_runtime_api::CertificateView;
use clap::{Args, Subcommand};
use pallet_aeo_certificates::{CertificateData, NewCertificate};
use serde::Serialize;

use crate::{
	chain::{Chain, Sent, Signing},
	i18n::t,
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

/// What a certificate says about its holder: `grant` takes all of it,
/// `amend` what changes (the rest stays as the chain has it).
#[derive(Args, Debug)]
pub struct DataArgs {
	/// The holder's TIN: registered, active, of the officer's country.
	#[arg(long)]
	pub tin: Option<String>,
	/// `AEOS` (security and safety), `AEOC` (customs simplifications) or
	/// `AEOF` (both).
	#[arg(long = "type", value_name = "TYPE")]
	pub aeo_type: Option<String>,
	/// The holder's roles, `;`-separated (`exporter;importer`).
	#[arg(long)]
	pub roles: Option<String>,
	/// The date of authorization, `YYYY-MM-DD` (today or earlier; `grant`
	/// takes today when it is not given).
	#[arg(long, value_name = "DATE")]
	pub authorized_on: Option<String>,
}

/// `cadena grant`.
#[derive(Args, Debug)]
pub struct GrantArgs {
	/// The new authorization number: 1 to 35 of `A`–`Z`, `0`–`9`, `-`, `/`.
	pub number: String,
	#[command(flatten)]
	pub data: DataArgs,
	/// The expiry (or next revalidation) date, `YYYY-MM-DD`, after today.
	#[arg(long, value_name = "DATE")]
	pub expires_on: String,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena amend`.
#[derive(Args, Debug)]
pub struct AmendArgs {
	/// The authorization number (the issuing country is the officer's).
	pub number: String,
	#[command(flatten)]
	pub data: DataArgs,
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

/// The certificate commands that change a certificate.
#[derive(Subcommand, Debug)]
pub enum Change {
	/// Grant a certificate of the officer's administration, Active (an
	/// Approver).
	Grant(GrantArgs),
	/// Amend a certificate's data: holder, type, roles, date of
	/// authorization (a Registrar or an Approver).
	Amend(AmendArgs),
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
			Change::Grant(a) => &a.number,
			Change::Amend(a) => &a.number,
			Change::Suspend(a) | Change::Reinstate(a) | Change::Revoke(a) => &a.number,
			Change::Renew(a) => &a.number,
		}
	}

	/// The reason, when the change records one.
	fn common(&self) -> Option<&Common> {
		match self {
			Change::Grant(_) => None,
			Change::Amend(a) => Some(&a.common),
			Change::Suspend(a) | Change::Reinstate(a) | Change::Revoke(a) => Some(&a.common),
			Change::Renew(a) => Some(&a.common),
		}
	}

	/// The key and output options.
	pub fn signing(&self) -> &Signing {
		match (self, self.common()) {
			(_, Some(common)) => &common.signing,
			(Change::Grant(a), None) => &a.signing,
			(_, None) => unreachable!("only a grant records no reason"),
		}
	}

	/// The roles the change needs.
	fn roles(&self) -> &'static [Role] {
		match self {
			Change::Amend(_) => &[Role::Registrar, Role::Approver],
			_ => &[Role::Approver],
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
	CertificateId::new(country, number.trim().as_bytes()).map_err(|e| {
		anyhow!(t!(
			"certificate-not-a-number",
			number = format!("{number:?}"),
			why = format!("{e:?}")
		))
	})
}

/// Runs a change: the signer must be an Approver; the certificate is its
/// administration's.
pub async fn change(chain: &Chain, change: &Change) -> Result<Outcome> {
	let (number, signing) = (change.number(), change.signing());
	let key = signing.key.keypair(&chain.chain_type().await?)?;
	let country = chain.officer(&key, change.roles()).await?;
	let id = certificate_id(country, number)?;
	use pallet_aeo_certificates::Call as Aeo;
	let (code, reason) =
		change.common().map(|c| (c.code, c.reason.clone().into_bytes())).unwrap_or_default();
	let call: RuntimeCall = match change {
		Change::Grant(a) => Aeo::grant {
			certificate: NewCertificate {
				number: number.trim().as_bytes().to_vec(),
				data: data(&a.data, None)?,
				expires_on: crate::register::date("--expires-on", a.expires_on.trim())
					.map_err(|e| anyhow!(e))?,
			},
		},
		Change::Amend(a) => {
			let at = chain.finalized().await?;
			let now = chain.certificates(&at, std::slice::from_ref(&id)).await?.pop().flatten();
			let now = now.with_context(|| {
				t!("certificate-unknown", country = country.as_str(), number = number)
			})?;
			Aeo::amend { id: id.clone(), data: data(&a.data, Some(&now))?, code, reason }
		}
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
	if signing.dry_run {
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

/// A certificate's data from the options, the rest from `now` (a grant
/// has no `now`: the holder, type and roles must be given).
fn data(args: &DataArgs, now: Option<&CertificateView>) -> Result<CertificateData> {
	let given = |option: &Option<String>, name: &str| -> Result<Option<String>> {
		match (option, now) {
			(Some(text), _) => Ok(Some(text.trim().to_string())),
			(None, Some(_)) => Ok(None),
			(None, None) => bail!(t!("certificate-needed-to-grant", option = name)),
		}
	};
	let holder = match given(&args.tin, "--tin")? {
		Some(tin) => tin.into_bytes(),
		None => now.map(|c| c.holder.to_bytes()).unwrap_or_default(),
	};
	let aeo_type = match given(&args.aeo_type, "--type")? {
		Some(text) => crate::register::aeo_type(&text).map_err(|e| anyhow!(e))?,
		None => now.map(|c| c.aeo_type).expect("a grant has --type; qed"),
	};
	let roles = match given(&args.roles, "--roles")? {
		Some(text) => crate::register::roles(&text).map_err(|e| anyhow!(e))?,
		None => now.map(|c| c.roles.clone()).expect("a grant has --roles; qed"),
	};
	let authorized_on = match (&args.authorized_on, now) {
		(Some(text), _) => {
			crate::register::date("--authorized-on", text.trim()).map_err(|e| anyhow!(e))?
		}
		(None, Some(c)) => c.authorized_on,
		(None, None) => today(),
	};
	Ok(CertificateData { holder, aeo_type, roles, authorized_on })
}

/// Today (UTC), by this machine's clock.
pub fn today() -> cadena_primitives::Day {
	let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
	cadena_primitives::day_of(now.map(|d| d.as_millis() as u64).unwrap_or_default())
}

/// An outcome in words.
pub fn print(outcome: &Outcome) {
	outcome.sent.print();
	if let Some(c) = &outcome.certificate {
		let line = t!(
			"certificate-status",
			country = c.id.country,
			number = c.id.number,
			status = format!("{:?}", c.status),
			since = c.status_since.to_string(),
			expires = c.expires_on,
			code = c.reason_code.to_string(),
			reason = format!("{:?}", c.reason)
		);
		println!("{line}");
	}
}

/// A certificate's history, from the last finalized block.
pub async fn history(chain: &Chain, args: &HistoryArgs) -> Result<HistoryJson> {
	let id = certificate_id(country(&args.country)?, &args.number)?;
	let at = chain.finalized().await?;
	let history: Option<cadena_runtime_api::HistoryView<cadena_runtime::AccountId>> =
		chain.api(&at, "history", id).await?;
	let history = history
		.with_context(|| t!("certificate-unknown", country = args.country, number = args.number))?;
	Ok(history_json(history, |account| account.to_string()))
}

/// A history in words, one entry a line.
pub fn print_history(history: &HistoryJson) {
	if history.pruned > 0 {
		let pruned = t!(
			"certificate-history-pruned",
			count = history.pruned,
			digest = history.pruned_digest
		);
		println!("{pruned}");
	}
	for e in &history.entries {
		let from = e.from.map(|s| format!("{s:?} -> ")).unwrap_or_default();
		let by = e.by.clone().unwrap_or_else(|| t!("certificate-history-by-chain"));
		let line = t!(
			"certificate-history-entry",
			block = e.block.to_string(),
			change = format!("{:?} {from}{:?}", e.action, e.to),
			expires = e.expires_on,
			by = by,
			code = e.reason_code.to_string(),
			reason = format!("{:?}", e.reason)
		);
		println!("{line}");
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
