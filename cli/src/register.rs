//! A national AEO register as `cadena import` reads it and `cadena export`
//! writes it: one row per certificate, with its holder's registry data,
//! after the WCO AEO data fields. docs/register-format.md is the reference.

use std::{collections::BTreeMap, fmt, path::Path};

use anyhow::{bail, Context, Result};
use cadena_primitives::{
	date_of, day_from_date, AeoType, CertificateId, Day, OperatorRole, OperatorRoles, Tin, TinError,
};
use calamine::{Data, Reader, Xlsx};
use clap::ValueEnum;
use pallet_aeo_certificates::{CertificateData, NewCertificate};

use crate::i18n::t;

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

/// Columns a row may leave empty. The holder's contacts (`contact_point`,
/// `email`, `phone`) are columns a register may have or not: they go only
/// into the holder's confidential record (`cadena import
/// --encryption-key-file`), and `cadena export` does not write them.
const OPTIONAL: [&str; 4] = ["trade_name", "contact_point", "email", "phone"];

/// Where a row is in its file: a CSV line or a JSON array entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
	/// A line of a CSV file or a row of an `.xlsx` sheet (the header is
	/// line 1).
	Line(usize),
	/// An entry of a JSON array, from 1.
	Entry(usize),
}

impl fmt::Display for Place {
	fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
		match self {
			Place::Line(n) => f.write_str(&t!("register-line", number = *n)),
			Place::Entry(n) => f.write_str(&t!("register-entry", number = *n)),
		}
	}
}

/// A row as read, before its values are checked.
pub type RawRow = BTreeMap<String, String>;

/// A trader as a register gives it: its confidential record's names and
/// address, and the consent it gave (the one part the TIN registry
/// stores in plain).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraderData {
	/// The legal name.
	pub legal_name: Vec<u8>,
	/// The trade name (may be empty).
	pub trade_name: Vec<u8>,
	/// Street and number.
	pub street: Vec<u8>,
	/// City.
	pub city: Vec<u8>,
	/// Postal code.
	pub postal_code: Vec<u8>,
	/// ISO 3166-2 subdivision code (`MX-CMX`).
	pub region: Vec<u8>,
	/// Whether the trader consented to share its data with MRA partners.
	pub consent: bool,
}

/// A checked row: the holder and its certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
	/// The holder's TIN.
	pub tin: Tin,
	/// The holder's registry data.
	pub trader: TraderData,
	/// The holder's contacts (empty where the register has none).
	pub contact: Contact,
	/// The certificate's identity.
	pub id: CertificateId,
	/// The certificate as granted.
	pub certificate: NewCertificate,
}

/// A holder's contacts, from the optional columns `contact_point`, `email`
/// and `phone`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contact {
	/// The person or office to contact.
	pub contact_point: String,
	/// The contact e-mail address.
	pub email: String,
	/// The contact telephone.
	pub phone: String,
}

/// How to read a register; what is left `None` is detected from the file.
#[derive(Clone, Debug, Default)]
pub struct Options {
	/// A CSV's separator; by default the one its header line uses.
	pub delimiter: Option<Delimiter>,
	/// A CSV's character encoding; by default UTF-8 if the file is valid
	/// UTF-8, else Windows-1252.
	pub encoding: Option<Encoding>,
	/// An `.xlsx` workbook's sheet; by default the first.
	pub sheet: Option<String>,
}

/// The separator of a CSV register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Delimiter {
	/// `,`
	#[value(name = "comma", alias = ",")]
	Comma,
	/// `;`, as spreadsheets write CSV where `,` is the decimal separator.
	#[value(name = "semicolon", alias = ";")]
	Semicolon,
}

impl Delimiter {
	/// The separator's byte.
	fn byte(self) -> u8 {
		match self {
			Delimiter::Comma => b',',
			Delimiter::Semicolon => b';',
		}
	}
}

/// The character encoding of a CSV register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Encoding {
	/// UTF-8, with or without a byte-order mark.
	#[value(name = "utf-8", alias = "utf8")]
	Utf8,
	/// Windows-1252 ("ANSI" on a Spanish or Portuguese Windows; covers
	/// ISO-8859-1, "Latin-1").
	#[value(name = "windows-1252", alias = "cp1252", alias = "latin1", alias = "iso-8859-1")]
	Windows1252,
}

/// The kinds of register file, told by the file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
	/// Anything else.
	Csv,
	/// `.json`.
	Json,
	/// `.xlsx`.
	Xlsx,
}

/// The kind of a register file, or why it cannot be read.
fn kind(path: &Path) -> Result<Kind> {
	let extension =
		path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
	match extension.as_str() {
		"json" => Ok(Kind::Json),
		"xlsx" => Ok(Kind::Xlsx),
		"xls" | "xlsb" | "xlsm" | "ods" => {
			bail!(t!("register-old-workbook", path = path.display(), extension = extension))
		}
		_ => Ok(Kind::Csv),
	}
}

/// Refuses the options that do not apply to the file's kind.
fn check_options(kind: Kind, options: &Options) -> Result<()> {
	if kind != Kind::Csv && (options.delimiter.is_some() || options.encoding.is_some()) {
		bail!(t!("register-csv-options"));
	}
	if kind != Kind::Xlsx && options.sheet.is_some() {
		bail!(t!("register-sheet-option"));
	}
	Ok(())
}

