//! CADENA's `cadena_*` JSON-RPC: the runtime's `CadenaApi` answered in
//! JSON for integrators, and subscriptions that follow finalized blocks.
//!
//! - [`json`]: the JSON shapes, typed, shared with the `cadena` tool (the
//!   only part built without the `server` feature).
//! - `server`: the methods. Every query takes an optional block hash
//!   (default: the best block).
//! - `follow`: the subscriptions. They replay from a block number so a
//!   client that reconnects misses nothing, and their cost to the node is
//!   bounded by [`Limits`]: how far back a replay may start, how many
//!   threads compute notifications (off the async workers that carry
//!   networking and GRANDPA), how many blocks' notifications are kept to
//!   share among subscribers of one country, and how long a client may
//!   leave a notification unread. A subscription the node cannot go on
//!   with ends with an error the client sees ([`codes`]).
//!
//! - [`metrics`]: CADENA's Prometheus metrics (the domain at the last
//!   finalized block, the subscriptions).
//!
//! docs/rpc.md is the reference; docs/security.md lists the limits.

pub mod json;

#[cfg(feature = "server")]
mod changes;
#[cfg(feature = "server")]
mod follow;
#[cfg(feature = "server")]
mod limits;
#[cfg(feature = "server")]
pub mod metrics;
#[cfg(feature = "server")]
mod server;

#[cfg(feature = "server")]
pub use limits::Limits;

#[cfg(feature = "server")]
pub use client::{ApiClient, Client};

#[cfg(feature = "server")]
mod client {
	use cadena_runtime::{opaque::Block, AccountId};
	use cadena_runtime_api::CadenaApi;
	use sc_client_api::BlockchainEvents;
	use sp_api::ProvideRuntimeApi;
	use sp_blockchain::HeaderBackend;

	/// A client that answers CADENA's runtime API: what notifications and
	/// metrics are computed with.
	pub trait ApiClient: ProvideRuntimeApi<Block, Api: CadenaApi<Block, AccountId>> {}

	impl<C: ProvideRuntimeApi<Block, Api: CadenaApi<Block, AccountId>>> ApiClient for C {}

	/// What the server needs of the node's client: the runtime API, the
	/// headers, and the finality notifications.
	pub trait Client:
		ApiClient + HeaderBackend<Block> + BlockchainEvents<Block> + Send + Sync + 'static
	{
	}

	impl<C> Client for C where
		C: ApiClient + HeaderBackend<Block> + BlockchainEvents<Block> + Send + Sync + 'static
	{
	}
}
#[cfg(feature = "server")]
pub use server::{Cadena, CadenaRpcServer, OwnAdministration};

/// The error codes of `cadena_*` answers and ended subscriptions.
pub mod codes {
	/// Invalid parameters: a malformed TIN, country, number, cursor or limit.
	pub const INVALID_PARAMS: i32 = -32602;
	/// The runtime could not answer (unknown block, API missing at that block).
	pub const RUNTIME_ERROR: i32 = 1;
	/// The node no longer keeps the state of a block the subscription needs
	/// (it prunes old state): replay from an archive node, or from a later
	/// block.
	pub const STATE_UNAVAILABLE: i32 = 2;
	/// `from` is further behind the last finalized block than this node
	/// replays (`--cadena-rpc-max-replay`).
	pub const TOO_FAR_BEHIND: i32 = 3;
	/// The client left a notification unread longer than the node waits
	/// (`--cadena-rpc-send-timeout`).
	pub const CLIENT_TOO_SLOW: i32 = 4;
	/// The node is shutting down.
	pub const NODE_STOPPING: i32 = 5;
	/// `cadena_decision` for another administration than the node's own:
	/// a node answers its own border's declarations.
	pub const NOT_OWN_ADMINISTRATION: i32 = 6;
	/// The node's own administration could not be found: its peer id is
	/// not on the chain's list of declared nodes at that block.
	pub const NODE_NOT_DECLARED: i32 = 7;
}
