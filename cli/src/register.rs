//! A national AEO register as `cadena import` reads it and `cadena export`
//! writes it: one row per certificate, with its holder's registry data,
//! after the WCO AEO data fields. docs/register-format.md is the reference.

use std::{collections::BTreeMap, fmt, path::Path};

use anyhow::{bail, Context, Result};
use cadena_primitives::{
	date_of, day_from_date, AeoType, CertificateId, Day, OperatorRole, OperatorRoles, Tin, TinError,
};
use pallet_aeo_certificates::{CertificateData, NewCertificate};
use pallet_tin_registry::TraderData;

/// The columns, in the order `cadena export` writes them.
pub const COLUMNS: [&str; 13] = [
	"tin",
	"legal_name",
	"trade_name",
	"street",
	"city",
	"postal_code",
	"region",
	"consent",
	"authorization_number",
	"aeo_type",
	"roles",
	"authorized_on",
	"expires_on",
];

/// Columns a row may leave empty.
const OPTIONAL: [&str; 1] = ["trade_name"];

/// Where a row is in its file: a CSV line or a JSON array entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
	/// A line of a CSV file (the header is line 1).
	Line(usize),
	/// An entry of a JSON array, from 1.
	Entry(usize),
}

impl fmt::Display for Place {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Place::Line(n) => write!(f, "line {n}"),
			Place::Entry(n) => write!(f, "entry {n}"),
		}
	}
}

/// A row as read, before its values are checked.
pub type RawRow = BTreeMap<String, String>;

/// A checked row: the holder and its certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
	/// The holder's TIN.
	pub tin: Tin,
	/// The holder's registry data.
	pub trader: TraderData,
	/// The certificate's identity.
	pub id: CertificateId,
	/// The certificate as granted.
	pub certificate: NewCertificate,
}

/// Reads a register: CSV, or JSON if the file name ends in `.json`. A file
/// that cannot be read as a whole (no header, a missing column, broken
/// JSON) is an error; a row with bad values is returned as an error of its
/// own, so the good rows still go on.
pub fn read(path: &Path) -> Result<Vec<(Place, Result<Row, String>)>> {
	let text = std::fs::read_to_string(path)
		.with_context(|| format!("cannot read register {}", path.display()))?;
	let raw = if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) {
		read_json(&text)
			.with_context(|| format!("{} is not a valid JSON register", path.display()))?
	} else {
		read_csv(&text)
			.with_context(|| format!("{} is not a valid CSV register", path.display()))?
	};
	Ok(raw.into_iter().map(|(place, row)| (place, parse(&row))).collect())
}

fn read_csv(text: &str) -> Result<Vec<(Place, RawRow)>> {
	let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
	let header: Vec<String> = reader.headers()?.iter().map(str::to_ascii_lowercase).collect();
	check_columns(header.iter().map(String::as_str))?;
	let mut rows = Vec::new();
	for record in reader.records() {
		let record = record?;
		let line = record.position().map(|p| p.line() as usize).unwrap_or_default();
		let row = header.iter().cloned().zip(record.iter().map(str::to_string)).collect();
		rows.push((Place::Line(line), row));
	}
	Ok(rows)
}

fn read_json(text: &str) -> Result<Vec<(Place, RawRow)>> {
	let entries: Vec<serde_json::Map<String, serde_json::Value>> =
		serde_json::from_str(text).context("expected an array of objects, one per certificate")?;
	let mut rows = Vec::new();
	for (i, entry) in entries.into_iter().enumerate() {
		check_columns(entry.keys().map(String::as_str))
			.with_context(|| format!("entry {}", i + 1))?;
		let row = entry.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), json_text(v))).collect();
		rows.push((Place::Entry(i + 1), row));
	}
	Ok(rows)
}