/// Reads a register: JSON if the file name ends in `.json`, the first (or
/// the `--sheet`) sheet of an Excel workbook if in `.xlsx`, else CSV,
/// separated by `,` or `;`, in UTF-8 or Windows-1252. A file that cannot
/// be read as a whole (no header, a missing column, broken JSON, no such
/// sheet) is an error; a row with bad values is returned as an error of its
/// own, so the good rows still go on.
pub fn read(path: &Path, options: &Options) -> Result<Vec<(Place, Result<Row, String>)>> {
	let kind = kind(path)?;
	check_options(kind, options)?;
	let raw = match kind {
		Kind::Json => {
			let text = std::fs::read_to_string(path)
				.with_context(|| t!("register-cannot-read", path = path.display()))?;
			read_json(&text).with_context(|| t!("register-not-json", path = path.display()))?
		}
		Kind::Xlsx => read_xlsx(path, options.sheet.as_deref())
			.with_context(|| t!("register-not-xlsx", path = path.display()))?,
		Kind::Csv => {
			let bytes = std::fs::read(path)
				.with_context(|| t!("register-cannot-read", path = path.display()))?;
			decode(&bytes, options.encoding)
				.and_then(|text| read_csv(&text, options.delimiter))
				.with_context(|| t!("register-not-csv", path = path.display()))?
		}
	};
	Ok(raw.into_iter().map(|(place, row)| (place, row.and_then(|row| parse(&row)))).collect())
}

/// A CSV file's text: UTF-8 (a byte-order mark dropped) or Windows-1252,
/// as forced, else UTF-8 if it is valid UTF-8 and Windows-1252 if not.
fn decode(bytes: &[u8], encoding: Option<Encoding>) -> Result<String> {
	if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
		bail!(t!("register-utf16"));
	}
	let unmarked = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
	match (encoding, std::str::from_utf8(unmarked)) {
		(None, Err(e)) if unmarked.utf8_chunks().any(|c| !c.valid().is_ascii()) => {
			// UTF-8 accents beside bytes that are not UTF-8: read either way,
			// part of the file would come out garbled.
			let line = 1 + unmarked[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count();
			bail!(t!("register-mixed-encoding", place = Place::Line(line)))
		}
		(Some(Encoding::Windows1252), _) | (None, Err(_)) => {
			Ok(encoding_rs::WINDOWS_1252.decode_without_bom_handling(unmarked).0.into_owned())
		}
		(_, Ok(text)) => Ok(text.to_string()),
		(Some(Encoding::Utf8), Err(e)) => {
			let line = 1 + unmarked[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count();
			bail!(t!("register-not-utf8", place = Place::Line(line)))
		}
	}
}

/// The separator a CSV header line uses: `;` if it has more of them
/// outside quotes than `,`.
fn detect_delimiter(text: &str) -> Delimiter {
	let header = text.lines().next().unwrap_or_default();
	let (mut quoted, mut commas, mut semicolons) = (false, 0, 0);
	for c in header.chars() {
		match c {
			'"' => quoted = !quoted,
			',' if !quoted => commas += 1,
			';' if !quoted => semicolons += 1,
			_ => {}
		}
	}
	if semicolons > commas {
		Delimiter::Semicolon
	} else {
		Delimiter::Comma
	}
}

/// A read row: its values by column, or why it has none.
type RawResult = Result<RawRow, String>;

/// The rows of a CSV register's text, separated as forced or as its
/// header line is.
fn read_csv(text: &str, delimiter: Option<Delimiter>) -> Result<Vec<(Place, RawResult)>> {
	let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(text));
	let mut reader = csv::ReaderBuilder::new()
		.delimiter(delimiter.byte())
		.flexible(true)
		.trim(csv::Trim::All)
		.from_reader(text.as_bytes());
	let header: Vec<String> = reader.headers()?.iter().map(str::to_ascii_lowercase).collect();
	check_columns(header.iter().map(String::as_str))?;
	let mut rows = Vec::new();
	for record in reader.records() {
		let record = record?;
		let line = record.position().map(|p| p.line() as usize).unwrap_or_default();
		let values: Vec<String> = record.iter().map(str::to_string).collect();
		rows.push((Place::Line(line), csv_row(&header, values, delimiter)));
	}
	Ok(rows)
}

/// A CSV record's values by column; a record with fewer values than the
/// header has columns, or more that are not empty, is refused, and so is
/// one with a line break in a value (no column has one: an unclosed quote
/// took the lines after it).
fn csv_row(header: &[String], values: Vec<String>, delimiter: Delimiter) -> RawResult {
	if values.iter().any(|v| v.contains('\n')) {
		return Err(t!("register-line-break"));
	}
	let extra = values.iter().skip(header.len());
	if values.len() < header.len() || extra.clone().any(|v| !v.is_empty()) {
		return Err(t!(
			"register-values-columns",
			values = values.len(),
			columns = header.len(),
			delimiter = delimiter.byte() as char
		));
	}
	Ok(header.iter().cloned().zip(values).collect())
}

