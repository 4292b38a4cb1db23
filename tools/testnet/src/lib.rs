//! Local CADENA networks of real `cadena-node` processes on loopback.
//!
//! Used by the end-to-end tests and by `scripts/start-network.sh` (through the
//! `cadena-testnet` binary): every node gets its own ports and base path, and
//! every process started here is stopped when its [`Node`] is dropped, also
//! when a test fails.

pub mod chain;

use std::{
	fs::File,
	net::TcpListener,
	path::{Path, PathBuf},
	process::{Child, Command, ExitStatus, Stdio},
	time::{Duration, Instant},
};

use anyhow::{anyhow, bail, ensure, Context, Result};
use jsonrpsee::{
	core::client::ClientT,
	rpc_params,
	ws_client::{WsClient, WsClientBuilder},
};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The development keys `cadena-node` knows by flag, in validator order.
pub const DEV_KEYS: [&str; 6] = ["alice", "bob", "charlie", "dave", "eve", "ferdie"];

/// Finds the `cadena-node` binary: `$CADENA_NODE`, else next to the running
/// executable's target directory (`target/<profile>/cadena-node`).
pub fn node_binary() -> Result<PathBuf> {
	if let Some(path) = std::env::var_os("CADENA_NODE") {
		return Ok(PathBuf::from(path));
	}
	let exe = std::env::current_exe()?;
	for dir in exe.ancestors().skip(1).take(3) {
		let candidate = dir.join("cadena-node");
		if candidate.is_file() {
			return Ok(candidate);
		}
	}
	bail!("cadena-node binary not found next to {}; set CADENA_NODE", exe.display())
}

