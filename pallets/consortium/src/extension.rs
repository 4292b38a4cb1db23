//! The transaction extension that keeps outsiders out of the pool.

use crate::{Config, Pallet};
use codec::{Decode, DecodeWithMemTracking, Encode};
use core::marker::PhantomData;
use frame_support::{
	pallet_prelude::TransactionSource,
	traits::{Get, OriginTrait},
	weights::Weight,
	DefaultNoBound,
};
use scale_info::TypeInfo;
use sp_runtime::{
	impl_tx_ext_default,
	traits::{DispatchInfoOf, TransactionExtension},
	transaction_validity::InvalidTransaction,
};

/// `InvalidTransaction::Custom` code of a signed transaction from an account
/// that is neither an officer nor a validator of an active member, nor
/// otherwise permitted (a linked trader).
pub const NOT_A_MEMBER: u8 = 100;

/// Refuses, at pool validation and again at block inclusion, every signed
/// transaction whose signer may not sign ([`Pallet::is_permitted_signer`]),
/// with `InvalidTransaction::Custom(NOT_A_MEMBER)`. Outsiders cannot fill
/// blocks of a feeless chain. Unsigned and inherent extrinsics pass through.
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

impl<T: Config + Send + Sync> TransactionExtension<T::RuntimeCall> for CheckMembership<T> {
	const IDENTIFIER: &'static str = "CheckMembership";
	type Implicit = ();
	type Val = ();
	type Pre = ();

	fn weight(&self, _: &T::RuntimeCall) -> Weight {
		// Officers, ActiveMembers, and at worst Validators.
		T::DbWeight::get().reads(3)
	}

	fn validate(
		&self,
		origin: T::RuntimeOrigin,
		_call: &T::RuntimeCall,
		_info: &DispatchInfoOf<T::RuntimeCall>,
		_len: usize,
		_self_implicit: Self::Implicit,
		_inherited_implication: &impl Encode,
		_source: TransactionSource,
	) -> sp_runtime::traits::ValidateResult<Self::Val, T::RuntimeCall> {
		if let Some(who) = origin.as_signer() {
			if !Pallet::<T>::is_permitted_signer(who) {
				return Err(InvalidTransaction::Custom(NOT_A_MEMBER).into());
			}
		}
		Ok((Default::default(), (), origin))
	}

	impl_tx_ext_default!(T::RuntimeCall; prepare);
}
