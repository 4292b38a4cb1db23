//! Configuration of each pallet in the CADENA runtime.

use crate::{
	AccountId, Aura, Balance, Block, BlockNumber, Consortium, Council, Hash, Nonce, OriginCaller,
	PalletInfo, Runtime, RuntimeCall, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
	RuntimeOrigin, RuntimeTask, Session, SessionKeys, Signature, System, Timestamp, TinRegistry,
	VERSION,
};
use alloc::vec::Vec;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstBool, ConstU128, ConstU32, ConstU64, Get, NeverEnsureOrigin, VariantCountOf},
	weights::{constants::WEIGHT_REF_TIME_PER_SECOND, Weight},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::{traits::ConvertInto, Perbill};

/// Target block time. One second keeps a status change final at every
/// validator within three seconds: it waits at most one slot to be included,
/// and GRANDPA finalizes a block about one to two slots after it is authored
/// (see docs/block-time.md for the measurement).
pub const MILLISECS_PER_BLOCK: u64 = 1000;
/// The Aura slot: one block per slot.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);

/// Length of a session, in blocks. A change to the validator set (an
/// administration admitted or retired) takes effect at a session boundary.
pub const SESSION_PERIOD: BlockNumber = 10;

/// Most validators (member administrations) the chain is configured for.
pub const MAX_AUTHORITIES: u32 = 64;

/// Blocks per day.
pub const DAYS: BlockNumber = 24 * 60 * MINUTES;

/// Normal transactions may fill 75% of a block; the rest is for operational ones.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// Half a second of execution per one-second block.
const MAXIMUM_BLOCK_WEIGHT: Weight = Weight::from_parts(WEIGHT_REF_TIME_PER_SECOND / 2, u64::MAX);

parameter_types! {
	pub const BlockHashCount: BlockNumber = 2400;
	pub const Version: sp_version::RuntimeVersion = VERSION;

	/// Half the slot may be spent executing a block, leaving time to author,
	/// gossip and import it within the same second. A block's and a
	/// transaction's base weights are measured on CADENA's runtime
	/// (`cadena-node benchmark overhead`, docs/benchmarks.md).
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(crate::weights::block_weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = crate::weights::extrinsic_weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved =
				Some(MAXIMUM_BLOCK_WEIGHT - NORMAL_DISPATCH_RATIO * MAXIMUM_BLOCK_WEIGHT);
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	// The node stores its state in ParityDB (RocksDB is not built): reads and
	// writes are weighed as measured on a ParityDB state of 100,000
	// certificates (`cadena-node benchmark storage`, docs/benchmarks.md).
	type DbWeight = crate::weights::paritydb_weights::constants::ParityDbWeight;
	// The transaction extensions (nonce, mortality, genesis, weight
	// reclaim) weighed with those database weights; the default `()` weighs
	// them at RocksDB's reference figures, 330 µs per transaction.
	type ExtensionsWeightInfo = frame_system::SubstrateExtensionsWeight<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = ConstU64<{ SLOT_DURATION / 2 }>;
	type WeightInfo = ();
}

/// CADENA has no token. `pallet-session` needs a currency to hold key
/// deposits; the deposit is zero and no account is ever endowed.
impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = ();
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<0>;
	type MaxReserves = ConstU32<0>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub const Period: BlockNumber = SESSION_PERIOD;
	pub const Offset: BlockNumber = 0;
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = pallet_session::PeriodicSessions<Period, Offset>;
	type NextSessionRotation = pallet_session::PeriodicSessions<Period, Offset>;
	type SessionManager = Consortium;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	type DisablingStrategy = ();
	type WeightInfo = ();
	type Currency = pallet_balances::Pallet<Runtime>;
	type KeyDeposit = ConstU128<0>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = sp_consensus_aura::sr25519::AuthorityId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = ConstU64<SLOT_DURATION>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

parameter_types! {
	pub MaxCouncilProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

/// The customs council: one seat per active member administration, held by
/// its primary admin, kept in sync by the consortium pallet.
pub type CouncilInstance = pallet_collective::Instance1;

/// A governance decision: at least two thirds of the customs council.
pub type GovernanceOrigin =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 2, 3>;

impl pallet_collective::Config<CouncilInstance> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU32<{ 7 * DAYS }>;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<MAX_AUTHORITIES>;
	type DefaultVote = AbstentionsAreNays;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Only the consortium pallet changes the council's members.
	type SetMembersOrigin = NeverEnsureOrigin<()>;
	type MaxProposalWeight = MaxCouncilProposalWeight;
	type DisapproveOrigin = GovernanceOrigin;
	type KillOrigin = GovernanceOrigin;
	// A motion takes one of its proposer's `MaxOpenMotions` slots.
	type Consideration = pallet_consortium::MotionSlot<Runtime>;
}

/// When a motion's time is up, a seat that did not vote counts as a nay: a
/// motion passes only on the ayes actually cast. (`pallet-collective`'s
/// `MoreThanMajorityThenPrimeDefaultVote` would count the silent seats as ayes
/// once a majority voted aye: 3 ayes of 5 seats would carry a two-thirds motion.)
pub struct AbstentionsAreNays;
impl pallet_collective::DefaultVote for AbstentionsAreNays {
	fn default_vote(_prime: Option<bool>, _yes: u32, _no: u32, _seats: u32) -> bool {
		false
	}
}

/// The customs council's members, for the consortium's invariant checks.
pub struct CouncilMembers;
impl Get<Vec<AccountId>> for CouncilMembers {
	fn get() -> Vec<AccountId> {
		pallet_collective::Members::<Runtime, CouncilInstance>::get()
	}
}

parameter_types! {
	pub const MaxSignerShare: Perbill = Perbill::from_percent(50);
	/// The council's own work when its members change with 100 motions open.
	pub CouncilSyncWeight: Weight =
		<pallet_collective::weights::SubstrateWeight<Runtime> as pallet_collective::WeightInfo>::set_members(
			MAX_AUTHORITIES,
			MAX_AUTHORITIES,
			100,
		);
}

impl pallet_consortium::Config for Runtime {
	type OnEntitlementEnded = crate::entitlement::ConfidentialReaders;
	type CouncilMembers = CouncilMembers;
	type GovernanceOrigin = GovernanceOrigin;
	type Council = Council;
	type CurrentValidators = Session;
	// Trader accounts linked to an active TIN sign their consent changes.
	type ExtraSigners = TinRegistry;
	type CallPolicy = crate::call_policy::RolePolicy;
	type CouncilSyncWeight = CouncilSyncWeight;
	// Half a block each: a full `grant_many` batch (a third of a block) fits,
	// and no signer crowds out the others' suspensions.
	type MaxSignerShare = MaxSignerShare;
	type MaxMembers = ConstU32<MAX_AUTHORITIES>;
	type MaxOfficers = ConstU32<100>;
	type MaxNameLength = ConstU32<128>;
	// With `MaxProposals` of 100, one member holds at most a tenth of the slots.
	type MaxOpenMotions = ConstU32<10>;
	// A validator, an RPC node for integrators and room to replace either.
	type MaxNodesPerMember = ConstU32<8>;
	type WeightInfo = crate::weights::pallet_consortium::WeightInfo<Runtime>;
}

impl pallet_tin_registry::Config for Runtime {
	type OnEntitlementEnded = crate::entitlement::ConfidentialReaders;
	type RuntimeEvent = RuntimeEvent;
	type Consortium = Consortium;
	type Time = Timestamp;
	type LinkSignature = Signature;
	type MaxLinkedAccounts = ConstU32<10>;
	type WeightInfo = crate::weights::pallet_tin_registry::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_tin_registry::Sr25519Traders<Runtime>;
}

impl pallet_aeo_certificates::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Consortium = Consortium;
	type TinRegistry = TinRegistry;
	type Time = Timestamp;
	type SealedReasons = crate::entitlement::ConfidentialReaders;
	// A reason's text, at most 128 bytes, sealed (32 bytes more).
	type MaxReasonLength = ConstU32<160>;
	type MaxHistory = ConstU32<32>;
	// A batch of 256 grants fits in one block (checked by the pallet's
	// integrity test against the measured weights).
	type MaxBatch = ConstU32<256>;
	// At most a quarter of a block expires certificates: a day with 10,000
	// expiries is done in 50 blocks, under a minute.
	type MaxExpiriesPerBlock = ConstU32<200>;
	type WeightInfo = crate::weights::pallet_aeo_certificates::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TimestampSetter;
}

