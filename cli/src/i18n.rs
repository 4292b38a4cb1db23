//! `cadena` in the officer's language: English or Spanish, with Fluent.
//!
//! The language is `--lang en|es` (or `CADENA_LANG`), else the locale's
//! (`LC_ALL`, `LC_MESSAGES`, `LANG`: the first one set; `es`, `es_MX.UTF-8`
//! and `es-CR` are Spanish, anything else English). It is chosen once, before
//! clap parses, so that the help is already in that language.
//!
//! - Messages (errors, summaries, progress):
//!   `t!("chain-cannot-reach", url = url, why = e)` (keys prefixed by the
//!   module), English in `locales/en/cadena.ftl`, Spanish in
//!   `locales/es/cadena.ftl`. A key missing in Spanish falls back to
//!   English, then to the key itself; tests check both files have every
//!   key `t!` uses, with the same variables.
//! - Help: English is the clap doc comments; Spanish is `locales/es/help.ftl`,
//!   keyed by the command's path (`help-import`, `help-import--file`,
//!   `help-council-propose-admit--country`), or `help--<arg>` for an
//!   argument that reads the same in every command.
//! - The chain's errors: `locales/es/errors.ftl`, `error-<Pallet>-<Variant>`.

use std::{ffi::OsString, sync::OnceLock};

use clap::{
	builder::{Resettable, StyledStr},
	error::ErrorKind,
	Arg, Command, CommandFactory, FromArgMatches,
};
use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};

/// English messages.
const EN: &str = include_str!("../locales/en/cadena.ftl");
/// Spanish messages.
const ES: &str = include_str!("../locales/es/cadena.ftl");
/// Spanish help of every command and argument.
const ES_HELP: &str = include_str!("../locales/es/help.ftl");
/// Spanish for each pallet error.
const ES_ERRORS: &str = include_str!("../locales/es/errors.ftl");

/// A language of `cadena`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
	/// English.
	En,
	/// Spanish (Latin America).
	Es,
}

static LANG: OnceLock<Lang> = OnceLock::new();

/// The language chosen. Unit tests, which never call [`parse`], read
/// English whatever the locale.
pub fn lang() -> Lang {
	*LANG.get_or_init(|| {
		if cfg!(test) {
			Lang::En
		} else {
			choose(std::env::args_os().skip(1), |name| std::env::var_os(name))
		}
	})
}

/// The language asked for by `args` (`--lang es`, `--lang=es`), else by
/// `env` (`CADENA_LANG`, then `LC_ALL`, `LC_MESSAGES`, `LANG`: the first set).
pub fn choose(
	args: impl IntoIterator<Item = OsString>,
	env: impl Fn(&str) -> Option<OsString>,
) -> Lang {
	let mut args = args.into_iter();
	while let Some(arg) = args.next() {
		let Some(arg) = arg.to_str() else { continue };
		if arg == "--" {
			break;
		}
		if arg == "--lang" {
			if let Some(value) = args.next() {
				return from_locale(&value.to_string_lossy());
			}
		} else if let Some(value) = arg.strip_prefix("--lang=") {
			return from_locale(value);
		}
	}
	["CADENA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]
		.into_iter()
		.filter_map(env)
		.map(|value| value.to_string_lossy().into_owned())
		.find(|value| !value.is_empty())
		.map_or(Lang::En, |value| from_locale(&value))
}

/// `es`, `es_MX.UTF-8`, `es-CR`, `es_AR@euro` are Spanish; anything else is
/// English.
pub fn from_locale(locale: &str) -> Lang {
	let language = locale.split(['_', '-', '.', '@']).next().unwrap_or_default();
	if language.eq_ignore_ascii_case("es") {
		Lang::Es
	} else {
		Lang::En
	}
}

type Bundle = FluentBundle<FluentResource>;

struct Bundles {
	en: Bundle,
	es: Bundle,
}

fn bundles() -> &'static Bundles {
	static BUNDLES: OnceLock<Bundles> = OnceLock::new();
	BUNDLES.get_or_init(|| Bundles {
		en: bundle(unic_langid::langid!("en"), &[EN]),
		es: bundle(unic_langid::langid!("es"), &[ES, ES_HELP, ES_ERRORS]),
	})
}

/// A bundle of `sources`. A syntax error or a key defined twice loses that
/// entry only (the tests refuse both): the user gets English or the key.
fn bundle(locale: unic_langid::LanguageIdentifier, sources: &[&str]) -> Bundle {
	let mut bundle = Bundle::new_concurrent(vec![locale]);
	// No Unicode isolation marks around values: a terminal shows them.
	bundle.set_use_isolating(false);
	for source in sources {
		let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(r, _)| r);
		let _ = bundle.add_resource(resource);
	}
	bundle
}

fn bundle_of(lang: Lang) -> &'static Bundle {
	match lang {
		Lang::En => &bundles().en,
		Lang::Es => &bundles().es,
	}
}

