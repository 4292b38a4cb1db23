//! An Admin's MRA commands: `mra propose`, `sign`, `suspend`, `resume`,
//! `terminate`, `add-party`, and `list` for anyone. Each change waits for
//! finality and prints what changed and the MRA after it; a refusal is the
//! pallet's error in words, with a non-zero exit.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use cadena_primitives::{CountryCode, Day, Directions, MraId, MraStatus, Role, Scope};
use cadena_rpc::json::{direction_benefits_json, DirectionBenefitsJson};
use cadena_runtime::{Runtime, RuntimeCall};
use clap::{Args, Subcommand};
use pallet_mra::{MotionKind, MraOf};
use serde::Serialize;

use crate::{
	benefits::{grant_text, read_direction, read_proposal},
	chain::{Chain, Sent, Signing},
	i18n::t,
	query::country,
	register::{aeo_type, aeo_type_code, date, date_text},
};

/// `cadena mra …`.
#[derive(Subcommand, Debug)]
pub enum MraCommand {
	/// Propose an MRA between the officer's administration and others, and
	/// sign it; it enters into force once every party has signed, on its
	/// effective date.
	Propose(ProposeArgs),
	/// Sign the motion waiting on an MRA: name it, so that the signature
	/// approves what it says and nothing else.
	Sign(SignArgs),
	/// Suspend an MRA in force, at once: no party recognises under it.
	Suspend(IdArgs),
	/// Propose to resume a suspended MRA, and sign; every party must sign.
	Resume(IdArgs),
	/// Terminate an MRA, for good (a proposal is withdrawn).
	Terminate(IdArgs),
	/// Propose adding an administration to an MRA in force, and sign; every
	/// party and the newcomer must sign.
	AddParty(AddPartyArgs),
	/// Propose what the recogniser of a direction grants the issuer's AEOs
	/// from a day on, and sign; it applies once the other side has signed
	/// too (`mra sign --motion amend-benefits`), on that day.
	Benefits(BenefitsArgs),
	/// Declare a business-continuity event of the officer's country: the
	/// benefits it grants on that condition apply until it ends.
	DeclareContinuity(OwnArgs),
	/// End the officer's country's business-continuity event.
	EndContinuity(OwnArgs),
	/// The MRAs a country is party to, with their benefits and the motion
	/// each waits on.
	List(ListArgs),
}

