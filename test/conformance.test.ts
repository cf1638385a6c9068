import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, sign } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import jsonld from 'jsonld';
import { resolveDidKey, didKeyForEd25519 } from '../src/credentials/dids/did-key.js';
import { createDocumentLoader } from '../src/credentials/jsonld/document-loader.js';
import { base58btc, decodeBase58btc } from '../src/credentials/keys/base58.js';
import { generateEd25519KeyPair, type Ed25519KeyPair } from '../src/credentials/keys/key-pairs.js';
import { canonicalForms, signDataIntegrity } from '../src/credentials/proofs/data-integrity.js';
import { startServer, type RunningServer } from './server.js';

/*
 * The public W3C and CCG conformance suites for VC-API issuers and verifiers,
 * eddsa-rdfc-2022 (with the Data Integrity assertions it runs), the VC 2.0
 * data model and Bitstring Status List, checked offline: each `describe`
 * names a suite, each `it` the assertion (or group of assertions) it checks,
 * against the real server over HTTP. The suites themselves need the network;
 * docs/conformance.md maps their assertions to these tests. Every credential
 * here is made up for these tests.
 */

type Json = Record<string, unknown>;

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';
const PUBLIC_URL = 'https://openler.test';
/** XML Schema 1.1 dateTimeStamp: a date, a time and a zone (Z or an offset). */
const DATE_TIME_STAMP = /^-?(?:[1-9]\d{3,}|0\d{3})-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?|24:00:00(?:\.0+)?)(?:Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/;
const BASE58BTC = /^[1-9A-HJ-NP-Za-km-z]+$/;

const documentLoader = createDocumentLoader();
const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();
const clone = <T>(value: T): T => structuredClone(value);
const asArray = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const secondsNow = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** JSON Canonicalization (RFC 8785) for the plain values these tests use: keys sorted, no spaces. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Json).filter(([, item]) => item !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('conformance with the W3C and CCG VC suites (offline)', () => {
  let server: RunningServer;
  let apiKey: string;
  /** The organization's issuer identified by its https profile URL. */
  let httpsIssuer: string;
  /** The organization's issuer identified by did:key, as the suites configure their issuers. */
  let didKeyIssuer: string;
  /** A holder or foreign issuer: a did:key whose key the tests hold. */
  let foreignKey: Ed25519KeyPair;
  let foreignDid: string;
  let foreignMethod: string;

  const call = async (path: string, body: unknown, withKey = false) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(withKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  /** Dereferences one of openler's public URLs on the test server (the public URL stands for where the world reaches it). */
  const dereference = async (url: string): Promise<Json> => {
    assert.ok(url.startsWith(`${PUBLIC_URL}/`), `${url} is one of openler's public URLs`);
    const response = await fetch(`${server.url}${url.slice(PUBLIC_URL.length)}`, { headers: { accept: 'application/ld+json, application/json' } });
    assert.equal(response.status, 200, `GET ${url}`);
    return (await response.json()) as Json;
  };
  const issue = (credential: unknown, options?: Json) => call('/credentials/issue', options === undefined ? { credential } : { credential, options }, true);
  const issued = async (credential: unknown): Promise<Json> => {
    const answer = await issue(credential);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    return answer.body.verifiableCredential as Json;
  };
  const verify = (verifiableCredential: unknown, options: Json = { checks: ['proof'] }) => call('/credentials/verify', { verifiableCredential, options });
  const assertVerifies = async (credential: unknown, options?: Json) => {
    const answer = await verify(credential, options);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.equal(answer.body.verified, true);
  };
  /** The suites accept 400 (the VC-API suites insist on it) and, for Data Integrity, 422. */
  const assertRefused = async (credential: unknown, why: string, options?: Json) => {
    const answer = await verify(credential, options);
    assert.equal(answer.status, 400, `${why}: ${JSON.stringify(answer.body)}`);
    if ('verified' in answer.body) assert.equal(answer.body.verified, false, why);
  };
  const assertIssueRefused = async (credential: unknown, why: string) => {
    const answer = await issue(credential);
    assert.equal(answer.status, 400, `${why}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.verifiableCredential, undefined, why);
  };

  /** A minimal VC 2.0 credential of the kind the suites send. */
  const unsigned = (issuer: unknown, extra: Json = {}): Json => ({
    '@context': [VC_V2],
    type: ['VerifiableCredential'],
    issuer,
    credentialSubject: { id: 'did:example:learner-7', name: 'Completed the orientation course' },
    ...extra,
  });
  /** A credential signed by the foreign did:key, as the verifier suites sign their vectors. */
  const foreignSigned = async (extra: Json = {}, credential?: Json): Promise<Json> =>
    signDataIntegrity(credential ?? unsigned(foreignDid, { id: 'urn:uuid:3f6b1c1e-7d1c-4c44-9a55-1d9a2f0b6e01', ...extra }), {
      keyPair: foreignKey, verificationMethod: foreignMethod, documentLoader,
    });
  /**
   * An eddsa-rdfc-2022 style signature over any proof options: hash of the
   * canonical proof options, then of the canonical document, signed with the
   * foreign key. It lets a test make a proof whose signature is right but
   * whose options (purpose, cryptosuite, date, key) a verifier must refuse.
   */
  const craftProof = async (document: Json, options: Json, canonicalization: 'rdfc' | 'jcs' = 'rdfc'): Promise<Json> => {
    const body = { ...document };
    delete body.proof;
    let documentForm: string;
    let optionsForm: string;
    if (canonicalization === 'rdfc') {
      const forms = await canonicalForms(body, options, documentLoader);
      documentForm = forms.document;
      optionsForm = forms.proof;
    } else {
      documentForm = canonicalJson(body);
      optionsForm = canonicalJson({ '@context': body['@context'], ...options });
    }
    const signature = sign(null, Buffer.concat([sha256(optionsForm), sha256(documentForm)]), foreignKey.privateKey);
    return { ...body, proof: { ...options, proofValue: `z${base58btc(signature)}` } };
  };
  const proofOptions = (extra: Json = {}): Json => ({
    type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: secondsNow(),
    verificationMethod: foreignMethod, proofPurpose: 'assertionMethod', ...extra,
  });

  before(async () => {
    server = await startServer({ publicUrl: PUBLIC_URL });
    const org = await server.context.orgs.create({ slug: 'riverside', name: 'Riverside Institute', kind: 'institution' });
    apiKey = (await server.context.orgs.createKey(org.slug, { name: 'conformance', scopes: ['credentials:issue'] })).secret;
    httpsIssuer = (await server.context.credentials.issuers.create(org.id, { name: 'Riverside Institute' })).issuerId;
    didKeyIssuer = (await server.context.credentials.issuers.create(org.id, { name: 'Riverside Institute (did:key)', identifier: 'did:key' })).issuerId;
    foreignKey = await generateEd25519KeyPair();
    const did = await didKeyForEd25519(foreignKey.publicKeyMultibase);
    foreignDid = did.did;
    foreignMethod = did.verificationMethodId;
  });
  after(async () => server.close());

  // w3c-ccg/vc-api-issuer-test-suite: POST /credentials/issue with {credential, options}.
  describe('VC-API issuer suite', () => {
    it('MUST successfully issue a credential: 201, the credential in verifiableCredential, with @context, type, id, issuer, credentialSubject and proof', async () => {
      const answer = await issue(unsigned(didKeyIssuer), {});
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const vc = answer.body.verifiableCredential as Json;
      assert.ok(Array.isArray(vc['@context']));
      assert.ok(asArray(vc.type).includes('VerifiableCredential'));
      assert.equal(typeof vc.id, 'string');
      assert.equal(vc.issuer, didKeyIssuer);
      const subject = vc.credentialSubject as Json;
      assert.ok(Object.keys(subject).length > 0);
      assert.equal(typeof vc.proof, 'object');
      assert.ok(!Array.isArray(vc.proof));
    });

    it('Request body MUST have property "credential": 400, not 401', async () => {
      const answer = await call('/credentials/issue', { verifiableCredential: unsigned(didKeyIssuer) }, true);
      assert.equal(answer.status, 400, JSON.stringify(answer.body));
    });

    it('credential MUST have "@context", an array of strings or objects', async () => {
      const noContext = unsigned(didKeyIssuer);
      delete noContext['@context'];
      await assertIssueRefused(noContext, 'no @context');
      for (const context of [4, false, null, [], 'https://www.w3.org/ns/credentials/v2', [{ foo: true }, 4, false, null]]) {
        await assertIssueRefused(unsigned(didKeyIssuer, { '@context': context }), `@context ${JSON.stringify(context)}`);
      }
    });

    it('credential MUST have "type", an array of strings', async () => {
      const noType = unsigned(didKeyIssuer);
      delete noType.type;
      await assertIssueRefused(noType, 'no type');
      for (const type of [4, null, true, [], [2, null, { foo: true }, false]]) {
        await assertIssueRefused(unsigned(didKeyIssuer, { type }), `type ${JSON.stringify(type)}`);
      }
    });

    it('credential MUST have "issuer", a string or an object with an id', async () => {
      const noIssuer = unsigned(didKeyIssuer);
      delete noIssuer.issuer;
      await assertIssueRefused(noIssuer, 'no issuer');
      for (const issuer of [null, true, 4, []]) await assertIssueRefused(unsigned(issuer), `issuer ${JSON.stringify(issuer)}`);
      const asObject = await issued(unsigned({ id: didKeyIssuer, name: 'Riverside Institute' }));
      assert.equal((asObject.issuer as Json).id, didKeyIssuer);
    });

    it('credential MUST have "credentialSubject", an object', async () => {
      const noSubject = unsigned(didKeyIssuer);
      delete noSubject.credentialSubject;
      await assertIssueRefused(noSubject, 'no credentialSubject');
      for (const subject of [null, true, 4, [], 'did:example:1234', [null, true, 4]]) {
        await assertIssueRefused(unsigned(didKeyIssuer, { credentialSubject: subject }), `credentialSubject ${JSON.stringify(subject)}`);
      }
    });

    it('credential MAY have "expirationDate" (VC 1.1)', async () => {
      const oneYearOn = new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      const vc = await issued({ ...unsigned(didKeyIssuer, { '@context': [VC_V1], credentialSubject: { id: 'did:example:learner-7' } }), issuanceDate: secondsNow(), expirationDate: oneYearOn });
      assert.equal(vc.expirationDate, oneYearOn);
      await assertVerifies(vc);
    });
  });

  // w3c-ccg/vc-api-verifier-test-suite: POST /credentials/verify with {verifiableCredential, options: {checks: ['proof']}}; 200 valid, 400 invalid.
  describe('VC-API verifier suite', () => {
    let valid: Json;
    before(async () => {
      valid = await foreignSigned({ '@context': [VC_V2, EXAMPLES_V2], type: ['VerifiableCredential', 'ExampleAlumniCredential'], validFrom: '2024-01-01T00:00:00Z' });
    });

    it('MUST verify a valid VC (a foreign did:key issuer, resolved offline)', async () => {
      await assertVerifies(valid);
    });

    it('MUST not verify when @context, type, issuer, credentialSubject, proof or a proof property is missing', async () => {
      for (const field of ['@context', 'type', 'issuer', 'credentialSubject', 'proof']) {
        const broken = clone(valid);
        delete broken[field];
        await assertRefused(broken, `no ${field}`);
      }
      for (const field of ['type', 'created', 'verificationMethod', 'proofValue', 'proofPurpose']) {
        const broken = clone(valid);
        delete (broken.proof as Json)[field];
        await assertRefused(broken, `no proof.${field}`);
      }
    });

    it('MUST not verify when @context, type, issuer, credentialSubject or proof has the wrong shape', async () => {
      const cases: Array<[string, unknown[]]> = [
        ['@context', ['string', {}, null, 10, true, [[]], [{}], [null], [10], [true]]],
        ['type', ['string', {}, null, 10, true, [[]], [{}], [null], [10], [true]]],
        ['issuer', [[], null, 10, true]],
        ['credentialSubject', ['string', null, 10, true, []]],
        ['proof', ['string', null, 10, true, []]],
      ];
      for (const [field, values] of cases) {
        for (const value of values) await assertRefused({ ...clone(valid), [field]: value }, `${field} ${JSON.stringify(value)}`);
      }
    });

    it('MUST verify the suite\'s kind of vector: an https issuer, signed by a did:key it does not list, checked for its proof alone', async () => {
      const elsewhere = await foreignSigned({}, unsigned('https://school.example/issuers/14', { id: 'urn:uuid:9d0a4f7e-2b8e-4a59-9f57-8a1c3e5d7b21' }));
      const proofOnly = await verify(elsewhere);
      assert.equal(proofOnly.status, 200, JSON.stringify(proofOnly.body));
      assert.deepEqual(proofOnly.body.errors, []);
      const issuerWarning = (proofOnly.body.warnings as Json[]).find((warning) => warning.check === 'issuer');
      assert.match(String(issuerWarning?.message), /not among the requested checks/);
      // Asked for every check (no options.checks), or for the issuer by name, the unlisted key fails it.
      for (const options of [{}, { checks: ['proof', 'issuer'] }]) {
        const answer = await verify(elsewhere, options);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.ok((answer.body.errors as Json[]).some((error) => error.check === 'issuer'), JSON.stringify(answer.body));
      }
    });

    it('options.checks narrows what decides: an expired credential verifies for its proof, not for its validity; unknown names are refused', async () => {
      const expired = await foreignSigned({ validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' });
      await assertVerifies(expired, { checks: ['proof'] });
      for (const name of ['validity', 'expiration']) await assertRefused(expired, `checks ${name}`, { checks: ['proof', name] });
      const unknown = await verify(valid, { checks: ['proof', 'telepathy'] });
      assert.equal(unknown.status, 400);
      assert.match(String(unknown.body.detail), /telepathy/);
      // The structure decides whatever is asked: a credential with no subject is never verified.
      const noSubject = clone(valid);
      delete noSubject.credentialSubject;
      await assertRefused(noSubject, 'no subject, checks []', { checks: [] });
    });

    it('answers checks, warnings and errors', async () => {
      const good = await verify(valid);
      assert.ok((good.body.checks as string[]).includes('proof'));
      assert.ok(Array.isArray(good.body.warnings));
      assert.deepEqual(good.body.errors, []);
      const tampered = { ...clone(valid), credentialSubject: { id: 'did:example:learner-7', name: 'Something else' } };
      const bad = await verify(tampered);
      assert.equal(bad.status, 400);
      assert.equal((bad.body.errors as Json[])[0]?.check, 'proof');
    });
  });

  // w3c/vc-di-eddsa-test-suite (issuer side) and w3c-ccg/data-integrity-test-suite-assertion (checkDataIntegrityProofFormat).
  describe('eddsa-rdfc-2022 suite: issuers', () => {
    let vc: Json;
    let proof: Json;
    before(async () => {
      vc = await issued(unsigned(didKeyIssuer, { id: 'urn:uuid:0c5b7e7a-35b4-4d0f-b7a7-0d2f9a1d2c11' }));
      proof = vc.proof as Json;
    });

    it('"proof" MUST be one object or a set of objects; type DataIntegrityProof, cryptosuite eddsa-rdfc-2022, with the VC 2.0 context', () => {
      assert.equal(typeof proof, 'object');
      assert.equal(proof.type, 'DataIntegrityProof');
      assert.equal(proof.cryptosuite, 'eddsa-rdfc-2022');
      assert.ok((vc['@context'] as unknown[]).includes(VC_V2));
    });

    it('the cryptosuite value MUST be a https://w3id.org/security#cryptosuiteString in the JSON-LD data', async () => {
      const [expanded] = (await jsonld.expand(vc, { documentLoader })) as Json[];
      const proofGraphs = asArray(expanded?.['https://w3id.org/security#proof']) as Json[];
      const nodes = proofGraphs.flatMap((graph) => asArray(graph['@graph']) as Json[]);
      const values = nodes.flatMap((node) => asArray(node['https://w3id.org/security#cryptosuite']) as Json[]);
      assert.ok(values.some((value) => value['@type'] === 'https://w3id.org/security#cryptosuiteString' && value['@value'] === 'eddsa-rdfc-2022'), JSON.stringify(values));
    });

    it('proof.created, when there, MUST be an XMLSCHEMA11-2 dateTimeStamp; proof.expires absent or one too', () => {
      assert.match(String(proof.created), DATE_TIME_STAMP);
      if (proof.expires !== undefined) assert.match(String(proof.expires), DATE_TIME_STAMP);
      assert.equal(proof.challenge, undefined);
      assert.equal(proof.domain, undefined);
    });

    it('proof.verificationMethod MUST be a URL; proofPurpose and proofValue strings; an optional proof.id a URL', () => {
      assert.doesNotThrow(() => new URL(String(proof.verificationMethod)));
      assert.equal(proof.proofPurpose, 'assertionMethod');
      assert.equal(typeof proof.proofValue, 'string');
      if (proof.id !== undefined) assert.doesNotThrow(() => new URL(String(proof.id)));
    });

    it('proofValue MUST be multibase base58btc (z) and decode to a 64-byte Ed25519 signature', () => {
      const value = String(proof.proofValue);
      assert.equal(value[0], 'z');
      assert.match(value.slice(1), BASE58BTC);
      assert.equal(decodeBase58btc(value.slice(1)).length, 64);
    });

    it('the verificationMethod MUST dereference to a Multikey whose controller lists it for the proof purpose, with a 34-byte z publicKeyMultibase', async () => {
      const method = await resolveDidKey(String(proof.verificationMethod));
      assert.equal(method.type, 'Multikey');
      const multibase = String(method.publicKeyMultibase);
      assert.equal(multibase[0], 'z');
      assert.match(multibase.slice(1), BASE58BTC);
      const bytes = decodeBase58btc(multibase.slice(1));
      assert.equal(bytes.length, 34);
      assert.deepEqual([...bytes.subarray(0, 2)], [0xed, 0x01], 'the Ed25519 multicodec header');
      const controller = await resolveDidKey(String(method.controller));
      assert.equal(controller.id, didKeyIssuer);
      assert.ok(asArray(controller[String(proof.proofPurpose)]).some((entry) => entry === proof.verificationMethod || (entry as Json | undefined)?.id === proof.verificationMethod));
    });

    it('an https issuer: its verificationMethod dereferences (controller document at the issuer URL) to a Multikey listed for assertionMethod', async () => {
      const httpsVc = await issued(unsigned(httpsIssuer));
      const httpsProof = httpsVc.proof as Json;
      assert.equal(httpsProof.cryptosuite, 'eddsa-rdfc-2022');
      const methodId = String(httpsProof.verificationMethod);
      assert.ok(methodId.startsWith(`${httpsIssuer}#`), methodId);
      const controller = await dereference(httpsIssuer);
      assert.equal(controller.id, httpsIssuer);
      const method = asArray(controller.verificationMethod).find((entry) => (entry as Json).id === methodId) as Json | undefined;
      assert.ok(method, 'the key is listed in the controller document');
      assert.equal(method.type, 'Multikey');
      assert.equal(method.controller, httpsIssuer);
      assert.equal(decodeBase58btc(String(method.publicKeyMultibase).slice(1)).length, 34);
      assert.ok(asArray(controller.assertionMethod).some((entry) => entry === methodId || (entry as Json | undefined)?.id === methodId));
      await assertVerifies(httpsVc);
    });

    it('"proof" MUST verify when using a conformant verifier (openler\'s own, options.checks ["proof"])', async () => {
      await assertVerifies(vc);
    });
  });

  // w3c/vc-di-eddsa-test-suite (verifier side) and checkDataIntegrityProofVerifyErrors of the Data Integrity assertions.
  describe('eddsa-rdfc-2022 suite: verifiers', () => {
    let signed: Json;
    before(async () => {
      signed = await foreignSigned();
    });

    it('verifies a valid eddsa-rdfc-2022 proof, and one whose signature covers hand-built proof options', async () => {
      await assertVerifies(signed);
      await assertVerifies(await craftProof(unsigned(foreignDid), proofOptions()));
    });

    it('a proofValue that does not decode to 64 bytes MUST raise an error', async () => {
      const longer = clone(signed);
      const bytes = decodeBase58btc(String((longer.proof as Json).proofValue).slice(1));
      (longer.proof as Json).proofValue = `z${base58btc(Buffer.concat([bytes, Buffer.alloc(32, 7)]))}`;
      await assertRefused(longer, 'proofValue of 96 bytes');
      const shorter = clone(signed);
      (shorter.proof as Json).proofValue = `z${base58btc(bytes.subarray(0, 40))}`;
      await assertRefused(shorter, 'proofValue of 40 bytes');
    });

    it('fails verification when the credential was not canonicalized with RDFC-1.0 (signed over JCS)', async () => {
      await assertRefused(await craftProof(unsigned(foreignDid), proofOptions(), 'jcs'), 'JCS canonicalization');
    });

    it('a cryptosuite other than "eddsa-rdfc-2022" MUST raise an error, even when signed that way', async () => {
      await assertRefused(await craftProof(unsigned(foreignDid), proofOptions({ cryptosuite: 'unknown-cryptosuite-2017' })), 'unknown cryptosuite');
      await assertRefused(await craftProof(unsigned(foreignDid), proofOptions({ cryptosuite: 'eddsa-jcs-2022' }), 'jcs'), 'eddsa-jcs-2022 is not openler\'s');
    });

    it('Data Integrity: a missing or invalid proof, proof.type, verificationMethod or proofPurpose MUST raise an error', async () => {
      const noProof = clone(signed);
      delete noProof.proof;
      await assertRefused(noProof, 'no proof');
      await assertRefused({ ...clone(signed), proof: null }, 'proof null');
      const noType = clone(signed);
      delete (noType.proof as Json).type;
      await assertRefused(noType, 'no proof.type');
      // An unknown proof type brings no context for the other proof options, so it cannot be signed through JSON-LD: the type is changed after signing.
      const unknownType = clone(signed);
      (unknownType.proof as Json).type = 'UnknownProofType';
      await assertRefused(unknownType, 'unknown proof type');
      const withoutMethod = proofOptions();
      delete withoutMethod.verificationMethod;
      await assertRefused(await craftProof(unsigned(foreignDid), withoutMethod), 'no verificationMethod');
      await assertRefused(await craftProof(unsigned(foreignDid), proofOptions({ verificationMethod: 'did:key:invalidVm' })), 'invalid verificationMethod');
      const withoutPurpose = proofOptions();
      delete withoutPurpose.proofPurpose;
      await assertRefused(await craftProof(unsigned(foreignDid), withoutPurpose), 'no proofPurpose');
      // A purpose the Data Integrity context does not define cannot be signed through JSON-LD in safe mode: it is changed after signing.
      const invalidPurpose = clone(signed);
      (invalidPurpose.proof as Json).proofPurpose = 'invalidPurpose';
      await assertRefused(invalidPurpose, 'invalid proofPurpose');
    });

    it('Data Integrity: a proofPurpose other than options.expectedProofPurpose MUST raise an error', async () => {
      await assertRefused(signed, 'expected authentication', { checks: ['proof'], expectedProofPurpose: 'authentication' });
      await assertVerifies(signed, { checks: ['proof'], expectedProofPurpose: 'assertionMethod' });
    });

    it('Data Integrity: proofValue MUST be there, a string, with the multibase header', async () => {
      for (const value of [undefined, null, String((signed.proof as Json).proofValue).slice(1)]) {
        const broken = clone(signed);
        if (value === undefined) delete (broken.proof as Json).proofValue;
        else (broken.proof as Json).proofValue = value;
        await assertRefused(broken, `proofValue ${JSON.stringify(value)}`);
      }
    });

    it('Data Integrity: proof.created MUST be a dateTimeStamp (with a zone)', async () => {
      await assertRefused(await craftProof(unsigned(foreignDid), proofOptions({ created: 'invalidDate' })), 'created invalidDate');
      await assertRefused(await craftProof(unsigned(foreignDid), proofOptions({ created: secondsNow().replace('Z', '') })), 'created without a zone');
    });

    it('Data Integrity: data dropped by JSON-LD (an undefined term or type) MUST raise an error', async () => {
      const v1: Json = await signDataIntegrity({ ...unsigned(foreignDid, { '@context': [VC_V1] }), credentialSubject: { id: 'did:example:learner-7' }, issuanceDate: '2024-03-01T00:00:00Z' }, {
        keyPair: foreignKey, verificationMethod: foreignMethod, documentLoader,
      });
      await assertVerifies(v1);
      const undefinedTerm = clone(v1);
      (undefinedTerm.credentialSubject as Json).undefinedTerm = 'IfDroppedWouldVerify';
      await assertRefused(undefinedTerm, 'an undefined term added after issuance (VC 1.1, no @vocab)');
      const undefinedType = clone(v1);
      (undefinedType.type as string[]).push('UndefinedType');
      await assertRefused(undefinedType, 'an undefined type added after issuance');
      const v2Term = clone(signed);
      (v2Term.credentialSubject as Json).undefinedTerm = 'added';
      await assertRefused(v2Term, 'a term added after issuance (VC 2.0)');
    });

    it('Data Integrity (authentication): options.challenge and options.domain MUST match the proof\'s', async () => {
      const authenticated = await craftProof(unsigned(foreignDid), proofOptions({ proofPurpose: 'authentication', challenge: 'abc-123', domain: 'verifier.example' }));
      const wrongChallenge = await verify(authenticated, { expectedProofPurpose: 'authentication', challenge: 'zzz-999', domain: 'verifier.example' });
      assert.equal(wrongChallenge.status, 400);
      assert.ok((wrongChallenge.body.errors as Json[]).some((error) => /challenge/.test(String(error.message))), JSON.stringify(wrongChallenge.body));
      const wrongDomain = await verify(authenticated, { expectedProofPurpose: 'authentication', challenge: 'abc-123', domain: 'other.example' });
      assert.equal(wrongDomain.status, 400);
      assert.ok((wrongDomain.body.errors as Json[]).some((error) => /domain/.test(String(error.message))), JSON.stringify(wrongDomain.body));
      const issuedVc = await issued(unsigned(didKeyIssuer));
      const wrongFor = await verify(issuedVc, { challenge: 'abc-123' });
      assert.equal(wrongFor.status, 400, 'an assertion proof made for no challenge does not answer one');
    });
  });

  // w3c/vc-data-model-2.0-test-suite: issuers must refuse what does not conform (any 4xx), and issue what does; verifiers must refuse it too.
  describe('VC 2.0 data model suite', () => {
    it('Contexts: @context is an ordered set whose first item is the VC 2.0 context; later items URLs or objects', async () => {
      const vc = await issued(unsigned(didKeyIssuer));
      assert.equal((vc['@context'] as unknown[])[0], VC_V2);
      await issued(unsigned(didKeyIssuer, { '@context': [VC_V2, EXAMPLES_V2] }));
      await issued(unsigned(didKeyIssuer, { '@context': [VC_V2, { '@vocab': 'https://vocab.example/terms#' }] }));
      await assertIssueRefused(unsigned(didKeyIssuer, { '@context': [EXAMPLES_V2, VC_V2] }), 'VC 2.0 context not first');
      await assertIssueRefused(unsigned(didKeyIssuer, { '@context': [EXAMPLES_V2] }), 'no VC 2.0 context');
      await assertIssueRefused(unsigned(didKeyIssuer, { '@context': [VC_V2, 'https ://not-a-url/contexts/v1'] }), 'a context that is not a URL');
      await assertIssueRefused(unsigned(didKeyIssuer, { '@context': [VC_V2, 123] }), 'a number in @context');
      const answer = await issue(unsigned(didKeyIssuer, { '@context': [VC_V2, 'https://unknown.example/context.jsonld'] }));
      assert.ok(answer.status === 400 || answer.status === 422, JSON.stringify(answer.body));
    });

    it('Identifiers: id, when present, MUST be a single URL', async () => {
      await issued(unsigned(didKeyIssuer, { id: 'urn:uuid:7c1b8a41-0a0f-4bde-8a9b-3c6a5d0e7f21' }));
      await issued(unsigned(didKeyIssuer, { id: 'https://riverside.example/credentials/3732' }));
      for (const id of [null, 'not a url', ['urn:uuid:1', 'urn:uuid:2'], 42]) await assertIssueRefused(unsigned(didKeyIssuer, { id }), `id ${JSON.stringify(id)}`);
      await assertIssueRefused(unsigned(didKeyIssuer, { credentialSubject: { id: ['did:example:a', 'did:example:b'], name: 'x' } }), 'two subject ids');
      await assertIssueRefused(unsigned(didKeyIssuer, { credentialSubject: { id: 'not a url', name: 'x' } }), 'subject id not a URL');
    });

    it('Types: type MUST include VerifiableCredential', async () => {
      await assertIssueRefused(unsigned(didKeyIssuer, { type: ['ExampleCredential'] }), 'no VerifiableCredential');
    });

    it('Issuer: a URL, or an object whose id is a URL', async () => {
      await issued(unsigned({ id: didKeyIssuer }));
      for (const issuer of [null, 'not a url', { id: null }, { id: 'not a url' }, { name: 'no id' }]) {
        await assertIssueRefused(unsigned(issuer), `issuer ${JSON.stringify(issuer)}`);
      }
    });

    it('Credential subject: required; each subject an object with at least one claim', async () => {
      await issued(unsigned(didKeyIssuer, { credentialSubject: [{ id: 'did:example:a', name: 'x' }, { id: 'did:example:b', name: 'y' }] }));
      await assertIssueRefused(unsigned(didKeyIssuer, { credentialSubject: {} }), 'an empty subject');
      await assertIssueRefused(unsigned(didKeyIssuer, { credentialSubject: [{ id: 'did:example:a', name: 'x' }, {}] }), 'an empty subject among others');
    });

    it('Validity period: validFrom and validUntil are dateTimeStamps (zone, fractions allowed); validFrom not after validUntil', async () => {
      await issued(unsigned(didKeyIssuer, { validFrom: '2024-02-25T19:10:39.123Z' }));
      await issued(unsigned(didKeyIssuer, { validFrom: '2024-02-25T19:10:39-06:00' }));
      await issued(unsigned(didKeyIssuer, { validFrom: '2124-01-01T00:00:00Z' }));
      await issued(unsigned(didKeyIssuer, { validUntil: '2099-02-25T19:10:39.5Z' }));
      await issued(unsigned(didKeyIssuer, { validUntil: '2099-02-25T19:10:39+02:00' }));
      for (const field of ['validFrom', 'validUntil']) {
        for (const value of ['2024-02-25', '2024-02-25T19:10:39', 'yesterday', 20240225]) {
          await assertIssueRefused(unsigned(didKeyIssuer, { [field]: value }), `${field} ${JSON.stringify(value)}`);
        }
      }
      await assertIssueRefused(unsigned(didKeyIssuer, { validFrom: '2030-01-01T00:00:00Z', validUntil: '2029-01-01T00:00:00Z' }), 'validFrom after validUntil');
      await issued(unsigned(didKeyIssuer, { validFrom: '2030-01-01T00:00:00Z', validUntil: '2030-01-01T00:00:00Z' }));
    });

    it('Status, data schemas, evidence, terms of use, refresh: each entry MUST have a type (schemas an id too)', async () => {
      await assertIssueRefused(unsigned(didKeyIssuer, { credentialStatus: { id: 'https://riverside.example/status/1#3' } }), 'status without type');
      await assertIssueRefused(unsigned(didKeyIssuer, { credentialSchema: { id: 'https://riverside.example/schema.json' } }), 'schema without type');
      await assertIssueRefused(unsigned(didKeyIssuer, { credentialSchema: { type: 'JsonSchema' } }), 'schema without id');
      await assertIssueRefused(unsigned(didKeyIssuer, { evidence: { id: 'https://riverside.example/evidence/1' } }), 'evidence without type');
      await assertIssueRefused(unsigned(didKeyIssuer, { termsOfUse: { id: 'https://riverside.example/terms' } }), 'terms of use without type');
      await assertIssueRefused(unsigned(didKeyIssuer, { refreshService: { id: 'https://riverside.example/refresh' } }), 'refresh service without type');
      const withEvidence = await issued(unsigned(didKeyIssuer, {
        '@context': [VC_V2, EXAMPLES_V2],
        evidence: [{ id: 'https://riverside.example/evidence/1', type: ['Evidence'] }],
        termsOfUse: { id: 'https://riverside.example/terms', type: 'ExampleTermsOfUse' },
      }));
      await assertVerifies(withEvidence);
    });

    it('the same non-conforming credentials are refused by the verifier, signed or not', async () => {
      const cases: Json[] = [
        { credentialSubject: {} },
        { id: 'not a url' },
        { issuer: 'not a url' },
        { type: ['ExampleCredential'] },
        { validFrom: '2024-02-25' },
        { validFrom: '2030-01-01T00:00:00Z', validUntil: '2029-01-01T00:00:00Z' },
        { evidence: { id: 'https://riverside.example/evidence/1' } },
      ];
      for (const extra of cases) {
        const credential = { ...unsigned(foreignDid, { id: 'urn:uuid:5e1f0c0e-5a41-4b71-8f53-6e1b7b6f0a11' }), ...extra };
        await assertRefused(credential, `unsigned ${JSON.stringify(extra)}`);
        let signedCase: Json | undefined;
        try {
          signedCase = await foreignSigned({}, credential);
        } catch {
          // Some of these cannot even be signed (JSON-LD refuses them); the unsigned refusal above covers them.
        }
        if (signedCase !== undefined) await assertRefused(signedCase, `signed ${JSON.stringify(extra)}`);
      }
      const expired = await foreignSigned({ validFrom: '2020-01-01T00:00:00Z', validUntil: '2021-01-01T00:00:00Z' });
      const answer = await call('/credentials/verify', { verifiableCredential: expired });
      assert.equal(answer.status, 400);
      assert.ok((answer.body.errors as Json[]).some((error) => error.check === 'validity'));
    });

    it('Verifiable presentations: @context first the VC 2.0 context, type VerifiablePresentation; credentials inside verified', async () => {
      const vc = await issued(unsigned(didKeyIssuer));
      const presentation = { '@context': [VC_V2], type: ['VerifiablePresentation'], verifiableCredential: [vc] };
      const ok = await call('/presentations/verify', { verifiablePresentation: presentation, options: { checks: [] } });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      const noContext: Json = clone(presentation);
      delete noContext['@context'];
      for (const [why, vp] of [
        ['no @context', noContext],
        ['context order', { ...clone(presentation), '@context': [EXAMPLES_V2, VC_V2] }],
        ['no base context', { ...clone(presentation), '@context': [EXAMPLES_V2] }],
        ['a number in @context', { ...clone(presentation), '@context': [VC_V2, 123192875] }],
        ['no type', { '@context': [VC_V2], verifiableCredential: [vc] }],
        ['type without VerifiablePresentation', { ...clone(presentation), type: ['ExamplePresentation'] }],
      ] as Array<[string, Json]>) {
        const answer = await call('/presentations/verify', { verifiablePresentation: vp, options: { checks: [] } });
        assert.equal(answer.status, 400, `${why}: ${JSON.stringify(answer.body)}`);
      }
      // A presentation without credentials is allowed, but unsigned it proves nothing.
      const empty: Json = { '@context': [VC_V2], type: 'VerifiablePresentation', holder: foreignDid };
      const unsignedEmpty = await call('/presentations/verify', { verifiablePresentation: empty });
      assert.equal(unsignedEmpty.status, 400, JSON.stringify(unsignedEmpty.body));
      assert.equal(unsignedEmpty.body.verified, false);
      assert.match(String((unsignedEmpty.body.errors as Json[])[0]?.message), /not signed .*no credentials/);
      const signedEmpty = await call('/presentations/verify', { verifiablePresentation: await craftProof(empty, proofOptions({ proofPurpose: 'authentication' })) });
      assert.equal(signedEmpty.status, 200, JSON.stringify(signedEmpty.body));
    });

    it('Verifiable presentations: the holder\'s authentication proof with the expected challenge and domain', async () => {
      const vc = await issued(unsigned(didKeyIssuer));
      const presentation: Json = { '@context': [VC_V2], type: ['VerifiablePresentation'], holder: foreignDid, verifiableCredential: [vc] };
      const signedVp = await craftProof(presentation, proofOptions({ proofPurpose: 'authentication', challenge: 'n-0S6_WzA2Mj', domain: 'verifier.example' }));
      const good = await call('/presentations/verify', { verifiablePresentation: signedVp, options: { challenge: 'n-0S6_WzA2Mj', domain: 'verifier.example' } });
      assert.equal(good.status, 200, JSON.stringify(good.body));
      assert.ok((good.body.checks as string[]).includes('proof'));
      for (const options of [{ challenge: 'another', domain: 'verifier.example' }, { challenge: 'n-0S6_WzA2Mj', domain: 'elsewhere.example' }]) {
        const bad = await call('/presentations/verify', { verifiablePresentation: signedVp, options });
        assert.equal(bad.status, 400, JSON.stringify(options));
      }
      const tampered = { ...clone(signedVp), holder: 'did:example:someone-else' };
      assert.equal((await call('/presentations/verify', { verifiablePresentation: tampered, options: { challenge: 'n-0S6_WzA2Mj', domain: 'verifier.example' } })).status, 400);
    });
  });

  // w3c/vc-bitstring-status-list-test-suite: the issued entry, the published status list credential, and status changes.
  describe('Bitstring Status List suite', () => {
    let vc: Json;
    let entries: Json[];
    before(async () => {
      const answer = await issue({ '@context': [VC_V2], type: ['VerifiableCredential'], issuer: didKeyIssuer, credentialSubject: { id: 'did:example:learner-9' } });
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      vc = answer.body.verifiableCredential as Json;
      entries = asArray(vc.credentialStatus) as Json[];
    });

    const statusList = async (entry: Json) => dereference(String(entry.statusListCredential));
    const decodeList = (encodedList: unknown): Buffer => {
      assert.equal(typeof encodedList, 'string');
      const text = String(encodedList);
      assert.equal(text[0], 'u', 'multibase base64url');
      assert.match(text.slice(1), /^[A-Za-z0-9_-]+$/, 'base64url without padding');
      const compressed = Buffer.from(text.slice(1), 'base64url');
      assert.deepEqual([...compressed.subarray(0, 2)], [0x1f, 0x8b], 'GZIP');
      return gunzipSync(compressed);
    };
    const bitAt = (list: Buffer, index: number): boolean => (((list[Math.floor(index / 8)] ?? 0) >> (7 - (index % 8))) & 1) === 1;

    it('issues with BitstringStatusListEntry entries for revocation and suspension (201)', () => {
      assert.deepEqual(entries.map((entry) => entry.statusPurpose).sort(), ['revocation', 'suspension']);
    });

    it('Entry: type BitstringStatusListEntry; statusPurpose a string; statusListIndex a base-10 integer string >= 0; statusListCredential a URL; id not the list URL', () => {
      for (const entry of entries) {
        assert.equal(entry.type, 'BitstringStatusListEntry');
        assert.equal(typeof entry.statusPurpose, 'string');
        assert.equal(typeof entry.statusListIndex, 'string');
        assert.equal(String(Number.parseInt(String(entry.statusListIndex), 10)), entry.statusListIndex);
        assert.ok(Number.parseInt(String(entry.statusListIndex), 10) >= 0);
        assert.doesNotThrow(() => new URL(String(entry.statusListCredential)));
        if (entry.id !== undefined) {
          assert.doesNotThrow(() => new URL(String(entry.id)));
          assert.notEqual(entry.id, entry.statusListCredential);
        }
        assert.equal(entry.statusSize, undefined, 'one bit per entry: no statusSize, so no statusMessage needed');
      }
    });

    it('Status list credential: dereferenceable; a conforming VC 2.0 credential of type BitstringStatusListCredential from the same issuer, that verifies', async () => {
      for (const entry of entries) {
        const list = await statusList(entry);
        assert.equal((list['@context'] as unknown[])[0], VC_V2);
        assert.ok(Array.isArray(list.type) && list.type.includes('VerifiableCredential') && list.type.includes('BitstringStatusListCredential'));
        assert.equal(list.id, entry.statusListCredential);
        assert.equal(typeof list.id, 'string');
        assert.equal(typeof list.issuer === 'string' ? list.issuer : (list.issuer as Json).id, didKeyIssuer);
        assert.match(String(list.validFrom), DATE_TIME_STAMP);
        assert.equal(typeof list.proof, 'object');
        await assertVerifies(list, { checks: ['proof', 'credentialStatus'] });
      }
    });

    it('Status list: credentialSubject type BitstringStatusList, statusPurpose one or more strings, matching the entry', async () => {
      for (const entry of entries) {
        const subject = (await statusList(entry)).credentialSubject as Json;
        assert.equal(typeof subject.id, 'string');
        assert.equal(subject.type, 'BitstringStatusList');
        assert.ok(asArray(subject.statusPurpose).every((purpose) => typeof purpose === 'string'));
        assert.ok(asArray(subject.statusPurpose).includes(entry.statusPurpose));
      }
    });

    it('encodedList: multibase base64url (no padding) of the GZIP-compressed bitstring, at least 16KB (131,072 bits) uncompressed', async () => {
      for (const entry of entries) {
        const list = decodeList(((await statusList(entry)).credentialSubject as Json).encodedList);
        assert.ok(list.length >= 16 * 1024, `${list.length} bytes`);
        assert.equal(bitAt(list, Number(entry.statusListIndex)), false, 'a new credential is not revoked');
      }
    });

    it('a revoked credential fails verification; its bit is set, index 0 the left-most bit', async () => {
      await assertVerifies(vc, { checks: ['proof', 'credentialStatus'] });
      const revocation = entries.find((entry) => entry.statusPurpose === 'revocation') as Json;
      const changed = await call('/credentials/status', { credentialId: vc.id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'revocation', status: true }] }, true);
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      const list = decodeList(((await statusList(revocation)).credentialSubject as Json).encodedList);
      const index = Number(revocation.statusListIndex);
      assert.equal(bitAt(list, index), true);
      assert.equal(list[Math.floor(index / 8)], 0x80 >> (index % 8), 'only this bit of its byte, counted from the left');
      const refused = await verify(vc, { checks: ['proof', 'credentialStatus'] });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.verified, false);
      assert.ok((refused.body.errors as Json[]).some((error) => error.check === 'status'));
    });

    it('a suspended credential fails verification until reinstated (the status update also takes a single entry object)', async () => {
      const other = await issued({ '@context': [VC_V2], type: ['VerifiableCredential'], issuer: didKeyIssuer, credentialSubject: { id: 'did:example:learner-10' } });
      const suspend = await call('/credentials/status', { credentialId: other.id, credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: true } }, true);
      assert.equal(suspend.status, 200, JSON.stringify(suspend.body));
      assert.equal((await verify(other, { checks: ['proof', 'credentialStatus'] })).status, 400);
      const reinstate = await call('/credentials/status', { credentialId: other.id, credentialStatus: [{ type: 'BitstringStatusListEntry', statusPurpose: 'suspension', status: false }] }, true);
      assert.equal(reinstate.status, 200, JSON.stringify(reinstate.body));
      await assertVerifies(other, { checks: ['proof', 'credentialStatus'] });
    });

    it('a status entry of an unknown type, or pointing at no status list, is refused at issue or fails verification', async () => {
      const revocation = entries.find((entry) => entry.statusPurpose === 'revocation') as Json;
      const cases: Array<[string, Json]> = [
        ['unknown status type', { ...revocation, id: undefined, type: 'UnknownStatusEntry' }],
        ['statusListCredential not a URL', { ...revocation, id: undefined, statusListCredential: 'invalid-statusListCredential' }],
        ['a status list that does not exist', { ...revocation, id: undefined, statusListCredential: `${PUBLIC_URL}/status-lists/no-such-list` }],
      ];
      for (const [why, entry] of cases) {
        const answer = await issue(unsigned(didKeyIssuer, { credentialStatus: JSON.parse(JSON.stringify(entry)) as Json }));
        if (answer.status === 201) await assertRefused(answer.body.verifiableCredential, why, { checks: ['proof', 'credentialStatus'] });
        else assert.ok(answer.status === 400 || answer.status === 422, `${why}: ${JSON.stringify(answer.body)}`);
      }
    });
  });
});
