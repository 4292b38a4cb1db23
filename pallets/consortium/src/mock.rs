//! A test runtime: frame-system, a real `pallet-collective` council, and the consortium.

use crate as pallet_consortium;
use cadena_primitives::{CountryCode, Role};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Council: pallet_collective::<Instance1>,
		Consortium: pallet_consortium,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	// Reads and writes cost something, so that refunds show.
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

parameter_types! {
	pub MaxProposalWeight: Weight = Weight::from_parts(u64::MAX, u64::MAX);
}

pub type CouncilInstance = pallet_collective::Instance1;

impl pallet_collective::Config<CouncilInstance> for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU64<100>;
	type MaxProposals = ConstU32<10>;
	type MaxMembers = ConstU32<8>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = ();
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = pallet_consortium::MotionSlot<Test>;
}

/// Accounts the runtime lets sign besides the consortium's: here, 99.
pub struct Trader99;
impl frame_support::traits::Contains<AccountId> for Trader99 {
	fn contains(who: &AccountId) -> bool {
		*who == 99
	}
}

parameter_types! {
	/// The current session's validators, as `pallet-session` would report them.
	pub static SessionValidators: Vec<AccountId> = vec![14, 12, 11, 13];
}

/// The current validator set of the test: [`SessionValidators`].
pub struct CurrentValidators;
impl frame_support::traits::ValidatorSet<AccountId> for CurrentValidators {
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;

	fn session_index() -> u32 {
		0
	}

	fn validators() -> Vec<AccountId> {
		SessionValidators::get()
	}
}

/// The council's members, read from `pallet-collective`.
pub struct CouncilMembers;
impl frame_support::traits::Get<Vec<AccountId>> for CouncilMembers {
	fn get() -> Vec<AccountId> {
		pallet_collective::Members::<Test, CouncilInstance>::get()
	}
}

impl pallet_consortium::Config for Test {
	type OnEntitlementEnded = cadena_primitives::testing::RecordEntitlementEnds;
	type CouncilMembers = CouncilMembers;
	type CurrentValidators = CurrentValidators;
	type GovernanceOrigin =
		pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 2, 3>;
	type Council = Council;
	type ExtraSigners = Trader99;
	type CallPolicy = RemarksForOfficersOnly;
	type CouncilSyncWeight = CouncilSyncWeight;
	type MaxSignerShare = SignerShare;
	type MaxMembers = ConstU32<5>;
	type MaxOfficers = ConstU32<4>;
	type MaxNameLength = ConstU32<32>;
	type MaxOpenMotions = ConstU32<2>;
	type MaxNodesPerMember = ConstU32<2>;
	type WeightInfo = ();
}

pub const MX: CountryCode = CountryCode(*b"MX");
pub const CR: CountryCode = CountryCode(*b"CR");
pub const PE: CountryCode = CountryCode(*b"PE");
pub const CO: CountryCode = CountryCode(*b"CO");
pub const GT: CountryCode = CountryCode(*b"GT");

/// Primary admins: 1 (MX), 2 (CR), 3 (PE), 4 (CO).
pub const MX_ADMIN: AccountId = 1;
pub const CR_ADMIN: AccountId = 2;
pub const PE_ADMIN: AccountId = 3;
pub const CO_ADMIN: AccountId = 4;
/// Validators: 11, 12, 13, 14.
pub const MX_VALIDATOR: AccountId = 11;
/// Further officers of MX: a registrar (21) and an approver (22).
pub const MX_REGISTRAR: AccountId = 21;
pub const MX_APPROVER: AccountId = 22;
/// Further officers of CR: a registrar (31).
pub const CR_REGISTRAR: AccountId = 31;
/// Nobody.
pub const OUTSIDER: AccountId = 77;

/// Four founding members, MX with a registrar and an approver, CR with a registrar.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ext_with(genesis())
}

