//! `cadena watch`: every recognition change for a country, from finalized
//! blocks, printed or POSTed to a webhook. A state file holds how far
//! delivery got (a block, and how many of its changes), so a restart
//! replays from there and neither loses nor repeats a change. A failing
//! webhook is retried with backoff; the changes wait, in order. Ctrl-C or
//! SIGTERM stops it between two deliveries, never in the middle of one.
//!
//! It subscribes with `progress`: the node tells the end of every finalized
//! block, so the state file advances at blocks without changes, and a
//! silent node is noticed. A node that cannot replay from the state file's
//! block ends the run with [`CannotResume`]; any other end is a reconnect.

use std::{
	path::{Path, PathBuf},
	time::Duration,
};

use anyhow::{anyhow, bail, Context, Result};
use bytes::Bytes;
use clap::Args;
use http_body_util::Full;
use hyper_util::{
	client::legacy::{connect::HttpConnector, Client},
	rt::TokioExecutor,
};
use serde::{Deserialize, Serialize};
use subxt::rpcs::{rpc_params, RpcClient};

use crate::{i18n::t, query::country};

/// `cadena watch`.
#[derive(Args, Debug)]
pub struct WatchArgs {
	/// The country whose recognitions to follow.
	#[arg(long, value_name = "CC")]
	pub country: String,
	/// POST each change as JSON to this URL instead of printing it.
	#[arg(long, value_name = "URL")]
	pub webhook: Option<String>,
	/// Start from this block on the first run (default: the next
	/// finalized block). Later runs go on from the state file.
	#[arg(long, value_name = "N")]
	pub from_block: Option<u32>,
	/// Where delivery progress is kept (default: `cadena-watch-<CC>.json`
	/// in the current directory).
	#[arg(long, value_name = "FILE")]
	pub state: Option<PathBuf>,
	/// Print each change as one line of JSON.
	#[arg(long)]
	pub json: bool,
	/// The longest wait between two webhook attempts, in seconds.
	#[arg(long, default_value_t = 60)]
	pub max_backoff: u64,

	/// Sign each POST with HMAC-SHA256 under the shared secret on this
	/// file's first line (readable by its owner only): headers
	/// `X-Cadena-Timestamp` and `X-Cadena-Signature: sha256=<hex>` over
	/// `<timestamp>.<body>`.
	#[arg(long, value_name = "FILE")]
	pub webhook_secret_file: Option<PathBuf>,

	/// After this many refusals of one change (a 4xx answer other than 408
	/// and 429: the receiver will never take it), the change goes to the
	/// dead-letter file and the next one is delivered.
	#[arg(long, default_value_t = 5)]
	pub max_refusals: u32,

	/// Where changes the webhook keeps refusing are kept, one JSON object a
	/// line (default: `cadena-watch-<CC>.dead.jsonl` beside the state file).
	#[arg(long, value_name = "FILE")]
	pub dead_letter: Option<PathBuf>,

	/// Reconnect when the node sends nothing, not even the end of a block,
	/// for this many seconds (it tells the end of every finalized block).
	#[arg(long, value_name = "SECONDS", default_value_t = 60)]
	pub max_silence: u64,
}

/// The node cannot replay from where the state file says delivery got:
/// it no longer keeps those blocks' state, or they are further back than
/// it replays. Retrying cannot help; `cadena watch` exits with status 5.
#[derive(Debug)]
pub struct CannotResume(pub String);

impl std::fmt::Display for CannotResume {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for CannotResume {}

/// The `cadena_*` error codes after which replaying again cannot help.
fn cannot_resume(code: i64) -> bool {
	code == cadena_rpc::codes::STATE_UNAVAILABLE as i64
		|| code == cadena_rpc::codes::TOO_FAR_BEHIND as i64
}

/// What to tell an operator whose watcher cannot resume.
fn cannot_resume_message(url: &str, path: &Path, block: Option<u32>, node: &str) -> CannotResume {
	let from = match block {
		Some(block) => t!("watch-from-block", block = block),
		None => t!("watch-from-start"),
	};
	CannotResume(t!(
		"watch-cannot-resume",
		from = from,
		url = url,
		node = node,
		path = path.display()
	))
}

/// How far delivery got: every change of blocks before `block`, and the
/// first `delivered` changes of `block`, on the chain whose genesis hash is
/// `genesis`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
	/// The country watched.
	pub country: String,
	/// The block delivery is in.
	pub block: u32,
	/// How many of its changes were delivered.
	pub delivered: u32,
	/// The chain's genesis hash (`0x…`); absent in files of older versions,
	/// which take the chain they are next used with.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub genesis: Option<String>,
}

