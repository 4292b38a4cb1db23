//! The connection to a CADENA node, through subxt: the runtime API, the
//! officer's record, and signed transactions checked against the node's
//! metadata.

use std::time::Duration;

use anyhow::{anyhow, bail, Context, Result};
use cadena_primitives::{CertificateId, CountryCode, Role, Tin};
use cadena_runtime::RuntimeCall;
use cadena_runtime_api::{CertificateView, TraderView, MAX_PAGE};
use codec::{Decode, Encode};
use subxt::{
	client::{ClientAtBlock, OnlineClientAtBlockImpl},
	config::DefaultExtrinsicParamsBuilder,
	error::DispatchError,
	ext::scale_encode::{self, EncodeAsFields, FieldIter, TypeResolver},
	metadata::Metadata,
	rpcs::{rpc_params, RpcClient},
	transactions::{Payload, TransactionStatus},
	utils::{AccountId32, Static},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;

use crate::i18n::t;

/// CADENA's accounts, signatures and addresses are Polkadot's.
pub type Config = PolkadotConfig;
/// A view of the chain at one block.
pub type AtBlock = ClientAtBlock<Config, OnlineClientAtBlockImpl<Config>>;

/// The calls, storage items and runtime API methods this tool uses: the
/// node's metadata must describe them exactly as this build's runtime does.
const CALLS: [(&str, &str); 38] = [
	("Council", "propose"),
	("Council", "vote"),
	("Council", "close"),
	("Consortium", "admit_member"),
	("Consortium", "suspend_member"),
	("Consortium", "reinstate_member"),
	("Consortium", "retire_member"),
	("Consortium", "authorize_upgrade"),
	("Consortium", "set_encryption_key"),
	("TinRegistry", "register"),
	("TinRegistry", "update"),
	("TinRegistry", "close"),
	("TinRegistry", "reopen"),
	("TinRegistry", "link_account"),
	("TinRegistry", "unlink_account"),
	("TinRegistry", "set_consent"),
	("TinRegistry", "set_encryption_key"),
	("TinRegistry", "set_partner_ids"),
	("Mra", "propose"),
	("Mra", "sign"),
	("Mra", "suspend"),
	("Mra", "resume"),
	("Mra", "propose_party"),
	("Mra", "terminate"),
	("Mra", "propose_benefits"),
	("Mra", "declare_continuity"),
	("Mra", "end_continuity"),
	("AeoCertificates", "grant"),
	("AeoCertificates", "grant_many"),
	("AeoCertificates", "amend"),
	("AeoCertificates", "suspend"),
	("AeoCertificates", "reinstate"),
	("AeoCertificates", "revoke"),
	("AeoCertificates", "renew"),
	("Confidential", "seal"),
	("Confidential", "add_wraps"),
	("Utility", "force_batch"),
	("Utility", "batch_all"),
];
const STORAGE: [(&str, &str); 8] = [
	("Consortium", "Officers"),
	("TinRegistry", "LinkedAccounts"),
	("TinRegistry", "LinkNonces"),
	("Mra", "Mras"),
	("Council", "Members"),
	("Council", "Proposals"),
	("Council", "Voting"),
	("Council", "ProposalOf"),
];
const API: &str = "CadenaApi";
const API_METHODS: [&str; 12] = [
	"tin_of_partner",
	"tin_recognition",
	"benefits_of_mra",
	"certificates",
	"traders",
	"recognised_by",
	"certificate",
	"history",
	"mras_of",
	"member",
	"confidential_record",
	"missing_wraps",
];

/// A connected node.
pub struct Chain {
	/// The raw JSON-RPC connection, for `cadena_*` subscriptions.
	pub rpc: RpcClient,
	/// The subxt client over the same connection.
	pub client: OnlineClient<Config>,
}

impl Chain {
	/// Connects, and checks that the node's runtime is the one this tool
	/// speaks.
	pub async fn connect(url: &str) -> Result<Chain> {
		if unencrypted_to_another_host(url) {
			eprintln!("{}", t!("chain-unencrypted", url = url));
		}
		let rpc = tokio::time::timeout(Duration::from_secs(30), RpcClient::from_insecure_url(url))
			.await
			.map_err(|_| anyhow!(t!("chain-no-answer", url = url)))?
			.map_err(|e| anyhow!(t!("chain-cannot-reach", url = url, why = e)))?;
		let client = OnlineClient::<Config>::from_rpc_client(rpc.clone())
			.await
			.with_context(|| t!("chain-not-cadena", url = url))?;
		let chain = Chain { rpc, client };
		let at = chain.finalized().await?;
		check_compatible(&local_metadata(), &at.metadata()).with_context(|| {
			t!(
				"chain-spec-version",
				url = url,
				node = at.spec_version(),
				ours = cadena_runtime::VERSION.spec_version
			)
		})?;
		Ok(chain)
	}

	/// The chain's type as its spec declares it: `Development`, `Local`,
	/// `Live`, or a custom name.
	pub async fn chain_type(&self) -> Result<String> {
		let value: serde_json::Value = self
			.rpc
			.request("system_chainType", rpc_params![])
			.await
			.with_context(|| t!("chain-no-chain-type"))?;
		Ok(match value {
			serde_json::Value::String(kind) => kind,
			other => other.to_string(),
		})
	}

	/// The chain at its latest finalized block.
	pub async fn finalized(&self) -> Result<AtBlock> {
		self.client.at_current_block().await.with_context(|| t!("chain-no-finalized"))
	}

	/// Calls a `CadenaApi` method at a block, SCALE in and out.
	pub async fn api<R: Decode>(&self, at: &AtBlock, method: &str, args: impl Encode) -> Result<R> {
		let bytes = at
			.runtime_apis()
			.call_raw(&format!("{API}_{method}"), Some(&args.encode()))
			.await
			.with_context(|| t!("chain-api-failed", method = format!("{API}.{method}")))?;
		R::decode(&mut &bytes[..])
			.with_context(|| t!("chain-api-undecodable", method = format!("{API}.{method}")))
	}

	/// These certificates, where they exist, in pages the API accepts.
	pub async fn certificates(
		&self,
		at: &AtBlock,
		ids: &[CertificateId],
	) -> Result<Vec<Option<CertificateView>>> {
		let mut all = Vec::with_capacity(ids.len());
		for page in ids.chunks(MAX_PAGE as usize) {
			all.extend(self.api::<Vec<Option<CertificateView>>>(at, "certificates", page).await?);
		}
		Ok(all)
	}

	/// These TINs' records, where registered, in pages the API accepts.
	pub async fn traders(&self, at: &AtBlock, tins: &[Tin]) -> Result<Vec<Option<TraderView>>> {
		let mut all = Vec::with_capacity(tins.len());
		for page in tins.chunks(MAX_PAGE as usize) {
			all.extend(self.api::<Vec<Option<TraderView>>>(at, "traders", page).await?);
		}
		Ok(all)
	}

	/// The signer's administration, if it holds one of `roles` in it.
	pub async fn officer(&self, key: &Keypair, roles: &[Role]) -> Result<CountryCode> {
		let account = AccountId32(key.public_key().0);
		let at = self.finalized().await?;
		let address = subxt::dynamic::storage::<
			(Static<AccountId32>,),
			Static<pallet_consortium::OfficerRecord>,
		>("Consortium", "Officers");
		let record = at
			.storage()
			.try_fetch(address, (Static(account),))
			.await
			.with_context(|| t!("chain-no-officers"))?;
		let Some(record) = record else {
			bail!(t!("chain-not-officer", account = account));
		};
		let record = record.decode().with_context(|| t!("chain-officer-undecodable"))?.0;
		if !roles.iter().any(|r| record.roles.contains(*r)) {
			let roles = roles
				.iter()
				.map(|r| match r {
					Role::Admin => t!("role-admin"),
					Role::Registrar => t!("role-registrar"),
					Role::Approver => t!("role-approver"),
					Role::Auditor => t!("role-auditor"),
				})
				.reduce(|first, second| t!("chain-either", first = first, second = second))
				.unwrap_or_default();
			bail!(t!(
				"chain-without-role",
				account = account,
				country = record.country.as_str(),
				roles = roles
			));
		}
		Ok(record.country)
	}

	/// The next nonce of an account, counting its transactions in the pool.
	pub async fn next_nonce(&self, key: &Keypair) -> Result<u64> {
		let account = AccountId32(key.public_key().0);
		self.rpc
			.request::<u64>("system_accountNextIndex", rpc_params![account.to_string()])
			.await
			.with_context(|| t!("chain-no-nonce"))
	}

	/// Signs `call` with `nonce` and submits it; waits until it is in a
	/// finalized block, and returns its events. A transaction the pool
	/// refuses is an error that says why.
	pub async fn submit(&self, key: &Keypair, call: RuntimeCall, nonce: u64) -> Result<Events> {
		let at = self.finalized().await?;
		let params =
			DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).mortal(256).build();
		let payload = Call::new(call);
		let mut progress = at
			.transactions()
			.sign_and_submit_then_watch(&payload, key, params)
			.await
			.map_err(|e| pool_error(&e.to_string()))?;
		while let Some(status) = progress.next().await {
			match status.with_context(|| t!("chain-lost-progress"))? {
				TransactionStatus::InFinalizedBlock(in_block) => {
					let events = in_block.wait_for_success().await.map_err(|e| anyhow!("{e}"))?;
					let metadata = at.metadata();
					let mut items = Vec::new();
					for event in events.iter() {
						let event = event.with_context(|| t!("chain-events-undecodable"))?;
						if event.pallet_name() != "Utility" {
							continue;
						}
						match event.event_name() {
							"ItemCompleted" => items.push(Ok(())),
							"ItemFailed" => {
								let error = DispatchError::decode_from(
									event.field_bytes().to_vec(),
									metadata.clone(),
								)
								.map(|e| describe(&e))
								.unwrap_or_else(|e| t!("chain-undecodable-error", why = e));
								items.push(Err(error));
							}
							_ => {}
						}
					}
					return Ok(Events { items });
				}
				TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message }
				| TransactionStatus::Error { message } => return Err(pool_error(&message)),
				_ => {}
			}
		}
		bail!(t!("chain-subscription-closed"))
	}
}