/// The message `id` (or its `attribute`) in `lang`; `None` if it is missing
/// there or does not format cleanly (a variable it lacks).
fn lookup(
	lang: Lang,
	id: &str,
	attribute: Option<&str>,
	args: Option<&FluentArgs>,
) -> Option<String> {
	let bundle = bundle_of(lang);
	let message = bundle.get_message(id)?;
	let pattern = match attribute {
		None => message.value()?,
		Some(name) => message.get_attribute(name)?.value(),
	};
	let mut errors = Vec::new();
	let text = bundle.format_pattern(pattern, args, &mut errors);
	errors.is_empty().then(|| text.into_owned())
}

/// The message `id` in `lang`, with `args`: English if it is missing in
/// Spanish, the key itself if missing in both. [`t!`] calls it.
pub fn message(lang: Lang, id: &str, args: &[(&str, FluentValue<'static>)]) -> String {
	let mut fluent = FluentArgs::new();
	for (name, value) in args {
		fluent.set(*name, value.clone());
	}
	let fluent = (!args.is_empty()).then_some(&fluent);
	lookup(lang, id, None, fluent)
		.or_else(|| lookup(Lang::En, id, None, fluent))
		.or_else(|| {
			// The English pattern, even with a variable missing.
			let bundle = bundle_of(Lang::En);
			let pattern = bundle.get_message(id)?.value()?;
			Some(bundle.format_pattern(pattern, fluent, &mut Vec::new()).into_owned())
		})
		.unwrap_or_else(|| id.to_string())
}

/// A message in the officer's language: `t!("chain-cannot-reach", url = url,
/// why = e)`; or in a given one: `t!([Lang::Es] "clap-usage")`. Integers are
/// Fluent numbers (for plurals); anything else that is `Display` is text.
macro_rules! t {
	([$lang:expr] $id:literal $(,)?) => {
		$crate::i18n::message($lang, $id, &[])
	};
	([$lang:expr] $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
		#[allow(unused_imports)]
		use $crate::i18n::{NumberArg as _, TextArg as _};
		$crate::i18n::message($lang, $id, &[$((stringify!($name), (&$value).fluent())),+])
	}};
	($id:literal $(, $($rest:tt)*)?) => {
		t!([$crate::i18n::lang()] $id $(, $($rest)*)?)
	};
}
pub(crate) use t;

/// An integer argument of [`t!`]: a Fluent number.
pub trait NumberArg {
	/// As Fluent takes it.
	fn fluent(&self) -> FluentValue<'static>;
}

macro_rules! numbers {
	($($number:ty),*) => {$(
		impl NumberArg for $number {
			fn fluent(&self) -> FluentValue<'static> {
				FluentValue::from(*self)
			}
		}
	)*};
}
numbers!(u8, u16, u32, u64, usize, i32, i64);

/// Any other argument of [`t!`]: its text.
pub trait TextArg {
	/// As Fluent takes it.
	fn fluent(&self) -> FluentValue<'static>;
}

impl<T: std::fmt::Display + ?Sized> TextArg for &T {
	fn fluent(&self) -> FluentValue<'static> {
		FluentValue::from(self.to_string())
	}
}

/// The Spanish of a pallet error (`error-AeoCertificates-AlreadySuspended`), when
/// the language is Spanish and `es/errors.ftl` has it.
pub fn pallet_error(pallet: &str, variant: &str) -> Option<String> {
	match lang() {
		Lang::En => None,
		Lang::Es => lookup(Lang::Es, &format!("error-{pallet}-{variant}"), None, None),
	}
}

/// The `--lang` option, global to every command. [`parse`] has already
/// acted on it; clap checks its value and documents it.
fn lang_arg() -> Arg {
	Arg::new("lang")
		.long("lang")
		.global(true)
		.env("CADENA_LANG")
		.value_name("LANG")
		.value_parser(["en", "es"])
		.help("The language of messages and help: en or es (default: from LC_ALL, LC_MESSAGES or LANG)")
}

/// `P`'s command with `--lang`, in English.
pub fn command<P: CommandFactory>() -> Command {
	P::command().arg(lang_arg())
}

/// Parses the command line in the chosen language: the help and clap's own
/// errors (an unknown option, a missing argument) are Spanish when it is.
pub fn parse<P: CommandFactory + FromArgMatches>() -> P {
	let lang = lang();
	let mut command = command::<P>();
	if lang == Lang::Es {
		command = spanish(command);
	}
	let result = command.try_get_matches_from_mut(std::env::args_os()).and_then(|mut matches| {
		// As `Parser::parse` does: this error knows no command yet.
		P::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
	});
	match result {
		Ok(parsed) => parsed,
		Err(error) if lang == Lang::Es => exit_in_spanish(error),
		Err(error) => error.exit(),
	}
}