/// `cadena mra propose`.
#[derive(Args, Debug)]
pub struct ProposeArgs {
	/// Its name or reference (`MX-CR AEO MRA 2026`).
	#[arg(long)]
	pub name: String,
	/// The parties' country codes, `,`-separated, the officer's included
	/// (`MX,CR`).
	#[arg(long, value_delimiter = ',', required = true)]
	pub parties: Vec<String>,
	/// The AEO types recognised, `,`-separated: `AEOS`, `AEOC`, `AEOF`.
	#[arg(long, value_delimiter = ',', required = true)]
	pub scope: Vec<String>,
	/// Who recognises whom, `ISSUER>RECOGNISER` pairs `,`-separated
	/// (`MX>CR`); every party recognises every other when not given.
	#[arg(long, value_delimiter = ',')]
	pub directions: Vec<String>,
	/// The day it takes effect, `YYYY-MM-DD` (today when not given).
	#[arg(long, value_name = "DATE")]
	pub effective_on: Option<String>,
	/// What each recogniser grants each issuer's AEOs: a JSON file of
	/// directions with their grants (docs/benefits.md); a direction not in
	/// it grants nothing.
	#[arg(long, value_name = "FILE")]
	pub benefits: Option<PathBuf>,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena mra benefits`.
#[derive(Args, Debug)]
pub struct BenefitsArgs {
	/// The MRA's number.
	pub id: MraId,
	/// The direction and its new grants: a JSON file
	/// `{"issuer", "recogniser", "grants"}` (docs/benefits.md).
	#[arg(long, value_name = "FILE")]
	pub file: PathBuf,
	/// The day they apply, `YYYY-MM-DD` (today when not given).
	#[arg(long, value_name = "DATE")]
	pub on: Option<String>,
	#[command(flatten)]
	pub signing: Signing,
}

/// A command on the officer's own administration.
#[derive(Args, Debug)]
pub struct OwnArgs {
	#[command(flatten)]
	pub signing: Signing,
}

/// The motions an MRA can wait on.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MotionName {
	/// The proposed MRA enters into force.
	EnterIntoForce,
	/// The suspended MRA is in force again.
	Resume,
	/// An administration joins (name it with `--country`).
	AddParty,
	/// A direction's benefits change (name them with `--file` and `--on`).
	AmendBenefits,
}

/// `cadena mra sign`.
#[derive(Args, Debug)]
pub struct SignArgs {
	/// The MRA's number.
	pub id: MraId,
	/// The motion signed.
	#[arg(long, value_enum)]
	pub motion: MotionName,
	/// For `add-party`: the administration joining.
	#[arg(long, value_name = "CC")]
	pub country: Option<String>,
	/// For `add-party`: the newcomer's directions as the motion states them,
	/// `ISSUER>RECOGNISER` pairs (`mra list` shows them).
	#[arg(long, value_delimiter = ',')]
	pub directions: Vec<String>,
	/// For `amend-benefits`: the direction and its grants, the file the
	/// proposer sent.
	#[arg(long, value_name = "FILE")]
	pub file: Option<PathBuf>,
	/// For `amend-benefits`: the day they apply, `YYYY-MM-DD`.
	#[arg(long, value_name = "DATE")]
	pub on: Option<String>,
	#[command(flatten)]
	pub signing: Signing,
}

/// A command on an MRA alone.
#[derive(Args, Debug)]
pub struct IdArgs {
	/// The MRA's number.
	pub id: MraId,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena mra add-party`.
#[derive(Args, Debug)]
pub struct AddPartyArgs {
	/// The MRA's number.
	pub id: MraId,
	/// The administration joining.
	#[arg(long, value_name = "CC")]
	pub country: String,
	/// The newcomer's directions, `ISSUER>RECOGNISER` pairs (`GT>MX`);
	/// both ways with every party when not given.
	#[arg(long, value_delimiter = ',')]
	pub directions: Vec<String>,
	#[command(flatten)]
	pub signing: Signing,
}

/// `cadena mra list`.
#[derive(Args, Debug)]
pub struct ListArgs {
	/// The country whose MRAs are listed.
	#[arg(long, value_name = "CC")]
	pub country: String,
	/// Print the list as JSON.
	#[arg(long)]
	pub json: bool,
}

impl MraCommand {
	/// The key and output options, when the command sends a call.
	pub fn signing(&self) -> Option<&Signing> {
		match self {
			MraCommand::Propose(a) => Some(&a.signing),
			MraCommand::Sign(a) => Some(&a.signing),
			MraCommand::Suspend(a) | MraCommand::Resume(a) | MraCommand::Terminate(a) => {
				Some(&a.signing)
			}
			MraCommand::AddParty(a) => Some(&a.signing),
			MraCommand::Benefits(a) => Some(&a.signing),
			MraCommand::DeclareContinuity(a) | MraCommand::EndContinuity(a) => Some(&a.signing),
			MraCommand::List(_) => None,
		}
	}

	/// Whether the answer is wanted as JSON.
	pub fn json(&self) -> bool {
		match self {
			MraCommand::List(a) => a.json,
			other => other.signing().is_some_and(|s| s.json),
		}
	}
}

/// An MRA, as `--json` prints it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MraJson {
	pub id: MraId,
	pub name: String,
	pub parties: Vec<String>,
	pub scope: Vec<String>,
	/// `ISSUER>RECOGNISER`.
	pub directions: Vec<String>,
	pub effective_on: String,
	pub status: String,
	/// The motion waiting, in words, if one waits.
	pub motion: Option<String>,
	/// Who signed it so far.
	pub signed: Vec<String>,
	/// Who must still sign it.
	pub waiting_for: Vec<String>,
	/// What each recogniser grants each issuer's AEOs.
	pub benefits: Vec<DirectionBenefitsJson>,
}

/// What a change did.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
	/// The call, its block and its events.
	#[serde(flatten)]
	pub sent: Sent,
	/// The MRA after it (before, for a dry run).
	pub mra: Option<MraJson>,
}

