//! `cadena import`: a national AEO register onto the chain, in batched
//! transactions. Each row is compared with the chain first, so running the
//! same file again changes nothing, and an interrupted import, run again,
//! goes on from where it stopped. A bad row is refused on its own, with its
//! line and reason; the good rows go on. With `--encryption-key-file`, each
//! trader's confidential record is sealed too (when new or changed), and
//! then shared with the readers entitled to it.

use std::{
	collections::{BTreeMap, BTreeSet},
	path::PathBuf,
	time::Instant,
};

use anyhow::{bail, Context, Result};
use cadena_envelope::{TraderRecord, MAX_RECORD_PLAINTEXT};
use cadena_primitives::{CertificateId, CountryCode, Role, Tin};
use cadena_runtime::RuntimeCall;
use cadena_runtime_api::{CertificateView, ConfidentialView, TraderView};
use clap::Args;
use futures::{stream::FuturesOrdered, StreamExt};
use indicatif::{ProgressBar, ProgressStyle};
use pallet_aeo_certificates::NewCertificate;
use serde::Serialize;
use subxt_signer::sr25519::Keypair;

use crate::{
	chain::{Chain, Events},
	confidential::{self, Issuer},
	i18n::t,
	keys::KeyArgs,
	register::{self, date_text, Contact, Place, Row, TraderData},
};

/// `cadena import`.
#[derive(Args, Debug)]
pub struct ImportArgs {
	/// The register: CSV, JSON if its name ends in `.json`, an Excel
	/// workbook if in `.xlsx` (docs/register-format.md).
	#[arg(long)]
	pub file: PathBuf,
	/// A CSV's separator, `,` (comma) or `;` (semicolon); by default the one
	/// its header line uses.
	#[arg(long, value_enum)]
	pub delimiter: Option<register::Delimiter>,
	/// A CSV's character encoding; by default UTF-8 if the file is valid
	/// UTF-8 (with or without a byte-order mark), else Windows-1252.
	#[arg(long, value_enum)]
	pub encoding: Option<register::Encoding>,
	/// The sheet of an `.xlsx` register; by default the first.
	#[arg(long, value_name = "NAME")]
	pub sheet: Option<String>,
	#[command(flatten)]
	pub key: KeyArgs,
	/// Most rows per transaction (at most 256): fewer when two such
	/// transactions would not fit in the signer's share of a block.
	#[arg(long, default_value_t = 256, value_parser = clap::value_parser!(u16).range(1..=256))]
	pub batch: u16,
	/// Transactions in flight at once.
	#[arg(long, default_value_t = 16, value_parser = clap::value_parser!(u16).range(1..=64))]
	pub in_flight: u16,
	/// The reason code recorded when a certificate's data is amended (the
	/// code alone: a reason's text is sealed, `cadena amend --reason`).
	#[arg(long, default_value_t = 1)]
	pub reason_code: u16,
	/// The administration's secret encryption key file (`0x` and 64 hex
	/// digits, mode 0600): with it, each trader's confidential record is
	/// sealed too, when new or changed, and then shared with the readers
	/// entitled to it (needs the Registrar role).
	#[arg(long, value_name = "FILE")]
	pub encryption_key_file: Option<PathBuf>,
	/// Print the summary as JSON.
	#[arg(long)]
	pub json: bool,
}

/// What became of a row.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Outcome {
	Created,
	Updated,
	Unchanged,
	Refused(String),
}

/// The summary.
#[derive(Debug, Default, Serialize)]
pub struct Summary {
	/// Rows read.
	pub rows: usize,
	/// Certificates granted.
	pub created: usize,
	/// Rows whose trader data or certificate data was changed.
	pub updated: usize,
	/// Rows the chain already held as they are.
	pub unchanged: usize,
	/// Rows refused, with where and why.
	pub refused: Vec<Refusal>,
	/// Transactions submitted.
	pub transactions: usize,
	/// Wall-clock seconds.
	pub seconds: f64,
	/// Confidential records sealed: new, or with other content than the
	/// chain's (with `--encryption-key-file`).
	pub sealed: usize,
	/// Wraps added afterwards for the readers entitled to the records.
	pub shared: usize,
	/// Records whose seal or wraps were not added, with where and why.
	#[serde(rename = "confidentialRefused")]
	pub confidential_refused: Vec<Refusal>,
	/// Whether the import sealed records (`--encryption-key-file`).
	#[serde(skip)]
	pub sealing: bool,
}

/// A refused row.
#[derive(Debug, Serialize)]
pub struct Refusal {
	/// `line 7` or `entry 7`.
	pub place: String,
	/// Why.
	pub reason: String,
}

/// What one transaction does for its rows.
struct Plan {
	/// The calls of the `force_batch`, in order.
	calls: Vec<RuntimeCall>,
	/// For each row, the indexes of its calls, and whether it grants.
	rows: Vec<(usize, Vec<usize>, bool)>,
	/// The rows whose certificate is in the `grant_many` call at this index;
	/// if it fails they are granted one by one, to find the culprits.
	grant_many: Option<(usize, Vec<usize>)>,
	/// The index of the `Confidential.seal_many` call of the rows' new
	/// seals, after every registration; if it fails they are sent one by
	/// one, to find the culprits.
	seal_many: Option<usize>,
	/// The seals: in the `seal_many`, or each a call of its own.
	seals: Vec<SealPlan>,
}

