// CADENA envelopes with standard JavaScript packages: HPKE (RFC 9180) from
// @hpke/core with @hpke/dhkem-x25519 and @hpke/chacha20poly1305, and
// ChaCha20-Poly1305 (RFC 8439) from @noble/ciphers. The format is in
// docs/rpc.md, "Envelopes: the confidential record format"; the Rust side is
// the `cadena-envelope` crate, and envelope/tests/javascript.rs runs this.
//
//   node envelope.mjs <record.json>
//       Opens the record of a fixture (envelope/tests/fixtures/record.json):
//       unwraps the data key with `readerSecretKeyHex` from whichever of its
//       `wraps` is that reader's, opens `ciphertextHex`, prints the plaintext.
//   node envelope.mjs --seal <readerPublicKeyHex> <subject> <version> <plaintext>
//       Seals <plaintext> for that reader and prints the envelope as JSON:
//       {subject, version, ciphertextHex, wraps: [{readerPublicKeyHex, wrapHex}]}.
//   node envelope.mjs --chain <ws-url> <tin> <reader> <secret-key-file>
//       An integrator's client: connects with @polkadot/api, reads the
//       record of <tin> and <reader>'s wrap (a country such as CR, or an
//       SS58 address) with cadena_confidentialRecord, checks the ciphertext
//       against the chain's storage (Confidential.Records, through the
//       metadata), and prints the plaintext.

import { readFileSync } from "node:fs";

import { ApiPromise, WsProvider } from "@polkadot/api";

import { Chacha20Poly1305 } from "@hpke/chacha20poly1305";
import { CipherSuite, HkdfSha256 } from "@hpke/core";
import { DhkemX25519HkdfSha256 } from "@hpke/dhkem-x25519";
import { chacha20poly1305 } from "@noble/ciphers/chacha.js";
import {
  bytesToHex,
  bytesToUtf8,
  concatBytes,
  hexToBytes,
  randomBytes,
  utf8ToBytes,
} from "@noble/ciphers/utils.js";

// RFC 9180 base mode, KEM 0x0020, KDF 0x0001, AEAD 0x0003.
const suite = new CipherSuite({
  kem: new DhkemX25519HkdfSha256(),
  kdf: new HkdfSha256(),
  aead: new Chacha20Poly1305(),
});

// label || u32 LE byte length of subject || subject (UTF-8) || u32 LE version
function bind(label, subject, version) {
  const head = utf8ToBytes(label);
  const body = utf8ToBytes(subject);
  const out = new Uint8Array(head.length + 4 + body.length + 4);
  const view = new DataView(out.buffer);
  out.set(head, 0);
  view.setUint32(head.length, body.length, true);
  out.set(body, head.length + 4);
  view.setUint32(head.length + 4 + body.length, version, true);
  return out;
}
const recordAad = (subject, version) => bind("CADENA record v1", subject, version);
const wrapInfo = (subject, version) => bind("CADENA wrap v1", subject, version);

// A wrap is enc (32) || HPKE-sealed data key (32 + 16): 80 bytes.
async function unwrap(wrap, subject, version, secretKey) {
  if (wrap.length !== 80) throw new Error(`a wrap is 80 bytes, not ${wrap.length}`);
  const recipientKey = await suite.kem.importKey("raw", secretKey.slice().buffer, false);
  const dataKey = await suite.open(
    { recipientKey, enc: wrap.slice(0, 32), info: wrapInfo(subject, version) },
    wrap.slice(32),
  );
  return new Uint8Array(dataKey);
}

// A sealed record is nonce (12) || ciphertext || tag (16).
function open(sealed, subject, version, dataKey) {
  const aead = chacha20poly1305(dataKey, sealed.subarray(0, 12), recordAad(subject, version));
  return aead.decrypt(sealed.subarray(12));
}

async function wrapFor(readerPublicKey, dataKey, subject, version) {
  const recipientPublicKey = await suite.kem.importKey("raw", readerPublicKey.slice().buffer, true);
  const { enc, ct } = await suite.seal(
    { recipientPublicKey, info: wrapInfo(subject, version) },
    dataKey,
  );
  return concatBytes(new Uint8Array(enc), new Uint8Array(ct));
}

function seal(plaintext, subject, version) {
  const dataKey = randomBytes(32); // fresh for every version
  const nonce = randomBytes(12);
  const aead = chacha20poly1305(dataKey, nonce, recordAad(subject, version));
  return { dataKey, sealed: concatBytes(nonce, aead.encrypt(plaintext)) };
}

