//! The customs council's commands: `council propose` (admit, suspend,
//! reinstate or retire an administration; authorize a runtime upgrade),
//! `council vote`, `council close` and `council list`. The council is the
//! active members' primary admins; a decision needs two thirds of its seats
//! (docs/admitting-an-administration.md). Each command waits for finality
//! and prints what changed; a refusal is the pallet's error in words.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context, Result};
use cadena_primitives::CountryCode;
use cadena_runtime::{AccountId, BlockNumber, Hash, RuntimeCall};
use clap::{Args, Subcommand};
use codec::{Decode, Encode};
use frame_support::dispatch::GetDispatchInfo;
use serde::Serialize;
use sp_core::crypto::Ss58Codec;
use subxt::utils::Static;

use crate::{
	chain::{Chain, Sent, Signing},
	i18n::t,
	query::country,
};

/// `cadena council …`.
#[derive(Subcommand, Debug)]
pub enum Council {
	/// Propose a motion (a primary admin: a council seat). The proposer's
	/// aye is counted.
	Propose {
		#[command(subcommand)]
		motion: Motion,
	},
	/// Vote on an open motion, by its index (`council list`).
	Vote(VoteArgs),
	/// Close a motion that has its votes (or whose time is up): it passes
	/// and its call runs, or it is disapproved.
	Close(CloseArgs),
	/// The open motions: what each does, its votes, and what passing needs.
	List(ListArgs),
}

/// What a motion decides.
#[derive(Subcommand, Debug)]
pub enum Motion {
	/// Admit a customs administration, with its first node.
	Admit(AdmitArgs),
	/// Suspend an active administration.
	Suspend(CountryArgs),
	/// Reinstate a suspended administration.
	Reinstate(CountryArgs),
	/// Retire an administration, for good.
	Retire(CountryArgs),
	/// Authorize a runtime upgrade: the Wasm file's hash (docs/upgrades.md).
	AuthorizeUpgrade(UpgradeArgs),
}

/// `council propose admit`.
#[derive(Args, Debug)]
pub struct AdmitArgs {
	/// The administration's country (ISO 3166-1 alpha-2).
	#[arg(long, value_name = "CC")]
	pub country: String,
	/// The administration's name.
	#[arg(long)]
	pub name: String,
	/// Its primary admin's account (SS58): its council seat.
	#[arg(long)]
	pub admin: String,
	/// Its validator's account (SS58).
	#[arg(long)]
	pub validator: String,
	/// Its X25519 encryption key, hex (optional).
	#[arg(long)]
	pub encryption_key: Option<String>,
	/// The JSON `cadena-node declare-node` printed on its node's machine.
	#[arg(long, value_name = "FILE")]
	pub first_node: PathBuf,
	#[command(flatten)]
	pub signing: Signing,
}

/// A motion about one administration.
#[derive(Args, Debug)]
pub struct CountryArgs {
	/// The administration's country.
	pub country: String,
	#[command(flatten)]
	pub signing: Signing,
}

/// `council propose authorize-upgrade`.
#[derive(Args, Debug)]
pub struct UpgradeArgs {
	/// The new runtime's Wasm (`*.compact.compressed.wasm`).
	pub wasm: PathBuf,
	#[command(flatten)]
	pub signing: Signing,
}

/// `council vote`.
#[derive(Args, Debug)]
pub struct VoteArgs {
	/// The motion's index.
	pub index: u32,
	/// Vote nay (the default is aye).
	#[arg(long)]
	pub nay: bool,
	#[command(flatten)]
	pub signing: Signing,
}

/// `council close`.
#[derive(Args, Debug)]
pub struct CloseArgs {
	/// The motion's index.
	pub index: u32,
	#[command(flatten)]
	pub signing: Signing,
}

/// `council list`.
#[derive(Args, Debug)]
pub struct ListArgs {
	/// Print the motions as JSON.
	#[arg(long)]
	pub json: bool,
}

/// A motion's votes, as `pallet-collective` stores them.
#[derive(Clone, Debug, Encode, Decode)]
struct Votes {
	index: u32,
	threshold: u32,
	ayes: Vec<AccountId>,
	nays: Vec<AccountId>,
	end: BlockNumber,
}

