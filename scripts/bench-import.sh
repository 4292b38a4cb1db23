#!/usr/bin/env bash
# The bulk-load benchmark: a register of ROWS certificates (default 100,000,
# one trader each) imported with `cadena import` into a fresh `--dev` node.
# Prints the import's time, the node's resident memory after it, the state's
# bytes per certificate (keys and values of every storage item a row adds),
# and the database's growth per certificate on disk. The import is then run
# again, and must change nothing.
#
#   ./scripts/bench-import.sh [ROWS] [READERS]
#
# With READERS (2 to 4), the node is the one validator of a chain of READERS
# administrations (MX, CR, PE, CO: the local preset's first READERS, with
# Alice alone validating); each publishes an encryption key, one MRA among
# them all enters into force, and the import seals every record
# (`--encryption-key-file`) and wraps it for all READERS.
#
# CADENA_BENCH_KEEP=<dir> keeps the populated node's base path there (for
# `cadena-node benchmark storage`, docs/benchmarks.md); CADENA_NODE_ARGS
# adds options to the node's command line, CADENA_IMPORT_ARGS to the
# import's (`--batch 128`).
set -euo pipefail
source "$(dirname "$0")/common.sh"

ROWS="${1:-100000}"
READERS="${2:-1}"
case "$READERS" in 1 | 2 | 3 | 4) ;; *) echo "READERS is 1 to 4" >&2 && exit 2 ;; esac
DIR="$(mktemp -d /tmp/cadena-bench-import.XXXXXX)"
KEEP="${CADENA_BENCH_KEEP:-}"
PORT=9977
cadena_build >/dev/null
BIN="$CARGO_TARGET_DIR/release"

python3 - "$ROWS" "$DIR/register.csv" <<'EOF'
import datetime, sys
rows, path = int(sys.argv[1]), sys.argv[2]
today = datetime.date.today()
authorized = (today - datetime.timedelta(days=400)).isoformat()
expires = (today + datetime.timedelta(days=700)).isoformat()
types = ['AEOS', 'AEOC', 'AEOF']
roles = ['importer;exporter', 'carrier', 'manufacturer;exporter', 'customs_broker',
         'warehouse_keeper;freight_forwarder']
with open(path, 'w') as f:
    f.write('tin,legal_name,trade_name,street,city,postal_code,region,consent,'
            'authorization_number,aeo_type,roles,authorized_on,expires_on\n')
    for n in range(rows):
        f.write(f'MXQ{n:06},Empresa Exportadora Numero {n} S.A. de C.V.,Marca {n},'
                f'Avenida Insurgentes Sur {n},Ciudad de Mexico,{n % 90000 + 10000:05d},MX-CMX,yes,'
                f'MX-AEO-{n:07d},{types[n % 3]},{roles[n % 5]},{authorized},{expires}\n')
EOF

CHAIN=(--dev)
SEAL=()
if [ "$READERS" -gt 1 ]; then
	"$BIN/cadena-node" export-chain-spec --chain local >"$DIR/local.json"
	python3 - "$READERS" "$DIR/local.json" "$DIR/spec.json" <<'EOF'
import json, sys
readers, source, target = int(sys.argv[1]), sys.argv[2], sys.argv[3]
spec = json.load(open(source))
patch = spec["genesis"]["runtimeGenesis"]["patch"]
patch["consortium"]["members"] = patch["consortium"]["members"][:readers]
patch["consortium"]["nodes"] = patch["consortium"]["nodes"][:1]
# Alice alone validates: the other members' validators have no session keys.
patch["session"]["keys"] = patch["session"]["keys"][:1]
spec["name"] = f"CADENA import benchmark ({readers} administrations, one validator)"
json.dump(spec, open(target, "w"))
EOF
	CHAIN=(--chain "$DIR/spec.json" --alice --validator
		--node-key 0000000000000000000000000000000000000000000000000000000000000001)
	SEAL=(--encryption-key-file "$DIR/MX.key")
fi
"$BIN/cadena-node" "${CHAIN[@]}" --base-path "$DIR/node" --rpc-port "$PORT" --no-prometheus \
	--no-telemetry ${CADENA_NODE_ARGS:-} >"$DIR/node.log" 2>&1 &
NODE=$!
finish() {
	kill "$NODE" 2>/dev/null || true
	wait "$NODE" 2>/dev/null || true
	if [ -n "$KEEP" ]; then
		rm -rf "$KEEP" && mv "$DIR/node" "$KEEP" && echo "the populated base path is in $KEEP"
	fi
	rm -rf "$DIR"
}
trap finish EXIT
for _ in $(seq 60); do
	grep -q "finalized #2 " "$DIR/node.log" 2>/dev/null && break
	sleep 1
