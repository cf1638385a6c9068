import { extractPngCredentialText } from '../baking/png.js';
import { extractSvgCredentialText } from '../baking/svg.js';
import { asList } from './credential-kind.js';
import { fixtureBytes, fixtureJson, fixtureText } from './fixtures.test-support.js';
import { readJwtCredential } from './jwt-credential.js';

/**
 * The trust store the fixtures verify against. The https issuers in the
 * fixtures do not exist on the network; each Data Integrity (or
 * Ed25519Signature2020) proof names its key as ISSUER#MULTIBASE, MULTIBASE
 * being the Ed25519 public key, and a
 * VC-JWT may carry its RSA key in its header. This builds, from the fixtures
 * meant to be valid, the controller document each issuer would serve.
 */

export interface ControllerDocument {
  '@context': string[];
  id: string;
  verificationMethod: Array<Record<string, unknown>>;
  assertionMethod: string[];
}

export class TestTrustStore {
  readonly documents = new Map<string, object>();

  private documentOf(controller: string): ControllerDocument {
    let document = this.documents.get(controller) as ControllerDocument | undefined;
    if (document === undefined) {
      document = { '@context': ['https://www.w3.org/ns/cid/v1'], id: controller, verificationMethod: [], assertionMethod: [] };
      this.documents.set(controller, document);
    }
    return document;
  }

  /** An Ed25519 key named ISSUER#MULTIBASE, listed by ISSUER for issuing. */
  addMultikey(verificationMethod: string): void {
    const [controller = '', publicKeyMultibase = ''] = verificationMethod.split('#');
    if (!/^https?:\/\//.test(controller) || !publicKeyMultibase.startsWith('z6Mk')) return;
    const document = this.documentOf(controller);
    if (document.assertionMethod.includes(verificationMethod)) return;
    document.verificationMethod.push({ id: verificationMethod, type: 'Multikey', controller, publicKeyMultibase });
    document.assertionMethod.push(verificationMethod);
  }

  /** An RSA key (a public JWK), listed by the issuer for issuing. */
  addJwk(controller: string, keyName: string, publicKeyJwk: Record<string, unknown>): void {
    const document = this.documentOf(controller);
    const id = `${controller}#${keyName}`;
    document.verificationMethod.push({ id, type: 'JsonWebKey', controller, publicKeyJwk });
    document.assertionMethod.push(id);
  }

  /** The keys of every Ed25519 proof in a credential and the credentials it bundles (endorsements aside). */
  addKeysOf(credential: unknown): void {
    if (Array.isArray(credential)) {
      credential.forEach((item) => this.addKeysOf(item));
      return;
    }
    if (credential === null || typeof credential !== 'object') return;
    for (const [key, value] of Object.entries(credential as Record<string, unknown>)) {
      if (key === 'endorsement') continue;
      if (key === 'proof') {
        for (const proof of asList(value)) {
          const method = (proof as { type?: unknown; verificationMethod?: unknown }).verificationMethod;
          const type = (proof as { type?: unknown }).type;
          if ((type === 'DataIntegrityProof' || type === 'Ed25519Signature2020') && typeof method === 'string') this.addMultikey(method);
        }
        continue;
      }
      this.addKeysOf(value);
    }
  }

  /** A document (a status list credential) served at a URL. */
  serve(url: string, document: object): void {
    this.documents.set(url, document);
  }
}

/** The fixtures meant to verify, as JSON objects (baked ones unbaked). */
export function validFixtureCredentials(): Array<Record<string, unknown>> {
  return [
    fixtureJson('ob30', 'simple.json'),
    fixtureJson('ob30', 'complete.json'),
    fixtureJson('ob30', 'simple-multiple-proofs.json'),
    fixtureJson('ob30', 'endorsement-valid.json'),
    JSON.parse(extractPngCredentialText(fixtureBytes('ob30', 'simple-json.png')) ?? '{}') as Record<string, unknown>,
    JSON.parse(extractSvgCredentialText(fixtureText('ob30', 'simple-json.svg')) ?? '{}') as Record<string, unknown>,
    fixtureJson('ob30', 'bit-string-list', 'credential-status-revoked.json'),
    fixtureJson('ob30', 'bit-string-list', 'testlist'),
    fixtureJson('clr20', 'simple.json'),
    fixtureJson('clr20', 'complex.json'),
  ];
}

/** The trust store of the fixture issuers, with the revocation fixture's status list served at its URL. */
export function fixtureTrustStore(): TestTrustStore {
  const store = new TestTrustStore();
  for (const credential of validFixtureCredentials()) store.addKeysOf(credential);
  // This record is not signed, but the achievement credential it bundles is, by its issuer's key.
  store.addKeysOf(fixtureJson('clr20', 'simple-noproof.json'));
  const clrJwt = readJwtCredential(fixtureText('clr20', 'simple.jwt'));
  const jwk = clrJwt.header.jwk;
  if (typeof clrJwt.payload.iss === 'string' && jwk !== null && typeof jwk === 'object') store.addJwk(clrJwt.payload.iss, 'rsa-1', jwk as Record<string, unknown>);
  const revoked = fixtureJson('ob30', 'bit-string-list', 'credential-status-revoked.json') as { credentialStatus: { statusListCredential: string } };
  store.serve(revoked.credentialStatus.statusListCredential, fixtureJson('ob30', 'bit-string-list', 'testlist'));
  return store;
}
