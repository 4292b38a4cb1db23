//! The network perimeter (issue #13, docs/network.md) on four validators
//! (MX, CR, PE, CO) on loopback, one network for every scenario:
//!
//! - an outsider with the chain spec and every validator's address stays at
//!   block 0 with no peer for 60 s while the validators finalize (beside the
//!   scenarios below);
//! - a second node of Mexico syncs only once Mexico declares it; Mexico
//!   declares the node's next key while it runs (the list changes under a
//!   connected node), then withdraws the current one: every validator
//!   drops it within 10 finalized blocks, after which it makes no progress;
//!   restarted with the new key, it rejoins;
//! - a validator serves the safe RPC methods only;
//! - recovery: the four validators restarted on new addresses, with
//!   bootnodes that lead nowhere, stay stalled; restarted again with
//!   `--reserved-nodes`, they finalize again.

use std::{path::PathBuf, time::Duration};

use anyhow::{ensure, Result};
use cadena_runtime::{genesis_config_presets::dev_peer_id, RuntimeCall};
use cadena_testnet::{
	chain::{dev_pair, Chain},
	declare_node, free_port, wait_until, Network, Node, NodeConfig, Rpc,
};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use tokio::time::{sleep, Instant};

fn binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_cadena-node"))
}

const LONG: Duration = Duration::from_secs(120);

/// The lowest finalized block number among `clients`.
async fn lowest_finalized(clients: &[WsClient]) -> Result<u64> {
	let mut lowest = u64::MAX;
	for client in clients {
		lowest = lowest.min(Rpc(client).finalized().await?.1);
	}
	Ok(lowest)
}

/// A non-validator node of the network under `name`, booting from every
/// validator, with the node key `index + 1` (its peer id is
/// `dev_peer_id(index)`).
fn full_node(network: &Network, name: &str, index: usize) -> Result<NodeConfig> {
	let mut config = NodeConfig::new(name, network.chain(), &network.dir().join(name), index)?;
	for (i, node) in network.nodes.iter().enumerate() {
		let peer_id = peer_id_text(dev_peer_id(i));
		config.bootnodes.push(format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer_id}", node.config.p2p_port));
	}
	Ok(config)
}

/// The base58 text of a peer id's bytes.
fn peer_id_text(bytes: Vec<u8>) -> String {
	sc_network::PeerId::from_bytes(&bytes).expect("a peer id").to_base58()
}

#[tokio::test(flavor = "multi_thread")]
async fn only_declared_nodes_get_chain_data() -> Result<()> {
	// The peer set's refusals are in the validators' logs at this level.
	let args = ["-lsub-libp2p::peerset=trace"];
	let mut network = Network::start_with(&binary(), "local", 4, None, &args).await?;
	let mut extra = Vec::new();
	let result = scenario(&mut network, &mut extra).await;
	if result.is_err() {
		eprintln!("{}", network.logs(30));
		for node in &extra {
			eprintln!("--- {} ---\n{}", node.config.name, node.log_tail(30));
		}
	}
	result?;
	network.stop()
}

