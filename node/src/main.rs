//! `cadena-node`: a CADENA validator or full node.
#![warn(missing_docs)]
// `sc_cli::Error` and `sc_service::Error`, returned by every runner and service
// builder, are large; that is their crates' choice, not ours to box.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod declare;
mod genesis;
mod perimeter;
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