const unhex = (text) => hexToBytes(text.replace(/^0x/, ""));

async function openFixture(path) {
  const fixture = JSON.parse(readFileSync(path, "utf8"));
  const { subject, version } = fixture;
  // The constructions the documentation spells out, byte for byte.
  for (const [name, mine, theirs] of [
    ["aad", recordAad(subject, version), fixture.aadHex],
    ["info", wrapInfo(subject, version), fixture.infoHex],
  ]) {
    if (theirs !== undefined && bytesToHex(mine) !== theirs) {
      throw new Error(`${name} differs: ${bytesToHex(mine)} here, ${theirs} in ${path}`);
    }
  }
  const secretKey = unhex(fixture.readerSecretKeyHex);
  for (const { wrapHex } of fixture.wraps) {
    let dataKey;
    try {
      dataKey = await unwrap(unhex(wrapHex), subject, version, secretKey);
    } catch {
      continue; // another reader's wrap
    }
    const plaintext = open(unhex(fixture.ciphertextHex), subject, version, dataKey);
    dataKey.fill(0);
    return bytesToUtf8(plaintext);
  }
  throw new Error("no wrap opens with readerSecretKeyHex");
}

async function sealFixture(readerPublicKeyHex, subject, versionText, plaintext) {
  const version = Number(versionText);
  if (!Number.isInteger(version) || version < 0 || version > 0xffffffff) {
    throw new Error(`the version must be a u32, not ${versionText}`);
  }
  const { dataKey, sealed } = seal(utf8ToBytes(plaintext), subject, version);
  const wrap = await wrapFor(unhex(readerPublicKeyHex), dataKey, subject, version);
  dataKey.fill(0);
  return JSON.stringify({
    subject,
    version,
    ciphertextHex: bytesToHex(sealed),
    wraps: [{ readerPublicKeyHex, wrapHex: bytesToHex(wrap) }],
  });
}

async function openOnChain(url, tin, reader, secretKeyFile) {
  const secretKey = unhex(readFileSync(secretKeyFile, "utf8").trim());
  // The cadena_* methods as docs/polkadot-js/cadena-rpc.json defines them.
  const rpc = JSON.parse(
    readFileSync(new URL("../../docs/polkadot-js/cadena-rpc.json", import.meta.url), "utf8"),
  );
  const api = await ApiPromise.create({ provider: new WsProvider(url), rpc, noInitWarn: true });
  try {
    const record = (await api.rpc.cadena.confidentialRecord(tin, reader)).toJSON();
    if (record === null) throw new Error(`${tin} has no confidential record`);
    if (record.wrap === null) {
      throw new Error(`${reader} holds no wrap of ${tin}'s record (entitled: ${record.entitled})`);
    }
    // The same ciphertext, read from storage through the runtime's metadata.
    // A TIN is its country code and its national identifier (text).
    const country = tin.slice(0, 2);
    const key = { country, nationalId: tin.slice(2) };
    const stored = await api.query.confidential.records(country, key);
    const ciphertext = stored.unwrap().ciphertext.toHex();
    if (ciphertext !== record.ciphertext) throw new Error("the RPC and storage disagree");
    const dataKey = await unwrap(unhex(record.wrap.wrap), tin, record.version, secretKey);
    const plaintext = open(unhex(record.ciphertext), tin, record.version, dataKey);
    dataKey.fill(0);
    return bytesToUtf8(plaintext);
  } finally {
    await api.disconnect();
  }
}

const args = process.argv.slice(2);
try {
  if (args[0] === "--seal" && args.length === 5) {
    console.log(await sealFixture(...args.slice(1)));
  } else if (args[0] === "--chain" && args.length === 5) {
    console.log(await openOnChain(...args.slice(1)));
  } else if (args.length === 1 && !args[0].startsWith("--")) {
    console.log(await openFixture(args[0]));
  } else {
    console.error(
      "usage: node envelope.mjs <record.json>\n" +
        "       node envelope.mjs --seal <readerPublicKeyHex> <subject> <version> <plaintext>\n" +
        "       node envelope.mjs --chain <ws-url> <tin> <reader> <secret-key-file>",
    );
    process.exit(2);
  }
} catch (error) {
  console.error(`envelope.mjs: ${error.message ?? error}`);
  process.exit(1);
}