/// The key of a command's Spanish help: `help-cadena` for the root,
/// `help-council-propose-admit` for a subcommand.
fn command_key(path: &[String]) -> String {
	if path.is_empty() {
		"help-cadena".to_string()
	} else {
		format!("help-{}", path.join("-"))
	}
}

/// The key of an argument's Spanish help in one command
/// (`help-import--in-flight`), and its key for every command
/// (`help--in-flight`).
fn arg_keys(path: &[String], id: &str) -> (String, String) {
	let id = id.replace('_', "-");
	(format!("{}--{id}", command_key(path)), format!("help--{id}"))
}

/// A help entry: its text, and the `.long` attribute's if any.
fn help_entry(key: &str) -> Option<(String, Option<String>)> {
	let text = lookup(Lang::Es, key, None, None)?;
	Some((text, lookup(Lang::Es, key, Some("long"), None)))
}

/// The Spanish help of an argument of the command at `path`.
fn arg_help(path: &[String], id: &str) -> Option<(String, Option<String>)> {
	let (own, shared) = arg_keys(path, id);
	help_entry(&own).or_else(|| help_entry(&shared))
}

/// A long help or about, or none (the short one serves).
fn optional(text: Option<String>) -> Resettable<StyledStr> {
	text.map(StyledStr::from).into()
}

/// `text` for the rest of the run: clap takes headings, value names and
/// aliases as `&'static str`. Each distinct text is kept once.
fn static_str(text: String) -> &'static str {
	static KEPT: std::sync::Mutex<std::collections::BTreeSet<&'static str>> =
		std::sync::Mutex::new(std::collections::BTreeSet::new());
	let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
	match kept.get(text.as_str()) {
		Some(kept) => kept,
		None => {
			let new: &'static str = Box::leak(text.into_boxed_str());
			kept.insert(new);
			new
		}
	}
}

/// `command`, its subcommands and their arguments with Spanish help, and
/// clap's own words (headings, `--help`, `--version`) in Spanish.
pub fn spanish(command: Command) -> Command {
	let mut command = spanish_texts(command, &mut Vec::new());
	// Builds clap's `--help`, `--version` and `help`, and copies the global
	// options into every subcommand: then their words are set too.
	command.build();
	spanish_words(command)
}

/// The abouts and helps of the commands and arguments this tool defines.
fn spanish_texts(mut command: Command, path: &mut Vec<String>) -> Command {
	if let Some((about, long)) = help_entry(&command_key(path)) {
		command = command.about(about).long_about(optional(long));
	}
	let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
	for id in ids {
		if let Some((help, long)) = arg_help(path, &id) {
			command = command.mut_arg(&id, |arg| arg.help(help).long_help(optional(long)));
		}
	}
	let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
	for name in names {
		path.push(name.clone());
		command = command.mut_subcommand(&name, |sub| spanish_texts(sub, path));
		path.pop();
	}
	command
}

/// clap's own words in a built command tree: the headings, the help of
/// `--help`, `--version` and `help`, and the `[default: …]`, `[env: …]`,
/// `[possible values: …]` and `[aliases: …]` notes.
fn spanish_words(mut command: Command) -> Command {
	let usage = *command.get_styles().get_usage();
	let heading = format!("{usage}{}:{usage:#}", t!([Lang::Es] "clap-usage"));
	let template = if command.get_arguments().next().is_some() {
		format!("{{before-help}}{{about-with-newline}}\n{heading} {{usage}}\n\n{{all-args}}{{after-help}}")
	} else {
		format!("{{before-help}}{{about-with-newline}}\n{heading} {{usage}}{{after-help}}")
	};
	command = command
		.help_template(template)
		.subcommand_help_heading(static_str(t!([Lang::Es] "clap-commands")))
		.subcommand_value_name(static_str(t!([Lang::Es] "clap-command-value")));
	if command.get_name() == "help" {
		command = command.about(t!([Lang::Es] "clap-help-command"));
	}
	let ids: Vec<String> = command.get_arguments().map(|a| a.get_id().to_string()).collect();
	for id in ids {
		command = command.mut_arg(&id, spanish_arg);
	}
	let names: Vec<String> = command.get_subcommands().map(|c| c.get_name().to_string()).collect();
	for name in names {
		command = command.mut_subcommand(&name, spanish_words);
	}
	command
}

