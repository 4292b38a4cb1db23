//! Four validators (`--chain local`) on loopback: they peer, agree on
//! finality, survive one validator's crash, and the crashed one catches up
//! on its old database without losing anything finalized.

use std::{path::PathBuf, time::Duration};

use anyhow::{ensure, Result};
use cadena_testnet::{wait_until, Network, Rpc};
use jsonrpsee::ws_client::WsClient;

fn binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_cadena-node"))
}

/// The lowest finalized block number among `clients`, once every one has
/// finalized at least `at_least`.
async fn common_finalized(clients: &[WsClient], at_least: u64) -> Result<Option<u64>> {
	let mut lowest = u64::MAX;
	for client in clients {
		let (_, number) = Rpc(client).finalized().await?;
		lowest = lowest.min(number);
	}
	Ok((lowest >= at_least).then_some(lowest))
}

/// The hash every client has at block `number`; fails if they differ.
async fn agreed_hash(clients: &[WsClient], number: u64) -> Result<String> {
	let mut hashes = Vec::new();
	for client in clients {
		hashes.push(Rpc(client).block_hash(number).await?.unwrap_or_default());
	}
	ensure!(
		!hashes[0].is_empty() && hashes.iter().all(|h| h == &hashes[0]),
		"nodes disagree on block {number}: {hashes:?}"
	);
	Ok(hashes[0].clone())
}

#[tokio::test(flavor = "multi_thread")]
async fn four_validators_finalize_and_survive_a_crash() -> Result<()> {
	let mut network = Network::start(&binary(), "local", 4, None).await?;
	let result = scenario(&mut network).await;
	if result.is_err() {
		eprintln!("{}", network.logs(25));
	}
	result?;
	network.stop()
}

async fn scenario(network: &mut Network) -> Result<()> {
	let long = Duration::from_secs(90);
	let clients = network.clients().await?;

	// Every node sees the three others.
	for (i, client) in clients.iter().enumerate() {
		wait_until(&format!("node {i} to have 3 peers"), long, || async {
			Ok((Rpc(client).peers().await? == 3).then_some(()))
		})
		.await?;
	}

	// All four reach the same finalized hash.
	let before =
		wait_until("all four to finalize block 3", long, || common_finalized(&clients, 3)).await?;
	let hash_before_kill = agreed_hash(&clients, before).await?;

	// Kill Dave's validator as a crash would: 3 of 4 is above two thirds.
	let dave_finalized = Rpc(&clients[3]).finalized().await?;
	network.nodes[3].kill()?;
	drop(clients);
	let survivors = {
		let mut c = Vec::new();
		for node in &network.nodes[..3] {
			c.push(node.client().await?);
		}
		c
	};
	// Five blocks beyond the best block at the kill must be produced and finalized.
	let (_, best_at_kill) = Rpc(&survivors[0]).best().await?;
	let target = best_at_kill + 5;
	let reached = wait_until(&format!("three survivors to finalize block {target}"), long, || {
		common_finalized(&survivors, target)
	})
	.await?;
	agreed_hash(&survivors, reached).await?;
	let (_, best_now) = Rpc(&survivors[0]).best().await?;
	ensure!(best_now >= target, "survivors stopped producing blocks");

	// Dave comes back on its old database and catches up.
	network.nodes[3].restart()?;
	let dave = network.nodes[3].wait_for_rpc(long).await?;
	let (_, survivors_now) = Rpc(&survivors[0]).finalized().await?;
	let mut all = survivors;
	all.push(dave);
	let caught_up =
		wait_until(&format!("restarted node to finalize block {survivors_now}"), long, || {
			common_finalized(&all, survivors_now)
		})
		.await?;
	agreed_hash(&all, caught_up).await?;

	// Nothing finalized before the kill was lost, on any node.
	ensure!(
		agreed_hash(&all, before).await? == hash_before_kill,
		"finalized block {before} changed"
	);
	let (dave_hash, dave_number) = dave_finalized;
	ensure!(
		Rpc(&all[3]).block_hash(dave_number).await? == Some(dave_hash.clone()),
		"the restarted node lost its finalized block {dave_number}"
	);
	ensure!(agreed_hash(&all, dave_number).await? == dave_hash);
	Ok(())
}
