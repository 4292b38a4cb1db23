//! The network perimeter (docs/network.md): a node exchanges chain data
//! only with the nodes the member administrations declared on chain.
//!
//! The node starts in reserved-only mode, its reserved peers the operator's
//! `--reserved-nodes`. It reads `CadenaApi::authorized_nodes` at its last
//! finalized block, at start and after every finalized block, and whenever
//! the list changes sets its reserved peers to the list (with
//! `--reserved-nodes`). Block announces and sync accept reserved peers only;
//! GRANDPA and transactions open their substreams only to peers connected
//! for sync; so an unlisted node gets neither blocks nor votes nor
//! transactions, and a node taken off the list is disconnected.
//!
//! A runtime before API version 3, or a chain whose members have declared
//! no node yet, leaves the network open (with a warning): closing it would
//! cut every node off.
//!
//! The node switches reserved-only mode on only when it reopened the
//! network before: the litep2p peer set, told "reserved only" while it
//! already is, marks every connected peer as closing without closing it,
//! and a peer so marked is then never disconnected when it leaves the list
//! (the withdrawn node would keep syncing). Closing the network again
//! therefore empties the reserved set first, so that every peer the mode
//! marks is closed, and then sets the list.

use std::{
	collections::{BTreeMap, HashSet},
	str::FromStr,
	sync::Arc,
};

use cadena_runtime::{opaque::Block, AccountId};
use cadena_runtime_api::CadenaApi;
use futures::StreamExt;
use sc_network::{
	multiaddr::Multiaddr, service::traits::NetworkService, NetworkPeers, NetworkStateInfo, PeerId,
};
use sp_api::ApiExt;
use sp_core::H256;

/// Log target (`-l cadena::perimeter=debug`).
pub const LOG_TARGET: &str = "cadena::perimeter";

/// The nodes members may connect to: peer id and declared address.
type Authorized = BTreeMap<PeerId, Option<Multiaddr>>;

/// What the chain says at a block: the declared nodes, or `None` when the
/// runtime cannot say or nobody declared a node yet.
fn authorized_at<C: cadena_rpc::Client>(
	client: &C,
	hash: H256,
) -> Result<Option<Authorized>, String> {
	let api = client.runtime_api();
	let version = api
		.api_version::<dyn CadenaApi<Block, AccountId>>(hash)
		.map_err(|e| e.to_string())?
		.unwrap_or(0);
	if version < 3 {
		return Ok(None);
	}
	let mut authorized = Authorized::new();
	for node in api.authorized_nodes(hash).map_err(|e| e.to_string())? {
		let Ok(peer_id) = PeerId::from_bytes(&node.peer_id) else {
			log::warn!(target: LOG_TARGET, "{}'s node {:?} is not a peer id", node.country, node.peer_id);
			continue;
		};
		let address = core::str::from_utf8(&node.address)
			.ok()
			.and_then(|text| Multiaddr::from_str(text).ok());
		authorized.insert(peer_id, address);
	}
	Ok((!authorized.is_empty()).then_some(authorized))
}

/// Keeps the node's reserved peers to the authorized nodes, for as long as
/// the node runs. `static_peers` are the operator's `--reserved-nodes`.
pub async fn run<C: cadena_rpc::Client>(
	client: Arc<C>,
	network: Arc<dyn NetworkService>,
	static_peers: HashSet<PeerId>,
) {
	let local = network.local_peer_id();
	let mut finality = client.finality_notification_stream();
	// `None`: not decided yet; `Some(None)`: open; `Some(Some(list))`: closed to the list.
	let mut applied: Option<Option<Authorized>> = None;
	// The service starts the node in reserved-only mode.
	let mut reserved_only = true;
	loop {
		let info = client.info();
		match authorized_at(&*client, info.finalized_hash) {
			Ok(now) if applied.as_ref() != Some(&now) => {
				match &now {
					Some(nodes) => {
						for (peer, address) in nodes {
							if let Some(address) = address {
								network.add_known_address(*peer, address.clone());
							}
						}
						let mut peers: HashSet<PeerId> =
							nodes.keys().copied().filter(|peer| *peer != local).collect();
						peers.extend(static_peers.iter().copied());
						if !reserved_only {
							// Reopened before: close every connection, then
							// admit the list (the module's documentation).
							network.set_authorized_peers(HashSet::new());
							network.set_authorized_only(true);
							reserved_only = true;
						}
						network.set_authorized_peers(peers);
						log::info!(
							target: LOG_TARGET,
							"🔒 {} member nodes authorized at finalized block #{}{}",
							nodes.len(),
							info.finalized_number,
							if nodes.contains_key(&local) { "" } else { " (this node is not one: members refuse it)" },
						);
					}
					None => {
						network.set_authorized_only(false);
						reserved_only = false;
						log::warn!(
							target: LOG_TARGET,
							"no node is declared on chain at finalized block #{}: the network is \
							 open to any node with the chain spec until members declare theirs",
							info.finalized_number,
						);
					}
				}
				applied = Some(now);
			}
			Ok(_) => {}
			Err(error) => log::warn!(
				target: LOG_TARGET,
				"cannot read the authorized nodes at #{}: {error}",
				info.finalized_number
			),
		}
		if finality.next().await.is_none() {
			return;
		}
	}
}