/// clap's words about one argument, in Spanish.
fn spanish_arg(mut arg: Arg) -> Arg {
	let heading = if arg.is_positional() {
		t!([Lang::Es] "clap-arguments")
	} else {
		t!([Lang::Es] "clap-options")
	};
	arg = arg.help_heading(static_str(heading));
	match arg.get_action() {
		clap::ArgAction::Help if arg.get_id() == "help" => {
			arg = if arg.get_long_help().is_some() {
				arg.help(t!([Lang::Es] "clap-help-short"))
					.long_help(t!([Lang::Es] "clap-help-long"))
			} else {
				arg.help(t!([Lang::Es] "clap-help"))
			};
		}
		clap::ArgAction::Version if arg.get_id() == "version" => {
			arg = arg.help(t!([Lang::Es] "clap-version"));
		}
		_ => {}
	}
	if arg.get_id() == "subcommand"
		&& arg.get_help().is_some_and(|h| h.to_string().starts_with("Print help"))
	{
		// The argument of clap's `help` command.
		arg = arg.help(t!([Lang::Es] "clap-help-subcommand"));
	}
	if let Some(names) = arg.get_value_names() {
		let names: Vec<&'static str> = names
			.iter()
			.map(|n| {
				static_str(
					lookup(Lang::Es, &format!("value-{n}"), None, None)
						.unwrap_or_else(|| n.to_string()),
				)
			})
			.collect();
		arg = arg.value_names(names);
	}
	let mut notes = Vec::new();
	if !arg.get_visible_aliases().unwrap_or_default().is_empty() {
		let aliases: Vec<String> =
			arg.get_all_aliases().unwrap_or_default().iter().map(|a| a.to_string()).collect();
		let visible: Vec<String> = arg
			.get_visible_aliases()
			.unwrap_or_default()
			.iter()
			.map(|a| format!("--{a}"))
			.collect();
		notes.push(t!([Lang::Es] "clap-aliases", aliases = visible.join(", ")));
		// Hidden now: the note says them.
		arg = arg.alias(None::<&'static str>);
		for alias in aliases {
			arg = arg.alias(static_str(alias));
		}
	}
	if let Some(env) = arg.get_env().filter(|_| !arg.is_hide_env_set()) {
		notes.push(t!([Lang::Es] "clap-env", name = env.to_string_lossy()));
		arg = arg.hide_env(true);
	}
	if arg.get_num_args().is_none_or(|n| n.takes_values())
		&& !arg.is_hide_default_value_set()
		&& !arg.get_default_values().is_empty()
	{
		let values: Vec<String> =
			arg.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
		notes.push(t!([Lang::Es] "clap-default", value = values.join(" ")));
		arg = arg.hide_default_value(true);
	}
	// Values with help of their own are listed by the long help (its
	// `.long` in es/help.ftl), as clap lists them in English.
	let mut long_notes = notes.clone();
	let possible = arg.get_possible_values();
	if !arg.is_hide_possible_values_set() && !possible.is_empty() {
		let names: Vec<&str> =
			possible.iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name()).collect();
		let note = t!([Lang::Es] "clap-possible-values", values = names.join(", "));
		if !possible.iter().any(|v| v.get_help().is_some()) {
			long_notes.push(note.clone());
		}
		notes.push(note);
		arg = arg.hide_possible_values(true);
	}
	if !notes.is_empty() {
		let help = arg.get_help().map(StyledStr::to_string).unwrap_or_default();
		let long = arg.get_long_help().map(StyledStr::to_string);
		arg = arg.help(format!("{help} {}", notes.join(" ")).trim().to_string());
		if let Some(long) = long {
			let long = format!("{long}\n\n{}", long_notes.join("\n"));
			arg = arg.long_help(long.trim_end().to_string());
		}
	}
	arg
}

/// Prints clap's error or help in Spanish, and exits as clap would.
fn exit_in_spanish(error: clap::Error) -> ! {
	use std::io::{IsTerminal, Write};
	let code = error.exit_code();
	match error.kind() {
		ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
			let to_stdout = error.use_stderr().then_some(()).is_none();
			let colour = if to_stdout {
				std::io::stdout().is_terminal()
			} else {
				std::io::stderr().is_terminal()
			};
			let rendered = error.render();
			let text = if colour { rendered.ansi().to_string() } else { rendered.to_string() };
			let text = spanish_usage(&text);
			if to_stdout {
				let _ = std::io::stdout().write_all(text.as_bytes());
			} else {
				let _ = std::io::stderr().write_all(text.as_bytes());
			}
			std::process::exit(code)
		}
		_ => match spanish_error(&error) {
			Some(text) => {
				let _ = std::io::stderr().write_all(text.as_bytes());
				std::process::exit(code)
			}
			None => error.exit(),
		},
	}
}

/// The words clap writes in a usage line: `Usage:`, `[OPTIONS]`.
fn spanish_usage(text: &str) -> String {
	text.replace("[OPTIONS]", &format!("[{}]", t!([Lang::Es] "clap-options-value"))).replacen(
		"Usage:",
		&format!("{}:", t!([Lang::Es] "clap-usage")),
		1,
	)
}