/// A TCP port on loopback that nothing listens on right now.
pub fn free_port() -> Result<u16> {
	Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// How to start one node.
#[derive(Clone, Debug)]
pub struct NodeConfig {
	/// A name for logs and telemetry.
	pub name: String,
	/// `--chain`: `dev`, `local` or a chain spec path.
	pub chain: String,
	/// The node's base path (database, keystore, network key).
	pub base_path: PathBuf,
	/// The libp2p port.
	pub p2p_port: u16,
	/// The JSON-RPC port.
	pub rpc_port: u16,
	/// The Prometheus port.
	pub prometheus_port: u16,
	/// The development key whose validator this node runs (`alice`, ...), if any.
	pub dev_key: Option<String>,
	/// The node's libp2p secret key, hex; fixes its peer id across restarts.
	/// `None`: the node reads its key file under the base path.
	pub node_key: Option<String>,
	/// Bootnode multiaddresses.
	pub bootnodes: Vec<String>,
	/// Any further arguments.
	pub extra_args: Vec<String>,
}

impl NodeConfig {
	/// A node of `chain` under `base_path`, on free ports.
	pub fn new(name: &str, chain: &str, base_path: &Path, index: usize) -> Result<Self> {
		Ok(Self {
			name: name.to_string(),
			chain: chain.to_string(),
			base_path: base_path.to_path_buf(),
			p2p_port: free_port()?,
			rpc_port: free_port()?,
			prometheus_port: free_port()?,
			dev_key: None,
			node_key: Some(format!("{:064x}", index + 1)),
			bootnodes: Vec::new(),
			extra_args: Vec::new(),
		})
	}

	/// The command-line arguments for `cadena-node`.
	pub fn args(&self) -> Vec<String> {
		let mut args = vec![
			"--chain".into(),
			self.chain.clone(),
			"--name".into(),
			self.name.clone(),
			"--base-path".into(),
			self.base_path.display().to_string(),
			"--listen-addr".into(),
			format!("/ip4/127.0.0.1/tcp/{}", self.p2p_port),
			"--rpc-port".into(),
			self.rpc_port.to_string(),
			"--prometheus-port".into(),
			self.prometheus_port.to_string(),
			"--no-mdns".into(),
			"--no-telemetry".into(),
		];
		if let Some(node_key) = &self.node_key {
			args.push("--node-key".into());
			args.push(node_key.clone());
		}
		if let Some(key) = &self.dev_key {
			args.push(format!("--{key}"));
			args.push("--validator".into());
		}
		for bootnode in &self.bootnodes {
			args.push("--bootnodes".into());
			args.push(bootnode.clone());
		}
		args.extend(self.extra_args.iter().cloned());
		args
	}

	/// The node's JSON-RPC WebSocket endpoint.
	pub fn rpc_url(&self) -> String {
		format!("ws://127.0.0.1:{}", self.rpc_port)
	}
}

impl NodeConfig {
	/// The node's Prometheus exposition (`/metrics`), as text.
	pub async fn metrics(&self) -> Result<String> {
		use tokio::io::{AsyncReadExt, AsyncWriteExt};
		let mut stream =
			tokio::net::TcpStream::connect(("127.0.0.1", self.prometheus_port)).await?;
		let request = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
		stream.write_all(request.as_bytes()).await?;
		let mut response = Vec::new();
		stream.read_to_end(&mut response).await?;
		let response = String::from_utf8_lossy(&response).into_owned();
		let (head, body) = response.split_once("\r\n\r\n").context("an HTTP response")?;
		ensure!(head.starts_with("HTTP/1.1 200"), "/metrics answered {head}");
		Ok(body.to_string())
	}
}

/// The value of the first sample of metric `name` that carries every label
/// of `labels` (`country="MX",status="Active"`, as the exposition writes
/// them; empty for any), in a Prometheus exposition. Other labels (the
/// `chain` every Substrate metric has) may be there too.
pub fn metric(exposition: &str, name: &str, labels: &str) -> Option<f64> {
	let wanted: Vec<&str> = labels.split(',').filter(|l| !l.is_empty()).collect();
	exposition.lines().filter(|line| !line.starts_with('#')).find_map(|line| {
		let (series, value) = line.rsplit_once(' ')?;
		let (metric, rest) = match series.split_once('{') {
			Some((metric, rest)) => (metric, rest.trim_end_matches('}')),
			None => (series, ""),
		};
		let have: Vec<&str> = rest.split(',').collect();
		(metric == name && wanted.iter().all(|w| have.contains(w)))
			.then(|| value.parse().ok())
			.flatten()
	})
}

/// A running `cadena-node` process. Dropping it kills the process.
pub struct Node {
	/// How it was started.
	pub config: NodeConfig,
	binary: PathBuf,
	child: Option<Child>,
	log: PathBuf,
}

impl Node {
	/// Starts a node; its output goes to `<base_path>.log`.
	pub fn start(binary: &Path, config: NodeConfig) -> Result<Self> {
		let log = config.base_path.with_extension("log");
		let mut node = Self { config, binary: binary.to_path_buf(), child: None, log };
		node.spawn()?;
		Ok(node)
	}

	fn spawn(&mut self) -> Result<()> {
		let log = File::options()
			.create(true)
			.append(true)
			.open(&self.log)
			.with_context(|| format!("opening {}", self.log.display()))?;
		let child = Command::new(&self.binary)
			.args(self.config.args())
			.stdin(Stdio::null())
			.stdout(log.try_clone()?)
			.stderr(log)
			.spawn()
			.with_context(|| format!("starting {}", self.binary.display()))?;
		self.child = Some(child);
		Ok(())
	}

	/// The path of the node's log file.
	pub fn log_path(&self) -> &Path {
		&self.log
	}

	/// The last lines of the node's log, for failure messages.
	pub fn log_tail(&self, lines: usize) -> String {
		let text = std::fs::read_to_string(&self.log).unwrap_or_default();
		let all: Vec<&str> = text.lines().collect();
		all[all.len().saturating_sub(lines)..].join("\n")
	}

	/// The process id, while running.
	pub fn pid(&self) -> Option<u32> {
		self.child.as_ref().map(|c| c.id())
	}

	/// Whether the process is still running.
	pub fn is_running(&mut self) -> bool {
		matches!(self.child.as_mut().map(|c| c.try_wait()), Some(Ok(None)))
	}

	/// Kills the node with SIGKILL, as a crash would, and reaps it.
	pub fn kill(&mut self) -> Result<()> {
		if let Some(mut child) = self.child.take() {
			child.kill().ok();
			child.wait()?;
		}
		Ok(())
	}

	/// Stops the node with SIGTERM and waits for it to exit, at most `timeout`
	/// (then it is killed). Returns how it exited.
	pub fn stop(&mut self, timeout: Duration) -> Result<ExitStatus> {
		let mut child = self.child.take().ok_or_else(|| anyhow!("node is not running"))?;
		// SAFETY: `kill` with a pid we own and a valid signal has no memory effects.
		unsafe {
			libc::kill(child.id() as libc::pid_t, libc::SIGTERM);
		}
		let deadline = Instant::now() + timeout;
		loop {
			if let Some(status) = child.try_wait()? {
				return Ok(status);
			}
			if Instant::now() > deadline {
				child.kill().ok();
				child.wait()?;
				bail!("{} did not stop within {timeout:?} of SIGTERM", self.config.name);
			}
			std::thread::sleep(Duration::from_millis(50));
		}
	}

	/// Starts the node again with the same configuration and base path.
	pub fn restart(&mut self) -> Result<()> {
		if self.child.is_some() {
			bail!("{} is still running", self.config.name);
		}
		self.spawn()
	}

	/// A JSON-RPC client connected to the node.
	pub async fn client(&self) -> Result<WsClient> {
		WsClientBuilder::default()
			.request_timeout(Duration::from_secs(30))
			.build(self.config.rpc_url())
			.await
			.with_context(|| format!("connecting to {}", self.config.rpc_url()))
	}

	/// Waits until the node answers JSON-RPC, at most `timeout`.
	pub async fn wait_for_rpc(&mut self, timeout: Duration) -> Result<WsClient> {
		let deadline = Instant::now() + timeout;
		loop {
			if !self.is_running() {
				bail!("{} exited; log:\n{}", self.config.name, self.log_tail(20));
			}
			if let Ok(client) = self.client().await {
				if client.request::<Value, _>("system_health", rpc_params![]).await.is_ok() {
					return Ok(client);
				}
			}
			if Instant::now() > deadline {
				bail!(
					"{} did not answer RPC in {timeout:?}; log:\n{}",
					self.config.name,
					self.log_tail(20)
				);
			}
			tokio::time::sleep(Duration::from_millis(200)).await;
		}
	}
}

impl Drop for Node {
	fn drop(&mut self) {
		let _ = self.kill();
	}
}

/// Reading the chain through a node's JSON-RPC.
pub struct Rpc<'a>(pub &'a WsClient);

