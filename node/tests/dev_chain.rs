//! `cadena-node --dev` produces and finalizes blocks, and stops cleanly on SIGTERM.

use std::{path::PathBuf, time::Duration};

use anyhow::{ensure, Result};
use cadena_runtime::RuntimeCall;
use cadena_testnet::{
	chain::{dev_pair, Chain},
	wait_until, Node, NodeConfig, Rpc,
};
use sp_core::Pair;

fn binary() -> PathBuf {
	PathBuf::from(env!("CARGO_BIN_EXE_cadena-node"))
}

#[tokio::test(flavor = "multi_thread")]
async fn dev_chain_finalizes_blocks_and_stops_cleanly() -> Result<()> {
	let dir = tempfile::tempdir()?;
	let mut config = NodeConfig::new("dev", "dev", &dir.path().join("dev"), 0)?;
	// `--dev` makes the node a validator with Alice's keys.
	config.extra_args.push("--dev".into());
	let mut node = Node::start(&binary(), config)?;
	let client = node.wait_for_rpc(Duration::from_secs(60)).await?;
	let rpc = Rpc(&client);

	let (hash, number) = wait_until("a finalized block >= 3", Duration::from_secs(60), || async {
		let (hash, number) = rpc.finalized().await?;
		Ok((number >= 3).then_some((hash, number)))
	})
	.await
	.map_err(|e| e.context(node.log_tail(30)))?;
	assert!(number >= 3);
	assert_eq!(rpc.block_hash(number).await?, Some(hash), "finalized block is on the best chain");
	let log = std::fs::read_to_string(node.log_path())?;
	assert!(
		log.contains("txpool_type=SingleState"),
		"CADENA's default pool is the single-state one"
	);

	outsiders_are_refused_by_the_pool(&client).await?;

	drop(client);
	let status = node.stop(Duration::from_secs(30))?;
	assert!(status.success(), "node exited with {status}; log:\n{}", node.log_tail(30));
	Ok(())
}

/// A transaction from an account that is not an officer is refused by the
/// pool with the consortium's code; so is an officer's call its role does not
/// need (issue #12, fault 1); an officer's own call goes through to finality.
async fn outsiders_are_refused_by_the_pool(client: &jsonrpsee::ws_client::WsClient) -> Result<()> {
	let chain = Chain::new(client).await?;
	let remark =
		|| -> RuntimeCall { frame_system::Call::remark { remark: b"hello".to_vec() }.into() };

	let (outsider, _) = sp_core::sr25519::Pair::generate();
	let refused = chain.submit(&outsider, remark()).await.expect_err("the pool refuses outsiders");
	let message = format!("{refused:#}");
	ensure!(message.contains("1010"), "not an invalid-transaction error: {message}");
	ensure!(
		message.contains(&format!("Custom error: {}", pallet_consortium::NOT_A_MEMBER)),
		"not the consortium's refusal: {message}"
	);

	// Mexico's registrar, an officer in the development genesis: no remarks,
	// but the registry's calls.
	let registrar = dev_pair("//Alice//registrar");
	let refused = chain.submit(&registrar, remark()).await.expect_err("no remarks");
	let message = format!("{refused:#}");
	ensure!(
		message.contains(&format!("Custom error: {}", pallet_consortium::CALL_NOT_PERMITTED)),
		"not the call policy's refusal: {message}"
	);
	let data = pallet_tin_registry::TraderData { consent: true };
	// A real RFC shape, with `Ñ` and `&` (issue #12, fault 11).
	let tin = "MXÑ&A010101AB1".as_bytes().to_vec();
	let events =
		chain.execute(&registrar, pallet_tin_registry::Call::register { tin, data }.into()).await?;
	ensure!(!events.is_empty(), "the registration was applied");
	Ok(())
}
