//! `cadena`: the command-line tool of customs integrators, officers and
//! traders. It imports a national AEO register, answers whether a country
//! recognises a trader, follows recognition changes (to a webhook if asked)
//! and exports what a partner recognises; officers keep TINs, certificates
//! and MRAs and vote in the council; a trader gives or withdraws its
//! consent. In Spanish and English. docs/cli.md is the guide.

mod benefits;
mod certificate;
mod chain;
mod confidential;
mod council;
mod encryption;
mod i18n;
mod import;
mod keys;
mod mra;
mod query;
mod register;
mod tin;
mod watch;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use i18n::t;

/// CADENA's command-line tool for customs integrators, officers and traders.
#[derive(Parser, Debug)]
#[command(name = "cadena", version, about)]
struct Cli {
	/// The CADENA node's WebSocket RPC endpoint.
	#[arg(long, global = true, env = "CADENA_URL", default_value = "ws://127.0.0.1:9944")]
	url: String,
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
	/// Load a national AEO register (CSV or JSON) onto the chain: traders
	/// and certificates, in batched transactions. Safe to run again.
	Import(import::ImportArgs),
	/// Whether a country recognises a trader now, why not, and the
	/// benefits that gives it.
	Verify(query::VerifyArgs),
	/// A border's risk engine asks once per declaration: for each party in
	/// the role declared, whether it is a recognised AEO and which MRA
	/// benefits apply. Inputs, never a lane.
	Decide(benefits::DecideArgs),
	/// Follow every recognition change for a country, from finalized blocks.
	Watch(watch::WatchArgs),
	/// Write every certificate a country recognises now, CSV or JSON.
	Export(query::ExportArgs),
	/// An Approver's change of one of its administration's certificates.
	#[command(flatten)]
	Certificate(certificate::Change),
	/// A certificate's history: every change, by whom, and why.
	History(certificate::HistoryArgs),
	/// Traders' TINs: a Registrar registers, updates, closes, reopens,
	/// links and unlinks them; a trader asks to be linked.
	#[command(subcommand)]
	Tin(tin::TinCommand),
	/// A linked trader gives or withdraws its consent to share its data
	/// with its administration's MRA partners.
	Consent(tin::ConsentArgs),
	/// Mutual Recognition Agreements: an Admin proposes, signs, suspends,
	/// resumes, terminates them and adds parties; anyone lists them.
	#[command(subcommand)]
	Mra(mra::MraCommand),
	/// Encryption keys (X25519, separate from signing keys): generate one
	/// into a file, publish its public key for an administration or a
	/// linked trader.
	#[command(subcommand)]
	EncryptionKey(encryption::EncryptionKeyCommand),
	/// The customs council: propose, vote on, close and list motions
	/// (admissions, suspensions, retirements, runtime upgrades).
	#[command(subcommand)]
	Council(council::Council),
	/// Open a trader's confidential record (names, address, contacts) with
	/// a reader's secret encryption key.
	Show(confidential::ShowArgs),
	/// Wrap the data keys of the officer's administration's confidential
	/// records for the entitled readers that hold none yet (a Registrar).
	Share(confidential::ShareArgs),
}

/// Exit status when an import refused rows (the others were imported).
const SOME_ROWS_REFUSED: u8 = 3;
/// Exit status when `verify` answers "not recognised".
const NOT_RECOGNISED: u8 = 4;
/// Exit status when `watch` cannot resume: the node cannot replay from
/// where its state file says delivery got. (Statuses are per command.)
const CANNOT_RESUME: u8 = 5;
/// Exit status when `show`'s reader cannot read the record: never sealed,
/// not entitled to it, or not shared with it yet.
const NOT_ENTITLED: u8 = 5;
/// Exit status when `share` could not add some wraps (the others were
/// added), or an import could not seal or share some records.
const SOME_WRAPS_REFUSED: u8 = 3;