async fn scenario(network: &mut Network, extra: &mut Vec<Node>) -> Result<()> {
	let validators = network.clients().await?;
	for (i, client) in validators.iter().enumerate() {
		ensure!(Rpc(client).peer_id_bytes().await? == dev_peer_id(i), "validator {i}'s peer id");
	}
	wait_until("the validators to finalize block 2", LONG, || async {
		Ok((lowest_finalized(&validators).await? >= 2).then_some(()))
	})
	.await?;

	// An outsider: the chain spec, every validator's address, no declaration.
	let mut outsider = full_node(network, "outsider", 40)?;
	outsider.node_key = Some(format!("{:064x}", 0xdead_beef_u64));
	extra.push(Node::start(&binary(), outsider)?);
	let outsider_client = extra[0].wait_for_rpc(Duration::from_secs(60)).await?;
	let outsider_started = Instant::now();
	let finalized_at_start = lowest_finalized(&validators).await?;

	// Beside it, Mexico's second node.
	let watch_outsider = async {
		while outsider_started.elapsed() < Duration::from_secs(60) {
			let rpc = Rpc(&outsider_client);
			ensure!(rpc.best().await?.1 == 0, "the outsider got a block");
			ensure!(rpc.peers().await? == 0, "a member let the outsider in");
			sleep(Duration::from_secs(2)).await;
		}
		let now = lowest_finalized(&validators).await?;
		ensure!(
			now >= finalized_at_start + 20,
			"the validators stalled: {finalized_at_start} → {now}"
		);
		Ok::<_, anyhow::Error>(())
	};
	let (outsider_result, second_node) =
		tokio::join!(watch_outsider, second_node(network, &validators));
	outsider_result?;
	extra.push(second_node?);

	// The validators refused the outsider's substreams: their logs say so.
	let outsider_id = Rpc(&outsider_client).peer_id().await?;
	let refusal = format!("rejecting non-reserved peer PeerId(\"{outsider_id}\")");
	let refused_by = network
		.nodes
		.iter()
		.filter(|node| {
			std::fs::read_to_string(node.log_path()).unwrap_or_default().contains(&refusal)
		})
		.count();
	ensure!(refused_by >= 1, "no validator logged a refusal of {outsider_id}");

	// A validator serves the safe RPC methods only.
	let refused = validators[0]
		.request::<String, _>("author_rotateKeys", rpc_params![])
		.await
		.expect_err("a validator refuses unsafe methods");
	ensure!(refused.to_string().contains("unsafe"), "{refused}");

	for node in extra.iter_mut() {
		node.kill()?;
	}
	drop(validators);
	let started = Instant::now();
	recovery(network).await?;
	println!("recovery with --reserved-nodes took {:?}", started.elapsed());
	Ok(())
}

/// Mexico's second node: refused until declared, dropped once withdrawn,
/// rejoining under a new key declared first. Returns the node, running.
async fn second_node(network: &Network, validators: &[WsClient]) -> Result<Node> {
	let chain = Chain::new(&validators[0]).await?;
	let alice = dev_pair("//Alice");
	let mut node = Node::start(&binary(), full_node(network, "mx-rpc", 10)?)?;
	let client = node.wait_for_rpc(Duration::from_secs(60)).await?;
	let peer_id = Rpc(&client).peer_id_bytes().await?;
	ensure!(peer_id == dev_peer_id(10));
	// Mexico's operator signs the declaration with the node's key.
	let declare = |node: &Node| -> Result<RuntimeCall> {
		let node_key = node.config.node_key.as_deref().expect("a node key");
		let address = format!("/ip4/127.0.0.1/tcp/{}", node.config.p2p_port);
		let node =
			declare_node(&binary(), network.chain(), node_key, "MX", &address, network.dir())?;
		Ok(pallet_consortium::Call::add_node { node }.into())
	};

	// Undeclared, it gets nothing.
	sleep(Duration::from_secs(4)).await;
	ensure!(Rpc(&client).best().await?.1 == 0, "an undeclared node synced");

	// Declared, it syncs.
	chain.execute(&alice, declare(&node)?).await?;
	let (_, declared_at) = Rpc(&validators[0]).finalized().await?;
	wait_until("Mexico's declared node to sync", LONG, || async {
		Ok((Rpc(&client).finalized().await?.1 >= declared_at).then_some(()))
	})
	.await?;

	// Mexico declares the node's next key while it runs: the list changes
	// under a connected node (the validators' peer sets once lost track of
	// it here, and kept it after its withdrawal).
	node.config.node_key = Some(format!("{:064x}", 12));
	chain.execute(&alice, declare(&node)?).await?;
	let (_, next_declared_at) = Rpc(&validators[0]).finalized().await?;
	wait_until("the next key's declaration to be final everywhere", LONG, || async {
		Ok((lowest_finalized(validators).await? > next_declared_at).then_some(()))
	})
	.await?;
	ensure!(Rpc(&client).peers().await? > 0, "Mexico's node lost its peers");

	// Withdrawn, every validator drops it within 10 finalized blocks.
	let remove: RuntimeCall =
		pallet_consortium::Call::remove_node { peer_id: peer_id.clone().try_into().unwrap() }
			.into();
	chain.execute(&alice, remove).await?;
	let (_, removed_at) = Rpc(&validators[0]).finalized().await?;
	for (i, validator) in validators.iter().enumerate() {
		wait_until(&format!("validator {i} to drop the withdrawn node"), LONG, || async {
			Ok((Rpc(validator).peers().await? == 3).then_some(()))
		})
		.await?;
	}
	let dropped_at = lowest_finalized(validators).await?;
	ensure!(dropped_at <= removed_at + 10, "dropped at #{dropped_at}, withdrawn at #{removed_at}");
	wait_until("the withdrawn node to have no peer", LONG, || async {
		Ok((Rpc(&client).peers().await? == 0).then_some(()))
	})
	.await?;
	let stopped_at = Rpc(&client).best().await?.1;
	let target = lowest_finalized(validators).await? + 5;
	wait_until("5 more finalized blocks", LONG, || async {
		Ok((lowest_finalized(validators).await? >= target).then_some(()))
	})
	.await?;
	ensure!(Rpc(&client).best().await?.1 == stopped_at, "the withdrawn node still syncs");
	drop(client);

	// Restarted with the key declared before, the node rejoins.
	node.stop(Duration::from_secs(20))?;
	node.restart()?;
	let client = node.wait_for_rpc(Duration::from_secs(60)).await?;
	ensure!(Rpc(&client).peer_id_bytes().await? == dev_peer_id(11));
	let (_, now) = Rpc(&validators[0]).finalized().await?;
	wait_until("the node under its new key to rejoin", LONG, || async {
		Ok((Rpc(&client).finalized().await?.1 >= now).then_some(()))
	})
	.await?;
	Ok(node)
}

