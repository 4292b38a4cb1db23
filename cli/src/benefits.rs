//! What recognition gives: benefit files for `mra propose --benefits` and
//! `mra benefits`, grants in words, and `cadena decide`, the one call a
//! border's risk engine makes per declaration.

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use cadena_primitives::{BenefitCode, Condition, Grant, Grants, OperatorRole, Side};
use cadena_rpc::json::{DecisionJson, DeclaredPartyJson, RecognitionJson};
use clap::{Args, ValueEnum};
use pallet_mra::ProposedBenefits;
use serde::{Deserialize, Serialize};
use subxt::rpcs::rpc_params;

use crate::{
	chain::Chain,
	i18n::t,
	query::{country, reason_text},
	register::{aeo_type_code, role_name, roles, roles_text},
};

/// One direction's benefits in a file: what `recogniser` grants `issuer`'s
/// AEOs. A proposal's file holds a list of them; an amendment's, one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectionFile {
	/// The issuing country (`MX`).
	pub issuer: String,
	/// The recognising country (`CR`).
	pub recogniser: String,
	/// The grants, in the JSON of the node's RPC (docs/benefits.md).
	pub grants: Vec<Grant>,
}

impl DirectionFile {
	/// The direction as the chain takes it: grants sorted, each once.
	pub fn proposed(&self) -> Result<ProposedBenefits> {
		let mut grants = self.grants.clone();
		// In any order in the file; sorted, each once, as the chain takes them.
		for grant in &mut grants {
			grant.roles = sorted_once(&grant.roles);
			grant.aeo_types = sorted_once(&grant.aeo_types);
		}
		grants.sort();
		grants.dedup();
		let count = grants.len();
		Ok(ProposedBenefits {
			issuer: country(&self.issuer)?,
			recogniser: country(&self.recogniser)?,
			grants: Grants::try_from(grants)
				.map_err(|_| anyhow!(t!("benefits-too-many", count = count)))?,
		})
	}
}

/// A bounded list sorted, each item once: never longer than it came.
fn sorted_once<T: Ord + Clone, S: frame_support::traits::Get<u32>>(
	list: &frame_support::BoundedVec<T, S>,
) -> frame_support::BoundedVec<T, S> {
	let mut items = list.to_vec();
	items.sort();
	items.dedup();
	frame_support::BoundedVec::truncate_from(items)
}

fn read(path: &Path) -> Result<serde_json::Value> {
	let text = std::fs::read_to_string(path)
		.with_context(|| t!("benefits-cannot-read", path = path.display()))?;
	serde_json::from_str(&text).with_context(|| t!("benefits-not-json", path = path.display()))
}

/// A proposal's benefits: a file with one direction or a list of them.
pub fn read_proposal(path: &Path) -> Result<Vec<ProposedBenefits>> {
	let value = read(path)?;
	let files: Vec<DirectionFile> = match value {
		serde_json::Value::Array(_) => serde_json::from_value(value),
		_ => serde_json::from_value(value).map(|one| vec![one]),
	}
	.with_context(|| t!("benefits-not-json", path = path.display()))?;
	files.iter().map(DirectionFile::proposed).collect()
}

/// An amendment's benefits: a file with one direction.
pub fn read_direction(path: &Path) -> Result<ProposedBenefits> {
	let file: DirectionFile = serde_json::from_value(read(path)?)
		.with_context(|| t!("benefits-not-json", path = path.display()))?;
	file.proposed()
}

/// A benefit's name.
pub fn code_text(code: &BenefitCode) -> String {
	match code {
		BenefitCode::RiskFactor => t!("benefit-risk-factor"),
		BenefitCode::RiskScoreReduction => t!("benefit-risk-score-reduction"),
		BenefitCode::FewerPhysicalControls => t!("benefit-fewer-physical-controls"),
		BenefitCode::FewerDocumentaryControls => t!("benefit-fewer-documentary-controls"),
		BenefitCode::PriorityIfSelected => t!("benefit-priority-if-selected"),
		BenefitCode::PriorityClearance => t!("benefit-priority-clearance"),
		BenefitCode::BusinessContinuity => t!("benefit-business-continuity"),
		BenefitCode::PartnerRecognitionInValidation => t!("benefit-partner-recognition"),
		BenefitCode::NoRedundantValidation => t!("benefit-no-redundant-validation"),
		BenefitCode::PriorNotification => t!("benefit-prior-notification"),
		BenefitCode::ChoiceOfPlaceOfControl => t!("benefit-choice-of-place"),
		BenefitCode::ReducedDataSet => t!("benefit-reduced-data-set"),
		BenefitCode::FastLane => t!("benefit-fast-lane"),
		BenefitCode::National(code) => {
			t!("benefit-national", code = String::from_utf8_lossy(code).into_owned())
		}
	}
}

