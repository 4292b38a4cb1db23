//! # Consortium pallet
//!
//! The member customs administrations of CADENA, one per country:
//!
//! - **Governance** ([`Config::GovernanceOrigin`], a vote of the customs council
//!   in the runtime) admits, suspends, reinstates and retires members.
//! - Each administration's **Admin** officers add and remove its own officers
//!   and set their roles (`Admin`, `Registrar`, `Approver`, `Auditor`). An
//!   account is an officer of one administration at most.
//! - The **customs council** ([`Config::Council`]) is kept equal to the primary
//!   admin accounts of the active members.
//! - The **validator set**: the pallet is `pallet-session`'s session manager;
//!   the validators are those of the active members, from the next session on.
//! - Other pallets ask who an account is through [`cadena_primitives::Consortium`].
//! - [`CheckMembership`] is the transaction extension that refuses, at pool
//!   validation, every signed transaction from an account that is neither an
//!   officer nor a validator of an active member (nor otherwise permitted).
//! - **Evolution**: governance authorizes a runtime upgrade by its code hash
//!   ([`Pallet::authorize_upgrade`]; anyone then applies the code with
//!   `System::apply_authorized_upgrade`), and replaces a member's primary admin
//!   or validator account when a key is lost or compromised.
//! - [`MotionSlot`] is the council's per-member quota of open motions: no
//!   member can take every proposal slot.
//! - **Nodes**: each administration declares its nodes (libp2p peer id and
//!   address, at most `MaxNodesPerMember`); its admission motion names the
//!   first. Member nodes connect only to the declared nodes of the active
//!   members ([`Pallet::authorized_nodes`]).
#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

mod extension;
pub mod migrations;
mod quota;
mod types;
pub mod weights;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use extension::{CallPolicy, CheckMembership, Signer, CALL_NOT_PERMITTED, NOT_A_MEMBER};
pub use pallet::*;
pub use quota::MotionSlot;
pub use types::{
	ed25519_key_of, is_node_address, is_peer_id, node_declaration_payload, Administration,
	MemberStatus, NodeAddress, NodeDeclaration, NodeRecord, OfficerRecord, PeerIdBytes,
	MAX_NODE_ADDRESS_LEN, MAX_PEER_ID_LEN, NODE_DECLARATION_CONTEXT,
};
pub use weights::WeightInfo;

use alloc::vec::Vec;
use cadena_primitives::{CountryCode, CountryCodeError, Officer, OnEntitlementEnded, Role, Roles};
use frame_support::{
	dispatch::DispatchResult,
	ensure,
	pallet_prelude::DispatchError,
	traits::{ChangeMembers, Contains, Get, InitializeMembers, ValidatorSet},
	BoundedVec,
};
use frame_system::pallet_prelude::OriginFor;

/// A founding administration in the genesis configuration: country, name,
/// primary admin, validator, and further officers with their roles.
pub type GenesisMember<AccountId> =
	(CountryCode, alloc::string::String, AccountId, AccountId, Vec<(AccountId, Vec<Role>)>);

/// A node a founding administration declares in the genesis configuration:
/// country, libp2p peer id (the multihash bytes) and address (a multiaddr
/// without `/p2p/`, e.g. `/dns/validator.aduana.example/tcp/30333`).
pub type GenesisNode = (CountryCode, Vec<u8>, alloc::string::String);

