//! The node's JSON-RPC extensions, beside the standard Substrate methods
//! (`system_*`, `chain_*`, `state_*`, `author_*`) that `sc-service` serves:
//! the account nonce, and CADENA's own `cadena_*` methods.

use std::sync::Arc;

use cadena_runtime::{opaque::Block, AccountId, Nonce};
use jsonrpsee::RpcModule;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

/// What the RPC extensions need from the node.
pub struct FullDeps<C, P> {
	/// The client.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// The `cadena_*` methods and their subscriptions' engine.
	pub cadena: cadena_rpc::Cadena<C>,
}

/// The RPC extensions of a full node.
pub fn create_full<C, P>(
	deps: FullDeps<C, P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ sc_client_api::BlockchainEvents<Block>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: BlockBuilder<Block>,
	C::Api: cadena_runtime_api::CadenaApi<Block, AccountId>,
	P: TransactionPool + 'static,
{
	use cadena_rpc::CadenaRpcServer;
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	let FullDeps { client, pool, cadena } = deps;
	module.merge(System::new(client, pool).into_rpc())?;
	module.merge(cadena.into_rpc())?;
	Ok(module)
}
