//! On a real 4-validator local network (MX, CR, PE, CO): the customs council
//! admits a fifth administration, Guatemala, whose fresh validator node then
//! authors blocks and votes in GRANDPA; then the council retires it and the
//! network goes on with four.

use std::{path::PathBuf, time::Duration};

use anyhow::{anyhow, ensure, Result};
use cadena_primitives::CountryCode;
use cadena_runtime::{AccountId, RuntimeCall, RuntimeEvent, SessionKeys};
use cadena_testnet::{
	chain::{dev_pair, from_hex, value_key, Chain},
	declare_node, wait_until, Network, Rpc,
};
use codec::{Decode, Encode};
use jsonrpsee::{core::client::ClientT, rpc_params, ws_client::WsClient};
use serde_json::Value;
use sp_consensus_aura::{sr25519::AuthorityId as AuraId, Slot, AURA_ENGINE_ID};
use sp_core::{sr25519, Pair};
use sp_runtime::DigestItem;

fn binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_cadena-node"))
}

/// A council motion for `call` that must pass and execute successfully.
async fn council_motion(
	chain: &Chain<'_>,
	proposer: &sr25519::Pair,
	voters: &[&sr25519::Pair],
	threshold: u32,
	call: RuntimeCall,
) -> Result<()> {
	let events = chain.council_motion(proposer, voters, threshold, call).await?;
	let executed = events.iter().find_map(|e| match e {
		RuntimeEvent::Council(pallet_collective::Event::Executed { result, .. }) => Some(*result),
		_ => None,
	});
	ensure!(executed == Some(Ok(())), "motion not executed: {events:?}");
	Ok(())
}

async fn aura_authorities(chain: &Chain<'_>) -> Result<Vec<AuraId>> {
	Ok(chain.storage(&value_key("Aura", "Authorities"), None).await?.unwrap_or_default())
}

async fn grandpa_authorities(chain: &Chain<'_>) -> Result<usize> {
	let set: Vec<(sp_consensus_grandpa::AuthorityId, u64)> =
		chain.storage(&value_key("Grandpa", "Authorities"), None).await?.unwrap_or_default();
	Ok(set.len())
}

/// The Aura authority that authored the finalized block `number`.
async fn author(client: &WsClient, chain: &Chain<'_>, number: u64) -> Result<AuraId> {
	let hash: String = client.request("chain_getBlockHash", rpc_params![number]).await?;
	let header = chain.header(&hash).await?;
	let slot = header
		.digest
		.logs
		.iter()
		.find_map(|item| match item {
			DigestItem::PreRuntime(engine, data) if *engine == AURA_ENGINE_ID => {
				Slot::decode(&mut &data[..]).ok()
			}
			_ => None,
		})
		.ok_or_else(|| anyhow!("block {number} has no Aura slot"))?;
	let parent = format!("{:?}", header.parent_hash);
	let authorities: Vec<AuraId> =
		chain.storage(&value_key("Aura", "Authorities"), Some(&parent)).await?.unwrap_or_default();
	ensure!(!authorities.is_empty(), "no authorities at {parent}");
	Ok(authorities[(u64::from(slot) % authorities.len() as u64) as usize].clone())
}

#[tokio::test(flavor = "multi_thread")]
async fn council_admits_and_retires_a_fifth_administration() -> Result<()> {
	let mut network = Network::start(&binary(), "local", 4, None).await?;
	let result = scenario(&mut network).await;
	if result.is_err() {
		eprintln!("{}", network.logs(30));
	}
	result?;
	network.stop()
}