/// clap's error in Spanish, from its context; `None` for one this does not
/// know (clap prints it in English).
fn spanish_error(error: &clap::Error) -> Option<String> {
	use clap::error::{ContextKind as K, ContextValue as V};
	let text = |kind| match error.get(kind) {
		Some(V::String(s)) => Some(s.clone()),
		Some(V::Strings(s)) => Some(s.join(", ")),
		Some(V::Number(n)) => Some(n.to_string()),
		Some(V::StyledStr(s)) => Some(s.to_string()),
		Some(V::StyledStrs(s)) => {
			Some(s.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", "))
		}
		_ => None,
	};
	let list = |kind| match error.get(kind) {
		Some(V::Strings(s)) => s.clone(),
		Some(V::String(s)) => vec![s.clone()],
		_ => Vec::new(),
	};
	let arg = text(K::InvalidArg);
	let mut message = match error.kind() {
		ErrorKind::UnknownArgument => t!([Lang::Es] "clap-unknown-argument", arg = arg?),
		ErrorKind::InvalidSubcommand => {
			t!([Lang::Es] "clap-unknown-subcommand", command = text(K::InvalidSubcommand)?)
		}
		ErrorKind::InvalidValue => {
			let value = text(K::InvalidValue)?;
			let mut m = if value.is_empty() {
				t!([Lang::Es] "clap-value-missing", arg = arg?)
			} else {
				t!([Lang::Es] "clap-invalid-value", value = value, arg = arg?)
			};
			let valid = list(K::ValidValue);
			if !valid.is_empty() {
				m.push_str(&format!(
					"\n  {}",
					t!([Lang::Es] "clap-possible-values", values = valid.join(", "))
				));
			}
			m
		}
		ErrorKind::ValueValidation => {
			let m = t!([Lang::Es] "clap-invalid-value", value = text(K::InvalidValue)?, arg = arg?);
			match std::error::Error::source(error) {
				Some(why) => format!("{m}: {why}"),
				None => m,
			}
		}
		ErrorKind::MissingRequiredArgument => {
			let missing = list(K::InvalidArg);
			let mut m = t!([Lang::Es] "clap-missing-arguments");
			for a in missing {
				m.push_str(&format!("\n  {a}"));
			}
			m
		}
		ErrorKind::MissingSubcommand => {
			t!([Lang::Es] "clap-missing-subcommand", command = text(K::InvalidSubcommand)?)
		}
		ErrorKind::ArgumentConflict => {
			let prior = list(K::PriorArg);
			match (arg, prior.first()) {
				(Some(a), Some(p)) if prior.len() == 1 && a == *p => {
					t!([Lang::Es] "clap-repeated", arg = a)
				}
				(Some(a), Some(_)) => {
					t!([Lang::Es] "clap-conflict", arg = a, other = prior.join(", "))
				}
				_ => return None,
			}
		}
		ErrorKind::TooManyValues => {
			t!([Lang::Es] "clap-unexpected-value", value = text(K::InvalidValue)?, arg = arg?)
		}
		ErrorKind::NoEquals => t!([Lang::Es] "clap-no-equals", arg = arg?),
		_ => return None,
	};
	for kind in [K::SuggestedSubcommand, K::SuggestedArg, K::SuggestedValue] {
		let similar = list(kind);
		if similar.is_empty() {
			continue;
		}
		let count = similar.len();
		let similar: Vec<String> = similar.iter().map(|s| format!("'{s}'")).collect();
		let similar = similar.join(", ");
		let tip = match kind {
			K::SuggestedSubcommand => {
				t!([Lang::Es] "clap-tip-subcommand", count = count, similar = similar)
			}
			K::SuggestedArg => t!([Lang::Es] "clap-tip-argument", count = count, similar = similar),
			_ => t!([Lang::Es] "clap-tip-value", count = count, similar = similar),
		};
		message.push_str(&format!("\n\n  {tip}"));
	}
	let usage = text(K::Usage).map(|u| format!("\n\n{}", spanish_usage(&u))).unwrap_or_default();
	let error = t!([Lang::Es] "main-error", error = format!("{message}{usage}"));
	Some(format!("{error}\n\n{}\n", t!([Lang::Es] "clap-more-information")))
}

#[cfg(test)]
mod tests {
	use std::collections::{BTreeMap, BTreeSet};

	use super::*;