/// A seal in a transaction.
#[derive(Clone)]
struct SealPlan {
	/// The row it is for.
	row: usize,
	/// The index of the call it is in.
	index: usize,
	/// The record sealed.
	wanted: TraderRecord,
	/// The same seal as a `Confidential.seal` of its own.
	single: RuntimeCall,
}

/// The seals sent, and those the chain refused (told after the import,
/// unless their row was refused or the chain holds the record anyway).
#[derive(Default)]
struct Sealing {
	sealed: usize,
	refused: Vec<(SealPlan, String)>,
}

/// Runs the import; the summary, and the exit status it calls for.
pub async fn run(chain: &Chain, args: &ImportArgs) -> Result<Summary> {
	let key = args.key.keypair(&chain.chain_type().await?)?;
	let rows = register::read(
		&args.file,
		&register::Options {
			delimiter: args.delimiter,
			encoding: args.encoding,
			sheet: args.sheet.clone(),
		},
	)?;
	let country = chain.officer(&key, &[Role::Approver, Role::Registrar]).await?;
	let issuer = match &args.encryption_key_file {
		Some(path) => {
			// Sealing and sharing are a Registrar's.
			chain.officer(&key, &[Role::Registrar]).await?;
			Some(Issuer::new(chain, country, path).await?)
		}
		None => None,
	};
	// The partners a consenting trader's new record is wrapped for at once.
	let partners: Vec<(CountryCode, [u8; 32])> = match &issuer {
		Some(_) => chain.api(&chain.finalized().await?, "partners_of", country).await?,
		None => Vec::new(),
	};
	let started = Instant::now();

	let mut outcomes: Vec<Option<Outcome>> = vec![None; rows.len()];
	let mut valid = Vec::new();
	let mut seen_ids: BTreeMap<CertificateId, Place> = BTreeMap::new();
	let mut seen_tins: BTreeMap<Tin, (Place, TraderData, Contact)> = BTreeMap::new();
	let sealing = issuer.is_some();
	for (i, (place, row)) in rows.iter().enumerate() {
		let refusal = match row {
			Err(reason) => Some(reason.clone()),
			Ok(row) => check_in_file(row, *place, country, sealing, &mut seen_ids, &mut seen_tins),
		};
		match refusal {
			Some(reason) => outcomes[i] = Some(Outcome::Refused(reason)),
			None => valid.push(i),
		}
	}

	let progress = progress_bar(rows.len() as u64);
	progress.inc((rows.len() - valid.len()) as u64);
	let reason = (args.reason_code, Vec::new());
	let mut nonce = chain.next_nonce(&key).await?;
	let mut transactions = 0;
	// TINs this run registers: later rows find them as if already on chain.
	let mut registering: BTreeSet<Tin> = BTreeSet::new();
	// TINs whose record this run has sealed, or found as the file says.
	let mut sealed_tins: BTreeSet<Tin> = BTreeSet::new();
	let mut seals = Sealing::default();
	let mut pending = FuturesOrdered::new();
	let in_flight = args.in_flight as usize;
	let row = |i: usize| rows[i].1.as_ref().expect("only valid rows are planned; qed");

	let readers = if sealing { 1 + partners.len() } else { 0 };
	let per_transaction = rows_per_transaction(args.batch as usize, readers);
	for chunk in valid.chunks(per_transaction) {
		let at = chain.finalized().await?;
		let tins: Vec<Tin> = chunk.iter().map(|&i| row(i).tin.clone()).collect();
		let ids: Vec<CertificateId> = chunk.iter().map(|&i| row(i).id.clone()).collect();
		let traders = chain.traders(&at, &tins).await?;
		let certificates = chain.certificates(&at, &ids).await?;
		let records = match &issuer {
			Some(issuer) => {
				// A TIN the chain does not know has no record to read.
				let unseen: BTreeSet<Tin> = tins
					.iter()
					.zip(&traders)
					.filter(|(t, trader)| trader.is_some() && !sealed_tins.contains(*t))
					.map(|(t, _)| t.clone())
					.collect();
				own_records(chain, &at, issuer, unseen.into_iter().collect()).await?
			}
			None => BTreeMap::new(),
		};
		let mut plan = Plan {
			calls: Vec::new(),
			rows: Vec::new(),
			grant_many: None,
			seal_many: None,
			seals: Vec::new(),
		};
		let mut grants: Vec<(usize, NewCertificate)> = Vec::new();
		let mut batch = Vec::new();
		for (k, &i) in chunk.iter().enumerate() {
			let row = row(i);
			let (calls, grant) =
				match plan_row(row, &traders[k], &certificates[k], &mut registering, &reason) {
					Err(refusal) => {
						outcomes[i] = Some(Outcome::Refused(refusal));
						continue;
					}
					Ok(planned) => planned,
				};
			// The seal, if the record is new or differs: in the
			// transaction's `seal_many`, after every row's calls (which
			// register its TIN if it is new).
			let seal = match &issuer {
				Some(issuer) if sealed_tins.insert(row.tin.clone()) => {
					let wanted = record_of(row);
					let view = records.get(&row.tin).and_then(Option::as_ref);
					// The chain's consent once registered (the trader's own),
					// else the file's.
					let consent = traders[k].as_ref().map_or(row.trader.consent, |t| t.consent);
					let partners: &[_] = if consent { &partners } else { &[] };
					match seal_version(issuer.current(&row.tin, view), &wanted) {
						None => None,
						Some(version) => {
							match issuer.seal_batched(&row.tin, &wanted, version, partners) {
								Ok((batched, single)) => Some((batched, single, wanted)),
								Err(e) => {
									sealed_tins.remove(&row.tin);
									outcomes[i] = Some(Outcome::Refused(e.to_string()));
									continue;
								}
							}
						}
					}
				}
				_ => None,
			};
			if calls.is_empty() && grant.is_none() {
				outcomes[i] = Some(Outcome::Unchanged);
			} else {
				let first = plan.calls.len();
				plan.calls.extend(calls);
				let indexes = (first..plan.calls.len()).collect();
				plan.rows.push((i, indexes, grant.is_some()));
				if let Some(grant) = grant {
					grants.push((i, grant));
				}
			}
			if let Some((batched, single, wanted)) = seal {
				plan.seals.push(SealPlan { row: i, index: 0, wanted, single });
				batch.push(batched);
			}
		}
		progress.inc(chunk.len() as u64 - plan.rows.len() as u64);
		if let Some(issuer) = issuer.as_ref().filter(|_| !batch.is_empty()) {
			let index = plan.calls.len();
			plan.calls.push(confidential::seal_many_call(issuer.batch_readers(&partners), batch)?);
			plan.seal_many = Some(index);
			for seal in &mut plan.seals {
				seal.index = index;
			}
		}
		if !grants.is_empty() {
			let index = plan.calls.len();
			let (who, certificates): (Vec<usize>, Vec<NewCertificate>) = grants.into_iter().unzip();
			let granting: BTreeSet<usize> = who.iter().copied().collect();
			for entry in plan.rows.iter_mut().filter(|(i, _, _)| granting.contains(i)) {
				entry.1.push(index);
			}
			plan.calls.push(grant_many(certificates));
			plan.grant_many = Some((index, who));
		}
		if plan.calls.is_empty() {
			continue;
		}
		pending.push_back(send(chain, &key, plan, nonce));
		nonce += 1;
		transactions += 1;
		while pending.len() >= in_flight {
			let done = pending.next().await.expect("not empty; qed");
			settle(
				chain,
				&key,
				done,
				&mut outcomes,
				&mut nonce,
				&mut transactions,
				&mut seals,
				&progress,
				&rows,
			)
			.await?;
		}
	}
	while let Some(done) = pending.next().await {
		settle(
			chain,
			&key,
			done,
			&mut outcomes,
			&mut nonce,
			&mut transactions,
			&mut seals,
			&progress,
			&rows,
		)
		.await?;
	}
	progress.finish_and_clear();

	let mut summary = Summary {
		rows: rows.len(),
		transactions,
		sealed: seals.sealed,
		sealing,
		..Default::default()
	};
	if let Some(issuer) = &issuer {
		// A refused seal whose row was refused says nothing more; one whose
		// record the chain holds as the file says anyway is no refusal.
		let at = chain.finalized().await?;
		for (seal, reason) in seals.refused {
			let tin = &row(seal.row).tin;
			// The chain holds another seal (another run's) than the one this
			// run made: its data key is not the one to share.
			issuer.forget(tin);
			if matches!(outcomes[seal.row], Some(Outcome::Refused(_))) {
				continue;
			}
			let view = confidential::record(chain, &at, tin, &issuer.reader()).await?;
			if seal_version(issuer.current(tin, view.as_ref()), &seal.wanted).is_some() {
				let place = rows[seal.row].0.to_string();
				summary.confidential_refused.push(Refusal { place, reason });
			}
		}
		// Then the partners and linked accounts entitled get their wraps.
		let report = confidential::share_pass(chain, &key, issuer, args.batch as usize).await?;
		summary.shared = report.wraps;
		summary.transactions += report.transactions;
		for refused in report.refused {
			let place = refused.tin.clone();
			summary.confidential_refused.push(Refusal { place, reason: refused.reason_text() });
		}
	}
	summary.seconds = started.elapsed().as_secs_f64();
	for (i, outcome) in outcomes.into_iter().enumerate() {
		match outcome.expect("every row has an outcome; qed") {
			Outcome::Created => summary.created += 1,
			Outcome::Updated => summary.updated += 1,
			Outcome::Unchanged => summary.unchanged += 1,
			Outcome::Refused(reason) => {
				summary.refused.push(Refusal { place: rows[i].0.to_string(), reason })
			}
		}
	}
	Ok(summary)
}

