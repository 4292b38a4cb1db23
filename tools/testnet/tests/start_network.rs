//! `cadena-testnet` (behind `scripts/start-network.sh` and
//! `scripts/dev.sh`) starts N validators, prints their RPC endpoints, and
//! stops them all cleanly on SIGTERM. Started as `scripts/dev.sh` starts it,
//! with the first run's demonstration, the README's first-run lines run as
//! written print a recognised answer, then the suspension's notification.

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
	let repository = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
	// As scripts/dev.sh runs it.
	let mut child = Command::new(env!("CARGO_BIN_EXE_cadena-testnet"))
		.args(["--validators", "2", "--rpc-port", "9944", "--demo"])
		.arg(repository.join("docs/samples/register.csv"))
		.arg("--dir")
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

	ensure!(endpoints[0] == "ws://127.0.0.1:9944", "{endpoints:?}");
	readme_first_run(&repository, &node_binary()?)?;

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

/// Runs the README's first-run block, as written, in a shell, with the
/// built `cadena` where the README looks for it.
fn readme_first_run(repository: &std::path::Path, node: &std::path::Path) -> Result<()> {
	let readme = std::fs::read_to_string(repository.join("README.md"))?;
	let section = readme.split("## First run").nth(1).context("a First run section")?;
	let block = section
		.split("```sh\n")
		.nth(1)
		.and_then(|b| b.split("```").next())
		.context("its shell block")?;
	// `$CARGO_TARGET_DIR/release/cadena`: the directory of the built binaries.
	let target = node.parent().and_then(|p| p.parent()).context("the target directory")?;
	let cwd = tempfile::tempdir()?;
	let output = Command::new("bash")
		.arg("-c")
		.arg(block)
		.env("CARGO_TARGET_DIR", target)
		.current_dir(cwd.path())
		.output()?;
	let stdout = String::from_utf8_lossy(&output.stdout);
	let stderr = String::from_utf8_lossy(&output.stderr);
	let recognised = stdout.find("RECOGNISED: CR recognises MXAAA010101AAA");
	let notified = stdout.find("recognised -> not recognised (CertificateSuspended)");
	let after = stdout.find("NOT RECOGNISED: CR does not recognise MXAAA010101AAA");
	ensure!(
		recognised.is_some() && notified > recognised && after > notified,
		"the first run printed:\n{stdout}\n{stderr}"
	);
	ensure!(stdout.contains("MX-AEO-2025-0002"), "the export: {stdout}");
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
