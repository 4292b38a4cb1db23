//! Bounded on-chain histories whose pruned entries stay verifiable.

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{BlakeTwo256, Get, Hash},
	BoundedVec,
};

/// What is left on chain of a history's pruned entries: how many, and the
/// hash chain over them. Starting from 32 zero bytes, each pruned entry `e`,
/// oldest first, makes `digest = blake2_256(digest ++ SCALE(e))`, so anyone
/// holding the pruned entries (from the events, or the state at an earlier
/// block) can prove them against the chain.
#[derive(Clone, PartialEq, Eq, Debug, Default, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct PrunedHistory {
	/// Entries pruned so far: the oldest `count` of the history.
	pub count: u32,
	/// The hash chain over them.
	pub digest: [u8; 32],
}

impl PrunedHistory {
	/// Folds the next pruned entry into the chain.
	pub fn fold(&mut self, entry: &impl Encode) {
		self.count = self.count.saturating_add(1);
		self.digest = BlakeTwo256::hash(&(self.digest, entry).encode()).0;
	}
}

/// Appends `entry` to `history`; when the history is full, its oldest entry
/// is removed first and returned, for the caller to fold into its
/// [`PrunedHistory`]. A bound of zero keeps nothing.
pub fn append_pruning<E, S: Get<u32>>(history: &mut BoundedVec<E, S>, entry: E) -> Option<E> {
	if S::get() == 0 {
		return Some(entry);
	}
	let oldest = history.is_full().then(|| history.remove(0));
	// Room was made above.
	let _ = history.try_push(entry);
	oldest
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_runtime::traits::ConstU32;

	#[test]
	fn the_oldest_entry_leaves_and_the_chain_recomputes() {
		let mut history = BoundedVec::<u32, ConstU32<2>>::new();
		let mut pruned = PrunedHistory::default();
		for entry in 1..=5u32 {
			if let Some(oldest) = append_pruning(&mut history, entry) {
				pruned.fold(&oldest);
			}
		}
		assert_eq!(history.to_vec(), vec![4, 5]);
		let mut digest = [0u8; 32];
		for entry in 1..=3u32 {
			digest = sp_runtime::traits::BlakeTwo256::hash(&(digest, entry).encode()).0;
		}
		assert_eq!(pruned, PrunedHistory { count: 3, digest });
	}

	/// Issue #12, fault 10: the count was incremented unchecked, so it wrapped
	/// to 0 (or panicked) after `u32::MAX` entries.
	#[test]
	fn the_pruned_count_never_wraps() {
		let mut pruned = PrunedHistory { count: u32::MAX, digest: [0; 32] };
		pruned.fold(&1u32);
		assert_eq!(pruned.count, u32::MAX);
	}
}