/// The file's own rules: one officer's country, each certificate once,
/// one set of trader data per TIN.
fn check_in_file(
	row: &Row,
	place: Place,
	country: CountryCode,
	sealing: bool,
	seen_ids: &mut BTreeMap<CertificateId, Place>,
	seen_tins: &mut BTreeMap<Tin, (Place, TraderData, Contact)>,
) -> Option<String> {
	if row.tin.country != country {
		return Some(t!(
			"import-tin-of-other-country",
			tin = String::from_utf8_lossy(&row.tin.to_bytes()),
			tin_country = row.tin.country.as_str(),
			country = country.as_str()
		));
	}
	let region = String::from_utf8_lossy(&row.trader.region);
	if !register::is_region_of(&region, &row.tin) {
		return Some(t!(
			"register-bad-region",
			region = format!("{region:?}"),
			country = row.tin.country.as_str()
		));
	}
	if let Some(first) = seen_ids.get(&row.id) {
		return Some(t!("import-same-number", first = first));
	}
	if let Some((first, data, contact)) = seen_tins.get(&row.tin) {
		if trader_text(data) != trader_text(&row.trader) || (sealing && *contact != row.contact) {
			return Some(t!("import-tin-data-differs", first = first));
		}
	}
	if sealing {
		let length = record_of(row).to_plaintext().len();
		if length > MAX_RECORD_PLAINTEXT {
			return Some(t!("import-record-too-long", length = length, max = MAX_RECORD_PLAINTEXT));
		}
	}
	seen_ids.insert(row.id.clone(), place);
	seen_tins.entry(row.tin.clone()).or_insert((place, row.trader.clone(), row.contact.clone()));
	None
}

