/**
 * npm run bench:credentials (and the second half of npm run bench): signing
 * and verifying Open Badges 3.0 credentials, measured on this machine and
 * printed beside their targets. Nothing here is asserted.
 *
 * Side by side on the same generated credentials (shaped as openler's
 * issuance builds them, three skill alignments each):
 * 1. a plain @digitalbazaar/vc issue loop (one thread) against openler's batch
 *    issuance with eddsa-rdfc-2022 (target: 3x);
 * 2. a plain @digitalbazaar/vc verifyCredential loop against openler's batch
 *    verification (target: 3x);
 * 3. VC-JWT issuance, EdDSA (target: 5,000/s) and RS256 (for information).
 *
 * Runs alternate between the two sides, so a busy neighbour slows both; each
 * figure is the best of its runs. OPENLER_BENCH_REPEAT sets the runs (3).
 */
import { availableParallelism, loadavg } from 'node:os';
import { DataIntegrityProof, type ProofSigner } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { createDocumentLoader, type DocumentLoader } from '../src/credentials/jsonld/document-loader.js';
import { generateEd25519KeyPair, generateRsaKeyPair, serializeKeyPair } from '../src/credentials/keys/key-pairs.js';
import { didKeyForEd25519 } from '../src/credentials/dids/did-key.js';
import { createKeyResolver } from '../src/credentials/dids/key-resolver.js';
import { createBatchSigner } from '../src/credentials/proofs/batch-signer.js';
import { createBatchVerifier } from '../src/credentials/proofs/batch-verifier.js';
import { sampleBatch } from '../src/credentials/proofs/batch-samples.js';
import { signVcJwt } from '../src/credentials/proofs/vc-jwt.js';

type JsonObject = Record<string, unknown>;

/** The part of @digitalbazaar/vc (untyped) the baseline calls. */
interface PlainVc {
  issue(options: { credential: JsonObject; suite: DataIntegrityProof; documentLoader: DocumentLoader }): Promise<JsonObject>;
  verifyCredential(options: { credential: JsonObject; suite: DataIntegrityProof; documentLoader: DocumentLoader; checkStatus: () => Promise<{ verified: boolean }> }): Promise<{ verified: boolean; error?: unknown }>;
}

const json = process.argv.includes('--json');
const repeat = Math.max(1, Number(process.env.OPENLER_BENCH_REPEAT ?? 3));
const BASELINE_COUNT = 120;
const BATCH_COUNT = 2_000;
const JWT_COUNT = 4_000;
const RS256_COUNT = 300;

interface Row { name: string; value: number; unit: string; target?: number; note?: string }
const rows: Row[] = [];

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3);
}

function report(row: Row): void {
  rows.push(row);
  if (json) return;
  const figure = `${format(row.value)} ${row.unit}`;
  const target = row.target === undefined ? '' : `target >= ${format(row.target)} ${row.unit}`;
  const verdict = row.target === undefined ? '' : row.value >= row.target ? 'PASS' : 'MISS';
  console.log(`${row.name.padEnd(48)} ${figure.padStart(14)}   ${target.padEnd(22)} ${verdict}${row.note ? `  (${row.note})` : ''}`);
}

/** Per-second rate of the best run: each side's runs alternate with the other's. */
async function alternate(sides: Array<{ count: number; run: () => Promise<unknown> }>): Promise<number[]> {
  const best = sides.map(() => Infinity);
  for (let round = 0; round < repeat; round += 1) {
    for (const [index, side] of sides.entries()) {
      const started = performance.now();
      await side.run();
      best[index] = Math.min(best[index] as number, performance.now() - started);
    }
  }
  return best.map((ms, index) => ((sides[index] as { count: number }).count / ms) * 1000);
}

