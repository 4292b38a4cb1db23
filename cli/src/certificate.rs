//! An officer's certificate commands: `grant`, `amend`, `suspend`,
//! `reinstate`, `revoke`, `renew`, and `history` for anyone. The certificate is one of the
//! officer's own administration, named by its authorization number. Each
//! change waits for finality and prints what changed; a refusal is the
//! pallet's error in words, with a non-zero exit; `--dry-run` shows the
//! call and its weight without sending it.

use anyhow::{anyhow, bail, Context, Result};
use cadena_primitives::{CertificateId, Role, Tin};
use cadena_rpc::json::{certificate_json, history_json, CertificateJson, HistoryJson};
use cadena_runtime::RuntimeCall;
use cadena_runtime_api::CertificateView;
use clap::{Args, Subcommand};
use pallet_aeo_certificates::{CertificateData, NewCertificate};
use serde::Serialize;

use crate::{
	chain::{Chain, Sent, Signing},
	confidential::{seal_reason_for, Issuer},
	i18n::t,
	query::country,
};

/// What every change takes beside the certificate.
#[derive(Args, Debug)]
pub struct Common {
	/// The reason code of the administration's own list.
	#[arg(long, default_value_t = 0)]
	pub code: u16,
	/// The reason, in words (at most 128 bytes): sealed for the readers of
	/// the holder's record, with --encryption-key-file.
	#[arg(long, default_value = "")]
	pub reason: String,
	/// The administration's secret encryption key file (`0x` and 64 hex
	/// digits, mode 0600), to seal --reason: only the readers entitled to
	/// the holder's record can read it. When the record must be sealed
	/// again first, it is, in the same batch (a Registrar's).
	#[arg(long, value_name = "FILE")]
	pub encryption_key_file: Option<std::path::PathBuf>,
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

/// `cadena suspend`.
#[derive(Args, Debug)]
pub struct SuspendArgs {
	/// The authorization number (the issuing country is the officer's).
	pub number: String,
	/// The day the suspension is planned to end, `YYYY-MM-DD` (after
	/// today): partners see it. It stays suspended until reinstated.
	#[arg(long, value_name = "DATE")]
	pub until: Option<String>,
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
	/// Who reads the reasons: an administration by its country (`CR`), or
	/// a trader's linked account (SS58), with --encryption-key-file.
	#[arg(long, value_name = "READER", value_parser = crate::confidential::reader, requires = "encryption_key_file")]
	pub reader: Option<crate::confidential::Reader>,
	/// The reader's secret encryption key file: the reasons sealed under
	/// the holder's record's current version are opened.
	#[arg(long, value_name = "FILE", requires = "reader")]
	pub encryption_key_file: Option<std::path::PathBuf>,
	/// Print the history as JSON.
	#[arg(long)]
	pub json: bool,
}

/// `cadena history`'s answer: the history, and the reasons the reader opened.
#[derive(Debug, Serialize)]
pub struct HistoryOutcome {
	/// The history as the chain has it, each reason sealed.
	#[serde(flatten)]
	pub history: HistoryJson,
	/// Each entry's reason text as opened with --encryption-key-file:
	/// `null` where it has none, or the reader cannot open it (not
	/// entitled to the holder's record, or sealed under an earlier version).
	pub reasons: Vec<Option<String>>,
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
	/// Suspend an Active certificate (an Approver of its administration),
	/// saying when the suspension is planned to end if known.
	Suspend(SuspendArgs),
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
			Change::Suspend(a) => &a.number,
			Change::Reinstate(a) | Change::Revoke(a) => &a.number,
			Change::Renew(a) => &a.number,
		}
	}

	/// The reason, when the change records one.
	fn common(&self) -> Option<&Common> {
		match self {
			Change::Grant(_) => None,
			Change::Amend(a) => Some(&a.common),
			Change::Suspend(a) => Some(&a.common),
			Change::Reinstate(a) | Change::Revoke(a) => Some(&a.common),
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
	/// When the holder's record was sealed again for the reason: its new
	/// version's wraps for the readers entitled to it.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub shared: Option<crate::confidential::ShareReport>,
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
	let code = change.common().map(|c| c.code).unwrap_or_default();
	let mut amended = None;
	if let Change::Amend(a) = change {
		let at = chain.finalized().await?;
		let now = chain.certificates(&at, std::slice::from_ref(&id)).await?.pop().flatten();
		let now = now.with_context(|| {
			t!("certificate-unknown", country = country.as_str(), number = number)
		})?;
		amended = Some(data(&a.data, Some(&now))?);
	}
	let (reason, reseal) = match change.common() {
		Some(common) if !common.reason.is_empty() => {
			let sealed = sealed_reason(chain, country, &id, amended.as_ref(), common).await?;
			(sealed.0, sealed.1)
		}
		_ => (Vec::new(), None),
	};
	let call: RuntimeCall = match change {
		Change::Grant(a) => Aeo::grant {
			certificate: NewCertificate {
				number: number.trim().as_bytes().to_vec(),
				data: data(&a.data, None)?,
				expires_on: crate::register::date("--expires-on", a.expires_on.trim())
					.map_err(|e| anyhow!(e))?,
			},
		},
		Change::Amend(_) => Aeo::amend {
			id: id.clone(),
			data: amended.expect("read above for an amendment; qed"),
			code,
			reason,
		},
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
	// A suspension's planned end goes with it, in the same batch.
	let mut calls = vec![call];
	if let Change::Suspend(SuspendArgs { until: Some(until), .. }) = change {
		let until = crate::register::date("--until", until.trim()).map_err(|e| anyhow!(e))?;
		calls.push(Aeo::plan_suspension_end { id: id.clone(), until: Some(until) }.into());
	}
	// A record sealed again first goes in the same batch: all, or none.
	let reseal = reseal.map(|(issuer, holder, seal)| {
		calls.insert(0, seal);
		(issuer, holder)
	});
	let call = match calls.len() {
		1 => calls.pop().expect("one call; qed"),
		_ => pallet_utility::Call::batch_all { calls }.into(),
	};
	let mut outcome = Outcome { sent: Sent::new(&call), certificate: None, shared: None };
	if signing.dry_run {
		let at = chain.finalized().await?;
		outcome.certificate =
			chain.certificates(&at, &[id]).await?.pop().flatten().map(certificate_json);
		return Ok(outcome);
	}
	let nonce = chain.next_nonce(&key).await?;
	let (block, events) = chain.execute(&key, call, nonce).await?;
	if let Some((issuer, holder)) = reseal {
		// The record's new version, for the readers entitled to it.
		outcome.shared = Some(
			crate::confidential::share_pass_of(chain, &key, &issuer, 16, Some(&holder)).await?,
		);
	}
	let at = chain.finalized().await?;
	outcome.sent.block = Some(block);
	outcome.sent.events = events;
	outcome.certificate =
		chain.certificates(&at, &[id]).await?.pop().flatten().map(certificate_json);
	Ok(outcome)
}

/// What sealing a change's reason brings: its bytes, and the issuer, the
/// holder and the seal of a new version of the holder's record when one
/// must go first.
type SealedReason = (Vec<u8>, Option<(Issuer, Tin, RuntimeCall)>);

/// Seals `common.reason` for a change of certificate `id` (its holder:
/// `amended`'s, or the chain's).
async fn sealed_reason(
	chain: &Chain,
	country: cadena_primitives::CountryCode,
	id: &CertificateId,
	amended: Option<&CertificateData>,
	common: &Common,
) -> Result<SealedReason> {
	let path =
		common.encryption_key_file.as_ref().with_context(|| t!("certificate-reason-needs-key"))?;
	let issuer = Issuer::new(chain, country, path).await?;
	let at = chain.finalized().await?;
	let holder = match amended {
		Some(data) => Tin::parse(&data.holder).map_err(|e| {
			anyhow!(t!(
				"certificate-not-a-number",
				number = String::from_utf8_lossy(&data.holder),
				why = format!("{e:?}")
			))
		})?,
		None => {
			let now = chain.certificates(&at, std::slice::from_ref(id)).await?.pop().flatten();
			now.with_context(|| {
				t!(
					"certificate-unknown",
					country = country.as_str(),
					number = String::from_utf8_lossy(&id.number)
				)
			})?
			.holder
		}
	};
	let (sealed, reseal) =
		seal_reason_for(chain, &at, &issuer, id, &holder, &common.reason).await?;
	Ok((sealed, reseal.map(|call| (issuer, holder, call))))
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
	if let Some(report) = &outcome.shared {
		crate::confidential::print_report(report, false, false);
	}
	if let Some(c) = &outcome.certificate {
		let line = t!(
			"certificate-status",
			country = c.id.country,
			number = c.id.number,
			status = format!("{:?}", c.status),
			since = c.status_since.to_string(),
			expires = c.expires_on,
			code = c.reason_code.to_string(),
			reason = sealed_marker(c.sealed_reason.as_deref())
		);
		println!("{line}");
	}
}

/// What a change's reason text shows where it is not opened.
fn sealed_marker(sealed: Option<&str>) -> String {
	sealed.map(|_| t!("certificate-reason-sealed")).unwrap_or_default()
}

/// A certificate's history, from the last finalized block; with a reader
/// and its key, the reasons it may read opened.
pub async fn history(chain: &Chain, args: &HistoryArgs) -> Result<HistoryOutcome> {
	use crate::confidential::{data_key, open_reason_with, read_secret, record, Readable};
	let id = certificate_id(country(&args.country)?, &args.number)?;
	// Before anything is asked: a key file others may read is refused.
	let secret = args.encryption_key_file.as_deref().map(read_secret).transpose()?;
	let at = chain.finalized().await?;
	let history: Option<cadena_runtime_api::HistoryView<cadena_runtime::AccountId>> =
		chain.api(&at, "history", id.clone()).await?;
	let history = history
		.with_context(|| t!("certificate-unknown", country = args.country, number = args.number))?;
	let sealed: Vec<Vec<u8>> = history.entries.iter().map(|e| e.reason.clone()).collect();
	let mut reasons = vec![None; sealed.len()];
	if let (Some(reader), Some(secret), Some(path)) =
		(&args.reader, &secret, &args.encryption_key_file)
	{
		let holder = chain.certificates(&at, std::slice::from_ref(&id)).await?.pop().flatten();
		if let Some(holder) = holder.map(|c| c.holder) {
			let view = record(chain, &at, &holder, reader).await?;
			if let (Some(view), Readable::Wrap(wrap)) =
				(view.as_ref(), crate::confidential::readable(view.as_ref()))
			{
				let key = data_key(&holder, view.version, wrap, secret, path)?;
				for (reason, bytes) in reasons.iter_mut().zip(&sealed) {
					if !bytes.is_empty() {
						*reason = open_reason_with(bytes, &id, view.version, &key);
					}
				}
			}
		}
	}
	Ok(HistoryOutcome { history: history_json(history, |account| account.to_string()), reasons })
}

/// A history in words, one entry a line.
pub fn print_history(outcome: &HistoryOutcome) {
	let history = &outcome.history;
	if history.pruned > 0 {
		let pruned = t!(
			"certificate-history-pruned",
			count = history.pruned,
			digest = history.pruned_digest
		);
		println!("{pruned}");
	}
	for (e, opened) in history.entries.iter().zip(&outcome.reasons) {
		let from = e.from.map(|s| format!("{s:?} -> ")).unwrap_or_default();
		let by = e.by.clone().unwrap_or_else(|| t!("certificate-history-by-chain"));
		let line = t!(
			"certificate-history-entry",
			block = e.block.to_string(),
			change = format!("{:?} {from}{:?}", e.action, e.to),
			expires = e.expires_on,
			by = by,
			code = e.reason_code.to_string(),
			reason = match opened {
				Some(text) => format!("{text:?}"),
				None => sealed_marker(e.sealed_reason.as_deref()),
			}
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
