//! Bad input gets a clear one-line error and a non-zero exit, never a panic.

use std::{
	net::TcpListener,
	path::PathBuf,
	process::{Command, Output},
	time::Duration,
};

fn node(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_cadena-node"))
		.args(args)
		.env("RUST_BACKTRACE", "1")
		.output()
		.expect("cadena-node runs")
}

/// Asserts a failed run whose stderr has exactly one `Error: ...` line (log
/// lines may surround it: the logger flushes asynchronously), containing every
/// one of `needles`, and shows no panic.
fn assert_clear_error(output: &Output, needles: &[&str]) {
	let stderr = String::from_utf8_lossy(&output.stderr);
	assert!(!output.status.success(), "expected failure, got success; stderr:\n{stderr}");
	assert_eq!(output.status.code(), Some(1), "stderr:\n{stderr}");
	assert!(!stderr.contains("panicked"), "panic:\n{stderr}");
	assert!(!stderr.contains("stack backtrace"), "backtrace:\n{stderr}");
	let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("Error")).collect();
	assert_eq!(errors.len(), 1, "one error line expected:\n{stderr}");
	for needle in needles {
		assert!(errors[0].contains(needle), "{needle:?} not in {:?}", errors[0]);
	}
}

#[test]
fn unknown_chain_name_is_refused() {
	let output = node(&["--chain", "atlantis", "--tmp"]);
	assert_clear_error(&output, &["unknown chain `atlantis`", "dev", "local"]);
}

#[test]
fn chain_spec_that_is_not_json_is_refused() {
	let dir = tempfile::tempdir().unwrap();
	let spec: PathBuf = dir.path().join("spec.json");
	std::fs::write(&spec, "this is not json\n").unwrap();
	let output = node(&["--chain", spec.to_str().unwrap(), "--tmp"]);
	assert_clear_error(&output, &["spec.json", "parsing"]);
}

#[test]
fn rpc_port_already_taken_is_refused() {
	let taken = TcpListener::bind("127.0.0.1:0").unwrap();
	let port = taken.local_addr().unwrap().port().to_string();
	let p2p = cadena_testnet::free_port().unwrap().to_string();
	let prometheus = cadena_testnet::free_port().unwrap().to_string();
	let started = std::time::Instant::now();
	let output = node(&[
		"--dev",
		"--tmp",
		"--no-mdns",
		"--rpc-port",
		&port,
		"--port",
		&p2p,
		"--prometheus-port",
		&prometheus,
	]);
	assert_clear_error(&output, &[&format!("RPC port {port}"), "--rpc-port"]);
	assert!(started.elapsed() < Duration::from_secs(60));
	drop(taken);
}
