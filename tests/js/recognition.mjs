// CADENA driven through @polkadot/api, as an integrator does, on a running
// MX–CR network: the metadata decodes with no custom types, extrinsics are
// submitted and their events read, and the cadena_* RPC is called with the
// definitions documented in docs/polkadot-js/cadena-rpc.json.
//
//   CADENA_MX_WS=ws://127.0.0.1:9944 CADENA_CR_WS=ws://127.0.0.1:9945 node recognition.mjs

import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { ApiPromise, Keyring, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';

const rpc = JSON.parse(readFileSync(new URL('../../docs/polkadot-js/cadena-rpc.json', import.meta.url)));
const TIN = 'MXJS0101010AAA';
const today = Math.floor(Date.now() / 86_400_000);

function connect(url) {
  return ApiPromise.create({ provider: new WsProvider(url), rpc, noInitWarn: true, throwOnConnect: true });
}

/** Signs and sends `tx`, resolves with its events once finalized; rejects on a failed dispatch. */
function finalized(api, tx, signer) {
  return new Promise((resolve, reject) => {
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (dispatchError) {
        const why = dispatchError.isModule
          ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(dispatchError.asModule))
          : dispatchError.toString();
        reject(new Error(`dispatch failed: ${why}`));
      } else if (status.isFinalized) {
        resolve(events.map(({ event }) => `${event.section}.${event.method}`));
      } else if (status.isInvalid || status.isDropped) {
        reject(new Error(`extrinsic ${status.type}`));
      }
    }).catch(reject);
  });
}

async function main() {
  await cryptoWaitReady();
  const [mx, cr] = await Promise.all([connect(process.env.CADENA_MX_WS), connect(process.env.CADENA_CR_WS)]);
  const keyring = new Keyring({ type: 'sr25519' });
  const [mxAdmin, crAdmin] = [keyring.addFromUri('//Alice'), keyring.addFromUri('//Bob')];
  const [registrar, approver] = [keyring.addFromUri('//Alice//registrar'), keyring.addFromUri('//Alice//approver')];

  // The metadata alone describes every CADENA call, constant and storage item.
  for (const pallet of ['consortium', 'tinRegistry', 'aeoCertificates', 'mra']) {
    assert.ok(mx.tx[pallet], `no ${pallet} calls in the metadata`);
  }
  assert.equal(mx.consts.aeoCertificates.maxHistory.toNumber(), 32);
  assert.deepEqual(mx.tx.aeoCertificates.grant.meta.args.map((a) => a.name.toString()), ['certificate']);

  // MX and CR sign an MRA on security-and-safety AEOs: CR gives MX's
  // exporters priority clearance at import.
  const priority = {
    code: 'PriorityClearance', side: 'Import', roles: ['Exporter'],
    aeoTypes: ['SecurityAndSafety'], parameter: null, condition: 'Always',
  };
  const benefits = [{ issuer: 'MX', recogniser: 'CR', grants: [priority] }];
  const proposed = await finalized(mx, mx.tx.mra.propose('MX-CR AEO MRA (js)', ['MX', 'CR'], ['SecurityAndSafety'], null, today, benefits), mxAdmin);
  assert.ok(proposed.includes('mra.Proposed'), proposed.join());
  const id = (await mx.query.mra.nextMraId()).toNumber() - 1;
  const signed = await finalized(cr, cr.tx.mra.sign(id, 'EnterIntoForce'), crAdmin);
  assert.ok(signed.includes('mra.StatusChanged'), signed.join());
  // polkadot.js's `Json` type turns a top-level array into an object keyed by index.
  const mras = Object.values((await cr.rpc.cadena.mras('CR')).toJSON());
  assert.equal(mras.find((m) => m.id === id).status, 'InForce');

  // CR subscribes from the next finalized block; MX registers the trader and
  // grants its certificate. (polkadot.js resolves a subscription's promise at
  // its first notification: it is awaited at the end.)
  const notifications = [];
  const from = (await cr.rpc.chain.getHeader(await cr.rpc.chain.getFinalizedHead())).number.toNumber() + 1;
  const unsubscribe = cr.rpc.cadena.subscribeRecognitionChanges('CR', from, (n) => notifications.push(n.toJSON()));
  // The registry holds the consent alone: names and addresses go sealed
  // (Confidential.seal, docs/rpc.md "Envelopes").
  await finalized(mx, mx.tx.tinRegistry.register(TIN, { consent: true }), registrar);
  const certificate = {
    number: 'JS-1',
    data: { holder: TIN, aeoType: 'SecurityAndSafety', roles: ['Exporter'], authorizedOn: today - 1 },
    expiresOn: today + 365,
  };
  const granted = await finalized(mx, mx.tx.aeoCertificates.grant(certificate), approver);
  assert.ok(granted.includes('aeoCertificates.CertificateChanged'), granted.join());
  const stored = (await mx.query.aeoCertificates.certificates('MX', 'JS-1')).unwrap();
  assert.equal(stored.status.toString(), 'Active');

  const recognised = (await cr.rpc.cadena.recognition(TIN, 'CR')).toJSON();
  assert.deepEqual([recognised.recognised, recognised.mra], [true, id]);
  // The answer carries what recognition gives, and where it comes from.
  assert.deepEqual(recognised.benefits, [priority]);
  assert.deepEqual(recognised.benefitsFrom, { mra: id, issuer: 'MX', recogniser: 'CR', version: 1 });
  // A risk engine's one call for a declaration, at CR's own node.
  const decision = (await cr.rpc.cadena.decision('CR', 'Import', [{ role: 'Exporter', tin: TIN }])).toJSON();
  assert.deepEqual(decision.benefits, [priority]);
  assert.equal(decision.parties[0].recognised, true);
  const elsewhere = (await cr.rpc.cadena.recognition(TIN, 'PE')).toJSON();
  assert.deepEqual([elsewhere.recognised, elsewhere.reason], [false, 'NoMra']);

  // A reason's text in clear is refused (it is sealed, docs/rpc.md "Envelopes: a reason").
  await assert.rejects(
    finalized(mx, mx.tx.aeoCertificates.suspend({ country: 'MX', number: 'JS-1' }, 12, 'audit'), approver),
    /ReasonNotSealed/,
  );
  // MX suspends it with a reason code alone: CR hears of it from a finalized block.
  await finalized(mx, mx.tx.aeoCertificates.suspend({ country: 'MX', number: 'JS-1' }, 12, ''), approver);
  const deadline = Date.now() + 30_000;
  while (!notifications.some((n) => n.after.reason === 'CertificateSuspended') && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.ok(notifications.some((n) => n.certificate.number === 'JS-1' && n.after.recognised === true), JSON.stringify(notifications));
  assert.ok(notifications.some((n) => n.after.reason === 'CertificateSuspended'), JSON.stringify(notifications));
  const now = (await cr.rpc.cadena.certificateRecognition({ country: 'MX', number: 'JS-1' }, 'CR')).toJSON();
  assert.equal(now.reason, 'CertificateSuspended');

  (await unsubscribe)();
  await Promise.all([mx.disconnect(), cr.disconnect()]);
  console.log(`polkadot.js ${mx.libraryInfo}: MRA ${id} signed, certificate granted and suspended, ${notifications.length} notifications`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