impl Chain {
	/// Signs `call` with `nonce`, submits it and waits until it is in a
	/// finalized block: returns the block's hash and the call's events in
	/// words (`AeoCertificates.CertificateChanged { … }`), or its error in
	/// words (`AeoCertificates.CertificateRevoked: …`).
	pub async fn execute(
		&self,
		key: &Keypair,
		call: RuntimeCall,
		nonce: u64,
	) -> Result<(String, Vec<String>)> {
		let at = self.finalized().await?;
		let params =
			DefaultExtrinsicParamsBuilder::<Config>::new().nonce(nonce).mortal(256).build();
		let mut progress = at
			.transactions()
			.sign_and_submit_then_watch(&Call::new(call), key, params)
			.await
			.map_err(|e| pool_error(&e.to_string()))?;
		while let Some(status) = progress.next().await {
			match status.with_context(|| t!("chain-lost-progress"))? {
				TransactionStatus::InFinalizedBlock(in_block) => {
					let events = in_block.fetch_events().await.map_err(|e| anyhow!("{e}"))?;
					let mut told = Vec::new();
					for event in events.iter() {
						let event = event.with_context(|| t!("chain-events-undecodable"))?;
						match (event.pallet_name(), event.event_name()) {
							("System", "ExtrinsicFailed") => {
								let error = DispatchError::decode_from(
									event.field_bytes().to_vec(),
									at.metadata(),
								)
								.map(|e| describe(&e))
								.unwrap_or_else(|e| t!("chain-undecodable-error", why = e));
								bail!(t!("chain-refused", error = error));
							}
							("System", _) | ("TransactionPayment", _) => {}
							(pallet, name) => {
								let fields = event
									.decode_fields_unchecked_as::<subxt::ext::scale_value::Composite<()>>(
									)
									.map(|f| f.to_string())
									.unwrap_or_default();
								told.push(format!("{pallet}.{name} {fields}"));
							}
						}
					}
					return Ok((format!("{:?}", in_block.block_hash()), told));
				}
				TransactionStatus::Invalid { message }
				| TransactionStatus::Dropped { message }
				| TransactionStatus::Error { message } => return Err(pool_error(&message)),
				_ => {}
			}
		}
		bail!(t!("chain-subscription-closed"))
	}
}

