//! `cadena verify` and `cadena export`: what a partner reads, at the latest
//! finalized block, in the JSON of the node's `cadena_*` RPC.

use std::{
	collections::{BTreeMap, BTreeSet},
	io::Write,
	path::{Path, PathBuf},
};

use anyhow::{Context, Result};
use cadena_envelope::TraderRecord;
use cadena_primitives::{CertificateId, CountryCode, NotRecognised, PartyRef, Tin};
use cadena_rpc::json::{certificate_json, recognition_view_json, RecognitionJson};
use cadena_runtime_api::{
	CertificateView, ConfidentialView, ReaderView, RecognisedPage, RecognitionView, MAX_PAGE,
};
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::{
	chain::{AtBlock, Chain},
	confidential,
	i18n::t,
	register::{self, aeo_type_code, date_text, roles_text},
};

/// `cadena verify`.
#[derive(Args, Debug)]
pub struct VerifyArgs {
	/// The trader's TIN (`MXAAA010101AAA`), or a partner identifier its
	/// country recorded, `CC:SCHEME:VALUE` (`MX:MID:MXAAAMAN1234GUA`).
	pub tin: String,
	/// The country asking: does it recognise this trader now?
	#[arg(long = "by", value_name = "CC")]
	pub by: String,
	/// The asking country's secret encryption key: the answer names the
	/// trader where the country may read its confidential record, and says
	/// why not where it may not.
	#[arg(long, value_name = "FILE")]
	pub encryption_key_file: Option<PathBuf>,
	/// Print the answer as JSON.
	#[arg(long)]
	pub json: bool,
}

/// The answer of `cadena verify --json`: the node RPC's recognition, with
/// the question and the block it was answered at.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VerifyJson {
	/// The TIN asked about.
	pub tin: String,
	/// The country asking.
	pub country: String,
	/// The finalized block the answer is from.
	pub block: u64,
	/// Its hash.
	pub block_hash: String,
	/// The answer.
	#[serde(flatten)]
	pub answer: RecognitionJson,
	/// The trader's legal name, when asked with a key that opens its record.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub holder_name: Option<String>,
	/// Why the asking country cannot read the trader's record, when asked
	/// with a key: `neverSealed`, `notEntitled` or `notShared`.
	#[serde(skip_serializing_if = "Option::is_none")]
	pub holder_unreadable: Option<confidential::Unreadable>,
}

/// Parses a country code argument.
pub fn country(text: &str) -> Result<CountryCode> {
	CountryCode::new(text.trim().as_bytes()).map_err(|e| {
		anyhow::anyhow!(t!("query-bad-country", text = format!("{text:?}"), why = format!("{e:?}")))
	})
}

/// Answers `cadena verify`.
pub async fn verify(chain: &Chain, args: &VerifyArgs) -> Result<VerifyJson> {
	let party = PartyRef::parse(args.tin.trim().as_bytes()).map_err(|e| {
		anyhow::anyhow!(t!(
			"query-bad-tin",
			tin = format!("{:?}", args.tin),
			why = format!("{e:?}")
		))
	})?;
	let reader = country(&args.by)?;
	let at = chain.finalized().await?;
	let tin = match party {
		PartyRef::Tin(tin) => tin,
		PartyRef::Partner { issuer, id } => {
			let found: Option<Tin> = chain.api(&at, "tin_of_partner", (issuer, id)).await?;
			found.with_context(|| t!("query-unknown-partner-id", id = args.tin.trim()))?
		}
	};
	let (holder_name, holder_unreadable) = match &args.encryption_key_file {
		Some(path) => {
			let show = confidential::ShowArgs {
				tin: String::from_utf8_lossy(&tin.to_bytes()).into_owned(),
				reader: ReaderView::Administration(reader),
				encryption_key_file: path.clone(),
				json: false,
			};
			match confidential::show(chain, &show).await? {
				confidential::ShowOutcome::Shown(shown) => (Some(shown.record.legal_name), None),
				confidential::ShowOutcome::Unreadable(why) => (None, Some(why)),
			}
		}
		None => (None, None),
	};
	let answer: RecognitionView = chain.api(&at, "tin_recognition", (&tin, reader)).await?;
	Ok(VerifyJson {
		tin: String::from_utf8_lossy(&tin.to_bytes()).into_owned(),
		country: reader.as_str().to_string(),
		block: at.block_number(),
		block_hash: format!("{:?}", at.block_hash()),
		answer: recognition_view_json(answer),
		holder_name,
		holder_unreadable,
	})
}