impl Rpc<'_> {
	/// Calls `method` and decodes its result.
	pub async fn call<T: DeserializeOwned>(
		&self,
		method: &str,
		params: jsonrpsee::core::params::ArrayParams,
	) -> Result<T> {
		self.0.request(method, params).await.with_context(|| format!("calling {method}"))
	}

	/// The number of connected peers.
	pub async fn peers(&self) -> Result<u64> {
		let health: Value = self.call("system_health", rpc_params![]).await?;
		health["peers"].as_u64().ok_or_else(|| anyhow!("bad system_health: {health}"))
	}

	/// The peer id of the node.
	pub async fn peer_id(&self) -> Result<String> {
		self.call("system_localPeerId", rpc_params![]).await
	}

	/// The peer id of the node as the bytes the chain stores (the multihash
	/// its base58 text encodes).
	pub async fn peer_id_bytes(&self) -> Result<Vec<u8>> {
		let text = self.peer_id().await?;
		bs58::decode(&text).into_vec().map_err(|e| anyhow!("peer id {text} is not base58: {e}"))
	}

	/// The hash and number of the best block.
	pub async fn best(&self) -> Result<(String, u64)> {
		let header: Value = self.call("chain_getHeader", rpc_params![]).await?;
		Ok((self.call("chain_getBlockHash", rpc_params![]).await?, block_number(&header)?))
	}

	/// The hash and number of the last finalized block.
	pub async fn finalized(&self) -> Result<(String, u64)> {
		let hash: String = self.call("chain_getFinalizedHead", rpc_params![]).await?;
		let header: Value = self.call("chain_getHeader", rpc_params![hash.clone()]).await?;
		Ok((hash, block_number(&header)?))
	}

	/// The hash of the block at `number` on the node's best chain.
	pub async fn block_hash(&self, number: u64) -> Result<Option<String>> {
		self.call("chain_getBlockHash", rpc_params![number]).await
	}

	/// The header of the block `hash`.
	pub async fn header(&self, hash: &str) -> Result<Value> {
		self.call("chain_getHeader", rpc_params![hash]).await
	}
}

fn block_number(header: &Value) -> Result<u64> {
	let hex = header["number"].as_str().ok_or_else(|| anyhow!("header without number"))?;
	Ok(u64::from_str_radix(hex.trim_start_matches("0x"), 16)?)
}

/// Polls `check` every 250 ms until it returns `Some`, at most `timeout`.
pub async fn wait_until<T, F, Fut>(what: &str, timeout: Duration, mut check: F) -> Result<T>
where
	F: FnMut() -> Fut,
	Fut: std::future::Future<Output = Result<Option<T>>>,
{
	let deadline = Instant::now() + timeout;
	let mut last_error = None;
	loop {
		match check().await {
			Ok(Some(value)) => return Ok(value),
			Ok(None) => {}
			Err(error) => last_error = Some(error),
		}
		if Instant::now() > deadline {
			let why = last_error.map(|e| format!(" (last error: {e:#})")).unwrap_or_default();
			bail!("timed out after {timeout:?} waiting for {what}{why}");
		}
		tokio::time::sleep(Duration::from_millis(250)).await;
	}
}