/// An open motion, as `council list` shows it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MotionJson {
	/// Its index.
	pub index: u32,
	/// Its hash.
	pub hash: String,
	/// What it does (`Consortium.admit_member`), and for whom.
	pub call: String,
	/// The seats that voted aye, and nay (primary admins' accounts).
	pub ayes: Vec<String>,
	/// The seats that voted nay.
	pub nays: Vec<String>,
	/// The ayes it needs to pass.
	pub threshold: u32,
	/// The council's seats.
	pub seats: u32,
	/// The block after which it can be closed whatever the votes
	/// (abstentions count as nays).
	pub ends_at: BlockNumber,
	/// What passing needs, in words.
	pub status: String,
}

/// The council's seats.
async fn seats(chain: &Chain) -> Result<Vec<AccountId>> {
	let at = chain.finalized().await?;
	let address = subxt::dynamic::storage::<(), Static<Vec<AccountId>>>("Council", "Members");
	Ok(at
		.storage()
		.try_fetch(address, ())
		.await
		.with_context(|| t!("council-no-members"))?
		.map(|v| v.decode())
		.transpose()
		.with_context(|| t!("council-members-undecodable"))?
		.map(|s| s.0)
		.unwrap_or_default())
}

/// The open motions: hash, votes and call.
async fn motions(chain: &Chain) -> Result<Vec<(Hash, Votes, Option<RuntimeCall>)>> {
	let at = chain.finalized().await?;
	let proposals = subxt::dynamic::storage::<(), Static<Vec<Hash>>>("Council", "Proposals");
	let hashes = at
		.storage()
		.try_fetch(proposals, ())
		.await
		.with_context(|| t!("council-no-motions"))?
		.map(|v| v.decode())
		.transpose()
		.with_context(|| t!("council-motions-undecodable"))?
		.map(|s| s.0)
		.unwrap_or_default();
	let mut all = Vec::new();
	for hash in hashes {
		let voting = subxt::dynamic::storage::<(Static<Hash>,), Static<Votes>>("Council", "Voting");
		let Some(votes) = at.storage().try_fetch(voting, (Static(hash),)).await? else {
			continue;
		};
		let votes = votes.decode().with_context(|| t!("council-votes-undecodable"))?.0;
		let proposal = subxt::dynamic::storage::<(Static<Hash>,), Static<RuntimeCall>>(
			"Council",
			"ProposalOf",
		);
		let call = match at.storage().try_fetch(proposal, (Static(hash),)).await? {
			Some(call) => Some(call.decode().with_context(|| t!("council-call-undecodable"))?.0),
			None => None,
		};
		all.push((hash, votes, call));
	}
	Ok(all)
}

/// The open motion `index`.
async fn motion(chain: &Chain, index: u32) -> Result<(Hash, Votes, Option<RuntimeCall>)> {
	motions(chain)
		.await?
		.into_iter()
		.find(|(_, votes, _)| votes.index == index)
		.ok_or_else(|| anyhow!(t!("council-no-motion", index = index)))
}

/// What a call does, in words: `Consortium.admit_member GT`.
pub fn describe(call: &RuntimeCall) -> String {
	use pallet_consortium::Call as C;
	let name = crate::chain::call_name(call);
	match call {
		RuntimeCall::Consortium(C::admit_member { country, .. })
		| RuntimeCall::Consortium(C::suspend_member { country })
		| RuntimeCall::Consortium(C::reinstate_member { country })
		| RuntimeCall::Consortium(C::retire_member { country }) => format!("{name} {country}"),
		RuntimeCall::Consortium(C::authorize_upgrade { code_hash }) => {
			format!("{name} {code_hash:?}")
		}
		_ => name,
	}
}

/// The ayes two thirds of `seats` need.
pub fn two_thirds(seats: u32) -> u32 {
	(2 * seats).div_ceil(3)
}

fn account(text: &str, what: &str) -> Result<AccountId> {
	AccountId::from_ss58check(text.trim()).map_err(|e| {
		anyhow!(t!(
			"council-not-an-account",
			option = what,
			text = format!("{text:?}"),
			why = format!("{e:?}")
		))
	})
}

