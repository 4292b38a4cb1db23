//! A typed client of a CADENA node for tests: builds and signs extrinsics with
//! the runtime's own types, submits them over JSON-RPC, waits for them to be
//! finalized and reads their events and the chain's storage.

use anyhow::{anyhow, bail, Context, Result};
use cadena_runtime::{
	Block, Hash, Nonce, RuntimeCall, RuntimeError, RuntimeEvent, UncheckedExtrinsic,
};
use codec::{Decode, Encode};
use frame_system::EventRecord;
use jsonrpsee::{
	core::client::{ClientT, Subscription, SubscriptionClientT},
	rpc_params,
	ws_client::WsClient,
};
use serde_json::Value;
use sp_core::{sr25519, Pair};
use std::time::Duration;

/// A decoded event of an extrinsic.
pub type Events = Vec<RuntimeEvent>;

/// What a node needs to sign for: its genesis and runtime version.
pub struct Chain<'a> {
	/// The JSON-RPC client.
	pub client: &'a WsClient,
	genesis: Hash,
	spec_version: u32,
	transaction_version: u32,
}

/// Decodes `0x`-prefixed hex.
pub fn from_hex(text: &str) -> Result<Vec<u8>> {
	Ok(hex::decode(text.trim_start_matches("0x"))?)
}

/// The storage key of a plain `StorageValue`.
pub fn value_key(pallet: &str, item: &str) -> Vec<u8> {
	frame_support::storage::storage_prefix(pallet.as_bytes(), item.as_bytes()).to_vec()
}

/// A development key pair from a secret URI such as `//Alice//registrar`.
pub fn dev_pair(uri: &str) -> sr25519::Pair {
	sr25519::Pair::from_string(uri, None).expect("valid dev URI")
}

impl<'a> Chain<'a> {
	/// Reads the genesis hash and runtime version from the node.
	pub async fn new(client: &'a WsClient) -> Result<Self> {
		let genesis: Hash = client.request("chain_getBlockHash", rpc_params![0]).await?;
		let version: Value = client.request("state_getRuntimeVersion", rpc_params![]).await?;
		let field = |name: &str| {
			version[name]
				.as_u64()
				.map(|v| v as u32)
				.ok_or_else(|| anyhow!("no {name} in {version}"))
		};
		Ok(Self {
			client,
			genesis,
			spec_version: field("specVersion")?,
			transaction_version: field("transactionVersion")?,
		})
	}

	/// The next nonce of `who`, counting its transactions in the pool.
	pub async fn nonce(&self, who: &sr25519::Pair) -> Result<Nonce> {
		let account = cadena_runtime::AccountId::from(who.public());
		Ok(self.client.request("system_accountNextIndex", rpc_params![account.to_string()]).await?)
	}

	/// `call` signed by `signer` with `nonce`, immortal.
	pub fn sign(
		&self,
		signer: &sr25519::Pair,
		call: RuntimeCall,
		nonce: Nonce,
	) -> UncheckedExtrinsic {
		cadena_runtime::sign_extrinsic(
			signer,
			call,
			nonce,
			self.genesis,
			self.spec_version,
			self.transaction_version,
		)
	}

	/// Submits `call` signed by `signer` to the pool; returns its hash. A pool
	/// refusal is an error carrying the node's message.
	pub async fn submit(&self, signer: &sr25519::Pair, call: RuntimeCall) -> Result<Hash> {
		let nonce = self.nonce(signer).await?;
		let extrinsic = self.sign(signer, call, nonce);
		let hex = format!("0x{}", hex::encode(extrinsic.encode()));
		Ok(self.client.request("author_submitExtrinsic", rpc_params![hex]).await?)
	}

	/// Submits `call` signed by `signer`, waits until the block holding it is
	/// finalized, and returns its events; a failed dispatch is an error naming
	/// the runtime error.
	pub async fn execute(&self, signer: &sr25519::Pair, call: RuntimeCall) -> Result<Events> {
		self.execute_encoded(signer, &call.encode()).await
	}

	/// [`Self::execute`] for a call already encoded: one of another runtime
	/// (the released one, before an upgrade), whose call types differ from
	/// this tree's. Its events are decoded with this tree's types.
	pub async fn execute_encoded(&self, signer: &sr25519::Pair, call: &[u8]) -> Result<Events> {
		let nonce = self.nonce(signer).await?;
		let encoded = cadena_runtime::sign_encoded_call(
			signer,
			call,
			nonce,
			self.genesis,
			self.spec_version,
			self.transaction_version,
		);
		let hex = format!("0x{}", hex::encode(&encoded));
		let mut watch: Subscription<Value> = self
			.client
			.subscribe(
				"author_submitAndWatchExtrinsic",
				rpc_params![hex],
				"author_unwatchExtrinsic",
			)
			.await?;
		let block = loop {
			let status = tokio::time::timeout(Duration::from_secs(60), watch.next())
				.await
				.context("no status for 60 s")?
				.ok_or_else(|| anyhow!("watch ended"))??;
			if let Some(hash) = status.get("finalized").and_then(Value::as_str) {
				break hash.to_string();
			}
			for bad in ["invalid", "dropped", "usurped", "finalityTimeout"] {
				if status.get(bad).is_some() || status == Value::String(bad.into()) {
					bail!("extrinsic {bad}: {status}");
				}
			}
		};
		self.extrinsic_events(&block, &encoded).await
	}