/// `cadena verify`'s answer in words.
pub fn verify_text(answer: &VerifyJson) -> String {
	let certificate =
		answer.answer.certificate.as_ref().map(|c| format!("{} {}", c.country, c.number));
	let mut text = if answer.answer.recognised {
		t!(
			"query-recognised",
			country = answer.country,
			tin = answer.tin,
			certificate = certificate.unwrap_or_default(),
			mra = answer.answer.mra.map(|m| m.to_string()).unwrap_or_default()
		)
	} else {
		let why = answer.answer.reason.map(reason_text).unwrap_or_else(|| t!("query-no-reason"));
		let (country, tin) = (&answer.country, &answer.tin);
		match certificate {
			Some(c) => t!(
				"query-not-recognised-certificate",
				country = country,
				tin = tin,
				certificate = c,
				why = why
			),
			None => t!("query-not-recognised", country = country, tin = tin, why = why),
		}
	};
	if let Some(until) = &answer.answer.suspended_until {
		text.push_str(&format!("\n  {}", t!("query-suspended-until", date = until.as_str())));
	}
	for line in crate::benefits::benefit_lines(&answer.answer) {
		text.push_str(&format!("\n  {line}"));
	}
	if let Some(name) = &answer.holder_name {
		text.push_str(&format!("\n  {}", t!("query-holder", name = name.as_str())));
	}
	if let Some(why) = &answer.holder_unreadable {
		text.push_str(&format!("\n  {}", why.text()));
	}
	let at = t!("query-at-block", block = answer.block, hash = answer.block_hash);
	text.push_str(&format!("\n  {at}"));
	text
}

/// Each reason of non-recognition in words.
pub fn reason_text(reason: NotRecognised) -> String {
	match reason {
		NotRecognised::UnknownCertificate => t!("query-reason-unknown-certificate"),
		NotRecognised::NoMra => t!("query-reason-no-mra"),
		NotRecognised::MraNotInForce => t!("query-reason-mra-not-in-force"),
		NotRecognised::MraSuspended => t!("query-reason-mra-suspended"),
		NotRecognised::TypeOutOfScope => t!("query-reason-type-out-of-scope"),
		NotRecognised::CertificateSuspended => t!("query-reason-certificate-suspended"),
		NotRecognised::CertificateRevoked => t!("query-reason-certificate-revoked"),
		NotRecognised::CertificateExpired => t!("query-reason-certificate-expired"),
		NotRecognised::NoConsent => t!("query-reason-no-consent"),
		NotRecognised::IssuerNotActive => t!("query-reason-issuer-not-active"),
		NotRecognised::HolderClosed => t!("query-reason-holder-closed"),
	}
}

/// Output formats of `cadena export`.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
	/// The register format of `cadena import`, with status columns.
	Csv,
	/// An array of the node RPC's certificate objects, with the holder.
	Json,
}

/// `cadena export`.
#[derive(Args, Debug)]
pub struct ExportArgs {
	/// The partner: every certificate this country recognises now.
	#[arg(long, value_name = "CC")]
	pub country: String,
	/// CSV or JSON.
	#[arg(long, value_enum, default_value = "csv")]
	pub format: Format,
	/// Write to this file instead of standard output.
	#[arg(long, short)]
	pub output: Option<PathBuf>,
	/// The partner's secret encryption key: the holders' names and
	/// addresses are its confidential records, decrypted with it where it
	/// is entitled; without it they are empty.
	#[arg(long, value_name = "FILE")]
	pub encryption_key_file: Option<PathBuf>,
}

