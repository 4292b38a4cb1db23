//! What the `cadena_*` subscriptions may cost the node: set by its operator
//! on `cadena-node`'s command line.

use std::time::Duration;

/// The bounds on `cadena_*` subscriptions.
#[derive(Clone, Debug, clap::Args)]
pub struct Limits {
	/// Most finalized blocks a `cadena_subscribe*` subscription replays: a
	/// `from` further behind the last finalized block is refused (code 3).
	/// Replays also need the blocks' state: a node that prunes state
	/// (the default keeps 256 blocks) refuses older ones (code 2).
	#[arg(long = "cadena-rpc-max-replay", value_name = "BLOCKS", default_value_t = 14_400)]
	pub max_replay: u32,

	/// Threads that compute subscription notifications, apart from the
	/// node's async workers (networking, GRANDPA, RPC I/O). Subscribers wait
	/// their turn when all are busy.
	#[arg(long = "cadena-rpc-workers", value_name = "N", default_value_t = 2)]
	pub workers: usize,

	/// Blocks' notifications kept per subscription kind and country: every
	/// subscriber of a country at a block shares one computation.
	#[arg(long = "cadena-rpc-cache", value_name = "ENTRIES", default_value_t = 256)]
	pub cache: usize,

	/// Seconds a client may leave a notification unread before the node
	/// ends its subscription (code 4). Nothing is buffered for it
	/// meanwhile beyond the connection's bounded queue.
	#[arg(long = "cadena-rpc-send-timeout", value_name = "SECONDS", default_value_t = 60)]
	pub send_timeout: u64,
}

impl Default for Limits {
	fn default() -> Self {
		Self { max_replay: 14_400, workers: 2, cache: 256, send_timeout: 60 }
	}
}

impl Limits {
	/// How long a notification may wait for the client.
	pub fn send_timeout(&self) -> Duration {
		Duration::from_secs(self.send_timeout.max(1))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use clap::Parser;

	#[derive(Parser)]
	struct Cli {
		#[command(flatten)]
		limits: Limits,
	}

	#[test]
	fn fault_14_the_flags_default_to_the_documented_limits() {
		let cli = Cli::parse_from(["node"]);
		let defaults = Limits::default();
		assert_eq!(cli.limits.max_replay, defaults.max_replay);
		assert_eq!(cli.limits.workers, defaults.workers);
		assert_eq!(cli.limits.cache, defaults.cache);
		assert_eq!(cli.limits.send_timeout, defaults.send_timeout);
		let cli = Cli::parse_from(["node", "--cadena-rpc-max-replay", "10"]);
		assert_eq!(cli.limits.max_replay, 10);
	}
}