fn json_text(value: serde_json::Value) -> String {
	match value {
		serde_json::Value::String(s) => s.trim().to_string(),
		serde_json::Value::Null => String::new(),
		serde_json::Value::Array(items) => {
			items.into_iter().map(json_text).collect::<Vec<_>>().join(";")
		}
		other => other.to_string(),
	}
}

fn check_columns<'a>(present: impl Iterator<Item = &'a str>) -> Result<()> {
	let present: Vec<String> = present.map(str::to_ascii_lowercase).collect();
	let missing: Vec<&str> = COLUMNS
		.iter()
		.filter(|c| !OPTIONAL.contains(c) && !present.iter().any(|p| p == *c))
		.copied()
		.collect();
	if !missing.is_empty() {
		bail!("missing column(s): {} (see docs/register-format.md)", missing.join(", "));
	}
	Ok(())
}

/// Checks a row's values.
pub fn parse(raw: &RawRow) -> Result<Row, String> {
	let field = |name: &str| -> Result<&str, String> {
		let value = raw.get(name).map(String::as_str).unwrap_or_default();
		if value.is_empty() && !OPTIONAL.contains(&name) {
			return Err(format!("`{name}` is empty"));
		}
		Ok(value)
	};
	let tin_text = field("tin")?;
	let tin = Tin::parse(tin_text.as_bytes())
		.map_err(|e| format!("`tin` {tin_text:?} is not a WCO TIN: {}", tin_error(e)))?;
	let number = field("authorization_number")?;
	let id =
		CertificateId::new(tin.country, number.as_bytes()).map_err(|e| {
			format!("`authorization_number` {number:?} is not valid: {e:?} (1 to 35 of A-Z, 0-9, - and /)")
		})?;
	let consent = match field("consent")?.to_ascii_lowercase().as_str() {
		"yes" | "y" | "true" | "1" => true,
		"no" | "n" | "false" | "0" => false,
		other => return Err(format!("`consent` {other:?} is neither yes nor no")),
	};
	let trader = TraderData {
		legal_name: field("legal_name")?.as_bytes().to_vec(),
		trade_name: field("trade_name")?.as_bytes().to_vec(),
		street: field("street")?.as_bytes().to_vec(),
		city: field("city")?.as_bytes().to_vec(),
		postal_code: field("postal_code")?.as_bytes().to_vec(),
		region: field("region")?.as_bytes().to_vec(),
		consent,
	};
	let authorized_on = date("authorized_on", field("authorized_on")?)?;
	let expires_on = date("expires_on", field("expires_on")?)?;
	if expires_on <= authorized_on {
		return Err("`expires_on` is not after `authorized_on`".into());
	}
	let certificate = NewCertificate {
		number: number.as_bytes().to_vec(),
		data: CertificateData {
			holder: tin.to_bytes(),
			aeo_type: aeo_type(field("aeo_type")?)?,
			roles: roles(field("roles")?)?,
			authorized_on,
		},
		expires_on,
	};
	Ok(Row { tin, trader, id, certificate })
}

fn tin_error(error: TinError) -> &'static str {
	match error {
		TinError::Empty => "it is empty",
		TinError::MissingNationalId => "the national identifier after the country code is missing",
		TinError::TooLong => "the national identifier is longer than 15 characters",
		TinError::LowerCase => "it has lower-case letters",
		TinError::InvalidCharacter => "only A-Z and 0-9 may follow the country code",
		TinError::UnknownCountry => "it does not start with an ISO 3166-1 alpha-2 country code",
	}
}

pub(crate) fn date(column: &str, text: &str) -> Result<Day, String> {
	let bad = || format!("`{column}` {text:?} is not a date (YYYY-MM-DD)");
	let mut parts = text.splitn(3, '-');
	let mut next = || parts.next().and_then(|p| p.parse::<u32>().ok());
	let (y, m, d) = (next().ok_or_else(bad)?, next().ok_or_else(bad)?, next().ok_or_else(bad)?);
	day_from_date(y as i32, m, d).ok_or_else(bad)
}