	/// The message ids of an FTL file, each with the variables it uses
	/// (`$name`), in its value and attributes. The file must parse.
	fn messages(name: &str, source: &str) -> BTreeMap<String, BTreeSet<String>> {
		let resource = match FluentResource::try_new(source.to_string()) {
			Ok(resource) => resource,
			Err((_, errors)) => panic!("{name} does not parse: {errors:?}"),
		};
		let mut all: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
		let mut current = None;
		for line in source.lines() {
			let starts_entry = line.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
			if starts_entry {
				let id = line.split('=').next().unwrap_or_default().trim().to_string();
				assert!(all.insert(id.clone(), BTreeSet::new()).is_none(), "{name}: {id} twice");
				current = Some(id);
			} else if line.starts_with('#') || line.starts_with('-') {
				current = None;
			}
			let Some(id) = &current else { continue };
			let text = if starts_entry {
				line.split_once('=').map(|(_, v)| v).unwrap_or_default()
			} else {
				line
			};
			let mut rest = text;
			while let Some(at) = rest.find('$') {
				rest = &rest[at + 1..];
				let end = rest
					.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
					.unwrap_or(rest.len());
				all.get_mut(id).expect("inserted; qed").insert(rest[..end].to_string());
				rest = &rest[end..];
			}
		}
		assert_eq!(resource.entries().count(), all.len(), "{name}: entries read differently");
		all
	}

	#[test]
	fn i18n_every_message_is_in_both_languages_with_the_same_variables() {
		let en = messages("en/cadena.ftl", EN);
		let es = messages("es/cadena.ftl", ES);
		let only_en: Vec<_> = en.keys().filter(|k| !es.contains_key(*k)).collect();
		let only_es: Vec<_> = es.keys().filter(|k| !en.contains_key(*k)).collect();
		assert!(only_en.is_empty(), "in en/cadena.ftl only: {only_en:?}");
		assert!(only_es.is_empty(), "in es/cadena.ftl only: {only_es:?}");
		for (id, variables) in &en {
			assert_eq!(
				variables, &es[id],
				"{id}: the variables differ between English and Spanish"
			);
		}
		// No entry of one file hides another's in the Spanish bundle.
		let mut bundle = Bundle::new_concurrent(vec![unic_langid::langid!("es")]);
		for (name, source) in [("cadena", ES), ("help", ES_HELP), ("errors", ES_ERRORS)] {
			let resource = FluentResource::try_new(source.to_string())
				.unwrap_or_else(|(_, e)| panic!("es/{name}.ftl does not parse: {e:?}"));
			bundle.add_resource(resource).unwrap_or_else(|e| panic!("es/{name}.ftl: {e:?}"));
		}
	}

	/// Every command and argument of the tree, with its Spanish help key,
	/// its shared key (arguments), and its English help.
	struct Entry {
		own: String,
		shared: Option<String>,
		english: String,
		/// The possible values that have help of their own.
		described_values: Vec<String>,
	}

	fn walk(
		command: &Command,
		path: &mut Vec<String>,
		out: &mut Vec<Entry>,
		values: &mut BTreeSet<String>,
	) {
		let english = |s: Option<&StyledStr>| s.map(|s| s.to_string()).unwrap_or_default();
		out.push(Entry {
			own: command_key(path),
			shared: None,
			english: english(command.get_about()),
			described_values: Vec::new(),
		});
		for arg in command.get_arguments() {
			let (own, shared) = arg_keys(path, arg.get_id().as_str());
			let possible = arg.get_possible_values();
			let described_values = if possible.iter().any(|v| v.get_help().is_some()) {
				possible
					.iter()
					.filter(|v| !v.is_hide_set())
					.map(|v| v.get_name().to_string())
					.collect()
			} else {
				Vec::new()
			};
			out.push(Entry {
				own,
				shared: Some(shared),
				english: english(arg.get_help()),
				described_values,
			});
			values.extend(arg.get_value_names().unwrap_or_default().iter().map(|v| v.to_string()));
		}
		for sub in command.get_subcommands() {
			path.push(sub.get_name().to_string());
			walk(sub, path, out, values);
			path.pop();
		}
	}

	#[test]
	fn i18n_every_command_and_argument_has_spanish_help() {
		let (mut entries, mut values) = (Vec::new(), BTreeSet::new());
		walk(&command::<crate::Cli>(), &mut Vec::new(), &mut entries, &mut values);
		let help = messages("es/help.ftl", ES_HELP);
		let mut missing = Vec::new();
		let mut used = BTreeSet::new();
		let mut shared_english: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
		let mut described_values: BTreeMap<&str, &Vec<String>> = BTreeMap::new();
		for entry in &entries {
			if help.contains_key(&entry.own) {
				used.insert(entry.own.clone());
				if !entry.described_values.is_empty() {
					described_values.insert(&entry.own, &entry.described_values);
				}
			} else if let Some(shared) = entry.shared.as_ref().filter(|k| help.contains_key(*k)) {
				used.insert(shared.clone());
				shared_english.entry(shared).or_default().insert(&entry.english);
				if !entry.described_values.is_empty() {
					described_values.insert(shared, &entry.described_values);
				}
			} else {
				missing.push(format!("{} = {}", entry.own, entry.english.replace('\n', " ")));
			}
		}
		assert!(
			missing.is_empty(),
			"es/help.ftl lacks the Spanish help of (English given):\n{}",
			missing.join("\n")
		);
		// Values with help of their own: the Spanish long help says each.
		for (key, values) in &described_values {
			let long = lookup(Lang::Es, key, Some("long"), None).unwrap_or_default();
			let unsaid: Vec<_> = values.iter().filter(|v| !long.contains(v.as_str())).collect();
			assert!(
				unsaid.is_empty(),
				"{key} needs a `.long` attribute that describes the values {values:?} (it lacks {unsaid:?})"
			);
		}
		for (key, english) in shared_english {
			assert!(
				english.len() == 1,
				"{key} is shared by arguments whose English differs: {english:?}; give each its own key"
			);
		}
		let stale: Vec<_> =
			help.keys().filter(|k| k.starts_with("help-") && !used.contains(*k)).collect();
		assert!(stale.is_empty(), "es/help.ftl has help of no command or argument: {stale:?}");
		let odd: Vec<_> = help
			.keys()
			.filter(|k| !k.starts_with("help-"))
			.filter(|k| k.strip_prefix("value-").is_none_or(|name| !values.contains(name)))
			.collect();
		assert!(
			odd.is_empty(),
			"es/help.ftl holds help-… entries, and value-… entries of these value names only \
			 ({values:?}): {odd:?}"
		);
	}

