//! The subscriptions' engine: follows finalized blocks from a starting
//! block, computes each block's notifications once per (kind, country,
//! block) on the worker threads, and sends them to each subscriber at its
//! own pace, within the node's limits.
//!
//! What each subscriber costs: a task that holds its next block number. No
//! finality stream per subscriber (one task reads the node's, and the
//! subscribers read its latest value), so a stalled client buffers nothing;
//! its sends wait on the connection's bounded queue, up to the send
//! timeout.

use std::{
	collections::{HashMap, VecDeque},
	sync::{Arc, Mutex},
};

use cadena_primitives::CountryCode;
use cadena_runtime::{opaque::Block, AccountId};
use cadena_runtime_api::CadenaApi;
use futures::{
	future::{BoxFuture, Shared},
	FutureExt,
};
use jsonrpsee::{
	server::{IntoSubscriptionCloseResponse, SubscriptionCloseResponse},
	types::ErrorObjectOwned,
	PendingSubscriptionSink, SubscriptionMessage, SubscriptionSink,
};
use sp_api::ApiExt;
use sp_core::H256;
use sp_runtime::traits::Header as _;

use crate::{
	changes::{self, At},
	codes,
	json::{BlockDoneJson, EndJson, ErrorJson},
	server::error,
	Limits,
};

/// Which notifications a subscription sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
	/// `cadena_subscribeRecognitionChanges`.
	Recognition,
	/// `cadena_subscribeCertificateEvents`.
	Certificates,
}

impl Kind {
	/// The metrics' label.
	fn label(self) -> &'static str {
		match self {
			Kind::Recognition => "recognitionChanges",
			Kind::Certificates => "certificateEvents",
		}
	}
}

/// One block's notifications for one (kind, country), computed once.
type Items = Arc<Vec<serde_json::Value>>;
type Computing = Shared<BoxFuture<'static, Result<Items, ErrorObjectOwned>>>;
type Key = (Kind, CountryCode, H256);

/// The blocks' notifications computed or being computed, the oldest
/// forgotten first.
struct Cache {
	entries: HashMap<Key, Computing>,
	order: VecDeque<Key>,
	capacity: usize,
}

impl Cache {
	fn get_or_insert(&mut self, key: Key, compute: impl FnOnce() -> Computing) -> Computing {
		if let Some(computing) = self.entries.get(&key) {
			return computing.clone();
		}
		let computing = compute();
		if self.capacity > 0 {
			while self.order.len() >= self.capacity {
				if let Some(old) = self.order.pop_front() {
					self.entries.remove(&old);
				}
			}
			self.entries.insert(key, computing.clone());
			self.order.push_back(key);
		}
		computing
	}

	/// Forgets `key`: a failed computation is tried again by the next
	/// subscriber that needs it, not served from the cache.
	fn forget(&mut self, key: &Key) {
		if self.entries.remove(key).is_some() {
			self.order.retain(|k| k != key);
		}
	}
}

/// What every subscription shares.
pub(crate) struct Engine<C> {
	client: Arc<C>,
	limits: Limits,
	/// The last finalized block number, kept current by one task.
	finalized: tokio::sync::watch::Receiver<u32>,
	workers: Arc<tokio::sync::Semaphore>,
	cache: Mutex<Cache>,
	metrics: Option<crate::metrics::Metrics>,
}

/// How a subscription ended: quietly (the client left), or with an error
/// sent to the client as the subscription's close notification.
pub struct Closed(Option<ErrorObjectOwned>);

impl IntoSubscriptionCloseResponse for Closed {
	fn into_response(self) -> SubscriptionCloseResponse {
		match self.0 {
			None => SubscriptionCloseResponse::None,
			Some(error) => match SubscriptionMessage::from_json(&error) {
				Ok(message) => SubscriptionCloseResponse::NotifErr(message),
				Err(_) => SubscriptionCloseResponse::NotifErr(error.message().to_string().into()),
			},
		}
	}
}

impl Closed {
	pub(crate) fn quietly() -> Self {
		Closed(None)
	}
}