/// `YYYY-MM-DD`.
pub fn date_text(day: Day) -> String {
	let (y, m, d) = date_of(day);
	format!("{y:04}-{m:02}-{d:02}")
}

/// The WCO/EU codes: `AEOS` (security and safety), `AEOC` (customs
/// simplifications), `AEOF` (both); the runtime's names are accepted too.
fn aeo_type(text: &str) -> Result<AeoType, String> {
	match text.to_ascii_lowercase().replace(['_', ' '], "").as_str() {
		"aeos" | "securityandsafety" => Ok(AeoType::SecurityAndSafety),
		"aeoc" | "customssimplifications" => Ok(AeoType::CustomsSimplifications),
		"aeof" | "both" => Ok(AeoType::Both),
		_ => Err(format!("`aeo_type` {text:?} is not AEOS, AEOC or AEOF")),
	}
}

/// The code `cadena export` writes for an AEO type.
pub fn aeo_type_code(aeo_type: AeoType) -> &'static str {
	match aeo_type {
		AeoType::SecurityAndSafety => "AEOS",
		AeoType::CustomsSimplifications => "AEOC",
		AeoType::Both => "AEOF",
	}
}

/// The name of an operator role in a register file.
pub fn role_name(role: OperatorRole) -> &'static str {
	match role {
		OperatorRole::Importer => "importer",
		OperatorRole::Exporter => "exporter",
		OperatorRole::Manufacturer => "manufacturer",
		OperatorRole::CustomsBroker => "customs_broker",
		OperatorRole::Carrier => "carrier",
		OperatorRole::FreightForwarder => "freight_forwarder",
		OperatorRole::WarehouseKeeper => "warehouse_keeper",
		OperatorRole::PortOperator => "port_operator",
	}
}

/// `;`-separated role names, in any order; stored sorted, each once.
fn roles(text: &str) -> Result<OperatorRoles, String> {
	let mut roles = Vec::new();
	for name in text.split(';').map(str::trim).filter(|n| !n.is_empty()) {
		let wanted = name.to_ascii_lowercase().replace([' ', '-'], "_");
		let role = OperatorRole::ALL
			.into_iter()
			.find(|r| role_name(*r) == wanted || role_name(*r).replace('_', "") == wanted)
			.ok_or_else(|| {
				let known: Vec<_> = OperatorRole::ALL.into_iter().map(role_name).collect();
				format!("`roles`: {name:?} is not one of {}", known.join(", "))
			})?;
		roles.push(role);
	}
	if roles.is_empty() {
		return Err("`roles` names no role".into());
	}
	roles.sort();
	roles.dedup();
	Ok(roles.try_into().expect("at most the 8 roles there are; qed"))
}

/// `;`-separated role names.
pub fn roles_text(roles: &[OperatorRole]) -> String {
	roles.iter().map(|r| role_name(*r)).collect::<Vec<_>>().join(";")
}

#[cfg(test)]
mod tests {
	use super::*;

	const HEADER: &str = "tin,legal_name,trade_name,street,city,postal_code,region,consent,authorization_number,aeo_type,roles,authorized_on,expires_on";