	#[test]
	fn i18n_the_spanish_help_renders() {
		let mut command = spanish(command::<crate::Cli>());
		let root = command.render_help().to_string();
		assert!(
			root.contains("Uso:") && root.contains("Comandos:") && root.contains("Opciones:"),
			"{root}"
		);
		assert!(
			!root.contains("Usage:") && !root.contains("Options:") && !root.contains("Print help"),
			"{root}"
		);
		let import =
			command.find_subcommand_mut("import").expect("import").render_long_help().to_string();
		assert!(!import.contains("[default:") && !import.contains("[env:"), "{import}");
		assert!(import.contains("[predeterminado: 256]"), "{import}");
	}

	#[test]
	fn i18n_clap_errors_are_spanish() {
		let mut command = spanish(command::<crate::Cli>());
		let mut error = |args: &[&str]| {
			let error = command.try_get_matches_from_mut(args).expect_err("refused");
			spanish_error(&error).expect("known to the Spanish formatter")
		};
		let unknown = error(&["cadena", "--nope"]);
		assert!(unknown.starts_with("error: argumento inesperado '--nope'"), "{unknown}");
		assert!(unknown.contains("Uso: cadena [OPCIONES] <COMANDO>"), "{unknown}");
		assert!(unknown.ends_with("Para más información, pruebe '--help'.\n"), "{unknown}");
		let missing = error(&["cadena", "verify"]);
		assert!(missing.contains("faltan los siguientes argumentos obligatorios:"), "{missing}");
		assert!(missing.contains("--by <PAÍS>"), "{missing}");
		let typo = error(&["cadena", "verfy"]);
		assert!(typo.contains("sugerencia: existe un subcomando parecido: 'verify'"), "{typo}");
		let value = error(&["cadena", "export", "--country", "MX", "--format", "xml"]);
		assert!(value.contains("valor 'xml' no válido") && value.contains("csv, json"), "{value}");
	}

	/// Every pallet error a customs officer can meet has its Spanish.
	#[test]
	fn i18n_every_pallet_error_has_spanish() {
		let metadata = crate::chain::local_metadata();
		let mut missing = Vec::new();
		for pallet in
			["AeoCertificates", "TinRegistry", "Mra", "Consortium", "Council", "Confidential"]
		{
			let variants = metadata
				.pallet_by_name(pallet)
				.and_then(|p| p.error_variants())
				.unwrap_or_else(|| panic!("the runtime has no errors of {pallet}"));
			for variant in variants {
				let key = format!("error-{pallet}-{}", variant.name);
				if lookup(Lang::Es, &key, None, None).is_none() {
					missing.push(format!("{key} = {}", variant.docs.join(" ")));
				}
			}
		}
		assert!(missing.is_empty(), "es/errors.ftl lacks (English given):\n{}", missing.join("\n"));
	}

