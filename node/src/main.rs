//! `cadena-node`: a CADENA validator or full node.
#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() {
	if let Err(error) = command::run() {
		// One line, no backtrace: operators read this in their service logs.
		let message = error.to_string().lines().map(str::trim).collect::<Vec<_>>().join(" ");
		eprintln!("Error: {message}");
		std::process::exit(1);
	}
}