#[tokio::main]
async fn main() -> ExitCode {
	// In the officer's language (`--lang`, `LANG`): help and errors too.
	let cli: Cli = i18n::parse();
	match run(cli).await {
		Ok(code) => code,
		Err(e) => {
			eprintln!("{}", t!("main-error", error = format!("{e:#}")));
			ExitCode::FAILURE
		}
	}
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
	let connect = || chain::Chain::connect(&cli.url);
	match &cli.command {
		Command::Watch(args) => match watch::run(&cli.url, args).await {
			Ok(()) => Ok(ExitCode::SUCCESS),
			Err(e) if e.is::<watch::CannotResume>() => {
				eprintln!("{}", t!("main-error", error = e));
				Ok(ExitCode::from(CANNOT_RESUME))
			}
			Err(e) => Err(e),
		},
		Command::Import(args) => {
			let chain = connect().await?;
			let summary = import::run(&chain, args).await?;
			if args.json {
				println!("{}", serde_json::to_string_pretty(&summary)?);
			} else {
				import::print(&summary, &args.file);
			}
			Ok(if summary.refused.is_empty() && summary.confidential_refused.is_empty() {
				ExitCode::SUCCESS
			} else {
				ExitCode::from(SOME_ROWS_REFUSED)
			})
		}
		Command::Verify(args) => {
			let chain = connect().await?;
			let answer = query::verify(&chain, args).await?;
			if args.json {
				println!("{}", serde_json::to_string_pretty(&answer)?);
			} else {
				println!("{}", query::verify_text(&answer));
			}
			Ok(if answer.answer.recognised {
				ExitCode::SUCCESS
			} else {
				ExitCode::from(NOT_RECOGNISED)
			})
		}
		Command::Decide(args) => {
			let decision = benefits::decide(&connect().await?, args).await?;
			print_outcome(args.json, &decision, benefits::print_decision)
		}
		Command::Certificate(change) => {
			let chain = connect().await?;
			let outcome = certificate::change(&chain, change).await?;
			if change.signing().json {
				println!("{}", serde_json::to_string_pretty(&outcome)?);
			} else {
				certificate::print(&outcome);
			}
			Ok(ExitCode::SUCCESS)
		}
		Command::History(args) => {
			let chain = connect().await?;
			let history = certificate::history(&chain, args).await?;
			if args.json {
				println!("{}", serde_json::to_string_pretty(&history)?);
			} else {
				certificate::print_history(&history);
			}
			Ok(ExitCode::SUCCESS)
		}
		Command::Council(command) => {
			let chain = connect().await?;
			if let council::Council::List(_) = command {
				let motions = council::list(&chain).await?;
				if command.json() {
					println!("{}", serde_json::to_string_pretty(&motions)?);
				} else {
					council::print_list(&motions);
				}
				return Ok(ExitCode::SUCCESS);
			}
			let outcome = council::run(&chain, command).await?;
			if command.json() {
				println!("{}", serde_json::to_string_pretty(&outcome)?);
			} else {
				outcome.print();
			}
			Ok(ExitCode::SUCCESS)
		}
		Command::Tin(tin::TinCommand::LinkRequest(args)) => {
			let chain = connect().await?;
			let request = tin::link_request(&chain, args).await?;
			if args.out.is_none() {
				println!("{}", serde_json::to_string_pretty(&request)?);
			}
			Ok(ExitCode::SUCCESS)
		}
		Command::Tin(command) => {
			let chain = connect().await?;
			let outcome = tin::run(&chain, command).await?;
			print_outcome(command.signing().is_some_and(|s| s.json), &outcome, tin::print)
		}
		Command::Consent(args) => {
			let chain = connect().await?;
			let outcome = tin::consent(&chain, args).await?;
			print_outcome(args.signing.json, &outcome, tin::print)
		}
		Command::EncryptionKey(command) => {
			let outcome = match command {
				encryption::EncryptionKeyCommand::Generate(args) => encryption::generate(args)?,
				encryption::EncryptionKeyCommand::Publish(args) => {
					encryption::publish(&connect().await?, args).await?
				}
			};
			print_outcome(command.json(), &outcome, encryption::print)
		}
		Command::Mra(mra::MraCommand::List(args)) => {
			let chain = connect().await?;
			let mras = mra::list(&chain, args).await?;
			if args.json {
				println!("{}", serde_json::to_string_pretty(&mras)?);
			} else {
				mras.iter().for_each(mra::print_mra);
			}
			Ok(ExitCode::SUCCESS)
		}
		Command::Mra(command) => {
			let chain = connect().await?;
			let outcome = mra::run(&chain, command).await?;
			print_outcome(command.json(), &outcome, mra::print)
		}
		Command::Show(args) => {
			let chain = connect().await?;
			match confidential::show(&chain, args).await? {
				confidential::ShowOutcome::Shown(shown) => {
					if args.json {
						println!("{}", serde_json::to_string_pretty(&shown)?);
					} else {
						confidential::print_shown(&shown);
					}
					Ok(ExitCode::SUCCESS)
				}
				confidential::ShowOutcome::Unreadable(unreadable) => {
					if args.json {
						println!("{}", serde_json::to_string_pretty(&unreadable)?);
					}
					eprintln!("{}", unreadable.text());
					Ok(ExitCode::from(NOT_ENTITLED))
				}
			}
		}
		Command::Share(args) => {
			let chain = connect().await?;
			Ok(if confidential::share(&chain, args).await? {
				ExitCode::SUCCESS
			} else {
				ExitCode::from(SOME_WRAPS_REFUSED)
			})
		}
		Command::Export(args) => {
			let chain = connect().await?;
			let count = query::export(&chain, args).await?;
			if let Some(path) = &args.output {
				eprintln!("{}", t!("main-exported", count = count, path = path.display()));
			}
			Ok(ExitCode::SUCCESS)
		}
	}
}

/// An outcome as JSON, or in words.
fn print_outcome<T: serde::Serialize>(
	json: bool,
	outcome: &T,
	in_words: fn(&T),
) -> anyhow::Result<ExitCode> {
	if json {
		println!("{}", serde_json::to_string_pretty(outcome)?);
	} else {
		in_words(outcome);
	}
	Ok(ExitCode::SUCCESS)
}