/// The first node's declaration, read from `declare-node`'s JSON and
/// checked here: the chain would only refuse it when the motion closes.
async fn first_node(
	chain: &Chain,
	path: &PathBuf,
	country: CountryCode,
) -> Result<pallet_consortium::NodeDeclaration> {
	let text = std::fs::read_to_string(path)
		.with_context(|| t!("council-cannot-read-declaration", path = path.display()))?;
	let json: serde_json::Value = serde_json::from_str(&text)
		.with_context(|| t!("council-declaration-not-json", path = path.display()))?;
	let bytes = |field: &str| -> Result<Vec<u8>> {
		let text = json[field].as_str().with_context(|| {
			t!("council-declaration-lacks", field = field, path = path.display())
		})?;
		hex::decode(text.trim_start_matches("0x"))
			.with_context(|| t!("council-not-hex", field = field))
	};
	let peer_id = bytes("peerId")?;
	let address =
		json["address"].as_str().with_context(|| t!("council-no-address"))?.as_bytes().to_vec();
	let signature: [u8; 64] =
		bytes("signature")?.try_into().map_err(|_| anyhow!(t!("council-signature-length")))?;
	let key = pallet_consortium::ed25519_key_of(&peer_id)
		.with_context(|| t!("council-no-ed25519-key"))?;
	let genesis: Hash = chain.client.genesis_hash();
	let payload =
		pallet_consortium::node_declaration_payload(&genesis, &country, &peer_id, &address);
	use sp_core::Pair as _;
	if !sp_core::ed25519::Pair::verify(
		&sp_core::ed25519::Signature::from_raw(signature),
		&payload,
		&sp_core::ed25519::Public::from_raw(key),
	) {
		bail!(t!("council-declaration-unsigned", country = country));
	}
	Ok(pallet_consortium::NodeDeclaration {
		peer_id: peer_id.try_into().map_err(|_| anyhow!(t!("council-peer-id-too-long")))?,
		address: address.try_into().map_err(|_| anyhow!(t!("council-address-too-long")))?,
		signature,
	})
}

impl Council {
	fn signing(&self) -> Option<&Signing> {
		match self {
			Council::Propose { motion } => Some(match motion {
				Motion::Admit(a) => &a.signing,
				Motion::Suspend(a) | Motion::Reinstate(a) | Motion::Retire(a) => &a.signing,
				Motion::AuthorizeUpgrade(a) => &a.signing,
			}),
			Council::Vote(a) => Some(&a.signing),
			Council::Close(a) => Some(&a.signing),
			Council::List(_) => None,
		}
	}

	/// Whether the answer is wanted as JSON.
	pub fn json(&self) -> bool {
		match self {
			Council::List(a) => a.json,
			other => other.signing().is_some_and(|s| s.json),
		}
	}
}

/// The motions, for `council list`.
pub async fn list(chain: &Chain) -> Result<Vec<MotionJson>> {
	let seats = seats(chain).await?.len() as u32;
	let at = chain.finalized().await?;
	let now = at.block_number() as BlockNumber;
	Ok(motions(chain)
		.await?
		.into_iter()
		.map(|(hash, votes, call)| {
			let ayes = votes.ayes.len() as u32;
			let status = if ayes >= votes.threshold {
				t!("council-status-passes")
			} else if votes.nays.len() as u32 > seats.saturating_sub(votes.threshold) {
				t!("council-status-fails")
			} else if now > votes.end {
				t!("council-status-time-up")
			} else {
				t!("council-status-needs", more = votes.threshold - ayes, seats = seats)
			};
			MotionJson {
				index: votes.index,
				hash: format!("{hash:?}"),
				call: call.as_ref().map(describe).unwrap_or_else(|| t!("council-unknown-call")),
				ayes: votes.ayes.iter().map(|a| a.to_ss58check()).collect(),
				nays: votes.nays.iter().map(|a| a.to_ss58check()).collect(),
				threshold: votes.threshold,
				seats,
				ends_at: votes.end,
				status,
			}
		})
		.collect())
}