impl<C> Engine<C>
where
	C: crate::Client,
{
	/// The engine, and the task that keeps the last finalized number for
	/// every subscriber: the only reader of the node's finality stream.
	pub(crate) fn new(
		client: Arc<C>,
		limits: Limits,
		metrics: Option<crate::metrics::Metrics>,
	) -> (Self, BoxFuture<'static, ()>) {
		let (tx, finalized) = tokio::sync::watch::channel(client.info().finalized_number);
		let mut stream = client.finality_notification_stream();
		let task = async move {
			use futures::StreamExt;
			while let Some(notification) = stream.next().await {
				tx.send_replace(*notification.header.number());
			}
		}
		.boxed();
		let engine = Self {
			workers: Arc::new(tokio::sync::Semaphore::new(limits.workers.max(1))),
			cache: Mutex::new(Cache {
				entries: HashMap::new(),
				order: VecDeque::new(),
				capacity: limits.cache,
			}),
			client,
			limits,
			finalized,
			metrics,
		};
		(engine, task)
	}

	/// Accepts a subscription of `kind` about `country` from block `from`
	/// (default: the next finalized block), or refuses it with the reason,
	/// and follows finalized blocks until the client leaves or the node
	/// cannot go on. With `progress`, every block ends with a
	/// [`BlockDoneJson`], and an ended subscription's last notification is
	/// an [`EndJson`].
	pub(crate) async fn follow(
		self: Arc<Self>,
		pending: PendingSubscriptionSink,
		kind: Kind,
		country: Result<CountryCode, ErrorObjectOwned>,
		from: Option<u32>,
		progress: bool,
	) -> Closed {
		let country = match country {
			Ok(country) => country,
			Err(e) => {
				pending.reject(e).await;
				return Closed::quietly();
			}
		};
		let finalized = self.client.info().finalized_number;
		// Block 0 changes nothing: it has no parent to compare with.
		let start = from.unwrap_or(finalized + 1).max(1);
		if let Err(e) = self.check_start(start, finalized) {
			pending.reject(e).await;
			return Closed::quietly();
		}
		let Ok(sink) = pending.accept().await else { return Closed::quietly() };
		let open =
			self.metrics.as_ref().map(|m| m.subscriptions.with_label_values(&[kind.label()]));
		if let Some(open) = &open {
			open.inc();
		}
		let result = self.run(&sink, kind, country, start, progress).await;
		if let Some(open) = &open {
			open.dec();
		}
		match result {
			Ok(()) => Closed::quietly(),
			Err(e) => {
				if progress {
					let end = EndJson {
						end: ErrorJson { code: e.code(), message: e.message().to_string() },
					};
					if let Ok(message) = SubscriptionMessage::from_json(&end) {
						let _ = sink.send_timeout(message, self.limits.send_timeout()).await;
					}
				}
				Closed(Some(e))
			}
		}
	}

	/// A start the node can replay from: not further back than its bound,
	/// and with the state of the block before it still kept.
	fn check_start(&self, start: u32, finalized: u32) -> Result<(), ErrorObjectOwned> {
		let behind = finalized.saturating_add(1).saturating_sub(start);
		if behind > self.limits.max_replay {
			let earliest = finalized.saturating_add(1).saturating_sub(self.limits.max_replay);
			return Err(error(
				codes::TOO_FAR_BEHIND,
				format!(
					"block {start} is {behind} blocks before the next finalized block; this node \
					 replays at most {} (--cadena-rpc-max-replay): start at block {earliest} or \
					 later, or ask a node that replays more",
					self.limits.max_replay
				),
			));
		}
		if start <= finalized {
			let kept = self
				.client
				.hash(start - 1)
				.ok()
				.flatten()
				.filter(|hash| {
					self.client
						.runtime_api()
						.api_version::<dyn CadenaApi<Block, AccountId>>(*hash)
						.is_ok()
				})
				.is_some();
			if !kept {
				return Err(error(
					codes::STATE_UNAVAILABLE,
					format!(
						"this node no longer keeps the state of block {} (it prunes old state), \
						 so it cannot replay from block {start}: replay from an archive node \
						 (--state-pruning archive), or start at a later block",
						start - 1
					),
				));
			}
		}
		Ok(())
	}

	/// Sends every finalized block's notifications from `start` on.
	async fn run(
		&self,
		sink: &SubscriptionSink,
		kind: Kind,
		country: CountryCode,
		start: u32,
		progress: bool,
	) -> Result<(), ErrorObjectOwned> {
		let mut finalized = self.finalized.clone();
		let mut next = start;
		loop {
			while next <= *finalized.borrow_and_update() {
				if sink.is_closed() {
					return Ok(());
				}
				let (at, items) = self.block(kind, country, next).await?;
				for item in items.iter() {
					self.send(sink, item).await?;
				}
				if let Some(metrics) = &self.metrics {
					metrics
						.notifications
						.with_label_values(&[kind.label()])
						.inc_by(items.len() as u64);
				}
				if progress {
					let done = BlockDoneJson {
						block: next,
						block_hash: at.hash,
						changes: items.len() as u32,
						done: true,
					};
					self.send(sink, &done).await?;
				}
				next += 1;
			}
			tokio::select! {
				changed = finalized.changed() => if changed.is_err() {
					return Err(error(codes::NODE_STOPPING, "the node is shutting down"));
				},
				_ = sink.closed() => return Ok(()),
			}
		}
	}

	async fn send(
		&self,
		sink: &SubscriptionSink,
		item: &impl serde::Serialize,
	) -> Result<(), ErrorObjectOwned> {
		let message = SubscriptionMessage::from_json(item)
			.map_err(|e| error(codes::RUNTIME_ERROR, format!("a notification: {e}")))?;
		match sink.send_timeout(message, self.limits.send_timeout()).await {
			Ok(()) => Ok(()),
			Err(jsonrpsee::core::server::SendTimeoutError::Closed(_)) => {
				// The client left: nothing to tell it.
				Err(error(codes::CLIENT_TOO_SLOW, "the client left"))
			}
			Err(jsonrpsee::core::server::SendTimeoutError::Timeout(_)) => Err(error(
				codes::CLIENT_TOO_SLOW,
				format!(
					"a notification waited {} s for the client (--cadena-rpc-send-timeout): \
					 subscribe again from the last block received",
					self.limits.send_timeout
				),
			)),
		}
	}

	/// Block `number`'s notifications for (`kind`, `country`): computed by
	/// the first subscriber that needs them, on a worker thread, and shared.
	async fn block(
		&self,
		kind: Kind,
		country: CountryCode,
		number: u32,
	) -> Result<(At, Items), ErrorObjectOwned> {
		let unavailable = || {
			error(
				codes::STATE_UNAVAILABLE,
				format!("this node no longer keeps block {number} (it prunes old blocks)"),
			)
		};
		let hash = self.client.hash(number).ok().flatten().ok_or_else(unavailable)?;
		let header = self.client.header(hash).ok().flatten().ok_or_else(unavailable)?;
		let at = At { hash, parent: *header.parent_hash(), number };
		let computing =
			self.cache.lock().expect("never poisoned").get_or_insert((kind, country, hash), || {
				let client = self.client.clone();
				let workers = self.workers.clone();
				async move {
					let permit = workers
						.acquire_owned()
						.await
						.map_err(|_| error(codes::NODE_STOPPING, "the node is shutting down"))?;
					tokio::task::spawn_blocking(move || {
						let _permit = permit;
						compute(&*client, kind, country, at)
					})
					.await
					.map_err(|e| error(codes::RUNTIME_ERROR, format!("block {number}: {e}")))?
				}
				.boxed()
				.shared()
			});
		let items = computing.await;
		if items.is_err() {
			self.cache.lock().expect("never poisoned").forget(&(kind, country, hash));
		}
		Ok((at, items?))
	}
}