/// Log target of this pallet (`RUST_LOG=runtime::consortium=debug`).
pub const LOG_TARGET: &str = "runtime::consortium";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// A member administration record as stored.
	pub type AdministrationOf<T> = Administration<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxNameLength,
	>;

	/// The layout version of this pallet's storage (see [`crate::migrations`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The origin of governance decisions: in the runtime, a vote of the
		/// customs council reaching the configured threshold (two thirds).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The customs council, kept equal to the active members' primary admins.
		type Council: ChangeMembers<Self::AccountId> + InitializeMembers<Self::AccountId>;

		/// The council's current members (for the invariant checks).
		type CouncilMembers: Get<Vec<Self::AccountId>>;

		/// The validators of the current session (`pallet-session` in the runtime).
		type CurrentValidators: ValidatorSet<Self::AccountId, ValidatorId = Self::AccountId>;

		/// Accounts outside the consortium that may still sign transactions
		/// (the traders linked to an active TIN).
		type ExtraSigners: Contains<Self::AccountId>;

		/// What the council's own bookkeeping costs when its members change
		/// with every motion it may hold open (`pallet-collective`'s
		/// `set_members` at its bounds): added to the weight of every call
		/// that changes the council. This pallet's benchmarks measure the
		/// change with no motion open.
		type CouncilSyncWeight: Get<frame_support::weights::Weight>;

		/// Which calls each kind of signer may send ([`CheckMembership`]).
		type CallPolicy: CallPolicy<<Self as frame_system::Config>::RuntimeCall>;

		/// The share of a block's normal weight and length one signer may use
		/// ([`CheckMembership`]): no signer fills a block.
		#[pallet::constant]
		type MaxSignerShare: Get<sp_runtime::Perbill>;

		/// Most member administrations (and so validators and council seats).
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// Most officers per administration.
		#[pallet::constant]
		type MaxOfficers: Get<u32>;

		/// Longest administration name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most council motions one member may have open at once
		/// ([`MotionSlot`], the council's `Consideration`).
		#[pallet::constant]
		type MaxOpenMotions: Get<u32>;

		/// Most nodes one administration may declare.
		#[pallet::constant]
		type MaxNodesPerMember: Get<u32>;

		/// Told when an administration stops being an active member, so
		/// that its wraps of other administrations' confidential records go.
		type OnEntitlementEnded: OnEntitlementEnded;

		/// Weights of the dispatchables.
		type WeightInfo: WeightInfo;
	}

	/// The member administrations, by country. Retired ones stay, for provenance.
	#[pallet::storage]
	pub type Members<T: Config> = StorageMap<_, Blake2_128Concat, CountryCode, AdministrationOf<T>>;

	/// The active members, sorted: the source of the validator set and the council.
	#[pallet::storage]
	pub type ActiveMembers<T: Config> =
		StorageValue<_, BoundedVec<CountryCode, T::MaxMembers>, ValueQuery>;

	/// Every officer: the one administration it works for, and its roles.
	#[pallet::storage]
	pub type Officers<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, OfficerRecord>;

	/// Each administration's officers, the primary admin included, sorted.
	#[pallet::storage]
	pub type OfficersOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		CountryCode,
		BoundedVec<T::AccountId, T::MaxOfficers>,
		ValueQuery,
	>;

	/// Validator accounts, and the administration each validates for.
	#[pallet::storage]
	pub type Validators<T: Config> = StorageMap<_, Blake2_128Concat, T::AccountId, CountryCode>;

	/// Validator accounts replaced while the session may still hold them: the
	/// session's set lags the consortium by up to two sessions. Pruned at each
	/// session boundary.
	#[pallet::storage]
	pub type ReplacedValidators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxMembers>, ValueQuery>;

	/// The weight and length each signer used in the block it last signed in
	/// (see [`CheckMembership`]): one entry per account that ever signed.
	#[pallet::storage]
	pub type SignerUse<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		(BlockNumberFor<T>, frame_support::weights::Weight, u32),
	>;

	/// How many council motions each account has open (see [`MotionSlot`]).
	#[pallet::storage]
	pub type OpenMotions<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The declared nodes, by peer id: the administration that runs each, and
	/// its address.
	#[pallet::storage]
	pub type Nodes<T: Config> = StorageMap<_, Blake2_128Concat, PeerIdBytes, NodeRecord>;

	/// Each administration's declared nodes, sorted.
	#[pallet::storage]
	pub type NodesOf<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		CountryCode,
		BoundedVec<PeerIdBytes, T::MaxNodesPerMember>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An administration was admitted; its validator joins from the next session.
		MemberAdmitted { country: CountryCode, admin: T::AccountId, validator: T::AccountId },
		/// An administration was suspended.
		MemberSuspended { country: CountryCode },
		/// A suspended administration was reinstated.
		MemberReinstated { country: CountryCode },
		/// An administration was retired, for good.
		MemberRetired { country: CountryCode },
		/// An officer was added to an administration.
		OfficerAdded { country: CountryCode, officer: T::AccountId, roles: Roles },
		/// An officer's roles changed.
		OfficerRolesChanged { country: CountryCode, officer: T::AccountId, roles: Roles },
		/// An officer was removed.
		OfficerRemoved { country: CountryCode, officer: T::AccountId },
		/// An administration's public encryption key changed.
		EncryptionKeySet { country: CountryCode, key: Option<[u8; 32]> },
		/// Governance replaced an administration's primary admin (its council
		/// seat); the old account is no longer an officer.
		AdminReplaced { country: CountryCode, old: T::AccountId, new: T::AccountId },
		/// Governance replaced an administration's validator account; the new
		/// one validates from the next session on, once its session keys are set.
		ValidatorReplaced { country: CountryCode, old: T::AccountId, new: T::AccountId },
		/// An administration declared a node: member nodes connect to it
		/// while the administration is active.
		NodeAdded { country: CountryCode, peer_id: PeerIdBytes, address: NodeAddress },
		/// A declared node's address changed.
		NodeAddressChanged { country: CountryCode, peer_id: PeerIdBytes, address: NodeAddress },
		/// An administration withdrew a node: member nodes drop it.
		NodeRemoved { country: CountryCode, peer_id: PeerIdBytes },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The country code has lower-case letters (codes are upper case: `MX`).
		LowerCaseCountryCode,
		/// The country code is not an assigned ISO 3166-1 alpha-2 code.
		UnknownCountryCode,
		/// That country already has a member administration.
		AlreadyMember,
		/// That country has no member administration.
		NotMember,
		/// The administration's name is empty.
		EmptyName,
		/// The administration's name is longer than `MaxNameLength`.
		NameTooLong,
		/// The consortium already has `MaxMembers` members.
		TooManyMembers,
		/// The administration already has `MaxOfficers` officers.
		TooManyOfficers,
		/// The account is already an officer (of this or another administration).
		AlreadyOfficer,
		/// The account is already the validator of an administration.
		AlreadyValidator,
		/// The sender is not an officer of any administration.
		NotOfficer,
		/// The sender's administration is not active.
		MemberNotActive,
		/// The sender does not hold the `Admin` role.
		NotAdmin,
		/// The account is not an officer of the sender's administration.
		NotOwnOfficer,
		/// An officer needs at least one role.
		NoRoles,
		/// The roles byte has bits that name no role.
		InvalidRoles,
		/// The primary admin (the council seat) cannot be removed or lose `Admin`.
		PrimaryAdmin,
		/// The administration is not in the status this change starts from.
		WrongStatus,
		/// The last active member (the last validator) cannot leave.
		LastActiveMember,
		/// The new account is the one already in place.
		SameAccount,
		/// `MaxMembers` validators were replaced within the last two sessions.
		TooManyReplacements,
		/// The council member already has `MaxOpenMotions` motions open; a
		/// closed motion's slot is returned by `Council.release_proposal_cost`.
		TooManyOpenMotions,
		/// The peer id is not a libp2p peer id (a multihash of a public key).
		InvalidPeerId,
		/// The address is not a multiaddr naming a host and a TCP port, without
		/// a `/p2p/` part.
		InvalidNodeAddress,
		/// That node is already declared (by this or another administration).
		NodeAlreadyDeclared,
		/// The administration already declared `MaxNodesPerMember` nodes.
		TooManyNodes,
		/// No node with that peer id is declared by the sender's administration.
		NotOwnNode,
		/// An administration keeps at least one node: declare the new one first.
		LastNode,
		/// The declaration's signature is not the node key's over this chain,
		/// this administration, this peer id and this address
		/// (`cadena-node declare-node` makes it with the node's key).
		BadNodeSignature,
		/// The encryption key is of small order (all zeros among them): no
		/// usable X25519 public key.
		InvalidEncryptionKey,
	}

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The founding administrations: country, name, primary admin, validator,
		/// and further officers with their roles.
		pub members: Vec<GenesisMember<T::AccountId>>,
		/// The founding administrations' nodes (at least the validator's, so
		/// that member nodes let it connect).
		pub nodes: Vec<GenesisNode>,
		/// The founding administrations' X25519 encryption keys.
		pub encryption_keys: Vec<(CountryCode, [u8; 32])>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (country, name, admin, validator, officers) in &self.members {
				Pallet::<T>::do_admit(
					*country,
					name.as_bytes().to_vec(),
					admin.clone(),
					validator.clone(),
					None,
				)
				.expect("genesis members are valid");
				for (officer, roles) in officers {
					Pallet::<T>::do_add_officer(
						*country,
						officer.clone(),
						Roles::from_roles(roles),
					)
					.expect("genesis officers are valid");
				}
			}
			for (country, key) in &self.encryption_keys {
				assert!(
					cadena_primitives::is_usable_x25519(key),
					"the genesis encryption key of {country:?} is of small order"
				);
				Members::<T>::mutate(country, |member| {
					let member = member.as_mut().expect("encryption keys are of founding members");
					member.encryption_key = Some(*key);
				});
			}
			for (country, peer_id, address) in &self.nodes {
				assert!(Members::<T>::contains_key(country), "nodes are of founding members");
				let peer_id = PeerIdBytes::try_from(peer_id.clone()).expect("peer ids are bounded");
				let address = NodeAddress::try_from(address.as_bytes().to_vec())
					.expect("node addresses are bounded");
				Pallet::<T>::do_add_node(*country, peer_id, address)
					.expect("genesis nodes are valid");
			}
			let admins = Pallet::<T>::active_admins();
			T::Council::initialize_members(&admins);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admits `country`'s customs administration (governance only). Its
		/// primary `admin` joins the council; its `validator` joins the validator
		/// set from the next session, once it has set its session keys; its
		/// `first_node` (the validator's node) is declared, so that member
		/// nodes let it connect.
		///
		/// A retired administration may be admitted again: its old officers and
		/// validator account are removed first and do not come back; the motion
		/// names its new admin and validator.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::admit_member()
			.saturating_add(Pallet::<T>::purge_weight())
			.saturating_add(T::CouncilSyncWeight::get()))]
		pub fn admit_member(
			origin: OriginFor<T>,
			country: CountryCode,
			name: Vec<u8>,
			admin: T::AccountId,
			validator: T::AccountId,
			encryption_key: Option<[u8; 32]>,
			first_node: NodeDeclaration,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::check_declaration(country, &first_node)?;
			Self::syncing_council(|| {
				Self::do_admit(country, name, admin, validator, encryption_key)?;
				Self::do_add_node(country, first_node.peer_id, first_node.address)
			})
		}

		/// Suspends an active administration (governance only): its officers can
		/// do nothing, its admin leaves the council, its validator the set.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::suspend_member().saturating_add(T::CouncilSyncWeight::get()).saturating_add(T::OnEntitlementEnded::member_ended_weight()))]
		pub fn suspend_member(origin: OriginFor<T>, country: CountryCode) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::syncing_council(|| {
				Self::change_status(country, &[MemberStatus::Active], MemberStatus::Suspended)
			})?;
			T::OnEntitlementEnded::member_ended(country);
			Self::deposit_event(Event::MemberSuspended { country });
			Ok(())
		}

		/// Reinstates a suspended administration (governance only).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::reinstate_member().saturating_add(T::CouncilSyncWeight::get()))]
		pub fn reinstate_member(origin: OriginFor<T>, country: CountryCode) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::syncing_council(|| {
				Self::change_status(country, &[MemberStatus::Suspended], MemberStatus::Active)
			})?;
			Self::deposit_event(Event::MemberReinstated { country });
			Ok(())
		}

		/// Retires an active or suspended administration for good (governance only).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::retire_member().saturating_add(T::CouncilSyncWeight::get()).saturating_add(T::OnEntitlementEnded::member_ended_weight()))]
		pub fn retire_member(origin: OriginFor<T>, country: CountryCode) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::syncing_council(|| {
				Self::change_status(
					country,
					&[MemberStatus::Active, MemberStatus::Suspended],
					MemberStatus::Retired,
				)
			})?;
			T::OnEntitlementEnded::member_ended(country);
			Self::deposit_event(Event::MemberRetired { country });
			Ok(())
		}

		/// An `Admin` adds an officer with `roles` to its own administration.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::add_officer())]
		pub fn add_officer(
			origin: OriginFor<T>,
			officer: T::AccountId,
			roles: Roles,
		) -> DispatchResult {
			let country = Self::ensure_admin(origin)?;
			Self::do_add_officer(country, officer, roles)
		}

		/// An `Admin` changes the roles of one of its own administration's officers.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::set_roles())]
		pub fn set_roles(
			origin: OriginFor<T>,
			officer: T::AccountId,
			roles: Roles,
		) -> DispatchResult {
			let country = Self::ensure_admin(origin)?;
			Self::ensure_roles(roles)?;
			let mut record = Self::own_officer(country, &officer)?;
			if !roles.contains(Role::Admin) {
				Self::ensure_not_primary_admin(country, &officer)?;
			}
			record.roles = roles;
			Officers::<T>::insert(&officer, record);
			Self::deposit_event(Event::OfficerRolesChanged { country, officer, roles });
			Ok(())
		}

		/// An `Admin` removes one of its own administration's officers.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::remove_officer())]
		pub fn remove_officer(origin: OriginFor<T>, officer: T::AccountId) -> DispatchResult {
			let country = Self::ensure_admin(origin)?;
			Self::own_officer(country, &officer)?;
			Self::ensure_not_primary_admin(country, &officer)?;
			Officers::<T>::remove(&officer);
			OfficersOf::<T>::mutate(country, |officers| officers.retain(|o| o != &officer));
			// The account no longer needs to exist for the consortium's sake.
			let _ = frame_system::Pallet::<T>::dec_providers(&officer);
			Self::deposit_event(Event::OfficerRemoved { country, officer });
			Ok(())
		}

		/// An `Admin` sets (or clears) its administration's public encryption
		/// key. Cleared, the administration reads no other administration's
		/// confidential records: its wraps of them go. (Set to a new key,
		/// its wraps made for the old one stay hidden until its partners
		/// wrap again; its own stay, for it to wrap again for the new key;
		/// and whoever holds the old key may have read what was wrapped for
		/// it, so the runtime is told of the change.)
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::set_encryption_key().saturating_add(T::OnEntitlementEnded::member_ended_weight().max(T::OnEntitlementEnded::member_key_changed_weight())))]
		pub fn set_encryption_key(origin: OriginFor<T>, key: Option<[u8; 32]>) -> DispatchResult {
			let country = Self::ensure_admin(origin)?;
			if let Some(key) = &key {
				ensure!(cadena_primitives::is_usable_x25519(key), Error::<T>::InvalidEncryptionKey);
			}
			Members::<T>::mutate(country, |member| {
				if let Some(member) = member {
					member.encryption_key = key;
				}
			});
			match key {
				None => T::OnEntitlementEnded::member_ended(country),
				Some(_) => T::OnEntitlementEnded::member_key_changed(country),
			}
			Self::deposit_event(Event::EncryptionKeySet { country, key });
			Ok(())
		}

		/// Authorizes a runtime upgrade to the code whose hash is `code_hash`
		/// (governance only). The motion carries the 32-byte hash, not the Wasm;
		/// anyone then applies the code with `System::apply_authorized_upgrade`,
		/// which checks the hash, the spec name and a higher `spec_version`. This
		/// is the one root-only effect governance has: no call gains `Root`.
		#[pallet::call_index(8)]
		#[pallet::weight((
			<<T as frame_system::Config>::SystemWeightInfo as frame_system::WeightInfo>::authorize_upgrade(),
			DispatchClass::Operational,
		))]
		pub fn authorize_upgrade(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			frame_system::Pallet::<T>::do_authorize_upgrade(code_hash, true);
			Ok(())
		}

		/// Replaces `country`'s primary admin, its council seat, by `new_admin`
		/// (governance only): for a lost or compromised key. The old account
		/// stops being an officer at once; `new_admin` is a new account or an
		/// officer of the same administration, and becomes an `Admin`.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::replace_admin().saturating_add(T::CouncilSyncWeight::get()))]
		pub fn replace_admin(
			origin: OriginFor<T>,
			country: CountryCode,
			new_admin: T::AccountId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let old = Self::syncing_council(|| Self::do_replace_admin(country, new_admin.clone()))?;
			Self::deposit_event(Event::AdminReplaced { country, old, new: new_admin });
			Ok(())
		}

		/// Replaces `country`'s validator account by `new_validator`
		/// (governance only). The new account sets its session keys; it joins
		/// the validator set at the next session boundary, and the old one leaves.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::replace_validator())]
		pub fn replace_validator(
			origin: OriginFor<T>,
			country: CountryCode,
			new_validator: T::AccountId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let mut member = Self::unretired_member(country)?;
			ensure!(member.validator != new_validator, Error::<T>::SameAccount);
			ensure!(!Validators::<T>::contains_key(&new_validator), Error::<T>::AlreadyValidator);
			let old = core::mem::replace(&mut member.validator, new_validator.clone());
			ReplacedValidators::<T>::try_append(&old)
				.map_err(|_| Error::<T>::TooManyReplacements)?;
			Validators::<T>::remove(&old);
			Validators::<T>::insert(&new_validator, country);
			Members::<T>::insert(country, member);
			frame_system::Pallet::<T>::inc_providers(&new_validator);
			let _ = frame_system::Pallet::<T>::dec_providers(&old);
			Self::deposit_event(Event::ValidatorReplaced { country, old, new: new_validator });
			Ok(())
		}

		/// An `Admin` declares a node of its own administration: its libp2p
		/// peer id (the multihash bytes), its address (a multiaddr as text,
		/// `/dns4/cadena.aduana.cr/tcp/30333`) and the node key's signature
		/// of both for this administration and chain.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::add_node())]
		pub fn add_node(origin: OriginFor<T>, node: NodeDeclaration) -> DispatchResult {
			let country = Self::ensure_admin(origin)?;
			Self::check_declaration(country, &node)?;
			Self::do_add_node(country, node.peer_id, node.address)
		}

		/// An `Admin` changes the address of one of its administration's nodes
		/// (same peer id, the node key signing the new address): member nodes
		/// dial the new address, and nobody is dropped meanwhile.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::set_node_address())]
		pub fn set_node_address(origin: OriginFor<T>, node: NodeDeclaration) -> DispatchResult {
			let country = Self::ensure_admin(origin)?;
			let NodeDeclaration { peer_id, address, .. } = node.clone();
			let mut record = Self::own_node(country, &peer_id)?;
			Self::check_declaration(country, &node)?;
			record.address = address.clone();
			Nodes::<T>::insert(&peer_id, record);
			Self::deposit_event(Event::NodeAddressChanged { country, peer_id, address });
			Ok(())
		}

		/// An `Admin` withdraws one of its administration's nodes: member
		/// nodes drop it. The last node stays (declare its replacement first).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::remove_node())]
		pub fn remove_node(origin: OriginFor<T>, peer_id: PeerIdBytes) -> DispatchResult {
			let country = Self::ensure_admin(origin)?;
			Self::own_node(country, &peer_id)?;
			NodesOf::<T>::try_mutate(country, |nodes| {
				ensure!(nodes.len() > 1, Error::<T>::LastNode);
				nodes.retain(|n| n != &peer_id);
				Ok::<_, Error<T>>(())
			})?;
			Nodes::<T>::remove(&peer_id);
			Self::deposit_event(Event::NodeRemoved { country, peer_id });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// Checks a country code, with a typed error naming the fault.
	pub fn ensure_country(country: &CountryCode) -> Result<(), Error<T>> {
		country.validate().map_err(|e| match e {
			CountryCodeError::LowerCase => Error::<T>::LowerCaseCountryCode,
			CountryCodeError::Unknown | CountryCodeError::WrongLength => {
				Error::<T>::UnknownCountryCode
			}
		})
	}

	fn ensure_roles(roles: Roles) -> Result<(), Error<T>> {
		ensure!(roles.is_valid(), Error::<T>::InvalidRoles);
		ensure!(!roles.is_empty(), Error::<T>::NoRoles);
		Ok(())
	}

	/// The country of the signing `Admin` officer of an active administration.
	fn ensure_admin(origin: OriginFor<T>) -> Result<CountryCode, DispatchError> {
		let who = frame_system::ensure_signed(origin)?;
		let record = Officers::<T>::get(&who).ok_or(Error::<T>::NotOfficer)?;
		ensure!(Self::is_active(&record.country), Error::<T>::MemberNotActive);
		ensure!(record.roles.contains(Role::Admin), Error::<T>::NotAdmin);
		Ok(record.country)
	}

	fn own_officer(
		country: CountryCode,
		officer: &T::AccountId,
	) -> Result<OfficerRecord, Error<T>> {
		let record = Officers::<T>::get(officer).ok_or(Error::<T>::NotOwnOfficer)?;
		ensure!(record.country == country, Error::<T>::NotOwnOfficer);
		Ok(record)
	}

	fn ensure_not_primary_admin(
		country: CountryCode,
		officer: &T::AccountId,
	) -> Result<(), Error<T>> {
		let member = Members::<T>::get(country).ok_or(Error::<T>::NotMember)?;
		ensure!(&member.admin != officer, Error::<T>::PrimaryAdmin);
		Ok(())
	}

	fn is_active(country: &CountryCode) -> bool {
		ActiveMembers::<T>::get().binary_search(country).is_ok()
	}

	fn do_admit(
		country: CountryCode,
		name: Vec<u8>,
		admin: T::AccountId,
		validator: T::AccountId,
		encryption_key: Option<[u8; 32]>,
	) -> DispatchResult {
		Self::ensure_country(&country)?;
		if let Some(retired) = Members::<T>::get(country) {
			ensure!(retired.status == MemberStatus::Retired, Error::<T>::AlreadyMember);
			Self::purge(country, &retired)?;
		}
		ensure!(!name.is_empty(), Error::<T>::EmptyName);
		let name: BoundedVec<u8, T::MaxNameLength> =
			name.try_into().map_err(|_| Error::<T>::NameTooLong)?;
		ensure!(!Officers::<T>::contains_key(&admin), Error::<T>::AlreadyOfficer);
		ensure!(!Validators::<T>::contains_key(&validator), Error::<T>::AlreadyValidator);
		let mut active = ActiveMembers::<T>::get();
		let position = active.binary_search(&country).unwrap_err();
		active.try_insert(position, country).map_err(|_| Error::<T>::TooManyMembers)?;

		ActiveMembers::<T>::put(active);
		Members::<T>::insert(
			country,
			Administration {
				name,
				status: MemberStatus::Active,
				admin: admin.clone(),
				validator: validator.clone(),
				encryption_key,
				since: frame_system::Pallet::<T>::block_number(),
			},
		);
		OfficersOf::<T>::insert(country, BoundedVec::truncate_from(alloc::vec![admin.clone()]));
		Officers::<T>::insert(&admin, OfficerRecord { country, roles: Role::Admin.into() });
		Validators::<T>::insert(&validator, country);
		// Officers and validators sign transactions: their accounts must exist.
		frame_system::Pallet::<T>::inc_providers(&admin);
		frame_system::Pallet::<T>::inc_providers(&validator);
		Self::deposit_event(Event::MemberAdmitted { country, admin, validator });
		Ok(())
	}

	/// A member administration that is not retired, its country checked.
	fn unretired_member(country: CountryCode) -> Result<AdministrationOf<T>, DispatchError> {
		Self::ensure_country(&country)?;
		let member = Members::<T>::get(country).ok_or(Error::<T>::NotMember)?;
		ensure!(member.status != MemberStatus::Retired, Error::<T>::WrongStatus);
		Ok(member)
	}

	/// Makes `new` the primary admin of `country`; returns the old one, who is
	/// no longer an officer.
	fn do_replace_admin(
		country: CountryCode,
		new: T::AccountId,
	) -> Result<T::AccountId, DispatchError> {
		let mut member = Self::unretired_member(country)?;
		ensure!(member.admin != new, Error::<T>::SameAccount);
		let roles = match Officers::<T>::get(&new) {
			Some(record) => {
				ensure!(record.country == country, Error::<T>::AlreadyOfficer);
				record.roles.with(Role::Admin)
			}
			None => {
				frame_system::Pallet::<T>::inc_providers(&new);
				Role::Admin.into()
			}
		};
		let old = core::mem::replace(&mut member.admin, new.clone());
		// The old admin leaves the index, which makes room for a new account.
		OfficersOf::<T>::try_mutate(country, |officers| {
			officers.retain(|o| o != &old);
			match officers.binary_search(&new) {
				Ok(_) => Ok(()),
				Err(at) => officers.try_insert(at, new.clone()),
			}
		})
		.map_err(|_| Error::<T>::TooManyOfficers)?;
		Officers::<T>::insert(&new, OfficerRecord { country, roles });
		Officers::<T>::remove(&old);
		let _ = frame_system::Pallet::<T>::dec_providers(&old);
		Members::<T>::insert(country, member);
		Ok(old)
	}

	/// Removes a retired administration's officers and validator account, so
	/// that it can be admitted again without them.
	fn purge(country: CountryCode, retired: &AdministrationOf<T>) -> DispatchResult {
		for officer in OfficersOf::<T>::take(country) {
			Officers::<T>::remove(&officer);
			let _ = frame_system::Pallet::<T>::dec_providers(&officer);
		}
		for peer_id in NodesOf::<T>::take(country) {
			Nodes::<T>::remove(&peer_id);
		}
		// The session may still hold it for two sessions.
		ReplacedValidators::<T>::try_append(&retired.validator)
			.map_err(|_| Error::<T>::TooManyReplacements)?;
		Validators::<T>::remove(&retired.validator);
		let _ = frame_system::Pallet::<T>::dec_providers(&retired.validator);
		Ok(())
	}

	/// The weight of [`Self::purge`] at its worst: `MaxOfficers` officers
	/// and `MaxNodesPerMember` nodes.
	fn purge_weight() -> frame_support::weights::Weight {
		let officers = u64::from(T::MaxOfficers::get());
		let nodes = u64::from(T::MaxNodesPerMember::get());
		T::DbWeight::get().reads_writes(3 + officers * 2, 4 + officers * 2 + nodes)
	}

	/// Checks a declaration for `country`: a well-formed Ed25519 peer id and
	/// address, signed by that peer id's key for this chain and `country`.
	fn check_declaration(country: CountryCode, node: &NodeDeclaration) -> DispatchResult {
		ensure!(is_peer_id(&node.peer_id), Error::<T>::InvalidPeerId);
		let key = ed25519_key_of(&node.peer_id).ok_or(Error::<T>::InvalidPeerId)?;
		ensure!(is_node_address(&node.address), Error::<T>::InvalidNodeAddress);
		use frame_system::pallet_prelude::BlockNumberFor;
		use sp_runtime::traits::Zero;
		let genesis = frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero());
		let payload = node_declaration_payload(&genesis, &country, &node.peer_id, &node.address);
		let signature = sp_core::ed25519::Signature::from_raw(node.signature);
		let key = sp_core::ed25519::Public::from_raw(key);
		ensure!(
			sp_io::crypto::ed25519_verify(&signature, &payload, &key),
			Error::<T>::BadNodeSignature
		);
		Ok(())
	}

	/// Declares `peer_id` at `address` as a node of `country`.
	fn do_add_node(
		country: CountryCode,
		peer_id: PeerIdBytes,
		address: NodeAddress,
	) -> DispatchResult {
		ensure!(is_peer_id(&peer_id), Error::<T>::InvalidPeerId);
		ensure!(is_node_address(&address), Error::<T>::InvalidNodeAddress);
		ensure!(!Nodes::<T>::contains_key(&peer_id), Error::<T>::NodeAlreadyDeclared);
		NodesOf::<T>::try_mutate(country, |nodes| {
			let at = nodes.binary_search(&peer_id).unwrap_or_else(|at| at);
			nodes.try_insert(at, peer_id.clone()).map_err(|_| Error::<T>::TooManyNodes)
		})?;
		Nodes::<T>::insert(&peer_id, NodeRecord { country, address: address.clone() });
		Self::deposit_event(Event::NodeAdded { country, peer_id, address });
		Ok(())
	}

	/// The record of `peer_id`, a node of `country`.
	fn own_node(country: CountryCode, peer_id: &PeerIdBytes) -> Result<NodeRecord, Error<T>> {
		Nodes::<T>::get(peer_id).filter(|n| n.country == country).ok_or(Error::<T>::NotOwnNode)
	}

	/// The nodes member nodes connect to: those of the active members, with
	/// their addresses, by country and peer id. At most `MaxMembers ×
	/// MaxNodesPerMember`.
	pub fn authorized_nodes() -> Vec<(CountryCode, PeerIdBytes, NodeAddress)> {
		ActiveMembers::<T>::get()
			.into_iter()
			.flat_map(|country| {
				NodesOf::<T>::get(country).into_iter().filter_map(move |peer_id| {
					let record = Nodes::<T>::get(&peer_id)?;
					Some((country, peer_id, record.address))
				})
			})
			.collect()
	}

	fn do_add_officer(country: CountryCode, officer: T::AccountId, roles: Roles) -> DispatchResult {
		Self::ensure_roles(roles)?;
		ensure!(!Officers::<T>::contains_key(&officer), Error::<T>::AlreadyOfficer);
		ensure!(Members::<T>::contains_key(country), Error::<T>::NotMember);
		OfficersOf::<T>::try_mutate(country, |officers| {
			let at = officers.binary_search(&officer).unwrap_or_else(|at| at);
			officers.try_insert(at, officer.clone()).map_err(|_| Error::<T>::TooManyOfficers)
		})?;
		Officers::<T>::insert(&officer, OfficerRecord { country, roles });
		frame_system::Pallet::<T>::inc_providers(&officer);
		Self::deposit_event(Event::OfficerAdded { country, officer, roles });
		Ok(())
	}

	fn change_status(
		country: CountryCode,
		from: &[MemberStatus],
		to: MemberStatus,
	) -> DispatchResult {
		Self::ensure_country(&country)?;
		let mut member = Members::<T>::get(country).ok_or(Error::<T>::NotMember)?;
		ensure!(from.contains(&member.status), Error::<T>::WrongStatus);
		let mut active = ActiveMembers::<T>::get();
		match (member.status, to) {
			(MemberStatus::Active, _) => {
				ensure!(active.len() > 1, Error::<T>::LastActiveMember);
				active.retain(|c| c != &country);
			}
			(_, MemberStatus::Active) => {
				let position = active.binary_search(&country).unwrap_err();
				active.try_insert(position, country).map_err(|_| Error::<T>::TooManyMembers)?;
			}
			_ => {}
		}
		let changes_active_set =
			member.status == MemberStatus::Active || to == MemberStatus::Active;
		member.status = to;
		member.since = frame_system::Pallet::<T>::block_number();
		Members::<T>::insert(country, member);
		if changes_active_set {
			ActiveMembers::<T>::put(active);
		}
		Ok(())
	}

	/// The primary admins of the active members, sorted.
	pub fn active_admins() -> Vec<T::AccountId> {
		let mut admins: Vec<_> = ActiveMembers::<T>::get()
			.iter()
			.filter_map(|c| Members::<T>::get(c).map(|m| m.admin))
			.collect();
		admins.sort();
		admins
	}

	/// The validators of the active members, in country order.
	pub fn active_validators() -> Vec<T::AccountId> {
		ActiveMembers::<T>::get()
			.iter()
			.filter_map(|c| Members::<T>::get(c).map(|m| m.validator))
			.collect()
	}

	/// Runs `change`; if it changed the active members' primary admins, makes
	/// the council equal to them.
	fn syncing_council<R>(
		change: impl FnOnce() -> Result<R, DispatchError>,
	) -> Result<R, DispatchError> {
		let before = Self::active_admins();
		let result = change()?;
		let after = Self::active_admins();
		if before != after {
			T::Council::set_members_sorted(&after, &before);
		}
		Ok(result)
	}

	/// What `who` is as a signer, if it may sign transactions at all: an
	/// officer or validator of an active member, or an account the runtime
	/// permits otherwise.
	pub fn signer(who: &T::AccountId) -> Option<Signer> {
		if let Some(officer) = Officers::<T>::get(who).filter(|o| Self::is_active(&o.country)) {
			return Some(Signer::Officer(officer.roles));
		}
		if Validators::<T>::get(who).is_some_and(|c| Self::is_active(&c)) {
			return Some(Signer::Validator);
		}
		T::ExtraSigners::contains(who).then_some(Signer::Trader)
	}

	/// Whether `who` may sign transactions at all ([`Self::signer`]).
	pub fn is_permitted_signer(who: &T::AccountId) -> bool {
		Self::signer(who).is_some()
	}

	/// The consortium's invariants (checked by `try_state`, and by tests).
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		let active = ActiveMembers::<T>::get();
		ensure!(active.windows(2).all(|w| w[0] < w[1]), "active members not sorted");
		ensure!(!active.is_empty(), "no active member: no validator");
		let mut officers_per_country = alloc::collections::BTreeMap::<CountryCode, u32>::new();
		for (_, record) in Officers::<T>::iter() {
			ensure!(Members::<T>::contains_key(record.country), "officer of no member");
			*officers_per_country.entry(record.country).or_default() += 1;
		}
		for (country, member) in Members::<T>::iter() {
			ensure!(
				(member.status == MemberStatus::Active) == active.contains(&country),
				"active members list out of step with statuses"
			);
			let indexed = OfficersOf::<T>::get(country);
			ensure!(indexed.windows(2).all(|w| w[0] < w[1]), "officers index not sorted");
			ensure!(
				officers_per_country.get(&country).copied().unwrap_or(0) == indexed.len() as u32,
				"officers index out of step"
			);
			ensure!(
				indexed.iter().all(|o| Officers::<T>::get(o).is_some_and(|r| r.country == country)),
				"officers index names a stranger"
			);
			ensure!(
				Officers::<T>::get(&member.admin)
					.is_some_and(|o| o.country == country && o.roles.contains(Role::Admin)),
				"primary admin is not an Admin officer of its administration"
			);
			ensure!(
				Validators::<T>::get(&member.validator) == Some(country),
				"validator index out of step"
			);
		}
		ensure!(
			Validators::<T>::iter().count() == Members::<T>::iter().count(),
			"validator index has strays"
		);
		let mut nodes_per_country = alloc::collections::BTreeMap::<CountryCode, u32>::new();
		for (peer_id, record) in Nodes::<T>::iter() {
			ensure!(Members::<T>::contains_key(record.country), "node of no member");
			ensure!(is_peer_id(&peer_id) && is_node_address(&record.address), "malformed node");
			*nodes_per_country.entry(record.country).or_default() += 1;
		}
		for (country, nodes) in NodesOf::<T>::iter() {
			ensure!(nodes.windows(2).all(|w| w[0] < w[1]), "nodes index not sorted");
			ensure!(
				nodes.iter().all(|n| Nodes::<T>::get(n).is_some_and(|r| r.country == country)),
				"nodes index names a stranger"
			);
			ensure!(
				nodes_per_country.get(&country).copied().unwrap_or(0) == nodes.len() as u32,
				"nodes index out of step"
			);
		}
		let mut council = T::CouncilMembers::get();
		council.sort();
		ensure!(council == Self::active_admins(), "council is not the active members' admins");
		// The session's set lags a decision by up to two sessions, so it may
		// still hold a validator of a member just suspended or retired, or a
		// validator account just replaced, but never anyone else's.
		let replaced = ReplacedValidators::<T>::get();
		ensure!(
			T::CurrentValidators::validators()
				.iter()
				.all(|v| Validators::<T>::contains_key(v) || replaced.contains(v)),
			"a session validator is no member's validator"
		);
		Ok(())
	}
}

