//! `cadena council` on the 4-validator network of `officers.rs` (MX, CR,
//! PE, CO): the council admits Guatemala by 3 of 4 as its members would,
//! each step with the tool, and each refusal in words.

use std::path::Path;

use crate::common::{cadena, stderr, stdout_json};
use anyhow::{ensure, Context, Result};
use cadena_testnet::{node_binary, Network};
use sp_core::crypto::Ss58Codec;

/// `cadena-node declare-node` for a fresh node key, by `country`.
fn declaration(dir: &Path, chain: &str, country: &str) -> Result<std::path::PathBuf> {
	let key = dir.join(format!("node-key-{country}"));
	std::fs::write(&key, "2a".repeat(32))?;
	let output = std::process::Command::new(node_binary()?)
		.args(["declare-node", "--chain", chain, "--country", country])
		.args(["--address", "/dns4/cadena.sat.gob.gt/tcp/30333", "--node-key-file"])
		.arg(&key)
		.output()?;
	ensure!(output.status.success(), "declare-node: {}", String::from_utf8_lossy(&output.stderr));
	let path = dir.join(format!("first-node-{country}.json"));
	std::fs::write(&path, &output.stdout)?;
	Ok(path)
}

/// The council admits Guatemala, step by step with the tool.
pub async fn scenario(network: &Network) -> Result<()> {
	let url = network.nodes[0].config.rpc_url();
	let url = url.as_str();
	use sp_core::Pair;
	let eve = sp_core::sr25519::Pair::from_string("//Eve", None)
		.map_err(|e| anyhow::anyhow!("{e:?}"))?
		.public();
	let eve = sp_core::crypto::AccountId32::from(eve).to_ss58check();
	let first_node = declaration(network.dir(), network.chain(), "GT")?;
	let first_node = first_node.to_str().unwrap();
	let wrong_country = declaration(network.dir(), network.chain(), "PA")?;
	let admit = |suri: &'static str, node: String| {
		let eve = eve.clone();
		async move {
			cadena(
				url,
				&[
					"council",
					"propose",
					"admit",
					"--country",
					"GT",
					"--name",
					"Superintendencia de Administracion Tributaria",
					"--admin",
					&eve,
					"--validator",
					&eve,
					"--first-node",
					&node,
					"--suri",
					suri,
					"--json",
				],
			)
			.await
		}
	};

	// Refused before anything is sent: a Registrar holds no council seat;
	// a first node declared for another country.
	let refused = admit("//Alice//registrar", first_node.to_string()).await?;
	ensure!(!refused.status.success() && stderr(&refused).contains("holds no council seat"));
	let refused = admit("//Alice", wrong_country.display().to_string()).await?;
	ensure!(
		!refused.status.success() && stderr(&refused).contains("not signed by its key for GT"),
		"{}",
		stderr(&refused)
	);

	// Mexico proposes; its aye counts; 3 of 4 are needed.
	let proposed = admit("//Alice", first_node.to_string()).await?;
	ensure!(proposed.status.success(), "{}", stderr(&proposed));
	let events = stdout_json(&proposed)?["events"].to_string();
	ensure!(events.contains("Council.Proposed"), "{events}");
	let list = stdout_json(&cadena(url, &["council", "list", "--json"]).await?)?;
	let motion = &list[0];
	ensure!(motion["call"] == "Consortium.admit_member GT", "{list}");
	ensure!(motion["threshold"] == 3 && motion["seats"] == 4, "{list}");
	ensure!(motion["ayes"].as_array().map(Vec::len) == Some(1), "{list}");
	ensure!(motion["status"] == "needs 2 more aye(s) of 4 seats", "{list}");
	let index = motion["index"].as_u64().context("an index")?.to_string();

	// Costa Rica votes aye; voting twice, or closing early, is refused.
	let vote = |suri: &'static str| {
		let index = index.clone();
		async move { cadena(url, &["council", "vote", &index, "--suri", suri]).await }
	};
	let voted = vote("//Bob").await?;
	ensure!(voted.status.success(), "{}", stderr(&voted));
	let again = vote("//Bob").await?;
	ensure!(
		!again.status.success() && stderr(&again).contains("Council.DuplicateVote"),
		"{}",
		stderr(&again)
	);
	let early = cadena(url, &["council", "close", &index, "--suri", "//Bob"]).await?;
	ensure!(
		!early.status.success() && stderr(&early).contains("Council.TooEarly"),
		"{}",
		stderr(&early)
	);
	let missing = cadena(url, &["council", "vote", "99", "--suri", "//Bob"]).await?;
	ensure!(stderr(&missing).contains("no open motion #99"), "{}", stderr(&missing));

	// Peru's aye makes three: the motion can pass.
	let voted = vote("//Charlie").await?;
	ensure!(voted.status.success(), "{}", stderr(&voted));
	let list = cadena(url, &["council", "list"]).await?;
	let text = String::from_utf8_lossy(&list.stdout);
	ensure!(text.contains("3 aye(s)") && text.contains("close it to pass it"), "{text}");

	// A dry run sends nothing; then Mexico closes it and Guatemala is in.
	let dry = cadena(url, &["council", "close", &index, "--suri", "//Alice", "--dry-run"]).await?;
	ensure!(String::from_utf8_lossy(&dry.stdout).contains("dry run: Council.close"));
	let closed = cadena(url, &["council", "close", &index, "--suri", "//Alice", "--json"]).await?;
	ensure!(closed.status.success(), "{}", stderr(&closed));
	let events = stdout_json(&closed)?["events"].to_string();
	ensure!(events.contains("Council.Executed") && events.contains("MemberAdmitted"), "{events}");
	let list = cadena(url, &["council", "list"]).await?;
	ensure!(String::from_utf8_lossy(&list.stdout).contains("no open motion"));
	Ok(())
}
