import { readFileSync } from 'node:fs';
import { sharedPath } from '../../../test/shared-data.js';

/**
 * For tests only: the shared fixtures (1EdTech digital-credentials-public-validator
 * test resources, Apache-2.0) and the Open Badges 3.0 specification's Data
 * Integrity test vector, read where they lie at test time and never copied
 * into the repository.
 */

export function readFixtureText(...parts: string[]): string {
  return readFileSync(sharedPath('fixtures', ...parts), 'utf8');
}

export function readFixtureJson(...parts: string[]): Record<string, unknown> {
  return JSON.parse(readFixtureText(...parts)) as Record<string, unknown>;
}

export interface Ob30TestVector {
  publicKeyHex: string;
  /** 64 bytes: the 32-byte seed, then the public key. */
  privateKeyHex: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
  credential: Record<string, unknown>;
  /** The proof before signing (no proofValue). */
  proofOptions: Record<string, unknown>;
  documentHashHex: string;
  proofHashHex: string;
  proofValue: string;
  /** The expected canonical N-Quads. */
  documentCanon: string;
  proofCanon: string;
}

function match(html: string, pattern: RegExp, what: string): string {
  const found = pattern.exec(html)?.[1];
  if (found === undefined) throw new Error(`The OB 3.0 test vector page has no ${what}`);
  return found.trim();
}

/** The text of the first <code> after the heading with this id. */
function codeAfter(html: string, headingId: string): string {
  const start = html.indexOf(`id="${headingId}"`);
  if (start < 0) throw new Error(`The OB 3.0 test vector page has no heading ${headingId}`);
  return match(html.slice(start), /<code\s*>([^<]*)<\/code/, `code after ${headingId}`);
}

/** The JSON inside the <pre> with this title. */
function jsonBlock(html: string, title: string): Record<string, unknown> {
  const start = html.indexOf(`title="${title}">`);
  if (start < 0) throw new Error(`The OB 3.0 test vector page has no block "${title}"`);
  const body = html.slice(start + `title="${title}">`.length);
  return JSON.parse(body.slice(0, body.indexOf('</pre'))) as Record<string, unknown>;
}

export function readOb30TestVector(): Ob30TestVector {
  const html = readFixtureText('ob30-test-vector', 'linked-data-proof-ob.html');
  const proof = jsonBlock(html, 'Proof');
  const { proofValue, ...proofOptions } = proof;
  if (typeof proofValue !== 'string') throw new Error('The OB 3.0 test vector proof has no proofValue');
  return {
    publicKeyHex: match(html, /Public key \(hex\):\s*<code\s*>([0-9a-f]+)<\/code/, 'public key'),
    privateKeyHex: match(html, /Private key \(hex\):\s*<code\s*>([0-9a-f]+)<\/code/, 'private key'),
    publicKeyMultibase: match(html, /publicKeyMultibase: '([^']+)'/, 'publicKeyMultibase'),
    secretKeyMultibase: match(html, /secretKeyMultibase: '([^']+)'/, 'secretKeyMultibase'),
    credential: jsonBlock(html, 'Credential'),
    proofOptions,
    documentHashHex: codeAfter(html, 'ob-document-hash'),
    proofHashHex: codeAfter(html, 'ob-proof-hash'),
    proofValue: codeAfter(html, 'ob-proof-value'),
    documentCanon: readFixtureText('ob30-test-vector', 'document-canon.txt'),
    proofCanon: readFixtureText('ob30-test-vector', 'proof-canon.txt'),
  };
}
