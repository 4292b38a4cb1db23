//! The runtime APIs the node and integrators call.

use crate::cadena_api;
use crate::{
	AccountId, Aura, Block, Executive, Grandpa, InherentDataExt, Nonce, Runtime,
	RuntimeGenesisConfig, SessionKeys, System, VERSION,
};
use alloc::vec::Vec;
use cadena_primitives::{AuthorizationNumber, CertificateId, CountryCode, Day, Recognition, Tin};
use cadena_runtime_api::{
	BlockChanges, CertificateView, HistoryView, MemberView, MraView, RecognisedPage,
	TinRecognition, TraderView,
};
use frame_support::genesis_builder_helper::{build_state, get_preset};
#[cfg(feature = "try-runtime")]
use frame_support::weights::Weight;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult,
};
use sp_version::RuntimeVersion;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> sp_runtime::ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(owner: Vec<u8>, seed: Option<Vec<u8>>) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// Equivocations are not reported on chain: the validators are known
			// customs administrations, answerable under the consortium's rules.
			None
		}
	}

	#[api_version(6)]
	impl cadena_runtime_api::CadenaApi<Block, AccountId> for Runtime {
		fn recognition_of_tin(tin: Tin, reader: CountryCode) -> TinRecognition {
			cadena_api::recognition_of_tin(tin, reader)
		}

		fn recognition_of_certificates(ids: Vec<CertificateId>, reader: CountryCode) -> Vec<Recognition> {
			cadena_api::recognition_of_certificates(ids, reader)
		}

		fn certificate(id: CertificateId) -> Option<CertificateView> {
			cadena_api::certificate(id)
		}

		fn certificates(ids: Vec<CertificateId>) -> Vec<Option<CertificateView>> {
			cadena_api::certificates(ids)
		}

		fn traders(tins: Vec<Tin>) -> Vec<Option<TraderView>> {
			cadena_api::traders(tins)
		}

		fn certificates_of(tin: Tin) -> Vec<CertificateView> {
			cadena_api::certificates_of(tin)
		}

		fn history(id: CertificateId) -> Option<HistoryView<AccountId>> {
			cadena_api::history(id)
		}

		fn mras_of(country: CountryCode) -> Vec<MraView> {
			cadena_api::mras_of(country)
		}

		fn recognised_by(reader: CountryCode, cursor: Option<CertificateId>, limit: u32) -> RecognisedPage {
			cadena_api::recognised_by(reader, cursor, limit)
		}

		fn certificates_issued_by(
			country: CountryCode,
			cursor: Option<AuthorizationNumber>,
			limit: u32,
		) -> (Vec<AuthorizationNumber>, Option<AuthorizationNumber>) {
			cadena_api::certificates_issued_by(country, cursor, limit)
		}

		fn block_changes() -> BlockChanges {
			cadena_api::block_changes()
		}

		fn today() -> Day {
			crate::AeoCertificates::today()
		}

		fn awaiting_expiry(
			day: Day,
			cursor: Option<CertificateId>,
			limit: u32,
		) -> (Vec<CertificateId>, Option<CertificateId>) {
			cadena_api::awaiting_expiry(day, cursor, limit)
		}

		fn confidential_record(
			tin: Tin,
			reader: cadena_runtime_api::ReaderView<AccountId>,
		) -> Option<cadena_runtime_api::ConfidentialView> {
			cadena_api::confidential_record(tin, reader)
		}

		fn missing_wraps(
			issuer: CountryCode,
			cursor: Option<Tin>,
			limit: u32,
		) -> cadena_runtime_api::MissingWrapsPage<AccountId> {
			cadena_api::missing_wraps(issuer, cursor, limit)
		}

		fn reason_version(tin: Tin) -> Option<u32> {
			crate::Confidential::sealable_version(&tin)
		}

		fn partners_of(issuer: CountryCode) -> Vec<(CountryCode, [u8; 32])> {
			cadena_api::partners_of(issuer)
		}

		fn recognitions(ids: Vec<CertificateId>, reader: CountryCode) -> Vec<cadena_runtime_api::RecognitionView> {
			cadena_api::benefits::recognitions(ids, reader)
		}

		fn tin_recognition(tin: Tin, reader: CountryCode) -> cadena_runtime_api::RecognitionView {
			cadena_api::benefits::tin_recognition(tin, reader, None, None)
		}

		fn decision(
			declaring: CountryCode,
			side: cadena_primitives::Side,
			parties: Vec<(cadena_primitives::OperatorRole, cadena_primitives::PartyRef)>,
		) -> cadena_runtime_api::Decision {
			cadena_api::benefits::decision(declaring, side, parties)
		}

		fn tin_of_partner(issuer: CountryCode, id: cadena_primitives::PartnerId) -> Option<Tin> {
			crate::TinRegistry::tin_of_partner(issuer, &id)
		}

		fn benefits_of_mra(mra: cadena_primitives::MraId) -> Vec<cadena_runtime_api::DirectionBenefitsView> {
			cadena_api::benefits::benefits_of_mra(mra)
		}

		fn continuity(country: CountryCode) -> bool {
			crate::Mra::in_continuity_event(country)
		}

		fn benefit_changes() -> Vec<cadena_runtime_api::BenefitsChange> {
			cadena_api::benefits::benefit_changes()
		}

		fn authorized_nodes() -> Vec<cadena_runtime_api::NodeView> {
			crate::Consortium::authorized_nodes()
				.into_iter()
				.map(|(country, peer_id, address)| cadena_runtime_api::NodeView {
					country,
					peer_id: peer_id.into_inner(),
					address: address.into_inner(),
				})
				.collect()
		}

		fn member(country: CountryCode) -> Option<MemberView<AccountId>> {
			cadena_api::member(country)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// Any error here aborts the check: it is what try-runtime reports.
			let weight = Executive::try_runtime_upgrade(checks).unwrap();
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			// Any error here aborts the check: it is what try-runtime reports.
			Executive::try_execute_block(block, state_root_check, signature_check, select).unwrap()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use crate::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::{TrackedStorageKey, WhitelistedStorageKeys};
			use crate::*;

			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