fn directions(pairs: &[String]) -> Result<Option<Directions>> {
	if pairs.is_empty() {
		return Ok(None);
	}
	let mut all = Vec::new();
	for pair in pairs {
		let (issuer, recogniser) = pair
			.split_once('>')
			.with_context(|| t!("mra-not-a-direction", pair = format!("{pair:?}")))?;
		all.push((country(issuer.trim())?, country(recogniser.trim())?));
	}
	all.sort();
	all.dedup();
	Directions::try_from(all).map(Some).map_err(|_| anyhow!(t!("mra-too-many-directions")))
}

fn motion_text(kind: &MotionKind) -> String {
	match kind {
		MotionKind::EnterIntoForce => "enter-into-force".into(),
		MotionKind::Resume => "resume".into(),
		MotionKind::AddParty { country, directions } => format!(
			"add-party {} ({})",
			country.as_str(),
			newcomer_directions(directions, *country)
				.iter()
				.map(|(i, r)| format!("{}>{}", i.as_str(), r.as_str()))
				.collect::<Vec<_>>()
				.join(",")
		),
		MotionKind::AmendBenefits { issuer, recogniser, grants, on } => format!(
			"amend-benefits {}>{} on {} ({} grants)",
			issuer.as_str(),
			recogniser.as_str(),
			date_text(*on),
			grants.len()
		),
	}
}

/// The directions of an add-party motion that involve the newcomer: what
/// the signature adds to the MRA.
fn newcomer_directions(
	directions: &Directions,
	newcomer: CountryCode,
) -> Vec<(CountryCode, CountryCode)> {
	directions.iter().filter(|(i, r)| *i == newcomer || *r == newcomer).copied().collect()
}

fn status_text(status: MraStatus) -> &'static str {
	match status {
		MraStatus::Proposed => "proposed",
		MraStatus::InForce => "in force",
		MraStatus::Suspended => "suspended",
		MraStatus::Terminated => "terminated",
	}
}

fn mra_json(id: MraId, mra: MraOf<Runtime>, benefits: Vec<DirectionBenefitsJson>) -> MraJson {
	let codes = |list: &[CountryCode]| list.iter().map(|c| c.as_str().to_string()).collect();
	let (motion, signed, waiting_for) = match &mra.motion {
		None => (None, Vec::new(), Vec::new()),
		Some(m) => {
			let mut needed: Vec<CountryCode> = mra.terms.parties.to_vec();
			match &m.kind {
				MotionKind::AddParty { country, .. } => needed.push(*country),
				// Only the two sides of the direction sign its benefits.
				MotionKind::AmendBenefits { issuer, recogniser, .. } => {
					needed = vec![*issuer, *recogniser]
				}
				_ => {}
			}
			needed.retain(|c| !m.signed.contains(c));
			(Some(motion_text(&m.kind)), codes(&m.signed), codes(&needed))
		}
	};
	MraJson {
		id,
		name: String::from_utf8_lossy(&mra.name).into_owned(),
		parties: codes(&mra.terms.parties),
		scope: mra.terms.scope.iter().map(|t| aeo_type_code(*t).to_string()).collect(),
		directions: mra
			.terms
			.directions
			.iter()
			.map(|(i, r)| format!("{}>{}", i.as_str(), r.as_str()))
			.collect(),
		effective_on: date_text(mra.terms.effective_on),
		status: status_text(mra.terms.status).into(),
		motion,
		signed,
		waiting_for,
		benefits,
	}
}

/// MRA number `id`, as stored at the last finalized block.
async fn mra(chain: &Chain, id: MraId) -> Result<Option<MraOf<Runtime>>> {
	use subxt::utils::Static;
	let at = chain.finalized().await?;
	let address = subxt::dynamic::storage::<(u32,), Static<MraOf<Runtime>>>("Mra", "Mras");
	let value = at.storage().try_fetch(address, (id,)).await.with_context(|| t!("mra-no-mras"))?;
	value.map(|v| v.decode().map(|s| s.0)).transpose().with_context(|| t!("mra-undecodable"))
}

