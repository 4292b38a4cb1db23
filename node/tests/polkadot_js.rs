//! The integrator's view: `tests/js/recognition.mjs` drives a real MX–CR
//! network through `@polkadot/api` (from npm, installed by
//! `scripts/setup.sh`): metadata, extrinsics, events and `cadena_*` RPC.

use std::{path::PathBuf, process::Command, time::Duration};

use anyhow::{ensure, Context, Result};
use cadena_testnet::{wait_until, Network, Rpc};

#[tokio::test(flavor = "multi_thread")]
async fn polkadot_js_drives_the_chain() -> Result<()> {
	let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
	let js = root.join("tests/js");
	ensure!(
		js.join("node_modules/@polkadot/api").exists(),
		"@polkadot/api is not installed: run scripts/setup.sh (npm ci in tests/js)"
	);
	// Two administrations: MX and CR.
	let binary = PathBuf::from(env!("CARGO_BIN_EXE_cadena-node"));
	let mut network = Network::start(&binary, "local", 2, None).await?;
	let cr = network.nodes[1].client().await?;
	wait_until("block 2 finalized", Duration::from_secs(60), || async {
		Ok((Rpc(&cr).finalized().await?.1 >= 2).then_some(()))
	})
	.await?;
	let output = Command::new("node")
		.arg("recognition.mjs")
		.current_dir(&js)
		.env("CADENA_MX_WS", network.nodes[0].config.rpc_url())
		.env("CADENA_CR_WS", network.nodes[1].config.rpc_url())
		.output()
		.context("running node (Node.js)")?;
	let stdout = String::from_utf8_lossy(&output.stdout);
	let stderr = String::from_utf8_lossy(&output.stderr);
	if !output.status.success() {
		eprintln!("{}", network.logs(20));
	}
	ensure!(output.status.success(), "recognition.mjs failed:\n{stdout}\n{stderr}");
	println!("{stdout}");
	network.stop()
}