/// What a submitted `force_batch` did, call by call.
pub struct Events {
	/// Each batched call's result, in order; the error in words.
	pub items: Vec<Result<(), String>>,
}

/// A pallet error as `Pallet.Error: its documentation`; in Spanish, the
/// documentation is `error-<Pallet>-<Error>` of locales/es/errors.ftl.
fn describe(error: &DispatchError) -> String {
	match error {
		DispatchError::Module(module) => match module.details() {
			Ok(details) => {
				let (pallet, variant) = (details.pallet.name(), &details.variant.name);
				let docs = crate::i18n::pallet_error(pallet, variant)
					.unwrap_or_else(|| details.variant.docs.join(" "));
				let name = format!("{pallet}.{variant}");
				if docs.is_empty() {
					name
				} else {
					format!("{name}: {docs}")
				}
			}
			Err(_) => module.to_string(),
		},
		other => other.to_string(),
	}
}

/// The pool's refusals in words: `Custom(100)` is the consortium's
/// membership check.
fn pool_error(message: &str) -> anyhow::Error {
	if message.contains("Custom error: 100") || message.contains("Custom(100)") {
		anyhow!(t!("chain-pool-not-member", message = message))
	} else {
		anyhow!(t!("chain-pool-refused", message = message))
	}
}

/// This build's runtime metadata.
pub fn local_metadata() -> Metadata {
	let bytes = cadena_runtime::Runtime::metadata_at_version(16)
		.expect("the runtime serves metadata V16; qed");
	Metadata::decode_from(&bytes).expect("the runtime's own metadata decodes; qed")
}

