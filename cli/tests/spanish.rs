//! `cadena` in Spanish, end to end and without a node: the help, clap's
//! errors and the tool's own errors follow `LANG=es_MX.UTF-8`; `--lang en`
//! and an English locale keep English.

use std::process::{Command, Output};

/// Runs `cadena` with `args` under a locale of `env` only: the caller's
/// locale variables are removed first.
fn cadena(env: &[(&str, &str)], args: &[&str]) -> Output {
	let mut command = Command::new(env!("CARGO_BIN_EXE_cadena"));
	for name in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "CADENA_LANG", "CADENA_URL"] {
		command.env_remove(name);
	}
	command.envs(env.iter().copied()).args(args).output().expect("cadena runs")
}

const MEXICO: &[(&str, &str)] = &[("LANG", "es_MX.UTF-8")];

fn stdout(output: &Output) -> String {
	String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr(output: &Output) -> String {
	String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// No Unicode isolation marks (Fluent's default) around values: a terminal
/// shows them as garbage.
fn clean(text: &str) -> bool {
	!text.contains(['\u{2068}', '\u{2069}'])
}

#[test]
fn the_help_is_spanish_under_a_spanish_locale() {
	let help = cadena(MEXICO, &["--help"]);
	let text = stdout(&help);
	assert!(help.status.success(), "{help:?}");
	for spanish in [
		"La herramienta de línea de comandos de CADENA",
		"Uso: cadena [OPCIONES] <COMANDO>",
		"Comandos:",
		"Opciones:",
		"Si un país reconoce ahora a un operador, por qué no, y los beneficios",
		"Mostrar la ayuda",
		"[predeterminado: ws://127.0.0.1:9944]",
	] {
		assert!(text.contains(spanish), "lacks {spanish:?}:\n{text}");
	}
	for english in ["Usage:", "Commands:", "Options:", "Print help", "[default:"] {
		assert!(!text.contains(english), "still says {english:?}:\n{text}");
	}
	assert!(clean(&text));

	let import = cadena(MEXICO, &["import", "--help"]);
	let text = stdout(&import);
	assert!(import.status.success(), "{import:?}");
	for spanish in [
		"Cargar en la cadena un registro nacional de OEA",
		"Uso: cadena import [OPCIONES] --file <ARCHIVO>",
		"Filas por transacción",
		"[predeterminado: 256]",
		"[alias: --as]",
	] {
		assert!(text.contains(spanish), "lacks {spanish:?}:\n{text}");
	}
	assert!(!text.contains("Rows per transaction"), "{text}");

	// Other ways of saying Spanish.
	for env in [[("LANG", "es")], [("LC_MESSAGES", "es_CR.UTF-8")], [("CADENA_LANG", "es")]] {
		let help = stdout(&cadena(&env, &["verify", "--help"]));
		assert!(help.contains("Uso: cadena verify"), "{env:?}:\n{help}");
	}
}

#[test]
fn errors_are_spanish_under_a_spanish_locale() {
	// No node listens on port 1.
	let unreachable =
		cadena(MEXICO, &["--url", "ws://127.0.0.1:1", "verify", "MXA1", "--by", "CR"]);
	let text = stderr(&unreachable);
	assert_eq!(unreachable.status.code(), Some(1), "{unreachable:?}");
	assert!(
		text.starts_with("error: no se puede conectar con el nodo CADENA en ws://127.0.0.1:1"),
		"{text}"
	);
	assert!(!text.contains("cannot reach") && clean(&text), "{text}");

	// clap's own errors too, with its exit status.
	let unknown = cadena(MEXICO, &["verify", "MXA1", "--by", "CR", "--nope"]);
	let text = stderr(&unknown);
	assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
	assert!(text.contains("error: argumento inesperado '--nope'"), "{text}");
	assert!(text.contains("Para más información, pruebe '--help'."), "{text}");

	let missing = cadena(MEXICO, &["verify", "MXA1"]);
	let text = stderr(&missing);
	assert_eq!(missing.status.code(), Some(2), "{missing:?}");
	assert!(text.contains("faltan los siguientes argumentos obligatorios"), "{text}");
}

#[test]
fn lang_en_and_an_english_locale_keep_english() {
	let args = ["--url", "ws://127.0.0.1:1", "verify", "MXA1", "--by", "CR"];
	for (env, lang) in [
		(MEXICO, &["--lang", "en"][..]),
		(MEXICO, &["--lang=en"][..]),
		(&[("LANG", "en_US.UTF-8")][..], &[][..]),
		(&[][..], &[][..]),
		// LC_ALL comes before LANG.
		(&[("LC_ALL", "C.UTF-8"), ("LANG", "es_MX.UTF-8")][..], &[][..]),
	] {
		let all: Vec<&str> = lang.iter().chain(&args).copied().collect();
		let error = stderr(&cadena(env, &all));
		assert!(
			error.contains("cannot reach the CADENA node at ws://127.0.0.1:1"),
			"{env:?}: {error}"
		);
		let mut help_args = lang.to_vec();
		help_args.push("--help");
		let help = stdout(&cadena(env, &help_args));
		assert!(help.contains("Usage: cadena") && !help.contains("Uso:"), "{env:?}:\n{help}");
	}
	// And the other way round.
	let error =
		stderr(&cadena(&[("LANG", "en_US.UTF-8")], &[&["--lang", "es"][..], &args].concat()));
	assert!(error.contains("no se puede conectar con el nodo CADENA"), "{error}");
}

/// The tool's own refusals (here a value `--consent` does not take, refused
/// while the command line is read, before any node) are Spanish too.
#[test]
fn a_refused_value_says_why_in_spanish() {
	let args = ["tin", "register", "MXA1", "--consent", "maybe"];
	let refused = cadena(MEXICO, &args);
	let text = stderr(&refused);
	assert_eq!(refused.status.code(), Some(2), "{refused:?}");
	assert!(text.contains("\"maybe\" no es ni sí ni no"), "{text}");
	assert!(!text.contains("is not yes or no") && clean(&text), "{text}");
	let english = stderr(&cadena(&[("LANG", "en_US.UTF-8")], &args));
	assert!(english.contains("\"maybe\" is not yes or no"), "{english}");
}
