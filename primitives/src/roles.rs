//! The roles an officer holds within a customs administration, and where a
//! member administration stands.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

/// Where a member administration stands.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum MemberStatus {
	/// A full member: its officers act, its validator validates, its admin votes.
	Active,
	/// Temporarily out: its officers can do nothing, its validator leaves the set
	/// at the next session, its admin leaves the council.
	Suspended,
	/// Out: its records stay on chain for provenance; a new motion may admit
	/// it again, without its old officers.
	Retired,
}

/// A role within a customs administration.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Role {
	/// Manages the administration's own officers.
	Admin,
	/// Registers TINs and maintains certificate data.
	Registrar,
	/// Grants, suspends, reinstates, revokes and renews certificates.
	Approver,
	/// Reads only.
	Auditor,
}

impl Role {
	/// Every role.
	pub const ALL: [Role; 4] = [Role::Admin, Role::Registrar, Role::Approver, Role::Auditor];

	const fn bit(self) -> u8 {
		1 << (self as u8)
	}
}

/// A set of roles. On chain and in polkadot.js it is one byte, bit `i` set for
/// role `i` of [`Role`] (Admin = 1, Registrar = 2, Approver = 4, Auditor = 8).
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub struct Roles(pub u8);

impl Roles {
	/// The set holding exactly `roles`.
	pub fn from_roles(roles: &[Role]) -> Self {
		Self(roles.iter().fold(0, |bits, role| bits | role.bit()))
	}

	/// The set with `role` added.
	pub fn with(self, role: Role) -> Self {
		Self(self.0 | role.bit())
	}

	/// Whether the set holds `role`.
	pub fn contains(&self, role: Role) -> bool {
		self.0 & role.bit() != 0
	}

	/// Whether the set is empty.
	pub fn is_empty(&self) -> bool {
		self.0 == 0
	}

	/// Whether every bit names a role.
	pub fn is_valid(&self) -> bool {
		self.0 & !Self::from_roles(&Role::ALL).0 == 0
	}

	/// The roles in the set.
	pub fn iter(&self) -> impl Iterator<Item = Role> + '_ {
		Role::ALL.into_iter().filter(|role| self.contains(*role))
	}
}

impl From<Role> for Roles {
	fn from(role: Role) -> Self {
		Self(role.bit())
	}
}

impl core::fmt::Debug for Roles {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		f.debug_set().entries(self.iter()).finish()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn sets_hold_exactly_their_roles() {
		let roles = Roles::from_roles(&[Role::Registrar, Role::Approver]);
		assert!(roles.contains(Role::Registrar) && roles.contains(Role::Approver));
		assert!(!roles.contains(Role::Admin) && !roles.contains(Role::Auditor));
		assert_eq!(roles.iter().collect::<Vec<_>>(), vec![Role::Registrar, Role::Approver]);
		assert!(roles.is_valid() && !roles.is_empty());
		assert!(Roles::default().is_empty());
		assert!(!Roles(0b1_0000).is_valid());
		assert_eq!(Roles::from(Role::Auditor), Roles(8));
		assert_eq!(
			roles.with(Role::Admin),
			Roles::from_roles(&[Role::Admin, Role::Registrar, Role::Approver])
		);
		assert_eq!(roles.with(Role::Registrar), roles);
	}
}