async fn scenario(network: &mut Network) -> Result<()> {
	let long = Duration::from_secs(120);
	let (alice, bob, charlie, dave) =
		(dev_pair("//Alice"), dev_pair("//Bob"), dev_pair("//Charlie"), dev_pair("//Dave"));
	let eve = dev_pair("//Eve");
	let guatemala = CountryCode(*b"GT");

	let mx = network.nodes[0].client().await?;
	let chain = Chain::new(&mx).await?;
	wait_until("block 1 to be finalized", long, || async {
		Ok((Rpc(&mx).finalized().await?.1 >= 1).then_some(()))
	})
	.await?;

	// Guatemala's operator starts a fresh validator node and makes its keys
	// (an unsafe RPC method: its operator allows it on this node).
	let gt_node = network.add_validator_with("eve", &["--rpc-methods", "unsafe"]).await?;
	let gt_node_port = gt_node.config.p2p_port;
	let gt_node_key = gt_node.config.node_key.clone().expect("a node key");
	let gt = gt_node.client().await?;
	let owner = AccountId::from(eve.public()).encode();
	let generated: Value = gt
		.request("author_rotateKeysWithOwner", rpc_params![format!("0x{}", hex::encode(&owner))])
		.await?;
	let keys = SessionKeys::decode(&mut &from_hex(generated["keys"].as_str().unwrap_or(""))?[..])?;
	let proof = from_hex(generated["proof"].as_str().unwrap_or("0x"))?;

	// Guatemala's operator signs its node's declaration with the node key.
	let gt_first_node = declare_node(
		&binary(),
		network.chain(),
		&gt_node_key,
		"GT",
		&format!("/ip4/127.0.0.1/tcp/{gt_node_port}"),
		network.dir(),
	)?;
	ensure!(gt_first_node.peer_id.to_vec() == Rpc(&gt).peer_id_bytes().await?, "declared peer id");

	// The council (3 of 4 is at least two thirds) admits Guatemala.
	let admit: RuntimeCall = pallet_consortium::Call::admit_member {
		country: guatemala,
		name: b"Superintendencia de Administracion Tributaria".to_vec(),
		admin: eve.public().into(),
		validator: eve.public().into(),
		encryption_key: None,
		// Its node, as the members will let it connect (issue #13), with
		// its key's signature (`cadena-node declare-node`).
		first_node: gt_first_node.clone(),
	}
	.into();

	// Before its admission, the members refuse Guatemala's node (issue #13):
	// it has the chain spec and a bootnode, and stays at block 0 with no peer.
	let (_, finalized) = Rpc(&mx).finalized().await?;
	wait_until("the members to finalize 3 more blocks", long, || async {
		Ok((Rpc(&mx).finalized().await?.1 >= finalized + 3).then_some(()))
	})
	.await?;
	ensure!(Rpc(&gt).best().await?.1 == 0, "Guatemala's node synced before its admission");
	ensure!(Rpc(&gt).peers().await? == 0, "a member let Guatemala's node in before its admission");

	council_motion(&chain, &alice, &[&alice, &bob, &charlie], 3, admit).await?;

	// Once the motion is final, Guatemala's node syncs.
	let (_, admitted) = Rpc(&mx).finalized().await?;
	wait_until("Guatemala's node to sync past its admission", long, || async {
		Ok((Rpc(&gt).best().await?.1 >= admitted).then_some(()))
	})
	.await?;

	// Its validator registers the session keys its node generated.
	chain
		.execute(&eve, pallet_session::Call::set_keys { keys: keys.clone(), proof }.into())
		.await?;

	// From the next session on, five authorities in Aura and GRANDPA.
	wait_until("five Aura authorities", long, || async {
		Ok((aura_authorities(&chain).await?.len() == 5).then_some(()))
	})
	.await?;
	ensure!(
		aura_authorities(&chain).await?.contains(&keys.aura),
		"Guatemala's key is an authority"
	);
	ensure!(grandpa_authorities(&chain).await? == 5, "GRANDPA has five voters");

	// Guatemala's node authors blocks, and they are finalized.
	let (_, from) = Rpc(&mx).finalized().await?;
	let authored = wait_until("a finalized block authored by Guatemala", long, || {
		let (mx, chain, aura) = (&mx, &chain, keys.aura.clone());
		async move {
			let (_, to) = Rpc(mx).finalized().await?;
			for number in from..=to {
				if author(mx, chain, number).await? == aura {
					return Ok(Some(number));
				}
			}
			Ok(None)
		}
	})
	.await?;
	let target = authored + 5;
	wait_until(&format!("finality past block {target} with five voters"), long, || async {
		Ok((Rpc(&mx).finalized().await?.1 >= target).then_some(()))
	})
	.await?;
	ensure!(Rpc(&gt).finalized().await?.1 >= authored, "Guatemala's node follows finality");

	// The council, now five, retires Guatemala: 4 of 5 is at least two thirds.
	let retire: RuntimeCall = pallet_consortium::Call::retire_member { country: guatemala }.into();
	council_motion(&chain, &alice, &[&alice, &bob, &charlie, &dave], 4, retire).await?;
	wait_until("four Aura authorities again", long, || async {
		Ok((aura_authorities(&chain).await?.len() == 4).then_some(()))
	})
	.await?;
	ensure!(grandpa_authorities(&chain).await? == 4, "GRANDPA back to four voters");
	ensure!(!aura_authorities(&chain).await?.contains(&keys.aura), "Guatemala left Aura");

	// Its node is dropped by every member, and makes no progress afterwards.
	for (i, node) in network.nodes[..4].iter().enumerate() {
		let client = node.client().await?;
		wait_until(&format!("member node {i} to drop Guatemala's node"), long, || async {
			Ok((Rpc(&client).peers().await? == 3).then_some(()))
		})
		.await?;
	}
	wait_until("Guatemala's node to have no peer", long, || async {
		Ok((Rpc(&gt).peers().await? == 0).then_some(()))
	})
	.await?;
	// (It may still author blocks of its own fork, in the slots of the
	// authority set it last saw; nobody finalizes them.)
	let (_, gt_finalized) = Rpc(&gt).finalized().await?;

	// The network goes on with four: new blocks are finalized, none by
	// Guatemala. A block's author comes from its parent's authorities, so
	// count from the first finalized block whose state has four.
	let after = wait_until("a finalized block with four authorities", long, || async {
		let (hash, number) = Rpc(&mx).finalized().await?;
		let authorities: Vec<AuraId> = chain
			.storage(&value_key("Aura", "Authorities"), Some(&hash))
			.await?
			.unwrap_or_default();
		Ok((authorities.len() == 4).then_some(number))
	})
	.await?;
	let target = after + 8;
	wait_until(&format!("finality past block {target} with four voters"), long, || async {
		Ok((Rpc(&mx).finalized().await?.1 >= target).then_some(()))
	})
	.await?;
	for number in after + 1..=target {
		ensure!(
			author(&mx, &chain, number).await? != keys.aura,
			"block {number} by a retired validator"
		);
	}
	ensure!(
		Rpc(&gt).finalized().await?.1 == gt_finalized,
		"a retired member's node still follows finality"
	);
	Ok(())
}