/// Refuses a node whose metadata describes a call, storage item or API
/// method this tool uses differently from this build's runtime.
pub fn check_compatible(local: &Metadata, node: &Metadata) -> Result<()> {
	for (pallet, call) in CALLS {
		let (Some(ours), Some(theirs)) =
			(local.pallet_by_name(pallet), node.pallet_by_name(pallet))
		else {
			bail!(t!("chain-no-pallet", pallet = pallet));
		};
		let index = |p: &subxt::metadata::PalletMetadata, c: &str| {
			p.call_variant_by_name(c).map(|v| (p.call_index(), v.index))
		};
		if index(&theirs, call).is_none() {
			bail!(t!("chain-no-call", call = format!("{pallet}.{call}")));
		}
		// A batch carries the other calls: its position must match, the
		// calls it carries are checked one by one.
		let batch = matches!(call, "force_batch" | "batch_all");
		let same_shape = batch || ours.call_hash(call) == theirs.call_hash(call);
		if index(&ours, call) != index(&theirs, call) || !same_shape {
			bail!(t!("chain-different", item = format!("{pallet}.{call}")));
		}
	}
	for (pallet, entry) in STORAGE {
		let hash = |m: &Metadata| m.pallet_by_name(pallet).and_then(|p| p.storage_hash(entry));
		if hash(local).is_none() || hash(local) != hash(node) {
			bail!(t!("chain-different", item = format!("{pallet}.{entry}")));
		}
	}
	for method in API_METHODS {
		let hash = |m: &Metadata| {
			m.runtime_api_trait_by_name(API)
				.and_then(|a| a.method_by_name(method))
				.map(|m| m.hash())
		};
		if hash(node).is_none() || hash(local) != hash(node) {
			bail!(t!("chain-different-api", method = format!("{API}.{method}")));
		}
	}
	Ok(())
}

