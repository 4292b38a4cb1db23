#!/usr/bin/env bash
# The bulk-load benchmark: a register of ROWS certificates (default 100,000,
# one trader each) imported with `cadena import` into a fresh `--dev` node.
# Prints the import's time, the node's resident memory after it, the state's
# bytes per certificate (keys and values of every storage item a row adds),
# and the database's growth per certificate on disk. The import is then run
# again, and must change nothing.
#
#   ./scripts/bench-import.sh [ROWS]
#
# CADENA_BENCH_KEEP=<dir> keeps the populated node's base path there (for
# `cadena-node benchmark storage`, docs/benchmarks.md); CADENA_NODE_ARGS
# adds options to the node's command line.
set -euo pipefail
source "$(dirname "$0")/common.sh"

ROWS="${1:-100000}"
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

"$BIN/cadena-node" --dev --base-path "$DIR/node" --rpc-port "$PORT" --no-prometheus \
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
db_bytes() { du -sb "$DIR/node" | cut -f1; }
BEFORE=$(db_bytes)

echo "importing $ROWS rows into a --dev node"
"$BIN/cadena" --url "ws://127.0.0.1:$PORT" import --file "$DIR/register.csv" \
	--as //Alice//integrator --json >"$DIR/summary.json"
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(f\"{s['created']} created, {s['unchanged']} unchanged, {len(s['refused'])} refused in {s['seconds']:.1f} s ({s['rows']/s['seconds']:.0f} rows/s, {s['transactions']} transactions)\")" "$DIR/summary.json"

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
"$BIN/cadena" --url "ws://127.0.0.1:$PORT" import --file "$DIR/register.csv" \
	--as //Alice//integrator --json >"$DIR/again.json"
python3 -c "import json,sys; s=json.load(open(sys.argv[1])); print(f\"{s['created']} created, {s['unchanged']} unchanged in {s['seconds']:.1f} s, {s['transactions']} transactions\")" "$DIR/again.json"