	/// The first argument of every `t!` in the source.
	fn keys_in_source() -> BTreeMap<String, String> {
		let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
		let mut keys = BTreeMap::new();
		for file in std::fs::read_dir(dir).expect("the source is there") {
			let path = file.expect("a directory entry").path();
			if path.extension().is_none_or(|e| e != "rs") {
				continue;
			}
			let text = std::fs::read_to_string(&path).expect("the source reads");
			let name = path.file_name().expect("a file").to_string_lossy().into_owned();
			for (at, _) in text.match_indices("t!(") {
				// `t!(` itself, not the end of `format!(` or `print!(`.
				let before = text[..at].chars().next_back();
				if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
					continue;
				}
				// The key literal, after a language in brackets if any.
				let mut rest = text[at + 3..].trim_start();
				if let Some(after) = rest.strip_prefix('[') {
					rest = after[after.find(']').map_or(0, |end| end + 1)..].trim_start();
				}
				let Some(rest) = rest.strip_prefix('"') else { continue };
				let key = &rest[..rest.find('"').unwrap_or(0)];
				let kebab =
					key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
				if key.contains('-') && kebab {
					keys.insert(key.to_string(), name.clone());
				}
			}
		}
		keys
	}

	#[test]
	fn i18n_every_message_used_exists_and_every_message_is_used() {
		let en = messages("en/cadena.ftl", EN);
		let used = keys_in_source();
		assert!(used.len() > 50, "the scan found only {} keys", used.len());
		let unknown: Vec<_> = used
			.iter()
			.filter(|(k, _)| !en.contains_key(*k))
			.map(|(k, f)| format!("{k} ({f})"))
			.collect();
		assert!(unknown.is_empty(), "t! keys missing from en/cadena.ftl: {unknown:?}");
		let unused: Vec<_> = en.keys().filter(|k| !used.contains_key(*k)).collect();
		assert!(unused.is_empty(), "en/cadena.ftl messages no t! uses: {unused:?}");
	}

	#[test]
	fn i18n_the_language_comes_from_lang_then_the_locale() {
		let env = |pairs: &'static [(&'static str, &'static str)]| {
			move |name: &str| pairs.iter().find(|(n, _)| *n == name).map(|(_, v)| OsString::from(v))
		};
		let none: [OsString; 0] = [];
		for (locale, lang) in [
			("es_MX.UTF-8", Lang::Es),
			("es", Lang::Es),
			("es-CR", Lang::Es),
			("ES_gt", Lang::Es),
			("es_AR@euro", Lang::Es),
			("en_US.UTF-8", Lang::En),
			("C", Lang::En),
			("POSIX", Lang::En),
			("pt_BR.UTF-8", Lang::En),
			("est", Lang::En),
			("", Lang::En),
		] {
			assert_eq!(from_locale(locale), lang, "{locale}");
		}
		assert_eq!(choose(none.clone(), env(&[("LANG", "es_MX.UTF-8")])), Lang::Es);
		assert_eq!(choose(none.clone(), env(&[])), Lang::En);
		// LC_ALL before LC_MESSAGES before LANG; an empty one does not count.
		assert_eq!(
			choose(none.clone(), env(&[("LC_ALL", "C"), ("LANG", "es_MX.UTF-8")])),
			Lang::En
		);
		assert_eq!(choose(none.clone(), env(&[("LC_ALL", ""), ("LANG", "es_MX.UTF-8")])), Lang::Es);
		assert_eq!(
			choose(none.clone(), env(&[("LC_MESSAGES", "es_CR.UTF-8"), ("LANG", "en_US")])),
			Lang::Es
		);
		assert_eq!(
			choose(none.clone(), env(&[("CADENA_LANG", "en"), ("LC_ALL", "es_MX")])),
			Lang::En
		);
		// --lang wins, before `--` only.
		let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
		let spanish = env(&[("LANG", "es_MX.UTF-8")]);
		assert_eq!(choose(args(&["--lang", "en", "verify"]), spanish), Lang::En);
		assert_eq!(choose(args(&["verify", "--lang=en"]), spanish), Lang::En);
		assert_eq!(choose(args(&["--lang", "es"]), env(&[("LANG", "en_US")])), Lang::Es);
		assert_eq!(choose(args(&["--", "--lang", "en"]), spanish), Lang::Es);
	}

	#[test]
	fn i18n_a_missing_message_falls_back_to_english_then_to_its_key() {
		assert_eq!(message(Lang::Es, "no-such-message", &[]), "no-such-message");
		assert_eq!(
			t!("chain-cannot-reach", url = "ws://x:1", why = "refused"),
			"cannot reach the CADENA node at ws://x:1: refused"
		);
		// Spanish, with no isolation marks around the values.
		let args = FluentArgs::from_iter([("url", "ws://x:1"), ("why", "refused")]);
		let spanish = lookup(Lang::Es, "chain-cannot-reach", None, Some(&args)).expect("Spanish");
		assert!(spanish.contains("ws://x:1") && !spanish.contains('\u{2068}'), "{spanish}");
		// Numbers choose Spanish plurals.
		let one = t!([Lang::Es] "council-status-needs", more = 1u32, seats = 4u32);
		assert_eq!(one, "necesita 1 voto a favor más de 4 escaños");
		let two = t!([Lang::Es] "council-status-needs", more = 2u32, seats = 4u32);
		assert_eq!(two, "necesita 2 votos a favor más de 4 escaños");
		// A variable the message lacks is English, not half a sentence.
		let partial = FluentArgs::from_iter([("url", "ws://x:1")]);
		assert_eq!(lookup(Lang::Es, "chain-cannot-reach", None, Some(&partial)), None);
	}
}