/// Computes one block's notifications; runs on a worker thread.
fn compute<C>(
	client: &C,
	kind: Kind,
	country: CountryCode,
	at: At,
) -> Result<Items, ErrorObjectOwned>
where
	C: crate::ApiClient,
{
	fn json<T: serde::Serialize>(items: Vec<T>) -> Vec<serde_json::Value> {
		items.into_iter().map(|item| serde_json::to_value(item).expect("plain JSON")).collect()
	}
	let items = match kind {
		Kind::Recognition => changes::recognition_changes(client, country, at).and_then(|c| {
			let mut items = json(c);
			items.extend(json(changes::benefit_changes(client, country, at)?));
			Ok(items)
		}),
		Kind::Certificates => changes::certificate_events(client, country, at).map(json),
	};
	match items {
		Ok(items) => Ok(Arc::new(items)),
		Err(e) => {
			log::warn!(target: "cadena-rpc", "block {}: {e}", at.number);
			Err(changes::failed(client, at, e))
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn ready(n: usize) -> Computing {
		futures::future::ready(Ok(Arc::new(vec![serde_json::json!(n)]))).boxed().shared()
	}

	fn key(byte: u8) -> Key {
		(Kind::Recognition, CountryCode(*b"CR"), H256::repeat_byte(byte))
	}

	#[test]
	fn fault_14_one_computation_per_block_and_the_oldest_forgotten_first() {
		let mut cache = Cache { entries: HashMap::new(), order: VecDeque::new(), capacity: 2 };
		let mut computed = 0;
		for byte in [1, 1, 2, 1, 3, 1] {
			drop(cache.get_or_insert(key(byte), || {
				computed += 1;
				ready(computed)
			}));
		}
		// 1 once, 2, 3 (which forgets 1), 1 again.
		assert_eq!(computed, 4);
		assert_eq!(cache.entries.len(), 2);
		assert!(!cache.entries.contains_key(&key(2)));
		// Another country or kind at the same block is another entry.
		let other = (Kind::Certificates, CountryCode(*b"CR"), H256::repeat_byte(1));
		drop(cache.get_or_insert(other, || {
			computed += 1;
			ready(computed)
		}));
		assert_eq!(computed, 5);
	}

	#[test]
	fn fault_14_a_failed_computation_is_forgotten_not_served_again() {
		let mut cache = Cache { entries: HashMap::new(), order: VecDeque::new(), capacity: 4 };
		drop(cache.get_or_insert(key(1), || ready(1)));
		drop(cache.get_or_insert(key(2), || ready(2)));
		cache.forget(&key(1));
		assert!(!cache.entries.contains_key(&key(1)) && cache.order == vec![key(2)]);
		let mut computed = 0;
		drop(cache.get_or_insert(key(1), || {
			computed += 1;
			ready(computed)
		}));
		assert_eq!(computed, 1, "computed again");
	}

	#[test]
	fn fault_14_a_cache_of_no_entries_shares_nothing_and_keeps_nothing() {
		let mut cache = Cache { entries: HashMap::new(), order: VecDeque::new(), capacity: 0 };
		let mut computed = 0;
		for _ in 0..3 {
			drop(cache.get_or_insert(key(1), || {
				computed += 1;
				ready(computed)
			}));
		}
		assert_eq!(computed, 3);
		assert!(cache.entries.is_empty());
	}
}