/// A side of the border.
pub fn side_text(side: Side) -> String {
	match side {
		Side::Import => t!("benefit-side-import"),
		Side::Export => t!("benefit-side-export"),
		Side::Transit => t!("benefit-side-transit"),
	}
}

/// A grant in words: `priority clearance, at import, for exporter;
/// manufacturer (AEOS)`, with its parameter and condition.
pub fn grant_text(grant: &Grant) -> String {
	let mut name = code_text(&grant.code);
	if let Some(value) = grant.parameter {
		let parameter = match grant.code {
			BenefitCode::FewerPhysicalControls | BenefitCode::FewerDocumentaryControls => {
				t!("benefit-rate-cap", rate = value)
			}
			BenefitCode::RiskScoreReduction => t!("benefit-score-delta", delta = value),
			_ => t!("benefit-parameter", value = value),
		};
		name = format!("{name} ({parameter})");
	}
	let types: Vec<_> = grant.aeo_types.iter().map(|t| aeo_type_code(*t)).collect();
	let mut text = t!(
		"benefit-grant",
		benefit = name,
		side = side_text(grant.side),
		roles = roles_text(&grant.roles),
		types = types.join(",")
	);
	if grant.condition == Condition::DuringContinuityEvent {
		text.push_str(&format!(", {}", t!("benefit-during-continuity")));
	}
	text
}

/// The benefits lines of a recognition answer: where they come from, then
/// each grant; a recognised answer without grants says so.
pub fn benefit_lines(answer: &RecognitionJson) -> Vec<String> {
	let Some(from) = &answer.benefits_from else { return Vec::new() };
	let mut lines = vec![t!(
		"benefit-from",
		recogniser = from.recogniser.as_str(),
		issuer = from.issuer.as_str(),
		mra = from.mra,
		version = from.version
	)];
	if answer.benefits.is_empty() {
		lines.push(format!("  {}", t!("benefit-none")));
	}
	lines.extend(answer.benefits.iter().map(|g| format!("  - {}", grant_text(g))));
	lines
}

/// The side of a declaration, as typed.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum SideArg {
	/// Import into the declaring country.
	Import,
	/// Export from the declaring country.
	Export,
	/// Transit through the declaring country.
	Transit,
}

impl From<SideArg> for Side {
	fn from(side: SideArg) -> Side {
		match side {
			SideArg::Import => Side::Import,
			SideArg::Export => Side::Export,
			SideArg::Transit => Side::Transit,
		}
	}
}

/// `cadena decide`.
#[derive(Args, Debug)]
pub struct DecideArgs {
	/// The country the declaration is lodged in: the node's own
	/// administration (any country on a development chain).
	#[arg(long, value_name = "CC")]
	pub declaring: String,
	/// The side of the border: import, export or transit.
	#[arg(long, value_enum)]
	pub side: SideArg,
	/// A party as `ROLE=TIN`, roles spelled as in the register format
	/// (`exporter=MXAAA010101AAA`), or `ROLE=CC:SCHEME:VALUE` with a partner
	/// identifier its country recorded; up to 16, repeat the option.
	#[arg(long = "party", value_name = "PARTY", required = true)]
	pub parties: Vec<String>,
	/// The block to read at, by hash (the last finalized block when not given).
	#[arg(long, value_name = "HASH")]
	pub at: Option<String>,
	/// Print the answer as JSON.
	#[arg(long)]
	pub json: bool,
}

/// `ROLE=TIN`.
fn party(text: &str) -> Result<DeclaredPartyJson> {
	let (role, tin) = text
		.split_once('=')
		.with_context(|| t!("decide-not-a-party", text = format!("{text:?}")))?;
	let role: Vec<OperatorRole> = roles(role).map_err(|e| anyhow!(e))?.into_inner();
	let [role] = role[..] else {
		return Err(anyhow!(t!("decide-not-a-party", text = format!("{text:?}"))));
	};
	Ok(DeclaredPartyJson { role, party: tin.trim().to_string() })
}

