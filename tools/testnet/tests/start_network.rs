//! `cadena-testnet` (behind `scripts/start-network.sh`) starts N validators,
//! prints their RPC endpoints, and stops them all cleanly on SIGTERM.

use std::{
	io::{BufRead, BufReader},
	process::{Command, Stdio},
	time::Duration,
};

use anyhow::{ensure, Context, Result};
use cadena_testnet::{node_binary, wait_until, Rpc};
use jsonrpsee::ws_client::WsClientBuilder;

#[tokio::test(flavor = "multi_thread")]
async fn starts_two_validators_prints_endpoints_and_stops_cleanly() -> Result<()> {
	let dir = tempfile::tempdir()?;
	let mut child = Command::new(env!("CARGO_BIN_EXE_cadena-testnet"))
		.args(["--validators", "2", "--dir"])
		.arg(dir.path())
		.arg("--node")
		.arg(node_binary()?)
		.stdout(Stdio::piped())
		.spawn()?;
	let guard = KillOnDrop(child.id());

	let mut endpoints = Vec::new();
	let mut lines = BufReader::new(child.stdout.take().context("stdout")?).lines();
	for line in lines.by_ref() {
		let line = line?;
		if let Some(url) = line.split_whitespace().find(|w| w.starts_with("ws://")) {
			endpoints.push(url.to_string());
		}
		if line.contains("Ctrl-C") {
			break;
		}
	}
	ensure!(endpoints.len() == 2, "two RPC endpoints printed, got {endpoints:?}");

	// A two-validator chain of its own: both must vote for blocks to be final.
	for url in &endpoints {
		let client = WsClientBuilder::default().build(url).await?;
		let rpc = Rpc(&client);
		wait_until(
			&format!("{url} to finalize block 2 with 1 peer"),
			Duration::from_secs(60),
			|| async {
				Ok((rpc.peers().await? == 1 && rpc.finalized().await?.1 >= 2).then_some(()))
			},
		)
		.await?;
	}

	// SAFETY: signalling a child we spawned.
	unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGTERM) };
	let status = wait_for_exit(&mut child, Duration::from_secs(60))?;
	// It exited: nothing left to kill.
	std::mem::forget(guard);
	ensure!(status.success(), "cadena-testnet exited with {status}");
	for url in &endpoints {
		ensure!(
			WsClientBuilder::default().build(url).await.is_err(),
			"{url} still answers after the network stopped"
		);
	}
	Ok(())
}

fn wait_for_exit(
	child: &mut std::process::Child,
	timeout: Duration,
) -> Result<std::process::ExitStatus> {
	let deadline = std::time::Instant::now() + timeout;
	loop {
		if let Some(status) = child.try_wait()? {
			return Ok(status);
		}
		ensure!(std::time::Instant::now() < deadline, "did not exit within {timeout:?}");
		std::thread::sleep(Duration::from_millis(100));
	}
}

/// Kills the network process (and so, through its own drop, its nodes) if the
/// test fails before stopping it.
struct KillOnDrop(u32);

impl Drop for KillOnDrop {
	fn drop(&mut self) {
		// SAFETY: signalling a child we spawned; harmless if it already exited.
		unsafe { libc::kill(self.0 as libc::pid_t, libc::SIGTERM) };
	}
}