/// MRA number `id` with its benefits, as `--json` prints it.
async fn mra_with_benefits(chain: &Chain, id: MraId) -> Result<Option<MraJson>> {
	let Some(m) = mra(chain, id).await? else { return Ok(None) };
	let at = chain.finalized().await?;
	let views: Vec<cadena_runtime_api::DirectionBenefitsView> =
		chain.api(&at, "benefits_of_mra", id).await?;
	Ok(Some(mra_json(id, m, views.into_iter().map(direction_benefits_json).collect())))
}

/// The MRAs `args.country` is party to (terminated ones are archived).
pub async fn list(chain: &Chain, args: &ListArgs) -> Result<Vec<MraJson>> {
	let at = chain.finalized().await?;
	let views: Vec<cadena_runtime_api::MraView> =
		chain.api(&at, "mras_of", country(&args.country)?).await?;
	let mut all = Vec::new();
	for view in views {
		all.extend(mra_with_benefits(chain, view.id).await?);
	}
	Ok(all)
}

/// A day option, `YYYY-MM-DD`, today when not given.
fn day_or_today(option: &str, text: &Option<String>) -> Result<Day> {
	match text {
		Some(text) => date(option, text.trim()).map_err(|e| anyhow!(e)),
		None => Ok(crate::certificate::today()),
	}
}

/// Runs an MRA command that sends a call.
pub async fn run(chain: &Chain, command: &MraCommand) -> Result<Outcome> {
	let signing = command.signing().expect("list sends nothing");
	let key = signing.key.keypair(&chain.chain_type().await?)?;
	let mine = chain.officer(&key, &[Role::Admin]).await?;
	use pallet_mra::Call as M;
	let (call, id): (RuntimeCall, Option<MraId>) = match command {
		MraCommand::Propose(a) => {
			let parties =
				a.parties.iter().map(|p| country(p.trim())).collect::<Result<Vec<_>>>()?;
			if !parties.contains(&mine) {
				bail!(t!(
					"mra-leaves-out-own",
					parties = a.parties.join(","),
					country = mine.as_str()
				));
			}
			let scope = a
				.scope
				.iter()
				.map(|s| {
					aeo_type(s.trim()).map_err(|e| anyhow!(e.replace("`aeo_type`", "--scope")))
				})
				.collect::<Result<Vec<_>>>()?;
			let effective_on = day_or_today("--effective-on", &a.effective_on)?;
			let benefits = a.benefits.as_deref().map(read_proposal).transpose()?;
			let call = M::propose {
				name: a.name.clone().into_bytes(),
				parties,
				scope: Scope::try_from(scope).map_err(|_| anyhow!(t!("mra-scope-too-long")))?,
				directions: directions(&a.directions)?,
				effective_on,
				benefits: benefits.unwrap_or_default(),
			};
			(call.into(), None)
		}
		MraCommand::Sign(a) => {
			let stored = mra(chain, a.id)
				.await?
				.with_context(|| t!("mra-unknown", id = a.id.to_string()))?;
			let Some(motion) = stored.motion else {
				bail!(t!("mra-no-motion", id = a.id.to_string()));
			};
			let named = match (a.motion, &motion.kind) {
				(MotionName::EnterIntoForce, MotionKind::EnterIntoForce)
				| (MotionName::Resume, MotionKind::Resume) => true,
				(MotionName::AddParty, MotionKind::AddParty { country: c, directions: d }) => {
					// The signature approves the newcomer and its directions:
					// both must be named as the motion states them.
					let given = directions(&a.directions)?.map(|d| d.into_inner());
					a.country.as_deref().map(country).transpose()?.is_some_and(|n| n == *c)
						&& given == Some(newcomer_directions(d, *c))
				}
				(
					MotionName::AmendBenefits,
					MotionKind::AmendBenefits { issuer, recogniser, grants, on },
				) => {
					// The signature approves the grants and their day: both
					// must be named as the motion states them.
					let file = a.file.as_deref().map(read_direction).transpose()?;
					let day = a.on.as_ref().map(|_| day_or_today("--on", &a.on)).transpose()?;
					file.is_some_and(|f| {
						f.issuer == *issuer && f.recogniser == *recogniser && f.grants == *grants
					}) && day == Some(*on)
				}
				_ => false,
			};
			if !named {
				bail!(t!(
					"mra-other-motion",
					id = a.id.to_string(),
					motion = motion_text(&motion.kind)
				));
			}
			(M::sign { id: a.id, motion: motion.kind }.into(), Some(a.id))
		}
		MraCommand::Suspend(a) => (M::suspend { id: a.id }.into(), Some(a.id)),
		MraCommand::Resume(a) => (M::resume { id: a.id }.into(), Some(a.id)),
		MraCommand::Terminate(a) => (M::terminate { id: a.id }.into(), Some(a.id)),
		MraCommand::AddParty(a) => {
			let call = M::propose_party {
				id: a.id,
				country: country(&a.country)?,
				directions: directions(&a.directions)?,
			};
			(call.into(), Some(a.id))
		}
		MraCommand::Benefits(a) => {
			let direction = read_direction(&a.file)?;
			let call = M::propose_benefits {
				id: a.id,
				issuer: direction.issuer,
				recogniser: direction.recogniser,
				grants: direction.grants,
				on: day_or_today("--on", &a.on)?,
			};
			(call.into(), Some(a.id))
		}
		MraCommand::DeclareContinuity(_) => (M::declare_continuity {}.into(), None),
		MraCommand::EndContinuity(_) => (M::end_continuity {}.into(), None),
		MraCommand::List(_) => unreachable!("list sends nothing"),
	};
	let sent = chain.send(&key, call, signing.dry_run).await?;
	// A proposal's number is in its event.
	let id = id.or_else(|| {
		sent.events.iter().find(|e| e.starts_with("Mra.Proposed")).and_then(|e| {
			let digits: String = e
				.split("id:")
				.nth(1)?
				.trim_start()
				.chars()
				.take_while(char::is_ascii_digit)
				.collect();
			digits.parse().ok()
		})
	});
	let mra = match id {
		Some(id) => mra_with_benefits(chain, id).await?,
		None => None,
	};
	Ok(Outcome { sent, mra })
}