impl State {
	fn load(path: &Path, country: &str) -> Result<Option<State>> {
		let text = match std::fs::read_to_string(path) {
			Ok(text) => text,
			Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
			Err(e) => {
				return Err(e).with_context(|| t!("watch-cannot-read", path = path.display()))
			}
		};
		let state: State = serde_json::from_str(&text)
			.with_context(|| t!("watch-not-a-state-file", path = path.display()))?;
		if state.country != country {
			bail!(t!(
				"watch-other-country",
				path = path.display(),
				theirs = state.country,
				ours = country
			));
		}
		Ok(Some(state))
	}

	/// Refuses a state of another chain (a reset test net, another
	/// network): its block numbers mean nothing here.
	fn check_chain(&self, path: &Path, genesis: &str) -> Result<()> {
		match &self.genesis {
			Some(own) if own != genesis => {
				bail!(t!("watch-other-chain", path = path.display(), theirs = own, ours = genesis))
			}
			_ => Ok(()),
		}
	}

	/// Written whole to a new file, then renamed over the old one: a crash
	/// leaves one or the other, never half.
	fn save(&self, path: &Path) -> Result<()> {
		let tmp = path.with_extension("tmp");
		{
			use std::io::Write;
			let mut file = std::fs::File::create(&tmp)
				.with_context(|| t!("watch-cannot-write", path = tmp.display()))?;
			file.write_all(serde_json::to_string(self)?.as_bytes())?;
			file.sync_all()?;
		}
		std::fs::rename(&tmp, path).with_context(|| t!("watch-cannot-write", path = path.display()))
	}
}

/// Follows the changes until stopped. Losing the node is not an end: it
/// reconnects with backoff, and replays from the state file.
pub async fn run(url: &str, args: &WatchArgs) -> Result<()> {
	let reader = country(&args.country)?;
	let cc = reader.as_str().to_string();
	let path =
		args.state.clone().unwrap_or_else(|| PathBuf::from(format!("cadena-watch-{cc}.json")));
	let mut state = State::load(&path, &cc)?;
	let secret = match &args.webhook_secret_file {
		Some(file) => Some(crate::keys::read_key_file(file)?.into_bytes()),
		None => None,
	};
	let dead_letter = args
		.dead_letter
		.clone()
		.unwrap_or_else(|| path.with_file_name(format!("cadena-watch-{cc}.dead.jsonl")));
	let webhook = args
		.webhook
		.as_deref()
		.map(|url| {
			Ok::<_, anyhow::Error>(
				Webhook::new(url)?
					.signed_with(secret.clone())
					.refusing_after(args.max_refusals.max(1), dead_letter.clone()),
			)
		})
		.transpose()?;
	let max_backoff = Duration::from_secs(args.max_backoff.max(1));
	let mut backoff = Backoff::new(max_backoff);
	let mut stop = stop_signal()?;
	let silence = Duration::from_secs(args.max_silence.max(1));
	loop {
		let from = state.as_ref().map(|s| s.block).or(args.from_block);
		let out = Output { webhook: webhook.as_ref(), json: args.json, max_backoff, silence };
		match follow(url, &cc, from, &mut state, &path, &out, &mut stop).await {
			Ok(Flow::Stopped) => {
				eprintln!("{}", t!("watch-stopped", path = path.display()));
				return Ok(());
			}
			Ok(Flow::Ended) => eprintln!("{}", t!("watch-resubscribing", url = url)),
			Err(e) if e.is::<CannotResume>() => return Err(e),
			Err(e) => eprintln!("{e:#}"),
		}
		let wait = backoff.next();
		eprintln!("{}", t!("watch-reconnecting", url = url, seconds = wait.as_secs_f32()));
		tokio::select! {
			_ = tokio::time::sleep(wait) => {},
			_ = stop.changed() => return Ok(()),
		}
	}
}