	fn csv(rows: &[&str]) -> Vec<(Place, Result<Row, String>)> {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("register.csv");
		std::fs::write(&path, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
		read(&path).unwrap()
	}

	const GOOD: &str = "MXAAA010101AAA,Exportadora del Norte,,Av. Reforma 100,Ciudad de Mexico,06600,MX-CMX,yes,MX-AEO-1,AEOS,exporter;importer,2025-01-15,2028-01-15";

	#[test]
	fn a_good_row_is_read_with_its_line() {
		let rows = csv(&[GOOD]);
		let (place, row) = &rows[0];
		assert_eq!(*place, Place::Line(2));
		let row = row.as_ref().unwrap();
		assert_eq!(row.tin.to_bytes(), b"MXAAA010101AAA");
		assert_eq!(row.id.country.as_str(), "MX");
		assert_eq!(row.certificate.data.aeo_type, AeoType::SecurityAndSafety);
		// Sorted, each once.
		assert_eq!(
			row.certificate.data.roles.to_vec(),
			vec![OperatorRole::Importer, OperatorRole::Exporter]
		);
		assert_eq!(date_text(row.certificate.data.authorized_on), "2025-01-15");
		assert!(row.trader.consent);
		assert!(row.trader.trade_name.is_empty());
	}

	#[test]
	fn each_bad_value_is_refused_with_its_reason_and_the_rest_go_on() {
		let bad = |from: &str, to: &str| GOOD.replacen(from, to, 1);
		let cases = [
			(bad("MXAAA010101AAA", "mxaaa010101aaa"), "lower-case"),
			(bad("MXAAA010101AAA", "XXAAA010101AAA"), "country code"),
			(bad("MX-AEO-1", "MX AEO 1"), "authorization_number"),
			(bad("AEOS", "AEOX"), "AEOS, AEOC or AEOF"),
			(bad("exporter;importer", "exporter;smuggler"), "smuggler"),
			(bad("2025-01-15", "2025-02-30"), "not a date"),
			(bad("2028-01-15", "2024-01-15"), "not after"),
			(bad(",yes,", ",maybe,"), "neither yes nor no"),
			(bad("Exportadora del Norte", ""), "`legal_name` is empty"),
		];
		let lines: Vec<&str> = cases.iter().map(|(row, _)| row.as_str()).chain([GOOD]).collect();
		let rows = csv(&lines);
		for (i, (_, expected)) in cases.iter().enumerate() {
			let error = rows[i].1.as_ref().unwrap_err();
			assert!(error.contains(expected), "line {}: {error} lacks {expected}", i + 2);
			assert_eq!(rows[i].0, Place::Line(i + 2));
		}
		assert!(rows.last().unwrap().1.is_ok());
	}

	#[test]
	fn json_reads_like_csv() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("register.json");
		std::fs::write(
			&path,
			r#"[{"tin":"MXAAA010101AAA","legal_name":"Exportadora del Norte","street":"Av. Reforma 100",
			"city":"Ciudad de Mexico","postal_code":"06600","region":"MX-CMX","consent":true,
			"authorization_number":"MX-AEO-1","aeo_type":"AEOS","roles":["importer","exporter"],
			"authorized_on":"2025-01-15","expires_on":"2028-01-15"}]"#,
		)
		.unwrap();
		let rows = read(&path).unwrap();
		assert_eq!(rows[0].0, Place::Entry(1));
		assert_eq!(rows[0].1.as_ref().unwrap(), csv(&[GOOD])[0].1.as_ref().unwrap());
	}

	#[test]
	fn a_file_without_a_required_column_is_refused_as_a_whole() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("register.csv");
		std::fs::write(&path, "tin,legal_name\nMXAAA010101AAA,X\n").unwrap();
		let error = format!("{:#}", read(&path).unwrap_err());
		assert!(error.contains("missing column(s): street"), "{error}");
		std::fs::write(&path, "{").unwrap();
		let json = dir.path().join("register.json");
		std::fs::write(&json, "{not json").unwrap();
		assert!(format!("{:#}", read(&json).unwrap_err()).contains("not a valid JSON register"));
	}

	#[test]
	fn the_documented_samples_are_valid_registers() {
		let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/samples");
		let csv = read(&samples.join("register.csv")).unwrap();
		let json = read(&samples.join("register.json")).unwrap();
		assert_eq!(csv.len(), 4);
		assert!(csv.iter().chain(&json).all(|(_, row)| row.is_ok()), "{csv:?} {json:?}");
		// The JSON sample is the CSV's first two rows.
		for ((_, a), (_, b)) in csv.iter().zip(&json) {
			assert_eq!(a, b);
		}
	}
}