impl<T: Config> cadena_primitives::Consortium<T::AccountId> for Pallet<T> {
	fn officer(who: &T::AccountId) -> Option<Officer> {
		let record = Officers::<T>::get(who)?;
		Self::is_active(&record.country)
			.then_some(Officer { country: record.country, roles: record.roles })
	}

	fn is_active_member(country: &CountryCode) -> bool {
		Self::is_active(country)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn make_officer(country: CountryCode, roles: Roles, index: u32) -> T::AccountId {
		use frame_benchmarking::account;
		if !Members::<T>::contains_key(country) {
			let (admin, validator) = (account("admin", index, 1), account("validator", index, 1));
			Self::do_admit(country, b"benchmark".to_vec(), admin, validator, None)
				.expect("room for the administration");
		}
		let officer: T::AccountId = account("officer", index, 1);
		Self::do_add_officer(country, officer.clone(), roles).expect("room for the officer");
		officer
	}
}

/// The validator set is the active members' validators. A change decided in
/// one session is planned at the next session boundary and takes effect at the
/// one after (`pallet-session` queues one session ahead). A planned validator
/// without session keys is skipped by `pallet-session`; it is planned again at
/// every boundary until its keys are set.
impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		let planned = Self::active_validators();
		let mut sorted = planned.clone();
		sorted.sort();
		let mut current = T::CurrentValidators::validators();
		current.sort();
		if ReplacedValidators::<T>::exists() {
			let mut replaced = ReplacedValidators::<T>::get();
			replaced.retain(|v| current.binary_search(v).is_ok());
			if replaced.is_empty() {
				ReplacedValidators::<T>::kill();
			} else {
				ReplacedValidators::<T>::put(replaced);
			}
		}
		if sorted == current {
			return None;
		}
		log::info!(target: LOG_TARGET, "session {new_index}: {} validators planned", planned.len());
		Some(planned)
	}

	fn new_session_genesis(_: u32) -> Option<Vec<T::AccountId>> {
		let validators = Self::active_validators();
		(!validators.is_empty()).then_some(validators)
	}

	fn end_session(_: u32) {}

	fn start_session(_: u32) {}
}
