//! The files of `deploy/`, as an operator installs them: the systemd units
//! pass `systemd-analyze verify` (with `ExecStart` pointed at the built
//! binary, the one thing the test machine lacks), and every flag their
//! `ExecStart` passes is one `cadena-node` knows. (The dashboard's metric
//! names are checked against a running node in `recognition_network`.)

use std::{collections::BTreeSet, process::Command};

use anyhow::{ensure, Context, Result};
use cadena_testnet::node_binary;

fn units() -> Result<Vec<(String, String)>> {
	let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy/systemd");
	let mut units = Vec::new();
	for entry in std::fs::read_dir(&dir).with_context(|| format!("{}", dir.display()))? {
		let path = entry?.path();
		if path.extension().is_some_and(|e| e == "service") {
			let name = path.file_name().unwrap().to_string_lossy().into_owned();
			units.push((name, std::fs::read_to_string(&path)?));
		}
	}
	ensure!(units.len() == 2, "the validator's and the RPC node's units: {units:?}");
	Ok(units)
}

#[test]
fn the_systemd_units_verify() -> Result<()> {
	let binary = node_binary()?;
	let dir = tempfile::tempdir()?;
	for (name, text) in units()? {
		let path = dir.path().join(&name);
		std::fs::write(
			&path,
			text.replace("/usr/local/bin/cadena-node", &binary.to_string_lossy()),
		)?;
		let output = Command::new("systemd-analyze")
			.arg("verify")
			.arg(&path)
			.output()
			.context("systemd-analyze (scripts/setup.sh installs systemd)")?;
		let stderr = String::from_utf8_lossy(&output.stderr);
		ensure!(output.status.success() && stderr.trim().is_empty(), "{name}: {stderr}");
	}
	Ok(())
}

#[test]
fn the_units_pass_only_flags_the_node_knows() -> Result<()> {
	let help = Command::new(node_binary()?).arg("--help").output()?;
	let help = String::from_utf8_lossy(&help.stdout).into_owned();
	for (name, text) in units()? {
		let exec = text
			.split("ExecStart=")
			.nth(1)
			.and_then(|rest| rest.split("\nRestart").next())
			.context("an ExecStart")?;
		let flags: BTreeSet<&str> =
			exec.split_whitespace().filter(|word| word.starts_with("--")).collect();
		ensure!(flags.len() >= 8, "{name}: {flags:?}");
		for flag in flags {
			ensure!(
				help.contains(&format!("{flag} "))
					|| help.contains(&format!("{flag}\n"))
					|| help.contains(&format!("{flag} <")),
				"{name} passes {flag}, which cadena-node does not know"
			);
		}
	}
	Ok(())
}