/// A row's confidential record: its trader's names and address, and its
/// contacts.
pub fn record_of(row: &Row) -> TraderRecord {
	let text = |bytes: &Vec<u8>| String::from_utf8_lossy(bytes).into_owned();
	let d = &row.trader;
	TraderRecord {
		legal_name: text(&d.legal_name),
		trade_name: text(&d.trade_name),
		street: text(&d.street),
		city: text(&d.city),
		postal_code: text(&d.postal_code),
		region: text(&d.region),
		contact_point: row.contact.contact_point.clone(),
		email: row.contact.email.clone(),
		phone: row.contact.phone.clone(),
	}
}

/// The version to seal, from the record the issuer holds (its version and,
/// when its own wrap opens it, its content): 1 when there is none, the
/// next when the content differs or cannot be read; none when it is the
/// wanted one.
fn seal_version(
	current: Option<(u32, Option<TraderRecord>)>,
	wanted: &TraderRecord,
) -> Option<u32> {
	match current {
		None => Some(1),
		Some((_, Some(content))) if content == *wanted => None,
		Some((version, _)) => Some(version.saturating_add(1)),
	}
}

/// The issuer's view of each of `tins`' records, read a few at a time.
async fn own_records(
	chain: &Chain,
	at: &crate::chain::AtBlock,
	issuer: &Issuer,
	tins: Vec<Tin>,
) -> Result<BTreeMap<Tin, Option<ConfidentialView>>> {
	let reader = issuer.reader();
	let views: Vec<Result<Option<ConfidentialView>>> =
		futures::stream::iter(tins.iter().map(|tin| confidential::record(chain, at, tin, &reader)))
			.buffered(16)
			.collect()
			.await;
	tins.into_iter().zip(views).map(|(tin, view)| Ok((tin, view?))).collect()
}

/// A trader's names and address, as the file gives them; the consent is
/// the trader's own once registered and is not compared.
fn trader_text(d: &TraderData) -> [&Vec<u8>; 6] {
	[&d.legal_name, &d.trade_name, &d.street, &d.city, &d.postal_code, &d.region]
}

/// Whether the chain's certificate has the row's data (not its expiry).
fn same_certificate_data(on_chain: &CertificateView, row: &Row) -> bool {
	let wanted = &row.certificate.data;
	on_chain.holder == row.tin
		&& on_chain.aeo_type == wanted.aeo_type
		&& on_chain.roles == wanted.roles
		&& on_chain.authorized_on == wanted.authorized_on
}

/// What a row needs against the chain: its calls, and the certificate to
/// grant if it is new; or why it is refused.
fn plan_row(
	row: &Row,
	trader: &Option<TraderView>,
	certificate: &Option<CertificateView>,
	registering: &mut BTreeSet<Tin>,
	(code, reason): &(u16, Vec<u8>),
) -> Result<(Vec<RuntimeCall>, Option<NewCertificate>), String> {
	let mut calls = Vec::new();
	let tin = row.tin.to_bytes();
	match trader {
		None if registering.contains(&row.tin) => {}
		None => {
			registering.insert(row.tin.clone());
			// The registry holds the consent alone; the names and address go
			// sealed (`--encryption-key-file`). The consent is the trader's
			// own to change once registered.
			let data = pallet_tin_registry::TraderData { consent: row.trader.consent };
			calls.push(pallet_tin_registry::Call::register { tin, data }.into());
		}
		Some(trader) if !trader.active => return Err(t!("import-tin-closed")),
		Some(_) => {}
	}
	let wanted = &row.certificate;
	match certificate {
		None => return Ok((calls, Some(wanted.clone()))),
		Some(on_chain) => {
			if on_chain.expires_on != wanted.expires_on {
				return Err(t!(
					"import-expiry-differs",
					chain = date_text(on_chain.expires_on),
					file = date_text(wanted.expires_on)
				));
			}
			if !same_certificate_data(on_chain, row) {
				calls.push(
					pallet_aeo_certificates::Call::amend {
						id: row.id.clone(),
						data: wanted.data.clone(),
						code: *code,
						reason: reason.clone(),
					}
					.into(),
				);
			}
		}
	}
	Ok((calls, None))
}