/// Where changes go.
struct Output<'a> {
	webhook: Option<&'a Webhook>,
	json: bool,
	max_backoff: Duration,
	/// How long the node may say nothing.
	silence: Duration,
}

/// Why following ended.
enum Flow {
	/// Ctrl-C or SIGTERM.
	Stopped,
	/// The node closed the subscription.
	Ended,
}

/// Becomes `true` on Ctrl-C or SIGTERM.
fn stop_signal() -> Result<tokio::sync::watch::Receiver<bool>> {
	let (tx, rx) = tokio::sync::watch::channel(false);
	#[cfg(unix)]
	let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())?;
	tokio::spawn(async move {
		#[cfg(unix)]
		tokio::select! {
			_ = tokio::signal::ctrl_c() => {},
			_ = term.recv() => {},
		}
		#[cfg(not(unix))]
		let _ = tokio::signal::ctrl_c().await;
		let _ = tx.send(true);
	});
	Ok(rx)
}

async fn follow(
	url: &str,
	cc: &str,
	from: Option<u32>,
	state: &mut Option<State>,
	path: &Path,
	out: &Output<'_>,
	stop: &mut tokio::sync::watch::Receiver<bool>,
) -> Result<Flow> {
	let rpc = RpcClient::from_insecure_url(url)
		.await
		.map_err(|e| anyhow!(t!("chain-cannot-reach", url = url, why = e)))?;
	// The chain this state belongs to, and a first state written before
	// anything is delivered: a restart or a reconnect starts where this run
	// did, not at a later block.
	let genesis: String = rpc
		.request("chain_getBlockHash", rpc_params![0])
		.await
		.map_err(|e| anyhow!(t!("watch-no-genesis", url = url, why = e)))?;
	match state {
		Some(s) => {
			s.check_chain(path, &genesis)?;
			if s.genesis.is_none() {
				s.genesis = Some(genesis.clone());
				s.save(path)?;
			}
		}
		None => {
			let block = match from {
				Some(block) => block,
				None => {
					let head: String =
						rpc.request("chain_getFinalizedHead", rpc_params![]).await.map_err(
							|e| anyhow!(t!("watch-no-finalized-head", url = url, why = e)),
						)?;
					let header: serde_json::Value = rpc
						.request("chain_getHeader", rpc_params![head])
						.await
						.map_err(|e| anyhow!(t!("watch-no-header", url = url, why = e)))?;
					let number = header["number"]
						.as_str()
						.with_context(|| t!("watch-header-without-number"))?;
					u32::from_str_radix(number.trim_start_matches("0x"), 16)
						.with_context(|| t!("watch-header-not-hex"))?
						+ 1
				}
			};
			let first = State {
				country: cc.to_string(),
				block,
				delivered: 0,
				genesis: Some(genesis.clone()),
			};
			first.save(path)?;
			*state = Some(first);
		}
	}
	let from = state.as_ref().map(|s| s.block);
	let chain_tag = genesis.trim_start_matches("0x").chars().take(8).collect::<String>();
	// With progress: the node tells the end of every block, and why it ends
	// a subscription.
	let subscription = rpc
		.subscribe::<serde_json::Value>(
			"cadena_subscribeRecognitionChanges",
			rpc_params![cc, from, true],
			"cadena_unsubscribeRecognitionChanges",
		)
		.await;
	let mut changes = match subscription {
		Ok(changes) => changes,
		Err(subxt::rpcs::Error::User(e)) if cannot_resume(e.code as i64) => {
			return Err(cannot_resume_message(url, path, from, &e.message).into())
		}
		Err(e) => bail!(t!("watch-subscription-refused", url = url, why = e)),
	};
	let start = match from {
		Some(block) => t!("watch-from-block", block = block),
		None => t!("watch-from-next"),
	};
	eprintln!("{}", t!("watch-watching", country = cc, url = url, from = start));
	// Changes of the state's block already delivered before a restart.
	let mut skip = state.as_ref().map(|s| (s.block, s.delivered));
	loop {
		let change = tokio::select! {
			change = tokio::time::timeout(out.silence, changes.next()) => change,
			_ = stop.changed() => return Ok(Flow::Stopped),
		};
		let Ok(change) = change else {
			eprintln!("{}", t!("watch-silent", url = url, seconds = out.silence.as_secs()));
			return Ok(Flow::Ended);
		};
		let Some(change) = change else { return Ok(Flow::Ended) };
		let mut change = change.map_err(|e| anyhow!(t!("watch-lost", why = e)))?;
		if let Some(end) = change.get("end") {
			let no_reason = t!("watch-no-reason");
			let message = end["message"].as_str().unwrap_or(&no_reason);
			if cannot_resume(end["code"].as_i64().unwrap_or(0)) {
				let at = state.as_ref().map(|s| s.block);
				return Err(cannot_resume_message(url, path, at, message).into());
			}
			eprintln!("{}", t!("watch-ended", url = url, why = message));
			return Ok(Flow::Ended);
		}
		let block =
			change["block"].as_u64().with_context(|| t!("watch-change-without-block"))? as u32;
		if change["done"].as_bool() == Some(true) {
			// Every change of `block` is delivered: a restart goes on from
			// the next block, even when this one changed nothing.
			skip = None;
			if state.as_ref().is_none_or(|s| s.block <= block) {
				let next = State {
					country: cc.to_string(),
					block: block + 1,
					delivered: 0,
					genesis: Some(genesis.clone()),
				};
				next.save(path)?;
				*state = Some(next);
			}
			continue;
		}
		if let Some((skip_block, left)) = skip {
			if block == skip_block && left > 0 {
				skip = Some((skip_block, left - 1));
				continue;
			}
			skip = None;
		}
		// The change's place in its block: with the country and the block,
		// a key no other change has.
		let index = match state {
			Some(s) if s.block == block => s.delivered,
			_ => 0,
		};
		change["country"] = cc.into();
		// The chain too: a reset chain's block 57 is not this one's.
		change["id"] = format!("{chain_tag}:{cc}:{block}:{index}").into();
		match out.webhook {
			Some(hook) => {
				if !hook.deliver(&change, out.max_backoff, stop).await {
					return Ok(Flow::Stopped);
				}
			}
			None if out.json => println!("{change}"),
			None => println!("{}", describe(&change)),
		}
		let next = State {
			country: cc.to_string(),
			block,
			delivered: index + 1,
			genesis: Some(genesis.clone()),
		};
		next.save(path)?;
		*state = Some(next);
	}
}

