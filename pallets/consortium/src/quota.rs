//! The council's per-member quota of open motions.

use crate::{Config, Error, OpenMotions};
use codec::{Decode, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use frame_support::{
	ensure,
	pallet_prelude::DispatchError,
	traits::{Consideration, Get, MaybeConsideration},
	CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use scale_info::TypeInfo;

/// One of a council member's `MaxOpenMotions` motion slots: the council's
/// `Consideration`. CADENA has no token to deposit, so a motion costs a slot
/// instead: `pallet-collective` takes one when a member proposes, and the
/// proposer cannot propose again while all of its slots are taken, so one
/// member cannot fill the council's `MaxProposals` and crowd the others out.
///
/// A motion's slot comes back when its motion has ended (approved,
/// disapproved or killed) and anyone calls `Council.release_proposal_cost`
/// with its hash; a motion killed by governance returns its slot at once.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct MotionSlot<T>(PhantomData<T>);

impl<T: Config> MotionSlot<T> {
	fn release(who: &T::AccountId) {
		OpenMotions::<T>::mutate_exists(who, |open| {
			*open = open.map(|n| n.saturating_sub(1)).filter(|n| *n > 0);
		});
	}
}

impl<T: Config + Send + Sync, F> Consideration<T::AccountId, F> for MotionSlot<T> {
	fn new(who: &T::AccountId, _: F) -> Result<Self, DispatchError> {
		OpenMotions::<T>::try_mutate(who, |open| {
			ensure!(*open < T::MaxOpenMotions::get(), Error::<T>::TooManyOpenMotions);
			*open += 1;
			Ok::<_, DispatchError>(())
		})?;
		Ok(Self(PhantomData))
	}

	fn update(self, _: &T::AccountId, _: F) -> Result<Self, DispatchError> {
		Ok(self)
	}

	fn drop(self, who: &T::AccountId) -> Result<(), DispatchError> {
		Self::release(who);
		Ok(())
	}

	fn burn(self, who: &T::AccountId) {
		Self::release(who);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(who: &T::AccountId, _: F) {
		OpenMotions::<T>::remove(who);
	}
}

impl<T: Config + Send + Sync, F> MaybeConsideration<T::AccountId, F> for MotionSlot<T> {
	fn is_none(&self) -> bool {
		false
	}
}
