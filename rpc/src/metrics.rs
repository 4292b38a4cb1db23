//! CADENA's own Prometheus metrics, beside Substrate's on the node's
//! `/metrics`: the domain as of the last finalized block (certificates per
//! issuing country and status, MRAs per status) and the `cadena_*`
//! subscriptions (open, and notifications sent).
//!
//! The domain gauges are counted once in full when the node starts (the
//! certificates of every member, a thousand per runtime call), then kept by
//! each finalized block's certificate events: a change from one status to
//! another moves one certificate between two gauges. MRAs are counted again
//! in blocks that change one. The runtime calls run on a blocking thread.

use std::{
	collections::{BTreeMap, BTreeSet},
	sync::Arc,
};

use cadena_primitives::{
	AuthorizationNumber, CertificateId, CertificateStatus, CountryCode, MraStatus,
	ISO_3166_1_ALPHA_2,
};
use cadena_runtime_api::{CadenaApi, MAX_PAGE};
use futures::StreamExt;
use prometheus_endpoint::{register, CounterVec, GaugeVec, Opts, PrometheusError, Registry, U64};
use sp_api::ApiError;
use sp_core::H256;

/// The metrics, registered on the node's registry.
#[derive(Clone)]
pub struct Metrics {
	/// `cadena_certificates{country, status}`.
	certificates: GaugeVec<U64>,
	/// `cadena_mras{status}`.
	mras: GaugeVec<U64>,
	/// `cadena_metrics_block`: the finalized block the domain gauges describe.
	block: GaugeVec<U64>,
	/// `cadena_rpc_subscriptions{kind}`: open `cadena_subscribe*` subscriptions.
	pub(crate) subscriptions: GaugeVec<U64>,
	/// `cadena_rpc_notifications_total{kind}`: notifications sent.
	pub(crate) notifications: CounterVec<U64>,
}

impl Metrics {
	/// Registers CADENA's metrics on `registry`.
	pub fn register(registry: &Registry) -> Result<Self, PrometheusError> {
		Ok(Self {
			certificates: register(
				GaugeVec::new(
					Opts::new(
						"cadena_certificates",
						"Certificates at the last finalized block, by issuing country and status",
					),
					&["country", "status"],
				)?,
				registry,
			)?,
			mras: register(
				GaugeVec::new(
					Opts::new("cadena_mras", "MRAs at the last finalized block, by status"),
					&["status"],
				)?,
				registry,
			)?,
			block: register(
				GaugeVec::new(
					Opts::new(
						"cadena_metrics_block",
						"The finalized block CADENA's domain metrics describe",
					),
					&["status"],
				)?,
				registry,
			)?,
			subscriptions: register(
				GaugeVec::new(
					Opts::new("cadena_rpc_subscriptions", "Open cadena_* subscriptions, by kind"),
					&["kind"],
				)?,
				registry,
			)?,
			notifications: register(
				CounterVec::new(
					Opts::new(
						"cadena_rpc_notifications_total",
						"Notifications sent to cadena_* subscribers, by kind",
					),
					&["kind"],
				)?,
				registry,
			)?,
		})
	}

	fn set_counts(&self, counts: &Counts) {
		self.certificates.reset();
		for ((country, status), count) in &counts.certificates {
			self.certificates
				.with_label_values(&[country.as_str(), status_name(*status)])
				.set(*count);
		}
		self.mras.reset();
		for (status, count) in &counts.mras {
			self.mras.with_label_values(&[status]).set(*count);
		}
		self.block.with_label_values(&["finalized"]).set(counts.block as u64);
	}
}

/// A certificate status as the metrics label it.
pub fn status_name(status: CertificateStatus) -> &'static str {
	match status {
		CertificateStatus::Active => "Active",
		CertificateStatus::Suspended => "Suspended",
		CertificateStatus::Revoked => "Revoked",
		CertificateStatus::Expired => "Expired",
	}
}

/// An MRA status as the metrics label it.
pub fn mra_status_name(status: MraStatus) -> &'static str {
	match status {
		MraStatus::Proposed => "Proposed",
		MraStatus::InForce => "InForce",
		MraStatus::Suspended => "Suspended",
		MraStatus::Terminated => "Terminated",
	}
}

/// What the domain gauges show.
#[derive(Default, Debug, PartialEq)]
struct Counts {
	certificates: BTreeMap<(CountryCode, CertificateStatus), u64>,
	/// By status name.
	mras: BTreeMap<&'static str, u64>,
	/// The countries whose MRAs are counted.
	countries: BTreeSet<CountryCode>,
	block: u32,
}

impl Counts {
	/// One certificate moves from `from` (none when granted) to `to`.
	fn apply(
		&mut self,
		country: CountryCode,
		from: Option<CertificateStatus>,
		to: CertificateStatus,
	) {
		if let Some(from) = from {
			let count = self.certificates.entry((country, from)).or_default();
			*count = count.saturating_sub(1);
		}
		*self.certificates.entry((country, to)).or_default() += 1;
	}
}