/// An MRA in words.
pub fn print_mra(m: &MraJson) {
	let line = t!(
		"mra-line",
		id = m.id.to_string(),
		name = format!("{:?}", m.name),
		status = m.status,
		parties = m.parties.join(","),
		scope = m.scope.join(","),
		directions = m.directions.join(","),
		effective = m.effective_on
	);
	println!("{line}");
	if let Some(motion) = &m.motion {
		let countries =
			|list: &[String]| if list.is_empty() { t!("mra-nobody") } else { list.join(",") };
		let waiting = t!(
			"mra-waiting",
			motion = motion,
			signed = countries(&m.signed),
			waiting_for = countries(&m.waiting_for)
		);
		println!("  {waiting}");
	}
	for set in &m.benefits {
		let line = t!(
			"mra-benefits",
			recogniser = set.recogniser.as_str(),
			issuer = set.issuer.as_str(),
			version = set.version,
			count = set.grants.len()
		);
		println!("  {line}");
		set.grants.iter().for_each(|g| println!("    - {}", grant_text(g)));
		if let Some(next) = &set.scheduled {
			let line =
				t!("mra-benefits-scheduled", on = next.on.as_str(), count = next.grants.len());
			println!("    {line}");
		}
	}
}

/// An outcome in words.
pub fn print(outcome: &Outcome) {
	outcome.sent.print();
	if let Some(m) = &outcome.mra {
		print_mra(m);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn directions_read_as_issuer_then_recogniser() {
		let read = directions(&["CR>MX".into(), "MX>CR".into(), "MX>CR".into()]).unwrap().unwrap();
		let (mx, cr) = (CountryCode(*b"MX"), CountryCode(*b"CR"));
		assert_eq!(read.into_inner(), vec![(cr, mx), (mx, cr)]);
		assert!(directions(&[]).unwrap().is_none());
		let error = directions(&["MX-CR".into()]).unwrap_err().to_string();
		assert_eq!(error, "\"MX-CR\" is not ISSUER>RECOGNISER (`MX>CR`)");
	}
}