	/// The events of the extrinsic `encoded` in block `hash`.
	pub async fn extrinsic_events(&self, hash: &str, encoded: &[u8]) -> Result<Events> {
		let block: Value = self.client.request("chain_getBlock", rpc_params![hash]).await?;
		let wanted = format!("0x{}", hex::encode(encoded));
		let index = block["block"]["extrinsics"]
			.as_array()
			.and_then(|list| list.iter().position(|x| x.as_str() == Some(wanted.as_str())))
			.ok_or_else(|| anyhow!("extrinsic not in block {hash}"))? as u32;
		let records: Vec<EventRecord<RuntimeEvent, Hash>> =
			self.storage(&value_key("System", "Events"), Some(hash)).await?.unwrap_or_default();
		let events: Events = records
			.into_iter()
			.filter(|r| r.phase == frame_system::Phase::ApplyExtrinsic(index))
			.map(|r| r.event)
			.collect();
		for event in &events {
			if let RuntimeEvent::System(frame_system::Event::ExtrinsicFailed {
				dispatch_error,
				..
			}) = event
			{
				let named = RuntimeError::from_dispatch_error(*dispatch_error)
					.map(|e| format!("{e:?}"))
					.unwrap_or_else(|| format!("{dispatch_error:?}"));
				bail!("dispatch failed: {named}");
			}
		}
		Ok(events)
	}

	/// The value at `key`, at block `at` (best block if `None`).
	pub async fn storage<T: Decode>(&self, key: &[u8], at: Option<&str>) -> Result<Option<T>> {
		let key = format!("0x{}", hex::encode(key));
		let data: Option<String> =
			self.client.request("state_getStorage", rpc_params![key, at]).await?;
		data.map(|hex| Ok(T::decode(&mut &from_hex(&hex)?[..])?)).transpose()
	}

	/// Every key and value of the state at block `at`, read page by page: what
	/// the node holds, to check invariants against (as try-runtime does).
	pub async fn storage_pairs(&self, at: &str) -> Result<Vec<(Vec<u8>, Vec<u8>)>> {
		const PAGE: u32 = 1000;
		let mut pairs = Vec::new();
		let mut start: Option<String> = None;
		loop {
			let keys: Vec<String> = self
				.client
				.request("state_getKeysPaged", rpc_params!["0x", PAGE, start.clone(), at])
				.await?;
			if keys.is_empty() {
				break;
			}
			let changes: Vec<Value> =
				self.client.request("state_queryStorageAt", rpc_params![keys.clone(), at]).await?;
			for change in
				changes.first().and_then(|c| c["changes"].as_array()).into_iter().flatten()
			{
				if let (Some(key), Some(value)) = (change[0].as_str(), change[1].as_str()) {
					pairs.push((from_hex(key)?, from_hex(value)?));
				}
			}
			if keys.len() < PAGE as usize {
				break;
			}
			start = keys.last().cloned();
		}
		Ok(pairs)
	}

	/// The spec version of the runtime this client signs for.
	pub fn spec_version(&self) -> u32 {
		self.spec_version
	}

	/// A council motion for `call`: `proposer` proposes it with `threshold`,
	/// every one of `voters` approves, and the last voter (or the proposer)
	/// closes it. Returns the events of the close, which say whether the
	/// motion passed and how its call fared (`Council.Executed`).
	pub async fn council_motion(
		&self,
		proposer: &sr25519::Pair,
		voters: &[&sr25519::Pair],
		threshold: u32,
		call: RuntimeCall,
	) -> Result<Events> {
		use frame_support::dispatch::GetDispatchInfo;
		use sp_runtime::traits::Hash as _;
		let length = call.encoded_size() as u32;
		let weight = call.get_dispatch_info().call_weight;
		let hash = <cadena_runtime::Runtime as frame_system::Config>::Hashing::hash_of(&call);
		let events = self
			.execute(
				proposer,
				pallet_collective::Call::propose {
					threshold,
					proposal: Box::new(call),
					length_bound: length,
				}
				.into(),
			)
			.await?;
		let index = events
			.iter()
			.find_map(|e| match e {
				RuntimeEvent::Council(pallet_collective::Event::Proposed {
					proposal_index,
					..
				}) => Some(*proposal_index),
				_ => None,
			})
			.ok_or_else(|| anyhow!("no Proposed event in {events:?}"))?;
		for voter in voters {
			self.execute(
				voter,
				pallet_collective::Call::vote { proposal: hash, index, approve: true }.into(),
			)
			.await?;
		}
		let closer = voters.last().copied().unwrap_or(proposer);
		self.execute(
			closer,
			pallet_collective::Call::close {
				proposal_hash: hash,
				index,
				proposal_weight_bound: weight,
				length_bound: length,
			}
			.into(),
		)
		.await
	}

	/// The header of block `hash`, decoded.
	pub async fn header(&self, hash: &str) -> Result<Header> {
		Ok(self.client.request("chain_getHeader", rpc_params![hash]).await?)
	}
}

/// A block header.
pub type Header = <Block as sp_runtime::traits::Block>::Header;