/// The genesis of [`new_test_ext`]: four founding members, no nodes declared.
pub fn genesis() -> pallet_consortium::GenesisConfig<Test> {
	let members = vec![
		(
			MX,
			"Mexico".into(),
			MX_ADMIN,
			MX_VALIDATOR,
			vec![(MX_REGISTRAR, vec![Role::Registrar]), (MX_APPROVER, vec![Role::Approver])],
		),
		(CR, "Costa Rica".into(), CR_ADMIN, 12, vec![(CR_REGISTRAR, vec![Role::Registrar])]),
		(PE, "Peru".into(), PE_ADMIN, 13, vec![]),
		(CO, "Colombia".into(), CO_ADMIN, 14, vec![]),
	];
	pallet_consortium::GenesisConfig { members, ..Default::default() }
}

/// The test externalities of a genesis, at block 1.
pub fn ext_with(consortium: pallet_consortium::GenesisConfig<Test>) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		council: Default::default(),
		consortium,
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	// The benchmarks sign node declarations through the keystore.
	ext.register_extension(sp_keystore::KeystoreExt::new(
		sp_keystore::testing::MemoryKeystore::new(),
	));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `test` in the test externalities, then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		Consortium::do_try_state().expect("invariants hold");
	});
}

/// The council's origin when `ayes` of its `of` members approved.
pub fn council(ayes: u32, of: u32) -> RuntimeOrigin {
	pallet_collective::RawOrigin::<AccountId, CouncilInstance>::Members(ayes, of).into()
}

parameter_types! {
	pub const SignerShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);
	pub const CouncilSyncWeight: Weight = Weight::from_parts(1_000_000, 0);
}

/// The mock's call policy: officers may send anything; validators and
/// traders nothing but `System.remark_with_event` (so the tests tell the
/// policy's answer from the membership check's).
pub struct RemarksForOfficersOnly;
impl pallet_consortium::CallPolicy<RuntimeCall> for RemarksForOfficersOnly {
	fn permits(signer: pallet_consortium::Signer, call: &RuntimeCall) -> bool {
		matches!(signer, pallet_consortium::Signer::Officer(_))
			|| matches!(call, RuntimeCall::System(frame_system::Call::remark_with_event { .. }))
	}
}

/// The genesis hash node declarations sign in the mock: what
/// `frame_system`'s genesis puts for block 0 (a real chain writes its
/// genesis hash there when block 1 starts).
pub fn mock_genesis_hash() -> sp_core::H256 {
	sp_core::H256::repeat_byte(69)
}

/// The node key of `seed`.
pub fn node_key(seed: u8) -> sp_core::ed25519::Pair {
	use sp_core::Pair;
	sp_core::ed25519::Pair::from_seed(&[seed; 32])
}

/// `seed`'s node, declared for `country` and signed by its key.
pub fn node_for(seed: u8, country: CountryCode) -> crate::NodeDeclaration {
	node_at(seed, country, &format!("/dns4/node{seed}.example/tcp/30333"))
}

/// `seed`'s node at `address`, declared for `country` and signed by its key.
pub fn node_at(seed: u8, country: CountryCode, address: &str) -> crate::NodeDeclaration {
	use sp_core::Pair;
	let key = node_key(seed);
	let mut peer_id = vec![0x00, 36, 0x08, 0x01, 0x12, 0x20];
	peer_id.extend(key.public().0);
	let address = address.as_bytes().to_vec();
	let payload =
		crate::node_declaration_payload(&mock_genesis_hash(), &country, &peer_id, &address);
	crate::NodeDeclaration {
		peer_id: peer_id.try_into().expect("bounded"),
		address: address.try_into().expect("bounded"),
		signature: key.sign(&payload).0,
	}
}

/// `seed`'s node, declared for Guatemala (the administration the node
/// tests admit) and signed by its key.
pub fn node(seed: u8) -> crate::NodeDeclaration {
	node_for(seed, GT)
}