fn grant_many(certificates: Vec<NewCertificate>) -> RuntimeCall {
	let certificates =
		certificates.try_into().expect("--batch is at most the runtime's MaxBatch, 256; qed");
	pallet_aeo_certificates::Call::grant_many { certificates }.into()
}

/// Rows per transaction: at most `batch`, and few enough that two of the
/// import's transactions fit in the signer's share of a block
/// (`CheckMembership`): a block then carries two, not one and most of
/// another's room unused. Each row registers its TIN, seals its record
/// for `readers` (none without sealing) and grants its certificate; the
/// weights are this build's runtime's.
fn rows_per_transaction(batch: usize, readers: usize) -> usize {
	let (one, two) = (transaction_weight(1, readers), transaction_weight(2, readers));
	let per_row = two.saturating_sub(one).max(1);
	let base = one.saturating_sub(per_row);
	(room().saturating_sub(base) / per_row).clamp(1, batch as u64) as usize
}

/// Half the signer's share of a block's weight (ref time), less a
/// twentieth for a transaction's extensions.
fn room() -> u64 {
	let (share, _) = pallet_consortium::CheckMembership::<cadena_runtime::Runtime>::share();
	share.ref_time() / 2 * 19 / 20
}

/// The ref time an import transaction of `rows` new rows declares, each
/// sealed for `readers`.
fn transaction_weight(rows: usize, readers: usize) -> u64 {
	use frame_support::dispatch::GetDispatchInfo;
	let tin = Tin::parse(b"MXAAA010101AAA").expect("a TIN; qed");
	let certificate = NewCertificate {
		number: b"AEO-1".to_vec(),
		data: pallet_aeo_certificates::CertificateData {
			holder: tin.to_bytes(),
			aeo_type: cadena_primitives::AeoType::SecurityAndSafety,
			roles: Default::default(),
			authorized_on: 0,
		},
		expires_on: 0,
	};
	let mut calls = Vec::new();
	for _ in 0..rows {
		let data = pallet_tin_registry::TraderData { consent: true };
		calls.push(pallet_tin_registry::Call::register { tin: tin.to_bytes(), data }.into());
	}
	if readers > 0 {
		let readers = vec![(tin.country, [0; 32]); readers];
		let record = confidential::BatchSeal {
			tin: tin.to_bytes(),
			sealed: (1, vec![0; 300]),
			wraps: (0..readers.len()).map(|place| (place as u8, [0; 80])).collect(),
		};
		let seal = confidential::seal_many_call(readers, vec![record; rows]);
		calls.push(seal.expect("at most MaxReaders and MaxSealBatch; qed"));
	}
	calls.push(grant_many(vec![certificate; rows]));
	force_batch(calls).get_dispatch_info().total_weight().ref_time()
}

/// `seals` in runs whose own `seal` calls fit in one transaction's room
/// ([`room`]): a record sealed for many partners weighs more alone than
/// in a `seal_many`.
fn within_room(seals: &[SealPlan]) -> Vec<&[SealPlan]> {
	use frame_support::dispatch::GetDispatchInfo;
	let mut groups = Vec::new();
	let (mut start, mut used) = (0, 0u64);
	for (k, seal) in seals.iter().enumerate() {
		let weight = seal.single.get_dispatch_info().total_weight().ref_time();
		if k > start && used.saturating_add(weight) > room() {
			groups.push(&seals[start..k]);
			(start, used) = (k, 0);
		}
		used = used.saturating_add(weight);
	}
	if start < seals.len() {
		groups.push(&seals[start..]);
	}
	groups
}

fn force_batch(calls: Vec<RuntimeCall>) -> RuntimeCall {
	pallet_utility::Call::force_batch { calls }.into()
}

/// A transaction on its way, and what it was for.
async fn send(chain: &Chain, key: &Keypair, plan: Plan, nonce: u64) -> (Plan, Result<Events>) {
	let result = chain.submit(key, force_batch(plan.calls.clone()), nonce).await;
	(plan, result)
}