/// The rows of an `.xlsx` workbook's sheet: row 1 is the header, and a
/// row is placed as `line N`, N being its row number in the sheet. Empty
/// rows are skipped, as blank lines of a CSV are.
fn read_xlsx(path: &Path, sheet: Option<&str>) -> Result<Vec<(Place, RawResult)>> {
	let mut workbook: Xlsx<_> = calamine::open_workbook(path)?;
	let names = workbook.sheet_names();
	let name = match sheet {
		None => names.first().with_context(|| t!("register-no-sheet"))?.clone(),
		Some(name) if names.iter().any(|n| n == name) => name.to_string(),
		Some(name) => bail!(t!(
			"register-unknown-sheet",
			name = format!("{name:?}"),
			names = names.join(", ")
		)),
	};
	let sheet = || t!("register-sheet", name = format!("{name:?}"));
	let range = workbook.worksheet_range(&name).with_context(sheet)?;
	let (last_row, last_column) = range.end().unwrap_or_default();
	let text = |row: u32, column: u32| range.get_value((row, column)).map(cell_text);
	let mut header: Vec<String> =
		(0..=last_column).map(|c| text(0, c).unwrap_or_default().to_ascii_lowercase()).collect();
	check_columns(header.iter().map(String::as_str)).with_context(sheet)?;
	// Cells right of the last named column (a stray format) are not read.
	header.truncate(header.iter().rposition(|h| !h.is_empty()).map_or(0, |last| last + 1));
	let mut rows = Vec::new();
	for row in 1..=last_row {
		let values = (0..header.len() as u32).map(|c| text(row, c).unwrap_or_default());
		let raw: RawRow =
			header.iter().cloned().zip(values).filter(|(h, _)| !h.is_empty()).collect();
		if raw.values().any(|v| !v.is_empty()) {
			let refused = header
				.iter()
				.enumerate()
				.find_map(|(c, column)| cell_refusal(column, range.get_value((row, c as u32))?));
			rows.push((Place::Line(row as usize + 1), refused.map_or(Ok(raw), Err)));
		}
	}
	Ok(rows)
}

/// A cell as a register's text: text trimmed, whole numbers without `.0`
/// (a postal code typed as a number), `true`/`false`, a date or date-time
/// as its day, `YYYY-MM-DD`; an error as Excel shows it (`#N/A`).
fn cell_text(cell: &Data) -> String {
	match cell {
		Data::String(text) => text.trim().to_string(),
		Data::Float(number) => number_text(*number),
		Data::DateTime(moment) if moment.is_datetime() => {
			let (y, m, d, ..) = moment.to_ymd_hms_milli();
			format!("{y:04}-{m:02}-{d:02}")
		}
		Data::DateTime(duration) => number_text(duration.as_f64()),
		Data::DateTimeIso(moment) => moment.split('T').next().unwrap_or_default().to_string(),
		other => other.to_string(),
	}
}

/// Why a cell cannot be read as it stands: an error (`#N/A`), or an
/// identifier typed as a number (authorization number 000123 is stored as
/// 123: another certificate). A postal code typed as a number is read as
/// it is stored (docs/register-format.md says to format it as text).
fn cell_refusal(column: &str, cell: &Data) -> Option<String> {
	match cell {
		Data::Error(error) => {
			Some(t!("register-cell-error", column = column, value = error.to_string()))
		}
		Data::Float(_) | Data::Int(_) if matches!(column, "tin" | "authorization_number") => {
			Some(t!("register-cell-number", column = column, value = cell_text(cell)))
		}
		_ => None,
	}
}

/// A number as typed: `6600`, not `6600.0`.
fn number_text(number: f64) -> String {
	if number.fract() == 0.0 && number.abs() < 1e15 {
		format!("{number:.0}")
	} else {
		number.to_string()
	}
}

/// The entries of a JSON register.
fn read_json(text: &str) -> Result<Vec<(Place, RawResult)>> {
	let entries: Vec<serde_json::Map<String, serde_json::Value>> =
		serde_json::from_str(text).with_context(|| t!("register-not-an-array"))?;
	let mut rows = Vec::new();
	for (i, entry) in entries.into_iter().enumerate() {
		check_columns(entry.keys().map(String::as_str))
			.with_context(|| Place::Entry(i + 1).to_string())?;
		let row = entry.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), json_text(v))).collect();
		rows.push((Place::Entry(i + 1), Ok(row)));
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
		bail!(t!("register-missing-columns", columns = missing.join(", ")));
	}
	Ok(())
}