/// A runtime call of this build, submitted through subxt: subxt places it
/// by pallet and call name in the node's metadata, which
/// [`check_compatible`] has found to agree with this build.
pub struct Call {
	pallet: &'static str,
	name: &'static str,
	args: EncodedArgs,
}

impl Call {
	/// Wraps a call.
	pub fn new(call: RuntimeCall) -> Call {
		use frame_support::traits::GetCallMetadata;
		let metadata = call.get_call_metadata();
		// The encoding is the pallet index, the call index, then the args.
		let encoded = call.encode();
		Call {
			pallet: metadata.pallet_name,
			name: metadata.function_name,
			args: EncodedArgs(encoded[2..].to_vec()),
		}
	}
}

impl Payload for Call {
	type CallData = EncodedArgs;

	fn pallet_name(&self) -> &str {
		self.pallet
	}

	fn call_name(&self) -> &str {
		self.name
	}

	fn call_data(&self) -> &EncodedArgs {
		&self.args
	}
}

/// A call's arguments, already SCALE-encoded by the runtime's own types.
pub struct EncodedArgs(Vec<u8>);

impl EncodeAsFields for EncodedArgs {
	fn encode_as_fields_to<R: TypeResolver>(
		&self,
		_fields: &mut dyn FieldIter<'_, R::TypeId>,
		_types: &R,
		out: &mut Vec<u8>,
	) -> Result<(), scale_encode::Error> {
		out.extend_from_slice(&self.0);
		Ok(())
	}
}

/// Whether `url` is plain `ws://` (or `http://`) to a host other than this
/// machine.
pub fn unencrypted_to_another_host(url: &str) -> bool {
	let Some(rest) = url.strip_prefix("ws://").or_else(|| url.strip_prefix("http://")) else {
		return false;
	};
	let authority = rest.split(['/', '?']).next().unwrap_or_default();
	let host = match authority.strip_prefix('[') {
		Some(v6) => v6.split(']').next().unwrap_or_default(),
		None => authority.split(':').next().unwrap_or_default(),
	};
	!matches!(host, "localhost" | "::1") && !host.starts_with("127.")
}

/// The key and output options of every command that sends a call.
#[derive(clap::Args, Debug)]
pub struct Signing {
	#[command(flatten)]
	pub key: crate::keys::KeyArgs,
	/// Print the result as JSON.
	#[arg(long)]
	pub json: bool,
	/// Show the call and its weight; send nothing.
	#[arg(long)]
	pub dry_run: bool,
}

/// What a command sent and what it did, as `--json` prints it.
#[derive(Debug, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Sent {
	/// The finalized block it is in; none for a dry run.
	pub block: Option<String>,
	/// The call, as the runtime names it (`AeoCertificates.suspend`).
	pub call: String,
	/// Its declared weight (ref time in picoseconds, proof size in bytes).
	pub weight: (u64, u64),
	/// The events it caused, decoded.
	pub events: Vec<String>,
}

impl Sent {
	/// A call not sent yet.
	pub fn new(call: &RuntimeCall) -> Sent {
		use frame_support::dispatch::GetDispatchInfo;
		let weight = call.get_dispatch_info().call_weight;
		Sent {
			block: None,
			call: call_name(call),
			weight: (weight.ref_time(), weight.proof_size()),
			events: Vec::new(),
		}
	}

	/// In words: the dry run's weight, or the block and the events.
	pub fn print(&self) {
		match &self.block {
			None => println!(
				"{}",
				t!(
					"chain-dry-run",
					call = self.call,
					ref_time = self.weight.0,
					proof_size = self.weight.1
				)
			),
			Some(block) => {
				println!("{}", t!("chain-finalized-in", call = self.call, block = block));
				for event in &self.events {
					println!("  {event}");
				}
			}
		}
	}
}