done
cadena() { "$BIN/cadena" --url "ws://127.0.0.1:$PORT" "$@"; }
if [ "$READERS" -gt 1 ]; then
	countries=(MX CR PE CO)
	admins=(//Alice //Bob //Charlie //Dave)
	for i in $(seq 0 $((READERS - 1))); do
		cadena encryption-key generate --out "$DIR/${countries[$i]}.key" >/dev/null
		cadena encryption-key publish --file "$DIR/${countries[$i]}.key" --suri "${admins[$i]}" \
			--json >/dev/null
	done
	parties=$(IFS=,; echo "${countries[*]:0:$READERS}")
	id=$(cadena mra propose --name "Import benchmark MRA" --parties "$parties" --scope AEOS \
		--suri //Alice --json | python3 -c "import json,sys; print(json.load(sys.stdin)['mra']['id'])")
	for i in $(seq 1 $((READERS - 1))); do
		cadena mra sign "$id" --motion enter-into-force --suri "${admins[$i]}" --json >/dev/null
	done
	echo "MRA $id among $parties in force; each administration published its key"
fi
db_bytes() { du -sb "$DIR/node" | cut -f1; }
BEFORE=$(db_bytes)

if [ "$READERS" -gt 1 ]; then
	echo "importing $ROWS rows, each record sealed and wrapped for $READERS administrations"
else
	echo "importing $ROWS rows into a --dev node"
fi
cadena import --file "$DIR/register.csv" --as //Alice//integrator "${SEAL[@]}" ${CADENA_IMPORT_ARGS:-} \
	--json >"$DIR/summary.json"
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(f\"{s['created']} created, {s['unchanged']} unchanged, {len(s['refused'])} refused in {s['seconds']:.1f} s ({s['rows']/s['seconds']:.0f} rows/s, {s['transactions']} transactions); {s['sealed']} records sealed, {s['shared']} wraps shared\")" "$DIR/summary.json"

sleep 10
awk '/^(VmRSS|RssAnon|RssFile)/ { printf "node %s %d MiB\n", $1, $2 / 1024 }' "/proc/$NODE/status"
AFTER=$(db_bytes)
echo "database on disk: $BEFORE -> $AFTER bytes, $(((AFTER - BEFORE) / ROWS)) bytes per certificate (the state of the last 256 blocks, the blocks, the journal)"

# The state itself: every key and value under the storage items an imported
# row writes, read over RPC at the best block. The prefixes are
# twox128(pallet) ++ twox128(item).
python3 - "$PORT" "$ROWS" <<'EOF'
import json, sys, urllib.request
port, rows = int(sys.argv[1]), int(sys.argv[2])
def rpc(method, params):
    body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": method, "params": params}).encode()
    request = urllib.request.Request(f"http://127.0.0.1:{port}", body, {"Content-Type": "application/json"})
    return json.load(urllib.request.urlopen(request))["result"]
items = {
    "TinRegistry.Traders": "a6fe84a5d648b29120bbd756e195c5e534add9166762e5cfc06d5d1021f46c28",
    "AeoCertificates.Certificates": "510089b32828713781879e9848cf2df9eb8f749cac30d481f2731d971c2994e1",
    "AeoCertificates.CertificatesOf": "510089b32828713781879e9848cf2df93d41757033c27c6daf16ac81d55fefd0",
    "AeoCertificates.History": "510089b32828713781879e9848cf2df9583edf0a9f270578f4cf8464d823bc89",
    "AeoCertificates.ExpiryQueue": "510089b32828713781879e9848cf2df914b0dbb9554640ff47b0c5d79c7e11e0",
    "Confidential.Records": "baba0ea232c8e3f40758b07d65b476cbbb8fcc88c3da5bf159c1e1a5f46fe432",
    "Confidential.Wraps": "baba0ea232c8e3f40758b07d65b476cb5e104a35641e0f48a77ef35e20ebfa7b",
}
best = rpc("chain_getBlockHash", [])
total = 0
for name, prefix in items.items():
    keys, size, start = 0, 0, None
    while True:
        page = rpc("state_getKeysPaged", ["0x" + prefix, 1000, start, best])
        if not page:
            break
        changes = rpc("state_queryStorageAt", [page, best])[0]["changes"]
        keys += len(page)
        size += sum(len(k) // 2 - 1 + (len(v) // 2 - 1 if v else 0) for k, v in changes)
        start = page[-1]
    total += size
    print(f"  {name}: {keys} keys, {size / rows:.0f} bytes per certificate")
print(f"state: {total / rows:.0f} bytes of keys and values per certificate")
EOF

echo "importing the same file again"
cadena import --file "$DIR/register.csv" --as //Alice//integrator "${SEAL[@]}" ${CADENA_IMPORT_ARGS:-} \
	--json >"$DIR/again.json"
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(f\"{s['created']} created, {s['unchanged']} unchanged in {s['seconds']:.1f} s, {s['transactions']} transactions\")" "$DIR/again.json"