/// Checks a row's values.
pub fn parse(raw: &RawRow) -> Result<Row, String> {
	let field = |name: &str| -> Result<&str, String> {
		let value = raw.get(name).map(String::as_str).unwrap_or_default();
		if value.is_empty() && !OPTIONAL.contains(&name) {
			return Err(t!("register-empty", column = name));
		}
		Ok(value)
	};
	let tin_text = field("tin")?;
	let tin = Tin::parse(tin_text.as_bytes())
		.map_err(|e| t!("register-bad-tin", tin = format!("{tin_text:?}"), why = tin_error(e)))?;
	let number = field("authorization_number")?;
	let id = CertificateId::new(tin.country, number.as_bytes()).map_err(|e| {
		t!("register-bad-number", number = format!("{number:?}"), why = format!("{e:?}"))
	})?;
	let consent = match field("consent")?.to_lowercase().as_str() {
		"yes" | "y" | "true" | "1" | "sí" | "si" | "s" => true,
		"no" | "n" | "false" | "0" => false,
		other => return Err(t!("register-bad-consent", value = format!("{other:?}"))),
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
	let contact = Contact {
		contact_point: field("contact_point")?.to_string(),
		email: field("email")?.to_string(),
		phone: field("phone")?.to_string(),
	};
	let authorized_on = row_date("authorized_on", field("authorized_on")?)?;
	let expires_on = row_date("expires_on", field("expires_on")?)?;
	if expires_on <= authorized_on {
		return Err(t!("register-expiry-not-after"));
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
	Ok(Row { tin, trader, contact, id, certificate })
}

/// Why a text is not a TIN, in words.
pub(crate) fn tin_error(error: TinError) -> String {
	match error {
		TinError::Empty => t!("register-tin-empty"),
		TinError::MissingNationalId => t!("register-tin-missing-national-id"),
		TinError::TooLong => t!("register-tin-too-long"),
		TinError::LowerCase => t!("register-tin-lower-case"),
		TinError::InvalidCharacter => t!("register-tin-invalid-character"),
		TinError::UnknownCountry => t!("register-tin-unknown-country"),
	}
}

/// A `YYYY-MM-DD` date (a command's option), or why not.
pub(crate) fn date(column: &str, text: &str) -> Result<Day, String> {
	let bad = || t!("register-bad-date", column = column, text = format!("{text:?}"));
	let mut parts = text.splitn(3, '-');
	let mut next = || parts.next().and_then(|p| p.parse::<u32>().ok());
	let (y, m, d) = (next().ok_or_else(bad)?, next().ok_or_else(bad)?, next().ok_or_else(bad)?);
	day_from_date(y as i32, m, d).ok_or_else(bad)
}

/// Whether `region` has the form of an ISO 3166-2 code of `tin`'s country:
/// the country code, a dash, 1 to 3 upper-case letters or digits (`MX-CMX`).
/// (The chain cannot check it: it is in the sealed record.)
pub fn is_region_of(region: &str, tin: &Tin) -> bool {
	match region.as_bytes() {
		[a, b, b'-', rest @ ..] => {
			[*a, *b] == tin.country.0
				&& (1..=3).contains(&rest.len())
				&& rest.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
		}
		_ => false,
	}
}

/// A register's date: `YYYY-MM-DD`, or `DD/MM/YYYY` as Latin American
/// registers write it (day first, never month first), or why not.
fn row_date(column: &str, text: &str) -> Result<Day, String> {
	let bad = || t!("register-bad-row-date", column = column, text = format!("{text:?}"));
	let parts: Vec<&str> = text.split('/').collect();
	let [d, m, y] = parts[..] else { return date(column, text).map_err(|_| bad()) };
	let (d, m, y) = (digits(d, 1..=2), digits(m, 1..=2), digits(y, 4..=4));
	let (Some(d), Some(m), Some(y)) = (d, m, y) else { return Err(bad()) };
	day_from_date(y as i32, m, d).ok_or_else(bad)
}

/// A number written with so many ASCII digits, nothing else.
fn digits(text: &str, lengths: std::ops::RangeInclusive<usize>) -> Option<u32> {
	let plain = lengths.contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
	plain.then(|| text.parse().ok()).flatten()
}

/// `YYYY-MM-DD`.
pub fn date_text(day: Day) -> String {
	let (y, m, d) = date_of(day);
	format!("{y:04}-{m:02}-{d:02}")
}

/// The WCO/EU codes: `AEOS` (security and safety), `AEOC` (customs
/// simplifications), `AEOF` (both); the runtime's names are accepted too.
pub(crate) fn aeo_type(text: &str) -> Result<AeoType, String> {
	match text.to_ascii_lowercase().replace(['_', ' '], "").as_str() {
		"aeos" | "securityandsafety" => Ok(AeoType::SecurityAndSafety),
		"aeoc" | "customssimplifications" => Ok(AeoType::CustomsSimplifications),
		"aeof" | "both" => Ok(AeoType::Both),
		_ => Err(t!("register-bad-aeo-type", text = format!("{text:?}"))),
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

/// Role names separated by `;` (or `,`), in any order; stored sorted,
/// each once.
pub(crate) fn roles(text: &str) -> Result<OperatorRoles, String> {
	let mut roles = Vec::new();
	for name in text.split([';', ',']).map(str::trim).filter(|n| !n.is_empty()) {
		let wanted = name.to_ascii_lowercase().replace([' ', '-'], "_");
		let role = OperatorRole::ALL
			.into_iter()
			.find(|r| role_name(*r) == wanted || role_name(*r).replace('_', "") == wanted)
			.ok_or_else(|| {
				let known: Vec<_> = OperatorRole::ALL.into_iter().map(role_name).collect();
				t!("register-unknown-role", name = format!("{name:?}"), known = known.join(", "))
			})?;
		roles.push(role);
	}
	if roles.is_empty() {
		return Err(t!("register-no-role"));
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
		read(&path, &Options::default()).unwrap()
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
	fn contacts_are_optional_columns() {
		// Absent: empty.
		let row = csv(&[GOOD]).remove(0).1.unwrap();
		assert_eq!(row.contact, Contact::default());
		// Present, in any order, each may be empty.
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("register.csv");
		let text = format!(
			"phone,{HEADER},email,contact_point\n\
			 +52 55 5555 0000,{GOOD},aduanas@norte.example,Comercio exterior\n\
			 ,{},,\n",
			GOOD.replace("MXAAA010101AAA", "MXBBB010101BBB").replace("MX-AEO-1", "MX-AEO-2")
		);
		std::fs::write(&path, text).unwrap();
		let rows = read(&path, &Options::default()).unwrap();
		let first = rows[0].1.as_ref().unwrap();
		assert_eq!(
			first.contact,
			Contact {
				contact_point: "Comercio exterior".into(),
				email: "aduanas@norte.example".into(),
				phone: "+52 55 5555 0000".into(),
			}
		);
		assert_eq!(rows[1].1.as_ref().unwrap().contact, Contact::default());
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
		let rows = read(&path, &Options::default()).unwrap();
		assert_eq!(rows[0].0, Place::Entry(1));
		assert_eq!(rows[0].1.as_ref().unwrap(), csv(&[GOOD])[0].1.as_ref().unwrap());
	}

	#[test]
	fn a_file_without_a_required_column_is_refused_as_a_whole() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("register.csv");
		std::fs::write(&path, "tin,legal_name\nMXAAA010101AAA,X\n").unwrap();
		let error = format!("{:#}", read(&path, &Options::default()).unwrap_err());
		assert!(error.contains("missing column(s): street"), "{error}");
		std::fs::write(&path, "{").unwrap();
		let json = dir.path().join("register.json");
		std::fs::write(&json, "{not json").unwrap();
		assert!(format!("{:#}", read(&json, &Options::default()).unwrap_err())
			.contains("not a valid JSON register"));
	}

	#[test]
	fn the_documented_samples_are_valid_registers() {
		let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/samples");
		let csv = read(&samples.join("register.csv"), &Options::default()).unwrap();
		let json = read(&samples.join("register.json"), &Options::default()).unwrap();
		assert_eq!(csv.len(), 4);
		assert!(csv.iter().chain(&json).all(|(_, row)| row.is_ok()), "{csv:?} {json:?}");
		// The JSON sample is the CSV's first two rows.
		for ((_, a), (_, b)) in csv.iter().zip(&json) {
			assert_eq!(a, b);
		}
		// The Windows-1252 sample: the same certificates, names with accents.
		let latin = read(&samples.join("register-windows-1252.csv"), &Options::default()).unwrap();
		let latin = valid(latin);
		assert_eq!(latin.len(), 4);
		for ((_, a), b) in csv.iter().zip(&latin) {
			assert_eq!(a.as_ref().unwrap().certificate, b.certificate);
		}
		assert_eq!(latin[0].trader.city, "Ciudad de México".as_bytes());
		assert_eq!(latin[1].trader.legal_name, "Logística del Pacífico S.A.".as_bytes());
	}

	/// Three holders, with accents, a `,` in a street and a `;` in roles.
	const ROWS: [[&str; 13]; 3] = [
		[
			"MXAAA010101AAA",
			"Exportadora Añil S.A. de C.V.",
			"",
			"Av. Reforma 100, piso 3",
			"Ciudad de México",
			"06600",
			"MX-CMX",
			"yes",
			"MX-AEO-1",
			"AEOS",
			"exporter;importer",
			"2025-01-15",
			"2028-01-15",
		],
		[
			"MXBBB020202BBB",
			"Comercializadora Peñasco S.A.",
			"Peñasco",
			"Calle Juárez 12",
			"Guadalajara",
			"44100",
			"MX-JAL",
			"no",
			"MX-AEO-2",
			"AEOF",
			"customs_broker",
			"2024-02-29",
			"2027-12-31",
		],
		[
			"MXCCC030303CCC",
			"Logística del Pacífico",
			"",
			"Blvd. Costero 55",
			"Mérida",
			"97000",
			"MX-YUC",
			"yes",
			"MX-AEO-3",
			"AEOC",
			"carrier",
			"2025-12-01",
			"2028-11-30",
		],
	];

	/// The dates columns.
	const DATES: [usize; 2] = [11, 12];

	/// A register's text: the columns separated by `delimiter`, a value
	/// holding it quoted.
	fn text(rows: &[[&str; 13]], delimiter: char) -> String {
		let line = |values: &[&str]| {
			let quoted = values.iter().map(|v| {
				if v.contains(delimiter) {
					format!("\"{v}\"")
				} else {
					v.to_string()
				}
			});
			quoted.collect::<Vec<_>>().join(&delimiter.to_string()) + "\n"
		};
		rows.iter().fold(line(&COLUMNS), |text, row| text + &line(row))
	}

	/// `YYYY-MM-DD` as `DD/MM/YYYY`.
	fn day_first(date: &str) -> String {
		let parts: Vec<&str> = date.split('-').collect();
		format!("{}/{}/{}", parts[2], parts[1], parts[0])
	}

	/// `ROWS` with their dates day first.
	fn day_first_rows() -> Vec<[String; 13]> {
		ROWS.iter()
			.map(|row| {
				let mut row = row.map(str::to_string);
				for c in DATES {
					row[c] = day_first(&row[c]);
				}
				row
			})
			.collect()
	}

	/// Reads `bytes` as a file named `name`.
	fn read_bytes(
		name: &str,
		bytes: &[u8],
		options: &Options,
	) -> Result<Vec<(Place, Result<Row, String>)>> {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join(name);
		std::fs::write(&path, bytes).unwrap();
		read(&path, options)
	}

	/// The rows, all valid.
	fn valid(rows: Vec<(Place, Result<Row, String>)>) -> Vec<Row> {
		rows.into_iter()
			.map(|(place, row)| row.unwrap_or_else(|e| panic!("{place}: {e}")))
			.collect()
	}

	/// `ROWS` as read from a UTF-8, `,` CSV.
	fn expected() -> Vec<Row> {
		valid(read_bytes("register.csv", text(&ROWS, ',').as_bytes(), &Options::default()).unwrap())
	}

	fn windows_1252(text: &str) -> Vec<u8> {
		let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
		assert!(!unmappable);
		bytes.into_owned()
	}

	#[test]
	fn a_semicolon_csv_is_detected_and_reads_like_a_comma_csv() {
		let semicolons = text(&ROWS, ';');
		assert!(semicolons.contains(";Av. Reforma 100, piso 3;"));
		assert!(semicolons.contains(";\"exporter;importer\";"));
		let rows = read_bytes("register.csv", semicolons.as_bytes(), &Options::default()).unwrap();
		let places: Vec<Place> = rows.iter().map(|(place, _)| *place).collect();
		assert_eq!(places, [Place::Line(2), Place::Line(3), Place::Line(4)]);
		let rows = valid(rows);
		assert_eq!(rows, expected());
		assert_eq!(rows[0].trader.street, "Av. Reforma 100, piso 3".as_bytes());
		assert_eq!(
			rows[0].certificate.data.roles.to_vec(),
			[OperatorRole::Importer, OperatorRole::Exporter]
		);
	}

	#[test]
	fn windows_1252_is_detected_and_stored_as_utf8() {
		let bytes = windows_1252(&text(&ROWS, ';'));
		assert!(std::str::from_utf8(&bytes).is_err() && bytes.contains(&0xF1), "ñ is one byte");
		let rows = valid(read_bytes("register.csv", &bytes, &Options::default()).unwrap());
		assert_eq!(rows, expected());
		assert_eq!(rows[0].trader.legal_name, "Exportadora Añil S.A. de C.V.".as_bytes());
		assert_eq!(rows[0].trader.city, "Ciudad de México".as_bytes());
		assert_eq!(rows[1].trader.legal_name, "Comercializadora Peñasco S.A.".as_bytes());
		assert_eq!(rows[1].trader.street, "Calle Juárez 12".as_bytes());
		// UTF-8 with a byte-order mark, as Excel's "CSV UTF-8" writes it.
		let marked = [&b"\xEF\xBB\xBF"[..], text(&ROWS, ',').as_bytes()].concat();
		let rows = valid(read_bytes("register.csv", &marked, &Options::default()).unwrap());
		assert_eq!(rows, expected());
	}

	#[test]
	fn forced_options_override_the_detection() {
		let semicolons = text(&ROWS, ';');
		let forced = |delimiter, encoding| Options { delimiter, encoding, sheet: None };
		let semicolon = forced(Some(Delimiter::Semicolon), None);
		let rows = read_bytes("register.csv", semicolons.as_bytes(), &semicolon).unwrap();
		assert_eq!(valid(rows), expected());
		let comma = forced(Some(Delimiter::Comma), None);
		let error = read_bytes("register.csv", semicolons.as_bytes(), &comma).unwrap_err();
		assert!(format!("{error:#}").contains("missing column(s): tin"), "{error:#}");
		// Forced Windows-1252 reads UTF-8 as Windows-1252.
		let latin = forced(None, Some(Encoding::Windows1252));
		let rows = valid(read_bytes("register.csv", semicolons.as_bytes(), &latin).unwrap());
		assert_eq!(rows[0].trader.legal_name, "Exportadora AÃ±il S.A. de C.V.".as_bytes());
		let rows = read_bytes("register.csv", &windows_1252(&semicolons), &latin).unwrap();
		assert_eq!(valid(rows), expected());
		// Forced UTF-8 names the first line that is not.
		let utf8 = forced(Some(Delimiter::Semicolon), Some(Encoding::Utf8));
		let error = read_bytes("register.csv", &windows_1252(&semicolons), &utf8).unwrap_err();
		assert!(format!("{error:#}").contains("line 2 is not valid UTF-8"), "{error:#}");
		// Options of another kind of file are refused.
		let sheet = Options { sheet: Some("Registro".into()), ..Options::default() };
		let error = read_bytes("register.csv", semicolons.as_bytes(), &sheet).unwrap_err();
		assert!(error.to_string().contains("--sheet is for .xlsx registers"), "{error:#}");
		let error = read_bytes("register.xlsx", b"", &semicolon).unwrap_err();
		assert!(error.to_string().contains("are for CSV registers"), "{error:#}");
		let error = read_bytes("register.xls", b"", &Options::default()).unwrap_err();
		assert!(error.to_string().contains("save it as .xlsx"), "{error:#}");
	}

	#[test]
	fn day_first_dates_read_like_iso_dates() {
		let rows = day_first_rows();
		let rows: Vec<[&str; 13]> =
			rows.iter().map(|row| row.each_ref().map(String::as_str)).collect();
		assert_eq!(rows[1][11], "29/02/2024");
		let read = read_bytes("register.csv", text(&rows, ';').as_bytes(), &Options::default());
		assert_eq!(valid(read.unwrap()), expected());
		assert_eq!(row_date("authorized_on", "1/2/2025"), row_date("authorized_on", "2025-02-01"));
	}

	#[test]
	fn an_impossible_date_is_refused_in_either_form_with_its_line() {
		let cases = [
			(11, "2025-02-30"),
			(11, "30/02/2025"),
			(11, "29/02/2025"),
			(12, "31/04/2028"),
			(12, "2028-04-31"),
			(11, "12/31/2025"),
			(11, "2025/01/15"),
			(11, "15/01/25"),
			(12, "15.01.2028"),
		];
		let mut rows: Vec<[&str; 13]> = cases
			.iter()
			.map(|&(column, date)| {
				let mut row = ROWS[0];
				row[column] = date;
				row
			})
			.collect();
		rows.push(ROWS[1]);
		let read = read_bytes("register.csv", text(&rows, ',').as_bytes(), &Options::default());
		let read = read.unwrap();
		for (i, (column, date)) in cases.iter().enumerate() {
			let (place, row) = &read[i];
			assert_eq!(*place, Place::Line(i + 2));
			let expected =
				format!("`{}` {date:?} is not a date (YYYY-MM-DD or DD/MM/YYYY)", COLUMNS[*column]);
			assert_eq!(row.as_ref().unwrap_err(), &expected);
		}
		assert!(read.last().unwrap().1.is_ok());
	}

	#[test]
	fn a_row_with_other_values_than_columns_is_refused_on_its_own() {
		let unquoted = text(&ROWS[..1], ';').replace("\"exporter;importer\"", "exporter;importer");
		let with_trailing =
			format!("{unquoted}{};;\n", text(&ROWS[1..2], ';').lines().nth(1).unwrap());
		let rows =
			read_bytes("register.csv", with_trailing.as_bytes(), &Options::default()).unwrap();
		assert_eq!(rows[0].0, Place::Line(2));
		let error = rows[0].1.as_ref().unwrap_err();
		assert!(error.starts_with("14 values where the header has 13 columns"), "{error}");
		assert!(error.contains("a value holding `;` must be in double quotes"), "{error}");
		// Empty values past the last column do no harm.
		assert_eq!(rows[1].1.as_ref().unwrap(), &expected()[1]);
	}

	#[test]
	fn roles_may_be_separated_by_commas_too() {
		let mut row = ROWS[0];
		row[10] = "exporter, importer";
		let rows = read_bytes("register.csv", text(&[row], ',').as_bytes(), &Options::default());
		assert_eq!(valid(rows.unwrap()), expected()[..1]);
	}

	/// `ROWS` in a workbook's second sheet, `Registro`, as a customs
	/// administration keeps them: postal codes as numbers where they can
	/// be, consent as booleans, dates as date cells (one with a time), an
	/// empty trade name left out, and an empty row between the second and
	/// third; a fourth row with a date typed as text, which is no date.
	fn workbook(path: &Path) {
		use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
		let mut workbook = Workbook::new();
		workbook.add_worksheet().set_name("Léame").unwrap().write_string(0, 0, "tin").unwrap();
		let sheet = workbook.add_worksheet().set_name("Registro").unwrap();
		let date_format = Format::new().set_num_format("dd/mm/yyyy");
		for (c, name) in COLUMNS.iter().enumerate() {
			sheet.write_string(0, c as u16, *name).unwrap();
		}
		let mut bad = ROWS[2];
		bad[8] = "MX-AEO-4";
		bad[11] = "2025-13-01";
		for (r, row) in ROWS.iter().chain([&bad]).enumerate() {
			let r = if r < 2 { r as u32 + 1 } else { r as u32 + 2 };
			for (c, value) in row.iter().enumerate() {
				let c = c as u16;
				let date = value.split('-').map(|p| p.parse::<u16>()).collect::<Vec<_>>();
				match (c, value, &date[..]) {
					(_, &"", _) => {}
					(5, number, _) if !number.starts_with('0') => {
						sheet.write_number(r, c, number.parse::<f64>().unwrap()).unwrap();
					}
					(7, consent, _) => {
						sheet.write_boolean(r, c, *consent == "yes").unwrap();
					}
					(11 | 12, _, [Ok(y), Ok(m), Ok(d)]) if *m <= 12 => {
						let mut day = ExcelDateTime::from_ymd(*y, *m as u8, *d as u8).unwrap();
						if r == 1 && c == 11 {
							day = day.and_hms(23, 59, 59).unwrap();
						}
						sheet.write_datetime_with_format(r, c, &day, &date_format).unwrap();
					}
					(_, text, _) => {
						sheet.write_string(r, c, *text).unwrap();
					}
				}
			}
		}
		workbook.save(path).unwrap();
	}

	#[test]
	fn an_xlsx_sheet_reads_like_the_csv() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("registro.xlsx");
		workbook(&path);
		let registro = Options { sheet: Some("Registro".into()), ..Options::default() };
		let rows = read(&path, &registro).unwrap();
		let places: Vec<Place> = rows.iter().map(|(place, _)| *place).collect();
		assert_eq!(places, [2, 3, 5, 6].map(Place::Line));
		let error = rows[3].1.as_ref().unwrap_err();
		assert_eq!(
			error,
			"`authorized_on` \"2025-13-01\" is not a date (YYYY-MM-DD or DD/MM/YYYY)"
		);
		assert_eq!(valid(rows[..3].to_vec()), expected());
		// The first sheet is read by default; an unknown sheet is named.
		let error = read(&path, &Options::default()).unwrap_err();
		assert!(format!("{error:#}").contains("missing column(s): legal_name"), "{error:#}");
		let nowhere = Options { sheet: Some("Hoja1".into()), ..Options::default() };
		let error = format!("{:#}", read(&path, &nowhere).unwrap_err());
		assert!(error.contains("no sheet \"Hoja1\", only Léame, Registro"), "{error}");
	}

	/// The refusals of a row and its place read in Spanish (the tests run
	/// in English: the language is given).
	#[test]
	fn a_refused_row_reads_in_spanish() {
		use crate::i18n::Lang;
		assert_eq!(t!([Lang::Es] "register-line", number = 7usize), "línea 7");
		assert_eq!(t!([Lang::Es] "register-entry", number = 1234usize), "entrada 1234");
		let consent = t!([Lang::Es] "register-bad-consent", value = "\"quizás\"");
		assert_eq!(consent, "`consent` \"quizás\" no es ni sí ni no");
		let date = t!([Lang::Es] "register-bad-row-date", column = "expires_on", text = "\"x\"");
		assert_eq!(date, "`expires_on` \"x\" no es una fecha (AAAA-MM-DD o DD/MM/AAAA)");
	}

	#[test]
	fn cells_read_as_they_are_typed() {
		assert_eq!(cell_text(&Data::Float(6600.0)), "6600");
		assert_eq!(cell_text(&Data::Float(12.5)), "12.5");
		assert_eq!(cell_text(&Data::Int(44100)), "44100");
		assert_eq!(cell_text(&Data::String(" 06600 ".into())), "06600");
		assert_eq!(cell_text(&Data::Bool(true)), "true");
		assert_eq!(cell_text(&Data::DateTimeIso("2025-01-15T10:30:00".into())), "2025-01-15");
		assert_eq!(cell_text(&Data::Error(calamine::CellErrorType::NA)), "#N/A");
		assert_eq!(cell_text(&Data::Empty), "");
	}

	#[test]
	fn an_error_cell_or_an_identifier_typed_as_a_number_is_refused() {
		let error = Data::Error(calamine::CellErrorType::NA);
		assert_eq!(
			cell_refusal("legal_name", &error).unwrap(),
			"`legal_name` is an error cell (#N/A): fix the sheet"
		);
		for column in ["tin", "authorization_number"] {
			let refusal = cell_refusal(column, &Data::Float(6600.0)).unwrap();
			assert!(refusal.contains("a leading zero may be lost"), "{refusal}");
		}
		assert_eq!(cell_refusal("postal_code", &Data::Float(10101.0)), None);
		assert_eq!(cell_refusal("legal_name", &Data::Float(1.0)), None);
	}

	#[test]
	fn an_unclosed_quote_is_refused_with_its_line() {
		let unclosed = GOOD.replace("Exportadora", "\"Exportadora");
		let rows = csv(&[&unclosed, GOOD, GOOD]);
		assert_eq!(rows.len(), 1, "the lines after it were swallowed: {rows:?}");
		assert_eq!(rows[0].0, Place::Line(2));
		let refusal = rows[0].1.as_ref().unwrap_err();
		assert!(refusal.contains("a quote (`\"`) is not closed"), "{refusal}");
	}

	#[test]
	fn a_file_mixing_utf8_and_windows_1252_is_refused_with_its_line() {
		let utf8 = text(&ROWS, ',');
		let mut bytes = utf8.into_bytes();
		// A Windows-1252 `ñ` on the last line, beside UTF-8 accents above.
		bytes.extend_from_slice(b"\xF1\n");
		let error = read_bytes("register.csv", &bytes, &Options::default()).unwrap_err();
		assert!(format!("{error:#}").contains("bytes that are not UTF-8"), "{error:#}");
	}
}