/// Records what a finalized transaction did to its rows. A row whose call
/// failed is read again: if the chain holds it as the file says (another
/// run's transaction landed first), it is unchanged. When only the batch
/// grant failed, its rows are granted one by one in a new transaction, so
/// each refusal names its own row.
#[allow(clippy::too_many_arguments)]
async fn settle(
	chain: &Chain,
	key: &Keypair,
	(plan, result): (Plan, Result<Events>),
	outcomes: &mut [Option<Outcome>],
	nonce: &mut u64,
	transactions: &mut usize,
	seals: &mut Sealing,
	progress: &ProgressBar,
	rows: &[(Place, Result<Row, String>)],
) -> Result<()> {
	let first = plan.rows.first().map(|(i, _, _)| *i).or(plan.seals.first().map(|s| s.row));
	let first = first.map(|i| rows[i].0);
	let events = result.with_context(|| {
		t!("import-stopped", place = first.map(|p| p.to_string()).unwrap_or_default())
	})?;
	if events.items.len() != plan.calls.len() {
		bail!(t!("import-batch-mismatch", results = events.items.len(), calls = plan.calls.len()));
	}
	if plan.seal_many.is_some_and(|index| events.items[index].is_err()) {
		// One record refused them all: each goes on its own, as many in a
		// transaction as fit.
		for group in within_room(&plan.seals) {
			let one_by_one = Plan {
				calls: group.iter().map(|seal| seal.single.clone()).collect(),
				rows: Vec::new(),
				grant_many: None,
				seal_many: None,
				seals: group
					.iter()
					.enumerate()
					.map(|(index, seal)| SealPlan { index, ..seal.clone() })
					.collect(),
			};
			let done = send(chain, key, one_by_one, *nonce).await;
			*nonce += 1;
			*transactions += 1;
			Box::pin(settle(
				chain,
				key,
				done,
				outcomes,
				nonce,
				transactions,
				seals,
				progress,
				rows,
			))
			.await?;
		}
	} else {
		for seal in &plan.seals {
			match &events.items[seal.index] {
				Ok(()) => seals.sealed += 1,
				Err(reason) => seals.refused.push((seal.clone(), reason.clone())),
			}
		}
	}
	let failed_batch = plan
		.grant_many
		.as_ref()
		.map(|(index, _)| *index)
		.filter(|index| events.items[*index].is_err());
	let mut doubtful = Vec::new();
	for (i, calls, grants) in &plan.rows {
		let own_failure = calls
			.iter()
			.filter(|c| Some(**c) != failed_batch)
			.find_map(|c| events.items[*c].clone().err());
		let in_failed_batch = failed_batch.is_some_and(|index| calls.contains(&index));
		if own_failure.is_none() && !in_failed_batch {
			outcomes[*i] = Some(if *grants { Outcome::Created } else { Outcome::Updated });
			progress.inc(1);
		} else {
			doubtful.push((*i, own_failure));
		}
	}
	if doubtful.is_empty() {
		return Ok(());
	}
	let row = |i: usize| rows[i].1.as_ref().expect("only valid rows are planned; qed");
	let at = chain.finalized().await?;
	let tins: Vec<Tin> = doubtful.iter().map(|(i, _)| row(*i).tin.clone()).collect();
	let ids: Vec<CertificateId> = doubtful.iter().map(|(i, _)| row(*i).id.clone()).collect();
	let traders = chain.traders(&at, &tins).await?;
	let certificates = chain.certificates(&at, &ids).await?;
	let mut retry = Vec::new();
	for (k, (i, own_failure)) in doubtful.into_iter().enumerate() {
		if holds(row(i), &traders[k], &certificates[k]) {
			outcomes[i] = Some(Outcome::Unchanged);
		} else if let Some(reason) = own_failure {
			outcomes[i] = Some(Outcome::Refused(reason));
		} else {
			retry.push(i);
			continue;
		}
		progress.inc(1);
	}
	if retry.is_empty() {
		return Ok(());
	}
	let calls: Vec<RuntimeCall> = retry
		.iter()
		.map(|&i| {
			pallet_aeo_certificates::Call::grant { certificate: row(i).certificate.clone() }.into()
		})
		.collect();
	let one_by_one = Plan {
		rows: retry.iter().enumerate().map(|(k, &i)| (i, vec![k], true)).collect(),
		calls,
		grant_many: None,
		seal_many: None,
		seals: Vec::new(),
	};
	let done = send(chain, key, one_by_one, *nonce).await;
	*nonce += 1;
	*transactions += 1;
	Box::pin(settle(chain, key, done, outcomes, nonce, transactions, seals, progress, rows)).await
}

/// Whether the chain holds the row as the file says.
fn holds(row: &Row, trader: &Option<TraderView>, certificate: &Option<CertificateView>) -> bool {
	let (Some(trader), Some(certificate)) = (trader, certificate) else { return false };
	trader.active
		&& same_certificate_data(certificate, row)
		&& certificate.expires_on == row.certificate.expires_on
}

fn progress_bar(rows: u64) -> ProgressBar {
	let bar = ProgressBar::new(rows);
	// indicatif's placeholders go in as the message's variables.
	let template = t!(
		"import-progress",
		spinner = "{spinner}",
		elapsed = "{elapsed_precise}",
		bar = "{wide_bar}",
		pos = "{pos}",
		len = "{len}",
		rate = "{per_sec}",
		eta = "{eta}"
	);
	let style = ProgressStyle::with_template(&template)
		.or_else(|_| {
			ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len}")
		})
		.expect("a valid template; qed");
	bar.set_style(style);
	bar
}