/// A change in words: `block 57: MX AEO-1 recognised -> not recognised (CertificateSuspended)`;
/// a change of benefits once per direction or continuity event.
fn describe(change: &serde_json::Value) -> String {
	if let Some(amended) = change.get("benefitsChanged") {
		return t!(
			"watch-benefits-changed",
			block = change["block"],
			recogniser = amended["recogniser"].as_str().unwrap_or_default(),
			issuer = amended["issuer"].as_str().unwrap_or_default(),
			mra = amended["mra"],
			version = amended["version"],
			count = amended["grants"].as_array().map_or(0, Vec::len)
		);
	}
	if let Some(continuity) = change.get("continuity") {
		let country = continuity["country"].as_str().unwrap_or_default();
		return if continuity["declared"].as_bool() == Some(true) {
			t!("watch-continuity-declared", block = change["block"], country = country)
		} else {
			t!("watch-continuity-ended", block = change["block"], country = country)
		};
	}
	let side = |answer: &serde_json::Value| {
		if answer["recognised"].as_bool() == Some(true) {
			t!("watch-recognised")
		} else {
			let reason = answer["reason"].as_str().unwrap_or("unknown");
			t!("watch-not-recognised", reason = reason)
		}
	};
	t!(
		"watch-change",
		block = change["block"],
		country = change["certificate"]["country"].as_str().unwrap_or_default(),
		number = change["certificate"]["number"].as_str().unwrap_or_default(),
		before = side(&change["before"]),
		after = side(&change["after"])
	)
}

/// Doubling waits, from half a second up to a ceiling.
struct Backoff {
	next: Duration,
	max: Duration,
}

impl Backoff {
	fn new(max: Duration) -> Backoff {
		Backoff { next: Duration::from_millis(500).min(max), max }
	}