/// All four validators move to new ports at once: the list's addresses and
/// the bootnodes lead nowhere. `--reserved-nodes` brings them back.
async fn recovery(network: &mut Network) -> Result<()> {
	let before = {
		let clients = network.clients().await?;
		lowest_finalized(&clients).await?
	};
	for node in network.nodes.iter_mut() {
		node.stop(Duration::from_secs(20))?;
		node.config.p2p_port = free_port()?;
		node.config.bootnodes.clear();
	}
	for node in network.nodes.iter_mut() {
		node.restart()?;
	}
	let mut clients = Vec::new();
	for node in network.nodes.iter_mut() {
		clients.push(node.wait_for_rpc(Duration::from_secs(60)).await?);
	}
	sleep(Duration::from_secs(10)).await;
	let stalled = lowest_finalized(&clients).await?;
	ensure!(stalled <= before + 1, "finality went on without addresses: #{before} → #{stalled}");
	for client in &clients {
		ensure!(Rpc(client).peers().await? == 0, "a validator found a peer without an address");
	}
	drop(clients);

	// The operators exchange addresses and restart with them.
	let addresses: Vec<String> = (0..network.nodes.len())
		.map(|i| {
			format!(
				"/ip4/127.0.0.1/tcp/{}/p2p/{}",
				network.nodes[i].config.p2p_port,
				peer_id_text(dev_peer_id(i))
			)
		})
		.collect();
	for (i, node) in network.nodes.iter_mut().enumerate() {
		node.stop(Duration::from_secs(20))?;
		for (j, address) in addresses.iter().enumerate() {
			if i != j {
				node.config.extra_args.extend(["--reserved-nodes".to_string(), address.clone()]);
			}
		}
		node.restart()?;
	}
	let mut clients = Vec::new();
	for node in network.nodes.iter_mut() {
		clients.push(node.wait_for_rpc(Duration::from_secs(60)).await?);
	}
	let target = stalled + 3;
	wait_until(&format!("finality past #{target} again"), LONG, || async {
		Ok((lowest_finalized(&clients).await? >= target).then_some(()))
	})
	.await?;
	Ok(())
}