/// Asks the node for a declaration's decision.
pub async fn decide(chain: &Chain, args: &DecideArgs) -> Result<DecisionJson> {
	let declaring = country(&args.declaring)?;
	let parties = args.parties.iter().map(|p| party(p)).collect::<Result<Vec<_>>>()?;
	let side: Side = args.side.into();
	let at = args.at.as_deref().map(str::trim);
	chain
		.rpc
		.request("cadena_decision", rpc_params![declaring.as_str(), side, parties, at])
		.await
		.with_context(|| t!("decide-refused"))
}

/// A decision in words.
pub fn print_decision(decision: &DecisionJson) {
	println!(
		"{}",
		t!(
			"decide-header",
			country = decision.declaring.as_str(),
			side = side_text(decision.side),
			block = decision.block,
			hash = format!("{:?}", decision.block_hash)
		)
	);
	for p in &decision.parties {
		let who = match &p.tin {
			Some(tin) if *tin != p.party => format!("{} {} ({tin})", role_name(p.role), p.party),
			_ => format!("{} {}", role_name(p.role), p.party),
		};
		let answer = &p.recognition;
		let line = match (&answer.certificate, answer.recognised) {
			(Some(c), true) => t!(
				"decide-recognised",
				party = who,
				certificate = format!("{} {}", c.country, c.number)
			),
			_ => {
				let why = answer.reason.map(reason_text).unwrap_or_else(|| t!("query-no-reason"));
				t!("decide-not-recognised", party = who, why = why)
			}
		};
		println!("  {line}");
		benefit_lines(answer).iter().for_each(|l| println!("    {l}"));
	}
	println!("{}", t!("decide-union", count = decision.benefits.len()));
}

#[cfg(test)]
mod tests {
	use super::*;
	use cadena_primitives::{AeoType, CountryCode};

	#[test]
	fn a_party_is_a_role_and_a_tin() {
		let read = party("exporter=MXAAA010101AAA").unwrap();
		assert_eq!(
			read,
			DeclaredPartyJson { role: OperatorRole::Exporter, party: "MXAAA010101AAA".into() }
		);
		assert_eq!(party("customs-broker=CR3101123456").unwrap().role, OperatorRole::CustomsBroker);
		assert!(party("MXAAA010101AAA").is_err());
		assert!(party("exporter;importer=MXAAA010101AAA").is_err());
		assert!(party("smuggler=MXAAA010101AAA").is_err());
	}

	#[test]
	fn a_benefits_file_reads_in_the_rpcs_json_sorted() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("benefits.json");
		std::fs::write(
			&path,
			r#"[{"issuer": "MX", "recogniser": "CR", "grants": [
				{"code": "PriorityClearance", "side": "Import", "roles": ["Exporter"], "aeoTypes": ["SecurityAndSafety"], "parameter": null, "condition": "Always"},
				{"code": "RiskFactor", "side": "Import", "roles": ["Exporter"], "aeoTypes": ["SecurityAndSafety"], "parameter": null, "condition": "Always"}
			]}]"#,
		)
		.unwrap();
		let read = read_proposal(&path).unwrap();
		assert_eq!(
			(read[0].issuer, read[0].recogniser),
			(CountryCode(*b"MX"), CountryCode(*b"CR"))
		);
		let codes: Vec<_> = read[0].grants.iter().map(|g| g.code.clone()).collect();
		assert_eq!(codes, vec![BenefitCode::RiskFactor, BenefitCode::PriorityClearance]);
		assert_eq!(read[0].grants[0].aeo_types.to_vec(), vec![AeoType::SecurityAndSafety]);
		std::fs::write(&path, "{\"issuer\": \"MX\"}").unwrap();
		assert!(read_direction(&path).is_err());
	}

	#[test]
	fn a_grant_reads_in_words() {
		let grant = Grant {
			code: BenefitCode::FewerPhysicalControls,
			side: Side::Import,
			roles: vec![OperatorRole::Exporter, OperatorRole::Manufacturer].try_into().unwrap(),
			aeo_types: vec![AeoType::SecurityAndSafety].try_into().unwrap(),
			parameter: Some(200),
			condition: Condition::DuringContinuityEvent,
		};
		assert_eq!(
			grant_text(&grant),
			"fewer physical controls (at most 200 per mille), at import, for exporter;manufacturer (AEOS), only during a business-continuity event"
		);
	}
}