impl pallet_mra::Config for Runtime {
	type OnEntitlementEnded = crate::entitlement::ConfidentialReaders;
	type RuntimeEvent = RuntimeEvent;
	type Consortium = Consortium;
	type Time = Timestamp;
	type MaxNameLength = ConstU32<128>;
	type MaxHistory = ConstU32<32>;
	// Two waiting MRAs per administration, and room for all of them: the
	// shared list never fills (the pallet's integrity test checks).
	type MaxAwaiting = ConstU32<64>;
	type MaxAwaitingPerCountry = ConstU32<2>;
	type MaxMembers = ConstU32<MAX_AUTHORITIES>;
	// What one recognition query reads at most: 64 MRAs of the reader.
	type MaxMrasPerCountry = ConstU32<64>;
	type MaxProposalsPerCountry = ConstU32<8>;
	type WeightInfo = crate::weights::pallet_mra::WeightInfo<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TimestampSetter;
}

/// Confidential trader records: sealed by the issuing administration,
/// wrapped for each reader the runtime's entitlement rule names
/// (`crate::entitlement`).
impl pallet_confidential::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Consortium = Consortium;
	type TinRegistry = TinRegistry;
	type Entitlement = crate::entitlement::Entitlement;
	// The envelope's 1,024 bytes of plaintext, its nonce (12) and tag (16).
	type MaxCiphertext = ConstU32<1052>;
	// Every member and every account linked to the TIN.
	type MaxReaders = ConstU32<{ MAX_AUTHORITIES + 10 }>;
	// As many as `cadena import` puts in one transaction.
	type MaxSealBatch = ConstU32<256>;
	// A sweep visits a full record in about 67 µs: 500 take 33 ms of a block.
	type SweepPerBlock = ConstU32<500>;
	type WeightInfo = crate::weights::pallet_confidential::WeightInfo<Runtime>;
}

/// Batches of calls under one signature: `cadena import` registers a chunk
/// of traders and grants their certificates in one transaction, and
/// `force_batch` reports each call's result as its own event.
impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = pallet_utility::weights::SubstrateWeight<Runtime>;
}

/// Sets the chain's clock, for the certificates' and MRAs' benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct TimestampSetter;
#[cfg(feature = "runtime-benchmarks")]
impl cadena_primitives::BenchmarkClock for TimestampSetter {
	fn set_time(millis: u64) {
		pallet_timestamp::Now::<Runtime>::put(millis);
	}
}