/// A declaration of the node whose key is `node_key` (hex), by `country` at
/// `address` on `chain`, signed as an operator signs it: with
/// `cadena-node declare-node` and the node's key file (written under `dir`).
pub fn declare_node(
	binary: &Path,
	chain: &str,
	node_key: &str,
	country: &str,
	address: &str,
	dir: &Path,
) -> Result<pallet_consortium::NodeDeclaration> {
	let key_file = dir.join(format!("node-key-{}", &node_key[node_key.len().saturating_sub(8)..]));
	std::fs::write(&key_file, node_key)?;
	let output = Command::new(binary)
		.arg("declare-node")
		.args(["--chain", chain, "--country", country, "--address", address])
		.arg("--node-key-file")
		.arg(&key_file)
		.output()
		.with_context(|| format!("running {}", binary.display()))?;
	ensure!(
		output.status.success(),
		"declare-node failed: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	let json: Value = serde_json::from_slice(&output.stdout).context("declare-node's JSON")?;
	let field = |name: &str| chain::from_hex(json[name].as_str().unwrap_or_default());
	ensure!(json["address"] == address, "declare-node changed the address: {json}");
	Ok(pallet_consortium::NodeDeclaration {
		peer_id: field("peerId")?.try_into().map_err(|_| anyhow!("peer id too long"))?,
		address: address.as_bytes().to_vec().try_into().map_err(|_| anyhow!("address too long"))?,
		signature: field("signature")?.try_into().map_err(|_| anyhow!("not a signature"))?,
	})
}

/// Writes under `dir` the chain spec of a local network whose administrations
/// are the first `validators` of the runtime's development members (MX, CR,
/// PE, CO, GT, PA), and returns its path.
pub fn local_spec(binary: &Path, validators: usize, dir: &Path) -> Result<PathBuf> {
	local_spec_with_code(binary, validators, dir, None)
}

/// Like [`local_spec`], but with the genesis runtime `code` (a released
/// runtime's Wasm, for an upgrade test) instead of the node's own runtime.
pub fn local_spec_with_code(
	binary: &Path,
	validators: usize,
	dir: &Path,
	code: Option<&[u8]>,
) -> Result<PathBuf> {
	let output = Command::new(binary)
		.args(["export-chain-spec", "--chain", "local"])
		.output()
		.with_context(|| format!("running {}", binary.display()))?;
	if !output.status.success() {
		bail!("export-chain-spec failed: {}", String::from_utf8_lossy(&output.stderr));
	}
	let mut spec: Value =
		serde_json::from_slice(&output.stdout).context("reading the local spec")?;
	spec["name"] = format!("CADENA Local Testnet ({validators} validators)").into();
	spec["genesis"]["runtimeGenesis"]["patch"] =
		cadena_runtime::genesis_config_presets::testnet_genesis(validators);
	if let Some(code) = code {
		spec["genesis"]["runtimeGenesis"]["code"] = format!("0x{}", hex::encode(code)).into();
		// A released runtime knows the genesis fields of its own time only:
		// node declarations (runtime 104) are made on chain after it.
		let consortium = &mut spec["genesis"]["runtimeGenesis"]["patch"]["consortium"];
		if let Some(consortium) = consortium.as_object_mut() {
			consortium.remove("nodes");
			consortium.remove("encryptionKeys");
		}
	}
	let path = dir.join(format!("local-{validators}.json"));
	std::fs::write(&path, serde_json::to_vec_pretty(&spec)?)?;
	Ok(path)
}

/// A local network of validators on loopback.
pub struct Network {
	/// The nodes, in validator order (Alice first).
	pub nodes: Vec<Node>,
	binary: PathBuf,
	chain: String,
	bootnode: Option<String>,
	dir: PathBuf,
	/// Arguments every node of the network is started with.
	extra_args: Vec<String>,
	/// The first node's JSON-RPC port, if not a free one.
	first_rpc_port: Option<u16>,
	_temp: Option<tempfile::TempDir>,
}

impl Network {
	/// Starts `validators` validator nodes of `chain` (dev keys Alice, Bob, ...)
	/// under `dir` (a temporary directory if `None`), and waits until each answers RPC.
	pub async fn start(
		binary: &Path,
		chain: &str,
		validators: usize,
		dir: Option<&Path>,
	) -> Result<Self> {
		Self::start_with(binary, chain, validators, dir, &[]).await
	}

	/// [`Network::start`], every node with the further arguments `extra_args`
	/// (say, `--clock-offset-ms`, which all nodes of a network must share).
	pub async fn start_with(
		binary: &Path,
		chain: &str,
		validators: usize,
		dir: Option<&Path>,
		extra_args: &[&str],
	) -> Result<Self> {
		Self::start_on(binary, chain, validators, dir, extra_args, None).await
	}

	/// [`Network::start_with`], the nodes serving JSON-RPC from
	/// `first_rpc_port` on if given (9944, 9945, … for the README's first run).
	pub async fn start_on(
		binary: &Path,
		chain: &str,
		validators: usize,
		dir: Option<&Path>,
		extra_args: &[&str],
		first_rpc_port: Option<u16>,
	) -> Result<Self> {
		if validators == 0 || validators > DEV_KEYS.len() {
			bail!("between 1 and {} validators (the development keys)", DEV_KEYS.len());
		}
		if chain == "dev" && validators != 1 {
			bail!("the `dev` chain has one validator; use `local` for {validators}");
		}
		let (dir, temp) = match dir {
			Some(dir) => {
				std::fs::create_dir_all(dir)?;
				(dir.to_path_buf(), None)
			}
			None => {
				let temp = tempfile::Builder::new().prefix("cadena-net-").tempdir()?;
				(temp.path().to_path_buf(), Some(temp))
			}
		};
		// `local` has four administrations; other sizes get a spec of their own.
		let chain = if chain == "local" && validators != 4 {
			local_spec(binary, validators, &dir)?.display().to_string()
		} else {
			chain.to_string()
		};
		let mut network = Self {
			nodes: Vec::new(),
			binary: binary.to_path_buf(),
			chain,
			bootnode: None,
			dir,
			extra_args: extra_args.iter().map(|a| a.to_string()).collect(),
			first_rpc_port,
			_temp: temp,
		};
		for key in DEV_KEYS.iter().take(validators) {
			network.add_validator(key).await?;
		}
		Ok(network)
	}

	/// Starts one more validator node with the development key `key`
	/// (`alice`, ..., `ferdie`), connected to the first node, and waits until
	/// it answers RPC. Whether it validates is the chain's decision.
	pub async fn add_validator(&mut self, key: &str) -> Result<&mut Node> {
		self.add_validator_with(key, &[]).await
	}

	/// Like [`Network::add_validator`], with further arguments for this node only.
	pub async fn add_validator_with(&mut self, key: &str, args: &[&str]) -> Result<&mut Node> {
		let index = self.nodes.len();
		let mut config = NodeConfig::new(key, &self.chain, &self.dir.join(key), index)?;
		config.dev_key = Some(key.to_string());
		config.bootnodes.extend(self.bootnode.clone());
		config.extra_args.extend(self.extra_args.iter().cloned());
		config.extra_args.extend(args.iter().map(|arg| arg.to_string()));
		// The README's first run: Mexico on 9944, Costa Rica on 9945, …
		if let Some(port) = self.first_rpc_port {
			config.rpc_port = port + index as u16;
		}
		let mut node = Node::start(&self.binary, config)?;
		let client = node.wait_for_rpc(Duration::from_secs(60)).await?;
		if self.bootnode.is_none() {
			let peer_id = Rpc(&client).peer_id().await?;
			self.bootnode =
				Some(format!("/ip4/127.0.0.1/tcp/{}/p2p/{peer_id}", node.config.p2p_port));
		}
		self.nodes.push(node);
		Ok(self.nodes.last_mut().expect("just pushed"))
	}

	/// The `--chain` of the network's nodes.
	pub fn chain(&self) -> &str {
		&self.chain
	}

	/// The first node's multiaddress, which the others boot from.
	pub fn bootnode(&self) -> Option<&str> {
		self.bootnode.as_deref()
	}

	/// The directory holding the nodes' base paths and logs.
	pub fn dir(&self) -> &Path {
		&self.dir
	}

	/// Connects a JSON-RPC client to every running node.
	pub async fn clients(&self) -> Result<Vec<WsClient>> {
		let mut clients = Vec::new();
		for node in &self.nodes {
			clients.push(node.client().await?);
		}
		Ok(clients)
	}

	/// The last lines of every node's log, for failure messages.
	pub fn logs(&self, lines: usize) -> String {
		self.nodes
			.iter()
			.map(|n| format!("--- {} ---\n{}", n.config.name, n.log_tail(lines)))
			.collect::<Vec<_>>()
			.join("\n")
	}

	/// Stops every node with SIGTERM.
	pub fn stop(&mut self) -> Result<()> {
		for node in &mut self.nodes {
			if node.is_running() {
				node.stop(Duration::from_secs(20))?;
			}
		}
		Ok(())
	}
}
