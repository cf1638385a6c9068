import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OpenlerError } from '../../common/errors.js';
import { fixtureJson, fixtureText } from './fixtures.test-support.js';
import { readCredentialInput, type BakedImageReaders } from './input.js';

/** Image readers that report what they were given, for inputs that are not images. */
const noImages: BakedImageReaders = {
  png: () => {
    throw new Error('not expected: png');
  },
  svg: () => {
    throw new Error('not expected: svg');
  },
};

function isBadRequest(pattern: RegExp) {
  return (error: unknown) => error instanceof OpenlerError && error.code === 'bad_request' && pattern.test(error.message);
}

test('a parsed object, JSON text and JSON bytes are read as JSON credentials', async () => {
  const credential = fixtureJson('ob30', 'simple.json');
  assert.deepEqual(await readCredentialInput(credential, noImages), { format: 'json', credential });
  const text = fixtureText('ob30', 'simple.json');
  assert.deepEqual((await readCredentialInput(`\uFEFF${text}`, noImages)).credential, credential);
  assert.deepEqual((await readCredentialInput(new TextEncoder().encode(text), noImages)).credential, credential);
});

test('a VC-JWT is read with its claims standing in for what the vc claim leaves out', async () => {
  const read = await readCredentialInput(fixtureText('ob30', 'simple.jwt'), noImages);
  assert.equal(read.format, 'jwt');
  assert.equal(read.jwt?.header.alg, 'RS256');
  assert.equal(read.credential.id, 'http://example.edu/credentials/3732');
  assert.equal(read.credential.issuanceDate, '2010-01-01T00:00:00Z');
  const bare = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'https://issuer.example', nbf: 1262304000, jti: 'urn:uuid:1', sub: 'did:example:me', exp: 1893456000, vc: { '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiableCredential'], credentialSubject: {} } })).toString('base64url')}.`;
  const filled = (await readCredentialInput(bare, noImages)).credential;
  assert.deepEqual(
    { issuer: filled.issuer, id: filled.id, issuanceDate: filled.issuanceDate, expirationDate: filled.expirationDate, credentialSubject: filled.credentialSubject },
    { issuer: 'https://issuer.example', id: 'urn:uuid:1', issuanceDate: '2010-01-01T00:00:00Z', expirationDate: '2030-01-01T00:00:00Z', credentialSubject: { id: 'did:example:me' } },
  );
});

test('baked images are opened by the image readers, and their JSON or JWT content read', async () => {
  const json = fixtureText('ob30', 'simple.json');
  const jwt = fixtureText('clr20', 'simple.jwt').trim();
  const images: BakedImageReaders = { png: () => jwt, svg: () => json };
  const png = await readCredentialInput(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), images);
  assert.equal(png.format, 'png');
  assert.equal(png.jwt?.token, jwt);
  const svg = await readCredentialInput('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>', images);
  assert.equal(svg.format, 'svg');
  assert.equal(svg.credential.id, 'http://example.com/credentials/3527');
});

test('unusable input is a bad request that names the problem', async () => {
  await assert.rejects(readCredentialInput('{"@context": [', noImages), isBadRequest(/^The input is neither JSON nor a JWT/));
  await assert.rejects(readCredentialInput('hello', noImages), isBadRequest(/neither JSON nor a JWT/));
  await assert.rejects(readCredentialInput('   ', noImages), isBadRequest(/^The input is empty$/));
  await assert.rejects(readCredentialInput('[1, 2]', noImages), isBadRequest(/found an array/));
  await assert.rejects(readCredentialInput('<html><body></body></html>', noImages), isBadRequest(/markup but not an SVG/));
  await assert.rejects(readCredentialInput(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), noImages), isBadRequest(/binary but not a PNG/));
  await assert.rejects(readCredentialInput(42, noImages), isBadRequest(/got number/));
  await assert.rejects(readCredentialInput('e30.e30.', noImages), isBadRequest(/neither a vc claim nor a credential/));
  await assert.rejects(readCredentialInput('eyJ.e30.', noImages), isBadRequest(/header is not base64url-encoded JSON/));
  const empty: BakedImageReaders = { png: () => '', svg: () => 'not json' };
  await assert.rejects(readCredentialInput('<svg></svg>', empty), isBadRequest(/^The credential baked into the SVG is neither JSON nor a JWT/));
});
