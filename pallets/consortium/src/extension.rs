//! The transaction extension that keeps outsiders out of the pool, each
//! signer to the calls of its role, and every signer to a share of a block.

use crate::{Config, Pallet, SignerUse};
use cadena_primitives::Roles;
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	dispatch::{DispatchClass, DispatchInfo},
	pallet_prelude::TransactionSource,
	traits::{Get, OriginTrait},
	weights::Weight,
	DefaultNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	traits::{DispatchInfoOf, Dispatchable, TransactionExtension},
	transaction_validity::{InvalidTransaction, TransactionValidityError, ValidTransaction},
};

/// `InvalidTransaction::Custom` code of a signed transaction from an account
/// that is neither an officer nor a validator of an active member, nor
/// otherwise permitted (a trader linked to an active TIN).
pub const NOT_A_MEMBER: u8 = 100;

/// `InvalidTransaction::Custom` code of a signed transaction whose call (or
/// a call it wraps) the signer's role does not need.
pub const CALL_NOT_PERMITTED: u8 = 101;

/// The most reads telling what a signer is takes ([`Pallet::signer`]).
const CLASSIFY_READS: u64 = 5;

/// What a signer is to the consortium: what [`CallPolicy`] decides on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Signer {
	/// An officer of an active member, with its roles there.
	Officer(Roles),
	/// A validator account of an active member.
	Validator,
	/// An account the runtime permits otherwise (`Config::ExtraSigners`: a
	/// trader linked to an active TIN).
	Trader,
}

/// Which calls each kind of signer may send. The runtime knows its calls:
/// it implements this, checking wrappers (`Utility.batch` and the like)
/// call by call.
pub trait CallPolicy<Call> {
	/// Whether `signer` may send `call`.
	fn permits(signer: Signer, call: &Call) -> bool;
}

/// Permits every call to every signer: for tests of other things only.
impl<Call> CallPolicy<Call> for () {
	fn permits(_: Signer, _: &Call) -> bool {
		true
	}
}

/// Refuses, at pool validation and again at block inclusion, every signed
/// transaction whose signer may not sign ([`Pallet::signer`]) with
/// `InvalidTransaction::Custom(NOT_A_MEMBER)`, and every call the signer's
/// role does not need ([`Config::CallPolicy`]) with
/// `InvalidTransaction::Custom(CALL_NOT_PERMITTED)`. At inclusion it also
/// keeps each signer to [`Config::MaxSignerShare`] of the block's normal
/// weight and length (`ExhaustsResources`: the transaction waits for the next
/// block): outsiders cannot fill blocks of a feeless chain, and no insider can
/// crowd out the others. Unsigned and inherent extrinsics pass through.
#[derive(Encode, Decode, DecodeWithMemTracking, DefaultNoBound, Clone, Eq, PartialEq, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct CheckMembership<T>(PhantomData<T>);

impl<T> CheckMembership<T> {
	/// The extension.
	pub fn new() -> Self {
		Self(PhantomData)
	}
}

impl<T> core::fmt::Debug for CheckMembership<T> {
	fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
		write!(f, "CheckMembership")
	}
}

impl<T: Config> CheckMembership<T> {
	/// The most weight and length one signer may use in a block.
	pub fn share() -> (Weight, u32) {
		let weights = T::BlockWeights::get();
		let normal = weights.get(DispatchClass::Normal);
		let weight = normal.max_total.unwrap_or(weights.max_block);
		let length = *T::BlockLength::get().max.get(DispatchClass::Normal);
		let share = T::MaxSignerShare::get();
		(Weight::from_parts(share * weight.ref_time(), share * weight.proof_size()), share * length)
	}
}

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckMembership<T>
where
	T::RuntimeCall: Dispatchable<Info = DispatchInfo>,
{
	const IDENTIFIER: &'static str = "CheckMembership";
	type Implicit = ();
	/// The signer to charge at inclusion, if signed, and the reads telling
	/// what it is took.
	type Val = Option<(T::AccountId, u64)>;
	/// The weight declared and not used, refunded after dispatch.
	type Pre = Weight;

	fn weight(&self, _: &T::RuntimeCall) -> Weight {
		// At worst (an officer of a suspended member who is also a linked
		// trader): Officers, ActiveMembers, Validators, the trader's link and
		// its TIN's record; then the signer's use of the block, read and
		// written. What a signer's kind did not read is refunded.
		T::DbWeight::get().reads_writes(CLASSIFY_READS + 1, 1)
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> sp_runtime::traits::ValidateResult<Self::Val, T::RuntimeCall> {
		let Some(who) = origin.as_signer() else {
			return Ok((ValidTransaction::default(), None, origin));
		};
		let signer = Pallet::<T>::signer(who).ok_or(InvalidTransaction::Custom(NOT_A_MEMBER))?;
		let reads = match signer {
			// Officers, ActiveMembers.
			Signer::Officer(_) => 2,
			// Officers, Validators, ActiveMembers.
			Signer::Validator => 3,
			Signer::Trader => CLASSIFY_READS,
		};
		if !T::CallPolicy::permits(signer, call) {
			return Err(InvalidTransaction::Custom(CALL_NOT_PERMITTED).into());
		}
		// A transaction larger than a signer's share would never be included.
		let (weight, length) = Self::share();
		if !info.total_weight().all_lte(weight) || len as u64 > length as u64 {
			return Err(InvalidTransaction::ExhaustsResources.into());
		}
		let who = who.clone();
		Ok((ValidTransaction::default(), Some((who, reads)), origin))
	}

	fn prepare(
		self,
		val: Self::Val,
		_origin: &T::RuntimeOrigin,
		_call: &T::RuntimeCall,
		info: &DispatchInfoOf<T::RuntimeCall>,
		len: usize,
	) -> Result<Self::Pre, TransactionValidityError> {
		let Some((who, reads)) = val else { return Ok(Weight::zero()) };
		let now = frame_system::Pallet::<T>::block_number();
		let (max_weight, max_length) = Self::share();
		SignerUse::<T>::try_mutate(&who, |entry| {
			let (block, weight, length) = entry.take().unwrap_or_default();
			let (weight, length) =
				if block == now { (weight, length) } else { (Weight::zero(), 0) };
			let weight = weight.saturating_add(info.total_weight());
			let length = length.saturating_add(len as u32);
			if !weight.all_lte(max_weight) || length > max_length {
				return Err(InvalidTransaction::ExhaustsResources.into());
			}
			*entry = Some((now, weight, length));
			Ok::<_, TransactionValidityError>(())
		})?;
		Ok(T::DbWeight::get().reads(CLASSIFY_READS - reads))
	}

	fn post_dispatch_details(
		unused: Self::Pre,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_post_info: &sp_runtime::traits::PostDispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_result: &sp_runtime::DispatchResult,
	) -> Result<Weight, TransactionValidityError> {
		Ok(unused)
	}
}