/// Writes the certificates `--country` recognises at the latest finalized
/// block, with their holders; returns how many.
pub async fn export(chain: &Chain, args: &ExportArgs) -> Result<usize> {
	let reader = country(&args.country)?;
	// One block for every page: the export is one consistent view.
	let at = chain.finalized().await?;
	let mut certificates: Vec<CertificateView> = Vec::new();
	let mut cursor: Option<CertificateId> = None;
	loop {
		let page: RecognisedPage =
			chain.api(&at, "recognised_by", (reader, cursor.clone(), MAX_PAGE)).await?;
		certificates.extend(page.certificates);
		match page.next {
			Some(next) => cursor = Some(next),
			None => break,
		}
	}
	let holders: Vec<Tin> = certificates.iter().map(|c| c.holder.clone()).collect();
	let traders = chain.traders(&at, &holders).await?;
	let records = match &args.encryption_key_file {
		Some(path) => decrypt(chain, &at, reader, &holders, path).await?,
		None => BTreeMap::new(),
	};
	let empty = TraderRecord::default();
	let record = |tin: &Tin| records.get(tin).unwrap_or(&empty);

	let mut out: Box<dyn Write> = match &args.output {
		Some(path) => Box::new(std::io::BufWriter::new(
			std::fs::File::create(path)
				.with_context(|| t!("query-cannot-create", path = path.display()))?,
		)),
		None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
	};
	match args.format {
		Format::Json => {
			let entries: Vec<serde_json::Value> = certificates
				.into_iter()
				.zip(traders)
				.map(|(c, _)| {
					let name = record(&c.holder).legal_name.clone();
					let mut entry =
						serde_json::to_value(certificate_json(c)).expect("serialises; qed");
					entry["holderName"] = name.into();
					entry
				})
				.collect();
			serde_json::to_writer_pretty(&mut out, &entries)?;
			writeln!(out)?;
		}
		Format::Csv => {
			let mut writer = csv::Writer::from_writer(&mut out);
			let mut header: Vec<&str> = register::COLUMNS.to_vec();
			header.extend(["status", "status_since", "reason_code", "sealed_reason"]);
			writer.write_record(&header)?;
			for (c, t) in certificates.into_iter().zip(traders) {
				let consent = t.is_some_and(|t| t.consent);
				let r = record(&c.holder);
				writer.write_record([
					text(&c.holder.to_bytes()),
					cell(r.legal_name.clone()),
					cell(r.trade_name.clone()),
					cell(r.street.clone()),
					cell(r.city.clone()),
					cell(r.postal_code.clone()),
					cell(r.region.clone()),
					if consent { "yes" } else { "no" }.to_string(),
					text(&c.id.number),
					aeo_type_code(c.aeo_type).to_string(),
					roles_text(&c.roles),
					date_text(c.authorized_on),
					date_text(c.expires_on),
					format!("{:?}", c.status),
					c.status_since.to_string(),
					c.reason_code.to_string(),
					cadena_rpc::json::sealed(&c.reason).unwrap_or_default(),
				])?;
			}
			writer.flush()?;
		}
	}
	out.flush()?;
	Ok(holders.len())
}

/// Free text from another administration (names, street, city, postal
/// code, reasons), made safe for a spreadsheet: a
/// cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is a
/// formula to Excel and LibreOffice, so it gets a leading `'` (shown as
/// text, not run). OWASP's advice for CSV injection.
pub fn cell(text: String) -> String {
	if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
		format!("'{text}")
	} else {
		text
	}
}

/// The confidential records of `holders` that `reader` may read, opened
/// with its secret key; the others are told on standard error, counted.
async fn decrypt(
	chain: &Chain,
	at: &AtBlock,
	reader: CountryCode,
	holders: &[Tin],
	path: &Path,
) -> Result<BTreeMap<Tin, TraderRecord>> {
	use futures::StreamExt;
	let secret = confidential::read_secret(path)?;
	let unique: BTreeSet<&Tin> = holders.iter().collect();
	let as_reader = ReaderView::Administration(reader);
	let views: Vec<(&Tin, Result<Option<ConfidentialView>>)> =
		futures::stream::iter(unique.into_iter().map(|tin| {
			let as_reader = &as_reader;
			async move { (tin, confidential::record(chain, at, tin, as_reader).await) }
		}))
		.buffered(16)
		.collect()
		.await;
	let mut records = BTreeMap::new();
	let mut unreadable = 0;
	for (tin, view) in views {
		let view = view?;
		match confidential::readable(view.as_ref()) {
			confidential::Readable::Wrap(wrap) => {
				let view = view.as_ref().expect("a wrap is of a record; qed");
				let key = confidential::data_key(tin, view.version, wrap, &secret, path)?;
				records.insert(tin.clone(), confidential::open(view, tin, &key)?);
			}
			_ => unreadable += 1,
		}
	}
	if unreadable > 0 {
		eprintln!("{}", t!("export-unreadable", count = unreadable, country = reader.as_str()));
	}
	Ok(records)
}

fn text(bytes: &[u8]) -> String {
	String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Issue #12, fault 18: another country's free text became a formula in
	/// the export a customs officer opens in a spreadsheet.
	#[test]
	fn exported_free_text_never_starts_a_formula() {
		for formula in ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
			let safe = cell(formula.to_string());
			assert_eq!(safe, format!("'{formula}"));
		}
		for text in ["Exportadora del Norte", "fraud investigation", "1-2", ""] {
			assert_eq!(cell(text.to_string()), text);
		}
	}
}