impl Chain {
	/// Sends `call` signed by `key` and waits for finality (a dry run only
	/// weighs it): the call, its block and its events, or the chain's
	/// refusal in words.
	pub async fn send(&self, key: &Keypair, call: RuntimeCall, dry_run: bool) -> Result<Sent> {
		let mut sent = Sent::new(&call);
		if dry_run {
			return Ok(sent);
		}
		let nonce = self.next_nonce(key).await?;
		let (block, events) = self.execute(key, call, nonce).await?;
		sent.block = Some(block);
		sent.events = events;
		Ok(sent)
	}
}

/// `Pallet.call` of a call.
pub fn call_name(call: &RuntimeCall) -> String {
	let debug = format!("{call:?}");
	// `AeoCertificates(Call::suspend { … })`
	let pallet = debug.split('(').next().unwrap_or_default();
	let name = debug.split("Call::").nth(1).and_then(|rest| rest.split([' ', '{', ')']).next());
	format!("{pallet}.{}", name.unwrap_or("?"))
}

#[cfg(test)]
mod tests {
	use super::*;

	/// Issue #12, fault 18: `ws://` to another host went without a word.
	#[test]
	fn plain_websockets_to_another_host_are_told() {
		for url in ["ws://10.0.0.5:9944", "ws://cadena.aduana.example", "http://node:9944/"] {
			assert!(unencrypted_to_another_host(url), "{url}");
		}
		for url in [
			"ws://127.0.0.1:9944",
			"ws://localhost:9944",
			"ws://[::1]:9944",
			"wss://cadena.aduana.example",
		] {
			assert!(!unencrypted_to_another_host(url), "{url}");
		}
	}
	use subxt::ext::frame_metadata::{
		v16::RuntimeMetadataV16, RuntimeMetadata, RuntimeMetadataPrefixed,
	};

	/// This build's metadata, changed by `change`.
	fn changed(change: impl FnOnce(&mut RuntimeMetadataV16)) -> Metadata {
		let bytes = cadena_runtime::Runtime::metadata_at_version(16).unwrap();
		let mut prefixed = RuntimeMetadataPrefixed::decode(&mut &bytes[..]).unwrap();
		let RuntimeMetadata::V16(ref mut metadata) = prefixed.1 else { panic!("V16 asked") };
		change(metadata);
		Metadata::decode_from(&prefixed.encode()).unwrap()
	}

	#[test]
	fn a_node_with_another_runtime_is_refused_with_what_differs() {
		let local = local_metadata();
		check_compatible(&local, &changed(|_| {})).unwrap();

		let without_utility = changed(|m| m.pallets.retain(|p| p.name != "Utility"));
		let error = check_compatible(&local, &without_utility).unwrap_err().to_string();
		assert_eq!(error, "the node's runtime has no Utility pallet");

		let moved = changed(|m| {
			let pallet = m.pallets.iter_mut().find(|p| p.name == "AeoCertificates").unwrap();
			pallet.index = 99;
		});
		let error = check_compatible(&local, &moved).unwrap_err().to_string();
		assert_eq!(error, "the node's runtime has a different AeoCertificates.grant");

		let older_api = changed(|m| {
			let api = m.apis.iter_mut().find(|a| a.name == "CadenaApi").unwrap();
			api.methods.retain(|m| m.name != "traders");
		});
		let error = check_compatible(&local, &older_api).unwrap_err().to_string();
		assert_eq!(error, "the node's runtime answers CadenaApi.traders differently");
	}

	#[test]
	fn a_call_keeps_its_name_and_arguments() {
		let call: RuntimeCall = pallet_tin_registry::Call::close { tin: b"MXA1".to_vec() }.into();
		let encoded = call.encode();
		let payload = Call::new(call);
		assert_eq!((payload.pallet_name(), payload.call_name()), ("TinRegistry", "close"));
		assert_eq!(payload.args.0, encoded[2..]);
	}
}
