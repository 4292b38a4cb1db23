//! The chain specifications `cadena-node` knows by name.

use cadena_runtime::WASM_BINARY;
use sc_service::ChainType;

/// CADENA's chain specification.
pub type ChainSpec = sc_service::GenericChainSpec;

pub(crate) fn properties() -> sc_chain_spec::Properties {
	let mut properties = sc_chain_spec::Properties::new();
	properties.insert("ss58Format".into(), 42.into());
	properties
}

pub(crate) fn wasm() -> Result<&'static [u8], String> {
	WASM_BINARY.ok_or_else(|| "the runtime's Wasm binary is not available".to_string())
}

/// `dev`: one validator, the Mexican customs administration (dev key Alice).
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("CADENA Development")
		.with_id("cadena_dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// `local`: four validators, Mexico, Costa Rica, Peru and Colombia
/// (dev keys Alice, Bob, Charlie, Dave).
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm()?, None)
		.with_name("CADENA Local Testnet")
		.with_id("cadena_local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// The chain spec for a `--chain` value: a known name or the path of a JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec()?),
		"" | "local" => Box::new(local_chain_spec()?),
		path => {
			let path = std::path::PathBuf::from(path);
			if !path.is_file() {
				return Err(format!(
					"unknown chain `{id}`: expected `dev`, `local` or the path of a chain spec JSON file"
				));
			}
			Box::new(ChainSpec::from_json_file(path.clone()).map_err(|error| {
				format!("chain spec `{}` cannot be read: {error}", path.display())
			})?)
		}
	})
}
