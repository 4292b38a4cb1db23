// Prints an encrypted keystore JSON exactly as the polkadot.js extension
// exports an account (Accounts → ⋮ → Export account): the pair's `toJson`
// with the export password. It made the fixtures in cli/tests/fixtures/:
//
//   node export-keystore.mjs > ../../cli/tests/fixtures/alice-approver.keystore.json
//   node export-keystore.mjs '//Alice//approver' ed25519 'MX approver (ed25519)' \
//     > ../../cli/tests/fixtures/alice-approver-ed25519.keystore.json
//
// Arguments, all optional: secret URI, key type (sr25519, ed25519, ecdsa),
// account name, password. The salt and nonce are random: each run prints a
// different, equally valid, keystore.

import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const [
  suri = '//Alice//approver',
  type = 'sr25519',
  name = 'MX approver',
  password = 'cadena-test-password',
] = process.argv.slice(2);

await cryptoWaitReady();
const keyring = new Keyring({ type, ss58Format: 42 });
const pair = keyring.addFromUri(suri, { name }, type);
process.stdout.write(`${JSON.stringify(pair.toJson(password))}\n`);
