//! What the `cadena` end-to-end tests share: running the tool and reading
//! its output.

use std::process::Output;

use anyhow::{Context, Result};
use serde_json::Value;
use tokio::process::Command;

/// Runs `cadena --url <url> <args>`, without a key from the environment,
/// in English whatever the machine's locale.
pub async fn cadena(url: &str, args: &[&str]) -> Result<Output> {
	let output = Command::new(env!("CARGO_BIN_EXE_cadena"))
		.arg("--url")
		.arg(url)
		.args(args)
		.env_remove("CADENA_SURI")
		.env_remove("CADENA_LANG")
		.env_remove("LC_ALL")
		.env_remove("LC_MESSAGES")
		.env("LANG", "C.UTF-8")
		.output()
		.await
		.context("running cadena")?;
	Ok(output)
}

/// The standard output, as JSON.
pub fn stdout_json(output: &Output) -> Result<Value> {
	serde_json::from_slice(&output.stdout).with_context(|| {
		format!(
			"stdout is not JSON: {}\nstderr: {}",
			String::from_utf8_lossy(&output.stdout),
			String::from_utf8_lossy(&output.stderr)
		)
	})
}

/// The standard error, as text.
pub fn stderr(output: &Output) -> String {
	String::from_utf8_lossy(&output.stderr).into_owned()
}