	fn next(&mut self) -> Duration {
		let wait = self.next;
		self.next = (self.next * 2).min(self.max);
		wait
	}
}

/// A webhook: HTTP or HTTPS, with the system's root certificates.
struct Webhook {
	url: hyper::Uri,
	client: Client<hyper_rustls::HttpsConnector<HttpConnector>, Full<Bytes>>,
	/// The shared secret each POST is signed with, if any.
	secret: Option<Vec<u8>>,
	/// Refusals of one change before it goes to `dead_letter`.
	max_refusals: u32,
	dead_letter: PathBuf,
}

/// Whether an answer says the receiver will never take this change: a 4xx
/// but 408 (timeout) and 429 (too many requests), which are worth a retry.
fn refused_for_good(status: hyper::StatusCode) -> bool {
	status.is_client_error()
		&& status != hyper::StatusCode::REQUEST_TIMEOUT
		&& status != hyper::StatusCode::TOO_MANY_REQUESTS
}

/// `sha256=<hex>`: HMAC-SHA256 under `secret` of `<timestamp>.<body>`.
fn signature(secret: &[u8], timestamp: u64, body: &[u8]) -> String {
	use hmac::Mac;
	let mut mac =
		hmac::Hmac::<sha2::Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
	mac.update(timestamp.to_string().as_bytes());
	mac.update(b".");
	mac.update(body);
	format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

impl Webhook {
	fn new(url: &str) -> Result<Webhook> {
		let uri: hyper::Uri =
			url.parse().with_context(|| t!("watch-not-a-url", url = format!("{url:?}")))?;
		if !matches!(uri.scheme_str(), Some("http" | "https")) {
			bail!(t!("watch-not-http", url = format!("{url:?}")));
		}
		let connector = hyper_rustls::HttpsConnectorBuilder::new()
			.with_provider_and_native_roots(rustls::crypto::ring::default_provider())
			.with_context(|| t!("watch-no-root-certificates"))?
			.https_or_http()
			.enable_http1()
			.build();
		let client = Client::builder(TokioExecutor::new()).build(connector);
		Ok(Webhook {
			url: uri,
			client,
			secret: None,
			max_refusals: 5,
			dead_letter: PathBuf::from("cadena-watch.dead.jsonl"),
		})
	}

	fn signed_with(self, secret: Option<Vec<u8>>) -> Webhook {
		Webhook { secret, ..self }
	}

	fn refusing_after(self, max_refusals: u32, dead_letter: PathBuf) -> Webhook {
		Webhook { max_refusals, dead_letter, ..self }
	}

	/// Appends a change the webhook refused for good to the dead-letter
	/// file, with the last answer, and syncs it.
	fn bury(&self, change: &serde_json::Value, status: hyper::StatusCode) -> Result<()> {
		use std::io::Write;
		let line = serde_json::json!({ "change": change, "status": status.as_u16() });
		let mut file = std::fs::OpenOptions::new()
			.create(true)
			.append(true)
			.open(&self.dead_letter)
			.with_context(|| t!("watch-cannot-write", path = self.dead_letter.display()))?;
		writeln!(file, "{line}")?;
		file.sync_all()?;
		Ok(())
	}

	/// POSTs until the webhook answers 2xx, waiting longer after each
	/// failure; `false` if stopped while waiting.
	async fn deliver(
		&self,
		change: &serde_json::Value,
		max_backoff: Duration,
		stop: &mut tokio::sync::watch::Receiver<bool>,
	) -> bool {
		let body = Bytes::from(change.to_string());
		let mut backoff = Backoff::new(max_backoff);
		let mut refusals = 0;
		loop {
			let key = change["id"].as_str().unwrap_or_default();
			let failure = match self.post(key, body.clone()).await {
				Ok(status) if status.is_success() => return true,
				Ok(status) if refused_for_good(status) => {
					refusals += 1;
					if refusals >= self.max_refusals {
						match self.bury(change, status) {
							Ok(()) => {
								eprintln!(
									"{}",
									t!(
										"watch-dead-letter",
										url = self.url,
										change = key,
										refusals = refusals,
										status = status,
										path = self.dead_letter.display()
									)
								);
								return true;
							}
							Err(e) => eprintln!("{e:#}"),
						}
					}
					t!(
						"watch-refused",
						status = status,
						refusals = refusals,
						max = self.max_refusals
					)
				}
				Ok(status) => t!("watch-answered", status = status),
				Err(e) => t!("watch-failed", why = format!("{e:#}")),
			};
			let wait = backoff.next();
			eprintln!(
				"{}",
				t!(
					"watch-retrying",
					url = self.url,
					failure = failure,
					block = change["block"],
					seconds = wait.as_secs_f32()
				)
			);
			tokio::select! {
				_ = tokio::time::sleep(wait) => {},
				_ = stop.changed() => return false,
			}
		}
	}

	async fn post(&self, key: &str, body: Bytes) -> Result<hyper::StatusCode> {
		let mut request = hyper::Request::post(self.url.clone())
			.header(hyper::header::CONTENT_TYPE, "application/json")
			.header("idempotency-key", key)
			.header(hyper::header::USER_AGENT, concat!("cadena/", env!("CARGO_PKG_VERSION")));
		if let Some(secret) = &self.secret {
			let timestamp = std::time::SystemTime::now()
				.duration_since(std::time::UNIX_EPOCH)
				.unwrap_or_default()
				.as_secs();
			request = request
				.header("x-cadena-timestamp", timestamp)
				.header("x-cadena-signature", signature(secret, timestamp, &body));
		}
		let request = request.body(Full::new(body))?;
		let response = tokio::time::timeout(Duration::from_secs(10), self.client.request(request))
			.await
			.map_err(|_| anyhow!(t!("watch-no-answer")))??;
		Ok(response.status())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn backoff_doubles_up_to_its_ceiling() {
		let mut backoff = Backoff::new(Duration::from_secs(3));
		let waits: Vec<_> = (0..5).map(|_| backoff.next().as_millis()).collect();
		assert_eq!(waits, [500, 1000, 2000, 3000, 3000]);
	}

	#[test]
	fn the_state_file_round_trips_and_belongs_to_one_country() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("state.json");
		assert_eq!(State::load(&path, "CR").unwrap(), None);
		let state = State { country: "CR".into(), block: 57, delivered: 2, genesis: None };
		state.save(&path).unwrap();
		assert_eq!(State::load(&path, "CR").unwrap(), Some(state));
		let error = State::load(&path, "MX").unwrap_err().to_string();
		assert!(error.contains("follows CR, not MX"), "{error}");
		std::fs::write(&path, "{").unwrap();
		assert!(State::load(&path, "CR").is_err());
	}

	/// Issue #12, fault 16: a state file of another chain (a reset test net)
	/// was used as if it were this one's, silently skipping its changes.
	#[test]
	fn a_state_file_of_another_chain_is_refused() {
		let path = Path::new("cr.json");
		let state = |genesis: Option<&str>| State {
			country: "CR".into(),
			block: 57,
			delivered: 2,
			genesis: genesis.map(str::to_string),
		};
		assert!(state(Some("0xaa")).check_chain(path, "0xaa").is_ok());
		let error = state(Some("0xaa")).check_chain(path, "0xbb").unwrap_err().to_string();
		assert!(error.contains("0xaa") && error.contains("0xbb"), "{error}");
		// A file of an older version takes the chain it is next used with.
		assert!(state(None).check_chain(path, "0xbb").is_ok());
		let old = r#"{"country":"CR","block":57,"delivered":2}"#;
		assert_eq!(serde_json::from_str::<State>(old).unwrap(), state(None));
	}

	#[test]
	fn a_change_reads_as_words() {
		let change = serde_json::json!({
			"block": 57, "certificate": { "country": "MX", "number": "AEO-1" },
			"before": { "recognised": true, "reason": null },
			"after": { "recognised": false, "reason": "CertificateSuspended" },
		});
		assert_eq!(
			describe(&change),
			"block 57: MX AEO-1 recognised -> not recognised (CertificateSuspended)"
		);
		let amended = serde_json::json!({
			"block": 58, "benefitsChanged": {
				"mra": 0, "issuer": "MX", "recogniser": "CR", "version": 2, "grants": [{}, {}],
			},
		});
		assert_eq!(
			describe(&amended),
			"block 58: what CR grants MX's AEOs under MRA 0 changed: version 2, 2 benefits"
		);
		let declared =
			serde_json::json!({"block": 59, "continuity": {"country": "CR", "declared": true}});
		assert_eq!(
			describe(&declared),
			"block 59: CR declared a business-continuity event: its continuity benefits apply"
		);
	}

	/// Issue #12, fault 17: receivers could not tell CADENA's POSTs from
	/// anyone's.
	#[test]
	fn the_signature_is_hmac_sha256_over_timestamp_and_body() {
		// The same as Python's
		// hmac.new(b"shared secret", b'1700000000.{"id":"CR:57:0"}', sha256).
		assert_eq!(
			signature(b"shared secret", 1_700_000_000, br#"{"id":"CR:57:0"}"#),
			"sha256=ce1e3160229ff75bfa543e796b8f501a5e59ae9165ca6ec2a47790b9c87bd09d"
		);
	}

	#[test]
	fn only_answers_that_will_never_change_are_refusals() {
		use hyper::StatusCode;
		for status in [400, 401, 403, 404, 410, 413, 422] {
			assert!(refused_for_good(StatusCode::from_u16(status).unwrap()), "{status}");
		}
		for status in [200, 301, 408, 429, 500, 502, 503] {
			assert!(!refused_for_good(StatusCode::from_u16(status).unwrap()), "{status}");
		}
	}

	/// Issue #12, fault 17: one change a webhook refused for good was retried
	/// for ever, and every later change waited behind it.
	#[tokio::test]
	async fn a_change_refused_for_good_goes_to_the_dead_letter_file() {
		use tokio::io::{AsyncReadExt, AsyncWriteExt};
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap();
		let attempts = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
		let counted = attempts.clone();
		tokio::spawn(async move {
			loop {
				let (mut socket, _) = listener.accept().await.unwrap();
				counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
				let mut buffer = [0u8; 4096];
				let _ = socket.read(&mut buffer).await;
				let answer = "HTTP/1.1 422 Unprocessable Entity\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
				let _ = socket.write_all(answer.as_bytes()).await;
			}
		});
		let dir = tempfile::tempdir().unwrap();
		let dead_letter = dir.path().join("dead.jsonl");
		let hook = Webhook::new(&format!("http://{address}/hook"))
			.unwrap()
			.refusing_after(3, dead_letter.clone());
		let change = serde_json::json!({ "id": "CR:57:0", "block": 57 });
		let (_stop_tx, mut stop) = tokio::sync::watch::channel(false);
		assert!(hook.deliver(&change, Duration::from_millis(5), &mut stop).await);
		assert_eq!(attempts.load(std::sync::atomic::Ordering::SeqCst), 3);
		let kept = std::fs::read_to_string(&dead_letter).unwrap();
		let line: serde_json::Value = serde_json::from_str(kept.trim()).unwrap();
		assert_eq!(line["change"], change);
		assert_eq!(line["status"], 422);
	}

	#[test]
	fn fault_13_only_a_node_that_cannot_replay_stops_the_watcher() {
		use cadena_rpc::codes::*;
		assert!(cannot_resume(STATE_UNAVAILABLE as i64) && cannot_resume(TOO_FAR_BEHIND as i64));
		for code in [RUNTIME_ERROR, CLIENT_TOO_SLOW, NODE_STOPPING, INVALID_PARAMS] {
			assert!(!cannot_resume(code as i64), "{code} is worth a retry");
		}
		let told = cannot_resume_message(
			"ws://node:9944",
			Path::new("cr.json"),
			Some(57),
			"this node no longer keeps the state of block 56",
		)
		.to_string();
		assert!(told.starts_with("cannot resume from block 57 at ws://node:9944: this node"));
		assert!(told.contains("archive node") && told.contains("move cr.json away"));
	}

	#[test]
	fn a_webhook_must_be_http() {
		assert!(Webhook::new("ftp://example.org/x").is_err());
		assert!(Webhook::new("not a url").is_err());
		assert!(Webhook::new("http://127.0.0.1:9/hook").is_ok());
	}
}