/// The summary in words.
pub fn print(summary: &Summary, file: &std::path::Path) {
	println!(
		"{}",
		t!(
			"import-summary",
			file = file.display(),
			rows = summary.rows,
			seconds = format!("{:.1}", summary.seconds),
			transactions = summary.transactions
		)
	);
	let mut counts = vec![
		(t!("import-created"), summary.created),
		(t!("import-updated"), summary.updated),
		(t!("import-unchanged"), summary.unchanged),
		(t!("import-refused"), summary.refused.len()),
	];
	if summary.sealing {
		counts.push((t!("import-sealed"), summary.sealed));
		counts.push((t!("import-shared"), summary.shared));
		counts.push((t!("import-confidential-refused"), summary.confidential_refused.len()));
	}
	// The counts in one column, one space after the longest word.
	let width = counts.iter().map(|(word, _)| word.chars().count()).max().unwrap_or(0) + 1;
	for (word, count) in counts {
		println!("  {word:<width$}{count:>8}");
	}
	for refusal in &summary.refused {
		println!("    {}: {}", refusal.place, refusal.reason);
	}
	if !summary.confidential_refused.is_empty() {
		println!("  {}", t!("import-confidential-refusals"));
		for refusal in &summary.confidential_refused {
			println!("    {}: {}", refusal.place, refusal.reason);
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::confidential::{max_readers, Issuer};
	use cadena_envelope::SecretKey;

	const HEADER: &str = "tin,legal_name,trade_name,street,city,postal_code,region,consent,authorization_number,aeo_type,roles,authorized_on,expires_on,contact_point,email,phone";
	const GOOD: &str = "MXAAA010101AAA,Exportadora Añil,Añil,Av. Reforma 1,Ciudad de México,06600,MX-CMX,yes,MX-AEO-1,AEOS,exporter,2025-01-15,2028-01-15,Comercio exterior,aduanas@anil.example,+52 55 0000 0000";

	fn rows(lines: &[&str]) -> Vec<Row> {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("register.csv");
		std::fs::write(&path, format!("{HEADER}\n{}\n", lines.join("\n"))).unwrap();
		register::read(&path, &register::Options::default())
			.unwrap()
			.into_iter()
			.map(|(_, row)| row.unwrap())
			.collect()
	}

	fn mx() -> CountryCode {
		CountryCode::new(b"MX").unwrap()
	}

	#[test]
	fn a_rows_record_is_its_trader_data_and_contacts() {
		let row = rows(&[GOOD]).remove(0);
		assert_eq!(
			record_of(&row),
			TraderRecord {
				legal_name: "Exportadora Añil".into(),
				trade_name: "Añil".into(),
				street: "Av. Reforma 1".into(),
				city: "Ciudad de México".into(),
				postal_code: "06600".into(),
				region: "MX-CMX".into(),
				contact_point: "Comercio exterior".into(),
				email: "aduanas@anil.example".into(),
				phone: "+52 55 0000 0000".into(),
			}
		);
	}

	#[test]
	fn a_record_is_sealed_when_new_or_changed_only() {
		let wanted = record_of(&rows(&[GOOD])[0]);
		assert_eq!(seal_version(None, &wanted), Some(1));
		assert_eq!(seal_version(Some((3, Some(wanted.clone()))), &wanted), None);
		let other = TraderRecord { phone: "+52 55 1111 1111".into(), ..wanted.clone() };
		assert_eq!(seal_version(Some((3, Some(other))), &wanted), Some(4));
		// Not readable with the administration's key: sealed again.
		assert_eq!(seal_version(Some((3, None)), &wanted), Some(4));
	}

	#[test]
	fn contacts_count_in_the_files_own_rules_only_when_sealing() {
		let second = GOOD.replace("MX-AEO-1", "MX-AEO-2").replace("+52 55 0000 0000", "+52 1");
		let rows = rows(&[GOOD, &second]);
		for (sealing, refused) in [(false, false), (true, true)] {
			let (mut ids, mut tins) = (BTreeMap::new(), BTreeMap::new());
			let first = check_in_file(&rows[0], Place::Line(2), mx(), sealing, &mut ids, &mut tins);
			assert_eq!(first, None);
			let second =
				check_in_file(&rows[1], Place::Line(3), mx(), sealing, &mut ids, &mut tins);
			assert_eq!(second.is_some(), refused, "sealing {sealing}: {second:?}");
		}
		// A record that would not fit an envelope is refused when sealing.
		let long = GOOD.replace("Comercio exterior", &"x".repeat(900));
		let row = &self::rows(&[&long])[0];
		let (mut ids, mut tins) = (BTreeMap::new(), BTreeMap::new());
		let refusal = check_in_file(row, Place::Line(2), mx(), true, &mut ids, &mut tins).unwrap();
		assert!(refusal.starts_with("the confidential record is"), "{refusal}");
		let (mut ids, mut tins) = (BTreeMap::new(), BTreeMap::new());
		assert_eq!(check_in_file(row, Place::Line(2), mx(), false, &mut ids, &mut tins), None);
	}

	#[test]
	fn a_region_not_of_the_tins_country_is_refused_after_the_country_itself() {
		let (mut ids, mut tins) = (BTreeMap::new(), BTreeMap::new());
		for (region, expected) in [("CR-SJ", "subdivision code of MX"), ("MX-cmx", "of MX")] {
			let row = &rows(&[&GOOD.replace("MX-CMX", region)])[0];
			let refusal = check_in_file(row, Place::Line(2), mx(), false, &mut ids, &mut tins);
			assert!(refusal.is_some_and(|r| r.contains(expected)), "{region}");
		}
		// A TIN of another country is told as such, whatever its region.
		let other = GOOD.replacen("MX", "CR", 1);
		let row = &rows(&[&other])[0];
		let refusal = check_in_file(row, Place::Line(2), mx(), false, &mut ids, &mut tins);
		assert!(refusal.is_some_and(|r| r.contains("is a TIN of CR")));
	}

	#[test]
	fn two_import_transactions_fill_the_signers_share_of_a_block() {
		let (share, _) = pallet_consortium::CheckMembership::<cadena_runtime::Runtime>::share();
		for readers in [0, 1, 4, 74] {
			let rows = rows_per_transaction(256, readers);
			assert!(2 * transaction_weight(rows, readers) <= share.ref_time(), "{readers}");
			assert!(rows == 256 || transaction_weight(rows + 1, readers) > room(), "{readers}");
		}
		// A record's partners are paid for once a transaction, not once a
		// row (`seal_many`): sealing for four readers still fills most of
		// one. Never more than asked.
		assert!(rows_per_transaction(256, 4) >= 200, "{}", rows_per_transaction(256, 4));
		assert_eq!(rows_per_transaction(3, 4), 3);
	}

	#[test]
	fn a_seal_goes_in_the_batch_after_its_tins_registration() {
		let row = rows(&[GOOD]).remove(0);
		let mut registering = BTreeSet::new();
		let reason = (1, b"register import".to_vec());
		let (calls, grant) = plan_row(&row, &None, &None, &mut registering, &reason).unwrap();
		assert!(grant.is_some());
		let issuer = Issuer::of(mx(), SecretKey::generate());
		let cr = (CountryCode::new(b"CR").unwrap(), SecretKey::generate().public_key().0);
		let (batched, single) = issuer.seal_batched(&row.tin, &record_of(&row), 1, &[cr]).unwrap();
		// MX's own wrap first, then CR's, by their places in the readers.
		let places: Vec<u8> = batched.wraps.iter().map(|(place, _)| *place).collect();
		assert_eq!(places, [0, 1]);
		let readers = issuer.batch_readers(&[cr]);
		assert_eq!(readers.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(), ["MX", "CR"]);
		let mut batch = calls;
		batch.push(confidential::seal_many_call(readers, vec![batched]).unwrap());
		let names: Vec<String> = batch.iter().map(crate::chain::call_name).collect();
		assert_eq!(names, ["TinRegistry.register", "Confidential.seal_many"]);
		// The same seal on its own, for when the batch is refused.
		assert_eq!(crate::chain::call_name(&single), "Confidential.seal");
		assert!(max_readers() >= 2);
	}

	#[test]
	fn seals_sent_one_by_one_go_in_as_many_transactions_as_fit() {
		let row = rows(&[GOOD]).remove(0);
		let issuer = Issuer::of(mx(), SecretKey::generate());
		let partners: Vec<(CountryCode, [u8; 32])> = cadena_primitives::ISO_3166_1_ALPHA_2
			.iter()
			.filter(|code| **code != *b"MX")
			.take(63)
			.map(|code| (CountryCode(*code), SecretKey::generate().public_key().0))
			.collect();
		let plan = |partners: &[(CountryCode, [u8; 32])]| {
			let (_, single) = issuer.seal_batched(&row.tin, &record_of(&row), 1, partners).unwrap();
			SealPlan { row: 0, index: 0, wanted: record_of(&row), single }
		};
		// Alone, a record for 64 administrations weighs far more than in a
		// batch: 256 of them take several transactions, each within room.
		let heavy = vec![plan(&partners); 256];
		let groups = within_room(&heavy);
		assert!(groups.len() > 1);
		assert_eq!(groups.iter().map(|g| g.len()).sum::<usize>(), 256);
		for group in groups {
			let calls = group.iter().map(|s| s.single.clone()).collect();
			use frame_support::dispatch::GetDispatchInfo;
			let weight = force_batch(calls).get_dispatch_info().total_weight().ref_time();
			assert!(
				weight
					<= pallet_consortium::CheckMembership::<cadena_runtime::Runtime>::share()
						.0
						.ref_time() / 2
			);
		}
		// Records for the issuer alone: one transaction.
		assert_eq!(within_room(&vec![plan(&[]); 200]).len(), 1);
	}
}