/// Counts everything at `hash`: every member's certificates and MRAs.
fn count_all<C>(client: &C, hash: H256, block: u32) -> Result<Counts, ApiError>
where
	C: crate::ApiClient,
{
	let api = client.runtime_api();
	let mut counts = Counts { block, ..Default::default() };
	for code in ISO_3166_1_ALPHA_2.iter() {
		let country = CountryCode(*code);
		if api.member(hash, country)?.is_none() {
			continue;
		}
		counts.countries.insert(country);
		let mut cursor: Option<AuthorizationNumber> = None;
		loop {
			let (numbers, next) = api.certificates_issued_by(hash, country, cursor, MAX_PAGE)?;
			let ids = numbers.into_iter().map(|number| CertificateId { country, number }).collect();
			for view in client.runtime_api().certificates(hash, ids)?.into_iter().flatten() {
				*counts.certificates.entry((country, view.status)).or_default() += 1;
			}
			match next {
				Some(next) => cursor = Some(next),
				None => break,
			}
		}
	}
	count_mras(client, hash, &mut counts)?;
	Ok(counts)
}

/// Counts the MRAs of the known countries again.
fn count_mras<C>(client: &C, hash: H256, counts: &mut Counts) -> Result<(), ApiError>
where
	C: crate::ApiClient,
{
	let api = client.runtime_api();
	let mut seen = BTreeMap::new();
	for country in &counts.countries {
		for mra in api.mras_of(hash, *country)? {
			seen.insert(mra.id, mra.status);
		}
	}
	counts.mras = BTreeMap::new();
	for status in seen.into_values() {
		*counts.mras.entry(mra_status_name(status)).or_default() += 1;
	}
	Ok(())
}

/// Brings `counts` to block `number` (`hash`) by its events.
fn advance<C>(client: &C, counts: &mut Counts, hash: H256, number: u32) -> Result<(), ApiError>
where
	C: crate::ApiClient,
{
	let changes = client.runtime_api().block_changes(hash)?;
	for change in &changes.certificates {
		counts.apply(change.id.country, change.from, change.to);
	}
	if !changes.mras.is_empty() {
		counts.countries.extend(changes.mras.iter().flat_map(|parties| parties.iter().copied()));
		count_mras(client, hash, counts)?;
	}
	counts.block = number;
	Ok(())
}

/// Keeps the domain gauges at the last finalized block, for as long as the
/// node runs. A block it cannot read (pruned while it waited) makes it count
/// everything again at the next.
pub async fn follow<C>(client: Arc<C>, metrics: Metrics)
where
	C: crate::Client,
{
	let mut finality = client.finality_notification_stream();
	let mut counts: Option<Counts> = None;
	loop {
		let client = client.clone();
		let previous = counts.take();
		let result = tokio::task::spawn_blocking(move || {
			let info = client.info();
			let (hash, number) = (info.finalized_hash, info.finalized_number);
			match previous {
				Some(mut counts) if counts.block < number => {
					for n in counts.block + 1..=number {
						let Ok(Some(at)) = client.hash(n) else {
							return count_all(&*client, hash, number);
						};
						advance(&*client, &mut counts, at, n)?;
					}
					Ok(counts)
				}
				Some(counts) => Ok(counts),
				None => count_all(&*client, hash, number),
			}
		})
		.await;
		match result {
			Ok(Ok(new)) => {
				metrics.set_counts(&new);
				counts = Some(new);
			}
			Ok(Err(e)) => log::warn!(target: "cadena-metrics", "counting again: {e}"),
			Err(e) => log::warn!(target: "cadena-metrics", "counting again: {e}"),
		}
		// Many finalized blocks at once are one step.
		if finality.next().await.is_none() {
			return;
		}
		while let Some(Some(_)) = futures::FutureExt::now_or_never(finality.next()) {}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	const MX: CountryCode = CountryCode(*b"MX");

	#[test]
	fn a_status_change_moves_one_certificate_between_two_gauges() {
		let mut counts = Counts::default();
		for _ in 0..5 {
			counts.apply(MX, None, CertificateStatus::Active);
		}
		counts.apply(MX, Some(CertificateStatus::Active), CertificateStatus::Suspended);
		counts.apply(MX, Some(CertificateStatus::Active), CertificateStatus::Suspended);
		counts.apply(MX, Some(CertificateStatus::Active), CertificateStatus::Active);
		assert_eq!(counts.certificates[&(MX, CertificateStatus::Active)], 3);
		assert_eq!(counts.certificates[&(MX, CertificateStatus::Suspended)], 2);
	}

	#[test]
	fn the_gauges_show_the_counts_with_their_labels() {
		let registry = Registry::new();
		let metrics = Metrics::register(&registry).unwrap();
		let mut counts = Counts { block: 7, ..Default::default() };
		counts.apply(MX, None, CertificateStatus::Active);
		counts.mras.insert(mra_status_name(MraStatus::InForce), 1);
		metrics.set_counts(&counts);
		let text = {
			use prometheus_endpoint::prometheus::Encoder;
			let mut buffer = Vec::new();
			prometheus_endpoint::prometheus::TextEncoder::new()
				.encode(&registry.gather(), &mut buffer)
				.unwrap();
			String::from_utf8(buffer).unwrap()
		};
		assert!(text.contains(r#"cadena_certificates{country="MX",status="Active"} 1"#), "{text}");
		assert!(text.contains(r#"cadena_mras{status="InForce"} 1"#), "{text}");
		assert!(text.contains(r#"cadena_metrics_block{status="finalized"} 7"#), "{text}");
	}
}