async function main(): Promise<void> {
  const vc = (await import('@digitalbazaar/vc')) as unknown as PlainVc;
  const documentLoader = createDocumentLoader();
  const keyPair = await generateEd25519KeyPair();
  const rsaKeyPair = await generateRsaKeyPair();
  const { did, verificationMethodId } = await didKeyForEd25519(keyPair.publicKeyMultibase);
  const serialized = serializeKeyPair(keyPair);
  if (serialized.algorithm !== 'Ed25519') throw new Error('expected an Ed25519 key');
  const multikey = await Ed25519Multikey.from({ type: 'Multikey', id: verificationMethodId, controller: did, publicKeyMultibase: serialized.publicKeyMultibase, secretKeyMultibase: serialized.secretKeyMultibase });
  const created = new Date();
  created.setMilliseconds(0);

  const issuer = { id: did, name: 'Example University', url: 'https://example.edu', email: 'badges@example.edu' };
  const credentials = sampleBatch(issuer, BATCH_COUNT);
  const baselineCredentials = credentials.slice(0, BASELINE_COUNT);
  const plainSuite = (): DataIntegrityProof => new DataIntegrityProof({ signer: multikey.signer() as ProofSigner, date: created, cryptosuite: eddsaRdfc2022 });

  if (!json) {
    console.log(`Open Badges 3.0 credentials (VC 2.0, OB 3.0.3, 3 skill alignments, 2 status entries), did:key issuer`);
    console.log(`${availableParallelism()} cores, Node ${process.version}, load ${loadavg().map((load) => load.toFixed(1)).join(' ')}; best of ${repeat} alternating runs\n`);
  }

  // Issuance: the plain loop signs every credential from scratch, one after another.
  let plainSigned: JsonObject[] = [];
  let batchSigned: JsonObject[] = [];
  let shapes = 0;
  const [plainIssue, batchIssue] = await alternate([
    { count: BASELINE_COUNT, run: async () => {
      plainSigned = [];
      for (const credential of baselineCredentials) plainSigned.push(await vc.issue({ credential: structuredClone(credential), suite: plainSuite(), documentLoader }));
    } },
    { count: BATCH_COUNT, run: async () => {
      // A new loader, so a new template cache, each run: compiling the credential shapes is part of the time.
      const signer = createBatchSigner({ documentLoader: createDocumentLoader() });
      batchSigned = await signer.signMany(credentials, { keyPair, verificationMethod: verificationMethodId, created });
      shapes = signer.stats.shapes;
      if (signer.stats.standard > 0) throw new Error(`${signer.stats.standard} credentials missed the fast path`);
    } },
  ]) as [number, number];
  const sameProofs = plainSigned.filter((signed, index) => JSON.stringify(signed.proof) === JSON.stringify(batchSigned[index]?.proof)).length;
  report({ name: 'plain @digitalbazaar/vc issue loop, one thread', value: plainIssue, unit: 'cred/s' });
  report({ name: 'openler batch issuance, eddsa-rdfc-2022', value: batchIssue, unit: 'cred/s', note: `${shapes} shapes compiled; ${sameProofs}/${plainSigned.length} proofs identical to vc.issue's` });
  report({ name: '  ratio', value: batchIssue / plainIssue, unit: 'x', target: 3 });

  // Verification of the same signed credentials.
  const resolveKey = createKeyResolver();
  const checkStatus = async (): Promise<{ verified: boolean }> => ({ verified: true });
  let plainVerified = 0;
  let batchVerified = 0;
  const [plainVerify, batchVerify] = await alternate([
    { count: BASELINE_COUNT, run: async () => {
      plainVerified = 0;
      for (const credential of batchSigned.slice(0, BASELINE_COUNT)) {
        const result = await vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), documentLoader, checkStatus });
        if (result.verified) plainVerified += 1;
      }
    } },
    { count: BATCH_COUNT, run: async () => {
      const verifier = createBatchVerifier({ documentLoader: createDocumentLoader(), resolveKey });
      batchVerified = (await verifier.verifyMany(batchSigned)).filter((verdict) => verdict.verified).length;
    } },
  ]) as [number, number];
  report({ name: 'plain @digitalbazaar/vc verify loop, one thread', value: plainVerify, unit: 'cred/s', note: `${plainVerified}/${BASELINE_COUNT} verified` });
  report({ name: 'openler batch verification', value: batchVerify, unit: 'cred/s', note: `${batchVerified}/${BATCH_COUNT} verified` });
  report({ name: '  ratio', value: batchVerify / plainVerify, unit: 'x', target: 3 });

  // VC-JWT: the same credentials as compact JWS, OB 3.0 claims.
  const jwtCredentials = Array.from({ length: JWT_COUNT }, (_, index) => credentials[index % credentials.length] as JsonObject);
  const [eddsa, rs256] = await alternate([
    { count: JWT_COUNT, run: async () => { for (const credential of jwtCredentials) await signVcJwt(credential, { keyPair, kid: verificationMethodId }); } },
    { count: RS256_COUNT, run: async () => { for (const credential of jwtCredentials.slice(0, RS256_COUNT)) await signVcJwt(credential, { keyPair: rsaKeyPair, kid: `${did}#rsa` }); } },
  ]) as [number, number];
  report({ name: 'VC-JWT issuance, EdDSA, one thread', value: eddsa, unit: 'jwt/s', target: 5_000 });
  report({ name: 'VC-JWT issuance, RS256, one thread', value: rs256, unit: 'jwt/s', note: 'for information' });

  if (json) console.log(JSON.stringify({ repeat, cores: availableParallelism(), rows }, null, 2));
}

await main();