/// Runs a council command that sends a call.
pub async fn run(chain: &Chain, command: &Council) -> Result<Sent> {
	let signing = command.signing().expect("list is not sent");
	let key = signing.key.keypair(&chain.chain_type().await?)?;
	let me = AccountId::from(key.public_key().0);
	let seats = seats(chain).await?;
	if !seats.contains(&me) {
		bail!(t!("council-no-seat", account = me.to_ss58check()));
	}
	let mut proposed = None;
	let call: RuntimeCall = match command {
		Council::Propose { motion } => {
			use pallet_consortium::Call as C;
			let proposal: RuntimeCall = match motion {
				Motion::Admit(a) => {
					let country = country(&a.country)?;
					let encryption_key = match &a.encryption_key {
						None => None,
						Some(text) => Some(
							hex::decode(text.trim().trim_start_matches("0x"))
								.ok()
								.and_then(|b| <[u8; 32]>::try_from(b).ok())
								.with_context(|| t!("council-bad-encryption-key"))?,
						),
					};
					C::admit_member {
						country,
						name: a.name.clone().into_bytes(),
						admin: account(&a.admin, "--admin")?,
						validator: account(&a.validator, "--validator")?,
						encryption_key,
						first_node: first_node(chain, &a.first_node, country).await?,
					}
					.into()
				}
				Motion::Suspend(a) => C::suspend_member { country: country(&a.country)? }.into(),
				Motion::Reinstate(a) => {
					C::reinstate_member { country: country(&a.country)? }.into()
				}
				Motion::Retire(a) => C::retire_member { country: country(&a.country)? }.into(),
				Motion::AuthorizeUpgrade(a) => {
					let code = std::fs::read(&a.wasm)
						.with_context(|| t!("council-cannot-read", path = a.wasm.display()))?;
					use frame_support::sp_runtime::traits::{BlakeTwo256, Hash as _};
					let code_hash = BlakeTwo256::hash(&code);
					C::authorize_upgrade { code_hash }.into()
				}
			};
			use frame_support::sp_runtime::traits::{BlakeTwo256, Hash as _};
			proposed = Some(BlakeTwo256::hash_of(&proposal));
			pallet_collective::Call::propose {
				threshold: two_thirds(seats.len() as u32),
				length_bound: proposal.encoded_size() as u32,
				proposal: Box::new(proposal),
			}
			.into()
		}
		Council::Vote(a) => {
			let (hash, votes, _) = motion(chain, a.index).await?;
			pallet_collective::Call::vote { proposal: hash, index: votes.index, approve: !a.nay }
				.into()
		}
		Council::Close(a) => {
			let (hash, votes, call) = motion(chain, a.index).await?;
			let call = call.with_context(|| t!("council-call-gone"))?;
			pallet_collective::Call::close {
				proposal_hash: hash,
				index: votes.index,
				proposal_weight_bound: call.get_dispatch_info().call_weight,
				length_bound: call.encoded_size() as u32,
			}
			.into()
		}
		Council::List(_) => unreachable!("list sends nothing"),
	};
	let mut outcome = Sent::new(&call);
	if signing.dry_run {
		return Ok(outcome);
	}
	let nonce = chain.next_nonce(&key).await?;
	let (block, events) = chain.execute(&key, call, nonce).await?;
	if let Some(failed) =
		events.iter().find(|e| e.starts_with("Council.Executed") && e.contains("Err"))
	{
		bail!(t!("council-call-failed", event = failed));
	}
	outcome.block = Some(block);
	outcome.events = events;
	// The proposer's aye: `pallet-collective` counts no vote with a proposal.
	if let Some(hash) = proposed {
		let votes = motions(chain).await?.into_iter().find(|(h, _, _)| *h == hash);
		if let Some((_, votes, _)) = votes {
			let vote: RuntimeCall =
				pallet_collective::Call::vote { proposal: hash, index: votes.index, approve: true }
					.into();
			let (block, events) = chain.execute(&key, vote, nonce + 1).await?;
			outcome.block = Some(block);
			outcome.events.extend(events);
		}
	}
	Ok(outcome)
}

/// The motions in words.
pub fn print_list(motions: &[MotionJson]) {
	if motions.is_empty() {
		println!("{}", t!("council-no-open-motion"));
	}
	for m in motions {
		println!(
			"{}",
			t!(
				"council-motion",
				index = m.index,
				call = m.call,
				ayes = m.ayes.len(),
				nays = m.nays.len(),
				threshold = m.threshold,
				seats = m.seats,
				status = m.status,
				end = m.ends_at
			)
		);
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn two_thirds_of_the_seats_round_up() {
		assert_eq!(
			[1, 2, 3, 4, 5, 6, 7].map(two_thirds),
			[1, 2, 2, 3, 4, 4, 5],
			"3 of 4, 4 of 5, 5 of 7"
		);
	}
}
